/** Size classes: order, labels and colours, the same on every page (tags, charts, tables). */
import type { EnterpriseStatus, Size, StatRow } from '../api/client.ts';
import type { MessageKey } from '../i18n/core.ts';

/** Every size class, largest first. */
export const SIZES: readonly Size[] = ['large', 'medium', 'small', 'micro', 'not_covered', 'invalid'];

/** Message key of a size class's name (大型 / Large …). */
export const SIZE_LABELS: Record<Size, MessageKey> = {
  large: 'size.large',
  medium: 'size.medium',
  small: 'size.small',
  micro: 'size.micro',
  not_covered: 'size.not_covered',
  invalid: 'size.invalid',
};

/** antd Tag colour of each class. */
export const SIZE_TAG_COLORS: Record<Size, string> = {
  large: 'purple',
  medium: 'blue',
  small: 'green',
  micro: 'gold',
  not_covered: 'default',
  invalid: 'red',
};

/** Chart colour of each class (antd's purple-6, blue-6, green-6, gold-6, grey, red-6). */
export const SIZE_CHART_COLORS: Record<Size, string> = {
  large: '#722ed1',
  medium: '#1677ff',
  small: '#52c41a',
  micro: '#faad14',
  not_covered: '#bfbfbf',
  invalid: '#f5222d',
};

/** The count field of a statistics row for each class. */
export const STAT_FIELDS: Record<Size, Exclude<keyof StatRow, 'key' | 'nameZh' | 'nameEn' | 'ownLevel'>> = {
  large: 'large',
  medium: 'medium',
  small: 'small',
  micro: 'micro',
  not_covered: 'notCovered',
  invalid: 'invalid',
};

/** Registration statuses, in filter order. */
export const ENTERPRISE_STATUSES: readonly EnterpriseStatus[] = [
  'active',
  'suspended',
  'revoked',
  'cancelled',
];

/** Tag colour of a registration status. */
export const STATUS_COLORS: Record<string, string> = {
  active: 'green',
  suspended: 'orange',
  revoked: 'red',
  cancelled: 'default',
};

/** The standards the platform classifies by, with the document each follows. */
export const STANDARDS = {
  'cn-2011': { label: 'standard.cn-2011', document: '工信部联企业〔2011〕300号' },
  'eu-2003': { label: 'standard.eu-2003', document: '2003/361/EC' },
} as const satisfies Record<string, { label: MessageKey; document: string }>;
export type StandardId = keyof typeof STANDARDS;

/** Whether a string is a standard id the platform knows. */
export function isStandardId(value: string): value is StandardId {
  return Object.hasOwn(STANDARDS, value);
}
