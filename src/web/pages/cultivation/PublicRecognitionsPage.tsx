/**
 * `/cultivation/recognitions` (anyone): the quality SMEs announced and in force (issue 18) — each enterprise's
 * name, tier, the day it was announced, the last day of its validity and its province (nothing else of it); by
 * tier, year of announcement and province, searched by name, paged by the server. Filters and page live in the
 * address. A link leads back to the notices (公示) and their objections.
 */
import { Card, Empty, Flex, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { cultivationPublicQueries, type PublicRecognition } from '../../api/cultivationPublic.ts';
import type { Tier } from '../../api/cultivationReview.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { SearchBox } from '../../components/PagedTable.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { referenceQuery, useApiQuery } from '../../lib/queries.ts';
import { regionName } from '../../lib/regions.ts';
import { matching, oneOf, positiveParam, trimmedParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { ReviewHeading, TierTag } from './ReviewParts.tsx';
import { TIERS } from './reviewModel.ts';

const readFilters = (params: URLSearchParams) => ({
  tier: oneOf(TIERS, params.get('tier')),
  year: positiveParam(params.get('year'), 2100),
  provinceCode: matching(/^\d{2}0000$/)(params.get('provinceCode')),
  q: trimmedParam(params.get('q')),
  page: positiveParam(params.get('page')) ?? 1,
  pageSize: positiveParam(params.get('pageSize'), 100) ?? 20,
});

/** The years a recognition may have been announced in: this year back to 2022 (the first standards). */
function yearsOffered(): number[] {
  const years: number[] = [];
  for (let year = Number(todayInChina().slice(0, 4)); year >= 2022; year--) years.push(year);
  return years;
}

export default function PublicRecognitionsPage() {
  const { t, locale } = useI18n();
  const { filters, update } = useUrlFilters(readFilters);
  const years = useMemo(yearsOffered, []);
  const provinces = useApiQuery(referenceQuery('/api/regions', { anonymousOk: true }));
  const list = useApiQuery(
    cultivationPublicQueries.recognitions({
      tier: filters.tier,
      year: filters.year,
      provinceCode: filters.provinceCode,
      q: filters.q,
      page: filters.page,
      pageSize: filters.pageSize,
    }),
    { keepPrevious: true },
  );
  const filtered = Boolean(filters.tier || filters.year || filters.provinceCode || filters.q);
  const columns: TableColumnsType<PublicRecognition> = [
    {
      title: t('cultivationNotices.recognitions.enterprise'),
      key: 'enterprise',
      render: (_, row) => (
        <Typography.Text strong style={{ wordBreak: 'break-word' }} data-testid="recognition-name">
          {row.enterpriseName}
        </Typography.Text>
      ),
    },
    {
      title: t('cultivationNotices.recognitions.tier'),
      key: 'tier',
      width: 200,
      render: (_, row) => <TierTag tier={row.tier} />,
    },
    {
      title: t('cultivationNotices.recognitions.announcedOn'),
      key: 'announcedOn',
      width: 130,
      render: (_, row) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(row.announcedOn, locale)}</span>,
    },
    {
      title: t('cultivationNotices.recognitions.validTo'),
      key: 'validTo',
      width: 130,
      render: (_, row) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(row.validTo, locale)}</span>,
    },
    {
      title: t('cultivationNotices.recognitions.province'),
      key: 'province',
      width: 150,
      render: (_, row) => (locale === 'en' ? row.provinceNameEn : row.provinceName),
    },
  ];
  return (
    <Flex
      vertical
      gap={16}
      style={{ maxWidth: 1200, margin: '0 auto', width: '100%', padding: '32px 16px 48px' }}
    >
      <ReviewHeading
        title={t('cultivationNotices.recognitions.title')}
        intro={t('cultivationNotices.recognitions.intro')}
        extra={
          <Link to="/cultivation/notices" data-testid="recognitions-notices-link">
            {t('cultivationNotices.recognitions.toNotices')}
          </Link>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex
          gap={12}
          wrap
          align="center"
          style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
        >
          <Select<Tier>
            allowClear
            style={{ width: 220, maxWidth: '100%' }}
            placeholder={t('cultReview.filter.tierAll')}
            value={filters.tier}
            onChange={(tier) => update({ tier: tier ?? null })}
            options={TIERS.map((tier) => ({ value: tier, label: t(`cultReview.tier.${tier}`) }))}
            aria-label={t('cultivationNotices.recognitions.tier')}
            data-testid="recognitions-tier"
          />
          <Select<number>
            allowClear
            style={{ width: 140 }}
            placeholder={t('cultivationNotices.recognitions.yearAll')}
            value={filters.year}
            onChange={(year) => update({ year: year ?? null })}
            options={years.map((year) => ({
              value: year,
              label: t('cultivationNotices.recognitions.yearOption', { year }),
            }))}
            aria-label={t('cultivationNotices.recognitions.year')}
            data-testid="recognitions-year"
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 180 }}
            placeholder={t('cultReview.notices.provinceAll')}
            value={filters.provinceCode}
            onChange={(provinceCode) => update({ provinceCode: provinceCode ?? null })}
            loading={provinces.loading}
            options={(provinces.data ?? []).map((p) => ({ value: p.code, label: regionName(p, locale) }))}
            aria-label={t('cultivationNotices.recognitions.province')}
            data-testid="recognitions-province"
          />
          <SearchBox
            query={filters.q ?? ''}
            onSearch={(q) => update({ q })}
            placeholder={t('cultivationNotices.recognitions.search')}
            aria-label={t('cultivationNotices.recognitions.search')}
            enterButton={t('common.search')}
            style={{ width: 300, maxWidth: '100%' }}
            data-testid="recognitions-search"
          />
        </Flex>
        <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
        <Table<PublicRecognition>
          rowKey={(row) => `${row.enterpriseName}-${row.tier}-${row.announcedOn}`}
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 760 }}
          locale={{
            emptyText: list.loading ? (
              ' '
            ) : (
              <Empty
                description={t(
                  filtered
                    ? 'cultivationNotices.recognitions.emptyFiltered'
                    : 'cultivationNotices.recognitions.empty',
                )}
                data-testid="recognitions-empty"
              />
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
          data-testid="recognitions-table"
        />
      </Card>
    </Flex>
  );
}
