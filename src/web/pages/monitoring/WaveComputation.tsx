/**
 * A wave's computation (issue 16): "计算指数" computes the figures from the accepted and submitted answers (a
 * new run each time); the latest run's figures for the group chosen by industry, region and size, each opening its
 * trace one step down; the run's fingerprint (SHA-256 of its figures) so a recomputation can be compared; and
 * "创建发布" making a release of the run.
 */
import { CalculatorOutlined, NotificationOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Descriptions, Empty, Flex, Select, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  type FigureGroup,
  monitoringApi,
  monitoringQueries,
  type TraceFilters,
  type Wave,
} from '../../api/monitoring.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { FiguresTable, TraceDrawer, traceQueryOf } from './FigureTrace.tsx';
import { orderedGroups, questionPositions } from './monitoringModel.ts';
import {
  errorText,
  useGroupRegionNames,
  useIndustryName,
  useSizeName,
  WeightsUsed,
} from './monitoringParts.tsx';
import { ReleaseModal } from './ReleaseModal.tsx';

export function WaveComputation({ wave, onComputed }: { wave: Wave; onComputed: () => void }) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const [computing, setComputing] = useState(false);
  const [computedId, setComputedId] = useState<number | null>(null);
  const [group, setGroup] = useState<FigureGroup>({});
  const [tracing, setTracing] = useState<TraceFilters | null>(null);
  const [releasing, setReleasing] = useState(false);
  const runId = computedId ?? wave.latestRun?.id ?? null;
  const run = useApiQuery(
    { ...monitoringQueries.run(runId ?? 0, group), enabled: runId !== null },
    { keepPrevious: true },
  );
  const questions = useApiQuery(monitoringQueries.surveyVersion(wave.surveyId, wave.surveyVersion));
  const questionText = (code: string) => {
    const q = questions.data?.questions.find((item) => item.code === code);
    return q ? (locale === 'en' ? q.textEn || q.textZh : q.textZh) : undefined;
  };
  const questionPosition = questionPositions(questions.data?.questions);
  const questionOf = (code: string) => questions.data?.questions.find((q) => q.code === code);
  const industryName = useIndustryName();
  const sizeName = useSizeName();
  const groups = run.data ? orderedGroups(run.data.groups) : undefined;
  const regionName = useGroupRegionNames(groups?.regions ?? [], { full: false });
  const compute = async () => {
    setComputing(true);
    try {
      const result = await monitoringApi.compute(wave.id);
      setComputedId(result.id);
      void message.success(t('monitoring.run.computed', { n: result.responses }));
      onComputed();
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setComputing(false);
    }
  };
  const picker = (
    key: keyof FigureGroup,
    codes: readonly string[] | undefined,
    all: string,
    name: (code: string) => string,
    testId: string,
  ) => (
    <Select<string>
      style={{ width: 200 }}
      value={group[key] ?? ''}
      onChange={(value) => setGroup({ ...group, [key]: value || undefined })}
      options={[
        { value: '', label: all },
        ...(codes ?? []).filter((c) => c !== '').map((code) => ({ value: code, label: name(code) })),
      ]}
      popupMatchSelectWidth={false}
      aria-label={all}
      data-testid={testId}
    />
  );
  return (
    <Flex vertical gap={16} data-testid="wave-computation">
      <Card size="small">
        <Flex gap={12} wrap align="center" justify="space-between">
          <Flex vertical gap={2}>
            <Typography.Text type="secondary">{t('monitoring.run.intro')}</Typography.Text>
            {wave.state === 'open' ? (
              <Typography.Text type="warning" data-testid="run-close-first">
                {t('monitoring.run.closeFirst')}
              </Typography.Text>
            ) : null}
          </Flex>
          <Flex gap={8} wrap>
            <Button
              type="primary"
              icon={<CalculatorOutlined />}
              loading={computing}
              onClick={() => void compute()}
              data-testid="run-compute"
            >
              {runId === null ? t('monitoring.run.compute') : t('monitoring.run.recompute')}
            </Button>
            {runId !== null ? (
              <Tooltip title={wave.state === 'open' ? t('monitoring.run.closeFirst') : undefined}>
                <Button
                  icon={<NotificationOutlined />}
                  disabled={wave.state === 'open'}
                  onClick={() => setReleasing(true)}
                  data-testid="run-release"
                >
                  {t('monitoring.release.new')}
                </Button>
              </Tooltip>
            ) : null}
          </Flex>
        </Flex>
      </Card>
      {runId === null ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.run.none')} />
        </Card>
      ) : (
        <Card
          size="small"
          title={t('monitoring.run.figures')}
          extra={
            <Flex gap={8} wrap>
              {picker(
                'industry',
                groups?.industries,
                t('monitoring.group.allIndustries'),
                industryName,
                'run-industry',
              )}
              {picker(
                'regionCode',
                groups?.regions,
                t('monitoring.group.allRegions'),
                regionName,
                'run-region',
              )}
              {picker('size', groups?.sizes, t('monitoring.group.allSizes'), sizeName, 'run-size')}
            </Flex>
          }
          data-testid="run-card"
        >
          <LoadError error={run.error} onRetry={run.reload} />
          {run.data ? (
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              style={{ marginBottom: 12 }}
              items={[
                {
                  key: 'at',
                  label: t('monitoring.run.computedAt'),
                  children: formatDateTime(run.data.computedAt, locale),
                },
                {
                  key: 'responses',
                  label: t('monitoring.run.responses'),
                  children: <span data-testid="run-responses">{run.data.responses}</span>,
                },
                {
                  key: 'sha',
                  label: t('monitoring.run.sha'),
                  children: (
                    <Typography.Text
                      code
                      copyable={{ text: run.data.figuresSha256 }}
                      style={{ fontSize: 12 }}
                    >
                      {run.data.figuresSha256.slice(0, 16)}…
                    </Typography.Text>
                  ),
                },
              ]}
            />
          ) : null}
          {run.data ? (
            <div style={{ marginBottom: 12 }}>
              <WeightsUsed weights={run.data.weightSources} />
            </div>
          ) : null}
          {/* The questions' wording comes with the survey's version: the figures wait for it (not 问题 capacity). */}
          <LoadError error={questions.error} onRetry={questions.reload} />
          <FiguresTable
            figures={questions.loading ? [] : (run.data?.figures ?? [])}
            loading={run.loading || questions.loading}
            questionText={questionText}
            questionPosition={questionPosition}
            onOpen={(figure) => setTracing(traceQueryOf(figure))}
            testId="run-figures"
          />
        </Card>
      )}
      {runId !== null ? (
        <TraceDrawer
          start={tracing}
          traceQuery={(query) => monitoringQueries.trace(runId, query)}
          questionText={questionText}
          questionPosition={questionPosition}
          questionOf={questionOf}
          onClose={() => setTracing(null)}
        />
      ) : null}
      {releasing && runId !== null ? (
        <ReleaseModal
          runId={runId}
          coverage={
            run.data
              ? { responses: run.data.responses, members: wave.members, lowRate: wave.lowResponseRate }
              : undefined
          }
          onClose={() => setReleasing(false)}
          onDone={(release) => {
            setReleasing(false);
            void message.success(t('monitoring.release.created'));
            navigate(`/app/monitoring/releases/${release.id}`);
          }}
        />
      ) : null}
    </Flex>
  );
}
