/**
 * The supervision dashboard's figures and the case queue they link to agree when a period is chosen (issue 12):
 * 在办 and 已超期 count the open cases received in the months chosen, and the queue with the same period (and
 * region, type, department) lists exactly those cases.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  aSignedInAdmin,
  aSignedInEnterprise,
  aSignedInOfficial,
} from '../../../../test/helpers/cases-factories.ts';
import { addDays } from '../../../reference/calendar.ts';
import { todayInChina } from '../../../shared/today.ts';

function withQuery(url: string, query: Record<string, string | number | undefined>): string {
  const entries = Object.entries(query).filter((e): e is [string, string | number] => e[1] !== undefined);
  return `${url}?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}`;
}

describe('the dashboard and the queue over a period', () => {
  let t: TestApp;
  let enterprise: Session;
  let county: Session;
  let admin: Session;
  /** Open demands received in March (overdue) and April 2025 (one overdue, one not). */
  const ids = { march: 0, april: 0, aprilOverdue: 0 };
  const today = todayInChina();

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    [enterprise, county, admin] = await Promise.all([
      aSignedInEnterprise(t).then((e) => e.session),
      aSignedInOfficial(t),
      aSignedInAdmin(t),
    ]);
    const file = async (title: string, receivedOn: string, deadline: string) => {
      const response = await t.request('POST', '/api/my/cases/demands', {
        session: enterprise,
        body: { kind: 'help', category: 'financing', title, description: '请求协助。' },
      });
      expect(response.statusCode).toBe(200);
      const id = response.json().id as number;
      // Received back then (raw SQL bypasses the repository, so the roll-ups are rebuilt from the cases).
      await sql`update cases set received_on = ${receivedOn}, deadline = ${deadline} where id = ${id}`.execute(
        t.handle.db,
      );
      await sql`select case_stats_rebuild()`.execute(t.handle.db);
      return id;
    };
    ids.march = await file('期间测试：三月', '2025-03-10', '2025-03-24');
    ids.april = await file('期间测试：四月未超期', '2025-04-07', addDays(today, 3));
    ids.aprilOverdue = await file('期间测试：四月已超期', '2025-04-21', '2025-05-06');
  });
  afterAll(() => t.close());

  const dashboard = async (session: Session, query: Record<string, string | undefined>) => {
    const response = await t.request('GET', withQuery('/api/supervision/dashboard', query), { session });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  /** The queue's total and the ids it lists (one page holds them all here). */
  const queue = async (session: Session, query: Record<string, string | undefined>) => {
    const response = await t.request('GET', withQuery('/api/cases', { ...query, pageSize: 200 }), {
      session,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    return { total: body.total as number, ids: body.items.map((c: { id: number }) => c.id).sort() };
  };

  it('counts in 在办 and 已超期 only the open cases received in the period, as the linked queue lists them', async () => {
    const april = await dashboard(county, { from: '2025-04', to: '2025-04' });
    expect(april.totals).toMatchObject({ open: 2, overdue: 1 });
    const open = await queue(county, { open: 'true', from: '2025-04', to: '2025-04' });
    expect(open).toEqual({ total: 2, ids: [ids.april, ids.aprilOverdue].sort() });
    const overdue = await queue(county, { overdue: 'true', from: '2025-04', to: '2025-04' });
    expect(overdue).toEqual({ total: 1, ids: [ids.aprilOverdue] });
  });

  it('counts over several months and one type as the linked queue lists them', async () => {
    const spring = await dashboard(county, { from: '2025-03', to: '2025-04', type: 'demand' });
    expect(spring.totals).toMatchObject({ open: 3, overdue: 2 });
    expect(
      (await queue(county, { open: 'true', from: '2025-03', to: '2025-04', type: 'demand' })).total,
    ).toBe(3);
    expect(
      (await queue(county, { overdue: 'true', from: '2025-03', to: '2025-04', type: 'demand' })).total,
    ).toBe(2);
  });

  it('agrees row by row and without a period too', async () => {
    for (const period of [{ from: '2025-03', to: '2025-04' }, { from: '2025-04' }, { to: '2025-03' }, {}]) {
      const figures = await dashboard(admin, period);
      for (const row of figures.byRegion as { regionCode: string; open: number; overdue: number }[]) {
        const region = row.regionCode;
        const open = await queue(admin, { ...period, open: 'true', region });
        const overdue = await queue(admin, { ...period, overdue: 'true', region });
        expect([open.total, open.ids.length], `${JSON.stringify(period)} ${region} open`).toEqual([
          row.open,
          row.open,
        ]);
        expect([overdue.total, overdue.ids.length], `${JSON.stringify(period)} ${region} overdue`).toEqual([
          row.overdue,
          row.overdue,
        ]);
      }
    }
  });

  it('keeps the dashboard’s department in the queue (an admin’s choice; an official of one: always theirs)', async () => {
    const [demand] = (
      await t.handle.db.selectFrom('cases').select('department_code').where('id', '=', ids.march).execute()
    ).map((r) => r.department_code);
    const department = demand as string;
    const figures = await dashboard(admin, { from: '2025-03', to: '2025-04', department });
    expect(figures.totals.open).toBe(3);
    expect((await queue(admin, { open: 'true', from: '2025-03', to: '2025-04', department })).total).toBe(3);
    expect(figures.byRegion.reduce((sum: number, row: { open: number }) => sum + row.open, 0)).toBe(3);
    const other = await queue(admin, {
      open: 'true',
      from: '2025-03',
      to: '2025-04',
      department: department === 'mof' ? 'most' : 'mof',
    });
    expect(other.ids).not.toContain(ids.march);
  });

  it('refuses a malformed month or an unknown department in the queue, naming the parameter', async () => {
    const month = await t.request('GET', '/api/cases?from=2025-13', { session: county });
    expect(month.statusCode).toBe(400);
    expect(month.json().errors[0].field).toBe('from');
    const backwards = await t.request('GET', '/api/cases?from=2025-05&to=2025-04', { session: county });
    expect(backwards.json().errors[0].field).toBe('to');
    const department = await t.request('GET', '/api/cases?department=nope', { session: admin });
    expect(department.statusCode).toBe(400);
    expect(department.json().errors[0].field).toBe('department');
  });
});
