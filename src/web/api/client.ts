/**
 * The typed API client of the web app. Every request and response type is derived from the shared TypeBox
 * schemas in src/shared/api (type-only imports: no schema code ends up in the browser bundle).
 */

import type { Static } from 'typebox';
import type {
  ChangePasswordBody,
  CreateUserBody,
  LoginBody,
  PreferencesBody,
  SessionInfo,
  UpdateUserBody,
  User,
  UserListQuery,
} from '../../shared/api/accounts.ts';
import type { AuditEntrySchema, AuditQuerySchema, AuditVerificationSchema } from '../../shared/api/audit.ts';
import type { ErrorSchema, Page } from '../../shared/api/common.ts';
import type {
  CreditCoverage,
  CreditCoverageRow,
  CreditImportUploadQuery as CreditImportUploadQuerySchema,
} from '../../shared/api/credit-imports.ts';
import type { EnterpriseLookup, Home, InstitutionLookup, PublicOverview } from '../../shared/api/home.ts';
import type {
  EnterpriseDetail,
  EnterpriseExportQuery,
  EnterpriseListQuery,
  EnterprisePage,
  EnterpriseRow,
  FiguresBody,
  ImportErrorSchema,
  ImportJob,
  ImportJobEnterpriseSchema,
  ImportModeSchema,
  SelfTestBody,
  SelfTestResultSchema,
  Size,
  SizeStats,
  SizeStatsQuery,
  TemplateQuery,
  UpdateProfileBody,
} from '../../shared/api/registry.ts';
import { readHeaders, takeEarly } from './early.ts';
import type { ApiRoutes, DownloadRoutes, Endpoint } from './endpoints.ts';

export type { CreditCoverage, CreditCoverageRow, EnterpriseLookup, InstitutionLookup };

type CreditImportUploadQuery = Static<typeof CreditImportUploadQuerySchema>;

import type { Eligibility, Explained, PolicyDefinition, Rule } from '../../server/modules/policies/index.ts';
import type {
  BenefitQuery,
  BenefitSchema,
  EligibilityCheckBody,
  EligibilityCheckResultSchema,
  LibraryItemSchema,
  LibraryPageSchema,
  LibraryQuery,
  MyBenefitSchema,
  MyPoliciesSchema,
  MyPolicyDetailSchema,
  NotificationSchema,
  PolicyAdminSchema,
  PolicyListQuery,
  PolicyPageSchema,
  PolicyRowSchema,
  PreviewSchema,
  PublicPolicySchema,
  ReachSchema,
  RuleVocabularySchema,
  TestRunSchema,
} from '../../shared/api/policies.ts';

export type { Eligibility, Explained, PolicyDefinition, Rule };

import type { ClaimAssessmentSchema, ClaimBody, PaymentRulesSchema } from '../../shared/api/payments.ts';

export type ClaimInput = Static<typeof ClaimBody>;
export type ClaimAssessment = Static<typeof ClaimAssessmentSchema>;
export type PaymentRules = Static<typeof PaymentRulesSchema>;

import type { Assessment as ClaimAssessmentFigures } from '../../server/modules/payments/index.ts';
import type {
  ArrearsBody,
  CaseActionBodySchema,
  CaseDetailSchema,
  CaseQueueQuery,
  CaseRowSchema,
  DemandBody,
} from '../../shared/api/cases.ts';

export { DEMAND_CATEGORIES } from '../../shared/demand-categories.ts';
export type CaseRow = Static<typeof CaseRowSchema>;
/** A case with its timeline; for arrears `assessment` is the calculator's figures today (or null). */
export type CaseDetail = Omit<Static<typeof CaseDetailSchema>, 'assessment'> & {
  assessment: ClaimAssessmentFigures | null;
};
/** One page of a paged list, as the API's Page(...) schemas return it. */
export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
export type CasePage = Paged<CaseRow>;
export type DemandInput = Static<typeof DemandBody>;
export type ArrearsInput = Static<typeof ArrearsBody>;
export type CaseActionInput = Static<typeof CaseActionBodySchema>;
export type CaseQueueFilters = Static<typeof CaseQueueQuery>;
export type CaseHandler = {
  id: number;
  displayName: string;
  regionCode: string | null;
  departmentCode: string | null;
};
export type LibraryItem = Static<typeof LibraryItemSchema>;
export type LibraryFilters = Static<typeof LibraryQuery>;
export type LibraryPage = Static<typeof LibraryPageSchema>;
export type PublicPolicy = Static<typeof PublicPolicySchema>;
export type EligibilityInput = Static<typeof EligibilityCheckBody>;
/** An eligibility answer with its explanation tree typed. */
export type EligibilityAnswer = Omit<
  Static<typeof EligibilityCheckResultSchema>,
  'explanation' | 'nearMiss'
> & {
  explanation: Explained;
  nearMiss: Explained | null;
};
export type RuleVocabulary = Static<typeof RuleVocabularySchema>;
export type PolicyRow = Static<typeof PolicyRowSchema>;
export type PolicyListFilters = Static<typeof PolicyListQuery>;
export type PolicyPage = Static<typeof PolicyPageSchema>;
/** A policy as its editors see it; the draft typed as a policy definition. */
export type PolicyAdmin = Omit<Static<typeof PolicyAdminSchema>, 'draft'> & { draft: PolicyDefinition };
export type TestRun = Omit<Static<typeof TestRunSchema>, 'results'> & {
  results: (Omit<Static<typeof TestRunSchema>['results'][number], 'explanation'> & {
    explanation: Explained;
  })[];
};
export type Preview = Static<typeof PreviewSchema>;
export type Benefit = Static<typeof BenefitSchema>;
export type BenefitFilters = Static<typeof BenefitQuery>;
export type BenefitPage = {
  items: Benefit[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<string, number>;
  paidAmount: number;
};
export type Reach = Static<typeof ReachSchema>;
type WithExplained<T> = Omit<T, 'explanation' | 'nearMiss'> & {
  explanation: Explained;
  nearMiss: Explained | null;
};
export type MyPolicy = WithExplained<Static<typeof MyPoliciesSchema>['eligible'][number]>;
export type MyPolicies = { date: string; eligible: MyPolicy[]; almost: MyPolicy[]; unknown: MyPolicy[] };
export type MyPolicyDetail = WithExplained<Static<typeof MyPolicyDetailSchema>>;
export type MyBenefit = Static<typeof MyBenefitSchema>;
export type Notification = Static<typeof NotificationSchema>;
export type NotificationPage = {
  items: Notification[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
};

import type {
  DepartmentSchema,
  IndustrySchema,
  RegionView,
  UsccCheckSchema,
} from '../../shared/api/reference.ts';

export type { CreateUserBody, Home, PublicOverview, RegionView, SessionInfo, UpdateUserBody, User };
export type ErrorBody = Static<typeof ErrorSchema>;
export type FieldProblem = NonNullable<ErrorBody['errors']>[number];
export type UserPage = Static<ReturnType<typeof Page<typeof User>>>;
export type UserQuery = Static<typeof UserListQuery>;
export type AuditEntry = Static<typeof AuditEntrySchema>;
export type AuditPage = Static<ReturnType<typeof Page<typeof AuditEntrySchema>>>;
export type AuditQuery = Static<typeof AuditQuerySchema>;
export type AuditVerification = Static<typeof AuditVerificationSchema>;
export type Industry = Static<typeof IndustrySchema>;
export type Department = Static<typeof DepartmentSchema>;
export type UsccCheck = Static<typeof UsccCheckSchema>;
export type Locale = Static<typeof PreferencesBody>['locale'];
export type NameCount = PublicOverview['byRegion'][number];

// ---- registry ---------------------------------------------------------------------------------------------
export type { EnterpriseDetail, EnterprisePage, EnterpriseRow, ImportJob, Size, SizeStats };
export type EnterpriseQuery = EnterpriseListQuery;
/** The filters of the enterprise list, shared by the list and its export. */
export type EnterpriseFilters = Omit<EnterpriseListQuery, 'page' | 'pageSize' | 'sort' | 'after'>;
export type EnterpriseSort = NonNullable<EnterpriseListQuery['sort']>;
export type EnterpriseStatus = NonNullable<EnterpriseListQuery['status']>;
export type Figures = EnterpriseDetail['figures'][number];
export type SizeResult = EnterpriseDetail['sizes'][number];
export type Certification = EnterpriseDetail['certifications'][number];
export type FiguresInput = FiguresBody;
export type ProfileUpdate = Static<typeof UpdateProfileBody>;
export type StatsQuery = Static<typeof SizeStatsQuery>;
export type StatRow = SizeStats['totals'];
export type SelfTestInput = Static<typeof SelfTestBody>;
export type SelfTestResult = Static<typeof SelfTestResultSchema>;
export type ExportFormat = Static<typeof EnterpriseExportQuery>['format'];
export type FileLang = NonNullable<Static<typeof TemplateQuery>['lang']>;
export type ImportMode = Static<typeof ImportModeSchema>;
export type ImportStatus = ImportJob['status'];
export type ImportProblem = Static<typeof ImportErrorSchema>;
export type ImportJobPage = Paged<ImportJob>;
export type ImportProblemPage = Paged<ImportProblem>;
export type ImportJobEnterprise = Static<typeof ImportJobEnterpriseSchema>;
export type ImportJobEnterprisePage = Paged<ImportJobEnterprise>;

/**
 * Results of the admin look-ups. Their schemas are declared inline in the server route
 * (src/server/modules/home/home.routes.ts) and not exported from src/shared, so they are mirrored here.
 */

/** A failed API call: the server's `{code, message, errors}` plus the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldProblem[] = [],
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Code used when the server could not be reached or answered with something that is not JSON. */
export const NETWORK_ERROR = 'NETWORK_ERROR';

let csrfToken: string | null = null;
let acceptLanguage: Locale = 'zh-CN';
let onUnauthorized: ((error: ApiError) => void) | null = null;
let onMutated: (() => void) | null = null;
let networkMessage = 'Network error';

/** Sets the language sent as Accept-Language (the server answers error messages in it). */
export function setApiLocale(locale: Locale, networkErrorMessage: string): void {
  acceptLanguage = locale;
  networkMessage = networkErrorMessage;
}

/** Registers what to do when a signed-in request answers 401 (the session is gone). */
export function setUnauthorizedHandler(handler: ((error: ApiError) => void) | null): void {
  onUnauthorized = handler;
}

/** Registers what to do after a write (POST, PUT, PATCH, DELETE) succeeded: the query cache marks its answers stale. */
export function setMutationListener(listener: (() => void) | null): void {
  onMutated = listener;
}

/** Forgets the CSRF token (after sign-out). */
export function clearCsrfToken(): void {
  csrfToken = null;
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue> | undefined;
  body?: unknown;
  /** A raw body (a file upload) sent as it is instead of JSON. */
  raw?: { body: Blob; contentType: string };
  /** Do not call the unauthorized handler on 401 (sign-in and the session probe). */
  anonymousOk?: boolean;
  signal?: AbortSignal | undefined;
}

/** A path with its query string; empty values are left out. */
export function buildUrl(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The ApiError of a refused request, from the server's error body (or a generic message). */
function errorOf(status: number, body: Partial<ErrorBody>): ApiError {
  return new ApiError(
    status,
    body.code ?? NETWORK_ERROR,
    body.message ?? `${networkMessage} (HTTP ${status})`,
    body.errors ?? [],
    body.requestId,
  );
}

/** One API call of any path and method; `get`/`post`/`put`/`patch` below type it by its route (endpoints.ts). */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = readHeaders(acceptLanguage);
  const mutating = method !== 'GET' && method !== 'HEAD';
  if (mutating) {
    headers['content-type'] = options.raw?.contentType ?? 'application/json';
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
  }
  const payload = !mutating ? null : options.raw ? options.raw.body : JSON.stringify(options.body ?? {});
  const url = buildUrl(path, options.query);
  let response: Response;
  try {
    // A read boot.ts started for this page is used once instead of asking again (api/early.ts).
    const early = method === 'GET' ? takeEarly(url, acceptLanguage) : null;
    response =
      (early && (await early.catch(() => null))) ||
      (await fetch(url, {
        method,
        headers,
        credentials: 'same-origin',
        body: payload,
        signal: options.signal ?? null,
      }));
    options.signal?.throwIfAborted();
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, NETWORK_ERROR, networkMessage);
  }
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = errorOf(response.status, (data ?? {}) as Partial<ErrorBody>);
    if (response.status === 401 && !options.anonymousOk) onUnauthorized?.(error);
    throw error;
  }
  if (data === null && text) throw new ApiError(response.status, NETWORK_ERROR, networkMessage);
  if (mutating) onMutated?.();
  return data as T;
}

/** The names of a path's parameters: '/api/cases/:id/supervisions/:supervisionId/acknowledge' → 'id' | 'supervisionId'. */
type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** A property `K` of type `T`, optional when `T` asks for nothing. */
// biome-ignore lint/complexity/noBannedTypes: `{} extends T` asks whether every property of T is optional.
type Field<K extends string, T> = {} extends T ? { [_ in K]?: T } : { [_ in K]: T };

/** What a call of a route takes: its path's parameters, its query and body as the schemas type them, and options. */
export type CallOptions<P extends string, E extends Endpoint> = ([ParamNames<P>] extends [never]
  ? unknown
  : { params: Record<ParamNames<P>, string | number> }) &
  (E extends { query: infer Q } ? Field<'query', Q> : unknown) &
  (E extends { body: infer B } ? Field<'body', B> : unknown) &
  Pick<RequestOptions, 'raw' | 'anonymousOk' | 'signal'>;

/** The options argument, left out when nothing in it is required. */
// biome-ignore lint/complexity/noBannedTypes: see Field.
export type CallArgs<O> = {} extends O ? [options?: O] : [options: O];

type Method = keyof ApiRoutes;
/** The route of a method and path in the map (endpoints.ts). */
export type RouteOf<M extends Method, P extends keyof ApiRoutes[M]> = ApiRoutes[M][P] extends infer E extends
  Endpoint
  ? E
  : never;

/** A route's path with its parameters filled in, encoded ('/api/cases/:id' with { id: 7 } → '/api/cases/7'). */
export function pathOf(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path}: no value for :${name}`);
    return encodeURIComponent(String(value));
  });
}

/** The typed call of one method: the path picks the query, body and response types (endpoints.ts). */
function caller<M extends Method>(method: M) {
  return <P extends keyof ApiRoutes[M] & string>(
    path: P,
    ...[options]: CallArgs<CallOptions<P, RouteOf<M, P>>>
  ): Promise<RouteOf<M, P>['response']> => {
    const { params, ...rest } = (options ?? {}) as RequestOptions & {
      params?: Record<string, string | number>;
    };
    return request(method, pathOf(path, params), rest);
  };
}

/** Reads a route: `get('/api/cases/:id', { params: { id } })` answers a CaseDetail. */
export const get = caller('GET');
/** Creates or acts through a route (POST). */
export const post = caller('POST');
/** Replaces through a route (PUT). */
export const put = caller('PUT');
/** Changes part of a record through a route (PATCH). */
export const patch = caller('PATCH');

function rememberSession(info: SessionInfo): SessionInfo {
  csrfToken = info.csrfToken;
  return info;
}

// ---- auth -------------------------------------------------------------------------------------------------

/** The API calls the pages use, by name (each delegates to the typed call of its route). */
export const api = {
  login: async (body: Static<typeof LoginBody>) =>
    rememberSession(await post('/api/auth/login', { body, anonymousOk: true })),
  /** The signed-in user, or `user: null` (a 200 either way). */
  me: async () => {
    const probe = await get('/api/auth/me', { anonymousOk: true });
    if (probe.user && probe.csrfToken !== null)
      rememberSession({ user: probe.user, csrfToken: probe.csrfToken });
    else clearCsrfToken();
    return probe;
  },
  logout: async () => {
    try {
      return await post('/api/auth/logout', { anonymousOk: true });
    } finally {
      clearCsrfToken();
    }
  },
  changePassword: (body: Static<typeof ChangePasswordBody>) => post('/api/auth/password', { body }),
  savePreferences: (body: Static<typeof PreferencesBody>) => put('/api/auth/preferences', { body }),

  // ---- home and public overview ------------------------------------------------------------------------
  publicOverview: () => get('/api/public/overview', { anonymousOk: true }),
  home: () => get('/api/home'),

  // ---- reference data (public) ---------------------------------------------------------------------------
  regions: (parent?: string) => get('/api/regions', { query: { parent }, anonymousOk: true }),
  region: (code: string) => get('/api/regions/:code', { params: { code }, anonymousOk: true }),
  industries: () => get('/api/industries', { anonymousOk: true }),
  departments: () => get('/api/departments', { anonymousOk: true }),
  checkUscc: (code: string) => get('/api/uscc/:code', { params: { code }, anonymousOk: true }),

  // ---- user administration (admin) ----------------------------------------------------------------------
  listUsers: (query: UserQuery, signal?: AbortSignal) => get('/api/admin/users', { query, signal }),
  getUser: (id: number) => get('/api/admin/users/:id', { params: { id } }),
  createUser: (body: CreateUserBody) => post('/api/admin/users', { body }),
  updateUser: (id: number, body: UpdateUserBody) => patch('/api/admin/users/:id', { params: { id }, body }),
  lookupEnterprises: (q: string, signal?: AbortSignal) =>
    get('/api/admin/lookup/enterprises', { query: { q }, signal }),
  lookupInstitutions: (q: string, signal?: AbortSignal) =>
    get('/api/admin/lookup/institutions', { query: { q }, signal }),

  // ---- audit (admin, auditor) ---------------------------------------------------------------------------
  listAudit: (query: AuditQuery, signal?: AbortSignal) => get('/api/audit', { query, signal }),
  verifyAudit: () => get('/api/audit/verify'),

  // ---- enterprise registry ------------------------------------------------------------------------------
  listEnterprises: (query: EnterpriseQuery, signal?: AbortSignal) =>
    get('/api/enterprises', { query, signal }),
  enterprise: (id: number, signal?: AbortSignal) => get('/api/enterprises/:id', { params: { id }, signal }),
  myEnterprise: (signal?: AbortSignal) => get('/api/my/enterprise', { signal }),
  updateEnterprise: (id: number, body: ProfileUpdate) =>
    patch('/api/enterprises/:id', { params: { id }, body }),
  reportFigures: (id: number, year: number, body: FiguresInput) =>
    put('/api/enterprises/:id/figures/:year', { params: { id, year }, body }),
  sizeStats: (query: StatsQuery, signal?: AbortSignal) => get('/api/registry/stats', { query, signal }),
  selfTest: (body: SelfTestInput) => post('/api/size/self-test', { body, anonymousOk: true }),

  // ---- registry imports (official, admin) ---------------------------------------------------------------
  uploadImport: (file: Blob, fileName: string, mode: ImportMode) =>
    post('/api/registry/imports', {
      query: { fileName, mode },
      raw: { body: file, contentType: 'application/octet-stream' },
    }),
  uploadCreditImport: (file: Blob, fileName: string, mode: ImportMode, department: string) =>
    post('/api/credit/imports', {
      query: { fileName, mode, department: department as CreditImportUploadQuery['department'] },
      raw: { body: file, contentType: 'application/octet-stream' },
    }),
  listImports: (page: number, pageSize: number, signal?: AbortSignal) =>
    get('/api/registry/imports', { query: { page, pageSize }, signal }),
  importJob: (id: number, signal?: AbortSignal) =>
    get('/api/registry/imports/:id', { params: { id }, signal }),
  importErrors: (id: number, page: number, pageSize: number, signal?: AbortSignal) =>
    get('/api/registry/imports/:id/errors', { params: { id }, query: { page, pageSize }, signal }),
  importEnterprises: (id: number, page: number, pageSize: number, signal?: AbortSignal) =>
    get('/api/registry/imports/:id/enterprises', { params: { id }, query: { page, pageSize }, signal }),

  // ---- policy library (public) ---------------------------------------------------------------------------
  library: (query: LibraryFilters, signal?: AbortSignal) =>
    get('/api/public/policies', { query, signal, anonymousOk: true }),
  libraryFacets: () => get('/api/public/policies/facets', { anonymousOk: true }),
  ruleVocabulary: () => get('/api/public/policy-vocabulary', { anonymousOk: true }),
  publicPolicy: (id: number, version?: number, signal?: AbortSignal) =>
    get('/api/public/policies/:id', { params: { id }, query: { version }, signal, anonymousOk: true }),
  checkEligibility: (id: number, body: EligibilityInput) =>
    post('/api/public/policies/:id/check', { params: { id }, body, anonymousOk: true }),

  // ---- policies (official, admin) -----------------------------------------------------------------------
  listPolicies: (query: PolicyListFilters, signal?: AbortSignal) => get('/api/policies', { query, signal }),
  createPolicy: (definition: unknown) => post('/api/policies', { body: { definition } }),
  uploadPolicyYaml: (yaml: string, version?: number) =>
    post('/api/policies/yaml', { body: { yaml, version } }),
  policy: (id: number, signal?: AbortSignal) => get('/api/policies/:id', { params: { id }, signal }),
  saveDraft: (id: number, definition: unknown, version: number) =>
    put('/api/policies/:id', { params: { id }, body: { definition, version } }),
  testPolicy: (id: number, definition?: unknown) =>
    post('/api/policies/:id/test', { params: { id }, body: definition === undefined ? {} : { definition } }),
  previewPolicy: (id: number, page: number, pageSize: number, signal?: AbortSignal) =>
    get('/api/policies/:id/preview', { params: { id }, query: { page, pageSize }, signal }),
  publishPolicy: (id: number, version: number, changeNote?: string) =>
    post('/api/policies/:id/publish', { params: { id }, body: { version, changeNote } }),
  withdrawPolicy: (id: number, version: number, reason: string) =>
    post('/api/policies/:id/withdraw', { params: { id }, body: { version, reason } }),
  policyReach: (id: number, region?: string, signal?: AbortSignal) =>
    get('/api/policies/:id/reach', { params: { id }, query: { region }, signal }),
  generateBenefits: (id: number) => post('/api/policies/:id/benefits/generate', { params: { id } }),
  sendBenefits: (id: number) => post('/api/policies/:id/benefits/send', { params: { id } }),
  benefits: (id: number, query: BenefitFilters, signal?: AbortSignal) =>
    get('/api/policies/:id/benefits', { params: { id }, query, signal }),
  recordPayout: (benefitId: number, body: { amount: number; paidOn: string; rowVersion: number }) =>
    post('/api/benefits/:id/payout', { params: { id: benefitId }, body }),

  // ---- overdue payments (public calculator) -------------------------------------------------------------
  assessClaim: (body: ClaimInput) => post('/api/public/payments/assess', { body, anonymousOk: true }),
  paymentRules: () => get('/api/public/payments/rules', { anonymousOk: true }),

  // ---- cases: demands and overdue-payment complaints ---------------------------------------------------
  submitDemand: (body: DemandInput) => post('/api/my/cases/demands', { body }),
  submitArrears: (body: ArrearsInput) => post('/api/my/cases/arrears', { body }),
  myCases: (query: { type?: 'demand' | 'arrears'; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    get('/api/my/cases', { query, signal }),
  caseQueue: (query: CaseQueueFilters, signal?: AbortSignal) => get('/api/cases', { query, signal }),
  case: (id: number, signal?: AbortSignal) => get('/api/cases/:id', { params: { id }, signal }),
  caseHandlers: (id: number, signal?: AbortSignal) =>
    get('/api/cases/:id/handlers', { params: { id }, signal }),
  actOnCase: (id: number, body: CaseActionInput) => post('/api/cases/:id/actions', { params: { id }, body }),
  superviseCase: (id: number, body: { reason: string; deadline?: string | null }) =>
    post('/api/cases/:id/supervisions', { params: { id }, body }),
  acknowledgeSupervision: (id: number, supervisionId: number) =>
    post('/api/cases/:id/supervisions/:supervisionId/acknowledge', { params: { id, supervisionId } }),

  // ---- an enterprise's policies -------------------------------------------------------------------------
  myPolicies: (signal?: AbortSignal) => get('/api/my/policies', { signal }),
  myPolicy: (id: number, signal?: AbortSignal) => get('/api/my/policies/:id', { params: { id }, signal }),
  myBenefits: (signal?: AbortSignal) => get('/api/my/benefits', { signal }),
  respondToBenefit: (
    id: number,
    body: { decision: 'confirm' | 'decline'; note?: string; rowVersion: number },
  ) => post('/api/my/benefits/:id/respond', { params: { id }, body }),
  notifications: (query: { page?: number; pageSize?: number; unread?: boolean }, signal?: AbortSignal) =>
    get('/api/my/notifications', { query, signal }),
  markNotificationsRead: (body: { ids?: string[]; all?: true }) =>
    post('/api/my/notifications/read', { body }),
};

/** The file name of a download from its Content-Disposition header (RFC 6266, `filename*` first). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Downloads a file the server generates (exports, templates, error reports): fetched first, so that a refusal
 * (out of scope, a signed-out session, a server error) becomes an ApiError the page can show instead of a JSON
 * file saved to disk.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      headers: { 'accept-language': acceptLanguage },
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, networkMessage);
  }
  if (!response.ok) {
    let body: Partial<ErrorBody> = {};
    try {
      body = (await response.json()) as Partial<ErrorBody>;
    } catch {
      // not JSON: keep the generic message
    }
    const error = errorOf(response.status, body);
    if (response.status === 401) onUnauthorized?.(error);
    throw error;
  }
  const blob = await response.blob();
  const objectUrl = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = objectUrl;
  link.download = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
}

/** What a download's address takes: its path's parameters and its query, typed by its route (endpoints.ts). */
type DownloadOptions<P extends keyof DownloadRoutes & string> = Omit<
  CallOptions<P, DownloadRoutes[P]>,
  'raw' | 'anonymousOk' | 'signal'
>;

/**
 * The address of a file download, typed like a call by its path:
 * `downloadUrl('/api/policies/:id/benefits/export', { params: { id }, query: { format, lang } })`.
 */
export function downloadUrl<P extends keyof DownloadRoutes & string>(
  path: P,
  ...[options]: CallArgs<DownloadOptions<P>>
): string {
  const { params, query } = (options ?? {}) as {
    params?: Record<string, string | number>;
    query?: RequestOptions['query'];
  };
  return buildUrl(pathOf(path, params), query);
}

/** Addresses of file downloads (fetched by `downloadFile`; the session cookie goes along). */
export const downloads = {
  enterprises: (filters: EnterpriseFilters, format: ExportFormat, lang: FileLang) =>
    downloadUrl('/api/enterprises/export', { query: { ...filters, format, lang } }),
  importTemplate: (format: ExportFormat, lang: FileLang) =>
    downloadUrl('/api/registry/import-template', { query: { format, lang } }),
  creditImportTemplate: (format: ExportFormat, lang: FileLang) =>
    downloadUrl('/api/credit/import-template', { query: { format, lang } }),
  creditCoverage: (region: string | undefined, format: ExportFormat) =>
    downloadUrl('/api/credit/coverage/export', { query: { region, format } }),
  importErrors: (id: number) => downloadUrl('/api/registry/imports/:id/errors/export', { params: { id } }),
  importEnterprises: (id: number, format: ExportFormat) =>
    downloadUrl('/api/registry/imports/:id/enterprises/export', { params: { id }, query: { format } }),
  benefits: (policyId: number, format: ExportFormat, lang: FileLang, status?: BenefitFilters['status']) =>
    downloadUrl('/api/policies/:id/benefits/export', {
      params: { id: policyId },
      query: { format, lang, status },
    }),
};

/** Fetches every page of a paged list (for CSV export), pageSize 200, stopping at `limit` rows. */
export async function fetchAllPages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>,
  onProgress?: (loaded: number, total: number) => void,
  limit = 100_000,
): Promise<T[]> {
  const pageSize = 200;
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const result = await fetchPage(page, pageSize);
    rows.push(...result.items);
    onProgress?.(rows.length, result.total);
    if (result.items.length < pageSize || rows.length >= result.total || rows.length >= limit) break;
  }
  return rows;
}
