/** The financing module's audit entries: `financing.<action>`, targeted at the enterprise concerned. */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, Caller } from '../../http/auth.ts';
import { moduleAudit } from '../audit/index.ts';

const auditAs = moduleAudit<string>('financing');

export async function audit(
  trx: Transaction<Database>,
  caller: Caller,
  actor: Actor,
  action: string,
  enterpriseId: number,
  summary: Record<string, unknown>,
): Promise<void> {
  await auditAs(trx, caller, actor, action, { type: 'enterprise', id: enterpriseId }, summary);
}
