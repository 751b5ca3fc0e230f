/** API schemas of the policy library, eligibility, 免申即享 benefits and notifications (measures 7, 25). */
import Type, { type Static } from 'typebox';
import { DateOnly, DateTime, Nullable, Page, PageQuery, RegionCode, Strict } from './common.ts';
import { EnterpriseStatusSchema } from './registry.ts';

const Text = Type.Object({ zh: Type.String(), en: Type.String() });

/** How an enterprise obtains a benefit. */
export const PolicyMethodSchema = Type.Union([
  Type.Literal('automatic'),
  Type.Literal('fast'),
  Type.Literal('application'),
]);

/** Library filters. */
export const LibraryQuery = Strict({
  q: Type.Optional(
    Type.String({ maxLength: 100, description: 'Chinese full text (title, document number, text…)' }),
  ),
  issuer: Type.Optional(Type.String({ maxLength: 200 })),
  region: Type.Optional(RegionCode),
  topic: Type.Optional(Type.String({ maxLength: 40 })),
  size: Type.Optional(
    Type.Union([Type.Literal('large'), Type.Literal('medium'), Type.Literal('small'), Type.Literal('micro')]),
  ),
  method: Type.Optional(PolicyMethodSchema),
  status: Type.Optional(
    Type.Union([Type.Literal('in_force'), Type.Literal('upcoming'), Type.Literal('expired')]),
  ),
  from: Type.Optional(DateOnly),
  to: Type.Optional(DateOnly),
  ...PageQuery,
});
export type LibraryQuery = Static<typeof LibraryQuery>;

/** A policy in the library list. */
export const LibraryItemSchema = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  slug: Type.String(),
  title: Text,
  issuer: Type.String(),
  documentNumber: Type.String(),
  issuedOn: Nullable(Type.String()),
  effectiveFrom: Type.String(),
  expiresOn: Nullable(Type.String()),
  regions: Type.Array(Type.String()),
  method: Type.String(),
  topics: Type.Array(Type.String()),
  sizes: Type.Array(Type.String()),
  demo: Type.Boolean(),
  benefit: Text,
  state: Type.String(),
});

/**
 * Why a search answered nothing without looking: its text has no Han character, Latin letter or digit (only
 * punctuation, symbols or emoji), so it has nothing to search for. The page says so instead of "no match".
 */
export const SearchNoticeSchema = Type.Literal('query_has_no_words');

/** A page of the library, with the notice of a query that had nothing to search for. */
export const LibraryPageSchema = Type.Object({
  ...Page(LibraryItemSchema).properties,
  notice: Type.Optional(SearchNoticeSchema),
});

/** The issuers and topics of the library (its filter values). */
export const LibraryFacetsSchema = Type.Object({
  issuers: Type.Array(Type.String()),
  topics: Type.Array(Type.String()),
});

/** A published policy, whole. */
export const PublicPolicySchema = Type.Object({
  ...LibraryItemSchema.properties,
  status: Type.String(),
  currentVersion: Type.Integer(),
  howTo: Nullable(Text),
  interpretation: Nullable(Text),
  fullText: Nullable(Type.String()),
  contact: Nullable(Type.String()),
  link: Nullable(Type.String()),
  /** Where a 需申报 policy is applied for: online, and in person. */
  applyUrl: Nullable(Type.String()),
  applyOffice: Nullable(Type.String()),
  rule: Type.Unknown(),
  parameters: Type.Unknown(),
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      publishedAt: DateTime,
      changeNote: Nullable(Type.String()),
      /** Who published it: shipped with the platform, or an official (their department, when set). */
      source: Type.Union([Type.Literal('platform'), Type.Literal('official')]),
      department: Nullable(Text),
    }),
  ),
});

/** A version number in the query. */
export const VersionQuery = Strict({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })) });

/** Figures of one year typed in by someone checking eligibility (money in 万元). */
const YearFigures = Strict({
  year: Type.Integer({ minimum: 1949, maximum: 2100 }),
  employees: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 10_000_000 }))),
  operatingRevenue: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
  mainBusinessRevenue: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
  totalAssets: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
  totalLiabilities: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
  rdExpense: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e12 }))),
  rdStaff: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 10_000_000 }))),
  taxableIncome: Type.Optional(Nullable(Type.Number({ minimum: -1e12, maximum: 1e12 }))),
  vatTaxpayerType: Type.Optional(
    Nullable(Type.Union([Type.Literal('general'), Type.Literal('small_scale')])),
  ),
});

/** The public eligibility check: what someone knows of an enterprise; what is left out is unknown. */
export const EligibilityCheckBody = Strict({
  date: Type.Optional(DateOnly),
  regionCode: Type.Optional(RegionCode),
  industryCode: Type.Optional(Type.String({ pattern: '^[A-Ta-t](\\d{2,4})?$' })),
  establishedOn: Type.Optional(DateOnly),
  status: Type.Optional(EnterpriseStatusSchema),
  certifications: Type.Optional(
    Type.Array(
      Strict({
        name: Type.String({ minLength: 1, maxLength: 100 }),
        validFrom: DateOnly,
        validTo: Type.Optional(Nullable(DateOnly)),
      }),
      { maxItems: 20 },
    ),
  ),
  figures: Type.Optional(Type.Array(YearFigures, { maxItems: 5 })),
});
export type EligibilityCheckBody = Static<typeof EligibilityCheckBody>;

/** An answer with its explanation tree, missing facts and near miss. */
export const EligibilitySchema = Type.Object({
  outcome: Type.Union([Type.Literal('eligible'), Type.Literal('not_eligible'), Type.Literal('unknown')]),
  explanation: Type.Unknown(),
  missing: Type.Array(Text),
  nearMiss: Type.Unknown(),
});

export const EligibilityCheckResultSchema = Type.Object({
  ...EligibilitySchema.properties,
  date: Type.String(),
  version: Type.Integer(),
  inForce: Type.Boolean(),
  appliesInRegion: Type.Boolean(),
});

/** A policy definition as the form or a file gives it (checked by the server, problems per field). */
export const DefinitionBody = Strict({
  definition: Type.Unknown({ description: 'a policy as in rules/policies/*.yaml' }),
});
export const DraftBody = Strict({
  definition: Type.Unknown({ description: 'a policy as in rules/policies/*.yaml' }),
  version: Type.Integer({ minimum: 1, description: 'the policy version the editor opened' }),
});
export const YamlBody = Strict({
  yaml: Type.String({ minLength: 1, maxLength: 500_000 }),
  /** To replace the draft of the policy with the file's id: the version the editor opened. */
  version: Type.Optional(Type.Integer({ minimum: 1 })),
});
export const TestBody = Strict({ definition: Type.Optional(Type.Unknown()) });
export const PublishBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  changeNote: Type.Optional(Type.String({ maxLength: 1000 })),
});
export const WithdrawBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  reason: Type.String({ minLength: 1, maxLength: 1000 }),
});

/** Officials' policy list. */
export const PolicyListQuery = Strict({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  status: Type.Optional(
    Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('withdrawn')]),
  ),
  ...PageQuery,
});

export const PolicyRowSchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  status: Type.String(),
  currentVersion: Nullable(Type.Integer()),
  draftChanged: Type.Boolean(),
  demo: Type.Boolean(),
  title: Text,
  documentNumber: Type.String(),
  method: Type.String(),
  effectiveFrom: Nullable(Type.String()),
  expiresOn: Nullable(Type.String()),
  matched: Type.Integer(),
  updatedAt: DateTime,
});

/** A page of officials' policies, with the notice of a query that had nothing to search for. */
export const PolicyPageSchema = Type.Object({
  ...Page(PolicyRowSchema).properties,
  notice: Type.Optional(SearchNoticeSchema),
});

/** A policy as its editors see it. */
export const PolicyAdminSchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  source: Type.String(),
  status: Type.String(),
  currentVersion: Nullable(Type.Integer()),
  publishedMethod: Nullable(Type.String()),
  draftChanged: Type.Boolean(),
  demo: Type.Boolean(),
  version: Type.Integer(),
  editable: Type.Boolean(),
  draft: Type.Unknown(),
  yaml: Type.String(),
  matched: Type.Integer(),
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      publishedAt: DateTime,
      publishedBy: Nullable(Type.String()),
      changeNote: Nullable(Type.String()),
      documentNumber: Type.String(),
    }),
  ),
  updatedAt: DateTime,
});

export const TestRunSchema = Type.Object({
  passed: Type.Integer(),
  failed: Type.Integer(),
  results: Type.Array(
    Type.Object({
      name: Type.String(),
      date: Type.String(),
      expect: Type.String(),
      outcome: Type.String(),
      passed: Type.Boolean(),
      reason: Nullable(Type.String()),
      explanation: Type.Unknown(),
    }),
  ),
});

export const PreviewSchema = Type.Object({
  date: Type.String(),
  eligible: Type.Integer(),
  unknown: Type.Integer(),
  notEligible: Type.Integer(),
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({ id: Type.Integer(), uscc: Type.String(), name: Type.String(), regionCode: Type.String() }),
  ),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

/** Where a 免申即享 entry is. */
export const BenefitStatusSchema = Type.Union([
  Type.Literal('listed'),
  Type.Literal('sent'),
  Type.Literal('confirmed'),
  Type.Literal('declined'),
  Type.Literal('paid'),
]);

export const BenefitQuery = Strict({
  status: Type.Optional(BenefitStatusSchema),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  ...PageQuery,
});
export const BenefitExportQuery = Strict({
  status: Type.Optional(BenefitStatusSchema),
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
});

export const BenefitSchema = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  enterpriseId: Type.Integer(),
  uscc: Type.String(),
  name: Type.String(),
  regionCode: Type.String(),
  status: BenefitStatusSchema,
  listedAt: DateTime,
  sentAt: Nullable(DateTime),
  respondedAt: Nullable(DateTime),
  responseNote: Nullable(Type.String()),
  amount: Nullable(Type.Number()),
  paidOn: Nullable(Type.String()),
  rowVersion: Type.Integer(),
});

export const PayoutBody = Strict({
  amount: Type.Number({ exclusiveMinimum: 0, maximum: 1e11, description: 'yuan' }),
  paidOn: DateOnly,
  rowVersion: Type.Integer({ minimum: 1 }),
});

export const RespondBody = Strict({
  decision: Type.Union([Type.Literal('confirm'), Type.Literal('decline')]),
  note: Type.Optional(Type.String({ maxLength: 500 })),
  rowVersion: Type.Integer({ minimum: 1 }),
});

/** A benefit after a payout or an answer: its new status and row version. */
export const BenefitChangedSchema = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  rowVersion: Type.Integer(),
});

/** How many enterprises a 免申即享 list run put on the list. */
export const BenefitsListedSchema = Type.Object({ listed: Type.Integer() });

/** How many enterprises were sent a request to confirm. */
export const BenefitsSentSchema = Type.Object({ sent: Type.Integer() });

export const ReachQuery = Strict({ region: Type.Optional(RegionCode) });
const ReachCounts = {
  matched: Type.Integer(),
  notified: Type.Integer(),
  read: Type.Integer(),
  confirmed: Type.Integer(),
  paid: Type.Integer(),
  paidAmount: Type.Number(),
};
export const ReachSchema = Type.Object({
  policyId: Type.Integer(),
  regionCode: Nullable(Type.String()),
  rows: Type.Array(Type.Object({ regionCode: Type.String(), name: Type.String(), ...ReachCounts })),
  total: Type.Object(ReachCounts),
});

/** A policy in an enterprise's "my policies". */
export const MyPolicySchema = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  title: Text,
  issuer: Type.String(),
  documentNumber: Type.String(),
  method: Type.String(),
  benefit: Text,
  howTo: Nullable(Text),
  link: Nullable(Type.String()),
  applyUrl: Nullable(Type.String()),
  applyOffice: Nullable(Type.String()),
  contact: Nullable(Type.String()),
  expiresOn: Nullable(Type.String()),
  demo: Type.Boolean(),
  isNew: Type.Boolean(),
  /** The enterprise's latest recorded application to the policy (需申报), if any. */
  application: Nullable(
    Type.Object({
      version: Type.Integer(),
      appliedAt: DateTime,
      channel: Type.String(),
      note: Nullable(Type.String()),
    }),
  ),
  ...EligibilitySchema.properties,
  benefitStatus: Nullable(
    Type.Object({
      id: Type.Integer(),
      status: BenefitStatusSchema,
      amount: Nullable(Type.Number()),
      paidOn: Nullable(Type.String()),
      rowVersion: Type.Integer(),
    }),
  ),
});

export const MyPoliciesSchema = Type.Object({
  date: Type.String(),
  eligible: Type.Array(MyPolicySchema),
  almost: Type.Array(MyPolicySchema),
  unknown: Type.Array(MyPolicySchema),
});

/** A policy as an official sees it for one enterprise: the evaluation, and whether the enterprise applied. */
export const EnterprisePolicySchema = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  title: Text,
  issuer: Type.String(),
  documentNumber: Type.String(),
  method: Type.String(),
  benefit: Text,
  expiresOn: Nullable(Type.String()),
  demo: Type.Boolean(),
  application: MyPolicySchema.properties.application,
  ...EligibilitySchema.properties,
});

/** An enterprise's policies for an official: eligible, missed by one condition it can meet, needing facts. */
export const EnterprisePoliciesSchema = Type.Object({
  date: Type.String(),
  /** False for an enterprise not in operation: policies are not matched to it (the lists are empty). */
  isActive: Type.Boolean(),
  eligible: Type.Array(EnterprisePolicySchema),
  almost: Type.Array(EnterprisePolicySchema),
  unknown: Type.Array(EnterprisePolicySchema),
});
export type EnterprisePolicies = Static<typeof EnterprisePoliciesSchema>;

export const MyPolicyDetailSchema = Type.Object({
  ...EligibilitySchema.properties,
  policy: PublicPolicySchema,
  date: Type.String(),
  appliesInRegion: Type.Boolean(),
});

export const MyBenefitSchema = Type.Object({
  id: Type.Integer(),
  policyId: Type.Integer(),
  version: Type.Integer(),
  title: Text,
  benefit: Text,
  status: BenefitStatusSchema,
  amount: Nullable(Type.Number()),
  paidOn: Nullable(Type.String()),
  sentAt: Nullable(DateTime),
  respondedAt: Nullable(DateTime),
  rowVersion: Type.Integer(),
});

export const NotificationQuery = Strict({ unread: Type.Optional(Type.Boolean()), ...PageQuery });
/**
 * A notice's id in the inbox names its table as well as its row: `e12` an enterprise's notice (read by all its
 * users), `u12` a notice to the user alone.
 */
export const NotificationId = Type.String({ pattern: '^[eu][1-9][0-9]{0,17}$' });
export const NotificationSchema = Type.Object({
  id: NotificationId,
  kind: Type.String(),
  policyId: Nullable(Type.Integer()),
  version: Nullable(Type.Integer()),
  caseId: Nullable(Type.Integer()),
  /** The in-app page the notice opens (a path under /app/), when it names one. */
  link: Nullable(Type.String()),
  title: Text,
  createdAt: DateTime,
  readAt: Nullable(DateTime),
});
export const MarkReadBody = Strict({
  ids: Type.Optional(Type.Array(NotificationId, { maxItems: 500 })),
  all: Type.Optional(Type.Literal(true)),
});
/** How many notifications were marked read. */
export const MarkedReadSchema = Type.Object({ updated: Type.Integer() });

/** What the rule builder offers: facts, units, topics, size classes, statuses. */
export const RuleVocabularySchema = Type.Object({
  figures: Type.Array(
    Type.Object({ key: Type.String(), zh: Type.String(), en: Type.String(), unit: Type.String() }),
  ),
  topics: Type.Array(Type.String()),
  units: Type.Array(Type.String()),
  certifications: Type.Array(Type.String()),
});

/** How an enterprise applied for a policy. */
export const ApplicationChannelSchema = Type.Union([
  Type.Literal('online'),
  Type.Literal('office'),
  Type.Literal('other'),
]);

/** The enterprise records that it applied for a 需申报 policy. */
export const ApplyBody = Strict({
  channel: ApplicationChannelSchema,
  note: Type.Optional(Type.String({ maxLength: 500 })),
});

export const ApplicationRecordSchema = Type.Object({
  policyId: Type.Integer(),
  version: Type.Integer(),
  appliedAt: DateTime,
  channel: ApplicationChannelSchema,
  note: Nullable(Type.String()),
});

export const ApplicationQuery = Strict({ q: Type.Optional(Type.String({ maxLength: 100 })), ...PageQuery });
export const ApplicationExportQuery = Strict({
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
  lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
});

/** An enterprise of the official's region that applied for a policy. */
export const ApplicationSchema = Type.Object({
  enterpriseId: Type.Integer(),
  uscc: Type.String(),
  name: Type.String(),
  regionCode: Type.String(),
  version: Type.Integer(),
  appliedAt: DateTime,
  channel: ApplicationChannelSchema,
  note: Nullable(Type.String()),
});

export const ApplicationPageSchema = Page(ApplicationSchema);
