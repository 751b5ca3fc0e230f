/**
 * The shares page's chart: each body's SME share of what it awarded in projects suited to SMEs (and, beside it, of
 * what its plan reserves), as horizontal bars with the line of 30% drawn across them. A share under the line is red.
 * No ECharts code here: the library loads with the chart.
 */
import type { ChartOption } from '../../components/EChart.tsx';

/** One body's bar: its name and shares (per cent as text, null without a base). */
export interface ShareBar {
  name: string;
  awarded: string | null;
  reserved: string | null;
}

const BLUE = '#1458c4';
const RED = '#cf1322';
const LIGHT = '#91caff';

/** The chart of the bodies' shares against `line` (per cent), the first body on top. */
export function sharesOption(
  bars: readonly ShareBar[],
  line: number,
  names: { awarded: string; reserved: string; line: string },
): ChartOption {
  const rows = [...bars].reverse();
  const value = (share: string | null) => (share === null ? null : Number(share));
  const max = Math.max(
    line * 2,
    100,
    ...rows.flatMap((r) => [value(r.awarded) ?? 0, value(r.reserved) ?? 0]),
  );
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => (v === null || v === undefined || v === '-' ? '—' : `${String(v)}%`),
    },
    legend: { top: 0, data: [names.awarded, names.reserved, names.line] },
    grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: Math.min(100, Math.ceil(max / 10) * 10),
      axisLabel: { formatter: '{value}%' },
    },
    yAxis: {
      type: 'category',
      data: rows.map((r) => r.name),
      axisLabel: { width: 180, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: names.awarded,
        barMaxWidth: 16,
        color: BLUE,
        data: rows.map((r) => {
          const v = value(r.awarded);
          return v === null ? null : { value: v, itemStyle: { color: v < line ? RED : BLUE } };
        }),
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
      {
        type: 'bar',
        name: names.reserved,
        barMaxWidth: 10,
        color: LIGHT,
        data: rows.map((r) => value(r.reserved)),
      },
      {
        type: 'line',
        name: names.line,
        color: RED,
        // A tick at each body (a line needs two of them to show).
        symbol: 'rect',
        symbolSize: [3, 18],
        lineStyle: { type: 'dashed', width: 2 },
        data: rows.map(() => line),
        tooltip: { show: false },
        z: 5,
      },
    ],
  };
}
