/**
 * An annual report of SME procurement as its readers see it — the public, the body's buyer previewing a draft, the
 * supervising official: the year judged against the lines (the SME share and its small/micro part as `annualShares`
 * gave them, the SBA-style grade with its method), the figures of the year and of each kind of project, the shares
 * chart (SME share against 30%, small/micro part against 60%; stacked on a phone), how awards with a flagged
 * declaration count, the projects not suited to SMEs with their reasons (scrolled sideways on a phone), the
 * commentary, and the rules with their document numbers (财库〔2020〕46号, 财库〔2022〕19号) as the report holds them.
 */
import { WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  Card,
  Descriptions,
  Empty,
  Flex,
  List,
  Row,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useMemo } from 'react';
import type { ReportFigureLine, ReportFigures } from '../../api/procurementReports.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { formatShare } from './procurementModel.ts';
import { EXEMPTIONS, KindTag, PROCUREMENT_KINDS, useTermName, useText, Yuan } from './procurementParts.tsx';
import { FlaggedNote, GradeTag, SharesChart, ShareValue, StatCard, SumCell } from './shareParts.tsx';

const ReportShare = ShareValue;

/** The not-suited table's least width (its columns' sum): narrower screens scroll it. */
const NOT_SUITED_MIN_WIDTH = 710;

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
  const bars = useMemo(
    () =>
      lines.map((l) => ({
        name: l.kind ? term(PROCUREMENT_KINDS, l.kind) : t('proc.report.yearTotal'),
        awarded: l.awardedShare,
        reserved: l.reservedShare,
        awardedSmallMicro: l.awardedSmallMicroShare,
        reservedSmallMicro: l.reservedSmallMicroShare,
      })),
    [lines, t, term],
  );

  const meets = (ok: boolean, share: string) =>
    ok ? (
      <Tag color="green">{t('proc.report.meetsLine', { share: formatShare(share) })}</Tag>
    ) : (
      <Tag color="red" icon={<WarningOutlined />}>
        {t('proc.report.belowLine', { share: formatShare(share) })}
      </Tag>
    );

  /** A column of a sum of money, with a share against its line (or what `under` gives) beneath it. */
  const sumColumn = (
    key: string,
    title: string,
    amount: (l: Line) => string,
    under?: { share: (l: Line) => string | null; line: string } | ((l: Line) => ReactNode),
  ): TableColumnsType<Line>[number] => ({
    title,
    key,
    align: 'right',
    render: (_, l) => (
      <SumCell value={amount(l)}>
        {under === undefined ? null : typeof under === 'function' ? (
          under(l)
        ) : (
          <ReportShare share={under.share(l)} line={under.line} />
        )}
      </SumCell>
    ),
  });
  const small = (text: string) => (
    <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
      {text}
    </Typography.Text>
  );

  const columns: TableColumnsType<Line> = [
    {
      title: t('proc.report.line'),
      key: 'line',
      width: 100,
      fixed: 'left',
      render: (_, l) => (l.kind ? <KindTag kind={l.kind} /> : <strong>{t('proc.report.yearTotal')}</strong>),
    },
    sumColumn(
      'budget',
      t('proc.field.budget'),
      (l) => l.budget,
      (l) => small(t('proc.shares.budgetOf', { projects: formatNumber(l.projects, locale) })),
    ),
    sumColumn('suited', t('proc.shares.suitedBudget'), (l) => l.suitedBudget),
    sumColumn('reserved', t('proc.shares.reserved'), (l) => l.reserved, {
      share: (l) => l.reservedShare,
      line: sme,
    }),
    sumColumn('smallMicroReserved', t('proc.report.smallMicroReserved'), (l) => l.smallMicroReserved, {
      share: (l) => l.reservedSmallMicroShare,
      line: smallMicro,
    }),
    sumColumn(
      'awarded',
      t('proc.report.awarded'),
      (l) => l.awarded,
      (l) => small(t('proc.shares.contractsOf', { count: formatNumber(l.contracts, locale) })),
    ),
    sumColumn('awardedSuited', t('proc.shares.awardedSuited'), (l) => l.awardedSuited),
    sumColumn('awardedSme', t('proc.shares.toSme'), (l) => l.awardedSme, {
      share: (l) => l.awardedShare,
      line: sme,
    }),
    sumColumn('awardedSmallMicro', t('proc.report.toSmallMicro'), (l) => l.awardedSmallMicro, {
      share: (l) => l.awardedSmallMicroShare,
      line: smallMicro,
    }),
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
        <StatCard
          title={t('proc.report.smeShare')}
          testId="report-stat-sme"
          value={<ReportShare share={shares?.smeShare ?? null} line={sme} testId="report-sme-share" />}
          help={shares ? meets(shares.meetsSmeShare, sme) : t('proc.report.nothingToJudge')}
        />
        <StatCard
          title={t('proc.report.smallMicroShare')}
          testId="report-stat-smallMicro"
          value={
            <ReportShare share={shares?.smallMicroShare ?? null} line={smallMicro} testId="report-sm-share" />
          }
          help={shares ? meets(shares.meetsSmallMicroShare, smallMicro) : null}
        />
        <StatCard
          title={t('proc.shares.grade')}
          testId="report-stat-grade"
          value={<GradeTag grade={figures.grade.grade} method={method} testId="report-grade" />}
          help={t('proc.report.gradeHelp')}
        />
        <StatCard
          title={t('proc.report.notSuitedCount')}
          testId="report-stat-notSuited"
          value={formatNumber(figures.notSuited.length, locale)}
          help={t('proc.shares.budgetOf', { projects: formatNumber(figures.total.projects, locale) })}
        />
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
            <FlaggedNote testId="report-flagged-note" />
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
      <Card
        size="small"
        title={t('proc.report.chartTitle')}
        // The long title wraps on a phone instead of being cut short.
        styles={{ title: { whiteSpace: 'normal' } }}
      >
        <SharesChart
          bars={bars}
          sme={sme}
          smallMicro={smallMicro}
          label={t('proc.report.chartTitle')}
          height={300}
          testId="report-chart"
        />
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
            // On a phone the table scrolls sideways rather than squeezing each column to a character a line.
            scroll={{ x: NOT_SUITED_MIN_WIDTH }}
            data-testid="report-not-suited"
            columns={[
              { title: t('proc.field.code'), dataIndex: 'code', width: 110 },
              { title: t('proc.field.name'), dataIndex: 'name', width: 180 },
              {
                title: t('proc.field.kind'),
                dataIndex: 'kind',
                width: 80,
                render: (kind: string) => <KindTag kind={kind} />,
              },
              {
                title: t('proc.field.budget'),
                dataIndex: 'budget',
                align: 'right',
                width: 120,
                render: (value: string) => <Yuan value={value} compact />,
              },
              {
                title: t('proc.field.exemption'),
                key: 'exemption',
                width: 220,
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
