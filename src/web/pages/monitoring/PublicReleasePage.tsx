/**
 * `/monitoring/releases/:id` (anyone): one published release of the SME development index (issue 16) — its survey,
 * period, version (a correction says what it changes), when it was published, its panel and response rate, its
 * commentary and its figures, each opening its trace down to the weighted counts. A release of the registry's statistics shows its counts (no trace:
 * they are the registry's own) and leads back to its region's page. A release not yet public is not found.
 */
import { FileExcelOutlined, FileTextOutlined, LineChartOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { dateTimeInChina } from '../../../shared/today.ts';
import { ApiError } from '../../api/client.ts';
import {
  monitoringDownloads,
  monitoringQueries,
  type PublicRelease,
  type TraceFilters,
} from '../../api/monitoring.ts';
import { DownloadButton } from '../../components/DownloadButton.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { FiguresTable, TraceDrawer, traceQueryOf } from './FigureTrace.tsx';
import { formatPeriod, levelWordingOf, questionPositions, registryPagePath } from './monitoringModel.ts';
import { Commentary, PanelCoverage, SeriesName, WeightsUsed } from './monitoringParts.tsx';
import { CountFiguresTable } from './RegistryFigures.tsx';

export default function PublicReleasePage() {
  const { t, locale } = useI18n();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const release = useApiQuery<PublicRelease>(
    valid
      ? { ...monitoringQueries.publicRelease(id), retry: false }
      : refusedQuery(
          ['public-release', params.id],
          new ApiError(404, 'NOT_FOUND', t('error.notFoundRecord.title')),
        ),
  );
  const [tracing, setTracing] = useState<TraceFilters | null>(null);
  const data = release.data;
  const counts = data?.kind === 'registry';
  const questionText = (code: string) => {
    const q = data?.questions.find((x) => x.code === code);
    return q ? (locale === 'en' ? q.textEn : q.textZh) : undefined;
  };
  // The server lists the questions in their questionnaire's order.
  const questionPosition = questionPositions(data?.questions);
  const questionOf = (code: string) => levelWordingOf(data?.questions.find((x) => x.code === code));
  const lang = locale === 'en' ? 'en' : 'zh';
  /** The release's figures as a file (the current version only: a corrected one's figures are the current one's). */
  const downloads = data ? (
    <Flex gap={8} wrap>
      <DownloadButton
        icon={<FileTextOutlined />}
        url={monitoringDownloads.publicRelease(data.id, 'csv', lang)}
        fileName={`release-${data.id}-${data.period}-v${data.releaseVersion}.csv`}
        data-testid="release-export-csv"
      >
        {t('monitoring.exportCsv')}
      </DownloadButton>
      <DownloadButton
        icon={<FileExcelOutlined />}
        url={monitoringDownloads.publicRelease(data.id, 'xlsx', lang)}
        fileName={`release-${data.id}-${data.period}-v${data.releaseVersion}.xlsx`}
        data-testid="release-export-xlsx"
      >
        {t('monitoring.exportXlsx')}
      </DownloadButton>
    </Flex>
  ) : null;
  return (
    <div
      style={{ maxWidth: 1000, margin: '0 auto', padding: '32px 16px 48px' }}
      data-testid="public-release-page"
    >
      <Flex vertical gap={16}>
        <Flex vertical gap={4}>
          <Link
            to={
              !data
                ? '/monitoring'
                : counts
                  ? registryPagePath(data.regionCode)
                  : `/monitoring/${data.surveyId}`
            }
            data-testid="public-release-back"
          >
            {counts ? t('monitoring.registry.back') : t('monitoring.public.backSeries')}
          </Link>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
            <LineChartOutlined style={{ color: '#1458c4' }} />{' '}
            {data ? (
              <>
                <SeriesName
                  kind={data.kind}
                  nameZh={data.nameZh}
                  nameEn={data.nameEn}
                  regionCode={data.regionCode}
                />
                {` · ${formatPeriod(data.period, locale)}`}
              </>
            ) : (
              t('monitoring.public.title')
            )}
          </Typography.Title>
          {data ? (
            <Typography.Text type="secondary">
              {t('monitoring.public.publishedAtChina', { at: dateTimeInChina(data.publishAt) })}
              {data.releaseVersion > 1
                ? ` · ${t('monitoring.release.correctionN', { version: data.releaseVersion })}`
                : ''}
            </Typography.Text>
          ) : null}
        </Flex>
        {release.loading ? <Skeleton active /> : null}
        <LoadError error={release.error} onRetry={release.reload} />
        {data ? (
          <>
            {data.supersededBy ? (
              <Alert
                type="warning"
                showIcon
                data-testid="release-superseded"
                title={t('monitoring.public.superseded', { version: data.supersededBy.releaseVersion })}
                action={
                  <Link to={`/monitoring/releases/${data.supersededBy.id}`} data-testid="release-current">
                    {t('monitoring.public.readCurrent')}
                  </Link>
                }
              />
            ) : null}
            {data.correctionNote ? <Alert type="warning" showIcon title={data.correctionNote} /> : null}
            {counts || data.supersededBy ? null : <PanelCoverage release={data} />}
            {counts || data.supersededBy ? null : <WeightsUsed weights={data.weights} />}
            <Card size="small" title={t('monitoring.release.commentary')}>
              <Commentary zh={data.commentaryZh} en={data.commentaryEn} testId="release-commentary" />
            </Card>
            {data.supersededBy ? null : counts ? (
              <Card size="small" title={t('monitoring.registry.latestFigures')} extra={downloads}>
                <CountFiguresTable figures={data.figures} testId="public-release-figures" />
              </Card>
            ) : (
              <>
                <Card
                  size="small"
                  title={t('monitoring.public.figures')}
                  extra={
                    <Flex gap={12} align="center" wrap>
                      <Typography.Text type="secondary">{t('monitoring.public.traceHint')}</Typography.Text>
                      {downloads}
                    </Flex>
                  }
                >
                  <FiguresTable
                    figures={data.figures}
                    questionText={questionText}
                    questionPosition={questionPosition}
                    onOpen={(figure) => setTracing(traceQueryOf(figure))}
                    testId="public-release-figures"
                  />
                </Card>
                <TraceDrawer
                  start={tracing}
                  traceQuery={(q) => monitoringQueries.publicTrace(data.id, q)}
                  questionText={questionText}
                  questionPosition={questionPosition}
                  questionOf={questionOf}
                  onClose={() => setTracing(null)}
                />
              </>
            )}
          </>
        ) : null}
      </Flex>
    </div>
  );
}
