/**
 * `/app/monitoring/releases` (officials, admins): the releases of the indices and of the registry's monthly
 * statistics (issue 16) — each with its survey (or 登记企业月度统计 and its region) and period, its version (a
 * correction is the next), its state (draft → reviewed by another official → scheduled → published; withdrawn), its
 * headline figure (the development index, or the count of active enterprises), who made and reviewed it and when it
 * is public; filtered by kind, survey and state (in the address), each opening its page. "创建发布" makes a release
 * of a computation or of a counted month.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Flex, Select, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  monitoringQueries,
  RELEASE_STATES,
  type Release,
  type ReleaseKind,
  type ReleaseState,
} from '../../api/monitoring.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { oneOf, paramReader, positiveParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { formatPeriod, isLowResponseRate } from './monitoringModel.ts';
import {
  FigureValue,
  PageHeading,
  ReleaseStateTag,
  ResponseRate,
  SeriesName,
  SurveyRegion,
  useMeasureName,
} from './monitoringParts.tsx';

const RELEASE_KINDS: readonly ReleaseKind[] = ['index', 'registry'];

import { ReleaseModal } from './ReleaseModal.tsx';

const readFilters = paramReader({
  kind: (value) => oneOf(RELEASE_KINDS, value),
  survey: (value) => positiveParam(value),
  state: (value) => oneOf(RELEASE_STATES, value),
  page: (value) => positiveParam(value) ?? 1,
  pageSize: (value) => positiveParam(value, 100) ?? 20,
});

export default function ReleasesPage() {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const measureName = useMeasureName();
  const { filters, update } = useUrlFilters(readFilters);
  const [creating, setCreating] = useState(false);
  const list = useApiQuery(
    monitoringQueries.releases({
      kind: filters.kind,
      surveyId: filters.kind === 'registry' ? undefined : filters.survey,
      state: filters.state,
      page: filters.page,
      pageSize: filters.pageSize,
    }),
    { keepPrevious: true },
  );
  const surveys = useApiQuery(monitoringQueries.surveys({ pageSize: 100 }));
  const columns: TableColumnsType<Release> = [
    {
      title: t('monitoring.release.series'),
      dataIndex: 'surveyName',
      render: (name: string | null, r) => (
        <Flex vertical gap={2}>
          <Link to={`/app/monitoring/releases/${r.id}`} data-testid="release-open">
            <SeriesName kind={r.kind} nameZh={name} nameEn={r.surveyNameEn} regionCode={r.regionCode} />
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`monitoring.releaseKind.${r.kind}`)}
            {r.kind === 'index' ? (
              <>
                {' · '}
                <SurveyRegion code={r.regionCode} />
              </>
            ) : null}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('monitoring.release.period'),
      dataIndex: 'period',
      width: 130,
      render: (p: string, r) => (
        <Flex vertical gap={2}>
          <span>{formatPeriod(p, locale)}</span>
          {r.releaseVersion > 1 ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('monitoring.release.correctionN', { version: r.releaseVersion })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('monitoring.release.state'),
      dataIndex: 'state',
      width: 100,
      render: (s: ReleaseState) => <ReleaseStateTag state={s} />,
    },
    {
      title: t('monitoring.release.headlineAndRate'),
      dataIndex: 'headline',
      width: 200,
      render: (f: Release['headline'], r) => (
        <Flex vertical gap={2}>
          {/* A corrected version: its figures are the current version's, said so with the way to it. */}
          {r.supersededBy ? (
            <Link
              to={`/app/monitoring/releases/${r.supersededBy.id}`}
              onClick={(e) => e.stopPropagation()}
              data-testid="release-superseded-by"
            >
              <Tag color="warning">
                {t('monitoring.release.supersededBy', { version: r.supersededBy.releaseVersion })}
              </Tag>
            </Link>
          ) : null}
          {f ? (
            <Flex gap={6} align="baseline">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {measureName(f.measure)}
              </Typography.Text>
              <FigureValue figure={f} strong />
            </Flex>
          ) : (
            '—'
          )}
          {r.kind === 'index' ? (
            <Flex gap={4} align="center" wrap style={{ fontSize: 12 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('monitoring.release.responseRate')}
              </Typography.Text>
              <ResponseRate release={r} compact />
              {isLowResponseRate(r) ? (
                <Tag color="warning" data-testid="release-low-response-tag">
                  {t('monitoring.release.lowResponse')}
                </Tag>
              ) : null}
            </Flex>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('monitoring.release.createdBy'),
      key: 'created',
      width: 190,
      render: (_, r) => (
        <Flex vertical gap={2}>
          <span>{r.createdBy ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(r.createdAt, locale)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('monitoring.release.reviewedBy'),
      key: 'reviewed',
      width: 190,
      render: (_, r) =>
        r.reviewedBy ? (
          <Flex vertical gap={2}>
            <span>{r.reviewedBy}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(r.reviewedAt, locale)}
            </Typography.Text>
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: t('monitoring.release.publishAt'),
      dataIndex: 'publishAt',
      width: 180,
      render: (at: string | null) => formatDateTime(at, locale),
    },
  ];
  return (
    <Flex vertical gap={16} data-testid="releases-page">
      <PageHeading
        title={t('monitoring.releases.title')}
        intro={t('monitoring.releases.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="release-new"
          >
            {t('monitoring.release.new')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex
          gap={12}
          wrap
          align="center"
          style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
        >
          <Select<ReleaseKind>
            allowClear
            style={{ width: 180 }}
            placeholder={t('monitoring.releases.kindAll')}
            value={filters.kind}
            onChange={(value) => update({ kind: value ?? null })}
            options={RELEASE_KINDS.map((k) => ({ value: k, label: t(`monitoring.releaseKind.${k}`) }))}
            aria-label={t('monitoring.release.kind')}
            data-testid="releases-kind"
          />
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            disabled={filters.kind === 'registry'}
            style={{ width: 280 }}
            placeholder={t('monitoring.releases.surveyAll')}
            value={filters.kind === 'registry' ? undefined : filters.survey}
            onChange={(value) => update({ survey: value ?? null })}
            options={(surveys.data?.items ?? []).map((s) => ({
              value: s.id,
              label: locale === 'en' ? s.nameEn || s.nameZh : s.nameZh,
            }))}
            aria-label={t('monitoring.release.survey')}
            data-testid="releases-survey"
          />
          <Select<ReleaseState>
            allowClear
            style={{ width: 140 }}
            placeholder={t('monitoring.releases.stateAll')}
            value={filters.state}
            onChange={(value) => update({ state: value ?? null })}
            options={RELEASE_STATES.map((s) => ({ value: s, label: t(`monitoring.releaseState.${s}`) }))}
            aria-label={t('monitoring.release.state')}
            data-testid="releases-state"
          />
          <div style={{ marginInlineStart: 'auto' }}>
            <ReloadButton query={list} />
          </div>
        </Flex>
        <PagedTable<Release>
          list={list}
          rowKey="id"
          size="middle"
          columns={columns}
          page={filters.page}
          pageSize={filters.pageSize}
          onPageChange={(page, pageSize) =>
            update({ page: page === 1 ? null : page, pageSize: pageSize === 20 ? null : pageSize })
          }
          showTotal={(total) => t('common.total', { total })}
          scroll={{ x: 1150 }}
          locale={{ emptyText: list.loading ? ' ' : t('monitoring.releases.empty') }}
          onRow={(r) =>
            ({
              'data-testid': 'release-row',
              'data-id': r.id,
              'data-state': r.state,
              'data-period': r.period,
            }) as object
          }
        />
      </Card>
      {creating ? (
        <ReleaseModal
          onClose={() => setCreating(false)}
          onDone={(release) => {
            setCreating(false);
            void message.success(t('monitoring.release.created'));
            navigate(`/app/monitoring/releases/${release.id}`);
          }}
        />
      ) : null}
    </Flex>
  );
}
