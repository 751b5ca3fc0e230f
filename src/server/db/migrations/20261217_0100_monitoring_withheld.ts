/**
 * Issue 16 (disclosure control, docs/reference/monitoring.md §12): a run's index figure records whether, and why, the
 * public does not see it — 'few' (fewer responses than the disclosure minimum) or 'complementary' (withheld so that
 * another withheld figure cannot be derived from its published total and siblings). Null: published. Computed with
 * the figures by the computation (monitoring.rules.ts withheldFigures) and stored, so every reader applies the same.
 *
 * `monitoring_figures` is local (the coordinator's): adding a nullable column rewrites no row. Runs computed before
 * this migration are given the primary rule only ('few' below 5 responses, the minimum then in force); recomputing
 * their wave gives them the complementary part.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table monitoring_figures add column withheld text
    check (withheld in ('few', 'complementary'))`.execute(db);
  await sql`update monitoring_figures f set withheld = 'few'
    from monitoring_runs r
    where r.id = f.run_id and r.kind = 'index' and f.responses > 0 and f.responses < 5`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table monitoring_figures drop column withheld`.execute(db);
}
