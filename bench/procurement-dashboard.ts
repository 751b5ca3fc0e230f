/**
 * Figure (issue 17, measure 8): the supervising official's dashboard — `GET /api/procurement/shares`, each buying
 * body's SME and small/micro shares of a year against 30% / 60% with the totals and kinds — p99 ≤ 500 ms for a
 * province with 1,000,000 contracts, beside the same page computed from the contracts, measured in the same run.
 *
 * - Data: bench/procurement-declarations.ts's 1,000 buying bodies and 1,000,000 awards of 2026 (it builds them on
 *   `huiqi_bench_monitoring` when missing), every body placed in a county of 江苏省 (320000) here, and the module's
 *   roll-up rebuilt from the rows (`rebuildShares`, as after any bulk load).
 * - Ours: the app (`buildApp`) over HTTP in this process, signed in as an official of the province; the page reads
 *   the roll-up (body × year × kind) only.
 * - Peer, same process and database: the same answer computed from the awards — one GROUP BY over the province's
 *   contracts per request (totals, kinds and bodies), the shares and grades in the process.
 * - Each timed one request at a time after a warm-up (`--requests`; the peer fewer when slow).
 *
 * Usage: npx tsx bench/procurement-dashboard.ts [--requests 300]
 */
import os from 'node:os';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { createUser } from '../src/server/modules/accounts/index.ts';
import { rebuildShares } from '../src/server/modules/procurement/index.ts';
import { printFigures } from './financing-data.ts';
import { numberOption, timeRequests } from './lib.ts';
import {
  buildMonitoringBenchDatabase,
  MONITORING_BENCH_AUDIT_KEY,
  setBenchAuditKey,
} from './monitoring-data.ts';

const REQUESTS = numberOption('requests', 300);
const PROVINCE = '320000';
const YEAR = 2026;

const built = await buildMonitoringBenchDatabase();
setBenchAuditKey();
const handle = await openDatabase({ databaseUrl: built.url, dataDir: '', poolSize: 8 });
const db = handle.db;
await migrateToLatest(db);
const { rows: contracts } = await sql<{ n: number }>`
  select count(*)::int as n from procurement_awards where year = ${YEAR}`.execute(db);
if ((contracts[0]?.n ?? 0) < 900_000) {
  console.log('Run bench/procurement-declarations.ts first: it writes the bodies and the 1,000,000 awards.');
  process.exit(1);
}
// Every body in a county of the province (round robin over its counties in the registry).
await sql`
  with counties as (
    select code, row_number() over (order by code) - 1 as i, count(*) over () as n
    from (select distinct region_code as code from enterprises where region_code like '32%' and region_code not like '%00') c)
  update procurement_bodies b set region_code = c.code
  from counties c where c.i = b.id % c.n and b.region_code not like '32%'`.execute(db);
const rebuildStarted = performance.now();
await rebuildShares(db);
const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
await sql`vacuum analyze procurement_shares, procurement_bodies`.execute(db);
const { rows: province } = await sql<{ n: number }>`
  select count(*)::int as n from procurement_awards a join procurement_bodies b on b.id = a.body_id
  where a.year = ${YEAR} and b.region_code like '32%'`.execute(db);
const inProvince = province[0]?.n ?? 0;

// An official of the province to sign in as.
const username = 'bench.procurement.province';
const password = 'Bench-Procurement-2026';
const { rows: existing } = await sql<{
  id: number;
}>`select id from users where username = ${username}`.execute(db);
if (!existing[0])
  await createUser(
    db,
    { username, password, displayName: '江苏省财政厅（基准）', role: 'official', regionCode: PROVINCE },
    { actor: null, requestId: null },
  );

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
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username, password }),
});
if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
const cookie = login.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .join('; ');

// The peer: the same totals from the contracts themselves.
const peer = Fastify({ logger: false });
peer.get('/bench/peer/shares', async () => {
  const { rows } = await sql<{
    body_id: number;
    kind: string;
    contracts: number;
    awarded: string;
    awarded_suited: string;
    awarded_sme: string;
    awarded_small_micro: string;
  }>`
    select a.body_id, a.kind, count(*)::int as contracts, sum(a.amount)::text as awarded,
      coalesce(sum(a.amount) filter (where a.suited), 0)::text as awarded_suited,
      coalesce(sum(a.sme_amount) filter (where a.suited), 0)::text as awarded_sme,
      coalesce(sum(a.small_micro_amount) filter (where a.suited), 0)::text as awarded_small_micro
    from procurement_awards a join procurement_bodies b on b.id = a.body_id
    where a.year = ${YEAR} and b.region_code like '32%'
    group by 1, 2`.execute(db);
  const bodies = new Map<number, { contracts: number; awardedSuited: number; awardedSme: number }>();
  for (const r of rows) {
    const b = bodies.get(r.body_id) ?? { contracts: 0, awardedSuited: 0, awardedSme: 0 };
    b.contracts += r.contracts;
    b.awardedSuited += Number(r.awarded_suited);
    b.awardedSme += Number(r.awarded_sme);
    bodies.set(r.body_id, b);
  }
  const items = [...bodies.entries()]
    .map(([id, b]) => ({
      bodyId: id,
      ...b,
      share: b.awardedSuited > 0 ? (b.awardedSme / b.awardedSuited) * 100 : null,
    }))
    .sort((a, b) => (a.share ?? 0) - (b.share ?? 0))
    .slice(0, 20);
  return {
    total: { contracts: rows.reduce((s, r) => s + r.contracts, 0) },
    bodies: { items, total: bodies.size },
  };
});
await peer.listen({ port: 0, host: '127.0.0.1' });
const peerAddress = peer.server.address();
const peerBase = `http://127.0.0.1:${typeof peerAddress === 'object' && peerAddress ? peerAddress.port : 0}`;

const loadBefore = os.loadavg() as [number, number, number];
const ours = await timeRequests(
  `${base}/api/procurement/shares?year=${YEAR}&regionCode=${PROVINCE}`,
  cookie,
  REQUESTS,
);
const below = await timeRequests(
  `${base}/api/procurement/shares?year=${YEAR}&regionCode=${PROVINCE}&below=true&page=2`,
  cookie,
  REQUESTS,
);
const theirs = await timeRequests(`${peerBase}/bench/peer/shares`, '', REQUESTS, 60_000);
const loadAfter = os.loadavg() as [number, number, number];
const oursBody = ours.body as unknown as { total: { contracts: number }; bodies: { total: number } };
const peerBody = theirs.body as unknown as { total: { contracts: number }; bodies: { total: number } };
await app.close();
await peer.close();
await handle.close();

const ms = (n: number) => `${n.toFixed(1)} ms`;
console.log(
  `\nA province (${PROVINCE}) with ${inProvince.toLocaleString('en-US')} contracts of ${YEAR} from ${oursBody.bodies.total} buying bodies (PostgreSQL); roll-up rebuilt in ${rebuildSeconds.toFixed(1)} s\n`,
);
console.log('page                                              requests     p50      p99');
console.log(
  `ours: the province's shares                         ${String(ours.requests).padStart(6)} ${ms(ours.p50).padStart(8)} ${ms(ours.p99).padStart(8)}`,
);
console.log(
  `ours: bodies below the line, page 2                 ${String(below.requests).padStart(6)} ${ms(below.p50).padStart(8)} ${ms(below.p99).padStart(8)}`,
);
console.log(
  `peer: from the contracts                            ${String(theirs.requests).padStart(6)} ${ms(theirs.p50).padStart(8)} ${ms(theirs.p99).padStart(8)}`,
);
console.log(
  `Contracts counted: ours ${oursBody.total.contracts.toLocaleString('en-US')}, peer ${peerBody.total.contracts.toLocaleString('en-US')}${oursBody.total.contracts === peerBody.total.contracts ? ' (the same)' : ' (DIFFER)'}`,
);
console.log(
  `Load average (1, 5 min) on ${os.cpus().length} cores: ${loadBefore[0].toFixed(1)}, ${loadBefore[1].toFixed(1)} before; ${loadAfter[0].toFixed(1)}, ${loadAfter[1].toFixed(1)} after (other work on this machine).\n`,
);
printFigures([
  {
    figure: 'dashboard of a province with 1,000,000 contracts, p99',
    ours: ms(Math.max(ours.p99, below.p99)),
    peer: ms(theirs.p99),
    target: '≤ 500 ms',
    met:
      Math.max(ours.p99, below.p99) <= 500 &&
      inProvince >= 1_000_000 &&
      oursBody.total.contracts === peerBody.total.contracts,
  },
]);
