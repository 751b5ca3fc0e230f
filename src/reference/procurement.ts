/**
 * Government procurement for SMEs (measure 8; docs/reference/procurement.md): the rules of 财库〔2020〕46号 and
 * 财库〔2022〕19号 as dated data, chosen by a project's announcement date; what a project must do (reserve it whole,
 * reserve a minimum share with a small/micro part, or only give the price deduction); the price evaluation of bids
 * by declared size and role (single, consortium, subcontract) with the ranking and the provisions applied; a
 * department's annual shares; the OCDS scale codes; the SBA-style grade bands.
 *
 * Money (yuan) and percentages are decimal strings ("1000000", "15", "29.99"), computed exactly as scaled
 * integers (BigInt): an evaluated price is never rounded (§10). Bad input throws ProcurementInputError, a
 * RangeError whose message starts with the field it names (`bids[1].smallMicroShare: …`), and nothing is computed.
 *
 * Pure and dated: the caller passes the announcement date; no clock is read here.
 */
import type { Localized } from '../shared/errors.ts';

// ---------------------------------------------------------------------------------------------------------------
// Vocabularies

/** How sure we are of a figure (docs/reference/README.md#confidence). */
export type Confidence = 'text' | 'agreed' | 'memory' | 'unverified';

/** A coded term with its names. */
export interface ProcurementTerm {
  code: string;
  zh: string;
  en: string;
}

/** The two documents the rules come from (docs/reference/procurement.md §2). */
export const PROCUREMENT_DOCUMENTS = [
  {
    documentNumber: '财库〔2020〕46号',
    titleZh: '政府采购促进中小企业发展管理办法',
    titleEn: 'Measures for promoting the development of SMEs through government procurement',
    effectiveFrom: '2021-01-01',
    /** Number, title and date in force: agreed (the notes; reprints agree). */
    confidence: 'agreed',
  },
  {
    documentNumber: '财库〔2022〕19号',
    // The notes call it "the notice"; the title is recalled, not in the notes (memory).
    titleZh: '关于进一步加大政府采购支持中小企业力度的通知',
    titleEn: 'Notice on further increasing the support of government procurement for SMEs',
    effectiveFrom: '2022-07-01',
    /** Number and start (procurements announced from 2022-07-01): agreed; the title: memory. */
    confidence: 'agreed',
  },
] as const;

const N46 = '财库〔2020〕46号';
const N19 = '财库〔2022〕19号';

/** Kinds of procurement project (货物, 服务, 工程). */
export const PROCUREMENT_KINDS = [
  { code: 'goods', zh: '货物', en: 'Goods' },
  { code: 'services', zh: '服务', en: 'Services' },
  { code: 'works', zh: '工程', en: 'Works' },
] as const satisfies readonly ProcurementTerm[];

/** The code of a kind of project. */
export type ProcurementKind = (typeof PROCUREMENT_KINDS)[number]['code'];

/**
 * Sizes a bid may declare: 中/小/微 as the 声明函 states them; a large bidder files none
 * (docs/reference/procurement.md §5).
 */
export const BIDDER_SIZES = [
  { code: 'large', zh: '大型企业', en: 'Large' },
  { code: 'medium', zh: '中型企业', en: 'Medium' },
  { code: 'small', zh: '小型企业', en: 'Small' },
  { code: 'micro', zh: '微型企业', en: 'Micro' },
] as const satisfies readonly ProcurementTerm[];

/** The code of a declared size, the classes of src/reference/size-standards (cn-2011). */
export type BidderSize = (typeof BIDDER_SIZES)[number]['code'];

/** How a bid is made (docs/reference/procurement.md §4). */
export const BID_ROLES = [
  { code: 'single', zh: '独立投标', en: 'Single bidder' },
  { code: 'consortium', zh: '联合体投标', en: 'Consortium' },
  {
    code: 'subcontract',
    zh: '投标人分包给小微企业',
    en: 'Bidder subcontracting to small or micro enterprises',
  },
] as const satisfies readonly ProcurementTerm[];

/** The code of a bid's role. */
export type BidRole = (typeof BID_ROLES)[number]['code'];

/** The ways a buyer reserves a project or part of it for SMEs (agreed; docs/reference/procurement.md §3.3). */
export const RESERVATION_WAYS = [
  { code: 'whole', zh: '整体专门面向中小企业', en: 'The whole project SME-only' },
  { code: 'lots', zh: '设置专门面向中小企业的采购包', en: 'Some lots SME-only' },
  { code: 'consortium', zh: '要求联合体中中小企业达到一定份额', en: 'Consortium with a minimum SME share' },
  {
    code: 'subcontract',
    zh: '要求中标人将一定份额分包给中小企业',
    en: 'Winner subcontracts a minimum share to SMEs',
  },
] as const satisfies readonly ProcurementTerm[];

/** The code of a way to reserve. */
export type ReservationWay = (typeof RESERVATION_WAYS)[number]['code'];

/** Why a project is not suited to SMEs and so not reserved (agreed; docs/reference/procurement.md §3.4). */
export const EXEMPTIONS = [
  {
    code: 'non_enterprise_only',
    zh: '只能由非企业主体提供',
    en: 'Only non-enterprise suppliers can provide it',
  },
  {
    code: 'irreplaceable',
    zh: '需使用不可替代的专利、专有技术或基础设施',
    en: 'It needs irreplaceable patents, technology or infrastructure',
  },
  {
    code: 'insufficient_supply',
    zh: '中小企业供给不足或竞争不充分',
    en: 'Not enough SME supply or competition',
  },
  { code: 'framework_agreement', zh: '框架协议采购', en: 'Framework agreement' },
  {
    code: 'provincial_other',
    zh: '省级财政部门规定的其他情形',
    en: 'Another case set by the provincial finance department',
  },
] as const satisfies readonly ProcurementTerm[];

/** The code of an exemption. */
export type ExemptionCode = (typeof EXEMPTIONS)[number]['code'];

/**
 * What the check of a 声明函 can find (docs/reference/procurement.md §5.4): the issue's four reasons and the
 * declared size that its own figures do not give; `figures_blank` is a note (a new firm may leave them blank).
 */
export const DECLARATION_FLAGS = [
  {
    code: 'wrong_industry',
    zh: '所属行业与采购文件明确的行业不一致',
    en: 'The industry is not the one the tender fixes',
  },
  { code: 'wrong_year', zh: '数据不是上一年度的', en: 'The figures are not of the prior year' },
  {
    code: 'size_differs',
    zh: '按划型标准，所填数据对应的规模与声明的不一致',
    en: 'The size standard gives the declared figures another size',
  },
  {
    code: 'figures_differ',
    zh: '所填数据与企业库中的数据不一致',
    en: "The figures differ from the registry's",
  },
  {
    code: 'large_parent',
    zh: '为大企业的分支机构，或控股股东、实际控制人或法定代表人与大企业相关',
    en: 'A branch of a large enterprise, or controlled by one or sharing its legal representative',
  },
  {
    code: 'figures_blank',
    zh: '新成立企业，未填上一年度数据',
    en: 'A new firm that left the prior-year figures blank',
  },
] as const satisfies readonly ProcurementTerm[];

/** The code of a declaration flag. */
export type DeclarationFlag = (typeof DECLARATION_FLAGS)[number]['code'];

/** A term's names (the code itself when unknown, so a stale code still shows). */
export function procurementTermName(list: readonly ProcurementTerm[], code: string): Localized {
  const term = list.find((t) => t.code === code);
  return term ? { zh: term.zh, en: term.en } : { zh: code, en: code };
}

// ---------------------------------------------------------------------------------------------------------------
// Errors

/** Bad input to a rule of this file: `field` is the input's path, the message starts with it. */
export class ProcurementInputError extends RangeError {
  readonly field: string;
  readonly reason: Localized;

  constructor(field: string, reason: Localized) {
    super(`${field}: ${reason.en}`);
    this.name = 'ProcurementInputError';
    this.field = field;
    this.reason = reason;
  }
}

function fail(field: string, zh: string, en: string): never {
  throw new ProcurementInputError(field, { zh, en });
}

/** What was given, for a message: JSON, or that nothing was (never "undefined"). */
const givenZh = (value: unknown) => (value === undefined ? '空值（未填写）' : JSON.stringify(value));
const givenEn = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

// ---------------------------------------------------------------------------------------------------------------
// Exact decimals: n / 10^s

interface Dec {
  n: bigint;
  s: number;
}

const DECIMAL = /^(\d{1,15})(?:\.(\d{1,4}))?$/;
const HUNDRED: Dec = { n: 100n, s: 0 };

/** A plain non-negative decimal string with at most 15 whole digits and 4 decimals, or a field error. */
function parseDecimal(text: unknown, field: string): Dec {
  const match = typeof text === 'string' ? DECIMAL.exec(text) : null;
  if (!match) {
    fail(
      field,
      `应为不小于0的数字字符串，最多4位小数，得到 ${givenZh(text)}`,
      `must be a non-negative decimal string with at most 4 decimals, got ${givenEn(text)}`,
    );
  }
  const [, whole = '0', fraction = ''] = match;
  return { n: BigInt(whole + fraction), s: fraction.length };
}

/** A figure of the data (always well formed). */
function dec(text: string): Dec {
  return parseDecimal(text, 'data');
}

function align(a: Dec, b: Dec): [bigint, bigint] {
  const s = Math.max(a.s, b.s);
  return [a.n * 10n ** BigInt(s - a.s), b.n * 10n ** BigInt(s - b.s)];
}

function compare(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function subtract(a: Dec, b: Dec): Dec {
  const [x, y] = align(a, b);
  return { n: x - y, s: Math.max(a.s, b.s) };
}

/** a × p / 100, exactly. */
function percentOf(a: Dec, p: Dec): Dec {
  return { n: a.n * p.n, s: a.s + p.s + 2 };
}

/** The shortest decimal string of an exact value ("850000", "849999.9915"). */
function format(d: Dec): string {
  const negative = d.n < 0n;
  const digits = (negative ? -d.n : d.n).toString().padStart(d.s + 1, '0');
  const whole = digits.slice(0, digits.length - d.s);
  const fraction = digits.slice(digits.length - d.s).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}

/** An amount of yuan in 万元 for the texts ("2000000" → "200"). */
function wan(yuan: string): string {
  const d = dec(yuan);
  return format({ n: d.n, s: d.s + 4 });
}

/** part / whole × 100 rounded half up to two decimals, for display only; null when whole is 0. */
function percentShown(part: Dec, whole: Dec): string | null {
  const [p, w] = align(part, whole);
  if (w === 0n) return null;
  let q = (p * 10000n) / w;
  if (((p * 10000n) % w) * 2n >= w) q += 1n;
  return format({ n: q, s: 2 });
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date yyyy-mm-dd, or a field error. */
function checkDate(text: unknown, field: string): string {
  if (typeof text === 'string' && ISO_DATE.test(text)) {
    const day = new Date(`${text}T00:00:00Z`);
    if (!Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text) return text;
  }
  return fail(
    field,
    `应为日期 yyyy-mm-dd，得到 ${givenZh(text)}`,
    `must be a date yyyy-mm-dd, got ${givenEn(text)}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The rules as dated data (§3, §4)

/** One figure with where it comes from and how sure we are. */
export interface RuleFigure {
  /** A decimal string: yuan for amounts, per cent for shares. */
  value: string;
  confidence: Confidence;
  basis: string;
}

/** A range of per cent the buyer chooses within (both ends included). */
export interface RuleRange {
  min: string;
  max: string;
  confidence: Confidence;
  basis: string;
}

/** One dated version of the rules, applying to procurements announced from `effectiveFrom` to `effectiveTo`. */
export interface ProcurementRules {
  id: '2021-01' | '2022-07' | '2023-01';
  /** The documents this version combines. */
  documents: readonly string[];
  effectiveFrom: string;
  /** The last announcement date it applies to (inclusive); null while in force. */
  effectiveTo: string | null;
  /** A suited project up to and including this budget (yuan) is reserved whole. */
  wholeReservationMax: Readonly<Record<ProcurementKind, RuleFigure>>;
  /** Above it: the least share of the project budget reserved for SMEs (per cent). */
  reservedShareMin: Readonly<Record<ProcurementKind, RuleFigure>>;
  /** The least share of the reserved part for small and micro enterprises (per cent). */
  smallMicroOfReservedMin: RuleFigure;
  /** Price deduction for a small or micro bidder in non-reserved items (per cent). */
  smallMicroDeduction: Readonly<Record<ProcurementKind, RuleRange>>;
  /** Price deduction for a consortium or a subcontracting bidder reaching `consortiumShareMin` (per cent). */
  consortiumDeduction: Readonly<Record<ProcurementKind, RuleRange>>;
  /** The small/micro share of the contract a consortium or subcontract needs for its deduction (per cent). */
  consortiumShareMin: RuleFigure;
  /** A department's year: the least SME share of its budget for projects suited to SMEs (per cent). */
  annualSmeShareMin: RuleFigure;
  /** …and the least small/micro share of that (per cent). */
  annualSmallMicroOfSmeMin: RuleFigure;
}

const agreed = (value: string, basis: string): RuleFigure => ({ value, confidence: 'agreed', basis });
const range = (min: string, max: string, basis: string, confidence: Confidence = 'agreed'): RuleRange => ({
  min,
  max,
  confidence,
  basis,
});

/** Figures neither version changes (46号, agreed). */
const COMMON = {
  wholeReservationMax: {
    goods: agreed('2000000', N46),
    services: agreed('2000000', N46),
    works: agreed('4000000', N46),
  },
  smallMicroOfReservedMin: agreed('60', N46),
  consortiumShareMin: agreed('30', N46),
  // Also in the 2020 Opinions, measure 8 (docs/reference/measures.md).
  annualSmeShareMin: agreed('30', `${N46}; 2020 Opinions, measure 8`),
  annualSmallMicroOfSmeMin: agreed('60', `${N46}; 2020 Opinions, measure 8`),
} as const;

/** 19号's deductions for goods and services; works unchanged as the notes read it (§4.1). */
const DEDUCTIONS_2022 = {
  smallMicroDeduction: {
    goods: range('10', '20', N19),
    services: range('10', '20', N19),
    works: range('3', '5', `${N46} (unchanged by ${N19})`),
  },
  consortiumDeduction: {
    goods: range('4', '6', N19),
    services: range('4', '6', N19),
    works: range('1', '2', `${N46} (unchanged by ${N19})`),
  },
} as const;

/** Every version, oldest first; a revision is a new entry, never an edit (docs/reference/procurement.md §10). */
export const PROCUREMENT_RULES: readonly ProcurementRules[] = [
  {
    id: '2021-01',
    documents: [N46],
    effectiveFrom: '2021-01-01',
    effectiveTo: '2022-06-30',
    ...COMMON,
    reservedShareMin: { goods: agreed('30', N46), services: agreed('30', N46), works: agreed('30', N46) },
    smallMicroDeduction: {
      goods: range('6', '10', N46),
      services: range('6', '10', N46),
      works: range('3', '5', N46),
    },
    consortiumDeduction: {
      goods: range('2', '3', N46),
      services: range('2', '3', N46),
      works: range('1', '2', N46),
    },
  },
  {
    id: '2022-07',
    documents: [N46, N19],
    effectiveFrom: '2022-07-01',
    effectiveTo: '2022-12-31',
    ...COMMON,
    // Works above 400万: 30% raised to 40% for the second half of 2022 (19号, agreed).
    reservedShareMin: { goods: agreed('30', N46), services: agreed('30', N46), works: agreed('40', N19) },
    ...DEDUCTIONS_2022,
  },
  {
    id: '2023-01',
    documents: [N46, N19],
    effectiveFrom: '2023-01-01',
    effectiveTo: null,
    ...COMMON,
    reservedShareMin: {
      goods: agreed('30', N46),
      services: agreed('30', N46),
      // The notes do not say whether later years kept 40%: back to 46号's 30%, unverified (§3.2).
      works: {
        value: '30',
        confidence: 'unverified',
        basis: `${N46}; whether ${N19}'s 40% continued is unknown`,
      },
    },
    ...DEDUCTIONS_2022,
  },
];

/** The first announcement date any version applies to. */
export const PROCUREMENT_RULES_START = '2021-01-01';

/** The version in force for a procurement announced on an ISO date, or null before 2021-01-01. */
export function findProcurementRules(announcementDate: string): ProcurementRules | null {
  let found: ProcurementRules | null = null;
  for (const r of PROCUREMENT_RULES) if (r.effectiveFrom <= announcementDate) found = r;
  return found;
}

/**
 * The version in force for a procurement announced on `announcementDate` (the field checked: a real date, not
 * before 2021-01-01, when 46号 came into force; docs/reference/procurement.md §6).
 */
export function getProcurementRules(announcementDate: string, field = 'announcementDate'): ProcurementRules {
  const date = checkDate(announcementDate, field);
  const rules = findProcurementRules(date);
  if (!rules) {
    fail(
      field,
      `${date} 早于${N46}的施行日期 ${PROCUREMENT_RULES_START}，此前的规则未收录`,
      `${date} is before ${PROCUREMENT_RULES_START}, when ${N46} came into force; earlier rules are not held`,
    );
  }
  return rules;
}

function checkKind(kind: unknown, field = 'kind'): ProcurementKind {
  if (kind === 'goods' || kind === 'services' || kind === 'works') return kind;
  return fail(
    field,
    `应为 goods（货物）、services（服务）或 works（工程），得到 ${givenZh(kind)}`,
    `must be goods, services or works, got ${givenEn(kind)}`,
  );
}

function documentsOf(rules: ProcurementRules, lang: 'zh' | 'en'): string {
  return rules.documents.join(lang === 'zh' ? '、' : ', ');
}

function kindZh(kind: ProcurementKind): string {
  return kind === 'works' ? '工程' : '货物、服务';
}

function kindEn(kind: ProcurementKind): string {
  return kind === 'works' ? 'works' : 'goods and services';
}

// ---------------------------------------------------------------------------------------------------------------
// What a project requires (§3)

/** A project from the year's plan. */
export interface ProjectInput {
  kind: ProcurementKind;
  /** Budget in yuan, a decimal string above 0. */
  budget: string;
  announcementDate: string;
  /** Whether the project suits SMEs (适宜由中小企业提供). */
  suitedToSmes: boolean;
  /** Why not, when it does not suit them. */
  exemption?: ExemptionCode;
  /**
   * The procurement quota standard (采购限额标准, yuan) where the buyer is: set by region, not held here
   * (unverified). Without it the project is taken to be at or above the quota.
   */
  quota?: string;
}

/** The price deductions that apply to the non-reserved part of a project. */
export interface DeductionRanges {
  smallMicro: RuleRange;
  consortium: RuleRange;
  /** The small/micro share a consortium or subcontract needs (per cent). */
  consortiumShareMin: string;
}

interface RequirementBase {
  rulesId: ProcurementRules['id'];
  documents: readonly string[];
  /** The rules applied, in both languages. */
  provisions: readonly Localized[];
}

/** What the rules in force require of a project (docs/reference/procurement.md §3). */
export type ProjectRequirement =
  | (RequirementBase & { mode: 'below_quota' })
  | (RequirementBase & { mode: 'whole'; wholeReservationMax: string })
  | (RequirementBase & {
      mode: 'share';
      wholeReservationMax: string;
      /** Per cent of the budget reserved for SMEs, at least. */
      reservedShareMin: string;
      reservedShareConfidence: Confidence;
      /** Per cent of the reserved part for small and micro enterprises, at least. */
      smallMicroOfReservedMin: string;
      /** Yuan, exact: budget × reservedShareMin. */
      reservedAmountMin: string;
      /** Yuan, exact: reservedAmountMin × smallMicroOfReservedMin. */
      smallMicroAmountMin: string;
      /** For the part not reserved. */
      deductions: DeductionRanges;
    })
  | (RequirementBase & { mode: 'price_preference'; exemption: ExemptionCode; deductions: DeductionRanges });

function deductionRanges(rules: ProcurementRules, kind: ProcurementKind): DeductionRanges {
  return {
    smallMicro: rules.smallMicroDeduction[kind],
    consortium: rules.consortiumDeduction[kind],
    consortiumShareMin: rules.consortiumShareMin.value,
  };
}

function deductionProvision(rules: ProcurementRules, kind: ProcurementKind): Localized {
  const sm = rules.smallMicroDeduction[kind];
  const co = rules.consortiumDeduction[kind];
  const share = rules.consortiumShareMin.value;
  return {
    zh: `${documentsOf(rules, 'zh')}：未预留部分，小微企业报价扣除${sm.min}%—${sm.max}%后参加评审；联合体或分包中小微企业合同份额达到${share}%以上的，扣除${co.min}%—${co.max}%（${kindZh(kind)}）`,
    en: `${documentsOf(rules, 'en')}: in the part not reserved, a small or micro enterprise's price is evaluated after a ${sm.min}%–${sm.max}% deduction; a consortium or subcontract giving small and micro enterprises at least ${share}% of the contract, after ${co.min}%–${co.max}% (${kindEn(kind)})`,
  };
}

const EXEMPTION_CODES: readonly string[] = EXEMPTIONS.map((e) => e.code);

/**
 * What a project must do under the rules in force on its announcement date (docs/reference/procurement.md §3):
 * below the quota nothing; not suited to SMEs (with its exemption) only the price deduction; up to and including
 * 200万 (goods, services) or 400万 (works) reserved whole; above, at least the reserved share (30%, works 40% in the
 * second half of 2022) with at least 60% of it for small and micro enterprises, and the deduction in the rest.
 */
export function projectRequirement(input: ProjectInput): ProjectRequirement {
  const kind = checkKind(input.kind);
  const budget = parseDecimal(input.budget, 'budget');
  if (budget.n === 0n) fail('budget', '预算须大于 0', 'must be more than 0');
  const rules = getProcurementRules(input.announcementDate);
  const base = { rulesId: rules.id, documents: rules.documents };

  const quota = input.quota === undefined ? null : parseDecimal(input.quota, 'quota');
  if (quota !== null && compare(budget, quota) < 0) {
    return {
      ...base,
      mode: 'below_quota',
      provisions: [
        {
          zh: `预算低于采购限额标准（${wan(format(quota))}万元），不属于${N46}的适用范围`,
          en: `The budget is below the procurement quota standard (${wan(format(quota))}万元): ${N46} does not apply`,
        },
      ],
    };
  }

  if (typeof input.suitedToSmes !== 'boolean') {
    fail('suitedToSmes', '应为 true 或 false', 'must be true or false');
  }
  if (!input.suitedToSmes) {
    const exemption = input.exemption;
    if (exemption === undefined || !EXEMPTION_CODES.includes(exemption)) {
      fail(
        'exemption',
        `不适宜由中小企业提供的项目须说明理由（${EXEMPTION_CODES.join('、')}），得到 ${givenZh(exemption)}`,
        `a project not suited to SMEs needs its reason (${EXEMPTION_CODES.join(', ')}), got ${givenEn(exemption)}`,
      );
    }
    const reason = procurementTermName(EXEMPTIONS, exemption);
    return {
      ...base,
      mode: 'price_preference',
      exemption,
      deductions: deductionRanges(rules, kind),
      provisions: [
        {
          zh: `${N46}：不适宜由中小企业提供（${reason.zh}），不预留份额`,
          en: `${N46}: not suited to SMEs (${reason.en}), nothing reserved`,
        },
        deductionProvision(rules, kind),
      ],
    };
  }

  const max = rules.wholeReservationMax[kind];
  if (compare(budget, dec(max.value)) <= 0) {
    return {
      ...base,
      mode: 'whole',
      wholeReservationMax: max.value,
      provisions: [
        {
          zh: `${max.basis}：采购限额标准以上、${wan(max.value)}万元以下（含）的${kindZh(kind)}项目，适宜由中小企业提供的，整体专门面向中小企业采购`,
          en: `${max.basis}: a ${kindEn(kind)} project above the procurement quota and up to ${wan(max.value)}万元 (included) that suits SMEs is reserved whole for them`,
        },
      ],
    };
  }

  const share = rules.reservedShareMin[kind];
  const smallMicro = rules.smallMicroOfReservedMin;
  const reserved = percentOf(budget, dec(share.value));
  const reservedSmallMicro = percentOf(reserved, dec(smallMicro.value));
  return {
    ...base,
    mode: 'share',
    wholeReservationMax: max.value,
    reservedShareMin: share.value,
    reservedShareConfidence: share.confidence,
    smallMicroOfReservedMin: smallMicro.value,
    reservedAmountMin: format(reserved),
    smallMicroAmountMin: format(reservedSmallMicro),
    deductions: deductionRanges(rules, kind),
    provisions: [
      {
        zh: `${share.basis}：超过${wan(max.value)}万元的${kindZh(kind)}项目，预留不低于${share.value}%（${format(reserved)}元）专门面向中小企业采购，其中预留给小微企业的不低于${smallMicro.value}%（${format(reservedSmallMicro)}元）`,
        en: `${share.basis}: a ${kindEn(kind)} project above ${wan(max.value)}万元 reserves at least ${share.value}% (${format(reserved)} yuan) for SMEs, of which at least ${smallMicro.value}% (${format(reservedSmallMicro)} yuan) for small and micro enterprises`,
      },
      deductionProvision(rules, kind),
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Price evaluation of bids (§4)

/** One bid in a non-reserved item. */
export interface BidInput {
  id: string;
  /** The bid price in yuan, a decimal string above 0. */
  price: string;
  /**
   * The size the bid declares: a single bidder's (for goods, the manufacturer's as the 声明函 gives it); for a
   * consortium, its largest member's; for a subcontract, the bidder's.
   */
  declaredSize: BidderSize;
  role: BidRole;
  /** Consortium or subcontract: small and micro enterprises' share of the contract, per cent 0–100. */
  smallMicroShare?: string;
  /** Goods of several items: each item's manufacturer's declared size; the largest counts. */
  itemSizes?: readonly BidderSize[];
  /** The small/micro partners or subcontractors are controlled by, or share management with, the other parties. */
  partiesRelated?: boolean;
}

/** The bids of one item with the tender's deductions. */
export interface EvaluationInput {
  kind: ProcurementKind;
  announcementDate: string;
  /** The percentage the tender fixes for small and micro bidders, within the range in force. */
  smallMicroDeduction: string;
  /** The percentage for consortia and subcontracts, within its range; needed when a bid qualifies for it. */
  consortiumDeduction?: string;
  bids: readonly BidInput[];
}

/** Which preference a bid got. */
export type Preference = 'small_micro' | 'consortium' | 'subcontract' | 'none';

/** One bid as evaluated. */
export interface EvaluatedBid {
  id: string;
  price: string;
  /** Per cent deducted ("0" when none). */
  deduction: string;
  /** Yuan, exact: price × (100 − deduction) / 100. */
  evaluatedPrice: string;
  preference: Preference;
  /** 1 for the lowest evaluated price; equal prices share a rank (1, 1, 3). */
  rank: number;
  provision: Localized;
}

/** The evaluation of one item's bids (docs/reference/procurement.md §4). */
export interface BidEvaluation {
  rulesId: ProcurementRules['id'];
  documents: readonly string[];
  kind: ProcurementKind;
  /** The bids in the order given. */
  bids: readonly EvaluatedBid[];
  /** Bid ids from the lowest evaluated price up; ties in the order given. */
  ranking: readonly string[];
  /** The ranges in force and the percentages chosen. */
  provisions: readonly Localized[];
}

const SIZE_ORDER: Readonly<Record<BidderSize, number>> = { micro: 0, small: 1, medium: 2, large: 3 };

function checkSize(size: unknown, field: string): BidderSize {
  if (size === 'large' || size === 'medium' || size === 'small' || size === 'micro') return size;
  return fail(
    field,
    `应为 large、medium、small 或 micro，得到 ${givenZh(size)}`,
    `must be large, medium, small or micro, got ${givenEn(size)}`,
  );
}

function checkRole(role: unknown, field: string): BidRole {
  if (role === 'single' || role === 'consortium' || role === 'subcontract') return role;
  return fail(
    field,
    `应为 single、consortium 或 subcontract，得到 ${givenZh(role)}`,
    `must be single, consortium or subcontract, got ${givenEn(role)}`,
  );
}

function checkDeduction(text: unknown, field: string, allowed: RuleRange, rules: ProcurementRules): Dec {
  const d = parseDecimal(text, field);
  if (compare(d, dec(allowed.min)) < 0 || compare(d, dec(allowed.max)) > 0) {
    fail(
      field,
      `${format(d)}% 不在${allowed.basis}规定的 ${allowed.min}%—${allowed.max}% 之内（${rules.effectiveFrom} 起公告的项目）`,
      `${format(d)}% is outside ${allowed.min}%–${allowed.max}%, the range of ${allowed.basis} for procurements announced from ${rules.effectiveFrom}`,
    );
  }
  return d;
}

interface Decision {
  preference: Preference;
  deduction: Dec;
  provision: Localized;
}

const ZERO: Dec = { n: 0n, s: 0 };

/** The tender's percentages, checked against the ranges in force (null: the tender fixes none). */
interface Chosen {
  smallMicro: Dec;
  consortium: Dec | null;
}

/** Which preference a bid earns and its deduction (docs/reference/procurement.md §4.2–§4.4). */
function decide(
  bid: BidInput,
  field: string,
  rules: ProcurementRules,
  kind: ProcurementKind,
  chosen: Chosen,
): Decision {
  const size = checkSize(bid.declaredSize, `${field}.declaredSize`);
  const role = checkRole(bid.role, `${field}.role`);
  const items = (bid.itemSizes ?? []).map((s, j) => checkSize(s, `${field}.itemSizes[${j}]`));
  const largest = items.reduce<BidderSize>((a, b) => (SIZE_ORDER[b] > SIZE_ORDER[a] ? b : a), size);
  const shareMin = rules.consortiumShareMin.value;
  const docs = { zh: documentsOf(rules, 'zh'), en: documentsOf(rules, 'en') };
  const none = (provision: Localized): Decision => ({ preference: 'none', deduction: ZERO, provision });

  let share: Dec | null = null;
  if (role === 'single') {
    if (bid.smallMicroShare !== undefined) {
      fail(
        `${field}.smallMicroShare`,
        '只有联合体或分包投标才填写小微企业合同份额',
        'only a consortium or a subcontracting bid has a small/micro share',
      );
    }
  } else {
    if (bid.smallMicroShare === undefined) {
      fail(
        `${field}.smallMicroShare`,
        '联合体或分包投标须填写小微企业合同份额（%）',
        'a consortium or subcontracting bid needs the small/micro share of the contract (per cent)',
      );
    }
    share = parseDecimal(bid.smallMicroShare, `${field}.smallMicroShare`);
    if (compare(share, HUNDRED) > 0) {
      fail(`${field}.smallMicroShare`, `${format(share)}% 超过100%`, `${format(share)}% is above 100%`);
    }
  }

  const smallMicroBidder = size === 'small' || size === 'micro';
  if (role === 'consortium' && smallMicroBidder && share !== null && compare(share, HUNDRED) < 0) {
    fail(
      `${field}.smallMicroShare`,
      `最大成员为小微企业的联合体，小微企业份额应为100%，得到 ${format(share)}%`,
      `a consortium whose largest member is small or micro is wholly small/micro: its share is 100%, got ${format(share)}%`,
    );
  }

  if (smallMicroBidder) {
    if (largest === 'large') {
      return none({
        zh: `${N46}：所投货物中有大型企业制造的，不享受中小企业扶持政策`,
        en: `${N46}: some of the goods are made by a large enterprise, so the bid gets no SME preference`,
      });
    }
    if (largest === 'medium') {
      return none({
        zh: `${N46}：所投货物中有中型企业制造的，不享受小微企业价格扣除`,
        en: `${N46}: some of the goods are made by a medium enterprise, so the bid gets no small/micro deduction`,
      });
    }
    const who =
      role === 'consortium'
        ? {
            zh: '联合体各方均为小微企业，视同小微企业，',
            en: 'a consortium of small and micro enterprises only counts as one; ',
          }
        : role === 'subcontract'
          ? { zh: '投标人为小微企业，', en: 'the bidder is small or micro; ' }
          : { zh: '', en: '' };
    const sm = rules.smallMicroDeduction[kind];
    const d = format(chosen.smallMicro);
    return {
      preference: 'small_micro',
      deduction: chosen.smallMicro,
      provision: {
        zh: `${docs.zh}：${who.zh}小微企业报价扣除${d}%后参加评审（${kindZh(kind)}${sm.min}%—${sm.max}%）`,
        en: `${docs.en}: ${who.en}a small or micro enterprise's price is evaluated after a ${d}% deduction (${kindEn(kind)} ${sm.min}%–${sm.max}%)`,
      },
    };
  }

  if (role === 'single' || share === null) {
    return none({
      zh: `${N46}：${size === 'medium' ? '中型' : '大型'}企业不享受价格扣除（价格扣除只给小微企业）`,
      en: `${N46}: a ${size} enterprise gets no price deduction (the deduction is for small and micro enterprises)`,
    });
  }
  const what =
    role === 'consortium'
      ? { zh: '联合协议', en: 'consortium agreement' }
      : { zh: '分包意向协议', en: 'subcontract' };
  if (bid.partiesRelated === true) {
    return none({
      zh: `${N46}：小微企业与其他各方存在控股或管理关系，不享受价格扣除`,
      en: `${N46}: the small or micro enterprises are controlled by or share management with the other parties, so no deduction`,
    });
  }
  if (compare(share, dec(shareMin)) < 0) {
    return none({
      zh: `${N46}：${what.zh}约定小微企业合同份额${format(share)}%，低于${shareMin}%，不享受价格扣除`,
      en: `${N46}: the ${what.en} gives small and micro enterprises ${format(share)}% of the contract, below ${shareMin}%, so no deduction`,
    });
  }
  const co = rules.consortiumDeduction[kind];
  if (chosen.consortium === null) {
    fail(
      'consortiumDeduction',
      `投标 ${bid.id} 享受联合体或分包价格扣除，须填写采购文件规定的扣除比例（${co.min}%—${co.max}%）`,
      `bid ${bid.id} qualifies for the consortium or subcontract deduction: give the tender's percentage (${co.min}%–${co.max}%)`,
    );
  }
  const d = format(chosen.consortium);
  return {
    preference: role,
    deduction: chosen.consortium,
    provision: {
      zh: `${docs.zh}：${what.zh}约定小微企业合同份额${format(share)}%（不低于${shareMin}%），报价扣除${d}%后参加评审（${kindZh(kind)}${co.min}%—${co.max}%）`,
      en: `${docs.en}: the ${what.en} gives small and micro enterprises ${format(share)}% of the contract (at least ${shareMin}%), so its price is evaluated after a ${d}% deduction (${kindEn(kind)} ${co.min}%–${co.max}%)`,
    },
  };
}

/**
 * The price evaluation of one non-reserved item (docs/reference/procurement.md §4): each bid's preference from its
 * declared size and role, its evaluated price = price × (100 − deduction)%, exactly; the ranking from the lowest
 * evaluated price; the provisions applied. Throws ProcurementInputError naming the field for a date before the
 * rules' start, a deduction outside the range in force, a share above 100%, a price not above 0, and the like.
 */
export function evaluateBids(input: EvaluationInput): BidEvaluation {
  const kind = checkKind(input.kind);
  const rules = getProcurementRules(input.announcementDate);
  const smallMicroRange = rules.smallMicroDeduction[kind];
  const consortiumRange = rules.consortiumDeduction[kind];
  const smallMicro = checkDeduction(input.smallMicroDeduction, 'smallMicroDeduction', smallMicroRange, rules);
  const consortium =
    input.consortiumDeduction === undefined
      ? null
      : checkDeduction(input.consortiumDeduction, 'consortiumDeduction', consortiumRange, rules);
  if (!Array.isArray(input.bids) || input.bids.length === 0) {
    fail('bids', '至少需要一个投标', 'needs at least one bid');
  }

  const seen = new Set<string>();
  const evaluated = input.bids.map((bid, i): EvaluatedBid & { exact: Dec } => {
    const field = `bids[${i}]`;
    if (typeof bid.id !== 'string' || bid.id.trim() === '')
      fail(`${field}.id`, '不能为空', 'must not be empty');
    if (seen.has(bid.id))
      fail(`${field}.id`, `与前面的投标重复：${bid.id}`, `repeats an earlier bid: ${bid.id}`);
    seen.add(bid.id);
    const price = parseDecimal(bid.price, `${field}.price`);
    if (price.n === 0n) fail(`${field}.price`, '应大于0', 'must be above 0');
    const { preference, deduction, provision } = decide(bid, field, rules, kind, { smallMicro, consortium });
    const exact = percentOf(price, subtract(HUNDRED, deduction));
    return {
      id: bid.id,
      price: format(price),
      deduction: format(deduction),
      evaluatedPrice: format(exact),
      preference,
      rank: 0,
      provision,
      exact,
    };
  });

  const order = evaluated
    .map((_, i) => i)
    .sort((a, b) => {
      const x = evaluated[a] as (typeof evaluated)[number];
      const y = evaluated[b] as (typeof evaluated)[number];
      return compare(x.exact, y.exact) || a - b;
    });
  order.forEach((index, position) => {
    const bid = evaluated[index] as (typeof evaluated)[number];
    const previous =
      position > 0 ? (evaluated[order[position - 1] as number] as (typeof evaluated)[number]) : null;
    bid.rank = previous !== null && compare(previous.exact, bid.exact) === 0 ? previous.rank : position + 1;
  });

  const provisions: Localized[] = [
    {
      zh: `${documentsOf(rules, 'zh')}（${rules.effectiveFrom} 起公告的项目）：${kindZh(kind)}小微企业价格扣除 ${smallMicroRange.min}%—${smallMicroRange.max}%，采购文件规定 ${format(smallMicro)}%；小型和微型企业同等对待`,
      en: `${documentsOf(rules, 'en')} (procurements announced from ${rules.effectiveFrom}): small and micro deduction for ${kindEn(kind)} ${smallMicroRange.min}%–${smallMicroRange.max}%, the tender fixes ${format(smallMicro)}%; small and micro enterprises are treated alike`,
    },
  ];
  if (consortium !== null) {
    provisions.push({
      zh: `联合体或分包（小微企业合同份额不低于${rules.consortiumShareMin.value}%）价格扣除 ${consortiumRange.min}%—${consortiumRange.max}%，采购文件规定 ${format(consortium)}%`,
      en: `Consortium or subcontract (small and micro share at least ${rules.consortiumShareMin.value}%): ${consortiumRange.min}%–${consortiumRange.max}%, the tender fixes ${format(consortium)}%`,
    });
  }

  return {
    rulesId: rules.id,
    documents: rules.documents,
    kind,
    bids: evaluated.map(({ exact: _, ...bid }) => bid),
    ranking: order.map((i) => (evaluated[i] as (typeof evaluated)[number]).id),
    provisions,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A department's year (§3.5)

/** A department's (or any buying body's) year, in yuan. */
export interface AnnualSharesInput {
  /** The budget of its projects suited to SMEs. */
  suitedBudget: string;
  /** The part reserved for (or awarded to) SMEs. */
  smeAmount: string;
  /** Of which small and micro enterprises. */
  smallMicroAmount: string;
  /** A day of the year, choosing the rules (e.g. its last day). */
  date: string;
}

/** A year's shares against the minima (docs/reference/procurement.md §3.5). */
export interface AnnualShares {
  rulesId: ProcurementRules['id'];
  /** smeAmount / suitedBudget in per cent, two decimals, for display; null when the budget is 0. */
  smeShare: string | null;
  /** smallMicroAmount / smeAmount in per cent, two decimals, for display; null when smeAmount is 0. */
  smallMicroShare: string | null;
  smeShareMin: string;
  smallMicroShareMin: string;
  /** Compared exactly, not on the rounded shares. */
  meetsSmeShare: boolean;
  meetsSmallMicroShare: boolean;
}

/**
 * A buying body's year against 30% for SMEs and 60% of that for small and micro enterprises, compared exactly
 * (29.995% does not meet 30% though it shows as 30.00).
 */
export function annualShares(input: AnnualSharesInput): AnnualShares {
  const rules = getProcurementRules(input.date, 'date');
  const budget = parseDecimal(input.suitedBudget, 'suitedBudget');
  const sme = parseDecimal(input.smeAmount, 'smeAmount');
  const smallMicro = parseDecimal(input.smallMicroAmount, 'smallMicroAmount');
  if (compare(sme, budget) > 0) {
    fail('smeAmount', '超过适宜中小企业的预算总额', 'is above the budget of the projects suited to SMEs');
  }
  if (compare(smallMicro, sme) > 0) fail('smallMicroAmount', '超过中小企业金额', 'is above the SME amount');
  const smeMin = rules.annualSmeShareMin.value;
  const smallMicroMin = rules.annualSmallMicroOfSmeMin.value;
  return {
    rulesId: rules.id,
    smeShare: percentShown(sme, budget),
    smallMicroShare: percentShown(smallMicro, sme),
    smeShareMin: smeMin,
    smallMicroShareMin: smallMicroMin,
    // amount / base ≥ min%  ⇔  amount ≥ base × min / 100, exactly.
    meetsSmeShare: budget.n > 0n && compare(sme, percentOf(budget, dec(smeMin))) >= 0,
    meetsSmallMicroShare: sme.n > 0n && compare(smallMicro, percentOf(sme, dec(smallMicroMin))) >= 0,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The 声明函 (§5)

/**
 * The year whose figures a 声明函 signed on `date` must give: the prior year (the notes; counting from the day the
 * declaration is made is our reading, docs/reference/procurement.md §5.2).
 */
export function declarationFiguresYear(date: string, field = 'date'): number {
  return Number(checkDate(date, field).slice(0, 4)) - 1;
}

// ---------------------------------------------------------------------------------------------------------------
// OCDS (§8)

/**
 * The codes of `parties[].details.scale` (OCDS Party Details – Scale extension, codelist partyScale.csv, closed;
 * text, read from the extension; docs/reference/procurement.md §8). The notes list four; the extension has six.
 */
export const OCDS_PARTY_SCALES = [
  { code: 'micro', zh: '微型企业', en: 'Micro' },
  { code: 'sme', zh: '中小企业（未分中型、小型）', en: 'Small or medium enterprise' },
  { code: 'small', zh: '小型企业', en: 'Small' },
  { code: 'medium', zh: '中型企业', en: 'Medium' },
  { code: 'large', zh: '大型企业', en: 'Large' },
  { code: 'selfEmployed', zh: '个体（自雇）', en: 'Self-employed individual' },
] as const satisfies readonly ProcurementTerm[];

/** An OCDS scale code. */
export type OcdsPartyScale = (typeof OCDS_PARTY_SCALES)[number]['code'];

/** The OCDS scale Huiqi exports for a size of the standard (small and medium told apart, as the guidance asks). */
export function ocdsScaleOf(size: BidderSize): OcdsPartyScale {
  return size;
}

/** What an imported scale says: SME or not, small/micro or not; null where the code cannot tell. */
export interface OcdsScaleMeaning {
  size: BidderSize | null;
  isSme: boolean | null;
  isSmallMicro: boolean | null;
}

const OCDS_MEANINGS: Readonly<Record<OcdsPartyScale, OcdsScaleMeaning>> = {
  micro: { size: 'micro', isSme: true, isSmallMicro: true },
  small: { size: 'small', isSme: true, isSmallMicro: true },
  medium: { size: 'medium', isSme: true, isSmallMicro: false },
  sme: { size: null, isSme: true, isSmallMicro: null },
  large: { size: 'large', isSme: false, isSmallMicro: false },
  // A self-employed person is classed by reference to the standard (memory): unknown until classified.
  selfEmployed: { size: null, isSme: null, isSmallMicro: null },
};

/** The meaning of an imported `scale` (null: not given); undefined for a code outside the closed codelist. */
export function ocdsScaleMeaning(scale: string | null): OcdsScaleMeaning | undefined {
  if (scale === null) return { size: null, isSme: null, isSmallMicro: null };
  return Object.hasOwn(OCDS_MEANINGS, scale) ? OCDS_MEANINGS[scale as OcdsPartyScale] : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// The SBA scorecard (§9; unverified: not in the notes)

/** A grade band: achievement (per cent of the goal) from `from` up (docs/reference/procurement.md §9). */
export interface GradeBand {
  grade: 'A+' | 'A' | 'B' | 'C' | 'D' | 'F';
  /** Lowest achievement, per cent of the goal, included. */
  from: string;
}

/** The SBA scorecard's grade bands, highest first (unverified: sba.gov, looked up for this file). */
export const SBA_GRADE_BANDS: readonly GradeBand[] = [
  { grade: 'A+', from: '120' },
  { grade: 'A', from: '100' },
  { grade: 'B', from: '90' },
  { grade: 'C', from: '80' },
  { grade: 'D', from: '70' },
  { grade: 'F', from: '0' },
];

/** The areas of the SBA's grade and their weights in per cent (unverified; SBA's, not Huiqi's). */
export const SBA_SCORECARD_AREAS = [
  { code: 'prime_contracting', zh: '主合同授予', en: 'Prime contracting achievement', weight: '50' },
  { code: 'subcontracting', zh: '分包', en: 'Subcontracting achievement', weight: '20' },
  {
    code: 'prime_contractors_count',
    zh: '小企业主承包商数量变化',
    en: 'Number of small business prime contractors against the prior year',
    weight: '10',
  },
  { code: 'peer_review', zh: '同行评议（合规）', en: 'Peer review of compliance', weight: '20' },
] as const;

/**
 * An SBA-style grade of a share against its goal (both per cent): achievement = share / goal, compared exactly
 * with the bands (70% exactly is D; docs/reference/procurement.md §9).
 */
export function sbaStyleGrade(share: string, goal: string): GradeBand['grade'] {
  const s = parseDecimal(share, 'share');
  const g = parseDecimal(goal, 'goal');
  if (g.n === 0n) fail('goal', '应大于0', 'must be above 0');
  for (const band of SBA_GRADE_BANDS) {
    // share / goal ≥ from / 100  ⇔  share × 100 ≥ goal × from
    if (compare({ n: s.n * 100n, s: s.s }, { n: g.n * dec(band.from).n, s: g.s + dec(band.from).s }) >= 0) {
      return band.grade;
    }
  }
  return 'F';
}
