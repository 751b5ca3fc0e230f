/**
 * `/app/my-cases` (enterprise users): the enterprise's demands (咨询, 投诉, 建议, 求助; measure 23) and
 * overdue-payment complaints (measure 21), newest first and paged, each with its state and the deadline of the
 * running time limit. From here a demand is submitted or an overdue payment registered (drawers; `?new=demand` or
 * `?new=arrears` opens one), after which the new case opens.
 */
import { AccountBookOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Segmented, Space, Table, type TableColumnsType, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { CaseDetail, CaseRow } from '../../api/client.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { usePaging } from '../../lib/pagination.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { oneOf, useUrlFilters } from '../../lib/urlFilters.ts';
import { caseTitle } from '../cases/caseModel.ts';
import { ArrearsDrawer } from './ArrearsDrawer.tsx';
import { Deadline, StateTag, useLabel, useTypeText } from './caseParts.tsx';
import { DemandDrawer } from './DemandDrawer.tsx';

type Filter = 'all' | 'demand' | 'arrears';

/** The list's type filter and the new-case drawer open, in the URL. */
function readMyCasesParams(params: URLSearchParams) {
  return {
    type: oneOf(['demand', 'arrears'] as const, params.get('type')),
    new: params.get('new'),
  };
}

export default function MyCasesPage() {
  const { t, locale } = useI18n();
  const label = useLabel();
  const typeText = useTypeText();
  const navigate = useNavigate();
  // The type filter and the open drawer ('new') live in the URL; changing them replaces the history entry.
  const {
    filters: { type, new: drawer },
    update,
  } = useUrlFilters(readMyCasesParams);
  const filter: Filter = type ?? 'all';
  const paging = usePaging(20);
  const list = useApiQuery(
    apiQuery('/api/my/cases', {
      query: { page: paging.page, pageSize: paging.pageSize, ...(filter === 'all' ? {} : { type: filter }) },
    }),
    { keepPrevious: true },
  );

  const setParam = (key: 'type' | 'new', value: string | null) => update({ [key]: value });

  const onCreated = (created: CaseDetail) => navigate(`/app/my-cases/${created.id}`);

  const columns: TableColumnsType<CaseRow> = [
    {
      title: t('myCases.col.number'),
      dataIndex: 'number',
      width: 170,
      render: (_, row) => (
        <Link to={`/app/my-cases/${row.id}`} data-testid={`my-case-link-${row.id}`}>
          {row.number}
        </Link>
      ),
    },
    {
      title: t('myCases.col.title'),
      dataIndex: 'title',
      ellipsis: true,
      render: (_, row) => (
        <Flex vertical gap={0}>
          <Link to={`/app/my-cases/${row.id}`}>{caseTitle(row, locale)}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.type === 'arrears'
              ? (row.debtor?.name ?? row.debtor?.uscc)
              : label('myCases.category', row.category)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('myCases.col.type'), key: 'type', width: 140, render: (_, row) => typeText(row) },
    {
      title: t('myCases.col.state'),
      key: 'state',
      width: 120,
      render: (_, row) => <StateTag row={row} />,
    },
    {
      title: t('myCases.col.received'),
      dataIndex: 'receivedOn',
      width: 140,
      render: (value: string) => formatDate(value, locale),
    },
    {
      title: t('myCases.col.deadline'),
      key: 'deadline',
      width: 220,
      render: (_, row) => <Deadline row={row} />,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Flex vertical gap={4} style={{ flex: '1 1 420px' }}>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
            {t('myCases.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('myCases.intro')}</Typography.Text>
        </Flex>
        <Space wrap>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setParam('new', 'demand')}
            data-testid="case-new-demand"
          >
            {t('myCases.newDemand')}
          </Button>
          <Button
            icon={<AccountBookOutlined />}
            onClick={() => setParam('new', 'arrears')}
            data-testid="case-new-arrears"
          >
            {t('myCases.newArrears')}
          </Button>
        </Space>
      </Flex>

      <LoadError error={list.error} onRetry={list.reload} style={{ marginBottom: 0 }} />

      <Card styles={{ body: { padding: 0 } }}>
        <div style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
          <Segmented<Filter>
            value={filter}
            onChange={(value) => {
              paging.toFirstPage();
              setParam('type', value === 'all' ? null : value);
            }}
            options={(['all', 'demand', 'arrears'] as const).map((value) => ({
              value,
              label: t(`myCases.filter.${value}`),
            }))}
            data-testid="my-cases-filter"
          />
        </div>
        <Table<CaseRow>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          pagination={paging.pagination(list.data?.total)}
          scroll={{ x: 900 }}
          locale={{
            emptyText: list.loading ? ' ' : <Empty description={t('myCases.empty')} />,
          }}
          data-testid="my-cases-table"
        />
      </Card>

      <DemandDrawer open={drawer === 'demand'} onClose={() => setParam('new', null)} onCreated={onCreated} />
      <ArrearsDrawer
        open={drawer === 'arrears'}
        onClose={() => setParam('new', null)}
        onCreated={onCreated}
      />
    </Flex>
  );
}
