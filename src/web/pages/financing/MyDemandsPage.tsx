/**
 * `/app/my/financing/demands` (an enterprise): its financing demands (issue 15), paged and filtered by state, each
 * opening its page; "发布融资需求" opens the demand form. The state and page live in the address. A granted demand
 * whose loan was paid out reads 已放款, as the bank's list says; each bank that answered is shown with its answer's
 * state ("某农商行（未获批）"), a closed answer (declined, released, withdrawn) greyed.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Flex, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { DEMAND_STATES, RESPONSE_STATES } from '../../../reference/financing.ts';
import { type Demand, type DemandFilters, financingQueries } from '../../api/financing.ts';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useApiQuery } from '../../lib/queries.ts';
import { oneOf, paramReader, useUrlFilters } from '../../lib/urlFilters.ts';
import { DemandModal } from './DemandModal.tsx';
import { formatWan } from './financingFormat.ts';
import { ListCard, ListTable, PAGE_PARAMS, StateFilter, urlPaging } from './financingList.tsx';
import {
  DemandFlags,
  DemandStateTag,
  demandDisbursed,
  PageHeading,
  PurposeNames,
  useDemandColumns,
  useTermName,
  useTermOptions,
} from './financingParts.tsx';
import { MyRecommendationsNotice } from './recommendationParts.tsx';

type State = NonNullable<DemandFilters['state']>;
/** A bank's answer that no longer stands: it declined or released the demand, or the enterprise withdrew it. */
const CLOSED_ANSWERS: ReadonlySet<string> = new Set(['declined', 'released', 'withdrawn']);
const STATES = DEMAND_STATES.map((s) => s.code as State);
const readFilters = paramReader({
  state: (value) => oneOf(STATES, value),
  ...PAGE_PARAMS,
});

export default function MyDemandsPage() {
  const { t, locale } = useI18n();
  const termName = useTermName();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const stateOptions = useTermOptions(DEMAND_STATES);
  const { filters, update } = useUrlFilters(readFilters);
  const [posting, setPosting] = useState(false);
  const list = useApiQuery(
    financingQueries.myDemands({ state: filters.state, page: filters.page, pageSize: filters.pageSize }),
    { keepPrevious: true },
  );
  const shared = useDemandColumns();
  const columns: TableColumnsType<Demand> = [
    {
      title: t('financing.demand.amount'),
      dataIndex: 'amount',
      width: 150,
      render: (value: string, d) => (
        <Link to={`/app/my/financing/demands/${d.id}`} data-testid={`my-demand-open-${d.id}`}>
          {formatWan(value, locale)}
        </Link>
      ),
    },
    {
      title: t('financing.demand.term'),
      dataIndex: 'termMonths',
      width: 100,
      render: (months: number) => t('financing.months', { months }),
    },
    {
      title: t('financing.demand.purposes'),
      dataIndex: 'purposes',
      render: (codes: string[], d) => (
        <Flex vertical gap={4}>
          <PurposeNames codes={codes} />
          {d.productName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('financing.demand.appliedTo', { name: d.productName })}
            </Typography.Text>
          ) : null}
          <DemandFlags demand={d} />
        </Flex>
      ),
    },
    {
      title: t('financing.demand.state'),
      dataIndex: 'state',
      width: 110,
      render: (state: string, d) => <DemandStateTag state={state} disbursed={demandDisbursed(d)} />,
    },
    {
      title: t('financing.demand.banks'),
      key: 'banks',
      render: (_, d) =>
        d.responses.length > 0 ? (
          <Flex vertical gap={2}>
            {d.responses.map((r) => (
              <Typography.Text
                key={r.id}
                type={CLOSED_ANSWERS.has(r.state) ? 'secondary' : undefined}
                data-testid="my-demand-bank"
                data-state={r.state}
              >
                {t('financing.myDemands.bankState', {
                  bank: r.institutionName,
                  state: termName(RESPONSE_STATES, r.state),
                })}
              </Typography.Text>
            ))}
          </Flex>
        ) : (
          '—'
        ),
    },
    shared.postedOn,
  ];
  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('financing.myDemands.title')}
        intro={t('financing.myDemands.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setPosting(true)}
            data-testid="demand-new"
          >
            {t('financing.myDemands.post')}
          </Button>
        }
      />
      <MyRecommendationsNotice />
      <ListCard
        list={list}
        toolbar={
          <>
            <StateFilter<State>
              value={filters.state}
              onChange={(state) => update({ state, page: null })}
              options={stateOptions}
              ariaLabel={t('financing.demand.state')}
              testId="my-demands-state"
            />
            <ReloadButton query={list} />
          </>
        }
      >
        <ListTable<Demand>
          rowKey="id"
          columns={columns}
          data={list.data}
          loading={list.loading}
          scroll={{ x: 900 }}
          onRow={(d) => ({ 'data-testid': 'my-demand-row', 'data-demand-id': d.id }) as object}
          emptyText={t('financing.myDemands.empty')}
          paging={urlPaging(filters, update)}
          data-testid="my-demands-table"
        />
      </ListCard>
      {posting ? (
        <DemandModal
          product={null}
          onClose={() => setPosting(false)}
          onDone={(detail) => {
            setPosting(false);
            void message.success(t('financing.myDemands.posted'));
            navigate(`/app/my/financing/demands/${detail.demand.id}`);
          }}
        />
      ) : null}
    </Flex>
  );
}
