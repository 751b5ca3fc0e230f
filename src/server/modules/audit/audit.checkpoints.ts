/**
 * Signed checkpoints of the audit chain's head, kept outside the database (ADR 0010): one JSON line per checkpoint
 * appended to a file (`HUIQI_AUDIT_CHECKPOINT_FILE`) and written to the server log, so that a copy shipped
 * elsewhere shows a rollback (a checkpoint beyond the head) or a rewrite (another hash at a checkpoint's seq) that
 * a database superuser made. A job adds one every `HUIQI_AUDIT_CHECKPOINT_MINUTES`, and each verification that
 * passes adds one.
 */
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type JobHandler, queueJobOfPeriod } from '../jobs/index.ts';
import { type AuditKey, currentAuditKey } from './audit.keys.ts';
import {
  type AuditCheckpoint,
  type AuditVerification,
  type CheckpointLine,
  checkpointMac,
  verifyAuditChain,
} from './audit.service.ts';

/** The job that writes a checkpoint of the head. */
export const AUDIT_CHECKPOINT_JOB = 'audit-checkpoint';

const isCheckpoint = (value: unknown): value is AuditCheckpoint => {
  const c = value as Partial<AuditCheckpoint> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    c.v === 1 &&
    Number.isSafeInteger(c.seq) &&
    typeof c.hash === 'string' &&
    (c.keyedFrom === null || Number.isSafeInteger(c.keyedFrom)) &&
    typeof c.at === 'string' &&
    typeof c.keyId === 'string' &&
    typeof c.mac === 'string'
  );
};

/** Parses a checkpoint file's text: every non-empty line, a checkpoint or null when it is not one. */
function parseCheckpoints(text: string): CheckpointLine[] {
  const lines: CheckpointLine[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let value: unknown = null;
    try {
      value = JSON.parse(raw);
    } catch {
      // Not JSON: reported as malformed.
    }
    lines.push({ line: index + 1, checkpoint: isCheckpoint(value) ? value : null });
  });
  return lines;
}

/** Reads a checkpoint file; a file that does not exist yet has no checkpoints. */
export async function readCheckpoints(file: string): Promise<CheckpointLine[]> {
  try {
    return parseCheckpoints(await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Signs a checkpoint of a head at a time. */
function signCheckpoint(
  key: AuditKey,
  head: { seq: number; hash: string; keyedFrom: number | null },
  at: Date,
): AuditCheckpoint {
  const unsigned = { v: 1 as const, ...head, at: at.toISOString(), keyId: key.id };
  return { ...unsigned, mac: checkpointMac(key, unsigned) };
}

/** Appends one checkpoint line to the file (created with its directory), flushed to disk before returning. */
async function appendCheckpoint(file: string, checkpoint: AuditCheckpoint): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'a', 0o644);
  try {
    await handle.appendFile(`${JSON.stringify(checkpoint)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Where checkpoints go: the file, and a log line (operators ship logs elsewhere). */
interface CheckpointTarget {
  file: string;
  log?: (line: string) => void;
}

/** Writes a signed checkpoint of a head to the file and the log; returns it. */
async function recordCheckpoint(
  key: AuditKey,
  head: { seq: number; hash: string; keyedFrom: number | null },
  target: CheckpointTarget,
): Promise<AuditCheckpoint> {
  const checkpoint = signCheckpoint(key, head, new Date());
  await appendCheckpoint(target.file, checkpoint);
  target.log?.(`audit checkpoint ${JSON.stringify(checkpoint)}`);
  return checkpoint;
}

/** Writes a checkpoint of the head as the database has it now (null on an empty chain: nothing to record). */
export async function checkpointAuditHead(
  db: Kysely<Database>,
  key: AuditKey,
  target: CheckpointTarget,
): Promise<AuditCheckpoint | null> {
  const head = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash', 'keyed_from'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  if (head.seq === 0) return null;
  return recordCheckpoint(key, { seq: head.seq, hash: head.hash, keyedFrom: head.keyed_from }, target);
}

/** A verification of the audit log, and the checkpoint it added when it passed. */
export type AuditLogVerification = AuditVerification & {
  checkpoint: { seq: number; hash: string; at: string } | null;
};

/**
 * Verifies the chain with the process's audit key against the checkpoints in `readFrom` (by default the
 * checkpoint file; `huiqi audit verify --checkpoints` reads a copy kept elsewhere), and when it passes appends a
 * checkpoint of the verified head to the checkpoint file and the log.
 */
export async function verifyAuditLog(
  db: Kysely<Database>,
  target: CheckpointTarget & { readFrom?: string },
): Promise<AuditLogVerification> {
  const key = currentAuditKey();
  const checkpoints = key ? await readCheckpoints(target.readFrom ?? target.file) : [];
  const result = await verifyAuditChain(db, { key, checkpoints });
  let checkpoint: AuditLogVerification['checkpoint'] = null;
  if (result.ok && key && result.lastSeq > 0) {
    const written = await recordCheckpoint(
      key,
      { seq: result.lastSeq, hash: result.lastHash, keyedFrom: result.keyedFrom },
      target,
    );
    checkpoint = { seq: written.seq, hash: written.hash, at: written.at };
  }
  return { ...result, checkpoint };
}

/** The checkpoint job's handler: a checkpoint of the head, to the file and the log. */
export function auditCheckpointHandler(target: CheckpointTarget): JobHandler {
  return async (db) => {
    const key = currentAuditKey();
    if (!key) throw new Error('no audit key: checkpoints are signed with it');
    const checkpoint = await checkpointAuditHead(db, key, target);
    return checkpoint ? { seq: checkpoint.seq, at: checkpoint.at } : { seq: 0 };
  };
}

/**
 * Queues the checkpoint job of the current period (`minutes` long) unless it is queued or ran already, so
 * instances sharing the database add about one checkpoint per period between them.
 */
export async function queueAuditCheckpoint(db: Kysely<Database>, now: Date, minutes: number): Promise<void> {
  const period = String(Math.floor(now.getTime() / (minutes * 60_000)));
  await queueJobOfPeriod(db, AUDIT_CHECKPOINT_JOB, 'period', period);
}
