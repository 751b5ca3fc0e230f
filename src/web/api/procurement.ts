/**
 * Government procurement for SMEs (issue 17, measure 8) as the web app sees it: the API's types (from
 * src/shared/api/procurement.ts, types only), the calls of its routes on client.ts's request(), and their reads as
 * TanStack query options keyed as lib/queries.ts keys every read (`[route path, params?, query?]`). The vocabularies
 * (kinds, sizes, roles, exemptions, reservation ways, declaration flags) come from src/reference/procurement.ts.
 */
import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  AwardBody,
  AwardCorrectBody,
  AwardListQuery,
  AwardListSchema,
  AwardSchema,
  BodyBody,
  BodyListQuery,
  BodyListSchema,
  BodySchema,
  BodyUpdateBody,
  DeclarationBody,
  DeclarationCheckBody,
  DeclarationCheckSchema,
  EvaluationBody,
  EvaluationSchema,
  OcdsExportQuery,
  OcdsImportSchema,
  ProcurementRulesSchema,
  ProjectBody,
  ProjectListQuery,
  ProjectListSchema,
  ProjectSchema,
  ProjectUpdateBody,
  RecheckBody,
  RecheckListQuery,
  RecheckListSchema,
  RecheckSchema,
  RequirementBody,
  RequirementSchema,
  SharesQuery,
  SharesSchema,
  SupplierSchema,
} from '../../shared/api/procurement.ts';
import { apiKey } from '../lib/queries.ts';
import { REFERENCE_STALE_MS } from '../lib/queryClient.ts';
import { pathOf, type RequestOptions, request } from './client.ts';

export type RequirementInput = Static<typeof RequirementBody>;
export type Requirement = Static<typeof RequirementSchema>;
export type RequirementMode = Requirement['mode'];
export type EvaluationInput = Static<typeof EvaluationBody>;
export type BidInput = EvaluationInput['bids'][number];
export type Evaluation = Static<typeof EvaluationSchema>;
export type EvaluatedBid = Evaluation['bids'][number];
export type ProcurementRules = Static<typeof ProcurementRulesSchema>;
export type RulesVersion = ProcurementRules['versions'][number];
export type RuleFigure = RulesVersion['consortiumShareMin'];
export type RuleRange = RulesVersion['smallMicroDeduction']['goods'];
export type Confidence = RuleFigure['confidence'];
export type ProcurementKind = RequirementInput['kind'];
export type BidderSize = BidInput['declaredSize'];
export type BidRole = BidInput['role'];
export type Exemption = NonNullable<RequirementInput['exemption']>;
export type BuyingBody = Static<typeof BodySchema>;
export type BodyInput = Static<typeof BodyBody>;
export type BodyUpdate = Static<typeof BodyUpdateBody>;
export type BodyKind = BuyingBody['kind'];
export type BodyFilters = Static<typeof BodyListQuery>;
export type BodyList = Static<typeof BodyListSchema>;
export type Project = Static<typeof ProjectSchema>;
export type ProjectInput = Static<typeof ProjectBody>;
export type ProjectUpdate = Static<typeof ProjectUpdateBody>;
export type ProjectState = Project['state'];
export type ReservationWay = NonNullable<Project['way']>;
export type ProjectFilters = Static<typeof ProjectListQuery>;
export type ProjectList = Static<typeof ProjectListSchema>;
export type Award = Static<typeof AwardSchema>;
export type AwardRow = Static<typeof AwardListSchema>['items'][number];
export type AwardInput = Static<typeof AwardBody>;
export type AwardCorrection = Static<typeof AwardCorrectBody>;
export type AwardFilters = Static<typeof AwardListQuery>;
export type AwardList = Static<typeof AwardListSchema>;
export type Declaration = Award['declarations'][number];
export type DeclarationInput = Static<typeof DeclarationBody>;
export type DeclarationCheckInput = Static<typeof DeclarationCheckBody>;
export type DeclarationCheck = Static<typeof DeclarationCheckSchema>;
export type Finding = DeclarationCheck['findings'][number];
export type SharesFilters = Static<typeof SharesQuery>;
export type Shares = Static<typeof SharesSchema>;
/** A supplier as the registry knows it (the award form's look-up). */
export type Supplier = Static<typeof SupplierSchema>;
export type ShareFigures = Omit<Shares['total'], 'flagged'>;
export type OcdsImport = Static<typeof OcdsImportSchema>;
export type OcdsExportFilters = Static<typeof OcdsExportQuery>;
export type BodyShare = Shares['bodies']['items'][number];
export type RecheckInput = Static<typeof RecheckBody>;
export type Recheck = Static<typeof RecheckSchema>;
export type RecheckFilters = Static<typeof RecheckListQuery>;
export type RecheckList = Static<typeof RecheckListSchema>;

/** A project's states, in the order they go. */
export const PROJECT_STATES: readonly ProjectState[] = ['planned', 'announced', 'awarded', 'cancelled'];
/** The kinds of buying body. */
export const BODY_KINDS: readonly BodyKind[] = ['government', 'public_institution', 'state_owned', 'other'];

type Query = RequestOptions['query'];

/** A read as query options: the key as lib/queries.ts makes it, the fetch cancelled with the query. */
function read<T>(path: string, params?: Record<string, string | number>, query?: Query, anonymousOk = false) {
  return queryOptions<T>({
    queryKey: apiKey(path, params, query),
    queryFn: ({ signal }) => request<T>('GET', pathOf(path, params), { query, signal, anonymousOk }),
  });
}

function send<T>(
  method: 'POST' | 'PUT',
  path: string,
  params: Record<string, string | number>,
  body: unknown,
  anonymousOk = false,
) {
  return request<T>(method, pathOf(path, params), { body, anonymousOk });
}

/** The reads of the procurement pages. */
export const procurementQueries = {
  /** The dated rules (public, rarely changing: fresh for 10 minutes). */
  rules: () => ({
    ...read<ProcurementRules>('/api/public/procurement/rules', undefined, undefined, true),
    staleTime: REFERENCE_STALE_MS,
  }),
  bodies: (query: BodyFilters) => read<BodyList>('/api/procurement/bodies', {}, query),
  projects: (query: ProjectFilters) => read<ProjectList>('/api/procurement/projects', {}, query),
  project: (id: number) => read<Project>('/api/procurement/projects/:id', { id }),
  awards: (query: AwardFilters) => read<AwardList>('/api/procurement/awards', {}, query),
  award: (id: number) => read<Award>('/api/procurement/awards/:id', { id }),
  shares: (query: SharesFilters) => read<Shares>('/api/procurement/shares', {}, query),
  rechecks: (query: RecheckFilters) => read<RecheckList>('/api/procurement/declarations/recheck', {}, query),
  recheck: (id: number) => read<Recheck>('/api/procurement/declarations/recheck/:id', { id }),
};

/** The calls of the procurement pages (each write marks the cached reads stale, as every write does). */
export const procurementApi = {
  /** What a project must reserve (public; the plan's form asks it as the buyer types). */
  requirement: (body: RequirementInput, signal?: AbortSignal) =>
    request<Requirement>('POST', '/api/public/procurement/requirement', { body, anonymousOk: true, signal }),
  evaluate: (body: EvaluationInput) =>
    send<Evaluation>('POST', '/api/public/procurement/evaluate', {}, body, true),
  createBody: (body: BodyInput) => send<BuyingBody>('POST', '/api/procurement/bodies', {}, body),
  changeBody: (id: number, body: BodyUpdate) =>
    send<BuyingBody>('PUT', '/api/procurement/bodies/:id', { id }, body),
  createProject: (body: ProjectInput) => send<Project>('POST', '/api/procurement/projects', {}, body),
  changeProject: (id: number, body: ProjectUpdate) =>
    send<Project>('PUT', '/api/procurement/projects/:id', { id }, body),
  cancelProject: (id: number, version: number) =>
    send<Project>('POST', '/api/procurement/projects/:id/cancel', { id }, { version }),
  recordAward: (projectId: number, body: AwardInput) =>
    send<Award>('POST', '/api/procurement/projects/:id/awards', { id: projectId }, body),
  /** Corrects an award of the buyer's body on the version read, saying why (its declarations checked again). */
  correctAward: (id: number, body: AwardCorrection) =>
    send<Award>('PUT', '/api/procurement/awards/:id', { id }, body),
  /** Imports an OCDS file (JSON package or flattened CSV) as it is; the form is told by its name. */
  importOcds: (file: File) =>
    request<OcdsImport>('POST', '/api/procurement/ocds/import', {
      query: { fileName: file.name },
      raw: { body: file, contentType: 'application/octet-stream' },
    }),
  /** Bodies of the caller's region by name or USCC (a filter's choices). */
  searchBodies: (q: string, signal?: AbortSignal) =>
    request<BodyList>('GET', '/api/procurement/bodies', { query: { q, pageSize: 20 }, signal }),
  checkDeclaration: (body: DeclarationCheckInput) =>
    send<DeclarationCheck>('POST', '/api/procurement/declarations/check', {}, body),
  /** A supplier's registered name and size class by its USCC; rejects with a 404 ApiError when unknown. */
  lookupSupplier: (uscc: string, signal?: AbortSignal) =>
    request<Supplier>('GET', `/api/procurement/suppliers/${encodeURIComponent(uscc)}`, { signal }),
  /** Withdraws an award of the buyer's body recorded in error, with the reason (audited). */
  withdrawAward: (id: number, reason: string) =>
    send<{ id: number; projectId: number | null }>(
      'POST',
      '/api/procurement/awards/:id/withdraw',
      { id },
      { reason },
    ),
  /** Queues a recheck of a year's declarations of the official's region (the same run while one is queued). */
  recheck: (body: RecheckInput) => send<Recheck>('POST', '/api/procurement/declarations/recheck', {}, body),
};

/** The address of a year's OCDS export (a buyer's body; an official's region, or one body of it). */
export function ocdsExportUrl(query: OcdsExportFilters): string {
  const params = new URLSearchParams({ year: String(query.year), format: query.format });
  if (query.bodyId) params.set('bodyId', String(query.bodyId));
  if (query.regionCode) params.set('regionCode', query.regionCode);
  return `/api/procurement/ocds/export?${params}`;
}
