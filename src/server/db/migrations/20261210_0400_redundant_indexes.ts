/**
 * Two indexes the scale-out migrations made redundant (their primary keys now lead with `enterprise_id`, ADR
 * 0025): `policy_benefits_enterprise_idx` (enterprise_id) beside the key (enterprise_id, id), and
 * `cases_enterprise_idx` (enterprise_id, id desc), which the key (enterprise_id, id) serves read backwards. Each
 * cost every write of its table an index entry for nothing.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index policy_benefits_enterprise_idx`.execute(db);
  await sql`drop index cases_enterprise_idx`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function down(db: Kysely<any>): Promise<void> {
  await sql`create index cases_enterprise_idx on cases (enterprise_id, id desc)`.execute(db);
  await sql`create index policy_benefits_enterprise_idx on policy_benefits (enterprise_id)`.execute(db);
}
