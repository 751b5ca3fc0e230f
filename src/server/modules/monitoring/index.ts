/** Public surface of monitoring (issue 16, measure 3; ADR 0030). */

export { computeRun, figuresDigest } from './monitoring.compute.ts';
export { seedMonitoringDemo } from './monitoring.demo.ts';
export { frameSql } from './monitoring.panel.ts';
export { monitoringRoutes } from './monitoring.routes.ts';
export { allocate, checkQuestions, computeFigures } from './monitoring.rules.ts';
export {
  MONITORING_DUE_JOB,
  monitoringDue,
  monitoringDueHandler,
  queueDailyMonitoring,
} from './monitoring.waves.ts';
