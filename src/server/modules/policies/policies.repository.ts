/** All SQL of the policies module's own tables (policies, versions, matches, benefits). */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { regionScopePrefix } from '../../../reference/regions.ts';
import type { Database } from '../../db/schema.ts';
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

export async function findPolicyRow(db: Db, id: number, lock = false): Promise<PolicyRow | undefined> {
  let query = db.selectFrom('policies').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findVersion(db: Db, policyId: number, version: number) {
  return db
    .selectFrom('policy_versions')
    .selectAll()
    .where('policy_id', '=', policyId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function listVersions(db: Db, policyId: number) {
  return db
    .selectFrom('policy_versions as v')
    .select(['v.version', 'v.published_at', 'v.published_by', 'v.change_note', 'v.document_number'])
    .where('v.policy_id', '=', policyId)
    .orderBy('v.version', 'desc')
    .execute();
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
