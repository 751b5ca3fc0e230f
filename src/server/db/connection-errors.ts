/**
 * Telling a lost or unobtainable database connection (the server restarted, an administrator ran
 * `pg_terminate_backend`, the network dropped, no connection could be opened) from an error of the statement
 * itself. A lost connection is nobody's input error and not a bug: the request fails with 503
 * `DATABASE_UNAVAILABLE`, a background job is tried again, and the process keeps running.
 */

/** No connection to the database could be obtained (opening one failed or timed out). */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the database is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * SQLSTATEs of a connection that is gone or cannot be had: class 08 (connection exception), 57P01
 * admin_shutdown (`pg_terminate_backend`, a fast shutdown), 57P02 crash_shutdown, 57P03 cannot_connect_now,
 * 53300 too_many_connections.
 */
function isConnectionSqlState(code: string): boolean {
  return (
    code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300'
  );
}

/** Socket errors of Node's net module. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** What `pg` and Kysely say when the connection under a query is gone (they carry no code). */
const LOST_MESSAGES = [
  /^Connection terminated/,
  /is not queryable/,
  /^Postgres connection has been discarded/,
  /^timeout exceeded when trying to connect/,
  /^Cannot use a pool after calling end on the pool/,
];

/** Whether an error (or one it was caused by) means the database connection was lost or could not be opened. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof DatabaseUnavailableError) return true;
    const code = (current as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      (SOCKET_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isConnectionSqlState(code)))
    )
      return true;
    const message = current.message;
    if (LOST_MESSAGES.some((pattern) => pattern.test(message))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
