/**
 * Issue 19 (operations): background work names the request that queued it, so its log lines carry that request's
 * id (`reqId`, as Fastify's request logs). Null for work no request queued (daily runs, the command line).
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table jobs add column request_id text`.execute(db);
  await sql`alter table import_jobs add column request_id text`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table import_jobs drop column request_id`.execute(db);
  await sql`alter table jobs drop column request_id`.execute(db);
}
