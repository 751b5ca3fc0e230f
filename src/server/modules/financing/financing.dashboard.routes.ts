/** Routes of the officials' financing dashboards and exports, and an enterprise's financing history (issue 15). */
import Type from 'typebox';
import { DECLINE_REASONS, PRODUCT_KINDS, termName } from '../../../reference/financing.ts';
import { errorResponses, IdParams } from '../../../shared/api/common.ts';
import {
  EnterpriseFinancingSchema,
  FinancingDashboardExportQuery,
  FinancingDashboardQuery,
  FinancingDashboardSchema,
} from '../../../shared/api/financing.ts';
import { todayInChina } from '../../../shared/today.ts';
import { callerOf } from '../../http/auth.ts';
import { requestLanguage } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { type ExportColumn, sendTableExport } from '../../lib/table-export.ts';
import { enterpriseFinancing } from './financing.history.ts';
import { type Figures, financingDashboard } from './financing.stats.ts';

const OFFICIALS = { roles: ['official', 'admin'] } as const;
const tags = ['financing'];
const today = () => todayInChina();

const FIGURE_COLUMNS: ExportColumn<Figures>[] = [
  { key: 'demands', zh: '融资需求', en: 'Demands', value: (r) => r.demands },
  { key: 'picked_up', zh: '已受理', en: 'Picked up', value: (r) => r.pickedUp },
  { key: 'pickup_rate', zh: '受理率（%）', en: 'Pickup rate (%)', value: (r) => r.pickupRate },
  { key: 'contacted', zh: '已联系', en: 'Contacted', value: (r) => r.contacted },
  {
    key: 'contact_hours',
    zh: '平均首次联系用时（小时）',
    en: 'Average hours to first contact',
    value: (r) => r.averageContactHours,
  },
  { key: 'granted', zh: '授信笔数', en: 'Granted', value: (r) => r.granted },
  { key: 'declined', zh: '未获批', en: 'Declined', value: (r) => r.declined },
  { key: 'grant_rate', zh: '获批率（%）', en: 'Grant rate (%)', value: (r) => r.grantRate },
  { key: 'granted_amount', zh: '授信金额（万元）', en: 'Granted (10k yuan)', value: (r) => r.grantedAmount },
  { key: 'first_loans', zh: '首贷户', en: 'First loans', value: (r) => r.firstLoans },
  { key: 'credit_loans', zh: '信用贷款', en: 'Credit loans', value: (r) => r.creditLoans },
  { key: 'credit_share', zh: '信用贷款占比（%）', en: 'Credit-loan share (%)', value: (r) => r.creditShare },
  { key: 'average_rate', zh: '平均年利率（%）', en: 'Average rate (%)', value: (r) => r.averageRate },
  {
    key: 'disbursed_amount',
    zh: '放款金额（万元）',
    en: 'Disbursed (10k yuan)',
    value: (r) => r.disbursedAmount,
  },
];

/**
 * A bank answers demands made to any bank's products: its "demands" are the applications to its own products, and
 * its pickups have no rate.
 */
const BANK_COLUMNS: ExportColumn<Figures>[] = FIGURE_COLUMNS.filter((c) => c.key !== 'pickup_rate').map(
  (c) => (c.key === 'demands' ? { ...c, zh: '向其产品申请', en: 'Applications to its products' } : c),
);

function withKey<T extends Figures>(key: ExportColumn<T>, figures = FIGURE_COLUMNS): ExportColumn<T>[] {
  return [key, ...(figures as ExportColumn<T>[])];
}

async function* once<T>(rows: T[]): AsyncGenerator<T[]> {
  if (rows.length > 0) yield rows;
}

type Dashboard = Awaited<ReturnType<typeof financingDashboard>>;

/** Registers the dashboard routes. */
export function financingDashboardRoutes(app: App, { db }: ModuleDeps): void {
  app.get(
    '/api/financing/dashboard',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary:
          'Financing figures of my region by region, bank, product kind and month, with declined reasons',
        querystring: FinancingDashboardQuery,
        response: { 200: FinancingDashboardSchema, ...errorResponses },
      },
    },
    async (request) => financingDashboard(db, callerOf(request), request.query, today()),
  );
  app.get(
    '/api/financing/dashboard/export',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Export a table of the financing dashboard as CSV or XLSX',
        querystring: FinancingDashboardExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { table, format, region, from, to } = request.query;
      const lang = request.query.lang ?? requestLanguage(request);
      const dashboard = await financingDashboard(db, callerOf(request), { region, from, to }, today());
      const fileName = `financing-${table}-${dashboard.from}-${dashboard.to}`;
      const sheetName = {
        regions: { zh: '按地区', en: 'By region' },
        banks: { zh: '按机构', en: 'By bank' },
        kinds: { zh: '按产品类型', en: 'By product kind' },
        months: { zh: '按月', en: 'By month' },
        reasons: { zh: '未获批原因', en: 'Declined reasons' },
      }[table][lang];
      const common = { format, fileName, lang, sheetName };
      if (table === 'regions')
        return sendTableExport(reply, {
          ...common,
          pages: once(dashboard.byRegion),
          columns: withKey<Dashboard['byRegion'][number]>({
            key: 'region',
            zh: '地区',
            en: 'Region',
            width: 30,
            value: (r, l) => (l === 'zh' ? r.name : r.nameEn),
          }),
        });
      if (table === 'banks')
        return sendTableExport(reply, {
          ...common,
          pages: once(dashboard.byBank),
          columns: withKey<Dashboard['byBank'][number]>(
            {
              key: 'institution',
              zh: '金融机构',
              en: 'Institution',
              width: 30,
              value: (r) => r.name,
            },
            BANK_COLUMNS,
          ),
        });
      if (table === 'kinds')
        return sendTableExport(reply, {
          ...common,
          pages: once(dashboard.byKind),
          columns: withKey<Dashboard['byKind'][number]>({
            key: 'kind',
            zh: '产品类型',
            en: 'Product kind',
            width: 24,
            value: (r, l) =>
              r.kind === ''
                ? l === 'zh'
                  ? '未指定产品'
                  : 'No product named'
                : termName(PRODUCT_KINDS, r.kind)[l],
          }),
        });
      if (table === 'months')
        return sendTableExport(reply, {
          ...common,
          pages: once(dashboard.byMonth),
          columns: withKey<Dashboard['byMonth'][number]>({
            key: 'month',
            zh: '月份',
            en: 'Month',
            value: (r) => r.month,
          }),
        });
      return sendTableExport(reply, {
        ...common,
        pages: once(dashboard.declineReasons),
        columns: [
          {
            key: 'reason',
            zh: '原因',
            en: 'Reason',
            width: 30,
            value: (r, l) => termName(DECLINE_REASONS, r.reason)[l],
          },
          { key: 'count', zh: '笔数', en: 'Count', value: (r) => r.count },
        ],
      });
    },
  );
  app.get(
    '/api/enterprises/:id/financing',
    {
      config: { access: { roles: ['official', 'admin', 'auditor'] } },
      schema: {
        tags,
        summary: "An enterprise's financing history: its demands with each bank's outcome, its receivables",
        params: IdParams,
        response: { 200: EnterpriseFinancingSchema, ...errorResponses },
      },
    },
    async (request) => enterpriseFinancing(db, callerOf(request), request.params.id),
  );
}
