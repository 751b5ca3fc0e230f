/**
 * Issue 18 (gradient cultivation: 创新型中小企业 → 专精特新中小企业 → 专精特新“小巨人”企业, measures 16–17;
 * docs/reference/cultivation.md), built to the scale-out rules from its first migration
 * (docs/adr/0025-scale-out-on-citus.md, src/server/db/table-classes.ts):
 *
 * - distributed by enterprise (primary key and every unique key include `enterprise_id`, keys only to colocated
 *   tables or reference tables, no triggers):
 *   - `cultivation_facts`: what the enterprise fills in beyond the registry's figures for a data year (IP counts by
 *     class, R&D institution, digital level, quality items, niche years, the province's indicators…), as checked
 *     by the rules (`cultivation.rules.ts checkFacts`), one row a year, versioned for concurrent edits;
 *   - `cultivation_evidence`: the files behind those facts (stored like case attachments, lib/stored-files.ts);
 *   - `cultivation_applications`: an application for a tier, with the standard version, the facts and the
 *     assessment as submitted, its stage, the stage's due date (paused while returned to the enterprise), the
 *     public notice's days, the recognition's validity, a revocation;
 *   - `cultivation_events`: each application's timeline (who did what, from which stage to which, the comment);
 *   - `cultivation_objections`: objections lodged during an application's public notice and their answers;
 *   - `cultivation_scores`: the registry-wide scoring job's result, one row per enterprise and tier;
 * - reference: `cultivation_settings`, a province's settings of a tier and year (the yearly quota, the application
 *   window, the notice days, the working days the county and the province have for their review, the 特色化
 *   indicators), few and read everywhere;
 * - local: `cultivation_stats`, the pipeline's counts by county, tier, year and stage, kept by the service in the
 *   transaction of each change (no trigger) for the queue's and the dashboard's totals.
 *
 * Notices get the kind `cultivation`.
 *
 * Users live on the coordinator and are never deleted: no key points to `users`.
 */
import { type Kysely, sql } from 'kysely';

const list = (codes: readonly string[]) => sql.join(codes.map((c) => sql.lit(c)));
const KINDS_BEFORE = [
  'policy_match',
  'benefit_confirmation',
  'benefit_paid',
  'case_update',
  'case_reminder',
  'case_supervision',
  'case_claim',
  'credit',
  'financing',
  'monitoring',
  'procurement',
];
const KINDS_AFTER = [...KINDS_BEFORE, 'cultivation'];

/** The kinds a notice may have (an enterprise's or a user's). */
// biome-ignore lint/suspicious/noExplicitAny: see up()
async function notificationKinds(db: Kysely<any>, kinds: readonly string[]): Promise<void> {
  for (const table of ['notifications', 'user_notifications']) {
    const constraint = sql.id(`${table}_kind_check`);
    await sql`alter table ${sql.table(table)} drop constraint ${constraint}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${constraint} check (kind in (${list(kinds)}))`.execute(
      db,
    );
  }
}
const TIERS = list(['innovative', 'specialised', 'little_giant']);
const STAGES = list([
  'county_review',
  'returned',
  'province_review',
  'national_review',
  'notice',
  'recognised',
  'rejected',
  'withdrawn',
  'revoked',
]);

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table cultivation_settings (
      province_code text not null check (province_code ~ '^[0-9]{2}0000$'),
      tier text not null check (tier in (${TIERS})),
      year smallint not null check (year between 2022 and 2100),
      quota integer check (quota >= 0),
      opens_on date,
      closes_on date,
      notice_days smallint not null default 5 check (notice_days between 1 and 60),
      county_days smallint not null default 15 check (county_days between 1 and 120),
      province_days smallint not null default 20 check (province_days between 1 and 120),
      indicators jsonb not null default '[]',
      version integer not null default 1,
      updated_by bigint,
      updated_at timestamptz not null default now(),
      primary key (province_code, tier, year),
      check (closes_on is null or opens_on is null or closes_on >= opens_on)
    )`.execute(db);

  await sql`
    create table cultivation_facts (
      enterprise_id bigint not null references enterprises (id),
      year smallint not null check (year between 2000 and 2100),
      facts jsonb not null default '{}',
      version integer not null default 1,
      updated_by bigint,
      updated_at timestamptz not null default now(),
      primary key (enterprise_id, year)
    )`.execute(db);

  await sql`
    create table cultivation_evidence (
      enterprise_id bigint not null references enterprises (id),
      id bigint generated always as identity,
      year smallint not null check (year between 2000 and 2100),
      fact text not null check (length(fact) between 1 and 80),
      file_name text not null check (length(file_name) between 1 and 200),
      content_type text not null,
      size_bytes integer not null check (size_bytes > 0),
      sha256 char(64) not null,
      storage_key text not null,
      uploaded_by bigint not null,
      created_at timestamptz not null default now(),
      primary key (enterprise_id, id),
      unique (enterprise_id, storage_key)
    )`.execute(db);
  await sql`create index cultivation_evidence_year_idx on cultivation_evidence (enterprise_id, year, fact)`.execute(
    db,
  );

  await sql`
    create table cultivation_applications (
      enterprise_id bigint not null references enterprises (id),
      id bigint generated always as identity,
      tier text not null check (tier in (${TIERS})),
      standard_version text not null check (length(standard_version) between 1 and 60),
      year smallint not null check (year between 2022 and 2100),
      data_year smallint not null check (data_year between 2000 and 2100),
      region_code text not null check (region_code ~ '^[0-9]{6}$'),
      stage text not null check (stage in (${STAGES})),
      score numeric(6, 2),
      status text not null check (status in ('likely', 'unlikely', 'incomplete')),
      facts jsonb not null,
      assessment jsonb not null,
      due_on date,
      days_left integer check (days_left >= 0),
      returned_from text check (returned_from in ('county_review', 'province_review', 'national_review')),
      returned_at timestamptz,
      return_comment text check (length(return_comment) <= 2000),
      notice_from date,
      notice_to date,
      decided_at timestamptz,
      valid_from date,
      valid_to date,
      certification_id bigint,
      revoked_reason text check (length(revoked_reason) <= 2000),
      reminded_on date,
      submitted_by bigint not null,
      submitted_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      primary key (enterprise_id, id),
      check (notice_to is null or notice_to >= notice_from),
      check (valid_to is null or valid_to > valid_from)
    )`.execute(db);
  // One open application per enterprise, tier and year (a rejected, withdrawn or revoked one may be followed by another).
  await sql`create unique index cultivation_applications_open_idx on cultivation_applications
    (enterprise_id, tier, year) where stage not in ('rejected', 'withdrawn', 'revoked')`.execute(db);
  // The review queues: a region's applications at a stage, soonest due first.
  await sql`create index cultivation_applications_queue_idx on cultivation_applications
    (stage, region_code, due_on, id)`.execute(db);
  await sql`create index cultivation_applications_expiry_idx on cultivation_applications (valid_to)
    where stage = 'recognised'`.execute(db);

  await sql`
    create table cultivation_events (
      enterprise_id bigint not null,
      id bigint generated always as identity,
      application_id bigint not null,
      at timestamptz not null default now(),
      actor_id bigint,
      actor_role text not null check (length(actor_role) between 1 and 20),
      action text not null check (length(action) between 1 and 40),
      from_stage text check (from_stage in (${STAGES})),
      to_stage text check (to_stage in (${STAGES})),
      comment text check (length(comment) <= 2000),
      primary key (enterprise_id, id),
      foreign key (enterprise_id, application_id) references cultivation_applications (enterprise_id, id)
    )`.execute(db);
  await sql`create index cultivation_events_application_idx on cultivation_events
    (enterprise_id, application_id, id)`.execute(db);

  await sql`
    create table cultivation_objections (
      enterprise_id bigint not null,
      id bigint generated always as identity,
      application_id bigint not null,
      lodged_at timestamptz not null default now(),
      name text not null check (length(name) between 1 and 100),
      contact text not null check (length(contact) between 3 and 100),
      content text not null check (length(content) between 5 and 2000),
      state text not null default 'open' check (state in ('open', 'upheld', 'dismissed')),
      answer text check (length(answer) <= 2000),
      answered_by bigint,
      answered_at timestamptz,
      primary key (enterprise_id, id),
      foreign key (enterprise_id, application_id) references cultivation_applications (enterprise_id, id)
    )`.execute(db);
  await sql`create index cultivation_objections_application_idx on cultivation_objections
    (enterprise_id, application_id)`.execute(db);

  await sql`
    create table cultivation_scores (
      enterprise_id bigint not null references enterprises (id),
      tier text not null check (tier in (${TIERS})),
      standard_version text not null,
      data_year smallint not null,
      status text not null check (status in ('likely', 'unlikely', 'incomplete')),
      score numeric(6, 2),
      dimensions jsonb not null default '{}',
      missing smallint not null default 0,
      computed_at timestamptz not null default now(),
      primary key (enterprise_id, tier)
    )`.execute(db);
  await sql`create index cultivation_scores_status_idx on cultivation_scores (tier, status)`.execute(db);

  await sql`
    create table cultivation_stats (
      region_code text not null,
      tier text not null check (tier in (${TIERS})),
      year smallint not null,
      stage text not null check (stage in (${STAGES})),
      count integer not null default 0 check (count >= 0),
      primary key (region_code, tier, year, stage)
    )`.execute(db);

  // Notices of an application's steps to the enterprise, and of new applications to the reviewers.
  await notificationKinds(db, KINDS_AFTER);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from notification_deliveries where user_notification_id in
    (select id from user_notifications where kind = 'cultivation')`.execute(db);
  await sql`delete from notification_deliveries where notification_id in
    (select id from notifications where kind = 'cultivation')`.execute(db);
  await sql`delete from user_notifications where kind = 'cultivation'`.execute(db);
  await sql`delete from notifications where kind = 'cultivation'`.execute(db);
  await notificationKinds(db, KINDS_BEFORE);
  for (const table of [
    'cultivation_stats',
    'cultivation_scores',
    'cultivation_objections',
    'cultivation_events',
    'cultivation_applications',
    'cultivation_evidence',
    'cultivation_facts',
    'cultivation_settings',
  ])
    await sql`drop table ${sql.table(table)}`.execute(db);
}
