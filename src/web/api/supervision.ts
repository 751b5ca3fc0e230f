/**
 * Supervising officials' API (`/api/supervision/*`, src/server/modules/cases/cases.supervision.routes.ts): the
 * dashboard of case handling (on-time rate, handling days, satisfaction, reopen rate; arrears claimed, repaid,
 * outstanding), its table exports, and which public bodies of the region published their annual disclosure.
 */
import type { Static } from 'typebox';
import type {
  DashboardExportQuery,
  DashboardQuerySchema,
  DashboardSchema,
  DisclosureSchema,
  DisclosureStatusSchema,
  MetricsSchema,
} from '../../shared/api/supervision.ts';
import { downloadUrl, get } from './client.ts';

/** The dashboard's filters (region, month range, case type, department). */
export type DashboardFilters = Static<typeof DashboardQuerySchema>;
/** The dashboard of a region. */
export type Dashboard = Static<typeof DashboardSchema>;
/** The figures of one group of cases. */
export type Metrics = Static<typeof MetricsSchema>;
export type DashboardRegionRow = Dashboard['byRegion'][number];
export type DashboardDepartmentRow = Dashboard['byDepartment'][number];
export type DashboardDebtorRow = Dashboard['byDebtorKind'][number];
export type DashboardMonthRow = Dashboard['byMonth'][number];
/** What a table export groups by. */
export type DashboardExportBy = Static<typeof DashboardExportQuery>['by'];
export type DashboardExportFormat = Static<typeof DashboardExportQuery>['format'];
export type DashboardExportLang = NonNullable<Static<typeof DashboardExportQuery>['lang']>;

/** The public bodies of the region and their disclosure of a year. */
export type DisclosureStatus = Static<typeof DisclosureStatusSchema>;
export type DisclosureStatusItem = DisclosureStatus['items'][number];
/** A published disclosure. */
export type Disclosure = Static<typeof DisclosureSchema>;

export const supervisionApi = {
  dashboard: (filters: DashboardFilters, signal?: AbortSignal) =>
    get('/api/supervision/dashboard', { query: filters, signal }),
  disclosures: (year: number, signal?: AbortSignal) =>
    get('/api/supervision/disclosures', { query: { year }, signal }),
};

/** The address of a dashboard table's export (fetched by DownloadButton with the session cookie). */
export function dashboardExportUrl(
  filters: DashboardFilters,
  by: DashboardExportBy,
  format: DashboardExportFormat,
  lang: DashboardExportLang,
): string {
  return downloadUrl('/api/supervision/dashboard/export', { query: { ...filters, by, format, lang } });
}
