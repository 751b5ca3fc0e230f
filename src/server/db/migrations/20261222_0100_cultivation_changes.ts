/**
 * Issue 18, keeping a recognition (docs/reference/cultivation.md §6.1, §9): material changes reported within
 * 3 months, the annual data update, expiry. Built to the scale-out rules (ADR 0025):
 *
 * - distributed by enterprise (keys include `enterprise_id`, foreign keys to the colocated applications, no
 *   triggers):
 *   - `cultivation_recognitions`: one row per recognised application, what the registry held when it was first
 *     seen recognised (name and region), whether it is flagged (since when, why), when its registry certification
 *     was ended at expiry, the year its enterprise was last reminded of the annual data update;
 *   - `cultivation_changes`: a material change of a recognised enterprise (a new name, a merger, a move to another
 *     province), reported by the enterprise or found by the daily run in the registry, its due day (3 months after
 *     the change), its state and the province's decision;
 * - reference: `cultivation_update_days`, the day in the year from which a province's recognised enterprises that
 *   have not updated their data are reminded (Huiqi's default 30 June when a province has none; unverified).
 *
 * Users live on the coordinator and are never deleted: no key points to `users`.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table cultivation_recognitions (
      enterprise_id bigint not null,
      application_id bigint not null,
      recorded_name text not null check (length(recorded_name) between 1 and 200),
      recorded_region_code text not null check (recorded_region_code ~ '^[0-9]{6}$'),
      recorded_on date not null,
      flagged_on date,
      flag_reason text check (length(flag_reason) <= 2000),
      expired_on date,
      update_reminded_year smallint,
      version integer not null default 1,
      primary key (enterprise_id, application_id),
      foreign key (enterprise_id, application_id) references cultivation_applications (enterprise_id, id)
    )`.execute(db);
  await sql`create index cultivation_recognitions_flagged_idx on cultivation_recognitions (flagged_on)
    where flagged_on is not null`.execute(db);

  await sql`
    create table cultivation_changes (
      enterprise_id bigint not null,
      id bigint generated always as identity,
      application_id bigint not null,
      kind text not null check (kind in ('rename', 'merger', 'relocation')),
      state text not null check (state in ('open', 'reported', 'accepted', 'revoked')),
      detected boolean not null default false,
      changed_on date,
      found_on date,
      due_on date not null,
      old_name text check (length(old_name) <= 200),
      new_name text check (length(new_name) <= 200),
      old_region_code text check (old_region_code ~ '^[0-9]{6}$'),
      new_region_code text check (new_region_code ~ '^[0-9]{6}$'),
      party text check (length(party) <= 200),
      description text check (length(description) <= 2000),
      reported_by bigint,
      reported_at timestamptz,
      flagged_on date,
      decided_by bigint,
      decided_at timestamptz,
      decision_comment text check (length(decision_comment) <= 2000),
      created_at timestamptz not null default now(),
      version integer not null default 1,
      primary key (enterprise_id, id),
      foreign key (enterprise_id, application_id) references cultivation_applications (enterprise_id, id)
    )`.execute(db);
  // One change of a kind waiting (to be reported or decided) per recognition: the daily run and a report meet on it.
  await sql`create unique index cultivation_changes_pending_idx on cultivation_changes
    (enterprise_id, application_id, kind) where state in ('open', 'reported')`.execute(db);
  // The daily run's overdue changes.
  await sql`create index cultivation_changes_due_idx on cultivation_changes (due_on)
    where state = 'open' and flagged_on is null`.execute(db);
  await sql`create index cultivation_changes_application_idx on cultivation_changes
    (enterprise_id, application_id, id)`.execute(db);

  await sql`
    create table cultivation_update_days (
      province_code text primary key check (province_code ~ '^[0-9]{2}0000$'),
      remind_on text not null check (remind_on ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
      updated_by bigint,
      updated_at timestamptz not null default now()
    )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['cultivation_update_days', 'cultivation_changes', 'cultivation_recognitions'])
    await sql`drop table ${sql.table(table)}`.execute(db);
}
