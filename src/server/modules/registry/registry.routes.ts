import Type from 'typebox';
import { findSizeStandard } from '../../../reference/size-standards/index.ts';
import { ErrorSchema, errorResponses, IdParams } from '../../../shared/api/common.ts';
import {
  AddQualificationBody,
  EndQualificationBody,
  EnterpriseDetailSchema,
  EnterpriseExportQuery,
  EnterpriseListQuery,
  EnterprisePageSchema,
  FiguresBody,
  FiguresParams,
  QualificationEvidenceParams,
  QualificationEvidenceQuery,
  QualificationParams,
  SelfTestBody,
  SelfTestResultSchema,
  SizeStatsQuery,
  SizeStatsSchema,
  UpdateProfileBody,
} from '../../../shared/api/registry.ts';
import { todayInChina } from '../../../shared/today.ts';
import { actorOf, callerOf } from '../../http/auth.ts';
import { AppError, requestLanguage } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { declaredLength, downloadHeaders, rawUpload } from '../../lib/stored-files.ts';
import { sendTableExport } from '../../lib/table-export.ts';
import { ENTERPRISE_COLUMNS } from './export.ts';
import { registryLookupRoutes } from './registry.lookup.ts';
import {
  addQualification,
  endQualification,
  openQualificationEvidence,
  qualificationEvidenceStore,
  uploadQualificationEvidence,
} from './registry.qualifications.ts';
import { streamEnterprises } from './registry.queries.ts';
import * as registry from './registry.service.ts';
import { classifyCn, classifyEu } from './size.rules.ts';

const today = todayInChina;

/** Registers the registry routes. */
export function registryRoutes(app: App, { db, config }: ModuleDeps): void {
  registryLookupRoutes(app, { db, config });
  app.get(
    '/api/enterprises',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: 'Search and list enterprises in my region',
        querystring: EnterpriseListQuery,
        response: { 200: EnterprisePageSchema, ...errorResponses },
      },
    },
    async (request) => registry.listForActor(db, actorOf(request), request.query, config.listExactCountLimit),
  );

  app.get(
    '/api/enterprises/export',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: 'Export the filtered enterprise list as CSV or XLSX',
        querystring: EnterpriseExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format, lang, ...filters } = request.query;
      const filter = await registry.enterpriseFilter(db, actorOf(request), filters);
      const language = lang ?? requestLanguage(request);
      const pages = streamEnterprises(db, filter);
      return sendTableExport(reply, {
        format,
        fileName: `enterprises-${today()}`,
        pages,
        columns: ENTERPRISE_COLUMNS,
        lang: language,
        sheetName: language === 'zh' ? '企业名录' : 'Enterprises',
      });
    },
  );

  app.get(
    '/api/enterprises/:id',
    {
      config: { access: { roles: ['official', 'admin', 'enterprise'] } },
      schema: {
        tags: ['registry'],
        summary: 'One enterprise: profile, certifications, figures and size classes with reasons',
        params: IdParams,
        response: { 200: EnterpriseDetailSchema, ...errorResponses },
      },
    },
    async (request) => registry.getEnterprise(db, actorOf(request), request.params.id),
  );

  app.get(
    '/api/my/enterprise',
    {
      config: { access: { roles: ['enterprise'] } },
      schema: {
        tags: ['registry'],
        summary: 'My enterprise',
        response: { 200: EnterpriseDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.enterpriseId === null) throw new AppError('NOT_FOUND');
      return registry.getEnterprise(db, actor, actor.enterpriseId);
    },
  );

  app.patch(
    '/api/enterprises/:id',
    {
      config: { access: { roles: ['enterprise', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: 'Correct an enterprise profile (the enterprise itself, or an admin); audited',
        params: IdParams,
        body: UpdateProfileBody,
        response: { 200: EnterpriseDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      registry.updateProfile(db, request.params.id, request.body, callerOf(request), today()),
  );

  app.put(
    '/api/enterprises/:id/figures/:year',
    {
      config: { access: { roles: ['enterprise', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: "Report or correct a year's figures (money in 万元); the size class follows; audited",
        params: FiguresParams,
        body: FiguresBody,
        response: { 200: EnterpriseDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      registry.reportFigures(
        db,
        request.params.id,
        request.params.year,
        request.body,
        callerOf(request),
        today(),
      ),
  );

  app.post(
    '/api/enterprises/:id/qualifications',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary:
          'Record a qualification (资质) with its evidence: certificate number, issuing body, validity, link; audited',
        params: IdParams,
        body: AddQualificationBody,
        response: { 200: EnterpriseDetailSchema, ...errorResponses },
      },
    },
    async (request) => addQualification(db, request.params.id, request.body, callerOf(request)),
  );

  app.post(
    '/api/enterprises/:id/qualifications/:qualificationId/end',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: 'End a qualification from a date on, with the reason (the record stays as history); audited',
        params: QualificationParams,
        body: EndQualificationBody,
        response: { 200: EnterpriseDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      endQualification(
        db,
        request.params.id,
        request.params.qualificationId,
        request.body,
        callerOf(request),
        today(),
      ),
  );

  const evidenceStore = qualificationEvidenceStore(config);
  app.post(
    '/api/enterprises/:id/qualifications/:qualificationId/evidence',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: 'Attach an evidence file to a qualification (raw body, application/octet-stream; audited)',
        description:
          'The body is the file itself; `fileName` gives its original name, `stage` whether it is the certificate ' +
          "('added') or the notice that ended the qualification ('ended', only once ended: 409 otherwise). Its type " +
          'is sniffed from the content and must be PDF, JPEG, PNG, GIF or WebP agreeing with the extension (415 ' +
          'otherwise). Too large a file: 413 BODY_TOO_LARGE; a qualification that already has its most files: 409 ' +
          'TOO_MANY_ATTACHMENTS, before the body is read.',
        params: QualificationParams,
        querystring: QualificationEvidenceQuery,
        response: { 200: EnterpriseDetailSchema, 413: ErrorSchema, 415: ErrorSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const stream = rawUpload(request.body);
      try {
        return await uploadQualificationEvidence(
          db,
          evidenceStore,
          callerOf(request),
          request.params.id,
          request.params.qualificationId,
          {
            stream,
            fileName: request.query.fileName,
            stage: request.query.stage,
            declaredBytes: declaredLength(request.headers['content-length']),
          },
        );
      } catch (error) {
        // The rest of a refused body is not read: the connection closes after the answer.
        if (!stream.readableEnded) void reply.header('connection', 'close');
        throw error;
      }
    },
  );

  app.get(
    '/api/enterprises/:id/qualifications/:qualificationId/evidence/:fileId',
    {
      config: { access: { roles: ['official', 'admin', 'enterprise'] } },
      schema: {
        tags: ['registry'],
        summary: 'Download an evidence file of a qualification (always as a download, never rendered inline)',
        params: QualificationEvidenceParams,
        response: { 200: Type.Unknown({ description: 'the file' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await openQualificationEvidence(db, evidenceStore, actorOf(request), request.params);
      void reply.headers(downloadHeaders(file));
      return reply.send(file.stream);
    },
  );

  app.get(
    '/api/registry/stats',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags: ['registry'],
        summary: 'Enterprises by size × region × industry for a region subtree and year',
        querystring: SizeStatsQuery,
        response: { 200: SizeStatsSchema, ...errorResponses },
      },
    },
    async (request) => registry.statsForActor(db, actorOf(request), request.query),
  );

  app.post(
    '/api/size/self-test',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'Size self-test (企业规模类型自测): the class and the reason for the figures entered',
        body: SelfTestBody,
        response: { 200: SelfTestResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const lang = requestLanguage(request);
      const body = request.body;
      if (body.standard === 'cn-2011') {
        const result = classifyCn(body);
        return {
          standard: body.standard,
          documentNumber: findSizeStandard(body.standard)?.documentNumber ?? '',
          size: result.size,
          category: result.category ? { ...result.category } : null,
          reason: result.reason[lang],
          field: result.field ?? null,
        };
      }
      const result = classifyEu(body);
      return {
        standard: body.standard,
        documentNumber: findSizeStandard(body.standard)?.documentNumber ?? '',
        size: result.size,
        category: null,
        reason: result.reason[lang],
        field: result.field ?? null,
      };
    },
  );
}
