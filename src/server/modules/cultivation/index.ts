/** Public surface of gradient cultivation (issue 18, measures 16–17). */

export { type CultivationDemoInput, seedCultivationDemo } from './cultivation.demo.ts';
export { CULTIVATION_DUE_JOB, cultivationDueHandler, queueDailyCultivation } from './cultivation.due.ts';
export { cultivationRoutes } from './cultivation.routes.ts';
export { cultivationScoringHandler } from './cultivation.scoring.ts';
