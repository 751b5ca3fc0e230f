/** The yearly figures an enterprise reports: labels, units and formatting shared by the table and the form. */
import type { Figures } from '../api/client.ts';
import type { Locale, MessageKey } from '../i18n/core.ts';
import type { TFunction } from '../i18n/I18nProvider.tsx';
import { formatDecimal } from './format.ts';

/** A numeric figure: its field, label, unit and whether it is a whole number. */
export interface FigureField {
  key: Exclude<keyof Figures, 'year' | 'source' | 'reportedAt' | 'isCurrent' | 'vatTaxpayerType'>;
  label: MessageKey;
  unit: 'persons' | 'wan';
  integer: boolean;
  /** Needed for the size class (employees, revenue, assets). */
  required: boolean;
  /** May be negative (a loss). */
  signed?: boolean;
}

export const FIGURE_FIELDS: readonly FigureField[] = [
  { key: 'employees', label: 'figures.employees', unit: 'persons', integer: true, required: true },
  { key: 'operatingRevenue', label: 'figures.operatingRevenue', unit: 'wan', integer: false, required: true },
  { key: 'totalAssets', label: 'figures.totalAssets', unit: 'wan', integer: false, required: true },
  {
    key: 'mainBusinessRevenue',
    label: 'figures.mainBusinessRevenue',
    unit: 'wan',
    integer: false,
    required: false,
  },
  {
    key: 'totalLiabilities',
    label: 'figures.totalLiabilities',
    unit: 'wan',
    integer: false,
    required: false,
  },
  { key: 'rdExpense', label: 'figures.rdExpense', unit: 'wan', integer: false, required: false },
  { key: 'rdStaff', label: 'figures.rdStaff', unit: 'persons', integer: true, required: false },
  {
    key: 'taxableIncome',
    label: 'figures.taxableIncome',
    unit: 'wan',
    integer: false,
    required: false,
    signed: true,
  },
];

/** Message key of a unit. */
export const UNIT_LABELS: Record<FigureField['unit'], MessageKey> = {
  persons: 'unit.persons',
  wan: 'unit.wan',
};

/** A value with its unit, e.g. "1,234.5 万元" or "19 人"; '—' when missing. */
export function formatWithUnit(
  value: number | null | undefined,
  unit: FigureField['unit'],
  locale: Locale,
  t: TFunction,
): string {
  if (value === null || value === undefined) return t('common.empty');
  return `${formatDecimal(value, locale, unit === 'persons' ? 0 : 2)} ${t(UNIT_LABELS[unit])}`;
}

/** VAT taxpayer types. */
export const VAT_TYPES = ['general', 'small_scale'] as const;

/** Where a figures row came from: 'import:<file>', 'enterprise', 'official', 'demo' … */
export function sourceText(source: string, t: TFunction): string {
  if (source.startsWith('import')) {
    const detail = source.slice('import'.length).replace(/^:/, '');
    return detail ? t('source.importOf', { detail }) : t('source.import');
  }
  switch (source) {
    case 'enterprise':
      return t('source.enterprise');
    case 'official':
      return t('source.official');
    case 'admin':
      return t('source.admin');
    case 'demo':
      return t('source.demo');
    default:
      return source;
  }
}
