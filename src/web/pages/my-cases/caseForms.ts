/**
 * The enterprise's case forms without React: the overdue-payment complaint's values ↔ request body, where the
 * server's field errors go ('claim.payments.1.date' → ['claim', 'payments', 1, 'date']), the shape check of a
 * unified social credit code, which of the actions the server offers the enterprise are shown, and a stored claim
 * back as form values (to amend it).
 */
import type { ArrearsInput, CaseDetail, ClaimInput } from '../../api/client.ts';
import {
  bodyOf,
  type FieldName,
  fieldNameOf,
  type PaymentValues,
  parseDay,
} from '../payments/paymentForm.ts';

/** The arrears form's values: the debtor and contract, then the calculator's claim under `claim`. */
export interface ArrearsValues {
  debtorUscc?: string;
  debtorName?: string;
  contractNumber?: string;
  description?: string;
  claim?: PaymentValues;
}

const ARREARS_TOP: readonly string[] = ['debtorUscc', 'debtorName', 'contractNumber', 'description'];

/** The claim as the calculator takes it (no `asOf`: a complaint is assessed as of today). */
export function claimOf(values: ArrearsValues): ClaimInput {
  const { asOf: _asOf, ...claim } = bodyOf({ ...values.claim, asOf: null });
  return claim;
}

/** The request body of an arrears complaint (texts trimmed, the code upper-cased). */
export function arrearsBodyOf(values: ArrearsValues): ArrearsInput {
  return {
    debtorUscc: (values.debtorUscc ?? '').trim().toUpperCase(),
    debtorName: (values.debtorName ?? '').trim(),
    contractNumber: (values.contractNumber ?? '').trim(),
    description: (values.description ?? '').trim(),
    claim: claimOf(values),
  };
}

/**
 * The form item of a server field error of an arrears complaint ('debtorUscc', 'claim.acceptedOn',
 * 'claim.payments.1.date', with or without 'body.'), or null when the form shows no such item.
 */
export function arrearsFieldNameOf(field: string, values: ArrearsValues): FieldName | null {
  const name = field.replace(/^body\./, '');
  if (ARREARS_TOP.includes(name)) return [name];
  if (!name.startsWith('claim.')) return null;
  const inner = fieldNameOf(name.slice('claim.'.length), values.claim ?? {});
  return inner ? ['claim', ...inner] : null;
}

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Why a unified social credit code is malformed (GB 32100-2015), or null when it is well formed. */
export function usccProblem(input: string): 'length' | 'charset' | 'check' | null {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return 'length';
  if (![...code].every((c) => USCC_CHARSET.includes(c))) return 'charset';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(code.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  const check = USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
  return check === code.charAt(17) ? null : 'check';
}

/** What the enterprise may do on a case. */
export type EnterpriseAction = 'provide_info' | 'rate' | 'reopen' | 'amend_claim' | 'comment';

const ENTERPRISE_ACTIONS: readonly EnterpriseAction[] = [
  'provide_info',
  'rate',
  'reopen',
  'amend_claim',
  'comment',
];

/** The actions to show the enterprise: those the server offers it on the case now (`allowedActions`), in order. */
export function enterpriseActions(c: Pick<CaseDetail, 'allowedActions'>): EnterpriseAction[] {
  return ENTERPRISE_ACTIONS.filter((action) => c.allowedActions.includes(action));
}

/** A stored claim as the claim form's values (to amend it): dates as days, the payments as rows. */
export function claimValuesOf(claim: ClaimInput): PaymentValues {
  return {
    debtorKind: claim.debtorKind,
    signedOn: parseDay(claim.signedOn),
    basis: claim.basis,
    deliveredOn: parseDay(claim.deliveredOn),
    acceptedOn: parseDay(claim.acceptedOn ?? null),
    acceptanceDeadline: parseDay(claim.acceptanceDeadline ?? null),
    settledOn: parseDay(claim.settledOn ?? null),
    agreedTermDays: claim.agreedTermDays ?? null,
    agreedAnnualRate: claim.agreedAnnualRate ?? null,
    amount: claim.amount,
    disputed: claim.disputed ?? null,
    payments: (claim.payments ?? []).map((p) => ({ date: parseDay(p.date), amount: p.amount })),
  };
}
