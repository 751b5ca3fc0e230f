/** Use cases of accounts: sign-in, sign-out, password change and user administration. */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely, Transaction } from 'kysely';
import { findDepartment } from '../../../reference/departments.ts';
import { findRegion } from '../../../reference/regions.ts';
import { isValidUscc } from '../../../reference/uscc.ts';
import type { CreateUserBody, UpdateUserBody, User } from '../../../shared/api/accounts.ts';
import type { Role } from '../../../shared/roles.ts';
import type { Database } from '../../db/schema.ts';
import type { Caller } from '../../http/auth.ts';
import { sessionIdOf } from '../../http/auth.ts';
import { AppError, type FieldError } from '../../http/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { findInstitutionNames } from '../institutions/index.ts';
import { JOB_KINDS, type JobHandler, queueDailyJob } from '../jobs/index.ts';
import { findEnterpriseNames } from '../registry/index.ts';
import {
  findUserForLogin,
  findUserView,
  listUsers as listUsersSql,
  lockLoginState,
  saveLoginState,
  type UserFilter,
} from './accounts.repository.ts';
import { afterWrongPassword, isLockedAt, passwordProblem } from './accounts.rules.ts';

/** argon2id with the OWASP-recommended minimum (19 MiB, 2 passes). */
// algorithm 2 is Argon2id in @node-rs/argon2's (const enum) Algorithm.
const ARGON = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

let dummyHash: Promise<string> | null = null;

/** Settings for sign-in. */
export interface LoginPolicy {
  sessionTtlHours: number;
  maxFailures: number;
  lockMinutes: number;
}

/** A new session: the cookie token (shown once) and the CSRF token. */
export interface NewSession {
  token: string;
  csrfToken: string;
  userId: number;
  expiresAt: Date;
}

function actorOfCaller(caller: Caller) {
  return { userId: caller.actor?.userId ?? null, role: caller.actor?.role ?? null };
}

/** Signs a user in: checks lockout and password, records the attempt, and opens a session. */
export async function login(
  db: Kysely<Database>,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
  policy: LoginPolicy,
  requestId: string | null,
): Promise<NewSession> {
  const username = input.username.trim().toLowerCase();
  const user = await findUserForLogin(db, username);
  if (!user) {
    // Spend the same time as a real check so response times do not reveal which usernames exist.
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await dummyHash, input.password).catch(() => false);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const now = new Date();
  const stored = { failedLoginCount: user.failed_login_count, lockedUntil: user.locked_until };
  if (isLockedAt(stored, now)) throw new AppError('ACCOUNT_LOCKED');
  const isValid = await verify(user.password_hash, input.password).catch(() => false);
  if (!isValid) {
    // Counted on the row locked in this transaction: wrong passwords sent at once are each counted.
    const code = await db.transaction().execute(async (trx) => {
      const state = await lockLoginState(trx, user.id);
      // Another attempt locked the account while this password was being checked.
      if (isLockedAt(state, now)) return 'ACCOUNT_LOCKED' as const;
      const { next, failures, didLock } = afterWrongPassword(state, policy, now);
      await saveLoginState(trx, user.id, next);
      await appendAudit(
        trx,
        { userId: null, role: null },
        {
          action: didLock ? 'auth.account_locked' : 'auth.login_failed',
          targetType: 'user',
          targetId: user.id,
          requestId,
          summary: { username, failures, ip: input.ip },
        },
      );
      return 'INVALID_CREDENTIALS' as const;
    });
    throw new AppError(code);
  }
  if (!user.is_active) throw new AppError('ACCOUNT_DISABLED');
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + policy.sessionTtlHours * 3600_000);
  await db.transaction().execute(async (trx) => {
    // Wrong passwords sent with this one may have locked the account while it was being checked.
    if (isLockedAt(await lockLoginState(trx, user.id), now)) throw new AppError('ACCOUNT_LOCKED');
    await trx
      .updateTable('users')
      .set({ failed_login_count: 0, locked_until: null, last_login_at: now })
      .where('id', '=', user.id)
      .execute();
    await trx
      .insertInto('sessions')
      .values({
        id: sessionIdOf(token),
        user_id: user.id,
        csrf_token: csrfToken,
        expires_at: expiresAt,
        ip: input.ip,
        user_agent: input.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await appendAudit(
      trx,
      { userId: user.id, role: user.role },
      { action: 'auth.login', targetType: 'user', targetId: user.id, requestId, summary: { ip: input.ip } },
    );
  });
  return { token, csrfToken, userId: user.id, expiresAt };
}

/** Ends a session. */
export async function logout(db: Kysely<Database>, sessionId: string, caller: Caller): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id', '=', sessionId).execute();
    await appendAudit(trx, actorOfCaller(caller), {
      action: 'auth.logout',
      targetType: 'user',
      targetId: caller.actor?.userId ?? null,
      requestId: caller.requestId,
    });
  });
}

/** Removes expired sessions; returns how many. */
export async function purgeExpiredSessions(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The kind of the daily job that deletes expired sessions. */
export const SESSION_PURGE_JOB = JOB_KINDS.sessionPurge;

/** The session purge job's handler: expired sessions are deleted (a session row holds the client's address). */
export function sessionPurgeHandler(): JobHandler {
  return async (db) => ({ purged: await purgeExpiredSessions(db) });
}

/** Queues the day's session purge, once per day whichever instance asks first. */
export async function queueDailySessionPurge(db: Kysely<Database>, day: string): Promise<void> {
  await queueDailyJob(db, SESSION_PURGE_JOB, day);
}

/** Users with the names of the enterprise or institution each is bound to, asked of the modules that own them. */
async function withOrganisationNames<T extends { enterpriseId: number | null; institutionId: number | null }>(
  db: Kysely<Database>,
  rows: T[],
): Promise<(T & { enterpriseName: string | null; institutionName: string | null })[]> {
  const ids = (key: 'enterpriseId' | 'institutionId') =>
    rows.flatMap((row) => (row[key] === null ? [] : [row[key]]));
  const [enterprises, institutions] = await Promise.all([
    findEnterpriseNames(db, ids('enterpriseId')),
    findInstitutionNames(db, ids('institutionId')),
  ]);
  return rows.map((row) => ({
    ...row,
    enterpriseName: row.enterpriseId === null ? null : (enterprises.get(row.enterpriseId) ?? null),
    institutionName: row.institutionId === null ? null : (institutions.get(row.institutionId) ?? null),
  }));
}

/** Gets a user for display; NOT_FOUND if absent. */
export async function getUser(db: Kysely<Database> | Transaction<Database>, id: number): Promise<User> {
  const row = await findUserView(db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const [user] = await withOrganisationNames(db, [row]);
  if (!user) throw new AppError('NOT_FOUND'); // never: one row in, one row out
  return user;
}

/** Lists users for the admin. */
export async function listUsers(db: Kysely<Database>, filter: UserFilter) {
  const { items, total } = await listUsersSql(db, filter);
  return { items: await withOrganisationNames(db, items), total };
}

/** Changes the caller's own password after checking the current one; ends their other sessions. */
export async function changeOwnPassword(
  db: Kysely<Database>,
  input: { currentPassword: string; newPassword: string },
  caller: Caller & { sessionId: string },
): Promise<void> {
  const actor = caller.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  const user = await findUserForLogin(db, actor.username);
  if (!user || !(await verify(user.password_hash, input.currentPassword).catch(() => false))) {
    throw AppError.field('currentPassword', { zh: '当前密码不正确', en: 'is not your current password' });
  }
  const problem = passwordProblem(input.newPassword, actor.username);
  if (problem) throw AppError.field('newPassword', problem);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set((eb) => ({
        password_hash: passwordHash,
        password_changed_at: new Date(),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', actor.userId)
      .execute();
    await trx
      .deleteFrom('sessions')
      .where('user_id', '=', actor.userId)
      .where('id', '!=', caller.sessionId)
      .execute();
    await appendAudit(trx, actorOfCaller(caller), {
      action: 'user.password_changed',
      targetType: 'user',
      targetId: actor.userId,
      requestId: caller.requestId,
    });
  });
}

/** Sets the caller's preferred language. */
export async function setLocale(db: Kysely<Database>, locale: 'zh-CN' | 'en', caller: Caller): Promise<void> {
  const actor = caller.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ locale }).where('id', '=', actor.userId).execute();
    await appendAudit(trx, actorOfCaller(caller), {
      action: 'user.preferences_changed',
      targetType: 'user',
      targetId: actor.userId,
      requestId: caller.requestId,
      summary: { locale },
    });
  });
}

interface Scope {
  role: Role;
  enterpriseId: number | null;
  institutionId: number | null;
  regionCode: string | null;
  departmentCode: string | null;
  organizationUscc: string | null;
  organizationName: string | null;
}

/** Checks that a role's scope fields are exactly the ones it needs and that they exist. */
async function validateScope(
  db: Kysely<Database> | Transaction<Database>,
  scope: Scope,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const required = { zh: '该角色必须填写', en: 'is required for this role' };
  const forbidden = { zh: '该角色不应填写', en: 'must be empty for this role' };
  const need = {
    enterpriseId: scope.role === 'enterprise',
    institutionId: scope.role === 'bank',
    regionCode: scope.role === 'official',
    departmentCode: scope.role === 'official' ? null : false,
    // A payer answers for a debtor body, a buyer buys for a buying body: both are the organisation's USCC and name.
    organizationUscc: scope.role === 'payer' || scope.role === 'buyer',
    organizationName: scope.role === 'payer' || scope.role === 'buyer',
  } as const;
  for (const [field, needed] of Object.entries(need)) {
    const value = scope[field as keyof typeof need];
    if (needed === true && (value === null || value === undefined)) errors.push({ field, message: required });
    if (needed === false && value !== null && value !== undefined) errors.push({ field, message: forbidden });
  }
  if (scope.enterpriseId !== null && need.enterpriseId) {
    const found = await findEnterpriseNames(db, [scope.enterpriseId]);
    if (!found.has(scope.enterpriseId))
      errors.push({ field: 'enterpriseId', message: { zh: '企业不存在', en: 'no such enterprise' } });
  }
  if (scope.institutionId !== null && need.institutionId) {
    const found = await findInstitutionNames(db, [scope.institutionId]);
    if (!found.has(scope.institutionId))
      errors.push({ field: 'institutionId', message: { zh: '金融机构不存在', en: 'no such institution' } });
  }
  if (scope.regionCode !== null && need.regionCode && !findRegion(scope.regionCode)) {
    errors.push({
      field: 'regionCode',
      message: { zh: '不是有效的 GB/T 2260 行政区划代码', en: 'is not a GB/T 2260 region code' },
    });
  }
  if (scope.organizationUscc !== null && need.organizationUscc && !isValidUscc(scope.organizationUscc)) {
    errors.push({
      field: 'organizationUscc',
      message: { zh: '不是有效的统一社会信用代码', en: 'is not a valid unified social credit code' },
    });
  }
  if (scope.departmentCode && scope.role === 'official' && !findDepartment(scope.departmentCode)) {
    errors.push({
      field: 'departmentCode',
      message: { zh: '部门代码无效', en: 'is not a known department' },
    });
  }
  return errors;
}

/** Creates a user (admin, or the CLI as the system). */
export async function createUser(
  db: Kysely<Database>,
  input: CreateUserBody & { isDemo?: boolean; email?: string },
  caller: Caller,
): Promise<User> {
  const username = input.username.toLowerCase();
  const scope: Scope = {
    role: input.role,
    enterpriseId: input.enterpriseId ?? null,
    institutionId: input.institutionId ?? null,
    regionCode: input.regionCode ?? null,
    departmentCode: input.departmentCode ?? null,
    organizationUscc: input.organizationUscc?.trim().toUpperCase() || null,
    organizationName: input.organizationName?.trim() || null,
  };
  const errors = await validateScope(db, scope);
  const problem = passwordProblem(input.password, username);
  if (problem) errors.push({ field: 'password', message: problem });
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', errors);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (existing) {
      throw new AppError('ALREADY_EXISTS', [
        { field: 'username', message: { zh: '用户名已被使用', en: 'is already taken' } },
      ]);
    }
    const { id } = await trx
      .insertInto('users')
      .values({
        username,
        display_name: input.displayName,
        password_hash: passwordHash,
        role: scope.role,
        enterprise_id: scope.enterpriseId,
        institution_id: scope.institutionId,
        region_code: scope.regionCode,
        department_code: scope.departmentCode,
        organization_uscc: scope.organizationUscc,
        organization_name: scope.organizationName,
        is_demo: input.isDemo ?? false,
        ...(input.email ? { email: input.email } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actorOfCaller(caller), {
      action: 'user.created',
      targetType: 'user',
      targetId: id,
      requestId: caller.requestId,
      summary: { username, ...scope },
    });
    return getUser(trx, id);
  });
}

/** Changes a user (admin). Fails with CONFLICT when `version` is not the current one. */
export async function updateUser(
  db: Kysely<Database>,
  id: number,
  input: UpdateUserBody,
  caller: Caller,
): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND');
    if (current.version !== input.version) throw new AppError('CONFLICT');
    const role = input.role ?? current.role;
    const roleChanged = role !== current.role;
    const pick = <
      K extends
        | 'enterpriseId'
        | 'institutionId'
        | 'regionCode'
        | 'departmentCode'
        | 'organizationUscc'
        | 'organizationName',
    >(
      key: K,
      currentValue: UpdateUserBody[K] | null,
    ) => (input[key] !== undefined ? (input[key] ?? null) : roleChanged ? null : (currentValue ?? null));
    const scope: Scope = {
      role,
      enterpriseId: pick('enterpriseId', current.enterprise_id),
      institutionId: pick('institutionId', current.institution_id),
      regionCode: pick('regionCode', current.region_code),
      departmentCode: pick('departmentCode', current.department_code),
      organizationUscc: pick('organizationUscc', current.organization_uscc)?.trim().toUpperCase() || null,
      organizationName: pick('organizationName', current.organization_name)?.trim() || null,
    };
    const errors = await validateScope(trx, scope);
    if (input.password) {
      const problem = passwordProblem(input.password, current.username);
      if (problem) errors.push({ field: 'password', message: problem });
    }
    if (input.isActive === false && caller.actor?.userId === id) {
      errors.push({
        field: 'isActive',
        message: { zh: '不能停用自己的账户', en: 'you cannot disable your own account' },
      });
    }
    if (errors.length > 0) throw new AppError('VALIDATION_FAILED', errors);
    const changes: Record<string, unknown> = {};
    const before: Record<string, unknown> = {};
    const note = (field: string, from: unknown, to: unknown) => {
      if (from !== to) {
        before[field] = from;
        changes[field] = to;
      }
    };
    note('displayName', current.display_name, input.displayName ?? current.display_name);
    note('role', current.role, scope.role);
    note('enterpriseId', current.enterprise_id, scope.enterpriseId);
    note('institutionId', current.institution_id, scope.institutionId);
    note('regionCode', current.region_code, scope.regionCode);
    note('departmentCode', current.department_code, scope.departmentCode);
    note('organizationUscc', current.organization_uscc, scope.organizationUscc);
    note('organizationName', current.organization_name, scope.organizationName);
    note('isActive', current.is_active, input.isActive ?? current.is_active);
    if (passwordHash) changes.password = '(reset)';
    if (input.unlock) changes.unlocked = true;
    await trx
      .updateTable('users')
      .set((eb) => ({
        display_name: input.displayName ?? current.display_name,
        role: scope.role,
        enterprise_id: scope.enterpriseId,
        institution_id: scope.institutionId,
        region_code: scope.regionCode,
        department_code: scope.departmentCode,
        organization_uscc: scope.organizationUscc,
        organization_name: scope.organizationName,
        is_active: input.isActive ?? current.is_active,
        ...(passwordHash ? { password_hash: passwordHash, password_changed_at: new Date() } : {}),
        ...(input.unlock ? { locked_until: null, failed_login_count: 0 } : {}),
        version: eb('version', '+', 1),
        updated_at: new Date(),
      }))
      .where('id', '=', id)
      .execute();
    // A change of role, scope, status or password ends the user's sessions so the change takes effect at once.
    if (
      roleChanged ||
      passwordHash ||
      input.isActive === false ||
      'regionCode' in changes ||
      'enterpriseId' in changes ||
      'organizationUscc' in changes ||
      'institutionId' in changes
    ) {
      await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    }
    await appendAudit(trx, actorOfCaller(caller), {
      action: 'user.updated',
      targetType: 'user',
      targetId: id,
      requestId: caller.requestId,
      summary: { before, after: changes },
    });
    return getUser(trx, id);
  });
}
