/** All SQL of the policies module's policies and versions tables: drafts, publication, the officials' list, the library. (Matches, benefits and applications have repositories of their own.) */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { regionScopePrefix } from '../../../reference/regions.ts';
import type { Database } from '../../db/schema.ts';
import { escapeLike } from '../audit/index.ts';
import { enterpriseRegions } from '../registry/index.ts';
import type { Rule, SizeClass } from './eligibility.rules.ts';
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

/**
 * Holds a policy's status and current version against matching until the transaction ends: matching reads them
 * under the shared form of the same lock (lockPolicyStates). An advisory lock on the server the app talks to, not
 * a row lock: on Citus `policies` is a reference table, whose row locks are taken on every node and deadlocked two
 * matching chunks reading them side by side.
 */
async function lockPolicyState(trx: Transaction<Database>, id: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('policy-state'), ${id}::int)`.execute(trx);
}

/** Makes a stored version the policy's published one (its draft now unchanged) under its next row version. */
export async function markPublished(
  trx: Transaction<Database>,
  id: number,
  version: number,
  rowVersion: number,
) {
  await lockPolicyState(trx, id);
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
  await lockPolicyState(trx, id);
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
      ])
      .orderBy('p.updated_at', 'desc')
      .orderBy('p.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  // The page's match counts in one grouped read (not a subquery per row, which Citus cannot run over the
  // distributed matches).
  const counts = new Map<number, number>();
  if (rows.length > 0) {
    const { rows: matched } = await sql<{ policy_id: number; n: number }>`
      select m.policy_id, count(*)::int as n from policy_matches m join ${enterpriseRegions()} e on e.id = m.enterprise_id
      where m.policy_id = any(${rows.map((r) => r.id)}::int[]) and starts_with(e.region_code, ${query.matchPrefix})
      group by m.policy_id`.execute(db);
    for (const r of matched) counts.set(r.policy_id, r.n);
  }
  return { rows: rows.map((r) => ({ ...r, matched: counts.get(r.id) ?? 0 })), total: total.n };
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
  await lockPolicyState(trx, id);
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
