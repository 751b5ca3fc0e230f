/** API schemas of sign-in, the current user and user administration. */
import Type, { type Static } from 'typebox';
import { DateTime, Nullable, PageQuery, RegionCode, RoleSchema, Strict } from './common.ts';

/** Sign-in request. */
export const LoginBody = Strict({
  username: Type.String({ minLength: 1, maxLength: 40 }),
  password: Type.String({ minLength: 1, maxLength: 128 }),
});

/** A user as the API shows it (never the password hash). */
export const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  enterpriseId: Nullable(Type.Integer()),
  enterpriseName: Nullable(Type.String()),
  institutionId: Nullable(Type.Integer()),
  institutionName: Nullable(Type.String()),
  organizationUscc: Nullable(Type.String()),
  organizationName: Nullable(Type.String()),
  regionCode: Nullable(Type.String()),
  regionName: Nullable(Type.String()),
  departmentCode: Nullable(Type.String()),
  locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]),
  isActive: Type.Boolean(),
  isDemo: Type.Boolean(),
  lockedUntil: Nullable(DateTime),
  lastLoginAt: Nullable(DateTime),
  version: Type.Integer(),
  createdAt: DateTime,
});
/** A user as the API shows it. */
export type User = Static<typeof User>;

/** The signed-in user and the CSRF token to send back on state-changing requests. */
export const SessionInfo = Type.Object({ user: User, csrfToken: Type.String() });
export type SessionInfo = Static<typeof SessionInfo>;

/** Changing one's own password. */
export const ChangePasswordBody = Strict({
  currentPassword: Type.String({ minLength: 1, maxLength: 128 }),
  newPassword: Type.String({ minLength: 1, maxLength: 128 }),
});

/** Changing one's language. */
export const PreferencesBody = Strict({ locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]) });

const Username = Type.String({
  pattern: '^[a-z0-9][a-z0-9._-]{2,39}$',
  description: 'lower-case, 3–40 characters',
});

/** An admin creating a user. Scope fields depend on the role. */
export const CreateUserBody = Strict({
  username: Username,
  displayName: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: 1, maxLength: 128 }),
  role: RoleSchema,
  enterpriseId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  institutionId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  regionCode: Type.Optional(Nullable(RegionCode)),
  departmentCode: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  organizationUscc: Type.Optional(Nullable(Type.String({ maxLength: 18 }))),
  organizationName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
});
export type CreateUserBody = Static<typeof CreateUserBody>;

/** An admin changing a user; `version` guards against concurrent edits. */
export const UpdateUserBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  role: Type.Optional(RoleSchema),
  enterpriseId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  institutionId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  regionCode: Type.Optional(Nullable(RegionCode)),
  departmentCode: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  organizationUscc: Type.Optional(Nullable(Type.String({ maxLength: 18 }))),
  organizationName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  isActive: Type.Optional(Type.Boolean()),
  password: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  unlock: Type.Optional(Type.Boolean()),
});
export type UpdateUserBody = Static<typeof UpdateUserBody>;

/** Filters of the user list. */
export const UserListQuery = Strict({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  role: Type.Optional(RoleSchema),
  ...PageQuery,
});

/**
 * The web app's session probe: the signed-in user and CSRF token, or both null for anyone else (an answer, not a
 * 401, so a public page logs no error).
 */
export const SessionProbe = Type.Object({ user: Nullable(User), csrfToken: Nullable(Type.String()) });
export type SessionProbe = Static<typeof SessionProbe>;
