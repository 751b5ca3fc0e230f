/**
 * The migrated template database every test file starts from. Built once per run by the global setup:
 * a dumped PGlite data directory, or a PostgreSQL database `huiqi_template` when HUIQI_TEST_DATABASE_URL is set.
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';

/** Where test databases live: the PGlite template directory and the per-file copies. */
export const TEST_ROOT = path.resolve(import.meta.dirname, '../../.huiqi-test');
/** The PGlite template data directory. */
export const TEMPLATE_DIR = path.join(TEST_ROOT, 'template');
/** Name of the PostgreSQL template database. */
export const PG_TEMPLATE = 'huiqi_template';

/** A connection string to another database on the same server. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Builds the template for the engine in use. */
export async function buildTemplate(): Promise<void> {
  const url = process.env.HUIQI_TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // Leftover databases of interrupted runs.
      const stale = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'huiqi_t_%' or datname = $1`,
        [PG_TEMPLATE],
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
    return;
  }
  rmSync(TEST_ROOT, { recursive: true, force: true });
  mkdirSync(TEST_ROOT, { recursive: true });
  const handle = await openDatabase({ dataDir: TEMPLATE_DIR });
  await migrateToLatest(handle.db);
  await handle.close();
}
