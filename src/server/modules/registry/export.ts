/** The columns of the enterprise list's CSV or XLSX export (sent by lib/table-export.ts). */
import { regionFullNameEn } from '../../../reference/regions-en.ts';
import { REGISTRATION_STATUS_NAMES } from '../../../shared/registration-status.ts';
import type { ExportColumn } from '../../lib/table-export.ts';
import type { EnterpriseListRow } from './registry.queries.ts';
import { sizeLabel } from './size.rules.ts';

/** Registration statuses as the list page names them, capitalised as a cell. */
const STATUS_LABELS: Readonly<Record<string, { zh: string; en: string }>> = Object.fromEntries(
  Object.entries(REGISTRATION_STATUS_NAMES).map(([code, name]) => [
    code,
    { zh: name.zh, en: name.en.charAt(0).toUpperCase() + name.en.slice(1) },
  ]),
);
/**
 * Columns of the export: the list page's columns in its order, under its headers, with what it shows (names, not
 * codes), in the reader's language; then the year of the size class and the codes, under headers that say so.
 */
export const ENTERPRISE_COLUMNS: ExportColumn<EnterpriseListRow>[] = [
  { key: 'name', zh: '企业名称', en: 'Name', width: 36, value: (r) => r.name },
  { key: 'uscc', zh: '统一社会信用代码', en: 'Unified social credit code', width: 22, value: (r) => r.uscc },
  {
    key: 'region',
    zh: '所在地区',
    en: 'Region',
    width: 24,
    // English: the romanised name the page shows (GB/T 2260 has no English names; docs/reference/regions-en.md).
    value: (r, lang) => (lang === 'zh' ? r.regionName : regionFullNameEn(r.regionCode) || r.regionName),
  },
  {
    key: 'industry',
    zh: '所属行业',
    en: 'Industry',
    width: 30,
    value: (r, lang) => (lang === 'zh' ? r.industryNameZh : (r.industryNameEn ?? r.industryNameZh)),
  },
  { key: 'size', zh: '规模', en: 'Size', value: (r, lang) => (r.size ? sizeLabel(r.size, lang) : null) },
  {
    key: 'status',
    zh: '登记状态',
    en: 'Registration status',
    value: (r, lang) => STATUS_LABELS[r.status]?.[lang] ?? r.status,
  },
  { key: 'established_on', zh: '成立日期', en: 'Established', value: (r) => r.establishedOn },
  { key: 'year', zh: '规模年度', en: 'Size year', value: (r) => r.year },
  { key: 'region_code', zh: '行政区划代码', en: 'Region code', value: (r) => r.regionCode },
  { key: 'industry_code', zh: '行业代码', en: 'Industry code', value: (r) => r.industryCode },
];
