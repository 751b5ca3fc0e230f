/**
 * Tamper evidence of the audit log against a database superuser (issue 11, finding 7; ADR 0010).
 *
 * - `audit_head.keyed_from`: the sequence number of the first entry whose hash is an HMAC under the audit key
 *   (a key kept outside the database); entries before it keep the plain SHA-256 chain they were written with.
 *   Null until the first entry written with a key.
 * - `audit_head.key_id`: an identifier derived from that key (not the key), so a server started with another key
 *   is refused instead of writing entries nobody can verify.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_head add column keyed_from bigint, add column key_id text`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_head drop column keyed_from, drop column key_id`.execute(db);
}
