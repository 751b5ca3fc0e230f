/** A department's credit row, validated alone (pure): the table of what is accepted and what is refused, and why. */
import { describe, expect, it } from 'vitest';
import { makeUscc } from '../../../reference/uscc.ts';
import { CREDIT_IMPORT_COLUMNS, validateCreditRow } from './credit.import.rows.ts';

const TODAY = '2026-12-06';
const USCC = makeUscc('91320583MA0000001');
const PENALTY = {
  uscc: USCC,
  category: '行政处罚',
  item: '行政处罚',
  title: '未按规定公示年度报告',
  value_number: '1.5',
  decided_on: '2026-03-15',
  source_ref: '穗天市监罚〔2026〕15号',
};

describe('a credit row', () => {
  it.each([
    {
      name: 'a penalty by Chinese names',
      input: PENALTY,
      expected: { category: 'penalty', item: 'penalty', valueNumber: 1.5 },
    },
    {
      name: 'a tax grade by codes, the value in lower case, a full-width USCC',
      input: {
        ...PENALTY,
        uscc: USCC.replace('9', '９'),
        category: 'tax',
        item: 'credit_grade',
        value_number: '',
        value_text: 'b',
      },
      expected: { category: 'tax', item: 'credit_grade', valueNumber: null, valueText: 'B', uscc: USCC },
    },
    {
      name: 'a date written 2026年3月15日 and an end of publication',
      input: { ...PENALTY, decided_on: '2026年3月15日', publish_until: '2027/3/14' },
      expected: { decidedOn: '2026-03-15', publishUntil: '2027-03-14' },
    },
    {
      name: "the legal representative's name and ID number as personal data",
      input: { ...PENALTY, legal_rep_name: ' 张三 ', legal_rep_id: '32058319900101123x' },
      expected: { personal: { legalRepName: '张三', legalRepId: '32058319900101123X' } },
    },
    {
      name: 'months paid of the last 12, a whole number up to 12',
      input: { ...PENALTY, category: '社会保险', item: 'months_paid', value_number: '12' },
      expected: { category: 'social_insurance', valueNumber: 12 },
    },
  ])('accepts $name', ({ input, expected }) => {
    const result = validateCreditRow(input, 2, TODAY);
    expect(result).toMatchObject({ ok: true, key: input.source_ref, record: expected });
  });

  it.each([
    { name: 'a missing USCC', input: { ...PENALTY, uscc: '' }, field: 'uscc', code: 'IMPORT_VALUE_MISSING' },
    {
      name: 'a USCC with a wrong check character',
      input: { ...PENALTY, uscc: `${USCC.slice(0, 17)}${USCC.endsWith('0') ? '1' : '0'}` },
      field: 'uscc',
      code: 'IMPORT_VALUE_INVALID',
    },
    {
      name: 'a category off the list',
      input: { ...PENALTY, category: '天气' },
      field: 'category',
      code: 'IMPORT_VALUE_INVALID',
    },
    {
      name: 'an item of another category',
      input: { ...PENALTY, item: '专利' },
      field: 'item',
      code: 'IMPORT_VALUE_INVALID',
    },
    {
      name: 'a title over 200 characters',
      input: { ...PENALTY, title: '长'.repeat(201) },
      field: 'title',
      code: 'IMPORT_VALUE_INVALID',
    },
    {
      name: "a penalty's missing amount",
      input: { ...PENALTY, value_number: '' },
      field: 'value_number',
      code: 'IMPORT_VALUE_MISSING',
    },
    {
      name: 'a negative amount',
      input: { ...PENALTY, value_number: '-1' },
      field: 'value_number',
      code: 'IMPORT_VALUE_INVALID',
    },
    {
      name: 'a number where the item takes none',
      input: { ...PENALTY, category: 'ip', item: 'patent', value_number: '3' },
      field: 'value_number',
      code: 'IMPORT_VALUE_INVALID',
    },
    {
      name: 'a value where the item takes none',
      input: { ...PENALTY, value_text: 'A' },
      field: 'value_text',
      code: 'IMPORT_VALUE_INVALID',
    },
    {
      name: 'a grade not on the scale',
      input: { ...PENALTY, category: 'tax', item: 'credit_grade', value_number: '', value_text: 'E' },
      field: 'value_text',
      code: 'IMPORT_VALUE_INVALID',
    },
    {
      name: '13 months of 12',
      input: { ...PENALTY, category: 'housing_fund', item: 'months_paid', value_number: '13' },
      field: 'value_number',
      code: 'IMPORT_VALUE_INVALID',
    },
    {
      name: 'a decision after today',
      input: { ...PENALTY, decided_on: '2026-12-07' },
      field: 'decided_on',
      code: 'IMPORT_VALUE_INVALID',
    },
    {
      name: 'a date that does not exist',
      input: { ...PENALTY, decided_on: '2026-02-30' },
      field: 'decided_on',
      code: 'IMPORT_VALUE_INVALID',
    },
    {
      name: 'an end of publication before the decision',
      input: { ...PENALTY, publish_until: '2026-03-14' },
      field: 'publish_until',
      code: 'IMPORT_VALUE_INVALID',
    },
    {
      name: 'a missing record number',
      input: { ...PENALTY, source_ref: '' },
      field: 'source_ref',
      code: 'IMPORT_VALUE_MISSING',
    },
  ])('refuses $name, naming the field', ({ input, field, code }) => {
    expect(validateCreditRow(input, 7, TODAY)).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([expect.objectContaining({ row: 7, field, code })]),
    });
  });

  it('names the allowed categories and items by their names in either language, never by code', () => {
    const result = validateCreditRow({ ...PENALTY, category: '纳税', item: '不存在的事项' }, 3, TODAY);
    expect(result.ok).toBe(false);
    const error = !result.ok ? result.errors.find((e) => e.field === 'item') : undefined;
    expect(error?.message.zh).toBe('事项“不存在的事项”不属于该类别，应为：纳税信用等级、年度纳税额');
    expect(error?.message.en).toBe(
      'Item "不存在的事项" is not an item of Tax; use one of Tax credit grade; Tax paid in the year',
    );
    const category = validateCreditRow({ ...PENALTY, category: 'weather' }, 3, TODAY);
    const categoryError = !category.ok ? category.errors.find((e) => e.field === 'category') : undefined;
    expect(categoryError?.message.en).toContain('use one of Registration; Licences;');
    expect(categoryError?.message.en).not.toContain('social_insurance');
  });

  it('offers every column under its Chinese header first, in the template order', () => {
    expect(CREDIT_IMPORT_COLUMNS.map((c) => c.zh)).toEqual([
      '统一社会信用代码',
      '信息类别',
      '事项',
      '内容',
      '数值',
      '取值',
      '决定日期',
      '公示截止日期',
      '来源编号',
      '法定代表人姓名',
      '法定代表人证件号码',
    ]);
  });
});
