/**
 * The monitoring module's pure rules (issue 16, ADR 0030; docs/reference/monitoring.md): a survey's questions
 * checked before they are stored, answers checked against their questions, a panel's allocation to strata, the
 * data-quality checks of a submission, and the indices computed from a run's weighted counts with the exact
 * arithmetic of src/reference/monitoring.ts. No I/O.
 */
import {
  balanceIndex,
  componentDiffusion,
  formatIndex,
  PMI_COMPONENTS,
  type PmiComponentCode,
  pmiIndex,
  SMEDI_SUB_INDICES,
  weightedMean,
} from '../../../reference/monitoring.ts';
import type { Localized } from '../../../shared/errors.ts';
import type { FieldError } from '../../http/errors.ts';
import type { FlagKind, QuestionKind, WithheldReason } from './monitoring.table.ts';

// ---------------------------------------------------------------------------------------------------------------
// Decimals (weights, answers): scaled integers, never binary floats

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** A decimal string as an integer of 10^-scale units, or null when it is not a decimal or has more places. */
export function unitsOf(text: string, scale: number): bigint | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, minus, whole = '0', fraction = ''] = match;
  if (fraction.length > scale) return null;
  const units = BigInt(whole) * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0'));
  return minus ? -units : units;
}

/** Integer units back to the shortest decimal string ("0.125000" → "0.125", "2.000" → "2"). */
export function decimalOf(units: bigint, scale: number): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const base = 10n ** BigInt(scale);
  const fraction = (abs % base).toString().padStart(scale, '0').replace(/0+$/, '');
  const body = fraction === '' ? (abs / base).toString() : `${abs / base}.${fraction}`;
  return negative ? `-${body}` : body;
}

/** The normal form of a decimal string (as the database's trim_scale gives it). */
export function normalDecimal(text: string): string {
  const units = unitsOf(text, 6);
  return units === null ? text : decimalOf(units, 6);
}

const WEIGHT_SCALE = 6;
const ONE = 10n ** BigInt(WEIGHT_SCALE);

// ---------------------------------------------------------------------------------------------------------------
// Survey design

/** A question as the statistician writes it (the API's QuestionInput). */
export interface QuestionDraft {
  code: string;
  textZh: string;
  textEn?: string | undefined;
  helpZh?: string | undefined;
  kind: QuestionKind;
  required?: boolean | undefined;
  subIndex?: string | null | undefined;
  direction?: 'up_is_good' | 'down_is_good' | null | undefined;
  weight?: string | null | undefined;
  pmiComponent?: string | null | undefined;
  judgement?: boolean | undefined;
  unit?: string | null | undefined;
  min?: string | null | undefined;
  max?: string | null | undefined;
  decimals?: number | null | undefined;
  choices?: { code: string; zh: string; en?: string | undefined }[] | null | undefined;
  registryFigure?: 'employees' | 'operating_revenue' | null | undefined;
}

/** A checked question, as stored. */
export interface Question {
  code: string;
  position: number;
  textZh: string;
  textEn: string;
  helpZh: string;
  kind: QuestionKind;
  required: boolean;
  subIndex: string | null;
  direction: 'up_is_good' | 'down_is_good' | null;
  weight: string | null;
  pmiComponent: string | null;
  judgement: boolean;
  unit: string | null;
  min: string | null;
  max: string | null;
  decimals: number | null;
  choices: { code: string; zh: string; en: string }[] | null;
  registryFigure: 'employees' | 'operating_revenue' | null;
}

const CODE = /^[a-z][a-z0-9_]{0,39}$/;
const SUB_INDEX_CODES = new Set<string>(SMEDI_SUB_INDICES.map((s) => s.code));
const PMI_CODES = new Set<string>(PMI_COMPONENTS.map((c) => c.code));

function subIndexName(code: string): Localized {
  const s = SMEDI_SUB_INDICES.find((x) => x.code === code);
  return s ? { zh: s.zh, en: s.en } : { zh: code, en: code };
}

/**
 * Checks a survey's questions and returns them as stored, or every problem found, each on its field
 * (`questions[i].direction`): codes unique and well-formed; what each kind needs and refuses; an index question (one
 * with a sub-index) is three-level with a direction and a weight; each sub-index's weights sum to exactly 1; a PMI
 * component answered by one question at most.
 */
export function checkQuestions(drafts: readonly QuestionDraft[]): {
  questions: Question[];
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const seen = new Map<string, number>();
  const pmiSeen = new Map<string, number>();
  const questions: Question[] = [];
  drafts.forEach((d, i) => {
    const at = (field: string) => `questions[${i}].${field}`;
    const fail = (field: string, zh: string, en: string) =>
      errors.push({ field: at(field), message: { zh, en } });
    const code = d.code.trim();
    if (!CODE.test(code))
      fail(
        'code',
        '编码以小写字母开头，只含小写字母、数字和下划线，至多40个字符',
        'starts with a lower-case letter and has only lower-case letters, digits and underscores (at most 40)',
      );
    else if (seen.has(code))
      fail(
        'code',
        `与第${(seen.get(code) ?? 0) + 1}题的编码重复`,
        `repeats the code of question ${(seen.get(code) ?? 0) + 1}`,
      );
    seen.set(code, i);
    const textZh = d.textZh.trim();
    if (textZh.length < 2)
      fail('textZh', '请填写题目（至少2个字）', 'give the question (at least 2 characters)');
    const subIndex = d.subIndex ?? null;
    const direction = d.direction ?? null;
    const weight = d.weight ?? null;
    const pmi = d.pmiComponent ?? null;
    if (subIndex !== null) {
      if (!SUB_INDEX_CODES.has(subIndex)) fail('subIndex', '不是分项指数的编码', 'is not a sub-index code');
      else if (d.kind !== 'three_level')
        fail(
          'subIndex',
          '只有三级选择题（增加/持平/减少）可计入指数',
          'only a three-level question can be in an index',
        );
      if (direction === null)
        fail(
          'direction',
          '计入指数的问题须设定方向（增加为好或减少为好）',
          'a question in an index needs a direction',
        );
      if (weight === null)
        fail('weight', '计入指数的问题须设定权重', 'a question in an index needs a weight');
    } else if (weight !== null)
      fail('weight', '只有计入分项指数的问题设定权重', 'only a question in a sub-index has a weight');
    if (weight !== null) {
      const units = unitsOf(weight, WEIGHT_SCALE);
      if (units === null || units <= 0n || units > ONE)
        fail(
          'weight',
          '权重应大于0且不超过1，至多6位小数',
          'a weight is above 0 and at most 1, with up to 6 decimals',
        );
    }
    if (direction !== null && d.kind !== 'three_level')
      fail('direction', '只有三级选择题有方向', 'only a three-level question has a direction');
    if (pmi !== null) {
      if (!PMI_CODES.has(pmi)) fail('pmiComponent', '不是PMI分项的编码', 'is not a PMI component code');
      else if (d.kind !== 'three_level')
        fail(
          'pmiComponent',
          '只有三级选择题可对应PMI分项',
          'only a three-level question answers a PMI component',
        );
      else if (pmiSeen.has(pmi))
        fail(
          'pmiComponent',
          `第${(pmiSeen.get(pmi) ?? 0) + 1}题已对应该PMI分项`,
          `question ${(pmiSeen.get(pmi) ?? 0) + 1} already answers this PMI component`,
        );
      pmiSeen.set(pmi, i);
    }
    let min: string | null = null;
    let max: string | null = null;
    let decimals: number | null = null;
    let unit: string | null = null;
    let choices: Question['choices'] = null;
    if (d.kind === 'number') {
      unit = d.unit?.trim() || null;
      if (unit === null) fail('unit', '数值题须有单位（如 人、万元、%）', 'a number question needs a unit');
      decimals = d.decimals ?? 0;
      if (d.min != null) {
        const u = unitsOf(d.min, 4);
        if (u === null) fail('min', '不是数值（至多4位小数）', 'is not a number (at most 4 decimals)');
        else min = decimalOf(u, 4);
      }
      if (d.max != null) {
        const u = unitsOf(d.max, 4);
        if (u === null) fail('max', '不是数值（至多4位小数）', 'is not a number (at most 4 decimals)');
        else max = decimalOf(u, 4);
      }
      if (min !== null && max !== null && (unitsOf(min, 4) ?? 0n) > (unitsOf(max, 4) ?? 0n))
        fail('max', '上限小于下限', 'the maximum is below the minimum');
    } else {
      for (const field of ['unit', 'min', 'max', 'decimals', 'registryFigure'] as const)
        if (d[field] != null) fail(field, '只有数值题有此项', 'only a number question has this');
    }
    if (d.kind === 'choice') {
      const list = d.choices ?? [];
      if (list.length < 2) fail('choices', '选择题至少有2个选项', 'a choice question has at least 2 choices');
      const codes = new Set<string>();
      list.forEach((c, j) => {
        if (codes.has(c.code))
          errors.push({
            field: at(`choices[${j}].code`),
            message: { zh: '选项编码重复', en: 'repeats a choice code' },
          });
        codes.add(c.code);
      });
      choices = list.map((c) => ({ code: c.code, zh: c.zh.trim(), en: c.en?.trim() ?? '' }));
    } else if (d.choices != null) fail('choices', '只有选择题有选项', 'only a choice question has choices');
    questions.push({
      code,
      position: i + 1,
      textZh,
      textEn: d.textEn?.trim() ?? '',
      helpZh: d.helpZh?.trim() ?? '',
      kind: d.kind,
      required: d.required ?? true,
      subIndex,
      direction,
      weight: weight === null ? null : normalDecimal(weight),
      pmiComponent: pmi,
      judgement: d.kind === 'three_level' && (d.judgement ?? false),
      unit,
      min,
      max,
      decimals,
      choices,
      registryFigure: d.kind === 'number' ? (d.registryFigure ?? null) : null,
    });
  });
  // Each sub-index's question weights sum to 1, exactly as decimals.
  const sums = new Map<string, { units: bigint; first: number }>();
  questions.forEach((q, i) => {
    if (q.subIndex === null || q.weight === null) return;
    const units = unitsOf(q.weight, WEIGHT_SCALE);
    if (units === null) return;
    const entry = sums.get(q.subIndex) ?? { units: 0n, first: i };
    entry.units += units;
    sums.set(q.subIndex, entry);
  });
  for (const [subIndex, { units, first }] of sums)
    if (units !== ONE) {
      const name = subIndexName(subIndex);
      const sum = decimalOf(units, WEIGHT_SCALE);
      errors.push({
        field: `questions[${first}].weight`,
        message: {
          zh: `“${name.zh}”分项各问题的权重之和为 ${sum}，应为 1`,
          en: `the weights of the questions in "${name.en}" sum to ${sum}, not to 1`,
        },
      });
    }
  return { questions, errors };
}

/**
 * Checks a set of weights (every code of a kind, each 0–1 with up to six decimals) sums to exactly 1; the problem
 * on `items[i].weight` or `items`.
 */
export function checkWeightSet(
  items: readonly { code: string; weight: string }[],
  codes: readonly string[],
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  let sum = 0n;
  items.forEach((item, i) => {
    if (!codes.includes(item.code))
      errors.push({
        field: `items[${i}].code`,
        message: { zh: '不是可用的编码', en: 'is not a code of this kind' },
      });
    else if (seen.has(item.code))
      errors.push({ field: `items[${i}].code`, message: { zh: '编码重复', en: 'repeats a code' } });
    seen.add(item.code);
    const units = unitsOf(item.weight, WEIGHT_SCALE);
    if (units === null || units < 0n || units > ONE)
      errors.push({
        field: `items[${i}].weight`,
        message: { zh: '权重应在0到1之间', en: 'a weight is from 0 to 1' },
      });
    else sum += units;
  });
  const missing = codes.filter((c) => !seen.has(c));
  if (missing.length > 0)
    errors.push({
      field: 'items',
      message: {
        zh: `缺少：${missing.join('、')}（一组权重须完整）`,
        en: `missing: ${missing.join(', ')} (a set is whole)`,
      },
    });
  if (errors.length === 0 && sum !== ONE) {
    const total = decimalOf(sum, WEIGHT_SCALE);
    errors.push({
      field: 'items',
      message: { zh: `权重之和为 ${total}，应为 1`, en: `the weights sum to ${total}, not to 1` },
    });
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------------------------
// Periods

/** Whether a period's form fits a frequency ('2026-11' monthly, '2026-Q4' quarterly). */
export function periodFits(period: string, frequency: 'monthly' | 'quarterly'): boolean {
  return frequency === 'monthly' ? /^\d{4}-(0[1-9]|1[0-2])$/.test(period) : /^\d{4}-Q[1-4]$/.test(period);
}

/** The period a day falls in ('2026-11-20' → '2026-11' monthly, '2026-Q4' quarterly). */
export function periodOf(day: string, frequency: 'monthly' | 'quarterly'): string {
  const month = Number(day.slice(5, 7));
  return frequency === 'monthly' ? day.slice(0, 7) : `${day.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/**
 * Whether a wave of a period may open on a day (Huiqi's rule, docs/reference/monitoring.md §12): in the period
 * itself, or in the one after it (a survey of last month asked early this month) — never for a period ahead, nor
 * one long past.
 */
export function opensInPeriod(period: string, opensOn: string, frequency: 'monthly' | 'quarterly'): boolean {
  const at = periodOf(opensOn, frequency);
  return at === period || previousPeriod(at) === period;
}

/** The period before ('2026-01' → '2025-12', '2026-Q1' → '2025-Q4'). */
export function previousPeriod(period: string): string {
  const year = Number(period.slice(0, 4));
  if (period[5] === 'Q') {
    const q = Number(period.slice(6));
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  const month = Number(period.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The last day answers are taken: the deadline plus the grace days. */
export function lastAnswerDay(closesOn: string, graceDays: number): string {
  const d = new Date(`${closesOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + graceDays);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------
// Answers

/** An answer as an enterprise sends it (the API's AnswerValue). */
export interface AnswerInput {
  questionCode: string;
  level?: 'up' | 'same' | 'down' | undefined;
  number?: string | undefined;
  choice?: string | undefined;
  text?: string | undefined;
}

/** An answer as stored: exactly one of level, number, choice, text. */
export interface StoredAnswer {
  questionCode: string;
  level: -1 | 0 | 1 | null;
  number: string | null;
  choice: string | null;
  text: string | null;
}

export const LEVEL_OF = { up: 1, same: 0, down: -1 } as const;
export const LEVEL_NAME = { 1: 'up', 0: 'same', [-1]: 'down' } as const;

/**
 * Checks answers against the questions: each names a question once and carries the value its kind takes; a number
 * is within the question's range and decimals; a choice is one of its choices. An empty text is no answer. Problems
 * on `answers[i].<field>`.
 */
export function checkAnswers(
  questions: readonly Question[],
  answers: readonly AnswerInput[],
): { answers: StoredAnswer[]; errors: FieldError[] } {
  const byCode = new Map(questions.map((q) => [q.code, q]));
  const errors: FieldError[] = [];
  const out: StoredAnswer[] = [];
  const seen = new Set<string>();
  const checkOne = (a: AnswerInput, i: number): boolean => {
    const fail = (field: string, zh: string, en: string): boolean => {
      errors.push({ field: `answers[${i}].${field}`, message: { zh, en } });
      return false;
    };
    const q = byCode.get(a.questionCode);
    if (!q) return fail('questionCode', '问卷中没有这道题', 'the questionnaire has no such question');
    if (seen.has(q.code))
      return fail('questionCode', '同一道题回答了两次', 'answers the same question twice');
    seen.add(q.code);
    const given = (['level', 'number', 'choice', 'text'] as const).filter((k) => a[k] !== undefined);
    const field = { three_level: 'level', number: 'number', choice: 'choice', text: 'text' }[q.kind];
    const other = given.find((k) => k !== field);
    if (other)
      return fail(other, `第${q.position}题不取这类答案`, `question ${q.position} takes no such answer`);
    const stored: StoredAnswer = {
      questionCode: q.code,
      level: null,
      number: null,
      choice: null,
      text: null,
    };
    if (q.kind === 'three_level') {
      if (a.level === undefined) return false;
      stored.level = LEVEL_OF[a.level];
    } else if (q.kind === 'number') {
      if (a.number === undefined || a.number.trim() === '') return false;
      const places = q.decimals ?? 0;
      const units = unitsOf(a.number, places);
      if (units === null)
        return fail(
          'number',
          places === 0 ? '请填写整数' : `请填写数值，至多${places}位小数`,
          places === 0 ? 'give a whole number' : `give a number with at most ${places} decimals`,
        );
      const range = `${q.min ?? '−∞'}–${q.max ?? '+∞'}${q.unit ?? ''}`;
      if (q.min !== null && units * 10n ** BigInt(4 - places) < (unitsOf(q.min, 4) ?? 0n))
        return fail('number', `超出范围（${range}）`, `outside the range (${range})`);
      if (q.max !== null && units * 10n ** BigInt(4 - places) > (unitsOf(q.max, 4) ?? 0n))
        return fail('number', `超出范围（${range}）`, `outside the range (${range})`);
      stored.number = decimalOf(units, places);
    } else if (q.kind === 'choice') {
      if (a.choice === undefined || a.choice === '') return false;
      if (!(q.choices ?? []).some((c) => c.code === a.choice))
        return fail('choice', '不是该题的选项', 'is not one of the question’s choices');
      stored.choice = a.choice;
    } else {
      const text = a.text?.trim() ?? '';
      if (text === '') return false;
      stored.text = text;
    }
    out.push(stored);
    return true;
  };
  for (const [i, a] of answers.entries()) checkOne(a, i);
  return { answers: out, errors };
}

// ---------------------------------------------------------------------------------------------------------------
// Data-quality checks (Huiqi's rules; docs/reference/monitoring.md §10)

/** How far a number may move against the registry's figure or last wave's answer before it is flagged: 50%. */
export const JUMP_LIMIT_PERCENT = 50;

/**
 * An index release whose computation took fewer than this share of the wave's panel is flagged to its makers and
 * reviewer (Huiqi's own rule, not a regulation's: docs/reference/monitoring.md §12); it is not refused.
 */
export const LOW_RESPONSE_RATE = 0.5;
/** Straight-lining: at least this many three-level answers, all the same level. */
export const STRAIGHT_LINE_MIN = 5;

export interface QualityInput {
  questions: readonly Question[];
  answers: readonly StoredAnswer[];
  previous: readonly StoredAnswer[];
  /** The registry's figures the number questions point to. */
  registry: Partial<Record<'employees' | 'operating_revenue', string | null>>;
  /** The day of the submission (China time) and the wave's deadline. */
  day: string;
  closesOn: string;
  /** When the response was already submitted (and not sent back) before this submission. */
  earlierSubmission: string | null;
}

export interface NewFlag {
  kind: FlagKind;
  questionCode: string | null;
  detail: Record<string, unknown>;
}

function jumpPercent(value: bigint, base: bigint): bigint | null {
  if (base === 0n) return null;
  const diff = value > base ? value - base : base - value;
  return (diff * 100n) / (base < 0n ? -base : base);
}

/** The data-quality flags of a submission: missing required answers, straight-lining, jumps, late, duplicate. */
export function qualityFlags(input: QualityInput): NewFlag[] {
  const flags: NewFlag[] = [];
  const answered = new Map(input.answers.map((a) => [a.questionCode, a]));
  const missing = input.questions.filter((q) => q.required && !answered.has(q.code)).map((q) => q.code);
  if (missing.length > 0) flags.push({ kind: 'missing', questionCode: null, detail: { questions: missing } });
  const levels = input.answers.filter((a) => a.level !== null).map((a) => a.level);
  if (levels.length >= STRAIGHT_LINE_MIN && levels.every((l) => l === levels[0]))
    flags.push({
      kind: 'straight_lining',
      questionCode: null,
      detail: { level: LEVEL_NAME[levels[0] as -1 | 0 | 1], answers: levels.length },
    });
  const previous = new Map(input.previous.map((a) => [a.questionCode, a]));
  for (const q of input.questions) {
    if (q.kind !== 'number') continue;
    const a = answered.get(q.code);
    if (!a || a.number === null) continue;
    const value = unitsOf(a.number, 4) ?? 0n;
    const figure = q.registryFigure ? input.registry[q.registryFigure] : null;
    if (figure != null) {
      const base = unitsOf(figure, 4);
      const pct = base === null ? null : jumpPercent(value, base);
      if (pct !== null && pct > BigInt(JUMP_LIMIT_PERCENT))
        flags.push({
          kind: 'jump_registry',
          questionCode: q.code,
          detail: {
            answer: a.number,
            registry: normalDecimal(figure),
            percent: Number(pct),
            limitPercent: JUMP_LIMIT_PERCENT,
          },
        });
    }
    const last = previous.get(q.code);
    if (last?.number != null) {
      const pct = jumpPercent(value, unitsOf(last.number, 4) ?? 0n);
      if (pct !== null && pct > BigInt(JUMP_LIMIT_PERCENT))
        flags.push({
          kind: 'jump_last_wave',
          questionCode: q.code,
          detail: {
            answer: a.number,
            previous: last.number,
            percent: Number(pct),
            limitPercent: JUMP_LIMIT_PERCENT,
          },
        });
    }
  }
  if (input.day > input.closesOn)
    flags.push({
      kind: 'late',
      questionCode: null,
      detail: { submittedOn: input.day, closesOn: input.closesOn },
    });
  if (input.earlierSubmission !== null)
    flags.push({
      kind: 'duplicate',
      questionCode: null,
      detail: { earlierSubmission: input.earlierSubmission },
    });
  return flags;
}

// ---------------------------------------------------------------------------------------------------------------
// Allocation of a panel to strata

export interface FrameStratum {
  key: string;
  frame: number;
  /** The stratum's revenue in 万元 (a decimal string), for allocation by revenue. */
  revenue: string;
}

/**
 * The largest-remainder (Hamilton) share of `n` among strata by their sizes, never more than a stratum's cap: a
 * capped stratum is filled and the rest is shared among the others again. Ties go to the stratum listed first.
 */
function hamilton(sizes: readonly bigint[], caps: readonly number[], n: number): number[] {
  const out = sizes.map(() => 0);
  let left = n;
  while (left > 0) {
    const open = sizes.map((_, i) => i).filter((i) => (out[i] ?? 0) < (caps[i] ?? 0));
    if (open.length === 0) break;
    const bySize = open.some((i) => (sizes[i] ?? 0n) > 0n);
    const weightOf = (i: number) => (bySize ? (sizes[i] ?? 0n) : BigInt(caps[i] ?? 0));
    const basis = open.reduce((sum, i) => sum + weightOf(i), 0n);
    const quotas = open.map((i) => {
      const exact = BigInt(left) * weightOf(i);
      return { i, whole: Number(exact / basis), rest: exact % basis };
    });
    let given = 0;
    for (const q of quotas) {
      const take = Math.min(q.whole, (caps[q.i] ?? 0) - (out[q.i] ?? 0));
      out[q.i] = (out[q.i] ?? 0) + take;
      given += take;
    }
    const order = [...quotas].sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.i - b.i));
    for (const q of order) {
      if (given === left) break;
      if ((out[q.i] ?? 0) < (caps[q.i] ?? 0)) {
        out[q.i] = (out[q.i] ?? 0) + 1;
        given += 1;
      }
    }
    if (given === 0) break;
    left -= given;
  }
  return out;
}

/**
 * Allocates a sample of `n` to strata in proportion to the stratum's enterprises (or revenue; by count where no
 * revenue is known) by the largest remainder, never more than a stratum holds. When `n` covers every stratum, a
 * stratum left with none takes one from the stratum most above its exact share, so every stratum is represented.
 * Deterministic: ties go to the stratum listed first.
 */
export function allocate(
  strata: readonly FrameStratum[],
  n: number,
  by: 'proportional' | 'revenue',
): number[] {
  const total = strata.reduce((s, x) => s + x.frame, 0);
  if (n > total) throw new RangeError(`sample ${n} above frame ${total}`);
  const sizes = strata.map((s) => (by === 'revenue' ? (unitsOf(s.revenue, 4) ?? 0n) : BigInt(s.frame)));
  const caps = strata.map((s) => s.frame);
  const sample = hamilton(sizes, caps, n);
  const present = strata.filter((s) => s.frame > 0).length;
  if (n >= present) {
    const basis = sizes.reduce((a, b) => a + b, 0n) || BigInt(total);
    const sizeOf = (i: number) => (sizes.some((x) => x > 0n) ? (sizes[i] ?? 0n) : BigInt(caps[i] ?? 0));
    strata.forEach((s, i) => {
      if (s.frame === 0 || (sample[i] ?? 0) > 0) return;
      // The donor: the stratum with more than one whose allocation most exceeds its exact share n·size/basis.
      let donor = -1;
      let excess = 0n;
      sample.forEach((m, j) => {
        if (m <= 1) return;
        const over = BigInt(m) * basis - BigInt(n) * sizeOf(j);
        if (donor === -1 || over > excess) {
          donor = j;
          excess = over;
        }
      });
      if (donor === -1) return;
      sample[donor] = (sample[donor] ?? 0) - 1;
      sample[i] = 1;
    });
  }
  return sample;
}

/** A stratum's design weight: the enterprises it holds per one drawn, six decimals (N_h / n_h). */
export function designWeight(frame: number, sample: number): string {
  const units = (BigInt(frame) * ONE * 2n + BigInt(sample)) / (2n * BigInt(sample));
  return decimalOf(units, WEIGHT_SCALE);
}

// ---------------------------------------------------------------------------------------------------------------
// Indices from weighted counts

/** One cell of a run: the weighted total and count of one answer level. */
export interface Cell {
  question: string;
  industry: string;
  region: string;
  size: string;
  level: -1 | 0 | 1;
  /** The summed weights, a decimal string. */
  weight: string;
  responses: number;
}

/** The weights in force for a wave: each a decimal string. */
export interface IndexWeights {
  subIndex: Record<string, string>;
  industry: Record<string, string>;
}

/** A computed figure: '' in a dimension is "all"; the value as a decimal string with six places, null without data. */
export interface Figure {
  measure: string;
  industry: string;
  region: string;
  size: string;
  value: string | null;
  responses: number;
}

const FIGURE_DECIMALS = 6;

function figureText(value: number): string {
  return formatIndex(value, FIGURE_DECIMALS);
}

/** A weight as the means take it: its decimal, its units (10^-6) and the number its decimal is. */
interface WeightOf {
  units: bigint;
  number: number;
}

function weightOf(text: string): WeightOf {
  return { units: unitsOf(text, WEIGHT_SCALE) ?? 0n, number: Number(text) };
}

/**
 * The weighted mean of the values present, their weights renormalised over them (a component without answers in a
 * group leaves it, and the others keep their relative weights; docs/reference/monitoring.md §6.5). Null when none
 * is present or every present weight is 0. `declared` keeps the sums of weights already turned into numbers.
 */
function meanOfPresent(
  values: readonly (number | null)[],
  weights: readonly WeightOf[],
  declared: Map<bigint, number>,
): number | null {
  const present: number[] = [];
  const presentWeights: number[] = [];
  let total = 0n;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const weight = weights[i] as WeightOf;
    if (value === null || value === undefined || weight.units <= 0n) continue;
    present.push(value);
    presentWeights.push(weight.number);
    total += weight.units;
  }
  if (present.length === 0) return null;
  let sum = declared.get(total);
  if (sum === undefined) {
    sum = Number(decimalOf(total, WEIGHT_SCALE));
    declared.set(total, sum);
  }
  return weightedMean(present, presentWeights, sum);
}

/**
 * Every figure of a run, from its cells: for each group (region × size, each or all) and each industry, the
 * questions' balance indices, the sub-indices (weighted means of their questions), the industry index (weighted
 * mean of its sub-indices); for all industries of the group, each question and sub-index and the overall index as
 * the industries' weighted mean (value-added shares), and the PMI-style composite where the survey maps questions
 * to all five PMI components. Aggregates sum cells, never average averages; everything is computed in a fixed
 * order with exact arithmetic, so the same cells give the same figures.
 *
 * The totals are kept in arrays by question × industry × region × size (index 0 of region and size: all), and the
 * weights' units worked out once: ~50,000 figures from ~70,000 cells for 40 questions over the provinces.
 */
export function computeFigures(
  cells: readonly Cell[],
  questions: readonly Question[],
  weights: IndexWeights,
): Figure[] {
  const indexQuestions = questions.filter((q) => q.kind === 'three_level' && q.direction !== null);
  const questionIndex = new Map(indexQuestions.map((q, i) => [q.code, i]));
  const industrySet = new Set<string>();
  const regionSet = new Set<string>();
  const sizeSet = new Set<string>();
  for (const c of cells) {
    if (!questionIndex.has(c.question)) continue;
    industrySet.add(c.industry);
    regionSet.add(c.region);
    sizeSet.add(c.size);
  }
  const industries = [...industrySet].sort();
  const regions = ['', ...[...regionSet].sort()];
  const sizes = ['', ...[...sizeSet].sort()];
  const industryIndex = new Map(industries.map((x, i) => [x, i]));
  const regionIndex = new Map(regions.map((x, i) => [x, i]));
  const sizeIndex = new Map(sizes.map((x, i) => [x, i]));
  const nI = industries.length;
  const nR = regions.length;
  const nS = sizes.length;
  const slot = (q: number, i: number, r: number, s: number) => ((q * nI + i) * nR + r) * nS + s;
  // Totals by question × industry × region × size, and their sums over region and size (index 0 = all).
  const slots = indexQuestions.length * nI * nR * nS;
  const up = new Array<bigint>(slots).fill(0n);
  const same = new Array<bigint>(slots).fill(0n);
  const down = new Array<bigint>(slots).fill(0n);
  const counted = new Array<number>(slots).fill(0);
  const seen = new Uint8Array(slots);
  for (const c of cells) {
    const q = questionIndex.get(c.question);
    if (q === undefined) continue;
    const w = unitsOf(c.weight, WEIGHT_SCALE) ?? 0n;
    const i = industryIndex.get(c.industry) as number;
    const r = regionIndex.get(c.region) as number;
    const s = sizeIndex.get(c.size) as number;
    for (const rr of [r, 0])
      for (const ss of [s, 0]) {
        const k = slot(q, i, rr, ss);
        seen[k] = 1;
        if (c.level === 1) up[k] = (up[k] as bigint) + w;
        else if (c.level === 0) same[k] = (same[k] as bigint) + w;
        else down[k] = (down[k] as bigint) + w;
        counted[k] = (counted[k] as number) + c.responses;
      }
  }
  const subIndices = SMEDI_SUB_INDICES.map((s) => s.code).filter((code) =>
    indexQuestions.some((q) => q.subIndex === code),
  );
  // Each sub-index's questions (their positions among the index questions) and weights, worked out once.
  const subMembers = subIndices.map((sub) =>
    indexQuestions.flatMap((q, i) => (q.subIndex === sub ? [i] : [])),
  );
  const subMemberWeights = subMembers.map((members) =>
    members.map((i) => weightOf(indexQuestions[i]?.weight ?? '0')),
  );
  const subWeights = subIndices.map((sub) => weightOf(weights.subIndex[sub] ?? '0'));
  const industryWeights = industries.map((industry) => weightOf(weights.industry[industry] ?? '0'));
  const directions = indexQuestions.map((q) => q.direction as 'up_is_good' | 'down_is_good');
  const pmiQuestions = new Map(
    indexQuestions.flatMap((q, i) =>
      q.pmiComponent !== null ? [[q.pmiComponent as string, i] as const] : [],
    ),
  );
  const withPmi = PMI_COMPONENTS.every((c) => pmiQuestions.has(c.code));
  const declared = new Map<bigint, number>();
  const figures: Figure[] = [];
  const push = (
    measure: string,
    industry: string,
    region: string,
    size: string,
    value: number | null,
    n: number,
  ) =>
    figures.push({
      measure,
      industry,
      region,
      size,
      value: value === null ? null : figureText(value),
      responses: n,
    });
  const nQ = indexQuestions.length;
  const nSub = subIndices.length;
  const qValues = new Array<number | null>(nI * nQ);
  const qResponses = new Array<number>(nI * nQ);
  const subValues = new Array<number | null>(nI * nSub);
  const subResponses = new Array<number>(nI * nSub);
  const overallValues = new Array<number | null>(nI);
  const overallResponses = new Array<number>(nI);
  const parts = new Array<number | null>(nI);

  for (let r = 0; r < nR; r++)
    for (let s = 0; s < nS; s++) {
      const region = regions[r] as string;
      const size = sizes[s] as string;
      // Per industry: question indices, sub-indices, the industry index.
      for (let i = 0; i < nI; i++) {
        const industry = industries[i] as string;
        let groupResponses = 0;
        for (let q = 0; q < nQ; q++) {
          const k = slot(q, i, r, s);
          const u = up[k] as bigint;
          const m = same[k] as bigint;
          const d = down[k] as bigint;
          const value =
            seen[k] === 1 && u + m + d > 0n
              ? balanceIndex(Number(u), Number(m), Number(d), directions[q] as 'up_is_good' | 'down_is_good')
              : null;
          const responses = counted[k] as number;
          groupResponses = Math.max(groupResponses, responses);
          qValues[i * nQ + q] = value;
          qResponses[i * nQ + q] = responses;
          push(`q:${indexQuestions[q]?.code}`, industry, region, size, value, responses);
        }
        for (let b = 0; b < nSub; b++) {
          const members = subMembers[b] as number[];
          const value = meanOfPresent(
            members.map((q) => qValues[i * nQ + q] as number | null),
            subMemberWeights[b] as WeightOf[],
            declared,
          );
          let responses = 0;
          for (const q of members) responses = Math.max(responses, qResponses[i * nQ + q] as number);
          subValues[i * nSub + b] = value;
          subResponses[i * nSub + b] = responses;
          push(`sub:${subIndices[b]}`, industry, region, size, value, responses);
        }
        const value = meanOfPresent(subValues.slice(i * nSub, (i + 1) * nSub), subWeights, declared);
        overallValues[i] = value;
        overallResponses[i] = groupResponses;
        push('overall', industry, region, size, value, groupResponses);
      }
      // All industries: the industries' weighted means.
      const across = (values: (i: number) => number | null, responsesOf: (i: number) => number) => {
        let responses = 0;
        for (let i = 0; i < nI; i++) {
          parts[i] = values(i);
          responses += responsesOf(i);
        }
        return { value: meanOfPresent(parts, industryWeights, declared), responses };
      };
      for (let q = 0; q < nQ; q++) {
        const { value, responses } = across(
          (i) => qValues[i * nQ + q] as number | null,
          (i) => qResponses[i * nQ + q] as number,
        );
        push(`q:${indexQuestions[q]?.code}`, '', region, size, value, responses);
      }
      for (let b = 0; b < nSub; b++) {
        const { value, responses } = across(
          (i) => subValues[i * nSub + b] as number | null,
          (i) => subResponses[i * nSub + b] as number,
        );
        push(`sub:${subIndices[b]}`, '', region, size, value, responses);
      }
      const overall = across(
        (i) => overallValues[i] as number | null,
        (i) => overallResponses[i] as number,
      );
      push('overall', '', region, size, overall.value, overall.responses);
      // The PMI-style composite: diffusion indices of the pooled answers of the five mapped questions, for all
      // industries and for each industry group.
      if (withPmi) {
        const pmiOf = (industry: string, from: number, to: number) => {
          const components = {} as Record<PmiComponentCode, number>;
          let complete = true;
          let responses = 0;
          for (const c of PMI_COMPONENTS) {
            const q = pmiQuestions.get(c.code) as number;
            let u = 0n;
            let m = 0n;
            let d = 0n;
            let n = 0;
            for (let i = from; i < to; i++) {
              const k = slot(q, i, r, s);
              if (seen[k] !== 1) continue;
              u += up[k] as bigint;
              m += same[k] as bigint;
              d += down[k] as bigint;
              n += counted[k] as number;
            }
            if (u + m + d === 0n) complete = false;
            else components[c.code] = componentDiffusion(c.code, Number(u), Number(m), Number(d));
            responses = Math.max(responses, n);
          }
          if (responses > 0)
            push('pmi', industry, region, size, complete ? pmiIndex(components) : null, responses);
        };
        pmiOf('', 0, nI);
        for (let i = 0; i < nI; i++) pmiOf(industries[i] as string, i, i + 1);
      }
    }
  return figures;
}

/**
 * How narrow the values a withheld figure could still take may be, as a share of its measure's range, before the
 * figures published beside it are said to pin it (docs/reference/monitoring.md §12: 10% — 20 index points, 10 PMI
 * points). The platform's own disclosure policy, not a regulation's figure.
 */
export const PROTECTION_SHARE = 0.1;

/** The range of a measure's values: the PMI's diffusion scale 0–100, the balance indices' 0–200. */
function rangeOf(measure: string): { low: number; high: number } {
  return measure === 'pmi' ? { low: 0, high: 100 } : { low: 0, high: 200 };
}

/**
 * What ties a set's parts to its total, for the protection check of withheldFigures: the cells (their weighted
 * counts give each group's weight within a region or size total, and a PMI's pooling) and the weights in force
 * (industries within all industries, sub-indices within the index); the questions' weights come with `questions`.
 */
export interface DisclosureContext {
  cells: readonly Cell[];
  weights: IndexWeights;
}

/**
 * Disclosure control of a run's index figures (docs/reference/monitoring.md §12). Returns each figure's reason
 * (aligned with `figures`), or null where the figure is published:
 * - 'few': fewer than `min` responses (a figure of one or two answers tells those enterprises' answers);
 * - 'unanimous': a value at its measure's range end (0 or 200; a PMI's 0 or 100) says every enterprise of the group
 *   gave the same answer — a group disclosure, however many they are;
 * - 'complementary': withheld to protect another. A figure and the figures it is made of are tied — a group and its
 *   subgroups along one dimension (all industries and each industry; a region and its subregions' level; all sizes
 *   and each size), and within a group a sub-index and its questions, the index and its sub-indices, the PMI and
 *   its five components' questions. In every such
 *   set where exactly one member (the total or a part that has answers) is withheld, it would be the published total
 *   less the published rest, so one more is withheld: the published part of fewest responses (least lost), else the
 *   total. And where the total is published, its value bounds the withheld parts: given the published parts, each
 *   withheld part can only lie in an interval (the total is their weighted mean with the others; each value is within
 *   its range). When that interval is narrower than PROTECTION_SHARE of the range (a published mean of 199 over two
 *   withheld industries says both are near 200), one more published part is withheld (the one of fewest responses),
 *   widening the withheld parts' sum, and so on; the total only when no published part is left (the total, the figure
 *   most read, stays published where it can; statistical offices' secondary suppression does the same). The weights are those of the total's
 *   arithmetic: the industry weights, the question and sub-index weights, and within a region or size total (and a
 *   PMI's pooling) each group's weighted count. With no `context` (unit tests of the counting rule) only the count
 *   rule runs. Repeated until nothing changes; deterministic (ties go to the lower key).
 */
export function withheldFigures(
  figures: readonly Figure[],
  questions: readonly (Pick<Question, 'code' | 'subIndex'> & {
    weight?: string | null;
    pmiComponent?: string | null;
  })[],
  min: number,
  context?: DisclosureContext,
): (WithheldReason | null)[] {
  const reasons: (WithheldReason | null)[] = figures.map((f) => {
    if (f.responses > 0 && f.responses < min) return 'few';
    if (f.value === null) return null;
    const value = Number(f.value);
    const { low, high } = rangeOf(f.measure);
    return value === low || value === high ? 'unanimous' : null;
  });
  // Figures by measure × group, both numbered (a run has some 50,000 figures: numbers, not composed text keys).
  const groups = new GroupNumbers();
  const measures = new Map<string, number>();
  const measureOf = (measure: string) => {
    let id = measures.get(measure);
    if (id === undefined) {
      id = measures.size;
      measures.set(measure, id);
    }
    return id;
  };
  const figureMeasure = new Int32Array(figures.length);
  const figureGroup = new Int32Array(figures.length);
  for (const [i, f] of figures.entries()) {
    figureMeasure[i] = measureOf(f.measure);
    figureGroup[i] = groups.of(f.industry, f.region, f.size);
  }
  const width = groups.count;
  const at = new Int32Array(measures.size * width).fill(-1);
  for (let i = 0; i < figures.length; i++)
    at[(figureMeasure[i] as number) * width + (figureGroup[i] as number)] = i;
  const find = (measure: number | undefined, group: number | undefined) => {
    if (measure === undefined || group === undefined || group >= width) return undefined;
    const i = at[measure * width + group] as number;
    return i < 0 ? undefined : i;
  };
  // Each set: its total first, then its parts (figures with answers only: one without adds nothing to a total).
  // A set is known by its kind and its total (SetKind), in the order first met.
  const sets: { kind: SetKind; members: number[]; checkedWith?: number }[] = [];
  const setOf = new Map<number, number>();
  const kinds: readonly SetKind[] = ['i', 'r', 's', 'm', 'p'];
  const join = (kind: SetKind, total: number | undefined, part: number) => {
    if (total === undefined) return;
    const id = kinds.indexOf(kind) * figures.length + total;
    const known = setOf.get(id);
    if (known !== undefined) (sets[known] as { members: number[] }).members.push(part);
    else {
      setOf.set(id, sets.length);
      sets.push({ kind, members: [total, part] });
    }
  };
  const subOf = new Map(questions.map((q) => [`q:${q.code}`, q.subIndex]));
  // A measure's total within a group: a question's sub-index, a sub-index's overall index.
  const totalMeasure = [...measures.keys()].map((measure) => {
    const sub = subOf.get(measure);
    return measures.get(sub ? `sub:${sub}` : measure.startsWith('sub:') ? 'overall' : '');
  });
  // The PMI is a fixed mix of its components' diffusion indices, each half its question's balance index: a
  // published PMI and four published components give the fifth (a new user's trial).
  const pmiMeasure = measures.get('pmi');
  const isPmiQuestion = [...measures.keys()].map((measure) =>
    questions.some((q) => q.pmiComponent && `q:${q.code}` === measure),
  );
  figures.forEach((f, i) => {
    if (f.responses === 0) return;
    const { industry, region, size } = f;
    const m = figureMeasure[i] as number;
    const g = figureGroup[i] as number;
    if (industry !== '') join('i', find(m, groups.find('', region, size)), i);
    if (region !== '') join('r', find(m, groups.find(industry, '', size)), i);
    if (size !== '') join('s', find(m, groups.find(industry, region, '')), i);
    join('m', find(totalMeasure[m], g), i);
    if (isPmiQuestion[m]) join('p', find(pmiMeasure, g), i);
  });
  const order = (a: number, b: number) => {
    const x = figures[a] as Figure;
    const y = figures[b] as Figure;
    return x.responses - y.responses || (a < b ? -1 : a > b ? 1 : 0);
  };
  const partWeight = context
    ? partWeights(questions, context, figures, { groups, measures, figureMeasure, figureGroup })
    : null;
  for (let changed = true; changed; ) {
    changed = false;
    for (const set of sets) {
      const { members } = set;
      let withheld = 0;
      for (const m of members) if (reasons[m] !== null) withheld++;
      if (withheld === 0) continue;
      const [total, ...parts] = members as [number, ...number[]];
      if (withheld === 1) {
        const open = parts.filter((m) => reasons[m] === null).sort(order);
        const pick = open[0] ?? (reasons[total] === null ? total : undefined);
        if (pick === undefined) continue;
        reasons[pick] = 'complementary';
        changed = true;
        continue;
      }
      // Marks are only ever added: a set checked with as many withheld members as now gives the same answer.
      // The PMI's set is of another scale than its questions': the count rule only.
      if (!partWeight || set.kind === 'p' || reasons[total] !== null || set.checkedWith === withheld)
        continue;
      set.checkedWith = withheld;
      if (pinned(figures, reasons, set.kind, total, parts, partWeight)) {
        // One more part is withheld (the published one of fewest responses that counts in the total): the withheld
        // parts then share a wider sum, and the total — the figure most read — stays published. The total goes
        // only when no such part is left. The set is checked again (it has one more withheld member).
        const open = parts
          .filter(
            (m) =>
              reasons[m] === null && (figures[m] as Figure).value !== null && partWeight(set.kind, m) > 0,
          )
          .sort(order);
        reasons[open[0] ?? total] = 'complementary';
        changed = true;
      }
    }
  }
  return reasons;
}

/**
 * Groups (industry × region × size, '' = all of a dimension) numbered in the order first met, through nested maps:
 * looking one up composes no text.
 */
class GroupNumbers {
  private readonly ids = new Map<string, Map<string, Map<string, number>>>();
  count = 0;
  /** The group's number, given one if new. */
  of(industry: string, region: string, size: string): number {
    let byRegion = this.ids.get(industry);
    if (!byRegion) {
      byRegion = new Map();
      this.ids.set(industry, byRegion);
    }
    let bySize = byRegion.get(region);
    if (!bySize) {
      bySize = new Map();
      byRegion.set(region, bySize);
    }
    let id = bySize.get(size);
    if (id === undefined) {
      id = this.count++;
      bySize.set(size, id);
    }
    return id;
  }
  /** The group's number, or undefined if it has none. */
  find(industry: string, region: string, size: string): number | undefined {
    return this.ids.get(industry)?.get(region)?.get(size);
  }
}

/**
 * How a set's total is made of its parts: along i(ndustry), r(egion) or s(ize); m(easure): a sub-index of its
 * questions, the index of its sub-indices; p(mi): the PMI of its five components' questions (a different scale, so
 * only the count rule applies to it).
 */
type SetKind = 'i' | 'r' | 's' | 'm' | 'p';

/**
 * Each figure's weight as a part of a total, by the kind of set: 'i' — the industry's weight (a PMI pools by weighted
 * count instead); 'm' — the question's or sub-index's weight; 'r' and 's' — the group's weighted count (the summed
 * design weights of its answers; for a sub-index, the index or the PMI the largest of its questions', as every
 * respondent answers every index question).
 */
function partWeights(
  questions: readonly (Pick<Question, 'code' | 'subIndex'> & {
    weight?: string | null;
    pmiComponent?: string | null;
  })[],
  context: DisclosureContext,
  figures: readonly Figure[],
  numbered: {
    groups: GroupNumbers;
    measures: ReadonlyMap<string, number>;
    figureMeasure: Int32Array;
    figureGroup: Int32Array;
  },
): (kind: SetKind, figure: number) => number {
  const { groups, measures, figureMeasure, figureGroup } = numbered;
  // Weighted counts by question × group, the groups' 'all' levels included: worked out on first need (a run where no
  // published total has two withheld parts never needs them). Each cell adds its weight to its question in the 8
  // groups it belongs to; a group's weighted count is its largest question's.
  let byQuestion: Float64Array | null = null;
  let byGroup: Float64Array | null = null;
  let width = 0;
  const masses = () => {
    if (byQuestion && byGroup) return { byQuestion, byGroup };
    // Every question of the cells (one with no figure of its own still counts towards its groups' weighted count).
    const questionIds = new Map<string, number>();
    for (const [measure, id] of measures) if (measure.startsWith('q:')) questionIds.set(measure.slice(2), id);
    let rows = measures.size;
    for (const c of context.cells) if (!questionIds.has(c.question)) questionIds.set(c.question, rows++);
    const ancestors = new Map<number, Int32Array>();
    const cellGroups = context.cells.map((c) => {
      const g = groups.of(c.industry, c.region, c.size);
      if (!ancestors.has(g)) {
        const list = new Int32Array(8);
        let n = 0;
        for (const industry of [c.industry, ''])
          for (const region of [c.region, ''])
            for (const size of [c.size, '']) list[n++] = groups.of(industry, region, size);
        ancestors.set(g, list);
      }
      return g;
    });
    width = groups.count;
    const questionsMass = new Float64Array(rows * width);
    context.cells.forEach((c, i) => {
      const q = questionIds.get(c.question) as number;
      const w = Number(c.weight);
      for (const g of ancestors.get(cellGroups[i] as number) as Int32Array) {
        const k = q * width + g;
        questionsMass[k] = (questionsMass[k] as number) + w;
      }
    });
    const groupsMass = new Float64Array(width);
    for (const id of questionIds.values())
      for (let g = 0; g < width; g++) {
        const w = questionsMass[id * width + g] as number;
        if (w > (groupsMass[g] as number)) groupsMass[g] = w;
      }
    byQuestion = questionsMass;
    byGroup = groupsMass;
    return { byQuestion, byGroup };
  };
  const industryWeight = new Map(Object.entries(context.weights.industry).map(([k, v]) => [k, Number(v)]));
  const questionWeight = new Map(questions.map((q) => [`q:${q.code}`, Number(q.weight ?? 0)]));
  const subWeight = new Map(
    Object.entries(context.weights.subIndex).map(([k, v]) => [`sub:${k}`, Number(v)]),
  );
  // A measure's weight within its total (kind 'm'), by measure number.
  const measureWeight = new Float64Array(measures.size);
  for (const [measure, id] of measures)
    measureWeight[id] = measure.startsWith('sub:')
      ? (subWeight.get(measure) ?? 0)
      : (questionWeight.get(measure) ?? 0);
  return (kind, i) => {
    const m = figureMeasure[i] as number;
    if (kind === 'm') return measureWeight[m] as number;
    const figure = figures[i] as Figure;
    if (kind === 'i' && figure.measure !== 'pmi') return industryWeight.get(figure.industry) ?? 0;
    const mass = masses();
    const group = figureGroup[i] as number;
    if (figure.measure.startsWith('q:')) return mass.byQuestion[m * width + group] as number;
    return mass.byGroup[group] as number;
  };
}

/**
 * Whether a published total pins one of its withheld parts: the total is the weighted mean of the parts with a value
 * (weights renormalised over them), so the withheld ones' weighted sum is the total less the published ones'; with
 * each value within its range, a withheld part can only lie in [low', high'] — pinned when that is narrower than
 * PROTECTION_SHARE of the range.
 */
function pinned(
  figures: readonly Figure[],
  reasons: readonly (WithheldReason | null)[],
  kind: SetKind,
  total: number,
  parts: readonly number[],
  weightOfPart: (kind: SetKind, figure: number) => number,
): boolean {
  const t = figures[total] as Figure;
  if (t.value === null) return false;
  const { low, high } = rangeOf(t.measure);
  let sum = 0;
  const withheld: { weight: number }[] = [];
  let rest = Number(t.value);
  const present: { weight: number; value: number; open: boolean }[] = [];
  for (const p of parts) {
    const f = figures[p] as Figure;
    const weight = weightOfPart(kind, p);
    if (f.value === null || !(weight > 0)) continue;
    sum += weight;
    present.push({ weight, value: Number(f.value), open: reasons[p] === null });
  }
  if (sum <= 0) return false;
  for (const p of present) {
    if (p.open) rest -= (p.weight / sum) * p.value;
    else withheld.push({ weight: p.weight / sum });
  }
  if (withheld.length === 0) return false;
  const mass = withheld.reduce((s, w) => s + w.weight, 0);
  for (const w of withheld) {
    const others = mass - w.weight;
    const lowest = Math.max(low, (rest - others * high) / w.weight);
    const highest = Math.min(high, (rest - others * low) / w.weight);
    if (highest - lowest < PROTECTION_SHARE * (high - low)) return true;
  }
  return false;
}

/** The figure's value rounded for display (one decimal), or null. */
export function shownValue(value: string | null): string | null {
  return value === null ? null : formatIndex(Number(value));
}
