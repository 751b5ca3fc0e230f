/** Public surface of the policy library and eligibility. */
export {
  matchingHandlers as policyJobHandlers,
  matchPolicies,
  queueDailyMatch,
} from './policies.matching.ts';
export { policiesRoutes } from './policies.routes.ts';
export { syncShippedPolicies } from './policies.sync.ts';
