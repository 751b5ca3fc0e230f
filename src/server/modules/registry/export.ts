/**
 * Exports of enterprise lists as CSV (UTF-8 with BOM, so Excel shows Chinese) or XLSX, streamed page by page
 * so any list size fits in memory. Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
 */
import { PassThrough, type Readable } from 'node:stream';
import { csvCell } from '../../../shared/csv.ts';
import { loadExcel } from './import/excel.ts';
import type { EnterpriseListRow } from './registry.queries.ts';
import { sizeLabel } from './size.rules.ts';

/** Columns of the export, in both languages. */
const COLUMNS: {
  key: string;
  zh: string;
  en: string;
  value: (row: EnterpriseListRow, lang: 'zh' | 'en') => string | number | null;
}[] = [
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', value: (r) => r.uscc },
  { key: 'name', zh: '企业名称', en: 'Name', value: (r) => r.name },
  { key: 'region_code', zh: '行政区划代码', en: 'Region code', value: (r) => r.regionCode },
  { key: 'region', zh: '所在地区', en: 'Region', value: (r) => r.regionName },
  { key: 'industry_code', zh: '行业代码', en: 'Industry code', value: (r) => r.industryCode },
  {
    key: 'industry',
    zh: '行业',
    en: 'Industry',
    value: (r, lang) => (lang === 'zh' ? r.industryNameZh : r.industryNameEn),
  },
  { key: 'status', zh: '经营状态', en: 'Status', value: (r) => r.status },
  { key: 'established_on', zh: '成立日期', en: 'Established', value: (r) => r.establishedOn },
  { key: 'year', zh: '年度', en: 'Year', value: (r) => r.year },
  { key: 'size', zh: '企业规模', en: 'Size', value: (r, lang) => (r.size ? sizeLabel(r.size, lang) : null) },
];

/** Streams the rows as CSV text. */
export function csvStream(pages: AsyncIterable<EnterpriseListRow[]>, lang: 'zh' | 'en'): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      out.write(`\uFEFF${COLUMNS.map((c) => csvCell(c[lang])).join(',')}\r\n`);
      for await (const rows of pages) {
        let chunk = '';
        for (const row of rows) chunk += `${COLUMNS.map((c) => csvCell(c.value(row, lang))).join(',')}\r\n`;
        if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      }
      out.end();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

/** Streams the rows as an XLSX workbook. */
export function xlsxStream(pages: AsyncIterable<EnterpriseListRow[]>, lang: 'zh' | 'en'): Readable {
  const out = new PassThrough();
  void (async () => {
    try {
      const ExcelJS = await loadExcel();
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useStyles: true,
        useSharedStrings: false,
      });
      const sheet = workbook.addWorksheet(lang === 'zh' ? '企业名录' : 'Enterprises', {
        views: [{ state: 'frozen', ySplit: 1 }],
      });
      sheet.columns = COLUMNS.map((c) => ({
        header: c[lang],
        key: c.key,
        width: c.key === 'name' ? 36 : 18,
      }));
      sheet.getRow(1).font = { bold: true };
      for await (const rows of pages) {
        for (const row of rows) {
          const values: Record<string, string | number | null> = {};
          for (const c of COLUMNS) values[c.key] = c.value(row, lang);
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
