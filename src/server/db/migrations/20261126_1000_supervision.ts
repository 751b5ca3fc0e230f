/**
 * Supervision of cases, the debtor's side of overdue-payment complaints, and the annual disclosure (issue 5).
 *
 * - `users`: a new role `payer` — an official of a debtor body (government body, public institution or large
 *   enterprise) identified by its USCC (`organization_uscc`), who answers the complaints against it.
 * - `notifications` reach a user as well as an enterprise (`user_id`; exactly one of the two), and may point to a
 *   case: reminders and 督办 go to handlers and supervisors, new claims to the debtor's officials.
 * - `cases`: the first reply's date and whether it came on time (`first_replied_on`, `replied_on_time`), the reminder level already sent for the
 *   current deadline (`reminded_level`/`reminded_deadline`: 1 = due soon, 2 = overdue and supervised), the
 *   debtor's position (acknowledged / disputed).
 * - `case_payments`: payments the debtor records against a complaint (partial payments; `cases.repaid` is their
 *   sum plus what the complaint declared as already paid). Payments go to interest first: `principal_repaid` is
 *   what of them went to the principal, `principal_outstanding` the undisputed principal still unpaid.
 * - `case_stats`: a roll-up of cases by county, department, type, debtor kind and month received, kept by a
 *   trigger in the transaction of each change, so a province's dashboard reads a few thousand rows instead of
 *   every case; `case_deadlines` counts the open cases by county, department, type and deadline, so "overdue now"
 *   and "due soon" are sums too. `case_stats_rebuild()` recomputes both (after bulk loads with the trigger
 *   disabled).
 * - `arrears_disclosures`: a government body's or public institution's annual disclosure of the previous year's
 *   overdue contracts (count and amount; due by 31 March), generated from the complaints and published by it.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column organization_uscc char(18), add column organization_name text`.execute(
    db,
  );
  await sql`alter table users drop constraint users_role_check, drop constraint users_scope_check`.execute(
    db,
  );
  await sql`alter table users
    add constraint users_role_check check (role in ('enterprise', 'official', 'bank', 'admin', 'auditor', 'payer')),
    add constraint users_scope_check check (
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
  await sql`create index users_organization_idx on users (organization_uscc) where organization_uscc is not null`.execute(
    db,
  );

  await sql`alter table notifications
    alter column enterprise_id drop not null,
    add column user_id bigint references users (id),
    add column case_id bigint references cases (id),
    drop constraint notifications_kind_check,
    add constraint notifications_kind_check check (kind in ('policy_match', 'benefit_confirmation', 'benefit_paid',
      'case_update', 'case_reminder', 'case_supervision', 'case_claim')),
    add constraint notifications_recipient_check check (num_nonnulls(enterprise_id, user_id) = 1)`.execute(
    db,
  );
  await sql`create index notifications_user_idx on notifications (user_id, id desc) where user_id is not null`.execute(
    db,
  );

  await sql`alter table cases
    add column first_replied_on date,
    add column replied_on_time boolean,
    add column reminded_level smallint not null default 0,
    add column reminded_deadline date,
    add column debtor_position text check (debtor_position in ('acknowledged', 'disputed')),
    add column debtor_answered_on date,
    add column principal_repaid numeric(16, 2) not null default 0,
    add column principal_outstanding numeric(16, 2)`.execute(db);
  // Complaints filed before: what they declared as paid counts as principal (interest-first allocation needs the
  // dates, which the assessment applies on the next payment).
  await sql`update cases set principal_repaid = repaid, principal_outstanding = greatest(amount - repaid, 0)
    where type = 'arrears'`.execute(db);
  // Supervision scans open cases by deadline whatever their department.
  await sql`create index cases_open_deadline_idx on cases (deadline, region_code)
    where state in ('submitted', 'accepted', 'in_progress', 'info_requested')`.execute(db);

  await sql`
    create table case_payments (
      id bigint generated always as identity primary key,
      case_id bigint not null references cases (id),
      paid_on date not null,
      amount numeric(16, 2) not null check (amount > 0),
      note text,
      recorded_by bigint not null references users (id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index case_payments_case_idx on case_payments (case_id, paid_on)`.execute(db);

  await sql`
    create table case_stats (
      region_code char(6) not null,
      department_code text not null,
      type text not null,
      debtor_kind text not null,
      month date not null,
      received integer not null default 0,
      open integer not null default 0,
      replied integer not null default 0,
      replied_on_time integer not null default 0,
      handling_days bigint not null default 0,
      closed integer not null default 0,
      rated integer not null default 0,
      satisfied integer not null default 0,
      basically_satisfied integer not null default 0,
      unsatisfied integer not null default 0,
      reopened integer not null default 0,
      claimed numeric(20, 2) not null default 0,
      repaid numeric(20, 2) not null default 0,
      cleared integer not null default 0,
      primary key (region_code, department_code, type, debtor_kind, month)
    )`.execute(db);
  await sql`
    create table case_deadlines (
      region_code char(6) not null,
      department_code text not null,
      type text not null,
      deadline date not null,
      open integer not null default 0,
      primary key (region_code, department_code, type, deadline)
    )`.execute(db);
  // One case's contribution to its roll-up rows, times a sign (+1 for the new row, -1 for the old one).
  await sql`
    create function case_stats_add(c cases, sign integer) returns void language plpgsql as $$
    begin
      insert into case_stats as s (region_code, department_code, type, debtor_kind, month, received, open, replied,
        replied_on_time, handling_days, closed, rated, satisfied, basically_satisfied, unsatisfied, reopened,
        claimed, repaid, cleared)
      values (c.region_code, c.department_code, c.type, coalesce(c.debtor_kind, ''),
        date_trunc('month', c.received_on)::date,
        sign,
        sign * (c.state in ('submitted', 'accepted', 'in_progress', 'info_requested'))::int,
        sign * (c.replied_on_time is not null)::int,
        sign * coalesce(c.replied_on_time, false)::int,
        sign * coalesce(c.first_replied_on - c.received_on, 0),
        sign * (c.state = 'closed')::int,
        sign * (c.rating is not null)::int,
        sign * coalesce(c.rating = 'satisfied', false)::int,
        sign * coalesce(c.rating = 'basically_satisfied', false)::int,
        sign * coalesce(c.rating = 'unsatisfied', false)::int,
        sign * (c.reopened_count > 0)::int,
        sign * coalesce(c.amount, 0),
        sign * c.principal_repaid,
        sign * coalesce(c.principal_outstanding <= 0, false)::int)
      on conflict (region_code, department_code, type, debtor_kind, month) do update set
        received = s.received + excluded.received, open = s.open + excluded.open,
        replied = s.replied + excluded.replied, replied_on_time = s.replied_on_time + excluded.replied_on_time,
        handling_days = s.handling_days + excluded.handling_days, closed = s.closed + excluded.closed,
        rated = s.rated + excluded.rated, satisfied = s.satisfied + excluded.satisfied,
        basically_satisfied = s.basically_satisfied + excluded.basically_satisfied,
        unsatisfied = s.unsatisfied + excluded.unsatisfied, reopened = s.reopened + excluded.reopened,
        claimed = s.claimed + excluded.claimed, repaid = s.repaid + excluded.repaid,
        cleared = s.cleared + excluded.cleared;
      if c.deadline is not null and c.state in ('submitted', 'accepted', 'in_progress', 'info_requested') then
        insert into case_deadlines as d (region_code, department_code, type, deadline, open)
        values (c.region_code, c.department_code, c.type, c.deadline, sign)
        on conflict (region_code, department_code, type, deadline) do update set open = d.open + excluded.open;
      end if;
    end $$`.execute(db);
  await sql`
    create function case_stats_trigger() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then perform case_stats_add(old, -1); end if;
      if tg_op in ('INSERT', 'UPDATE') then perform case_stats_add(new, 1); end if;
      return null;
    end $$`.execute(db);
  // Only changes of what the roll-ups count touch them (a reminder mark or a comment's version bump does not).
  await sql`
    create trigger cases_stats_write after insert or delete on cases
    for each row execute function case_stats_trigger()`.execute(db);
  await sql`
    create trigger cases_stats_update after update on cases for each row
    when ((old.state, old.region_code, old.department_code, old.type, old.debtor_kind, old.received_on, old.deadline,
      old.first_replied_on, old.replied_on_time, old.rating, old.reopened_count, old.amount, old.principal_repaid,
      old.principal_outstanding) is distinct from (new.state, new.region_code, new.department_code, new.type,
      new.debtor_kind, new.received_on, new.deadline, new.first_replied_on, new.replied_on_time, new.rating,
      new.reopened_count, new.amount, new.principal_repaid, new.principal_outstanding))
    execute function case_stats_trigger()`.execute(db);
  await sql`
    create function case_stats_rebuild() returns void language sql as $$
      delete from case_stats;
      insert into case_stats (region_code, department_code, type, debtor_kind, month, received, open, replied,
        replied_on_time, handling_days, closed, rated, satisfied, basically_satisfied, unsatisfied, reopened,
        claimed, repaid, cleared)
      select region_code, department_code, type, coalesce(debtor_kind, ''), date_trunc('month', received_on)::date,
        count(*),
        count(*) filter (where state in ('submitted', 'accepted', 'in_progress', 'info_requested')),
        count(*) filter (where replied_on_time is not null),
        count(*) filter (where replied_on_time),
        coalesce(sum(first_replied_on - received_on), 0),
        count(*) filter (where state = 'closed'),
        count(rating),
        count(*) filter (where rating = 'satisfied'),
        count(*) filter (where rating = 'basically_satisfied'),
        count(*) filter (where rating = 'unsatisfied'),
        count(*) filter (where reopened_count > 0),
        coalesce(sum(amount), 0),
        sum(principal_repaid),
        count(*) filter (where principal_outstanding <= 0)
      from cases
      group by 1, 2, 3, 4, 5;
      delete from case_deadlines;
      insert into case_deadlines (region_code, department_code, type, deadline, open)
      select region_code, department_code, type, deadline, count(*) from cases
      where deadline is not null and state in ('submitted', 'accepted', 'in_progress', 'info_requested')
      group by 1, 2, 3, 4;
    $$`.execute(db);
  await sql`select case_stats_rebuild()`.execute(db);

  await sql`
    create table arrears_disclosures (
      id integer generated always as identity primary key,
      organization_uscc char(18) not null,
      organization_name text not null,
      organization_kind text not null check (organization_kind in ('government', 'public_institution')),
      region_code char(6),
      year integer not null check (year between 2020 and 2100),
      contracts integer not null check (contracts >= 0),
      amount numeric(16, 2) not null check (amount >= 0),
      details jsonb not null,
      note text,
      published_at timestamptz not null default now(),
      published_by bigint not null references users (id),
      unique (organization_uscc, year)
    )`.execute(db);
  await sql`create index arrears_disclosures_year_idx on arrears_disclosures (year, region_code)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists arrears_disclosures`.execute(db);
  await sql`drop trigger if exists cases_stats_write on cases`.execute(db);
  await sql`drop trigger if exists cases_stats_update on cases`.execute(db);
  await sql`drop function if exists case_stats_rebuild()`.execute(db);
  await sql`drop function if exists case_stats_trigger()`.execute(db);
  await sql`drop function if exists case_stats_add(cases, integer)`.execute(db);
  await sql`drop table if exists case_deadlines`.execute(db);
  await sql`drop table if exists case_stats`.execute(db);
  await sql`drop table if exists case_payments`.execute(db);
  await sql`drop index if exists cases_open_deadline_idx`.execute(db);
  await sql`alter table cases drop column if exists first_replied_on, drop column if exists replied_on_time,
    drop column if exists reminded_level, drop column if exists reminded_deadline,
    drop column if exists debtor_position, drop column if exists debtor_answered_on,
    drop column if exists principal_repaid, drop column if exists principal_outstanding`.execute(db);
  await sql`delete from notifications where user_id is not null`.execute(db);
  await sql`drop index if exists notifications_user_idx`.execute(db);
  await sql`alter table notifications drop constraint if exists notifications_recipient_check,
    drop constraint notifications_kind_check, drop column if exists user_id, drop column if exists case_id,
    alter column enterprise_id set not null,
    add constraint notifications_kind_check check (kind in ('policy_match', 'benefit_confirmation', 'benefit_paid',
      'case_update'))`.execute(db);
  await sql`delete from sessions where user_id in (select id from users where role = 'payer')`.execute(db);
  await sql`delete from users where role = 'payer'`.execute(db);
  await sql`drop index if exists users_organization_idx`.execute(db);
  await sql`alter table users drop constraint users_role_check, drop constraint users_scope_check`.execute(
    db,
  );
  await sql`alter table users drop column organization_uscc, drop column organization_name,
    add constraint users_role_check check (role in ('enterprise', 'official', 'bank', 'admin', 'auditor')),
    add constraint users_scope_check check (
      (role = 'enterprise' and enterprise_id is not null and institution_id is null and region_code is null)
      or (role = 'official' and region_code is not null and enterprise_id is null and institution_id is null)
      or (role = 'bank' and institution_id is not null and enterprise_id is null and region_code is null)
      or (role in ('admin', 'auditor') and enterprise_id is null and institution_id is null and region_code is null)
    )`.execute(db);
}
