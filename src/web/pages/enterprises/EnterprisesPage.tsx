/**
 * `/app/enterprises` (officials, admins): search by name / pinyin initials / USCC prefix, filters (region within
 * the official's subtree, industry, size, year, status), sort, server paging and CSV/XLSX export links.
 * The filters live in the URL, so the detail page's back button returns to the same list.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import {
  downloads,
  type EnterpriseFilters,
  type EnterpriseQuery,
  type EnterpriseRow,
  type EnterpriseSort,
  type EnterpriseStatus,
  type Size,
} from '../../api/client.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { IndustryPicker } from '../../components/IndustryPicker.tsx';
import { ExportButtons, PagedTable, SearchBox } from '../../components/PagedTable.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { SizeTag } from '../../components/SizeTag.tsx';
import { isMessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { ENTERPRISE_STATUSES, SIZE_LABELS, SIZES, STATUS_COLORS } from '../../lib/size.ts';
import { oneOf, positiveParam, textParam, useUrlFilters } from '../../lib/urlFilters.ts';

const SORTS: readonly EnterpriseSort[] = ['relevance', 'name', 'established', 'updated'];

/** The register's filters, sort, page and page size in the URL. */
function readEnterpriseFilters(params: URLSearchParams) {
  const filters: EnterpriseFilters = {
    q: textParam(params.get('q')),
    region: textParam(params.get('region')),
    industry: textParam(params.get('industry')),
    size: oneOf<Size>(SIZES, params.get('size')),
    year: positiveParam(params.get('year')),
    status: oneOf<EnterpriseStatus>(ENTERPRISE_STATUSES, params.get('status')),
  };
  return {
    ...filters,
    sort: oneOf(SORTS, params.get('sort')),
    page: positiveParam(params.get('page')) ?? 1,
    pageSize: positiveParam(params.get('pageSize')) ?? 20,
  };
}

export default function EnterprisesPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const { filters: read, params, update, reset } = useUrlFilters(readEnterpriseFilters);
  const { sort, page, pageSize, ...filters } = read;
  // The next page continues after the last row of the one before (keyset) when that page was seen with the
  // same filters; a page reached directly (a link, a jump) is read by number.
  const listKey = JSON.stringify({ ...filters, sort, pageSize });
  const cursors = useRef(new Map<string, string>());
  const after = cursors.current.get(`${listKey}#${page}`);
  const query: EnterpriseQuery = { ...filters, sort, page, pageSize, ...(after ? { after } : {}) };

  const qParam = params.get('q') ?? '';
  // A reset empties the box even when no search was applied yet (the box is made anew).
  const [resets, setResets] = useState(0);

  const list = useApiQuery(apiQuery('/api/enterprises', { query }), { keepPrevious: true });
  const nextCursor = list.data?.nextCursor;
  if (nextCursor && list.data?.page === page) cursors.current.set(`${listKey}#${page + 1}`, nextCursor);
  const years = useApiQuery(apiQuery('/api/registry/stats'));
  const rootCode = user?.role === 'official' ? user.regionCode : null;
  const lang = locale === 'en' ? 'en' : 'zh';

  const columns = useMemo(
    () => [
      {
        key: 'name',
        title: t('enterprise.name'),
        width: 260,
        ellipsis: { showTitle: false },
        render: (_: unknown, row: EnterpriseRow) => (
          <Link to={`/app/enterprises/${row.id}`} title={row.name} data-testid={`enterprise-link-${row.id}`}>
            {row.name}
          </Link>
        ),
      },
      {
        key: 'uscc',
        title: t('enterprise.uscc'),
        width: 190,
        render: (_: unknown, row: EnterpriseRow) => (
          <span className="huiqi-mono" style={{ fontSize: 13 }}>
            {row.uscc}
          </span>
        ),
      },
      {
        key: 'region',
        title: t('enterprise.region'),
        ellipsis: { showTitle: true },
        // In English the romanised name (RegionName); in Chinese the name the list carries, with no look-up.
        render: (_: unknown, row: EnterpriseRow) =>
          locale === 'en' ? <RegionName code={row.regionCode} full /> : row.regionName,
      },
      {
        key: 'industry',
        title: t('enterprise.industry'),
        ellipsis: { showTitle: true },
        render: (_: unknown, row: EnterpriseRow) => {
          const name = locale === 'en' ? (row.industryNameEn ?? row.industryNameZh) : row.industryNameZh;
          return (
            <span title={`${row.industryCode} ${name ?? ''}`}>
              <Typography.Text type="secondary" className="huiqi-mono">
                {row.industryCode}
              </Typography.Text>{' '}
              {name ?? ''}
            </span>
          );
        },
      },
      {
        key: 'size',
        title: t('enterprises.col.size'),
        width: 100,
        render: (_: unknown, row: EnterpriseRow) => <SizeTag size={row.size} />,
      },
      {
        key: 'status',
        title: t('enterprise.status'),
        width: 110,
        render: (_: unknown, row: EnterpriseRow) => {
          const key = `enterprise.status.${row.status}`;
          return (
            <Tag color={STATUS_COLORS[row.status] ?? 'default'}>
              {isMessageKey(key) ? t(key) : row.status}
            </Tag>
          );
        },
      },
      {
        key: 'established',
        title: t('enterprise.established'),
        width: 120,
        render: (_: unknown, row: EnterpriseRow) => (
          <span style={{ whiteSpace: 'nowrap' }}>{formatDate(row.establishedOn, locale)}</span>
        ),
      },
    ],
    [t, locale],
  );

  const shownYear = list.data?.items[0]?.year ?? filters.year ?? years.data?.year ?? undefined;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('enterprises.title')}
        </Typography.Title>
        <Space wrap>
          <ExportButtons
            url={(format) => downloads.enterprises(filters, format, lang)}
            fileName="enterprises"
            labels={{ csv: t('enterprises.exportCsv'), xlsx: t('enterprises.exportXlsx') }}
            testId="enterprises"
          />
        </Space>
      </Flex>

      <Card>
        <Flex vertical gap={12}>
          <SearchBox
            key={resets}
            query={qParam}
            onSearch={(value) => update({ q: value })}
            placeholder={t('enterprises.searchPlaceholder')}
            enterButton={t('common.search')}
            style={{ maxWidth: 560 }}
            data-testid="enterprises-search"
          />
          <Row gutter={[12, 12]}>
            <Col xs={24} sm={12} lg={6}>
              <ScopedRegionCascader
                rootCode={rootCode}
                value={filters.region}
                onChange={(code) => update({ region: code })}
                placeholder={rootCode ? t('enterprises.filter.region') : t('enterprises.filter.regionAll')}
                ariaLabel={t('enterprises.filter.region')}
                testId="enterprises-region"
              />
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <IndustryPicker
                value={filters.industry}
                onChange={(code) => update({ industry: code })}
                placeholder={t('enterprises.filter.industry')}
                testId="enterprises-industry"
              />
            </Col>
            <Col xs={12} sm={6} lg={3}>
              <Select<Size>
                allowClear
                value={filters.size}
                placeholder={t('enterprises.filter.size')}
                onChange={(value) => update({ size: value })}
                options={SIZES.map((value) => ({ value, label: t(SIZE_LABELS[value]) }))}
                style={{ width: '100%' }}
                data-testid="enterprises-size"
              />
            </Col>
            <Col xs={12} sm={6} lg={3}>
              <Select<number>
                allowClear
                value={filters.year}
                placeholder={
                  years.data?.year
                    ? t('enterprises.filter.yearLatest', { year: years.data.year })
                    : t('common.year')
                }
                onChange={(value) => update({ year: value })}
                options={(years.data?.years ?? []).map((value) => ({ value, label: String(value) }))}
                style={{ width: '100%' }}
                data-testid="enterprises-year"
              />
            </Col>
            <Col xs={12} sm={6} lg={3}>
              <Select<EnterpriseStatus>
                allowClear
                value={filters.status}
                placeholder={t('enterprises.filter.status')}
                onChange={(value) => update({ status: value })}
                options={ENTERPRISE_STATUSES.map((value) => ({
                  value,
                  label: t(`enterprise.status.${value}`),
                }))}
                style={{ width: '100%' }}
                data-testid="enterprises-status"
              />
            </Col>
            <Col xs={12} sm={6} lg={3}>
              <Select<EnterpriseSort>
                allowClear
                value={sort}
                placeholder={t('enterprises.sort.default')}
                onChange={(value) => update({ sort: value })}
                options={SORTS.map((value) => ({
                  value,
                  label: t(`enterprises.sort.${value}`),
                  disabled: value === 'relevance' && !filters.q,
                }))}
                style={{ width: '100%' }}
                data-testid="enterprises-sort"
              />
            </Col>
          </Row>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text data-testid="enterprises-total">
              {list.data
                ? t(list.data.totalIsEstimate ? 'enterprises.foundAbout' : 'enterprises.found', {
                    total: formatNumber(list.data.total, locale),
                    year: shownYear ?? '—',
                  })
                : t('common.loading')}
            </Typography.Text>
            <Space>
              <Button
                onClick={() => {
                  setResets((n) => n + 1);
                  reset();
                }}
              >
                {t('common.reset')}
              </Button>
              <Button icon={<ReloadOutlined />} onClick={list.reload}>
                {t('common.reload')}
              </Button>
            </Space>
          </Flex>
        </Flex>
      </Card>

      <Card>
        <PagedTable<EnterpriseRow>
          list={list}
          page={page}
          pageSize={pageSize}
          onPageChange={(nextPage, nextSize) => update({ page: nextPage, pageSize: nextSize })}
          showTotal={(total) =>
            t(list.data?.totalIsEstimate ? 'enterprises.totalAbout' : 'common.total', { total })
          }
          rowKey="id"
          size="middle"
          scroll={{ x: 1040 }}
          tableLayout="fixed"
          data-testid="enterprises-table"
          columns={columns}
        />
      </Card>
    </Flex>
  );
}
