/** Public surface of the policy library and eligibility. */
export {
  type DueResult,
  type MatchResult,
  matchAll,
  matchDue,
  matchEnterprises,
  matchingHandlers as policyJobHandlers,
  matchPolicies,
  queueDailyMatch,
} from './policies.matching.ts';
export { policiesRoutes } from './policies.routes.ts';
export { syncShippedPolicies } from './policies.sync.ts';

// For other modules (issue 13)

export {
  type CompareOp,
  checkRule,
  type Eligibility,
  type EnterpriseFacts,
  type Explained,
  evaluateRule,
  FIGURE_FACTS,
  type FigureFact,
  type NumExpr,
  type Rule,
  type SizeClass,
  type YearRef,
} from './eligibility.rules.ts';
export { compileRules } from './eligibility.sql.ts';
export { publishPlatformPolicy } from './policies.editing.ts';
export { candidatePairs } from './policies.matching.repository.ts';
export { publishedVersions } from './policies.repository.ts';
export { factsOf, type PolicyDefinition, parsePolicyYaml } from './policy.yaml.ts';
