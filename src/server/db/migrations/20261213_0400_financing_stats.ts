/**
 * Issue 15 (the officials' financing dashboards): `financing_stats`, a roll-up of the demands and the banks'
 * answers by month × county × institution × product kind × decline reason. Local to the coordinator (ADR 0025: roll-ups
 * are local and kept by the service, not by triggers): each write appends signed deltas in its own transaction
 * (financing.stats.ts), the daily run folds them (compaction), and the dashboards sum a region's rows.
 *
 * Money and rates are numeric; the number of hours to a first contact is summed so an average can be read.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table financing_stats (
      month date not null check (extract(day from month) = 1),
      region_code char(6) not null,
      institution_id bigint not null default 0,
      product_kind text not null default '',
      decline_reason text not null default '',
      demands integer not null default 0,
      first_pickups integer not null default 0,
      pickups integer not null default 0,
      contacted integer not null default 0,
      contact_hours numeric not null default 0,
      granted integer not null default 0,
      granted_amount numeric(18, 4) not null default 0,
      first_loans integer not null default 0,
      credit_loans integer not null default 0,
      rate_sum numeric not null default 0,
      declined integer not null default 0,
      disbursed integer not null default 0,
      disbursed_amount numeric(18, 4) not null default 0
    )`.execute(db);
  await sql`create index financing_stats_region_idx on financing_stats (region_code, month)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table financing_stats`.execute(db);
}
