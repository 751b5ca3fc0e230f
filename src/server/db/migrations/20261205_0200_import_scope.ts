/**
 * Imports change only enterprises inside the importer's scope, and say which enterprises they changed (issue 11,
 * finding 1; ADR 0015).
 *
 * - `import_job_enterprises`: each enterprise a job created or updated, with the row that did it. The job's audit
 *   entry points to this list (one row per enterprise, written in the batch's own transaction), instead of an
 *   audit entry per enterprise. No foreign key to `enterprises` (its ids come from the upsert of the same
 *   transaction; enterprises are never deleted, ADR 0006).
 * - `import_job_errors.code`: the stable error code of a rejected row when it has one (such as an enterprise
 *   outside the importer's region), shown in the report and its download.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table import_job_enterprises (
      job_id bigint not null references import_jobs (id) on delete cascade,
      enterprise_id bigint not null,
      row_number integer not null,
      change text not null check (change in ('created', 'updated')),
      primary key (job_id, enterprise_id)
    )`.execute(db);
  // Pages and the export read a job's list in row order.
  await sql`create index import_job_enterprises_row_idx on import_job_enterprises (job_id, row_number)`.execute(
    db,
  );
  await sql`alter table import_job_errors add column code text`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table import_job_errors drop column code`.execute(db);
  await sql`drop table import_job_enterprises`.execute(db);
}
