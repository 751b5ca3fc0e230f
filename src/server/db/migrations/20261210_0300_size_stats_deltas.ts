/**
 * Issue 21: `size_stats` is kept by what changed, as `enterprise_counts` is (ADR 0026). Each registry write appends
 * signed deltas in its own transaction (+1 in the cell a size class now counts in, -1 in the one it left) instead
 * of an import recounting whole years of the registry when it ends. The cells lose their key (two batches side by
 * side never wait on each other's counts; readers sum). No index replaces it: compacted, the table holds one row
 * per cell (7,814 for a registry of 1,000,000), which the statistics read faster whole than an import's batches
 * would pay to index their deltas.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table size_stats drop constraint size_stats_pkey`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function down(db: Kysely<any>): Promise<void> {
  // One row per cell again before the key returns.
  await sql`
    with gone as (delete from size_stats returning *)
    insert into size_stats (year, standard, region_code, industry_code, size, enterprises)
    select year, standard, region_code, industry_code, size, sum(enterprises)::int from gone
    group by year, standard, region_code, industry_code, size having sum(enterprises) <> 0`.execute(db);
  await sql`alter table size_stats add primary key (year, standard, region_code, industry_code, size)`.execute(
    db,
  );
}
