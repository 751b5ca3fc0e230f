/** Scorecards as data: the checks before publication, and a score with each feature's points. */
import { describe, expect, it } from 'vitest';
import { CREDIT_CATEGORIES } from '../../../reference/credit.ts';
import {
  checkScorecard,
  type RangeBin,
  SCORECARD_FEATURES,
  type ScorecardFeature,
  type ScorecardModel,
  scoreOf,
} from './credit.scorecard.rules.ts';

/** The i-th feature of a model under test. */
const feature = (model: ScorecardModel, i: number) => model.features[i] as ScorecardFeature;

/** A small valid scorecard: three features, three grades. */
function aScorecard(): ScorecardModel {
  return {
    basePoints: 600,
    features: [
      {
        feature: 'age_years',
        bins: [
          { from: null, to: 3, points: -20 },
          { from: 3, to: 10, points: 10 },
          { from: 10, to: null, points: 30 },
        ],
        missingPoints: -30,
      },
      {
        feature: 'tax_credit_grade',
        bins: [
          { values: ['A'], points: 60 },
          { values: ['B', 'M'], points: 20 },
          { values: ['C', 'D'], points: -60 },
        ],
        missingPoints: 0,
      },
      {
        feature: 'penalties_3y',
        bins: [
          { from: null, to: 1, points: 15 },
          { from: 1, to: null, points: -45 },
        ],
        missingPoints: 0,
      },
    ],
    grades: [
      { grade: 'AA', minScore: 680 },
      { grade: 'A', minScore: 600 },
      { grade: 'B', minScore: null },
    ],
  };
}

const paths = (model: ScorecardModel) => checkScorecard(model).map((p) => `${p.path}: ${p.message.en}`);

describe('scorecard checks', () => {
  it('finds nothing wrong with a scorecard whose bins cover every value once', () => {
    expect(checkScorecard(aScorecard())).toEqual([]);
  });

  it('names two numeric bins that overlap, and where', () => {
    const model = aScorecard();
    feature(model, 0).bins[1] = { from: 2, to: 10, points: 10 };
    expect(paths(model)).toEqual(['features[0].bins[1].from: bins 1 and 2 overlap from 2 to 3']);
    expect(checkScorecard(model)[0]?.message.zh).toBe('分箱 1 与 2 在 2 至 3 之间重叠');
  });

  it('names a gap between two numeric bins, and bins that leave the lowest or highest values out', () => {
    const model = aScorecard();
    feature(model, 0).bins = [
      { from: 0, to: 3, points: -20 },
      { from: 5, to: 10, points: 10 },
      { from: 10, to: 50, points: 30 },
    ];
    expect(paths(model)).toEqual([
      'features[0].bins[0].from: values below 0 fall in no bin',
      'features[0].bins[1].from: bins 1 and 2 leave a gap from 3 to 5',
      'features[0].bins[2].to: values from 50 up fall in no bin',
    ]);
  });

  it('finds overlaps and gaps whatever order the bins are listed in', () => {
    const model = aScorecard();
    feature(model, 0).bins = [
      { from: 10, to: null, points: 30 },
      { from: null, to: 3, points: -20 },
      { from: 4, to: 11, points: 10 },
    ];
    expect(paths(model)).toEqual([
      'features[0].bins[2].from: bins 2 and 3 leave a gap from 3 to 4',
      'features[0].bins[0].from: bins 3 and 1 overlap from 10 to 11',
    ]);
  });

  it('refuses a range that does not go up, and a numeric feature given values', () => {
    const model = aScorecard();
    feature(model, 0).bins[1] = { from: 10, to: 3, points: 10 };
    feature(model, 2).bins[0] = { values: ['0'], points: 15 };
    expect(paths(model)).toEqual([
      'features[0].bins[1]: the range must go up (10 to 3)',
      'features[2].bins[0]: Penalties in the last three years is a number: a bin is a range',
    ]);
  });

  it('names a category value in two bins, one in none, and one the feature does not have', () => {
    const model = aScorecard();
    feature(model, 1).bins = [
      { values: ['A', 'B'], points: 60 },
      { values: ['B', 'X'], points: 20 },
      { values: ['D'], points: -60 },
    ];
    expect(paths(model)).toEqual([
      'features[1].bins[1].values: the value "B" is in bins 1 and 2',
      'features[1].bins[1].values: "X" is not a value of Tax credit grade (A, B, M, C, D)',
      'features[1].bins: the values M, C fall in no bin',
    ]);
  });

  it('refuses an unknown feature, a feature twice, a feature without bins and points that are not numbers', () => {
    const model = aScorecard();
    model.features.push(
      { feature: 'shoe_size', bins: [{ from: null, to: null, points: 1 }], missingPoints: 0 },
      { feature: 'age_years', bins: [{ from: null, to: null, points: 1 }], missingPoints: 0 },
      { feature: 'patents', bins: [], missingPoints: Number.NaN },
    );
    (feature(model, 0).bins[0] as RangeBin).points = Number.POSITIVE_INFINITY;
    expect(paths(model)).toEqual([
      'features[0].bins[0].points: must be a number',
      'features[3].feature: "shoe_size" is not a known feature',
      'features[4].feature: the feature Years since establishment is listed twice',
      'features[5].missingPoints: must be a number (the points for no value)',
      'features[5].bins: needs at least one bin',
    ]);
    expect(checkScorecard(model)[1]?.message.zh).toBe('未知的特征“shoe_size”');
  });

  it('wants grades from the highest score down, named once, the last taking every lower score', () => {
    const model = aScorecard();
    model.grades = [
      { grade: 'AA', minScore: 600 },
      { grade: 'A', minScore: 680 },
      { grade: 'A', minScore: null },
      { grade: 'C', minScore: 500 },
    ];
    expect(paths(model)).toEqual([
      'grades[1].minScore: grades go from the highest score down: 680 is not below 600',
      'grades[2].grade: the grade A is listed twice',
      'grades[2].minScore: only the last grade may have no minimum',
      'grades[3].minScore: the last grade must take every lower score (no minimum), or scores below 500 have no grade',
    ]);
    expect(paths({ ...aScorecard(), grades: [], features: [] })).toEqual([
      'features: needs at least one feature',
      'grades: needs at least one grade',
    ]);
  });
});

describe('a score and its explanation', () => {
  it('adds each feature’s points to the base and grades the sum', () => {
    // 600 + 10 (7 years: 3–10) + 20 (grade B) + 15 (no penalty) = 645: grade A (600–679).
    expect(scoreOf(aScorecard(), { age_years: 7, tax_credit_grade: 'B', penalties_3y: 0 })).toEqual({
      score: 645,
      grade: 'A',
      basePoints: 600,
      items: [
        { feature: 'age_years', value: 7, bin: 1, points: 10 },
        { feature: 'tax_credit_grade', value: 'B', bin: 1, points: 20 },
        { feature: 'penalties_3y', value: 0, bin: 0, points: 15 },
      ],
    });
  });

  it('puts a value on a boundary in the bin it starts, and takes the missing points for no value', () => {
    // 600 + 30 (10 years: from 10 up) + 0 (no tax grade on file) - 45 (1 penalty) = 585: grade B (the rest).
    const result = scoreOf(aScorecard(), { age_years: 10, tax_credit_grade: null, penalties_3y: 1 });
    expect(result).toMatchObject({ score: 585, grade: 'B' });
    expect(result.items).toEqual([
      { feature: 'age_years', value: 10, bin: 2, points: 30 },
      { feature: 'tax_credit_grade', value: null, bin: null, points: 0 },
      { feature: 'penalties_3y', value: 1, bin: 1, points: -45 },
    ]);
    // 680 exactly is the top grade's minimum.
    expect(scoreOf(aScorecard(), { age_years: 12, tax_credit_grade: 'A', penalties_3y: 1 })).toMatchObject({
      score: 645,
      grade: 'A',
    });
    expect(scoreOf(aScorecard(), { age_years: 2, tax_credit_grade: 'A', penalties_3y: 0 }).score).toBe(655);
    expect(scoreOf(aScorecard(), { age_years: 40, tax_credit_grade: 'A', penalties_3y: 0 })).toMatchObject({
      score: 705,
      grade: 'AA',
    });
  });
});

describe('the feature catalogue', () => {
  it('has twenty features, each from the registry or a category of the sharing list, categories with values', () => {
    const sources = new Set(['registry', ...CREDIT_CATEGORIES.map((c) => c.code)]);
    expect(SCORECARD_FEATURES).toHaveLength(20);
    expect(new Set(SCORECARD_FEATURES.map((f) => f.id)).size).toBe(20);
    for (const f of SCORECARD_FEATURES) {
      expect(sources.has(f.source), f.id).toBe(true);
      expect(f.kind === 'category' ? (f.values?.length ?? 0) > 1 : f.unit !== undefined, f.id).toBe(true);
    }
  });
});
