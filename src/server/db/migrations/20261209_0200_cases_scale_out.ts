/**
 * The case tables follow the scale-out rules (issue 20, docs/adr/0025-scale-out-on-citus.md): on Citus, `cases`,
 * `case_events`, `case_attachments`, `case_supervisions` and `case_payments` are distributed by enterprise in the
 * enterprises' colocation group, `case_numbers` is a lookup distributed by the case number, `case_routing_rules`
 * is a reference table and `case_stats` / `case_deadlines` stay local on the coordinator. So:
 *
 * - `cases`: primary key (enterprise_id, id), `id` still the identity. The number's global uniqueness moves to
 *   `case_numbers` (number → enterprise, case), written by the case repository in the transaction that files the
 *   case. `merged_into` loses its foreign key: a merge may join a case to another enterprise's (the target is any
 *   open case the official may see, cases.rules.ts `transition`), so no composite key can hold it; the service
 *   loads and checks the target. The keys to `users` (submitted_by, assignee_id) go (rule 4: users are never
 *   deleted, the service checks who acts).
 * - the case's own tables carry `enterprise_id` (backfilled from their case), have primary key (enterprise_id, id)
 *   and point to their case (and an attachment to its timeline entry) by (enterprise_id, …); a stored file's key is
 *   unique within its enterprise; their keys to `users` go.
 * - `case_routing_rules` (reference) loses its key to `users` (local).
 * - the key from `notifications.case_id` to `cases (id)` goes with the primary key it pointed to (the notices'
 *   migration gives notifications an enterprise and the maintainer adds the composite key back).
 * - the triggers that kept `case_stats` / `case_deadlines` go (Citus distributes no table with triggers, and a
 *   trigger on a shard cannot write a coordinator table): the case repository updates the roll-ups in the
 *   transaction of every write that changes what they count (cases.rules.ts `rollupDelta`); `case_stats_rebuild()`
 *   stays to recompute them.
 *
 * One ADD CONSTRAINT per ALTER TABLE (Citus). down() restores the previous shape, triggers included.
 */
import { type Kysely, sql } from 'kysely';

/** The case's own tables, which take their enterprise from their case. */
const CHILDREN = ['case_events', 'case_attachments', 'case_supervisions', 'case_payments'] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  // The roll-up triggers and the function that took a `cases` row.
  await sql`drop trigger if exists cases_stats_write on cases`.execute(db);
  await sql`drop trigger if exists cases_stats_update on cases`.execute(db);
  await sql`drop function if exists case_stats_trigger()`.execute(db);
  await sql`drop function if exists case_stats_add(cases, integer)`.execute(db);

  // Keys that point to users, or to the primary keys about to change.
  await sql`alter table notifications drop constraint if exists notifications_case_id_fkey`.execute(db);
  await sql`alter table case_routing_rules drop constraint if exists case_routing_rules_created_by_fkey`.execute(
    db,
  );
  for (const name of ['cases_submitted_by_fkey', 'cases_assignee_id_fkey', 'cases_merged_into_fkey'])
    await sql`alter table cases drop constraint if exists ${sql.id(name)}`.execute(db);
  const dropped: [string, string][] = [
    ['case_attachments', 'case_attachments_case_id_fkey'],
    ['case_attachments', 'case_attachments_event_id_fkey'],
    ['case_attachments', 'case_attachments_uploaded_by_fkey'],
    ['case_events', 'case_events_case_id_fkey'],
    ['case_events', 'case_events_actor_user_id_fkey'],
    ['case_supervisions', 'case_supervisions_case_id_fkey'],
    ['case_supervisions', 'case_supervisions_issued_by_fkey'],
    ['case_payments', 'case_payments_case_id_fkey'],
    ['case_payments', 'case_payments_recorded_by_fkey'],
  ];
  for (const [table, name] of dropped)
    await sql`alter table ${sql.table(table)} drop constraint if exists ${sql.id(name)}`.execute(db);

  // Case numbers: a lookup of their own.
  await sql`
    create table case_numbers (
      number text primary key,
      enterprise_id bigint not null,
      case_id bigint not null
    )`.execute(db);
  await sql`insert into case_numbers (number, enterprise_id, case_id)
    select number, enterprise_id, id from cases`.execute(db);
  await sql`alter table cases drop constraint cases_number_key`.execute(db);

  // cases: (enterprise_id, id).
  await sql`alter table cases drop constraint cases_pkey`.execute(db);
  await sql`alter table cases add constraint cases_pkey primary key (enterprise_id, id)`.execute(db);

  // The case's own tables: their enterprise, from their case.
  for (const table of CHILDREN) {
    const t = sql.table(table);
    await sql`alter table ${t} add column enterprise_id bigint`.execute(db);
    await sql`update ${t} as x set enterprise_id = c.enterprise_id from cases c where c.id = x.case_id`.execute(
      db,
    );
    await sql`alter table ${t} alter column enterprise_id set not null`.execute(db);
    await sql`alter table ${t} drop constraint ${sql.id(`${table}_pkey`)}`.execute(db);
    await sql`alter table ${t} add constraint ${sql.id(`${table}_pkey`)} primary key (enterprise_id, id)`.execute(
      db,
    );
    await sql`alter table ${t} add constraint ${sql.id(`${table}_case_fkey`)}
      foreign key (enterprise_id, case_id) references cases (enterprise_id, id)`.execute(db);
  }
  await sql`alter table case_attachments add constraint case_attachments_event_fkey
    foreign key (enterprise_id, event_id) references case_events (enterprise_id, id)`.execute(db);
  await sql`alter table case_attachments drop constraint case_attachments_storage_key_key`.execute(db);
  await sql`alter table case_attachments add constraint case_attachments_storage_key_key
    unique (enterprise_id, storage_key)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table case_attachments drop constraint case_attachments_storage_key_key`.execute(db);
  await sql`alter table case_attachments add constraint case_attachments_storage_key_key unique (storage_key)`.execute(
    db,
  );
  await sql`alter table case_attachments drop constraint case_attachments_event_fkey`.execute(db);
  for (const table of CHILDREN) {
    const t = sql.table(table);
    await sql`alter table ${t} drop constraint ${sql.id(`${table}_case_fkey`)}`.execute(db);
    await sql`alter table ${t} drop constraint ${sql.id(`${table}_pkey`)}`.execute(db);
    await sql`alter table ${t} add constraint ${sql.id(`${table}_pkey`)} primary key (id)`.execute(db);
    await sql`alter table ${t} drop column enterprise_id`.execute(db);
  }
  await sql`alter table cases drop constraint cases_pkey`.execute(db);
  await sql`alter table cases add constraint cases_pkey primary key (id)`.execute(db);
  await sql`alter table cases add constraint cases_number_key unique (number)`.execute(db);
  await sql`drop table case_numbers`.execute(db);

  const restored: [string, string, string][] = [
    ['cases', 'cases_submitted_by_fkey', 'foreign key (submitted_by) references users (id)'],
    ['cases', 'cases_assignee_id_fkey', 'foreign key (assignee_id) references users (id)'],
    ['cases', 'cases_merged_into_fkey', 'foreign key (merged_into) references cases (id)'],
    ['case_events', 'case_events_case_id_fkey', 'foreign key (case_id) references cases (id)'],
    ['case_events', 'case_events_actor_user_id_fkey', 'foreign key (actor_user_id) references users (id)'],
    ['case_attachments', 'case_attachments_case_id_fkey', 'foreign key (case_id) references cases (id)'],
    [
      'case_attachments',
      'case_attachments_event_id_fkey',
      'foreign key (event_id) references case_events (id)',
    ],
    [
      'case_attachments',
      'case_attachments_uploaded_by_fkey',
      'foreign key (uploaded_by) references users (id)',
    ],
    ['case_supervisions', 'case_supervisions_case_id_fkey', 'foreign key (case_id) references cases (id)'],
    [
      'case_supervisions',
      'case_supervisions_issued_by_fkey',
      'foreign key (issued_by) references users (id)',
    ],
    ['case_payments', 'case_payments_case_id_fkey', 'foreign key (case_id) references cases (id)'],
    ['case_payments', 'case_payments_recorded_by_fkey', 'foreign key (recorded_by) references users (id)'],
    [
      'case_routing_rules',
      'case_routing_rules_created_by_fkey',
      'foreign key (created_by) references users (id)',
    ],
    ['notifications', 'notifications_case_id_fkey', 'foreign key (case_id) references cases (id)'],
  ];
  for (const [table, name, definition] of restored)
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(name)} ${sql.raw(definition)}`.execute(
      db,
    );

  // The roll-up triggers, as 20261126_1000_supervision made them, and roll-ups in line with the cases.
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
  await sql`select case_stats_rebuild()`.execute(db);
}
