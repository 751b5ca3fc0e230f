/**
 * Issue 20 (scale-out): matching's working set — the pairs that qualify now, of the chunk of policies a matching
 * transaction is recomputing — moves from a temporary table to this table, distributed by enterprise beside
 * `policy_matches`, so each step (the pairs found, the lost ones deleted, the new ones stored) runs as one task per
 * shard on Citus. A transaction sees only its own rows and deletes them before it commits, so the table is empty
 * to everyone else; unlogged, since nothing in it outlives a transaction.
 *
 * Matching moves every kept match of an amended policy to its new version: `policy_matches` leaves a fifth of
 * each page free, so that update stays on its page (no index entry written) — 0.85 s instead of 2.8 s for the
 * 436,000 matches of a policy on the benchmark's registry.
 *
 * A benefit entry is addressed by its id alone (its key is `(enterprise_id, id)`): an index on `id` finds its
 * enterprise (and so its shard) before the entry is locked by its whole key.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unlogged table policy_match_candidates (
    enterprise_id bigint not null,
    policy_id integer not null,
    primary key (enterprise_id, policy_id)
  )`.execute(db);
  await sql`create index policy_benefits_id_idx on policy_benefits (id)`.execute(db);
  await sql`alter table policy_matches set (fillfactor = 80)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table policy_matches reset (fillfactor)`.execute(db);
  await sql`drop index policy_benefits_id_idx`.execute(db);
  await sql`drop table policy_match_candidates`.execute(db);
}
