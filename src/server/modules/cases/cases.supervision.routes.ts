/** Routes of case supervision (督办, dashboard), the debtor's side of complaints and the annual disclosure. */
import Type from 'typebox';
import { errorResponses, IdParams, Ok } from '../../../shared/api/common.ts';
import {
  ClaimAnswerBody,
  ClaimDetailSchema,
  ClaimPageSchema,
  ClaimsQuery,
  DashboardExportQuery,
  DashboardQuerySchema,
  DashboardSchema,
  DisclosureSchema,
  DisclosureStatusSchema,
  type Metrics,
  PayerDisclosureSchema,
  PayerSummarySchema,
  PublicDisclosureQuery,
  PublishDisclosureBody,
  SuperviseBody,
  SupervisionParams,
  YearQuery,
} from '../../../shared/api/supervision.ts';
import { todayInChina } from '../../../shared/today.ts';
import { actorOf, callerOf } from '../../http/auth.ts';
import { requestLanguage } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { csvStream, type ExportColumn, xlsxStream } from '../../lib/table-export.ts';
import * as disclosure from './cases.disclosure.ts';
import * as payer from './cases.payer.ts';
import * as supervision from './cases.supervision.ts';

const OFFICIALS = { roles: ['official', 'admin'] } as const;
const PAYER = { roles: ['payer'] } as const;

type DashboardRow = Metrics & { name: string; overdue?: number; dueSoon?: number };
const pct = (v: number | null) => (v === null ? '' : Math.round(v * 1000) / 10);

/** Columns of a dashboard export (one row per region, department, debtor kind or month). */
const DASHBOARD_COLUMNS: readonly ExportColumn<DashboardRow>[] = [
  { key: 'name', zh: '分组', en: 'Group', width: 24, value: (r) => r.name },
  { key: 'received', zh: '受理数', en: 'Received', value: (r) => r.received },
  { key: 'open', zh: '在办数', en: 'Open', value: (r) => r.open },
  { key: 'overdue', zh: '已超期（在办）', en: 'Overdue (open)', value: (r) => r.overdue ?? '' },
  { key: 'dueSoon', zh: '即将到期（在办）', en: 'Due soon (open)', value: (r) => r.dueSoon ?? '' },
  { key: 'replied', zh: '已答复', en: 'Replied', value: (r) => r.replied },
  { key: 'onTimeRate', zh: '按时答复率（%）', en: 'On time (%)', value: (r) => pct(r.onTimeRate) },
  {
    key: 'averageHandlingDays',
    zh: '平均办理天数',
    en: 'Average days',
    value: (r) => r.averageHandlingDays ?? '',
  },
  { key: 'rated', zh: '已评价', en: 'Rated', value: (r) => r.rated },
  { key: 'satisfactionRate', zh: '满意率（%）', en: 'Satisfied (%)', value: (r) => pct(r.satisfactionRate) },
  { key: 'reopenRate', zh: '重办率（%）', en: 'Reopened (%)', value: (r) => pct(r.reopenRate) },
  { key: 'claimed', zh: '投诉金额（元）', en: 'Claimed (CNY)', value: (r) => r.claimed },
  { key: 'repaid', zh: '已清偿（元）', en: 'Repaid (CNY)', value: (r) => r.repaid },
  { key: 'outstanding', zh: '未清偿（元）', en: 'Outstanding (CNY)', value: (r) => r.outstanding },
  { key: 'clearanceRatio', zh: '清偿率（%）', en: 'Cleared (%)', value: (r) => pct(r.clearanceRatio) },
];

const DEBTOR_KIND_NAMES: Record<string, { zh: string; en: string }> = {
  government: { zh: '机关', en: 'Government body' },
  public_institution: { zh: '事业单位', en: 'Public institution' },
  large_enterprise: { zh: '大型企业', en: 'Large enterprise' },
  '': { zh: '（诉求）', en: '(demands)' },
};

/** Registers the supervision, payer and disclosure routes. */
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
        response: { 200: Type.Object({ id: Type.Integer() }), ...errorResponses },
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
      const rows: DashboardRow[] =
        by === 'region'
          ? data.byRegion.map((r) => ({ ...r, name: r.regionName }))
          : by === 'department'
            ? data.byDepartment.map((r) => ({ ...r, name: r.departmentName[lang] }))
            : by === 'debtorKind'
              ? data.byDebtorKind.map((r) => ({
                  ...r,
                  name: (DEBTOR_KIND_NAMES[r.debtorKind] ?? { zh: r.debtorKind, en: r.debtorKind })[lang],
                }))
              : data.byMonth.map((r) => ({ ...r, name: r.month }));
      const total: DashboardRow = { ...data.totals, name: lang === 'zh' ? '合计' : 'Total' };
      if (by !== 'region') {
        delete total.overdue;
        delete total.dueSoon;
      }
      async function* pages() {
        yield [...rows, total];
      }
      const name = `supervision-${by}-${todayInChina()}`;
      if (format === 'csv') {
        void reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`);
        return reply.send(csvStream(pages(), DASHBOARD_COLUMNS, lang));
      }
      void reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`);
      return reply.send(
        xlsxStream(pages(), DASHBOARD_COLUMNS, lang, lang === 'zh' ? '督办统计' : 'Supervision'),
      );
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

  // ---- the debtor body's official --------------------------------------------------------------------------
  app.get(
    '/api/payer/summary',
    {
      config: { access: PAYER },
      schema: {
        tags: ['payer'],
        summary: 'My organisation: complaints awaiting an answer, amount outstanding',
        response: { 200: PayerSummarySchema, ...errorResponses },
      },
    },
    async (request) => payer.payerSummary(db, actorOf(request)),
  );
  app.get(
    '/api/payer/claims',
    {
      config: { access: PAYER },
      schema: {
        tags: ['payer'],
        summary: 'Overdue-payment complaints against my organisation (complainants confidential)',
        querystring: ClaimsQuery,
        response: { 200: ClaimPageSchema, ...errorResponses },
      },
    },
    async (request) => payer.listClaims(db, actorOf(request), request.query),
  );
  app.get(
    '/api/payer/claims/:id',
    {
      config: { access: PAYER },
      schema: {
        tags: ['payer'],
        summary: 'One complaint against my organisation',
        params: IdParams,
        response: { 200: ClaimDetailSchema, ...errorResponses },
      },
    },
    async (request) => payer.getClaim(db, actorOf(request), request.params.id),
  );
  app.post(
    '/api/payer/claims/:id/answers',
    {
      config: { access: PAYER },
      schema: {
        tags: ['payer'],
        summary: 'Answer a complaint: acknowledge, dispute with reasons, or record a payment',
        params: IdParams,
        body: ClaimAnswerBody,
        response: { 200: ClaimDetailSchema, ...errorResponses },
      },
    },
    async (request) => payer.answerClaim(db, callerOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/payer/disclosure',
    {
      config: { access: PAYER },
      schema: {
        tags: ['payer'],
        summary:
          "My organisation's disclosure of a year: generated from the complaints, and the published one",
        querystring: YearQuery,
        response: { 200: PayerDisclosureSchema, ...errorResponses },
      },
    },
    async (request) => disclosure.payerDisclosure(db, actorOf(request), request.query.year),
  );
  app.post(
    '/api/payer/disclosures',
    {
      config: { access: PAYER },
      schema: {
        tags: ['payer'],
        summary: "Publish my organisation's disclosure of a year (due by 31 March of the next)",
        body: PublishDisclosureBody,
        response: { 200: DisclosureSchema, ...errorResponses },
      },
    },
    async (request) => disclosure.publishDisclosure(db, callerOf(request), request.body),
  );
  app.get(
    '/api/public/arrears-disclosures',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary:
          'Published annual disclosures of overdue payments by government bodies and public institutions',
        querystring: PublicDisclosureQuery,
        response: {
          200: Type.Object({
            items: Type.Array(DisclosureSchema),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => disclosure.publicDisclosures(db, request.query),
  );
}
