/**
 * The shares chart (the shares page's bodies, a report's year and kinds): two panels side by side, each line of
 * figures a row of horizontal bars — on the left the SME share of what was awarded in projects suited to SMEs (and,
 * beside it, of what the plan reserves) against the SME line (30%), on the right the small/micro part of that
 * against its own line (60%). A share under its line is red. On a phone (`narrow`) the panels stand one above the
 * other, each titled above itself and naming its rows, and the legend may take two lines, so that no title, legend or
 * label runs into another at 390 px. No ECharts code here: the library loads with the chart.
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

/** How the panels stand: side by side (a wide screen), or one above the other (a phone). */
export type SharesLayout = 'wide' | 'narrow';

/** On a phone: room for a legend of two lines, a panel's title and top axis, a row's bars, and between panels. */
const NARROW = { legend: 52, title: 44, row: 30, gap: 16, bottom: 8 } as const;

/** The pixel heights of the narrow layout's two panels' grids, top down, for `rows` rows. */
export function narrowGrids(rows: number): { top: number; height: number }[] {
  const height = Math.max(1, rows) * NARROW.row;
  const first = NARROW.legend + NARROW.title;
  return [
    { top: first, height },
    { top: first + height + NARROW.gap + NARROW.title, height },
  ];
}

/** The chart's height: the caller's on a wide screen; on a phone, what the two stacked panels need. */
export function sharesChartHeight(rows: number, layout: SharesLayout, wideHeight: number): number {
  if (layout === 'wide') return wideHeight;
  const last = narrowGrids(rows)[1] as { top: number; height: number };
  return last.top + last.height + NARROW.bottom;
}

/** The chart of the rows' shares against `lines.sme` and `lines.smallMicro` (per cent), the first row on top. */
export function sharesOption(
  bars: readonly ShareBar[],
  lines: { sme: number; smallMicro: number },
  names: ShareChartNames,
  layout: SharesLayout = 'wide',
): ChartOption {
  const narrow = layout === 'narrow';
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
    legend: narrow
      ? {
          top: 0,
          left: 0,
          right: 0,
          itemGap: 8,
          itemWidth: 16,
          textStyle: { fontSize: 11 },
          data: [names.awarded, names.reserved, names.line],
        }
      : { top: 0, data: [names.awarded, names.reserved, names.line] },
    grid: narrow
      ? narrowGrids(rows.length).map((g) => ({
          left: 8,
          right: 40,
          top: g.top,
          height: g.height,
          containLabel: true,
        }))
      : [
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
      nameGap: narrow ? 22 : 24,
      nameTextStyle: narrow ? { fontWeight: 'bold' as const, fontSize: 12 } : { fontWeight: 'bold' as const },
      axisLabel: { formatter: '{value}%' },
    })),
    yAxis: panels.map((_, i) => ({
      type: 'category' as const,
      gridIndex: i,
      data: rows.map((r) => r.name),
      // Side by side the right panel shares the left one's row names; stacked, each names its rows.
      axisLabel: narrow
        ? { width: 88, overflow: 'truncate' as const, fontSize: 11 }
        : i === 0
          ? { width: 140, overflow: 'truncate' as const }
          : { show: false },
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
