/**
 * Import kinds other than the registry's own enterprises (issue 14: a department's credit records). The registry
 * keeps the pipeline — upload, job, worker thread, batches, modes, progress, resume, rejected rows, the list of the
 * enterprises a job changed — and a kind brings what differs, from the module that owns its tables:
 *
 * - `ImportRowKind` (pure, run in the worker thread): the file's columns and one row's validation, giving the
 *   record, its enterprise's USCC and the key a repeat within the file is found by;
 * - `ImportKindHandler` (run by the job's runner): the checks against what is stored when validating a whole
 *   file first (all_or_nothing), and the loading of a batch in the batch's transaction.
 *
 * The handlers are passed to the runner (`startImportRunner`, `runImportJob`) by whoever starts it, so the
 * registry never imports the module that owns a kind; the worker thread finds a kind's rows through
 * `import.row-kinds.ts`.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ColumnSpec } from './import/columns.ts';
import type { RowValues } from './import/row-validation.ts';
import type { RowProblem } from './import.batches.ts';
import type { ImportKind } from './registry.table.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** One row of a kind's file, validated. */
export type KindRowValidation<R> =
  | { ok: true; record: R; uscc: string; key: string }
  | { ok: false; errors: RowProblem[] };

/** A kind's file, pure: its columns and its rows' validation (run in the worker thread). */
export interface ImportRowKind<R = unknown> {
  columns: ColumnSpec;
  /** Validates one row; `today` (YYYY-MM-DD) is the latest date a row may give. */
  validate(values: RowValues, rowNumber: number, today: string): KindRowValidation<R>;
  /** The problem of a row whose key an earlier row of the file had. */
  repeated(row: number, first: number): RowProblem;
}

/** The job a kind's handler works for. */
export interface ImportJobContext {
  id: number;
  /** The importer's region prefix ('' for all regions). */
  scope: string;
  options: Record<string, string>;
  createdBy: number | null;
  today: string;
}

/** A batch of valid rows, not repeated within the file: the records, their enterprises' USCCs and their rows. */
export interface KindBatch<R = unknown> {
  records: readonly R[];
  uscc: readonly string[];
  rows: readonly number[];
}

/** What loading a batch did: rows written (inserted or updated), rows found unchanged, rows rejected. */
export interface KindLoadResult {
  inserted: number;
  updated: number;
  unchanged: number;
  problems: RowProblem[];
}

/** A kind's work against the database. */
export interface ImportKindHandler<R = unknown> {
  kind: Exclude<ImportKind, 'enterprises'>;
  /** The kind's file (its columns name a rejected row's field; its repeats' problem). */
  rows: ImportRowKind<R>;
  /** The rows that what is stored rejects (unknown enterprise, outside the scope), when validating only. */
  check(db: Db, job: ImportJobContext, batch: KindBatch<R>): Promise<RowProblem[]>;
  /**
   * Writes a batch in its transaction, lists the enterprises it changed (`listImportChanges`) and returns what it
   * did; a row it rejects is not written.
   */
  load(trx: Transaction<Database>, job: ImportJobContext, batch: KindBatch<R>): Promise<KindLoadResult>;
  /**
   * Called in the transaction that ends a job which wrote rows (as the enterprises kind queues matching then): the
   * place to queue the work that follows, over the job's list of changed enterprises (`enterprisesChangedByImport`).
   */
  loaded?(trx: Transaction<Database>, job: ImportJobContext): Promise<void>;
}

/** The handlers of the kinds a runner runs, by kind. */
export type ImportKindHandlers = Partial<Record<Exclude<ImportKind, 'enterprises'>, ImportKindHandler>>;

/**
 * Lists in `import_job_enterprises` the enterprises a batch of a job changed, with the row that did it (the
 * first, when several rows changed one enterprise), as `updated`; an enterprise listed before stays as listed.
 */
export async function listImportChanges(
  trx: Transaction<Database>,
  jobId: number,
  changes: readonly { enterpriseId: number; row: number }[],
): Promise<void> {
  if (changes.length === 0) return;
  await sql`
    insert into import_job_enterprises (job_id, enterprise_id, row_number, change)
    select ${jobId}::int8, e, min(r), 'updated'
    from unnest(${changes.map((c) => c.enterpriseId)}::int8[], ${changes.map((c) => c.row)}::int4[]) as i(e, r)
    group by e
    on conflict do nothing`.execute(trx);
}

/**
 * Finds the rows whose key an earlier batch of the job's file had, through `import_job_keys` (on disk), and
 * records this batch's keys; returns each such row with the row it repeats.
 */
export async function findEarlierKeys(
  db: Db,
  jobId: number,
  keys: readonly string[],
  rows: readonly number[],
): Promise<Map<number, number>> {
  const repeats = new Map<number, number>();
  if (keys.length === 0) return repeats;
  const inserted = await sql<{ key: string }>`
    insert into import_job_keys (job_id, key, row_number)
    select ${jobId}, k, r from unnest(${keys}::text[], ${rows}::int4[]) as i(k, r)
    on conflict do nothing returning key`.execute(db);
  const fresh = new Set(inserted.rows.map((r) => r.key));
  const seenBefore = keys.filter((key) => !fresh.has(key));
  if (seenBefore.length === 0) return repeats;
  const earlier = await sql<{ key: string; row_number: number }>`
    select key, row_number from import_job_keys where job_id = ${jobId} and key = any(${seenBefore}::text[])`.execute(
    db,
  );
  const rowOf = new Map(earlier.rows.map((r) => [r.key, r.row_number]));
  keys.forEach((key, i) => {
    const first = rowOf.get(key);
    const row = rows[i] as number;
    if (first !== undefined && first !== row) repeats.set(row, first);
  });
  return repeats;
}
