/**
 * Validation of one enterprise import row (values by column key, as `readTable` delivers them) into an
 * `EnterpriseImportRecord` (the registry's `EnterpriseInput`), or the list of field errors in zh and en.
 *
 * Pure (today's date is a parameter) and built for a million calls per import: no regular expressions or
 * closures created per call, hand-written scanners for numbers and dates, look-up tables built once.
 */
import { normaliseIndustryCode } from '../../../../reference/industries.ts';
import { normaliseRegionCode } from '../../../../reference/regions.ts';
import { validateUscc } from '../../../../reference/uscc.ts';
import type { ErrorCode, Localized } from '../../../../shared/errors.ts';
import type { Certification, EnterpriseInput, YearlyFigures } from '../registry.model.ts';
import type { EnterpriseStatus } from '../registry.table.ts';
import { ENTERPRISE_IMPORT_COLUMNS } from './columns.ts';
import { normaliseHeader, toHalfWidth } from './text.ts';

/** Registration status. */
export type ImportStatus = EnterpriseStatus;

/** A certification (资质认定) with its validity; `validTo` null when open-ended. */
export type ImportCertification = Certification;

/** One year's figures: money in 万元, people in persons; null where not given. */
export type ImportFigures = YearlyFigures;

/**
 * A validated import row: exactly the registry's `EnterpriseInput` (ownershipType is one of 私营, 国有, 集体,
 * 外商投资, 港澳台投资, 其他; figures null when the row gives none).
 */
export type EnterpriseImportRecord = EnterpriseInput;

/** A problem with one field of one row. */
export interface RowFieldError {
  row: number;
  field: string;
  message: Localized;
  /** IMPORT_VALUE_MISSING for an empty required value, IMPORT_VALUE_INVALID otherwise. */
  code: ErrorCode;
}

export type RowValidation =
  | { ok: true; record: EnterpriseImportRecord }
  | { ok: false; errors: RowFieldError[] };

/** The values of one row by column key (missing keys are treated as empty). */
export type RowValues = Readonly<Record<string, string | null | undefined>>;

/** Earliest date accepted. */
const DATE_FLOOR = '1900-01-01';
/** Earliest figures year accepted. */
const YEAR_FLOOR = 1949;
/** Decimal places of money (万元). */
const MONEY_DECIMALS = 2;
/** Largest plausible amount in 万元 (10^14 CNY, above any enterprise's figures): beyond is a unit error. */
const MAX_MONEY = 1e10;
/** Largest plausible number of persons. */
const MAX_PERSONS = 10_000_000;
const MAX_NAME = 200;
const MAX_PERSON_NAME = 100;
const MAX_CERTIFICATION_NAME = 100;

const FIELD_NAMES: ReadonlyMap<string, Localized> = new Map(
  ENTERPRISE_IMPORT_COLUMNS.map((c) => [c.key, { zh: c.zh, en: c.en }]),
);

function fieldName(field: string): Localized {
  return FIELD_NAMES.get(field) ?? { zh: field, en: field };
}

const YEAR_LABEL = fieldName('year');
const CERTIFICATIONS_LABEL = fieldName('certifications');

/** The value as shown in a message: quoted, cut at 40 characters. */
function shown(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

// ---------------------------------------------------------------------------------------------------------------
// Errors of the row being validated (module state: validation is synchronous and not re-entrant).
// ---------------------------------------------------------------------------------------------------------------

let currentRow = 0;
let errors: RowFieldError[] | null = null;

function fail(field: string, zh: string, en: string, code: ErrorCode = 'IMPORT_VALUE_INVALID'): void {
  errors ??= [];
  errors.push({ row: currentRow, field, message: { zh, en }, code });
}

function failWith(field: string, message: Localized): void {
  errors ??= [];
  errors.push({ row: currentRow, field, message, code: 'IMPORT_VALUE_INVALID' });
}

/** The trimmed text of a value, or null when empty. */
function text(values: RowValues, key: string): string | null {
  const v = values[key];
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

function required(values: RowValues, key: string): string | null {
  const v = text(values, key);
  if (v === null) {
    const name = fieldName(key);
    fail(key, `${name.zh}不能为空`, `${name.en} is required`, 'IMPORT_VALUE_MISSING');
  }
  return v;
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------------------------

/** Why the last `scanNumber` failed. */
let numberIssue: 'format' | 'grouping' | 'exponent' | null = null;
/** Significant decimal places of the last number scanned (trailing zeros not counted). */
let numberDecimals = 0;

/**
 * Parse a decimal number: optional sign, digits with optional thousands separators (1,234,567.5), full-width
 * digits accepted. NaN on failure with the reason in `numberIssue`.
 */
function scanNumber(raw: string): number {
  numberIssue = null;
  numberDecimals = 0;
  const s = toHalfWidth(raw);
  const n = s.length;
  let i = 0;
  if (i < n && (s.charCodeAt(i) === 45 || s.charCodeAt(i) === 43)) i++;
  let intDigits = 0;
  let groupDigits = 0;
  let commas = false;
  let dot = -1;
  let lastNonZeroDecimal = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (dot < 0) {
        intDigits++;
        groupDigits++;
      } else if (c !== 48) lastNonZeroDecimal = i - dot;
      continue;
    }
    if (c === 44 /* , */) {
      if (dot >= 0 || intDigits === 0 || (commas ? groupDigits !== 3 : groupDigits > 3)) {
        numberIssue = 'grouping';
        return Number.NaN;
      }
      commas = true;
      groupDigits = 0;
      continue;
    }
    if (c === 46 /* . */ && dot < 0) {
      if (commas && groupDigits !== 3) {
        numberIssue = 'grouping';
        return Number.NaN;
      }
      dot = i;
      continue;
    }
    numberIssue = c === 101 || c === 69 ? 'exponent' : 'format';
    return Number.NaN;
  }
  if (commas && dot < 0 && groupDigits !== 3) {
    numberIssue = 'grouping';
    return Number.NaN;
  }
  const fractionDigits = dot < 0 ? 0 : n - dot - 1;
  if (intDigits === 0 && fractionDigits === 0) {
    numberIssue = 'format';
    return Number.NaN;
  }
  numberDecimals = lastNonZeroDecimal;
  // + 0 turns -0 into 0.
  return Number(commas ? s.replaceAll(',', '') : s) + 0;
}

const NUMBER_FORMAT_HINT = {
  zh: '应为数字，如 1234.5 或 1,234.5',
  en: 'must be a number such as 1234.5 or 1,234.5',
};

/** A non-negative number (money with at most 2 decimals, or a whole number of persons); null when empty. */
function numberField(values: RowValues, key: string, kind: 'money' | 'persons'): number | null {
  const raw = text(values, key);
  if (raw === null) return null;
  const value = scanNumber(raw);
  if (Number.isNaN(value) || value < 0 || numberDecimals > (kind === 'persons' ? 0 : MONEY_DECIMALS)) {
    numberProblem(key, raw, value, kind);
    return null;
  }
  const max = kind === 'persons' ? MAX_PERSONS : MAX_MONEY;
  if (value > max) {
    const name = fieldName(key);
    if (kind === 'persons') {
      fail(
        key,
        `${name.zh}“${shown(raw)}”超过 ${MAX_PERSONS} 人，请检查`,
        `${name.en} "${shown(raw)}" is more than ${MAX_PERSONS} persons; check it`,
      );
    } else {
      fail(
        key,
        `${name.zh}“${shown(raw)}”过大；单位是万元，请检查是否按元填写`,
        `${name.en} "${shown(raw)}" is too large; the unit is 10,000 CNY: check it was not entered in CNY`,
      );
    }
    return null;
  }
  return value;
}

/** The error of a number that did not scan, is negative or has too many decimals. */
function numberProblem(key: string, raw: string, value: number, kind: 'money' | 'persons'): void {
  const name = fieldName(key);
  if (Number.isNaN(value)) {
    if (numberIssue === 'exponent') {
      fail(
        key,
        `${name.zh}“${shown(raw)}”是科学计数法，Excel 导出时可能已丢失精度；请将该列设为数值格式后重新导出`,
        `${name.en} "${shown(raw)}" is in scientific notation and may have lost precision in Excel; format the column as a number and export again`,
      );
    } else if (numberIssue === 'grouping') {
      fail(
        key,
        `${name.zh}“${shown(raw)}”的千位分隔符位置不对（小数点请用“.”）`,
        `${name.en} "${shown(raw)}" has misplaced thousands separators (use "." as the decimal point)`,
      );
    } else {
      fail(
        key,
        `${name.zh}${NUMBER_FORMAT_HINT.zh}，收到“${shown(raw)}”`,
        `${name.en} ${NUMBER_FORMAT_HINT.en}, got "${shown(raw)}"`,
      );
    }
  } else if (value < 0) {
    fail(
      key,
      `${name.zh}不能为负数，收到“${shown(raw)}”`,
      `${name.en} must not be negative, got "${shown(raw)}"`,
    );
  } else if (kind === 'persons') {
    fail(
      key,
      `${name.zh}应为整数，收到“${shown(raw)}”`,
      `${name.en} must be a whole number, got "${shown(raw)}"`,
    );
  } else {
    fail(
      key,
      `${name.zh}最多保留 ${MONEY_DECIMALS} 位小数（单位万元），收到“${shown(raw)}”`,
      `${name.en} takes at most ${MONEY_DECIMALS} decimals (in 10,000 CNY), got "${shown(raw)}"`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------------------------

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Why the last `scanDate` failed: not a date shape, or no such day. */
let dateIssue: 'format' | 'calendar' | null = null;

function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57 ? c - 48 : -1;
}

/**
 * Parse a date: YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 or YYYYMMDD (a time after a space or 'T' is
 * ignored). Returns 'YYYY-MM-DD' or null with the reason in `dateIssue`.
 */
function scanDate(raw: string): string | null {
  dateIssue = 'format';
  const s = toHalfWidth(raw).trim();
  const n = s.length;
  if (n < 8) return null;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = digitAt(s, i);
    if (d < 0) return null;
    year = year * 10 + d;
  }
  let month: number;
  let day: number;
  let i: number;
  const sep = s.charAt(4);
  if (sep >= '0' && sep <= '9') {
    if (n !== 8) return null;
    month = digitAt(s, 4) * 10 + digitAt(s, 5);
    day = digitAt(s, 6) * 10 + digitAt(s, 7);
    if (digitAt(s, 5) < 0 || digitAt(s, 6) < 0 || digitAt(s, 7) < 0) return null;
    i = 8;
  } else {
    if (sep !== '-' && sep !== '/' && sep !== '.' && sep !== '年') return null;
    i = 5;
    month = 0;
    let k = 0;
    for (; k < 2 && digitAt(s, i) >= 0; k++, i++) month = month * 10 + digitAt(s, i);
    if (k === 0) return null;
    const sep2 = sep === '年' ? '月' : sep;
    if (s.charAt(i) !== sep2) return null;
    i++;
    day = 0;
    k = 0;
    for (; k < 2 && digitAt(s, i) >= 0; k++, i++) day = day * 10 + digitAt(s, i);
    if (k === 0) return null;
    if (sep === '年' && (s.charAt(i) === '日' || s.charAt(i) === '号')) i++;
  }
  if (i < n) {
    const c = s.charAt(i);
    if (c !== ' ' && c !== 'T') return null;
  }
  dateIssue = 'calendar';
  if (month < 1 || month > 12 || day < 1) return null;
  const max = month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
  if (day > max) return null;
  dateIssue = null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function dateProblem(label: Localized, raw: string): Localized {
  return dateIssue === 'calendar'
    ? { zh: `${label.zh}“${shown(raw)}”不是存在的日期`, en: `${label.en} "${shown(raw)}" is not a real date` }
    : {
        zh: `${label.zh}“${shown(raw)}”不是有效日期，应如 2018-06-01、2018/6/1 或 2018年6月1日`,
        en: `${label.en} "${shown(raw)}" is not a valid date; use a form such as 2018-06-01, 2018/6/1 or 2018年6月1日`,
      };
}

/**
 * A date as the enterprise rows read theirs (YYYY-MM-DD, YYYY/M/D, YYYY年M月D日, YYYYMMDD), for another kind's
 * rows: 'YYYY-MM-DD', or the problem naming the column.
 */
export function parseImportDate(
  raw: string,
  label: Localized,
): { ok: true; date: string } | { ok: false; message: Localized } {
  const date = scanDate(raw);
  return date === null ? { ok: false, message: dateProblem(label, raw) } : { ok: true, date };
}

/** A decimal number as the enterprise rows read theirs (1234.5, 1,234.5, full-width digits), or NaN. */
export function parseImportNumber(raw: string): number {
  return scanNumber(raw);
}

// ---------------------------------------------------------------------------------------------------------------
// Coded values
// ---------------------------------------------------------------------------------------------------------------

/** Normalised spelling → canonical value; keys normalised like header names (case, width, spaces, brackets). */
function codeTable<T extends string>(entries: Record<T, readonly string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, spellings] of Object.entries(entries) as [T, readonly string[]][]) {
    for (const spelling of [value, ...spellings]) map.set(normaliseHeader(spelling).name, value);
  }
  return map;
}

const STATUS = codeTable<ImportStatus>({
  active: ['存续', '在业', '在营', '开业', '在册', '正常', '营业', '存续在营开业在册'],
  suspended: ['停业', '歇业', '暂停营业', '停业歇业'],
  revoked: ['吊销', '已吊销', '吊销未注销', '吊销,未注销', '吊销营业执照'],
  cancelled: ['注销', '已注销', '注销企业', 'canceled'],
});

const OWNERSHIP = codeTable<string>({
  私营: ['私营企业', '民营', '民营企业', '私人', 'private', 'privately owned', 'private enterprise'],
  国有: ['国有企业', '国有控股', '国有独资', '国企', 'state', 'state owned', 'soe'],
  集体: ['集体企业', '集体所有制', 'collective'],
  外商投资: [
    '外商投资企业',
    '外资',
    '外资企业',
    '外商独资',
    '中外合资',
    '中外合作',
    'foreign',
    'foreign invested',
  ],
  港澳台投资: [
    '港澳台商投资',
    '港澳台投资企业',
    '港澳台',
    'hk_macao_taiwan',
    'hong kong macao taiwan',
    'hmt',
  ],
  其他: ['其它', 'other', 'others'],
});

const VAT = codeTable<'general' | 'small_scale'>({
  general: ['一般纳税人', '一般', 'general taxpayer'],
  small_scale: ['小规模纳税人', '小规模', 'small scale', 'small scale taxpayer'],
});

function coded<T>(values: RowValues, key: string, table: Map<string, T>, allowed: Localized): T | null {
  const raw = text(values, key);
  if (raw === null) return null;
  // Exact spellings (the usual case) need no normalisation.
  const value = table.get(raw) ?? table.get(normaliseHeader(raw).name);
  if (value === undefined) {
    const name = fieldName(key);
    fail(
      key,
      `${name.zh}“${shown(raw)}”不是可接受的值；可填：${allowed.zh}`,
      `${name.en} "${shown(raw)}" is not an accepted value; use one of: ${allowed.en}`,
    );
    return null;
  }
  return value;
}

const STATUS_ALLOWED = {
  zh: '存续（在业）、停业（歇业）、吊销、注销',
  en: 'active, suspended, revoked, cancelled',
};
const OWNERSHIP_ALLOWED = {
  zh: '私营、国有、集体、外商投资、港澳台投资、其他',
  en: 'private, state, collective, foreign, hk_macao_taiwan, other (or the Chinese names)',
};
const VAT_ALLOWED = { zh: '一般纳税人、小规模纳税人', en: 'general, small_scale' };

// ---------------------------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------------------------

/** Split on ; ；and line breaks, trimmed, empty parts dropped. */
function splitList(raw: string): string[] {
  const s = toHalfWidth(raw);
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 59;
    if (c === 59 /* ; */ || c === 10 || c === 13) {
      const part = s.slice(start, i).trim();
      if (part !== '') out.push(part);
      start = i + 1;
    }
  }
  return out;
}

const CERTIFICATION_FORMAT = {
  zh: '应写成“名称:起始日期~截止日期”，多项以分号分隔，如 高新技术企业:2024-01-01~2026-12-31',
  en: 'must read "name:from~to", several separated by semicolons, such as 高新技术企业:2024-01-01~2026-12-31',
};

/** Index of the separator between the two dates of a period: ~, 至, — or a dash surrounded by spaces. */
function periodSeparator(s: string): { at: number; length: number } | null {
  const tilde = s.indexOf('~');
  if (tilde >= 0) return { at: tilde, length: 1 };
  const to = s.indexOf('至');
  if (to >= 0) return { at: to, length: 1 };
  const dash = s.indexOf('—');
  if (dash >= 0) return { at: dash, length: dash + 1 < s.length && s.charAt(dash + 1) === '—' ? 2 : 1 };
  const spaced = s.indexOf(' - ');
  if (spaced >= 0) return { at: spaced, length: 3 };
  return null;
}

function certifications(values: RowValues): ImportCertification[] {
  const raw = text(values, 'certifications');
  if (raw === null) return [];
  const out: ImportCertification[] = [];
  for (const item of splitList(raw)) {
    const colon = item.indexOf(':');
    const name = colon < 0 ? item : item.slice(0, colon).trim();
    const period = colon < 0 ? '' : item.slice(colon + 1).trim();
    if (colon <= 0 || name === '' || period === '') {
      fail(
        'certifications',
        `${CERTIFICATIONS_LABEL.zh}“${shown(item)}”${CERTIFICATION_FORMAT.zh}`,
        `${CERTIFICATIONS_LABEL.en} "${shown(item)}" ${CERTIFICATION_FORMAT.en}`,
      );
      continue;
    }
    if (name.length > MAX_CERTIFICATION_NAME) {
      fail(
        'certifications',
        `${CERTIFICATIONS_LABEL.zh}名称“${shown(name)}”超过 ${MAX_CERTIFICATION_NAME} 个字符`,
        `${CERTIFICATIONS_LABEL.en}: the name "${shown(name)}" is longer than ${MAX_CERTIFICATION_NAME} characters`,
      );
      continue;
    }
    const sep = periodSeparator(period);
    const fromText = sep === null ? period : period.slice(0, sep.at).trim();
    const toText = sep === null ? '' : period.slice(sep.at + sep.length).trim();
    const validFrom = scanDate(fromText);
    if (validFrom === null || validFrom < DATE_FLOOR) {
      failWith(
        'certifications',
        dateProblem(
          {
            zh: `${CERTIFICATIONS_LABEL.zh}“${name}”的起始日期`,
            en: `${CERTIFICATIONS_LABEL.en} "${name}" start date`,
          },
          fromText,
        ),
      );
      continue;
    }
    let validTo: string | null = null;
    if (toText !== '') {
      validTo = scanDate(toText);
      if (validTo === null) {
        failWith(
          'certifications',
          dateProblem(
            {
              zh: `${CERTIFICATIONS_LABEL.zh}“${name}”的截止日期`,
              en: `${CERTIFICATIONS_LABEL.en} "${name}" end date`,
            },
            toText,
          ),
        );
        continue;
      }
      if (validTo < validFrom) {
        fail(
          'certifications',
          `${CERTIFICATIONS_LABEL.zh}“${name}”的截止日期 ${validTo} 早于起始日期 ${validFrom}`,
          `${CERTIFICATIONS_LABEL.en} "${name}" ends (${validTo}) before it starts (${validFrom})`,
        );
        continue;
      }
    }
    out.push({ name, validFrom, validTo });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The row
// ---------------------------------------------------------------------------------------------------------------

/** Today's date parsed once per distinct `today` value. */
let todayText = '';
let todayYear = 0;

function setToday(today: string): void {
  if (today === todayText) return;
  const iso = scanDate(today);
  if (iso === null || iso !== today)
    throw new RangeError(`today must be YYYY-MM-DD, got ${JSON.stringify(today)}`);
  todayText = today;
  todayYear = Number(today.slice(0, 4));
}

const FIGURE_KEYS = [
  'employees',
  'operating_revenue',
  'main_business_revenue',
  'total_assets',
  'total_liabilities',
  'rd_expense',
  'rd_staff',
  'taxable_income',
  'vat_taxpayer_type',
] as const;

function yearField(values: RowValues, establishedOn: string | null): number | null {
  const raw = text(values, 'year');
  if (raw === null) {
    fail(
      'year',
      '填写了年度数据（人数、金额或纳税人类型）时，年度不能为空',
      'Year is required when any figure (persons, amounts or VAT type) is given',
    );
    return null;
  }
  const s = toHalfWidth(raw);
  const end = s.endsWith('年') ? s.length - 1 : s.length;
  let year = 0;
  let ok = end === 4;
  for (let i = 0; ok && i < 4; i++) {
    const d = digitAt(s, i);
    if (d < 0) ok = false;
    else year = year * 10 + d;
  }
  if (!ok) {
    fail(
      'year',
      `${YEAR_LABEL.zh}应为四位年份，如 2024，收到“${shown(raw)}”`,
      `${YEAR_LABEL.en} must be a four-digit year such as 2024, got "${shown(raw)}"`,
    );
    return null;
  }
  if (year < YEAR_FLOOR || year > todayYear) {
    fail(
      'year',
      `${YEAR_LABEL.zh}应在 ${YEAR_FLOOR} 至 ${todayYear} 之间，收到 ${year}`,
      `${YEAR_LABEL.en} must be between ${YEAR_FLOOR} and ${todayYear}, got ${year}`,
    );
    return null;
  }
  if (establishedOn !== null && year < Number(establishedOn.slice(0, 4))) {
    fail(
      'year',
      `${YEAR_LABEL.zh} ${year} 早于成立日期 ${establishedOn}`,
      `${YEAR_LABEL.en} ${year} is before the date of establishment ${establishedOn}`,
    );
    return null;
  }
  return year;
}

/**
 * Validate one import row. `rowNumber` is the row as Excel numbers it (for the errors); `today` is
 * 'YYYY-MM-DD' (dates may not be later, years not after its year).
 */
export function validateEnterpriseRow(values: RowValues, rowNumber: number, today: string): RowValidation {
  setToday(today);
  currentRow = rowNumber;
  errors = null;

  // USCC
  let uscc = '';
  const usccRaw = required(values, 'uscc');
  if (usccRaw !== null) {
    const result = validateUscc(toHalfWidth(usccRaw));
    if (result.ok) uscc = result.code;
    else
      fail(
        'uscc',
        `${result.message.zh}，收到“${shown(usccRaw)}”`,
        `${result.message.en}; got "${shown(usccRaw)}"`,
      );
  }

  // Name
  const name = required(values, 'name') ?? '';
  if (name.length > MAX_NAME) {
    fail(
      'name',
      `企业名称超过 ${MAX_NAME} 个字符`,
      `The enterprise name is longer than ${MAX_NAME} characters`,
    );
  }

  // Former names
  const formerRaw = text(values, 'former_names');
  let formerNames: string[] = [];
  if (formerRaw !== null) {
    formerNames = [...new Set(splitList(formerRaw))].filter((n) => n !== name);
    for (const former of formerNames) {
      if (former.length > MAX_NAME) {
        fail(
          'former_names',
          `曾用名“${shown(former)}”超过 ${MAX_NAME} 个字符`,
          `Former name "${shown(former)}" is longer than ${MAX_NAME} characters`,
        );
      }
    }
  }

  // Legal representative
  const legalRepresentative = text(values, 'legal_representative');
  if (legalRepresentative !== null && legalRepresentative.length > MAX_PERSON_NAME) {
    fail(
      'legal_representative',
      `法定代表人超过 ${MAX_PERSON_NAME} 个字符`,
      `The legal representative is longer than ${MAX_PERSON_NAME} characters`,
    );
  }

  // Region
  let regionCode = '';
  const regionRaw = required(values, 'region_code');
  if (regionRaw !== null) {
    const s = toHalfWidth(regionRaw);
    const code = normaliseRegionCode(s);
    if (code !== null) regionCode = code;
    else {
      let digits = true;
      for (let i = 0; i < s.length; i++) if (digitAt(s, i) < 0) digits = false;
      if (digits && (s.length === 2 || s.length === 4 || s.length === 6)) {
        fail(
          'region_code',
          `行政区划代码“${shown(regionRaw)}”不存在（GB/T 2260）`,
          `Region code "${shown(regionRaw)}" does not exist (GB/T 2260)`,
        );
      } else {
        fail(
          'region_code',
          `行政区划代码应为六位数字（GB/T 2260，如 440106），收到“${shown(regionRaw)}”`,
          `Region code must be six digits (GB/T 2260, such as 440106), got "${shown(regionRaw)}"`,
        );
      }
    }
  }

  // Industry
  let industryCode = '';
  const industryRaw = required(values, 'industry_code');
  if (industryRaw !== null) {
    const code = normaliseIndustryCode(toHalfWidth(industryRaw));
    if (code !== null) industryCode = code;
    else {
      fail(
        'industry_code',
        `行业代码“${shown(industryRaw)}”不是有效的 GB/T 4754-2017 代码（如 C13、I6513）`,
        `Industry code "${shown(industryRaw)}" is not a valid GB/T 4754-2017 code (such as C13, I6513)`,
      );
    }
  }

  // Date of establishment
  let establishedOn: string | null = null;
  const establishedRaw = text(values, 'established_on');
  if (establishedRaw !== null) {
    const iso = scanDate(establishedRaw);
    const label = fieldName('established_on');
    if (iso === null) failWith('established_on', dateProblem(label, establishedRaw));
    else if (iso > todayText) {
      fail('established_on', `${label.zh} ${iso} 晚于今天`, `${label.en} ${iso} is after today`);
    } else if (iso < DATE_FLOOR) {
      fail(
        'established_on',
        `${label.zh} ${iso} 早于 ${DATE_FLOOR}`,
        `${label.en} ${iso} is before ${DATE_FLOOR}`,
      );
    } else establishedOn = iso;
  }

  const status = coded(values, 'status', STATUS, STATUS_ALLOWED);
  const ownershipType = coded(values, 'ownership_type', OWNERSHIP, OWNERSHIP_ALLOWED);
  const certificationList = certifications(values);

  // Figures
  let figures: ImportFigures | null = null;
  let anyFigure = false;
  for (const key of FIGURE_KEYS) {
    if (text(values, key) !== null) {
      anyFigure = true;
      break;
    }
  }
  if (anyFigure) {
    const year = yearField(values, establishedOn);
    const employees = numberField(values, 'employees', 'persons');
    const operatingRevenue = numberField(values, 'operating_revenue', 'money');
    const mainBusinessRevenue = numberField(values, 'main_business_revenue', 'money');
    const totalAssets = numberField(values, 'total_assets', 'money');
    const totalLiabilities = numberField(values, 'total_liabilities', 'money');
    const rdExpense = numberField(values, 'rd_expense', 'money');
    const rdStaff = numberField(values, 'rd_staff', 'persons');
    const taxableIncome = numberField(values, 'taxable_income', 'money');
    const vatTaxpayerType = coded(values, 'vat_taxpayer_type', VAT, VAT_ALLOWED);
    if (mainBusinessRevenue !== null && operatingRevenue !== null && mainBusinessRevenue > operatingRevenue) {
      fail(
        'main_business_revenue',
        `主营业务收入 ${mainBusinessRevenue} 大于营业收入 ${operatingRevenue}`,
        `Main business revenue ${mainBusinessRevenue} is more than operating revenue ${operatingRevenue}`,
      );
    }
    if (rdStaff !== null && employees !== null && rdStaff > employees) {
      fail(
        'rd_staff',
        `研发人员 ${rdStaff} 多于从业人员 ${employees}`,
        `R&D staff ${rdStaff} is more than employees ${employees}`,
      );
    }
    if (year !== null) {
      figures = {
        year,
        employees,
        operatingRevenue,
        mainBusinessRevenue,
        totalAssets,
        totalLiabilities,
        rdExpense,
        rdStaff,
        taxableIncome,
        vatTaxpayerType,
      };
    }
  }

  if (errors !== null) {
    const list: RowFieldError[] = errors;
    errors = null;
    return { ok: false, errors: list };
  }
  return {
    ok: true,
    record: {
      uscc,
      name,
      formerNames,
      legalRepresentative,
      regionCode,
      industryCode,
      establishedOn,
      status,
      ownershipType,
      certifications: certificationList,
      figures,
    },
  };
}
