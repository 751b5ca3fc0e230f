/**
 * Issue 11, finding 2: PostgreSQL connections cut under signed-in load. A real server process serves an official's
 * requests while another connection terminates every backend of its database, again and again: the requests that
 * lose their connection get 503 DATABASE_UNAVAILABLE (with Retry-After), none gets 500 or a refused connection,
 * the process stays up and answers normally afterwards. Readiness follows the database.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUscc } from '../../src/reference/uscc.ts';
import { seedDemo } from '../../src/server/modules/demo/index.ts';
import { createTestDatabaseLocation, type TestDatabaseLocation } from '../helpers/db.ts';
import { databaseNameOf, type HttpSession, type ServerProcess, signIn, spawnServer } from './server.ts';

/** Waits until `done` holds (every `everyMs`, at most `ms`). */
async function until(done: () => Promise<boolean>, what: string, ms = 30_000, everyMs = 200): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

const ROUTES = ['/api/enterprises', '/api/enterprises?q=科技', '/api/home', '/api/cases', '/api/auth/me'];

describe('PostgreSQL connections cut under load', () => {
  let location: TestDatabaseLocation;
  let server: ServerProcess;
  let admin: pg.Client;
  /** A connection to the server's database that the cuts spare, to watch jobs. */
  let watcher: pg.Client;
  let watcherPid = 0;
  let database: string;
  let session: HttpSession;

  beforeAll(async () => {
    location = await createTestDatabaseLocation();
    if (!('DATABASE_URL' in location.env)) throw new Error('the fault tests run on PostgreSQL');
    database = databaseNameOf(location.env.DATABASE_URL);
    const handle = await location.open();
    await seedDemo(handle.db, 40);
    await handle.close();
    server = await spawnServer(location.env);
    admin = new pg.Client({ connectionString: process.env.HUIQI_TEST_DATABASE_URL });
    await admin.connect();
    watcher = new pg.Client({ connectionString: location.env.DATABASE_URL });
    await watcher.connect();
    watcherPid = (await watcher.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid ?? 0;
    session = await signIn(server.url, 'official.province');
  });
  afterAll(async () => {
    await admin?.query(`alter database ${database} allow_connections true`).catch(() => undefined);
    await admin?.end();
    await watcher?.end();
    await server?.stop();
    await location?.remove();
  });

  /**
   * Terminates the backends of the server's database (the watcher's spared); returns how many. `busy`: only those
   * running a statement or inside a transaction.
   */
  const cutConnections = async (busy = false) => {
    const { rows } = await admin.query<{ cut: boolean }>(
      `select pg_terminate_backend(pid) as cut from pg_stat_activity
       where datname = $1 and pid <> pg_backend_pid() and pid <> $2
         and ($3 = false or state in ('active', 'idle in transaction'))`,
      [database, watcherPid, busy],
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
    // The background job runner lived through the cuts too: a job queued now is run.
    const { rows } = await watcher.query<{ id: number }>(
      `insert into jobs (kind, payload, run_after) values ('policy-match', '{"policyIds":null}', now()) returning id`,
    );
    await until(async () => {
      const job = await watcher.query<{ status: string }>('select status from jobs where id = $1', [
        rows[0]?.id,
      ]);
      return job.rows[0]?.status === 'succeeded';
    }, 'the job runner');
  });

  it('resumes an import whose connections are cut and loads every row once', async () => {
    const county = await signIn(server.url, 'official.county');
    const count = 10_000;
    const lines = ['统一社会信用代码,企业名称,注册地行政区划代码,行业代码'];
    for (let i = 0; i < count; i++)
      lines.push(
        `${makeUscc(`91320583MA${String(i).padStart(7, '0')}`)},断连导入测试${i}有限公司,320583,C34`,
      );
    const upload = await fetch(`${server.url}/api/registry/imports?fileName=cut.csv&mode=valid_rows`, {
      method: 'POST',
      headers: {
        cookie: county.cookie,
        'x-csrf-token': county.csrfToken,
        'content-type': 'application/octet-stream',
      },
      body: `${lines.join('\n')}\n`,
    });
    expect(upload.status).toBe(202);
    const { id } = (await upload.json()) as { id: number };
    const statusOf = async () =>
      (await watcher.query<{ status: string }>('select status from import_jobs where id = $1', [id])).rows[0]
        ?.status;
    // Cut while the job runs, until it has been interrupted (it holds a connection only while it writes a
    // batch), then let it finish.
    const interrupted = () => server.output().includes(`import job ${id} interrupted`);
    let cutsWhileRunning = 0;
    await until(
      async () => {
        const status = await statusOf();
        if (status === 'running' && !interrupted()) cutsWhileRunning += await cutConnections(true);
        return status !== 'queued' && status !== 'running';
      },
      'the import',
      50_000,
      20,
    ).catch(async (error: Error) => {
      const job = await watcher.query('select * from import_jobs where id = $1', [id]);
      throw new Error(`${error.message}: ${JSON.stringify(job.rows[0])}\n${server.output().slice(-3000)}`);
    });
    expect(cutsWhileRunning).toBeGreaterThan(0);
    expect(server.output()).toContain(`import job ${id} interrupted`);
    const job = await watcher.query<{ status: string; rows_loaded: number; rows_rejected: number }>(
      'select status, rows_loaded, rows_rejected from import_jobs where id = $1',
      [id],
    );
    expect(job.rows[0]).toEqual({ status: 'succeeded', rows_loaded: count, rows_rejected: 0 });
    const loaded = await watcher.query<{ n: number }>(
      `select count(*)::int as n from enterprises where name like '断连导入测试%'`,
    );
    expect(loaded.rows[0]?.n).toBe(count);
    expect(server.isAlive(), server.output()).toBe(true);
  }, 90_000);

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
