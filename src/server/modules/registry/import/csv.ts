/**
 * Rows of a CSV (or TSV / semicolon-separated) file, pulled chunk by chunk from a ByteReader, decoded, and split
 * into records by `CsvTextParser` (csv-text.ts): each input chunk's records are in hand as soon as it is parsed.
 *
 * UTF-8 is decoded with TextDecoder, GB18030 and UTF-16 with iconv-lite. A file whose first 64 KiB are plain
 * ASCII is read as UTF-8 until a non-ASCII byte shows the real encoding (then it may switch to GB18030). Bytes
 * invalid in the encoding become U+FFFD, and from the first such chunk on, cells holding U+FFFD are reported.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { Localized } from '../../../../shared/errors.ts';
import { CsvTextParser } from './csv-text.ts';
import { decideEncoding, incompleteUtf8Tail, type TextEncodingName, Utf8StreamChecker } from './encoding.ts';
import type { ByteReader } from './source.ts';
import { type RawCellError, type RawChunk, type RawRow, TableFileError } from './table-types.ts';

/** Longest record accepted (characters); longer is almost always a quote that is never closed. */
export const MAX_RECORD_SIZE = 1024 * 1024;

const MALFORMED_QUOTES: Localized = {
  zh: '该行引号使用有误（引号内的引号应写成两个引号 ""），无法解析',
  en: 'The row has misplaced quotes (a quote inside a quoted cell must be doubled: "") and cannot be parsed',
};

function invalidBytes(encoding: TextEncodingName): Localized {
  const name = encoding === 'gb18030' ? 'GBK/GB18030' : encoding.toUpperCase();
  return {
    zh: `单元格含有不能按 ${name} 解码的字节（文件可能混用了多种编码），已显示为 �`,
    en: `The cell holds bytes that are not valid ${name} (the file may mix encodings); they show as �`,
  };
}

/** Guess the delimiter from the header line: the most frequent of comma, tab and semicolon outside quotes. */
export function detectDelimiter(headerLine: string): ',' | '\t' | ';' {
  let commas = 0;
  let tabs = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted) {
      if (c === 44) commas++;
      else if (c === 9) tabs++;
      else if (c === 59) semicolons++;
    }
  }
  if (tabs > commas && tabs >= semicolons) return '\t';
  if (semicolons > commas && semicolons > tabs) return ';';
  return ',';
}

/** The first line of text holding something other than whitespace. */
export function firstNonEmptyLine(text: string): string {
  let start = 0;
  while (start < text.length) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const line = text.slice(start, end);
    if (line.trim() !== '') return line;
    start = end + 1;
  }
  return '';
}

/** Decoded text of the sniffed window (for the delimiter). */
export function windowText(window: Buffer, encoding: TextEncodingName, bomLength: number): string {
  if (encoding === 'utf-8') return window.toString('utf8', bomLength);
  return iconv.decode(window, encoding);
}

interface Decoder {
  write(buf: Buffer): string;
  end(): string | undefined;
}

/** Parses CSV records into raw rows; one instance per file. */
class CsvRows {
  private count = 0;
  private rows: RawRow[] = [];
  private fatal: TableFileError | null = null;
  private checkReplacement = false;
  private encoding: TextEncodingName;
  private decoder: Decoder | null = null;
  /** UTF-8 assumed only because everything so far was ASCII. */
  private provisional: boolean;
  private readonly checker = new Utf8StreamChecker();
  private readonly utf8 = new TextDecoder('utf-8');
  private readonly parser: CsvTextParser;
  private readonly push = (record: string[], malformed: boolean) =>
    malformed ? this.onMalformed() : this.onRecord(record);

  constructor(delimiter: string, encoding: TextEncodingName, asciiOnly: boolean, hasInvalid: boolean) {
    this.encoding = encoding;
    this.provisional = asciiOnly;
    this.checkReplacement = hasInvalid;
    if (encoding !== 'utf-8') this.decoder = iconv.getDecoder(encoding);
    this.parser = new CsvTextParser(delimiter.charCodeAt(0), MAX_RECORD_SIZE);
  }

  private onRecord(record: (string | null)[]): void {
    if (this.fatal) return;
    const rowNumber = ++this.count;
    let errors: RawCellError[] | null = null;
    for (let i = 0; i < record.length; i++) {
      const raw = record[i] as string;
      if (this.checkReplacement && raw.includes('\uFFFD')) {
        errors ??= [];
        errors.push({ col: i, colEnd: i, message: invalidBytes(this.encoding) });
        record[i] = null;
        continue;
      }
      const t = raw.trim();
      record[i] = t === '' ? null : t;
    }
    this.rows.push({ rowNumber, cells: record, errors });
  }

  private onMalformed(): void {
    const rowNumber = ++this.count;
    this.rows.push({ rowNumber, cells: [], errors: [{ col: -1, colEnd: -1, message: MALFORMED_QUOTES }] });
  }

  /** Parse one chunk of file bytes (null: end of file); returns the rows completed. */
  feed(chunk: Buffer | null): { rows: RawRow[]; encodingChanged: boolean } {
    let encodingChanged = false;
    let text = '';
    if (chunk === null) {
      const rest = this.decoder ? this.decoder.end() : this.utf8.decode();
      if (rest) {
        if (rest.includes('\uFFFD')) this.checkReplacement = true;
        text = rest;
      }
      if (this.decoder === null && !this.checker.end()) this.checkReplacement = true;
    } else {
      if (this.decoder === null && this.provisional && !isAscii(chunk)) {
        this.provisional = false;
        // Everything before was ASCII, so this chunk starts on a character boundary: decide here.
        if (
          !isUtf8(chunk.subarray(0, chunk.length - incompleteUtf8Tail(chunk))) &&
          decideEncoding(chunk, false) === 'gb18030'
        ) {
          this.encoding = 'gb18030';
          this.decoder = iconv.getDecoder('gb18030');
          encodingChanged = true;
        }
      }
      if (this.decoder === null) {
        if (!this.checker.check(chunk)) this.checkReplacement = true;
        text = this.utf8.decode(chunk, { stream: true });
      } else {
        text = this.decoder.write(chunk);
        if (!this.checkReplacement && text.includes('\uFFFD')) this.checkReplacement = true;
      }
    }
    if (!this.fatal) {
      const stop = this.parser.parse(text, chunk === null, this.push);
      if (stop.kind === 'unclosed') {
        this.fatal = new TableFileError(
          'TRUNCATED',
          {
            zh: '文件在引号内结束：该行的引号没有闭合，或文件不完整（上传中断）',
            en: 'The file ends inside quotes: a quote in this row is never closed, or the file is incomplete (the upload was cut off)',
          },
          this.count + 1,
        );
      } else if (stop.kind === 'too-large') {
        this.fatal = new TableFileError(
          'TOO_LARGE',
          {
            zh: '该行超过 1 MB，通常是某个引号没有闭合，使后面的内容都成了同一个单元格',
            en: 'The row is larger than 1 MB; usually a quote is never closed and the rest of the file became one cell',
          },
          this.count + 1,
        );
      }
    }
    const rows = this.rows;
    this.rows = [];
    return { rows, encodingChanged };
  }

  /** A file-level problem found by the last `feed`, to throw once the rows before it are delivered. */
  get fatalError(): TableFileError | null {
    return this.fatal;
  }

  get currentEncoding(): TextEncodingName {
    return this.encoding;
  }
}

/** The rows of a CSV file whose window was sniffed as text. */
export async function* readCsvRows(
  reader: ByteReader,
  options: { delimiter: string; encoding: TextEncodingName; asciiOnly: boolean; hasInvalid: boolean },
): AsyncGenerator<RawChunk> {
  const csv = new CsvRows(options.delimiter, options.encoding, options.asciiOnly, options.hasInvalid);
  for (;;) {
    const chunk = await reader.read();
    const { rows, encodingChanged } = csv.feed(chunk);
    if (rows.length > 0 || encodingChanged || chunk === null) {
      yield encodingChanged
        ? { rows, bytesRead: reader.bytesRead, encoding: csv.currentEncoding }
        : { rows, bytesRead: reader.bytesRead };
    }
    if (csv.fatalError) throw csv.fatalError;
    if (chunk === null) return;
  }
}
