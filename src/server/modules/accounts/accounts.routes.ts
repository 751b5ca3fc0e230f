/** Routes: sign-in/out, the current user, and user administration (admin). */
import Type from 'typebox';
import {
  ChangePasswordBody,
  CreateUserBody,
  LoginBody,
  PreferencesBody,
  SessionInfo,
  SessionProbe,
  UpdateUserBody,
  User,
  UserListQuery,
} from '../../../shared/api/accounts.ts';
import { ErrorSchema, errorResponses, IdParams, Ok, Page } from '../../../shared/api/common.ts';
import { callerOf, SESSION_COOKIE } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import * as accounts from './accounts.service.ts';

/** Registers the accounts routes. */
export function accountsRoutes(app: App, { db, config }: ModuleDeps): void {
  const policy = {
    sessionTtlHours: config.sessionTtlHours,
    maxFailures: config.loginMaxFailures,
    lockMinutes: config.loginLockMinutes,
  };

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: config.loginRatePerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in',
        body: LoginBody,
        response: { 200: SessionInfo, 423: ErrorSchema, 429: ErrorSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const session = await accounts.login(
        db,
        { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
        policy,
        request.id,
      );
      void reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        path: '/',
        expires: session.expiresAt,
      });
      return { user: await accounts.getUser(db, session.userId), csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: { roles: ['enterprise', 'official', 'bank', 'admin', 'auditor', 'payer', 'buyer'] } },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 200: Ok, ...errorResponses } },
    },
    async (request, reply) => {
      if (request.sessionId) await accounts.logout(db, request.sessionId, callerOf(request));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      // Public: the web app asks on every page load, signed in or not; the answer says which (ADR 0017).
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, or null when not signed in (or the session has ended)',
        response: { 200: SessionProbe, ...errorResponses },
      },
    },
    async (request) =>
      request.actor
        ? { user: await accounts.getUser(db, request.actor.userId), csrfToken: request.csrfToken ?? '' }
        : { user: null, csrfToken: null },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: { roles: ['enterprise', 'official', 'bank', 'admin', 'auditor', 'payer', 'buyer'] } },
      schema: {
        tags: ['auth'],
        summary: 'Change my password',
        body: ChangePasswordBody,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      if (!request.sessionId) throw new AppError('UNAUTHENTICATED');
      await accounts.changeOwnPassword(db, request.body, {
        ...callerOf(request),
        sessionId: request.sessionId,
      });
      return { ok: true as const };
    },
  );

  app.put(
    '/api/auth/preferences',
    {
      config: { access: { roles: ['enterprise', 'official', 'bank', 'admin', 'auditor', 'payer', 'buyer'] } },
      schema: {
        tags: ['auth'],
        summary: 'Set my language',
        body: PreferencesBody,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await accounts.setLocale(db, request.body.locale, callerOf(request));
      return { ok: true as const };
    },
  );

  app.get(
    '/api/admin/users',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary: 'List users',
        querystring: UserListQuery,
        response: { 200: Page(User), ...errorResponses },
      },
    },
    async (request) => {
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 20;
      const result = await accounts.listUsers(db, {
        ...(request.query.q ? { q: request.query.q } : {}),
        ...(request.query.role ? { role: request.query.role } : {}),
        page,
        pageSize,
      });
      return { ...result, page, pageSize };
    },
  );

  app.get(
    '/api/admin/users/:id',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary: 'One user',
        params: IdParams,
        response: { 200: User, ...errorResponses },
      },
    },
    async (request) => accounts.getUser(db, request.params.id),
  );

  app.post(
    '/api/admin/users',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary: 'Create a user',
        body: CreateUserBody,
        response: { 201: User, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await accounts.createUser(db, request.body, callerOf(request));
      void reply.status(201);
      return user;
    },
  );

  app.patch(
    '/api/admin/users/:id',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        summary: 'Change a user (role, scope, status, password reset, unlock)',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User, ...errorResponses },
      },
    },
    async (request) => accounts.updateUser(db, request.params.id, request.body, callerOf(request)),
  );

  void Type;
}
