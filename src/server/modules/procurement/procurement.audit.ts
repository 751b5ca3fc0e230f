/** The procurement module's audit entries: `procurement.<action>`, in the changing transaction. */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, Caller } from '../../http/auth.ts';
import { appendAudit } from '../audit/index.ts';

/** Every action the module audits (named in the web's audit dictionaries). */
export type ProcurementAction =
  | 'body_created'
  | 'body_changed'
  | 'project_created'
  | 'project_changed'
  | 'project_cancelled'
  | 'award_recorded'
  | 'award_corrected'
  | 'award_withdrawn'
  | 'declarations_rechecked'
  | 'ocds_imported'
  | 'report_drafted'
  | 'report_changed'
  | 'report_published'
  | 'report_corrected';

export async function audit(
  trx: Transaction<Database>,
  caller: Caller,
  actor: Actor,
  action: ProcurementAction,
  target: { type: string; id: number | string },
  summary: Record<string, unknown>,
): Promise<void> {
  await appendAudit(
    trx,
    { userId: actor.userId, role: actor.role },
    {
      action: `procurement.${action}`,
      targetType: target.type,
      targetId: target.id,
      requestId: caller.requestId,
      summary,
    },
  );
}
