/**
 * Credit information (issue 14) as the web app sees it: the API's types (from src/shared/api/credit.ts, types only),
 * the 14 categories of 国办发〔2021〕52号 (src/reference/credit.ts) and the items an enterprise may declare itself.
 */
import type { Static } from 'typebox';
import { CREDIT_CATEGORIES, CREDIT_ITEMS, type CreditItem, creditItem } from '../../reference/credit.ts';
import type {
  AccessLogEntrySchema,
  AccessLogQuery,
  AnswerObjectionBody,
  AuthoriseConsentBody,
  CheckAnswerSchema,
  CheckBody,
  CheckQuestionSchema,
  ConsentListQuery,
  ConsentSchema,
  ConsentStatusSchema,
  CreditObjectionSchema,
  CreditRecordSchema,
  CreditRecordsQuery,
  CreditRecordsSchema,
  CreditReportSchema,
  CreditSettingSchema,
  CreditSettingsSchema,
  CreditStatsQuery,
  CreditStatsSchema,
  DeclareRecordBody,
  GrantConsentBody,
  InstitutionOptionsSchema,
  InstitutionQuery,
  ObjectionBody,
  ObjectionQueueQuery,
  PutCreditSettingBody,
  QueuedObjectionSchema,
  ReportQuery,
  RequestConsentBody,
} from '../../shared/api/credit.ts';
import type { Paged } from './client.ts';

export type CreditRecord = Static<typeof CreditRecordSchema>;
export type CreditObjection = Static<typeof CreditObjectionSchema>;
export type CreditRecords = Static<typeof CreditRecordsSchema>;
export type CreditRecordsFilters = Static<typeof CreditRecordsQuery>;
export type DeclareInput = Static<typeof DeclareRecordBody>;
export type ObjectionInput = Static<typeof ObjectionBody>;
export type AnswerInput = Static<typeof AnswerObjectionBody>;
export type QueuedObjection = Static<typeof QueuedObjectionSchema>;
export type ObjectionQueue = Paged<QueuedObjection>;
export type ObjectionQueueFilters = Static<typeof ObjectionQueueQuery>;
export type Consent = Static<typeof ConsentSchema>;
export type ConsentStatus = Static<typeof ConsentStatusSchema>;
export type ConsentPage = Paged<Consent>;
export type ConsentFilters = Static<typeof ConsentListQuery>;
export type GrantInput = Static<typeof GrantConsentBody>;
export type RequestInput = Static<typeof RequestConsentBody>;
export type AuthoriseInput = Static<typeof AuthoriseConsentBody>;
export type AccessLogEntry = Static<typeof AccessLogEntrySchema>;
export type AccessLogPage = Paged<AccessLogEntry>;
export type AccessLogFilters = Static<typeof AccessLogQuery>;
export type CreditReport = Static<typeof CreditReportSchema>;
export type ReportFilters = Static<typeof ReportQuery>;
export type CheckQuestion = Static<typeof CheckQuestionSchema>;
export type CheckInput = Static<typeof CheckBody>;
export type CheckAnswer = Static<typeof CheckAnswerSchema>;
export type CreditStats = Static<typeof CreditStatsSchema>;
export type CreditStatsFilters = Static<typeof CreditStatsQuery>;
export type CreditSetting = Static<typeof CreditSettingSchema>;
export type CreditSettings = Static<typeof CreditSettingsSchema>;
export type CreditSettingInput = Static<typeof PutCreditSettingBody>;
export type InstitutionOptions = Static<typeof InstitutionOptionsSchema>;
export type InstitutionFilters = Static<typeof InstitutionQuery>;

export const CONSENT_STATUSES: readonly ConsentStatus[] = [
  'awaiting',
  'authorised',
  'rejected',
  'revoked',
  'expired',
];

/** The items an enterprise may declare itself, by category: the items of the sharing list without the adverse ones
 * (the server refuses to take adverse information from the enterprise). */
export const DECLARABLE_ITEMS: Readonly<Record<string, readonly CreditItem[]>> = Object.fromEntries(
  CREDIT_CATEGORIES.map((category) => [
    category.code,
    (CREDIT_ITEMS[category.code] ?? []).filter((item) => !item.adverse),
  ]),
);

/** The item of a category as shown anywhere (declarable or adverse), or undefined. */
export const itemOf = creditItem;
