/** Search terms and query planning for Chinese enterprise names. */
import { describe, expect, it } from 'vitest';
import { nameInitials, normaliseName, planSearch, searchTerms } from './search.ts';

describe('enterprise name search', () => {
  it('normalises full-width letters, case and spaces', () => {
    expect(normaliseName('ＡＢＣ 科技（苏州）')).toBe('abc科技(苏州)');
  });

  it('derives pinyin initials, keeping ASCII letters and digits', () => {
    expect(nameInitials('华为技术有限公司')).toBe('hwjsyxgs');
    expect(nameInitials('昆山3D打印科技')).toBe('ks3ddykj');
  });

  it('stores name and former-name bigrams', () => {
    expect(searchTerms('恒通电子', ['旧名称'])).toEqual(['恒通', '通电', '电子', '旧名', '名称']);
  });

  it('leaves out the legal-form bigrams on both sides, so containment still holds', () => {
    const terms = searchTerms('盛隆服装有限公司', []);
    expect(terms).toEqual(['盛隆', '隆服', '服装', '装有']);
    const plan = planSearch('服装有限公司');
    expect(plan).toEqual({ kind: 'name', text: '服装有限公司', terms: ['服装', '装有'] });
    expect(terms).toEqual(expect.arrayContaining(plan?.kind === 'name' ? plan.terms : ['?']));
    // Nothing left to look up: the text is searched by scanning.
    expect(planSearch('有限公司')).toEqual({ kind: 'name', text: '有限公司', terms: [] });
  });

  it.each([
    ['913205', { kind: 'uscc', prefix: '913205' }],
    ['91', { kind: 'uscc', prefix: '91' }],
    ['9132', { kind: 'uscc', prefix: '9132' }],
    ['n2', { kind: 'name', text: 'n2', terms: ['n2'] }],
    ['y1abcd', { kind: 'uscc', prefix: 'Y1ABCD' }],
    ['hwjs', { kind: 'initials', text: 'hwjs' }],
    ['恒通电子', { kind: 'name', text: '恒通电子', terms: ['恒通', '通电', '电子'] }],
    ['电', { kind: 'name', text: '电', terms: [] }],
    ['   ', null],
  ])('plans a search for %j', (input, plan) => {
    expect(planSearch(input)).toEqual(plan);
  });
});
