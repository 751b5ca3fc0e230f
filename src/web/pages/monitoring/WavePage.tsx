/**
 * `/app/monitoring/surveys/:surveyId/waves/:id` (officials, admins): one wave of a survey (issue 16; the survey in
 * the address only places it under the surveys' menu entry) — its period, dates and grace, the live response rate
 * overall and the counts by state (pending, draft, submitted, accepted, returned, open flags); closing it (answers are then no longer taken); and three tabs, in the address: the response rate by
 * stratum (industry × region × size), the responses (filtered by state and flag, exported, each opening its answers
 * and flags to accept or send back), and the computation (its figures by group, each opening its trace, and a
 * release made from it).
 */
import { LockOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  Flex,
  Progress,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { ApiError } from '../../api/client.ts';
import { monitoringApi, monitoringQueries, type ProgressRow, type Wave } from '../../api/monitoring.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { oneOf, paramReader, useUrlFilters } from '../../lib/urlFilters.ts';
import { type CloseWarnings, closeWarnings, formatPeriod } from './monitoringModel.ts';
import {
  DetailHeading,
  errorText,
  GroupRegion,
  useIndustryName,
  useSizeName,
  WaveStateTag,
} from './monitoringParts.tsx';
import { WaveComputation } from './WaveComputation.tsx';
import { WaveResponses } from './WaveResponses.tsx';

const TABS = ['progress', 'responses', 'computation'] as const;
const readFilters = paramReader({ tab: (value) => oneOf(TABS, value) ?? 'progress' });

export default function WavePage() {
  const { t, locale } = useI18n();
  const { message, modal } = AntApp.useApp();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const { filters, update } = useUrlFilters(readFilters, 'push');
  const wave = useApiQuery<Wave>(
    valid
      ? { ...monitoringQueries.wave(id), retry: false }
      : refusedQuery(
          ['monitoring-wave', params.id],
          new ApiError(404, 'NOT_FOUND', t('error.notFoundRecord.title')),
        ),
  );
  const [closing, setClosing] = useState(false);
  const data = wave.data;
  const surveyName = data ? (locale === 'en' && data.surveyNameEn) || data.surveyName : '';
  const close = (w: Wave) => {
    const left = closeWarnings(w, todayInChina());
    return modal.confirm({
      title: t(left.any ? 'monitoring.wave.closeTitleEarly' : 'monitoring.wave.closeTitle'),
      width: left.any ? 560 : undefined,
      content: <CloseWarningText left={left} />,
      okText: t(left.any ? 'monitoring.wave.closeAnyway' : 'monitoring.wave.close'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'wave-close-ok' } as Record<string, string>) },
      cancelText: t('common.cancel'),
      onOk: async () => {
        setClosing(true);
        try {
          await monitoringApi.closeWave(w.id);
          void message.success(t('monitoring.wave.closed'));
        } catch (error) {
          void message.error(errorText(error));
        } finally {
          setClosing(false);
          wave.reload();
        }
      },
    });
  };
  return (
    <Flex vertical gap={16} data-testid="wave-page">
      <DetailHeading
        back={data ? `/app/monitoring/surveys/${data.surveyId}?tab=waves` : '/app/monitoring/surveys'}
        backText={t('monitoring.wave.back')}
        title={data ? `${surveyName} · ${formatPeriod(data.period, locale)}` : t('monitoring.wave.title')}
        extra={
          data ? (
            <Space>
              <WaveStateTag wave={data} />
              <ReloadButton query={wave} />
              {data.state === 'open' ? (
                <Button
                  icon={<LockOutlined />}
                  loading={closing}
                  onClick={() => close(data)}
                  data-testid="wave-close"
                >
                  {t('monitoring.wave.close')}
                </Button>
              ) : null}
            </Space>
          ) : null
        }
      />
      {wave.loading ? <Skeleton active /> : null}
      <LoadError error={wave.error} onRetry={wave.reload} />
      {data ? (
        <>
          <Card size="small">
            <Row gutter={[16, 16]} align="middle">
              <Col xs={24} md={8}>
                <Flex vertical gap={4}>
                  <Typography.Text type="secondary">{t('monitoring.wave.responseRate')}</Typography.Text>
                  <Progress
                    percent={Math.round(data.responseRate * 1000) / 10}
                    // The number at 100% too (not a tick alone).
                    format={(percent) => `${percent}%`}
                    data-testid="wave-rate"
                    data-rate={data.responseRate}
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDate(data.opensOn, locale)} – {formatDate(data.closesOn, locale)}
                    {data.graceDays > 0 ? ` · ${t('monitoring.wave.graceN', { days: data.graceDays })}` : ''}{' '}
                    · {t('monitoring.survey.versionN', { version: data.surveyVersion })}
                  </Typography.Text>
                </Flex>
              </Col>
              <Col xs={24} md={16}>
                <Row gutter={[8, 8]}>
                  <Col xs={8} sm={4}>
                    <Statistic title={t('monitoring.wave.members')} value={data.members} />
                  </Col>
                  {(['pending', 'draft', 'submitted', 'accepted', 'returned'] as const).map((state) => (
                    <Col xs={8} sm={4} key={state}>
                      <Statistic
                        title={t(`monitoring.responseState.${state}`)}
                        value={data.counts[state]}
                        data-testid={`wave-count-${state}`}
                      />
                    </Col>
                  ))}
                </Row>
                <Typography.Text
                  type={data.counts.openFlags > 0 ? 'warning' : 'secondary'}
                  data-testid="wave-open-flags"
                >
                  {t('monitoring.wave.openFlagsN', { n: data.counts.openFlags })}
                </Typography.Text>
              </Col>
            </Row>
          </Card>
          <Tabs
            activeKey={filters.tab}
            // A response opened in the responses tab (?response=) closes with it.
            onChange={(key) => update({ tab: key === 'progress' ? null : key, response: null })}
            data-testid="wave-tabs"
            items={[
              {
                key: 'progress',
                label: t('monitoring.wave.tabProgress'),
                children: <StrataTable rows={data.byStratum} low={data.lowResponseRate} />,
              },
              {
                key: 'responses',
                label: t('monitoring.wave.tabResponses'),
                children: <WaveResponses wave={data} onChanged={wave.reload} />,
              },
              {
                key: 'computation',
                label: t('monitoring.wave.tabComputation'),
                children: <WaveComputation wave={data} onComputed={wave.reload} />,
              },
            ]}
          />
        </>
      ) : null}
    </Flex>
  );
}

/**
 * What closing the wave now leaves behind: questionnaires not submitted (not started, drafts), those sent back and
 * not answered again, flags still open, and the days still left before the deadline and its grace; a plain
 * confirmation when nothing is left.
 */
function CloseWarningText({ left }: { left: CloseWarnings }) {
  const { t, locale } = useI18n();
  if (!left.any) return <span data-testid="wave-close-clear">{t('monitoring.wave.closeConfirm')}</span>;
  const items = [
    left.unsubmitted > 0
      ? {
          key: 'unsubmitted',
          text: t('monitoring.wave.closeUnsubmitted', {
            n: left.unsubmitted,
            pending: left.pending,
            draft: left.draft,
          }),
        }
      : null,
    left.returned > 0
      ? { key: 'returned', text: t('monitoring.wave.closeReturned', { n: left.returned }) }
      : null,
    left.openFlags > 0
      ? { key: 'flags', text: t('monitoring.wave.closeFlags', { n: left.openFlags }) }
      : null,
    left.deadlineAhead
      ? {
          key: 'deadline',
          text: t('monitoring.wave.closeDeadline', { date: formatDate(left.lastDay, locale) }),
        }
      : null,
  ].filter((item): item is { key: string; text: string } => item !== null);
  return (
    <Flex vertical gap={8} data-testid="wave-close-warning">
      <Typography.Text>{t('monitoring.wave.closeLeft')}</Typography.Text>
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {items.map((item) => (
          <li key={item.key} data-testid="wave-close-item" data-kind={item.key}>
            <Typography.Text type="warning">{item.text}</Typography.Text>
          </li>
        ))}
      </ul>
      <Typography.Text type="secondary">{t('monitoring.wave.closeEffect')}</Typography.Text>
    </Flex>
  );
}

/**
 * The response rate by stratum, lowest first, each with its number (100% too, not a tick alone); a stratum below the
 * low-response threshold (the share below which a release is flagged) is marked in red.
 */
function StrataTable({ rows, low }: { rows: ProgressRow[]; low: number }) {
  const { t } = useI18n();
  const isLow = (rate: number) => rate < low;
  const lowPercent = Math.round(low * 1000) / 10;
  const industryName = useIndustryName();
  const sizeName = useSizeName();
  const columns: TableColumnsType<ProgressRow> = [
    { title: t('monitoring.group.industry'), dataIndex: 'industry', render: (c: string) => industryName(c) },
    {
      title: t('monitoring.group.region'),
      dataIndex: 'regionCode',
      render: (c: string) => <GroupRegion code={c} />,
    },
    { title: t('monitoring.group.size'), dataIndex: 'size', width: 80, render: (c: string) => sizeName(c) },
    { title: t('monitoring.wave.members'), dataIndex: 'members', width: 80, align: 'right' },
    { title: t('monitoring.responseState.submitted'), dataIndex: 'submitted', width: 80, align: 'right' },
    { title: t('monitoring.responseState.accepted'), dataIndex: 'accepted', width: 80, align: 'right' },
    { title: t('monitoring.responseState.returned'), dataIndex: 'returned', width: 80, align: 'right' },
    { title: t('monitoring.responseState.draft'), dataIndex: 'draft', width: 80, align: 'right' },
    {
      title: t('monitoring.wave.responseRate'),
      dataIndex: 'rate',
      width: 180,
      sorter: (a, b) => a.rate - b.rate,
      defaultSortOrder: 'ascend',
      render: (rate: number) => (
        <Flex align="center" gap={6}>
          <Progress
            percent={Math.round(rate * 1000) / 10}
            size="small"
            status={isLow(rate) ? 'exception' : 'normal'}
            format={(percent) => `${percent}%`}
            style={{ flex: 1, margin: 0 }}
          />
          {isLow(rate) ? (
            <Tooltip title={t('monitoring.wave.lowStratumHint', { percent: lowPercent })}>
              <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid="stratum-low">
                {t('monitoring.wave.lowStratum')}
              </Tag>
            </Tooltip>
          ) : null}
        </Flex>
      ),
    },
  ];
  return (
    <Card size="small" styles={{ body: { padding: 0 } }}>
      <Table<ProgressRow>
        rowKey={(r) => `${r.industry}|${r.regionCode}|${r.size}`}
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t('monitoring.wave.noStrata') }}
        data-testid="wave-strata"
        onRow={(r) =>
          ({
            'data-testid': 'stratum-row',
            'data-rate': r.rate,
            'data-low': isLow(r.rate),
            style: isLow(r.rate) ? { background: '#fff2f0' } : undefined,
          }) as object
        }
      />
    </Card>
  );
}
