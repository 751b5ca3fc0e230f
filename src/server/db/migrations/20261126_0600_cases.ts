/**
 * The case engine (issue 5): enterprise demands (诉求) and overdue-payment complaints (拖欠账款) as cases with a
 * state, an owner (department and region, then a handler), a clock, and a timeline.
 *
 * - `case_routing_rules`: which department of which region handles a case type / category (editable by admins);
 *   a demand rule may set its own time limits.
 * - `cases`: the case; `clock` is the running time limit (cases.rules.ts), `deadline` its date for sorting and
 *   supervision (null while paused or when no clock runs); arrears cases carry the debtor, the contract and the
 *   claim as entered, and the amounts claimed and repaid. `version` makes concurrent actions conflict.
 * - `case_events`: every event of a case (the timeline): who, what, the states before and after, the note.
 * - `case_attachments`: files stored on disk (metadata here), never served inline.
 * - `case_supervisions`: 督办 notices to the handler of a case approaching or past its deadline.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table case_routing_rules (
      id integer generated always as identity primary key,
      case_type text not null check (case_type in ('demand', 'arrears')),
      category text,
      region_prefix text not null default '',
      department_code text not null,
      accept_working_days integer check (accept_working_days between 1 and 60),
      result_days integer check (result_days between 1 and 90),
      priority integer not null default 0,
      is_active boolean not null default true,
      version integer not null default 1,
      created_by bigint references users (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table cases (
      id bigint generated always as identity primary key,
      number text not null unique,
      type text not null check (type in ('demand', 'arrears')),
      kind text check (kind in ('consultation', 'complaint', 'suggestion', 'help')),
      category text not null,
      title text not null,
      description text not null,
      enterprise_id bigint not null references enterprises (id),
      submitted_by bigint not null references users (id),
      region_code char(6) not null,
      department_code text not null,
      assignee_id bigint references users (id),
      state text not null check (state in
        ('submitted', 'returned', 'accepted', 'in_progress', 'info_requested', 'replied', 'closed', 'merged')),
      clock jsonb,
      deadline date,
      received_on date not null,
      accepted_on date,
      replied_on date,
      closed_on date,
      rating text check (rating in ('satisfied', 'basically_satisfied', 'unsatisfied')),
      rating_note text,
      reopened_count integer not null default 0,
      merged_into bigint references cases (id),
      confidential boolean not null default true,
      debtor_uscc char(18),
      debtor_name text,
      debtor_kind text check (debtor_kind in ('government', 'public_institution', 'large_enterprise')),
      contract_number text,
      claim jsonb,
      amount numeric(16, 2),
      repaid numeric(16, 2) not null default 0,
      is_demo boolean not null default false,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (type <> 'arrears' or (debtor_uscc is not null and contract_number is not null and claim is not null))
    )`.execute(db);
  // An official's queue: open cases of a department, read in deadline order (a province's first page is the first
  // rows of the index; a county's is found by filtering them), and by region for counts and small regions.
  await sql`create index cases_queue_idx on cases (department_code, deadline, id)
    where state in ('submitted', 'accepted', 'in_progress', 'info_requested')`.execute(db);
  await sql`create index cases_queue_region_idx on cases (department_code, region_code)
    where state in ('submitted', 'accepted', 'in_progress', 'info_requested')`.execute(db);
  await sql`create index cases_region_idx on cases (region_code, type, state)`.execute(db);
  await sql`create index cases_enterprise_idx on cases (enterprise_id, id desc)`.execute(db);
  await sql`create index cases_debtor_idx on cases (debtor_uscc) where debtor_uscc is not null`.execute(db);
  await sql`create index cases_assignee_idx on cases (assignee_id, deadline) where assignee_id is not null`.execute(
    db,
  );

  await sql`
    create table case_events (
      id bigint generated always as identity primary key,
      case_id bigint not null references cases (id),
      at timestamptz not null default now(),
      actor_user_id bigint references users (id),
      actor_role text,
      action text not null,
      from_state text,
      to_state text,
      note text,
      data jsonb
    )`.execute(db);
  await sql`create index case_events_case_idx on case_events (case_id, id)`.execute(db);

  await sql`
    create table case_attachments (
      id bigint generated always as identity primary key,
      case_id bigint not null references cases (id),
      event_id bigint references case_events (id),
      file_name text not null,
      content_type text not null,
      size_bytes integer not null,
      sha256 char(64) not null,
      storage_key text not null unique,
      uploaded_by bigint not null references users (id),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index case_attachments_case_idx on case_attachments (case_id)`.execute(db);

  await sql`
    create table case_supervisions (
      id bigint generated always as identity primary key,
      case_id bigint not null references cases (id),
      issued_by bigint references users (id),
      issued_at timestamptz not null default now(),
      reason text not null,
      deadline date,
      acknowledged_at timestamptz
    )`.execute(db);
  await sql`create index case_supervisions_case_idx on case_supervisions (case_id)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'case_supervisions',
    'case_attachments',
    'case_events',
    'cases',
    'case_routing_rules',
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
