/**
 * `/app/procurement/reports` (年度报告): a year's annual reports of SME procurement. A supervising official sees every
 * buying body of their region with its report's state — none, a draft, published (which version, when; corrected
 * or not) — those without a published report first, filtered by state (with the counts), searched by name or
 * USCC, paged by the server, downloaded as CSV/XLSX; and may generate a body's report on its behalf. A buyer sees
 * their own body and generates its report. Year, region, state, search and page live in the address.
 */
import { FileAddOutlined, FileTextOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  Empty,
  Flex,
  Segmented,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import {
  REPORT_LIST_STATES,
  type ReportListItem,
  type ReportListState,
  reportApi,
  reportPath,
  reportQueries,
} from '../../api/procurementReports.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ExportButtons, SearchBox } from '../../components/PagedTable.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { useApiQuery } from '../../lib/queries.ts';
import {
  matching,
  oneOf,
  paramReader,
  positiveParam,
  trimmedParam,
  useUrlFilters,
} from '../../lib/urlFilters.ts';
import { BodyNotRegistered, isBodyMissing, PageHeading } from './procurementParts.tsx';
import { reportYears } from './reportModel.ts';

const readFilters = paramReader({
  year: (v) => positiveParam(v, 2100),
  region: matching(/^\d{6}$/),
  state: (v) => oneOf(REPORT_LIST_STATES, v),
  q: trimmedParam,
  page: (v) => positiveParam(v) ?? 1,
  pageSize: (v) => positiveParam(v, 100) ?? 20,
});

const STATE_COLORS: Record<ReportListState | 'superseded', string> = {
  none: 'default',
  draft: 'gold',
  published: 'green',
  superseded: 'default',
};

/**
 * A report's state as a tag; a publication a later version corrected reads 已更正 (superseded), with a link to the
 * version in force when `current` is given.
 */
export function ReportStateTag({
  state,
  current,
}: {
  state: ReportListState | 'superseded';
  current?: { id: number; reportVersion: number };
}) {
  const { t } = useI18n();
  const tag = (
    <Tag color={STATE_COLORS[state]} data-testid="report-state" data-state={state}>
      {state === 'superseded' ? t('proc.report.corrected') : t(`proc.reports.state.${state}`)}
    </Tag>
  );
  if (state !== 'superseded' || !current) return tag;
  return (
    <Space size={4}>
      {tag}
      <Link to={`/app/procurement/reports/${current.id}`} data-testid="report-current-version">
        {t('procr.report.currentVersion', { version: current.reportVersion })}
      </Link>
    </Space>
  );
}

export default function ReportsPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const buyer = user?.role === 'buyer';
  const rootCode = user?.role === 'official' ? user.regionCode : null;
  const { filters, update } = useUrlFilters(readFilters);
  const today = todayInChina();
  const years = useMemo(() => reportYears(today), [today]);
  // The year just ended is what an annual report is usually made of.
  const defaultYear = years[1] ?? years[0] ?? Number(today.slice(0, 4));
  const year = filters.year ?? defaultYear;
  const [generating, setGenerating] = useState<number | null>(null);
  const list = useApiQuery(
    reportQueries.list({
      year,
      regionCode: buyer ? undefined : filters.region,
      state: filters.state,
      q: buyer ? undefined : filters.q,
      page: filters.page,
      pageSize: filters.pageSize,
    }),
    { keepPrevious: true },
  );
  const data = list.data;

  const generate = async (item: ReportListItem) => {
    setGenerating(item.bodyId);
    try {
      const draft = await reportApi.generate({ year, ...(buyer ? {} : { bodyId: item.bodyId }) });
      navigate(reportPath(draft.id, 'staff'));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
      list.reload();
    } finally {
      setGenerating(null);
    }
  };

  if (isBodyMissing(list.error, user)) return <BodyNotRegistered error={list.error} />;

  const columns: TableColumnsType<ReportListItem> = [
    {
      title: t('proc.body.name'),
      key: 'body',
      render: (_, item) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{item.bodyName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <span className="huiqi-mono">{item.uscc}</span> · <RegionName code={item.regionCode} />
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('proc.reports.stateColumn'),
      key: 'state',
      width: 120,
      render: (_, item) => <ReportStateTag state={item.state} />,
    },
    {
      title: t('proc.reports.published'),
      key: 'published',
      width: 260,
      render: (_, item) =>
        item.reportId === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Flex vertical gap={2}>
            <Space size={4} wrap>
              <Link to={reportPath(item.reportId, 'staff')} data-testid="reports-open-published">
                {t('proc.report.version', { version: item.reportVersion ?? 1 })}
              </Link>
              {(item.reportVersion ?? 1) > 1 ? <Tag color="orange">{t('proc.report.corrected')}</Tag> : null}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(item.publishedAt, locale)}
            </Typography.Text>
          </Flex>
        ),
    },
    {
      title: t('proc.reports.draft'),
      key: 'draft',
      width: 200,
      render: (_, item) =>
        item.draft ? (
          <Flex vertical gap={2}>
            <Link to={reportPath(item.draft.id, 'staff')} data-testid="reports-open-draft">
              {item.draft.reportVersion > 1
                ? t('proc.reports.correctionDraft', { version: item.draft.reportVersion })
                : t('proc.reports.firstDraft')}
            </Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(item.draft.generatedAt, locale)}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, item) =>
        item.state === 'none' ? (
          <Button
            size="small"
            type="primary"
            icon={<FileAddOutlined />}
            loading={generating === item.bodyId}
            onClick={() => void generate(item)}
            data-testid="reports-generate"
          >
            {t('proc.reports.generate')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="reports-page">
      <PageHeading
        title={t('proc.reports.title')}
        intro={t(buyer ? 'proc.reports.introBuyer' : 'proc.reports.intro')}
        extra={
          <Link to="/procurement/reports" target="_blank" data-testid="reports-public-link">
            <FileTextOutlined /> {t('proc.reports.publicLink')}
          </Link>
        }
      />
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <Select<number>
            style={{ width: 130 }}
            value={year}
            onChange={(next) => update({ year: next === defaultYear ? null : next, page: null })}
            options={years.map((y) => ({ value: y, label: t('proc.filter.year', { year: y }) }))}
            aria-label={t('proc.filter.yearLabel')}
            data-testid="reports-year"
          />
          {buyer ? null : (
            <>
              <ScopedRegionCascader
                rootCode={rootCode}
                value={filters.region}
                onChange={(code) => update({ region: code ?? null, page: null })}
                placeholder={t(rootCode ? 'proc.filter.regionOwn' : 'proc.filter.regionAll')}
                ariaLabel={t('proc.filter.region')}
                testId="reports-region"
                style={{ width: 260 }}
              />
              <SearchBox
                query={filters.q ?? ''}
                onSearch={(q) => update({ q: q || null, page: null })}
                placeholder={t('proc.reports.search')}
                style={{ width: 260 }}
                data-testid="reports-search"
              />
            </>
          )}
          <Flex gap={8} wrap style={{ marginInlineStart: 'auto' }}>
            {buyer ? null : (
              <ExportButtons
                url={(format) =>
                  `/api/procurement/reports/export?${new URLSearchParams({
                    year: String(year),
                    ...(filters.region ? { regionCode: filters.region } : {}),
                    ...(filters.state ? { state: filters.state } : {}),
                    ...(filters.q ? { q: filters.q } : {}),
                    format,
                    lang: locale === 'en' ? 'en' : 'zh',
                  })}`
                }
                fileName={`procurement-reports-${year}`}
                labels={{ csv: t('proc.shares.exportCsv'), xlsx: t('proc.shares.exportXlsx') }}
                testId="reports"
              />
            )}
            <ReloadButton query={list} />
          </Flex>
        </Flex>
        {buyer ? null : (
          <Segmented<'all' | ReportListState>
            style={{ marginTop: 12 }}
            value={filters.state ?? 'all'}
            onChange={(next) => update({ state: next === 'all' ? null : next, page: null })}
            options={[
              { value: 'all', label: t('proc.reports.state.all') },
              ...REPORT_LIST_STATES.map((state) => ({
                value: state,
                label: `${t(`proc.reports.state.${state}`)} ${formatNumber(data?.counts[state] ?? 0, locale)}`,
              })),
            ]}
            data-testid="reports-state"
          />
        )}
      </Card>
      <LoadError error={list.error} onRetry={list.reload} style={{ marginBottom: 0 }} />
      <Card size="small" styles={{ body: { padding: 0 } }}>
        <Table<ReportListItem>
          rowKey="bodyId"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 900 }}
          onRow={(item) =>
            ({ 'data-testid': 'reports-row', 'data-body': item.bodyId, 'data-state': item.state }) as never
          }
          locale={{ emptyText: <Empty description={t('proc.reports.none')} /> }}
          pagination={serverPagination({
            page: filters.page,
            pageSize: filters.pageSize,
            total: data?.total ?? 0,
            showTotal: (count) => t('common.total', { total: count }),
            onChange: (nextPage, nextSize) =>
              update({ page: nextPage === 1 ? null : nextPage, pageSize: nextSize === 20 ? null : nextSize }),
          })}
          data-testid="reports-table"
        />
      </Card>
    </Flex>
  );
}
