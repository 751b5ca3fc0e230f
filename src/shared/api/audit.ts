/** API schemas of the audit log. */
import Type from 'typebox';
import { DateTime, Nullable, PageQuery, Strict } from './common.ts';

/** One audit entry. */
export const AuditEntrySchema = Type.Object({
  seq: Type.Integer(),
  at: DateTime,
  actorUserId: Nullable(Type.Integer()),
  actorUsername: Nullable(Type.String()),
  actorRole: Nullable(Type.String()),
  action: Type.String(),
  targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  summary: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.String(),
});

/** Filters of the audit log. */
export const AuditQuerySchema = Strict({
  actorUserId: Type.Optional(Type.Integer({ minimum: 1 })),
  action: Type.Optional(Type.String({ maxLength: 100 })),
  targetType: Type.Optional(Type.String({ maxLength: 60 })),
  targetId: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  ...PageQuery,
});

/** Result of verifying the hash chain. */
export const AuditVerificationSchema = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  lastSeq: Type.Integer(),
  broken: Type.Optional(
    Type.Object({
      seq: Type.Integer(),
      reason: Type.Union([
        Type.Literal('missing'),
        Type.Literal('prev_hash'),
        Type.Literal('hash'),
        Type.Literal('head'),
      ]),
    }),
  ),
});
