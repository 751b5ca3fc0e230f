import { describe, expect, it } from 'vitest';
import {
  isValidOrgCode,
  isValidUscc,
  makeUscc,
  USCC_CHARSET,
  usccCheckCharacter,
  usccRegionCode,
  validateUscc,
} from './uscc.ts';

describe('GB 32100-2015 USCC', () => {
  it('uses the 31-character charset without I, O, S, V, Z', () => {
    expect(USCC_CHARSET).toHaveLength(31);
    expect(USCC_CHARSET).not.toMatch(/[IOSVZ]/);
  });

  // Published codes; each passes both the GB 32100 and the GB 11714 check.
  it.each([
    '91350100M000100Y43', // example code from GB 32100-2015
    '914403001922038216', // 华为技术有限公司
    '91440300708461136T', // 深圳市腾讯计算机系统有限公司
    '91330100799655058B', // 阿里巴巴(中国)有限公司
    '91110108551385082Q', // 小米科技有限责任公司
    '91110000802100433B', // 北京百度网讯科技有限公司
  ])('accepts %s', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, code, warnings: [] });
    expect(isValidUscc(code)).toBe(true);
    expect(makeUscc(code.slice(0, 17))).toBe(code);
  });

  it('trims and upper-cases before validating', () => {
    expect(validateUscc('  91440300708461136t ')).toEqual({
      ok: true,
      code: '91440300708461136T',
      warnings: [],
    });
  });

  it.each([
    ['12345678901234567', 'length'],
    ['9144030070846113', 'length'],
    ['91440300708461136TX', 'length'],
    ['', 'length'],
    ['91440300708461136I', 'charset'],
    ['9144O300708461136T', 'charset'],
    ['91440300708461136S', 'charset'],
    ['91440300-08461136T', 'charset'],
    ['91440300708461136A', 'check'],
    ['914403001922038217', 'check'],
    ['91350100M000100Y44', 'check'],
  ])('rejects %j with reason %s', (input, reason) => {
    const result = validateUscc(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe(reason);
    expect(result.message.zh.length).toBeGreaterThan(0);
    expect(result.message.en.length).toBeGreaterThan(0);
    expect(isValidUscc(input)).toBe(false);
  });

  it('detects every single-character substitution in a valid code', () => {
    const code = '914403001922038216';
    for (let pos = 0; pos < 18; pos++) {
      for (const c of USCC_CHARSET) {
        if (c === code[pos]) continue;
        const mutated = code.slice(0, pos) + c + code.slice(pos + 1);
        expect(isValidUscc(mutated), mutated).toBe(false);
      }
    }
  });

  it('round-trips constructed codes and reports the region', () => {
    const first17 = '92440106MA5ABCDE0';
    const code = makeUscc(first17);
    expect(code).toHaveLength(18);
    expect(code.endsWith(usccCheckCharacter(first17))).toBe(true);
    expect(validateUscc(code).ok).toBe(true);
    expect(usccRegionCode(code)).toBe('440106');
    expect(makeUscc('91440300708461136')).toBe('91440300708461136T');
  });

  it('covers check values 0 and 30 (mod 31 wrap-around)', () => {
    // Search constructed codes until both ends of the charset have been produced as check chars.
    const seen = new Set<string>();
    for (let n = 0; n < 2000 && seen.size < 31; n++) {
      const first17 = `91440300${String(n).padStart(9, '0')}`;
      const code = makeUscc(first17);
      seen.add(code.charAt(17));
      expect(isValidUscc(code)).toBe(true);
    }
    expect(seen.has('0')).toBe(true);
    expect(seen.has('Y')).toBe(true);
  });

  it('warns (but accepts) when the GB 11714 organisation code check fails', () => {
    const code = makeUscc('91440300MA5ABCDE1');
    const result = validateUscc(code);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(isValidOrgCode('MA5ABCDE1')).toBe(false);
    expect(result.warnings).toContain('org-code-check');
  });

  it('warns when positions 3–8 are not a 6-digit region code', () => {
    const result = validateUscc(makeUscc('9144A300708461136'));
    expect(result.ok && result.warnings).toContain('region-format');
  });

  it.each([
    ['192203821', true],
    ['708461136', true],
    ['M000100Y4', true],
    ['708461137', false],
    ['70846113', false],
  ])('isValidOrgCode(%s) → %s', (org, expected) => {
    expect(isValidOrgCode(org)).toBe(expected);
  });

  it('rejects malformed input to the helpers', () => {
    expect(() => usccCheckCharacter('1234')).toThrow(RangeError);
    expect(() => usccCheckCharacter('9144030070846113I')).toThrow(RangeError);
    expect(() => makeUscc('914403007084611361')).toThrow(RangeError);
    expect(() => usccRegionCode('9144')).toThrow(RangeError);
  });
});
