/**
 * API of a debtor body's official (role `payer`, src/server/modules/cases/cases.payer.routes.ts): the
 * overdue-payment complaints against the organisation and its answers (acknowledge, dispute, record a payment,
 * sent with the complaint's `version`: 409 when it moved on), the annual disclosure, and the public list of
 * published disclosures (no sign-in).
 */
import type { Static } from 'typebox';
import type { Assessment } from '../../server/modules/payments/index.ts';
import type {
  ClaimAnswerBody,
  ClaimDetailSchema,
  ClaimSchema,
  ClaimsQuery,
  DisclosureSchema,
  PayerDisclosureSchema,
  PayerSummarySchema,
  PublicDisclosureQuery,
  PublishDisclosureBody,
} from '../../shared/api/supervision.ts';
import { get, post } from './client.ts';

/** The statutory figures of a complaint today (保障中小企业款项支付条例): due date, days overdue, interest. */
export type ClaimAssessment = Assessment;
/** A complaint as the debtor sees it; `assessment` typed (null when the claim cannot be assessed). */
export type Claim = Omit<Static<typeof ClaimSchema>, 'assessment'> & { assessment: Assessment | null };
/** A complaint with the payments recorded and the timeline the debtor may see. */
export type ClaimDetail = Omit<Static<typeof ClaimDetailSchema>, 'assessment'> & {
  assessment: Assessment | null;
};
export type ClaimPayment = ClaimDetail['payments'][number];
export type ClaimEvent = ClaimDetail['events'][number];
/** A page of complaints with the open count and the amount outstanding on the open ones. */
export type ClaimPage = {
  items: Claim[];
  total: number;
  page: number;
  pageSize: number;
  open: number;
  outstanding: number;
};
export type ClaimFilters = Static<typeof ClaimsQuery>;
/** An answer: acknowledge, dispute (a note with the reasons) or pay (amount in yuan, paidOn). */
export type ClaimAnswer = Static<typeof ClaimAnswerBody>;
export type PayerSummary = Static<typeof PayerSummarySchema>;
/** A published annual disclosure. */
export type Disclosure = Static<typeof DisclosureSchema>;
export type DisclosedContract = Disclosure['details'][number];
/** A year's disclosure: generated from the complaints, and the published one (or null). */
export type PayerDisclosure = Static<typeof PayerDisclosureSchema>;
export type PublishDisclosureInput = Static<typeof PublishDisclosureBody>;
export type PublicDisclosureFilters = Static<typeof PublicDisclosureQuery>;
export type DisclosurePage = { items: Disclosure[]; total: number; page: number; pageSize: number };

export const payerApi = {
  summary: (signal?: AbortSignal) => get('/api/payer/summary', { signal }),
  claims: (query: ClaimFilters, signal?: AbortSignal) => get('/api/payer/claims', { query, signal }),
  claim: (id: number, signal?: AbortSignal) => get('/api/payer/claims/:id', { params: { id }, signal }),
  answer: (id: number, body: ClaimAnswer) => post('/api/payer/claims/:id/answers', { params: { id }, body }),
  disclosure: (year: number, signal?: AbortSignal) =>
    get('/api/payer/disclosure', { query: { year }, signal }),
  publish: (body: PublishDisclosureInput) => post('/api/payer/disclosures', { body }),
  publicDisclosures: (query: PublicDisclosureFilters, signal?: AbortSignal) =>
    get('/api/public/arrears-disclosures', { query, signal, anonymousOk: true }),
};
