/** A fresh, migrated database for one test file, cloned from the template (PostgreSQL ~0.1 s, PGlite ~1 s). */
import { randomBytes } from 'node:crypto';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/server/db/database.ts';
import { CITUS_WORKERS, type CitusOptions, citusify, dropOnWorkers } from './citus.ts';
import { PG_PREFIX, PG_TEMPLATE, templateDirOf, withDatabase } from './template.ts';

/** A fresh database that is not open yet: the environment to reach it, and how to remove it. */
export interface TestDatabaseLocation {
  env: { DATABASE_URL: string } | { HUIQI_DATA_DIR: string };
  open(): Promise<DatabaseHandle>;
  remove(): Promise<void>;
}

/** What kind of test database to make on a Citus run (any other run ignores it). */
export interface TestDatabaseOptions {
  /**
   * On a Citus run: how the database is made a Citus one (its workers added, its tables distributed), or
   * `false` for a plain PostgreSQL database on the coordinator's server, to compare the two in one test.
   */
  citus?: CitusOptions | false;
}

/** Clones the template into a new database and says where it is. */
export async function createTestDatabaseLocation(
  options: TestDatabaseOptions = {},
): Promise<TestDatabaseLocation> {
  const url = process.env.HUIQI_TEST_DATABASE_URL;
  if (url) {
    const name = `${PG_PREFIX}_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${PG_TEMPLATE}`);
    await admin.end();
    const citus = CITUS_WORKERS.length > 0 && options.citus !== false;
    if (citus) await citusify(url, name, options.citus || {});
    const databaseUrl = withDatabase(url, name);
    return {
      env: { DATABASE_URL: databaseUrl },
      open: () => openDatabase({ databaseUrl, poolSize: 5 }),
      remove: async () => {
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        // A closed pool's connections may still be saying goodbye: wait for them rather than cut them off
        // (a connection terminated while it ends raises an error nobody listens to any more).
        for (let attempt = 0; ; attempt++) {
          try {
            // Citus's maintenance daemon stays connected to a database with the extension: always forced there.
            const force = attempt >= 100 || citus;
            await dropper.query(`drop database if exists ${name}${force ? ' with (force)' : ''}`);
            break;
          } catch (error) {
            if ((error as { code?: string }).code !== '55006' || attempt >= 100) throw error;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        }
        await dropper.end();
        if (citus) await dropOnWorkers(url, name);
      },
    };
  }
  // A copy of the template's data directory: faster to start than loading a dump into memory.
  const runDir = inject('testRunDir');
  const dir = path.join(runDir, `db-${process.pid}-${randomBytes(4).toString('hex')}`);
  cpSync(templateDirOf(runDir), dir, { recursive: true });
  return {
    env: { HUIQI_DATA_DIR: dir },
    open: () => openDatabase({ dataDir: dir }),
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Opens a fresh database; `close()` also removes it. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<DatabaseHandle> {
  const location = await createTestDatabaseLocation(options);
  const handle = await location.open();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await location.remove();
    },
  };
}

/**
 * Resolves once a session of this database waits for a lock (PostgreSQL), so that a test releases the holder only
 * when the waiter is surely blocked on it. On PGlite one session runs everything in turn: nothing ever waits on a
 * lock, and the waiter simply runs after the holder, so there is nothing to wait for. `signal` stops the watch (a
 * test racing it against what must not wait); it then never resolves.
 */
export async function untilASessionWaitsForALock(
  handle: DatabaseHandle,
  signal?: AbortSignal,
): Promise<void> {
  if (handle.kind !== 'postgres') return;
  // A Citus run may also make plain PostgreSQL databases (TestDatabaseOptions), without the extension.
  const citus =
    CITUS_WORKERS.length > 0 &&
    (
      await sql<{ citus: boolean }>`
        select exists (select 1 from pg_extension where extname = 'citus') as citus`.execute(handle.db)
    ).rows[0]?.citus;
  for (;;) {
    if (signal?.aborted) return new Promise<void>(() => undefined);
    // On Citus the wait is on a worker, for a shard's row: citus_stat_activity sees every node's sessions.
    const { rows } = citus
      ? await sql<{ waiting: number }>`
          select count(*)::int as waiting from citus_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(handle.db)
      : await sql<{ waiting: number }>`
          select count(*)::int as waiting from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(handle.db);
    if ((rows[0]?.waiting ?? 0) > 0) return;
    // Poll the condition (the test's timeout bounds the wait).
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
