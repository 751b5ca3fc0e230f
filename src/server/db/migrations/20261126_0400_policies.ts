/**
 * Policies, their eligibility matches, 免申即享 benefits, notifications and the durable job queue (issue 4).
 *
 * - `policies` holds what is being edited (`draft`, a policy definition as in rules/policies/*.yaml) and points to
 *   its last published version; `policy_versions` are immutable snapshots, so a match, a confirmation or a payout
 *   keeps pointing to the version it was decided under. The library's filters and search read the version's
 *   columns; `search_terms` are character bigrams (the same on PGlite and PostgreSQL).
 * - `policy_matches`: one row per (policy, enterprise) that qualifies now, with the version that decided it.
 * - `policy_benefits`: a 免申即享 list: listed → sent for confirmation → confirmed / declined → paid.
 * - `notifications` (in-app inbox of an enterprise) and `notification_deliveries` (email/SMS through a transport).
 * - `jobs`: a PostgreSQL-backed queue claimed with SKIP LOCKED, so any instance runs a job and a stopped one's job
 *   is taken over after its heartbeat goes stale.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table policies (
      id integer generated always as identity primary key,
      slug text not null unique,
      source text not null check (source in ('file', 'official')),
      status text not null default 'draft' check (status in ('draft', 'published', 'withdrawn')),
      draft jsonb,
      draft_changed boolean not null default true,
      current_version integer,
      owner_region text not null default '',
      is_demo boolean not null default false,
      file_fingerprint text,
      version integer not null default 1,
      created_by bigint references users (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table policy_versions (
      policy_id integer not null references policies (id),
      version integer not null,
      definition jsonb not null,
      title_zh text not null,
      title_en text not null,
      issuer text not null,
      document_number text not null,
      issued_on date,
      effective_from date not null,
      expires_on date,
      regions text[] not null,
      method text not null check (method in ('automatic', 'fast', 'application')),
      topics text[] not null,
      sizes text[] not null,
      is_demo boolean not null,
      search_terms text[] not null,
      change_note text,
      published_by bigint references users (id),
      published_at timestamptz not null default now(),
      primary key (policy_id, version)
    )`.execute(db);
  await sql`create index policy_versions_terms_idx on policy_versions using gin (search_terms)`.execute(db);

  await sql`
    create table policy_matches (
      policy_id integer not null references policies (id),
      enterprise_id bigint not null,
      version integer not null,
      matched_at timestamptz not null default now(),
      primary key (policy_id, enterprise_id)
    )`.execute(db);
  await sql`create index policy_matches_enterprise_idx on policy_matches (enterprise_id)`.execute(db);

  await sql`
    create table policy_benefits (
      id bigint generated always as identity primary key,
      policy_id integer not null references policies (id),
      version integer not null,
      enterprise_id bigint not null references enterprises (id),
      status text not null check (status in ('listed', 'sent', 'confirmed', 'declined', 'paid')),
      listed_at timestamptz not null default now(),
      sent_at timestamptz,
      responded_at timestamptz,
      responded_by bigint references users (id),
      response_note text,
      amount numeric(14, 2),
      paid_on date,
      paid_recorded_by bigint references users (id),
      row_version integer not null default 1,
      unique (policy_id, enterprise_id)
    )`.execute(db);
  await sql`create index policy_benefits_enterprise_idx on policy_benefits (enterprise_id)`.execute(db);

  await sql`
    create table notifications (
      id bigint generated always as identity primary key,
      enterprise_id bigint not null,
      kind text not null check (kind in ('policy_match', 'benefit_confirmation', 'benefit_paid', 'case_update')),
      policy_id integer references policies (id),
      version integer,
      title_zh text not null,
      title_en text not null,
      created_at timestamptz not null default now(),
      read_at timestamptz
    )`.execute(db);
  await sql`create index notifications_enterprise_idx on notifications (enterprise_id, id desc)`.execute(db);
  await sql`create index notifications_policy_idx on notifications (policy_id)`.execute(db);
  await sql`
    create table notification_deliveries (
      id bigint generated always as identity primary key,
      notification_id bigint not null references notifications (id),
      user_id bigint not null references users (id),
      channel text not null check (channel in ('email', 'sms')),
      address text not null,
      status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
      attempts integer not null default 0,
      claimed_at timestamptz,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    )`.execute(db);
  await sql`create index notification_deliveries_open_idx on notification_deliveries (id)
    where status in ('pending', 'sending')`.execute(db);
  await sql`alter table users add column email text, add column phone text`.execute(db);

  await sql`
    create table jobs (
      id bigint generated always as identity primary key,
      kind text not null,
      payload jsonb not null default '{}',
      status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
      dedupe_key text,
      attempts integer not null default 0,
      run_after timestamptz not null default now(),
      progress jsonb,
      result jsonb,
      error_message text,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      heartbeat_at timestamptz,
      finished_at timestamptz
    )`.execute(db);
  await sql`create index jobs_queue_idx on jobs (run_after, id) where status in ('queued', 'running')`.execute(
    db,
  );
  await sql`create unique index jobs_dedupe_idx on jobs (dedupe_key) where status = 'queued'`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'jobs',
    'notification_deliveries',
    'notifications',
    'policy_benefits',
    'policy_matches',
    'policy_versions',
    'policies',
  ]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`alter table users drop column email, drop column phone`.execute(db);
}
