import { defineConfig } from 'vitest/config';

/**
 * Fault tests on Citus (issue 20, ADR 0025): a worker stopped during matching, a USCC written on two shards'
 * paths at once. Citus only: `require-citus.ts` fails the run when HUIQI_TEST_CITUS_WORKERS is not set.
 */
export default defineConfig({
  test: {
    root: `${import.meta.dirname}/../..`,
    include: ['test/citus/**/*.test.ts'],
    globalSetup: ['test/citus/require-citus.ts', 'test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The workers are shared with other runs; one file at a time keeps a 2-core machine responsive.
    maxWorkers: 1,
    env: { HUIQI_MODE: 'test' },
  },
});
