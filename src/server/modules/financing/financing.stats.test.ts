/**
 * The officials' financing dashboards (issue 15): figures by region, bank, product kind and month from the
 * roll-up the writes keep, equal to the roll-up rebuilt from the tables; scope; exports; an enterprise's history.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../../test/helpers/app.ts';
import { readCsv } from '../../../../test/helpers/csv.ts';
import {
  anEnterprise,
  anEnterpriseUser,
  anOfficial,
  aUser,
  type MadeEnterprise,
  signIn,
} from '../../../../test/helpers/factories.ts';
import { aBank } from '../../../../test/helpers/registry-factories.ts';
import { todayInChina } from '../../../shared/today.ts';
import { compactStats, rebuildStats } from './index.ts';

const today = todayInChina();
const month = today.slice(0, 7);

describe('financing dashboards', () => {
  let t: TestApp;
  let kunshan: MadeEnterprise;
  let changshu: MadeEnterprise;
  let cityOfficial: Session;
  let countyOfficial: Session;
  let farOfficial: Session;
  let bankA: Session;
  let bankB: Session;
  let bankAId: number;

  const post = (session: Session, url: string, body?: unknown) => t.request('POST', url, { session, body });
  const get = (session: Session, url: string) => t.request('GET', url, { session });

  async function demandOf(firm: MadeEnterprise, session: Session, body: Record<string, unknown> = {}) {
    const response = await post(session, '/api/my/financing/demands', {
      amount: '100',
      termMonths: 12,
      purposes: ['working_capital'],
      description: '周转资金',
      showProfile: false,
      ...body,
    });
    expect(response.statusCode, response.body).toBe(200);
    return { firm, id: response.json().demand.id as number };
  }

  async function act(bank: Session, d: { firm: MadeEnterprise; id: number }, body: Record<string, unknown>) {
    const base = `/api/bank/financing/demands/${d.firm.id}/${d.id}`;
    const version = (await get(bank, base)).json().demand.responses[0].version;
    const response = await post(bank, `${base}/actions`, { ...body, version });
    expect(response.statusCode, response.body).toBe(200);
  }

  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    const db = t.handle.db;
    kunshan = await anEnterprise(db, { region: '320583' });
    changshu = await anEnterprise(db, { region: '320581' });
    const ks = await signIn(t, await anEnterpriseUser(db, kunshan));
    const cs = await signIn(t, await anEnterpriseUser(db, changshu));
    bankAId = (await aBank(db)).id;
    bankA = await signIn(t, await aUser(db, { role: 'bank', institutionId: bankAId }));
    bankB = await signIn(t, await aUser(db, { role: 'bank', institutionId: (await aBank(db)).id }));
    cityOfficial = await signIn(t, await anOfficial(db, { region: '320500' }));
    countyOfficial = await signIn(t, await anOfficial(db, { region: '320583' }));
    farOfficial = await signIn(t, await anOfficial(db, { region: '110101' }));
    const product = {
      name: '信用贷',
      kind: 'credit',
      amountMin: '10',
      amountMax: '500',
      termMinMonths: 3,
      termMaxMonths: 36,
      rateMin: '3',
      rateMax: '6',
      regions: ['320500'],
    };
    const a = (await post(bankA, '/api/bank/financing/products', product)).json();
    await post(bankB, '/api/bank/financing/products', { ...product, name: '抵押贷', kind: 'mortgage' });
    // Kunshan: one granted (credit, first loan, 3.5%) and disbursed; one declined; one waiting.
    const granted = await demandOf(kunshan, ks, { productId: a.id });
    await post(bankA, `/api/bank/financing/demands/${kunshan.id}/${granted.id}/pickup`);
    await act(bankA, granted, { action: 'contact' });
    await act(bankA, granted, {
      action: 'grant',
      grantedAmount: '80',
      grantedRate: '3.5',
      grantedTermMonths: 12,
      security: 'credit',
      firstLoan: true,
    });
    await act(bankA, granted, { action: 'disburse', disbursedAmount: '80' });
    const declined = await demandOf(kunshan, ks, { collateral: ['real_estate'] });
    await post(bankB, `/api/bank/financing/demands/${kunshan.id}/${declined.id}/pickup`);
    await act(bankB, declined, { action: 'decline', declineReason: 'collateral', declineText: '评估不足' });
    await demandOf(kunshan, ks);
    // Changshu: one granted secured at 4.1%.
    const other = await demandOf(changshu, cs, { collateral: ['real_estate'] });
    await post(bankB, `/api/bank/financing/demands/${changshu.id}/${other.id}/pickup`);
    await act(bankB, other, { action: 'contact' });
    await act(bankB, other, {
      action: 'grant',
      grantedAmount: '200',
      grantedRate: '4.1',
      grantedTermMonths: 24,
      security: 'secured',
      firstLoan: false,
    });
  });
  afterAll(async () => t.close());

  it('sums the city: demands, pickups, grants, amounts, first loans, credit share, average rate, reasons', async () => {
    const response = await get(cityOfficial, '/api/financing/dashboard');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.totals).toMatchObject({
      demands: 4,
      pickedUp: 3,
      pickupRate: '75.0',
      contacted: 2,
      granted: 2,
      declined: 1,
      grantRate: '66.7',
      grantedAmount: '280',
      firstLoans: 1,
      creditLoans: 1,
      creditShare: '50.0',
      averageRate: '3.80',
      disbursed: 1,
      disbursedAmount: '80',
    });
    expect(
      body.byRegion.map((r: { regionCode: string; demands: number }) => [r.regionCode, r.demands]),
    ).toEqual([
      ['320581', 1],
      ['320583', 3],
    ]);
    expect(body.byBank.find((b: { institutionId: number }) => b.institutionId === bankAId)).toMatchObject({
      granted: 1,
      grantedAmount: '80',
    });
    expect(body.byKind.map((k: { kind: string }) => k.kind)).toEqual(expect.arrayContaining(['credit', '']));
    expect(body.byMonth).toEqual([expect.objectContaining({ month, demands: 4 })]);
    expect(body.declineReasons).toEqual([{ reason: 'collateral', count: 1 }]);
  });

  it('keeps the roll-up equal to one rebuilt from the tables, before and after folding', async () => {
    const cells = async () =>
      (
        await sql<{
          cell: string;
        }>`select concat_ws('/', month, region_prefix, breakdown, key,
          sum(demands), sum(first_pickups), sum(pickups), sum(contacted), trim_scale(sum(contact_hours)), sum(granted),
          trim_scale(sum(granted_amount)), sum(first_loans), sum(credit_loans), trim_scale(sum(rate_sum)),
          sum(declined), sum(disbursed), trim_scale(sum(disbursed_amount))) as cell
          from financing_stats group by month, region_prefix, breakdown, key
          order by 1`.execute(t.handle.db)
      ).rows.map((r) => r.cell);
    const kept = await cells();
    await compactStats(t.handle.db);
    expect(await cells()).toEqual(kept);
    await rebuildStats(t.handle.db);
    expect(await cells()).toEqual(kept);
  });

  it('reads each level: the province by city, the county as its own region, with its banks and reasons', async () => {
    const province = await signIn(t, await anOfficial(t.handle.db, { region: '320000' }));
    const body = (await get(province, '/api/financing/dashboard')).json();
    expect(body.totals).toMatchObject({ demands: 4, granted: 2, declined: 1, grantedAmount: '280' });
    expect(
      body.byRegion.map((r: { regionCode: string; demands: number }) => [r.regionCode, r.demands]),
    ).toEqual([['320500', 4]]);
    const county = (await get(countyOfficial, '/api/financing/dashboard')).json();
    expect(county.totals).toMatchObject({ demands: 3, granted: 1, declined: 1, grantedAmount: '80' });
    expect(
      county.byRegion.map((r: { regionCode: string; demands: number }) => [r.regionCode, r.demands]),
    ).toEqual([['320583', 3]]);
    expect(
      county.byBank.map((b: { institutionId: number; granted: number }) => [b.institutionId, b.granted]),
    ).toEqual(expect.arrayContaining([[bankAId, 1]]));
    expect(county.byBank).toHaveLength(2);
    expect(county.declineReasons).toEqual([{ reason: 'collateral', count: 1 }]);
    expect(county.byMonth).toEqual([expect.objectContaining({ month, demands: 3, granted: 1 })]);
  });

  it('keeps each official to their region, and checks the months', async () => {
    const county = (await get(countyOfficial, '/api/financing/dashboard')).json();
    expect(county.totals.demands).toBe(3);
    expect((await get(farOfficial, '/api/financing/dashboard')).json().totals.demands).toBe(0);
    expect((await get(farOfficial, '/api/financing/dashboard?region=320583')).statusCode).toBe(403);
    const backwards = await get(cityOfficial, '/api/financing/dashboard?from=2026-12&to=2026-01');
    expect(backwards.json().errors[0].field).toBe('to');
    const before = (await get(cityOfficial, '/api/financing/dashboard?from=2020-01&to=2020-12')).json();
    expect(before.totals.demands).toBe(0);
  });

  it('exports each table as CSV (named columns) and XLSX', async () => {
    const csv = await get(cityOfficial, '/api/financing/dashboard/export?table=regions&format=csv');
    expect(csv.statusCode).toBe(200);
    const rows = readCsv(csv.body);
    expect(rows[0]).toEqual(expect.arrayContaining(['地区', '融资需求', '获批率（%）', '首贷户']));
    expect(rows).toHaveLength(3);
    const reasons = readCsv(
      (await get(cityOfficial, '/api/financing/dashboard/export?table=reasons&format=csv')).body,
    );
    expect(reasons[1]).toEqual(['抵押担保不足', '1']);
    // The banks' table: their applications, no pickup rate.
    const banks = readCsv(
      (await get(cityOfficial, '/api/financing/dashboard/export?table=banks&format=csv')).body,
    );
    expect(banks[0]).toEqual(expect.arrayContaining(['金融机构', '向其产品申请', '已受理']));
    expect(banks[0]).not.toContain('受理率（%）');
    const xlsx = await get(cityOfficial, '/api/financing/dashboard/export?table=banks&format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('shows an enterprise’s financing history to the officials over it', async () => {
    const history = await get(countyOfficial, `/api/enterprises/${kunshan.id}/financing`);
    expect(history.statusCode, history.body).toBe(200);
    const granted = history.json().demands.find((d: { state: string }) => d.state === 'granted');
    expect(granted.outcomes[0]).toMatchObject({ state: 'disbursed', grantedAmount: '80', firstLoan: true });
    expect((await get(farOfficial, `/api/enterprises/${kunshan.id}/financing`)).statusCode).toBe(403);
  });
});
