/**
 * Applications to 需申报 policies (issue 12): an enterprise records that it applied for a policy (online at the
 * policy's link, or at the office), so its card says "已于 … 申报" and the bureau can count and list who applied.
 *
 * Laid out for distribution by enterprise (docs: the scale-out rules): `enterprise_id` is NOT NULL and leads the
 * primary key, the only foreign keys point to the colocated `enterprises` and the reference table `policies`, no
 * triggers. One record per enterprise and policy version (a new version may be applied for again).
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table policy_applications (
      enterprise_id bigint not null references enterprises (id),
      policy_id integer not null references policies (id),
      version integer not null,
      applied_at timestamptz not null default now(),
      channel text not null check (channel in ('online', 'office', 'other')),
      note text check (length(note) <= 500),
      recorded_by bigint not null,
      primary key (enterprise_id, policy_id, version)
    )`.execute(db);
  await sql`create index policy_applications_policy_idx on policy_applications (policy_id, applied_at)`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table policy_applications`.execute(db);
}
