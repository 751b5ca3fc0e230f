/**
 * Issue 14 (credit information, measure 4): departments' credit records are loaded through the registry's import
 * pipeline (ADR 0006, 0015). An import job gains a kind, `credit_records`, and its options (the source department
 * chosen on the upload); a department file's rows are told apart by the department's own record number
 * (来源编号), which a repeat within the file is found by, on disk as the USCCs of an enterprise file are
 * (`import_job_keys`, local like the other import tables).
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table import_jobs drop constraint import_jobs_kind_check`.execute(db);
  await sql`alter table import_jobs add constraint import_jobs_kind_check
    check (kind in ('enterprises', 'credit_records'))`.execute(db);
  await sql`alter table import_jobs add column options jsonb`.execute(db);
  await sql`
    create table import_job_keys (
      job_id bigint not null references import_jobs (id) on delete cascade,
      key text not null,
      row_number integer not null,
      primary key (job_id, key)
    )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table import_job_keys`.execute(db);
  await sql`delete from import_jobs where kind <> 'enterprises'`.execute(db);
  await sql`alter table import_jobs drop column options`.execute(db);
  await sql`alter table import_jobs drop constraint import_jobs_kind_check`.execute(db);
  await sql`alter table import_jobs add constraint import_jobs_kind_check check (kind in ('enterprises'))`.execute(
    db,
  );
}
