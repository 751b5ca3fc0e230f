/** Read-side SQL of the registry: the enterprise list and search, one enterprise's detail, size statistics. */

import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { regionNameEn } from '../../../reference/regions-en.ts';
import { cn2011 } from '../../../reference/size-standards/index.ts';
import type { Database } from '../../db/schema.ts';
import { servedType } from '../../lib/stored-files.ts';
import { findUserDisplays } from '../accounts/index.ts';
import type { EnterpriseFacts } from './registry.model.ts';
import { regionPrefixSql } from './registry.repository.ts';
import { nameInitials, planSearch, type SearchPlan } from './search.ts';

/** Filters of the enterprise list, already checked against the caller's scope. */
export interface EnterpriseFilter {
  q?: string | undefined;
  regionPrefix: string;
  industry?: string | undefined;
  size?: string | undefined;
  year: number | null;
  status?: string | undefined;
  standard: string;
}

/** Sort orders of the list. */
export type EnterpriseSort = 'relevance' | 'name' | 'established' | 'updated';

/** The latest year that has size classes, or null when none has. */
export async function latestYear(db: Kysely<Database>, standard = 'cn-2011'): Promise<number | null> {
  const row = await db
    .selectFrom('size_stats')
    .select((eb) => eb.fn.max('year').as('year'))
    .where('standard', '=', standard)
    .executeTakeFirst();
  return row?.year ?? null;
}

function filtered(db: Kysely<Database>, filter: EnterpriseFilter) {
  let query = db.selectFrom('enterprises as e').leftJoin('enterprise_sizes as s', (join) =>
    join
      .onRef('s.enterprise_id', '=', 'e.id')
      .on('s.standard', '=', filter.standard)
      .on('s.year', '=', filter.year ?? -1),
  );
  if (filter.regionPrefix) query = query.where('e.region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.industry) query = query.where('e.industry_code', 'like', `${filter.industry.toUpperCase()}%`);
  if (filter.status) query = query.where('e.status', '=', filter.status as 'active');
  if (filter.size) query = query.where('s.size', '=', filter.size as 'small');
  const plan = filter.q ? planSearch(filter.q) : null;
  if (plan?.kind === 'uscc') query = query.where(sql<boolean>`e.uscc like ${`${plan.prefix}%`}`);
  // Letters only (planSearch), so no LIKE wildcard to escape; the trigram index serves three letters and more.
  if (plan?.kind === 'initials') query = query.where(sql<boolean>`e.name_initials like ${`%${plan.text}%`}`);
  if (plan?.kind === 'name') {
    query =
      plan.terms.length > 0
        ? query.where(sql<boolean>`e.search_terms @> ${plan.terms}::text[]`)
        : query.where(sql<boolean>`strpos(lower(e.name), ${plan.text}) > 0`);
  }
  return { query, plan };
}

// biome-ignore lint/suspicious/noExplicitAny: the builder's table list is inferred by Kysely
type AnyQuery = SelectQueryBuilder<any, any, any>;

/** Whether a list is in name order (and so may be paged by keyset): by name, or by relevance without a text. */
export function isNameOrdered(sort: EnterpriseSort, plan: SearchPlan | null): boolean {
  return sort === 'name' || (sort === 'relevance' && (!plan || plan.kind === 'uscc'));
}

/** The default order: pinyin initials first, then code points, then id — the same on every engine and locale. */
function byName(query: AnyQuery): AnyQuery {
  return query.orderBy('e.name_initials').orderBy(sql`e.name collate "C"`).orderBy('e.id');
}

function sorted(query: AnyQuery, sort: Exclude<EnterpriseSort, 'relevance'>): AnyQuery {
  switch (sort) {
    case 'name':
      return byName(query);
    case 'established':
      return query.orderBy(sql`e.established_on desc nulls last`).orderBy('e.id');
    case 'updated':
      return query.orderBy('e.updated_at', 'desc').orderBy('e.id');
  }
}

/** The string just after every string starting with `prefix` ([a-z0-9] initials): the end of its index range. */
function prefixEnd(prefix: string): string {
  return `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`;
}

/** The tier of relevanceTiers as a number, over the columns of the list (to rank few candidates at once). */
function relevanceRank(plan: SearchPlan & { kind: 'name' | 'initials' }) {
  const text = plan.text;
  if (plan.kind === 'initials') {
    return sql`case when lower(c.name) = ${text} then 0 when starts_with(c."nameInitials", ${text}) then 1 else 2 end`;
  }
  return sql`case when lower(c.name) = ${text} then 0 when starts_with(lower(c.name), ${text}) then 1
    when strpos(lower(c.name), ${text}) > 0 then 2 else 3 end`;
}

/**
 * Relevance as tiers, each in name order: the exact name; names starting with the text; names containing it;
 * then the other candidates (names holding every bigram but not the text itself, or, for pinyin initials,
 * initials containing it). Every name starting with a text has initials starting with the text's initials, so
 * the first two tiers are ranges of `enterprises_name_order_idx`, and a later tier is read only when the earlier
 * ones did not fill the page: a common fragment never ranks all its thousands of matches.
 */
function relevanceTiers(plan: SearchPlan & { kind: 'name' | 'initials' }) {
  const text = plan.text;
  const initials = plan.kind === 'initials' ? text : nameInitials(text);
  const inInitialsRange = (query: AnyQuery, exact: boolean): AnyQuery => {
    if (!initials) return query;
    if (exact) return query.where('e.name_initials', '=', initials);
    return query
      .where('e.name_initials', '>=', initials)
      .where('e.name_initials', '<', prefixEnd(initials))
      .where(sql<boolean>`starts_with(e.name_initials, ${initials})`);
  };
  const isExact = sql<boolean>`lower(e.name) = ${text}`;
  const startsWith = sql<boolean>`starts_with(lower(e.name), ${text})`;
  const contains = sql<boolean>`strpos(lower(e.name), ${text}) > 0`;
  const tiers: ((query: AnyQuery) => AnyQuery)[] = [
    (q) => byName(inInitialsRange(q.where(isExact), true)),
    // Names (or, for pinyin initials, initials) starting with the text.
    (q) =>
      byName(
        inInitialsRange(
          (plan.kind === 'name' ? q.where(startsWith) : q).where(sql<boolean>`not ${isExact}`),
          false,
        ),
      ),
  ];
  if (plan.kind === 'name') {
    tiers.push((q) => byName(q.where(contains).where(sql<boolean>`not ${startsWith}`)));
    // Names holding every bigram of the text but not the text: only when the text is longer than a bigram.
    if (plan.terms.length > 0 && [...text].length > 2)
      tiers.push((q) => byName(q.where(sql<boolean>`not ${contains}`)));
  } else {
    // Initials containing the text elsewhere than at the start. Sorted after filtering (`|| ''` keeps the
    // planner off the name-order index, which it would otherwise walk whole for a rare text).
    tiers.push((q) =>
      q
        .where(sql<boolean>`not starts_with(e.name_initials, ${initials})`)
        .orderBy(sql`e.name_initials || ''`)
        .orderBy(sql`e.name collate "C"`)
        .orderBy('e.id'),
    );
  }
  return tiers;
}

const LIST_COLUMNS = [
  'e.id',
  'e.uscc',
  'e.name',
  'e.region_code as regionCode',
  'r.full_name as regionName',
  'e.industry_code as industryCode',
  'i.name_zh as industryNameZh',
  'i.name_en as industryNameEn',
  'e.status',
  'e.established_on as establishedOn',
  's.year',
  's.size',
] as const;

/** Where a page starts: an offset, or (sort by name) the last row of the previous page. */
export type PageStart = { offset: number } | { after: NameCursor };

/** The sort key of the last row of a page sorted by name: pinyin initials, name, id. */
export type NameCursor = [initials: string, name: string, id: number];

/** Encodes a name-order cursor for the API (opaque to clients). */
function encodeCursor(cursor: NameCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** Decodes a cursor made by encodeCursor; null when it is not one. */
export function decodeCursor(text: string): NameCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      Number.isSafeInteger(value[2])
    )
      return value as NameCursor;
  } catch {
    // not base64url JSON: not a cursor
  }
  return null;
}

/**
 * One page of enterprises matching the filter, with the total: exact from the `enterprise_counts` roll-up when
 * the filter is region/industry division/status only; otherwise counted up to `exactCountLimit` matches and,
 * above it, the planner's estimate (flagged). Sorted by name, the page is read in the order of
 * `enterprises_name_order_idx` and the next one continues after the last row (keyset), so no page sorts or
 * skips the whole region.
 */
export async function listEnterprises(
  db: Kysely<Database>,
  filter: EnterpriseFilter,
  sort: EnterpriseSort,
  start: PageStart,
  pageSize: number,
  exactCountLimit: number,
) {
  const { query, plan } = filtered(db, filter);
  const isNameOrder = isNameOrdered(sort, plan);
  let rows = query
    .innerJoin('regions as r', 'r.code', 'e.region_code')
    .leftJoin('industries as i', (join) => join.on(sql<boolean>`i.code = left(e.industry_code, 3)`))
    .select(LIST_COLUMNS)
    .select(['e.name_initials as nameInitials']);
  if ('after' in start) {
    const [initials, name, id] = start.after;
    rows = rows.where(
      sql<boolean>`(e.name_initials, e.name collate "C", e.id) > (${initials}, ${name} collate "C", ${id}::int8)`,
    );
  }
  const offset = 'offset' in start ? start.offset : 0;
  type Found = (EnterpriseListRow & { nameInitials: string })[];
  const readPage = async (isFew: boolean): Promise<Found> => {
    if (sort === 'relevance' && plan && plan.kind !== 'uscc') {
      const needed = offset + pageSize + 1;
      // Few matches (counted exactly, so at most the limit): rank them all in one pass. Many: tier by tier
      // until the page is full.
      if (isFew) {
        return (await db
          .selectFrom(rows.as('c'))
          .selectAll('c')
          .orderBy(relevanceRank(plan))
          .orderBy('c.nameInitials')
          .orderBy(sql`c.name collate "C"`)
          .orderBy('c.id')
          .limit(pageSize + 1)
          .offset(offset)
          .execute()) as Found;
      }
      const found: Found = [];
      for (const tier of relevanceTiers(plan)) {
        if (found.length >= needed) break;
        found.push(
          ...((await tier(rows)
            .limit(needed - found.length)
            .execute()) as Found),
        );
      }
      return found.slice(offset);
    }
    return (await sorted(rows, sort === 'relevance' ? 'name' : sort)
      .limit(pageSize + 1)
      .offset(offset)
      .execute()) as Found;
  };
  let found: Found;
  let count: { total: number; totalIsEstimate: boolean };
  if (sort === 'relevance' && plan && plan.kind !== 'uscc') {
    // The count decides how to rank, so it comes first.
    count = await countMatches(db, filter, query, false, exactCountLimit);
    found = await readPage(!count.totalIsEstimate);
  } else {
    [found, count] = await Promise.all([
      readPage(false),
      countMatches(db, filter, query, plan === null, exactCountLimit),
    ]);
  }
  const hasMore = found.length > pageSize;
  const page = found.slice(0, pageSize);
  const last = page[page.length - 1];
  const nextCursor =
    isNameOrder && hasMore && last ? encodeCursor([last.nameInitials, last.name, last.id]) : null;
  const items: EnterpriseListRow[] = page.map(({ nameInitials: _, ...row }) => row);
  return { items, ...count, nextCursor };
}

/** Sums the roll-up when it answers the filter exactly (no search, no size; industry down to a division). */
async function rolledUpCount(db: Kysely<Database>, filter: EnterpriseFilter): Promise<number | null> {
  if (filter.size || (filter.industry && filter.industry.length > 3)) return null;
  let query = db
    .selectFrom('enterprise_counts')
    .select(sql<number>`coalesce(sum(enterprises), 0)::int`.as('n'))
    .where('region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.industry) query = query.where('industry_code', 'like', `${filter.industry.toUpperCase()}%`);
  if (filter.status) query = query.where('status', '=', filter.status);
  return (await query.executeTakeFirstOrThrow()).n;
}

async function countMatches(
  db: Kysely<Database>,
  filter: EnterpriseFilter,
  query: AnyQuery,
  isUnsearched: boolean,
  exactCountLimit: number,
): Promise<{ total: number; totalIsEstimate: boolean }> {
  const rolledUp = isUnsearched ? await rolledUpCount(db, filter) : null;
  if (rolledUp !== null) return { total: rolledUp, totalIsEstimate: false };
  // Count at most one more than the limit: beyond it an exact count would read every match.
  const matches = query.select(sql`1`.as('one')).limit(exactCountLimit + 1);
  const counted = await db
    .selectFrom(matches.as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (counted.n <= exactCountLimit) return { total: counted.n, totalIsEstimate: false };
  const estimate = await plannedRows(query.select(sql`1`.as('one')));
  return { total: roundEstimate(Math.max(estimate, exactCountLimit + 1)), totalIsEstimate: true };
}

/** The planner's row estimate of a query (EXPLAIN, not run). */
async function plannedRows(query: AnyQuery): Promise<number> {
  const [row] = (await query.explain('json')) as Record<string, unknown>[];
  const raw = row ? Object.values(row)[0] : undefined;
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: number } }[];
  return Math.round(plan[0]?.Plan?.['Plan Rows'] ?? 0);
}

/**
 * Rounds an estimate up to two significant digits (63,218 → 64,000): it is not exact and should not look it,
 * and rounding up keeps it above the exact-count limit it exceeded.
 */
function roundEstimate(n: number): number {
  if (n < 100) return Math.ceil(n);
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.ceil(n / unit) * unit;
}

/** A row of the list. */
export interface EnterpriseListRow {
  id: number;
  uscc: string;
  name: string;
  regionCode: string;
  regionName: string;
  industryCode: string;
  industryNameZh: string | null;
  industryNameEn: string | null;
  status: string;
  establishedOn: string | null;
  year: number | null;
  size: 'large' | 'medium' | 'small' | 'micro' | 'not_covered' | 'invalid' | null;
}

/** Streams every enterprise matching the filter in pages of `chunk` (keyset on id), for exports. */
export async function* streamEnterprises(db: Kysely<Database>, filter: EnterpriseFilter, chunk = 5000) {
  let after = 0;
  for (;;) {
    const { query } = filtered(db, filter);
    const rows = (await query
      .innerJoin('regions as r', 'r.code', 'e.region_code')
      .leftJoin('industries as i', (join) => join.on(sql<boolean>`i.code = left(e.industry_code, 3)`))
      .select(LIST_COLUMNS)
      .where('e.id', '>', after)
      .orderBy('e.id')
      .limit(chunk)
      .execute()) as EnterpriseListRow[];
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < chunk) return;
  }
}

/** One enterprise with certifications, figure history and size classes; undefined when absent. */
export async function findEnterpriseDetail(db: Kysely<Database>, id: number) {
  const enterprise = await db
    .selectFrom('enterprises as e')
    .innerJoin('regions as r', 'r.code', 'e.region_code')
    .leftJoin('industries as i', (join) => join.on(sql<boolean>`i.code = left(e.industry_code, 3)`))
    .select([
      'e.id',
      'e.uscc',
      'e.name',
      'e.former_names as formerNames',
      'e.legal_representative as legalRepresentative',
      'e.region_code as regionCode',
      'r.full_name as regionName',
      'e.industry_code as industryCode',
      'i.name_zh as industryNameZh',
      'i.name_en as industryNameEn',
      'e.established_on as establishedOn',
      'e.status',
      'e.ownership_type as ownershipType',
      'e.version',
      'e.is_demo as isDemo',
      'e.updated_at as updatedAt',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
  if (!enterprise) return undefined;
  const [certifications, evidence, figures, sizes] = await Promise.all([
    db
      .selectFrom('enterprise_certifications as c')
      .select([
        'c.id',
        'c.name',
        'c.valid_from as validFrom',
        'c.valid_to as validTo',
        'c.source',
        'c.recorded_at as recordedAt',
        'c.certificate_number as certificateNumber',
        'c.issuing_body as issuingBody',
        'c.evidence_url as evidenceUrl',
        'c.note',
        'c.recorded_by as recordedById',
        'c.issued_valid_to as issuedValidTo',
        'c.ended_on as endedOn',
        'c.ended_at as endedAt',
        'c.ended_by as endedById',
        'c.end_reason as endReason',
      ])
      .where('c.enterprise_id', '=', id)
      .orderBy('c.valid_from', 'desc')
      .orderBy('c.id', 'desc')
      .execute(),
    db
      .selectFrom('qualification_evidence as q')
      .select([
        'q.id',
        'q.certification_id as certificationId',
        'q.stage',
        'q.file_name as fileName',
        'q.content_type as contentType',
        'q.size_bytes as sizeBytes',
        'q.uploaded_by as uploadedById',
        'q.created_at as createdAt',
      ])
      .where('q.enterprise_id', '=', id)
      .orderBy('q.id')
      .execute(),
    db
      .selectFrom('enterprise_figures')
      .select([
        'id',
        'year',
        'employees',
        'operating_revenue as operatingRevenue',
        'main_business_revenue as mainBusinessRevenue',
        'total_assets as totalAssets',
        'total_liabilities as totalLiabilities',
        'rd_expense as rdExpense',
        'rd_staff as rdStaff',
        'taxable_income as taxableIncome',
        'vat_taxpayer_type as vatTaxpayerType',
        'source',
        'reported_at as reportedAt',
        'is_current as isCurrent',
      ])
      .where('enterprise_id', '=', id)
      .orderBy('year', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('enterprise_sizes')
      .select(['year', 'standard', 'size', 'category', 'reason_zh as reasonZh', 'reason_en as reasonEn'])
      .where('enterprise_id', '=', id)
      .orderBy('year', 'desc')
      .execute(),
  ]);
  const users = await findUserDisplays(db, [
    ...certifications.flatMap((c) => [c.recordedById, c.endedById]),
    ...evidence.map((file) => file.uploadedById),
  ]);
  const nameOf = (userId: number | null) =>
    userId === null ? null : (users.get(userId)?.displayName ?? null);
  return {
    ...enterprise,
    certifications: certifications.map(({ recordedById, endedById, ...certification }) => ({
      ...certification,
      recordedBy: nameOf(recordedById),
      endedBy: nameOf(endedById),
      evidenceFiles: evidence
        .filter((file) => file.certificationId === certification.id)
        .map(({ certificationId, contentType, uploadedById, ...file }) => ({
          ...file,
          uploadedBy: nameOf(uploadedById) ?? '',
          kind: servedType(contentType).kind,
          url: `/api/enterprises/${id}/qualifications/${certificationId}/evidence/${file.id}`,
        })),
    })),
    figures,
    sizes: sizes.map((size) => ({ ...size, category: categoryOf(size) })),
  };
}

/** The stored category code of a size class with its names (cn-2011 categories; null when none applies). */
function categoryOf(size: { standard: string; category: string | null }) {
  if (size.category === null || size.standard !== cn2011.id) return null;
  const category = cn2011.categories.find((c) => c.code === size.category);
  return {
    code: size.category,
    nameZh: category?.nameZh ?? size.category,
    nameEn: category?.nameEn ?? size.category,
  };
}

const SIZE_SUMS = sql`
  coalesce(sum(ss.enterprises) filter (where ss.size = 'large'), 0)::int as large,
  coalesce(sum(ss.enterprises) filter (where ss.size = 'medium'), 0)::int as medium,
  coalesce(sum(ss.enterprises) filter (where ss.size = 'small'), 0)::int as small,
  coalesce(sum(ss.enterprises) filter (where ss.size = 'micro'), 0)::int as micro,
  coalesce(sum(ss.enterprises) filter (where ss.size = 'not_covered'), 0)::int as "notCovered",
  coalesce(sum(ss.enterprises) filter (where ss.size = 'invalid'), 0)::int as invalid,
  coalesce(sum(ss.enterprises), 0)::int as total`;

/** Counts by size for a region subtree: totals, by child region (with the region's own level), by industry. */
export async function sizeStats(
  db: Kysely<Database>,
  region: { code: string | null; prefix: string },
  year: number,
  standard: string,
  industry: string | null,
) {
  const industryFilter = industry ? sql`and ss.industry_code like ${`${industry.toUpperCase()}%`}` : sql``;
  const base = sql`ss.year = ${year} and ss.standard = ${standard} and ss.region_code like ${`${region.prefix}%`} ${industryFilter}`;
  const childPrefix = regionPrefixSql('c');
  const parent = region.code === null ? sql`c.parent_code is null` : sql`c.parent_code = ${region.code}`;
  // Industry breakdown: sections, or the divisions of one section when filtered to it.
  const industryKey =
    industry && industry.length === 1 ? sql`ss.industry_code` : sql`left(ss.industry_code, 1)`;
  const [totals, byRegion, direct, byIndustry] = await Promise.all([
    sql<StatRow>`select 'total' as key, '' as "nameZh", '' as "nameEn", ${SIZE_SUMS} from size_stats ss where ${base}`.execute(
      db,
    ),
    sql<StatRow>`
      select c.code as key, c.name as "nameZh", c.name as "nameEn", ${SIZE_SUMS}
      from regions c join size_stats ss on starts_with(ss.region_code, ${childPrefix})
      where ${parent} and ${base}
      group by c.code, c.name order by total desc, c.code`.execute(db),
    region.code === null
      ? Promise.resolve({ rows: [] as StatRow[] })
      : sql<StatRow>`select ${region.code} as key, '本级' as "nameZh", 'Registered at this level' as "nameEn", ${SIZE_SUMS}
          from size_stats ss where ${base} and ss.region_code = ${region.code}`.execute(db),
    sql<StatRow>`
      select ${industryKey} as key, coalesce(i.name_zh, ${industryKey}) as "nameZh", coalesce(i.name_en, ${industryKey}) as "nameEn", ${SIZE_SUMS}
      from size_stats ss left join industries i on i.code = ${industryKey}
      where ${base}
      group by ${industryKey}, i.name_zh, i.name_en order by total desc, 1`.execute(db),
  ]);
  // Enterprises registered at the region's own code (not in any child) get a row of their own.
  const directRow = direct.rows[0];
  // English: the divisions' names romanised (GB/T 2260 has no English names; docs/reference/regions-en.md).
  for (const row of byRegion.rows) row.nameEn = regionNameEn(row.key) || row.nameZh;
  return {
    totals: totals.rows[0] as StatRow,
    byRegion:
      byRegion.rows.length > 0 && directRow && directRow.total > 0
        ? [...byRegion.rows, { ...directRow, ownLevel: true }]
        : byRegion.rows,
    byIndustry: byIndustry.rows,
  };
}

/** A statistics row: counts by size. */
export interface StatRow {
  key: string;
  nameZh: string;
  nameEn: string;
  large: number;
  medium: number;
  small: number;
  micro: number;
  notCovered: number;
  invalid: number;
  total: number;
  ownLevel?: boolean;
}

/** Years with statistics, newest first. */
export async function statYears(db: Kysely<Database>, standard: string): Promise<number[]> {
  const rows = await db
    .selectFrom('size_stats')
    .select('year')
    .distinct()
    .where('standard', '=', standard)
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => r.year);
}

/** The facts of some enterprises, by id (four queries, whatever their number). */
export async function loadEnterpriseFacts(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, EnterpriseFacts>> {
  const out = new Map<number, EnterpriseFacts>();
  if (ids.length === 0) return out;
  const list = [...ids];
  const [enterprises, figures, sizes, certifications] = await Promise.all([
    db
      .selectFrom('enterprises')
      .select(['id', 'industry_code', 'region_code', 'established_on', 'status'])
      .where('id', 'in', list)
      .execute(),
    db
      .selectFrom('enterprise_figures')
      .selectAll()
      .where('enterprise_id', 'in', list)
      .where('is_current', '=', true)
      .execute(),
    db
      .selectFrom('enterprise_sizes')
      .select(['enterprise_id', 'standard', 'year', 'size'])
      .where('enterprise_id', 'in', list)
      .execute(),
    db
      .selectFrom('enterprise_certifications')
      .select(['enterprise_id', 'name', 'valid_from', 'valid_to'])
      .where('enterprise_id', 'in', list)
      // One ended before it started (recorded in error) never counted; one ended later counts up to its valid_to.
      .where((eb) => eb.or([eb('ended_at', 'is', null), eb('valid_to', '>=', eb.ref('valid_from'))]))
      .execute(),
  ]);
  for (const e of enterprises) {
    out.set(e.id, {
      industryCode: e.industry_code,
      regionCode: e.region_code,
      establishedOn: e.established_on,
      status: e.status,
      certifications: [],
      sizes: [],
      figures: {},
    });
  }
  for (const f of figures) {
    const facts = out.get(f.enterprise_id);
    if (!facts) continue;
    facts.figures[f.year] = {
      employees: f.employees,
      operating_revenue: f.operating_revenue,
      main_business_revenue: f.main_business_revenue,
      total_assets: f.total_assets,
      total_liabilities: f.total_liabilities,
      rd_expense: f.rd_expense,
      rd_staff: f.rd_staff,
      taxable_income: f.taxable_income,
      vatTaxpayerType: f.vat_taxpayer_type,
    };
  }
  for (const s of sizes)
    out.get(s.enterprise_id)?.sizes.push({ standard: s.standard, year: s.year, size: s.size });
  for (const c of certifications) {
    out
      .get(c.enterprise_id)
      ?.certifications.push({ name: c.name, validFrom: c.valid_from, validTo: c.valid_to });
  }
  return out;
}
