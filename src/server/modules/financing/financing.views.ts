/**
 * How a demand, a bank's response and the timeline read for each viewer (issue 15). A bank sees the anonymised
 * profile (region, industry, size, years, grade) and only its own response; the enterprise's name and USCC only once
 * the enterprise let the bank see them (on the demand, or on that bank's response). The enterprise and officials
 * see everything.
 */
import type { Kysely, Transaction } from 'kysely';
import { DECLINE_REASONS, PRODUCT_KINDS, termName } from '../../../reference/financing.ts';
import type { Localized } from '../../../shared/errors.ts';
import type { Database } from '../../db/schema.ts';
import { findInstitutionNames } from '../institutions/index.ts';
import { enterpriseCards } from '../registry/index.ts';
import { findReceivable, type ReceivableRow } from './financing.receivables.repository.ts';
import { type DemandRow, findProducts, type ResponseRow } from './financing.repository.ts';
import {
  compareDecimals,
  type FinancingSettings,
  fullYears,
  lateness,
  normalDecimal,
  type ResponseAction,
  responseActions,
  wanAsYuan,
} from './financing.rules.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type Viewer = { role: 'enterprise' } | { role: 'official' } | { role: 'bank'; institutionId: number };

/** Whether a bank may see who the enterprise is. */
export function identityShownTo(
  viewer: Viewer,
  demand: DemandRow,
  responses: readonly ResponseRow[],
): boolean {
  if (viewer.role !== 'bank') return true;
  const own = responses.find((r) => r.institution_id === viewer.institutionId);
  return own !== undefined && (demand.show_profile || own.profile_shown);
}

export function responseView(
  row: ResponseRow,
  institutionName: string,
  today: string,
  viewer: Viewer,
  demand: DemandRow,
) {
  let actions: string[] = [];
  if (viewer.role === 'bank' && viewer.institutionId === row.institution_id && demand.state !== 'withdrawn')
    actions = responseActions(row.state) as ResponseAction[];
  if (viewer.role === 'enterprise') {
    if (row.rating === null && ['granted', 'disbursed', 'declined'].includes(row.state)) actions.push('rate');
    if (
      !demand.show_profile &&
      !row.profile_shown &&
      ['picked_up', 'contacted', 'visited'].includes(row.state)
    )
      actions.push('show_profile');
  }
  return {
    id: row.id,
    demandId: row.demand_id,
    institutionId: row.institution_id,
    institutionName,
    state: row.state,
    pickedUpAt: row.picked_up_at.toISOString(),
    contactDue: row.contact_due,
    decisionDue: row.decision_due,
    contactedAt: row.contacted_at?.toISOString() ?? null,
    visitedAt: row.visited_at?.toISOString() ?? null,
    decidedAt: row.decided_at?.toISOString() ?? null,
    grantedAmount: row.granted_amount,
    grantedRate: row.granted_rate,
    grantedTermMonths: row.granted_term_months,
    security: row.security,
    firstLoan: row.first_loan,
    declineReason: row.decline_reason,
    declineText: row.decline_text,
    disbursedAt: row.disbursed_at?.toISOString() ?? null,
    disbursedAmount: row.disbursed_amount,
    rating: row.rating,
    ratingComment: row.rating_comment,
    profileShown: demand.show_profile || row.profile_shown,
    late: lateness(row, today),
    actions,
    version: row.version,
  };
}
export type ResponseView = ReturnType<typeof responseView>;

/** Views of demands with their responses, for one viewer (names fetched once for the page). */
export async function demandViews(
  db: Db,
  demands: readonly DemandRow[],
  responsesByDemand: ReadonlyMap<number, ResponseRow[]>,
  viewer: Viewer,
  today: string,
  context: { maxProductAmount: string | null; settings: FinancingSettings },
) {
  const allResponses = [...responsesByDemand.values()].flat();
  const receivableIds = demands.filter((d) => d.receivable_id !== null);
  const [institutionNames, products, cards, receivables] = await Promise.all([
    findInstitutionNames(
      db,
      allResponses.map((r) => r.institution_id),
    ),
    findProducts(
      db,
      demands.map((d) => d.product_id).filter((id): id is number => id !== null),
    ),
    demands.length === 0
      ? Promise.resolve([])
      : enterpriseCards(db as Kysely<Database>)
          .where('id', 'in', [...new Set(demands.map((d) => d.enterprise_id))])
          .execute(),
    Promise.all(receivableIds.map((d) => findReceivable(db, d.enterprise_id, d.receivable_id as number))),
  ]);
  const receivableOf = new Map(receivables.flatMap((r) => (r ? [[r.id, r] as const] : [])));
  const productNames = new Map(products.map((p) => [p.id, p.name]));
  const cardOf = new Map(cards.map((c) => [c.id, c]));
  return demands.map((d) => {
    const responses = responsesByDemand.get(d.id) ?? [];
    const visible =
      viewer.role === 'bank' ? responses.filter((r) => r.institution_id === viewer.institutionId) : responses;
    const shown = identityShownTo(viewer, d, responses);
    const card = cardOf.get(d.enterprise_id);
    const actions: string[] = [];
    if (viewer.role === 'enterprise') {
      if (d.state === 'open' || d.state === 'in_progress') actions.push('withdraw');
      if (d.state === 'declined') actions.push('refer');
    }
    return {
      id: d.id,
      enterpriseId: d.enterprise_id,
      enterpriseName: shown ? (card?.name ?? null) : null,
      uscc: shown ? (card?.uscc ?? null) : null,
      amount: d.amount,
      termMonths: d.term_months,
      purposes: d.purposes,
      description: d.description,
      collateral: d.collateral,
      maxRate: d.max_rate,
      showProfile: d.show_profile,
      exclusive: d.exclusive,
      productId: d.product_id,
      productName: d.product_id === null ? null : (productNames.get(d.product_id) ?? null),
      receivable: receivableSummary(
        d.receivable_id === null ? undefined : receivableOf.get(d.receivable_id),
        shown,
      ),
      state: d.state,
      profile: {
        regionCode: d.region_code,
        industryCode: d.industry_code,
        sizeClass: d.size_class,
        years: d.established_on ? fullYears(d.established_on, today) : null,
        grade: d.grade,
      },
      postedOn: d.posted_on,
      pickupDue: d.pickup_due,
      widened: d.widened,
      escalatedAt: d.escalated_at?.toISOString() ?? null,
      referred: d.referred,
      createdAt: d.created_at.toISOString(),
      closedAt: d.closed_at?.toISOString() ?? null,
      aboveEveryProduct:
        context.maxProductAmount !== null && compareDecimals(d.amount, context.maxProductAmount) > 0,
      inclusive: compareDecimals(d.amount, context.settings.inclusiveLoanMax) <= 0,
      responses: visible.map((r) =>
        responseView(r, institutionNames.get(r.institution_id) ?? '', today, viewer, d),
      ),
      actions,
      version: d.version,
    };
  });
}
export type DemandView = Awaited<ReturnType<typeof demandViews>>[number];

/** What a demand's reader sees of the receivable backing it: the debtor's confirmation (names once shown). */
function receivableSummary(row: ReceivableRow | undefined, shown: boolean) {
  if (!row) return null;
  return {
    id: row.id,
    debtorKind: row.debtor_kind,
    debtorName: shown ? row.debtor_name : null,
    contractNumber: shown ? row.contract_number : null,
    amount: row.amount,
    confirmedAmount: row.confirmed_amount,
    confirmedAt: row.answered_at && row.confirmed_amount !== null ? row.answered_at.toISOString() : null,
    state: row.state,
  };
}

const ROLE_TEXT: Record<string, Localized> = {
  enterprise: { zh: '企业', en: 'The enterprise' },
  bank: { zh: '金融机构', en: 'The bank' },
  official: { zh: '主管部门', en: 'The bureau' },
  admin: { zh: '管理员', en: 'An administrator' },
  system: { zh: '平台', en: 'The platform' },
};

/** A timeline entry's words, from its kind and detail (the bank's name where one acted). */
export function eventText(
  kind: string,
  detail: Record<string, unknown>,
  institutionName: string | null,
): Localized {
  const bank = institutionName ?? '';
  const amount = typeof detail.amount === 'string' ? normalDecimal(detail.amount) : '';
  switch (kind) {
    case 'posted':
      return {
        zh: `发布融资需求：${amount}万元，${String(detail.termMonths)}个月`,
        en: `Demand posted: ${wanAsYuan(amount)} yuan over ${String(detail.termMonths)} months`,
      };
    case 'applied':
      return {
        zh: `申请${bank}的产品“${String(detail.productName)}”`,
        en: `Applied to ${bank}'s product "${String(detail.productName)}"`,
      };
    case 'matched':
      return {
        zh: `匹配到${String(detail.eligible)}个符合条件的产品`,
        en: `${String(detail.eligible)} ${detail.eligible === 1 ? 'product fits' : 'products fit'}`,
      };
    case 'picked_up':
      return { zh: `${bank}已受理`, en: `${bank} picked the demand up` };
    case 'contacted':
      return { zh: `${bank}已联系企业`, en: `${bank} contacted the enterprise` };
    case 'visited':
      return { zh: `${bank}已走访企业`, en: `${bank} visited the enterprise` };
    case 'granted':
      return {
        zh: `${bank}已授信：${amount}万元，年利率${String(detail.rate)}%，${String(detail.termMonths)}个月，${detail.security === 'credit' ? '信用' : '抵质押或担保'}${detail.firstLoan ? '，首贷' : ''}`,
        en: `${bank} granted ${wanAsYuan(amount)} yuan at ${String(detail.rate)}% over ${String(detail.termMonths)} months, ${detail.security === 'credit' ? 'unsecured' : 'secured'}${detail.firstLoan ? ', a first loan' : ''}`,
      };
    case 'declined': {
      const reason = termName(DECLINE_REASONS, String(detail.reason));
      return {
        zh: `${bank}未批准：${reason.zh}（${String(detail.text)}）`,
        en: `${bank} declined: ${reason.en} (${String(detail.text)})`,
      };
    }
    case 'disbursed':
      return { zh: `${bank}已放款${amount}万元`, en: `${bank} disbursed ${wanAsYuan(amount)} yuan` };
    case 'released':
      return { zh: `${bank}退回需求，其他机构可以受理`, en: `${bank} released the demand to other banks` };
    case 'withdrawn':
      return { zh: '企业撤回需求', en: 'The enterprise withdrew the demand' };
    case 'referred':
      return {
        zh: '企业同意推荐给其他金融机构',
        en: 'The enterprise agreed to be referred to other banks',
      };
    case 'escalated':
      return {
        zh: `${String(detail.days)}个工作日内无机构受理，已提交主管部门并向更多机构推送`,
        en: `No bank picked it up in ${String(detail.days)} working days: raised with the bureau and shown to more banks`,
      };
    case 'profile_shown':
      return { zh: `企业向${bank}展示企业名称和信用代码`, en: `The enterprise showed ${bank} who it is` };
    case 'profile_viewed':
      return { zh: `${bank}查看了企业名称和信用代码`, en: `${bank} viewed who the enterprise is` };
    case 'rated':
      return {
        zh: `企业评价${bank}：${String(detail.rating)}星`,
        en: `Rated ${bank}: ${String(detail.rating)} of 5`,
      };
    default: {
      const role = ROLE_TEXT[String(detail.role)] ?? ROLE_TEXT.system;
      return { zh: `${role?.zh ?? ''}：${kind}`, en: `${role?.en ?? ''}: ${kind}` };
    }
  }
}

/** A product kind's names. */
export function productKindName(code: string): Localized {
  return termName(PRODUCT_KINDS, code);
}
