/**
 * Issue 12. Qualifications (资质) recorded by officials with their evidence, and ended with a reason: the
 * certification row keeps the certificate's own end date (`issued_valid_to`) when an official ends it early, and
 * `valid_to` becomes the last day it counts, so every reader of `valid_from`/`valid_to` (the eligibility rules in
 * memory and in SQL) stops counting it without knowing about ending. Imports: each job keeps the header text of
 * the file's columns (the error report names the column as the file did) and its summary in each language.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table enterprise_certifications
      add column certificate_number text,
      add column issuing_body text,
      add column evidence_url text,
      add column note text,
      add column recorded_by bigint,
      add column issued_valid_to date,
      add column ended_on date,
      add column ended_at timestamptz,
      add column ended_by bigint,
      add column end_reason text`.execute(db);
  // An ended qualification may end before it started (recorded in error): its valid_to then lies before
  // valid_from and no date falls in its period.
  await sql`alter table enterprise_certifications drop constraint enterprise_certifications_period`.execute(
    db,
  );
  await sql`
    alter table enterprise_certifications add constraint enterprise_certifications_period
      check (valid_to is null or valid_to >= valid_from or ended_at is not null)`.execute(db);
  await sql`
    alter table enterprise_certifications add constraint enterprise_certifications_ended
      check ((ended_at is null) = (ended_on is null) and (ended_at is null) = (end_reason is null))`.execute(
    db,
  );

  await sql`alter table import_jobs add column columns jsonb, add column error_message_en text`.execute(db);
  // Summaries stored before held "中文 / English" in one column.
  await sql`
    update import_jobs
       set error_message_en = substr(error_message, strpos(error_message, ' / ') + 3),
           error_message = substr(error_message, 1, strpos(error_message, ' / ') - 1)
     where strpos(error_message, ' / ') > 0`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    update import_jobs set error_message = error_message || ' / ' || error_message_en
     where error_message_en is not null`.execute(db);
  await sql`alter table import_jobs drop column columns, drop column error_message_en`.execute(db);
  await sql`update enterprise_certifications set valid_to = issued_valid_to where ended_at is not null`.execute(
    db,
  );
  await sql`alter table enterprise_certifications drop constraint enterprise_certifications_ended`.execute(
    db,
  );
  await sql`alter table enterprise_certifications drop constraint enterprise_certifications_period`.execute(
    db,
  );
  await sql`
    alter table enterprise_certifications add constraint enterprise_certifications_period
      check (valid_to is null or valid_to >= valid_from)`.execute(db);
  await sql`
    alter table enterprise_certifications
      drop column certificate_number, drop column issuing_body, drop column evidence_url, drop column note,
      drop column recorded_by, drop column issued_valid_to, drop column ended_on, drop column ended_at,
      drop column ended_by, drop column end_reason`.execute(db);
}
