/**
 * Banks and demands (issue 15): the board (demands in the regions the bank's products serve, shown because one of
 * its products fits, the demand was made to its product, or it was widened), a demand's page, the pickup and each
 * answer after it, and the bank's own performance.
 *
 * A pickup locks the demand's row: of two banks picking up an exclusive demand at once, the first wins and the
 * second is told it was taken. Every answer is checked against the response as stored (the bank's own, at the
 * version it read, in a state that allows it) and as it will be (a grant with amount, rate, term, security and first
 * loan; a decline with a reason from the list and words); each is one transaction with its timeline entry, the
 * enterprise's notice and the audit entry.
 */
import type { Kysely, Transaction } from 'kysely';
import { findRegion } from '../../../reference/regions.ts';
import type { ResponseActionBody } from '../../../shared/api/financing.ts';
import type { Localized } from '../../../shared/errors.ts';
import type { Database } from '../../db/schema.ts';
import { type Caller, requireActor } from '../../http/auth.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { findInstitutionNames } from '../institutions/index.ts';
import { notify } from '../notifications/index.ts';
import { audit } from './financing.audit.ts';
import { timelineOf, viewDemands } from './financing.demands.ts';
import { myDemandLink } from './financing.links.ts';
import { requireInstitution } from './financing.products.ts';
import { financeReceivable } from './financing.receivables.ts';
import {
  type BoardView,
  bankPerformance,
  boardPage,
  type DemandRow,
  findDemand,
  findProduct,
  findResponse,
  insertEvent,
  insertResponse,
  type ResponseRow,
  responsesOfDemand,
  servedRegions,
  updateDemand,
  updateResponse,
} from './financing.repository.ts';
import {
  ACTIVE_RESPONSE_STATES,
  activeLimit,
  checkDecline,
  compareDecimals,
  decimalUnits,
  demandStateOf,
  nextResponseState,
  normalDecimal,
  responseDeadlines,
  servedPrefixes,
  wanAsYuan,
} from './financing.rules.ts';
import { financingSettingsOn } from './financing.settings.ts';
import { hoursBetween, recordStats } from './financing.stats.ts';
import type { ResponseState } from './financing.table.ts';
import { identityShownTo, type Viewer } from './financing.views.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

function encodeCursor(row: { created_at: Date; id: number; cursor_at?: Date; cursor_id?: number }): string {
  const at = row.cursor_at ?? row.created_at;
  return Buffer.from(JSON.stringify([at.toISOString(), row.cursor_id ?? row.id])).toString('base64url');
}

function decodeCursor(text: string): { createdAt: string; id: number } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [string, number];
    if (typeof createdAt !== 'string' || !Number.isInteger(id) || Number.isNaN(Date.parse(createdAt)))
      throw new Error('bad');
    return { createdAt, id };
  } catch {
    throw AppError.field('after', { zh: '翻页标记无效', en: 'not a valid page cursor' });
  }
}

const RESPONSE_STATE_CODES: ReadonlySet<string> = new Set([
  'picked_up',
  'contacted',
  'visited',
  'granted',
  'declined',
  'disbursed',
  'released',
  'withdrawn',
]);

/** The bank's board: a page of available demands, or of its own by response state. */
export async function board(
  db: Db,
  caller: Caller,
  query: { view?: BoardView; state?: string; region?: string; after?: string; pageSize?: number },
  today: string,
) {
  const institutionId = requireInstitution(requireActor(caller));
  const regions = await servedRegions(db, institutionId);
  const prefixes = servedPrefixes(regions);
  const view = query.view ?? 'available';
  if (query.state !== undefined && !RESPONSE_STATE_CODES.has(query.state))
    throw AppError.field('state', { zh: '没有这种状态', en: 'no such state' });
  let regionPrefix: string | undefined;
  if (query.region) {
    if (!findRegion(query.region))
      throw AppError.field('region', { zh: '不是行政区划代码', en: 'not a region code' });
    regionPrefix = servedPrefixes([query.region])[0];
  }
  const pageSize = query.pageSize ?? 20;
  const rows = await boardPage(
    db,
    institutionId,
    prefixes,
    {
      view,
      responseState: query.state as ResponseState | undefined,
      regionPrefix,
      before: query.after ? decodeCursor(query.after) : undefined,
    },
    pageSize + 1,
  );
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return {
    items: await viewDemands(db, page, { role: 'bank', institutionId }, today),
    nextCursor: rows.length > pageSize && last ? encodeCursor(last) : null,
    regions,
  };
}

/**
 * Whether the bank may see (and pick up) a demand: in a region its products serve, and shown to it (a product of
 * its fits, the demand was made to its product, or it was widened).
 */
async function visibleTo(db: Db | Trx, institutionId: number, demand: DemandRow): Promise<boolean> {
  const prefixes = servedPrefixes(await servedRegions(db, institutionId));
  if (!prefixes.some((p) => demand.region_code.startsWith(p))) return false;
  if (demand.widened) return true;
  if (demand.product_id !== null) {
    const product = await findProduct(db, demand.product_id);
    return product?.institution_id === institutionId;
  }
  const match = await db
    .selectFrom('financing_matches')
    .select('product_id')
    .where('enterprise_id', '=', demand.enterprise_id)
    .where('demand_id', '=', demand.id)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
  return match !== undefined;
}

const OUTSIDE: Localized = {
  zh: '该需求不在本机构的服务区域或推送范围内',
  en: 'This demand is outside your regions or has not been shown to you',
};

/**
 * A demand's page for a bank: one it works on, or one it may pick up. The first view of the enterprise's identity
 * each day is written on the timeline the enterprise sees.
 */
export async function bankDemand(
  db: Db,
  caller: Caller,
  enterpriseId: number,
  demandId: number,
  today: string,
) {
  const actor = requireActor(caller);
  const institutionId = requireInstitution(actor);
  const demand = await findDemand(db, enterpriseId, demandId);
  if (!demand) throw new AppError('NOT_FOUND');
  const responses = await responsesOfDemand(db, enterpriseId, demandId);
  const own = responses.find((r) => r.institution_id === institutionId);
  if (!own && !(await visibleTo(db, institutionId, demand))) throw new AppError('NOT_FOUND');
  const viewer: Viewer = { role: 'bank', institutionId };
  if (own && identityShownTo(viewer, demand, responses)) {
    const seenToday = await db
      .selectFrom('financing_events')
      .select('id')
      .where('enterprise_id', '=', enterpriseId)
      .where('demand_id', '=', demandId)
      .where('response_id', '=', own.id)
      .where('kind', '=', 'profile_viewed')
      .where('at', '>=', new Date(`${today}T00:00:00+08:00`))
      .executeTakeFirst();
    if (!seenToday)
      await db.transaction().execute(async (trx) => {
        await insertEvent(trx, {
          enterprise_id: enterpriseId,
          demand_id: demandId,
          response_id: own.id,
          institution_id: institutionId,
          kind: 'profile_viewed',
          actor_role: 'bank',
          actor_id: actor.userId,
        });
        await audit(trx, caller, actor, 'profile_viewed', enterpriseId, { demandId, responseId: own.id });
      });
  }
  const [view] = await viewDemands(db, [demand], viewer, today);
  return {
    demand: view as NonNullable<typeof view>,
    timeline: await timelineOf(db, demand, viewer),
    matches: [],
  };
}

/** The bank picks a demand up: the deadlines start (first contact, decision). */
export async function pickUp(db: Db, caller: Caller, enterpriseId: number, demandId: number, today: string) {
  const actor = requireActor(caller);
  const institutionId = requireInstitution(actor);
  await db.transaction().execute(async (trx) => {
    const demand = await findDemand(trx, enterpriseId, demandId, true);
    if (!demand) throw new AppError('NOT_FOUND');
    if (!(await visibleTo(trx, institutionId, demand))) throw new AppError('OUT_OF_SCOPE', [], OUTSIDE);
    const responses = await responsesOfDemand(trx, enterpriseId, demandId);
    if (responses.some((r) => r.institution_id === institutionId))
      throw new AppError('CONFLICT', [], {
        zh: '本机构已处理过这个需求',
        en: 'Your institution has already handled this demand',
      });
    const active = responses.filter((r) => ACTIVE_RESPONSE_STATES.includes(r.state)).length;
    if (demand.state === 'in_progress' && active >= activeLimit(demand.exclusive))
      throw new AppError('CONFLICT', [], {
        zh: '该需求已被其他机构受理',
        en: 'Another bank has already picked this demand up',
      });
    if (demand.state !== 'open' && demand.state !== 'in_progress')
      throw new AppError('CONFLICT', [], {
        zh: '该需求已不在受理中',
        en: 'This demand is no longer open',
      });
    const settings = await financingSettingsOn(trx, demand.region_code, today);
    const deadlines = responseDeadlines(today, settings);
    const product = demand.product_id === null ? undefined : await findProduct(trx, demand.product_id);
    const pickedUpAt = new Date();
    const responseId = await insertResponse(trx, {
      enterprise_id: enterpriseId,
      demand_id: demandId,
      institution_id: institutionId,
      region_code: demand.region_code,
      product_kind: product && product.institution_id === institutionId ? product.kind : null,
      picked_up_by: actor.userId,
      picked_up_at: pickedUpAt,
      picked_up_on: today,
      contact_due: deadlines.contactDue,
      decision_due: deadlines.decisionDue,
      profile_shown: false,
    });
    await updateDemand(trx, enterpriseId, demandId, { state: 'in_progress' });
    await recordStats(trx, {
      day: today,
      regionCode: demand.region_code,
      institutionId,
      productKind: product && product.institution_id === institutionId ? product.kind : null,
      pickups: 1,
      firstPickups: responses.length === 0 ? 1 : 0,
    });
    await insertEvent(trx, {
      enterprise_id: enterpriseId,
      demand_id: demandId,
      response_id: responseId,
      institution_id: institutionId,
      kind: 'picked_up',
      actor_role: 'bank',
      actor_id: actor.userId,
      detail: { contactDue: deadlines.contactDue, decisionDue: deadlines.decisionDue },
    });
    const name = (await findInstitutionNames(trx, [institutionId])).get(institutionId) ?? '';
    await notify(trx, [
      {
        enterpriseId,
        kind: 'financing',
        link: myDemandLink(demandId),
        title: {
          zh: `${name}已受理您的融资需求，将在${deadlines.contactDue}前与您联系`,
          en: `${name} picked up your financing demand and will contact you by ${deadlines.contactDue}`,
        },
      },
    ]);
    await audit(trx, caller, actor, 'demand_picked_up', enterpriseId, {
      demandId,
      responseId,
      institutionId,
      contactDue: deadlines.contactDue,
      decisionDue: deadlines.decisionDue,
    });
  });
  return bankDemand(db, caller, enterpriseId, demandId, today);
}

/** Field checks of an answer as it will be stored. */
function checkAnswer(body: ResponseActionBody, response: ResponseRow): FieldError[] {
  const problems: FieldError[] = [];
  const need = (field: keyof ResponseActionBody, zh: string, en: string) => {
    if (body[field] === undefined) problems.push({ field, message: { zh, en } });
  };
  if (body.action === 'grant') {
    need('grantedAmount', '请填写授信金额（万元）', 'give the amount granted (× 10k yuan)');
    need('grantedRate', '请填写年利率（%）', 'give the annual rate (%)');
    need('grantedTermMonths', '请填写期限（月）', 'give the term (months)');
    need('security', '请选择信用或抵质押、担保', 'say whether the loan is unsecured or secured');
    need('firstLoan', '请说明是否为首贷', 'say whether it is a first loan');
    if (body.grantedAmount !== undefined && decimalUnits(body.grantedAmount) === 0n)
      problems.push({ field: 'grantedAmount', message: { zh: '应大于0', en: 'must be above 0' } });
    if (body.grantedRate !== undefined && compareDecimals(body.grantedRate, '100') > 0)
      problems.push({ field: 'grantedRate', message: { zh: '不能超过100', en: 'must be at most 100' } });
  }
  if (body.action === 'decline') problems.push(...checkDecline(body.declineReason, body.declineText));
  if (body.action === 'disburse') {
    need('disbursedAmount', '请填写放款金额（万元）', 'give the amount disbursed (× 10k yuan)');
    if (body.disbursedAmount !== undefined) {
      if (decimalUnits(body.disbursedAmount) === 0n)
        problems.push({ field: 'disbursedAmount', message: { zh: '应大于0', en: 'must be above 0' } });
      else if (
        response.granted_amount !== null &&
        compareDecimals(body.disbursedAmount, response.granted_amount) > 0
      )
        problems.push({
          field: 'disbursedAmount',
          message: {
            zh: `放款金额超过授信金额${response.granted_amount}万元`,
            en: `more than the ${wanAsYuan(response.granted_amount)} yuan granted`,
          },
        });
    }
  }
  return problems;
}

const NOTICE: Partial<Record<ResponseState, (bank: string) => Localized>> = {
  contacted: (b) => ({ zh: `${b}已就您的融资需求与您联系`, en: `${b} has contacted you about your demand` }),
  visited: (b) => ({ zh: `${b}已走访贵企业`, en: `${b} has visited you` }),
  granted: (b) => ({ zh: `${b}已批准您的融资需求`, en: `${b} granted your financing demand` }),
  declined: (b) => ({
    zh: `${b}未批准您的融资需求，您可以同意推荐给其他金融机构`,
    en: `${b} declined your demand; you may agree to be referred to other banks`,
  }),
  disbursed: (b) => ({ zh: `${b}已放款`, en: `${b} disbursed the loan` }),
  released: (b) => ({
    zh: `${b}退回了您的融资需求，其他机构可以受理`,
    en: `${b} released your demand; other banks may pick it up`,
  }),
};

/** A bank's next step on a demand it picked up. */
export async function actOnDemand(
  db: Db,
  caller: Caller,
  enterpriseId: number,
  demandId: number,
  body: ResponseActionBody,
  today: string,
) {
  const actor = requireActor(caller);
  const institutionId = requireInstitution(actor);
  await db.transaction().execute(async (trx) => {
    const demand = await findDemand(trx, enterpriseId, demandId, true);
    if (!demand) throw new AppError('NOT_FOUND');
    const responses = await responsesOfDemand(trx, enterpriseId, demandId);
    const own = responses.find((r) => r.institution_id === institutionId);
    if (!own)
      throw new AppError('FORBIDDEN', [], {
        zh: '本机构尚未受理这个需求',
        en: 'Your institution has not picked this demand up',
      });
    const response = (await findResponse(trx, enterpriseId, own.id, true)) as ResponseRow;
    if (response.version !== body.version) throw new AppError('CONFLICT');
    const next = nextResponseState(response.state, body.action);
    if (next === null)
      throw new AppError('CONFLICT', [], {
        zh: `当前状态下不能执行此操作（${response.state} → ${body.action}）`,
        en: `This step is not possible now (${response.state} → ${body.action})`,
      });
    const problems = checkAnswer(body, response);
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
    const now = new Date();
    const detail: Record<string, unknown> = { note: body.note ?? null };
    if (body.action === 'contact')
      await updateResponse(trx, enterpriseId, response.id, { state: next, contacted_at: now });
    if (body.action === 'visit')
      await updateResponse(trx, enterpriseId, response.id, { state: next, visited_at: now });
    if (body.action === 'grant') {
      const amount = normalDecimal(body.grantedAmount as string);
      const rate = normalDecimal(body.grantedRate as string);
      await updateResponse(trx, enterpriseId, response.id, {
        state: next,
        decided_at: now,
        granted_amount: amount,
        granted_rate: rate,
        granted_term_months: body.grantedTermMonths as number,
        security: body.security as 'credit' | 'secured',
        first_loan: body.firstLoan as boolean,
      });
      Object.assign(detail, {
        amount,
        rate,
        termMonths: body.grantedTermMonths,
        security: body.security,
        firstLoan: body.firstLoan,
      });
    }
    if (body.action === 'decline') {
      await updateResponse(trx, enterpriseId, response.id, {
        state: next,
        decided_at: now,
        decline_reason: body.declineReason as string,
        decline_text: (body.declineText as string).trim(),
        closed_at: now,
      });
      Object.assign(detail, { reason: body.declineReason, text: (body.declineText as string).trim() });
    }
    if (body.action === 'disburse') {
      const amount = normalDecimal(body.disbursedAmount as string);
      if (demand.receivable_id !== null) {
        const name = (await findInstitutionNames(trx, [institutionId])).get(institutionId) ?? '';
        await financeReceivable(
          trx,
          enterpriseId,
          demand.receivable_id,
          demandId,
          { id: institutionId, name },
          body.notice ?? 'pledge',
        );
        detail.notice = body.notice ?? 'pledge';
      }
      await updateResponse(trx, enterpriseId, response.id, {
        state: next,
        disbursed_at: now,
        disbursed_amount: amount,
        closed_at: now,
      });
      Object.assign(detail, { amount });
    }
    if (body.action === 'release')
      await updateResponse(trx, enterpriseId, response.id, { state: next, closed_at: now });
    const after = responses.map((r) => (r.id === response.id ? { state: next } : { state: r.state }));
    const cell = {
      day: today,
      regionCode: response.region_code,
      institutionId,
      productKind: response.product_kind,
    };
    if (body.action === 'contact')
      await recordStats(trx, {
        ...cell,
        contacted: 1,
        contactHours: hoursBetween(response.picked_up_at, now),
      });
    if (body.action === 'grant')
      await recordStats(trx, {
        ...cell,
        granted: 1,
        grantedAmount: normalDecimal(body.grantedAmount as string),
        firstLoans: body.firstLoan ? 1 : 0,
        creditLoans: body.security === 'credit' ? 1 : 0,
        rateSum: normalDecimal(body.grantedRate as string),
      });
    if (body.action === 'decline')
      await recordStats(trx, { ...cell, declined: 1, declineReason: body.declineReason as string });
    if (body.action === 'disburse')
      await recordStats(trx, {
        ...cell,
        disbursed: 1,
        disbursedAmount: normalDecimal(body.disbursedAmount as string),
      });
    let state = demandStateOf(after, demand.referred);
    // A referred demand declined again, with no bank left on it, is declined (the referral was its second chance).
    if (body.action === 'decline' && state === 'open') state = 'declined';
    const finished = state === 'granted' || state === 'declined';
    await updateDemand(trx, enterpriseId, demandId, {
      state,
      // A released demand goes to every bank serving the region.
      ...(body.action === 'release' ? { widened: true } : {}),
      ...(finished && demand.closed_at === null ? { closed_at: now } : {}),
    });
    await insertEvent(trx, {
      enterprise_id: enterpriseId,
      demand_id: demandId,
      response_id: response.id,
      institution_id: institutionId,
      kind: next,
      actor_role: 'bank',
      actor_id: actor.userId,
      detail,
    });
    const name = (await findInstitutionNames(trx, [institutionId])).get(institutionId) ?? '';
    const notice = NOTICE[next];
    if (notice)
      await notify(trx, [
        { enterpriseId, kind: 'financing', link: myDemandLink(demandId), title: notice(name) },
      ]);
    await audit(trx, caller, actor, `response_${body.action}`, enterpriseId, {
      demandId,
      responseId: response.id,
      institutionId,
      from: response.state,
      to: next,
      ...detail,
    });
  });
  return bankDemand(db, caller, enterpriseId, demandId, today);
}

/** The bank's own figures. */
export async function performance(db: Db, caller: Caller, today: string) {
  const institutionId = requireInstitution(requireActor(caller));
  const row = await bankPerformance(db, institutionId, today);
  return {
    pickedUp: row?.picked_up ?? 0,
    active: row?.active ?? 0,
    granted: row?.granted ?? 0,
    declined: row?.declined ?? 0,
    released: row?.released ?? 0,
    disbursed: row?.disbursed ?? 0,
    contacted: row?.contacted ?? 0,
    contactedOnTime: row?.contacted_on_time ?? 0,
    lateNow: row?.late_now ?? 0,
    grantedAmount: row?.granted_amount ?? '0',
    rated: row?.rated ?? 0,
    ratingAverage: row?.rating_avg ?? null,
    firstLoans: row?.first_loans ?? 0,
    creditLoans: row?.credit_loans ?? 0,
  };
}
