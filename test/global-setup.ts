/** Vitest global setup: build the migrated template database once per run, removed at the end of the run. */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildTemplate } from './helpers/template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's directory of PGlite databases ('' on PostgreSQL). */
    testRunDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const runDir = await buildTemplate();
  project.provide('testRunDir', runDir);
  return () => {
    if (runDir) rmSync(runDir, { recursive: true, force: true });
  };
}
