/**
 * `/app/procurement/recheck` (声明函复核; supervising officials and admins): a 声明函 is checked when its award is
 * recorded, against the registry's figures as they were; the year's figures often reach the registry later. The
 * official starts a recheck of a year's declarations of their region (POST /api/procurement/declarations/recheck, a
 * background job), follows it while it runs (the run read by id every two seconds), and reads its result: the
 * declarations checked, newly flagged and cleared, by body, with links to the awards newly flagged. Earlier runs are
 * listed below (from the audit log: when, who started it, the year and region, the counts); one is opened by its id
 * in the address (`?run=`).
 */
import { SyncOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Space,
  Spin,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { procurementApi, procurementQueries, type Recheck } from '../../api/procurement.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { YearFilter } from './procurementFilters.tsx';
import { PageHeading } from './procurementParts.tsx';

const STATUS_COLORS: Record<Recheck['status'], string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
};
const isActive = (run: Recheck | undefined) => run?.status === 'queued' || run?.status === 'running';

function StatusTag({ run }: { run: Recheck }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[run.status]} data-testid="recheck-status" data-status={run.status}>
      {t(`proc.recheck.status.${run.status}`)}
    </Tag>
  );
}

/** One run: its state while it runs, then its counts and the bodies with declarations newly flagged or cleared. */
function RunCard({ id }: { id: number }) {
  const { t, locale } = useI18n();
  const run = useApiQuery({
    ...procurementQueries.recheck(id),
    refetchInterval: (query) => (isActive(query.state.data) ? 2000 : false),
  });
  if (run.error && !run.data) return <ErrorResult error={run.error} onRetry={run.reload} />;
  if (!run.data) return <Spin />;
  const r = run.data;
  const columns: TableColumnsType<Recheck['bodies'][number]> = [
    { title: t('proc.project.body'), dataIndex: 'bodyName', key: 'body' },
    {
      title: t('proc.recheck.newlyFlagged'),
      dataIndex: 'newlyFlagged',
      key: 'newlyFlagged',
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    { title: t('proc.recheck.cleared'), dataIndex: 'cleared', key: 'cleared', align: 'right' },
    {
      title: t('proc.recheck.flaggedAwards'),
      key: 'awards',
      render: (_: unknown, body) =>
        body.awards.length === 0 ? (
          '—'
        ) : (
          <Space size={[8, 4]} wrap>
            {body.awards.map((awardId) => (
              <Link key={awardId} to={`/app/procurement/awards/${awardId}`} data-testid="recheck-award-link">
                {t('proc.recheck.award', { id: awardId })}
              </Link>
            ))}
            <Link
              to={`/app/procurement/awards?year=${r.year}&bodyId=${body.bodyId}&bodyName=${encodeURIComponent(body.bodyName)}&flagged=true`}
            >
              {t('proc.recheck.allFlagged')}
            </Link>
          </Space>
        ),
    },
  ];
  return (
    <Card
      title={t('proc.recheck.run', { year: r.year, date: formatDateTime(r.createdAt, locale) })}
      extra={<StatusTag run={r} />}
      data-testid="recheck-run"
      data-run={r.id}
      data-status={r.status}
    >
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            {
              key: 'region',
              label: t('proc.recheck.region'),
              children: r.regionCode ? <RegionName code={r.regionCode} full /> : t('proc.recheck.national'),
            },
            {
              key: 'created',
              label: t('proc.recheck.createdAt'),
              children: formatDateTime(r.createdAt, locale),
            },
            { key: 'startedBy', label: t('proc.recheck.startedBy'), children: r.startedBy ?? '—' },
            {
              key: 'finished',
              label: t('proc.recheck.finishedAt'),
              children: r.finishedAt ? formatDateTime(r.finishedAt, locale) : '—',
            },
          ]}
        />
        {isActive(r) ? (
          <Alert
            type="info"
            showIcon
            icon={<SyncOutlined spin />}
            title={t('proc.recheck.running', { checked: r.checked })}
            data-testid="recheck-running"
          />
        ) : null}
        {r.status === 'failed' ? (
          <Alert type="error" showIcon title={t('proc.recheck.failed')} description={r.error ?? undefined} />
        ) : null}
        <Flex gap={32} wrap>
          <Statistic title={t('proc.recheck.checked')} value={r.checked} data-testid="recheck-checked" />
          <Statistic
            title={t('proc.recheck.newlyFlagged')}
            value={r.newlyFlagged}
            data-testid="recheck-newly-flagged"
          />
          <Statistic title={t('proc.recheck.cleared')} value={r.cleared} data-testid="recheck-cleared" />
          <Statistic title={t('proc.recheck.changed')} value={r.changed} data-testid="recheck-changed" />
          <Statistic title={t('proc.recheck.flagged')} value={r.flagged} />
        </Flex>
        {r.status === 'succeeded' ? (
          r.bodies.length === 0 ? (
            <Typography.Text type="secondary" data-testid="recheck-no-change">
              {t('proc.recheck.noChange')}
            </Typography.Text>
          ) : (
            <Table
              rowKey="bodyId"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={r.bodies}
              data-testid="recheck-bodies"
            />
          )
        ) : null}
      </Flex>
    </Card>
  );
}

export default function RecheckPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const runId = Number(params.get('run'));
  const [year, setYear] = useState<number>(Number(todayInChina().slice(0, 4)));
  const [starting, setStarting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const runs = useApiQuery({
    ...procurementQueries.rechecks({}),
    refetchInterval: (query) => (query.state.data?.items.some((r) => isActive(r)) ? 2000 : false),
  });

  const start = async () => {
    setStarting(true);
    setFailure(null);
    try {
      const run = await procurementApi.recheck({ year });
      setParams({ run: String(run.id) });
      runs.reload();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setStarting(false);
    }
  };

  const columns: TableColumnsType<Recheck> = [
    {
      title: t('proc.recheck.createdAt'),
      key: 'created',
      render: (_: unknown, r) => (
        <Link to={`?run=${r.id}`} data-testid={`recheck-open-${r.id}`}>
          {formatDateTime(r.createdAt, locale)}
        </Link>
      ),
    },
    {
      title: t('proc.recheck.startedBy'),
      key: 'startedBy',
      render: (_: unknown, r) => <span data-testid={`recheck-started-by-${r.id}`}>{r.startedBy ?? '—'}</span>,
    },
    { title: t('proc.filter.yearLabel'), dataIndex: 'year', key: 'year' },
    {
      title: t('proc.recheck.region'),
      key: 'region',
      render: (_: unknown, r) =>
        r.regionCode ? <RegionName code={r.regionCode} full /> : t('proc.recheck.national'),
    },
    { title: t('proc.recheck.state'), key: 'status', render: (_: unknown, r) => <StatusTag run={r} /> },
    { title: t('proc.recheck.checked'), dataIndex: 'checked', key: 'checked', align: 'right' },
    { title: t('proc.recheck.newlyFlagged'), dataIndex: 'newlyFlagged', key: 'newly', align: 'right' },
    { title: t('proc.recheck.cleared'), dataIndex: 'cleared', key: 'cleared', align: 'right' },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('proc.recheck.title')} intro={t('proc.recheck.intro')} />
      <Card>
        <Flex gap={12} align="center" wrap>
          <Typography.Text>{t('proc.filter.yearLabel')}</Typography.Text>
          <YearFilter
            value={year}
            onChange={(y) => y !== undefined && setYear(y)}
            allowClear={false}
            testId="recheck-year"
          />
          <Button
            type="primary"
            icon={<SyncOutlined />}
            loading={starting}
            onClick={() => void start()}
            data-testid="recheck-start"
          >
            {t('proc.recheck.start')}
          </Button>
        </Flex>
        {failure ? (
          <Alert
            type="error"
            showIcon
            title={failure}
            style={{ marginTop: 12 }}
            data-testid="recheck-error"
          />
        ) : null}
      </Card>
      {Number.isSafeInteger(runId) && runId > 0 ? <RunCard key={runId} id={runId} /> : null}
      <Card title={t('proc.recheck.earlier')}>
        {runs.error && !runs.data ? (
          <ErrorResult error={runs.error} onRetry={runs.reload} />
        ) : (
          <Table
            rowKey="id"
            size="small"
            loading={!runs.data}
            pagination={false}
            columns={columns}
            dataSource={runs.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('proc.recheck.none')} /> }}
            data-testid="recheck-runs"
          />
        )}
      </Card>
    </Flex>
  );
}
