/**
 * Eligibility rules as code (issue 4): a typed expression tree over an enterprise's facts, checked when a rule is
 * saved, and evaluated with three-valued logic (true, false, unknown) into an answer that explains every clause.
 *
 * - Facts: yearly figures of a year relative to the evaluation date (or a named year), age, industry (GB/T 4754
 *   prefixes), region (GB/T 2260 subtrees), size class under a named standard, certifications valid on the date,
 *   VAT taxpayer type, registration status.
 * - Named parameters are dated data (value per effective date, unit, legal reference), as in OpenFisca: a rule
 *   says `{ param: taxable_income_max }`, the policy's parameters say 300 万元 from 2023-01-01 under 财税〔…〕.
 * - A missing fact makes its clause unknown (never a silent false); `all` is false if any clause is false, else
 *   unknown if any is unknown; `any` the reverse. The answer names the missing facts, and for an `all` that fails
 *   on one clause only, that clause (a near miss) — when the enterprise can still meet it (canBecome).
 *
 * Pure: no I/O, no clock (the evaluation date is an argument).
 */
import { findRegion, isRegionCode, regionFullName, regionScopePrefix } from '../../../reference/regions.ts';
import { regionFullNameEn } from '../../../reference/regions-en.ts';
import type { Localized } from '../../../shared/errors.ts';
import { REGISTRATION_STATUS_NAMES } from '../../../shared/registration-status.ts';
import { RULE_KINDS } from '../../../shared/rule-kinds.ts';
import type { EnterpriseFacts } from '../registry/index.ts';

/** Yearly figures a rule may use (money in 万元, people in persons). */
export const FIGURE_FACTS = {
  employees: { zh: '从业人员', en: 'Employees', unit: 'persons' },
  operating_revenue: { zh: '营业收入', en: 'Operating revenue', unit: '万元' },
  main_business_revenue: { zh: '主营业务收入', en: 'Main-business revenue', unit: '万元' },
  total_assets: { zh: '资产总额', en: 'Total assets', unit: '万元' },
  total_liabilities: { zh: '负债总额', en: 'Total liabilities', unit: '万元' },
  rd_expense: { zh: '研发费用', en: 'R&D expense', unit: '万元' },
  rd_staff: { zh: '研发人员', en: 'R&D staff', unit: 'persons' },
  taxable_income: { zh: '应纳税所得额', en: 'Taxable income', unit: '万元' },
} as const satisfies Record<string, { zh: string; en: string; unit: Unit }>;
export type FigureFact = keyof typeof FIGURE_FACTS;

/** Units of numeric values; a comparison needs the same unit on both sides (a bare number takes the other's). */
export type Unit = '万元' | 'persons' | 'years' | 'ratio' | 'none';

const UNIT_TEXT: Record<Unit, Localized> = {
  万元: { zh: ' 万元', en: ' × 10k yuan' },
  persons: { zh: ' 人', en: ' persons' },
  years: { zh: ' 年', en: ' years' },
  ratio: { zh: '', en: '' },
  none: { zh: '', en: '' },
};

/** Which year's figures: relative to the evaluation date's year (-1: the last full year), or a named year. */
export type YearRef = { relative: number } | { year: number };

/** A numeric expression. */
export type NumExpr =
  | number
  | { fact: FigureFact; year?: YearRef }
  | { age: 'years' }
  | { param: string }
  | { ratio: [NumExpr, NumExpr]; ifZero?: 'false' | 'unknown' };

export type CompareOp = '<' | '<=' | '>' | '>=' | '=' | '!=';
export type SizeClass = 'large' | 'medium' | 'small' | 'micro';

/** A rule: a condition on one enterprise. */
export type Rule =
  | { all: Rule[] }
  | { any: Rule[] }
  | { not: Rule }
  | { compare: [NumExpr, CompareOp, NumExpr] }
  | { industry: string[] }
  | { region: string[] }
  | { size: SizeClass[]; standard?: string; year?: YearRef }
  | { certified: string }
  | { taxpayer: 'general' | 'small_scale'; year?: YearRef }
  | { status: ('active' | 'suspended' | 'revoked' | 'cancelled')[] };

/** A named parameter: values by effective date, with unit and legal reference. */
export interface Parameter {
  unit: Unit;
  reference: string;
  values: { from: string; value: number }[];
}

/** What the engine knows of an enterprise (null where the registry holds nothing): the registry's facts. */
export type { EnterpriseFacts };

/** A problem found when a rule is saved: where (a path into the tree) and why. */
export interface RuleProblem {
  path: string;
  message: Localized;
}

type Truth = true | false | null;

/** One clause's answer and why. */
export interface Explained {
  result: Truth;
  text: Localized;
  children?: Explained[];
}

/** The answer for an enterprise. */
export interface Eligibility {
  outcome: 'eligible' | 'not_eligible' | 'unknown';
  explanation: Explained;
  /** Facts the answer lacked (e.g. "营业收入（2025 年）"). */
  missing: Localized[];
  /** An `all` rule failed by exactly one clause while the rest hold: that clause. */
  nearMiss: Explained | null;
}

const OP_TEXT: Record<CompareOp, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '=': '=', '!=': '≠' };
const SIZE_TEXT: Record<SizeClass, Localized> = {
  large: { zh: '大型', en: 'large' },
  medium: { zh: '中型', en: 'medium' },
  small: { zh: '小型', en: 'small' },
  micro: { zh: '微型', en: 'micro' },
};
const ZH_OK = ' ✓';
const ZH_NO = ' ✗';

// ---------------------------------------------------------------------------------------------------------
// Checking

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function problem(path: string, zh: string, en: string): RuleProblem {
  return { path, message: { zh, en } };
}

function checkYear(value: unknown, path: string, out: RuleProblem[]): void {
  if (value === undefined) return;
  if (
    !isObject(value) ||
    !(
      (Number.isInteger(value.relative) && Math.abs(value.relative as number) <= 50) ||
      (Number.isInteger(value.year) && (value.year as number) >= 1949 && (value.year as number) <= 2100)
    )
  ) {
    out.push(
      problem(path, '年度应为 {relative: -1} 或 {year: 2025}', 'a year is {relative: -1} or {year: 2025}'),
    );
  }
}

/** Checks a numeric expression; returns its unit (null when it is not valid) and whether it can be zero. */
function checkNum(
  expr: unknown,
  path: string,
  parameters: Record<string, Parameter>,
  out: RuleProblem[],
): { unit: Unit | 'any'; zeroable: boolean } | null {
  if (typeof expr === 'number') {
    if (!Number.isFinite(expr)) {
      out.push(problem(path, '数值无效', 'not a finite number'));
      return null;
    }
    return { unit: 'any', zeroable: expr === 0 };
  }
  if (typeof expr === 'string') {
    out.push(
      problem(
        path,
        `“${expr}”是文字或日期，不能与数值比较`,
        `"${expr}" is text or a date and cannot be compared with a number`,
      ),
    );
    return null;
  }
  if (!isObject(expr)) {
    out.push(
      problem(path, '应为数值、指标、参数或比率', 'expected a number, a fact, a parameter or a ratio'),
    );
    return null;
  }
  if ('fact' in expr) {
    const fact = expr.fact;
    if (typeof fact !== 'string' || !(fact in FIGURE_FACTS)) {
      out.push(
        problem(
          `${path}.fact`,
          `未知的指标“${String(fact)}”（可用：${Object.keys(FIGURE_FACTS).join('、')}）`,
          `unknown fact "${String(fact)}" (known: ${Object.keys(FIGURE_FACTS).join(', ')})`,
        ),
      );
      return null;
    }
    checkYear(expr.year, `${path}.year`, out);
    return { unit: FIGURE_FACTS[fact as FigureFact].unit, zeroable: true };
  }
  if ('age' in expr) {
    if (expr.age !== 'years') out.push(problem(`${path}.age`, '成立年限的单位应为 years', 'age is in years'));
    return { unit: 'years', zeroable: true };
  }
  if ('param' in expr) {
    const parameter = typeof expr.param === 'string' ? parameters[expr.param] : undefined;
    if (!parameter) {
      out.push(
        problem(
          `${path}.param`,
          `未定义的参数“${String(expr.param)}”`,
          `undefined parameter "${String(expr.param)}"`,
        ),
      );
      return null;
    }
    return { unit: parameter.unit, zeroable: parameter.values.some((v) => v.value === 0) };
  }
  if ('ratio' in expr) {
    const parts = expr.ratio;
    if (!Array.isArray(parts) || parts.length !== 2) {
      out.push(problem(`${path}.ratio`, '比率应为 [分子, 分母]', 'a ratio is [numerator, denominator]'));
      return null;
    }
    const top = checkNum(parts[0], `${path}.ratio[0]`, parameters, out);
    const bottom = checkNum(parts[1], `${path}.ratio[1]`, parameters, out);
    if (!top || !bottom) return null;
    if (bottom.zeroable && expr.ifZero !== 'false' && expr.ifZero !== 'unknown') {
      out.push(
        problem(
          `${path}.ratio[1]`,
          '分母可能为零：请用 ifZero 说明此时条件为 false 还是 unknown',
          'the denominator can be zero: say with ifZero whether the clause is then false or unknown',
        ),
      );
      return null;
    }
    return { unit: 'ratio', zeroable: top.zeroable };
  }
  out.push(problem(path, '应为数值、指标、参数或比率', 'expected a number, a fact, a parameter or a ratio'));
  return null;
}

const RULE_KEYS: readonly string[] = RULE_KINDS;

function checkNode(
  rule: unknown,
  path: string,
  parameters: Record<string, Parameter>,
  out: RuleProblem[],
): void {
  if (!isObject(rule)) {
    out.push(problem(path, '应为一个条件', 'expected a condition'));
    return;
  }
  const key = RULE_KEYS.find((k) => k in rule);
  if (!key) {
    out.push(
      problem(
        path,
        `未知的条件（可用：${RULE_KEYS.join('、')}）`,
        `unknown condition (known: ${RULE_KEYS.join(', ')})`,
      ),
    );
    return;
  }
  const value = rule[key];
  switch (key) {
    case 'all':
    case 'any':
      if (!Array.isArray(value) || value.length === 0) {
        out.push(
          problem(`${path}.${key}`, '应为至少一个条件的列表', 'expected a list of at least one condition'),
        );
        return;
      }
      for (const [i, child] of value.entries()) checkNode(child, `${path}.${key}[${i}]`, parameters, out);
      return;
    case 'not':
      checkNode(value, `${path}.not`, parameters, out);
      return;
    case 'compare': {
      if (!Array.isArray(value) || value.length !== 3 || !(value[1] in OP_TEXT)) {
        out.push(
          problem(
            `${path}.compare`,
            '比较应为 [左值, 运算符, 右值]',
            'a comparison is [left, operator, right]',
          ),
        );
        return;
      }
      const left = checkNum(value[0], `${path}.compare[0]`, parameters, out);
      const right = checkNum(value[2], `${path}.compare[2]`, parameters, out);
      if (left && right && left.unit !== 'any' && right.unit !== 'any' && left.unit !== right.unit) {
        out.push(
          problem(
            `${path}.compare`,
            `单位不同，不能比较（${left.unit} 与 ${right.unit}）`,
            `different units cannot be compared (${left.unit} and ${right.unit})`,
          ),
        );
      }
      return;
    }
    case 'industry':
    case 'region':
      if (
        !Array.isArray(value) ||
        value.length === 0 ||
        !value.every((v) => typeof v === 'string' && v !== '')
      ) {
        out.push(problem(`${path}.${key}`, '应为代码列表', 'expected a list of codes'));
        return;
      }
      if (key === 'region') {
        for (const [i, code] of value.entries()) {
          if (!isRegionCode(code as string)) {
            out.push(
              problem(
                `${path}.region[${i}]`,
                `未知的行政区划代码“${String(code)}”`,
                `unknown region code "${String(code)}"`,
              ),
            );
          }
        }
      }
      return;
    case 'size':
      if (!Array.isArray(value) || value.length === 0 || !value.every((v) => v in SIZE_TEXT)) {
        out.push(
          problem(`${path}.size`, '应为规模类型列表（large/medium/small/micro）', 'expected size classes'),
        );
      }
      checkYear(rule.year, `${path}.year`, out);
      return;
    case 'certified':
      if (typeof value !== 'string' || value === '') {
        out.push(problem(`${path}.certified`, '应为资质名称', 'expected the name of a certification'));
      }
      return;
    case 'taxpayer':
      if (value !== 'general' && value !== 'small_scale') {
        out.push(
          problem(`${path}.taxpayer`, '应为 general 或 small_scale', 'expected general or small_scale'),
        );
      }
      checkYear(rule.year, `${path}.year`, out);
      return;
    case 'status':
      if (!Array.isArray(value) || value.length === 0) {
        out.push(problem(`${path}.status`, '应为登记状态列表', 'expected a list of statuses'));
      }
      return;
  }
}

/** Checks a rule against the parameters it may use; an empty list means it can be saved. */
export function checkRule(rule: unknown, parameters: Record<string, Parameter> = {}): RuleProblem[] {
  const size = treeSize(rule, 0);
  if (size.depth > MAX_RULE_DEPTH || size.nodes > MAX_RULE_NODES) {
    return [
      problem(
        'rule',
        `条件过于复杂（最多嵌套 ${MAX_RULE_DEPTH} 层、${MAX_RULE_NODES} 个节点）`,
        `the rule is too complex (at most ${MAX_RULE_DEPTH} levels and ${MAX_RULE_NODES} nodes)`,
      ),
    ];
  }
  const out: RuleProblem[] = [];
  checkNode(rule, 'rule', parameters, out);
  return out;
}

/** Limits of a rule's shape (real policies use a few levels and a few dozen nodes). */
export const MAX_RULE_DEPTH = 24;
export const MAX_RULE_NODES = 2000;

/** Depth and node count of a JSON value (stops counting past the limits). */
function treeSize(value: unknown, depth: number): { depth: number; nodes: number } {
  if (depth > MAX_RULE_DEPTH || typeof value !== 'object' || value === null) return { depth, nodes: 1 };
  let deepest = depth;
  let nodes = 1;
  for (const child of Object.values(value)) {
    const sub = treeSize(child, depth + 1);
    deepest = Math.max(deepest, sub.depth);
    nodes += sub.nodes;
    if (nodes > MAX_RULE_NODES || deepest > MAX_RULE_DEPTH) break;
  }
  return { depth: deepest, nodes };
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation
//
// A rule is compiled once per evaluation date and parameters into closures (cached on the rule object): the
// dispatch on node kinds, the years, the parameter values and the fixed parts of every clause's text are settled
// then, and evaluating an enterprise only reads its facts and joins the variable parts in.

/** Facts missing in one evaluation, by key; the map is made only when a fact is missing. */
interface Missing {
  facts: Map<string, Localized> | null;
}

function noteMissing(missing: Missing, key: string, label: Localized): void {
  missing.facts ??= new Map();
  missing.facts.set(key, label);
}

type Evaluator = (facts: EnterpriseFacts, missing: Missing) => Explained;
/** A compiled numeric expression: the value (null unknown), whether it is a ratio over zero, and its text. */
type NumEvaluator = (facts: EnterpriseFacts, missing: Missing) => NumValue;

/** The year a rule's year reference names on an evaluation date (default: the year before it). */
export function ruleYear(ref: YearRef | undefined, date: string): number {
  const current = Number(date.slice(0, 4));
  if (!ref) return current - 1;
  return 'year' in ref ? ref.year : current + ref.relative;
}

/** The value of a parameter on a date: the entry with the latest `from` not after it. */
export function parameterOn(parameter: Parameter, date: string): number | null {
  let best: { from: string; value: number } | null = null;
  for (const entry of parameter.values)
    if (entry.from <= date && (!best || entry.from > best.from)) best = entry;
  return best ? best.value : null;
}

interface NumValue {
  value: number | null;
  zh: string;
  en: string;
  zero: boolean;
}

function numberText(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 10000) / 10000);
}

/** Whole years from one date to another (a birthday counts on its day). */
export function fullYearsBetween(from: string, to: string): number {
  let years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (to.slice(5) < from.slice(5)) years -= 1;
  return years;
}

function compareValues(a: number, op: CompareOp, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '=':
      return a === b;
    case '!=':
      return a !== b;
  }
}

function mark(result: Truth): string {
  return result === true ? ZH_OK : result === false ? ZH_NO : ' ?';
}

function unitOf(expr: NumExpr, parameters: Record<string, Parameter>): Unit {
  if (typeof expr === 'number') return 'none';
  if ('fact' in expr) return FIGURE_FACTS[expr.fact].unit;
  if ('age' in expr) return 'years';
  if ('param' in expr) return parameters[expr.param]?.unit ?? 'none';
  return 'ratio';
}

const UNKNOWN: Localized = { zh: '未知', en: 'unknown' };

/** The texts of an enterprise's figures, made once however many rules read them. */
const factTexts = new WeakMap<EnterpriseFacts, Map<string, NumValue>>();

function compileNum(
  expr: NumExpr,
  date: string,
  parameters: Record<string, Parameter>,
  otherUnit: Unit,
): NumEvaluator {
  if (typeof expr === 'number') {
    const n = numberText(expr);
    const fixed: NumValue = {
      value: expr,
      zh: `${n}${UNIT_TEXT[otherUnit].zh}`,
      en: `${n}${UNIT_TEXT[otherUnit].en}`,
      zero: false,
    };
    return () => fixed;
  }
  if ('fact' in expr) {
    const fact = expr.fact;
    const meta = FIGURE_FACTS[fact];
    const year = ruleYear(expr.year, date);
    const key = `${fact}:${year}`;
    const label: Localized = { zh: `${meta.zh}（${year} 年）`, en: `${meta.en} (${year})` };
    const unit = UNIT_TEXT[meta.unit];
    const unknownText = { zh: `${label.zh} ${UNKNOWN.zh}`, en: `${label.en} ${UNKNOWN.en}` };
    const unknownValue: NumValue = { value: null, zh: unknownText.zh, en: unknownText.en, zero: false };
    return (facts, missing) => {
      const value = facts.figures[year]?.[fact] ?? null;
      if (value === null) {
        noteMissing(missing, key, label);
        return unknownValue;
      }
      // Many policies read the same figures: their text is made once per enterprise.
      let cache = factTexts.get(facts);
      if (!cache) {
        cache = new Map();
        factTexts.set(facts, cache);
      }
      const cached = cache.get(key);
      if (cached !== undefined && cached.value === value) return cached;
      const n = numberText(value);
      const made: NumValue = {
        value,
        zh: `${label.zh} ${n}${unit.zh}`,
        en: `${label.en} ${n}${unit.en}`,
        zero: false,
      };
      cache.set(key, made);
      return made;
    };
  }
  if ('age' in expr) {
    const label: Localized = { zh: '成立日期', en: 'Date of establishment' };
    return (facts, missing) => {
      const established = facts.establishedOn;
      if (!established) {
        noteMissing(missing, 'established_on', label);
        return { value: null, zh: '成立年限 未知', en: 'Age unknown', zero: false };
      }
      const years = fullYearsBetween(established, date);
      return { value: years, zh: `成立 ${years} 年`, en: `${years} years since establishment`, zero: false };
    };
  }
  if ('param' in expr) {
    const parameter = parameters[expr.param];
    const value = parameter ? parameterOn(parameter, date) : null;
    const unit = parameter?.unit ?? 'none';
    const fixed: NumValue =
      value === null
        ? { value: null, zh: UNKNOWN.zh, en: UNKNOWN.en, zero: false }
        : {
            value,
            zh: `${numberText(value)}${UNIT_TEXT[unit].zh}`,
            en: `${numberText(value)}${UNIT_TEXT[unit].en}`,
            zero: false,
          };
    return () => fixed;
  }
  const top = compileNum(expr.ratio[0], date, parameters, 'none');
  const bottom = compileNum(expr.ratio[1], date, parameters, 'none');
  return (facts, missing) => {
    const a = top(facts, missing);
    const b = bottom(facts, missing);
    const zh = `${a.zh} ÷ ${b.zh}`;
    const en = `${a.en} ÷ ${b.en}`;
    if (a.value === null || b.value === null) return { value: null, zh, en, zero: false };
    if (b.value === 0) return { value: null, zh, en, zero: true };
    return { value: a.value / b.value, zh, en, zero: false };
  };
}

/**
 * A clause that depends on one small-domain value of the enterprise (its industry code, region, size class,
 * taxpayer type, status) answers the same for the same value: its explained answer is made once per value.
 */
function memoized(answer: (value: string | null) => Explained): (value: string | null) => Explained {
  const memo = new Map<string | null, Explained>();
  return (value) => {
    let explained = memo.get(value);
    if (explained === undefined) {
      explained = answer(value);
      if (memo.size < 4096) memo.set(value, explained);
    }
    return explained;
  };
}

/** A clause on a code of the enterprise starting with one of some prefixes (industry, region). */
function prefixClause(
  codeOf: (facts: EnterpriseFacts) => string | null,
  missingKey: string,
  label: Localized,
  prefixes: readonly string[],
  text: (code: string | null, mark: string) => Localized,
): Evaluator {
  const answer = memoized((code) => {
    const result: Truth = code ? prefixes.some((prefix) => code.startsWith(prefix)) : null;
    return { result, text: text(code, mark(result)) };
  });
  return (facts, missing) => {
    const code = codeOf(facts);
    if (!code) noteMissing(missing, missingKey, label);
    return answer(code);
  };
}

/**
 * A region as an explanation names it: its full name (romanised in English, docs/reference/regions-en.md) with the
 * code in brackets, or the code alone when GB/T 2260 does not know it.
 */
function regionLabel(code: string, lang: 'zh' | 'en'): string {
  const name = lang === 'zh' ? (findRegion(code) ? regionFullName(code) : '') : regionFullNameEn(code);
  return name ? (lang === 'zh' ? `${name}（${code}）` : `${name} (${code})`) : code;
}

const TAXPAYER_TEXT: Record<string, Localized> = {
  small_scale: { zh: '小规模纳税人', en: 'small-scale taxpayer' },
  general: { zh: '一般纳税人', en: 'general taxpayer' },
};

function compileNode(rule: Rule, date: string, parameters: Record<string, Parameter>): Evaluator {
  if ('all' in rule || 'any' in rule) {
    const isAll = 'all' in rule;
    const children = (isAll ? (rule as { all: Rule[] }).all : (rule as { any: Rule[] }).any).map((child) =>
      compileNode(child, date, parameters),
    );
    const decisive = !isAll;
    const count = children.length;
    const textOf = (result: Truth): Localized =>
      isAll
        ? { zh: `同时满足以下 ${count} 项${mark(result)}`, en: `All of these ${count}${mark(result)}` }
        : { zh: `满足以下任一项${mark(result)}`, en: `Any of these${mark(result)}` };
    const yes = textOf(true);
    const no = textOf(false);
    const unknown = textOf(null);
    return (facts, missing) => {
      const explained: Explained[] = new Array(count);
      let sawDecisive = false;
      let sawUnknown = false;
      for (let i = 0; i < count; i++) {
        const child = (children[i] as Evaluator)(facts, missing);
        explained[i] = child;
        if (child.result === decisive) sawDecisive = true;
        else if (child.result === null) sawUnknown = true;
      }
      const result: Truth = sawDecisive ? decisive : sawUnknown ? null : !decisive;
      return { result, text: result === true ? yes : result === false ? no : unknown, children: explained };
    };
  }
  if ('not' in rule) {
    const inner = compileNode(rule.not, date, parameters);
    return (facts, missing) => {
      const child = inner(facts, missing);
      const result: Truth = child.result === null ? null : !child.result;
      return {
        result,
        // The condition below is shown with its own mark (✗ when it does not hold); this line says what that
        // means here, with the mark of the whole: "不满足：… ✗" under a policy one qualifies for read as a failure.
        text: { zh: `下列情形不成立${mark(result)}`, en: `The following does not hold${mark(result)}` },
        children: [child],
      };
    };
  }
  if ('compare' in rule) {
    const [leftExpr, op, rightExpr] = rule.compare;
    const left = compileNum(leftExpr, date, parameters, unitOf(rightExpr, parameters));
    const right = compileNum(rightExpr, date, parameters, unitOf(leftExpr, parameters));
    const sign = ` ${OP_TEXT[op]} `;
    // A ratio with a zero denominator: the clause is false where that ratio says `ifZero: false`, else unknown.
    const zeroFalse = (expr: NumExpr) =>
      typeof expr === 'object' && 'ratio' in expr && expr.ifZero === 'false';
    const leftZeroFalse = zeroFalse(leftExpr);
    const rightZeroFalse = zeroFalse(rightExpr);
    if (typeof rightExpr === 'number' || 'param' in rightExpr) {
      // The usual clause, a figure against a threshold: the threshold's side of the text is made here.
      const b = right({} as EnterpriseFacts, { facts: null });
      const suffix = (result: Truth) => ({
        zh: `${sign}${b.zh}${mark(result)}`,
        en: `${sign}${b.en}${mark(result)}`,
      });
      const [yes, no, unknown] = [suffix(true), suffix(false), suffix(null)];
      return (facts, missing) => {
        const a = left(facts, missing);
        const result: Truth =
          a.value !== null && b.value !== null
            ? compareValues(a.value, op, b.value)
            : leftZeroFalse && a.zero
              ? false
              : null;
        const tail = result === true ? yes : result === false ? no : unknown;
        return { result, text: { zh: a.zh + tail.zh, en: a.en + tail.en } };
      };
    }
    return (facts, missing) => {
      const a = left(facts, missing);
      const b = right(facts, missing);
      const result: Truth =
        a.value !== null && b.value !== null
          ? compareValues(a.value, op, b.value)
          : (leftZeroFalse && a.zero) || (rightZeroFalse && b.zero)
            ? false
            : null;
      const m = mark(result);
      return { result, text: { zh: `${a.zh}${sign}${b.zh}${m}`, en: `${a.en}${sign}${b.en}${m}` } };
    };
  }
  if ('industry' in rule) {
    const list = rule.industry;
    return prefixClause(
      (facts) => facts.industryCode,
      'industry',
      { zh: '行业代码', en: 'Industry code' },
      list.map((prefix) => prefix.toUpperCase()),
      (code, m) => ({
        zh: `行业 ${code ?? '未知'} 属于 ${list.join('、')}${m}`,
        en: `Industry ${code ?? 'unknown'} in ${list.join(', ')}${m}`,
      }),
    );
  }
  if ('region' in rule) {
    const list = rule.region;
    return prefixClause(
      (facts) => facts.regionCode,
      'region',
      { zh: '注册地', en: 'Registered region' },
      list.map(regionScopePrefix),
      (code, m) => ({
        zh: `注册地 ${code ? regionLabel(code, 'zh') : '未知'} 在 ${list.map((c) => regionLabel(c, 'zh')).join('、')} 范围内${m}`,
        en: `Region ${code ? regionLabel(code, 'en') : 'unknown'} within ${list.map((c) => regionLabel(c, 'en')).join('; ')}${m}`,
      }),
    );
  }
  if ('size' in rule) {
    const standard = rule.standard ?? 'cn-2011';
    const year = ruleYear(rule.year, date);
    const wanted = new Set<string>(rule.size);
    const wantedZh = rule.size.map((s) => SIZE_TEXT[s].zh).join('、');
    const wantedEn = rule.size.map((s) => SIZE_TEXT[s].en).join(', ');
    const key = `size:${standard}:${year}`;
    const label: Localized = { zh: `${year} 年企业规模`, en: `Size class (${year})` };
    const answer = memoized((found) => {
      const known = found !== null && found in SIZE_TEXT ? SIZE_TEXT[found as SizeClass] : null;
      const result: Truth = found === null ? null : known !== null && wanted.has(found);
      const shown = known ?? { zh: found ?? '未知', en: found ?? 'unknown' };
      const m = mark(result);
      return {
        result,
        text: {
          zh: `${label.zh} ${shown.zh}，要求 ${wantedZh}${m}`,
          en: `${label.en} ${shown.en}, required ${wantedEn}${m}`,
        },
      };
    });
    return (facts, missing) => {
      let found: string | null = null;
      for (const s of facts.sizes) {
        if (s.standard === standard && s.year === year) {
          found = s.size;
          break;
        }
      }
      if (found === null) noteMissing(missing, key, label);
      return answer(found);
    };
  }
  if ('certified' in rule) {
    const name = rule.certified;
    const held: Explained = {
      result: true,
      text: { zh: `持有有效的“${name}”${ZH_OK}`, en: `Holds a valid "${name}"${ZH_OK}` },
    };
    const notHeld: Explained = {
      result: false,
      text: { zh: `未持有有效的“${name}”${ZH_NO}`, en: `Does not hold a valid "${name}"${ZH_NO}` },
    };
    return (facts) => {
      for (const c of facts.certifications) {
        if (c.name === name && c.validFrom <= date && (c.validTo === null || c.validTo >= date)) return held;
      }
      return notHeld;
    };
  }
  if ('taxpayer' in rule) {
    const year = ruleYear(rule.year, date);
    const wanted = rule.taxpayer;
    const wantedText = TAXPAYER_TEXT[wanted] as Localized;
    const key = `vat:${year}`;
    const label: Localized = { zh: `增值税纳税人类型（${year} 年）`, en: `VAT taxpayer type (${year})` };
    const answer = memoized((type) => {
      const result: Truth = type === null ? null : type === wanted;
      const shown = (type && TAXPAYER_TEXT[type]) || UNKNOWN;
      const m = mark(result);
      return {
        result,
        text: {
          zh: `增值税纳税人类型 ${shown.zh}，要求 ${wantedText.zh}${m}`,
          en: `VAT taxpayer type ${shown.en}, required ${wantedText.en}${m}`,
        },
      };
    });
    return (facts, missing) => {
      const type = facts.figures[year]?.vatTaxpayerType ?? null;
      if (type === null) noteMissing(missing, key, label);
      return answer(type);
    };
  }
  const statuses = new Set<string>(rule.status);
  const label: Localized = { zh: '登记状态', en: 'Registration status' };
  const answer = memoized((status) => {
    const result: Truth = status ? statuses.has(status) : null;
    const m = mark(result);
    return {
      result,
      text: {
        zh: `登记状态 ${status ? (REGISTRATION_STATUS_NAMES[status]?.zh ?? status) : '未知'}${m}`,
        en: `Registration status ${status ? (REGISTRATION_STATUS_NAMES[status]?.en ?? status) : 'unknown'}${m}`,
      },
    };
  });
  return (facts, missing) => {
    const status = facts.status;
    if (!status) noteMissing(missing, 'status', label);
    return answer(status);
  };
}

/** Compiled evaluators by rule object, then by date and parameters. */
const compiled = new WeakMap<
  Rule,
  Map<string, { parameters: Record<string, Parameter>; evaluate: Evaluator }[]>
>();

/** The evaluator last used for each rule (most callers evaluate one rule on one date many times in a row). */
const lastUsed = new WeakMap<
  Rule,
  { date: string; parameters: Record<string, Parameter>; evaluate: Evaluator }
>();

function evaluatorOf(rule: Rule, date: string, parameters: Record<string, Parameter>): Evaluator {
  const last = lastUsed.get(rule);
  if (last !== undefined && last.date === date && last.parameters === parameters) return last.evaluate;
  const evaluate = findOrCompile(rule, date, parameters);
  lastUsed.set(rule, { date, parameters, evaluate });
  return evaluate;
}

function findOrCompile(rule: Rule, date: string, parameters: Record<string, Parameter>): Evaluator {
  let byDate = compiled.get(rule);
  if (!byDate) {
    byDate = new Map();
    compiled.set(rule, byDate);
  }
  let entries = byDate.get(date);
  if (!entries) {
    if (byDate.size > 16) byDate.clear();
    entries = [];
    byDate.set(date, entries);
  }
  for (const entry of entries) if (entry.parameters === parameters) return entry.evaluate;
  const evaluate = compileNode(rule, date, parameters);
  if (entries.length >= 8) entries.shift();
  entries.push({ parameters, evaluate });
  return evaluate;
}

/**
 * Evaluates a checked rule for one enterprise on a date. Never throws on missing data: the answer is then
 * unknown, with the missing facts named.
 */
export function evaluateRule(
  rule: Rule,
  facts: EnterpriseFacts,
  date: string,
  parameters: Record<string, Parameter> = NO_PARAMETERS,
): Eligibility {
  const missing: Missing = { facts: null };
  const explanation = evaluatorOf(rule, date, parameters)(facts, missing);
  let nearMiss: Explained | null = null;
  if ('all' in rule && explanation.result === false) {
    let failed: Explained | null = null;
    let failures = 0;
    for (const child of explanation.children ?? []) {
      if (child.result === false) {
        failures += 1;
        failed = child;
      } else if (child.result === null) failures += 2;
    }
    const index = failed ? (explanation.children ?? []).indexOf(failed) : -1;
    if (failures === 1 && failed && canBecome(rule.all[index] as Rule, failed, true, facts, date, parameters))
      nearMiss = failed;
  }
  return {
    outcome:
      explanation.result === true ? 'eligible' : explanation.result === false ? 'not_eligible' : 'unknown',
    explanation,
    missing: missing.facts === null ? [] : [...missing.facts.values()],
    nearMiss,
  };
}

const NO_PARAMETERS: Record<string, Parameter> = {};

// ---------------------------------------------------------------------------------------------------------
// Attainability (issue 12)
//
// A near miss says "meet this one condition and you qualify". That is only honest for a condition the enterprise
// can come to meet by its own doing or with time: its figures of a year still to come (a relative year is read
// again each year), a certification, its size class or taxpayer type, a suspended registration resumed, an age
// still to be reached. It cannot change where it is registered, its industry, a figure of a year that has ended, or
// grow younger; a revoked or cancelled registration is final.

/** Registration statuses that never become active again (吊销, 注销). */
const FINAL_STATUSES: ReadonlySet<string> = new Set(['revoked', 'cancelled']);

/** A named year that has ended on the date is history; a relative year is read afresh every year. */
function isYearOpen(ref: YearRef | undefined, date: string): boolean {
  return ref === undefined || 'relative' in ref || ref.year >= Number(date.slice(0, 4));
}

/** Whether a numeric expression reads a figure the enterprise can still change. */
function hasOpenFigure(expr: NumExpr, date: string): boolean {
  if (typeof expr === 'number') return false;
  if ('fact' in expr) return isYearOpen(expr.year, date);
  if ('ratio' in expr) return hasOpenFigure(expr.ratio[0], date) || hasOpenFigure(expr.ratio[1], date);
  return false;
}

function hasAge(expr: NumExpr): boolean {
  if (typeof expr === 'number') return false;
  if ('age' in expr) return true;
  if ('ratio' in expr) return hasAge(expr.ratio[0]) || hasAge(expr.ratio[1]);
  return false;
}

/** A numeric expression's value with the age given (figures of ended years as stored); null unknown. */
function valueAtAge(
  expr: NumExpr,
  age: number,
  facts: EnterpriseFacts,
  date: string,
  parameters: Record<string, Parameter>,
): number | null {
  if (typeof expr === 'number') return expr;
  if ('age' in expr) return age;
  if ('param' in expr) {
    const parameter = parameters[expr.param];
    return parameter ? parameterOn(parameter, date) : null;
  }
  if ('fact' in expr) return facts.figures[ruleYear(expr.year, date)]?.[expr.fact] ?? null;
  const top = valueAtAge(expr.ratio[0], age, facts, date, parameters);
  const bottom = valueAtAge(expr.ratio[1], age, facts, date, parameters);
  return top === null || bottom === null || bottom === 0 ? null : top / bottom;
}

/** How far ahead an age condition is looked at (years); real thresholds are a few years to a few decades. */
const AGE_HORIZON = 200;

/**
 * Whether a clause can come to answer `want` by the enterprise's own doing or with time, given how it answers now
 * (`now`, the clause's explained answer). Pure; used for near misses.
 */
export function canBecome(
  rule: Rule,
  now: Explained,
  want: boolean,
  facts: EnterpriseFacts,
  date: string,
  parameters: Record<string, Parameter> = NO_PARAMETERS,
): boolean {
  if (now.result === want) return true;
  const children = now.children ?? [];
  const childCan = (child: Rule, i: number, wanted: boolean) => {
    const explained = children[i];
    return explained !== undefined && canBecome(child, explained, wanted, facts, date, parameters);
  };
  if ('all' in rule || 'any' in rule) {
    const isAll = 'all' in rule;
    const list = isAll ? (rule as { all: Rule[] }).all : (rule as { any: Rule[] }).any;
    // An `all` becomes true when every clause does; false when one does (an `any` the reverse).
    if (isAll === want)
      return list.every((child, i) => children[i]?.result === want || childCan(child, i, want));
    return list.some((child, i) => childCan(child, i, want));
  }
  if ('not' in rule) return childCan(rule.not, 0, !want);
  if ('region' in rule || 'industry' in rule) return false;
  if ('status' in rule) return !(want && facts.status !== null && FINAL_STATUSES.has(facts.status));
  if ('certified' in rule) return true;
  if ('size' in rule || 'taxpayer' in rule) return isYearOpen(rule.year, date);
  const [left, op, right] = rule.compare;
  if (hasOpenFigure(left, date) || hasOpenFigure(right, date)) return true;
  if (!(hasAge(left) || hasAge(right)) || !facts.establishedOn) return false;
  // Only the age moves, one year at a time and only upwards.
  const age = fullYearsBetween(facts.establishedOn, date);
  for (let a = age + 1; a <= age + AGE_HORIZON; a++) {
    const l = valueAtAge(left, a, facts, date, parameters);
    const r = valueAtAge(right, a, facts, date, parameters);
    if (l !== null && r !== null && compareValues(l, op, r) === want) return true;
  }
  return false;
}
