/**
 * Small pieces of the debtor body's pages and the public disclosures: our answer and the days overdue as tags, a
 * debtor kind's name, the table of a disclosure's overdue contracts.
 */
import { Empty, Table, Tag, Typography } from 'antd';
import type { DisclosedContract } from '../../api/payer.ts';
import { isMessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { formatMoney } from '../payments/paymentForm.ts';
import { isAnswerable } from './claimModel.ts';

const POSITION_COLORS: Record<string, string> = { acknowledged: 'blue', disputed: 'purple' };

/** Our answer to a complaint: acknowledged, disputed, awaiting our answer (while it can be answered) or '—'. */
export function PositionTag({
  position,
  state,
  testId,
}: {
  position: string | null;
  state: string;
  testId?: string;
}) {
  const { t } = useI18n();
  if (position) {
    const key = `payer.position.${position}`;
    return (
      <Tag color={POSITION_COLORS[position] ?? 'default'} data-testid={testId} data-position={position}>
        {isMessageKey(key) ? t(key) : position}
      </Tag>
    );
  }
  if (!isAnswerable(state))
    return (
      <Typography.Text type="secondary" data-testid={testId} data-position="none">
        —
      </Typography.Text>
    );
  return (
    <Tag color="orange" data-testid={testId} data-position="none">
      {t('payer.position.none')}
    </Tag>
  );
}

/** "逾期 N 天" in red, or "未逾期". */
export function OverdueTag({ days }: { days: number }) {
  const { t, locale } = useI18n();
  return days > 0 ? (
    <Tag color="red" data-days={days}>
      {t('payer.overdueDays', { days: formatNumber(days, locale) })}
    </Tag>
  ) : (
    <Tag color="green" data-days={0}>
      {t('payer.notOverdue')}
    </Tag>
  );
}

/** The name of a debtor kind (government, public_institution, large_enterprise). */
export function useKindName() {
  const { t } = useI18n();
  return (kind: string | null | undefined): string => {
    if (!kind) return '—';
    const key = `payer.kind.${kind}`;
    return isMessageKey(key) ? t(key) : kind;
  };
}

/** The overdue contracts of a disclosure. */
export function ContractsTable({ details, testId }: { details: DisclosedContract[]; testId?: string }) {
  const { t, locale } = useI18n();
  if (details.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('payer.disclosure.none')} />;
  return (
    <Table<DisclosedContract>
      rowKey={(row) => `${row.contractNumber}:${row.caseNumber}`}
      size="small"
      pagination={false}
      dataSource={details}
      scroll={{ x: 720 }}
      data-testid={testId}
      columns={[
        {
          title: t('payer.disclosure.col.contract'),
          dataIndex: 'contractNumber',
          render: (v: string) => <span className="huiqi-mono">{v}</span>,
        },
        {
          title: t('payer.disclosure.col.case'),
          dataIndex: 'caseNumber',
          render: (v: string) => <span className="huiqi-mono">{v}</span>,
        },
        {
          title: t('payer.disclosure.col.due'),
          dataIndex: 'dueDate',
          render: (v: string) => formatDate(v, locale),
        },
        {
          title: t('payer.disclosure.col.days'),
          dataIndex: 'daysOverdue',
          align: 'right',
          render: (v: number) => formatNumber(v, locale),
        },
        {
          title: t('payer.disclosure.col.outstanding'),
          dataIndex: 'outstanding',
          align: 'right',
          render: (v: number) => formatMoney(v, locale),
        },
      ]}
    />
  );
}
