/** The shares chart's layout: side by side on a wide screen, stacked on a phone so that nothing runs into another. */
import { describe, expect, it } from 'vitest';
import { narrowGrids, type ShareBar, sharesChartHeight, sharesOption } from './sharesChart.ts';

const names = {
  awarded: '授予比例',
  reserved: '预留比例',
  line: '要求线',
  smePanel: '中小企业份额（要求 30%）',
  smallMicroPanel: '其中小微企业（要求 60%）',
};
const bar = (name: string): ShareBar => ({
  name,
  awarded: '45',
  reserved: '50',
  awardedSmallMicro: '70',
  reservedSmallMicro: '65',
});
const bars = [bar('全年合计'), bar('货物'), bar('工程')];
const lines = { sme: 30, smallMicro: 60 };

// biome-ignore lint/suspicious/noExplicitAny: the test reads the option's plain parts
type Any = any;

describe('the shares chart on a phone', () => {
  it('stacks the two panels: the second one’s title and axis start below the first panel', () => {
    const option = sharesOption(bars, lines, names, 'narrow') as Any;
    const [first, second] = option.grid as { top: number; height: number }[];
    expect(first?.top).toBeGreaterThanOrEqual(option.legend.top + 40);
    // The second panel's title sits above its grid (nameGap); its room starts below the first panel.
    const nameGap = option.xAxis[1].nameGap as number;
    expect((second?.top ?? 0) - nameGap - 16).toBeGreaterThan((first?.top ?? 0) + (first?.height ?? 0));
    expect(option.xAxis.map((a: Any) => a.name)).toEqual([names.smePanel, names.smallMicroPanel]);
  });

  it('names the rows in both stacked panels, and makes the chart tall enough for them', () => {
    const option = sharesOption(bars, lines, names, 'narrow') as Any;
    expect(option.yAxis.map((a: Any) => a.axisLabel.show !== false)).toEqual([true, true]);
    const last = narrowGrids(bars.length)[1] as { top: number; height: number };
    expect(sharesChartHeight(bars.length, 'narrow', 300)).toBeGreaterThan(last.top + last.height);
  });

  it('keeps the panels side by side on a wide screen, at the caller’s height', () => {
    const option = sharesOption(bars, lines, names) as Any;
    expect(option.grid.map((g: Any) => g.top)).toEqual([56, 56]);
    expect(option.yAxis[1].axisLabel.show).toBe(false);
    expect(sharesChartHeight(bars.length, 'wide', 300)).toBe(300);
  });
});
