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
  action: Type.Optional(
    Type.String({
      maxLength: 100,
      description: "One action exactly, or every action under a prefix ending in '.' (e.g. 'case.')",
    }),
  ),
  targetType: Type.Optional(Type.String({ maxLength: 60 })),
  /** Part of the acting user's username or display name. */
  actor: Type.Optional(
    Type.String({ maxLength: 40, description: "Part of the acting user's username or display name" }),
  ),
  targetId: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  ...PageQuery,
});

/** Why the chain itself is broken at an entry (ADR 0003, 0010). */
export const AuditBrokenReasonSchema = Type.Union([
  Type.Literal('missing'),
  Type.Literal('prev_hash'),
  Type.Literal('hash'),
  Type.Literal('head'),
  Type.Literal('key_missing'),
  Type.Literal('key_mismatch'),
]);

/** A contradiction between a signed checkpoint kept outside the database and the chain (ADR 0010). */
export const AuditFindingSchema = Type.Object({
  kind: Type.Union([
    Type.Literal('rollback'),
    Type.Literal('rewrite'),
    Type.Literal('keyed_from'),
    Type.Literal('bad_signature'),
    Type.Literal('malformed'),
  ]),
  /** The line of the checkpoint file. */
  line: Type.Integer(),
  seq: Nullable(Type.Integer()),
  at: Nullable(Type.String()),
});

/** Result of verifying the hash chain, and the checkpoints against it. */
export const AuditVerificationSchema = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  lastSeq: Type.Integer(),
  broken: Type.Optional(Type.Object({ seq: Type.Integer(), reason: AuditBrokenReasonSchema })),
  /** Whether the server verified with the audit key (keyed entries and checkpoints need it). */
  keyed: Type.Boolean(),
  /** The first entry hashed with the key; entries before it are the plain SHA-256 chain. */
  keyedFrom: Nullable(Type.Integer()),
  checkpoints: Nullable(
    Type.Object({
      read: Type.Integer(),
      matched: Type.Integer(),
      latestSeq: Nullable(Type.Integer()),
      latestAt: Nullable(Type.String()),
    }),
  ),
  findings: Type.Array(AuditFindingSchema),
  moreFindings: Type.Integer(),
  /** The checkpoint this verification added (when it passed). */
  checkpoint: Nullable(Type.Object({ seq: Type.Integer(), hash: Type.String(), at: Type.String() })),
});
