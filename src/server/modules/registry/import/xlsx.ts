/**
 * Rows of the first worksheet of an XLSX file on disk, streamed with bounded memory through exceljs's streaming
 * parser, with three things exceljs's `WorkbookReader` does not do:
 *
 * - Parts in the right order. `WorkbookReader` reads zip entries in file order; Excel writes sharedStrings.xml
 *   and styles.xml after the worksheets, so it spools each worksheet to a temp file and parses it only after the
 *   whole zip was read. We read the central directory (zip.ts) and feed exceljs's part parsers the workbook,
 *   relationships, styles and shared strings first, then stream the sheet: rows come while the sheet inflates.
 *   The zip is read with yauzl (lib/zip.ts), which gives random access to the entries and counts each part's
 *   bytes as they inflate against the limits below (ADR 0024).
 * - Merged cells. `<mergeCells>` comes after `<sheetData>` and exceljs's streaming `WorksheetReader` ignores it
 *   (exceljs/exceljs#3000). We inflate the sheet once beforehand and only scan its bytes for `<mergeCell ref=…>`
 *   (no XML parsing; ~5% of the reading time), so each row's merges are reported with the row itself.
 * - Multi-byte characters cut at chunk boundaries. exceljs decodes every inflated chunk on its own, turning a
 *   Chinese character split between two chunks into U+FFFD (exceljs/exceljs#2063, #2084). We hand it strings
 *   decoded with `setEncoding('utf8')`, which carries partial characters over.
 *
 * exceljs internals used (exceljs 4.4.0): `WorkbookReader#_parseRels/_parseWorkbook/_parseStyles/
 * _parseSharedStrings/_parseWorksheet`, `WorksheetReader#parse`, `StyleManager#index.numFmt`. Because of them
 * package.json pins exceljs exactly (no `^`): an upgrade is a deliberate change, made with this reader's tests.
 */
import type { Readable } from 'node:stream';
import { ERROR_CODES, type Localized } from '../../../../shared/errors.ts';
import { loadExcel } from '../../../lib/excel.ts';
import { MAX_RATIO, ZipArchive, type ZipEntry, ZipFormatError } from '../../../lib/zip.ts';
import { type RawCellError, type RawChunk, type RawRow, TableFileError } from './table-types.ts';
import { columnNumber } from './text.ts';

interface Relationship {
  Id: string;
  Target: string;
  Type: string;
}

interface WorksheetReaderInternals {
  parse(): AsyncGenerator<{ eventType: string; value: unknown }[]>;
}

interface ExcelJsRow {
  number: number;
  values: unknown[];
}

interface WorkbookReaderInternals {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(
    iterator: AsyncIterable<string | Buffer>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: WorksheetReaderInternals }>;
  workbookRels?: Relationship[];
  model?: { sheets?: { name: string; id: number; rId: string; state?: string }[] };
  styles: { model?: { styles?: { numFmtId?: number }[] }; index?: { numFmt?: (string | undefined)[] } };
}

/** A merged range (1-based, inclusive). */
interface Merge {
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_SHARED_STRINGS_BYTES = 512 * 1024 * 1024;
const MAX_PART_BYTES = 64 * 1024 * 1024;
const ROWS_PER_CHUNK = 1000;

/**
 * Built-in number formats of East Asian Excel that are dates in zh-CN (yyyy"年"m"月", m"月"d"日",
 * yyyy"年"m"月"d"日" …). exceljs has no zh-CN code for them and would read those cells as plain numbers.
 */
const CJK_DATE_FORMAT_IDS = [27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58];

const MESSAGES = {
  damaged: {
    zh: 'Excel 文件已损坏，无法读取；请在 Excel 中打开并重新保存',
    en: 'The Excel file is damaged and cannot be read; open it in Excel and save it again',
  },
  truncated: {
    zh: 'Excel 文件不完整（可能上传或下载中断）；请重新上传完整的文件',
    en: 'The Excel file is incomplete (the upload or download may have been cut off); upload the whole file again',
  },
  encrypted: {
    zh: 'Excel 文件已加密或使用了不支持的压缩方式；请取消密码后另存为 .xlsx',
    en: 'The Excel file is encrypted or uses an unsupported compression; remove the password and save as .xlsx',
  },
  notWorkbook: {
    zh: '这是压缩文件，但不是 Excel 工作簿（.xlsx）；请上传 .xlsx 或 CSV',
    en: 'This is a zip file but not an Excel workbook (.xlsx); upload .xlsx or CSV',
  },
  ods: {
    zh: '这是 OpenDocument 表格（.ods）；请另存为 .xlsx 或 CSV 后上传',
    en: 'This is an OpenDocument spreadsheet (.ods); save it as .xlsx or CSV and upload that',
  },
  noSheet: { zh: '工作簿中没有工作表', en: 'The workbook has no worksheet' },
  tooManyStrings: {
    zh: 'Excel 文件中的文本过多（超过 512 MB）；请拆分文件或另存为 CSV',
    en: 'The Excel file holds too much text (over 512 MB); split it or save it as CSV',
  },
} as const satisfies Record<string, Localized>;

/** The file-level error of a workbook whose parts expand beyond the limit, naming it. */
function expandsTooMuch(limit: number): TableFileError {
  const shown =
    limit >= 1024 * 1024 ? `${Math.floor(limit / 1024 / 1024)} MB` : `${Math.ceil(limit / 1024)} KB`;
  const { zh, en } = ERROR_CODES.IMPORT_XLSX_TOO_LARGE;
  return new TableFileError(
    'TOO_LARGE',
    { zh: `${zh}（解压后上限 ${shown}）`, en: `${en} (limit when unzipped: ${shown})` },
    undefined,
    'IMPORT_XLSX_TOO_LARGE',
  );
}

/** The file-level error of a part that inflates more than deflate does with real spreadsheet XML. */
function inflatesTooMuch(): TableFileError {
  const { zh, en } = ERROR_CODES.IMPORT_XLSX_TOO_LARGE;
  return new TableFileError(
    'TOO_LARGE',
    { zh: `${zh}（压缩比超过 ${MAX_RATIO}:1）`, en: `${en} (it is compressed more than ${MAX_RATIO}:1)` },
    undefined,
    'IMPORT_XLSX_TOO_LARGE',
  );
}

function fileError(error: unknown): TableFileError {
  if (error instanceof TableFileError) return error;
  if (error instanceof ZipFormatError) {
    if (error.kind === 'truncated') return new TableFileError('TRUNCATED', MESSAGES.truncated);
    if (error.kind === 'unsupported') return new TableFileError('NOT_A_TABLE', MESSAGES.encrypted);
    if (error.kind === 'bomb') return inflatesTooMuch();
  }
  return new TableFileError('NOT_A_TABLE', MESSAGES.damaged);
}

function formulaError(formula: string): Localized {
  const shown = formula ? `（=${formula.length > 60 ? `${formula.slice(0, 60)}…` : formula}）` : '';
  const shownEn = formula ? ` (=${formula.length > 60 ? `${formula.slice(0, 60)}…` : formula})` : '';
  return {
    zh: `公式单元格${shown}不被接受，请复制后“选择性粘贴”为数值`,
    en: `Formula cells${shownEn} are not accepted; copy them and paste values`,
  };
}

function mergeError(ref: string): Localized {
  return {
    zh: `合并单元格 ${ref} 不被接受，请取消合并并在每一行填写完整`,
    en: `Merged cells ${ref} are not accepted; unmerge them and fill in every row`,
  };
}

function errorValueError(code: string): Localized {
  return { zh: `单元格为错误值 ${code}`, en: `The cell holds the error value ${code}` };
}

const PRECISION_LOST: Localized = {
  zh: '数字超过 15 位，Excel 已丢失精度；请将该列设为文本格式后重新输入',
  en: 'The number has more than 15 digits and Excel has lost its precision; format the column as text and enter it again',
};

const BAD_DATE: Localized = { zh: '日期值无效', en: 'The date value is invalid' };

/** Expand a JavaScript number string with an exponent ('1.5e-7' → '0.00000015'). */
function expandExponent(s: string): string {
  const e = s.indexOf('e');
  if (e < 0) return s;
  const negative = s.startsWith('-');
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${out}` : out;
}

/**
 * The decimal text of a cell number as Excel shows it: integers exact, other numbers rounded to Excel's 15
 * significant digits (dropping binary noise such as 1234.5600000000002), never with an exponent.
 */
export function formatCellNumber(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  return expandExponent(String(Number(n.toPrecision(15))));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The problem found by the last `cellText` call (module state: no allocation per cell). */
let cellProblem: Localized | null = null;

/** Plain text of an exceljs cell value; null when empty or when there is a problem (then in `cellProblem`). */
function cellText(v: unknown): string | null {
  cellProblem = null;
  if (v === null || v === undefined) return null;
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number') {
    if (!Number.isFinite(v)) {
      cellProblem = errorValueError('#NUM!');
      return null;
    }
    if (Number.isInteger(v) && Math.abs(v) >= 1e15) {
      cellProblem = PRECISION_LOST;
      return null;
    }
    return formatCellNumber(v);
  } else if (typeof v === 'boolean') return v ? 'true' : 'false';
  else if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) {
      cellProblem = BAD_DATE;
      return null;
    }
    return `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
  } else if (typeof v === 'object') {
    const o = v as {
      formula?: string;
      sharedFormula?: string;
      richText?: { text?: string }[];
      error?: string;
      text?: unknown;
    };
    if (o.formula !== undefined || o.sharedFormula !== undefined) {
      cellProblem = formulaError(o.formula ?? '');
      return null;
    }
    if (o.error !== undefined) {
      cellProblem = errorValueError(String(o.error));
      return null;
    }
    if (Array.isArray(o.richText)) {
      s = '';
      for (const run of o.richText) s += run.text ?? '';
    } else if (o.text !== undefined) s = String(o.text);
    else return null;
  } else s = String(v);
  s = s.trim();
  return s === '' ? null : s;
}

/** Parse 'B2:D5' into a merge; null for a single cell or garbage. */
function parseRange(ref: string): Merge | null {
  const colon = ref.indexOf(':');
  if (colon < 0) return null;
  const a = parseCellRef(ref.slice(0, colon));
  const b = parseCellRef(ref.slice(colon + 1));
  if (!a || !b) return null;
  const merge = {
    ref,
    top: Math.min(a.row, b.row),
    bottom: Math.max(a.row, b.row),
    left: Math.min(a.col, b.col),
    right: Math.max(a.col, b.col),
  };
  return merge.top === merge.bottom && merge.left === merge.right ? null : merge;
}

function parseCellRef(ref: string): { row: number; col: number } | null {
  let i = 0;
  const s = ref.replaceAll('$', '').toUpperCase();
  while (i < s.length && s.charCodeAt(i) >= 65 && s.charCodeAt(i) <= 90) i++;
  const col = columnNumber(s.slice(0, i));
  const row = Number(s.slice(i));
  return col > 0 && Number.isInteger(row) && row > 0 ? { row, col } : null;
}

const MERGE_TAG = Buffer.from('<mergeCell ');
const EMPTY = Buffer.alloc(0);
const REF_ATTR = 'ref="';

/** The merged ranges of a worksheet, by scanning its bytes (sorted by top row). */
async function scanMerges(stream: Readable): Promise<Merge[]> {
  const merges: Merge[] = [];
  let pending: Buffer = EMPTY;
  for await (const chunk of stream) {
    const buf: Buffer = pending.length > 0 ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let from = 0;
    let keepFrom = -1;
    for (;;) {
      const at = buf.indexOf(MERGE_TAG, from);
      if (at < 0) break;
      const end = buf.indexOf(0x3e /* > */, at);
      if (end < 0) {
        keepFrom = at; // the element continues in the next chunk
        break;
      }
      const element = buf.toString('latin1', at, end);
      const r = element.indexOf(REF_ATTR);
      if (r >= 0) {
        const close = element.indexOf('"', r + REF_ATTR.length);
        const merge = parseRange(element.slice(r + REF_ATTR.length, close < 0 ? undefined : close));
        if (merge) merges.push(merge);
      }
      from = end + 1;
    }
    if (keepFrom < 0) {
      // Keep a possible start of the tag cut by the chunk end (from its '<'); usually nothing is kept.
      const lt = buf.lastIndexOf(0x3c /* < */);
      keepFrom = lt >= Math.max(from, buf.length - MERGE_TAG.length) ? lt : buf.length;
    }
    pending = keepFrom < buf.length ? Buffer.from(buf.subarray(keepFrom)) : EMPTY;
  }
  merges.sort((a, b) => a.top - b.top);
  return merges;
}

/** Resolve a relationship target against the `xl/` folder ('worksheets/sheet1.xml' → 'xl/worksheets/sheet1.xml'). */
function resolveTarget(target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `xl/${target}`).split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

function findEntry(entries: ReadonlyMap<string, ZipEntry>, name: string): ZipEntry | undefined {
  const exact = entries.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const entry of entries.values()) if (entry.name.toLowerCase() === lower) return entry;
  return undefined;
}

/**
 * The rows of the first worksheet (in tab order, skipping hidden sheets when a visible one exists).
 *
 * A zip bomb (a small file whose parts inflate to gigabytes) is refused before it is inflated: the sizes the zip
 * declares for the parts read (relationships, workbook, styles, shared strings, the sheet) must add up to at most
 * `maxUnzippedBytes`, and while a part is inflated its stream is cut off at its declared size (`openEntry`), so
 * what is inflated never exceeds the limit even when the declared sizes lie; a part that inflates more than
 * `MAX_RATIO` times is cut off too.
 */
export async function* readXlsxRows(
  path: string,
  maxUnzippedBytes = Number.POSITIVE_INFINITY,
): AsyncGenerator<RawChunk & { sheetName?: string }> {
  let zip: ZipArchive;
  try {
    zip = await ZipArchive.open(path);
  } catch (error) {
    throw fileError(error);
  }
  const entries = zip.entries;
  let sheetStream: Readable | null = null;
  try {
    const workbookEntry = findEntry(entries, 'xl/workbook.xml');
    if (!workbookEntry) {
      const ods = entries.has('content.xml') && entries.has('mimetype');
      throw new TableFileError('NOT_A_TABLE', ods ? MESSAGES.ods : MESSAGES.notWorkbook);
    }
    let unzippedBudget = maxUnzippedBytes;
    /** Counts the declared sizes of parts against the limit, before any of them is inflated. */
    const claim = (...parts: (ZipEntry | undefined)[]) => {
      let total = 0;
      for (const p of parts) total += p?.uncompressedSize ?? 0;
      if (total > unzippedBudget) throw expandsTooMuch(maxUnzippedBytes);
      unzippedBudget -= total;
    };
    const part = async (entry: ZipEntry, limit: number): Promise<Readable> => {
      if (entry.uncompressedSize > limit) {
        throw new TableFileError(
          'NOT_A_TABLE',
          limit === MAX_SHARED_STRINGS_BYTES ? MESSAGES.tooManyStrings : MESSAGES.damaged,
        );
      }
      const { stream } = await zip.openEntry(entry, { maxBytes: limit });
      stream.setEncoding('utf8');
      return stream;
    };

    const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    }) as unknown as WorkbookReaderInternals;

    let sheetEntry: ZipEntry | undefined;
    let sheetName = '';
    try {
      const relsEntry = findEntry(entries, 'xl/_rels/workbook.xml.rels');
      claim(relsEntry, workbookEntry);
      if (relsEntry) await reader._parseRels(await part(relsEntry, MAX_PART_BYTES));
      await reader._parseWorkbook(await part(workbookEntry, MAX_PART_BYTES));
      const rels = reader.workbookRels ?? [];
      const relTarget = (suffix: string) => rels.find((r) => r.Type?.endsWith(suffix))?.Target;

      const worksheetRels = new Map(rels.filter((r) => r.Type?.endsWith('/worksheet')).map((r) => [r.Id, r]));
      const sheets = (reader.model?.sheets ?? []).filter((s) => worksheetRels.has(s.rId));
      const firstSheet = sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? sheets[0];
      if (firstSheet) {
        sheetName = firstSheet.name;
        sheetEntry = findEntry(entries, resolveTarget(worksheetRels.get(firstSheet.rId)?.Target ?? ''));
      } else {
        // No usable relationships: take the lowest-numbered worksheet part.
        const names = [...entries.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/i.test(n));
        names.sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')));
        sheetEntry = names[0] === undefined ? undefined : entries.get(names[0]);
      }
      if (!sheetEntry) throw new TableFileError('NOT_A_TABLE', MESSAGES.noSheet);

      const stylesEntry = findEntry(entries, resolveTarget(relTarget('/styles') ?? 'styles.xml'));
      const stringsEntry = findEntry(
        entries,
        resolveTarget(relTarget('/sharedStrings') ?? 'sharedStrings.xml'),
      );
      // The sheet counts once, though it is inflated twice (merged cells first, then the rows).
      claim(sheetEntry, stylesEntry, stringsEntry);
      if (stylesEntry) {
        await reader._parseStyles(await part(stylesEntry, MAX_PART_BYTES));
        const numFmt = reader.styles.index?.numFmt;
        if (numFmt) for (const id of CJK_DATE_FORMAT_IDS) numFmt[id] ??= 'yyyy-mm-dd';
      }
      if (stringsEntry) {
        for await (const _ of reader._parseSharedStrings(
          await part(stringsEntry, MAX_SHARED_STRINGS_BYTES),
        )) {
          // 'cache' mode yields nothing; the strings are kept on the reader.
        }
      }
    } catch (error) {
      throw fileError(error);
    }

    const sheet = sheetEntry;
    let merges: Merge[];
    try {
      merges = await scanMerges((await zip.openEntry(sheet)).stream);
    } catch (error) {
      throw fileError(error);
    }

    // Progress: the file's bytes up to the sheet's data, and of the sheet those read so far.
    let bytesRead = 0;
    const opened = await zip
      .openEntry(sheet, {
        onCompressedBytes: (n) => {
          bytesRead += n;
        },
      })
      .catch((error: unknown) => {
        throw fileError(error);
      });
    bytesRead += opened.dataOffset;
    sheetStream = opened.stream;
    sheetStream.setEncoding('utf8');
    const worksheet = reader._parseWorksheet(sheetStream, '1').next().value?.value;
    if (!worksheet) throw new TableFileError('NOT_A_TABLE', MESSAGES.damaged);

    let mergeIndex = 0;
    let active: Merge[] = [];
    let rows: RawRow[] = [];
    let first = true;
    try {
      for await (const events of worksheet.parse()) {
        for (const event of events) {
          if (event.eventType !== 'row') continue;
          const row = event.value as ExcelJsRow;
          const values = row.values;
          const n = values.length > 0 ? values.length - 1 : 0;
          const cells: (string | null)[] = new Array(n);
          let errors: RawCellError[] | null = null;
          for (let c = 1; c <= n; c++) {
            const text = cellText(values[c]);
            cells[c - 1] = text;
            if (cellProblem !== null) {
              errors ??= [];
              errors.push({ col: c - 1, colEnd: c - 1, message: cellProblem });
            }
          }
          const r = row.number;
          if (merges.length > 0) {
            while (mergeIndex < merges.length && (merges[mergeIndex]?.top ?? Infinity) <= r) {
              active.push(merges[mergeIndex] as Merge);
              mergeIndex++;
            }
            if (active.length > 0) {
              active = active.filter((m) => m.bottom >= r);
              for (const m of active) {
                errors ??= [];
                errors.push({ col: m.left - 1, colEnd: m.right - 1, message: mergeError(m.ref) });
              }
            }
          }
          rows.push({ rowNumber: r, cells, errors });
        }
        if (rows.length >= ROWS_PER_CHUNK) {
          yield first ? { rows, bytesRead, sheetName } : { rows, bytesRead };
          first = false;
          rows = [];
        }
      }
    } catch (error) {
      throw fileError(error);
    }
    yield first ? { rows, bytesRead, sheetName } : { rows, bytesRead };
  } finally {
    sheetStream?.destroy();
    zip.close();
  }
}
