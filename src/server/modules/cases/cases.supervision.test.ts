/**
 * Supervision (reminders and 督办 by the job, by hand), the dashboard's figures and the roll-up behind them, the
 * debtor's answers with the complainant kept confidential, and the annual disclosure. Each scenario builds its own
 * world with factories on a database of its own, then each `it` asserts one behaviour of it.
 */
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anSmeOfficeLadder,
  aSignedInAdmin,
  aSignedInEnterprise,
} from '../../../../test/helpers/cases-factories.ts';
import {
  aDemand,
  anActionOn,
  anArrearsComplaint,
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aPayer,
  aPublicBody,
  type CaseReply,
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

// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever fields of the reply it asserts on
type Json = Record<string, any>;
type Notice = { caseId: number; kind: string; title: { zh: string } };

/** A signed-in user's notices (the latest hundred). */
async function inbox(t: TestApp, session: Session): Promise<Notice[]> {
  return (await t.request('GET', withQuery('/api/my/notifications', { pageSize: 100 }), { session })).json()
    .items;
}

// One app for the file; each scenario builds its own world in it (its own enterprise, public body, cases), on the
// SME offices of the province, the city and the demo county made once. The daily run has an app of its own: it
// supervises every case of its database.
let t: TestApp;
let offices: { province: Session; city: Session; county: Session };
beforeAll(async () => {
  t = await createTestApp({ demo: false });
  offices = await anSmeOfficeLadder(t);
});
afterAll(() => t.close());

/** A help request of the enterprise (the county's SME office handles it). */
function aHelpRequest(t: TestApp, enterprise: Session, title: string): Promise<CaseReply> {
  return aDemand(t, enterprise, { kind: 'help', category: 'financing', title, description: '请求协助。' });
}

describe('the daily run before and past a deadline', () => {
  let t: TestApp;
  let county: Session;
  let province: Session;
  let c: CaseReply;
  let deadline: string;
  type Run = { reminded: number; supervised: number };
  const runs = {} as Record<
    'threeBefore' | 'twoBefore' | 'oneBefore' | 'dayAfter' | 'twoAfter' | 'afterNewDeadline',
    Run
  >;
  let reminders: Notice[];
  let detail: Json;
  let notices: Notice[];
  let accepted: CaseReply;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    ({ county, province } = await anSmeOfficeLadder(t));
    const enterprise = await aSignedInEnterprise(t);
    c = await aHelpRequest(t, enterprise.session, '监督测试：提醒与督办');
    deadline = c.deadline;
    const run = (day: string) => superviseDeadlines(t.handle.db, day);
    runs.threeBefore = await run(workingDaysBefore(deadline, 3));
    runs.twoBefore = await run(workingDaysBefore(deadline, 2));
    runs.oneBefore = await run(workingDaysBefore(deadline, 1));
    reminders = (await inbox(t, county)).filter((n) => n.caseId === c.id && n.kind === 'case_reminder');
    runs.dayAfter = await run(addDays(deadline, 1));
    runs.twoAfter = await run(addDays(deadline, 2));
    detail = (await t.request('GET', `/api/cases/${c.id}`, { session: county })).json();
    notices = (await inbox(t, county)).filter((n) => n.caseId === c.id && n.kind === 'case_supervision');
    accepted = await anActionOn(t, county, detail as CaseReply, 'accept');
    runs.afterNewDeadline = await run(addDays(accepted.deadline, 1));
  });
  afterAll(() => t.close());

  it('gives a demand ten working days to be accepted', () => {
    expect(deadline).toBe(addWorkingDays(todayInChina(), 10));
  });

  it('reminds nobody three working days before the deadline', () => {
    expect(runs.threeBefore.reminded).toBe(0);
  });

  it('reminds the county’s SME officials two working days before, once', () => {
    expect(runs.twoBefore.reminded).toBeGreaterThanOrEqual(1);
    expect(runs.oneBefore.reminded).toBe(0);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.title.zh).toContain(`将于 ${deadline} 到期`);
  });

  it('supervises automatically the day after the deadline, once', () => {
    expect(runs.dayAfter.supervised).toBeGreaterThanOrEqual(1);
    expect(runs.twoAfter.supervised).toBe(0);
    expect(detail.supervisions).toHaveLength(1);
    expect(detail.supervisions[0]).toMatchObject({ issuedBy: null, acknowledgedAt: null });
    expect(detail.supervisions[0].reason).toContain(deadline);
  });

  it('writes the platform’s reason in English too, on the 督办 and on the timeline', () => {
    expect(detail.supervisions[0].reasonEn).toBe(
      `Not dealt with by its deadline (${deadline}): supervised automatically by the system`,
    );
    expect(detail.events.at(-1).noteEn).toBe(detail.supervisions[0].reasonEn);
    expect(detail.events[0].noteEn).toBeNull();
    expect(detail.events.map((e: { action: string }) => e.action)).toEqual(['submit', 'remind', 'supervise']);
  });

  it('tells the handler of the 督办 once', () => {
    expect(notices).toHaveLength(1);
    expect(county.userId).not.toBe(province.userId);
  });

  it('runs a new deadline once the case is accepted, supervised again past it', () => {
    expect(accepted.clockStage).toBe('forward');
    expect(runs.afterNewDeadline.supervised).toBeGreaterThanOrEqual(1);
  });
});

describe('issuing 督办 by hand', () => {
  let county: Session;
  let province: Session;
  let c: CaseReply;
  beforeAll(async () => {
    ({ county, province } = offices);
    const enterprise = await aSignedInEnterprise(t);
    c = await aHelpRequest(t, enterprise.session, '监督测试：人工督办');
  });

  const supervise = (session: Session, body: Record<string, unknown>) =>
    t.request('POST', `/api/cases/${c.id}/supervisions`, { session, body });

  it('refuses a blank reason, naming the field', async () => {
    const noReason = await supervise(province, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
  });

  it('refuses a deadline in the past, naming the field', async () => {
    const past = await supervise(province, { reason: '企业多次来电反映', deadline: '2020-01-01' });
    expect(past.json().errors[0].field).toBe('deadline');
  });

  it('refuses 督办 from the handling office itself', async () => {
    const ownOffice = await supervise(county, { reason: '自己督办自己' });
    expect(ownOffice.statusCode).toBe(403);
  });
});

describe('a 督办 issued by hand and acknowledged by the handler', () => {
  let c: CaseReply;
  let issued: LightMyRequestResponse;
  let notice: Notice | undefined;
  let byHand: Json;
  const acknowledged: Record<string, LightMyRequestResponse> = {};
  let detail: Json;
  let audit: Json;
  beforeAll(async () => {
    const { county, city, province } = offices;
    const [enterprise, admin] = await Promise.all([aSignedInEnterprise(t), aSignedInAdmin(t)]);
    c = await aHelpRequest(t, enterprise.session, '监督测试：人工督办');
    issued = await t.request('POST', `/api/cases/${c.id}/supervisions`, {
      session: province,
      body: { reason: '企业多次来电反映' },
    });
    const sid = issued.json().id;
    notice = (await inbox(t, county)).find((n) => n.caseId === c.id && n.kind === 'case_supervision');
    byHand = (await t.request('GET', `/api/cases/${c.id}`, { session: province })).json();
    const acknowledge = (session: Session) =>
      t.request('POST', `/api/cases/${c.id}/supervisions/${sid}/acknowledge`, { session });
    acknowledged.byCity = await acknowledge(city);
    acknowledged.byIssuer = await acknowledge(province);
    acknowledged.byHandler = await acknowledge(county);
    acknowledged.twice = await acknowledge(county);
    detail = (await t.request('GET', `/api/cases/${c.id}`, { session: county })).json();
    audit = (
      await t.request('GET', withQuery('/api/audit', { targetType: 'case', targetId: c.id }), {
        session: admin,
      })
    ).json();
  });

  it('issues it and tells the handler its reason', () => {
    expect(issued.statusCode).toBe(200);
    expect(notice?.title.zh).toContain('企业多次来电反映');
  });

  it('keeps a person’s words without an English of the platform’s', () => {
    expect(byHand.supervisions[0]).toMatchObject({ reason: '企业多次来电反映', reasonEn: null });
  });

  it('refuses acknowledgement by the city’s SME official, who sees the case but does not handle it', () => {
    expect(acknowledged.byCity?.statusCode).toBe(403);
  });

  it('refuses acknowledgement by the one who issued it', () => {
    expect(acknowledged.byIssuer?.statusCode).toBe(403);
  });

  it('lets the handler acknowledge it once', () => {
    expect(acknowledged.byHandler?.statusCode).toBe(200);
    expect(acknowledged.twice?.statusCode).toBe(409);
    expect(detail.supervisions[0].acknowledgedAt).not.toBeNull();
  });

  it('audits the 督办 and its acknowledgement', () => {
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['case.supervise', 'case.supervision_acknowledged']),
    );
  });
});

describe('the dashboard’s figures and the roll-up behind them', () => {
  let county: Session;
  let province: Session;
  let replied: CaseReply;
  let before: Json;
  let after: Json;
  beforeAll(async () => {
    ({ county, province } = offices);
    const [enterprise, elsewhere] = await Promise.all([
      aSignedInEnterprise(t),
      // A firm of another district of the city, which has no office of its own (the city handles it).
      aSignedInEnterprise(t, { region: '320506' }),
    ]);
    await aHelpRequest(t, elsewhere.session, '监督测试：另一个县');
    before = (await t.request('GET', '/api/supervision/dashboard', { session: county })).json();
    let c = await aHelpRequest(t, enterprise.session, '监督测试：统计');
    c = await anActionOn(t, county, c, 'accept');
    c = await anActionOn(t, county, c, 'assign', { assigneeId: county.userId });
    replied = await anActionOn(t, county, c, 'reply', { note: '已答复' });
    c = await anActionOn(t, enterprise.session, replied, 'rate', { rating: 'unsatisfied' });
    await anActionOn(t, enterprise.session, c, 'reopen', { note: '没有解决' });
    after = (await t.request('GET', '/api/supervision/dashboard', { session: county })).json();
  });

  const change = (k: string) => after.totals[k] - before.totals[k];

  it('marks a reply within the deadline as on time', () => {
    expect(replied).toMatchObject({ repliedOnTime: true, firstRepliedOn: todayInChina() });
  });

  it('counts the case received, replied on time, rated unsatisfied and reopened, still open', () => {
    expect(change('received')).toBe(1);
    expect(change('replied')).toBe(1);
    expect(change('repliedOnTime')).toBe(1);
    expect(change('rated')).toBe(1);
    expect(change('unsatisfied')).toBe(1);
    expect(change('reopened')).toBe(1);
    expect(change('open')).toBe(1);
    expect(after.totals.onTimeRate).toBeGreaterThan(0);
  });

  it('breaks a county official’s figures down by its county and department', () => {
    expect(after.byRegion.map((r: { regionCode: string }) => r.regionCode)).toEqual(['320583']);
    expect(after.byDepartment.map((r: { departmentCode: string }) => r.departmentCode)).toEqual(['sme']);
  });

  it('keeps the roll-up its writes maintain equal to one rebuilt from the cases', async () => {
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
  });

  it('shows a province official the county’s city as its child, counting the city’s other counties too', async () => {
    const prov = (await t.request('GET', '/api/supervision/dashboard', { session: province })).json();
    expect(prov.byRegion.map((r: { regionCode: string }) => r.regionCode)).toEqual(['320500']);
    const elsewhere = await t.handle.db
      .selectFrom('cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('region_code', 'like', '32%')
      .where('region_code', '<>', '320583')
      .executeTakeFirstOrThrow();
    expect(prov.totals.received).toBe(after.totals.received + elsewhere.n);
  });

  it('refuses a region outside the official’s with 403 OUT_OF_SCOPE naming the field', async () => {
    const outside = await t.request('GET', withQuery('/api/supervision/dashboard', { region: '110101' }), {
      session: county,
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().code).toBe('OUT_OF_SCOPE');
    expect(outside.json().errors[0].field).toBe('region');
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const badMonths = await t.request(
      'GET',
      withQuery('/api/supervision/dashboard', { from: '2026-05', to: '2026-01' }),
      { session: county },
    );
    expect(badMonths.json().errors[0].field).toBe('to');
  });

  it('exports the figures by region as a CSV download headed as the page', async () => {
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
});

/**
 * A public body of another county of the city with an SME office of its own, a complaint against it by a firm of
 * the demo county, and the payer who answers for the body: signed in.
 */
async function aComplaintBeforeItsDebtor(t: TestApp, region: string, contractNumber = 'KS-CG-2025-0418') {
  const { db } = t.handle;
  const publicBody = aPublicBody(region);
  const firm = await anEnterprise(db, { region: '320583', employees: 12, revenue: 800 });
  const [officeUser, payerUser, firmUser] = await Promise.all([
    anOfficial(db, { region, department: 'sme' }),
    aPayer(db, publicBody),
    anEnterpriseUser(db, firm),
  ]);
  const [office, debtor, complainant] = await Promise.all([
    signIn(t, officeUser),
    signIn(t, payerUser),
    signIn(t, firmUser),
  ]);
  const complaint = await anArrearsComplaint(t, complainant, publicBody, { contractNumber });
  return { publicBody, office, debtor, complainant, complaint };
}

describe('a complaint shown to its debtor', () => {
  let debtor: Session;
  let complaint: CaseReply;
  let listedBefore: Json;
  let openedBefore: LightMyRequestResponse;
  let claimNotice: Notice | undefined;
  let list: Json;
  let claim: Json;
  beforeAll(async () => {
    let office: Session;
    ({ office, debtor, complaint } = await aComplaintBeforeItsDebtor(t, '320581'));
    listedBefore = (await t.request('GET', '/api/payer/claims', { session: debtor })).json();
    openedBefore = await t.request('GET', `/api/payer/claims/${complaint.id}`, { session: debtor });
    await anActionOn(t, office, complaint, 'accept');
    claimNotice = (await inbox(t, debtor)).find((n) => n.kind === 'case_claim');
    list = (await t.request('GET', '/api/payer/claims', { session: debtor })).json();
    claim = (await t.request('GET', `/api/payer/claims/${complaint.id}`, { session: debtor })).json();
  });

  const answer = (body: Record<string, unknown>) =>
    t.request('POST', `/api/payer/claims/${complaint.id}/answers`, { session: debtor, body });

  it('routes the complaint to the debtor’s county', () => {
    expect(complaint.regionCode).toBe('320581');
  });

  it('shows the debtor nothing before a department accepts it', () => {
    expect(listedBefore.total).toBe(0);
    expect(openedBefore.statusCode).toBe(404);
  });

  it('tells the debtor once it is accepted', () => {
    expect(claimNotice?.caseId).toBe(complaint.id);
  });

  it('lists the principal outstanding after the payment made (interest first)', () => {
    // 186,000 less the 45,536 of the 50,000 paid that went to the principal (4,464 of interest first).
    expect(list).toMatchObject({ total: 1, open: 1, outstanding: 140_464 });
  });

  it('shows the claim without the complainant or its description', () => {
    expect(claim).toMatchObject({
      contractNumber: 'KS-CG-2025-0418',
      amount: 186_000,
      repaid: 50_000,
      complainant: null,
    });
    expect(JSON.stringify(claim)).not.toContain('enterpriseId');
    expect(claim).not.toHaveProperty('description');
    expect(claim.assessment.dueDate).toBe('2025-04-02');
  });

  it('refuses a dispute without a note, naming the field', async () => {
    const noReason = await answer({ action: 'dispute', version: claim.version });
    expect(noReason.json().errors[0].field).toBe('note');
  });

  it('refuses a payment dated in the future, naming the field', async () => {
    const future = await answer({
      action: 'pay',
      version: claim.version,
      amount: 100,
      paidOn: addDays(todayInChina(), 1),
    });
    expect(future.json().errors[0].field).toBe('paidOn');
  });

  it('refuses a payment of more than is owed, naming the amount owed', async () => {
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
  });
});

describe('a debtor’s acknowledgement and payments', () => {
  let complaint: CaseReply;
  let owedBefore: number;
  let acknowledged: Json;
  let stale: LightMyRequestResponse;
  let paid: Json;
  let detail: Json;
  let told: Notice | undefined;
  let listed: Json;
  let dash: Json;
  let early: LightMyRequestResponse;
  let paidAgain: Json;
  beforeAll(async () => {
    const world = await aComplaintBeforeItsDebtor(t, '320582');
    const { office, debtor, complainant } = world;
    complaint = world.complaint;
    await anActionOn(t, office, complaint, 'accept');
    const claim = (await t.request('GET', `/api/payer/claims/${complaint.id}`, { session: debtor })).json();
    owedBefore = claim.assessment.totalOutstanding;
    const answer = (body: Record<string, unknown>) =>
      t.request('POST', `/api/payer/claims/${complaint.id}/answers`, { session: debtor, body });
    acknowledged = (
      await answer({ action: 'acknowledge', version: claim.version, note: '确认欠款，安排支付' })
    ).json();
    stale = await answer({
      action: 'pay',
      version: acknowledged.version - 1,
      amount: 1000,
      paidOn: todayInChina(),
    });
    paid = (
      await answer({ action: 'pay', version: acknowledged.version, amount: 30_000.5, paidOn: todayInChina() })
    ).json();
    detail = (await t.request('GET', `/api/cases/${complaint.id}`, { session: office })).json();
    told = (await inbox(t, complainant)).find((n) => n.title.zh.includes('被投诉方登记付款 30000.50 元'));
    listed = (await t.request('GET', '/api/payer/claims', { session: debtor })).json();
    dash = (
      await t.request('GET', withQuery('/api/supervision/dashboard', { type: 'arrears' }), {
        session: office,
      })
    ).json();
    // A payment dated before another, larger than was owed on its day; then one of 1.15.
    early = await answer({ action: 'pay', version: paid.version, amount: 1_000_000, paidOn: '2025-06-01' });
    paidAgain = (
      await answer({ action: 'pay', version: paid.version, amount: 1.15, paidOn: todayInChina() })
    ).json();
  });

  it('records the debt acknowledged', () => {
    expect(acknowledged.debtorPosition).toBe('acknowledged');
  });

  it('refuses an answer on a stale version with 409', () => {
    expect(stale.statusCode).toBe(409);
  });

  it('records a payment, interest first: the total outstanding falls by exactly the payment', () => {
    expect(paid.repaid).toBe(80_000.5);
    expect(paid.payments).toEqual([expect.objectContaining({ amount: 30_000.5, paidOn: todayInChina() })]);
    expect(paid.assessment.totalOutstanding).toBeCloseTo(owedBefore - 30_000.5, 2);
    expect(paid.assessment.paid).toBeCloseTo(80_000.5, 2);
  });

  it('puts the debtor’s answers on the timeline', () => {
    expect(paid.events.map((e: { action: string }) => e.action)).toEqual([
      'accept',
      'debtor_acknowledge',
      'debtor_pay',
    ]);
  });

  it('shows the official the payment and the position', () => {
    expect(detail).toMatchObject({ repaid: 80_000.5, debtorPosition: 'acknowledged' });
    expect(detail.payments).toHaveLength(1);
  });

  it('tells the enterprise of the payment', () => {
    expect(told?.caseId).toBe(complaint.id);
  });

  it('counts the payment in the list’s figures like the complaint’s own page', () => {
    expect(listed.items[0].assessment.totalOutstanding).toBeCloseTo(paid.assessment.totalOutstanding, 2);
    expect(listed.outstanding).toBeCloseTo(paid.assessment.principalOutstanding, 2);
  });

  it('counts on the dashboard as repaid what went to the principal, as outstanding the principal unpaid', () => {
    const principalRepaid = paid.assessment.paid - paid.assessment.interestPaid;
    expect(dash.totals.claimed).toBe(186_000);
    expect(dash.totals.repaid).toBeCloseTo(principalRepaid, 2);
    expect(dash.totals.outstanding).toBeCloseTo(paid.assessment.principalOutstanding, 2);
    expect(dash.byDebtorKind).toEqual([
      expect.objectContaining({
        debtorKind: 'government',
        clearanceRatio: Math.round((principalRepaid / 186_000) * 10000) / 10000,
      }),
    ]);
  });

  it('refuses a payment dated before another and larger than was owed on its day, naming the day', () => {
    expect(early.json().errors[0]).toMatchObject({ field: 'amount' });
    expect(early.json().errors[0].message).toContain('2025-06-01');
  });

  it('takes a payment of 1.15 to the cent', () => {
    expect(paidAgain.repaid).toBeCloseTo(80_001.65, 2);
  });
});

describe('a public body’s annual disclosure', () => {
  let publicBody: { uscc: string; name: string };
  const year = Number(todayInChina().slice(0, 4)) - 1;
  let current: LightMyRequestResponse;
  let preview: Json;
  let published: LightMyRequestResponse;
  let again: LightMyRequestResponse;
  let listed: Json;
  let status: Json;
  beforeAll(async () => {
    const world = await aComplaintBeforeItsDebtor(t, '320585');
    const { office, debtor, complaint } = world;
    publicBody = world.publicBody;
    await anActionOn(t, office, complaint, 'accept');
    current = await t.request('GET', withQuery('/api/payer/disclosure', { year: year + 1 }), {
      session: debtor,
    });
    preview = (
      await t.request('GET', withQuery('/api/payer/disclosure', { year }), { session: debtor })
    ).json();
    published = await t.request('POST', '/api/payer/disclosures', {
      session: debtor,
      body: { year, note: '正在筹措资金' },
    });
    again = await t.request('POST', '/api/payer/disclosures', { session: debtor, body: { year } });
    listed = (await t.request('GET', withQuery('/api/public/arrears-disclosures', { year }))).json();
    status = (
      await t.request('GET', withQuery('/api/supervision/disclosures', { year }), { session: office })
    ).json();
  });

  it('refuses the current year, naming the field', () => {
    expect(current.json().errors[0].field).toBe('year');
  });

  it('previews the figures computed from the body’s complaints, due by the end of March', () => {
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
  });

  it('publishes it once', () => {
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({
      year,
      contracts: preview.computed.contracts,
      note: '正在筹措资金',
    });
    expect(again.statusCode).toBe(409);
  });

  it('lists it publicly with the count and the amount, not the contracts', () => {
    expect(listed.items.map((d: { organizationName: string }) => d.organizationName)).toContain(
      publicBody.name,
    );
    // A contract number can name the complainant.
    const mine = listed.items.find(
      (d: { organizationName: string }) => d.organizationName === publicBody.name,
    );
    expect(mine).toMatchObject({
      contracts: preview.computed.contracts,
      amount: preview.computed.amount,
      details: [],
    });
    expect(JSON.stringify(listed)).not.toContain('KS-CG-2025-0418');
  });

  it('shows the office that the body has published', () => {
    expect(status.items).toEqual([
      expect.objectContaining({ name: publicBody.name, published: expect.objectContaining({ year }) }),
    ]);
  });
});

describe('the queue’s counts from the roll-ups', () => {
  let county: Session;
  let province: Session;
  let open: Json;
  let late: { id: number };
  beforeAll(async () => {
    ({ county, province } = offices);
    const enterprise = await aSignedInEnterprise(t);
    const made: CaseReply[] = [];
    for (const title of ['监督测试：一', '监督测试：二', '监督测试：三', '另一个诉求'])
      made.push(await aHelpRequest(t, enterprise.session, title));
    await anArrearsComplaint(t, enterprise.session, aPublicBody('320583'));
    open = (await t.request('GET', withQuery('/api/cases', { pageSize: 200 }), { session: province })).json();
    // One of its cases past its deadline (as if time had passed).
    late = made[0] as CaseReply;
    await t.handle.db
      .updateTable('cases')
      .set({ deadline: '2026-01-05' })
      .where('id', '=', late.id)
      .execute();
    // Written around the repository: the roll-ups are rebuilt from the cases.
    await sql`select case_stats_rebuild()`.execute(t.handle.db);
  });

  it('counts the open cases it lists', () => {
    expect(open.total).toBe(open.items.length);
    expect(open.total).toBeGreaterThan(3);
  });

  it('counts the overdue cases it lists, a case past its deadline among them', async () => {
    const overdue = (
      await t.request('GET', withQuery('/api/cases', { overdue: 'true', pageSize: 200 }), {
        session: province,
      })
    ).json();
    expect(overdue.total).toBe(overdue.items.length);
    expect(overdue.items.map((c: { id: number }) => c.id)).toContain(late.id);
  });

  it('counts the cases of each type it lists', async () => {
    for (const type of ['demand', 'arrears']) {
      const typed = (
        await t.request('GET', withQuery('/api/cases', { type, pageSize: 200 }), { session: county })
      ).json();
      expect(typed.total).toBe(typed.items.length);
    }
  });

  it('counts the cases a search finds as it lists them', async () => {
    const searched = (
      await t.request('GET', withQuery('/api/cases', { q: '监督测试', pageSize: 200 }), { session: county })
    ).json();
    expect(searched.total).toBe(searched.items.length);
  });
});

describe('payer accounts', () => {
  let admin: Session;
  beforeAll(async () => {
    admin = await aSignedInAdmin(t);
  });

  const payerAccount = { displayName: '某事业单位', password: 'Quite-Long-Pass-2026', role: 'payer' };

  it('requires an organisation, naming both fields', async () => {
    const missing = await t.request('POST', '/api/admin/users', {
      session: admin,
      body: { ...payerAccount, username: 'payer.two' },
    });
    expect(missing.statusCode).toBe(400);
    expect(
      missing
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['organizationName', 'organizationUscc']);
  });

  it('refuses a malformed organisation code, naming the field', async () => {
    const bad = await t.request('POST', '/api/admin/users', {
      session: admin,
      body: {
        ...payerAccount,
        username: 'payer.two',
        organizationUscc: '123',
        organizationName: '某事业单位',
      },
    });
    expect(bad.json().errors[0].field).toBe('organizationUscc');
  });

  describe('of a large enterprise', () => {
    let created: LightMyRequestResponse;
    let largePayer: Session;
    beforeAll(async () => {
      created = await t.request('POST', '/api/admin/users', {
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
      largePayer = await t.login('payer.large', 'Quite-Long-Pass-2026');
    });

    it('may be made', () => {
      expect(created.statusCode).toBe(201);
    });

    it('refuses its disclosure: it belongs in the credit publicity system', async () => {
      const year = Number(todayInChina().slice(0, 4)) - 1;
      const refused = await t.request('POST', '/api/payer/disclosures', {
        session: largePayer,
        body: { year },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0].message).toContain('企业信用信息公示系统');
    });

    it('shows it no complaints of others', async () => {
      expect((await t.request('GET', '/api/payer/claims', { session: largePayer })).json().total).toBe(0);
    });
  });
});

describe('deadlines ending on a statutory rest day (民法典第二百零三条)', () => {
  let id: number;
  let moved: number;
  let row: { deadline: string; reminded_level: unknown };
  let detail: Json;
  beforeAll(async () => {
    const enterprise = await aSignedInEnterprise(t);
    id = (await aHelpRequest(t, enterprise.session, '节假日期限')).id;
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
      .where('id', '=', id)
      .execute();
    await sql`select case_stats_rebuild()`.execute(t.handle.db);
    // As when the rule came in: the daily run holds no record of the rules and calendar it counted on.
    await sql`delete from job_cursors where kind = 'case-supervision'`.execute(t.handle.db);
    moved = (await superviseDeadlines(t.handle.db, '2025-10-08')).moved;
    row = await t.handle.db
      .selectFrom('cases')
      .select([sql<string>`deadline::text`.as('deadline'), 'reminded_level'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    detail = (await t.request('GET', `/api/cases/${id}`, { session: offices.county })).json();
  });

  it('moves the stored deadline to the next working day', () => {
    expect(moved).toBeGreaterThanOrEqual(1);
    expect(detail.deadline).toBe('2025-10-09');
  });

  it('reminds, not supervises, on a day before the moved deadline', () => {
    // Not past it on 10-08: reminded (due on the next working day), not supervised.
    expect(row).toEqual({ deadline: '2025-10-09', reminded_level: 1 });
    expect(detail.supervisions).toEqual([]);
  });

  it('explains the move with the rule and the holiday', () => {
    expect(detail.deadlineExplanation.map((l: { text: { zh: string } }) => l.text.zh)).toEqual([
      '办理期限：自 2025-09-03 起 30 日 → 2025-10-09',
      '期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日（《民法典》第二百零三条）：期间最后一日 2025-10-03（国庆节）是法定休假日，顺延至 2025-10-09',
    ]);
  });
});
