/**
 * Issue 17, the declarations recheck (procurement.recheck.ts): each batch joins a body range's declarations to their
 * awards of the year for the supplier (`enterprise_id`). Through the primary key that join read every award's row
 * from the heap, one random page per declaration. `procurement_awards_year_idx` becomes (body_id, year, id) carrying
 * `enterprise_id`: the join reads the index alone (an index-only scan, in the (body_id, id) order of the merge join),
 * and the lookups by (body_id, year) it served before are served by its first two columns as before.
 *
 * `procurement_awards` is distributed by body (ADR 0031): the index is built on each shard.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index procurement_awards_year_cover_idx on procurement_awards (body_id, year, id)
    include (enterprise_id)`.execute(db);
  await sql`drop index procurement_awards_year_idx`.execute(db);
  await sql`alter index procurement_awards_year_cover_idx rename to procurement_awards_year_idx`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index procurement_awards_year_idx`.execute(db);
  await sql`create index procurement_awards_year_idx on procurement_awards (body_id, year)`.execute(db);
}
