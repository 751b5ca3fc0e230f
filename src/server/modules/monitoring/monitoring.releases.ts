/**
 * Releases of a wave's figures (issue 16, ADR 0030): a draft from a run of a closed wave, with commentary; reviewed
 * by another official; scheduled for a time not in the past; public from that time and not a moment before — every
 * public read filters `publish_at <= now()` in SQL. A correction is a new release version of the same period with a
 * note; the public series shows each period's latest version whose time has come. Withdrawn before publication only.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Static } from 'typebox';
import { DISCLOSURE_MIN, monitoringTermName, SMEDI_SUB_INDICES } from '../../../reference/monitoring.ts';
import { regionFullName } from '../../../reference/regions.ts';
import { regionFullNameEn } from '../../../reference/regions-en.ts';
import type {
  PublicSeriesQuery,
  ReleaseBody,
  ReleaseListQuery,
  ReleaseReturnBody,
  ReleaseUpdateBody,
  ScheduleBody,
} from '../../../shared/api/monitoring.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { activeOfficialsOver, findUserDisplays } from '../accounts/index.ts';
import { notifyUsers } from '../notifications/index.ts';
import { audit } from './monitoring.audit.ts';
import {
  crossedGroup,
  crossedRefusal,
  disclosed,
  figureView,
  groupFigures,
  runGroups,
  type TraceInput,
  traceFigure,
  weightSetsUsed,
} from './monitoring.compute.ts';
import {
  assertSurveyScope,
  type Db,
  findQuestionWording,
  inSurveyScope,
  questionsOf,
} from './monitoring.repository.ts';
import { LOW_RESPONSE_RATE, shownValue } from './monitoring.rules.ts';
import type { WithheldReason } from './monitoring.table.ts';
import { noticePeriod } from './monitoring.waves.ts';

/** How far in the past a schedule may be set and still count as "now" (a form's clock and the network). */
const NOW_TOLERANCE_MS = 60_000;

interface ReleaseRow {
  id: number;
  kind: 'index' | 'registry';
  survey_id: number | null;
  survey_name: string | null;
  survey_name_en: string | null;
  region_code: string;
  period: string;
  release_version: number;
  wave_id: number | null;
  run_id: number;
  state: 'draft' | 'reviewed' | 'scheduled' | 'withdrawn';
  commentary_zh: string;
  commentary_en: string;
  correction_note: string | null;
  created_at: Date;
  created_by: number | null;
  reviewed_at: Date | null;
  reviewed_by: number | null;
  returned_comment: string | null;
  returned_by: number | null;
  returned_at: Date | null;
  publish_at: Date | null;
  published: boolean;
  version: number;
  total?: number;
  responses: number;
  members: number;
  open_flags: number;
}

function releaseSelect() {
  return sql<ReleaseRow>`
    select rl.id, rl.kind, rl.survey_id, s.name_zh as survey_name, s.name_en as survey_name_en, rl.region_code, rl.period, rl.release_version,
      rl.wave_id, rl.run_id, rl.state, rl.commentary_zh, rl.commentary_en, rl.correction_note, rl.created_at,
      rl.created_by, rl.reviewed_at, rl.reviewed_by, rl.returned_comment, rl.returned_by, rl.returned_at, rl.publish_at,
      (rl.state = 'scheduled' and rl.publish_at <= now()) as published, rl.version, count(*) over ()::int as total,
      ru.responses, (select count(*)::int from monitoring_responses r where r.wave_id = rl.wave_id) as members,
      (select count(*)::int from monitoring_flags f where f.wave_id = rl.wave_id and f.state = 'open') as open_flags
    from monitoring_releases rl
    join monitoring_runs ru on ru.id = rl.run_id
    left join monitoring_surveys s on s.id = rl.survey_id`;
}

function stateOf(r: ReleaseRow) {
  return r.published ? ('published' as const) : r.state;
}

/** What the actor may do with a release now. */
function actionsOf(r: ReleaseRow, actor: Actor): string[] {
  if (!inSurveyScope(actor, r.region_code)) return [];
  const state = stateOf(r);
  const actions: string[] = [];
  // Only its author edits a draft: a reviewer who rewrote it would approve what no one else has read.
  if (state === 'draft' && r.created_by === actor.userId) actions.push('edit');
  if (state === 'draft') actions.push('withdraw');
  if (state === 'draft' && r.created_by !== actor.userId) actions.push('review', 'return');
  if (state === 'reviewed') actions.push('schedule', 'withdraw');
  if (state === 'scheduled') actions.push('withdraw');
  if (state === 'published') actions.push('correct');
  return actions;
}

async function headlineOf(db: Db, runId: number, kind: 'index' | 'registry') {
  const figures = await groupFigures(db, runId, {}, kind === 'registry');
  return figures.find((f) => f.measure === (kind === 'index' ? 'overall' : 'enterprises')) ?? null;
}

async function releaseView(db: Db, r: ReleaseRow, actor: Actor) {
  const names = await findUserDisplays(db, [r.created_by, r.reviewed_by, r.returned_by]);
  const nameOf = (id: number | null) => (id === null ? null : (names.get(Number(id))?.displayName ?? null));
  return {
    id: Number(r.id),
    kind: r.kind,
    surveyId: r.survey_id === null ? null : Number(r.survey_id),
    surveyName: r.survey_name,
    surveyNameEn: r.survey_name_en === null ? null : r.survey_name_en || (r.survey_name ?? ''),
    regionCode: r.region_code,
    period: r.period,
    releaseVersion: r.release_version,
    waveId: r.wave_id === null ? null : Number(r.wave_id),
    runId: Number(r.run_id),
    state: stateOf(r),
    commentaryZh: r.commentary_zh,
    commentaryEn: r.commentary_en,
    correctionNote: r.correction_note,
    createdAt: r.created_at,
    createdBy: nameOf(r.created_by),
    reviewedAt: r.reviewed_at,
    reviewedBy: nameOf(r.reviewed_by),
    returned:
      r.returned_comment === null || r.returned_at === null
        ? null
        : { comment: r.returned_comment, by: nameOf(r.returned_by), at: r.returned_at },
    publishAt: r.publish_at,
    headline: await headlineOf(db, Number(r.run_id), r.kind),
    members: r.kind === 'index' ? r.members : null,
    responses: r.kind === 'index' ? r.responses : null,
    responseRate: r.kind === 'index' && r.members > 0 ? r.responses / r.members : null,
    lowResponseRate: LOW_RESPONSE_RATE,
    openFlags: r.kind === 'index' ? r.open_flags : null,
    supersededBy: r.published ? await supersedingRelease(db, r) : null,
    version: r.version,
    actions: actionsOf(r, actor),
  };
}

async function loadRelease(db: Db, actor: Actor, id: number, lock = false): Promise<ReleaseRow> {
  if (lock) await sql`select id from monitoring_releases where id = ${id} for update`.execute(db);
  const { rows } = await sql<ReleaseRow>`${releaseSelect()} where rl.id = ${id}`.execute(db);
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  assertSurveyScope(actor, row.region_code);
  return row;
}

/** The releases the official's region makes (admins: all), newest first. */
export async function listReleases(db: Db, caller: Caller, query: Static<typeof ReleaseListQuery>) {
  const actor = requireActor(caller);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const scope =
    actor.role === 'admin'
      ? sql`true`
      : sql`rl.region_code like ${`${actor.regionPrefix ?? '\u0000'}%`} and rl.region_code <> ''`;
  const filters = [scope];
  if (query.surveyId) filters.push(sql`rl.survey_id = ${query.surveyId}`);
  if (query.kind) filters.push(sql`rl.kind = ${query.kind}`);
  if (query.state === 'published') filters.push(sql`rl.state = 'scheduled' and rl.publish_at <= now()`);
  else if (query.state === 'scheduled') filters.push(sql`rl.state = 'scheduled' and rl.publish_at > now()`);
  else if (query.state) filters.push(sql`rl.state = ${query.state}`);
  const { rows } = await sql<ReleaseRow>`${releaseSelect()} where ${sql.join(filters, sql` and `)}
    order by rl.created_at desc, rl.id desc limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
  const items = [];
  for (const r of rows) items.push(await releaseView(db, r, actor));
  return { items, total: rows[0]?.total ?? 0, page, pageSize };
}

export async function getRelease(db: Db, caller: Caller, id: number) {
  const actor = requireActor(caller);
  return releaseView(db, await loadRelease(db, actor, id), actor);
}

/**
 * A draft release of a run. The run must be of a closed wave and computed after it closed (so no answer behind a
 * published figure can change). A period that has a release already gets a correction: the next release version,
 * with its note; only one release of a period may be in the making at a time.
 */
export async function createRelease(db: Kysely<Database>, caller: Caller, body: Static<typeof ReleaseBody>) {
  const actor = requireActor(caller);
  const id = await db.transaction().execute(async (trx) => {
    const run = await trx
      .selectFrom('monitoring_runs as r')
      .leftJoin('monitoring_waves as w', 'w.id', 'r.wave_id')
      .select([
        'r.id',
        'r.kind',
        'r.survey_id',
        'r.wave_id',
        'r.region_code',
        'r.period',
        'r.computed_at',
        'w.state',
        'w.closed_at',
      ])
      .where('r.id', '=', body.runId)
      .executeTakeFirst();
    if (!run) throw AppError.field('runId', { zh: '没有这次计算', en: 'no such run' });
    assertSurveyScope(actor, run.region_code);
    // One release in the making per series and period: an advisory lock on the series, to the transaction's end.
    const series = run.kind === 'index' ? `index:${run.survey_id}` : `registry:${run.region_code}`;
    await sql`select pg_advisory_xact_lock(hashtext(${`monitoring-release:${series}`}))`.execute(trx);
    if (
      run.kind === 'index' &&
      (run.state !== 'closed' || run.closed_at === null || run.computed_at < run.closed_at)
    )
      throw AppError.field('runId', {
        zh: '须先结束本期调查，再重新计算，然后用该次计算发布（结束后答卷不再变化）',
        en: 'close the wave, compute it again, and release that run (answers no longer change once closed)',
      });
    const { rows } = await sql<{ release_version: number; state: string; published: boolean }>`
      select release_version, state, (state = 'scheduled' and publish_at <= now()) as published
      from monitoring_releases where kind = ${run.kind} and coalesce(survey_id, 0) = ${run.survey_id ?? 0}
        and region_code = ${run.region_code} and period = ${run.period}
      order by release_version desc`.execute(trx);
    const pending = rows.find((r) => r.state !== 'withdrawn' && !r.published);
    if (pending)
      throw AppError.field('runId', {
        zh: `本期已有一份待发布的稿件（第${pending.release_version}版），请先处理或撤回`,
        en: `the period has a release in the making (version ${pending.release_version}); finish or withdraw it first`,
      });
    const published = rows.some((r) => r.published);
    const releaseVersion = (rows[0]?.release_version ?? 0) + 1;
    const note = body.correctionNote?.trim() ?? null;
    // A correction is of something the public saw: drafts withdrawn before their time do not count.
    if (published && !note)
      throw AppError.field('correctionNote', {
        zh: '本期已发布过，更正须说明改了什么',
        en: 'the period has been released: a correction says what it changes',
      });
    const { id } = await trx
      .insertInto('monitoring_releases')
      .values({
        kind: run.kind,
        survey_id: run.survey_id,
        region_code: run.region_code,
        period: run.period,
        release_version: releaseVersion,
        wave_id: run.wave_id,
        run_id: Number(run.id),
        state: 'draft',
        commentary_zh: body.commentaryZh?.trim() ?? '',
        commentary_en: body.commentaryEn?.trim() ?? '',
        correction_note: published ? note : null,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(
      trx,
      caller,
      actor,
      'release_created',
      { type: 'monitoring_release', id: Number(id) },
      {
        runId: body.runId,
        period: run.period,
        releaseVersion,
      },
    );
    // The region's other officials are told a draft awaits their review.
    const reviewers = (await activeOfficialsOver(trx, run.region_code)).filter((u) => u !== actor.userId);
    const name = await seriesName(trx, run.kind, run.survey_id, run.region_code);
    await notifyUsers(
      trx,
      reviewers.map((userId) => ({
        userId,
        kind: 'monitoring' as const,
        link: releaseLink(Number(id)),
        title: {
          zh: `发布稿待审核：${name.zh} ${noticePeriod(run.period).zh}（第${releaseVersion}版）`,
          en: `A release awaits review: ${name.en} ${noticePeriod(run.period).en} (version ${releaseVersion})`,
        },
      })),
    );
    return Number(id);
  });
  return getRelease(db, caller, id);
}

/** The in-app page of a release (officials). */
const releaseLink = (id: number) => `/app/monitoring/releases/${id}`;

/** A series' name in both languages: its survey's, or the registry statistics' of its region. */
async function seriesName(db: Db, kind: 'index' | 'registry', surveyId: number | null, regionCode: string) {
  if (kind === 'registry' || surveyId === null)
    return { zh: REGISTRY_NAMES.zh(regionCode), en: REGISTRY_NAMES.en(regionCode) };
  const survey = await db
    .selectFrom('monitoring_surveys')
    .select(['name_zh', 'name_en'])
    .where('id', '=', surveyId)
    .executeTakeFirst();
  return { zh: survey?.name_zh ?? '', en: survey?.name_en || (survey?.name_zh ?? '') };
}

/**
 * Tells a release's author what another official did with it (reviewed, withdrew); nothing when the author did it.
 */
async function tellAuthor(
  trx: Transaction<Database>,
  row: ReleaseRow,
  actor: Actor,
  what: { zh: string; en: string },
) {
  if (row.created_by === null || row.created_by === actor.userId) return;
  const name =
    row.kind === 'index'
      ? { zh: row.survey_name ?? '', en: row.survey_name_en || (row.survey_name ?? '') }
      : { zh: REGISTRY_NAMES.zh(row.region_code), en: REGISTRY_NAMES.en(row.region_code) };
  await notifyUsers(trx, [
    {
      userId: Number(row.created_by),
      kind: 'monitoring',
      link: releaseLink(Number(row.id)),
      title: {
        zh: `${name.zh} ${noticePeriod(row.period).zh}（第${row.release_version}版）${what.zh}`,
        en: `${name.en} ${noticePeriod(row.period).en} (version ${row.release_version}): ${what.en}`,
      },
    },
  ]);
}

type ReleaseSet = {
  state?: 'reviewed' | 'scheduled' | 'withdrawn';
  commentary_zh?: string;
  commentary_en?: string;
  correction_note?: string | null;
  reviewed_by?: number;
  reviewed_at?: Date;
  returned_comment?: string | null;
  returned_by?: number | null;
  returned_at?: Date | null;
  scheduled_by?: number;
  publish_at?: Date;
};

/**
 * One change of a release: its row locked and checked at the version the caller read, `decide` checks the state and
 * says what to set, then the row is written (its version moved on) and audited in the same transaction.
 */
async function changeRelease(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  version: number,
  action:
    | 'release_changed'
    | 'release_reviewed'
    | 'release_returned'
    | 'release_scheduled'
    | 'release_withdrawn',
  decide: (trx: Transaction<Database>, row: ReleaseRow, actor: Actor) => Promise<ReleaseSet>,
) {
  const actor = requireActor(caller);
  await db.transaction().execute(async (trx) => {
    const row = await loadRelease(trx, actor, id, true);
    if (row.version !== version) throw new AppError('CONFLICT');
    const set = await decide(trx, row, actor);
    await trx
      .updateTable('monitoring_releases')
      .set({ ...set, version: row.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(
      trx,
      caller,
      actor,
      action,
      { type: 'monitoring_release', id },
      {
        period: row.period,
        ...(set.publish_at ? { publishAt: set.publish_at.toISOString() } : {}),
      },
    );
  });
  return getRelease(db, caller, id);
}

/** Edits a draft's commentary (and a correction's note). */
export async function updateRelease(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  body: Static<typeof ReleaseUpdateBody>,
) {
  return changeRelease(db, caller, id, body.version, 'release_changed', async (_trx, row, actor) => {
    if (stateOf(row) !== 'draft')
      throw AppError.field('version', { zh: '只有草稿可以修改', en: 'only a draft is edited' });
    if (row.created_by !== actor.userId)
      throw AppError.field('commentaryZh', {
        zh: '只有起草人可以修改稿件；复核人如需修改，请退回起草人（撤回后重新起草）',
        en: 'only its author edits a draft; a reviewer who wants changes sends it back (withdraw, draft again)',
      });
    return {
      commentary_zh: body.commentaryZh?.trim() ?? row.commentary_zh,
      commentary_en: body.commentaryEn?.trim() ?? row.commentary_en,
      correction_note:
        row.correction_note === null ? null : (body.correctionNote?.trim() ?? row.correction_note),
    };
  });
}

/** Another official than the one who drafted it reviews a draft. */
export async function reviewRelease(db: Kysely<Database>, caller: Caller, id: number, version: number) {
  return changeRelease(db, caller, id, version, 'release_reviewed', async (trx, row, actor) => {
    if (stateOf(row) !== 'draft')
      throw AppError.field('version', { zh: '只有草稿可以审核', en: 'only a draft is reviewed' });
    if (row.created_by === actor.userId)
      throw AppError.field('version', {
        zh: '须由起草人以外的另一位工作人员审核',
        en: 'a release is reviewed by an official other than the one who drafted it',
      });
    await tellAuthor(trx, row, actor, {
      zh: '已审核通过，可定时发布',
      en: 'reviewed; it can be scheduled',
    });
    return {
      state: 'reviewed',
      reviewed_by: actor.userId,
      reviewed_at: new Date(),
      returned_comment: null,
      returned_by: null,
      returned_at: null,
    };
  });
}

/**
 * Sends a draft back to its author with what to change (by an official other than its author, as a review is): it
 * stays a draft, the comment stays on it until it is reviewed, and the author is told with the comment.
 */
export async function returnRelease(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  body: Static<typeof ReleaseReturnBody>,
) {
  const comment = body.comment.trim();
  if (comment.length < 2)
    throw AppError.field('comment', { zh: '请写明需要修改什么', en: 'say what is to be changed' });
  return changeRelease(db, caller, id, body.version, 'release_returned', async (trx, row, actor) => {
    if (stateOf(row) !== 'draft')
      throw AppError.field('version', { zh: '只有草稿可以退回', en: 'only a draft is sent back' });
    if (row.created_by === actor.userId)
      throw AppError.field('version', {
        zh: '起草人不能退回自己的稿件',
        en: 'the official who drafted it does not send it back',
      });
    await tellAuthor(trx, row, actor, {
      zh: `被退回修改：${comment}`,
      en: `sent back for changes: ${comment}`,
    });
    return { returned_comment: comment, returned_by: actor.userId, returned_at: new Date() };
  });
}

/** Schedules a reviewed release for a time not in the past (now is allowed: it is public at once). */
export async function scheduleRelease(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  body: Static<typeof ScheduleBody>,
) {
  const at = new Date(body.publishAt);
  if (Number.isNaN(at.getTime()))
    throw AppError.field('publishAt', { zh: '不是有效时间', en: 'is not a time' });
  return changeRelease(db, caller, id, body.version, 'release_scheduled', async (trx, row, actor) => {
    const state = stateOf(row);
    if (state === 'draft')
      throw AppError.field('publishAt', {
        zh: '未经审核不能发布：须先由另一位工作人员审核',
        en: 'not reviewed: another official reviews it first',
      });
    if (state !== 'reviewed')
      throw AppError.field('publishAt', {
        zh: '只有已审核的稿件可以定时发布',
        en: 'only a reviewed release is scheduled',
      });
    // The database's clock decides what is public: compare with it, not the server's.
    const { rows } = await sql<{ now: Date }>`select now() as now`.execute(trx);
    const now = rows[0]?.now ?? new Date();
    if (at.getTime() < now.getTime() - NOW_TOLERANCE_MS)
      throw AppError.field('publishAt', { zh: '发布时间已过，请选择现在或以后的时间', en: 'is in the past' });
    return {
      state: 'scheduled',
      publish_at: at.getTime() < now.getTime() ? now : at,
      scheduled_by: actor.userId,
    };
  });
}

/** Withdraws a release before it is public (a published one is corrected by a new version). */
export async function withdrawRelease(db: Kysely<Database>, caller: Caller, id: number, version: number) {
  return changeRelease(db, caller, id, version, 'release_withdrawn', async (trx, row, actor) => {
    const state = stateOf(row);
    if (state === 'published')
      throw AppError.field('version', {
        zh: '已发布的数据不能撤回，请发布更正版本',
        en: 'a published release is not withdrawn: release a correction',
      });
    if (state === 'withdrawn') throw AppError.field('version', { zh: '已撤回', en: 'already withdrawn' });
    await tellAuthor(trx, row, actor, { zh: '已被撤回', en: 'withdrawn by another official' });
    return { state: 'withdrawn' };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Public reads: only what is scheduled and whose time has come

/** The condition every public read puts on a release (alias `rl`). */
const PUBLIC = sql`rl.state = 'scheduled' and rl.publish_at <= now()`;

/** The wording of a run's index questions (its wave's version; none for the registry's counts). */
async function runQuestions(db: Db, runId: number) {
  const { rows } = await sql<{ survey_id: number | null; survey_version: number | null }>`
    select w.survey_id, w.survey_version from monitoring_runs r left join monitoring_waves w on w.id = r.wave_id
    where r.id = ${runId}`.execute(db);
  const wave = rows[0];
  if (!wave || wave.survey_id === null || wave.survey_version === null) return [];
  return (await questionsOf(db, Number(wave.survey_id), wave.survey_version))
    .filter((q) => q.direction !== null || q.pmiComponent !== null)
    .map((q) => ({
      code: q.code,
      position: q.position,
      textZh: q.textZh,
      textEn: q.textEn || q.textZh,
      pmiComponent: q.pmiComponent,
      judgement: q.judgement,
    }));
}

/** The weight sets a run used (recorded with it by the computation; none for the registry's counts), with bases. */
async function weightSources(db: Db, runId: number) {
  const { rows } = await sql<{
    weights: unknown;
  }>`select weights from monitoring_runs where id = ${runId}`.execute(db);
  return weightSetsUsed(db, rows[0]?.weights);
}

/** A public series: a survey's index, or a region's registry statistics ('' national). */
export type SeriesKey = { kind: 'index'; surveyId: number } | { kind: 'registry'; regionCode: string };

const REGISTRY_NAMES = {
  zh: (region: string) => `${region === '' ? '全国' : regionFullName(region)}登记企业月度统计`,
  en: (region: string) =>
    `Registered enterprises by month${region === '' ? ', national' : `, ${regionFullNameEn(region)}`}`,
};

/** The published series: each survey with a published release, and each region's registry statistics. */
export async function publicSeriesList(db: Db) {
  const { rows } = await sql<{
    kind: 'index' | 'registry';
    survey_id: number | null;
    name_zh: string | null;
    name_en: string | null;
    region_code: string;
    frequency: string | null;
    period: string;
    value: string | null;
    releases: number;
  }>`
    select distinct on (rl.kind, rl.survey_id, rl.region_code) rl.kind, rl.survey_id, s.name_zh, s.name_en,
      rl.region_code, s.frequency, rl.period,
      case when f.withheld is null then trim_scale(f.value)::text end as value,
      (select count(distinct x.period)::int from monitoring_releases x where x.kind = rl.kind
        and coalesce(x.survey_id, 0) = coalesce(rl.survey_id, 0) and x.region_code = rl.region_code
        and x.state = 'scheduled' and x.publish_at <= now()) as releases
    from monitoring_releases rl left join monitoring_surveys s on s.id = rl.survey_id
    left join monitoring_figures f on f.run_id = rl.run_id
      and f.measure = case rl.kind when 'index' then 'overall' else 'enterprises' end
      and f.industry = '' and f.region_code = '' and f.size = ''
    where ${PUBLIC}
    order by rl.kind, rl.survey_id, rl.region_code, rl.period desc, rl.release_version desc`.execute(db);
  return {
    items: rows.map((r) => ({
      kind: r.kind,
      surveyId: r.survey_id === null ? null : Number(r.survey_id),
      nameZh: r.name_zh ?? REGISTRY_NAMES.zh(r.region_code),
      nameEn: r.name_en || (r.kind === 'registry' ? REGISTRY_NAMES.en(r.region_code) : (r.name_zh ?? '')),
      regionCode: r.region_code,
      frequency: r.frequency ?? 'monthly',
      latestPeriod: r.period,
      latestValue: r.kind === 'index' ? shownValue(r.value) : r.value,
      releases: r.releases,
    })),
  };
}

/** Each period's latest published release of a series (period order). */
function publishedReleases(series: SeriesKey) {
  const which =
    series.kind === 'index'
      ? sql`rl.kind = 'index' and rl.survey_id = ${series.surveyId}`
      : sql`rl.kind = 'registry' and rl.survey_id is null and rl.region_code = ${series.regionCode}`;
  return sql`(select distinct on (rl.period) rl.id, rl.period, rl.release_version, rl.run_id, rl.publish_at,
      rl.commentary_zh, rl.commentary_en, rl.correction_note
    from monitoring_releases rl
    where ${which} and ${PUBLIC}
    order by rl.period, rl.release_version desc)`;
}

/** A published series: one figure across periods, the latest release with its figures. */
export async function publicSeries(db: Db, series: SeriesKey, query: Static<typeof PublicSeriesQuery>) {
  let names: { surveyId: number | null; nameZh: string; nameEn: string; regionCode: string };
  if (series.kind === 'index') {
    const survey = await db
      .selectFrom('monitoring_surveys')
      .select(['id', 'name_zh', 'name_en', 'region_code'])
      .where('id', '=', series.surveyId)
      .executeTakeFirst();
    if (!survey) throw new AppError('NOT_FOUND');
    names = {
      surveyId: Number(survey.id),
      nameZh: survey.name_zh,
      nameEn: survey.name_en,
      regionCode: survey.region_code,
    };
  } else
    names = {
      surveyId: null,
      nameZh: REGISTRY_NAMES.zh(series.regionCode),
      nameEn: REGISTRY_NAMES.en(series.regionCode),
      regionCode: series.regionCode,
    };
  const counts = series.kind === 'registry';
  const headline = counts ? 'enterprises' : 'overall';
  const measure = query.measure ?? headline;
  // The public sees the index by one breakdown at a time (crossedGroup); the registry's counts are the register's own.
  const crossed = counts ? null : crossedGroup(query);
  if (crossed) throw crossedRefusal(crossed);
  const industry = query.industry ?? '';
  const region = query.regionCode ?? '';
  const size = query.size ?? '';
  const { rows: points } = await sql<{
    period: string;
    id: number;
    release_version: number;
    run_id: number;
    publish_at: Date;
    commentary_zh: string;
    commentary_en: string;
    correction_note: string | null;
    value: string | null;
    responses: number | null;
    withheld: WithheldReason | null;
  }>`
    select p.period, p.id, p.release_version, p.run_id, p.publish_at, p.commentary_zh, p.commentary_en,
      p.correction_note, trim_scale(f.value)::text as value, f.responses, f.withheld
    from ${publishedReleases(series)} p
    left join monitoring_figures f on f.run_id = p.run_id and f.measure = ${measure} and f.industry = ${industry}
      and f.region_code = ${region} and f.size = ${size}
    where ${query.from ?? ''} = '' or p.period >= ${query.from ?? ''}
    order by p.period`.execute(db);
  if (points.length === 0 && query.from === undefined) throw new AppError('NOT_FOUND');
  const last = points.at(-1);
  // Every published period's run, for the pickers: the points are all of them unless `from` cut some off.
  const allRuns =
    query.from === undefined
      ? points.map((p) => Number(p.run_id))
      : (
          await sql<{ run_id: number }>`select p.run_id from ${publishedReleases(series)} p`.execute(db)
        ).rows.map((r) => Number(r.run_id));
  // An index figure of too few responses is withheld from the public (disclosed); counts are the register's own.
  const show = <T extends { value: string | null; shown: string | null; withheld: WithheldReason | null }>(
    f: T,
  ) => (counts ? f : disclosed(f));
  // The measures the survey publishes are the all-enterprises group's; the latest figures are the group picked.
  const latestFigures = last ? (await groupFigures(db, Number(last.run_id), {}, counts)).map(show) : [];
  const group = { industry, regionCode: region, size };
  const pickedFigures =
    last && (industry !== '' || region !== '' || size !== '')
      ? (await groupFigures(db, Number(last.run_id), group, counts)).map(show)
      : latestFigures;
  return {
    kind: series.kind,
    ...names,
    measure,
    industry,
    region,
    size,
    points: points.map((p) => {
      const f = show(
        figureView(
          {
            measure,
            industry,
            region_code: region,
            size,
            value: p.value,
            responses: p.responses ?? 0,
            withheld: p.withheld,
          },
          counts,
        ),
      );
      return {
        period: p.period,
        value: f.value,
        shown: f.shown,
        withheld: f.withheld,
        releaseId: Number(p.id),
        releaseVersion: p.release_version,
      };
    }),
    latest: last
      ? {
          releaseId: Number(last.id),
          period: last.period,
          publishAt: last.publish_at,
          commentaryZh: last.commentary_zh,
          commentaryEn: last.commentary_en,
          correctionNote: last.correction_note,
          releaseVersion: last.release_version,
          figures: pickedFigures.filter((f) => !f.measure.startsWith('q:')),
          weights: await weightSources(db, Number(last.run_id)),
          ...(await responseRateOf(db, Number(last.run_id))),
        }
      : null,
    measures: latestFigures.map((f) => f.measure),
    questions: last && !counts ? await runQuestions(db, Number(last.run_id)) : [],
    disclosureMin: DISCLOSURE_MIN,
    // Every group of any published period (a group may have figures in earlier months only).
    groups:
      allRuns.length > 0
        ? await runGroups(db, allRuns, headline)
        : { industries: [], regions: [], sizes: [] },
  };
}

async function publishedRelease(db: Db, id: number) {
  const { rows } = await sql<{
    id: number;
    kind: 'index' | 'registry';
    survey_id: number | null;
    name_zh: string | null;
    name_en: string | null;
    region_code: string;
    period: string;
    release_version: number;
    publish_at: Date;
    commentary_zh: string;
    commentary_en: string;
    correction_note: string | null;
    run_id: number;
  }>`
    select rl.id, rl.kind, rl.survey_id, s.name_zh, s.name_en, rl.region_code, rl.period, rl.release_version,
      rl.publish_at, rl.commentary_zh, rl.commentary_en, rl.correction_note, rl.run_id
    from monitoring_releases rl left join monitoring_surveys s on s.id = rl.survey_id
    where rl.id = ${id} and ${PUBLIC}`.execute(db);
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The published version that corrected a release: a later version of its period, public now; or null. */
async function supersedingRelease(
  db: Db,
  r: Pick<ReleaseRow, 'kind' | 'survey_id' | 'region_code' | 'period' | 'release_version'>,
) {
  const { rows } = await sql<{ id: number; release_version: number }>`
    select rl.id, rl.release_version from monitoring_releases rl
    where rl.kind = ${r.kind} and coalesce(rl.survey_id, 0) = ${r.survey_id ?? 0} and rl.region_code = ${r.region_code}
      and rl.period = ${r.period} and rl.release_version > ${r.release_version} and ${PUBLIC}
    order by rl.release_version desc limit 1`.execute(db);
  const row = rows[0];
  return row ? { id: Number(row.id), releaseVersion: row.release_version } : null;
}

/**
 * One published release with its figures (all enterprises). A superseded version keeps its words, not its figures:
 * read side by side, two versions' withheld figures would give some back (a new user's trial).
 */
export async function publicRelease(db: Db, id: number) {
  const r = await publishedRelease(db, id);
  const supersededBy = await supersedingRelease(db, r);
  const head = {
    id: Number(r.id),
    kind: r.kind,
    surveyId: r.survey_id === null ? null : Number(r.survey_id),
    regionCode: r.region_code,
    nameZh: r.name_zh ?? REGISTRY_NAMES.zh(r.region_code),
    nameEn: r.name_en || (r.kind === 'registry' ? REGISTRY_NAMES.en(r.region_code) : (r.name_zh ?? '')),
    period: r.period,
    releaseVersion: r.release_version,
    publishAt: r.publish_at,
    commentaryZh: r.commentary_zh,
    commentaryEn: r.commentary_en,
    correctionNote: r.correction_note,
    runId: Number(r.run_id),
    disclosureMin: DISCLOSURE_MIN,
  };
  if (supersededBy)
    return {
      ...head,
      figures: [],
      weights: [],
      questions: [],
      members: null,
      responses: null,
      responseRate: null,
      supersededBy,
    };
  return {
    ...head,
    figures: (await groupFigures(db, Number(r.run_id), {}, r.kind === 'registry')).map((f) =>
      r.kind === 'registry' ? f : disclosed(f),
    ),
    weights: await weightSources(db, Number(r.run_id)),
    questions: r.kind === 'index' ? await runQuestions(db, Number(r.run_id)) : [],
    ...(await responseRateOf(db, Number(r.run_id))),
    supersededBy: null,
  };
}

/**
 * An index run's wave: its panel members, the responses the computation took and their share, told to the public
 * with the figures (how much of the panel a release stands on); null for the registry's counts.
 */
async function responseRateOf(db: Db, runId: number) {
  const { rows } = await sql<{ responses: number; members: number | null }>`
    select ru.responses, case when ru.wave_id is null then null else
      (select count(*)::int from monitoring_responses r where r.wave_id = ru.wave_id) end as members
    from monitoring_runs ru where ru.id = ${runId}`.execute(db);
  const row = rows[0];
  if (!row || row.members === null) return { members: null, responses: null, responseRate: null };
  return {
    members: row.members,
    responses: row.responses,
    responseRate: row.members > 0 ? row.responses / row.members : null,
  };
}

/** A published figure's trace (the release must be public). */
export async function publicTrace(db: Db, id: number, input: TraceInput, lang: 'zh' | 'en') {
  const r = await publishedRelease(db, id);
  const supersededBy = await supersedingRelease(db, r);
  if (supersededBy)
    throw new AppError('NOT_FOUND', [], {
      zh: `该版本已被第${supersededBy.releaseVersion}版更正，请查看最新版本（发布号 ${supersededBy.id}）`,
      en: `this version was corrected by version ${supersededBy.releaseVersion}: read the current one (release ${supersededBy.id})`,
    });
  return traceFigure(db, Number(r.run_id), input, lang, true);
}

export const REGISTRY_MEASURE_NAMES: Record<string, { zh: string; en: string }> = {
  enterprises: { zh: '存续企业数', en: 'Active enterprises' },
  entries: { zh: '新设企业数', en: 'Entries (established)' },
  exits: { zh: '退出企业数', en: 'Exits' },
  registered: { zh: '新入库企业数', en: 'New in the registry' },
};

/** A measure's name for a reader: the index, the PMI, a sub-index, a question (its text), or a registry count. */
export async function measureName(
  db: Db,
  series: SeriesKey,
  measure: string,
  lang: 'zh' | 'en',
): Promise<string> {
  if (series.kind === 'registry') return REGISTRY_MEASURE_NAMES[measure]?.[lang] ?? measure;
  if (measure === 'overall') return lang === 'zh' ? '中小企业发展指数' : 'SME development index';
  if (measure === 'pmi') return lang === 'zh' ? 'PMI式综合指数' : 'PMI-style composite';
  if (measure.startsWith('sub:')) return monitoringTermName(SMEDI_SUB_INDICES, measure.slice(4))[lang];
  // The version that asked it (the latest that has the code), not the current one: a question may have been dropped.
  const question = measure.startsWith('q:')
    ? await findQuestionWording(db, series.surveyId, measure.slice(2))
    : undefined;
  return question ? (lang === 'zh' ? question.textZh : question.textEn || question.textZh) : measure;
}
