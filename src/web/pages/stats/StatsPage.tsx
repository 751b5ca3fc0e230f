/**
 * `/app/stats` (officials, admins): enterprises by size class for a region subtree and year — stacked bars and
 * tables by child region and by industry, with totals. Click a child region (bar or row) to drill down; the
 * breadcrumb goes back up, never above the official's own region. The region, year and industry live in the URL
 * (`?region=320583&year=2025&industry=C`), so a drill-down can be linked and the browser's Back goes up a level.
 * Tables export as CSV (UTF-8 with BOM).
 */
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Select,
  Skeleton,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { buildUrl, type SizeStats, type StatRow } from '../../api/client.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { type StackedSeries, stackedBarOption } from '../../components/chartOptions.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { LazyChart } from '../../components/LazyChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { downloadCsv, toCsv } from '../../lib/csv.ts';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { useIndustries } from '../../lib/industries.ts';
import { apiQuery, composedQuery, referenceQuery, useApiQuery } from '../../lib/queries.ts';
import { divisionNames, lookupRegion, regionFullName, regionName } from '../../lib/regions.ts';
import { SIZE_CHART_COLORS, SIZE_LABELS, SIZE_TAG_COLORS, SIZES, STAT_FIELDS } from '../../lib/size.ts';
import { matching, paramReader, positiveParam, useUrlFilters } from '../../lib/urlFilters.ts';

interface Crumb {
  code: string;
  name: string;
}

/** A child-region row that can be opened: a real region below the current one (not the '本级' row). */
function drillable(row: StatRow, stats: SizeStats): boolean {
  return !row.ownLevel && /^\d{6}$/.test(row.key) && stats.region.level !== 'county';
}

/** The region, year and industry of the figures shown, in the URL. */
const readStatsFilters = paramReader({
  region: matching(/^\d{6}$/),
  year: (value) => positiveParam(value),
  industry: matching(/^[A-T](\d{2})?$/),
});

export default function StatsPage() {
  const { t, locale, name } = useI18n();
  const { user } = useSession();
  const industries = useIndustries();
  // Each change (a region opened, a year, an industry) is a new history entry, so Back returns to the view before.
  const {
    filters: { region, year, industry },
    update: navigateTo,
  } = useUrlFilters(readStatsFilters, 'push');

  const query = { region, year, industry };
  const stats = useApiQuery(apiQuery('/api/registry/stats', { query }), { keepPrevious: true });
  const data = stats.data;

  // The top of the breadcrumb: the official's own region, or the whole country.
  const baseCode = user?.role === 'official' ? (user.regionCode ?? '') : '';
  const baseRegion = useApiQuery({
    ...referenceQuery('/api/regions/:code', { params: { code: baseCode }, anonymousOk: true }),
    enabled: baseCode !== '',
  });
  const base: Crumb | null =
    baseCode === ''
      ? { code: '', name: t('stats.nationwide') }
      : baseRegion.data
        ? { code: baseRegion.data.code, name: regionFullName(baseRegion.data, locale) }
        : null;
  // The regions between it and the one shown, read up the parent chain (a county may sit right under a province).
  const trailState = useApiQuery(
    composedQuery('stats-trail', [baseCode, region ?? '', locale], async () => {
      const crumbs: Crumb[] = [];
      let code: string | null = region ?? null;
      while (code && code !== baseCode && crumbs.length < 4) {
        const found = await lookupRegion(code);
        crumbs.unshift({ code: found.code, name: regionName(found, locale) });
        code = found.parentCode;
      }
      return crumbs;
    }),
    { keepPrevious: true },
  );
  // While the chain of a new region is read, the answer's own name stands in (never the previous region's chain).
  const trail: Crumb[] =
    trailState.data && trailState.data.at(-1)?.code === region
      ? trailState.data
      : region && region !== baseCode && data?.region.code === region
        ? [{ code: region, name: locale === 'en' ? data.region.fullNameEn : data.region.fullName }]
        : [];
  const goToRegion = (code: string | undefined) =>
    navigateTo({ region: code && code !== baseCode ? code : undefined });

  const sizeLabel = (size: (typeof SIZES)[number]) => t(SIZE_LABELS[size]);
  const rowName = (row: StatRow) => (row.ownLevel ? t('stats.ownLevel') : name(row));
  /** A region's row named as RegionName does (romanised in English, with the note that it is romanised). */
  const regionCell = (row: StatRow) =>
    row.ownLevel ? t('stats.ownLevel') : <RegionName region={divisionNames(row.nameZh, row.nameEn)} />;
  const shownRegion =
    trail.at(-1)?.name ??
    base?.name ??
    (locale === 'en' ? data?.region.fullNameEn : data?.region.fullName) ??
    '';
  const shownYear = data?.year ?? year;

  /** The classes with any enterprise (the legend stays short; colours stay fixed per class). */
  const shownSizes = useMemo(
    () => (data ? SIZES.filter((size) => data.totals[STAT_FIELDS[size]] > 0) : []),
    [data],
  );

  const [regionOption, industryOption] = useMemo(() => {
    if (!data) return [null, null];
    const label = (row: StatRow) => (row.ownLevel ? t('stats.ownLevel') : name(row));
    const series = (rows: StatRow[]): StackedSeries[] =>
      shownSizes.map((size) => ({
        name: t(SIZE_LABELS[size]),
        color: SIZE_CHART_COLORS[size],
        data: rows.map((row) => row[STAT_FIELDS[size]]),
      }));
    return [
      stackedBarOption(data.byRegion.map(label), series(data.byRegion), false),
      stackedBarOption(data.byIndustry.map(label), series(data.byIndustry), true),
    ];
  }, [data, t, name, shownSizes]);

  const drillInto = (row: StatRow | undefined) => {
    if (!row || !data || !drillable(row, data)) return;
    goToRegion(row.key);
  };

  const sections = useMemo(() => industries.filter((item) => item.level === 'section'), [industries]);

  const enterprisesLink = (extra: { region?: string; industry?: string }) =>
    buildUrl('/app/enterprises', {
      region: extra.region ?? region,
      industry: extra.industry ?? industry,
      year: shownYear,
    });

  const exportTable = (kind: 'region' | 'industry') => {
    if (!data) return;
    const rows = kind === 'region' ? data.byRegion : data.byIndustry;
    const header = [
      kind === 'region' ? t('stats.col.region') : t('stats.col.industry'),
      t('common.code'),
      ...SIZES.map(sizeLabel),
      t('stats.col.total'),
    ];
    const line = (row: StatRow, label: string, code: string) => [
      label,
      code,
      ...SIZES.map((size) => row[STAT_FIELDS[size]]),
      row.total,
    ];
    const csv = toCsv(header, [
      ...rows.map((row) => line(row, rowName(row), row.key)),
      line(data.totals, t('stats.totalRow'), ''),
    ]);
    const title = kind === 'region' ? t('stats.csvByRegion') : t('stats.csvByIndustry');
    downloadCsv(`${title}-${shownRegion}-${shownYear ?? ''}`, csv);
  };

  const tableColumns = (kind: 'region' | 'industry') => [
    {
      key: 'name',
      title: kind === 'region' ? t('stats.col.region') : t('stats.col.industry'),
      render: (_: unknown, row: StatRow) =>
        kind === 'region' && data && drillable(row, data) ? (
          <Typography.Link
            onClick={(event) => {
              // The row opens it too: one step, one history entry.
              event.stopPropagation();
              drillInto(row);
            }}
          >
            {regionCell(row)}
          </Typography.Link>
        ) : kind === 'region' ? (
          regionCell(row)
        ) : (
          rowName(row)
        ),
    },
    {
      key: 'code',
      title: t('common.code'),
      width: 90,
      render: (_: unknown, row: StatRow) => <span className="huiqi-mono">{row.key}</span>,
    },
    ...SIZES.map((size) => ({
      key: size,
      title: <Tag color={SIZE_TAG_COLORS[size]}>{sizeLabel(size)}</Tag>,
      align: 'right' as const,
      width: 90,
      render: (_: unknown, row: StatRow) => formatNumber(row[STAT_FIELDS[size]], locale),
    })),
    {
      key: 'total',
      title: t('stats.col.total'),
      align: 'right' as const,
      width: 90,
      render: (_: unknown, row: StatRow) => <strong>{formatNumber(row.total, locale)}</strong>,
    },
    {
      key: 'list',
      title: t('common.actions'),
      width: 110,
      render: (_: unknown, row: StatRow) =>
        kind === 'industry' || (/^\d{6}$/.test(row.key) && row.key !== data?.region.code) ? (
          <Link
            to={enterprisesLink(kind === 'region' ? { region: row.key } : { industry: row.key })}
            onClick={(event) => event.stopPropagation()}
          >
            {t('stats.viewList')}
          </Link>
        ) : null,
    },
  ];

  const totalsSummary = (totals: StatRow) => (
    <Table.Summary fixed>
      <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
        <Table.Summary.Cell index={0} colSpan={2}>
          {t('stats.totalRow')}
        </Table.Summary.Cell>
        {SIZES.map((size, index) => (
          <Table.Summary.Cell key={size} index={index + 2} align="right">
            {formatNumber(totals[STAT_FIELDS[size]], locale)}
          </Table.Summary.Cell>
        ))}
        <Table.Summary.Cell index={SIZES.length + 2} align="right">
          {formatNumber(totals.total, locale)}
        </Table.Summary.Cell>
        <Table.Summary.Cell index={SIZES.length + 3} />
      </Table.Summary.Row>
    </Table.Summary>
  );

  if (stats.error && !data) return <ErrorResult error={stats.error} onRetry={stats.reload} />;

  const crumbs: Crumb[] = base ? [base, ...trail] : trail;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('stats.title')}
        </Typography.Title>
        <Space wrap>
          <Select<number>
            value={shownYear ?? undefined}
            placeholder={t('common.year')}
            onChange={(value) => navigateTo({ year: value })}
            options={(data?.years ?? []).map((value) => ({
              value,
              label: t('stats.yearOption', { year: value }),
            }))}
            style={{ width: 130 }}
            data-testid="stats-year"
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            value={industry}
            placeholder={t('stats.allSections')}
            onChange={(value) => navigateTo({ industry: value ?? undefined })}
            options={sections.map((item) => ({ value: item.code, label: `${item.code} ${name(item)}` }))}
            style={{ width: 280 }}
            data-testid="stats-industry"
          />
          <Button icon={<ReloadOutlined />} onClick={stats.reload} aria-label={t('common.reload')} />
        </Space>
      </Flex>

      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Breadcrumb
            data-testid="stats-breadcrumb"
            items={crumbs.map((crumb, index) => ({
              key: crumb.code || 'root',
              title:
                index === crumbs.length - 1 ? (
                  <strong>{crumb.name}</strong>
                ) : (
                  <Typography.Link onClick={() => goToRegion(crumb.code || undefined)}>
                    {crumb.name}
                  </Typography.Link>
                ),
            }))}
          />
          <Typography.Text type="secondary">
            {data?.standard === 'cn-2011' ? t('standard.cn-2011') : (data?.standard ?? '')}
          </Typography.Text>
        </Flex>
      </Card>

      <LoadError error={data ? stats.error : undefined} onRetry={stats.reload} style={{ marginBottom: 0 }} />

      {!data ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : (
        <Spin spinning={stats.loading}>
          <Flex vertical gap={16}>
            <Row gutter={[12, 12]} data-testid="stats-totals">
              <Col xs={12} sm={8} lg={6} xl={4}>
                <Card size="small">
                  <Statistic
                    title={t('stats.total')}
                    value={formatNumber(data.totals.total, locale)}
                    suffix={t('common.enterprisesUnit')}
                  />
                </Card>
              </Col>
              {SIZES.slice(0, 4).map((size) => (
                <Col xs={12} sm={8} lg={6} xl={4} key={size}>
                  <Card size="small">
                    <Statistic
                      title={<Tag color={SIZE_TAG_COLORS[size]}>{sizeLabel(size)}</Tag>}
                      value={formatNumber(data.totals[STAT_FIELDS[size]], locale)}
                      suffix={
                        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                          {formatPercent(data.totals[STAT_FIELDS[size]], data.totals.total, locale)}
                        </Typography.Text>
                      }
                    />
                  </Card>
                </Col>
              ))}
              <Col xs={12} sm={8} lg={6} xl={4}>
                <Card size="small">
                  <Statistic
                    title={t('stats.smeShare')}
                    value={formatPercent(
                      data.totals.medium + data.totals.small + data.totals.micro,
                      data.totals.total,
                      locale,
                    )}
                  />
                </Card>
              </Col>
            </Row>

            {/* A county has no divisions below it: no card for them. */}
            {data.region.level === 'county' ? null : (
              <Card
                title={t('stats.byRegion', { region: shownRegion, year: shownYear ?? '—' })}
                extra={
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    onClick={() => exportTable('region')}
                    disabled={data.byRegion.length === 0}
                    data-testid="stats-region-export"
                  >
                    {t('common.exportCsv')}
                  </Button>
                }
              >
                <div data-testid="stats-region-chart">
                  {data.byRegion.length === 0 || !regionOption ? (
                    <Empty description={t('stats.noRegions')} />
                  ) : (
                    <>
                      <Typography.Text type="secondary">{t('stats.drillHint')}</Typography.Text>
                      <LazyChart
                        option={regionOption}
                        label={t('stats.byRegion', { region: shownRegion, year: shownYear ?? '—' })}
                        height={340}
                        onClick={(event) => drillInto(data.byRegion[event.dataIndex])}
                      />
                    </>
                  )}
                </div>
                {data.byRegion.length > 0 ? (
                  <Table<StatRow>
                    size="small"
                    rowKey="key"
                    dataSource={data.byRegion}
                    pagination={false}
                    scroll={{ x: 1000 }}
                    columns={tableColumns('region')}
                    summary={() => totalsSummary(data.totals)}
                    onRow={(row) =>
                      drillable(row, data)
                        ? { onClick: () => drillInto(row), style: { cursor: 'pointer' } }
                        : {}
                    }
                    data-testid="stats-region-table"
                    style={{ marginTop: 16 }}
                  />
                ) : null}
              </Card>
            )}

            <Card
              title={t(industry ? 'stats.byDivision' : 'stats.bySection', {
                region: shownRegion,
                year: shownYear ?? '—',
              })}
              extra={
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() => exportTable('industry')}
                  disabled={data.byIndustry.length === 0}
                  data-testid="stats-industry-export"
                >
                  {t('common.exportCsv')}
                </Button>
              }
            >
              <div data-testid="stats-industry-chart">
                {data.byIndustry.length === 0 || !industryOption ? (
                  <Empty />
                ) : (
                  <>
                    {!industry ? (
                      <Typography.Text type="secondary">{t('stats.sectionHint')}</Typography.Text>
                    ) : null}
                    <LazyChart
                      option={industryOption}
                      label={t('stats.bySection', { region: shownRegion, year: shownYear ?? '—' })}
                      height={Math.max(260, data.byIndustry.length * 28 + 60)}
                      onClick={(event) => {
                        const row = data.byIndustry[data.byIndustry.length - 1 - event.dataIndex];
                        if (row && !industry && /^[A-T]$/.test(row.key)) navigateTo({ industry: row.key });
                      }}
                    />
                  </>
                )}
              </div>
              {data.byIndustry.length > 0 ? (
                <Table<StatRow>
                  size="small"
                  rowKey="key"
                  dataSource={data.byIndustry}
                  pagination={false}
                  scroll={{ x: 1000 }}
                  columns={tableColumns('industry')}
                  summary={() => totalsSummary(data.totals)}
                  data-testid="stats-industry-table"
                  style={{ marginTop: 16 }}
                />
              ) : null}
            </Card>
          </Flex>
        </Spin>
      )}
    </Flex>
  );
}
