/**
 * Credit scorecards as data (issue 14, measure 4): the features the platform can compute for every enterprise,
 * the checks a scorecard must pass before it can be published (every feature known, its bins covering every value
 * once, grades from the highest score down to a catch-all), and an enterprise's score with each feature's points —
 * the explanation the enterprise and a consented bank see. Pure: no I/O, no clock.
 *
 * The method is the scorecard's (docs/reference/credit.md): a score is the base points plus, for each feature,
 * the points of the bin its value falls in (or its points for a missing value). A model is dated data, never code.
 */

import { type CREDIT_CATEGORIES, TAX_CREDIT_GRADES } from '../../../reference/credit.ts';
import type { Localized } from '../../../shared/errors.ts';

/** Where the data behind a feature comes from: the registry, or a category of the sharing list. */
export type FeatureSource = 'registry' | (typeof CREDIT_CATEGORIES)[number]['code'];

/** A feature the scoring can compute for every enterprise. */
export interface FeatureDefinition {
  id: string;
  nameZh: string;
  nameEn: string;
  source: FeatureSource;
  /** A number (with its unit), or one of a fixed list of values. */
  kind: 'number' | 'category';
  unit?: Localized;
  values?: readonly string[];
}

const YES_NO = ['yes', 'no'] as const;
const years: Localized = { zh: '年', en: 'years' };
const persons: Localized = { zh: '人', en: 'persons' };
const tenThousandYuan: Localized = { zh: '万元', en: '10,000 yuan' };
const percent: Localized = { zh: '%', en: '%' };
const count: Localized = { zh: '条', en: 'records' };
const months: Localized = { zh: '个月', en: 'months' };

/** The features a scorecard may use: registry figures and the shared categories, each with where it comes from. */
export const SCORECARD_FEATURES: readonly FeatureDefinition[] = [
  {
    id: 'age_years',
    nameZh: '成立年限',
    nameEn: 'Years since establishment',
    source: 'registration',
    kind: 'number',
    unit: years,
  },
  {
    id: 'employees',
    nameZh: '从业人员',
    nameEn: 'Employees',
    source: 'registry',
    kind: 'number',
    unit: persons,
  },
  {
    id: 'operating_revenue',
    nameZh: '上年营业收入',
    nameEn: "Last year's operating revenue",
    source: 'registry',
    kind: 'number',
    unit: tenThousandYuan,
  },
  {
    id: 'revenue_growth',
    nameZh: '营业收入增长率',
    nameEn: 'Revenue growth',
    source: 'registry',
    kind: 'number',
    unit: percent,
  },
  {
    id: 'debt_ratio',
    nameZh: '资产负债率',
    nameEn: 'Liabilities to assets',
    source: 'registry',
    kind: 'number',
    unit: percent,
  },
  {
    id: 'rd_ratio',
    nameZh: '研发投入占营业收入比例',
    nameEn: 'R&D expense to revenue',
    source: 'registry',
    kind: 'number',
    unit: percent,
  },
  {
    id: 'specialised',
    nameZh: '专精特新等认定',
    nameEn: 'Specialised and innovative recognition',
    source: 'registry',
    kind: 'category',
    values: YES_NO,
  },
  {
    id: 'licences_valid',
    nameZh: '有效行政许可',
    nameEn: 'Licences in force',
    source: 'licence',
    kind: 'number',
    unit: count,
  },
  {
    id: 'penalties_3y',
    nameZh: '近三年行政处罚',
    nameEn: 'Penalties in the last three years',
    source: 'penalty',
    kind: 'number',
    unit: count,
  },
  {
    id: 'enforcement_open',
    nameZh: '未结执行案件',
    nameEn: 'Enforcement cases open',
    source: 'judgment',
    kind: 'number',
    unit: count,
  },
  {
    id: 'dishonesty_listed',
    nameZh: '列入严重失信主体名单',
    nameEn: 'On the serious-dishonesty list',
    source: 'dishonesty',
    kind: 'category',
    values: YES_NO,
  },
  {
    id: 'honours',
    nameZh: '荣誉及政策扶持',
    nameEn: 'Honours and policy support',
    source: 'honour',
    kind: 'number',
    unit: count,
  },
  {
    id: 'tax_credit_grade',
    nameZh: '纳税信用等级',
    nameEn: 'Tax credit grade',
    source: 'tax',
    kind: 'category',
    values: TAX_CREDIT_GRADES.map((g) => g.grade),
  },
  {
    id: 'tax_paid',
    nameZh: '上年纳税额',
    nameEn: 'Tax paid last year',
    source: 'tax',
    kind: 'number',
    unit: tenThousandYuan,
  },
  {
    id: 'social_insurance_months',
    nameZh: '近12个月社保缴纳月数',
    nameEn: 'Months of social insurance paid (last 12)',
    source: 'social_insurance',
    kind: 'number',
    unit: months,
  },
  {
    id: 'housing_fund_months',
    nameZh: '近12个月公积金缴存月数',
    nameEn: 'Months of housing fund paid (last 12)',
    source: 'housing_fund',
    kind: 'number',
    unit: months,
  },
  {
    id: 'trade_amount',
    nameZh: '上年进出口额',
    nameEn: 'Imports and exports last year',
    source: 'trade',
    kind: 'number',
    unit: tenThousandYuan,
  },
  {
    id: 'utilities_arrears_months',
    nameZh: '近12个月水电气欠费月数',
    nameEn: 'Months in arrears on utilities (last 12)',
    source: 'utilities',
    kind: 'number',
    unit: months,
  },
  {
    id: 'real_estate_owned',
    nameZh: '自有不动产',
    nameEn: 'Owns real estate',
    source: 'real_estate',
    kind: 'category',
    values: YES_NO,
  },
  {
    id: 'patents',
    nameZh: '有效专利',
    nameEn: 'Patents in force',
    source: 'ip',
    kind: 'number',
    unit: count,
  },
];

/** A bin of a numeric feature: the values from `from` (included) to `to` (excluded); null is unbounded. */
export interface RangeBin {
  from: number | null;
  to: number | null;
  points: number;
}

/** A bin of a categorical feature: these values. */
export interface ValuesBin {
  values: string[];
  points: number;
}

/** One feature of a scorecard: its bins, and the points when the enterprise has no value for it. */
export interface ScorecardFeature {
  feature: string;
  bins: (RangeBin | ValuesBin)[];
  missingPoints: number;
}

/** A grade: the scores from `minScore` up (to the next grade's); null on the last, the catch-all. */
export interface ScorecardGrade {
  grade: string;
  minScore: number | null;
}

/** A scorecard's model: base points, features, grades (highest first). */
export interface ScorecardModel {
  basePoints: number;
  features: ScorecardFeature[];
  grades: ScorecardGrade[];
}

/** What is wrong with a scorecard, where (a path into the model). */
export interface ScorecardProblem {
  path: string;
  message: Localized;
}

const featureById = new Map(SCORECARD_FEATURES.map((f) => [f.id, f]));

const show = (n: number | null, side: 'from' | 'to'): string =>
  n === null ? (side === 'from' ? '−∞' : '+∞') : String(n);

/** Every problem of a scorecard (none: it may be published). */
export function checkScorecard(model: ScorecardModel): ScorecardProblem[] {
  const problems: ScorecardProblem[] = [];
  const problem = (path: string, zh: string, en: string) => problems.push({ path, message: { zh, en } });
  if (!Number.isFinite(model.basePoints)) problem('basePoints', '必须是数字', 'must be a number');
  if (model.features.length === 0) problem('features', '至少需要一个特征', 'needs at least one feature');
  const seen = new Set<string>();
  model.features.forEach((entry, i) => {
    const at = `features[${i}]`;
    const feature = featureById.get(entry.feature);
    if (!feature) {
      problem(`${at}.feature`, `未知的特征“${entry.feature}”`, `"${entry.feature}" is not a known feature`);
      return;
    }
    if (seen.has(entry.feature))
      problem(
        `${at}.feature`,
        `特征“${feature.nameZh}”重复`,
        `the feature ${feature.nameEn} is listed twice`,
      );
    seen.add(entry.feature);
    if (!Number.isFinite(entry.missingPoints))
      problem(
        `${at}.missingPoints`,
        '必须是数字（无数据时的分值）',
        'must be a number (the points for no value)',
      );
    entry.bins.forEach((bin, j) => {
      if (!Number.isFinite(bin.points)) problem(`${at}.bins[${j}].points`, '必须是数字', 'must be a number');
    });
    if (entry.bins.length === 0) {
      problem(`${at}.bins`, '至少需要一个分箱', 'needs at least one bin');
      return;
    }
    if (feature.kind === 'number') checkRanges(entry, at, feature, problem);
    else checkValues(entry, at, feature, problem);
  });
  checkGrades(model.grades, problem);
  return problems;
}

type Report = (path: string, zh: string, en: string) => void;

function checkRanges(entry: ScorecardFeature, at: string, feature: FeatureDefinition, problem: Report): void {
  const ranges: { bin: RangeBin; index: number }[] = [];
  entry.bins.forEach((bin, index) => {
    if ('values' in bin) {
      problem(
        `${at}.bins[${index}]`,
        `“${feature.nameZh}”是数值特征，分箱须给出区间`,
        `${feature.nameEn} is a number: a bin is a range`,
      );
      return;
    }
    if (bin.from !== null && bin.to !== null && !(bin.from < bin.to))
      problem(
        `${at}.bins[${index}]`,
        `区间下限须小于上限（${bin.from}–${bin.to}）`,
        `the range must go up (${bin.from} to ${bin.to})`,
      );
    else ranges.push({ bin, index });
  });
  if (ranges.length !== entry.bins.length) return;
  const byFrom = [...ranges].sort((a, b) => (a.bin.from ?? -Infinity) - (b.bin.from ?? -Infinity));
  const first = byFrom[0] as (typeof byFrom)[number];
  if (first.bin.from !== null)
    problem(
      `${at}.bins[${first.index}].from`,
      `低于 ${first.bin.from} 的值没有分箱`,
      `values below ${first.bin.from} fall in no bin`,
    );
  for (let k = 1; k < byFrom.length; k++) {
    const a = byFrom[k - 1] as (typeof byFrom)[number];
    const b = byFrom[k] as (typeof byFrom)[number];
    const end = a.bin.to ?? Infinity;
    const start = b.bin.from ?? -Infinity;
    if (end > start)
      problem(
        `${at}.bins[${b.index}].from`,
        `分箱 ${a.index + 1} 与 ${b.index + 1} 在 ${show(b.bin.from, 'from')} 至 ${show(a.bin.to, 'to')} 之间重叠`,
        `bins ${a.index + 1} and ${b.index + 1} overlap from ${show(b.bin.from, 'from')} to ${show(a.bin.to, 'to')}`,
      );
    else if (end < start)
      problem(
        `${at}.bins[${b.index}].from`,
        `分箱 ${a.index + 1} 与 ${b.index + 1} 之间留有空缺：${show(a.bin.to, 'to')} 至 ${show(b.bin.from, 'from')}`,
        `bins ${a.index + 1} and ${b.index + 1} leave a gap from ${show(a.bin.to, 'to')} to ${show(b.bin.from, 'from')}`,
      );
  }
  const last = byFrom[byFrom.length - 1] as (typeof byFrom)[number];
  if (last.bin.to !== null)
    problem(
      `${at}.bins[${last.index}].to`,
      `${last.bin.to} 及以上的值没有分箱`,
      `values from ${last.bin.to} up fall in no bin`,
    );
}

function checkValues(entry: ScorecardFeature, at: string, feature: FeatureDefinition, problem: Report): void {
  const allowed = new Set(feature.values ?? []);
  const binOf = new Map<string, number>();
  entry.bins.forEach((bin, index) => {
    if (!('values' in bin)) {
      problem(
        `${at}.bins[${index}]`,
        `“${feature.nameZh}”是分类特征，分箱须列出取值`,
        `${feature.nameEn} is a category: a bin lists values`,
      );
      return;
    }
    for (const value of bin.values) {
      if (!allowed.has(value))
        problem(
          `${at}.bins[${index}].values`,
          `“${value}”不是“${feature.nameZh}”的取值（${[...allowed].join('、')}）`,
          `"${value}" is not a value of ${feature.nameEn} (${[...allowed].join(', ')})`,
        );
      else if (binOf.has(value))
        problem(
          `${at}.bins[${index}].values`,
          `取值“${value}”同时在分箱 ${(binOf.get(value) as number) + 1} 与 ${index + 1} 中`,
          `the value "${value}" is in bins ${(binOf.get(value) as number) + 1} and ${index + 1}`,
        );
      else binOf.set(value, index);
    }
  });
  const left = [...allowed].filter((value) => !binOf.has(value));
  if (left.length > 0)
    problem(
      `${at}.bins`,
      `取值 ${left.join('、')} 没有分箱`,
      `the value${left.length > 1 ? 's' : ''} ${left.join(', ')} fall${left.length > 1 ? '' : 's'} in no bin`,
    );
}

function checkGrades(grades: readonly ScorecardGrade[], problem: Report): void {
  if (grades.length === 0) {
    problem('grades', '至少需要一个等级', 'needs at least one grade');
    return;
  }
  const names = new Set<string>();
  grades.forEach((g, i) => {
    if (g.grade.trim() === '') problem(`grades[${i}].grade`, '等级名称不能为空', 'a grade needs a name');
    else if (names.has(g.grade))
      problem(`grades[${i}].grade`, `等级“${g.grade}”重复`, `the grade ${g.grade} is listed twice`);
    names.add(g.grade);
    const last = i === grades.length - 1;
    if (last && g.minScore !== null)
      problem(
        `grades[${i}].minScore`,
        `最后一个等级须涵盖其余所有分数（不设下限），否则低于 ${g.minScore} 分没有等级`,
        `the last grade must take every lower score (no minimum), or scores below ${g.minScore} have no grade`,
      );
    if (!last && g.minScore === null)
      problem(
        `grades[${i}].minScore`,
        '只有最后一个等级可以不设下限',
        'only the last grade may have no minimum',
      );
    const previous = grades[i - 1];
    if (previous && previous.minScore !== null && g.minScore !== null && !(g.minScore < previous.minScore))
      problem(
        `grades[${i}].minScore`,
        `等级须按分数从高到低排列：${g.minScore} 不低于上一等级的 ${previous.minScore}`,
        `grades go from the highest score down: ${g.minScore} is not below ${previous.minScore}`,
      );
  });
}

/** One feature's part of a score: the value used, the bin it fell in, the points. */
export interface ScoreItem {
  feature: string;
  value: number | string | null;
  /** The bin's index, or null when the value was missing. */
  bin: number | null;
  points: number;
}

/** An enterprise's score, grade and the explanation. */
export interface ScoreResult {
  score: number;
  grade: string;
  basePoints: number;
  items: ScoreItem[];
}

/**
 * The score of one enterprise's feature values under a checked scorecard (`checkScorecard` found nothing): the
 * base points plus each feature's points, and the grade of the sum.
 */
export function scoreOf(
  model: ScorecardModel,
  values: Readonly<Record<string, number | string | null>>,
): ScoreResult {
  let score = model.basePoints;
  const items: ScoreItem[] = model.features.map((entry) => {
    const value = values[entry.feature] ?? null;
    const bin = value === null ? -1 : entry.bins.findIndex((b) => inBin(b, value));
    if (bin < 0) {
      // A value no bin holds can only be missing (a checked scorecard's bins cover every value).
      score += entry.missingPoints;
      return { feature: entry.feature, value, bin: null, points: entry.missingPoints };
    }
    const points = (entry.bins[bin] as RangeBin | ValuesBin).points;
    score += points;
    return { feature: entry.feature, value, bin, points };
  });
  const grade = model.grades.find((g) => g.minScore === null || score >= g.minScore) as ScorecardGrade;
  return { score, grade: grade.grade, basePoints: model.basePoints, items };
}

function inBin(bin: RangeBin | ValuesBin, value: number | string): boolean {
  if ('values' in bin) return typeof value === 'string' && bin.values.includes(value);
  if (typeof value !== 'number' || Number.isNaN(value)) return false;
  return (bin.from === null || value >= bin.from) && (bin.to === null || value < bin.to);
}
