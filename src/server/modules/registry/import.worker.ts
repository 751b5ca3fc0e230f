/**
 * The import worker thread (see `import.batches.ts`): reads the file named in `workerData`, validates its rows,
 * drops USCCs repeated within a batch, prepares the rest for writing, and sends one batch per `pull`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ENTERPRISE_IMPORT_COLUMNS } from './import/columns.ts';
import { validateEnterpriseRow } from './import/row-validation.ts';
import { readTable, TableFileError } from './import/table-reader.ts';
import {
  type CheckedBatch,
  codedProblem,
  duplicateProblem,
  type RowProblem,
  type WorkerInput,
  type WorkerMessage,
} from './import.batches.ts';
import { ROW_KINDS } from './import.row-kinds.ts';
import type { EnterpriseInput } from './registry.model.ts';
import { prepareEnterpriseBatch } from './registry.writes.ts';

const port = parentPort;
if (!port) throw new Error('import.worker.ts runs as a worker thread');
const input = workerData as WorkerInput;

let credit = 0;
let wake: (() => void) | null = null;
port.on('message', () => {
  credit += 1;
  wake?.();
  wake = null;
});

/** Waits until the writer has asked for another batch. */
async function pulled(): Promise<void> {
  while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
  credit -= 1;
}

const send = (message: WorkerMessage) => port.postMessage(message);

/** The first batch's `info`: how the file was read and its columns as it named them. */
function infoOf(batch: {
  info?: { format: string; encoding: string | null; columns: { key: string; header: string }[] };
}) {
  if (!batch.info) return undefined;
  return {
    format: batch.info.format,
    encoding: batch.info.encoding,
    columns: Object.fromEntries(batch.info.columns.map((c) => [c.key, c.header])),
  } as CheckedBatch['info'];
}

/**
 * Another kind's file: each row validated by the kind's pure rules; a row repeating the key of an earlier row of
 * the batch is rejected (the writer finds repeats of earlier batches).
 */
async function runKind(kind: Exclude<WorkerInput['kind'], 'enterprises' | undefined>): Promise<void> {
  const { skipThrough, today } = input;
  const rowKind = ROW_KINDS[kind];
  for await (const batch of readTable({ path: input.filePath }, rowKind.columns, {
    batchSize: input.batchSize,
    unknownColumns: 'ignore',
    maxXlsxBytes: input.maxXlsxBytes,
  })) {
    await pulled();
    const problems: RowProblem[] = [];
    const badRows = new Set<number>();
    for (const e of batch.cellErrors) {
      if (e.row <= skipThrough) continue;
      problems.push({ row: e.row, field: e.field, message: e.message, code: 'IMPORT_CELL_INVALID' });
      badRows.add(e.row);
    }
    const records: unknown[] = [];
    const uscc: string[] = [];
    const keys: string[] = [];
    const rows: number[] = [];
    const firstRowOf = new Map<string, number>();
    let lastRow = skipThrough;
    let rowsRead = 0;
    for (const raw of batch.rows) {
      lastRow = Math.max(lastRow, raw.rowNumber);
      if (raw.rowNumber <= skipThrough) continue;
      rowsRead += 1;
      const result = rowKind.validate(raw.values, raw.rowNumber, today);
      if (!result.ok) {
        for (const error of result.errors) problems.push(error);
        continue;
      }
      if (badRows.has(raw.rowNumber)) continue;
      const first = firstRowOf.get(result.key);
      if (first !== undefined) {
        problems.push(rowKind.repeated(raw.rowNumber, first));
        continue;
      }
      firstRowOf.set(result.key, raw.rowNumber);
      records.push(result.record);
      uscc.push(result.uscc);
      keys.push(result.key);
      rows.push(raw.rowNumber);
    }
    const checked: CheckedBatch = {
      uscc,
      rows,
      overlapsRecent: false,
      prepared: null,
      records,
      keys,
      problems,
      lastRow,
      rowsRead,
      bytesRead: batch.bytesRead,
      totalBytes: batch.totalBytes,
    };
    const info = infoOf(batch);
    if (info) checked.info = info;
    send({ type: 'batch', batch: checked });
  }
  send({ type: 'end' });
}

async function run(): Promise<void> {
  if (input.kind && input.kind !== 'enterprises') return runKind(input.kind);
  const { skipThrough, scope, today } = input;
  /** The USCCs of the last `overlapWindow` batches. */
  const recent: Set<string>[] = [];
  for await (const batch of readTable({ path: input.filePath }, ENTERPRISE_IMPORT_COLUMNS, {
    batchSize: input.batchSize,
    unknownColumns: 'ignore',
    maxXlsxBytes: input.maxXlsxBytes,
  })) {
    await pulled();
    const problems: RowProblem[] = [];
    const badRows = new Set<number>();
    for (const e of batch.cellErrors) {
      if (e.row <= skipThrough) continue;
      problems.push({ row: e.row, field: e.field, message: e.message, code: 'IMPORT_CELL_INVALID' });
      badRows.add(e.row);
    }
    const records: EnterpriseInput[] = [];
    const uscc: string[] = [];
    const rows: number[] = [];
    const firstRowOf = new Map<string, number>();
    let lastRow = skipThrough;
    let rowsRead = 0;
    for (const raw of batch.rows) {
      lastRow = Math.max(lastRow, raw.rowNumber);
      if (raw.rowNumber <= skipThrough) continue;
      rowsRead += 1;
      const result = validateEnterpriseRow(raw.values, raw.rowNumber, today);
      if (!result.ok) {
        for (const error of result.errors) problems.push(error);
        continue;
      }
      if (scope && !result.record.regionCode.startsWith(scope)) {
        // The row's new region must be in scope; the stored enterprise is checked when it is written.
        problems.push(codedProblem(raw.rowNumber, 'region_code', 'IMPORT_REGION_OUT_OF_SCOPE'));
        continue;
      }
      if (badRows.has(raw.rowNumber)) continue;
      const code = result.record.uscc;
      const first = firstRowOf.get(code);
      if (first !== undefined) {
        problems.push(duplicateProblem(raw.rowNumber, first));
        continue;
      }
      firstRowOf.set(code, raw.rowNumber);
      records.push(result.record);
      uscc.push(code);
      rows.push(raw.rowNumber);
    }
    let overlapsRecent = false;
    if (input.overlapWindow > 0) {
      overlapsRecent = recent.some((earlier) => uscc.some((code) => earlier.has(code)));
      recent.push(new Set(uscc));
      if (recent.length > input.overlapWindow) recent.shift();
    }
    const checked: CheckedBatch = {
      uscc,
      rows,
      overlapsRecent,
      prepared: input.prepare ? prepareEnterpriseBatch(records) : null,
      problems,
      lastRow,
      rowsRead,
      bytesRead: batch.bytesRead,
      totalBytes: batch.totalBytes,
    };
    if (batch.info)
      checked.info = {
        format: batch.info.format,
        encoding: batch.info.encoding,
        columns: Object.fromEntries(batch.info.columns.map((c) => [c.key, c.header])),
      };
    send({ type: 'batch', batch: checked });
  }
  send({ type: 'end' });
}

run().catch((error: unknown) => {
  send({
    type: 'failed',
    tableError:
      error instanceof TableFileError
        ? {
            code: error.code,
            detail: error.detail,
            row: error.row ?? null,
            errorCode: error.errorCode ?? null,
          }
        : null,
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
});
