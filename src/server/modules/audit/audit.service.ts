/**
 * The audit log: append-only and hash-chained. An entry is written in the same transaction as the change it
 * records; `audit_head` is locked for the append, so entries form one unbroken chain whatever the concurrency.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** Who did something: a signed-in user, or the system (CLI, background jobs) when userId is null. */
export interface AuditActor {
  userId: number | null;
  role: string | null;
}

/** What an audit entry records. */
export interface AuditEntryInput {
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  requestId?: string | null;
  /** A summary of the change: the fields that changed, before/after, never secrets. */
  summary?: Record<string, unknown>;
}

/** The genesis hash: the chain starts from 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so a value always serialises the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

interface ChainedFields {
  seq: number;
  at: Date;
  actor_user_id: number | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  summary: Record<string, unknown>;
}

/** The hash of an entry: SHA-256 over the previous hash and the entry's canonical JSON. */
export function entryHash(prevHash: string, entry: ChainedFields): string {
  const payload = canonicalJson({
    seq: entry.seq,
    at: entry.at.toISOString(),
    actorUserId: entry.actor_user_id,
    actorRole: entry.actor_role,
    action: entry.action,
    targetType: entry.target_type,
    targetId: entry.target_id,
    requestId: entry.request_id,
    summary: entry.summary,
  });
  return createHash('sha256').update(prevHash).update('\n').update(payload).digest('hex');
}

/** Appends one entry; must run inside the transaction of the change it records. */
export async function appendAudit(
  trx: Transaction<Database>,
  actor: AuditActor,
  input: AuditEntryInput,
): Promise<number> {
  const head = await trx
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  // Millisecond precision survives the round trip through timestamptz unchanged.
  const entry: ChainedFields = {
    seq: head.seq + 1,
    at: new Date(),
    actor_user_id: actor.userId,
    actor_role: actor.role,
    action: input.action,
    target_type: input.targetType ?? null,
    target_id: input.targetId === undefined || input.targetId === null ? null : String(input.targetId),
    request_id: input.requestId ?? null,
    summary: JSON.parse(JSON.stringify(input.summary ?? {})) as Record<string, unknown>,
  };
  const hash = entryHash(head.hash, entry);
  await trx
    .insertInto('audit_log')
    .values({ ...entry, summary: JSON.stringify(entry.summary), prev_hash: head.hash, hash })
    .execute();
  await trx.updateTable('audit_head').set({ seq: entry.seq, hash }).where('id', '=', 1).execute();
  return entry.seq;
}

/** The outcome of verifying the chain. */
export interface AuditVerification {
  ok: boolean;
  checked: number;
  lastSeq: number;
  /** The first broken link, when not ok. */
  broken?: { seq: number; reason: 'missing' | 'prev_hash' | 'hash' | 'head' };
}

/** Walks the whole chain in order and reports the first entry that was altered, removed or re-ordered. */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 5000): Promise<AuditVerification> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq)
        return {
          ok: false,
          checked,
          lastSeq: expectedSeq - 1,
          broken: { seq: expectedSeq, reason: 'missing' },
        };
      if (row.prev_hash !== prevHash)
        return { ok: false, checked, lastSeq: row.seq, broken: { seq: row.seq, reason: 'prev_hash' } };
      const summary =
        typeof row.summary === 'string' ? (JSON.parse(row.summary) as Record<string, unknown>) : row.summary;
      const recomputed = entryHash(prevHash, { ...row, summary });
      if (recomputed !== row.hash)
        return { ok: false, checked, lastSeq: row.seq, broken: { seq: row.seq, reason: 'hash' } };
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < batchSize) break;
  }
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  if (head.seq !== expectedSeq - 1 || head.hash !== prevHash) {
    return {
      ok: false,
      checked,
      lastSeq: expectedSeq - 1,
      broken: { seq: expectedSeq, reason: head.seq >= expectedSeq ? 'missing' : 'head' },
    };
  }
  return { ok: true, checked, lastSeq: expectedSeq - 1 };
}

/** Filters for listing the audit log. */
export interface AuditQuery {
  actorUserId?: number;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** Lists audit entries, newest first, with the total count for paging. */
export async function listAudit(db: Kysely<Database>, query: AuditQuery) {
  let base = db.selectFrom('audit_log').leftJoin('users', 'users.id', 'audit_log.actor_user_id');
  if (query.actorUserId !== undefined) base = base.where('audit_log.actor_user_id', '=', query.actorUserId);
  if (query.action) base = base.where('audit_log.action', 'like', `${escapeLike(query.action)}%`);
  if (query.targetType) base = base.where('audit_log.target_type', '=', query.targetType);
  if (query.targetId) base = base.where('audit_log.target_id', '=', query.targetId);
  if (query.from) base = base.where('audit_log.at', '>=', new Date(query.from));
  if (query.to) base = base.where('audit_log.at', '<', new Date(query.to));
  const [items, total] = await Promise.all([
    base
      .select([
        'audit_log.seq',
        'audit_log.at',
        'audit_log.actor_user_id as actorUserId',
        'users.username as actorUsername',
        'audit_log.actor_role as actorRole',
        'audit_log.action',
        'audit_log.target_type as targetType',
        'audit_log.target_id as targetId',
        'audit_log.request_id as requestId',
        'audit_log.summary',
        'audit_log.hash',
      ])
      .orderBy('audit_log.seq', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.n };
}

/** Escapes LIKE wildcards in user input. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
