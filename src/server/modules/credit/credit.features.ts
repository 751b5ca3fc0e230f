/**
 * How each scorecard feature (`SCORECARD_FEATURES`) is computed for an enterprise on a day, as data: a registry
 * figure, or a reduction of the credit records published that day (`isPublished`, and decided on or before it).
 * One definition serves the set-based SQL (credit.features.sql.ts) and the explanation of one enterprise's score
 * (the records behind each feature), so the two cannot read different records. Pure: no I/O, no clock.
 *
 * Decisions (docs/reference/credit.md §3, "How the features are computed"):
 * - a count, or a yes/no "any", over records is never missing: no record on file counts 0, or "no";
 * - a "latest" value is the one of the published record decided last (ties: the later record); none → missing;
 * - the registry's figures are those of the year before the day's year ("last year"); ratios are percentages
 *   rounded to 2 decimals, missing when their denominator is missing or 0;
 * - age is in whole years from the establishment date to the day.
 */
import { CERTIFICATION_NAMES } from '../../../reference/certifications.ts';
import type { Localized } from '../../../shared/errors.ts';
import { isPublished } from './credit.rules.ts';

/** A registry figure a feature reads. */
export type RegistryFigure =
  | 'age_years'
  | 'employees'
  | 'operating_revenue'
  | 'revenue_growth'
  | 'debt_ratio'
  | 'rd_ratio'
  | 'specialised';

/** How a feature is computed. */
export type FeatureRule =
  | { from: 'registry'; figure: RegistryFigure }
  | {
      from: 'records';
      category: string;
      items: readonly string[];
      /** Only records with this value_text. */
      valueText?: string;
      /** Only records decided within this many years up to the day (the day itself included). */
      withinYears?: number;
      take: 'count' | 'any' | 'latestNumber' | 'latestText';
    };

/** A feature's rule and its definition in words (what the web shows beside the points). */
export interface FeatureComputation {
  rule: FeatureRule;
  basis: Localized;
}

/** The recognitions the `specialised` feature reads (src/reference/certifications.ts, every one of them). */
export const SPECIALISED_CERTIFICATIONS: readonly string[] = CERTIFICATION_NAMES;

/** How each of the 20 features is computed, by feature id. */
export const FEATURE_COMPUTATIONS: Readonly<Record<string, FeatureComputation>> = {
  age_years: {
    rule: { from: 'registry', figure: 'age_years' },
    basis: {
      zh: '登记的成立日期至评价日的整年数',
      en: 'Whole years from the registered establishment date to the day of the evaluation',
    },
  },
  employees: {
    rule: { from: 'registry', figure: 'employees' },
    basis: { zh: '上一年度报送的从业人员数', en: 'Employees reported for the previous year' },
  },
  operating_revenue: {
    rule: { from: 'registry', figure: 'operating_revenue' },
    basis: { zh: '上一年度报送的营业收入', en: 'Operating revenue reported for the previous year' },
  },
  revenue_growth: {
    rule: { from: 'registry', figure: 'revenue_growth' },
    basis: {
      zh: '上一年度营业收入较前一年度的增长率（%，保留两位小数）；前一年度无数据或为0时视为无数据',
      en: "Growth of the previous year's revenue over the year before (%, 2 decimals); none when that year's is missing or 0",
    },
  },
  debt_ratio: {
    rule: { from: 'registry', figure: 'debt_ratio' },
    basis: {
      zh: '上一年度负债总额÷资产总额（%，保留两位小数）',
      en: "Previous year's total liabilities ÷ total assets (%, 2 decimals)",
    },
  },
  rd_ratio: {
    rule: { from: 'registry', figure: 'rd_ratio' },
    basis: {
      zh: '上一年度研发费用÷营业收入（%，保留两位小数）',
      en: "Previous year's R&D expense ÷ operating revenue (%, 2 decimals)",
    },
  },
  specialised: {
    rule: { from: 'registry', figure: 'specialised' },
    basis: {
      zh: `评价日持有有效认定之一：${CERTIFICATION_NAMES.join('、')}`,
      en: `Holds on the day one of these recognitions in force: ${CERTIFICATION_NAMES.join(', ')}`,
    },
  },
  licences_valid: {
    rule: { from: 'records', category: 'licence', items: ['licence'], take: 'count' },
    basis: { zh: '评价日处于公示期内的行政许可条数', en: 'Licences published (in force) on the day' },
  },
  penalties_3y: {
    rule: {
      from: 'records',
      category: 'penalty',
      items: ['penalty', 'penalty_safety'],
      withinYears: 3,
      take: 'count',
    },
    basis: {
      zh: '近三年内作出且评价日仍在公示期内的行政处罚条数（已修复的处罚不再计入）',
      en: 'Penalties decided in the three years up to the day and still published (a repaired one no longer counts)',
    },
  },
  enforcement_open: {
    rule: { from: 'records', category: 'judgment', items: ['enforcement'], valueText: 'open', take: 'count' },
    basis: { zh: '状态为“未结”的执行案件条数', en: 'Enforcement cases recorded as open' },
  },
  dishonesty_listed: {
    rule: { from: 'records', category: 'dishonesty', items: ['dishonesty'], take: 'any' },
    basis: {
      zh: '评价日有公示中的严重失信主体名单记录为“是”',
      en: '"yes" when a serious-dishonesty listing is published on the day',
    },
  },
  honours: {
    rule: { from: 'records', category: 'honour', items: ['honour', 'support'], take: 'count' },
    basis: { zh: '荣誉表彰与政策扶持记录条数', en: 'Honours and policy support records' },
  },
  tax_credit_grade: {
    rule: { from: 'records', category: 'tax', items: ['credit_grade'], take: 'latestText' },
    basis: { zh: '最近一次纳税信用评价的等级', en: 'The grade of the latest tax credit evaluation' },
  },
  tax_paid: {
    rule: { from: 'records', category: 'tax', items: ['tax_paid'], take: 'latestNumber' },
    basis: { zh: '最近一条年度纳税额记录', en: 'The latest record of tax paid in a year' },
  },
  social_insurance_months: {
    rule: { from: 'records', category: 'social_insurance', items: ['months_paid'], take: 'latestNumber' },
    basis: {
      zh: '最近一条社保缴纳记录的近12个月缴纳月数',
      en: 'Months paid of the last 12, from the latest social insurance record',
    },
  },
  housing_fund_months: {
    rule: { from: 'records', category: 'housing_fund', items: ['months_paid'], take: 'latestNumber' },
    basis: {
      zh: '最近一条公积金缴存记录的近12个月缴存月数',
      en: 'Months paid of the last 12, from the latest housing fund record',
    },
  },
  trade_amount: {
    rule: { from: 'records', category: 'trade', items: ['amount'], take: 'latestNumber' },
    basis: { zh: '最近一条年度进出口额记录', en: 'The latest record of a year’s imports and exports' },
  },
  utilities_arrears_months: {
    rule: { from: 'records', category: 'utilities', items: ['arrears_months'], take: 'latestNumber' },
    basis: {
      zh: '最近一条水电气缴费记录的近12个月欠费月数',
      en: 'Months in arrears of the last 12, from the latest utilities record',
    },
  },
  real_estate_owned: {
    rule: { from: 'records', category: 'real_estate', items: ['owned'], take: 'any' },
    basis: {
      zh: '有公示中的自有不动产记录为“是”',
      en: '"yes" when a record of real estate owned is published',
    },
  },
  patents: {
    rule: { from: 'records', category: 'ip', items: ['patent'], take: 'count' },
    basis: { zh: '公示中的专利记录条数', en: 'Patent records published on the day' },
  },
};

/** A credit record as the features read it. */
export interface FeatureRecord {
  id: number;
  category: string;
  item: string;
  title: string;
  value_number: number | null;
  value_text: string | null;
  decided_on: string;
  publish_until: string | null;
  status: 'active' | 'superseded' | 'repaired';
  source_department: string;
}

/** The first day of the `years`-year window that ends on `day` (the window is (day − years, day]). */
export function windowStart(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  // day − years, clamped to the month's end (2028-02-29 − 3 years = 2025-02-28), then the day after.
  const lastDay = new Date(Date.UTC(y - years, m, 0)).getUTCDate();
  const back = new Date(Date.UTC(y - years, m - 1, Math.min(d, lastDay) + 1));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${back.getUTCFullYear()}-${pad(back.getUTCMonth() + 1)}-${pad(back.getUTCDate())}`;
}

/**
 * The records behind a record feature on a day: those it counts, or the latest one it reads (newest first).
 * The SQL (credit.features.sql.ts) applies the same conditions.
 */
export function recordsBehind(
  rule: Extract<FeatureRule, { from: 'records' }>,
  records: readonly FeatureRecord[],
  day: string,
): FeatureRecord[] {
  const since = rule.withinYears === undefined ? null : windowStart(day, rule.withinYears);
  const counted = records
    .filter(
      (r) =>
        r.category === rule.category &&
        rule.items.includes(r.item) &&
        r.decided_on <= day &&
        isPublished(r, day) &&
        (rule.valueText === undefined || r.value_text === rule.valueText) &&
        (since === null || r.decided_on >= since),
    )
    .sort((a, b) => (a.decided_on === b.decided_on ? b.id - a.id : a.decided_on < b.decided_on ? 1 : -1));
  return rule.take === 'latestNumber' || rule.take === 'latestText' ? counted.slice(0, 1) : counted;
}
