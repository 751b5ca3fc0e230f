/**
 * Matching kept current (issue 4): which enterprises qualify for which published policies, recomputed set-based
 * in the database by durable jobs when a policy is published, amended or withdrawn, when an enterprise's facts
 * change, and by a daily due run that takes only what the date alone changed since the last one — policies coming
 * into force or expiring, a new year for rules reading relative years, enterprises' anniversaries and
 * certifications starting or lapsing (issue 21; `huiqi match --all` still rescans everything, to the same result).
 *
 * One transaction per chunk of up to 100 policies: the rules compiled together over one scan of the registry
 * (`compileRules`), the qualifying pairs compared with the stored ones — lost matches deleted, new ones inserted
 * with the version that decided them and a notification each (with its email/SMS deliveries), kept ones moved to
 * the current version. A match that is lost and later found again is notified again (it is new news).
 * Recomputing is idempotent, so a job that is retried or taken over after a crash leaves the same result.
 */
import type { Kysely } from 'kysely';
import { todayInChina } from '../../../shared/today.ts';
import { withoutShardLocks } from '../../db/distribute.ts';
import type { Database } from '../../db/schema.ts';
import { dueWindow, JOB_KINDS, type JobHandler, queueDailyJob, recordDueRun } from '../jobs/index.ts';
import { queueDelivery } from '../notifications/index.ts';
import {
  enterpriseIdRange,
  enterprisesChangedByImport,
  enterprisesWithAnniversary,
  enterprisesWithCertificationChange,
} from '../registry/index.ts';
import {
  deleteMatchesOf,
  deleteUnpublishedMatches,
  lockPolicyStates,
  type MatchScope,
  rematchCurrent,
} from './policies.matching.repository.ts';
import { type PublishedVersion, publishedVersions } from './policies.repository.ts';
import {
  anniversariesBetween,
  type DateReads,
  dateReads,
  policyChangesBetween,
} from './policies.schedule.rules.ts';

export type { MatchScope } from './policies.matching.repository.ts';

/** Job kinds. */
export const POLICY_MATCH_JOB = JOB_KINDS.policyMatch;
export const ENTERPRISE_MATCH_JOB = JOB_KINDS.enterpriseMatch;
export const MATCH_DUE_JOB = JOB_KINDS.matchDue;

/** What a matching run did. */
export interface MatchResult {
  policies: number;
  matched: number;
  added: number;
  removed: number;
  notified: number;
}

const CHUNK = 100;

/** Is a version in force on a date? */
export function inForce(version: { effective_from: string; expires_on: string | null }, date: string) {
  return version.effective_from <= date && (version.expires_on === null || version.expires_on >= date);
}

/** Recomputes the matches of some policies (null: every published one) for the enterprises in scope. */
export async function matchPolicies(
  db: Kysely<Database>,
  policyIds: readonly number[] | null,
  scope: MatchScope,
  date: string,
  options: { lanes?: number; onProgress?: (done: number, total: number) => Promise<void> } = {},
): Promise<MatchResult> {
  const result: MatchResult = { policies: 0, matched: 0, added: 0, removed: 0, notified: 0 };
  // Policies that are no longer published (withdrawn) lose their matches.
  result.removed += await deleteUnpublishedMatches(db, policyIds, scope);
  const versions = await publishedVersions(db, policyIds ?? undefined);
  const live = versions.filter((v) => inForce(v, date));
  const dead = versions.filter((v) => !inForce(v, date));
  if (dead.length > 0) {
    result.removed += await deleteMatchesOf(
      db,
      dead.map((v) => v.id),
      scope,
    );
  }
  // Chunks of policies, `lanes` of them side by side (each a scan in its own backend; PostgreSQL runs them on
  // separate cores, PGlite one after the other).
  const lanes = Math.max(1, options.lanes ?? 1);
  const size = Math.min(CHUNK, Math.max(1, Math.ceil(live.length / lanes)));
  const chunks: PublishedVersion[][] = [];
  for (let i = 0; i < live.length; i += size) chunks.push(live.slice(i, i + size));
  // Fewer chunks than lanes over the whole registry (one policy amended or published): each chunk is cut into
  // slices of the registry by enterprise id, so every lane has work (each slice its own transaction).
  const slices =
    'all' in scope && chunks.length > 0 && chunks.length < lanes
      ? await registrySlices(db, Math.ceil(lanes / chunks.length))
      : [scope];
  const work = chunks.flatMap((chunk) => slices.map((slice) => ({ chunk, slice })));
  const slicesLeft = new Map(chunks.map((chunk) => [chunk, slices.length]));
  let done = 0;
  let next = 0;
  // A lane that fails stops the others taking more work; the call ends (with the first error) only when every
  // lane has stopped, so no transaction of this run is still going on after it, behind the job's retry.
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    try {
      await laneWork();
    } catch (error) {
      failure ??= { error };
    }
  };
  const laneWork = async () => {
    while (next < work.length && failure === null) {
      const { chunk, slice } = work[next++] as (typeof work)[number];
      const counts = await matchChunk(db, chunk, slice, date);
      result.matched += counts.matched;
      result.added += counts.added;
      result.removed += counts.removed;
      result.notified += counts.notified;
      const left = (slicesLeft.get(chunk) as number) - 1;
      slicesLeft.set(chunk, left);
      if (left > 0) continue;
      result.policies += chunk.length;
      done += chunk.length;
      await options.onProgress?.(done, live.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, work.length) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
  return result;
}

/** The registry cut into `count` slices of equal id ranges (the whole of it when it is empty or count is 1). */
async function registrySlices(db: Kysely<Database>, count: number): Promise<MatchScope[]> {
  const { from, to } = await enterpriseIdRange(db);
  if (count <= 1 || from === null || to === null) return [{ all: true }];
  const width = Math.max(1, Math.ceil((to - from + 1) / count));
  const slices: MatchScope[] = [];
  for (let start = from; start <= to; start += width)
    slices.push({ idsFrom: start, idsTo: start + width - 1 });
  // Open at both ends: an enterprise added meanwhile is in a slice too.
  (slices[0] as { idsFrom: number }).idsFrom = 0;
  (slices.at(-1) as { idsTo: number }).idsTo = Number.MAX_SAFE_INTEGER;
  return slices;
}

/** What a due run did: the days it covered, what was due, and the matching of it. */
export interface DueResult extends MatchResult {
  /** The last day the previous run covered (null: none had; this run rescanned everything). */
  after: string | null;
  through: string;
  /** Whether everything was rescanned (no earlier run, or a year or more since it). */
  full: boolean;
  policiesDue: number;
  enterprisesDue: number;
}

/** Enterprises re-matched per call (an id list per statement). */
const ENTERPRISE_CHUNK = 5000;

/**
 * Above this many enterprises one scan of the whole registry costs less than their id lists (on the benchmark's
 * machine about 0.9 s per 5,000 ids, 36 s for all of 1,000,000).
 */
const RESCAN_ABOVE = 100_000;

/**
 * Recomputes the matches of some enterprises against some policies (null: every published one): their ids in
 * lists of 5,000, or one scan of the whole registry when there are more than `rescanAbove`.
 */
export async function matchEnterprises(
  db: Kysely<Database>,
  policyIds: readonly number[] | null,
  ids: readonly number[],
  date: string,
  options: { lanes?: number; rescanAbove?: number } = {},
): Promise<MatchResult> {
  const result: MatchResult = { policies: 0, matched: 0, added: 0, removed: 0, notified: 0 };
  if (ids.length === 0 || policyIds?.length === 0) return result;
  if (ids.length > (options.rescanAbove ?? RESCAN_ABOVE))
    return matchPolicies(db, policyIds, { all: true }, date, options);
  const sorted = [...ids].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += ENTERPRISE_CHUNK)
    addResult(
      result,
      await matchPolicies(
        db,
        policyIds,
        { enterpriseIds: sorted.slice(i, i + ENTERPRISE_CHUNK) },
        date,
        options,
      ),
    );
  return result;
}

function addResult(into: MatchResult, from: MatchResult): void {
  into.policies += from.policies;
  into.matched += from.matched;
  into.added += from.added;
  into.removed += from.removed;
  into.notified += from.notified;
}

/**
 * Every published policy against the whole registry (`huiqi match --all`): the state a due run keeps, computed
 * afresh; it covers every day up to `date`, so the next due run starts after it.
 */
export async function matchAll(
  db: Kysely<Database>,
  date: string,
  options: { lanes?: number; onProgress?: (done: number, total: number) => Promise<void> } = {},
): Promise<MatchResult> {
  const result = await matchPolicies(db, null, { all: true }, date, options);
  await recordDueRun(db, MATCH_DUE_JOB, date);
  return result;
}

/**
 * The daily due run (issue 21): matches only what the days since the last run (after, through] changed by the
 * date alone — a change of facts or of a policy queued its own job when it was made. Policies coming into force,
 * expiring, taking a parameter's new value or reading a new year are matched against the registry; the
 * enterprises with an anniversary (if a rule in force reads age) or a certification starting or lapsing (if one
 * reads certifications) against the other policies. The first run, or one after a year or more, rescans all.
 */
export async function matchDue(
  db: Kysely<Database>,
  through: string,
  options: { lanes?: number } = {},
): Promise<DueResult> {
  const { after } = await dueWindow(db, MATCH_DUE_JOB, through);
  const done = (result: MatchResult, due: Partial<DueResult> = {}): DueResult => ({
    ...result,
    after,
    through,
    full: false,
    policiesDue: 0,
    enterprisesDue: 0,
    ...due,
  });
  const empty: MatchResult = { policies: 0, matched: 0, added: 0, removed: 0, notified: 0 };
  if (after !== null && after >= through) return done(empty);
  const anniversaries = after === null ? null : anniversariesBetween(after, through);
  if (after === null || anniversaries === null) {
    const result = await matchAll(db, through, options);
    return done(result, { full: true, policiesDue: result.policies });
  }
  const versions = await publishedVersions(db);
  const due = versions.filter((v) => policyChangesBetween(v, after, through));
  const result: MatchResult = { ...empty };
  if (due.length > 0)
    addResult(
      result,
      await matchPolicies(
        db,
        due.map((v) => v.id),
        { all: true },
        through,
        options,
      ),
    );
  const others = versions.filter((v) => !due.includes(v) && inForce(v, through));
  const reads: DateReads = { age: false, yearly: false, certified: false };
  for (const v of others) {
    const r = dateReads(v.definition.rule);
    reads.age ||= r.age;
    reads.certified ||= r.certified;
  }
  const enterprises = new Set<number>([
    ...(reads.age ? await enterprisesWithAnniversary(db, anniversaries) : []),
    ...(reads.certified ? await enterprisesWithCertificationChange(db, after, through) : []),
  ]);
  const otherIds = others.map((v) => v.id);
  addResult(result, await matchEnterprises(db, otherIds, [...enterprises], through, options));
  await recordDueRun(db, MATCH_DUE_JOB, through);
  return done(result, { policiesDue: due.length, enterprisesDue: enterprises.size });
}

/**
 * Recomputes one chunk of policies for the enterprises in scope, in one transaction: the qualifying pairs into
 * `policy_match_candidates` (one scan), the pairs that no longer qualify deleted, the new ones inserted with their
 * version and notified (kept ones moved to the current version), the candidates cleared. Reading and writing the
 * same table in one statement is avoided on purpose: an index scan there visits every entry the statement has just
 * added. Each step joins tables of one colocation group, so on Citus it runs as one task per shard.
 */
async function matchChunk(
  db: Kysely<Database>,
  chunk: readonly PublishedVersion[],
  scope: MatchScope,
  date: string,
): Promise<{ matched: number; added: number; removed: number; notified: number }> {
  return db.transaction().execute(async (trx) => {
    // Chunks side by side (lanes, instances, an enterprise's re-match) write rows of their own policies or
    // enterprises: row locks order them, Citus's shard locks would only make them wait for (or deadlock on) each
    // other's shards.
    await withoutShardLocks(trx);
    // The chunk's policies as they are now, locked against a concurrent publication or withdrawal until this
    // transaction ends: a withdrawn one loses its matches here, an amended one is left to the job its amendment
    // queued (so an older version never overwrites a newer one).
    const now = await lockPolicyStates(
      trx,
      chunk.map((v) => v.id),
    );
    const state = new Map(now.map((p) => [p.id, p]));
    const current = chunk.filter((v) => {
      const p = state.get(v.id);
      return p?.status === 'published' && p.current_version === v.version;
    });
    const withdrawn = chunk.filter((v) => state.get(v.id)?.status !== 'published').map((v) => v.id);
    let removed = 0;
    if (withdrawn.length > 0) {
      removed += await deleteMatchesOf(trx, withdrawn, scope);
    }
    if (current.length === 0) return { matched: 0, added: 0, notified: 0, removed };
    const counts = await rematchCurrent(trx, current, scope, date);
    if (counts.delivered > 0) await queueDelivery(trx);
    return {
      matched: counts.matched,
      added: counts.added,
      notified: counts.notified,
      removed: removed + counts.removed,
    };
  });
}

/**
 * The matching jobs: `policy-match` recomputes some policies (payload `{ policyIds: number[] | null }`) for the
 * whole registry; `enterprise-match` recomputes some enterprises (`{ enterpriseIds }` or `{ importJobId }`)
 * against every policy; `match-due` is the daily due run (`matchDue`). `lanes`: statements run side by side (2
 * on PostgreSQL, 1 on PGlite); `today`: the date they match on (China's today; a test's clock); `rescanAbove`: how
 * many enterprises an enterprise-match job takes by id before it scans the whole registry instead.
 */
export function matchingHandlers(
  options: { lanes?: number; today?: () => string; rescanAbove?: number } = {},
): Record<string, JobHandler> {
  const today = options.today ?? todayInChina;
  return {
    [POLICY_MATCH_JOB]: async (db, job, context) => {
      const payload = job.payload as { policyIds?: number[] | null };
      return matchPolicies(db, payload.policyIds ?? null, { all: true }, today(), {
        lanes: options.lanes,
        onProgress: (done, total) => context.progress({ done, total }),
      });
    },
    [ENTERPRISE_MATCH_JOB]: async (db, job) => {
      const payload = job.payload as { enterpriseIds?: number[]; importJobId?: number };
      // An import's enterprises are those it created or updated — profile, certifications or figures — as its
      // list records them (import_job_enterprises), read when the job runs.
      const ids =
        payload.importJobId !== undefined
          ? await enterprisesChangedByImport(db, payload.importJobId)
          : (payload.enterpriseIds ?? []);
      return matchEnterprises(db, null, ids, today(), {
        lanes: options.lanes,
        rescanAbove: options.rescanAbove,
      });
    },
    [MATCH_DUE_JOB]: async (db) => matchDue(db, today(), { lanes: options.lanes }),
  };
}

/** Queues the day's due run of matching, once per day whichever instance asks first. */
export async function queueDailyMatch(db: Kysely<Database>, day: string): Promise<void> {
  await queueDailyJob(db, MATCH_DUE_JOB, day);
}
