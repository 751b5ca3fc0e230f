/**
 * Issue 15 (financing matchmaking, measures 9–13), built to the scale-out rules from its first migration
 * (docs/adr/0025-scale-out-on-citus.md, src/server/db/table-classes.ts):
 *
 * - reference (small, read everywhere): `financing_settings`, the dated figures of the financing rules (pickup
 *   period per region, contact and decision periods, the confirmation period, the inclusive-loan ceiling, the
 *   guarantee-fee guide), each with its basis and whether it is verified; `loan_products`, the banks' products
 *   with who qualifies written in the policy rule language;
 * - distributed by enterprise (primary key and every unique key include `enterprise_id`, keys only to colocated or
 *   reference tables, no triggers): `financing_demands`, an enterprise's demand with its anonymised profile as it
 *   was when posted; `financing_responses`, one bank's handling of one demand (picked up → contacted → visited →
 *   granted / declined → disbursed) with its deadlines; `financing_events`, the timeline; `financing_matches`, the
 *   products each open demand fits, with the demand's time for the banks' boards.
 *
 * Money and rates are numeric (amounts in 万元 to the yuan, rates in percent a year), never floating point.
 * Users live on the coordinator and are never deleted: no key points to `users`.
 */
import { type Kysely, sql } from 'kysely';

const KINDS = ['credit', 'mortgage', 'guarantee', 'receivables', 'procurement_contract', 'inventory'];
const kindList = sql.join(KINDS.map((k) => sql.lit(k)));

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table financing_settings (
      key text not null,
      region_code text not null default '' check (region_code = '' or region_code ~ '^[0-9]{2,6}$'),
      effective_from date not null,
      value numeric not null check (value > 0),
      unit text not null check (unit in ('working_days', 'days', 'wan_yuan', 'percent')),
      basis text not null check (length(basis) between 1 and 300),
      verified boolean not null,
      updated_by bigint,
      updated_at timestamptz not null default now(),
      primary key (key, region_code, effective_from)
    )`.execute(db);
  // The figures as the reference gives them (docs/reference/financing.md). None is dated by its document for this
  // use: each holds from 2000-01-01 (the confirmation period from the 2025 revision's date). A region may set its
  // own pickup period; an admin adds a dated row.
  await sql`
    insert into financing_settings (key, effective_from, value, unit, basis, verified) values
      ('pickup_working_days', '2000-01-01', 3, 'working_days',
        '需求发布后无机构受理的升级期限：3个工作日（本平台默认，各地可自行设定）', true),
      ('contact_working_days', '2000-01-01', 2, 'working_days',
        '机构受理需求后首次联系企业的期限：2个工作日（本平台规则，参照SBA Lender Match两个工作日答复）', true),
      ('decision_days', '2000-01-01', 30, 'days',
        '机构受理需求后作出授信决定的期限：30日（2024年小微企业融资协调工作机制，各地要求不一，待核实）', false),
      ('confirmation_days', '2025-06-01', 30, 'days',
        '债务人确认应收账款的期限：收到中小企业确权请求之日起30日（《保障中小企业款项支付条例》，国务院令第802号）', true),
      ('inclusive_loan_max', '2000-01-01', 1000, 'wan_yuan',
        '普惠型小微企业贷款：单户授信总额1000万元以下（含）', true),
      ('guarantee_fee_guide', '2000-01-01', 1, 'percent',
        '政府性融资担保平均担保费率引导降至1%以下（国办发〔2019〕6号）', true)
  `.execute(db);

  await sql`
    create table loan_products (
      id bigint generated always as identity primary key,
      institution_id bigint not null references financial_institutions (id),
      name text not null check (length(name) between 2 and 60),
      kind text not null check (kind in (${kindList})),
      description text not null default '' check (length(description) <= 1000),
      amount_min numeric(14, 4) not null check (amount_min > 0),
      amount_max numeric(14, 4) not null,
      term_min_months integer not null check (term_min_months between 1 and 360),
      term_max_months integer not null check (term_max_months between 1 and 360),
      rate_min numeric(7, 4) not null check (rate_min >= 0),
      rate_max numeric(7, 4) not null check (rate_max <= 100),
      guarantee_fee_rate numeric(7, 4) check (guarantee_fee_rate >= 0 and guarantee_fee_rate <= 100),
      regions text[] not null check (cardinality(regions) between 1 and 200),
      rule jsonb,
      status text not null check (status in ('published', 'withdrawn')),
      version integer not null default 1,
      created_by bigint not null,
      created_at timestamptz not null default now(),
      updated_by bigint,
      updated_at timestamptz not null default now(),
      check (amount_max >= amount_min),
      check (term_max_months >= term_min_months),
      check (rate_max >= rate_min)
    )`.execute(db);
  await sql`create index loan_products_institution_idx on loan_products (institution_id, status)`.execute(db);

  await sql`
    create table financing_demands (
      enterprise_id bigint not null references enterprises (id),
      id bigint generated always as identity,
      amount numeric(14, 4) not null check (amount > 0),
      term_months integer not null check (term_months between 1 and 360),
      purposes text[] not null check (cardinality(purposes) between 1 and 3),
      description text not null check (length(description) between 1 and 250),
      collateral text[] not null default '{}',
      max_rate numeric(7, 4) check (max_rate > 0 and max_rate <= 100),
      show_profile boolean not null,
      exclusive boolean not null default true,
      product_id bigint references loan_products (id),
      state text not null check (state in ('open', 'in_progress', 'granted', 'declined', 'withdrawn')),
      region_code char(6) not null,
      industry_code text,
      size_class text,
      established_on date,
      grade text,
      posted_on date not null,
      pickup_due date not null,
      widened boolean not null default false,
      escalated_at timestamptz,
      referred boolean not null default false,
      created_by bigint not null,
      created_at timestamptz not null default now(),
      closed_at timestamptz,
      version integer not null default 1,
      primary key (enterprise_id, id)
    )`.execute(db);
  await sql`create index financing_demands_board_idx on financing_demands (state, region_code, created_at)`.execute(
    db,
  );
  await sql`create index financing_demands_pickup_idx on financing_demands (pickup_due)
    where state = 'open' and escalated_at is null`.execute(db);
  // The live demands made to a product, newest first (a bank's board reads those of its products).
  await sql`create index financing_demands_product_idx on financing_demands (product_id, created_at desc)
    where product_id is not null and state in ('open', 'in_progress')`.execute(db);

  await sql`
    create table financing_responses (
      enterprise_id bigint not null,
      id bigint generated always as identity,
      demand_id bigint not null,
      institution_id bigint not null references financial_institutions (id),
      state text not null check (state in ('picked_up', 'contacted', 'visited', 'granted', 'declined',
        'disbursed', 'released', 'withdrawn')),
      region_code char(6) not null,
      product_kind text check (product_kind in (${kindList})),
      picked_up_by bigint not null,
      picked_up_at timestamptz not null default now(),
      picked_up_on date not null,
      contact_due date not null,
      decision_due date not null,
      contacted_at timestamptz,
      visited_at timestamptz,
      decided_at timestamptz,
      granted_amount numeric(14, 4) check (granted_amount > 0),
      granted_rate numeric(7, 4) check (granted_rate >= 0 and granted_rate <= 100),
      granted_term_months integer check (granted_term_months between 1 and 360),
      security text check (security in ('credit', 'secured')),
      first_loan boolean,
      decline_reason text,
      decline_text text check (length(decline_text) between 2 and 500),
      disbursed_at timestamptz,
      disbursed_amount numeric(14, 4) check (disbursed_amount > 0),
      closed_at timestamptz,
      rating smallint check (rating between 1 and 5),
      rating_comment text check (length(rating_comment) <= 500),
      rated_at timestamptz,
      profile_shown boolean not null default false,
      version integer not null default 1,
      primary key (enterprise_id, id),
      foreign key (enterprise_id, demand_id) references financing_demands (enterprise_id, id),
      check (state <> 'granted' or (granted_amount is not null and granted_rate is not null
        and granted_term_months is not null and security is not null and first_loan is not null)),
      check (state <> 'declined' or (decline_reason is not null and decline_text is not null))
    )`.execute(db);
  // One response per bank and demand: a bank that released or was declined does not come back to it.
  await sql`create unique index financing_responses_bank_key
    on financing_responses (enterprise_id, demand_id, institution_id)`.execute(db);
  // A bank's own answers, latest pickup first (its board's 'mine'), in all or one state.
  await sql`create index financing_responses_institution_idx
    on financing_responses (institution_id, picked_up_at desc, id desc)`.execute(db);
  await sql`create index financing_responses_institution_state_idx
    on financing_responses (institution_id, state, picked_up_at desc, id desc)`.execute(db);
  await sql`create index financing_responses_open_idx on financing_responses (region_code, contact_due)
    where state in ('picked_up', 'contacted', 'visited')`.execute(db);

  await sql`
    create table financing_events (
      enterprise_id bigint not null,
      id bigint generated always as identity,
      demand_id bigint not null,
      response_id bigint,
      institution_id bigint,
      kind text not null check (length(kind) between 2 and 40),
      actor_role text not null,
      actor_id bigint,
      detail jsonb not null default '{}',
      at timestamptz not null default now(),
      primary key (enterprise_id, id),
      foreign key (enterprise_id, demand_id) references financing_demands (enterprise_id, id)
    )`.execute(db);
  await sql`create index financing_events_demand_idx on financing_events (enterprise_id, demand_id, at)`.execute(
    db,
  );

  await sql`
    create table financing_matches (
      enterprise_id bigint not null,
      demand_id bigint not null,
      product_id bigint not null references loan_products (id),
      institution_id bigint not null,
      demand_created_at timestamptz not null,
      primary key (enterprise_id, demand_id, product_id),
      foreign key (enterprise_id, demand_id) references financing_demands (enterprise_id, id)
    )`.execute(db);
  // A bank's board reads its matches newest demand first and stops at a page.
  await sql`create index financing_matches_board_idx
    on financing_matches (institution_id, demand_created_at desc, enterprise_id, demand_id)`.execute(db);
  // Demands shown to every bank of their region (widened), newest first.
  await sql`create index financing_demands_widened_idx on financing_demands (created_at desc)
    where widened and state in ('open', 'in_progress')`.execute(db);

  for (const table of ['notifications', 'user_notifications']) {
    const constraint = sql.id(`${table}_kind_check`);
    await sql`alter table ${sql.table(table)} drop constraint ${constraint}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${constraint} check (kind in ('policy_match', 'benefit_confirmation', 'benefit_paid', 'case_update', 'case_reminder', 'case_supervision', 'case_claim', 'credit', 'financing'))`.execute(
      db,
    );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notifications', 'user_notifications']) {
    const constraint = sql.id(`${table}_kind_check`);
    await sql`delete from ${sql.table(table)} where kind = 'financing'`.execute(db);
    await sql`alter table ${sql.table(table)} drop constraint ${constraint}`.execute(db);
    await sql`alter table ${sql.table(table)} add constraint ${constraint} check (kind in ('policy_match', 'benefit_confirmation', 'benefit_paid', 'case_update', 'case_reminder', 'case_supervision', 'case_claim', 'credit'))`.execute(
      db,
    );
  }
  for (const table of [
    'financing_matches',
    'financing_events',
    'financing_responses',
    'financing_demands',
    'loan_products',
    'financing_settings',
  ])
    await sql`drop table ${sql.table(table)}`.execute(db);
}
