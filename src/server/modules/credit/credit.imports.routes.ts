/**
 * Routes of credit information for officials (issue 14, measure 4): a department's file uploaded into the
 * registry's import pipeline (its progress and rejected rows are read at `/api/registry/imports/:id…`), the
 * file's template, and the coverage by category in a region.
 */
import { PassThrough, type Readable } from 'node:stream';
import Type from 'typebox';
import { CREDIT_CATEGORIES } from '../../../reference/credit.ts';
import { ErrorSchema, errorResponses } from '../../../shared/api/common.ts';
import {
  CreditCoverageExportQuery,
  CreditCoverageQuery,
  type CreditCoverageRow,
  CreditCoverageSchema,
  CreditImportUploadQuery,
} from '../../../shared/api/credit-imports.ts';
import { ImportJobSchema, TemplateQuery } from '../../../shared/api/registry.ts';
import { todayInChina } from '../../../shared/today.ts';
import { actorOf, callerOf } from '../../http/auth.ts';
import { requestLanguage } from '../../http/errors.ts';
import { resolveRegionScope } from '../../http/region-scope.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { type ExportColumn, sendTableExport } from '../../lib/table-export.ts';
import {
  createImportJob,
  type ImportSettings,
  importJobView,
  type TemplateLayout,
  writeTemplate,
} from '../registry/index.ts';
import { creditCoverage } from './credit.coverage.ts';
import { CREDIT_IMPORT_COLUMNS } from './credit.import.rows.ts';
import { CREDIT_ITEMS } from './credit.rules.ts';

/** The template's workbook: the records sheet, its notes, and the categories with their items and values. */
const CREDIT_TEMPLATE: TemplateLayout = {
  sheet: { zh: '信用信息', en: 'Credit records' },
  notes: {
    zh: [
      '第一行为表头，每行一条信用记录；来源部门在导入时选择，适用于整个文件。',
      '同一来源编号在文件中只能出现一次；已导入过的来源编号再次导入时：内容相同计为未变，内容不同则更新（原记录保留为历史）。',
      '统一社会信用代码须为企业名录中已登记、且在您管辖区域内的企业。',
      '可上传 .xlsx 或 CSV（UTF-8 或 GBK 编码）文件；只读取第一个工作表。',
    ],
    en: [
      'The first row is the header; one credit record per row. The source department is chosen on the upload, for the whole file.',
      'A source record number appears once per file; imported again, an identical record is counted unchanged and a different one updates it (the old one kept as history).',
      'The USCC must be an enterprise of the registry, in your region.',
      'Upload .xlsx or CSV (UTF-8 or GBK); only the first worksheet is read.',
    ],
  },
  extra: {
    name: { zh: '类别与事项', en: 'Items' },
    header: {
      zh: ['信息类别', '类别代码', '事项', '事项代码', '数值或取值'],
      en: ['Category', 'Category code', 'Item', 'Item code', 'Number or value'],
    },
    rows: (lang) =>
      CREDIT_CATEGORIES.flatMap((c) =>
        (CREDIT_ITEMS[c.code] ?? []).map((item) => [
          lang === 'zh' ? c.nameZh : c.nameEn,
          c.code,
          lang === 'zh' ? item.nameZh : item.nameEn,
          item.code,
          item.value === 'number'
            ? lang === 'zh'
              ? `数值（${item.unit?.zh ?? ''}，必填）`
              : `number (${item.unit?.en ?? ''}, required)`
            : item.value === 'values'
              ? `${lang === 'zh' ? '取值' : 'value'}: ${(item.values ?? []).join(', ')}`
              : lang === 'zh'
                ? '不填'
                : 'none',
        ]),
      ),
  },
};

/** Columns of the coverage download, as the page's table. */
const COVERAGE_COLUMNS: readonly ExportColumn<CreditCoverageRow>[] = [
  {
    key: 'category',
    zh: '信息类别',
    en: 'Category',
    width: 24,
    value: (r, lang) => (lang === 'zh' ? r.nameZh : r.nameEn),
  },
  {
    key: 'enterprises',
    zh: '有记录的企业数',
    en: 'Enterprises with records',
    width: 16,
    value: (r) => r.enterprises,
  },
  {
    key: 'share',
    zh: '覆盖率（%）',
    en: 'Share (%)',
    width: 12,
    value: (r) => Math.round(r.share * 1000) / 10,
  },
  { key: 'records', zh: '记录数', en: 'Records', width: 12, value: (r) => r.records },
  { key: 'newest', zh: '最新日期', en: 'Newest', width: 14, value: (r) => r.newest },
  { key: 'median', zh: '日期中位数', en: 'Median date', width: 14, value: (r) => r.median },
  { key: 'code', zh: '类别代码', en: 'Category code', width: 16, value: (r) => r.category },
];

/** Registers the credit routes; `onQueued` wakes the import runner. */
export function creditImportRoutes(
  app: App,
  { db }: ModuleDeps,
  settings: ImportSettings,
  onQueued: () => void,
): void {
  app.post(
    '/api/credit/imports',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['credit'],
        summary:
          "Upload a department's CSV or XLSX of credit records (raw body, application/octet-stream) and queue its import",
        querystring: CreditImportUploadQuery,
        response: { 202: ImportJobSchema, 413: ErrorSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { fileName, mode, department } = request.query;
      const job = await createImportJob(
        db,
        settings,
        { stream: request.body as Readable, fileName, mode, kind: 'credit_records', options: { department } },
        callerOf(request),
      );
      onQueued();
      void reply.status(202);
      return importJobView(db, actorOf(request), job.id, requestLanguage(request));
    },
  );

  app.get(
    '/api/credit/import-template',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['credit'],
        summary:
          "The template of a department's credit file (CSV or XLSX with an instructions sheet and the items of each category)",
        querystring: TemplateQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? requestLanguage(request);
      const out = new PassThrough();
      void writeTemplate(request.query.format, lang, out, CREDIT_IMPORT_COLUMNS, CREDIT_TEMPLATE).catch(
        (error: unknown) => out.destroy(error as Error),
      );
      const isCsv = request.query.format === 'csv';
      void reply
        .header(
          'content-type',
          isCsv
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header(
          'content-disposition',
          `attachment; filename="huiqi-credit-template-${lang}.${request.query.format}"`,
        );
      return reply.send(out);
    },
  );

  app.get(
    '/api/credit/coverage',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['credit'],
        summary:
          "Credit information's coverage in a region by category: enterprises with published records, share, freshness",
        querystring: CreditCoverageQuery,
        response: { 200: CreditCoverageSchema, ...errorResponses },
      },
    },
    async (request) =>
      creditCoverage(db, resolveRegionScope(actorOf(request), request.query.region), todayInChina()),
  );

  app.get(
    '/api/credit/coverage/export',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['credit'],
        summary: "Credit information's coverage by category, as CSV or XLSX",
        querystring: CreditCoverageExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const today = todayInChina();
      const coverage = await creditCoverage(
        db,
        resolveRegionScope(actorOf(request), request.query.region),
        today,
      );
      const lang = requestLanguage(request);
      async function* pages() {
        yield coverage.categories;
      }
      return sendTableExport(reply, {
        format: request.query.format ?? 'csv',
        fileName: `credit-coverage-${coverage.regionCode ?? 'all'}-${today}`,
        pages: pages(),
        columns: COVERAGE_COLUMNS,
        lang,
        sheetName: lang === 'zh' ? '信用信息覆盖' : 'Credit coverage',
      });
    },
  );
}
