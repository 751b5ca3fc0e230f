/**
 * buildApp(config, db) → a ready Fastify instance that never listens (tests use `app.inject`; main.ts listens).
 */

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import Type from 'typebox';
import type { Config } from './config.ts';
import type { Database } from './db/schema.ts';
import { CSRF_HEADER, installAuth, SESSION_COOKIE } from './http/auth.ts';
import { AppError, errorBody, installErrorHandling, RETRY_AFTER_SECONDS } from './http/errors.ts';
import { installInputGuard } from './http/input-guard.ts';
import { componentSchemas, documentRoute, dropUnusedComponents } from './http/openapi.ts';
import type { App, ModuleDeps } from './http/types.ts';
import { typeBoxValidatorCompiler } from './http/validation.ts';
import { sendShell, serveWebApp } from './http/web-app.ts';
import { webShell } from './http/web-shell.ts';
import type { Metrics } from './metrics.ts';
import { accountsRoutes } from './modules/accounts/index.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { attachmentRoutes, attachmentSettings, casesRoutes } from './modules/cases/index.ts';
import {
  CREDIT_IMPORT_COLUMNS,
  creditImportRoutes,
  creditRoutes,
  creditScoringRoutes,
} from './modules/credit/index.ts';
import { cultivationRoutes } from './modules/cultivation/index.ts';
import {
  financingDashboardRoutes,
  financingRoutes,
  receivablesRoutes,
  recommendationsRoutes,
} from './modules/financing/index.ts';
import { homeRoutes } from './modules/home/index.ts';
import { monitoringRoutes } from './modules/monitoring/index.ts';
import { notificationsRoutes } from './modules/notifications/index.ts';
import { paymentsRoutes } from './modules/payments/index.ts';
import { policiesRoutes } from './modules/policies/index.ts';
import { procurementRoutes } from './modules/procurement/index.ts';
import { referenceDataRoutes } from './modules/reference-data/index.ts';
import { importRoutes, registryRoutes } from './modules/registry/index.ts';

/** Options for building the app. */
export interface BuildOptions {
  config: Config;
  db: Kysely<Database>;
  /** Override the logger (tests pass false). */
  logger?: FastifyServerOptions['logger'];
  /** Called when an import is queued (main.ts wakes its runner). */
  onImportQueued?: () => void;
  /** Called when background jobs are queued (main.ts wakes its job runner). */
  onJobsQueued?: () => void;
  /** Records each request's latency (when HUIQI_METRICS_PORT is set; ADR 0022). */
  metrics?: Pick<Metrics, 'observeRequest'>;
}

/** Where uploads go and how large they may be. */
export function importSettings(config: Config) {
  return { uploadDir: path.join(config.dataDir, 'uploads'), maxBytes: config.importMaxBytes };
}

/** Version of the API and of the OpenAPI document. */
export const API_VERSION = '0.1.0';

/** An incoming request id kept as the request's own: 8–64 letters, digits, dots, underscores or hyphens. */
export const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The request's id: a well-formed `x-request-id` set by a trusted proxy (HUIQI_TRUST_PROXY), else a new UUID. A
 * client reaching the server directly cannot choose it: audit entries and background jobs record it, and a chosen
 * id could pass for another request's.
 */
export function requestIdOf(header: string | string[] | undefined, trustProxy: boolean): string {
  return trustProxy && typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * Content-Security-Policy of the web app's pages: scripts, data and frames from this origin only (the Vite build
 * emits no inline script); inline styles are allowed because antd's CSS-in-JS writes <style> elements; images may
 * be data:/blob: URLs (icons, ECharts' saved pictures).
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Builds the whole platform's HTTP app without listening. */
export async function buildApp({
  config,
  db,
  logger,
  onImportQueued,
  onJobsQueued,
  metrics,
}: BuildOptions): Promise<App> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => requestIdOf(req.headers['x-request-id'], config.trustProxy),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
    // Errors the router raises before any hook (bad percent-encoding in the path) get the API's error body too.
    frameworkErrors: (error, request, reply) => {
      const appError = new AppError(error.code === 'FST_ERR_BAD_URL' ? 'BAD_URL' : 'BAD_REQUEST');
      void (reply as FastifyReply).status(appError.status).send(errorBody(request, appError));
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(typeBoxValidatorCompiler);
  if (metrics) {
    // Labelled by the route's pattern (`/api/enterprises/:id`), never the address asked for: ids stay out of the
    // labels, and a request no route matched is `unmatched`.
    app.addHook('onResponse', async (request, reply) => {
      metrics.observeRequest(
        request.method,
        request.routeOptions.url,
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
    });
  }

  const hasWebApp = existsSync(path.join(config.webDir, 'index.html'));
  const shell = hasWebApp ? webShell(config.webDir) : null;
  installErrorHandling(app, {
    sendShell: shell ? (request, reply) => sendShell(shell.shellFor, request, reply) : undefined,
  });
  // Before the input guard, so a refused request carries its id too.
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  installInputGuard(app);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (request) => {
      const error = new AppError('RATE_LIMITED');
      return Object.assign(new Error(error.message), { statusCode: 429, body: errorBody(request, error) });
    },
  });
  await app.register(swagger, {
    openapi: {
      // 3.1: the schemas are JSON Schema 2020-12 as TypeBox writes them (a numeric `exclusiveMinimum`).
      openapi: '3.1.0',
      info: {
        title: 'Huiqi 惠企 API',
        version: API_VERSION,
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        description:
          'API of Huiqi, the platform for the system supporting SME development. Errors are `{ code, message, errors? }`; ' +
          'state-changing requests of a signed-in user carry the `x-csrf-token` header returned by `/api/auth/login` and `/api/auth/me`.',
      },
      // Relative: the API is served by the same server as the document (and the web app).
      servers: [{ url: '/', description: 'The server that serves this document' }],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'The session cookie set by `POST /api/auth/login`.',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: CSRF_HEADER,
            description:
              'The CSRF token of the session (`csrfToken` in the answers of `/api/auth/login` and `/api/auth/me`), ' +
              'sent with every state-changing request of a signed-in user.',
          },
        },
        schemas: componentSchemas(),
      },
    },
    // The shared schemas appear once, as named components, and routes refer to them (http/openapi.ts).
    // Each operation also gets an id and its security requirement from the route's access (http/openapi.ts).
    transform: ({ schema, url, route }) => ({ schema: documentRoute(schema, route), url }),
    transformObject: (document) =>
      'openapiObject' in document ? dropUnusedComponents(document.openapiObject) : document.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // During shutdown, answers to in-flight requests close their keep-alive connection so the server can stop.
  let isClosing = false;
  app.addHook('preClose', async () => {
    isClosing = true;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (isClosing) void reply.header('connection', 'close');
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'same-origin');
    // The web app's shell (index.html, also as the fallback of its client-side routes); the API docs under /api
    // bring their own page.
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html') && !request.url.startsWith('/api/'))
      void reply.header('content-security-policy', WEB_APP_CSP);
    return payload;
  });

  installAuth(app, { db, sessionTtlHours: config.sessionTtlHours });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  // Ready when the database answers: a load balancer stops sending requests while it does not.
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(db);
      return { status: 'ready' };
    } catch {
      return reply
        .status(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ status: 'unavailable', code: 'DATABASE_UNAVAILABLE' });
    }
  });
  app.get(
    '/api/openapi.json',
    { config: { access: 'public' }, schema: { hide: true, response: { 200: Type.Unknown() } } },
    async () => app.swagger(),
  );

  const deps: ModuleDeps = { db, config };
  accountsRoutes(app, deps);
  auditRoutes(app, deps);
  referenceDataRoutes(app, deps);
  homeRoutes(app, deps);
  registryRoutes(app, deps);
  importRoutes(app, deps, importSettings(config), onImportQueued ?? (() => undefined), {
    credit_records: CREDIT_IMPORT_COLUMNS,
  });
  // After importRoutes: a department's credit file is uploaded through the octet-stream parser registered there.
  creditImportRoutes(app, deps, importSettings(config), onImportQueued ?? (() => undefined));
  policiesRoutes(app, deps, onJobsQueued);
  notificationsRoutes(app, deps);
  paymentsRoutes(app, deps);
  procurementRoutes(app, deps);
  cultivationRoutes(app, deps);
  creditRoutes(app, deps);
  casesRoutes(app, deps);
  creditScoringRoutes(app, deps, { onJobsQueued });
  financingRoutes(app, deps);
  receivablesRoutes(app, deps);
  recommendationsRoutes(app, deps);
  financingDashboardRoutes(app, deps);
  monitoringRoutes(app, deps);
  // After importRoutes: uploads use the application/octet-stream parser registered there.
  attachmentRoutes(app, deps, attachmentSettings(config));

  if (hasWebApp) await serveWebApp(app, config.webDir);

  await app.ready();
  return app;
}
