/**
 * Figure: size statistics (size × industry × one province's subtree) over 1,000,000 enterprises, p50 ≤ 300 ms on
 * PostgreSQL — through the roll-up the registry keeps (size_stats), beside the peer from the same run: the same
 * answer computed directly from enterprises ⋈ enterprise_sizes with one GROUP BY.
 * Usage: npx tsx bench/size-stats.ts [--rows 1000000]
 */
import pg from 'pg';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { rebuildSizeStats, sizeStats } from '../src/server/modules/registry/index.ts';

const rowsIndex = process.argv.indexOf('--rows');
const rows = rowsIndex >= 0 ? Number(process.argv[rowsIndex + 1]) : 1_000_000;
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query('drop database if exists huiqi_bench_stats with (force)');
await admin.query('create database huiqi_bench_stats');
await admin.end();
const url = new URL(base);
url.pathname = '/huiqi_bench_stats';
const handle = await openDatabase({ databaseUrl: url.toString() });
await migrateToLatest(handle.db);
const { sql } = await import('kysely');

console.log(`Loading ${rows} enterprises with a size class for 2025 (set-based SQL)…`);
// Counties of the whole country, so one province is a realistic share (~1/31) of the registry.
await sql`
  insert into enterprises (uscc, name, region_code, industry_code)
  select lpad(g::text, 18, '0'), '企业' || g,
    (select code from regions where level = 'county' order by code offset ((g::int8 * 7919) % (select count(*) from regions where level = 'county')) limit 1),
    (array['C13','C34','C39','F51','F52','I65','E48','G54','H62','L72','M75','K702','A01','O81'])[1 + g % 14]
  from generate_series(1, ${rows}) g`.execute(handle.db);
// The USCC lookup the registry's writes keep (ADR 0025).
await sql`insert into enterprise_usccs (uscc, enterprise_id) select uscc, id from enterprises`.execute(
  handle.db,
);
await sql`
  insert into enterprise_sizes (enterprise_id, year, standard, size, reason_zh, reason_en)
  select id, 2025, 'cn-2011', (array['micro','micro','micro','small','small','medium','large'])[1 + id % 7], '', ''
  from enterprises`.execute(handle.db);
await sql`analyze`.execute(handle.db);
let started = performance.now();
await rebuildSizeStats(handle.db, [2025]);
const refreshMs = performance.now() - started;

const province = { code: '320000', prefix: '32' };
const time = async (fn: () => Promise<unknown>, runs = 15) => {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(runs / 2)] ?? 0, max: samples[runs - 1] ?? 0 };
};
const ours = await time(() => sizeStats(handle.db, province, 2025, 'cn-2011', null));
const peer = await time(
  () =>
    sql`
    select left(e.region_code, 4) as city, left(e.industry_code, 1) as section, s.size, count(*)
    from enterprises e join enterprise_sizes s on s.enterprise_id = e.id
    where e.region_code like '32%' and s.year = 2025 and s.standard = 'cn-2011'
    group by 1, 2, 3`.execute(handle.db),
  5,
);
const inProvince = await sql<{
  n: number;
}>`select count(*)::int as n from enterprises where region_code like '32%'`.execute(handle.db);
console.log(`\n${rows} enterprises, ${inProvince.rows[0]?.n} of them in 江苏省 (320000)`);
console.log(`${'query'.padEnd(64)} ${'p50 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
console.log(
  `${'peer: GROUP BY over enterprises ⋈ enterprise_sizes'.padEnd(64)} ${peer.p50.toFixed(1).padStart(8)} ${peer.max.toFixed(1).padStart(8)}`,
);
console.log(
  `${'huiqi: /api/registry/stats query (roll-up, region+industry+totals)'.padEnd(64)} ${ours.p50.toFixed(1).padStart(8)} ${ours.max.toFixed(1).padStart(8)}`,
);
console.log(`(roll-up refresh for the year after a bulk load: ${Math.round(refreshMs)} ms)`);
console.log(ours.p50 <= 300 ? 'TARGET MET (p50 ≤ 300 ms)' : 'TARGET NOT MET (p50 ≤ 300 ms)');
await handle.close();
