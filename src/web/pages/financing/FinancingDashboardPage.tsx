/**
 * `/app/financing/dashboard` (officials, admins): the financing figures (issue 15) of a region within the caller's
 * scope over a range of months (this year by default): the totals (demands, pickup rate, average hours to first
 * contact, grant rate, amount granted, 首贷户, credit-loan share, average rate), by month (demands and grants as
 * bars, the grant rate as a line), by region (a bar chart and a table), by bank, by product kind ('' = no product
 * named) and the declined reasons (a pie, its legend below it so the reasons' names show whole). A bank's row counts
 * the demands applying to its own products while it picks up demands of any product, so the bank table names that
 * column so and gives its pickups rather than a pickup rate. Each table downloads as CSV or XLSX as the filters
 * stand. The region and months live in the address; ECharts loads with the first chart.
 */
import { ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Statistic,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useMemo } from 'react';
import { DECLINE_REASONS, termName as nameOf, PRODUCT_KINDS } from '../../../reference/financing.ts';
import {
  type Dashboard,
  type DashboardFigures,
  type DashboardFilters,
  type DashboardTable,
  dashboardExportUrl,
  financingQueries,
} from '../../api/financing.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { LazyChart } from '../../components/LazyChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ExportButtons } from '../../components/PagedTable.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { matching, paramReader, useUrlFilters } from '../../lib/urlFilters.ts';
import { monthsOption, pairedBarOption, reasonsOption } from './financingCharts.ts';
import { formatRate, formatWan } from './financingFormat.ts';
import { PageHeading, useTermName } from './financingParts.tsx';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const readFilters = paramReader({
  region: matching(/^\d{6}$/),
  from: matching(MONTH),
  to: matching(MONTH),
});

function percent(value: string | null): string {
  return value === null ? '—' : `${value}%`;
}

export default function FinancingDashboardPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const { filters, update } = useUrlFilters(readFilters);
  const rootCode = user?.role === 'official' ? user.regionCode : null;
  const query: DashboardFilters = { region: filters.region, from: filters.from, to: filters.to };
  const dashboard = useApiQuery(financingQueries.dashboard(query), { keepPrevious: true });
  const data = dashboard.data;
  const exportOf = (table: DashboardTable) => (
    <Flex gap={8} wrap>
      <ExportButtons
        url={(format) => dashboardExportUrl(query, table, format, locale === 'en' ? 'en' : 'zh')}
        fileName={`financing-${table}`}
        labels={{ csv: t('financing.dashboard.exportCsv'), xlsx: t('financing.dashboard.exportXlsx') }}
        testId={`dashboard-${table}`}
      />
    </Flex>
  );
  return (
    <Flex vertical gap={16} data-testid="financing-dashboard">
      <PageHeading title={t('financing.dashboard.title')} intro={t('financing.dashboard.intro')} />
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <ScopedRegionCascader
            rootCode={rootCode}
            value={filters.region}
            onChange={(code) => update({ region: code ?? null })}
            placeholder={t('financing.desk.region')}
            ariaLabel={t('financing.desk.region')}
            testId="dashboard-region"
            style={{ width: 280 }}
          />
          <DatePicker.RangePicker
            picker="month"
            allowClear={false}
            value={data ? [dayjs(`${data.from}-01`), dayjs(`${data.to}-01`)] : null}
            onChange={(range) =>
              update({
                from: range?.[0]?.format('YYYY-MM') ?? null,
                to: range?.[1]?.format('YYYY-MM') ?? null,
              })
            }
            aria-label={t('financing.dashboard.months')}
            data-testid="dashboard-months"
          />
          {data ? (
            <Typography.Text type="secondary" data-testid="dashboard-period">
              {t('financing.dashboard.period', { from: data.from, to: data.to })}
            </Typography.Text>
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={dashboard.reload} loading={dashboard.loading}>
            {t('common.reload')}
          </Button>
        </Flex>
      </Card>
      <LoadError error={dashboard.error} onRetry={dashboard.reload} style={{ marginBottom: 0 }} />
      {data ? <DashboardBody data={data} exportOf={exportOf} /> : null}
    </Flex>
  );
}

function DashboardBody({
  data,
  exportOf,
}: {
  data: Dashboard;
  exportOf: (table: DashboardTable) => ReactNode;
}) {
  const { t, locale } = useI18n();
  const termName = useTermName();
  const totals = data.totals;
  const months = useMemo(
    () =>
      monthsOption(data.byMonth, {
        demands: t('financing.dashboard.demands'),
        granted: t('financing.dashboard.granted'),
        grantRate: t('financing.dashboard.grantRate'),
      }),
    [data, t],
  );
  const regionName = (r: Dashboard['byRegion'][number]) => (locale === 'en' ? r.nameEn : r.name);
  const regions = useMemo(
    () =>
      pairedBarOption(
        data.byRegion.map((r) => (locale === 'en' ? r.nameEn : r.name)),
        { name: t('financing.dashboard.demands'), data: data.byRegion.map((r) => r.demands) },
        { name: t('financing.dashboard.granted'), data: data.byRegion.map((r) => r.granted) },
      ),
    [data, t, locale],
  );
  const reasons = useMemo(
    () =>
      reasonsOption(
        data.declineReasons.map((r) => ({
          name: nameOf(DECLINE_REASONS, r.reason)[locale === 'en' ? 'en' : 'zh'],
          value: r.count,
        })),
        t('financing.dashboard.reasons'),
      ),
    [data, t, locale],
  );
  const stat = (key: string, title: string, value: string, help?: string) => (
    <Col key={key} xs={12} md={8} xl={6}>
      <Card size="small" style={{ height: '100%' }}>
        <Statistic title={title} value={value} data-testid={`dashboard-total-${key}`} data-value={value} />
        {help ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {help}
          </Typography.Text>
        ) : null}
      </Card>
    </Col>
  );
  return (
    <>
      <Row gutter={[16, 16]} data-testid="dashboard-totals">
        {stat(
          'demands',
          t('financing.dashboard.demands'),
          formatNumber(totals.demands, locale),
          t('financing.dashboard.pickedUpOf', { count: totals.pickedUp }),
        )}
        {stat('pickupRate', t('financing.dashboard.pickupRate'), percent(totals.pickupRate))}
        {stat(
          'contactHours',
          t('financing.dashboard.contactHours'),
          totals.averageContactHours ?? '—',
          t('financing.dashboard.contactedOf', { count: totals.contacted }),
        )}
        {stat(
          'grantRate',
          t('financing.dashboard.grantRate'),
          percent(totals.grantRate),
          t('financing.dashboard.grantedOf', { granted: totals.granted, declined: totals.declined }),
        )}
        {stat(
          'grantedAmount',
          t('financing.dashboard.grantedAmount'),
          formatWan(totals.grantedAmount, locale),
          t('financing.dashboard.disbursedOf', { amount: formatWan(totals.disbursedAmount, locale) }),
        )}
        {stat('firstLoans', t('financing.dashboard.firstLoans'), formatNumber(totals.firstLoans, locale))}
        {stat('creditShare', t('financing.dashboard.creditShare'), percent(totals.creditShare))}
        {stat('averageRate', t('financing.dashboard.averageRate'), formatRate(totals.averageRate))}
      </Row>
      <Card size="small" title={t('financing.dashboard.byMonth')} extra={exportOf('months')}>
        {data.byMonth.some((m) => m.demands > 0 || m.granted > 0) ? (
          <LazyChart
            option={months}
            label={t('financing.dashboard.byMonth')}
            height={280}
            testId="dashboard-months-chart"
          />
        ) : (
          <Empty description={t('financing.dashboard.none')} />
        )}
      </Card>
      <Card size="small" title={t('financing.dashboard.byRegion')} extra={exportOf('regions')}>
        {data.byRegion.length > 0 ? (
          <LazyChart
            option={regions}
            label={t('financing.dashboard.byRegion')}
            height={260}
            testId="dashboard-regions-chart"
          />
        ) : null}
        <FigureTable
          rows={data.byRegion}
          rowKey={(r) => r.regionCode}
          nameTitle={t('financing.dashboard.region')}
          name={regionName}
          testId="dashboard-regions"
        />
      </Card>
      <Card size="small" title={t('financing.dashboard.byBank')} extra={exportOf('banks')}>
        <FigureTable
          rows={data.byBank}
          rowKey={(r) => String(r.institutionId)}
          nameTitle={t('financing.dashboard.bank')}
          name={(r) => r.name}
          testId="dashboard-banks"
          bank
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={t('financing.dashboard.byKind')}
            extra={exportOf('kinds')}
            style={{ height: '100%' }}
          >
            <FigureTable
              rows={data.byKind}
              rowKey={(r) => r.kind || 'none'}
              nameTitle={t('financing.dashboard.kind')}
              name={(r) =>
                r.kind === '' ? t('financing.dashboard.noProduct') : termName(PRODUCT_KINDS, r.kind)
              }
              testId="dashboard-kinds"
              compact
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={t('financing.dashboard.reasons')}
            extra={exportOf('reasons')}
            style={{ height: '100%' }}
          >
            {data.declineReasons.length > 0 ? (
              <LazyChart
                option={reasons}
                label={t('financing.dashboard.reasons')}
                height={reasonsHeight(data.declineReasons.length)}
                testId="dashboard-reasons-chart"
              />
            ) : (
              <Empty description={t('financing.dashboard.noReasons')} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** The declined reasons' chart height: the donut (200 px) above, the legend's rows below it. */
function reasonsHeight(count: number): number {
  return 212 + Math.min(count, 10) * 24;
}

/**
 * A table of figures: its name column, then the figures (fewer when `compact`). A bank's table (`bank`) names its
 * demands as the applications to its products and gives the demands it picked up instead of a pickup rate.
 */
function FigureTable<T extends DashboardFigures>({
  rows,
  rowKey,
  nameTitle,
  name,
  testId,
  compact = false,
  bank = false,
}: {
  rows: T[];
  rowKey: (row: T) => string;
  nameTitle: string;
  name: (row: T) => string;
  testId: string;
  compact?: boolean;
  bank?: boolean;
}) {
  const { t, locale } = useI18n();
  const number = (value: number) => formatNumber(value, locale);
  const columns: TableColumnsType<T> = [
    { title: nameTitle, key: 'name', render: (_, r) => <Typography.Text strong>{name(r)}</Typography.Text> },
    bank
      ? {
          title: (
            <Tooltip title={t('financing.dashboard.bankDemandsHelp')}>
              <span data-testid={`${testId}-demands-title`}>{t('financing.dashboard.bankDemands')}</span>
            </Tooltip>
          ),
          dataIndex: 'demands',
          align: 'right',
          render: number,
        }
      : { title: t('financing.dashboard.demands'), dataIndex: 'demands', align: 'right', render: number },
    bank
      ? { title: t('financing.dashboard.pickedUp'), dataIndex: 'pickups', align: 'right', render: number }
      : {
          title: t('financing.dashboard.pickupRate'),
          dataIndex: 'pickupRate',
          align: 'right',
          render: percent,
        },
    ...(compact
      ? []
      : [
          {
            title: t('financing.dashboard.contactHoursShort'),
            dataIndex: 'averageContactHours',
            align: 'right' as const,
            render: (v: string | null) => v ?? '—',
          },
        ]),
    { title: t('financing.dashboard.granted'), dataIndex: 'granted', align: 'right', render: number },
    { title: t('financing.dashboard.grantRate'), dataIndex: 'grantRate', align: 'right', render: percent },
    {
      title: t('financing.dashboard.grantedAmount'),
      dataIndex: 'grantedAmount',
      align: 'right',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatWan(v, locale)}</span>,
    },
    ...(compact
      ? []
      : [
          {
            title: t('financing.dashboard.firstLoans'),
            dataIndex: 'firstLoans',
            align: 'right' as const,
            render: number,
          },
          {
            title: t('financing.dashboard.creditShare'),
            dataIndex: 'creditShare',
            align: 'right' as const,
            render: percent,
          },
        ]),
    {
      title: t('financing.dashboard.averageRate'),
      dataIndex: 'averageRate',
      align: 'right',
      render: (v: string | null) => formatRate(v),
    },
  ];
  return (
    <Table<T>
      size="small"
      rowKey={rowKey}
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      locale={{ emptyText: t('financing.dashboard.none') }}
      onRow={() => ({ 'data-testid': `${testId}-row` }) as object}
      data-testid={testId}
    />
  );
}
