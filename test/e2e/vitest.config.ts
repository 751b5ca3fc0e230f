import { defineConfig } from 'vitest/config';

/** Browser tests: the built web app served by the real server, driven in Debian's chromium. */
export default defineConfig({
  test: {
    root: `${import.meta.dirname}/../..`,
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    env: { HUIQI_MODE: 'test' },
  },
});
