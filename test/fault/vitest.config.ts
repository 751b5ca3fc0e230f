import { defineConfig } from 'vitest/config';

/**
 * Fault tests (issue 11): real server processes on PostgreSQL whose connections are cut, and two instances on
 * one database. PostgreSQL only: `require-postgres.ts` fails the run when HUIQI_TEST_DATABASE_URL is not set.
 */
export default defineConfig({
  test: {
    root: `${import.meta.dirname}/../..`,
    include: ['test/fault/**/*.test.ts'],
    globalSetup: ['test/fault/require-postgres.ts', 'test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each file runs server processes of its own; one file at a time keeps a 2-core machine responsive.
    maxWorkers: 1,
    env: { HUIQI_MODE: 'test' },
  },
});
