/**
 * Format and encoding sniffing of an uploaded table from its leading bytes: XLSX (zip), files that are not
 * tables (old .xls, PDF, archives, images, HTML or XML "Excel" exports, binary), and the text encoding of a CSV:
 * UTF-8 (with or without BOM), UTF-16 LE/BE (with BOM, or recognised by its zero bytes), or GB18030 (a superset
 * of GBK and GB2312) when the bytes are not UTF-8.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import type { Localized } from '../../../../shared/errors.ts';

/** Text encodings a CSV is read in. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** What the leading bytes of a file say it is. */
export type Sniffed =
  | { kind: 'empty' }
  | { kind: 'xlsx' }
  | {
      kind: 'text';
      encoding: TextEncodingName;
      /** Length of the byte order mark (0 when there is none). */
      bomLength: number;
      /** The window holds only ASCII: the encoding is provisional (UTF-8) until a non-ASCII byte appears. */
      asciiOnly: boolean;
      /** The window holds byte sequences invalid in the chosen encoding (a few; decoded as U+FFFD). */
      hasInvalid: boolean;
    }
  | { kind: 'not-a-table'; reason: Localized }
  | { kind: 'bad-encoding'; reason: Localized };

/** How many leading bytes the sniffer looks at. */
export const SNIFF_WINDOW = 64 * 1024;

/** UTF-8 is kept when valid multi-byte sequences outnumber invalid ones this many times. */
const UTF8_MIN_VALID_RATIO = 4;
/** Share of invalid sequences tolerated in GB18030 (damaged bytes) before the encoding is ruled out. */
const MAX_GB_INVALID_SHARE = 0.05;

function startsWith(buf: Buffer, bytes: readonly number[]): boolean {
  if (buf.length < bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[i] !== bytes[i]) return false;
  return true;
}

const NOT_A_TABLE = {
  xls: {
    zh: '这是旧版 Excel 97-2003（.xls）文件或加密的 Excel 文件，不能读取；请在 Excel 中另存为 .xlsx（不设密码）或 CSV 后上传',
    en: 'This is an old Excel 97-2003 (.xls) file or an encrypted Excel file, which cannot be read; save it as .xlsx (without a password) or CSV and upload that',
  },
  pdf: {
    zh: '这是 PDF 文件，不是表格；请上传 .xlsx 或 CSV',
    en: 'This is a PDF file, not a table; upload .xlsx or CSV',
  },
  archive: {
    zh: '这是压缩包，不是表格；请解压后上传其中的 .xlsx 或 CSV 文件',
    en: 'This is a compressed archive, not a table; extract it and upload the .xlsx or CSV file inside',
  },
  image: { zh: '这是图片文件，不是表格', en: 'This is an image file, not a table' },
  html: {
    zh: '这是网页（HTML）格式的文件，常见于业务系统导出的“.xls”；请用 Excel 打开后另存为 .xlsx 或 CSV 再上传',
    en: 'This is a web page (HTML) file, as some systems export under a “.xls” name; open it in Excel and save it as .xlsx or CSV',
  },
  xml: {
    zh: '这是 XML 格式的文件（如 Excel 2003 XML 表格）；请用 Excel 打开后另存为 .xlsx 或 CSV 再上传',
    en: 'This is an XML file (such as an Excel 2003 XML spreadsheet); open it in Excel and save it as .xlsx or CSV',
  },
  binary: {
    zh: '文件内容不是表格（含有二进制数据）；请上传 .xlsx 或 CSV 文件',
    en: 'The file is not a table (it holds binary data); upload an .xlsx or CSV file',
  },
} as const satisfies Record<string, Localized>;

const BAD_ENCODING = {
  utf32: {
    zh: '不支持 UTF-32 编码的文件；请另存为 UTF-8 编码的 CSV',
    en: 'UTF-32 files are not supported; save the file as UTF-8 CSV',
  },
  unknown: {
    zh: '无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030）；请另存为 UTF-8 编码的 CSV',
    en: 'The file encoding is not recognised (neither UTF-8 nor GBK/GB18030); save the file as UTF-8 CSV',
  },
} as const satisfies Record<string, Localized>;

/** Sniff the format and encoding from the first bytes (`atEof`: the window is the whole file). */
export function sniff(window: Buffer, atEof: boolean): Sniffed {
  if (window.length === 0) return { kind: 'empty' };
  if (startsWith(window, [0x50, 0x4b, 0x03, 0x04])) return { kind: 'xlsx' };
  if (startsWith(window, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return { kind: 'not-a-table', reason: NOT_A_TABLE.xls };
  }
  if (startsWith(window, [0x25, 0x50, 0x44, 0x46])) return { kind: 'not-a-table', reason: NOT_A_TABLE.pdf };
  if (
    startsWith(window, [0x50, 0x4b, 0x05, 0x06]) ||
    startsWith(window, [0x50, 0x4b, 0x07, 0x08]) ||
    startsWith(window, [0x1f, 0x8b]) ||
    startsWith(window, [0x52, 0x61, 0x72, 0x21]) ||
    startsWith(window, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])
  ) {
    return { kind: 'not-a-table', reason: NOT_A_TABLE.archive };
  }
  if (startsWith(window, [0x89, 0x50, 0x4e, 0x47]) || startsWith(window, [0xff, 0xd8, 0xff])) {
    return { kind: 'not-a-table', reason: NOT_A_TABLE.image };
  }
  if (startsWith(window, [0xff, 0xfe, 0x00, 0x00]) || startsWith(window, [0x00, 0x00, 0xfe, 0xff])) {
    return { kind: 'bad-encoding', reason: BAD_ENCODING.utf32 };
  }
  if (startsWith(window, [0xff, 0xfe])) return utf16(window, 'utf-16le', 2);
  if (startsWith(window, [0xfe, 0xff])) return utf16(window, 'utf-16be', 2);
  const bomLength = startsWith(window, [0xef, 0xbb, 0xbf]) ? 3 : 0;

  const guess = utf16WithoutBom(window);
  if (guess) return utf16(window, guess, 0);
  if (window.indexOf(0) >= 0 || controlShare(window, bomLength) > 0.01) {
    return { kind: 'not-a-table', reason: NOT_A_TABLE.binary };
  }
  const markup = markupKind(window.toString('latin1', bomLength, Math.min(window.length, bomLength + 512)));
  if (markup) return { kind: 'not-a-table', reason: NOT_A_TABLE[markup] };

  const end = atEof ? window.length : window.length - incompleteUtf8Tail(window);
  if (isUtf8(window.subarray(bomLength, end))) {
    return {
      kind: 'text',
      encoding: 'utf-8',
      bomLength,
      asciiOnly: bomLength === 0 && isAscii(window),
      hasInvalid: false,
    };
  }
  if (bomLength > 0)
    return { kind: 'text', encoding: 'utf-8', bomLength, asciiOnly: false, hasInvalid: true };
  const decided = decideEncoding(window, atEof);
  if (decided === null) return { kind: 'bad-encoding', reason: BAD_ENCODING.unknown };
  // Invalid for UTF-8 (else isUtf8 above would have passed); for GB18030 it depends on the scan.
  const hasInvalid = decided === 'utf-8' || scanGb18030(window, 0, window.length, atEof).invalid > 0;
  return { kind: 'text', encoding: decided, bomLength, asciiOnly: false, hasInvalid };
}

/**
 * UTF-8 or GB18030 for bytes that are not all valid UTF-8, or null when neither fits. Other text read as UTF-8
 * rarely forms valid multi-byte sequences (about 1 in 10 for GBK), so UTF-8 text with a few foreign bytes keeps
 * most of its sequences valid; GBK text keeps few.
 */
export function decideEncoding(bytes: Buffer, atEof: boolean): 'utf-8' | 'gb18030' | null {
  const u = scanUtf8(bytes, 0, bytes.length, atEof);
  if (u.valid >= UTF8_MIN_VALID_RATIO * u.invalid) return 'utf-8';
  const g = scanGb18030(bytes, 0, bytes.length, atEof);
  if (g.invalid <= MAX_GB_INVALID_SHARE * (g.valid + g.invalid)) return 'gb18030';
  return null;
}

/** A UTF-16 window: refuse binary content (control characters other than tab and line breaks). */
function utf16(window: Buffer, encoding: 'utf-16le' | 'utf-16be', bomLength: number): Sniffed {
  let controls = 0;
  let units = 0;
  for (let i = bomLength; i + 1 < window.length; i += 2) {
    const unit = encoding === 'utf-16le' ? window.readUInt16LE(i) : window.readUInt16BE(i);
    units++;
    if (unit < 0x20 && unit !== 9 && unit !== 10 && unit !== 13) controls++;
  }
  if (controls > 0.01 * units) return { kind: 'not-a-table', reason: NOT_A_TABLE.binary };
  return { kind: 'text', encoding, bomLength, asciiOnly: false, hasInvalid: false };
}

/** UTF-16 without a BOM: ASCII text has a zero byte in (nearly) every other position. */
function utf16WithoutBom(window: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(window.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (window[i] === 0) evenZeros++;
    if (window[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > 0.4 * pairs && evenZeros < 0.02 * pairs) return 'utf-16le';
  if (evenZeros > 0.4 * pairs && oddZeros < 0.02 * pairs) return 'utf-16be';
  return null;
}

/** Share of control bytes other than tab, line feed, carriage return, form feed and the DOS end-of-file mark. */
function controlShare(window: Buffer, from: number): number {
  let controls = 0;
  for (let i = from; i < window.length; i++) {
    const b = window[i] ?? 0;
    if ((b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 0x1a) || b === 0x7f) controls++;
  }
  return window.length > from ? controls / (window.length - from) : 0;
}

/** HTML or XML files that systems export under an .xls name. */
function markupKind(head: string): 'html' | 'xml' | null {
  const s = head.trimStart().slice(0, 200).toLowerCase();
  if (s.startsWith('<!doctype html') || s.startsWith('<html') || s.startsWith('<table')) return 'html';
  if (s.startsWith('<?xml')) return 'xml';
  if (s.startsWith('<') && (s.includes('<html') || s.includes('<table'))) return 'html';
  return null;
}

/** Number of bytes at the end of `buf` that begin a UTF-8 sequence the buffer cuts off (0–3). */
export function incompleteUtf8Tail(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = buf[n - back] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Counts of valid multi-byte and of invalid UTF-8 sequences in `buf[start, end)`. */
export function scanUtf8(
  buf: Buffer,
  start: number,
  end: number,
  atEof: boolean,
): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = start;
  while (i < end) {
    const b = buf[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (need === 0) {
      invalid++;
      i++;
      continue;
    }
    if (i + need > end) {
      // Cut off by the window: only invalid when the file really ends here.
      if (atEof) invalid++;
      break;
    }
    let ok = true;
    for (let k = 1; k < need; k++) if (((buf[i + k] ?? 0) & 0xc0) !== 0x80) ok = false;
    if (ok) {
      valid++;
      i += need;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** Counts of valid multi-byte and of invalid GB18030 sequences in `buf[start, end)`. */
export function scanGb18030(
  buf: Buffer,
  start: number,
  end: number,
  atEof: boolean,
): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  let i = start;
  while (i < end) {
    const b = buf[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b === 0x80 || b === 0xff) {
      invalid++;
      i++;
      continue;
    }
    if (i + 1 >= end) {
      if (atEof) invalid++;
      break;
    }
    const b2 = buf[i + 1] ?? 0;
    if ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe)) {
      valid++;
      i += 2;
      continue;
    }
    if (b2 >= 0x30 && b2 <= 0x39) {
      if (i + 3 >= end) {
        if (atEof) invalid++;
        break;
      }
      const b3 = buf[i + 2] ?? 0;
      const b4 = buf[i + 3] ?? 0;
      if (b3 >= 0x81 && b3 <= 0xfe && b4 >= 0x30 && b4 <= 0x39) {
        valid++;
        i += 4;
        continue;
      }
    }
    invalid++;
    i++;
  }
  return { valid, invalid };
}

/**
 * Checks a UTF-8 byte stream chunk by chunk (native `isUtf8`), carrying a sequence cut at a chunk boundary over
 * to the next chunk so that it is not reported as invalid.
 */
export class Utf8StreamChecker {
  private carry: Buffer | null = null;

  /** Whether the chunk (with the bytes carried over) is valid UTF-8 so far. */
  check(chunk: Buffer): boolean {
    let ok = true;
    let start = 0;
    const carry = this.carry;
    if (carry) {
      // Complete the carried sequence with the continuation bytes at the start of this chunk (a few bytes).
      const lead = carry[0] ?? 0;
      const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      start = Math.min(chunk.length, need - carry.length);
      const joined = Buffer.concat([carry, chunk.subarray(0, start)]);
      this.carry = null;
      if (joined.length < need) {
        this.carry = joined;
        return true;
      }
      ok = isUtf8(joined);
    }
    const rest = chunk.subarray(start);
    const tail = incompleteUtf8Tail(rest);
    if (tail > 0) this.carry = Buffer.from(rest.subarray(rest.length - tail));
    return isUtf8(rest.subarray(0, rest.length - tail)) && ok;
  }

  /** At the end of the stream: whether no incomplete sequence is left over. */
  end(): boolean {
    return this.carry === null;
  }
}
