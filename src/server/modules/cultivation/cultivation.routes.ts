/**
 * Routes of gradient cultivation (issue 18, measures 16–17): the enterprise's page (its tiers assessed live, its
 * facts, its applications), the reviewers' queue and actions, one application with its timeline.
 */
import Type from 'typebox';
import { errorResponses, IdParams } from '../../../shared/api/common.ts';
import {
  ApplicationActionBody,
  ApplicationSchema,
  ApplyBody,
  MyCultivationSchema,
  OwnFactsBody,
  QueuePageSchema,
  QueueQuery,
  ResubmitBody,
} from '../../../shared/api/cultivation.ts';
import { callerOf } from '../../http/auth.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import {
  actOnApplication,
  getApplication,
  listMyApplications,
  resubmitApplication,
  reviewQueue,
  submitApplication,
  withdrawApplication,
} from './cultivation.applications.ts';
import { myCultivation, saveOwnFacts } from './cultivation.assess.ts';
import { cultivationChangeRoutes } from './cultivation.changes.routes.ts';
import { cultivationDashboardRoutes } from './cultivation.dashboard.routes.ts';
import { cultivationEvidenceRoutes } from './cultivation.evidence.routes.ts';
import { cultivationNoticeRoutes } from './cultivation.notices.routes.ts';
import { cultivationSettingsRoutes } from './cultivation.settings.routes.ts';

const ENTERPRISES = { roles: ['enterprise'] } as const;
const REVIEWERS = { roles: ['official', 'admin'] } as const;
const tags = ['cultivation'];

const ApplicationParams = Type.Object(
  {
    enterpriseId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
    id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
  },
  { additionalProperties: false },
);

/** One application with what the reader may do and its history. */
const ApplicationDetailSchema = Type.Intersect([
  ApplicationSchema,
  Type.Object({
    facts: Type.Unknown(),
    assessment: Type.Unknown(),
    actions: Type.Array(Type.String()),
    events: Type.Array(
      Type.Object({
        id: Type.Integer(),
        at: Type.Unsafe<Date | string>(Type.String({ format: 'date-time' })),
        actorRole: Type.String(),
        action: Type.String(),
        fromStage: Type.Union([Type.String(), Type.Null()]),
        toStage: Type.Union([Type.String(), Type.Null()]),
        comment: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
    objections: Type.Array(Type.Unknown()),
  }),
]);

/** Registers the cultivation routes. */
export function cultivationRoutes(app: App, deps: ModuleDeps): void {
  cultivationDashboardRoutes(app, deps);
  const { db } = deps;
  cultivationEvidenceRoutes(app, deps);
  cultivationNoticeRoutes(app, deps);
  cultivationSettingsRoutes(app, deps);
  cultivationChangeRoutes(app, deps);

  app.get(
    '/api/my/cultivation',
    {
      config: { access: ENTERPRISES },
      schema: {
        tags,
        summary:
          'My enterprise against each tier in force today: score by indicator and dimension with the figures used, what is missing, what it would need; my facts and applications',
        response: { 200: MyCultivationSchema, ...errorResponses },
      },
    },
    async (request) => myCultivation(db, callerOf(request), (id) => listMyApplications(db, id)),
  );
  app.put(
    '/api/my/cultivation/facts',
    {
      config: { access: ENTERPRISES },
      schema: {
        tags,
        summary: 'Save the facts my enterprise fills in for a data year (on the version read)',
        body: OwnFactsBody,
        response: {
          200: Type.Object({ facts: Type.Record(Type.String(), Type.Unknown()), version: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const saved = await saveOwnFacts(db, callerOf(request), request.body);
      return { facts: saved.facts as Record<string, unknown>, version: saved.version };
    },
  );
  app.post(
    '/api/my/cultivation/applications',
    {
      config: { access: ENTERPRISES },
      schema: {
        tags,
        summary: 'Apply for a tier (its standard in force, the province’s window, the tier below held)',
        body: ApplyBody,
        response: { 200: ApplicationSchema, ...errorResponses },
      },
    },
    async (request) => submitApplication(db, callerOf(request), request.body),
  );
  app.post(
    '/api/my/cultivation/applications/:id/withdraw',
    {
      config: { access: ENTERPRISES },
      schema: {
        tags,
        summary: 'Withdraw my application while it is under review or returned',
        params: IdParams,
        body: ResubmitBody,
        response: { 200: ApplicationSchema, ...errorResponses },
      },
    },
    async (request) => withdrawApplication(db, callerOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/my/cultivation/applications/:id/resubmit',
    {
      config: { access: ENTERPRISES },
      schema: {
        tags,
        summary:
          'Resubmit my application returned for corrections (assessed again on my facts as they now are)',
        params: IdParams,
        body: ResubmitBody,
        response: { 200: ApplicationSchema, ...errorResponses },
      },
    },
    async (request) => resubmitApplication(db, callerOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/my/cultivation/applications/:id',
    {
      config: { access: ENTERPRISES },
      schema: {
        tags,
        summary: 'One of my applications with its history and the objections lodged',
        params: IdParams,
        response: { 200: ApplicationDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      return getApplication(db, caller, caller.actor?.enterpriseId ?? 0, request.params.id);
    },
  );

  app.get(
    '/api/cultivation/applications',
    {
      config: { access: REVIEWERS },
      schema: {
        tags,
        summary: 'The review queue of my region: applications by stage, soonest due first',
        querystring: QueueQuery,
        response: { 200: QueuePageSchema, ...errorResponses },
      },
    },
    async (request) => reviewQueue(db, callerOf(request), request.query),
  );
  app.get(
    '/api/cultivation/applications/:enterpriseId/:id',
    {
      config: { access: REVIEWERS },
      schema: {
        tags,
        summary: 'One application with its facts, assessment, history, objections and the actions open to me',
        params: ApplicationParams,
        response: { 200: ApplicationDetailSchema, ...errorResponses },
      },
    },
    async (request) => getApplication(db, callerOf(request), request.params.enterpriseId, request.params.id),
  );
  app.post(
    '/api/cultivation/applications/:enterpriseId/:id/actions',
    {
      config: { access: REVIEWERS },
      schema: {
        tags,
        summary:
          'Act on an application at its stage: return for corrections, recommend up, approve (public notice), reject, announce, revoke',
        params: ApplicationParams,
        body: ApplicationActionBody,
        response: { 200: ApplicationSchema, ...errorResponses },
      },
    },
    async (request) =>
      actOnApplication(db, callerOf(request), request.params.enterpriseId, request.params.id, request.body),
  );
}
