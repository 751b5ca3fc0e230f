/**
 * Authentication and authorization: the one place that decides who may call a route.
 *
 * Every API route declares `config.access`: `'public'` (anyone, signed in or not) or the list of roles allowed.
 * Data scope (an official's region subtree, an enterprise user's own enterprise, a bank user's institution) is
 * carried on the Actor and checked with `assertInRegion` / `assertOwnEnterprise` by services.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { regionScopePrefix } from '../../reference/regions.ts';
import type { Role } from '../../shared/roles.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from './errors.ts';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'huiqi_sid';
/** Header carrying the CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';

/** Who may call a route. */
export type Access = 'public' | { roles: readonly Role[] };

/** The signed-in user as every service sees it. */
export interface Actor {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  enterpriseId: number | null;
  institutionId: number | null;
  regionCode: string | null;
  /** GB/T 2260 code prefix of the official's region subtree. */
  regionPrefix: string | null;
  departmentCode: string | null;
  /** A payer's organisation (the debtor body whose complaints they answer). */
  organizationUscc: string | null;
  locale: 'zh-CN' | 'en';
}

/** The caller of a service: the actor (null for the public or the system) and the request id for the audit log. */
export interface Caller {
  actor: Actor | null;
  requestId: string | null;
}

/** One API route and who may call it. */
export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
  /** The route's request schemas (tests generate inputs from them). */
  schema: { body?: unknown; querystring?: unknown; params?: unknown };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its access declaration (tests walk it). */
    accessTable: RouteAccess[];
  }
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string | null;
    /** True when a session cookie was sent but did not match a live session. */
    hasStaleSession: boolean;
  }
}

/** SHA-256 of a session token: the database stores only this. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const REFRESH_AFTER_MS = 5 * 60 * 1000;

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The caller of the current request. */
export function callerOf(request: FastifyRequest): Caller {
  return { actor: request.actor, requestId: request.id };
}

/** The actor of a route that requires sign-in (its access declaration guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

/** The signed-in actor of a service call (routes with a role declaration guarantee one). */
export function requireActor(caller: Caller): Actor {
  if (!caller.actor) throw new AppError('UNAUTHENTICATED');
  return caller.actor;
}

/** The enterprise of an enterprise user; FORBIDDEN for anyone else. */
export function requireEnterprise(actor: Actor): number {
  if (actor.role !== 'enterprise' || actor.enterpriseId === null) throw new AppError('FORBIDDEN');
  return actor.enterpriseId;
}

/** Throws OUT_OF_SCOPE unless the actor may see records of this region (officials: their subtree). */
export function assertInRegion(actor: Actor, regionCode: string): void {
  if (actor.role === 'admin' || actor.role === 'auditor') return;
  if (actor.role === 'official' && actor.regionPrefix !== null && regionCode.startsWith(actor.regionPrefix))
    return;
  throw new AppError('OUT_OF_SCOPE');
}

/** Throws OUT_OF_SCOPE unless the actor is this enterprise's user (or an admin). */
export function assertOwnEnterprise(actor: Actor, enterpriseId: number): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'enterprise' && actor.enterpriseId === enterpriseId) return;
  throw new AppError('OUT_OF_SCOPE');
}

/** Options for the auth plugin. */
export interface AuthOptions {
  db: Kysely<Database>;
  sessionTtlHours: number;
}

/** Loads the session on every request and enforces each route's access declaration and CSRF. */
export function installAuth(app: FastifyInstance, options: AuthOptions): void {
  const { db } = options;
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('hasStaleSession', false);

  const table: RouteAccess[] = [];
  app.decorate('accessTable', table);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (access === undefined)
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access`);
    for (const method of [route.method].flat()) {
      const schema = (route.schema ?? {}) as RouteAccess['schema'];
      if (method !== 'HEAD') {
        table.push({
          method,
          url: route.url,
          access,
          schema: { body: schema.body, querystring: schema.querystring, params: schema.params },
        });
      }
    }
  });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      if (token.length > 200) {
        request.hasStaleSession = true;
      } else {
        await loadSession(request, token);
      }
    }
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') {
      if (MUTATING.has(request.method) && request.actor) checkCsrf(request);
      return;
    }
    if (!request.actor) throw new AppError(request.hasStaleSession ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (!access.roles.includes(request.actor.role)) throw new AppError('FORBIDDEN');
    if (MUTATING.has(request.method)) checkCsrf(request);
  });

  function checkCsrf(request: FastifyRequest): void {
    const header = request.headers[CSRF_HEADER];
    const sent = Array.isArray(header) ? header[0] : header;
    if (!sent || !request.csrfToken || !safeEqual(sent, request.csrfToken))
      throw new AppError('CSRF_TOKEN_INVALID');
  }

  async function loadSession(request: FastifyRequest, token: string): Promise<void> {
    const id = sessionIdOf(token);
    const row = await db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as sessionId',
        'sessions.csrf_token',
        'sessions.expires_at',
        'sessions.last_seen_at',
        'users.id',
        'users.username',
        'users.display_name',
        'users.role',
        'users.enterprise_id',
        'users.institution_id',
        'users.region_code',
        'users.department_code',
        'users.organization_uscc',
        'users.locale',
        'users.is_active',
      ])
      .where('sessions.id', '=', id)
      .executeTakeFirst();
    const now = Date.now();
    if (!row?.is_active || row.expires_at.getTime() <= now) {
      request.hasStaleSession = true;
      return;
    }
    request.sessionId = row.sessionId;
    request.csrfToken = row.csrf_token;
    request.actor = {
      userId: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      enterpriseId: row.enterprise_id,
      institutionId: row.institution_id,
      regionCode: row.region_code,
      regionPrefix: row.region_code ? regionScopePrefix(row.region_code) : null,
      departmentCode: row.department_code,
      organizationUscc: row.organization_uscc,
      locale: row.locale,
    };
    if (now - row.last_seen_at.getTime() > REFRESH_AFTER_MS) {
      // Sliding expiry, written at most every few minutes per session.
      await db
        .updateTable('sessions')
        .set({ last_seen_at: new Date(now), expires_at: new Date(now + options.sessionTtlHours * 3600_000) })
        .where('id', '=', id)
        .execute();
    }
  }
}
