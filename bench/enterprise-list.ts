/**
 * Figures of issue 11 (finding 4): with 1,000,000 enterprises on PostgreSQL,
 * - the province official's enterprise list (first page, default sort) and the home page: p99 ≤ 50 ms;
 * - a name search (a Chinese name fragment; pinyin initials; a USCC prefix): p99 ≤ 150 ms.
 * Ours is the route itself over HTTP; the peer, from the same run on the same data, is the plain query it
 * replaces (the previous list/home code, kept below: OFFSET paging, an exact count(*) over the region, the home
 * counts grouped from the enterprises), served by the same server process on a route of its own. Both are
 * measured one request at a time (p50/p99) and under load with autocannon.
 *
 * Loads its data once into the database `huiqi_bench_list` (the demo data, then the generated enterprises of
 * bench/generate-enterprises.ts by COPY, a size class each for 2025) and keeps it between runs while it holds
 * the right count; `--rebuild` starts afresh.
 * Usage: npm run bench:list [-- --rows 1000000 --requests 200 --seconds 10 --connections 10 --rebuild]
 */
import os from 'node:os';
import { pipeline } from 'node:stream/promises';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { Database } from '../src/server/db/schema.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/server/modules/demo/index.ts';
import {
  nameInitials,
  rebuildEnterpriseCounts,
  rebuildSizeStats,
  searchTerms,
} from '../src/server/modules/registry/index.ts';
import { enterpriseRecords } from './generate-enterprises.ts';
import {
  type LoadResult,
  load,
  numberOption,
  printTable,
  signIn,
  startChild,
  stopChild,
  timeRequests,
} from './lib.ts';

const args = process.argv.slice(2);
const option = numberOption;
const ROWS = option('rows', 1_000_000);
const REQUESTS = option('requests', 200);
const SECONDS = option('seconds', 10);
const CONNECTIONS = option('connections', 10);
const REBUILD = args.includes('--rebuild');
const LOAD_ONLY = args.includes('--load-only');
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BENCH_DB = 'huiqi_bench_list';
const url = new URL(base);
url.pathname = `/${BENCH_DB}`;

/** Creates the database when missing (or afresh with --rebuild). */
async function ensureDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  if (REBUILD) await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
  const { rows } = await admin.query('select 1 from pg_database where datname = $1', [BENCH_DB]);
  if (rows.length === 0) await admin.query(`create database ${BENCH_DB}`);
  await admin.end();
}

/** A text-format COPY field: backslashes, tabs and newlines escaped. */
function copyText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

/** An array literal for COPY: every element quoted. */
function copyArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\\\\\').replace(/"/g, '\\\\"')}"`).join(',')}}`;
}

/** Loads the generated enterprises with COPY, then a 2025 size class for each and the roll-ups. */
async function loadEnterprises(db: Kysely<Database>): Promise<void> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(
      `delete from enterprise_sizes where enterprise_id in (select id from enterprises where not is_demo)`,
    );
    const copy = client.query(
      copyFrom(
        'copy enterprises (uscc, name, region_code, industry_code, established_on, name_initials, search_terms) from stdin',
      ),
    );
    async function* lines() {
      let chunk = '';
      for (const e of enterpriseRecords(ROWS)) {
        chunk += `${e.uscc}\t${copyText(e.name)}\t${e.region}\t${e.division}\t${e.established}\t${nameInitials(e.name)}\t${copyArray(searchTerms(e.name, []))}\n`;
        if (chunk.length > 1 << 16) {
          yield chunk;
          chunk = '';
        }
      }
      yield chunk;
    }
    await pipeline(lines, copy);
  } finally {
    await client.end();
  }
  console.log(
    `  COPY of ${ROWS.toLocaleString('en')} enterprises: ${Math.round(performance.now() - started)} ms`,
  );
  // The USCC lookup the registry's writes keep (ADR 0025).
  await sql`
    insert into enterprise_usccs (uscc, enterprise_id) select uscc, id from enterprises where not is_demo
    on conflict do nothing`.execute(db);
  await sql`
    insert into enterprise_sizes (enterprise_id, year, standard, size, category, reason_zh, reason_en)
    select id, 2025, 'cn-2011', (array['micro','micro','micro','small','small','medium','large'])[1 + id % 7], null, '', ''
    from enterprises where not is_demo
    on conflict do nothing`.execute(db);
  await rebuildSizeStats(db, [2025]);
  await rebuildEnterpriseCounts(db);
  await sql`vacuum analyze enterprises`.execute(db);
  await sql`vacuum analyze enterprise_sizes`.execute(db);
  console.log(`  loaded in ${Math.round((performance.now() - started) / 1000)} s`);
}

await ensureDatabase();
{
  const handle = await openDatabase({ databaseUrl: url.toString() });
  const db = handle.db;
  await migrateToLatest(db);
  const { rows: users } = await sql<{ n: number }>`select count(*)::int as n from users`.execute(db);
  if ((users[0]?.n ?? 0) === 0) await seedDemo(db);
  const { rows: counted } = await sql<{ n: number }>`
    select count(*)::int as n from enterprises where not is_demo`.execute(db);
  if ((counted[0]?.n ?? 0) !== ROWS) {
    if ((counted[0]?.n ?? 0) !== 0) {
      await handle.close();
      console.error(
        `${BENCH_DB} holds ${counted[0]?.n} generated enterprises, not ${ROWS}: run with --rebuild.`,
      );
      process.exit(1);
    }
    console.log(`Loading ${ROWS.toLocaleString('en')} enterprises into ${BENCH_DB}…`);
    await loadEnterprises(db);
  } else {
    // Data kept from an earlier run: the roll-up must agree with it (a migration may have just created it).
    const { rows: check } = await sql<{ rollup: number; enterprises: number }>`
      select (select coalesce(sum(enterprises), 0)::int from enterprise_counts) as rollup,
        (select count(*)::int from enterprises) as enterprises`.execute(db);
    if (check[0]?.rollup !== check[0]?.enterprises) await rebuildEnterpriseCounts(db);
  }
  await handle.close();
}
if (LOAD_ONLY) process.exit(0);

// ---- measure over HTTP -------------------------------------------------------------------------------------
const server = await startChild(
  ['--import', 'tsx', 'bench/list-server.ts'],
  {
    HUIQI_MODE: 'development',
    HUIQI_WEB_DIR: '/nonexistent',
    HUIQI_DEMO: 'false',
    HUIQI_LOGIN_RATE_PER_MINUTE: '10000',
    DATABASE_URL: url.toString(),
    LOG_LEVEL: 'silent',
  },
  /LISTENING (http:\/\/\S+ http:\/\/\S+)/,
);
const [appUrl, peerUrl] = server.url.split(' ') as [string, string];

/** Waits until no query runs in the benchmark database (what a peer left running has ended). */
async function quiet(): Promise<void> {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query(
        `select count(*)::int as n from pg_stat_activity where datname = $1 and state = 'active' and pid <> pg_backend_pid()`,
        [BENCH_DB],
      );
      if (rows[0].n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await client.end();
  }
}

/** p50/p99 of one request at a time of a path of ours (`/api/…`) or the peer's (`/bench/…`). */
const oneAtATime = (path: string, cookie: string, requests: number, budgetMs = 30_000) =>
  timeRequests(`${path.startsWith('/bench/') ? peerUrl : appUrl}${path}`, cookie, requests, budgetMs);

const q = (text: string) => encodeURIComponent(text);
/** The province official's region, given to the peer in the query string. */
const PROVINCE = 'code=320000&prefix=32';
const CASES: { label: string; target: number; ours: string; peer: string }[] = [
  {
    label: 'list, first page (default sort)',
    target: 50,
    ours: '/api/enterprises',
    peer: `/bench/peer/enterprises?${PROVINCE}`,
  },
  { label: 'home page', target: 50, ours: '/api/home', peer: `/bench/peer/home?${PROVINCE}` },
  {
    label: 'search 恒通 (a trade name)',
    target: 150,
    ours: `/api/enterprises?q=${q('恒通')}`,
    peer: `/bench/peer/enterprises?${PROVINCE}&q=${q('恒通')}`,
  },
  {
    label: 'search 昆山恒通 (place + trade name)',
    target: 150,
    ours: `/api/enterprises?q=${q('昆山恒通')}`,
    peer: `/bench/peer/enterprises?${PROVINCE}&q=${q('昆山恒通')}`,
  },
  {
    label: 'search 科技 (in 1 name of 16)',
    target: 150,
    ours: `/api/enterprises?q=${q('科技')}`,
    peer: `/bench/peer/enterprises?${PROVINCE}&q=${q('科技')}`,
  },
  {
    label: 'search htkj (pinyin initials)',
    target: 150,
    ours: '/api/enterprises?q=htkj',
    peer: `/bench/peer/enterprises?${PROVINCE}&q=htkj`,
  },
  {
    label: 'search 91320583 (USCC prefix)',
    target: 150,
    ours: '/api/enterprises?q=91320583',
    peer: `/bench/peer/enterprises?${PROVINCE}&q=91320583`,
  },
];
console.log('Measuring one request at a time…');
const single: {
  label: string;
  target: number;
  ours: Awaited<ReturnType<typeof oneAtATime>>;
  peer: Awaited<ReturnType<typeof oneAtATime>>;
}[] = [];
const loaded: LoadResult[] = [];
try {
  const cookie = await signIn(appUrl, 'official.province', DEMO_PASSWORD);
  for (const c of CASES) {
    const ours = await oneAtATime(c.ours, cookie, REQUESTS, 120_000);
    await quiet();
    const peer = await oneAtATime(c.peer, cookie, REQUESTS);
    await quiet();
    single.push({ label: c.label, target: c.target, ours, peer });
    console.log(`  ${c.label}: ours p99 ${ours.p99.toFixed(1)} ms, peer p99 ${peer.p99.toFixed(1)} ms`);
  }
  // Under load: ours first, then the peers (a peer's queries outlive the clients that gave up on them).
  for (const c of CASES.slice(0, 3)) {
    await quiet();
    loaded.push(await load(`huiqi: ${c.label}`, `${appUrl}${c.ours}`, SECONDS, CONNECTIONS, { cookie }));
  }
  for (const c of CASES.slice(0, 3)) {
    await quiet();
    loaded.push(await load(`peer:  ${c.label}`, `${peerUrl}${c.peer}`, SECONDS, CONNECTIONS, { cookie }));
  }
} finally {
  await stopChild(server.child);
}

console.log(
  `\n${ROWS.toLocaleString('en')} generated enterprises (+ demo) in PostgreSQL, all in 江苏省; signed in as its province official.`,
);
console.log(
  `One request at a time (${REQUESTS} each, fewer — at least 5 — for a peer slower than 30 s in all); the peer is the query it replaces, same process, same data.\n`,
);
console.log(
  `${'request'.padEnd(40)} ${'ours p50'.padStart(9)} ${'ours p99'.padStart(9)} ${'peer p50'.padStart(9)} ${'peer p99'.padStart(9)}  ${'target'.padStart(6)}  total (ours / peer)`,
);
for (const r of single) {
  const total = (b: (typeof r.ours)['body']) =>
    typeof b.total !== 'number' ? '—' : `${b.totalIsEstimate ? '~' : ''}${b.total.toLocaleString('en')}`;
  console.log(
    `${r.label.padEnd(40)} ${r.ours.p50.toFixed(1).padStart(9)} ${r.ours.p99.toFixed(1).padStart(9)} ${r.peer.p50.toFixed(1).padStart(9)} ${r.peer.p99.toFixed(1).padStart(9)}  ${`≤${r.target}`.padStart(6)}  ${total(r.ours.body)} / ${total(r.peer.body)} (peer n=${r.peer.requests})  ${r.ours.p99 <= r.target ? 'met' : 'NOT MET'}`,
  );
}
console.log(`\nUnder load: ${CONNECTIONS} connections, ${SECONDS} s each (ms)`);
const loadAverage = os.loadavg()[0] ?? 0;
printTable(loaded);
console.log(
  `\nMachine load average at the end: ${loadAverage.toFixed(1)} on ${os.cpus().length} cores (shared).`,
);
