/**
 * Routes of the public notices (公示) of cultivation recognitions and their objections (lodged, looked up by their
 * objector, answered), and the public list of announced recognitions (issue 18).
 */

import Type from 'typebox';
import { errorResponses } from '../../../shared/api/common.ts';
import {
  NoticePageSchema,
  NoticeParams,
  NoticeQuery,
  ObjectionAnswerBody,
  ObjectionBody,
  ObjectionLodgedSchema,
  ObjectionLookupBody,
  ObjectionLookupSchema,
  RecognitionsPageSchema,
  RecognitionsQuery,
} from '../../../shared/api/cultivation.ts';
import { callerOf } from '../../http/auth.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import {
  answerObjection,
  listNotices,
  listRecognitions,
  lodgeObjection,
  lookUpObjection,
} from './cultivation.notices.ts';

const tags = ['cultivation'];
/** Objections one client may lodge an hour (a notice is answered by people; this keeps it from being flooded). */
const OBJECTIONS_PER_HOUR = 60;
/** Look-ups of an objection one client may make an hour: enough to check back, far too few to guess a code. */
const LOOKUPS_PER_HOUR = 30;
/** Pages of the public recognitions one client may read a minute (the list reads the registry's names). */
const RECOGNITION_PAGES_PER_MINUTE = 120;

const ObjectionParams = Type.Object(
  {
    enterpriseId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
    id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
  },
  { additionalProperties: false },
);

/** Registers the notices' routes. */
export function cultivationNoticeRoutes(app: App, deps: ModuleDeps): void {
  const { db } = deps;
  app.get(
    '/api/public/cultivation/notices',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Recognitions on public notice now and in the last 30 days, newest first',
        querystring: NoticeQuery,
        response: { 200: NoticePageSchema, ...errorResponses },
      },
    },
    async (request) => listNotices(db, request.query),
  );
  app.post(
    '/api/public/cultivation/notices/:enterpriseId/:applicationId/objections',
    {
      config: { access: 'public', rateLimit: { max: OBJECTIONS_PER_HOUR, timeWindow: '1 hour' } },
      schema: {
        tags,
        summary:
          'Lodge an objection to an application during its public notice; answered with its reference and the code to look it up',
        params: NoticeParams,
        body: ObjectionBody,
        response: { 200: ObjectionLodgedSchema, ...errorResponses },
      },
    },
    async (request) =>
      lodgeObjection(db, request.params.enterpriseId, request.params.applicationId, request.body),
  );
  app.post(
    '/api/public/cultivation/objections/lookup',
    {
      config: { access: 'public', rateLimit: { max: LOOKUPS_PER_HOUR, timeWindow: '1 hour' } },
      schema: {
        tags,
        summary:
          "Look up an objection with the reference and code given when it was lodged: its state and the province's answer once given",
        body: ObjectionLookupBody,
        response: { 200: ObjectionLookupSchema, ...errorResponses },
      },
    },
    async (request) => lookUpObjection(db, request.body),
  );
  app.get(
    '/api/public/cultivation/recognitions',
    {
      config: {
        access: 'public',
        rateLimit: { max: RECOGNITION_PAGES_PER_MINUTE, timeWindow: '1 minute' },
      },
      schema: {
        tags,
        summary:
          'Recognitions announced and in force: enterprise, tier, day announced, last day valid, province; by tier, year, province and name',
        querystring: RecognitionsQuery,
        response: { 200: RecognitionsPageSchema, ...errorResponses },
      },
    },
    async (request) => listRecognitions(db, request.query),
  );
  app.post(
    '/api/cultivation/objections/:enterpriseId/:id',
    {
      config: { access: { roles: ['official', 'admin'] } },
      schema: {
        tags,
        summary: 'Answer an objection: upheld (the application cannot be announced) or dismissed',
        params: ObjectionParams,
        body: ObjectionAnswerBody,
        response: {
          200: Type.Object({
            id: Type.Integer(),
            state: Type.String(),
            answer: Type.Union([Type.String(), Type.Null()]),
            answeredAt: Type.Union([
              Type.Unsafe<Date | string>(Type.String({ format: 'date-time' })),
              Type.Null(),
            ]),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) =>
      answerObjection(db, callerOf(request), request.params.enterpriseId, request.params.id, request.body),
  );
}
