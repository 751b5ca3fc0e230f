/**
 * The enterprise's questionnaires (issue 16): the waves it is in, a questionnaire with its answers so far and last
 * wave's for reference, drafts saved, and the submission, checked against the questions (kinds, ranges) and the
 * deadline (with the wave's grace, flagged late), then the data-quality checks run and their flags stored; answers
 * submitted again after a send-back are announced to the officials who sent them back. An enterprise not in a
 * wave's panel has no questionnaire to answer (404).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { MyAnswersBody } from '../../../shared/api/monitoring.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Caller, requireActor, requireEnterprise } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { notifyUsers } from '../notifications/index.ts';
import { enterpriseFactsSql, latestSizeYear } from '../registry/index.ts';
import { audit } from './monitoring.audit.ts';
import { answersOf, type Db, findWave, questionsOf, type WaveRow } from './monitoring.repository.ts';
import { checkAnswers, lastAnswerDay, qualityFlags, type StoredAnswer } from './monitoring.rules.ts';
import { noticeDay, noticePeriod, previousAnswers, responseLink } from './monitoring.waves.ts';

interface MyRow {
  wave_id: number;
  name_zh: string;
  name_en: string;
  period: string;
  opens_on: string;
  closes_on: string;
  grace_days: number;
  state: 'pending' | 'draft' | 'submitted' | 'accepted' | 'returned';
  wave_state: 'open' | 'closed';
  submitted_at: Date | null;
  returned_question: string | null;
  version: number;
  /** The day in China the wave was closed (null while open). */
  closed_on: string | null;
}

function mySelect(enterpriseId: number) {
  return sql<MyRow>`
    select r.wave_id, s.name_zh, s.name_en, w.period, to_char(w.opens_on, 'YYYY-MM-DD') as opens_on,
      to_char(w.closes_on, 'YYYY-MM-DD') as closes_on, w.grace_days, r.state, w.state as wave_state, r.submitted_at,
      r.returned_question, r.version,
      to_char((w.closed_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as closed_on
    from monitoring_responses r join monitoring_waves w on w.id = r.wave_id
    join monitoring_surveys s on s.id = w.survey_id
    where r.enterprise_id = ${enterpriseId}`;
}

function rowView(r: MyRow) {
  return {
    waveId: Number(r.wave_id),
    surveyName: r.name_zh,
    surveyNameEn: r.name_en,
    period: r.period,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    state: r.state,
    waveState: r.wave_state,
    submittedAt: r.submitted_at,
    returnedQuestion: r.returned_question,
    closedEarlyOn:
      r.wave_state === 'closed' && closedDay(r) < lastAnswerDay(r.closes_on, r.grace_days)
        ? closedDay(r)
        : null,
  };
}

/** The enterprise's questionnaires, the latest deadline first. */
export async function mySurveys(db: Db, caller: Caller) {
  const enterpriseId = requireEnterprise(requireActor(caller));
  const { rows } =
    await sql<MyRow>`${mySelect(enterpriseId)} order by w.closes_on desc, r.wave_id desc`.execute(db);
  return { items: rows.map(rowView) };
}

async function myRow(db: Db, enterpriseId: number, waveId: number): Promise<MyRow> {
  const { rows } = await sql<MyRow>`${mySelect(enterpriseId)} and r.wave_id = ${waveId}`.execute(db);
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** Whether answers are taken: the wave is open, its first day has come and its deadline plus grace has not passed. */
function answersTaken(
  row: Pick<MyRow, 'wave_state' | 'opens_on' | 'closes_on' | 'grace_days'>,
  today: string,
): boolean {
  return (
    row.wave_state === 'open' &&
    today >= row.opens_on &&
    today <= lastAnswerDay(row.closes_on, row.grace_days)
  );
}

/** The day answers stopped being taken: the day an official closed the wave, else its last answer day. */
function closedDay(row: Pick<MyRow, 'closed_on' | 'closes_on' | 'grace_days'>): string {
  const last = lastAnswerDay(row.closes_on, row.grace_days);
  return row.closed_on !== null && row.closed_on < last ? row.closed_on : last;
}

/** One questionnaire: its questions, the enterprise's answers so far and its answers of the previous wave. */
export async function mySurvey(db: Db, caller: Caller, waveId: number) {
  const enterpriseId = requireEnterprise(requireActor(caller));
  const row = await myRow(db, enterpriseId, waveId);
  const wave = await findWave(db, waveId);
  const [questions, answers, previous] = await Promise.all([
    questionsOf(db, wave.survey_id, wave.survey_version),
    answersOf(db, waveId, enterpriseId),
    previousAnswers(db, wave, enterpriseId),
  ]);
  return {
    ...rowView(row),
    graceDays: row.grace_days,
    open: answersTaken(row, todayInChina()),
    questions,
    answers,
    previous: previous.answers,
    previousPeriod: previous.period,
    version: row.version,
  };
}

/**
 * Saves the answers as a draft, or submits them. Refused: after the last answer day or once the wave is closed,
 * a questionnaire already accepted, a draft over a submission (submit again instead), a stale form, an answer that
 * does not fit its question (each on `answers[i].<field>`). A submission runs the quality checks; a second one
 * while the first stands is flagged as a duplicate.
 */
export async function saveAnswers(
  db: Kysely<Database>,
  caller: Caller,
  waveId: number,
  body: Static<typeof MyAnswersBody>,
  submit: boolean,
) {
  const actor = requireActor(caller);
  const enterpriseId = requireEnterprise(actor);
  const today = todayInChina();
  await db.transaction().execute(async (trx) => {
    const response = await trx
      .selectFrom('monitoring_responses')
      .select(['state', 'version', 'submitted_at', 'reviewed_by'])
      .where('wave_id', '=', waveId)
      .where('enterprise_id', '=', enterpriseId)
      .forUpdate()
      .executeTakeFirst();
    if (!response) throw new AppError('NOT_FOUND');
    const row = await myRow(trx, enterpriseId, waveId);
    if (row.wave_state === 'open' && today < row.opens_on)
      throw AppError.field('answers', {
        zh: `本期调查自${row.opens_on}起填报`,
        en: `the wave opens for answers on ${row.opens_on}`,
      });
    if (!answersTaken(row, today)) {
      // A wave closed early closed on its day, not on its last answer day.
      const closedOn = closedDay(row);
      throw AppError.field('answers', {
        zh: `本期调查已于${noticeDay(closedOn).zh}截止，不再接收答卷`,
        en: `the wave closed on ${noticeDay(closedOn).en}; answers are no longer taken`,
      });
    }
    if (response.version !== body.version) throw new AppError('CONFLICT');
    if (response.state === 'accepted')
      throw AppError.field('answers', {
        zh: '问卷已审核通过，不能再修改',
        en: 'the questionnaire has been accepted',
      });
    if (!submit && response.state === 'submitted')
      throw AppError.field('answers', {
        zh: '问卷已提交；如需修改，请修改后重新提交',
        en: 'the questionnaire was submitted; to change it, submit again',
      });
    const wave = await findWave(trx, waveId);
    const questions = await questionsOf(trx, wave.survey_id, wave.survey_version);
    const { answers, errors } = checkAnswers(questions, body.answers);
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', errors);
    await trx
      .deleteFrom('monitoring_answers')
      .where('wave_id', '=', waveId)
      .where('enterprise_id', '=', enterpriseId)
      .execute();
    await storeAnswers(trx, waveId, enterpriseId, answers);
    const now = new Date();
    if (!submit) {
      await trx
        .updateTable('monitoring_responses')
        .set({
          state: response.state === 'returned' ? 'returned' : 'draft',
          saved_at: now,
          version: response.version + 1,
        })
        .where('wave_id', '=', waveId)
        .where('enterprise_id', '=', enterpriseId)
        .execute();
      return;
    }
    const flags = qualityFlags({
      questions,
      answers,
      previous: (await previousAnswers(trx, wave, enterpriseId)).answers.map(storedOf),
      registry: await registryFigures(trx, enterpriseId),
      day: today,
      closesOn: row.closes_on,
      // An answer corrected before the deadline replaces the earlier one; only a second submission after the
      // deadline (within the grace) is a duplicate to decide.
      earlierSubmission:
        response.state === 'submitted' && today > row.closes_on
          ? (response.submitted_at?.toISOString() ?? null)
          : null,
    });
    // A new submission replaces the flags still open on the old one; decided flags stay as the record.
    await trx
      .deleteFrom('monitoring_flags')
      .where('wave_id', '=', waveId)
      .where('enterprise_id', '=', enterpriseId)
      .where('state', '=', 'open')
      .execute();
    await storeFlags(trx, waveId, enterpriseId, flags);
    await trx
      .updateTable('monitoring_responses')
      .set((eb) => ({
        state: 'submitted',
        saved_at: now,
        submitted_at: now,
        submitted_by: actor.userId,
        submissions: eb('submissions', '+', 1),
        returned_question: null,
        version: response.version + 1,
      }))
      .where('wave_id', '=', waveId)
      .where('enterprise_id', '=', enterpriseId)
      .execute();
    if (response.state === 'returned')
      await tellOfResubmission(trx, {
        wave,
        enterpriseId,
        reviewedBy: response.reviewed_by,
        flags: flags.length,
      });
    await audit(
      trx,
      caller,
      actor,
      'response_submitted',
      { type: 'monitoring_wave', id: waveId },
      {
        enterpriseId,
        answers: answers.length,
        flags: flags.map((f) => f.kind),
      },
    );
  });
  return mySurvey(db, caller, waveId);
}

/** Writes a submission's answers (the checked ones, one row each). */
export async function storeAnswers(
  db: Db,
  waveId: number,
  enterpriseId: number,
  answers: readonly StoredAnswer[],
): Promise<void> {
  if (answers.length === 0) return;
  await db
    .insertInto('monitoring_answers')
    .values(
      answers.map((a) => ({
        wave_id: waveId,
        enterprise_id: enterpriseId,
        question_code: a.questionCode,
        level: a.level,
        number: a.number,
        choice: a.choice,
        text: a.text,
      })),
    )
    .execute();
}

/**
 * Writes the flags the quality checks raised on a submission: open, for a statistician to decide — or, when
 * `decided` is given (the demo's past months), accepted by that official at that time with the note.
 */
export async function storeFlags(
  db: Db,
  waveId: number,
  enterpriseId: number,
  flags: ReturnType<typeof qualityFlags>,
  decided: { by: number | null; at: Date; note: string } | null = null,
): Promise<void> {
  if (flags.length === 0) return;
  await db
    .insertInto('monitoring_flags')
    .values(
      flags.map((f) => ({
        enterprise_id: enterpriseId,
        wave_id: waveId,
        kind: f.kind,
        question_code: f.questionCode,
        detail: JSON.stringify(f.detail),
        state: decided ? ('accepted' as const) : ('open' as const),
        note: decided?.note ?? null,
        decided_by: decided?.by ?? null,
        decided_at: decided?.at ?? null,
      })),
    )
    .execute();
}

/**
 * Tells the officials who sent a questionnaire back (the one recorded on the response, and whoever sent back one of
 * its flags; the wave's maker when none is recorded) that the enterprise answered again, with a link to the
 * response: they decide its flags again.
 */
async function tellOfResubmission(
  trx: Transaction<Database>,
  {
    wave,
    enterpriseId,
    reviewedBy,
    flags,
  }: {
    wave: WaveRow;
    enterpriseId: number;
    reviewedBy: number | null;
    flags: number;
  },
): Promise<void> {
  const returners = await trx
    .selectFrom('monitoring_flags')
    .select('decided_by')
    .distinct()
    .where('wave_id', '=', Number(wave.id))
    .where('enterprise_id', '=', enterpriseId)
    .where('state', '=', 'returned')
    .where('decided_by', 'is not', null)
    .execute();
  const recipients = new Set<number>();
  if (reviewedBy !== null) recipients.add(Number(reviewedBy));
  for (const r of returners) if (r.decided_by !== null) recipients.add(Number(r.decided_by));
  if (recipients.size === 0) {
    const maker = await trx
      .selectFrom('monitoring_waves')
      .select('created_by')
      .where('id', '=', Number(wave.id))
      .executeTakeFirst();
    if (maker) recipients.add(Number(maker.created_by));
  }
  const { rows } = await sql<{ name: string }>`
    select e.name from ${enterpriseFactsSql.enterprises()} e where e.id = ${enterpriseId}`.execute(trx);
  const name = rows[0]?.name ?? String(enterpriseId);
  const period = noticePeriod(wave.period);
  const survey = { zh: wave.name_zh, en: wave.name_en || wave.name_zh };
  const flagged = {
    zh: flags > 0 ? `，仍有 ${flags} 条核查提示待处理` : '，未触发核查提示',
    en: flags > 0 ? `; ${flags} flag(s) to decide` : '; no flag raised',
  };
  await notifyUsers(
    trx,
    [...recipients].map((userId) => ({
      userId,
      kind: 'monitoring' as const,
      link: responseLink(Number(wave.survey_id), Number(wave.id), enterpriseId),
      title: {
        zh: `${name}已按退回意见重新提交${survey.zh}（${period.zh}）问卷，请复核${flagged.zh}`,
        en: `${name} answered ${survey.en} (${period.en}) again after it was sent back: please review it${flagged.en}`,
      },
    })),
  );
}

function storedOf(a: {
  questionCode: string;
  level: 'up' | 'same' | 'down' | null;
  number: string | null;
  choice: string | null;
  text: string | null;
}): StoredAnswer {
  return {
    questionCode: a.questionCode,
    level: a.level === null ? null : ({ up: 1, same: 0, down: -1 } as const)[a.level],
    number: a.number,
    choice: a.choice,
    text: a.text,
  };
}

/** The registry's latest figures the number questions are checked against. */
async function registryFigures(db: Db, enterpriseId: number) {
  const year = await latestSizeYear(db as Kysely<Database>);
  if (year === null) return {};
  const { rows } = await sql<{ employees: string | null; operating_revenue: string | null }>`
    select employees::text as employees, trim_scale(operating_revenue::numeric)::text as operating_revenue
    from ${enterpriseFactsSql.figures(year, (id) => sql<boolean>`${id} = ${enterpriseId}`)} f`.execute(db);
  return rows[0] ?? {};
}
