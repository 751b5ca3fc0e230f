/** Read-side SQL of the registry: the enterprise list and search, one enterprise's detail, size statistics. */
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { cn2011 } from '../../../reference/size-standards/index.ts';
import type { Database } from '../../db/schema.ts';
import type { EnterpriseFacts } from './registry.model.ts';
import { regionPrefixSql } from './registry.repository.ts';
import { planSearch } from './search.ts';

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
  if (plan?.kind === 'initials') query = query.where(sql<boolean>`strpos(e.name_initials, ${plan.text}) > 0`);
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

function sorted(query: AnyQuery, sort: EnterpriseSort, text: string | null): AnyQuery {
  switch (sort) {
    case 'relevance':
      if (text) {
        return query
          .orderBy(
            sql`case when lower(e.name) = ${text} then 0 when starts_with(lower(e.name), ${text}) then 1
              when strpos(lower(e.name), ${text}) > 0 then 2 when starts_with(e.name_initials, ${text}) then 3 else 4 end`,
          )
          .orderBy(sql`length(e.name)`)
          .orderBy('e.id');
      }
      return query.orderBy('e.name_initials').orderBy(sql`e.name collate "C"`).orderBy('e.id');
    case 'name':
      // Pinyin initials first, then code points: the same order on every engine and locale.
      return query.orderBy('e.name_initials').orderBy(sql`e.name collate "C"`).orderBy('e.id');
    case 'established':
      return query.orderBy(sql`e.established_on desc nulls last`).orderBy('e.id');
    case 'updated':
      return query.orderBy('e.updated_at', 'desc').orderBy('e.id');
  }
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

/** One page of enterprises matching the filter, with the total. */
export async function listEnterprises(
  db: Kysely<Database>,
  filter: EnterpriseFilter,
  sort: EnterpriseSort,
  page: number,
  pageSize: number,
) {
  const { query, plan } = filtered(db, filter);
  const text = plan && plan.kind !== 'uscc' ? plan.text : null;
  const rows = sorted(
    query
      .innerJoin('regions as r', 'r.code', 'e.region_code')
      .leftJoin('industries as i', (join) => join.on(sql<boolean>`i.code = left(e.industry_code, 3)`))
      .select(LIST_COLUMNS),
    sort,
    text,
  )
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [items, count] = await Promise.all([
    rows.execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items as EnterpriseListRow[], total: count.n };
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
  const [certifications, figures, sizes] = await Promise.all([
    db
      .selectFrom('enterprise_certifications')
      .select(['name', 'valid_from as validFrom', 'valid_to as validTo', 'source'])
      .where('enterprise_id', '=', id)
      .orderBy('valid_from', 'desc')
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
  return {
    ...enterprise,
    certifications,
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
