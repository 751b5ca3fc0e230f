/** Public surface of the policy library and eligibility. */
import type { JobHandler } from '../jobs/index.ts';
import {
  ENTERPRISE_MATCH_JOB,
  enterpriseMatchHandler,
  POLICY_MATCH_JOB,
  policyMatchHandler,
} from './policies.matching.ts';

export { matchPolicies, queueDailyMatch } from './policies.matching.ts';
export { policiesRoutes } from './policies.routes.ts';
export { syncShippedPolicies } from './policies.sync.ts';

/** The background jobs this module handles. */
export const policyJobHandlers: Readonly<Record<string, JobHandler>> = {
  [POLICY_MATCH_JOB]: policyMatchHandler,
  [ENTERPRISE_MATCH_JOB]: enterpriseMatchHandler,
};
