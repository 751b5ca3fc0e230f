/** Public surface of gradient cultivation (issue 18, measures 16–17). */

// The registry-wide scoring and what bench/cultivation-scoring.ts measures beside it
export { assessAll, enterpriseFacts, provinceOf } from './cultivation.assess.ts';
// Keeping a recognition: what the daily run and the announcement record (material changes, expiry, annual update)
export { keepRecognitions } from './cultivation.changes.ts';
export { type CultivationDemoInput, seedCultivationDemo } from './cultivation.demo.ts';
export { CULTIVATION_DUE_JOB, cultivationDueHandler, queueDailyCultivation } from './cultivation.due.ts';
export { combineFacts, type RegistryYearFigures, readOwnFacts } from './cultivation.facts.rules.ts';
export { recordRecognitions } from './cultivation.recognitions.ts';
export { provinceIndicatorSets } from './cultivation.repository.ts';
export { cultivationRoutes } from './cultivation.routes.ts';
export {
  assessTiers,
  type CompiledTiers,
  compileTiers,
  type EnterpriseFacts,
  factName,
  MEASURES,
  type TierAssessment,
} from './cultivation.rules.ts';
export {
  cultivationScoringHandler,
  factClasses,
  missingCounter,
  queueScoring,
  SCORING_BATCH,
  type ScoringProgress,
  type ScoringStatus,
  scoreRegistry,
  scoreRow,
  scoringStatus,
  standardsInForce,
} from './cultivation.scoring.ts';
export {
  band,
  excl,
  incl,
  LEVEL_OPTIONS,
  type MeasureId,
  type ProvinceIndicatorSet,
  type Scale,
  type Test,
  type TierStandard,
} from './cultivation.standards.ts';
