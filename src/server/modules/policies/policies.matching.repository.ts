/** All SQL of the policies module's matches: which enterprises a policy's rules select, kept current by the matching jobs. */
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { notificationCtes } from '../notifications/index.ts';
import { enterpriseCards, enterpriseRegions, enterprisesOfImport } from '../registry/index.ts';
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
export type MatchScope = { all: true } | { enterpriseIds: number[] } | { importJobId: number };

function scopeCondition(scope: MatchScope, column: RawBuilder<unknown>): RawBuilder<boolean> {
  if ('all' in scope) return sql<boolean>`true`;
  if ('enterpriseIds' in scope) return sql<boolean>`${column} = any(${scope.enterpriseIds}::bigint[])`;
  return sql<boolean>`${column} in ${enterprisesOfImport(scope.importJobId)}`;
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

/** These policies' status and current version, locked against a publication or withdrawal until commit. */
export function lockPolicyStates(trx: Transaction<Database>, ids: readonly number[]) {
  return trx
    .selectFrom('policies')
    .select(['id', 'status', 'current_version'])
    .where('id', 'in', [...ids])
    .forShare()
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
  const found = await candidatePairs(chunk, scope, date).execute(trx);
  const gone = await sql`
    delete from policy_matches m
    where m.policy_id = any(${ids}::int[]) and ${scopeCondition(scope, sql`m.enterprise_id`)}
      and not exists (
        select 1 from policy_match_candidates f
        where f.enterprise_id = m.enterprise_id and f.policy_id = m.policy_id)`.execute(trx);
  const { rows } = await sql<{ added: number; notified: number; delivered: number }>`
    with versions (policy_id, version, title_zh, title_en) as (values ${versionRows}),
    upserted as (
      insert into policy_matches (policy_id, enterprise_id, version)
      select f.policy_id, f.enterprise_id, v.version
      from policy_match_candidates f join versions v on v.policy_id = f.policy_id
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
    select (select count(*) from upserted where inserted)::int as added,
      (select count(*) from noted)::int as notified,
      (select count(*) from delivered)::int as delivered`.execute(trx);
  await sql`delete from policy_match_candidates`.execute(trx);
  const counts = rows[0] as { added: number; notified: number; delivered: number };
  return {
    ...counts,
    matched: Number(found.numAffectedRows ?? 0),
    removed: Number(gone.numAffectedRows ?? 0),
  };
}
