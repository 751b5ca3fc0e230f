/**
 * 政策触达 (measure 25): how far a published policy reached in the official's region — matched enterprises,
 * notified, read, confirmed/applied, paid — as a funnel of totals and per child region (chart and table). A
 * child region can be opened; the breadcrumb goes back up.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Col, Empty, Flex, Row, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Reach } from '../../api/client.ts';
import { CHART_COLORS } from '../../components/chartOptions.ts';
import type { ChartOption } from '../../components/EChart.tsx';
import { LazyChart } from '../../components/LazyChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDecimal, formatNumber, formatPercent } from '../../lib/format.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';

type ReachRow = Reach['rows'][number];
export const REACH_STAGES = ['matched', 'notified', 'read', 'confirmed', 'paid'] as const;
type Stage = (typeof REACH_STAGES)[number];

const STAGE_COLORS = [CHART_COLORS[0], CHART_COLORS[1], CHART_COLORS[2], CHART_COLORS[3], CHART_COLORS[4]];

/** Totals as a funnel of horizontal bars, the first stage on top. */
export function funnelOption(values: { name: string; value: number }[]): ChartOption {
  const rows = [...values].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((row) => row.name) },
    series: [
      {
        type: 'bar',
        data: rows.map((row, i) => ({
          value: row.value,
          itemStyle: { color: STAGE_COLORS[rows.length - 1 - i] ?? CHART_COLORS[0] },
        })),
        barMaxWidth: 26,
        itemStyle: { borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right' },
      },
    ],
  };
}

/** Stages per region as grouped bars. */
export function groupedOption(categories: string[], series: { name: string; data: number[] }[]): ChartOption {
  return {
    color: STAGE_COLORS.filter((c): c is string => c !== undefined),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: categories,
      axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0, width: 90, overflow: 'truncate' },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ type: 'bar' as const, name: s.name, data: s.data, barMaxWidth: 18 })),
  };
}

interface Crumb {
  code: string | undefined;
  name: string;
}

export function ReachTab({ policyId }: { policyId: number }) {
  const { t, locale } = useI18n();
  const [trail, setTrail] = useState<Crumb[]>([]);
  const region = trail.at(-1)?.code;
  const reach = useApiQuery(
    apiQuery('/api/policies/:id/reach', { params: { id: policyId }, query: { region } }),
    {
      keepPrevious: true,
    },
  );
  const data = reach.data;
  const stageName = (stage: Stage) => t(`policyAdmin.reach.${stage}`);

  const [funnel, grouped] = useMemo(() => {
    if (!data) return [null, null];
    const label = (stage: Stage) => t(`policyAdmin.reach.${stage}`);
    return [
      funnelOption(REACH_STAGES.map((stage) => ({ name: label(stage), value: data.total[stage] }))),
      groupedOption(
        data.rows.map((row) => row.name),
        REACH_STAGES.map((stage) => ({ name: label(stage), data: data.rows.map((row) => row[stage]) })),
      ),
    ];
  }, [data, t]);

  const open = (row: ReachRow) => {
    // A county is the lowest level: nothing below it to open.
    if (!/^\d{4}00$/.test(row.regionCode) || row.regionCode === data?.regionCode) return;
    setTrail((current) => [...current, { code: row.regionCode, name: row.name }]);
  };

  const crumbs: Crumb[] = [{ code: undefined, name: t('policyAdmin.reach.myRegion') }, ...trail];

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Breadcrumb
            items={crumbs.map((crumb, index) => ({
              key: crumb.code ?? 'root',
              title:
                index === crumbs.length - 1 ? (
                  <strong>{crumb.name}</strong>
                ) : (
                  <Typography.Link onClick={() => setTrail(trail.slice(0, index))}>
                    {crumb.name}
                  </Typography.Link>
                ),
            }))}
          />
          <Button icon={<ReloadOutlined />} onClick={reach.reload} loading={reach.loading}>
            {t('common.reload')}
          </Button>
        </Flex>
      </Card>
      <LoadError error={reach.error} onRetry={reach.reload} style={{ marginBottom: 0 }} />
      {data ? (
        <>
          <Row gutter={[12, 12]}>
            {REACH_STAGES.map((stage) => (
              <Col xs={12} sm={8} lg={4} key={stage}>
                <Card size="small">
                  <Statistic
                    title={stageName(stage)}
                    value={formatNumber(data.total[stage], locale)}
                    suffix={
                      stage === 'matched' ? null : (
                        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                          {formatPercent(data.total[stage], data.total.matched, locale)}
                        </Typography.Text>
                      )
                    }
                    data-testid={`reach-total-${stage}`}
                  />
                </Card>
              </Col>
            ))}
            <Col xs={24} sm={16} lg={4}>
              <Card size="small">
                <Statistic
                  title={t('policyAdmin.reach.paidAmount')}
                  value={formatDecimal(data.total.paidAmount, locale)}
                  suffix={t('policyAdmin.benefits.yuan')}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={10}>
              <Card size="small" title={t('policyAdmin.reach.funnel')} style={{ height: '100%' }}>
                <div data-testid="reach-chart">
                  {funnel ? (
                    <LazyChart option={funnel} label={t('policyAdmin.reach.funnel')} height={260} />
                  ) : null}
                </div>
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('policyAdmin.reach.byRegion')} style={{ height: '100%' }}>
                {data.rows.length === 0 || !grouped ? (
                  <Empty description={t('policyAdmin.reach.none')} />
                ) : (
                  <LazyChart
                    option={grouped}
                    label={t('policyAdmin.reach.byRegion')}
                    height={260}
                    onClick={(event) => {
                      const row = data.rows[event.dataIndex];
                      if (row) open(row);
                    }}
                    testId="reach-region-chart"
                  />
                )}
              </Card>
            </Col>
          </Row>
          <Card size="small">
            <Table<ReachRow>
              rowKey="regionCode"
              size="small"
              dataSource={data.rows}
              pagination={false}
              scroll={{ x: 900 }}
              data-testid="reach-table"
              onRow={(row) => ({ onClick: () => open(row), style: { cursor: 'pointer' } })}
              columns={[
                {
                  key: 'name',
                  title: t('policyAdmin.reach.region'),
                  render: (_, row) => (
                    <span>
                      {row.name}{' '}
                      <Typography.Text type="secondary" className="huiqi-mono">
                        {row.regionCode}
                      </Typography.Text>
                    </span>
                  ),
                },
                ...REACH_STAGES.map((stage) => ({
                  key: stage,
                  title: stageName(stage),
                  align: 'right' as const,
                  width: 110,
                  render: (_: unknown, row: ReachRow) => formatNumber(row[stage], locale),
                })),
                {
                  key: 'readRate',
                  title: t('policyAdmin.reach.readRate'),
                  align: 'right' as const,
                  width: 100,
                  render: (_: unknown, row: ReachRow) => formatPercent(row.read, row.notified, locale),
                },
                {
                  key: 'paidAmount',
                  title: t('policyAdmin.reach.paidAmountYuan'),
                  align: 'right' as const,
                  width: 140,
                  render: (_: unknown, row: ReachRow) => formatDecimal(row.paidAmount, locale),
                },
              ]}
              summary={() => (
                <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
                  <Table.Summary.Cell index={0}>{t('policyAdmin.reach.totalRow')}</Table.Summary.Cell>
                  {REACH_STAGES.map((stage, i) => (
                    <Table.Summary.Cell key={stage} index={i + 1} align="right">
                      {formatNumber(data.total[stage], locale)}
                    </Table.Summary.Cell>
                  ))}
                  <Table.Summary.Cell index={REACH_STAGES.length + 1} align="right">
                    {formatPercent(data.total.read, data.total.notified, locale)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={REACH_STAGES.length + 2} align="right">
                    {formatDecimal(data.total.paidAmount, locale)}
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Card>
        </>
      ) : null}
    </Flex>
  );
}
