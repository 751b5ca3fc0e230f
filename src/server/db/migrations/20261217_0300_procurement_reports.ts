/**
 * The annual public report of SME procurement per buying body (issue 17, measure 8; ADR 0031;
 * docs/reference/procurement.md "Huiqi's own rules here").
 *
 * - `procurement_reports`: a body's report of a year — a snapshot of the year's figures as the module then held
 *   them (JSON: budget, suited budget, reserved and of it for small and micro, awarded, to SMEs and to small and
 *   micro, the shares against 30% / 60% as `annualShares` computes them, by kind, the projects not suited with their
 *   reasons, the SBA-style grade with its method), the rules' version and document numbers used, and the
 *   commentary (zh, optional en). A draft is previewed, then published; a published version is never changed:
 *   a correction is the next version with a note saying what changed, and every version is kept.
 *   Distributed by `body_id`, colocated with the body's projects, awards and declarations (group
 *   `procurement_body`): a report is one body's rows, made from that body's rows; its key and every unique index
 *   include `body_id`; its one foreign key points to `procurement_bodies`, a reference table. The public list
 *   (every body's latest published version of a year) reads across shards, as a list may; the body's name and
 *   region as published are kept in the row, so that list needs no join.
 * - The notices' kinds gain `procurement` (a buyer told that a recheck flagged the body's awards; the region's
 *   officials told that a body published or corrected its report).
 */
import { type Kysely, sql } from 'kysely';

const KINDS_BEFORE = sql`('policy_match', 'benefit_confirmation', 'benefit_paid', 'case_update', 'case_reminder',
  'case_supervision', 'case_claim', 'credit', 'financing', 'monitoring')`;
const KINDS_AFTER = sql`('policy_match', 'benefit_confirmation', 'benefit_paid', 'case_update', 'case_reminder',
  'case_supervision', 'case_claim', 'credit', 'financing', 'monitoring', 'procurement')`;

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table procurement_reports (
      body_id bigint not null references procurement_bodies (id),
      id bigint generated always as identity,
      year smallint not null check (year between 2021 and 2100),
      report_version integer not null check (report_version >= 1),
      state text not null default 'draft' check (state in ('draft', 'published')),
      body_name text not null check (length(body_name) between 1 and 200),
      region_code char(6) not null check (region_code ~ '^[0-9]{6}$'),
      figures jsonb not null,
      rules_id text not null,
      documents text[] not null,
      commentary_zh text not null default '' check (length(commentary_zh) <= 5000),
      commentary_en text not null default '' check (length(commentary_en) <= 5000),
      correction_note text check (length(correction_note) between 1 and 1000),
      generated_by bigint not null,
      generated_at timestamptz not null default now(),
      published_by bigint,
      published_at timestamptz,
      created_at timestamptz not null default now(),
      version integer not null default 1,
      primary key (body_id, id),
      unique (body_id, year, report_version),
      check ((report_version = 1) = (correction_note is null)),
      check ((state = 'published') = (published_at is not null and published_by is not null))
    )`.execute(db);
  // One draft in the making per body and year (a first version or a correction).
  await sql`create unique index procurement_reports_draft_key on procurement_reports (body_id, year)
    where state = 'draft'`.execute(db);
  // The public list: a year's published reports, by region.
  await sql`create index procurement_reports_published_idx on procurement_reports (year, region_code)
    where state = 'published'`.execute(db);

  for (const table of ['notifications', 'user_notifications']) {
    const constraint = sql.id(`${table}_kind_check`);
    await sql`alter table ${sql.table(table)} drop constraint ${constraint}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${constraint} check (kind in ${KINDS_AFTER})`.execute(
      db,
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from notification_deliveries where user_notification_id in
    (select id from user_notifications where kind = 'procurement')`.execute(db);
  for (const table of ['notifications', 'user_notifications']) {
    const constraint = sql.id(`${table}_kind_check`);
    await sql`delete from ${sql.table(table)} where kind = 'procurement'`.execute(db);
    await sql`alter table ${sql.table(table)} drop constraint ${constraint}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${constraint} check (kind in ${KINDS_BEFORE})`.execute(
      db,
    );
  }
  await sql`drop table procurement_reports`.execute(db);
}
