/**
 * The request id end to end (issue 19): which incoming `x-request-id` is kept, every log line of a request carrying
 * the id, and the background work a request queued (an import, the matching job it queues in turn) logging it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/helpers/app.ts';
import { createTestDatabase } from '../../test/helpers/db.ts';
import { anOfficial, aUscc, signIn } from '../../test/helpers/factories.ts';
import { buildApp, REQUEST_ID } from './app.ts';
import { loadConfig } from './config.ts';
import type { DatabaseHandle } from './db/database.ts';
import type { App } from './http/types.ts';
import { JOB_KINDS, type RunnerLog, startJobRunner } from './modules/jobs/index.ts';
import { policyJobHandlers } from './modules/policies/index.ts';
import { startImportRunner } from './modules/registry/index.ts';

/** A log line as pino writes it. */
type LogLine = Record<string, unknown> & { msg?: string; reqId?: string };

/** A runner log that keeps its lines and resolves `until` once a line matches. */
function recordingLog() {
  const lines: LogLine[] = [];
  const waiters: { match: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  const write = (fields: object, message: string) => {
    const line = { ...fields, msg: message } as LogLine;
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.match(line))) waiter.resolve(line);
  };
  const log: RunnerLog = { info: write, error: write };
  return {
    log,
    lines,
    /** The first line (already written or still to come) that matches; the test's timeout bounds the wait. */
    until(match: (line: LogLine) => boolean): Promise<LogLine> {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

describe('request ids kept or made', () => {
  let handle: DatabaseHandle;
  /** The app behind a trusted proxy, and one reached directly; each with its log lines. */
  let trusted: { app: App; lines: LogLine[] };
  let direct: { app: App; lines: LogLine[] };

  /** The app, behind a trusted proxy or not, with its log lines. */
  async function appWith(trustProxy: boolean) {
    const lines: LogLine[] = [];
    const config = loadConfig({
      HUIQI_MODE: 'test',
      HUIQI_WEB_DIR: '/nonexistent',
      HUIQI_TRUST_PROXY: String(trustProxy),
    });
    const app = await buildApp({
      config,
      db: handle.db,
      logger: { level: 'info', stream: { write: (line: string) => void lines.push(JSON.parse(line)) } },
    });
    return { app, lines };
  }

  beforeAll(async () => {
    handle = await createTestDatabase();
    trusted = await appWith(true);
    direct = await appWith(false);
  });
  afterAll(async () => {
    await trusted?.app.close();
    await direct?.app.close();
    await handle?.close();
  });

  it('keeps a well-formed x-request-id from a trusted proxy', async () => {
    const response = await trusted.app.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'proxy-req.0001_a' },
    });
    expect(response.headers['x-request-id']).toBe('proxy-req.0001_a');
  });

  it.each([
    ['too short', 'abc1234'],
    ['too long', 'a'.repeat(65)],
    ['a character outside letters, digits, dot, underscore and hyphen', 'proxy req 0001'],
    ['a line break', 'proxy-req\n0001'],
  ])('makes a new id when a trusted proxy sends one with %s', async (_case, sent) => {
    const response = await trusted.app.inject({ url: '/healthz', headers: { 'x-request-id': sent } });
    const id = String(response.headers['x-request-id']);
    expect(id).not.toBe(sent);
    expect(id).toMatch(REQUEST_ID);
  });

  it('makes a new id for every request when no proxy is trusted, whatever the client sends', async () => {
    const response = await direct.app.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'client-chosen-0001' },
    });
    expect(response.headers['x-request-id']).not.toBe('client-chosen-0001');
    expect(String(response.headers['x-request-id'])).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("writes every log line of a request with its id, the one the response names, the error's line too", async () => {
    // A body the route's schema refuses: the error handler logs why.
    const response = await trusted.app.inject({
      method: 'POST',
      url: '/api/size/self-test',
      headers: { 'x-request-id': 'logged-req-0001', 'content-type': 'application/json' },
      payload: {},
    });
    expect(response.statusCode).toBe(400);
    const ofRequest = trusted.lines.filter((line) => line.reqId === 'logged-req-0001');
    expect(ofRequest.map((line) => line.msg)).toEqual([
      'incoming request',
      'request rejected',
      'request completed',
    ]);
    expect(response.headers['x-request-id']).toBe('logged-req-0001');
  });

  it('writes no line about a request without its id', async () => {
    await direct.app.inject({
      method: 'POST',
      url: '/api/size/self-test',
      headers: { 'content-type': 'application/json' },
      payload: {},
    });
    const aboutRequests = direct.lines.filter(
      (line) => line.req !== undefined || line.res !== undefined || 'code' in line,
    );
    expect(aboutRequests.length).toBeGreaterThanOrEqual(3);
    expect(aboutRequests.filter((line) => typeof line.reqId !== 'string')).toEqual([]);
  });
});

describe('background work logs the request that queued it', () => {
  let t: TestApp;
  let official: Session;

  beforeAll(async () => {
    t = await createTestApp({ demo: false, env: { HUIQI_TRUST_PROXY: 'true' } });
    official = await signIn(t, await anOfficial(t.handle.db));
  });
  afterAll(() => t.close());

  it("logs an uploaded import's run, and the matching job the import queued, with the upload's request id", async () => {
    const csv = `统一社会信用代码,企业名称,注册地行政区划代码,行业代码\n${aUscc()},请求编号测试有限公司,320583,C34\n`;
    const uploaded = await t.app.inject({
      method: 'POST',
      url: '/api/registry/imports?fileName=t.csv&mode=valid_rows',
      headers: {
        cookie: official.cookie,
        'x-csrf-token': official.csrfToken,
        'content-type': 'application/octet-stream',
        'x-request-id': 'upload-req-0002',
      },
      payload: csv,
    });
    expect(uploaded.statusCode).toBe(202);
    const importJobId = (uploaded.json() as { id: number }).id;

    const imports = recordingLog();
    const importRunner = startImportRunner(t.handle.db, { log: imports.log, intervalMs: 10 });
    const ran = await imports.until((line) => line.importJobId === importJobId);
    await importRunner.stop();
    expect(ran).toMatchObject({ reqId: 'upload-req-0002', end: 'succeeded' });

    const jobs = recordingLog();
    const jobRunner = startJobRunner(t.handle.db, policyJobHandlers({ lanes: 1 }), {
      log: jobs.log,
      intervalMs: 10,
    });
    const matched = await jobs.until((line) => line.kind === JOB_KINDS.enterpriseMatch);
    await jobRunner.stop();
    expect(matched).toMatchObject({ reqId: 'upload-req-0002', outcome: 'succeeded' });
  });
});
