/** Accounts: sign-in, lockout, sessions, password rules, user administration and its audit trail. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aPayer,
  aPublicBody,
  aUser,
  FACTORY_PASSWORD,
  type MadeUser,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { aBank } from '../../../../test/helpers/registry-factories.ts';
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
    t = await createTestApp({ demo: false, env: { HUIQI_LOGIN_MAX_FAILURES: '3' } });
  });
  afterAll(() => t.close());

  const login = (username: string, password: string) =>
    t.request('POST', '/api/auth/login', { body: { username, password } });

  it('sets an HttpOnly SameSite=Lax session cookie and returns the user and a CSRF token', async () => {
    const admin = await aUser(t.handle.db, { role: 'admin' });
    const response = await login(admin.username, admin.password);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'huiqi_sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(response.json()).toMatchObject({
      user: { username: admin.username, role: 'admin' },
      csrfToken: expect.any(String),
    });
    expect(response.json().user.passwordHash).toBeUndefined();
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const bank = await aUser(t.handle.db, { role: 'bank', institutionId: (await aBank(t.handle.db)).id });
    const wrong = await login(bank.username, 'nope-nope-nope');
    const unknown = await login('nobody', 'nope-nope-nope');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
    expect(unknown.json().code).toBe('INVALID_CREDENTIALS');
  });

  /** An account locked by three wrong passwords. */
  async function aLockedAuditor(): Promise<MadeUser> {
    const auditor = await aUser(t.handle.db, { role: 'auditor' });
    for (let i = 0; i < 3; i++) await login(auditor.username, 'wrong-password-1');
    return auditor;
  }

  it('locks an account after repeated failures, even against the right password', async () => {
    const auditor = await aLockedAuditor();
    const locked = await login(auditor.username, auditor.password);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
  });

  it('lets a locked account sign in again once an admin unlocks it, all of it audited', async () => {
    const auditor = await aLockedAuditor();
    const admin = await signIn(t, await aUser(t.handle.db, { role: 'admin' }));
    const { version } = await t.handle.db
      .selectFrom('users')
      .select('version')
      .where('id', '=', auditor.id)
      .executeTakeFirstOrThrow();
    const unlock = await t.request('PATCH', `/api/admin/users/${auditor.id}`, {
      session: admin,
      body: { version, unlock: true },
    });
    expect(unlock.statusCode).toBe(200);
    expect((await signIn(t, auditor)).userId).toBe(auditor.id);
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
    const payer = await aPayer(t.handle.db, aPublicBody());
    // Ten at once against a limit of 3: read-then-write counting lost updates and never reached the limit.
    const attempts = await Promise.all(
      Array.from({ length: 10 }, () => login(payer.username, 'wrong-password-1')),
    );
    expect(attempts.every((r) => [401, 423].includes(r.statusCode))).toBe(true);
    const locked = await login(payer.username, payer.password);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
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
    const user = await anEnterpriseUser(t.handle.db, await anEnterprise(t.handle.db));
    const live = await signIn(t, user);
    const expired = await signIn(t, user);
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
    const bank = await aUser(t.handle.db, { role: 'bank', institutionId: (await aBank(t.handle.db)).id });
    const session = await signIn(t, bank);
    expect((await t.request('GET', '/api/auth/me', { session })).json().user.username).toBe(bank.username);
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
  });

  it('answers the session probe of someone signed in with the user and the CSRF token', async () => {
    const user = await anEnterpriseUser(t.handle.db, await anEnterprise(t.handle.db));
    const signedIn = await signIn(t, user);
    const mine = (await t.request('GET', '/api/auth/me', { session: signedIn })).json();
    expect(mine).toMatchObject({
      user: { username: user.username, role: 'enterprise' },
      csrfToken: signedIn.csrfToken,
    });
  });

  describe('changing the own password', () => {
    const change = (session: Session, body: Record<string, string>, headers: Record<string, string> = {}) =>
      t.request('POST', '/api/auth/password', { session, body, headers });

    it('refuses it without the current password', async () => {
      const first = await signIn(t, await anOfficial(t.handle.db, { region: '320500' }));
      const wrong = await change(first, { currentPassword: 'not-it', newPassword: GOOD_PASSWORD });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors).toEqual([{ field: 'currentPassword', message: '当前密码不正确' }]);
    });

    it('refuses a weak new password, saying why', async () => {
      const first = await signIn(t, await anOfficial(t.handle.db, { region: '320500' }));
      const weak = await change(
        first,
        { currentPassword: FACTORY_PASSWORD, newPassword: 'short' },
        { 'accept-language': 'en' },
      );
      expect(weak.json().errors[0]).toMatchObject({
        field: 'newPassword',
        message: expect.stringContaining('at least 10'),
      });
    });

    it('changes it with the current one, keeps this session and ends the other ones', async () => {
      const official = await anOfficial(t.handle.db, { region: '320500' });
      const first = await signIn(t, official);
      const second = await signIn(t, official);
      const ok = await change(first, { currentPassword: FACTORY_PASSWORD, newPassword: GOOD_PASSWORD });
      expect(ok.statusCode).toBe(200);
      expect((await t.request('GET', '/api/auth/me', { session: first })).json().user).not.toBeNull();
      expect((await t.request('GET', '/api/auth/me', { session: second })).json().user).toBeNull();
      expect((await t.login(official.username, GOOD_PASSWORD)).userId).toBe(first.userId);
    });
  });

  it('saves the language preference', async () => {
    const session = await signIn(t, await anEnterpriseUser(t.handle.db, await anEnterprise(t.handle.db)));
    expect(
      (await t.request('PUT', '/api/auth/preferences', { session, body: { locale: 'en' } })).statusCode,
    ).toBe(200);
    expect((await t.request('GET', '/api/auth/me', { session })).json().user.locale).toBe('en');
  });
});

describe('sign-in behind HTTPS', () => {
  let secure: TestApp;
  beforeAll(async () => {
    secure = await createTestApp({ demo: false, env: { HUIQI_SECURE_COOKIES: 'true' } });
  });
  afterAll(() => secure.close());

  it('marks the cookie Secure when configured for HTTPS', async () => {
    const admin = await aUser(secure.handle.db, { role: 'admin' });
    const response = await secure.request('POST', '/api/auth/login', {
      body: { username: admin.username, password: admin.password },
    });
    expect(response.cookies.find((c) => c.name === 'huiqi_sid')?.secure).toBe(true);
  });
});

describe('user administration', () => {
  let t: TestApp;
  let adminUser: MadeUser;
  let admin: Session;
  let enterpriseUser: MadeUser;
  let enterpriseName: string;
  let bankUser: MadeUser;
  let bankName: string;
  // Read by the tests: an admin, two officials (one of them `official.county`), an enterprise's and a bank's user,
  // and enterprises in and out of Suzhou.
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    adminUser = await aUser(db, { role: 'admin' });
    admin = await signIn(t, adminUser);
    await aUser(db, {
      role: 'official',
      regionCode: '320583',
      departmentCode: 'sme',
      username: 'official.county',
    });
    await anOfficial(db, { region: '320000' });
    const enterprise = await anEnterprise(db, { region: '320583' });
    await anEnterprise(db, { region: '320585' });
    await anEnterprise(db, { region: '110105' });
    enterpriseName = enterprise.name;
    enterpriseUser = await anEnterpriseUser(db, enterprise);
    const bank = await aBank(db);
    bankName = bank.name;
    bankUser = await aUser(db, { role: 'bank', institutionId: bank.id });
  });
  afterAll(() => t.close());

  let serial = 0;
  /** Creates an official of Suzhou city through the API, as the admin. */
  const createOfficial = () =>
    t.request('POST', '/api/admin/users', {
      session: admin,
      body: {
        username: `wang.wu${++serial}`,
        displayName: '王五',
        password: GOOD_PASSWORD,
        role: 'official',
        regionCode: '320500',
        departmentCode: 'miit',
      },
    });

  it('creates an official scoped to a region subtree', async () => {
    const response = await createOfficial();
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      role: 'official',
      regionCode: '320500',
      regionName: '江苏省苏州市',
    });
  });

  it('audits the creation in the same request, without the password', async () => {
    const response = await createOfficial();
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
  });

  it("shows the created official the enterprises of the region's subtree", async () => {
    const response = await createOfficial();
    const official = await t.login(response.json().username, GOOD_PASSWORD);
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
  });

  it("requires the scope of the user's role (an enterprise user's enterprise)", async () => {
    const enterprise = await t.request('POST', '/api/admin/users', {
      session: admin,
      body: { username: 'li.si', displayName: '李四', password: GOOD_PASSWORD, role: 'enterprise' },
    });
    expect(enterprise.json().errors).toEqual([{ field: 'enterpriseId', message: '该角色必须填写' }]);
  });

  it('refuses a taken username with 409', async () => {
    const response = await t.request('POST', '/api/admin/users', {
      session: admin,
      body: { username: adminUser.username, displayName: 'x', password: GOOD_PASSWORD, role: 'auditor' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'ALREADY_EXISTS', errors: [{ field: 'username' }] });
  });

  it('lets one of two simultaneous edits win and answers the other with 409 CONFLICT', async () => {
    const edited = await aUser(t.handle.db, { role: 'auditor' });
    const user = await t.handle.db
      .selectFrom('users')
      .select(['id', 'version'])
      .where('id', '=', edited.id)
      .executeTakeFirstOrThrow();
    const [a, b] = await Promise.all(
      ['甲', '乙'].map((name) =>
        t.request('PATCH', `/api/admin/users/${user.id}`, {
          session: admin,
          body: { version: user.version, displayName: name },
        }),
      ),
    );
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 409]);
    const after = await t.handle.db
      .selectFrom('users')
      .select(['display_name', 'version'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(after.version).toBe(user.version + 1);
    expect(['甲', '乙']).toContain(after.display_name);
  });

  it('disabling a user ends their sessions at once', async () => {
    const disabled = await anEnterpriseUser(t.handle.db, await anEnterprise(t.handle.db));
    const session = await signIn(t, disabled);
    const user = await t.handle.db
      .selectFrom('users')
      .select(['id', 'version'])
      .where('id', '=', disabled.id)
      .executeTakeFirstOrThrow();
    const response = await t.request('PATCH', `/api/admin/users/${user.id}`, {
      session: admin,
      body: { version: user.version, isActive: false },
    });
    expect(response.json().isActive).toBe(false);
    expect((await t.request('GET', '/api/home', { session })).statusCode).toBe(401);
    const relogin = await t.request('POST', '/api/auth/login', {
      body: { username: disabled.username, password: disabled.password },
    });
    expect(relogin.json().code).toBe('ACCOUNT_DISABLED');
  });

  it('lists users by role, a page at a time', async () => {
    const officials = await t.request('GET', '/api/admin/users?role=official&pageSize=2&page=1', {
      session: admin,
    });
    expect(officials.json()).toMatchObject({ total: expect.any(Number), page: 1, pageSize: 2 });
    expect(officials.json().items).toHaveLength(2);
    expect(officials.json().items.every((u: { role: string }) => u.role === 'official')).toBe(true);
  });

  it('finds users by part of the username', async () => {
    const search = await t.request('GET', `/api/admin/users?q=${encodeURIComponent('county')}`, {
      session: admin,
    });
    expect(search.json().items.map((u: { username: string }) => u.username)).toEqual(['official.county']);
  });

  it('shows the name of the enterprise or institution a user is bound to, in the list', async () => {
    const list = await t.request('GET', '/api/admin/users?pageSize=100', { session: admin });
    const byName = new Map(list.json().items.map((u: { username: string }) => [u.username, u] as const));
    expect(byName.get(enterpriseUser.username)).toMatchObject({ enterpriseName, institutionName: null });
    expect(byName.get(bankUser.username)).toMatchObject({ enterpriseName: null, institutionName: bankName });
    expect(byName.get(adminUser.username)).toMatchObject({ enterpriseName: null, institutionName: null });
  });

  it('shows the name of the institution a user is bound to, alone', async () => {
    const one = await t.request('GET', `/api/admin/users/${bankUser.id}`, { session: admin });
    expect(one.json()).toMatchObject({ username: bankUser.username, institutionName: bankName });
  });

  const bind = (body: Record<string, unknown>) =>
    t.request('POST', '/api/admin/users', {
      session: admin,
      body: { displayName: '无主', password: GOOD_PASSWORD, ...body },
    });

  it('refuses to bind a user to an enterprise that does not exist', async () => {
    const toEnterprise = await bind({ username: 'no.firm', role: 'enterprise', enterpriseId: 999_999_999 });
    expect(toEnterprise.statusCode).toBe(400);
    expect(toEnterprise.json().errors.map((e: { field: string }) => e.field)).toEqual(['enterpriseId']);
  });

  it('refuses to bind a user to an institution that does not exist', async () => {
    const toBank = await bind({ username: 'no.bank', role: 'bank', institutionId: 999_999_999 });
    expect(toBank.statusCode).toBe(400);
    expect(toBank.json().errors.map((e: { field: string }) => e.field)).toEqual(['institutionId']);
  });
});
