/**
 * `/app/procurement/awards` (成交结果): a buyer's body's awards, or a supervising official's region's (read-only).
 * Filtered by year, only those whose 声明函 checks flagged a mismatch (`flagged=true`), the body (officials) and a
 * search by supplier, USCC or title; newest first, paged by the server. Each row: the award, its project, the
 * supplier with its registry size, the amount and what it counts for SMEs and small and micro enterprises, and the
 * checks' flags. Every filter lives in the address.
 */
import { WarningOutlined } from '@ant-design/icons';
import { Card, Checkbox, Empty, Flex, Space, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import type { Size } from '../../api/client.ts';
import { type AwardFilters, type AwardRow, procurementQueries } from '../../api/procurement.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { SearchBox } from '../../components/PagedTable.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { SizeTag } from '../../components/SizeTag.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { flagParam, paramReader, positiveParam, trimmedParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { OcdsTools } from './OcdsTools.tsx';
import { BodyFilter, RegionFilter, YearFilter } from './procurementFilters.tsx';
import { formatShare } from './procurementModel.ts';
import {
  AwardFlags,
  BID_ROLES,
  BIDDER_SIZES,
  BodyNotRegistered,
  isBodyMissing,
  KindTag,
  PageHeading,
  useTermName,
  Yuan,
} from './procurementParts.tsx';

const readFilters = paramReader({
  year: (v) => positiveParam(v, 2100),
  flagged: flagParam,
  q: trimmedParam,
  bodyId: (v) => positiveParam(v),
  bodyName: trimmedParam,
  regionCode: (v) => (v && /^\d{6}$/.test(v) ? v : undefined),
  page: (v) => positiveParam(v) ?? 1,
  pageSize: (v) => positiveParam(v, 100) ?? 20,
});

export default function AwardsPage() {
  const { t, locale } = useI18n();
  const name = useTermName();
  const { user } = useSession();
  const buyer = user?.role === 'buyer';
  const { filters, update, reset } = useUrlFilters(readFilters);
  const query: AwardFilters = {
    year: filters.year,
    flagged: filters.flagged,
    q: filters.q,
    bodyId: buyer ? undefined : filters.bodyId,
    regionCode: buyer ? undefined : filters.regionCode,
    page: filters.page,
    pageSize: filters.pageSize,
  };
  const list = useApiQuery(procurementQueries.awards(query), { keepPrevious: true });
  const filtered = Boolean(
    filters.year || filters.flagged || filters.q || filters.bodyId || filters.regionCode,
  );

  if (isBodyMissing(list.error, user)) return <BodyNotRegistered error={list.error} />;

  // Fits a 1440 px screen without scrolling sideways: the registry's size beside the supplier, what the contract
  // counts for beside its amount.
  const columns: TableColumnsType<AwardRow> = [
    {
      title: t('proc.award.awardedOn'),
      dataIndex: 'awardedOn',
      width: 140,
      render: (date: string, award) => (
        <Link
          to={`/app/procurement/awards/${award.id}`}
          data-testid={`award-link-${award.id}`}
          style={{ whiteSpace: 'nowrap' }}
        >
          {formatDate(date, locale)}
        </Link>
      ),
    },
    {
      title: t('proc.award.what'),
      key: 'what',
      render: (_, award) => (
        <Flex vertical gap={2}>
          <span>{award.title}</span>
          <Space size={4} wrap>
            <KindTag kind={award.kind} />
            {award.projectId && award.projectName !== award.title ? (
              <Link to={`/app/procurement/projects/${award.projectId}`} style={{ fontSize: 12 }}>
                {award.projectName ?? `#${award.projectId}`}
              </Link>
            ) : null}
            {buyer ? null : (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {award.bodyName}
              </Typography.Text>
            )}
          </Space>
        </Flex>
      ),
    },
    {
      title: t('proc.award.supplierName'),
      key: 'supplier',
      width: 230,
      render: (_, award) => (
        <Flex vertical gap={2}>
          <span>{award.supplierName}</span>
          <Space size={4} wrap>
            {award.supplierUscc ? (
              <Typography.Text type="secondary" className="huiqi-mono" style={{ fontSize: 12 }}>
                {award.supplierUscc}
              </Typography.Text>
            ) : null}
            {award.enterpriseId === null ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('proc.award.notInRegistry')}
              </Typography.Text>
            ) : (
              <Tooltip title={t('proc.award.registrySize')}>
                <span>
                  <SizeTag size={award.registrySize as Size | null} />
                </span>
              </Tooltip>
            )}
          </Space>
        </Flex>
      ),
    },
    {
      title: t('proc.award.flags'),
      key: 'flags',
      width: 190,
      render: (_, award) => <AwardFlags award={award} testId={`award-flags-${award.id}`} />,
    },
    {
      title: t('proc.award.amount'),
      key: 'amount',
      align: 'right',
      width: 170,
      render: (_, award) => (
        <Flex vertical gap={0} align="end">
          <Yuan value={award.amount} compact />
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t('proc.award.forSme')} <Yuan value={award.smeAmount} compact />
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t('proc.award.forSmallMicro')} <Yuan value={award.smallMicroAmount} compact />
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('proc.award.declaredSize'),
      key: 'size',
      width: 140,
      render: (_, award) => (
        <Flex vertical gap={2}>
          <span>{name(BIDDER_SIZES, award.declaredSize)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {name(BID_ROLES, award.role)}
            {award.smallMicroShare ? ` · ${formatShare(award.smallMicroShare)}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t(buyer ? 'proc.awards.title' : 'proc.awards.titleOfficial')}
        intro={t(buyer ? 'proc.awards.intro' : 'proc.awards.introOfficial')}
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex
          gap={12}
          wrap
          align="center"
          style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
        >
          <YearFilter value={filters.year} onChange={(year) => update({ year })} testId="awards-year" />
          {buyer ? null : (
            <BodyFilter
              value={filters.bodyId}
              label={filters.bodyName}
              onChange={(bodyId, bodyName) => update({ bodyId, bodyName })}
              testId="awards-body"
            />
          )}
          {buyer ? null : (
            <RegionFilter
              value={filters.regionCode}
              onChange={(regionCode) => update({ regionCode })}
              testId="awards-region"
            />
          )}
          <Checkbox
            checked={Boolean(filters.flagged)}
            onChange={(event) => update({ flagged: event.target.checked ? 'true' : null })}
            data-testid="awards-flagged"
          >
            <WarningOutlined style={{ color: '#d46b08' }} /> {t('proc.filter.flagged')}
          </Checkbox>
          <SearchBox
            query={filters.q ?? ''}
            onSearch={(q) => update({ q })}
            placeholder={t('proc.awards.search')}
            aria-label={t('proc.awards.search')}
            enterButton={t('common.search')}
            style={{ width: 320 }}
            data-testid="awards-search"
          />
          <Space>
            <ReloadButton query={list} />
            {filtered ? (
              <Typography.Link onClick={() => reset()} data-testid="awards-clear">
                {t('proc.filter.clear')}
              </Typography.Link>
            ) : null}
          </Space>
          <div style={{ marginInlineStart: 'auto' }}>
            <OcdsTools
              year={filters.year ?? new Date().getFullYear()}
              {...(buyer || !filters.bodyId ? {} : { bodyId: filters.bodyId })}
              onImported={() => void list.reload()}
            />
          </div>
        </Flex>
        <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
        <Table<AwardRow>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 1100 }}
          locale={{
            emptyText: list.loading ? (
              ' '
            ) : (
              <Empty description={filtered ? t('proc.awards.emptyFiltered') : t('proc.awards.empty')} />
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
          data-testid="awards-table"
        />
      </Card>
    </Flex>
  );
}
