/**
 * Scoring an enterprise against a tier's standard (issue 18; docs/reference/cultivation.md): whether it is likely
 * to qualify, the points of each indicator and dimension with the figures used, the facts missing (named, never
 * counted as zero), the conditions met or failed with why, and what it would need to reach each indicator's next
 * band. Also the consistency checks of the facts, each naming its field. Pure: no I/O, no clock.
 *
 * Built for a whole registry (a million enterprises, three tiers, ≥ 500,000 a second): a standard is compiled once
 * (`compileStandard`) into flat arrays of bands and closures; an assessment allocates only its own few arrays,
 * and every text (names, reasons, needs, missing facts) is written when first read, through memoised getters.
 */
import { certificationNameEn } from '../../../reference/certifications.ts';
import type { Localized } from '../../../shared/errors.ts';
import {
  type Band,
  type CultivationTier,
  type Dimension,
  LEVEL_OPTIONS,
  type LevelMeasure,
  type MeasureId,
  type ProductField,
  type ProvinceIndicatorSet,
  QUALITY_ITEMS,
  type QualityItem,
  type RdInstitutionLevel,
  type Test,
  type TierStandard,
} from './cultivation.standards.ts';

// ---------------------------------------------------------------------------------------------------------------
// Facts

/**
 * What Huiqi knows of an enterprise: the registry's figures (the prior year unless named `Prev`, the year before,
 * or `Prev2`, the year before that; money in 万元) and what the enterprise fills in. Every fact may be unknown
 * (absent or null): the indicators and conditions needing it say so.
 */
export interface EnterpriseFacts {
  employees?: number | null;
  rdStaff?: number | null;
  operatingRevenue?: number | null;
  operatingRevenuePrev?: number | null;
  mainBusinessRevenue?: number | null;
  mainBusinessRevenuePrev?: number | null;
  mainBusinessRevenuePrev2?: number | null;
  totalAssets?: number | null;
  totalLiabilities?: number | null;
  /** May be negative (a loss). */
  netProfit?: number | null;
  rdExpense?: number | null;
  rdExpensePrev?: number | null;
  /** Recognitions valid on the day of the assessment, as the registry names them. */
  certifications?: readonly string[] | null;
  /** Years in its niche market. */
  nicheYears?: number | null;
  /** IP behind the main product, each item counted once under the best description (§2.4). */
  ipClassIHighValue?: number | null;
  ipClassISelfDeveloped?: number | null;
  ipClassIOther?: number | null;
  ipClassII?: number | null;
  /** Class-I items in use with economic benefit (little giant). */
  ipClassIInUse?: number | null;
  rdInstitution?: RdInstitutionLevel | null;
  /** Level of digitalisation, 0 (none) to 4. */
  digitalLevel?: number | null;
  qualityItems?: readonly QualityItem[] | null;
  productField?: ProductField | null;
  inStrategicCatalogue?: boolean | null;
  /** Best rank among its national / provincial S&T awards of the last 3 years, or 'none'. */
  nationalAwardRank?: number | 'none' | null;
  provincialAwardRank?: number | 'none' | null;
  makerChinaTop500?: boolean | null;
  /** New paid-in equity from qualified investors within the last 2 / 3 years (万元). */
  newEquity2y?: number | null;
  newEquity3y?: number | null;
  informationSystems?: boolean | null;
  certifiedManagement?: boolean | null;
  /** National share of its niche market, per cent. */
  nationalMarketShare?: number | null;
  keyChainLink?: boolean | null;
  priorityField?: boolean | null;
  /** Values of the province's 特色化 indicators, by indicator id. */
  provinceIndicators?: Readonly<Record<string, number>> | null;
}

/** A fact's key (`provinceIndicators.<id>` for a province's indicator). */
export type FactKey = keyof EnterpriseFacts;

const FACT_NAMES: Record<FactKey, Localized> = {
  employees: { zh: '从业人员', en: 'employees' },
  rdStaff: { zh: '研发人员', en: 'R&D staff' },
  operatingRevenue: { zh: '上年度营业收入', en: "last year's operating revenue" },
  operatingRevenuePrev: { zh: '前年营业收入', en: 'operating revenue of the year before' },
  mainBusinessRevenue: { zh: '上年度主营业务收入', en: "last year's main-business revenue" },
  mainBusinessRevenuePrev: { zh: '前年主营业务收入', en: 'main-business revenue of the year before' },
  mainBusinessRevenuePrev2: { zh: '大前年主营业务收入', en: 'main-business revenue of three years ago' },
  totalAssets: { zh: '资产总额', en: 'total assets' },
  totalLiabilities: { zh: '负债总额', en: 'total liabilities' },
  netProfit: { zh: '净利润', en: 'net profit' },
  rdExpense: { zh: '上年度研发费用', en: "last year's R&D expense" },
  rdExpensePrev: { zh: '前年研发费用', en: 'R&D expense of the year before' },
  certifications: { zh: '有效认定', en: 'recognitions held' },
  nicheYears: { zh: '从事细分市场年限', en: 'years in the niche' },
  ipClassIHighValue: { zh: 'Ⅰ类高价值知识产权数', en: 'high-value class-I IP items' },
  ipClassISelfDeveloped: { zh: '自主研发Ⅰ类知识产权数', en: 'self-developed class-I IP items' },
  ipClassIOther: { zh: '其他Ⅰ类知识产权数', en: 'other class-I IP items' },
  ipClassII: { zh: 'Ⅱ类知识产权数', en: 'class-II IP items' },
  ipClassIInUse: { zh: '已产生经济效益的Ⅰ类知识产权数', en: 'class-I IP items in use with economic benefit' },
  rdInstitution: { zh: '研发机构级别', en: 'R&D institution level' },
  digitalLevel: { zh: '数字化水平', en: 'level of digitalisation' },
  qualityItems: { zh: '质量管理事项', en: 'quality items' },
  productField: { zh: '主导产品所属领域', en: "main product's field" },
  inStrategicCatalogue: {
    zh: '是否属于战略性新兴产业目录',
    en: 'in the strategic emerging industries catalogue',
  },
  nationalAwardRank: { zh: '近三年国家级科技奖励排名', en: 'rank in national S&T awards (3 years)' },
  provincialAwardRank: { zh: '近三年省级科技奖励排名', en: 'rank in provincial S&T awards (3 years)' },
  makerChinaTop500: { zh: '“创客中国”全国500强', en: 'Maker China national top 500' },
  newEquity2y: { zh: '近两年新增股权融资', en: 'new equity in 2 years' },
  newEquity3y: { zh: '近三年新增股权融资', en: 'new equity in 3 years' },
  informationSystems: { zh: '核心业务采用信息系统', en: 'core business on information systems' },
  certifiedManagement: {
    zh: '管理体系或产品认证',
    en: 'certified management system or product certification',
  },
  nationalMarketShare: { zh: '全国细分市场占有率', en: 'national niche market share' },
  keyChainLink: { zh: '位于产业链关键环节', en: 'key link of an industrial chain' },
  priorityField: { zh: '主导产品属于重点领域', en: 'main product in a priority field' },
  provinceIndicators: { zh: '省级特色化指标', en: "the province's distinctiveness indicators" },
};

/** A fact's name in both languages (`provinceIndicators.<id>` named by its indicator). */
export function factName(fact: string): Localized {
  return FACT_NAMES[fact as FactKey] ?? { zh: fact, en: fact };
}

// ---------------------------------------------------------------------------------------------------------------
// Measures: how each is computed from the facts. NaN means "cannot be computed" (a fact unknown, or a base of 0).

const PERCENT: Localized = { zh: '%', en: '%' };
const WAN: Localized = { zh: '万元', en: ' (10,000 yuan)' };
const YEARS: Localized = { zh: '年', en: ' years' };
const ITEMS: Localized = { zh: '项', en: ' items' };
const LEVEL: Localized = { zh: '级', en: '' };
const RANK: Localized = { zh: '名', en: '' };

type Get = (f: EnterpriseFacts) => number;

interface MeasureDefinition {
  zh: string;
  en: string;
  unit: Localized | null;
  kind: 'number' | 'level' | 'yes_no';
  /** The facts it is computed from. */
  facts: readonly FactKey[];
  get: Get;
}

/** Rounded to 6 decimals, so that 30 × 100 ÷ 1000 is exactly 3 (docs/reference/cultivation.md §8.2). */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const num = (x: number | null | undefined) => (x == null ? Number.NaN : x);
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a == null || b == null || !(b > 0) ? Number.NaN : round6((a * 100) / b);
const growth = (a: number | null | undefined, b: number | null | undefined) =>
  a == null || b == null || !(b > 0) ? Number.NaN : round6(((a - b) * 100) / b);
const yesNo = (x: boolean | null | undefined) => (x == null ? Number.NaN : x ? 1 : 0);
const rank = (x: number | 'none' | null | undefined) =>
  x == null ? Number.NaN : x === 'none' ? Number.POSITIVE_INFINITY : x;

function qualityCount(items: readonly QualityItem[] | null | undefined): number {
  if (items == null) return Number.NaN;
  let seen = 0;
  for (const item of items) seen |= 1 << QUALITY_ITEMS.indexOf(item);
  let count = 0;
  for (let bits = seen & 0b1111; bits !== 0; bits &= bits - 1) count++;
  return count;
}

/** The IP level (index in IP_LEVELS) of the best item held; unknown while a better class's count is unknown. */
function ipLevel(f: EnterpriseFacts): number {
  const highValue = f.ipClassIHighValue;
  if (highValue == null) return Number.NaN;
  if (highValue >= 1) return 4;
  const selfDeveloped = f.ipClassISelfDeveloped;
  if (selfDeveloped == null) return Number.NaN;
  if (selfDeveloped >= 1) return 3;
  const other = f.ipClassIOther;
  if (other == null) return Number.NaN;
  if (other >= 1) return 2;
  const classII = f.ipClassII;
  if (classII == null) return Number.NaN;
  return classII >= 1 ? 1 : 0;
}

const levelIndex = (measure: LevelMeasure, value: string | null | undefined): number =>
  value == null ? Number.NaN : (LEVEL_OPTIONS[measure] as readonly string[]).indexOf(value);

/** Every measure the standards use (docs/reference/cultivation.md §2–§4). */
export const MEASURES: Record<MeasureId, MeasureDefinition> = {
  operating_revenue: {
    zh: '上年度营业收入',
    en: "last year's revenue",
    unit: WAN,
    kind: 'number',
    facts: ['operatingRevenue'],
    get: (f) => num(f.operatingRevenue),
  },
  rd_expense: {
    zh: '上年度研发费用',
    en: "last year's R&D expense",
    unit: WAN,
    kind: 'number',
    facts: ['rdExpense'],
    get: (f) => num(f.rdExpense),
  },
  rd_share: {
    zh: '研发费用占比',
    en: 'R&D share',
    unit: PERCENT,
    kind: 'number',
    facts: ['rdExpense', 'operatingRevenue'],
    get: (f) => ratio(f.rdExpense, f.operatingRevenue),
  },
  rd_share_prev: {
    zh: '前年研发费用占比',
    en: 'R&D share of the year before',
    unit: PERCENT,
    kind: 'number',
    facts: ['rdExpensePrev', 'operatingRevenuePrev'],
    get: (f) => ratio(f.rdExpensePrev, f.operatingRevenuePrev),
  },
  rd_expense_2y_total: {
    zh: '近两年研发费用合计',
    en: 'R&D expense over 2 years',
    unit: WAN,
    kind: 'number',
    facts: ['rdExpense', 'rdExpensePrev'],
    get: (f) => (f.rdExpense == null || f.rdExpensePrev == null ? Number.NaN : f.rdExpense + f.rdExpensePrev),
  },
  rd_expense_2y_average: {
    zh: '近两年研发费用年均',
    en: 'average R&D expense over 2 years',
    unit: WAN,
    kind: 'number',
    facts: ['rdExpense', 'rdExpensePrev'],
    get: (f) =>
      f.rdExpense == null || f.rdExpensePrev == null
        ? Number.NaN
        : round6((f.rdExpense + f.rdExpensePrev) / 2),
  },
  rd_staff_share: {
    zh: '研发人员占比',
    en: 'R&D staff share',
    unit: PERCENT,
    kind: 'number',
    facts: ['rdStaff', 'employees'],
    get: (f) => ratio(f.rdStaff, f.employees),
  },
  main_share: {
    zh: '主营业务收入占比',
    en: 'main-business share',
    unit: PERCENT,
    kind: 'number',
    facts: ['mainBusinessRevenue', 'operatingRevenue'],
    get: (f) => ratio(f.mainBusinessRevenue, f.operatingRevenue),
  },
  main_growth: {
    zh: '主营业务收入增长率',
    en: 'main-business growth',
    unit: PERCENT,
    kind: 'number',
    facts: ['mainBusinessRevenue', 'mainBusinessRevenuePrev'],
    get: (f) => growth(f.mainBusinessRevenue, f.mainBusinessRevenuePrev),
  },
  main_growth_2y: {
    zh: '近两年主营业务收入平均增长率',
    en: 'average main-business growth over 2 years',
    unit: PERCENT,
    kind: 'number',
    facts: ['mainBusinessRevenue', 'mainBusinessRevenuePrev', 'mainBusinessRevenuePrev2'],
    // The arithmetic mean of the two years' rates (Huiqi's reading, §3.3).
    get: (f) =>
      round6(
        (growth(f.mainBusinessRevenue, f.mainBusinessRevenuePrev) +
          growth(f.mainBusinessRevenuePrev, f.mainBusinessRevenuePrev2)) /
          2,
      ),
  },
  debt_ratio: {
    zh: '资产负债率',
    en: 'debt-to-assets',
    unit: PERCENT,
    kind: 'number',
    facts: ['totalLiabilities', 'totalAssets'],
    get: (f) => ratio(f.totalLiabilities, f.totalAssets),
  },
  net_margin: {
    zh: '净利润率',
    en: 'net profit margin',
    unit: PERCENT,
    kind: 'number',
    facts: ['netProfit', 'operatingRevenue'],
    get: (f) => ratio(f.netProfit, f.operatingRevenue),
  },
  niche_years: {
    zh: '从事细分市场年限',
    en: 'years in the niche',
    unit: YEARS,
    kind: 'number',
    facts: ['nicheYears'],
    get: (f) => num(f.nicheYears),
  },
  equity_2y: {
    zh: '近两年新增股权融资',
    en: 'new equity in 2 years',
    unit: WAN,
    kind: 'number',
    facts: ['newEquity2y'],
    get: (f) => num(f.newEquity2y),
  },
  equity_3y: {
    zh: '近三年新增股权融资',
    en: 'new equity in 3 years',
    unit: WAN,
    kind: 'number',
    facts: ['newEquity3y'],
    get: (f) => num(f.newEquity3y),
  },
  national_award_rank: {
    zh: '国家级科技奖励排名',
    en: 'national S&T award rank',
    unit: RANK,
    kind: 'number',
    facts: ['nationalAwardRank'],
    get: (f) => rank(f.nationalAwardRank),
  },
  provincial_award_rank: {
    zh: '省级科技奖励排名',
    en: 'provincial S&T award rank',
    unit: RANK,
    kind: 'number',
    facts: ['provincialAwardRank'],
    get: (f) => rank(f.provincialAwardRank),
  },
  market_share: {
    zh: '全国细分市场占有率',
    en: 'national niche market share',
    unit: PERCENT,
    kind: 'number',
    facts: ['nationalMarketShare'],
    get: (f) => num(f.nationalMarketShare),
  },
  ip_class_i_in_use: {
    zh: '产生经济效益的Ⅰ类知识产权',
    en: 'class-I IP in use',
    unit: ITEMS,
    kind: 'number',
    facts: ['ipClassIInUse'],
    get: (f) => num(f.ipClassIInUse),
  },
  quality_items: {
    zh: '质量管理事项',
    en: 'quality items',
    unit: ITEMS,
    kind: 'number',
    facts: ['qualityItems'],
    get: (f) => qualityCount(f.qualityItems),
  },
  digital_level: {
    zh: '数字化水平',
    en: 'digital level',
    unit: LEVEL,
    kind: 'number',
    facts: ['digitalLevel'],
    get: (f) => num(f.digitalLevel),
  },
  ip_level: {
    zh: '知识产权',
    en: 'IP',
    unit: null,
    kind: 'level',
    facts: ['ipClassIHighValue', 'ipClassISelfDeveloped', 'ipClassIOther', 'ipClassII'],
    get: ipLevel,
  },
  rd_institution_level: {
    zh: '研发机构',
    en: 'R&D institution',
    unit: null,
    kind: 'level',
    facts: ['rdInstitution'],
    get: (f) => levelIndex('rd_institution_level', f.rdInstitution),
  },
  product_field: {
    zh: '主导产品领域',
    en: "main product's field",
    unit: null,
    kind: 'level',
    facts: ['productField'],
    get: (f) => levelIndex('product_field', f.productField),
  },
  in_catalogue: {
    zh: '属于战略性新兴产业目录',
    en: 'in the strategic emerging industries catalogue',
    unit: null,
    kind: 'yes_no',
    facts: ['inStrategicCatalogue'],
    get: (f) => yesNo(f.inStrategicCatalogue),
  },
  science_award: {
    zh: '近三年国家级或省级科技奖励',
    en: 'a national or provincial S&T award in 3 years',
    unit: null,
    kind: 'yes_no',
    facts: ['nationalAwardRank', 'provincialAwardRank'],
    get: (f) => {
      const national = f.nationalAwardRank;
      const provincial = f.provincialAwardRank;
      if (typeof national === 'number' || typeof provincial === 'number') return 1;
      return national === 'none' && provincial === 'none' ? 0 : Number.NaN;
    },
  },
  maker_china_top500: {
    zh: '“创客中国”全国500强',
    en: 'Maker China national top 500',
    unit: null,
    kind: 'yes_no',
    facts: ['makerChinaTop500'],
    get: (f) => yesNo(f.makerChinaTop500),
  },
  information_systems: {
    zh: '核心业务采用信息系统',
    en: 'core business on information systems',
    unit: null,
    kind: 'yes_no',
    facts: ['informationSystems'],
    get: (f) => yesNo(f.informationSystems),
  },
  certified_management: {
    zh: '管理体系或产品认证',
    en: 'certified management system or product certification',
    unit: null,
    kind: 'yes_no',
    facts: ['certifiedManagement'],
    get: (f) => yesNo(f.certifiedManagement),
  },
  own_brand: {
    zh: '自主品牌',
    en: 'own brand',
    unit: null,
    kind: 'yes_no',
    facts: ['qualityItems'],
    get: (f) => (f.qualityItems == null ? Number.NaN : f.qualityItems.includes('own_brand') ? 1 : 0),
  },
  key_chain_link: {
    zh: '位于产业链关键环节',
    en: 'key link of an industrial chain',
    unit: null,
    kind: 'yes_no',
    facts: ['keyChainLink'],
    get: (f) => yesNo(f.keyChainLink),
  },
  priority_field: {
    zh: '主导产品属于重点领域',
    en: 'main product in a priority field',
    unit: null,
    kind: 'yes_no',
    facts: ['priorityField'],
    get: (f) => yesNo(f.priorityField),
  },
};

const OPTION_NAMES: Record<string, Localized> = {
  none: { zh: '无', en: 'none' },
  class_ii: { zh: 'Ⅱ类', en: 'class II' },
  class_i: { zh: 'Ⅰ类', en: 'class I' },
  class_i_self_developed: { zh: '自主研发Ⅰ类', en: 'self-developed class I' },
  class_i_high_value: { zh: 'Ⅰ类高价值', en: 'high-value class I' },
  below_city: { zh: '市级以下', en: 'below city level' },
  city: { zh: '市级', en: 'city level' },
  provincial: { zh: '省级', en: 'provincial' },
  national: { zh: '国家级', en: 'national' },
  other: { zh: '其他', en: 'other' },
  base_brand_or_leader_supplier: {
    zh: '“六基”领域、老字号或龙头企业配套',
    en: '"six bases", time-honoured brand or chain-leader supplier',
  },
  gap_or_key_chain: { zh: '填补国内空白或补强关键环节', en: 'fills a gap or strengthens a key link' },
};

/** The measures in a fixed order: an assessment computes each once into a vector indexed by this order. */
const MEASURE_IDS = Object.keys(MEASURES) as MeasureId[];
const MEASURE_INDEX = new Map<MeasureId, number>(MEASURE_IDS.map((id, i) => [id, i]));
const MEASURE_GETS: readonly Get[] = MEASURE_IDS.map((id) => MEASURES[id].get);
const indexOf = (measure: MeasureId) => MEASURE_INDEX.get(measure) as number;

/**
 * The measures of the assessment under way, filled before scoring and read only by it (scoring is synchronous;
 * the texts, written later, compute their own vector).
 */
const scratch = new Float64Array(MEASURE_IDS.length);
/** Which of `scratch` the assessment under way has computed: those equal to `epoch`. */
const filled = new Uint32Array(MEASURE_IDS.length);
let epoch = 0;

/** Every measure of an enterprise (for the texts, off the hot path). */
function measureVector(facts: EnterpriseFacts): Float64Array {
  const m = new Float64Array(MEASURE_IDS.length);
  for (let i = 0; i < m.length; i++) m[i] = (MEASURE_GETS[i] as Get)(facts);
  return m;
}

// ---------------------------------------------------------------------------------------------------------------
// Compiling a standard

/** A standard or a province's indicator set that cannot be compiled: the message names the path. */
export class CultivationStandardError extends RangeError {
  override name = 'CultivationStandardError';
}

interface CompiledScale {
  measure: MeasureId | null;
  /** For a province's indicator. */
  provinceIndicator: string | null;
  name: Localized;
  unit: Localized | null;
  kind: 'number' | 'level' | 'yes_no';
  /** The measure's index in the vector, or -1 for a province's indicator (read through `get`). */
  at: number;
  get: Get;
  lo: Float64Array;
  loIn: Uint8Array;
  hi: Float64Array;
  hiIn: Uint8Array;
  points: Float64Array;
}

interface CompiledIndicator {
  id: string;
  zh: string;
  en: string;
  max: number;
  dimension: number;
  scales: CompiledScale[];
  /** Index of its first scale's value in an assessment's `values`. */
  offset: number;
  basis: string;
  confidence: string;
}

interface CompiledDimension {
  id: string;
  zh: string;
  en: string;
  max: number;
  minimum: number | null;
  /** A province-set dimension without the province's indicators: it cannot be scored. */
  unset: boolean;
}

type Tri = 1 | 0 | -1;
type Check = (m: Float64Array, f: EnterpriseFacts) => Tri;

interface CompiledCondition {
  id: string;
  zh: string;
  en: string;
  group: 'prerequisite' | 'required' | 'alternative';
  test: Test;
  check: Check;
  /** The indexes of the measures its test reads, computed when it is first checked in an assessment. */
  measures: Int32Array;
  basis: string;
  confidence: string;
}

/**
 * A standard ready to score enterprises (compile once, score many): its indicators, dimensions and conditions as
 * flat arrays, and the measures it reads.
 */
export interface CompiledStandard {
  readonly standard: TierStandard;
  readonly tier: CultivationTier;
  /** The province whose 特色化 indicators it holds, or null. */
  readonly province: string | null;
  readonly maxTotal: number;
  readonly indicators: readonly CompiledIndicator[];
  readonly dimensions: readonly CompiledDimension[];
  readonly conditions: readonly CompiledCondition[];
  readonly requiredCount: number;
  /** The indexes of the measures its indicators read, computed once per assessment before scoring (a condition's
   * are computed when it is checked: scoring stops at a failed requirement). */
  readonly measureIndexes: Int32Array;
  /** Reused by each assessment for the dimensions' best possible points (never kept in a result). */
  readonly upper: Float64Array;
}

function checkBands(bands: readonly Band[], path: string): void {
  const sorted = [...bands].sort(
    (a, b) => (a.lower?.value ?? Number.NEGATIVE_INFINITY) - (b.lower?.value ?? Number.NEGATIVE_INFINITY),
  );
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) throw new CultivationStandardError(`${path}: no bands`);
  if (first.lower !== null)
    throw new CultivationStandardError(`${path}: no band covers values below the lowest`);
  if (last.upper !== null)
    throw new CultivationStandardError(`${path}: no band covers values above the highest`);
  for (let i = 1; i < sorted.length; i++) {
    const below = sorted[i - 1] as Band;
    const above = sorted[i] as Band;
    if (below.upper === null || above.lower === null || below.upper.value !== above.lower.value)
      throw new CultivationStandardError(`${path}: a gap or overlap at ${above.lower?.value ?? '−∞'}`);
    if (below.upper.included === above.lower.included)
      throw new CultivationStandardError(
        `${path}: ${above.lower.value} is ${below.upper.included ? 'in both bands' : 'in neither band'} beside it`,
      );
  }
}

function numberScale(
  measure: MeasureId | null,
  provinceIndicator: string | null,
  name: Localized,
  unit: Localized | null,
  get: Get,
  bands: readonly Band[],
  path: string,
): CompiledScale {
  checkBands(bands, path);
  const n = bands.length;
  const scale: CompiledScale = {
    measure,
    provinceIndicator,
    name,
    unit,
    kind: 'number',
    at: measure === null ? -1 : indexOf(measure),
    get,
    lo: new Float64Array(n),
    loIn: new Uint8Array(n),
    hi: new Float64Array(n),
    hiIn: new Uint8Array(n),
    points: new Float64Array(n),
  };
  bands.forEach((b, i) => {
    scale.lo[i] = b.lower?.value ?? Number.NEGATIVE_INFINITY;
    scale.loIn[i] = b.lower?.included ? 1 : 0;
    scale.hi[i] = b.upper?.value ?? Number.POSITIVE_INFINITY;
    scale.hiIn[i] = b.upper?.included ? 1 : 0;
    scale.points[i] = b.points;
  });
  return scale;
}

/** A level or yes/no scale as bands of one value each (the option's index; yes = 1, no = 0). */
function pointScale(
  measure: MeasureId,
  kind: 'level' | 'yes_no',
  entries: readonly { at: number; points: number }[],
): CompiledScale {
  const definition = MEASURES[measure];
  const n = entries.length;
  const scale: CompiledScale = {
    measure,
    provinceIndicator: null,
    name: { zh: definition.zh, en: definition.en },
    unit: null,
    kind,
    at: indexOf(measure),
    get: definition.get,
    lo: new Float64Array(n),
    loIn: new Uint8Array(n).fill(1),
    hi: new Float64Array(n),
    hiIn: new Uint8Array(n).fill(1),
    points: new Float64Array(n),
  };
  entries.forEach((e, i) => {
    scale.lo[i] = e.at;
    scale.hi[i] = e.at;
    scale.points[i] = e.points;
  });
  return scale;
}

/** A test compiled to read the measure vector; the indexes it reads are added to `used`. */
function compileTest(test: Test, path: string, used: Set<number>): Check {
  switch (test.op) {
    case 'gte':
    case 'gt':
    case 'lte':
    case 'lt': {
      const at = indexOf(test.measure);
      used.add(at);
      const value = test.value;
      if (test.op === 'gte')
        return (m) => {
          const v = m[at] as number;
          return Number.isNaN(v) ? -1 : v >= value ? 1 : 0;
        };
      if (test.op === 'gt')
        return (m) => {
          const v = m[at] as number;
          return Number.isNaN(v) ? -1 : v > value ? 1 : 0;
        };
      if (test.op === 'lte')
        return (m) => {
          const v = m[at] as number;
          return Number.isNaN(v) ? -1 : v <= value ? 1 : 0;
        };
      return (m) => {
        const v = m[at] as number;
        return Number.isNaN(v) ? -1 : v < value ? 1 : 0;
      };
    }
    case 'at_least': {
      const level = (LEVEL_OPTIONS[test.measure] as readonly string[]).indexOf(test.option);
      if (level < 0)
        throw new CultivationStandardError(`${path}: ${test.option} is not a level of ${test.measure}`);
      const at = indexOf(test.measure);
      used.add(at);
      return (m) => {
        const v = m[at] as number;
        return Number.isNaN(v) ? -1 : v >= level ? 1 : 0;
      };
    }
    case 'yes': {
      const at = indexOf(test.measure);
      used.add(at);
      return (m) => {
        const v = m[at] as number;
        return Number.isNaN(v) ? -1 : v === 1 ? 1 : 0;
      };
    }
    case 'holds': {
      const names = test.recognitions;
      return (_m, f) => {
        const held = f.certifications;
        if (held == null) return -1;
        for (const name of names) if (held.includes(name)) return 1;
        return 0;
      };
    }
    case 'all':
    case 'any': {
      const parts = test.of.map((t, i) => compileTest(t, `${path}.of[${i}]`, used));
      const all = test.op === 'all';
      return (m, f) => {
        let unknown = false;
        for (const part of parts) {
          const r = part(m, f);
          if (r === (all ? 0 : 1)) return r;
          if (r === -1) unknown = true;
        }
        return unknown ? -1 : all ? 1 : 0;
      };
    }
  }
}

function compileIndicators(
  dimension: Dimension,
  d: number,
  province: ProvinceIndicatorSet | null,
  standard: TierStandard,
  offset: number,
): CompiledIndicator[] {
  const path = `${standard.id}.${dimension.id}`;
  if (dimension.provinceSet !== undefined) {
    if (province === null) return [];
    const { minIndicators, maxIndicators } = dimension.provinceSet;
    const set = province.indicators;
    if (set.length < minIndicators || set.length > maxIndicators)
      throw new CultivationStandardError(
        `${province.province}.indicators: ${set.length} indicators; the standard allows ${minIndicators} to ${maxIndicators}`,
      );
    const sum = set.reduce((s, i) => s + i.max, 0);
    if (sum !== dimension.max)
      throw new CultivationStandardError(
        `${province.province}.indicators: their maximums add up to ${sum}; the dimension is worth ${dimension.max}`,
      );
    const ids = new Set<string>();
    return set.map((indicator, i) => {
      const at = `${province.province}.indicators[${i}]`;
      if (ids.has(indicator.id))
        throw new CultivationStandardError(`${at}.id: ${indicator.id} is used twice`);
      ids.add(indicator.id);
      const top = Math.max(...indicator.bands.map((b) => b.points));
      if (top !== indicator.max || indicator.bands.some((b) => b.points < 0))
        throw new CultivationStandardError(`${at}.bands: points run from 0 to its maximum ${indicator.max}`);
      const id = indicator.id;
      const scale = numberScale(
        null,
        id,
        { zh: indicator.zh, en: indicator.en },
        indicator.unit,
        (f) => {
          const v = f.provinceIndicators?.[id];
          return v == null ? Number.NaN : v;
        },
        indicator.bands,
        `${at}.bands`,
      );
      return {
        id: `province:${id}`,
        zh: indicator.zh,
        en: indicator.en,
        max: indicator.max,
        dimension: d,
        scales: [scale],
        offset: offset + i,
        basis: `docs/reference/cultivation.md §3.4; ${province.province}`,
        confidence: 'agreed',
      };
    });
  }
  let sum = 0;
  const compiled = dimension.indicators.map((indicator) => {
    const at = `${path}.${indicator.id}`;
    const scales = indicator.scales.map((scale, s): CompiledScale => {
      const definition = MEASURES[scale.measure];
      if ('bands' in scale)
        return numberScale(
          scale.measure,
          null,
          { zh: definition.zh, en: definition.en },
          definition.unit,
          definition.get,
          scale.bands,
          `${at}.scales[${s}]`,
        );
      if ('options' in scale) {
        const options = LEVEL_OPTIONS[scale.measure] as readonly string[];
        const listed = scale.options.map((o) => o.option);
        if (listed.length !== options.length || options.some((o) => !listed.includes(o)))
          throw new CultivationStandardError(`${at}.scales[${s}]: every level of ${scale.measure} once`);
        return pointScale(
          scale.measure,
          'level',
          scale.options.map((o) => ({ at: options.indexOf(o.option), points: o.points })),
        );
      }
      return pointScale(scale.measure, 'yes_no', [
        { at: 1, points: scale.yes },
        { at: 0, points: scale.no },
      ]);
    });
    const top = Math.max(...scales.flatMap((s) => [...s.points]));
    if (top !== indicator.max)
      throw new CultivationStandardError(
        `${at}: its best band gives ${top}, its maximum is ${indicator.max}`,
      );
    sum += indicator.max;
    const result: CompiledIndicator = {
      id: indicator.id,
      zh: indicator.zh,
      en: indicator.en,
      max: indicator.max,
      dimension: d,
      scales,
      offset,
      basis: indicator.basis,
      confidence: indicator.confidence,
    };
    offset += scales.length;
    return result;
  });
  if (sum !== dimension.max)
    throw new CultivationStandardError(
      `${path}: indicators add up to ${sum}, the dimension to ${dimension.max}`,
    );
  return compiled;
}

/**
 * Compiles a tier's standard version, with a province's 特色化 indicators where the standard leaves them to the
 * province (without them that dimension is reported missing). Throws CultivationStandardError, naming the path,
 * when a band leaves a gap or overlaps, a level is missing, or the province's set breaks the standard's limits.
 */
export function compileStandard(
  standard: TierStandard,
  province: ProvinceIndicatorSet | null = null,
): CompiledStandard {
  if (province !== null && province.standardId !== standard.id)
    throw new CultivationStandardError(
      `${province.province}.standardId: ${province.standardId} is not ${standard.id}`,
    );
  const indicators: CompiledIndicator[] = [];
  const dimensions: CompiledDimension[] = [];
  const used = new Set<number>();
  let scaleCount = 0;
  let maxTotal = 0;
  standard.score?.dimensions.forEach((dimension, d) => {
    const compiled = compileIndicators(dimension, d, province, standard, scaleCount);
    for (const indicator of compiled) {
      indicators.push(indicator);
      scaleCount += indicator.scales.length;
      for (const scale of indicator.scales) if (scale.at >= 0) used.add(scale.at);
    }
    dimensions.push({
      id: dimension.id,
      zh: dimension.zh,
      en: dimension.en,
      max: dimension.max,
      minimum: dimension.minimum?.points ?? null,
      unset: dimension.provinceSet !== undefined && province === null,
    });
    maxTotal += dimension.max;
  });
  const conditions: CompiledCondition[] = [];
  const prerequisite = standard.prerequisite;
  const reads = (test: Test, path: string) => {
    const own = new Set<number>();
    const check = compileTest(test, path, own);
    return { check, measures: Int32Array.from([...own].sort((a, b) => a - b)) };
  };
  if (prerequisite !== null) {
    const test: Test = { op: 'holds', recognitions: [prerequisite.recognition] };
    conditions.push({
      id: 'prerequisite',
      zh: `已认定为${prerequisite.recognition}（有效期内）`,
      en: `Holds a valid recognition as ${certificationNameEn(prerequisite.recognition)}`,
      group: 'prerequisite',
      test,
      ...reads(test, `${standard.id}.prerequisite`),
      basis: prerequisite.basis,
      confidence: prerequisite.confidence,
    });
  }
  for (const [group, list] of [
    ['required', standard.required],
    ['alternative', standard.alternatives],
  ] as const)
    list.forEach((c, i) => {
      conditions.push({
        id: c.id,
        zh: c.zh,
        en: c.en,
        group,
        test: c.test,
        ...reads(c.test, `${standard.id}.${group}[${i}]`),
        basis: c.basis,
        confidence: c.confidence,
      });
    });
  return {
    standard,
    tier: standard.tier,
    province: province?.province ?? null,
    indicators,
    dimensions,
    conditions,
    requiredCount: conditions.length - standard.alternatives.length,
    maxTotal,
    measureIndexes: Int32Array.from([...used].sort((a, b) => a - b)),
    upper: new Float64Array(dimensions.length),
  };
}

/** The standards of several tiers compiled together, so that an enterprise's measures are computed once. */
export interface CompiledTiers {
  readonly tiers: readonly CompiledStandard[];
  readonly measureIndexes: Int32Array;
}

/**
 * Compiles standards to assess together (e.g. the three tiers in force on a day), each with the province's set
 * made for it, if any.
 */
export function compileTiers(
  standards: readonly TierStandard[],
  provinceSets: readonly ProvinceIndicatorSet[] = [],
): CompiledTiers {
  return tiersTogether(
    standards.map((standard) =>
      compileStandard(standard, provinceSets.find((p) => p.standardId === standard.id) ?? null),
    ),
  );
}

/** Standards compiled one by one, to assess together. */
export function tiersTogether(tiers: readonly CompiledStandard[]): CompiledTiers {
  const used = new Set<number>();
  for (const tier of tiers) for (const at of tier.measureIndexes) used.add(at);
  return { tiers, measureIndexes: Int32Array.from([...used].sort((a, b) => a - b)) };
}

/** Starts an assessment's measures: the indicators' computed now, the conditions' when first checked. */
function fillMeasures(indexes: Int32Array, facts: EnterpriseFacts): void {
  epoch = epoch === 0xffffffff ? 1 : epoch + 1;
  if (epoch === 1) filled.fill(0);
  for (let i = 0; i < indexes.length; i++) {
    const at = indexes[i] as number;
    scratch[at] = (MEASURE_GETS[at] as Get)(facts);
    filled[at] = epoch;
  }
}

/** Computes those of the measures not yet computed in the assessment under way. */
function fillMissingMeasures(indexes: Int32Array, facts: EnterpriseFacts): void {
  for (let i = 0; i < indexes.length; i++) {
    const at = indexes[i] as number;
    if (filled[at] === epoch) continue;
    scratch[at] = (MEASURE_GETS[at] as Get)(facts);
    filled[at] = epoch;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring

/** The band a value falls in (its index), or -1 for NaN. */
function bandOf(scale: CompiledScale, v: number): number {
  if (Number.isNaN(v)) return -1;
  const { lo, loIn, hi, hiIn } = scale;
  for (let i = 0; i < lo.length; i++) {
    const l = lo[i] as number;
    const h = hi[i] as number;
    if ((v > l || (v === l && loIn[i] === 1)) && (v < h || (v === h && hiIn[i] === 1))) return i;
  }
  return -1;
}

/** Whether an enterprise is likely to qualify: `incomplete` when facts it lacks could still change the answer. */
export type AssessmentStatus = 'likely' | 'unlikely' | 'incomplete';

/** A figure an indicator used. */
export interface FigureUsed {
  measure: string;
  name: Localized;
  /** null when it could not be computed (see `missing`). */
  value: number | null;
  text: Localized;
  /** The figure's unit (for a form to show beside its field), null for a level or a yes/no. */
  unit: Localized | null;
}

/** An indicator's points with the figures behind them. */
export interface IndicatorScore {
  id: string;
  dimension: string;
  name: Localized;
  points: number;
  max: number;
  /** No figure of it could be computed: it scores nothing until the facts are given. */
  missing: boolean;
  figures: FigureUsed[];
  basis: string;
  confidence: string;
}

/** A dimension's points against its minimum. */
export interface DimensionScore {
  id: string;
  name: Localized;
  points: number;
  max: number;
  minimum: number | null;
  /** null without a minimum. */
  meetsMinimum: boolean | null;
  /** A province-set dimension without the province's indicators. */
  unset: boolean;
}

/** A condition's outcome: met, failed, or undecided (null) for lack of facts, with why. */
export interface ConditionOutcome {
  id: string;
  group: 'prerequisite' | 'required' | 'alternative';
  name: Localized;
  met: boolean | null;
  reason: Localized;
  basis: string;
  confidence: string;
}

/** A fact the assessment lacks, and what it is needed for. */
export interface MissingFact {
  fact: string;
  name: Localized;
  /** Indicator and condition ids. */
  neededFor: string[];
  /** Why: not given, or a base of 0 for a ratio. */
  reason: Localized;
}

/** The smallest change of an indicator's measure that reaches its next band, and the points it adds. */
export interface Need {
  indicator: string;
  dimension: string;
  measure: string;
  from: number;
  to: number;
  /** `to` itself reaches the band; otherwise the value must pass it (above or below). */
  toIncluded: boolean;
  gain: number;
  text: Localized;
}

/**
 * A figure as a text: two decimals, or as many more as it takes not to read as a whole number it is not (2.997% is
 * not "3%", which would seem to reach a band it misses).
 */
function fmt(v: number): string {
  if (v === Number.POSITIVE_INFINITY) return '—';
  if (Number.isInteger(v)) return String(v);
  for (let digits = 2; digits < 6; digits++) {
    const shown = Number(v.toFixed(digits));
    if (!Number.isInteger(shown)) return String(shown);
  }
  return String(Number(v.toFixed(6)));
}

function valueText(scale: CompiledScale, v: number): Localized {
  if (Number.isNaN(v)) return { zh: '缺少数据', en: 'unknown' };
  if (scale.kind === 'yes_no') return v === 1 ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' };
  if (scale.kind === 'level') {
    const option = (LEVEL_OPTIONS[scale.measure as LevelMeasure] as readonly string[])[v] ?? String(v);
    return OPTION_NAMES[option] ?? { zh: option, en: option };
  }
  const unit = scale.unit ?? { zh: '', en: '' };
  return { zh: `${fmt(v)}${unit.zh}`, en: `${fmt(v)}${unit.en}` };
}

/** What scoring keeps for the texts: each indicator's points, each scale's figure, each condition's state. */
interface Detail {
  points: number[];
  values: number[];
  conditions: Tri[];
}

/** An assessment's texts, each written when first read. */
interface Texts {
  indicators?: IndicatorScore[];
  dimensions?: DimensionScore[];
  conditions?: ConditionOutcome[];
  missing?: MissingFact[];
  needs?: Need[];
}

/**
 * The assessment of one enterprise against one tier's standard. Its status, total and dimension points are kept; the
 * figures behind them and the texts are worked out again when first read, from the facts it was given: those must
 * not be changed afterwards.
 */
export class TierAssessment {
  readonly status: AssessmentStatus;
  /** The total score (0 for a tier without a score). */
  readonly total: number;
  /** Whether the score passes with every dimension minimum: null for a tier without a score or while undecided. */
  readonly scorePasses: boolean | null;
  readonly #compiled: CompiledStandard;
  readonly #facts: EnterpriseFacts;
  readonly #dimensionPoints: number[];
  /** Each indicator's points and figures and each condition's state: scored again when first read. */
  #detail: Detail | undefined;
  #texts: Texts | undefined;

  constructor(
    compiled: CompiledStandard,
    facts: EnterpriseFacts,
    status: AssessmentStatus,
    total: number,
    scorePasses: boolean | null,
    dimensionPoints: number[],
    detail: Detail | undefined,
  ) {
    this.status = status;
    this.total = total;
    this.scorePasses = scorePasses;
    this.#compiled = compiled;
    this.#facts = facts;
    this.#dimensionPoints = dimensionPoints;
    this.#detail = detail;
  }

  get tier(): CultivationTier {
    return this.#compiled.tier;
  }

  get standardId(): string {
    return this.#compiled.standard.id;
  }

  get maxTotal(): number {
    return this.#compiled.maxTotal;
  }

  /** The total the standard asks for (null for a tier without a score). */
  get passMark(): number | null {
    return this.#compiled.standard.score?.passTotal ?? null;
  }

  /** The scoring again with each indicator's points and figures and each condition's state kept (same facts). */
  get #detailed(): Detail {
    if (this.#detail === undefined) {
      const detail: Detail = { points: [], values: [], conditions: [] };
      score(this.#compiled, this.#facts, measureVector(this.#facts), detail);
      this.#detail = detail;
    }
    return this.#detail;
  }

  get #written(): Texts {
    this.#texts ??= {};
    return this.#texts;
  }

  /** Whether it is likely to qualify. */
  get likely(): boolean {
    return this.status === 'likely';
  }

  /** The points of one indicator by id (no text written). */
  pointsOf(indicatorId: string): number | undefined {
    const i = this.#compiled.indicators.findIndex((x) => x.id === indicatorId);
    return i < 0 ? undefined : this.#detailed.points[i];
  }

  /** The points of one dimension by id (no text written). */
  dimensionPointsOf(dimensionId: string): number | undefined {
    const d = this.#compiled.dimensions.findIndex((x) => x.id === dimensionId);
    return d < 0 ? undefined : this.#dimensionPoints[d];
  }

  /** Each indicator's points with the figures used. */
  get indicators(): IndicatorScore[] {
    const { points, values } = this.#detailed;
    this.#written.indicators ??= this.#compiled.indicators.map((indicator, i) => {
      const figures = indicator.scales.map((scale, s): FigureUsed => {
        const v = values[indicator.offset + s] as number;
        return {
          measure: scale.measure ?? `provinceIndicators.${scale.provinceIndicator}`,
          name: scale.name,
          value: Number.isNaN(v) ? null : v,
          text: valueText(scale, v),
          unit: scale.kind === 'number' && scale.unit !== null && scale.unit.zh !== '' ? scale.unit : null,
        };
      });
      return {
        id: indicator.id,
        dimension: (this.#compiled.dimensions[indicator.dimension] as CompiledDimension).id,
        name: { zh: indicator.zh, en: indicator.en },
        points: points[i] as number,
        max: indicator.max,
        missing: figures.every((f) => f.value === null),
        figures,
        basis: indicator.basis,
        confidence: indicator.confidence,
      };
    });
    return this.#written.indicators;
  }

  /** Each dimension's points against its minimum. */
  get dimensions(): DimensionScore[] {
    this.#written.dimensions ??= this.#compiled.dimensions.map((dimension, d) => {
      const points = this.#dimensionPoints[d] as number;
      return {
        id: dimension.id,
        name: { zh: dimension.zh, en: dimension.en },
        points,
        max: dimension.max,
        minimum: dimension.minimum,
        meetsMinimum: dimension.minimum === null ? null : points >= dimension.minimum,
        unset: dimension.unset,
      };
    });
    return this.#written.dimensions;
  }

  /** The conditions (prerequisite, required, alternatives) with their outcome and why. */
  get conditions(): ConditionOutcome[] {
    const { conditions } = this.#detailed;
    this.#written.conditions ??= this.#compiled.conditions.map((c, i) => {
      const state = conditions[i] as Tri;
      const facts = this.#facts;
      let reason: Localized | undefined;
      return {
        id: c.id,
        group: c.group,
        name: { zh: c.zh, en: c.en },
        met: state === -1 ? null : state === 1,
        get reason(): Localized {
          reason ??= conditionReason(c, state, facts);
          return reason;
        },
        basis: c.basis,
        confidence: c.confidence,
      };
    });
    return this.#written.conditions;
  }

  /** The facts it lacks, each with what it is needed for. */
  get missing(): MissingFact[] {
    const { values, conditions } = this.#detailed;
    this.#written.missing ??= findMissing(this.#compiled, this.#facts, values, conditions);
    return this.#written.missing;
  }

  /** For each indicator below its top band, the smallest change to the next band and the points it adds. */
  get needs(): Need[] {
    const { points, values } = this.#detailed;
    this.#written.needs ??= findNeeds(this.#compiled, points, values);
    return this.#written.needs;
  }

  /** A summary line: the outcome, the total and the dimensions. */
  get summary(): Localized {
    const tier = this.#compiled.standard;
    const outcome: Record<AssessmentStatus, Localized> = {
      likely: { zh: '可能符合', en: 'likely to qualify' },
      unlikely: { zh: '暂不符合', en: 'unlikely to qualify' },
      incomplete: { zh: '资料不全，尚无法判断', en: 'cannot be decided until the missing facts are given' },
    };
    const dims = this.dimensions;
    const zhDims = dims.map((d) => `${d.name.zh}${d.unset ? '未设' : d.points}`).join('，');
    const enDims = dims.map((d) => `${d.name.en} ${d.unset ? 'not set' : d.points}`).join(', ');
    return {
      zh: `${tier.documentNumber}：${outcome[this.status].zh}${dims.length > 0 ? `；总分${this.total}（${zhDims}）` : ''}`,
      en: `${tier.documentNumber}: ${outcome[this.status].en}${dims.length > 0 ? `; total ${this.total} (${enDims})` : ''}`,
    };
  }

  /** Everything, with its texts (for an API answer or a page). */
  explain() {
    return {
      tier: this.tier,
      standardId: this.standardId,
      status: this.status,
      likely: this.likely,
      total: this.total,
      maxTotal: this.maxTotal,
      passMark: this.passMark,
      scorePasses: this.scorePasses,
      summary: this.summary,
      dimensions: this.dimensions,
      indicators: this.indicators,
      conditions: this.conditions.map((c) => ({ ...c, reason: c.reason })),
      missing: this.missing,
      needs: this.needs,
    };
  }

  toJSON() {
    return this.explain();
  }
}

/** Three-valued (Kleene) logic: 1 holds, 0 fails, -1 the missing facts decide. */
const and = (a: Tri, b: Tri): Tri => (a === 0 || b === 0 ? 0 : a === 1 && b === 1 ? 1 : -1);
const or = (a: Tri, b: Tri): Tri => (a === 1 || b === 1 ? 1 : a === 0 && b === 0 ? 0 : -1);

/**
 * Scores an enterprise's facts against a compiled standard. It qualifies when the prerequisite and every required
 * condition hold and either an alternative holds or the score reaches the pass mark with each dimension at its
 * minimum. Unknown facts score nothing; when they could still change the answer the status is `incomplete`.
 * The facts are not checked here: call `checkFacts` first where they come from a form.
 */
export function assess(compiled: CompiledStandard, facts: EnterpriseFacts): TierAssessment {
  fillMeasures(compiled.measureIndexes, facts);
  return score(compiled, facts, scratch, undefined);
}

/** Assesses an enterprise against each of the tiers compiled together, its measures computed once. */
export function assessTiers(compiled: CompiledTiers, facts: EnterpriseFacts): TierAssessment[] {
  fillMeasures(compiled.measureIndexes, facts);
  const results: TierAssessment[] = [];
  for (const tier of compiled.tiers) results.push(score(tier, facts, scratch, undefined));
  return results;
}

/**
 * The scoring itself, over the measures already in `m`. A dimension's best possible points count an indicator with
 * a figure missing at its maximum: a score that cannot pass even so fails; one that could pass is undecided.
 */
function score(
  compiled: CompiledStandard,
  facts: EnterpriseFacts,
  m: Float64Array,
  detail: Detail | undefined,
): TierAssessment {
  const indicators = compiled.indicators;
  const dimensions = compiled.dimensions;
  const dimensionPoints: number[] = [];
  const upper = compiled.upper;
  for (let d = 0; d < dimensions.length; d++) {
    dimensionPoints.push(0);
    upper[d] = (dimensions[d] as CompiledDimension).unset ? (dimensions[d] as CompiledDimension).max : 0;
  }
  let total = 0;
  for (let i = 0; i < indicators.length; i++) {
    const indicator = indicators[i] as CompiledIndicator;
    const scales = indicator.scales;
    let best = 0;
    let unknown = false;
    for (let s = 0; s < scales.length; s++) {
      const scale = scales[s] as CompiledScale;
      const v = scale.at >= 0 ? (m[scale.at] as number) : scale.get(facts);
      if (detail !== undefined) detail.values.push(v);
      const b = bandOf(scale, v);
      if (b < 0) unknown = true;
      else if ((scale.points[b] as number) > best) best = scale.points[b] as number;
    }
    if (detail !== undefined) detail.points.push(best);
    total += best;
    dimensionPoints[indicator.dimension] = (dimensionPoints[indicator.dimension] as number) + best;
    upper[indicator.dimension] =
      (upper[indicator.dimension] as number) + (unknown && best < indicator.max ? indicator.max : best);
  }

  let scoreState: Tri = 0;
  let scorePasses: boolean | null = null;
  const standardScore = compiled.standard.score;
  if (standardScore !== null) {
    let known: Tri = total >= standardScore.passTotal ? 1 : 0;
    let upperTotal = 0;
    let possible = true;
    for (let d = 0; d < dimensions.length; d++) {
      const minimum = (dimensions[d] as CompiledDimension).minimum;
      const u = upper[d] as number;
      upperTotal += u;
      if (minimum !== null) {
        if ((dimensionPoints[d] as number) < minimum) known = 0;
        if (u < minimum) possible = false;
      }
    }
    scoreState = known === 1 ? 1 : possible && upperTotal >= standardScore.passTotal ? -1 : 0;
    scorePasses = scoreState === -1 ? null : scoreState === 1;
  }

  const conditions = compiled.conditions;
  let required: Tri = 1;
  let alternative: Tri = 0;
  for (let c = 0; c < conditions.length; c++) {
    const condition = conditions[c] as CompiledCondition;
    if (m === scratch) fillMissingMeasures(condition.measures, facts);
    const state = condition.check(m, facts);
    if (detail !== undefined) detail.conditions.push(state);
    if (condition.group === 'alternative') alternative = or(alternative, state);
    else required = and(required, state);
    // A failed prerequisite or requirement decides the status whatever follows; the texts check every condition.
    if (required === 0 && detail === undefined) break;
  }
  const path: Tri =
    standardScore === null && conditions.length === compiled.requiredCount ? 1 : or(alternative, scoreState);
  const overall = and(required, path);
  const status: AssessmentStatus = overall === 1 ? 'likely' : overall === 0 ? 'unlikely' : 'incomplete';
  return new TierAssessment(compiled, facts, status, total, scorePasses, dimensionPoints, detail);
}

// ---------------------------------------------------------------------------------------------------------------
// Texts, written on demand

const OP_TEXT = {
  gte: { zh: '不低于', en: 'at least' },
  gt: { zh: '高于', en: 'above' },
  lte: { zh: '不高于', en: 'at most' },
  lt: { zh: '低于', en: 'below' },
} as const;
const STATE_TEXT: Record<Tri, Localized> = {
  1: { zh: '满足', en: 'met' },
  0: { zh: '不满足', en: 'not met' },
  [-1]: { zh: '缺少数据', en: 'facts missing' },
};

function measureValueText(measure: MeasureId, v: number): Localized {
  const definition = MEASURES[measure];
  if (Number.isNaN(v)) return { zh: '缺少数据', en: 'unknown' };
  if (definition.kind === 'yes_no') return v === 1 ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' };
  if (definition.kind === 'level') {
    const option = (LEVEL_OPTIONS[measure as LevelMeasure] as readonly string[])[v] ?? String(v);
    return OPTION_NAMES[option] ?? { zh: option, en: option };
  }
  if (v === Number.POSITIVE_INFINITY) return { zh: '无', en: 'none' };
  const unit = definition.unit ?? { zh: '', en: '' };
  return { zh: `${fmt(v)}${unit.zh}`, en: `${fmt(v)}${unit.en}` };
}

function testText(test: Test, facts: EnterpriseFacts, m: Float64Array): Localized {
  switch (test.op) {
    case 'gte':
    case 'gt':
    case 'lte':
    case 'lt': {
      const definition = MEASURES[test.measure];
      const v = definition.get(facts);
      const got = measureValueText(test.measure, v);
      const unit = definition.unit ?? { zh: '', en: '' };
      const state = STATE_TEXT[compileTest(test, '', new Set())(m, facts)];
      return {
        zh: `${definition.zh}${got.zh}，要求${OP_TEXT[test.op].zh}${fmt(test.value)}${unit.zh}（${state.zh}）`,
        en: `${definition.en} ${got.en}, required ${OP_TEXT[test.op].en} ${fmt(test.value)}${unit.en} (${state.en})`,
      };
    }
    case 'at_least': {
      const definition = MEASURES[test.measure];
      const got = measureValueText(test.measure, definition.get(facts));
      const wanted = OPTION_NAMES[test.option] ?? { zh: test.option, en: test.option };
      const state = STATE_TEXT[compileTest(test, '', new Set())(m, facts)];
      return {
        zh: `${definition.zh}：${got.zh}，要求${wanted.zh}及以上（${state.zh}）`,
        en: `${definition.en}: ${got.en}, required ${wanted.en} or above (${state.en})`,
      };
    }
    case 'yes': {
      const definition = MEASURES[test.measure];
      const got = measureValueText(test.measure, definition.get(facts));
      const state = STATE_TEXT[compileTest(test, '', new Set())(m, facts)];
      return {
        zh: `${definition.zh}：${got.zh}（${state.zh}）`,
        en: `${definition.en}: ${got.en} (${state.en})`,
      };
    }
    case 'holds': {
      const held = facts.certifications;
      const state = STATE_TEXT[compileTest(test, '', new Set())(m, facts)];
      const one = test.recognitions.length === 1;
      const names = test.recognitions.join('、');
      const namesEn = test.recognitions.map(certificationNameEn).join(', ');
      // Only the recognitions that count here (another held, such as 高新技术企业 for a tier, is not the one asked).
      const counting = held == null ? [] : held.filter((name) => test.recognitions.includes(name));
      const heldEn = counting.length === 0 ? 'none of them' : counting.map(certificationNameEn).join(', ');
      const wanted = { zh: one ? names : `${names}之一`, en: one ? namesEn : `one of ${namesEn}` };
      return held == null
        ? {
            zh: `未提供有效认定（需持有${wanted.zh}）`,
            en: `recognitions held unknown (${wanted.en} needed)`,
          }
        : {
            zh: `需持有${wanted.zh}，${counting.length > 0 ? `现持有${counting.join('、')}` : '未持有'}（${state.zh}）`,
            en: `${wanted.en} needed; holds ${heldEn} (${state.en})`,
          };
    }
    case 'all':
    case 'any': {
      const parts = test.of.map((t) => testText(t, facts, m));
      const joinZh = test.op === 'all' ? '；且' : '；或';
      const joinEn = test.op === 'all' ? '; and ' : '; or ';
      return {
        zh: `（${parts.map((p) => p.zh).join(joinZh)}）`,
        en: `(${parts.map((p) => p.en).join(joinEn)})`,
      };
    }
  }
}

function conditionReason(condition: CompiledCondition, state: Tri, facts: EnterpriseFacts): Localized {
  const detail = testText(condition.test, facts, measureVector(facts));
  const s = STATE_TEXT[state];
  return { zh: `${s.zh}：${detail.zh}`, en: `${s.en}: ${detail.en}` };
}

/** The measures a test reads. */
function measuresOf(test: Test, into: Set<MeasureId | 'certifications'>): void {
  switch (test.op) {
    case 'all':
    case 'any':
      for (const t of test.of) measuresOf(t, into);
      return;
    case 'holds':
      into.add('certifications');
      return;
    default:
      into.add(test.measure);
  }
}

function findMissing(
  compiled: CompiledStandard,
  facts: EnterpriseFacts,
  values: number[],
  states: Tri[],
): MissingFact[] {
  const found = new Map<string, { name: Localized; neededFor: string[]; reason: Localized }>();
  const note = (fact: string, id: string, reason: Localized, name: Localized = factName(fact)) => {
    const entry = found.get(fact);
    if (entry === undefined) found.set(fact, { name, neededFor: [id], reason });
    else if (!entry.neededFor.includes(id)) entry.neededFor.push(id);
  };
  const notGiven: Localized = { zh: '未提供', en: 'not given' };
  const noteMeasure = (measure: MeasureId, id: string) => {
    const definition = MEASURES[measure];
    let named = false;
    for (const fact of definition.facts)
      if (facts[fact] == null) {
        note(fact, id, notGiven);
        named = true;
      }
    if (named) return;
    // Every fact given: a base (a fact after the first) is 0 or negative.
    const base =
      definition.facts.find((fact, i) => i > 0 && (facts[fact] as number) <= 0) ??
      (definition.facts[definition.facts.length - 1] as FactKey);
    note(base, id, {
      zh: `为0或负数，无法计算${definition.zh}`,
      en: `is 0 or negative, so the ${definition.en} cannot be computed`,
    });
  };
  for (const indicator of compiled.indicators)
    indicator.scales.forEach((scale, s) => {
      const v = values[indicator.offset + s] as number;
      if (!Number.isNaN(v)) return;
      if (scale.measure !== null) noteMeasure(scale.measure, indicator.id);
      else note(`provinceIndicators.${scale.provinceIndicator}`, indicator.id, notGiven, scale.name);
    });
  for (const dimension of compiled.dimensions)
    if (dimension.unset)
      note('provinceIndicators', dimension.id, {
        zh: '本省尚未设置特色化指标',
        en: "the province's distinctiveness indicators are not set",
      });
  compiled.conditions.forEach((condition, c) => {
    if (states[c] !== -1) return;
    const measures = new Set<MeasureId | 'certifications'>();
    measuresOf(condition.test, measures);
    for (const measure of measures) {
      if (measure === 'certifications') {
        if (facts.certifications == null) note('certifications', condition.id, notGiven);
      } else if (Number.isNaN(MEASURES[measure].get(facts))) noteMeasure(measure, condition.id);
    }
  });
  return [...found].map(([fact, entry]) => ({ fact, ...entry }));
}

function findNeeds(compiled: CompiledStandard, points: number[], values: number[]): Need[] {
  const needs: Need[] = [];
  compiled.indicators.forEach((indicator, i) => {
    const current = points[i] as number;
    if (current >= indicator.max) return;
    let target = Number.POSITIVE_INFINITY;
    indicator.scales.forEach((scale, s) => {
      if (Number.isNaN(values[indicator.offset + s] as number)) return;
      for (const p of scale.points) if (p > current && p < target) target = p;
    });
    if (target === Number.POSITIVE_INFINITY) return;
    const dimension = (compiled.dimensions[indicator.dimension] as CompiledDimension).id;
    indicator.scales.forEach((scale, s) => {
      const v = values[indicator.offset + s] as number;
      if (Number.isNaN(v)) return;
      let bestDistance = Number.POSITIVE_INFINITY;
      let to = 0;
      let toIncluded = true;
      for (let b = 0; b < scale.points.length; b++) {
        if (scale.points[b] !== target) continue;
        const lo = scale.lo[b] as number;
        const hi = scale.hi[b] as number;
        const up = lo >= v;
        const end = up ? lo : hi;
        const distance = Math.abs(end - v);
        if (distance < bestDistance) {
          bestDistance = distance;
          to = end;
          toIncluded = (up ? scale.loIn[b] : scale.hiIn[b]) === 1;
        }
      }
      if (bestDistance === Number.POSITIVE_INFINITY) return;
      const gain = target - current;
      const measure = scale.measure ?? `provinceIndicators.${scale.provinceIndicator}`;
      let text: Localized | undefined;
      needs.push({
        indicator: indicator.id,
        dimension,
        measure,
        from: v,
        to,
        toIncluded,
        gain,
        get text(): Localized {
          text ??= needText(scale, v, to, toIncluded, gain);
          return text;
        },
      });
    });
  });
  return needs;
}

function needText(
  scale: CompiledScale,
  from: number,
  to: number,
  toIncluded: boolean,
  gain: number,
): Localized {
  const was = valueText(scale, from);
  let target = valueText(scale, to);
  if (!toIncluded) {
    const up = to > from;
    target = { zh: `${up ? '高于' : '低于'}${target.zh}`, en: `${up ? 'above' : 'below'} ${target.en}` };
  }
  return {
    zh: `${scale.name.zh} ${was.zh} → ${target.zh}，可加 ${fmt(gain)} 分`,
    en: `${scale.name.en} ${was.en} → ${target.en} gives +${fmt(gain)}`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Consistency of the facts

/** A fact that contradicts another or cannot be, named by its field. */
export interface FactProblem {
  field: string;
  code:
    | 'not_a_number'
    | 'negative'
    | 'not_whole'
    | 'above_revenue'
    | 'above_employees'
    | 'above_window'
    | 'above_class_i'
    | 'above_100'
    | 'rank_below_1'
    | 'level_out_of_range'
    | 'unknown_option';
  message: Localized;
}

const AMOUNTS = [
  'operatingRevenue',
  'operatingRevenuePrev',
  'mainBusinessRevenue',
  'mainBusinessRevenuePrev',
  'mainBusinessRevenuePrev2',
  'totalAssets',
  'totalLiabilities',
  'rdExpense',
  'rdExpensePrev',
  'newEquity2y',
  'newEquity3y',
  'nicheYears',
  'nationalMarketShare',
] as const satisfies readonly FactKey[];
const COUNTS = [
  'employees',
  'rdStaff',
  'ipClassIHighValue',
  'ipClassISelfDeveloped',
  'ipClassIOther',
  'ipClassII',
  'ipClassIInUse',
] as const satisfies readonly FactKey[];

/**
 * The facts as the scoring takes them: a figure that contradicts another (`checkFacts`: R&D or net profit above
 * revenue, say) is left out, so it scores nothing and is named missing, never points from an impossible ratio. The
 * facts themselves are returned when nothing contradicts.
 */
export function withoutContradictions(facts: EnterpriseFacts): EnterpriseFacts {
  const problems = checkFacts(facts);
  if (problems.length === 0) return facts;
  const kept: Record<string, unknown> = { ...facts };
  for (const p of problems) if (p.field in kept) kept[p.field] = undefined;
  return kept as EnterpriseFacts;
}

/**
 * The consistency checks of an enterprise's facts (docs/reference/cultivation.md §8.2): each problem names its
 * field, with the reason in zh and en. An empty list means the facts can be scored.
 */
export function checkFacts(facts: EnterpriseFacts): FactProblem[] {
  const problems: FactProblem[] = [];
  const add = (field: string, code: FactProblem['code'], zh: string, en: string) =>
    problems.push({ field, code, message: { zh, en } });
  const bad = new Set<string>();
  for (const field of [...AMOUNTS, ...COUNTS, 'netProfit', 'digitalLevel'] as const) {
    const v = facts[field];
    if (v == null) continue;
    const name = factName(field);
    if (!Number.isFinite(v)) {
      add(field, 'not_a_number', `${name.zh}不是有效数字`, `${name.en} is not a finite number`);
      bad.add(field);
    } else if (v < 0 && field !== 'netProfit') {
      add(field, 'negative', `${name.zh}不能为负数（${v}）`, `${name.en} cannot be negative (${v})`);
      bad.add(field);
    } else if ((COUNTS as readonly string[]).includes(field) && !Number.isInteger(v)) {
      add(field, 'not_whole', `${name.zh}应为整数（${v}）`, `${name.en} must be a whole number (${v})`);
      bad.add(field);
    }
  }
  const ok = (field: FactKey): number | null => {
    const v = facts[field];
    return typeof v === 'number' && !bad.has(field) ? v : null;
  };
  const notAbove = (
    field: FactKey,
    limit: FactKey,
    code: FactProblem['code'],
    zhWhat: string,
    enWhat: string,
  ): void => {
    const a = ok(field);
    const b = ok(limit);
    if (a !== null && b !== null && a > b)
      add(
        field,
        code,
        `${factName(field).zh}（${a}）高于${zhWhat}（${b}）`,
        `${factName(field).en} (${a}) is above ${enWhat} (${b})`,
      );
  };
  notAbove('rdExpense', 'operatingRevenue', 'above_revenue', '营业收入', 'operating revenue');
  notAbove('rdExpensePrev', 'operatingRevenuePrev', 'above_revenue', '前年营业收入', "that year's revenue");
  notAbove('mainBusinessRevenue', 'operatingRevenue', 'above_revenue', '营业收入', 'operating revenue');
  notAbove('netProfit', 'operatingRevenue', 'above_revenue', '营业收入', 'operating revenue');
  notAbove(
    'mainBusinessRevenuePrev',
    'operatingRevenuePrev',
    'above_revenue',
    '前年营业收入',
    "that year's revenue",
  );
  notAbove('rdStaff', 'employees', 'above_employees', '从业人员', 'employees');
  notAbove('newEquity2y', 'newEquity3y', 'above_window', '近三年新增股权融资', 'the 3-year figure');
  const classI = [ok('ipClassIHighValue'), ok('ipClassISelfDeveloped'), ok('ipClassIOther')];
  const inUse = ok('ipClassIInUse');
  if (inUse !== null && classI.every((c) => c !== null)) {
    const sum = (classI as number[]).reduce((s, c) => s + c, 0);
    if (inUse > sum)
      add(
        'ipClassIInUse',
        'above_class_i',
        `产生经济效益的Ⅰ类知识产权（${inUse}）多于Ⅰ类知识产权合计（${sum}）`,
        `class-I IP in use (${inUse}) is more than the class-I items (${sum})`,
      );
  }
  const share = ok('nationalMarketShare');
  if (share !== null && share > 100)
    add(
      'nationalMarketShare',
      'above_100',
      `市场占有率不能超过100%（${share}）`,
      `a share cannot exceed 100% (${share})`,
    );
  const level = ok('digitalLevel');
  if (level !== null && (!Number.isInteger(level) || level > 4))
    add(
      'digitalLevel',
      'level_out_of_range',
      `数字化水平应为0至4级（${level}）`,
      `the level is a whole number 0–4 (${level})`,
    );
  for (const field of ['nationalAwardRank', 'provincialAwardRank'] as const) {
    const r = facts[field];
    if (typeof r === 'number' && !(Number.isInteger(r) && r >= 1))
      add(field, 'rank_below_1', `排名应为1以上的整数（${r}）`, `a rank is a whole number from 1 (${r})`);
  }
  const options: [FactKey, readonly string[]][] = [
    ['rdInstitution', LEVEL_OPTIONS.rd_institution_level],
    ['productField', LEVEL_OPTIONS.product_field],
  ];
  for (const [field, allowed] of options) {
    const v = facts[field];
    if (typeof v === 'string' && !allowed.includes(v))
      add(field, 'unknown_option', `不是可选值（${v}）`, `not one of ${allowed.join(', ')} (${v})`);
  }
  for (const item of facts.qualityItems ?? [])
    if (!(QUALITY_ITEMS as readonly string[]).includes(item))
      add(
        'qualityItems',
        'unknown_option',
        `不是可选值（${item}）`,
        `not one of ${QUALITY_ITEMS.join(', ')} (${item})`,
      );
  return problems;
}
