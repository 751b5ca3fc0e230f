/**
 * The buying bodies' annual reports of SME procurement (issue 17) as the web app sees them: the API's types (from
 * src/shared/api/procurement-reports.ts, types only), the reads as TanStack query options keyed as lib/queries.ts
 * keys every read, and the calls (generate, save, publish) on client.ts's request().
 */
import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  PublicReportListQuery,
  PublicReportListSchema,
  PublicReportSchema,
  ReportGenerateBody,
  ReportListQuery,
  ReportListSchema,
  ReportSchema,
  ReportUpdateBody,
} from '../../shared/api/procurement-reports.ts';
import { apiKey } from '../lib/queries.ts';
import { pathOf, type RequestOptions, request } from './client.ts';

export type Report = Static<typeof ReportSchema>;
export type ReportFigures = Report['figures'];
export type ReportFigureLine = ReportFigures['total'];
export type ReportInput = Static<typeof ReportGenerateBody>;
export type ReportUpdate = Static<typeof ReportUpdateBody>;
export type ReportFilters = Static<typeof ReportListQuery>;
export type ReportList = Static<typeof ReportListSchema>;
export type ReportListItem = ReportList['items'][number];
export type ReportListState = ReportListItem['state'];
export type PublicReportFilters = Static<typeof PublicReportListQuery>;
export type PublicReportList = Static<typeof PublicReportListSchema>;
export type PublicReportItem = PublicReportList['items'][number];
export type PublicReport = Static<typeof PublicReportSchema>;

/** The states of a body's report of a year, in the order the list gives them. */
export const REPORT_LIST_STATES: readonly ReportListState[] = ['none', 'draft', 'published'];

type Query = RequestOptions['query'];

function read<T>(path: string, params?: Record<string, string | number>, query?: Query, anonymousOk = false) {
  return queryOptions<T>({
    queryKey: apiKey(path, params, query),
    queryFn: ({ signal }) => request<T>('GET', pathOf(path, params), { query, signal, anonymousOk }),
  });
}

/** The reads of the report pages. */
export const reportQueries = {
  list: (query: ReportFilters) => read<ReportList>('/api/procurement/reports', {}, query),
  report: (id: number) => read<Report>('/api/procurement/reports/:id', { id }),
  publicList: (query: PublicReportFilters) =>
    read<PublicReportList>('/api/public/procurement/reports', {}, query, true),
  publicReport: (id: number) =>
    read<PublicReport>('/api/public/procurement/reports/:id', { id }, undefined, true),
};

/** The calls of the report pages (each write marks the cached reads stale, as every write does). */
export const reportApi = {
  generate: (body: ReportInput) => request<Report>('POST', '/api/procurement/reports', { body }),
  save: (id: number, body: ReportUpdate) =>
    request<Report>('PUT', pathOf('/api/procurement/reports/:id', { id }), { body }),
  publish: (id: number, version: number) =>
    request<Report>('POST', pathOf('/api/procurement/reports/:id/publish', { id }), { body: { version } }),
};

/** The address of a report's page: the staff's (drafts too) or the public's. */
export const reportPath = (id: number, audience: 'staff' | 'public') =>
  audience === 'staff' ? `/app/procurement/reports/${id}` : `/procurement/reports/${id}`;
