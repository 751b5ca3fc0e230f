/** Schema helpers shared by every API module (TypeBox: validation, types and OpenAPI at once). */
import Type, { type Static, type TProperties, type TSchema } from 'typebox';
import { ROLES } from '../roles.ts';

/** An object that rejects unknown fields. */
export const Strict = <T extends TProperties>(properties: T, options: { description?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

/** A value or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A date-time returned as an ISO 8601 string. */
export const DateTime = Type.Unsafe<Date | string>(Type.String({ format: 'date-time' }));

/** A calendar date 'YYYY-MM-DD'. */
export const DateOnly = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

/** A database id in a path. */
export const IdParams = Strict({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });

/** Paging query parameters: page from 1, pageSize up to 200. */
export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
};

/** A page of items with the total count. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });

/** A role of a signed-in user. */
export const RoleSchema = Type.Union([
  Type.Literal('enterprise'),
  Type.Literal('official'),
  Type.Literal('bank'),
  Type.Literal('admin'),
  Type.Literal('auditor'),
  Type.Literal('payer'),
  Type.Literal('buyer'),
]);
// Keep RoleSchema and ROLES in step.
void (ROLES satisfies readonly Static<typeof RoleSchema>[]);

/** A GB/T 2260 six-digit region code. */
export const RegionCode = Type.String({ pattern: '^\\d{6}$', description: 'GB/T 2260 six-digit code' });

/** The one error body. */
export const ErrorSchema = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    requestId: Type.Optional(Type.String()),
  },
  { $id: 'Error' },
);

/** Standard error responses to list on every route. */
export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
};

/** An empty successful answer. */
export const Ok = Type.Object({ ok: Type.Literal(true) });
