/**
 * Matching kept current (issue 4): which enterprises qualify for which published policies, recomputed set-based
 * in the database by durable jobs when a policy is published, amended or withdrawn, when an enterprise's facts
 * change, and once a day (rules read figures relative to the date, and policies start and expire).
 *
 * One transaction per chunk of up to 100 policies: the rules compiled together over one scan of the registry
 * (`compileRules`), the qualifying pairs compared with the stored ones — lost matches deleted, new ones inserted
 * with the version that decided them and a notification each (with its email/SMS deliveries), kept ones moved to
 * the current version. A match that is lost and later found again is notified again (it is new news). Recomputing is idempotent, so a job that is retried or taken over after a crash leaves the
 * same result.
 */
import type { Kysely } from 'kysely';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { JOB_KINDS, type JobHandler, queueDailyJob } from '../jobs/index.ts';
import { queueDelivery } from '../notifications/index.ts';
import {
  deleteMatchesOf,
  deleteUnpublishedMatches,
  lockPolicyStates,
  type MatchScope,
  rematchCurrent,
} from './policies.matching.repository.ts';
import { type PublishedVersion, publishedVersions } from './policies.repository.ts';

export type { MatchScope } from './policies.matching.repository.ts';

/** Job kinds. */
export const POLICY_MATCH_JOB = JOB_KINDS.policyMatch;
export const ENTERPRISE_MATCH_JOB = JOB_KINDS.enterpriseMatch;

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
  let done = 0;
  let next = 0;
  const lane = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++] as PublishedVersion[];
      const counts = await matchChunk(db, chunk, scope, date);
      result.policies += chunk.length;
      result.matched += counts.matched;
      result.added += counts.added;
      result.removed += counts.removed;
      result.notified += counts.notified;
      done += chunk.length;
      await options.onProgress?.(done, live.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, chunks.length) }, lane));
  return result;
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

const today = todayInChina;

/**
 * The matching jobs: `policy-match` recomputes some policies (payload `{ policyIds: number[] | null }`) for the
 * whole registry; `enterprise-match` recomputes some enterprises (`{ enterpriseIds }` or `{ importJobId }`)
 * against every policy. `lanes`: statements run side by side (2 on PostgreSQL, 1 on PGlite).
 */
export function matchingHandlers(options: { lanes?: number } = {}): Record<string, JobHandler> {
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
      const scope: MatchScope =
        payload.importJobId !== undefined
          ? { importJobId: payload.importJobId }
          : { enterpriseIds: payload.enterpriseIds ?? [] };
      return matchPolicies(db, null, scope, today(), { lanes: options.lanes });
    },
  };
}

/** Queues the daily recomputation of every policy, once per day whichever instance asks first. */
export async function queueDailyMatch(db: Kysely<Database>, day: string): Promise<void> {
  await queueDailyJob(db, POLICY_MATCH_JOB, day, { policyIds: null });
}
