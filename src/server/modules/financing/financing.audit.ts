/** The financing module's audit entries: `financing.<action>`, targeted at the enterprise concerned. */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, Caller } from '../../http/auth.ts';
import { appendAudit } from '../audit/index.ts';

export async function audit(
  trx: Transaction<Database>,
  caller: Caller,
  actor: Actor,
  action: string,
  enterpriseId: number,
  summary: Record<string, unknown>,
) {
  await appendAudit(
    trx,
    { userId: actor.userId, role: actor.role },
    {
      action: `financing.${action}`,
      targetType: 'enterprise',
      targetId: enterpriseId,
      requestId: caller.requestId,
      summary,
    },
  );
}
