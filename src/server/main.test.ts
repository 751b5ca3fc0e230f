/** Starting and stopping the real server: first start seeds, a second start reuses data, shutdown drains requests. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../../test/helpers/db.ts';
import { loadConfig } from './config.ts';
import { startServer } from './main.ts';

describe('server lifecycle', () => {
  let location: TestDatabaseLocation;
  beforeAll(async () => {
    location = await createTestDatabaseLocation();
  });
  afterAll(() => location.remove());

  const config = () =>
    loadConfig({
      ...location.env,
      HUIQI_MODE: 'test',
      PORT: '0',
      HUIQI_WEB_DIR: '/nonexistent',
      LOG_LEVEL: 'silent',
    });

  it('seeds demo data on first start, reuses it on the second, and answers health checks', async () => {
    const first = await startServer(config());
    expect(first.demoLogins.map((l) => l.role).sort()).toEqual([
      'admin',
      'auditor',
      'bank',
      'enterprise',
      'official',
      'official',
      'official',
    ]);
    const overview = await (await fetch(`${first.url}/api/public/overview`)).json();
    await first.stop();
    const second = await startServer(config());
    try {
      const again = await (await fetch(`${second.url}/api/public/overview`)).json();
      expect(again.enterpriseCount).toBe(overview.enterpriseCount);
      expect(again.isDemo).toBe(true);
      expect(second.demoLogins).toHaveLength(7);
      expect(await (await fetch(`${second.url}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${second.url}/readyz`, { headers: { 'x-request-id': 'trace-12345678' } });
      expect(ready.status).toBe(200);
      expect(ready.headers.get('x-request-id')).toBe('trace-12345678');
    } finally {
      await second.stop();
    }
  });

  it('finishes in-flight requests when stopping, then refuses new connections', async () => {
    const server = await startServer(config());
    // Hold a lock the overview needs, so the requests are surely in flight (waiting on the database) at stop.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const locked = new Promise<void>((resolve) => {
      void server.db.transaction().execute(async (trx) => {
        await sql`lock table enterprises in access exclusive mode`.execute(trx);
        resolve();
        await held;
      });
    });
    await locked;
    const inFlight = Array.from({ length: 10 }, () => fetch(`${server.url}/api/public/overview`));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopped = server.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const responses = await Promise.all(inFlight);
    await stopped;
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
