/**
 * Small pieces of the routing-rules page: the case type tag, category names, a region prefix with its region's
 * name, a rule's time limits in words, and the region prefix input of the rule form.
 */
import { Tag } from 'antd';
import { ScopedRegionCascader } from '../../../components/RegionCascader.tsx';
import { RegionName } from '../../../components/RegionName.tsx';
import type { TFunction } from '../../../i18n/I18nProvider.tsx';
import { useT } from '../../../i18n/I18nProvider.tsx';
import { labelOf } from '../../policy-admin/common.tsx';
import { type CaseTypeName, regionCodeOfPrefix, regionPrefixOf } from './routingModel.ts';

const TYPE_COLORS: Record<CaseTypeName, string> = { demand: 'blue', arrears: 'volcano' };

/** The name of a case type ('demand' / 'arrears'; other strings as they are). */
export function caseTypeLabel(t: TFunction, type: string): string {
  return labelOf(t, 'caseAdmin.type', type);
}

/** A case type as a coloured tag. */
export function CaseTypeTag({ type }: { type: string }) {
  const t = useT();
  return <Tag color={TYPE_COLORS[type as CaseTypeName] ?? 'default'}>{caseTypeLabel(t, type)}</Tag>;
}

/** The name of a rule's category; none: any category. */
export function categoryLabel(t: TFunction, category: string | null): string {
  return category === null ? t('routingRules.anyCategory') : labelOf(t, 'caseAdmin.category', category);
}

/** A region prefix as its region's full name and the prefix ('' → everywhere). */
export function RegionPrefixName({ prefix }: { prefix: string }) {
  const t = useT();
  if (prefix === '') return <>{t('routingRules.everywhere')}</>;
  const code = regionCodeOfPrefix(prefix);
  return (
    <>
      {code ? <RegionName code={code} full /> : null} <span className="huiqi-mono">{prefix}</span>
    </>
  );
}

/** A rule's (or a routing's) time limits in words. */
export function limitsText(
  t: TFunction,
  caseType: string,
  acceptWorkingDays: number | null,
  resultDays: number | null,
): string {
  const parts = [
    acceptWorkingDays === null ? null : t('routingRules.limits.accept', { days: acceptWorkingDays }),
    resultDays === null ? null : t('routingRules.limits.result', { days: resultDays }),
  ].filter((part) => part !== null);
  if (parts.length > 0) return parts.join(' · ');
  return caseType === 'arrears' ? t('routingRules.limits.procedure') : t('routingRules.limits.default');
}

interface RegionPrefixInputProps {
  /** The prefix: '' (everywhere) or 2, 4 or 6 digits. */
  value?: string;
  onChange?: (prefix: string) => void;
  placeholder?: string;
  ariaLabel?: string;
  testId?: string;
}

/** A region prefix picked as a province, city or county (cleared: everywhere). */
export function RegionPrefixInput({
  value = '',
  onChange,
  placeholder,
  ariaLabel,
  testId,
}: RegionPrefixInputProps) {
  return (
    <ScopedRegionCascader
      rootCode={null}
      value={regionCodeOfPrefix(value) ?? undefined}
      onChange={(code) => onChange?.(code ? regionPrefixOf(code) : '')}
      placeholder={placeholder}
      ariaLabel={ariaLabel}
      testId={testId}
    />
  );
}
