/**
 * The cultivation dashboard's likely candidates (issue 18): the enterprises of the region the registry-wide scoring
 * found likely to qualify for a tier, not holding it and with no application under way, best score first — by tier,
 * searched by name or USCC, paged by the server, downloadable as CSV or XLSX as the filters stand; each enterprise
 * opens its registry page (to reach out to it). Above the list, when the scores were last computed and the run
 * under way with its progress; a province's official or an admin (re)starts it there (DashboardScoring.tsx). When
 * the registry was never scored, the empty list says why and how the scores come.
 */
import { Card, Empty, Flex, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router';
import {
  type Candidate,
  type CultivationDashboard,
  candidatesExportUrl,
  cultivationDashboardQueries,
} from '../../api/cultivationDashboard.ts';
import type { Tier } from '../../api/cultivationReview.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { ExportButtons, SearchBox } from '../../components/PagedTable.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { oneOf, positiveParam, trimmedParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { DashboardScoring } from './DashboardScoring.tsx';
import { AssessmentTag, TierTag } from './ReviewParts.tsx';
import { TIERS } from './reviewModel.ts';

const readFilters = (params: URLSearchParams) => ({
  tier: oneOf(TIERS, params.get('tier')),
  q: trimmedParam(params.get('q')),
  page: positiveParam(params.get('page')) ?? 1,
  pageSize: positiveParam(params.get('pageSize'), 100) ?? 20,
});

export function DashboardCandidates({
  regionCode,
  tierCounts,
  scoredAt,
  onScored,
}: {
  regionCode: string | undefined;
  tierCounts: CultivationDashboard['tiers'];
  scoredAt: CultivationDashboard['scoredAt'];
  /** A scoring run has ended: the dashboard's counts to be read again. */
  onScored: () => void;
}) {
  const { t, locale } = useI18n();
  const { filters, update } = useUrlFilters(readFilters);
  const list = useApiQuery(
    cultivationDashboardQueries.candidates({
      regionCode,
      tier: filters.tier,
      q: filters.q,
      page: filters.page,
      pageSize: filters.pageSize,
    }),
    { keepPrevious: true },
  );
  const scoring = useApiQuery({
    ...cultivationDashboardQueries.scoring({ regionCode }),
    refetchInterval: (query) => (query.state.data?.current ? 2000 : false),
  });
  const reloadList = list.reload;
  const scored = useCallback(() => {
    reloadList();
    onScored();
  }, [reloadList, onScored]);
  const lang = locale === 'en' ? 'en' : 'zh';
  const at = list.data?.scoredAt ?? scoredAt;
  const neverScored = !at && !scoring.data?.last;
  const columns: TableColumnsType<Candidate> = [
    {
      title: t('cultDash.col.enterprise'),
      key: 'enterprise',
      render: (_, row) => (
        <Flex vertical gap={2}>
          <Link
            to={`/app/enterprises/${row.enterpriseId}`}
            data-testid={`cult-dash-candidate-${row.enterpriseId}`}
          >
            {row.name}
          </Link>
          <Typography.Text type="secondary" className="huiqi-mono" style={{ fontSize: 12 }}>
            {row.uscc}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('cultDash.col.tier'),
      key: 'tier',
      width: 190,
      render: (_, row) => <TierTag tier={row.tier} />,
    },
    {
      title: t('cultDash.col.county'),
      key: 'region',
      width: 150,
      render: (_, row) => (row.regionCode ? <RegionName code={row.regionCode} /> : '—'),
    },
    {
      title: t('cultDash.col.score'),
      key: 'score',
      width: 120,
      render: (_, row) => (
        <Flex vertical gap={2} align="start">
          {row.score === null ? (
            <Typography.Text type="secondary">{t('cultDash.noScore')}</Typography.Text>
          ) : (
            <Typography.Text strong data-testid={`cult-dash-candidate-score-${row.enterpriseId}`}>
              {row.score}
            </Typography.Text>
          )}
          <AssessmentTag status={row.status} />
        </Flex>
      ),
    },
    {
      title: t('cultDash.col.missing'),
      key: 'missing',
      width: 100,
      align: 'right',
      render: (_, row) => t('cultDash.missingCount', { count: row.missing }),
    },
  ];
  const tierOption = (name: string, count: number) =>
    locale === 'en' ? `${name} (${count})` : `${name}（${count}）`;
  const total = tierCounts.reduce((sum, tier) => sum + tier.candidates, 0);
  return (
    <Card
      size="small"
      title={<span style={{ whiteSpace: 'normal' }}>{t('cultDash.candidates')}</span>}
      data-testid="cult-dash-candidates"
      styles={{ body: { padding: 0 } }}
    >
      <Flex vertical gap={8} style={{ padding: '12px 16px' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('cultDash.candidatesIntro')}{' '}
          {at ? (
            <span data-testid="cult-dash-scored-at">
              {t('cultDash.scoredAt', { at: formatDateTime(at, locale) })}
            </span>
          ) : (
            <span data-testid="cult-dash-not-scored">{t('cultDash.notScored')}</span>
          )}
        </Typography.Text>
        <DashboardScoring
          overview={scoring.data}
          regionCode={regionCode}
          onChanged={scoring.reload}
          onFinished={scored}
        />
        <Flex gap={12} wrap align="center">
          <Select<Tier>
            allowClear
            style={{ width: 220, maxWidth: '100%' }}
            placeholder={t('cultDash.tierAll')}
            value={filters.tier}
            onChange={(tier) => update({ tier: tier ?? null })}
            options={TIERS.map((tier) => ({
              value: tier,
              label: tierOption(
                t(`cultReview.tier.${tier}`),
                tierCounts.find((c) => c.tier === tier)?.candidates ?? 0,
              ),
            }))}
            aria-label={t('cultDash.col.tier')}
            data-testid="cult-dash-candidates-tier"
          />
          <SearchBox
            query={filters.q ?? ''}
            onSearch={(q) => update({ q })}
            placeholder={t('cultDash.search')}
            aria-label={t('cultDash.search')}
            enterButton={t('common.search')}
            style={{ width: 320, maxWidth: '100%' }}
            data-testid="cult-dash-candidates-search"
          />
          {total > 0 ? (
            <Flex gap={8} wrap>
              <ExportButtons
                url={(format) =>
                  candidatesExportUrl({ regionCode, tier: filters.tier, q: filters.q }, format, lang)
                }
                fileName="cultivation-candidates"
                labels={{ csv: t('cultDash.exportCsv'), xlsx: t('cultDash.exportXlsx') }}
                testId="cult-dash-candidates"
              />
            </Flex>
          ) : null}
        </Flex>
      </Flex>
      <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
      <Table<Candidate>
        rowKey={(row) => `${row.enterpriseId}-${row.tier}`}
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        scroll={{ x: 800 }}
        locale={{
          emptyText: list.loading ? (
            ' '
          ) : neverScored ? (
            <Empty
              description={
                <Flex vertical gap={4} align="center" data-testid="cult-dash-candidates-never-scored">
                  <Typography.Text strong>{t('cultivationNotices.scoring.emptyTitle')}</Typography.Text>
                  <Typography.Text type="secondary" style={{ maxWidth: 560 }}>
                    {t('cultivationNotices.scoring.emptyText')}{' '}
                    {t(
                      scoring.data?.canStart
                        ? 'cultivationNotices.scoring.emptyCanStart'
                        : 'cultivationNotices.scoring.emptyAsk',
                    )}
                  </Typography.Text>
                </Flex>
              }
            />
          ) : (
            <Empty description={t(at ? 'cultDash.candidatesEmpty' : 'cultDash.notScored')} />
          ),
        }}
        pagination={serverPagination({
          page: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (count) => t('common.total', { total: count }),
          onChange: (page, pageSize) =>
            update({ page: page === 1 ? null : page, pageSize: pageSize === 20 ? null : pageSize }),
        })}
        data-testid="cult-dash-candidates-table"
      />
    </Card>
  );
}
