/**
 * An enterprise's financing demands (issue 15): post one (optionally to a product), follow each bank's answer on a
 * timeline, show its profile to a bank, withdraw, agree to be referred to other banks once declined, rate a bank.
 * Every change is one transaction with its timeline entry and audit entry; the demand's row is locked, so a bank's
 * pickup and the enterprise's withdrawal never cross.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { DemandBody, RateBody } from '../../../shared/api/financing.ts';
import type { Database } from '../../db/schema.ts';
import { type Caller, requireActor, requireEnterprise } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { activeBankUserIds } from '../accounts/index.ts';
import { publishedGrades } from '../credit/index.ts';
import { findInstitutionNames } from '../institutions/index.ts';
import { notifyUsers } from '../notifications/index.ts';
import { loadEnterpriseFacts } from '../registry/index.ts';
import { audit } from './financing.audit.ts';
import { bankDemandLink } from './financing.links.ts';
import { fitDemandOf, matchDemand } from './financing.matching.ts';
import { fitProductOf, productViews } from './financing.products.ts';
import { lockReceivableForDemand } from './financing.receivables.ts';
import {
  type DemandRow,
  demandsOfEnterprise,
  eventsOfDemand,
  findDemand,
  findProduct,
  findResponse,
  insertDemand,
  insertEvent,
  largestProductAmount,
  publishedProducts,
  type ResponseRow,
  responsesOfDemand,
  responsesOfDemands,
  updateDemand,
  updateResponse,
} from './financing.repository.ts';
import {
  ACTIVE_RESPONSE_STATES,
  checkDemand,
  normalDecimal,
  pickupDue,
  productFit,
  servedPrefixes,
  wanAsYuan,
} from './financing.rules.ts';
import { financingSettingsOn } from './financing.settings.ts';
import { recordStats } from './financing.stats.ts';
import { demandViews, eventText, type Viewer } from './financing.views.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** Views of some demands for a viewer, each with its responses (two reads for the page, however long). */
export async function viewDemands(db: Db | Trx, rows: DemandRow[], viewer: Viewer, today: string) {
  const responses = new Map<number, ResponseRow[]>();
  for (const r of await responsesOfDemands(db, rows)) {
    const list = responses.get(r.demand_id);
    if (list) list.push(r);
    else responses.set(r.demand_id, [r]);
  }
  const settings = await financingSettingsOn(db, rows[0]?.region_code ?? '', today);
  return demandViews(db, rows, responses, viewer, today, {
    maxProductAmount: await largestProductAmount(db),
    settings,
  });
}

/** A demand's timeline for a viewer: a bank sees the entries of its own response and the demand's own. */
export async function timelineOf(db: Db | Trx, demand: DemandRow, viewer: Viewer) {
  const events = await eventsOfDemand(db, demand.enterprise_id, demand.id);
  const visible =
    viewer.role === 'bank'
      ? events.filter((e) => e.institution_id === null || e.institution_id === viewer.institutionId)
      : events;
  const names = await findInstitutionNames(
    db,
    visible.map((e) => e.institution_id).filter((id): id is number => id !== null),
  );
  return visible.map((e) => {
    const name = e.institution_id === null ? null : (names.get(e.institution_id) ?? null);
    return {
      id: e.id,
      kind: e.kind,
      at: e.at.toISOString(),
      actorRole: e.actor_role,
      institutionId: e.institution_id,
      institutionName: name,
      responseId: e.response_id,
      text: eventText(e.kind, e.detail, name),
    };
  });
}

/**
 * Posts a demand. Checked first (at most three purposes, a description of at most 250 characters); a demand to a
 * product must be to a published one serving the enterprise's region. The anonymised profile is taken from the
 * registry as it is today, the pickup deadline from the region's figure, and the demand is matched against every
 * product in the same transaction.
 */
export async function postDemand(db: Db, caller: Caller, body: DemandBody, today: string) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const problems = checkDemand(body);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  const facts = (await loadEnterpriseFacts(db, [enterpriseId])).get(enterpriseId);
  if (!facts?.regionCode) throw new AppError('NOT_FOUND');
  const region = facts.regionCode;
  if (body.productId !== undefined) {
    const product = await findProduct(db, body.productId);
    if (product?.status !== 'published')
      throw AppError.field('productId', { zh: '该产品不存在或已下架', en: 'no such product, or withdrawn' });
    if (!servedPrefixes(product.regions).some((p) => region.startsWith(p)))
      throw AppError.field('productId', {
        zh: '该产品不服务贵企业所在地区',
        en: 'the product does not serve your region',
      });
  }
  const settings = await financingSettingsOn(db, region, today);
  const grade = (await publishedGrades(db, [enterpriseId])).get(enterpriseId) ?? null;
  const size =
    [...facts.sizes].filter((s) => s.standard === 'cn-2011').sort((a, b) => b.year - a.year)[0]?.size ?? null;
  const id = await db.transaction().execute(async (trx) => {
    // A receivable backing the demand: the enterprise's own, confirmed by its debtor, backing no other live demand.
    const receivable =
      body.receivableId === undefined
        ? null
        : await lockReceivableForDemand(trx, enterpriseId, body.receivableId);
    const live =
      receivable === null
        ? undefined
        : await trx
            .selectFrom('financing_demands')
            .select('id')
            .where('enterprise_id', '=', enterpriseId)
            .where('receivable_id', '=', receivable.id)
            .where('state', 'in', ['open', 'in_progress', 'granted'])
            .executeTakeFirst();
    if (live)
      throw AppError.field('receivableId', {
        zh: `该应收账款已用于融资需求 #${live.id}`,
        en: `this receivable already backs financing demand #${live.id}`,
      });
    const collateral = [...new Set([...(body.collateral ?? []), ...(receivable ? ['receivables'] : [])])];
    const id = await insertDemand(trx, {
      enterprise_id: enterpriseId,
      amount: normalDecimal(body.amount),
      term_months: body.termMonths,
      purposes: body.purposes,
      description: body.description.trim(),
      collateral,
      receivable_id: receivable?.id ?? null,
      max_rate: body.maxRate ? normalDecimal(body.maxRate) : null,
      show_profile: body.showProfile,
      exclusive: body.exclusive ?? true,
      product_id: body.productId ?? null,
      state: 'open',
      region_code: region,
      industry_code: facts.industryCode,
      size_class: size,
      established_on: facts.establishedOn,
      grade,
      posted_on: today,
      pickup_due: pickupDue(today, settings),
      widened: false,
      created_by: actor.userId,
    });
    const demand = (await findDemand(trx, enterpriseId, id)) as DemandRow;
    const applied = body.productId === undefined ? undefined : await findProduct(trx, body.productId);
    await recordStats(trx, {
      day: today,
      regionCode: region,
      institutionId: applied?.institution_id ?? null,
      productKind: applied?.kind ?? null,
      demands: 1,
    });
    const counts = await matchDemand(trx, demand, facts, today);
    await insertEvent(trx, {
      enterprise_id: enterpriseId,
      demand_id: id,
      kind: 'posted',
      actor_role: 'enterprise',
      actor_id: actor.userId,
      detail: { amount: demand.amount, termMonths: demand.term_months },
    });
    if (body.productId !== undefined) {
      const product = await findProduct(trx, body.productId);
      await insertEvent(trx, {
        enterprise_id: enterpriseId,
        demand_id: id,
        institution_id: product?.institution_id ?? null,
        kind: 'applied',
        actor_role: 'enterprise',
        actor_id: actor.userId,
        detail: { productId: body.productId, productName: product?.name ?? '' },
      });
      // A direct application: the product's bank hears of it (a posted demand waits on the banks' boards).
      if (product) {
        const staff = await activeBankUserIds(trx, [product.institution_id]);
        await notifyUsers(
          trx,
          staff.map((userId) => ({
            userId,
            kind: 'financing' as const,
            link: bankDemandLink(enterpriseId, demand.id),
            title: {
              zh: `新的融资申请：产品“${product.name}”，${demand.amount}万元，${demand.term_months}个月，请于${demand.pickup_due}前受理`,
              en: `New application to "${product.name}": ${wanAsYuan(demand.amount)} yuan over ${demand.term_months} months; pick it up by ${demand.pickup_due}`,
            },
          })),
        );
      }
    } else
      await insertEvent(trx, {
        enterprise_id: enterpriseId,
        demand_id: id,
        kind: 'matched',
        actor_role: 'system',
        actor_id: null,
        detail: counts,
      });
    await audit(trx, caller, actor, 'demand_posted', enterpriseId, {
      demandId: id,
      amount: demand.amount,
      termMonths: demand.term_months,
      purposes: demand.purposes,
      productId: demand.product_id,
      showProfile: demand.show_profile,
    });
    return id;
  });
  return myDemand(db, caller, id, today);
}

/** A page of the enterprise's demands. */
export async function myDemands(
  db: Db,
  caller: Caller,
  query: { page?: number; pageSize?: number; state?: DemandRow['state'] },
  today: string,
) {
  const enterpriseId = requireEnterprise(requireActor(caller));
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total } = await demandsOfEnterprise(db, enterpriseId, { state: query.state }, page, pageSize);
  return { items: await viewDemands(db, rows, { role: 'enterprise' }, today), total, page, pageSize };
}

/** One of the enterprise's demands with its timeline and the products it fits. */
export async function myDemand(db: Db, caller: Caller, id: number, today: string) {
  const enterpriseId = requireEnterprise(requireActor(caller));
  const row = await findDemand(db, enterpriseId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const viewer: Viewer = { role: 'enterprise' };
  const [demand] = await viewDemands(db, [row], viewer, today);
  const facts = (await loadEnterpriseFacts(db, [enterpriseId])).get(enterpriseId);
  const matched = await db
    .selectFrom('financing_matches')
    .select('product_id')
    .where('enterprise_id', '=', enterpriseId)
    .where('demand_id', '=', id)
    .execute();
  const products = (await publishedProducts(db)).filter((p) => matched.some((m) => m.product_id === p.id));
  const settings = await financingSettingsOn(db, row.region_code, today);
  const views = await productViews(db, products, settings);
  const matches = facts
    ? products.map((p, i) => ({
        product: views[i] as (typeof views)[number],
        fit: productFit(fitProductOf(p), facts, fitDemandOf(row), today),
      }))
    : [];
  return {
    demand: demand as NonNullable<typeof demand>,
    timeline: await timelineOf(db, row, viewer),
    matches,
  };
}

async function lockOwnDemand(trx: Trx, enterpriseId: number, id: number): Promise<DemandRow> {
  const row = await findDemand(trx, enterpriseId, id, true);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The enterprise withdraws a demand: every bank still working on it is told, and their answers end. */
export async function withdrawDemand(db: Db, caller: Caller, id: number, version: number, today: string) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  await db.transaction().execute(async (trx) => {
    const demand = await lockOwnDemand(trx, enterpriseId, id);
    if (demand.version !== version) throw new AppError('CONFLICT');
    if (demand.state !== 'open' && demand.state !== 'in_progress')
      throw new AppError('CONFLICT', [], {
        zh: '只有待受理或对接中的需求可以撤回',
        en: 'Only a demand awaiting pickup or in progress can be withdrawn',
      });
    const now = new Date();
    for (const r of await responsesOfDemand(trx, enterpriseId, id))
      if (ACTIVE_RESPONSE_STATES.includes(r.state))
        await updateResponse(trx, enterpriseId, r.id, { state: 'withdrawn', closed_at: now });
    await updateDemand(trx, enterpriseId, id, { state: 'withdrawn', closed_at: now });
    await insertEvent(trx, {
      enterprise_id: enterpriseId,
      demand_id: id,
      kind: 'withdrawn',
      actor_role: 'enterprise',
      actor_id: actor.userId,
    });
    await trx
      .deleteFrom('financing_matches')
      .where('enterprise_id', '=', enterpriseId)
      .where('demand_id', '=', id)
      .execute();
    await audit(trx, caller, actor, 'demand_withdrawn', enterpriseId, { demandId: id, from: demand.state });
  });
  return myDemand(db, caller, id, today);
}

/**
 * Once declined, the enterprise agrees in one step to be referred to other banks (the UK Bank Referral Scheme's
 * pattern): the demand opens again, shown to every bank serving its region (widened), with a new pickup deadline;
 * the banks that declined do not see it again. An earlier escalation is over: the daily run escalates the demand
 * again if the new deadline passes.
 */
export async function referDemand(db: Db, caller: Caller, id: number, version: number, today: string) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  await db.transaction().execute(async (trx) => {
    const demand = await lockOwnDemand(trx, enterpriseId, id);
    if (demand.version !== version) throw new AppError('CONFLICT');
    if (demand.state !== 'declined')
      throw new AppError('CONFLICT', [], {
        zh: '只有未获批的需求可以推荐给其他机构',
        en: 'Only a declined demand can be referred to other banks',
      });
    const settings = await financingSettingsOn(trx, demand.region_code, today);
    await updateDemand(trx, enterpriseId, id, {
      state: 'open',
      referred: true,
      widened: true,
      pickup_due: pickupDue(today, settings),
      // A new round with its own pickup deadline: escalated again only if that one passes too.
      escalated_at: null,
    });
    await insertEvent(trx, {
      enterprise_id: enterpriseId,
      demand_id: id,
      kind: 'referred',
      actor_role: 'enterprise',
      actor_id: actor.userId,
    });
    await audit(trx, caller, actor, 'demand_referred', enterpriseId, { demandId: id });
  });
  return myDemand(db, caller, id, today);
}

async function lockOwnResponse(trx: Trx, enterpriseId: number, demandId: number, responseId: number) {
  const response = await findResponse(trx, enterpriseId, responseId, true);
  if (!response || response.demand_id !== demandId) throw new AppError('NOT_FOUND');
  return response;
}

/** The enterprise lets a bank working on its demand see who it is. */
export async function showProfile(db: Db, caller: Caller, id: number, responseId: number, today: string) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  await db.transaction().execute(async (trx) => {
    await lockOwnDemand(trx, enterpriseId, id);
    const response = await lockOwnResponse(trx, enterpriseId, id, responseId);
    if (response.profile_shown) return;
    if (!ACTIVE_RESPONSE_STATES.includes(response.state))
      throw new AppError('CONFLICT', [], {
        zh: '该机构已不再处理此需求',
        en: 'This bank no longer works on the demand',
      });
    await updateResponse(trx, enterpriseId, responseId, { profile_shown: true });
    await insertEvent(trx, {
      enterprise_id: enterpriseId,
      demand_id: id,
      response_id: responseId,
      institution_id: response.institution_id,
      kind: 'profile_shown',
      actor_role: 'enterprise',
      actor_id: actor.userId,
    });
    await audit(trx, caller, actor, 'profile_shown', enterpriseId, {
      demandId: id,
      responseId,
      institutionId: response.institution_id,
    });
  });
  return myDemand(db, caller, id, today);
}

/** The enterprise rates a bank's handling once it decided (1–5, with words), once. */
export async function rateResponse(
  db: Db,
  caller: Caller,
  id: number,
  responseId: number,
  body: Static<typeof RateBody>,
  today: string,
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  await db.transaction().execute(async (trx) => {
    await lockOwnDemand(trx, enterpriseId, id);
    const response = await lockOwnResponse(trx, enterpriseId, id, responseId);
    if (!['granted', 'disbursed', 'declined'].includes(response.state))
      throw new AppError('CONFLICT', [], {
        zh: '机构作出决定后才能评价',
        en: 'A bank can be rated once it has decided',
      });
    if (response.rating !== null)
      throw new AppError('CONFLICT', [], { zh: '已经评价过该机构', en: 'This bank has already been rated' });
    await updateResponse(trx, enterpriseId, responseId, {
      rating: body.rating,
      rating_comment: body.comment?.trim() || null,
      rated_at: new Date(),
    });
    await insertEvent(trx, {
      enterprise_id: enterpriseId,
      demand_id: id,
      response_id: responseId,
      institution_id: response.institution_id,
      kind: 'rated',
      actor_role: 'enterprise',
      actor_id: actor.userId,
      detail: { rating: body.rating },
    });
    await audit(trx, caller, actor, 'bank_rated', enterpriseId, {
      demandId: id,
      responseId,
      institutionId: response.institution_id,
      rating: body.rating,
    });
  });
  return myDemand(db, caller, id, today);
}
