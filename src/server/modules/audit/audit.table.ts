/** Kysely table types owned by the audit module. */
import type { JSONColumnType } from 'kysely';

/** `audit_log`: append-only, hash-chained record of every change. */
export interface AuditLogTable {
  seq: number;
  at: Date;
  actor_user_id: number | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  request_id: string | null;
  summary: JSONColumnType<Record<string, unknown>, string, string>;
  prev_hash: string;
  hash: string;
}

/** `audit_head`: the single row holding the last sequence number and hash. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** The first entry hashed with the audit key (HMAC); null while every entry is a plain SHA-256 link. */
  keyed_from: number | null;
  /** The identifier of that key (derived from it, never the key). */
  key_id: string | null;
}
