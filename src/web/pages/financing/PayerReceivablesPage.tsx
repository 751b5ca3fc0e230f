/**
 * `/app/payer/receivables` (a debtor body's official): the receivables creditors asked the body to confirm (issue
 * 15, 应收账款确权; 国务院令第802号: within 30 days), paged and filtered by state — each with the creditor, the
 * contract, the amount in yuan and the period with the days left or "已逾期". Confirm (the whole amount, or a part)
 * or dispute (with reasons of at least 5 characters) in a modal, sent at the version read. A financed one shows the
 * pledge or transfer notice (质押通知/转让通知) with the bank's words from the inbox.
 */
import { ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  financingApi,
  financingQueries,
  type PayerReceivable,
  RECEIVABLE_STATES,
  type ReceivableState,
} from '../../api/financing.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { oneOf, paramReader, positiveParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { compareDecimal, formatYuan, YUAN_PATTERN } from './financingFormat.ts';
import { PageHeading, useFinancingSubmit } from './financingParts.tsx';
import { AnswerCell, ConfirmDueCell, ContractCell, ReceivableStateTag } from './receivableParts.tsx';

const readFilters = paramReader({
  state: (value) => oneOf(RECEIVABLE_STATES, value),
  page: (value) => positiveParam(value) ?? 1,
  pageSize: (value) => positiveParam(value, 100) ?? 20,
});

type Answering = { kind: 'confirm' | 'dispute'; receivable: PayerReceivable };

export default function PayerReceivablesPage() {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const { filters, update } = useUrlFilters(readFilters);
  const [answering, setAnswering] = useState<Answering | null>(null);
  const list = useApiQuery(
    financingQueries.payerReceivables({
      state: filters.state,
      page: filters.page,
      pageSize: filters.pageSize,
    }),
    { keepPrevious: true },
  );
  const anyFinanced = (list.data?.items ?? []).some((r) => r.noticeKind !== null);
  // The notices of financed receivables, as the inbox has them (the bank's name and the words of the notice).
  const inbox = useApiQuery({
    ...apiQuery('/api/my/notifications', { query: { page: 1, pageSize: 100 } }),
    enabled: anyFinanced,
  });
  const noticeOf = (r: PayerReceivable) =>
    inbox.data?.items.find(
      (n) =>
        n.kind === 'financing' &&
        n.title.zh.includes(`合同${r.contractNumber}项下`) &&
        n.title.zh.startsWith('应收账款') &&
        n.title.zh.includes('通知：'),
    );

  const columns: TableColumnsType<PayerReceivable> = [
    {
      title: t('financing.receivable.creditor'),
      dataIndex: 'creditorName',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    {
      title: t('financing.receivable.contract'),
      key: 'contract',
      width: 170,
      render: (_, r) => <ContractCell receivable={r} />,
    },
    {
      title: t('financing.receivable.amount'),
      dataIndex: 'amount',
      width: 150,
      align: 'right',
      render: (value: string) => formatYuan(value, locale),
    },
    {
      title: t('financing.receivable.state'),
      key: 'state',
      width: 100,
      render: (_, r) => <ReceivableStateTag state={r.state} />,
    },
    {
      title: t('financing.receivable.confirmDue'),
      key: 'confirmDue',
      width: 140,
      render: (_, r) => <ConfirmDueCell receivable={r} days />,
    },
    {
      title: t('financing.receivable.answer'),
      key: 'answer',
      width: 180,
      render: (_, r) => <AnswerCell receivable={r} />,
    },
    {
      title: t('financing.receivable.actions'),
      key: 'actions',
      width: 240,
      render: (_, r) => {
        if (r.noticeKind) {
          const notice = noticeOf(r);
          return (
            <Flex vertical gap={4} align="start" data-testid="receivable-notice" data-kind={r.noticeKind}>
              <Tag color={r.noticeKind === 'transfer' ? 'volcano' : 'purple'}>
                {t(`financing.notice.${r.noticeKind}Title`)}
              </Tag>
              {notice ? (
                <Typography.Text style={{ fontSize: 12 }} data-testid="receivable-notice-text">
                  {locale === 'en' ? notice.title.en : notice.title.zh}
                </Typography.Text>
              ) : (
                <Link to="/app/inbox" style={{ fontSize: 12 }}>
                  {t('financing.notice.inInbox')}
                </Link>
              )}
              {r.financedAt ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(r.financedAt, locale)}
                </Typography.Text>
              ) : null}
            </Flex>
          );
        }
        return r.actions.length > 0 ? (
          <Space size={4} wrap>
            {r.actions.includes('confirm') ? (
              <Button
                size="small"
                type="primary"
                onClick={() => setAnswering({ kind: 'confirm', receivable: r })}
                data-testid="receivable-confirm"
              >
                {t('financing.payerReceivables.confirm')}
              </Button>
            ) : null}
            {r.actions.includes('dispute') ? (
              <Button
                size="small"
                danger
                onClick={() => setAnswering({ kind: 'dispute', receivable: r })}
                data-testid="receivable-dispute"
              >
                {t('financing.payerReceivables.dispute')}
              </Button>
            ) : null}
          </Space>
        ) : (
          '—'
        );
      },
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('financing.payerReceivables.title')}
        intro={t('financing.payerReceivables.intro')}
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex
          gap={12}
          wrap
          align="center"
          style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
        >
          <Select<ReceivableState>
            allowClear
            style={{ width: 160 }}
            placeholder={t('financing.myDemands.stateAll')}
            value={filters.state}
            onChange={(value) => update({ state: value ?? null, page: null })}
            options={RECEIVABLE_STATES.filter((s) => s !== 'withdrawn').map((s) => ({
              value: s,
              label: t(`financing.receivable.state.${s}`),
            }))}
            aria-label={t('financing.receivable.state')}
            data-testid="payer-receivables-state"
          />
          <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
            {t('common.reload')}
          </Button>
        </Flex>
        <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
        <Table<PayerReceivable>
          rowKey={(r) => `${r.enterpriseId}-${r.id}`}
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 1100 }}
          onRow={(r) =>
            ({ 'data-testid': 'payer-receivable-row', 'data-contract': r.contractNumber }) as object
          }
          locale={{ emptyText: list.loading ? ' ' : t('financing.payerReceivables.empty') }}
          pagination={serverPagination({
            page: filters.page,
            pageSize: filters.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) =>
              update({ page: page === 1 ? null : page, pageSize: pageSize === 20 ? null : pageSize }),
          })}
          data-testid="payer-receivables-table"
        />
      </Card>
      {answering ? (
        <AnswerModal
          answering={answering}
          onClose={() => setAnswering(null)}
          onDone={() => {
            setAnswering(null);
            void message.success(t('financing.payerReceivables.answered'));
            list.reload();
          }}
        />
      ) : null}
    </Flex>
  );
}

interface AnswerValues {
  scope?: 'full' | 'part';
  amount?: string;
  reason?: string;
}

function AnswerModal({
  answering,
  onClose,
  onDone,
}: {
  answering: Answering;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<AnswerValues>();
  const submit = useFinancingSubmit(form, ['amount', 'reason']);
  const scope = Form.useWatch('scope', form) ?? 'full';
  const { kind, receivable: r } = answering;
  const finish = async (values: AnswerValues) => {
    const saved = await submit.run(() =>
      kind === 'confirm'
        ? financingApi.confirmReceivable(r.enterpriseId, r.id, {
            version: r.version,
            ...(values.scope === 'part' && values.amount ? { amount: values.amount.trim() } : {}),
          })
        : financingApi.disputeReceivable(r.enterpriseId, r.id, {
            version: r.version,
            reason: (values.reason ?? '').trim(),
          }),
    );
    if (saved) onDone();
  };
  return (
    <Modal
      open
      title={t(`financing.payerReceivables.${kind}Title`)}
      onCancel={onClose}
      okText={t(`financing.payerReceivables.${kind}`)}
      cancelText={t('common.cancel')}
      confirmLoading={submit.saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'receivable-answer-submit', danger: kind === 'dispute' }}
      destroyOnHidden
      width={560}
    >
      <Form<AnswerValues>
        form={form}
        layout="vertical"
        preserve={false}
        data-testid={`receivable-${kind}-form`}
        initialValues={{ scope: 'full' }}
        onFinish={(values) => void finish(values)}
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('financing.payerReceivables.asked', {
            creditor: r.creditorName,
            amount: formatYuan(r.amount, locale),
            contract: r.contractNumber,
          })}
          description={t(`financing.payerReceivables.${kind}Help`)}
        />
        {submit.alert}
        {kind === 'confirm' ? (
          <>
            <Form.Item name="scope" label={t('financing.payerReceivables.scope')}>
              <Radio.Group
                data-testid="receivable-confirm-scope"
                options={[
                  {
                    value: 'full',
                    label: t('financing.payerReceivables.full', { amount: formatYuan(r.amount, locale) }),
                  },
                  { value: 'part', label: t('financing.payerReceivables.part') },
                ]}
              />
            </Form.Item>
            {scope === 'part' ? (
              <Form.Item
                name="amount"
                label={t('financing.payerReceivables.partAmount')}
                rules={[
                  { required: true, message: t('financing.form.required') },
                  {
                    validator: (_: unknown, value: string | undefined) => {
                      if (!value) return Promise.resolve();
                      if (!YUAN_PATTERN.test(value.trim()))
                        return Promise.reject(new Error(t('financing.receivableForm.yuan')));
                      if (compareDecimal(value.trim(), r.amount) > 0)
                        return Promise.reject(
                          new Error(
                            t('financing.payerReceivables.partTooMuch', {
                              amount: formatYuan(r.amount, locale),
                            }),
                          ),
                        );
                      return Promise.resolve();
                    },
                  },
                ]}
              >
                <Input suffix={t('financing.unit.yuan')} data-testid="receivable-confirm-amount" />
              </Form.Item>
            ) : null}
          </>
        ) : (
          <Form.Item
            name="reason"
            label={t('financing.payerReceivables.reason')}
            rules={[
              { required: true, whitespace: true, message: t('financing.form.required') },
              {
                validator: (_: unknown, value: string | undefined) =>
                  !value || value.trim().length >= 5
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('financing.payerReceivables.reasonShort'))),
              },
            ]}
          >
            <Input.TextArea
              rows={4}
              maxLength={1000}
              showCount
              data-testid="receivable-dispute-reason-input"
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
