/**
 * Chart options of the supervision dashboard (no ECharts code: the library loads with the chart). Counts and
 * amounts go on the left axis, rates (0..1 in the data) in percent on the right one; a missing rate (nothing
 * replied) is a gap.
 */
import { CHART_COLORS } from '../../components/chartOptions.ts';
import type { ChartOption } from '../../components/EChart.tsx';
import { percentValue } from './supervisionModel.ts';

/** Options of the dashboard's charts: bars and lines. */
export type SupervisionChartOption = ChartOption;

/** Red of overdue cases. */
const OVERDUE_COLOR = '#cf1322';
const ON_TIME_COLOR = CHART_COLORS[0] ?? '#1458c4';
const RECEIVED_COLOR = CHART_COLORS[1] ?? '#2f9bff';
const CLAIMED_COLOR = CHART_COLORS[5] ?? '#fa8c16';
const REPAID_COLOR = CHART_COLORS[3] ?? '#52c41a';

/** A tooltip value in percent ('—' when there is none). */
export function percentText(value: unknown): string {
  return typeof value === 'number' ? `${value}%` : '—';
}

function categoryAxis(categories: readonly string[]) {
  return {
    type: 'category' as const,
    data: [...categories],
    axisLabel: {
      interval: 0,
      rotate: categories.length > 6 ? 30 : 0,
      width: 90,
      overflow: 'truncate' as const,
    },
  };
}

const PERCENT_AXIS = {
  type: 'value' as const,
  min: 0,
  max: 100,
  axisLabel: { formatter: '{value}%' },
  splitLine: { show: false },
};

/** By region: on-time rate (bars, right axis, %) beside the open cases past their deadline (bars, left axis). */
export function regionChartOption(
  rows: readonly { name: string; onTimeRate: number | null; overdue: number }[],
  names: { onTimeRate: string; overdue: string },
): SupervisionChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: categoryAxis(rows.map((row) => row.name)),
    yAxis: [{ type: 'value', minInterval: 1 }, PERCENT_AXIS],
    series: [
      {
        type: 'bar',
        name: names.onTimeRate,
        yAxisIndex: 1,
        color: ON_TIME_COLOR,
        barMaxWidth: 28,
        data: rows.map((row) => percentValue(row.onTimeRate)),
        tooltip: { valueFormatter: percentText },
      },
      {
        type: 'bar',
        name: names.overdue,
        yAxisIndex: 0,
        color: OVERDUE_COLOR,
        barMaxWidth: 28,
        data: rows.map((row) => row.overdue),
      },
    ],
  };
}

/** By month received: cases received (bars, left axis) and the on-time rate (line, right axis, %). */
export function monthChartOption(
  rows: readonly { month: string; received: number; onTimeRate: number | null }[],
  names: { received: string; onTimeRate: string },
): SupervisionChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: categoryAxis(rows.map((row) => row.month)),
    yAxis: [{ type: 'value', minInterval: 1 }, PERCENT_AXIS],
    series: [
      {
        type: 'bar',
        name: names.received,
        yAxisIndex: 0,
        color: RECEIVED_COLOR,
        barMaxWidth: 28,
        data: rows.map((row) => row.received),
      },
      {
        type: 'line',
        name: names.onTimeRate,
        yAxisIndex: 1,
        color: ON_TIME_COLOR,
        connectNulls: false,
        symbolSize: 7,
        data: rows.map((row) => percentValue(row.onTimeRate)),
        tooltip: { valueFormatter: percentText },
      },
    ],
  };
}

/** Arrears by kind of debtor: the amounts claimed and repaid side by side (yuan). */
export function debtorChartOption(
  rows: readonly { name: string; claimed: number; repaid: number }[],
  names: { claimed: string; repaid: string },
): SupervisionChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: categoryAxis(rows.map((row) => row.name)),
    yAxis: { type: 'value' },
    series: [
      {
        type: 'bar',
        name: names.claimed,
        color: CLAIMED_COLOR,
        barMaxWidth: 36,
        data: rows.map((row) => row.claimed),
      },
      {
        type: 'bar',
        name: names.repaid,
        color: REPAID_COLOR,
        barMaxWidth: 36,
        data: rows.map((row) => row.repaid),
      },
    ],
  };
}
