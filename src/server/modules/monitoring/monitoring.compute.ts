/**
 * A wave's computation (issue 16, ADR 0030): (1) one SQL statement sums the weights of the submitted and accepted
 * answers per question × industry × region × size × level into `monitoring_cells`; (2) the indices are computed
 * from those cells in the process with the exact arithmetic of src/reference/monitoring.ts (computeFigures) and
 * stored as the run's figures with their SHA-256, so recomputing gives the same figures and a published number can
 * be traced: overall → industries → sub-indices → questions → weighted counts → the answers, without names.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import {
  ANSWER_LEVELS,
  type AnswerLevelCode,
  componentDiffusion,
  DISCLOSURE_MIN,
  formatIndex,
  monitoringTermName,
  PMI_COMPONENTS,
  type PmiComponentCode,
  SMEDI_INDUSTRIES,
  SMEDI_SUB_INDICES,
} from '../../../reference/monitoring.ts';
import { regionFullName } from '../../../reference/regions.ts';
import { regionFullNameEn } from '../../../reference/regions-en.ts';
import type { Localized } from '../../../shared/errors.ts';
import type { Database } from '../../db/schema.ts';
import { type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { audit } from './monitoring.audit.ts';
import {
  assertSurveyScope,
  type Db,
  findWave,
  loadWave,
  questionsOf,
  weightRows,
  weightSetBases,
  weightsInForce,
} from './monitoring.repository.ts';
import {
  type Cell,
  computeFigures,
  type Figure,
  LEVEL_NAME,
  type Question,
  shownValue,
  withheldFigures,
} from './monitoring.rules.ts';
import type { WithheldReason } from './monitoring.table.ts';

export { DISCLOSURE_MIN };

/**
 * How a three-level answer reads for a question: its PMI component's own wording where it has one (a delivery time
 * is longer / the same / shorter), a judgement's (better / same / worse), else up / same / down.
 */
export function levelWording(
  question: Pick<Question, 'pmiComponent' | 'judgement'>,
  level: AnswerLevelCode,
): Localized {
  const own = PMI_COMPONENTS.find((c) => c.code === question.pmiComponent);
  if (own && 'levels' in own && own.levels) return own.levels[level];
  const scale = ANSWER_LEVELS.find((l) => l.code === level) as (typeof ANSWER_LEVELS)[number];
  return question.judgement ? scale.judgement : { zh: scale.zh, en: scale.en.toLowerCase() };
}

/** The digest of a run's figures: the same figures always give the same digest. */
export function figuresDigest(figures: readonly Figure[]): string {
  const hash = createHash('sha256');
  for (const f of [...figures].sort(compareFigures))
    hash.update(`${f.measure}|${f.industry}|${f.region}|${f.size}|${f.value ?? ''}|${f.responses}\n`);
  return hash.digest('hex');
}

function compareFigures(a: Figure, b: Figure): number {
  return (
    a.measure.localeCompare(b.measure) ||
    a.industry.localeCompare(b.industry) ||
    a.region.localeCompare(b.region) ||
    a.size.localeCompare(b.size)
  );
}

/** Code-unit order (the database's own for these ASCII codes), for writing rows in the order of their key. */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The cells of a run, in key order. */
export async function cellsOf(db: Db, runId: number): Promise<Cell[]> {
  const { rows } = await sql<Cell>`
    select question_code as question, industry, region_code as region, size, level,
      trim_scale(weight)::text as weight, responses
    from monitoring_cells where run_id = ${runId}
    order by question_code, industry, region_code, size, level`.execute(db);
  return rows;
}

/**
 * Computes a wave (officials of its region): the cells, the figures, the digest, in one transaction. A wave
 * without a submitted answer has nothing to compute.
 */
export async function computeWave(db: Kysely<Database>, caller: Caller, waveId: number) {
  const actor = requireActor(caller);
  const runId = await db.transaction().execute(async (trx) => {
    const wave = await loadWave(trx, actor, waveId);
    const run = await computeRun(trx, wave.id, actor.userId);
    await audit(
      trx,
      caller,
      actor,
      'wave_computed',
      { type: 'monitoring_wave', id: waveId },
      {
        runId: run.id,
        responses: run.responses,
        figuresSha256: run.sha256,
      },
    );
    return run.id;
  });
  return runView(db, caller, runId, {});
}

/** The computation itself (also the benchmark's and the demo's): returns the run. */
export async function computeRun(trx: Db, waveId: number, userId: number | null) {
  const wave = await findWave(trx, waveId);
  const { rows: counted } = await sql<{ n: number }>`select count(*)::int as n from monitoring_responses
    where wave_id = ${waveId} and state in ('submitted', 'accepted')`.execute(trx);
  const responses = counted[0]?.n ?? 0;
  if (responses === 0)
    throw AppError.field('waveId', {
      zh: '本期还没有已提交的问卷，无可计算',
      en: 'no questionnaire of the wave has been submitted yet',
    });
  const weights = weightsInForce(await weightRows(trx), wave.region_code, wave.closes_on);
  const { id } = await trx
    .insertInto('monitoring_runs')
    .values({
      kind: 'index',
      survey_id: wave.survey_id,
      wave_id: waveId,
      region_code: wave.region_code,
      period: wave.period,
      responses,
      weights: JSON.stringify(weights),
      figures_sha256: '',
      computed_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const runId = Number(id);
  // The cells are one hash table of question × industry × region × size × level (~70,000 for 40 questions over
  // provinces, ~40 MB): at the default work_mem (4 MB) it spills to disk in batches, about a fifth of the
  // statement's time at 100,000 responses (bench/monitoring-compute.ts). For this transaction only.
  await sql`set local work_mem = '128MB'`.execute(trx);
  // The cells come back as they are written (RETURNING), not read again; computeFigures takes them in any order.
  // Written in the order of their key, so each goes to the end of the key's index rather than somewhere inside it.
  const { rows: cells } = await sql<Cell>`
    insert into monitoring_cells (run_id, question_code, industry, region_code, size, level, weight, responses)
    select ${runId}, a.question_code, r.industry, r.region_code, r.size, a.level, sum(r.weight), count(*)::int
    from monitoring_answers a
    join monitoring_responses r on r.wave_id = a.wave_id and r.enterprise_id = a.enterprise_id
    where a.wave_id = ${waveId} and a.level is not null and r.state in ('submitted', 'accepted')
    group by a.question_code, r.industry, r.region_code, r.size, a.level
    order by a.question_code, r.industry, r.region_code, r.size, a.level
    returning question_code as question, industry, region_code as region, size, level,
      trim_scale(weight)::text as weight, responses`.execute(trx);
  const questions = await questionsOf(trx, wave.survey_id, wave.survey_version);
  const figures = computeFigures(cells, questions, weights);
  const sha256 = figuresDigest(figures);
  // What the public may not see: too few responses, and what would give those back by subtraction.
  const reasons = withheldFigures(figures, questions, DISCLOSURE_MIN, { cells, weights });
  const rows = figures.map((f, i) => ({ ...f, withheld: reasons[i] ?? null }));
  // One statement, in the order of the figures' key (as for the cells).
  rows.sort(
    (a, b) =>
      byCode(a.measure, b.measure) ||
      byCode(a.industry, b.industry) ||
      byCode(a.region, b.region) ||
      byCode(a.size, b.size),
  );
  await sql`insert into monitoring_figures (run_id, measure, industry, region_code, size, value, responses, withheld)
    select ${runId}, * from unnest(${rows.map((f) => f.measure)}::text[], ${rows.map((f) => f.industry)}::text[],
      ${rows.map((f) => f.region)}::text[], ${rows.map((f) => f.size)}::text[],
      ${rows.map((f) => f.value)}::numeric[], ${rows.map((f) => f.responses)}::int[],
      ${rows.map((f) => f.withheld)}::text[])`.execute(trx);
  await trx.updateTable('monitoring_runs').set({ figures_sha256: sha256 }).where('id', '=', runId).execute();
  return { id: runId, responses, sha256, figures };
}

interface FigureRow {
  measure: string;
  industry: string;
  region_code: string;
  size: string;
  value: string | null;
  responses: number;
  withheld: WithheldReason | null;
}

/** A figure's columns as the module reads them. */
const FIGURE_COLUMNS = sql`measure, industry, region_code, size, trim_scale(value)::text as value, responses,
  withheld`;

/**
 * A figure as the API gives it; `counts`: a registry count, shown as it is (an index: to one decimal). `withheld`
 * says whether (and why) the public does not see it; officials see every figure with that mark.
 */
export function figureView(f: FigureRow, counts = false) {
  return {
    measure: f.measure,
    industry: f.industry,
    regionCode: f.region_code,
    size: f.size,
    value: f.value,
    shown: counts ? f.value : shownValue(f.value),
    responses: f.responses,
    withheld: f.withheld,
  };
}

/**
 * What the public sees of an index figure: one withheld at computation (fewer than DISCLOSURE_MIN responses — a
 * figure of one or two answers tells those enterprises' answers — a unanimous group, or to keep such a figure from
 * being derived) has its value and shown null; a published one is given as shown, to one decimal (full precision
 * narrows what the published figures allow a withheld one to be; docs/reference/monitoring.md §12). Officials see
 * every figure in full.
 */
export function disclosed<
  T extends { value: string | null; shown: string | null; withheld: WithheldReason | null },
>(f: T): T {
  return f.withheld !== null ? { ...f, value: null, shown: null } : { ...f, value: f.shown };
}

/**
 * The groups the public sees: all enterprises, or one breakdown at a time — an industry, a region or a size. The
 * cross-classified groups (industry × region × size) are the small ones; with them public, their figures, each
 * group's responses and the strata's design weights (the registry's public counts ÷ responses) made one system of
 * equations from which a new user's trial solved half the withheld cells, most of them one enterprise's answers.
 * Officials see every group. Null: allowed; else the field to name.
 */
export function crossedGroup(group: {
  industry?: string | undefined;
  regionCode?: string | undefined;
  size?: string | undefined;
}): 'regionCode' | 'size' | null {
  const industry = (group.industry ?? '') !== '';
  const region = (group.regionCode ?? '') !== '';
  const size = (group.size ?? '') !== '';
  if (size && (industry || region)) return 'size';
  if (region && industry) return 'regionCode';
  return null;
}

/** The refusal of a cross-classified group to the public, on the field that crosses. */
export function crossedRefusal(field: 'regionCode' | 'size'): AppError {
  return AppError.field(field, {
    zh: '公众可按行业、地区或规模之一查看；交叉分组（如某行业某地区）的指数只向统计人员提供，以免推算出个别企业的回答',
    en: 'the public sees one breakdown at a time — an industry, a region or a size; cross-classified groups (an industry in a region, say) are for statisticians only, so that no single enterprise’s answers can be worked out',
  });
}

/** Why a figure is not published, in words (a public file's cell, a trace's note). */
export function withheldWords(reason: WithheldReason | null, lang: 'zh' | 'en'): string {
  const words: Record<WithheldReason, { zh: string; en: string }> = {
    few: {
      zh: `不公布（答卷少于${DISCLOSURE_MIN}份）`,
      en: `withheld (fewer than ${DISCLOSURE_MIN} responses)`,
    },
    unanimous: { zh: '不公布（回答全部相同）', en: 'withheld (every answer the same)' },
    complementary: {
      zh: '不公布（防止推算其他不公布的数）',
      en: 'withheld (it would tell another withheld figure)',
    },
  };
  return reason === null ? '' : words[reason][lang];
}

/** A group's figures of a run ('' = all), measures in a fixed order. */
export async function groupFigures(
  db: Db,
  runId: number,
  group: { industry?: string | undefined; regionCode?: string | undefined; size?: string | undefined },
  counts = false,
) {
  const { rows } = await sql<FigureRow>`
    select ${FIGURE_COLUMNS}
    from monitoring_figures where run_id = ${runId} and industry = ${group.industry ?? ''}
      and region_code = ${group.regionCode ?? ''} and size = ${group.size ?? ''}
    order by case when measure = 'overall' then 0 when measure = 'pmi' then 1 when measure like 'sub:%' then 2
      else 3 end, measure`.execute(db);
  return rows.map((r) => figureView(r, counts));
}

/** The groups a run has its headline figure for, by dimension. */
interface RunGroups {
  industries: string[];
  regions: string[];
  sizes: string[];
}

/**
 * Each run's groups, kept in the process: a run's figures are written once with it and never change, so its groups
 * are read once (the public series page asks for the groups of every published run — 120 of them over ten years —
 * on each read). Bounded: the oldest entries go first.
 */
const groupsKept = new WeakMap<object, Map<string, RunGroups>>();
const GROUPS_KEPT = 20_000;

/** The dimensions a run (or any of several runs: a series' releases) has figures for. */
export async function runGroups(
  db: Db,
  runId: number | readonly number[],
  headline = 'overall',
): Promise<RunGroups> {
  const runs = typeof runId === 'number' ? [runId] : [...runId];
  // Kept per database (tests open several, whose run ids start again at 1).
  let groupsOfRun = groupsKept.get(db);
  if (!groupsOfRun) {
    groupsOfRun = new Map();
    groupsKept.set(db, groupsOfRun);
  }
  const kept = groupsOfRun;
  const missing = runs.filter((run) => !kept.has(`${run}|${headline}`));
  if (missing.length > 0) {
    const { rows } = await sql<{ run_id: number; industry: string; region_code: string; size: string }>`
      select run_id, industry, region_code, size from monitoring_figures
      where run_id = any(${missing}::bigint[]) and measure = ${headline}
        and ((industry <> '' and region_code = '' and size = '')
          or (region_code <> '' and industry = '' and size = '')
          or (size <> '' and industry = '' and region_code = ''))`.execute(db);
    const found = new Map<number, RunGroups>(
      missing.map((run) => [run, { industries: [], regions: [], sizes: [] }]),
    );
    for (const r of rows) {
      const groups = found.get(Number(r.run_id)) as RunGroups;
      if (r.industry !== '') groups.industries.push(r.industry);
      else if (r.region_code !== '') groups.regions.push(r.region_code);
      else groups.sizes.push(r.size);
    }
    for (const [run, groups] of found) {
      if (kept.size >= GROUPS_KEPT) kept.delete(kept.keys().next().value as string);
      kept.set(`${run}|${headline}`, groups);
    }
  }
  const union = (pick: (g: RunGroups) => string[]) =>
    [...new Set(runs.flatMap((run) => pick(kept.get(`${run}|${headline}`) as RunGroups)))].sort();
  return {
    industries: union((g) => g.industries),
    regions: union((g) => g.regions),
    sizes: union((g) => g.sizes),
  };
}

async function findRun(db: Db, runId: number) {
  const run = await db
    .selectFrom('monitoring_runs')
    .select([
      'id',
      'kind',
      'wave_id',
      'region_code',
      'period',
      'responses',
      'weights',
      'figures_sha256',
      'computed_at',
    ])
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!run) throw new AppError('NOT_FOUND');
  return run;
}

/** A run (officials of its region) with a group's figures. */
export async function runView(
  db: Db,
  caller: Caller,
  runId: number,
  group: { industry?: string | undefined; regionCode?: string | undefined; size?: string | undefined },
) {
  const actor = requireActor(caller);
  const run = await findRun(db, runId);
  assertSurveyScope(actor, run.region_code);
  return {
    id: Number(run.id),
    kind: run.kind,
    regionCode: run.region_code,
    waveId: run.wave_id === null ? null : Number(run.wave_id),
    period: run.period,
    responses: run.responses,
    computedAt: run.computed_at,
    figuresSha256: run.figures_sha256,
    weights: run.weights,
    weightSources: await weightSetsUsed(db, run.weights),
    figures: await groupFigures(db, runId, group, run.kind === 'registry'),
    groups: await runGroups(db, runId, run.kind === 'registry' ? 'enterprises' : 'overall'),
  };
}

export interface TraceInput {
  measure: string;
  industry?: string | undefined;
  regionCode?: string | undefined;
  size?: string | undefined;
}

const industryName = (code: string) => monitoringTermName(SMEDI_INDUSTRIES, code);
const subName = (code: string) => monitoringTermName(SMEDI_SUB_INDICES, code);

/**
 * A question's weighted counts by level in a run, for an industry ('' all industries pooled), and its PMI
 * component's diffusion index.
 */
async function pooledLevels(
  db: Db,
  runId: number,
  questionCode: string,
  group: { industry: string; region: string; size: string },
) {
  const { industry, region, size } = group;
  const { rows } = await sql<{ level: -1 | 0 | 1; weight: string; responses: number }>`
    select level, trim_scale(sum(weight))::text as weight, sum(responses)::int as responses
    from monitoring_cells where run_id = ${runId} and question_code = ${questionCode}
      and (${industry} = '' or industry = ${industry})
      and (${region} = '' or region_code = ${region}) and (${size} = '' or size = ${size})
    group by level`.execute(db);
  const weight = (l: -1 | 0 | 1) => rows.find((x) => x.level === l)?.weight ?? '0';
  const responses = (l: -1 | 0 | 1) => rows.find((x) => x.level === l)?.responses ?? 0;
  const w = (l: -1 | 0 | 1) => Number(weight(l));
  return {
    weight,
    responses,
    total: rows.reduce((s, x) => s + x.responses, 0),
    value: (component: PmiComponentCode) =>
      w(1) + w(0) + w(-1) > 0 ? formatIndex(componentDiffusion(component, w(1), w(0), w(-1)), 6) : null,
  };
}

/** A weight set a run recorded it used (its kind, region — '' national —, date and whether it was verified). */
interface WeightSourceUsed {
  kind: 'sub_index' | 'industry';
  regionCode: string;
  effectiveFrom: string;
  verified: boolean;
}

/** A weight set a run used, with the bases recorded for it (WeightSourceSchema). */
export interface WeightSetUsed extends WeightSourceUsed {
  basis: string[];
}

/** The sets a run's recorded weights name (`weights.sources`; none for the registry's counts), with their bases. */
export async function weightSetsUsed(db: Db, weights: unknown): Promise<WeightSetUsed[]> {
  const sources = (weights as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(sources)) return [];
  return Promise.all(
    (sources as WeightSourceUsed[]).map(async (w) => ({
      kind: w.kind,
      regionCode: w.regionCode,
      effectiveFrom: w.effectiveFrom,
      verified: w.verified,
      basis: await weightSetBases(db, w),
    })),
  );
}

/** The platform's default weights (migration): national, equal, unverified, from this date. */
const DEFAULT_WEIGHTS_FROM = '2000-01-01';

/** Whether a set is the platform's default (national, unverified, from DEFAULT_WEIGHTS_FROM): equal weights. */
function isDefaultWeightSet(set: WeightSourceUsed): boolean {
  return set.regionCode === '' && set.effectiveFrom === DEFAULT_WEIGHTS_FROM && !set.verified;
}

/**
 * Which weights of a kind a run used, in words for its trace's method: the platform's equal unverified defaults, or
 * a region's dated set with its basis and whether it is verified — what was used, not what the weights ought to be
 * (a new user's trial read «增加值占比» where the equal defaults were in force).
 */
async function weightsUsedText(
  db: Db,
  sources: readonly WeightSourceUsed[] | undefined,
  kind: 'sub_index' | 'industry',
  lang: 'zh' | 'en',
): Promise<string> {
  const zh = lang === 'zh';
  const source = sources?.find((s) => s.kind === kind);
  if (!source) return zh ? '本期运行未记录所用权重的来源' : 'the run did not record which weights it used';
  // The default set's basis is the migration's own words (Chinese): said here in the reader's language.
  if (isDefaultWeightSet(source))
    return kind === 'industry'
      ? zh
        ? '本期使用平台默认权重：各行业等权，尚未核实（并非增加值占比）。来源：全国平台默认权重集（适用于设定本地区权重之前的所有期次）；中国中小企业发展指数的行业增加值权重未公开，待按本地增加值占比设定'
        : 'this period used the platform’s default weights: the industries weighted equally, not verified (not value-added shares). Source: the national default set of the platform (for every period until a region sets its own); the SMEDI’s industry value-added weights are not published, to be set from local value-added shares'
      : zh
        ? '本期使用平台默认权重：各分项等权，尚未核实。来源：全国平台默认权重集（适用于设定本地区权重之前的所有期次）；中国中小企业发展指数的分项权重未公开'
        : 'this period used the platform’s default weights: the sub-indices weighted equally, not verified. Source: the national default set of the platform (for every period until a region sets its own); the SMEDI’s sub-index weights are not published';
  const basis = (await weightSetBases(db, source)).join(zh ? '；' : '; ');
  const region =
    source.regionCode === ''
      ? zh
        ? '全国'
        : 'national'
      : zh
        ? regionFullName(source.regionCode) || source.regionCode
        : regionFullNameEn(source.regionCode) || source.regionCode;
  return zh
    ? `本期使用${region}自 ${source.effectiveFrom} 起的权重${basis ? `（依据：${basis}）` : ''}，${source.verified ? '已核实' : '尚未核实'}`
    : `this period used the ${region} weights from ${source.effectiveFrom}${basis ? ` (basis: ${basis})` : ''}, ${source.verified ? 'verified' : 'not verified'}`;
}

/**
 * One step down from a run's figure (any reader the run's release is public to, or its officials): its components
 * with their weights, or for one industry's question, the weighted counts by level and the answers behind them
 * under pseudonyms (#1, #2, … in a random order), withheld for a cell below DISCLOSURE_MIN.
 */
export async function traceFigure(
  db: Db,
  runId: number,
  input: TraceInput,
  lang: 'zh' | 'en',
  forPublic = false,
) {
  const run = await findRun(db, runId);
  if (run.wave_id === null)
    throw AppError.field('measure', {
      zh: '登记统计的数字即计数，无下一层构成',
      en: 'the registry’s statistics are counts: nothing lies below them',
    });
  const wave = await findWave(db, Number(run.wave_id));
  const crossed = forPublic ? crossedGroup(input) : null;
  if (crossed) throw crossedRefusal(crossed);
  const industry = input.industry ?? '';
  const region = input.regionCode ?? '';
  const size = input.size ?? '';
  const { rows } = await sql<FigureRow>`
    select ${FIGURE_COLUMNS}
    from monitoring_figures where run_id = ${runId} and region_code = ${region} and size = ${size}
      and (industry = ${industry} or (${industry} = '' and industry <> ''))`.execute(db);
  const [kind, code = ''] = input.measure.includes(':') ? input.measure.split(':') : [input.measure];
  const pmiComponent = kind === 'pmi' ? PMI_COMPONENTS.find((c) => c.code === code) : undefined;
  if (kind === 'pmi' && code !== '' && !pmiComponent)
    throw AppError.field('measure', { zh: '该运行没有这个指标', en: 'the run has no such figure' });
  // A PMI component is not a figure of its own: it is read from the PMI's cells (the group's industries pooled).
  const figure = rows.find(
    (r) => r.measure === (pmiComponent ? 'pmi' : input.measure) && r.industry === industry,
  );
  if (!figure)
    throw AppError.field('measure', {
      zh: '本期没有该组的这一指标（该组本期没有答卷，或该指标不对该组计算）',
      en: 'there is no such figure for this group in this period (no answers from it, or not computed for it)',
    });
  const weights = run.weights as {
    subIndex: Record<string, string>;
    industry: Record<string, string>;
    sources?: WeightSourceUsed[];
  };
  const questions = await questionsOf(db, wave.survey_id, wave.survey_version);
  const zh = lang === 'zh';
  const byIndustry = (measure: string) =>
    rows
      .filter((r) => r.measure === measure && r.industry !== '')
      .map((r) => ({
        measure,
        industry: r.industry,
        label: industryName(r.industry)[lang],
        value: r.value,
        weight: weights.industry[r.industry] ?? null,
        responses: r.responses,
        withheld: r.withheld,
      }));
  const sameIndustry = (measure: string) =>
    rows.find((r) => r.measure === measure && r.industry === industry);
  let method = '';
  let components: {
    measure: string;
    industry: string;
    label: string;
    value: string | null;
    weight: string | null;
    responses: number;
    withheld: WithheldReason | null;
    /** A PMI component entering as 100 − its index (the delivery times): its own index; value is what enters. */
    index?: string | null;
  }[] = [];
  let counts: {
    up: string;
    same: string;
    down: string;
    responses: { up: number; same: number; down: number };
    direction: 'up_is_good' | 'down_is_good';
  } | null = null;
  let answers = null;
  let answersWithheld: string | null = null;
  let traced: FigureRow = figure;
  // A PMI component's counts are its question's in the group, and withheld when the PMI or that question is.
  const componentWithheld = (questionCode: string) =>
    figure.withheld ?? sameIndustry(`q:${questionCode}`)?.withheld ?? null;
  /** The weight set the method weighs the components with (industries', or an industry's sub-indices'). */
  const setUsed = async (of: 'sub_index' | 'industry') => {
    const source = weights.sources?.find((s) => s.kind === of);
    return source ? { ...source, basis: await weightSetBases(db, source) } : null;
  };
  let weightSet: WeightSetUsed | null = null;
  if (industry === '' && kind !== 'pmi') {
    weightSet = await setUsed('industry');
    const used = await weightsUsedText(db, weights.sources, 'industry', lang);
    method = zh
      ? `各行业数值按行业权重加权平均；无答卷的行业不参与，其余权重按比例放大。${used}`
      : `the industries’ values weighted by the industry weights; an industry without answers leaves, the others keep their relative weights. ${used[0]?.toUpperCase()}${used.slice(1)}`;
    components = byIndustry(input.measure);
  } else if (kind === 'overall') {
    weightSet = await setUsed('sub_index');
    const used = await weightsUsedText(db, weights.sources, 'sub_index', lang);
    method = zh
      ? `行业指数 = 各分项指数按分项权重加权平均。${used}`
      : `the industry index = its sub-indices weighted by the sub-index weights. ${used[0]?.toUpperCase()}${used.slice(1)}`;
    components = SMEDI_SUB_INDICES.flatMap((s) => {
      const r = sameIndustry(`sub:${s.code}`);
      return r
        ? [
            {
              measure: `sub:${s.code}`,
              industry,
              label: subName(s.code)[lang],
              value: r.value,
              weight: weights.subIndex[s.code] ?? null,
              responses: r.responses,
              withheld: r.withheld,
            },
          ]
        : [];
    });
  } else if (kind === 'sub') {
    method = zh
      ? '分项指数 = 所含问题的景气指数按问题权重加权平均'
      : 'a sub-index = its questions’ balance indices weighted by the question weights';
    components = questions
      .filter((q) => q.subIndex === code)
      .flatMap((q) => {
        const r = sameIndustry(`q:${q.code}`);
        return r
          ? [
              {
                measure: `q:${q.code}`,
                industry,
                label: zh ? q.textZh : q.textEn || q.textZh,
                value: r.value,
                weight: q.weight,
                responses: r.responses,
                withheld: r.withheld,
              },
            ]
          : [];
      });
  } else if (kind === 'q') {
    const question = questions.find((q) => q.code === code);
    if (!question?.direction)
      throw AppError.field('measure', { zh: '不是指数问题', en: 'not an index question' });
    const good = question.direction === 'up_is_good' ? 'up' : 'down';
    const bad = good === 'up' ? 'down' : 'up';
    const say = (level: AnswerLevelCode) => levelWording(question, level)[lang];
    method = zh
      ? `景气指数 =（加权“${say(good)}”占比 − 加权“${say(bad)}”占比）× 100 + 100`
      : `balance index = (weighted share ${say(good)} − weighted share ${say(bad)}) × 100 + 100`;
    const { rows: levels } = await sql<{ level: -1 | 0 | 1; weight: string; responses: number }>`
      select level, trim_scale(sum(weight))::text as weight, sum(responses)::int as responses
      from monitoring_cells where run_id = ${runId} and question_code = ${code} and industry = ${industry}
        and (${region} = '' or region_code = ${region}) and (${size} = '' or size = ${size})
      group by level`.execute(db);
    const at = (l: -1 | 0 | 1) => levels.find((x) => x.level === l);
    counts = {
      up: at(1)?.weight ?? '0',
      same: at(0)?.weight ?? '0',
      down: at(-1)?.weight ?? '0',
      responses: { up: at(1)?.responses ?? 0, same: at(0)?.responses ?? 0, down: at(-1)?.responses ?? 0 },
      direction: question.direction,
    };
    // Officials see the answers of any cell, a small one too (the responses tab names them anyway); the public
    // never sees them (below).
    if (!forPublic) {
      const { rows: list } = await sql<{
        n: number;
        region_code: string;
        size: string;
        weight: string;
        level: -1 | 0 | 1;
      }>`
        select row_number() over (order by md5(${`${runId}:`} || r.enterprise_id::text || ${run.figures_sha256}))::int
            as n, r.region_code, r.size, trim_scale(r.weight)::text as weight, a.level
        from monitoring_answers a
        join monitoring_responses r on r.wave_id = a.wave_id and r.enterprise_id = a.enterprise_id
        where a.wave_id = ${wave.id} and a.question_code = ${code} and a.level is not null
          and r.state in ('submitted', 'accepted') and r.industry = ${industry}
          and (${region} = '' or r.region_code = ${region}) and (${size} = '' or r.size = ${size})
        order by 1 limit 1000`.execute(db);
      answers = list.map((a) => ({
        respondent: `#${a.n}`,
        industry,
        regionCode: a.region_code,
        size: a.size,
        weight: a.weight,
        level: LEVEL_NAME[a.level],
      }));
    }
  } else if (kind === 'pmi' && pmiComponent) {
    const question = questions.find((q) => q.pmiComponent === pmiComponent.code);
    if (!question)
      throw AppError.field('measure', { zh: '该运行没有这个指标', en: 'the run has no such figure' });
    const counted = pmiComponent.counts === 'down';
    const say = (level: AnswerLevelCode) => levelWording(question, level)[lang];
    method = zh
      ? `扩散指数 = 加权“${say(counted ? 'down' : 'up')}”占比 + 加权“${say('same')}”占比的一半（0–100，50 为荣枯线）${pmiComponent.inverted ? '；进入PMI时取 100 − 该指数' : ''}`
      : `diffusion index = weighted share ${say(counted ? 'down' : 'up')} + half the weighted share ${say('same')} (0–100, 50 neutral)${pmiComponent.inverted ? '; it enters the PMI as 100 − the index' : ''}`;
    const levels = await pooledLevels(db, runId, question.code, { industry, region, size });
    counts = {
      up: levels.weight(1),
      same: levels.weight(0),
      down: levels.weight(-1),
      responses: { up: levels.responses(1), same: levels.responses(0), down: levels.responses(-1) },
      direction: counted ? ('down_is_good' as const) : ('up_is_good' as const),
    };
    traced = {
      ...figure,
      measure: input.measure,
      value: levels.value(pmiComponent.code),
      responses: levels.total,
      withheld: componentWithheld(question.code),
    };
  } else if (kind === 'pmi') {
    method = zh
      ? 'PMI = 0.30×新订单 + 0.25×生产 + 0.20×从业人员 + 0.15×(100 − 供应商配送时间) + 0.10×原材料库存（各为扩散指数，配送时间指数以“缩短”计）'
      : 'PMI = 0.30×new orders + 0.25×output + 0.20×employment + 0.15×(100 − supplier delivery) + 0.10×raw-material inventory (diffusion indices; delivery counts "times fell")';
    for (const c of PMI_COMPONENTS) {
      const q = questions.find((x) => x.pmiComponent === c.code);
      if (!q) continue;
      const levels = await pooledLevels(db, runId, q.code, { industry, region, size });
      const index = levels.value(c.code);
      const withheld = componentWithheld(q.code);
      // Each component as it enters the PMI, so that the weights × the values listed give the PMI: the delivery
      // times' index enters as 100 − the index, its own index kept beside it (a new user's trial read 9.8 listed
      // where 90.2 entered).
      const entered = c.inverted && index !== null ? formatIndex(100 - Number(index), 6) : index;
      const own = forPublic && withheld !== null ? null : index === null ? null : shownValue(index);
      components.push({
        measure: `pmi:${c.code}`,
        industry,
        label: c.inverted
          ? own === null
            ? `${c[lang]}${zh ? '（取 100 − 指数）' : ' (enters as 100 − index)'}`
            : `${c[lang]}${zh ? `（由指数 ${own} 取 100 − 指数）` : ` (100 − its index ${own})`}`
          : c[lang],
        value: entered,
        ...(c.inverted ? { index } : {}),
        weight: String(c.weight),
        responses: levels.total,
        withheld,
      });
    }
  }
  let shares = counts === null ? null : sharesOf(counts);
  if (forPublic && counts !== null) {
    // The public sees the figure, its method and its components — never a cell's answers by level: not the weighted
    // counts, not the number of answers of each level, not their shares, not the answer list. With a stratum's design
    // weight (the registry's count ÷ its responses, both public), a published total's counts by level less its
    // published parts' gave a withheld small group's answers back exactly (a new user's trial recovered 224 of 588
    // withheld cells), and shares by level carry one more unknown than the figure, which the disclosure rules do not
    // protect. Published figures alone are what withheldFigures protects (docs/reference/monitoring.md §12).
    counts = null;
    shares = null;
    answers = null;
    answersWithheld = zh
      ? '各回答的计数、占比与答卷明细仅向统计人员展示；公众可见指数及其计算方法'
      : 'the answers’ counts, shares and list are shown to statisticians only; the public sees the figure and its method';
  }
  // A region's or a size's figure is the industries' weighted mean within it: those parts are cross-classified
  // groups, not public (crossedGroup); the public is told so instead.
  if (
    forPublic &&
    industry === '' &&
    (region !== '' || size !== '') &&
    kind !== 'pmi' &&
    components.length > 0
  ) {
    components = [];
    answersWithheld = zh
      ? '该组按行业的细分属于交叉分组（某行业×某地区或某规模），只向统计人员提供'
      : 'this group’s industries are cross-classified groups (an industry in a region or of a size): for statisticians only';
  }
  // A withheld figure says why, whatever else the trace would have said.
  if (forPublic && traced.withheld !== null)
    answersWithheld =
      traced.withheld === 'complementary'
        ? zh
          ? '此格答卷足够，但若公布，可由合计与其余分组推算出另一个不公布的数，故不对外公布'
          : 'the cell has enough answers, but published it would let another withheld figure be worked out from the total and the rest: not published'
        : traced.withheld === 'unanimous'
          ? zh
            ? '此格所有答卷回答相同，公布即披露每家企业的回答，故不对外公布'
            : 'every answer of the cell is the same: published, it would tell each enterprise’s answer'
          : zh
            ? `该格少于${DISCLOSURE_MIN}份答卷，不对外公布`
            : `the cell has fewer than ${DISCLOSURE_MIN} answers: not published`;
  const shown = (f: ReturnType<typeof figureView>) => (forPublic ? disclosed(f) : f);
  return {
    figure: shown(figureView(traced)),
    method,
    weights: weightSet,
    components: components
      .map((c) =>
        forPublic
          ? {
              ...c,
              value: c.withheld !== null ? null : shownValue(c.value),
              ...(c.index !== undefined ? { index: c.withheld !== null ? null : shownValue(c.index) } : {}),
            }
          : c,
      )
      // The PMI's components in the formula's order; the rest by measure and industry.
      .sort((a, b) =>
        kind === 'pmi' ? 0 : a.measure.localeCompare(b.measure) || a.industry.localeCompare(b.industry),
      ),
    counts,
    shares,
    answers,
    answersWithheld,
  };
}

/** The weighted shares of the three answers, in percent to one decimal (null: no weight in the cell). */
function sharesOf(counts: {
  up: string;
  same: string;
  down: string;
  direction: 'up_is_good' | 'down_is_good';
}) {
  const up = Number(counts.up);
  const same = Number(counts.same);
  const down = Number(counts.down);
  const total = up + same + down;
  if (!(total > 0)) return null;
  const pct = (x: number) => ((x / total) * 100).toFixed(1);
  return { up: pct(up), same: pct(same), down: pct(down), direction: counts.direction };
}
