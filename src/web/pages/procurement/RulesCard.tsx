/**
 * The rules the calculators apply (GET /api/public/procurement/rules): the documents with their dates, and every
 * dated version's figures side by side — the version in force on the date being calculated marked — each figure
 * with its document, and those the notes do not confirm (recalled, or Huiqi's own reading) marked and listed with
 * where they come from.
 */
import { BookOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { ProcurementRules, RuleFigure, RuleRange, RulesVersion } from '../../api/procurement.ts';
import type { MessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { ApiState } from '../../lib/queries.ts';
import { basisText } from './calculatorText.ts';
import { formatRange, formatShare, formatWanOfYuan } from './procurementModel.ts';
import { ConfidenceTag } from './procurementParts.tsx';

type Cell = RuleFigure | RuleRange;

/** One row of the table: a figure of every version. */
interface FigureRow {
  key: string;
  label: MessageKey;
  of: (version: RulesVersion) => Cell;
  /** How the value reads: yuan, a share, or a range of shares. */
  unit: 'yuan' | 'share' | 'range';
}

const ROWS: readonly FigureRow[] = [
  { key: 'wholeGoods', label: 'proc.rules.wholeGoods', of: (v) => v.wholeReservationMax.goods, unit: 'yuan' },
  { key: 'wholeWorks', label: 'proc.rules.wholeWorks', of: (v) => v.wholeReservationMax.works, unit: 'yuan' },
  { key: 'shareGoods', label: 'proc.rules.shareGoods', of: (v) => v.reservedShareMin.goods, unit: 'share' },
  { key: 'shareWorks', label: 'proc.rules.shareWorks', of: (v) => v.reservedShareMin.works, unit: 'share' },
  {
    key: 'smallMicroOfReserved',
    label: 'proc.rules.smallMicroOfReserved',
    of: (v) => v.smallMicroOfReservedMin,
    unit: 'share',
  },
  { key: 'smGoods', label: 'proc.rules.smGoods', of: (v) => v.smallMicroDeduction.goods, unit: 'range' },
  { key: 'smWorks', label: 'proc.rules.smWorks', of: (v) => v.smallMicroDeduction.works, unit: 'range' },
  { key: 'coGoods', label: 'proc.rules.coGoods', of: (v) => v.consortiumDeduction.goods, unit: 'range' },
  { key: 'coWorks', label: 'proc.rules.coWorks', of: (v) => v.consortiumDeduction.works, unit: 'range' },
  {
    key: 'consortiumShare',
    label: 'proc.rules.consortiumShare',
    of: (v) => v.consortiumShareMin,
    unit: 'share',
  },
  { key: 'annualSme', label: 'proc.rules.annualSme', of: (v) => v.annualSmeShareMin, unit: 'share' },
  {
    key: 'annualSmallMicro',
    label: 'proc.rules.annualSmallMicro',
    of: (v) => v.annualSmallMicroOfSmeMin,
    unit: 'share',
  },
];

function figureText(cell: Cell, unit: FigureRow['unit'], locale: 'zh-CN' | 'en'): string {
  if ('min' in cell) return formatRange(cell);
  return unit === 'yuan' ? formatWanOfYuan(cell.value, locale) : formatShare(cell.value);
}

export function RulesCard({ rules, date }: { rules: ApiState<ProcurementRules>; date: string | null }) {
  const { t, locale } = useI18n();
  const data = rules.data;
  const versions = data
    ? [...data.versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
    : [];
  const current = date ? versions.filter((v) => v.effectiveFrom <= date).at(-1)?.id : undefined;
  const uncertain: { key: string; label: string; version: string; value: string; cell: Cell }[] = [];
  for (const row of ROWS)
    for (const version of versions) {
      const cell = row.of(version);
      if (cell.confidence === 'memory' || cell.confidence === 'unverified')
        uncertain.push({
          key: `${row.key}-${version.id}`,
          label: t(row.label),
          version: version.id,
          value: figureText(cell, row.unit, locale),
          cell,
        });
    }

  const period = (v: RulesVersion) =>
    v.effectiveTo
      ? t('proc.rules.period', { from: v.effectiveFrom, to: v.effectiveTo })
      : t('proc.rules.periodOpen', { from: v.effectiveFrom });

  return (
    <Card
      title={
        <span>
          <BookOutlined style={{ color: '#1458c4' }} /> {t('proc.rules.title')}
        </span>
      }
      data-testid="proc-rules"
    >
      {!data && rules.loading ? <Skeleton active paragraph={{ rows: 6 }} /> : null}
      {!data && rules.error ? (
        <Alert type="warning" showIcon title={t('proc.rules.failed')} description={rules.error.message} />
      ) : null}
      {data ? (
        <Flex vertical gap={16}>
          <Flex vertical gap={4}>
            {data.documents.map((doc) => (
              <Typography.Text key={doc.documentNumber} data-testid="proc-rules-document">
                <Typography.Text strong>{doc.documentNumber}</Typography.Text>{' '}
                {locale === 'en' ? doc.titleEn : `《${doc.titleZh}》`}{' '}
                <Typography.Text type="secondary">
                  {t('proc.rules.effectiveFrom', { date: doc.effectiveFrom })}
                </Typography.Text>{' '}
                <ConfidenceTag confidence={doc.confidence} />
              </Typography.Text>
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('proc.rules.byDate', { start: data.start })}
            </Typography.Text>
          </Flex>
          <Table<FigureRow>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={[...ROWS]}
            scroll={{ x: 720 }}
            columns={[
              {
                title: t('proc.rules.figure'),
                key: 'figure',
                width: 240,
                render: (_, row) => t(row.label),
              },
              ...versions.map((version) => ({
                title: (
                  <Flex vertical gap={0}>
                    <Space size={4}>
                      <span>{version.id}</span>
                      {version.id === current ? (
                        <Tag color="blue" data-testid="proc-rules-current">
                          {t('proc.rules.current')}
                        </Tag>
                      ) : null}
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                      {period(version)}
                    </Typography.Text>
                  </Flex>
                ),
                key: version.id,
                onCell: () => ({
                  style: version.id === current ? { background: '#f0f6ff' } : undefined,
                }),
                render: (_: unknown, row: FigureRow): ReactNode => {
                  const cell = row.of(version);
                  return (
                    <Tooltip title={t('proc.confidence.basis', { basis: basisText(cell.basis, locale) })}>
                      <Space size={4} wrap data-testid={`proc-rule-${row.key}-${version.id}`}>
                        <span>{figureText(cell, row.unit, locale)}</span>
                        <ConfidenceTag confidence={cell.confidence} basis={basisText(cell.basis, locale)} />
                      </Space>
                    </Tooltip>
                  );
                },
              })),
            ]}
          />
          {uncertain.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              title={t('proc.rules.uncertainTitle')}
              data-testid="proc-rules-uncertain"
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {uncertain.map((u) => (
                    <li key={u.key}>
                      {t('proc.rules.uncertainLine', {
                        figure: u.label,
                        version: u.version,
                        value: u.value,
                        mark: t(`proc.confidence.${u.cell.confidence}`),
                        basis: basisText(u.cell.basis, locale),
                      })}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('proc.rules.note')}
          </Typography.Text>
        </Flex>
      ) : null}
    </Card>
  );
}
