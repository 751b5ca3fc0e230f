/**
 * The procurement pages' arithmetic-free model (issue 17): amounts and shares as the API gives them (decimal strings,
 * never through a float), the form item a server's field error names, the rules version of a date, the worked
 * example of docs/reference/procurement.md §7.1, and the bodies of the calculators' requests from the forms.
 */

import { isValidUscc } from '../../../reference/uscc.ts';
import type {
  BidderSize,
  BidInput,
  BidRole,
  Evaluation,
  EvaluationInput,
  ProcurementKind,
  ProcurementRules,
  RulesVersion,
} from '../../api/procurement.ts';
import type { Locale } from '../../i18n/core.ts';

/** Yuan as the API takes it: up to 13 whole digits and 2 decimals. */
export const YUAN_PATTERN = /^\d{1,13}(\.\d{1,2})?$/;
/** A percentage as the API takes it: up to 3 whole digits and 4 decimals. */
export const PERCENT_PATTERN = /^\d{1,3}(\.\d{1,4})?$/;
/**
 * A GB 32100-2015 unified social credit code, its check character included (the same check as the server's, so a
 * wrong code is named with the form's other problems, not in a second round).
 */
export const USCC_PATTERN = { test: (value: string): boolean => isValidUscc(value) };

/** A typed amount or share as the API takes it: separators and blanks left out ("2,000,000 " → "2000000"). */
export function cleanNumber(text: string | null | undefined): string {
  return (text ?? '').replace(/[,，\s]/g, '');
}

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** "600000.0030" → "600000.003", "007" → "7" (the text itself when it is not a plain decimal). */
export function plainDecimal(text: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return text;
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** A decimal with its thousands grouped, its decimals as given: "600000.003" → "600,000.003". */
export function groupDecimal(value: string): string {
  const [whole = '0', fraction] = plainDecimal(value).split('.');
  return `${group(whole)}${fraction ? `.${fraction}` : ''}`;
}

/** An amount in yuan in the reader's language: "2,000,000元", "2,000,000 yuan"; '—' when missing. */
export function formatYuan(value: string | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '—';
  if (!/^\d+(\.\d+)?$/.test(value.trim())) return value;
  return locale === 'en' ? `${groupDecimal(value)} yuan` : `${groupDecimal(value)}元`;
}

/** An amount in yuan as 万元, exact (the decimal point moved by four places): "2000000" → "200", "15" → "0.0015". */
export function yuanToWan(value: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const whole = (match[1] ?? '0').padStart(5, '0');
  return plainDecimal(`${whole.slice(0, -4)}.${whole.slice(-4)}${match[2] ?? ''}`);
}

/** An amount in yuan as Chinese readers say it, in 万元 ("200万元"); English readers get yuan. */
export function formatWanOfYuan(value: string | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || value === '') return '—';
  if (locale === 'en') return formatYuan(value, locale);
  return `${groupDecimal(yuanToWan(value))}万元`;
}

/** A percentage: "30" → "30%", "29.9950" → "29.995%"; '—' when missing. */
export function formatShare(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return `${plainDecimal(value)}%`;
}

/** A range of percentages: "10%–20%". */
export function formatRange(range: { min: string; max: string }): string {
  return `${plainDecimal(range.min)}%–${plainDecimal(range.max)}%`;
}

/** Whether decimal text `a` is below `b` (both plain decimals), compared as text, exactly. */
export function decimalBelow(a: string, b: string): boolean {
  return compareDecimal(a, b) < 0;
}

/** -1, 0 or 1 as the plain decimal `a` is below, equal to or above `b`. */
export function compareDecimal(a: string, b: string): number {
  const [aw = '0', af = ''] = plainDecimal(a).split('.');
  const [bw = '0', bf = ''] = plainDecimal(b).split('.');
  if (aw.length !== bw.length) return aw.length < bw.length ? -1 : 1;
  if (aw !== bw) return aw < bw ? -1 : 1;
  const width = Math.max(af.length, bf.length);
  const x = af.padEnd(width, '0');
  const y = bf.padEnd(width, '0');
  return x === y ? 0 : x < y ? -1 : 1;
}

/**
 * The form item a server's field error names, as a path: 'body.bids[0].smallMicroShare' and 'bids.0.price' →
 * ['bids', 0, ...], 'declarations[1].signedOn' → ['declarations', 1, 'signedOn'], 'declaration.employees' →
 * ['declaration', 'employees'].
 */
export function fieldPath(field: string): (string | number)[] {
  return field
    .replace(/^body[./]/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/\//g, '.')
    .split('.')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The rules version in force for an announcement date (YYYY-MM-DD), or null before the first. */
export function versionOn(rules: ProcurementRules | undefined, date: string | null): RulesVersion | null {
  if (!rules || !date) return null;
  let found: RulesVersion | null = null;
  for (const version of [...rules.versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)))
    if (version.effectiveFrom <= date) found = version;
  return found;
}

/** One row of the bids table as the form holds it. */
export interface BidRow {
  id?: string;
  price?: string;
  declaredSize?: BidderSize;
  role?: BidRole;
  /** Consortium or subcontract: the small/micro share of the contract (per cent). */
  smallMicroShare?: string;
  /** Goods of several items: the manufacturers' declared sizes. */
  itemSizes?: BidderSize[];
  /** The small/micro partners are controlled by, or share management with, the other parties. */
  partiesRelated?: boolean;
}

/** The evaluation form's values. */
export interface EvaluationValues {
  kind: ProcurementKind;
  /** YYYY-MM-DD. */
  announcementDate: string;
  smallMicroDeduction?: string;
  consortiumDeduction?: string;
  bids: BidRow[];
}

/** Whether any bid is made by a consortium or a subcontracting bidder (the consortium deduction may be needed). */
export function needsConsortiumDeduction(bids: readonly BidRow[] | undefined): boolean {
  return (bids ?? []).some((bid) => bid.role === 'consortium' || bid.role === 'subcontract');
}

/** One bid as the API takes it: the share and the related parties only with a partner, the item sizes only for goods. */
export function bidBody(row: BidRow, kind: ProcurementKind): BidInput {
  const partner = row.role === 'consortium' || row.role === 'subcontract';
  const share = cleanNumber(row.smallMicroShare);
  return {
    id: (row.id ?? '').trim(),
    price: cleanNumber(row.price),
    declaredSize: row.declaredSize ?? 'large',
    role: row.role ?? 'single',
    ...(partner && share ? { smallMicroShare: share } : {}),
    ...(kind === 'goods' && row.itemSizes && row.itemSizes.length > 0 ? { itemSizes: row.itemSizes } : {}),
    ...(partner && row.partiesRelated ? { partiesRelated: true } : {}),
  };
}

/** The evaluation's request from the form. */
export function evaluationBody(values: EvaluationValues): EvaluationInput {
  const consortium = cleanNumber(values.consortiumDeduction);
  return {
    kind: values.kind,
    announcementDate: values.announcementDate,
    smallMicroDeduction: cleanNumber(values.smallMicroDeduction),
    ...(consortium ? { consortiumDeduction: consortium } : {}),
    bids: values.bids.map((bid) => bidBody(bid, values.kind)),
  };
}

/** Bids sharing a rank: equal evaluated prices (docs/reference/procurement.md §4.5, standard competition ranking). */
export interface RankGroup {
  rank: number;
  /** The bids of this rank in the order the server ranked them (the order given). */
  ids: string[];
}

/**
 * The evaluation's ranking as groups of one rank, from the lowest evaluated price: 甲, 乙 and 丙 at one evaluated
 * price form one group of rank 1, and the next bid's group has rank 4.
 */
export function rankGroups(evaluation: Pick<Evaluation, 'bids' | 'ranking'>): RankGroup[] {
  const rankOf = new Map(evaluation.bids.map((bid) => [bid.id, bid.rank]));
  const groups: RankGroup[] = [];
  for (const id of evaluation.ranking) {
    const rank = rankOf.get(id) ?? 0;
    const last = groups.at(-1);
    if (last && last.rank === rank) last.ids.push(id);
    else groups.push({ rank, ids: [id] });
  }
  return groups;
}

/** The ranking in one line: tied bids joined by “=”, ranks by “>” (“甲 = 乙 = 丙 > 丁”). */
export function rankingText(groups: readonly RankGroup[]): string {
  return groups.map((group) => group.ids.join(' = ')).join(' > ');
}

/** The groups of more than one bid: the ties the tender documents, not the calculator, break. */
export function ties(groups: readonly RankGroup[]): RankGroup[] {
  return groups.filter((group) => group.ids.length > 1);
}

/**
 * The worked case of docs/reference/procurement.md §7.1 (the notes' own): goods announced in 2023, the small/micro
 * deduction fixed at 15%; A, small, bids 1,000,000 and is evaluated at 850,000 (rank 1); B, medium, bids 900,000 and
 * gets no deduction (rank 2).
 */
export const WORKED_EXAMPLE: EvaluationValues = {
  kind: 'goods',
  announcementDate: '2023-06-01',
  smallMicroDeduction: '15',
  bids: [
    { id: 'A', price: '1000000', declaredSize: 'small', role: 'single' },
    { id: 'B', price: '900000', declaredSize: 'medium', role: 'single' },
  ],
};

/** The years a plan or a year's figures may be of: next year down to 2021 (the first year the rules apply). */
export function planYears(today: string): number[] {
  const next = Number(today.slice(0, 4)) + 1;
  const years: number[] = [];
  for (let year = next; year >= 2021; year--) years.push(year);
  return years;
}

/**
 * An amount in yuan rounded up to whole fen (2 decimals), exactly: the least amount a form takes that still meets
 * a minimum with more decimals ("600000.003" → "600000.01", "900000" → "900000").
 */
export function ceilToFen(value: string): string {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  const fen = fraction.slice(0, 2).padEnd(2, '0');
  const rest = fraction.slice(2);
  let cents = BigInt(whole) * 100n + BigInt(fen);
  if (/[1-9]/.test(rest)) cents += 1n;
  return plainDecimal(`${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`);
}

/** Yuan as whole fen (the API's sums have at most two decimals). */
function fenOf(yuan: string): bigint {
  const [whole = '0', fraction = ''] = yuan.split('.');
  return BigInt(whole) * 100n + BigInt(`${fraction}00`.slice(0, 2));
}

/**
 * The per cent of `whole` that `part` is, two decimals half up, exactly (no float); null without a whole. The shares
 * page says with it how much of a body's SME amount rests on flagged declarations ("1520000" of "2400000" → "63.33").
 */
export function partPercent(part: string, whole: string): string | null {
  const p = fenOf(part);
  const w = fenOf(whole);
  if (w === 0n) return null;
  // p / w × 100 in hundredths of a per cent, half up.
  const hundredths = (p * 20_000n + w) / (2n * w);
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}
