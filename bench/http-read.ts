/**
 * Figure: a public read route served from the database, ≥ 2,000 req/s with p99 ≤ 20 ms on PostgreSQL, beside
 * the ceiling (a bare Fastify route returning a constant) measured in the same run with the same load.
 *
 * The server runs in its own process (one core), autocannon in this one (the other core).
 * Usage: npm run bench:http [-- --seconds 10 --connections 10]   (DATABASE_URL defaults to the local `test` server)
 */
import pg from 'pg';
import { type LoadResult, load, printTable, startChild, stopChild } from './lib.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seconds = option('seconds', 10);
const connections = option('connections', 10);
const baseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const benchDb = 'huiqi_bench_http';

const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
await admin.query(`drop database if exists ${benchDb} with (force)`);
await admin.query(`create database ${benchDb}`);
await admin.end();
const url = new URL(baseUrl);
url.pathname = `/${benchDb}`;

const env = {
  HUIQI_MODE: 'development',
  HUIQI_WEB_DIR: '/nonexistent',
  PORT: '0',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
};
const ours = await startChild(
  ['bin/huiqi.js', 'serve'],
  { ...env, DATABASE_URL: url.toString() },
  /running at (http:\/\/\S+)/,
);
const ceiling = await startChild(
  ['--import', 'tsx', 'bench/ceiling-server.ts'],
  {},
  /LISTENING (http:\/\/\S+)/,
);

try {
  // Warm up both (JIT, connection pool).
  await load('warm-up', `${ours.url}/api/regions/320583`, 2, connections);
  await load('warm-up', `${ceiling.url}/constant`, 2, connections);
  const rows: LoadResult[] = [];
  rows.push(
    await load('ceiling: bare Fastify, constant JSON', `${ceiling.url}/constant`, seconds, connections),
  );
  rows.push(
    await load(
      'huiqi: GET /api/regions/320583 (PostgreSQL)',
      `${ours.url}/api/regions/320583`,
      seconds,
      connections,
    ),
  );
  rows.push(
    await load(
      'huiqi: GET /api/regions?parent=320500 (PostgreSQL)',
      `${ours.url}/api/regions?parent=320500`,
      seconds,
      connections,
    ),
  );
  console.log(
    `\nHTTP read benchmark: ${connections} connections, ${seconds} s each, log level ${env.LOG_LEVEL}`,
  );
  printTable(rows);
  const route = rows[1] as LoadResult;
  const ceilingRow = rows[0] as LoadResult;
  console.log(
    `\nOne-row public read: ${route.requestsPerSecond} req/s (target ≥ 2000), p99 ${route.p99} ms (target ≤ 20); ` +
      `${Math.round((100 * route.requestsPerSecond) / ceilingRow.requestsPerSecond)}% of the ceiling's ${ceilingRow.requestsPerSecond} req/s.`,
  );
  const ok = route.requestsPerSecond >= 2000 && route.p99 <= 20 && route.errors + route.non2xx === 0;
  console.log(ok ? 'TARGET MET' : 'TARGET NOT MET');
} finally {
  await stopChild(ours.child);
  await stopChild(ceiling.child);
}
