/**
 * Sends malformed, mistyped, oversized, unknown-field, SQL-laden and unauthenticated requests to every route.
 * Each must get the right 4xx with a clear code — never a 500 — and must change nothing it should not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/helpers/app.ts';
import {
  aBuyer,
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aPayer,
  aPublicBody,
  aUser,
  type MadeUser,
  signIn,
} from '../../../test/helpers/factories.ts';
import { aBank } from '../../../test/helpers/registry-factories.ts';
import { type RouteAccess, sessionIdOf } from './auth.ts';

const SQL_META = [
  "'; drop table users; --",
  '" or 1=1 --',
  "\\'; select pg_sleep(1); --",
  '%_\\%',
  '$1 $$ $body$',
  '\u0000',
  '😀中文\u202e',
];

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  pattern?: string;
}

function stringFields(schema: unknown): string[] {
  const properties = (schema as JsonSchema | undefined)?.properties ?? {};
  return Object.entries(properties)
    .filter(([, s]) => s.type === 'string' || s.anyOf?.some((a) => a.type === 'string'))
    .map(([name]) => name);
}

function pathOf(route: RouteAccess, session: Session): string {
  return route.url
    .replace(':id', String(session.userId))
    .replace(':code', '320583')
    .replace(':year', '2025')
    .replace(':provinceCode', '320000')
    .replace(':tier', 'innovative')
    .replace(/:[A-Za-z]+/g, '1');
}

const isMutation = (route: RouteAccess) => route.method !== 'GET';

describe('bad input on every route', () => {
  let t: TestApp;
  let admin: Session;
  let enterprise: Session;
  let routes: RouteAccess[];
  let payer: Session;
  let bank: Session;
  let buyer: Session;
  let enterpriseUser: MadeUser;
  let provinceOfficial: MadeUser;
  /** A session allowed to call the route (admin where admins may; else the enterprise user, payer, bank or buyer). */
  const sessionFor = (route: RouteAccess): Session => {
    if (route.access === 'public' || route.access.roles.includes('admin')) return admin;
    return route.access.roles.includes('enterprise')
      ? enterprise
      : route.access.roles.includes('payer')
        ? payer
        : route.access.roles.includes('bank')
          ? bank
          : route.access.roles.includes('buyer')
            ? buyer
            : admin;
  };

  beforeAll(async () => {
    t = await createTestApp({ demo: false, env: { HUIQI_BODY_LIMIT: '65536' } });
    const db = t.handle.db;
    admin = await signIn(t, await aUser(db, { role: 'admin' }));
    enterpriseUser = await anEnterpriseUser(db, await anEnterprise(db));
    enterprise = await signIn(t, enterpriseUser);
    payer = await signIn(t, await aPayer(db, aPublicBody()));
    bank = await signIn(t, await aUser(db, { role: 'bank', institutionId: (await aBank(db)).id }));
    buyer = await signIn(t, await aBuyer(db, aPublicBody()));
    provinceOfficial = await anOfficial(db, { region: '320000' });
    // Signing out would end the session the other cases use.
    routes = t.app.accessTable.filter((r) => r.url !== '/api/auth/logout');
  });
  afterAll(() => t.close());

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    for (const route of routes.filter(isMutation)) {
      const response = await t.app.inject({
        method: route.method as 'POST',
        url: pathOf(route, sessionFor(route)),
        headers: {
          cookie: sessionFor(route).cookie,
          'x-csrf-token': sessionFor(route).csrfToken,
          'content-type': 'application/json',
        },
        payload: '{"username": "admin", ',
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(400);
      expect(response.json().code).toBe('MALFORMED_JSON');
    }
  });

  it('answers wrong body types and unknown fields with 400 VALIDATION_FAILED naming the field', async () => {
    for (const route of routes.filter((r) => isMutation(r) && r.schema.body)) {
      for (const body of [[], 'text', 42, null]) {
        const response = await t.request(route.method as 'POST', pathOf(route, sessionFor(route)), {
          session: sessionFor(route),
          body,
        });
        expect(response.statusCode, `${route.method} ${route.url} ${JSON.stringify(body)}`).toBe(400);
        expect(['VALIDATION_FAILED', 'MALFORMED_JSON']).toContain(response.json().code);
      }
      const unknown = await t.request(route.method as 'POST', pathOf(route, sessionFor(route)), {
        session: sessionFor(route),
        body: { surpriseField: 1 },
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors).toContainEqual(expect.objectContaining({ field: 'surpriseField' }));
    }
  });

  it('answers unknown or mistyped query parameters with 400 naming the parameter', async () => {
    for (const route of routes.filter((r) => r.method === 'GET' && r.schema.querystring)) {
      const response = await t.request('GET', `${pathOf(route, sessionFor(route))}?page=x&zzz=1`, {
        session: sessionFor(route),
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain('zzz');
    }
  });

  it('answers malformed ids and region codes in the path with 400', async () => {
    for (const route of routes.filter((r) => r.url.includes(':id') || r.url.includes(':code'))) {
      if (route.url.startsWith('/api/uscc/')) continue; // any text may be checked as a USCC
      const url = route.url
        .replace(':id', '-1')
        .replace(':code', '32x583')
        .replace(/:[A-Za-z]+/g, '1');
      const response = await t.request(route.method as 'GET', url, {
        session: sessionFor(route),
        ...(isMutation(route) ? { body: {} } : {}),
      });
      expect(response.statusCode, `${route.method} ${url}`).toBe(400);
      expect(response.json().errors[0].field).toMatch(/^(id|code)$/);
    }
  });

  it('names a non-numeric id in the path: a 400 saying which parameter and what it should be', async () => {
    const policy = await t.request('GET', '/api/public/policies/abc', {
      headers: { 'accept-language': 'en' },
    });
    expect(policy.statusCode).toBe(400);
    expect(policy.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message:
        "The address's parameter id is not valid: it must be a positive whole number (a record’s number)",
      errors: [{ field: 'id' }],
    });
    const official = await t.request('GET', '/api/policies/abc', { session: admin });
    expect(official.statusCode).toBe(400);
    expect(official.json().message).toBe('地址中的参数 id 无效：应为正整数编号');
    for (const route of routes.filter((r) => r.url.includes(':id'))) {
      const url = route.url
        .replace(':id', 'abc')
        .replace(':code', '320583')
        .replace(/:[A-Za-z]+/g, '1');
      const response = await t.request(route.method as 'GET', url, {
        session: sessionFor(route),
        ...(isMutation(route) ? { body: {} } : {}),
      });
      expect(response.statusCode, `${route.method} ${url}`).toBe(400);
      expect(response.json().message, `${route.method} ${url}`).toBe('地址中的参数 id 无效：应为正整数编号');
    }
  });

  it('answers an oversized body with 413 BODY_TOO_LARGE', async () => {
    for (const route of routes.filter(isMutation)) {
      const response = await t.request(route.method as 'POST', pathOf(route, sessionFor(route)), {
        session: sessionFor(route),
        body: { padding: 'x'.repeat(70_000) },
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(413);
      expect(response.json().code).toBe('BODY_TOO_LARGE');
    }
  });

  it('answers a non-JSON content type with 415', async () => {
    for (const route of routes.filter(isMutation)) {
      const response = await t.app.inject({
        method: route.method as 'POST',
        url: pathOf(route, sessionFor(route)),
        headers: {
          cookie: sessionFor(route).cookie,
          'x-csrf-token': sessionFor(route).csrfToken,
          'content-type': 'text/plain',
        },
        payload: 'username=admin',
      });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(415);
      expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('survives SQL meta-characters in every text field and query parameter without a 500 or a change', async () => {
    const usersBefore = await t.handle.db.selectFrom('users').select('id').execute();
    for (const route of routes) {
      const queryFields = stringFields(route.schema.querystring);
      const bodyFields = stringFields(route.schema.body);
      for (const value of SQL_META) {
        const query = new URLSearchParams(Object.fromEntries(queryFields.map((f) => [f, value]))).toString();
        const url = `${pathOf(route, sessionFor(route))}${query ? `?${query}` : ''}`;
        const body = isMutation(route) ? Object.fromEntries(bodyFields.map((f) => [f, value])) : undefined;
        const response = await t.request(route.method as 'POST', url, {
          session: sessionFor(route),
          ...(body ? { body } : {}),
        });
        expect(response.statusCode, `${route.method} ${url}`).toBeLessThan(500);
        if (response.statusCode >= 400) expect(response.json().code).toMatch(/^[A-Z_]+$/);
      }
      const pathInjection = route.url.includes(':code')
        ? await t.request('GET', route.url.replace(':code', encodeURIComponent("3205' or '1'='1")), {
            session: sessionFor(route),
          })
        : null;
      if (pathInjection) expect(pathInjection.statusCode).toBeLessThan(500);
    }
    const usersAfter = await t.handle.db.selectFrom('users').select('id').execute();
    expect(usersAfter.length).toBe(usersBefore.length);
    // The text was matched literally, not as SQL: searching for a quote finds nobody.
    const search = await t.request('GET', `/api/admin/users?q=${encodeURIComponent("' or 1=1 --")}`, {
      session: admin,
    });
    expect(search.json().total).toBe(0);
    // Walks every route for every role: its time grows with the API, not with one request.
  }, 120_000);

  it('refuses a NUL or an unpaired surrogate in the query, the path or the body of every route with 400 INVALID_CHARACTER naming the field', async () => {
    const usersBefore = await t.handle.db.selectFrom('users').select('id').execute();
    for (const route of routes) {
      const session = sessionFor(route);
      // A text parameter of the route when it has one (else any name: the guard runs before validation).
      const queryField = stringFields(route.schema.querystring)[0] ?? 'q';
      for (const [encoded, value] of [
        ['a%00b', 'a\u0000b'],
        ['%00', '\u0000'],
      ] as const) {
        const url = `${pathOf(route, session)}?${queryField}=${encoded}`;
        const response = await t.request(route.method as 'POST', url, {
          session,
          ...(isMutation(route) ? { body: {} } : {}),
        });
        expect(response.statusCode, `${route.method} ${url}`).toBe(400);
        expect(response.json()).toMatchObject({ code: 'INVALID_CHARACTER', errors: [{ field: queryField }] });
        if (!isMutation(route)) continue;
        for (const text of [value, 'x\ud800y', '\udc00']) {
          const bodyField = stringFields(route.schema.body)[0] ?? 'text';
          const body = await t.request(route.method as 'POST', pathOf(route, session), {
            session,
            body: { [bodyField]: text },
          });
          expect(body.statusCode, `${route.method} ${route.url} body`).toBe(400);
          expect(body.json()).toMatchObject({ code: 'INVALID_CHARACTER', errors: [{ field: bodyField }] });
        }
      }
      const param = route.url.match(/:(\w+)/)?.[1];
      if (param) {
        const url = route.url.replace(`:${param}`, '1%00');
        const response = await t.request(route.method as 'GET', url, { session });
        expect(response.statusCode, `${route.method} ${url}`).toBe(400);
        expect(response.json()).toMatchObject({ code: 'INVALID_CHARACTER', errors: [{ field: param }] });
      }
    }
    const usersAfter = await t.handle.db.selectFrom('users').select('id').execute();
    expect(usersAfter.length).toBe(usersBefore.length);
  });

  it('answers a NUL in the filters of a streamed export with 400 before the first byte, not a cut connection', async () => {
    const official = await signIn(t, provinceOfficial);
    for (const url of [
      '/api/enterprises/export?format=csv&q=a%00b',
      '/api/enterprises/export?format=xlsx&q=%00',
      '/api/enterprises?q=%00',
    ]) {
      const response = await t.request('GET', url, { session: official });
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INVALID_CHARACTER', errors: [{ field: 'q' }] });
    }
  });

  it('refuses JSON nested 10,000 levels deep with 400 JSON_TOO_DEEP on every route taking a body, public ones too', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    for (const route of routes.filter(isMutation)) {
      for (const payload of [deep, deepObject]) {
        const response = await t.app.inject({
          method: route.method as 'POST',
          url: pathOf(route, sessionFor(route)),
          headers: {
            cookie: sessionFor(route).cookie,
            'x-csrf-token': sessionFor(route).csrfToken,
            'content-type': 'application/json',
          },
          payload,
        });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(400);
        expect(response.json().code).toBe('JSON_TOO_DEEP');
      }
    }
    // Brackets inside strings are text, not nesting; 100 levels is an ordinary (if wrong) body.
    const login = async (payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload,
      });
    const quoted = await login(
      JSON.stringify({ username: '['.repeat(20_000), password: '{\\"['.repeat(5_000) }),
    );
    expect(quoted.json().code).not.toBe('JSON_TOO_DEEP');
    const hundred = await login(`{"username": ${'['.repeat(100)}${']'.repeat(100)}, "password": "x"}`);
    expect(hundred.statusCode).toBe(400);
    expect(hundred.json().code).toBe('VALIDATION_FAILED');
  });

  it('answers a forged or expired session cookie with 401 SESSION_EXPIRED on protected routes', async () => {
    const expired = await signIn(t, enterpriseUser);
    await t.handle.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', sessionIdOf(expired.cookie.slice('huiqi_sid='.length)))
      .execute();
    const protectedRoutes = routes.filter((r) => r.access !== 'public');
    for (const cookie of ['huiqi_sid=forged-token-value', expired.cookie, `huiqi_sid=${'x'.repeat(500)}`]) {
      for (const route of protectedRoutes) {
        const response = await t.app.inject({
          method: route.method as 'GET',
          url: pathOf(route, sessionFor(route)),
          headers: { cookie, ...(isMutation(route) ? { 'content-type': 'application/json' } : {}) },
          ...(isMutation(route) ? { payload: '{}' } : {}),
        });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
        expect(response.json().code).toBe('SESSION_EXPIRED');
      }
    }
  });

  it('answers a state-changing request without the CSRF token with 403 and changes nothing', async () => {
    const before = await t.handle.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    for (const route of t.app.accessTable.filter((r) => isMutation(r) && r.access !== 'public')) {
      for (const token of [undefined, 'wrong-token']) {
        const response = await t.app.inject({
          method: route.method as 'POST',
          url: pathOf(route, sessionFor(route)),
          headers: {
            cookie: sessionFor(route).cookie,
            'content-type': 'application/json',
            ...(token ? { 'x-csrf-token': token } : {}),
          },
          payload: '{}',
        });
        expect(response.statusCode, `${route.method} ${route.url} ${response.body}`).toBe(403);
        expect(response.json().code).toBe('CSRF_TOKEN_INVALID');
      }
    }
    const after = await t.handle.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    expect(after.seq).toBe(before.seq);
  });

  it('answers unknown routes with 404 ROUTE_NOT_FOUND in the requested language', async () => {
    const response = await t.request('GET', '/api/nothing-here', {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: 'No such endpoint' });
  });
});
