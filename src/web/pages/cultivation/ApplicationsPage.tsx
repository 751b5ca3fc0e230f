/**
 * `/app/cultivation/applications` (officials, admins): the review queue of gradient cultivation (issue 18) — the
 * applications of the reviewer's region, soonest due first, paged by the server. It opens on the reviewer's own
 * step (a county's or city's official: 县（区）审核; the province's: 省级审核; the ministry: 国家级审核); the stage, tier,
 * year, county, a search by name or USCC and "overdue only" filter it, all kept in the address (`stage=all`: every
 * stage). Each row: the enterprise, its tier, county, stage, score with the assessment's verdict, and the due date,
 * red when overdue. The enterprise's name keeps a column wide enough for it on one line (cut with a tooltip when
 * longer); on a narrow screen the table scrolls sideways.
 */
import {
  Card,
  Checkbox,
  Empty,
  Flex,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tooltip,
  Typography,
} from 'antd';
import type { CSSProperties } from 'react';
import { useMemo } from 'react';
import { Link, useLocation } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import {
  type Application,
  cultivationReviewQueries,
  type Stage,
  type Tier,
} from '../../api/cultivationReview.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { SearchBox } from '../../components/PagedTable.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { useApiQuery } from '../../lib/queries.ts';
import {
  flagParam,
  matching,
  oneOf,
  positiveParam,
  trimmedParam,
  useUrlFilters,
} from '../../lib/urlFilters.ts';
import { AssessmentTag, DueDate, ReviewHeading, StageTag, TierTag } from './ReviewParts.tsx';
import { ownStage, reviewLevelOf, STAGES, TIERS } from './reviewModel.ts';

/** The enterprise column's width: a name of a dozen characters on one line (longer ones cut, whole in a tooltip). */
const ENTERPRISE_WIDTH = 260;

/** One line, cut with an ellipsis. */
const ONE_LINE: CSSProperties = {
  display: 'block',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  whiteSpace: 'nowrap',
  maxWidth: '100%',
};

/** The table's width: its columns' together, so it scrolls sideways (on a phone) rather than squeeze one. */
function tableWidth(columns: TableColumnsType<Application>): number {
  return columns.reduce((sum, column) => sum + (typeof column.width === 'number' ? column.width : 0), 0);
}

/** The years an application may be of: this year back to 2022 (the first standards). */
function yearsOffered(): number[] {
  const last = Number(todayInChina().slice(0, 4));
  const years: number[] = [];
  for (let year = last; year >= 2022; year--) years.push(year);
  return years;
}

const readFilters = (params: URLSearchParams) => ({
  stage: params.get('stage') === 'all' ? ('all' as const) : oneOf(STAGES, params.get('stage')),
  tier: oneOf(TIERS, params.get('tier')),
  year: positiveParam(params.get('year'), 2100),
  regionCode: matching(/^\d{6}$/)(params.get('regionCode')),
  q: trimmedParam(params.get('q')),
  overdue: flagParam(params.get('overdue')),
  page: positiveParam(params.get('page')) ?? 1,
  pageSize: positiveParam(params.get('pageSize'), 100) ?? 20,
});

export default function ApplicationsPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const level = reviewLevelOf(user);
  const { filters, update, reset } = useUrlFilters(readFilters);
  // The application's page leads back to the queue as filtered here.
  const location = useLocation();
  const stage: Stage | undefined = filters.stage === 'all' ? undefined : (filters.stage ?? ownStage(level));
  const list = useApiQuery(
    cultivationReviewQueries.queue({
      stage,
      tier: filters.tier,
      year: filters.year,
      regionCode: filters.regionCode,
      q: filters.q,
      overdue: filters.overdue,
      page: filters.page,
      pageSize: filters.pageSize,
    }),
    { keepPrevious: true },
  );
  const years = useMemo(yearsOffered, []);
  const filtered = Boolean(
    filters.stage || filters.tier || filters.year || filters.regionCode || filters.q || filters.overdue,
  );

  const columns: TableColumnsType<Application> = [
    {
      title: t('cultReview.col.enterprise'),
      key: 'enterprise',
      // Never squeezed by the fixed columns: the name keeps its width on one line, cut with its whole in a tooltip.
      width: ENTERPRISE_WIDTH,
      render: (_, row) => {
        const name = row.enterpriseName || `#${row.enterpriseId}`;
        return (
          <Flex vertical gap={2} style={{ minWidth: 0 }} data-testid={`application-enterprise-${row.id}`}>
            <Tooltip title={name} placement="topLeft">
              <Link
                to={`/app/cultivation/applications/${row.enterpriseId}/${row.id}`}
                state={{ queue: location.search }}
                data-testid={`application-link-${row.id}`}
                style={ONE_LINE}
              >
                {name}
              </Link>
            </Tooltip>
            <Typography.Text
              type="secondary"
              className="huiqi-mono"
              style={{ ...ONE_LINE, fontSize: 12 }}
              title={t('cultReview.col.enterpriseUscc', { uscc: row.uscc })}
            >
              {row.uscc}
            </Typography.Text>
          </Flex>
        );
      },
    },
    {
      title: t('cultReview.col.tier'),
      key: 'tier',
      width: 180,
      render: (_, row) => (
        <Flex vertical gap={2} align="start">
          <TierTag tier={row.tier} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('cultReview.filter.yearOption', { year: row.year })}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('cultReview.col.region'),
      key: 'region',
      width: 120,
      render: (_, row) => <RegionName code={row.regionCode} />,
    },
    {
      title: t('cultReview.col.stage'),
      key: 'stage',
      width: 110,
      render: (_, row) => (
        <StageTag
          stage={row.stage}
          validTo={row.validTo}
          noticeFrom={row.noticeFrom}
          testId={`application-stage-${row.id}`}
        />
      ),
    },
    {
      title: t('cultReview.col.score'),
      key: 'score',
      width: 120,
      render: (_, row) => (
        <Flex vertical gap={2} align="start">
          {row.score === null ? (
            <Typography.Text type="secondary">{t('cultReview.noScore')}</Typography.Text>
          ) : (
            <Typography.Text strong>{row.score}</Typography.Text>
          )}
          <AssessmentTag status={row.status} />
        </Flex>
      ),
    },
    {
      title: t('cultReview.col.due'),
      key: 'due',
      width: 170,
      render: (_, row) => (
        <DueDate dueOn={row.dueOn} overdue={row.overdue} testId={`application-due-${row.id}`} />
      ),
    },
    {
      title: t('cultReview.col.submitted'),
      key: 'submitted',
      width: 160,
      render: (_, row) => (
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(row.submittedAt, locale)}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <ReviewHeading title={t('cultReview.queue.title')} intro={t('cultReview.queue.intro')} />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex
          gap={12}
          wrap
          align="center"
          style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
        >
          <Select<Stage | 'all'>
            style={{ width: 150 }}
            value={filters.stage ?? stage ?? 'all'}
            onChange={(value) => update({ stage: value })}
            options={[
              { value: 'all', label: t('cultReview.filter.stageAll') },
              ...STAGES.map((s) => ({ value: s, label: t(`cultReview.stage.${s}`) })),
            ]}
            aria-label={t('cultReview.filter.stage')}
            data-testid="applications-stage"
          />
          <Select<Tier>
            allowClear
            style={{ width: 200 }}
            placeholder={t('cultReview.filter.tierAll')}
            value={filters.tier}
            onChange={(value) => update({ tier: value ?? null })}
            options={TIERS.map((tier) => ({ value: tier, label: t(`cultReview.tier.${tier}`) }))}
            aria-label={t('cultReview.filter.tier')}
            data-testid="applications-tier"
          />
          <Select<number>
            allowClear
            style={{ width: 120 }}
            placeholder={t('cultReview.filter.yearAll')}
            value={filters.year}
            onChange={(value) => update({ year: value ?? null })}
            options={years.map((year) => ({
              value: year,
              label: t('cultReview.filter.yearOption', { year }),
            }))}
            aria-label={t('cultReview.filter.year')}
            data-testid="applications-year"
          />
          {level === 'national' || level === 'province' || user?.regionCode?.endsWith('00') ? (
            <ScopedRegionCascader
              rootCode={user?.role === 'official' ? (user.regionCode ?? null) : null}
              value={filters.regionCode}
              onChange={(regionCode) => update({ regionCode: regionCode ?? null })}
              placeholder={t('cultReview.filter.region')}
              ariaLabel={t('cultReview.filter.region')}
              testId="applications-region"
              style={{ width: 220 }}
            />
          ) : null}
          <Checkbox
            checked={Boolean(filters.overdue)}
            onChange={(event) => update({ overdue: event.target.checked ? 'true' : null })}
            data-testid="applications-overdue"
          >
            {t('cultReview.filter.overdue')}
          </Checkbox>
          <SearchBox
            query={filters.q ?? ''}
            onSearch={(q) => update({ q })}
            placeholder={t('cultReview.filter.search')}
            aria-label={t('cultReview.filter.search')}
            enterButton={t('common.search')}
            style={{ width: 320, maxWidth: '100%' }}
            data-testid="applications-search"
          />
          <Space>
            <ReloadButton query={list} />
            {filtered ? (
              <Typography.Link onClick={() => reset()} data-testid="applications-clear">
                {t('cultReview.filter.clear')}
              </Typography.Link>
            ) : null}
          </Space>
        </Flex>
        <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
        <Table<Application>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          tableLayout="fixed"
          scroll={{ x: tableWidth(columns) }}
          locale={{
            emptyText: list.loading ? (
              ' '
            ) : (
              <Empty
                description={t(
                  filtered || stage ? 'cultReview.queue.emptyFiltered' : 'cultReview.queue.empty',
                )}
              />
            ),
          }}
          pagination={serverPagination({
            page: filters.page,
            pageSize: filters.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) =>
              update({ page: page === 1 ? null : page, pageSize: pageSize === 20 ? null : pageSize }),
          })}
          data-testid="applications-table"
        />
      </Card>
    </Flex>
  );
}
