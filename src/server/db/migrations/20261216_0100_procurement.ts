/**
 * Government procurement for SMEs (issue 17, measure 8; ADR 0031).
 *
 * - `users`: a new role `buyer` — a procurement official of a buying body (采购人), identified like a payer by the
 *   body's USCC (`organization_uscc`) and name.
 * - `procurement_bodies` (reference): the buying bodies — government departments, public institutions and others —
 *   with their region, registered by the supervising officials.
 * - The body's procurement, distributed by body (`body_id`, a colocation group of its own: a body's plan, awards
 *   and declarations live on one node; the supplier may be outside the registry, so these rows cannot follow the
 *   enterprise):
 *   - `procurement_projects`: the year's plan — kind, budget, whether suited to SMEs (and why not), the
 *     announcement date, the requirement the rules in force give (kept as computed, with the rules' version), the
 *     way chosen to reserve and the amounts reserved;
 *   - `procurement_awards`: results — the supplier (its USCC and registry match when known), the amount, the
 *     declared size and role, and the SME and small/micro amounts they count for; from the plan or an OCDS import;
 *   - `procurement_declarations`: each 声明函 item with its check (the size the standard gives, the registry's,
 *     the flags and their reasons).
 * - `procurement_shares` (local roll-up): each body's year by kind — budget suited to SMEs, reserved, awarded, to
 *   SMEs and to small and micro enterprises, contracts — kept by the service in the transaction of each change,
 *   so a province's dashboard sums a few thousand rows instead of every contract.
 */
import { type Kysely, sql } from 'kysely';

const KINDS = sql`('goods', 'services', 'works')`;
const SIZES = sql`('large', 'medium', 'small', 'micro')`;

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users drop constraint users_scope_check`.execute(db);
  await sql`alter table users add constraint users_role_check
    check (role in ('enterprise', 'official', 'bank', 'admin', 'auditor', 'payer', 'buyer'))`.execute(db);
  await sql`alter table users add constraint users_scope_check check (
      (role = 'enterprise' and enterprise_id is not null and institution_id is null and region_code is null
        and organization_uscc is null)
      or (role = 'official' and region_code is not null and enterprise_id is null and institution_id is null
        and organization_uscc is null)
      or (role = 'bank' and institution_id is not null and enterprise_id is null and region_code is null
        and organization_uscc is null)
      or (role in ('payer', 'buyer') and organization_uscc is not null and organization_name is not null
        and enterprise_id is null and institution_id is null and region_code is null)
      or (role in ('admin', 'auditor') and enterprise_id is null and institution_id is null and region_code is null
        and organization_uscc is null)
    )`.execute(db);

  await sql`
    create table procurement_bodies (
      id bigint generated always as identity primary key,
      uscc char(18) not null unique check (uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
      name text not null check (length(name) between 2 and 200),
      region_code char(6) not null check (region_code ~ '^[0-9]{6}$'),
      kind text not null check (kind in ('government', 'public_institution', 'state_owned', 'other')),
      created_by bigint,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index procurement_bodies_region_idx on procurement_bodies (region_code)`.execute(db);

  await sql`
    create table procurement_projects (
      body_id bigint not null references procurement_bodies (id),
      id bigint generated always as identity,
      plan_year smallint not null check (plan_year between 2021 and 2100),
      code text not null check (length(code) between 1 and 60),
      name text not null check (length(name) between 2 and 200),
      kind text not null check (kind in ${KINDS}),
      budget numeric(15, 2) not null check (budget > 0),
      suited boolean not null,
      exemption text check (exemption in ('non_enterprise_only', 'irreplaceable', 'insufficient_supply',
        'framework_agreement', 'provincial_other')),
      exemption_note text not null default '' check (length(exemption_note) <= 500),
      quota numeric(15, 2) check (quota > 0),
      announcement_date date not null,
      rules_id text not null,
      mode text not null check (mode in ('below_quota', 'whole', 'share', 'price_preference')),
      reserved_min numeric(19, 6),
      small_micro_min numeric(19, 6),
      way text check (way in ('whole', 'lots', 'consortium', 'subcontract')),
      reserved_amount numeric(15, 2) not null default 0 check (reserved_amount >= 0),
      small_micro_reserved numeric(15, 2) not null default 0 check (small_micro_reserved >= 0),
      partner_share numeric(7, 4) check (partner_share between 0 and 100),
      state text not null default 'planned' check (state in ('planned', 'announced', 'awarded', 'cancelled')),
      note text not null default '' check (length(note) <= 1000),
      created_by bigint not null,
      created_at timestamptz not null default now(),
      updated_by bigint,
      updated_at timestamptz not null default now(),
      version integer not null default 1,
      primary key (body_id, id),
      unique (body_id, plan_year, code),
      check (suited = (exemption is null)),
      check (reserved_amount <= budget),
      check (small_micro_reserved <= reserved_amount)
    )`.execute(db);

  await sql`
    create table procurement_awards (
      body_id bigint not null references procurement_bodies (id),
      id bigint generated always as identity,
      project_id bigint,
      year smallint not null check (year between 2021 and 2100),
      awarded_on date not null,
      kind text not null check (kind in ${KINDS}),
      suited boolean not null,
      reserved boolean not null default false,
      title text not null default '' check (length(title) <= 200),
      supplier_uscc char(18),
      supplier_name text not null check (length(supplier_name) between 1 and 200),
      enterprise_id bigint,
      amount numeric(15, 2) not null check (amount > 0),
      declared_size text check (declared_size in ${SIZES}),
      registry_size text,
      role text not null default 'single' check (role in ('single', 'consortium', 'subcontract')),
      small_micro_share numeric(7, 4) check (small_micro_share between 0 and 100),
      sme_amount numeric(15, 2) not null check (sme_amount >= 0),
      small_micro_amount numeric(15, 2) not null check (small_micro_amount >= 0),
      source text not null check (source in ('huiqi', 'ocds')),
      ocds_scale text check (ocds_scale in ('micro', 'small', 'medium', 'sme', 'large', 'selfEmployed')),
      ocid text check (length(ocid) between 1 and 200),
      ocds_award_id text check (length(ocds_award_id) between 1 and 200),
      created_by bigint,
      created_at timestamptz not null default now(),
      version integer not null default 1,
      primary key (body_id, id),
      foreign key (body_id, project_id) references procurement_projects (body_id, id),
      unique (body_id, ocid, ocds_award_id),
      check (sme_amount <= amount),
      check (small_micro_amount <= sme_amount),
      check (source = 'huiqi' or (ocid is not null and ocds_award_id is not null))
    )`.execute(db);
  await sql`create index procurement_awards_project_idx on procurement_awards (body_id, project_id)`.execute(
    db,
  );
  await sql`create index procurement_awards_year_idx on procurement_awards (body_id, year)`.execute(db);

  await sql`
    create table procurement_declarations (
      body_id bigint not null,
      id bigint generated always as identity,
      award_id bigint not null,
      item text not null check (length(item) between 1 and 200),
      tender_industry_code text not null check (length(tender_industry_code) between 1 and 10),
      declared_industry_code text check (length(declared_industry_code) between 1 and 10),
      signed_on date not null,
      figures_year smallint,
      employees integer check (employees >= 0),
      operating_revenue numeric(18, 2) check (operating_revenue >= 0),
      total_assets numeric(18, 2) check (total_assets >= 0),
      declared_size text not null check (declared_size in ('medium', 'small', 'micro')),
      standard_size text,
      registry_size text,
      flags text[] not null default '{}',
      findings jsonb not null default '[]',
      checked_at timestamptz not null default now(),
      created_by bigint,
      created_at timestamptz not null default now(),
      primary key (body_id, id),
      foreign key (body_id, award_id) references procurement_awards (body_id, id)
    ) with (fillfactor = 80)`.execute(db);
  // A recheck rewrites a declaration's result in place: room on its page keeps the update off the indexes (HOT).
  await sql`create index procurement_declarations_award_idx on procurement_declarations (body_id, award_id)`.execute(
    db,
  );

  await sql`
    create table procurement_shares (
      body_id bigint not null,
      year smallint not null,
      kind text not null check (kind in ${KINDS}),
      region_code char(6) not null,
      projects integer not null default 0,
      budget numeric(17, 2) not null default 0,
      suited_budget numeric(17, 2) not null default 0,
      reserved numeric(17, 2) not null default 0,
      small_micro_reserved numeric(17, 2) not null default 0,
      contracts integer not null default 0,
      awarded numeric(17, 2) not null default 0,
      awarded_suited numeric(17, 2) not null default 0,
      awarded_sme numeric(17, 2) not null default 0,
      awarded_small_micro numeric(17, 2) not null default 0,
      primary key (body_id, year, kind)
    )`.execute(db);
  await sql`create index procurement_shares_region_idx on procurement_shares (year, region_code)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table procurement_shares`.execute(db);
  await sql`drop table procurement_declarations`.execute(db);
  await sql`drop table procurement_awards`.execute(db);
  await sql`drop table procurement_projects`.execute(db);
  await sql`drop table procurement_bodies`.execute(db);
  await sql`delete from sessions where user_id in (select id from users where role = 'buyer')`.execute(db);
  await sql`delete from users where role = 'buyer'`.execute(db);
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`alter table users drop constraint users_scope_check`.execute(db);
  await sql`alter table users add constraint users_role_check
    check (role in ('enterprise', 'official', 'bank', 'admin', 'auditor', 'payer'))`.execute(db);
  await sql`alter table users add constraint users_scope_check check (
      (role = 'enterprise' and enterprise_id is not null and institution_id is null and region_code is null
        and organization_uscc is null)
      or (role = 'official' and region_code is not null and enterprise_id is null and institution_id is null
        and organization_uscc is null)
      or (role = 'bank' and institution_id is not null and enterprise_id is null and region_code is null
        and organization_uscc is null)
      or (role = 'payer' and organization_uscc is not null and organization_name is not null
        and enterprise_id is null and institution_id is null and region_code is null)
      or (role in ('admin', 'auditor') and enterprise_id is null and institution_id is null and region_code is null
        and organization_uscc is null)
    )`.execute(db);
}
