/**
 * Credit information of SMEs shared for financing (measure 4). Source: docs/reference/credit.md — the sharing
 * list of 国办发〔2021〕52号 《加强信用信息共享应用促进中小微企业融资实施方案》 and the grades of the national
 * tax credit evaluation (纳税信用等级), both vocabularies (no figure of them changes with a date).
 */

import type { Localized } from '../shared/errors.ts';
import { allDepartments, type Department, findDepartment } from './departments.ts';

/** One category of the sharing list. */
export interface CreditCategory {
  code: string;
  nameZh: string;
  nameEn: string;
  /** 1: the first to be shared; 2: shared step by step after them (the order of the list). */
  phase: 1 | 2;
}

/**
 * The categories of 国办发〔2021〕52号, in the list's order (agreed). Enterprises may add their own data under a
 * credit commitment in any of them (自愿填报＋信用承诺): that is a mark on a record, not a category.
 */
export const CREDIT_CATEGORIES: readonly CreditCategory[] = [
  { code: 'registration', nameZh: '登记注册', nameEn: 'Registration', phase: 1 },
  { code: 'licence', nameZh: '行政许可', nameEn: 'Licences', phase: 1 },
  { code: 'penalty', nameZh: '行政处罚', nameEn: 'Administrative penalties', phase: 1 },
  { code: 'judgment', nameZh: '司法判决及执行', nameEn: 'Court judgments and enforcement', phase: 1 },
  { code: 'dishonesty', nameZh: '严重失信主体名单', nameEn: 'Serious-dishonesty list', phase: 1 },
  { code: 'honour', nameZh: '荣誉及政策扶持', nameEn: 'Honours and policy support', phase: 1 },
  { code: 'tax', nameZh: '纳税', nameEn: 'Tax', phase: 2 },
  { code: 'social_insurance', nameZh: '社会保险', nameEn: 'Social insurance', phase: 2 },
  { code: 'housing_fund', nameZh: '住房公积金', nameEn: 'Housing fund', phase: 2 },
  { code: 'trade', nameZh: '进出口', nameEn: 'Import and export', phase: 2 },
  { code: 'utilities', nameZh: '水电气', nameEn: 'Water, electricity and gas', phase: 2 },
  { code: 'real_estate', nameZh: '不动产', nameEn: 'Real estate', phase: 2 },
  { code: 'ip', nameZh: '知识产权', nameEn: 'Intellectual property', phase: 2 },
  { code: 'rd', nameZh: '科技研发', nameEn: 'Research and development', phase: 2 },
];

export const CREDIT_SHARING_REFERENCE = '国办发〔2021〕52号';

/**
 * The source of a record the enterprise declared itself (自愿填报＋信用承诺), where a department's record names its
 * department's code (src/reference/departments.ts); a correction keeps the source of the record it corrects.
 */
export const SELF_DECLARED_SOURCE = '企业自愿填报';

/**
 * A grade of the national tax credit evaluation (纳税信用等级) and the evaluation scores it stands for (agreed; the
 * reference notes do not name the tax administration's document).
 */
export interface TaxCreditGrade {
  grade: 'A' | 'B' | 'M' | 'C' | 'D';
  nameZh: string;
  nameEn: string;
}

/** From the best to the worst; M is a new enterprise or one without revenue in the year (scored 70 or more). */
export const TAX_CREDIT_GRADES: readonly TaxCreditGrade[] = [
  { grade: 'A', nameZh: 'A级（90分以上）', nameEn: 'A (90 or more)' },
  { grade: 'B', nameZh: 'B级（70至89分）', nameEn: 'B (70–89)' },
  { grade: 'M', nameZh: 'M级（新设立或无营业收入，70分以上）', nameEn: 'M (new or no revenue, 70 or more)' },
  { grade: 'C', nameZh: 'C级（40至69分）', nameEn: 'C (40–69)' },
  { grade: 'D', nameZh: 'D级（40分以下）', nameEn: 'D (under 40)' },
];

/**
 * The check-only questions a bank may ask under a consent (it learns yes or no, not the data), in the order the
 * bank's page lists them, each with the category of 国办发〔2021〕52号 it reads: the consent must give that category.
 */
export const CHECK_QUESTION_CATEGORIES = {
  tax_paid_at_least: 'tax',
  tax_grade_at_least: 'tax',
  no_dishonesty: 'dishonesty',
  no_open_enforcement: 'judgment',
  no_penalty_since: 'penalty',
  social_insurance_months_at_least: 'social_insurance',
} as const;

/** A kind of check-only question. */
export type CheckQuestionKind = keyof typeof CHECK_QUESTION_CATEGORIES;

/** What a record of a category can be. `value`: whether it carries a number, one of some values, or neither. */
export interface CreditItem {
  code: string;
  nameZh: string;
  nameEn: string;
  value: 'number' | 'values' | 'none';
  unit?: Localized;
  values?: readonly string[];
  /** Adverse information (kept, shown and repaired by the rules of adverse records). */
  adverse?: true;
}

const tenThousandYuan: Localized = { zh: '万元', en: '10,000 yuan' };
const months: Localized = { zh: '个月', en: 'months' };

/**
 * The items of each category: the vocabulary of department files, the enterprise's own declarations, the scoring's
 * features and the web's labels (one list; the browser bundle reads it from here).
 */
export const CREDIT_ITEMS: Readonly<Record<string, readonly CreditItem[]>> = {
  registration: [
    { code: 'registration', nameZh: '登记信息', nameEn: 'Registration', value: 'none' },
    { code: 'change', nameZh: '变更登记', nameEn: 'Registered change', value: 'none' },
  ],
  licence: [{ code: 'licence', nameZh: '行政许可', nameEn: 'Licence', value: 'none' }],
  penalty: [
    {
      code: 'penalty',
      nameZh: '行政处罚',
      nameEn: 'Administrative penalty',
      value: 'number',
      unit: tenThousandYuan,
      adverse: true,
    },
    {
      code: 'penalty_safety',
      nameZh: '行政处罚（特种设备、安全生产、消防）',
      nameEn: 'Penalty (special equipment, work safety, fire)',
      value: 'number',
      unit: tenThousandYuan,
      adverse: true,
    },
  ],
  judgment: [
    { code: 'judgment', nameZh: '司法判决', nameEn: 'Court judgment', value: 'none', adverse: true },
    {
      code: 'enforcement',
      nameZh: '执行案件',
      nameEn: 'Enforcement case',
      value: 'values',
      values: ['open', 'closed'],
      adverse: true,
    },
  ],
  dishonesty: [
    {
      code: 'dishonesty',
      nameZh: '严重失信主体名单',
      nameEn: 'Serious-dishonesty listing',
      value: 'none',
      adverse: true,
    },
  ],
  honour: [
    { code: 'honour', nameZh: '荣誉表彰', nameEn: 'Honour', value: 'none' },
    {
      code: 'support',
      nameZh: '政策扶持',
      nameEn: 'Policy support received',
      value: 'number',
      unit: tenThousandYuan,
    },
  ],
  tax: [
    {
      code: 'credit_grade',
      nameZh: '纳税信用等级',
      nameEn: 'Tax credit grade',
      value: 'values',
      values: TAX_CREDIT_GRADES.map((g) => g.grade),
    },
    {
      code: 'tax_paid',
      nameZh: '年度纳税额',
      nameEn: 'Tax paid in the year',
      value: 'number',
      unit: tenThousandYuan,
    },
  ],
  social_insurance: [
    {
      code: 'months_paid',
      nameZh: '近12个月缴纳月数',
      nameEn: 'Months paid of the last 12',
      value: 'number',
      unit: months,
    },
  ],
  housing_fund: [
    {
      code: 'months_paid',
      nameZh: '近12个月缴存月数',
      nameEn: 'Months paid of the last 12',
      value: 'number',
      unit: months,
    },
  ],
  trade: [
    {
      code: 'amount',
      nameZh: '年度进出口额',
      nameEn: 'Imports and exports in the year',
      value: 'number',
      unit: tenThousandYuan,
    },
  ],
  utilities: [
    {
      code: 'arrears_months',
      nameZh: '近12个月欠费月数',
      nameEn: 'Months in arrears of the last 12',
      value: 'number',
      unit: months,
      adverse: true,
    },
  ],
  real_estate: [{ code: 'owned', nameZh: '自有不动产', nameEn: 'Real estate owned', value: 'none' }],
  ip: [
    { code: 'patent', nameZh: '专利', nameEn: 'Patent', value: 'none' },
    { code: 'trademark', nameZh: '商标', nameEn: 'Trademark', value: 'none' },
    { code: 'copyright', nameZh: '软件著作权', nameEn: 'Software copyright', value: 'none' },
  ],
  rd: [
    {
      code: 'rd_expense',
      nameZh: '年度研发投入',
      nameEn: 'R&D expense in the year',
      value: 'number',
      unit: tenThousandYuan,
    },
    { code: 'project', nameZh: '科技项目', nameEn: 'Research project', value: 'none' },
  ],
};

/** The item of a category, or undefined. */
export function creditItem(category: string, item: string): CreditItem | undefined {
  return CREDIT_ITEMS[category]?.find((i) => i.code === item);
}

/**
 * A body that sends credit records: a department of the SME support system, or one of the other bodies that hold a
 * category of the sharing list (courts for judgments and enforcement, housing-fund centres, natural-resources
 * departments for real estate, water, power and gas suppliers; customs, `gacc`, is one of the departments). The
 * 52号 list names categories, not bodies: this list is Huiqi's (docs/reference/credit.md §1).
 */
export type CreditSource = Pick<Department, 'code' | 'nameZh' | 'nameEn' | 'nationalZh' | 'nationalEn'>;

const OTHER_SOURCES: readonly CreditSource[] = [
  {
    code: 'court',
    nameZh: '人民法院',
    nameEn: "People's courts",
    nationalZh: '最高人民法院',
    nationalEn: "Supreme People's Court",
  },
  {
    code: 'housing_fund',
    nameZh: '住房公积金管理中心',
    nameEn: 'Housing provident fund centre',
    nationalZh: '住房和城乡建设部',
    nationalEn: 'Ministry of Housing and Urban-Rural Development',
  },
  {
    code: 'mnr',
    nameZh: '自然资源部门（不动产登记）',
    nameEn: 'Natural resources (real estate registration)',
    nationalZh: '自然资源部',
    nationalEn: 'Ministry of Natural Resources',
  },
  {
    code: 'utilities',
    nameZh: '供水供电供气单位',
    nameEn: 'Water, power and gas suppliers',
    nationalZh: '供水供电供气单位',
    nationalEn: 'Water, power and gas suppliers',
  },
];

const CREDIT_SOURCES: readonly CreditSource[] = [...allDepartments(), ...OTHER_SOURCES];

/** Every body a credit file may come from: the system's departments, then the other holders of shared data. */
export function creditSources(): readonly CreditSource[] {
  return CREDIT_SOURCES;
}

/** The body of a credit file by its code (a department of the system or another holder), or undefined. */
export function findCreditSource(code: string): CreditSource | undefined {
  return findDepartment(code) ?? OTHER_SOURCES.find((s) => s.code === code);
}
