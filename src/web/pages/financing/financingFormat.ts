/**
 * Amounts and rates of financing as the pages show them. The API gives them as decimal strings (万元, percent a
 * year) and they are shown as given, never through a float: "120.5万元" in Chinese, "1,205,000 yuan" in English (the
 * 万元 amount shifted by four places as text), "3.45%".
 */
import type { Locale } from '../../i18n/core.ts';

/** A decimal as the API takes it: at most 10 whole digits and 4 decimals. */
export const DECIMAL_PATTERN = /^\d{1,10}(\.\d{1,4})?$/;

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** "120.5000" → "120.5", "007" → "7" (the text itself when it is not a plain decimal). */
export function plainDecimal(text: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return text;
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** An amount in 万元 as yuan, as text: "120.5" → "1205000", "0.00005" → "0.5". */
export function wanToYuan(text: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return text;
  const fraction = match[2] ?? '';
  const digits = `${match[1] ?? '0'}${fraction.slice(0, 4).padEnd(4, '0')}`.replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(4).replace(/0+$/, '');
  return rest ? `${digits}.${rest}` : digits;
}

/** An amount in 万元 in the reader's language ('—' when missing). */
export function formatWan(value: string | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '—';
  if (locale === 'en') {
    const [whole = '0', fraction] = wanToYuan(value).split('.');
    return `${group(whole)}${fraction ? `.${fraction}` : ''} yuan`;
  }
  const [whole = '0', fraction] = plainDecimal(value).split('.');
  return `${group(whole)}${fraction ? `.${fraction}` : ''}万元`;
}

/** A range of amounts in 万元: "50–500万元", "500,000–5,000,000 yuan". */
export function formatWanRange(min: string, max: string, locale: Locale): string {
  const low = formatWan(min, locale);
  const high = formatWan(max, locale);
  const unit = locale === 'en' ? ' yuan' : '万元';
  return `${low.endsWith(unit) ? low.slice(0, -unit.length) : low}–${high}`;
}

/** A rate in percent a year: "3.45%" ('—' when missing). */
export function formatRate(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return `${plainDecimal(value)}%`;
}

/** The mark between a label and its value in the reader's language: "额度：…", "Amount: …". */
export function colon(locale: Locale): string {
  return locale === 'en' ? ': ' : '：';
}

/** A range of rates: "3.2%–4.8%". */
export function formatRateRange(min: string, max: string): string {
  return min === max ? formatRate(min) : `${formatRate(min)}–${formatRate(max)}`;
}

/** Whether a typed amount or rate is a decimal the API takes. */
export function isDecimal(text: string | undefined): boolean {
  return text !== undefined && DECIMAL_PATTERN.test(text.trim());
}

/**
 * The sign of a typed number, whatever its decimals: -1 for "-50", "−5" (the minus sign) or "－1" (full width), 0
 * for "0" or "0.00", 1 for "3.5"; null when the text is not a number at all.
 */
export function numberSign(text: string | undefined): -1 | 0 | 1 | null {
  const match = /^([-−－+]?)(\d+(?:\.\d*)?|\.\d+)$/.exec((text ?? '').trim());
  if (!match) return null;
  if (!/[1-9]/.test(match[2] ?? '')) return 0;
  return match[1] && match[1] !== '+' ? -1 : 1;
}

/** A rule typed as JSON text: the value, null for an empty text, or the text's problem. */
export function parseRuleText(text: string | undefined): { rule: unknown } | { error: 'invalid' } {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return { rule: null };
  try {
    return { rule: JSON.parse(trimmed) as unknown };
  } catch {
    return { error: 'invalid' };
  }
}

/** A stored rule as the text of the editor ('' for none). */
export function ruleText(rule: unknown): string {
  return rule === null || rule === undefined ? '' : JSON.stringify(rule, null, 2);
}

/**
 * The form item a server's field error belongs to: 'body.regions/0' → regions, 'rule/all/1' → rule (with the
 * path within it), 'amountMax' → amountMax; null when the form has no such item.
 */
export function fieldOfProblem(
  field: string,
  fields: readonly string[],
): { name: string; within: string } | null {
  const path = field.replace(/^body[./]/, '').replace(/^\//, '');
  const [head = '', ...rest] = path.split(/[./]/);
  if (!fields.includes(head)) return null;
  return { name: head, within: rest.join('/') };
}

/** An amount in yuan as the API gives it (a decimal string) in the reader's language: "860,000.5元", "860,000.5 yuan". */
export function formatYuan(value: string | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '—';
  const [whole = '0', fraction] = plainDecimal(value).split('.');
  const text = `${group(whole)}${fraction ? `.${fraction}` : ''}`;
  return locale === 'en' ? `${text} yuan` : `${text}元`;
}

/** A yuan amount as the API takes it: at most 14 whole digits and 2 decimals. */
export const YUAN_PATTERN = /^\d{1,14}(\.\d{1,2})?$/;

/** An amount in yuan as 万元, as text, cut to the 4 decimals a demand takes: "860000.5" → "86", "12345" → "1.2345". */
export function yuanToWan(text: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return text;
  const whole = (match[1] ?? '0').padStart(5, '0');
  return plainDecimal(`${whole.slice(0, -4)}.${whole.slice(-4)}`);
}

/** Days from `today` to `date` (both YYYY-MM-DD): negative once passed. */
export function daysUntil(today: string, date: string): number {
  const day = (d: string) =>
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((day(date) - day(today)) / 86_400_000);
}

/** The states of a bank's answer in which its first contact is still to come (only picked up). */
const CONTACT_RUNNING: ReadonlySet<string> = new Set(['picked_up']);
/** The states of a bank's answer in which its decision is still to come (picked up, contacted, visited). */
const DECISION_RUNNING: ReadonlySet<string> = new Set(['picked_up', 'contacted', 'visited']);

/**
 * Which of a bank's deadlines are running: the first contact while only picked up and not contacted, the decision
 * until it is made; neither once the answer is closed (granted, declined, disbursed, released, withdrawn).
 */
export function runningDeadlines(response: {
  state: string;
  contactedAt: string | Date | null;
  decidedAt: string | Date | null;
}): {
  contact: boolean;
  decision: boolean;
} {
  return {
    contact: response.contactedAt === null && CONTACT_RUNNING.has(response.state),
    decision: response.decidedAt === null && DECISION_RUNNING.has(response.state),
  };
}

/** Compares two plain decimals as text (no float): negative, 0 or positive. */
export function compareDecimal(a: string, b: string): number {
  const parts = (text: string) => {
    const [whole = '0', fraction = ''] = plainDecimal(text).split('.');
    return { whole, fraction };
  };
  const x = parts(a);
  const y = parts(b);
  const places = Math.max(x.fraction.length, y.fraction.length);
  const units = (p: { whole: string; fraction: string }) =>
    BigInt(`${p.whole}${p.fraction.padEnd(places, '0')}`);
  const diff = units(x) - units(y);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}
