/** Public surface of credit information (issue 14, measure 4): so far, scorecards as data. */
export {
  checkScorecard,
  type FeatureDefinition,
  SCORECARD_FEATURES,
  type ScorecardModel,
  type ScorecardProblem,
  type ScoreResult,
  scoreOf,
} from './credit.scorecard.rules.ts';
