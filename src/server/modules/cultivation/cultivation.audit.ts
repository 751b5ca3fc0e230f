/** The cultivation module's audit entries: `cultivation.<action>`, in the changing transaction. */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, Caller } from '../../http/auth.ts';
import { appendAudit } from '../audit/index.ts';

/** Every action the module audits (named in the web's audit dictionaries). */
export type CultivationAction =
  | 'facts_saved'
  | 'evidence_added'
  | 'evidence_removed'
  | 'application_submitted'
  | 'application_withdrawn'
  | 'application_resubmitted'
  | 'application_returned'
  | 'application_recommended'
  | 'application_approved'
  | 'application_rejected'
  | 'application_announced'
  | 'recognition_revoked'
  | 'objection_answered'
  | 'settings_changed'
  | 'scoring_queued';

export async function audit(
  trx: Transaction<Database>,
  caller: Caller,
  actor: Actor,
  action: CultivationAction,
  target: { type: string; id: number | string },
  summary: Record<string, unknown>,
): Promise<void> {
  await appendAudit(
    trx,
    { userId: actor.userId, role: actor.role },
    {
      action: `cultivation.${action}`,
      targetType: target.type,
      targetId: target.id,
      requestId: caller.requestId,
      summary,
    },
  );
}
