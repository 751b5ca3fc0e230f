/**
 * A Kysely dialect for embedded PGlite.
 *
 * PGlite is a single PostgreSQL session. The published dialects let a query from one request run inside another
 * request's open transaction (ADR 0001). Here every connection acquisition takes a
 * FIFO lock on the one session and a transaction holds it from BEGIN to COMMIT/ROLLBACK, so statements of
 * concurrent requests never interleave inside a transaction.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

/** Use of the one session: how many acquisitions hold it or wait for it (the metrics read it). */
export interface SessionUse {
  /** 1 while a query or transaction holds the session, else 0. */
  busy: number;
  /** Acquisitions queued behind the holder. */
  waiting: number;
}

/** A FIFO mutex: `acquire()` resolves with a release function. */
class Lock {
  #tail: Promise<void> = Promise.resolve();
  /** Acquisitions not yet released: the holder and those waiting behind it. */
  #pending = 0;

  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      let released = false;
      release = () => {
        if (!released) this.#pending -= 1;
        released = true;
        resolve();
      };
    });
    this.#pending += 1;
    const previous = this.#tail;
    this.#tail = previous.then(() => next);
    return previous.then(() => release);
  }

  use(): SessionUse {
    return { busy: this.#pending > 0 ? 1 : 0, waiting: Math.max(0, this.#pending - 1) };
  }
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(compiledQuery.sql, compiledQuery.parameters as unknown[]);
    const command = compiledQuery.query.kind;
    const isWrite =
      command === 'InsertQueryNode' ||
      command === 'UpdateQueryNode' ||
      command === 'DeleteQueryNode' ||
      command === 'MergeQueryNode';
    return {
      rows: result.rows,
      ...(isWrite || result.affectedRows !== undefined
        ? { numAffectedRows: BigInt(result.affectedRows ?? 0) }
        : {}),
    };
  }

  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 1000,
  ): AsyncIterableIterator<QueryResult<R>> {
    const result = await this.executeQuery<R>(compiledQuery);
    for (let i = 0; i < result.rows.length; i += chunkSize) {
      yield { rows: result.rows.slice(i, i + chunkSize) };
    }
  }
}

class PGliteDriver implements Driver {
  readonly #lock: Lock;
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();
  readonly #connection: PGliteConnection;

  constructor(
    private readonly pglite: PGlite,
    lock: Lock,
  ) {
    this.#lock = lock;
    this.#connection = new PGliteConnection(pglite);
  }

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#lock.acquire();
    // One connection object per acquisition so releases can be tracked independently.
    const connection = Object.create(this.#connection) as PGliteConnection;
    this.#releases.set(connection, release);
    return connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await this.pglite.query('begin');
    void connection;
  }

  async commitTransaction(): Promise<void> {
    await this.pglite.query('commit');
  }

  async rollbackTransaction(): Promise<void> {
    await this.pglite.query('rollback');
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.#releases.get(connection)?.();
    this.#releases.delete(connection);
  }

  async destroy(): Promise<void> {
    if (!this.pglite.closed) await this.pglite.close();
  }
}

/** Kysely dialect over one PGlite instance, with serialised use of its single session. */
export class PGliteDialect implements Dialect {
  readonly #lock = new Lock();

  constructor(private readonly pglite: PGlite) {}

  /** Whether the session is held now and how many wait for it. */
  sessionUse(): SessionUse {
    return this.#lock.use();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.pglite, this.#lock);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own signature
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}
