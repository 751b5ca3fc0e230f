/** Public surface of financing matchmaking (issue 15, measures 9–13). */

export { financingDashboardRoutes } from './financing.dashboard.routes.ts';
// For the benchmarks (bench/financing-*.ts), which time the module's own functions
export { viewDemands } from './financing.demands.ts';
export { seedFinancingDemo } from './financing.demo.ts';
export {
  escalateDue,
  FINANCING_DUE_JOB,
  financingDueHandler,
  queueDailyFinancing,
  tellBanksLate,
} from './financing.desk.ts';
export { compileProducts, matchOne } from './financing.match.rules.ts';
export {
  FINANCING_MATCH_JOB,
  financingMatchHandler,
  fitDemandOf,
  matchAllDemands,
  rematchProduct,
} from './financing.matching.ts';
export { fitProductOf } from './financing.products.ts';
export { receivablesRoutes } from './financing.receivables.routes.ts';
export { remindReceivables } from './financing.receivables.ts';
export { recommendationsRoutes } from './financing.recommendations.routes.ts';
export {
  type BoardView,
  boardPage,
  type DemandRow,
  publishedProducts,
  replaceMatches,
  servedRegions,
} from './financing.repository.ts';
export { board } from './financing.responses.ts';
export { financingRoutes } from './financing.routes.ts';
export {
  checkProduct,
  type FinancingSettings,
  type Fit,
  type FitDemand,
  type FitProduct,
  pickupDue,
  productFit,
  responseDeadlines,
  servedPrefixes,
} from './financing.rules.ts';
export { compactStats, figuresOf, financingDashboard, rebuildStats } from './financing.stats.ts';
