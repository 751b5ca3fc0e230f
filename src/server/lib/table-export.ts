/**
 * Exports of lists as CSV (UTF-8 with BOM, so Excel shows Chinese) or XLSX, streamed page by page so any list
 * size fits in memory. Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
 */
import { PassThrough, type Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { type CsvCell, csvCell } from '../../shared/csv.ts';
import { loadExcel } from './excel.ts';

/** A column of an export, titled in both languages. */
export interface ExportColumn<T> {
  key: string;
  zh: string;
  en: string;
  width?: number;
  value: (row: T, lang: 'zh' | 'en') => CsvCell;
  /**
   * A column of numbers given as decimal strings (exact in CSV as they are): XLSX writes each that is a number as a
   * number cell in this format ('0.0'; 'General' as it comes), any other value (a "withheld") as text.
   */
  numFmt?: string;
}

/** An XLSX cell's value: a numeric column's decimal string as a number, anything else as it is. */
function xlsxValue<T>(column: ExportColumn<T>, value: CsvCell): CsvCell {
  if (column.numFmt === undefined || typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value))
    return value;
  return Number(value);
}

/** Streams the rows as CSV text. */
export function csvStream<T>(
  pages: AsyncIterable<T[]>,
  columns: readonly ExportColumn<T>[],
  lang: 'zh' | 'en',
): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      out.write(`\uFEFF${columns.map((c) => csvCell(c[lang])).join(',')}\r\n`);
      for await (const rows of pages) {
        let chunk = '';
        for (const row of rows) chunk += `${columns.map((c) => csvCell(c.value(row, lang))).join(',')}\r\n`;
        if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      }
      out.end();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

/** Streams the rows as an XLSX workbook of one sheet. */
export function xlsxStream<T>(
  pages: AsyncIterable<T[]>,
  columns: readonly ExportColumn<T>[],
  lang: 'zh' | 'en',
  sheetName: string,
): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      const ExcelJS = await loadExcel();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: true,
        useSharedStrings: false,
      });
      const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = columns.map((c) => ({
        header: c[lang],
        key: c.key,
        width: c.width ?? 18,
        ...(c.numFmt === undefined ? {} : { style: { numFmt: c.numFmt } }),
      }));
      sheet.getRow(1).font = { bold: true };
      for await (const rows of pages) {
        for (const row of rows) {
          const values: Record<string, CsvCell> = {};
          for (const c of columns) values[c.key] = xlsxValue(c, c.value(row, lang));
          sheet.addRow(values).commit();
        }
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

/** What a table export sends: its rows page by page, its columns, its language, file and sheet names. */
export interface TableExport<T> {
  format: 'csv' | 'xlsx';
  /** The file name without its extension (ASCII: it goes into the header as it is). */
  fileName: string;
  pages: AsyncIterable<T[]>;
  columns: readonly ExportColumn<T>[];
  lang: 'zh' | 'en';
  /** The XLSX sheet's name. */
  sheetName: string;
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Replies with a table as a CSV or XLSX download: the one way every list export answers (issue 13). */
export function sendTableExport<T>(reply: FastifyReply, table: TableExport<T>): FastifyReply {
  void reply
    .header('content-type', CONTENT_TYPES[table.format])
    .header('content-disposition', `attachment; filename="${table.fileName}.${table.format}"`);
  return reply.send(
    table.format === 'csv'
      ? csvStream(table.pages, table.columns, table.lang)
      : xlsxStream(table.pages, table.columns, table.lang, table.sheetName),
  );
}

/** Every row of a paged list, a page at a time (an export of what a list page filters). */
export async function* everyPage<T>(
  listPage: (page: number, pageSize: number) => Promise<{ items: T[] }>,
  pageSize = 200,
): AsyncGenerator<T[]> {
  for (let page = 1; ; page += 1) {
    const { items } = await listPage(page, pageSize);
    if (items.length > 0) yield items;
    if (items.length < pageSize) return;
  }
}
