/** Public surface of overdue payments. */
export type { PaymentRegulation } from '../../../reference/payment-regulations.ts';
export { paymentsRoutes } from './payments.routes.ts';
export type { Assessment, ClaimInput, ClaimProblem, DebtorKind, ExplanationLine } from './payments.rules.ts';
export { assessClaim, explainAssessment } from './payments.rules.ts';
