/**
 * Issue 16 (monitoring surveys and the SME development index, measure 3; ADR 0030), built to the scale-out rules
 * from its first migration (docs/adr/0025-scale-out-on-citus.md, src/server/db/table-classes.ts):
 *
 * - reference (small, read everywhere): `monitoring_surveys`, `monitoring_survey_versions` and
 *   `monitoring_questions`, a survey's design by version (a version is frozen once a wave uses it);
 *   `monitoring_waves`, a survey's period with its deadline; `monitoring_weights`, the dated weights of the
 *   sub-indices and of the industries (value-added shares), each with its basis and whether it is verified;
 * - distributed by enterprise (primary key and every unique key include `enterprise_id`, keys only to colocated or
 *   reference tables, no triggers): `monitoring_panel_members`, an enterprise drawn into a survey's panel with its
 *   stratum and design weight; `monitoring_responses`, its questionnaire of a wave (the stratum and weight as of
 *   the wave's opening, state, submission); `monitoring_answers`, one row per answer; `monitoring_flags`, the
 *   data-quality checks' findings and the statistician's decision on each;
 * - local (the coordinator's, written by the computation and the release): `monitoring_draws`, a panel draw's
 *   strata and allocation; `monitoring_runs` and `monitoring_cells`, a computation and its weighted counts;
 *   `monitoring_releases` and `monitoring_figures`, what is released and when.
 *
 * Users live on the coordinator and are never deleted: no key points to `users`.
 */
import { type Kysely, sql } from 'kysely';

const list = (codes: readonly string[]) => sql.join(codes.map((c) => sql.lit(c)));
const SUB_INDICES = list([
  'macro',
  'operations',
  'market',
  'cost',
  'funding',
  'labour',
  'investment',
  'profit',
]);
const INDUSTRIES = list([
  'industry',
  'construction',
  'transport',
  'real_estate',
  'wholesale_retail',
  'social_services',
  'information',
  'accommodation_catering',
]);
const PMI = list(['new_orders', 'output', 'employment', 'supplier_delivery', 'raw_material_inventory']);
const SIZES = list(['medium', 'small', 'micro']);
const FLAGS = list(['missing', 'straight_lining', 'jump_registry', 'jump_last_wave', 'late', 'duplicate']);

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table monitoring_surveys (
      id bigint generated always as identity primary key,
      region_code text not null check (region_code = '' or region_code ~ '^[0-9]{6}$'),
      code text not null check (code ~ '^[a-z][a-z0-9_-]{1,39}$'),
      name_zh text not null check (length(name_zh) between 2 and 80),
      name_en text not null default '' check (length(name_en) <= 120),
      description text not null default '' check (length(description) <= 2000),
      frequency text not null check (frequency in ('monthly', 'quarterly')),
      weighting text not null default 'design' check (weighting in ('design', 'design_revenue')),
      current_version integer not null default 1 check (current_version >= 1),
      version integer not null default 1,
      created_by bigint not null,
      created_at timestamptz not null default now(),
      updated_by bigint,
      updated_at timestamptz not null default now(),
      unique (region_code, code)
    )`.execute(db);

  await sql`
    create table monitoring_survey_versions (
      survey_id bigint not null references monitoring_surveys (id),
      version integer not null check (version >= 1),
      note text not null default '' check (length(note) <= 500),
      frozen_at timestamptz,
      created_by bigint not null,
      created_at timestamptz not null default now(),
      primary key (survey_id, version)
    )`.execute(db);

  await sql`
    create table monitoring_questions (
      survey_id bigint not null,
      survey_version integer not null,
      code text not null check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
      position integer not null check (position between 1 and 200),
      text_zh text not null check (length(text_zh) between 2 and 300),
      text_en text not null default '' check (length(text_en) <= 400),
      help_zh text not null default '' check (length(help_zh) <= 500),
      kind text not null check (kind in ('three_level', 'number', 'choice', 'text')),
      required boolean not null,
      sub_index text check (sub_index in (${SUB_INDICES})),
      direction text check (direction in ('up_is_good', 'down_is_good')),
      weight numeric(7, 6) check (weight > 0 and weight <= 1),
      pmi_component text check (pmi_component in (${PMI})),
      judgement boolean not null default false,
      unit text check (length(unit) between 1 and 20),
      min_value numeric(20, 4),
      max_value numeric(20, 4),
      decimals smallint check (decimals between 0 and 4),
      choices jsonb,
      registry_figure text check (registry_figure in ('employees', 'operating_revenue')),
      primary key (survey_id, survey_version, code),
      unique (survey_id, survey_version, position),
      foreign key (survey_id, survey_version) references monitoring_survey_versions (survey_id, version),
      check (sub_index is null or (kind = 'three_level' and direction is not null and weight is not null)),
      check (pmi_component is null or kind = 'three_level'),
      check (kind = 'number' or (unit is null and min_value is null and max_value is null and decimals is null
        and registry_figure is null)),
      check (kind = 'choice' or choices is null),
      check (kind <> 'choice' or jsonb_typeof(choices) = 'array'),
      check (min_value is null or max_value is null or min_value <= max_value)
    )`.execute(db);

  // The weights of the sub-indices in an industry index and of the industries in the overall index: dated sets, a
  // region's own or national (''); a set is saved whole and sums to 1 (checked before it is stored).
  await sql`
    create table monitoring_weights (
      kind text not null check (kind in ('sub_index', 'industry')),
      code text not null,
      region_code text not null default '' check (region_code = '' or region_code ~ '^[0-9]{6}$'),
      effective_from date not null,
      weight numeric(7, 6) not null check (weight >= 0 and weight <= 1),
      basis text not null check (length(basis) between 1 and 300),
      verified boolean not null,
      updated_by bigint,
      updated_at timestamptz not null default now(),
      primary key (kind, code, region_code, effective_from),
      check (kind <> 'sub_index' or code in (${SUB_INDICES})),
      check (kind <> 'industry' or code in (${INDUSTRIES}))
    )`.execute(db);
  // Huiqi's defaults: the SMEDI's weights are not published (docs/reference/monitoring.md §2, §6.5), so every
  // sub-index and every industry weighs the same until an official enters the shares they use.
  const subIndices = ['macro', 'operations', 'market', 'cost', 'funding', 'labour', 'investment', 'profit'];
  const industries = [
    'industry',
    'construction',
    'transport',
    'real_estate',
    'wholesale_retail',
    'social_services',
    'information',
    'accommodation_catering',
  ];
  const defaults = [
    ...subIndices.map((code) => ({ kind: 'sub_index', code })),
    ...industries.map((code) => ({ kind: 'industry', code })),
  ];
  for (const { kind, code } of defaults)
    await sql`insert into monitoring_weights (kind, code, effective_from, weight, basis, verified)
      values (${kind}, ${code}, '2000-01-01', 0.125,
        ${
          kind === 'industry'
            ? '平台默认：各行业等权（中国中小企业发展指数的行业增加值权重未公开，待按本地增加值占比设定）'
            : '平台默认：各分项指数等权（中国中小企业发展指数的分项权重未公开）'
        }, false)`.execute(db);

  await sql`
    create table monitoring_waves (
      id bigint generated always as identity primary key,
      survey_id bigint not null references monitoring_surveys (id),
      survey_version integer not null,
      period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
      opens_on date not null,
      closes_on date not null,
      grace_days smallint not null default 0 check (grace_days between 0 and 30),
      state text not null check (state in ('open', 'closed')),
      members integer not null default 0,
      created_by bigint not null,
      created_at timestamptz not null default now(),
      closed_at timestamptz,
      unique (survey_id, period),
      foreign key (survey_id, survey_version) references monitoring_survey_versions (survey_id, version),
      check (closes_on >= opens_on)
    )`.execute(db);

  await sql`
    create table monitoring_draws (
      id bigint generated always as identity primary key,
      survey_id bigint not null,
      seed text not null check (length(seed) between 1 and 64),
      sample_size integer not null check (sample_size between 1 and 1000000),
      allocation text not null check (allocation in ('proportional', 'revenue')),
      size_year integer not null,
      frame integer not null,
      drawn integer not null,
      strata jsonb not null,
      created_by bigint not null,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table monitoring_panel_members (
      enterprise_id bigint not null references enterprises (id),
      survey_id bigint not null references monitoring_surveys (id),
      industry text not null check (industry in (${INDUSTRIES})),
      region_code text not null,
      size text not null check (size in (${SIZES})),
      design_weight numeric(14, 6) not null check (design_weight >= 1),
      draw_id bigint not null,
      draw_rank integer not null,
      state text not null check (state in ('active', 'dropped')),
      joined_on date not null,
      left_on date,
      left_reason text check (length(left_reason) between 2 and 300),
      replaces_enterprise_id bigint,
      version integer not null default 1,
      primary key (enterprise_id, survey_id),
      check (state = 'active' or (left_on is not null and left_reason is not null))
    )`.execute(db);
  await sql`create index monitoring_panel_members_survey_idx
    on monitoring_panel_members (survey_id, state, industry, region_code, size)`.execute(db);

  // Keyed by wave first: a wave's computation and lists read one wave's rows in key order.
  await sql`
    create table monitoring_responses (
      wave_id bigint not null references monitoring_waves (id),
      enterprise_id bigint not null,
      survey_id bigint not null,
      industry text not null,
      region_code text not null,
      size text not null,
      weight numeric(24, 6) not null check (weight > 0),
      state text not null check (state in ('pending', 'draft', 'submitted', 'accepted', 'returned')),
      saved_at timestamptz,
      submitted_at timestamptz,
      submitted_by bigint,
      submissions smallint not null default 0,
      returned_question text check (length(returned_question) between 2 and 500),
      reviewed_by bigint,
      reviewed_at timestamptz,
      reminded_on date,
      version integer not null default 1,
      primary key (wave_id, enterprise_id),
      foreign key (enterprise_id, survey_id) references monitoring_panel_members (enterprise_id, survey_id)
    )`.execute(db);
  await sql`create index monitoring_responses_enterprise_idx on monitoring_responses (enterprise_id)`.execute(
    db,
  );
  await sql`create index monitoring_responses_state_idx on monitoring_responses (wave_id, state)`.execute(db);

  await sql`
    create table monitoring_answers (
      wave_id bigint not null,
      enterprise_id bigint not null,
      question_code text not null,
      level smallint check (level in (-1, 0, 1)),
      number numeric(20, 4),
      choice text check (length(choice) between 1 and 40),
      text text check (length(text) between 1 and 2000),
      primary key (wave_id, enterprise_id, question_code),
      foreign key (wave_id, enterprise_id) references monitoring_responses (wave_id, enterprise_id),
      check (num_nonnulls(level, number, choice, text) = 1)
    )`.execute(db);

  await sql`
    create table monitoring_flags (
      enterprise_id bigint not null,
      id bigint generated always as identity,
      wave_id bigint not null,
      kind text not null check (kind in (${FLAGS})),
      question_code text,
      detail jsonb not null default '{}',
      state text not null check (state in ('open', 'accepted', 'returned')),
      note text check (length(note) between 2 and 500),
      decided_by bigint,
      decided_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (enterprise_id, id),
      foreign key (wave_id, enterprise_id) references monitoring_responses (wave_id, enterprise_id)
    )`.execute(db);
  await sql`create index monitoring_flags_response_idx on monitoring_flags (wave_id, enterprise_id)`.execute(
    db,
  );
  await sql`create index monitoring_flags_open_idx on monitoring_flags (wave_id, kind) where state = 'open'`.execute(
    db,
  );

  // A computation: a wave's indices (kind 'index') or the registry's counts of a month (kind 'registry').
  await sql`
    create table monitoring_runs (
      id bigint generated always as identity primary key,
      kind text not null check (kind in ('index', 'registry')),
      survey_id bigint,
      wave_id bigint,
      region_code text not null,
      period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
      responses integer not null,
      weights jsonb not null,
      figures_sha256 text not null,
      computed_by bigint,
      computed_at timestamptz not null default now(),
      check ((kind = 'index') = (survey_id is not null and wave_id is not null))
    )`.execute(db);
  await sql`create index monitoring_runs_wave_idx on monitoring_runs (wave_id, id desc)`.execute(db);

  // The weighted counts a figure opens to: per question, industry, stratum region, size and answer level.
  await sql`
    create table monitoring_cells (
      run_id bigint not null references monitoring_runs (id),
      question_code text not null,
      industry text not null,
      region_code text not null,
      size text not null,
      level smallint not null check (level in (-1, 0, 1)),
      weight numeric(30, 6) not null,
      responses integer not null,
      primary key (run_id, question_code, industry, region_code, size, level)
    )`.execute(db);

  // A run's figures ('' = all of a dimension); a release publishes its run's.
  await sql`
    create table monitoring_figures (
      run_id bigint not null references monitoring_runs (id),
      measure text not null check (length(measure) between 2 and 60),
      industry text not null default '',
      region_code text not null default '',
      size text not null default '',
      value numeric(20, 6),
      responses integer not null,
      primary key (run_id, measure, industry, region_code, size)
    )`.execute(db);

  await sql`
    create table monitoring_releases (
      id bigint generated always as identity primary key,
      kind text not null check (kind in ('index', 'registry')),
      survey_id bigint,
      region_code text not null,
      period text not null check (period ~ '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$'),
      release_version integer not null check (release_version >= 1),
      wave_id bigint,
      run_id bigint not null references monitoring_runs (id),
      state text not null check (state in ('draft', 'reviewed', 'scheduled', 'withdrawn')),
      commentary_zh text not null default '' check (length(commentary_zh) <= 5000),
      commentary_en text not null default '' check (length(commentary_en) <= 8000),
      correction_note text check (length(correction_note) between 2 and 1000),
      created_by bigint,
      created_at timestamptz not null default now(),
      reviewed_by bigint,
      reviewed_at timestamptz,
      scheduled_by bigint,
      publish_at timestamptz,
      version integer not null default 1,
      check ((kind = 'index') = (survey_id is not null and wave_id is not null)),
      check (state <> 'scheduled' or (publish_at is not null and reviewed_by is not null)),
      check (release_version = 1 or correction_note is not null)
    )`.execute(db);
  await sql`create unique index monitoring_releases_version_key
    on monitoring_releases (kind, coalesce(survey_id, 0), region_code, period, release_version)`.execute(db);
  // The public reads: a series' releases whose time has come, by period.
  await sql`create index monitoring_releases_public_idx
    on monitoring_releases (kind, survey_id, region_code, period, release_version desc, publish_at)
    where state = 'scheduled'`.execute(db);

  // A survey's questionnaire and its reminders reach the enterprise's inbox.
  for (const table of ['notifications', 'user_notifications']) {
    const constraint = sql.id(`${table}_kind_check`);
    await sql`alter table ${sql.table(table)} drop constraint ${constraint}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${constraint} check (kind in ('policy_match', 'benefit_confirmation', 'benefit_paid', 'case_update', 'case_reminder', 'case_supervision', 'case_claim', 'credit', 'financing', 'monitoring'))`.execute(
      db,
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notifications', 'user_notifications']) {
    const constraint = sql.id(`${table}_kind_check`);
    await sql`delete from ${sql.table(table)} where kind = 'monitoring'`.execute(db);
    await sql`alter table ${sql.table(table)} drop constraint ${constraint}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${constraint} check (kind in ('policy_match', 'benefit_confirmation', 'benefit_paid', 'case_update', 'case_reminder', 'case_supervision', 'case_claim', 'credit', 'financing'))`.execute(
      db,
    );
  }
  for (const table of [
    'monitoring_releases',
    'monitoring_figures',
    'monitoring_cells',
    'monitoring_runs',
    'monitoring_flags',
    'monitoring_answers',
    'monitoring_responses',
    'monitoring_panel_members',
    'monitoring_draws',
    'monitoring_waves',
    'monitoring_weights',
    'monitoring_questions',
    'monitoring_survey_versions',
    'monitoring_surveys',
  ])
    await sql`drop table ${sql.table(table)}`.execute(db);
}
