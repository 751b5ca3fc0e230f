/**
 * Applications for a tier (issue 18; docs/reference/cultivation.md §6): the enterprise submits one with its facts
 * and the assessment as they stand, withdraws it, resubmits it when returned; the reviewers act on it by stage
 * (cultivation.stages.rules.ts); objections lodged during the public notice are answered; the announced
 * recognition is granted in the registry for the standard's validity (3 years) and may be revoked. Every write
 * checks the actor against the application as stored and as it will be (region and level), runs on the version
 * read (409 otherwise), keeps the pipeline's counts, writes the timeline and is audited.
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Static } from 'typebox';
import { addDays, addWorkingDays, workingDaysBetween } from '../../../reference/calendar.ts';
import { findRegion, regionFullName } from '../../../reference/regions.ts';
import type {
  ApplicationActionBody,
  ApplyBody,
  QueueQuery,
  ResubmitBody,
} from '../../../shared/api/cultivation.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, assertInRegion, type Caller, requireActor, requireEnterprise } from '../../http/auth.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { userLabelsOf } from '../accounts/index.ts';
import { escapeLike } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { endRecognition, enterpriseCards, grantRecognition } from '../registry/index.ts';
import { applicationWindow, assessAll, enterpriseFacts, provinceOf } from './cultivation.assess.ts';
import { audit } from './cultivation.audit.ts';
import { recordRecognitions } from './cultivation.recognitions.ts';
import { checkFacts } from './cultivation.rules.ts';
import { SETTINGS_DEFAULTS } from './cultivation.settings.ts';
import {
  levelOf,
  moveOf,
  type ReviewAction,
  TIMED_STAGES,
  WITHDRAWABLE,
} from './cultivation.stages.rules.ts';
import { CULTIVATION_STANDARDS, CULTIVATION_TIERS } from './cultivation.standards.ts';
import type { CultivationApplicationsTable, Stage, TierCode } from './cultivation.table.ts';

type Row = Selectable<CultivationApplicationsTable>;
type Db = Kysely<Database> | Transaction<Database>;

const tierOf = (code: TierCode) => CULTIVATION_TIERS.find((t) => t.code === code) ?? CULTIVATION_TIERS[0];

/** An application as the API gives it. */
function view(row: Row, enterprise: { name: string; uscc: string } | undefined, today: string) {
  return {
    id: Number(row.id),
    enterpriseId: Number(row.enterprise_id),
    enterpriseName: enterprise?.name ?? '',
    uscc: enterprise?.uscc ?? '',
    tier: row.tier,
    standardVersion: row.standard_version,
    year: row.year,
    dataYear: row.data_year,
    regionCode: row.region_code,
    stage: row.stage,
    score: row.score === null ? null : Number(row.score),
    status: row.status,
    dueOn: row.due_on,
    overdue: row.due_on !== null && TIMED_STAGES.includes(row.stage) && row.due_on < today,
    returnComment: row.return_comment,
    noticeFrom: row.notice_from,
    noticeTo: row.notice_to,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    revokedReason: row.revoked_reason,
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

async function enterprisesOf(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, { name: string; uscc: string }>();
  const rows = await enterpriseCards(db as Kysely<Database>)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [Number(r.id), { name: r.name, uscc: r.uscc }]));
}

/** Moves the pipeline's count of a county, tier and year from one stage to another (either may be null). */
async function countStage(
  trx: Transaction<Database>,
  row: Pick<Row, 'region_code' | 'tier' | 'year'>,
  from: Stage | null,
  to: Stage | null,
) {
  if (from === to) return;
  if (from !== null)
    await trx
      .updateTable('cultivation_stats')
      .set((eb) => ({ count: eb('count', '-', 1) }))
      .where('region_code', '=', row.region_code)
      .where('tier', '=', row.tier)
      .where('year', '=', row.year)
      .where('stage', '=', from)
      .execute();
  if (to !== null)
    await trx
      .insertInto('cultivation_stats')
      .values({ region_code: row.region_code, tier: row.tier, year: row.year, stage: to, count: 1 })
      .onConflict((oc) =>
        oc.columns(['region_code', 'tier', 'year', 'stage']).doUpdateSet((eb) => ({
          count: eb('cultivation_stats.count', '+', 1),
        })),
      )
      .execute();
}

async function event(
  trx: Transaction<Database>,
  row: Pick<Row, 'enterprise_id' | 'id'>,
  actor: Pick<Actor, 'userId' | 'role'>,
  action: string,
  from: Stage | null,
  to: Stage | null,
  comment: string | null,
) {
  await trx
    .insertInto('cultivation_events')
    .values({
      enterprise_id: row.enterprise_id,
      application_id: row.id,
      at: new Date(),
      actor_id: actor.userId,
      actor_role: actor.role,
      action,
      from_stage: from,
      to_stage: to,
      comment,
    })
    .execute();
}

/** Tells the enterprise of its application's step (its users' inbox and deliveries). */
async function tellEnterprise(trx: Transaction<Database>, row: Row, zh: string, en: string) {
  const tier = tierOf(row.tier);
  await notify(trx, [
    {
      enterpriseId: Number(row.enterprise_id),
      kind: 'cultivation',
      link: `/app/my/cultivation?application=${row.id}`,
      title: { zh: `${tier.zh}认定申请：${zh}`, en: `${tier.en} application: ${en}` },
    },
  ]);
}

async function settingsDays(db: Db, row: Pick<Row, 'region_code' | 'tier' | 'year'>) {
  const province = provinceOf(row.region_code);
  const settings = province
    ? await db
        .selectFrom('cultivation_settings')
        .select(['county_days', 'province_days', 'notice_days', 'quota'])
        .where('province_code', '=', province)
        .where('tier', '=', row.tier)
        .where('year', '=', row.year)
        .executeTakeFirst()
    : undefined;
  return {
    county: settings?.county_days ?? SETTINGS_DEFAULTS.countyDays,
    province: settings?.province_days ?? SETTINGS_DEFAULTS.provinceDays,
    national: SETTINGS_DEFAULTS.nationalDays,
    notice: settings?.notice_days ?? SETTINGS_DEFAULTS.noticeDays,
    quota: settings?.quota ?? null,
  };
}

/** The working days a stage has. */
function daysFor(stage: Stage, days: { county: number; province: number; national: number }): number {
  return stage === 'county_review'
    ? days.county
    : stage === 'province_review'
      ? days.province
      : days.national;
}

// ---- the enterprise ------------------------------------------------------------------------------------------

/** The enterprise's applications, newest first. */
export async function listMyApplications(db: Kysely<Database>, enterpriseId: number) {
  const rows = await db
    .selectFrom('cultivation_applications')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('id', 'desc')
    .execute();
  const names = await enterprisesOf(db, [enterpriseId]);
  const today = todayInChina();
  return rows.map((r) => view(r, names.get(enterpriseId), today));
}

/**
 * The enterprise applies for a tier: the standard in force today, the province's window open, the prerequisite
 * tier held, the facts consistent, no open application of the tier this year; the facts and the assessment as
 * they stand are kept with it, and the county's clock starts.
 */
export async function submitApplication(
  db: Kysely<Database>,
  caller: Caller,
  body: Static<typeof ApplyBody>,
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const { registry, dataYear, facts, provinceCode } = await enterpriseFacts(db, enterpriseId, today);
  if (!registry.regionCode || !findRegion(registry.regionCode))
    throw AppError.field('tier', {
      zh: '企业库中没有本企业的所在地区，无法确定受理的县区；请先更正企业信息',
      en: "the registry holds no region for this enterprise, so no county can take the application; correct the enterprise's record first",
    });
  const regionCode = registry.regionCode;
  const assessed = (await assessAll(db, facts, provinceCode, today)).find((t) => t.tier.code === body.tier);
  if (!assessed?.standard || !assessed.assessment)
    throw AppError.field('tier', {
      zh: `今天（${today}）没有施行中的${tierOf(body.tier).zh}认定标准`,
      en: `no ${tierOf(body.tier).en} standard is in force today (${today})`,
    });
  const window = await applicationWindow(db, provinceCode, body.tier, today);
  if (!window.open)
    throw AppError.field('tier', {
      zh: `本省${year}年${tierOf(body.tier).zh}申报时间为 ${window.opensOn ?? '—'} 至 ${window.closesOn ?? '—'}，今天（${today}）不在申报期内`,
      en: `applications for ${tierOf(body.tier).en} in this province in ${year} run from ${window.opensOn ?? '—'} to ${window.closesOn ?? '—'}; today (${today}) is outside them`,
    });
  const errors: FieldError[] = [];
  for (const condition of assessed.assessment.conditions)
    if (condition.group === 'prerequisite' && condition.met === false)
      errors.push({
        field: 'tier',
        message: {
          zh: `须先具备有效的前一梯度认定：${condition.reason.zh}`,
          en: `the tier below must be held first: ${condition.reason.en}`,
        },
      });
  for (const p of checkFacts(facts)) errors.push({ field: `facts.${p.field}`, message: p.message });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', errors);
  const explained = assessed.assessment.explain();
  return db.transaction().execute(async (trx) => {
    const open = await trx
      .selectFrom('cultivation_applications')
      .select(['id', 'stage'])
      .where('enterprise_id', '=', enterpriseId)
      .where('tier', '=', body.tier)
      .where('year', '=', year)
      .where('stage', 'not in', ['rejected', 'withdrawn', 'revoked'])
      .executeTakeFirst();
    if (open)
      throw new AppError('CONFLICT', [], {
        zh: `本企业${year}年已有一份${tierOf(body.tier).zh}认定申请（第 ${open.id} 号），不能重复申请`,
        en: `this enterprise already has a ${year} ${tierOf(body.tier).en} application (no. ${open.id})`,
      });
    const row = await fileApplication(trx, {
      enterpriseId,
      tier: body.tier,
      standardId: assessed.standard?.id ?? '',
      year,
      dataYear,
      regionCode,
      score: assessed.standard?.score ? explained.total : null,
      assessment: explained,
      facts,
      by: actor,
      today,
    });
    await audit(
      trx,
      caller,
      actor,
      'application_submitted',
      { type: 'cultivation_application', id: Number(row.id) },
      { tier: body.tier, year, standard: row.standard_version, score: row.score, status: row.status },
    );
    return view(row, (await enterprisesOf(trx, [enterpriseId])).get(enterpriseId), today);
  });
}

/**
 * Files an application at the county with the facts and the assessment as they stand, the county's clock started;
 * the pipeline's count and the timeline follow (the caller checks and audits).
 */
export async function fileApplication(
  trx: Transaction<Database>,
  input: {
    enterpriseId: number;
    tier: TierCode;
    standardId: string;
    year: number;
    dataYear: number;
    regionCode: string;
    score: number | null;
    assessment: { status: Row['status'] };
    facts: unknown;
    by: Pick<Actor, 'userId' | 'role'>;
    today: string;
  },
): Promise<Row> {
  const days = await settingsDays(trx, { region_code: input.regionCode, tier: input.tier, year: input.year });
  const row = await trx
    .insertInto('cultivation_applications')
    .values({
      enterprise_id: input.enterpriseId,
      tier: input.tier,
      standard_version: input.standardId,
      year: input.year,
      data_year: input.dataYear,
      region_code: input.regionCode,
      stage: 'county_review',
      score: input.score,
      status: input.assessment.status,
      facts: JSON.stringify(input.facts),
      assessment: JSON.stringify(input.assessment),
      due_on: addWorkingDays(input.today, days.county),
      days_left: null,
      returned_from: null,
      returned_at: null,
      return_comment: null,
      notice_from: null,
      notice_to: null,
      decided_at: null,
      valid_from: null,
      valid_to: null,
      certification_id: null,
      revoked_reason: null,
      reminded_on: null,
      submitted_by: input.by.userId,
      submitted_at: new Date(),
      updated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await countStage(trx, row, null, 'county_review');
  await event(trx, row, input.by, 'submitted', null, 'county_review', null);
  return row;
}

/** The enterprise's application, locked, on the version read. */
async function ownLocked(trx: Transaction<Database>, enterpriseId: number, id: number, version: number) {
  const row = await trx
    .selectFrom('cultivation_applications')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (row.version !== version) throw new AppError('CONFLICT');
  return row;
}

/** The enterprise withdraws an application still under review or returned to it. */
export async function withdrawApplication(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  body: Static<typeof ResubmitBody>,
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const today = todayInChina();
  return db.transaction().execute(async (trx) => {
    const row = await ownLocked(trx, enterpriseId, id, body.version);
    if (!WITHDRAWABLE.includes(row.stage))
      throw new AppError('CONFLICT', [], {
        zh: '该申请已进入公示或已有结论，不能撤回',
        en: 'the application is on public notice or decided; it can no longer be withdrawn',
      });
    const next = await trx
      .updateTable('cultivation_applications')
      .set({ stage: 'withdrawn', due_on: null, updated_at: new Date(), version: row.version + 1 })
      .where('enterprise_id', '=', enterpriseId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await countStage(trx, row, row.stage, 'withdrawn');
    await event(trx, row, actor, 'withdrawn', row.stage, 'withdrawn', null);
    await audit(
      trx,
      caller,
      actor,
      'application_withdrawn',
      { type: 'cultivation_application', id },
      { from: row.stage },
    );
    return view(next, (await enterprisesOf(trx, [enterpriseId])).get(enterpriseId), today);
  });
}

/**
 * The enterprise resubmits a returned application: assessed again on its facts as they now stand, back to the
 * stage that returned it, whose clock runs on with the working days it had left.
 */
export async function resubmitApplication(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  body: Static<typeof ResubmitBody>,
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const today = todayInChina();
  const { facts, provinceCode } = await enterpriseFacts(db, enterpriseId, today);
  const problems = checkFacts(facts).map((p) => ({ field: `facts.${p.field}`, message: p.message }));
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  const tiers = await assessAll(db, facts, provinceCode, today);
  return db.transaction().execute(async (trx) => {
    const row = await ownLocked(trx, enterpriseId, id, body.version);
    if (row.stage !== 'returned' || row.returned_from === null)
      throw new AppError('CONFLICT', [], {
        zh: '只有退回补正的申请才能重新提交',
        en: 'only an application returned for corrections can be resubmitted',
      });
    const assessed = tiers.find((t) => t.tier.code === row.tier);
    const explained = assessed?.assessment?.explain() ?? null;
    const next = await trx
      .updateTable('cultivation_applications')
      .set({
        stage: row.returned_from,
        due_on: addWorkingDays(today, Math.max(1, row.days_left ?? 1)),
        days_left: null,
        returned_from: null,
        facts: JSON.stringify(facts),
        ...(explained && assessed?.standard
          ? {
              assessment: JSON.stringify(explained),
              status: explained.status,
              score: assessed.standard.score ? explained.total : null,
              standard_version: assessed.standard.id,
            }
          : {}),
        updated_at: new Date(),
        version: row.version + 1,
      })
      .where('enterprise_id', '=', enterpriseId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await countStage(trx, row, 'returned', next.stage);
    await event(trx, row, actor, 'resubmitted', 'returned', next.stage, null);
    await audit(
      trx,
      caller,
      actor,
      'application_resubmitted',
      { type: 'cultivation_application', id },
      { to: next.stage, score: next.score, status: next.status },
    );
    return view(next, (await enterprisesOf(trx, [enterpriseId])).get(enterpriseId), today);
  });
}

// ---- the reviewers -------------------------------------------------------------------------------------------

/** Throws unless the actor may see applications of this county (officials: their subtree; admin: all). */
function assertSees(actor: Actor, regionCode: string) {
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  assertInRegion(actor, regionCode);
}

const ACTION_AUDIT = {
  return: 'application_returned',
  recommend: 'application_recommended',
  approve: 'application_approved',
  reject: 'application_rejected',
  announce: 'application_announced',
  revoke: 'recognition_revoked',
} as const;

/** A stage in words (the reviewers' pages' names), for a refusal that names it. */
const STAGE_TEXT: Record<Stage, { zh: string; en: string }> = {
  county_review: { zh: '县（区）审核', en: 'county review' },
  returned: { zh: '退回补正', en: 'returned for corrections' },
  province_review: { zh: '省级审核', en: 'provincial review' },
  national_review: { zh: '国家级审核', en: 'national review' },
  notice: { zh: '公示中', en: 'on public notice' },
  recognised: { zh: '已认定', en: 'recognised' },
  rejected: { zh: '不予认定', en: 'not recognised' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
  revoked: { zh: '已撤销', en: 'revoked' },
};

/** An action as its button names it, for a refusal that names it. */
const ACTION_NAME: Record<ReviewAction, { zh: string; en: string }> = {
  return: { zh: '退回补正', en: 'Return for corrections' },
  recommend: { zh: '审核通过并推荐', en: 'Recommend up' },
  approve: { zh: '审定通过，进入公示', en: 'Approve for public notice' },
  reject: { zh: '不予认定', en: 'Do not recognise' },
  announce: { zh: '公示期满，公告认定', en: 'Announce the recognition' },
  revoke: { zh: '撤销认定', en: 'Revoke the recognition' },
};

/** A standard version as the registry's note names it: its document (the id when the version is not held). */
function standardDocument(id: string): string {
  const standard = CULTIVATION_STANDARDS.find((s) => s.id === id);
  return standard ? `${standard.documentNumber}《${standard.titleZh}》` : id;
}

const ACTION_TEXT: Record<ReviewAction, { zh: string; en: string }> = {
  return: { zh: '退回补正', en: 'returned for corrections' },
  recommend: { zh: '审核通过，已推荐上报', en: 'recommended up' },
  approve: { zh: '审定通过，进入公示', en: 'approved and on public notice' },
  reject: { zh: '不予认定', en: 'not recognised' },
  announce: { zh: '公示期满，予以认定', en: 'recognised after the public notice' },
  revoke: { zh: '认定已被撤销', en: 'recognition revoked' },
};

/**
 * A reviewer acts on an application at its stage: the action must be one the stage offers at the reviewer's level
 * (a county official cannot approve, a province official cannot act for the county), on an application in the
 * reviewer's region as stored and as it will be, on the version read. Returning stops the clock; approving puts
 * it on public notice within the province's quota; announcing after the notice with no objection standing grants
 * the recognition in the registry for the standard's validity; revoking ends it there from today.
 */
export async function actOnApplication(
  db: Kysely<Database>,
  caller: Caller,
  enterpriseId: number,
  id: number,
  body: Static<typeof ApplicationActionBody>,
) {
  return db.transaction().execute((trx) => actOnApplicationIn(trx, caller, enterpriseId, id, body));
}

/** `actOnApplication` in a transaction the caller holds (a revocation over a material change, say). */
export async function actOnApplicationIn(
  trx: Transaction<Database>,
  caller: Caller,
  enterpriseId: number,
  id: number,
  body: Static<typeof ApplicationActionBody>,
) {
  const actor = requireActor(caller);
  const level = levelOf(actor);
  if (level === null) throw new AppError('FORBIDDEN');
  const today = todayInChina();
  const comment = body.comment?.trim() || null;
  const row = await trx
    .selectFrom('cultivation_applications')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  assertSees(actor, row.region_code);
  if (row.version !== body.version) throw new AppError('CONFLICT');
  const move = moveOf(row.stage, body.action, row.tier);
  if (!move)
    throw AppError.field('action', {
      zh: `申请处于“${STAGE_TEXT[row.stage].zh}”环节，不能“${ACTION_NAME[body.action].zh}”`,
      en: `the application is at the stage “${STAGE_TEXT[row.stage].en}”; “${ACTION_NAME[body.action].en}” is not possible there`,
    });
  if (move.level !== level)
    throw new AppError('OUT_OF_SCOPE', [], {
      zh: `此操作须由${move.level === 'county' ? '县（区）或市级' : move.level === 'province' ? '省级' : '国家级（工业和信息化部）'}主管部门办理`,
      en: `this action is for the ${move.level === 'county' ? 'county or city' : move.level === 'province' ? 'provincial' : 'national (MIIT)'} authority`,
    });
  if (move.needsComment && comment === null)
    throw AppError.field('comment', { zh: '请写明理由', en: 'state the reasons' });
  const days = await settingsDays(trx, row);
  const set: Partial<Record<keyof Row, unknown>> = {
    stage: move.to,
    updated_at: new Date(),
    version: row.version + 1,
  };
  if (body.action === 'return') {
    set.days_left =
      row.due_on === null ? daysFor(row.stage, days) : Math.max(0, workingDaysBetween(today, row.due_on));
    set.returned_from = row.stage;
    set.returned_at = new Date();
    set.return_comment = comment;
    set.due_on = null;
  } else if (move.to === 'province_review' || move.to === 'national_review') {
    set.due_on = addWorkingDays(today, daysFor(move.to, days));
    set.return_comment = null;
  } else if (move.to === 'notice') {
    await withinQuota(trx, row, days.quota);
    set.due_on = null;
    set.notice_from = addDays(today, 1);
    set.notice_to = addDays(today, days.notice);
  } else if (move.to === 'recognised') {
    if (row.notice_to !== null && row.notice_to >= today)
      throw AppError.field('action', {
        zh: `公示期至 ${row.notice_to} 止，期满后方可公告认定`,
        en: `the public notice runs until ${row.notice_to}; it can be announced after that`,
      });
    const standing = await trx
      .selectFrom('cultivation_objections')
      .select(['state'])
      .where('enterprise_id', '=', enterpriseId)
      .where('application_id', '=', id)
      .where('state', 'in', ['open', 'upheld'])
      .execute();
    if (standing.length > 0)
      throw AppError.field('action', {
        zh: standing.some((o) => o.state === 'upheld')
          ? '有异议经核实成立，不能公告认定（应不予认定）'
          : `还有 ${standing.length} 条异议未答复，答复后方可公告认定`,
        en: standing.some((o) => o.state === 'upheld')
          ? 'an objection was upheld: the application cannot be announced (reject it)'
          : `${standing.length} objection(s) still unanswered; answer them first`,
      });
    const validFrom = today;
    const validTo = addDays(addYears(today, 3), -1);
    set.valid_from = validFrom;
    set.valid_to = validTo;
    set.decided_at = new Date();
    set.certification_id = await grantRecognition(
      trx,
      {
        enterpriseId,
        name: tierOf(row.tier).recognition,
        validFrom,
        validTo,
        certificateNumber: `HQ-${row.tier}-${row.year}-${row.id}`,
        issuingBody:
          row.tier === 'little_giant'
            ? '工业和信息化部'
            : `${regionFullName(provinceOf(row.region_code) ?? row.region_code)}中小企业主管部门`,
        note: `梯度培育认定申请第 ${row.id} 号（认定标准：${standardDocument(row.standard_version)}）`,
        recordedBy: actor.userId,
        source: actor.role === 'admin' ? 'admin' : 'official',
      },
      caller.requestId,
    );
  } else if (move.to === 'rejected') {
    set.due_on = null;
    set.decided_at = new Date();
    set.return_comment = comment;
  } else if (move.to === 'revoked') {
    set.revoked_reason = comment;
    if (row.certification_id !== null)
      await endRecognition(
        trx,
        {
          enterpriseId,
          id: Number(row.certification_id),
          endedOn: today,
          reason: comment ?? '',
          endedBy: actor.userId,
        },
        caller.requestId,
      );
  }
  const next = await trx
    .updateTable('cultivation_applications')
    .set(set as never)
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  // What the recognition is kept against (its name and region now), so a later rename or move is found.
  if (next.stage === 'recognised') await recordRecognitions(trx, today, enterpriseId);
  await countStage(trx, row, row.stage, next.stage);
  await event(trx, row, actor, body.action, row.stage, next.stage, comment);
  await audit(
    trx,
    caller,
    actor,
    ACTION_AUDIT[body.action],
    { type: 'cultivation_application', id },
    { from: row.stage, to: next.stage, comment, validTo: next.valid_to, noticeTo: next.notice_to },
  );
  const text = ACTION_TEXT[body.action];
  await tellEnterprise(
    trx,
    next,
    `${text.zh}${comment ? `（${comment}）` : ''}`,
    `${text.en}${comment ? ` (${comment})` : ''}`,
  );
  return view(next, (await enterprisesOf(trx, [enterpriseId])).get(enterpriseId), today);
}

function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(4);
  // 29 February in a year without one: the 28th.
  return md === '-02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? `${y}-02-28` : `${y}${md}`;
}

/** Refuses an approval beyond the province's quota of the tier and year (on notice or recognised count). */
async function withinQuota(trx: Transaction<Database>, row: Row, quota: number | null) {
  if (quota === null) return;
  const province = provinceOf(row.region_code) ?? '';
  const lo = `${province.slice(0, 2)}0000`;
  const hi = `${province.slice(0, 2)}9999`;
  const { rows } = await sql<{ n: number }>`
    select coalesce(sum(count), 0)::int as n from cultivation_stats
    where region_code between ${lo} and ${hi} and tier = ${row.tier} and year = ${row.year}
      and stage in ('notice', 'recognised')`.execute(trx);
  const used = rows[0]?.n ?? 0;
  if (used >= quota)
    throw AppError.field('action', {
      zh: `本省${row.year}年${tierOf(row.tier).zh}名额为 ${quota} 个，已公示或认定 ${used} 个，名额已满`,
      en: `the province's ${row.year} quota for ${tierOf(row.tier).en} is ${quota}; ${used} are on notice or recognised`,
    });
}

/**
 * The review queue: the applications of the actor's region (or a county under it) at a stage, soonest due first,
 * with paging; by tier, year, name or USCC, overdue only.
 */
export async function reviewQueue(db: Kysely<Database>, caller: Caller, query: Static<typeof QueueQuery>) {
  const actor = requireActor(caller);
  if (actor.role !== 'official' && actor.role !== 'admin') throw new AppError('FORBIDDEN');
  const regionCode = query.regionCode ?? actor.regionCode ?? null;
  if (regionCode !== null) assertInRegion(actor, regionCode);
  const region = regionCode ? findRegion(regionCode) : undefined;
  const prefix =
    region === undefined
      ? ''
      : region.level === 'province'
        ? region.code.slice(0, 2)
        : region.level === 'city'
          ? region.code.slice(0, 4)
          : region.code;
  const today = todayInChina();
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  // The enterprises joined by id (colocated with the applications): the region's few rows are matched first, so a
  // name search reads those enterprises only, never the whole registry.
  let base = db
    .selectFrom('cultivation_applications as a')
    .innerJoin(enterpriseCards(db).as('e'), 'e.id', 'a.enterprise_id');
  // A county by equality (the queue index then gives its stage's rows in due order), a city or province by range.
  if (prefix.length === 6) base = base.where('a.region_code', '=', prefix);
  else if (prefix !== '')
    base = base
      .where('a.region_code', '>=', prefix.padEnd(6, '0'))
      .where('a.region_code', '<=', prefix.padEnd(6, '9'));
  if (query.stage) base = base.where('a.stage', '=', query.stage);
  if (query.tier) base = base.where('a.tier', '=', query.tier);
  if (query.year) base = base.where('a.year', '=', query.year);
  if (query.overdue) base = base.where('a.due_on', '<', today).where('a.stage', 'in', [...TIMED_STAGES]);
  const q = query.q?.trim();
  if (q) {
    const escaped = escapeLike(q);
    base = base.where((eb) =>
      eb.or([eb('e.uscc', '=', q.toUpperCase()), eb('e.name', 'like', `%${escaped}%`)]),
    );
  }
  const [rows, counted] = await Promise.all([
    base
      .selectAll('a')
      .select(['e.name as enterprise_name', 'e.uscc as enterprise_uscc'])
      .orderBy(sql`a.due_on nulls last`)
      .orderBy('a.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q || query.overdue
      ? base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst()
      : countFromStats(db, prefix, query),
  ]);
  return {
    items: rows.map((r) => view(r, { name: r.enterprise_name, uscc: r.enterprise_uscc }, today)),
    total: Number(counted?.n ?? 0),
    page,
    pageSize,
  };
}

/**
 * The queue's total from the pipeline's counts (kept with every change) when it filters by region, stage, tier
 * and year only: a province's 100,000 applications are not counted row by row for each page.
 */
async function countFromStats(db: Kysely<Database>, prefix: string, query: Static<typeof QueueQuery>) {
  let counts = db.selectFrom('cultivation_stats').select((eb) => eb.fn.sum<number>('count').as('n'));
  if (prefix.length === 6) counts = counts.where('region_code', '=', prefix);
  else if (prefix !== '')
    counts = counts
      .where('region_code', '>=', prefix.padEnd(6, '0'))
      .where('region_code', '<=', prefix.padEnd(6, '9'));
  if (query.stage) counts = counts.where('stage', '=', query.stage);
  if (query.tier) counts = counts.where('tier', '=', query.tier);
  if (query.year) counts = counts.where('year', '=', query.year);
  const row = await counts.executeTakeFirst();
  return { n: Number(row?.n ?? 0) };
}

type EventRow = Selectable<Database['cultivation_events']>;
type ObjectionRow = Selectable<Database['cultivation_objections']>;

/**
 * An application's timeline: its recorded steps, and each answer to an objection of its public notice (upheld or
 * dismissed, with the answer as its comment, by the answering reviewer's role) at the time it was given — an
 * answer changes no stage, so it is read from the objection rather than recorded twice. An answer's entry has the
 * objection's id negated (never an event's). In time order; steps of the same moment in the order recorded.
 */
export function timeline(
  events: readonly EventRow[],
  objections: readonly ObjectionRow[],
  answeredBy: ReadonlyMap<number, { role: string }>,
) {
  const entries = events.map((e) => ({
    id: Number(e.id),
    at: e.at,
    actorRole: e.actor_role,
    action: e.action,
    fromStage: e.from_stage,
    toStage: e.to_stage,
    comment: e.comment,
  }));
  for (const o of objections)
    if (o.state !== 'open' && o.answered_at !== null)
      entries.push({
        id: -Number(o.id),
        at: o.answered_at,
        actorRole:
          (o.answered_by === null ? undefined : answeredBy.get(Number(o.answered_by))?.role) ?? 'official',
        action: `objection_${o.state}`,
        fromStage: 'notice',
        toStage: 'notice',
        comment: o.answer,
      });
  const time = (at: Date | string) => new Date(at).getTime();
  return entries
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => time(a.entry.at) - time(b.entry.at) || a.order - b.order)
    .map(({ entry }) => entry);
}

/** One application with its timeline and objections, for a reviewer of its region or the enterprise itself. */
export async function getApplication(db: Kysely<Database>, caller: Caller, enterpriseId: number, id: number) {
  const actor = requireActor(caller);
  const row = await db
    .selectFrom('cultivation_applications')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  if (actor.role === 'enterprise') {
    if (actor.enterpriseId !== enterpriseId) throw new AppError('NOT_FOUND');
  } else assertSees(actor, row.region_code);
  const [events, objections] = await Promise.all([
    db
      .selectFrom('cultivation_events')
      .selectAll()
      .where('enterprise_id', '=', enterpriseId)
      .where('application_id', '=', id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('cultivation_objections')
      .selectAll()
      .where('enterprise_id', '=', enterpriseId)
      .where('application_id', '=', id)
      .orderBy('id')
      .execute(),
  ]);
  const today = todayInChina();
  const level = actor.role === 'enterprise' ? null : levelOf(actor);
  const answeredBy = await userLabelsOf(
    db,
    objections.map((o) => (o.answered_by === null ? null : Number(o.answered_by))),
  );
  return {
    ...view(row, (await enterprisesOf(db, [enterpriseId])).get(enterpriseId), today),
    facts: row.facts,
    assessment: row.assessment,
    actions:
      level === null
        ? []
        : (['return', 'recommend', 'approve', 'reject', 'announce', 'revoke'] as const).filter(
            (a) => moveOf(row.stage, a, row.tier)?.level === level,
          ),
    events: timeline(events, objections, answeredBy),
    // The objectors' contact stays with the reviewers.
    objections: objections.map((o) => ({
      id: Number(o.id),
      lodgedAt: o.lodged_at,
      name: actor.role === 'enterprise' ? '' : o.name,
      contact: actor.role === 'enterprise' ? '' : o.contact,
      content: o.content,
      state: o.state,
      answer: o.answer,
      answeredAt: o.answered_at,
    })),
  };
}
