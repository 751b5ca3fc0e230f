/** All SQL of the policies module's matches: which enterprises a policy's rules select, kept current by the matching jobs. */
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { notificationCtes } from '../notifications/index.ts';
import { enterpriseCards, enterpriseRegions } from '../registry/index.ts';
import { compileRules, regionCondition } from './eligibility.sql.ts';
import type { PublishedVersion } from './policies.repository.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** How many matches of a policy are enterprises of a region subtree. */
export async function countMatchesIn(db: Db, policyId: number, regionPrefix: string): Promise<number> {
  const row = await db
    .selectFrom('policy_matches as m')
    .innerJoin(enterpriseCards(db).as('e'), 'e.id', 'm.enterprise_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('m.policy_id', '=', policyId)
    .where(sql<boolean>`starts_with(e.region_code, ${regionPrefix})`)
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * A compiled rule over the active enterprises of a region subtree where the policy applies (`regions`, its region
 * condition): how many are eligible, unknown and in scope, and a page of the eligible ones (by id).
 */
export async function previewMatches(
  db: Db,
  { condition, source }: { condition: RawBuilder<boolean | null>; source: RawBuilder<unknown> },
  { prefix, regions }: { prefix: string; regions: RawBuilder<boolean> },
  page: number,
  pageSize: number,
) {
  const scope = sql<boolean>`e.status = 'active' and starts_with(e.region_code, ${prefix}) and ${regions}`;
  const [counts, items] = await Promise.all([
    sql<{ eligible: number; unknown: number; total: number }>`
      select (count(*) filter (where ${condition}))::int as eligible,
        (count(*) filter (where (${condition}) is null))::int as unknown, count(*)::int as total
      from ${source} where ${scope}`.execute(db),
    sql<{ id: number; uscc: string; name: string; region_code: string }>`
      select e.id, e.uscc, e.name, e.region_code from ${source}
      where ${scope} and ${condition} order by e.id limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(
      db,
    ),
  ]);
  return { counts: counts.rows[0] ?? { eligible: 0, unknown: 0, total: 0 }, items: items.rows };
}

/** A policy's matches among the enterprises of a region subtree, counted per county. */
export async function countMatchesByRegion(db: Db, policyId: number, prefix: string) {
  const { rows } = await sql<{ region_code: string; n: number }>`
      select e.region_code, count(*)::int as n from policy_matches m join ${enterpriseRegions()} e on e.id = m.enterprise_id
      where m.policy_id = ${policyId} and starts_with(e.region_code, ${prefix}) group by e.region_code`.execute(
    db,
  );
  return rows;
}

/** Which enterprises to recompute: all, some by id, or those an import wrote. */
export type MatchScope =
  | { all: true }
  | { enterpriseIds: number[] }
  /** The enterprises whose ids lie in [from, to]: one slice of the registry, for lanes that share one policy. */
  | { idsFrom: number; idsTo: number };

function scopeCondition(scope: MatchScope, column: RawBuilder<unknown>): RawBuilder<boolean> {
  if ('all' in scope) return sql<boolean>`true`;
  if ('enterpriseIds' in scope) return sql<boolean>`${column} = any(${scope.enterpriseIds}::bigint[])`;
  return sql<boolean>`${column} between ${scope.idsFrom}::bigint and ${scope.idsTo}::bigint`;
}

/** Deletes the matches, in scope, of policies no longer published (of these policies; null: any); how many. */
export async function deleteUnpublishedMatches(
  db: Db,
  policyIds: readonly number[] | null,
  scope: MatchScope,
) {
  const only = policyIds ? sql`and p.id = any(${[...policyIds]}::int[])` : sql``;
  const withdrawn = await sql`delete from policy_matches m using policies p
    where p.id = m.policy_id and p.status <> 'published' ${only}
      and ${scopeCondition(scope, sql`m.enterprise_id`)}`.execute(db);
  return Number(withdrawn.numAffectedRows ?? 0);
}

/** Deletes the matches, in scope, of these policies; how many. */
export async function deleteMatchesOf(db: Db, policyIds: readonly number[], scope: MatchScope) {
  const gone = await sql`delete from policy_matches m where m.policy_id = any(${[...policyIds]}::int[])
    and ${scopeCondition(scope, sql`m.enterprise_id`)}`.execute(db);
  return Number(gone.numAffectedRows ?? 0);
}

/**
 * These policies' status and current version, held against a publication or withdrawal until commit (the shared
 * form of the advisory lock those take, policies.repository.ts lockPolicyState), taken in id order.
 */
export async function lockPolicyStates(trx: Transaction<Database>, ids: readonly number[]) {
  await sql`select pg_advisory_xact_lock_shared(hashtext('policy-state'), s.id)
    from (select unnest(${[...ids]}::int[]) as id order by 1) as s`.execute(trx);
  return trx
    .selectFrom('policies')
    .select(['id', 'status', 'current_version'])
    .where('id', 'in', [...ids])
    .execute();
}

/**
 * The statement that finds the pairs of a chunk of policies that qualify now among the enterprises in scope, into
 * `policy_match_candidates`: one scan, each enterprise's answers computed once (a set-returning function keeps
 * the array from being evaluated twice). On Citus it is one task per shard (bench/citus.ts shows its plan).
 */
export function candidatePairs(
  chunk: readonly PublishedVersion[],
  scope: MatchScope,
  date: string,
): RawBuilder<unknown> {
  // A slice of the registry limits the figures and size classes read too (the planner carries no range across a
  // join). An id list is left to the join: repeated in each subquery it cost more than it saved on Citus.
  const { conditions, source } = compileRules(
    chunk.map((v) => ({ rule: v.definition.rule, parameters: v.definition.parameters })),
    date,
    'idsFrom' in scope ? (enterpriseId) => scopeCondition(scope, enterpriseId) : undefined,
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
  return sql`insert into policy_match_candidates (enterprise_id, policy_id)
    select x.enterprise_id, x.policy_id
    from (
      select e.id as enterprise_id, unnest(array[${answers}]) as policy_id
      from ${source}
      where e.status = 'active' and ${scanRegions} and ${scopeCondition(scope, sql`e.id`)}
    ) as x
    where x.policy_id is not null`;
}

/**
 * The statements of a chunk of policies locked and current (see matchChunk in policies.matching.ts): the
 * qualifying pairs into `policy_match_candidates` (this transaction's rows only), the lost ones deleted, the new
 * ones stored and notified, the candidates cleared; with how many notices await email/SMS delivery. The first
 * three are statements between tables of one colocation group, so on Citus each runs as one task per shard.
 */
export async function rematchCurrent(
  trx: Transaction<Database>,
  chunk: readonly PublishedVersion[],
  scope: MatchScope,
  date: string,
): Promise<{ matched: number; added: number; removed: number; notified: number; delivered: number }> {
  const ids = chunk.map((v) => v.id);
  const versionRows = sql.join(
    chunk.map(
      (v) =>
        sql`(${v.id}::int, ${v.version}::int, ${`新政策与您匹配：${v.title_zh}`}, ${`A new policy matches you: ${v.title_en}`})`,
    ),
  );
  // The settings below go to Citus's workers too.
  await sql`set local citus.propagate_set_commands = 'local'`.execute(trx);
  // The scan's hash joins (the enterprises in scope beside a year's figures and sizes) hold up to a whole
  // registry slice: with the default 4 MB they spill to temporary files in batches.
  await sql`set local work_mem = '64MB'`.execute(trx);
  const found = await candidatePairs(chunk, scope, date).execute(trx);
  // The candidates' statistics cannot be trusted: to autovacuum's ANALYZE the table is always empty (every row is
  // deleted before its transaction commits), so the planner takes it for empty whatever it holds and would join
  // it row by row — quadratic over a whole registry. Its joins are planned as hash joins instead, and the
  // row-by-row plans allowed again for what follows.
  await sql`set local enable_nestloop = off`.execute(trx);
  const gone = await sql`
    delete from policy_matches m
    where m.policy_id = any(${ids}::int[]) and ${scopeCondition(scope, sql`m.enterprise_id`)}
      and not exists (
        select 1 from policy_match_candidates f
        where f.enterprise_id = m.enterprise_id and f.policy_id = m.policy_id)`.execute(trx);
  // Kept matches (all that remain of these policies in scope) move to the current version; only those on an
  // older one are written.
  const versionOf = sql.join(
    chunk.map((v) => sql`when ${v.id}::int then ${v.version}::int`),
    sql` `,
  );
  await sql`
    update policy_matches m set version = case m.policy_id ${versionOf} end
    where m.policy_id = any(${ids}::int[]) and ${scopeCondition(scope, sql`m.enterprise_id`)}
      and m.version <> case m.policy_id ${versionOf} end`.execute(trx);
  // New pairs: inserted and notified. The kept ones are left out by one hashed pass over the stored matches of
  // these policies in scope (read whole before anything is inserted); a pair another run inserted meanwhile is
  // left alone (DO NOTHING) and notified by that run only.
  const { rows } = await sql<{ added: number; notified: number; delivered: number }>`
    with versions (policy_id, version, title_zh, title_en) as (values ${versionRows}),
    inserted as (
      insert into policy_matches (policy_id, enterprise_id, version)
      select f.policy_id, f.enterprise_id, v.version
      from policy_match_candidates f join versions v on v.policy_id = f.policy_id
      where not exists (
        select 1 from policy_matches m where m.policy_id = f.policy_id and m.enterprise_id = f.enterprise_id
          and m.policy_id = any(${ids}::int[]) and ${scopeCondition(scope, sql`m.enterprise_id`)})
      on conflict (policy_id, enterprise_id) do nothing
      returning policy_id, enterprise_id, version
    ),
    news as (
      select u.enterprise_id, 'policy_match'::text as kind, u.policy_id, u.version, v.title_zh, v.title_en
      from inserted u join versions v on v.policy_id = u.policy_id
    ),
    ${notificationCtes('news')}
    select (select count(*) from inserted)::int as added,
      (select count(*) from noted)::int as notified,
      (select count(*) from delivered)::int as delivered`.execute(trx);
  await sql`set local enable_nestloop = on`.execute(trx);
  await sql`delete from policy_match_candidates`.execute(trx);
  const counts = rows[0] as { added: number; notified: number; delivered: number };
  return {
    ...counts,
    matched: Number(found.numAffectedRows ?? 0),
    removed: Number(gone.numAffectedRows ?? 0),
  };
}
