/**
 * Issue 15 (the province dashboard at its figure): `financing_stats` kept per region level and per breakdown, so a
 * dashboard reads only its own region's rows.
 *
 * Before, a row was a cell month × county × institution × product kind × decline reason, and a province's dashboard
 * summed every cell of its counties (370,859 rows for 1,000,000 demands). Now each write files its deltas once for
 * every level of its region — the country (prefix ''), the province ('32'), the city ('3205'), the county
 * ('320583') — and at each level under a breakdown and its key: the region's own figures ('', key ''), the child
 * region's ('region', the child's prefix; not at a county), the bank's ('bank', its id, when there is one), the
 * product kind's ('kind', '' for none) and, for a decline, its reason's ('reason', the declined count only).
 * A dashboard reads months × (1 + children + banks + kinds + reasons) rows, all of one region prefix.
 *
 * The cells already there are filed the same way; `region_code`, `institution_id`, `product_kind` and
 * `decline_reason` give way to `region_prefix`, `breakdown` and `key`.
 */
import { type Kysely, sql } from 'kysely';

const MEASURES = sql.raw(
  `demands, first_pickups, pickups, contacted, contact_hours, granted, granted_amount, first_loans, credit_loans,
  rate_sum, declined, disbursed, disbursed_amount`,
);
const SUMS = sql.raw(
  `sum(demands), sum(first_pickups), sum(pickups), sum(contacted), sum(contact_hours), sum(granted),
  sum(granted_amount), sum(first_loans), sum(credit_loans), sum(rate_sum), sum(declined), sum(disbursed),
  sum(disbursed_amount)`,
);

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table financing_stats add column region_prefix text, add column breakdown text not null default '',
      add column key text not null default ''`.execute(db);
  await sql`
    with cells as (delete from financing_stats returning *),
    levels as (select * from cells cross join (values (0), (2), (4), (6)) l(n)),
    filed as (
      select month, left(region_code, n) as region_prefix, '' as breakdown, '' as key, ${MEASURES} from levels
      union all
      select month, left(region_code, n), 'region', left(region_code, n + 2), ${MEASURES} from levels where n < 6
      union all
      select month, left(region_code, n), 'bank', institution_id::text, ${MEASURES}
      from levels where institution_id <> 0
      union all
      select month, left(region_code, n), 'kind', product_kind, ${MEASURES} from levels
      union all
      select month, left(region_code, n), 'reason', decline_reason, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, declined, 0, 0
      from levels where decline_reason <> '')
    insert into financing_stats (month, region_code, region_prefix, breakdown, key, ${MEASURES})
    select month, '000000', region_prefix, breakdown, key, ${SUMS}
    from filed group by month, region_prefix, breakdown, key`.execute(db);
  await sql`drop index financing_stats_region_idx`.execute(db);
  await sql`
    alter table financing_stats drop column region_code, drop column institution_id, drop column product_kind,
      drop column decline_reason, alter column region_prefix set not null`.execute(db);
  await sql`
    alter table financing_stats add constraint financing_stats_breakdown_check
      check (breakdown in ('', 'region', 'bank', 'kind', 'reason') and length(region_prefix) in (0, 2, 4, 6))`.execute(
    db,
  );
  await sql`create index financing_stats_prefix_idx on financing_stats (region_prefix, month)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  // The counties' own rows hold every figure but the bank, kind and reason split: rebuildStats puts those back.
  await sql`delete from financing_stats where length(region_prefix) <> 6 or breakdown <> ''`.execute(db);
  await sql`drop index financing_stats_prefix_idx`.execute(db);
  await sql`
    alter table financing_stats drop constraint financing_stats_breakdown_check,
      add column region_code char(6), add column institution_id bigint not null default 0,
      add column product_kind text not null default '', add column decline_reason text not null default ''`.execute(
    db,
  );
  await sql`update financing_stats set region_code = region_prefix`.execute(db);
  await sql`
    alter table financing_stats alter column region_code set not null, drop column region_prefix,
      drop column breakdown, drop column key`.execute(db);
  await sql`create index financing_stats_region_idx on financing_stats (region_code, month)`.execute(db);
}
