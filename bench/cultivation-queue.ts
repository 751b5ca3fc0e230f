/**
 * Figure (issue 18, measures 16–17): the county's application queue — `GET /api/cultivation/applications` — p99 ≤
 * 50 ms with 100,000 applications, beside the same page computed the straightforward way, in the same run.
 *
 * - Data: the registry of `huiqi_bench_monitoring` (bench/monitoring-data.ts builds or reuses it: 1,000,000
 *   enterprises, about 100,000 in 江苏省), migrated to the latest schema; once, one application of this year for
 *   each 江苏 enterprise (100,000: a tier in turn; stages as a live year has them — 60% with the county, 10%
 *   returned, 15% with the province, 5% on notice, 10% recognised; due dates over two months), the pipeline's counts
 *   rebuilt from them.
 * - Ours: the app (`buildApp`) over HTTP in this process, signed in as an official of the county with the most
 *   applications (and, beside it, of the province: 100,000 in its region): the default queue (its stage, soonest
 *   due first, page 1), a later page, a search by name, overdue only.
 * - Peer, same process and database: the same first page the straightforward way — the region matched with
 *   `LIKE 'prefix%'`, the enterprises' names joined in the statement, an exact count of the filter, sorted by due
 *   date — as a generic admin list would.
 * - Each timed one request at a time after a warm-up (`--requests`).
 *
 * Usage: npx tsx bench/cultivation-queue.ts [--requests 300]
 */
import os from 'node:os';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { createUser } from '../src/server/modules/accounts/index.ts';
import { todayInChina } from '../src/shared/today.ts';
import { printFigures } from './financing-data.ts';
import { numberOption, timeRequests } from './lib.ts';
import {
  buildMonitoringBenchDatabase,
  MONITORING_BENCH_AUDIT_KEY,
  setBenchAuditKey,
} from './monitoring-data.ts';

const REQUESTS = numberOption('requests', 300);
const YEAR = Number(todayInChina().slice(0, 4));

const built = await buildMonitoringBenchDatabase();
setBenchAuditKey();
const handle = await openDatabase({ databaseUrl: built.url, dataDir: '', poolSize: 8 });
const db = handle.db;
await migrateToLatest(db);

const { rows: have } = await sql<{ n: number }>`
  select count(*)::int as n from cultivation_applications where year = ${YEAR}`.execute(db);
if ((have[0]?.n ?? 0) < 100_000) {
  console.log('Writing 100,000 applications of 江苏省 enterprises…');
  const started = performance.now();
  await sql`
    truncate cultivation_changes, cultivation_recognitions, cultivation_events, cultivation_objections,
      cultivation_applications, cultivation_stats`.execute(db);
  await sql`
    insert into cultivation_applications (enterprise_id, tier, standard_version, year, data_year, region_code, stage,
      score, status, facts, assessment, due_on, submitted_by, submitted_at, updated_at, notice_from, notice_to,
      valid_from, valid_to)
    select e.id, t.tier, '2022-' || t.tier, ${YEAR}, ${YEAR - 1}, e.region_code, s.stage,
      50 + e.id % 50, case when e.id % 3 = 0 then 'likely' when e.id % 3 = 1 then 'incomplete' else 'unlikely' end,
      '{}', '{}',
      case when s.stage in ('county_review', 'province_review') then date '2026-11-01' + (e.id % 60)::int end,
      0, now(), now(),
      case when s.stage = 'notice' then current_date end, case when s.stage = 'notice' then current_date + 5 end,
      case when s.stage = 'recognised' then date '2024-01-01' + (e.id % 700)::int end,
      case when s.stage = 'recognised' then date '2026-12-31' + (e.id % 700)::int end
    from (select id, region_code, row_number() over (order by id) as n from enterprises
      where region_code like '32%' and region_code ~ '^[0-9]{6}$' limit 100000) e
    cross join lateral (select (array['innovative', 'specialised', 'little_giant'])[1 + e.n % 3] as tier) t
    cross join lateral (select case
      when e.n % 20 < 12 then 'county_review' when e.n % 20 < 14 then 'returned'
      when e.n % 20 < 17 then 'province_review' when e.n % 20 < 18 then 'notice' else 'recognised' end as stage) s`.execute(
    db,
  );
  await sql`
    insert into cultivation_stats (region_code, tier, year, stage, count)
    select region_code, tier, year, stage, count(*) from cultivation_applications group by 1, 2, 3, 4`.execute(
    db,
  );
  await sql`vacuum analyze cultivation_applications, cultivation_stats`.execute(db);
  console.log(`  written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const { rows: counted } = await sql<{ n: number }>`
  select count(*)::int as n from cultivation_applications where year = ${YEAR}`.execute(db);
const total = counted[0]?.n ?? 0;
const { rows: busiest } = await sql<{ region_code: string; n: number }>`
  select region_code, count(*)::int as n from cultivation_applications where stage = 'county_review'
  group by 1 order by 2 desc limit 1`.execute(db);
const county = busiest[0]?.region_code ?? '320411';
const { rows: named } = await sql<{ name: string }>`
  select e.name from cultivation_applications a join enterprises e on e.id = a.enterprise_id
  where a.region_code = ${county} limit 1`.execute(db);
const nameWord = (named[0]?.name ?? '科技').slice(0, 4);

// Officials to sign in as: the county's and the province's.
const password = 'Bench-Cultivation-2026';
const officials = { county: 'bench.cultivation.county', province: 'bench.cultivation.province' };
for (const [level, username] of Object.entries(officials)) {
  await sql`delete from sessions where user_id in (select id from users where username = ${username})`.execute(
    db,
  );
  const { rows: existing } = await sql<{
    id: number;
  }>`select id from users where username = ${username}`.execute(db);
  if (existing[0])
    await sql`update users set region_code = ${level === 'county' ? county : '320000'} where id = ${existing[0].id}`.execute(
      db,
    );
  else
    await createUser(
      db,
      {
        username,
        password,
        displayName: level === 'county' ? '县中小企业局（基准）' : '省工业和信息化厅（基准）',
        role: 'official',
        regionCode: level === 'county' ? county : '320000',
        departmentCode: 'sme',
      },
      { actor: null, requestId: null },
    );
}

const config = loadConfig({
  ...process.env,
  DATABASE_URL: built.url,
  HUIQI_MODE: 'production',
  HUIQI_AUDIT_KEY: MONITORING_BENCH_AUDIT_KEY,
  LOG_LEVEL: 'silent',
});
const app = await buildApp({ config, db, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
const signIn = async (username: string) => {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  return login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
};
const countyCookie = await signIn(officials.county);
const provinceCookie = await signIn(officials.province);

// The peer: the same first page the straightforward way.
const peer = Fastify({ logger: false });
peer.get<{ Querystring: { prefix: string; stage: string } }>('/bench/peer/queue', async (request) => {
  const { prefix, stage } = request.query;
  const [items, count] = await Promise.all([
    sql<{ id: number; name: string; due_on: string }>`
      select a.*, e.name, e.uscc from cultivation_applications a join enterprises e on e.id = a.enterprise_id
      where a.region_code like ${`${prefix}%`} and a.stage = ${stage}
      order by a.due_on nulls last, a.id limit 20`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from cultivation_applications a
      join enterprises e on e.id = a.enterprise_id
      where a.region_code like ${`${prefix}%`} and a.stage = ${stage}`.execute(db),
  ]);
  return { items: items.rows, total: count.rows[0]?.n ?? 0 };
});
await peer.listen({ port: 0, host: '127.0.0.1' });
const peerAddress = peer.server.address();
const peerBase = `http://127.0.0.1:${typeof peerAddress === 'object' && peerAddress ? peerAddress.port : 0}`;

const loadBefore = os.loadavg() as [number, number, number];
const q = (params: string) => `${base}/api/cultivation/applications?${params}`;
const runs = [
  {
    label: 'ours: county queue, page 1',
    r: await timeRequests(q('stage=county_review'), countyCookie, REQUESTS),
  },
  {
    label: 'ours: county queue, page 10',
    r: await timeRequests(q('stage=county_review&page=10'), countyCookie, REQUESTS),
  },
  {
    label: 'ours: county, search by name',
    r: await timeRequests(q(`q=${encodeURIComponent(nameWord)}`), countyCookie, REQUESTS),
  },
  { label: 'ours: county, overdue only', r: await timeRequests(q('overdue=true'), countyCookie, REQUESTS) },
  {
    label: 'ours: province queue (100,000 in region)',
    r: await timeRequests(q('stage=province_review'), provinceCookie, REQUESTS),
  },
];
const peerCounty = await timeRequests(
  `${peerBase}/bench/peer/queue?prefix=${county}&stage=county_review`,
  '',
  REQUESTS,
  60_000,
);
const peerProvince = await timeRequests(
  `${peerBase}/bench/peer/queue?prefix=32&stage=province_review`,
  '',
  REQUESTS,
  60_000,
);
const loadAfter = os.loadavg() as [number, number, number];
const oursCounty = runs[0]?.r.body as { total?: number };
const peerCountyBody = peerCounty.body as { total?: number };
await app.close();
await peer.close();
await handle.close();

const ms = (n: number) => `${n.toFixed(1)} ms`;
console.log(
  `\n${total.toLocaleString('en-US')} applications of ${YEAR}; the county ${county} has ${oursCounty.total ?? 0} at its stage (PostgreSQL)\n`,
);
console.log('page                                              requests     p50      p99');
for (const { label, r } of runs)
  console.log(
    `${label.padEnd(48)} ${String(r.requests).padStart(8)} ${ms(r.p50).padStart(8)} ${ms(r.p99).padStart(8)}`,
  );
console.log(
  `${'peer: county queue, page 1'.padEnd(48)} ${String(peerCounty.requests).padStart(8)} ${ms(peerCounty.p50).padStart(8)} ${ms(peerCounty.p99).padStart(8)}`,
);
console.log(
  `${'peer: province queue'.padEnd(48)} ${String(peerProvince.requests).padStart(8)} ${ms(peerProvince.p50).padStart(8)} ${ms(peerProvince.p99).padStart(8)}`,
);
const same = oursCounty.total === peerCountyBody.total;
console.log(
  `County queue counted: ours ${oursCounty.total}, peer ${peerCountyBody.total}${same ? ' (the same)' : ' (DIFFER)'}`,
);
console.log(
  `Load average (1, 5 min) on ${os.cpus().length} cores: ${loadBefore[0].toFixed(1)}, ${loadBefore[1].toFixed(1)} before; ${loadAfter[0].toFixed(1)}, ${loadAfter[1].toFixed(1)} after (other work on this machine).\n`,
);
const countyP99 = Math.max(...runs.slice(0, 4).map(({ r }) => r.p99));
printFigures([
  {
    figure: 'county application queue with 100,000 applications, p99',
    ours: ms(countyP99),
    peer: ms(peerCounty.p99),
    target: '≤ 50 ms',
    met: countyP99 <= 50 && total >= 100_000 && same,
  },
]);
