/**
 * Credit information (issue 14) as the web app sees it: the API's types (from src/shared/api/credit.ts, types only),
 * the 14 categories of 国办发〔2021〕52号 (src/reference/credit.ts) and the items an enterprise may declare itself.
 */
import type { Static } from 'typebox';
import type { CreditItem } from '../../server/modules/credit/index.ts';
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

/** An item of a category as the declaration form offers it (a subset of the server's `CreditItem`). */
export type DeclarableItem = Pick<CreditItem, 'code' | 'nameZh' | 'nameEn' | 'value' | 'unit' | 'values'>;

const tenThousandYuan = { zh: '万元', en: '10,000 yuan' };
const months = { zh: '个月', en: 'months' };

/**
 * The items an enterprise may declare itself, by category: the server's `CREDIT_ITEMS` (credit.rules.ts) without
 * the adverse ones (the server refuses to take adverse information from the enterprise). Written out here because
 * the server's rules file cannot enter the browser bundle (its module's front door brings the routes and Node
 * built-ins); creditItems.test.ts holds it equal to the server's list, so the two cannot drift apart.
 */
export const DECLARABLE_ITEMS: Readonly<Record<string, readonly DeclarableItem[]>> = {
  registration: [
    { code: 'registration', nameZh: '登记信息', nameEn: 'Registration', value: 'none' },
    { code: 'change', nameZh: '变更登记', nameEn: 'Registered change', value: 'none' },
  ],
  licence: [{ code: 'licence', nameZh: '行政许可', nameEn: 'Licence', value: 'none' }],
  penalty: [],
  judgment: [],
  dishonesty: [],
  honour: [
    { code: 'honour', nameZh: '荣誉表彰', nameEn: 'Honour', value: 'none' },
    {
      code: 'support',
      nameZh: '政策扶持',
      nameEn: 'Policy support received',
      value: 'number',
      unit: tenThousandYuan,
    },
  ],
  tax: [
    {
      code: 'credit_grade',
      nameZh: '纳税信用等级',
      nameEn: 'Tax credit grade',
      value: 'values',
      values: ['A', 'B', 'M', 'C', 'D'],
    },
    {
      code: 'tax_paid',
      nameZh: '年度纳税额',
      nameEn: 'Tax paid in the year',
      value: 'number',
      unit: tenThousandYuan,
    },
  ],
  social_insurance: [
    {
      code: 'months_paid',
      nameZh: '近12个月缴纳月数',
      nameEn: 'Months paid of the last 12',
      value: 'number',
      unit: months,
    },
  ],
  housing_fund: [
    {
      code: 'months_paid',
      nameZh: '近12个月缴存月数',
      nameEn: 'Months paid of the last 12',
      value: 'number',
      unit: months,
    },
  ],
  trade: [
    {
      code: 'amount',
      nameZh: '年度进出口额',
      nameEn: 'Imports and exports in the year',
      value: 'number',
      unit: tenThousandYuan,
    },
  ],
  utilities: [],
  real_estate: [{ code: 'owned', nameZh: '自有不动产', nameEn: 'Real estate owned', value: 'none' }],
  ip: [
    { code: 'patent', nameZh: '专利', nameEn: 'Patent', value: 'none' },
    { code: 'trademark', nameZh: '商标', nameEn: 'Trademark', value: 'none' },
    { code: 'copyright', nameZh: '软件著作权', nameEn: 'Software copyright', value: 'none' },
  ],
  rd: [
    {
      code: 'rd_expense',
      nameZh: '年度研发投入',
      nameEn: 'R&D expense in the year',
      value: 'number',
      unit: tenThousandYuan,
    },
    { code: 'project', nameZh: '科技项目', nameEn: 'Research project', value: 'none' },
  ],
};
