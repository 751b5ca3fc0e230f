/**
 * Credit information of SMEs shared for financing (measure 4). Source: docs/reference/credit.md — the sharing
 * list of 国办发〔2021〕52号 《加强信用信息共享应用促进中小微企业融资实施方案》 and the grades of the national
 * tax credit evaluation (纳税信用等级), both vocabularies (no figure of them changes with a date).
 */

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
