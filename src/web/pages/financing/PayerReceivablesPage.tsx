/**
 * `/app/payer/receivables` (a debtor body's official): the receivables creditors asked the body to confirm (issue
 * 15, 应收账款确权; 国务院令第802号: within 30 days), paged and filtered by state — each with the creditor, the
 * contract, the amount in yuan and the period with the days left or "已逾期". Confirm (the whole amount, or a part)
 * or dispute (with reasons of at least 5 characters) in a modal, sent at the version read. A financed one shows the
 * pledge or transfer notice (质押通知/转让通知): to which bank the receivable went, as the notice in the inbox says.
 */
import { Alert, Flex, Form, Input, Radio, type TableColumnsType, Tag, Typography } from 'antd';
import {
  financingApi,
  financingQueries,
  type PayerReceivable,
  RECEIVABLE_STATES,
} from '../../api/financing.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { oneOf, paramReader, useUrlFilters } from '../../lib/urlFilters.ts';
import { useFinancingRules } from './financingForm.tsx';
import { compareDecimal, formatYuan, YUAN_PATTERN } from './financingFormat.ts';
import { ListCard, ListTable, PAGE_PARAMS, RowActions, urlPaging } from './financingList.tsx';
import { PageHeading, useActing, useFinancingSubmit } from './financingParts.tsx';
import { ReceivableStateFilter, useReceivableColumns } from './receivableParts.tsx';

const readFilters = paramReader({
  state: (value) => oneOf(RECEIVABLE_STATES, value),
  ...PAGE_PARAMS,
});

type Answering = { kind: 'confirm' | 'dispute'; receivable: PayerReceivable };

export default function PayerReceivablesPage() {
  const { t, locale } = useI18n();
  const { filters, update } = useUrlFilters(readFilters);
  const list = useApiQuery(
    financingQueries.payerReceivables({
      state: filters.state,
      page: filters.page,
      pageSize: filters.pageSize,
    }),
    { keepPrevious: true },
  );
  const { acting: answering, start, close, done } = useActing<Answering>(list.reload);
  const shared = useReceivableColumns<PayerReceivable>();
  const columns: TableColumnsType<PayerReceivable> = [
    shared.creditor,
    shared.contract,
    shared.amount,
    shared.state,
    shared.confirmDue,
    shared.answer,
    {
      title: t('financing.receivable.actions'),
      key: 'actions',
      width: 240,
      render: (_, r) => {
        if (r.noticeKind) {
          return (
            <Flex vertical gap={4} align="start" data-testid="receivable-notice" data-kind={r.noticeKind}>
              <Tag color={r.noticeKind === 'transfer' ? 'volcano' : 'purple'}>
                {t(`financing.notice.${r.noticeKind}Title`)}
              </Tag>
              <Typography.Text style={{ fontSize: 12 }} data-testid="receivable-notice-text">
                {t(
                  r.noticeKind === 'pledge'
                    ? 'financing.notice.payerLinePledge'
                    : 'financing.notice.payerLineTransfer',
                  {
                    contract: r.contractNumber,
                    amount: formatYuan(r.confirmedAmount ?? r.amount, locale),
                    bank: r.financedInstitutionName ?? '',
                  },
                )}
              </Typography.Text>
              {r.financedAt ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(r.financedAt, locale)}
                </Typography.Text>
              ) : null}
            </Flex>
          );
        }
        return (
          <RowActions
            allowed={r.actions}
            actions={[
              {
                action: 'confirm',
                label: t('financing.payerReceivables.confirm'),
                testId: 'receivable-confirm',
                kind: 'primary',
                onClick: () => start({ kind: 'confirm', receivable: r }),
              },
              {
                action: 'dispute',
                label: t('financing.payerReceivables.dispute'),
                testId: 'receivable-dispute',
                kind: 'danger',
                onClick: () => start({ kind: 'dispute', receivable: r }),
              },
            ]}
          />
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
      <ListCard
        list={list}
        toolbar={
          <>
            <ReceivableStateFilter
              states={RECEIVABLE_STATES.filter((s) => s !== 'withdrawn')}
              value={filters.state}
              onChange={(state) => update({ state, page: null })}
              testId="payer-receivables-state"
            />
            <ReloadButton query={list} />
          </>
        }
      >
        <ListTable<PayerReceivable>
          rowKey={(r) => `${r.enterpriseId}-${r.id}`}
          columns={columns}
          data={list.data}
          loading={list.loading}
          scroll={{ x: 1100 }}
          onRow={(r) =>
            ({ 'data-testid': 'payer-receivable-row', 'data-contract': r.contractNumber }) as object
          }
          emptyText={t('financing.payerReceivables.empty')}
          paging={urlPaging(filters, update)}
          data-testid="payer-receivables-table"
        />
      </ListCard>
      {answering ? (
        <AnswerModal
          answering={answering}
          onClose={close}
          onDone={() => done(t('financing.payerReceivables.answered'))}
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
  const rules = useFinancingRules();
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
    <FormModal<AnswerValues>
      form={form}
      title={t(`financing.payerReceivables.${kind}Title`)}
      okText={t(`financing.payerReceivables.${kind}`)}
      okTestId="receivable-answer-submit"
      danger={kind === 'dispute'}
      saving={submit.saving}
      width={560}
      onClose={onClose}
      initialValues={{ scope: 'full' }}
      onFinish={(values) => void finish(values)}
      testId={`receivable-${kind}-form`}
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
                rules.required,
                rules.yuan,
                {
                  validator: (_: unknown, value: string | undefined) => {
                    if (!value || !YUAN_PATTERN.test(value.trim())) return Promise.resolve();
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
          rules={[rules.requiredText, rules.minLength(5, t('financing.payerReceivables.reasonShort'))]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount data-testid="receivable-dispute-reason-input" />
        </Form.Item>
      )}
    </FormModal>
  );
}
