/**
 * How an audit entry reads: the action's name from the catalogue (`audit.action.*`, or the raw code marked as
 * unlisted), and the summary as label: value fields — known keys named, dates formatted, nested objects and arrays
 * flattened into "修改后 · 地区代码".
 */

import { findDepartment } from '../../../reference/departments.ts';
import { isMessageKey, type Locale, type MessageKey, type Params } from '../../i18n/core.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';

type Translate = (key: MessageKey, params?: Params) => string;

const ACTION_PREFIX = 'audit.action.';

/** Every action of the catalogue, in dictionary order. */
export function catalogueActions(dictionary: Record<string, string>): string[] {
  return Object.keys(dictionary)
    .filter((key) => key.startsWith(ACTION_PREFIX))
    .map((key) => key.slice(ACTION_PREFIX.length));
}

/** The name of an action, or null when it is not in the catalogue (show the code, marked). */
export function actionName(action: string, t: Translate): string | null {
  const key = `${ACTION_PREFIX}${action}`;
  return isMessageKey(key) ? t(key) : null;
}

/** The group of an action: 'case' of 'case.accept'. */
export function actionGroup(action: string): string {
  return action.split('.')[0] ?? action;
}

/** One readable field of a summary. */
export interface SummaryField {
  /** The dotted path of the value ('after.regionCode', 'payments.1.amount'). */
  path: string;
  label: string;
  value: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function keyLabel(key: string, t: Translate): string {
  if (/^\d+$/.test(key)) return String(Number(key) + 1);
  const messageKey = `audit.field.${key}`;
  return isMessageKey(messageKey) ? t(messageKey) : key;
}

/**
 * Fields whose values are codes of a known vocabulary, named as the pages name them (a case's type, kind, category
 * and states); a code the vocabulary does not know stays as it is.
 */
const VALUE_NAMES: Readonly<Record<string, string>> = {
  type: 'caseAdmin.type.',
  kind: 'caseAdmin.kind.',
  importKind: 'imports.kind.',
  category: 'caseAdmin.category.',
  state: 'caseAdmin.state.',
  fromState: 'caseAdmin.state.',
  toState: 'caseAdmin.state.',
};

/** A coded value by its name in the language, when the field's vocabulary knows it. */
function namedValue(key: string | undefined, value: unknown, t: Translate, locale: Locale): string | null {
  if (key === undefined || typeof value !== 'string') return null;
  if (key === 'department' || key === 'departmentCode') {
    const department = findDepartment(value);
    return department ? (locale === 'en' ? department.nameEn : department.nameZh) : null;
  }
  const prefix = VALUE_NAMES[key];
  const messageKey = prefix ? `${prefix}${value}` : '';
  return prefix && isMessageKey(messageKey) ? t(messageKey) : null;
}

function scalar(value: unknown, t: Translate, locale: Locale, key?: string): string {
  if (value === null || value === undefined || value === '') return t('audit.empty');
  const named = namedValue(key, value, t, locale);
  if (named !== null) return named;
  if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  const text = String(value);
  if (DATE.test(text)) return formatDate(text, locale);
  if (DATE_TIME.test(text)) return formatDateTime(text, locale);
  return text;
}

/** The summary as fields in order, nested values flattened (at most `limit` fields, the rest dropped). */
export function summaryFields(
  summary: Record<string, unknown>,
  t: Translate,
  locale: Locale,
  limit = 200,
): SummaryField[] {
  const fields: SummaryField[] = [];
  const walk = (value: unknown, path: string[], labels: string[]) => {
    if (fields.length >= limit) return;
    const isPrimitiveArray =
      Array.isArray(value) && value.every((item) => item === null || typeof item !== 'object');
    if (value !== null && typeof value === 'object' && !isPrimitiveArray) {
      const entries = Object.entries(value as Record<string, unknown>);
      if (entries.length === 0) {
        fields.push({ path: path.join('.'), label: labels.join(' · '), value: t('audit.empty') });
        return;
      }
      for (const [key, child] of entries) walk(child, [...path, key], [...labels, keyLabel(key, t)]);
      return;
    }
    const text = isPrimitiveArray
      ? (value as unknown[]).map((item) => scalar(item, t, locale)).join(locale === 'en' ? ', ' : '、')
      : scalar(value, t, locale, path.at(-1));
    fields.push({ path: path.join('.'), label: labels.join(' · '), value: text });
  };
  for (const [key, value] of Object.entries(summary)) walk(value, [key], [keyLabel(key, t)]);
  return fields;
}

/** The summary on one line: "label: value；label: value". */
export function summaryLine(summary: Record<string, unknown>, t: Translate, locale: Locale): string {
  return summaryFields(summary, t, locale, 30)
    .map((field) => `${field.label}: ${field.value}`)
    .join(locale === 'en' ? '; ' : '；');
}
