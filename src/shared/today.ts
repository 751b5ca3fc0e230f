/**
 * Today's date where the platform's users are: China Standard Time (UTC+8, no daylight saving). Deadlines,
 * "not in the future" checks and which policies are in force change at midnight in Beijing, not in UTC.
 */
const FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** 'YYYY-MM-DD' in Asia/Shanghai. */
export function todayInChina(now: Date = new Date()): string {
  return FORMAT.format(now);
}

/** The date in China of an instant (a timestamp from the database or the API): '2026-12-05T17:30:01Z' → '2026-12-06'. */
export function dateInChina(instant: string | Date): string {
  return FORMAT.format(typeof instant === 'string' ? new Date(instant) : instant);
}

const DATE_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as China's clock shows it, to the minute: '2026-12-05T17:30:01Z' → '2026-12-06 01:30'. */
export function dateTimeInChina(instant: string | Date): string {
  const parts = Object.fromEntries(
    DATE_TIME.formatToParts(typeof instant === 'string' ? new Date(instant) : instant).map((p) => [
      p.type,
      p.value,
    ]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
