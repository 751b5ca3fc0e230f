import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, firstNonEmptyLine } from './csv.ts';
import { decideEncoding, incompleteUtf8Tail, type Sniffed, sniff, Utf8StreamChecker } from './encoding.ts';
import { columnLetters, columnNumber } from './text.ts';
import { formatCellNumber } from './xlsx.ts';

function kind(s: Sniffed): string {
  return s.kind === 'text' ? `text:${s.encoding}` : s.kind;
}

const CHINESE = '统一社会信用代码,企业名称,广州市天河区示例科技有限公司\n';

describe('sniff', () => {
  it.each<[string, Buffer, boolean, string]>([
    ['no bytes', Buffer.alloc(0), true, 'empty'],
    ['a zip (XLSX)', Buffer.from('PK\x03\x04rest', 'latin1'), false, 'xlsx'],
    ['ASCII', Buffer.from('a,b\n1,2\n'), true, 'text:utf-8'],
    ['GBK', iconv.encode(CHINESE, 'gbk'), true, 'text:gb18030'],
    [
      'UTF-16LE with a BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CHINESE, 'utf16le')]),
      true,
      'text:utf-16le',
    ],
    ['UTF-16BE with a BOM', iconv.encode(CHINESE, 'utf-16be', { addBOM: true }), true, 'text:utf-16be'],
    ['UTF-16LE without a BOM', Buffer.from('uscc\tname\r\n91\tA\r\n', 'utf16le'), true, 'text:utf-16le'],
    ['UTF-32LE', Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]), true, 'bad-encoding'],
    ['a PDF', Buffer.from('%PDF-1.4'), true, 'not-a-table'],
    ['gzip', Buffer.from([0x1f, 0x8b, 8, 0]), true, 'not-a-table'],
    ['HTML', Buffer.from('<!DOCTYPE html><html>'), true, 'not-a-table'],
    ['XML (an Excel 2003 workbook)', Buffer.from('<?xml version="1.0"?><Workbook>'), true, 'not-a-table'],
    ['control bytes', Buffer.from([0x61, 0x2c, 0x01, 0x02, 0x03, 0x04, 0x62, 0x0a]), true, 'not-a-table'],
  ])('tells %s from the leading bytes', (_, bytes, atEnd, expected) => {
    expect(kind(sniff(bytes, atEnd))).toBe(expected);
  });

  it('says ASCII is ASCII, with no BOM', () => {
    expect(sniff(Buffer.from('a,b\n1,2\n'), false)).toMatchObject({ asciiOnly: true, bomLength: 0 });
  });

  it('measures the UTF-8 BOM and sees no invalid bytes in Chinese UTF-8', () => {
    expect(sniff(Buffer.from(`\ufeff${CHINESE}`), true)).toMatchObject({
      kind: 'text',
      encoding: 'utf-8',
      bomLength: 3,
      asciiOnly: false,
      hasInvalid: false,
    });
  });

  it('does not mistake a UTF-8 character cut by the window for invalid bytes', () => {
    const bytes = Buffer.from(CHINESE.repeat(10));
    for (let cut = bytes.length - 6; cut < bytes.length; cut++) {
      const window = bytes.subarray(0, cut);
      expect(sniff(window, false)).toMatchObject({ kind: 'text', encoding: 'utf-8', hasInvalid: false });
    }
    // At the real end of the file a cut character is invalid (but the file is still mostly UTF-8).
    expect(sniff(bytes.subarray(0, bytes.length - 2), true)).toMatchObject({
      encoding: 'utf-8',
      hasInvalid: true,
    });
  });

  it('does not mistake a GBK character cut by the window for invalid bytes', () => {
    const bytes = iconv.encode(CHINESE.repeat(10), 'gbk');
    const cut = bytes.length - 2; // the window ends after the first byte of a two-byte character
    expect(bytes[cut - 1]).toBeGreaterThan(0x80);
    expect(sniff(bytes.subarray(0, cut - 1), false)).toMatchObject({
      encoding: 'gb18030',
      hasInvalid: false,
    });
  });

  it('keeps UTF-8 for a UTF-8 file with a few foreign bytes, GB18030 for GBK', () => {
    const mostlyUtf8 = Buffer.concat([Buffer.from(CHINESE.repeat(5)), iconv.encode('混入', 'gbk')]);
    expect(decideEncoding(mostlyUtf8, true)).toBe('utf-8');
    expect(decideEncoding(iconv.encode(CHINESE.repeat(5), 'gbk'), true)).toBe('gb18030');
  });
});

describe('Utf8StreamChecker', () => {
  it('accepts valid UTF-8 cut anywhere, and finds invalid bytes', () => {
    const bytes = Buffer.from('营业收入（万元）😀,ok');
    for (let at = 0; at <= bytes.length; at++) {
      const checker = new Utf8StreamChecker();
      expect(checker.check(bytes.subarray(0, at))).toBe(true);
      expect(checker.check(bytes.subarray(at))).toBe(true);
      expect(checker.end()).toBe(true);
    }
    const byteByByte = new Utf8StreamChecker();
    for (const b of bytes) expect(byteByByte.check(Buffer.from([b]))).toBe(true);
    expect(new Utf8StreamChecker().check(iconv.encode('营业收入', 'gbk'))).toBe(false);
    const unfinished = new Utf8StreamChecker();
    expect(unfinished.check(bytes.subarray(0, 2))).toBe(true);
    expect(unfinished.end()).toBe(false);
    expect(incompleteUtf8Tail(Buffer.from([0x61, 0xe8, 0x90]))).toBe(2);
    expect(incompleteUtf8Tail(Buffer.from('营'))).toBe(0);
  });
});

describe('CSV delimiter', () => {
  it('takes the most frequent of comma, tab and semicolon outside quotes', () => {
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('"a,b,c";d;e')).toBe(';');
    expect(detectDelimiter('曾用名（多个以;分隔）,a,b')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
    expect(firstNonEmptyLine('\r\n  \r\nuscc,name\r\nx')).toBe('uscc,name');
  });
});

describe('cell numbers and columns', () => {
  it('formats numbers as Excel shows them, without exponents', () => {
    expect(formatCellNumber(1234.56)).toBe('1234.56');
    expect(formatCellNumber(1234.5600000000002)).toBe('1234.56');
    expect(formatCellNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatCellNumber(1e-7)).toBe('0.0000001');
    expect(formatCellNumber(-2.5e-8)).toBe('-0.000000025');
    expect(formatCellNumber(123456789012345)).toBe('123456789012345');
    expect(formatCellNumber(1e21)).toBe('1000000000000000000000');
    expect(formatCellNumber(42)).toBe('42');
  });

  it('converts column letters', () => {
    expect([0, 25, 26, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(['A', 'Z', 'AA', 'XFD', 'a1'].map(columnNumber)).toEqual([1, 26, 27, 16384, 0]);
  });
});
