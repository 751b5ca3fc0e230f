/**
 * The overdue-payment calculator's form without React: the form values, the request body, the URL query that
 * keeps a claim on the page (so a result can be shared) and where the server's field errors go
 * ('payments.1.date' → ['payments', 1, 'date']).
 */
import dayjs, { type Dayjs } from 'dayjs';
import type { ClaimInput, PaymentRules } from '../../api/client.ts';

export type DebtorKind = ClaimInput['debtorKind'];
export type ClockBasis = ClaimInput['basis'];

export const DEBTOR_KINDS: readonly DebtorKind[] = ['government', 'public_institution', 'large_enterprise'];
export const CLOCK_BASES: readonly ClockBasis[] = ['delivery', 'acceptance', 'settlement'];
/** Payments a claim may list (the server's limit). */
export const MAX_PAYMENTS = 100;
/** Largest amount the server accepts (yuan). */
export const MAX_AMOUNT = 1e13;

/** One payment received, as entered. */
export interface PaymentRow {
  date?: Dayjs | null;
  amount?: number | null;
}

/** The form's values (dates as dayjs, money in yuan, the rate in percent per year). */
export interface PaymentValues {
  debtorKind?: DebtorKind;
  signedOn?: Dayjs | null;
  basis?: ClockBasis;
  deliveredOn?: Dayjs | null;
  acceptedOn?: Dayjs | null;
  acceptanceDeadline?: Dayjs | null;
  settledOn?: Dayjs | null;
  agreedTermDays?: number | null;
  agreedAnnualRate?: number | null;
  amount?: number | null;
  disputed?: number | null;
  payments?: PaymentRow[];
  asOf?: Dayjs | null;
}

const DATE_FIELDS = [
  'signedOn',
  'deliveredOn',
  'acceptedOn',
  'acceptanceDeadline',
  'settledOn',
  'asOf',
] as const;
const NUMBER_FIELDS = ['agreedTermDays', 'agreedAnnualRate', 'amount', 'disputed'] as const;

/** Today in China (the server's calendar), 'YYYY-MM-DD', whatever the browser's time zone. */
export { todayInChina } from '../../../shared/today.ts';

/** A date of the form as 'YYYY-MM-DD', or undefined. */
export const dayOf = (value: Dayjs | null | undefined): string | undefined =>
  value?.isValid() ? value.format('YYYY-MM-DD') : undefined;

/** 'YYYY-MM-DD' (a real date) as dayjs, or null. */
export function parseDay(text: string | null | undefined): Dayjs | null {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const value = dayjs(text);
  return value.isValid() && value.format('YYYY-MM-DD') === text ? value : null;
}

function parseNumber(text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

const isDebtorKind = (value: string | null): value is DebtorKind =>
  (DEBTOR_KINDS as readonly (string | null)[]).includes(value);
const isBasis = (value: string | null): value is ClockBasis =>
  (CLOCK_BASES as readonly (string | null)[]).includes(value);

/**
 * The form's starting values from the page's query (`?debtorKind=government&signedOn=2025-02-10&…&paid=
 * 2025-05-01_1000`): what is missing or malformed is left to the defaults (a government body, delivery, today).
 */
export function valuesFromQuery(params: URLSearchParams, today: string): PaymentValues {
  const debtor = params.get('debtorKind');
  const basis = params.get('basis');
  const values: PaymentValues = {
    debtorKind: isDebtorKind(debtor) ? debtor : 'government',
    basis: isBasis(basis) ? basis : 'delivery',
    payments: [],
  };
  for (const key of DATE_FIELDS) {
    const value = parseDay(params.get(key));
    if (value) values[key] = value;
  }
  for (const key of NUMBER_FIELDS) {
    const value = parseNumber(params.get(key));
    if (value !== null) values[key] = value;
  }
  for (const entry of params.getAll('paid').slice(0, MAX_PAYMENTS)) {
    const [date, amount] = entry.split('_');
    const row: PaymentRow = { date: parseDay(date), amount: parseNumber(amount ?? null) };
    if (row.date || row.amount !== null) values.payments?.push(row);
  }
  const asOf = dayOf(values.asOf);
  if (!asOf || asOf > today) values.asOf = parseDay(today);
  return values;
}

/** Whether the query holds a claim complete enough to calculate at once (a shared link). */
export function queryIsComplete(params: URLSearchParams): boolean {
  return ['debtorKind', 'signedOn', 'basis', 'deliveredOn', 'amount'].every((key) => params.get(key));
}

/** The values as the page's query (the inverse of `valuesFromQuery`). */
export function queryOf(values: PaymentValues): URLSearchParams {
  const params = new URLSearchParams();
  const body = bodyOf(values);
  for (const [key, value] of Object.entries(body)) {
    if (key === 'payments' || value === null || value === undefined) continue;
    params.set(key, String(value));
  }
  for (const row of values.payments ?? []) {
    const date = dayOf(row?.date) ?? '';
    const amount = row?.amount === null || row?.amount === undefined ? '' : String(row.amount);
    if (date || amount) params.append('paid', `${date}_${amount}`);
  }
  return params;
}

/** The request body: only the dates the chosen basis uses; empty optional fields left out. */
export function bodyOf(values: PaymentValues): ClaimInput {
  const basis = values.basis ?? 'delivery';
  const body: ClaimInput = {
    debtorKind: values.debtorKind ?? 'government',
    signedOn: dayOf(values.signedOn) ?? '',
    basis,
    deliveredOn: dayOf(values.deliveredOn) ?? '',
    amount: values.amount ?? 0,
  };
  if (basis === 'acceptance') {
    const accepted = dayOf(values.acceptedOn);
    if (accepted) body.acceptedOn = accepted;
    const deadline = dayOf(values.acceptanceDeadline);
    if (deadline) body.acceptanceDeadline = deadline;
  }
  if (basis === 'settlement') {
    const settled = dayOf(values.settledOn);
    if (settled) body.settledOn = settled;
  }
  if (values.agreedTermDays !== null && values.agreedTermDays !== undefined)
    body.agreedTermDays = values.agreedTermDays;
  if (values.agreedAnnualRate !== null && values.agreedAnnualRate !== undefined)
    body.agreedAnnualRate = values.agreedAnnualRate;
  if (values.disputed !== null && values.disputed !== undefined && values.disputed > 0)
    body.disputed = values.disputed;
  const payments = values.payments ?? [];
  if (payments.length > 0)
    body.payments = payments.map((row) => ({ date: dayOf(row?.date) ?? '', amount: row?.amount ?? 0 }));
  const asOf = dayOf(values.asOf);
  if (asOf) body.asOf = asOf;
  return body;
}

/** A form item's name (antd NamePath). */
export type { FieldName } from '../../lib/formErrors.ts';

import type { FieldName } from '../../lib/formErrors.ts';

const TOP_FIELDS: readonly string[] = [
  'debtorKind',
  'signedOn',
  'basis',
  'deliveredOn',
  'acceptedOn',
  'acceptanceDeadline',
  'settledOn',
  'agreedTermDays',
  'agreedAnnualRate',
  'amount',
  'disputed',
  'payments',
  'asOf',
];
const PAYMENT_FIELDS: readonly string[] = ['date', 'amount'];

/**
 * The form item a server field error belongs to ('acceptedOn', 'payments', 'payments.1.date', with or without
 * a 'body.' prefix), or null when the form shows no such item (the error then goes to the page's alert).
 */
export function fieldNameOf(field: string, values: PaymentValues): FieldName | null {
  const parts = field.replace(/^body\./, '').split('.');
  const [head, index, leaf] = parts;
  if (!head || !TOP_FIELDS.includes(head)) return null;
  if (parts.length === 1) {
    const basis = values.basis ?? 'delivery';
    if ((head === 'acceptedOn' || head === 'acceptanceDeadline') && basis !== 'acceptance') return null;
    if (head === 'settledOn' && basis !== 'settlement') return null;
    return [head];
  }
  if (head !== 'payments' || index === undefined || !/^\d+$/.test(index)) return null;
  const i = Number(index);
  if (i >= (values.payments?.length ?? 0)) return null;
  if (parts.length === 2) return ['payments', i, 'date'];
  if (parts.length === 3 && leaf && PAYMENT_FIELDS.includes(leaf)) return ['payments', i, leaf];
  return null;
}

type Regulation = PaymentRules['regulations'][number];

/** The version of the regulations in force on a signing date ('YYYY-MM-DD'), or null before the first. */
export function regulationOn(rules: PaymentRules | undefined, date: string | undefined): Regulation | null {
  if (!rules || !date) return null;
  let found: Regulation | null = null;
  for (const regulation of [...rules.regulations].sort((a, b) =>
    a.effectiveFrom.localeCompare(b.effectiveFrom),
  ))
    if (regulation.effectiveFrom <= date) found = regulation;
  return found;
}

/** The last one-year LPR of the table. */
export function latestLpr(rules: PaymentRules | undefined): { from: string; percent: number } | null {
  if (!rules || rules.lpr.length === 0) return null;
  return [...rules.lpr].sort((a, b) => a.from.localeCompare(b.from)).at(-1) ?? null;
}

/** An amount in yuan with grouping and two decimals in the language of the page (12,800.50). */
export function formatMoney(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/**
 * The enterprise's complaint form (`/app/my-cases?new=arrears`) with the calculator's claim in its query (the
 * calculator's own query, see `queryOf`, less the date of the calculation: a complaint is assessed as of its day).
 * Signed out, the app asks for sign-in first and comes back to it.
 */
export function complaintUrl(query: URLSearchParams): string {
  const params = new URLSearchParams(query);
  params.delete('asOf');
  params.set('new', 'arrears');
  return `/app/my-cases?${params}`;
}
