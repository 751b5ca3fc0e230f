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

/** A point of a series as drawn: its period in full (the tooltip), its short tick (the axis), its value. */
export interface ChartPoint {
  period: string;
  /** The axis' label (default: the period in full). */
  tick?: string;
  value: number | null;
}

/** The steps an index axis may take: round numbers a reader counts in. */
const NICE_STEPS = [1, 2, 5, 10, 20, 25, 50, 100];

/**
 * An index axis around the values and the line: a round step (5, 10, 20, …) that gives at most six intervals, the
 * ends on that step, a margin above and below so no point sits on the frame.
 */
export function indexAxis(
  values: readonly number[],
  line: number,
): { min: number; max: number; interval: number } {
  const low = Math.min(line, ...values);
  const high = Math.max(line, ...values);
  const pad = Math.max(1, (high - low) * 0.1);
  for (const step of NICE_STEPS) {
    const min = Math.floor((low - pad) / step) * step;
    const max = Math.ceil((high + pad) / step) * step;
    if ((max - min) / step <= 6) return { min: Math.max(0, min), max, interval: step };
  }
  const step = 100;
  return {
    min: Math.max(0, Math.floor((low - pad) / step) * step),
    max: Math.ceil((high + pad) / step) * step,
    interval: step,
  };
}

/** A category axis of periods: short ticks, never overlapping, the full period in the tooltip. */
function periodAxis(points: readonly ChartPoint[], boundaryGap: boolean) {
  return {
    type: 'category' as const,
    data: points.map((p) => p.period),
    boundaryGap,
    axisTick: { alignWithLabel: true },
    axisLabel: {
      hideOverlap: true,
      formatter: (_value: string, index: number) => points[index]?.tick ?? points[index]?.period ?? '',
    },
  };
}

/** An index's points by period as a line, its line (荣枯线) dashed across the same periods. */
export function seriesLineOption(
  points: readonly ChartPoint[],
  names: { series: string; line: string },
  line: number,
): ChartOption {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const axis = indexAxis(values, line);
  return {
    color: [CHART_COLORS[0] as string, '#8c8c8c'],
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => (typeof value === 'number' ? value.toFixed(1) : '—'),
    },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: periodAxis(points, false),
    yAxis: {
      type: 'value',
      // Round steps around the values and the line, so the axis reads 80, 90, 100, … rather than 74 and 117.
      min: axis.min,
      max: axis.max,
      interval: axis.interval,
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
  points: readonly ChartPoint[],
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
    xAxis: periodAxis(points, shape === 'bar'),
    yAxis: {
      type: 'value',
      scale: shape === 'line',
      minInterval: 1,
      splitNumber: 4,
      axisLabel: { formatter: (value: number) => grouped(value) },
    },
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
