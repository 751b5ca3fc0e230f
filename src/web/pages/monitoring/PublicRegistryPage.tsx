/**
 * `/monitoring/registry?region=<code>` (anyone): the registry's published monthly statistics of a region (`national`
 * for the national ones; issue 16, measure 3). Without `region` the reader lands on a region that publishes them: an
 * official on their own region (or the nearest above or below it that publishes), anyone else on the national
 * statistics, or the one region that publishes (monitoringModel.registryLandingRegion) — pickers for the count (active enterprises, entries, exits, new
 * registrations), the GB/T 4754 section, the region's next level down and the size class (in the address); the count
 * across the months as a line (a stock) or bars (a flow), the points as a table too; CSV and XLSX downloads; and the
 * latest release: its commentary and its figures. Counts, not indices: no line of 100, nothing withheld, no trace.
 */
import { FileExcelOutlined, FileTextOutlined, TableOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Collapse, Empty, Flex, Row, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { dateTimeInChina } from '../../../shared/today.ts';
import {
  monitoringDownloads,
  monitoringQueries,
  type PublicRegistryFilters,
  type PublicSeries,
} from '../../api/monitoring.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { DownloadButton } from '../../components/DownloadButton.tsx';
import { LazyChart } from '../../components/LazyChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useApiQuery } from '../../lib/queries.ts';
import { matching, paramReader, useUrlFilters } from '../../lib/urlFilters.ts';
import { countSeriesOption } from './monitoringCharts.ts';
import {
  chartValue,
  compareCountMeasures,
  formatPeriod,
  NATIONAL_REGION_PARAM,
  periodTick,
  REGISTRY_MEASURES,
  registryLandingRegion,
} from './monitoringModel.ts';
import {
  Commentary,
  CountValue,
  SeriesName,
  SurveyRegion,
  sixDigitRegion,
  useMeasureName,
  useSectionName,
  useSizeName,
} from './monitoringParts.tsx';
import { CountFiguresTable, CountGroupPickers } from './RegistryFigures.tsx';

const readFilters = paramReader({
  /** The release's region: `national`, or a six-digit code; none: the reader lands on one. */
  region: matching(/^(\d{6}|national)$/),
  measure: matching(/^[a-z_]{2,60}$/),
  industry: matching(/^[A-Z]$/),
  /** The region's next level down. */
  area: matching(/^\d{6}$/),
  size: matching(/^[a-z_]{2,20}$/),
});

export default function PublicRegistryPage() {
  const { t, locale } = useI18n();
  const { filters, update } = useUrlFilters(readFilters);
  const { state: session } = useSession();
  // No region asked: land on one that publishes (an official's own, else the nearest; anyone else the national).
  const landing = filters.region === undefined;
  const published = useApiQuery({ ...monitoringQueries.publicSeriesList(), enabled: landing });
  const ownRegion =
    session.status === 'signedIn' && session.user.role === 'official'
      ? (session.user.regionCode ?? null)
      : null;
  const landOn =
    landing && session.status !== 'loading' && (published.data || published.error)
      ? registryLandingRegion(
          (published.data?.items ?? []).filter((s) => s.kind === 'registry').map((s) => s.regionCode),
          ownRegion,
        )
      : null;
  useEffect(() => {
    if (landOn !== null) update({ region: landOn || NATIONAL_REGION_PARAM });
  }, [landOn, update]);
  const region = filters.region === NATIONAL_REGION_PARAM ? '' : (filters.region ?? '');
  const query: PublicRegistryFilters = {
    measure: filters.measure,
    industry: filters.industry,
    regionCode: filters.area,
    size: filters.size,
  };
  const series = useApiQuery<PublicSeries>(
    { ...monitoringQueries.publicRegistry(region, query), retry: false, enabled: !landing },
    { keepPrevious: true },
  );
  const measureName = useMeasureName();
  const sectionName = useSectionName();
  const sizeName = useSizeName();
  const data = series.data;
  const lang = locale === 'en' ? 'en' : 'zh';
  const measure = data?.measure ?? filters.measure ?? 'enterprises';
  const measures = data && data.measures.length > 0 ? data.measures : [...REGISTRY_MEASURES];
  const fileName = `registry-${region || 'national'}`;
  return (
    <div
      style={{ maxWidth: 1200, margin: '0 auto', padding: '32px 16px 48px' }}
      data-testid="public-registry-page"
    >
      <Flex vertical gap={16}>
        <Flex vertical gap={4}>
          <Link to="/monitoring">{t('monitoring.public.back')}</Link>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
            <TableOutlined style={{ color: '#1458c4' }} />{' '}
            {landing ? (
              t('monitoring.releaseKind.registry')
            ) : (
              <SeriesName kind="registry" nameZh={data?.nameZh ?? null} regionCode={region} />
            )}
          </Typography.Title>
          <Typography.Text type="secondary">{t('monitoring.registry.publicIntro')}</Typography.Text>
        </Flex>
        {(series.loading || landing) && !data ? <Skeleton active /> : null}
        <LoadError error={series.error} onRetry={series.reload} />
        {data ? (
          <>
            <Card size="small">
              <Flex gap={12} wrap align="flex-end">
                <Flex vertical gap={2}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('monitoring.figure.measure')}
                  </Typography.Text>
                  <Select<string>
                    style={{ width: 180 }}
                    value={measure}
                    onChange={(next) => update({ measure: next === 'enterprises' ? null : next })}
                    options={[...measures]
                      .sort(compareCountMeasures)
                      .map((m) => ({ value: m, label: measureName(m) }))}
                    popupMatchSelectWidth={false}
                    aria-label={t('monitoring.figure.measure')}
                    data-testid="registry-measure"
                  />
                </Flex>
                <CountGroupPickers
                  groups={data.groups}
                  value={{ industry: filters.industry, regionCode: filters.area, size: filters.size }}
                  onChange={(group) =>
                    update({
                      industry: group.industry ?? null,
                      area: group.regionCode ?? null,
                      size: group.size ?? null,
                    })
                  }
                  testIdPrefix="registry"
                  labelled
                />
                <Flex gap={8} wrap style={{ marginInlineStart: 'auto' }}>
                  <DownloadButton
                    icon={<FileTextOutlined />}
                    url={monitoringDownloads.publicRegistry(region, query, 'csv', lang)}
                    fileName={`${fileName}.csv`}
                    data-testid="registry-export-csv"
                  >
                    {t('monitoring.exportCsv')}
                  </DownloadButton>
                  <DownloadButton
                    icon={<FileExcelOutlined />}
                    url={monitoringDownloads.publicRegistry(region, query, 'xlsx', lang)}
                    fileName={`${fileName}.xlsx`}
                    data-testid="registry-export-xlsx"
                  >
                    {t('monitoring.exportXlsx')}
                  </DownloadButton>
                </Flex>
              </Flex>
            </Card>
            <Card
              size="small"
              title={
                <span data-testid="registry-chart-title">
                  {measureName(measure)} · {sectionName(data.industry)} ·{' '}
                  {data.region ? (
                    <RegionName code={sixDigitRegion(data.region)} />
                  ) : (
                    t('monitoring.group.allRegions')
                  )}{' '}
                  · {sizeName(data.size)}
                </span>
              }
            >
              {data.points.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.public.noPoints')} />
              ) : (
                <LazyChart
                  label={t('monitoring.registry.chartLabel', { measure: measureName(measure) })}
                  testId="registry-chart"
                  height={340}
                  option={countSeriesOption(
                    data.points.map((p, i) => ({
                      period: formatPeriod(p.period, locale),
                      tick: periodTick(p.period, locale, i === 0),
                      value: chartValue(p.value),
                    })),
                    measureName(measure),
                    measure === 'enterprises' ? 'line' : 'bar',
                  )}
                />
              )}
              <Collapse
                size="small"
                ghost
                items={[
                  {
                    key: 'points',
                    label: t('monitoring.public.pointsTable', { n: data.points.length }),
                    children: (
                      <Table
                        rowKey="period"
                        size="small"
                        pagination={false}
                        dataSource={[...data.points].reverse()}
                        data-testid="registry-points"
                        columns={[
                          {
                            title: t('monitoring.registry.period'),
                            dataIndex: 'period',
                            render: (p: string) => formatPeriod(p, locale),
                          },
                          {
                            title: t('monitoring.registry.count'),
                            dataIndex: 'value',
                            align: 'right',
                            render: (value: string | null) => <CountValue value={value} />,
                          },
                          {
                            title: t('monitoring.public.release'),
                            dataIndex: 'releaseId',
                            render: (id: number, p: PublicSeries['points'][number]) => (
                              <Link to={`/monitoring/releases/${id}`}>
                                {p.releaseVersion > 1
                                  ? t('monitoring.release.correctionN', { version: p.releaseVersion })
                                  : t('monitoring.public.openRelease')}
                              </Link>
                            ),
                          },
                        ]}
                      />
                    ),
                  },
                ]}
              />
            </Card>
            {data.latest ? (
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={12}>
                  <Card
                    size="small"
                    title={t('monitoring.public.latest', {
                      period: formatPeriod(data.latest.period, locale),
                    })}
                    data-testid="registry-latest"
                  >
                    <Flex vertical gap={8}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('monitoring.public.publishedAtChina', {
                          at: dateTimeInChina(data.latest.publishAt),
                        })}
                        {data.latest.releaseVersion > 1
                          ? ` · ${t('monitoring.release.correctionN', { version: data.latest.releaseVersion })}`
                          : ''}
                      </Typography.Text>
                      {data.latest.correctionNote ? (
                        <Alert type="warning" showIcon title={data.latest.correctionNote} />
                      ) : null}
                      <Commentary
                        zh={data.latest.commentaryZh}
                        en={data.latest.commentaryEn}
                        testId="registry-commentary"
                      />
                      <Link
                        to={`/monitoring/releases/${data.latest.releaseId}`}
                        data-testid="registry-latest-release"
                      >
                        {t('monitoring.public.openRelease')}
                      </Link>
                    </Flex>
                  </Card>
                </Col>
                <Col xs={24} lg={12}>
                  <Card
                    size="small"
                    title={t('monitoring.registry.latestFigures')}
                    extra={
                      <Tag>
                        <SurveyRegion code={region} />
                      </Tag>
                    }
                  >
                    <CountFiguresTable figures={data.latest.figures} testId="registry-figures" />
                  </Card>
                </Col>
              </Row>
            ) : null}
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('monitoring.registry.method')}
            </Typography.Paragraph>
          </>
        ) : null}
      </Flex>
    </div>
  );
}
