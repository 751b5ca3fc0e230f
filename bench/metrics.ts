/**
 * Figure: the cost of one scrape of `/metrics` (ADR 0022) with a job table of long history (100,000 finished jobs)
 * and a queue of 200, beside the peer from the same run: rendering prom-client's default process metrics alone
 * (what any Node service pays), and one `select 1` round trip as the yardstick of the machine's load (a scrape reads
 * the database four times). Also the cost a request pays for its latency sample.
 * Usage: npx tsx bench/metrics.ts            (embedded PGlite, in memory)
 *        BENCH_DATABASE_URL=postgres://… npx tsx bench/metrics.ts --pg
 */
import { sql } from 'kysely';
import pg from 'pg';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { buildMetricsApp, createMetrics } from '../src/server/metrics.ts';

const onPostgres = process.argv.includes('--pg');
let databaseUrl: string | null = null;
if (onPostgres) {
  const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query('drop database if exists huiqi_bench_metrics with (force)');
  await admin.query('create database huiqi_bench_metrics');
  await admin.end();
  const url = new URL(base);
  url.pathname = '/huiqi_bench_metrics';
  databaseUrl = url.toString();
}
const handle = await openDatabase({ databaseUrl });
await migrateToLatest(handle.db);
const kinds = [
  'policy-match',
  'enterprise-match',
  'notification-delivery',
  'case-supervision',
  'session-purge',
];
await sql`
  insert into jobs (kind, payload, status, run_after, finished_at)
  select (${kinds}::text[])[1 + g % 5], '{}', case when g % 10 = 0 then 'failed' else 'succeeded' end,
    now() - make_interval(secs => g), now() - make_interval(secs => g)
  from generate_series(1, 100000) g`.execute(handle.db);
await sql`
  insert into jobs (kind, payload, status, run_after)
  select (${kinds}::text[])[1 + g % 5], '{}', 'queued', now() - make_interval(secs => g)
  from generate_series(1, 200) g`.execute(handle.db);
await sql`analyze jobs`.execute(handle.db);

const metrics = createMetrics(handle);
const app = await buildMetricsApp(metrics);
const routes = ['/api/enterprises', '/api/enterprises/:id', '/api/cases', '/api/cases/:id', '/healthz'];
for (let i = 0; i < 10_000; i++)
  metrics.observeRequest(
    i % 7 ? 'GET' : 'POST',
    routes[i % 5] as string,
    i % 13 ? 200 : 404,
    (i % 100) / 1000,
  );

const peer = new Registry();
collectDefaultMetrics({ register: peer });

/** Median and 95th percentile of `runs` timed calls, in ms, after a warm-up. */
async function time(fn: () => Promise<unknown>, runs = 60): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
  return { p50: at(0.5), p95: at(0.95) };
}

const ours = await time(() => app.inject({ method: 'GET', url: '/metrics' }));
const rendering = await time(() => metrics.registry.metrics());
const theirs = await time(() => peer.metrics());
const roundTrip = await time(() => sql`select 1`.execute(handle.db));
const body = (await app.inject({ method: 'GET', url: '/metrics' })).body;
const observations = 200_000;
const started = performance.now();
for (let i = 0; i < observations; i++)
  metrics.observeRequest('GET', routes[i % 5] as string, 200, (i % 100) / 1000);
const perObservation = ((performance.now() - started) * 1000) / observations;

console.log(`engine: ${handle.kind}; jobs: 100,000 finished + 200 queued`);
console.log('| what | p50 ms | p95 ms |');
console.log('| --- | ---: | ---: |');
console.log(
  `| GET /metrics (ours: queues, pool, audit head, ${body.length} bytes) | ${ours.p50.toFixed(2)} | ${ours.p95.toFixed(2)} |`,
);
console.log(
  `| of which rendering our registry (no database read) | ${rendering.p50.toFixed(2)} | ${rendering.p95.toFixed(2)} |`,
);
console.log(
  `| peer: default process metrics rendered alone | ${theirs.p50.toFixed(2)} | ${theirs.p95.toFixed(2)} |`,
);
console.log(
  `| yardstick: one \`select 1\` round trip | ${roundTrip.p50.toFixed(2)} | ${roundTrip.p95.toFixed(2)} |`,
);
console.log(`latency sample per request: ${perObservation.toFixed(2)} µs`);
await app.close();
await handle.close();
