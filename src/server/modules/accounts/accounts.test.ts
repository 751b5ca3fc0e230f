/** Accounts: sign-in, lockout, sessions, password rules, user administration and its audit trail. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { sessionIdOf } from '../../http/auth.ts';
import { afterWrongPassword, isLockedAt, passwordProblem } from './accounts.rules.ts';
import { queueDailySessionPurge, SESSION_PURGE_JOB } from './index.ts';

const GOOD_PASSWORD = 'Strong-Pass-2026';

describe('password rules', () => {
  it.each([
    ['short', 'Ab1!', 'at least 10'],
    ['two classes only', 'abcdefghij12', 'three of'],
    ['contains the username', 'Zhang.San-2026', 'username'],
    ['common', 'Password123', null],
  ])('judges a %s password', (_name, password, expected) => {
    const problem = passwordProblem(password, 'zhang.san');
    if (expected === null) expect(problem).not.toBeNull();
    else expect(problem?.en).toContain(expected);
  });

  it('accepts a long mixed password', () => {
    expect(passwordProblem(GOOD_PASSWORD, 'zhang.san')).toBeNull();
  });
});

describe('lockout rule', () => {
  const now = new Date('2026-12-05T08:00:00Z');
  const policy = { maxFailures: 3, lockMinutes: 15 };
  const later = new Date('2026-12-05T08:15:00Z');
  it.each([
    [
      'counts a first failure',
      { failedLoginCount: 0, lockedUntil: null },
      1,
      false,
      { failedLoginCount: 1, lockedUntil: null },
    ],
    [
      'locks at the limit and starts counting again',
      { failedLoginCount: 2, lockedUntil: null },
      3,
      true,
      { failedLoginCount: 0, lockedUntil: later },
    ],
    [
      'keeps an old, ended lock as it was',
      { failedLoginCount: 1, lockedUntil: new Date('2026-12-01T00:00:00Z') },
      2,
      false,
      { failedLoginCount: 2, lockedUntil: new Date('2026-12-01T00:00:00Z') },
    ],
  ])('%s', (_name, state, failures, didLock, next) => {
    expect(afterWrongPassword(state, policy, now)).toEqual({ failures, didLock, next });
    expect(isLockedAt(next, now)).toBe(didLock);
  });
});

describe('sign-in and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { HUIQI_LOGIN_MAX_FAILURES: '3' } });
  });
  afterAll(() => t.close());

  it('sets an HttpOnly SameSite=Lax session cookie and returns the user and a CSRF token', async () => {
    const response = await t.request('POST', '/api/auth/login', {
      body: { username: 'admin', password: 'Huiqi-Demo-2026' },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'huiqi_sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(response.json()).toMatchObject({
      user: { username: 'admin', role: 'admin' },
      csrfToken: expect.any(String),
    });
    expect(response.json().user.passwordHash).toBeUndefined();
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await t.request('POST', '/api/auth/login', {
      body: { username: 'bank', password: 'nope-nope-nope' },
    });
    const unknown = await t.request('POST', '/api/auth/login', {
      body: { username: 'nobody', password: 'nope-nope-nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
    expect(unknown.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('locks an account after repeated failures, even against the right password, until an admin unlocks it', async () => {
    for (let i = 0; i < 3; i++) {
      await t.request('POST', '/api/auth/login', {
        body: { username: 'auditor', password: 'wrong-password-1' },
      });
    }
    const locked = await t.request('POST', '/api/auth/login', {
      body: { username: 'auditor', password: 'Huiqi-Demo-2026' },
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    const admin = await t.login('admin');
    const auditor = await t.handle.db
      .selectFrom('users')
      .select(['id', 'version'])
      .where('username', '=', 'auditor')
      .executeTakeFirstOrThrow();
    const unlock = await t.request('PATCH', `/api/admin/users/${auditor.id}`, {
      session: admin,
      body: { version: auditor.version, unlock: true },
    });
    expect(unlock.statusCode).toBe(200);
    expect((await t.login('auditor')).userId).toBe(auditor.id);
    const actions = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'user')
      .where('target_id', '=', String(auditor.id))
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['auth.login_failed', 'auth.account_locked', 'user.updated', 'auth.login']),
    );
  });

  it('counts wrong passwords sent at once one by one, so the account locks and the right password is refused', async () => {
    // Ten at once against a limit of 3: read-then-write counting lost updates and never reached the limit.
    const attempts = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.request('POST', '/api/auth/login', { body: { username: 'payer', password: 'wrong-password-1' } }),
      ),
    );
    expect(attempts.every((r) => [401, 423].includes(r.statusCode))).toBe(true);
    const locked = await t.request('POST', '/api/auth/login', {
      body: { username: 'payer', password: 'Huiqi-Demo-2026' },
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    const payer = await t.handle.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'payer')
      .executeTakeFirstOrThrow();
    const audit = await t.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'user')
      .where('target_id', '=', String(payer.id))
      .execute();
    expect(audit.filter((a) => a.action === 'auth.account_locked').length).toBeGreaterThanOrEqual(1);
    expect(audit.some((a) => a.action === 'auth.login')).toBe(false);
  });

  it('deletes expired sessions in the daily job, queued once however many instances ask, and keeps live ones', async () => {
    const live = await t.login('enterprise');
    const expired = await t.login('enterprise');
    const idOf = (session: Session) => sessionIdOf(session.cookie.slice('huiqi_sid='.length));
    await t.handle.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', idOf(expired))
      .execute();
    // Two instances' runners asking on the same day.
    await queueDailySessionPurge(t.handle.db, '2026-12-05');
    await queueDailySessionPurge(t.handle.db, '2026-12-05');
    await t.runJobs();
    await queueDailySessionPurge(t.handle.db, '2026-12-05');
    const jobs = await t.handle.db
      .selectFrom('jobs')
      .select(['status', 'result'])
      .where('kind', '=', SESSION_PURGE_JOB)
      .execute();
    expect(jobs).toEqual([{ status: 'succeeded', result: { purged: expect.any(Number) } }]);
    const left = await t.handle.db
      .selectFrom('sessions')
      .select('id')
      .where('id', 'in', [idOf(live), idOf(expired)])
      .execute();
    expect(left.map((row) => row.id)).toEqual([idOf(live)]);
    expect((await t.request('GET', '/api/auth/me', { session: live })).json().user).not.toBeNull();
  });

  it('limits sign-in attempts per client address', async () => {
    const limited = await createTestApp({ demo: false, env: { HUIQI_LOGIN_RATE_PER_MINUTE: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await limited.request('POST', '/api/auth/login', {
          body: { username: 'x', password: 'y' },
        });
        codes.push(r.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('ends the session on sign-out; the old cookie then gets SESSION_EXPIRED, and the probe no user', async () => {
    const session = await t.login('bank');
    expect((await t.request('GET', '/api/auth/me', { session })).json().user.username).toBe('bank');
    expect((await t.request('POST', '/api/auth/logout', { session, body: {} })).statusCode).toBe(200);
    const after = await t.request('GET', '/api/home', { session });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('SESSION_EXPIRED');
    const probe = await t.request('GET', '/api/auth/me', { session });
    expect(probe.statusCode).toBe(200);
    expect(probe.json()).toEqual({ user: null, csrfToken: null });
  });

  it('answers the session probe of someone not signed in with 200 and no user (no 401 for public pages)', async () => {
    const response = await t.request('GET', '/api/auth/me');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ user: null, csrfToken: null });
    const signedIn = await t.login('enterprise');
    const mine = (await t.request('GET', '/api/auth/me', { session: signedIn })).json();
    expect(mine).toMatchObject({
      user: { username: 'enterprise', role: 'enterprise' },
      csrfToken: signedIn.csrfToken,
    });
  });

  it('changes the own password only with the current one, and ends the other sessions', async () => {
    const first = await t.login('official.city');
    const second = await t.login('official.city');
    const wrong = await t.request('POST', '/api/auth/password', {
      session: first,
      body: { currentPassword: 'not-it', newPassword: GOOD_PASSWORD },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([{ field: 'currentPassword', message: '当前密码不正确' }]);
    const weak = await t.request('POST', '/api/auth/password', {
      session: first,
      body: { currentPassword: 'Huiqi-Demo-2026', newPassword: 'short' },
      headers: { 'accept-language': 'en' },
    });
    expect(weak.json().errors[0]).toMatchObject({
      field: 'newPassword',
      message: expect.stringContaining('at least 10'),
    });
    const ok = await t.request('POST', '/api/auth/password', {
      session: first,
      body: { currentPassword: 'Huiqi-Demo-2026', newPassword: GOOD_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { session: first })).json().user).not.toBeNull();
    expect((await t.request('GET', '/api/auth/me', { session: second })).json().user).toBeNull();
    expect((await t.login('official.city', GOOD_PASSWORD)).userId).toBe(first.userId);
  });

  it('saves the language preference', async () => {
    const session = await t.login('enterprise');
    expect(
      (await t.request('PUT', '/api/auth/preferences', { session, body: { locale: 'en' } })).statusCode,
    ).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { session })).json().user.locale).toBe('en');
  });

  it('marks the cookie Secure when configured for HTTPS', async () => {
    const secure = await createTestApp({ demo: true, env: { HUIQI_SECURE_COOKIES: 'true' } });
    try {
      const response = await secure.request('POST', '/api/auth/login', {
        body: { username: 'admin', password: 'Huiqi-Demo-2026' },
      });
      expect(response.cookies.find((c) => c.name === 'huiqi_sid')?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });
});

describe('user administration', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  it('creates an official scoped to a region subtree, audited in the same request', async () => {
    const response = await t.request('POST', '/api/admin/users', {
      session: admin,
      body: {
        username: 'wang.wu',
        displayName: '王五',
        password: GOOD_PASSWORD,
        role: 'official',
        regionCode: '320500',
        departmentCode: 'miit',
      },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      role: 'official',
      regionCode: '320500',
      regionName: '江苏省苏州市',
    });
    const entry = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.created')
      .where('target_id', '=', String(response.json().id))
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor_user_id: admin.userId,
      actor_role: 'admin',
      request_id: response.headers['x-request-id'],
    });
    expect(JSON.stringify(entry.summary)).not.toContain(GOOD_PASSWORD);

    const official = await t.login('wang.wu', GOOD_PASSWORD);
    const home = await t.request('GET', '/api/home', { session: official });
    const inCity = await t.handle.db
      .selectFrom('enterprises')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('region_code', 'like', '3205%')
      .executeTakeFirstOrThrow();
    expect(home.json().region).toMatchObject({ code: '320500', enterpriseCount: inCity.n });
  });

  it('names each wrong field: missing scope, unknown region, weak password, scope of another role', async () => {
    const response = await t.request('POST', '/api/admin/users', {
      session: admin,
      headers: { 'accept-language': 'en' },
      body: {
        username: 'li.si',
        displayName: '李四',
        password: 'weak',
        role: 'official',
        regionCode: '999999',
        enterpriseId: 1,
      },
    });
    expect(response.statusCode).toBe(400);
    const fields = response
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual(['enterpriseId', 'password', 'regionCode']);
    const enterprise = await t.request('POST', '/api/admin/users', {
      session: admin,
      body: { username: 'li.si', displayName: '李四', password: GOOD_PASSWORD, role: 'enterprise' },
    });
    expect(enterprise.json().errors).toEqual([{ field: 'enterpriseId', message: '该角色必须填写' }]);
  });

  it('refuses a taken username with 409', async () => {
    const response = await t.request('POST', '/api/admin/users', {
      session: admin,
      body: { username: 'admin', displayName: 'x', password: GOOD_PASSWORD, role: 'auditor' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'ALREADY_EXISTS', errors: [{ field: 'username' }] });
  });

  it('lets one of two simultaneous edits win and answers the other with 409 CONFLICT', async () => {
    const bank = await t.handle.db
      .selectFrom('users')
      .select(['id', 'version'])
      .where('username', '=', 'bank')
      .executeTakeFirstOrThrow();
    const [a, b] = await Promise.all(
      ['甲', '乙'].map((name) =>
        t.request('PATCH', `/api/admin/users/${bank.id}`, {
          session: admin,
          body: { version: bank.version, displayName: name },
        }),
      ),
    );
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 409]);
    const after = await t.handle.db
      .selectFrom('users')
      .select(['display_name', 'version'])
      .where('id', '=', bank.id)
      .executeTakeFirstOrThrow();
    expect(after.version).toBe(bank.version + 1);
    expect(['甲', '乙']).toContain(after.display_name);
  });

  it('disabling a user ends their sessions at once', async () => {
    const session = await t.login('enterprise');
    const user = await t.handle.db
      .selectFrom('users')
      .select(['id', 'version'])
      .where('username', '=', 'enterprise')
      .executeTakeFirstOrThrow();
    const response = await t.request('PATCH', `/api/admin/users/${user.id}`, {
      session: admin,
      body: { version: user.version, isActive: false },
    });
    expect(response.json().isActive).toBe(false);
    expect((await t.request('GET', '/api/home', { session })).statusCode).toBe(401);
    const relogin = await t.request('POST', '/api/auth/login', {
      body: { username: 'enterprise', password: 'Huiqi-Demo-2026' },
    });
    expect(relogin.json().code).toBe('ACCOUNT_DISABLED');
  });

  it('lists users with search, role filter and paging', async () => {
    const officials = await t.request('GET', '/api/admin/users?role=official&pageSize=2&page=1', {
      session: admin,
    });
    expect(officials.json()).toMatchObject({ total: expect.any(Number), page: 1, pageSize: 2 });
    expect(officials.json().items).toHaveLength(2);
    expect(officials.json().items.every((u: { role: string }) => u.role === 'official')).toBe(true);
    const search = await t.request('GET', `/api/admin/users?q=${encodeURIComponent('county')}`, {
      session: admin,
    });
    expect(search.json().items.map((u: { username: string }) => u.username)).toEqual(['official.county']);
  });

  it('shows the name of the enterprise or institution a user is bound to, in the list and alone', async () => {
    const enterprise = await t.handle.db
      .selectFrom('users')
      .innerJoin('enterprises', 'enterprises.id', 'users.enterprise_id')
      .select(['users.id', 'enterprises.name'])
      .where('users.username', '=', 'enterprise')
      .executeTakeFirstOrThrow();
    const bank = await t.handle.db
      .selectFrom('users')
      .innerJoin('financial_institutions', 'financial_institutions.id', 'users.institution_id')
      .select(['users.id', 'financial_institutions.name'])
      .where('users.username', '=', 'bank')
      .executeTakeFirstOrThrow();
    const list = await t.request('GET', '/api/admin/users?pageSize=100', { session: admin });
    const byName = new Map(list.json().items.map((u: { username: string }) => [u.username, u] as const));
    expect(byName.get('enterprise')).toMatchObject({
      enterpriseName: enterprise.name,
      institutionName: null,
    });
    expect(byName.get('bank')).toMatchObject({ enterpriseName: null, institutionName: bank.name });
    expect(byName.get('admin')).toMatchObject({ enterpriseName: null, institutionName: null });
    const one = await t.request('GET', `/api/admin/users/${bank.id}`, { session: admin });
    expect(one.json()).toMatchObject({ username: 'bank', institutionName: bank.name });
  });

  it('refuses to bind a user to an enterprise or an institution that does not exist', async () => {
    const bind = (body: Record<string, unknown>) =>
      t.request('POST', '/api/admin/users', {
        session: admin,
        body: { displayName: '无主', password: GOOD_PASSWORD, ...body },
      });
    const toEnterprise = await bind({ username: 'no.firm', role: 'enterprise', enterpriseId: 999_999_999 });
    expect(toEnterprise.statusCode).toBe(400);
    expect(toEnterprise.json().errors.map((e: { field: string }) => e.field)).toEqual(['enterpriseId']);
    const toBank = await bind({ username: 'no.bank', role: 'bank', institutionId: 999_999_999 });
    expect(toBank.statusCode).toBe(400);
    expect(toBank.json().errors.map((e: { field: string }) => e.field)).toEqual(['institutionId']);
  });
});
