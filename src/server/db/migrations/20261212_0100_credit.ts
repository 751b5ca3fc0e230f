/**
 * Issue 14 (credit information the enterprise controls, measure 4), built to the scale-out rules from its first
 * migration (docs/adr/0025-scale-out-on-citus.md, src/server/db/table-classes.ts):
 *
 * - distributed by enterprise (primary key and every unique key include `enterprise_id`, keys only to colocated
 *   tables or reference tables, no triggers):
 *   - `credit_records`: what departments share by category of the 国办发〔2021〕52号 list, and what the enterprise
 *     declares itself under a credit commitment; a correction is a new record, the old one kept as superseded;
 *   - `credit_consents`: an enterprise's consent for one named institution to see chosen categories for a purpose
 *     until a date (awaiting → authorised / rejected → revoked; expired is read off the date);
 *   - `credit_access_log`: every query a bank made under a consent;
 *   - `credit_objections`: objections to a record and requests to repair one, with the answer's due date;
 *   - `credit_scores`: each enterprise's score under a scorecard, with each feature's points;
 * - reference: `credit_scorecards` (models as dated data, few and read everywhere) and `credit_settings` (the
 *   dated figures of the credit rules: publication periods, the objection time limit, the longest consent; each
 *   with its basis and whether it is verified, editable because some are not).
 *
 * Users are never deleted and live on the coordinator: no key points to `users` (rule 4).
 */
import { type Kysely, sql } from 'kysely';

const CATEGORIES = [
  'registration',
  'licence',
  'penalty',
  'judgment',
  'dishonesty',
  'honour',
  'tax',
  'social_insurance',
  'housing_fund',
  'trade',
  'utilities',
  'real_estate',
  'ip',
  'rd',
];
const categoryList = sql.join(CATEGORIES.map((c) => sql.lit(c)));

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table credit_settings (
      key text not null,
      effective_from date not null,
      value numeric not null check (value > 0),
      unit text not null check (unit in ('days', 'months', 'years')),
      basis text not null check (length(basis) between 1 and 300),
      verified boolean not null,
      updated_by bigint,
      updated_at timestamptz not null default now(),
      primary key (key, effective_from)
    )`.execute(db);
  // The figures as the reference notes give them (docs/reference/credit.md), which date none of them: each row
  // holds from 2000-01-01, before any record the platform keeps. An admin may add a dated row (a figure confirmed,
  // or changed by a new document).
  await sql`
    insert into credit_settings (key, effective_from, value, unit, basis, verified) values
      ('penalty_publication_min', '2000-01-01', 3, 'months',
        '行政处罚信息公示期限：最短3个月（参考资料为多方一致的公开来源，未给出文号）', true),
      ('penalty_publication_min_safety', '2000-01-01', 1, 'years',
        '特种设备、安全生产、消防领域行政处罚公示最短1年（参考资料为多方一致的公开来源，未给出文号）', true),
      ('penalty_publication_max', '2000-01-01', 3, 'years',
        '行政处罚信息公示期限：最长3年（参考资料为多方一致的公开来源，未给出文号）', true),
      ('objection_answer_days', '2000-01-01', 20, 'days',
        '异议处理时限：20日内书面答复（单一来源，待核实）', false),
      ('adverse_retention', '2000-01-01', 5, 'years',
        '不良信息保存期限：5年（单一来源，待核实）', false),
      ('consent_max_days', '2000-01-01', 365, 'days',
        '授权有效期最长1年（本平台规则；英国开放银行账户数据授权常见上限为90天）', true)
  `.execute(db);

  await sql`
    create table credit_records (
      enterprise_id bigint not null references enterprises (id),
      id bigint generated always as identity,
      category text not null check (category in (${categoryList})),
      item text not null check (length(item) between 1 and 40),
      title text not null check (length(title) between 1 and 200),
      value_number numeric,
      value_text text check (length(value_text) <= 100),
      decided_on date not null,
      publish_until date,
      source_kind text not null check (source_kind in ('department', 'self_declared', 'correction')),
      source_department text not null check (length(source_department) between 1 and 100),
      source_ref text check (length(source_ref) <= 100),
      personal jsonb,
      commitment text check (length(commitment) <= 500),
      status text not null default 'active' check (status in ('active', 'superseded', 'repaired')),
      disputed boolean not null default false,
      corrects bigint,
      import_job_id bigint,
      created_by bigint,
      created_at timestamptz not null default now(),
      primary key (enterprise_id, id),
      check (publish_until is null or publish_until >= decided_on)
    )`.execute(db);
  await sql`create unique index credit_records_source_ref_key
    on credit_records (enterprise_id, category, source_department, source_ref)
    where source_ref is not null and status <> 'superseded'`.execute(db);
  await sql`create index credit_records_category_idx on credit_records (category, enterprise_id)`.execute(db);
  await sql`create index credit_records_publish_until_idx on credit_records (publish_until)
    where publish_until is not null`.execute(db);

  await sql`
    create table credit_consents (
      enterprise_id bigint not null references enterprises (id),
      id bigint generated always as identity,
      institution_id bigint not null references financial_institutions (id),
      scope text not null check (scope in ('report', 'check')),
      categories text[] not null check (cardinality(categories) between 1 and 14),
      include_score boolean not null default false,
      purpose text not null check (length(purpose) between 4 and 200),
      valid_from date not null,
      valid_until date not null,
      state text not null check (state in ('awaiting', 'authorised', 'rejected', 'revoked')),
      requested_by_role text not null check (requested_by_role in ('bank', 'enterprise')),
      requested_by bigint not null,
      requested_at timestamptz not null default now(),
      signer_name text check (length(signer_name) between 1 and 50),
      decided_by bigint,
      decided_at timestamptz,
      revoked_by bigint,
      revoked_at timestamptz,
      receipt_id uuid not null,
      primary key (enterprise_id, id),
      check (valid_until >= valid_from)
    )`.execute(db);
  await sql`create index credit_consents_institution_idx on credit_consents (institution_id, requested_at)`.execute(
    db,
  );

  await sql`
    create table credit_access_log (
      enterprise_id bigint not null,
      id bigint generated always as identity,
      consent_id bigint not null,
      institution_id bigint not null,
      user_id bigint not null,
      at timestamptz not null default now(),
      kind text not null check (kind in ('report', 'check')),
      categories text[] not null,
      purpose text not null,
      question jsonb,
      answer boolean,
      primary key (enterprise_id, id),
      foreign key (enterprise_id, consent_id) references credit_consents (enterprise_id, id)
    )`.execute(db);
  await sql`create index credit_access_log_consent_idx on credit_access_log (enterprise_id, consent_id, at)`.execute(
    db,
  );
  await sql`create index credit_access_log_institution_idx on credit_access_log (institution_id, at)`.execute(
    db,
  );

  await sql`
    create table credit_objections (
      enterprise_id bigint not null,
      id bigint generated always as identity,
      record_id bigint not null,
      kind text not null check (kind in ('objection', 'repair')),
      reason text not null check (length(reason) between 5 and 1000),
      filed_by bigint not null,
      filed_at timestamptz not null default now(),
      due_on date not null,
      state text not null default 'open' check (state in ('open', 'accepted', 'rejected')),
      answer text check (length(answer) between 5 and 1000),
      answered_by bigint,
      answered_at timestamptz,
      correction_id bigint,
      primary key (enterprise_id, id),
      foreign key (enterprise_id, record_id) references credit_records (enterprise_id, id)
    )`.execute(db);
  await sql`create unique index credit_objections_open_key on credit_objections (enterprise_id, record_id, kind)
    where state = 'open'`.execute(db);
  await sql`create index credit_objections_state_idx on credit_objections (state, due_on)`.execute(db);

  await sql`
    create table credit_scorecards (
      id integer generated always as identity primary key,
      name text not null check (length(name) between 1 and 100),
      version integer not null,
      model jsonb not null,
      status text not null check (status in ('draft', 'published', 'retired')),
      note text check (length(note) <= 1000),
      created_by bigint,
      created_at timestamptz not null default now(),
      approved_by bigint,
      approved_at timestamptz,
      published_from date,
      unique (version)
    )`.execute(db);
  await sql`create unique index credit_scorecards_published_key on credit_scorecards ((true))
    where status = 'published'`.execute(db);

  await sql`
    create table credit_scores (
      enterprise_id bigint not null references enterprises (id),
      scorecard_id integer not null references credit_scorecards (id),
      score numeric not null,
      grade text not null,
      items jsonb not null,
      computed_on date not null,
      computed_at timestamptz not null default now(),
      primary key (enterprise_id, scorecard_id)
    )`.execute(db);

  // Notices about consents (to the enterprise; to the bank's users) and answered objections.
  for (const table of ['notifications', 'user_notifications']) {
    const constraint = sql.id(`${table}_kind_check`);
    await sql`alter table ${sql.table(table)} drop constraint ${constraint}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${constraint} check (kind in ('policy_match', 'benefit_confirmation', 'benefit_paid', 'case_update', 'case_reminder', 'case_supervision', 'case_claim', 'credit'))`.execute(
      db,
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notifications', 'user_notifications']) {
    const constraint = sql.id(`${table}_kind_check`);
    await sql`delete from ${sql.table(table)} where kind = 'credit'`.execute(db);
    await sql`alter table ${sql.table(table)} drop constraint ${constraint}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${constraint} check (kind in ('policy_match', 'benefit_confirmation', 'benefit_paid', 'case_update', 'case_reminder', 'case_supervision', 'case_claim'))`.execute(
      db,
    );
  }
  for (const table of [
    'credit_scores',
    'credit_scorecards',
    'credit_objections',
    'credit_access_log',
    'credit_consents',
    'credit_records',
    'credit_settings',
  ])
    await sql`drop table ${sql.table(table)}`.execute(db);
}
