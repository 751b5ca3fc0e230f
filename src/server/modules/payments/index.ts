/** Public surface of overdue payments. */
export type { PaymentRegulation } from '../../../reference/payment-regulations.ts';
export type { Assessment, ClaimInput, ClaimProblem, ExplanationLine } from './payments.rules.ts';
export { assessClaim, explainAssessment } from './payments.rules.ts';
