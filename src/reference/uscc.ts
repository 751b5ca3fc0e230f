/**
 * GB 32100-2015《法人和其他组织统一社会信用代码编码规则》— the 18-character Unified Social
 * Credit Code (统一社会信用代码, USCC).
 *
 * Layout: 1 registration authority (登记管理部门码), 2 organisation category (机构类别码),
 * 3–8 GB/T 2260 region code (登记管理机关行政区划码), 9–17 organisation code body + check
 * (主体标识码, GB 11714), 18 check character (校验码).
 */

/** GB 32100-2015 character set (31 characters; I, O, S, V, Z are excluded). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100-2015 weights for positions 1–17: 3^(i-1) mod 31. */
const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 11714-1997 organisation code weights for body positions 1–8. */
const ORG_CODE_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];

const CHAR_VALUE: ReadonlyMap<string, number> = new Map([...USCC_CHARSET].map((c, i) => [c, i]));
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const FIRST17_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{17}$/;

/** Why a GB 32100 code was rejected: wrong length, a character outside the charset, or a failed check. */
export type UsccInvalidReason = 'length' | 'charset' | 'check';

/** Non-fatal GB 32100 findings: GB 11714 organisation-code check mismatch, or positions 3–8 not 6 digits. */
export type UsccWarning = 'org-code-check' | 'region-format';

/** Result of validating a GB 32100-2015 code; on success `code` is the trimmed, upper-cased form. */
export type UsccValidation =
  | { ok: true; code: string; warnings: readonly UsccWarning[] }
  | { ok: false; reason: UsccInvalidReason; message: { zh: string; en: string } };

const MESSAGES: Readonly<Record<UsccInvalidReason, { zh: string; en: string }>> = {
  length: {
    zh: '统一社会信用代码应为 18 位',
    en: 'A Unified Social Credit Code must be 18 characters long',
  },
  charset: {
    zh: '统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）',
    en: 'A Unified Social Credit Code may only contain digits and capital letters other than I, O, S, V, Z',
  },
  check: {
    zh: '统一社会信用代码校验位不正确',
    en: 'The check character of the Unified Social Credit Code is wrong',
  },
};

function checkCharacterOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += (CHAR_VALUE.get(first17.charAt(i)) ?? 0) * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** GB 11714 value of an organisation-code character: digits 0–9, letters A–Z → 10–35. */
function orgCharValue(c: string): number {
  const n = c.charCodeAt(0);
  return n <= 57 ? n - 48 : n - 55;
}

/** Whether a 9-character GB 11714 organisation code (8 body characters + check) is self-consistent. */
export function isValidOrgCode(orgCode: string): boolean {
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(orgCode)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(orgCode.charAt(i)) * (ORG_CODE_WEIGHTS[i] ?? 0);
  const c = 11 - (sum % 11);
  const expected = c === 10 ? 'X' : c === 11 ? '0' : String(c);
  return orgCode.charAt(8) === expected;
}

/** Validate a GB 32100-2015 code (input is trimmed and upper-cased first). */
export function validateUscc(input: string): UsccValidation {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, reason: 'length', message: MESSAGES.length };
  if (!USCC_SHAPE.test(code)) return { ok: false, reason: 'charset', message: MESSAGES.charset };
  if (checkCharacterOf(code) !== code.charAt(17)) {
    return { ok: false, reason: 'check', message: MESSAGES.check };
  }
  const warnings: UsccWarning[] = [];
  if (!/^\d{6}$/.test(code.slice(2, 8))) warnings.push('region-format');
  // Many issued codes carry letters in the organisation-code body that do not satisfy the
  // GB 11714 check, so a mismatch is only a warning.
  if (!isValidOrgCode(code.slice(8, 17))) warnings.push('org-code-check');
  return { ok: true, code, warnings };
}

/** Whether a string is a valid GB 32100-2015 code (after trimming and upper-casing). */
export function isValidUscc(input: string): boolean {
  return validateUscc(input).ok;
}

/** GB 32100-2015 check character (position 18) for the first 17 characters; throws RangeError on bad input. */
export function usccCheckCharacter(first17: string): string {
  const s = first17.trim().toUpperCase();
  if (!FIRST17_SHAPE.test(s)) {
    throw new RangeError(`Expected 17 GB 32100 characters, got ${JSON.stringify(first17)}`);
  }
  return checkCharacterOf(s);
}

/** Complete a GB 32100-2015 code by appending its check character (for demo data and tests). */
export function makeUscc(first17: string): string {
  const s = first17.trim().toUpperCase();
  return s + usccCheckCharacter(s);
}

/** The GB/T 2260 region code in positions 3–8 of a GB 32100-2015 code; throws RangeError if not 18 characters. */
export function usccRegionCode(code: string): string {
  const s = code.trim();
  if (s.length !== 18) throw new RangeError(`Expected an 18-character USCC, got ${JSON.stringify(code)}`);
  return s.slice(2, 8);
}
