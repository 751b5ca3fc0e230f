/**
 * What the shares page and the annual report show alike: a share against its line, the SBA-style grade's tag, a
 * figure's card, a sum with its share under it, the shares chart (SME share against 30%, small/micro part against
 * 60%) and the note saying how flagged declarations count.
 */
import { Card, Col, Flex, Grid, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { LazyChart } from '../../components/LazyChart.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { compareDecimal, formatShare } from './procurementModel.ts';
import { Yuan } from './procurementParts.tsx';
import { type ShareBar, sharesChartHeight, sharesOption } from './sharesChart.ts';

const GRADE_COLORS: Record<string, string> = {
  'A+': 'green',
  A: 'green',
  B: 'blue',
  C: 'gold',
  D: 'orange',
  F: 'red',
};

/** A share against its line: red below it, green at or above; '—' without a base. */
export function ShareValue({ share, line, testId }: { share: string | null; line: string; testId?: string }) {
  if (share === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const below = compareDecimal(share, line) < 0;
  return (
    <Typography.Text type={below ? 'danger' : 'success'} strong data-testid={testId} data-value={share}>
      {formatShare(share)}
    </Typography.Text>
  );
}

/** A grade's tag, its method as the tooltip; '—' without a grade. */
export function GradeTag({
  grade,
  method,
  testId,
}: {
  grade: string | null;
  method?: string;
  testId: string;
}) {
  if (!grade) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={method}>
      <Tag
        color={GRADE_COLORS[grade] ?? 'default'}
        style={{ cursor: method ? 'help' : undefined }}
        data-testid={testId}
        data-grade={grade}
      >
        {grade}
      </Tag>
    </Tooltip>
  );
}

/** A figure's card in a row of four: title, value, a line of help. */
export function StatCard({
  title,
  value,
  help,
  testId,
}: {
  title: string;
  value: ReactNode;
  help?: ReactNode;
  testId: string;
}) {
  return (
    <Col xs={24} sm={12} xl={6}>
      <Card size="small" style={{ height: '100%' }}>
        <Typography.Text type="secondary">{title}</Typography.Text>
        <div style={{ fontSize: 22, fontWeight: 600, margin: '4px 0' }} data-testid={testId}>
          {value}
        </div>
        {help ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {help}
          </Typography.Text>
        ) : null}
      </Card>
    </Col>
  );
}

/** A sum of money in a table's cell, with what goes under it (a share, a count). */
export function SumCell({ value, children }: { value: string; children?: ReactNode }) {
  return (
    <Flex vertical gap={0} align="end">
      <Yuan value={value} compact />
      {children}
    </Flex>
  );
}

/** The shares chart: each row's SME share against `sme`, and its small/micro part against `smallMicro`. */
export function SharesChart({
  bars,
  sme,
  smallMicro,
  label,
  height,
  testId,
}: {
  bars: readonly ShareBar[];
  sme: string;
  smallMicro: string;
  label: string;
  height: number;
  testId: string;
}) {
  const { t } = useI18n();
  // Below antd's md breakpoint (768 px, a phone) the two panels stand one above the other.
  const screens = Grid.useBreakpoint();
  const layout = screens.md === false ? 'narrow' : 'wide';
  const smePanel = t('procr.chart.smePanel', { share: formatShare(sme) });
  const smallMicroPanel = t('procr.chart.smallMicroPanel', { share: formatShare(smallMicro) });
  const option = useMemo(
    () =>
      sharesOption(
        bars,
        { sme: Number(sme), smallMicro: Number(smallMicro) },
        {
          awarded: t('procr.chart.awarded'),
          reserved: t('procr.chart.reserved'),
          line: t('procr.chart.line'),
          smePanel,
          smallMicroPanel,
        },
        layout,
      ),
    [bars, sme, smallMicro, t, smePanel, smallMicroPanel, layout],
  );
  return (
    <div data-testid={`${testId}-box`} data-layout={layout}>
      <LazyChart
        option={option}
        label={`${label}: ${smePanel}; ${smallMicroPanel}`}
        height={sharesChartHeight(bars.length, layout, height)}
        testId={testId}
      />
    </div>
  );
}

/** How awards whose declaration is flagged count in the shares (as procurement.shares.ts sums them). */
export function FlaggedNote({ testId }: { testId: string }) {
  const { t } = useI18n();
  return <span data-testid={testId}>{t('procr.flaggedCount')}</span>;
}
