/** The cultivation module's audit entries: `cultivation.<action>`, in the changing transaction. */
import { moduleAudit } from '../audit/index.ts';

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

export const audit = moduleAudit<CultivationAction>('cultivation');
