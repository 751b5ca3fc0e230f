/** Public surface of credit information (issue 14, measure 4). */

export { seedCreditDemo } from './credit.demo.ts';
export { FEATURE_COMPUTATIONS } from './credit.features.ts';
export {
  CREDIT_IMPORT_COLUMNS,
  CREDIT_IMPORT_ROWS,
  type CreditImportRecord,
  validateCreditRow,
} from './credit.import.rows.ts';
export { creditImportRoutes } from './credit.imports.routes.ts';
export { creditImportKind } from './credit.imports.ts';
export { insertRecords as insertCreditRecords } from './credit.records.repository.ts';
export { creditReport, readConsentedScore } from './credit.reports.ts';
export { creditRoutes } from './credit.routes.ts';
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
export { publishedGrades } from './credit.scores.repository.ts';
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
