/**
 * The rules of credit information (issue 14, measure 4), pure: no I/O, no clock (`today` is passed).
 *
 * - what a record of each category may say (`CREDIT_ITEMS`: the items, and whether each carries a number or a
 *   value), so department files, the enterprise's own declarations and the scoring read one vocabulary;
 * - the dated figures of the rules (`CreditSettings`: publication periods of penalties, the objection time limit,
 *   how long adverse records are kept, the longest consent), each with its basis and whether it is verified
 *   (docs/reference/credit.md §5);
 * - when a record is shown to banks and counted in scores, and when a penalty may be repaired;
 * - a consent's checks and its state on a day;
 * - the one masking rule for personal data shown to banks.
 */

import {
  CHECK_QUESTION_CATEGORIES,
  CREDIT_CATEGORIES,
  CREDIT_ITEMS,
  type CreditItem,
  creditItem,
  TAX_CREDIT_GRADES,
} from '../../../reference/credit.ts';

export { CREDIT_ITEMS, type CreditItem, creditItem };

import type { Localized } from '../../../shared/errors.ts';
import type { ConsentState, CreditPersonal } from './credit.table.ts';

/** A category code of the sharing list. */
export type CreditCategoryCode = (typeof CREDIT_CATEGORIES)[number]['code'];

const CATEGORY_CODES = new Set<string>(CREDIT_CATEGORIES.map((c) => c.code));

/** True for a category code of the sharing list. */
export function isCreditCategory(code: string): code is CreditCategoryCode {
  return CATEGORY_CODES.has(code);
}

/** The keys of the dated figures (credit_settings). */
export const CREDIT_SETTING_KEYS = [
  'penalty_publication_min',
  'penalty_publication_min_safety',
  'penalty_publication_max',
  'objection_answer_days',
  'adverse_retention',
  'consent_max_days',
] as const;

/** A key of the dated figures. */
export type CreditSettingKey = (typeof CREDIT_SETTING_KEYS)[number];

/** A length of time. */
export interface Period {
  value: number;
  unit: 'days' | 'months' | 'years';
}

/** One figure as it holds on a day: its period, where it comes from, whether it is verified. */
export interface CreditSetting extends Period {
  key: CreditSettingKey;
  effectiveFrom: string;
  basis: string;
  verified: boolean;
}

/** The figures in force on a day, one per key. */
export type CreditSettings = Readonly<Record<CreditSettingKey, CreditSetting>>;

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO date plus a period; a month end stays in its month (2024-01-31 + 1 month = 2024-02-29). */
export function addPeriod(date: string, period: Period): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (period.unit === 'days') {
    const t = new Date(Date.UTC(y, m - 1, d + period.value));
    return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  }
  const monthsToAdd = period.unit === 'years' ? period.value * 12 : period.value;
  const total = y * 12 + (m - 1) + monthsToAdd;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

/** The day before an ISO date. */
export function dayBefore(date: string): string {
  return addPeriod(date, { value: -1, unit: 'days' });
}

/** A period in words. */
export function describePeriod(period: Period): Localized {
  const zh = { days: '日', months: '个月', years: '年' }[period.unit];
  const en = { days: 'day', months: 'month', years: 'year' }[period.unit];
  return { zh: `${period.value}${zh}`, en: `${period.value} ${en}${period.value === 1 ? '' : 's'}` };
}

/**
 * The last day a record is published when the department gave none: a penalty's maximum publication period from
 * its decision (the day before the period ends); other records have no end of their own.
 */
export function defaultPublishUntil(
  category: string,
  decidedOn: string,
  settings: CreditSettings,
): string | null {
  if (category !== 'penalty') return null;
  return dayBefore(addPeriod(decidedOn, settings.penalty_publication_max));
}

/** The first day a penalty may be repaired (its minimum publication period has passed), or null: not a penalty. */
export function repairableFrom(
  record: { category: string; item: string; decided_on: string },
  settings: CreditSettings,
): string | null {
  if (record.category !== 'penalty') return null;
  const min =
    record.item === 'penalty_safety'
      ? settings.penalty_publication_min_safety
      : settings.penalty_publication_min;
  return addPeriod(record.decided_on, min);
}

/** A record as the visibility rule reads it. */
export interface PublishedRecord {
  status: 'active' | 'superseded' | 'repaired';
  publish_until: string | null;
}

/**
 * Shown to banks and counted in scores on `today`: not replaced by a correction, and within its publication period
 * (a repaired penalty's period ends the day before the repair). The same rule is `publishedOn` in SQL.
 */
export function isPublished(record: PublishedRecord, today: string): boolean {
  if (record.status === 'superseded') return false;
  return record.publish_until === null || record.publish_until >= today;
}

/** The day an objection or repair request filed on a day must be answered by. */
export function objectionDueOn(filedOn: string, settings: CreditSettings): string {
  return addPeriod(filedOn, settings.objection_answer_days);
}

/** A consent's state on a day: the stored one, or expired once authorised past its last day. */
export type ConsentStatus = ConsentState | 'expired';

/** The state of a consent on `today`. */
export function consentStatus(
  consent: { state: ConsentState; valid_until: string; valid_from: string },
  today: string,
): ConsentStatus {
  if ((consent.state === 'authorised' || consent.state === 'awaiting') && consent.valid_until < today)
    return 'expired';
  return consent.state;
}

/**
 * Whether the enterprise ever authorised a consent (authorised, or revoked after it; expired when it had been
 * authorised): only such a consent has a receipt. A request still awaiting, rejected, or left to expire never was.
 */
export function hasBeenAuthorised(consent: { state: ConsentState }): boolean {
  return consent.state === 'authorised' || consent.state === 'revoked';
}

/** A consent live on `today`: authorised, started and not past its last day. */
export function isLive(
  consent: { state: ConsentState; valid_from: string; valid_until: string },
  today: string,
): boolean {
  return consent.state === 'authorised' && consent.valid_from <= today && today <= consent.valid_until;
}

/** What a consent asks for, before it is stored. */
export interface ConsentTerms {
  institutionId: number | null;
  scope: 'report' | 'check';
  categories: readonly string[];
  purpose: string;
  validFrom: string;
  validUntil: string;
}

/** One problem of a consent's terms: the field and why. */
export interface ConsentProblem {
  field: string;
  message: Localized;
}

/** Every problem of a consent's terms on `today` (none: it may be stored). */
export function checkConsentTerms(
  terms: ConsentTerms,
  today: string,
  settings: CreditSettings,
): ConsentProblem[] {
  const problems: ConsentProblem[] = [];
  const problem = (field: string, zh: string, en: string) => problems.push({ field, message: { zh, en } });
  if (terms.institutionId === null)
    problem(
      'institutionId',
      '授权须指明一家金融机构，不能授权给“所有银行”',
      'a consent names one financial institution, never "all banks"',
    );
  if (terms.purpose.trim().length < 4)
    problem(
      'purpose',
      '须写明用途（至少4个字），例如“贷前审查：某笔融资需求”',
      'state the purpose (at least 4 characters), e.g. "pre-loan review of a demand"',
    );
  if (terms.categories.length === 0)
    problem('categories', '至少选择一类信息', 'choose at least one category');
  const seen = new Set<string>();
  for (const c of terms.categories) {
    if (!isCreditCategory(c))
      problem('categories', `“${c}”不是信用信息类别`, `"${c}" is not a category of credit information`);
    else if (seen.has(c)) problem('categories', `类别“${c}”重复`, `the category ${c} is listed twice`);
    seen.add(c);
  }
  if (terms.validFrom < today)
    problem('validFrom', `开始日期不能早于今天（${today}）`, `the start cannot be before today (${today})`);
  const longest = settings.consent_max_days;
  const latest = addPeriod(terms.validFrom < today ? today : terms.validFrom, longest);
  const span = describePeriod(longest);
  if (terms.validUntil < today)
    problem('validUntil', `截止日期 ${terms.validUntil} 已过`, `the end ${terms.validUntil} has passed`);
  else if (terms.validUntil < terms.validFrom)
    problem('validUntil', '截止日期不能早于开始日期', 'the end cannot be before the start');
  else if (terms.validUntil > latest)
    problem(
      'validUntil',
      `授权期限最长${span.zh}：截止日期最晚为 ${latest}`,
      `a consent lasts at most ${span.en}: the latest end is ${latest}`,
    );
  return problems;
}

/** Personal data as a bank sees it: the same fields, masked. */
export function maskPersonal(personal: CreditPersonal | null): CreditPersonal | null {
  if (personal === null) return null;
  const masked: CreditPersonal = {};
  if (personal.legalRepName !== undefined) masked.legalRepName = maskName(personal.legalRepName);
  if (personal.legalRepId !== undefined) masked.legalRepId = maskIdNumber(personal.legalRepId);
  return masked;
}

/** A person's name: the first character (the surname), the rest as *. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** An identity number: the first 3 and last 2 characters kept (the issuing area's start, the check digit), the rest *. */
export function maskIdNumber(id: string): string {
  const chars = [...id.trim()];
  if (chars.length <= 5) return '*'.repeat(chars.length);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 5) + chars.slice(-2).join('');
}

/** A check-only question a bank may ask under a consent: it learns yes or no, not the data. */
export type CheckQuestion =
  | { kind: 'tax_paid_at_least'; year: number; amount: number }
  | { kind: 'tax_grade_at_least'; grade: 'A' | 'B' | 'M' | 'C' }
  | { kind: 'no_dishonesty' }
  | { kind: 'no_open_enforcement' }
  | { kind: 'no_penalty_since'; since: string }
  | { kind: 'social_insurance_months_at_least'; months: number };

/** The category a question reads (the consent must give it); the vocabulary's map, checked against the kinds here. */
export const CHECK_CATEGORY: Readonly<Record<CheckQuestion['kind'], CreditCategoryCode>> =
  CHECK_QUESTION_CATEGORIES;

/** A record as a check reads it. */
export interface CheckedRecord {
  category: string;
  item: string;
  value_number: number | null;
  value_text: string | null;
  decided_on: string;
}

const GRADE_ORDER = TAX_CREDIT_GRADES.map((g) => g.grade as string);

/**
 * The answer to a check over the enterprise's records published today (the caller passes only those):
 * - tax paid in a year (the sum of that year's records) at least an amount in 10,000 yuan;
 * - the latest tax credit grade at least a grade, in the order A, B, M, C, D (no grade on file: no);
 * - not on the serious-dishonesty list; no open enforcement case; no penalty decided since a date;
 * - the latest social-insurance record shows at least so many months paid of the last 12.
 */
export function answerCheck(question: CheckQuestion, records: readonly CheckedRecord[]): boolean {
  const latest = (category: string, item: string) =>
    records
      .filter((r) => r.category === category && r.item === item)
      .sort((a, b) => (a.decided_on < b.decided_on ? 1 : a.decided_on > b.decided_on ? -1 : 0))[0];
  switch (question.kind) {
    case 'tax_paid_at_least': {
      const year = String(question.year);
      const paid = records
        .filter((r) => r.category === 'tax' && r.item === 'tax_paid' && r.decided_on.startsWith(year))
        .reduce((sum, r) => sum + (r.value_number ?? 0), 0);
      return paid >= question.amount;
    }
    case 'tax_grade_at_least': {
      const grade = latest('tax', 'credit_grade')?.value_text;
      if (!grade || !GRADE_ORDER.includes(grade)) return false;
      return GRADE_ORDER.indexOf(grade) <= GRADE_ORDER.indexOf(question.grade);
    }
    case 'no_dishonesty':
      return !records.some((r) => r.category === 'dishonesty');
    case 'no_open_enforcement':
      return !records.some(
        (r) => r.category === 'judgment' && r.item === 'enforcement' && r.value_text === 'open',
      );
    case 'no_penalty_since':
      return !records.some((r) => r.category === 'penalty' && r.decided_on >= question.since);
    case 'social_insurance_months_at_least':
      return (latest('social_insurance', 'months_paid')?.value_number ?? 0) >= question.months;
  }
}
