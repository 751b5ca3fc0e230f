import { describe, expect, it } from 'vitest';
import { departmentName } from './departments.ts';

describe('departmentName', () => {
  it('names a department by its code in the language', () => {
    expect(departmentName('samr', 'zh-CN')).toBe('市场监管部门');
    expect(departmentName('sat', 'en')).toBe('Taxation');
    expect(departmentName('mohrss', 'zh-CN')).toBe('人力资源社会保障部门');
  });

  it('keeps a source that is no department’s code as it is', () => {
    expect(departmentName('企业自愿填报', 'en')).toBe('企业自愿填报');
  });
});
