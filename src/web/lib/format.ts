/** Formatting of dates and numbers in the current language. */
import type { Locale } from '../i18n/core.ts';

/**
 * Formatters are built once per language and options and reused: building an Intl formatter costs far more than
 * using one, and a table formats every cell.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** China's time zone: the platform's deadlines, publications and records are China's, wherever the reader is. */
const CHINA_ZONE = 'Asia/Shanghai';
/** China's offset as Date#getTimezoneOffset gives it (UTC+8, no daylight saving). */
const CHINA_OFFSET_MINUTES = -480;

/**
 * Date and time as China's clock shows it, e.g. 2026/11/25 18:24:39 or Nov 25, 2026, 18:24:39; '—' when missing —
 * a deadline means China's 17:00 wherever the enterprise opens it. `labelled`: a reader whose own clock is not
 * China's is told so, 2026/11/25 18:24:39（北京时间）/ … (China time) — for a time standing on its own (a publication
 * time); a table's cells are not labelled one by one (they would no longer fit).
 */
export function formatDateTime(
  value: Date | string | null | undefined,
  locale: Locale,
  { labelled = false }: { labelled?: boolean } = {},
): string {
  const date = toDate(value);
  if (!date) return '—';
  const text = dateFormat(locale, {
    year: 'numeric',
    month: locale === 'en' ? 'short' : '2-digit',
    day: locale === 'en' ? 'numeric' : '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZone: CHINA_ZONE,
  }).format(date);
  if (!labelled || date.getTimezoneOffset() === CHINA_OFFSET_MINUTES) return text;
  return locale === 'en' ? `${text} (China time)` : `${text}（北京时间）`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar date 'YYYY-MM-DD' shown in the current language ('2026年12月5日', 'Dec 5, 2026'); '—' when missing.
 * Written out rather than through Intl: the first Intl formatter of a page loads the language's locale data, which
 * costs more than a whole table's worth of dates (the unit test holds it to Intl's output).
 */
export function formatDate(value: string | null | undefined, locale: Locale): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 31)
    return locale === 'en' ? `${MONTHS_EN[month - 1]} ${day}, ${year}` : `${year}年${month}月${day}日`;
  return formatDateWithIntl(match, locale);
}

function formatDateWithIntl(match: RegExpExecArray, locale: Locale): string {
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return dateFormat(locale, {
    year: 'numeric',
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/**
 * A number with grouping (1,234,567). Whole numbers are grouped here, as both languages group them (see formatDate on
 * why not through Intl); others go through Intl.
 */
export function formatNumber(value: number, locale: Locale): string {
  if (Number.isSafeInteger(value)) {
    const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ',');
    return value < 0 ? `-${digits}` : digits;
  }
  return numberFormat(locale).format(value);
}

/** A share as a percentage with one decimal. */
export function formatPercent(part: number, whole: number, locale: Locale): string {
  if (whole <= 0) return '—';
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(part / whole);
}

/** A decimal with grouping and at most `digits` fraction digits; '—' when missing. */
export function formatDecimal(value: number | null | undefined, locale: Locale, digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return numberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

/**
 * A quantity with its unit as a reader of the language writes it. Amounts kept in 万元 (ten thousand yuan) read
 * "0.5万元" in Chinese and "5,000 yuan" in English (nobody writes "0.5 10,000 yuan"); other units follow the number
 * ("12 个月", "12 months", "1 month"). No unit: the number alone.
 */
export function formatQuantity(
  value: number,
  unit: { zh: string; en: string } | null | undefined,
  locale: Locale,
): string {
  if (!unit) return formatDecimal(value, locale);
  if (unit.zh === '万元') {
    return locale === 'en'
      ? `${formatDecimal(value * 10_000, locale, 0)} yuan`
      : `${formatDecimal(value, locale, 4)}万元`;
  }
  if (locale !== 'en') return `${formatDecimal(value, locale)} ${unit.zh}`;
  // One of a plural unit is said in the singular: "1 record", "1 month", "1 year".
  const en = value === 1 && /[a-z]s$/.test(unit.en) ? unit.en.slice(0, -1) : unit.en;
  return `${formatDecimal(value, locale)} ${en}`;
}
