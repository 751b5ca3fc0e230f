/**
 * What a change to a case does to the supervision roll-ups (`case_stats` by county, department, type, debtor kind
 * and month received; `case_deadlines`: open cases by county, department, type and deadline). The case repository
 * applies it in the transaction of every write that changes what they count — not a trigger: on Citus the cases
 * are distributed and the roll-ups stay on the coordinator (docs/adr/0025-scale-out-on-citus.md), and a table with
 * triggers cannot be distributed. `case_stats_rebuild()` computes the same figures from the cases. Pure.
 */

/** The columns of a case the roll-ups count (numeric columns as the driver reads them: numbers). */
export const ROLLUP_COLUMNS = [
  'state',
  'region_code',
  'department_code',
  'type',
  'debtor_kind',
  'received_on',
  'deadline',
  'first_replied_on',
  'replied_on_time',
  'rating',
  'reopened_count',
  'amount',
  'principal_repaid',
  'principal_outstanding',
] as const;

/** A case as the roll-ups see it. */
export interface RollupFacts {
  state: string;
  region_code: string;
  department_code: string;
  type: string;
  debtor_kind: string | null;
  received_on: string;
  deadline: string | null;
  first_replied_on: string | null;
  replied_on_time: boolean | null;
  rating: string | null;
  reopened_count: number;
  amount: number | string | null;
  principal_repaid: number | string;
  principal_outstanding: number | string | null;
}

/** The counters of a `case_stats` row; `claimed` and `repaid` here in cents (fen), exact. */
export const STAT_COUNTERS = [
  'received',
  'open',
  'replied',
  'replied_on_time',
  'handling_days',
  'closed',
  'rated',
  'satisfied',
  'basically_satisfied',
  'unsatisfied',
  'reopened',
  'claimed',
  'repaid',
  'cleared',
] as const;
export type StatCounter = (typeof STAT_COUNTERS)[number];

/** The key of a `case_stats` row. */
export interface StatKey {
  region_code: string;
  department_code: string;
  type: string;
  debtor_kind: string;
  /** The first day of the month received. */
  month: string;
}

/** The key of a `case_deadlines` row. */
export interface DeadlineKey {
  region_code: string;
  department_code: string;
  type: string;
  deadline: string;
}

/** What to add to the roll-ups: `case_stats` rows (amounts in cents) and `case_deadlines` rows; no zero rows. */
export interface RollupDelta {
  stats: (StatKey & Record<StatCounter, number>)[];
  deadlines: (DeadlineKey & { open: number })[];
}

/** The states a case is open in (cases.repository.ts OPEN_STATES; the roll-ups count them as open). */
const OPEN: readonly string[] = ['submitted', 'accepted', 'in_progress', 'info_requested'];

const DAY_MS = 86_400_000;

/** Days from one date (YYYY-MM-DD) to another, as PostgreSQL's `date - date`. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** An amount in yuan (as the driver reads numeric) in cents. */
export function centsOf(amount: number | string | null): number {
  return amount === null ? 0 : Math.round(Number(amount) * 100);
}

/** Cents as a numeric literal (yuan with two decimals), exact. */
export function yuanOf(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** One case's counters in its `case_stats` row (as `case_stats_rebuild()` counts it). */
function statsOf(c: RollupFacts): Record<StatCounter, number> {
  return {
    received: 1,
    open: OPEN.includes(c.state) ? 1 : 0,
    replied: c.replied_on_time !== null ? 1 : 0,
    replied_on_time: c.replied_on_time === true ? 1 : 0,
    handling_days: c.first_replied_on === null ? 0 : daysBetween(c.received_on, c.first_replied_on),
    closed: c.state === 'closed' ? 1 : 0,
    rated: c.rating !== null ? 1 : 0,
    satisfied: c.rating === 'satisfied' ? 1 : 0,
    basically_satisfied: c.rating === 'basically_satisfied' ? 1 : 0,
    unsatisfied: c.rating === 'unsatisfied' ? 1 : 0,
    reopened: c.reopened_count > 0 ? 1 : 0,
    claimed: centsOf(c.amount),
    repaid: centsOf(c.principal_repaid),
    cleared: c.principal_outstanding !== null && Number(c.principal_outstanding) <= 0 ? 1 : 0,
  };
}

function statKeyOf(c: RollupFacts): StatKey {
  return {
    region_code: c.region_code,
    department_code: c.department_code,
    type: c.type,
    debtor_kind: c.debtor_kind ?? '',
    month: `${c.received_on.slice(0, 7)}-01`,
  };
}

/**
 * What the roll-ups gain when a case goes from `before` to `after`: null before for a new case, null after for one
 * removed. A change the roll-ups do not count (a reminder mark, a comment) gives nothing.
 */
export function rollupDelta(before: RollupFacts | null, after: RollupFacts | null): RollupDelta {
  const stats = new Map<string, StatKey & Record<StatCounter, number>>();
  const deadlines = new Map<string, DeadlineKey & { open: number }>();
  const add = (c: RollupFacts, sign: 1 | -1) => {
    const key = statKeyOf(c);
    const id = JSON.stringify(key);
    const row = stats.get(id) ?? {
      ...key,
      ...(Object.fromEntries(STAT_COUNTERS.map((k) => [k, 0])) as Record<StatCounter, number>),
    };
    const counts = statsOf(c);
    for (const k of STAT_COUNTERS) row[k] += sign * counts[k];
    stats.set(id, row);
    if (c.deadline !== null && OPEN.includes(c.state)) {
      const dkey: DeadlineKey = {
        region_code: c.region_code,
        department_code: c.department_code,
        type: c.type,
        deadline: c.deadline,
      };
      const did = JSON.stringify(dkey);
      const drow = deadlines.get(did) ?? { ...dkey, open: 0 };
      drow.open += sign;
      deadlines.set(did, drow);
    }
  };
  if (before) add(before, -1);
  if (after) add(after, 1);
  return {
    stats: [...stats.values()].filter((row) => STAT_COUNTERS.some((k) => row[k] !== 0)),
    deadlines: [...deadlines.values()].filter((row) => row.open !== 0),
  };
}
