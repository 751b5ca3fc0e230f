/**
 * Survey design (issue 16): a statistician writes a survey's questions (typed answers, each index question's
 * sub-index, direction and weight), checked before anything is stored; a change to a version a wave has used makes
 * the next version, so every wave keeps the questions it asked. The dated weights of the sub-indices and industries
 * (public, each with its basis and whether it is verified). Audited.
 */

import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { Static } from 'typebox';
import { SMEDI_INDUSTRIES, SMEDI_SUB_INDICES } from '../../../reference/monitoring.ts';
import type {
  SurveyBody,
  SurveyListQuery,
  SurveyUpdateBody,
  WeightsBody,
} from '../../../shared/api/monitoring.ts';
import type { Database } from '../../db/schema.ts';
import { type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { audit } from './monitoring.audit.ts';
import {
  type Db,
  inSurveyScope,
  loadSurvey,
  questionsOf,
  regionFor,
  type SurveyRow,
  surveyPrefix,
  weightRows,
} from './monitoring.repository.ts';
import { checkQuestions, checkWeightSet, type Question } from './monitoring.rules.ts';

const CODE = /^[a-z][a-z0-9_-]{1,39}$/;

function checkedQuestions(drafts: Static<typeof SurveyBody>['questions']): Question[] {
  const { questions, errors } = checkQuestions(drafts);
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', errors);
  return questions;
}

async function insertQuestions(
  trx: Transaction<Database>,
  surveyId: number,
  version: number,
  questions: Question[],
) {
  await trx
    .insertInto('monitoring_questions')
    .values(
      questions.map((q) => ({
        survey_id: surveyId,
        survey_version: version,
        code: q.code,
        position: q.position,
        text_zh: q.textZh,
        text_en: q.textEn,
        help_zh: q.helpZh,
        kind: q.kind,
        required: q.required,
        sub_index: q.subIndex,
        direction: q.direction,
        weight: q.weight,
        pmi_component: q.pmiComponent,
        judgement: q.judgement,
        unit: q.unit,
        min_value: q.min,
        max_value: q.max,
        decimals: q.decimals,
        choices: q.choices === null ? null : JSON.stringify(q.choices),
        registry_figure: q.registryFigure,
      })),
    )
    .execute();
}

/** The surveys the official manages (their region's and below; admins: all), newest change first. */
export async function listSurveys(
  db: Kysely<Database>,
  caller: Caller,
  query: Static<typeof SurveyListQuery>,
) {
  const actor = requireActor(caller);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const prefix = actor.role === 'admin' ? null : (actor.regionPrefix ?? '\u0000');
  const q = query.q?.trim() ?? '';
  const where = sql`${prefix === null ? sql`true` : sql`s.region_code like ${`${prefix}%`} and s.region_code <> ''`}
    ${q === '' ? sql`` : sql`and (s.name_zh ilike ${`%${q}%`} or s.code ilike ${`%${q}%`} or s.name_en ilike ${`%${q}%`})`}`;
  const { rows } = await sql<SurveySummaryRow & { total: number }>`
    select s.id, s.code, s.name_zh, s.name_en, s.region_code, s.frequency, s.weighting, s.current_version,
      s.updated_at, count(*) over ()::int as total,
      (select count(*)::int from monitoring_panel_members m where m.survey_id = s.id and m.state = 'active')
        as panel_active,
      (select count(*)::int from monitoring_waves w where w.survey_id = s.id) as waves,
      (select json_build_object('id', w.id, 'period', w.period, 'state', w.state,
        'opensOn', to_char(w.opens_on, 'YYYY-MM-DD')) from monitoring_waves w
        where w.survey_id = s.id order by w.period desc limit 1) as latest_wave
    from monitoring_surveys s where ${where}
    order by s.updated_at desc, s.id desc
    limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(db);
  return { items: rows.map(summaryOf), total: rows[0]?.total ?? 0, page, pageSize };
}

interface SurveySummaryRow {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  region_code: string;
  frequency: 'monthly' | 'quarterly';
  weighting: 'design' | 'design_revenue';
  current_version: number;
  updated_at: Date;
  panel_active: number;
  waves: number;
  latest_wave: { id: number; period: string; state: 'open' | 'closed'; opensOn: string } | null;
}

function summaryOf(r: SurveySummaryRow) {
  return {
    id: Number(r.id),
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    regionCode: r.region_code,
    frequency: r.frequency,
    weighting: r.weighting,
    currentVersion: r.current_version,
    panelActive: r.panel_active,
    waves: r.waves,
    latestWave: r.latest_wave === null ? null : { ...r.latest_wave, id: Number(r.latest_wave.id) },
    updatedAt: r.updated_at,
  };
}

/** One survey with its current questions and versions. */
export async function getSurvey(db: Db, caller: Caller, id: number) {
  const actor = requireActor(caller);
  const survey = await loadSurvey(db, actor, id);
  return surveyView(db, survey, inSurveyScope(actor, survey.region_code));
}

async function surveyView(db: Db, survey: SurveyRow, canEdit: boolean) {
  const [questions, versions, counts] = await Promise.all([
    questionsOf(db, survey.id, survey.current_version),
    sql<{ version: number; note: string; frozen: boolean; created_at: Date; questions: number }>`
      select v.version, v.note, v.frozen_at is not null as frozen, v.created_at,
        (select count(*)::int from monitoring_questions q where q.survey_id = v.survey_id
          and q.survey_version = v.version) as questions
      from monitoring_survey_versions v where v.survey_id = ${survey.id} order by v.version desc`.execute(db),
    sql<Pick<SurveySummaryRow, 'panel_active' | 'waves' | 'latest_wave'>>`
      select (select count(*)::int from monitoring_panel_members m where m.survey_id = ${survey.id}
          and m.state = 'active') as panel_active,
        (select count(*)::int from monitoring_waves w where w.survey_id = ${survey.id}) as waves,
        (select json_build_object('id', w.id, 'period', w.period, 'state', w.state,
        'opensOn', to_char(w.opens_on, 'YYYY-MM-DD')) from monitoring_waves w
          where w.survey_id = ${survey.id} order by w.period desc limit 1) as latest_wave`.execute(db),
  ]);
  const c = counts.rows[0] as Pick<SurveySummaryRow, 'panel_active' | 'waves' | 'latest_wave'>;
  const current = versions.rows.find((v) => v.version === survey.current_version);
  return {
    ...summaryOf({ ...survey, ...c }),
    description: survey.description,
    version: survey.version,
    frozen: current?.frozen ?? false,
    questions,
    versions: versions.rows.map((v) => ({
      version: v.version,
      note: v.note,
      frozen: v.frozen,
      createdAt: v.created_at,
      questions: v.questions,
    })),
    canEdit,
  };
}

/** Creates a survey with its first version (codes unique within the region). */
export async function createSurvey(db: Kysely<Database>, caller: Caller, body: Static<typeof SurveyBody>) {
  const actor = requireActor(caller);
  const regionCode = regionFor(actor, body.regionCode, {
    zh: '全国性调查由管理员创建',
    en: 'a national survey is an admin’s',
  });
  const code = body.code.trim();
  if (!CODE.test(code))
    throw AppError.field('code', {
      zh: '编码以小写字母开头，只含小写字母、数字、下划线和连字符（2–40个字符）',
      en: 'starts with a lower-case letter; lower-case letters, digits, _ and - (2–40)',
    });
  const questions = checkedQuestions(body.questions);
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('monitoring_surveys')
      .select('id')
      .where('region_code', '=', regionCode)
      .where('code', '=', code)
      .executeTakeFirst();
    if (taken)
      throw new AppError('ALREADY_EXISTS', [
        {
          field: 'code',
          message: { zh: '本地区已有此编码的调查', en: 'the region has a survey of this code' },
        },
      ]);
    const { id } = await trx
      .insertInto('monitoring_surveys')
      .values({
        region_code: regionCode,
        code,
        name_zh: body.nameZh.trim(),
        name_en: body.nameEn?.trim() ?? '',
        description: body.description?.trim() ?? '',
        frequency: body.frequency,
        weighting: body.weighting ?? 'design',
        created_by: actor.userId,
        updated_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('monitoring_survey_versions')
      .values({ survey_id: id, version: 1, note: body.note?.trim() ?? '', created_by: actor.userId })
      .execute();
    await insertQuestions(trx, id, 1, questions);
    await audit(
      trx,
      caller,
      actor,
      'survey_created',
      { type: 'monitoring_survey', id },
      {
        code,
        regionCode,
        questions: questions.length,
      },
    );
    const survey = await loadSurvey(trx, actor, id);
    return surveyView(trx, survey, true);
  });
}

/**
 * Changes a survey's names and questions. The current version's questions are replaced while no wave has used it;
 * once one has (frozen), the change makes the next version. The row's version guards against a stale form.
 */
export async function updateSurvey(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
  body: Static<typeof SurveyUpdateBody>,
) {
  const actor = requireActor(caller);
  const questions = checkedQuestions(body.questions);
  return db.transaction().execute(async (trx) => {
    const survey = await loadSurvey(trx, actor, id, true);
    if (survey.version !== body.version) throw new AppError('CONFLICT');
    const current = await trx
      .selectFrom('monitoring_survey_versions')
      .select(['version', 'frozen_at'])
      .where('survey_id', '=', id)
      .where('version', '=', survey.current_version)
      .executeTakeFirstOrThrow();
    let version = survey.current_version;
    if (current.frozen_at !== null) {
      version += 1;
      await trx
        .insertInto('monitoring_survey_versions')
        .values({ survey_id: id, version, note: body.note?.trim() ?? '', created_by: actor.userId })
        .execute();
    } else {
      await trx
        .deleteFrom('monitoring_questions')
        .where('survey_id', '=', id)
        .where('survey_version', '=', version)
        .execute();
      if (body.note !== undefined)
        await trx
          .updateTable('monitoring_survey_versions')
          .set({ note: body.note.trim() })
          .where('survey_id', '=', id)
          .where('version', '=', version)
          .execute();
    }
    await insertQuestions(trx, id, version, questions);
    await trx
      .updateTable('monitoring_surveys')
      .set({
        name_zh: body.nameZh.trim(),
        name_en: body.nameEn?.trim() ?? '',
        description: body.description?.trim() ?? survey.description,
        frequency: body.frequency,
        weighting: body.weighting ?? survey.weighting,
        current_version: version,
        version: survey.version + 1,
        updated_by: actor.userId,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await audit(
      trx,
      caller,
      actor,
      'survey_changed',
      { type: 'monitoring_survey', id },
      {
        version,
        newVersion: version !== survey.current_version,
        questions: questions.length,
      },
    );
    return surveyView(trx, await loadSurvey(trx, actor, id), true);
  });
}

/** A version's questions (kept as every wave that used it asked them). */
export async function surveyVersion(db: Db, caller: Caller, id: number, version: number) {
  const actor = requireActor(caller);
  await loadSurvey(db, actor, id);
  const row = await db
    .selectFrom('monitoring_survey_versions')
    .select(['version', 'note', 'frozen_at'])
    .where('survey_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return {
    version: row.version,
    note: row.note,
    frozen: row.frozen_at !== null,
    questions: await questionsOf(db, id, version),
  };
}

// ---- weights ----

/** Every dated weight (public): the defaults and every set an official or admin entered. */
export async function listWeights(db: Db) {
  return { items: await weightRows(db) };
}

/**
 * Stores a set of weights of one kind for a region ('' national: admins) from a date: every code of the kind, summing
 * to exactly 1. A set of the same region and date is replaced whole.
 */
export async function putWeights(db: Kysely<Database>, caller: Caller, body: Static<typeof WeightsBody>) {
  const actor = requireActor(caller);
  const regionCode = regionFor(actor, body.regionCode, {
    zh: '全国默认权重由管理员设定；请填写本地区代码',
    en: 'the national weights are an admin’s; give your region’s code',
  });
  if (new Date(`${body.effectiveFrom}T00:00:00Z`).toISOString().slice(0, 10) !== body.effectiveFrom)
    throw AppError.field('effectiveFrom', { zh: '不是有效日期', en: 'is not a date' });
  const codes =
    body.kind === 'sub_index' ? SMEDI_SUB_INDICES.map((s) => s.code) : SMEDI_INDUSTRIES.map((i) => i.code);
  const errors = checkWeightSet(body.items, codes);
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', errors);
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom('monitoring_weights')
      .where('kind', '=', body.kind)
      .where('region_code', '=', regionCode)
      .where('effective_from', '=', body.effectiveFrom)
      .execute();
    await trx
      .insertInto('monitoring_weights')
      .values(
        body.items.map((item) => ({
          kind: body.kind,
          code: item.code,
          region_code: regionCode,
          effective_from: body.effectiveFrom,
          weight: item.weight,
          basis: body.basis.trim(),
          verified: body.verified,
          updated_by: actor.userId,
        })),
      )
      .execute();
    await audit(
      trx,
      caller,
      actor,
      'weights_set',
      { type: 'monitoring_weights', id: `${body.kind}:${regionCode}` },
      {
        kind: body.kind,
        regionCode,
        effectiveFrom: body.effectiveFrom,
        weights: Object.fromEntries(body.items.map((i) => [i.code, i.weight])),
      },
    );
  });
  return listWeights(db);
}

export { surveyPrefix };
