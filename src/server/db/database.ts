/**
 * Opens the database: PostgreSQL through `pg` when a URL is given, otherwise embedded PGlite in a directory.
 * Both return identical value types: int8 and numeric as JS numbers, `date` as 'YYYY-MM-DD' strings,
 * timestamptz as Date, json/jsonb parsed.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DatabaseUnavailableError } from './connection-errors.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { PGliteDialect, type SessionUse } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

/** Which engine backs a database handle. */
export type DatabaseKind = 'pglite' | 'postgres';

/** An open database: the Kysely handle plus what is needed to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The embedded engine, when kind is 'pglite' (used to dump test templates). */
  pglite: PGlite | null;
  /** The pool, when kind is 'postgres'. */
  pool: pg.Pool | null;
  /** Where the data lives: the PostgreSQL URL or the PGlite directory (null: in memory). */
  location: string | null;
  /** How the connections are used now (the metrics read it at each scrape). */
  use(): DatabaseUse;
  close(): Promise<void>;
}

/**
 * Connections now: PostgreSQL's pool (its size limit, those open, those idle, requests waiting for one), or the
 * embedded engine's one session (open and idle unless held; requests queued behind the holder).
 */
export interface DatabaseUse {
  kind: DatabaseKind;
  max: number;
  total: number;
  idle: number;
  waiting: number;
}

function sessionAsPool(use: SessionUse): Omit<DatabaseUse, 'kind'> {
  return { max: 1, total: 1, idle: 1 - use.busy, waiting: use.waiting };
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

function toSafeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) && Number.isInteger(n)) {
    throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  }
  return n;
}

const identity = (value: string) => value;

/** Type parsers shared by both engines so results are identical. */
const parsers: Record<number, (value: string) => unknown> = {
  [INT8]: toSafeNumber,
  [NUMERIC]: (value) => Number(value),
  [DATE]: identity,
};

/** Options for opening a database. */
export interface OpenOptions {
  databaseUrl?: string | null;
  dataDir?: string | null;
  /** A dumped PGlite data directory to start from (test templates). */
  loadDataDir?: Blob;
  poolSize?: number;
  /** What opens a PGlite directory, recorded in its lock (ADR 0021); `database` unless told. */
  purpose?: string;
}

/** Opens PostgreSQL (when databaseUrl is set) or PGlite (in dataDir, or in memory when dataDir is null). */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // A request waits at most this long for a connection, then fails with 503 instead of hanging.
      connectionTimeoutMillis: 10_000,
      keepAlive: true,
      // Short transactional reads: PostgreSQL's JIT compilation costs tens of milliseconds on a query whose plan looks
      // large (a board's joins) and never pays back here (issue 15's board benchmark).
      options: '-c jit=off',
      types: {
        getTypeParser: ((oid: number, format?: string) =>
          parsers[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection the server closes (a restart, an administrator) must not take the process down: the
    // pool drops it and opens another when needed.
    pool.on('error', (error) => {
      process.emitWarning(`PostgreSQL connection lost: ${error.message}`);
    });
    // Nor may one that is checked out: pg emits 'error' on a client whose backend is terminated between two
    // statements (inside a transaction, say), and an 'error' nobody listens to ends the process. With this
    // listener the client is marked unusable, its next statement fails (the request gets 503
    // DATABASE_UNAVAILABLE), and the pool discards it when it is released (issue 11, finding 2).
    pool.on('connect', (client) => {
      client.on('error', () => undefined);
    });
    // A connection that cannot be opened (the server is down or refuses this database) is told apart from a
    // failing statement.
    const connect = async () => {
      try {
        return await pool.connect();
      } catch (error) {
        throw new DatabaseUnavailableError(error);
      }
    };
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: { connect, end: () => pool.end() } }),
    });
    return {
      db,
      kind: 'postgres',
      pglite: null,
      pool,
      location: options.databaseUrl,
      use: () => ({
        kind: 'postgres',
        max: pool.options.max ?? 10,
        total: pool.totalCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
      }),
      close: () => db.destroy(),
    };
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // PGlite takes no lock of its own: a second process would open the directory too and corrupt it.
  const lock = options.dataDir ? lockDataDir(options.dataDir, options.purpose ?? 'database') : null;
  let pglite: PGlite;
  try {
    pglite = new PGlite({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { pg_trgm },
      parsers,
    });
    await pglite.waitReady;
  } catch (error) {
    lock?.release();
    throw error;
  }
  const dialect = new PGliteDialect(pglite);
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    kind: 'pglite',
    pglite,
    pool: null,
    location: options.dataDir ?? null,
    use: () => ({ kind: 'pglite', ...sessionAsPool(dialect.sessionUse()) }),
    close: async () => {
      try {
        await db.destroy();
      } finally {
        lock?.release();
      }
    },
  };
}
