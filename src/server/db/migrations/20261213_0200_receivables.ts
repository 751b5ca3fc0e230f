/**
 * Issue 15 (receivables that finance, measure 10; 《保障中小企业款项支付条例》 2025, 国务院令第802号): an enterprise asks
 * its debtor (a government body, a public institution or a large enterprise) to confirm a receivable; the debtor's
 * official confirms or disputes within the period; a confirmed receivable backs one demand for receivables
 * financing, and once financed the debtor gets the pledge or transfer notice.
 *
 * `receivables` is distributed by enterprise (the creditor), as its demands are: primary key (enterprise_id, id),
 * keys only to colocated tables (its complaint in `cases`, its demand), no triggers. A demand names at most one
 * receivable and a receivable backs at most one live demand (a unique key with the distribution column).
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table receivables (
      enterprise_id bigint not null references enterprises (id),
      id bigint generated always as identity,
      debtor_uscc text not null check (debtor_uscc ~ '^[0-9A-Z]{18}$'),
      debtor_name text not null check (length(debtor_name) between 2 and 200),
      debtor_kind text not null check (debtor_kind in ('government', 'public_institution', 'large_enterprise')),
      region_code char(6) not null,
      contract_number text not null check (length(contract_number) between 1 and 100),
      amount numeric(16, 2) not null check (amount > 0),
      due_on date,
      case_id bigint,
      state text not null check (state in ('requested', 'confirmed', 'disputed', 'financed', 'withdrawn')),
      requested_by bigint not null,
      requested_at timestamptz not null default now(),
      requested_on date not null,
      confirm_due date not null,
      reminded_on date,
      late_notified_on date,
      escalated_case_id bigint,
      answered_by bigint,
      answered_at timestamptz,
      confirmed_amount numeric(16, 2) check (confirmed_amount > 0),
      dispute_reason text check (length(dispute_reason) between 5 and 1000),
      financed_demand_id bigint,
      financed_institution_id bigint,
      financed_at timestamptz,
      notice_kind text check (notice_kind in ('pledge', 'transfer')),
      version integer not null default 1,
      primary key (enterprise_id, id),
      check (confirmed_amount is null or confirmed_amount <= amount),
      check (state not in ('confirmed', 'financed') or confirmed_amount is not null),
      check (state <> 'disputed' or dispute_reason is not null),
      check (state <> 'financed' or (financed_demand_id is not null and notice_kind is not null))
    )`.execute(db);
  await sql`alter table receivables add constraint receivables_case_fkey
    foreign key (enterprise_id, case_id) references cases (enterprise_id, id)`.execute(db);
  await sql`create index receivables_debtor_idx on receivables (debtor_uscc, state, requested_at)`.execute(
    db,
  );
  await sql`create index receivables_due_idx on receivables (confirm_due) where state = 'requested'`.execute(
    db,
  );
  await sql`create index receivables_region_idx on receivables (region_code, confirm_due)
    where state = 'requested'`.execute(db);
  // One request per complaint while it is live.
  await sql`create unique index receivables_case_key on receivables (enterprise_id, case_id)
    where case_id is not null and state in ('requested', 'confirmed', 'financed')`.execute(db);

  await sql`alter table financing_demands add column receivable_id bigint`.execute(db);
  await sql`alter table financing_demands add constraint financing_demands_receivable_fkey
    foreign key (enterprise_id, receivable_id) references receivables (enterprise_id, id)`.execute(db);
  await sql`create unique index financing_demands_receivable_key on financing_demands (enterprise_id, receivable_id)
    where receivable_id is not null and state in ('open', 'in_progress', 'granted')`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index financing_demands_receivable_key`.execute(db);
  await sql`alter table financing_demands drop constraint financing_demands_receivable_fkey`.execute(db);
  await sql`alter table financing_demands drop column receivable_id`.execute(db);
  await sql`drop table receivables`.execute(db);
}
