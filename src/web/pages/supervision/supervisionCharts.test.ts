import { describe, expect, it } from 'vitest';
import { debtorChartOption, monthChartOption, percentText, regionChartOption } from './supervisionCharts.ts';

type Series = { type: string; name: string; data: unknown[]; yAxisIndex?: number };
const seriesOf = (option: { series?: unknown }) => option.series as Series[];

describe('supervision charts', () => {
  it('draws the on-time rate in percent on the right axis beside the overdue count by region', () => {
    const option = regionChartOption(
      [
        { name: '苏州市', onTimeRate: 0.875, overdue: 2 },
        { name: '无锡市', onTimeRate: null, overdue: 0 },
      ],
      { onTimeRate: 'On time', overdue: 'Overdue' },
    );
    expect((option.xAxis as { data: string[] }).data).toEqual(['苏州市', '无锡市']);
    const [rate, overdue] = seriesOf(option);
    expect(rate).toMatchObject({ type: 'bar', name: 'On time', yAxisIndex: 1, data: [87.5, null] });
    expect(overdue).toMatchObject({ type: 'bar', name: 'Overdue', yAxisIndex: 0, data: [2, 0] });
    expect((option.yAxis as { max?: number }[])[1]?.max).toBe(100);
  });

  it('draws cases received as bars and the on-time rate as a line by month', () => {
    const option = monthChartOption(
      [
        { month: '2026-10', received: 4, onTimeRate: 0.5 },
        { month: '2026-11', received: 3, onTimeRate: null },
      ],
      { received: 'Received', onTimeRate: 'On time' },
    );
    expect((option.xAxis as { data: string[] }).data).toEqual(['2026-10', '2026-11']);
    const [received, rate] = seriesOf(option);
    expect(received).toMatchObject({ type: 'bar', data: [4, 3] });
    expect(rate).toMatchObject({ type: 'line', yAxisIndex: 1, data: [50, null] });
  });

  it('sets the amounts claimed and repaid side by side by kind of debtor', () => {
    const option = debtorChartOption([{ name: '机关', claimed: 186000, repaid: 50000 }], {
      claimed: 'Claimed',
      repaid: 'Repaid',
    });
    expect(seriesOf(option).map((s) => [s.name, s.data])).toEqual([
      ['Claimed', [186000]],
      ['Repaid', [50000]],
    ]);
  });

  it('shows a rate in the tooltip with its percent sign, a dash when missing', () => {
    expect(percentText(87.5)).toBe('87.5%');
    expect(percentText(null)).toBe('—');
  });
});
