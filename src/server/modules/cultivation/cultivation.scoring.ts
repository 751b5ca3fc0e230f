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
  type EnterpriseFacts,
  type FactKey,
  MEASURES,
  type TierAssessment,
  tiersTogether,
  withoutContradictions,
} from './cultivation.rules.ts';
import {
  CULTIVATION_TIERS,
  findCultivationStandard,
  LEVEL_OPTIONS,
  type Test,
  type TierStandard,
} from './cultivation.standards.ts';
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
  /**
   * Batches written side by side (2 unless told): their id ranges never meet, and on PostgreSQL a second write lets
   * the server use another core while the first commits. A failed write stops the run before another is started.
   */
  writers?: number;
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

/**
 * The order PostgreSQL gives an object's keys in jsonb's text (shorter first, then byte by byte), so that a row's
 * dimensions are written as jsonb will print them and compared as text.
 */
function jsonbKeyOrder(keys: readonly string[]): string[] {
  return [...keys].sort(
    (a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || Buffer.compare(Buffer.from(a), Buffer.from(b)),
  );
}

/** A row's dimensions as jsonb prints them (`{"a": 1, "b": 2}`): each key's text before its value, in jsonb's order. */
function dimensionsText(
  order: readonly { key: string; before: string }[],
  dimensions: Record<string, number>,
): string {
  if (order.length === 0) return '{}';
  let text = '';
  for (const { key, before } of order) text += before + String(dimensions[key]);
  return `${text}}`;
}

/** What a stored row is compared on, as text (SQL `fingerprint` builds the same from the columns). */
function fingerprint(row: ScoreRow, dimensions: string): string {
  return `${row.status}|${row.score === null ? '' : row.score.toFixed(2)}|${row.missing}|${dimensions}`;
}

/** Every fact the rules read (TypeScript keeps the list whole when EnterpriseFacts grows). */
const FACT_KEYS = Object.keys({
  employees: 1,
  rdStaff: 1,
  operatingRevenue: 1,
  operatingRevenuePrev: 1,
  mainBusinessRevenue: 1,
  mainBusinessRevenuePrev: 1,
  mainBusinessRevenuePrev2: 1,
  totalAssets: 1,
  totalLiabilities: 1,
  netProfit: 1,
  rdExpense: 1,
  rdExpensePrev: 1,
  certifications: 1,
  nicheYears: 1,
  ipClassIHighValue: 1,
  ipClassISelfDeveloped: 1,
  ipClassIOther: 1,
  ipClassII: 1,
  ipClassIInUse: 1,
  rdInstitution: 1,
  digitalLevel: 1,
  qualityItems: 1,
  productField: 1,
  inStrategicCatalogue: 1,
  nationalAwardRank: 1,
  provincialAwardRank: 1,
  makerChinaTop500: 1,
  newEquity2y: 1,
  newEquity3y: 1,
  informationSystems: 1,
  certifiedManagement: 1,
  nationalMarketShare: 1,
  keyChainLink: 1,
  priorityField: 1,
  provinceIndicators: 1,
} satisfies Record<FactKey, 1>) as FactKey[];

/**
 * A fact's class, as far as which facts an assessment names missing can depend on it (a character code): unknown
 * or not, and for a number whether it is 0 or below (a ratio's base), under 1 or 1 and above (a count of IP items);
 * a rank's 'none', a yes or a no, a list empty or not.
 */
function factClass(value: unknown): number {
  if (value == null) return 110; // n
  switch (typeof value) {
    case 'number':
      return value <= 0 ? 48 : value < 1 ? 102 : 49; // 0 f 1
    case 'boolean':
      return value ? 121 : 120; // y x
    case 'string':
      return 115; // s
    default:
      return Array.isArray(value) ? (value.length === 0 ? 101 : 97) : 111; // e a o
  }
}

/** The classes of an enterprise's facts, one character each (the first part of `missingCounter`'s key). */
export function factClasses(facts: EnterpriseFacts): string {
  const codes = new Array<number>(FACT_KEYS.length);
  for (let i = 0; i < FACT_KEYS.length; i++) codes[i] = factClass(facts[FACT_KEYS[i] as FactKey]);
  return String.fromCharCode(...codes);
}

/** Whether the facts leave a condition's test undecided (three-valued, as the rules decide it). */
function undecided(test: Test, facts: EnterpriseFacts): -1 | 0 | 1 {
  switch (test.op) {
    case 'gte':
    case 'gt':
    case 'lte':
    case 'lt':
    case 'yes':
    case 'at_least': {
      const v = MEASURES[test.measure].get(facts);
      if (Number.isNaN(v)) return -1;
      switch (test.op) {
        case 'gte':
          return v >= test.value ? 1 : 0;
        case 'gt':
          return v > test.value ? 1 : 0;
        case 'lte':
          return v <= test.value ? 1 : 0;
        case 'lt':
          return v < test.value ? 1 : 0;
        case 'yes':
          return v === 1 ? 1 : 0;
        default:
          return v >= (LEVEL_OPTIONS[test.measure] as readonly string[]).indexOf(test.option) ? 1 : 0;
      }
    }
    case 'holds': {
      const held = facts.certifications;
      if (held == null) return -1;
      for (const name of test.recognitions) if (held.includes(name)) return 1;
      return 0;
    }
    case 'all':
    case 'any': {
      const all = test.op === 'all';
      let unknown = false;
      for (const part of test.of) {
        const r = undecided(part, facts);
        if (r === (all ? 0 : 1)) return r;
        if (r === -1) unknown = true;
      }
      return unknown ? -1 : all ? 1 : 0;
    }
  }
}

/**
 * How many facts an assessment names missing (`assessment.missing.length`), without writing the texts of each
 * assessment: the missing facts depend only on the standard compiled, which facts are unknown (or 0 and below, or
 * under 1), which of the province's indicators are unknown, and which conditions the unknown facts leave undecided,
 * so the count is kept by that key and the texts are written once per key (a test holds the two equal).
 */
export function missingCounter(limit = 100_000) {
  // By the facts' classes (looked up once for an enterprise's tiers), then the standard, then a number whose bits
  // are the province's indicators known and the conditions undecided.
  let counts = new Map<string, Map<CompiledStandard, Map<number, number>>>();
  const provinceIds = new Map<CompiledStandard, string[]>();
  let lastClasses: string | null = null;
  let last = new Map<CompiledStandard, Map<number, number>>();
  let size = 0;
  return (
    compiled: CompiledStandard,
    facts: EnterpriseFacts,
    classes: string,
    assessment: TierAssessment,
  ) => {
    if (classes !== lastClasses) {
      let entry = counts.get(classes);
      if (entry === undefined) {
        if (size >= limit) {
          counts = new Map();
          size = 0;
        }
        entry = new Map();
        counts.set(classes, entry);
      }
      last = entry;
      lastClasses = classes;
    }
    let ids = provinceIds.get(compiled);
    if (ids === undefined) {
      ids = compiled.indicators.filter((i) => i.id.startsWith('province:')).map((i) => i.id.slice(9));
      provinceIds.set(compiled, ids);
    }
    let bits = 1;
    for (const id of ids) bits = bits * 2 + (facts.provinceIndicators?.[id] == null ? 0 : 1);
    for (const condition of compiled.conditions)
      bits = bits * 2 + (undecided(condition.test, facts) === -1 ? 1 : 0);
    let byBits = last.get(compiled);
    if (byBits === undefined) {
      byBits = new Map();
      last.set(compiled, byBits);
    }
    let count = byBits.get(bits);
    if (count === undefined) {
      count = assessment.missing.length;
      byBits.set(bits, count);
      size++;
    }
    return count;
  };
}

/** An assessment as the row of its enterprise and tier (`missing`: its count of missing facts, when known). */
export function scoreRow(
  enterpriseId: number,
  compiled: CompiledStandard,
  assessment: TierAssessment,
  dataYear: number,
  missing: number = assessment.missing.length,
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
    missing,
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
      compiled = tiersTogether(
        standards.map((standard) =>
          compiledFor(
            standard,
            province === null
              ? null
              : (sets.find((s) => s.province === province && s.standardId === standard.id) ?? null),
          ),
        ),
      );
      byProvince.set(province, compiled);
    }
    return compiled;
  };
}

interface FigureRow extends RegistryYearFigures {
  enterprise_id: number;
  year: number;
}

/** A stored row of the run's data year and standard version, by its fingerprint. */
interface StoredRow {
  enterprise_id: number;
  tier: TierCode;
  fingerprint: string;
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
  /** The fingerprints of the rows stored for the batch's data year and standard versions, by enterprise and tier. */
  stored: Map<number, string>;
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
  versions: readonly string[],
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
    // Rows of another data year or standard version are not read: they are written again.
    sql<StoredRow>`
      select enterprise_id, tier,
        status || '|' || coalesce(score::text, '') || '|' || missing || '|' || dimensions::text as fingerprint
      from cultivation_scores where ${only(sql.ref('enterprise_id'))} and data_year = ${dataYear}
        and standard_version = any(${versions}::text[])`.execute(db),
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
  const stored = new Map<number, string>();
  for (const s of storedRows.rows) stored.set(storedKey(Number(s.enterprise_id), s.tier), s.fingerprint);
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
  const missingOf = missingCounter();
  const inForce = standardsInForce(onDate);
  const versions = inForce.map((standard) => standard.id);
  const keyOrders = new Map<CompiledStandard, { key: string; before: string }[]>();
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
  // The next batch is read while this one is scored; its write goes on while the next ones are scored (at most
  // `writers` at a time, awaited oldest first, so a failed write stops the run before it goes much further).
  const writers = Math.max(1, scope.writers ?? 2);
  let reading: Promise<Batch | null> = readBatch(db, 0, size, prefix, onDate, dataYear, versions);
  const writing: Promise<unknown>[] = [];
  const written = async () => {
    // Every write finishes (each batch is whole or not at all) before the first failure is reported.
    const results = await Promise.allSettled(writing.splice(0));
    for (const r of results) if (r.status === 'rejected') throw r.reason;
  };
  const settle = async () => {
    await reading.catch(() => {});
    await written();
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
      await written().catch(() => {});
      throw error;
    }
    if (batch === null) break;
    reading = batch.full
      ? readBatch(db, batch.hi, size, prefix, onDate, dataYear, versions)
      : Promise.resolve(null);
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
      const facts = withoutContradictions(
        combineFacts(
          (year) =>
            (year === dataYear
              ? y0
              : year === dataYear - 1
                ? y1
                : year === dataYear - 2
                  ? y2
                  : undefined
            )?.get(id),
          batch.certifications.get(id) ?? NO_CERTIFICATIONS,
          stored === undefined ? {} : readOwnFacts(stored).facts,
          dataYear,
          onDate,
        ),
      );
      const results = assessTiers(tiers, facts);
      const classes = factClasses(facts);
      for (let t = 0; t < results.length; t++) {
        const standard = tiers.tiers[t] as CompiledStandard;
        const assessment = results[t] as TierAssessment;
        const row = scoreRow(
          id,
          standard,
          assessment,
          dataYear,
          missingOf(standard, facts, classes, assessment),
        );
        const counts = done.tiers[t] as ScoringTierCounts;
        counts[row.status] += 1;
        let order = keyOrders.get(standard);
        if (order === undefined) {
          order = jsonbKeyOrder(standard.dimensions.map((d) => d.id)).map((key, i) => ({
            key,
            before: `${i === 0 ? '{' : ', '}${JSON.stringify(key)}: `,
          }));
          keyOrders.set(standard, order);
        }
        const before = batch.stored.get(storedKey(id, row.tier));
        if (before === undefined || before !== fingerprint(row, dimensionsText(order, row.dimensions)))
          changed.push(row);
      }
    }
    if (writing.length >= writers) {
      try {
        await writing.shift();
      } catch (error) {
        await written().catch(() => {});
        throw error;
      }
    }
    const write = writeBatch(db, changed, gone, batch.lo, batch.hi);
    // Awaited in turn or at the end; until then its failure is held, not reported as unhandled.
    write.catch(() => {});
    writing.push(write);
    done.enterprises += batch.ids.length;
    done.changed += changed.length;
    done.lastId = batch.hi;
    await progress(snapshot());
  }
  await written();
  return snapshot();
}

// ---------------------------------------------------------------------------------------------------------------
// The job: queued by an official of a province (their province or a region in it) or an admin (any, or all)

/** A scoring job's payload. */
interface ScoringPayload {
  prefix: string;
  regionCode: string;
  onDate: string;
  /** The username of who queued it (absent for a run queued before it was kept). */
  startedBy?: string;
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
  const payload: ScoringPayload = { prefix: scope.prefix, regionCode, onDate, startedBy: actor.username };
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
  return {
    id: Number(job.id),
    regionCode: payload.regionCode,
    onDate: payload.onDate,
    status: job.status as ScoringStatus['status'],
    counts: (job.result ?? job.progress ?? null) as ScoringProgress | null,
    error: job.error_message,
    startedBy: payload.startedBy ?? null,
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
