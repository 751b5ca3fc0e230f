/** Routes: the public overview, each role's home page, and admin look-ups for binding users. */
import Type from 'typebox';
import { errorResponses } from '../../../shared/api/common.ts';
import {
  EnterpriseLookupSchema,
  HomeSchema,
  InstitutionLookupSchema,
  LookupQuery,
  PublicOverviewSchema,
} from '../../../shared/api/home.ts';
import { actorOf } from '../../http/auth.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { searchInstitutions } from '../institutions/index.ts';
import { searchEnterprisesByName } from '../registry/index.ts';
import { homeOf, publicOverview } from './home.service.ts';

/** Registers the home routes. */
export function homeRoutes(app: App, { db }: ModuleDeps): void {
  app.get(
    '/api/public/overview',
    {
      config: { access: 'public' },
      schema: {
        tags: ['public'],
        summary: 'Published platform figures',
        // 400: the input guard refuses a malformed path or query string on every route.
        response: { 200: PublicOverviewSchema, 400: errorResponses[400] },
      },
    },
    async () => publicOverview(db),
  );

  app.get(
    '/api/home',
    {
      config: { access: { roles: ['enterprise', 'official', 'bank', 'admin', 'auditor', 'payer', 'buyer'] } },
      schema: {
        tags: ['home'],
        summary: "The signed-in user's home page",
        response: { 200: HomeSchema, ...errorResponses },
      },
    },
    async (request) => homeOf(db, actorOf(request)),
  );

  app.get(
    '/api/admin/lookup/enterprises',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary: 'Find enterprises to bind an enterprise user to',
        querystring: LookupQuery,
        response: {
          200: Type.Array(EnterpriseLookupSchema),
          ...errorResponses,
        },
      },
    },
    async (request) => searchEnterprisesByName(db, request.query.q, 20),
  );

  app.get(
    '/api/admin/lookup/institutions',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary: 'Find financial institutions to bind a bank user to',
        querystring: LookupQuery,
        response: {
          200: Type.Array(InstitutionLookupSchema),
          ...errorResponses,
        },
      },
    },
    async (request) => searchInstitutions(db, request.query.q, 20),
  );
}
