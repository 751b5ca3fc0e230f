/**
 * Scoring the whole registry for the cultivation tiers (issue 18): every enterprise (of a region, or all) assessed
 * against each tier's standard in force on a day, as its own page assesses it live (`cultivation.assess.ts`): the
 * registry's figures of the data year (the year before the day's) and the two before it, the recognitions held on
 * the day, the enterprise's own facts of the data year and its province's 特色化 indicators. The result of each tier
 * — status, score, each dimension's points, how many facts are missing, the standard version and the data year — is
 * kept in `cultivation_scores` for the officials' lists of likely candidates and the dashboard.
 *
 * A background job: batches of enterprises in id order (keyset), each batch read through the registry's index and
 * written in one statement in its own transaction, only the rows whose result changed. Scoring is idempotent, so a
 * run cut off is simply run again: batches already written find nothing to change.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, assertInRegion, type Caller, requireActor } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import { listAudit } from '../audit/index.ts';
import { enqueueJobs, findJobStatus, JOB_KINDS, type JobHandler, queuedJobId } from '../jobs/index.ts';
import { enterpriseFactsSql } from '../registry/index.ts';
import { compiledFor, provinceOf } from './cultivation.assess.ts';
import { audit } from './cultivation.audit.ts';
import {
  combineFacts,
  type RegistryCertification,
  type RegistryYearFigures,
  readOwnFacts,
} from './cultivation.facts.rules.ts';
import { provinceIndicatorSets } from './cultivation.repository.ts';
import {
  assessTiers,
  type CompiledStandard,
  type CompiledTiers,
  type TierAssessment,
} from './cultivation.rules.ts';
import { CULTIVATION_TIERS, findCultivationStandard, type TierStandard } from './cultivation.standards.ts';
import type { AssessmentStatus, TierCode } from './cultivation.table.ts';

/** Enterprises read and scored per batch (one transaction each). */
export const SCORING_BATCH = 10_000;

export interface ScoringScope {
  /** The day of the assessment (YYYY-MM-DD): the standards in force on it, the data year the one before. */
  onDate: string;
  /** A GB/T 2260 code prefix of the enterprises' regions; '' or absent: every enterprise. */
  regionPrefix?: string;
  /** Enterprises per batch (SCORING_BATCH unless told). */
  batchSize?: number;
}

/** A tier's results of a run: the standard it was scored against and the enterprises by status. */
export interface ScoringTierCounts {
  tier: TierCode;
  standardVersion: string;
  likely: number;
  unlikely: number;
  incomplete: number;
}

/** A run's running counts (after each batch) and its result. */
export interface ScoringProgress {
  onDate: string;
  dataYear: number;
  /** The region prefix scored ('' every enterprise). */
  prefix: string;
  /** Enterprises scored so far. */
  enterprises: number;
  /** Rows (enterprise × tier) written because their result changed. */
  changed: number;
  /** The highest enterprise id scored so far (batches go in id order). */
  lastId: number;
  /** Per tier in force, the enterprises by status. */
  tiers: ScoringTierCounts[];
}

/** One enterprise's result for one tier, as `cultivation_scores` keeps it. */
export interface ScoreRow {
  enterpriseId: number;
  tier: TierCode;
  standardVersion: string;
  dataYear: number;
  status: AssessmentStatus;
  /** The total score, rounded to 2 decimals as stored; null for a tier without a score (little giants). */
  score: number | null;
  /** Each dimension's points by its id. */
  dimensions: Record<string, number>;
  /** How many facts the assessment names missing. */
  missing: number;
}

/** What a stored row is compared on (the time it was computed aside). */
function sameRow(a: ScoreRow, b: ScoreRow): boolean {
  if (
    a.status !== b.status ||
    a.score !== b.score ||
    a.missing !== b.missing ||
    a.standardVersion !== b.standardVersion ||
    a.dataYear !== b.dataYear
  )
    return false;
  const keys = Object.keys(a.dimensions);
  if (keys.length !== Object.keys(b.dimensions).length) return false;
  for (const key of keys) if (a.dimensions[key] !== b.dimensions[key]) return false;
  return true;
}

/** An assessment as the row of its enterprise and tier. */
export function scoreRow(
  enterpriseId: number,
  compiled: CompiledStandard,
  assessment: TierAssessment,
  dataYear: number,
): ScoreRow {
  const dimensions: Record<string, number> = {};
  for (const dimension of compiled.dimensions)
    dimensions[dimension.id] = assessment.dimensionPointsOf(dimension.id) ?? 0;
  return {
    enterpriseId,
    tier: compiled.tier,
    standardVersion: assessment.standardId,
    dataYear,
    status: assessment.status,
    score: compiled.standard.score === null ? null : Math.round(assessment.total * 100) / 100,
    dimensions,
    missing: assessment.missing.length,
  };
}

/** The standards of the tiers in force on a day (tiers without one left out). */
export function standardsInForce(onDate: string): TierStandard[] {
  const standards: TierStandard[] = [];
  for (const tier of CULTIVATION_TIERS) {
    const standard = findCultivationStandard(tier.code, onDate);
    if (standard) standards.push(standard);
  }
  return standards;
}

/** The tiers in force compiled for each province (its 特色化 set where it has one), once per run. */
async function compilerFor(db: Kysely<Database>, onDate: string) {
  const standards = standardsInForce(onDate);
  const sets = await provinceIndicatorSets(db, Number(onDate.slice(0, 4)));
  const byProvince = new Map<string | null, CompiledTiers>();
  return (province: string | null): CompiledTiers => {
    let compiled = byProvince.get(province);
    if (!compiled) {
      const tiers = standards.map((standard) =>
        compiledFor(
          standard,
          province === null
            ? null
            : (sets.find((s) => s.province === province && s.standardId === standard.id) ?? null),
        ),
      );
      const used = new Set<number>();
      for (const tier of tiers) for (const at of tier.measureIndexes) used.add(at);
      compiled = { tiers, measureIndexes: Int32Array.from([...used].sort((a, b) => a - b)) };
      byProvince.set(province, compiled);
    }
    return compiled;
  };
}

interface FigureRow extends RegistryYearFigures {
  enterprise_id: number;
  year: number;
}

interface StoredRow {
  enterprise_id: number;
  tier: TierCode;
  standard_version: string;
  data_year: number;
  status: AssessmentStatus;
  score: number | null;
  dimensions: Record<string, number>;
  missing: number;
}

/** A batch as read: its enterprises and what the rules read of them, and the rows stored for them. */
interface Batch {
  /** The enterprises, in id order. */
  ids: number[];
  regions: (string | null)[];
  /** The batch's id range, both ends included. */
  lo: number;
  hi: number;
  /** Whether the batch was full (more may follow). */
  full: boolean;
  figures: Map<number, RegistryYearFigures>[];
  certifications: Map<number, RegistryCertification[]>;
  own: Map<number, Record<string, unknown>>;
  stored: Map<number, StoredRow>;
}

const TIER_INDEX: Record<TierCode, number> = { innovative: 0, specialised: 1, little_giant: 2 };
const storedKey = (enterpriseId: number, tier: TierCode) => enterpriseId * 4 + TIER_INDEX[tier];

/**
 * Reads the next batch after an id: the enterprises (of the prefix) in id order, then in parallel their figures of
 * the three years, their recognitions valid on the day, their own facts of the data year and their stored scores.
 * Each read states the batch's id range, so each reads its own rows through the enterprise-first keys.
 */
async function readBatch(
  db: Kysely<Database>,
  after: number,
  size: number,
  prefix: string,
  onDate: string,
  dataYear: number,
): Promise<Batch | null> {
  const { rows: enterprises } = await sql<{ id: number; region_code: string | null }>`
    select id, region_code from ${enterpriseFactsSql.enterprises()} e
    where id > ${after} ${prefix === '' ? sql`` : sql`and region_code like ${`${prefix}%`}`}
    order by id limit ${size}`.execute(db);
  if (enterprises.length === 0) return null;
  const ids = enterprises.map((e) => Number(e.id));
  const lo = ids[0] as number;
  const hi = ids[ids.length - 1] as number;
  // A region's enterprises are a part of the range: only theirs are read.
  const only = (id: RawBuilder<unknown>) =>
    prefix === ''
      ? sql<boolean>`${id} between ${lo} and ${hi}`
      : sql<boolean>`${id} between ${lo} and ${hi} and ${id} = any(${ids}::bigint[])`;
  const years = [dataYear, dataYear - 1, dataYear - 2];
  const [figureRows, certificationRows, ownRows, storedRows] = await Promise.all([
    sql<FigureRow>`${sql.join(
      years.map(
        (year) => sql`select ${year}::int as year, f.enterprise_id, f.employees, f.operating_revenue,
          f.main_business_revenue, f.total_assets, f.total_liabilities, f.rd_expense, f.rd_staff
          from ${enterpriseFactsSql.figures(year, only)} f`,
      ),
      sql` union all `,
    )}`.execute(db),
    sql<{ enterprise_id: number; name: string; valid_from: string; valid_to: string | null }>`
      select c.enterprise_id, c.name, c.valid_from, c.valid_to from ${enterpriseFactsSql.certifications(only)} c
      where c.valid_from <= ${onDate}::date and (c.valid_to is null or c.valid_to >= ${onDate}::date)`.execute(
      db,
    ),
    sql<{ enterprise_id: number; facts: Record<string, unknown> }>`
      select enterprise_id, facts from cultivation_facts
      where year = ${dataYear} and ${only(sql.ref('enterprise_id'))}`.execute(db),
    sql<StoredRow>`
      select enterprise_id, tier, standard_version, data_year, status, score, dimensions, missing
      from cultivation_scores where ${only(sql.ref('enterprise_id'))}`.execute(db),
  ]);
  const figures = years.map(() => new Map<number, RegistryYearFigures>());
  for (const f of figureRows.rows) figures[dataYear - f.year]?.set(Number(f.enterprise_id), f);
  const certifications = new Map<number, RegistryCertification[]>();
  for (const c of certificationRows.rows) {
    const id = Number(c.enterprise_id);
    let list = certifications.get(id);
    if (!list) {
      list = [];
      certifications.set(id, list);
    }
    list.push({ name: c.name, validFrom: c.valid_from, validTo: c.valid_to });
  }
  const own = new Map<number, Record<string, unknown>>();
  for (const o of ownRows.rows) own.set(Number(o.enterprise_id), o.facts);
  const stored = new Map<number, StoredRow>();
  for (const s of storedRows.rows) stored.set(storedKey(Number(s.enterprise_id), s.tier), s);
  return {
    ids,
    regions: enterprises.map((e) => e.region_code),
    lo,
    hi,
    full: ids.length === size,
    figures,
    certifications,
    own,
    stored,
  };
}

const NO_CERTIFICATIONS: RegistryCertification[] = [];

/**
 * Writes a batch's changed rows in one statement: an upsert from arrays that changes a stored row only when its
 * result differs (a run racing another, or run again, changes nothing twice); rows of tiers no longer in force are
 * removed in the same statement. The batch's id range is stated so that no statement looks past the batch.
 */
async function writeBatch(
  db: Kysely<Database>,
  rows: readonly ScoreRow[],
  gone: readonly TierCode[],
  lo: number,
  hi: number,
): Promise<void> {
  if (rows.length === 0 && gone.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const removal =
      gone.length === 0
        ? sql``
        : sql`with gone as (delete from cultivation_scores where enterprise_id between ${lo} and ${hi}
            and tier = any(${[...gone]}::text[]))`;
    if (rows.length === 0) {
      await sql`${removal} select 1`.execute(trx);
      return;
    }
    await sql`${removal}
      insert into cultivation_scores as s (enterprise_id, tier, standard_version, data_year, status, score,
        dimensions, missing, computed_at)
      select u.enterprise_id, u.tier, u.standard_version, u.data_year, u.status, u.score, u.dimensions::jsonb,
        u.missing, now()
      from unnest(${rows.map((r) => r.enterpriseId)}::bigint[], ${rows.map((r) => r.tier)}::text[],
          ${rows.map((r) => r.standardVersion)}::text[], ${rows.map((r) => r.dataYear)}::int[],
          ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.score)}::numeric[],
          ${rows.map((r) => JSON.stringify(r.dimensions))}::text[], ${rows.map((r) => r.missing)}::int[])
        as u(enterprise_id, tier, standard_version, data_year, status, score, dimensions, missing)
      where u.enterprise_id between ${lo} and ${hi}
      on conflict (enterprise_id, tier) do update set standard_version = excluded.standard_version,
        data_year = excluded.data_year, status = excluded.status, score = excluded.score,
        dimensions = excluded.dimensions, missing = excluded.missing, computed_at = excluded.computed_at
      where s.enterprise_id between ${lo} and ${hi}
        and (s.standard_version, s.data_year, s.status, s.score, s.dimensions, s.missing)
          is distinct from (excluded.standard_version, excluded.data_year, excluded.status, excluded.score,
            excluded.dimensions, excluded.missing)`.execute(trx);
  });
}

/**
 * Scores every enterprise (of a region prefix, or all) for the tiers in force on `onDate` and writes the rows whose
 * result changed. `progress` hears the running counts after each batch; `signal` cuts the run off between batches
 * (the batch being written is let finish: each is whole or not at all). Run again after a cut, it finishes the
 * work and changes nothing already right.
 */
export async function scoreRegistry(
  db: Kysely<Database>,
  scope: ScoringScope,
  progress: (p: ScoringProgress) => Promise<void> = async () => {},
  signal?: AbortSignal,
): Promise<ScoringProgress> {
  const { onDate } = scope;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(onDate)) throw new RangeError(`not a day: ${onDate}`);
  const prefix = scope.regionPrefix ?? '';
  const size = scope.batchSize ?? SCORING_BATCH;
  const dataYear = Number(onDate.slice(0, 4)) - 1;
  const compiled = await compilerFor(db, onDate);
  const inForce = standardsInForce(onDate);
  const gone = CULTIVATION_TIERS.map((t) => t.code).filter((code) => !inForce.some((s) => s.tier === code));
  const done: ScoringProgress = {
    onDate,
    dataYear,
    prefix,
    enterprises: 0,
    changed: 0,
    lastId: 0,
    tiers: inForce.map((s) => ({
      tier: s.tier,
      standardVersion: s.id,
      likely: 0,
      unlikely: 0,
      incomplete: 0,
    })),
  };
  const snapshot = (): ScoringProgress => ({ ...done, tiers: done.tiers.map((t) => ({ ...t })) });
  // The next batch is read while this one is scored; its write goes on while the next is scored (one at a time,
  // so a failed write stops the run before it goes further).
  let reading: Promise<Batch | null> = readBatch(db, 0, size, prefix, onDate, dataYear);
  let writing: Promise<unknown> = Promise.resolve();
  const settle = async () => {
    await reading.catch(() => {});
    await writing;
  };
  for (;;) {
    if (signal?.aborted) {
      await settle();
      signal.throwIfAborted();
    }
    let batch: Batch | null;
    try {
      batch = await reading;
    } catch (error) {
      await writing.catch(() => {});
      throw error;
    }
    if (batch === null) break;
    reading = batch.full ? readBatch(db, batch.hi, size, prefix, onDate, dataYear) : Promise.resolve(null);
    // Awaited at the loop's top; until then its failure is held, not reported as unhandled.
    reading.catch(() => {});
    const changed: ScoreRow[] = [];
    const [y0, y1, y2] = batch.figures as [
      Map<number, RegistryYearFigures>,
      Map<number, RegistryYearFigures>,
      Map<number, RegistryYearFigures>,
    ];
    for (let i = 0; i < batch.ids.length; i++) {
      const id = batch.ids[i] as number;
      const tiers = compiled(provinceOf(batch.regions[i] ?? null));
      const stored = batch.own.get(id);
      const facts = combineFacts(
        (year) =>
          (year === dataYear ? y0 : year === dataYear - 1 ? y1 : year === dataYear - 2 ? y2 : undefined)?.get(
            id,
          ),
        batch.certifications.get(id) ?? NO_CERTIFICATIONS,
        stored === undefined ? {} : readOwnFacts(stored).facts,
        dataYear,
        onDate,
      );
      const results = assessTiers(tiers, facts);
      for (let t = 0; t < results.length; t++) {
        const standard = tiers.tiers[t] as CompiledStandard;
        const row = scoreRow(id, standard, results[t] as TierAssessment, dataYear);
        const counts = done.tiers[t] as ScoringTierCounts;
        counts[row.status] += 1;
        const before = batch.stored.get(storedKey(id, row.tier));
        if (
          before === undefined ||
          !sameRow(row, {
            enterpriseId: id,
            tier: before.tier,
            standardVersion: before.standard_version,
            dataYear: before.data_year,
            status: before.status,
            score: before.score === null ? null : Number(before.score),
            dimensions: before.dimensions,
            missing: before.missing,
          })
        )
          changed.push(row);
      }
    }
    const storedGone = gone.filter((tier) => batch.ids.some((id) => batch.stored.has(storedKey(id, tier))));
    await writing;
    writing = writeBatch(db, changed, storedGone, batch.lo, batch.hi);
    writing.catch(() => {});
    done.enterprises += batch.ids.length;
    done.changed += changed.length;
    done.lastId = batch.hi;
    await progress(snapshot());
  }
  await writing;
  return snapshot();
}

// ---------------------------------------------------------------------------------------------------------------
// The job: queued by an official of a province (their province or a region in it) or an admin (any, or all)

/** A scoring job's payload. */
interface ScoringPayload {
  prefix: string;
  regionCode: string;
  onDate: string;
}

/** Whether the actor may start or see a run of this region ('' the nation: admins only). */
function mayScore(actor: Actor, regionCode: string): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'official' || actor.regionPrefix === null || actor.regionPrefix.length !== 2)
    return false;
  if (regionCode === '') return false;
  try {
    assertInRegion(actor, regionCode);
    return true;
  } catch {
    return false;
  }
}

/**
 * Queues a registry-wide scoring for today (audited `cultivation.scoring_queued`): an official of a province for
 * their province or a region in it, an admin for any region or (without one) every enterprise. A run of the same
 * region and day already queued answers instead. Returns the job's state.
 */
export async function queueScoring(db: Kysely<Database>, caller: Caller, body: { regionCode?: string }) {
  const actor = requireActor(caller);
  if (actor.role !== 'admin' && !(actor.role === 'official' && actor.regionPrefix?.length === 2))
    throw new AppError('FORBIDDEN');
  const scope = resolveRegionScope(actor, body.regionCode, 'regionCode');
  const regionCode = scope.code ?? '';
  if (!mayScore(actor, regionCode)) throw new AppError('FORBIDDEN');
  const onDate = todayInChina();
  const dedupeKey = `${JOB_KINDS.cultivationScoring}:${scope.prefix}:${onDate}`;
  const payload: ScoringPayload = { prefix: scope.prefix, regionCode, onDate };
  const id = await db.transaction().execute(async (trx) => {
    const [queued] = await enqueueJobs(trx, [
      { kind: JOB_KINDS.cultivationScoring, payload, dedupeKey, requestId: caller.requestId },
    ]);
    // The same run already queued: that one answers (and was audited when queued).
    if (queued === undefined) return queuedJobId(trx, dedupeKey);
    await audit(
      trx,
      caller,
      actor,
      'scoring_queued',
      { type: 'cultivation_scoring', id: Number(queued) },
      { regionCode, onDate },
    );
    return Number(queued);
  });
  if (id === undefined) throw new AppError('CONFLICT');
  return scoringStatus(db, caller, id);
}

/** A scoring run's state: what it scores, how far it got (or its result), who queued it. */
export interface ScoringStatus {
  id: number;
  regionCode: string;
  onDate: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  /** The running counts while it runs, the result when done; null before its first batch. */
  counts: ScoringProgress | null;
  error: string | null;
  startedBy: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** A scoring job's state, for an admin or an official of the province it covers. */
export async function scoringStatus(
  db: Kysely<Database>,
  caller: Caller,
  id: number,
): Promise<ScoringStatus> {
  const actor = requireActor(caller);
  const job = await findJobStatus(db, id);
  if (!job || job.kind !== JOB_KINDS.cultivationScoring) throw new AppError('NOT_FOUND');
  const payload = job.payload as ScoringPayload;
  if (!mayScore(actor, payload.regionCode)) throw new AppError('NOT_FOUND');
  const { items } = await listAudit(db, {
    action: 'cultivation.scoring_queued',
    targetType: 'cultivation_scoring',
    targetId: String(id),
    page: 1,
    pageSize: 1,
  });
  return {
    id: Number(job.id),
    regionCode: payload.regionCode,
    onDate: payload.onDate,
    status: job.status as ScoringStatus['status'],
    counts: (job.result ?? job.progress ?? null) as ScoringProgress | null,
    error: job.error_message,
    startedBy: items[0]?.actorUsername ?? null,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}

/** The job that scores (idempotent: a run cut off is run again from the start). */
export function cultivationScoringHandler(): JobHandler {
  return async (db, job, context) => {
    const payload = job.payload as ScoringPayload;
    return scoreRegistry(
      db,
      { onDate: payload.onDate, regionPrefix: payload.prefix },
      (p) => context.progress(p),
      context.signal,
    );
  };
}
