/** SQL of the enterprise registry used by the foundation (lookups and counts). */

import { type Kysely, type RawBuilder, sql } from 'kysely';
import { findRegion, regionScopePrefix } from '../../../reference/regions.ts';
import { regionNameEn } from '../../../reference/regions-en.ts';
import type { Database } from '../../db/schema.ts';
import { escapeLike } from '../audit/index.ts';

/** One enterprise with its region and industry names. */
export function findEnterpriseView(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('enterprises as e')
    .innerJoin('regions as r', 'r.code', 'e.region_code')
    .leftJoin('industries as i', 'i.code', 'e.industry_code')
    .select([
      'e.id',
      'e.uscc',
      'e.name',
      'e.region_code as regionCode',
      'r.full_name as regionName',
      'e.industry_code as industryCode',
      'i.name_zh as industryNameZh',
      'i.name_en as industryNameEn',
      'e.established_on as establishedOn',
      'e.status',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

/** Enterprises whose name or USCC contains the text (for binding users), at most `limit`. */
export function searchEnterprisesByName(db: Kysely<Database>, q: string, limit: number) {
  const like = `%${escapeLike(q)}%`;
  return db
    .selectFrom('enterprises')
    .select(['id', 'uscc', 'name', 'region_code as regionCode'])
    .where((eb) => eb.or([eb('name', 'like', like), eb('uscc', 'like', `${escapeLike(q.toUpperCase())}%`)]))
    .orderBy('name')
    .limit(limit)
    .execute();
}

/**
 * Number of enterprises in a region subtree (all when prefix is empty), from the `enterprise_counts` roll-up
 * (ADR 0011): a sum over the subtree's counties instead of a count over its enterprises.
 */
export async function countEnterprises(db: Kysely<Database>, regionPrefix: string): Promise<number> {
  const row = await db
    .selectFrom('enterprise_counts')
    .select(sql<number>`coalesce(sum(enterprises), 0)::int`.as('n'))
    .where('region_code', 'like', `${regionPrefix}%`)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Enterprise counts by GB/T 4754 section within a region subtree (from the roll-up). */
export function countBySection(db: Kysely<Database>, regionPrefix: string) {
  return db
    .selectFrom('enterprise_counts as c')
    .innerJoin('industries as i', (join) => join.on(sql<boolean>`i.code = left(c.industry_code, 1)`))
    .select(['i.code as key', 'i.name_zh as nameZh', 'i.name_en as nameEn'])
    .select(sql<number>`sum(c.enterprises)::int`.as('count'))
    .where('c.region_code', 'like', `${regionPrefix}%`)
    .groupBy(['i.code', 'i.name_zh', 'i.name_en'])
    .having(sql<boolean>`sum(c.enterprises) > 0`)
    .orderBy('count', 'desc')
    .orderBy('i.code')
    .execute();
}

/** The GB/T 2260 code prefix of a region row's subtree in SQL (SQL twin of regionScopePrefix). */
export function regionPrefixSql(alias: string) {
  const level = sql.ref(`${alias}.level`);
  const code = sql.ref(`${alias}.code`);
  return sql<string>`case ${level} when 'province' then left(${code}, 2) when 'city' then left(${code}, 4) else ${code} end`;
}

/** Enterprise counts by the child regions of a region (by province when parentCode is null), from the roll-up. */
export async function countByChildRegion(db: Kysely<Database>, parentCode: string | null) {
  const prefix = regionPrefixSql('c');
  // Counties first (the roll-up's industries and statuses summed), then each child's subtree of them.
  const parentPrefix =
    parentCode === null ? '' : findRegion(parentCode) ? regionScopePrefix(parentCode) : parentCode;
  const byCounty = db
    .selectFrom('enterprise_counts')
    .select('region_code')
    .select(sql<number>`sum(enterprises)`.as('enterprises'))
    .where('region_code', 'like', `${parentPrefix}%`)
    .groupBy('region_code');
  let query = db
    .selectFrom('regions as c')
    .innerJoin(byCounty.as('n'), (join) => join.on(sql<boolean>`starts_with(n.region_code, ${prefix})`))
    .select(['c.code as key', 'c.name as nameZh', 'c.name as nameEn'])
    .select(sql<number>`sum(n.enterprises)::int`.as('count'))
    .groupBy(['c.code', 'c.name'])
    .having(sql<boolean>`sum(n.enterprises) > 0`)
    .orderBy('count', 'desc')
    .orderBy('c.code');
  query =
    parentCode === null
      ? query.where('c.parent_code', 'is', null)
      : query.where('c.parent_code', '=', parentCode);
  // English: the divisions' names romanised (GB/T 2260 has none; docs/reference/regions-en.md).
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, nameEn: regionNameEn(row.key) || row.nameZh }));
}

/** Whether any demo enterprise exists (the overview says so). */
export async function hasDemoEnterprises(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('enterprises')
    .select('id')
    .where('is_demo', '=', true)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The names of those of `ids` that are enterprises, by id (for modules that show whom a row is bound to). */
export async function findEnterpriseNames(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('enterprises')
    .select(['id', 'name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * Each enterprise's `id` and `region_code` as a subquery to join, so that a set-based statement of another module
 * (a policy's notices counted by county) stays one statement.
 */
export function enterpriseRegions(): RawBuilder<unknown> {
  return sql`(select id, region_code from enterprises)`;
}

/**
 * Each enterprise's `id`, `uscc`, `name` and `region_code` as a subquery another module joins (alias it), so that
 * its lists of enterprises (a policy's applicants, its benefit list), filtered by region and searched by name,
 * stay one statement.
 */
export function enterpriseCards(db: Kysely<Database>) {
  return db.selectFrom('enterprises').select(['id', 'uscc', 'name', 'region_code']);
}

/**
 * The ids of the enterprises an import job created or updated (profile, certifications or figures), from the list
 * its batches kept (ADR 0015), in id order.
 */
export async function enterprisesChangedByImport(db: Kysely<Database>, jobId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('import_job_enterprises')
    .select('enterprise_id')
    .where('job_id', '=', jobId)
    .orderBy('enterprise_id')
    .execute();
  return rows.map((r) => r.enterprise_id);
}

/**
 * The registry's facts as SQL, for rules compiled into one statement over every enterprise (policies' eligibility
 * and matching): each a subquery to alias or a condition, so the registry's tables are named only here. Simple
 * subqueries, which PostgreSQL flattens into the statement that joins them: the plan is the one over the tables.
 */
function onlyOf(only?: (enterpriseId: RawBuilder<unknown>) => RawBuilder<boolean>): RawBuilder<unknown> {
  return only ? sql`and ${only(sql.ref('enterprise_id'))}` : sql``;
}

export const enterpriseFactsSql = {
  /** Enterprises: `id`, `uscc`, `name`, `region_code`, `industry_code`, `established_on`, `status`. */
  enterprises(): RawBuilder<unknown> {
    return sql`(select id, uscc, name, region_code, industry_code, established_on, status from enterprises)`;
  },
  /**
   * Each enterprise's current figures of a year (at most one row each), by `enterprise_id`; `only`: a condition
   * on `enterprise_id` (the enterprises a scan is limited to, so that the figures are read for those alone).
   */
  figures(
    year: number,
    only?: (enterpriseId: RawBuilder<unknown>) => RawBuilder<boolean>,
  ): RawBuilder<unknown> {
    return sql`(select enterprise_id, employees, operating_revenue, main_business_revenue, total_assets,
      total_liabilities, rd_expense, rd_staff, taxable_income, vat_taxpayer_type
      from enterprise_figures where year = ${year} and is_current ${onlyOf(only)})`;
  },
  /** Each enterprise's size class (`size`) of a year under a standard (at most one row each), by `enterprise_id`. */
  sizes(
    standard: string,
    year: number,
    only?: (enterpriseId: RawBuilder<unknown>) => RawBuilder<boolean>,
  ): RawBuilder<unknown> {
    return sql`(select enterprise_id, size from enterprise_sizes where year = ${year} and standard = ${standard}
      ${onlyOf(only)})`;
  },
  /**
   * The recognitions each enterprise holds (`enterprise_id`, `name`, `valid_from`, `valid_to`), by `enterprise_id`;
   * one ended before it started (recorded in error) left out, as loadEnterpriseFacts does; `only`: a condition on
   * `enterprise_id`.
   */
  certifications(only?: (enterpriseId: RawBuilder<unknown>) => RawBuilder<boolean>): RawBuilder<unknown> {
    return sql`(select enterprise_id, name, valid_from, valid_to from enterprise_certifications
      where (ended_at is null or valid_to >= valid_from) ${onlyOf(only)})`;
  },
  /** Whether the enterprise of this id expression holds a certification valid on a date. */
  certified(enterpriseId: RawBuilder<unknown>, name: string, date: string): RawBuilder<boolean> {
    return sql<boolean>`exists (select 1 from enterprise_certifications c where c.enterprise_id = ${enterpriseId}
      and c.name = ${name} and c.valid_from <= ${date}::date and (c.valid_to is null or c.valid_to >= ${date}::date))`;
  },
  /** Whether the enterprise of this id expression holds any of these certifications valid on a date. */
  certifiedAny(
    enterpriseId: RawBuilder<unknown>,
    names: readonly string[],
    date: string,
  ): RawBuilder<boolean> {
    return sql<boolean>`exists (select 1 from enterprise_certifications c where c.enterprise_id = ${enterpriseId}
      and c.name = any(${[...names]}::text[]) and c.valid_from <= ${date}::date
      and (c.valid_to is null or c.valid_to >= ${date}::date))`;
  },
};

/** The lowest and highest enterprise id (both null when the registry is empty), read from the primary key. */
export async function enterpriseIdRange(
  db: Kysely<Database>,
): Promise<{ from: number | null; to: number | null }> {
  const row = await db
    .selectFrom('enterprises')
    .select((eb) => [eb.fn.min('id').as('from'), eb.fn.max('id').as('to')])
    .executeTakeFirst();
  return { from: row?.from ?? null, to: row?.to ?? null };
}

/**
 * The active enterprises whose age grows by one on one of these month-days (`month * 100 + day` of their
 * establishment; an index holds the expression), by id (issue 21: found ahead, not by a rescan).
 */
export async function enterprisesWithAnniversary(
  db: Kysely<Database>,
  monthDays: readonly number[],
): Promise<number[]> {
  if (monthDays.length === 0) return [];
  const { rows } = await sql<{ id: number }>`
    select id from enterprises
    where ((extract(month from established_on) * 100 + extract(day from established_on))::int)
      = any(${[...monthDays]}::int[])
      and status = 'active'`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * The enterprises with a certification that starts, or lapses (the day after its last), on a day of
 * (after, through], by id (indexes on both dates).
 */
export async function enterprisesWithCertificationChange(
  db: Kysely<Database>,
  after: string,
  through: string,
): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    select enterprise_id as id from enterprise_certifications
    where valid_from > ${after}::date and valid_from <= ${through}::date
    union
    select enterprise_id from enterprise_certifications
    where valid_to >= ${after}::date and valid_to < ${through}::date`.execute(db);
  return rows.map((r) => r.id);
}

/** Marks the enterprises of these USCCs as demo data (the demo seed); returns their ids and USCCs. */
export function markDemoEnterprises(db: Kysely<Database>, usccs: readonly string[]) {
  return db
    .updateTable('enterprises')
    .set({ is_demo: true })
    .where('uscc', 'in', [...usccs])
    .returning(['id', 'uscc'])
    .execute();
}

// ---- Lookups for other modules (issue 13): they read enterprises through these, never the tables -------------

/** What filing a case needs of an enterprise: its code, region and whether it is demo data. */
export function findEnterpriseBasics(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('enterprises')
    .select(['uscc', 'region_code', 'is_demo'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * An enterprise by its USCC with its latest size class under the 2011 standard (size and year null when never
 * classified); undefined when the registry does not know the code.
 */
export function findEnterpriseSizeByUscc(db: Kysely<Database>, uscc: string) {
  return db
    .selectFrom('enterprises as e')
    .leftJoin('enterprise_sizes as s', (join) =>
      join.onRef('s.enterprise_id', '=', 'e.id').on('s.standard', '=', 'cn-2011'),
    )
    .select(['e.id', 'e.region_code', 's.size', 's.year'])
    .where('e.uscc', '=', uscc)
    .orderBy('s.year', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** One count of the registry's monthly statistics (issue 16). */
export interface RegistryMonthCount {
  measure: 'enterprises' | 'entries' | 'exits' | 'registered';
  /** GB/T 4754 section letter. */
  section: string;
  /** The region's next level down (a county region: the county itself). */
  region: string;
  /** The size class of `sizeYear` under the 2011 standard, or 'unclassified'. */
  size: string;
  count: number;
}

/**
 * The registry's counts of a month in a region subtree (issue 16's regular statistics), by section × the next
 * level's region × size class: `enterprises`, the active ones established by the month's end, as the registry
 * stands when counted; `entries`, those established in the month (新设); `exits`, those whose status left "active"
 * in the month by the registry's own record of the change (`status_changed_on`); `registered`, those first written
 * to the platform's registry in the month (入库). One statement over the enterprises.
 */
export async function registryMonthCounts(
  db: Kysely<Database>,
  prefix: string,
  first: string,
  last: string,
  sizeYear: number,
): Promise<RegistryMonthCount[]> {
  const childLength = prefix.length === 0 ? 2 : prefix.length === 2 ? 4 : 6;
  const region = sql`rpad(left(e.region_code, ${childLength}), 6, '0')`;
  const { rows } = await sql<RegistryMonthCount>`
    select m.measure, left(e.industry_code, 1) as section, ${region} as region,
      coalesce(z.size, 'unclassified') as size, count(*)::int as count
    from enterprises e
    left join enterprise_sizes z on z.enterprise_id = e.id and z.year = ${sizeYear} and z.standard = 'cn-2011'
    cross join lateral (values
      ('enterprises', e.status = 'active' and (e.established_on is null or e.established_on <= ${last}::date)),
      ('entries', e.established_on between ${first}::date and ${last}::date),
      ('exits', e.status <> 'active' and e.status_changed_on between ${first}::date and ${last}::date),
      ('registered', (e.created_at at time zone 'Asia/Shanghai')::date between ${first}::date and ${last}::date)
    ) as m(measure, counted)
    where e.region_code like ${`${prefix}%`} and m.counted
    group by 1, 2, 3, 4 order by 1, 2, 3, 4`.execute(db);
  return rows;
}
