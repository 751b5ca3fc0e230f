/**
 * The audit key (ADR 0010): a secret kept outside the database. Entries are chained with an HMAC under it, so a
 * database superuser who rewrites an entry cannot recompute the links after it; checkpoints of the head are signed
 * with it. Two sub-keys are derived (HKDF-SHA-256), one per use, plus a public identifier that names the key
 * without revealing it.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AUDIT_KEY_MIN_LENGTH, type AuditKeySource, ConfigError } from '../../config.ts';

/** The audit key as the chain and the checkpoints use it. */
export interface AuditKey {
  /** Identifies the key (16 hex digits derived from it); stored in `audit_head.key_id` and in checkpoints. */
  id: string;
  /** Keys the hash of each entry (HMAC-SHA-256). */
  chainKey: Buffer;
  /** Signs checkpoints (HMAC-SHA-256). */
  checkpointKey: Buffer;
}

const derive = (secret: string, info: string) =>
  Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'huiqi-audit', info, 32));

/** Derives the audit key from its secret (at least AUDIT_KEY_MIN_LENGTH characters). */
export function auditKeyFrom(secret: string): AuditKey {
  return {
    id: derive(secret, 'key id').toString('hex').slice(0, 16),
    chainKey: derive(secret, 'chain'),
    checkpointKey: derive(secret, 'checkpoint'),
  };
}

/**
 * Reads the audit key from where the configuration says. The default file (`HUIQI_DATA_DIR/audit.key`, outside
 * production) is created on first start with a random secret, readable by its owner only (mode 0600).
 */
export function resolveAuditKey(source: AuditKeySource): AuditKey {
  if (source.kind === 'secret') return auditKeyFrom(source.secret);
  let text: string;
  try {
    text = readFileSync(source.file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !source.create)
      throw new ConfigError(
        source.variable,
        `(${source.file}) cannot be read as the audit key: ${(error as Error).message}`,
      );
    mkdirSync(path.dirname(source.file), { recursive: true });
    try {
      // `wx`: two processes starting at once keep the first one's key.
      writeFileSync(source.file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
    }
    text = readFileSync(source.file, 'utf8');
  }
  const secret = text.trim();
  if (secret.length < AUDIT_KEY_MIN_LENGTH)
    throw new ConfigError(
      source.variable,
      `(${source.file}): the audit key must be at least ${AUDIT_KEY_MIN_LENGTH} characters, got ${secret.length}`,
    );
  return auditKeyFrom(secret);
}

let processKey: AuditKey | null = null;

/**
 * Sets the audit key of this process (the server and the command line at start, tests). `appendAudit` is called
 * from every module inside their transactions; the key travels here rather than through each of them, like the
 * configuration it comes from.
 */
export function setAuditKey(key: AuditKey | null): void {
  processKey = key;
}

/** The audit key of this process, or null when none was set (then the chain can only grow while unkeyed). */
export function currentAuditKey(): AuditKey | null {
  return processKey;
}
