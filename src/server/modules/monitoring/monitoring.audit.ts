/** The monitoring module's audit entries: `monitoring.<action>`, in the changing transaction. */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor, Caller } from '../../http/auth.ts';
import { appendAudit } from '../audit/index.ts';

/** Every action the module audits (named in the web's audit dictionaries). */
export type MonitoringAction =
  | 'survey_created'
  | 'survey_changed'
  | 'weights_set'
  | 'panel_drawn'
  | 'member_dropped'
  | 'wave_opened'
  | 'wave_closed'
  | 'response_submitted'
  | 'flag_accepted'
  | 'flag_returned'
  | 'wave_computed'
  | 'registry_counted'
  | 'release_created'
  | 'release_changed'
  | 'release_reviewed'
  | 'release_returned'
  | 'release_scheduled'
  | 'release_withdrawn';

export async function audit(
  trx: Transaction<Database>,
  caller: Caller,
  actor: Actor,
  action: MonitoringAction,
  target: { type: string; id: number | string },
  summary: Record<string, unknown>,
): Promise<void> {
  await appendAudit(
    trx,
    { userId: actor.userId, role: actor.role },
    {
      action: `monitoring.${action}`,
      targetType: target.type,
      targetId: target.id,
      requestId: caller.requestId,
      summary,
    },
  );
}
