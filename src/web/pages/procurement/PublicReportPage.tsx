/**
 * `/procurement/reports/:id` (anyone): a buying body's published annual report of SME procurement — always its
 * latest version (an earlier version's address lands here too), saying when it was published, that it was corrected
 * and what each correction changed — with its figures, the chart of the shares against the 30% line, the projects not
 * suited to SMEs and why, the commentary and the rules' document numbers; downloadable as CSV or XLSX. A draft, or
 * a report that does not exist, is not found.
 */
import { FileTextOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, List, Skeleton, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { type PublicReport, reportQueries } from '../../api/procurementReports.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { ExportButtons } from '../../components/PagedTable.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { ReportView } from './ReportView.tsx';

export default function PublicReportPage() {
  const { t, locale } = useI18n();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const report = useApiQuery<PublicReport>(
    valid
      ? { ...reportQueries.publicReport(id), retry: false }
      : refusedQuery(
          ['public-report', params.id],
          new ApiError(404, 'NOT_FOUND', t('error.notFoundRecord.title')),
        ),
  );
  const data = report.data;
  return (
    <div
      style={{ maxWidth: 1200, margin: '0 auto', padding: '32px 16px 48px' }}
      data-testid="public-report-page"
    >
      <Flex vertical gap={16}>
        <Flex vertical gap={4}>
          <Link to="/procurement/reports" data-testid="public-report-back">
            {t('proc.publicReports.back')}
          </Link>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
            <FileTextOutlined style={{ color: '#1458c4' }} />{' '}
            {data
              ? t('proc.report.title', { name: data.bodyName, year: data.year })
              : t('proc.publicReports.title')}
          </Typography.Title>
          {data ? (
            <Flex gap={8} wrap align="center">
              <Typography.Text type="secondary">
                <RegionName code={data.regionCode} full /> ·{' '}
                {t('proc.publicReports.publishedOn', { date: formatDateTime(data.publishedAt, locale) })}
              </Typography.Text>
              <Tag data-testid="public-report-version" data-version={data.reportVersion}>
                {t('proc.report.version', { version: data.reportVersion })}
              </Tag>
              {data.reportVersion > 1 ? <Tag color="orange">{t('proc.report.corrected')}</Tag> : null}
            </Flex>
          ) : null}
        </Flex>
        {report.error && !data ? (
          <Card>
            <ErrorResult error={report.error} onRetry={report.reload} />
          </Card>
        ) : !data ? (
          <Skeleton active paragraph={{ rows: 12 }} />
        ) : (
          <>
            {data.reportVersion > 1 ? (
              <Alert
                type="warning"
                showIcon
                data-testid="public-report-corrected-note"
                title={t('proc.publicReports.corrected', { version: data.reportVersion })}
                description={
                  <List
                    size="small"
                    split={false}
                    dataSource={data.history}
                    renderItem={(h) => (
                      <List.Item style={{ padding: '2px 0' }} data-testid="public-report-history">
                        <Space size={8} wrap>
                          <strong>{t('proc.report.version', { version: h.reportVersion })}</strong>
                          <span>{formatDateTime(h.publishedAt, locale)}</span>
                          <span>{h.correctionNote ?? t('proc.publicReports.firstPublication')}</span>
                        </Space>
                      </List.Item>
                    )}
                  />
                }
              />
            ) : null}
            <Flex gap={8} wrap>
              <ExportButtons
                url={(format) =>
                  `/api/public/procurement/reports/${data.id}/export?${new URLSearchParams({
                    format,
                    lang: locale === 'en' ? 'en' : 'zh',
                  })}`
                }
                fileName={`procurement-report-${data.year}-v${data.reportVersion}`}
                labels={{ csv: t('proc.shares.exportCsv'), xlsx: t('proc.shares.exportXlsx') }}
                testId="public-report"
              />
            </Flex>
            <ReportView
              figures={data.figures}
              commentaryZh={data.commentaryZh}
              commentaryEn={data.commentaryEn}
              takenAt={data.publishedAt}
            />
          </>
        )}
      </Flex>
    </div>
  );
}
