/**
 * Figure of issue 5 (as far as the case engine exists): with 1,000,000 cases in PostgreSQL, an official's work
 * queue — open cases of their department in their region, sorted by deadline, paged — p99 ≤ 50 ms. Ours is the
 * route's own query (`caseQueue`) for a county and for a province official; the peer, from the same run, is the
 * same query without the queue index (a plain b-tree on region_code, what a first schema would have).
 *
 * Uses the database `huiqi_bench_import` that `bench/import.ts` leaves behind (1,000,000 enterprises); run that
 * first. Usage: npx tsx bench/case-queue.ts [--cases 1000000] [--requests 200]
 */
import { sql } from 'kysely';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { Actor } from '../src/server/http/auth.ts';
import { caseQueue } from '../src/server/modules/cases/index.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CASES = arg('--cases', 1_000_000);
const REQUESTS = arg('--requests', 200);
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const url = new URL(base);
url.pathname = '/huiqi_bench_import';

const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
const db = handle.db;
await migrateToLatest(db);
const { rows: counted } = await sql<{ n: number }>`select count(*)::int as n from enterprises`.execute(db);
if ((counted[0]?.n ?? 0) < 100_000) {
  console.error('huiqi_bench_import holds too few enterprises; run npx tsx bench/import.ts first.');
  process.exit(1);
}

// 1,000,000 cases of the registry's enterprises: their regions, a few departments, states spread like a year of
// work (about a fifth open), deadlines around today.
const { rows: existing } = await sql<{ n: number }>`select count(*)::int as n from cases`.execute(db);
if ((existing[0]?.n ?? 0) !== CASES) {
  console.log(`Generating ${CASES.toLocaleString('en')} cases…`);
  await sql`truncate case_supervisions, case_attachments, case_events, cases restart identity cascade`.execute(
    db,
  );
  const { rows: user } = await sql<{ id: number }>`
    insert into users (username, display_name, password_hash, role, enterprise_id)
    values ('bench.enterprise', 'bench', 'x', 'enterprise', (select min(id) from enterprises))
    on conflict (username) do update set display_name = excluded.display_name returning id`.execute(db);
  await sql`
    insert into cases (number, type, kind, category, title, description, enterprise_id, submitted_by, region_code,
      department_code, state, clock, deadline, received_on, debtor_uscc, contract_number, claim)
    select 'B' || g, case when g % 5 = 0 then 'arrears' else 'demand' end,
      case when g % 5 = 0 then null else (array['consultation','complaint','suggestion','help'])[(1 + g % 4)::int] end,
      case when g % 5 = 0 then 'arrears' else 'financing' end,
      '案件 ' || g, '基准数据', e.id, ${user[0]?.id ?? 1}, e.region_code,
      (array['sme','sme','sme','miit','mof'])[(1 + g % 5)::int],
      (array['closed','closed','closed','replied','submitted','accepted','in_progress','closed','info_requested','closed'])[(1 + g % 10)::int],
      null, current_date + ((g * 7919) % 61 - 30)::int, current_date - (g % 365)::int,
      case when g % 5 = 0 then '11' || e.region_code || '0000000000' end,
      case when g % 5 = 0 then 'HT' || g end,
      case when g % 5 = 0 then '{}'::jsonb end
    from generate_series(1::bigint, ${CASES}::bigint) g
    join enterprises e on e.id = (select min(id) from enterprises) + (g * 104729) % ${counted[0]?.n ?? 1}::bigint`.execute(
    db,
  );
  // Steady state: autovacuum has run (the visibility map lets counts read the index alone).
  await sql`vacuum analyze cases`.execute(db);
}

const officials: { label: string; actor: Actor }[] = [
  { label: 'county official (320583, sme)', actor: official('320583', '320583') },
  { label: 'province official (32, sme)', actor: official('320000', '32') },
];
function official(regionCode: string, regionPrefix: string): Actor {
  return {
    userId: 1,
    username: 'bench',
    displayName: 'bench',
    role: 'official',
    enterpriseId: null,
    institutionId: null,
    regionCode,
    regionPrefix,
    departmentCode: 'sme',
    organizationUscc: null,
    locale: 'zh-CN',
  };
}

async function measure(run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 10; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)] ?? 0, p99: times[Math.floor(times.length * 0.99)] ?? 0 };
}

const results: { label: string; ours: { p50: number; p99: number }; peer: { p50: number; p99: number } }[] =
  [];
for (const { label, actor } of officials) {
  const pages = [1, 2, 3, 10];
  let k = 0;
  const ours = await measure(() =>
    caseQueue(db, actor, { page: pages[k++ % pages.length] ?? 1, pageSize: 20 }),
  );
  results.push({ label, ours, peer: { p50: 0, p99: 0 } });
}
// The peer: the same queries with the queue index hidden (dropped in a transaction that is rolled back).
await db
  .transaction()
  .execute(async (trx) => {
    await sql`drop index cases_queue_idx`.execute(trx);
    await sql`create index bench_cases_region on cases (region_code)`.execute(trx);
    for (const [i, { actor }] of officials.entries()) {
      let k = 0;
      const pages = [1, 2, 3, 10];
      (results[i] as (typeof results)[number]).peer = await measure(() =>
        caseQueue(trx as never, actor, { page: pages[k++ % pages.length] ?? 1, pageSize: 20 }),
      );
    }
    throw new Error('rollback');
  })
  .catch((error: unknown) => {
    if ((error as Error).message !== 'rollback') throw error;
  });
await handle.close();

console.log(
  `\n${CASES.toLocaleString('en')} cases in PostgreSQL; an official's queue (open cases, by deadline, 20 a page), ${REQUESTS} requests each\n`,
);
console.log(
  `${'official'.padEnd(34)} ${'ours p50'.padStart(9)} ${'ours p99'.padStart(9)} ${'peer p50'.padStart(9)} ${'peer p99'.padStart(9)}  (ms; peer: region index only)`,
);
for (const r of results)
  console.log(
    `${r.label.padEnd(34)} ${r.ours.p50.toFixed(1).padStart(9)} ${r.ours.p99.toFixed(1).padStart(9)} ${r.peer.p50.toFixed(1).padStart(9)} ${r.peer.p99.toFixed(1).padStart(9)}`,
  );
const worst = Math.max(...results.map((r) => r.ours.p99));
console.log(`\nWorst p99 ${worst.toFixed(1)} ms (target ≤ 50 ms)`);
console.log(worst <= 50 ? 'TARGET MET' : 'TARGET NOT MET');
