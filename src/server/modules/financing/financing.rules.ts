/**
 * Financing matchmaking's rules (issue 15; docs/reference/financing.md), pure: no I/O, no clock.
 *
 * - Money and rates are decimal strings ("120", "3.45"), compared as scaled integers, never as floats.
 * - A product is checked before it is stored (ranges the right way round, its regions, its rule in the policy rule
 *   language); a demand likewise (at most three purposes, a description of at most 250 characters).
 * - A product fits a demand when every condition holds: the enterprise's region is served, the amount and the term
 *   are in range, the product's lowest rate is within the demand's acceptable rate, the enterprise offers what
 *   the kind needs, and its rule holds for the enterprise's facts. The answer explains each condition, and names
 *   the one condition missed when only one is (a near miss), as policies do.
 * - A bank's answer goes picked up → contacted → (visited) → granted or declined → (disbursed); it may release a
 *   demand before deciding. The deadlines: first contact within N working days of the pickup, a decision within
 *   N days (a period ending on a rest day moves to the next working day, src/reference/periods.ts).
 */
import { addDays, addWorkingDays } from '../../../reference/calendar.ts';
import {
  COLLATERAL,
  COLLATERAL_CODES,
  DECLINE_REASON_CODES,
  MAX_DESCRIPTION,
  MAX_PURPOSES,
  PRODUCT_KIND_CODES,
  PURPOSE_CODES,
  productKind,
  termName,
} from '../../../reference/financing.ts';
import { endOfPeriod } from '../../../reference/periods.ts';
import { findRegion, regionFullName, regionScopePrefix } from '../../../reference/regions.ts';
import { regionFullNameEn } from '../../../reference/regions-en.ts';
import type { Localized } from '../../../shared/errors.ts';
import type { FieldError } from '../../http/errors.ts';
import {
  checkRule,
  type EnterpriseFacts,
  type Explained,
  evaluateRule,
  type Rule,
} from '../policies/index.ts';
import type { RecommendationState, ResponseState } from './financing.table.ts';

// ---------------------------------------------------------------------------------------------------------
// Decimals

const DECIMAL = /^(\d{1,14})(?:\.(\d{1,4}))?$/;
const SCALE = 4;

/** A decimal string as an integer of 1/10,000ths; null when it is not a plain non-negative decimal. */
export function decimalUnits(text: string): bigint | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  return BigInt(whole) * 10n ** BigInt(SCALE) + BigInt(fraction.padEnd(SCALE, '0'));
}

/** Compares two valid decimal strings (-1, 0, 1). */
export function compareDecimals(a: string, b: string): number {
  const x = decimalUnits(a) ?? 0n;
  const y = decimalUnits(b) ?? 0n;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** "120.5000" → "120.5", "3.0" → "3" (as the database's trim_scale gives it). */
export function normalDecimal(text: string): string {
  const units = decimalUnits(text);
  if (units === null) return text;
  const whole = units / 10n ** BigInt(SCALE);
  const fraction = (units % 10n ** BigInt(SCALE)).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}

/** A decimal in words for people: its normal form with the whole part grouped by thousands ("136,000.5"). */
export function groupedDecimal(text: string): string {
  const normal = normalDecimal(text);
  const [whole = '', fraction] = normal.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** An amount in 10k yuan (万元) as yuan in words for people ("120" → "1,200,000"), for English texts. */
export function wanAsYuan(text: string): string {
  const units = decimalUnits(text);
  return units === null ? text : groupedDecimal(units.toString());
}

/** Whole years from one date to another (an enterprise's age for the anonymised profile). */
export function fullYears(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return Math.max(0, to.slice(5) >= from.slice(5) ? years : years - 1);
}

// ---------------------------------------------------------------------------------------------------------
// Settings

/** The dated figures on a day, for a region (its own rows first, then the national ones). */
export interface FinancingSettings {
  pickupWorkingDays: number;
  contactWorkingDays: number;
  decisionDays: number;
  confirmationDays: number;
  /** 万元, as a decimal string. */
  inclusiveLoanMax: string;
  /** Percent a year, as a decimal string. */
  guaranteeFeeGuide: string;
}

export const SETTING_KEYS = [
  'pickup_working_days',
  'contact_working_days',
  'decision_days',
  'confirmation_days',
  'inclusive_loan_max',
  'guarantee_fee_guide',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** The settings from the rows in force (for each key, the most specific region's latest row on the day). */
export function settingsFrom(
  rows: readonly { key: string; region_code: string; effective_from: string; value: string }[],
  regionCode: string,
  day: string,
): FinancingSettings {
  const best = new Map<string, { specificity: number; from: string; value: string }>();
  for (const row of rows) {
    if (row.effective_from > day) continue;
    if (row.region_code !== '' && !regionCode.startsWith(row.region_code)) continue;
    const specificity = row.region_code.length;
    const current = best.get(row.key);
    if (
      !current ||
      specificity > current.specificity ||
      (specificity === current.specificity && row.effective_from > current.from)
    )
      best.set(row.key, { specificity, from: row.effective_from, value: row.value });
  }
  const value = (key: SettingKey) => {
    const found = best.get(key);
    if (!found) throw new Error(`financing setting ${key} has no row in force on ${day}`);
    return found.value;
  };
  return {
    pickupWorkingDays: Number(value('pickup_working_days')),
    contactWorkingDays: Number(value('contact_working_days')),
    decisionDays: Number(value('decision_days')),
    confirmationDays: Number(value('confirmation_days')),
    inclusiveLoanMax: normalDecimal(value('inclusive_loan_max')),
    guaranteeFeeGuide: normalDecimal(value('guarantee_fee_guide')),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Deadlines

/** The day a demand nobody picked up is escalated and widened: N working days after it was posted. */
export function pickupDue(postedOn: string, settings: FinancingSettings): string {
  return addWorkingDays(postedOn, settings.pickupWorkingDays);
}

/** A response's deadlines from its pickup day. */
export function responseDeadlines(
  pickedUpOn: string,
  settings: FinancingSettings,
): { contactDue: string; decisionDue: string } {
  return {
    contactDue: addWorkingDays(pickedUpOn, settings.contactWorkingDays),
    decisionDue: endOfPeriod(addDays(pickedUpOn, settings.decisionDays)).endsOn,
  };
}

/** The states in which a bank still owes an answer. */
export const ACTIVE_RESPONSE_STATES: readonly ResponseState[] = ['picked_up', 'contacted', 'visited'];

/** Which deadline a response has passed on a day (null: none). */
export function lateness(
  response: { state: ResponseState; contact_due: string; decision_due: string },
  today: string,
): 'contact' | 'decision' | null {
  if (response.state === 'picked_up' && today > response.contact_due) return 'contact';
  if (ACTIVE_RESPONSE_STATES.includes(response.state) && today > response.decision_due) return 'decision';
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// A bank's answer

export type ResponseAction = 'contact' | 'visit' | 'grant' | 'decline' | 'disburse' | 'release';

const NEXT: Record<ResponseAction, { from: readonly ResponseState[]; to: ResponseState }> = {
  contact: { from: ['picked_up'], to: 'contacted' },
  visit: { from: ['contacted'], to: 'visited' },
  grant: { from: ['contacted', 'visited'], to: 'granted' },
  decline: { from: ['picked_up', 'contacted', 'visited'], to: 'declined' },
  disburse: { from: ['granted'], to: 'disbursed' },
  release: { from: ['picked_up', 'contacted', 'visited'], to: 'released' },
};

/** The actions a bank may take on a response in a state. */
export function responseActions(state: ResponseState): ResponseAction[] {
  return (Object.keys(NEXT) as ResponseAction[]).filter((a) => NEXT[a].from.includes(state));
}

/** The state an action leads to, or null when the state does not allow it. */
export function nextResponseState(state: ResponseState, action: ResponseAction): ResponseState | null {
  const step = NEXT[action];
  return step.from.includes(state) ? step.to : null;
}

/**
 * A demand's state from its responses: granted once any bank granted; in progress while any bank is working on it;
 * declined when banks answered and all declined; open otherwise (nobody has it: never picked up, or released).
 */
export function demandStateOf(
  responses: readonly { state: ResponseState }[],
  referred: boolean,
): 'open' | 'in_progress' | 'granted' | 'declined' {
  if (responses.some((r) => r.state === 'granted' || r.state === 'disbursed')) return 'granted';
  if (responses.some((r) => ACTIVE_RESPONSE_STATES.includes(r.state))) return 'in_progress';
  if (!referred && responses.some((r) => r.state === 'declined')) return 'declined';
  return 'open';
}

/** How many banks may work on a demand at once: one when exclusive, else three. */
export function activeLimit(exclusive: boolean): number {
  return exclusive ? 1 : 3;
}

// ---------------------------------------------------------------------------------------------------------
// Checks

const msg = (zh: string, en: string): Localized => ({ zh, en });

function checkDecimal(
  field: string,
  text: string | undefined | null,
  problems: FieldError[],
  options: { max?: string; positive?: boolean } = {},
): void {
  if (text === undefined || text === null) return;
  const units = decimalUnits(text);
  if (units === null) {
    problems.push({
      field,
      message: msg('应为数字，最多4位小数', 'must be a number with at most 4 decimals'),
    });
    return;
  }
  if (options.positive && units === 0n) problems.push({ field, message: msg('应大于0', 'must be above 0') });
  if (options.max !== undefined && compareDecimals(text, options.max) > 0)
    problems.push({ field, message: msg(`不能超过${options.max}`, `must be at most ${options.max}`) });
}

/** A product as a bank enters it. */
export interface ProductInput {
  name: string;
  kind: string;
  description?: string;
  amountMin: string;
  amountMax: string;
  termMinMonths: number;
  termMaxMonths: number;
  rateMin: string;
  rateMax: string;
  guaranteeFeeRate?: string | null;
  regions: string[];
  rule?: unknown;
}

/** Every problem of a product, by field (the rule's own problems under `rule` with their path). */
export function checkProduct(input: ProductInput): FieldError[] {
  const problems: FieldError[] = [];
  if (input.name.trim().length < 2)
    problems.push({ field: 'name', message: msg('至少2个字', 'at least 2 characters') });
  if (!PRODUCT_KIND_CODES.has(input.kind))
    problems.push({ field: 'kind', message: msg('没有这种产品类型', 'no such product kind') });
  checkDecimal('amountMin', input.amountMin, problems, { positive: true });
  checkDecimal('amountMax', input.amountMax, problems, { positive: true });
  if (decimalUnits(input.amountMin) !== null && decimalUnits(input.amountMax) !== null)
    if (compareDecimals(input.amountMin, input.amountMax) > 0)
      problems.push({
        field: 'amountMax',
        message: msg('最高额度低于最低额度', 'the highest amount is below the lowest'),
      });
  if (input.termMinMonths > input.termMaxMonths)
    problems.push({
      field: 'termMaxMonths',
      message: msg('最长期限短于最短期限', 'the longest term is shorter than the shortest'),
    });
  checkDecimal('rateMin', input.rateMin, problems, { max: '100' });
  checkDecimal('rateMax', input.rateMax, problems, { max: '100' });
  if (decimalUnits(input.rateMin) !== null && decimalUnits(input.rateMax) !== null)
    if (compareDecimals(input.rateMin, input.rateMax) > 0)
      problems.push({
        field: 'rateMax',
        message: msg(
          `利率区间颠倒：最高利率${input.rateMax}%低于最低利率${input.rateMin}%`,
          `the rate range is inverted: the highest rate ${input.rateMax}% is below the lowest ${input.rateMin}%`,
        ),
      });
  if (input.guaranteeFeeRate !== undefined && input.guaranteeFeeRate !== null) {
    if (input.kind !== 'guarantee')
      problems.push({
        field: 'guaranteeFeeRate',
        message: msg('只有担保贷款填写担保费率', 'only a guaranteed loan has a guarantee fee'),
      });
    checkDecimal('guaranteeFeeRate', input.guaranteeFeeRate, problems, { max: '100' });
  }
  if (input.regions.length === 0)
    problems.push({ field: 'regions', message: msg('至少选择一个服务区域', 'choose at least one region') });
  input.regions.forEach((code, i) => {
    if (!findRegion(code))
      problems.push({
        field: `regions/${i}`,
        message: msg(`${code} 不是行政区划代码`, `${code} is not a region code`),
      });
  });
  if (input.rule !== undefined && input.rule !== null)
    for (const p of checkRule(input.rule))
      problems.push({
        field: `rule${p.path === '' ? '' : p.path.startsWith('/') ? p.path : `/${p.path}`}`,
        message: p.message,
      });
  return problems;
}

/** Where a fee above the guide is worth telling the bank (not an error: the guide is an average). */
export function feeAboveGuide(rate: string | null | undefined, settings: FinancingSettings): boolean {
  return rate !== null && rate !== undefined && compareDecimals(rate, settings.guaranteeFeeGuide) > 0;
}

/** A demand as an enterprise posts it. */
export interface DemandInput {
  amount: string;
  termMonths: number;
  purposes: string[];
  description: string;
  collateral?: string[];
  maxRate?: string | null;
}

/** Every problem of a demand, by field. */
export function checkDemand(input: DemandInput): FieldError[] {
  const problems: FieldError[] = [];
  checkDecimal('amount', input.amount, problems, { positive: true });
  if (input.purposes.length === 0 || input.purposes.length > MAX_PURPOSES)
    problems.push({
      field: 'purposes',
      message: msg(`选择1至${MAX_PURPOSES}项用途`, `choose 1 to ${MAX_PURPOSES} purposes`),
    });
  if (new Set(input.purposes).size !== input.purposes.length)
    problems.push({ field: 'purposes', message: msg('用途重复', 'a purpose is repeated') });
  input.purposes.forEach((code, i) => {
    if (!PURPOSE_CODES.has(code))
      problems.push({
        field: `purposes/${i}`,
        message: msg(`没有“${code}”这种用途`, `no purpose "${code}"`),
      });
  });
  const description = input.description.trim();
  if (description.length === 0)
    problems.push({ field: 'description', message: msg('请简要说明融资需求', 'describe the need briefly') });
  if ([...description].length > MAX_DESCRIPTION)
    problems.push({
      field: 'description',
      message: msg(`最多${MAX_DESCRIPTION}个字`, `at most ${MAX_DESCRIPTION} characters`),
    });
  (input.collateral ?? []).forEach((code, i) => {
    if (!COLLATERAL_CODES.has(code))
      problems.push({
        field: `collateral/${i}`,
        message: msg(`没有“${code}”这种抵押担保方式`, `no collateral "${code}"`),
      });
  });
  checkDecimal('maxRate', input.maxRate, problems, { positive: true, max: '100' });
  return problems;
}

/** A decline needs a reason from the list and the bank's words. */
export function checkDecline(reason: string | undefined, text: string | undefined): FieldError[] {
  const problems: FieldError[] = [];
  if (!reason || !DECLINE_REASON_CODES.has(reason))
    problems.push({ field: 'declineReason', message: msg('请选择未获批原因', 'choose the reason') });
  if (!text || text.trim().length < 2)
    problems.push({ field: 'declineText', message: msg('请说明原因', 'explain the reason') });
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Fit

/** A product as the fit reads it. */
export interface FitProduct {
  kind: string;
  amountMin: string;
  amountMax: string;
  termMinMonths: number;
  termMaxMonths: number;
  rateMin: string;
  /** Region codes served (each covering its subtree). */
  regions: readonly string[];
  rule: Rule | null;
}

/** A demand as the fit reads it (absent: an enterprise browsing products before posting). */
export interface FitDemand {
  amount: string;
  termMonths: number;
  collateral: readonly string[];
  maxRate: string | null;
}

export interface Fit {
  outcome: 'eligible' | 'not_eligible' | 'unknown';
  /** Each condition's answer. */
  conditions: Explained[];
  /** The one condition missed when every other holds. */
  nearMiss: Explained | null;
  missing: Localized[];
}

function condition(result: boolean | null, zh: string, en: string, children?: Explained[]): Explained {
  const mark = result === true ? ' ✓' : result === false ? ' ✗' : ' ?';
  return { result, text: { zh: `${zh}${mark}`, en: `${en}${mark}` }, ...(children ? { children } : {}) };
}

/** Region prefixes a product serves (codes → GB/T 2260 subtrees). */
export function servedPrefixes(regions: readonly string[]): string[] {
  return regions.map((code) => (findRegion(code) ? regionScopePrefix(code) : code));
}

function regionNames(regions: readonly string[]): Localized {
  return {
    zh: regions.map((c) => regionFullName(c) || c).join('、'),
    en: regions.map((c) => regionFullNameEn(c) || c).join(', '),
  };
}

/**
 * Whether a product fits an enterprise (and its demand, when given), every condition explained. A condition that
 * the enterprise cannot change (its region) never makes a near miss; a rule with several missed clauses neither.
 */
export function productFit(
  product: FitProduct,
  facts: EnterpriseFacts,
  demand: FitDemand | null,
  date: string,
): Fit {
  const conditions: Explained[] = [];
  const changeable: boolean[] = [];
  const served = servedPrefixes(product.regions);
  const inRegion = facts.regionCode !== null ? served.some((p) => facts.regionCode?.startsWith(p)) : null;
  const names = regionNames(product.regions);
  conditions.push(condition(inRegion, `服务区域：${names.zh}`, `Regions served: ${names.en}`));
  changeable.push(false);
  if (demand) {
    const amountOk =
      compareDecimals(demand.amount, product.amountMin) >= 0 &&
      compareDecimals(demand.amount, product.amountMax) <= 0;
    conditions.push(
      condition(
        amountOk,
        `额度${normalDecimal(product.amountMin)}至${normalDecimal(product.amountMax)}万元（需求${normalDecimal(demand.amount)}万元）`,
        `Amount ${wanAsYuan(product.amountMin)} to ${wanAsYuan(product.amountMax)} yuan (asked: ${wanAsYuan(demand.amount)})`,
      ),
    );
    changeable.push(true);
    const termOk = demand.termMonths >= product.termMinMonths && demand.termMonths <= product.termMaxMonths;
    conditions.push(
      condition(
        termOk,
        `期限${product.termMinMonths}至${product.termMaxMonths}个月（需求${demand.termMonths}个月）`,
        `Term ${product.termMinMonths} to ${product.termMaxMonths} months (asked: ${demand.termMonths})`,
      ),
    );
    changeable.push(true);
    if (demand.maxRate !== null) {
      const rateOk = compareDecimals(product.rateMin, demand.maxRate) <= 0;
      conditions.push(
        condition(
          rateOk,
          `最低利率${normalDecimal(product.rateMin)}%不高于可接受利率${normalDecimal(demand.maxRate)}%`,
          `Lowest rate ${normalDecimal(product.rateMin)}% within the acceptable ${normalDecimal(demand.maxRate)}%`,
        ),
      );
      changeable.push(true);
    }
    const kind = productKind(product.kind);
    if (kind?.accepts) {
      const offered = kind.accepts.some((c) => demand.collateral.includes(c));
      const wanted = kind.accepts.map((c) => termName(COLLATERAL, c));
      conditions.push(
        condition(
          offered,
          `需提供：${wanted.map((w) => w.zh).join('或')}`,
          `Needs: ${wanted.map((w) => w.en).join(' or ')}`,
        ),
      );
      changeable.push(true);
    }
  }
  let missing: Localized[] = [];
  let ruleNearMiss: Explained | null = null;
  if (product.rule) {
    const answer = evaluateRule(product.rule, facts, date);
    conditions.push({
      ...answer.explanation,
      text: {
        zh: `准入条件：${answer.explanation.text.zh}`,
        en: `Who qualifies: ${answer.explanation.text.en}`,
      },
    });
    // The rule counts as changeable when it misses by one clause the enterprise can meet (policies' near miss).
    changeable.push(answer.nearMiss !== null);
    missing = answer.missing;
    ruleNearMiss = answer.nearMiss;
  }
  const failed = conditions.map((c, i) => ({ c, i })).filter(({ c }) => c.result === false);
  const unknown = conditions.some((c) => c.result === null);
  const outcome = failed.length > 0 ? 'not_eligible' : unknown ? 'unknown' : 'eligible';
  let nearMiss: Explained | null = null;
  if (failed.length === 1 && !unknown) {
    const [{ c, i }] = failed as [{ c: Explained; i: number }];
    if (changeable[i]) nearMiss = product.rule && i === conditions.length - 1 ? (ruleNearMiss ?? c) : c;
  }
  return { outcome, conditions, nearMiss, missing };
}

// ---------------------------------------------------------------------------------------------------------
// The recommended list of the 2024 coordination mechanism (docs/reference/financing.md)

/** The mechanism's five tests, each a body field and a column, in the order the reference gives them. */
export const FIVE_TESTS = [
  {
    field: 'compliantOperation',
    column: 'compliant_operation',
    zh: '合规持续经营',
    en: 'operates lawfully without interruption',
  },
  {
    field: 'fixedPremises',
    column: 'fixed_premises',
    zh: '固定经营场所',
    en: 'has a fixed place of business',
  },
  { field: 'realNeed', column: 'real_need', zh: '真实融资需求', en: 'has a real need for finance' },
  { field: 'goodCredit', column: 'good_credit', zh: '信用状况良好', en: 'has a good credit standing' },
  {
    field: 'compliantPurpose',
    column: 'compliant_purpose',
    zh: '用途合规',
    en: 'borrows for a lawful purpose',
  },
] as const;
export type FiveTestField = (typeof FIVE_TESTS)[number]['field'];

/** Each of the five tests not answered "yes", named: the mechanism lists only an enterprise passing all five. */
export function checkFiveTests(answers: Partial<Record<FiveTestField, boolean>>): FieldError[] {
  return FIVE_TESTS.filter((test) => answers[test.field] !== true).map((test) => ({
    field: test.field,
    message: msg(
      answers[test.field] === undefined
        ? `请确认“${test.zh}”：小微企业融资协调工作机制要求推荐清单内企业五项条件全部满足`
        : `不满足“${test.zh}”：小微企业融资协调工作机制要求推荐清单内企业五项条件全部满足`,
      answers[test.field] === undefined
        ? `answer whether the enterprise ${test.en}: the coordination mechanism lists only an enterprise passing all five tests`
        : `the enterprise must pass "${test.en}": the coordination mechanism lists only an enterprise passing all five tests`,
    ),
  }));
}

/** The bank's decision day for a recommendation pushed on a day: N days, ending on a working day. */
export function recommendationDecideDue(pushedOn: string, settings: FinancingSettings): string {
  return endOfPeriod(addDays(pushedOn, settings.decisionDays)).endsOn;
}

export type RecommendationAction = 'push' | 'remove' | 'contact' | 'decide';

/**
 * What each side may do in a state: officials push a listed enterprise to a bank, push it again to another while the
 * bank has not made contact, and take it off the list until then; the bank records its contact, then its decision.
 */
export function recommendationActions(
  state: RecommendationState,
  viewer: 'official' | 'bank' | 'enterprise',
): RecommendationAction[] {
  if (viewer === 'official') return state === 'listed' || state === 'pushed' ? ['push', 'remove'] : [];
  if (viewer === 'bank') return state === 'pushed' ? ['contact'] : state === 'contacted' ? ['decide'] : [];
  return [];
}

/** Past the decision day and still undecided. */
export function recommendationLate(
  row: { state: RecommendationState; decide_due: string | null },
  today: string,
): boolean {
  return (
    (row.state === 'pushed' || row.state === 'contacted') && row.decide_due !== null && today > row.decide_due
  );
}

/** A share as a percentage with one decimal, rounded half up ("66.7"); null when there is nothing to divide by. */
export function percentOneDecimal(part: number, whole: number): string | null {
  if (whole <= 0) return null;
  const tenths = Math.floor((part * 2000 + whole) / (2 * whole));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** A bank's decision as it will be stored: an amount when granted, a reason from the list and words when declined. */
export function checkRecommendationDecision(body: {
  outcome: 'granted' | 'declined' | 'no_need';
  grantedAmount?: string;
  declineReason?: string;
  declineText?: string;
}): FieldError[] {
  const problems: FieldError[] = [];
  const only = (field: 'grantedAmount' | 'declineReason' | 'declineText', outcome: string) => {
    if (body[field] !== undefined && body.outcome !== outcome)
      problems.push({
        field,
        message: msg(
          outcome === 'granted' ? '仅在授信时填写' : '仅在未获批时填写',
          outcome === 'granted' ? 'only with a grant' : 'only with a decline',
        ),
      });
  };
  only('grantedAmount', 'granted');
  only('declineReason', 'declined');
  only('declineText', 'declined');
  if (body.outcome === 'granted') {
    if (body.grantedAmount === undefined)
      problems.push({
        field: 'grantedAmount',
        message: msg('请填写授信金额（万元）', 'give the amount granted (× 10k yuan)'),
      });
    else checkDecimal('grantedAmount', body.grantedAmount, problems, { positive: true });
  }
  if (body.outcome === 'declined') problems.push(...checkDecline(body.declineReason, body.declineText));
  return problems;
}
