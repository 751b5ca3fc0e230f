/**
 * Issue 16: a reviewer sends a draft release back to its author with a comment (what to change) instead of only
 * reviewing or withdrawing it. The draft keeps its state; the comment, who sent it back and when stay on the release
 * until it is reviewed (the author reads them on the release page and in the notice).
 *
 * `monitoring_releases` is local (the coordinator's): adding nullable columns
 * rewrites no row.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table monitoring_releases add column returned_comment text,
    add column returned_by bigint, add column returned_at timestamptz`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table monitoring_releases drop column returned_comment, drop column returned_by,
    drop column returned_at`.execute(db);
}
