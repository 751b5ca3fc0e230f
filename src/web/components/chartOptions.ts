/** Builders of the chart options used across pages (no ECharts code: the library loads with the chart). */
import type { ChartOption } from './EChart.tsx';

/** Shared look: the platform's blue palette. */
export const CHART_COLORS = [
  '#1458c4',
  '#2f9bff',
  '#13a8a8',
  '#52c41a',
  '#faad14',
  '#fa8c16',
  '#eb2f96',
  '#722ed1',
  '#5b8ff9',
  '#9fb40f',
  '#6dc8ec',
  '#945fb9',
];

/** A horizontal bar chart of named counts, largest on top. */
export function horizontalBarOption(
  items: { name: string; value: number }[],
  seriesName: string,
): ChartOption {
  const rows = [...items].reverse();
  return {
    color: CHART_COLORS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: rows.map((row) => row.name),
      axisLabel: { width: 170, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: seriesName,
        data: rows.map((row) => row.value),
        barMaxWidth: 22,
        itemStyle: { borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right' },
      },
    ],
  };
}

/** A vertical bar chart of named counts. */
export function verticalBarOption(items: { name: string; value: number }[], seriesName: string): ChartOption {
  return {
    color: CHART_COLORS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: items.map((row) => row.name),
      axisLabel: { interval: 0, rotate: items.length > 6 ? 30 : 0, width: 90, overflow: 'truncate' },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: seriesName,
        data: items.map((row) => row.value),
        barMaxWidth: 36,
        itemStyle: { borderRadius: [4, 4, 0, 0] },
        label: { show: true, position: 'top' },
      },
    ],
  };
}

/** A donut chart of named counts with a scrolling legend. */
export function donutOption(items: { name: string; value: number }[], seriesName: string): ChartOption {
  return {
    color: CHART_COLORS,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: {
      type: 'scroll',
      orient: 'vertical',
      right: 0,
      top: 'middle',
      width: 200,
      textStyle: { width: 180, overflow: 'truncate' },
    },
    series: [
      {
        type: 'pie',
        name: seriesName,
        radius: ['42%', '70%'],
        center: ['32%', '50%'],
        avoidLabelOverlap: true,
        label: { show: false },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        data: items,
      },
    ],
  };
}

/** One stacked series: a size class with its colour and a count per category. */
export interface StackedSeries {
  name: string;
  color: string;
  data: number[];
}

/**
 * A stacked bar chart (sizes by region or industry) with a legend; horizontal bars suit long category names
 * (industries), vertical ones short names (regions).
 */
export function stackedBarOption(
  categories: string[],
  series: StackedSeries[],
  horizontal: boolean,
): ChartOption {
  const categoryAxis = {
    type: 'category' as const,
    data: horizontal ? [...categories].reverse() : categories,
    axisLabel: horizontal
      ? { width: 180, overflow: 'truncate' as const }
      : { interval: 0, rotate: categories.length > 6 ? 30 : 0, width: 90, overflow: 'truncate' as const },
  };
  const valueAxis = { type: 'value' as const, minInterval: 1 };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: series.map((item) => ({
      type: 'bar' as const,
      name: item.name,
      stack: 'size',
      color: item.color,
      barMaxWidth: horizontal ? 22 : 40,
      emphasis: { focus: 'series' as const },
      data: horizontal ? [...item.data].reverse() : item.data,
    })),
  };
}
