/**
 * The monitoring pages' pure pieces (no React): where a server's field error belongs on a form, exact sums of
 * decimal weights, the measures of a figure, periods in the reader's language, the current and past weight sets,
 * a question as the editor holds it and as the API takes it, and an enterprise's answers as the form holds them and
 * as the API takes them; questions in their questionnaire's order, their levels and units in the reader's words; the
 * period a new wave starts at; the region whose registry statistics a reader lands on. Decimals stay text: nothing
 * here adds weights or answers as binary floats.
 */
import {
  ANSWER_LEVELS,
  type AnswerLevelCode,
  ECONOMIC_REGIONS,
  PMI_COMPONENTS,
  SAMPLE_SIZE_MAX,
  SMEDI_INDUSTRIES,
} from '../../../reference/monitoring.ts';
import type {
  Answer,
  AnswerInput,
  Figure,
  FigureGroup,
  Frequency,
  Question,
  QuestionInputValue,
  QuestionKind,
  WeightKind,
  WeightRow,
} from '../../api/monitoring.ts';
import type { Locale } from '../../i18n/core.ts';

// ---- field errors ----------------------------------------------------------------------------------------------

/** A form item's name: field names and list indexes. */
export type FieldPath = (string | number)[];

/**
 * The path of a server's field error: 'body.questions[3].direction', 'questions.3.direction' and
 * 'questions/3/direction' all read as ['questions', 3, 'direction'] (indexes as numbers, as antd's Form.List names
 * its items).
 */
export function fieldPath(field: string): FieldPath {
  const parts = field
    .replace(/^body(?=[./[]|$)/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter((part) => part !== '');
  return parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

// ---- decimals ----------------------------------------------------------------------------------------------------

const DECIMAL = /^(\d{1,16})(?:\.(\d{1,12}))?$/;

/** Whether a typed weight is a decimal from 0 to 1 with at most six places (the API's WeightDecimal). */
export function isWeight(text: string | undefined | null): boolean {
  return /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/.test((text ?? '').trim());
}

/**
 * The exact sum of decimal texts, as text ("0.3" + "0.25" + "0.45" → "1"); null when one of them is not a plain
 * decimal (blank entries count as 0).
 */
export function sumDecimals(values: readonly (string | null | undefined)[]): string | null {
  let places = 0;
  const parsed: { whole: string; fraction: string }[] = [];
  for (const value of values) {
    const text = (value ?? '').trim();
    if (text === '') continue;
    const match = DECIMAL.exec(text);
    if (!match) return null;
    const fraction = match[2] ?? '';
    places = Math.max(places, fraction.length);
    parsed.push({ whole: match[1] ?? '0', fraction });
  }
  let total = 0n;
  for (const p of parsed) total += BigInt(`${p.whole}${p.fraction.padEnd(places, '0')}`);
  const digits = total.toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Whether a decimal text is exactly 1 ("1", "1.000", but not "0.999999"). */
export function isOne(text: string | null): boolean {
  return text !== null && /^1(\.0*)?$/.test(text);
}

/** A set of weights as typed in the editor: its exact sum and which rows it counts, which are blank or not weights. */
export interface WeightEntry {
  /** The exact sum of the rows that are weights (null: none is). */
  sum: string | null;
  /** The codes whose weight counts in the sum, in the set's order. */
  counted: string[];
  /** The codes not yet given a weight. */
  blank: string[];
  /** The codes whose text is not a weight (0 to 1, up to six decimals). */
  invalid: string[];
  /** Every row is a weight and they sum to exactly 1: what the server takes. */
  complete: boolean;
}

/**
 * Reads a set of weights as the editor holds them (by code, in the set's order `codes`), so the form can say as the
 * user types what the sum is, which rows it counts, which are still blank or not weights: the same check as the
 * server's (every code, each 0–1, summing to exactly 1 as decimals).
 */
export function weightEntry(
  codes: readonly string[],
  typed: Readonly<Record<string, string | null | undefined>>,
): WeightEntry {
  const counted: string[] = [];
  const blank: string[] = [];
  const invalid: string[] = [];
  for (const code of codes) {
    const text = (typed[code] ?? '').trim();
    if (text === '') blank.push(code);
    else if (isWeight(text)) counted.push(code);
    else invalid.push(code);
  }
  const sum = counted.length === 0 ? null : sumDecimals(counted.map((code) => typed[code]));
  return {
    sum,
    counted,
    blank,
    invalid,
    complete: blank.length === 0 && invalid.length === 0 && isOne(sum),
  };
}

/**
 * Where a server's error on a set of weights belongs in the editor, which names its rows by code: `items[2].weight`
 * (and `items[2].code`) on the third code's row, `items` (the sum, a code missing) on the running sum.
 */
export function weightErrorPath(path: FieldPath, codes: readonly string[]): FieldPath {
  if (path[0] !== 'items') return path;
  if (path.length === 1) return ['items'];
  const at = path[1];
  const code =
    typeof at === 'number' ? codes[at] : typeof at === 'string' && codes.includes(at) ? at : undefined;
  return code === undefined ? ['items'] : ['items', code];
}

/** A full-precision value as text shown to one decimal, half away from zero, on the text (never a float). */
export function roundShown(value: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return value;
  const negative = match[1] === '-';
  const digits = BigInt(`${match[2]}${(match[3] ?? '').padEnd(2, '0').slice(0, 2)}`);
  const tenths = (digits + 5n) / 10n;
  const text = tenths.toString().padStart(2, '0');
  const body = `${text.slice(0, -1)}.${text.slice(-1)}`;
  return negative && tenths !== 0n ? `-${body}` : body;
}

/** A decimal text as a number, for drawing only (null stays a gap; never summed). */
export function chartValue(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

/** A weight shown as a percentage of text ("0.125" → "12.5%"), moved two places, never through a float. */
export function weightPercent(text: string | null | undefined): string {
  if (text === null || text === undefined) return '—';
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return text;
  const fraction = (match[2] ?? '').padEnd(2, '0');
  const whole = `${match[1] ?? '0'}${fraction.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(2).replace(/0+$/, '');
  return `${whole}${rest ? `.${rest}` : ''}%`;
}

/** A share (0…1, a number the API gives for shares of counts) as a percentage with one decimal. */
export function sharePercent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

// ---- measures ----------------------------------------------------------------------------------------------------

/** A figure's measure, read: the development index, a sub-index, a question, or the PMI-style composite. */
export type Measure =
  | { kind: 'overall' }
  | { kind: 'pmi' }
  | { kind: 'sub'; code: string }
  | { kind: 'q'; code: string }
  | { kind: 'pmiComponent'; code: string }
  | { kind: 'other'; code: string };

/** Reads 'overall', 'pmi', 'sub:<code>' and 'q:<code>'. */
export function parseMeasure(measure: string): Measure {
  if (measure === 'overall') return { kind: 'overall' };
  if (measure === 'pmi') return { kind: 'pmi' };
  if (measure.startsWith('sub:')) return { kind: 'sub', code: measure.slice(4) };
  if (measure.startsWith('q:')) return { kind: 'q', code: measure.slice(2) };
  if (measure.startsWith('pmi:')) return { kind: 'pmiComponent', code: measure.slice(4) };
  return { kind: 'other', code: measure };
}

/** The line a measure is read against: 50 for the PMI-style composite, 100 (荣枯线) for a balance index. */
export function lineOf(measure: string): number {
  // The PMI and its components are diffusion indices: 50 is neutral.
  return measure === 'pmi' || measure.startsWith('pmi:') ? 50 : 100;
}

/** Whether a figure's value is above, on or below its line (null: no value). */
export function sideOfLine(value: string | null, measure: string): 'above' | 'on' | 'below' | null {
  const number = chartValue(value);
  if (number === null) return null;
  const line = lineOf(measure);
  return number > line ? 'above' : number < line ? 'below' : 'on';
}

/**
 * The order figures are listed in: the index, the sub-indices it is made of, the PMI-style composite (a reading of
 * its own, against 50), then the questions.
 */
export function measureOrder(measure: string): number {
  const kind = parseMeasure(measure).kind;
  return { overall: 0, sub: 1, pmi: 2, pmiComponent: 2, q: 3, other: 4 }[kind];
}

/**
 * Compares two measures for listing: by kind (measureOrder), sub-indices in the SMEDI's order (`subIndices`, their
 * codes), the PMI's components in the formula's order, questions by their place in the questionnaire when
 * `questionPosition` knows it, else by code.
 */
export function compareMeasures(
  a: string,
  b: string,
  subIndices: readonly string[],
  questionPosition: (code: string) => number | undefined = () => undefined,
): number {
  const byKind = measureOrder(a) - measureOrder(b);
  if (byKind !== 0) return byKind;
  const x = parseMeasure(a);
  const y = parseMeasure(b);
  const rank = (m: Measure): number => {
    if (m.kind === 'sub') {
      const i = subIndices.indexOf(m.code);
      return i < 0 ? subIndices.length : i;
    }
    if (m.kind === 'q') return questionPosition(m.code) ?? Number.MAX_SAFE_INTEGER;
    // The PMI's components in the formula's order (new orders, output, employment, delivery, inventory).
    if (m.kind === 'pmiComponent') {
      const i = PMI_COMPONENTS.findIndex((c) => c.code === m.code);
      return i < 0 ? PMI_COMPONENTS.length : i;
    }
    return 0;
  };
  return rank(x) - rank(y) || a.localeCompare(b);
}

// ---- questions ---------------------------------------------------------------------------------------------------

/**
 * A question's place in its questionnaire by code: its `position` where the list carries one, else its place in the
 * list (the server lists questions in their questionnaire's order); undefined for a code not in the list.
 */
export function questionPositions(
  questions: readonly { code: string; position?: number }[] | undefined,
): (code: string) => number | undefined {
  const positions = new Map<string, number>();
  (questions ?? []).forEach((q, i) => {
    positions.set(q.code, q.position ?? i + 1);
  });
  return (code) => positions.get(code);
}

/** Questions in their questionnaire's order (by position; as listed where none is given). */
export function inQuestionnaireOrder<Q extends { code: string; position?: number }>(
  questions: readonly Q[],
): Q[] {
  const position = questionPositions(questions);
  return [...questions].sort(
    (a, b) => (position(a.code) ?? 0) - (position(b.code) ?? 0) || a.code.localeCompare(b.code),
  );
}

/** What decides how a three-level question's answers read. */
export interface LevelWording {
  judgement?: boolean | null;
  pmiComponent?: string | null;
}

/**
 * What decides how a question's levels read, from a question of any shape the API gives (a public question lists its
 * wording only: its levels then read up / same / down).
 */
export function levelWordingOf(question: object | null | undefined): LevelWording | undefined {
  if (!question) return undefined;
  const q = question as { judgement?: unknown; pmiComponent?: unknown };
  return {
    judgement: q.judgement === true,
    pmiComponent: typeof q.pmiComponent === 'string' ? q.pmiComponent : null,
  };
}

/**
 * The words of a three-level question's levels in the reader's language: those its PMI component reads in (supplier
 * delivery times: 延长 / 持平 / 缩短, longer / same / shorter; src/reference/monitoring.ts), a judgement's (好转 /
 * 一般 / 恶化), else 增加 / 持平 / 减少. One answer for the questionnaire, the officials' pages and the traces.
 */
export function levelWords(
  question: LevelWording | null | undefined,
  locale: Locale,
): Record<AnswerLevelCode, string> {
  const lang = locale === 'en' ? 'en' : 'zh';
  const component = PMI_COMPONENTS.find((c) => c.code === question?.pmiComponent);
  const override = component && 'levels' in component ? component.levels : undefined;
  const words = {} as Record<AnswerLevelCode, string>;
  for (const level of ANSWER_LEVELS)
    words[level.code] = override
      ? override[level.code][lang]
      : question?.judgement
        ? level.judgement[lang]
        : level[lang];
  return words;
}

/**
 * How the levels of a figure's counts read: a PMI component's measure (`pmi:supplier_delivery`) as that component's
 * question does; a question's (`q:<code>`) as the question does when it is known.
 */
export function levelWordingOfMeasure(
  measure: string,
  questionOf: (code: string) => LevelWording | undefined = () => undefined,
): LevelWording | undefined {
  const m = parseMeasure(measure);
  if (m.kind === 'pmiComponent') return { pmiComponent: m.code };
  if (m.kind === 'q') return questionOf(m.code);
  return undefined;
}

/**
 * Units as a number question may give them, in English (a survey's units are written in Chinese); a unit not here is
 * shown as written.
 */
const UNITS_EN: Readonly<Record<string, string>> = {
  人: 'persons',
  名: 'persons',
  户: 'households',
  家: 'enterprises',
  个: 'units',
  台: 'units',
  件: 'pieces',
  次: 'times',
  元: 'yuan',
  千元: '× 1,000 yuan',
  万元: '× 10,000 yuan',
  亿元: '× 100 million yuan',
  美元: 'US dollars',
  万美元: '× 10,000 US dollars',
  天: 'days',
  日: 'days',
  小时: 'hours',
  月: 'months',
  个月: 'months',
  年: 'years',
  吨: 'tonnes',
  万吨: '× 10,000 tonnes',
  千克: 'kg',
  公斤: 'kg',
  平方米: 'm²',
  亩: 'mu',
  千瓦时: 'kWh',
  万千瓦时: '× 10,000 kWh',
  立方米: 'm³',
  '%': '%',
  '％': '%',
  百分比: '%',
};

/** A number question's unit in the reader's language: 万元 reads "× 10,000 yuan" in English; as written otherwise. */
export function unitName(unit: string | null | undefined, locale: Locale): string {
  const text = (unit ?? '').trim();
  if (locale !== 'en') return text;
  return UNITS_EN[text] ?? text;
}

/** A number with its question's unit, in the reader's language ('12 人', '12 persons'). */
export function withUnit(value: string, unit: string | null | undefined, locale: Locale): string {
  const name = unitName(unit, locale);
  if (value === '' || name === '') return value;
  return name === '%' ? `${value}%` : `${value} ${name}`;
}

// ---- groups ------------------------------------------------------------------------------------------------------

/** The order of size strata and classes: the SMEs from the largest down, then the rest. */
const SIZE_ORDER = ['large', 'medium', 'small', 'micro', 'unclassified'];

function rankIn(list: readonly string[], code: string): number {
  const i = list.indexOf(code);
  return i < 0 ? list.length : i;
}

/** SMEDI industries in the index's own order (工业, 建筑业, 交通运输业, …), unknown codes after, by code. */
export function compareIndustries(a: string, b: string): number {
  const order = SMEDI_INDUSTRIES.map((i) => i.code as string);
  return rankIn(order, a) - rankIn(order, b) || a.localeCompare(b);
}

/** Sizes medium, small, micro (large before them, unclassified after). */
export function compareSizes(a: string, b: string): number {
  return rankIn(SIZE_ORDER, a) - rankIn(SIZE_ORDER, b) || a.localeCompare(b);
}

/** Regions: the four economic regions in their order, then divisions by their GB/T 2260 code. */
export function compareRegions(a: string, b: string): number {
  const order = ECONOMIC_REGIONS.map((r) => r.code as string);
  return rankIn(order, a) - rankIn(order, b) || a.localeCompare(b);
}

/** A group's codes ('' — every one — left out) in their reading order. */
export function orderedGroups(groups: {
  industries: readonly string[];
  regions: readonly string[];
  sizes: readonly string[];
}): { industries: string[]; regions: string[]; sizes: string[] } {
  const clean = (codes: readonly string[], compare: (a: string, b: string) => number) =>
    codes.filter((c) => c !== '').sort(compare);
  return {
    industries: clean(groups.industries, compareIndustries),
    regions: clean(groups.regions, compareRegions),
    sizes: clean(groups.sizes, compareSizes),
  };
}

/** The groups picked in the address that none of the series' published releases has ('' is every group). */
export function unknownGroupsOf(
  picked: { industry?: string | undefined; region?: string | undefined; size?: string | undefined },
  groups: { industries: readonly string[]; regions: readonly string[]; sizes: readonly string[] },
): { key: 'industry' | 'region' | 'size'; code: string }[] {
  const unknown: { key: 'industry' | 'region' | 'size'; code: string }[] = [];
  if (picked.industry && !groups.industries.includes(picked.industry))
    unknown.push({ key: 'industry', code: picked.industry });
  if (picked.region && !groups.regions.includes(picked.region))
    unknown.push({ key: 'region', code: picked.region });
  if (picked.size && !groups.sizes.includes(picked.size)) unknown.push({ key: 'size', code: picked.size });
  return unknown;
}

/**
 * Whether a typed sample size is one the server takes (drawPanel): a whole number from 1 to SAMPLE_SIZE_MAX, digits
 * only — "0", "-5", "2.5" and "abc" are not rounded or clamped into a draw.
 */
export function isSampleSizeText(text: string): boolean {
  const trimmed = text.trim();
  return /^\d{1,7}$/.test(trimmed) && Number(trimmed) >= 1 && Number(trimmed) <= SAMPLE_SIZE_MAX;
}

/** A group's figures among others: those of exactly the group asked ('' or missing: every one). */
export function figuresOfGroup<F extends Pick<Figure, 'industry' | 'regionCode' | 'size'>>(
  figures: readonly F[],
  group: FigureGroup,
): F[] {
  return figures.filter(
    (f) =>
      f.industry === (group.industry ?? '') &&
      f.regionCode === (group.regionCode ?? '') &&
      f.size === (group.size ?? ''),
  );
}

// ---- disclosure --------------------------------------------------------------------------------------------------

/**
 * The fewest responses a published index figure stands on: the public never sees a figure of fewer (the server
 * sets such a figure's value to null; a figure of one or two answers tells those enterprises' answers). One rule for
 * both, from src/reference/monitoring.ts.
 */
export { DISCLOSURE_MIN } from '../../../reference/monitoring.ts';

/**
 * Why the public does not see a figure: 'few' (fewer responses than DISCLOSURE_MIN), 'unanimous' (every answer of the
 * group the same), 'complementary' (withheld so that another withheld figure cannot be worked out from a published
 * total and its published parts).
 */
export type WithheldReason = 'few' | 'unanimous' | 'complementary';

/** A figure as the API gives it, with or without the reason it is withheld (older answers carry none). */
export interface WithholdingOf {
  value: string | null;
  responses?: number;
  /** The server's reason ('few', 'complementary'), null when published; `true` with `withheldReason`, as well. */
  withheld?: WithheldReason | boolean | null;
  withheldReason?: WithheldReason | null;
}

const REASONS: readonly string[] = ['few', 'unanimous', 'complementary'];

/**
 * Why the public does not see a figure, or null when it does: the reason the server gives; without one, a figure
 * with responses but no value is taken as withheld for too few responses (the one reason there was before).
 * Officials see a withheld figure's value with its reason.
 */
export function withheldReason(figure: WithholdingOf): WithheldReason | null {
  const { withheld } = figure;
  if (typeof withheld === 'string' && REASONS.includes(withheld)) return withheld;
  if (withheld === true || withheld === undefined || withheld === null) {
    const given = figure.withheldReason;
    if (typeof given === 'string' && REASONS.includes(given)) return given;
    if (withheld === true) return 'few';
  }
  return figure.value === null && (figure.responses ?? 0) > 0 ? 'few' : null;
}

/**
 * Whether a figure the public sees is withheld (its value not given; officials see every figure's value, so for
 * them a null value means no answer fell in the group).
 */
export function isWithheld(figure: WithholdingOf): boolean {
  return figure.value === null && withheldReason(figure) !== null;
}

/** The reasons among figures withheld from the public, in the order a legend explains them. */
export function withheldReasons(figures: readonly WithholdingOf[]): WithheldReason[] {
  const found = new Set(figures.map(withheldReason).filter((r): r is WithheldReason => r !== null));
  return (['few', 'complementary'] as const).filter((r) => found.has(r));
}

// ---- closing a wave ----------------------------------------------------------------------------------------------

/** A date ('YYYY-MM-DD') `days` later, by the calendar. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** What closing a wave now leaves behind, from its counts and dates. */
export interface CloseWarnings {
  /** Not submitted: never opened (pending) or saved as a draft. */
  unsubmitted: number;
  pending: number;
  draft: number;
  /** Sent back with a question and not submitted again. */
  returned: number;
  /** Data-quality flags still undecided. */
  openFlags: number;
  /** The last day answers are taken: the deadline plus its grace. */
  lastDay: string;
  /** Whether that day is today or still to come (answers would still be taken). */
  deadlineAhead: boolean;
  /** Whether anything above is left (else closing is a plain confirmation). */
  any: boolean;
}

/** What closing a wave on `today` would cut short (answers not in, sent back, flags undecided, days left). */
export function closeWarnings(
  wave: {
    closesOn: string;
    graceDays: number;
    counts: { pending: number; draft: number; returned: number; openFlags: number };
  },
  today: string,
): CloseWarnings {
  const lastDay = addDays(wave.closesOn, wave.graceDays);
  const unsubmitted = wave.counts.pending + wave.counts.draft;
  const deadlineAhead = today <= lastDay;
  return {
    unsubmitted,
    pending: wave.counts.pending,
    draft: wave.counts.draft,
    returned: wave.counts.returned,
    openFlags: wave.counts.openFlags,
    lastDay,
    deadlineAhead,
    any: unsubmitted > 0 || wave.counts.returned > 0 || wave.counts.openFlags > 0 || deadlineAhead,
  };
}

// ---- response rates ----------------------------------------------------------------------------------------------

/** Whether a release's response rate is below the share its reviewer is warned at (null: no rate, no warning). */
export function isLowResponseRate(release: {
  responseRate: number | null;
  lowResponseRate: number;
}): boolean {
  return release.responseRate !== null && release.responseRate < release.lowResponseRate;
}

// ---- the weights a computation used -------------------------------------------------------------------------------

/** A weight set a computation used (the API's WeightSourceSchema). */
export interface WeightSource {
  kind: WeightKind;
  regionCode: string;
  effectiveFrom: string;
  verified: boolean;
  /** The bases recorded for the set: where its weights come from (a document number where one was given). */
  basis: readonly string[];
}

/**
 * A weight set's standing for a reader: the platform's default (equal weights, not verified), a region's set not
 * verified, or verified.
 */
export type WeightStanding = 'default' | 'unverified' | 'verified';

/** A weight set's standing (WeightStanding). */
export function weightStanding(set: {
  regionCode: string;
  effectiveFrom: string;
  verified: boolean;
}): WeightStanding {
  return isDefaultWeightSet(set) ? 'default' : set.verified ? 'verified' : 'unverified';
}

/**
 * The weight sets in reading order (sub-indices' then industries'), those not verified, and whether the ones not
 * verified are all the platform's equal defaults (the notice then says so in its title).
 */
export function weightSources(weights: readonly WeightSource[] | undefined): {
  sets: WeightSource[];
  unverified: WeightSource[];
  defaultsOnly: boolean;
} {
  const order: WeightKind[] = ['sub_index', 'industry'];
  const sets = [...(weights ?? [])].sort(
    (a, b) =>
      order.indexOf(a.kind) - order.indexOf(b.kind) ||
      a.regionCode.localeCompare(b.regionCode) ||
      a.effectiveFrom.localeCompare(b.effectiveFrom),
  );
  const unverified = sets.filter((s) => !s.verified);
  return { sets, unverified, defaultsOnly: unverified.length > 0 && unverified.every(isDefaultWeightSet) };
}

// ---- the registry's counts ---------------------------------------------------------------------------------------

/**
 * The measures of the registry's monthly statistics, in the order they are listed: active enterprises (存续), entries
 * (新设), exits (退出), new in the platform's registry (新入库). Counts, not indices: no line to read them against.
 */
export const REGISTRY_MEASURES = ['enterprises', 'entries', 'exits', 'registered'] as const;
export type RegistryMeasure = (typeof REGISTRY_MEASURES)[number];

/** Whether a measure is one of the registry's counts. */
export function isCountMeasure(measure: string): measure is RegistryMeasure {
  return (REGISTRY_MEASURES as readonly string[]).includes(measure);
}

/** The registry's measures in their order (unknown ones after, by code). */
export function compareCountMeasures(a: string, b: string): number {
  const rank = (m: string) => {
    const i = (REGISTRY_MEASURES as readonly string[]).indexOf(m);
    return i < 0 ? REGISTRY_MEASURES.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** A count as text with its thousands grouped ("12345" → "12,345"), on the text; anything else as it is. */
export function formatCount(text: string | null | undefined): string {
  if (text === null || text === undefined) return '—';
  const match = /^(-?)(\d+)$/.exec(text.trim());
  if (!match) return text;
  return `${match[1]}${(match[2] ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/**
 * The `region` of the public registry page's address for the national statistics (the address without one lands
 * the reader on a region: registryLandingRegion).
 */
export const NATIONAL_REGION_PARAM = 'national';

/** The address of a region's published registry statistics ('' national). */
export function registryPagePath(regionCode: string): string {
  return `/monitoring/registry?region=${regionCode || NATIONAL_REGION_PARAM}`;
}

/** The GB/T 2260 codes above a division, nearest first: 320583 → 320500, 320000. */
function regionsAbove(code: string): string[] {
  if (!/^\d{6}$/.test(code)) return [];
  const above: string[] = [];
  if (code.slice(4) !== '00') above.push(`${code.slice(0, 4)}00`);
  if (code.slice(2) !== '0000') above.push(`${code.slice(0, 2)}0000`);
  return above;
}

/**
 * The region whose registry statistics a reader lands on when the address names none: an official's own region
 * when it publishes them, else the nearest region above it that does (a county's city), else the first one below it
 * (a province's city); for anyone else, or when none of these publishes, the national statistics when they are
 * published, else the one region that publishes, else '' (national: the page says there is nothing yet).
 */
export function registryLandingRegion(
  published: readonly string[],
  ownRegion: string | null | undefined,
): string {
  const own = ownRegion ?? '';
  if (own !== '') {
    if (published.includes(own)) return own;
    const above = regionsAbove(own).find((code) => published.includes(code));
    if (above !== undefined) return above;
    const prefix = own.replace(/(00)+$/, '');
    const below = [...published].sort().find((code) => code !== own && code.startsWith(prefix));
    if (below !== undefined) return below;
  }
  if (published.includes('')) return '';
  if (published.length === 1) return published[0] ?? '';
  return '';
}

/**
 * A wave's state as its readers are told it: an open wave whose first day is still ahead (one opened for the next
 * period) is 'scheduled' — its questionnaires are given but take no answer until that day.
 */
export function waveShownState(
  wave: { state: 'open' | 'closed'; opensOn: string },
  today: string,
): 'scheduled' | 'open' | 'closed' {
  if (wave.state === 'open' && today < wave.opensOn) return 'scheduled';
  return wave.state;
}

/**
 * A time picked as China's clock reads it (the picker shows wall-clock fields, whatever the browser's zone): the
 * instant it names, e.g. 09:00 picked → '…T09:00:00+08:00' (01:00 UTC).
 */
export function chinaInstant(picked: { format: (template: string) => string }): string {
  return `${picked.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
}

// ---- periods -----------------------------------------------------------------------------------------------------

/** A wave's period in the reader's language: '2026-03' → 2026年3月 / Mar 2026; '2026-Q1' → 2026年第1季度 / 2026 Q1. */
export function formatPeriod(period: string, locale: Locale): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return locale === 'en' ? `${quarter[1]} Q${quarter[2]}` : `${quarter[1]}年第${quarter[2]}季度`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const m = Number(month[2]);
    const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    return locale === 'en' ? `${names[m - 1] ?? month[2]} ${month[1]}` : `${month[1]}年${m}月`;
  }
  return period;
}

/**
 * A period as a chart's axis tick: short ('6月' / 'Jun', '二季度' / 'Q2'), with its year where a year begins and on
 * the first tick (`first`), so a long series stays readable.
 */
export function periodTick(period: string, locale: Locale, first: boolean): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const q = Number(quarter[2]);
    const zh = ['一', '二', '三', '四'][q - 1] ?? String(q);
    if (locale === 'en') return first || q === 1 ? `${quarter[1]} Q${q}` : `Q${q}`;
    return first || q === 1 ? `${quarter[1]}年${zh}季度` : `${zh}季度`;
  }
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) {
    const m = Number(month[2]);
    if (first || m === 1) return formatPeriod(period, locale);
    const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    return locale === 'en' ? (names[m - 1] ?? month[2] ?? period) : `${m}月`;
  }
  return period;
}

/** The period of a date ('YYYY-MM-DD') for a survey's frequency: '2026-03' monthly, '2026-Q1' quarterly. */
export function periodOfDate(date: string, frequency: Frequency): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  return frequency === 'quarterly'
    ? `${year}-Q${Math.floor((month - 1) / 3) + 1}`
    : `${year}-${date.slice(5, 7)}`;
}

/** The period before ('2026-01' → '2025-12', '2026-Q1' → '2025-Q4'), as the server's previousPeriod. */
export function previousPeriodOf(period: string): string {
  const year = Number(period.slice(0, 4));
  if (period[5] === 'Q') {
    const q = Number(period.slice(6));
    return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
  }
  const month = Number(period.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** The period after ('2025-12' → '2026-01', '2025-Q4' → '2026-Q1'). */
export function nextPeriodOf(period: string): string {
  const year = Number(period.slice(0, 4));
  if (period[5] === 'Q') {
    const q = Number(period.slice(6));
    return q === 4 ? `${year + 1}-Q1` : `${year}-Q${q + 1}`;
  }
  const month = Number(period.slice(5, 7));
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** A period's first day ('2026-03' → '2026-03-01', '2026-Q2' → '2026-04-01'). */
export function firstDayOf(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, '0')}-01`;
  return `${period.slice(0, 7)}-01`;
}

/**
 * Whether a wave of a period may open on a day, as the server decides (monitoring.rules.ts opensInPeriod, Huiqi's
 * rule): in the period itself or in the one after it (a survey of last month asked early this month).
 */
export function opensInPeriod(period: string, opensOn: string, frequency: Frequency): boolean {
  const at = periodOfDate(opensOn, frequency);
  return at === period || previousPeriodOf(at) === period;
}

/**
 * The period and first day a new wave's form starts with: the first period without a wave (`taken`) that the module
 * takes for a wave opening today — last period (asked early this one), then this one — opening today; when both have
 * their waves, the next period, opening on its first day.
 */
export function defaultWave(
  today: string,
  frequency: Frequency,
  taken: readonly string[],
): { period: string; opensOn: string } {
  const current = periodOfDate(today, frequency);
  for (const period of [previousPeriodOf(current), current])
    if (!taken.includes(period)) return { period, opensOn: today };
  let period = nextPeriodOf(current);
  while (taken.includes(period)) period = nextPeriodOf(period);
  return { period, opensOn: firstDayOf(period) };
}

/**
 * The periods a wave may be opened for from today, as the server takes them (monitoring.waves.ts waveDateErrors):
 * last period (asked early this one), this one and the next — never one further ahead.
 */
export function wavePeriodsFrom(today: string, frequency: Frequency): string[] {
  const current = periodOfDate(today, frequency);
  return [previousPeriodOf(current), current, nextPeriodOf(current)];
}

/** A period's last day ('2026-02' → '2026-02-28', '2026-Q4' → '2026-12-31'). */
export function lastDayOf(period: string): string {
  if (period === '') return '';
  const first = firstDayOf(nextPeriodOf(period));
  const d = new Date(`${first}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The first day a wave of a period may open on from today (null: none, the period is past taking a wave): today
 * when the module takes it, else the period's first day when that is still to come.
 */
export function openingDayFor(period: string, today: string, frequency: Frequency): string | null {
  if (opensInPeriod(period, today, frequency)) return today;
  const first = firstDayOf(period);
  return first > today ? first : null;
}

// ---- weights -----------------------------------------------------------------------------------------------------

/**
 * The day the platform's default weights (equal, unverified) hold from: set so that they cover every wave, since the
 * SMEDI's own weights are not published (the monitoring migration seeds them; docs/reference/monitoring.md §12). A
 * page names such a set as the platform's default rather than by this date.
 */
export const DEFAULT_WEIGHTS_FROM = '2000-01-01';

/** Whether a weight set is the platform's default: national, unverified, from DEFAULT_WEIGHTS_FROM. */
export function isDefaultWeightSet(set: {
  regionCode: string;
  effectiveFrom: string;
  verified: boolean;
}): boolean {
  return set.regionCode === '' && set.effectiveFrom === DEFAULT_WEIGHTS_FROM && !set.verified;
}

/** A dated set of weights: every code of a kind in a region from one date. */
export interface WeightSet {
  kind: WeightKind;
  regionCode: string;
  effectiveFrom: string;
  rows: WeightRow[];
  /** The set in force today, for its kind and region. */
  current: boolean;
  /** From a date still to come. */
  future: boolean;
  /** Whether every row of the set is verified. */
  verified: boolean;
}

/**
 * The weight rows grouped into dated sets (kind × region × date), newest first within a kind and region, each marked
 * current (the latest from today or before) or future.
 */
export function weightSets(rows: readonly WeightRow[], today: string): WeightSet[] {
  const byKey = new Map<string, WeightRow[]>();
  for (const row of rows) {
    const key = `${row.kind}|${row.regionCode}|${row.effectiveFrom}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const sets: WeightSet[] = [...byKey.values()].map((group) => {
    const first = group[0] as WeightRow;
    return {
      kind: first.kind,
      regionCode: first.regionCode,
      effectiveFrom: first.effectiveFrom,
      rows: group,
      current: false,
      future: first.effectiveFrom > today,
      verified: group.every((r) => r.verified),
    };
  });
  sets.sort(
    (a, b) =>
      a.kind.localeCompare(b.kind) ||
      a.regionCode.localeCompare(b.regionCode) ||
      b.effectiveFrom.localeCompare(a.effectiveFrom),
  );
  const seen = new Set<string>();
  for (const set of sets) {
    const key = `${set.kind}|${set.regionCode}`;
    if (!set.future && !seen.has(key)) {
      set.current = true;
      seen.add(key);
    }
  }
  return sets;
}

// ---- the survey editor -------------------------------------------------------------------------------------------

/** A question as the editor's form holds it (every attribute present, blanks as ''). */
export interface QuestionValues {
  code: string;
  textZh: string;
  textEn: string;
  helpZh: string;
  kind: QuestionKind;
  required: boolean;
  subIndex?: string | undefined;
  direction?: 'up_is_good' | 'down_is_good' | undefined;
  weight: string;
  pmiComponent?: string | undefined;
  judgement: boolean;
  unit: string;
  min: string;
  max: string;
  decimals?: number | null | undefined;
  choices: { code: string; zh: string; en: string }[];
  registryFigure?: 'employees' | 'operating_revenue' | undefined;
}

/** A new question of the editor: a required three-level question in the index. */
export function blankQuestion(position: number): QuestionValues {
  return {
    code: `q${position}`,
    textZh: '',
    textEn: '',
    helpZh: '',
    kind: 'three_level',
    required: true,
    subIndex: undefined,
    direction: undefined,
    weight: '',
    pmiComponent: undefined,
    judgement: false,
    unit: '',
    min: '',
    max: '',
    decimals: null,
    choices: [],
    registryFigure: undefined,
  };
}

/** A stored question as the editor holds it. */
export function questionValues(q: Question): QuestionValues {
  return {
    code: q.code,
    textZh: q.textZh,
    textEn: q.textEn,
    helpZh: q.helpZh,
    kind: q.kind,
    required: q.required,
    subIndex: q.subIndex ?? undefined,
    direction: q.direction ?? undefined,
    weight: q.weight ?? '',
    pmiComponent: q.pmiComponent ?? undefined,
    judgement: q.judgement,
    unit: q.unit ?? '',
    min: q.min ?? '',
    max: q.max ?? '',
    decimals: q.decimals,
    choices: (q.choices ?? []).map((c) => ({ code: c.code, zh: c.zh, en: c.en })),
    registryFigure:
      q.registryFigure === 'employees' || q.registryFigure === 'operating_revenue'
        ? q.registryFigure
        : undefined,
  };
}

const blankToUndefined = (text: string | undefined): string | undefined => {
  const trimmed = (text ?? '').trim();
  return trimmed === '' ? undefined : trimmed;
};

/**
 * A question of the editor as the API takes it: only the attributes its kind uses (an index question's sub-index,
 * direction and weight as given, so a missing one is named by the server on its field; a number's unit and range;
 * a choice's options).
 */
export function questionInput(v: QuestionValues): QuestionInputValue {
  const input: QuestionInputValue = {
    code: v.code.trim(),
    textZh: v.textZh.trim(),
    kind: v.kind,
    required: v.required,
  };
  const textEn = blankToUndefined(v.textEn);
  if (textEn) input.textEn = textEn;
  const helpZh = blankToUndefined(v.helpZh);
  if (helpZh) input.helpZh = helpZh;
  if (v.kind === 'three_level') {
    input.judgement = v.judgement;
    // In the index when any of the three is given; each as given, so a missing one is named on its field.
    const weight = blankToUndefined(v.weight);
    if (v.subIndex || v.direction || weight) {
      input.subIndex = v.subIndex ?? null;
      input.direction = v.direction ?? null;
      input.weight = weight ?? null;
    }
    if (v.pmiComponent) input.pmiComponent = v.pmiComponent;
  }
  if (v.kind === 'number') {
    input.unit = blankToUndefined(v.unit) ?? null;
    input.min = blankToUndefined(v.min) ?? null;
    input.max = blankToUndefined(v.max) ?? null;
    input.decimals = v.decimals ?? null;
    if (v.registryFigure) input.registryFigure = v.registryFigure;
  }
  if (v.kind === 'choice') {
    input.choices = v.choices.map((c) => {
      const en = blankToUndefined(c.en);
      return { code: c.code.trim(), zh: c.zh.trim(), ...(en ? { en } : {}) };
    });
  }
  return input;
}

/** The weights of the editor's index questions by sub-index, summed exactly (null: a weight is not a decimal). */
export function subIndexSums(questions: readonly Pick<QuestionValues, 'kind' | 'subIndex' | 'weight'>[]) {
  const bySub = new Map<string, string[]>();
  for (const q of questions) {
    if (q.kind !== 'three_level' || !q.subIndex) continue;
    bySub.set(q.subIndex, [...(bySub.get(q.subIndex) ?? []), q.weight]);
  }
  return [...bySub].map(([subIndex, weights]) => ({
    subIndex,
    sum: sumDecimals(weights),
    count: weights.length,
  }));
}

// ---- the enterprise's answers ------------------------------------------------------------------------------------

/** An answer as the questionnaire's form holds it, by question code. */
export type AnswerValues = Record<string, string | undefined>;

/** The form's field of a question (antd names must not contain dots: codes are kept as given). */
export function answerField(code: string): string {
  return `a_${code}`;
}

/**
 * The question a failed submit leads to: the first, in the questionnaire's order, whose field has an error (the
 * form's fields with their errors, as `getFieldsError` gives them); null when none has.
 */
export function firstQuestionWithError<Q extends { code: string; position?: number }>(
  questions: readonly Q[],
  fields: readonly { name: readonly (string | number)[]; errors: readonly unknown[] }[],
): string | null {
  const failed = new Set(fields.filter((f) => f.errors.length > 0).map((f) => String(f.name[0])));
  return inQuestionnaireOrder(questions).find((q) => failed.has(answerField(q.code)))?.code ?? null;
}

/** The stored answers as the form's values. */
export function answerValues(questions: readonly Question[], answers: readonly Answer[]): AnswerValues {
  const byCode = new Map(answers.map((a) => [a.questionCode, a]));
  const values: AnswerValues = {};
  for (const q of questions) {
    const a = byCode.get(q.code);
    values[answerField(q.code)] = a ? (answerText(q.kind, a) ?? undefined) : undefined;
  }
  return values;
}

/** An answer's value as one text (a level's code, a number, a choice's code, the text), null when not answered. */
export function answerText(kind: QuestionKind, answer: Answer): string | null {
  if (kind === 'three_level') return answer.level;
  if (kind === 'number') return answer.number;
  if (kind === 'choice') return answer.choice;
  return answer.text;
}

/** The form's values as the API's answers: one per question answered (blank ones left out). */
export function answersInput(questions: readonly Question[], values: AnswerValues): AnswerInput[] {
  const answers: AnswerInput[] = [];
  for (const q of questions) {
    const raw = values[answerField(q.code)];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === undefined || value === null || value === '') continue;
    if (q.kind === 'three_level') {
      if (value === 'up' || value === 'same' || value === 'down')
        answers.push({ questionCode: q.code, level: value });
    } else if (q.kind === 'number') answers.push({ questionCode: q.code, number: normaliseNumber(value) });
    else if (q.kind === 'choice') answers.push({ questionCode: q.code, choice: value });
    else answers.push({ questionCode: q.code, text: value });
  }
  return answers;
}

/** A typed number as the API takes it: full-width digits and minus signs made plain, grouping commas dropped. */
export function normaliseNumber(text: string): string {
  return text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[−－]/g, '-')
    .replace(/．/g, '.')
    .replace(/,/g, '');
}

/**
 * What is wrong with a typed number for a question (null: nothing): not a number, more decimals than it takes, below
 * its minimum or above its maximum. Compared as exact decimals.
 */
export function numberProblem(
  text: string,
  q: Pick<Question, 'min' | 'max' | 'decimals'>,
):
  | { kind: 'number' }
  | { kind: 'decimals'; decimals: number }
  | { kind: 'min'; min: string }
  | { kind: 'max'; max: string }
  | null {
  const value = normaliseNumber(text);
  const match = /^-?\d{1,16}(?:\.(\d{1,4}))?$/.exec(value);
  if (!match) return { kind: 'number' };
  const decimals = q.decimals ?? 4;
  if ((match[1] ?? '').length > decimals) return { kind: 'decimals', decimals };
  if (q.min !== null && compareSigned(value, q.min) < 0) return { kind: 'min', min: q.min };
  if (q.max !== null && compareSigned(value, q.max) > 0) return { kind: 'max', max: q.max };
  return null;
}

/** Compares two signed decimal texts exactly: negative, 0 or positive. */
export function compareSigned(a: string, b: string): number {
  const parse = (text: string) => {
    const negative = text.startsWith('-');
    const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.');
    return { negative, whole, fraction };
  };
  const x = parse(a);
  const y = parse(b);
  const places = Math.max(x.fraction.length, y.fraction.length);
  const units = (p: ReturnType<typeof parse>) =>
    BigInt(`${p.whole}${p.fraction.padEnd(places, '0')}`) * (p.negative ? -1n : 1n);
  const diff = units(x) - units(y);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}
