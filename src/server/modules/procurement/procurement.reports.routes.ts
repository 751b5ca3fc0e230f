/**
 * Routes of the buying bodies' annual public reports of SME procurement (issue 17): a buyer (their own body) or a
 * supervising official (a body of their region) generates a year's report as a draft, saves it, publishes it, and
 * corrects it as a new version; officials follow a year's reports across their region (and export the list); the
 * public reads and downloads the published reports without an account.
 */
import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import { errorResponses, IdParams } from '../../../shared/api/common.ts';
import {
  PublicReportExportQuery,
  PublicReportListQuery,
  PublicReportListSchema,
  PublicReportSchema,
  ReportGenerateBody,
  ReportListExportQuery,
  ReportListQuery,
  ReportListSchema,
  ReportPublishBody,
  ReportSchema,
  ReportUpdateBody,
} from '../../../shared/api/procurement-reports.ts';
import { type CsvCell, csvCell } from '../../../shared/csv.ts';
import { dateTimeInChina, todayInChina } from '../../../shared/today.ts';
import { callerOf } from '../../http/auth.ts';
import { requestLanguage } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { loadExcel } from '../../lib/excel.ts';
import { type ExportColumn, sendTableExport } from '../../lib/table-export.ts';
import {
  generateReport,
  getReport,
  listReports,
  publicReport,
  publicReports,
  publishReport,
  type ReportFigures,
  type ReportListItem,
  updateReport,
} from './procurement.reports.ts';

const WRITERS = { roles: ['buyer', 'official', 'admin'] } as const;
const SUPERVISORS = { roles: ['official', 'admin'] } as const;
const tags = ['procurement'];

const STATE_NAMES = {
  none: { zh: '未生成', en: 'none' },
  draft: { zh: '草稿', en: 'draft' },
  published: { zh: '已发布', en: 'published' },
} as const;

/** The officials' list as exported: one row per body, its report's state and latest published version. */
const LIST_COLUMNS: ExportColumn<ReportListItem>[] = [
  { key: 'body', zh: '采购单位', en: 'Buying body', width: 30, value: (r) => r.bodyName },
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', width: 22, value: (r) => r.uscc },
  { key: 'region', zh: '地区代码', en: 'Region code', value: (r) => r.regionCode },
  { key: 'state', zh: '报告状态', en: 'Report', value: (r, lang) => STATE_NAMES[r.state][lang] },
  {
    key: 'version',
    zh: '已发布版本',
    en: 'Published version',
    value: (r) => r.reportVersion ?? '',
    numFmt: '0',
  },
  {
    key: 'published_at',
    zh: '发布时间（北京时间）',
    en: 'Published (China time)',
    width: 20,
    value: (r) => (r.publishedAt ? dateTimeInChina(r.publishedAt) : ''),
  },
  {
    key: 'corrected',
    zh: '是否更正',
    en: 'Corrected',
    value: (r, lang) =>
      r.reportVersion === null
        ? ''
        : r.reportVersion > 1
          ? lang === 'zh'
            ? '是'
            : 'yes'
          : lang === 'zh'
            ? '否'
            : 'no',
  },
  {
    key: 'draft',
    zh: '草稿版本',
    en: 'Draft version',
    value: (r) => r.draft?.reportVersion ?? '',
    numFmt: '0',
  },
];

/** One line of a report's figures: the whole year, or one kind of project. */
interface FigureLine {
  line: { zh: string; en: string };
  /** A kind of project's line (the year's total has none). */
  byKind?: boolean;
  figures: ReportFigures['total'];
}

const KIND_NAMES = {
  goods: { zh: '货物', en: 'Goods' },
  services: { zh: '服务', en: 'Services' },
  works: { zh: '工程', en: 'Works' },
} as const;
const yesNo = (v: boolean, lang: 'zh' | 'en') =>
  v ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
/**
 * Whether a line meets a line as the page shows it: '—' where the share judged is not there (the page's '—': no
 * budget suited to SMEs, or nothing to SMEs for the small/micro part); judged on the awards, else on the plan.
 */
const meets = (l: FigureLine, part: 'sme' | 'smallMicro', lang: 'zh' | 'en') => {
  const f = l.figures;
  const onAwards = f.awardedShare !== null;
  // A kind's line is judged on its awards only, as the page shows it: with none, its plan is no verdict ('—').
  if (l.byKind && (part === 'sme' ? f.awardedShare : f.awardedSmallMicroShare) === null) return '—';
  const share =
    part === 'sme'
      ? (f.awardedShare ?? f.reservedShare)
      : onAwards
        ? f.awardedSmallMicroShare
        : f.reservedSmallMicroShare;
  if (share === null) return '—';
  return yesNo(part === 'sme' ? f.meetsSme : f.meetsSmallMicro, lang);
};
const money = (key: keyof ReportFigures['total'], zh: string, en: string): ExportColumn<FigureLine> => ({
  key,
  zh,
  en,
  value: (l) => String(l.figures[key]),
  numFmt: '#,##0.00',
});
const share = (key: keyof ReportFigures['total'], zh: string, en: string): ExportColumn<FigureLine> => ({
  key,
  zh,
  en,
  value: (l) => (l.figures[key] as string | null) ?? '',
  numFmt: '0.00',
});

/** A report's figures as exported: money in yuan and shares in per cent as number cells. */
const REPORT_COLUMNS: ExportColumn<FigureLine>[] = [
  { key: 'line', zh: '项目', en: 'Line', width: 16, value: (l, lang) => l.line[lang] },
  { key: 'projects', zh: '项目数', en: 'Projects', value: (l) => l.figures.projects, numFmt: '0' },
  money('budget', '预算总额（元）', 'Budget (yuan)'),
  money('suitedBudget', '适宜中小企业的预算（元）', 'Budget suited to SMEs (yuan)'),
  money('reserved', '预留中小企业（元）', 'Reserved for SMEs (yuan)'),
  money('smallMicroReserved', '其中预留小微企业（元）', 'Of which for small and micro (yuan)'),
  share('reservedShare', '预留比例（%）', 'Reserved share (%)'),
  share('reservedSmallMicroShare', '预留中小微比例（%）', 'Small/micro part of reserved (%)'),
  { key: 'contracts', zh: '合同数', en: 'Contracts', value: (l) => l.figures.contracts, numFmt: '0' },
  money('awarded', '授予总额（元）', 'Awarded (yuan)'),
  money('awardedSuited', '适宜项目授予（元）', 'Awarded in suited projects (yuan)'),
  money('awardedSme', '授予中小企业（元）', 'To SMEs (yuan)'),
  money('awardedSmallMicro', '其中小微企业（元）', 'Of which small and micro (yuan)'),
  share('awardedShare', '中小企业份额（%）', 'SME share (%)'),
  share('awardedSmallMicroShare', '其中小微企业（%）', 'Of which small and micro (%)'),
  { key: 'meets_sme', zh: '达到30%', en: 'Meets 30%', value: (l, lang) => meets(l, 'sme', lang) },
  {
    key: 'meets_small_micro',
    zh: '达到60%',
    en: 'Meets 60%',
    value: (l, lang) => meets(l, 'smallMicro', lang),
  },
  { key: 'grade', zh: '等级', en: 'Grade', value: (l) => l.figures.grade ?? '' },
];

/**
 * A small table (a report's lines) as CSV or XLSX with a heading block above it — what the file is (body, year,
 * version, when published), label and value a row each — then an empty row, the columns' titles and the rows.
 */
async function sendHeadedTable<T>(
  reply: FastifyReply,
  table: {
    format: 'csv' | 'xlsx';
    fileName: string;
    heading: [string, string][];
    rows: readonly T[];
    columns: readonly ExportColumn<T>[];
    lang: 'zh' | 'en';
    sheetName: string;
  },
) {
  const { columns, lang } = table;
  void reply.header('content-disposition', `attachment; filename="${table.fileName}.${table.format}"`);
  if (table.format === 'csv') {
    const line = (cells: CsvCell[]) => `${cells.map(csvCell).join(',')}\r\n`;
    const text = [
      '\uFEFF',
      ...table.heading.map(line),
      '\r\n',
      line(columns.map((c) => c[lang])),
      ...table.rows.map((row) => line(columns.map((c) => c.value(row, lang)))),
    ].join('');
    return reply.header('content-type', 'text/csv; charset=utf-8').send(text);
  }
  const ExcelJS = await loadExcel();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.sheetName);
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = i === 0 ? Math.max(c.width ?? 18, 22) : (c.width ?? 18);
  });
  for (const [label, value] of table.heading) {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = { bold: true };
  }
  sheet.addRow([]);
  sheet.addRow(columns.map((c) => c[lang])).font = { bold: true };
  for (const data of table.rows) {
    const row = sheet.addRow(
      columns.map((c) => {
        const value = c.value(data, lang);
        return c.numFmt !== undefined && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)
          ? Number(value)
          : (value ?? null);
      }),
    );
    columns.forEach((c, i) => {
      if (c.numFmt !== undefined) row.getCell(i + 1).numFmt = c.numFmt;
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(Buffer.from(buffer));
}

/** Registers the annual report routes (called from the module's routes). */
export function reportRoutes(app: App, { db }: ModuleDeps): void {
  // The clock, read per request: a report's year may not be after the current one (in China).
  const today = () => todayInChina();

  app.post(
    '/api/procurement/reports',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary:
          'Generate the draft of a buying body’s annual report of a year (a correction of a published one: with a note)',
        body: ReportGenerateBody,
        response: { 200: ReportSchema, ...errorResponses },
      },
    },
    async (request) => generateReport(db, callerOf(request), request.body, today()),
  );
  app.get(
    '/api/procurement/reports',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary:
          'A year’s annual reports: every buying body of my region with its report’s state (a buyer: mine)',
        querystring: ReportListQuery,
        response: { 200: ReportListSchema, ...errorResponses },
      },
    },
    async (request) => listReports(db, callerOf(request), request.query),
  );
  app.get(
    '/api/procurement/reports/export',
    {
      config: { access: SUPERVISORS },
      schema: {
        tags,
        summary: 'A year’s annual reports of my region’s bodies as CSV or XLSX',
        querystring: ReportListExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format, lang: asked, ...query } = request.query;
      const lang = asked ?? requestLanguage(request);
      const list = await listReports(db, callerOf(request), { ...query, page: 1, pageSize: 1 });
      const regionCode = query.regionCode ?? 'all';
      return sendTableExport(reply, {
        format,
        fileName: `procurement-reports-${query.year}-${regionCode}`,
        pages: (async function* () {
          const pageSize = 200;
          for (let page = 1; (page - 1) * pageSize < list.total; page++)
            yield (await listReports(db, callerOf(request), { ...query, page, pageSize })).items;
        })(),
        columns: LIST_COLUMNS,
        lang,
        sheetName: lang === 'zh' ? '年度报告' : 'Annual reports',
      });
    },
  );
  app.get(
    '/api/procurement/reports/:id',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: 'An annual report (a draft too) with every version of its year',
        params: IdParams,
        response: { 200: ReportSchema, ...errorResponses },
      },
    },
    async (request) => getReport(db, callerOf(request), request.params.id),
  );
  app.put(
    '/api/procurement/reports/:id',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: 'Save a draft’s commentary; its figures are taken afresh',
        params: IdParams,
        body: ReportUpdateBody,
        response: { 200: ReportSchema, ...errorResponses },
      },
    },
    async (request) => updateReport(db, callerOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/procurement/reports/:id/publish',
    {
      config: { access: WRITERS },
      schema: {
        tags,
        summary: 'Publish a draft: public and fixed from then on (the region’s officials are told)',
        params: IdParams,
        body: ReportPublishBody,
        response: { 200: ReportSchema, ...errorResponses },
      },
    },
    async (request) => publishReport(db, callerOf(request), request.params.id, request.body.version),
  );

  // ---- the public ----
  app.get(
    '/api/public/procurement/reports',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'The published annual reports of SME procurement: each body’s latest version, by year and region',
        querystring: PublicReportListQuery,
        response: { 200: PublicReportListSchema, ...errorResponses },
      },
    },
    async (request) => publicReports(db, request.query),
  );
  app.get(
    '/api/public/procurement/reports/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A published annual report (its latest version) with the dates and notes of its corrections',
        params: IdParams,
        response: { 200: PublicReportSchema, ...errorResponses },
      },
    },
    async (request) => publicReport(db, request.params.id),
  );
  app.get(
    '/api/public/procurement/reports/:id/export',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A published annual report’s figures as CSV or XLSX (the year and each kind of project)',
        params: IdParams,
        querystring: PublicReportExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? requestLanguage(request);
      const report = await publicReport(db, request.params.id);
      const figures = report.figures as ReportFigures;
      const lines: FigureLine[] = [
        { line: { zh: '全年合计', en: 'Year' }, figures: figures.total },
        ...figures.byKind.map(({ kind, ...rest }) => ({
          line: KIND_NAMES[kind],
          byKind: true,
          figures: rest,
        })),
      ];
      const zh = lang === 'zh';
      const heading: [string, string][] = [
        [
          zh ? '报告' : 'Report',
          zh
            ? `${report.bodyName} ${report.year} 年度政府采购促进中小企业发展情况`
            : `${report.bodyName}: SME procurement in ${report.year}`,
        ],
        [zh ? '采购单位' : 'Buying body', report.bodyName],
        [zh ? '统一社会信用代码' : 'USCC', figures.body.uscc],
        [zh ? '地区代码' : 'Region code', report.regionCode],
        [zh ? '年度' : 'Year', String(report.year)],
        [
          zh ? '版本' : 'Version',
          zh
            ? `第 ${report.reportVersion} 版${report.reportVersion > 1 ? '（更正）' : ''}`
            : `${report.reportVersion}${report.reportVersion > 1 ? ' (a correction)' : ''}`,
        ],
        ...(report.correctionNote
          ? [[zh ? '更正说明' : 'Correction note', report.correctionNote] as [string, string]]
          : []),
        [zh ? '发布时间（北京时间）' : 'Published (China time)', dateTimeInChina(report.publishedAt)],
        [zh ? '规则版本' : 'Rules version', figures.rulesId],
      ];
      return sendHeadedTable(reply, {
        format: request.query.format,
        fileName: `procurement-report-${report.year}-${figures.body.uscc}-v${report.reportVersion}`,
        heading,
        rows: lines,
        columns: REPORT_COLUMNS,
        lang,
        sheetName: zh ? `${report.year}年度报告` : `Report ${report.year}`,
      });
    },
  );
}
