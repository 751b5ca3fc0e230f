/**
 * Test databases on a Citus cluster (issue 20, ADR 0025), selected by `HUIQI_TEST_CITUS_WORKERS` (host:port of
 * each worker, comma-separated) beside `HUIQI_TEST_DATABASE_URL` (the coordinator). Each test file's database is
 * cloned on the coordinator from the plain migrated template (a template holding the citus extension cannot be
 * cloned: Citus's maintenance daemon stays connected to it), then created on every worker, given the extension on
 * every node, the workers added, and the tables distributed as the classes say.
 */
import pg from 'pg';
import { openDatabase } from '../../src/server/db/database.ts';
import { distributeTables } from '../../src/server/db/distribute.ts';
import { withDatabase } from './template.ts';

/** The workers of the Citus cluster the suite runs on, or none (plain PostgreSQL or PGlite). */
export const CITUS_WORKERS: { host: string; port: number }[] = (process.env.HUIQI_TEST_CITUS_WORKERS ?? '')
  .split(',')
  .filter((w) => w.trim() !== '')
  .map((w) => {
    const [host, port] = w.trim().split(':');
    if (!host || !Number(port)) throw new Error(`HUIQI_TEST_CITUS_WORKERS: "${w}" is not host:port`);
    return { host, port: Number(port) };
  });

/** A connection string for a database of the same name on a worker (same user as the coordinator's URL). */
function onWorker(url: string, worker: { host: string; port: number }, name: string): string {
  const parsed = new URL(withDatabase(url, name));
  parsed.hostname = worker.host;
  parsed.port = String(worker.port);
  return parsed.toString();
}

async function run(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** How a test's Citus database is made. */
export interface CitusOptions {
  /**
   * The port each worker is registered with, by the worker's own port (a worker left out: its own). The fault
   * tests register workers behind proxies of their own, which they cut to stop a worker (test/citus); each
   * worker's database is still created on the worker itself.
   */
  nodePorts?: ReadonlyMap<number, number>;
  /**
   * `false`: the tables stay plain on the coordinator (the extension and the workers there all the same). A
   * migration's round trip runs down(), which is refused on distributed tables (migrate.ts); such a test
   * distributes them itself once back at the latest migration, as `huiqi migrate` would.
   */
  distribute?: boolean;
}

/** Makes the coordinator's new database `name` (already cloned) a Citus cluster database, tables distributed. */
export async function citusify(url: string, name: string, options: CitusOptions = {}): Promise<void> {
  const coordinator = new URL(url);
  const portOf = (worker: { port: number }) => options.nodePorts?.get(worker.port) ?? worker.port;
  for (const worker of CITUS_WORKERS) {
    await run(onWorker(url, worker, 'postgres'), [`create database ${name}`]);
    await run(onWorker(url, worker, name), ['create extension citus']);
  }
  await run(withDatabase(url, name), [
    'create extension citus',
    `select citus_set_coordinator_host('${coordinator.hostname}', ${Number(coordinator.port) || 5432})`,
    ...CITUS_WORKERS.map((w) => `select citus_add_node('${w.host}', ${portOf(w)})`),
  ]);
  if (options.distribute === false) return;
  const handle = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 1 });
  try {
    await distributeTables(handle.db, 4);
  } finally {
    await handle.close();
  }
}

/** Drops the database `name` on every worker (the coordinator's is dropped by the caller). */
export async function dropOnWorkers(url: string, name: string): Promise<void> {
  for (const worker of CITUS_WORKERS)
    await run(onWorker(url, worker, 'postgres'), [`drop database if exists ${name} with (force)`]);
}
