/**
 * 《中小企业划型标准规定》(工信部联企业〔2011〕300号, issued 2011-06-18 by 工业和信息化部、国家统计局、
 * 国家发展和改革委员会、财政部) — the Chinese SME size standard — as dated data, with its industry scopes in
 * GB/T 4754-2017 codes as mapped by 《统计上大中小微型企业划分办法（2017）》(国统字〔2017〕213号, 2017-12-28).
 * Both documents use the same thresholds (300号 第四条; 213号 附表). Confidence [agreed]: several independent
 * reprints agree (see docs/reference/size-standards.md).
 *
 * Units: X 从业人员 persons, Y 营业收入 万元 (10,000 CNY), Z 资产总额 万元.
 * When the standard is revised, add a new dated file beside this one; never edit figures in place.
 */
import { type Confidence, type DatedDocument, deepFreeze } from './types.ts';

/** An indicator of 300号: X 从业人员 (employees), Y 营业收入 (revenue), Z 资产总额 (total assets). */
export type CnIndicator = 'employees' | 'revenue' | 'totalAssets';

/** Inclusive lower bounds (≥) of one size class, per indicator the category uses (persons or 万元). */
export type CnBounds = Readonly<Partial<Record<CnIndicator, number>>>;

/** One of the 16 industry categories of 300号 (thresholds: 第四条) with its GB/T 4754-2017 scope (213号 附表). */
export interface CnSizeCategory {
  /** Item number in 300号 第四条 (一)…(十六). */
  readonly no: number;
  /** Stable identifier of the category within this standard. */
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** GB/T 4754-2017 codes (section, division, group or class) the category covers. */
  readonly scope: readonly string[];
  /** Codes inside `scope` that belong elsewhere (another category or not covered); the more specific code wins. */
  readonly excludes: readonly string[];
  /** Indicators used, in the order of the regulation. */
  readonly indicators: readonly CnIndicator[];
  /** Lower bounds of 大型 (large): every listed indicator must reach them. */
  readonly large: CnBounds;
  /** Lower bounds of 中型 (medium). */
  readonly medium: CnBounds;
  /** Lower bounds of 小型 (small); below any of them is 微型 (micro). */
  readonly small: CnBounds;
}

/** A GB/T 4754-2017 scope the standard does not apply to, with the reason in both languages. */
export interface CnNotCovered {
  readonly code: string;
  readonly reasonZh: string;
  readonly reasonEn: string;
  readonly confidence: Confidence;
}

/** A dated version of the Chinese SME size standard. */
export interface CnSizeStandard extends DatedDocument {
  readonly id: 'cn-2011';
  readonly family: 'cn';
  readonly nameZh: string;
  readonly nameEn: string;
  readonly confidence: Confidence;
  /** The statistical mapping of the industries to GB/T 4754-2017 codes. */
  readonly mapping: DatedDocument & { readonly classification: 'GB/T 4754-2017' };
  readonly units: { readonly employees: 'persons'; readonly money: '万元' };
  readonly categories: readonly CnSizeCategory[];
  readonly notCovered: readonly CnNotCovered[];
}

/** 工信部联企业〔2011〕300号 with the 国统字〔2017〕213号 GB/T 4754-2017 mapping. */
export const cn2011: CnSizeStandard = deepFreeze({
  id: 'cn-2011',
  family: 'cn',
  nameZh: '中小企业划型标准',
  nameEn: 'Chinese SME size standard',
  documentNumber: '工信部联企业〔2011〕300号',
  titleZh: '中小企业划型标准规定',
  titleEn: 'Provisions on the Classification Standards of Small and Medium-sized Enterprises',
  // Issued 2011-06-18 and effective on issue (自发布之日起执行) [agreed].
  effectiveFrom: '2011-06-18',
  confidence: 'agreed',
  mapping: {
    documentNumber: '国统字〔2017〕213号',
    titleZh: '统计上大中小微型企业划分办法（2017）',
    titleEn: 'Measures for Classifying Large, Medium, Small and Micro Enterprises in Statistics (2017)',
    // Maps the 300号 industries to GB/T 4754-2017; effective on issue, 2017-12-28 [agreed].
    effectiveFrom: '2017-12-28',
    classification: 'GB/T 4754-2017',
  },
  units: { employees: 'persons', money: '万元' },
  // 300号 第四条 (thresholds) and 213号 附表 (GB/T 4754-2017 scopes); bounds inclusive ("及以上").
  categories: [
    {
      no: 1,
      code: 'agriculture',
      nameZh: '农、林、牧、渔业',
      nameEn: 'Agriculture, forestry, animal husbandry and fishery',
      scope: ['A'],
      excludes: [],
      indicators: ['revenue'],
      large: { revenue: 20000 },
      medium: { revenue: 500 },
      small: { revenue: 50 },
    },
    {
      no: 2,
      code: 'industry',
      nameZh: '工业',
      nameEn: 'Industry',
      // 采矿业, 制造业, 电力、热力、燃气及水生产和供应业.
      scope: ['B', 'C', 'D'],
      excludes: [],
      indicators: ['employees', 'revenue'],
      large: { employees: 1000, revenue: 40000 },
      medium: { employees: 300, revenue: 2000 },
      small: { employees: 20, revenue: 300 },
    },
    {
      no: 3,
      code: 'construction',
      nameZh: '建筑业',
      nameEn: 'Construction',
      scope: ['E'],
      excludes: [],
      indicators: ['revenue', 'totalAssets'],
      large: { revenue: 80000, totalAssets: 80000 },
      medium: { revenue: 6000, totalAssets: 5000 },
      small: { revenue: 300, totalAssets: 300 },
    },
    {
      no: 4,
      code: 'wholesale',
      nameZh: '批发业',
      nameEn: 'Wholesale',
      scope: ['F51'],
      excludes: [],
      indicators: ['employees', 'revenue'],
      large: { employees: 200, revenue: 40000 },
      medium: { employees: 20, revenue: 5000 },
      small: { employees: 5, revenue: 1000 },
    },
    {
      no: 5,
      code: 'retail',
      nameZh: '零售业',
      nameEn: 'Retail',
      scope: ['F52'],
      excludes: [],
      indicators: ['employees', 'revenue'],
      large: { employees: 300, revenue: 20000 },
      medium: { employees: 50, revenue: 500 },
      small: { employees: 10, revenue: 100 },
    },
    {
      no: 6,
      code: 'transport',
      nameZh: '交通运输业',
      nameEn: 'Transport',
      // G53 铁路运输业 is not part of it (not covered); G591 装卸搬运 is.
      scope: ['G54', 'G55', 'G56', 'G57', 'G58', 'G591'],
      excludes: [],
      indicators: ['employees', 'revenue'],
      large: { employees: 1000, revenue: 30000 },
      medium: { employees: 300, revenue: 3000 },
      small: { employees: 20, revenue: 200 },
    },
    {
      no: 7,
      code: 'warehousing',
      nameZh: '仓储业',
      nameEn: 'Warehousing',
      // G592–G599; G591 装卸搬运 is transport.
      scope: ['G59'],
      excludes: ['G591'],
      indicators: ['employees', 'revenue'],
      large: { employees: 200, revenue: 30000 },
      medium: { employees: 100, revenue: 1000 },
      small: { employees: 20, revenue: 100 },
    },
    {
      no: 8,
      code: 'postal',
      nameZh: '邮政业',
      nameEn: 'Postal services',
      scope: ['G60'],
      excludes: [],
      indicators: ['employees', 'revenue'],
      large: { employees: 1000, revenue: 30000 },
      medium: { employees: 300, revenue: 2000 },
      small: { employees: 20, revenue: 100 },
    },
    {
      no: 9,
      code: 'accommodation',
      nameZh: '住宿业',
      nameEn: 'Accommodation',
      scope: ['H61'],
      excludes: [],
      indicators: ['employees', 'revenue'],
      large: { employees: 300, revenue: 10000 },
      medium: { employees: 100, revenue: 2000 },
      small: { employees: 10, revenue: 100 },
    },
    {
      no: 10,
      code: 'catering',
      nameZh: '餐饮业',
      nameEn: 'Catering',
      scope: ['H62'],
      excludes: [],
      indicators: ['employees', 'revenue'],
      large: { employees: 300, revenue: 10000 },
      medium: { employees: 100, revenue: 2000 },
      small: { employees: 10, revenue: 100 },
    },
    {
      no: 11,
      code: 'information-transmission',
      nameZh: '信息传输业',
      nameEn: 'Information transmission',
      scope: ['I63', 'I64'],
      excludes: [],
      indicators: ['employees', 'revenue'],
      large: { employees: 2000, revenue: 100000 },
      medium: { employees: 100, revenue: 1000 },
      small: { employees: 10, revenue: 100 },
    },
    {
      no: 12,
      code: 'software-it',
      nameZh: '软件和信息技术服务业',
      nameEn: 'Software and information technology services',
      scope: ['I65'],
      excludes: [],
      indicators: ['employees', 'revenue'],
      large: { employees: 300, revenue: 10000 },
      medium: { employees: 100, revenue: 1000 },
      small: { employees: 10, revenue: 50 },
    },
    {
      no: 13,
      code: 'real-estate-development',
      nameZh: '房地产开发经营',
      nameEn: 'Real estate development and operation',
      scope: ['K7010'],
      excludes: [],
      indicators: ['revenue', 'totalAssets'],
      large: { revenue: 200000, totalAssets: 10000 },
      medium: { revenue: 1000, totalAssets: 5000 },
      small: { revenue: 100, totalAssets: 2000 },
    },
    {
      no: 14,
      code: 'property-management',
      nameZh: '物业管理',
      nameEn: 'Property management',
      scope: ['K702'],
      excludes: [],
      indicators: ['employees', 'revenue'],
      large: { employees: 1000, revenue: 5000 },
      medium: { employees: 300, revenue: 1000 },
      small: { employees: 100, revenue: 500 },
    },
    {
      no: 15,
      code: 'leasing-business-services',
      nameZh: '租赁和商务服务业',
      nameEn: 'Leasing and business services',
      scope: ['L'],
      excludes: [],
      indicators: ['employees', 'totalAssets'],
      large: { employees: 300, totalAssets: 120000 },
      medium: { employees: 100, totalAssets: 8000 },
      small: { employees: 10, totalAssets: 100 },
    },
    {
      no: 16,
      code: 'other',
      nameZh: '其他未列明行业',
      nameEn: 'Other industries not listed',
      // 科学研究和技术服务业, 水利环境公共设施, 居民服务修理, 社会工作, 文体娱乐, 房地产中介, 其他房地产业.
      scope: ['M', 'N', 'O', 'Q85', 'R', 'K703', 'K709'],
      excludes: [],
      indicators: ['employees'],
      large: { employees: 300 },
      medium: { employees: 100 },
      small: { employees: 10 },
    },
  ],
  // Outside the industries of 300号 as mapped by 213号: never guess a class for these.
  notCovered: [
    {
      code: 'J',
      reasonZh: '金融业（J）不适用本标准，另有《金融业企业划型标准规定》（银发〔2015〕309号）',
      reasonEn:
        'Finance (J) is outside this standard; it has its own, 《金融业企业划型标准规定》 (银发〔2015〕309号)',
      // The document number of the finance standard is from memory.
      confidence: 'memory',
    },
    {
      code: 'P',
      reasonZh: '教育（P）不在本标准所列行业范围内，不适用本标准',
      reasonEn: 'Education (P) is not among the industries of this standard',
      confidence: 'agreed',
    },
    {
      code: 'Q84',
      reasonZh: '卫生（Q84）不在本标准所列行业范围内，不适用本标准',
      reasonEn: 'Health (Q84) is not among the industries of this standard',
      confidence: 'agreed',
    },
    {
      code: 'S',
      reasonZh: '公共管理、社会保障和社会组织（S）不适用本标准',
      reasonEn:
        'Public administration, social security and social organisations (S) are outside this standard',
      confidence: 'agreed',
    },
    {
      code: 'T',
      reasonZh: '国际组织（T）不适用本标准',
      reasonEn: 'International organisations (T) are outside this standard',
      confidence: 'agreed',
    },
    {
      code: 'G53',
      reasonZh: '铁路运输业（G53）不属于本标准的交通运输业，不适用本标准',
      reasonEn: 'Rail transport (G53) is not part of transport in this standard and is outside it',
      confidence: 'agreed',
    },
    {
      code: 'K704',
      // GB/T 4754-2011 自有房地产经营活动 = GB/T 4754-2017 K704 房地产租赁经营.
      reasonZh: '自有房地产经营活动（K704 房地产租赁经营）不适用本标准',
      reasonEn: 'Operation of own real estate (K704 real estate leasing) is outside this standard',
      confidence: 'agreed',
    },
  ],
});
