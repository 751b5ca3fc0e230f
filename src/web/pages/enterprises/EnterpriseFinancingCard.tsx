/**
 * The enterprise's financing history on the officials' detail page (GET /api/enterprises/:id/financing, issue 15):
 * its demands, newest first, with each bank's outcome (granted with amount and rate, declined with the reason), and
 * how many receivables it asked its debtors to confirm, had confirmed and financed.
 */
import { Card, Empty, Flex, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { DECLINE_REASONS } from '../../../reference/financing.ts';
import { type EnterpriseFinancing, financingQueries } from '../../api/financing.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { formatRate, formatWan } from '../financing/financingFormat.ts';
import { DemandStateTag, PurposeNames, ResponseStateTag, useTermName } from '../financing/financingParts.tsx';

type HistoryDemand = EnterpriseFinancing['demands'][number];

export function EnterpriseFinancingCard({ enterpriseId }: { enterpriseId: number }) {
  const { t, locale } = useI18n();
  const termName = useTermName();
  const history = useApiQuery(financingQueries.enterpriseFinancing(enterpriseId));
  const data = history.data;
  const columns: TableColumnsType<HistoryDemand> = [
    {
      title: t('financing.demand.postedOn'),
      dataIndex: 'postedOn',
      width: 120,
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(v, locale)}</span>,
    },
    {
      title: t('financing.demand.amount'),
      key: 'amount',
      width: 150,
      render: (_, d) => (
        <Flex vertical gap={0}>
          <span>{formatWan(d.amount, locale)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('financing.months', { months: d.termMonths })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('financing.demand.purposes'),
      dataIndex: 'purposes',
      width: 180,
      render: (codes: string[]) => <PurposeNames codes={codes} />,
    },
    {
      title: t('financing.demand.state'),
      dataIndex: 'state',
      width: 100,
      render: (state: string) => <DemandStateTag state={state} />,
    },
    {
      title: t('financing.history.outcomes'),
      key: 'outcomes',
      render: (_, d) =>
        d.outcomes.length === 0 ? (
          <Typography.Text type="secondary">{t('financing.history.noBank')}</Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            {d.outcomes.map((o, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: outcomes have no id of their own
              <Space key={i} size={4} wrap data-testid="enterprise-financing-outcome">
                <Typography.Text strong>{o.institutionName}</Typography.Text>
                <ResponseStateTag state={o.state} />
                {o.grantedAmount !== null ? (
                  <span>
                    {formatWan(o.grantedAmount, locale)} · {formatRate(o.grantedRate)}
                  </span>
                ) : null}
                {o.security ? (
                  <Tag>{t(`financing.security.${o.security === 'credit' ? 'credit' : 'secured'}`)}</Tag>
                ) : null}
                {o.firstLoan ? <Tag color="green">{t('financing.response.firstLoan')}</Tag> : null}
                {o.declineReason ? (
                  <Typography.Text type="danger">
                    {termName(DECLINE_REASONS, o.declineReason)}
                  </Typography.Text>
                ) : null}
              </Space>
            ))}
          </Flex>
        ),
    },
  ];
  return (
    <Card
      title={t('financing.history.title')}
      data-testid="enterprise-financing"
      extra={
        data ? (
          <Typography.Text type="secondary" data-testid="enterprise-financing-receivables">
            {t('financing.history.receivables', data.receivables)}
          </Typography.Text>
        ) : null
      }
    >
      <LoadError error={history.error} onRetry={history.reload} />
      <Table<HistoryDemand>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={data?.demands ?? []}
        loading={history.loading}
        pagination={(data?.demands.length ?? 0) > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{
          emptyText: history.loading ? (
            ' '
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('financing.history.empty')} />
          ),
        }}
      />
    </Card>
  );
}
