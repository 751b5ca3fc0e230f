/**
 * Factories for backups (ADR 0021): embedded data directories of a test's own — the database and the files kept
 * beside it in one directory, as an installation has them — and an app served from one.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { type DatabaseHandle, openDatabase } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import type { App } from '../../src/server/http/types.ts';
import type { OutgoingMessage } from '../../src/server/modules/notifications/index.ts';
import { type TestApp, testClientOf } from './app.ts';
import { templateDirOf } from './template.ts';

/** A folder of a test's own holding a data directory `data` (its database closed). */
export interface MadeDataDirectory {
  /** The test's folder: put backups and restore targets here. */
  root: string;
  dataDir: string;
  remove(): void;
}

/**
 * A migrated embedded data directory in a folder of its own: a copy of the run's template on a PGlite run,
 * migrated on the spot on a PostgreSQL run (whose template is a PostgreSQL database).
 */
export async function anEmbeddedDataDirectory(): Promise<MadeDataDirectory> {
  const root = mkdtempSync(path.join(tmpdir(), 'huiqi-backup-'));
  const dataDir = path.join(root, 'data');
  const runDir = inject('testRunDir');
  if (runDir) cpSync(templateDirOf(runDir), dataDir, { recursive: true });
  else {
    mkdirSync(dataDir);
    const handle = await openDatabase({ dataDir });
    await migrateToLatest(handle.db);
    await handle.close();
  }
  return { root, dataDir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * The app over an embedded data directory — its database and its attachments — configured by `env` (test mode
 * unless told), with the sign-in and request helpers of a TestApp; `close()` closes the database, keeps the files.
 */
export async function anAppOn(dataDir: string, env: Record<string, string> = {}): Promise<TestApp> {
  const handle: DatabaseHandle = await openDatabase({ dataDir });
  const config = loadConfig({
    HUIQI_MODE: 'test',
    HUIQI_DATA_DIR: dataDir,
    HUIQI_WEB_DIR: '/nonexistent',
    HUIQI_LOGIN_RATE_PER_MINUTE: '10000',
    ...env,
  });
  const app: App = await buildApp({ config, db: handle.db, logger: false });
  const sent: OutgoingMessage[] = [];
  const { request, login } = testClientOf(app);
  return {
    app,
    handle,
    request,
    sent,
    runJobs: async () => 0,
    login,
    async close() {
      await app.close();
      await handle.close();
    },
  };
}
