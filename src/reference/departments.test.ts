import { describe, expect, it } from 'vitest';
import { creditSources, findCreditSource } from './credit.ts';
import { allDepartments, findDepartment, isDepartmentCode } from './departments.ts';

describe('SME-system departments (工信部联企业〔2020〕108号)', () => {
  it('lists the 17 co-issuers plus the SME authority, with unique codes', () => {
    const all = allDepartments();
    expect(all).toHaveLength(18);
    expect(all.filter((d) => d.opinions2020)).toHaveLength(17);
    expect(new Set(all.map((d) => d.code)).size).toBe(all.length);
    for (const d of all) {
      expect(d.code).toMatch(/^[a-z]+$/);
      expect(d.nameZh.length).toBeGreaterThan(0);
      expect(d.nameEn.length).toBeGreaterThan(0);
      expect(d.nationalZh.length).toBeGreaterThan(0);
      expect(d.nationalEn.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['miit', '工业和信息化部门'],
    ['ndrc', '发展改革部门'],
    ['mof', '财政部门'],
    ['mohrss', '人力资源社会保障部门'],
    ['samr', '市场监管部门'],
    ['pbc', '人民银行'],
    ['cbirc', '金融监管部门'],
    ['csrc', '证券监管部门'],
    ['sat', '税务部门'],
    ['most', '科技部门'],
    ['mofcom', '商务部门'],
    ['cnipa', '知识产权部门'],
    ['nbs', '统计部门'],
    ['sme', '中小企业主管部门'],
  ])('findDepartment(%s)', (code, nameZh) => {
    expect(findDepartment(code)?.nameZh).toBe(nameZh);
    expect(isDepartmentCode(code)).toBe(true);
  });

  it.each(['', 'MIIT', 'foo'])('rejects %j', (code) => {
    expect(findDepartment(code)).toBeUndefined();
    expect(isDepartmentCode(code)).toBe(false);
  });
});

describe('the bodies credit files come from', () => {
  it('are every department, then the other holders of shared data, each code once', () => {
    const codes = creditSources().map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.slice(0, allDepartments().length)).toEqual(allDepartments().map((d) => d.code));
    expect(findCreditSource('court')?.nameZh).toBe('人民法院');
    expect(findCreditSource('gacc')?.nameZh).toBe('海关');
    expect(findCreditSource('weather')).toBeUndefined();
  });
});
