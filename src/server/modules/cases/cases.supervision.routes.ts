/** Routes of case supervision (督办, dashboard) and officials' view of the annual disclosure. */
import Type from 'typebox';
import { errorResponses, IdParams, Ok } from '../../../shared/api/common.ts';
import {
  DashboardExportQuery,
  DashboardQuerySchema,
  DashboardSchema,
  DisclosureStatusSchema,
  type Metrics,
  SuperviseBody,
  SupervisionIssuedSchema,
  SupervisionParams,
  YearQuery,
} from '../../../shared/api/supervision.ts';
import { DASHBOARD_COLUMN_TITLES, debtorKindTitle } from '../../../shared/supervision-titles.ts';
import { todayInChina } from '../../../shared/today.ts';
import { actorOf, callerOf } from '../../http/auth.ts';
import { requestLanguage } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { type ExportColumn, sendTableExport } from '../../lib/table-export.ts';
import * as disclosure from './cases.disclosure.ts';
import * as supervision from './cases.supervision.ts';

const OFFICIALS = { roles: ['official', 'admin'] } as const;

type DashboardRow = Metrics & { name: string; overdue?: number; dueSoon?: number };
type Lang = 'zh' | 'en';
type ExportBy = 'region' | 'department' | 'debtorKind' | 'month';

/** A rate as the page shows it: a percentage with one decimal ('85.3%'), '' where there is nothing to divide. */
const percent = (v: number | null) => (v === null ? '' : `${Math.round(v * 1000) / 10}%`);
const titled = (key: keyof typeof DASHBOARD_COLUMN_TITLES) => DASHBOARD_COLUMN_TITLES[key];

/**
 * The columns of a dashboard export: the page's columns of that table, titled as the page titles them (the deadline
 * flags only by region, the amounts unless only demands are shown).
 */
export function dashboardColumns(by: ExportBy, type?: 'demand' | 'arrears'): ExportColumn<DashboardRow>[] {
  const figure = (
    key: keyof typeof DASHBOARD_COLUMN_TITLES,
    value: (r: DashboardRow) => string | number,
    width?: number,
  ): ExportColumn<DashboardRow> => ({ key, ...titled(key), value, ...(width ? { width } : {}) });
  return [
    figure(by, (r) => r.name, 24),
    figure('received', (r) => r.received),
    figure('open', (r) => r.open),
    ...(by === 'region'
      ? [figure('overdue', (r) => r.overdue ?? 0), figure('dueSoon', (r) => r.dueSoon ?? 0)]
      : []),
    figure('replied', (r) => r.replied),
    figure('onTimeRate', (r) => percent(r.onTimeRate)),
    figure('averageDays', (r) => r.averageHandlingDays ?? ''),
    figure('satisfaction', (r) => percent(r.satisfactionRate)),
    figure('reopenRate', (r) => percent(r.reopenRate)),
    ...(type === 'demand' && by !== 'debtorKind'
      ? []
      : [
          figure('claimed', (r) => r.claimed),
          figure('repaid', (r) => r.repaid),
          figure('outstanding', (r) => r.outstanding),
          figure('clearance', (r) => percent(r.clearanceRatio)),
        ]),
  ];
}

/** The rows of a dashboard export, named in the user's language, and their totals row (the sum of the rows). */
export function dashboardExportRows(
  data: Awaited<ReturnType<typeof supervision.supervisionDashboard>>,
  by: ExportBy,
  lang: Lang,
): DashboardRow[] {
  const rows: DashboardRow[] =
    by === 'region'
      ? data.byRegion.map((r) => ({
          ...r,
          name: lang === 'zh' ? r.regionName : r.regionNameEn || r.regionName,
        }))
      : by === 'department'
        ? data.byDepartment.map((r) => ({ ...r, name: r.departmentName[lang] }))
        : by === 'debtorKind'
          ? data.byDebtorKind.map((r) => ({
              ...r,
              name: debtorKindTitle(r.debtorKind)[lang],
            }))
          : data.byMonth.map((r) => ({ ...r, name: r.month }));
  const total: DashboardRow = { ...supervision.totalsOfRows(rows), name: titled('total')[lang] };
  if (by === 'region') {
    total.overdue = rows.reduce((a, r) => a + (r.overdue ?? 0), 0);
    total.dueSoon = rows.reduce((a, r) => a + (r.dueSoon ?? 0), 0);
  }
  return [...rows, total];
}

/** Registers the supervision (督办), dashboard and officials' disclosure routes. */
export function supervisionRoutes(app: App, { db }: ModuleDeps): void {
  app.post(
    '/api/cases/:id/supervisions',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['cases'],
        summary: 'Issue a supervision notice (督办) on an open case',
        params: IdParams,
        body: SuperviseBody,
        response: { 200: SupervisionIssuedSchema, ...errorResponses },
      },
    },
    async (request) => supervision.superviseCase(db, callerOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/cases/:id/supervisions/:supervisionId/acknowledge',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['cases'],
        summary: 'Acknowledge a supervision notice',
        params: SupervisionParams,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await supervision.acknowledgeSupervision(
        db,
        callerOf(request),
        request.params.id,
        request.params.supervisionId,
      );
      return { ok: true as const };
    },
  );
  app.get(
    '/api/supervision/dashboard',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['cases'],
        summary:
          'Supervision dashboard: on-time rate, handling days, satisfaction, reopen rate, arrears cleared',
        querystring: DashboardQuerySchema,
        response: { 200: DashboardSchema, ...errorResponses },
      },
    },
    async (request) => supervision.supervisionDashboard(db, actorOf(request), request.query),
  );
  app.get(
    '/api/supervision/dashboard/export',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['cases'],
        summary: 'Export a dashboard table (by region, department, debtor kind or month) as CSV or XLSX',
        querystring: DashboardExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { by, format, lang: asked, ...filters } = request.query;
      const lang = asked ?? requestLanguage(request);
      const data = await supervision.supervisionDashboard(db, actorOf(request), filters);
      const rows = dashboardExportRows(data, by, lang);
      const columns = dashboardColumns(by, filters.type);
      async function* pages() {
        yield rows;
      }
      return sendTableExport(reply, {
        format,
        fileName: `supervision-${by}-${todayInChina()}`,
        pages: pages(),
        columns,
        lang,
        sheetName: lang === 'zh' ? '督办统计' : 'Supervision',
      });
    },
  );
  app.get(
    '/api/supervision/disclosures',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['cases'],
        summary:
          'Annual disclosure of overdue payments: the public bodies of my region and whether they published',
        querystring: YearQuery,
        response: { 200: DisclosureStatusSchema, ...errorResponses },
      },
    },
    async (request) => disclosure.disclosureStatus(db, actorOf(request), request.query.year),
  );
}
