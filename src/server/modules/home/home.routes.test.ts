/**
 * Each role's home: an official's cases by deadline (counted and listed as the case queue counts and lists them),
 * the admin's and the auditor's figures.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  aDemand,
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aPayer,
  aPublicBody,
  aUser,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { addWorkingDays } from '../../../reference/calendar.ts';
import { todayInChina } from '../../../shared/today.ts';

describe('an official’s home', () => {
  let t: TestApp;
  let county: Session;
  let city: Session;
  let ids: number[];
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    county = await signIn(t, await anOfficial(db, { region: '320583' }));
    city = await signIn(t, await anOfficial(db, { region: '320500' }));
    // Three open cases in the county: one past its deadline, one due on the next working day, one later.
    const enterprise = await signIn(
      t,
      await anEnterpriseUser(db, await anEnterprise(db, { region: '320583' })),
    );
    for (let i = 0; i < 3; i++) await aDemand(t, enterprise);
    const queue = (await t.request('GET', '/api/cases?pageSize=50', { session: county })).json();
    ids = queue.items.map((c: { id: number }) => c.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    // A clock and its stored deadline, as the case engine keeps them.
    const setClock = (id: number, startedOn: string, limit: number) =>
      t.handle.db
        .updateTable('cases')
        .set({
          clock: JSON.stringify({
            stage: 'result',
            unit: 'working',
            startedOn,
            limit,
            pausedDays: 0,
            pausedSince: null,
            extendedDays: 0,
          }),
          deadline: addWorkingDays(startedOn, limit),
        })
        .where('id', '=', id)
        .execute();
    await setClock(ids[0] ?? 0, '2025-09-01', 1);
    await setClock(ids[1] ?? 0, todayInChina(), 1);
    // Written around the case repository: the roll-ups are rebuilt from the cases.
    await sql`select case_stats_rebuild()`.execute(t.handle.db);
  });
  afterAll(() => t.close());

  it('counts open, overdue and due-soon cases and lists them, each with its id for the link', async () => {
    const home = (await t.request('GET', '/api/home', { session: county })).json();
    const cases = home.region.cases;
    const queue = (await t.request('GET', '/api/cases?pageSize=50', { session: county })).json();
    const overdue = (
      await t.request('GET', '/api/cases?overdue=true&pageSize=50', { session: county })
    ).json();
    expect(cases.open).toBe(queue.total);
    expect(cases.overdue.total).toBe(overdue.total);
    expect(cases.overdue.items.map((c: { id: number }) => c.id)).toContain(ids[0]);
    expect(cases.dueSoon.items.map((c: { id: number }) => c.id)).toEqual([ids[1]]);
    expect(cases.dueSoon.total).toBe(1);
    expect(cases.dueSoonUntil).toBe(addWorkingDays(todayInChina(), 2));
    expect(cases.overdue.items[0]).toEqual({
      id: ids[0],
      number: expect.any(String),
      title: expect.any(String),
      type: expect.any(String),
      deadline: expect.any(String),
    });
  });

  it('gives a county no sub-regions', async () => {
    const home = (await t.request('GET', '/api/home', { session: county })).json();
    expect(home.region.byChildRegion).toEqual([]);
  });

  it('gives a city its counties', async () => {
    const cityHome = (await t.request('GET', '/api/home', { session: city })).json();
    expect(cityHome.region.cases.overdue.total).toBeGreaterThanOrEqual(0);
    expect(cityHome.region.byChildRegion.length).toBeGreaterThan(0);
  });
});

describe('the admin’s and the auditor’s home', () => {
  let t: TestApp;
  let admin: Session;
  let auditor: Session;
  let payerUsername: string;
  // Three officials, one payer (locked out by the admin test), an admin and an auditor.
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    for (const region of ['320583', '320500', '320000']) await anOfficial(db, { region });
    payerUsername = (await aPayer(db, aPublicBody())).username;
    admin = await signIn(t, await aUser(db, { role: 'admin' }));
    auditor = await signIn(t, await aUser(db, { role: 'auditor' }));
  });
  afterAll(() => t.close());

  it('counts users by role and those locked out, and the audit log’s entries', async () => {
    await t.handle.db
      .updateTable('users')
      .set({ locked_until: new Date(Date.now() + 3_600_000) })
      .where('username', '=', payerUsername)
      .execute();
    const home = (await t.request('GET', '/api/home', { session: admin })).json();
    const head = await t.handle.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    expect(home.admin).toEqual({
      usersByRole: expect.arrayContaining([
        { role: 'official', count: 3 },
        { role: 'payer', count: 1 },
      ]),
      lockedUsers: 1,
      auditEntries: head.seq,
    });
  });

  it('gives the auditor the number of entries and when the last was written', async () => {
    const home = (await t.request('GET', '/api/home', { session: auditor })).json();
    const last = await t.handle.db
      .selectFrom('audit_log')
      .select(['seq', 'at'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(home.audit).toEqual({ entries: last.seq, lastEntryAt: last.at.toISOString() });
  });
});
