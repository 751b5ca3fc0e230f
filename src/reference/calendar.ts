/**
 * Dates as day numbers, and China's working-day calendar: national public holidays and the officially announced
 * make-up workdays (调休) of each year's State Council arrangement, from the `chinese-days` package (which ships
 * the arrangements as data). Deadlines "in working days" (complaints: review within 10 working days…) count on it;
 * deadlines in days (payment terms) count calendar days, and end on a working day (periods.ts).
 *
 * A year whose arrangement the package does not carry (not announced yet, or the package is older) is not guessed
 * silently: `isWorkingDay` then falls back to Monday–Friday, and `unsettledYearOf` names the year so callers can
 * say the date may move. See docs/reference/periods.md.
 */
import { createHash } from 'node:crypto';
import chineseDays from 'chinese-days';

// Dates repeat (a few thousand distinct days cover years of cases): both directions are cached, bounded.
const CACHE_LIMIT = 200_000;
const numberOfDate = new Map<string, number>();
const dateOfNumber = new Map<number, string>();

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date (no time zone involved); NaN when it is not a real date. */
export function dayNumber(date: string): number {
  const cached = numberOfDate.get(date);
  if (cached !== undefined) return cached;
  const n = parseDay(date);
  if (numberOfDate.size >= CACHE_LIMIT) numberOfDate.clear();
  numberOfDate.set(date, n);
  return n;
}

function parseDay(date: string): number {
  if (date.length !== 10 || date[4] !== '-' || date[7] !== '-') return Number.NaN;
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1)
    return Number.NaN;
  // Days from civil (H. Hinnant's algorithm), proleptic Gregorian.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const n = era * 146097 + doe - 719468;
  return formatDay(n) === date ? n : Number.NaN;
}

/** The 'YYYY-MM-DD' date of a day number. */
export function dateOfDay(n: number): string {
  let date = dateOfNumber.get(n);
  if (date === undefined) {
    date = formatDay(n);
    if (dateOfNumber.size >= CACHE_LIMIT) dateOfNumber.clear();
    dateOfNumber.set(n, date);
  }
  return date;
}

function formatDay(n: number): string {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** A date plus some calendar days. */
export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** Whether a date is a valid 'YYYY-MM-DD' calendar date. */
export function isRealDate(date: string): boolean {
  return !Number.isNaN(dayNumber(date));
}

const workdayCache = new Map<number, boolean>();

/** Whether a date is a working day: Monday–Friday unless a public holiday, or a make-up workday (调休). */
export function isWorkingDay(date: string): boolean {
  return isWorkingDayNumber(dayNumber(date));
}

/** `isWorkingDay` of a day number. */
export function isWorkingDayNumber(n: number): boolean {
  let answer = workdayCache.get(n);
  if (answer === undefined) {
    answer = chineseDays.isWorkday(dateOfDay(n));
    workdayCache.set(n, answer);
  }
  return answer;
}

/** The date `count` working days after `date` (the start day itself not counted). */
export function addWorkingDays(date: string, count: number): string {
  let n = dayNumber(date);
  let left = count;
  while (left > 0) {
    n += 1;
    if (isWorkingDayNumber(n)) left -= 1;
  }
  return dateOfDay(n);
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let n = dayNumber(from) + 1, end = dayNumber(to); n <= end; n++) if (isWorkingDayNumber(n)) count++;
  return count;
}

// A year's arrangement is in the data when it lists New Year's Day (元旦, a holiday of every year's arrangement,
// which never reaches into the following January) as a holiday: one look-up per year, cached.
const coveredYears = new Map<number, boolean>();

/** Whether the holiday calendar carries the State Council arrangement of a year. */
function isHolidayYearCovered(year: number): boolean {
  let answer = coveredYears.get(year);
  if (answer === undefined) {
    answer = chineseDays.getDayDetail(`${String(year).padStart(4, '0')}-01-01`).name.includes(',');
    coveredYears.set(year, answer);
  }
  return answer;
}

/**
 * Days of late December from which the next year's arrangement can also decide (元旦 holidays have begun on
 * 12-30 and make-up workdays fallen on 12-29: 2007, 2018); a week of margin.
 */
const NEXT_YEAR_REACHES_BACK_FROM = '12-25';

/**
 * The year whose holiday arrangement decides whether `date` is a working day but is not in the calendar yet, or
 * null when the answer is settled. Late-December days also need the next year's arrangement.
 */
export function unsettledYearOf(date: string): number | null {
  const year = Number(date.slice(0, 4));
  if (!isHolidayYearCovered(year)) return year;
  if (date.slice(5) >= NEXT_YEAR_REACHES_BACK_FROM && !isHolidayYearCovered(year + 1)) return year + 1;
  return null;
}

/** `unsettledYearOf` of a day number (its date and the years' coverage are cached). */
export function unsettledYearOfDay(n: number): number | null {
  return unsettledYearOf(dateOfDay(n));
}

/**
 * The first year whose arrangement is missing and decides some day from `from` to `to` (both included), or null.
 * Covered years are contiguous, so the two ends and the years between are enough.
 */
export function unsettledYearBetween(from: string, to: string): number | null {
  const first = unsettledYearOf(from);
  if (first !== null) return first;
  for (let year = Number(from.slice(0, 4)) + 1; year <= Number(to.slice(0, 4)); year++)
    if (!isHolidayYearCovered(year)) return year;
  return unsettledYearOf(to);
}

/** The years the holiday calendar covers, first and last (scanning from 2000 to 2100). */
export function holidayCalendarYears(): { first: number; last: number } | null {
  let first: number | null = null;
  let last: number | null = null;
  for (let year = 2000; year <= 2100; year++)
    if (isHolidayYearCovered(year)) {
      first ??= year;
      last = year;
    }
  return first === null || last === null ? null : { first, last };
}

/** The public holiday a date is a day off for ({ zh: '国庆节', en: 'National Day' }), or null. */
export function publicHolidayOf(date: string): { zh: string; en: string } | null {
  if (isWorkingDay(date)) return null;
  const detail = chineseDays.getDayDetail(date);
  // Holidays are named "National Day,国庆节,3" (English, Chinese, length); ordinary weekends by the weekday.
  const [en, zh] = detail.name.split(',');
  return zh && en ? { zh, en } : null;
}

/** Day of the week of a date: 0 Sunday … 6 Saturday. */
export function weekdayOf(date: string): number {
  return weekdayOfDay(dayNumber(date));
}

/** `weekdayOf` a day number. */
export function weekdayOfDay(n: number): number {
  // Day 0 (1970-01-01) was a Thursday.
  return (((n + 4) % 7) + 7) % 7;
}

let fingerprint: string | undefined;

/**
 * A digest of the working-day calendar as this process has it (every holiday and make-up workday the package
 * carries from 2020 to 2040): it changes exactly when an update brings a new year's arrangement or corrects one,
 * which is when stored deadlines counted on the calendar must be counted again (issue 21: not every day).
 */
export function calendarFingerprint(): string {
  if (fingerprint === undefined) {
    const holidays = chineseDays.getHolidaysInRange('2020-01-01', '2040-12-31', false);
    const workdays = chineseDays.getWorkdaysInRange('2020-01-01', '2040-12-31', false);
    fingerprint = createHash('sha256')
      .update(JSON.stringify([holidays, workdays]))
      .digest('hex')
      .slice(0, 16);
  }
  return fingerprint;
}
