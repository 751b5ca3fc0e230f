/**
 * Enterprise imports as durable background jobs. The upload is streamed to disk (never held in memory), a job
 * row is queued, and a runner in any server instance claims it. The file is read as a stream in batches:
 *
 * - `valid_rows`: each batch's valid rows are written in their own short transaction together with the job's
 *   progress and the batch's rejected rows, so a restart resumes after the last committed row.
 * - `all_or_nothing`: a first pass validates the whole file (progress visible); only a clean file is then loaded,
 *   in one transaction, so a rejected or failed file leaves nothing behind.
 *
 * Duplicates within a file are found through `import_job_seen` (on disk, not in memory).
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Localized } from '../../../shared/errors.ts';
import { todayInChina } from '../../../shared/today.ts';
import { DEFAULT_IMPORT_MAX_XLSX_BYTES } from '../../config.ts';
import { isDatabaseUnavailable } from '../../db/connection-errors.ts';
import type { Database } from '../../db/schema.ts';
import type { Caller } from '../../http/auth.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../audit/index.ts';
import { enqueueJobs, JOB_KINDS, type RunnerLog } from '../jobs/index.ts';
import { TableFileError } from './import/table-reader.ts';
import {
  type CheckedBatch,
  checkedBatchesInWorker,
  duplicateProblem,
  outOfScopeProblem,
  type RowProblem,
} from './import.batches.ts';
import {
  findEarlierKeys,
  type ImportJobContext,
  type ImportKindHandler,
  type ImportKindHandlers,
} from './import.kinds.ts';
import { compactRollups } from './registry.rollups.ts';
import type { ImportKind } from './registry.table.ts';
import {
  allowBatchesSideBySide,
  analyzeRegistryTables,
  type PreparedBatch,
  writeEnterpriseBatch,
} from './registry.writes.ts';

/** Where uploads are kept and how big they may be. */
export interface ImportSettings {
  uploadDir: string;
  maxBytes: number;
  batchSize?: number;
}

type Db = Kysely<Database> | Transaction<Database>;
type Job = Selectable<Database['import_jobs']>;

/** Stores an upload and queues its job; the file is refused when larger than the limit. */
export async function createImportJob(
  db: Kysely<Database>,
  settings: ImportSettings,
  upload: {
    stream: Readable;
    fileName: string;
    mode: 'all_or_nothing' | 'valid_rows';
    /** What the file holds (default: enterprises); another kind's options (a credit file's department). */
    kind?: ImportKind;
    options?: Record<string, string>;
  },
  caller: Caller,
) {
  const kind = upload.kind ?? 'enterprises';
  const actor = caller.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  // The job keeps the importer's scope: an official's region subtree, or all regions for an admin.
  if (actor.role === 'official' && !actor.regionPrefix) throw new AppError('OUT_OF_SCOPE');
  mkdirSync(settings.uploadDir, { recursive: true });
  const filePath = path.join(settings.uploadDir, `${randomUUID()}.upload`);
  let bytes = 0;
  let tooLarge = false;
  upload.stream.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > settings.maxBytes && !tooLarge) {
      tooLarge = true;
      upload.stream.destroy(new Error('too large'));
    }
  });
  try {
    await pipeline(upload.stream, createWriteStream(filePath));
    if (bytes > settings.maxBytes) throw new Error('too large');
  } catch (error) {
    await rm(filePath, { force: true });
    if (tooLarge || bytes > settings.maxBytes) {
      throw new AppError('BODY_TOO_LARGE', [], {
        zh: `文件超过 ${Math.round(settings.maxBytes / 1024 / 1024)} MB 的上限，请拆分后分批导入`,
        en: `The file exceeds the ${Math.round(settings.maxBytes / 1024 / 1024)} MB limit; split it and import the parts`,
      });
    }
    throw error;
  }
  if (bytes === 0) {
    await rm(filePath, { force: true });
    throw AppError.field('file', { zh: '文件为空', en: 'the file is empty' });
  }
  return db.transaction().execute(async (trx) => {
    const job = await trx
      .insertInto('import_jobs')
      .values({
        kind,
        ...(upload.options ? { options: JSON.stringify(upload.options) } : {}),
        file_name: upload.fileName,
        file_path: filePath,
        mode: upload.mode,
        status: 'queued',
        total_bytes: bytes,
        created_by: actor.userId,
        region_prefix: actor.role === 'official' ? (actor.regionPrefix as string) : '',
        request_id: caller.requestId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      { userId: actor.userId, role: actor.role },
      {
        action: 'import.created',
        targetType: 'import_job',
        targetId: job.id,
        requestId: caller.requestId,
        summary: {
          fileName: upload.fileName,
          bytes,
          mode: upload.mode,
          ...(kind === 'enterprises' ? {} : { importKind: kind, ...upload.options }),
        },
      },
    );
    return job;
  });
}

async function recordProblems(db: Db, jobId: number, problems: RowProblem[]): Promise<void> {
  if (problems.length === 0) return;
  await sql`
    insert into import_job_errors (job_id, row_number, field, message_zh, message_en, code)
    select ${jobId}, r, f, z, e, c from unnest(${problems.map((p) => p.row)}::int4[], ${problems.map((p) => p.field)}::text[],
      ${problems.map((p) => p.message.zh)}::text[], ${problems.map((p) => p.message.en)}::text[],
      ${problems.map((p) => p.code ?? null)}::text[]) as i(r, f, z, e, c)`.execute(db);
}

/**
 * The rows (of those given) about enterprises stored outside the importer's scope. Used when validating without
 * loading; loading (`writeEnterpriseBatch` with the scope) checks the stored row again when it writes it.
 */
async function findOutOfScopeRows(
  db: Db,
  scope: string,
  uscc: readonly string[],
  rows: readonly number[],
): Promise<number[]> {
  if (scope === '' || uscc.length === 0) return [];
  const outside = await sql<{ uscc: string }>`
    select uscc from enterprises
    where uscc = any(${uscc}::text[]) and left(region_code, length(${scope}::text)) <> ${scope}::text`.execute(
    db,
  );
  const codes = new Set(outside.rows.map((r) => r.uscc.trim()));
  return rows.filter((_, i) => codes.has(uscc[i] as string));
}

/** Thrown inside an all-or-nothing load when a row's enterprise left the scope after validation. */
class ScopeChanged extends Error {
  constructor(readonly rows: number[]) {
    super("enterprises left the importer's scope during the import");
  }
}

/**
 * Finds the rows whose USCC an earlier batch of the file had, through `import_job_seen` (on disk, so the file's
 * codes are never all held in memory); returns each such row with the row it repeats. Used when validating
 * without loading; loading (`writeEnterpriseBatch` with the job as origin) finds them by itself.
 */
async function findEarlierRows(
  db: Db,
  jobId: number,
  uscc: readonly string[],
  rows: readonly number[],
): Promise<Map<number, number>> {
  const duplicates = new Map<number, number>();
  if (uscc.length === 0) return duplicates;
  const inserted = await sql<{ uscc: string }>`
    insert into import_job_seen (job_id, uscc, row_number)
    select ${jobId}, u, r from unnest(${uscc}::text[], ${rows}::int4[]) as i(u, r)
    on conflict do nothing returning uscc`.execute(db);
  const fresh = new Set(inserted.rows.map((r) => r.uscc.trim()));
  const seenBefore = uscc.filter((code) => !fresh.has(code));
  if (seenBefore.length > 0) {
    const earlier = await sql<{ uscc: string; row_number: number }>`
      select uscc, row_number from import_job_seen where job_id = ${jobId} and uscc = any(${seenBefore}::text[])`.execute(
      db,
    );
    const rowOf = new Map(earlier.rows.map((r) => [r.uscc.trim(), r.row_number]));
    uscc.forEach((code, i) => {
      const first = rowOf.get(code);
      const row = rows[i] as number;
      if (first !== undefined && first !== row) duplicates.set(row, first);
    });
  }
  return duplicates;
}

/**
 * The file's batches, read, validated and (unless `validateOnly`) prepared in a worker thread (rows after
 * `skipThrough` only). When validating only, rows repeating a USCC of an earlier batch are found here too.
 */
async function* checkedBatches(
  db: Db,
  job: Job,
  today: string,
  batchSize: number,
  skipThrough: number,
  validateOnly: boolean,
  maxXlsxBytes: number,
  overlapWindow = 0,
  handler: ImportKindHandler | null = null,
  context: ImportJobContext | null = null,
): AsyncGenerator<CheckedBatch> {
  for await (const batch of checkedBatchesInWorker({
    kind: job.kind,
    filePath: job.file_path as string,
    batchSize,
    today,
    skipThrough,
    scope: job.region_prefix,
    prepare: !validateOnly,
    overlapWindow,
    maxXlsxBytes,
  })) {
    if (batch.info) {
      job.format = batch.info.format;
      job.encoding = batch.info.encoding;
      await db
        .updateTable('import_jobs')
        .set({
          encoding: batch.info.encoding,
          format: batch.info.format,
          columns: JSON.stringify(batch.info.columns) as unknown as Record<string, string>,
        })
        .where('id', '=', job.id)
        .execute();
    }
    if (validateOnly && handler && context) {
      // Another kind: repeats of an earlier batch's key, then what the stored data rejects.
      const records = batch.records ?? [];
      const keys = batch.keys ?? [];
      const earlier = await findEarlierKeys(db, job.id, keys, batch.rows);
      const keep = batch.rows.map((row) => !earlier.has(row));
      for (const [row, first] of earlier) batch.problems.push(handler.rows.repeated(row, first));
      batch.problems.push(
        ...(await handler.check(db, context, {
          records: records.filter((_, i) => keep[i]),
          uscc: batch.uscc.filter((_, i) => keep[i]),
          rows: batch.rows.filter((_, i) => keep[i]),
        })),
      );
    } else if (validateOnly) {
      const earlier = await findEarlierRows(db, job.id, batch.uscc, batch.rows);
      for (const [row, first] of earlier) batch.problems.push(duplicateProblem(row, first));
      for (const row of await findOutOfScopeRows(db, job.region_prefix, batch.uscc, batch.rows))
        batch.problems.push(outOfScopeProblem(row));
    }
    yield batch;
  }
}

/** The message of an all-or-nothing file rejected for its rows, naming those about enterprises out of scope. */
function rejectedFile(rejected: number, outOfScopeRows: readonly number[]): Localized {
  const message = {
    zh: `有 ${rejected} 行存在错误，整个文件未导入`,
    en: `${rejected === 1 ? '1 row has an error' : `${rejected} rows have errors`}; nothing was imported`,
  };
  if (outOfScopeRows.length === 0) return message;
  const shown = outOfScopeRows.slice(0, 10);
  const more = outOfScopeRows.length > shown.length;
  const one = outOfScopeRows.length === 1;
  return {
    zh: `${message.zh}；第 ${shown.join('、')}${more ? ' 等' : ''} 行的企业登记在您的管辖区域之外`,
    en: `${message.en}; ${one ? 'the enterprise of row' : 'the enterprises of rows'} ${shown.join(', ')}${more ? ' and more' : ''} ${one ? 'is' : 'are'} registered outside your region`,
  };
}

function fileProblem(error: unknown): Localized {
  if (error instanceof TableFileError) {
    const where = error.row
      ? { zh: `（第 ${error.row} 行）`, en: ` (row ${error.row})` }
      : { zh: '', en: '' };
    return { zh: `${error.detail.zh}${where.zh}`, en: `${error.detail.en}${where.en}` };
  }
  return { zh: '导入失败，请联系管理员', en: 'The import failed; contact the administrator' };
}

/**
 * An import transaction does not wait for its commit record to reach disk. A crash can lose the last batches
 * committed, never part of one, and the job's progress is in the same transactions: the job resumes from the
 * last batch that survived.
 */
async function relaxCommit(trx: Transaction<Database>): Promise<void> {
  await sql`set local synchronous_commit = off`.execute(trx);
}

/** Progress of a running import, reported after each batch. */
export interface ImportProgress {
  phase: 'validating' | 'loading';
  bytesRead: number;
  totalBytes: number | null;
  read: number;
  loaded: number;
  unchanged: number;
  rejected: number;
}

/** One batch's rows as an import run reports them (metrics): read and checked, or read, checked and written. */
export interface ImportBatchRows {
  phase: 'validating' | 'loading';
  rows: number;
  rejected: number;
}

/** How a run of an import ended: its job's final status, or `stopped` (queued again, or resumed later). */
export type ImportRunEnd = 'succeeded' | 'rejected' | 'failed' | 'stopped';

/** What an import runner tells as it works (the metrics listen). */
export interface ImportObserver {
  runStarted(): void;
  batch(rows: ImportBatchRows): void;
  runEnded(end: ImportRunEnd): void;
}

/** How often a running import's heartbeat is renewed; one silent for a minute is taken over (claimNextJob). */
const IMPORT_HEARTBEAT_MS = 15_000;
/** The counters of an all-or-nothing job that starts again from the beginning of its file. */
const RESTART = { bytes_read: 0, rows_read: 0, rows_rejected: 0, rows_loaded: 0, rows_unchanged: 0 } as const;

/** Thrown inside an all-or-nothing load when the server stops, so its transaction rolls back. */
class ImportInterrupted extends Error {}

/**
 * Runs one claimed job to its end, or until `signal` aborts: a `valid_rows` job then stops after its current
 * batch and is resumed later from the last committed row; an `all_or_nothing` job rolls back and is queued again.
 */
export async function runImportJob(
  db: Kysely<Database>,
  jobId: number,
  today: string,
  options: {
    batchSize?: number;
    signal?: AbortSignal;
    onProgress?: (progress: ImportProgress) => void;
    /**
     * Batches written side by side, each in its own transaction on its own connection (default 1). PostgreSQL
     * gains from 2 (the database's work for one batch overlaps the round trips of the other); PGlite has one
     * connection and gains nothing.
     */
    lanes?: number;
    /** Largest total of an XLSX's parts once unzipped (HUIQI_IMPORT_MAX_XLSX_BYTES; a zip bomb is refused). */
    maxXlsxBytes?: number;
    /** Called after each batch with that batch's rows (not the running totals). */
    onBatch?: (rows: ImportBatchRows) => void;
    /** The handlers of the kinds other than enterprises (a job of a kind without one fails). */
    kinds?: ImportKindHandlers;
  } = {},
): Promise<ImportRunEnd> {
  const batchSize = options.batchSize ?? 2000;
  const maxXlsxBytes = options.maxXlsxBytes ?? DEFAULT_IMPORT_MAX_XLSX_BYTES;
  const signal = options.signal;
  const report = (phase: ImportProgress['phase'], bytesRead: number) =>
    options.onProgress?.({ phase, bytesRead, totalBytes: job.total_bytes, ...outcome });
  const job: Job = await db
    .selectFrom('import_jobs')
    .selectAll()
    .where('id', '=', jobId)
    .executeTakeFirstOrThrow();
  const handler: ImportKindHandler | null =
    job.kind === 'enterprises' ? null : (options.kinds?.[job.kind] ?? null);
  const context: ImportJobContext = {
    id: job.id,
    scope: job.region_prefix,
    options: job.options ?? {},
    createdBy: job.created_by,
    today,
  };
  /** Writes a batch's valid rows in `trx`: the rows written and found unchanged, and the rows the write rejected. */
  const writeBatch = async (
    trx: Transaction<Database>,
    batch: CheckedBatch,
  ): Promise<{ loaded: number; unchanged: number; problems: RowProblem[] }> => {
    if (handler) {
      // Another kind: a row repeating the key of an earlier batch is rejected, the others are the kind's to load.
      const keys = batch.keys ?? [];
      const earlier = await findEarlierKeys(trx, job.id, keys, batch.rows);
      const keep = batch.rows.map((row) => !earlier.has(row));
      const loaded = await handler.load(trx, context, {
        records: (batch.records ?? []).filter((_, i) => keep[i]),
        uscc: batch.uscc.filter((_, i) => keep[i]),
        rows: batch.rows.filter((_, i) => keep[i]),
      });
      return {
        loaded: loaded.inserted + loaded.updated,
        unchanged: loaded.unchanged,
        problems: [
          ...[...earlier].map(([row, first]) => handler.rows.repeated(row, first)),
          ...loaded.problems,
        ],
      };
    }
    const written = await writeEnterpriseBatch(trx, batch.prepared as PreparedBatch, `import:${job.id}`, {
      jobId: job.id,
      rows: batch.rows,
      scope: job.region_prefix,
    });
    return {
      loaded: written.inserted + written.updated,
      unchanged: written.unchanged,
      problems: [
        ...written.duplicates.map((d) => duplicateProblem(batch.rows[d.index] as number, d.firstRow)),
        ...written.outOfScope.map((i) => outOfScopeProblem(batch.rows[i] as number)),
      ],
    };
  };
  /** Rows of an all-or-nothing file about enterprises outside the importer's scope (named in the job's message). */
  const outOfScopeRows: number[] = [];
  let batchesWritten = 0;
  const afterBatch = async (db2: Db) => {
    batchesWritten += 1;
    if (batchesWritten <= 16 && (batchesWritten & (batchesWritten - 1)) === 0)
      await analyzeRegistryTables(db2);
  };
  let outcome = {
    loaded: job.rows_loaded,
    unchanged: job.rows_unchanged,
    rejected: job.rows_rejected,
    read: job.rows_read,
  };
  let end: ImportRunEnd = 'stopped';
  const finish = async (status: 'succeeded' | 'rejected' | 'failed', message: Localized | null) => {
    end = status;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('import_jobs')
        .set({
          status,
          phase: null,
          finished_at: new Date(),
          error_message: message?.zh ?? null,
          error_message_en: message?.en ?? null,
          rows_read: outcome.read,
          rows_loaded: outcome.loaded,
          rows_unchanged: outcome.unchanged,
          rows_rejected: outcome.rejected,
        })
        .where('id', '=', job.id)
        .execute();
      await trx.deleteFrom('import_job_seen').where('job_id', '=', job.id).execute();
      await trx.deleteFrom('import_job_keys').where('job_id', '=', job.id).execute();
      // What the import wrote is matched against the published policies again (a background job); another kind's
      // handler queues what follows its writes (`loaded`).
      if (outcome.loaded > 0 && job.kind === 'enterprises')
        await enqueueJobs(trx, [
          { kind: JOB_KINDS.enterpriseMatch, payload: { importJobId: job.id }, requestId: job.request_id },
        ]);
      if (outcome.loaded > 0 && handler?.loaded) await handler.loaded(trx, context);
      // The entry names the list of enterprises the job created or updated (ADR 0015), with its counts.
      const changed = await trx
        .selectFrom('import_job_enterprises')
        .select(['change', (eb) => eb.fn.countAll<number>().as('n')])
        .where('job_id', '=', job.id)
        .groupBy('change')
        .execute();
      const count = (change: string) => Number(changed.find((c) => c.change === change)?.n ?? 0);
      await appendAudit(
        trx,
        { userId: job.created_by, role: null },
        {
          action: `import.${status}`,
          targetType: 'import_job',
          targetId: job.id,
          summary: {
            fileName: job.file_name,
            ...(job.kind === 'enterprises' ? {} : { importKind: job.kind, ...job.options }),
            mode: job.mode,
            scope: job.region_prefix,
            ...outcome,
            enterprises: {
              created: count('created'),
              updated: count('updated'),
              list: `/api/registry/imports/${job.id}/enterprises`,
            },
          },
        },
      );
    });
    // Uploads (ours, named *.upload) are removed; a file imported from the command line is the user's own.
    if (status !== 'failed' && job.file_path?.endsWith('.upload')) await rm(job.file_path, { force: true });
  };
  // The heartbeat is renewed while the job runs, also during an all-or-nothing load (one long transaction whose
  // progress nobody else sees), so another instance never takes over a job that is still being worked on.
  const beat = setInterval(() => {
    db.updateTable('import_jobs')
      .set({ heartbeat_at: new Date() })
      .where('id', '=', job.id)
      .where('status', '=', 'running')
      .execute()
      .catch(() => undefined);
  }, IMPORT_HEARTBEAT_MS);
  beat.unref();
  try {
    if (job.kind !== 'enterprises' && !handler) throw new Error(`no handler for imports of ${job.kind}`);
    if (job.mode === 'valid_rows') {
      // Another kind's batches are written one after the other (its rows are not checked for overlaps).
      const lanes = handler ? 1 : Math.max(1, options.lanes ?? 1);
      const running = new Set<Promise<void>>();
      let previous: Promise<void> = Promise.resolve();
      let failure: { error: unknown } | null = null;
      /** Writes a batch in its own transaction; commits in file order, after the batch before it. */
      const commitBatch = async (batch: CheckedBatch, before: Promise<void>) => {
        await db.transaction().execute(async (trx) => {
          await relaxCommit(trx);
          // This batch may be written before the one ahead of it, which it then waits for (below): on Citus its
          // shard locks would hold that one up for good.
          if (lanes > 1) await allowBatchesSideBySide(trx);
          const written = await writeBatch(trx, batch);
          batch.problems.push(...written.problems);
          batch.problems.sort((a, b) => a.row - b.row);
          await recordProblems(trx, job.id, batch.problems);
          // The job's progress says every row up to last_committed_row is in: the batch before must be in first.
          await before;
          const rejected = new Set(batch.problems.map((p) => p.row)).size;
          outcome = {
            read: outcome.read + batch.rowsRead,
            loaded: outcome.loaded + written.loaded,
            unchanged: outcome.unchanged + written.unchanged,
            rejected: outcome.rejected + rejected,
          };
          options.onBatch?.({ phase: 'loading', rows: batch.rowsRead, rejected });
          await trx
            .updateTable('import_jobs')
            .set({
              bytes_read: batch.bytesRead,
              rows_read: outcome.read,
              rows_loaded: outcome.loaded,
              rows_unchanged: outcome.unchanged,
              rows_rejected: outcome.rejected,
              last_committed_row: batch.lastRow,
              heartbeat_at: new Date(),
            })
            .where('id', '=', job.id)
            .execute();
        });
      };
      const batches = checkedBatches(
        db,
        job,
        today,
        batchSize,
        job.last_committed_row,
        false,
        maxXlsxBytes,
        lanes - 1,
        handler,
        context,
      );
      for await (const batch of batches) {
        if (signal?.aborted || failure) break; // an aborted job resumes later from last_committed_row
        // Two open transactions must never wait on each other's rows: a batch that repeats a USCC of a batch
        // still being written waits until every open one has ended.
        if (batch.overlapsRecent) await Promise.allSettled(running);
        while (running.size >= lanes) await Promise.race(running).catch(() => undefined);
        if (signal?.aborted || failure) break;
        const committed = commitBatch(batch, previous);
        previous = committed;
        const done = committed.then(async () => {
          report('loading', batch.bytesRead);
          await afterBatch(db);
        });
        const tracked: Promise<void> = done.then(
          () => {
            running.delete(tracked);
          },
          (error: unknown) => {
            running.delete(tracked);
            failure ??= { error };
          },
        );
        running.add(tracked);
      }
      await Promise.allSettled(running);
      if (failure) throw (failure as { error: unknown }).error;
      if (signal?.aborted) return end;
      await compactRollups(db);
      await finish('succeeded', null);
      return end;
    }
    // all_or_nothing: validate everything first. An earlier run of this job (stopped by a crash or a lost
    // connection, then claimed again) kept nothing: its load never committed. Its counters and reported rows are
    // dropped, so this run, which reads the file from the start, counts each row once.
    await db.transaction().execute((trx) => startAfresh(trx, job.id, { phase: 'validating' }));
    outcome = { read: 0, loaded: 0, unchanged: 0, rejected: 0 };
    for await (const batch of checkedBatches(
      db,
      job,
      today,
      batchSize,
      0,
      true,
      maxXlsxBytes,
      0,
      handler,
      context,
    )) {
      if (signal?.aborted) throw new ImportInterrupted();
      batch.problems.sort((a, b) => a.row - b.row);
      await recordProblems(db, job.id, batch.problems);
      for (const p of batch.problems)
        if (p.code === 'IMPORT_ENTERPRISE_OUT_OF_SCOPE') outOfScopeRows.push(p.row);
      const rejected = new Set(batch.problems.map((p) => p.row)).size;
      outcome.read += batch.rowsRead;
      outcome.rejected += rejected;
      options.onBatch?.({ phase: 'validating', rows: batch.rowsRead, rejected });
      await db
        .updateTable('import_jobs')
        .set({
          bytes_read: batch.bytesRead,
          rows_read: outcome.read,
          rows_rejected: outcome.rejected,
          heartbeat_at: new Date(),
        })
        .where('id', '=', job.id)
        .execute();
      report('validating', batch.bytesRead);
      await afterBatch(db);
    }
    if (outcome.rejected > 0) {
      await finish('rejected', rejectedFile(outcome.rejected, outOfScopeRows));
      return end;
    }
    await db.updateTable('import_jobs').set({ phase: 'loading' }).where('id', '=', job.id).execute();
    await db.deleteFrom('import_job_seen').where('job_id', '=', job.id).execute();
    await db.deleteFrom('import_job_keys').where('job_id', '=', job.id).execute();
    batchesWritten = 0;
    await db.transaction().execute(async (trx) => {
      await relaxCommit(trx);
      for await (const batch of checkedBatches(
        trx,
        job,
        today,
        batchSize,
        0,
        false,
        maxXlsxBytes,
        0,
        handler,
        context,
      )) {
        if (signal?.aborted) throw new ImportInterrupted();
        const written = await writeBatch(trx, batch);
        const outside = written.problems.filter((p) => p.code === 'IMPORT_ENTERPRISE_OUT_OF_SCOPE');
        // The validation pass found every repeat already; one here means the file changed underneath.
        if (outside.length < written.problems.length)
          throw new Error('the file changed while it was being imported');
        // An enterprise moved out of the scope since the validation pass: the whole file is rejected.
        if (outside.length > 0) throw new ScopeChanged(outside.map((p) => p.row));
        outcome.loaded += written.loaded;
        outcome.unchanged += written.unchanged;
        options.onBatch?.({ phase: 'loading', rows: batch.rowsRead, rejected: 0 });
        report('loading', batch.bytesRead);
        await afterBatch(trx);
      }
      await compactRollups(trx);
    });
    await finish('succeeded', null);
    return end;
  } catch (error) {
    if (error instanceof ScopeChanged) {
      // Nothing was written (the load rolled back); the rows are reported as if the validation had found them.
      await recordProblems(db, job.id, error.rows.map(outOfScopeProblem));
      outcome = { ...outcome, loaded: 0, unchanged: 0, rejected: error.rows.length };
      await finish('rejected', rejectedFile(error.rows.length, error.rows));
      return end;
    }
    if (error instanceof ImportInterrupted) {
      await requeueImport(db, job);
      return end;
    }
    if (isDatabaseUnavailable(error)) {
      // A lost connection is not the file's fault: the job is queued again (a valid_rows job resumes after its
      // last committed batch), on a new connection, tried three times. When even that cannot be written, it
      // stays 'running' and is taken over once its heartbeat is stale.
      for (let attempt = 1; attempt <= 3; attempt++) {
        try {
          await requeueImport(db, job);
          break;
        } catch (requeueError) {
          if (!isDatabaseUnavailable(requeueError)) throw requeueError;
          await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
        }
      }
      throw error;
    }
    const problem = fileProblem(error);
    if (error instanceof TableFileError) {
      const reported: RowProblem = {
        row: error.row ?? 0,
        field: '*',
        message: error.detail,
        code: error.errorCode ?? 'IMPORT_FILE_INVALID',
      };
      await recordProblems(db, job.id, [reported]);
      // A file-level problem: in valid_rows mode what was committed stays, and the report says where it stopped.
      await compactRollups(db);
      await finish(job.mode === 'valid_rows' && outcome.loaded > 0 ? 'failed' : 'rejected', problem);
      return end;
    }
    await finish('failed', problem);
    throw error;
  } finally {
    clearInterval(beat);
  }
}

/** Drops what an earlier run of an all-or-nothing job reported (its rows, seen codes and counters). */
async function startAfresh(
  trx: Transaction<Database>,
  jobId: number,
  extra: { phase?: 'validating' } = {},
): Promise<void> {
  await trx.deleteFrom('import_job_errors').where('job_id', '=', jobId).execute();
  await trx.deleteFrom('import_job_seen').where('job_id', '=', jobId).execute();
  await trx.deleteFrom('import_job_keys').where('job_id', '=', jobId).execute();
  await trx
    .updateTable('import_jobs')
    .set({ ...RESTART, ...extra })
    .where('id', '=', jobId)
    .execute();
}

/**
 * Queues a stopped job again. Nothing of an all-or-nothing job was kept, so it starts from the beginning (its
 * problems and seen codes of a partial validation are removed); a valid_rows job resumes after
 * `last_committed_row`, its counts being those of the committed batches.
 */
async function requeueImport(db: Kysely<Database>, job: Job): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (job.mode === 'all_or_nothing') await startAfresh(trx, job.id);
    await trx
      .updateTable('import_jobs')
      .set({ status: 'queued', phase: null })
      .where('id', '=', job.id)
      .where('status', '=', 'running')
      .execute();
  });
}

/** Claims the next queued job (or a running one whose runner stopped), so one instance runs each job. */
export async function claimNextJob(db: Kysely<Database>, staleAfterMs = 60_000): Promise<number | null> {
  return (await claimNextImport(db, staleAfterMs))?.id ?? null;
}

/** `claimNextJob` with the id of the request that queued the import (its log lines carry it). */
async function claimNextImport(
  db: Kysely<Database>,
  staleAfterMs = 60_000,
): Promise<{ id: number; requestId: string | null } | null> {
  const stale = new Date(Date.now() - staleAfterMs);
  const claimed = await sql<{ id: number; requestId: string | null }>`
    update import_jobs set status = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now()
    where id = (
      select id from import_jobs
      where status = 'queued' or (status = 'running' and heartbeat_at < ${stale})
      order by id limit 1 for update skip locked
    )
    returning id, request_id as "requestId"`.execute(db);
  return claimed.rows[0] ?? null;
}

/** A background runner that polls for import jobs; stop() waits for the running job's current batch. */
export function startImportRunner(
  db: Kysely<Database>,
  options: {
    intervalMs?: number;
    /** Each run's end at info with the id of the request that queued the import (`reqId`); failures as errors. */
    log?: RunnerLog;
    lanes?: number;
    maxXlsxBytes?: number;
    /** Told of each run, batch and end (the metrics). */
    observer?: ImportObserver;
    /** The handlers of the kinds other than enterprises (credit records: the credit module's). */
    kinds?: ImportKindHandlers;
  } = {},
) {
  let stopped = false;
  const abort = new AbortController();
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const tick = async () => {
    if (stopped) return;
    try {
      const claimed = await claimNextImport(db);
      if (claimed !== null) {
        const { id, requestId } = claimed;
        const fields = { importJobId: id, ...(requestId ? { reqId: requestId } : {}) };
        const started = performance.now();
        options.observer?.runStarted();
        const end = await runImportJob(db, id, todayInChina(), {
          signal: abort.signal,
          lanes: options.lanes ?? 1,
          ...(options.maxXlsxBytes === undefined ? {} : { maxXlsxBytes: options.maxXlsxBytes }),
          ...(options.observer ? { onBatch: options.observer.batch } : {}),
          ...(options.kinds ? { kinds: options.kinds } : {}),
        }).catch((error: unknown): ImportRunEnd => {
          options.log?.error(
            fields,
            isDatabaseUnavailable(error)
              ? `import job ${id} interrupted (${String(error)}): queued again`
              : `import job ${id} failed: ${String(error)}`,
          );
          return isDatabaseUnavailable(error) ? 'stopped' : 'failed';
        });
        options.observer?.runEnded(end);
        options.log?.info(
          { ...fields, end, ms: Math.round(performance.now() - started) },
          `import job ${id}: ${end}`,
        );
        if (!stopped) timer = setTimeout(() => (running = tick()), 0);
        return;
      }
    } catch (error) {
      options.log?.error({}, `import runner: ${String(error)}`);
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), options.intervalMs ?? 1000);
  };
  running = tick();
  return {
    /** Looks for work now instead of at the next poll. */
    poke() {
      if (timer && !stopped) {
        clearTimeout(timer);
        timer = setTimeout(() => (running = tick()), 0);
      }
    },
    async stop() {
      stopped = true;
      abort.abort();
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** Queues a job for a file on this machine (the command line); the file is read in place and kept. */
export async function createLocalImportJob(
  db: Kysely<Database>,
  filePath: string,
  mode: 'all_or_nothing' | 'valid_rows',
): Promise<number> {
  const { size } = await stat(filePath);
  return db.transaction().execute(async (trx) => {
    const job = await trx
      .insertInto('import_jobs')
      .values({
        kind: 'enterprises',
        file_name: path.basename(filePath),
        file_path: filePath,
        mode,
        status: 'running',
        total_bytes: size,
        started_at: new Date(),
        heartbeat_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(
      trx,
      { userId: null, role: 'system' },
      {
        action: 'import.created',
        targetType: 'import_job',
        targetId: job.id,
        summary: { fileName: path.basename(filePath), bytes: size, mode, via: 'cli' },
      },
    );
    return job.id;
  });
}
