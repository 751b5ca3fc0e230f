/**
 * OCDS open data of procurement results (issue 17; docs/reference/procurement.md §8, "OCDS import and export").
 *
 * An award imported from an OCDS release keeps, besides its `ocid` and award id (unique per body since
 * 20261216_0100_procurement):
 * - `ocds_release_id`, `ocds_release_date`: the release it was last written from — the same release imported again
 *   changes nothing, an older one never overwrites a newer;
 * - `ocds_suppliers`: every supplier as the release named it (a consortium has several), so that the award goes out
 *   again as it came in.
 *
 * An (ocid, award id) found under another body (the release's buyer corrected) is looked up across bodies by
 * `procurement_awards_ocid_idx`; on Citus the index is built on each shard and the look-up fans out to them.
 * Nullable columns added to `procurement_awards` (distributed by body) rewrite no row.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table procurement_awards add column ocds_release_id text
    check (length(ocds_release_id) between 1 and 200)`.execute(db);
  await sql`alter table procurement_awards add column ocds_release_date timestamptz`.execute(db);
  await sql`alter table procurement_awards add column ocds_suppliers jsonb`.execute(db);
  await sql`create index procurement_awards_ocid_idx on procurement_awards (ocid, ocds_award_id)
    where ocid is not null`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index procurement_awards_ocid_idx`.execute(db);
  await sql`alter table procurement_awards drop column ocds_suppliers`.execute(db);
  await sql`alter table procurement_awards drop column ocds_release_date`.execute(db);
  await sql`alter table procurement_awards drop column ocds_release_id`.execute(db);
}
