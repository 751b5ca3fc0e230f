/**
 * Issue 21 (background work driven by what changed):
 * - `job_cursors` (local): for each kind of daily due run, the last day it has covered, so the next run takes
 *   the days since (none missed when a server was down, none taken twice), and what its inputs were (`state`,
 *   e.g. the calendar's digest the stored deadlines were counted on);
 * - indexes through which matching's due run finds the enterprises whose answers the date alone can change — an
 *   anniversary (their age grows), a certification starting or lapsing — instead of a scan of the registry.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table job_cursors (
    kind text primary key,
    through date not null,
    state text,
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index enterprises_anniversary_idx
    on enterprises (((extract(month from established_on) * 100 + extract(day from established_on))::int))`.execute(
    db,
  );
  await sql`create index enterprise_certifications_valid_from_idx on enterprise_certifications (valid_from)`.execute(
    db,
  );
  await sql`create index enterprise_certifications_valid_to_idx on enterprise_certifications (valid_to)`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index enterprise_certifications_valid_to_idx`.execute(db);
  await sql`drop index enterprise_certifications_valid_from_idx`.execute(db);
  await sql`drop index enterprises_anniversary_idx`.execute(db);
  await sql`drop table job_cursors`.execute(db);
}
