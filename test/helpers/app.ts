/** A built app on a fresh test database, with helpers to sign in as the demo users. */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import type { DatabaseHandle } from '../../src/server/db/database.ts';
import type { App } from '../../src/server/http/types.ts';
import { SESSION_PURGE_JOB, sessionPurgeHandler } from '../../src/server/modules/accounts/index.ts';
import { SUPERVISION_JOB, supervisionHandler } from '../../src/server/modules/cases/index.ts';
import { creditScoringHandlers } from '../../src/server/modules/credit/index.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/server/modules/demo/index.ts';
import {
  FINANCING_DUE_JOB,
  FINANCING_MATCH_JOB,
  financingDueHandler,
  financingMatchHandler,
} from '../../src/server/modules/financing/index.ts';
import { runDueJobs } from '../../src/server/modules/jobs/index.ts';
import {
  DELIVERY_JOB,
  deliveryHandler,
  type OutgoingMessage,
} from '../../src/server/modules/notifications/index.ts';
import { policyJobHandlers, syncShippedPolicies } from '../../src/server/modules/policies/index.ts';
import { POLICY_DIR } from '../../src/server/paths.ts';
import { todayInChina } from '../../src/shared/today.ts';
import { createTestDatabase, type TestDatabaseOptions } from './db.ts';

/** A signed-in test client: the cookie and CSRF token of one session. */
export interface Session {
  cookie: string;
  csrfToken: string;
  userId: number;
}

/** What a test gets: the app, its database, sign-in helpers. */
export interface TestApp {
  app: App;
  handle: DatabaseHandle;
  login(username: string, password?: string): Promise<Session>;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    options?: { session?: Session | null; body?: unknown; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  /** Runs every due background job (matching, deliveries) now. */
  runJobs(): Promise<number>;
  /** Email/SMS messages the jobs sent (a recording transport). */
  sent: OutgoingMessage[];
  close(): Promise<void>;
}

/** Builds the app on a fresh database (`database`: as createTestDatabase makes it); with `demo` the demo data is loaded. */
export async function createTestApp(
  options: {
    demo?: boolean;
    env?: Record<string, string>;
    policies?: boolean;
    database?: TestDatabaseOptions;
  } = {},
): Promise<TestApp> {
  const handle = await createTestDatabase(options.database);
  const demo = options.demo ?? true;
  if (demo) await seedDemo(handle.db, 40);
  if (options.policies) await syncShippedPolicies(handle.db, POLICY_DIR, { demo });
  const sent: OutgoingMessage[] = [];
  const handlers = {
    ...policyJobHandlers({ lanes: handle.kind === 'postgres' ? 2 : 1 }),
    [DELIVERY_JOB]: deliveryHandler({ send: async (message) => void sent.push(message) }),
    [SUPERVISION_JOB]: supervisionHandler(),
    [SESSION_PURGE_JOB]: sessionPurgeHandler(),
    ...creditScoringHandlers({ lanes: handle.kind === 'postgres' ? 2 : 1 }),
    [FINANCING_MATCH_JOB]: financingMatchHandler(todayInChina),
    [FINANCING_DUE_JOB]: financingDueHandler(todayInChina),
  };
  // Audit checkpoints (ADR 0010) go to a file of this app's own, never to ./data shared by runs.
  const scratch = mkdtempSync(path.join(tmpdir(), 'huiqi-app-'));
  const config = loadConfig({
    HUIQI_MODE: 'test',
    HUIQI_AUDIT_CHECKPOINT_FILE: path.join(scratch, 'audit-checkpoints.jsonl'),
    HUIQI_WEB_DIR: '/nonexistent',
    HUIQI_LOGIN_RATE_PER_MINUTE: '10000',
    ...options.env,
  });
  const app = await buildApp({ config, db: handle.db, logger: false });

  const { request, login } = testClientOf(app);

  return {
    app,
    handle,
    request,
    sent,
    runJobs: () => runDueJobs(handle.db, handlers),
    login,
    async close() {
      await app.close();
      await handle.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * The request and sign-in helpers of a TestApp over a built app (sign-in with the demo password unless told):
 * `createTestApp` and the apps other factories build (backup-factories.ts) share them.
 */
export function testClientOf(app: App): Pick<TestApp, 'request' | 'login'> {
  const request: TestApp['request'] = (method, url, { session, body, headers } = {}) =>
    app.inject({
      method,
      url,
      headers: {
        ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  async function login(username: string, password = DEMO_PASSWORD): Promise<Session> {
    const response = await request('POST', '/api/auth/login', { body: { username, password } });
    if (response.statusCode !== 200)
      throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'huiqi_sid');
    if (!cookie) throw new Error('no session cookie');
    const body = response.json() as { csrfToken: string; user: { id: number } };
    return { cookie: `huiqi_sid=${cookie.value}`, csrfToken: body.csrfToken, userId: body.user.id };
  }
  return { request, login };
}
