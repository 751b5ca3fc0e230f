/**
 * Receivables that finance (issue 15) through the API: the enterprise asks its debtor to confirm (from its
 * overdue-payment complaint or a contract), the debtor's official confirms or disputes within 30 days, the daily run
 * reminds and reports the late ones, a late one is raised as a complaint; a confirmed receivable backs one demand,
 * the bank sees the confirmation, the disbursement finances it once and the debtor gets the notice.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anArrearsComplaint,
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aPayer,
  aPublicBody,
  aUser,
  type MadeEnterprise,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { aBank } from '../../../../test/helpers/registry-factories.ts';
import { addDays } from '../../../reference/calendar.ts';
import { endOfPeriod } from '../../../reference/periods.ts';
import { todayInChina } from '../../../shared/today.ts';
import { remindReceivables } from './index.ts';

const today = todayInChina();

describe('receivables that finance', () => {
  let t: TestApp;
  let firm: MadeEnterprise;
  let me: Session;
  let payer: Session;
  let otherPayer: Session;
  let bank: Session;
  let bankInstitution: { id: number; name: string };
  let official: Session;
  const debtor = aPublicBody('320583', '测试县住建局');
  const contract = (n: number) => ({
    debtorUscc: debtor.uscc,
    debtorName: debtor.name,
    debtorKind: 'government',
    contractNumber: `HT-2026-${n}`,
    amount: '860000.50',
  });

  const post = (session: Session, url: string, body?: unknown) => t.request('POST', url, { session, body });
  const get = (session: Session, url: string) => t.request('GET', url, { session });

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    firm = await anEnterprise(db, { region: '320583' });
    me = await signIn(t, await anEnterpriseUser(db, firm));
    payer = await signIn(t, await aPayer(db, debtor));
    otherPayer = await signIn(t, await aPayer(db, aPublicBody('320583', '另一机关')));
    bankInstitution = await aBank(db);
    bank = await signIn(t, await aUser(db, { role: 'bank', institutionId: bankInstitution.id }));
    official = await signIn(t, await anOfficial(db, { region: '320583' }));
    const product = await post(bank, '/api/bank/financing/products', {
      name: '应收账款融资',
      kind: 'receivables',
      amountMin: '10',
      amountMax: '500',
      termMinMonths: 3,
      termMaxMonths: 12,
      rateMin: '3.5',
      rateMax: '5',
      regions: ['320583'],
    });
    expect(product.statusCode, product.body).toBe(200);
  });
  afterAll(async () => t.close());

  it('names every missing field, a wrong check character, the enterprise itself as debtor', async () => {
    const missing = await post(me, '/api/my/financing/receivables', { contractNumber: 'X' });
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'debtorUscc',
      'debtorName',
      'debtorKind',
      'amount',
    ]);
    const wrong = await post(me, '/api/my/financing/receivables', {
      ...contract(1),
      debtorUscc: `${debtor.uscc.slice(0, 17)}${debtor.uscc.endsWith('0') ? '1' : '0'}`,
    });
    expect(wrong.json().errors[0].field).toBe('debtorUscc');
    const self = await post(me, '/api/my/financing/receivables', {
      ...contract(1),
      debtorUscc: firm.uscc,
      debtorKind: 'large_enterprise',
    });
    expect(self.json().errors[0].field).toBe('debtorUscc');
  });

  it('refuses a "large enterprise" the registry classes as an SME, saying why', async () => {
    const small = await anEnterprise(t.handle.db, { region: '320583', employees: 20, revenue: 800 });
    const response = await post(me, '/api/my/financing/receivables', {
      ...contract(2),
      debtorUscc: small.uscc,
      debtorKind: 'large_enterprise',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ field: 'debtorKind' });
    expect(response.json().errors[0].message).toContain('大型企业');
  });

  it('starts the 30-day clock, tells the debtor; only the debtor answers, within the amount asked', async () => {
    const response = await post(me, '/api/my/financing/receivables', contract(3));
    expect(response.statusCode, response.body).toBe(200);
    const receivable = response.json();
    expect(receivable).toMatchObject({ state: 'requested', amount: '860000.5', late: false });
    expect(receivable.confirmDue).toBe(endOfPeriod(addDays(today, 30)).endsOn);
    const inbox = (await get(payer, '/api/my/notifications')).json();
    expect(JSON.stringify(inbox)).toContain('HT-2026-3');
    const listed = (await get(payer, '/api/payer/receivables')).json();
    expect(listed.items[0]).toMatchObject({
      id: receivable.id,
      creditorName: firm.name,
      actions: ['confirm', 'dispute'],
    });
    expect((await get(otherPayer, '/api/payer/receivables')).json().total).toBe(0);
    const url = `/api/payer/receivables/${firm.id}/${receivable.id}/confirm`;
    expect((await post(otherPayer, url, { version: receivable.version })).statusCode).toBe(404);
    expect((await post(bank, url, { version: receivable.version })).statusCode).toBe(403);
    const over = await post(payer, url, { version: receivable.version, amount: '900000' });
    expect(over.json().errors[0].field).toBe('amount');
    const confirmed = await post(payer, url, { version: receivable.version, amount: '800000' });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ state: 'confirmed', confirmedAmount: '800000', actions: [] });
    expect((await post(payer, url, { version: confirmed.json().version })).statusCode).toBe(409);
    const mine = (await get(me, `/api/my/financing/receivables/${receivable.id}`)).json();
    expect(mine.actions).toEqual(['withdraw', 'finance']);
  });

  it('backs one demand; the bank sees the confirmation; disbursing finances it once and notifies the debtor', async () => {
    const unconfirmed = (await post(me, '/api/my/financing/receivables', contract(4))).json();
    const refused = await post(me, '/api/my/financing/demands', {
      amount: '50',
      termMonths: 6,
      purposes: ['working_capital'],
      description: '以应收账款融资',
      showProfile: false,
      receivableId: unconfirmed.id,
    });
    expect(refused.json().errors[0].field).toBe('receivableId');
    const confirmed = (await get(me, '/api/my/financing/receivables?state=confirmed')).json().items[0];
    const posted = await post(me, '/api/my/financing/demands', {
      amount: '50',
      termMonths: 6,
      purposes: ['working_capital'],
      description: '以已确权的应收账款融资',
      showProfile: false,
      receivableId: confirmed.id,
    });
    expect(posted.statusCode, posted.body).toBe(200);
    const demand = posted.json().demand;
    expect(demand.collateral).toContain('receivables');
    const twice = await post(me, '/api/my/financing/demands', {
      amount: '50',
      termMonths: 6,
      purposes: ['working_capital'],
      description: '再用一次',
      showProfile: false,
      receivableId: confirmed.id,
    });
    expect(twice.json().errors[0].field).toBe('receivableId');
    // The receivables product fits: the bank sees the demand and the debtor's confirmation, anonymised.
    const seen = (await get(bank, `/api/bank/financing/demands/${firm.id}/${demand.id}`)).json();
    expect(seen.demand.receivable).toMatchObject({
      debtorKind: 'government',
      debtorName: null,
      confirmedAmount: '800000',
      state: 'confirmed',
    });
    const act = `/api/bank/financing/demands/${firm.id}/${demand.id}/actions`;
    await post(bank, `/api/bank/financing/demands/${firm.id}/${demand.id}/pickup`);
    const version = () =>
      get(bank, `/api/bank/financing/demands/${firm.id}/${demand.id}`).then(
        (r) => r.json().demand.responses[0].version,
      );
    await post(bank, act, { action: 'contact', version: await version() });
    await post(bank, act, {
      action: 'grant',
      version: await version(),
      grantedAmount: '50',
      grantedRate: '3.8',
      grantedTermMonths: 6,
      security: 'secured',
      firstLoan: false,
    });
    const disbursed = await post(bank, act, {
      action: 'disburse',
      version: await version(),
      disbursedAmount: '50',
      notice: 'transfer',
    });
    expect(disbursed.statusCode, disbursed.body).toBe(200);
    const after = (await get(me, `/api/my/financing/receivables/${confirmed.id}`)).json();
    expect(after).toMatchObject({
      state: 'financed',
      financedDemandId: demand.id,
      financedInstitutionId: bankInstitution.id,
      financedInstitutionName: bankInstitution.name,
      noticeKind: 'transfer',
    });
    // The debtor sees to which bank it now pays.
    const owed = (await get(payer, '/api/payer/receivables')).json();
    expect(owed.items.find((r: { id: number }) => r.id === confirmed.id)).toMatchObject({
      financedInstitutionName: bankInstitution.name,
      noticeKind: 'transfer',
    });
    const notice = JSON.stringify((await get(payer, '/api/my/notifications')).json());
    expect(notice).toContain('转让通知');
    const again = await post(me, '/api/my/financing/demands', {
      amount: '50',
      termMonths: 6,
      purposes: ['working_capital'],
      description: '已融资的再融一次',
      showProfile: false,
      receivableId: confirmed.id,
    });
    expect(again.json().errors[0].message).toContain('已经融资');
    expect(
      (await post(me, `/api/my/financing/receivables/${confirmed.id}/withdraw`, { version: after.version }))
        .statusCode,
    ).toBe(409);
  });

  it('takes a request from the enterprise’s overdue-payment complaint, and a dispute with reasons', async () => {
    const complaint = await anArrearsComplaint(t, me, debtor);
    const response = await post(me, '/api/my/financing/receivables', { caseId: complaint.id });
    expect(response.statusCode, response.body).toBe(200);
    const receivable = response.json();
    expect(receivable).toMatchObject({
      caseId: complaint.id,
      contractNumber: complaint.contractNumber,
      debtorKind: 'government',
    });
    const dup = await post(me, '/api/my/financing/receivables', { caseId: complaint.id });
    expect(dup.json().errors[0].field).toBe('caseId');
    // It names the request already made and its state.
    expect(dup.json().errors[0].message).toContain(`#${response.json().id}（待债务人确认）`);
    const disputed = await post(payer, `/api/payer/receivables/${firm.id}/${receivable.id}/dispute`, {
      version: receivable.version,
      reason: '验收资料不全，金额有争议',
    });
    expect(disputed.json()).toMatchObject({ state: 'disputed', disputeReason: '验收资料不全，金额有争议' });
  });

  it('reminds the debtor before the end, reports it late, and the enterprise raises it as a complaint once', async () => {
    const receivable = (await post(me, '/api/my/financing/receivables', contract(5))).json();
    await sql`update receivables set confirm_due = ${addDays(today, 3)}::date where id = ${receivable.id}`.execute(
      t.handle.db,
    );
    expect(await remindReceivables(t.handle.db, today)).toMatchObject({ reminded: 1 });
    expect(JSON.stringify((await get(payer, '/api/my/notifications')).json())).toContain('提醒');
    expect(
      (
        await post(me, `/api/my/financing/receivables/${receivable.id}/escalate`, {
          version: receivable.version + 1,
        })
      ).statusCode,
    ).toBe(409);
    await sql`update receivables set confirm_due = ${addDays(today, -1)}::date where id = ${receivable.id}`.execute(
      t.handle.db,
    );
    expect(await remindReceivables(t.handle.db, today)).toMatchObject({ late: 1 });
    expect(await remindReceivables(t.handle.db, today)).toMatchObject({ reminded: 0, late: 0 });
    expect(JSON.stringify((await get(official, '/api/my/notifications')).json())).toContain(
      `#${receivable.id}`,
    );
    const deskReply = await get(official, '/api/financing/desk?list=unconfirmed');
    expect(deskReply.statusCode, deskReply.body).toBe(200);
    const desk = deskReply.json();
    expect(desk.counts.unconfirmed).toBe(1);
    expect(desk.unconfirmed.items[0]).toMatchObject({
      id: receivable.id,
      creditorName: firm.name,
      late: true,
    });
    const current = (await get(me, `/api/my/financing/receivables/${receivable.id}`)).json();
    expect(current.actions).toContain('escalate');
    const raised = await post(me, `/api/my/financing/receivables/${receivable.id}/escalate`, {
      version: current.version,
    });
    expect(raised.statusCode, raised.body).toBe(200);
    const caseId = raised.json().escalatedCaseId;
    const filed = (await get(me, `/api/cases/${caseId}`)).json();
    expect(filed).toMatchObject({ category: 'financing', kind: 'complaint' });
    expect(filed.description).toContain('国务院令第802号');
    expect(
      (
        await post(me, `/api/my/financing/receivables/${receivable.id}/escalate`, {
          version: raised.json().version,
        })
      ).statusCode,
    ).toBe(409);
  });
});
