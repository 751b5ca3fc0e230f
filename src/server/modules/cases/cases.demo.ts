/**
 * Demo cases (demo mode only): moves a freshly filed case back in time, so that the queue, the supervision
 * dashboard and the officials' home show overdue cases and 督办 on a fresh start.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Clock, deadlineOf } from './cases.rules.ts';

/** Files a demo case as if received on `on`: its clock starts then (and its timeline's first entry). */
export async function backdateDemoCase(db: Kysely<Database>, id: number, on: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('cases')
      .select(['clock', 'is_demo'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (!row.is_demo) throw new Error(`case ${id} is not a demo case`);
    const clock = row.clock ? ({ ...(row.clock as Clock), startedOn: on } satisfies Clock) : null;
    const at = `${on}T09:30:00+08:00`;
    await trx
      .updateTable('cases')
      .set({
        received_on: on,
        clock: JSON.stringify(clock),
        deadline: clock && !clock.pausedSince ? deadlineOf(clock) : null,
        created_at: at,
      })
      .where('id', '=', id)
      .execute();
    await sql`update case_events set at = ${at}::timestamptz where case_id = ${id} and action = 'submit'`.execute(
      trx,
    );
  });
}
