/** Small shared pieces of an enterprise's policy pages: how a benefit is obtained, where a 免申即享 entry is, money. */
import { Tag } from 'antd';
import type { MessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDecimal } from '../../lib/format.ts';

const METHODS: Record<string, { label: MessageKey; hint: MessageKey; color: string }> = {
  automatic: {
    label: 'myPolicies.method.automatic',
    hint: 'myPolicies.methodHint.automatic',
    color: 'green',
  },
  fast: { label: 'myPolicies.method.fast', hint: 'myPolicies.methodHint.fast', color: 'blue' },
  application: {
    label: 'myPolicies.method.application',
    hint: 'myPolicies.methodHint.application',
    color: 'default',
  },
};

/** The label and one-line explanation of a method (automatic, fast, application). */
export function useMethodText() {
  const { t } = useI18n();
  return (method: string) => {
    const known = METHODS[method];
    return known ? { label: t(known.label), hint: t(known.hint) } : { label: method, hint: '' };
  };
}

/** A coloured tag of how the benefit is obtained. */
export function MethodTag({ method }: { method: string }) {
  const text = useMethodText();
  return (
    <Tag color={METHODS[method]?.color ?? 'default'} data-testid="my-policy-method" data-method={method}>
      {text(method).label}
    </Tag>
  );
}

const STATUSES: Record<string, { label: MessageKey; color: string }> = {
  listed: { label: 'myPolicies.benefitStatus.listed', color: 'default' },
  sent: { label: 'myPolicies.benefitStatus.sent', color: 'orange' },
  confirmed: { label: 'myPolicies.benefitStatus.confirmed', color: 'blue' },
  declined: { label: 'myPolicies.benefitStatus.declined', color: 'default' },
  paid: { label: 'myPolicies.benefitStatus.paid', color: 'green' },
};

/** Where a 免申即享 entry is: 待确认 / 已确认 / 已放弃 / 已兑现. */
export function BenefitStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const known = STATUSES[status];
  return (
    <Tag color={known?.color ?? 'default'} data-testid="benefit-status" data-status={status}>
      {known ? t(known.label) : status}
    </Tag>
  );
}

/** Money in yuan, e.g. "100,000 元"; '—' when missing. */
export function useAmount() {
  const { t, locale } = useI18n();
  return (amount: number | null | undefined) =>
    amount === null || amount === undefined
      ? t('common.empty')
      : t('myPolicies.amount', { amount: formatDecimal(amount, locale, 2) });
}

/** "已兑现" details: amount and date, e.g. "100,000 元，2026年6月1日 兑现". */
export function usePaidText() {
  const { t, locale } = useI18n();
  const amount = useAmount();
  return (value: number | null, paidOn: string | null) =>
    t('myPolicies.paidDetail', { amount: amount(value), date: formatDate(paidOn, locale) });
}
