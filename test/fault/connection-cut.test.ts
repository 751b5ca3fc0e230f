/**
 * Issue 11, finding 2: PostgreSQL connections cut under signed-in load. A real server process serves an official's
 * requests while another connection terminates every backend of its database, again and again: the requests that
 * lose their connection get 503 DATABASE_UNAVAILABLE (with Retry-After), none gets 500 or a refused connection,
 * the process stays up and answers normally afterwards. Readiness follows the database.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/server/modules/demo/demo.service.ts';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../helpers/db.ts';
import { databaseNameOf, type HttpSession, type ServerProcess, signIn, spawnServer } from './server.ts';

const ROUTES = ['/api/enterprises', '/api/enterprises?q=科技', '/api/home', '/api/cases', '/api/auth/me'];

describe('PostgreSQL connections cut under load', () => {
  let location: TestDatabaseLocation;
  let server: ServerProcess;
  let admin: pg.Client;
  let database: string;
  let session: HttpSession;

  beforeAll(async () => {
    location = await createTestDatabaseLocation();
    if (!('DATABASE_URL' in location.env)) throw new Error('the fault tests run on PostgreSQL');
    database = databaseNameOf(location.env.DATABASE_URL);
    const handle = await location.open();
    await seedDemo(handle.db, 200);
    await handle.close();
    server = await spawnServer(location.env);
    admin = new pg.Client({ connectionString: process.env.HUIQI_TEST_DATABASE_URL });
    await admin.connect();
    session = await signIn(server.url, 'official.province');
  });
  afterAll(async () => {
    await admin?.query(`alter database ${database} allow_connections true`).catch(() => undefined);
    await admin?.end();
    await server?.stop();
    await location?.remove();
  });

  /** Terminates every backend of the server's database; returns how many. */
  const cutConnections = async () => {
    const { rows } = await admin.query<{ cut: boolean }>(
      'select pg_terminate_backend(pid) as cut from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    return rows.filter((r) => r.cut).length;
  };

  const get = (route: string) =>
    fetch(`${server.url}${route}`, { headers: { cookie: session.cookie, 'accept-language': 'en' } });

  it('fails the requests that lose their connection with 503 and keeps serving', async () => {
    const outcomes: { status: number | string; code?: string; retryAfter?: string | null }[] = [];
    let loading = true;
    const worker = async (n: number) => {
      for (let i = n; loading; i++) {
        const route = ROUTES[i % ROUTES.length] as string;
        try {
          const response = await get(route);
          const body = (await response.json()) as { code?: string };
          outcomes.push({
            status: response.status,
            code: body.code,
            retryAfter: response.headers.get('retry-after'),
          });
        } catch (error) {
          outcomes.push({ status: `network error: ${String((error as Error).cause ?? error)}` });
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    // More requests at once than the pool has connections, so connections are handed on while they are cut.
    const workers = Array.from({ length: 16 }, (_, n) => worker(n));
    let cuts = 0;
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (let round = 0; round < 60; round++) {
        cuts += await cutConnections();
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (round >= 10 && outcomes.some((o) => o.status === 503)) break;
      }
    } finally {
      loading = false;
      await Promise.all(workers);
    }
    expect(cuts).toBeGreaterThan(0);
    expect(server.isAlive(), server.output()).toBe(true);
    const unexpected = outcomes.filter((o) => o.status !== 200 && o.status !== 503);
    expect(unexpected, server.output()).toEqual([]);
    const unavailable = outcomes.filter((o) => o.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const o of unavailable) {
      expect(o.code).toBe('DATABASE_UNAVAILABLE');
      expect(o.retryAfter).toBe('5');
    }
    // Afterwards the pool has new connections and every route answers normally.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const route of ROUTES) {
      const response = await get(route);
      expect(response.status, `${route}: ${await response.clone().text()}`).toBe(200);
    }
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect(server.isAlive()).toBe(true);
  });

  it('answers 503 and is not ready while the database refuses connections, and recovers', async () => {
    await admin.query(`alter database ${database} allow_connections false`);
    try {
      await cutConnections();
      await new Promise((resolve) => setTimeout(resolve, 200));
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'unavailable', code: 'DATABASE_UNAVAILABLE' });
      const list = await get('/api/enterprises');
      expect(list.status).toBe(503);
      expect(list.headers.get('retry-after')).toBe('5');
      expect(await list.json()).toMatchObject({
        code: 'DATABASE_UNAVAILABLE',
        message: 'The connection to the database was lost; please try again shortly',
      });
      const zh = await fetch(`${server.url}/api/enterprises`, { headers: { cookie: session.cookie } });
      expect(((await zh.json()) as { message: string }).message).toBe('数据库连接暂时中断，请稍后重试');
    } finally {
      await admin.query(`alter database ${database} allow_connections true`);
    }
    expect(server.isAlive(), server.output()).toBe(true);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect((await get('/api/enterprises')).status).toBe(200);
  });
});
