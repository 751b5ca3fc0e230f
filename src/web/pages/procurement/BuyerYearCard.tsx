/**
 * What a buyer's home says of the body's year at a glance: the SME share against its line (30%) and the small/micro
 * part against its own (60%) — on the awards, or on the plan before any award — the projects whose reservation
 * falls short, the awards whose 声明函 is flagged, and the state of the year's annual report, each with its link.
 * The lines are the rules' (the public rules in force on the year's last day), never figures of this page.
 */
import { FileTextOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { Card, Flex, List, Skeleton, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Home } from '../../api/client.ts';
import { procurementQueries } from '../../api/procurement.ts';
import { reportQueries } from '../../api/procurementReports.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { formatShare, versionOn } from './procurementModel.ts';
import { ShareValue } from './shareParts.tsx';

type BuyingBody = NonNullable<Home['buyingBody']>;

export function BuyerYearCard({ body }: { body: BuyingBody }) {
  const { t, locale } = useI18n();
  const year = body.year;
  const rules = useApiQuery(procurementQueries.rules());
  const short = useApiQuery(procurementQueries.projects({ year, short: true, page: 1, pageSize: 5 }));
  const flagged = useApiQuery(procurementQueries.awards({ year, flagged: true, page: 1, pageSize: 5 }));
  const reports = useApiQuery(reportQueries.list({ year, page: 1, pageSize: 1 }));
  const version = versionOn(rules.data, `${year}-12-31`);
  const sme = version?.annualSmeShareMin.value ?? null;
  const smallMicro = version?.annualSmallMicroOfSmeMin.value ?? null;
  // A share of the awards exists once something was awarded in a suited project (as the server judges the year).
  const onAwards = body.awardedShare !== null;
  const smeShare = onAwards ? body.awardedShare : body.reservedShare;
  const smallMicroShare = onAwards ? body.awardedSmallMicroShare : body.reservedSmallMicroShare;
  const report = reports.data?.items[0];

  const row = (key: string, title: ReactNode, value: ReactNode, link?: ReactNode) => (
    <List.Item key={key} data-testid={`buyer-check-${key}`} extra={link}>
      <Flex vertical gap={2}>
        <Typography.Text type="secondary">{title}</Typography.Text>
        <div>{value}</div>
      </Flex>
    </List.Item>
  );
  const shareRow = (key: string, title: string, share: string | null, line: string | null) =>
    row(
      key,
      title,
      line === null ? (
        <Skeleton.Button active size="small" />
      ) : (
        <Space size={8} wrap>
          <ShareValue share={share} line={line} testId={`buyer-${key}-share`} />
          <Typography.Text type="secondary" data-testid={`buyer-${key}-line`} data-value={line}>
            {t('procr.home.line', { share: formatShare(line) })}
          </Typography.Text>
        </Space>
      ),
    );

  return (
    <Card title={t('procr.home.checks', { year })} data-testid="buyer-checks">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t(onAwards ? 'procr.home.onAwards' : 'procr.home.onPlan')}
      </Typography.Paragraph>
      <List size="small">
        {shareRow('sme', t('procr.home.smeShare'), smeShare, sme)}
        {shareRow('smallMicro', t('procr.home.smallMicroShare'), smallMicroShare, smallMicro)}
        {row(
          'short',
          t('procr.home.short'),
          short.data ? (
            short.data.total === 0 ? (
              <Tag color="green">{t('procr.home.noneShort')}</Tag>
            ) : (
              <Flex vertical gap={2}>
                <Typography.Text type="danger" strong data-value={short.data.total}>
                  <WarningOutlined />{' '}
                  {t('procr.home.count', { count: formatNumber(short.data.total, locale) })}
                </Typography.Text>
                {short.data.items.map((p) => (
                  <Link key={p.id} to={`/app/procurement/projects/${p.id}`}>
                    {p.code} {p.name}
                  </Link>
                ))}
              </Flex>
            )
          ) : (
            <Skeleton.Button active size="small" />
          ),
          <Link to={`/app/procurement/projects?year=${year}&short=true`} data-testid="buyer-short-link">
            {t('procr.home.open')}
          </Link>,
        )}
        {row(
          'flagged',
          t('procr.home.flagged'),
          flagged.data ? (
            flagged.data.total === 0 ? (
              <Tag color="green">{t('procr.home.noneFlagged')}</Tag>
            ) : (
              <Typography.Text type="danger" strong data-value={flagged.data.total}>
                <SafetyCertificateOutlined />{' '}
                {t('procr.home.count', { count: formatNumber(flagged.data.total, locale) })}
              </Typography.Text>
            )
          ) : (
            <Skeleton.Button active size="small" />
          ),
          <Link to={`/app/procurement/awards?year=${year}&flagged=true`} data-testid="buyer-flagged-link">
            {t('procr.home.open')}
          </Link>,
        )}
        {row(
          'report',
          t('procr.home.report'),
          report ? (
            <Tag
              color={report.state === 'published' ? 'green' : report.state === 'draft' ? 'gold' : 'default'}
              data-testid="buyer-report-state"
              data-state={report.state}
            >
              {report.state === 'published'
                ? t('procr.home.reportPublished', { version: report.reportVersion ?? 1 })
                : t(`proc.reports.state.${report.state}`)}
              {report.draft && report.state === 'published'
                ? ` · ${t('proc.reports.correctionDraft', { version: report.draft.reportVersion })}`
                : ''}
            </Tag>
          ) : (
            <Skeleton.Button active size="small" />
          ),
          <Link
            to={
              report?.reportId
                ? `/app/procurement/reports/${report.reportId}`
                : report?.draft
                  ? `/app/procurement/reports/${report.draft.id}`
                  : `/app/procurement/reports?year=${year}`
            }
            data-testid="buyer-report-link"
          >
            <FileTextOutlined /> {t('procr.home.open')}
          </Link>,
        )}
      </List>
    </Card>
  );
}
