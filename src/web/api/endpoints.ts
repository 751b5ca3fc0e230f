/**
 * The API as the web app calls it: for each method and path (as the server declares it, `:id` for a path
 * parameter), the query, body and response types, taken from the shared TypeBox schemas (`Static<>`, type-only
 * imports: no schema code enters the browser bundle). `get('/api/cases/:id', { params: { id } })` in client.ts
 * answers the type given here, so a path and its types are paired once. A few responses are refined where the
 * schema leaves a part `unknown` (a policy definition, an explanation tree, an assessment); their aliases say so.
 */
import type { Static, TObject } from 'typebox';
import type {
  ChangePasswordBody,
  LoginBody,
  PreferencesBody,
  SessionProbe,
  UserListQuery,
} from '../../shared/api/accounts.ts';
import type { AttachmentUploadQuery } from '../../shared/api/attachments.ts';
import type { MyCasesQuery, RoutingRuleBody } from '../../shared/api/cases.ts';
import type { Ok, PageQuery } from '../../shared/api/common.ts';
import type {
  CreditCoverage,
  CreditCoverageExportQuery,
  CreditCoverageQuery,
  CreditImportUploadQuery,
} from '../../shared/api/credit-imports.ts';
import type {
  CheckScorecardBody,
  CheckScorecardResultSchema,
  CompareQuery,
  ComparisonDto,
  DraftScorecardBody,
  FeaturesSchema,
  ScorecardDto,
  ScoreExplanationDto,
} from '../../shared/api/credit-scoring.ts';

import type { FinancingDashboardExportQuery } from '../../shared/api/financing.ts';
import type { RecommendationExportQuery } from '../../shared/api/financing-recommendations.ts';
import type { LookupQuery } from '../../shared/api/home.ts';
import type {
  ApplicationExportQuery,
  ApplicationQuery,
  BenefitChangedSchema,
  BenefitExportQuery,
  BenefitsListedSchema,
  BenefitsSentSchema,
  DefinitionBody,
  DraftBody,
  LibraryFacetsSchema,
  MarkedReadSchema,
  MarkReadBody,
  NotificationQuery,
  PayoutBody,
  PublishBody,
  ReachQuery,
  RespondBody,
  TestBody,
  VersionQuery,
  WithdrawBody,
  YamlBody,
} from '../../shared/api/policies.ts';
import type { RegionChildrenQuery } from '../../shared/api/reference.ts';
import type {
  AddQualificationBody,
  EndQualificationBody,
  EnterpriseExportQuery,
  ImportJobEnterprisesExportQuery,
  ImportJobEnterprisesQuery,
  ImportUploadQuery,
  QualificationEvidenceQuery,
  TemplateQuery,
} from '../../shared/api/registry.ts';
import type {
  DashboardExportQuery,
  SuperviseBody,
  SupervisionIssuedSchema,
  YearQuery,
} from '../../shared/api/supervision.ts';
import type { Attachment, AttachmentList } from './attachments.ts';
import type {
  ArrearsInput,
  AuditPage,
  AuditQuery,
  AuditVerification,
  BenefitFilters,
  BenefitPage,
  CaseActionInput,
  CaseDetail,
  CaseHandler,
  CasePage,
  CaseQueueFilters,
  ClaimAssessment,
  ClaimInput,
  CreateUserBody,
  DemandInput,
  Department,
  EligibilityAnswer,
  EligibilityInput,
  EnterpriseDetail,
  EnterpriseLookup,
  EnterprisePage,
  EnterpriseQuery,
  FiguresInput,
  Home,
  ImportJob,
  ImportJobEnterprisePage,
  ImportJobPage,
  ImportProblemPage,
  Industry,
  InstitutionLookup,
  LibraryFilters,
  LibraryPage,
  MyBenefit,
  MyPolicies,
  MyPolicyDetail,
  NotificationPage,
  PaymentRules,
  PolicyAdmin,
  PolicyListFilters,
  PolicyPage,
  Preview,
  ProfileUpdate,
  PublicOverview,
  PublicPolicy,
  Reach,
  RegionView,
  RuleVocabulary,
  SelfTestInput,
  SelfTestResult,
  SessionInfo,
  SizeStats,
  StatsQuery,
  TestRun,
  UpdateUserBody,
  UsccCheck,
  User,
  UserPage,
} from './client.ts';
import type {
  AccessLogFilters,
  AccessLogPage,
  AnswerInput,
  AuthoriseInput,
  CheckAnswer,
  CheckInput,
  Consent,
  ConsentFilters,
  ConsentPage,
  CreditObjection,
  CreditRecord,
  CreditRecords,
  CreditRecordsFilters,
  CreditReport,
  CreditSettingInput,
  CreditSettings,
  CreditStats,
  CreditStatsFilters,
  DeclareInput,
  GrantInput,
  InstitutionFilters,
  InstitutionOptions,
  ObjectionInput,
  ObjectionQueue,
  ObjectionQueueFilters,
  ReportFilters,
  RequestInput,
} from './credit.ts';
import type {
  ClaimAnswer,
  ClaimDetail,
  ClaimFilters,
  ClaimPage,
  Disclosure,
  DisclosurePage,
  PayerDisclosure,
  PayerSummary,
  PublicDisclosureFilters,
  PublishDisclosureInput,
} from './payer.ts';
import type { ApplicationRecord, ApplyInput, PolicyApplicationPage } from './policyApplications.ts';
import type { EnterprisePolicyList } from './registry.ts';
import type { EnterpriseName } from './registryLookup.ts';
import type { RoutingRule } from './routingRules.ts';
import type { Dashboard, DashboardFilters, DisclosureStatus } from './supervision.ts';

/** One route: its query and body when it takes them, and its answer (200). */
export interface Endpoint {
  query?: unknown;
  body?: unknown;
  response: unknown;
}

type OkBody = Static<typeof Ok>;
/** The query of a route paged and nothing else (`PageQuery` is spread into its query schema). */
type PageOnly = Static<TObject<typeof PageQuery>>;

/** The routes read with GET. */
export interface GetRoutes {
  '/api/auth/me': { response: SessionProbe };
  '/api/public/overview': { response: PublicOverview };
  '/api/home': { response: Home };
  '/api/regions': { query: Static<typeof RegionChildrenQuery>; response: RegionView[] };
  '/api/regions/:code': { response: RegionView };
  '/api/industries': { response: Industry[] };
  '/api/departments': { response: Department[] };
  '/api/uscc/:code': { response: UsccCheck };
  '/api/admin/users': { query: Static<typeof UserListQuery>; response: UserPage };
  '/api/admin/users/:id': { response: User };
  '/api/admin/lookup/enterprises': { query: Static<typeof LookupQuery>; response: EnterpriseLookup[] };
  '/api/admin/lookup/institutions': { query: Static<typeof LookupQuery>; response: InstitutionLookup[] };
  '/api/audit': { query: AuditQuery; response: AuditPage };
  '/api/audit/verify': { response: AuditVerification };
  '/api/enterprises': { query: EnterpriseQuery; response: EnterprisePage };
  '/api/enterprises/:id': { response: EnterpriseDetail };
  '/api/my/enterprise': { response: EnterpriseDetail };
  '/api/registry/stats': { query: StatsQuery; response: SizeStats };
  '/api/registry/imports': { query: PageOnly; response: ImportJobPage };
  '/api/registry/imports/:id': { response: ImportJob };
  '/api/credit/coverage': { query: Static<typeof CreditCoverageQuery>; response: CreditCoverage };
  '/api/registry/imports/:id/errors': { query: PageOnly; response: ImportProblemPage };
  '/api/registry/imports/:id/enterprises': {
    query: Static<typeof ImportJobEnterprisesQuery>;
    response: ImportJobEnterprisePage;
  };
  '/api/public/policies': { query: LibraryFilters; response: LibraryPage };
  '/api/public/policies/facets': { response: Static<typeof LibraryFacetsSchema> };
  '/api/public/policy-vocabulary': { response: RuleVocabulary };
  '/api/public/policies/:id': { query: Static<typeof VersionQuery>; response: PublicPolicy };
  '/api/policies': { query: PolicyListFilters; response: PolicyPage };
  '/api/policies/:id': { response: PolicyAdmin };
  '/api/policies/:id/preview': { query: PageOnly; response: Preview };
  '/api/policies/:id/reach': { query: Static<typeof ReachQuery>; response: Reach };
  '/api/policies/:id/benefits': { query: BenefitFilters; response: BenefitPage };
  '/api/public/payments/rules': { response: PaymentRules };
  '/api/my/cases': { query: Static<typeof MyCasesQuery>; response: CasePage };
  '/api/cases': { query: CaseQueueFilters; response: CasePage };
  '/api/cases/:id': { response: CaseDetail };
  '/api/cases/:id/handlers': { response: CaseHandler[] };
  '/api/my/policies': { response: MyPolicies };
  '/api/my/policies/:id': { response: MyPolicyDetail };
  '/api/my/benefits': { response: MyBenefit[] };
  '/api/my/notifications': { query: Static<typeof NotificationQuery>; response: NotificationPage };
  '/api/policies/:id/applications': {
    query: Static<typeof ApplicationQuery>;
    response: PolicyApplicationPage;
  };
  '/api/enterprises/:id/policies': { response: EnterprisePolicyList };
  '/api/registry/lookup/:uscc': { response: EnterpriseName };
  '/api/cases/:id/attachments': { response: AttachmentList };
  '/api/admin/case-routing-rules': { response: RoutingRule[] };
  '/api/supervision/dashboard': { query: DashboardFilters; response: Dashboard };
  '/api/supervision/disclosures': { query: Static<typeof YearQuery>; response: DisclosureStatus };
  '/api/payer/summary': { response: PayerSummary };
  '/api/payer/claims': { query: ClaimFilters; response: ClaimPage };
  '/api/payer/claims/:id': { response: ClaimDetail };
  '/api/payer/disclosure': { query: Static<typeof YearQuery>; response: PayerDisclosure };
  '/api/public/arrears-disclosures': { query: PublicDisclosureFilters; response: DisclosurePage };
  '/api/credit/features': { response: Static<typeof FeaturesSchema> };
  '/api/credit/scorecards': { response: { items: ScorecardDto[] } };
  '/api/credit/scorecards/:id': { response: ScorecardDto };
  '/api/credit/scorecards/:id/compare': { query: Static<typeof CompareQuery>; response: ComparisonDto };
  '/api/my/credit/score': { response: ScoreExplanationDto };
  '/api/enterprises/:id/credit-score': { response: ScoreExplanationDto };
  '/api/my/credit/records': { query: CreditRecordsFilters; response: CreditRecords };
  '/api/my/credit/consents': { query: ConsentFilters; response: ConsentPage };
  '/api/my/credit/access-log': { query: AccessLogFilters; response: AccessLogPage };
  '/api/credit/institutions': { query: InstitutionFilters; response: InstitutionOptions };
  '/api/bank/credit/consents': { query: ConsentFilters; response: ConsentPage };
  '/api/bank/credit/enterprises/:enterpriseId/consents/:consentId': { response: Consent };
  '/api/bank/credit/enterprises/:enterpriseId/consents/:consentId/report': {
    query: ReportFilters;
    response: CreditReport;
  };
  '/api/bank/credit/access-log': { query: AccessLogFilters; response: AccessLogPage };
  '/api/credit/enterprises/:id/records': { query: CreditRecordsFilters; response: CreditRecords };
  '/api/credit/objections': { query: ObjectionQueueFilters; response: ObjectionQueue };
  '/api/credit/stats': { query: CreditStatsFilters; response: CreditStats };
  '/api/credit/settings': { response: CreditSettings };
}

/** The routes that create or act, with POST. */
export interface PostRoutes {
  '/api/auth/login': { body: Static<typeof LoginBody>; response: SessionInfo };
  '/api/auth/logout': { response: OkBody };
  '/api/auth/password': { body: Static<typeof ChangePasswordBody>; response: OkBody };
  '/api/admin/users': { body: CreateUserBody; response: User };
  '/api/size/self-test': { body: SelfTestInput; response: SelfTestResult };
  /** The file goes as the raw body. */
  '/api/registry/imports': { query: Static<typeof ImportUploadQuery>; response: ImportJob };
  '/api/credit/imports': { query: Static<typeof CreditImportUploadQuery>; response: ImportJob };
  '/api/public/policies/:id/check': { body: EligibilityInput; response: EligibilityAnswer };
  '/api/policies': { body: Static<typeof DefinitionBody>; response: PolicyAdmin };
  '/api/policies/yaml': { body: Static<typeof YamlBody>; response: PolicyAdmin };
  '/api/policies/:id/test': { body: Static<typeof TestBody>; response: TestRun };
  '/api/policies/:id/publish': { body: Static<typeof PublishBody>; response: PolicyAdmin };
  '/api/policies/:id/withdraw': { body: Static<typeof WithdrawBody>; response: PolicyAdmin };
  '/api/policies/:id/benefits/generate': { response: Static<typeof BenefitsListedSchema> };
  '/api/policies/:id/benefits/send': { response: Static<typeof BenefitsSentSchema> };
  '/api/benefits/:id/payout': {
    body: Static<typeof PayoutBody>;
    response: Static<typeof BenefitChangedSchema>;
  };
  '/api/public/payments/assess': { body: ClaimInput; response: ClaimAssessment };
  '/api/my/cases/demands': { body: DemandInput; response: CaseDetail };
  '/api/my/cases/arrears': { body: ArrearsInput; response: CaseDetail };
  '/api/cases/:id/actions': { body: CaseActionInput; response: CaseDetail };
  '/api/cases/:id/supervisions': {
    body: Static<typeof SuperviseBody>;
    response: Static<typeof SupervisionIssuedSchema>;
  };
  '/api/cases/:id/supervisions/:supervisionId/acknowledge': { response: OkBody };
  '/api/my/benefits/:id/respond': {
    body: Static<typeof RespondBody>;
    response: Static<typeof BenefitChangedSchema>;
  };
  '/api/my/notifications/read': {
    body: Static<typeof MarkReadBody>;
    response: Static<typeof MarkedReadSchema>;
  };
  '/api/my/policies/:id/applications': { body: ApplyInput; response: ApplicationRecord };
  '/api/enterprises/:id/qualifications': { body: AddQualificationBody; response: EnterpriseDetail };
  '/api/enterprises/:id/qualifications/:qualificationId/end': {
    body: EndQualificationBody;
    response: EnterpriseDetail;
  };
  /** The file goes as the raw body. */
  '/api/enterprises/:id/qualifications/:qualificationId/evidence': {
    query: Static<typeof QualificationEvidenceQuery>;
    response: EnterpriseDetail;
  };
  /** The file goes as the raw body. */
  '/api/cases/:id/attachments': { query: Static<typeof AttachmentUploadQuery>; response: Attachment };
  '/api/admin/case-routing-rules': {
    body: Omit<Static<typeof RoutingRuleBody>, 'version'>;
    response: RoutingRule;
  };
  '/api/payer/claims/:id/answers': { body: ClaimAnswer; response: ClaimDetail };
  '/api/payer/disclosures': { body: PublishDisclosureInput; response: Disclosure };
  '/api/credit/scorecards': { body: Static<typeof DraftScorecardBody>; response: ScorecardDto };
  '/api/credit/scorecards/check': {
    body: Static<typeof CheckScorecardBody>;
    response: Static<typeof CheckScorecardResultSchema>;
  };
  '/api/credit/scorecards/:id/publish': { response: ScorecardDto };
  '/api/my/credit/records': { body: DeclareInput; response: CreditRecord };
  '/api/my/credit/records/:id/objections': { body: ObjectionInput; response: CreditObjection };
  '/api/my/credit/consents': { body: GrantInput; response: Consent };
  '/api/my/credit/consents/:id/authorise': { body: AuthoriseInput; response: Consent };
  '/api/my/credit/consents/:id/reject': { response: Consent };
  '/api/my/credit/consents/:id/revoke': { response: Consent };
  '/api/bank/credit/consents': { body: RequestInput; response: Consent };
  '/api/bank/credit/enterprises/:enterpriseId/consents/:consentId/check': {
    body: CheckInput;
    response: CheckAnswer;
  };
  '/api/credit/objections/:enterpriseId/:id/answer': { body: AnswerInput; response: CreditObjection };
}

/** The routes that replace, with PUT. */
export interface PutRoutes {
  '/api/auth/preferences': { body: Static<typeof PreferencesBody>; response: OkBody };
  '/api/enterprises/:id/figures/:year': { body: FiguresInput; response: EnterpriseDetail };
  '/api/policies/:id': { body: Static<typeof DraftBody>; response: PolicyAdmin };
  '/api/admin/case-routing-rules/:id': { body: Static<typeof RoutingRuleBody>; response: RoutingRule };
  '/api/credit/scorecards/:id': { body: Static<typeof DraftScorecardBody>; response: ScorecardDto };
  '/api/credit/settings': { body: CreditSettingInput; response: CreditSettings };
}

/** The routes that change part of a record, with PATCH. */
export interface PatchRoutes {
  '/api/admin/users/:id': { body: UpdateUserBody; response: User };
  '/api/enterprises/:id': { body: ProfileUpdate; response: EnterpriseDetail };
}

/** Every route the client calls, by method. */
export interface ApiRoutes {
  GET: GetRoutes;
  POST: PostRoutes;
  PUT: PutRoutes;
  PATCH: PatchRoutes;
}

/**
 * The file downloads (GET routes answering a CSV or XLSX file, fetched by `downloadFile` with the session
 * cookie): each path with its query, from the same schemas the server validates with. `downloadUrl` in
 * client.ts builds an address from these, so a download's path and query are typed like any other call.
 */
export interface DownloadRoutes {
  '/api/enterprises/export': { query: Static<typeof EnterpriseExportQuery>; response: Blob };
  '/api/registry/import-template': { query: Static<typeof TemplateQuery>; response: Blob };
  '/api/credit/import-template': { query: Static<typeof TemplateQuery>; response: Blob };
  '/api/credit/coverage/export': { query: Static<typeof CreditCoverageExportQuery>; response: Blob };
  '/api/registry/imports/:id/errors/export': { response: Blob };
  '/api/registry/imports/:id/enterprises/export': {
    query: Static<typeof ImportJobEnterprisesExportQuery>;
    response: Blob;
  };
  '/api/policies/:id/benefits/export': { query: Static<typeof BenefitExportQuery>; response: Blob };
  '/api/policies/:id/applications/export': { query: Static<typeof ApplicationExportQuery>; response: Blob };
  '/api/supervision/dashboard/export': { query: Static<typeof DashboardExportQuery>; response: Blob };
  '/api/credit/objections/export': {
    query: ObjectionQueueFilters & { format: 'csv' | 'xlsx'; lang?: 'zh' | 'en' };
    response: Blob;
  };
  '/api/my/credit/consents/:id/receipt': { response: Blob };
  '/api/financing/dashboard/export': {
    query: Static<typeof FinancingDashboardExportQuery>;
    response: Blob;
  };
  '/api/financing/recommendations/export': {
    query: Static<typeof RecommendationExportQuery>;
    response: Blob;
  };
  '/api/credit/stats/export': {
    query: CreditStatsFilters & {
      table: 'grades' | 'banks' | 'months';
      format: 'csv' | 'xlsx';
      lang?: 'zh' | 'en';
    };
    response: Blob;
  };
}
