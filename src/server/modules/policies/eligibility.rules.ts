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
 *   on one clause only, that clause (a near miss).
 *
 * Pure: no I/O, no clock (the evaluation date is an argument).
 */
import type { Localized } from '../../../shared/errors.ts';

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

/** What the engine knows of an enterprise (null where the registry holds nothing). */
export interface EnterpriseFacts {
  industryCode: string | null;
  regionCode: string | null;
  establishedOn: string | null;
  status: 'active' | 'suspended' | 'revoked' | 'cancelled' | null;
  certifications: { name: string; validFrom: string; validTo: string | null }[];
  /** Size class per standard and year. */
  sizes: { standard: string; year: number; size: string }[];
  /** Figures per year (a figure null where not reported). */
  figures: Record<
    number,
    Partial<Record<FigureFact, number | null>> & { vatTaxpayerType?: 'general' | 'small_scale' | null }
  >;
}

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

const RULE_KEYS = [
  'all',
  'any',
  'not',
  'compare',
  'industry',
  'region',
  'size',
  'certified',
  'taxpayer',
  'status',
];

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
  const out: RuleProblem[] = [];
  checkNode(rule, 'rule', parameters, out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Evaluation

interface Context {
  facts: EnterpriseFacts;
  date: string;
  parameters: Record<string, Parameter>;
  missing: Map<string, Localized>;
}

function yearOf(ref: YearRef | undefined, date: string): number {
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
  text: Localized;
  unit: Unit;
  zero?: boolean;
}

function numberText(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 10000) / 10000);
}

function withUnit(value: number | null, unit: Unit): Localized {
  if (value === null) return { zh: '未知', en: 'unknown' };
  const n = numberText(value);
  return { zh: `${n}${UNIT_TEXT[unit].zh}`, en: `${n}${UNIT_TEXT[unit].en}` };
}

function numValue(expr: NumExpr, ctx: Context, otherUnit: Unit): NumValue {
  if (typeof expr === 'number') {
    return { value: expr, text: withUnit(expr, otherUnit), unit: otherUnit };
  }
  if ('fact' in expr) {
    const meta = FIGURE_FACTS[expr.fact];
    const year = yearOf(expr.year, ctx.date);
    const value = ctx.facts.figures[year]?.[expr.fact] ?? null;
    const label = { zh: `${meta.zh}（${year} 年）`, en: `${meta.en} (${year})` };
    if (value === null) ctx.missing.set(`${expr.fact}:${year}`, label);
    const shown = withUnit(value, meta.unit);
    return { value, unit: meta.unit, text: { zh: `${label.zh} ${shown.zh}`, en: `${label.en} ${shown.en}` } };
  }
  if ('age' in expr) {
    const established = ctx.facts.establishedOn;
    if (!established) {
      const label = { zh: '成立日期', en: 'Date of establishment' };
      ctx.missing.set('established_on', label);
      return { value: null, unit: 'years', text: { zh: '成立年限 未知', en: 'Age unknown' } };
    }
    const years = fullYearsBetween(established, ctx.date);
    return {
      value: years,
      unit: 'years',
      text: { zh: `成立 ${years} 年`, en: `${years} years since establishment` },
    };
  }
  if ('param' in expr) {
    const parameter = ctx.parameters[expr.param];
    const value = parameter ? parameterOn(parameter, ctx.date) : null;
    const unit = parameter?.unit ?? 'none';
    return { value, unit, text: withUnit(value, unit) };
  }
  const top = numValue(expr.ratio[0], ctx, 'none');
  const bottom = numValue(expr.ratio[1], ctx, 'none');
  const text = { zh: `${top.text.zh} ÷ ${bottom.text.zh}`, en: `${top.text.en} ÷ ${bottom.text.en}` };
  if (top.value === null || bottom.value === null) return { value: null, unit: 'ratio', text };
  if (bottom.value === 0) return { value: null, unit: 'ratio', text, zero: true };
  return { value: top.value / bottom.value, unit: 'ratio', text };
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

function unitOfExpr(expr: NumExpr, ctx: Context): Unit {
  if (typeof expr === 'number') return 'none';
  if ('fact' in expr) return FIGURE_FACTS[expr.fact].unit;
  if ('age' in expr) return 'years';
  if ('param' in expr) return ctx.parameters[expr.param]?.unit ?? 'none';
  return 'ratio';
}

function evalNode(rule: Rule, ctx: Context): Explained {
  if ('all' in rule || 'any' in rule) {
    const isAll = 'all' in rule;
    const children = (isAll ? (rule as { all: Rule[] }).all : (rule as { any: Rule[] }).any).map((child) =>
      evalNode(child, ctx),
    );
    const results = children.map((c) => c.result);
    const decisive = !isAll;
    const result: Truth = results.includes(decisive) ? decisive : results.includes(null) ? null : !decisive;
    const text = isAll
      ? {
          zh: `同时满足以下 ${children.length} 项${mark(result)}`,
          en: `All of these ${children.length}${mark(result)}`,
        }
      : { zh: `满足以下任一项${mark(result)}`, en: `Any of these${mark(result)}` };
    return { result, text, children };
  }
  if ('not' in rule) {
    const child = evalNode(rule.not, ctx);
    const result: Truth = child.result === null ? null : !child.result;
    return {
      result,
      text: { zh: `不满足：${child.text.zh}`, en: `Not: ${child.text.en}` },
      children: [child],
    };
  }
  if ('compare' in rule) {
    const [leftExpr, op, rightExpr] = rule.compare;
    const left = numValue(leftExpr, ctx, unitOfExpr(rightExpr, ctx));
    const right = numValue(rightExpr, ctx, left.unit);
    // A ratio with a zero denominator: the clause is false where that ratio says `ifZero: false`, else unknown.
    const zeroFalse = (expr: NumExpr, value: NumValue) =>
      value.zero === true && typeof expr === 'object' && 'ratio' in expr && expr.ifZero === 'false';
    const result: Truth =
      left.value !== null && right.value !== null
        ? compareValues(left.value, op, right.value)
        : zeroFalse(leftExpr, left) || zeroFalse(rightExpr, right)
          ? false
          : null;
    const sign = OP_TEXT[op];
    return {
      result,
      text: {
        zh: `${left.text.zh} ${sign} ${right.text.zh}${mark(result)}`,
        en: `${left.text.en} ${sign} ${right.text.en}${mark(result)}`,
      },
    };
  }
  if ('industry' in rule) {
    const code = ctx.facts.industryCode;
    if (!code) ctx.missing.set('industry', { zh: '行业代码', en: 'Industry code' });
    const result: Truth = code ? rule.industry.some((prefix) => code.startsWith(prefix.toUpperCase())) : null;
    return {
      result,
      text: {
        zh: `行业 ${code ?? '未知'} 属于 ${rule.industry.join('、')}${mark(result)}`,
        en: `Industry ${code ?? 'unknown'} in ${rule.industry.join(', ')}${mark(result)}`,
      },
    };
  }
  if ('region' in rule) {
    const code = ctx.facts.regionCode;
    if (!code) ctx.missing.set('region', { zh: '注册地', en: 'Registered region' });
    const result: Truth = code ? rule.region.some((scope) => code.startsWith(regionPrefix(scope))) : null;
    return {
      result,
      text: {
        zh: `注册地 ${code ?? '未知'} 在 ${rule.region.join('、')} 范围内${mark(result)}`,
        en: `Region ${code ?? 'unknown'} within ${rule.region.join(', ')}${mark(result)}`,
      },
    };
  }
  if ('size' in rule) {
    const standard = rule.standard ?? 'cn-2011';
    const year = yearOf(rule.year, ctx.date);
    const found = ctx.facts.sizes.find((s) => s.standard === standard && s.year === year);
    const known = found && found.size in SIZE_TEXT ? (found.size as SizeClass) : null;
    if (!found)
      ctx.missing.set(`size:${standard}:${year}`, { zh: `${year} 年企业规模`, en: `Size class (${year})` });
    const result: Truth = found ? known !== null && rule.size.includes(known) : null;
    const wanted = {
      zh: rule.size.map((s) => SIZE_TEXT[s].zh).join('、'),
      en: rule.size.map((s) => SIZE_TEXT[s].en).join(', '),
    };
    const shown = known
      ? SIZE_TEXT[known]
      : { zh: found ? found.size : '未知', en: found ? found.size : 'unknown' };
    return {
      result,
      text: {
        zh: `${year} 年企业规模 ${shown.zh}，要求 ${wanted.zh}${mark(result)}`,
        en: `Size class (${year}) ${shown.en}, required ${wanted.en}${mark(result)}`,
      },
    };
  }
  if ('certified' in rule) {
    const held = ctx.facts.certifications.some(
      (c) =>
        c.name === rule.certified && c.validFrom <= ctx.date && (c.validTo === null || c.validTo >= ctx.date),
    );
    return {
      result: held,
      text: {
        zh: `${held ? '持有' : '未持有'}有效的“${rule.certified}”${mark(held)}`,
        en: `${held ? 'Holds' : 'Does not hold'} a valid "${rule.certified}"${mark(held)}`,
      },
    };
  }
  if ('taxpayer' in rule) {
    const year = yearOf(rule.year, ctx.date);
    const type = ctx.facts.figures[year]?.vatTaxpayerType ?? null;
    if (type === null)
      ctx.missing.set(`vat:${year}`, {
        zh: `增值税纳税人类型（${year} 年）`,
        en: `VAT taxpayer type (${year})`,
      });
    const result: Truth = type === null ? null : type === rule.taxpayer;
    const name = (t: string | null) =>
      t === 'small_scale'
        ? { zh: '小规模纳税人', en: 'small-scale taxpayer' }
        : t === 'general'
          ? { zh: '一般纳税人', en: 'general taxpayer' }
          : { zh: '未知', en: 'unknown' };
    return {
      result,
      text: {
        zh: `增值税纳税人类型 ${name(type).zh}，要求 ${name(rule.taxpayer).zh}${mark(result)}`,
        en: `VAT taxpayer type ${name(type).en}, required ${name(rule.taxpayer).en}${mark(result)}`,
      },
    };
  }
  const status = ctx.facts.status;
  if (!status) ctx.missing.set('status', { zh: '登记状态', en: 'Registration status' });
  const result: Truth = status ? rule.status.includes(status) : null;
  return {
    result,
    text: {
      zh: `登记状态 ${status ?? '未知'}${mark(result)}`,
      en: `Registration status ${status ?? 'unknown'}${mark(result)}`,
    },
  };
}

/** A GB/T 2260 code as the prefix of its subtree: 440000 → 44, 440100 → 4401, 440106 → 440106. */
function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/**
 * Evaluates a checked rule for one enterprise on a date. Never throws on missing data: the answer is then
 * unknown, with the missing facts named.
 */
export function evaluateRule(
  rule: Rule,
  facts: EnterpriseFacts,
  date: string,
  parameters: Record<string, Parameter> = {},
): Eligibility {
  const ctx: Context = { facts, date, parameters, missing: new Map() };
  const explanation = evalNode(rule, ctx);
  let nearMiss: Explained | null = null;
  if ('all' in rule && explanation.result === false) {
    const failed = (explanation.children ?? []).filter((c) => c.result === false);
    const unknown = (explanation.children ?? []).some((c) => c.result === null);
    if (failed.length === 1 && !unknown) nearMiss = failed[0] as Explained;
  }
  return {
    outcome:
      explanation.result === true ? 'eligible' : explanation.result === false ? 'not_eligible' : 'unknown',
    explanation,
    missing: [...ctx.missing.values()],
    nearMiss,
  };
}
