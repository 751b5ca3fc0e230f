/**
 * The CPU side of an import runs in a worker thread: reading the file, validating each row, finding USCCs
 * repeated within a batch, and preparing the batch's statement parameters (search terms, size classes). The
 * thread that talks to the database only writes, so the two overlap on two cores, and the server keeps
 * answering requests while an import runs (ADR 0006).
 *
 * The worker produces a batch only when asked (two ahead of the writer), so memory stays bounded by a few batches
 * whatever the file size.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, type ErrorCode, type Localized } from '../../../shared/errors.ts';
import type { TableInfo } from './import/table-reader.ts';
import { TableFileError, type TableFileErrorCode } from './import/table-types.ts';
import type { ImportKind } from './registry.table.ts';
import type { PreparedBatch } from './registry.writes.ts';

/** What the worker is to read. */
export interface WorkerInput {
  /** What the file holds (default: enterprises). */
  kind?: ImportKind;
  filePath: string;
  batchSize: number;
  /** The day against which dates are checked (YYYY-MM-DD). */
  today: string;
  /** Rows up to this one were committed before (a resumed job): skipped. */
  skipThrough: number;
  /** The importer's region prefix ('' for all regions): rows outside it are rejected. */
  scope: string;
  /** Prepare the valid rows for writing (false: only validate). */
  prepare: boolean;
  /** How many batches before each one to compare its USCCs with (writers running side by side; 0: none). */
  overlapWindow: number;
  /** Largest total of an XLSX's parts once unzipped (a zip bomb is refused beyond). */
  maxXlsxBytes: number;
}

/** A rejected row's problem. */
export interface RowProblem {
  row: number;
  field: string;
  message: Localized;
  /** The stable error code of the reason, when it has one. */
  code?: ErrorCode;
}

/** A row's problem whose reason is a stable error code (its message is the code's). */
export function codedProblem(row: number, field: string, code: ErrorCode): RowProblem {
  const { zh, en } = ERROR_CODES[code];
  return { row, field, code, message: { zh, en } };
}

/** The problem of a row about an enterprise stored outside the importer's region (it is left unchanged). */
export function outOfScopeProblem(row: number): RowProblem {
  return codedProblem(row, 'uscc', 'IMPORT_ENTERPRISE_OUT_OF_SCOPE');
}

/** The problem of a row repeating the USCC of an earlier one. */
export function duplicateProblem(row: number, first: number): RowProblem {
  return {
    row,
    field: 'uscc',
    code: 'IMPORT_DUPLICATE_USCC',
    message: { zh: `统一社会信用代码与第 ${first} 行重复`, en: `The USCC repeats row ${first}` },
  };
}

/** One batch as the worker sends it. */
export interface CheckedBatch {
  /** The valid rows not repeated within the batch: USCC and row number of each. */
  uscc: string[];
  rows: number[];
  /** The same rows prepared for writing (when asked to prepare; enterprises only). */
  prepared: PreparedBatch | null;
  /** Another kind's records of the same rows, and the key of each (a repeat within the file is found by it). */
  records?: unknown[];
  keys?: string[];
  /** Rejected rows' problems (row order not guaranteed). */
  problems: RowProblem[];
  /** The last row of the file read so far. */
  lastRow: number;
  /** Rows read in this batch (after `skipThrough`). */
  rowsRead: number;
  bytesRead: number;
  totalBytes: number | null;
  /** First batch only: how the file was read, and its columns as it named them (spec key → header text). */
  info?: Pick<TableInfo, 'format' | 'encoding'> & { columns: Record<string, string> };
  /** A USCC of this batch is in one of the `overlapWindow` batches before it. */
  overlapsRecent: boolean;
}

/** Messages from the worker. */
export type WorkerMessage =
  | { type: 'batch'; batch: CheckedBatch }
  | { type: 'end' }
  | {
      type: 'failed';
      tableError: {
        code: TableFileErrorCode;
        detail: Localized;
        row: number | null;
        errorCode: ErrorCode | null;
      } | null;
      message: string;
    };

/** Batches the worker may have ready before the writer asks for them. */
const AHEAD = 2;

/** Messages to the worker: produce one more batch. */
export const PULL = 'pull';

const here = import.meta.url;

/**
 * The worker's heap: a young generation of 32 MB, so that most of a batch (a few MB of rows, records and
 * parameters) dies young instead of being promoted and collected again as old objects (measured on 200,000 rows:
 * 16 MB → 2.1 s of garbage collection, 64 MB → 1.0 s, each larger step adding ~20 MB of RSS), and an old
 * generation large enough for the pinyin dictionary and a few batches of 16 MiB at most.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 256 };

function startWorker(input: WorkerInput): Worker {
  if (here.endsWith('.ts')) {
    // From the sources (tests, `huiqi` through tsx): a plain-JS bootstrap registers tsx in the worker first.
    const root = path.resolve(path.dirname(fileURLToPath(here)), '../../../..');
    return new Worker(path.join(root, 'bin/ts-worker.js'), {
      workerData: { ...input, module: new URL('./import.worker.ts', here).href },
      resourceLimits: WORKER_LIMITS,
    });
  }
  // From the bundle (`npm start`): the worker is bundled beside it.
  return new Worker(new URL('./import-worker.mjs', here), {
    workerData: input,
    resourceLimits: WORKER_LIMITS,
  });
}

/** Reads, checks and prepares a file's rows in a worker thread; yields batches in file order. */
export async function* checkedBatchesInWorker(input: WorkerInput): AsyncGenerator<CheckedBatch> {
  const worker = startWorker(input);
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  const deliver = (message: WorkerMessage) => {
    queue.push(message);
    wake?.();
    wake = null;
  };
  worker.on('message', deliver);
  worker.on('error', (error: Error) => deliver({ type: 'failed', tableError: null, message: error.message }));
  worker.on('exit', (code) => {
    if (!finished)
      deliver({ type: 'failed', tableError: null, message: `the import worker stopped (${code})` });
  });
  try {
    for (let k = 0; k < AHEAD; k++) worker.postMessage(PULL);
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift() as WorkerMessage;
      if (message.type === 'end') return;
      if (message.type === 'failed') {
        if (message.tableError) {
          const { code, detail, row, errorCode } = message.tableError;
          throw new TableFileError(code, detail, row ?? undefined, errorCode ?? undefined);
        }
        throw new Error(message.message);
      }
      worker.postMessage(PULL);
      yield message.batch;
    }
  } finally {
    finished = true;
    await worker.terminate();
  }
}
