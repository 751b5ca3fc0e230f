/**
 * Monitoring surveys and the SME development index (measure 3; docs/reference/monitoring.md). The vocabularies of
 * the China SME Development Index (SMEDI: its 8 industries and 8 sub-indices), the answer scales of a survey
 * question, the four economic regions, the index ranges and the PMI's component weights, for the server and the
 * browser alike; and the arithmetic of the balance (diffusion) method: one question's index from weighted answer
 * totals, and a weighted mean that refuses weights not summing as declared.
 *
 * Arithmetic is exact: every input is taken as the decimal it prints as (`String(x)`), the sums, products and the
 * one division are done on integers (BigInt), and the exact result is turned into a number once, at the end
 * (§6.6). So a result that is a decimal of at most 40 significant digits comes back as exactly the number that
 * decimal literal gives (115, 89.564), and recomputing the same inputs always gives the same figure.
 *
 * This file imports GB/T 4754 (src/reference/industries.ts, a small table) but not GB/T 2260
 * (src/reference/regions.ts loads the 3,400 divisions, too much for the browser bundle): the economic regions
 * name their provinces by code, and src/reference/monitoring.test.ts checks them against regions.ts.
 */
import type { Localized } from '../shared/errors.ts';
import { industrySection } from './industries.ts';

/** A coded term with its names (docs/reference/monitoring.md). */
export interface MonitoringTerm {
  code: string;
  zh: string;
  en: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Ranges (§2, §7)

/** Lowest value of a balance index (every weighted answer "down"; docs/reference/monitoring.md §6.2). */
export const INDEX_MIN = 0;
/** Highest value of a balance index (every weighted answer "up"; docs/reference/monitoring.md §6.2). */
export const INDEX_MAX = 200;
/** The boom–bust line (荣枯线) of the SMEDI and of every balance index (docs/reference/monitoring.md §2). */
export const INDEX_LINE = 100;
/** The neutral value of a diffusion index and of the PMI (docs/reference/monitoring.md §7). */
export const PMI_NEUTRAL = 50;
/**
 * A group of fewer responses than this has its index figures and counts withheld from the public, and its answers
 * listed to no one (disclosure control; Huiqi's rule, docs/reference/monitoring.md §12).
 */
export const DISCLOSURE_MIN = 5;
/** The largest sample a panel draw takes (Huiqi's limit, not a regulation's; the server and the form share it). */
export const SAMPLE_SIZE_MAX = 1_000_000;
/** Decimals a published index carries, one like the SMEDI's (docs/reference/monitoring.md §6.6). */
export const INDEX_DECIMALS = 1;

// ---------------------------------------------------------------------------------------------------------------
// The SMEDI's industries (§3)

/** A SMEDI industry with the GB/T 4754-2017 sections Huiqi counts in it (docs/reference/monitoring.md §3). */
export interface SmediIndustry extends MonitoringTerm {
  /** GB/T 4754-2017 section letters (src/reference/industries.ts); our mapping, unverified (monitoring.md §3). */
  sections: readonly string[];
}

/**
 * The SMEDI's 8 industries in the order the reference notes list them, under the SMEDI's own Chinese names
 * (agreed; docs/reference/monitoring.md §3). The sections are OUR mapping onto GB/T 4754-2017 (unverified: the
 * China Association of SMEs publishes none): 社会服务业 takes the service sections no other industry takes
 * (L, M, N, O, P, Q, R). Sections A (agriculture), J (finance), S (public administration, social security and
 * organisations) and T (international organisations) are in none of them.
 */
export const SMEDI_INDUSTRIES = [
  // 工业 is "industry" in the narrow sense; the English name says which, so that it never reads as the word for any
  // industry ("Industry: Industry").
  {
    code: 'industry',
    zh: '工业',
    en: 'Industry (mining, manufacturing, utilities)',
    sections: ['B', 'C', 'D'],
  },
  { code: 'construction', zh: '建筑业', en: 'Construction', sections: ['E'] },
  {
    code: 'transport',
    zh: '交通运输邮政仓储业',
    en: 'Transport, storage and post',
    sections: ['G'],
  },
  { code: 'real_estate', zh: '房地产业', en: 'Real estate', sections: ['K'] },
  { code: 'wholesale_retail', zh: '批发零售业', en: 'Wholesale and retail', sections: ['F'] },
  {
    code: 'social_services',
    zh: '社会服务业',
    en: 'Social services',
    sections: ['L', 'M', 'N', 'O', 'P', 'Q', 'R'],
  },
  {
    code: 'information',
    zh: '信息传输计算机服务软件业',
    en: 'Information transmission, computer services and software',
    sections: ['I'],
  },
  { code: 'accommodation_catering', zh: '住宿餐饮业', en: 'Accommodation and catering', sections: ['H'] },
] as const satisfies readonly SmediIndustry[];

/** The code of a SMEDI industry (docs/reference/monitoring.md §3). */
export type SmediIndustryCode = (typeof SMEDI_INDUSTRIES)[number]['code'];

/** GB/T 4754-2017 sections in no SMEDI industry (docs/reference/monitoring.md §3; unverified). */
export const SECTIONS_OUTSIDE_SMEDI: readonly string[] = ['A', 'J', 'S', 'T'];

const INDUSTRY_OF_SECTION: ReadonlyMap<string, SmediIndustryCode> = new Map(
  SMEDI_INDUSTRIES.flatMap((industry) => industry.sections.map((s) => [s, industry.code] as const)),
);

/**
 * The SMEDI industry of a GB/T 4754-2017 code: a section letter ('C') or any deeper code ('C13', '13', 'K7010'),
 * read through `industrySection`; null for A, J, S, T and for unknown codes (docs/reference/monitoring.md §3).
 */
export function smediIndustryOf(section: string): SmediIndustryCode | null {
  const letter = industrySection(section)?.code;
  return letter === undefined ? null : (INDUSTRY_OF_SECTION.get(letter) ?? null);
}

// ---------------------------------------------------------------------------------------------------------------
// The SMEDI's sub-indices (§4)

/** One of the SMEDI's 8 sub-indices and what its questions are about (docs/reference/monitoring.md §4). */
export interface SmediSubIndex extends MonitoringTerm {
  covers: Localized;
}

/**
 * The 8 sub-indices, in the notes' order (agreed; docs/reference/monitoring.md §4). `covers` gives the components
 * the notes name; for the first two, which the notes name without components, it paraphrases the name. The Chinese
 * wording of the components is ours.
 */
export const SMEDI_SUB_INDICES = [
  {
    code: 'macro',
    zh: '宏观经济感受指数',
    en: 'Macro-economic sentiment',
    covers: { zh: '对宏观经济形势的判断', en: 'How the entrepreneur sees the economy as a whole' },
  },
  {
    code: 'operations',
    zh: '综合经营指数',
    en: 'Overall operations',
    covers: { zh: '本企业总体经营状况', en: 'How the business is doing overall' },
  },
  {
    code: 'market',
    zh: '市场指数',
    en: 'Market',
    covers: { zh: '订单、生产、销售、库存', en: 'Orders, output, sales, inventory' },
  },
  {
    code: 'cost',
    zh: '成本指数',
    en: 'Costs',
    covers: { zh: '投入品价格、劳动力成本', en: 'Input prices, labour costs' },
  },
  {
    code: 'funding',
    zh: '资金指数',
    en: 'Funding',
    covers: { zh: '流动资金、应收账款、融资', en: 'Working capital, receivables, financing' },
  },
  {
    code: 'labour',
    zh: '劳动力指数',
    en: 'Labour',
    covers: { zh: '劳动力供求', en: 'Supply of and demand for labour' },
  },
  {
    code: 'investment',
    zh: '投入指数',
    en: 'Investment',
    covers: { zh: '固定资产投资、科技投入', en: 'Fixed investment, technology' },
  },
  {
    code: 'profit',
    zh: '效益指数',
    en: 'Profitability',
    covers: { zh: '盈亏', en: 'Profit and loss' },
  },
] as const satisfies readonly SmediSubIndex[];

/** The code of a SMEDI sub-index (docs/reference/monitoring.md §4). */
export type SmediSubIndexCode = (typeof SMEDI_SUB_INDICES)[number]['code'];

/** Published SMEDI figures the notes give as examples (agreed; docs/reference/monitoring.md §2). */
export const SMEDI_PUBLISHED_EXAMPLES: readonly { month: string; value: number }[] = [
  { month: '2020-10', value: 87.0 },
  { month: '2022-01', value: 89.4 },
  { month: '2024-11', value: 89.3 },
];

/** The month the SMEDI's weights were re-based (agreed; docs/reference/monitoring.md §2). */
export const SMEDI_REBASED = '2022-01';

// ---------------------------------------------------------------------------------------------------------------
// Answers and directions (§6.1, §6.4)

/** The kinds of answer a question takes; only `three_level` feeds an index (docs/reference/monitoring.md §6.1). */
export const ANSWER_KINDS = [
  { code: 'three_level', zh: '三级选择（增加/持平/减少）', en: 'Three levels (up / same / down)' },
  { code: 'number', zh: '数值（带单位）', en: 'Number with a unit' },
  { code: 'choice', zh: '选项', en: 'Choice' },
  { code: 'text', zh: '文字', en: 'Text' },
] as const satisfies readonly MonitoringTerm[];

/** The code of an answer kind (docs/reference/monitoring.md §6.1). */
export type AnswerKind = (typeof ANSWER_KINDS)[number]['code'];

/** One level of the three-level scale (docs/reference/monitoring.md §6.1). */
export interface AnswerLevel extends MonitoringTerm {
  /** The wording for a question that asks for a judgement (better / same / worse) rather than a quantity. */
  judgement: Localized;
}

/** The three-level scale, from "up" to "down" (docs/reference/monitoring.md §6.1). */
export const ANSWER_LEVELS = [
  { code: 'up', zh: '增加', en: 'Up', judgement: { zh: '好转', en: 'Better' } },
  { code: 'same', zh: '持平', en: 'Same', judgement: { zh: '一般', en: 'Same' } },
  { code: 'down', zh: '减少', en: 'Down', judgement: { zh: '恶化', en: 'Worse' } },
] as const satisfies readonly AnswerLevel[];

/** The code of a three-level answer (docs/reference/monitoring.md §6.1). */
export type AnswerLevelCode = (typeof ANSWER_LEVELS)[number]['code'];

/** Whether "up" is good news for a question in an index (docs/reference/monitoring.md §6.4). */
export const DIRECTIONS = [
  { code: 'up_is_good', zh: '正向（增加为好）', en: 'Up is good' },
  { code: 'down_is_good', zh: '逆向（减少为好）', en: 'Down is good' },
] as const satisfies readonly MonitoringTerm[];

/** The code of a direction (docs/reference/monitoring.md §6.4). */
export type Direction = (typeof DIRECTIONS)[number]['code'];

// ---------------------------------------------------------------------------------------------------------------
// Economic regions (§5)

/** One of the four economic regions and its provinces (docs/reference/monitoring.md §5). */
export interface EconomicRegion extends MonitoringTerm {
  /** GB/T 2260 province codes in the 6-digit form of src/reference/regions.ts. */
  provinces: readonly string[];
}

/**
 * East, Central, West and Northeast as the National Bureau of Statistics divides the 31 provinces (NBS,
 * 东西中部和东北地区划分方法, 2011; docs/reference/monitoring.md §5). Hong Kong, Macao and Taiwan are in none.
 */
export const ECONOMIC_REGIONS = [
  {
    code: 'east',
    zh: '东部地区',
    en: 'East',
    // 北京 天津 河北 上海 江苏 浙江 福建 山东 广东 海南
    provinces: [
      '110000',
      '120000',
      '130000',
      '310000',
      '320000',
      '330000',
      '350000',
      '370000',
      '440000',
      '460000',
    ],
  },
  {
    code: 'central',
    zh: '中部地区',
    en: 'Central',
    // 山西 安徽 江西 河南 湖北 湖南
    provinces: ['140000', '340000', '360000', '410000', '420000', '430000'],
  },
  {
    code: 'west',
    zh: '西部地区',
    en: 'West',
    // 内蒙古 广西 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆
    provinces: [
      '150000',
      '450000',
      '500000',
      '510000',
      '520000',
      '530000',
      '540000',
      '610000',
      '620000',
      '630000',
      '640000',
      '650000',
    ],
  },
  {
    code: 'northeast',
    zh: '东北地区',
    en: 'Northeast',
    // 辽宁 吉林 黑龙江
    provinces: ['210000', '220000', '230000'],
  },
] as const satisfies readonly EconomicRegion[];

/** The code of an economic region (docs/reference/monitoring.md §5). */
export type EconomicRegionCode = (typeof ECONOMIC_REGIONS)[number]['code'];

const REGION_OF_PROVINCE: ReadonlyMap<string, EconomicRegionCode> = new Map(
  ECONOMIC_REGIONS.flatMap((region) => region.provinces.map((p) => [p.slice(0, 2), region.code] as const)),
);

/**
 * The economic region of a GB/T 2260 code of any level, 2, 4 or 6 digits ('44', '4401', '440106'), by its
 * province; null for a code of no listed province or not of that shape (docs/reference/monitoring.md §5).
 */
export function economicRegionOf(regionCode: string): EconomicRegionCode | null {
  if (!/^\d{2}(?:\d{2}){0,2}$/.test(regionCode)) return null;
  return REGION_OF_PROVINCE.get(regionCode.slice(0, 2)) ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// The PMI (§7)

/** One component of the PMI and its weight (docs/reference/monitoring.md §7). */
export interface PmiComponent extends MonitoringTerm {
  /** Its weight; the five sum to 1. */
  weight: number;
  /** Enters as 100 minus its index (longer supplier delivery times signal a busier economy). */
  inverted: boolean;
  /**
   * The answer its diffusion index counts as "up": 'up' for the rest; 'down' for supplier delivery times, whose
   * question asks whether delivery TIMES rose or fell while its index, as NBS publishes it, rises when deliveries
   * get faster (times fall) (docs/reference/monitoring.md §7).
   */
  counts: 'up' | 'down';
  /**
   * How the three levels of a question answering this component read, where "up / same / down" would not: a
   * delivery time is longer, the same or shorter (延长 / 持平 / 缩短; docs/reference/monitoring.md §7).
   */
  levels?: Readonly<Record<AnswerLevelCode, Localized>>;
}

/**
 * The five components of the manufacturing PMI of NBS/CFLP and of Caixin with their weights (the notes give them
 * without a mark: unverified; docs/reference/monitoring.md §7).
 */
export const PMI_COMPONENTS = [
  { code: 'new_orders', zh: '新订单指数', en: 'New orders', weight: 0.3, inverted: false, counts: 'up' },
  { code: 'output', zh: '生产指数', en: 'Output', weight: 0.25, inverted: false, counts: 'up' },
  { code: 'employment', zh: '从业人员指数', en: 'Employment', weight: 0.2, inverted: false, counts: 'up' },
  {
    code: 'supplier_delivery',
    zh: '供应商配送时间指数',
    en: 'Supplier delivery times',
    weight: 0.15,
    inverted: true,
    counts: 'down',
    levels: {
      up: { zh: '延长', en: 'Longer' },
      same: { zh: '持平', en: 'Same' },
      down: { zh: '缩短', en: 'Shorter' },
    },
  },
  {
    code: 'raw_material_inventory',
    zh: '原材料库存指数',
    en: 'Raw-material inventory',
    weight: 0.1,
    inverted: false,
    counts: 'up',
  },
] as const satisfies readonly PmiComponent[];

/** The code of a PMI component (docs/reference/monitoring.md §7). */
export type PmiComponentCode = (typeof PMI_COMPONENTS)[number]['code'];

/** Where the PMI weights come from (docs/reference/monitoring.md §7). */
export const PMI_SOURCE =
  'NBS/CFLP manufacturing PMI (国家统计局、中国物流与采购联合会); Caixin manufacturing PMI';

// ---------------------------------------------------------------------------------------------------------------
// MIIT's evaluation (§9)

/** MIIT's five first-level indicators of the SME environment (agreed; docs/reference/monitoring.md §9). */
export const ENVIRONMENT_DIMENSIONS = [
  { code: 'market', zh: '市场环境', en: 'Market' },
  { code: 'rule_of_law', zh: '法治环境', en: 'Rule of law' },
  { code: 'financing', zh: '融资环境', en: 'Financing' },
  { code: 'innovation', zh: '创新环境', en: 'Innovation' },
  { code: 'policy', zh: '政策环境', en: 'Policy' },
] as const satisfies readonly MonitoringTerm[];

// ---------------------------------------------------------------------------------------------------------------
// Exact decimal arithmetic (§6.6)

/** A rational number num / den, den > 0. */
interface Ratio {
  num: bigint;
  den: bigint;
}

/** Significant digits kept when the exact result becomes a number (§6.6). */
const RESULT_DIGITS = 40;

/** The exact decimal a finite number prints as, as a ratio; throws for NaN and ±Infinity. */
function ratioOf(x: number, what: string): Ratio {
  if (!Number.isFinite(x)) throw new RangeError(`${what} must be a finite number, got ${x}`);
  const [mantissa = '0', exponent = '0'] = String(x).toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? mantissa.slice(1) : mantissa).split('.');
  const digits = BigInt(whole + fraction) * (negative ? -1n : 1n);
  const scale = fraction.length - Number(exponent);
  return scale >= 0
    ? { num: digits, den: 10n ** BigInt(scale) }
    : { num: digits * 10n ** BigInt(-scale), den: 1n };
}

const ZERO: Ratio = { num: 0n, den: 1n };

function add(a: Ratio, b: Ratio): Ratio {
  return a.den === b.den
    ? { num: a.num + b.num, den: a.den }
    : { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
}

function mul(a: Ratio, b: Ratio): Ratio {
  return { num: a.num * b.num, den: a.den * b.den };
}

function equal(a: Ratio, b: Ratio): boolean {
  return a.num * b.den === b.num * a.den;
}

/** The ratio as a number: exact to RESULT_DIGITS significant digits (cut, not rounded), then parsed once. */
function numberOf(r: Ratio): number {
  if (r.num === 0n) return 0;
  const negative = r.num < 0n;
  const num = negative ? -r.num : r.num;
  const shift = Math.max(0, RESULT_DIGITS - (num.toString().length - r.den.toString().length));
  const digits = (num * 10n ** BigInt(shift)) / r.den;
  return Number(`${negative ? '-' : ''}${digits}e-${shift}`);
}

/** Shows a ratio in an error message. */
function show(r: Ratio): string {
  return String(numberOf(r));
}

// ---------------------------------------------------------------------------------------------------------------
// The index arithmetic (§6)

/** The three weighted totals of a question, checked: finite, not negative, not all zero. */
function answerTotals(up: number, same: number, down: number): [Ratio, Ratio, Ratio, Ratio] {
  const parts = [ratioOf(up, 'up'), ratioOf(same, 'same'), ratioOf(down, 'down')] as const;
  const names = ['up', 'same', 'down'];
  parts.forEach((p, i) => {
    if (p.num < 0n) throw new RangeError(`The weighted total "${names[i]}" is negative (${show(p)})`);
  });
  const total = add(add(parts[0], parts[1]), parts[2]);
  if (total.num === 0n) throw new RangeError('No weighted answers: up, same and down are all 0');
  return [parts[0], parts[1], parts[2], total];
}

/** (a·x + b·y) / total as a number, exactly (see numberOf). */
function combine(a: bigint, x: Ratio, b: bigint, y: Ratio, total: Ratio): number {
  const top = add(mul({ num: a, den: 1n }, x), mul({ num: b, den: 1n }, y));
  return numberOf({ num: top.num * total.den, den: top.den * total.num });
}

/**
 * One question's balance index from its weighted answer totals: (share up − share down) × 100 + 100, 0–200, with
 * "up" and "down" swapped when down is good (the NBS enterprise climate method; docs/reference/monitoring.md §6.2,
 * §6.4).
 * The totals are sums of sample weights, not shares: any common scale gives the same index.
 */
export function balanceIndex(up: number, same: number, down: number, direction: Direction): number {
  if (direction !== 'up_is_good' && direction !== 'down_is_good') {
    throw new RangeError(
      `A question in an index needs a direction (up_is_good or down_is_good), got ${direction}`,
    );
  }
  const [u, s, d, total] = answerTotals(up, same, down);
  // (good − bad)/total × 100 + 100 = (200·good + 100·same) / total: one division, last.
  return combine(200n, direction === 'up_is_good' ? u : d, 100n, s, total);
}

/**
 * One question's diffusion index from its weighted answer totals: share up + half the share unchanged, in per
 * cent, 0–100 with 50 neutral (the PMI's method; docs/reference/monitoring.md §7). Half its balance index.
 */
export function diffusionIndex(up: number, same: number, down: number): number {
  const [u, s, , total] = answerTotals(up, same, down);
  return combine(100n, u, 50n, s, total);
}

/**
 * The weighted mean Σ value·weight / Σ weight, exactly (docs/reference/monitoring.md §6.5). Throws an Error, and
 * computes nothing, when the lists differ in length or are empty, a weight is negative or not finite, or the
 * weights do not sum exactly (as decimals) to `declaredTotal` (e.g. 1 for shares, 100 for per cent).
 */
export function weightedMean(
  values: readonly number[],
  weights: readonly number[],
  declaredTotal: number,
): number {
  if (values.length !== weights.length) {
    throw new Error(`Weighted mean: ${values.length} values but ${weights.length} weights`);
  }
  return numberOf(
    meanOf(
      values.map((v, i) => ratioOf(v, `Value ${i + 1}`)),
      weights,
      declaredTotal,
    ),
  );
}

/** Σ value·weight / Σ weight as a ratio, after weightedMean's checks of the weights. */
function meanOf(values: readonly Ratio[], weights: readonly number[], declaredTotal: number): Ratio {
  if (values.length === 0) throw new Error('Weighted mean: no values');
  const declared = ratioOf(declaredTotal, 'The declared total of the weights');
  if (declared.num <= 0n)
    throw new Error(`Weighted mean: the declared total must be above 0, got ${declaredTotal}`);
  let sum: Ratio = ZERO;
  let top: Ratio = ZERO;
  weights.forEach((weight, i) => {
    const w = ratioOf(weight, `Weight ${i + 1}`);
    if (w.num < 0n) throw new Error(`Weighted mean: weight ${i + 1} is negative (${weight})`);
    sum = add(sum, w);
    top = add(top, mul(values[i] as Ratio, w));
  });
  if (!equal(sum, declared)) {
    throw new Error(
      `Weighted mean: the weights sum to ${show(sum)}, not to the declared total ${declaredTotal}`,
    );
  }
  return { num: top.num * sum.den, den: top.den * sum.num };
}

/**
 * A PMI component's diffusion index from the weighted answers of the three-level question mapped to it: the share
 * of the answer it counts (supplier delivery times: "times fell", i.e. faster) plus half the share unchanged
 * (docs/reference/monitoring.md §7).
 */
export function componentDiffusion(code: PmiComponentCode, up: number, same: number, down: number): number {
  const component = PMI_COMPONENTS.find((c) => c.code === code);
  if (!component) throw new Error(`${String(code)}: not a PMI component`);
  return component.counts === 'down' ? diffusionIndex(down, same, up) : diffusionIndex(up, same, down);
}

/**
 * The PMI from its five component diffusion indices: Σ weight × index, supplier delivery times entering as
 * 100 − index (docs/reference/monitoring.md §7).
 */
export function pmiIndex(components: Readonly<Record<PmiComponentCode, number>>): number {
  const values = PMI_COMPONENTS.map((c) => {
    const v = ratioOf(components[c.code], c.code);
    return c.inverted ? { num: 100n * v.den - v.num, den: v.den } : v;
  });
  return numberOf(
    meanOf(
      values,
      PMI_COMPONENTS.map((c) => c.weight),
      1,
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Rounding for display (§6.6)

/**
 * The decimal string of an index rounded to `decimals` places, half away from zero, on the decimal the number
 * prints as (so 114.95 → '115.0', 100.35 → '100.4', -0.05 → '-0.1'); integer arithmetic only, no toFixed
 * (docs/reference/monitoring.md §6.6).
 */
export function formatIndex(value: number, decimals: number = INDEX_DECIMALS): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`Decimals must be a whole number from 0 to 20, got ${decimals}`);
  }
  const { num, den } = ratioOf(value, 'The index');
  const negative = num < 0n;
  const scaled = (negative ? -num : num) * 10n ** BigInt(decimals);
  let units = scaled / den;
  if ((scaled % den) * 2n >= den) units += 1n;
  const text = units.toString().padStart(decimals + 1, '0');
  const whole = text.slice(0, text.length - decimals);
  const body = decimals === 0 ? whole : `${whole}.${text.slice(text.length - decimals)}`;
  return negative && units !== 0n ? `-${body}` : body;
}

/**
 * An index rounded for display, to one decimal by default, half away from zero (89.25 → 89.3, 114.95 → 115);
 * compute in full precision and round only here (docs/reference/monitoring.md §6.6).
 */
export function roundIndex(value: number, decimals: number = INDEX_DECIMALS): number {
  return Number(formatIndex(value, decimals));
}

/** A term's names (the code itself when unknown, so a stale code still shows; docs/reference/monitoring.md). */
export function monitoringTermName(list: readonly MonitoringTerm[], code: string): Localized {
  const term = list.find((t) => t.code === code);
  return term ? { zh: term.zh, en: term.en } : { zh: code, en: code };
}
