/**
 * `/arrears-disclosures` (public, no sign-in): the annual disclosures of overdue payments to SMEs that government
 * bodies and public institutions published (保障中小企业款项支付条例: by 31 March, last year's overdue contracts —
 * count and amount). Searched by year, region and organisation name; a row with a note expands to it. The contracts
 * themselves are not public: a contract number can name the complainant.
 * The filters and the page live in the address, so a search can be shared.
 */
import { FileSearchOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { todayInChina } from '../../../shared/today.ts';
import type { Disclosure } from '../../api/payer.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { useUrlFilters } from '../../lib/urlFilters.ts';
import { formatMoney } from '../payments/paymentForm.ts';
import { useRegionNames } from '../policies/policyParts.tsx';
import { disclosureYears, publicFilters } from './claimModel.ts';
import { useKindName } from './claimParts.tsx';

export default function PublicDisclosuresPage() {
  const { t, locale } = useI18n();
  const kindName = useKindName();
  const years = useMemo(() => disclosureYears(todayInChina()), []);
  // Each change is a new history entry (Back undoes it); a change that does not set the page goes to page 1.
  const { filters, update, reset } = useUrlFilters((params) => publicFilters(params, years), 'push');
  const [searchText, setSearchText] = useState(filters.q ?? '');
  const list = useApiQuery(
    apiQuery('/api/public/arrears-disclosures', {
      query: {
        year: filters.year,
        region: filters.region,
        q: filters.q,
        page: filters.page,
        pageSize: filters.pageSize,
      },
      anonymousOk: true,
    }),
    { keepPrevious: true },
  );

  // The address changed (Back, a shared link): the search box follows.
  useEffect(() => setSearchText(filters.q ?? ''), [filters.q]);

  const items = list.data?.items ?? [];
  const regionNames = useRegionNames([
    ...new Set(items.flatMap((row) => (row.regionCode ? [row.regionCode] : []))),
  ]);

  const columns: TableColumnsType<Disclosure> = [
    {
      title: t('payer.public.col.name'),
      key: 'name',
      width: 280,
      render: (_, row) => (
        <Flex vertical gap={0}>
          <Typography.Text strong data-testid="public-disclosure-name">
            {row.organizationName}
          </Typography.Text>
          <Typography.Text type="secondary" className="huiqi-mono" style={{ fontSize: 12 }}>
            {row.organizationUscc}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('payer.public.col.kind'),
      dataIndex: 'organizationKind',
      width: 120,
      render: (value: string) => <Tag>{kindName(value)}</Tag>,
    },
    {
      title: t('payer.public.col.region'),
      dataIndex: 'regionCode',
      width: 200,
      render: (value: string | null) => (value ? (regionNames[value] ?? value) : '—'),
    },
    { title: t('payer.public.col.year'), dataIndex: 'year', width: 90 },
    {
      title: t('payer.public.col.contracts'),
      dataIndex: 'contracts',
      align: 'right',
      width: 150,
      render: (value: number) => formatNumber(value, locale),
    },
    {
      title: t('payer.public.col.amount'),
      dataIndex: 'amount',
      align: 'right',
      width: 170,
      render: (value: number) => formatMoney(value, locale),
    },
    {
      title: t('payer.public.col.published'),
      key: 'published',
      width: 210,
      render: (_, row) => (
        <Flex vertical gap={2} align="start">
          <span>{formatDateTime(row.publishedAt, locale)}</span>
          <Tag color={row.late ? 'red' : 'green'}>
            {row.late ? t('payer.disclosure.late') : t('payer.disclosure.onTime')}
          </Tag>
        </Flex>
      ),
    },
  ];

  return (
    <div style={{ maxWidth: 1200, margin: '0 auto', padding: '32px 24px 48px' }}>
      <Flex vertical gap={16}>
        <Flex vertical gap={4}>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
            <FileSearchOutlined style={{ color: '#1458c4' }} /> {t('payer.public.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('payer.public.intro')}</Typography.Text>
        </Flex>

        <Card size="small">
          <Flex gap={12} wrap align="center">
            <Select<number>
              allowClear
              value={filters.year}
              placeholder={t('payer.public.allYears')}
              onChange={(value) => update({ year: value ?? undefined })}
              options={years.map((value) => ({
                value,
                label: t('payer.disclosure.yearOption', { year: value }),
              }))}
              style={{ width: 140 }}
              aria-label={t('payer.disclosure.year')}
              data-testid="public-disclosures-year"
            />
            <div style={{ width: 260 }}>
              <ScopedRegionCascader
                rootCode={null}
                value={filters.region}
                onChange={(code) => update({ region: code })}
                placeholder={t('payer.public.region')}
                ariaLabel={t('payer.public.region')}
                testId="public-disclosures-region"
              />
            </div>
            <Input.Search
              allowClear
              value={searchText}
              onChange={(event) => setSearchText(event.target.value)}
              onSearch={(value) => update({ q: value.trim() })}
              placeholder={t('payer.public.q')}
              aria-label={t('payer.public.q')}
              enterButton={t('common.search')}
              maxLength={100}
              style={{ width: 320 }}
              data-testid="public-disclosures-search"
            />
            <Space>
              <Button onClick={() => reset()} data-testid="public-disclosures-reset">
                {t('common.reset')}
              </Button>
              <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
                {t('common.reload')}
              </Button>
            </Space>
          </Flex>
        </Card>

        <LoadError error={list.error} onRetry={list.reload} style={{ marginBottom: 0 }} />

        <Card styles={{ body: { padding: 0 } }}>
          <Table<Disclosure>
            rowKey="id"
            columns={columns}
            dataSource={items}
            loading={list.loading}
            scroll={{ x: 1040 }}
            expandable={{
              // The public list has the count and the amount; the contracts stay with the body and the
              // supervising officials (a contract number can name the complainant).
              rowExpandable: (row) => Boolean(row.note),
              expandedRowRender: (row) => (
                <Flex vertical gap={8} data-testid="public-disclosure-details">
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                    {t('payer.public.note', { note: row.note ?? '' })}
                  </Typography.Text>
                </Flex>
              ),
            }}
            pagination={serverPagination({
              page: filters.page,
              pageSize: filters.pageSize,
              total: list.data?.total ?? 0,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, pageSize) => update({ page, pageSize }),
            })}
            locale={{ emptyText: list.loading ? ' ' : <Empty description={t('payer.public.empty')} /> }}
            data-testid="public-disclosures-table"
          />
        </Card>
      </Flex>
    </div>
  );
}
