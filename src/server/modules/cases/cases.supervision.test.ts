/**
 * Supervision (reminders and 督办 by the job, by hand), the dashboard's figures and the roll-up behind them, the
 * debtor's answers with the complainant kept confidential, and the annual disclosure.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anActionOn,
  anArrearsComplaint,
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aPayer,
  aPublicBody,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { addDays, addWorkingDays, isWorkingDay } from '../../../reference/calendar.ts';
import { makeUscc } from '../../../reference/uscc.ts';
import { todayInChina } from '../../../shared/today.ts';
import { superviseDeadlines } from './cases.supervision.ts';

/** A URL with query parameters. */
function withQuery(url: string, query: Record<string, string | number>): string {
  return `${url}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`;
}

/** The date `count` working days before `date`. */
function workingDaysBefore(date: string, count: number): string {
  let d = date;
  let left = count;
  while (left > 0) {
    d = addDays(d, -1);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

describe('case supervision', () => {
  let t: TestApp;
  let enterprise: Session;
  let county: Session;
  let city: Session;
  let province: Session;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    [enterprise, county, city, province, admin] = await Promise.all([
      t.login('enterprise'),
      t.login('official.county'),
      t.login('official.city'),
      t.login('official.province'),
      t.login('admin'),
    ]);
  });
  afterAll(() => t.close());

  const act = (session: Session, id: number, body: Record<string, unknown>) =>
    t.request('POST', `/api/cases/${id}/actions`, { session, body });
  const demand = async (title: string) =>
    (
      await t.request('POST', '/api/my/cases/demands', {
        session: enterprise,
        body: { kind: 'help', category: 'financing', title, description: '请求协助。' },
      })
    ).json();
  const userId = async (session: Session) => session.userId;
  const inbox = async (session: Session) =>
    (await t.request('GET', withQuery('/api/my/notifications', { pageSize: 100 }), { session })).json();

  it('reminds the handler before a deadline and supervises past it, once per deadline', async () => {
    const c = await demand('监督测试：提醒与督办');
    const deadline = c.deadline as string;
    expect(deadline).toBe(addWorkingDays(todayInChina(), 10));
    const countyId = await userId(county);
    const provinceId = await userId(province);

    // Three working days before: nothing yet. Two before: a reminder to the county's SME officials.
    expect((await superviseDeadlines(t.handle.db, workingDaysBefore(deadline, 3))).reminded).toBe(0);
    const soon = await superviseDeadlines(t.handle.db, workingDaysBefore(deadline, 2));
    expect(soon.reminded).toBeGreaterThanOrEqual(1);
    expect((await superviseDeadlines(t.handle.db, workingDaysBefore(deadline, 1))).reminded).toBe(0);
    const reminders = (await inbox(county)).items.filter(
      (n: { caseId: number; kind: string }) => n.caseId === c.id && n.kind === 'case_reminder',
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0].title.zh).toContain(`将于 ${deadline} 到期`);

    // The day after: supervised automatically, to the handler and to the city's SME official above it.
    const late = await superviseDeadlines(t.handle.db, addDays(deadline, 1));
    expect(late.supervised).toBeGreaterThanOrEqual(1);
    expect((await superviseDeadlines(t.handle.db, addDays(deadline, 2))).supervised).toBe(0);
    const detail = (await t.request('GET', `/api/cases/${c.id}`, { session: county })).json();
    expect(detail.supervisions).toHaveLength(1);
    expect(detail.supervisions[0]).toMatchObject({ issuedBy: null, acknowledgedAt: null });
    expect(detail.supervisions[0].reason).toContain(deadline);
    // Written by the platform: English for English readers, on the notice and on the timeline.
    expect(detail.supervisions[0].reasonEn).toBe(
      `Not dealt with by its deadline (${deadline}): supervised automatically by the system`,
    );
    expect(detail.events.at(-1).noteEn).toBe(detail.supervisions[0].reasonEn);
    expect(detail.events[0].noteEn).toBeNull();
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'remind', 'supervise']);
    const notices = (await inbox(county)).items.filter(
      (n: { caseId: number; kind: string }) => n.caseId === c.id && n.kind === 'case_supervision',
    );
    expect(notices).toHaveLength(1);
    expect(countyId).not.toBe(provinceId);

    // Once accepted, a new deadline runs: it may be reminded and supervised again.
    const accepted = (await act(county, c.id, { action: 'accept', version: detail.version })).json();
    expect(accepted.clockStage).toBe('forward');
    const again = await superviseDeadlines(t.handle.db, addDays(accepted.deadline, 1));
    expect(again.supervised).toBeGreaterThanOrEqual(1);
  });

  it('lets a supervisor issue 督办 by hand and the handler acknowledge it, audited', async () => {
    const c = await demand('监督测试：人工督办');
    const noReason = await t.request('POST', `/api/cases/${c.id}/supervisions`, {
      session: province,
      body: { reason: '  ' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    const past = await t.request('POST', `/api/cases/${c.id}/supervisions`, {
      session: province,
      body: { reason: '企业多次来电反映', deadline: '2020-01-01' },
    });
    expect(past.json().errors[0].field).toBe('deadline');
    // Not from the handling office itself.
    const ownOffice = await t.request('POST', `/api/cases/${c.id}/supervisions`, {
      session: county,
      body: { reason: '自己督办自己' },
    });
    expect(ownOffice.statusCode).toBe(403);
    const issued = await t.request('POST', `/api/cases/${c.id}/supervisions`, {
      session: province,
      body: { reason: '企业多次来电反映' },
    });
    expect(issued.statusCode).toBe(200);
    const sid = issued.json().id;
    const notice = (await inbox(county)).items.find(
      (n: { caseId: number; kind: string }) => n.caseId === c.id && n.kind === 'case_supervision',
    );
    expect(notice.title.zh).toContain('企业多次来电反映');
    // A person's words have no English of the platform's.
    const byHand = (await t.request('GET', `/api/cases/${c.id}`, { session: province })).json();
    expect(byHand.supervisions[0]).toMatchObject({ reason: '企业多次来电反映', reasonEn: null });
    // The city's SME official sees the case (its county's) but does not handle it: not theirs to acknowledge.
    const other = await t.request('POST', `/api/cases/${c.id}/supervisions/${sid}/acknowledge`, {
      session: city,
    });
    expect(other.statusCode).toBe(403);
    // Not by the one who issued it: by the handler.
    const issuer = await t.request('POST', `/api/cases/${c.id}/supervisions/${sid}/acknowledge`, {
      session: province,
    });
    expect(issuer.statusCode).toBe(403);
    const ack = await t.request('POST', `/api/cases/${c.id}/supervisions/${sid}/acknowledge`, {
      session: county,
    });
    expect(ack.statusCode).toBe(200);
    const twice = await t.request('POST', `/api/cases/${c.id}/supervisions/${sid}/acknowledge`, {
      session: county,
    });
    expect(twice.statusCode).toBe(409);
    const detail = (await t.request('GET', `/api/cases/${c.id}`, { session: county })).json();
    expect(detail.supervisions[0].acknowledgedAt).not.toBeNull();
    const audit = (
      await t.request('GET', withQuery('/api/audit', { targetType: 'case', targetId: c.id }), {
        session: admin,
      })
    ).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['case.supervise', 'case.supervision_acknowledged']),
    );
  });

  it('counts on-time replies, handling days, satisfaction and reopenings, kept equal to a rebuild', async () => {
    const before = (await t.request('GET', '/api/supervision/dashboard', { session: county })).json();
    let c = await demand('监督测试：统计');
    const me = await userId(county);
    c = (await act(county, c.id, { action: 'accept', version: c.version })).json();
    c = (await act(county, c.id, { action: 'assign', version: c.version, assigneeId: me })).json();
    c = (await act(county, c.id, { action: 'reply', version: c.version, note: '已答复' })).json();
    expect(c).toMatchObject({ repliedOnTime: true, firstRepliedOn: todayInChina() });
    c = (await act(enterprise, c.id, { action: 'rate', version: c.version, rating: 'unsatisfied' })).json();
    c = (await act(enterprise, c.id, { action: 'reopen', version: c.version, note: '没有解决' })).json();

    const after = (await t.request('GET', '/api/supervision/dashboard', { session: county })).json();
    const d = (k: string) => after.totals[k] - before.totals[k];
    expect(d('received')).toBe(1);
    expect(d('replied')).toBe(1);
    expect(d('repliedOnTime')).toBe(1);
    expect(d('rated')).toBe(1);
    expect(d('unsatisfied')).toBe(1);
    expect(d('reopened')).toBe(1);
    expect(d('open')).toBe(1);
    expect(after.totals.onTimeRate).toBeGreaterThan(0);
    expect(after.byRegion.map((r: { regionCode: string }) => r.regionCode)).toEqual(['320583']);
    expect(after.byDepartment.map((r: { departmentCode: string }) => r.departmentCode)).toEqual(['sme']);

    // The trigger-kept roll-up equals one rebuilt from the cases.
    const kept = await sql`select * from case_stats where received <> 0 order by 1, 2, 3, 4, 5`.execute(
      t.handle.db,
    );
    const keptDeadlines = await sql`select * from case_deadlines where open <> 0 order by 1, 2, 3, 4`.execute(
      t.handle.db,
    );
    await sql`select case_stats_rebuild()`.execute(t.handle.db);
    const rebuilt = await sql`select * from case_stats order by 1, 2, 3, 4, 5`.execute(t.handle.db);
    const rebuiltDeadlines = await sql`select * from case_deadlines order by 1, 2, 3, 4`.execute(t.handle.db);
    expect(kept.rows).toEqual(rebuilt.rows);
    expect(keptDeadlines.rows).toEqual(rebuiltDeadlines.rows);
    expect(rebuiltDeadlines.rows.length).toBeGreaterThan(0);

    // A province official sees the county as a city-level child; another region is refused by field.
    const prov = (await t.request('GET', '/api/supervision/dashboard', { session: province })).json();
    expect(prov.byRegion.map((r: { regionCode: string }) => r.regionCode)).toEqual(['320500']);
    // The province counts the county's cases and those of the city's other counties (one in the demo data).
    const elsewhere = await t.handle.db
      .selectFrom('cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('region_code', 'like', '32%')
      .where('region_code', '<>', '320583')
      .executeTakeFirstOrThrow();
    expect(prov.totals.received).toBe(after.totals.received + elsewhere.n);
    const outside = await t.request('GET', withQuery('/api/supervision/dashboard', { region: '110101' }), {
      session: county,
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('OUT_OF_SCOPE');
    expect(outside.json().errors[0].field).toBe('region');
    const badMonths = await t.request(
      'GET',
      withQuery('/api/supervision/dashboard', { from: '2026-05', to: '2026-01' }),
      { session: county },
    );
    expect(badMonths.json().errors[0].field).toBe('to');

    const csv = await t.request(
      'GET',
      withQuery('/api/supervision/dashboard/export', { by: 'region', format: 'csv', lang: 'zh' }),
      { session: province },
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('attachment');
    const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toContain('按时答复率');
    expect(lines[1]).toMatch(/^苏州市,/);
  });

  it('shows the debtor its complaints without the complainant, and records its answers and payments', async () => {
    // A public body of another county of the city with an SME office of its own, so that the complaint, the
    // payer's list and the office's figures hold only what this test makes.
    const { db } = t.handle;
    const publicBody = aPublicBody('320581');
    const firm = await anEnterprise(db, { region: '320583', employees: 12, revenue: 800 });
    const [officeUser, payerUser, firmUser] = await Promise.all([
      anOfficial(db, { region: '320581', department: 'sme' }),
      aPayer(db, publicBody),
      anEnterpriseUser(db, firm),
    ]);
    const [office, debtor, complainant] = await Promise.all([
      signIn(t, officeUser),
      signIn(t, payerUser),
      signIn(t, firmUser),
    ]);
    const complaint = await anArrearsComplaint(t, complainant, publicBody, {
      contractNumber: 'KS-CG-2025-0418',
    });
    expect(complaint.regionCode).toBe('320581');
    // Not before a department accepts it.
    expect((await t.request('GET', '/api/payer/claims', { session: debtor })).json().total).toBe(0);
    expect(
      (await t.request('GET', `/api/payer/claims/${complaint.id}`, { session: debtor })).statusCode,
    ).toBe(404);
    await act(office, complaint.id, { action: 'accept', version: complaint.version });
    const claimNotice = (await inbox(debtor)).items.find((n: { kind: string }) => n.kind === 'case_claim');
    expect(claimNotice.caseId).toBe(complaint.id);

    const list = (await t.request('GET', '/api/payer/claims', { session: debtor })).json();
    // 186,000 less the 45,536 of the 50,000 paid that went to the principal (4,464 of interest first).
    expect(list).toMatchObject({ total: 1, open: 1, outstanding: 140_464 });
    let claim = (await t.request('GET', `/api/payer/claims/${complaint.id}`, { session: debtor })).json();
    expect(claim).toMatchObject({
      contractNumber: 'KS-CG-2025-0418',
      amount: 186_000,
      repaid: 50_000,
      complainant: null,
    });
    expect(JSON.stringify(claim)).not.toContain('enterpriseId');
    expect(claim).not.toHaveProperty('description');
    expect(claim.assessment.dueDate).toBe('2025-04-02');

    const answer = (body: Record<string, unknown>) =>
      t.request('POST', `/api/payer/claims/${complaint.id}/answers`, { session: debtor, body });
    const noReason = await answer({ action: 'dispute', version: claim.version });
    expect(noReason.json().errors[0].field).toBe('note');
    const future = await answer({
      action: 'pay',
      version: claim.version,
      amount: 100,
      paidOn: addDays(todayInChina(), 1),
    });
    expect(future.json().errors[0].field).toBe('paidOn');
    const tooMuch = await answer({
      action: 'pay',
      version: claim.version,
      amount: 10_000_000,
      paidOn: todayInChina(),
    });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().errors[0].field).toBe('amount');
    const total = claim.assessment.totalOutstanding as number;
    expect(tooMuch.json().errors[0].message).toContain(total.toFixed(2));

    claim = (
      await answer({ action: 'acknowledge', version: claim.version, note: '确认欠款，安排支付' })
    ).json();
    expect(claim.debtorPosition).toBe('acknowledged');
    const stale = await answer({
      action: 'pay',
      version: claim.version - 1,
      amount: 1000,
      paidOn: todayInChina(),
    });
    expect(stale.statusCode).toBe(409);
    claim = (
      await answer({ action: 'pay', version: claim.version, amount: 30_000.5, paidOn: todayInChina() })
    ).json();
    expect(claim.repaid).toBe(80_000.5);
    expect(claim.payments).toEqual([expect.objectContaining({ amount: 30_000.5, paidOn: todayInChina() })]);
    // Paid interest-first: the outstanding total falls by exactly the payment.
    expect(claim.assessment.totalOutstanding).toBeCloseTo(total - 30_000.5, 2);
    expect(claim.events.map((e: { action: string }) => e.action)).toEqual([
      'accept',
      'debtor_acknowledge',
      'debtor_pay',
    ]);

    // The official and the enterprise see the payment; the enterprise is told.
    const detail = (await t.request('GET', `/api/cases/${complaint.id}`, { session: office })).json();
    expect(detail).toMatchObject({ repaid: 80_000.5, debtorPosition: 'acknowledged' });
    expect(detail.payments).toHaveLength(1);
    const told = (await inbox(complainant)).items.find((n: { title: { zh: string } }) =>
      n.title.zh.includes('被投诉方登记付款 30000.50 元'),
    );
    expect(told.caseId).toBe(complaint.id);
    // The list's figures count the recorded payment like the complaint's own page.
    const listed = (await t.request('GET', '/api/payer/claims', { session: debtor })).json();
    expect(listed.items[0].assessment.totalOutstanding).toBeCloseTo(claim.assessment.totalOutstanding, 2);
    expect(listed.outstanding).toBeCloseTo(claim.assessment.principalOutstanding, 2);
    const dash = (
      await t.request('GET', withQuery('/api/supervision/dashboard', { type: 'arrears' }), {
        session: office,
      })
    ).json();
    // Repaid is what went to the principal (interest first), outstanding the principal still unpaid.
    const principalRepaid = claim.assessment.paid - claim.assessment.interestPaid;
    expect(claim.assessment.paid).toBeCloseTo(80_000.5, 2);
    expect(dash.totals.claimed).toBe(186_000);
    expect(dash.totals.repaid).toBeCloseTo(principalRepaid, 2);
    expect(dash.totals.outstanding).toBeCloseTo(claim.assessment.principalOutstanding, 2);
    expect(dash.byDebtorKind).toEqual([
      expect.objectContaining({
        debtorKind: 'government',
        clearanceRatio: Math.round((principalRepaid / 186_000) * 10000) / 10000,
      }),
    ]);
    // A payment dated before another, larger than was owed on its day, is refused by field; 1.15 is a fine amount.
    const early = await answer({
      action: 'pay',
      version: claim.version,
      amount: 1_000_000,
      paidOn: '2025-06-01',
    });
    expect(early.json().errors[0]).toMatchObject({ field: 'amount' });
    expect(early.json().errors[0].message).toContain('2025-06-01');
    claim = (
      await answer({ action: 'pay', version: claim.version, amount: 1.15, paidOn: todayInChina() })
    ).json();
    expect(claim.repaid).toBeCloseTo(80_001.65, 2);
  });

  it('generates a public body’s annual disclosure from its complaints, published once and listed publicly', async () => {
    // A public body of a third county with its own SME office, its complaint accepted: the disclosure, the public
    // list and the office's status hold what this test makes.
    const { db } = t.handle;
    const publicBody = aPublicBody('320582');
    const firm = await anEnterprise(db, { region: '320583', employees: 12, revenue: 800 });
    const [officeUser, payerUser, firmUser] = await Promise.all([
      anOfficial(db, { region: '320582', department: 'sme' }),
      aPayer(db, publicBody),
      anEnterpriseUser(db, firm),
    ]);
    const [office, debtor, complainant] = await Promise.all([
      signIn(t, officeUser),
      signIn(t, payerUser),
      signIn(t, firmUser),
    ]);
    const complaint = await anArrearsComplaint(t, complainant, publicBody, {
      contractNumber: 'KS-CG-2025-0418',
    });
    await anActionOn(t, office, complaint, 'accept');
    const year = Number(todayInChina().slice(0, 4)) - 1;
    const current = await t.request('GET', withQuery('/api/payer/disclosure', { year: year + 1 }), {
      session: debtor,
    });
    expect(current.json().errors[0].field).toBe('year');
    const preview = (
      await t.request('GET', withQuery('/api/payer/disclosure', { year }), { session: debtor })
    ).json();
    expect(preview.published).toBeNull();
    expect(preview.computed).toMatchObject({ dueOn: `${year + 1}-03-31`, kind: 'government' });
    if (year === 2025) {
      // 186,000 due 2025-04-02; 50,000 paid 2025-05-20, 48 days late: 4,464 interest first, 45,536 on the
      // principal; 140,464 still unpaid at 31 December (the payment of this year does not count).
      expect(preview.computed).toMatchObject({ contracts: 1, amount: 140_464 });
      expect(preview.computed.details[0]).toMatchObject({
        contractNumber: 'KS-CG-2025-0418',
        dueDate: '2025-04-02',
      });
    }
    const published = await t.request('POST', '/api/payer/disclosures', {
      session: debtor,
      body: { year, note: '正在筹措资金' },
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({
      year,
      contracts: preview.computed.contracts,
      note: '正在筹措资金',
    });
    const again = await t.request('POST', '/api/payer/disclosures', { session: debtor, body: { year } });
    expect(again.statusCode).toBe(409);
    const listed = (await t.request('GET', withQuery('/api/public/arrears-disclosures', { year }))).json();
    expect(listed.items.map((d: { organizationName: string }) => d.organizationName)).toContain(
      publicBody.name,
    );
    // The public sees the count and the amount, not the contracts (a contract number can name the complainant).
    const mine = listed.items.find(
      (d: { organizationName: string }) => d.organizationName === publicBody.name,
    );
    expect(mine).toMatchObject({
      contracts: preview.computed.contracts,
      amount: preview.computed.amount,
      details: [],
    });
    expect(JSON.stringify(listed)).not.toContain('KS-CG-2025-0418');
    const status = (
      await t.request('GET', withQuery('/api/supervision/disclosures', { year }), { session: office })
    ).json();
    expect(status.items).toEqual([
      expect.objectContaining({ name: publicBody.name, published: expect.objectContaining({ year }) }),
    ]);
  });

  it('counts the queue from the roll-ups exactly as the cases say', async () => {
    const open = (
      await t.request('GET', withQuery('/api/cases', { pageSize: 200 }), { session: province })
    ).json();
    expect(open.total).toBe(open.items.length);
    expect(open.total).toBeGreaterThan(3);
    // One case past its deadline (as if time had passed).
    const late = open.items[0];
    await t.handle.db
      .updateTable('cases')
      .set({ deadline: '2026-01-05' })
      .where('id', '=', late.id)
      .execute();
    const overdue = (
      await t.request('GET', withQuery('/api/cases', { overdue: 'true', pageSize: 200 }), {
        session: province,
      })
    ).json();
    expect(overdue.total).toBe(overdue.items.length);
    expect(overdue.items.map((c: { id: number }) => c.id)).toContain(late.id);
    for (const type of ['demand', 'arrears']) {
      const typed = (
        await t.request('GET', withQuery('/api/cases', { type, pageSize: 200 }), { session: county })
      ).json();
      expect(typed.total).toBe(typed.items.length);
    }
    const searched = (
      await t.request('GET', withQuery('/api/cases', { q: '监督测试', pageSize: 200 }), { session: county })
    ).json();
    expect(searched.total).toBe(searched.items.length);
  });

  it('requires an organisation for a payer account', async () => {
    const missing = await t.request('POST', '/api/admin/users', {
      session: admin,
      body: {
        username: 'payer.two',
        displayName: '某事业单位',
        password: 'Quite-Long-Pass-2026',
        role: 'payer',
      },
    });
    expect(missing.statusCode).toBe(400);
    expect(
      missing
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['organizationName', 'organizationUscc']);
    const bad = await t.request('POST', '/api/admin/users', {
      session: admin,
      body: {
        username: 'payer.two',
        displayName: '某事业单位',
        password: 'Quite-Long-Pass-2026',
        role: 'payer',
        organizationUscc: '123',
        organizationName: '某事业单位',
      },
    });
    expect(bad.json().errors[0].field).toBe('organizationUscc');

    // A large enterprise's official: its disclosure belongs in the credit publicity system, not here.
    const large = await t.request('POST', '/api/admin/users', {
      session: admin,
      body: {
        username: 'payer.large',
        displayName: '某大型企业财务',
        password: 'Quite-Long-Pass-2026',
        role: 'payer',
        organizationUscc: makeUscc('91320583MA1LARGE0'),
        organizationName: '某大型企业',
      },
    });
    expect(large.statusCode).toBe(201);
    const largePayer = await t.login('payer.large', 'Quite-Long-Pass-2026');
    const year = Number(todayInChina().slice(0, 4)) - 1;
    const refused = await t.request('POST', '/api/payer/disclosures', {
      session: largePayer,
      body: { year },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].message).toContain('企业信用信息公示系统');
    // It sees no complaints of others.
    expect((await t.request('GET', '/api/payer/claims', { session: largePayer })).json().total).toBe(0);
  });
});

describe('deadlines ending on a statutory rest day (民法典第二百零三条)', () => {
  let t: TestApp;
  let enterprise: Session;
  let county: Session;
  beforeAll(async () => {
    t = await createTestApp();
    [enterprise, county] = await Promise.all([t.login('enterprise'), t.login('official.county')]);
  });
  afterAll(() => t.close());

  it('moves a stored deadline on a rest day to the next working day before reminding or supervising', async () => {
    const c = (
      await t.request('POST', '/api/my/cases/demands', {
        session: enterprise,
        body: { kind: 'help', category: 'financing', title: '节假日期限', description: '请求协助。' },
      })
    ).json();
    // The handler's 30 days from 2025-09-03 end on Friday 10-03, inside National Day (10-01 … 10-08 off); the
    // deadline is stored as it was computed before the rule.
    const clock = {
      stage: 'result',
      unit: 'calendar',
      startedOn: '2025-09-03',
      limit: 30,
      pausedDays: 0,
      pausedSince: null,
      extendedDays: 0,
    };
    await t.handle.db
      .updateTable('cases')
      .set({ state: 'in_progress', clock: JSON.stringify(clock), deadline: '2025-10-03' })
      .where('id', '=', c.id)
      .execute();
    const run = await superviseDeadlines(t.handle.db, '2025-10-08');
    expect(run.moved).toBeGreaterThanOrEqual(1);
    const row = await t.handle.db
      .selectFrom('cases')
      .select([sql<string>`deadline::text`.as('deadline'), 'reminded_level'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    // Not past it on 10-08: reminded (due on the next working day), not supervised.
    expect(row).toEqual({ deadline: '2025-10-09', reminded_level: 1 });
    const detail = (await t.request('GET', `/api/cases/${c.id}`, { session: county })).json();
    expect(detail.deadline).toBe('2025-10-09');
    expect(detail.supervisions).toEqual([]);
    expect(detail.deadlineExplanation.map((l: { text: { zh: string } }) => l.text.zh)).toEqual([
      '办理期限：自 2025-09-03 起 30 日 → 2025-10-09',
      '期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日（《民法典》第二百零三条）：期间最后一日 2025-10-03（国庆节）是法定休假日，顺延至 2025-10-09',
    ]);
  });
});
