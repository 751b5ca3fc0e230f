/**
 * The migrated template database every test file starts from. Built once per run by the global setup:
 * a PGlite data directory of the run's own (so two runs at once do not clobber each other's), or a PostgreSQL
 * database `huiqi_template` when HUIQI_TEST_DATABASE_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';

/** Where test databases live: one directory per run (`run-<pid>-<random>`), its template and per-file copies. */
export const TEST_ROOT = path.resolve(import.meta.dirname, '../../.huiqi-test');

/** A run's directory; its PGlite template is `<dir>/template`. */
export function templateDirOf(runDir: string): string {
  return path.join(runDir, 'template');
}

/** Whether a process is alive (a run directory of a dead one is left over). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
/**
 * Prefix of this run's PostgreSQL databases (`HUIQI_TEST_PG_PREFIX`, default `huiqi`): two runs with different
 * prefixes can share one server without dropping each other's databases.
 */
export const PG_PREFIX = /^[a-z][a-z0-9_]{0,30}$/.test(process.env.HUIQI_TEST_PG_PREFIX ?? '')
  ? (process.env.HUIQI_TEST_PG_PREFIX as string)
  : 'huiqi';

/** Name of the PostgreSQL template database. */
export const PG_TEMPLATE = `${PG_PREFIX}_template`;

/** A connection string to another database on the same server. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Builds the template for the engine in use; returns the run's directory (PGlite) or '' (PostgreSQL). */
export async function buildTemplate(): Promise<string> {
  const url = process.env.HUIQI_TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // Leftover databases of interrupted runs.
      const stale = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1 or datname = $2`,
        [`${PG_PREFIX}\\_t\\_%`, PG_TEMPLATE],
      );
      for (const row of stale.rows)
        await admin.query(`drop database if exists "${row.datname}" with (force)`);
      await admin.query(`create database ${PG_TEMPLATE}`);
    } finally {
      await admin.end();
    }
    const handle = await openDatabase({ databaseUrl: withDatabase(url, PG_TEMPLATE), poolSize: 1 });
    await migrateToLatest(handle.db);
    await handle.close();
    return '';
  }
  mkdirSync(TEST_ROOT, { recursive: true });
  for (const entry of readdirSync(TEST_ROOT)) {
    const pid = Number(/^run-(\d+)-/.exec(entry)?.[1]);
    if (!pid || !alive(pid)) rmSync(path.join(TEST_ROOT, entry), { recursive: true, force: true });
  }
  const runDir = path.join(TEST_ROOT, `run-${process.pid}-${randomBytes(4).toString('hex')}`);
  const handle = await openDatabase({ dataDir: templateDirOf(runDir) });
  await migrateToLatest(handle.db);
  await handle.close();
  return runDir;
}
