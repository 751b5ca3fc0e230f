/**
 * Issue 16 (the registry's regular statistics, measure 3): the exits of a month are the enterprises whose status left
 * "active" in it. The registry kept the status but not when it changed: `status_changed_on` is the day (China
 * time) a write changed an enterprise's status, null where it never changed on the platform (then the change's day is
 * unknown and the enterprise is not counted as an exit of any month). Nullable, no default: adding it rewrites no row
 * and is one statement on a distributed table.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table enterprises add column status_changed_on date`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table enterprises drop column status_changed_on`.execute(db);
}
