/**
 * Keeping a recognition (issue 18; docs/reference/cultivation.md §6.1, §9): a recognised enterprise reports a
 * material change — a new name, a merger, a move to another province — within 3 months; the daily run finds the
 * registry's name or province differing from the one recorded for the recognition and opens a change to report,
 * flags the recognition when a change is not reported by its due day, ends the registry's certification of an
 * expired recognition and reminds those who have not updated this year's data. The recognising province (the
 * ministry for little giants) accepts a report, clearing the flag, or revokes the recognition with reasons through
 * the applications' revocation. Every write checks the actor against the record as stored and is audited.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Static } from 'typebox';
import { addDays, isRealDate } from '../../../reference/calendar.ts';
import { findRegion, regionFullName } from '../../../reference/regions.ts';
import type {
  ChangesQuery,
  DecideChangeBody,
  RecognitionsQuery,
  ReportChangeBody,
} from '../../../shared/api/cultivation-changes.ts';
import type { Localized } from '../../../shared/errors.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor, requireEnterprise } from '../../http/auth.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { everyPage } from '../../lib/table-export.ts';
import { appendAudit, escapeLike } from '../audit/index.ts';
import { notify } from '../notifications/index.ts';
import { endRecognition, enterpriseCards } from '../registry/index.ts';
import { actOnApplicationIn } from './cultivation.applications.ts';
import {
  DEFAULT_UPDATE_DAY,
  flagReason,
  isDayOfYear,
  isUpdateDone,
  KIND_NAMES,
  provinceCodeOf,
  REPORT_MONTHS,
  recognitionState,
  reportDueOn,
  updateDataYear,
} from './cultivation.changes.rules.ts';
import type { ChangeKind } from './cultivation.changes.table.ts';
import { recordRecognitions } from './cultivation.recognitions.ts';
import { levelOf, moveOf } from './cultivation.stages.rules.ts';
import { CULTIVATION_TIERS } from './cultivation.standards.ts';
import type { TierCode } from './cultivation.table.ts';

type Db = Kysely<Database> | Transaction<Database>;

const tierOf = (code: TierCode) => CULTIVATION_TIERS.find((t) => t.code === code) ?? CULTIVATION_TIERS[0];
const SYSTEM = { userId: null, role: 'system' } as const;
const MY_LINK = '/app/my/cultivation?tab=changes';

/** The first instant of today's year in China, for "saved this year". */
const yearStart = (today: string) => `${today.slice(0, 4)}-01-01T00:00:00+08:00`;

/** The region prefix an actor sees ('' for all: admin). */
function prefixOf(actor: Actor): string {
  if (actor.role === 'admin') return '';
  if (actor.role !== 'official' || actor.regionPrefix === null) throw new AppError('FORBIDDEN');
  return actor.regionPrefix;
}

const inPrefix = (prefix: string, column: string) =>
  sql<boolean>`${sql.ref(column)} between ${prefix.padEnd(6, '0')} and ${prefix.padEnd(6, '9')}`;

/** Whether the actor decides on a recognition of this tier and recognising region (the revocation's level). */
function decides(actor: Actor, tier: TierCode, regionCode: string): boolean {
  const level = levelOf(actor);
  if (level === null || moveOf('recognised', 'revoke', tier)?.level !== level) return false;
  return actor.role === 'admin' || (actor.regionPrefix !== null && regionCode.startsWith(actor.regionPrefix));
}

function parseReason(text: string | null): Localized | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as Localized;
  } catch {
    return { zh: text, en: text };
  }
}

// ---- views ---------------------------------------------------------------------------------------------------

interface ChangeRow {
  enterprise_id: number;
  id: number;
  application_id: number;
  kind: ChangeKind;
  state: 'open' | 'reported' | 'accepted' | 'revoked';
  detected: boolean;
  changed_on: string | null;
  found_on: string | null;
  due_on: string;
  old_name: string | null;
  new_name: string | null;
  old_region_code: string | null;
  new_region_code: string | null;
  party: string | null;
  description: string | null;
  reported_at: Date | null;
  flagged_on: string | null;
  decided_at: Date | null;
  decision_comment: string | null;
  version: number;
  tier: TierCode;
  region_code: string;
  app_stage: string;
  enterprise_name: string;
  uscc: string;
}

function changeView(row: ChangeRow, actor: Actor | null, today: string) {
  const canDecide =
    actor !== null && actor.role !== 'enterprise' && decides(actor, row.tier, row.region_code);
  const actions: ('accept' | 'revoke')[] = [];
  if (canDecide && row.state === 'reported') actions.push('accept');
  if (canDecide && (row.state === 'reported' || row.state === 'open') && row.app_stage === 'recognised')
    actions.push('revoke');
  return {
    id: Number(row.id),
    enterpriseId: Number(row.enterprise_id),
    applicationId: Number(row.application_id),
    enterpriseName: row.enterprise_name,
    uscc: row.uscc,
    tier: row.tier,
    kind: row.kind,
    state: row.state,
    detected: row.detected,
    changedOn: row.changed_on,
    foundOn: row.found_on,
    dueOn: row.due_on,
    overdue: row.state === 'open' && row.due_on < today,
    oldName: row.old_name,
    newName: row.new_name,
    oldRegionCode: row.old_region_code,
    oldRegionName: row.old_region_code ? regionFullName(row.old_region_code) : null,
    newRegionCode: row.new_region_code,
    newRegionName: row.new_region_code ? regionFullName(row.new_region_code) : null,
    party: row.party,
    description: row.description,
    reportedAt: row.reported_at,
    flaggedOn: row.flagged_on,
    decidedAt: row.decided_at,
    decisionComment: row.decision_comment,
    regionCode: row.region_code,
    actions,
    version: row.version,
  };
}

/** The changes with their recognition's tier, region and stage and the enterprise's name. */
function changesBase(db: Db) {
  return (db as Kysely<Database>)
    .selectFrom('cultivation_changes as c')
    .innerJoin('cultivation_applications as a', (join) =>
      join.onRef('a.enterprise_id', '=', 'c.enterprise_id').onRef('a.id', '=', 'c.application_id'),
    )
    .innerJoin(enterpriseCards(db as Kysely<Database>).as('e'), 'e.id', 'c.enterprise_id');
}

const CHANGE_COLUMNS = [
  'c.enterprise_id',
  'c.id',
  'c.application_id',
  'c.kind',
  'c.state',
  'c.detected',
  'c.changed_on',
  'c.found_on',
  'c.due_on',
  'c.old_name',
  'c.new_name',
  'c.old_region_code',
  'c.new_region_code',
  'c.party',
  'c.description',
  'c.reported_at',
  'c.flagged_on',
  'c.decided_at',
  'c.decision_comment',
  'c.version',
  'a.tier',
  'a.region_code',
  'a.stage as app_stage',
  'e.name as enterprise_name',
  'e.uscc',
] as const;

interface RecognitionRow {
  enterprise_id: number;
  application_id: number;
  enterprise_name: string;
  uscc: string;
  tier: TierCode;
  region_code: string;
  stage: string;
  valid_from: string | null;
  valid_to: string | null;
  flagged_on: string | null;
  flag_reason: string | null;
  pending: number;
  updated_on: string | null;
}

function recognitionView(row: RecognitionRow, today: string) {
  const updatedOn = row.updated_on;
  return {
    enterpriseId: Number(row.enterprise_id),
    applicationId: Number(row.application_id),
    enterpriseName: row.enterprise_name,
    uscc: row.uscc,
    tier: row.tier,
    regionCode: row.region_code,
    regionName: regionFullName(row.region_code),
    validFrom: row.valid_from,
    validTo: row.valid_to,
    state: recognitionState({ stage: row.stage, validTo: row.valid_to, flaggedOn: row.flagged_on }, today),
    flaggedOn: row.flagged_on,
    flagReason: parseReason(row.flag_reason),
    pendingChanges: Number(row.pending),
    updateDone: isUpdateDone(updatedOn, today),
    updatedOn,
  };
}

/** Recognised (and revoked) applications with their record, pending changes and this year's data update. */
function recognitionsBase(db: Db, today: string) {
  const k = db as Kysely<Database>;
  const dataYear = updateDataYear(today);
  return k
    .selectFrom('cultivation_applications as a')
    .innerJoin(enterpriseCards(k).as('e'), 'e.id', 'a.enterprise_id')
    .leftJoin('cultivation_recognitions as r', (join) =>
      join.onRef('r.enterprise_id', '=', 'a.enterprise_id').onRef('r.application_id', '=', 'a.id'),
    )
    .leftJoin('cultivation_facts as f', (join) =>
      join.onRef('f.enterprise_id', '=', 'a.enterprise_id').on('f.year', '=', dataYear),
    )
    .where('a.stage', 'in', ['recognised', 'revoked']);
}

function recognitionColumns() {
  return [
    'a.enterprise_id',
    'a.id as application_id',
    'e.name as enterprise_name',
    'e.uscc',
    'a.tier',
    'a.region_code',
    'a.stage',
    'a.valid_from',
    'a.valid_to',
    'r.flagged_on',
    'r.flag_reason',
    sql<number>`(select count(*)::int from cultivation_changes c where c.enterprise_id = a.enterprise_id
      and c.application_id = a.id and c.state in ('open', 'reported'))`.as('pending'),
    sql<string | null>`to_char(f.updated_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('updated_on'),
  ] as const;
}

/** The day in the year a province's reminders of the annual update start, and whether it is Huiqi's default. */
export async function updateDayOf(db: Db, provinceCode: string | null) {
  const row = provinceCode
    ? await (db as Kysely<Database>)
        .selectFrom('cultivation_update_days')
        .select('remind_on')
        .where('province_code', '=', provinceCode)
        .executeTakeFirst()
    : undefined;
  return { remindOn: row?.remind_on ?? DEFAULT_UPDATE_DAY, isDefault: row === undefined };
}

// ---- the enterprise ------------------------------------------------------------------------------------------

/** The enterprise's recognitions as kept, its material changes, and this year's data update. */
export async function myChanges(db: Kysely<Database>, caller: Caller) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const today = todayInChina();
  const [recognitions, changes, card, facts] = await Promise.all([
    recognitionsBase(db, today)
      .select(recognitionColumns())
      .where('a.enterprise_id', '=', enterpriseId)
      .orderBy('a.id', 'desc')
      .execute(),
    changesBase(db)
      .select(CHANGE_COLUMNS)
      .where('c.enterprise_id', '=', enterpriseId)
      .orderBy('c.id', 'desc')
      .execute(),
    enterpriseCards(db).where('id', '=', enterpriseId).executeTakeFirst(),
    db
      .selectFrom('cultivation_facts')
      .select(sql<string>`to_char(updated_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`.as('on'))
      .where('enterprise_id', '=', enterpriseId)
      .where('year', '=', updateDataYear(today))
      .executeTakeFirst(),
  ]);
  const day = await updateDayOf(db, card?.region_code ? provinceCodeOf(card.region_code) : null);
  return {
    today,
    recognitions: recognitions.map((r) => recognitionView(r as RecognitionRow, today)),
    changes: changes.map((c) => changeView(c as ChangeRow, null, today)),
    update: {
      dataYear: updateDataYear(today),
      done: isUpdateDone(facts?.on ?? null, today),
      updatedOn: facts?.on ?? null,
      remindOn: day.remindOn,
      remindOnIsDefault: day.isDefault,
    },
    reportMonths: REPORT_MONTHS,
  };
}

/** Checks a report's fields against the recognition's record; the problems, each naming its field. */
function checkReport(
  body: Static<typeof ReportChangeBody>,
  recorded: { name: string; regionCode: string },
  today: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(body.changedOn) || !isRealDate(body.changedOn))
    errors.push({
      field: 'changedOn',
      message: {
        zh: '请填写变更发生的日期（年-月-日）',
        en: 'give the day the change happened (YYYY-MM-DD)',
      },
    });
  else if (body.changedOn > today)
    errors.push({
      field: 'changedOn',
      message: {
        zh: `变更日期不能晚于今天（${today}）`,
        en: `the day of the change cannot be after today (${today})`,
      },
    });
  const description = body.description.trim();
  if (description.length < 5)
    errors.push({
      field: 'description',
      message: { zh: '请说明变更情况（至少 5 个字）', en: 'describe the change (at least 5 characters)' },
    });
  if (body.kind === 'rename') {
    const name = body.newName?.trim() ?? '';
    if (name.length < 2)
      errors.push({ field: 'newName', message: { zh: '请填写变更后的企业名称', en: 'give the new name' } });
    else if (name === recorded.name)
      errors.push({
        field: 'newName',
        message: {
          zh: `新名称与认定时记录的名称（${recorded.name}）相同`,
          en: `the new name is the one recorded at recognition (${recorded.name})`,
        },
      });
  }
  if (body.kind === 'relocation') {
    const code = body.newRegionCode ?? '';
    const region = /^\d{6}$/.test(code) ? findRegion(code) : undefined;
    if (!region)
      errors.push({
        field: 'newRegionCode',
        message: { zh: '请选择迁入的地区', en: 'choose the region moved to' },
      });
    else if (provinceCodeOf(code) === provinceCodeOf(recorded.regionCode))
      errors.push({
        field: 'newRegionCode',
        message: {
          zh: `迁入地仍在${regionFullName(provinceCodeOf(code))}，省内迁移不属于须报告的重大变更`,
          en: 'the new region is in the same province: a move within the province is not a material change to report',
        },
      });
  }
  if (body.kind === 'merger' && (body.party?.trim() ?? '').length < 2)
    errors.push({
      field: 'party',
      message: { zh: '请填写兼并重组的另一方企业名称', en: 'give the name of the other party to the merger' },
    });
  return errors;
}

/**
 * The enterprise reports a material change: recorded against each of its recognitions in force (a change the daily
 * run found and left open is the one reported); a report after its due day flags the recognition at once.
 */
export async function reportChange(
  db: Kysely<Database>,
  caller: Caller,
  body: Static<typeof ReportChangeBody>,
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const today = todayInChina();
  return db.transaction().execute(async (trx) => {
    await recordRecognitions(trx, today, enterpriseId);
    const held = await trx
      .selectFrom('cultivation_applications as a')
      .innerJoin('cultivation_recognitions as r', (join) =>
        join.onRef('r.enterprise_id', '=', 'a.enterprise_id').onRef('r.application_id', '=', 'a.id'),
      )
      .select(['a.id', 'a.tier', 'a.valid_to', 'r.recorded_name', 'r.recorded_region_code', 'r.flagged_on'])
      .where('a.enterprise_id', '=', enterpriseId)
      .where('a.stage', '=', 'recognised')
      .where('a.valid_to', '>=', today)
      .forUpdate()
      .execute();
    if (held.length === 0)
      throw AppError.field('kind', {
        zh: '本企业目前没有有效的梯度培育认定（已认定且在有效期内），无需报告重大变更',
        en: 'this enterprise holds no recognition in force (recognised and within its validity), so there is no material change to report',
      });
    const first = held[0] as (typeof held)[number];
    const errors = checkReport(
      body,
      { name: first.recorded_name, regionCode: first.recorded_region_code },
      today,
    );
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', errors);
    const dueOn = reportDueOn(body.changedOn, today);
    const late = dueOn < today;
    const values = {
      changed_on: body.changedOn,
      new_name: body.kind === 'rename' ? (body.newName?.trim() ?? null) : null,
      new_region_code: body.kind === 'relocation' ? (body.newRegionCode ?? null) : null,
      party: body.kind === 'merger' ? (body.party?.trim() ?? null) : null,
      description: body.description.trim(),
      reported_by: actor.userId,
      reported_at: new Date(),
    };
    const ids: number[] = [];
    for (const recognition of held) {
      const pending = await trx
        .selectFrom('cultivation_changes')
        .selectAll()
        .where('enterprise_id', '=', enterpriseId)
        .where('application_id', '=', recognition.id)
        .where('kind', '=', body.kind)
        .where('state', 'in', ['open', 'reported'])
        .forUpdate()
        .executeTakeFirst();
      if (pending?.state === 'reported')
        throw new AppError('CONFLICT', [], {
          zh: `本企业已报告过一项${KIND_NAMES[body.kind].zh}（${pending.reported_at ? todayOf(pending.reported_at) : ''}），正等待主管部门处理，不能重复报告`,
          en: `a ${KIND_NAMES[body.kind].en} was already reported and awaits the authority's decision; it cannot be reported again`,
        });
      // A change found by the run keeps the due day it was given unless the day reported makes it earlier.
      const due = pending && pending.due_on < dueOn ? pending.due_on : dueOn;
      const flagged = pending?.flagged_on ?? (due < today ? today : null);
      const row = pending
        ? await trx
            .updateTable('cultivation_changes')
            .set({
              ...values,
              state: 'reported',
              due_on: due,
              flagged_on: flagged,
              version: pending.version + 1,
            })
            .where('enterprise_id', '=', enterpriseId)
            .where('id', '=', pending.id)
            .returning(['id'])
            .executeTakeFirstOrThrow()
        : await trx
            .insertInto('cultivation_changes')
            .values({
              ...values,
              enterprise_id: enterpriseId,
              application_id: recognition.id,
              kind: body.kind,
              state: 'reported',
              found_on: null,
              due_on: due,
              old_name: recognition.recorded_name,
              old_region_code: recognition.recorded_region_code,
              flagged_on: flagged,
              decided_by: null,
              decided_at: null,
              decision_comment: null,
              created_at: new Date(),
            })
            .returning(['id'])
            .executeTakeFirstOrThrow();
      ids.push(Number(row.id));
      if (flagged !== null && recognition.flagged_on === null)
        await flag(trx, enterpriseId, recognition.id, today, flagReason(body.kind, due, today));
      await appendAudit(
        trx,
        { userId: actor.userId, role: actor.role },
        {
          action: 'cultivation.change_reported',
          targetType: 'cultivation_change',
          targetId: Number(row.id),
          requestId: caller.requestId,
          summary: {
            application: recognition.id,
            kind: body.kind,
            changedOn: body.changedOn,
            dueOn: due,
            late,
          },
        },
      );
    }
    const rows = await changesBase(trx)
      .select(CHANGE_COLUMNS)
      .where('c.enterprise_id', '=', enterpriseId)
      .where('c.id', 'in', ids)
      .orderBy('c.id')
      .execute();
    return { items: rows.map((r) => changeView(r as ChangeRow, null, today)), late };
  });
}

const todayOf = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(at).slice(0, 10);

async function flag(
  trx: Transaction<Database>,
  enterpriseId: number,
  applicationId: number,
  today: string,
  reason: Localized,
) {
  await trx
    .updateTable('cultivation_recognitions')
    .set((eb) => ({ flagged_on: today, flag_reason: JSON.stringify(reason), version: eb('version', '+', 1) }))
    .where('enterprise_id', '=', enterpriseId)
    .where('application_id', '=', applicationId)
    .where('flagged_on', 'is', null)
    .execute();
}

// ---- the officials -------------------------------------------------------------------------------------------

function changesFiltered(
  db: Db,
  actor: Actor,
  query: Omit<Static<typeof ChangesQuery>, 'page' | 'pageSize'>,
) {
  const prefix = prefixOf(actor);
  let base = changesBase(db);
  // The recognising region's officials, and for a move the new region's.
  if (prefix !== '')
    base = base.where((eb) =>
      eb.or([inPrefix(prefix, 'a.region_code'), inPrefix(prefix, 'c.new_region_code')] as never),
    );
  if (query.state) base = base.where('c.state', '=', query.state);
  if (query.tier) base = base.where('a.tier', '=', query.tier);
  if (query.kind) base = base.where('c.kind', '=', query.kind);
  const q = query.q?.trim();
  if (q) {
    const escaped = escapeLike(q);
    base = base.where((eb) =>
      eb.or([eb('e.uscc', '=', q.toUpperCase()), eb('e.name', 'like', `%${escaped}%`)]),
    );
  }
  return base;
}

/** The material changes of the actor's region (and those moving into it), soonest due first, paged. */
export async function listChanges(db: Kysely<Database>, caller: Caller, query: Static<typeof ChangesQuery>) {
  const actor = requireActor(caller);
  const today = todayInChina();
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const base = changesFiltered(db, actor, query);
  const [rows, counted] = await Promise.all([
    base
      .select(CHANGE_COLUMNS)
      .orderBy(sql`case c.state when 'open' then 0 when 'reported' then 1 else 2 end`)
      .orderBy('c.due_on')
      .orderBy('c.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return {
    items: rows.map((r) => changeView(r as ChangeRow, actor, today)),
    total: Number(counted?.n ?? 0),
    page,
    pageSize,
  };
}

/** Every change of the filter, page by page (the export). */
export function allChanges(
  db: Kysely<Database>,
  caller: Caller,
  query: Omit<Static<typeof ChangesQuery>, 'page' | 'pageSize'>,
) {
  return everyPage((page, pageSize) => listChanges(db, caller, { ...query, page, pageSize }));
}

function recognitionsFiltered(
  db: Db,
  actor: Actor,
  query: Omit<Static<typeof RecognitionsQuery>, 'page' | 'pageSize'>,
  today: string,
) {
  const prefix = prefixOf(actor);
  let base = recognitionsBase(db, today);
  // The recognising region's officials, and the officials of the region the registry now holds it in.
  if (prefix !== '')
    base = base.where((eb) =>
      eb.or([inPrefix(prefix, 'a.region_code'), inPrefix(prefix, 'r.recorded_region_code')] as never),
    );
  if (query.tier) base = base.where('a.tier', '=', query.tier);
  const inForce = (b: typeof base) => b.where('a.stage', '=', 'recognised').where('a.valid_to', '>=', today);
  if (query.state === 'revoked') base = base.where('a.stage', '=', 'revoked');
  else if (query.state === 'expired')
    base = base.where('a.stage', '=', 'recognised').where('a.valid_to', '<', today);
  else if (query.state === 'flagged') base = inForce(base).where('r.flagged_on', 'is not', null);
  else if (query.state === 'valid') base = inForce(base).where('r.flagged_on', 'is', null);
  if (query.lacksUpdate)
    base = inForce(base).where((eb) =>
      eb.or([eb('f.updated_at', 'is', null), eb('f.updated_at', '<', new Date(yearStart(today)))]),
    );
  const q = query.q?.trim();
  if (q) {
    const escaped = escapeLike(q);
    base = base.where((eb) =>
      eb.or([eb('e.uscc', '=', q.toUpperCase()), eb('e.name', 'like', `%${escaped}%`)]),
    );
  }
  return base;
}

/** The recognitions of the actor's region: flagged first, then by the day they end; paged. */
export async function listRecognitions(
  db: Kysely<Database>,
  caller: Caller,
  query: Static<typeof RecognitionsQuery>,
) {
  const actor = requireActor(caller);
  const today = todayInChina();
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const base = recognitionsFiltered(db, actor, query, today);
  const [rows, counted] = await Promise.all([
    base
      .select(recognitionColumns())
      .orderBy(sql`r.flagged_on is null`)
      .orderBy('a.valid_to')
      .orderBy('a.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return {
    items: rows.map((r) => recognitionView(r as RecognitionRow, today)),
    total: Number(counted?.n ?? 0),
    page,
    pageSize,
  };
}

/** Every recognition of the filter, page by page (the export). */
export function allRecognitions(
  db: Kysely<Database>,
  caller: Caller,
  query: Omit<Static<typeof RecognitionsQuery>, 'page' | 'pageSize'>,
) {
  return everyPage((page, pageSize) => listRecognitions(db, caller, { ...query, page, pageSize }));
}

/** A change locked, with its recognition; NOT_FOUND unless the actor sees it, OUT_OF_SCOPE unless it decides. */
async function changeToDecide(trx: Transaction<Database>, actor: Actor, enterpriseId: number, id: number) {
  const row = await changesBase(trx)
    .select([...CHANGE_COLUMNS, 'a.version as app_version'])
    .where('c.enterprise_id', '=', enterpriseId)
    .where('c.id', '=', id)
    .forUpdate('c')
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const prefix = prefixOf(actor);
  const sees = prefix === '' || row.region_code.startsWith(prefix) || row.new_region_code?.startsWith(prefix);
  if (!sees) throw new AppError('NOT_FOUND');
  if (!decides(actor, row.tier, row.region_code))
    throw new AppError('OUT_OF_SCOPE', [], {
      zh:
        row.tier === 'little_giant'
          ? '“小巨人”企业认定的重大变更由工业和信息化部处理'
          : `该认定由${regionFullName(provinceCodeOf(row.region_code))}作出，重大变更由其省级主管部门处理`,
      en:
        row.tier === 'little_giant'
          ? 'material changes of a little giant are decided by the ministry (MIIT)'
          : 'the recognition was granted by another province; its provincial authority decides on its changes',
    });
  return row as unknown as ChangeRow & { app_version: number };
}

/**
 * The recognising province accepts a reported change: the recognition's record takes the new name or region, and
 * its flag is cleared unless another change of it still stands overdue.
 */
export async function acceptChange(
  db: Kysely<Database>,
  caller: Caller,
  enterpriseId: number,
  id: number,
  body: Static<typeof DecideChangeBody>,
) {
  const actor = requireActor(caller);
  const today = todayInChina();
  const comment = body.comment?.trim() || null;
  return db.transaction().execute(async (trx) => {
    const row = await changeToDecide(trx, actor, enterpriseId, id);
    if (row.version !== body.version) throw new AppError('CONFLICT');
    if (row.state !== 'reported')
      throw AppError.field('action', {
        zh: row.state === 'open' ? '企业尚未报告此项变更，报告后方可受理' : '此项变更已处理',
        en:
          row.state === 'open'
            ? 'the enterprise has not reported this change yet'
            : 'this change is already decided',
      });
    await trx
      .updateTable('cultivation_changes')
      .set({
        state: 'accepted',
        decided_by: actor.userId,
        decided_at: new Date(),
        decision_comment: comment,
        version: row.version + 1,
      })
      .where('enterprise_id', '=', enterpriseId)
      .where('id', '=', id)
      .execute();
    const record =
      row.kind === 'rename' && row.new_name
        ? { recorded_name: row.new_name }
        : row.kind === 'relocation' && row.new_region_code
          ? { recorded_region_code: row.new_region_code }
          : {};
    const stillOverdue = await trx
      .selectFrom('cultivation_changes')
      .select('id')
      .where('enterprise_id', '=', enterpriseId)
      .where('application_id', '=', row.application_id)
      .where('id', '<>', id)
      .where('state', 'in', ['open', 'reported'])
      .where('flagged_on', 'is not', null)
      .executeTakeFirst();
    await trx
      .updateTable('cultivation_recognitions')
      .set((eb) => ({
        ...record,
        ...(stillOverdue ? {} : { flagged_on: null, flag_reason: null }),
        version: eb('version', '+', 1),
      }))
      .where('enterprise_id', '=', enterpriseId)
      .where('application_id', '=', row.application_id)
      .execute();
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'cultivation.change_accepted',
        targetType: 'cultivation_change',
        targetId: id,
        requestId: caller.requestId,
        summary: { application: row.application_id, kind: row.kind, comment, flagCleared: !stillOverdue },
      },
    );
    const tier = tierOf(row.tier);
    await notify(trx, [
      {
        enterpriseId,
        kind: 'cultivation',
        link: MY_LINK,
        title: {
          zh: `${tier.zh}认定：报告的${KIND_NAMES[row.kind].zh}已受理${comment ? `（${comment}）` : ''}`,
          en: `${tier.en} recognition: the ${KIND_NAMES[row.kind].en} reported was accepted${comment ? ` (${comment})` : ''}`,
        },
      },
    ]);
    const next = await changesBase(trx)
      .select(CHANGE_COLUMNS)
      .where('c.enterprise_id', '=', enterpriseId)
      .where('c.id', '=', id)
      .executeTakeFirstOrThrow();
    return changeView(next as ChangeRow, actor, today);
  });
}

/**
 * The recognising authority revokes the recognition over a change, with reasons: the applications' revocation
 * (cultivation.applications.ts: the registry's certification ended, the timeline, the audit, the notice), then
 * the change is closed as revoked (and the daily run closes any change of a revoked recognition left open).
 */
export async function revokeOverChange(
  db: Kysely<Database>,
  caller: Caller,
  enterpriseId: number,
  id: number,
  body: Static<typeof DecideChangeBody>,
) {
  const actor = requireActor(caller);
  const comment = body.comment?.trim() ?? '';
  if (comment.length === 0)
    throw AppError.field('comment', { zh: '请写明撤销理由', en: 'state the reasons' });
  const today = todayInChina();
  return db.transaction().execute(async (trx) => {
    const row = await changeToDecide(trx, actor, enterpriseId, id);
    if (row.version !== body.version) throw new AppError('CONFLICT');
    if (row.state !== 'open' && row.state !== 'reported')
      throw AppError.field('action', { zh: '此项变更已处理', en: 'this change is already decided' });
    await actOnApplicationIn(trx, caller, enterpriseId, row.application_id, {
      action: 'revoke',
      version: row.app_version,
      comment: `${KIND_NAMES[row.kind].zh}：${comment}`,
    });
    await trx
      .updateTable('cultivation_changes')
      .set({
        state: 'revoked',
        decided_by: actor.userId,
        decided_at: new Date(),
        decision_comment: comment,
        version: row.version + 1,
      })
      .where('enterprise_id', '=', enterpriseId)
      .where('id', '=', id)
      .where('state', 'in', ['open', 'reported'])
      .execute();
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'cultivation.change_revoked',
        targetType: 'cultivation_change',
        targetId: id,
        requestId: caller.requestId,
        summary: { application: row.application_id, kind: row.kind, comment },
      },
    );
    const next = await changesBase(trx)
      .select(CHANGE_COLUMNS)
      .where('c.enterprise_id', '=', enterpriseId)
      .where('c.id', '=', id)
      .executeTakeFirstOrThrow();
    return changeView(next as ChangeRow, actor, today);
  });
}

/** A province's day in the year for the annual-update reminders (its own or Huiqi's default). */
export async function getUpdateDay(db: Kysely<Database>, caller: Caller, provinceCode: string) {
  const actor = requireActor(caller);
  const prefix = prefixOf(actor);
  if (prefix !== '' && !provinceCode.startsWith(prefix) && !prefix.startsWith(provinceCode.slice(0, 2)))
    throw new AppError('OUT_OF_SCOPE');
  const day = await updateDayOf(db, provinceCode);
  return { provinceCode, ...day };
}

/** A province's officials (or an admin) set the day in the year its annual-update reminders start (audited). */
export async function setUpdateDay(
  db: Kysely<Database>,
  caller: Caller,
  provinceCode: string,
  remindOn: string,
) {
  const actor = requireActor(caller);
  if (!findRegion(provinceCode))
    throw AppError.field('provinceCode', { zh: '不是省级地区', en: 'not a province' });
  if (
    actor.role !== 'admin' &&
    (levelOf(actor) !== 'province' || actor.regionPrefix !== provinceCode.slice(0, 2))
  )
    throw new AppError('OUT_OF_SCOPE', [], {
      zh: '年度数据更新提醒日由本省省级主管部门设置',
      en: "the reminder day is set by the province's own authority",
    });
  if (!isDayOfYear(remindOn))
    throw AppError.field('remindOn', {
      zh: '请填写一年中的某一天（月-日，如 06-30）',
      en: 'give a day of the year (MM-DD, e.g. 06-30)',
    });
  return db.transaction().execute(async (trx) => {
    const before = await updateDayOf(trx, provinceCode);
    await trx
      .insertInto('cultivation_update_days')
      .values({
        province_code: provinceCode,
        remind_on: remindOn,
        updated_by: actor.userId,
        updated_at: new Date(),
      })
      .onConflict((oc) =>
        oc
          .column('province_code')
          .doUpdateSet({ remind_on: remindOn, updated_by: actor.userId, updated_at: new Date() }),
      )
      .execute();
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'cultivation.update_day_set',
        targetType: 'cultivation_update_day',
        targetId: provinceCode,
        requestId: caller.requestId,
        summary: { from: before.remindOn, to: remindOn },
      },
    );
    return { provinceCode, remindOn, isDefault: false };
  });
}

// ---- the daily run -------------------------------------------------------------------------------------------

/** What one daily run did. */
export interface KeepingRun {
  recorded: number;
  detected: number;
  flagged: number;
  expired: number;
  updateReminded: number;
  closed: number;
}

/**
 * The daily keeping of recognitions, in one transaction (a run stopped part-way writes nothing; a second run of the
 * day finds nothing left to do): records what new recognitions are kept against; opens a change to report where the
 * registry's name or province differs from the record (due 3 months after the day found), telling the enterprise
 * once; flags the recognitions with a change not reported by its due day; ends the registry's certification of an
 * expired recognition; reminds, from the province's day in the year, those that have not updated this year's data;
 * closes the changes of revoked recognitions. `signal` stops it between steps.
 */
export async function keepRecognitions(
  db: Kysely<Database>,
  today: string,
  signal?: AbortSignal,
): Promise<KeepingRun> {
  return db.transaction().execute(async (trx) => {
    const recorded = await recordRecognitions(trx, today);
    signal?.throwIfAborted();
    const detected = await detectChanges(trx, today);
    signal?.throwIfAborted();
    const flagged = await flagOverdue(trx, today);
    signal?.throwIfAborted();
    const expired = await endExpired(trx, today);
    signal?.throwIfAborted();
    const updateReminded = await remindUpdates(trx, today);
    signal?.throwIfAborted();
    const closed = await sql<{ n: number }>`
      with closed as (
        update cultivation_changes c set state = 'revoked', version = c.version + 1
        from cultivation_applications a
        where a.enterprise_id = c.enterprise_id and a.id = c.application_id and a.stage = 'revoked'
          and c.state in ('open', 'reported')
        returning 1)
      select count(*)::int as n from closed`.execute(trx);
    return { recorded, detected, flagged, expired, updateReminded, closed: closed.rows[0]?.n ?? 0 };
  });
}

async function detectChanges(trx: Transaction<Database>, today: string): Promise<number> {
  const cards = enterpriseCards(trx as unknown as Kysely<Database>);
  const { rows } = await sql<{ enterprise_id: number; kind: ChangeKind; due_on: string }>`
    insert into cultivation_changes (enterprise_id, application_id, kind, state, detected, changed_on, found_on,
      due_on, old_name, new_name, old_region_code, new_region_code)
    select r.enterprise_id, r.application_id, d.kind, 'open', true, null, ${today}::date,
      (${today}::date + make_interval(months => ${REPORT_MONTHS}))::date,
      r.recorded_name, d.new_name, r.recorded_region_code, d.new_region_code
    from cultivation_recognitions r
    join cultivation_applications a on a.enterprise_id = r.enterprise_id and a.id = r.application_id
    join (${cards}) e on e.id = r.enterprise_id
    cross join lateral (values
      ('rename', e.name, null::text, e.name <> r.recorded_name),
      ('relocation', null::text, e.region_code,
        substring(e.region_code from 1 for 2) <> substring(r.recorded_region_code from 1 for 2))
    ) as d (kind, new_name, new_region_code, differs)
    where a.stage = 'recognised' and a.valid_to >= ${today}::date and d.differs
      and not exists (select 1 from cultivation_changes c where c.enterprise_id = r.enterprise_id
        and c.application_id = r.application_id and c.kind = d.kind and c.state in ('open', 'reported'))
    on conflict do nothing
    returning enterprise_id, kind, to_char(due_on, 'YYYY-MM-DD') as due_on`.execute(trx);
  // One notice per enterprise and kind, however many of its recognitions the change concerns.
  const notices = new Map<string, { enterpriseId: number; kind: ChangeKind; dueOn: string }>();
  for (const r of rows)
    notices.set(`${r.enterprise_id}|${r.kind}`, {
      enterpriseId: Number(r.enterprise_id),
      kind: r.kind,
      dueOn: r.due_on,
    });
  const list = [...notices.values()];
  for (let i = 0; i < list.length; i += 1000)
    await notify(
      trx,
      list.slice(i, i + 1000).map((n) => ({
        enterpriseId: n.enterpriseId,
        kind: 'cultivation' as const,
        link: MY_LINK,
        title: {
          zh: `企业库显示本企业发生${KIND_NAMES[n.kind].zh}，请在 ${n.dueOn} 前向主管部门报告，逾期认定将被标记`,
          en: `The registry shows a ${KIND_NAMES[n.kind].en} of your enterprise: report it by ${n.dueOn}, or your recognition will be flagged`,
        },
      })),
    );
  return rows.length;
}

async function flagOverdue(trx: Transaction<Database>, today: string): Promise<number> {
  const rows = await trx
    .updateTable('cultivation_changes')
    .set((eb) => ({ flagged_on: today, version: eb('version', '+', 1) }))
    .where('state', '=', 'open')
    .where('flagged_on', 'is', null)
    .where('due_on', '<', today)
    // Only a recognition in force is flagged (an expired or revoked one has nothing left to keep).
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('cultivation_applications as a')
          .select('a.id')
          .whereRef('a.enterprise_id', '=', 'cultivation_changes.enterprise_id')
          .whereRef('a.id', '=', 'cultivation_changes.application_id')
          .where('a.stage', '=', 'recognised')
          .where('a.valid_to', '>=', today),
      ),
    )
    .returning(['enterprise_id', 'id', 'application_id', 'kind', 'due_on'])
    .execute();
  const told = new Set<number>();
  for (const row of rows) {
    const reason = flagReason(row.kind, row.due_on, null);
    await flag(trx, Number(row.enterprise_id), Number(row.application_id), today, reason);
    await appendAudit(trx, SYSTEM, {
      action: 'cultivation.recognition_flagged',
      targetType: 'cultivation_application',
      targetId: Number(row.application_id),
      requestId: null,
      summary: { change: Number(row.id), kind: row.kind, dueOn: row.due_on },
    });
    if (told.has(Number(row.enterprise_id))) continue;
    told.add(Number(row.enterprise_id));
    await notify(trx, [
      {
        enterpriseId: Number(row.enterprise_id),
        kind: 'cultivation',
        link: MY_LINK,
        title: {
          zh: `本企业的梯度培育认定已被标记：${reason.zh}；请尽快报告`,
          en: `Your recognition is flagged: ${reason.en}; report the change now`,
        },
      },
    ]);
  }
  return rows.length;
}

async function endExpired(trx: Transaction<Database>, today: string): Promise<number> {
  const rows = await trx
    .selectFrom('cultivation_applications as a')
    .innerJoin('cultivation_recognitions as r', (join) =>
      join.onRef('r.enterprise_id', '=', 'a.enterprise_id').onRef('r.application_id', '=', 'a.id'),
    )
    .select(['a.enterprise_id', 'a.id', 'a.tier', 'a.valid_to', 'a.certification_id'])
    .where('a.stage', '=', 'recognised')
    .where('a.valid_to', '<', today)
    .where('r.expired_on', 'is', null)
    .forUpdate('r')
    .execute();
  for (const row of rows) {
    const validTo = row.valid_to as string;
    if (row.certification_id !== null)
      await endRecognition(
        trx,
        {
          enterpriseId: Number(row.enterprise_id),
          id: Number(row.certification_id),
          endedOn: addDays(validTo, 1),
          reason: '认定有效期（3 年）届满',
          endedBy: null,
        },
        null,
      );
    await trx
      .updateTable('cultivation_recognitions')
      .set((eb) => ({ expired_on: today, version: eb('version', '+', 1) }))
      .where('enterprise_id', '=', row.enterprise_id)
      .where('application_id', '=', row.id)
      .execute();
    await appendAudit(trx, SYSTEM, {
      action: 'cultivation.recognition_expired',
      targetType: 'cultivation_application',
      targetId: Number(row.id),
      requestId: null,
      summary: { tier: row.tier, validTo },
    });
    const tier = tierOf(row.tier);
    await notify(trx, [
      {
        enterpriseId: Number(row.enterprise_id),
        kind: 'cultivation',
        link: MY_LINK,
        title: {
          zh: `本企业的“${tier.recognition}”认定已于 ${validTo} 到期`,
          en: `Your ${tier.en} recognition expired on ${validTo}`,
        },
      },
    ]);
  }
  return rows.length;
}

async function remindUpdates(trx: Transaction<Database>, today: string): Promise<number> {
  const year = Number(today.slice(0, 4));
  const cards = enterpriseCards(trx as unknown as Kysely<Database>);
  const { rows } = await sql<{ enterprise_id: number }>`
    update cultivation_recognitions r set update_reminded_year = ${year}, version = r.version + 1
    from cultivation_applications a, (${cards}) e
    where a.enterprise_id = r.enterprise_id and a.id = r.application_id and e.id = r.enterprise_id
      and a.stage = 'recognised' and a.valid_to >= ${today}::date
      and (r.update_reminded_year is null or r.update_reminded_year < ${year})
      and coalesce((select d.remind_on from cultivation_update_days d
                    where d.province_code = substring(e.region_code from 1 for 2) || '0000'),
                   ${DEFAULT_UPDATE_DAY}) <= ${today.slice(5)}
      and not exists (select 1 from cultivation_facts f where f.enterprise_id = r.enterprise_id
                      and f.year = ${updateDataYear(today)} and f.updated_at >= ${yearStart(today)}::timestamptz)
    returning r.enterprise_id`.execute(trx);
  const enterprises = [...new Set(rows.map((r) => Number(r.enterprise_id)))];
  const dataYear = updateDataYear(today);
  for (let i = 0; i < enterprises.length; i += 1000)
    await notify(
      trx,
      enterprises.slice(i, i + 1000).map((enterpriseId) => ({
        enterpriseId,
        kind: 'cultivation' as const,
        link: '/app/my/cultivation?tab=facts',
        title: {
          zh: `提醒：本企业持有梯度培育认定，请更新 ${dataYear} 年度数据（每年一次）`,
          en: `Reminder: as a recognised enterprise, update your ${dataYear} data (once a year)`,
        },
      })),
    );
  return enterprises.length;
}
