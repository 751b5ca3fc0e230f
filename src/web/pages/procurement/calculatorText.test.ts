import { describe, expect, it } from 'vitest';
import { PROCUREMENT_RULES } from '../../../reference/procurement.ts';
import { basisText } from './calculatorText.ts';

/** Every basis the reference data holds (figures and ranges of every version). */
function allBases(value: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const v of value) allBases(v, out);
  else if (value !== null && typeof value === 'object')
    for (const [key, v] of Object.entries(value))
      if (key === 'basis' && typeof v === 'string') out.add(v);
      else allBases(v, out);
  return out;
}

describe('a figure’s basis in the reader’s language', () => {
  it('leaves no English words in Chinese for any basis the rules hold, and English as it is', () => {
    const bases = [...allBases(PROCUREMENT_RULES)];
    expect(bases.length).toBeGreaterThan(3);
    for (const basis of bases) {
      expect(basisText(basis, 'zh-CN'), basis).not.toMatch(/[A-Za-z]{2,}/);
      expect(basisText(basis, 'en')).toBe(basis);
    }
  });
  it('says the 2020 Opinions and an unchanged figure in Chinese', () => {
    expect(basisText('财库〔2020〕46号; 2020 Opinions, measure 8', 'zh-CN')).toBe(
      '财库〔2020〕46号；《关于健全支持中小企业发展制度的若干意见》第 8 项措施',
    );
    expect(basisText('财库〔2020〕46号 (unchanged by 财库〔2022〕19号)', 'zh-CN')).toBe(
      '财库〔2020〕46号（财库〔2022〕19号未作调整）',
    );
  });
});
