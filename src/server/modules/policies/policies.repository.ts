/** All SQL of the policies module's own tables (policies, versions, matches, benefits, applications). */
import { type Kysely, type RawBuilder, type Selectable, sql, type Transaction } from 'kysely';
import { regionScopePrefix } from '../../../reference/regions.ts';
import type { Database } from '../../db/schema.ts';
import { escapeLike } from '../audit/index.ts';
import { notificationCtes } from '../notifications/index.ts';
import { enterpriseCards, enterpriseRegions, enterprisesOfImport } from '../registry/index.ts';
import type { Rule, SizeClass } from './eligibility.rules.ts';
import { compileRules, regionCondition } from './eligibility.sql.ts';
import type { ApplicationChannel, BenefitStatus, PolicyApplicationsTable } from './policies.table.ts';
import { documentTerms, queryTerms } from './policy.terms.ts';
import type { PolicyDefinition } from './policy.yaml.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Size classes a rule asks for anywhere in its tree (the library's size filter). */
export function sizesOfRule(rule: Rule): SizeClass[] {
  const found = new Set<SizeClass>();
  const walk = (node: Rule) => {
    if ('all' in node) node.all.forEach(walk);
    else if ('any' in node) node.any.forEach(walk);
    else if ('size' in node) for (const s of node.size) found.add(s);
  };
  walk(rule);
  return [...found];
}

/** A policy's id and row version by its slug (the definition's id). */
export function findPolicyBySlug(db: Db, slug: string) {
  return db.selectFrom('policies').select(['id', 'version']).where('slug', '=', slug).executeTakeFirst();
}

/** Stores a new policy written in Huiqi, as a draft; returns its id. */
export function insertDraftPolicy(
  trx: Transaction<Database>,
  policy: { definition: PolicyDefinition; ownerRegion: string; createdBy: number | null },
) {
  return trx
    .insertInto('policies')
    .values({
      slug: policy.definition.id,
      source: 'official',
      draft: JSON.stringify(policy.definition),
      current_version: null,
      owner_region: policy.ownerRegion,
      created_by: policy.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Saves a policy's draft (marked changed since the published version) under its next row version. */
export async function updateDraft(
  trx: Transaction<Database>,
  id: number,
  definition: PolicyDefinition,
  rowVersion: number,
) {
  await trx
    .updateTable('policies')
    .set({
      draft: JSON.stringify(definition),
      draft_changed: true,
      version: rowVersion,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/** Makes a stored version the policy's published one (its draft now unchanged) under its next row version. */
export async function markPublished(
  trx: Transaction<Database>,
  id: number,
  version: number,
  rowVersion: number,
) {
  await trx
    .updateTable('policies')
    .set({
      status: 'published',
      current_version: version,
      draft_changed: false,
      version: rowVersion,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/** Takes a policy out of the library under its next row version. */
export async function markWithdrawn(trx: Transaction<Database>, id: number, rowVersion: number) {
  await trx
    .updateTable('policies')
    .set({ status: 'withdrawn', version: rowVersion, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Stores a new version of a policy from its definition; returns its number. */
export async function insertVersion(
  trx: Transaction<Database>,
  policyId: number,
  definition: PolicyDefinition,
  publishedBy: number | null,
  changeNote: string | null,
): Promise<number> {
  const last = await trx
    .selectFrom('policy_versions')
    .select(sql<number>`coalesce(max(version), 0)::int`.as('n'))
    .where('policy_id', '=', policyId)
    .executeTakeFirstOrThrow();
  const version = last.n + 1;
  await trx
    .insertInto('policy_versions')
    .values({
      policy_id: policyId,
      version,
      definition: JSON.stringify(definition),
      title_zh: definition.title.zh,
      title_en: definition.title.en,
      issuer: definition.issuer,
      document_number: definition.documentNumber,
      issued_on: definition.issuedOn,
      effective_from: definition.effectiveFrom,
      expires_on: definition.expiresOn,
      regions: definition.regions,
      method: definition.method,
      topics: definition.topics,
      sizes: sizesOfRule(definition.rule),
      is_demo: definition.demo,
      search_terms: documentTerms([
        definition.title.zh,
        definition.title.en,
        definition.issuer,
        definition.documentNumber,
        definition.benefit.zh,
        definition.interpretation?.zh,
        definition.howTo?.zh,
        definition.fullText,
      ]),
      change_note: changeNote,
      published_by: publishedBy,
    })
    .execute();
  return version;
}

/** A policy row. */
export type PolicyRow = Selectable<Database['policies']>;

/** A policy's row (locked for the transaction when `lock`), if it exists. */
export async function findPolicyRow(db: Db, id: number, lock = false): Promise<PolicyRow | undefined> {
  let query = db.selectFrom('policies').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** A stored version of a policy, if it exists. */
export async function findVersion(db: Db, policyId: number, version: number) {
  return db
    .selectFrom('policy_versions')
    .selectAll()
    .where('policy_id', '=', policyId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** A policy's versions, newest first (who published each by user id; null: shipped). */
export async function listVersions(db: Db, policyId: number) {
  return db
    .selectFrom('policy_versions as v')
    .select(['v.version', 'v.published_at', 'v.published_by', 'v.change_note', 'v.document_number'])
    .where('v.policy_id', '=', policyId)
    .orderBy('v.version', 'desc')
    .execute();
}

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
 * A page of the officials' list: published policies and the drafts of the `prefix` subtree (others see the
 * published version, never a draft), searched by title, document number or slug; each with its matches in the
 * `matchPrefix` subtree.
 */
export async function officialPoliciesPage(
  db: Db,
  query: {
    prefix: string;
    matchPrefix: string;
    status?: 'draft' | 'published' | 'withdrawn';
    q?: string;
    page: number;
    pageSize: number;
  },
) {
  const { prefix, page, pageSize } = query;
  let base = db
    .selectFrom('policies as p')
    .leftJoin('policy_versions as v', (join) =>
      join.onRef('v.policy_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'),
    )
    .where((eb) =>
      eb.or([
        eb('p.status', '=', 'published'),
        eb(sql<boolean>`starts_with(p.owner_region, ${prefix})`, '=', true),
      ]),
    );
  if (query.status) base = base.where('p.status', '=', query.status);
  // Officials outside the owning region see the published version, never the draft.
  const visible = sql<unknown>`(case when starts_with(p.owner_region, ${prefix}) then p.draft else v.definition end)`;
  if (query.q?.trim()) {
    const like = `%${escapeLike(query.q.trim())}%`;
    base = base.where((eb) =>
      eb.or([
        eb(sql<string>`${visible}->'title'->>'zh'`, 'ilike', like),
        eb(sql<string>`${visible}->>'documentNumber'`, 'ilike', like),
        eb('p.slug', 'ilike', like),
      ]),
    );
  }
  const [rows, total] = await Promise.all([
    base
      .select([
        'p.id',
        'p.slug',
        'p.status',
        'p.current_version',
        sql<boolean>`(p.draft_changed and starts_with(p.owner_region, ${prefix}))`.as('draft_changed'),
        'p.is_demo',
        'p.owner_region',
        'p.updated_at',
        sql<string>`${visible}->'title'->>'zh'`.as('title_zh'),
        sql<string>`${visible}->'title'->>'en'`.as('title_en'),
        sql<string>`${visible}->>'documentNumber'`.as('document_number'),
        sql<string>`${visible}->>'method'`.as('method'),
        'v.effective_from',
        'v.expires_on',
        sql<number>`(select count(*)::int from policy_matches m join ${enterpriseRegions()} e on e.id = m.enterprise_id
          where m.policy_id = p.id and starts_with(e.region_code, ${query.matchPrefix}))`.as('matched'),
      ])
      .orderBy('p.updated_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
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

/** The library's filters. */
export interface LibraryFilter {
  q?: string;
  issuer?: string;
  /** Policies that apply in this region (national ones, and those of it and of every region above it). */
  region?: string;
  topic?: string;
  size?: string;
  method?: string;
  /** in_force | upcoming | expired, on `today`. */
  status?: string;
  /** Issued / effective between (effective_from). */
  from?: string;
  to?: string;
  includeDemo: boolean;
  today: string;
  /** Only these policies (an official's own list). */
  ownerPrefix?: string;
}

/** The regions a region code lies in, as stored codes: itself, its city and province (e.g. 320583, 320500, 320000). */
function enclosingRegions(code: string): string[] {
  return [...new Set([code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`])];
}

/** Published policies (their current versions) matching the filter, best first. */
export function libraryQuery(db: Db, filter: LibraryFilter) {
  let query = db
    .selectFrom('policies as p')
    .innerJoin('policy_versions as v', (join) =>
      join.onRef('v.policy_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'),
    )
    .where('p.status', '=', 'published');
  if (!filter.includeDemo) query = query.where('v.is_demo', '=', false);
  if (filter.q?.trim()) {
    const terms = queryTerms(filter.q);
    // A query with no searchable words (only punctuation, symbols, emoji) matches nothing, not everything.
    query = query.where(
      terms.length > 0 ? sql<boolean>`v.search_terms @> ${terms}::text[]` : sql<boolean>`false`,
    );
  }
  if (filter.issuer) query = query.where('v.issuer', '=', filter.issuer);
  if (filter.region) {
    const codes = enclosingRegions(filter.region);
    query = query.where(sql<boolean>`(v.regions = '{}' or v.regions && ${codes}::text[])`);
  }
  if (filter.topic) query = query.where(sql<boolean>`${filter.topic} = any(v.topics)`);
  if (filter.size) query = query.where(sql<boolean>`(v.sizes = '{}' or ${filter.size} = any(v.sizes))`);
  if (filter.method) query = query.where('v.method', '=', filter.method as 'automatic');
  if (filter.status === 'in_force')
    query = query
      .where('v.effective_from', '<=', filter.today)
      .where((eb) => eb.or([eb('v.expires_on', 'is', null), eb('v.expires_on', '>=', filter.today)]));
  else if (filter.status === 'upcoming') query = query.where('v.effective_from', '>', filter.today);
  else if (filter.status === 'expired') query = query.where('v.expires_on', '<', filter.today);
  if (filter.from) query = query.where('v.effective_from', '>=', filter.from);
  if (filter.to) query = query.where('v.effective_from', '<=', filter.to);
  if (filter.ownerPrefix !== undefined && filter.ownerPrefix !== '')
    query = query.where(sql<boolean>`starts_with(p.owner_region, ${filter.ownerPrefix})`);
  return query;
}

/** Does a policy's region list cover a region? (empty: national) */
export function appliesIn(regions: readonly string[], regionCode: string | null): boolean {
  if (regions.length === 0) return true;
  if (!regionCode) return false;
  return regions.some((code) => regionCode.startsWith(regionScopePrefix(code)));
}

/** The published, current versions of policies (all, or the given ones). */
export async function publishedVersions(db: Db, ids?: readonly number[]) {
  let query = db
    .selectFrom('policies as p')
    .innerJoin('policy_versions as v', (join) =>
      join.onRef('v.policy_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'),
    )
    .select([
      'p.id',
      'p.slug',
      'v.version',
      // Matching and an enterprise's view read rules and summaries, never the full text.
      sql<unknown>`v.definition - 'fullText'`.as('definition'),
      'v.title_zh',
      'v.title_en',
      'v.effective_from',
      'v.expires_on',
      'v.regions',
      'v.method',
      'v.is_demo',
    ])
    .where('p.status', '=', 'published');
  if (ids) {
    if (ids.length === 0) return [];
    query = query.where('p.id', 'in', [...ids]);
  }
  const rows = await query.orderBy('p.id').execute();
  return rows.map((row) => ({ ...row, definition: row.definition as PolicyDefinition }));
}

export type PublishedVersion = Awaited<ReturnType<typeof publishedVersions>>[number];

/** A page of the library's published versions for a filter (title hits first, then newest), and the count. */
export async function libraryPage(db: Db, filter: LibraryFilter, q: string, page: number, pageSize: number) {
  const [rows, total] = await Promise.all([
    libraryQuery(db, filter)
      .select([
        'v.policy_id',
        'v.version',
        'v.title_zh',
        'v.title_en',
        'v.issuer',
        'v.document_number',
        'v.issued_on',
        'v.effective_from',
        'v.expires_on',
        'v.regions',
        'v.method',
        'v.topics',
        'v.sizes',
        'v.is_demo',
        'v.definition',
      ])
      .orderBy(sql`case when ${q} <> '' and strpos(v.title_zh, ${q}) > 0 then 0 else 1 end`)
      .orderBy('v.effective_from', 'desc')
      .orderBy('v.policy_id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    libraryQuery(db, filter).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

/** The issuer and topics of each published version in the library on a date (its facets). */
export function libraryFacetRows(db: Db, today: string) {
  return libraryQuery(db, { today, includeDemo: true }).select(['v.issuer', 'v.topics']).execute();
}

/** An enterprise's benefit entries past the list stage (sent to it, confirmed, declined, paid). */
export function listBenefitsOfEnterprise(db: Db, enterpriseId: number) {
  return db
    .selectFrom('policy_benefits')
    .select(['id', 'policy_id', 'status', 'amount', 'paid_on', 'row_version'])
    .where('enterprise_id', '=', enterpriseId)
    .where('status', '<>', 'listed')
    .execute();
}

/** Records an enterprise's application to a version of a policy; undefined when it is recorded already. */
export function insertApplication(
  trx: Transaction<Database>,
  a: {
    enterpriseId: number;
    policyId: number;
    version: number;
    channel: ApplicationChannel;
    note: string | null;
    recordedBy: number;
  },
) {
  return trx
    .insertInto('policy_applications')
    .values({
      enterprise_id: a.enterpriseId,
      policy_id: a.policyId,
      version: a.version,
      channel: a.channel,
      note: a.note,
      recorded_by: a.recordedBy,
    })
    .onConflict((oc) => oc.columns(['enterprise_id', 'policy_id', 'version']).doNothing())
    .returning(['applied_at'])
    .executeTakeFirst();
}

/** An enterprise's applications, oldest first. */
export function listApplicationsOfEnterprise(db: Db, enterpriseId: number) {
  return db
    .selectFrom('policy_applications')
    .select(['policy_id', 'version', 'applied_at', 'channel', 'note'])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('applied_at')
    .execute();
}

/** Applications to a policy by enterprises of the official's subtree (optionally one region or a search). */
function applicationRows(db: Db, policyId: number, prefix: string, q?: string) {
  let query = db
    .selectFrom('policy_applications as a')
    .innerJoin(enterpriseCards(db).as('e'), 'e.id', 'a.enterprise_id')
    .where('a.policy_id', '=', policyId)
    .where(sql<boolean>`starts_with(e.region_code, ${prefix})`);
  if (q?.trim()) {
    const like = `%${escapeLike(q.trim())}%`;
    query = query.where((eb) =>
      eb.or([eb('e.name', 'like', like), eb('e.uscc', 'like', like.toUpperCase())]),
    );
  }
  return query;
}

const APPLICATION_COLUMNS = [
  'a.enterprise_id',
  'a.version',
  'a.applied_at',
  'a.channel',
  'a.note',
  'e.uscc',
  'e.name',
  'e.region_code',
] as const;

/** An application with its enterprise, as the officials' list and export read it. */
export type ApplicationRow = Pick<
  PolicyApplicationsTable,
  'enterprise_id' | 'version' | 'channel' | 'note'
> & {
  applied_at: Date;
  uscc: string;
  name: string;
  region_code: string;
};

/** A page of a policy's applications by enterprises of a region subtree (newest first), and their count. */
export async function applicationsPage(
  db: Db,
  policyId: number,
  prefix: string,
  q: string | undefined,
  page: number,
  pageSize: number,
) {
  const [rows, total] = await Promise.all([
    applicationRows(db, policyId, prefix, q)
      .select([...APPLICATION_COLUMNS])
      .orderBy('a.applied_at', 'desc')
      .orderBy('a.enterprise_id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    applicationRows(db, policyId, prefix, q)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ApplicationRow[], total: total.n };
}

/** The next applications of a policy by enterprises of a region subtree, in (enterprise, version) order. */
export async function applicationsAfter(
  db: Db,
  policyId: number,
  prefix: string,
  after: { enterpriseId: number; version: number },
  limit: number,
): Promise<ApplicationRow[]> {
  return applicationRows(db, policyId, prefix)
    .select([...APPLICATION_COLUMNS])
    .where(sql<boolean>`(a.enterprise_id, a.version) > (${after.enterpriseId}, ${after.version})`)
    .orderBy('a.enterprise_id')
    .orderBy('a.version')
    .limit(limit)
    .execute();
}

/** The shipped policies already published, by slug, with the fingerprint of the file they were published from. */
export function listShippedFingerprints(db: Db) {
  return db
    .selectFrom('policies')
    .select(['slug', 'file_fingerprint'])
    .where('source', '=', 'file')
    .where('current_version', 'is not', null)
    .execute();
}

/** Stores a shipped policy file's policy unless one with its slug exists (insert-or-nothing). */
export async function insertShippedPolicy(
  trx: Transaction<Database>,
  definition: PolicyDefinition,
  ownerRegion: string,
  fingerprint: string,
) {
  await trx
    .insertInto('policies')
    .values({
      slug: definition.id,
      source: 'file',
      draft: JSON.stringify(definition),
      current_version: null,
      owner_region: ownerRegion,
      is_demo: definition.demo,
      file_fingerprint: fingerprint,
      created_by: null,
    })
    .onConflict((oc) => oc.column('slug').doNothing())
    .execute();
}

/** A policy by slug, locked for the transaction (it must exist). */
export function lockPolicyBySlug(trx: Transaction<Database>, slug: string) {
  return trx
    .selectFrom('policies')
    .select(['id', 'source', 'file_fingerprint', 'current_version', 'draft_changed'])
    .where('slug', '=', slug)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Who published a version of a policy (null: shipped with the platform); the version must exist. */
export async function getVersionPublisher(db: Db, policyId: number, version: number): Promise<number | null> {
  const row = await db
    .selectFrom('policy_versions')
    .select('published_by')
    .where('policy_id', '=', policyId)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
  return row.published_by;
}

/** Makes a version published from a shipped file the policy's current one, its draft the file's definition. */
export async function markFilePublished(
  trx: Transaction<Database>,
  id: number,
  definition: PolicyDefinition,
  version: number,
  fingerprint: string,
) {
  await trx
    .updateTable('policies')
    .set({
      status: 'published',
      draft: JSON.stringify(definition),
      draft_changed: false,
      current_version: version,
      file_fingerprint: fingerprint,
      updated_at: new Date(),
      version: (eb) => eb('version', '+', 1),
    })
    .where('id', '=', id)
    .execute();
}

/** The method and titles of a version of a policy (it must exist). */
export function getVersionHead(db: Db, policyId: number, version: number) {
  return db
    .selectFrom('policy_versions')
    .select(['method', 'title_zh', 'title_en'])
    .where('policy_id', '=', policyId)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
}

/** Any one entry of a policy's benefit list (whether it has one). */
export function findAnyBenefit(db: Db, policyId: number) {
  return db
    .selectFrom('policy_benefits')
    .select('id')
    .where('policy_id', '=', policyId)
    .limit(1)
    .executeTakeFirst();
}

/** Lists the matches of a policy among the enterprises of a region subtree not on its benefit list yet; how many. */
export async function listMatchesForBenefits(trx: Transaction<Database>, policyId: number, prefix: string) {
  const { rows } = await sql<{ n: number }>`
      with added as (
        insert into policy_benefits (policy_id, version, enterprise_id, status)
        select m.policy_id, m.version, m.enterprise_id, 'listed'
        from policy_matches m join ${enterpriseRegions()} e on e.id = m.enterprise_id
        where m.policy_id = ${policyId} and starts_with(e.region_code, ${prefix})
        on conflict (policy_id, enterprise_id) do nothing
        returning 1
      ) select count(*)::int as n from added`.execute(trx);
  return rows[0]?.n ?? 0;
}

/**
 * Sends the listed entries of a policy among the enterprises of a region subtree for confirmation, each with a
 * notice titled `title`; how many were sent, and how many notices are to be delivered by email/SMS.
 */
export async function sendListedBenefits(
  trx: Transaction<Database>,
  policyId: number,
  prefix: string,
  title: { zh: string; en: string },
) {
  const { rows } = await sql<{ sent: number; delivered: number }>`
      with sent as (
        update policy_benefits b set status = 'sent', sent_at = now(), row_version = row_version + 1
        from ${enterpriseRegions()} e
        where e.id = b.enterprise_id and b.policy_id = ${policyId} and b.status = 'listed'
          and starts_with(e.region_code, ${prefix})
        returning b.enterprise_id, b.version
      ),
      news as (
        select enterprise_id, 'benefit_confirmation'::text as kind, ${policyId}::int as policy_id, version,
          ${title.zh}::text as title_zh,
          ${title.en}::text as title_en
        from sent
      ),
      ${notificationCtes('news')}
      select (select count(*) from sent)::int as sent, (select count(*) from delivered)::int as delivered`.execute(
    trx,
  );
  return rows[0] ?? { sent: 0, delivered: 0 };
}

/** A benefit list entry with its enterprise. */
function benefitRows(db: Db, policyId: number, prefix: string, status?: BenefitStatus, q?: string) {
  let query = db
    .selectFrom('policy_benefits as b')
    .innerJoin(enterpriseCards(db).as('e'), 'e.id', 'b.enterprise_id')
    .where('b.policy_id', '=', policyId)
    .where(sql<boolean>`starts_with(e.region_code, ${prefix})`);
  if (status) query = query.where('b.status', '=', status);
  if (q?.trim()) {
    const like = `%${escapeLike(q.trim())}%`;
    query = query.where((eb) =>
      eb.or([eb('e.name', 'like', like), eb('e.uscc', 'like', like.toUpperCase())]),
    );
  }
  return query;
}

const BENEFIT_COLUMNS = [
  'b.id',
  'b.version',
  'b.enterprise_id',
  'e.uscc',
  'e.name',
  'e.region_code',
  'b.status',
  'b.listed_at',
  'b.sent_at',
  'b.responded_at',
  'b.response_note',
  'b.amount',
  'b.paid_on',
  'b.row_version',
] as const;

/**
 * A page of a policy's benefit list among the enterprises of a region subtree (by status, searched), its count,
 * and the whole list's count and amount per status.
 */
export async function benefitsPage(
  db: Db,
  policyId: number,
  prefix: string,
  query: { status?: BenefitStatus; q?: string },
  page: number,
  pageSize: number,
) {
  const [rows, total, byStatus] = await Promise.all([
    benefitRows(db, policyId, prefix, query.status, query.q)
      .select([...BENEFIT_COLUMNS])
      .orderBy('b.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    benefitRows(db, policyId, prefix, query.status, query.q)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
    benefitRows(db, policyId, prefix)
      .select([
        'b.status',
        sql<number>`count(*)::int`.as('n'),
        sql<string | null>`sum(b.amount)::text`.as('amount'),
      ])
      .groupBy('b.status')
      .execute(),
  ]);
  return { rows, total: total.n, byStatus };
}

/** The next entries of a policy's benefit list among the enterprises of a region subtree, by id. */
export function benefitsAfter(
  db: Db,
  policyId: number,
  prefix: string,
  status: BenefitStatus | undefined,
  after: number,
  limit: number,
) {
  return benefitRows(db, policyId, prefix, status)
    .select([...BENEFIT_COLUMNS])
    .where('b.id', '>', after)
    .orderBy('b.id')
    .limit(limit)
    .execute();
}

/** A benefit entry, locked for the transaction. */
export function lockBenefit(trx: Transaction<Database>, id: number) {
  return trx.selectFrom('policy_benefits').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Records an enterprise's answer to a benefit sent to it, under the entry's next row version. */
export async function recordBenefitResponse(
  trx: Transaction<Database>,
  id: number,
  answer: { status: 'confirmed' | 'declined'; respondedBy: number; note: string | null; rowVersion: number },
) {
  await trx
    .updateTable('policy_benefits')
    .set({
      status: answer.status,
      responded_at: new Date(),
      responded_by: answer.respondedBy,
      response_note: answer.note,
      row_version: answer.rowVersion,
    })
    .where('id', '=', id)
    .execute();
}

/** A benefit entry with its enterprise's region and its version's titles, the entry locked for the transaction. */
export function lockBenefitForPayout(trx: Transaction<Database>, id: number) {
  return trx
    .selectFrom('policy_benefits as b')
    .innerJoin(enterpriseCards(trx).as('e'), 'e.id', 'b.enterprise_id')
    .innerJoin('policy_versions as v', (join) =>
      join.onRef('v.policy_id', '=', 'b.policy_id').onRef('v.version', '=', 'b.version'),
    )
    .select([
      'b.id',
      'b.status',
      'b.row_version',
      'b.policy_id',
      'b.version',
      'b.enterprise_id',
      'b.listed_at',
      'e.region_code',
      'v.title_zh',
      'v.title_en',
    ])
    .where('b.id', '=', id)
    .forUpdate('b')
    .executeTakeFirst();
}

/** Records the payout of a benefit entry, under its next row version. */
export async function recordBenefitPaid(
  trx: Transaction<Database>,
  id: number,
  payout: { amount: string; paidOn: string; recordedBy: number; rowVersion: number },
) {
  await trx
    .updateTable('policy_benefits')
    .set({
      status: 'paid',
      amount: payout.amount,
      paid_on: payout.paidOn,
      paid_recorded_by: payout.recordedBy,
      row_version: payout.rowVersion,
    })
    .where('id', '=', id)
    .execute();
}

/** An enterprise's benefit entries past the list stage with their versions' titles and definitions, newest first. */
export function listBenefitsWithVersions(db: Db, enterpriseId: number) {
  return db
    .selectFrom('policy_benefits as b')
    .innerJoin('policy_versions as v', (join) =>
      join.onRef('v.policy_id', '=', 'b.policy_id').onRef('v.version', '=', 'b.version'),
    )
    .select([
      'b.id',
      'b.policy_id',
      'b.version',
      'b.status',
      'b.amount',
      'b.paid_on',
      'b.sent_at',
      'b.responded_at',
      'b.row_version',
      'v.title_zh',
      'v.title_en',
      'v.definition',
    ])
    .where('b.enterprise_id', '=', enterpriseId)
    .where('b.status', '<>', 'listed')
    .orderBy('b.id', 'desc')
    .execute();
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

/** A policy's confirmed and paid benefits among the enterprises of a region subtree, per county (with amounts). */
export async function countBenefitsByRegion(db: Db, policyId: number, prefix: string) {
  const { rows } = await sql<{ region_code: string; confirmed: number; paid: number; amount: string | null }>`
      select e.region_code,
        (count(*) filter (where b.status in ('confirmed', 'paid')))::int as confirmed,
        (count(*) filter (where b.status = 'paid'))::int as paid,
        sum(b.amount)::text as amount
      from policy_benefits b join ${enterpriseRegions()} e on e.id = b.enterprise_id
      where b.policy_id = ${policyId} and starts_with(e.region_code, ${prefix}) group by e.region_code`.execute(
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
 * The three statements of a chunk of policies locked and current (see matchChunk in policies.matching.ts): the
 * qualifying pairs into a temporary table, the lost ones deleted, the new ones stored and notified; with how many
 * notices await email/SMS delivery.
 */
export async function rematchCurrent(
  trx: Transaction<Database>,
  chunk: readonly PublishedVersion[],
  scope: MatchScope,
  date: string,
): Promise<{ matched: number; added: number; removed: number; notified: number; delivered: number }> {
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
  return { ...counts, removed: Number(gone.numAffectedRows ?? 0) };
}
