import { describe, expect, it } from 'vitest';
import { SELF_DECLARED_SOURCE } from '../../reference/credit.ts';
import { departmentName, recordSourceName } from './departments.ts';

describe('departmentName', () => {
  it('names a department by its code in the reader’s language', () => {
    expect(departmentName('samr', 'zh-CN')).toBe('市场监管部门');
    expect(departmentName('samr', 'en')).toBe('Market Regulation');
    expect(departmentName('mohrss', 'zh-CN')).toBe('人力资源社会保障部门');
    expect(departmentName('sat', 'en')).toBe('Taxation');
    expect(departmentName('court', 'zh-CN')).toBe('人民法院');
  });

  it('shows a code that names no department as it is', () => {
    expect(departmentName('nowhere', 'en')).toBe('nowhere');
  });
});

describe('recordSourceName', () => {
  it('names the enterprise for its own declarations and the department otherwise', () => {
    const t = ((key: string) => `«${key}»`) as Parameters<typeof recordSourceName>[1];
    expect(recordSourceName(SELF_DECLARED_SOURCE, t, 'en')).toBe('«credit.record.sourceSelf»');
    expect(recordSourceName('sat', t, 'zh-CN')).toBe('税务部门');
  });
});
