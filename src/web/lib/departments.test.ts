import { describe, expect, it } from 'vitest';
import { departmentName } from './departments.ts';

describe('departmentName', () => {
  it('names a department by its code in the reader’s language', () => {
    expect(departmentName('samr', 'zh-CN')).toBe('市场监管部门');
    expect(departmentName('samr', 'en')).toBe('Market Regulation');
    expect(departmentName('mohrss', 'zh-CN')).toBe('人力资源社会保障部门');
    expect(departmentName('sat', 'en')).toBe('Taxation');
  });

  it('shows a code that names no department as it is', () => {
    expect(departmentName('nowhere', 'en')).toBe('nowhere');
  });
});
