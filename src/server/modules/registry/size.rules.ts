/**
 * Enterprise size classification (企业规模划型), pure: no I/O, no clock, data-driven.
 *
 * - China: 《中小企业划型标准规定》(工信部联企业〔2011〕300号) with the GB/T 4754-2017 mapping of
 *   《统计上大中小微型企业划分办法（2017）》(国统字〔2017〕213号); data in src/reference/size-standards/cn-2011.ts.
 * - EU: Commission Recommendation 2003/361/EC; data in src/reference/size-standards/eu-2003.ts.
 *
 * The Chinese path is the bulk path (imports, statistics): each standard is compiled once into flat bounds and a
 * code → category map, industry codes are resolved once per distinct input string, and a classification
 * allocates one small object whose `deciding` and `reason` are built on first read.
 */
import { allIndustries, normaliseIndustryCode } from '../../../reference/industries.ts';
import {
  type CnBounds,
  type CnIndicator,
  type CnSizeCategory,
  type CnSizeStandard,
  cn2011,
} from '../../../reference/size-standards/cn-2011.ts';
import { type EuSize, type EuSizeStandard, eu2003 } from '../../../reference/size-standards/eu-2003.ts';
import type { SizeStandardId } from '../../../reference/size-standards/index.ts';
import type { Localized } from '../../../shared/errors.ts';

// ---------------------------------------------------------------------------------------------------------------
// Common
// ---------------------------------------------------------------------------------------------------------------

/** A size class of the Chinese standard. */
export type CnSize = 'large' | 'medium' | 'small' | 'micro';

/** Outcome of a Chinese classification: a size, not covered by the standard, or invalid input. */
export type SizeClass = CnSize | 'not_covered' | 'invalid';

const LABELS: Readonly<Record<SizeClass, Localized>> = {
  large: { zh: '大型', en: 'Large' },
  medium: { zh: '中型', en: 'Medium' },
  small: { zh: '小型', en: 'Small' },
  micro: { zh: '微型', en: 'Micro' },
  not_covered: { zh: '不适用', en: 'Not covered' },
  invalid: { zh: '无效', en: 'Invalid' },
};

/** Display label of a size class: 大型/中型/小型/微型/不适用/无效 or Large/…/Not covered/Invalid. */
export function sizeLabel(size: SizeClass, lang: 'zh' | 'en'): string {
  return LABELS[size][lang];
}

const EMPTY: readonly never[] = Object.freeze([]);

// ---------------------------------------------------------------------------------------------------------------
// China: 工信部联企业〔2011〕300号 / 国统字〔2017〕213号
// ---------------------------------------------------------------------------------------------------------------

/** Figures for the Chinese standard: employees (persons), money in 万元; absent figures are null/undefined. */
export interface CnSizeInput {
  /** GB/T 4754-2017 code in any form `normaliseIndustryCode` accepts ('C13', 'c1311', '591', 'K7010'). */
  industryCode: string;
  /** X 从业人员: persons at period end (or annual average), a non-negative integer. */
  employees?: number | null;
  /** 营业收入, used as Y when no main-business revenue is given. */
  operatingRevenue?: number | null;
  /** 主营业务收入: Y where the enterprise reports it (213号), taking precedence over operating revenue. */
  mainBusinessRevenue?: number | null;
  /** Z 资产总额. */
  totalAssets?: number | null;
}

/** An input field an invalid result points at. */
export type CnInputField =
  | 'industryCode'
  | 'employees'
  | 'operatingRevenue'
  | 'mainBusinessRevenue'
  | 'totalAssets';

/** A category of the standard as carried in results. */
export interface SizeCategoryRef {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

/** One comparison that decided a class: the value against a lower bound, met (≥) or failed (<). */
export interface DecidingComparison {
  readonly indicator: CnIndicator;
  readonly value: number;
  readonly bound: number;
  readonly comparison: '≥' | '<';
}

/**
 * Result of a Chinese classification. `deciding` lists the failed bounds of the next class up (`<`) and then the
 * met bounds of the class reached (`≥`); for category results it and `reason` are getters built on first read
 * (use `toJSON()` / JSON.stringify for a plain object). `field` is set on invalid results only.
 */
export interface CnClassification {
  readonly size: SizeClass;
  readonly standard: CnSizeStandard['id'];
  readonly category: SizeCategoryRef | null;
  readonly deciding: readonly DecidingComparison[];
  readonly reason: Localized;
  readonly field?: CnInputField;
}

/** A category compiled to flat bounds; indicators a category does not use get -Infinity, so they always pass. */
interface CompiledCategory {
  readonly ref: SizeCategoryRef;
  readonly indicators: readonly CnIndicator[];
  readonly useE: boolean;
  readonly useY: boolean;
  readonly useZ: boolean;
  readonly eL: number;
  readonly eM: number;
  readonly eS: number;
  readonly yL: number;
  readonly yM: number;
  readonly yS: number;
  readonly zL: number;
  readonly zM: number;
  readonly zS: number;
  /** Bounds by level: 0 large, 1 medium, 2 small. */
  readonly bounds: readonly [CnBounds, CnBounds, CnBounds];
  readonly source: CnSizeCategory;
  /** Reason templates by key (class, failed indicators, revenue source, singular), built on first use. */
  readonly templates: (ReasonTemplate | undefined)[];
  /** Fixed invalid results for a missing required figure. */
  readonly missing: Partial<Record<CnInputField, CnClassification>>;
}

const KIND_CATEGORY = 0;
const KIND_NOT_COVERED = 1;
const KIND_INVALID = 2;

/** What an industry code resolves to; one class so the hot path sees a single shape. */
class Resolved {
  constructor(
    readonly kind: number,
    readonly cat: CompiledCategory | null,
    /** The fixed result of a not-covered or invalid code. */
    readonly result: CnClassification | null,
  ) {}
}

interface CompiledCn {
  readonly standard: CnSizeStandard;
  readonly categories: readonly CompiledCategory[];
  /** Canonical GB/T 4754 code → outcome, prefilled for every code in the GB/T 4754 table. */
  readonly canonical: Map<string, Resolved>;
  /** Raw input string → outcome, bounded. */
  readonly raw: Map<string, Resolved>;
  /** Scope entries: canonical code → category index, or −1 − index of a not-covered entry. */
  readonly scope: ReadonlyMap<string, number>;
}

/** Upper bound of distinct raw code strings remembered per standard (garbage inputs must not grow it forever). */
const MAX_CACHED_CODES = 65_536;

const LEVEL_SIZES: readonly SizeClass[] = [
  'large',
  'medium',
  'small',
  'micro',
  'not_covered',
  'invalid',
  'invalid',
];
const NOT_COVERED = 4;
const INVALID_CODE = 5;
const INVALID_FIGURE = 6;

const INDICATOR_ZH: Readonly<Record<CnIndicator, string>> = {
  employees: '从业人员',
  revenue: '营业收入',
  totalAssets: '资产总额',
};
const INDICATOR_EN: Readonly<Record<CnIndicator, string>> = {
  employees: 'employees',
  revenue: 'revenue',
  totalAssets: 'total assets',
};
const FIELD_ZH: Readonly<Record<CnInputField, string>> = {
  industryCode: '行业代码',
  employees: '从业人员',
  operatingRevenue: '营业收入',
  mainBusinessRevenue: '主营业务收入',
  totalAssets: '资产总额',
};
const FIELD_EN: Readonly<Record<CnInputField, string>> = {
  industryCode: 'industry code',
  employees: 'employees',
  operatingRevenue: 'operating revenue',
  mainBusinessRevenue: 'main-business revenue',
  totalAssets: 'total assets',
};
const SIZE_ZH = ['大型', '中型', '小型', '微型'] as const;
const SIZE_EN = ['large', 'medium', 'small', 'micro'] as const;

function compileCategory(standard: CnSizeStandard, c: CnSizeCategory): CompiledCategory {
  const bounds = [c.large, c.medium, c.small] as const;
  for (const indicator of c.indicators) {
    const [l, m, s] = bounds.map((b) => b[indicator]);
    if (l === undefined || m === undefined || s === undefined || !(l >= m && m >= s && s >= 0)) {
      throw new Error(`${c.code}: bounds of ${indicator} missing or not large ≥ medium ≥ small ≥ 0`);
    }
  }
  const uses = (i: CnIndicator) => c.indicators.includes(i);
  const pick = (b: CnBounds, i: CnIndicator) => (uses(i) ? (b[i] ?? 0) : Number.NEGATIVE_INFINITY);
  const ref = Object.freeze({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn });
  const missing: Partial<Record<CnInputField, CnClassification>> = {};
  for (const field of ['employees', 'operatingRevenue', 'totalAssets'] as const) {
    missing[field] = fixedResult(standard, 'invalid', missingReason(c, field), field, ref);
  }
  return {
    ref,
    indicators: c.indicators,
    useE: uses('employees'),
    useY: uses('revenue'),
    useZ: uses('totalAssets'),
    eL: pick(c.large, 'employees'),
    eM: pick(c.medium, 'employees'),
    eS: pick(c.small, 'employees'),
    yL: pick(c.large, 'revenue'),
    yM: pick(c.medium, 'revenue'),
    yS: pick(c.small, 'revenue'),
    zL: pick(c.large, 'totalAssets'),
    zM: pick(c.medium, 'totalAssets'),
    zS: pick(c.small, 'totalAssets'),
    bounds,
    source: c,
    templates: new Array(128).fill(undefined),
    missing,
  };
}

function compileCn(standard: CnSizeStandard): CompiledCn {
  const categories = standard.categories.map((c) => compileCategory(standard, c));
  const scope = new Map<string, number>();
  const claim = (code: string, target: number) => {
    if (normaliseIndustryCode(code) !== code) {
      throw new Error(`${standard.id}: scope code ${code} is not canonical`);
    }
    if (scope.has(code)) throw new Error(`${standard.id}: scope code ${code} claimed twice`);
    scope.set(code, target);
  };
  standard.categories.forEach((c, i) => {
    for (const code of c.scope) claim(code, i);
  });
  standard.notCovered.forEach((n, i) => {
    claim(n.code, -1 - i);
  });
  const compiled: CompiledCn = { standard, categories, canonical: new Map(), raw: new Map(), scope };
  // Every exclusion must be claimed by a more specific entry of another category or the not-covered list.
  standard.categories.forEach((c, i) => {
    for (const code of c.excludes) {
      const target = scope.get(code);
      if (target === undefined || target === i) {
        throw new Error(`${standard.id}: ${c.code} excludes ${code}, which nothing else claims`);
      }
    }
  });
  for (const industry of allIndustries()) {
    compiled.canonical.set(industry.code, resolveCanonical(compiled, industry.code));
  }
  return compiled;
}

/** Frozen non-category result. */
function fixedResult(
  standard: CnSizeStandard,
  size: 'not_covered' | 'invalid',
  reason: Localized,
  field?: CnInputField,
  category: SizeCategoryRef | null = null,
): CnClassification {
  const result: CnClassification = { size, standard: standard.id, category, deciding: EMPTY, reason };
  return Object.freeze(field === undefined ? result : { ...result, field });
}

function invalidCode(compiled: CompiledCn, zh: string, en: string): Resolved {
  return new Resolved(
    KIND_INVALID,
    null,
    fixedResult(compiled.standard, 'invalid', { zh, en }, 'industryCode'),
  );
}

/**
 * Outcome of a canonical GB/T 4754 code: the most specific scope entry that contains it, unless more specific
 * entries inside the code lead elsewhere (then the code is too coarse: 'G', 'G59', 'K70', 'H', 'Q').
 */
function resolveCanonical(compiled: CompiledCn, code: string): Resolved {
  let prefixTarget: number | undefined;
  let prefixLength = 0;
  const targets = new Set<number>();
  for (const [entry, target] of compiled.scope) {
    if (code.startsWith(entry)) {
      if (entry.length > prefixLength) {
        prefixLength = entry.length;
        prefixTarget = target;
      }
    } else if (entry.startsWith(code)) {
      targets.add(target);
    }
  }
  if (prefixTarget !== undefined) targets.add(prefixTarget);
  const { standard } = compiled;
  if (targets.size === 0) {
    return invalidCode(
      compiled,
      `GB/T 4754-2017 代码 ${code} 不属于本标准所列任何行业，也不在不适用范围内，请核对代码`,
      `GB/T 4754-2017 code ${code} belongs to no category of this standard and is not listed as not covered; check it`,
    );
  }
  if (targets.size > 1) {
    const list = [...targets].sort((a, b) => (a < 0 ? 1000 - a : a) - (b < 0 ? 1000 - b : b));
    const nameZh = (t: number) =>
      t >= 0 ? (standard.categories[t]?.nameZh ?? '') : `不适用本标准的 ${standard.notCovered[-1 - t]?.code}`;
    const nameEn = (t: number) =>
      t >= 0 ? (standard.categories[t]?.nameEn ?? '') : `${standard.notCovered[-1 - t]?.code} (not covered)`;
    return invalidCode(
      compiled,
      `行业代码 ${code} 过粗，涵盖${list.map(nameZh).join('、')}，请填写更细的 GB/T 4754-2017 代码`,
      `Industry code ${code} is too coarse: it spans ${list.map(nameEn).join(', ')}; give a more specific GB/T 4754-2017 code`,
    );
  }
  const target = [...targets][0] ?? 0;
  if (target < 0) {
    const entry = standard.notCovered[-1 - target];
    const reason = { zh: entry?.reasonZh ?? '', en: entry?.reasonEn ?? '' };
    return new Resolved(KIND_NOT_COVERED, null, fixedResult(standard, 'not_covered', reason));
  }
  return new Resolved(KIND_CATEGORY, compiled.categories[target] ?? null, null);
}

function resolveRaw(compiled: CompiledCn, raw: unknown): Resolved {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return invalidCode(compiled, '缺少行业代码', 'The industry code is missing');
  }
  if (typeof raw !== 'string') {
    return invalidCode(compiled, '行业代码须为文本', 'The industry code must be text');
  }
  const code = normaliseIndustryCode(raw);
  if (code === null) {
    const shown = JSON.stringify(raw);
    return invalidCode(
      compiled,
      `行业代码 ${shown} 不是有效的 GB/T 4754-2017 代码`,
      `Industry code ${shown} is not a valid GB/T 4754-2017 code`,
    );
  }
  let resolved = compiled.canonical.get(code);
  if (resolved === undefined) {
    resolved = resolveCanonical(compiled, code);
    if (compiled.canonical.size < MAX_CACHED_CODES) compiled.canonical.set(code, resolved);
  }
  return resolved;
}

function resolveCode(compiled: CompiledCn, raw: string): Resolved {
  let resolved = compiled.raw.get(raw);
  if (resolved === undefined) {
    resolved = resolveRaw(compiled, raw);
    if (typeof raw === 'string' && compiled.raw.size < MAX_CACHED_CODES) compiled.raw.set(raw, resolved);
  }
  return resolved;
}

const DEFAULT_CN: CompiledCn = compileCn(cn2011);
const COMPILED_CN = new WeakMap<CnSizeStandard, CompiledCn>([[cn2011, DEFAULT_CN]]);

function compiledCn(standard: CnSizeStandard): CompiledCn {
  if (standard === cn2011) return DEFAULT_CN;
  let compiled = COMPILED_CN.get(standard);
  if (compiled === undefined) {
    compiled = compileCn(standard);
    COMPILED_CN.set(standard, compiled);
  }
  return compiled;
}

// Registers written by `decide` and read at once by its caller (JavaScript is single-threaded here), so the hot
// path allocates nothing for intermediate values.
let regE = 0;
let regY = 0;
let regZ = 0;
let regMain = false;
let regField: CnInputField = 'industryCode';
let regBad: unknown;

/** Marks a figure as invalid and returns INVALID_FIGURE. */
function bad(field: CnInputField, value: unknown): number {
  regField = field;
  regBad = value;
  return INVALID_FIGURE;
}

/** A valid money figure: a finite number ≥ 0. */
function isMoney(v: unknown): v is number {
  return typeof v === 'number' && v >= 0 && v !== Number.POSITIVE_INFINITY;
}

/**
 * The decision (300号 第四条, 213号 附表 note): 0 large, 1 medium, 2 small, 3 micro, or NOT_COVERED, INVALID_CODE,
 * INVALID_FIGURE (field and value in regField/regBad; undefined value = missing). Each class needs every indicator
 * of the category at or above its lower bound (inclusive); otherwise one class down.
 */
function decide(input: CnSizeInput, resolved: Resolved): number {
  const c = resolved.cat;
  if (c === null) return resolved.kind === KIND_NOT_COVERED ? NOT_COVERED : INVALID_CODE;

  const emp = input.employees;
  let e = 0;
  if (emp !== undefined && emp !== null) {
    if (!(Number.isInteger(emp) && emp >= 0)) return bad('employees', emp);
    e = emp;
  } else if (c.useE) return bad('employees', undefined);

  // Y: main-business revenue where reported, otherwise operating revenue (213号).
  const main = input.mainBusinessRevenue;
  const operating = input.operatingRevenue;
  let y = 0;
  let fromMain = false;
  let haveY = false;
  if (main !== undefined && main !== null) {
    if (!isMoney(main)) return bad('mainBusinessRevenue', main);
    y = main;
    fromMain = true;
    haveY = true;
  }
  if (operating !== undefined && operating !== null) {
    if (!isMoney(operating)) return bad('operatingRevenue', operating);
    if (!fromMain) {
      y = operating;
      haveY = true;
    }
  }
  if (!haveY && c.useY) return bad('operatingRevenue', undefined);

  const assets = input.totalAssets;
  let z = 0;
  if (assets !== undefined && assets !== null) {
    if (!isMoney(assets)) return bad('totalAssets', assets);
    z = assets;
  } else if (c.useZ) return bad('totalAssets', undefined);

  regE = e;
  regY = y;
  regZ = z;
  regMain = fromMain;
  if (e >= c.eL && y >= c.yL && z >= c.zL) return 0;
  if (e >= c.eM && y >= c.yM && z >= c.zM) return 1;
  if (e >= c.eS && y >= c.yS && z >= c.zS) return 2;
  return 3;
}

/** Size class only, for bulk paths (imports, statistics): same rules as `classifyCn`, no prose, no allocation. */
export function classifyCnSize(input: CnSizeInput, standard: CnSizeStandard = cn2011): SizeClass {
  const compiled = standard === cn2011 ? DEFAULT_CN : compiledCn(standard);
  return LEVEL_SIZES[decide(input, resolveCode(compiled, input.industryCode))] ?? 'invalid';
}

/**
 * Classify an enterprise under the Chinese SME standard (default 工信部联企业〔2011〕300号): its size with the
 * comparisons that decided it and a short reason in zh/en; `not_covered` (with why) for industries outside the
 * standard; `invalid` with `field` for a bad or too coarse industry code or a missing, negative, non-finite or
 * (employees) non-integer figure.
 */
export function classifyCn(input: CnSizeInput, standard: CnSizeStandard = cn2011): CnClassification {
  const compiled = standard === cn2011 ? DEFAULT_CN : compiledCn(standard);
  const resolved = resolveCode(compiled, input.industryCode);
  const level = decide(input, resolved);
  const c = resolved.cat;
  if (c !== null) {
    if (level < NOT_COVERED) return new CnResult(standard.id, c, level, regE, regY, regZ, regMain);
    return (
      (regBad === undefined ? c.missing[regField] : undefined) ?? invalidFigure(standard, c, regField, regBad)
    );
  }
  return resolved.result ?? fixedResult(standard, 'invalid', { zh: '无法划型', en: 'Cannot classify' });
}

/** A category result; `deciding` and `reason` are derived from the figures on first read and then kept. */
class CnResult implements CnClassification {
  readonly size: CnSize;
  readonly standard: CnSizeStandard['id'];
  readonly category: SizeCategoryRef;
  readonly #cat: CompiledCategory;
  readonly #level: number;
  readonly #e: number;
  readonly #y: number;
  readonly #z: number;
  readonly #main: boolean;
  #deciding: readonly DecidingComparison[] | undefined;
  #reason: Localized | undefined;

  constructor(
    standard: CnSizeStandard['id'],
    cat: CompiledCategory,
    level: number,
    e: number,
    y: number,
    z: number,
    main: boolean,
  ) {
    this.size = SIZE_EN[level] ?? 'micro';
    this.standard = standard;
    this.category = cat.ref;
    this.#cat = cat;
    this.#level = level;
    this.#e = e;
    this.#y = y;
    this.#z = z;
    this.#main = main;
    this.#deciding = undefined;
    this.#reason = undefined;
  }

  /** Failed bounds of the next class up (`<`), then the met bounds of the class reached (`≥`). */
  get deciding(): readonly DecidingComparison[] {
    if (this.#deciding === undefined) {
      this.#deciding = decidingOf(this.#cat, this.#level, this.#e, this.#y, this.#z);
    }
    return this.#deciding;
  }

  /** Short explanation in zh and en. */
  get reason(): Localized {
    if (this.#reason === undefined)
      this.#reason = reasonOf(this.#cat, this.#level, this.#e, this.#y, this.#z, this.#main);
    return this.#reason;
  }

  /** The plain object (used by JSON.stringify). */
  toJSON(): CnClassification {
    return {
      size: this.size,
      standard: this.standard,
      category: this.category,
      deciding: this.deciding,
      reason: this.reason,
    };
  }
}

function figureOf(indicator: CnIndicator, e: number, y: number, z: number): number {
  return indicator === 'employees' ? e : indicator === 'revenue' ? y : z;
}

/** Bounds of the class above the one reached (the failed ones): large for medium, …, small for micro. */
function aboveBounds(c: CompiledCategory, level: number): CnBounds | undefined {
  return level === 3 ? c.bounds[2] : level > 0 ? c.bounds[level - 1] : undefined;
}

function decidingOf(
  c: CompiledCategory,
  level: number,
  e: number,
  y: number,
  z: number,
): DecidingComparison[] {
  const out: DecidingComparison[] = [];
  const above = aboveBounds(c, level);
  if (above !== undefined) {
    for (const indicator of c.indicators) {
      const value = figureOf(indicator, e, y, z);
      const bound = above[indicator] ?? 0;
      if (value < bound) out.push({ indicator, value, bound, comparison: '<' });
    }
  }
  const reached = level < 3 ? c.bounds[level] : undefined;
  if (reached !== undefined) {
    for (const indicator of c.indicators) {
      out.push({
        indicator,
        value: figureOf(indicator, e, y, z),
        bound: reached[indicator] ?? 0,
        comparison: '≥',
      });
    }
  }
  return out;
}

/** Slot of an indicator's value in a reason template (and its bit in a failure mask). */
const SLOT: Readonly<Record<CnIndicator, 0 | 1 | 2>> = { employees: 0, revenue: 1, totalAssets: 2 };
/** Placeholders of the three value slots while a template is built (private-use characters). */
const SLOT_MARK = ['\uE000', '\uE001', '\uE002'] as const;

/** Which indicators (bit 1 employees, 2 revenue, 4 total assets) are below the bounds of the class above. */
function failMask(c: CompiledCategory, level: number, e: number, y: number, z: number): number {
  if (level === 0) return 0;
  if (level === 1) return (e < c.eL ? 1 : 0) | (y < c.yL ? 2 : 0) | (z < c.zL ? 4 : 0);
  if (level === 2) return (e < c.eM ? 1 : 0) | (y < c.yM ? 2 : 0) | (z < c.zM ? 4 : 0);
  return (e < c.eS ? 1 : 0) | (y < c.yS ? 2 : 0) | (z < c.zS ? 4 : 0);
}

const DECIMALS: readonly string[] = Array.from({ length: 100 }, (_, i) =>
  i === 0 ? '' : i % 10 === 0 ? `.${i / 10}` : `.${String(i).padStart(2, '0')}`,
);

/**
 * The same text as String(v) (the tests check it), but amounts with at most two decimals skip V8's slow
 * shortest-double conversion (~300 ns) by printing whole units and cents as integers.
 */
function formatAmount(v: number): string {
  const cents = Math.round(v * 100);
  if (cents / 100 !== v || v >= 1e12) return String(v);
  const whole = Math.floor(cents / 100);
  return String(whole) + DECIMALS[cents - whole * 100];
}

/**
 * zh "工业：从业人员 19 人 < 20 人 → 微型"; en "Industry: 19 employees < 20 → micro". Medium and small name the
 * failed bound(s) of the next class up, then that all bounds of the class reached are met (listing them); large
 * lists each figure against its bound. English amounts are in 10,000 CNY (万元), said once at the end. The text
 * depends on the figures only through their printed values, so it is built once per (class, failed indicators,
 * revenue source, singular) as a template and then filled.
 */
function reasonOf(
  c: CompiledCategory,
  level: number,
  e: number,
  y: number,
  z: number,
  main: boolean,
): Localized {
  const key = level | (failMask(c, level, e, y, z) << 2) | (main ? 32 : 0) | (e === 1 ? 64 : 0);
  let template = c.templates[key];
  if (template === undefined) {
    template = buildTemplate(c, level, (key >> 2) & 7, main, e === 1);
    c.templates[key] = template;
  }
  // Only the values the text shows are printed (a micro by employees prints no amount); a text that shows
  // nothing but a (small) employee count is kept and shared, as employee counts repeat.
  const slots = template.slots;
  if (slots === 1 && e < MAX_SHARED_EMPLOYEES) {
    let shared = template.shared[e];
    if (shared === undefined) {
      const v = String(e);
      shared = Object.freeze({ zh: fill(template.zh, v, '', ''), en: fill(template.en, v, '', '') });
      template.shared[e] = shared;
    }
    return shared;
  }
  const v0 = slots & 1 ? String(e) : '';
  const v1 = slots & 2 ? formatAmount(y) : '';
  const v2 = slots & 4 ? formatAmount(z) : '';
  return { zh: fill(template.zh, v0, v1, v2), en: fill(template.en, v0, v1, v2) };
}

/** Template text: strings at even positions, value slots (0, 1, 2) at odd ones. */
type TemplateParts = readonly (string | number)[];

function fill(parts: TemplateParts, v0: string, v1: string, v2: string): string {
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const slot = parts[i];
    out += (slot === 0 ? v0 : slot === 1 ? v1 : v2) + (parts[i + 1] as string);
  }
  return out;
}

function toParts(text: string): TemplateParts {
  const parts: (string | number)[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const slot = SLOT_MARK.indexOf(text.charAt(i) as (typeof SLOT_MARK)[number]);
    if (slot >= 0) {
      parts.push(text.slice(from, i), slot);
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

/** A reason template in both languages; `slots` has bit 1/2/4 set when the text shows employees/revenue/assets. */
interface ReasonTemplate {
  readonly zh: TemplateParts;
  readonly en: TemplateParts;
  readonly slots: number;
  /** Finished reasons by employee count, for templates that show only that. */
  readonly shared: (Localized | undefined)[];
}

/** Employee counts below this get their employees-only reasons kept (at most 16 × 128 × 1024 small objects). */
const MAX_SHARED_EMPLOYEES = 1024;

function buildTemplate(
  c: CompiledCategory,
  level: number,
  mask: number,
  main: boolean,
  one: boolean,
): ReasonTemplate {
  const termZh = (indicator: CnIndicator, cmp: string, bound: number) => {
    const v = SLOT_MARK[SLOT[indicator]];
    if (indicator === 'employees') return `从业人员 ${v} 人 ${cmp} ${bound} 人`;
    return `${indicator === 'revenue' && main ? '主营业务收入' : INDICATOR_ZH[indicator]} ${v} 万元 ${cmp} ${bound} 万元`;
  };
  const termEn = (indicator: CnIndicator, cmp: string, bound: number) => {
    const v = SLOT_MARK[SLOT[indicator]];
    if (indicator === 'employees') return `${v} ${one ? 'employee' : 'employees'} ${cmp} ${bound}`;
    return `${indicator === 'revenue' && main ? 'main-business revenue' : INDICATOR_EN[indicator]} ${v} ${cmp} ${bound}`;
  };
  const failedZh: string[] = [];
  const failedEn: string[] = [];
  const metZh: string[] = [];
  const metEn: string[] = [];
  const boundsZh: string[] = [];
  const boundsEn: string[] = [];
  let money = false;
  const above = aboveBounds(c, level);
  const reached = level < 3 ? c.bounds[level] : undefined;
  for (const indicator of c.indicators) {
    if (above !== undefined && mask & (1 << SLOT[indicator])) {
      failedZh.push(termZh(indicator, '<', above[indicator] ?? 0));
      failedEn.push(termEn(indicator, '<', above[indicator] ?? 0));
      if (indicator !== 'employees') money = true;
    }
    if (reached !== undefined) {
      const bound = reached[indicator] ?? 0;
      metZh.push(termZh(indicator, '≥', bound));
      metEn.push(termEn(indicator, '≥', bound));
      const revenueZh = main ? '主营业务收入' : '营业收入';
      const revenueEn = main ? 'main-business revenue' : 'revenue';
      if (indicator === 'employees') {
        boundsZh.push(`从业人员 ≥ ${bound} 人`);
        boundsEn.push(`employees ≥ ${bound}`);
      } else {
        money = true;
        boundsZh.push(`${indicator === 'revenue' ? revenueZh : INDICATOR_ZH[indicator]} ≥ ${bound} 万元`);
        boundsEn.push(`${indicator === 'revenue' ? revenueEn : INDICATOR_EN[indicator]} ≥ ${bound}`);
      }
    }
  }
  const unit = money ? ' (amounts in 10,000 CNY)' : '';
  const sizeZh = SIZE_ZH[level] ?? '';
  const sizeEn = SIZE_EN[level] ?? '';
  const { nameZh, nameEn } = c.ref;
  const allZh = `${c.indicators.length > 1 ? '均' : ''}达到${sizeZh}下限`;
  const allEn = `${c.indicators.length > 1 ? `all ${sizeEn} bounds` : `${sizeEn} bound`} met`;
  let zh: string;
  let en: string;
  if (level === 3) {
    // "工业：从业人员 19 人 < 20 人 → 微型"
    zh = `${nameZh}：${failedZh.join('，')} → 微型`;
    en = `${nameEn}: ${failedEn.join(', ')} → micro${unit}`;
  } else if (level === 0) {
    // "工业：从业人员 1200 人 ≥ 1000 人，营业收入 50000 万元 ≥ 40000 万元，均达到大型下限 → 大型"
    zh = `${nameZh}：${metZh.join('，')}，${allZh} → 大型`;
    en = `${nameEn}: ${metEn.join(', ')}: ${allEn} → large${unit}`;
  } else {
    // "零售业：从业人员 60 人 < 300 人，未达大型下限；均达到中型下限（从业人员 ≥ 50 人，营业收入 ≥ 500 万元）→ 中型"
    zh = `${nameZh}：${failedZh.join('，')}，未达${SIZE_ZH[level - 1]}下限；${allZh}（${boundsZh.join('，')}）→ ${sizeZh}`;
    en = `${nameEn}: ${failedEn.join(', ')}, not ${SIZE_EN[level - 1]}; ${allEn} (${boundsEn.join(', ')}) → ${sizeEn}${unit}`;
  }
  const zhParts = toParts(zh);
  const enParts = toParts(en);
  let slots = 0;
  for (let i = 1; i < zhParts.length; i += 2) slots |= 1 << (zhParts[i] as number);
  for (let i = 1; i < enParts.length; i += 2) slots |= 1 << (enParts[i] as number);
  return { zh: zhParts, en: enParts, slots, shared: [] };
}

/** Reason of a missing figure: the category's indicators and the one missing. */
function missingReason(c: CnSizeCategory, field: CnInputField): Localized {
  const usesZh = c.indicators.map((i) => INDICATOR_ZH[i]).join('和');
  const usesEn = c.indicators.map((i) => INDICATOR_EN[i]).join(' and ');
  const missingZh = field === 'operatingRevenue' ? '营业收入（或主营业务收入）' : FIELD_ZH[field];
  const missingEn = field === 'operatingRevenue' ? 'operating (or main-business) revenue' : FIELD_EN[field];
  return {
    zh: `${c.nameZh}按${usesZh}划型，缺少${missingZh}`,
    en: `${c.nameEn} is classified by ${usesEn}; ${missingEn} is missing`,
  };
}

/** Invalid result for a figure that is missing (`value` undefined), negative, non-finite or not a whole number. */
function invalidFigure(
  standard: CnSizeStandard,
  c: CompiledCategory,
  field: CnInputField,
  value: unknown,
): CnClassification {
  let reason: Localized;
  if (value === undefined) {
    reason = missingReason(c.source, field);
  } else {
    const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
    reason =
      field === 'employees'
        ? {
            zh: `从业人员须为非负整数，收到 ${shown}`,
            en: `Employees must be a non-negative whole number, got ${shown}`,
          }
        : {
            zh: `${FIELD_ZH[field]}须为有限的非负数（万元），收到 ${shown}`,
            en: `${FIELD_EN[field]} must be a finite non-negative amount (10,000 CNY), got ${shown}`,
          };
  }
  return fixedResult(standard, 'invalid', reason, field, c.ref);
}

// ---------------------------------------------------------------------------------------------------------------
// EU: Commission Recommendation 2003/361/EC
// ---------------------------------------------------------------------------------------------------------------

/** Figures of one enterprise: headcount in AWU, money in EUR; turnover or balance-sheet total may be omitted. */
export interface EuFigures {
  headcount: number;
  turnover?: number | null;
  balanceSheetTotal?: number | null;
}

/** A partner enterprise (Annex Art. 3(2)): holding 25%–50% either way; its figures count in proportion. */
export interface EuPartner extends EuFigures {
  /** Share of capital or voting rights, whichever is higher, 0.25–0.5. */
  share: number;
}

/** A linked enterprise (Annex Art. 3(3)): more than 50% or control; its figures count in full. */
export interface EuLinked extends EuFigures {
  /** Informational (control may exist below 50%); not used in the arithmetic. */
  share?: number | null;
}

/** Input of the EU classification: the enterprise's own figures, its partners and linked enterprises. */
export interface EuInput extends EuFigures {
  partners?: readonly EuPartner[];
  linked?: readonly EuLinked[];
  /** Share of capital or voting rights held by public bodies, jointly or individually, 0..1. */
  publicBodyShare?: number | null;
}

/** An EU indicator. */
export type EuIndicator = 'headcount' | 'turnover' | 'balanceSheetTotal';

/** One EU comparison against a ceiling: within (`<` headcount, `≤` money) or beyond (`≥` headcount, `>` money). */
export interface EuComparison {
  readonly indicator: EuIndicator;
  readonly value: number;
  readonly ceiling: number;
  readonly comparison: '<' | '≤' | '≥' | '>';
}

/** Aggregated figures (own + partners in proportion + linked in full). */
export interface EuAggregate {
  readonly headcount: number;
  readonly turnover: number | null;
  readonly balanceSheetTotal: number | null;
}

/**
 * Result of an EU classification. `size: 'large'` means not an SME, either by the ceilings (`basis: 'ceilings'`)
 * or because public bodies hold 25% or more (`basis: 'public-body'`, Annex Art. 3(4)); `ceilingSize` is the class
 * the figures alone give.
 */
export interface EuClassification {
  readonly size: EuSize | 'invalid';
  readonly standard: EuSizeStandard['id'];
  readonly sme: boolean;
  readonly basis: 'ceilings' | 'public-body' | null;
  readonly ceilingSize: EuSize | null;
  readonly figures: EuAggregate | null;
  readonly deciding: readonly EuComparison[];
  readonly reason: Localized;
  readonly field?: string;
}

const EU_SIZE_ZH: Readonly<Record<EuSize, string>> = {
  micro: '微型',
  small: '小型',
  medium: '中型',
  large: '大型',
};
const EU_RANK: Readonly<Record<EuSize, number>> = { micro: 0, small: 1, medium: 2, large: 3 };
const EU_BY_RANK: readonly EuSize[] = ['micro', 'small', 'medium', 'large'];
const EUR = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const AWU = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

function euInvalid(standard: EuSizeStandard, field: string, zh: string, en: string): EuClassification {
  return {
    size: 'invalid',
    standard: standard.id,
    sme: false,
    basis: null,
    ceilingSize: null,
    figures: null,
    deciding: EMPTY,
    reason: { zh, en },
    field,
  };
}

const isAmount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isShare = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 1;
const shown = (v: unknown) => (typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? 'undefined'));

/** Checks one enterprise's figures; returns the invalid field name (relative to `prefix`) and reason, or null. */
function checkFigures(f: EuFigures, prefix: string): { field: string; zh: string; en: string } | null {
  if (!isAmount(f.headcount)) {
    return {
      field: `${prefix}headcount`,
      zh: `员工人数（年工作单位）须为有限的非负数，收到 ${shown(f.headcount)}`,
      en: `Headcount (annual work units) must be a finite non-negative number, got ${shown(f.headcount)}`,
    };
  }
  for (const key of ['turnover', 'balanceSheetTotal'] as const) {
    const v = f[key];
    if (v !== undefined && v !== null && !isAmount(v)) {
      return {
        field: `${prefix}${key}`,
        zh: `${key === 'turnover' ? '营业额' : '资产负债表总额'}须为有限的非负数（欧元），收到 ${shown(v)}`,
        en: `${key === 'turnover' ? 'Turnover' : 'Balance-sheet total'} must be a finite non-negative amount in EUR, got ${shown(v)}`,
      };
    }
  }
  return null;
}

/** Adds `weight` × a money figure; null (unknown) absorbs. */
function addMoney(sum: number | null, v: number | null | undefined, weight: number): number | null {
  return sum === null || v === undefined || v === null ? null : sum + v * weight;
}

/** Rounds away floating-point noise of the proportional sums: money to the cent, headcount to 1e-6 AWU. */
const cents = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
const awu = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * Classify an enterprise under the EU SME definition (2003/361/EC): partner figures are added in proportion to
 * the holding, linked figures in full (Annex Art. 6); then the smallest category whose headcount ceiling is not
 * reached and whose turnover or balance-sheet ceiling is not exceeded (Annex Art. 2); 25% or more held by public
 * bodies gives `large` with `basis: 'public-body'` (not an SME, Annex Art. 3(4); its exceptions are not modelled).
 */
export function classifyEu(input: EuInput, standard: EuSizeStandard = eu2003): EuClassification {
  const own = checkFigures(input, '');
  if (own) return euInvalid(standard, own.field, own.zh, own.en);
  const { min, max } = standard.partnerShare;
  let headcount = input.headcount;
  let turnover = addMoney(0, input.turnover, 1);
  let balance = addMoney(0, input.balanceSheetTotal, 1);
  const partners = input.partners ?? EMPTY;
  for (let i = 0; i < partners.length; i++) {
    const p = partners[i] as EuPartner;
    const problem = checkFigures(p, `partners[${i}].`);
    if (problem) return euInvalid(standard, problem.field, problem.zh, problem.en);
    if (!(typeof p.share === 'number' && p.share >= min && p.share <= max)) {
      return euInvalid(
        standard,
        `partners[${i}].share`,
        `伙伴企业持股比例须在 ${min * 100}%–${max * 100}% 之间（低于 ${min * 100}% 为独立关系，不计入；超过 ${max * 100}% 为关联企业），收到 ${shown(p.share)}`,
        `A partner's share must be ${min * 100}%–${max * 100}% (below ${min * 100}% it is autonomous and left out; above ${max * 100}% it is linked), got ${shown(p.share)}`,
      );
    }
    headcount += p.headcount * p.share;
    turnover = addMoney(turnover, p.turnover, p.share);
    balance = addMoney(balance, p.balanceSheetTotal, p.share);
  }
  const linked = input.linked ?? EMPTY;
  for (let i = 0; i < linked.length; i++) {
    const l = linked[i] as EuLinked;
    const problem = checkFigures(l, `linked[${i}].`);
    if (problem) return euInvalid(standard, problem.field, problem.zh, problem.en);
    if (l.share !== undefined && l.share !== null && !isShare(l.share)) {
      return euInvalid(
        standard,
        `linked[${i}].share`,
        `关联企业持股比例须在 0–100% 之间，收到 ${shown(l.share)}`,
        `A linked enterprise's share must be 0–100%, got ${shown(l.share)}`,
      );
    }
    headcount += l.headcount;
    turnover = addMoney(turnover, l.turnover, 1);
    balance = addMoney(balance, l.balanceSheetTotal, 1);
  }
  const publicShare = input.publicBodyShare ?? 0;
  if (!isShare(publicShare)) {
    return euInvalid(
      standard,
      'publicBodyShare',
      `公共机构持股比例须在 0–100% 之间，收到 ${shown(publicShare)}`,
      `The public bodies' share must be 0–100%, got ${shown(publicShare)}`,
    );
  }
  headcount = awu(headcount);
  turnover = cents(turnover);
  balance = cents(balance);
  if (turnover === null && balance === null) {
    return euInvalid(
      standard,
      missingMoneyField(input, partners, linked),
      '须提供营业额或资产负债表总额（本企业及全部伙伴、关联企业均须提供同一项）',
      'Turnover or balance-sheet total is needed (the same one for the enterprise and all its partner and linked enterprises)',
    );
  }
  const aggregated = partners.length > 0 || linked.length > 0;
  const figures: EuAggregate = { headcount, turnover, balanceSheetTotal: balance };

  // Annex Art. 2: the smallest category whose ceilings hold.
  let rank = 3;
  for (let i = 0; i < standard.ceilings.length; i++) {
    const c = standard.ceilings[i];
    if (c && withinCeiling(c, headcount, turnover, balance)) {
      rank = EU_RANK[c.size];
      break;
    }
  }
  const ceilingSize = EU_BY_RANK[rank] ?? 'large';
  const deciding = euDeciding(standard, rank, headcount, turnover, balance);
  const prefix = aggregated
    ? {
        zh: '合并伙伴企业（按比例）和关联企业（全额）后：',
        en: 'With partner (in proportion) and linked (in full) enterprises: ',
      }
    : { zh: '', en: '' };

  if (publicShare >= standard.publicBodyShareMin) {
    const pct = `${Math.round(publicShare * 10000) / 100}%`;
    const minPct = `${standard.publicBodyShareMin * 100}%`;
    return {
      size: 'large',
      standard: standard.id,
      sme: false,
      basis: 'public-body',
      ceilingSize,
      figures,
      deciding: EMPTY,
      reason: {
        zh: `公共机构合计持有 ${pct} ≥ ${minPct}，不属于中小企业（2003/361/EC 附件第 3 条第 4 款；按上限本为${EU_SIZE_ZH[ceilingSize]}）→ 大型`,
        en: `Public bodies hold ${pct} ≥ ${minPct}: not an SME (2003/361/EC Annex Art. 3(4); by the ceilings alone ${ceilingSize}) → large`,
      },
    };
  }
  // Beyond the category below (≥ / >), then within this one (< / ≤), as in the Chinese reasons.
  const beyond = deciding.filter((d) => d.comparison === '≥' || d.comparison === '>');
  const within = deciding.filter((d) => d.comparison === '<' || d.comparison === '≤');
  const below = EU_BY_RANK[rank - 1];
  const zhParts: string[] = [];
  const enParts: string[] = [];
  if (below !== undefined && beyond.length > 0) {
    zhParts.push(`${beyond.map((d) => euTerm(d, 'zh')).join('且')}，超出${EU_SIZE_ZH[below]}上限`);
    enParts.push(`${beyond.map((d) => euTerm(d, 'en')).join(' and ')}: beyond the ${below} ceilings`);
  }
  if (within.length > 0) {
    zhParts.push(`${within.map((d) => euTerm(d, 'zh')).join('，')}，在${EU_SIZE_ZH[ceilingSize]}上限内`);
    enParts.push(`${within.map((d) => euTerm(d, 'en')).join(', ')}: within the ${ceilingSize} ceilings`);
  }
  return {
    size: ceilingSize,
    standard: standard.id,
    sme: rank < 3,
    basis: 'ceilings',
    ceilingSize,
    figures,
    deciding,
    reason: {
      zh: `${prefix.zh}${zhParts.join('；')} → ${EU_SIZE_ZH[ceilingSize]}${rank < 3 ? '' : '（非中小企业）'}`,
      en: capitalise(`${prefix.en}${enParts.join('; ')} → ${ceilingSize}${rank < 3 ? '' : ' (not an SME)'}`),
    },
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The first figure that left both aggregated money figures unknown: own, else a partner's or linked one's. */
function missingMoneyField(
  input: EuInput,
  partners: readonly EuPartner[],
  linked: readonly EuLinked[],
): string {
  const key =
    input.turnover != null ? 'turnover' : input.balanceSheetTotal != null ? 'balanceSheetTotal' : null;
  if (key === null) return 'turnover';
  const p = partners.findIndex((f) => f[key] == null);
  if (p >= 0) return `partners[${p}].${key}`;
  return `linked[${Math.max(
    0,
    linked.findIndex((f) => f[key] == null),
  )}].${key}`;
}

function withinCeiling(
  c: { headcountBelow: number; turnoverMax: number; balanceSheetMax: number },
  headcount: number,
  turnover: number | null,
  balance: number | null,
): boolean {
  return (
    headcount < c.headcountBelow &&
    ((turnover !== null && turnover <= c.turnoverMax) || (balance !== null && balance <= c.balanceSheetMax))
  );
}

/** Why the category below failed (headcount reached, or every financial figure given exceeded), then why this one holds. */
function euDeciding(
  standard: EuSizeStandard,
  rank: number,
  headcount: number,
  turnover: number | null,
  balance: number | null,
): EuComparison[] {
  const out: EuComparison[] = [];
  const below = rank > 0 ? standard.ceilings[rank - 1] : undefined;
  if (below) {
    if (headcount >= below.headcountBelow) {
      out.push({ indicator: 'headcount', value: headcount, ceiling: below.headcountBelow, comparison: '≥' });
    } else {
      if (turnover !== null) {
        out.push({ indicator: 'turnover', value: turnover, ceiling: below.turnoverMax, comparison: '>' });
      }
      if (balance !== null) {
        out.push({
          indicator: 'balanceSheetTotal',
          value: balance,
          ceiling: below.balanceSheetMax,
          comparison: '>',
        });
      }
    }
  }
  const here = standard.ceilings[rank];
  if (here) {
    out.push({ indicator: 'headcount', value: headcount, ceiling: here.headcountBelow, comparison: '<' });
    if (turnover !== null && turnover <= here.turnoverMax) {
      out.push({ indicator: 'turnover', value: turnover, ceiling: here.turnoverMax, comparison: '≤' });
    } else if (balance !== null) {
      out.push({
        indicator: 'balanceSheetTotal',
        value: balance,
        ceiling: here.balanceSheetMax,
        comparison: '≤',
      });
    }
  }
  return out;
}

function euTerm(d: EuComparison, lang: 'zh' | 'en'): string {
  if (d.indicator === 'headcount') {
    return lang === 'zh'
      ? `员工人数 ${AWU.format(d.value)} ${d.comparison} ${d.ceiling}`
      : `headcount ${AWU.format(d.value)} AWU ${d.comparison} ${d.ceiling}`;
  }
  const zh = d.indicator === 'turnover' ? '营业额' : '资产负债表总额';
  const en = d.indicator === 'turnover' ? 'turnover' : 'balance-sheet total';
  return lang === 'zh'
    ? `${zh} ${EUR.format(d.value)} 欧元 ${d.comparison} ${EUR.format(d.ceiling)} 欧元`
    : `${en} €${EUR.format(d.value)} ${d.comparison} €${EUR.format(d.ceiling)}`;
}

/** One year for the two-year rule: its class, or its figures (classified with `classifyEu`). */
export type EuYear = EuSize | EuInput;

/** Result of the two-year rule: the established class after the given years. */
export interface EuTwoYearResult {
  readonly size: EuSize | 'invalid';
  /** The class each year's own figures gave, oldest first. */
  readonly years: readonly EuSize[];
  /** Whether the class differs from the previously established one. */
  readonly changed: boolean;
  readonly reason: Localized;
  readonly field?: string;
}

/**
 * Annex Art. 4(2) of 2003/361/EC: a category is gained or lost only when a ceiling is crossed in two consecutive
 * accounting years. `years` are oldest first, the last being the latest closed year; `established` is the class
 * held before the first of them (null for a new enterprise: its first year establishes it, Art. 4(3)). Over two
 * consecutive years the class moves to the one both years reach (the smaller when growing, the larger when
 * shrinking). A year with 25% or more public-body holding makes the class `large` at once (an ownership change,
 * not a crossing of ceilings).
 */
export function applyTwoYearRule(
  established: EuSize | null,
  years: readonly EuYear[],
  standard: EuSizeStandard = eu2003,
): EuTwoYearResult {
  const classes: EuSize[] = [];
  const publicBody: boolean[] = [];
  for (let i = 0; i < years.length; i++) {
    const year = years[i];
    if (typeof year === 'string') {
      if (!(year in EU_RANK)) {
        return {
          size: 'invalid',
          years: classes,
          changed: false,
          field: `years[${i}]`,
          reason: { zh: `未知的规模类型 ${shown(year)}`, en: `Unknown size class ${shown(year)}` },
        };
      }
      classes.push(year);
      publicBody.push(false);
    } else if (year !== undefined) {
      const r = classifyEu(year, standard);
      if (r.size === 'invalid') {
        return {
          size: 'invalid',
          years: classes,
          changed: false,
          field: `years[${i}].${r.field}`,
          reason: r.reason,
        };
      }
      classes.push(r.size);
      publicBody.push(r.basis === 'public-body');
    }
  }
  if (established === null && classes.length === 0) {
    return {
      size: 'invalid',
      years: classes,
      changed: false,
      field: 'years',
      reason: {
        zh: '既无已确定的规模类型，也无年度数据',
        en: 'Neither an established class nor any year was given',
      },
    };
  }
  const start = established ?? (classes[0] as EuSize);
  let state = start;
  let prev = start;
  let lastChange = -1;
  let beforeLastChange = start;
  for (let i = established === null ? 1 : 0; i < classes.length; i++) {
    const current = classes[i] as EuSize;
    if (publicBody[i]) {
      if (state !== 'large') {
        lastChange = i;
        beforeLastChange = state;
        state = 'large';
      }
    } else {
      const lo = Math.min(EU_RANK[prev], EU_RANK[current]);
      const hi = Math.max(EU_RANK[prev], EU_RANK[current]);
      if (lo > EU_RANK[state] || hi < EU_RANK[state]) {
        lastChange = i;
        beforeLastChange = state;
        state = EU_BY_RANK[lo > EU_RANK[state] ? lo : hi] ?? state;
      }
    }
    prev = current;
  }
  const last = classes.length - 1;
  const latest = classes[last];
  const cite = '2003/361/EC Annex Art. 4(2)';
  let reason: Localized;
  if (established === null && last <= 0) {
    reason = {
      zh: `新设企业：首个会计年度数据确定为${EU_SIZE_ZH[state]}（2003/361/EC 附件第 4 条第 3 款）`,
      en: `New enterprise: its first accounting year establishes ${state} (2003/361/EC Annex Art. 4(3))`,
    };
  } else if (lastChange === last && publicBody[last]) {
    reason = {
      zh: `公共机构持股 ≥ ${standard.publicBodyShareMin * 100}%：所有权变化立即生效，不属于中小企业 → 大型`,
      en: `Public bodies hold ≥ ${standard.publicBodyShareMin * 100}%: an ownership change applies at once, not an SME → large`,
    };
  } else if (lastChange === last) {
    const before = classes[last - 1] ?? established ?? state;
    reason = {
      zh: `连续两个会计年度（${EU_SIZE_ZH[before]}、${EU_SIZE_ZH[latest ?? state]}）跨越上限，由${EU_SIZE_ZH[beforeLastChange]}变为${EU_SIZE_ZH[state]}（2003/361/EC 附件第 4 条第 2 款）`,
      en: `Ceilings crossed in two consecutive accounting years (${before}, ${latest}): ${beforeLastChange} → ${state} (${cite})`,
    };
  } else if (latest !== undefined && latest !== state) {
    reason = {
      zh: `最近一个会计年度数据为${EU_SIZE_ZH[latest]}，但未连续两年跨越上限，维持${EU_SIZE_ZH[state]}（2003/361/EC 附件第 4 条第 2 款）`,
      en: `The latest accounting year gives ${latest}, but the ceilings were not crossed in two consecutive years: stays ${state} (${cite})`,
    };
  } else {
    reason = {
      zh: `最近一个会计年度数据与已确定类型一致：${EU_SIZE_ZH[state]}`,
      en: `The latest accounting year agrees with the established class: ${state}`,
    };
  }
  return { size: state, years: classes, changed: established !== null && state !== established, reason };
}

// ---------------------------------------------------------------------------------------------------------------
// Dispatcher
// ---------------------------------------------------------------------------------------------------------------

/** Classify under the standard with this id ('cn-2011' or 'eu-2003'); throws RangeError for an unknown id. */
export function classify(standardId: 'cn-2011', input: CnSizeInput): CnClassification;
export function classify(standardId: 'eu-2003', input: EuInput): EuClassification;
export function classify(
  standardId: SizeStandardId,
  input: CnSizeInput | EuInput,
): CnClassification | EuClassification;
export function classify(
  standardId: SizeStandardId,
  input: CnSizeInput | EuInput,
): CnClassification | EuClassification {
  switch (standardId) {
    case 'cn-2011':
      return classifyCn(input as CnSizeInput, cn2011);
    case 'eu-2003':
      return classifyEu(input as EuInput, eu2003);
    default:
      throw new RangeError(`Unknown size standard ${JSON.stringify(standardId)}`);
  }
}
