/**
 * The cultivation dashboard's pipeline chart (issue 18): the year's applications by stage, a row of horizontal bars
 * per stage (the first stage on top) with one bar per tier, each bar's count at its end. On a phone (`narrow`) the
 * legend may take two lines and the rows' names are shorter, so that no name, legend or count runs into another at
 * 390 px. No ECharts code here: the library loads with the chart.
 */
import type { ChartOption } from '../../components/EChart.tsx';

/** How the chart stands: a wide screen, or a phone. */
export type PipelineLayout = 'wide' | 'narrow';

/** A named code (a tier or a stage) as the chart shows it. */
export interface Named<C extends string> {
  code: C;
  name: string;
}

/** The room the legend takes above the bars, and each stage's row. */
const ROOM = { wide: { legend: 36, row: 40 }, narrow: { legend: 60, row: 46 } } as const;
const COLORS = ['#13a8a8', '#1458c4', '#d48806'] as const;

/** The chart's height for `stages` rows: the legend, each row's bars, the axis below. */
export function pipelineChartHeight(stages: number, layout: PipelineLayout): number {
  return ROOM[layout].legend + Math.max(1, stages) * ROOM[layout].row + 32;
}

/** The chart of the counts by tier (series) and stage (rows). */
export function pipelineOption<T extends string, S extends string>(
  counts: readonly { tier: T; stage: S; count: number }[],
  tiers: readonly Named<T>[],
  stages: readonly Named<S>[],
  layout: PipelineLayout = 'wide',
): ChartOption {
  const narrow = layout === 'narrow';
  const countOf = (tier: T, stage: S) => counts.find((c) => c.tier === tier && c.stage === stage)?.count ?? 0;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: narrow
      ? {
          top: 0,
          left: 0,
          right: 0,
          itemGap: 8,
          itemWidth: 14,
          textStyle: { fontSize: 11 },
          data: tiers.map((t) => t.name),
        }
      : { top: 0, data: tiers.map((t) => t.name) },
    grid: {
      left: 8,
      right: narrow ? 28 : 40,
      top: ROOM[layout].legend,
      bottom: 8,
      containLabel: true,
    },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: stages.map((s) => s.name),
      axisLabel: narrow
        ? { width: 72, overflow: 'truncate', fontSize: 11 }
        : { width: 120, overflow: 'truncate' },
    },
    series: tiers.map((tier, i) => ({
      type: 'bar' as const,
      name: tier.name,
      itemStyle: { color: COLORS[i % COLORS.length] },
      barMaxWidth: 12,
      label: {
        show: true,
        position: 'right' as const,
        fontSize: narrow ? 10 : 11,
        formatter: (p: { value?: unknown }) => (Number(p.value) > 0 ? String(p.value) : ''),
      },
      data: stages.map((s) => countOf(tier.code, s.code)),
    })),
  };
}
