/** The pipeline chart: a row per stage with a bar per tier, the counts where they belong, room for the legend. */
import { describe, expect, it } from 'vitest';
import { pipelineChartHeight, pipelineOption } from './dashboardChart.ts';

const tiers = [
  { code: 'a', name: '创新型中小企业' },
  { code: 'b', name: '专精特新中小企业' },
] as const;
const stages = [
  { code: 'x', name: '县（区）审核' },
  { code: 'y', name: '省级审核' },
  { code: 'z', name: '已认定' },
] as const;
const counts = [
  { tier: 'a', stage: 'x', count: 3 },
  { tier: 'b', stage: 'z', count: 1 },
] as const;

// biome-ignore lint/suspicious/noExplicitAny: the test reads the option's plain parts
type Any = any;

describe('the pipeline chart', () => {
  it('gives each tier a series over the stages, zero where nothing is counted, the first stage on top', () => {
    const option = pipelineOption(counts, tiers, stages) as Any;
    expect(option.series.map((s: Any) => s.name)).toEqual(['创新型中小企业', '专精特新中小企业']);
    expect(option.series.map((s: Any) => s.data)).toEqual([
      [3, 0, 0],
      [0, 0, 1],
    ]);
    expect(option.yAxis.data).toEqual(['县（区）审核', '省级审核', '已认定']);
    expect(option.yAxis.inverse).toBe(true);
    expect(option.series[0].label.formatter({ value: 0 })).toBe('');
    expect(option.series[0].label.formatter({ value: 3 })).toBe('3');
  });

  it('leaves a phone room for a legend of two lines and is tall enough for every row', () => {
    const narrow = pipelineOption(counts, tiers, stages, 'narrow') as Any;
    const wide = pipelineOption(counts, tiers, stages, 'wide') as Any;
    expect(narrow.grid.top).toBeGreaterThanOrEqual(56);
    expect(narrow.grid.top).toBeGreaterThan(wide.grid.top);
    expect(pipelineChartHeight(9, 'narrow')).toBeGreaterThan(narrow.grid.top + 9 * 40);
    expect(pipelineChartHeight(9, 'wide')).toBeGreaterThan(wide.grid.top + 9 * 36);
  });
});
