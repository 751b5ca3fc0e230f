/**
 * The demo's financing (issue 15): three banks with products of every kind serving the demo county, and the demo
 * enterprise's demands in every state — awaiting pickup, picked up and contacted, granted and disbursed (a first,
 * unsecured loan, rated), declined and referred, withdrawn — plus one nobody picked up in time (escalated by the
 * daily run at start) and one whose bank missed the contact day (on the officials' desk). Everything goes through
 * the services, as the users' requests would; only the dates of the two late ones are moved back.
 */
import { type Kysely, sql } from 'kysely';
import { addDays } from '../../../reference/calendar.ts';
import type { Database } from '../../db/schema.ts';
import type { Caller } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { listMyCases } from '../cases/index.ts';
import { myDemand, postDemand, rateResponse, referDemand, withdrawDemand } from './financing.demands.ts';
import { createProduct } from './financing.products.ts';
import { answerReceivable, requestConfirmation } from './financing.receivables.ts';
import {
  addRecommendation,
  contactRecommendation,
  decideRecommendation,
  pushRecommendation,
} from './financing.recommendations.ts';
import { actOnDemand, bankDemand, pickUp } from './financing.responses.ts';
import { rebuildStats } from './financing.stats.ts';

export interface FinancingDemoInput {
  /** The three demo banks' users (the first is the demo's `bank`). */
  banks: readonly Caller[];
  enterprise: Caller;
  enterpriseId: number;
  /** The county's official, and the county's enterprises (candidates for the recommended list). */
  official: Caller;
  countyEnterprises: readonly { id: number; uscc: string }[];
  /** The demo debtor body's official (role payer), and the body. */
  payer: Caller;
  debtor: { uscc: string; name: string };
  /** The demo county and its city and province. */
  region: { province: string; city: string; county: string };
  today: string;
}

/** Seeds the demo's financing. */
export async function seedFinancingDemo(db: Kysely<Database>, input: FinancingDemoInput): Promise<void> {
  const { today, region, enterprise, enterpriseId } = input;
  const [first, second, third] = input.banks as [Caller, Caller, Caller];
  const base = { description: '', regions: [region.county] };
  const creditLoan = await createProduct(
    db,
    first,
    {
      ...base,
      name: '（演示）科创信用贷',
      kind: 'credit',
      description: '面向制造业和科技型小微企业的纯信用贷款，无需抵押担保。',
      amountMin: '10',
      amountMax: '300',
      termMinMonths: 6,
      termMaxMonths: 36,
      rateMin: '3.2',
      rateMax: '4.5',
      rule: { all: [{ compare: [{ age: 'years' }, '>=', 2] }, { status: ['active'] }] },
    },
    today,
  );
  await createProduct(
    db,
    first,
    {
      ...base,
      name: '（演示）厂房抵押经营贷',
      kind: 'mortgage',
      amountMin: '50',
      amountMax: '1000',
      termMinMonths: 12,
      termMaxMonths: 60,
      rateMin: '3.0',
      rateMax: '4.2',
    },
    today,
  );
  const guaranteed = await createProduct(
    db,
    second,
    {
      ...base,
      regions: [region.city],
      name: '（演示）政府性融资担保贷',
      kind: 'guarantee',
      description: '由政府性融资担保机构担保，担保费率不超过0.8%。',
      amountMin: '10',
      amountMax: '500',
      termMinMonths: 6,
      termMaxMonths: 36,
      rateMin: '3.4',
      rateMax: '4.8',
      guaranteeFeeRate: '0.8',
      rule: { size: ['small', 'micro'] },
    },
    today,
  );
  const receivablesLoan = await createProduct(
    db,
    second,
    {
      ...base,
      regions: [region.city],
      name: '（演示）应收账款融资',
      kind: 'receivables',
      amountMin: '5',
      amountMax: '800',
      termMinMonths: 3,
      termMaxMonths: 12,
      rateMin: '3.5',
      rateMax: '5.5',
    },
    today,
  );
  await createProduct(
    db,
    third,
    {
      ...base,
      regions: [region.province],
      name: '（演示）政采贷',
      kind: 'procurement_contract',
      amountMin: '10',
      amountMax: '1000',
      termMinMonths: 3,
      termMaxMonths: 12,
      rateMin: '3.6',
      rateMax: '5.0',
    },
    today,
  );
  await createProduct(
    db,
    third,
    {
      ...base,
      regions: [region.province],
      name: '（演示）存货质押融资',
      kind: 'inventory',
      amountMin: '20',
      amountMax: '600',
      termMinMonths: 6,
      termMaxMonths: 24,
      rateMin: '4.0',
      rateMax: '6.0',
    },
    today,
  );

  const post = async (body: Parameters<typeof postDemand>[2]) =>
    (await postDemand(db, enterprise, body, today)).demand;
  const versionOf = async (bank: Caller, demandId: number) => {
    const { demand } = await bankDemand(db, bank, enterpriseId, demandId, today);
    return demand.responses[0]?.version ?? 1;
  };
  const act = async (
    bank: Caller,
    demandId: number,
    body: Omit<Parameters<typeof actOnDemand>[4], 'version'>,
  ) =>
    actOnDemand(
      db,
      bank,
      enterpriseId,
      demandId,
      { ...body, version: await versionOf(bank, demandId) },
      today,
    );

  // Granted and disbursed: a first, unsecured loan, rated by the enterprise.
  const granted = await post({
    amount: '150',
    termMonths: 12,
    purposes: ['raw_materials', 'orders'],
    description: '（演示）承接一笔出口订单，需要采购原材料的流动资金。',
    collateral: [],
    maxRate: '4.5',
    showProfile: true,
    productId: creditLoan.id,
  });
  await pickUp(db, first, enterpriseId, granted.id, today);
  await act(first, granted.id, { action: 'contact', note: '电话了解订单和回款情况' });
  await act(first, granted.id, { action: 'visit', note: '实地查看生产线' });
  await act(first, granted.id, {
    action: 'grant',
    grantedAmount: '120',
    grantedRate: '3.65',
    grantedTermMonths: 12,
    security: 'credit',
    firstLoan: true,
  });
  await act(first, granted.id, { action: 'disburse', disbursedAmount: '120' });
  const grantedDetail = await myDemand(db, enterprise, granted.id, today);
  const grantedResponse = grantedDetail.demand.responses[0];
  if (grantedResponse)
    await rateResponse(
      db,
      enterprise,
      granted.id,
      grantedResponse.id,
      { rating: 5, comment: '对接及时' },
      today,
    );

  // Declined by one bank, then referred to the others (open again, shown to every bank of the region).
  const declined = await post({
    amount: '400',
    termMonths: 36,
    purposes: ['equipment'],
    description: '（演示）购置两台数控加工中心，扩大产能。',
    collateral: ['equipment'],
    showProfile: false,
  });
  await pickUp(db, first, enterpriseId, declined.id, today);
  await act(first, declined.id, { action: 'contact' });
  await act(first, declined.id, {
    action: 'decline',
    declineReason: 'collateral',
    declineText: '设备抵押评估价值不足以覆盖申请金额',
  });
  const declinedNow = (await myDemand(db, enterprise, declined.id, today)).demand;
  await referDemand(db, enterprise, declined.id, declinedNow.version, today);

  // Picked up and contacted, in progress (applied to the guarantee product).
  const inProgress = await post({
    amount: '80',
    termMonths: 12,
    purposes: ['working_capital'],
    description: '（演示）旺季备货的短期周转资金，可接受政府性融资担保。',
    collateral: ['guarantee_company'],
    showProfile: true,
    productId: guaranteed.id,
  });
  await pickUp(db, second, enterpriseId, inProgress.id, today);
  await act(second, inProgress.id, { action: 'contact', note: '已约定走访时间' });

  // Awaiting pickup.
  await post({
    amount: '60',
    termMonths: 6,
    purposes: ['inventory', 'trade'],
    description: '（演示）进口原料到港前的存货质押融资。',
    collateral: ['inventory'],
    showProfile: false,
  });

  // Withdrawn by the enterprise.
  const withdrawn = await post({
    amount: '30',
    termMonths: 12,
    purposes: ['digital'],
    description: '（演示）上线生产管理系统，后已获政府补助，不再需要贷款。',
    showProfile: false,
  });
  await withdrawDemand(db, enterprise, withdrawn.id, withdrawn.version, today);

  // Nobody picked it up in time: posted back in time, escalated by the daily run at start.
  const unanswered = await post({
    amount: '200',
    termMonths: 24,
    purposes: ['technology'],
    description: '（演示）新产品研发的中试线建设资金。',
    showProfile: false,
  });
  await sql`update financing_demands set posted_on = ${addDays(today, -10)}::date,
    pickup_due = ${addDays(today, -5)}::date, created_at = now() - interval '10 days'
    where enterprise_id = ${enterpriseId} and id = ${unanswered.id}`.execute(db);
  await sql`update financing_events set at = now() - interval '10 days'
    where enterprise_id = ${enterpriseId} and demand_id = ${unanswered.id}`.execute(db);

  // A bank that missed the contact day: on the officials' desk.
  const late = await post({
    amount: '100',
    termMonths: 12,
    purposes: ['working_capital'],
    description: '（演示）支付供应商货款的周转资金。',
    collateral: ['procurement_contract'],
    showProfile: false,
  });
  await pickUp(db, third, enterpriseId, late.id, today);
  await sql`update financing_demands set posted_on = ${addDays(today, -7)}::date,
    created_at = now() - interval '7 days'
    where enterprise_id = ${enterpriseId} and id = ${late.id}`.execute(db);
  await sql`update financing_responses set picked_up_on = ${addDays(today, -6)}::date,
    picked_up_at = now() - interval '6 days', contact_due = ${addDays(today, -3)}::date
    where enterprise_id = ${enterpriseId} and demand_id = ${late.id}`.execute(db);
  await sql`update financing_events set at = now() - case when kind = 'posted' or kind = 'matched'
      then interval '7 days' else interval '6 days' end
    where enterprise_id = ${enterpriseId} and demand_id = ${late.id}`.execute(db);

  // A receivable from the demo's overdue-payment complaint: confirmed by the debtor's official, backing a demand
  // for receivables financing that the city bank granted and disbursed (the debtor got the pledge notice).
  const complaints = await listMyCases(db, enterprise.actor as NonNullable<Caller['actor']>, {
    type: 'arrears',
  });
  const complaint = complaints.items[0];
  if (complaint) {
    const asked = await requestConfirmation(db, enterprise, { caseId: complaint.id }, today);
    await answerReceivable(
      db,
      input.payer,
      enterpriseId,
      asked.id,
      { kind: 'confirm', version: asked.version },
      today,
    );
    const financed = await post({
      amount: '10',
      termMonths: 6,
      purposes: ['working_capital'],
      description: '（演示）以县直机关已确认的应收账款融资，补充流动资金。',
      showProfile: true,
      receivableId: asked.id,
      productId: receivablesLoan.id,
    });
    await pickUp(db, second, enterpriseId, financed.id, today);
    await act(second, financed.id, { action: 'contact' });
    await act(second, financed.id, {
      action: 'grant',
      grantedAmount: '10',
      grantedRate: '3.9',
      grantedTermMonths: 6,
      security: 'secured',
      firstLoan: false,
    });
    await act(second, financed.id, { action: 'disburse', disbursedAmount: '10', notice: 'pledge' });
  }
  // A request awaiting the debtor's answer.
  await requestConfirmation(
    db,
    enterprise,
    {
      debtorUscc: input.debtor.uscc,
      debtorName: input.debtor.name,
      debtorKind: 'government',
      contractNumber: 'KS-FW-2026-0107',
      amount: '236000',
      dueOn: addDays(today, -20),
    },
    today,
  );

  // The recommended list of the 2024 coordination mechanism: three small or micro enterprises of the county (the
  // first the registry accepts), pushed to the demo bank (one contacted and granted, one awaiting contact) and to the
  // city bank (awaiting); the county's desk shows the contact rate.
  const listed: { id: number; enterpriseId: number; version: number }[] = [];
  for (const candidate of input.countyEnterprises.slice(1)) {
    if (listed.length === 3) break;
    try {
      const entry = await addRecommendation(
        db,
        input.official,
        {
          uscc: candidate.uscc,
          compliantOperation: true,
          fixedPremises: true,
          realNeed: true,
          goodCredit: true,
          compliantPurpose: true,
          needAmount: String(50 + listed.length * 30),
          note: '（演示）县中小企业服务中心走访摸排',
        },
        today,
      );
      listed.push({ id: entry.id, enterpriseId: entry.enterpriseId, version: entry.version });
    } catch (error) {
      // Not small or micro, or not active: the list takes only those, as the mechanism does.
      if (!(error instanceof AppError)) throw error;
    }
  }
  const banksOf = [first, first, second];
  for (const [i, entry] of listed.entries()) {
    const bankCaller = banksOf[i] as Caller;
    const pushed = await pushRecommendation(
      db,
      input.official,
      entry.enterpriseId,
      entry.id,
      { institutionId: bankCaller.actor?.institutionId as number, version: entry.version },
      today,
    );
    if (i === 0) {
      const contacted = await contactRecommendation(
        db,
        bankCaller,
        entry.enterpriseId,
        entry.id,
        { version: pushed.version, note: '（演示）电话联系并上门了解经营情况' },
        today,
      );
      await decideRecommendation(
        db,
        bankCaller,
        entry.enterpriseId,
        entry.id,
        { version: contacted.version, outcome: 'granted', grantedAmount: '50' },
        today,
      );
    }
  }
  // The demands and answers dated back above: the dashboards' roll-up as the tables now say.
  await rebuildStats(db);
}
