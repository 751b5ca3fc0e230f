/** Routes of the case engine: enterprises submit and follow their cases; officials work their queue and act. */

import Type from 'typebox';
import {
  ArrearsBody,
  CaseActionBodySchema,
  CaseDetailSchema,
  CaseQueueQuery,
  CaseRowSchema,
  DemandBody,
  MyCasesQuery,
  RoutingRuleBody,
  RoutingRuleSchema,
} from '../../../shared/api/cases.ts';
import { errorResponses, IdParams, Nullable, Page } from '../../../shared/api/common.ts';
import { actorOf, callerOf } from '../../http/auth.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import * as acting from './cases.acting.ts';
import * as filing from './cases.filing.ts';
import { payerRoutes } from './cases.payer.routes.ts';
import * as reading from './cases.reading.ts';
import * as routing from './cases.routing.ts';
import { supervisionRoutes } from './cases.supervision.routes.ts';

const ENTERPRISE = { roles: ['enterprise'] } as const;
const OFFICIALS = { roles: ['official', 'admin'] } as const;

/** Registers the case routes. */
export function casesRoutes(app: App, deps: ModuleDeps): void {
  const { db } = deps;
  app.post(
    '/api/my/cases/demands',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags: ['cases'],
        summary: 'Submit a demand (咨询、投诉、建议、求助)',
        body: DemandBody,
        response: { 200: CaseDetailSchema, ...errorResponses },
      },
    },
    async (request) => filing.submitDemand(db, callerOf(request), request.body),
  );
  app.post(
    '/api/my/cases/arrears',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags: ['cases'],
        summary: 'Register a payment overdue from a government body, public institution or large enterprise',
        body: ArrearsBody,
        response: { 200: CaseDetailSchema, ...errorResponses },
      },
    },
    async (request) => filing.submitArrears(db, callerOf(request), request.body),
  );
  app.get(
    '/api/my/cases',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags: ['cases'],
        summary: 'My demands and complaints',
        querystring: MyCasesQuery,
        response: { 200: Page(CaseRowSchema), ...errorResponses },
      },
    },
    async (request) => reading.listMyCases(db, actorOf(request), request.query),
  );
  app.get(
    '/api/cases',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['cases'],
        summary: 'The work queue: cases of my region and department, by deadline',
        querystring: CaseQueueQuery,
        response: { 200: Page(CaseRowSchema), ...errorResponses },
      },
    },
    async (request) => reading.caseQueue(db, actorOf(request), request.query),
  );
  app.get(
    '/api/cases/:id',
    {
      config: { access: { roles: ['enterprise', 'official', 'admin', 'auditor'] } },
      schema: {
        tags: ['cases'],
        summary: 'A case with its timeline',
        params: IdParams,
        response: { 200: CaseDetailSchema, ...errorResponses },
      },
    },
    async (request) => reading.getCase(db, actorOf(request), request.params.id),
  );
  app.get(
    '/api/admin/case-routing-rules',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['cases'],
        summary: 'Routing rules of cases (most specific first)',
        response: { 200: Type.Array(RoutingRuleSchema), ...errorResponses },
      },
    },
    async () => routing.listRoutingRules(db),
  );
  app.post(
    '/api/admin/case-routing-rules',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['cases'],
        summary: 'Add a routing rule (audited)',
        body: RoutingRuleBody,
        response: { 200: RoutingRuleSchema, ...errorResponses },
      },
    },
    async (request) => routing.saveRoutingRule(db, callerOf(request), null, request.body),
  );
  app.put(
    '/api/admin/case-routing-rules/:id',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['cases'],
        summary: 'Change a routing rule (audited; 409 when changed since read)',
        params: IdParams,
        body: RoutingRuleBody,
        response: { 200: RoutingRuleSchema, ...errorResponses },
      },
    },
    async (request) => routing.saveRoutingRule(db, callerOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/cases/:id/handlers',
    {
      config: { access: OFFICIALS },
      schema: {
        tags: ['cases'],
        summary: 'Officials who may handle the case (for assigning)',
        params: IdParams,
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.Integer(),
              displayName: Type.String(),
              regionCode: Nullable(Type.String()),
              departmentCode: Nullable(Type.String()),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    async (request) => reading.caseHandlers(db, actorOf(request), request.params.id),
  );
  app.post(
    '/api/cases/:id/actions',
    {
      config: { access: { roles: ['enterprise', 'official', 'admin'] } },
      schema: {
        tags: ['cases'],
        summary:
          'Act on a case (accept, return, assign, transfer, request information, reply, rate, reopen…)',
        params: IdParams,
        body: CaseActionBodySchema,
        response: { 200: CaseDetailSchema, ...errorResponses },
      },
    },
    async (request) => acting.actOnCase(db, callerOf(request), request.params.id, request.body),
  );
  supervisionRoutes(app, deps);
  payerRoutes(app, deps);
}
