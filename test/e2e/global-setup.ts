/**
 * Browser tests' global setup: one server is started on a fresh embedded database, seeded with the demo data and
 * stopped; each test file's server then starts on its own copy of that directory (a restart of a seeded platform,
 * seconds instead of the seeding's half-minute per file). Removed at the end of the run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/server/config.ts';
import { startServer } from '../../src/server/main.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The seeded demo data directory each browser-test server copies. */
    e2eDemoDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'huiqi-e2e-demo-'));
  const server = await startServer(
    loadConfig({ HUIQI_DATA_DIR: dir, PORT: '0', HUIQI_MODE: 'test', LOG_LEVEL: 'silent' }),
  );
  await server.stop();
  project.provide('e2eDemoDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
