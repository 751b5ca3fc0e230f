/**
 * Financing matchmaking (issue 15) through the API: banks' products (checked, explained to enterprises), demands
 * posted and matched, the board (anonymised, only the banks a product of which fits, widened later), pickups (one
 * bank wins an exclusive demand), answers with their deadlines and checks, the timeline, profile shown, rating,
 * referral after a decline, withdrawal, the daily escalation, the officials' desk and the dated figures.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import {
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aUser,
  type MadeEnterprise,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { aBank } from '../../../../test/helpers/registry-factories.ts';
import { addDays, addWorkingDays } from '../../../reference/calendar.ts';
import { todayInChina } from '../../../shared/today.ts';
import { escalateDue, matchAllDemands, tellBanksLate } from './index.ts';

const today = todayInChina();

const PRODUCT = {
  name: '科创信用贷',
  kind: 'credit',
  description: '面向科技型小微企业的纯信用贷款',
  amountMin: '10',
  amountMax: '300',
  termMinMonths: 6,
  termMaxMonths: 36,
  rateMin: '3.2',
  rateMax: '4.8',
  regions: ['320500'],
  rule: { all: [{ industry: ['C'] }, { compare: [{ age: 'years' }, '>=', 2] }] },
};

const DEMAND = {
  amount: '120.5',
  termMonths: 12,
  purposes: ['working_capital', 'raw_materials'],
  description: '采购原材料，完成一笔出口订单',
  collateral: [],
  showProfile: false,
};

describe('financing matchmaking through the API', () => {
  let t: TestApp;
  let firm: MadeEnterprise;
  let me: Session;
  let bankA: Session;
  let bankB: Session;
  let farBank: Session;
  let official: Session;
  let farOfficial: Session;
  let admin: Session;
  let productA: { id: number; version: number };

  const post = (session: Session, url: string, body?: unknown) => t.request('POST', url, { session, body });
  const get = (session: Session, url: string) => t.request('GET', url, { session });

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    firm = await anEnterprise(db, { region: '320583', industryCode: 'C34' });
    me = await signIn(t, await anEnterpriseUser(db, firm));
    bankA = await signIn(t, await aUser(db, { role: 'bank', institutionId: (await aBank(db)).id }));
    bankB = await signIn(t, await aUser(db, { role: 'bank', institutionId: (await aBank(db)).id }));
    farBank = await signIn(
      t,
      await aUser(db, { role: 'bank', institutionId: (await aBank(db, '110101')).id }),
    );
    official = await signIn(t, await anOfficial(db, { region: '320583' }));
    farOfficial = await signIn(t, await anOfficial(db, { region: '110101' }));
    admin = await signIn(t, await aUser(db, { role: 'admin' }));
    const created = await post(bankA, '/api/bank/financing/products', PRODUCT);
    expect(created.statusCode, created.body).toBe(200);
    productA = created.json();
    // Bank B lends only against real estate; the far bank serves Beijing only.
    expect(
      (
        await post(bankB, '/api/bank/financing/products', {
          ...PRODUCT,
          name: '经营抵押贷',
          kind: 'mortgage',
          rule: undefined,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await post(farBank, '/api/bank/financing/products', {
          ...PRODUCT,
          name: '京信贷',
          regions: ['110000'],
        })
      ).statusCode,
    ).toBe(200);
  });
  afterAll(async () => t.close());

  describe('products', () => {
    it('keeps amounts and rates as decimal strings', () => {
      expect(productA).toMatchObject({ amountMin: '10', amountMax: '300', rateMin: '3.2', rateMax: '4.8' });
    });

    it('refuses an inverted rate range, naming the field and both rates', async () => {
      const response = await post(bankA, '/api/bank/financing/products', {
        ...PRODUCT,
        rateMin: '5',
        rateMax: '4',
      });
      expect(response.statusCode).toBe(400);
      const [error] = response.json().errors;
      expect(error.field).toBe('rateMax');
      expect(error.message).toContain('5%');
    });

    it('refuses a rule that does not check, naming where', async () => {
      const response = await post(bankA, '/api/bank/financing/products', {
        ...PRODUCT,
        rule: { all: [{ industry: ['C'] }, { compare: [{ fact: 'profit' }, '>', 1] }] },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toMatch(/^rule\//);
    });

    it('says when a guarantee fee is above the guide, without refusing it', async () => {
      const response = await post(bankA, '/api/bank/financing/products', {
        ...PRODUCT,
        name: '政府性担保贷',
        kind: 'guarantee',
        guaranteeFeeRate: '1.5',
        rule: undefined,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ guaranteeFeeRate: '1.5', feeAboveGuide: true });
      // A fee on a product that is not a guarantee is an error.
      const wrong = await post(bankA, '/api/bank/financing/products', {
        ...PRODUCT,
        guaranteeFeeRate: '0.5',
      });
      expect(wrong.json().errors[0].field).toBe('guaranteeFeeRate');
    });

    it('shows another bank’s product as not found', async () => {
      expect((await get(bankB, `/api/bank/financing/products/${productA.id}`)).statusCode).toBe(404);
    });

    it('tells the enterprise which products it qualifies for and why, and what it misses by one condition', async () => {
      const body = (await get(me, '/api/my/financing/products')).json();
      const names = body.items.map((i: { product: { name: string } }) => i.product.name);
      expect(names).toContain('科创信用贷');
      expect(names).not.toContain('京信贷');
      const credit = body.items.find((i: { product: { name: string } }) => i.product.name === '科创信用贷');
      expect(credit.fit.outcome).toBe('eligible');
      expect(JSON.stringify(credit.fit.conditions)).toContain('服务区域');
      // A product whose rule the enterprise misses by one attainable clause.
      await post(bankA, '/api/bank/financing/products', {
        ...PRODUCT,
        name: '老字号贷',
        rule: { all: [{ industry: ['C'] }, { compare: [{ age: 'years' }, '>=', 30] }] },
      });
      const again = (await get(me, '/api/my/financing/products?outcome=near')).json();
      expect(again.items.map((i: { product: { name: string } }) => i.product.name)).toContain('老字号贷');
    });
  });

  describe('a demand from posting to disbursement', () => {
    let demand: { id: number; version: number };

    it('refuses four purposes, an unknown one and a description over 250 characters, naming the field', async () => {
      const four = await post(me, '/api/my/financing/demands', {
        ...DEMAND,
        purposes: ['working_capital', 'raw_materials', 'equipment', 'hiring'],
      });
      expect(four.statusCode).toBe(400);
      expect(four.json().errors[0].field).toBe('purposes');
      const unknown = await post(me, '/api/my/financing/demands', { ...DEMAND, purposes: ['horses'] });
      expect(unknown.json().errors[0].field).toBe('purposes/0');
      const long = await post(me, '/api/my/financing/demands', { ...DEMAND, description: '长'.repeat(251) });
      expect(long.statusCode).toBe(400);
      expect(long.json().errors[0].field).toBe('description');
      const count = await sql<{ n: number }>`select count(*)::int as n from financing_demands`.execute(
        t.handle.db,
      );
      expect(count.rows[0]?.n).toBe(0);
    });

    it('posts a demand, matched to the products it fits, on the timeline', async () => {
      const response = await post(me, '/api/my/financing/demands', DEMAND);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      demand = body.demand;
      expect(body.demand).toMatchObject({
        amount: '120.5',
        state: 'open',
        inclusive: true,
        aboveEveryProduct: false,
      });
      expect(body.demand.pickupDue).toBe(addWorkingDays(today, 3));
      expect(body.matches.map((m: { product: { name: string } }) => m.product.name)).toContain('科创信用贷');
      expect(body.timeline.map((e: { kind: string }) => e.kind)).toEqual(['posted', 'matched']);
    });

    it('tells the product’s bank of a direct application', async () => {
      const applied = await post(me, '/api/my/financing/demands', { ...DEMAND, productId: productA.id });
      expect(applied.statusCode).toBe(200);
      expect(JSON.stringify((await get(bankA, '/api/my/notifications')).json())).toContain('新的融资申请');
      await post(me, `/api/my/financing/demands/${applied.json().demand.id}/withdraw`, {
        version: applied.json().demand.version,
      });
    });

    it('tells (does not refuse) a demand above every product’s maximum', async () => {
      const response = await post(me, '/api/my/financing/demands', { ...DEMAND, amount: '5000' });
      expect(response.statusCode).toBe(200);
      expect(response.json().demand).toMatchObject({ aboveEveryProduct: true, inclusive: false });
      await post(me, `/api/my/financing/demands/${response.json().demand.id}/withdraw`, {
        version: response.json().demand.version,
      });
    });

    it('shows the demand, anonymised, only to a bank with a product it fits', async () => {
      const a = (await get(bankA, '/api/bank/financing/demands')).json();
      const item = a.items.find((d: { id: number }) => d.id === demand.id);
      expect(item).toBeDefined();
      expect(item.enterpriseName).toBeNull();
      expect(item.uscc).toBeNull();
      expect(item.profile).toMatchObject({ regionCode: '320583', industryCode: 'C34' });
      const b = (await get(bankB, '/api/bank/financing/demands')).json();
      expect(b.items.some((d: { id: number }) => d.id === demand.id)).toBe(false);
      expect((await get(bankB, `/api/bank/financing/demands/${firm.id}/${demand.id}`)).statusCode).toBe(404);
      const far = await post(farBank, `/api/bank/financing/demands/${firm.id}/${demand.id}/pickup`);
      expect(far.statusCode).toBe(403);
    });

    it('lets bank A pick it up; the deadlines start and the enterprise is told', async () => {
      const response = await post(bankA, `/api/bank/financing/demands/${firm.id}/${demand.id}/pickup`);
      expect(response.statusCode, response.body).toBe(200);
      const [own] = response.json().demand.responses;
      expect(own).toMatchObject({
        state: 'picked_up',
        contactDue: addWorkingDays(today, 2),
        actions: ['contact', 'decline', 'release'],
      });
      const inbox = (await get(me, '/api/my/notifications')).json();
      // The notice opens the demand.
      expect(
        inbox.items.find((n: { title: { zh: string } }) => n.title.zh.includes('已受理您的融资需求')),
      ).toMatchObject({ link: `/app/my/financing/demands/${demand.id}` });
    });

    it('refuses a grant without its figures and a decline without a reason, naming each field', async () => {
      const url = `/api/bank/financing/demands/${firm.id}/${demand.id}/actions`;
      const detail = (await get(bankA, `/api/bank/financing/demands/${firm.id}/${demand.id}`)).json();
      const version = detail.demand.responses[0].version;
      const early = await post(bankA, url, { action: 'grant', version });
      expect(early.statusCode).toBe(409);
      expect((await post(bankA, url, { action: 'contact', version })).statusCode).toBe(200);
      const grant = await post(bankA, url, { action: 'grant', version: version + 1, grantedAmount: '100' });
      expect(grant.statusCode).toBe(400);
      expect(grant.json().errors.map((e: { field: string }) => e.field)).toEqual([
        'grantedRate',
        'grantedTermMonths',
        'security',
        'firstLoan',
      ]);
      const decline = await post(bankA, url, {
        action: 'decline',
        version: version + 1,
        declineReason: 'mood',
      });
      expect(decline.json().errors.map((e: { field: string }) => e.field)).toEqual([
        'declineReason',
        'declineText',
      ]);
      const stale = await post(bankA, url, { action: 'visit', version });
      expect(stale.statusCode).toBe(409);
    });

    it('refuses an answer from a bank that has not picked the demand up', async () => {
      const response = await post(bankB, `/api/bank/financing/demands/${firm.id}/${demand.id}/actions`, {
        action: 'contact',
        version: 1,
      });
      expect(response.statusCode).toBe(403);
    });

    it('shows the bank who the enterprise is once it agrees, and the enterprise sees the bank looked', async () => {
      const mine = (await get(me, `/api/my/financing/demands/${demand.id}`)).json();
      const response = mine.demand.responses[0];
      expect(response.actions).toContain('show_profile');
      expect(
        (await post(me, `/api/my/financing/demands/${demand.id}/responses/${response.id}/show-profile`))
          .statusCode,
      ).toBe(200);
      const seen = (await get(bankA, `/api/bank/financing/demands/${firm.id}/${demand.id}`)).json();
      expect(seen.demand.enterpriseName).toBe(firm.name);
      const timeline = (await get(me, `/api/my/financing/demands/${demand.id}`)).json().timeline;
      expect(timeline.map((e: { kind: string }) => e.kind)).toContain('profile_viewed');
    });

    it('grants, then disburses no more than granted; the enterprise rates the bank once', async () => {
      const url = `/api/bank/financing/demands/${firm.id}/${demand.id}/actions`;
      let version = (await get(bankA, `/api/bank/financing/demands/${firm.id}/${demand.id}`)).json().demand
        .responses[0].version;
      const grant = await post(bankA, url, {
        action: 'grant',
        version,
        grantedAmount: '100',
        grantedRate: '3.45',
        grantedTermMonths: 12,
        security: 'credit',
        firstLoan: true,
      });
      expect(grant.statusCode, grant.body).toBe(200);
      expect(grant.json().demand.state).toBe('granted');
      version = grant.json().demand.responses[0].version;
      const over = await post(bankA, url, { action: 'disburse', version, disbursedAmount: '100.01' });
      expect(over.json().errors[0].field).toBe('disbursedAmount');
      expect(
        (await post(bankA, url, { action: 'disburse', version, disbursedAmount: '100' })).statusCode,
      ).toBe(200);
      const mine = (await get(me, `/api/my/financing/demands/${demand.id}`)).json();
      const response = mine.demand.responses[0];
      expect(response).toMatchObject({ state: 'disbursed', grantedRate: '3.45', firstLoan: true });
      const rate = `/api/my/financing/demands/${demand.id}/responses/${response.id}/rating`;
      expect((await post(me, rate, { rating: 5, comment: '两天就放款了' })).statusCode).toBe(200);
      expect((await post(me, rate, { rating: 1 })).statusCode).toBe(409);
      const kinds = (await get(me, `/api/my/financing/demands/${demand.id}`))
        .json()
        .timeline.map((e: { kind: string }) => e.kind);
      expect(kinds).toEqual(
        expect.arrayContaining(['picked_up', 'contacted', 'profile_shown', 'granted', 'disbursed', 'rated']),
      );
      const perf = (await get(bankA, '/api/bank/financing/performance')).json();
      expect(perf).toMatchObject({
        disbursed: 1,
        firstLoans: 1,
        creditLoans: 1,
        grantedAmount: '100',
        rated: 1,
      });
    });
  });

  describe('exclusive pickups, declines and referrals', () => {
    it('lets one of two banks pick up an exclusive demand at once; the other is told', async () => {
      // Both banks fit once the enterprise offers real estate.
      const posted = (
        await post(me, '/api/my/financing/demands', { ...DEMAND, collateral: ['real_estate'] })
      ).json().demand;
      const url = `/api/bank/financing/demands/${firm.id}/${posted.id}/pickup`;
      const [a, b] = await Promise.all([post(bankA, url), post(bankB, url)]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const loser = a.statusCode === 409 ? a : b;
      expect(loser.json().message).toContain('其他机构');
      const winner = a.statusCode === 200 ? bankA : bankB;
      const other = winner === bankA ? bankB : bankA;
      // The winner declines; the enterprise agrees to a referral; the other bank now sees it, the winner does not.
      const detail = (await get(winner, `/api/bank/financing/demands/${firm.id}/${posted.id}`)).json();
      const declined = await post(winner, `/api/bank/financing/demands/${firm.id}/${posted.id}/actions`, {
        action: 'decline',
        version: detail.demand.responses[0].version,
        declineReason: 'collateral',
        declineText: '抵押物估值不足',
      });
      expect(declined.json().demand.state).toBe('declined');
      // It had been escalated before its pickup: the referral is a new round, off the desk's escalated list.
      await sql`update financing_demands set escalated_at = now() where id = ${posted.id}`.execute(
        t.handle.db,
      );
      const mine = (await get(me, `/api/my/financing/demands/${posted.id}`)).json();
      expect(mine.demand.actions).toContain('refer');
      const referred = await post(me, `/api/my/financing/demands/${posted.id}/refer`, {
        version: mine.demand.version,
      });
      expect(referred.json().demand).toMatchObject({
        state: 'open',
        referred: true,
        widened: true,
        escalatedAt: null,
      });
      const otherBoard = (await get(other, '/api/bank/financing/demands')).json();
      expect(otherBoard.items.some((d: { id: number }) => d.id === posted.id)).toBe(true);
      const winnerBoard = (await get(winner, '/api/bank/financing/demands')).json();
      expect(winnerBoard.items.some((d: { id: number }) => d.id === posted.id)).toBe(false);
      expect((await post(winner, url)).statusCode).toBe(409);
      // The declined reason is on the enterprise's timeline in words.
      const timeline = (await get(me, `/api/my/financing/demands/${posted.id}`)).json().timeline;
      expect(JSON.stringify(timeline)).toContain('抵押担保不足');
    });

    it('withdraws a demand in progress: the bank’s answer ends', async () => {
      const posted = (await post(me, '/api/my/financing/demands', DEMAND)).json().demand;
      await post(bankA, `/api/bank/financing/demands/${firm.id}/${posted.id}/pickup`);
      const current = (await get(me, `/api/my/financing/demands/${posted.id}`)).json().demand;
      const withdrawn = await post(me, `/api/my/financing/demands/${posted.id}/withdraw`, {
        version: current.version,
      });
      expect(withdrawn.json().demand.state).toBe('withdrawn');
      expect(withdrawn.json().demand.responses[0].state).toBe('withdrawn');
      const again = await post(me, `/api/my/financing/demands/${posted.id}/withdraw`, {
        version: withdrawn.json().demand.version,
      });
      expect(again.statusCode).toBe(409);
    });
  });

  describe('matching again', () => {
    it('shows a demand to a bank whose product, published later, fits it; the full run keeps the same pairs', async () => {
      const posted = (
        await post(me, '/api/my/financing/demands', {
          ...DEMAND,
          purposes: ['hiring'],
          collateral: ['inventory'],
        })
      ).json().demand;
      const before = (await get(farBank, '/api/bank/financing/demands')).json();
      expect(before.items.some((d: { id: number }) => d.id === posted.id)).toBe(false);
      const created = await post(farBank, '/api/bank/financing/products', {
        ...PRODUCT,
        name: '存货贷',
        kind: 'inventory',
        regions: ['320583'],
        rule: undefined,
      });
      expect(created.statusCode).toBe(200);
      await t.runJobs();
      const after = (await get(farBank, '/api/bank/financing/demands')).json();
      expect(after.items.some((d: { id: number }) => d.id === posted.id)).toBe(true);
      // Withdrawn: its pairs go with the next run.
      await post(farBank, `/api/bank/financing/products/${created.json().id}/withdraw`, {
        version: created.json().version,
      });
      await t.runJobs();
      const gone = (await get(farBank, '/api/bank/financing/demands')).json();
      expect(gone.items.some((d: { id: number }) => d.id === posted.id)).toBe(false);
      const pairs = async () =>
        (
          await sql<{
            p: string;
          }>`select concat_ws('/', enterprise_id, demand_id, product_id, institution_id) as p
            from financing_matches order by 1`.execute(t.handle.db)
        ).rows.map((r) => r.p);
      const kept = await pairs();
      expect(kept.length).toBeGreaterThan(0);
      expect((await matchAllDemands(t.handle.db, today)).demands).toBeGreaterThan(0);
      expect(await pairs()).toEqual(kept);
    });
  });

  describe('the desk and the daily escalation', () => {
    it('escalates a demand nobody picked up, widens it, tells the officials; the desk lists it', async () => {
      const posted = (
        await post(me, '/api/my/financing/demands', { ...DEMAND, purposes: ['equipment'], amount: '50' })
      ).json().demand;
      await sql`update financing_demands set pickup_due = ${addDays(today, -1)}::date
        where id = ${posted.id}`.execute(t.handle.db);
      expect((await escalateDue(t.handle.db, today)).escalated).toBe(1);
      expect((await escalateDue(t.handle.db, today)).escalated).toBe(0);
      const desk = (await get(official, '/api/financing/desk?list=escalated')).json();
      expect(desk.counts.escalated).toBe(1);
      expect(desk.demands.items[0].id).toBe(posted.id);
      const inbox = (await get(official, '/api/my/notifications')).json();
      expect(JSON.stringify(inbox)).toContain(`#${posted.id}`);
      // Widened: bank B, none of whose products fits, now sees it.
      const b = (await get(bankB, '/api/bank/financing/demands')).json();
      expect(b.items.some((d: { id: number }) => d.id === posted.id)).toBe(true);
      expect((await get(farOfficial, '/api/financing/desk')).json().counts.escalated).toBe(0);
      expect((await get(farOfficial, '/api/financing/desk?region=320583')).statusCode).toBe(403);
    });

    it('lists answers past the contact day', async () => {
      const posted = (await post(me, '/api/my/financing/demands', DEMAND)).json().demand;
      await post(bankA, `/api/bank/financing/demands/${firm.id}/${posted.id}/pickup`);
      await sql`update financing_responses set contact_due = ${addDays(today, -1)}::date
        where demand_id = ${posted.id}`.execute(t.handle.db);
      const desk = (await get(official, '/api/financing/desk?list=late')).json();
      expect(desk.late.items.map((i: { response: { demandId: number } }) => i.response.demandId)).toContain(
        posted.id,
      );
      expect(desk.late.items[0].response.late).toBe('contact');
    });

    it('tells the bank once per deadline missed, leaving its answer’s version', async () => {
      const posted = (await post(me, '/api/my/financing/demands', { ...DEMAND, amount: '70' })).json().demand;
      await post(bankA, `/api/bank/financing/demands/${firm.id}/${posted.id}/pickup`);
      const base = `/api/bank/financing/demands/${firm.id}/${posted.id}`;
      const version = async () => (await get(bankA, base)).json().demand.responses[0].version as number;
      const told = async () =>
        (await get(bankA, '/api/my/notifications?pageSize=100'))
          .json()
          .items.filter((n: { title: { zh: string } }) => n.title.zh.includes(`#${posted.id} 已逾期`))
          .map((n: { title: { zh: string } }) => n.title.zh);
      const before = await version();
      // The contact day was ten days ago; the run of the day after tells the bank, and only once.
      await sql`update financing_responses set contact_due = ${addDays(today, -10)}::date
        where demand_id = ${posted.id}`.execute(t.handle.db);
      expect((await tellBanksLate(t.handle.db, addDays(today, -9))).responses).toBeGreaterThanOrEqual(1);
      expect((await tellBanksLate(t.handle.db, addDays(today, -8))).responses).toBe(0);
      expect(await told()).toEqual([expect.stringContaining('首次联系')]);
      const notices = (await get(bankA, '/api/my/notifications?pageSize=100')).json().items;
      expect(
        notices.find((n: { title: { zh: string } }) => n.title.zh.includes(`#${posted.id} 已逾期`)).link,
      ).toBe(`/app/bank/financing/demands/${firm.id}/${posted.id}`);
      expect(await version()).toBe(before);
      // Contacted late; then the decision day passes: told again, once.
      expect((await post(bankA, `${base}/actions`, { action: 'contact', version: before })).statusCode).toBe(
        200,
      );
      await sql`update financing_responses set decision_due = ${addDays(today, -1)}::date
        where demand_id = ${posted.id}`.execute(t.handle.db);
      expect((await tellBanksLate(t.handle.db, today)).responses).toBeGreaterThanOrEqual(1);
      expect((await tellBanksLate(t.handle.db, addDays(today, 1))).responses).toBe(0);
      expect(await told()).toEqual(expect.arrayContaining([expect.stringContaining('授信决定')]));
      expect(await told()).toHaveLength(2);
    });
  });

  describe('banks serving a region', () => {
    it('lists the banks whose products serve a county of the official’s, not those elsewhere', async () => {
      const body = (await get(official, '/api/financing/banks?region=320583')).json();
      expect(body.items.length).toBeGreaterThanOrEqual(2);
      expect(body.items.every((b: { products: number }) => b.products > 0)).toBe(true);
      const far = (await get(farOfficial, '/api/financing/banks?region=110101')).json();
      expect(far.items).toHaveLength(1);
      expect((await get(farOfficial, '/api/financing/banks?region=320583')).statusCode).toBe(403);
    });
  });

  describe('the dated figures', () => {
    it('are public with their basis; an official sets only their region’s pickup period', async () => {
      const list = (await t.request('GET', '/api/financing/settings')).json();
      const confirmation = list.items.find((s: { key: string }) => s.key === 'confirmation_days');
      expect(confirmation).toMatchObject({ value: '30', effectiveFrom: '2025-06-01' });
      expect(confirmation.basis).toContain('国务院令第802号');
      const own = await t.request('PUT', '/api/financing/settings', {
        session: official,
        body: {
          key: 'pickup_working_days',
          regionCode: '320583',
          effectiveFrom: today,
          value: '5',
          basis: '本县规定',
          verified: true,
        },
      });
      expect(own.statusCode, own.body).toBe(200);
      const posted = (await post(me, '/api/my/financing/demands', DEMAND)).json().demand;
      expect(posted.pickupDue).toBe(addWorkingDays(today, 5));
      const other = await t.request('PUT', '/api/financing/settings', {
        session: farOfficial,
        body: {
          key: 'pickup_working_days',
          regionCode: '320583',
          effectiveFrom: today,
          value: '1',
          basis: 'x',
          verified: true,
        },
      });
      expect(other.statusCode).toBe(403);
      const key = await t.request('PUT', '/api/financing/settings', {
        session: official,
        body: {
          key: 'decision_days',
          regionCode: '320583',
          effectiveFrom: today,
          value: '10',
          basis: 'x',
          verified: true,
        },
      });
      expect(key.json().errors[0].field).toBe('key');
      const national = await t.request('PUT', '/api/financing/settings', {
        session: admin,
        body: { key: 'decision_days', effectiveFrom: today, value: '20.5', basis: 'x', verified: false },
      });
      expect(national.json().errors[0].field).toBe('value');
    });
  });
});
