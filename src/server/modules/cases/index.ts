/** Public surface of the case engine. */

export type { CaseActionBody } from './cases.acting.ts';
export { actOnCase } from './cases.acting.ts';
export { backdateDemoCase } from './cases.demo.ts';
export { submitArrears, submitDemand } from './cases.filing.ts';
export { payerSummary } from './cases.payer.ts';
export { caseQueue, getCase, listMyCases } from './cases.reading.ts';
export { OPEN_STATES } from './cases.repository.ts';
export { DEFAULT_DEPARTMENT } from './cases.routing.ts';
export {
  deadlineDigest,
  queueDailySupervision,
  SUPERVISION_JOB,
  superviseCase,
  superviseDeadlines,
  supervisionDashboard,
  supervisionHandler,
} from './cases.supervision.ts';

// For other modules (issue 13)

export { attachmentRoutes } from './cases.attachments.routes.ts';
export { attachmentSettings } from './cases.attachments.ts';
export { casesRoutes } from './cases.routes.ts';
export { type Clock, deadlineOf, TRANSITIONS } from './cases.rules.ts';
