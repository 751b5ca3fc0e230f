/** `GET /api/audit` filters: one action exactly or a prefix ending in '.', and the acting user by name. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { aUser, type MadeUser, signIn } from '../../../../test/helpers/factories.ts';

describe('GET /api/audit filters', () => {
  let t: TestApp;
  let auditorUser: MadeUser;
  let auditor: Session;
  // Two sign-ins (an admin's, an auditor's) and one failed sign-in of the auditor.
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    await signIn(t, await aUser(t.handle.db, { role: 'admin', username: 'admin.one' }));
    auditorUser = await aUser(t.handle.db, { role: 'auditor', username: 'auditor.one' });
    auditor = await signIn(t, auditorUser);
    await t.request('POST', '/api/auth/login', {
      body: { username: auditorUser.username, password: 'wrong-password-1' },
    });
  });
  afterAll(() => t.close());

  const list = async (query: string) => {
    const response = await t.request('GET', `/api/audit?pageSize=200&${query}`, { session: auditor });
    expect(response.statusCode).toBe(200);
    return response.json().items as { action: string; actorUsername: string | null }[];
  };

  it('matches an action exactly: auth.login leaves out auth.login_failed', async () => {
    const items = await list('action=auth.login');
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(new Set(items.map((i) => i.action))).toEqual(new Set(['auth.login']));
  });

  it('matches every action under a prefix ending in a dot', async () => {
    const actions = new Set((await list('action=auth.')).map((i) => i.action));
    expect(actions).toContain('auth.login');
    expect(actions).toContain('auth.login_failed');
  });

  it('finds the entries of users whose username contains the search, ignoring case', async () => {
    const items = await list('action=auth.login&actor=AUDIT');
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(new Set(items.map((i) => i.actorUsername))).toEqual(new Set([auditorUser.username]));
  });
});
