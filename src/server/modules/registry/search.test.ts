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

  it('stores name and former-name bigrams and initials bigrams', () => {
    const terms = searchTerms('恒通电子', ['旧名称']);
    expect(terms).toEqual(
      expect.arrayContaining(['恒通', '通电', '电子', '旧名', '名称', '~ht', '~td', '~dz']),
    );
  });

  it.each([
    ['913205', { kind: 'uscc', prefix: '913205' }],
    ['hwjs', { kind: 'initials', text: 'hwjs', terms: ['~hw', '~wj', '~js'] }],
    ['恒通电子', { kind: 'name', text: '恒通电子', terms: ['恒通', '通电', '电子'] }],
    ['电', { kind: 'name', text: '电', terms: [] }],
    ['   ', null],
  ])('plans a search for %j', (input, plan) => {
    expect(planSearch(input)).toEqual(plan);
  });
});
