/**
 * Figures of issue 20 (ADR 0025): the same data on one PostgreSQL and on a Citus cluster (a coordinator and two
 * workers on this machine), measured in one run and printed side by side:
 * - matching 1,000,000 enterprises × 100 policies (the job's first run, all new, and a re-run): Citus within 2×;
 *   and issue 21's steps driven by what changed (bench/due-steps.ts: the next day's due run, 1% of the
 *   enterprises changed, the busiest policy amended) on both;
 * - the province official's enterprise list (first page) and home page over HTTP, p99: Citus within 2×;
 * - the distributed plans of matching's statements (one task per shard) and the per-shard times of its scan,
 *   from which ADR 0025 projects 8 and 32 workers.
 * On one 2-core machine Citus cannot be faster: its workers share the cores the single PostgreSQL has alone.
 *
 * The single PostgreSQL is `huiqi_bench_import` (bench/import.ts leaves it; a province official is added). The Citus database `huiqi_bench_citus` is made from it (its rows copied table by table with COPY) and
 * kept while it holds as many enterprises; `--reload` makes it afresh.
 * Usage: npx tsx bench/citus.ts [--shards 8] [--policies 100] [--requests 200] [--reload]
 * Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test), BENCH_CITUS_URL (the
 * coordinator, default postgres://postgres@127.0.0.1:5440/postgres), BENCH_CITUS_WORKERS (host:port,…; default
 * 127.0.0.1:5441,127.0.0.1:5442).
 */
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { openDatabase } from '../src/server/db/database.ts';
import { orderByForeignKeys } from '../src/server/db/distribute.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { Database } from '../src/server/db/schema.ts';
import { SESSION_COOKIE, sessionIdOf } from '../src/server/http/auth.ts';
import {
  candidatePairs,
  matchAll,
  matchPolicies,
  publishedVersions,
} from '../src/server/modules/policies/index.ts';
import { type DueSteps, runDueSteps } from './due-steps.ts';
import { numberOption, startChild, stopChild, timeRequests } from './lib.ts';
import { publishBenchPolicies } from './policy-rules.ts';

const args = process.argv.slice(2);
const option = numberOption;
// Two shards per worker core on this machine (2 workers × 2 cores): a read that spans every shard pays a task per
// shard, so more shards than the cores to run them only add that cost here; `--shards 32` for the projection.
const SHARDS = option('shards', 8);
const POLICIES = option('policies', 100);
const REQUESTS = option('requests', 200);
const RELOAD = args.includes('--reload');
const DATE = '2026-06-30';

const withDatabase = (base: string, name: string, port?: number) => {
  const url = new URL(base);
  url.pathname = `/${name}`;
  if (port !== undefined) url.port = String(port);
  return url.toString();
};
const pgUrl = withDatabase(
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  'huiqi_bench_import',
);
const coordinatorBase = process.env.BENCH_CITUS_URL ?? 'postgres://postgres@127.0.0.1:5440/postgres';
const CITUS_DB = 'huiqi_bench_citus';
const citusUrl = withDatabase(coordinatorBase, CITUS_DB);
const workers = (process.env.BENCH_CITUS_WORKERS ?? '127.0.0.1:5441,127.0.0.1:5442').split(',').map((w) => {
  const [host, port] = w.split(':');
  return { host: host as string, port: Number(port) };
});

async function run(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

async function countEnterprises(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from enterprises`.execute(db);
  return rows[0]?.n ?? 0;
}

// ---- the single PostgreSQL -----------------------------------------------------------------------------------
const single = await openDatabase({ databaseUrl: pgUrl, dataDir: '' });
const enterprises = await countEnterprises(single.db);
if (enterprises < 100_000) {
  console.error(`huiqi_bench_import holds ${enterprises} enterprises; run npx tsx bench/import.ts first.`);
  process.exit(1);
}
await migrateToLatest(single.db);
// The province official who reads the list (江苏省, where the generated enterprises are), and a session of theirs.
// Written directly, not by signing in: the audit chain of this database is keyed with the key of the import
// benchmark's server, which this process lacks, and a sign-in is audited.
const OFFICIAL = 'bench.province';
const SESSION_TOKEN = randomBytes(32).toString('base64url');
async function addOfficialSession(db: Kysely<Database>): Promise<void> {
  await sql`insert into users (username, display_name, password_hash, role, region_code, password_changed_at, created_at, updated_at)
    values (${OFFICIAL}, '基准 江苏省官员', 'not-for-signing-in', 'official', '320000', now(), now(), now())
    on conflict (username) do nothing`.execute(db);
  await sql`insert into sessions (id, user_id, csrf_token, expires_at)
    select ${sessionIdOf(SESSION_TOKEN)}, id, 'bench', now() + interval '1 day' from users where username = ${OFFICIAL}
    on conflict (id) do nothing`.execute(db);
}
await addOfficialSession(single.db);

// ---- the Citus database, copied from it ----------------------------------------------------------------------
/** Tables left out of the copy: queues and sessions (nothing of them is measured). */
const NOT_COPIED = new Set(['jobs', 'sessions', 'kysely_migration', 'kysely_migration_lock']);

async function makeCitusDatabase(): Promise<void> {
  console.log(`Making ${CITUS_DB}: a coordinator and ${workers.length} workers, ${SHARDS} shards…`);
  const coordinator = new URL(coordinatorBase);
  for (const node of [{ host: coordinator.hostname, port: Number(coordinator.port) || 5432 }, ...workers]) {
    const admin = withDatabase(coordinatorBase, 'postgres', node.port).replace(
      coordinator.hostname,
      node.host,
    );
    await run(admin, [`drop database if exists ${CITUS_DB} with (force)`, `create database ${CITUS_DB}`]);
    await run(withDatabase(admin, CITUS_DB), ['create extension citus']);
  }
  await run(citusUrl, [
    // Connections to the workers kept open between queries (ADR 0025: a list's tasks reuse them).
    `alter database ${CITUS_DB} set citus.max_cached_conns_per_worker = 16`,
    `select citus_set_coordinator_host('${coordinator.hostname}', ${Number(coordinator.port) || 5432})`,
    ...workers.map((w) => `select citus_add_node('${w.host}', ${w.port})`),
  ]);
  const handle = await openDatabase({ databaseUrl: citusUrl, dataDir: '' });
  await migrateToLatest(handle.db, { shardCount: SHARDS });
  // Every table with rows, after the tables its foreign keys point to; one the migrations filled (reference
  // data) is left as they made it.
  const { rows: tables } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r'`.execute(single.db);
  const { rows: edges } = await sql<{ from: string; to: string }>`
    select conrelid::regclass::text as from, confrelid::regclass::text as to from pg_constraint
    where contype = 'f' and connamespace = 'public'::regnamespace`.execute(single.db);
  const order = orderByForeignKeys(
    tables.map((t) => t.name).filter((t) => !NOT_COPIED.has(t)),
    edges.map((e) => [e.from, e.to] as [string, string]),
  );
  const source = new pg.Client({ connectionString: pgUrl });
  const target = new pg.Client({ connectionString: citusUrl });
  await source.connect();
  await target.connect();
  try {
    for (const table of order) {
      const { rows: held } = await target.query(`select exists (select 1 from ${table}) as yes`);
      if (held[0].yes) continue;
      const { rows: columns } = await source.query(
        `select string_agg(quote_ident(column_name), ', ' order by ordinal_position) as list
         from information_schema.columns where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER'`,
        [table],
      );
      const list = columns[0].list as string;
      const started = performance.now();
      await pipeline(
        source.query(copyTo(`copy (select ${list} from ${table}) to stdout`)),
        target.query(copyFrom(`copy ${table} (${list}) from stdin`)),
      );
      const { rows: n } = await target.query(`select count(*)::int as n from ${table}`);
      if (n[0].n > 0)
        console.log(
          `  ${table}: ${n[0].n.toLocaleString('en')} rows in ${Math.round(performance.now() - started)} ms`,
        );
    }
    // Identity columns go on from the copied rows' largest value.
    const { rows: identities } = await target.query(
      `select table_name, column_name from information_schema.columns
       where table_schema = 'public' and (is_identity = 'YES' or column_default like 'nextval(%')`,
    );
    for (const { table_name: table, column_name: column } of identities)
      await target.query(
        `select setval(pg_get_serial_sequence($1, $2), greatest(1, (select coalesce(max(${column}), 0) from ${table})))`,
        [table, column],
      );
    await target.query('vacuum analyze');
  } finally {
    await source.end();
    await target.end();
  }
  await handle.close();
}

let citus = await (async () => {
  try {
    const handle = await openDatabase({ databaseUrl: citusUrl, dataDir: '' });
    if (!RELOAD && (await countEnterprises(handle.db)) === enterprises) return handle;
    await handle.close();
  } catch {
    // No such database yet.
  }
  return null;
})();
if (!citus) {
  await makeCitusDatabase();
  citus = await openDatabase({ databaseUrl: citusUrl, dataDir: '' });
}
await migrateToLatest(citus.db, { shardCount: SHARDS });
await addOfficialSession(citus.db);
const { rows: shardRows } = await sql<{ shards: number; nodes: number }>`
  select count(*)::int as shards, count(distinct nodeport)::int as nodes from citus_shards
  where table_name = 'enterprises'::regclass`.execute(citus.db);
const shards = shardRows[0]?.shards ?? 0;

// ---- matching on both ----------------------------------------------------------------------------------------
interface MatchFigures {
  first: number;
  rerun: number;
  matched: number;
  added: number;
  due: DueSteps;
}
async function measureMatching(db: Kysely<Database>): Promise<MatchFigures> {
  await publishBenchPolicies(db, POLICIES);
  await sql`analyze`.execute(db);
  let started = performance.now();
  const first = await matchPolicies(db, null, { all: true }, DATE, { lanes: 2 });
  const firstSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  // The re-run as `huiqi match --all` makes it: it records the day it covered, so the due run next day is one.
  const second = await matchAll(db, DATE, { lanes: 2 });
  const rerun = (performance.now() - started) / 1000;
  // Issue 21's steps (the next day's due run, 1% changed, the busiest policy amended), the same on both.
  const due = await runDueSteps(db, 2);
  return { first: firstSeconds, rerun, matched: first.matched, added: first.added + second.added, due };
}
console.log('Matching on the single PostgreSQL…');
const pgMatching = await measureMatching(single.db);
console.log('Matching on Citus…');
const citusMatching = await measureMatching(citus.db);

// The scan of one chunk of 100 policies on Citus, explained and run (then rolled back): its plan, and each
// shard's task time (citus.explain_all_tasks), tasks run one at a time per worker — what a projection to more
// workers divides.
const versions = (await publishedVersions(citus.db)).slice(0, 100);
const explained = await citus.db
  .transaction()
  .execute(async (trx) => {
    await sql`set local citus.explain_all_tasks = on`.execute(trx);
    // One connection per worker: each worker runs its shards' tasks one after another, so a task's time is its
    // own work, not its wait for a core the other 15 tasks of its worker share.
    await sql`set local citus.max_adaptive_executor_pool_size = 1`.execute(trx);
    const { rows } = await sql<{ 'QUERY PLAN': string }>`explain (analyze, costs off, timing on, summary on)
      ${candidatePairs(versions, { all: true }, DATE)}`.execute(trx);
    const { rows: stale } = await sql<{ 'QUERY PLAN': string }>`explain (costs off)
      delete from policy_matches m where m.policy_id = any(${versions.map((v) => v.id)}::int[])
        and not exists (select 1 from policy_match_candidates f
          where f.enterprise_id = m.enterprise_id and f.policy_id = m.policy_id)`.execute(trx);
    throw Object.assign(new Error('rollback'), {
      plan: rows.map((r) => r['QUERY PLAN']),
      stale: stale.map((r) => r['QUERY PLAN']),
    });
  })
  .catch((error: { plan?: string[]; stale?: string[] }) => {
    if (!error.plan || !error.stale) throw error;
    return { plan: error.plan, stale: error.stale };
  });
const taskTimes = explained.plan
  .filter((line) => /^\s+Execution Time:/.test(line) && /^\s{10,}/.test(line))
  .map((line) => Number(line.replace(/.*Execution Time: ([\d.]+) ms.*/, '$1')));
const totalLine = explained.plan.find((line) => /^Execution Time:/.test(line));
const chunkMs = totalLine ? Number(totalLine.replace(/.*Execution Time: ([\d.]+) ms.*/, '$1')) : Number.NaN;

await single.close();
await citus.close();

// ---- the province's enterprise list over HTTP ----------------------------------------------------------------
async function measureList(databaseUrl: string) {
  const server = await startChild(
    ['--import', 'tsx', 'bench/list-server.ts'],
    {
      HUIQI_MODE: 'development',
      HUIQI_WEB_DIR: '/nonexistent',
      HUIQI_DEMO: 'false',
      HUIQI_LOGIN_RATE_PER_MINUTE: '10000',
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
    },
    /LISTENING (http:\/\/\S+ http:\/\/\S+)/,
  );
  const [appUrl] = server.url.split(' ') as [string, string];
  try {
    const cookie = `${SESSION_COOKIE}=${SESSION_TOKEN}`;
    const list = await timeRequests(`${appUrl}/api/enterprises`, cookie, REQUESTS, 120_000);
    const home = await timeRequests(`${appUrl}/api/home`, cookie, REQUESTS, 120_000);
    return { list, home };
  } finally {
    await stopChild(server.child);
  }
}
console.log('The province’s enterprise list over HTTP…');
const pgList = await measureList(pgUrl);
const citusList = await measureList(citusUrl);

// ---- the figures ---------------------------------------------------------------------------------------------
const ratio = (a: number, b: number) => `${(b / a).toFixed(2)}×`;
console.log('\nThe distributed plan of matching’s scan (one chunk of 100 policies; one task per shard):');
console.log(
  explained.plan
    .filter(
      (line) =>
        (!/^\s{10,}/.test(line) || /Task|Node:|Insert on|Seq Scan on|Hash|Join/.test(line)) &&
        !/ c_\d+ /.test(line),
    )
    .slice(0, 24)
    .map((line) => `  ${line}`)
    .join('\n'),
);
console.log('  …');
console.log('\nThe plan of the lost matches’ deletion:');
console.log(
  explained.stale
    .slice(0, 14)
    .map((line) => `  ${line}`)
    .join('\n'),
);
const sum = taskTimes.reduce((a, b) => a + b, 0);
const max = Math.max(...taskTimes);
console.log(
  `\nThe scan of one chunk: ${chunkMs.toFixed(0)} ms in all, ${taskTimes.length} shard tasks: sum ${sum.toFixed(0)} ms, ` +
    `mean ${(sum / Math.max(1, taskTimes.length)).toFixed(0)} ms, longest ${max.toFixed(0)} ms.`,
);
// A paper projection (ADR 0025): the shard tasks spread over W workers of 2 cores each, the coordinator's own
// share (the whole minus the tasks, run one at a time on each of the two workers here) unchanged.
const coordinatorMs = Math.max(0, chunkMs - sum / workers.length);
for (const w of [8, 32]) {
  const lanes = w * 2;
  const waves = Math.ceil(taskTimes.length / lanes);
  console.log(
    `  projected for ${w} workers (2 cores each): ${(coordinatorMs + waves * max).toFixed(0)} ms per chunk of this data ` +
      `(${waves} wave${waves > 1 ? 's' : ''} of the longest task); a registry ${w / 2}× as large at the same per-shard size: ` +
      `${(coordinatorMs + Math.ceil((taskTimes.length * (w / 2)) / lanes) * max).toFixed(0)} ms`,
  );
}

console.log(
  `\n${enterprises.toLocaleString('en')} enterprises × ${POLICIES} policies on ${DATE}; Citus: ${workers.length} workers, ` +
    `${shards} shards, on the same 2-core machine as the single PostgreSQL.\n`,
);
const row = (label: string, a: string, b: string, r: string, target: string) =>
  console.log(`${label.padEnd(44)} ${a.padStart(14)} ${b.padStart(14)} ${r.padStart(8)}  ${target}`);
row('', 'PostgreSQL', 'Citus', 'ratio', 'target');
row(
  'matching, first run (all new), s',
  pgMatching.first.toFixed(1),
  citusMatching.first.toFixed(1),
  ratio(pgMatching.first, citusMatching.first),
  '≤ 2×',
);
row(
  'matching, re-run (nothing changed), s',
  pgMatching.rerun.toFixed(1),
  citusMatching.rerun.toFixed(1),
  ratio(pgMatching.rerun, citusMatching.rerun),
  '≤ 2×',
);
row('matches found (must be equal)', String(pgMatching.matched), String(citusMatching.matched), '', '');
for (const [label, of, target] of [
  ["next day's due run, nothing changed, s", (f: MatchFigures) => f.due.quiet.seconds, '≤ 1 s'],
  ['1% of enterprises changed, s', (f: MatchFigures) => f.due.onePercent.seconds, '≤ 3 s'],
  ['busiest policy amended, s', (f: MatchFigures) => f.due.amended.seconds, '≤ 5 s'],
] as const)
  row(
    label,
    of(pgMatching).toFixed(2),
    of(citusMatching).toFixed(2),
    ratio(of(pgMatching), of(citusMatching)),
    target,
  );
row(
  'amended policy: matches kept / removed',
  `${pgMatching.due.amended.result.matched} / ${pgMatching.due.amended.result.removed}`,
  `${citusMatching.due.amended.result.matched} / ${citusMatching.due.amended.result.removed}`,
  '',
  'equal',
);
row(
  'province list, first page: p50 / p99 ms',
  `${pgList.list.p50.toFixed(1)} / ${pgList.list.p99.toFixed(1)}`,
  `${citusList.list.p50.toFixed(1)} / ${citusList.list.p99.toFixed(1)}`,
  ratio(pgList.list.p99, citusList.list.p99),
  '≤ 2× (p99)',
);
row(
  'province home page: p50 / p99 ms',
  `${pgList.home.p50.toFixed(1)} / ${pgList.home.p99.toFixed(1)}`,
  `${citusList.home.p50.toFixed(1)} / ${citusList.home.p99.toFixed(1)}`,
  ratio(pgList.home.p99, citusList.home.p99),
  '',
);
const met =
  citusMatching.first <= 2 * pgMatching.first &&
  citusMatching.matched === pgMatching.matched &&
  citusMatching.due.amended.result.matched === pgMatching.due.amended.result.matched &&
  citusList.list.p99 <= 2 * pgList.list.p99 &&
  taskTimes.length === shards;
console.log(met ? '\nTARGET MET' : '\nTARGET NOT MET');
