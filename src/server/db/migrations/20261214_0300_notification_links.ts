/**
 * A notice can open the page it is about (issue 15, found by a new user: a financing notice named a demand but did
 * not open it, where a policy notice opens its policy): `link`, an in-app path under `/app/`, on an enterprise's
 * notices and on a user's own. Older notices keep none; their policy or case still opens as before.
 */
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on the evolving schema types
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['notifications', 'user_notifications'])
    await sql`alter table ${sql.table(table)} add column link text
      check (link ~ '^/app/[A-Za-z0-9/_?=&.-]{1,200}$')`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notifications', 'user_notifications'])
    await sql`alter table ${sql.table(table)} drop column link`.execute(db);
}
