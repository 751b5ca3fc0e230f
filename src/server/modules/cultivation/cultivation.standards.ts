/**
 * The standards of the three tiers of quality SMEs (优质中小企业梯度培育; issue 18, measures 16–17) as dated data:
 * 创新型中小企业 (annex 1), 专精特新中小企业 (annex 2) and 专精特新“小巨人”企业 (annex 3) of 工信部企业〔2022〕63号
 * (docs/reference/cultivation.md). Each version has its document, its days in force, and for each figure the
 * section it comes from and how sure we are of it. No code judges here: `cultivation.rules.ts` compiles a version
 * once and scores enterprises against it.
 *
 * Every band states both of its ends (included or not), so the boundary rule is in the data, never in a
 * comparison operator: annex 1's "a boundary value takes the higher band" is `lower: incl(3)` on the band above 3%.
 * A revision is a new version from its first day; a version's figures are never edited.
 */
import type { Localized } from '../../../shared/errors.ts';

/** How sure we are of a figure (docs/reference/README.md#confidence). */
export type Confidence = 'text' | 'agreed' | 'memory' | 'unverified';

/** The tiers, lowest first (docs/reference/cultivation.md §1.1). */
export const CULTIVATION_TIERS = [
  {
    code: 'innovative',
    recognition: '创新型中小企业',
    zh: '创新型中小企业',
    en: 'Innovative SME',
    nationalTarget: 1_000_000,
  },
  {
    code: 'specialised',
    recognition: '专精特新中小企业',
    zh: '专精特新中小企业',
    en: 'Specialised, refined, distinctive and innovative SME',
    nationalTarget: 100_000,
  },
  {
    code: 'little_giant',
    recognition: '专精特新“小巨人”企业',
    zh: '专精特新“小巨人”企业',
    en: '“Little giant”',
    nationalTarget: 10_000,
  },
] as const;

/** A tier's code. */
export type CultivationTier = (typeof CULTIVATION_TIERS)[number]['code'];

/** Levels of the intellectual property behind the main product, lowest first (§2.4; the best item held counts). */
export const IP_LEVELS = [
  'none',
  'class_ii',
  'class_i',
  'class_i_self_developed',
  'class_i_high_value',
] as const;
/** The levels of R&D institution, lowest first (§3.3). */
export const RD_INSTITUTION_LEVELS = ['none', 'below_city', 'city', 'provincial', 'national'] as const;
/** The field of the main product (专精特新 `product_field`, §3.3), lowest first. */
export const PRODUCT_FIELDS = ['other', 'base_brand_or_leader_supplier', 'gap_or_key_chain'] as const;
/** The quality items of 专精特新 `quality` (§3.3). */
export const QUALITY_ITEMS = [
  'provincial_quality_award',
  'quality_system_certification',
  'own_brand',
  'standard_setting',
] as const;

export type IpLevel = (typeof IP_LEVELS)[number];
export type RdInstitutionLevel = (typeof RD_INSTITUTION_LEVELS)[number];
export type ProductField = (typeof PRODUCT_FIELDS)[number];
export type QualityItem = (typeof QUALITY_ITEMS)[number];

/**
 * What an indicator or condition measures, computed from an enterprise's facts by `cultivation.rules.ts`
 * (`MEASURES` there names each, its unit and the facts it needs). Ratios are in per cent, money in 万元.
 */
export type NumberMeasure =
  | 'operating_revenue'
  | 'rd_expense'
  | 'rd_share'
  | 'rd_share_prev'
  | 'rd_expense_2y_total'
  | 'rd_expense_2y_average'
  | 'rd_staff_share'
  | 'main_share'
  | 'main_growth'
  | 'main_growth_2y'
  | 'debt_ratio'
  | 'net_margin'
  | 'niche_years'
  | 'equity_2y'
  | 'equity_3y'
  | 'national_award_rank'
  | 'provincial_award_rank'
  | 'market_share'
  | 'ip_class_i_in_use'
  | 'quality_items'
  | 'digital_level';
/** A measure whose value is one of an ordered list of options. */
export type LevelMeasure = 'ip_level' | 'rd_institution_level' | 'product_field';
/** A yes/no measure. */
export type YesNoMeasure =
  | 'in_catalogue'
  | 'science_award'
  | 'maker_china_top500'
  | 'information_systems'
  | 'certified_management'
  | 'own_brand'
  | 'key_chain_link'
  | 'priority_field';
export type MeasureId = NumberMeasure | LevelMeasure | YesNoMeasure;

/** The options of each level measure, lowest first. */
export const LEVEL_OPTIONS = {
  ip_level: IP_LEVELS,
  rd_institution_level: RD_INSTITUTION_LEVELS,
  product_field: PRODUCT_FIELDS,
} as const satisfies Record<LevelMeasure, readonly string[]>;

/** One end of a band: its value and whether the value itself is in the band. */
export interface BandEnd {
  value: number;
  included: boolean;
}

/** A band of a numeric scale: values between its ends (null: unbounded) score its points. */
export interface Band {
  points: number;
  lower: BandEnd | null;
  upper: BandEnd | null;
  /** Set where this band's ends are less sure than its indicator's figures. */
  confidence?: Confidence;
}

/** A scale on a numeric measure: bands that cover every value exactly once. */
export interface NumberScale {
  measure: NumberMeasure;
  bands: readonly Band[];
}
/** A scale on a level measure: the points of each option. */
export interface LevelScale {
  measure: LevelMeasure;
  options: readonly { option: string; points: number }[];
}
/** A scale on a yes/no measure. */
export interface YesNoScale {
  measure: YesNoMeasure;
  yes: number;
  no: number;
}
export type Scale = NumberScale | LevelScale | YesNoScale;

/** A scored indicator: its points are the best its scales give (one scale, or "amount or share"). */
export interface Indicator {
  id: string;
  zh: string;
  en: string;
  max: number;
  scales: readonly Scale[];
  /** The section of docs/reference/cultivation.md. */
  basis: string;
  confidence: Confidence;
}

/** A dimension of a score, with its minimum where the standard sets one. */
export interface Dimension {
  id: string;
  zh: string;
  en: string;
  max: number;
  minimum: { points: number; basis: string; confidence: Confidence } | null;
  indicators: readonly Indicator[];
  /** Set on a dimension whose indicators each province sets (特色化): how many it may set. */
  provinceSet?: { minIndicators: number; maxIndicators: number; basis: string; confidence: Confidence };
}

/** A test on an enterprise's measures; unknown facts make it undecided (three-valued). */
export type Test =
  | { op: 'gte' | 'gt' | 'lte' | 'lt'; measure: NumberMeasure; value: number }
  | { op: 'at_least'; measure: LevelMeasure; option: string }
  | { op: 'yes'; measure: YesNoMeasure }
  | { op: 'holds'; recognitions: readonly string[] }
  | { op: 'all' | 'any'; of: readonly Test[] };

/** A condition of a standard: an id, its names and its test. */
export interface Condition {
  id: string;
  zh: string;
  en: string;
  test: Test;
  basis: string;
  confidence: Confidence;
}

/** The tier an applicant must already hold (docs/reference/cultivation.md §5). */
export interface Prerequisite {
  tier: CultivationTier;
  recognition: string;
  basis: string;
  confidence: Confidence;
}

/** A tier's score: the dimensions and the total that passes. */
export interface ScoreStandard {
  passTotal: number;
  passBasis: string;
  passConfidence: Confidence;
  dimensions: readonly Dimension[];
}

/** A figure with where it comes from and how sure we are of it. */
export interface Figure {
  value: number;
  basis: string;
  confidence: Confidence;
}

/** The steps of recognition, in order (docs/reference/cultivation.md §6.2). */
export const PROCESS_STEPS = {
  self_assessment: { zh: '网上自评并上传证明材料', en: 'Online self-assessment with evidence' },
  application: { zh: '企业申报', en: 'Application' },
  local_review: { zh: '地方主管部门审核', en: 'Review by the local authority' },
  province_review: { zh: '省级主管部门审核', en: 'Review by the province' },
  province_recommendation: { zh: '省级主管部门推荐', en: 'Recommendation by the province' },
  ministry_review: { zh: '工业和信息化部审核', en: 'Review by MIIT' },
  public_notice: { zh: '公示', en: 'Public notice' },
  announcement: { zh: '公告', en: 'Announcement' },
} as const satisfies Record<string, Localized>;
export type ProcessStep = keyof typeof PROCESS_STEPS;

/** How a tier's recognition is given and kept (docs/reference/cultivation.md §6). */
export interface RecognitionRules {
  /** Who decides: the province, or the ministry on the province's recommendation. */
  decidedBy: 'province' | 'ministry';
  steps: readonly ProcessStep[];
  stepsBasis: string;
  stepsConfidence: Confidence;
  validityYears: Figure;
  /** A material change (new name, merger, move to another province) is reported within this many months. */
  changeReportMonths: Figure;
  /** The public notice's days: the notes' example, a default each province may change. */
  publicNoticeDays: Figure;
}

/** The reported successor of a version, held without figures until they are confirmed (§1.3). */
export interface ReportedSuccessor {
  documentNumber: string;
  titleZh: string;
  from: string;
  confidence: Confidence;
  basis: string;
}

/**
 * One dated version of a tier's standard. An enterprise qualifies when every `required` condition holds (with the
 * prerequisite) and either one of the `alternatives` holds or the score passes with every dimension at its
 * minimum. Annex 1's direct conditions are alternatives with no required ones; annex 2's four conditions are three
 * required and the score-or-alternatives; annex 3 has required conditions only and no score.
 */
export interface TierStandard {
  id: string;
  tier: CultivationTier;
  documentNumber: string;
  titleZh: string;
  /** First day in force (YYYY-MM-DD). */
  inForceFrom: string;
  /** Last day in force, or null while none is known. */
  inForceTo: string | null;
  datesConfidence: Confidence;
  reportedSuccessor: ReportedSuccessor | null;
  basis: string;
  confidence: Confidence;
  prerequisite: Prerequisite | null;
  required: readonly Condition[];
  /** What the alternatives are called: annex 1's direct conditions, or annex 2's replacements of the score. */
  alternativesKind: 'direct' | 'instead_of_score' | null;
  alternatives: readonly Condition[];
  score: ScoreStandard | null;
  recognition: RecognitionRules;
}

/** An indicator a province sets for 特色化 (§3.4). */
export interface ProvinceIndicator {
  id: string;
  zh: string;
  en: string;
  unit: Localized;
  max: number;
  bands: readonly Band[];
}

/** A province's 特色化 indicators for a tier's standard version (§3.4). */
export interface ProvinceIndicatorSet {
  /** The province's GB/T 2260 code. */
  province: string;
  standardId: string;
  indicators: readonly ProvinceIndicator[];
}

// ---------------------------------------------------------------------------------------------------------------
// Writing bands: each end stated.

/** An end whose value is in the band. */
export const incl = (value: number): BandEnd => ({ value, included: true });
/** An end whose value is not in the band. */
export const excl = (value: number): BandEnd => ({ value, included: false });
/** A band. */
export const band = (
  points: number,
  lower: BandEnd | null,
  upper: BandEnd | null,
  confidence?: Confidence,
): Band => (confidence === undefined ? { points, lower, upper } : { points, lower, upper, confidence });

// ---------------------------------------------------------------------------------------------------------------
// 工信部企业〔2022〕63号

const N63 = '工信部企业〔2022〕63号';
const T63 = '优质中小企业梯度培育管理暂行办法';
const SUCCESSOR_2026: ReportedSuccessor = {
  documentNumber: '工信部企业〔2026〕2号',
  titleZh: '优质中小企业梯度培育管理办法',
  from: '2026-04-01',
  confidence: 'unverified',
  basis: 'docs/reference/cultivation.md §1.3',
};
const DOC = 'docs/reference/cultivation.md';
const VALIDITY: Figure = { value: 3, basis: `${DOC} §6.1`, confidence: 'agreed' };
const CHANGE_REPORT: Figure = { value: 3, basis: `${DOC} §6.1`, confidence: 'agreed' };
const NOTICE_DAYS: Figure = { value: 5, basis: `${DOC} §6.2`, confidence: 'unverified' };

/** 创新型中小企业, annex 1 of 63号 (docs/reference/cultivation.md §2). */
export const INNOVATIVE_2022: TierStandard = {
  id: '2022-innovative',
  tier: 'innovative',
  documentNumber: N63,
  titleZh: T63,
  inForceFrom: '2022-06-01',
  inForceTo: null,
  datesConfidence: 'memory',
  reportedSuccessor: SUCCESSOR_2026,
  basis: `${DOC} §2`,
  confidence: 'agreed',
  prerequisite: null,
  required: [],
  alternativesKind: 'direct',
  alternatives: [
    {
      id: 'science_award',
      zh: '近三年获得国家级或省级科技奖励',
      en: 'A national or provincial S&T award within the last 3 years',
      test: { op: 'yes', measure: 'science_award' },
      basis: `${DOC} §2.1`,
      confidence: 'agreed',
    },
    {
      id: 'recognised_enterprise',
      zh: '有效期内的高新技术企业、国家级技术创新示范企业、知识产权优势企业或示范企业',
      en: 'A valid recognition as high-tech, technology innovation demonstration, or IP advantage or demonstration enterprise',
      test: {
        op: 'holds',
        recognitions: ['高新技术企业', '国家级技术创新示范企业', '知识产权优势企业', '知识产权示范企业'],
      },
      basis: `${DOC} §2.1`,
      confidence: 'agreed',
    },
    {
      id: 'rd_institution',
      zh: '拥有经认定的省部级以上研发机构',
      en: 'A recognised R&D institution at provincial or ministerial level (or above)',
      test: { op: 'at_least', measure: 'rd_institution_level', option: 'provincial' },
      // "Or above" (a national institution) is Huiqi's reading (§2.1).
      basis: `${DOC} §2.1`,
      confidence: 'agreed',
    },
    {
      id: 'equity_financing',
      zh: '近三年新增股权融资（合格机构投资者实缴）500万元以上',
      en: 'New paid-in equity of at least 5 million yuan from qualified investors within 3 years',
      test: { op: 'gte', measure: 'equity_3y', value: 500 },
      basis: `${DOC} §2.1`,
      confidence: 'agreed',
    },
  ],
  recognition: {
    decidedBy: 'province',
    steps: ['self_assessment', 'local_review', 'public_notice', 'announcement'],
    stepsBasis: `${DOC} §6.2`,
    stepsConfidence: 'agreed',
    validityYears: VALIDITY,
    changeReportMonths: CHANGE_REPORT,
    publicNoticeDays: NOTICE_DAYS,
  },
  score: {
    passTotal: 60,
    passBasis: `${DOC} §2.3`,
    passConfidence: 'agreed',
    dimensions: [
      {
        id: 'innovation',
        zh: '创新能力',
        en: 'Innovation',
        max: 40,
        minimum: { points: 20, basis: `${DOC} §2.3`, confidence: 'agreed' },
        indicators: [
          {
            id: 'ip',
            zh: '与主导产品相关的有效知识产权',
            en: 'Valid IP behind the main product',
            max: 20,
            scales: [
              {
                measure: 'ip_level',
                options: [
                  { option: 'class_i_high_value', points: 20 },
                  { option: 'class_i_self_developed', points: 15 },
                  { option: 'class_i', points: 10 },
                  { option: 'class_ii', points: 5 },
                  { option: 'none', points: 0 },
                ],
              },
            ],
            basis: `${DOC} §2.2`,
            confidence: 'agreed',
          },
          {
            id: 'rd_share',
            zh: '上年度研发费用占营业收入比重',
            en: "Last year's R&D expense to revenue",
            max: 20,
            scales: [
              {
                measure: 'rd_share',
                bands: [
                  band(20, incl(5), null),
                  band(15, incl(3), excl(5)),
                  band(10, incl(2), excl(3)),
                  band(5, incl(1), excl(2)),
                  band(0, null, excl(1)),
                ],
              },
            ],
            basis: `${DOC} §2.2`,
            confidence: 'agreed',
          },
        ],
      },
      {
        id: 'growth',
        zh: '成长性',
        en: 'Growth',
        max: 30,
        minimum: { points: 15, basis: `${DOC} §2.3`, confidence: 'agreed' },
        indicators: [
          {
            id: 'main_growth',
            zh: '上年度主营业务收入增长率',
            en: "Last year's growth of main-business revenue",
            max: 20,
            scales: [
              {
                measure: 'main_growth',
                bands: [
                  band(20, incl(15), null),
                  band(15, incl(10), excl(15)),
                  band(10, incl(5), excl(10)),
                  band(5, incl(0), excl(5)),
                  band(0, null, excl(0)),
                ],
              },
            ],
            basis: `${DOC} §2.2`,
            confidence: 'agreed',
          },
          {
            id: 'debt_ratio',
            zh: '上年度资产负债率',
            en: "Last year's debt-to-assets ratio",
            max: 10,
            scales: [
              {
                measure: 'debt_ratio',
                // Lower is better: each boundary belongs to the better band (≤ 55% → 10, > 75% → 0).
                bands: [band(10, null, incl(55)), band(5, excl(55), incl(75)), band(0, excl(75), null)],
              },
            ],
            basis: `${DOC} §2.2`,
            confidence: 'agreed',
          },
        ],
      },
      {
        id: 'specialisation',
        zh: '专业化',
        en: 'Specialisation',
        max: 30,
        minimum: { points: 15, basis: `${DOC} §2.3`, confidence: 'agreed' },
        indicators: [
          {
            id: 'catalogue',
            zh: '主导产品属于战略性新兴产业目录',
            en: 'Main product in the strategic emerging industries catalogue',
            max: 10,
            scales: [{ measure: 'in_catalogue', yes: 10, no: 5 }],
            basis: `${DOC} §2.2`,
            confidence: 'agreed',
          },
          {
            id: 'main_share',
            zh: '主营业务收入占营业收入比重',
            en: 'Main-business share of revenue',
            max: 20,
            scales: [
              {
                measure: 'main_share',
                bands: [
                  band(20, incl(70), null),
                  band(15, incl(60), excl(70)),
                  band(10, incl(55), excl(60)),
                  band(5, incl(50), excl(55)),
                  band(0, null, excl(50)),
                ],
              },
            ],
            basis: `${DOC} §2.2`,
            confidence: 'agreed',
          },
        ],
      },
    ],
  },
};

/** 专精特新中小企业, annex 2 of 63号 (docs/reference/cultivation.md §3). */
export const SPECIALISED_2022: TierStandard = {
  id: '2022-specialised',
  tier: 'specialised',
  documentNumber: N63,
  titleZh: T63,
  inForceFrom: '2022-06-01',
  inForceTo: null,
  datesConfidence: 'memory',
  reportedSuccessor: SUCCESSOR_2026,
  basis: `${DOC} §3`,
  confidence: 'agreed',
  prerequisite: {
    tier: 'innovative',
    recognition: '创新型中小企业',
    basis: `${DOC} §5`,
    confidence: 'memory',
  },
  required: [
    {
      id: 'niche_years',
      zh: '从事特定细分市场时间达到2年以上',
      en: 'At least 2 years in a niche market',
      test: { op: 'gte', measure: 'niche_years', value: 2 },
      basis: `${DOC} §3.1`,
      confidence: 'agreed',
    },
    {
      id: 'rd_expense',
      zh: '上年度研发费用总额不低于100万元，且占营业收入比重不低于3%',
      en: "Last year's R&D expense at least 1 million yuan and at least 3% of revenue",
      test: {
        op: 'all',
        of: [
          { op: 'gte', measure: 'rd_expense', value: 100 },
          { op: 'gte', measure: 'rd_share', value: 3 },
        ],
      },
      basis: `${DOC} §3.1`,
      confidence: 'agreed',
    },
    {
      id: 'revenue',
      zh: '上年度营业收入1000万元以上，或低于1000万元但近2年新增股权融资2000万元以上',
      en: "Last year's revenue at least 10 million yuan, or under it with at least 20 million of new equity in 2 years",
      test: {
        op: 'any',
        of: [
          { op: 'gte', measure: 'operating_revenue', value: 1000 },
          {
            op: 'all',
            of: [
              { op: 'lt', measure: 'operating_revenue', value: 1000 },
              { op: 'gte', measure: 'equity_2y', value: 2000 },
            ],
          },
        ],
      },
      basis: `${DOC} §3.1`,
      confidence: 'agreed',
    },
  ],
  alternativesKind: 'instead_of_score',
  alternatives: [
    {
      id: 'science_award_ranked',
      zh: '近三年获得省级科技奖励（排名前三）或国家级科技奖励（排名前五）',
      en: 'Within 3 years a provincial S&T award ranked 1st–3rd or a national one ranked 1st–5th',
      test: {
        op: 'any',
        of: [
          { op: 'lte', measure: 'provincial_award_rank', value: 3 },
          { op: 'lte', measure: 'national_award_rank', value: 5 },
        ],
      },
      basis: `${DOC} §3.2`,
      confidence: 'agreed',
    },
    {
      id: 'rd_average',
      zh: '近两年研发费用年均1000万元以上',
      en: 'An average R&D expense of at least 10 million yuan over the last 2 years',
      test: { op: 'gte', measure: 'rd_expense_2y_average', value: 1000 },
      basis: `${DOC} §3.2`,
      confidence: 'agreed',
    },
    {
      id: 'equity_financing_2y',
      zh: '近两年新增股权融资6000万元以上',
      en: 'At least 60 million yuan of new equity within the last 2 years',
      test: { op: 'gte', measure: 'equity_2y', value: 6000 },
      basis: `${DOC} §3.2`,
      confidence: 'agreed',
    },
    {
      id: 'maker_china',
      zh: '近三年进入“创客中国”中小企业创新创业大赛全国500强',
      en: 'In the national top 500 of the Maker China contest within the last 3 years',
      test: { op: 'yes', measure: 'maker_china_top500' },
      basis: `${DOC} §3.2`,
      confidence: 'agreed',
    },
  ],
  recognition: {
    decidedBy: 'province',
    steps: ['application', 'province_review', 'public_notice', 'announcement'],
    stepsBasis: `${DOC} §6.2`,
    stepsConfidence: 'agreed',
    validityYears: VALIDITY,
    changeReportMonths: CHANGE_REPORT,
    publicNoticeDays: NOTICE_DAYS,
  },
  score: {
    passTotal: 60,
    passBasis: `${DOC} §3.1`,
    passConfidence: 'agreed',
    dimensions: [
      {
        id: 'specialisation',
        zh: '专业化',
        en: 'Specialisation',
        max: 25,
        minimum: null,
        indicators: [
          {
            id: 'main_share',
            zh: '上年度主营业务收入占营业收入比重',
            en: "Last year's main-business share of revenue",
            max: 5,
            scales: [
              {
                measure: 'main_share',
                bands: [
                  band(5, incl(80), null),
                  band(3, incl(70), excl(80)),
                  band(1, incl(60), excl(70)),
                  band(0, null, excl(60)),
                ],
              },
            ],
            basis: `${DOC} §3.3`,
            confidence: 'agreed',
          },
          {
            id: 'main_growth_2y',
            zh: '近2年主营业务收入平均增长率',
            en: 'Average main-business growth over the last 2 years',
            max: 10,
            scales: [
              {
                measure: 'main_growth_2y',
                bands: [
                  band(10, incl(10), null),
                  band(8, incl(8), excl(10)),
                  band(6, incl(6), excl(8)),
                  band(4, incl(4), excl(6)),
                  band(2, incl(0), excl(4)),
                  band(0, null, excl(0)),
                ],
              },
            ],
            basis: `${DOC} §3.3`,
            confidence: 'agreed',
          },
          {
            id: 'niche_years',
            zh: '从事特定细分市场年限',
            en: 'Years in the niche',
            max: 5,
            scales: [
              {
                measure: 'niche_years',
                // One point per full 2 years, at most 5.
                bands: [
                  band(5, incl(10), null),
                  band(4, incl(8), excl(10)),
                  band(3, incl(6), excl(8)),
                  band(2, incl(4), excl(6)),
                  band(1, incl(2), excl(4)),
                  band(0, null, excl(2)),
                ],
              },
            ],
            basis: `${DOC} §3.3`,
            confidence: 'agreed',
          },
          {
            id: 'product_field',
            zh: '主导产品所属领域',
            en: "The main product's field",
            max: 5,
            scales: [
              {
                measure: 'product_field',
                options: [
                  { option: 'gap_or_key_chain', points: 5 },
                  { option: 'base_brand_or_leader_supplier', points: 3 },
                  { option: 'other', points: 0 },
                ],
              },
            ],
            basis: `${DOC} §3.3`,
            confidence: 'agreed',
          },
        ],
      },
      {
        id: 'refinement',
        zh: '精细化',
        en: 'Refinement',
        max: 25,
        minimum: null,
        indicators: [
          {
            id: 'digital_level',
            zh: '数字化水平',
            en: 'Level of digitalisation',
            max: 5,
            scales: [
              {
                measure: 'digital_level',
                bands: [
                  band(5, incl(3), null),
                  band(3, incl(2), excl(3)),
                  // Levels 0–4 are Huiqi's scale (§3.3); "level 1" and no level score alike.
                  band(0, null, excl(2), 'unverified'),
                ],
              },
            ],
            basis: `${DOC} §3.3`,
            confidence: 'agreed',
          },
          {
            id: 'quality',
            zh: '质量管理水平（省级质量奖、质量管理体系认证、自主品牌、参与标准制定）',
            en: 'Quality items (provincial quality award, quality-system certification, own brand, standard-setting)',
            max: 5,
            scales: [
              {
                measure: 'quality_items',
                // 3 points per item, capped at 5.
                bands: [band(5, incl(2), null), band(3, incl(1), excl(2)), band(0, null, excl(1))],
              },
            ],
            basis: `${DOC} §3.3`,
            confidence: 'agreed',
          },
          {
            id: 'net_margin',
            zh: '上年度净利润率',
            en: "Last year's net profit margin",
            max: 10,
            scales: [
              {
                measure: 'net_margin',
                bands: [
                  band(10, incl(10), null),
                  band(8, incl(8), excl(10)),
                  band(6, incl(6), excl(8)),
                  band(4, incl(4), excl(6)),
                  band(2, incl(2), excl(4)),
                  band(0, null, excl(2)),
                ],
              },
            ],
            basis: `${DOC} §3.3`,
            confidence: 'agreed',
          },
          {
            id: 'debt_ratio',
            zh: '上年度资产负债率',
            en: "Last year's debt-to-assets ratio",
            max: 5,
            scales: [
              {
                measure: 'debt_ratio',
                // The notes write "< 50%" and "≥ 70%": 50% scores 3 and 70% scores 0; 60% read alike (§3.3).
                bands: [
                  band(5, null, excl(50)),
                  band(3, incl(50), excl(60), 'unverified'),
                  band(1, incl(60), excl(70), 'unverified'),
                  band(0, incl(70), null),
                ],
              },
            ],
            basis: `${DOC} §3.3`,
            confidence: 'agreed',
          },
        ],
      },
      {
        id: 'distinctiveness',
        zh: '特色化',
        en: 'Distinctiveness',
        max: 15,
        minimum: null,
        indicators: [],
        provinceSet: {
          minIndicators: 1,
          maxIndicators: 3,
          basis: `${DOC} §3.4`,
          confidence: 'agreed',
        },
      },
      {
        id: 'innovation',
        zh: '创新能力',
        en: 'Innovation',
        max: 35,
        minimum: null,
        indicators: [
          {
            id: 'ip',
            zh: '与主导产品相关的有效知识产权',
            en: 'Valid IP behind the main product',
            max: 10,
            scales: [
              {
                measure: 'ip_level',
                options: [
                  { option: 'class_i_high_value', points: 10 },
                  { option: 'class_i_self_developed', points: 8 },
                  { option: 'class_i', points: 6 },
                  { option: 'class_ii', points: 2 },
                  { option: 'none', points: 0 },
                ],
              },
            ],
            basis: `${DOC} §3.3`,
            confidence: 'agreed',
          },
          {
            id: 'rd_spend',
            zh: '上年度研发费用投入（金额或占营业收入比重）',
            en: "Last year's R&D expense (amount or share of revenue)",
            max: 10,
            scales: [
              {
                measure: 'rd_expense',
                bands: [
                  band(10, incl(500), null),
                  band(8, incl(400), excl(500)),
                  band(6, incl(300), excl(400)),
                  band(4, incl(200), excl(300)),
                  band(2, incl(100), excl(200)),
                  band(0, null, excl(100), 'unverified'),
                ],
              },
              {
                measure: 'rd_share',
                bands: [
                  band(10, incl(10), null),
                  band(8, incl(8), excl(10)),
                  band(6, incl(6), excl(8)),
                  band(4, incl(4), excl(6)),
                  band(2, incl(3), excl(4)),
                  band(0, null, excl(3), 'unverified'),
                ],
              },
            ],
            basis: `${DOC} §3.3`,
            confidence: 'agreed',
          },
          {
            id: 'rd_staff_share',
            zh: '研发人员占职工总数比重',
            en: 'R&D staff share of employees',
            max: 5,
            scales: [
              {
                measure: 'rd_staff_share',
                bands: [
                  band(5, incl(20), null),
                  band(3, incl(10), excl(20)),
                  band(1, incl(5), excl(10)),
                  band(0, null, excl(5)),
                ],
              },
            ],
            basis: `${DOC} §3.3`,
            confidence: 'agreed',
          },
          {
            id: 'rd_institution',
            zh: '研发机构建设情况',
            en: 'R&D institution',
            max: 10,
            scales: [
              {
                measure: 'rd_institution_level',
                options: [
                  { option: 'national', points: 10 },
                  { option: 'provincial', points: 8 },
                  { option: 'city', points: 4 },
                  { option: 'below_city', points: 2 },
                  { option: 'none', points: 0 },
                ],
              },
            ],
            basis: `${DOC} §3.3`,
            confidence: 'agreed',
          },
        ],
      },
    ],
  },
};

/** 专精特新“小巨人”企业, annex 3 of 63号 (docs/reference/cultivation.md §4). */
export const LITTLE_GIANT_2022: TierStandard = {
  id: '2022-little-giant',
  tier: 'little_giant',
  documentNumber: N63,
  titleZh: T63,
  inForceFrom: '2022-06-01',
  inForceTo: null,
  datesConfidence: 'memory',
  reportedSuccessor: SUCCESSOR_2026,
  basis: `${DOC} §4`,
  confidence: 'agreed',
  prerequisite: {
    tier: 'specialised',
    recognition: '专精特新中小企业',
    basis: `${DOC} §5`,
    confidence: 'memory',
  },
  required: [
    {
      id: 'niche_years',
      zh: '专：从事特定细分市场时间达到3年以上',
      en: 'Specialised: at least 3 years in the niche',
      test: { op: 'gte', measure: 'niche_years', value: 3 },
      basis: `${DOC} §4`,
      confidence: 'agreed',
    },
    {
      id: 'main_share',
      zh: '专：主营业务收入占营业收入比重不低于70%',
      en: 'Specialised: main-business share of revenue at least 70%',
      test: { op: 'gte', measure: 'main_share', value: 70 },
      basis: `${DOC} §4`,
      confidence: 'agreed',
    },
    {
      id: 'main_growth_2y',
      zh: '专：近2年主营业务收入平均增长率不低于5%',
      en: 'Specialised: average main-business growth over 2 years at least 5%',
      test: { op: 'gte', measure: 'main_growth_2y', value: 5 },
      basis: `${DOC} §4`,
      confidence: 'agreed',
    },
    {
      id: 'information_systems',
      zh: '精：核心业务采用信息系统支撑',
      en: 'Refined: the core business runs on information systems',
      test: { op: 'yes', measure: 'information_systems' },
      basis: `${DOC} §4`,
      confidence: 'agreed',
    },
    {
      id: 'certification',
      zh: '精：取得相关管理体系认证，或产品通过发达国家和地区产品认证',
      en: "Refined: a certified management system, or a developed market's product certification",
      test: { op: 'yes', measure: 'certified_management' },
      basis: `${DOC} §4`,
      confidence: 'agreed',
    },
    {
      id: 'debt_ratio',
      zh: '精：资产负债率不高于70%',
      en: 'Refined: debt-to-assets at most 70%',
      test: { op: 'lte', measure: 'debt_ratio', value: 70 },
      basis: `${DOC} §4`,
      confidence: 'agreed',
    },
    {
      id: 'market_share',
      zh: '特：主导产品在全国细分市场占有率达到10%以上',
      en: 'Distinctive: a national niche market share of at least 10%',
      test: { op: 'gte', measure: 'market_share', value: 10 },
      basis: `${DOC} §4`,
      confidence: 'agreed',
    },
    {
      id: 'own_brand',
      zh: '特：拥有自主品牌',
      en: 'Distinctive: an own brand',
      test: { op: 'yes', measure: 'own_brand' },
      basis: `${DOC} §4`,
      confidence: 'agreed',
    },
    {
      id: 'rd_by_revenue',
      zh: '新：营业收入1亿元以上的近2年研发费用占比均不低于3%；5000万至1亿元的均不低于6%；5000万元以下的近2年新增股权融资8000万元以上且研发投入3000万元以上、研发人员占比50%以上',
      en: 'Innovative: revenue ≥ 100 million → R&D ≥ 3% in each of 2 years; 50–100 million → ≥ 6% in each; under 50 million → ≥ 80 million new equity in 2 years, ≥ 30 million R&D over them and R&D staff ≥ 50%',
      test: {
        op: 'any',
        of: [
          {
            op: 'all',
            of: [
              { op: 'gte', measure: 'operating_revenue', value: 10_000 },
              { op: 'gte', measure: 'rd_share', value: 3 },
              { op: 'gte', measure: 'rd_share_prev', value: 3 },
            ],
          },
          {
            op: 'all',
            of: [
              { op: 'gte', measure: 'operating_revenue', value: 5000 },
              { op: 'lt', measure: 'operating_revenue', value: 10_000 },
              // "In each of the 2 years" for 6% is Huiqi's reading (§4).
              { op: 'gte', measure: 'rd_share', value: 6 },
              { op: 'gte', measure: 'rd_share_prev', value: 6 },
            ],
          },
          {
            op: 'all',
            of: [
              { op: 'lt', measure: 'operating_revenue', value: 5000 },
              { op: 'gte', measure: 'equity_2y', value: 8000 },
              // The 2 years' total (Huiqi's reading, §4).
              { op: 'gte', measure: 'rd_expense_2y_total', value: 3000 },
              { op: 'gte', measure: 'rd_staff_share', value: 50 },
            ],
          },
        ],
      },
      basis: `${DOC} §4`,
      confidence: 'agreed',
    },
    {
      id: 'rd_institution',
      zh: '新：自建或与他人合作建立研发机构',
      en: 'Innovative: an R&D institution of its own or run jointly',
      test: { op: 'at_least', measure: 'rd_institution_level', option: 'below_city' },
      basis: `${DOC} §4`,
      confidence: 'agreed',
    },
    {
      id: 'ip_in_use',
      zh: '新：拥有2项以上与主导产品相关的Ⅰ类知识产权，且实际应用并已产生经济效益',
      en: 'Innovative: at least 2 class-I IP items behind the main product, in use with economic benefit',
      test: { op: 'gte', measure: 'ip_class_i_in_use', value: 2 },
      basis: `${DOC} §4`,
      confidence: 'agreed',
    },
    {
      id: 'key_chain_link',
      zh: '链：位于产业链关键环节',
      en: 'Chain: a key link of an industrial chain',
      test: { op: 'yes', measure: 'key_chain_link' },
      basis: `${DOC} §4`,
      confidence: 'agreed',
    },
    {
      id: 'priority_field',
      zh: '品：主导产品属于重点领域',
      en: 'Product: the main product in a priority field',
      test: { op: 'yes', measure: 'priority_field' },
      basis: `${DOC} §4`,
      confidence: 'agreed',
    },
  ],
  alternativesKind: null,
  alternatives: [],
  score: null,
  recognition: {
    decidedBy: 'ministry',
    steps: [
      'application',
      'province_review',
      'province_recommendation',
      'ministry_review',
      'public_notice',
      'announcement',
    ],
    stepsBasis: `${DOC} §6.2`,
    stepsConfidence: 'agreed',
    validityYears: VALIDITY,
    changeReportMonths: CHANGE_REPORT,
    publicNoticeDays: NOTICE_DAYS,
  },
};

/** Every version of every tier's standard, oldest first per tier. */
export const CULTIVATION_STANDARDS: readonly TierStandard[] = [
  INNOVATIVE_2022,
  SPECIALISED_2022,
  LITTLE_GIANT_2022,
];

/** The version of a tier's standard in force on a day (YYYY-MM-DD), or undefined before the first. */
export function findCultivationStandard(tier: CultivationTier, date: string): TierStandard | undefined {
  let found: TierStandard | undefined;
  for (const standard of CULTIVATION_STANDARDS) {
    if (standard.tier !== tier || standard.inForceFrom > date) continue;
    if (standard.inForceTo !== null && standard.inForceTo < date) continue;
    found = standard;
  }
  return found;
}
