/** How audit entries read: names from the catalogue, summaries as fields with dates formatted and nesting flattened. */
import { describe, expect, it } from 'vitest';
import { type MessageKey, type Params, translate } from '../../i18n/core.ts';
import { actionName, summaryFields, summaryLine } from './auditText.ts';

const zh = (key: MessageKey, params?: Params) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: Params) => translate('en', key, params);

describe('audit entries in words', () => {
  it('names a catalogued action in both languages and leaves an unknown one to be shown raw', () => {
    expect(actionName('case.accept', zh)).toBe('受理案件');
    expect(actionName('case.accept', en)).toBe('Case accepted');
    expect(actionName('something.new', zh)).toBeNull();
  });

  it('labels known keys, formats dates, and flattens nested objects and arrays', () => {
    const fields = summaryFields(
      {
        number: 'KS-2026-0001',
        deadline: '2026-03-05',
        after: { regionCode: '320583', isActive: true },
        payments: [{ date: '2025-05-20', amount: 50000 }],
        tags: ['a', 'b'],
        custom_key: null,
      },
      zh,
      'zh-CN',
    );
    expect(fields.map((f) => [f.label, f.value])).toEqual([
      ['案件编号', 'KS-2026-0001'],
      ['期限', '2026年3月5日'],
      ['修改后 · 地区代码', '320583'],
      ['修改后 · 启用', '是'],
      ['付款 · 1 · 日期', '2025年5月20日'],
      ['付款 · 1 · 金额（元）', '50,000'],
      ['tags', 'a、b'],
      ['custom_key', '—'],
    ]);
  });

  it('names a case’s coded values as the pages do, and leaves a code its vocabulary does not know', () => {
    const summary = {
      type: 'demand',
      category: 'financing',
      departmentCode: 'sme',
      kind: 'unheard_of',
      region: '320583',
    };
    expect(summaryLine(summary, zh, 'zh-CN')).toMatch(/^类型: 诉求；类别: 融资[^；]*；部门: [^；s]+；/);
    const english = summaryLine(summary, en, 'en');
    expect(english).toContain('Type: Demand');
    expect(english).toContain('Category: Financing');
    expect(english).not.toMatch(/Department: sme\b/);
    expect(english).toContain('unheard_of');
  });

  it('writes a summary on one line in English', () => {
    expect(summaryLine({ ip: '127.0.0.1', failures: 2 }, en, 'en')).toBe(
      'IP address: 127.0.0.1; Failures in a row: 2',
    );
  });
});
