/** Types shared by the table reader and its CSV and XLSX row sources. */
import type { ErrorCode, Localized } from '../../../../shared/errors.ts';
import type { TextEncodingName } from './encoding.ts';

/** File-level problems: the file as a whole cannot be read as the expected table. */
export type TableFileErrorCode =
  | 'EMPTY'
  | 'NO_HEADER'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'UNKNOWN_COLUMN'
  | 'UNIT_MISMATCH'
  | 'TRUNCATED'
  | 'NOT_A_TABLE'
  | 'TOO_LARGE'
  | 'ENCODING';

/**
 * A file-level problem. `detail` is the message in both languages (Error's own `message` is a string: the
 * English text); `row` is the row (as numbered in Excel) where it was found, when known; `errorCode` the API's
 * stable code of the reason, when it has one (shown in the import's report).
 */
export class TableFileError extends Error {
  constructor(
    readonly code: TableFileErrorCode,
    readonly detail: Localized,
    readonly row?: number,
    readonly errorCode?: ErrorCode,
  ) {
    super(row === undefined ? detail.en : `Row ${row}: ${detail.en}`);
    this.name = 'TableFileError';
  }
}

/** A problem with one cell (or, with field '*', one row) found while reading. */
export interface CellError {
  row: number;
  /** Column key of the spec, or '*' for the row as a whole. */
  field: string;
  message: Localized;
}

/** A cell problem as a row source reports it: by 0-based column range (col -1: the whole row). */
export interface RawCellError {
  col: number;
  colEnd: number;
  message: Localized;
}

/** One row as a source reads it: cells trimmed, empty → null, a cell with a problem → null. */
export interface RawRow {
  rowNumber: number;
  cells: (string | null)[];
  errors: RawCellError[] | null;
}

/** Rows read from the source in one step. */
export interface RawChunk {
  rows: RawRow[];
  /** Bytes of the file read so far. */
  bytesRead: number;
  /** Set when the (CSV) encoding is first known or changes (an ASCII start turning out to be GB18030). */
  encoding?: TextEncodingName;
}
