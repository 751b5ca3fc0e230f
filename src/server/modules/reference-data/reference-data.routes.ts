/** Public routes of reference data: regions, industries, departments, USCC check. */
import Type from 'typebox';
import { allDepartments } from '../../../reference/departments.ts';
import { allIndustries } from '../../../reference/industries.ts';
import { validateUscc } from '../../../reference/uscc.ts';
import { errorResponses } from '../../../shared/api/common.ts';
import {
  DepartmentSchema,
  IndustrySchema,
  RegionChildrenQuery,
  RegionParams,
  RegionSchema,
  UsccCheckSchema,
  UsccParams,
} from '../../../shared/api/reference.ts';
import { AppError, requestLanguage } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { findRegionRow, listRegionChildren } from './reference-data.service.ts';

/** Registers the reference-data routes. */
export function referenceDataRoutes(app: App, { db }: ModuleDeps): void {
  app.get(
    '/api/regions',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference'],
        summary: 'Children of a GB/T 2260 region (provinces without parent)',
        querystring: RegionChildrenQuery,
        response: { 200: Type.Array(RegionSchema), ...errorResponses },
      },
    },
    async (request) => listRegionChildren(db, request.query.parent ?? null),
  );

  app.get(
    '/api/regions/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference'],
        summary: 'One GB/T 2260 region',
        params: RegionParams,
        response: { 200: RegionSchema, ...errorResponses },
      },
    },
    async (request) => {
      const region = await findRegionRow(db, request.params.code);
      if (!region) throw new AppError('NOT_FOUND');
      return region;
    },
  );

  app.get(
    '/api/industries',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference'],
        summary: 'GB/T 4754-2017 industries',
        response: { 200: Type.Array(IndustrySchema), ...errorResponses },
      },
    },
    async () => [...allIndustries()],
  );

  app.get(
    '/api/departments',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference'],
        summary: 'Departments',
        // 400: the input guard refuses a malformed path or query string on every route.
        response: { 200: Type.Array(DepartmentSchema), 400: errorResponses[400] },
      },
    },
    async () => allDepartments().map((d) => ({ code: d.code, nameZh: d.nameZh, nameEn: d.nameEn })),
  );

  app.get(
    '/api/uscc/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reference'],
        summary: 'Check a Unified Social Credit Code (GB 32100-2015)',
        params: UsccParams,
        response: { 200: UsccCheckSchema, ...errorResponses },
      },
    },
    async (request) => {
      const result = validateUscc(request.params.code);
      const lang = requestLanguage(request);
      return result.ok
        ? {
            code: result.code,
            isValid: true,
            reason: null,
            message: null,
            regionCode: result.code.slice(2, 8),
          }
        : {
            code: request.params.code,
            isValid: false,
            reason: result.reason,
            message: result.message[lang],
            regionCode: null,
          };
    },
  );
}
