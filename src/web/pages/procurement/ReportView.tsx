/**
 * An annual report of SME procurement as its readers see it — the public, the body's buyer previewing a draft, the
 * supervising official: the year judged against the lines (the SME share and its small/micro part as `annualShares`
 * gave them, the SBA-style grade with its method), the figures of the year and of each kind of project, a chart of
 * the shares against the 30% line, the projects not suited to SMEs with their reasons, the commentary, and the rules
 * with their document numbers (财库〔2020〕46号, 财库〔2022〕19号) as the report holds them.
 */
import { WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  List,
  Row,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useMemo } from 'react';
import type { ReportFigureLine, ReportFigures } from '../../api/procurementReports.ts';
import { LazyChart } from '../../components/LazyChart.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { compareDecimal, formatShare } from './procurementModel.ts';
import { EXEMPTIONS, KindTag, PROCUREMENT_KINDS, useTermName, useText, Yuan } from './procurementParts.tsx';
import { sharesOption } from './sharesChart.ts';

const GRADE_COLORS: Record<string, string> = {
  'A+': 'green',
  A: 'green',
  B: 'blue',
  C: 'gold',
  D: 'orange',
  F: 'red',
};

/** A share against its line: red below it, green at or above; '—' without a base. */
export function ReportShare({
  share,
  line,
  testId,
}: {
  share: string | null;
  line: string;
  testId?: string;
}) {
  if (share === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const below = compareDecimal(share, line) < 0;
  return (
    <Typography.Text type={below ? 'danger' : 'success'} strong data-testid={testId} data-value={share}>
      {formatShare(share)}
    </Typography.Text>
  );
}

/** A grade's tag, its method as the tooltip. */
export function GradeTag({ grade, method }: { grade: string | null; method?: string }) {
  if (!grade) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tooltip title={method}>
      <Tag
        color={GRADE_COLORS[grade] ?? 'default'}
        style={{ cursor: method ? 'help' : undefined }}
        data-testid="report-grade"
        data-grade={grade}
      >
        {grade}
      </Tag>
    </Tooltip>
  );
}

type Line = ReportFigureLine & { key: string; kind: string | null };

/** The report's figures, commentary and rules. */
export function ReportView({
  figures,
  commentaryZh,
  commentaryEn,
  takenAt,
}: {
  figures: ReportFigures;
  commentaryZh: string;
  commentaryEn: string;
  /** When the figures were taken (the draft saved). */
  takenAt: Date | string;
}) {
  const { t, locale } = useI18n();
  const text = useText();
  const term = useTermName();
  const sme = figures.smeShareMin;
  const smallMicro = figures.smallMicroShareMin;
  const shares = figures.shares;
  const method = text(figures.grade.method);

  const lines: Line[] = useMemo(
    () => [
      { key: 'total', kind: null, ...figures.total },
      ...figures.byKind.map(({ kind, ...rest }) => ({ key: kind, kind, ...rest })),
    ],
    [figures],
  );
  const chart = useMemo(
    () =>
      sharesOption(
        lines.map((l) => ({
          name: l.kind ? term(PROCUREMENT_KINDS, l.kind) : t('proc.report.yearTotal'),
          awarded: l.awardedShare,
          reserved: l.reservedShare,
        })),
        Number(sme),
        {
          awarded: t('proc.shares.awardedShare'),
          reserved: t('proc.shares.reservedShare'),
          line: t('proc.shares.line', { share: formatShare(sme) }),
        },
      ),
    [lines, sme, t, term],
  );

  const stat = (key: string, title: string, value: ReactNode, help?: ReactNode) => (
    <Col key={key} xs={24} sm={12} xl={6}>
      <Card size="small" style={{ height: '100%' }}>
        <Typography.Text type="secondary">{title}</Typography.Text>
        <div style={{ fontSize: 22, fontWeight: 600, margin: '4px 0' }} data-testid={`report-stat-${key}`}>
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

  const meets = (ok: boolean, share: string) =>
    ok ? (
      <Tag color="green">{t('proc.report.meetsLine', { share: formatShare(share) })}</Tag>
    ) : (
      <Tag color="red" icon={<WarningOutlined />}>
        {t('proc.report.belowLine', { share: formatShare(share) })}
      </Tag>
    );

  const columns: TableColumnsType<Line> = [
    {
      title: t('proc.report.line'),
      key: 'line',
      width: 100,
      fixed: 'left',
      render: (_, l) => (l.kind ? <KindTag kind={l.kind} /> : <strong>{t('proc.report.yearTotal')}</strong>),
    },
    {
      title: t('proc.field.budget'),
      key: 'budget',
      align: 'right',
      render: (_, l) => (
        <Flex vertical gap={0} align="end">
          <Yuan value={l.budget} compact />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('proc.shares.budgetOf', { projects: formatNumber(l.projects, locale) })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('proc.shares.suitedBudget'),
      key: 'suited',
      align: 'right',
      render: (_, l) => <Yuan value={l.suitedBudget} compact />,
    },
    {
      title: t('proc.shares.reserved'),
      key: 'reserved',
      align: 'right',
      render: (_, l) => (
        <Flex vertical gap={0} align="end">
          <Yuan value={l.reserved} compact />
          <ReportShare share={l.reservedShare} line={sme} />
        </Flex>
      ),
    },
    {
      title: t('proc.report.smallMicroReserved'),
      key: 'smallMicroReserved',
      align: 'right',
      render: (_, l) => (
        <Flex vertical gap={0} align="end">
          <Yuan value={l.smallMicroReserved} compact />
          <ReportShare share={l.reservedSmallMicroShare} line={smallMicro} />
        </Flex>
      ),
    },
    {
      title: t('proc.report.awarded'),
      key: 'awarded',
      align: 'right',
      render: (_, l) => (
        <Flex vertical gap={0} align="end">
          <Yuan value={l.awarded} compact />
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t('proc.shares.contractsOf', { count: formatNumber(l.contracts, locale) })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('proc.shares.awardedSuited'),
      key: 'awardedSuited',
      align: 'right',
      render: (_, l) => <Yuan value={l.awardedSuited} compact />,
    },
    {
      title: t('proc.shares.toSme'),
      key: 'awardedSme',
      align: 'right',
      render: (_, l) => (
        <Flex vertical gap={0} align="end">
          <Yuan value={l.awardedSme} compact />
          <ReportShare share={l.awardedShare} line={sme} />
        </Flex>
      ),
    },
    {
      title: t('proc.report.toSmallMicro'),
      key: 'awardedSmallMicro',
      align: 'right',
      render: (_, l) => (
        <Flex vertical gap={0} align="end">
          <Yuan value={l.awardedSmallMicro} compact />
          <ReportShare share={l.awardedSmallMicroShare} line={smallMicro} />
        </Flex>
      ),
    },
  ];

  const commentary =
    locale === 'en' && commentaryEn.trim() !== ''
      ? commentaryEn
      : commentaryZh.trim() !== ''
        ? commentaryZh
        : '';

  return (
    <Flex vertical gap={16} data-testid="report-view">
      <Row gutter={[16, 16]}>
        {stat(
          'sme',
          t('proc.report.smeShare'),
          <ReportShare share={shares?.smeShare ?? null} line={sme} testId="report-sme-share" />,
          shares ? meets(shares.meetsSmeShare, sme) : t('proc.report.nothingToJudge'),
        )}
        {stat(
          'smallMicro',
          t('proc.report.smallMicroShare'),
          <ReportShare share={shares?.smallMicroShare ?? null} line={smallMicro} testId="report-sm-share" />,
          shares ? meets(shares.meetsSmallMicroShare, smallMicro) : null,
        )}
        {stat(
          'grade',
          t('proc.shares.grade'),
          <GradeTag grade={figures.grade.grade} method={method} />,
          t('proc.report.gradeHelp'),
        )}
        {stat(
          'notSuited',
          t('proc.report.notSuitedCount'),
          formatNumber(figures.notSuited.length, locale),
          t('proc.shares.budgetOf', { projects: formatNumber(figures.total.projects, locale) }),
        )}
      </Row>
      <Alert
        type="info"
        showIcon
        title={t('proc.shares.lines', {
          sme: formatShare(sme),
          smallMicro: formatShare(smallMicro),
          year: figures.year,
        })}
        description={
          <Flex vertical gap={4}>
            <span data-testid="report-judged-on" data-basis={figures.judgedOn}>
              {t(`proc.report.judgedOn.${figures.judgedOn}`)}
            </span>
            <span>
              {t('proc.shares.gradeMethod')}
              {method}
            </span>
            <span>{t('proc.report.takenAt', { date: formatDateTime(takenAt, locale) })}</span>
          </Flex>
        }
      />
      <Card size="small" title={t('proc.report.figures')}>
        <Table<Line>
          size="small"
          rowKey="key"
          pagination={false}
          columns={columns}
          dataSource={lines}
          scroll={{ x: 1100 }}
          onRow={(l) => ({ 'data-testid': 'report-line', 'data-line': l.key }) as never}
          data-testid="report-figures"
        />
      </Card>
      <Card size="small" title={t('proc.report.chartTitle')}>
        <LazyChart option={chart} label={t('proc.report.chartTitle')} height={260} testId="report-chart" />
      </Card>
      <Card size="small" title={t('proc.report.notSuited')}>
        {figures.notSuited.length === 0 ? (
          <Empty description={t('proc.report.noneNotSuited')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Table
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={figures.notSuited}
            data-testid="report-not-suited"
            columns={[
              { title: t('proc.field.code'), dataIndex: 'code', width: 120 },
              { title: t('proc.field.name'), dataIndex: 'name' },
              {
                title: t('proc.field.kind'),
                dataIndex: 'kind',
                width: 90,
                render: (kind: string) => <KindTag kind={kind} />,
              },
              {
                title: t('proc.field.budget'),
                dataIndex: 'budget',
                align: 'right',
                render: (value: string) => <Yuan value={value} compact />,
              },
              {
                title: t('proc.field.exemption'),
                key: 'exemption',
                render: (_, p) => (
                  <Flex vertical gap={0}>
                    <span>{term(EXEMPTIONS, p.exemption)}</span>
                    {p.exemptionNote ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {p.exemptionNote}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t('proc.report.commentary')} data-testid="report-commentary">
        {commentary ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {commentary}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary">{t('proc.report.noCommentary')}</Typography.Text>
        )}
        {locale === 'en' && commentaryEn.trim() === '' && commentaryZh.trim() !== '' ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('proc.report.commentaryZhOnly')}
          </Typography.Text>
        ) : null}
      </Card>
      <Card size="small" title={t('proc.report.rules')} data-testid="report-rules">
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'version',
              label: t('proc.report.rulesVersion'),
              children: (
                <Space size={4} wrap>
                  <Tag data-testid="report-rules-id">{figures.rulesId}</Tag>
                  {figures.projectRulesIds
                    .filter((id) => id !== figures.rulesId)
                    .map((id) => (
                      <Tag key={id}>{id}</Tag>
                    ))}
                </Space>
              ),
            },
          ]}
        />
        <List
          size="small"
          dataSource={figures.documents}
          renderItem={(d) => (
            <List.Item data-testid="report-document" data-number={d.documentNumber}>
              <Flex vertical gap={0}>
                <Typography.Text strong>{d.documentNumber}</Typography.Text>
                <Typography.Text type="secondary">
                  {locale === 'en' ? d.titleEn : `《${d.titleZh}》`} ·{' '}
                  {t('proc.report.effectiveFrom', { date: formatDate(d.effectiveFrom, locale) })}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
