/**
 * Scoring (issue 14, measure 4; ADR 0027): every enterprise scored under the published scorecard by a set-based
 * job (the model compiled to SQL, one `INSERT … SELECT … ON CONFLICT` per slice of the registry, slices side by
 * side in lanes), a daily due run that rescored what the date alone changed, and one enterprise scored on demand
 * with the data behind each feature's points.
 */
import type { Kysely, Transaction } from 'kysely';
import { todayInChina } from '../../../shared/today.ts';
import { withoutShardLocks } from '../../db/distribute.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import {
  dueWindow,
  enqueueJobs,
  JOB_KINDS,
  type JobHandler,
  queueDailyJob,
  recordDueRun,
} from '../jobs/index.ts';
import { enterpriseIdRange, enterprisesWithAnniversary } from '../registry/index.ts';
import type { ScoreScope } from './credit.features.sql.ts';
import {
  FEATURE_COMPUTATIONS,
  type FeatureRecord,
  type FeatureRule,
  recordsBehind,
  windowStart,
} from './credit.features.ts';
import {
  DEFAULT_SCORECARD,
  DEFAULT_SCORECARD_NAME,
  DEFAULT_SCORECARD_NOTE,
} from './credit.scorecard.default.ts';
import { SCORECARD_FEATURES, type ScoreItem, type ScoreResult, scoreOf } from './credit.scorecard.rules.ts';
import {
  findPublishedScorecard,
  hasScorecards,
  insertScorecard,
  lockScorecards,
  type ScorecardRow,
} from './credit.scorecards.repository.ts';
import {
  enterprisesWithLapsedRecords,
  featureValuesOf,
  recordsOfEnterprise,
  storeScore,
  storeScores,
} from './credit.scores.repository.ts';

export const CREDIT_SCORE_JOB = JOB_KINDS.creditScore;
export const CREDIT_SCORE_DUE_JOB = JOB_KINDS.creditScoreDue;

type Db = Kysely<Database>;

/**
 * Stores the platform's example scorecard, published, when no scorecard exists (the first start of any
 * deployment, demo or not): scoring always has a model. Returns whether it stored it.
 */
export async function ensureDefaultScorecard(db: Db, day: string = todayInChina()): Promise<boolean> {
  if (await hasScorecards(db)) return false;
  return db.transaction().execute(async (trx) => {
    // Two instances starting at once both find the table empty: the second waits here, then finds the first's.
    await lockScorecards(trx);
    if (await hasScorecards(trx)) return false;
    await insertScorecard(trx, {
      name: DEFAULT_SCORECARD_NAME,
      model: DEFAULT_SCORECARD,
      note: DEFAULT_SCORECARD_NOTE,
      createdBy: null,
      status: 'published',
      publishedFrom: day,
    });
    return true;
  });
}

/** What a scoring run did. */
export interface ScoringResult {
  scorecardId: number | null;
  scored: number;
}

/** The registry cut into `count` slices of equal id ranges, open at both ends. */
async function registrySlices(db: Db, count: number): Promise<ScoreScope[]> {
  const { from, to } = await enterpriseIdRange(db);
  if (count <= 1 || from === null || to === null) return [{ all: true }];
  const width = Math.max(1, Math.ceil((to - from + 1) / count));
  const slices: { idsFrom: number; idsTo: number }[] = [];
  for (let start = from; start <= to; start += width)
    slices.push({ idsFrom: start, idsTo: start + width - 1 });
  (slices[0] as { idsFrom: number }).idsFrom = 0;
  (slices.at(-1) as { idsTo: number }).idsTo = Number.MAX_SAFE_INTEGER;
  return slices;
}

/** Enterprises scored per statement when given by id. */
const ID_CHUNK = 5000;
/** Above this many enterprises given by id, one scan of the registry costs less. */
const RESCAN_ABOVE = 100_000;

/**
 * Scores enterprises (by id, or all) under the published scorecard on `day` and stores the rows. Whole-registry
 * runs are cut into slices (8 per lane), `lanes` statements side by side; each slice is its own transaction,
 * and the run is idempotent (a retried job writes the same rows).
 */
export async function scoreEnterprises(
  db: Db,
  who: { all: true } | { enterpriseIds: readonly number[] },
  day: string,
  options: { lanes?: number; onProgress?: (done: number, total: number) => Promise<void> } = {},
): Promise<ScoringResult> {
  const scorecard = await findPublishedScorecard(db);
  if (!scorecard) return { scorecardId: null, scored: 0 };
  const lanes = Math.max(1, options.lanes ?? 1);
  let work: ScoreScope[];
  if ('all' in who || who.enterpriseIds.length > RESCAN_ABOVE) work = await registrySlices(db, lanes * 8);
  else {
    const ids = [...new Set(who.enterpriseIds)].sort((a, b) => a - b);
    work = [];
    for (let i = 0; i < ids.length; i += ID_CHUNK) work.push({ enterpriseIds: ids.slice(i, i + ID_CHUNK) });
  }
  let scored = 0;
  let done = 0;
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    try {
      while (next < work.length && failure === null) {
        const scope = work[next++] as ScoreScope;
        const written = await db.transaction().execute(async (trx) => {
          await withoutShardLocks(trx);
          return storeScores(trx, scorecard.id, scorecard.model, day, scope);
        });
        // Added after the await: `scored += await …` would read `scored` before another lane's addition.
        scored += written;
        done++;
        await options.onProgress?.(done, work.length);
      }
    } catch (error) {
      failure ??= { error };
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, work.length) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
  return { scorecardId: scorecard.id, scored };
}

/** The month-days (month × 100 + day) of (after, through] on which an age in years grows; null: a year or more. */
export function anniversaryDays(after: string, through: string): number[] | null {
  const start = Date.parse(`${after}T00:00:00Z`);
  const end = Date.parse(`${through}T00:00:00Z`);
  if (end - start >= 365 * 86_400_000) return null;
  const days = new Set<number>();
  for (let t = start + 86_400_000; t <= end; t += 86_400_000) {
    const d = new Date(t);
    const month = d.getUTCMonth() + 1;
    const date = d.getUTCDate();
    days.add(month * 100 + date);
    const year = d.getUTCFullYear();
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    // Founded on 29 February: a year older on 1 March in other years.
    if (month === 3 && date === 1 && !leap) days.add(229);
  }
  return [...days].sort((a, b) => a - b);
}

/** What a due run did. */
export interface ScoringDueResult extends ScoringResult {
  after: string | null;
  through: string;
  full: boolean;
  enterprisesDue: number;
}

/**
 * The daily due run: rescored the enterprises whose score the days (after, through] changed by the date alone —
 * a record's publication ended, a penalty left the three-year window, an anniversary. The first run, or one after
 * a year or more, scores everyone.
 */
export async function scoreDue(
  db: Db,
  through: string,
  options: { lanes?: number } = {},
): Promise<ScoringDueResult> {
  const { after } = await dueWindow(db, CREDIT_SCORE_DUE_JOB, through);
  if (after !== null && after >= through)
    return { scorecardId: null, scored: 0, after, through, full: false, enterprisesDue: 0 };
  const anniversaries = after === null ? null : anniversaryDays(after, through);
  if (after === null || anniversaries === null) {
    const result = await scoreEnterprises(db, { all: true }, through, options);
    await recordDueRun(db, CREDIT_SCORE_DUE_JOB, through);
    return { ...result, after, through, full: true, enterprisesDue: result.scored };
  }
  const ids = new Set<number>([
    ...(await enterprisesWithLapsedRecords(db, after, through, {
      from: windowStart(after, 3),
      to: windowStart(through, 3),
    })),
    ...(await enterprisesWithAnniversary(db, anniversaries)),
  ]);
  const result = await scoreEnterprises(db, { enterpriseIds: [...ids] }, through, options);
  await recordDueRun(db, CREDIT_SCORE_DUE_JOB, through);
  return { ...result, after, through, full: false, enterprisesDue: ids.size };
}

/**
 * Queues the rescoring of some enterprises (after a credit import, an objection's correction, a repair): one job,
 * in the caller's transaction when given one. For the lead's import and objection paths.
 */
export async function queueCreditRescore(
  db: Kysely<Database> | Transaction<Database>,
  enterpriseIds: readonly number[],
  requestId: string | null = null,
): Promise<void> {
  if (enterpriseIds.length === 0) return;
  await enqueueJobs(db, [
    { kind: CREDIT_SCORE_JOB, payload: { enterpriseIds: [...enterpriseIds] }, requestId },
  ]);
}

/** Queues a full scoring (a scorecard published). */
export async function queueFullScoring(
  db: Kysely<Database> | Transaction<Database>,
  requestId: string | null = null,
): Promise<void> {
  await enqueueJobs(db, [{ kind: CREDIT_SCORE_JOB, payload: { all: true }, requestId }]);
}

/** Queues the day's due run of scoring, once per day whichever instance asks first. */
export async function queueDailyCreditScore(db: Db, day: string): Promise<void> {
  await queueDailyJob(db, CREDIT_SCORE_DUE_JOB, day);
}

/** The scoring jobs: `credit-score` (`{ enterpriseIds }` or `{ all: true }`) and `credit-score-due`. */
export function creditScoringHandlers(
  options: { lanes?: number; today?: () => string } = {},
): Record<string, JobHandler> {
  const today = options.today ?? todayInChina;
  return {
    [CREDIT_SCORE_JOB]: async (db, job, context) => {
      const payload = job.payload as { enterpriseIds?: number[]; all?: boolean };
      const who = payload.all ? ({ all: true } as const) : { enterpriseIds: payload.enterpriseIds ?? [] };
      return scoreEnterprises(db, who, today(), {
        lanes: options.lanes,
        onProgress: (done, total) => context.progress({ done, total }),
      });
    },
    [CREDIT_SCORE_DUE_JOB]: async (db) => scoreDue(db, today(), { lanes: options.lanes }),
  };
}

/** The data behind one feature's points. */
export type FeatureEvidence =
  | {
      kind: 'registry';
      /** The year of the figures read (null: the establishment date, or a recognition). */
      year: number | null;
      figures: Record<string, number | string | null>;
    }
  | {
      kind: 'records';
      category: string;
      records: {
        id: number;
        item: string;
        title: string;
        sourceDepartment: string;
        decidedOn: string;
        publishUntil: string | null;
        valueNumber: number | null;
        valueText: string | null;
      }[];
    };

/** One enterprise's score explained: the result, and for each item the feature's definition and its data. */
export interface ScoreExplanation extends ScoreResult {
  enterpriseId: number;
  scorecard: { id: number; name: string; version: number; publishedFrom: string | null };
  computedOn: string;
  explained: (ScoreItem & {
    nameZh: string;
    nameEn: string;
    unit: { zh: string; en: string } | null;
    basis: { zh: string; en: string };
    source: string;
    evidence: FeatureEvidence;
  })[];
}

const asNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));

function registryEvidence(figure: string, row: Record<string, unknown>): FeatureEvidence {
  const year = row.figures_year === null || row.figures_year === undefined ? null : Number(row.figures_year);
  switch (figure) {
    case 'age_years':
      return {
        kind: 'registry',
        year: null,
        figures: { established_on: (row.established_on as string) ?? null },
      };
    case 'specialised':
      return { kind: 'registry', year: null, figures: { specialised: (row.specialised as string) ?? null } };
    case 'employees':
      return { kind: 'registry', year, figures: { employees: asNumber(row.f1_employees) } };
    case 'operating_revenue':
      return { kind: 'registry', year, figures: { operating_revenue: asNumber(row.f1_revenue) } };
    case 'revenue_growth':
      return {
        kind: 'registry',
        year,
        figures: { operating_revenue: asNumber(row.f1_revenue), previous_revenue: asNumber(row.f2_revenue) },
      };
    case 'debt_ratio':
      return {
        kind: 'registry',
        year,
        figures: { total_liabilities: asNumber(row.f1_liabilities), total_assets: asNumber(row.f1_assets) },
      };
    default:
      return {
        kind: 'registry',
        year,
        figures: { rd_expense: asNumber(row.f1_rd_expense), operating_revenue: asNumber(row.f1_revenue) },
      };
  }
}

function recordEvidence(
  rule: Extract<FeatureRule, { from: 'records' }>,
  records: readonly FeatureRecord[],
  day: string,
): FeatureEvidence {
  return {
    kind: 'records',
    category: rule.category,
    records: recordsBehind(rule, records, day).map((r) => ({
      id: r.id,
      item: r.item,
      title: r.title,
      sourceDepartment: r.source_department,
      decidedOn: r.decided_on,
      publishUntil: r.publish_until,
      valueNumber: r.value_number,
      valueText: r.value_text,
    })),
  };
}

/** A feature value as `scoreOf` reads it: numbers for numeric features, text for categories. */
function featureValue(kind: 'number' | 'category', raw: unknown): number | string | null {
  if (raw === null || raw === undefined) return null;
  return kind === 'number' ? Number(raw) : String(raw);
}

/**
 * One enterprise's score on `day` under the published scorecard, computed now (the same feature SQL as the job,
 * then `scoreOf`), stored, and explained with the data behind each feature. NOT_FOUND when the enterprise is not
 * active (no score) or no scorecard is published. The enterprise's own page reads it this way, so what it sees is
 * what is stored.
 */
export async function scoreEnterprise(db: Db, enterpriseId: number, day: string): Promise<ScoreExplanation> {
  const explanation = await explainScore(db, enterpriseId, day);
  await storeScore(db, {
    enterpriseId,
    scorecardId: explanation.scorecard.id,
    score: explanation.score,
    grade: explanation.grade,
    items: explanation.items,
    day,
  });
  return explanation;
}

/**
 * One enterprise's score on `day` computed and explained as `scoreEnterprise` does, and written nowhere: a read
 * (a bank's report) takes no lock on the score's row and writes only its own access log.
 */
export async function explainScore(db: Db, enterpriseId: number, day: string): Promise<ScoreExplanation> {
  const scorecard: ScorecardRow | undefined = await findPublishedScorecard(db);
  if (!scorecard) throw new AppError('NOT_FOUND');
  const row = await featureValuesOf(db, enterpriseId, day);
  if (!row) throw new AppError('NOT_FOUND');
  const kinds = new Map(SCORECARD_FEATURES.map((f) => [f.id, f]));
  const values: Record<string, number | string | null> = {};
  for (const f of SCORECARD_FEATURES) values[f.id] = featureValue(f.kind, row[f.id]);
  const result = scoreOf(scorecard.model, values);
  const records = await recordsOfEnterprise(db, enterpriseId);
  return {
    ...result,
    enterpriseId,
    scorecard: {
      id: scorecard.id,
      name: scorecard.name,
      version: scorecard.version,
      publishedFrom: scorecard.publishedFrom,
    },
    computedOn: day,
    explained: result.items.map((item) => {
      const feature = kinds.get(item.feature);
      const computation = FEATURE_COMPUTATIONS[item.feature];
      const rule = computation?.rule;
      return {
        ...item,
        nameZh: feature?.nameZh ?? item.feature,
        nameEn: feature?.nameEn ?? item.feature,
        unit: feature?.unit ?? null,
        basis: computation?.basis ?? { zh: '', en: '' },
        source: feature?.source ?? 'registry',
        evidence:
          rule === undefined || rule.from === 'registry'
            ? registryEvidence(rule?.figure ?? item.feature, row)
            : recordEvidence(rule, records, day),
      };
    }),
  };
}
