/**
 * The SQL of the monitoring module's reads shared by its services: a survey in scope, a version's questions, the
 * weights in force, a wave with its survey. Numbers that must stay exact (weights, answers, figures) are read as
 * text (`trim_scale(x)::text`).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { findRegion, regionScopePrefix } from '../../../reference/regions.ts';
import type { Localized } from '../../../shared/errors.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, assertInRegion } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import type { IndexWeights, Question } from './monitoring.rules.ts';

export type Db = Kysely<Database> | Transaction<Database>;

/** The region prefix a survey of this region covers ('' national). */
export function surveyPrefix(regionCode: string): string {
  return regionCode === '' ? '' : regionScopePrefix(regionCode);
}

/** Throws OUT_OF_SCOPE unless the actor manages surveys of this region (officials: their subtree; admins: all). */
export function assertSurveyScope(actor: Actor, regionCode: string): void {
  if (actor.role === 'admin') return;
  if (regionCode === '') throw new AppError('OUT_OF_SCOPE');
  assertInRegion(actor, regionCode);
}

/**
 * The region a survey, a set of weights or the registry's statistics are for: the one asked for (a six-digit code,
 * or '' national: admins only, `national` saying so), else the actor's own (an admin's: national); checked against
 * the actor's scope.
 */
export function regionFor(actor: Actor, asked: string | undefined, national: Localized): string {
  const regionCode = asked ?? (actor.role === 'admin' ? '' : (actor.regionCode ?? ''));
  if (regionCode !== '' && !findRegion(regionCode))
    throw AppError.field('regionCode', { zh: '不是行政区划代码', en: 'not a region code' });
  if (regionCode === '' && actor.role !== 'admin') throw AppError.field('regionCode', national);
  assertSurveyScope(actor, regionCode);
  return regionCode;
}

/** Whether the actor manages surveys of this region. */
export function inSurveyScope(actor: Actor, regionCode: string): boolean {
  try {
    assertSurveyScope(actor, regionCode);
    return true;
  } catch {
    return false;
  }
}

export interface SurveyRow {
  id: number;
  region_code: string;
  code: string;
  name_zh: string;
  name_en: string;
  description: string;
  frequency: 'monthly' | 'quarterly';
  weighting: 'design' | 'design_revenue';
  current_version: number;
  version: number;
  updated_at: Date;
}

/** A survey by id (NOT_FOUND), checked against the actor's scope; `lock` takes its row for update. */
export async function loadSurvey(db: Db, actor: Actor, id: number, lock = false): Promise<SurveyRow> {
  let query = db
    .selectFrom('monitoring_surveys')
    .select([
      'id',
      'region_code',
      'code',
      'name_zh',
      'name_en',
      'description',
      'frequency',
      'weighting',
      'current_version',
      'version',
      'updated_at',
    ])
    .where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  assertSurveyScope(actor, row.region_code);
  return row;
}

/** A version's questions in order, as the rules take them. */
export async function questionsOf(db: Db, surveyId: number, version: number): Promise<Question[]> {
  const { rows } = await sql<Question>`
    select code, position, text_zh as "textZh", text_en as "textEn", help_zh as "helpZh", kind, required,
      sub_index as "subIndex", direction, trim_scale(weight)::text as weight, pmi_component as "pmiComponent",
      judgement, unit, trim_scale(min_value)::text as min, trim_scale(max_value)::text as max, decimals, choices,
      registry_figure as "registryFigure"
    from monitoring_questions where survey_id = ${surveyId} and survey_version = ${version}
    order by position`.execute(db);
  return rows;
}

/**
 * A question's wording as the latest version of the survey that asks it has it: a series outlives its questions, so
 * a question the current version dropped is still named as its waves asked it. Undefined when no version asks it.
 */
export async function findQuestionWording(
  db: Db,
  surveyId: number,
  code: string,
): Promise<{ textZh: string; textEn: string } | undefined> {
  return db
    .selectFrom('monitoring_questions')
    .select(['text_zh as textZh', 'text_en as textEn'])
    .where('survey_id', '=', surveyId)
    .where('code', '=', code)
    .orderBy('survey_version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface WeightRow {
  kind: 'sub_index' | 'industry';
  code: string;
  regionCode: string;
  effectiveFrom: string;
  weight: string;
  basis: string;
  verified: boolean;
  updatedAt: Date;
}

/** Every weight row, newest first within a kind and region. */
export async function weightRows(db: Db): Promise<WeightRow[]> {
  const { rows } = await sql<WeightRow>`
    select kind, code, region_code as "regionCode", to_char(effective_from, 'YYYY-MM-DD') as "effectiveFrom",
      trim_scale(weight)::text as weight, basis, verified, updated_at as "updatedAt"
    from monitoring_weights order by kind, region_code, effective_from desc, code`.execute(db);
  return rows;
}

/**
 * The bases recorded for one dated weight set (its rows' distinct `basis`, in order): where its weights come from,
 * with a document number where the official gave one.
 */
export async function weightSetBases(
  db: Db,
  set: { kind: 'sub_index' | 'industry'; regionCode: string; effectiveFrom: string },
): Promise<string[]> {
  const { rows } = await sql<{ basis: string }>`
    select distinct basis from monitoring_weights
    where kind = ${set.kind} and region_code = ${set.regionCode} and effective_from = ${set.effectiveFrom}
    order by basis`.execute(db);
  return rows.map((r) => r.basis);
}

/**
 * The weights in force on a day for a survey of a region: for each kind, the set of the most specific region that
 * has one (the survey's own, then its province's or city's, then the national), its latest date on or before the day.
 */
export function weightsInForce(
  rows: readonly WeightRow[],
  regionCode: string,
  day: string,
): IndexWeights & {
  sources: { kind: string; regionCode: string; effectiveFrom: string; verified: boolean }[];
} {
  const prefix = surveyPrefix(regionCode);
  const out: IndexWeights = { subIndex: {}, industry: {} };
  const sources: { kind: string; regionCode: string; effectiveFrom: string; verified: boolean }[] = [];
  for (const kind of ['sub_index', 'industry'] as const) {
    const candidates = rows.filter(
      (r) =>
        r.kind === kind &&
        r.effectiveFrom <= day &&
        (r.regionCode === '' || prefix.startsWith(surveyPrefix(r.regionCode))),
    );
    // Most specific region first, then the latest date.
    const best = [...candidates].sort(
      (a, b) =>
        surveyPrefix(b.regionCode).length - surveyPrefix(a.regionCode).length ||
        b.effectiveFrom.localeCompare(a.effectiveFrom),
    )[0];
    if (!best) continue;
    const set = candidates.filter(
      (r) => r.regionCode === best.regionCode && r.effectiveFrom === best.effectiveFrom,
    );
    for (const r of set) (kind === 'sub_index' ? out.subIndex : out.industry)[r.code] = r.weight;
    sources.push({
      kind,
      regionCode: best.regionCode,
      effectiveFrom: best.effectiveFrom,
      verified: set.every((r) => r.verified),
    });
  }
  return { ...out, sources };
}

export interface WaveRow {
  id: number;
  survey_id: number;
  survey_version: number;
  period: string;
  opens_on: string;
  closes_on: string;
  grace_days: number;
  state: 'open' | 'closed';
  members: number;
  region_code: string;
  name_zh: string;
  name_en: string;
  frequency: 'monthly' | 'quarterly';
  weighting: 'design' | 'design_revenue';
}

/** A wave with its survey's region and names (NOT_FOUND); the scope is the caller's to check. */
export async function findWave(db: Db, id: number, lock = false): Promise<WaveRow> {
  let query = db
    .selectFrom('monitoring_waves as w')
    .innerJoin('monitoring_surveys as s', 's.id', 'w.survey_id')
    .select([
      'w.id',
      'w.survey_id',
      'w.survey_version',
      'w.period',
      sql<string>`to_char(w.opens_on, 'YYYY-MM-DD')`.as('opens_on'),
      sql<string>`to_char(w.closes_on, 'YYYY-MM-DD')`.as('closes_on'),
      'w.grace_days',
      'w.state',
      'w.members',
      's.region_code',
      's.name_zh',
      's.name_en',
      's.frequency',
      's.weighting',
    ])
    .where('w.id', '=', id);
  if (lock) query = query.forUpdate(['w']);
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** A wave in the actor's survey scope. */
export async function loadWave(db: Db, actor: Actor, id: number, lock = false): Promise<WaveRow> {
  const wave = await findWave(db, id, lock);
  assertSurveyScope(actor, wave.region_code);
  return wave;
}

/** An answer as the API shows it. */
export interface AnswerView {
  questionCode: string;
  level: 'up' | 'same' | 'down' | null;
  number: string | null;
  choice: string | null;
  text: string | null;
}

/** A response's answers, in question-code order. */
export async function answersOf(db: Db, waveId: number, enterpriseId: number): Promise<AnswerView[]> {
  const { rows } = await sql<AnswerView>`
    select question_code as "questionCode",
      case level when 1 then 'up' when 0 then 'same' when -1 then 'down' end as level,
      trim_scale(number)::text as number, choice, text
    from monitoring_answers where wave_id = ${waveId} and enterprise_id = ${enterpriseId}
    order by question_code`.execute(db);
  return rows;
}

/** The answers of some of a wave's responses, by enterprise then question (an export's page). */
export async function answersByEnterprise(
  db: Db,
  waveId: number,
  enterpriseIds: readonly number[],
): Promise<Map<number, Map<string, AnswerView>>> {
  const byEnterprise = new Map<number, Map<string, AnswerView>>();
  if (enterpriseIds.length === 0) return byEnterprise;
  const { rows } = await sql<AnswerView & { enterpriseId: number }>`
    select enterprise_id as "enterpriseId", question_code as "questionCode",
      case level when 1 then 'up' when 0 then 'same' when -1 then 'down' end as level,
      trim_scale(number)::text as number, choice, text
    from monitoring_answers where wave_id = ${waveId} and enterprise_id = any(${[...enterpriseIds]}::bigint[])`.execute(
    db,
  );
  for (const r of rows) {
    const id = Number(r.enterpriseId);
    let answers = byEnterprise.get(id);
    if (!answers) {
      answers = new Map();
      byEnterprise.set(id, answers);
    }
    answers.set(r.questionCode, r);
  }
  return byEnterprise;
}

/** A run in the actor's scope (through its wave's survey). */
export async function loadRun(db: Db, actor: Actor, id: number): Promise<void> {
  const run = await db
    .selectFrom('monitoring_runs')
    .select(['wave_id', 'region_code'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!run) throw new AppError('NOT_FOUND');
  assertSurveyScope(actor, run.region_code);
}
