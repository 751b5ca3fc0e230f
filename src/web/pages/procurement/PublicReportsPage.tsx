/**
 * `/procurement/reports` (anyone): the published annual reports of SME procurement — each buying body's latest
 * version of a year, with the year's SME share and its small/micro part against the lines, the grade, whether it
 * was corrected and when it was published — filtered by year and region, searched by the body's name, paged by the
 * server. A report opens its page. Filters and page live in the address.
 */
import { FileTextOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { findProcurementRules } from '../../../reference/procurement.ts';
import { todayInChina } from '../../../shared/today.ts';
import { type PublicReportItem, reportPath, reportQueries } from '../../api/procurementReports.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { SearchBox } from '../../components/PagedTable.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { matching, paramReader, positiveParam, trimmedParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { reportYears } from './reportModel.ts';
import { GradeTag, ShareValue as ReportShare } from './shareParts.tsx';

const readFilters = paramReader({
  year: (v) => positiveParam(v, 2100),
  region: matching(/^\d{6}$/),
  q: trimmedParam,
  page: (v) => positiveParam(v) ?? 1,
  pageSize: (v) => positiveParam(v, 100) ?? 20,
});

/** The lines a year's shares are read against: the rules in force on its last day (30% and 60%). */
function linesOf(year: number) {
  const rules = findProcurementRules(`${year}-12-31`);
  return {
    sme: rules?.annualSmeShareMin.value ?? '30',
    smallMicro: rules?.annualSmallMicroOfSmeMin.value ?? '60',
  };
}

export default function PublicReportsPage() {
  const { t, locale } = useI18n();
  const { filters, update } = useUrlFilters(readFilters);
  const years = useMemo(() => reportYears(todayInChina()), []);
  const list = useApiQuery(
    reportQueries.publicList({
      year: filters.year,
      regionCode: filters.region,
      q: filters.q,
      page: filters.page,
      pageSize: filters.pageSize,
    }),
    { keepPrevious: true },
  );
  const data = list.data;

  const columns: TableColumnsType<PublicReportItem> = [
    {
      title: t('proc.body.name'),
      key: 'body',
      render: (_, item) => (
        <Flex vertical gap={2}>
          <Link to={reportPath(item.id, 'public')} data-testid="public-report-link">
            <Typography.Text strong>{item.bodyName}</Typography.Text>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <RegionName code={item.regionCode} full />
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('proc.filter.yearLabel'),
      dataIndex: 'year',
      width: 90,
      render: (year: number) => t('proc.filter.year', { year }),
    },
    {
      title: t('proc.report.smeShare'),
      key: 'sme',
      align: 'right',
      width: 150,
      render: (_, item) => <ReportShare share={item.smeShare} line={linesOf(item.year).sme} />,
    },
    {
      title: t('proc.report.smallMicroShare'),
      key: 'smallMicro',
      align: 'right',
      width: 150,
      render: (_, item) => <ReportShare share={item.smallMicroShare} line={linesOf(item.year).smallMicro} />,
    },
    {
      title: t('proc.shares.grade'),
      key: 'grade',
      width: 80,
      render: (_, item) => <GradeTag grade={item.grade} testId="report-grade" />,
    },
    {
      title: t('proc.reports.published'),
      key: 'published',
      width: 220,
      render: (_, item) => (
        <Flex vertical gap={2}>
          <Space size={4} wrap>
            <span>{t('proc.report.version', { version: item.reportVersion })}</span>
            {item.reportVersion > 1 ? (
              <Tag color="orange" data-testid="public-report-corrected">
                {t('proc.report.corrected')}
              </Tag>
            ) : null}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(item.publishedAt, locale)}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  return (
    <div
      style={{ maxWidth: 1200, margin: '0 auto', padding: '32px 16px 48px' }}
      data-testid="public-reports-page"
    >
      <Flex vertical gap={16}>
        <Flex vertical gap={4}>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
            <FileTextOutlined style={{ color: '#1458c4' }} /> {t('proc.publicReports.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('proc.publicReports.intro')}</Typography.Text>
        </Flex>
        <Card size="small">
          <Flex gap={12} wrap align="center">
            <Select<number>
              allowClear
              style={{ width: 130 }}
              placeholder={t('proc.filter.yearAll')}
              value={filters.year}
              onChange={(year) => update({ year: year ?? null, page: null })}
              options={years.map((y) => ({ value: y, label: t('proc.filter.year', { year: y }) }))}
              aria-label={t('proc.filter.yearLabel')}
              data-testid="public-reports-year"
            />
            <ScopedRegionCascader
              rootCode={null}
              value={filters.region}
              onChange={(code) => update({ region: code ?? null, page: null })}
              placeholder={t('proc.filter.regionAll')}
              ariaLabel={t('proc.filter.region')}
              testId="public-reports-region"
              style={{ width: 280 }}
            />
            <SearchBox
              query={filters.q ?? ''}
              onSearch={(q) => update({ q: q || null, page: null })}
              placeholder={t('proc.publicReports.search')}
              style={{ width: 280 }}
              data-testid="public-reports-search"
            />
          </Flex>
        </Card>
        <LoadError error={list.error} onRetry={list.reload} style={{ marginBottom: 0 }} />
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<PublicReportItem>
            rowKey="id"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={list.loading}
            scroll={{ x: 900 }}
            onRow={(item) => ({ 'data-testid': 'public-reports-row', 'data-id': item.id }) as never}
            locale={{ emptyText: <Empty description={t('proc.publicReports.none')} /> }}
            pagination={serverPagination({
              page: filters.page,
              pageSize: filters.pageSize,
              total: data?.total ?? 0,
              showTotal: (count) => t('common.total', { total: count }),
              onChange: (nextPage, nextSize) =>
                update({
                  page: nextPage === 1 ? null : nextPage,
                  pageSize: nextSize === 20 ? null : nextSize,
                }),
            })}
            data-testid="public-reports-table"
          />
        </Card>
      </Flex>
    </div>
  );
}
