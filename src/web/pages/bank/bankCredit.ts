/**
 * What the bank's credit pages decide without drawing (issue 14): the check-only questions a consent allows (each
 * reads one category, src/reference/credit.ts, the map the server checks), the years a tax-paid question may
 * name, and the evaluation of a report as the score explanation shows it.
 */
import { CHECK_QUESTION_CATEGORIES, type CheckQuestionKind } from '../../../reference/credit.ts';
import type { ExplainedScore } from '../../components/ScoreExplanation.tsx';

/** Every check-only question, in the order the page lists them. */
export const CHECK_QUESTION_KINDS = Object.keys(CHECK_QUESTION_CATEGORIES) as CheckQuestionKind[];

/**
 * The questions a consent of `categories` allows, in the page's order; every one when the categories are not known
 * (the server still refuses a category not consented, in words).
 */
export function offeredQuestions(categories: readonly string[] | null): CheckQuestionKind[] {
  if (categories === null) return [...CHECK_QUESTION_KINDS];
  return CHECK_QUESTION_KINDS.filter((kind) => categories.includes(CHECK_QUESTION_CATEGORIES[kind]));
}

/** The categories the other questions read and the consent does not give, each once, in the page's order. */
export function categoriesNotConsented(categories: readonly string[] | null): string[] {
  if (categories === null) return [];
  const missing = CHECK_QUESTION_KINDS.map((kind) => CHECK_QUESTION_CATEGORIES[kind]).filter(
    (category) => !categories.includes(category),
  );
  return [...new Set(missing)];
}

/** The years a tax-paid question may name: from 2000 to the year of `today` (a date, 'YYYY-MM-DD'). */
export function taxYearRange(today: string): { min: number; max: number; initial: number } {
  const year = Number(today.slice(0, 4));
  return { min: 2000, max: year, initial: year - 1 };
}

/**
 * The evaluation in a bank's report (its `score`, typed unknown by the API) as the score explanation reads it: the
 * server sends the explanation with its features under `explained`, those of a category not consented with
 * `withheld: true` and value, points and evidence null. Null when there is none or it is not of that shape.
 */
export function consentedScore(score: unknown): ExplainedScore | null {
  if (typeof score !== 'object' || score === null) return null;
  const value = score as Record<string, unknown>;
  if (
    typeof value.score !== 'number' ||
    typeof value.grade !== 'string' ||
    typeof value.scorecard !== 'object' ||
    value.scorecard === null ||
    !Array.isArray(value.explained)
  )
    return null;
  const { explained, items: _points, ...rest } = value;
  // A withheld feature shows no value, points or data even if some were sent (the server sends them null).
  const items = (explained as ExplainedScore['items']).map((item) =>
    item.withheld ? { ...item, value: null, points: null, bin: null, evidence: null } : item,
  );
  return { ...(rest as Omit<ExplainedScore, 'items'>), items };
}

/** Why a consent cannot be used today, as the page says it (one message), or null when it is in force. */
export type ConsentUnusable =
  | { reason: 'revoked' | 'rejected' | 'awaiting' }
  | { reason: 'expired'; date: string }
  | { reason: 'notStarted'; date: string };

/**
 * Whether a consent (as the API shows it: its status, first and last day) can be used on `today` ('YYYY-MM-DD'),
 * and if not, why: the server refuses the same consents (CONSENT_NOT_LIVE); the page says so before asking.
 */
export function consentUnusable(
  consent: { status: string; validFrom: string; validUntil: string },
  today: string,
): ConsentUnusable | null {
  switch (consent.status) {
    case 'revoked':
    case 'rejected':
    case 'awaiting':
      return { reason: consent.status };
    case 'expired':
      return { reason: 'expired', date: consent.validUntil };
    default:
      if (consent.validUntil < today) return { reason: 'expired', date: consent.validUntil };
      if (consent.validFrom > today) return { reason: 'notStarted', date: consent.validFrom };
      return null;
  }
}
