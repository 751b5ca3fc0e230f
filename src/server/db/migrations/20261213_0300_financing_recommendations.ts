/**
 * Issue 15 (the 2024 coordination mechanism for financing small and micro enterprises, measure 10;
 * docs/reference/financing.md "The 2024 coordination mechanism"): the recommended list. Officials list an
 * enterprise for a year once it passes the mechanism's five tests (合规持续经营, 固定经营场所, 真实融资需求,
 * 信用状况良好, 用途合规), push it to a bank serving its region, and follow the bank's contact and decision
 * within the decision period (`decision_days`), so that contact with every listed enterprise is tracked.
 *
 * `financing_recommendations` is distributed by enterprise, as its demands are: primary key (enterprise_id, id),
 * keys only to colocated or reference tables (the enterprise, the bank in `financial_institutions`), no triggers.
 * The county is kept on the row when listed (the desk filters by region without the registry's tables). An
 * enterprise is on a year's list once: a unique key with the distribution column over the rows not removed.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table financing_recommendations (
      enterprise_id bigint not null references enterprises (id),
      id bigint generated always as identity,
      region_code char(6) not null,
      list_year integer not null check (list_year between 2024 and 2200),
      compliant_operation boolean not null,
      fixed_premises boolean not null,
      real_need boolean not null,
      good_credit boolean not null,
      compliant_purpose boolean not null,
      need_amount numeric(14, 4) check (need_amount > 0),
      note text check (length(note) <= 500),
      listed_by bigint not null,
      listed_at timestamptz not null default now(),
      institution_id bigint references financial_institutions (id),
      pushed_by bigint,
      pushed_at timestamptz,
      pushed_on date,
      decide_due date,
      contacted_at timestamptz,
      contact_note text check (length(contact_note) <= 500),
      outcome text check (outcome in ('granted', 'declined', 'no_need')),
      decided_at timestamptz,
      granted_amount numeric(14, 4) check (granted_amount > 0),
      decline_reason text,
      decline_text text check (length(decline_text) between 2 and 500),
      removed_by bigint,
      removed_at timestamptz,
      removed_reason text check (length(removed_reason) between 2 and 500),
      state text not null check (state in ('listed', 'pushed', 'contacted', 'decided', 'removed')),
      version integer not null default 1,
      primary key (enterprise_id, id)
    )`.execute(db);
  // The mechanism lists only an enterprise passing all five tests.
  await sql`alter table financing_recommendations add constraint financing_recommendations_five_tests_check
    check (compliant_operation and fixed_premises and real_need and good_credit and compliant_purpose)`.execute(
    db,
  );
  await sql`alter table financing_recommendations add constraint financing_recommendations_pushed_check
    check (state in ('listed', 'removed') or (institution_id is not null and pushed_on is not null
      and decide_due is not null))`.execute(db);
  await sql`alter table financing_recommendations add constraint financing_recommendations_contacted_check
    check (state not in ('contacted', 'decided') or contacted_at is not null)`.execute(db);
  await sql`alter table financing_recommendations add constraint financing_recommendations_decided_check
    check (state <> 'decided' or (outcome is not null and decided_at is not null))`.execute(db);
  await sql`alter table financing_recommendations add constraint financing_recommendations_granted_check
    check (outcome is distinct from 'granted' or granted_amount is not null)`.execute(db);
  await sql`alter table financing_recommendations add constraint financing_recommendations_declined_check
    check (outcome is distinct from 'declined' or (decline_reason is not null and decline_text is not null))`.execute(
    db,
  );
  await sql`alter table financing_recommendations add constraint financing_recommendations_removed_check
    check (state <> 'removed' or (removed_at is not null and removed_reason is not null))`.execute(db);
  // An enterprise is on a year's list once (a removed entry leaves room for a new one).
  await sql`create unique index financing_recommendations_year_key
    on financing_recommendations (enterprise_id, list_year) where state <> 'removed'`.execute(db);
  await sql`create index financing_recommendations_region_idx
    on financing_recommendations (region_code, list_year, state)`.execute(db);
  await sql`create index financing_recommendations_institution_idx
    on financing_recommendations (institution_id, state, pushed_at) where institution_id is not null`.execute(
    db,
  );
  await sql`create index financing_recommendations_due_idx on financing_recommendations (decide_due)
    where state in ('pushed', 'contacted')`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table financing_recommendations`.execute(db);
}
