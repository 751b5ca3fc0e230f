/** Starting and stopping the real server: first start seeds, a second start reuses data, shutdown drains requests. */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../../test/helpers/db.ts';
import { loadConfig } from './config.ts';
import { startServer } from './main.ts';

describe('server lifecycle', () => {
  let location: TestDatabaseLocation;
  beforeAll(async () => {
    location = await createTestDatabaseLocation();
  });
  afterAll(() => location.remove());

  const ENV = { HUIQI_MODE: 'test', PORT: '0', HUIQI_WEB_DIR: '/nonexistent', LOG_LEVEL: 'silent' };
  const config = () => loadConfig({ ...location.env, ...ENV });

  /**
   * Resolves once the server in this process has received `count` requests for `url` (Node's
   * `http.server.request.start` diagnostics channel): they are then surely in flight, not still on their way.
   */
  function untilReceived(url: string, count: number): Promise<void> {
    return new Promise((resolve) => {
      let received = 0;
      const onStart = (message: unknown) => {
        if ((message as { request: IncomingMessage }).request.url !== url) return;
        received += 1;
        if (received < count) return;
        unsubscribe('http.server.request.start', onStart);
        resolve();
      };
      subscribe('http.server.request.start', onStart);
    });
  }

  it('seeds demo data on first start and reuses it on the second', async () => {
    const first = await startServer(config());
    expect(first.demoLogins.map((l) => l.role).sort()).toEqual([
      'admin',
      'auditor',
      'bank',
      'bank',
      'bank',
      'buyer',
      'enterprise',
      'official',
      'official',
      'official',
      'payer',
    ]);
    const overview = await (await fetch(`${first.url}/api/public/overview`)).json();
    await first.stop();
    const second = await startServer(config());
    try {
      const again = await (await fetch(`${second.url}/api/public/overview`)).json();
      expect(again.enterpriseCount).toBe(overview.enterpriseCount);
      expect(again.isDemo).toBe(true);
      expect(second.demoLogins).toHaveLength(11);
    } finally {
      await second.stop();
    }
    // The first start seeds the whole demo (300 enterprises, the cases, four departments' credit files through the
    // import pipeline): longer than a test's usual 30 s on a loaded 2-core machine.
  }, 90_000);

  it('answers health and readiness checks, echoing the request id of a trusted proxy', async () => {
    // Behind a trusted proxy, whose request id the server keeps.
    const server = await startServer({ ...config(), trustProxy: true });
    try {
      expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${server.url}/readyz`, { headers: { 'x-request-id': 'trace-12345678' } });
      expect(ready.status).toBe(200);
      expect(ready.headers.get('x-request-id')).toBe('trace-12345678');
    } finally {
      await server.stop();
    }
  });

  it('accepts an import upload over real HTTP and runs it in the background', async () => {
    const server = await startServer(config());
    try {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'official.county', password: 'Huiqi-Demo-2026' }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const csv =
        '统一社会信用代码,企业名称,注册地行政区划代码,行业代码\n91320583MA1MXQ3B0C,上传测试有限公司,320583,C34\n';
      const upload = await fetch(`${server.url}/api/registry/imports?fileName=t.csv&mode=valid_rows`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/octet-stream' },
        body: csv,
      });
      expect(upload.status).toBe(202);
      const { id } = (await upload.json()) as { id: number };
      // The job's own status is the event: read it until it is no longer queued or running.
      const status = await vi.waitFor(
        async () => {
          const job = await fetch(`${server.url}/api/registry/imports/${id}`, { headers: { cookie } });
          const { status } = (await job.json()) as { status: string };
          if (status === 'queued' || status === 'running') throw new Error(`import ${id} is ${status}`);
          return status;
        },
        { timeout: 10_000, interval: 50 },
      );
      expect(status).toBe('succeeded');
    } finally {
      await server.stop();
    }
  });

  it('serves no metrics listener unless HUIQI_METRICS_PORT is set', async () => {
    const server = await startServer(config());
    try {
      expect(server.metricsUrl).toBeNull();
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it('serves /metrics on a listener of its own when HUIQI_METRICS_PORT is set', async () => {
    const server = await startServer(loadConfig({ ...location.env, ...ENV, HUIQI_METRICS_PORT: '0' }));
    try {
      await fetch(`${server.url}/api/public/overview`);
      const scrape = await fetch(server.metricsUrl as string);
      expect(scrape.status).toBe(200);
      expect(scrape.headers.get('content-type')).toContain('text/plain; version=0.0.4');
      const text = await scrape.text();
      expect(text).toMatch(
        /^huiqi_http_request_duration_seconds_count\{method="GET",route="\/api\/public\/overview",status_code="200"\} 1$/m,
      );
      expect(text).toMatch(/^huiqi_audit_head_seq \d+$/m);
      expect(new URL(server.metricsUrl as string).port).not.toBe(new URL(server.url).port);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    } finally {
      await server.stop();
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
    const received = untilReceived('/api/public/overview', 10);
    const inFlight = Array.from({ length: 10 }, () => fetch(`${server.url}/api/public/overview`));
    await received;
    // Stopping begins now; the requests are released only after it began (they cannot finish before).
    const stopped = server.stop();
    release();
    const responses = await Promise.all(inFlight);
    await stopped;
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
