/**
 * `/app/supervision` (officials, admins; issue 5, measures 21 and 23): how demands and overdue-payment complaints
 * are handled in a region — received, open, overdue and due soon, on-time rate, average handling days,
 * satisfaction and reopen rate; for arrears the amounts claimed, repaid and outstanding and the clearance ratio.
 * Charts by region (click to open the level below), by month and by kind of debtor; tables by region, department
 * and kind of debtor, each exported as CSV or XLSX by the server. A region's overdue count links to the case queue
 * filtered to it. Every filter lives in the URL; the breadcrumb goes back up, never above the official's region.
 */
import { FileExcelOutlined, FileTextOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Spin,
  Statistic,
  Table,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type ComponentProps, lazy, type ReactNode, Suspense, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  type DashboardDebtorRow,
  type DashboardDepartmentRow,
  type DashboardExportBy,
  type DashboardFilters,
  type DashboardRegionRow,
  dashboardExportUrl,
  type Metrics,
} from '../../api/supervision.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { DownloadButton } from '../../components/DownloadButton.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import type { Locale } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { apiQuery, composedQuery, referenceQuery, useApiQuery } from '../../lib/queries.ts';
import {
  divisionNames,
  lookupRegion,
  type RegionNames,
  regionFullName,
  regionName,
} from '../../lib/regions.ts';
import { useUrlFilters } from '../../lib/urlFilters.ts';
import { debtorChartOption, monthChartOption, regionChartOption } from './supervisionCharts.ts';
import {
  DASHBOARD_CASE_TYPES,
  type DashboardCaseType,
  debtorKindName,
  exportLang,
  fillMonths,
  filtersFromParams,
  formatDays,
  formatRate,
  formatYuan,
  isDrillable,
  openCasesLink,
  overdueCasesLink,
  type RegionCrumb,
  regionTrail,
} from './supervisionModel.ts';

const SupervisionChart = lazy(() => import('../../components/EChart.tsx'));

/**
 * Width of a table's name column. The widths of all columns add up to what a 1440 px screen leaves the tables
 * (about 1,120 px beside the menu); a longer value ends in an ellipsis with its full text on hover.
 */
const NAME_WIDTH = 140;

/** The width of a table: the name and its figure columns (scrolls sideways when the page is narrower). */
function tableWidth(figures: readonly FigureColumn[]): number {
  return figures.reduce((sum, column) => sum + column.width, NAME_WIDTH);
}

/** Whole header words: a heading wraps onto a second line in its column rather than end in an ellipsis. */
const HEADER_STYLE = { display: 'block', whiteSpace: 'normal', overflowWrap: 'break-word' } as const;

/** A column's heading, wrapped within the column (the cells below keep their ellipsis). */
function HeaderText({ text }: { text: string }) {
  return (
    <span className="huiqi-header-text" style={HEADER_STYLE}>
      {text}
    </span>
  );
}

/** A group's figures, with the deadline flags where the group is a region (or the totals). */
type Figures = Metrics & { overdue?: number; dueSoon?: number };

/** A month of the trend. */
type MonthPoint = { month: string; received: number; onTimeRate: number | null };

/** A month without cases, for the trend's gaps. */
function emptyMonth(month: string): MonthPoint {
  return { month, received: 0, onTimeRate: null };
}

/** A figure column shared by the tables and their totals row. */
interface FigureColumn {
  key: string;
  title: string;
  width: number;
  /** `region`: the region the figures are of (for the overdue link). */
  render: (row: Figures, region: string | null) => ReactNode;
}

const OVERDUE_STYLE = { color: '#cf1322' } as const;

/** A dashboard row's region as RegionName takes it (the row carries the division's own name). */
function rowRegion(row: DashboardRegionRow): RegionNames {
  return divisionNames(row.regionName, row.regionNameEn);
}

/** A dashboard row's region name in the language (romanised in English), for charts. */
function rowRegionName(row: DashboardRegionRow, locale: Locale): string {
  return regionName(rowRegion(row), locale);
}

export default function SupervisionPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  // A region change is a step in the history (the back button goes up again); other filters replace the entry.
  const { filters, update, reset } = useUrlFilters(filtersFromParams, (patch) =>
    'region' in patch ? 'push' : 'replace',
  );
  const lang = exportLang(locale);

  const dashboard = useApiQuery(apiQuery('/api/supervision/dashboard', { query: filters }), {
    keepPrevious: true,
  });
  const data = dashboard.data;

  const isOfficial = user?.role === 'official';
  const rootCode = isOfficial ? (user?.regionCode ?? null) : null;
  const canPickDepartment = !isOfficial || !user?.departmentCode;
  const departments = useApiQuery({
    ...referenceQuery('/api/departments', { anonymousOk: true }),
    enabled: canPickDepartment,
  });
  const trail = useApiQuery(
    composedQuery('supervision-trail', [filters.region ?? '', rootCode ?? '', locale], () =>
      filters.region
        ? regionTrail(filters.region, rootCode, (code) =>
            lookupRegion(code).then((region) => ({ ...region, name: regionName(region, locale) })),
          )
        : Promise.resolve([]),
    ),
    { keepPrevious: true },
  );
  // In English the official's own region is named romanised, as its sub-regions are.
  // Asked for only then (no query, no render of its answer, in Chinese).
  const root = useApiQuery({
    ...composedQuery('supervision-root', [rootCode ?? ''], () =>
      rootCode ? lookupRegion(rootCode) : Promise.resolve(null),
    ),
    enabled: !!rootCode && locale === 'en',
  });

  const showArrears = filters.type !== 'demand';

  const base: RegionCrumb = {
    code: '',
    name: rootCode
      ? root.data
        ? regionFullName(root.data, locale)
        : (user?.regionName ?? rootCode)
      : t('supervision.nationwide'),
  };
  // The trail of the region asked for (the previous one stays in trail.data while the next loads).
  const loadedTrail = trail.data?.at(-1)?.code === filters.region ? trail.data : undefined;
  const below: RegionCrumb[] = filters.region
    ? (loadedTrail ?? [{ code: filters.region, name: filters.region }]).filter(
        (crumb) => crumb.code !== rootCode,
      )
    : [];
  const crumbs = [base, ...below];
  const shownRegion = crumbs.at(-1)?.name ?? '';

  const drill = (row: DashboardRegionRow | undefined) => {
    if (row && data && isDrillable(row, data.regionCode)) update({ region: row.regionCode });
  };
  /** A click on a region's bars: a level down, or at the lowest level the region's cases (overdue ones first). */
  const openRegion = (row: DashboardRegionRow | undefined) => {
    if (!row || !data) return;
    if (isDrillable(row, data.regionCode)) drill(row);
    else if (row.overdue > 0) navigate(overdueCasesLink(row.regionCode, filters));
    else if (row.open > 0) navigate(openCasesLink(row.regionCode, filters));
  };
  const departmentName = (row: DashboardDepartmentRow) =>
    locale === 'en' ? row.departmentName.en || row.departmentName.zh : row.departmentName.zh;

  const charts = useMemo(() => {
    if (!data) return null;
    return {
      region: regionChartOption(
        data.byRegion.map((row) => ({
          name: rowRegionName(row, locale),
          onTimeRate: row.onTimeRate,
          overdue: row.overdue,
        })),
        { onTimeRate: t('supervision.series.onTimeRate'), overdue: t('supervision.series.overdue') },
      ),
      month: monthChartOption(
        fillMonths(
          data.byMonth.map(
            ({ month, received, onTimeRate }): MonthPoint => ({ month, received, onTimeRate }),
          ),
          emptyMonth,
        ),
        {
          received: t('supervision.series.received'),
          onTimeRate: t('supervision.series.onTimeRate'),
        },
      ),
      debtor: debtorChartOption(
        data.byDebtorKind.map((row) => ({
          name: debtorKindName(t, row.debtorKind),
          claimed: row.claimed,
          repaid: row.repaid,
        })),
        { claimed: t('supervision.series.claimed'), repaid: t('supervision.series.repaid') },
      ),
    };
  }, [data, t, locale]);

  const count = (value: number) => formatNumber(value, locale);

  /** The figure columns of a table: the deadline flags for regions, the amounts unless only demands are shown. */
  const figureColumns = (withFlags: boolean): FigureColumn[] => [
    {
      key: 'received',
      title: t('supervision.col.received'),
      width: 60,
      render: (row) => count(row.received),
    },
    {
      key: 'open',
      title: t('supervision.col.open'),
      width: 60,
      render: (row, region) =>
        withFlags && row.open > 0 ? (
          <Link
            to={openCasesLink(region, filters)}
            onClick={(event) => event.stopPropagation()}
            data-testid={`supervision-open-link-${region ?? 'all'}`}
          >
            {count(row.open)}
          </Link>
        ) : (
          count(row.open)
        ),
    },
    ...(withFlags
      ? [
          {
            key: 'overdue',
            title: t('supervision.col.overdue'),
            width: 60,
            render: (row: Figures, region: string | null) =>
              (row.overdue ?? 0) > 0 ? (
                <Link
                  to={overdueCasesLink(region, filters)}
                  style={OVERDUE_STYLE}
                  onClick={(event) => event.stopPropagation()}
                  data-testid={`supervision-overdue-link-${region ?? 'all'}`}
                >
                  {count(row.overdue ?? 0)}
                </Link>
              ) : (
                count(row.overdue ?? 0)
              ),
          },
          {
            key: 'dueSoon',
            title: t('supervision.col.dueSoon'),
            width: 60,
            render: (row: Figures) => count(row.dueSoon ?? 0),
          },
        ]
      : []),
    { key: 'replied', title: t('supervision.col.replied'), width: 60, render: (row) => count(row.replied) },
    {
      key: 'onTimeRate',
      title: t('supervision.col.onTimeRate'),
      width: 72,
      render: (row) => formatRate(row.onTimeRate, locale),
    },
    {
      key: 'averageDays',
      title: t('supervision.col.averageDays'),
      width: 72,
      render: (row) => formatDays(row.averageHandlingDays, locale),
    },
    {
      key: 'satisfaction',
      title: t('supervision.col.satisfaction'),
      width: 72,
      render: (row) => formatRate(row.satisfactionRate, locale),
    },
    {
      key: 'reopenRate',
      title: t('supervision.col.reopenRate'),
      width: 72,
      render: (row) => formatRate(row.reopenRate, locale),
    },
    ...(showArrears
      ? [
          {
            key: 'claimed',
            title: t('supervision.col.claimed'),
            width: 104,
            render: (row: Figures) => formatYuan(row.claimed, locale),
          },
          {
            key: 'repaid',
            title: t('supervision.col.repaid'),
            width: 104,
            render: (row: Figures) => formatYuan(row.repaid, locale),
          },
          {
            key: 'outstanding',
            title: t('supervision.col.outstanding'),
            width: 104,
            render: (row: Figures) => formatYuan(row.outstanding, locale),
          },
          {
            key: 'clearance',
            title: t('supervision.col.clearance'),
            width: 72,
            render: (row: Figures) => formatRate(row.clearanceRatio, locale),
          },
        ]
      : []),
  ];

  /** Antd columns: the group's name first, then the figures. */
  function tableColumns<T extends Figures>(
    name: { title: string; render: (row: T) => ReactNode },
    figures: FigureColumn[],
    regionOf: (row: T) => string | null,
  ) {
    return [
      {
        key: 'name',
        title: <HeaderText text={name.title} />,
        width: NAME_WIDTH,
        fixed: 'left' as const,
        ellipsis: true,
        render: (_: unknown, row: T) => name.render(row),
      },
      ...figures.map((column) => ({
        key: column.key,
        title: <HeaderText text={column.title} />,
        width: column.width,
        align: 'right' as const,
        ellipsis: true,
        render: (_: unknown, row: T) => column.render(row, regionOf(row)),
      })),
    ];
  }

  /** The totals row of a table: the figures of the sum of its rows (the server's totals of that table). */
  const totalsRow = (figures: FigureColumn[], totals: Figures | undefined = data?.totals) =>
    data && totals ? (
      <Table.Summary fixed>
        <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
          <Table.Summary.Cell index={0}>{t('supervision.totalRow')}</Table.Summary.Cell>
          {figures.map((column, index) => (
            <Table.Summary.Cell key={column.key} index={index + 1} align="right">
              {column.render(totals, data.regionCode)}
            </Table.Summary.Cell>
          ))}
        </Table.Summary.Row>
      </Table.Summary>
    ) : null;

  const exportButtons = (by: DashboardExportBy, disabled: boolean) => (
    <Space size={4} wrap>
      <Typography.Text type="secondary">{t('supervision.exportLabel')}</Typography.Text>
      <ExportButton filters={filters} by={by} format="csv" lang={lang} disabled={disabled}>
        {t('supervision.exportCsv')}
      </ExportButton>
      <ExportButton filters={filters} by={by} format="xlsx" lang={lang} disabled={disabled}>
        {t('supervision.exportXlsx')}
      </ExportButton>
    </Space>
  );

  const regionFigures = figureColumns(true);
  const groupFigures = figureColumns(false);
  const fixedDepartment =
    !canPickDepartment && data?.department
      ? (data.byDepartment.find((row) => row.departmentCode === data.department) ?? null)
      : null;

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('supervision.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('supervision.intro')}</Typography.Text>
      </Flex>

      <Card size="small">
        <Flex vertical gap={12}>
          <Row gutter={[12, 12]} align="middle">
            <Col xs={24} md={12} xl={6}>
              <ScopedRegionCascader
                rootCode={rootCode}
                value={filters.region}
                onChange={(code) => update({ region: code })}
                placeholder={rootCode ? t('supervision.filter.regionOwn') : t('supervision.filter.regionAll')}
                ariaLabel={t('supervision.filter.region')}
                testId="supervision-region"
              />
            </Col>
            <Col xs={24} md={12} xl={6}>
              <DatePicker.RangePicker
                picker="month"
                allowEmpty={[true, true]}
                value={[
                  filters.from ? dayjs(`${filters.from}-01`) : null,
                  filters.to ? dayjs(`${filters.to}-01`) : null,
                ]}
                placeholder={[t('supervision.filter.monthFrom'), t('supervision.filter.monthTo')]}
                aria-label={t('supervision.filter.months')}
                onChange={(values) =>
                  update({ from: values?.[0]?.format('YYYY-MM'), to: values?.[1]?.format('YYYY-MM') })
                }
                style={{ width: '100%' }}
                data-testid="supervision-months"
              />
            </Col>
            <Col xs={24} md={12} xl={6}>
              <Segmented<DashboardCaseType | 'all'>
                aria-label={t('supervision.filter.type')}
                value={filters.type ?? 'all'}
                onChange={(value) => update({ type: value === 'all' ? undefined : value })}
                options={[
                  { value: 'all', label: t('supervision.filter.typeAll') },
                  ...DASHBOARD_CASE_TYPES.map((value) => ({ value, label: t(`supervision.type.${value}`) })),
                ]}
                data-testid="supervision-type"
              />
            </Col>
            <Col xs={24} md={12} xl={6}>
              {canPickDepartment ? (
                <Select<string>
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  value={filters.department}
                  placeholder={t('supervision.filter.departmentAll')}
                  aria-label={t('supervision.filter.department')}
                  onChange={(value) => update({ department: value ?? undefined })}
                  options={(departments.data ?? []).map((item) => ({
                    value: item.code,
                    label: locale === 'en' ? item.nameEn || item.nameZh : item.nameZh,
                  }))}
                  style={{ width: '100%' }}
                  data-testid="supervision-department"
                />
              ) : (
                <Typography.Text>
                  {t('supervision.filter.departmentFixed', {
                    department: fixedDepartment
                      ? departmentName(fixedDepartment)
                      : (user?.departmentCode ?? ''),
                  })}
                </Typography.Text>
              )}
            </Col>
          </Row>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Breadcrumb
              data-testid="supervision-breadcrumb"
              items={crumbs.map((crumb, index) => ({
                key: crumb.code || 'root',
                title:
                  index === crumbs.length - 1 ? (
                    <strong>{crumb.name}</strong>
                  ) : (
                    <Typography.Link onClick={() => update({ region: crumb.code || undefined })}>
                      {crumb.name}
                    </Typography.Link>
                  ),
              }))}
            />
            <Space wrap>
              {data ? (
                <Typography.Text type="secondary">
                  {t('supervision.asOf', { date: formatDate(data.date, locale) })}
                </Typography.Text>
              ) : null}
              <Button onClick={() => reset()}>{t('common.reset')}</Button>
              <Button icon={<ReloadOutlined />} onClick={dashboard.reload} aria-label={t('common.reload')} />
            </Space>
          </Flex>
        </Flex>
      </Card>

      {!data ? (
        dashboard.error ? (
          <ErrorResult error={dashboard.error} onRetry={dashboard.reload} />
        ) : (
          <Skeleton active paragraph={{ rows: 12 }} />
        )
      ) : (
        <Spin spinning={dashboard.loading}>
          <Flex vertical gap={16}>
            <LoadError error={dashboard.error} onRetry={dashboard.reload} style={{ marginBottom: 0 }} />

            <Row gutter={[12, 12]} data-testid="supervision-kpis">
              <Kpi id="received" title={t('supervision.kpi.received')} value={count(data.totals.received)} />
              <Kpi
                id="open"
                title={t('supervision.kpi.open')}
                value={count(data.totals.open)}
                footer={
                  data.totals.open > 0 ? (
                    <Link to={openCasesLink(data.regionCode, filters)} data-testid="supervision-open-link">
                      {t('supervision.viewOpen')}
                    </Link>
                  ) : null
                }
              />
              <Kpi
                id="overdue"
                title={t('supervision.kpi.overdue')}
                value={count(data.totals.overdue)}
                danger={data.totals.overdue > 0}
                footer={
                  data.totals.overdue > 0 ? (
                    <Link
                      to={overdueCasesLink(data.regionCode, filters)}
                      data-testid="supervision-overdue-link"
                    >
                      {t('supervision.viewOverdue')}
                    </Link>
                  ) : null
                }
              />
              <Kpi id="dueSoon" title={t('supervision.kpi.dueSoon')} value={count(data.totals.dueSoon)} />
              <Kpi
                id="onTimeRate"
                title={t('supervision.kpi.onTimeRate')}
                value={formatRate(data.totals.onTimeRate, locale)}
                footer={t('supervision.kpi.ofReplied', { count: count(data.totals.replied) })}
              />
              <Kpi
                id="averageDays"
                title={t('supervision.kpi.averageDays')}
                value={formatDays(data.totals.averageHandlingDays, locale)}
                unit={data.totals.averageHandlingDays === null ? undefined : t('supervision.unit.days')}
              />
              <Kpi
                id="satisfaction"
                title={t('supervision.kpi.satisfaction')}
                value={formatRate(data.totals.satisfactionRate, locale)}
                footer={t('supervision.kpi.ofRated', { count: count(data.totals.rated) })}
              />
              <Kpi
                id="reopenRate"
                title={t('supervision.kpi.reopenRate')}
                value={formatRate(data.totals.reopenRate, locale)}
              />
              {showArrears ? (
                <>
                  <Kpi
                    id="claimed"
                    wide
                    title={t('supervision.kpi.claimed')}
                    value={formatYuan(data.totals.claimed, locale)}
                    unit={t('supervision.unit.yuan')}
                  />
                  <Kpi
                    id="repaid"
                    wide
                    title={t('supervision.kpi.repaid')}
                    value={formatYuan(data.totals.repaid, locale)}
                    unit={t('supervision.unit.yuan')}
                  />
                  <Kpi
                    id="outstanding"
                    wide
                    title={t('supervision.kpi.outstanding')}
                    value={formatYuan(data.totals.outstanding, locale)}
                    unit={t('supervision.unit.yuan')}
                    danger={data.totals.outstanding > 0}
                  />
                  <Kpi
                    id="clearance"
                    wide
                    title={t('supervision.kpi.clearance')}
                    value={formatRate(data.totals.clearanceRatio, locale)}
                    footer={t('supervision.kpi.cleared', { count: count(data.totals.cleared) })}
                  />
                </>
              ) : null}
            </Row>

            <Alert
              type="info"
              showIcon
              title={t('supervision.explain.title')}
              data-testid="supervision-explain"
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  <li>{t('supervision.explain.onTime')}</li>
                  <li>{t('supervision.explain.days')}</li>
                  <li>{t('supervision.explain.satisfaction')}</li>
                  <li>{t('supervision.explain.reopen')}</li>
                  {showArrears ? <li>{t('supervision.explain.clearance')}</li> : null}
                  <li>{t('supervision.explain.overdue')}</li>
                </ul>
              }
            />

            <Row gutter={[12, 12]}>
              <Col xs={24} xl={12}>
                <Card size="small" title={t('supervision.chart.byRegion')} style={{ height: '100%' }}>
                  {data.byRegion.length === 0 || !charts ? (
                    <Empty description={t('supervision.empty')} />
                  ) : (
                    <>
                      <Typography.Text type="secondary">
                        {data.byRegion.some((row) => isDrillable(row, data.regionCode))
                          ? t('supervision.chart.drillHint')
                          : t('supervision.chart.casesHint')}
                      </Typography.Text>
                      <Chart
                        option={charts.region}
                        label={t('supervision.chart.byRegion')}
                        onClick={(event) => openRegion(data.byRegion[event.dataIndex])}
                        testId="supervision-region-chart"
                      />
                    </>
                  )}
                </Card>
              </Col>
              <Col xs={24} xl={12}>
                <Card
                  size="small"
                  title={t('supervision.chart.byMonth')}
                  extra={exportButtons('month', data.byMonth.length === 0)}
                  style={{ height: '100%' }}
                >
                  {data.byMonth.length === 0 || !charts ? (
                    <Empty description={t('supervision.empty')} />
                  ) : (
                    <Chart
                      option={charts.month}
                      label={t('supervision.chart.byMonth')}
                      testId="supervision-month-chart"
                    />
                  )}
                </Card>
              </Col>
            </Row>

            <Card
              title={t('supervision.table.byRegion', { region: shownRegion })}
              extra={exportButtons('region', data.byRegion.length === 0)}
            >
              <Table<DashboardRegionRow>
                size="small"
                rowKey="regionCode"
                dataSource={data.byRegion}
                pagination={false}
                scroll={{ x: tableWidth(regionFigures) }}
                locale={{ emptyText: <Empty description={t('supervision.empty')} /> }}
                columns={tableColumns<DashboardRegionRow>(
                  {
                    title: t('supervision.col.region'),
                    render: (row) => (
                      <Space size={6}>
                        {isDrillable(row, data.regionCode) ? (
                          <Typography.Link
                            onClick={(event) => {
                              // The row's own click drills too: once is enough.
                              event.stopPropagation();
                              drill(row);
                            }}
                            data-testid={`supervision-region-link-${row.regionCode}`}
                          >
                            <RegionName region={rowRegion(row)} />
                          </Typography.Link>
                        ) : (
                          <span>
                            <RegionName region={rowRegion(row)} />
                          </span>
                        )}
                        <Typography.Text type="secondary" className="huiqi-mono">
                          {row.regionCode}
                        </Typography.Text>
                      </Space>
                    ),
                  },
                  regionFigures,
                  (row) => row.regionCode,
                )}
                summary={() => (data.byRegion.length > 0 ? totalsRow(regionFigures) : null)}
                onRow={(row) =>
                  isDrillable(row, data.regionCode)
                    ? { onClick: () => drill(row), style: { cursor: 'pointer' } }
                    : {}
                }
                data-testid="supervision-region-table"
              />
            </Card>

            <Card
              title={t('supervision.table.byDepartment')}
              extra={exportButtons('department', data.byDepartment.length === 0)}
            >
              <Table<DashboardDepartmentRow>
                size="small"
                rowKey="departmentCode"
                dataSource={data.byDepartment}
                pagination={false}
                scroll={{ x: tableWidth(groupFigures) }}
                locale={{ emptyText: <Empty description={t('supervision.empty')} /> }}
                columns={tableColumns<DashboardDepartmentRow>(
                  { title: t('supervision.col.department'), render: departmentName },
                  groupFigures,
                  () => null,
                )}
                summary={() => (data.byDepartment.length > 1 ? totalsRow(groupFigures) : null)}
                data-testid="supervision-department-table"
              />
            </Card>

            {showArrears ? (
              <Card
                title={t('supervision.table.byDebtor')}
                extra={exportButtons('debtorKind', data.byDebtorKind.length === 0)}
              >
                {data.byDebtorKind.length === 0 || !charts ? (
                  <Empty description={t('supervision.noArrears')} />
                ) : (
                  <Flex vertical gap={12}>
                    <Chart
                      option={charts.debtor}
                      label={t('supervision.chart.byDebtor')}
                      height={260}
                      testId="supervision-debtor-chart"
                    />
                    <Table<DashboardDebtorRow>
                      size="small"
                      rowKey="debtorKind"
                      dataSource={data.byDebtorKind}
                      pagination={false}
                      scroll={{ x: tableWidth(groupFigures) }}
                      columns={tableColumns<DashboardDebtorRow>(
                        {
                          title: t('supervision.col.debtorKind'),
                          render: (row) => debtorKindName(t, row.debtorKind),
                        },
                        groupFigures,
                        () => null,
                      )}
                      summary={() => totalsRow(groupFigures, data.debtorKindTotals)}
                      data-testid="supervision-debtor-table"
                    />
                  </Flex>
                )}
              </Card>
            ) : null}
          </Flex>
        </Spin>
      )}
    </Flex>
  );
}

/** One figure in the row of key figures. */
function Kpi({
  id,
  title,
  value,
  unit,
  footer,
  danger = false,
  wide = false,
}: {
  id: string;
  title: string;
  value: string;
  unit?: string | undefined;
  footer?: ReactNode;
  danger?: boolean;
  wide?: boolean;
}) {
  return (
    <Col xs={12} sm={8} lg={6} xl={wide ? 6 : 3}>
      <Card size="small" style={{ height: '100%' }} data-testid={`supervision-kpi-${id}`}>
        <Statistic
          title={title}
          value={value}
          suffix={unit}
          styles={danger ? { content: OVERDUE_STYLE } : undefined}
        />
        {footer ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {footer}
          </Typography.Text>
        ) : null}
      </Card>
    </Col>
  );
}

/** A chart of the dashboard, loaded with ECharts on demand. */
function Chart(props: ComponentProps<typeof SupervisionChart>) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
      <SupervisionChart height={300} {...props} />
    </Suspense>
  );
}

/** A server export of one dashboard table with the page's filters. */
function ExportButton({
  filters,
  by,
  format,
  lang,
  disabled,
  children,
}: {
  filters: DashboardFilters;
  by: DashboardExportBy;
  format: 'csv' | 'xlsx';
  lang: 'zh' | 'en';
  disabled: boolean;
  children: ReactNode;
}) {
  return (
    <DownloadButton
      size="small"
      icon={format === 'csv' ? <FileTextOutlined /> : <FileExcelOutlined />}
      url={dashboardExportUrl(filters, by, format, lang)}
      fileName={`supervision-${by}.${format}`}
      disabled={disabled}
      data-testid={`supervision-export-${by}-${format}`}
    >
      {children}
    </DownloadButton>
  );
}
