/** Public surface of the case engine. */

export { backdateDemoCase } from './cases.demo.ts';
export { payerSummary } from './cases.payer.ts';
export type { CaseActionBody } from './cases.service.ts';
export { actOnCase, caseQueue, getCase, listMyCases, submitArrears, submitDemand } from './cases.service.ts';
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
export { OPEN_STATES } from './cases.service.ts';
