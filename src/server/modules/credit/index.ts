/** Public surface of credit information (issue 14, measure 4). */

export { FEATURE_COMPUTATIONS } from './credit.features.ts';
export {
  addPeriod,
  CREDIT_ITEMS,
  type CreditItem,
  type CreditSettings,
  creditItem,
  defaultPublishUntil,
  isCreditCategory,
  isPublished,
  maskPersonal,
} from './credit.rules.ts';
export { DEFAULT_SCORECARD } from './credit.scorecard.default.ts';
export {
  checkScorecard,
  type FeatureDefinition,
  SCORECARD_FEATURES,
  type ScorecardModel,
  type ScorecardProblem,
  type ScoreResult,
  scoreOf,
} from './credit.scorecard.rules.ts';
export { creditScoringRoutes } from './credit.scoring.routes.ts';
export {
  CREDIT_SCORE_DUE_JOB,
  CREDIT_SCORE_JOB,
  creditScoringHandlers,
  ensureDefaultScorecard,
  queueCreditRescore,
  queueDailyCreditScore,
  type ScoreExplanation,
  scoreDue,
  scoreEnterprise,
  scoreEnterprises,
} from './credit.scoring.ts';
export { creditSettingsOn } from './credit.settings.repository.ts';
