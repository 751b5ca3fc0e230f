/** The monitoring module's audit entries: `monitoring.<action>`, in the changing transaction. */
import { moduleAudit } from '../audit/index.ts';

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

export const audit = moduleAudit<MonitoringAction>('monitoring');
