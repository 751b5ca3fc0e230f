import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLASSIFY_CN_COLUMNS,
  CLASSIFY_EU_COLUMNS,
  type ColumnSpec,
  columnHeader,
  ENTERPRISE_IMPORT_COLUMNS,
  writeTemplate,
} from './columns.ts';
import { validateEnterpriseRow } from './row-validation.ts';
import { readTable, type TableRow } from './table-reader.ts';
import { normaliseHeader, normaliseUnit, toHalfWidth } from './text.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'huiqi-columns-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function template(format: 'csv' | 'xlsx', lang: 'zh' | 'en', spec?: ColumnSpec): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeTemplate(format, lang, out, spec);
  return Buffer.concat(chunks);
}

async function rowsOf(bytes: Buffer, spec: ColumnSpec = ENTERPRISE_IMPORT_COLUMNS): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const batch of readTable({ stream: Readable.from([bytes]) }, spec)) rows.push(...batch.rows);
  return rows;
}

describe('column specs', () => {
  for (const [name, spec] of [
    ['enterprise import', ENTERPRISE_IMPORT_COLUMNS],
    ['classify (CN)', CLASSIFY_CN_COLUMNS],
    ['classify (EU)', CLASSIFY_EU_COLUMNS],
  ] as const) {
    it(`${name}: unique keys, and no header name claimed by two columns`, () => {
      const keys = spec.map((c) => c.key);
      expect(new Set(keys).size).toBe(keys.length);
      const owner = new Map<string, string>();
      for (const column of spec) {
        for (const alias of [
          column.key,
          column.zh,
          column.en,
          columnHeader(column, 'zh'),
          ...(column.aliases ?? []),
        ]) {
          const normalised = normaliseHeader(alias).name;
          expect(owner.get(normalised) ?? column.key, `${alias} of ${column.key}`).toBe(column.key);
          owner.set(normalised, column.key);
        }
        expect(column.descriptionZh.length).toBeGreaterThan(0);
        expect(column.descriptionEn.length).toBeGreaterThan(0);
      }
    });
  }

  it('enterprise import: the required columns are uscc, name, region_code and industry_code', () => {
    expect(ENTERPRISE_IMPORT_COLUMNS.filter((c) => c.required).map((c) => c.key)).toEqual([
      'uscc',
      'name',
      'region_code',
      'industry_code',
    ]);
    expect(CLASSIFY_CN_COLUMNS.filter((c) => c.required).map((c) => c.key)).toEqual([
      'industry_code',
      'employees',
      'operating_revenue',
      'total_assets',
    ]);
    expect(CLASSIFY_EU_COLUMNS.filter((c) => c.required).map((c) => c.key)).toEqual([
      'headcount',
      'turnover',
      'balance_sheet_total',
    ]);
  });

  it('template headers carry units', () => {
    const revenue = ENTERPRISE_IMPORT_COLUMNS.find((c) => c.key === 'operating_revenue');
    expect(revenue && columnHeader(revenue, 'zh')).toBe('营业收入（万元）');
    expect(revenue && columnHeader(revenue, 'en')).toBe('Operating revenue (10,000 CNY)');
  });
});

describe('header normalisation', () => {
  it('folds width, case, spaces and markers, and splits off bracketed units', () => {
    expect(normaliseHeader('营业收入（万元）')).toEqual({ name: '营业收入', brackets: ['万元'] });
    expect(normaliseHeader(' *Operating_Revenue (10,000 CNY) ')).toEqual({
      name: 'operatingrevenue',
      brackets: ['10000cny'],
    });
    expect(normaliseHeader('资产总额【单位：万元】')).toEqual({ name: '资产总额', brackets: ['万元'] });
    expect(normaliseHeader('ＵＳＣＣ').name).toBe('uscc');
    expect(normaliseHeader('成立日期(（YYYY-MM-DD）)').name).toBe('成立日期');
    expect(normaliseHeader('名称（未闭合').name).toBe('名称未闭合');
    expect(normaliseUnit('in 10,000 CNY')).toBe('10000cny');
    expect(toHalfWidth('１２３，４５６．７　ＡＢ')).toBe('123,456.7 AB');
    const same = 'plain';
    expect(toHalfWidth(same)).toBe(same);
  });
});

describe('writeTemplate', () => {
  it('CSV: UTF-8 with BOM, CRLF, header and example row that read back and validate', async () => {
    const bytes = await template('csv', 'zh');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]?.startsWith('统一社会信用代码,企业名称,曾用名,')).toBe(true);
    expect(lines[0]).toContain('营业收入（万元）');
    expect(lines[2]).toBe('');
    const rows = await rowsOf(bytes);
    expect(rows).toHaveLength(1);
    const result = validateEnterpriseRow(rows[0]?.values ?? {}, rows[0]?.rowNumber ?? 0, '2026-11-25');
    expect(result.ok).toBe(true);
  });

  it('CSV in English quotes headers holding commas', async () => {
    const text = (await template('csv', 'en')).toString('utf8');
    expect(text).toContain('"Operating revenue (10,000 CNY)"');
    const rows = await rowsOf(await template('csv', 'en'));
    expect(validateEnterpriseRow(rows[0]?.values ?? {}, 2, '2026-11-25').ok).toBe(true);
  });

  describe('XLSX in Chinese', () => {
    let n = 0;
    /** The Chinese XLSX template, written to a file of its own and read back with ExcelJS. */
    async function zhWorkbook(): Promise<ExcelJS.Workbook> {
      const path = join(dir, `template-${++n}.xlsx`);
      await writeFile(path, await template('xlsx', 'zh'));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path);
      return wb;
    }

    it('has the enterprises sheet and an instructions sheet', async () => {
      const wb = await zhWorkbook();
      expect(wb.worksheets.map((w) => w.name)).toEqual(['企业信息', '说明']);
    });

    it('has a bold frozen header and the example row, and nothing more', async () => {
      const sheet = (await zhWorkbook()).worksheets[0] as ExcelJS.Worksheet;
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getCell('A1').value).toBe('统一社会信用代码');
      expect(sheet.getCell('A1').font?.bold).toBe(true);
      expect(sheet.getCell('A2').value).toBe('91440106MA59C8LR19');
      expect(sheet.rowCount).toBe(2);
    });

    it('keeps codes as text in a column wide enough for them', async () => {
      const sheet = (await zhWorkbook()).worksheets[0] as ExcelJS.Worksheet;
      expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(18);
      expect(sheet.getColumn(1).numFmt).toBe('@');
    });

    it('offers the coded values as a drop-down', async () => {
      const sheet = (await zhWorkbook()).worksheets[0] as ExcelJS.Worksheet;
      expect(sheet.getCell('H2').dataValidation).toMatchObject({
        type: 'list',
        formulae: ['"存续,停业,吊销,注销"'],
      });
    });

    it('explains every column on the instructions sheet', async () => {
      const help = (await zhWorkbook()).worksheets[1] as ExcelJS.Worksheet;
      expect(help.getRow(1).values).toEqual([undefined, '列名', '字段', '是否必填', '说明', '示例']);
      ENTERPRISE_IMPORT_COLUMNS.forEach((column, i) => {
        const row = help.getRow(i + 2);
        expect(row.getCell(1).value).toBe(columnHeader(column, 'zh'));
        expect(row.getCell(2).value).toBe(column.key);
        expect(row.getCell(3).value).toBe(column.required ? '必填' : '选填');
        expect(row.getCell(4).value).toBe(column.descriptionZh);
      });
    });

    it('reads back as a valid row', async () => {
      const rows = await rowsOf(await template('xlsx', 'zh'));
      expect(validateEnterpriseRow(rows[0]?.values ?? {}, 2, '2026-11-25').ok).toBe(true);
    });
  });

  it('XLSX in English', async () => {
    const bytes = await template('xlsx', 'en');
    const path = join(dir, 'template-en.xlsx');
    await writeFile(path, bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Enterprises', 'Instructions']);
    expect(wb.worksheets[0]?.getCell('L1').value).toBe('Operating revenue (10,000 CNY)');
    expect(wb.worksheets[1]?.getRow(2).getCell(3).value).toBe('yes');
    const rows = await rowsOf(bytes);
    expect(rows[0]?.values.status).toBe('active');
  });

  it('writes templates of the classify specs that read back', async () => {
    for (const spec of [CLASSIFY_CN_COLUMNS, CLASSIFY_EU_COLUMNS]) {
      for (const format of ['csv', 'xlsx'] as const) {
        const rows = await rowsOf(await template(format, 'en', spec), spec);
        expect(rows).toHaveLength(1);
      }
    }
    const path = join(dir, 'eu.csv');
    await writeFile(path, await template('csv', 'zh', CLASSIFY_EU_COLUMNS));
    expect((await readFile(path, 'utf8')).split('\r\n')[0]).toContain('年营业额（欧元）');
  });
});
