/**
 * Policies and notices laid out for Citus (issue 20; docs/adr/0025-scale-out-on-citus.md): each table fits its
 * class — `policies`, `policy_versions` reference tables; `policy_benefits`, `policy_matches`,
 * `policy_applications` and `notifications` distributed by `enterprise_id`; `user_notifications` and
 * `notification_deliveries` local on the coordinator.
 *
 * - A reference or distributed table points no foreign key at `users` (local): `policies.created_by`,
 *   `policy_versions.published_by`, `policy_benefits.responded_by` and `.paid_recorded_by` keep their values, the
 *   service writes only signed-in users (who are never deleted).
 * - `policy_benefits`: primary key `(enterprise_id, id)` (`id` stays the identity). Nothing references it.
 *   `policy_matches` (key `(policy_id, enterprise_id)`) and `policy_applications` (key led by `enterprise_id`)
 *   already fit: their only foreign keys point to `policies` (reference) and `enterprises` (colocated).
 * - `notifications` had two kinds of rows: an enterprise's notices (`enterprise_id`) and notices to one user
 *   (`user_id`, `enterprise_id` NULL) — a distribution column cannot be NULL. The user's notices move, with their
 *   ids and read state, to the local `user_notifications`; `notifications` keeps the enterprise's, with
 *   `enterprise_id` NOT NULL and primary key `(enterprise_id, id)`. Its foreign key `case_id → cases (id)` becomes
 *   `(enterprise_id, case_id) → cases (enterprise_id, id)` (cases' key since 20261209_0200; a case's notices go to
 *   the case's enterprise), and none is added from `user_notifications` to `cases` (local → distributed).
 * - `notification_deliveries` no longer points at `notifications`: a delivery names its notice by
 *   `(enterprise_id, notification_id)` for an enterprise's notice or `user_notification_id` (local, so a foreign
 *   key) for a user's.
 *
 * down() restores the old shape, except the foreign key `notifications.case_id → cases (id)`, which
 * 20261209_0200's down() restores with cases' old key.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  // Reference and distributed tables: no foreign key to users.
  await sql`alter table policies drop constraint if exists policies_created_by_fkey`.execute(db);
  await sql`alter table policy_versions drop constraint if exists policy_versions_published_by_fkey`.execute(
    db,
  );
  await sql`alter table policy_benefits drop constraint if exists policy_benefits_responded_by_fkey`.execute(
    db,
  );
  await sql`alter table policy_benefits drop constraint if exists policy_benefits_paid_recorded_by_fkey`.execute(
    db,
  );
  await sql`alter table policy_benefits drop constraint policy_benefits_pkey`.execute(db);
  await sql`alter table policy_benefits add constraint policy_benefits_pkey primary key (enterprise_id, id)`.execute(
    db,
  );

  // Notices to one user: a local table of their own, ids and read state kept.
  await sql`
    create table user_notifications (
      id bigint generated always as identity primary key,
      user_id bigint not null references users (id),
      kind text not null check (kind in ('policy_match', 'benefit_confirmation', 'benefit_paid', 'case_update',
        'case_reminder', 'case_supervision', 'case_claim')),
      case_id bigint,
      policy_id integer,
      version integer,
      title_zh text not null,
      title_en text not null,
      created_at timestamptz not null default now(),
      read_at timestamptz
    )`.execute(db);
  await sql`create index user_notifications_inbox_idx on user_notifications (user_id, created_at desc, id desc)`.execute(
    db,
  );
  await sql`
    insert into user_notifications
      (id, user_id, kind, case_id, policy_id, version, title_zh, title_en, created_at, read_at)
    overriding system value
    select id, user_id, kind, case_id, policy_id, version, title_zh, title_en, created_at, read_at
    from notifications where user_id is not null`.execute(db);
  await sql`select setval(pg_get_serial_sequence('user_notifications', 'id'), coalesce(max(id), 0) + 1, false)
    from user_notifications`.execute(db);

  // Deliveries name their notice without a foreign key to the distributed table.
  await sql`alter table notification_deliveries drop constraint if exists notification_deliveries_notification_id_fkey`.execute(
    db,
  );
  await sql`alter table notification_deliveries add column enterprise_id bigint`.execute(db);
  await sql`alter table notification_deliveries add column user_notification_id bigint references user_notifications (id)`.execute(
    db,
  );
  await sql`alter table notification_deliveries alter column notification_id drop not null`.execute(db);
  await sql`update notification_deliveries d set user_notification_id = d.notification_id, notification_id = null
    where d.notification_id in (select id from user_notifications)`.execute(db);
  await sql`update notification_deliveries d set enterprise_id = n.enterprise_id
    from notifications n where n.id = d.notification_id`.execute(db);
  await sql`alter table notification_deliveries add constraint notification_deliveries_notice_check
    check (num_nonnulls(notification_id, user_notification_id) = 1
      and (enterprise_id is null) = (notification_id is null))`.execute(db);
  await sql`create index notification_deliveries_user_notification_idx on notification_deliveries
    (user_notification_id) where user_notification_id is not null`.execute(db);

  // Notifications: an enterprise's notices only, keyed by enterprise.
  await sql`delete from notifications where user_id is not null`.execute(db);
  await sql`alter table notifications drop constraint if exists notifications_case_id_fkey`.execute(db);
  await sql`alter table notifications drop constraint if exists notifications_recipient_check`.execute(db);
  await sql`drop index if exists notifications_user_idx`.execute(db);
  await sql`alter table notifications drop column user_id`.execute(db);
  await sql`alter table notifications alter column enterprise_id set not null`.execute(db);
  await sql`alter table notifications drop constraint notifications_pkey`.execute(db);
  await sql`alter table notifications add constraint notifications_pkey primary key (enterprise_id, id)`.execute(
    db,
  );
  // The inbox reads newest first; the key now serves look-ups by enterprise.
  await sql`drop index if exists notifications_enterprise_idx`.execute(db);
  await sql`create index notifications_inbox_idx on notifications (enterprise_id, created_at desc, id desc)`.execute(
    db,
  );
  await sql`alter table notifications add constraint notifications_case_fkey
    foreign key (enterprise_id, case_id) references cases (enterprise_id, id)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table notifications drop constraint notifications_case_fkey`.execute(db);
  await sql`drop index if exists notifications_inbox_idx`.execute(db);
  await sql`create index notifications_enterprise_idx on notifications (enterprise_id, id desc)`.execute(db);
  await sql`alter table notifications drop constraint notifications_pkey`.execute(db);
  await sql`alter table notifications add constraint notifications_pkey primary key (id)`.execute(db);
  await sql`alter table notifications alter column enterprise_id drop not null`.execute(db);
  await sql`alter table notifications add column user_id bigint references users (id)`.execute(db);
  await sql`alter table notifications add constraint notifications_recipient_check
    check (num_nonnulls(enterprise_id, user_id) = 1)`.execute(db);
  await sql`create index notifications_user_idx on notifications (user_id, id desc) where user_id is not null`.execute(
    db,
  );

  // Users' notices back into notifications (new ids: the two tables numbered apart), their deliveries with them.
  await sql`alter table notification_deliveries drop constraint notification_deliveries_notice_check`.execute(
    db,
  );
  await sql`alter table notifications add column moved_from bigint`.execute(db);
  await sql`
    insert into notifications (user_id, kind, case_id, policy_id, version, title_zh, title_en, created_at, read_at,
      moved_from)
    select user_id, kind, case_id, policy_id, version, title_zh, title_en, created_at, read_at, id
    from user_notifications order by id`.execute(db);
  await sql`update notification_deliveries d set notification_id = n.id
    from notifications n where n.moved_from = d.user_notification_id`.execute(db);
  await sql`alter table notifications drop column moved_from`.execute(db);

  await sql`drop index if exists notification_deliveries_user_notification_idx`.execute(db);
  await sql`alter table notification_deliveries drop column user_notification_id`.execute(db);
  await sql`alter table notification_deliveries drop column enterprise_id`.execute(db);
  await sql`alter table notification_deliveries alter column notification_id set not null`.execute(db);
  await sql`alter table notification_deliveries add constraint notification_deliveries_notification_id_fkey
    foreign key (notification_id) references notifications (id)`.execute(db);
  await sql`drop table user_notifications`.execute(db);

  await sql`alter table policy_benefits drop constraint policy_benefits_pkey`.execute(db);
  await sql`alter table policy_benefits add constraint policy_benefits_pkey primary key (id)`.execute(db);
  await sql`alter table policy_benefits add constraint policy_benefits_paid_recorded_by_fkey
    foreign key (paid_recorded_by) references users (id)`.execute(db);
  await sql`alter table policy_benefits add constraint policy_benefits_responded_by_fkey
    foreign key (responded_by) references users (id)`.execute(db);
  await sql`alter table policy_versions add constraint policy_versions_published_by_fkey
    foreign key (published_by) references users (id)`.execute(db);
  await sql`alter table policies add constraint policies_created_by_fkey
    foreign key (created_by) references users (id)`.execute(db);
}
