/**
 * `/monitoring/:surveyId` (anyone): one published series of the SME development index (issue 16) — pickers for the
 * measure (the index, the PMI-style composite, a sub-index, a question), the industry, the region and the size (in
 * the address); the series as a line over the periods against its line (100, or 50 for the PMI), the points as a
 * table too; CSV and XLSX downloads of the series; and the latest release: its response rate and panel size, its
 * commentary, correction note and its figures, each opening its trace (components with their weights, then weighted
 * counts). The PMI-style composite is published for each industry group too: with it picked, the industry picker
 * picks the group. A withheld figure says why (too few responses, or withheld to protect another withheld figure).
 */
import { FileExcelOutlined, FileTextOutlined, LineChartOutlined } from '@ant-design/icons';
import {
  Alert,
  Card,
  Col,
  Collapse,
  Empty,
  Flex,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { dateTimeInChina } from '../../../shared/today.ts';
import { ApiError } from '../../api/client.ts';
import {
  monitoringDownloads,
  monitoringQueries,
  type PublicSeries,
  type TraceFilters,
} from '../../api/monitoring.ts';
import { DownloadButton } from '../../components/DownloadButton.tsx';
import { LazyChart } from '../../components/LazyChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { matching, paramReader, textParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { FiguresTable, TraceDrawer, traceQueryOf } from './FigureTrace.tsx';
import { seriesLineOption } from './monitoringCharts.ts';
import {
  chartValue,
  compareMeasures,
  DISCLOSURE_MIN,
  figuresOfGroup,
  formatPeriod,
  isWithheld,
  levelWordingOf,
  lineOf,
  orderedGroups,
  periodTick,
  questionPositions,
  unknownGroupsOf,
  withheldReason,
  withheldReasons,
} from './monitoringModel.ts';
import {
  Commentary,
  IndexValue,
  PanelCoverage,
  SMEDI_SUB_INDICES,
  SurveyRegion,
  useGroupRegionNames,
  useIndustryName,
  useMeasureName,
  useSizeName,
  WeightsUsed,
  WithheldLegend,
} from './monitoringParts.tsx';

const SUB_INDEX_CODES: readonly string[] = SMEDI_SUB_INDICES.map((s) => s.code);

const readFilters = paramReader({
  measure: matching(/^[\w:.-]{2,60}$/),
  industry: textParam,
  region: matching(/^[\w]{1,6}$/),
  size: textParam,
});

/** The group pickers, of which the public uses one at a time. */
const GROUP_KEYS = ['industry', 'region', 'size'] as const;

export default function PublicSeriesPage() {
  const { t, locale } = useI18n();
  const params = useParams();
  const surveyId = Number(params.surveyId);
  const valid = Number.isSafeInteger(surveyId) && surveyId > 0;
  const { filters: given, update } = useUrlFilters(readFilters);
  // The public sees one breakdown at a time (an industry, a region or a size; the server refuses a crossed group):
  // a link naming two keeps the first of industry, region, size, and says so.
  const breakdown = GROUP_KEYS.find((key) => given[key]);
  const crossed = GROUP_KEYS.filter((key) => given[key]).length > 1;
  const filters = {
    ...given,
    ...Object.fromEntries(GROUP_KEYS.map((key) => [key, key === breakdown ? given[key] : undefined])),
  } as typeof given;
  const query = {
    measure: filters.measure,
    industry: filters.industry,
    regionCode: filters.region,
    size: filters.size,
  };
  const series = useApiQuery<PublicSeries>(
    valid
      ? { ...monitoringQueries.publicSeries(surveyId, query), retry: false }
      : refusedQuery(
          ['public-series', params.surveyId],
          new ApiError(404, 'NOT_FOUND', t('error.notFoundRecord.title')),
        ),
    { keepPrevious: true },
  );
  const [tracing, setTracing] = useState<TraceFilters | null>(null);
  const data = series.data;
  const questionText = (code: string) => {
    const q = data?.questions.find((x) => x.code === code);
    return q ? (locale === 'en' ? q.textEn : q.textZh) : undefined;
  };
  // The server lists the questions in their questionnaire's order.
  const questionPosition = questionPositions(data?.questions);
  const questionOf = (code: string) => levelWordingOf(data?.questions.find((x) => x.code === code));
  const measureName = useMeasureName(questionText);
  const industryName = useIndustryName();
  const sizeName = useSizeName();
  const groups = orderedGroups(data?.groups ?? { industries: [], regions: [], sizes: [] });
  // A group in the address that no published release of the series has (a mistyped or stale link): said so, with
  // the way back, rather than a line of empty periods under its raw code. The server lists every published group.
  const unknownGroups = data ? unknownGroupsOf(filters, groups) : [];
  const regionName = useGroupRegionNames(groups.regions, { full: false });
  const lang = locale === 'en' ? 'en' : 'zh';
  const measure = data?.measure ?? filters.measure ?? 'overall';
  const line = lineOf(measure);
  const picker = (
    key: 'measure' | 'industry' | 'region' | 'size',
    value: string | undefined,
    options: { value: string; label: string }[],
    label: string,
    width: number,
  ) => (
    <Flex vertical gap={2}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      <Select<string>
        style={{ width }}
        value={value ?? ''}
        onChange={(next) =>
          update(
            key === 'measure'
              ? { measure: next || null }
              : { ...Object.fromEntries(GROUP_KEYS.map((k) => [k, null])), [key]: next || null },
          )
        }
        options={options}
        popupMatchSelectWidth={false}
        aria-label={label}
        data-testid={`series-${key}`}
      />
    </Flex>
  );
  const groupOptions = (codes: readonly string[], all: string, name: (code: string) => string) => [
    { value: '', label: all },
    ...codes.map((code) => ({ value: code, label: name(code) })),
  ];
  /** The group the page shows: the one picked, as the server answered it. */
  const group = data ? { industry: data.industry, regionCode: data.region, size: data.size } : {};
  const groupTitle = data
    ? `${industryName(data.industry)} · ${regionName(data.region)} · ${sizeName(data.size)}`
    : '';
  const latestFigures = data?.latest ? figuresOfGroup(data.latest.figures, group) : [];
  // A point is a release's figure: one without a value is withheld (the reason, when the server gives one).
  const withheldPoints = withheldReasons(
    (data?.points ?? []).map((p) => ({ ...p, responses: 1 })).filter((p) => isWithheld(p)),
  );
  // The file's name when the server gives none: the survey and the group picked.
  const fileName = [
    `smedi-${surveyId}`,
    measure.replace(/[^\w-]+/g, '-'),
    data?.industry,
    data?.region,
    data?.size,
  ]
    .filter(Boolean)
    .join('-');
  return (
    <div
      style={{ maxWidth: 1200, margin: '0 auto', padding: '32px 16px 48px' }}
      data-testid="public-series-page"
    >
      <Flex vertical gap={16}>
        <Flex vertical gap={4}>
          <Link to="/monitoring">{t('monitoring.public.back')}</Link>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
            <LineChartOutlined style={{ color: '#1458c4' }} />{' '}
            {data
              ? locale === 'en'
                ? data.nameEn || data.nameZh
                : data.nameZh
              : t('monitoring.public.title')}
          </Typography.Title>
          {data ? (
            <Space wrap size={[4, 4]}>
              <Tag color="blue">
                <SurveyRegion code={data.regionCode} />
              </Tag>
              <Typography.Text type="secondary">{t('monitoring.public.lineNote', { line })}</Typography.Text>
            </Space>
          ) : null}
        </Flex>
        {series.loading && !data ? <Skeleton active /> : null}
        <LoadError error={series.error} onRetry={series.reload} />
        {data && unknownGroups.length > 0 ? (
          <Result
            status="info"
            title={t('monitoring.public.unknownGroup.title')}
            subTitle={t('monitoring.public.unknownGroup.detail', {
              groups: unknownGroups
                .map((g) => t(`monitoring.public.unknownGroup.${g.key}`, { code: g.code }))
                .join(locale === 'en' ? ', ' : '、'),
            })}
            extra={
              <Flex gap={16} justify="center" wrap>
                <Link
                  to={`/monitoring/${surveyId}${filters.measure ? `?measure=${encodeURIComponent(filters.measure)}` : ''}`}
                  data-testid="series-unknown-group-back"
                >
                  {t('monitoring.public.unknownGroup.back')}
                </Link>
                <Link to="/monitoring">{t('monitoring.public.back')}</Link>
              </Flex>
            }
            data-testid="series-unknown-group"
          />
        ) : null}
        {data && unknownGroups.length === 0 ? (
          <>
            <Card size="small">
              <Typography.Paragraph
                type="secondary"
                style={{ marginTop: 0 }}
                data-testid="series-one-breakdown"
              >
                {t(crossed ? 'monitoring.public.oneBreakdownKept' : 'monitoring.public.oneBreakdown')}
              </Typography.Paragraph>
              <Flex gap={12} wrap align="flex-end">
                {picker(
                  'measure',
                  filters.measure ?? data.measure,
                  [...data.measures]
                    .sort((a, b) => compareMeasures(a, b, SUB_INDEX_CODES, questionPosition))
                    .map((m) => ({ value: m, label: measureName(m) })),
                  t('monitoring.figure.measure'),
                  240,
                )}
                {picker(
                  'industry',
                  filters.industry,
                  groupOptions(groups.industries, t('monitoring.group.allIndustries'), industryName),
                  measure === 'pmi' ? t('monitoring.public.pmiIndustry') : t('monitoring.group.industry'),
                  220,
                )}
                {picker(
                  'region',
                  filters.region,
                  groupOptions(groups.regions, t('monitoring.group.allRegions'), regionName),
                  t('monitoring.group.region'),
                  200,
                )}
                {picker(
                  'size',
                  filters.size,
                  groupOptions(groups.sizes, t('monitoring.group.allSizes'), sizeName),
                  t('monitoring.group.size'),
                  140,
                )}
                <Flex gap={8} wrap style={{ marginInlineStart: 'auto' }}>
                  <DownloadButton
                    icon={<FileTextOutlined />}
                    url={monitoringDownloads.publicSeries(surveyId, query, 'csv', lang)}
                    fileName={`${fileName}.csv`}
                    data-testid="series-export-csv"
                  >
                    {t('monitoring.exportCsv')}
                  </DownloadButton>
                  <DownloadButton
                    icon={<FileExcelOutlined />}
                    url={monitoringDownloads.publicSeries(surveyId, query, 'xlsx', lang)}
                    fileName={`${fileName}.xlsx`}
                    data-testid="series-export-xlsx"
                  >
                    {t('monitoring.exportXlsx')}
                  </DownloadButton>
                </Flex>
              </Flex>
            </Card>
            <Card size="small" title={`${measureName(measure)} · ${groupTitle}`}>
              {data.points.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.public.noPoints')} />
              ) : data.points.every((p) => p.shown === null) ? (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={t(
                    withheldPoints.includes('complementary')
                      ? 'monitoring.public.allWithheld.complementary'
                      : 'monitoring.public.allWithheld',
                    { n: DISCLOSURE_MIN },
                  )}
                  data-testid="series-all-withheld"
                />
              ) : (
                <LazyChart
                  label={t('monitoring.public.chartLabel', { measure: measureName(measure) })}
                  testId="series-chart"
                  height={340}
                  option={seriesLineOption(
                    data.points.map((p, i) => ({
                      period: formatPeriod(p.period, locale),
                      tick: periodTick(p.period, locale, i === 0),
                      value: chartValue(p.value),
                    })),
                    { series: measureName(measure), line: t('monitoring.public.line', { line }) },
                    line,
                  )}
                />
              )}
              {withheldPoints.length > 0 && data.points.some((p) => p.shown !== null) ? (
                <WithheldLegend reasons={withheldPoints} />
              ) : null}
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
                        data-testid="series-points"
                        columns={[
                          {
                            title: t('monitoring.wave.period'),
                            dataIndex: 'period',
                            render: (p: string) => formatPeriod(p, locale),
                          },
                          {
                            title: t('monitoring.figure.value'),
                            dataIndex: 'shown',
                            align: 'right',
                            render: (_: unknown, p: PublicSeries['points'][number]) => (
                              <IndexValue
                                shown={p.shown}
                                value={p.value}
                                measure={measure}
                                withheld={p.shown === null && withheldReason({ ...p, responses: 1 })}
                              />
                            ),
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
                <Col xs={24} lg={10}>
                  <Card
                    size="small"
                    title={t('monitoring.public.latest', {
                      period: formatPeriod(data.latest.period, locale),
                    })}
                    data-testid="series-latest"
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
                      <PanelCoverage release={data.latest} />
                      <Commentary
                        zh={data.latest.commentaryZh}
                        en={data.latest.commentaryEn}
                        testId="series-commentary"
                      />
                      <WeightsUsed weights={data.latest.weights} />
                      <Link
                        to={`/monitoring/releases/${data.latest.releaseId}`}
                        data-testid="series-latest-release"
                      >
                        {t('monitoring.public.openRelease')}
                      </Link>
                    </Flex>
                  </Card>
                </Col>
                <Col xs={24} lg={14}>
                  <Card
                    size="small"
                    title={
                      <span data-testid="series-figures-title">
                        {t('monitoring.public.figures')} · {groupTitle}
                      </span>
                    }
                    extra={
                      <Typography.Text type="secondary">{t('monitoring.public.traceHint')}</Typography.Text>
                    }
                  >
                    <FiguresTable
                      figures={latestFigures}
                      questionText={questionText}
                      questionPosition={questionPosition}
                      emptyText={t('monitoring.public.noGroupFigures')}
                      onOpen={(figure) => setTracing(traceQueryOf(figure))}
                      testId="series-figures"
                    />
                  </Card>
                </Col>
              </Row>
            ) : null}
            {data.latest ? (
              <TraceDrawer
                start={tracing}
                traceQuery={(q) => monitoringQueries.publicTrace(data.latest?.releaseId ?? 0, q)}
                questionText={questionText}
                questionPosition={questionPosition}
                questionOf={questionOf}
                onClose={() => setTracing(null)}
              />
            ) : null}
          </>
        ) : null}
      </Flex>
    </div>
  );
}
