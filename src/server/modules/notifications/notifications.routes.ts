/** Routes: the signed-in user's inbox (an enterprise's notices, or a user's own). */
import Type from 'typebox';
import { errorResponses, Page } from '../../../shared/api/common.ts';
import {
  MarkedReadSchema,
  MarkReadBody,
  NotificationQuery,
  NotificationSchema,
} from '../../../shared/api/policies.ts';
import { actorOf } from '../../http/auth.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { listInbox, markRead } from './notifications.service.ts';

/**
 * Who has an inbox: an enterprise's users, officials (reminders, 督办), payers (claims against them), banks and
 * buyers (their body's awards flagged by a recheck).
 */
const INBOX = { roles: ['enterprise', 'official', 'payer', 'bank', 'buyer'] } as const;

/**
 * Registers the inbox routes. They keep the `policies` tag they were published under when they lived in the
 * policies module (the OpenAPI document is unchanged by the move).
 */
export function notificationsRoutes(app: App, { db }: ModuleDeps): void {
  app.get(
    '/api/my/notifications',
    {
      config: { access: INBOX },
      schema: {
        tags: ['policies'],
        summary: 'My inbox',
        querystring: NotificationQuery,
        response: {
          200: Type.Object({ ...Page(NotificationSchema).properties, unread: Type.Integer() }),
          ...errorResponses,
        },
      },
    },
    async (request) => listInbox(db, actorOf(request), request.query),
  );
  app.post(
    '/api/my/notifications/read',
    {
      config: { access: INBOX },
      schema: {
        tags: ['policies'],
        summary: 'Mark notifications read (the listed ones, or all)',
        body: MarkReadBody,
        response: { 200: MarkedReadSchema, ...errorResponses },
      },
    },
    async (request) => markRead(db, actorOf(request), request.body.all ? 'all' : (request.body.ids ?? [])),
  );
}
