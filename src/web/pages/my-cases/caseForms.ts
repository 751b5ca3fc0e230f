/**
 * The enterprise's case forms without React: the overdue-payment complaint's values ↔ request body, where the
 * server's field errors go ('claim.payments.1.date' → ['claim', 'payments', 1, 'date']), the shape check of a
 * unified social credit code, and which actions the enterprise may take on a case in its state.
 */
import type { ArrearsInput, CaseDetail, ClaimInput } from '../../api/client.ts';
import { bodyOf, type FieldName, fieldNameOf, type PaymentValues } from '../payments/paymentForm.ts';

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
export type EnterpriseAction = 'provide_info' | 'rate' | 'reopen' | 'comment';

const OPEN_STATES = ['submitted', 'accepted', 'in_progress', 'info_requested', 'replied'];

/** The actions the enterprise may take on a case now (the rules of src/server/modules/cases/cases.rules.ts). */
export function enterpriseActions(
  c: Pick<CaseDetail, 'state' | 'rating' | 'reopenedCount'>,
): EnterpriseAction[] {
  const actions: EnterpriseAction[] = [];
  if (c.state === 'info_requested') actions.push('provide_info');
  if (c.state === 'replied') actions.push('rate');
  if ((c.state === 'closed' || c.state === 'replied') && c.rating === 'unsatisfied' && c.reopenedCount === 0)
    actions.push('reopen');
  if (OPEN_STATES.includes(c.state)) actions.push('comment');
  return actions;
}
