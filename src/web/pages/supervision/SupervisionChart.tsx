/**
 * The shared EChart with the line chart registered too (the dashboard's monthly trend draws the on-time rate as a
 * line; components/EChart.tsx registers bars and pies only). Loaded on demand with the chart.
 */
import { LineChart } from 'echarts/charts';
import { use } from 'echarts/core';
import type { ComponentProps } from 'react';
import EChart, { type ChartOption } from '../../components/EChart.tsx';
import type { SupervisionChartOption } from './supervisionCharts.ts';

use([LineChart]);

type SupervisionChartProps = Omit<ComponentProps<typeof EChart>, 'option'> & {
  option: SupervisionChartOption;
};

/** Renders a bar/line option; ECharts takes the wider option, EChart's type only lists bars and pies. */
export default function SupervisionChart({ option, ...rest }: SupervisionChartProps) {
  return <EChart {...rest} option={option as ChartOption} />;
}
