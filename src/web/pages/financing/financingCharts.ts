/**
 * The financing dashboard's chart options (no ECharts code: the library loads with the chart). Counts are numbers;
 * the rates come as text with one decimal and are read as numbers only to be drawn.
 */
import { CHART_COLORS } from '../../components/chartOptions.ts';
import type { ChartOption } from '../../components/EChart.tsx';

/** A percentage as the API gives it ("66.7"), as a number to draw; null stays a gap. */
export function percentValue(text: string | null): number | null {
  if (text === null || !/^\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

/** Months: demands and grants as bars on the left axis, the grant rate (%) as a line on the right. */
export function monthsOption(
  rows: readonly { month: string; demands: number; granted: number; grantRate: string | null }[],
  names: { demands: string; granted: string; grantRate: string },
): ChartOption {
  return {
    color: CHART_COLORS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.month) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: names.demands,
        data: rows.map((r) => r.demands),
        barMaxWidth: 28,
        itemStyle: { borderRadius: [4, 4, 0, 0] },
      },
      {
        type: 'bar',
        name: names.granted,
        data: rows.map((r) => r.granted),
        barMaxWidth: 28,
        itemStyle: { borderRadius: [4, 4, 0, 0] },
      },
      {
        type: 'line',
        name: names.grantRate,
        yAxisIndex: 1,
        data: rows.map((r) => percentValue(r.grantRate)),
        connectNulls: true,
        tooltip: { valueFormatter: (value) => (value === null || value === undefined ? '—' : `${value}%`) },
      },
    ],
  };
}

/** Named categories with two counts side by side (demands and grants by region). */
export function pairedBarOption(
  categories: readonly string[],
  first: { name: string; data: number[] },
  second: { name: string; data: number[] },
): ChartOption {
  return {
    color: CHART_COLORS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: [...categories],
      axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0, width: 90, overflow: 'truncate' },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [first, second].map((s) => ({
      type: 'bar' as const,
      name: s.name,
      data: s.data,
      barMaxWidth: 28,
      itemStyle: { borderRadius: [4, 4, 0, 0] },
      label: { show: true, position: 'top' as const },
    })),
  };
}

/**
 * The declined reasons as a donut with its legend below, one reason a row and never cut short (a reason's name is
 * long, "Collateral or guarantee insufficient"); the tooltip gives the count and share.
 */
export function reasonsOption(
  items: readonly { name: string; value: number }[],
  seriesName: string,
): ChartOption {
  return {
    color: CHART_COLORS,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: {
      type: 'scroll',
      orient: 'vertical',
      left: 'center',
      bottom: 0,
      tooltip: { show: true },
    },
    series: [
      {
        type: 'pie',
        name: seriesName,
        radius: [50, 90],
        center: ['50%', 100],
        avoidLabelOverlap: true,
        label: { show: false },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        data: [...items],
      },
    ],
  };
}
