/**
 * How a period counted in days ends, as dated data (docs/reference/periods.md): 《中华人民共和国民法典》第二百零三条 —
 * when the last day of a period is a statutory rest day (法定休假日: a public holiday, or a Saturday or Sunday that
 * is not an announced make-up workday, 调休上班), the period ends on the day after the rest day(s), i.e. on the
 * next working day. The rule yields to a law that says otherwise (第二百零四条): each regulation that counts periods
 * carries its own switch (`PaymentRegulation.periodEndsOnWorkingDay`, `ComplaintTimeLimits.periodEndsOnWorkingDay`).
 *
 * The working-day calendar is calendar.ts (State Council arrangements from `chinese-days`); where it does not cover
 * a day the end is computed on Monday–Friday and marked unsettled, never silently guessed.
 */
import type { Localized } from '../shared/errors.ts';
import {
  dateOfDay,
  dayNumber,
  isWorkingDayNumber,
  publicHolidayOf,
  unsettledYearOfDay,
  weekdayOf,
  weekdayOfDay,
} from './calendar.ts';

/** One version of the rule: the law and article, from when it applies (by the period's last day). */
export interface PeriodEndRule {
  law: string;
  article: string;
  /** The full citation (the basis of an explanation line), the short one its text quotes, and in English. */
  citation: string;
  shortCitation: string;
  citationEn: string;
  effectiveFrom: string;
  /** The rule in one sentence, as the explanations quote it. */
  text: Localized;
}

const RULE_TEXT: Localized = {
  zh: '期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日',
  en: 'when the last day of a period is a statutory rest day, the period ends on the day after the rest day(s)',
};

/** The versions, oldest first. */
export const PERIOD_END_RULES: readonly PeriodEndRule[] = [
  {
    // 《中华人民共和国民法总则》 (in force 2017-10-01) had the same article, same number and text, until the Civil
    // Code replaced it (docs/reference/periods.md).
    law: '中华人民共和国民法总则',
    article: '第二百零三条',
    citation: '《中华人民共和国民法总则》第二百零三条',
    shortCitation: '《民法总则》第二百零三条',
    citationEn: 'General Provisions of the Civil Law, art. 203',
    effectiveFrom: '2017-10-01',
    text: RULE_TEXT,
  },
  {
    law: '中华人民共和国民法典',
    article: '第二百零三条',
    citation: '《中华人民共和国民法典》第二百零三条',
    shortCitation: '《民法典》第二百零三条',
    citationEn: 'Civil Code, art. 203',
    effectiveFrom: '2021-01-01',
    text: RULE_TEXT,
  },
];

/** The version in force on a date (a period's last day), or null before any. */
export function periodEndRuleOn(date: string): PeriodEndRule | null {
  let found: PeriodEndRule | null = null;
  for (const rule of PERIOD_END_RULES) if (rule.effectiveFrom <= date) found = rule;
  return found;
}

/** Where a period ends. */
export interface PeriodEnd {
  /** The last day by counting. */
  lastCounted: string;
  /** The last day after the rule: the next working day when `lastCounted` is a rest day, else the same. */
  endsOn: string;
  /** The rule that moved the end (null: it did not move). */
  movedBy: PeriodEndRule | null;
  /** The last counted day is a Saturday or Sunday worked by the holiday arrangement (调休上班): no move. */
  onMakeUpWorkday: boolean;
  /** A year whose holiday arrangement decides the end but is not in the calendar yet: the end may move. */
  unsettledYear: number | null;
}

const WEEKDAYS = [
  { zh: '星期日', en: 'Sunday' },
  { zh: '星期一', en: 'Monday' },
  { zh: '星期二', en: 'Tuesday' },
  { zh: '星期三', en: 'Wednesday' },
  { zh: '星期四', en: 'Thursday' },
  { zh: '星期五', en: 'Friday' },
  { zh: '星期六', en: 'Saturday' },
] as const;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "2025-10-03（国庆节）", "2025-03-15（星期六）". */
function dayWithName(date: string): Localized {
  const name = publicHolidayOf(date) ?? WEEKDAYS[weekdayOf(date)] ?? { zh: '', en: '' };
  return { zh: `${date}（${name.zh}）`, en: `${date} (${name.en})` };
}

/**
 * The end of a period whose last counted day is `lastCounted`. `applies` is the regulation's switch; the rule in
 * force on that day decides (none before 2017-10-01).
 */
export function endOfPeriod(lastCounted: string, applies = true): PeriodEnd {
  const rule = applies ? periodEndRuleOn(lastCounted) : null;
  // On day numbers with cached answers: payments assess a million claims a second through here.
  const last = dayNumber(lastCounted);
  let end = last;
  let unsettledYear = unsettledYearOfDay(last);
  if (rule)
    while (!isWorkingDayNumber(end)) {
      end += 1;
      unsettledYear ??= unsettledYearOfDay(end);
    }
  const weekday = weekdayOfDay(last);
  return {
    lastCounted,
    endsOn: end === last ? lastCounted : dateOfDay(end),
    movedBy: end === last ? null : rule,
    onMakeUpWorkday: rule !== null && (weekday === 0 || weekday === 6) && isWorkingDayNumber(last),
    unsettledYear,
  };
}

/** What the explanations say about a period's end: the move (with the article), the make-up workday, the gap. */
export function periodEndLines(end: PeriodEnd): { text: Localized; basis: string | null }[] {
  const lines: { text: Localized; basis: string | null }[] = [];
  const last = dayWithName(end.lastCounted);
  if (end.movedBy)
    lines.push({
      text: {
        zh: `${end.movedBy.text.zh}（${end.movedBy.shortCitation}）：期间最后一日 ${last.zh}是法定休假日，顺延至 ${end.endsOn}`,
        en: `${capitalize(end.movedBy.text.en)} (${end.movedBy.citationEn}): the last day, ${last.en}, is a rest day, so the period ends on ${end.endsOn}`,
      },
      basis: end.movedBy.citation,
    });
  else if (end.onMakeUpWorkday) {
    const rule = periodEndRuleOn(end.lastCounted) as PeriodEndRule;
    lines.push({
      text: {
        zh: `期间最后一日 ${last.zh}是调休上班日，不是法定休假日，期限不顺延（${rule.shortCitation}）`,
        en: `The last day, ${last.en}, is a make-up workday (调休), not a rest day: the period does not move (${rule.citationEn})`,
      },
      basis: rule.citation,
    });
  }
  const warning = unsettledWarning(end.unsettledYear);
  if (warning) lines.push({ text: warning, basis: null });
  return lines;
}

/** The warning for a date that depends on a year missing from the holiday calendar (null when none is missing). */
export function unsettledWarning(year: number | null): Localized | null {
  if (year === null) return null;
  return {
    zh: `${year} 年的法定节假日安排尚未公布或尚未收录，本日期按周一至周五为工作日推算，公布后可能变动`,
    en: `The holiday calendar for ${year} is not published yet (or not in our data): this date assumes Monday–Friday are working days and may move`,
  };
}
