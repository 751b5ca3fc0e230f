/**
 * The recommended list of the 2024 coordination mechanism for financing small and micro enterprises (issue 15,
 * measure 10; docs/reference/financing.md "The 2024 coordination mechanism"): local working groups list enterprises
 * passing five tests (合规持续经营, 固定经营场所, 真实融资需求, 信用状况良好, 用途合规) and push them to banks, which
 * are to contact every one and decide within the period (`decision_days`, a dated figure a region may set).
 *
 * - Officials (their region, checked on the enterprise's county as stored on the row and as the registry holds it
 *   now) list an enterprise of the registry for a year, all five tests answered yes; once per year's list. They push
 *   it to a bank whose published products serve its county, and again to another while the first has not made
 *   contact; they take it off the list with a reason until the bank has made contact.
 * - The bank sees the enterprises pushed to it, records its contact, then its decision (granted with the amount,
 *   declined with a reason from the list and words, or not needed), at the version it read; another bank's is
 *   "not found".
 * - Officials follow what the mechanism tracks: listed, pushed, contacted and the contact rate (target 100%),
 *   decided, granted and the amount, late (past the decision day undecided); the list exports as CSV or XLSX.
 * - The enterprise sees whether it is on a list, which bank has it, and the outcome.
 *
 * Each change is one transaction under the row's lock (by enterprise and id: one shard), with its notices and its
 * audit entry.
 */
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import { DECLINE_REASONS, termName } from '../../../reference/financing.ts';
import { regionFullName } from '../../../reference/regions.ts';
import { regionFullNameEn } from '../../../reference/regions-en.ts';
import { validateUscc } from '../../../reference/uscc.ts';
import type {
  BankRecommendationListQuery,
  PushRecommendationBody,
  RecommendationBody,
  RecommendationContactBody,
  RecommendationDecisionBody,
  RecommendationListQuery,
  RemoveRecommendationBody,
} from '../../../shared/api/financing-recommendations.ts';
import type { Localized } from '../../../shared/errors.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, assertInRegion, type Caller, requireActor, requireEnterprise } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import { activeBankUserIds } from '../accounts/index.ts';
import { findInstitutionNames, findInstitutionView } from '../institutions/index.ts';
import { notify, notifyUsers } from '../notifications/index.ts';
import { findEnterpriseSizeByUscc, loadEnterpriseFacts } from '../registry/index.ts';
import { audit } from './financing.audit.ts';
import { BANK_RECOMMENDATIONS_LINK, MY_DEMANDS_LINK } from './financing.links.ts';
import { requireInstitution } from './financing.products.ts';
import {
  findRecommendation,
  findRecommendationCard,
  insertRecommendation,
  type RecommendationCard,
  type RecommendationRow,
  recommendationCounts,
  recommendationsOfEnterprise,
  recommendationsPage,
  updateRecommendation,
} from './financing.recommendations.repository.ts';
import { servedRegions } from './financing.repository.ts';
import {
  checkFiveTests,
  checkRecommendationDecision,
  decimalUnits,
  normalDecimal,
  percentOneDecimal,
  recommendationActions,
  recommendationDecideDue,
  recommendationLate,
  servedPrefixes,
  wanAsYuan,
} from './financing.rules.ts';
import { financingSettingsOn } from './financing.settings.ts';

type Db = Kysely<Database>;
type Viewer = 'official' | 'bank';

/** The mechanism's target: every enterprise pushed to a bank is contacted. */
export const CONTACT_TARGET = '100.0';

export function recommendationView(
  row: RecommendationCard,
  institutionName: string | null,
  today: string,
  viewer: Viewer,
) {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    uscc: row.uscc,
    regionCode: row.region_code,
    listYear: row.list_year,
    tests: {
      compliantOperation: row.compliant_operation,
      fixedPremises: row.fixed_premises,
      realNeed: row.real_need,
      goodCredit: row.good_credit,
      compliantPurpose: row.compliant_purpose,
    },
    needAmount: row.need_amount,
    note: row.note,
    listedAt: row.listed_at.toISOString(),
    institutionId: row.institution_id,
    institutionName: row.institution_id === null ? null : institutionName,
    pushedAt: row.pushed_at?.toISOString() ?? null,
    pushedOn: row.pushed_on,
    decideDue: row.decide_due,
    contactedAt: row.contacted_at?.toISOString() ?? null,
    contactNote: row.contact_note,
    outcome: row.outcome,
    decidedAt: row.decided_at?.toISOString() ?? null,
    grantedAmount: row.granted_amount,
    declineReason: row.decline_reason,
    declineText: row.decline_text,
    removedAt: row.removed_at?.toISOString() ?? null,
    removedReason: row.removed_reason,
    state: row.state,
    late: recommendationLate(row, today),
    actions: recommendationActions(row.state, viewer),
    version: row.version,
  };
}
export type RecommendationView = ReturnType<typeof recommendationView>;

async function viewsOf(db: Db, rows: RecommendationCard[], today: string, viewer: Viewer) {
  const names = await findInstitutionNames(
    db,
    rows.flatMap((r) => (r.institution_id === null ? [] : [r.institution_id])),
  );
  return rows.map((r) =>
    recommendationView(
      r,
      r.institution_id === null ? null : (names.get(r.institution_id) ?? ''),
      today,
      viewer,
    ),
  );
}

async function viewOne(db: Db, enterpriseId: number, id: number, today: string, viewer: Viewer) {
  const row = await findRecommendationCard(db, enterpriseId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const [view] = await viewsOf(db, [row], today, viewer);
  return view as RecommendationView;
}

function requireOfficial(actor: Actor): void {
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
}

/** The official's scope over an enterprise's entry: its county as stored on the row and as the registry holds it. */
async function assertEntryInRegion(db: Db, actor: Actor, row: RecommendationRow): Promise<void> {
  assertInRegion(actor, row.region_code);
  const facts = (await loadEnterpriseFacts(db, [row.enterprise_id])).get(row.enterprise_id);
  if (facts?.regionCode) assertInRegion(actor, facts.regionCode);
}

/** An entry locked for an official's change: found, in their region, at the version they read. */
async function lockOfficialEntry(db: Db, actor: Actor, enterpriseId: number, id: number, version: number) {
  const row = await findRecommendation(db, enterpriseId, id, true);
  if (!row) throw new AppError('NOT_FOUND');
  await assertEntryInRegion(db, actor, row);
  if (row.version !== version) throw new AppError('CONFLICT');
  return row;
}

const SIZES_LISTED: ReadonlySet<string> = new Set(['small', 'micro']);
const SIZE_NAMES: Record<string, Localized> = {
  large: { zh: '大型', en: 'large' },
  medium: { zh: '中型', en: 'medium' },
};

// ---- officials: the list ----

/** An official lists an enterprise of the registry for a year, each of the five tests answered yes. */
export async function addRecommendation(
  db: Db,
  caller: Caller,
  body: Static<typeof RecommendationBody>,
  today: string,
) {
  const actor = requireActor(caller);
  requireOfficial(actor);
  const thisYear = Number(today.slice(0, 4));
  const listYear = body.listYear ?? thisYear;
  const problems = checkFiveTests(body);
  const checked = validateUscc(body.uscc);
  if (!checked.ok) problems.unshift({ field: 'uscc', message: checked.message });
  if (listYear > thisYear + 1)
    problems.push({
      field: 'listYear',
      message: { zh: `最晚为${thisYear + 1}年的清单`, en: `at the latest the list of ${thisYear + 1}` },
    });
  if (body.needAmount !== undefined && decimalUnits(body.needAmount) === 0n)
    problems.push({ field: 'needAmount', message: { zh: '应大于0', en: 'must be above 0' } });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  const uscc = (checked as { code: string }).code;
  const found = await findEnterpriseSizeByUscc(db, uscc);
  if (!found)
    throw AppError.field('uscc', {
      zh: '企业名录中没有这个统一社会信用代码',
      en: 'the registry has no enterprise with this code',
    });
  // As it will be stored: the enterprise's county must lie in the official's region.
  assertInRegion(actor, found.region_code);
  const facts = (await loadEnterpriseFacts(db, [found.id])).get(found.id);
  if (facts && facts.status !== 'active')
    throw AppError.field('uscc', {
      zh: '该企业登记状态不是存续，不符合“合规持续经营”',
      en: 'the enterprise is not registered as active: it does not operate without interruption',
    });
  // The mechanism is for small and micro enterprises: one the registry classes larger is told, not listed.
  if (found.size && !SIZES_LISTED.has(found.size)) {
    const size = SIZE_NAMES[found.size] ?? { zh: found.size, en: found.size };
    throw AppError.field('uscc', {
      zh: `企业名录中该企业为${size.zh}企业（${found.year}年），协调工作机制支持小微企业`,
      en: `the registry classes this enterprise as ${size.en} (${found.year}); the mechanism is for small and micro enterprises`,
    });
  }
  const id = await db.transaction().execute(async (trx) => {
    let id: number;
    try {
      id = await insertRecommendation(trx, {
        enterprise_id: found.id,
        region_code: found.region_code,
        list_year: listYear,
        need_amount: body.needAmount === undefined ? null : normalDecimal(body.needAmount),
        note: body.note?.trim() || null,
        listed_by: actor.userId,
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw new AppError('CONFLICT', [], {
          zh: `该企业已在${listYear}年推荐清单中`,
          en: `This enterprise is already on the list of ${listYear}`,
        });
      throw error;
    }
    await audit(trx, caller, actor, 'recommendation_listed', found.id, {
      recommendationId: id,
      uscc,
      listYear,
      regionCode: found.region_code,
      needAmount: body.needAmount === undefined ? null : normalDecimal(body.needAmount),
    });
    return id;
  });
  return viewOne(db, found.id, id, today, 'official');
}

/**
 * Pushes a listed enterprise to a bank whose published products serve its county; again to another bank while the
 * first has not made contact. The decision day starts from today. The bank's users and the enterprise are told.
 */
export async function pushRecommendation(
  db: Db,
  caller: Caller,
  enterpriseId: number,
  id: number,
  body: Static<typeof PushRecommendationBody>,
  today: string,
) {
  const actor = requireActor(caller);
  requireOfficial(actor);
  await db.transaction().execute(async (trx) => {
    const row = await lockOfficialEntry(trx, actor, enterpriseId, id, body.version);
    if (!recommendationActions(row.state, 'official').includes('push'))
      throw new AppError('CONFLICT', [], {
        zh: row.state === 'removed' ? '该企业已移出推荐清单' : '银行已与企业对接，不能再推送给其他银行',
        en:
          row.state === 'removed'
            ? 'This enterprise was taken off the list'
            : 'The bank has contacted the enterprise: it cannot be pushed to another',
      });
    if (row.state === 'pushed' && row.institution_id === body.institutionId)
      throw new AppError('CONFLICT', [], {
        zh: '已推送给该银行',
        en: 'Already pushed to this bank',
      });
    const institution = await findInstitutionView(trx, body.institutionId);
    if (institution?.kind !== 'bank')
      throw AppError.field('institutionId', { zh: '不是银行', en: 'is not a bank' });
    const served = servedPrefixes(await servedRegions(trx, body.institutionId));
    if (!served.some((prefix) => row.region_code.startsWith(prefix)))
      throw AppError.field('institutionId', {
        zh: `${institution.name}没有服务${regionFullName(row.region_code) || row.region_code}的已发布贷款产品`,
        en: `${institution.name} has no published product serving ${regionFullNameEn(row.region_code) || row.region_code}`,
      });
    const settings = await financingSettingsOn(trx, row.region_code, today);
    const due = recommendationDecideDue(today, settings);
    await updateRecommendation(trx, enterpriseId, id, {
      state: 'pushed',
      institution_id: body.institutionId,
      pushed_by: actor.userId,
      pushed_at: new Date(),
      pushed_on: today,
      decide_due: due,
    });
    const card = (await findRecommendationCard(trx, enterpriseId, id)) as RecommendationCard;
    const bankUsers = await activeBankUserIds(trx, [body.institutionId]);
    await notifyUsers(
      trx,
      bankUsers.map((userId) => ({
        userId,
        kind: 'financing' as const,
        link: BANK_RECOMMENDATIONS_LINK,
        title: {
          zh: `小微企业融资协调工作机制推荐清单：${card.enterprise_name}（${card.uscc}）已推送给贵行，请与企业对接并于${due}前作出授信决定`,
          en: `Coordination mechanism's list: ${card.enterprise_name} (${card.uscc}) is pushed to you; contact it and decide by ${due}`,
        },
      })),
    );
    const previous = row.state === 'pushed' ? row.institution_id : null;
    if (previous !== null) {
      const previousUsers = await activeBankUserIds(trx, [previous]);
      await notifyUsers(
        trx,
        previousUsers.map((userId) => ({
          userId,
          kind: 'financing' as const,
          link: BANK_RECOMMENDATIONS_LINK,
          title: {
            zh: `推荐清单企业${card.enterprise_name}已改推给其他银行，贵行无需再对接`,
            en: `${card.enterprise_name} on the coordination mechanism's list was pushed to another bank instead`,
          },
        })),
      );
    }
    await notify(trx, [
      {
        enterpriseId,
        kind: 'financing',
        link: MY_DEMANDS_LINK,
        title: {
          zh: `贵企业已列入${row.list_year}年小微企业融资协调工作机制推荐清单，并推送给${institution.name}，该行将与您联系`,
          en: `You are on the coordination mechanism's list of ${row.list_year}, pushed to ${institution.name}, which will contact you`,
        },
      },
    ]);
    await audit(trx, caller, actor, 'recommendation_pushed', enterpriseId, {
      recommendationId: id,
      institutionId: body.institutionId,
      previousInstitutionId: previous,
      decideDue: due,
    });
  });
  return viewOne(db, enterpriseId, id, today, 'official');
}

/** Takes an enterprise off the list with a reason, until the bank has made contact; the bank is told. */
export async function removeRecommendation(
  db: Db,
  caller: Caller,
  enterpriseId: number,
  id: number,
  body: Static<typeof RemoveRecommendationBody>,
  today: string,
) {
  const actor = requireActor(caller);
  requireOfficial(actor);
  const reason = body.reason.trim();
  if (reason.length < 2) throw AppError.field('reason', { zh: '请说明原因', en: 'give the reason' });
  await db.transaction().execute(async (trx) => {
    const row = await lockOfficialEntry(trx, actor, enterpriseId, id, body.version);
    if (!recommendationActions(row.state, 'official').includes('remove'))
      throw new AppError('CONFLICT', [], {
        zh: row.state === 'removed' ? '该企业已移出推荐清单' : '银行已与企业对接，不能移出清单',
        en:
          row.state === 'removed'
            ? 'This enterprise was taken off the list'
            : 'The bank has contacted the enterprise: it stays on the list',
      });
    await updateRecommendation(trx, enterpriseId, id, {
      state: 'removed',
      removed_by: actor.userId,
      removed_at: new Date(),
      removed_reason: reason,
    });
    if (row.state === 'pushed' && row.institution_id !== null) {
      const card = (await findRecommendationCard(trx, enterpriseId, id)) as RecommendationCard;
      const bankUsers = await activeBankUserIds(trx, [row.institution_id]);
      await notifyUsers(
        trx,
        bankUsers.map((userId) => ({
          userId,
          kind: 'financing' as const,
          link: BANK_RECOMMENDATIONS_LINK,
          title: {
            zh: `推荐清单企业${card.enterprise_name}已移出清单，贵行无需再对接`,
            en: `${card.enterprise_name} was taken off the coordination mechanism's list`,
          },
        })),
      );
    }
    await audit(trx, caller, actor, 'recommendation_removed', enterpriseId, {
      recommendationId: id,
      from: row.state,
      institutionId: row.institution_id,
      reason,
    });
  });
  return viewOne(db, enterpriseId, id, today, 'official');
}

type ListQuery = Static<typeof RecommendationListQuery>;

/** A page of the list in the official's region (or a region under it), filtered. */
export async function officialRecommendationsPage(db: Db, caller: Caller, query: ListQuery, today: string) {
  const actor = requireActor(caller);
  requireOfficial(actor);
  const scope = resolveRegionScope(actor, query.region);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total } = await recommendationsPage(
    db,
    {
      regionPrefix: scope.prefix,
      year: query.year,
      state: query.state,
      institutionId: query.institutionId,
      late: query.late,
    },
    today,
    page,
    pageSize,
  );
  return { items: await viewsOf(db, rows, today, 'official'), total, page, pageSize };
}

/** The list with what the mechanism tracks for the region, year and bank asked for. */
export async function listRecommendations(db: Db, caller: Caller, query: ListQuery, today: string) {
  const actor = requireActor(caller);
  requireOfficial(actor);
  const scope = resolveRegionScope(actor, query.region);
  const [counts, page] = await Promise.all([
    recommendationCounts(
      db,
      { regionPrefix: scope.prefix, year: query.year, institutionId: query.institutionId },
      today,
    ),
    officialRecommendationsPage(db, caller, query, today),
  ]);
  return {
    counts: {
      listed: counts.listed,
      pushed: counts.pushed,
      contacted: counts.contacted,
      contactRate: percentOneDecimal(counts.contacted, counts.pushed),
      contactTarget: CONTACT_TARGET,
      decided: counts.decided,
      granted: counts.granted,
      grantedAmount: counts.granted_amount ?? '0',
      late: counts.late,
    },
    ...page,
  };
}

// ---- the bank ----

/** The enterprises pushed to the caller's bank. */
export async function bankRecommendations(
  db: Db,
  caller: Caller,
  query: Static<typeof BankRecommendationListQuery>,
  today: string,
) {
  const institutionId = requireInstitution(requireActor(caller));
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total } = await recommendationsPage(
    db,
    { institutionId, state: query.state, late: query.late, excludeRemoved: true },
    today,
    page,
    pageSize,
  );
  return { items: await viewsOf(db, rows, today, 'bank'), total, page, pageSize };
}

/** The caller's bank's entry under its lock: another bank's (or one never pushed) is "not found". */
async function lockOwnEntry(
  trx: Parameters<typeof findRecommendation>[0],
  institutionId: number,
  enterpriseId: number,
  id: number,
  version: number,
): Promise<RecommendationRow> {
  const row = await findRecommendation(trx, enterpriseId, id, true);
  if (!row || row.institution_id !== institutionId || row.state === 'listed') throw new AppError('NOT_FOUND');
  if (row.state === 'removed')
    throw new AppError('CONFLICT', [], {
      zh: '该企业已移出推荐清单',
      en: 'This enterprise was taken off the list',
    });
  if (row.version !== version) throw new AppError('CONFLICT');
  return row;
}

/** The bank records that it contacted the enterprise (the mechanism's 100% contact). */
export async function contactRecommendation(
  db: Db,
  caller: Caller,
  enterpriseId: number,
  id: number,
  body: Static<typeof RecommendationContactBody>,
  today: string,
) {
  const actor = requireActor(caller);
  const institutionId = requireInstitution(actor);
  await db.transaction().execute(async (trx) => {
    const row = await lockOwnEntry(trx, institutionId, enterpriseId, id, body.version);
    if (row.state !== 'pushed')
      throw new AppError('CONFLICT', [], {
        zh: '已记录对接',
        en: 'The contact is already recorded',
      });
    const note = body.note?.trim() || null;
    await updateRecommendation(trx, enterpriseId, id, {
      state: 'contacted',
      contacted_at: new Date(),
      contact_note: note,
    });
    await audit(trx, caller, actor, 'recommendation_contacted', enterpriseId, {
      recommendationId: id,
      institutionId,
      late: today > (row.decide_due ?? today),
      note,
    });
  });
  return viewOne(db, enterpriseId, id, today, 'bank');
}

/** The bank's decision, after its contact: granted with the amount, declined with a reason, or not needed. */
export async function decideRecommendation(
  db: Db,
  caller: Caller,
  enterpriseId: number,
  id: number,
  body: Static<typeof RecommendationDecisionBody>,
  today: string,
) {
  const actor = requireActor(caller);
  const institutionId = requireInstitution(actor);
  await db.transaction().execute(async (trx) => {
    const row = await lockOwnEntry(trx, institutionId, enterpriseId, id, body.version);
    if (row.state !== 'contacted')
      throw new AppError('CONFLICT', [], {
        zh: row.state === 'decided' ? '已作出决定' : '请先记录与企业的对接',
        en: row.state === 'decided' ? 'The decision is already recorded' : 'Record the contact first',
      });
    const problems = checkRecommendationDecision(body);
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
    const now = new Date();
    const bank = (await findInstitutionNames(trx, [institutionId])).get(institutionId) ?? '';
    let title: Localized;
    const detail: Record<string, unknown> = { outcome: body.outcome };
    if (body.outcome === 'granted') {
      const amount = normalDecimal(body.grantedAmount as string);
      await updateRecommendation(trx, enterpriseId, id, {
        state: 'decided',
        outcome: 'granted',
        decided_at: now,
        granted_amount: amount,
      });
      detail.amount = amount;
      title = {
        zh: `${bank}已就推荐清单对接向贵企业授信${amount}万元`,
        en: `${bank} granted you ${wanAsYuan(amount)} yuan (coordination mechanism's list)`,
      };
    } else if (body.outcome === 'declined') {
      const text = (body.declineText as string).trim();
      const reason = termName(DECLINE_REASONS, body.declineReason as string);
      await updateRecommendation(trx, enterpriseId, id, {
        state: 'decided',
        outcome: 'declined',
        decided_at: now,
        decline_reason: body.declineReason as string,
        decline_text: text,
      });
      Object.assign(detail, { reason: body.declineReason, text });
      title = {
        zh: `${bank}未予授信（${reason.zh}）：${text}`,
        en: `${bank} declined (${reason.en}): ${text}`,
      };
    } else {
      await updateRecommendation(trx, enterpriseId, id, {
        state: 'decided',
        outcome: 'no_need',
        decided_at: now,
      });
      title = {
        zh: `${bank}记录：贵企业目前没有融资需要`,
        en: `${bank} recorded that you need no financing for now`,
      };
    }
    await notify(trx, [{ enterpriseId, kind: 'financing', link: MY_DEMANDS_LINK, title }]);
    await audit(trx, caller, actor, 'recommendation_decided', enterpriseId, {
      recommendationId: id,
      institutionId,
      late: row.decide_due !== null && today > row.decide_due,
      ...detail,
    });
  });
  return viewOne(db, enterpriseId, id, today, 'bank');
}

// ---- the enterprise ----

/** The enterprise's places on the lists: which bank has it, its contact and the outcome. */
export async function myRecommendations(db: Db, caller: Caller, today: string) {
  const enterpriseId = requireEnterprise(requireActor(caller));
  const rows = await recommendationsOfEnterprise(db, enterpriseId);
  const names = await findInstitutionNames(
    db,
    rows.flatMap((r) => (r.institution_id === null ? [] : [r.institution_id])),
  );
  const thisYear = Number(today.slice(0, 4));
  return {
    onList: rows.some((r) => r.list_year === thisYear),
    items: rows.map((r) => ({
      id: r.id,
      listYear: r.list_year,
      state: r.state,
      institutionName: r.institution_id === null ? null : (names.get(r.institution_id) ?? ''),
      pushedOn: r.pushed_on,
      decideDue: r.decide_due,
      contactedAt: r.contacted_at?.toISOString() ?? null,
      outcome: r.outcome,
      decidedAt: r.decided_at?.toISOString() ?? null,
      grantedAmount: r.granted_amount,
      declineReason: r.decline_reason,
      declineText: r.decline_text,
      late: recommendationLate(r, today),
    })),
  };
}
