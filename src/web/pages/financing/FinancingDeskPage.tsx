/**
 * `/app/financing/desk` (officials, admins): the financing service desk (issue 15) in a region within the caller's
 * scope — demands waiting for a bank, demands escalated because nobody picked them up in time (officials see the
 * enterprise's name), banks' answers past a deadline, and receivables whose debtor did not confirm within the period
 * (确权逾期) — as tabs with their counts. The tab, region and page live in the address.
 */
import {
  Badge,
  Card,
  Col,
  Flex,
  Row,
  type TableColumnsType,
  type TableColumnType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { Link } from 'react-router';
import { type Demand, type DeskLate, type DeskUnconfirmed, financingQueries } from '../../api/financing.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { matching, oneOf, paramReader, useUrlFilters } from '../../lib/urlFilters.ts';
import { formatWan } from './financingFormat.ts';
import { ListTable, PAGE_PARAMS, urlPaging } from './financingList.tsx';
import { DemandStateTag, PageHeading, ResponseStateTag, useDemandColumns } from './financingParts.tsx';
import { ConfirmDueCell, useReceivableColumns } from './receivableParts.tsx';

const LISTS = ['waiting', 'escalated', 'late', 'unconfirmed'] as const;
const readFilters = paramReader({
  list: (value) => oneOf(LISTS, value) ?? 'waiting',
  region: matching(/^\d{6}$/),
  ...PAGE_PARAMS,
});

export default function FinancingDeskPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const { filters, update } = useUrlFilters(readFilters, (patch) => ('list' in patch ? 'push' : 'replace'));
  const rootCode = user?.role === 'official' ? user.regionCode : null;
  const desk = useApiQuery(
    financingQueries.desk({
      list: filters.list,
      region: filters.region,
      page: filters.page,
      pageSize: filters.pageSize,
    }),
    { keepPrevious: true },
  );
  const data = desk.data;
  const paging = urlPaging(filters, update);
  const demand = useDemandColumns();
  const receivable = useReceivableColumns<DeskUnconfirmed>();

  // The demand's amount, on a demand's row and on a late answer's.
  const amount = <T extends { amount: string }>(): TableColumnType<T> => ({
    title: t('financing.demand.amount'),
    dataIndex: 'amount',
    width: 150,
    render: (value: string) => formatWan(value, locale),
  });

  const demandColumns: TableColumnsType<Demand> = [
    {
      title: t('financing.demand.enterprise'),
      key: 'enterprise',
      render: (_, d) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{d.enterpriseName ?? '—'}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <RegionName code={d.profile.regionCode} full />
          </Typography.Text>
        </Flex>
      ),
    },
    amount<Demand>(),
    demand.purposes,
    demand.postedOn,
    demand.pickupDue,
    filters.list === 'escalated'
      ? {
          title: t('financing.desk.escalatedAt'),
          dataIndex: 'escalatedAt',
          width: 180,
          render: (value: string | null) => (
            <Typography.Text type="danger">{formatDateTime(value, locale)}</Typography.Text>
          ),
        }
      : {
          title: t('financing.demand.state'),
          dataIndex: 'state',
          width: 110,
          render: (state: string) => <DemandStateTag state={state} />,
        },
  ];

  const lateColumns: TableColumnsType<DeskLate> = [
    {
      title: t('financing.desk.bank'),
      key: 'bank',
      render: (_, row) => <Typography.Text strong>{row.response.institutionName}</Typography.Text>,
    },
    {
      title: t('financing.demand.enterprise'),
      key: 'enterprise',
      render: (_, row) => (
        <Flex vertical gap={2}>
          <span>{row.enterpriseName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <RegionName code={row.regionCode} full />
          </Typography.Text>
        </Flex>
      ),
    },
    amount<DeskLate>(),
    {
      title: t('financing.response.state'),
      key: 'state',
      width: 110,
      render: (_, row) => <ResponseStateTag state={row.response.state} />,
    },
    {
      title: t('financing.desk.lateDeadline'),
      key: 'late',
      width: 220,
      render: (_, row) =>
        row.response.late ? (
          <Flex vertical gap={2} data-testid="desk-late-deadline" data-late={row.response.late}>
            <Tag color="red">{t(`financing.late.${row.response.late}`)}</Tag>
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('financing.desk.dueOn', {
                date: formatDate(
                  row.response.late === 'contact' ? row.response.contactDue : row.response.decisionDue,
                  locale,
                ),
              })}
            </Typography.Text>
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: t('financing.response.pickedUpAt'),
      key: 'pickedUp',
      width: 180,
      render: (_, row) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.response.pickedUpAt, locale)}</span>
      ),
    },
  ];

  const unconfirmedColumns: TableColumnsType<DeskUnconfirmed> = [
    receivable.creditor,
    receivable.debtor,
    receivable.contract,
    { ...receivable.amount, width: 160 },
    {
      title: t('financing.receivable.confirmDue'),
      key: 'confirmDue',
      width: 140,
      render: (_, r) => <ConfirmDueCell receivable={r} />,
    },
    {
      title: t('financing.desk.escalatedCase'),
      key: 'case',
      width: 130,
      render: (_, r) =>
        r.escalatedCaseId !== null ? (
          <Link to={`/app/cases/${r.escalatedCaseId}`}>{t('financing.desk.openCase')}</Link>
        ) : (
          <Typography.Text type="secondary">{t('financing.desk.notEscalated')}</Typography.Text>
        ),
    },
  ];

  const count = (key: (typeof LISTS)[number]) => (
    <Flex gap={6} align="center" data-testid={`desk-tab-${key}`}>
      {t(`financing.desk.${key}`)}
      <Badge
        count={data?.counts[key] ?? 0}
        showZero
        overflowCount={9999}
        color={key === 'waiting' ? '#1458c4' : '#cf1322'}
        data-testid={`desk-count-${key}`}
      />
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('financing.desk.title')} intro={t('financing.desk.intro')} />
      <Card size="small">
        <Row gutter={[16, 16]} align="middle">
          <Col xs={24} sm={12} lg={8}>
            <ScopedRegionCascader
              rootCode={rootCode}
              value={filters.region}
              onChange={(code) => update({ region: code ?? null, page: null })}
              placeholder={t('financing.desk.region')}
              ariaLabel={t('financing.desk.region')}
              testId="desk-region"
            />
          </Col>
          <Col xs={24} sm={12} lg={16} style={{ textAlign: 'right' }}>
            <ReloadButton query={desk} />
          </Col>
        </Row>
      </Card>
      <LoadError error={desk.error} onRetry={desk.reload} />
      <Card styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={filters.list}
          onChange={(key) => update({ list: key === 'waiting' ? null : key, page: null })}
          items={LISTS.map((key) => ({ key, label: count(key) }))}
        />
        {filters.list === 'unconfirmed' ? (
          <ListTable<DeskUnconfirmed>
            rowKey={(row) => `${row.enterpriseId}-${row.id}`}
            columns={unconfirmedColumns}
            data={data?.unconfirmed}
            loading={desk.loading}
            scroll={{ x: 1000 }}
            paging={paging}
            emptyText={t('financing.desk.emptyUnconfirmed')}
            onRow={() => ({ 'data-testid': 'desk-unconfirmed-row' }) as object}
            data-testid="desk-unconfirmed-table"
          />
        ) : filters.list === 'late' ? (
          <ListTable<DeskLate>
            rowKey={(row) => row.response.id}
            columns={lateColumns}
            data={data?.late}
            loading={desk.loading}
            scroll={{ x: 1000 }}
            paging={paging}
            emptyText={t('financing.desk.emptyLate')}
            onRow={() => ({ 'data-testid': 'desk-late-row' }) as object}
            data-testid="desk-late-table"
          />
        ) : (
          <ListTable<Demand>
            rowKey={(d) => `${d.enterpriseId}-${d.id}`}
            columns={demandColumns}
            data={data?.demands}
            loading={desk.loading}
            scroll={{ x: 1000 }}
            paging={paging}
            emptyText={t(`financing.desk.empty.${filters.list}`)}
            onRow={() => ({ 'data-testid': 'desk-demand-row' }) as object}
            data-testid="desk-demands-table"
          />
        )}
      </Card>
    </Flex>
  );
}
