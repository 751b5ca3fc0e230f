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
