/**
 * The shares chart (the shares page's bodies, a report's year and kinds): two panels side by side, each line of
 * figures a row of horizontal bars — on the left the SME share of what was awarded in projects suited to SMEs (and,
 * beside it, of what the plan reserves) against the SME line (30%), on the right the small/micro part of that
 * against its own line (60%). A share under its line is red. No ECharts code here: the library loads with the chart.
 */
import type { ChartOption } from '../../components/EChart.tsx';

/** One row: its name and shares (per cent as text, null without a base). */
export interface ShareBar {
  name: string;
  awarded: string | null;
  reserved: string | null;
  /** Small/micro ÷ SME of what was awarded, and of what the plan reserves. */
  awardedSmallMicro: string | null;
  reservedSmallMicro: string | null;
}

/** The names the chart shows (legend and panels). */
export interface ShareChartNames {
  awarded: string;
  reserved: string;
  line: string;
  smePanel: string;
  smallMicroPanel: string;
}

const BLUE = '#1458c4';
const RED = '#cf1322';
const LIGHT = '#91caff';

const value = (share: string | null) => (share === null ? null : Number(share));

/** The chart of the rows' shares against `lines.sme` and `lines.smallMicro` (per cent), the first row on top. */
export function sharesOption(
  bars: readonly ShareBar[],
  lines: { sme: number; smallMicro: number },
  names: ShareChartNames,
): ChartOption {
  const rows = [...bars].reverse();
  const panels = [
    { line: lines.sme, awarded: (r: ShareBar) => r.awarded, reserved: (r: ShareBar) => r.reserved },
    {
      line: lines.smallMicro,
      awarded: (r: ShareBar) => r.awardedSmallMicro,
      reserved: (r: ShareBar) => r.reservedSmallMicro,
    },
  ];
  const axisMax = (panel: (typeof panels)[number]) =>
    Math.min(
      100,
      Math.ceil(
        Math.max(
          Math.min(panel.line * 2, 100),
          ...rows.flatMap((r) => [value(panel.awarded(r)) ?? 0, value(panel.reserved(r)) ?? 0]),
        ) / 10,
      ) * 10,
    );
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => (v === null || v === undefined || v === '-' ? '—' : `${String(v)}%`),
    },
    legend: { top: 0, data: [names.awarded, names.reserved, names.line] },
    grid: [
      { left: 8, right: '52%', top: 56, bottom: 8, containLabel: true },
      { left: '52%', right: 48, top: 56, bottom: 8, containLabel: true },
    ],
    xAxis: panels.map((panel, i) => ({
      type: 'value' as const,
      gridIndex: i,
      min: 0,
      max: axisMax(panel),
      position: 'top' as const,
      name: i === 0 ? names.smePanel : names.smallMicroPanel,
      nameLocation: 'middle' as const,
      nameGap: 24,
      nameTextStyle: { fontWeight: 'bold' as const },
      axisLabel: { formatter: '{value}%' },
    })),
    yAxis: panels.map((_, i) => ({
      type: 'category' as const,
      gridIndex: i,
      data: rows.map((r) => r.name),
      axisLabel: i === 0 ? { width: 140, overflow: 'truncate' as const } : { show: false },
    })),
    series: panels.flatMap((panel, i) => [
      {
        type: 'bar' as const,
        name: names.awarded,
        xAxisIndex: i,
        yAxisIndex: i,
        barMaxWidth: 16,
        color: BLUE,
        data: rows.map((r) => {
          const v = value(panel.awarded(r));
          return v === null ? null : { value: v, itemStyle: { color: v < panel.line ? RED : BLUE } };
        }),
        label: { show: true, position: 'right' as const, formatter: '{c}%' },
      },
      {
        type: 'bar' as const,
        name: names.reserved,
        xAxisIndex: i,
        yAxisIndex: i,
        barMaxWidth: 10,
        color: LIGHT,
        data: rows.map((r) => value(panel.reserved(r))),
      },
      {
        type: 'line' as const,
        name: names.line,
        xAxisIndex: i,
        yAxisIndex: i,
        color: RED,
        // A tick at each row (a line needs two of them to show).
        symbol: 'rect',
        symbolSize: [3, 18],
        lineStyle: { type: 'dashed' as const, width: 2 },
        data: rows.map(() => panel.line),
        tooltip: { show: false },
        z: 5,
      },
    ]),
  };
}
