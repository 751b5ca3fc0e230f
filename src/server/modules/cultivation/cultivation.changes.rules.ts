/**
 * Keeping a recognition (issue 18; docs/reference/cultivation.md §6.1 and §9), pure: when a material change must be
 * reported by, where a recognition stands (valid, flagged, expired, revoked), whether this year's data update is
 * done and whether its reminder is due. No clock: `today` is passed.
 */
import { dayNumber } from '../../../reference/calendar.ts';
import type { Localized } from '../../../shared/errors.ts';
import type { ChangeKind } from './cultivation.changes.table.ts';

/** A material change is reported within 3 months of it (§6.1, **agreed**). */
export const REPORT_MONTHS = 3;

/**
 * From which day of the year a recognised enterprise that has not updated its data is reminded, when its province
 * has set no day: 30 June (Huiqi's default, editable per province; **unverified** — the notes give no day).
 */
export const DEFAULT_UPDATE_DAY = '06-30';

/** The day `months` months after `date`: the same day of the month, or the month's last day when it has none. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The last day to report a change (§6.1): 3 months after the day it happened, or after the day the daily run found
 * it in the registry when that day is unknown (Huiqi's; the period is not moved off rest days, **unverified**).
 */
export function reportDueOn(changedOn: string | null, foundOn: string): string {
  return addMonths(changedOn ?? foundOn, REPORT_MONTHS);
}

/** The province (`xx0000`) of a six-digit region code. */
export function provinceCodeOf(regionCode: string): string {
  return `${regionCode.slice(0, 2)}0000`;
}

/** Where a recognition stands for its reader. */
export type RecognitionState = 'valid' | 'flagged' | 'expired' | 'revoked';

/** A recognised application past its last day is expired; a revoked one revoked; a flagged one flagged. */
export function recognitionState(
  row: { stage: string; validTo: string | null; flaggedOn: string | null },
  today: string,
): RecognitionState {
  if (row.stage === 'revoked') return 'revoked';
  if (row.validTo !== null && row.validTo < today) return 'expired';
  return row.flaggedOn !== null ? 'flagged' : 'valid';
}

/** The data year of this year's update (the year before today's: the year the standards read). */
export function updateDataYear(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}

/**
 * This year's data update is done when the facts of the data year were saved on or after 1 January of this year
 * (`savedOn`: the day, in China, they were last saved; Huiqi's reading of "each year", **unverified**).
 */
export function isUpdateDone(savedOn: string | null, today: string): boolean {
  return savedOn !== null && savedOn >= `${today.slice(0, 4)}-01-01`;
}

/** Whether the annual-update reminder is due today: on or after the province's day in the year. */
export function isUpdateReminderDue(remindOn: string, today: string): boolean {
  return today.slice(5) >= remindOn;
}

/** A day in the year `MM-DD` that exists in a leap year (29 February taken as the 28th's day after). */
export function isDayOfYear(value: string): boolean {
  if (!/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/.test(value)) return false;
  const [m, d] = value.split('-').map(Number) as [number, number];
  return d <= new Date(Date.UTC(2024, m, 0)).getUTCDate();
}

/** The kinds' names. */
export const KIND_NAMES: Record<ChangeKind, Localized> = {
  rename: { zh: '更名', en: 'change of name' },
  merger: { zh: '兼并重组', en: 'merger' },
  relocation: { zh: '迁往外省', en: 'move to another province' },
};

/** Why a recognition is flagged: the change, the day it was due and that it was not reported by then. */
export function flagReason(kind: ChangeKind, dueOn: string, reportedOn: string | null): Localized {
  const name = KIND_NAMES[kind];
  return reportedOn === null
    ? {
        zh: `${name.zh}未在 ${dueOn} 前报告（重大变更须在 3 个月内报告）`,
        en: `the ${name.en} was not reported by ${dueOn} (a material change is reported within 3 months)`,
      }
    : {
        zh: `${name.zh}应在 ${dueOn} 前报告，${reportedOn} 才报告（重大变更须在 3 个月内报告）`,
        en: `the ${name.en} was due by ${dueOn} and reported on ${reportedOn} (a material change is reported within 3 months)`,
      };
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
