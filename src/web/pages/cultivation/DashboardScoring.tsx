/**
 * The registry-wide scoring behind the dashboard's likely candidates (issue 18): when the scores were last computed
 * (the last run finished over the region: when, over which region, who started it, how many enterprises), the run
 * under way with its progress (polled every 2 s until it ends, then the list is read again), and for a province's
 * official or an admin the button that starts a run. A second start while one runs is refused by the server with
 * the words shown.
 */
import { SyncOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Flex, Progress, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { type ScoringOverview, type ScoringRun, startScoring } from '../../api/cultivationDashboard.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { runPercent } from './dashboardModel.ts';

export function DashboardScoring({
  overview,
  regionCode,
  onChanged,
  onFinished,
}: {
  overview: ScoringOverview | undefined;
  regionCode: string | undefined;
  /** The overview to be read again (a run was started or refused). */
  onChanged: () => void;
  /** A run under way has ended: the candidates to be read again. */
  onFinished: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [starting, setStarting] = useState(false);
  const current = overview?.current ?? null;
  const last = overview?.last ?? null;
  const running = useRef<number | null>(null);
  useEffect(() => {
    if (current !== null) running.current = current.id;
    else if (running.current !== null) {
      running.current = null;
      onFinished();
    }
  }, [current, onFinished]);

  const start = async () => {
    setStarting(true);
    try {
      await startScoring(regionCode);
      void message.success(t('cultivationNotices.scoring.started'));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) void message.warning(failure.message);
      else void message.error(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setStarting(false);
      onChanged();
    }
  };

  const canStart = overview?.canStart === true && current === null;
  if (!overview || (last === null && current === null && !canStart)) return null;
  const region = (run: ScoringRun) => (locale === 'en' ? run.regionNameEn : run.regionName);
  const by = (run: ScoringRun) => run.startedBy ?? t('cultivationNotices.scoring.system');
  return (
    <Flex vertical gap={6} data-testid="cult-dash-scoring">
      {last ? (
        <Typography.Text style={{ fontSize: 12 }} data-testid="cult-dash-scoring-last">
          {t('cultivationNotices.scoring.last', {
            at: formatDateTime(last.finishedAt ?? last.createdAt, locale),
            region: region(last),
            by: by(last),
            count: formatNumber(last.enterprises, locale),
          })}
        </Typography.Text>
      ) : null}
      {current ? (
        <Flex vertical gap={2} data-testid="cult-dash-scoring-progress" data-status={current.status}>
          <Typography.Text style={{ fontSize: 12 }}>
            {current.status === 'queued'
              ? t('cultivationNotices.scoring.queued', { region: region(current), by: by(current) })
              : t('cultivationNotices.scoring.running', {
                  region: region(current),
                  done: formatNumber(current.enterprises, locale),
                  expected: formatNumber(current.expected, locale),
                })}
          </Typography.Text>
          <Progress
            percent={runPercent(current)}
            status="active"
            size="small"
            style={{ maxWidth: 420, margin: 0 }}
            aria-label={t('cultivationNotices.scoring.progress')}
          />
        </Flex>
      ) : null}
      {canStart ? (
        <Flex gap={8} align="center" wrap>
          <Button
            size="small"
            icon={<SyncOutlined />}
            loading={starting}
            onClick={() => void start()}
            data-testid="cult-dash-scoring-start"
          >
            {t(last ? 'cultivationNotices.scoring.restart' : 'cultivationNotices.scoring.start')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('cultivationNotices.scoring.startHelp')}
          </Typography.Text>
        </Flex>
      ) : null}
    </Flex>
  );
}
