/**
 * What the debtor body's pages know of complaints and disclosures, as pure functions: which states can still be
 * answered (cases.payer.ts ANSWERABLE; the server decides and answers 409 otherwise), the body of an answer, the
 * years a disclosure can be asked for (those that have ended, from 2020: cases.disclosure.ts checkYear), and the
 * public list's filters read from the address.
 */
import type { ClaimAnswer } from '../../api/payer.ts';

/** States in which the debtor may answer: accepted by a department and not yet replied to or closed. */
export const ANSWERABLE_STATES: readonly string[] = ['accepted', 'in_progress', 'info_requested'];

/** Whether a complaint in `state` can still be answered. */
export function isAnswerable(state: string): boolean {
  return ANSWERABLE_STATES.includes(state);
}

/** The debtor's answers. */
export type AnswerAction = ClaimAnswer['action'];

/** What the answer forms collect. */
export interface AnswerValues {
  note?: string | undefined;
  /** Yuan, at most two decimals. */
  amount?: number | null | undefined;
  /** 'YYYY-MM-DD'. */
  paidOn?: string | undefined;
}

/** The request body of an answer: the note trimmed (left out when empty); amount and date only for a payment. */
export function answerBody(action: AnswerAction, version: number, values: AnswerValues): ClaimAnswer {
  const body: ClaimAnswer = { action, version };
  const note = values.note?.trim();
  if (note) body.note = note;
  if (action === 'pay') {
    if (values.amount !== null && values.amount !== undefined) body.amount = values.amount;
    if (values.paidOn) body.paidOn = values.paidOn;
  }
  return body;
}

/** The contract amount not yet paid (without interest), never below 0, in cents. */
export function unpaidAmount(claim: {
  amount: number;
  repaid: number;
  assessment?: { principalOutstanding: number } | null | unknown;
}): number {
  // The assessment's unpaid principal (payments go to interest first); without one, the amount less what was paid.
  const assessed = claim.assessment as { principalOutstanding?: unknown } | null | undefined;
  if (typeof assessed?.principalOutstanding === 'number') return assessed.principalOutstanding;
  return Math.max(0, Math.round((claim.amount - claim.repaid) * 100) / 100);
}

/** The first year a disclosure can be asked for (the server refuses earlier ones). */
export const FIRST_DISCLOSURE_YEAR = 2020;

/** The years that have ended by `today` ('YYYY-MM-DD' in China), newest first, back to 2020. */
export function disclosureYears(today: string): number[] {
  const last = Number(today.slice(0, 4)) - 1;
  const years: number[] = [];
  for (let year = last; year >= FIRST_DISCLOSURE_YEAR; year--) years.push(year);
  return years;
}

/** The year of a `?year=` parameter when it is one of `years`; otherwise the newest of them. */
export function chosenYear(value: string | null, years: readonly number[]): number | undefined {
  const year = Number(value);
  if (value && years.includes(year)) return year;
  return years[0];
}

/** Whether a year's disclosure is late: not published and its due date (31 March) has passed. */
export function isDisclosureOverdue(today: string, dueOn: string, published: boolean): boolean {
  return !published && today > dueOn;
}

/** The filters of the public disclosures list as read from the address (`?year=&region=&q=&page=&pageSize=`). */
export interface PublicFilters {
  year: number | undefined;
  region: string | undefined;
  q: string | undefined;
  page: number;
  pageSize: number;
}

const PAGE_SIZES = [10, 20, 50, 100];

/** Reads the public list's filters; malformed values are dropped (a year must be one of `years`). */
export function publicFilters(params: URLSearchParams, years: readonly number[]): PublicFilters {
  const year = Number(params.get('year'));
  const region = params.get('region');
  const q = params.get('q')?.trim();
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    year: params.get('year') && years.includes(year) ? year : undefined,
    region: region && /^\d{6}$/.test(region) ? region : undefined,
    q: q ? q.slice(0, 100) : undefined,
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
}
