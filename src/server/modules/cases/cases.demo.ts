/**
 * Demo cases (demo mode only): moves a freshly filed case back in time, so that the queue, the supervision
 * dashboard and the officials' home show overdue cases and 督办 on a fresh start.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { backdateCase } from './cases.repository.ts';

/** Files a demo case as if received on `on`: its clock starts then (and its timeline's first entry). */
export async function backdateDemoCase(db: Kysely<Database>, id: number, on: string): Promise<void> {
  await db.transaction().execute((trx) => backdateCase(trx, id, on));
}
