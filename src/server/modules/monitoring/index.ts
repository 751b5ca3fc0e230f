/** Public surface of monitoring (issue 16, measure 3; ADR 0030). */

export { computeRun, figuresDigest } from './monitoring.compute.ts';
export { seedMonitoringDemo } from './monitoring.demo.ts';
export { createResponses, drawPanel, frameSql } from './monitoring.panel.ts';
export { monitoringRoutes } from './monitoring.routes.ts';
export {
  allocate,
  type Cell,
  checkQuestions,
  computeFigures,
  designWeight,
  type Figure,
  type IndexWeights,
  type Question,
  type QuestionDraft,
} from './monitoring.rules.ts';
export { createSurvey } from './monitoring.surveys.ts';
export {
  MONITORING_DUE_JOB,
  monitoringDue,
  monitoringDueHandler,
  queueDailyMonitoring,
} from './monitoring.waves.ts';
