/**
 * The platform's example scorecard (ADR 0027): all 20 features, points on the 600-base convention
 * (docs/reference/credit.md §3), grades AAA to C. Stored as version 1, published, on the first start of every
 * deployment (`ensureDefaultScorecard`), so that scoring works before an official drafts a model of their own. Its
 * bins and points are a reasoned example, not fitted to any data: the note says so.
 */
import type { RangeBin, ScorecardFeature, ScorecardModel } from './credit.scorecard.rules.ts';

/** Ranges from the cut points: [−∞, c1), [c1, c2), …, [cn, +∞), with these points. */
function ranges(
  cuts: readonly number[],
  points: readonly number[],
  missingPoints: number,
): Omit<ScorecardFeature, 'feature'> {
  const bins: RangeBin[] = points.map((p, i) => ({
    from: i === 0 ? null : (cuts[i - 1] as number),
    to: i === cuts.length ? null : (cuts[i] as number),
    points: p,
  }));
  return { bins, missingPoints };
}

const yesNo = (yes: number, no: number) => ({
  bins: [
    { values: ['yes'], points: yes },
    { values: ['no'], points: no },
  ],
  missingPoints: 0,
});

/** The example model's name and note. */
export const DEFAULT_SCORECARD_NAME = '平台示例评分卡 Platform example scorecard';
export const DEFAULT_SCORECARD_NOTE =
  '平台内置示例模型：20个特征，分值按600分基准设定，未经数据拟合，供主管部门起草本地模型时参考。 ' +
  "The platform's example model: 20 features, points on the 600-base convention, not fitted to data; a starting point for a local model.";

/** The example model. */
export const DEFAULT_SCORECARD: ScorecardModel = {
  basePoints: 600,
  features: [
    { feature: 'age_years', ...ranges([1, 3, 10], [-20, -5, 10, 25], -10) },
    { feature: 'employees', ...ranges([10, 50, 300], [0, 5, 10, 15], -5) },
    { feature: 'operating_revenue', ...ranges([100, 1000, 10000], [-5, 5, 15, 25], -10) },
    { feature: 'revenue_growth', ...ranges([-20, 0, 20], [-20, -5, 5, 15], 0) },
    { feature: 'debt_ratio', ...ranges([40, 70, 90], [15, 5, -10, -25], -5) },
    { feature: 'rd_ratio', ...ranges([1, 3], [0, 5, 15], 0) },
    { feature: 'specialised', ...yesNo(20, 0) },
    { feature: 'licences_valid', ...ranges([1, 3], [0, 5, 10], 0) },
    { feature: 'penalties_3y', ...ranges([1, 2], [15, -20, -45], 0) },
    { feature: 'enforcement_open', ...ranges([1], [10, -60], 0) },
    { feature: 'dishonesty_listed', ...yesNo(-150, 0) },
    { feature: 'honours', ...ranges([1, 3], [0, 10, 20], 0) },
    {
      feature: 'tax_credit_grade',
      bins: [
        { values: ['A'], points: 40 },
        { values: ['B'], points: 15 },
        { values: ['M'], points: 5 },
        { values: ['C'], points: -30 },
        { values: ['D'], points: -80 },
      ],
      missingPoints: -10,
    },
    { feature: 'tax_paid', ...ranges([10, 100], [0, 10, 20], -5) },
    { feature: 'social_insurance_months', ...ranges([6, 12], [-20, 0, 15], -10) },
    { feature: 'housing_fund_months', ...ranges([6, 12], [-5, 0, 10], 0) },
    { feature: 'trade_amount', ...ranges([100, 1000], [0, 5, 10], 0) },
    { feature: 'utilities_arrears_months', ...ranges([1, 3], [10, -10, -30], 0) },
    { feature: 'real_estate_owned', ...yesNo(10, 0) },
    { feature: 'patents', ...ranges([1, 5], [0, 10, 20], 0) },
  ],
  grades: [
    { grade: 'AAA', minScore: 750 },
    { grade: 'AA', minScore: 700 },
    { grade: 'A', minScore: 650 },
    { grade: 'B', minScore: 600 },
    { grade: 'C', minScore: null },
  ],
};
