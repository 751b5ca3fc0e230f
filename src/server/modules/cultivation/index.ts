/** Public surface of gradient cultivation (issue 18, measures 16–17). */
export { cultivationRoutes } from './cultivation.routes.ts';
export { cultivationScoringHandler } from './cultivation.scoring.ts';
