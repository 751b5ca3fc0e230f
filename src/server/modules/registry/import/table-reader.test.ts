import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zip, zipBombWorkbook } from '../../../../../test/helpers/zip.ts';
import { CLASSIFY_CN_COLUMNS, type ColumnSpec, ENTERPRISE_IMPORT_COLUMNS } from './columns.ts';
import {
  type CellError,
  type ReadTableOptions,
  type RowBatch,
  readTable,
  TableFileError,
  type TableRow,
  type TableSource,
} from './table-reader.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiqi-table-reader-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

interface ReadResult {
  batches: RowBatch[];
  rows: TableRow[];
  errors: CellError[];
}

async function readAll(
  source: TableSource | string,
  spec: ColumnSpec = ENTERPRISE_IMPORT_COLUMNS,
  options: ReadTableOptions = {},
): Promise<ReadResult> {
  const batches: RowBatch[] = [];
  for await (const batch of readTable(
    typeof source === 'string' ? { path: source } : source,
    spec,
    options,
  )) {
    batches.push(batch);
  }
  return { batches, rows: batches.flatMap((b) => b.rows), errors: batches.flatMap((b) => b.cellErrors) };
}

async function fileError(
  source: TableSource | string,
  spec: ColumnSpec = ENTERPRISE_IMPORT_COLUMNS,
  options: ReadTableOptions = {},
): Promise<TableFileError> {
  try {
    await readAll(source, spec, options);
  } catch (error) {
    if (error instanceof TableFileError) return error;
    throw error;
  }
  throw new Error('expected a TableFileError');
}

const USCC = '91440106MA59C8LR19';
const ZH_HEADER = '统一社会信用代码,企业名称,注册地行政区划代码,行业代码,营业收入（万元）,年度';
const EN_HEADER = 'USCC,Enterprise name,Region code,Industry code,"Operating revenue (10,000 CNY)",Year';
const EN_HEADER_TSV =
  'USCC\tEnterprise name\tRegion code\tIndustry code\tOperating revenue (10,000 CNY)\tYear';
const ROW = `${USCC},广州市示例科技有限公司,440106,I6513,"1,234.5",2024`;

describe('CSV encodings and delimiters', () => {
  it('reads UTF-8 without BOM and maps Chinese headers', async () => {
    const { batches, rows } = await readAll(await file('utf8.csv', `${ZH_HEADER}\n${ROW}\n`));
    expect(batches[0]?.encoding).toBe('utf-8');
    expect(batches[0]?.info?.format).toBe('csv');
    expect(batches[0]?.info?.delimiter).toBe(',');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.rowNumber).toBe(2);
    expect(rows[0]?.values).toMatchObject({
      uscc: USCC,
      name: '广州市示例科技有限公司',
      region_code: '440106',
      industry_code: 'I6513',
      operating_revenue: '1,234.5',
      year: '2024',
      employees: null,
      certifications: null,
    });
    // Every spec key is present.
    expect(Object.keys(rows[0]?.values ?? {})).toEqual(ENTERPRISE_IMPORT_COLUMNS.map((c) => c.key));
  });

  it('reads UTF-8 with BOM (the BOM is not part of the first header)', async () => {
    const { batches, rows } = await readAll(await file('bom.csv', `\ufeff${ZH_HEADER}\r\n${ROW}\r\n`));
    expect(batches[0]?.encoding).toBe('utf-8');
    expect(batches[0]?.info?.columns[0]).toEqual({ key: 'uscc', header: '统一社会信用代码', column: 1 });
    expect(rows[0]?.values.uscc).toBe(USCC);
  });

  it('reads GBK (as GB18030) with Chinese headers and values', async () => {
    const content = iconv.encode(
      `${ZH_HEADER}\r\n${ROW}\r\n${USCC},深圳市龍華區測試有限公司,440309,C13,12,2023\r\n`,
      'gbk',
    );
    const { batches, rows } = await readAll(await file('gbk.csv', content));
    expect(batches[0]?.encoding).toBe('gb18030');
    expect(rows.map((r) => r.values.name)).toEqual(['广州市示例科技有限公司', '深圳市龍華區測試有限公司']);
  });

  it('finds GBK after a pure-ASCII first 64 KiB and says so on a later batch', async () => {
    const ascii = Array.from({ length: 2000 }, (_, i) => `${USCC},Example Co ${i},440106,C13,1,2024`);
    const chinese = Array.from({ length: 10 }, (_, i) => `${USCC},广州示例有限公司${i},440106,C13,1,2024`);
    const content = iconv.encode(`${EN_HEADER}\n${[...ascii, ...chinese].join('\n')}\n`, 'gbk');
    expect(content.length).toBeGreaterThan(64 * 1024);
    const chunks = [];
    for (let i = 0; i < content.length; i += 16 * 1024) chunks.push(content.subarray(i, i + 16 * 1024));
    const { batches, rows } = await readAll({ stream: Readable.from(chunks) }, ENTERPRISE_IMPORT_COLUMNS, {
      batchSize: 500,
    });
    expect(batches[0]?.encoding).toBe('utf-8');
    expect(batches.some((b) => b.encoding === 'gb18030')).toBe(true);
    expect(rows.at(-1)?.values.name).toBe('广州示例有限公司9');
    expect(rows.every((r) => !String(r.values.name).includes('\uFFFD'))).toBe(true);
  });

  it('reads UTF-16 LE with BOM, tab-delimited (Excel "Unicode text")', async () => {
    const text = `${ZH_HEADER.replaceAll(',', '\t')}\r\n${ROW.replaceAll(',', '\t').replace('"1\t234.5"', '1234.5')}\r\n`;
    const content = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const { batches, rows } = await readAll(await file('utf16.txt', content));
    expect(batches[0]?.encoding).toBe('utf-16le');
    expect(batches[0]?.info?.delimiter).toBe('\t');
    expect(rows[0]?.values).toMatchObject({
      uscc: USCC,
      name: '广州市示例科技有限公司',
      operating_revenue: '1234.5',
    });
  });

  it('reads English headers, tab-delimited', async () => {
    const text = `${EN_HEADER_TSV}\n${USCC}\tExample Co., Ltd.\t440106\tC13\t1234.5\t2024\n`;
    const { batches, rows } = await readAll(await file('english.tsv', text));
    expect(batches[0]?.info?.delimiter).toBe('\t');
    expect(rows[0]?.values).toMatchObject({
      name: 'Example Co., Ltd.',
      operating_revenue: '1234.5',
      year: '2024',
    });
  });

  it('detects a semicolon delimiter', async () => {
    const { batches, rows } = await readAll(
      await file('semi.csv', `uscc;name;region_code;industry_code\n${USCC};"A; B Co";440106;C13\n`),
    );
    expect(batches[0]?.info?.delimiter).toBe(';');
    expect(rows[0]?.values.name).toBe('A; B Co');
  });

  it('matches headers case-, width- and space-insensitively, with units in brackets', async () => {
    const header =
      'ＵＳＣＣ, 企业 名称 ,Region_Code,INDUSTRY CODE,营业收入(万元),年 度,从业人员（人）,*资产总额【单位：万元】';
    const { batches } = await readAll(
      await file('loose.csv', `${header}\n${USCC},A,440106,C13,1,2024,3,4\n`),
    );
    expect(batches[0]?.info?.columns.map((c) => c.key)).toEqual([
      'uscc',
      'name',
      'region_code',
      'industry_code',
      'operating_revenue',
      'year',
      'employees',
      'total_assets',
    ]);
  });

  it('keeps quoted delimiters, quotes and line breaks inside cells; trims; empty → null; no formula stripping', async () => {
    const text = `uscc,name,region_code,industry_code,former_names,legal_representative\n${USCC},"A, ""B""\nC",440106,C13,  ,=1+2\n`;
    const { rows } = await readAll(await file('quoted.csv', text));
    expect(rows[0]?.values).toMatchObject({
      name: 'A, "B"\nC',
      former_names: null,
      legal_representative: '=1+2',
    });
  });
});

describe('CSV row numbers and row problems', () => {
  it('numbers rows as Excel does: header row 1, empty rows skipped but counted, quoted line breaks are one row', async () => {
    const text = [
      'uscc,name,region_code,industry_code',
      `${USCC},"two`,
      `lines",440106,C13`,
      '',
      ',,,',
      `${USCC},third,440106,C13`,
      '   ',
      `${USCC},fourth,440106,C13`,
    ].join('\r\n');
    const { rows } = await readAll(await file('rownumbers.csv', text));
    expect(rows.map((r) => [r.rowNumber, r.values.name])).toEqual([
      [2, 'two\r\nlines'],
      [5, 'third'],
      [7, 'fourth'],
    ]);
  });

  it('counts leading empty lines before the header and skips a one-cell title row', async () => {
    const text = `\n\n2024年度企业名录,,,\nuscc,name,region_code,industry_code\n${USCC},A,440106,C13\n`;
    const { batches, rows } = await readAll(await file('title.csv', text));
    expect(batches[0]?.info?.headerRow).toBe(4);
    expect(rows[0]?.rowNumber).toBe(5);
  });

  it('skips a title and a unit line above the header, but refuses a unit other than 万元', async () => {
    const header = 'uscc,name,region_code,industry_code,营业收入';
    const ok = `XX区2024年企业名录,,,,\n填报单位：XX区工信局,,,单位：万元,\n${header}\n${USCC},A,440106,C13,12\n`;
    const { batches, rows } = await readAll(await file('units-ok.csv', ok));
    expect(batches[0]?.info?.headerRow).toBe(3);
    expect(rows[0]?.values.operating_revenue).toBe('12');
    const wrong = await fileError(await file('units-wrong.csv', ok.replace('单位：万元', '单位：元')));
    expect(wrong.code).toBe('UNIT_MISMATCH');
    expect(wrong.row).toBe(2);
  });

  it('reports a row with the wrong number of cells on field * and still delivers it', async () => {
    const text = `uscc,name,region_code,industry_code\n${USCC},A,440106\n${USCC},B,440106,C13,extra\n${USCC},C,440106,C13\n`;
    const { rows, errors } = await readAll(await file('count.csv', text));
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [2, '*'],
      [3, '*'],
    ]);
    expect(errors[0]?.message.zh).toContain('3 个单元格');
    expect(errors[0]?.message.en).toContain('4 columns');
  });

  it('reports a row with misplaced quotes on field * and reads on', async () => {
    const text = `uscc,name,region_code,industry_code\n${USCC},"A"B,440106,C13\n${USCC},C,440106,C13\n`;
    const { rows, errors } = await readAll(await file('quotes.csv', text));
    expect(rows.map((r) => r.rowNumber)).toEqual([3]);
    expect(errors.map((e) => [e.row, e.field])).toEqual([[2, '*']]);
    expect(errors[0]?.message.zh).toContain('引号');
  });

  it('reports bytes that are not valid UTF-8 later in a UTF-8 file on the cell', async () => {
    const good = Array.from({ length: 100 }, (_, i) => `${USCC},示例${i},440106,C13`).join('\n');
    const content = Buffer.concat([
      Buffer.from(`uscc,name,region_code,industry_code\n${good}\n`),
      Buffer.from(`${USCC},`),
      iconv.encode('混入的GBK', 'gbk'),
      Buffer.from(',440106,C13\n'),
    ]);
    const { rows, errors } = await readAll(await file('mixed.csv', content));
    expect(rows).toHaveLength(101);
    expect(errors).toEqual([
      { row: 102, field: 'name', message: expect.objectContaining({ zh: expect.any(String) }) },
    ]);
    expect(rows.at(-1)?.values.name).toBeNull();
  });
});

describe('file-level problems', () => {
  it('EMPTY for an empty file and for a file of empty lines', async () => {
    expect((await fileError(await file('empty.csv', ''))).code).toBe('EMPTY');
    expect((await fileError(await file('blank.csv', '\n \n,,\n'))).code).toBe('EMPTY');
    expect((await fileError(await file('bom-only.csv', '\ufeff'))).code).toBe('EMPTY');
  });

  it('a header-only file is one batch with no rows', async () => {
    const { batches, rows } = await readAll(await file('header-only.csv', `${ZH_HEADER}\n`));
    expect(batches).toHaveLength(1);
    expect(rows).toEqual([]);
    expect(batches[0]?.info?.headerRow).toBe(1);
  });

  it('NO_HEADER when the first row holds no known column name (data without a header)', async () => {
    const error = await fileError(await file('no-header.csv', `${ROW}\n${ROW}\n`));
    expect(error.code).toBe('NO_HEADER');
    expect(error.row).toBe(1);
  });

  it('MISSING_COLUMN names the required column (zh and en) and the unrecognised headers', async () => {
    const error = await fileError(
      await file('missing.csv', `统一社会信用代码,企业名称,行业编号\n${USCC},A,C13\n`),
    );
    expect(error.code).toBe('MISSING_COLUMN');
    expect(error.row).toBe(1);
    expect(error.detail.zh).toContain('注册地行政区划代码');
    expect(error.detail.zh).toContain('行业代码');
    expect(error.detail.zh).toContain('行业编号');
    expect(error.detail.en).toContain('Region code');
  });

  it('DUPLICATE_COLUMN when two headers name the same column', async () => {
    const error = await fileError(
      await file(
        'dup.csv',
        `统一社会信用代码,企业名称,名称,注册地行政区划代码,行业代码\n${USCC},A,A,440106,C13\n`,
      ),
    );
    expect(error.code).toBe('DUPLICATE_COLUMN');
    expect(error.detail.zh).toContain('企业名称');
    expect(error.detail.zh).toContain('名称（C）');
  });

  it('UNKNOWN_COLUMN by default, ignored (and listed) with unknownColumns: ignore', async () => {
    const path = await file(
      'unknown.csv',
      `uscc,name,region_code,industry_code,备注\n${USCC},A,440106,C13,x\n`,
    );
    const error = await fileError(path);
    expect(error.code).toBe('UNKNOWN_COLUMN');
    expect(error.detail.zh).toContain('备注');
    const { batches, rows } = await readAll(path, ENTERPRISE_IMPORT_COLUMNS, { unknownColumns: 'ignore' });
    expect(batches[0]?.info?.ignoredColumns).toEqual([{ header: '备注', column: 5 }]);
    expect(rows[0]?.values).not.toHaveProperty('备注');
  });

  it('UNIT_MISMATCH when a money header is in 元 instead of 万元', async () => {
    const error = await fileError(
      await file(
        'unit.csv',
        `uscc,name,region_code,industry_code,营业收入（元）\n${USCC},A,440106,C13,12345678\n`,
      ),
    );
    expect(error.code).toBe('UNIT_MISMATCH');
    expect(error.detail.zh).toContain('万元');
  });

  it('TRUNCATED at the row where an unclosed quote starts, after delivering the rows before it', async () => {
    const path = await file(
      'truncated.csv',
      `uscc,name,region_code,industry_code\n${USCC},A,440106,C13\n${USCC},"B`,
    );
    const rows: TableRow[] = [];
    let caught: unknown;
    try {
      for await (const batch of readTable({ path }, ENTERPRISE_IMPORT_COLUMNS)) rows.push(...batch.rows);
    } catch (error) {
      caught = error;
    }
    expect(rows.map((r) => r.rowNumber)).toEqual([2]);
    expect(caught).toBeInstanceOf(TableFileError);
    expect((caught as TableFileError).code).toBe('TRUNCATED');
    expect((caught as TableFileError).row).toBe(3);
  });

  it('TOO_LARGE at the row of a quote that is never closed before the record passes 1 MiB', async () => {
    const tail = `${USCC},B,440106,C13\n`.repeat(40_000);
    const error = await fileError(
      await file(
        'runaway.csv',
        `uscc,name,region_code,industry_code\n${USCC},A,440106,C13\n${USCC},"B,440106,C13\n${tail}`,
      ),
    );
    expect(error.code).toBe('TOO_LARGE');
    expect(error.row).toBe(3);
    expect(error.detail.zh).toContain('引号');
  });

  it('NOT_A_TABLE for binary garbage, old .xls, PDF and HTML exports', async () => {
    const garbage = randomBytes(4096);
    garbage[10] = 0;
    expect((await fileError(await file('garbage.bin', garbage))).code).toBe('NOT_A_TABLE');
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      randomBytes(512),
    ]);
    const xlsError = await fileError(await file('old.xls', xls));
    expect(xlsError.code).toBe('NOT_A_TABLE');
    expect(xlsError.detail.zh).toContain('.xls');
    expect((await fileError(await file('doc.pdf', '%PDF-1.7\n...'))).code).toBe('NOT_A_TABLE');
    const html = await fileError(
      await file('export.xls', '<html><body><table><tr><td>1</td></tr></table></body></html>'),
    );
    expect(html.code).toBe('NOT_A_TABLE');
    expect(html.detail.en).toContain('HTML');
  });

  it('TOO_LARGE: a path is refused from its size, a stream once it has delivered more bytes', async () => {
    const content = `${ZH_HEADER}\n${`${ROW}\n`.repeat(1000)}`;
    const path = await file('large.csv', content);
    const fromPath = await fileError(path, ENTERPRISE_IMPORT_COLUMNS, { maxBytes: 10_000 });
    expect(fromPath.code).toBe('TOO_LARGE');
    expect(fromPath.detail.zh).toContain('MB');
    const stream = Readable.from(
      (function* () {
        for (let i = 0; i < 100; i++) yield Buffer.from(content.slice(i * 1000, (i + 1) * 1000));
      })(),
    );
    expect((await fileError({ stream }, ENTERPRISE_IMPORT_COLUMNS, { maxBytes: 10_000 })).code).toBe(
      'TOO_LARGE',
    );
    // Under the limit it is read.
    expect((await readAll(path, ENTERPRISE_IMPORT_COLUMNS, { maxBytes: 1_000_000 })).rows).toHaveLength(1000);
  });

  it('ENCODING for UTF-32', async () => {
    const content = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('a\0\0\0', 'latin1')]);
    expect((await fileError(await file('utf32.csv', content))).code).toBe('ENCODING');
  });
});

describe('batching and backpressure', () => {
  const N = 100_000;
  const content = `uscc,name,region_code,industry_code,年度,从业人员\n${Array.from(
    { length: N },
    (_, i) => `${USCC},企业${i},440106,C13,2024,${i % 1000}`,
  ).join('\n')}\n`;

  it('reads 100,000 rows in batches of batchSize, yielding long before the file is read', async () => {
    const path = await file('large-100k.csv', content);
    let first: RowBatch | undefined;
    let count = 0;
    let expected = 2;
    let batches = 0;
    for await (const batch of readTable({ path }, ENTERPRISE_IMPORT_COLUMNS, { batchSize: 5000 })) {
      first ??= batch;
      batches++;
      expect(batch.rows.length).toBeLessThanOrEqual(5000);
      for (const row of batch.rows) {
        expect(row.rowNumber).toBe(expected++);
      }
      count += batch.rows.length;
    }
    expect(count).toBe(N);
    expect(batches).toBe(20);
    expect(first?.totalBytes).toBe(Buffer.byteLength(content));
    expect(first?.bytesRead).toBeLessThan((first?.totalBytes ?? 0) / 4);
  });

  it('also ends a batch once maxBatchBytes of the file were read for it', async () => {
    const path = await file('large-100k-bytes.csv', content);
    const sizes: number[] = [];
    let previous = 0;
    for await (const batch of readTable({ path }, ENTERPRISE_IMPORT_COLUMNS, {
      batchSize: 100_000,
      maxBatchBytes: 256 * 1024,
    })) {
      sizes.push(batch.rows.length);
      // A batch ends with the read chunk (64 KiB) that crossed the limit.
      expect(batch.bytesRead - previous).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
      previous = batch.bytesRead;
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(N);
    expect(sizes.length).toBeGreaterThan(Buffer.byteLength(content) / (320 * 1024));
  });

  it('pulls a stream only as fast as batches are consumed', async () => {
    const bytes = Buffer.from(content);
    const chunkSize = 64 * 1024;
    const total = Math.ceil(bytes.length / chunkSize);
    let produced = 0;
    const stream = Readable.from(
      (function* () {
        for (let i = 0; i < total; i++) {
          produced++;
          yield bytes.subarray(i * chunkSize, (i + 1) * chunkSize);
        }
      })(),
    );
    const reader = readTable({ stream, name: 'upload.csv' }, ENTERPRISE_IMPORT_COLUMNS, { batchSize: 1000 });
    const first = await reader.next();
    expect(first.done).toBe(false);
    expect(first.value?.totalBytes).toBeNull();
    expect(produced).toBeLessThan(total / 2);
    await reader.return(undefined);
    expect(stream.destroyed).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------------------------

const XLSX_HEADER = [
  '统一社会信用代码',
  '企业名称',
  '注册地行政区划代码',
  '行业代码',
  '成立日期',
  '营业收入（万元）',
  '从业人员',
];

async function workbookFile(name: string, fill: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  fill(ws, wb);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('XLSX', () => {
  it('reads strings, numbers, dates, booleans and rich text, ignoring the file extension', async () => {
    const path = await workbookFile('values.dat', (ws) => {
      ws.addRow([...XLSX_HEADER, '曾用名', '法定代表人']);
      ws.addRow([USCC, '  广州示例  ', 440106, 'C13', new Date(Date.UTC(2018, 5, 1)), 1234.56, 85, true, '']);
      ws.getCell('E2').numFmt = 'yyyy-mm-dd';
      ws.addRow([
        USCC,
        { richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] },
        440106,
        'C13',
      ]);
      ws.addRow([USCC, 'floats', 440106, 'C13', null, 0.1 + 0.2, 123456789012]);
      ws.addRow([USCC, 'tiny', 440106, 'C13', null, 1e-7, 1e14]);
    });
    const { batches, rows, errors } = await readAll(path);
    expect(batches[0]?.info).toMatchObject({
      format: 'xlsx',
      encoding: null,
      sheetName: '企业',
      headerRow: 1,
    });
    expect(batches[0]?.encoding).toBeNull();
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5]);
    expect(rows[0]?.values).toMatchObject({
      uscc: USCC,
      name: '广州示例',
      region_code: '440106',
      established_on: '2018-06-01',
      operating_revenue: '1234.56',
      employees: '85',
      former_names: 'true',
      legal_representative: null,
    });
    expect(rows[1]?.values.name).toBe('富文本');
    expect(rows[2]?.values).toMatchObject({ operating_revenue: '0.3', employees: '123456789012' });
    expect(rows[3]?.values).toMatchObject({ operating_revenue: '0.0000001', employees: '100000000000000' });
  });

  it('reports formula cells (even with a cached result), shared formulas and error cells; value null', async () => {
    const path = await workbookFile('formula.xlsx', (ws) => {
      ws.addRow(XLSX_HEADER);
      ws.addRow([USCC, 'A', 440106, 'C13', null, { formula: 'SUM(1,2)', result: 3 }, 5]);
      ws.addRow([USCC, 'B', 440106, 'C13', null, { sharedFormula: 'F2', result: 3 }, 6]);
      ws.addRow([USCC, 'C', 440106, 'C13', null, { error: '#DIV/0!' }, 7]);
    });
    const { rows, errors } = await readAll(path);
    expect(rows.map((r) => r.values.operating_revenue)).toEqual([null, null, null]);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'operating_revenue'],
      [3, 'operating_revenue'],
      [4, 'operating_revenue'],
    ]);
    expect(errors[0]?.message.zh).toContain('公式单元格');
    expect(errors[0]?.message.zh).toContain('SUM(1,2)');
    expect(errors[0]?.message.en).toContain('paste values');
    expect(errors[2]?.message.zh).toContain('#DIV/0!');
  });

  it('reports merged cells on every row they cover, naming the range; a merged title row is skipped', async () => {
    const path = await workbookFile('merged.xlsx', (ws) => {
      ws.addRow(['2024 年企业名录']);
      ws.mergeCells('A1:G1');
      ws.addRow(XLSX_HEADER);
      ws.addRow([USCC, 'A', 440106, 'C13']);
      ws.addRow([USCC, 'B', null, 'C13']);
      ws.addRow([USCC, 'C', 440106, 'C13']);
      ws.mergeCells('C3:C4');
    });
    const { batches, rows, errors } = await readAll(path);
    expect(batches[0]?.info?.headerRow).toBe(2);
    expect(rows.map((r) => r.rowNumber)).toEqual([3, 4, 5]);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [3, 'region_code'],
      [4, 'region_code'],
    ]);
    expect(errors[0]?.message.zh).toContain('C3:C4');
    expect(errors[0]?.message.en).toContain('Merged cells C3:C4');
  });

  it('finds every merge of a sheet with thousands of them (merge tags cut by chunk boundaries)', async () => {
    const path = await workbookFile('many-merges.xlsx', (ws) => {
      ws.addRow(XLSX_HEADER);
      for (let r = 2; r <= 3001; r++) {
        ws.addRow([USCC, `企业${r}`, null, 'C13']);
        ws.mergeCells(`B${r}:C${r}`);
      }
    });
    const { rows, errors } = await readAll(path);
    expect(rows).toHaveLength(3000);
    expect(errors).toHaveLength(3000);
    expect(errors.every((e, i) => e.row === i + 2 && e.field === 'name')).toBe(true);
    expect(errors[2999]?.message.zh).toContain('B3001:C3001');
  });

  it('reports a 16-digit number (precision lost by Excel) and keeps row numbers of sparse rows', async () => {
    const path = await workbookFile('sparse.xlsx', (ws) => {
      ws.addRow(XLSX_HEADER);
      ws.getRow(4).values = [9144010612345678, 'A', 440106, 'C13'];
      ws.getRow(9).values = [USCC, 'B', 440106, 'C13'];
    });
    const { rows, errors } = await readAll(path);
    expect(rows.map((r) => r.rowNumber)).toEqual([4, 9]);
    expect(errors).toEqual([
      {
        row: 4,
        field: 'uscc',
        message: expect.objectContaining({ en: expect.stringContaining('15 digits') }),
      },
    ]);
  });

  it('reads the first visible worksheet only', async () => {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('lists');
    hidden.state = 'hidden';
    hidden.addRow(['x']);
    wb.addWorksheet('企业').addRows([XLSX_HEADER, [USCC, 'A', 440106, 'C13']]);
    wb.addWorksheet('second').addRows([XLSX_HEADER, [USCC, 'other', 440106, 'C13']]);
    const path = join(dir, 'sheets.xlsx');
    await wb.xlsx.writeFile(path);
    const { batches, rows } = await readAll(path);
    expect(batches[0]?.info?.sheetName).toBe('企业');
    expect(rows.map((r) => r.values.name)).toEqual(['A']);
  });

  it('keeps Chinese text intact across inflate chunk boundaries (exceljs streaming reader garbles it)', async () => {
    const path = join(dir, 'chinese.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const ws = writer.addWorksheet('企业');
    ws.addRow(['统一社会信用代码', '企业名称', '注册地行政区划代码', '行业代码']).commit();
    for (let i = 0; i < 20_000; i++)
      ws.addRow([USCC, `广东省广州市天河区示例科技有限公司第${i}号`, '440106', 'C13']).commit();
    ws.commit();
    await writer.commit();
    const { rows } = await readAll(path);
    expect(rows).toHaveLength(20_000);
    const garbled = rows.filter((r) => String(r.values.name).includes('\uFFFD'));
    expect(garbled).toEqual([]);
    expect(rows[19_999]?.values.name).toBe('广东省广州市天河区示例科技有限公司第19999号');
  });

  it('TRUNCATED for an XLSX cut in half; NOT_A_TABLE for a zip that is not a workbook', async () => {
    const whole = await readFile(
      await workbookFile('whole.xlsx', (ws) => {
        ws.addRow(XLSX_HEADER);
        for (let i = 0; i < 200; i++) ws.addRow([USCC, `企业${i}`, 440106, 'C13']);
      }),
    );
    const cut = await fileError(await file('cut.xlsx', whole.subarray(0, whole.length >> 1)));
    expect(cut.code).toBe('TRUNCATED');
    expect(cut.detail.zh).toContain('不完整');
    const other = await fileError(await file('other.zip', zip([{ name: 'readme.txt', data: 'hello' }])));
    expect(other.code).toBe('NOT_A_TABLE');
  });

  it('refuses a zip bomb before inflating it, naming the unzipped limit (TOO_LARGE)', async () => {
    const header = ['统一社会信用代码', '企业名称', '注册地行政区划代码', '行业代码'];
    const bomb = zipBombWorkbook(header, 4 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(16 * 1024);
    const path = await file('bomb.xlsx', bomb);
    const error = await fileError(path, ENTERPRISE_IMPORT_COLUMNS, { maxXlsxBytes: 1024 * 1024 });
    expect(error.code).toBe('TOO_LARGE');
    expect(error.errorCode).toBe('IMPORT_XLSX_TOO_LARGE');
    expect(error.detail.zh).toContain('1 MB');
    expect(error.detail.en).toContain('limit when unzipped: 1 MB');
    // Under a limit it fits, the same file is read (its one long cell is a row error, not a file error).
    const { rows } = await readAll(path, ENTERPRISE_IMPORT_COLUMNS, { maxXlsxBytes: 8 * 1024 * 1024 });
    expect(rows).toHaveLength(1);
  });

  it('stops inflating a part at its declared size when a zip bomb lies about it', async () => {
    const header = ['统一社会信用代码', '企业名称', '注册地行政区划代码', '行业代码'];
    const path = await file('lying-bomb.xlsx', zipBombWorkbook(header, 4 * 1024 * 1024, 64 * 1024));
    const error = await fileError(path, ENTERPRISE_IMPORT_COLUMNS, { maxXlsxBytes: 1024 * 1024 });
    expect(error.code).toBe('NOT_A_TABLE');
    expect(error.detail.zh).toContain('已损坏');
  });

  it('refuses a zip bomb within the unzipped limit by its compression ratio (TOO_LARGE)', async () => {
    const header = ['统一社会信用代码', '企业名称', '注册地行政区划代码', '行业代码'];
    // 24 MiB of one letter deflate to ~24 KB (1,000:1); real sheets deflate 5–20:1.
    const path = await file('ratio-bomb.xlsx', zipBombWorkbook(header, 24 * 1024 * 1024));
    const error = await fileError(path, ENTERPRISE_IMPORT_COLUMNS, { maxXlsxBytes: 64 * 1024 * 1024 });
    expect(error.code).toBe('TOO_LARGE');
    expect(error.errorCode).toBe('IMPORT_XLSX_TOO_LARGE');
    expect(error.detail.en).toContain('compressed more than 200:1');
  });

  it('reads an XLSX from a stream (spooled to a temporary file), with its size known', async () => {
    const bytes = await readFile(
      await workbookFile('streamed.xlsx', (ws) => {
        ws.addRow(XLSX_HEADER);
        ws.addRow([USCC, 'A', 440106, 'C13']);
      }),
    );
    const { batches, rows } = await readAll({ stream: Readable.from([bytes]), name: 'streamed.xlsx' });
    expect(rows[0]?.values.name).toBe('A');
    expect(batches[0]?.totalBytes).toBe(bytes.length);
  });

  it('reads a hand-made workbook: parts in Excel order, zh-CN built-in date format, error and inline cells', async () => {
    const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const strings = [
      '统一社会信用代码',
      '企业名称',
      '注册地行政区划代码',
      '行业代码',
      '成立日期',
      '营业收入（万元）',
    ];
    const cell = (ref: string, body: string) => `<c r="${ref}"${body}</c>`;
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}><sheetData>
      <row r="1">${strings.map((_, i) => cell(`${String.fromCharCode(65 + i)}1`, ` t="s"><v>${i}</v>`)).join('')}</row>
      <row r="2">${cell('A2', ` t="inlineStr"><is><t>${USCC}</t></is>`)}${cell('B2', ' t="str"><v>甲公司</v>')}${cell('C2', '><v>440106</v>')}${cell('D2', ' t="inlineStr"><is><t>C13</t></is>')}${cell('E2', ' s="1"><v>43252</v>')}${cell('F2', ' t="e"><v>#N/A</v>')}</row>
      </sheetData><mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells></worksheet>`;
    const bytes = zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      {
        name: 'xl/workbook.xml',
        data: `<workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
      },
      { name: 'xl/worksheets/sheet1.xml', data: sheet },
      {
        name: 'xl/styles.xml',
        data: `<styleSheet ${ns}><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="31" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
      },
      {
        name: 'xl/sharedStrings.xml',
        data: `<sst ${ns} count="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`,
      },
    ]);
    const { rows, errors } = await readAll(await file('handmade.xlsx', bytes));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.values).toMatchObject({
      uscc: USCC,
      name: '甲公司',
      region_code: '440106',
      industry_code: 'C13',
      established_on: '2018-06-01',
      operating_revenue: null,
    });
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [2, 'operating_revenue'],
      [2, 'name'],
    ]);
    expect(errors[0]?.message.zh).toContain('#N/A');
  });

  it('reads the classify spec from XLSX', async () => {
    const path = await workbookFile('classify.xlsx', (ws) => {
      ws.addRow(['行业代码', '从业人员（人）', '营业收入（万元）', '资产总额（万元）', '备注']);
      ws.addRow(['C13', 120, 5000, 3000, 'x']);
    });
    const { rows } = await readAll(path, CLASSIFY_CN_COLUMNS, { unknownColumns: 'ignore' });
    expect(rows[0]?.values).toEqual({
      name: null,
      industry_code: 'C13',
      employees: '120',
      operating_revenue: '5000',
      total_assets: '3000',
      main_business_revenue: null,
    });
  });
});
