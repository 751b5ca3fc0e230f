/**
 * `/app/my/financing/receivables` (an enterprise): its requests to debtors to confirm receivables (issue 15,
 * 应收账款确权; 保障中小企业款项支付条例, 国务院令第802号: the debtor answers within 30 days), paged and filtered by
 * state — each with its debtor, contract, amount in yuan, the debtor's period ("已逾期" in red when unanswered past
 * it), the answer (an amount confirmed, in part, or a dispute's reason) and what the enterprise may do: withdraw,
 * raise a late one as a complaint (提请督办, then a link to the complaint), finance a confirmed one (the demand form
 * with the receivable). "请求确权" opens the request form; `?case=<id>` opens it with that complaint chosen.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Flex, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { financingApi, financingQueries, RECEIVABLE_STATES, type Receivable } from '../../api/financing.ts';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useApiQuery } from '../../lib/queries.ts';
import { oneOf, paramReader, positiveParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { DemandModal } from './DemandModal.tsx';
import { ListCard, ListTable, PAGE_PARAMS, urlPaging } from './financingList.tsx';
import { PageHeading } from './financingParts.tsx';
import { ReceivableRequestModal } from './ReceivableRequestModal.tsx';
import { ReceivableStateFilter, useReceivableColumns } from './receivableParts.tsx';

const readFilters = paramReader({
  state: (value) => oneOf(RECEIVABLE_STATES, value),
  case: (value) => positiveParam(value),
  ...PAGE_PARAMS,
});

export default function MyReceivablesPage() {
  const { t } = useI18n();
  const { message, modal } = AntApp.useApp();
  const navigate = useNavigate();
  const { filters, update } = useUrlFilters(readFilters);
  const [asking, setAsking] = useState(false);
  const [financing, setFinancing] = useState<Receivable | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const list = useApiQuery(
    financingQueries.myReceivables({ state: filters.state, page: filters.page, pageSize: filters.pageSize }),
    { keepPrevious: true },
  );
  const formOpen = asking || filters.case !== undefined;
  const shared = useReceivableColumns<Receivable>();

  const run = async (r: Receivable, action: () => Promise<Receivable>, done: (saved: Receivable) => void) => {
    setBusy(r.id);
    try {
      done(await action());
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
      list.reload();
    }
  };

  const withdraw = (r: Receivable) =>
    modal.confirm({
      title: t('financing.receivable.withdrawTitle'),
      content: t('financing.receivable.withdrawConfirm'),
      okText: t('financing.receivable.withdraw'),
      cancelText: t('common.cancel'),
      okButtonProps: {
        danger: true,
        ...({ 'data-testid': 'receivable-withdraw-ok' } as Record<string, string>),
      },
      onOk: () =>
        run(
          r,
          () => financingApi.withdrawReceivable(r.id, r.version),
          () => void message.success(t('financing.receivable.withdrawn')),
        ),
    });

  const escalate = (r: Receivable) =>
    modal.confirm({
      title: t('financing.receivable.escalateTitle'),
      content: t('financing.receivable.escalateConfirm', { debtor: r.debtorName }),
      okText: t('financing.receivable.escalate'),
      cancelText: t('common.cancel'),
      width: 520,
      okButtonProps: { 'data-testid': 'receivable-escalate-ok' } as Record<`data-${string}`, string>,
      onOk: () =>
        run(
          r,
          () => financingApi.escalateReceivable(r.id, r.version),
          (saved) =>
            void message.success(t('financing.receivable.escalated', { id: saved.escalatedCaseId ?? '' })),
        ),
    });

  const columns: TableColumnsType<Receivable> = [
    shared.debtor,
    shared.contract,
    shared.amount,
    shared.state,
    { ...shared.confirmDue, width: 130 },
    { ...shared.answer, width: 170 },
    {
      title: t('financing.receivable.actions'),
      key: 'actions',
      width: 190,
      render: (_, r) => (
        <Flex vertical gap={4} align="start">
          <Space size={4} wrap>
            {r.actions.includes('finance') && r.financedDemandId === null ? (
              <Button
                size="small"
                type="primary"
                onClick={() => setFinancing(r)}
                data-testid="receivable-finance"
              >
                {t('financing.receivable.finance')}
              </Button>
            ) : null}
            {r.actions.includes('escalate') ? (
              <Button
                size="small"
                danger
                loading={busy === r.id}
                onClick={() => escalate(r)}
                data-testid="receivable-escalate"
              >
                {t('financing.receivable.escalate')}
              </Button>
            ) : null}
            {r.actions.includes('withdraw') ? (
              <Button
                size="small"
                loading={busy === r.id}
                onClick={() => withdraw(r)}
                data-testid="receivable-withdraw"
              >
                {t('financing.receivable.withdraw')}
              </Button>
            ) : null}
          </Space>
          {r.escalatedCaseId !== null ? (
            <Link to={`/app/my-cases/${r.escalatedCaseId}`} data-testid="receivable-escalated-case">
              {t('financing.receivable.escalatedCase')}
            </Link>
          ) : null}
          {r.caseId !== null ? (
            <Link to={`/app/my-cases/${r.caseId}`} style={{ fontSize: 12 }}>
              {t('financing.receivable.fromCase')}
            </Link>
          ) : null}
          {r.financedDemandId !== null ? (
            <Link to={`/app/my/financing/demands/${r.financedDemandId}`} data-testid="receivable-demand">
              {t('financing.receivable.financedDemand', {
                notice: r.noticeKind ? t(`financing.notice.${r.noticeKind}`) : '',
              })}
            </Link>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('financing.myReceivables.title')}
        intro={t('financing.myReceivables.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAsking(true)}
            data-testid="receivable-new"
          >
            {t('financing.myReceivables.request')}
          </Button>
        }
      />
      <ListCard
        list={list}
        toolbar={
          <>
            <ReceivableStateFilter
              states={RECEIVABLE_STATES}
              value={filters.state}
              onChange={(state) => update({ state, page: null })}
              testId="my-receivables-state"
            />
            <ReloadButton query={list} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('financing.myReceivables.basis')}
            </Typography.Text>
          </>
        }
      >
        <ListTable<Receivable>
          rowKey="id"
          columns={columns}
          data={list.data}
          loading={list.loading}
          scroll={{ x: 1060 }}
          onRow={(r) => ({ 'data-testid': 'my-receivable-row', 'data-receivable-id': r.id }) as object}
          emptyText={t('financing.myReceivables.empty')}
          paging={urlPaging(filters, update)}
          data-testid="my-receivables-table"
        />
      </ListCard>
      {formOpen ? (
        <ReceivableRequestModal
          caseId={filters.case ?? null}
          onClose={() => {
            setAsking(false);
            if (filters.case !== undefined) update({ case: null });
          }}
          onDone={() => {
            setAsking(false);
            if (filters.case !== undefined) update({ case: null, state: null, page: null });
            else update({ state: null, page: null });
            void message.success(t('financing.myReceivables.requested'));
            list.reload();
          }}
        />
      ) : null}
      {financing ? (
        <DemandModal
          product={null}
          receivable={financing}
          onClose={() => setFinancing(null)}
          onDone={(detail) => {
            setFinancing(null);
            void message.success(t('financing.myDemands.posted'));
            navigate(`/app/my/financing/demands/${detail.demand.id}`);
          }}
        />
      ) : null}
    </Flex>
  );
}
