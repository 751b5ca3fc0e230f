/**
 * Column specs of the tables officials upload (enterprise import) and of the offline `huiqi classify` command,
 * and the downloadable import template (CSV or XLSX, Chinese or English headers).
 *
 * A spec lists canonical column keys with their Chinese and English names and aliases; `readTable` maps each
 * header cell to a key case-, width- and whitespace-insensitively, with bracketed parts (units) split off.
 */
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { DataValidation } from 'exceljs';
import { csvCell } from '../../../../shared/csv.ts';
import { loadExcel } from '../../../lib/excel.ts';
import { columnLetters } from './text.ts';

/** The unit a column's figures are in. A header naming another unit in brackets is refused (UNIT_MISMATCH). */
export interface ColumnUnit {
  zh: string;
  en: string;
  /** Bracket texts (normalised with `normaliseUnit`) that name this unit. */
  accept: readonly string[];
  /** Matches normalised bracket texts that name some unit; those not in `accept` are a mismatch. */
  conflicts: RegExp;
}

/** One column of a table spec. */
export interface ColumnDef {
  /** Canonical key (snake_case), also accepted as a header. */
  key: string;
  /** Chinese header name (without the unit). */
  zh: string;
  /** English header name (without the unit). */
  en: string;
  /** Further accepted header names, Chinese or English. */
  aliases?: readonly string[];
  /** The header must be present (values may still be empty; row validation decides). */
  required: boolean;
  descriptionZh: string;
  descriptionEn: string;
  /** Example value, as typed in a Chinese template (`exampleEn` overrides it in an English one). */
  example: string;
  exampleEn?: string;
  unit?: ColumnUnit;
  /** Spreadsheet text format (codes with leading zeros must not become numbers). */
  text?: boolean;
  /** Allowed values offered as a drop-down in the XLSX template (Chinese, English). */
  choices?: { zh: readonly string[]; en: readonly string[] };
}

/** A table spec: its columns in template order. */
export type ColumnSpec = readonly ColumnDef[];

/** 万元 (10,000 CNY), the unit of money in Chinese SME statistics. */
export const UNIT_WAN_YUAN: ColumnUnit = {
  zh: '万元',
  en: '10,000 CNY',
  accept: [
    '万元',
    '万',
    '10000元',
    '万元人民币',
    '10000cny',
    '10kcny',
    'cny10000',
    'cny10k',
    '10000yuan',
    '10kyuan',
    'tenthousandyuan',
    'tenthousandcny',
    '10000rmb',
    '10krmb',
    'rmb10000',
  ],
  conflicts: /元|yuan|cny|rmb|¥|￥|eur|€|usd|\$|dollar|千|百万|亿|thousand|million|billion/,
};

/** Persons. */
export const UNIT_PERSONS: ColumnUnit = {
  zh: '人',
  en: 'persons',
  accept: ['人', '名', '个', '人数', 'persons', 'person', 'people', 'headcount'],
  conflicts: /万|千|百|thousand|million|%|元|yuan|cny/,
};

/** Euro (the EU recommendation's unit). */
export const UNIT_EUR: ColumnUnit = {
  zh: '欧元',
  en: 'EUR',
  accept: ['欧元', 'eur', 'euro', 'euros', '€'],
  conflicts: /元|yuan|cny|rmb|eur|€|usd|\$|千|万|百万|thousand|million|mn|k€|m€|teur|meur/,
};

/** Annual work units (EU headcount). */
export const UNIT_AWU: ColumnUnit = {
  zh: '年工作单位',
  en: 'AWU',
  accept: ['awu', '年工作单位', '人', 'persons', 'fte'],
  conflicts: /万|千|thousand|元|eur|€/,
};

const USCC_EXAMPLE = '91440106MA59C8LR19';

/** Columns of the enterprise import: profile, certifications and one year's figures per row. */
export const ENTERPRISE_IMPORT_COLUMNS: ColumnSpec = [
  {
    key: 'uscc',
    zh: '统一社会信用代码',
    en: 'Unified social credit code',
    aliases: ['社会信用代码', '信用代码', '统一代码', 'USCC', 'credit code', 'social credit code'],
    required: true,
    descriptionZh: '18 位，GB 32100-2015，校验位须正确；按此代码识别企业',
    descriptionEn: '18 characters (GB 32100-2015) with a correct check character; identifies the enterprise',
    example: USCC_EXAMPLE,
    text: true,
  },
  {
    key: 'name',
    zh: '企业名称',
    en: 'Enterprise name',
    aliases: [
      '名称',
      '企业全称',
      '单位名称',
      '公司名称',
      '市场主体名称',
      'name',
      'company name',
      'enterprise',
    ],
    required: true,
    descriptionZh: '登记的企业名称，1–200 个字符',
    descriptionEn: 'Registered name, 1–200 characters',
    example: '广州市天河区示例科技有限公司',
    exampleEn: 'Guangzhou Tianhe Example Technology Co., Ltd.',
  },
  {
    key: 'former_names',
    zh: '曾用名',
    en: 'Former names',
    aliases: ['原名称', '曾用名称', 'former name', 'previous names'],
    required: false,
    descriptionZh: '多个曾用名以分号（; 或 ；）分隔',
    descriptionEn: 'Several former names separated by semicolons (; or ；)',
    example: '广州示例软件有限公司',
    exampleEn: 'Guangzhou Example Software Co., Ltd.',
  },
  {
    key: 'legal_representative',
    zh: '法定代表人',
    en: 'Legal representative',
    aliases: ['法人代表', '法人', '负责人', 'legal person', 'legal rep'],
    required: false,
    descriptionZh: '法定代表人（或负责人）姓名',
    descriptionEn: 'Name of the legal representative (or person in charge)',
    example: '张三',
    exampleEn: 'Zhang San',
  },
  {
    key: 'region_code',
    zh: '注册地行政区划代码',
    en: 'Region code',
    aliases: [
      '行政区划代码',
      '区划代码',
      '注册地区划代码',
      '所在地区划代码',
      '住所行政区划代码',
      'administrative division code',
      'division code',
    ],
    required: true,
    descriptionZh: 'GB/T 2260 六位代码（也接受两位省级、四位市级代码）',
    descriptionEn: 'GB/T 2260 six-digit code (two-digit province and four-digit city codes are accepted too)',
    example: '440106',
    text: true,
  },
  {
    key: 'industry_code',
    zh: '行业代码',
    en: 'Industry code',
    aliases: [
      '国民经济行业代码',
      '所属行业代码',
      '行业分类代码',
      '国民经济行业分类代码',
      'industry',
      'gbt4754',
    ],
    required: true,
    descriptionZh: 'GB/T 4754-2017 代码，如 C13、I6513 或 6513（门类字母可省略）',
    descriptionEn: 'GB/T 4754-2017 code such as C13, I6513 or 6513 (the section letter may be left out)',
    example: 'I6513',
    text: true,
  },
  {
    key: 'established_on',
    zh: '成立日期',
    en: 'Date of establishment',
    aliases: [
      '成立时间',
      '注册日期',
      '设立日期',
      '成立年月日',
      'established on',
      'establishment date',
      'founded',
    ],
    required: false,
    descriptionZh: '如 2018-06-01、2018/6/1 或 2018年6月1日；不晚于今天',
    descriptionEn: 'Such as 2018-06-01, 2018/6/1 or 2018年6月1日; not after today',
    example: '2018-06-01',
  },
  {
    key: 'status',
    zh: '经营状态',
    en: 'Status',
    aliases: ['登记状态', '企业状态', '状态', 'business status', 'registration status'],
    required: false,
    descriptionZh: '存续（在业）、停业（歇业）、吊销、注销',
    descriptionEn: 'active, suspended, revoked or cancelled (Chinese values accepted)',
    example: '存续',
    exampleEn: 'active',
    choices: { zh: ['存续', '停业', '吊销', '注销'], en: ['active', 'suspended', 'revoked', 'cancelled'] },
  },
  {
    key: 'ownership_type',
    zh: '企业类型',
    en: 'Ownership type',
    aliases: ['所有制', '所有制类型', '企业所有制', '经济类型', '所有制性质', 'ownership'],
    required: false,
    descriptionZh: '私营、国有、集体、外商投资、港澳台投资、其他',
    descriptionEn: 'private, state, collective, foreign, hk_macao_taiwan or other (Chinese values accepted)',
    example: '私营',
    exampleEn: 'private',
    choices: {
      zh: ['私营', '国有', '集体', '外商投资', '港澳台投资', '其他'],
      en: ['private', 'state', 'collective', 'foreign', 'hk_macao_taiwan', 'other'],
    },
  },
  {
    key: 'year',
    zh: '年度',
    en: 'Year',
    aliases: ['年份', '数据年度', '统计年度', '报告年度', 'reporting year', 'fiscal year'],
    required: false,
    descriptionZh: '以下数据所属年度，如 2024；填写任一年度数据时必填',
    descriptionEn: 'Year the figures below are for, such as 2024; required when any figure is given',
    example: '2024',
    text: true,
  },
  {
    key: 'employees',
    zh: '从业人员',
    en: 'Employees',
    aliases: [
      '从业人数',
      '从业人员数',
      '从业人员期末人数',
      '职工人数',
      '员工人数',
      'number of employees',
      'staff',
    ],
    required: false,
    descriptionZh: '从业人员期末人数（人），非负整数',
    descriptionEn: 'Employees at the end of the year (persons), a whole number',
    example: '85',
    unit: UNIT_PERSONS,
  },
  {
    key: 'operating_revenue',
    zh: '营业收入',
    en: 'Operating revenue',
    aliases: ['营业总收入', '营收', 'revenue', 'operating income'],
    required: false,
    descriptionZh: '全年营业收入（万元），最多两位小数',
    descriptionEn: 'Operating revenue of the year (10,000 CNY), at most 2 decimals',
    example: '3650.5',
    unit: UNIT_WAN_YUAN,
  },
  {
    key: 'main_business_revenue',
    zh: '主营业务收入',
    en: 'Main business revenue',
    aliases: ['主营收入', 'main revenue', 'principal business revenue'],
    required: false,
    descriptionZh: '主营业务收入（万元），不大于营业收入',
    descriptionEn: 'Main business revenue (10,000 CNY), not more than operating revenue',
    example: '3400',
    unit: UNIT_WAN_YUAN,
  },
  {
    key: 'total_assets',
    zh: '资产总额',
    en: 'Total assets',
    aliases: ['资产总计', '总资产', 'assets'],
    required: false,
    descriptionZh: '年末资产总额（万元）',
    descriptionEn: 'Total assets at the end of the year (10,000 CNY)',
    example: '5200',
    unit: UNIT_WAN_YUAN,
  },
  {
    key: 'total_liabilities',
    zh: '负债总额',
    en: 'Total liabilities',
    aliases: ['负债合计', '总负债', 'liabilities'],
    required: false,
    descriptionZh: '年末负债总额（万元）',
    descriptionEn: 'Total liabilities at the end of the year (10,000 CNY)',
    example: '2100',
    unit: UNIT_WAN_YUAN,
  },
  {
    key: 'rd_expense',
    zh: '研发费用',
    en: 'R&D expense',
    aliases: ['研究开发费用', '研发投入', '研发经费', 'research and development expense', 'rd expenses'],
    required: false,
    descriptionZh: '全年研发费用（万元）',
    descriptionEn: 'R&D expense of the year (10,000 CNY)',
    example: '420',
    unit: UNIT_WAN_YUAN,
  },
  {
    key: 'rd_staff',
    zh: '研发人员',
    en: 'R&D staff',
    aliases: ['研发人员数', '研究开发人员', '科技人员', 'research staff', 'rd personnel'],
    required: false,
    descriptionZh: '研发人员数（人），非负整数，不大于从业人员',
    descriptionEn: 'R&D staff (persons), a whole number, not more than employees',
    example: '30',
    unit: UNIT_PERSONS,
  },
  {
    key: 'taxable_income',
    zh: '应纳税所得额',
    en: 'Taxable income',
    aliases: ['应税所得额', 'taxable profit'],
    required: false,
    descriptionZh: '企业所得税应纳税所得额（万元），亏损填 0',
    descriptionEn: 'Corporate income tax taxable income (10,000 CNY); enter 0 for a loss',
    example: '260',
    unit: UNIT_WAN_YUAN,
  },
  {
    key: 'vat_taxpayer_type',
    zh: '增值税纳税人类型',
    en: 'VAT taxpayer type',
    aliases: ['纳税人类型', '增值税纳税人', '纳税人资格', 'taxpayer type', 'vat type'],
    required: false,
    descriptionZh: '一般纳税人 或 小规模纳税人',
    descriptionEn: 'general or small_scale (Chinese values accepted)',
    example: '一般纳税人',
    exampleEn: 'general',
    choices: { zh: ['一般纳税人', '小规模纳税人'], en: ['general', 'small_scale'] },
  },
  {
    key: 'certifications',
    zh: '资质认定',
    en: 'Certifications',
    aliases: ['资质', '认定资质', '企业资质', '资质认定情况', 'qualifications', 'recognitions'],
    required: false,
    descriptionZh: '名称:起始日期~截止日期，多项以分号分隔；无截止日期可省略“~截止日期”',
    descriptionEn: 'name:from~to, several separated by semicolons; leave out "~to" when there is no end date',
    example: '高新技术企业:2024-01-01~2026-12-31;专精特新中小企业:2025-03-01~2028-02-28',
  },
];

/** Columns of `huiqi classify FILE` under the Chinese standard (工信部联企业〔2011〕300号). */
export const CLASSIFY_CN_COLUMNS: ColumnSpec = [
  {
    key: 'name',
    zh: '企业名称',
    en: 'Name',
    aliases: ['名称', '单位名称', 'enterprise name', 'company name', 'id', '编号'],
    required: false,
    descriptionZh: '可选，原样输出以便识别',
    descriptionEn: 'Optional; copied to the output to identify the row',
    example: '示例科技有限公司',
    exampleEn: 'Example Technology Co., Ltd.',
  },
  {
    key: 'industry_code',
    zh: '行业代码',
    en: 'Industry code',
    aliases: ['国民经济行业代码', '所属行业代码', '行业分类代码', 'industry'],
    required: true,
    descriptionZh: 'GB/T 4754-2017 代码',
    descriptionEn: 'GB/T 4754-2017 code',
    example: 'C13',
    text: true,
  },
  {
    key: 'employees',
    zh: '从业人员',
    en: 'Employees',
    aliases: ['从业人数', '从业人员数', '职工人数', 'number of employees'],
    required: true,
    descriptionZh: '从业人员（人）',
    descriptionEn: 'Employees (persons)',
    example: '85',
    unit: UNIT_PERSONS,
  },
  {
    key: 'operating_revenue',
    zh: '营业收入',
    en: 'Operating revenue',
    aliases: ['营业总收入', '营收', 'revenue'],
    required: true,
    descriptionZh: '营业收入（万元）',
    descriptionEn: 'Operating revenue (10,000 CNY)',
    example: '3650.5',
    unit: UNIT_WAN_YUAN,
  },
  {
    key: 'total_assets',
    zh: '资产总额',
    en: 'Total assets',
    aliases: ['资产总计', '总资产', 'assets'],
    required: true,
    descriptionZh: '资产总额（万元）',
    descriptionEn: 'Total assets (10,000 CNY)',
    example: '5200',
    unit: UNIT_WAN_YUAN,
  },
  {
    key: 'main_business_revenue',
    zh: '主营业务收入',
    en: 'Main business revenue',
    aliases: ['主营收入', 'main revenue'],
    required: false,
    descriptionZh: '主营业务收入（万元）；填写时代替营业收入作为 Y 指标',
    descriptionEn: 'Main business revenue (10,000 CNY); used instead of operating revenue when given',
    example: '3400',
    unit: UNIT_WAN_YUAN,
  },
];

/**
 * Columns of `huiqi classify FILE --standard eu` (Commission Recommendation 2003/361/EC): the enterprise's own
 * figures, and optionally the sums for its linked enterprises (counted in full) and its partner enterprises
 * (each already multiplied by the share held, Annex Art. 6(2)), and the share held by public bodies.
 * One row cannot list partners one by one with their shares; enter the pro-rated sums.
 */
export const CLASSIFY_EU_COLUMNS: ColumnSpec = [
  {
    key: 'name',
    zh: '企业名称',
    en: 'Name',
    aliases: ['名称', 'enterprise name', 'company name', 'id', '编号'],
    required: false,
    descriptionZh: '可选，原样输出以便识别',
    descriptionEn: 'Optional; copied to the output to identify the row',
    example: 'Example GmbH',
  },
  {
    key: 'headcount',
    zh: '员工人数',
    en: 'Headcount',
    aliases: ['年工作单位', 'staff headcount', 'awu', 'annual work units'],
    required: true,
    descriptionZh: '员工人数（年工作单位 AWU）',
    descriptionEn: 'Staff headcount in annual work units (AWU)',
    example: '42',
    unit: UNIT_AWU,
  },
  {
    key: 'turnover',
    zh: '年营业额',
    en: 'Turnover',
    aliases: ['营业额', 'annual turnover'],
    required: true,
    descriptionZh: '年营业额（欧元）',
    descriptionEn: 'Annual turnover (EUR)',
    example: '8500000',
    unit: UNIT_EUR,
  },
  {
    key: 'balance_sheet_total',
    zh: '资产负债表总额',
    en: 'Balance sheet total',
    aliases: ['年度资产负债表总额', 'annual balance sheet total', 'balance sheet'],
    required: true,
    descriptionZh: '年度资产负债表总额（欧元）',
    descriptionEn: 'Annual balance sheet total (EUR)',
    example: '6000000',
    unit: UNIT_EUR,
  },
  {
    key: 'linked_headcount',
    zh: '关联企业员工人数',
    en: 'Linked headcount',
    aliases: ['linked enterprises headcount'],
    required: false,
    descriptionZh: '全部关联企业（持股 >50% 或控制）员工人数合计（AWU），全额计入',
    descriptionEn: 'Sum of the headcounts (AWU) of all linked enterprises (>50% or control), counted in full',
    example: '',
    unit: UNIT_AWU,
  },
  {
    key: 'linked_turnover',
    zh: '关联企业营业额',
    en: 'Linked turnover',
    aliases: ['linked enterprises turnover'],
    required: false,
    descriptionZh: '全部关联企业营业额合计（欧元）',
    descriptionEn: 'Sum of the turnovers (EUR) of all linked enterprises',
    example: '',
    unit: UNIT_EUR,
  },
  {
    key: 'linked_balance_sheet_total',
    zh: '关联企业资产负债表总额',
    en: 'Linked balance sheet total',
    aliases: ['linked enterprises balance sheet total'],
    required: false,
    descriptionZh: '全部关联企业资产负债表总额合计（欧元）',
    descriptionEn: 'Sum of the balance sheet totals (EUR) of all linked enterprises',
    example: '',
    unit: UNIT_EUR,
  },
  {
    key: 'partner_headcount',
    zh: '合伙企业员工人数',
    en: 'Partner headcount',
    aliases: ['partner enterprises headcount'],
    required: false,
    descriptionZh: '各合伙企业（持股 25%–50%）员工人数 × 持股比例之和（AWU）',
    descriptionEn: 'Sum over partner enterprises (25%–50%) of headcount × share held (AWU)',
    example: '',
    unit: UNIT_AWU,
  },
  {
    key: 'partner_turnover',
    zh: '合伙企业营业额',
    en: 'Partner turnover',
    aliases: ['partner enterprises turnover'],
    required: false,
    descriptionZh: '各合伙企业营业额 × 持股比例之和（欧元）',
    descriptionEn: 'Sum over partner enterprises of turnover × share held (EUR)',
    example: '',
    unit: UNIT_EUR,
  },
  {
    key: 'partner_balance_sheet_total',
    zh: '合伙企业资产负债表总额',
    en: 'Partner balance sheet total',
    aliases: ['partner enterprises balance sheet total'],
    required: false,
    descriptionZh: '各合伙企业资产负债表总额 × 持股比例之和（欧元）',
    descriptionEn: 'Sum over partner enterprises of balance sheet total × share held (EUR)',
    example: '',
    unit: UNIT_EUR,
  },
  {
    key: 'public_body_share',
    zh: '公共机构持股比例',
    en: 'Public body share',
    aliases: ['public bodies share', '公共机构持股'],
    required: false,
    descriptionZh: '公共机构合计持有的资本或表决权比例，0–1（≥0.25 则不属于中小企业）',
    descriptionEn: 'Share of capital or votes held by public bodies, 0–1 (0.25 or more: not an SME)',
    example: '',
  },
];

/**
 * Rows of the XLSX template offering drop-down lists (a whole-column range makes exceljs-based readers expand
 * a million validations per column).
 */
const TEMPLATE_LIST_ROWS = 10_000;

/** Header text of a column in the template: name plus unit in brackets. */
export function columnHeader(column: ColumnDef, lang: 'zh' | 'en'): string {
  if (lang === 'zh') return column.unit ? `${column.zh}（${column.unit.zh}）` : column.zh;
  return column.unit ? `${column.en} (${column.unit.en})` : column.en;
}

function exampleOf(column: ColumnDef, lang: 'zh' | 'en'): string {
  return lang === 'en' && column.exampleEn !== undefined ? column.exampleEn : column.example;
}

async function writeAndEnd(out: Writable, text: string): Promise<void> {
  out.end(text);
  await finished(out);
}

/** Column width (Excel characters) of a template column: wide enough for its header and example. */
function columnWidth(column: ColumnDef, lang: 'zh' | 'en'): number {
  const visual = (s: string) => {
    let w = 0;
    for (const ch of s) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
    return w;
  };
  return Math.min(60, Math.max(10, visual(columnHeader(column, lang)), visual(exampleOf(column, lang))) + 2);
}

/** What a template's workbook says besides its columns: the data sheet's name, the notes, a sheet of its own. */
export interface TemplateLayout {
  sheet: { zh: string; en: string };
  notes: { zh: readonly string[]; en: readonly string[] };
  /** A further sheet (a kind's vocabulary): its name, header and rows in the template's language. */
  extra?: {
    name: { zh: string; en: string };
    header: { zh: readonly string[]; en: readonly string[] };
    rows: (lang: 'zh' | 'en') => readonly (readonly string[])[];
  };
}

const ENTERPRISE_TEMPLATE: TemplateLayout = {
  sheet: { zh: '企业信息', en: 'Enterprises' },
  notes: {
    zh: [
      '第一行为表头，每行一家企业；同一企业的多个年度可分多行填写。',
      '金额单位为万元，人数单位为人；请勿使用公式、合并单元格。',
      '可上传 .xlsx 或 CSV（UTF-8 或 GBK 编码）文件；只读取第一个工作表。',
    ],
    en: [
      'The first row is the header; one enterprise per row, one row per year for several years.',
      'Money in 10,000 CNY, people in persons; no formulas and no merged cells.',
      'Upload .xlsx or CSV (UTF-8 or GBK); only the first worksheet is read.',
    ],
  },
};

/**
 * Write the enterprise import template (or another kind's: `spec` and `layout`) to `out` and end it: CSV in UTF-8 with a BOM (so Excel opens it as
 * UTF-8) and CRLF line ends, or XLSX with a bold frozen header row, an example row, column widths, text format
 * for code columns, drop-downs for coded columns and a second sheet 说明 / Instructions describing each column.
 */
export async function writeTemplate(
  format: 'csv' | 'xlsx',
  lang: 'zh' | 'en',
  out: Writable,
  spec: ColumnSpec = ENTERPRISE_IMPORT_COLUMNS,
  layout: TemplateLayout = ENTERPRISE_TEMPLATE,
): Promise<void> {
  if (format === 'csv') {
    const header = spec.map((c) => csvCell(columnHeader(c, lang))).join(',');
    const example = spec.map((c) => csvCell(exampleOf(c, lang))).join(',');
    await writeAndEnd(out, `\ufeff${header}\r\n${example}\r\n`);
    return;
  }
  const zh = lang === 'zh';
  const workbook = new (await loadExcel()).stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(zh ? layout.sheet.zh : layout.sheet.en, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = spec.map((c) => ({
    key: c.key,
    width: columnWidth(c, lang),
    ...(c.text ? { style: { numFmt: '@' } } : {}),
  }));
  const header = sheet.addRow(spec.map((c) => columnHeader(c, lang)));
  header.font = { bold: true };
  spec.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: c.required ? { argb: 'FFC00000' } : { argb: 'FF000000' } };
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFF2F2F2' },
    };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  header.commit();
  sheet.addRow(spec.map((c) => exampleOf(c, lang))).commit();
  spec.forEach((c, i) => {
    if (!c.choices) return;
    const letter = columnLetters(i);
    const list = (zh ? c.choices.zh : c.choices.en).join(',');
    // The streaming worksheet has `dataValidations` (exceljs's types only declare it on the in-memory one).
    const validations = (
      sheet as unknown as {
        dataValidations: { add(address: string, validation: DataValidation): void };
      }
    ).dataValidations;
    validations.add(`${letter}2:${letter}${TEMPLATE_LIST_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`"${list}"`],
      showErrorMessage: false,
    });
  });
  sheet.commit();

  const help = workbook.addWorksheet(zh ? '说明' : 'Instructions', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  help.columns = [
    { key: 'header', width: 30 },
    { key: 'key', width: 24 },
    { key: 'required', width: 10 },
    { key: 'description', width: 70, style: { alignment: { wrapText: true, vertical: 'top' } } },
    { key: 'example', width: 40, style: { alignment: { wrapText: true, vertical: 'top' } } },
  ];
  const helpHeader = help.addRow(
    zh
      ? ['列名', '字段', '是否必填', '说明', '示例']
      : ['Column', 'Key', 'Required', 'Description', 'Example'],
  );
  helpHeader.font = { bold: true };
  helpHeader.commit();
  for (const c of spec) {
    help
      .addRow([
        columnHeader(c, lang),
        c.key,
        c.required ? (zh ? '必填' : 'yes') : zh ? '选填' : 'no',
        zh ? c.descriptionZh : c.descriptionEn,
        exampleOf(c, lang),
      ])
      .commit();
  }
  help.addRow([]).commit();
  for (const note of zh ? layout.notes.zh : layout.notes.en) help.addRow([note]).commit();
  help.commit();
  if (layout.extra) {
    const extra = workbook.addWorksheet(zh ? layout.extra.name.zh : layout.extra.name.en, {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    const header = zh ? layout.extra.header.zh : layout.extra.header.en;
    extra.columns = header.map((_, i) => ({ key: String(i), width: i === 0 ? 24 : 36 }));
    const top = extra.addRow([...header]);
    top.font = { bold: true };
    top.commit();
    for (const row of layout.extra.rows(lang)) extra.addRow([...row]).commit();
    extra.commit();
  }
  await workbook.commit();
  await finished(out);
}
