/**
 * Routes of credit information (issue 14): the enterprise's records, objections, consents, receipts and access
 * log; the banks' consent requests, reports and checks; the officials' records view, objection queue, statistics;
 * the dated figures of the rules.
 */
import Type from 'typebox';
import { errorResponses, IdParams } from '../../../shared/api/common.ts';
import {
  AccessLogQuery,
  AccessLogSchema,
  AnswerObjectionBody,
  AuthoriseConsentBody,
  CheckAnswerSchema,
  CheckBody,
  ConsentListQuery,
  ConsentListSchema,
  ConsentReceiptSchema,
  ConsentSchema,
  CreditObjectionSchema,
  CreditRecordSchema,
  CreditRecordsQuery,
  CreditRecordsSchema,
  CreditReportSchema,
  CreditSettingsSchema,
  CreditStatsExportQuery,
  CreditStatsQuery,
  CreditStatsSchema,
  DeclareRecordBody,
  EnterpriseConsentParams,
  EnterpriseItemParams,
  GrantConsentBody,
  InstitutionOptionsSchema,
  InstitutionQuery,
  ObjectionBody,
  ObjectionQueueQuery,
  ObjectionQueueSchema,
  PutCreditSettingBody,
  ReportQuery,
  RequestConsentBody,
} from '../../../shared/api/credit.ts';
import { todayInChina } from '../../../shared/today.ts';
import { actorOf, callerOf } from '../../http/auth.ts';
import { requestLanguage } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { type ExportColumn, sendTableExport } from '../../lib/table-export.ts';
import { searchInstitutions } from '../institutions/index.ts';
import * as consents from './credit.consents.ts';
import * as records from './credit.records.ts';
import * as reports from './credit.reports.ts';
import * as settings from './credit.settings.ts';
import { creditStats } from './credit.stats.ts';

const ENTERPRISE = { roles: ['enterprise'] } as const;
const BANK = { roles: ['bank'] } as const;
const OFFICIALS = { roles: ['official', 'admin'] } as const;
const today = () => todayInChina();
const tags = ['credit'];

type QueuedObjection = Awaited<ReturnType<typeof records.objectionsForOfficials>>['items'][number];

const OBJECTION_COLUMNS: ExportColumn<QueuedObjection>[] = [
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', value: (r) => r.uscc },
  { key: 'name', zh: '企业名称', en: 'Enterprise', width: 36, value: (r) => r.enterpriseName },
  { key: 'region_code', zh: '行政区划代码', en: 'Region code', value: (r) => r.regionCode },
  {
    key: 'kind',
    zh: '类型',
    en: 'Kind',
    value: (r, lang) =>
      r.kind === 'repair' ? (lang === 'zh' ? '信用修复' : 'Repair') : lang === 'zh' ? '异议' : 'Objection',
  },
  { key: 'record', zh: '记录', en: 'Record', width: 36, value: (r) => r.recordTitle },
  { key: 'source', zh: '来源部门', en: 'Source', value: (r) => r.recordSource },
  { key: 'filed_at', zh: '提出时间', en: 'Filed', value: (r) => todayInChina(new Date(r.filedAt)) },
  { key: 'due_on', zh: '答复期限', en: 'Due', value: (r) => r.dueOn },
  { key: 'state', zh: '状态', en: 'State', value: (r) => r.state },
  { key: 'late', zh: '超期', en: 'Late', value: (r, lang) => (r.late ? (lang === 'zh' ? '是' : 'yes') : '') },
  { key: 'reason', zh: '理由', en: 'Reason', width: 48, value: (r) => r.reason },
  { key: 'answer', zh: '答复', en: 'Answer', width: 48, value: (r) => r.answer },
];

type Stats = Awaited<ReturnType<typeof creditStats>>;

const GRADE_COLUMNS: ExportColumn<Stats['grades'][number]>[] = [
  { key: 'region_code', zh: '行政区划代码', en: 'Region code', value: (r) => r.regionCode },
  { key: 'size', zh: '企业规模', en: 'Size', value: (r) => r.size },
  { key: 'section', zh: '行业门类', en: 'Industry section', value: (r) => r.section },
  { key: 'grade', zh: '信用等级', en: 'Grade', value: (r) => r.grade },
  { key: 'count', zh: '企业数', en: 'Enterprises', value: (r) => r.count },
];
const BANK_COLUMNS: ExportColumn<Stats['queriesByBank'][number]>[] = [
  { key: 'institution', zh: '金融机构', en: 'Institution', width: 36, value: (r) => r.institutionName },
  { key: 'reports', zh: '信用报告查询', en: 'Reports', value: (r) => r.reports },
  { key: 'checks', zh: '核验', en: 'Checks', value: (r) => r.checks },
  { key: 'enterprises', zh: '涉及企业', en: 'Enterprises', value: (r) => r.enterprises },
];
const MONTH_COLUMNS: ExportColumn<Stats['consents']['byMonth'][number]>[] = [
  { key: 'month', zh: '月份', en: 'Month', value: (r) => r.month },
  { key: 'given', zh: '授权', en: 'Given', value: (r) => r.given },
  { key: 'revoked', zh: '撤回', en: 'Revoked', value: (r) => r.revoked },
];

async function* once<T>(rows: T[]): AsyncGenerator<T[]> {
  if (rows.length > 0) yield rows;
}

/** Registers the credit routes. */
export function creditRoutes(
  app: App,
  { db }: ModuleDeps,
  readScore: reports.ScoreReader = reports.readConsentedScore,
): void {
  // ---- the enterprise ----
  app.get(
    '/api/my/credit/records',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'My credit records by category and source, with my objections and repair requests',
        querystring: CreditRecordsQuery,
        response: { 200: CreditRecordsSchema, ...errorResponses },
      },
    },
    async (request) => records.myRecords(db, callerOf(request), request.query, today()),
  );
  app.post(
    '/api/my/credit/records',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Declare a record myself under the credit commitment (自愿填报＋信用承诺)',
        body: DeclareRecordBody,
        response: { 200: CreditRecordSchema, ...errorResponses },
      },
    },
    async (request) => records.declareRecord(db, callerOf(request), request.body, today()),
  );
  app.post(
    '/api/my/credit/records/:id/objections',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Object to one of my records, or ask for a penalty to be repaired',
        params: IdParams,
        body: ObjectionBody,
        response: { 200: CreditObjectionSchema, ...errorResponses },
      },
    },
    async (request) => records.fileObjection(db, callerOf(request), request.params.id, request.body, today()),
  );
  app.get(
    '/api/my/credit/consents',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'My consents and the banks’ requests',
        querystring: ConsentListQuery,
        response: { 200: ConsentListSchema, ...errorResponses },
      },
    },
    async (request) => consents.listConsents(db, callerOf(request), request.query, today()),
  );
  app.post(
    '/api/my/credit/consents',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Consent for a named bank to see chosen categories for a purpose until a date',
        body: GrantConsentBody,
        response: { 200: ConsentSchema, ...errorResponses },
      },
    },
    async (request) => consents.grantConsent(db, callerOf(request), request.body, today()),
  );
  app.post(
    '/api/my/credit/consents/:id/authorise',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Authorise a bank’s request (possibly for a shorter time)',
        params: IdParams,
        body: AuthoriseConsentBody,
        response: { 200: ConsentSchema, ...errorResponses },
      },
    },
    async (request) =>
      consents.decideConsent(db, callerOf(request), request.params.id, 'authorise', request.body, today()),
  );
  for (const decision of ['reject', 'revoke'] as const)
    app.post(
      `/api/my/credit/consents/:id/${decision}`,
      {
        config: { access: ENTERPRISE },
        schema: {
          tags,
          summary:
            decision === 'reject' ? 'Reject a bank’s request' : 'Revoke a consent: every later query refuses',
          params: IdParams,
          response: { 200: ConsentSchema, ...errorResponses },
        },
      },
      async (request) =>
        consents.decideConsent(db, callerOf(request), request.params.id, decision, null, today()),
    );
  app.get(
    '/api/my/credit/consents/:id/receipt',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary:
          'Download the receipt of a consent the enterprise authorised (Kantara Consent Receipt v1.1 fields, JSON)',
        params: IdParams,
        response: { 200: ConsentReceiptSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const receipt = await consents.consentReceipt(
        db,
        callerOf(request),
        request.params.id,
        today(),
        requestLanguage(request),
      );
      reply.header('content-disposition', `attachment; filename="consent-receipt-${request.params.id}.json"`);
      return receipt;
    },
  );
  app.get(
    '/api/my/credit/access-log',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Every query a bank made on my data: who, when, which categories, for what',
        querystring: AccessLogQuery,
        response: { 200: AccessLogSchema, ...errorResponses },
      },
    },
    async (request) => consents.listAccessLog(db, callerOf(request), request.query),
  );
  app.get(
    '/api/credit/institutions',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Financial institutions to name in a consent (by name)',
        querystring: InstitutionQuery,
        response: { 200: InstitutionOptionsSchema, ...errorResponses },
      },
    },
    async (request) => ({
      items: (await searchInstitutions(db, request.query.q ?? '', 50)).map((i) => ({
        id: i.id,
        name: i.name,
        kind: i.kind,
      })),
    }),
  );

  // ---- banks ----
  app.get(
    '/api/bank/credit/consents',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'My institution’s consents and requests',
        querystring: ConsentListQuery,
        response: { 200: ConsentListSchema, ...errorResponses },
      },
    },
    async (request) => consents.listConsents(db, callerOf(request), request.query, today()),
  );
  app.post(
    '/api/bank/credit/consents',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'Ask an enterprise (by USCC) for consent, with purpose and categories',
        body: RequestConsentBody,
        response: { 200: ConsentSchema, ...errorResponses },
      },
    },
    async (request) => consents.requestConsent(db, callerOf(request), request.body, today()),
  );
  app.get(
    '/api/bank/credit/enterprises/:enterpriseId/consents/:consentId',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'One of my institution’s consents (status, scope, categories); not logged: no data is read',
        params: EnterpriseConsentParams,
        response: { 200: ConsentSchema, ...errorResponses },
      },
    },
    async (request) =>
      consents.bankConsent(
        db,
        callerOf(request),
        request.params.enterpriseId,
        request.params.consentId,
        today(),
      ),
  );
  app.get(
    '/api/bank/credit/enterprises/:enterpriseId/consents/:consentId/report',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary:
          'The credit report under a live consent: consented categories only, personal data masked; logged',
        params: EnterpriseConsentParams,
        querystring: ReportQuery,
        response: { 200: CreditReportSchema, ...errorResponses },
      },
    },
    async (request) =>
      reports.creditReport(
        db,
        callerOf(request),
        request.params.enterpriseId,
        request.params.consentId,
        request.query,
        today(),
        readScore,
      ),
  );
  app.post(
    '/api/bank/credit/enterprises/:enterpriseId/consents/:consentId/check',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'A check-only question under a live consent: yes or no, no data; logged',
        params: EnterpriseConsentParams,
        body: CheckBody,
        response: { 200: CheckAnswerSchema, ...errorResponses },
      },
    },
    async (request) =>
      reports.creditCheck(
        db,
        callerOf(request),
        request.params.enterpriseId,
        request.params.consentId,
        request.body.question,
        today(),
      ),
  );
  app.get(
    '/api/bank/credit/access-log',
    {
      config: { access: BANK },
      schema: {
        tags,
        summary: 'My institution’s queries',
        querystring: AccessLogQuery,
        response: { 200: AccessLogSchema, ...errorResponses },
      },
    },
    async (request) => consents.listAccessLog(db, callerOf(request), request.query),
  );

  // ---- officials ----
  app.get(
    '/api/credit/enterprises/:id/records',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'An enterprise’s credit records (officials of its region)',
        params: IdParams,
        querystring: CreditRecordsQuery,
        response: { 200: CreditRecordsSchema, ...errorResponses },
      },
    },
    async (request) =>
      records.enterpriseRecords(db, actorOf(request), request.params.id, request.query, today()),
  );
  app.get(
    '/api/credit/objections',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Objections and repair requests of my region: open first, the oldest due first',
        querystring: ObjectionQueueQuery,
        response: { 200: ObjectionQueueSchema, ...errorResponses },
      },
    },
    async (request) => {
      const scope = resolveRegionScope(actorOf(request), request.query.region);
      return records.objectionsForOfficials(db, request.query, scope.prefix, today());
    },
  );
  app.get(
    '/api/credit/objections/export',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Export the objections and repair requests of my region (CSV or XLSX)',
        querystring: Type.Object(
          {
            ...ObjectionQueueQuery.properties,
            format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
            lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const scope = resolveRegionScope(actorOf(request), request.query.region);
      const lang = request.query.lang ?? requestLanguage(request);
      const query = request.query;
      async function* pages() {
        for (let page = 1; ; page++) {
          const { items } = await records.objectionsForOfficials(
            db,
            { ...query, page, pageSize: 200 },
            scope.prefix,
            today(),
          );
          if (items.length === 0) return;
          yield items;
          if (items.length < 200) return;
        }
      }
      return sendTableExport(reply, {
        format: query.format,
        fileName: `credit-objections-${today()}`,
        pages: pages(),
        columns: OBJECTION_COLUMNS,
        lang,
        sheetName: lang === 'zh' ? '异议与修复' : 'Objections',
      });
    },
  );
  app.post(
    '/api/credit/objections/:enterpriseId/:id/answer',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Answer an objection or repair request in writing (accept with a correction, or reject)',
        params: EnterpriseItemParams,
        body: AnswerObjectionBody,
        response: { 200: CreditObjectionSchema, ...errorResponses },
      },
    },
    async (request) =>
      records.answerObjection(
        db,
        callerOf(request),
        request.params.enterpriseId,
        request.params.id,
        request.body,
        today(),
      ),
  );
  app.get(
    '/api/credit/stats',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Credit statistics of my region: consents, queries by bank, objections, grades',
        querystring: CreditStatsQuery,
        response: { 200: CreditStatsSchema, ...errorResponses },
      },
    },
    async (request) => creditStats(db, actorOf(request), request.query, today()),
  );
  app.get(
    '/api/credit/stats/export',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary:
          'Export a table of the credit statistics (grades, queries by bank, consents by month) as CSV or XLSX',
        querystring: CreditStatsExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { table, format, region, from, to } = request.query;
      const lang = request.query.lang ?? requestLanguage(request);
      const stats = await creditStats(db, actorOf(request), { region, from, to }, today());
      const fileName = `credit-${table}-${stats.from}-${stats.to}`;
      const sheetName = {
        grades: { zh: '信用等级分布', en: 'Grades' },
        banks: { zh: '机构查询', en: 'Queries by bank' },
        months: { zh: '授权按月', en: 'Consents by month' },
      }[table][lang];
      if (table === 'grades')
        return sendTableExport(reply, {
          format,
          fileName,
          lang,
          sheetName,
          columns: GRADE_COLUMNS,
          pages: once(stats.grades),
        });
      if (table === 'banks')
        return sendTableExport(reply, {
          format,
          fileName,
          lang,
          sheetName,
          columns: BANK_COLUMNS,
          pages: once(stats.queriesByBank),
        });
      return sendTableExport(reply, {
        format,
        fileName,
        lang,
        sheetName,
        columns: MONTH_COLUMNS,
        pages: once(stats.consents.byMonth),
      });
    },
  );
  app.get(
    '/api/credit/settings',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The dated figures of the credit rules, with their basis and whether verified',
        response: { 200: CreditSettingsSchema, ...errorResponses },
      },
    },
    async () => settings.creditSettingsList(db),
  );
  app.put(
    '/api/credit/settings',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags,
        summary: 'Record a dated figure of the credit rules (admin; audited)',
        body: PutCreditSettingBody,
        response: { 200: CreditSettingsSchema, ...errorResponses },
      },
    },
    async (request) => settings.putSetting(db, callerOf(request), request.body),
  );
}
