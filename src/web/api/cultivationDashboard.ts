/**
 * The officials' cultivation dashboard (issue 18) as the web app sees it: the types of src/shared/api/
 * cultivation-dashboard.ts (types only), the reads as TanStack query options keyed as lib/queries.ts keys every read
 * (`[route path, params?, query?]`), the addresses of its exports, and starting the registry-wide scoring.
 */
import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  CandidateSchema,
  CandidatesPageSchema,
  CandidatesQuery,
  CultivationDashboardQuery,
  CultivationDashboardSchema,
  ScoringOverviewSchema,
  ScoringRunSchema,
} from '../../shared/api/cultivation-dashboard.ts';
import { apiKey } from '../lib/queries.ts';
import { buildUrl, type RequestOptions, request } from './client.ts';

export type CultivationDashboard = Static<typeof CultivationDashboardSchema>;
export type DashboardFilters = Static<typeof CultivationDashboardQuery>;
export type Candidate = Static<typeof CandidateSchema>;
export type CandidatesPage = Static<typeof CandidatesPageSchema>;
export type CandidateFilters = Static<typeof CandidatesQuery>;
export type DashboardTable = 'tiers' | 'regions';
export type ExportFormat = 'csv' | 'xlsx';
export type FileLang = 'zh' | 'en';
export type ScoringOverview = Static<typeof ScoringOverviewSchema>;
export type ScoringRun = Static<typeof ScoringRunSchema>;

type Query = RequestOptions['query'];

function read<T>(path: string, query: Query) {
  return queryOptions<T>({
    queryKey: apiKey(path, undefined, query),
    queryFn: ({ signal }) => request<T>('GET', path, { query, signal }),
  });
}

/** The dashboard's reads. */
export const cultivationDashboardQueries = {
  dashboard: (query: DashboardFilters) =>
    read<CultivationDashboard>('/api/cultivation/dashboard', query as Query),
  candidates: (query: CandidateFilters) =>
    read<CandidatesPage>('/api/cultivation/candidates', query as Query),
  /** The registry-wide scoring of a region: the run under way, the last finished, whether I may start one. */
  scoring: (query: { regionCode?: string | undefined }) =>
    read<ScoringOverview>('/api/cultivation/scoring', query as Query),
};

/** Starts the registry-wide scoring of a region (the caller's own unless told). */
export function startScoring(regionCode: string | undefined): Promise<ScoringOverview> {
  return request<ScoringOverview>('POST', '/api/cultivation/scoring', {
    body: regionCode ? { regionCode } : {},
  });
}

/** The address of a dashboard table (by tier, or by sub-region) as a CSV or XLSX file. */
export function dashboardExportUrl(
  filters: DashboardFilters,
  table: DashboardTable,
  format: ExportFormat,
  lang: FileLang,
): string {
  return buildUrl('/api/cultivation/dashboard/export', { ...filters, table, format, lang });
}

/** The address of the likely candidates, as the filters stand, as a CSV or XLSX file. */
export function candidatesExportUrl(
  filters: Omit<CandidateFilters, 'page' | 'pageSize'>,
  format: ExportFormat,
  lang: FileLang,
): string {
  return buildUrl('/api/cultivation/candidates/export', { ...filters, format, lang });
}
