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

  it('normalises: USCC upper-case and full-width, 2/4-digit regions, industry forms', () => {
    const record = valid({
      ...BASE,
      uscc: ' ９１４４０１０６ma59c8lr19 ',
      region_code: '44',
      industry_code: 'c13',
    });
    expect(record).toMatchObject({ uscc: USCC, regionCode: '440000', industryCode: 'C13' });
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

  it('parses date forms', () => {
    for (const text of [
      '2018-06-01',
      '2018/6/1',
      '2018.6.1',
      '2018年6月1日',
      '2018年06月01号',
      '20180601',
      '2018-06-01 00:00:00',
    ]) {
      expect(valid({ ...BASE, established_on: text }).establishedOn).toBe('2018-06-01');
    }
    expect(valid({ ...BASE, established_on: '2024-02-29' }).establishedOn).toBe('2024-02-29');
    expect(valid({ ...BASE, established_on: TODAY }).establishedOn).toBe(TODAY);
  });

  it('maps status, ownership and VAT spellings', () => {
    const status = (s: string) => valid({ ...BASE, status: s }).status;
    expect(status('存续')).toBe('active');
    expect(status('在业')).toBe('active');
    expect(status('存续（在营、开业、在册）')).toBe('active');
    expect(status('停业')).toBe('suspended');
    expect(status('歇业')).toBe('suspended');
    expect(status('吊销，未注销')).toBe('revoked');
    expect(status('注销')).toBe('cancelled');
    expect(status('Cancelled')).toBe('cancelled');
    expect(status('ACTIVE')).toBe('active');
    const ownership = (s: string) => valid({ ...BASE, ownership_type: s }).ownershipType;
    expect(ownership('私营')).toBe('私营');
    expect(ownership('民营企业')).toBe('私营');
    expect(ownership('国有')).toBe('国有');
    expect(ownership('集体')).toBe('集体');
    expect(ownership('外资')).toBe('外商投资');
    expect(ownership('Foreign')).toBe('外商投资');
    expect(ownership('港澳台投资')).toBe('港澳台投资');
    expect(ownership('hk_macao_taiwan')).toBe('港澳台投资');
    expect(ownership('其它')).toBe('其他');
    const vat = (s: string) =>
      valid({ ...BASE, year: '2024', vat_taxpayer_type: s }).figures?.vatTaxpayerType;
    expect(vat('一般纳税人')).toBe('general');
    expect(vat('小规模纳税人')).toBe('small_scale');
    expect(vat('small-scale')).toBe('small_scale');
    expect(vat('General')).toBe('general');
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

  it('USCC: length, characters, check character', () => {
    expect(oneError({ ...BASE, uscc: '91440106MA59C8LR1' }, 'uscc').message.zh).toContain('18 位');
    expect(oneError({ ...BASE, uscc: '91440106MA59C8LRI9' }, 'uscc').message.en).toContain('I, O, S, V, Z');
    const check = oneError({ ...BASE, uscc: '91440106MA59C8LR18' }, 'uscc');
    expect(check.message.zh).toContain('校验位');
    expect(check.message.zh).toContain('91440106MA59C8LR18');
  });

  it('name and person names: length', () => {
    oneError({ ...BASE, name: '企'.repeat(201) }, 'name');
    oneError({ ...BASE, former_names: `甲;${'乙'.repeat(201)}` }, 'former_names');
    oneError({ ...BASE, legal_representative: '张'.repeat(101) }, 'legal_representative');
  });

  it('region: unknown code, wrong shape', () => {
    expect(oneError({ ...BASE, region_code: '449999' }, 'region_code').message.zh).toContain('不存在');
    expect(oneError({ ...BASE, region_code: '44010' }, 'region_code').message.en).toContain('six digits');
    oneError({ ...BASE, region_code: '广州' }, 'region_code');
  });

  it('industry: not a GB/T 4754-2017 code', () => {
    expect(oneError({ ...BASE, industry_code: 'Z99' }, 'industry_code').message.en).toContain(
      'GB/T 4754-2017',
    );
    oneError({ ...BASE, industry_code: 'A13' }, 'industry_code');
    oneError({ ...BASE, industry_code: '软件' }, 'industry_code');
  });

  it('date of establishment: shape, calendar, future, floor', () => {
    expect(oneError({ ...BASE, established_on: '去年' }, 'established_on').message.zh).toContain(
      '不是有效日期',
    );
    expect(oneError({ ...BASE, established_on: '2023-02-29' }, 'established_on').message.en).toContain(
      'not a real date',
    );
    oneError({ ...BASE, established_on: '2018-13-01' }, 'established_on');
    oneError({ ...BASE, established_on: '2018-6' }, 'established_on');
    expect(oneError({ ...BASE, established_on: '2026-11-26' }, 'established_on').message.en).toContain(
      'after today',
    );
    expect(oneError({ ...BASE, established_on: '1899-12-31' }, 'established_on').message.zh).toContain(
      '1900-01-01',
    );
  });

  it('coded values list what is allowed', () => {
    const status = oneError({ ...BASE, status: '迁出' }, 'status');
    expect(status.message.zh).toContain('存续（在业）、停业（歇业）、吊销、注销');
    expect(status.message.en).toContain('active, suspended, revoked, cancelled');
    expect(oneError({ ...BASE, ownership_type: '股份有限公司' }, 'ownership_type').message.zh).toContain(
      '私营、国有、集体、外商投资、港澳台投资、其他',
    );
    expect(
      oneError({ ...BASE, year: '2024', vat_taxpayer_type: '免税' }, 'vat_taxpayer_type').message.en,
    ).toContain('general, small_scale');
  });

  it('year: required with figures, four digits, 1949 to this year, not before establishment', () => {
    expect(oneError({ ...BASE, employees: '5' }, 'year').message.en).toContain('required when any figure');
    oneError({ ...BASE, vat_taxpayer_type: '一般纳税人' }, 'year');
    oneError({ ...BASE, year: '24', employees: '5' }, 'year');
    oneError({ ...BASE, year: '二〇二四', employees: '5' }, 'year');
    expect(oneError({ ...BASE, year: '1948', employees: '5' }, 'year').message.zh).toContain('1949 至 2026');
    oneError({ ...BASE, year: '2027', employees: '5' }, 'year');
    expect(
      oneError({ ...BASE, year: '2017', established_on: '2018-06-01', employees: '5' }, 'year').message.zh,
    ).toContain('早于成立日期');
  });

  it('numbers: not a number, negative, exponent, separators, whole persons, decimals, size', () => {
    const figures = { ...BASE, year: '2024' };
    expect(oneError({ ...figures, operating_revenue: '十万' }, 'operating_revenue').message.zh).toContain(
      '应为数字',
    );
    expect(oneError({ ...figures, total_assets: '-5' }, 'total_assets').message.en).toContain(
      'must not be negative',
    );
    expect(oneError({ ...figures, rd_expense: '1.2E+5' }, 'rd_expense').message.zh).toContain('科学计数法');
    expect(oneError({ ...figures, total_liabilities: '1,23' }, 'total_liabilities').message.en).toContain(
      'thousands separators',
    );
    oneError({ ...figures, taxable_income: '1,2345.5' }, 'taxable_income');
    oneError({ ...figures, taxable_income: 'NaN' }, 'taxable_income');
    oneError({ ...figures, taxable_income: '.' }, 'taxable_income');
    expect(oneError({ ...figures, employees: '12.5' }, 'employees').message.zh).toContain('整数');
    oneError({ ...figures, rd_staff: '-1' }, 'rd_staff');
    expect(oneError({ ...figures, operating_revenue: '1.234' }, 'operating_revenue').message.en).toContain(
      'at most 2 decimals',
    );
    expect(
      oneError({ ...figures, operating_revenue: '12345678901' }, 'operating_revenue').message.zh,
    ).toContain('万元');
    oneError({ ...figures, employees: '20000000' }, 'employees');
    expect(valid({ ...figures, operating_revenue: '1.2300' }).figures?.operatingRevenue).toBe(1.23);
  });

  it('figures that contradict each other', () => {
    const figures = { ...BASE, year: '2024' };
    oneError({ ...figures, operating_revenue: '100', main_business_revenue: '101' }, 'main_business_revenue');
    oneError({ ...figures, employees: '10', rd_staff: '11' }, 'rd_staff');
  });

  it('certifications: shape, dates, order', () => {
    expect(oneError({ ...BASE, certifications: '高新技术企业' }, 'certifications').message.zh).toContain(
      '名称:起始日期',
    );
    oneError({ ...BASE, certifications: ':2024-01-01~2026-12-31' }, 'certifications');
    expect(
      oneError({ ...BASE, certifications: '高企:2024-13-01~2026-12-31' }, 'certifications').message.zh,
    ).toContain('起始日期');
    expect(
      oneError({ ...BASE, certifications: '高企:2024-01-01~明年' }, 'certifications').message.en,
    ).toContain('end date');
    expect(
      oneError({ ...BASE, certifications: '高企:2026-01-01~2024-12-31' }, 'certifications').message.zh,
    ).toContain('早于起始日期');
    oneError({ ...BASE, certifications: `${'资'.repeat(101)}:2024-01-01` }, 'certifications');
  });

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
