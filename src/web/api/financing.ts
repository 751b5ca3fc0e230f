/**
 * Financing matchmaking (issue 15) as the web app sees it: the API's types (from src/shared/api/financing.ts, types
 * only), the calls of its routes on client.ts's request(), and their reads as TanStack query options keyed as
 * lib/queries.ts keys every read (`[route path, params?, query?]`). The vocabularies (product kinds, purposes,
 * collateral, decline reasons, states) come from src/reference/financing.ts.
 */
import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  BankPerformanceSchema,
  BoardQuery,
  BoardSchema,
  DemandBody,
  DemandDetailSchema,
  DemandListQuery,
  DemandProfileSchema,
  DemandReceivableSchema,
  DemandSchema,
  DeskQuery,
  DeskSchema,
  EnterpriseFinancingSchema,
  FinancingDashboardQuery,
  FinancingDashboardSchema,
  FinancingSettingSchema,
  FitSchema,
  MyProductsQuery,
  PayerReceivableSchema,
  ProductBody,
  ProductListQuery,
  ProductSchema,
  PutFinancingSettingBody,
  RateBody,
  ReceivableBody,
  ReceivableListQuery,
  ReceivableSchema,
  ResponseActionBody,
  ResponseSchema,
  ServingBanksSchema,
  TimelineEventSchema,
} from '../../shared/api/financing.ts';
import type {
  BankRecommendationListQuery,
  MyRecommendationsSchema,
  RecommendationBody,
  RecommendationDecisionBody,
  RecommendationListQuery,
  RecommendationListSchema,
  RecommendationSchema,
} from '../../shared/api/financing-recommendations.ts';
import { apiKey } from '../lib/queries.ts';
import { downloadUrl, type Explained, type Paged, pathOf, type RequestOptions, request } from './client.ts';

export type Product = Static<typeof ProductSchema>;
export type ProductKindCode = Product['kind'];
export type ProductInput = Static<typeof ProductBody>;
export type ProductFilters = Static<typeof ProductListQuery>;
/** A product's fit, its condition trees typed as the policy engine's explanations. */
export type Fit = Omit<Static<typeof FitSchema>, 'conditions' | 'nearMiss'> & {
  conditions: Explained[];
  nearMiss: Explained | null;
};
export type ProductFit = { product: Product; fit: Fit };
export type MyProductsFilters = Static<typeof MyProductsQuery>;
export type DemandInput = Static<typeof DemandBody>;
export type Demand = Static<typeof DemandSchema>;
export type DemandProfile = Static<typeof DemandProfileSchema>;
export type LoanResponse = Static<typeof ResponseSchema>;
export type TimelineEvent = Static<typeof TimelineEventSchema>;
export type DemandDetail = Omit<Static<typeof DemandDetailSchema>, 'matches'> & { matches: ProductFit[] };
export type DemandFilters = Static<typeof DemandListQuery>;
export type Board = Static<typeof BoardSchema>;
export type BoardFilters = Static<typeof BoardQuery>;
export type ResponseAction = Static<typeof ResponseActionBody>;
export type RateInput = Static<typeof RateBody>;
export type Performance = Static<typeof BankPerformanceSchema>;
export type Desk = Static<typeof DeskSchema>;
export type DeskFilters = Static<typeof DeskQuery>;
export type DeskLate = Desk['late']['items'][number];
export type FinancingSetting = Static<typeof FinancingSettingSchema>;
export type FinancingSettingInput = Static<typeof PutFinancingSettingBody>;
export type FinancingSettingKey = FinancingSettingInput['key'];
export type Receivable = Static<typeof ReceivableSchema>;
export type PayerReceivable = Static<typeof PayerReceivableSchema>;
export type ReceivableInput = Static<typeof ReceivableBody>;
export type ReceivableFilters = Static<typeof ReceivableListQuery>;
export type ReceivableState = Receivable['state'];
export type DebtorKindCode = Receivable['debtorKind'];
export type DemandReceivable = Static<typeof DemandReceivableSchema>;
export type DeskUnconfirmed = Desk['unconfirmed']['items'][number];
export type Dashboard = Static<typeof FinancingDashboardSchema>;
export type DashboardFilters = Static<typeof FinancingDashboardQuery>;
export type DashboardFigures = Dashboard['totals'];
export type DashboardTable = 'regions' | 'banks' | 'kinds' | 'months' | 'reasons';
export type EnterpriseFinancing = Static<typeof EnterpriseFinancingSchema>;
/** The 2024 coordination mechanism's recommended list (src/shared/api/financing-recommendations.ts). */
export type Recommendation = Static<typeof RecommendationSchema>;
export type RecommendationState = Recommendation['state'];
export type RecommendationOutcome = NonNullable<Recommendation['outcome']>;
export type RecommendationInput = Static<typeof RecommendationBody>;
export type RecommendationFilters = Static<typeof RecommendationListQuery>;
export type RecommendationList = Static<typeof RecommendationListSchema>;
export type RecommendationCounts = RecommendationList['counts'];
export type BankRecommendationFilters = Static<typeof BankRecommendationListQuery>;
export type RecommendationDecision = Omit<Static<typeof RecommendationDecisionBody>, 'version'>;
export type MyRecommendations = Static<typeof MyRecommendationsSchema>;
export type ServingBank = Static<typeof ServingBanksSchema>['items'][number];

/** A recommendation's states, in the order they go. */
export const RECOMMENDATION_STATES: readonly RecommendationState[] = [
  'listed',
  'pushed',
  'contacted',
  'decided',
  'removed',
];
/** The five tests of the mechanism, as the body names them. */
export const FIVE_TESTS = [
  'compliantOperation',
  'fixedPremises',
  'realNeed',
  'goodCredit',
  'compliantPurpose',
] as const;
export type FiveTest = (typeof FIVE_TESTS)[number];

/** A receivable's states, in the order they go. */
export const RECEIVABLE_STATES: readonly ReceivableState[] = [
  'requested',
  'confirmed',
  'disputed',
  'financed',
  'withdrawn',
];

export const SETTING_KEYS: readonly FinancingSettingKey[] = [
  'pickup_working_days',
  'contact_working_days',
  'decision_days',
  'confirmation_days',
  'inclusive_loan_max',
  'guarantee_fee_guide',
];

type Query = RequestOptions['query'];

/** A read as query options: the key as lib/queries.ts makes it, the fetch cancelled with the query. */
function read<T>(path: string, params?: Record<string, string | number>, query?: Query) {
  return queryOptions<T>({
    queryKey: apiKey(path, params, query),
    queryFn: ({ signal }) => request<T>('GET', pathOf(path, params), { query, signal }),
  });
}

function send<T>(
  method: 'POST' | 'PUT',
  path: string,
  params: Record<string, string | number>,
  body?: unknown,
) {
  return request<T>(method, pathOf(path, params), { body: body ?? {} });
}

/** The reads of the financing pages. */
export const financingQueries = {
  bankProducts: (query: ProductFilters) => read<Paged<Product>>('/api/bank/financing/products', {}, query),
  bankProduct: (id: number) => read<Product>('/api/bank/financing/products/:id', { id }),
  board: (query: BoardFilters) => read<Board>('/api/bank/financing/demands', {}, query),
  bankDemand: (enterpriseId: number, demandId: number) =>
    read<DemandDetail>('/api/bank/financing/demands/:enterpriseId/:demandId', { enterpriseId, demandId }),
  performance: () => read<Performance>('/api/bank/financing/performance'),
  myProducts: (query: MyProductsFilters) => read<Paged<ProductFit>>('/api/my/financing/products', {}, query),
  myDemands: (query: DemandFilters) => read<Paged<Demand>>('/api/my/financing/demands', {}, query),
  myDemand: (id: number) => read<DemandDetail>('/api/my/financing/demands/:id', { id }),
  desk: (query: DeskFilters) => read<Desk>('/api/financing/desk', {}, query),
  settings: () => read<{ items: FinancingSetting[] }>('/api/financing/settings'),
  myReceivables: (query: ReceivableFilters) =>
    read<Paged<Receivable>>('/api/my/financing/receivables', {}, query),
  payerReceivables: (query: ReceivableFilters) =>
    read<Paged<PayerReceivable>>('/api/payer/receivables', {}, query),
  dashboard: (query: DashboardFilters) => read<Dashboard>('/api/financing/dashboard', {}, query),
  enterpriseFinancing: (id: number) => read<EnterpriseFinancing>('/api/enterprises/:id/financing', { id }),
  recommendations: (query: RecommendationFilters) =>
    read<RecommendationList>('/api/financing/recommendations', {}, query),
  bankRecommendations: (query: BankRecommendationFilters) =>
    read<Paged<Recommendation>>('/api/bank/financing/recommendations', {}, query),
  myRecommendations: () => read<MyRecommendations>('/api/my/financing/recommendations'),
  /** The banks whose published products serve a region (where an official may push an enterprise). */
  servingBanks: (region: string) => read<{ items: ServingBank[] }>('/api/financing/banks', {}, { region }),
};

/** The address of the recommended list, as the filters stand, as a CSV or XLSX file. */
export function recommendationsExportUrl(
  filters: RecommendationFilters,
  format: 'csv' | 'xlsx',
  lang: 'zh' | 'en',
): string {
  const { page: _page, pageSize: _pageSize, ...rest } = filters;
  return downloadUrl('/api/financing/recommendations/export', { query: { ...rest, format, lang } });
}

/** The address of a table of the dashboard as a CSV or XLSX file. */
export function dashboardExportUrl(
  filters: DashboardFilters,
  table: DashboardTable,
  format: 'csv' | 'xlsx',
  lang: 'zh' | 'en',
): string {
  return downloadUrl('/api/financing/dashboard/export', { query: { ...filters, table, format, lang } });
}

/** The writes of the financing pages (each marks the cached reads stale, as every write does). */
export const financingApi = {
  createProduct: (body: ProductInput) => send<Product>('POST', '/api/bank/financing/products', {}, body),
  changeProduct: (id: number, body: ProductInput & { version: number }) =>
    send<Product>('PUT', '/api/bank/financing/products/:id', { id }, body),
  withdrawProduct: (id: number, version: number) =>
    send<Product>('POST', '/api/bank/financing/products/:id/withdraw', { id }, { version }),
  pickUp: (enterpriseId: number, demandId: number) =>
    send<DemandDetail>('POST', '/api/bank/financing/demands/:enterpriseId/:demandId/pickup', {
      enterpriseId,
      demandId,
    }),
  act: (enterpriseId: number, demandId: number, body: ResponseAction) =>
    send<DemandDetail>(
      'POST',
      '/api/bank/financing/demands/:enterpriseId/:demandId/actions',
      { enterpriseId, demandId },
      body,
    ),
  postDemand: (body: DemandInput) => send<DemandDetail>('POST', '/api/my/financing/demands', {}, body),
  withdrawDemand: (id: number, version: number) =>
    send<DemandDetail>('POST', '/api/my/financing/demands/:id/withdraw', { id }, { version }),
  referDemand: (id: number, version: number) =>
    send<DemandDetail>('POST', '/api/my/financing/demands/:id/refer', { id }, { version }),
  showProfile: (id: number, responseId: number) =>
    send<DemandDetail>('POST', '/api/my/financing/demands/:id/responses/:responseId/show-profile', {
      id,
      responseId,
    }),
  rate: (id: number, responseId: number, body: RateInput) =>
    send<DemandDetail>(
      'POST',
      '/api/my/financing/demands/:id/responses/:responseId/rating',
      { id, responseId },
      body,
    ),
  putSetting: (body: FinancingSettingInput) =>
    send<{ items: FinancingSetting[] }>('PUT', '/api/financing/settings', {}, body),
  requestReceivable: (body: ReceivableInput) =>
    send<Receivable>('POST', '/api/my/financing/receivables', {}, body),
  withdrawReceivable: (id: number, version: number) =>
    send<Receivable>('POST', '/api/my/financing/receivables/:id/withdraw', { id }, { version }),
  escalateReceivable: (id: number, version: number) =>
    send<Receivable>('POST', '/api/my/financing/receivables/:id/escalate', { id }, { version }),
  confirmReceivable: (enterpriseId: number, id: number, body: { version: number; amount?: string }) =>
    send<PayerReceivable>(
      'POST',
      '/api/payer/receivables/:enterpriseId/:id/confirm',
      { enterpriseId, id },
      body,
    ),
  disputeReceivable: (enterpriseId: number, id: number, body: { version: number; reason: string }) =>
    send<PayerReceivable>(
      'POST',
      '/api/payer/receivables/:enterpriseId/:id/dispute',
      { enterpriseId, id },
      body,
    ),
  addRecommendation: (body: RecommendationInput) =>
    send<Recommendation>('POST', '/api/financing/recommendations', {}, body),
  pushRecommendation: (r: Recommendation, institutionId: number) =>
    send<Recommendation>(
      'POST',
      '/api/financing/recommendations/:enterpriseId/:id/push',
      { enterpriseId: r.enterpriseId, id: r.id },
      { institutionId, version: r.version },
    ),
  removeRecommendation: (r: Recommendation, reason: string) =>
    send<Recommendation>(
      'POST',
      '/api/financing/recommendations/:enterpriseId/:id/remove',
      { enterpriseId: r.enterpriseId, id: r.id },
      { reason, version: r.version },
    ),
  contactRecommendation: (r: Recommendation, note?: string) =>
    send<Recommendation>(
      'POST',
      '/api/bank/financing/recommendations/:enterpriseId/:id/contact',
      { enterpriseId: r.enterpriseId, id: r.id },
      { version: r.version, ...(note ? { note } : {}) },
    ),
  decideRecommendation: (r: Recommendation, body: RecommendationDecision) =>
    send<Recommendation>(
      'POST',
      '/api/bank/financing/recommendations/:enterpriseId/:id/decision',
      { enterpriseId: r.enterpriseId, id: r.id },
      { ...body, version: r.version },
    ),
};
