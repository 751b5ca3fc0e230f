/**
 * Issue 15 (deadlines kept): the day a bank was last told that an answer of its is past a deadline — a response not
 * contacted by its contact day or undecided past its decision day, a recommended-list enterprise undecided past its
 * decision day. The daily run tells the bank's users once per deadline missed (financing.desk.ts), and marks it here
 * without touching the row's version (a bank's open form stays valid).
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table financing_responses add column late_notified_on date`.execute(db);
  await sql`alter table financing_recommendations add column late_notified_on date`.execute(db);
  // The daily run's lookups of the open answers past their decision day (the contact day has its index).
  await sql`create index financing_responses_decision_idx on financing_responses (decision_due)
    where state in ('picked_up', 'contacted', 'visited')`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index financing_responses_decision_idx`.execute(db);
  await sql`alter table financing_recommendations drop column late_notified_on`.execute(db);
  await sql`alter table financing_responses drop column late_notified_on`.execute(db);
}
