/**
 * Issue 16 (disclosure control, docs/reference/monitoring.md §12): a third reason a run's index figure is withheld —
 * 'unanimous', a value at its range's end (0 or 200; a PMI's 0 or 100), which tells every respondent's answer however
 * many they are. The column's check takes the new value; figures already stored keep theirs (recomputing a wave
 * applies the rule).
 *
 * `monitoring_figures` is local (the coordinator's): replacing a check constraint rewrites no row.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table monitoring_figures drop constraint monitoring_figures_withheld_check`.execute(db);
  await sql`alter table monitoring_figures add constraint monitoring_figures_withheld_check
    check (withheld in ('few', 'unanimous', 'complementary'))`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`update monitoring_figures set withheld = 'complementary' where withheld = 'unanimous'`.execute(
    db,
  );
  await sql`alter table monitoring_figures drop constraint monitoring_figures_withheld_check`.execute(db);
  await sql`alter table monitoring_figures add constraint monitoring_figures_withheld_check
    check (withheld in ('few', 'complementary'))`.execute(db);
}
