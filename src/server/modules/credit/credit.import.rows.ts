/**
 * A department's file of credit records (issue 14, measure 4), pure: its columns (Chinese headers first, English
 * and the keys accepted, as the registry's) and one row's validation, run in the import's worker thread. Each row
 * is one record of a category of the 国办发〔2021〕52号 sharing list, of an item of `CREDIT_ITEMS`, about the
 * enterprise named by its USCC, numbered by the department (来源编号). What depends on stored data — whether the
 * registry knows the enterprise, whether it is in the importer's region, the default publication period — is the
 * loader's (credit.imports.ts).
 */
import { CREDIT_CATEGORIES } from '../../../reference/credit.ts';
import { validateUscc } from '../../../reference/uscc.ts';
import type { Localized } from '../../../shared/errors.ts';
import {
  type ColumnSpec,
  codedProblem,
  type ImportRowKind,
  type KindRowValidation,
  parseImportDate,
  parseImportNumber,
  type RowProblem,
  type RowValues,
  toHalfWidth,
} from '../registry/index.ts';
import { CREDIT_ITEMS, type CreditItem } from './credit.rules.ts';
import type { CreditPersonal } from './credit.table.ts';

/** One row of a department's file, validated. */
export interface CreditImportRecord {
  uscc: string;
  category: string;
  item: string;
  title: string;
  valueNumber: number | null;
  valueText: string | null;
  decidedOn: string;
  /** As the file gives it; a penalty without one gets the default period when loaded. */
  publishUntil: string | null;
  sourceRef: string;
  personal: CreditPersonal | null;
}

const MAX_TITLE = 200;
const MAX_SOURCE_REF = 100;
const MAX_PERSON_NAME = 100;
const MAX_ID_NUMBER = 40;
const DATE_FLOOR = '1900-01-01';

const categoryChoices = {
  zh: CREDIT_CATEGORIES.map((c) => c.nameZh),
  en: CREDIT_CATEGORIES.map((c) => c.code),
};

/** The columns of a department's credit file, in template order. */
export const CREDIT_IMPORT_COLUMNS: ColumnSpec = [
  {
    key: 'uscc',
    zh: '统一社会信用代码',
    en: 'Unified social credit code',
    aliases: ['社会信用代码', '信用代码', 'USCC', 'credit code'],
    required: true,
    descriptionZh: '18 位，GB 32100-2015，校验位须正确；须为企业名录中已登记的企业',
    descriptionEn: '18 characters (GB 32100-2015), correct check character; an enterprise of the registry',
    example: '91440106MA59C8LR19',
    text: true,
  },
  {
    key: 'category',
    zh: '信息类别',
    en: 'Category',
    aliases: ['类别', '信用信息类别', 'credit category'],
    required: true,
    descriptionZh: '国办发〔2021〕52号共享清单的类别，填名称或代码（见“类别与事项”表）',
    descriptionEn: 'A category of the 国办发〔2021〕52号 sharing list, by name or code (see the Items sheet)',
    example: '行政处罚',
    exampleEn: 'penalty',
    choices: categoryChoices,
  },
  {
    key: 'item',
    zh: '事项',
    en: 'Item',
    aliases: ['信息事项', '项目', 'credit item'],
    required: true,
    descriptionZh: '该类别下的事项，填名称或代码（见“类别与事项”表）',
    descriptionEn: 'An item of the category, by name or code (see the Items sheet)',
    example: '行政处罚',
    exampleEn: 'penalty',
  },
  {
    key: 'title',
    zh: '内容',
    en: 'Title',
    aliases: ['信息内容', '事由', '标题', 'content', 'description'],
    required: true,
    descriptionZh: `记录的内容，1–${MAX_TITLE} 个字符`,
    descriptionEn: `What the record says, 1–${MAX_TITLE} characters`,
    example: '未按规定公示年度报告',
    exampleEn: 'Annual report not published as required',
  },
  {
    key: 'value_number',
    zh: '数值',
    en: 'Number',
    aliases: ['金额', '数额', 'amount', 'value number'],
    required: false,
    descriptionZh: '事项带数值时必填（如罚款金额万元、缴纳月数），否则不填',
    descriptionEn: 'Required for an item with a number (a fine in 10,000 yuan, months paid), empty otherwise',
    example: '1.5',
  },
  {
    key: 'value_text',
    zh: '取值',
    en: 'Value',
    aliases: ['等级', '状态', 'grade', 'value text'],
    required: false,
    descriptionZh: '事项有可选取值时必填（如纳税信用等级 A、B、M、C、D），否则不填',
    descriptionEn: 'Required for an item with values (a tax credit grade A, B, M, C, D), empty otherwise',
    example: '',
  },
  {
    key: 'decided_on',
    zh: '决定日期',
    en: 'Decided on',
    aliases: ['认定日期', '作出日期', '日期', '信息日期', 'as of', 'date'],
    required: true,
    descriptionZh: '记录的日期（决定、认定或统计截止日），不晚于今天',
    descriptionEn: 'The date of the record (decision, finding or as-of date), not after today',
    example: '2026-03-15',
  },
  {
    key: 'publish_until',
    zh: '公示截止日期',
    en: 'Published until',
    aliases: ['公示期限', '公示截止', 'publish until'],
    required: false,
    descriptionZh: '选填，不早于决定日期；行政处罚不填时按决定日适用的最长公示期限计算',
    descriptionEn:
      'Optional, not before the decision; a penalty without one is published for the longest period in force then',
    example: '',
  },
  {
    key: 'source_ref',
    zh: '来源编号',
    en: 'Source record number',
    aliases: ['文书编号', '决定文书号', '编号', 'source ref', 'record number'],
    required: true,
    descriptionZh: `部门自己的记录编号（如处罚决定书文号），1–${MAX_SOURCE_REF} 个字符；同一文件内不得重复`,
    descriptionEn: `The department's own record number, 1–${MAX_SOURCE_REF} characters, once per file`,
    example: '穗天市监罚〔2026〕15号',
    text: true,
  },
  {
    key: 'legal_rep_name',
    zh: '法定代表人姓名',
    en: 'Legal representative',
    aliases: ['法定代表人', 'legal representative name'],
    required: false,
    descriptionZh: '选填（个人信息，向金融机构展示时脱敏）',
    descriptionEn: 'Optional (personal data, masked when shown to a bank)',
    example: '',
  },
  {
    key: 'legal_rep_id',
    zh: '法定代表人证件号码',
    en: 'Legal representative ID number',
    aliases: ['证件号码', '身份证号码', 'legal representative id'],
    required: false,
    descriptionZh: '选填（个人信息，向金融机构展示时脱敏）',
    descriptionEn: 'Optional (personal data, masked when shown to a bank)',
    example: '',
    text: true,
  },
];

const LABELS: ReadonlyMap<string, Localized> = new Map(
  CREDIT_IMPORT_COLUMNS.map((c) => [c.key, { zh: c.zh, en: c.en }]),
);

const label = (key: string): Localized => LABELS.get(key) ?? { zh: key, en: key };

/** The value as shown in a message: cut at 40 characters. */
function shown(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

/** Lower-cased, half-width, without spaces: how a category or an item is matched to its name or code. */
function normalised(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, '').toLowerCase();
}

const CATEGORY_BY_NAME = new Map<string, string>(
  CREDIT_CATEGORIES.flatMap((c) => [
    [normalised(c.code), c.code],
    [normalised(c.nameZh), c.code],
    [normalised(c.nameEn), c.code],
  ]),
);

/** A category's English name, for messages. */
const categoryNameEn = (code: string) => CREDIT_CATEGORIES.find((c) => c.code === code)?.nameEn ?? code;

function findItem(category: string, raw: string): CreditItem | undefined {
  const wanted = normalised(raw);
  return (CREDIT_ITEMS[category] ?? []).find(
    (i) =>
      normalised(i.code) === wanted || normalised(i.nameZh) === wanted || normalised(i.nameEn) === wanted,
  );
}

/** Items counted in months of the last 12 (social insurance, housing fund, utilities). */
const isMonthsOfTwelve = (item: CreditItem) => item.unit?.en === 'months';

/** Validates one row of a department's file; `today` (YYYY-MM-DD) is the latest date it may give. */
export function validateCreditRow(
  values: RowValues,
  rowNumber: number,
  today: string,
): KindRowValidation<CreditImportRecord> {
  const errors: RowProblem[] = [];
  const fail = (field: string, zh: string, en: string) =>
    errors.push({ row: rowNumber, field, message: { zh, en }, code: 'IMPORT_VALUE_INVALID' });
  const text = (key: string): string | null => {
    const t = values[key]?.trim();
    return t ? t : null;
  };
  const required = (key: string): string | null => {
    const v = text(key);
    if (v === null) {
      const name = label(key);
      errors.push({
        row: rowNumber,
        field: key,
        message: { zh: `${name.zh}不能为空`, en: `${name.en} is required` },
        code: 'IMPORT_VALUE_MISSING',
      });
    }
    return v;
  };

  let uscc = '';
  const usccRaw = required('uscc');
  if (usccRaw !== null) {
    const result = validateUscc(toHalfWidth(usccRaw));
    if (result.ok) uscc = result.code;
    else
      fail(
        'uscc',
        `${result.message.zh}，收到“${shown(usccRaw)}”`,
        `${result.message.en}; got "${shown(usccRaw)}"`,
      );
  }

  let category = '';
  const categoryRaw = required('category');
  if (categoryRaw !== null) {
    category = CATEGORY_BY_NAME.get(normalised(categoryRaw)) ?? '';
    if (!category)
      fail(
        'category',
        `信息类别“${shown(categoryRaw)}”不在共享清单中，应为：${CREDIT_CATEGORIES.map((c) => c.nameZh).join('、')}`,
        `Category "${shown(categoryRaw)}" is not on the sharing list; use one of ${CREDIT_CATEGORIES.map((c) => c.nameEn).join('; ')}`,
      );
  }

  let item: CreditItem | undefined;
  const itemRaw = required('item');
  if (itemRaw !== null && category) {
    item = findItem(category, itemRaw);
    if (!item) {
      const items = CREDIT_ITEMS[category] ?? [];
      fail(
        'item',
        `事项“${shown(itemRaw)}”不属于该类别，应为：${items.map((i) => i.nameZh).join('、')}`,
        `Item "${shown(itemRaw)}" is not an item of ${categoryNameEn(category)}; use one of ${items.map((i) => i.nameEn).join('; ')}`,
      );
    }
  }

  const title = required('title') ?? '';
  if (title.length > MAX_TITLE)
    fail('title', `内容超过 ${MAX_TITLE} 个字符`, `The title is longer than ${MAX_TITLE} characters`);

  let valueNumber: number | null = null;
  const numberRaw = text('value_number');
  let valueText: string | null = null;
  const valueRaw = text('value_text');
  if (item) {
    if (item.value === 'number') {
      const raw = required('value_number');
      if (raw !== null) {
        const n = parseImportNumber(raw);
        if (Number.isNaN(n) || n < 0)
          fail(
            'value_number',
            `数值“${shown(raw)}”应为不小于 0 的数字`,
            `Number "${shown(raw)}" must be a number of 0 or more`,
          );
        else if (isMonthsOfTwelve(item) && (!Number.isInteger(n) || n > 12))
          fail(
            'value_number',
            `数值“${shown(raw)}”应为 0 至 12 的整数（月数）`,
            `Number "${shown(raw)}" must be a whole number of months from 0 to 12`,
          );
        else valueNumber = n;
      }
    } else if (numberRaw !== null)
      fail(
        'value_number',
        `事项“${item.nameZh}”不填数值，收到“${shown(numberRaw)}”`,
        `Item ${item.code} takes no number; got "${shown(numberRaw)}"`,
      );
    if (item.value === 'values') {
      const raw = required('value_text');
      if (raw !== null) {
        const allowed = item.values ?? [];
        valueText = allowed.find((v) => normalised(v) === normalised(raw)) ?? null;
        if (valueText === null)
          fail(
            'value_text',
            `取值“${shown(raw)}”无效，应为：${allowed.join('、')}`,
            `Value "${shown(raw)}" is not allowed; use one of ${allowed.join(', ')}`,
          );
      }
    } else if (valueRaw !== null)
      fail(
        'value_text',
        `事项“${item.nameZh}”不填取值，收到“${shown(valueRaw)}”`,
        `Item ${item.code} takes no value; got "${shown(valueRaw)}"`,
      );
  }

  const date = (key: string, raw: string | null): string | null => {
    if (raw === null) return null;
    const parsed = parseImportDate(raw, label(key));
    if (!parsed.ok) {
      errors.push({ row: rowNumber, field: key, message: parsed.message, code: 'IMPORT_VALUE_INVALID' });
      return null;
    }
    if (parsed.date < DATE_FLOOR) {
      fail(key, `${label(key).zh}早于 ${DATE_FLOOR}`, `${label(key).en} is before ${DATE_FLOOR}`);
      return null;
    }
    return parsed.date;
  };
  const decidedOn = date('decided_on', required('decided_on'));
  if (decidedOn !== null && decidedOn > today)
    fail(
      'decided_on',
      `决定日期 ${decidedOn} 晚于今天（${today}）`,
      `The decision date ${decidedOn} is after today (${today})`,
    );
  const publishUntil = date('publish_until', text('publish_until'));
  if (publishUntil !== null && decidedOn !== null && publishUntil < decidedOn)
    fail(
      'publish_until',
      `公示截止日期 ${publishUntil} 早于决定日期 ${decidedOn}`,
      `Published until ${publishUntil} is before the decision date ${decidedOn}`,
    );

  const sourceRef = required('source_ref') ?? '';
  if (sourceRef.length > MAX_SOURCE_REF)
    fail(
      'source_ref',
      `来源编号超过 ${MAX_SOURCE_REF} 个字符`,
      `The source record number is longer than ${MAX_SOURCE_REF} characters`,
    );

  const personal: CreditPersonal = {};
  const legalRepName = text('legal_rep_name');
  if (legalRepName !== null) {
    if (legalRepName.length > MAX_PERSON_NAME)
      fail(
        'legal_rep_name',
        `法定代表人姓名超过 ${MAX_PERSON_NAME} 个字符`,
        `The legal representative's name is longer than ${MAX_PERSON_NAME} characters`,
      );
    personal.legalRepName = legalRepName;
  }
  const legalRepId = text('legal_rep_id');
  if (legalRepId !== null) {
    if (legalRepId.length > MAX_ID_NUMBER)
      fail(
        'legal_rep_id',
        `法定代表人证件号码超过 ${MAX_ID_NUMBER} 个字符`,
        `The legal representative's ID number is longer than ${MAX_ID_NUMBER} characters`,
      );
    personal.legalRepId = toHalfWidth(legalRepId).toUpperCase();
  }

  if (errors.length > 0 || !item || decidedOn === null) return { ok: false, errors };
  return {
    ok: true,
    uscc,
    key: sourceRef,
    record: {
      uscc,
      category,
      item: item.code,
      title,
      valueNumber,
      valueText,
      decidedOn,
      publishUntil,
      sourceRef,
      personal: legalRepName !== null || legalRepId !== null ? personal : null,
    },
  };
}

/** The problem of a row repeating the source record number of an earlier row of the file. */
export function repeatedSourceRef(row: number, first: number): RowProblem {
  return {
    ...codedProblem(row, 'source_ref', 'IMPORT_DUPLICATE_SOURCE_REF'),
    message: { zh: `来源编号与第 ${first} 行重复`, en: `The source record number repeats row ${first}` },
  };
}

/** A department's credit file as the import worker reads it. */
export const CREDIT_IMPORT_ROWS: ImportRowKind<CreditImportRecord> = {
  columns: CREDIT_IMPORT_COLUMNS,
  validate: validateCreditRow,
  repeated: repeatedSourceRef,
};
