/** Loads the ECharts chunk only when a chart is shown. */
import { Skeleton } from 'antd';
import { type ComponentProps, lazy, Suspense } from 'react';

const EChart = lazy(() => import('./EChart.tsx'));

/** The EChart component, loaded on demand. */
export function LazyChart(props: ComponentProps<typeof EChart>) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
      <EChart {...props} />
    </Suspense>
  );
}
