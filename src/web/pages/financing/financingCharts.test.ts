import { describe, expect, it } from 'vitest';
import { monthsOption, pairedBarOption, percentValue, reasonsOption } from './financingCharts.ts';

describe('the financing dashboard charts', () => {
  it('reads a percentage to draw it, leaving a gap for none', () => {
    expect(percentValue('66.7')).toBe(66.7);
    expect(percentValue(null)).toBeNull();
    expect(percentValue('n/a')).toBeNull();
  });

  it('draws months as two bar series and the grant rate on the right axis', () => {
    const option = monthsOption(
      [
        { month: '2026-01', demands: 4, granted: 1, grantRate: '25.0' },
        { month: '2026-02', demands: 0, granted: 0, grantRate: null },
      ],
      { demands: '需求', granted: '获批', grantRate: '获批率' },
    );
    const series = option.series as { type: string; name: string; data: unknown[]; yAxisIndex?: number }[];
    expect(series.map((s) => [s.type, s.name])).toEqual([
      ['bar', '需求'],
      ['bar', '获批'],
      ['line', '获批率'],
    ]);
    expect(series[2]?.yAxisIndex).toBe(1);
    expect(series[2]?.data).toEqual([25, null]);
  });

  it('pairs two counts per category', () => {
    const option = pairedBarOption(
      ['昆山市', '太仓市'],
      { name: 'a', data: [3, 1] },
      { name: 'b', data: [1, 0] },
    );
    expect((option.xAxis as { data: string[] }).data).toEqual(['昆山市', '太仓市']);
    expect((option.series as unknown[]).length).toBe(2);
  });

  it('puts the declined reasons’ legend below the donut, names whole', () => {
    const option = reasonsOption([{ name: 'Collateral or guarantee insufficient', value: 2 }], 'Reasons');
    const legend = option.legend as { orient: string; bottom: number; textStyle?: { overflow?: string } };
    expect(legend.orient).toBe('vertical');
    expect(legend.bottom).toBe(0);
    expect(legend.textStyle?.overflow).toBeUndefined();
    expect((option.series as { data: unknown[] }[])[0]?.data).toHaveLength(1);
  });
});
