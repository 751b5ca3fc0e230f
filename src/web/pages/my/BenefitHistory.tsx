/** "兑现记录": the 免申即享 benefits the enterprise answered, with payouts (amount and date). */
import { Empty, Table, Typography } from 'antd';
import { Link, useLocation } from 'react-router';
import type { MyBenefit } from '../../api/client.ts';
import { useClauseText } from '../../components/ExplanationTree.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { BenefitStatusTag, useAmount } from './PolicyLabels.tsx';

export function BenefitHistory({ items, loading }: { items: MyBenefit[]; loading: boolean }) {
  const { t, locale } = useI18n();
  const text = useClauseText();
  const amount = useAmount();
  const location = useLocation();
  /** The policy page links back here (我的政策, this tab). */
  const backState = { from: `${location.pathname}${location.search}` };
  return (
    <Table<MyBenefit>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 860 }}
      data-testid="benefit-history"
      locale={{ emptyText: <Empty description={t('myPolicies.empty.history')} /> }}
      onRow={(row) => ({ 'data-testid': 'benefit-history-row', 'data-status': row.status }) as object}
      columns={[
        {
          key: 'policy',
          title: t('myPolicies.history.policy'),
          render: (_, row) => (
            <Link to={`/policies/${row.policyId}`} state={backState}>
              {text(row.title)}
            </Link>
          ),
        },
        {
          key: 'benefit',
          title: t('myPolicies.history.benefit'),
          width: 260,
          render: (_, row) => <Typography.Text type="secondary">{text(row.benefit)}</Typography.Text>,
        },
        {
          key: 'status',
          title: t('myPolicies.history.status'),
          width: 120,
          render: (_, row) => <BenefitStatusTag status={row.status} />,
        },
        {
          key: 'respondedAt',
          title: t('myPolicies.history.respondedAt'),
          width: 180,
          render: (_, row) => formatDateTime(row.respondedAt, locale),
        },
        {
          key: 'amount',
          title: t('myPolicies.history.amount'),
          width: 140,
          align: 'right',
          render: (_, row) => (row.status === 'paid' ? amount(row.amount) : t('common.empty')),
        },
        {
          key: 'paidOn',
          title: t('myPolicies.history.paidOn'),
          width: 140,
          render: (_, row) => formatDate(row.paidOn, locale),
        },
      ]}
    />
  );
}
