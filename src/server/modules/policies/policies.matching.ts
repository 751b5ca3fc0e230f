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
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import { regionScopePrefix } from '../../../reference/regions.ts';
import { todayInChina } from '../../../shared/today.ts';
import type { Database } from '../../db/schema.ts';
import { JOB_KINDS, type JobHandler, queueDailyJob } from '../jobs/index.ts';
import { notificationCtes, queueDelivery } from '../notifications/index.ts';
import { enterprisesOfImport } from '../registry/index.ts';
import { compileRules } from './eligibility.sql.ts';
import { type PublishedVersion, publishedVersions } from './policies.repository.ts';

/** Job kinds. */
export const POLICY_MATCH_JOB = JOB_KINDS.policyMatch;
export const ENTERPRISE_MATCH_JOB = JOB_KINDS.enterpriseMatch;

/** Which enterprises to recompute: all, some by id, or those an import wrote. */
export type MatchScope = { all: true } | { enterpriseIds: number[] } | { importJobId: number };

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

function scopeCondition(scope: MatchScope, column: RawBuilder<unknown>): RawBuilder<boolean> {
  if ('all' in scope) return sql<boolean>`true`;
  if ('enterpriseIds' in scope) return sql<boolean>`${column} = any(${scope.enterpriseIds}::bigint[])`;
  return sql<boolean>`${column} in ${enterprisesOfImport(scope.importJobId)}`;
}

/** The region part of a policy's condition: national, or any of its regions' subtrees. */
export function regionCondition(regions: readonly string[]): RawBuilder<boolean> {
  if (regions.length === 0) return sql<boolean>`true`;
  return sql<boolean>`(${sql.join(
    regions.map((code) => sql`starts_with(e.region_code, ${regionScopePrefix(code)})`),
    sql` or `,
  )})`;
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
  const only = policyIds ? sql`and p.id = any(${[...policyIds]}::int[])` : sql``;
  const withdrawn = await sql`delete from policy_matches m using policies p
    where p.id = m.policy_id and p.status <> 'published' ${only}
      and ${scopeCondition(scope, sql`m.enterprise_id`)}`.execute(db);
  result.removed += Number(withdrawn.numAffectedRows ?? 0);
  const versions = await publishedVersions(db, policyIds ?? undefined);
  const live = versions.filter((v) => inForce(v, date));
  const dead = versions.filter((v) => !inForce(v, date));
  if (dead.length > 0) {
    const { numDeletedRows } = await db
      .deleteFrom('policy_matches')
      .where(
        'policy_id',
        'in',
        dead.map((v) => v.id),
      )
      .where(scopeCondition(scope, sql`enterprise_id`))
      .executeTakeFirst();
    result.removed += Number(numDeletedRows);
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
 * Recomputes one chunk of policies for the enterprises in scope, in one transaction of three statements: the
 * qualifying pairs into a temporary table (one scan; analysed, so the next two are planned on real numbers), the
 * pairs that no longer qualify deleted, the new ones inserted with their version and notified (kept ones moved to
 * the current version). Reading and writing the same table in one statement is avoided on purpose: an index scan
 * there visits every entry the statement has just added.
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
    const now = await trx
      .selectFrom('policies')
      .select(['id', 'status', 'current_version'])
      .where(
        'id',
        'in',
        chunk.map((v) => v.id),
      )
      .forShare()
      .execute();
    const state = new Map(now.map((p) => [p.id, p]));
    const current = chunk.filter((v) => {
      const p = state.get(v.id);
      return p?.status === 'published' && p.current_version === v.version;
    });
    const withdrawn = chunk.filter((v) => state.get(v.id)?.status !== 'published').map((v) => v.id);
    let removed = 0;
    if (withdrawn.length > 0) {
      const gone = await sql`delete from policy_matches m where m.policy_id = any(${withdrawn}::int[])
        and ${scopeCondition(scope, sql`m.enterprise_id`)}`.execute(trx);
      removed += Number(gone.numAffectedRows ?? 0);
    }
    if (current.length === 0) return { matched: 0, added: 0, notified: 0, removed };
    const counts = await matchCurrent(trx, current, scope, date);
    return { ...counts, removed: removed + counts.removed };
  });
}

/** The three statements of a chunk whose policies are locked and current. */
async function matchCurrent(
  trx: Transaction<Database>,
  chunk: readonly PublishedVersion[],
  scope: MatchScope,
  date: string,
): Promise<{ matched: number; added: number; removed: number; notified: number }> {
  const { conditions, source } = compileRules(
    chunk.map((v) => ({ rule: v.definition.rule, parameters: v.definition.parameters })),
    date,
  );
  const answers = sql.join(
    chunk.map(
      (v, i) =>
        sql`case when ${regionCondition(v.regions)} and ${conditions[i] as RawBuilder<boolean>} then ${v.id}::int end`,
    ),
    sql`, `,
  );
  const national = chunk.some((v) => v.regions.length === 0);
  const scanRegions = national
    ? sql<boolean>`true`
    : regionCondition([...new Set(chunk.flatMap((v) => v.regions))]);
  const ids = chunk.map((v) => v.id);
  const versionRows = sql.join(
    chunk.map(
      (v) =>
        sql`(${v.id}::int, ${v.version}::int, ${`新政策与您匹配：${v.title_zh}`}, ${`A new policy matches you: ${v.title_en}`})`,
    ),
  );
  await sql`create temporary table match_fresh on commit drop as
    select x.enterprise_id, unnest(x.policies) as policy_id
    from (
      select e.id as enterprise_id, array_remove(array[${answers}], null) as policies
      from ${source}
      where e.status = 'active' and ${scanRegions} and ${scopeCondition(scope, sql`e.id`)}
      offset 0
    ) as x
    where cardinality(x.policies) > 0`.execute(trx);
  await sql`analyze match_fresh`.execute(trx);
  const gone = await sql`
    delete from policy_matches m
    where m.policy_id = any(${ids}::int[]) and ${scopeCondition(scope, sql`m.enterprise_id`)}
      and not exists (
        select 1 from match_fresh f where f.policy_id = m.policy_id and f.enterprise_id = m.enterprise_id)`.execute(
    trx,
  );
  const { rows } = await sql<{ matched: number; added: number; notified: number; delivered: number }>`
    with versions (policy_id, version, title_zh, title_en) as (values ${versionRows}),
    upserted as (
      insert into policy_matches (policy_id, enterprise_id, version)
      select f.policy_id, f.enterprise_id, v.version from match_fresh f join versions v on v.policy_id = f.policy_id
      on conflict (policy_id, enterprise_id) do update set version = excluded.version
        where policy_matches.version <> excluded.version
      returning policy_id, enterprise_id, version, (xmax = 0) as inserted
    ),
    news as (
      select u.enterprise_id, 'policy_match'::text as kind, u.policy_id, u.version, v.title_zh, v.title_en
      from upserted u join versions v on v.policy_id = u.policy_id
      where u.inserted
    ),
    ${notificationCtes('news')}
    select (select count(*) from match_fresh)::int as matched,
      (select count(*) from upserted where inserted)::int as added,
      (select count(*) from noted)::int as notified,
      (select count(*) from delivered)::int as delivered`.execute(trx);
  const counts = rows[0] as { matched: number; added: number; notified: number; delivered: number };
  if (counts.delivered > 0) await queueDelivery(trx);
  return { ...counts, removed: Number(gone.numAffectedRows ?? 0) };
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
