/**
 * A survey's waves (issue 16): opened for a period with a deadline (the version used is frozen, every active panel
 * member gets the questionnaire in its inbox), followed live by stratum, closed; the responses with their
 * data-quality flags, each accepted or sent back to the enterprise with a question; reminders before the deadline
 * (the daily `monitoring-due` run, which also closes waves whose grace has run out).
 */
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { FlagDecisionBody, ResponseListQuery, WaveBody } from '../../../shared/api/monitoring.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { dueWindow, JOB_KINDS, type JobHandler, queueDailyJob, recordDueRun } from '../jobs/index.ts';
import { notify } from '../notifications/index.ts';
import { enterpriseFactsSql } from '../registry/index.ts';
import { audit } from './monitoring.audit.ts';
import { createResponses } from './monitoring.panel.ts';
import {
  answersOf,
  type Db,
  findWave,
  loadSurvey,
  loadWave,
  questionsOf,
  type WaveRow,
} from './monitoring.repository.ts';
import { LOW_RESPONSE_RATE, lastAnswerDay, opensInPeriod, periodFits, periodOf } from './monitoring.rules.ts';

/** Days before the deadline a member that has not submitted is reminded (Huiqi's rule). */
export const REMINDER_DAYS = 3;

export const surveyLink = (waveId: number) => `/app/my/surveys/${waveId}`;

/** The officials' page of a response (the wave's responses tab with the response open). */
export const responseLink = (surveyId: number, waveId: number, enterpriseId: number) =>
  `/app/monitoring/surveys/${surveyId}/waves/${waveId}?tab=responses&response=${enterpriseId}`;

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A day as a notice words it in each language ('2026-12-07' → 2026年12月7日 / Dec 7, 2026): a notice is stored as
 * text in both languages and shown as written, so its dates are written for each reader here, as the web writes
 * dates (src/web/lib/format.ts formatDate).
 */
export function noticeDay(day: string): { zh: string; en: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return { zh: day, en: day };
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return { zh: `${year}年${month}月${date}日`, en: `${MONTHS_EN[month - 1]} ${date}, ${year}` };
}

/**
 * A wave's period as a notice words it ('2026-12' → 2026年12月 / Dec 2026; '2026-Q4' → 2026年第4季度 / 2026 Q4), as
 * the web names periods (src/web/pages/monitoring/monitoringModel.ts formatPeriod).
 */
export function noticePeriod(period: string): { zh: string; en: string } {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return { zh: `${quarter[1]}年第${quarter[2]}季度`, en: `${quarter[1]} Q${quarter[2]}` };
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (!month) return { zh: period, en: period };
  const m = Number(month[2]);
  return { zh: `${month[1]}年${m}月`, en: `${MONTHS_EN[m - 1]} ${month[1]}` };
}

function validDate(text: string, field: string) {
  if (new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text)
    throw AppError.field(field, { zh: '不是有效日期', en: 'is not a date' });
}

/**
 * Notices to many enterprises (a wave's whole panel) written a few thousand at a time: one statement's parameters
 * are limited (65,535 on PostgreSQL), and a notice takes eight.
 */
async function notifyInChunks(
  trx: Transaction<Database>,
  notes: Parameters<typeof notify>[1],
): Promise<void> {
  for (let i = 0; i < notes.length; i += 5000) await notify(trx, notes.slice(i, i + 5000));
}

/** Opens a wave: checks the period and dates, freezes the version, gives every active member its questionnaire. */
export async function openWave(
  db: Kysely<Database>,
  caller: Caller,
  surveyId: number,
  body: Static<typeof WaveBody>,
) {
  const actor = requireActor(caller);
  const today = todayInChina();
  validDate(body.opensOn, 'opensOn');
  validDate(body.closesOn, 'closesOn');
  const waveId = await db.transaction().execute(async (trx) => {
    const survey = await loadSurvey(trx, actor, surveyId, true);
    const errors = waveDateErrors(body, survey.frequency, today);
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', errors);
    const taken = await trx
      .selectFrom('monitoring_waves')
      .select('id')
      .where('survey_id', '=', surveyId)
      .where('period', '=', body.period)
      .executeTakeFirst();
    if (taken)
      throw new AppError('ALREADY_EXISTS', [
        { field: 'period', message: { zh: '该期调查已发起', en: 'this period has a wave' } },
      ]);
    const members = await trx
      .selectFrom('monitoring_panel_members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('survey_id', '=', surveyId)
      .where('state', '=', 'active')
      .executeTakeFirstOrThrow();
    if (Number(members.n) === 0)
      throw AppError.field('period', {
        zh: '本调查还没有样本企业：请先抽取样本',
        en: 'the survey has no panel yet: draw one first',
      });
    const { id } = await trx
      .insertInto('monitoring_waves')
      .values({
        survey_id: surveyId,
        survey_version: survey.current_version,
        period: body.period,
        opens_on: body.opensOn,
        closes_on: body.closesOn,
        grace_days: body.graceDays ?? 0,
        state: 'open',
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('monitoring_survey_versions')
      .set({ frozen_at: new Date() })
      .where('survey_id', '=', surveyId)
      .where('version', '=', survey.current_version)
      .where('frozen_at', 'is', null)
      .execute();
    const given = await createResponses(trx, survey, Number(id));
    await trx.updateTable('monitoring_waves').set({ members: given.length }).where('id', '=', id).execute();
    // A wave opening on a later day tells its members on that day (the daily run), not before they can answer.
    if (body.opensOn <= today)
      await tellMembers(
        trx,
        {
          id: Number(id),
          period: body.period,
          opens_on: body.opensOn,
          closes_on: body.closesOn,
          name_zh: survey.name_zh,
          name_en: survey.name_en,
        },
        given,
      );
    await audit(
      trx,
      caller,
      actor,
      'wave_opened',
      { type: 'monitoring_wave', id: Number(id) },
      {
        surveyId,
        period: body.period,
        version: survey.current_version,
        members: given.length,
        closesOn: body.closesOn,
      },
    );
    return Number(id);
  });
  return waveView(db, caller, waveId);
}

/** The next period ('2026-12' → '2027-01', '2026-Q4' → '2027-Q1'). */
function nextPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  if (period[5] === 'Q') {
    const q = Number(period.slice(6));
    return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
  }
  const month = Number(period.slice(5, 7));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/**
 * What is wrong with a new wave's period and days (Huiqi's rule, docs/reference/monitoring.md §12): the deadline not
 * before the first day and not past; the period in the survey's form; last period, this one or the next — never one
 * further ahead; the first day in the wave's period or the one after it (opensInPeriod), and not after the next
 * period. A period ahead and the days are told together; whether a period fits its first day, once the days hold.
 */
export function waveDateErrors(
  body: Pick<Static<typeof WaveBody>, 'period' | 'opensOn' | 'closesOn'>,
  frequency: 'monthly' | 'quarterly',
  today: string,
): { field: string; message: { zh: string; en: string } }[] {
  const current = periodOf(today, frequency);
  const next = nextPeriod(current);
  const days: { field: string; message: { zh: string; en: string } }[] = [];
  const ahead = periodFits(body.period, frequency) && body.period > next;
  if (ahead)
    days.push({
      field: 'period',
      message: {
        zh: `只能发起上期、本期或下一期（最晚 ${next}）的调查`,
        en: `a wave is opened for last period, this one or the next (${next} at the latest)`,
      },
    });
  else if (periodOf(body.opensOn, frequency) > next)
    days.push({
      field: 'opensOn',
      message: {
        zh: `开始日期最晚在下一期（${next}）内`,
        en: `must be in the next period (${next}) at the latest`,
      },
    });
  if (body.closesOn < body.opensOn)
    days.push({
      field: 'closesOn',
      message: { zh: '截止日期早于开始日期', en: 'is before the opening day' },
    });
  else if (body.closesOn < today)
    days.push({ field: 'closesOn', message: { zh: '截止日期已过', en: 'has passed' } });
  if (days.length > 0) return days;
  const period = (zh: string, en: string) => [{ field: 'period', message: { zh, en } }];
  if (!periodFits(body.period, frequency))
    return frequency === 'monthly'
      ? period('月度调查的期次形如 2026-11', 'a monthly survey’s period is like 2026-11')
      : period('季度调查的期次形如 2026-Q4', 'a quarterly survey’s period is like 2026-Q4');
  if (!opensInPeriod(body.period, body.opensOn, frequency))
    return period(
      `期次 ${body.period} 与开始日期 ${body.opensOn} 不符：调查只能在该期内或下一期开始`,
      `period ${body.period} does not fit the opening day ${body.opensOn}: a wave opens in its period or the next`,
    );
  return [];
}

/** Gives a wave's members their questionnaire's notice: what to answer, from when and by when. */
async function tellMembers(
  trx: Transaction<Database>,
  wave: {
    id: number;
    period: string;
    opens_on: string;
    closes_on: string;
    name_zh: string;
    name_en: string;
  },
  enterpriseIds: readonly number[],
): Promise<void> {
  const [period, opens, closes] = [
    noticePeriod(wave.period),
    noticeDay(wave.opens_on),
    noticeDay(wave.closes_on),
  ];
  await notifyInChunks(
    trx,
    enterpriseIds.map((enterpriseId) => ({
      enterpriseId,
      kind: 'monitoring' as const,
      link: surveyLink(wave.id),
      title: {
        zh: `请填写${wave.name_zh}（${period.zh}），${opens.zh}起填报，截止${closes.zh}`,
        en: `Please answer ${wave.name_en || wave.name_zh} (${period.en}) from ${opens.en} by ${closes.en}`,
      },
    })),
  );
}

interface CountsRow {
  pending: number;
  draft: number;
  submitted: number;
  accepted: number;
  returned: number;
}

/** A wave with its counts, response rate (submitted or accepted of all) and progress by stratum. */
export async function waveView(db: Db, caller: Caller, waveId: number, withStrata = true) {
  const actor = requireActor(caller);
  const wave = await loadWave(db, actor, waveId);
  return waveOf(db, wave, withStrata);
}

async function waveOf(db: Db, wave: WaveRow, withStrata: boolean) {
  const count = (state: string) => sql<number>`count(*) filter (where state = ${state})::int`;
  const strata = await sql<
    CountsRow & { industry: string; region_code: string; size: string; members: number }
  >`
    select industry, region_code, size, count(*)::int as members, ${count('pending')} as pending,
      ${count('draft')} as draft, ${count('submitted')} as submitted, ${count('accepted')} as accepted,
      ${count('returned')} as returned
    from monitoring_responses where wave_id = ${wave.id} group by 1, 2, 3 order by 1, 2, 3`.execute(db);
  const flags = await sql<{ n: number }>`select count(*)::int as n from monitoring_flags
    where wave_id = ${wave.id} and state = 'open'`.execute(db);
  const run = await db
    .selectFrom('monitoring_runs')
    .select(['id', 'computed_at', 'responses'])
    .where('wave_id', '=', wave.id)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const totals: CountsRow = { pending: 0, draft: 0, submitted: 0, accepted: 0, returned: 0 };
  let members = 0;
  for (const s of strata.rows) {
    members += s.members;
    for (const k of Object.keys(totals) as (keyof CountsRow)[]) totals[k] += s[k];
  }
  const rate = (done: number, of: number) => (of === 0 ? 0 : Math.round((done / of) * 10000) / 10000);
  return {
    id: Number(wave.id),
    surveyId: Number(wave.survey_id),
    surveyName: wave.name_zh,
    surveyNameEn: wave.name_en,
    surveyVersion: wave.survey_version,
    regionCode: wave.region_code,
    period: wave.period,
    opensOn: wave.opens_on,
    closesOn: wave.closes_on,
    graceDays: wave.grace_days,
    state: wave.state,
    members,
    counts: { ...totals, openFlags: flags.rows[0]?.n ?? 0 },
    responseRate: rate(totals.submitted + totals.accepted, members),
    lowResponseRate: LOW_RESPONSE_RATE,
    byStratum: withStrata
      ? strata.rows.map((s) => ({
          industry: s.industry,
          regionCode: s.region_code,
          size: s.size,
          members: s.members,
          submitted: s.submitted,
          accepted: s.accepted,
          returned: s.returned,
          draft: s.draft,
          rate: rate(s.submitted + s.accepted, s.members),
        }))
      : [],
    latestRun: run ? { id: Number(run.id), computedAt: run.computed_at, responses: run.responses } : null,
  };
}

/** A survey's waves, latest period first. */
export async function listWaves(db: Db, caller: Caller, surveyId: number) {
  const actor = requireActor(caller);
  await loadSurvey(db, actor, surveyId);
  const ids = await db
    .selectFrom('monitoring_waves')
    .select('id')
    .where('survey_id', '=', surveyId)
    .orderBy('period', 'desc')
    .execute();
  const items = [];
  for (const { id } of ids) {
    const { byStratum: _, ...rest } = await waveOf(db, await findWave(db, Number(id)), false);
    items.push(rest);
  }
  return { items };
}

/** Closes a wave: no more answers (the daily run closes one whose grace has run out). */
export async function closeWave(db: Kysely<Database>, caller: Caller, waveId: number) {
  const actor = requireActor(caller);
  await db.transaction().execute(async (trx) => {
    const wave = await loadWave(trx, actor, waveId, true);
    if (wave.state === 'closed') throw new AppError('CONFLICT');
    await trx
      .updateTable('monitoring_waves')
      .set({ state: 'closed', closed_at: new Date() })
      .where('id', '=', waveId)
      .execute();
    await audit(
      trx,
      caller,
      actor,
      'wave_closed',
      { type: 'monitoring_wave', id: waveId },
      { period: wave.period },
    );
  });
  return waveView(db, caller, waveId);
}

interface ResponseRow {
  enterprise_id: number;
  uscc: string;
  name: string;
  industry: string;
  region_code: string;
  size: string;
  weight: string;
  state: 'pending' | 'draft' | 'submitted' | 'accepted' | 'returned';
  submitted_at: Date | null;
  open_flags: string[];
  version: number;
  returned_question: string | null;
}

function responseSelect(waveId: number, where: RawBuilder<unknown>) {
  return sql<ResponseRow & { total: number }>`
    select r.enterprise_id, e.uscc, e.name, r.industry, r.region_code, r.size, trim_scale(r.weight)::text as weight,
      r.state, r.submitted_at, r.version, r.returned_question,
      coalesce((select array_agg(distinct f.kind order by f.kind) from monitoring_flags f where f.wave_id = r.wave_id
        and f.enterprise_id = r.enterprise_id and f.state = 'open'), '{}') as open_flags,
      count(*) over ()::int as total
    from monitoring_responses r join ${enterpriseFactsSql.enterprises()} e on e.id = r.enterprise_id
    where r.wave_id = ${waveId} and ${where}`;
}

function responseRowView(r: ResponseRow) {
  return {
    enterpriseId: Number(r.enterprise_id),
    uscc: r.uscc,
    name: r.name,
    industry: r.industry,
    regionCode: r.region_code,
    size: r.size,
    weight: r.weight,
    state: r.state,
    submittedAt: r.submitted_at,
    openFlags: r.open_flags as never[],
    version: r.version,
  };
}

/** A wave's responses, filtered by state, flag and name, paged. */
export async function responsesPage(
  db: Db,
  caller: Caller,
  waveId: number,
  query: Static<typeof ResponseListQuery>,
) {
  const actor = requireActor(caller);
  await loadWave(db, actor, waveId);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const conditions: RawBuilder<unknown>[] = [sql`true`];
  if (query.state) conditions.push(sql`r.state = ${query.state}`);
  if (query.flag)
    conditions.push(sql`exists (select 1 from monitoring_flags f where f.wave_id = r.wave_id
      and f.enterprise_id = r.enterprise_id and f.kind = ${query.flag})`);
  if (query.flagged)
    conditions.push(sql`exists (select 1 from monitoring_flags f where f.wave_id = r.wave_id
      and f.enterprise_id = r.enterprise_id and f.state = 'open')`);
  const q = query.q?.trim();
  if (q) conditions.push(sql`(e.name like ${`%${q}%`} or e.uscc = ${q.toUpperCase()})`);
  const { rows } = await sql<
    ResponseRow & { total: number }
  >`${responseSelect(waveId, sql.join(conditions, sql` and `))}
    order by r.submitted_at desc nulls last, e.name, r.enterprise_id
    limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
  return { items: rows.map(responseRowView), total: rows[0]?.total ?? 0, page, pageSize };
}

/** One response with its questions, answers, last wave's answers and flags. */
export async function responseDetail(db: Db, caller: Caller, waveId: number, enterpriseId: number) {
  const actor = requireActor(caller);
  const wave = await loadWave(db, actor, waveId);
  const { rows } = await responseSelect(waveId, sql`r.enterprise_id = ${enterpriseId}`).execute(db);
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  const [questions, answers, previous, flags] = await Promise.all([
    questionsOf(db, wave.survey_id, wave.survey_version),
    answersOf(db, waveId, enterpriseId),
    previousAnswers(db, wave, enterpriseId),
    db
      .selectFrom('monitoring_flags')
      .select(['id', 'kind', 'question_code', 'detail', 'state', 'note', 'decided_at', 'created_at'])
      .where('wave_id', '=', waveId)
      .where('enterprise_id', '=', enterpriseId)
      .orderBy('id')
      .execute(),
  ]);
  return {
    ...responseRowView(row),
    waveId,
    period: wave.period,
    returnedQuestion: row.returned_question,
    questions,
    answers,
    previous: previous.answers,
    flags: flags.map((f) => ({
      id: Number(f.id),
      kind: f.kind,
      questionCode: f.question_code,
      detail: f.detail,
      state: f.state,
      note: f.note,
      decidedAt: f.decided_at,
      createdAt: f.created_at,
    })),
  };
}

/** The enterprise's answers in the survey's latest earlier wave it answered, with that wave's period. */
export async function previousAnswers(
  db: Db,
  wave: Pick<WaveRow, 'survey_id' | 'period'>,
  enterpriseId: number,
) {
  const last = await db
    .selectFrom('monitoring_responses as r')
    .innerJoin('monitoring_waves as w', 'w.id', 'r.wave_id')
    .select(['w.id', 'w.period'])
    .where('w.survey_id', '=', wave.survey_id)
    .where('w.period', '<', wave.period)
    .where('r.enterprise_id', '=', enterpriseId)
    .where('r.state', 'in', ['submitted', 'accepted'])
    .orderBy('w.period', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return { period: null, answers: [] };
  return { period: last.period, answers: await answersOf(db, Number(last.id), enterpriseId) };
}

/**
 * The statistician's decision on a flag: accepted (with why), or the response sent back to the enterprise with the
 * question (the response returns to it, its inbox says so, and it answers again before the last answer day).
 */
export async function decideFlag(
  db: Kysely<Database>,
  caller: Caller,
  waveId: number,
  enterpriseId: number,
  flagId: number,
  body: Static<typeof FlagDecisionBody>,
) {
  const actor = requireActor(caller);
  await db.transaction().execute(async (trx) => {
    const wave = await loadWave(trx, actor, waveId);
    const response = await trx
      .selectFrom('monitoring_responses')
      .select(['state', 'version'])
      .where('wave_id', '=', waveId)
      .where('enterprise_id', '=', enterpriseId)
      .forUpdate()
      .executeTakeFirst();
    if (!response) throw new AppError('NOT_FOUND');
    if (response.version !== body.version) throw new AppError('CONFLICT');
    const flag = await trx
      .selectFrom('monitoring_flags')
      .select(['state', 'kind'])
      .where('enterprise_id', '=', enterpriseId)
      .where('id', '=', flagId)
      .where('wave_id', '=', waveId)
      .executeTakeFirst();
    if (!flag) throw new AppError('NOT_FOUND');
    if (flag.state !== 'open')
      throw AppError.field('decision', { zh: '该标记已处理', en: 'the flag has been decided' });
    if (response.state !== 'submitted')
      throw AppError.field('decision', {
        zh: '只能处理已提交问卷的标记',
        en: 'only a submitted questionnaire’s flags are decided',
      });
    const note = body.note.trim();
    const now = new Date();
    await trx
      .updateTable('monitoring_flags')
      .set({
        state: body.decision === 'accept' ? 'accepted' : 'returned',
        note,
        decided_by: actor.userId,
        decided_at: now,
      })
      .where('enterprise_id', '=', enterpriseId)
      .where('id', '=', flagId)
      .execute();
    if (body.decision === 'return') {
      if (wave.state !== 'open')
        throw AppError.field('decision', {
          zh: '本期调查已结束，不能退回企业',
          en: 'the wave is closed: nothing can be sent back',
        });
      await trx
        .updateTable('monitoring_responses')
        .set({
          state: 'returned',
          returned_question: note,
          reviewed_by: actor.userId,
          reviewed_at: now,
          version: response.version + 1,
        })
        .where('wave_id', '=', waveId)
        .where('enterprise_id', '=', enterpriseId)
        .execute();
      await notify(trx, [
        {
          enterpriseId,
          kind: 'monitoring',
          link: surveyLink(waveId),
          title: {
            zh: `${wave.name_zh}（${noticePeriod(wave.period).zh}）问卷被退回：${note.slice(0, 60)}`,
            en: `${wave.name_en || wave.name_zh} (${noticePeriod(wave.period).en}) was sent back: ${note.slice(0, 60)}`,
          },
        },
      ]);
    } else {
      const open = await trx
        .selectFrom('monitoring_flags')
        .select('id')
        .where('wave_id', '=', waveId)
        .where('enterprise_id', '=', enterpriseId)
        .where('state', '=', 'open')
        .executeTakeFirst();
      await trx
        .updateTable('monitoring_responses')
        .set({
          state: open ? 'submitted' : 'accepted',
          reviewed_by: actor.userId,
          reviewed_at: now,
          version: response.version + 1,
        })
        .where('wave_id', '=', waveId)
        .where('enterprise_id', '=', enterpriseId)
        .execute();
    }
    await audit(
      trx,
      caller,
      actor,
      body.decision === 'accept' ? 'flag_accepted' : 'flag_returned',
      { type: 'monitoring_wave', id: waveId },
      { enterpriseId, flagId, kind: flag.kind, note },
    );
  });
  return responseDetail(db, caller, waveId, enterpriseId);
}

/**
 * The daily run: tells the members of a wave opened ahead of its first day, on that day (every first day since the
 * last run, so a day the run missed is made up; a wave opened on or after its first day told them when it opened);
 * reminds every member that has not submitted, once per wave, when the deadline is at most REMINDER_DAYS away;
 * closes open waves whose last answer day (deadline + grace) has passed.
 */
export async function monitoringDue(db: Kysely<Database>, today: string) {
  return db.transaction().execute(async (trx) => {
    const { after } = await dueWindow(trx, MONITORING_DUE_JOB, today);
    const waves = await sql<WaveRow & { opens_on: string; opened_ahead: boolean }>`
      select w.id, w.survey_id, w.period, to_char(w.opens_on, 'YYYY-MM-DD') as opens_on,
        to_char(w.closes_on, 'YYYY-MM-DD') as closes_on, w.grace_days, s.name_zh, s.name_en,
        w.opens_on > (w.created_at at time zone 'Asia/Shanghai')::date as opened_ahead
      from monitoring_waves w join monitoring_surveys s on s.id = w.survey_id
      where w.state = 'open' order by w.id`.execute(trx);
    let reminded = 0;
    let closed = 0;
    let told = 0;
    for (const wave of waves.rows) {
      if (lastAnswerDay(wave.closes_on, wave.grace_days) < today) {
        await trx
          .updateTable('monitoring_waves')
          .set({ state: 'closed', closed_at: new Date() })
          .where('id', '=', wave.id)
          .execute();
        closed += 1;
        continue;
      }
      if (wave.opened_ahead && wave.opens_on <= today && (after === null || wave.opens_on > after)) {
        const members = await trx
          .selectFrom('monitoring_responses')
          .select('enterprise_id')
          .where('wave_id', '=', wave.id)
          .orderBy('enterprise_id')
          .execute();
        await tellMembers(
          trx,
          { ...wave, id: Number(wave.id) },
          members.map((m) => Number(m.enterprise_id)),
        );
        told += members.length;
      }
      const daysLeft = Math.round((Date.parse(wave.closes_on) - Date.parse(today)) / 86400000);
      if (daysLeft > REMINDER_DAYS || daysLeft < 0) continue;
      const { rows } = await sql<{ enterprise_id: number }>`
        update monitoring_responses set reminded_on = ${today}::date
        where wave_id = ${wave.id} and state in ('pending', 'draft', 'returned') and reminded_on is null
        returning enterprise_id`.execute(trx);
      await notifyInChunks(
        trx,
        rows.map((r) => ({
          enterpriseId: Number(r.enterprise_id),
          kind: 'monitoring' as const,
          link: surveyLink(Number(wave.id)),
          title: {
            zh: `提醒：${wave.name_zh}（${noticePeriod(wave.period).zh}）将于${noticeDay(wave.closes_on).zh}截止，请尽快填报`,
            en: `Reminder: ${wave.name_en || wave.name_zh} (${noticePeriod(wave.period).en}) closes on ${noticeDay(wave.closes_on).en}`,
          },
        })),
      );
      reminded += rows.length;
    }
    await recordDueRun(trx, MONITORING_DUE_JOB, today);
    return { reminded, closed, told };
  });
}

export const MONITORING_DUE_JOB = JOB_KINDS.monitoringDue;

/** Queues the day's `monitoring-due` run (once, whichever instance asks first). */
export async function queueDailyMonitoring(db: Kysely<Database>, day: string): Promise<void> {
  await queueDailyJob(db, MONITORING_DUE_JOB, day);
}

export function monitoringDueHandler(today: () => string): JobHandler {
  return async (db) => {
    await monitoringDue(db, today());
  };
}
