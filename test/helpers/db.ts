/** A fresh, migrated database for one test file, cloned from the template in well under a second. */
import { randomBytes } from 'node:crypto';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/server/db/database.ts';
import { PG_TEMPLATE, TEMPLATE_DIR, TEST_ROOT, withDatabase } from './template.ts';

/** Opens a fresh database; `close()` also drops it. */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.HUIQI_TEST_DATABASE_URL;
  if (url) {
    const name = `huiqi_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${PG_TEMPLATE}`);
    await admin.end();
    const handle = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 5 });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  // A copy of the template's data directory: faster to start than loading a dump into memory.
  const dir = path.join(TEST_ROOT, `db-${process.pid}-${randomBytes(4).toString('hex')}`);
  cpSync(TEMPLATE_DIR, dir, { recursive: true });
  const handle = await openDatabase({ dataDir: dir });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
