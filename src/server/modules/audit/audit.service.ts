/**
 * The audit log: append-only and hash-chained. An entry is written in the same transaction as the change it
 * records; `audit_head` is locked for the append, so entries form one unbroken chain whatever the concurrency.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Static } from 'typebox';
import type { AuditQuerySchema } from '../../../shared/api/audit.ts';
import { ConfigError } from '../../config.ts';
import type { Database } from '../../db/schema.ts';
import { findUsernames, userIdsMatching } from '../accounts/index.ts';
import { type AuditKey, currentAuditKey } from './audit.keys.ts';

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

/**
 * The hash of an entry over the previous hash and the entry's canonical JSON: SHA-256 for the entries written
 * before the chain was keyed, HMAC-SHA-256 under the audit key's chain key after (ADR 0010).
 */
export function entryHash(prevHash: string, entry: ChainedFields, chainKey?: Buffer | null): string {
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
  const digest = chainKey ? createHmac('sha256', chainKey) : createHash('sha256');
  return digest.update(prevHash).update('\n').update(payload).digest('hex');
}

/**
 * A module's audit writer: `<module>.<action>` on a target, in the changing transaction, by the request's actor
 * (each module names its actions in a type, and the web's audit dictionaries name them for people).
 */
export function moduleAudit<Action extends string>(module: string) {
  return async (
    trx: Transaction<Database>,
    caller: { requestId: string | null },
    actor: AuditActor,
    action: Action,
    target: { type: string; id: number | string },
    summary: Record<string, unknown>,
  ): Promise<void> => {
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: `${module}.${action}`,
        targetType: target.type,
        targetId: target.id,
        requestId: caller.requestId,
        summary,
      },
    );
  };
}
/**
 * Appends one entry; must run inside the transaction of the change it records. With the process's audit key
 * (audit.keys.ts) the entry is keyed, and the first keyed entry records the switch-over in `audit_head`; once
 * the chain is keyed, an append without the key, or with another key, is refused rather than written unverifiable.
 */
export async function appendAudit(
  trx: Transaction<Database>,
  actor: AuditActor,
  input: AuditEntryInput,
): Promise<number> {
  const head = await trx
    .selectFrom('audit_head')
    .select(['seq', 'hash', 'keyed_from', 'key_id'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const key = currentAuditKey();
  if (head.keyed_from !== null && key === null)
    throw new Error(
      `the audit chain is keyed since seq ${head.keyed_from}: the audit key is required to append`,
    );
  if (head.keyed_from !== null && key !== null && head.key_id !== key.id)
    throw new Error(
      `the audit key (id ${key.id}) is not the one the audit chain is keyed with (id ${head.key_id})`,
    );
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
  const hash = entryHash(head.hash, entry, key?.chainKey);
  await trx
    .insertInto('audit_log')
    .values({ ...entry, summary: JSON.stringify(entry.summary), prev_hash: head.hash, hash })
    .execute();
  await trx
    .updateTable('audit_head')
    .set({
      seq: entry.seq,
      hash,
      ...(key && head.keyed_from === null ? { keyed_from: entry.seq, key_id: key.id } : {}),
    })
    .where('id', '=', 1)
    .execute();
  return entry.seq;
}

/**
 * Refuses to go on (at start) when the chain is keyed and this process has no audit key, or another one: its
 * appends would be refused, and its verifications fail at the first keyed entry.
 */
export async function assertAuditKeyFits(db: Kysely<Database>): Promise<void> {
  const head = await db
    .selectFrom('audit_head')
    .select(['keyed_from', 'key_id'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  if (head.keyed_from === null) return;
  const key = currentAuditKey();
  if (!key)
    throw new ConfigError(
      'HUIQI_AUDIT_KEY',
      `is required: the audit chain is keyed since seq ${head.keyed_from}`,
    );
  if (key.id !== head.key_id)
    throw new ConfigError(
      'HUIQI_AUDIT_KEY',
      `is not the key the audit chain is keyed with (this key's id ${key.id}, the chain's ${head.key_id})`,
    );
}

/** Why the chain itself is broken at an entry. */
type BrokenReason = 'missing' | 'prev_hash' | 'hash' | 'head' | 'key_missing' | 'key_mismatch';

/** What a checkpoint says that the database contradicts (ADR 0010). */
type AuditFindingKind = 'rollback' | 'rewrite' | 'keyed_from' | 'bad_signature' | 'malformed';

/**
 * A contradiction between a checkpoint (line `line` of the checkpoint file) and the database: `rollback`, the
 * checkpoint's head `seq` is beyond the chain's last entry; `rewrite`, the entry at `seq` has another hash than
 * the checkpoint recorded; `keyed_from`, the checkpoint recorded the chain keyed from `seq` and the database says
 * otherwise; `bad_signature`, the checkpoint was not signed with this audit key; `malformed`, not a checkpoint.
 */
export interface AuditFinding {
  kind: AuditFindingKind;
  line: number;
  seq: number | null;
  /** When the checkpoint was made. */
  at: string | null;
}

/** The outcome of verifying the chain, and the checkpoints against it. */
export interface AuditVerification {
  ok: boolean;
  checked: number;
  lastSeq: number;
  /** The hash of entry `lastSeq` as verified (the genesis hash when empty). */
  lastHash: string;
  /** The first broken link, when the chain itself is broken. */
  broken?: { seq: number; reason: BrokenReason };
  /** Whether the verification held the audit key (keyed entries can only be checked with it). */
  keyed: boolean;
  /** The first keyed entry, null while the chain is unkeyed. */
  keyedFrom: number | null;
  /** The checkpoints read (null when none were checked: no key to check their signatures). */
  checkpoints: { read: number; matched: number; latestSeq: number | null; latestAt: string | null } | null;
  /** What the checkpoints contradict, at most MAX_FINDINGS of them; `moreFindings` counts the rest. */
  findings: AuditFinding[];
  moreFindings: number;
}

/** A signed record of the chain's head, kept outside the database (audit.checkpoints.ts writes them). */
export interface AuditCheckpoint {
  v: 1;
  seq: number;
  hash: string;
  keyedFrom: number | null;
  at: string;
  keyId: string;
  mac: string;
}

/** One line of a checkpoint file: its number, and the checkpoint, or null when the line is not one. */
export interface CheckpointLine {
  line: number;
  checkpoint: AuditCheckpoint | null;
}

/** The signature of a checkpoint: HMAC-SHA-256 under the checkpoint key over its other fields. */
export function checkpointMac(key: AuditKey, checkpoint: Omit<AuditCheckpoint, 'mac'>): string {
  const { v, seq, hash, keyedFrom, at, keyId } = checkpoint;
  return createHmac('sha256', key.checkpointKey)
    .update(canonicalJson({ v, seq, hash, keyedFrom, at, keyId }))
    .digest('hex');
}

/** Whether a checkpoint carries this key's signature (compared in constant time). */
function isCheckpointSigned(key: AuditKey, checkpoint: AuditCheckpoint): boolean {
  const expected = Buffer.from(checkpointMac(key, checkpoint), 'hex');
  const given = Buffer.from(checkpoint.mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Findings listed in full; beyond, only counted (a rolled-back chain contradicts every later checkpoint). */
const MAX_FINDINGS = 50;

/** Options of a verification. */
export interface VerifyOptions {
  /** The audit key; without it, keyed entries cannot be checked and checkpoints are not read. */
  key?: AuditKey | null;
  /** Checkpoints to check the chain against, in file order. */
  checkpoints?: readonly CheckpointLine[];
  batchSize?: number;
}

/**
 * Walks the whole chain in order and reports the first entry that was altered, removed or re-ordered; keyed
 * entries are checked with the audit key, so a chain recomputed without it fails at the first rewritten entry.
 * Then every checkpoint is checked against the chain: a head beyond the last entry is a rollback, another hash
 * at a checkpoint's seq a rewrite (ADR 0010).
 */
export async function verifyAuditChain(
  db: Kysely<Database>,
  { key = null, checkpoints = [], batchSize = 5000 }: VerifyOptions = {},
): Promise<AuditVerification> {
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash', 'keyed_from', 'key_id'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const keyedFrom = head.keyed_from;
  // Which checkpoints to compare with which entry, collected while walking the chain.
  const findings: AuditFinding[] = [];
  const signed: AuditCheckpoint[] = [];
  const lines = new Map<AuditCheckpoint, number>();
  if (key) {
    for (const { line, checkpoint } of checkpoints) {
      if (!checkpoint) findings.push({ kind: 'malformed', line, seq: null, at: null });
      else if (!isCheckpointSigned(key, checkpoint))
        findings.push({ kind: 'bad_signature', line, seq: checkpoint.seq, at: checkpoint.at });
      else {
        signed.push(checkpoint);
        lines.set(checkpoint, line);
      }
    }
  }
  const wanted = new Map<number, AuditCheckpoint[]>();
  for (const checkpoint of signed) {
    const list = wanted.get(checkpoint.seq) ?? [];
    list.push(checkpoint);
    wanted.set(checkpoint.seq, list);
  }
  const seen = new Map<number, string>();

  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let broken: AuditVerification['broken'];
  // The key is refused before any keyed entry is read: every one of them would fail.
  const keyProblem: BrokenReason | null =
    keyedFrom === null ? null : !key ? 'key_missing' : head.key_id !== key.id ? 'key_mismatch' : null;
  walk: for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        broken = { seq: expectedSeq, reason: 'missing' };
        break walk;
      }
      const isKeyed = keyedFrom !== null && row.seq >= keyedFrom;
      if (isKeyed && keyProblem) {
        broken = { seq: row.seq, reason: keyProblem };
        break walk;
      }
      if (row.prev_hash !== prevHash) {
        broken = { seq: row.seq, reason: 'prev_hash' };
        break walk;
      }
      const summary =
        typeof row.summary === 'string' ? (JSON.parse(row.summary) as Record<string, unknown>) : row.summary;
      const recomputed = entryHash(prevHash, { ...row, summary }, isKeyed ? key?.chainKey : null);
      if (recomputed !== row.hash) {
        broken = { seq: row.seq, reason: 'hash' };
        break walk;
      }
      if (wanted.has(row.seq)) seen.set(row.seq, row.hash);
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < batchSize) break;
  }
  const lastSeq = expectedSeq - 1;
  if (!broken && (head.seq !== lastSeq || head.hash !== prevHash))
    broken = { seq: expectedSeq, reason: head.seq >= expectedSeq ? 'missing' : 'head' };
  // A switch-over beyond the head cannot have been written by appendAudit (it records the entry it writes).
  if (!broken && keyedFrom !== null && keyedFrom > lastSeq) broken = { seq: keyedFrom, reason: 'head' };

  let matched = 0;
  for (const checkpoint of signed) {
    const line = lines.get(checkpoint) ?? 0;
    const at = checkpoint.at;
    if (checkpoint.keyedFrom !== null && checkpoint.keyedFrom !== keyedFrom)
      findings.push({ kind: 'keyed_from', line, seq: checkpoint.keyedFrom, at });
    const hash = seen.get(checkpoint.seq);
    if (hash !== undefined) {
      if (hash === checkpoint.hash) matched += 1;
      else findings.push({ kind: 'rewrite', line, seq: checkpoint.seq, at });
    } else if (checkpoint.seq > lastSeq && !broken) {
      findings.push({ kind: 'rollback', line, seq: checkpoint.seq, at });
    }
  }
  findings.sort((a, b) => a.line - b.line);
  const latest = signed.reduce<AuditCheckpoint | null>(
    (best, checkpoint) => (best === null || checkpoint.seq >= best.seq ? checkpoint : best),
    null,
  );
  return {
    ok: !broken && findings.length === 0,
    checked,
    lastSeq,
    lastHash: prevHash,
    ...(broken ? { broken } : {}),
    keyed: key !== null,
    keyedFrom,
    checkpoints: key
      ? { read: checkpoints.length, matched, latestSeq: latest?.seq ?? null, latestAt: latest?.at ?? null }
      : null,
    findings: findings.slice(0, MAX_FINDINGS),
    moreFindings: Math.max(0, findings.length - MAX_FINDINGS),
  };
}

/** Filters for listing the audit log, as the API takes them, with the page settled (the route applies defaults). */
export type AuditQuery = Static<typeof AuditQuerySchema> & { page: number; pageSize: number };

/** Lists audit entries, newest first, with the total count for paging (usernames asked of accounts). */
export async function listAudit(db: Kysely<Database>, query: AuditQuery) {
  let base = db.selectFrom('audit_log');
  if (query.actorUserId !== undefined) base = base.where('actor_user_id', '=', query.actorUserId);
  if (query.actor) base = base.where('actor_user_id', 'in', userIdsMatching(db, query.actor));
  if (query.action)
    base = query.action.endsWith('.')
      ? base.where('action', 'like', `${escapeLike(query.action)}%`)
      : base.where('action', '=', query.action);
  if (query.targetType) base = base.where('target_type', '=', query.targetType);
  if (query.targetId) base = base.where('target_id', '=', query.targetId);
  if (query.from) base = base.where('at', '>=', new Date(query.from));
  if (query.to) base = base.where('at', '<', new Date(query.to));
  const [rows, total] = await Promise.all([
    base
      .select([
        'seq',
        'at',
        'actor_user_id as actorUserId',
        'actor_role as actorRole',
        'action',
        'target_type as targetType',
        'target_id as targetId',
        'request_id as requestId',
        'summary',
        'hash',
      ])
      .orderBy('seq', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const usernames = await findUsernames(
    db,
    rows.flatMap((row) => (row.actorUserId === null ? [] : [row.actorUserId])),
  );
  const items = rows.map(({ actorUserId, ...row }) => ({
    ...row,
    actorUserId,
    actorUsername: actorUserId === null ? null : (usernames.get(actorUserId) ?? null),
  }));
  return { items, total: total.n };
}

/** How many entries the audit log holds and when the last was written (null: none yet). */
export async function auditLogSummary(
  db: Kysely<Database>,
): Promise<{ entries: number; lastEntryAt: Date | null }> {
  const [head, last] = await Promise.all([
    db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow(),
    db.selectFrom('audit_log').select('at').orderBy('seq', 'desc').limit(1).executeTakeFirst(),
  ]);
  return { entries: head.seq, lastEntryAt: last?.at ?? null };
}

/**
 * The chain's head: its last seq, from which entry it is keyed and the identifier of that key (never the key) —
 * what a backup records so that its restorer knows which key to keep beside it (ADR 0021).
 */
export async function auditChainHead(
  db: Kysely<Database>,
): Promise<{ seq: number; keyedFrom: number | null; keyId: string | null }> {
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'keyed_from', 'key_id'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: head.seq, keyedFrom: head.keyed_from, keyId: head.key_id };
}

/** Escapes LIKE wildcards in user input. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
