/**
 * Figure (issue 15): the official's financing dashboard for a province with 1,000,000 demands, p99 ≤ 500 ms.
 *
 * - Data: `huiqi_bench_financing` (bench/financing-data.ts builds or reuses it): 1,000,000 demands across Jiangsu's
 *   counties over the 24 months up to the bench day, COPY'd with the banks' responses (picked up, contacted, visited,
 *   granted with amount, rate, term, credit or secured and first loan, disbursed, declined with a reason, released,
 *   withdrawn), 1,000 products of 20 banks (some demands made to a product, so the roll-up has kinds).
 * - The roll-up is rebuilt first (`rebuildStats`, as after a bulk load); its time is printed.
 * - Ours: `financingDashboard(db, province official 320000, { from, to: the 24 months }, day)` — totals, by city,
 *   by bank, by product kind, by month and the decline reasons, read from the `financing_stats` roll-up.
 * - Peer, same run: the same figures straight from `financing_demands` and `financing_responses` with GROUP BY, the
 *   same six parts run at once on the same pool (each part: the demands posted in the period by the key, full-joined
 *   with the responses' pickups, first pickups, contacts and hours, grants and their amounts, rates, first loans and
 *   credit loans, declines and disbursements, each in the month it happened, by the key), the figures computed by
 *   the same `figuresOf`.
 * Each is called `--calls` times one after the other after a warm-up (fewer when they take more than
 * `--ours-seconds` or `--peer-seconds` together, at least 5): p50 and p99. Every figure of ours and the peer must agree (mismatches printed).
 *
 * Usage: npx tsx bench/financing-dashboard.ts [--history 1000000] [--demands 100000] [--enterprises 200000]
 *   [--products 1000] [--bank-responses 5000] [--calls 200] [--ours-seconds 300] [--peer-seconds 120]
 */
import os from 'node:os';
import { type RawBuilder, sql } from 'kysely';
import { openDatabase } from '../src/server/db/database.ts';
import { figuresOf, financingDashboard, rebuildStats } from '../src/server/modules/financing/index.ts';
import {
  BENCH_PROVINCE,
  buildFinancingBenchDatabase,
  FINANCING_BENCH_DAY,
  FINANCING_BENCH_FROM,
  FINANCING_BENCH_TO,
  officialCaller,
  percentile,
  printFigures,
  sizesFromArgs,
} from './financing-data.ts';
import { numberOption } from './lib.ts';

const CALLS = numberOption('calls', 200);
const PEER_SECONDS = numberOption('peer-seconds', 120);
const OUR_SECONDS = numberOption('ours-seconds', 300);
const DAY = FINANCING_BENCH_DAY;
const FROM = FINANCING_BENCH_FROM;
const TO = FINANCING_BENCH_TO;

const built = await buildFinancingBenchDatabase(sizesFromArgs());
const handle = await openDatabase({ databaseUrl: built.url, dataDir: '', poolSize: 10 });
const db = handle.db;

const started = performance.now();
await rebuildStats(db);
const rebuildSeconds = (performance.now() - started) / 1000;
await sql`vacuum analyze financing_stats`.execute(db);
const { rows: statRows } = await sql<{ n: number }>`select count(*)::int as n from financing_stats`.execute(
  db,
);

const caller = officialCaller(BENCH_PROVINCE, BENCH_PROVINCE.slice(0, 2));
const query = { from: FROM, to: TO };
const ours = () => financingDashboard(db, caller, query, DAY);

// ---- The peer: the same figures from the tables.

type Sums = Parameters<typeof figuresOf>[0];
const prefix = `${BENCH_PROVINCE.slice(0, 2)}%`;
const periodStart = `${FROM}-01`;
const [toYear, toMonth] = TO.split('-').map(Number) as [number, number];
const periodEnd = `${toMonth === 12 ? toYear + 1 : toYear}-${String((toMonth % 12) + 1).padStart(2, '0')}-01`;
/** Whether an instant falls in the period, by its day in China (as the roll-up files it). */
const inPeriod = (column: string) =>
  sql`(${sql.ref(column)} at time zone 'Asia/Shanghai') >= ${periodStart}::date
    and (${sql.ref(column)} at time zone 'Asia/Shanghai') < ${periodEnd}::date`;

/**
 * One part of the dashboard straight from the tables: one row per demand posted in the period and one per response
 * event in it (a pickup, a contact, a grant, a decline, a payment, each in the month it happened, as the roll-up files
 * them), summed by a key: of the demand (and its product), or of the response and the event's instant.
 */
function part(
  demandKey: RawBuilder<unknown>,
  responseKey: (instant: string) => RawBuilder<unknown>,
  where: RawBuilder<unknown> = sql`true`,
) {
  return sql<Sums & { key: string | number }>`
    with f as (select r.* from financing_responses r where r.region_code like ${prefix}),
    m as (
      select ${demandKey} as key, 1 as demands, 0 as first_pickups, 0 as pickups, 0 as contacted,
        0::numeric as contact_hours, 0 as granted, 0::numeric as granted_amount, 0 as first_loans, 0 as credit_loans,
        0::numeric as rate_sum, 0 as declined, 0 as disbursed, 0::numeric as disbursed_amount
      from financing_demands d left join loan_products p on p.id = d.product_id
      where d.region_code like ${prefix} and d.posted_on >= ${periodStart}::date and d.posted_on < ${periodEnd}::date
      union all
      select ${responseKey('f.picked_up_at')}, 0, case when not exists (select 1 from financing_responses o
          where o.enterprise_id = f.enterprise_id and o.demand_id = f.demand_id
            and (o.picked_up_at, o.id) < (f.picked_up_at, f.id)) then 1 else 0 end, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      from f where ${inPeriod('f.picked_up_at')}
      union all
      select ${responseKey('f.contacted_at')}, 0, 0, 0, 1,
        round((extract(epoch from f.contacted_at - f.picked_up_at) / 3600)::numeric, 2), 0, 0, 0, 0, 0, 0, 0, 0
      from f where f.contacted_at is not null and ${inPeriod('f.contacted_at')}
      union all
      select ${responseKey('f.decided_at')}, 0, 0, 0, 0, 0, 1, f.granted_amount,
        case when f.first_loan then 1 else 0 end, case when f.security = 'credit' then 1 else 0 end, f.granted_rate,
        0, 0, 0
      from f where f.granted_amount is not null and ${inPeriod('f.decided_at')}
      union all
      select ${responseKey('f.decided_at')}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0
      from f where f.decline_reason is not null and ${inPeriod('f.decided_at')}
      union all
      select ${responseKey('f.disbursed_at')}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, f.disbursed_amount
      from f where f.disbursed_at is not null and ${inPeriod('f.disbursed_at')})
    select key, sum(demands)::int as demands, sum(first_pickups)::int as first_pickups, sum(pickups)::int as pickups,
      sum(contacted)::int as contacted, trim_scale(sum(contact_hours))::text as contact_hours,
      sum(granted)::int as granted, trim_scale(sum(granted_amount))::text as granted_amount,
      sum(first_loans)::int as first_loans, sum(credit_loans)::int as credit_loans,
      trim_scale(sum(rate_sum))::text as rate_sum, sum(declined)::int as declined, sum(disbursed)::int as disbursed,
      trim_scale(sum(disbursed_amount))::text as disbursed_amount
    from m where ${where} group by 1 order by 1`;
}

/** The peer: the dashboard's six parts at once, straight from the tables, as the dashboard's figures. */
async function peer() {
  const month = (instant: string) =>
    sql`to_char(${sql.ref(instant)} at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  const [totals, byRegion, byBank, byKind, byMonth, reasons] = await Promise.all([
    part(sql`''`, () => sql`''`).execute(db),
    part(sql`left(d.region_code, 4)`, () => sql`left(f.region_code, 4)`).execute(db),
    part(sql`coalesce(p.institution_id, 0)`, () => sql`f.institution_id`, sql`key <> 0`).execute(db),
    part(sql`coalesce(p.kind, '')`, () => sql`coalesce(f.product_kind, '')`).execute(db),
    part(sql`to_char(d.posted_on, 'YYYY-MM')`, month).execute(db),
    sql<{ key: string; n: number }>`
      select decline_reason as key, count(*)::int as n from financing_responses r
      where r.region_code like ${prefix} and r.decline_reason is not null and ${inPeriod('r.decided_at')}
      group by 1 order by 2 desc, 1`.execute(db),
  ]);
  const figures = (rows: (Sums & { key: string | number })[]) =>
    rows.map((r) => ({ key: String(r.key), ...figuresOf(r) }));
  return {
    totals: figuresOf(totals.rows[0] as Sums),
    byRegion: figures(byRegion.rows),
    // As the dashboard shows it: a bank's pickups have no base of their own (no pickup rate by bank).
    byBank: figures(byBank.rows).map((r) => ({ ...r, pickupRate: null })),
    byKind: figures(byKind.rows),
    byMonth: figures(byMonth.rows),
    declineReasons: reasons.rows.map((r) => ({ reason: r.key, count: r.n })),
  };
}

/** Ours in the peer's shape (keys and figures; names left out), to compare. */
function comparable(d: Awaited<ReturnType<typeof ours>>) {
  const strip = <T extends Record<string, unknown>>(row: T, key: string) => {
    const { name: _n, nameEn: _e, regionCode: _r, institutionId: _i, kind: _k, month: _m, ...figures } = row;
    return { key, ...figures };
  };
  return {
    totals: d.totals,
    byRegion: d.byRegion.map((r) => strip(r, r.regionCode.slice(0, 4))),
    byBank: d.byBank.map((r) => strip(r, String(r.institutionId))),
    byKind: d.byKind.map((r) => strip(r, r.kind)),
    byMonth: d.byMonth.map((r) => strip(r, r.month)),
    declineReasons: d.declineReasons,
  };
}

async function timed<T>(fn: () => Promise<T>, calls: number, budgetMs = Number.POSITIVE_INFINITY) {
  let last = await fn();
  const times: number[] = [];
  const begin = performance.now();
  while (times.length < calls && (times.length < 5 || performance.now() - begin < budgetMs)) {
    const t0 = performance.now();
    last = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), n: times.length, last };
}

const loadBefore = os.loadavg()[0] as number;
const ourRun = await timed(ours, CALLS, OUR_SECONDS * 1000);
const peerRun = await timed(peer, CALLS, PEER_SECONDS * 1000);
const loadAfter = os.loadavg()[0] as number;
await handle.close();

// Every part compared, row by row.
const a = comparable(ourRun.last);
const b = peerRun.last;
let mismatches = 0;
const compare = (what: string, x: unknown, y: unknown) => {
  if (JSON.stringify(x) !== JSON.stringify(y)) {
    mismatches++;
    if (mismatches <= 5)
      console.log(`Mismatch in ${what}:\n  ours ${JSON.stringify(x)}\n  peer ${JSON.stringify(y)}`);
  }
};
compare('totals', a.totals, b.totals);
for (const part of ['byRegion', 'byBank', 'byKind', 'byMonth'] as const) {
  const mine = a[part] as { key: string }[];
  const theirs = new Map((b[part] as { key: string }[]).map((r) => [r.key, r]));
  if (mine.length !== theirs.size) compare(`${part} (rows)`, mine.length, theirs.size);
  for (const r of mine) compare(`${part} ${r.key}`, r, theirs.get(r.key));
}
compare('declineReasons', a.declineReasons, b.declineReasons);

const t = ourRun.last.totals;
const s = built.sizes;
console.log(
  `\nJiangsu (320000): ${s.history.toLocaleString('en')} demands over ${FROM} to ${TO}, ${built.responses.toLocaleString('en')} responses; ${statRows[0]?.n.toLocaleString('en')} roll-up rows (PostgreSQL)`,
);
console.log(
  `Totals: ${t.demands} demands, ${t.pickedUp} picked up (${t.pickupRate}%), ${t.granted} granted (${t.grantRate}%), ${t.grantedAmount} (10k yuan) granted, ${t.firstLoans} first loans, credit share ${t.creditShare}%, average rate ${t.averageRate}%, ${t.declined} declined; ${ourRun.last.byRegion.length} cities, ${ourRun.last.byBank.length} banks, ${ourRun.last.byKind.length} kinds, ${ourRun.last.byMonth.length} months.`,
);
console.log(`rebuildStats (the roll-up from the tables): ${rebuildSeconds.toFixed(1)} s.\n`);
const row = (label: string, r: { p50: number; p99: number; n: number }) =>
  console.log(
    `${label.padEnd(64)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${String(r.n).padStart(6)}`,
  );
console.log(`${'run'.padEnd(64)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'calls'.padStart(6)}`);
row('ours: financingDashboard (the financing_stats roll-up)', ourRun);
row('peer: the same six parts with GROUP BY over demands and responses', peerRun);
console.log(`\nOurs and the peer disagree on ${mismatches} figures rows.`);
console.log(
  `Load average (1 min) on ${os.cpus().length} cores: ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (other work on this machine).`,
);
printFigures([
  {
    figure: `province dashboard, ${s.history.toLocaleString('en')} demands, 24 months: p99 (p50)`,
    ours: `${ourRun.p99.toFixed(0)} ms (${ourRun.p50.toFixed(0)})`,
    peer: `${peerRun.p99.toFixed(0)} ms (${peerRun.p50.toFixed(0)})`,
    target: 'p99 ≤ 500 ms, 0 mismatches',
    met: ourRun.p99 <= 500 && mismatches === 0,
  },
  {
    figure: 'rebuildStats after the bulk load (no target)',
    ours: `${rebuildSeconds.toFixed(1)} s`,
    peer: '—',
    target: '—',
    met: true,
  },
]);
