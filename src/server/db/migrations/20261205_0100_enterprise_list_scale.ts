/**
 * The officials' enterprise list and home page at scale (issue 11, ADR 0011). With 1,000,000 enterprises the
 * list sorted every enterprise of the region and counted them all on each request, and the home page grouped
 * them all twice.
 *
 * - `enterprises_name_order_idx` matches the default order (pinyin initials, then code points, then id), so the
 *   first page — and the next ones, by keyset — is read in index order and stops after a page; the region
 *   prefix is a filter on the way (on a sharded table, each shard returns its first rows and the coordinator
 *   merges them).
 * - `enterprises_initials_trgm_idx` (trigrams of the pinyin initials, pg_trgm: on PGlite and PostgreSQL alike)
 *   finds initials containing a text of three letters and more without reading every enterprise.
 * - `enterprises_uscc_prefix_idx` lets a USCC-prefix search use an index whatever the database collation
 *   (`LIKE 'prefix%'` needs the pattern operator class unless the collation is C).
 * - `enterprise_counts` is a roll-up of enterprises by county × industry division × status, kept by the
 *   registry's writes in the same transaction (not by a trigger: the enterprises table is to be distributed,
 *   see the scale-out notes); the home page and the list's unfiltered totals read it. Writes append signed
 *   deltas (no key, so two import batches written side by side never wait on each other's counts) and readers
 *   sum them; a compaction folds them into one row per cell.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index enterprises_name_order_idx on enterprises (name_initials, (name collate "C"), id)`.execute(
    db,
  );
  await sql`create index enterprises_uscc_prefix_idx on enterprises (uscc bpchar_pattern_ops)`.execute(db);
  await sql`create index enterprises_initials_trgm_idx on enterprises using gin (name_initials gin_trgm_ops)`.execute(
    db,
  );
  await sql`
    create table enterprise_counts (
      region_code char(6) not null,
      industry_code text not null,
      status text not null,
      enterprises integer not null
    )`.execute(db);
  await sql`
    insert into enterprise_counts (region_code, industry_code, status, enterprises)
    select region_code, left(industry_code, 3), status, count(*)::int from enterprises group by 1, 2, 3`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table enterprise_counts`.execute(db);
  await sql`drop index enterprises_initials_trgm_idx`.execute(db);
  await sql`drop index enterprises_uscc_prefix_idx`.execute(db);
  await sql`drop index enterprises_name_order_idx`.execute(db);
}
