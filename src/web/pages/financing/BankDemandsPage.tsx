/**
 * `/app/bank/financing/demands` (a bank): the demand board (issue 15). 可受理: the demands waiting in the regions
 * the institution's published products serve; 我受理的: the ones it picked up, by the state of its answer. Each row
 * shows the anonymised profile, the amount, term and purposes, when it was posted and by when it should be picked up;
 * pages follow by keyset ("load more"). The tab and the state live in the address.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  Flex,
  Select,
  Table,
  type TableColumnsType,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { RESPONSE_STATES } from '../../../reference/financing.ts';
import { request } from '../../api/client.ts';
import { type Board, type Demand, financingApi } from '../../api/financing.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { apiKey } from '../../lib/queries.ts';
import { oneOf, paramReader, useUrlFilters } from '../../lib/urlFilters.ts';
import { formatWan } from './financingFormat.ts';
import {
  DemandStateTag,
  PageHeading,
  ProfileLine,
  ResponseStateTag,
  useDemandColumns,
  useTermOptions,
} from './financingParts.tsx';

const VIEWS = ['available', 'mine'] as const;
type View = (typeof VIEWS)[number];
const STATE_CODES = RESPONSE_STATES.map((s) => s.code);
const readFilters = paramReader({
  view: (value) => oneOf(VIEWS, value) ?? 'available',
  state: (value) => oneOf(STATE_CODES, value),
});
const PAGE_SIZE = 20;
const BOARD = '/api/bank/financing/demands';

export default function BankDemandsPage() {
  const { t } = useI18n();
  const { filters, update } = useUrlFilters(readFilters, (patch) => ('view' in patch ? 'push' : 'replace'));
  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('financing.board.title')} intro={t('financing.board.intro')} />
      <Tabs
        activeKey={filters.view}
        onChange={(key) => update({ view: key === 'available' ? null : key, state: null })}
        items={[
          {
            key: 'available',
            label: <span data-testid="board-tab-available">{t('financing.board.available')}</span>,
            children: filters.view === 'available' ? <BoardList view="available" state={undefined} /> : null,
          },
          {
            key: 'mine',
            label: <span data-testid="board-tab-mine">{t('financing.board.mine')}</span>,
            children:
              filters.view === 'mine' ? (
                <BoardList view="mine" state={filters.state} onState={(state) => update({ state })} />
              ) : null,
          },
        ]}
      />
    </Flex>
  );
}

function BoardList({
  view,
  state,
  onState,
}: {
  view: View;
  state: string | undefined;
  onState?: (state: string | null) => void;
}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const stateOptions = useTermOptions(RESPONSE_STATES);
  const [picking, setPicking] = useState<number | null>(null);
  const query = { view, state, pageSize: PAGE_SIZE };
  const board = useInfiniteQuery({
    queryKey: apiKey(BOARD, {}, query),
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) =>
      request<Board>('GET', BOARD, { query: { ...query, after: pageParam || undefined }, signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = board.data?.pages.flatMap((page) => page.items) ?? [];
  const regions = board.data?.pages[0]?.regions ?? [];
  const link = (d: Demand) => `/app/bank/financing/demands/${d.enterpriseId}/${d.id}`;

  const pickUp = async (demand: Demand) => {
    setPicking(demand.id);
    try {
      await financingApi.pickUp(demand.enterpriseId, demand.id);
      void message.success(t('financing.board.pickedUp'));
      navigate(link(demand));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
      void board.refetch();
    } finally {
      setPicking(null);
    }
  };

  const shared = useDemandColumns();
  const columns: TableColumnsType<Demand> = [
    {
      title: t('financing.board.enterprise'),
      key: 'profile',
      render: (_, d) => (
        <Flex vertical gap={4}>
          {d.enterpriseName ? <Typography.Text strong>{d.enterpriseName}</Typography.Text> : null}
          <ProfileLine profile={d.profile} />
        </Flex>
      ),
    },
    {
      title: t('financing.demand.amount'),
      dataIndex: 'amount',
      width: 150,
      render: (value: string) => <Typography.Text strong>{formatWan(value, locale)}</Typography.Text>,
    },
    {
      title: t('financing.demand.term'),
      dataIndex: 'termMonths',
      width: 90,
      render: (months: number) => t('financing.months', { months }),
    },
    shared.purposes,
    shared.postedOn,
    view === 'available'
      ? shared.pickupDue
      : {
          title: t('financing.board.myState'),
          key: 'state',
          width: 140,
          render: (_, d) => {
            const own = d.responses[0];
            return own ? (
              <Flex vertical gap={2}>
                <ResponseStateTag state={own.state} />
                {own.late ? (
                  <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="board-late">
                    {t(`financing.late.${own.late}`)}
                  </Typography.Text>
                ) : null}
              </Flex>
            ) : (
              <DemandStateTag state={d.state} />
            );
          },
        },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, d) => (
        <Flex gap={8} align="center">
          <Link to={link(d)} data-testid={`board-open-${d.id}`}>
            {t('financing.board.open')}
          </Link>
          {view === 'available' ? (
            <Button
              size="small"
              type="primary"
              loading={picking === d.id}
              onClick={() => void pickUp(d)}
              data-testid={`board-pickup-${d.id}`}
            >
              {t('financing.board.pickUp')}
            </Button>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Flex
        gap={12}
        wrap
        align="center"
        justify="space-between"
        style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
      >
        <Flex gap={12} wrap align="center">
          {view === 'mine' ? (
            <Select<string>
              allowClear
              style={{ width: 180 }}
              placeholder={t('financing.board.stateAll')}
              value={state}
              onChange={(value) => onState?.(value ?? null)}
              options={stateOptions}
              aria-label={t('financing.board.myState')}
              data-testid="board-state"
            />
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={() => void board.refetch()} loading={board.isFetching}>
            {t('common.reload')}
          </Button>
        </Flex>
        {regions.length > 0 ? (
          <Typography.Text type="secondary" data-testid="board-regions">
            {t('financing.board.regions')}{' '}
            {regions.map((code, i) => (
              <span key={code}>
                {i > 0 ? (locale === 'en' ? ', ' : '、') : ''}
                <RegionName code={code} />
              </span>
            ))}
          </Typography.Text>
        ) : view === 'available' && board.data ? (
          <Typography.Text type="warning">{t('financing.board.noRegions')}</Typography.Text>
        ) : null}
      </Flex>
      <LoadError
        error={board.error ?? undefined}
        onRetry={() => void board.refetch()}
        style={{ margin: 16 }}
      />
      <Table<Demand>
        rowKey={(d) => `${d.enterpriseId}-${d.id}`}
        columns={columns}
        dataSource={rows}
        loading={board.isLoading}
        pagination={false}
        scroll={{ x: 1000 }}
        onRow={(d) => ({ 'data-testid': 'board-row', 'data-demand-id': d.id }) as object}
        locale={{
          emptyText: board.isLoading
            ? ' '
            : view === 'available'
              ? t('financing.board.emptyAvailable')
              : t('financing.board.emptyMine'),
        }}
        data-testid="board-table"
      />
      {board.hasNextPage ? (
        <Flex justify="center" style={{ padding: 12 }}>
          <Button
            onClick={() => void board.fetchNextPage()}
            loading={board.isFetchingNextPage}
            data-testid="board-more"
          >
            {t('financing.board.more')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}
