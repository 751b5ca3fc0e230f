/**
 * The coverage of credit information in a region (issue 14, measure 4): per category, the published records about
 * the region's enterprises and how fresh they are. One statement over `credit_records`, joined to the registry's
 * region of each enterprise (`enterpriseRegions`, ADR 0019).
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { enterpriseRegions } from '../registry/index.ts';

/** One category's published records in a region. */
export interface CoverageCount {
  category: string;
  enterprises: number;
  records: number;
  newest: string | null;
  median: string | null;
}

/**
 * Published on `today`, in SQL (credit.rules.ts `isPublished`): not superseded, and no end of publication or one
 * not passed.
 */
export function publishedOnSql(alias: string, today: string): RawBuilder<boolean> {
  const a = sql.ref(alias);
  return sql<boolean>`(${a}.status <> 'superseded' and (${a}.publish_until is null or ${a}.publish_until >= ${today}::date))`;
}

/** The categories with published records about the enterprises of a region subtree (its GB/T 2260 prefix). */
export async function coverageByCategory(
  db: Kysely<Database>,
  regionPrefix: string,
  today: string,
): Promise<CoverageCount[]> {
  const result = await sql<CoverageCount>`
    select r.category,
      count(distinct r.enterprise_id)::int as enterprises,
      count(*)::int as records,
      to_char(max(r.decided_on), 'YYYY-MM-DD') as newest,
      to_char(percentile_disc(0.5) within group (order by r.decided_on), 'YYYY-MM-DD') as median
    from credit_records r
    join ${enterpriseRegions()} e on e.id = r.enterprise_id
    where e.region_code like ${`${regionPrefix}%`} and ${publishedOnSql('r', today)}
    group by r.category`.execute(db);
  return result.rows;
}
