/** Public surface of financing matchmaking (issue 15, measures 9–13). */

export { financingDashboardRoutes } from './financing.dashboard.routes.ts';
export { seedFinancingDemo } from './financing.demo.ts';
export {
  escalateDue,
  FINANCING_DUE_JOB,
  financingDueHandler,
  queueDailyFinancing,
} from './financing.desk.ts';
export {
  FINANCING_MATCH_JOB,
  financingMatchHandler,
  matchAllDemands,
  rematchProduct,
} from './financing.matching.ts';
export { receivablesRoutes } from './financing.receivables.routes.ts';
export { remindReceivables } from './financing.receivables.ts';
export { recommendationsRoutes } from './financing.recommendations.routes.ts';
export { financingRoutes } from './financing.routes.ts';
export { compactStats, rebuildStats } from './financing.stats.ts';
