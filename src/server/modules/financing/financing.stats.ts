/**
 * The officials' financing dashboards (issue 15): demands, pickups, time to first contact, grants and their rate,
 * amounts, first-time borrowers (首贷户), the credit-loan share, declines by reason — by region under the official's,
 * by bank, by product kind and by month, over a period of months. They read the `financing_stats` roll-up: every
 * write of a demand or an answer appends its signed deltas in its own transaction (`recordStats`), the daily run
 * folds them (`compactStats`), and `rebuildStats` recomputes the roll-up from the tables (a test holds the two equal).
 */
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { findRegion, regionFullName } from '../../../reference/regions.ts';
import { regionFullNameEn } from '../../../reference/regions-en.ts';
import type { Database } from '../../db/schema.ts';
import { type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import { findInstitutionNames } from '../institutions/index.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** One write's contribution to the roll-up. */
export interface StatsDelta {
  day: string;
  regionCode: string;
  institutionId?: number | null;
  productKind?: string | null;
  declineReason?: string | null;
  demands?: number;
  firstPickups?: number;
  pickups?: number;
  contacted?: number;
  contactHours?: string;
  granted?: number;
  grantedAmount?: string;
  firstLoans?: number;
  creditLoans?: number;
  rateSum?: string;
  declined?: number;
  disbursed?: number;
  disbursedAmount?: string;
}

/** The region prefixes a county's figures are filed under: the country, its province, its city and itself. */
function levelsOf(regionCode: string): string[] {
  return ['', regionCode.slice(0, 2), regionCode.slice(0, 4), regionCode];
}

type Breakdown = '' | 'region' | 'bank' | 'kind' | 'reason';

/**
 * Appends a delta in the caller's transaction, filed for each level of its region under the region's own figures,
 * the child region's (above a county), the bank's (when there is one), the product kind's and, for a decline, the
 * reason's (the count only).
 */
export async function recordStats(trx: Db, delta: StatsDelta): Promise<void> {
  const measures = {
    demands: delta.demands ?? 0,
    first_pickups: delta.firstPickups ?? 0,
    pickups: delta.pickups ?? 0,
    contacted: delta.contacted ?? 0,
    contact_hours: delta.contactHours ?? '0',
    granted: delta.granted ?? 0,
    granted_amount: delta.grantedAmount ?? '0',
    first_loans: delta.firstLoans ?? 0,
    credit_loans: delta.creditLoans ?? 0,
    rate_sum: delta.rateSum ?? '0',
    declined: delta.declined ?? 0,
    disbursed: delta.disbursed ?? 0,
    disbursed_amount: delta.disbursedAmount ?? '0',
  };
  const month = `${delta.day.slice(0, 7)}-01`;
  const rows = levelsOf(delta.regionCode).flatMap((region_prefix) => {
    const under = (breakdown: Breakdown, key: string) => ({
      month,
      region_prefix,
      breakdown,
      key,
      ...measures,
    });
    return [
      under('', ''),
      ...(region_prefix.length < 6
        ? [under('region', delta.regionCode.slice(0, region_prefix.length + 2))]
        : []),
      ...(delta.institutionId ? [under('bank', String(delta.institutionId))] : []),
      under('kind', delta.productKind ?? ''),
      ...(delta.declineReason && measures.declined !== 0
        ? [
            {
              month,
              region_prefix,
              breakdown: 'reason' as const,
              key: delta.declineReason,
              declined: measures.declined,
            },
          ]
        : []),
    ];
  });
  await trx.insertInto('financing_stats').values(rows).execute();
}

const KEY = sql`month, region_prefix, breakdown, key`;
const MEASURES = [
  'demands',
  'first_pickups',
  'pickups',
  'contacted',
  'contact_hours',
  'granted',
  'granted_amount',
  'first_loans',
  'credit_loans',
  'rate_sum',
  'declined',
  'disbursed',
  'disbursed_amount',
] as const;
type Measure = (typeof MEASURES)[number];
const measureList = sql.join(MEASURES.map((m) => sql.ref(m)));
const measureSums = sql.join(MEASURES.map((m) => sql`sum(${sql.ref(m)})`));

/** Folds the deltas into one row per month, region level, breakdown and key (the daily run). */
export async function compactStats(db: Db): Promise<void> {
  await sql`
    with gone as (delete from financing_stats returning *)
    insert into financing_stats (${KEY}, ${measureList})
    select ${KEY}, ${measureSums} from gone group by ${KEY}
    having ${sql.join(
      MEASURES.map((m) => sql`sum(${sql.ref(m)}) <> 0`),
      sql` or `,
    )}`.execute(db);
}

const monthOf = (column: string) =>
  sql`date_trunc('month', (${sql.ref(column)} at time zone 'Asia/Shanghai'))::date`;

/** The thirteen measures in their order, the given ones as given and the rest zero. */
function measuresAs(given: Partial<Record<Measure, RawBuilder<unknown>>>) {
  return sql.join(MEASURES.map((m) => given[m] ?? sql`0`));
}

/** One select of the response cells: the month of an instant, the response's county, bank, kind and reason. */
function responseCells(
  instant: string,
  measures: Partial<Record<Measure, RawBuilder<unknown>>>,
  where: RawBuilder<unknown>,
) {
  return sql`
    select ${monthOf(instant)} as month, r.region_code, r.institution_id, coalesce(r.product_kind, '') as kind,
      ${measures.declined ? sql`r.decline_reason` : sql`''`} as reason, ${measuresAs(measures)}
    from financing_responses r where ${where} group by 1, 2, 3, 4, 5`;
}

/**
 * Recomputes the roll-up from the demands and answers (after a bulk load, and in the test that checks the deltas):
 * the figures by month × county × bank × kind × reason, filed under every level and breakdown as `recordStats`
 * files them, then folded.
 */
export async function rebuildStats(db: Db): Promise<void> {
  await sql`delete from financing_stats`.execute(db);
  const cells = sql.join(
    [
      sql`
        select date_trunc('month', d.posted_on)::date as month, d.region_code, coalesce(p.institution_id, 0),
          coalesce(p.kind, ''), '', ${measuresAs({ demands: sql`count(*)` })}
        from financing_demands d left join loan_products p on p.id = d.product_id group by 1, 2, 3, 4, 5`,
      responseCells(
        'r.picked_up_at',
        {
          first_pickups: sql`count(*) filter (where not exists (select 1 from financing_responses o
            where o.enterprise_id = r.enterprise_id and o.demand_id = r.demand_id
              and (o.picked_up_at, o.id) < (r.picked_up_at, r.id)))`,
          pickups: sql`count(*)`,
        },
        sql`true`,
      ),
      responseCells(
        'r.contacted_at',
        {
          contacted: sql`count(*)`,
          contact_hours: sql`sum(round((extract(epoch from r.contacted_at - r.picked_up_at) / 3600)::numeric, 2))`,
        },
        sql`r.contacted_at is not null`,
      ),
      responseCells(
        'r.decided_at',
        {
          granted: sql`count(*)`,
          granted_amount: sql`sum(r.granted_amount)`,
          first_loans: sql`count(*) filter (where r.first_loan)`,
          credit_loans: sql`count(*) filter (where r.security = 'credit')`,
          rate_sum: sql`sum(r.granted_rate)`,
        },
        sql`r.granted_amount is not null`,
      ),
      responseCells('r.decided_at', { declined: sql`count(*)` }, sql`r.decline_reason is not null`),
      responseCells(
        'r.disbursed_at',
        { disbursed: sql`count(*)`, disbursed_amount: sql`sum(r.disbursed_amount)` },
        sql`r.disbursed_at is not null`,
      ),
    ],
    sql` union all `,
  );
  const at = (n: number) => sql`month, left(region_code, ${sql.lit(n)})`;
  const filed = [0, 2, 4, 6].flatMap((n) => [
    sql`select ${at(n)}, '', '', ${measureList} from cells`,
    ...(n < 6
      ? [sql`select ${at(n)}, 'region', left(region_code, ${sql.lit(n + 2)}), ${measureList} from cells`]
      : []),
    sql`select ${at(n)}, 'bank', institution_id::text, ${measureList} from cells where institution_id <> 0`,
    sql`select ${at(n)}, 'kind', kind, ${measureList} from cells`,
    sql`select ${at(n)}, 'reason', reason, ${measuresAs({ declined: sql`declined` })} from cells where reason <> ''`,
  ]);
  await sql`
    with cells (month, region_code, institution_id, kind, reason, ${measureList}) as materialized (${cells})
    insert into financing_stats (${KEY}, ${measureList})
    ${sql.join(filed, sql` union all `)}`.execute(db);
  await compactStats(db);
}

/** The hours from a pickup to the first contact, to the hundredth, as text. */
export function hoursBetween(from: Date, to: Date): string {
  return (Math.round((to.getTime() - from.getTime()) / 36_000) / 100).toFixed(2);
}

// ---- the dashboard ----

interface Sums {
  demands: number;
  first_pickups: number;
  pickups: number;
  contacted: number;
  contact_hours: string;
  granted: number;
  granted_amount: string;
  first_loans: number;
  credit_loans: number;
  rate_sum: string;
  declined: number;
  disbursed: number;
  disbursed_amount: string;
}

const SUMS = sql`sum(demands)::int as demands, sum(first_pickups)::int as first_pickups, sum(pickups)::int as pickups,
  sum(contacted)::int as contacted, trim_scale(sum(contact_hours))::text as contact_hours,
  sum(granted)::int as granted, trim_scale(sum(granted_amount))::text as granted_amount,
  sum(first_loans)::int as first_loans, sum(credit_loans)::int as credit_loans,
  trim_scale(sum(rate_sum))::text as rate_sum, sum(declined)::int as declined, sum(disbursed)::int as disbursed,
  trim_scale(sum(disbursed_amount))::text as disbursed_amount`;

/** A ratio as a percentage string with one decimal ("95.2"), null when the base is zero. */
function percent(part: number, whole: number): string | null {
  return whole === 0 ? null : ((part * 100) / whole).toFixed(1);
}

/** The figures of a group of roll-up rows. */
export function figuresOf(s: Sums) {
  const decided = s.granted + s.declined;
  return {
    demands: s.demands,
    pickedUp: s.first_pickups,
    pickups: s.pickups,
    pickupRate: percent(s.first_pickups, s.demands),
    contacted: s.contacted,
    averageContactHours: s.contacted === 0 ? null : (Number(s.contact_hours) / s.contacted).toFixed(1),
    granted: s.granted,
    declined: s.declined,
    grantRate: percent(s.granted, decided),
    grantedAmount: s.granted_amount ?? '0',
    firstLoans: s.first_loans,
    creditLoans: s.credit_loans,
    creditShare: percent(s.credit_loans, s.granted),
    // Rates are percents with at most 4 decimals: their mean to 2 decimals.
    averageRate: s.granted === 0 ? null : (Number(s.rate_sum) / s.granted).toFixed(2),
    disbursed: s.disbursed,
    disbursedAmount: s.disbursed_amount ?? '0',
  };
}
export type Figures = ReturnType<typeof figuresOf>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The dashboard of a region (the official's, or one under it) over a period of months (default: the year so far). */
export async function financingDashboard(
  db: Kysely<Database>,
  caller: Caller,
  query: { region?: string; from?: string; to?: string },
  today: string,
) {
  const actor = requireActor(caller);
  const scope = resolveRegionScope(actor, query.region);
  const from = query.from ?? `${today.slice(0, 4)}-01`;
  const to = query.to ?? today.slice(0, 7);
  if (!MONTH.test(from)) throw AppError.field('from', { zh: '应为年月 YYYY-MM', en: 'a month, YYYY-MM' });
  if (!MONTH.test(to)) throw AppError.field('to', { zh: '应为年月 YYYY-MM', en: 'a month, YYYY-MM' });
  if (from > to) throw AppError.field('to', { zh: '结束月份早于开始月份', en: 'ends before it starts' });
  const own = scope.prefix;
  // Months × (1 + children + banks + kinds + reasons) rows, all of the region's own prefix.
  const rows = await sql<Sums & { set: string; key: string }>`
    with r as (
      select * from financing_stats
      where region_prefix = ${own} and month between ${`${from}-01`}::date and ${`${to}-01`}::date)
    select breakdown as set, key, ${SUMS} from r group by breakdown, key
    union all
    select 'month', to_char(month, 'YYYY-MM'), ${SUMS} from r where breakdown = '' group by month
    order by 1, 2`
    .execute(db)
    .then((result) => result.rows);
  const of = (set: string) => rows.filter((r) => r.set === set);
  const empty = {
    demands: 0,
    first_pickups: 0,
    pickups: 0,
    contacted: 0,
    contact_hours: '0',
    granted: 0,
    granted_amount: '0',
    first_loans: 0,
    credit_loans: 0,
    rate_sum: '0',
    declined: 0,
    disbursed: 0,
    disbursed_amount: '0',
  } satisfies Sums;
  const total = of('')[0];
  const totals = { rows: [total ?? empty] };
  // A county has no children: it is its own one region.
  const byRegion = { rows: own.length < 6 ? of('region') : total ? [{ ...total, key: own }] : [] };
  const byBank = { rows: of('bank') };
  const byKind = { rows: of('kind') };
  const byMonth = { rows: of('month') };
  const reasons = {
    rows: of('reason')
      .filter((r) => r.key !== '' && r.declined !== 0)
      .map((r) => ({ key: r.key, n: r.declined }))
      .sort((a, b) => b.n - a.n || a.key.localeCompare(b.key)),
  };
  const names = await findInstitutionNames(
    db,
    byBank.rows.map((r) => Number(r.key)),
  );
  const regionCodeOf = (key: string) => key.padEnd(6, '0');
  return {
    region: scope.code,
    from,
    to,
    totals: figuresOf(totals.rows[0] as Sums),
    byRegion: byRegion.rows.map((r) => {
      const code = regionCodeOf(r.key);
      return {
        regionCode: code,
        name: findRegion(code) ? regionFullName(code) : code,
        nameEn: findRegion(code) ? regionFullNameEn(code) : code,
        ...figuresOf(r),
      };
    }),
    // A bank picks up demands made to any bank's products: its pickups have no base of its own (no rate).
    byBank: byBank.rows.map((r) => ({
      institutionId: Number(r.key),
      name: names.get(Number(r.key)) ?? '',
      ...figuresOf(r),
      pickupRate: null,
    })),
    byKind: byKind.rows.map((r) => ({ kind: r.key, ...figuresOf(r) })),
    byMonth: byMonth.rows.map((r) => ({ month: r.key, ...figuresOf(r) })),
    declineReasons: reasons.rows.map((r) => ({ reason: r.key, count: r.n })),
  };
}
