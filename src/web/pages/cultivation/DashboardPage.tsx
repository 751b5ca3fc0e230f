/**
 * `/app/cultivation/dashboard` (officials, admins): the cultivation dashboard (issue 18) of the official's region
 * or one under it (an admin: the country) and a year — per tier the recognitions in force against the national
 * 14th-FYP target (a national figure with no regional split, and the page says so), those expiring within 180 days
 * and the likely candidates; the year's applications by tier and stage as a chart and a table; the recognitions in
 * force by sub-region; the recognitions ending soonest (each opening its application); the registry's likely
 * candidates not applying (DashboardCandidates.tsx). The tables download as CSV or XLSX. Year, region and the
 * candidates' filters live in the address; ECharts loads with the chart.
 */
import {
  Card,
  Col,
  Empty,
  Flex,
  Grid,
  Progress,
  Row,
  Select,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { type ReactNode, useMemo } from 'react';
import { Link } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import {
  type CultivationDashboard,
  cultivationDashboardQueries,
  type DashboardFilters,
  type DashboardTable,
  dashboardExportUrl,
} from '../../api/cultivationDashboard.ts';
import type { Stage, Tier } from '../../api/cultivationReview.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { LazyChart } from '../../components/LazyChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ExportButtons } from '../../components/PagedTable.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { matching, positiveParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { DashboardCandidates } from './DashboardCandidates.tsx';
import { pipelineChartHeight, pipelineOption } from './dashboardChart.ts';
import { daysBetween, shareText } from './dashboardModel.ts';
import { ReviewHeading, TierTag } from './ReviewParts.tsx';
import { STAGES, TIERS } from './reviewModel.ts';

/** The years an application may be of: this year back to 2022 (the first standards). */
function yearsOffered(): number[] {
  const last = Number(todayInChina().slice(0, 4));
  const years: number[] = [];
  for (let year = last; year >= 2022; year--) years.push(year);
  return years;
}

const readFilters = (params: URLSearchParams) => ({
  year: positiveParam(params.get('year'), 2100),
  regionCode: matching(/^\d{6}$/)(params.get('regionCode')),
});

export default function DashboardPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const { filters, update } = useUrlFilters(readFilters);
  const query: DashboardFilters = { year: filters.year, regionCode: filters.regionCode };
  const dashboard = useApiQuery(cultivationDashboardQueries.dashboard(query), { keepPrevious: true });
  const years = useMemo(yearsOffered, []);
  const data = dashboard.data;
  const lang = locale === 'en' ? 'en' : 'zh';
  const exportOf = (table: DashboardTable) => (
    <Flex gap={8} wrap>
      <ExportButtons
        url={(format) => dashboardExportUrl(query, table, format, lang)}
        fileName={`cultivation-${table}`}
        labels={{ csv: t('cultDash.exportCsv'), xlsx: t('cultDash.exportXlsx') }}
        testId={`cult-dash-${table}`}
      />
    </Flex>
  );
  return (
    <Flex vertical gap={16} data-testid="cultivation-dashboard">
      <ReviewHeading title={t('cultDash.title')} intro={t('cultDash.intro')} />
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <Select<number>
            style={{ width: 120 }}
            value={data?.year ?? filters.year ?? years[0]}
            onChange={(year) => update({ year })}
            options={years.map((year) => ({ value: year, label: t('cultDash.yearOption', { year }) }))}
            aria-label={t('cultDash.year')}
            data-testid="cult-dash-year"
          />
          <ScopedRegionCascader
            rootCode={user?.role === 'official' ? (user.regionCode ?? null) : null}
            value={filters.regionCode}
            onChange={(regionCode) => update({ regionCode: regionCode ?? null })}
            placeholder={t('cultDash.region')}
            ariaLabel={t('cultDash.region')}
            testId="cult-dash-region"
            style={{ width: 260, maxWidth: '100%' }}
          />
          {data ? (
            <Typography.Text type="secondary" data-testid="cult-dash-scope">
              {t('cultDash.scope', { region: locale === 'en' ? data.regionNameEn : data.regionName })}
            </Typography.Text>
          ) : null}
          <ReloadButton query={dashboard} />
        </Flex>
      </Card>
      <LoadError error={dashboard.error} onRetry={dashboard.reload} style={{ marginBottom: 0 }} />
      {data ? <DashboardBody data={data} exportOf={exportOf} /> : null}
      {data ? (
        <DashboardCandidates
          regionCode={filters.regionCode}
          tierCounts={data.tiers}
          scoredAt={data.scoredAt}
          onScored={dashboard.reload}
        />
      ) : null}
    </Flex>
  );
}

type TierRow = CultivationDashboard['tiers'][number] & { stages: Record<Stage, number>; total: number };

function DashboardBody({
  data,
  exportOf,
}: {
  data: CultivationDashboard;
  exportOf: (table: DashboardTable) => ReactNode;
}) {
  const { t, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  const layout = screens.md === false ? 'narrow' : 'wide';
  const tierName = (tier: Tier) => t(`cultReview.tier.${tier}`);
  const chart = useMemo(
    () =>
      pipelineOption(
        data.pipeline,
        TIERS.map((code) => ({ code, name: t(`cultReview.tier.${code}`) })),
        STAGES.map((code) => ({ code, name: t(`cultReview.stage.${code}`) })),
        layout,
      ),
    [data, t, layout],
  );
  const rows: TierRow[] = data.tiers.map((tier) => {
    const stages = Object.fromEntries(
      data.pipeline.filter((p) => p.tier === tier.tier).map((p) => [p.stage, p.count]),
    ) as Record<Stage, number>;
    return { ...tier, stages, total: Object.values(stages).reduce((a, b) => a + b, 0) };
  });
  const anyApplication = rows.some((r) => r.total > 0);
  const pipelineColumns: TableColumnsType<TierRow> = [
    {
      title: t('cultDash.col.tier'),
      key: 'tier',
      fixed: 'left',
      width: 150,
      render: (_, row) => <TierTag tier={row.tier} />,
    },
    ...STAGES.map((stage) => ({
      title: t(`cultReview.stage.${stage}`),
      key: stage,
      width: 92,
      align: 'right' as const,
      render: (_: unknown, row: TierRow) => (
        <span data-testid={`cult-dash-pipeline-${row.tier}-${stage}`} data-value={row.stages[stage]}>
          {formatNumber(row.stages[stage], locale)}
        </span>
      ),
    })),
    {
      title: t('cultDash.col.total'),
      key: 'total',
      // Kept in sight when the stages scroll (at 1280 px they do not all fit beside the menu).
      fixed: 'right',
      width: 80,
      align: 'right',
      render: (_, row) => (
        <Typography.Text strong data-testid={`cult-dash-pipeline-${row.tier}-total`} data-value={row.total}>
          {formatNumber(row.total, locale)}
        </Typography.Text>
      ),
    },
  ];
  const regionColumns: TableColumnsType<CultivationDashboard['bySubRegion'][number]> = [
    {
      title: t('cultDash.col.region'),
      key: 'region',
      render: (_, row) => (locale === 'en' ? row.nameEn : row.name),
    },
    ...TIERS.map((tier) => ({
      title: tierName(tier),
      key: tier,
      width: 130,
      align: 'right' as const,
      render: (_: unknown, row: CultivationDashboard['bySubRegion'][number]) => (
        <span data-testid={`cult-dash-region-${row.code}-${tier}`} data-value={row.counts[tier]}>
          {formatNumber(row.counts[tier], locale)}
        </span>
      ),
    })),
    {
      title: t('cultDash.col.total'),
      key: 'total',
      fixed: 'right',
      width: 80,
      align: 'right',
      render: (_, row) => (
        <span data-testid={`cult-dash-region-${row.code}-total`} data-value={row.total}>
          {formatNumber(row.total, locale)}
        </span>
      ),
    },
  ];
  const expiringColumns: TableColumnsType<CultivationDashboard['expiring'][number]> = [
    {
      title: t('cultDash.col.enterprise'),
      key: 'enterprise',
      render: (_, row) => (
        <Flex vertical gap={2}>
          <Link
            to={`/app/cultivation/applications/${row.enterpriseId}/${row.applicationId}`}
            data-testid={`cult-dash-expiring-${row.applicationId}`}
          >
            {row.enterpriseName || `#${row.enterpriseId}`}
          </Link>
          <Typography.Text type="secondary" className="huiqi-mono" style={{ fontSize: 12 }}>
            {row.uscc}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('cultDash.col.tier'),
      key: 'tier',
      width: 190,
      render: (_, row) => <TierTag tier={row.tier} />,
    },
    {
      title: t('cultDash.col.validTo'),
      key: 'validTo',
      width: 140,
      render: (_, row) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(row.validTo, locale)}</span>,
    },
    {
      title: t('cultDash.col.daysLeft'),
      key: 'daysLeft',
      width: 100,
      align: 'right',
      render: (_, row) => t('cultDash.daysLeft', { days: daysBetween(data.today, row.validTo) }),
    },
  ];
  const expiringTotal = data.tiers.reduce((sum, tier) => sum + tier.expiring, 0);
  return (
    <>
      <Row gutter={[16, 16]} data-testid="cult-dash-tiers">
        {data.tiers.map((tier) => (
          <Col key={tier.tier} xs={24} md={8}>
            <Card size="small" style={{ height: '100%' }} data-testid={`cult-dash-tier-${tier.tier}`}>
              <Flex vertical gap={6}>
                <TierTag tier={tier.tier} />
                <Statistic
                  title={t('cultDash.recognised')}
                  value={formatNumber(tier.recognised, locale)}
                  data-testid={`cult-dash-recognised-${tier.tier}`}
                  data-value={tier.recognised}
                />
                <Progress
                  percent={Math.min(100, Number(tier.shareOfTarget))}
                  showInfo={false}
                  size="small"
                  aria-label={t('cultDash.share', { share: shareText(tier) })}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('cultDash.target', { target: formatNumber(tier.nationalTarget, locale) })} ·{' '}
                  {t('cultDash.share', { share: shareText(tier) })}
                </Typography.Text>
                <Typography.Text
                  style={{ fontSize: 12 }}
                  data-testid={`cult-dash-expiring-count-${tier.tier}`}
                  data-value={tier.expiring}
                >
                  {t('cultDash.expiringCount', { count: tier.expiring })}
                </Typography.Text>
                <Typography.Text
                  style={{ fontSize: 12 }}
                  data-testid={`cult-dash-candidates-count-${tier.tier}`}
                  data-value={tier.candidates}
                >
                  {t('cultDash.candidatesCount', { count: tier.candidates })}
                </Typography.Text>
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph
        type="secondary"
        style={{ margin: 0, fontSize: 12 }}
        data-testid="cult-dash-targets-note"
      >
        {t('cultDash.recognisedHelp', { today: formatDate(data.today, locale) })} {t('cultDash.targetsNote')}
      </Typography.Paragraph>
      <Card
        size="small"
        title={<span style={{ whiteSpace: 'normal' }}>{t('cultDash.pipeline', { year: data.year })}</span>}
        extra={layout === 'wide' ? exportOf('tiers') : null}
      >
        {layout === 'narrow' ? <div style={{ marginBottom: 12 }}>{exportOf('tiers')}</div> : null}
        {anyApplication ? (
          <LazyChart
            option={chart}
            label={t('cultDash.pipelineChart')}
            height={pipelineChartHeight(STAGES.length, layout)}
            testId="cult-dash-pipeline-chart"
          />
        ) : (
          <Empty description={t('cultDash.pipelineEmpty')} />
        )}
        <Table<TierRow>
          rowKey="tier"
          size="small"
          columns={pipelineColumns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 150 + STAGES.length * 92 + 80 }}
          data-testid="cult-dash-pipeline"
        />
      </Card>
      {data.subRegionLevel ? (
        <Card
          size="small"
          title={
            <span style={{ whiteSpace: 'normal' }}>
              {t('cultDash.bySubRegion', { level: t(`cultDash.level.${data.subRegionLevel}`) })}
            </span>
          }
          extra={layout === 'wide' ? exportOf('regions') : null}
        >
          {layout === 'narrow' ? <div style={{ marginBottom: 12 }}>{exportOf('regions')}</div> : null}
          <Table
            rowKey="code"
            size="small"
            columns={regionColumns}
            dataSource={data.bySubRegion}
            pagination={data.bySubRegion.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 600 }}
            locale={{ emptyText: <Empty description={t('cultDash.bySubRegionEmpty')} /> }}
            data-testid="cult-dash-regions"
          />
        </Card>
      ) : null}
      <Card
        size="small"
        title={t('cultDash.expiring', { days: data.expiringDays })}
        data-testid="cult-dash-expiring"
      >
        {expiringTotal > 0 ? (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('cultDash.expiringIntro', { total: expiringTotal, shown: data.expiring.length })}
          </Typography.Paragraph>
        ) : null}
        <Table
          rowKey={(row) => `${row.enterpriseId}-${row.applicationId}`}
          size="small"
          columns={expiringColumns}
          dataSource={data.expiring}
          pagination={false}
          scroll={{ x: 640 }}
          locale={{
            emptyText: <Empty description={t('cultDash.expiringEmpty', { days: data.expiringDays })} />,
          }}
          data-testid="cult-dash-expiring-table"
        />
      </Card>
    </>
  );
}
