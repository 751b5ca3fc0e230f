/** Routes of the enterprise registry: list/search/export, detail, self-service corrections, statistics, self-test. */
import Type from 'typebox';
import { findSizeStandard } from '../../../reference/size-standards/index.ts';
import { errorResponses, IdParams } from '../../../shared/api/common.ts';
import {
  AddQualificationBody,
  EndQualificationBody,
  EnterpriseDetailSchema,
  EnterpriseExportQuery,
  EnterpriseListQuery,
  EnterprisePageSchema,
  FiguresBody,
  FiguresParams,
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
import { csvStream, xlsxStream } from './export.ts';
import { registryLookupRoutes } from './registry.lookup.ts';
import { addQualification, endQualification } from './registry.qualifications.ts';
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
      const stamp = today();
      if (format === 'csv') {
        void reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="enterprises-${stamp}.csv"`);
        return reply.send(csvStream(pages, language));
      }
      void reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="enterprises-${stamp}.xlsx"`);
      return reply.send(xlsxStream(pages, language));
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
