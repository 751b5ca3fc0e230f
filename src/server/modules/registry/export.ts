/** Exports of enterprise lists as CSV or XLSX (streamed; see lib/table-export.ts). */
import type { Readable } from 'node:stream';
import { csvStream as csv, type ExportColumn, xlsxStream as xlsx } from '../../lib/table-export.ts';
import type { EnterpriseListRow } from './registry.queries.ts';
import { sizeLabel } from './size.rules.ts';

/** Columns of the export, in both languages. */
const COLUMNS: ExportColumn<EnterpriseListRow>[] = [
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', value: (r) => r.uscc },
  { key: 'name', zh: '企业名称', en: 'Name', width: 36, value: (r) => r.name },
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

/** Streams enterprise rows as CSV text. */
export function csvStream(pages: AsyncIterable<EnterpriseListRow[]>, lang: 'zh' | 'en'): Readable {
  return csv(pages, COLUMNS, lang);
}

/** Streams enterprise rows as an XLSX workbook. */
export function xlsxStream(pages: AsyncIterable<EnterpriseListRow[]>, lang: 'zh' | 'en'): Readable {
  return xlsx(pages, COLUMNS, lang, lang === 'zh' ? '企业名录' : 'Enterprises');
}
