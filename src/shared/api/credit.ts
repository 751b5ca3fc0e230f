/**
 * Credit information the enterprise controls (issue 14, measure 4): its records, objections and repairs,
 * consents to named banks, the banks' reports and check-only queries under a consent, the access log, the
 * officials' queue and statistics, and the dated figures of the rules.
 */
import Type from 'typebox';
import { DateOnly, DateTime, Nullable, Page, PageQuery, Strict } from './common.ts';

/** A category code of the 国办发〔2021〕52号 sharing list. */
export const CreditCategorySchema = Type.String({ minLength: 1, maxLength: 40 });

/** Personal data on a record: in full for the enterprise and officials, masked for banks. */
export const CreditPersonalSchema = Type.Object({
  legalRepName: Type.Optional(Type.String()),
  legalRepId: Type.Optional(Type.String()),
});

/** An objection or repair request as a record's page shows it. */
export const CreditObjectionSchema = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.Integer(),
  recordId: Type.Integer(),
  kind: Type.Union([Type.Literal('objection'), Type.Literal('repair')]),
  reason: Type.String(),
  filedAt: DateTime,
  dueOn: DateOnly,
  state: Type.Union([Type.Literal('open'), Type.Literal('accepted'), Type.Literal('rejected')]),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(DateTime),
  correctionId: Nullable(Type.Integer()),
  /** Past its due date without an answer (open), or answered after it. */
  late: Type.Boolean(),
});

/** One credit record. */
export const CreditRecordSchema = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.Integer(),
  category: CreditCategorySchema,
  item: Type.String(),
  title: Type.String(),
  valueNumber: Nullable(Type.Number()),
  valueText: Nullable(Type.String()),
  decidedOn: DateOnly,
  publishUntil: Nullable(DateOnly),
  sourceKind: Type.Union([
    Type.Literal('department'),
    Type.Literal('self_declared'),
    Type.Literal('correction'),
  ]),
  sourceDepartment: Type.String(),
  sourceRef: Nullable(Type.String()),
  personal: Nullable(CreditPersonalSchema),
  commitment: Nullable(Type.String()),
  status: Type.Union([Type.Literal('active'), Type.Literal('superseded'), Type.Literal('repaired')]),
  disputed: Type.Boolean(),
  corrects: Nullable(Type.Integer()),
  /** Shown to banks and counted in scores today. */
  published: Type.Boolean(),
  /** A penalty: the first day a repair may be asked for (null: not repairable). */
  repairableFrom: Nullable(DateOnly),
  createdAt: DateTime,
});

/** An enterprise's records, and its open objections and repairs. */
export const CreditRecordsSchema = Type.Object({
  enterpriseId: Type.Integer(),
  items: Type.Array(CreditRecordSchema),
  objections: Type.Array(CreditObjectionSchema),
});

export const CreditRecordsQuery = Strict({
  category: Type.Optional(CreditCategorySchema),
  /** Include records replaced by a correction (the history). */
  history: Type.Optional(Type.Boolean()),
});

/** The text the enterprise agrees to when it declares data itself (自愿填报＋信用承诺). */
export const CREDIT_COMMITMENT_ZH =
  '本企业承诺所填报信息真实、准确、完整，如有虚假，愿承担相应法律责任并接受信用惩戒。';

/** A self-declared record. */
export const DeclareRecordBody = Strict({
  category: CreditCategorySchema,
  item: Type.String({ minLength: 1, maxLength: 40 }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  valueNumber: Type.Optional(Nullable(Type.Number())),
  valueText: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  decidedOn: DateOnly,
  /** The enterprise agrees to the credit commitment (must be true). */
  commitment: Type.Boolean(),
});

/** An objection to a record, or a request to repair a penalty. */
export const ObjectionBody = Strict({
  kind: Type.Union([Type.Literal('objection'), Type.Literal('repair')]),
  reason: Type.String({ minLength: 5, maxLength: 1000 }),
});

export const RecordParams = Strict({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });
export const EnterpriseItemParams = Strict({
  enterpriseId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
  id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
});

/** An official's answer to an objection or repair request. */
export const AnswerObjectionBody = Strict({
  decision: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]),
  answer: Type.String({ minLength: 5, maxLength: 1000 }),
  /** An accepted objection: the corrected record (omitted: the record is withdrawn). */
  correction: Type.Optional(
    Strict({
      title: Type.String({ minLength: 1, maxLength: 200 }),
      valueNumber: Type.Optional(Nullable(Type.Number())),
      valueText: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
      decidedOn: DateOnly,
      publishUntil: Type.Optional(Nullable(DateOnly)),
    }),
  ),
});

export const ObjectionQueueQuery = Strict({
  state: Type.Optional(
    Type.Union([Type.Literal('open'), Type.Literal('accepted'), Type.Literal('rejected')]),
  ),
  kind: Type.Optional(Type.Union([Type.Literal('objection'), Type.Literal('repair')])),
  region: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  ...PageQuery,
});

/** An objection in the officials' queue, with its enterprise and record. */
export const QueuedObjectionSchema = Type.Object({
  ...CreditObjectionSchema.properties,
  uscc: Type.String(),
  enterpriseName: Type.String(),
  regionCode: Type.String(),
  recordTitle: Type.String(),
  recordCategory: Type.String(),
  recordSource: Type.String(),
});
export const ObjectionQueueSchema = Page(QueuedObjectionSchema);

// ---- consents ----

export const ConsentStatusSchema = Type.Union([
  Type.Literal('awaiting'),
  Type.Literal('authorised'),
  Type.Literal('rejected'),
  Type.Literal('revoked'),
  Type.Literal('expired'),
]);

/** A consent as the enterprise and its bank see it. */
export const ConsentSchema = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.Integer(),
  uscc: Type.String(),
  enterpriseName: Type.String(),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  scope: Type.Union([Type.Literal('report'), Type.Literal('check')]),
  categories: Type.Array(Type.String()),
  includeScore: Type.Boolean(),
  purpose: Type.String(),
  validFrom: DateOnly,
  validUntil: DateOnly,
  status: ConsentStatusSchema,
  requestedBy: Type.Union([Type.Literal('bank'), Type.Literal('enterprise')]),
  requestedAt: DateTime,
  signerName: Nullable(Type.String()),
  decidedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
  receiptId: Type.String(),
  /** Whether the enterprise authorised it (authorised, revoked or expired since): only then is there a receipt. */
  hasReceipt: Type.Boolean(),
  /** Queries made under it. */
  queries: Type.Integer(),
});
export const ConsentListSchema = Page(ConsentSchema);
export const ConsentListQuery = Strict({
  status: Type.Optional(ConsentStatusSchema),
  ...PageQuery,
});

/** An enterprise consents on its own initiative. */
export const GrantConsentBody = Strict({
  institutionId: Type.Integer({ minimum: 1 }),
  scope: Type.Union([Type.Literal('report'), Type.Literal('check')]),
  categories: Type.Array(CreditCategorySchema, { minItems: 1, maxItems: 14 }),
  includeScore: Type.Optional(Type.Boolean()),
  purpose: Type.String({ minLength: 1, maxLength: 200 }),
  validFrom: Type.Optional(DateOnly),
  validUntil: DateOnly,
  signerName: Type.String({ minLength: 1, maxLength: 50 }),
});

/** A bank asks an enterprise for consent. */
export const RequestConsentBody = Strict({
  uscc: Type.String({ minLength: 18, maxLength: 18 }),
  scope: Type.Union([Type.Literal('report'), Type.Literal('check')]),
  categories: Type.Array(CreditCategorySchema, { minItems: 1, maxItems: 14 }),
  includeScore: Type.Optional(Type.Boolean()),
  purpose: Type.String({ minLength: 1, maxLength: 200 }),
  validUntil: DateOnly,
});

/** The enterprise authorises a bank's request (it may shorten it). */
export const AuthoriseConsentBody = Strict({
  signerName: Type.String({ minLength: 1, maxLength: 50 }),
  validUntil: Type.Optional(DateOnly),
});

/** One look at an enterprise's data. */
export const AccessLogEntrySchema = Type.Object({
  id: Type.Integer(),
  consentId: Type.Integer(),
  enterpriseId: Type.Integer(),
  enterpriseName: Type.String(),
  institutionId: Type.Integer(),
  institutionName: Type.String(),
  userName: Type.String(),
  at: DateTime,
  kind: Type.Union([Type.Literal('report'), Type.Literal('check')]),
  categories: Type.Array(Type.String()),
  purpose: Type.String(),
  question: Type.Unknown({ description: 'The check-only question, or null for a report' }),
  answer: Nullable(Type.Boolean()),
});
export const AccessLogSchema = Page(AccessLogEntrySchema);
export const AccessLogQuery = Strict({
  consentId: Type.Optional(Type.Integer({ minimum: 1 })),
  ...PageQuery,
});

/** A consent receipt (the fields of the Kantara Consent Receipt v1.1). */
export const ConsentReceiptSchema = Type.Object({
  version: Type.Literal('KI-CR-v1.1.0'),
  jurisdiction: Type.String(),
  consentTimestamp: Type.Integer(),
  collectionMethod: Type.String(),
  consentReceiptID: Type.String(),
  publicKey: Nullable(Type.String()),
  language: Type.String(),
  piiPrincipalId: Type.String(),
  piiControllers: Type.Array(Type.Object({ piiController: Type.String(), contact: Type.String() })),
  policyUrl: Type.String(),
  services: Type.Array(
    Type.Object({
      service: Type.String(),
      purposes: Type.Array(
        Type.Object({
          purpose: Type.String(),
          purposeCategory: Type.Array(Type.String()),
          consentType: Type.String(),
          piiCategory: Type.Array(Type.String()),
          primaryPurpose: Type.Boolean(),
          termination: Type.String(),
          thirdPartyDisclosure: Type.Boolean(),
          thirdPartyName: Type.String(),
        }),
      ),
    }),
  ),
  sensitive: Type.Boolean(),
  spiCat: Type.Array(Type.String()),
  /** Huiqi's own: the state of the consent when the receipt was made, and who signed. */
  status: ConsentStatusSchema,
  signer: Nullable(Type.String()),
});

// ---- banks' reads ----

export const EnterpriseConsentParams = Strict({
  enterpriseId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
  consentId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
});
export const ReportQuery = Strict({
  /** Only these consented categories (comma-separated); all the consent gives when omitted. */
  categories: Type.Optional(Type.String({ maxLength: 300 })),
});

/** A bank's credit report: the consented categories' published records, personal data masked. */
export const CreditReportSchema = Type.Object({
  enterpriseId: Type.Integer(),
  uscc: Type.String(),
  name: Type.String(),
  regionCode: Type.String(),
  consentId: Type.Integer(),
  purpose: Type.String(),
  validUntil: DateOnly,
  asOf: DateOnly,
  categories: Type.Array(Type.String()),
  records: Type.Array(CreditRecordSchema),
  /** The evaluation, when the consent includes it: score, grade and each feature's points. */
  score: Type.Unknown({ description: 'The score with each feature’s points, or null' }),
  accessLogId: Type.Integer(),
});

/** A check-only question: the bank learns yes or no. */
export const CheckQuestionSchema = Type.Union([
  Strict({
    kind: Type.Literal('tax_paid_at_least'),
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    amount: Type.Number({ minimum: 0 }),
  }),
  Strict({
    kind: Type.Literal('tax_grade_at_least'),
    grade: Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('M'), Type.Literal('C')]),
  }),
  Strict({ kind: Type.Literal('no_dishonesty') }),
  Strict({ kind: Type.Literal('no_open_enforcement') }),
  Strict({ kind: Type.Literal('no_penalty_since'), since: DateOnly }),
  Strict({
    kind: Type.Literal('social_insurance_months_at_least'),
    months: Type.Integer({ minimum: 1, maximum: 12 }),
  }),
]);
export const CheckBody = Strict({ question: CheckQuestionSchema });
export const CheckAnswerSchema = Type.Object({
  answer: Type.Boolean(),
  question: Type.Unknown(),
  asOf: DateOnly,
  accessLogId: Type.Integer(),
});

// ---- officials ----

export const CreditStatsQuery = Strict({
  region: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  from: Type.Optional(DateOnly),
  to: Type.Optional(DateOnly),
});

export const CreditStatsSchema = Type.Object({
  regionCode: Nullable(Type.String()),
  from: DateOnly,
  to: DateOnly,
  consents: Type.Object({
    byStatus: Type.Array(Type.Object({ status: ConsentStatusSchema, count: Type.Integer() })),
    given: Type.Integer(),
    revoked: Type.Integer(),
    byMonth: Type.Array(
      Type.Object({ month: Type.String(), given: Type.Integer(), revoked: Type.Integer() }),
    ),
  }),
  queriesByBank: Type.Array(
    Type.Object({
      institutionId: Type.Integer(),
      institutionName: Type.String(),
      reports: Type.Integer(),
      checks: Type.Integer(),
      enterprises: Type.Integer(),
    }),
  ),
  objections: Type.Object({
    open: Type.Integer(),
    openOverdue: Type.Integer(),
    answered: Type.Integer(),
    answeredOnTime: Type.Integer(),
  }),
  grades: Type.Array(
    Type.Object({
      regionCode: Type.String(),
      size: Nullable(Type.String()),
      section: Nullable(Type.String()),
      grade: Type.String(),
      count: Type.Integer(),
    }),
  ),
  scorecard: Nullable(Type.Object({ id: Type.Integer(), name: Type.String(), version: Type.Integer() })),
});

/** Which table of the statistics to export. */
export const CreditStatsExportQuery = Strict({
  ...CreditStatsQuery.properties,
  table: Type.Union([Type.Literal('grades'), Type.Literal('banks'), Type.Literal('months')]),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
});

/** A dated figure of the credit rules and where it comes from. */
export const CreditSettingSchema = Type.Object({
  key: Type.String(),
  effectiveFrom: DateOnly,
  value: Type.Number(),
  unit: Type.Union([Type.Literal('days'), Type.Literal('months'), Type.Literal('years')]),
  basis: Type.String(),
  verified: Type.Boolean(),
});
export const CreditSettingsSchema = Type.Object({ items: Type.Array(CreditSettingSchema) });
export const PutCreditSettingBody = Strict({
  key: Type.String({ minLength: 1, maxLength: 60 }),
  effectiveFrom: DateOnly,
  value: Type.Number({ exclusiveMinimum: 0, maximum: 100_000 }),
  unit: Type.Union([Type.Literal('days'), Type.Literal('months'), Type.Literal('years')]),
  basis: Type.String({ minLength: 1, maxLength: 300 }),
  verified: Type.Boolean(),
});

export const InstitutionOptionSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  kind: Type.String(),
});
export const InstitutionOptionsSchema = Type.Object({ items: Type.Array(InstitutionOptionSchema) });
export const InstitutionQuery = Strict({ q: Type.Optional(Type.String({ maxLength: 50 })) });
