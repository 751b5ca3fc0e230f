import { describe, expect, it } from 'vitest';
import type { EnterpriseInput } from '../registry.model.ts';
import { ENTERPRISE_IMPORT_COLUMNS } from './columns.ts';
import { type RowFieldError, type RowValues, validateEnterpriseRow } from './row-validation.ts';

const TODAY = '2026-11-25';
const USCC = '91440106MA59C8LR19';

const BASE: RowValues = {
  uscc: USCC,
  name: '广州市天河区示例科技有限公司',
  region_code: '440106',
  industry_code: 'I6513',
};

function valid(values: RowValues) {
  const result = validateEnterpriseRow(values, 2, TODAY);
  if (!result.ok) throw new Error(`expected valid, got ${JSON.stringify(result.errors)}`);
  return result.record;
}

function errorsOf(values: RowValues, row = 7): RowFieldError[] {
  const result = validateEnterpriseRow(values, row, TODAY);
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.record)}`);
  return result.errors;
}

/** The one error of a row, which must be on `field`. */
function oneError(values: RowValues, field: string): RowFieldError {
  const errors = errorsOf(values);
  expect(errors.map((e) => e.field)).toEqual([field]);
  const error = errors[0] as RowFieldError;
  expect(error.row).toBe(7);
  expect(error.message.zh.length).toBeGreaterThan(0);
  expect(error.message.en.length).toBeGreaterThan(0);
  return error;
}

describe('validateEnterpriseRow: a valid row', () => {
  it('accepts the template example row and builds the full record', () => {
    const example = Object.fromEntries(ENTERPRISE_IMPORT_COLUMNS.map((c) => [c.key, c.example]));
    const record = valid(example);
    const input: EnterpriseInput = record; // the registry's input type
    expect(input).toEqual({
      uscc: USCC,
      name: '广州市天河区示例科技有限公司',
      formerNames: ['广州示例软件有限公司'],
      legalRepresentative: '张三',
      regionCode: '440106',
      industryCode: 'I6513',
      establishedOn: '2018-06-01',
      status: 'active',
      ownershipType: '私营',
      certifications: [
        { name: '高新技术企业', validFrom: '2024-01-01', validTo: '2026-12-31' },
        { name: '专精特新中小企业', validFrom: '2025-03-01', validTo: '2028-02-28' },
      ],
      figures: {
        year: 2024,
        employees: 85,
        operatingRevenue: 3650.5,
        mainBusinessRevenue: 3400,
        totalAssets: 5200,
        totalLiabilities: 2100,
        rdExpense: 420,
        rdStaff: 30,
        taxableIncome: 260,
        vatTaxpayerType: 'general',
      },
    });
  });

  it('accepts the English template example row', () => {
    const example = Object.fromEntries(
      ENTERPRISE_IMPORT_COLUMNS.map((c) => [c.key, c.exampleEn ?? c.example]),
    );
    const record = valid(example);
    expect(record).toMatchObject({ status: 'active', ownershipType: '私营' });
    expect(record.figures?.vatTaxpayerType).toBe('general');
  });

  it('gives nulls and empty lists for absent optional values, and no figures without any figure', () => {
    expect(valid({ ...BASE, year: '2024' })).toEqual({
      uscc: USCC,
      name: BASE.name,
      formerNames: [],
      legalRepresentative: null,
      regionCode: '440106',
      industryCode: 'I6513',
      establishedOn: null,
      status: null,
      ownershipType: null,
      certifications: [],
      figures: null,
    });
  });

  it('normalises the USCC (upper-case, full-width), a 2-digit region and a lower-case industry', () => {
    const record = valid({
      ...BASE,
      uscc: ' ９１４４０１０６ma59c8lr19 ',
      region_code: '44',
      industry_code: 'c13',
    });
    expect(record).toMatchObject({ uscc: USCC, regionCode: '440000', industryCode: 'C13' });
  });

  it('normalises a 4-digit region and an industry class without its section letter', () => {
    expect(valid({ ...BASE, region_code: '4401', industry_code: '6513' })).toMatchObject({
      regionCode: '440100',
      industryCode: 'I6513',
    });
  });

  it('reads figures with thousands separators and full-width digits; persons as whole numbers', () => {
    const record = valid({
      ...BASE,
      year: '2024年',
      employees: '1,200',
      rd_staff: '12.0',
      operating_revenue: '１２３４．５',
      main_business_revenue: '1,000.25',
      total_assets: '0',
      taxable_income: '+7',
    });
    expect(record.figures).toMatchObject({
      year: 2024,
      employees: 1200,
      rdStaff: 12,
      operatingRevenue: 1234.5,
      mainBusinessRevenue: 1000.25,
      totalAssets: 0,
      taxableIncome: 7,
      totalLiabilities: null,
    });
  });

  it.each([
    '2018-06-01',
    '2018/6/1',
    '2018.6.1',
    '2018年6月1日',
    '2018年06月01号',
    '20180601',
    '2018-06-01 00:00:00',
  ])('parses the date form %s', (text) => {
    expect(valid({ ...BASE, established_on: text }).establishedOn).toBe('2018-06-01');
  });

  it.each([
    ['a leap day', '2024-02-29'],
    ['today', TODAY],
  ])('accepts %s as the date of establishment', (_, date) => {
    expect(valid({ ...BASE, established_on: date }).establishedOn).toBe(date);
  });

  it.each([
    ['存续', 'active'],
    ['在业', 'active'],
    ['存续（在营、开业、在册）', 'active'],
    ['停业', 'suspended'],
    ['歇业', 'suspended'],
    ['吊销，未注销', 'revoked'],
    ['注销', 'cancelled'],
    ['Cancelled', 'cancelled'],
    ['ACTIVE', 'active'],
  ])('maps the status %s to %s', (text, status) => {
    expect(valid({ ...BASE, status: text }).status).toBe(status);
  });

  it.each([
    ['私营', '私营'],
    ['民营企业', '私营'],
    ['国有', '国有'],
    ['集体', '集体'],
    ['外资', '外商投资'],
    ['Foreign', '外商投资'],
    ['港澳台投资', '港澳台投资'],
    ['hk_macao_taiwan', '港澳台投资'],
    ['其它', '其他'],
  ])('maps the ownership %s to %s', (text, ownership) => {
    expect(valid({ ...BASE, ownership_type: text }).ownershipType).toBe(ownership);
  });

  it.each([
    ['一般纳税人', 'general'],
    ['小规模纳税人', 'small_scale'],
    ['small-scale', 'small_scale'],
    ['General', 'general'],
  ])('maps the VAT taxpayer type %s to %s', (text, vat) => {
    expect(valid({ ...BASE, year: '2024', vat_taxpayer_type: text }).figures?.vatTaxpayerType).toBe(vat);
  });

  it('splits former names on ; ；and line breaks, dropping duplicates and the current name', () => {
    const record = valid({ ...BASE, former_names: `甲公司；乙公司;甲公司\n${BASE.name};;` });
    expect(record.formerNames).toEqual(['甲公司', '乙公司']);
  });

  it('parses certifications with ~, ～, 至 and open-ended ones', () => {
    const record = valid({
      ...BASE,
      certifications:
        '高新技术企业:2024-01-01~2026-12-31；科技型中小企业：2025/4/1 至 2025/12/31;专精特新中小企业:2025-03-01～2028-02-28;创新型中小企业:2025-01-01',
    });
    expect(record.certifications).toEqual([
      { name: '高新技术企业', validFrom: '2024-01-01', validTo: '2026-12-31' },
      { name: '科技型中小企业', validFrom: '2025-04-01', validTo: '2025-12-31' },
      { name: '专精特新中小企业', validFrom: '2025-03-01', validTo: '2028-02-28' },
      { name: '创新型中小企业', validFrom: '2025-01-01', validTo: null },
    ]);
  });
});

describe('validateEnterpriseRow: errors name their field and row', () => {
  it('required fields', () => {
    const errors = errorsOf({ uscc: ' ', name: null }, 12);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [12, 'uscc'],
      [12, 'name'],
      [12, 'region_code'],
      [12, 'industry_code'],
    ]);
    expect(errors[0]?.message).toEqual({
      zh: '统一社会信用代码不能为空',
      en: 'Unified social credit code is required',
    });
  });

  /** A row with one wrong value: the field its one error is on, and what the message says (if the test says). */
  type OneErrorCase = { values: RowValues; field: string; zh?: string | string[]; en?: string };
  const says = (error: RowFieldError, { zh, en }: OneErrorCase) => {
    for (const part of zh === undefined ? [] : Array.isArray(zh) ? zh : [zh])
      expect(error.message.zh).toContain(part);
    if (en !== undefined) expect(error.message.en).toContain(en);
  };
  const figures = { ...BASE, year: '2024' };

  it.each<[string, OneErrorCase]>([
    ['too short', { values: { ...BASE, uscc: '91440106MA59C8LR1' }, field: 'uscc', zh: '18 位' }],
    [
      'a letter not used',
      { values: { ...BASE, uscc: '91440106MA59C8LRI9' }, field: 'uscc', en: 'I, O, S, V, Z' },
    ],
    [
      'a wrong check character',
      {
        values: { ...BASE, uscc: '91440106MA59C8LR18' },
        field: 'uscc',
        zh: ['校验位', '91440106MA59C8LR18'],
      },
    ],
  ])('USCC: refuses one %s', (_, c) => says(oneError(c.values, c.field), c));

  it.each<[string, OneErrorCase]>([
    ['name', { values: { ...BASE, name: '企'.repeat(201) }, field: 'name' }],
    ['former name', { values: { ...BASE, former_names: `甲;${'乙'.repeat(201)}` }, field: 'former_names' }],
    [
      'legal representative',
      { values: { ...BASE, legal_representative: '张'.repeat(101) }, field: 'legal_representative' },
    ],
  ])('refuses a %s too long', (_, c) => says(oneError(c.values, c.field), c));

  it.each<[string, OneErrorCase]>([
    ['an unknown code', { values: { ...BASE, region_code: '449999' }, field: 'region_code', zh: '不存在' }],
    ['five digits', { values: { ...BASE, region_code: '44010' }, field: 'region_code', en: 'six digits' }],
    ['a name', { values: { ...BASE, region_code: '广州' }, field: 'region_code' }],
  ])('region: refuses %s', (_, c) => says(oneError(c.values, c.field), c));

  it.each<[string, OneErrorCase]>([
    ['Z99', { values: { ...BASE, industry_code: 'Z99' }, field: 'industry_code', en: 'GB/T 4754-2017' }],
    ['A13', { values: { ...BASE, industry_code: 'A13' }, field: 'industry_code' }],
    ['软件', { values: { ...BASE, industry_code: '软件' }, field: 'industry_code' }],
  ])('industry: refuses %s, not a GB/T 4754-2017 code', (_, c) => says(oneError(c.values, c.field), c));

  it.each<[string, OneErrorCase]>([
    ['words', { values: { ...BASE, established_on: '去年' }, field: 'established_on', zh: '不是有效日期' }],
    [
      'a day not in the calendar',
      { values: { ...BASE, established_on: '2023-02-29' }, field: 'established_on', en: 'not a real date' },
    ],
    ['a thirteenth month', { values: { ...BASE, established_on: '2018-13-01' }, field: 'established_on' }],
    ['a month without a day', { values: { ...BASE, established_on: '2018-6' }, field: 'established_on' }],
    [
      'tomorrow',
      { values: { ...BASE, established_on: '2026-11-26' }, field: 'established_on', en: 'after today' },
    ],
    [
      'a day before 1900',
      { values: { ...BASE, established_on: '1899-12-31' }, field: 'established_on', zh: '1900-01-01' },
    ],
  ])('date of establishment: refuses %s', (_, c) => says(oneError(c.values, c.field), c));

  it.each<[string, OneErrorCase]>([
    [
      'status',
      {
        values: { ...BASE, status: '迁出' },
        field: 'status',
        zh: '存续（在业）、停业（歇业）、吊销、注销',
        en: 'active, suspended, revoked, cancelled',
      },
    ],
    [
      'ownership',
      {
        values: { ...BASE, ownership_type: '股份有限公司' },
        field: 'ownership_type',
        zh: '私营、国有、集体、外商投资、港澳台投资、其他',
      },
    ],
    [
      'VAT taxpayer type',
      {
        values: { ...BASE, year: '2024', vat_taxpayer_type: '免税' },
        field: 'vat_taxpayer_type',
        en: 'general, small_scale',
      },
    ],
  ])('lists what is allowed for a wrong %s', (_, c) => says(oneError(c.values, c.field), c));

  it.each<[string, OneErrorCase]>([
    [
      'missing with a figure',
      { values: { ...BASE, employees: '5' }, field: 'year', en: 'required when any figure' },
    ],
    [
      'missing with a VAT taxpayer type',
      { values: { ...BASE, vat_taxpayer_type: '一般纳税人' }, field: 'year' },
    ],
    ['two digits', { values: { ...BASE, year: '24', employees: '5' }, field: 'year' }],
    ['in words', { values: { ...BASE, year: '二〇二四', employees: '5' }, field: 'year' }],
    ['before 1949', { values: { ...BASE, year: '1948', employees: '5' }, field: 'year', zh: '1949 至 2026' }],
    ['after this year', { values: { ...BASE, year: '2027', employees: '5' }, field: 'year' }],
    [
      'before the establishment',
      {
        values: { ...BASE, year: '2017', established_on: '2018-06-01', employees: '5' },
        field: 'year',
        zh: '早于成立日期',
      },
    ],
  ])('year: refuses one %s', (_, c) => says(oneError(c.values, c.field), c));

  it.each<[string, OneErrorCase]>([
    [
      'not a number',
      { values: { ...figures, operating_revenue: '十万' }, field: 'operating_revenue', zh: '应为数字' },
    ],
    [
      'negative',
      { values: { ...figures, total_assets: '-5' }, field: 'total_assets', en: 'must not be negative' },
    ],
    [
      'with an exponent',
      { values: { ...figures, rd_expense: '1.2E+5' }, field: 'rd_expense', zh: '科学计数法' },
    ],
    [
      'with a misplaced separator',
      {
        values: { ...figures, total_liabilities: '1,23' },
        field: 'total_liabilities',
        en: 'thousands separators',
      },
    ],
    [
      'with separators of uneven groups',
      { values: { ...figures, taxable_income: '1,2345.5' }, field: 'taxable_income' },
    ],
    ['NaN', { values: { ...figures, taxable_income: 'NaN' }, field: 'taxable_income' }],
    ['a lone point', { values: { ...figures, taxable_income: '.' }, field: 'taxable_income' }],
    ['half a person', { values: { ...figures, employees: '12.5' }, field: 'employees', zh: '整数' }],
    ['a negative headcount', { values: { ...figures, rd_staff: '-1' }, field: 'rd_staff' }],
    [
      'with three decimals',
      {
        values: { ...figures, operating_revenue: '1.234' },
        field: 'operating_revenue',
        en: 'at most 2 decimals',
      },
    ],
    [
      'too large',
      { values: { ...figures, operating_revenue: '12345678901' }, field: 'operating_revenue', zh: '万元' },
    ],
    ['too many persons', { values: { ...figures, employees: '20000000' }, field: 'employees' }],
  ])('numbers: refuses one %s', (_, c) => says(oneError(c.values, c.field), c));

  it('numbers: accepts trailing zeros after two decimals', () => {
    expect(valid({ ...figures, operating_revenue: '1.2300' }).figures?.operatingRevenue).toBe(1.23);
  });

  it.each<[string, OneErrorCase]>([
    [
      'a main business revenue above the operating revenue',
      {
        values: { ...figures, operating_revenue: '100', main_business_revenue: '101' },
        field: 'main_business_revenue',
      },
    ],
    [
      'more R&D staff than employees',
      { values: { ...figures, employees: '10', rd_staff: '11' }, field: 'rd_staff' },
    ],
  ])('refuses figures that contradict each other: %s', (_, c) => says(oneError(c.values, c.field), c));

  it.each<[string, OneErrorCase]>([
    [
      'a name without dates',
      { values: { ...BASE, certifications: '高新技术企业' }, field: 'certifications', zh: '名称:起始日期' },
    ],
    [
      'dates without a name',
      { values: { ...BASE, certifications: ':2024-01-01~2026-12-31' }, field: 'certifications' },
    ],
    [
      'a wrong start date',
      {
        values: { ...BASE, certifications: '高企:2024-13-01~2026-12-31' },
        field: 'certifications',
        zh: '起始日期',
      },
    ],
    [
      'a wrong end date',
      {
        values: { ...BASE, certifications: '高企:2024-01-01~明年' },
        field: 'certifications',
        en: 'end date',
      },
    ],
    [
      'an end before the start',
      {
        values: { ...BASE, certifications: '高企:2026-01-01~2024-12-31' },
        field: 'certifications',
        zh: '早于起始日期',
      },
    ],
    [
      'a name too long',
      { values: { ...BASE, certifications: `${'资'.repeat(101)}:2024-01-01` }, field: 'certifications' },
    ],
  ])('certifications: refuses %s', (_, c) => says(oneError(c.values, c.field), c));

  it('collects every error of the row', () => {
    const errors = errorsOf({
      uscc: 'x',
      name: 'A',
      region_code: '1',
      industry_code: '1',
      established_on: 'x',
      status: 'x',
      ownership_type: 'x',
      certifications: 'x',
      employees: 'x',
      operating_revenue: 'x',
    });
    expect(errors.map((e) => e.field)).toEqual([
      'uscc',
      'region_code',
      'industry_code',
      'established_on',
      'status',
      'ownership_type',
      'certifications',
      'year',
      'employees',
      'operating_revenue',
    ]);
  });

  it('refuses a malformed today', () => {
    expect(() => validateEnterpriseRow(BASE, 2, '2026/11/25')).toThrow(RangeError);
  });
});
