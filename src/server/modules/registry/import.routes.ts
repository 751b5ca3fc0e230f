/** Routes of enterprise imports: upload, progress, rejected rows, the enterprises changed, the template. */

import { PassThrough, type Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import Type from 'typebox';
import { regionFullNameEn } from '../../../reference/regions-en.ts';
import {
  ErrorSchema,
  errorResponses,
  IdParams,
  Page,
  PageQuery,
  Strict,
} from '../../../shared/api/common.ts';
import {
  ImportErrorSchema,
  ImportJobEnterpriseSchema,
  ImportJobEnterprisesExportQuery,
  ImportJobEnterprisesQuery,
  ImportJobSchema,
  ImportUploadQuery,
  TemplateQuery,
} from '../../../shared/api/registry.ts';
import { csvCell } from '../../../shared/csv.ts';
import type { Database } from '../../db/schema.ts';
import { type Actor, actorOf, callerOf } from '../../http/auth.ts';
import { requestLanguage } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { type ExportColumn, sendTableExport } from '../../lib/table-export.ts';
import { type ColumnSpec, ENTERPRISE_IMPORT_COLUMNS, writeTemplate } from './import/columns.ts';
import {
  getJob,
  type JobEnterpriseRow,
  listJobEnterprises,
  listJobErrors,
  listJobs,
} from './import.queries.ts';
import { createImportJob, type ImportSettings } from './import.service.ts';
import type { ImportKind } from './registry.table.ts';

/**
 * Registers the import routes; `onQueued` wakes the runner; `kindColumns` names the columns of the other kinds'
 * files (a rejected row's column when the file lacks it).
 */
export function importRoutes(
  app: App,
  { db }: ModuleDeps,
  settings: ImportSettings,
  onQueued: () => void,
  kindColumns: Partial<Record<ImportKind, ColumnSpec>> = {},
): void {
  const enterpriseLabels = fieldLabels(ENTERPRISE_IMPORT_COLUMNS);
  const kindLabels = new Map(
    Object.entries(kindColumns).map(([kind, spec]) => [kind, fieldLabels(spec as ColumnSpec)]),
  );
  const labels = (kind: ImportKind) => kindLabels.get(kind) ?? enterpriseLabels;
  // Uploads arrive as the raw file; the service streams it to disk with its own size limit.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

  app.post(
    '/api/registry/imports',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary:
          'Upload a CSV or XLSX of enterprises (raw body, application/octet-stream) and queue its import',
        querystring: ImportUploadQuery,
        response: { 202: ImportJobSchema, 413: ErrorSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const job = await createImportJob(
        db,
        settings,
        { stream: request.body as Readable, fileName: request.query.fileName, mode: request.query.mode },
        callerOf(request),
      );
      onQueued();
      void reply.status(202);
      return toJobView(await getJob(db, actorOf(request), job.id), requestLanguage(request));
    },
  );

  app.get(
    '/api/registry/imports',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: 'Imports of my region, newest first',
        querystring: Strict({ ...PageQuery }),
        response: { 200: Page(ImportJobSchema), ...errorResponses },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 20;
      const result = await listJobs(db, actorOf(request), page, pageSize);
      const lang = requestLanguage(request);
      return { items: result.items.map((job) => toJobView(job, lang)), total: result.total, page, pageSize };
    },
  );

  app.get(
    '/api/registry/imports/:id',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: 'An import and its progress',
        params: IdParams,
        response: { 200: ImportJobSchema, ...errorResponses },
      },
    },
    async (request) =>
      toJobView(await getJob(db, actorOf(request), request.params.id), requestLanguage(request)),
  );

  app.get(
    '/api/registry/imports/:id/errors',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: 'Rejected rows of an import: row number, field and reason',
        params: IdParams,
        querystring: Strict({ ...PageQuery }),
        response: { 200: Page(ImportErrorSchema), ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const job = await getJob(db, actor, request.params.id);
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 20;
      const lang = requestLanguage(request);
      const result = await listJobErrors(db, request.params.id, page, pageSize);
      return {
        items: result.items.map((e) => ({
          row: e.row_number,
          field: e.field,
          column: columnOf(job.columns, e.field, lang, labels(job.kind)),
          message: lang === 'zh' ? e.message_zh : e.message_en,
          code: e.code,
        })),
        total: result.total,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/registry/imports/:id/errors/export',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: 'Rejected rows as CSV',
        params: IdParams,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const job = await getJob(db, actorOf(request), request.params.id);
      const lang = requestLanguage(request);
      const out = new PassThrough();
      void (async () => {
        // The headers as the page's error table names its columns.
        out.write(
          lang === 'zh' ? '\uFEFF行号,列,问题,错误代码\r\n' : '\uFEFFRow,Column,Problem,Error code\r\n',
        );
        for (let page = 1; ; page++) {
          const { items } = await listJobErrors(db, request.params.id, page, 5000);
          for (const e of items) {
            const cells = [
              e.row_number,
              columnOf(job.columns, e.field, lang, labels(job.kind)),
              lang === 'zh' ? e.message_zh : e.message_en,
              e.code,
            ];
            out.write(`${cells.map(csvCell).join(',')}\r\n`);
          }
          if (items.length < 5000) break;
        }
        out.end();
      })().catch((error: unknown) => out.destroy(error as Error));
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${request.params.id}-errors.csv"`);
      return reply.send(out);
    },
  );

  // The enterprises a job created or updated: the list its audit entry points to (ADR 0015). Auditors read it too.
  app.get(
    '/api/registry/imports/:id/enterprises',
    {
      config: { access: { roles: ['official', 'admin', 'auditor'] } },
      schema: {
        tags: ['registry'],
        summary: 'Enterprises an import created or updated, with the row that did it, in row order',
        params: IdParams,
        querystring: ImportJobEnterprisesQuery,
        response: { 200: Page(ImportJobEnterpriseSchema), ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await getJob(db, actor, request.params.id);
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 20;
      const result = await listJobEnterprises(db, actor, request.params.id, {
        change: request.query.change,
        page,
        pageSize,
      });
      return { items: result.items, total: result.total ?? 0, page, pageSize };
    },
  );

  app.get(
    '/api/registry/imports/:id/enterprises/export',
    {
      config: { access: { roles: ['official', 'admin', 'auditor'] } },
      schema: {
        tags: ['registry'],
        summary: 'Enterprises an import created or updated, as CSV or XLSX',
        params: IdParams,
        querystring: ImportJobEnterprisesExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const jobId = request.params.id;
      await getJob(db, actor, jobId);
      const lang = requestLanguage(request);
      const change = request.query.change;
      async function* pages(): AsyncGenerator<JobEnterpriseRow[]> {
        let afterRow = 0;
        for (;;) {
          const { items } = await listJobEnterprises(db, actor, jobId, { change, pageSize: 5000, afterRow });
          if (items.length > 0) yield items;
          if (items.length < 5000) return;
          afterRow = (items[items.length - 1] as JobEnterpriseRow).row;
        }
      }
      return sendTableExport(reply, {
        format: request.query.format ?? 'csv',
        fileName: `import-${jobId}-enterprises`,
        pages: pages(),
        columns: JOB_ENTERPRISE_COLUMNS,
        lang,
        sheetName: `import-${jobId}`,
      });
    },
  );

  app.get(
    '/api/registry/import-template',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: 'The import template (CSV or XLSX, Chinese or English headers, with an instructions sheet)',
        querystring: TemplateQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? requestLanguage(request);
      const out = new PassThrough();
      void writeTemplate(request.query.format, lang, out).catch((error: unknown) =>
        out.destroy(error as Error),
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
          `attachment; filename="huiqi-enterprises-template-${lang}.${request.query.format}"`,
        );
      return reply.send(out);
    },
  );
}

/** Columns of the download of the enterprises an import changed. */
const JOB_ENTERPRISE_COLUMNS: readonly ExportColumn<JobEnterpriseRow>[] = [
  // As the page's table: its headers, its words (新建/更新, the region's name), then the ids under their names.
  { key: 'row', zh: '行号', en: 'Row', width: 8, value: (r) => r.row },
  {
    key: 'change',
    zh: '变更',
    en: 'Change',
    width: 10,
    value: (r, lang) =>
      r.change === 'created' ? (lang === 'zh' ? '新建' : 'Created') : lang === 'zh' ? '更新' : 'Updated',
  },
  { key: 'uscc', zh: '统一社会信用代码', en: 'Credit code', width: 22, value: (r) => r.uscc },
  { key: 'name', zh: '企业名称', en: 'Name', width: 36, value: (r) => r.name },
  {
    key: 'region',
    zh: '行政区划',
    en: 'Region',
    width: 24,
    value: (r, lang) =>
      lang === 'en' && r.regionName && r.regionCode
        ? regionFullNameEn(r.regionCode) || r.regionName
        : r.regionName,
  },
  { key: 'regionCode', zh: '行政区划代码', en: 'Region code', width: 14, value: (r) => r.regionCode },
  { key: 'enterpriseId', zh: '企业编号', en: 'Enterprise id', width: 12, value: (r) => r.enterpriseId },
];

/** A file's fields by key, in both languages. */
function fieldLabels(spec: ColumnSpec): ReadonlyMap<string, { zh: string; en: string }> {
  return new Map(spec.map((c) => [c.key, { zh: c.zh, en: c.en }]));
}

/**
 * A rejected row's column as the file named it (its header text), else the field's name in the caller's language
 * (a column the file lacks, or the whole row).
 */
function columnOf(
  columns: Record<string, string> | null,
  field: string,
  lang: 'zh' | 'en',
  labels: ReadonlyMap<string, { zh: string; en: string }>,
): string {
  const header = columns?.[field];
  if (header) return header;
  if (field === '*') return lang === 'zh' ? '整行' : 'Whole row';
  return labels.get(field)?.[lang] ?? field;
}

/** The API view of an import job, its summary in the caller's language. */
export function toJobView(
  job: {
    id: number;
    file_name: string;
    format: string | null;
    encoding: string | null;
    mode: 'all_or_nothing' | 'valid_rows';
    status: 'queued' | 'running' | 'succeeded' | 'rejected' | 'failed';
    total_bytes: number | null;
    bytes_read: number;
    rows_read: number;
    rows_loaded: number;
    rows_rejected: number;
    rows_unchanged: number;
    error_message: string | null;
    error_message_en: string | null;
    created_at: Date;
    started_at: Date | null;
    finished_at: Date | null;
    created_by_name: string | null;
    kind: 'enterprises' | 'credit_records';
    options: Record<string, string> | null;
  },
  lang: 'zh' | 'en',
) {
  return {
    id: job.id,
    fileName: job.file_name,
    format: job.format,
    encoding: job.encoding,
    mode: job.mode,
    status: job.status,
    totalBytes: job.total_bytes,
    bytesRead: job.bytes_read,
    rowsRead: job.rows_read,
    rowsLoaded: job.rows_loaded,
    rowsRejected: job.rows_rejected,
    rowsUnchanged: job.rows_unchanged,
    errorMessage: lang === 'en' ? (job.error_message_en ?? job.error_message) : job.error_message,
    createdAt: job.created_at,
    createdBy: job.created_by_name,
    startedAt: job.started_at,
    finishedAt: job.finished_at,
    kind: job.kind,
    sourceDepartment: job.options?.department ?? null,
  };
}

/** An import job as the API shows it to an actor (404, or 403 outside an official's region). */
export async function importJobView(db: Kysely<Database>, actor: Actor, id: number, lang: 'zh' | 'en') {
  return toJobView(await getJob(db, actor, id), lang);
}
