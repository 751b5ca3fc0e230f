/** The procurement module's audit entries: `procurement.<action>`, in the changing transaction. */
import { moduleAudit } from '../audit/index.ts';

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

export const audit = moduleAudit<ProcurementAction>('procurement');
