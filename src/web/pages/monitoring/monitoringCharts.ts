/**
 * The monitoring pages' chart options (no ECharts code: the library loads with the chart): the panel's make-up
 * beside the registry's as grouped bars of shares, and an index's time series as a line with its line (100, or 50
 * for the PMI) drawn as a dashed series of its own. Values come as decimal text and are read as numbers only to be
 * drawn.
 */
import { CHART_COLORS } from '../../components/chartOptions.ts';
import type { ChartOption } from '../../components/EChart.tsx';

/** Shares (0…1) by category as grouped horizontal bars in per cent, one series per share kind. */
export function shareBarOption(
  categories: readonly string[],
  series: readonly { name: string; shares: readonly number[] }[],
): ChartOption {
  const percent = (share: number) => Math.round(share * 1000) / 10;
  return {
    color: CHART_COLORS,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value) => (typeof value === 'number' ? `${value}%` : '—'),
    },
    legend: { top: 0 },
    grid: { left: 8, right: 32, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      data: [...categories].reverse(),
      axisLabel: { width: 160, overflow: 'truncate' },
    },
    series: series.map((s) => ({
      type: 'bar' as const,
      name: s.name,
      data: [...s.shares].reverse().map(percent),
      barMaxWidth: 14,
    })),
  };
}

/** An index's points by period as a line, its line (荣枯线) dashed across the same periods. */
export function seriesLineOption(
  points: readonly { period: string; value: number | null }[],
  names: { series: string; line: string },
  line: number,
): ChartOption {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const low = Math.min(line, ...values);
  const high = Math.max(line, ...values);
  const pad = Math.max(2, Math.ceil((high - low) * 0.15));
  return {
    color: [CHART_COLORS[0] as string, '#8c8c8c'],
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => (typeof value === 'number' ? value.toFixed(1) : '—'),
    },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.period), boundaryGap: false },
    yAxis: {
      type: 'value',
      // Whole fives around the values and the line, so the axis reads 75, 80, … rather than 74 and 117.
      min: Math.floor((low - pad) / 5) * 5,
      max: Math.ceil((high + pad) / 5) * 5,
      scale: true,
    },
    series: [
      {
        type: 'line',
        name: names.series,
        data: points.map((p) => p.value),
        connectNulls: false,
        symbolSize: 7,
        label: { show: points.length <= 12, position: 'top', formatter: (p) => Number(p.value).toFixed(1) },
      },
      {
        type: 'line',
        name: names.line,
        data: points.map(() => line),
        symbol: 'none',
        lineStyle: { type: 'dashed', width: 1 },
        tooltip: { show: false },
        silent: true,
      },
    ],
  };
}

/**
 * A count's points by period (the registry's statistics): a stock (active enterprises) as a line on an axis fitted
 * to its values, a flow (entries, exits, new registrations) as bars from zero. No line to read them against.
 */
export function countSeriesOption(
  points: readonly { period: string; value: number | null }[],
  name: string,
  shape: 'line' | 'bar',
): ChartOption {
  const grouped = (value: number) => value.toLocaleString('en-US');
  return {
    color: [CHART_COLORS[0] as string],
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => (typeof value === 'number' ? grouped(value) : '—'),
    },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.period), boundaryGap: shape === 'bar' },
    yAxis: { type: 'value', scale: shape === 'line', minInterval: 1 },
    series: [
      {
        type: shape,
        name,
        data: points.map((p) => p.value),
        ...(shape === 'line' ? { connectNulls: false, symbolSize: 7 } : { barMaxWidth: 32 }),
        label: {
          show: points.length <= 12,
          position: 'top',
          formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? grouped(p.value) : ''),
        },
      },
    ],
  };
}
