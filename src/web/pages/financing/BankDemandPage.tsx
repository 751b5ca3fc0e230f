/**
 * `/app/bank/financing/demands/:enterpriseId/:demandId` (a bank): one demand (issue 15) — its terms, the
 * enterprise's name and USCC when it chose to show them (else said so), the bank's own answer with its deadlines (a
 * passed one in red; none once it stopped running) and the steps it allows now (contact, visit, grant with amount,
 * rate, term, security — secured by default when the demand offered collateral or a guarantee — and first loan,
 * decline with a reason and words, disburse, release), each sent at the version read; and the timeline. A demand
 * backed by a receivable shows its debtor's confirmation, and its disbursement says how the debtor is told (pledge
 * or transfer notice).
 */
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Radio,
  Select,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { DECLINE_REASONS } from '../../../reference/financing.ts';
import { ApiError } from '../../api/client.ts';
import {
  type DemandDetail,
  type DemandReceivable,
  financingApi,
  financingQueries,
  type LoanResponse,
  type ResponseAction,
} from '../../api/financing.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { MonthsInput, useFinancingRules } from './financingForm.tsx';
import { formatYuan } from './financingFormat.ts';
import {
  DEBTOR_KINDS,
  DemandFlags,
  DemandStateTag,
  DemandSummary,
  DemandTimeline,
  DetailHeading,
  demandDisbursed,
  ProfileLine,
  ResponseDetails,
  useActing,
  useFinancingSubmit,
  useTermName,
  useTermOptions,
} from './financingParts.tsx';
import { ReceivableStateTag } from './receivableParts.tsx';

type Action = ResponseAction['action'];
const ACTION_ORDER: readonly Action[] = ['contact', 'visit', 'grant', 'disburse', 'decline', 'release'];
const WITH_FORM: readonly Action[] = ['grant', 'decline', 'disburse'];

export default function BankDemandPage() {
  const { t } = useI18n();
  const { message, modal } = AntApp.useApp();
  const params = useParams();
  const enterpriseId = Number(params.enterpriseId);
  const demandId = Number(params.demandId);
  const valid =
    Number.isSafeInteger(enterpriseId) && enterpriseId > 0 && Number.isSafeInteger(demandId) && demandId > 0;
  const detail = useApiQuery<DemandDetail>(
    valid
      ? { ...financingQueries.bankDemand(enterpriseId, demandId), retry: false }
      : refusedQuery(
          ['financing-demand', params.enterpriseId, params.demandId],
          new ApiError(404, 'NOT_FOUND', t('error.notFoundRecord.title')),
        ),
  );
  const { acting, start, close, done: finished } = useActing<Action>(detail.reload);
  const [busy, setBusy] = useState(false);
  const data = detail.data;
  const demand = data?.demand;
  const own = demand?.responses[0];

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      void message.success(done);
      detail.reload();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
      detail.reload();
    } finally {
      setBusy(false);
    }
  };

  const simple = (action: Action, response: LoanResponse) => {
    const go = () =>
      run(
        () => financingApi.act(enterpriseId, demandId, { action, version: response.version }),
        t('financing.action.done'),
      );
    if (action === 'release')
      modal.confirm({
        title: t('financing.action.releaseTitle'),
        content: t('financing.action.releaseConfirm'),
        okText: t('financing.action.release'),
        cancelText: t('common.cancel'),
        okButtonProps: { danger: true },
        onOk: go,
      });
    else void go();
  };

  return (
    <Flex vertical gap={16} data-testid="bank-demand-page">
      <DetailHeading
        back="/app/bank/financing/demands"
        backText={t('financing.board.back')}
        title={demand?.enterpriseName ?? t('financing.demand.titleAnonymous', { id: params.demandId ?? '' })}
      />
      {detail.loading ? <Skeleton active /> : null}
      <LoadError error={detail.error} onRetry={detail.reload} />
      {demand ? (
        <>
          <Card
            title={
              <Space>
                {t('financing.demand.title')}
                <DemandStateTag state={demand.state} disbursed={demandDisbursed(demand)} />
              </Space>
            }
          >
            <Flex vertical gap={12}>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  {
                    key: 'identity',
                    label: t('financing.demand.enterprise'),
                    children: demand.enterpriseName ? (
                      <span data-testid="demand-identity">
                        {demand.enterpriseName}
                        {demand.uscc ? (
                          <Typography.Text className="huiqi-mono" type="secondary">
                            {' '}
                            {demand.uscc}
                          </Typography.Text>
                        ) : null}
                      </span>
                    ) : (
                      <Typography.Text type="secondary" data-testid="demand-identity-hidden">
                        {t('financing.demand.identityHidden')}
                      </Typography.Text>
                    ),
                  },
                  {
                    key: 'profile',
                    label: t('financing.demand.profile'),
                    children: <ProfileLine profile={demand.profile} />,
                  },
                ]}
              />
              {demand.receivable ? <ReceivableConfirmation receivable={demand.receivable} /> : null}
              <DemandSummary demand={demand} extra={<DemandFlags demand={demand} />} />
              {!own && (demand.state === 'open' || demand.state === 'in_progress') ? (
                <Flex>
                  <Button
                    type="primary"
                    loading={busy}
                    onClick={() =>
                      void run(
                        () => financingApi.pickUp(enterpriseId, demandId),
                        t('financing.board.pickedUp'),
                      )
                    }
                    data-testid="demand-pickup"
                  >
                    {t('financing.board.pickUp')}
                  </Button>
                </Flex>
              ) : null}
            </Flex>
          </Card>
          {own ? (
            <Card title={t('financing.response.mine')} data-testid="own-response">
              <Flex vertical gap={12}>
                {own.late ? (
                  <Alert
                    type="error"
                    showIcon
                    title={t(`financing.late.${own.late}`)}
                    data-testid="response-late"
                  />
                ) : null}
                <ResponseDetails response={own} />
                {own.actions.length > 0 ? (
                  <Space wrap>
                    {ACTION_ORDER.filter((a) => own.actions.includes(a)).map((action) => (
                      <Button
                        key={action}
                        type={action === 'grant' || action === 'contact' ? 'primary' : 'default'}
                        danger={action === 'decline' || action === 'release'}
                        loading={busy && !WITH_FORM.includes(action)}
                        onClick={() => (WITH_FORM.includes(action) ? start(action) : simple(action, own))}
                        data-testid={`action-${action}`}
                      >
                        {t(`financing.action.${action}`)}
                      </Button>
                    ))}
                  </Space>
                ) : null}
              </Flex>
            </Card>
          ) : null}
          <Card title={t('financing.timeline.title')}>
            <DemandTimeline events={data.timeline} />
          </Card>
          {own && acting ? (
            <ActionModal
              action={acting}
              response={own}
              amount={demand.amount}
              termMonths={demand.termMonths}
              secured={demand.collateral.length > 0}
              withReceivable={demand.receivable !== null}
              onClose={close}
              send={(body) => financingApi.act(enterpriseId, demandId, body)}
              onDone={() => finished(t('financing.action.done'))}
            />
          ) : null}
        </>
      ) : null}
    </Flex>
  );
}

/** The receivable backing the demand, as its debtor confirmed it. */
function ReceivableConfirmation({ receivable }: { receivable: DemandReceivable }) {
  const { t, locale } = useI18n();
  const termName = useTermName();
  const confirmed = receivable.confirmedAmount !== null;
  return (
    <Alert
      type={confirmed ? 'success' : 'warning'}
      showIcon
      data-testid="demand-receivable"
      data-state={receivable.state}
      title={t(confirmed ? 'financing.bankReceivable.confirmed' : 'financing.bankReceivable.unconfirmed')}
      description={
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'kind',
              label: t('financing.receivable.debtorKind'),
              children: termName(DEBTOR_KINDS, receivable.debtorKind),
            },
            {
              key: 'debtor',
              label: t('financing.receivable.debtorName'),
              children: receivable.debtorName ?? (
                <Typography.Text type="secondary">{t('financing.bankReceivable.nameHidden')}</Typography.Text>
              ),
            },
            ...(receivable.contractNumber
              ? [
                  {
                    key: 'contract',
                    label: t('financing.receivable.contract'),
                    children: <span className="huiqi-mono">{receivable.contractNumber}</span>,
                  },
                ]
              : []),
            {
              key: 'amount',
              label: t('financing.receivable.amount'),
              children: formatYuan(receivable.amount, locale),
            },
            {
              key: 'confirmed',
              label: t('financing.bankReceivable.confirmedAmount'),
              children: (
                <Typography.Text strong data-testid="demand-receivable-confirmed">
                  {formatYuan(receivable.confirmedAmount, locale)}
                </Typography.Text>
              ),
            },
            {
              key: 'confirmedAt',
              label: t('financing.bankReceivable.confirmedAt'),
              children: formatDateTime(receivable.confirmedAt, locale),
            },
            {
              key: 'state',
              label: t('financing.receivable.state'),
              children: <ReceivableStateTag state={receivable.state} />,
            },
          ]}
        />
      }
    />
  );
}

interface ActionValues {
  grantedAmount?: string;
  grantedRate?: string;
  grantedTermMonths?: number;
  security?: 'credit' | 'secured';
  firstLoan?: boolean;
  declineReason?: string;
  declineText?: string;
  disbursedAmount?: string;
  notice?: 'pledge' | 'transfer';
  note?: string;
}

const ACTION_FIELDS = [
  'grantedAmount',
  'grantedRate',
  'grantedTermMonths',
  'security',
  'firstLoan',
  'declineReason',
  'declineText',
  'disbursedAmount',
  'notice',
  'note',
];

function ActionModal({
  action,
  response,
  amount,
  termMonths,
  secured,
  withReceivable,
  onClose,
  send,
  onDone,
}: {
  action: Action;
  response: LoanResponse;
  amount: string;
  termMonths: number;
  /** The demand offered collateral or a guarantee: a grant is secured unless the bank says otherwise. */
  secured: boolean;
  /** The demand is backed by a receivable: disbursing it sends the debtor a notice. */
  withReceivable: boolean;
  onClose: () => void;
  send: (body: ResponseAction) => Promise<DemandDetail>;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<ActionValues>();
  const submit = useFinancingSubmit(form, ACTION_FIELDS);
  const reasons = useTermOptions(DECLINE_REASONS);
  const rules = useFinancingRules();
  const required = rules.required;
  const decimal = rules.decimal();
  const finish = async (values: ActionValues) => {
    const body: ResponseAction = { action, version: response.version };
    if (values.note?.trim()) body.note = values.note.trim();
    if (action === 'grant') {
      body.grantedAmount = values.grantedAmount?.trim() ?? '';
      body.grantedRate = values.grantedRate?.trim() ?? '';
      body.grantedTermMonths = values.grantedTermMonths ?? 0;
      body.security = values.security ?? (secured ? 'secured' : 'credit');
      body.firstLoan = values.firstLoan ?? false;
    }
    if (action === 'decline') {
      body.declineReason = values.declineReason ?? '';
      body.declineText = values.declineText?.trim() ?? '';
    }
    if (action === 'disburse') {
      body.disbursedAmount = values.disbursedAmount?.trim() ?? '';
      if (withReceivable) body.notice = values.notice ?? 'pledge';
    }
    const saved = await submit.run(() => send(body));
    if (saved) onDone();
  };
  return (
    <FormModal<ActionValues>
      form={form}
      title={t(`financing.action.${action}Title`)}
      okText={t(`financing.action.${action}`)}
      okTestId="action-submit"
      danger={action === 'decline'}
      saving={submit.saving}
      width={560}
      onClose={onClose}
      testId={`action-form-${action}`}
      initialValues={{
        grantedAmount: amount,
        grantedTermMonths: termMonths,
        security: secured ? 'secured' : 'credit',
        firstLoan: false,
        disbursedAmount: response.grantedAmount ?? amount,
        notice: 'pledge',
      }}
      onFinish={(values) => void finish(values)}
    >
      {submit.alert}
      {action === 'grant' ? (
        <>
          <Flex gap={12} wrap>
            <Form.Item
              name="grantedAmount"
              label={t('financing.grant.amount')}
              rules={[required, decimal]}
              style={{ flex: '1 1 160px' }}
            >
              <Input suffix={t('financing.unit.wan')} data-testid="grant-amount" />
            </Form.Item>
            <Form.Item
              name="grantedRate"
              label={t('financing.grant.rate')}
              rules={[required, rules.decimal(100, { zero: true })]}
              style={{ flex: '1 1 120px' }}
            >
              <Input suffix="%" data-testid="grant-rate" />
            </Form.Item>
            <Form.Item
              name="grantedTermMonths"
              label={t('financing.grant.term')}
              rules={[required]}
              style={{ flex: '1 1 120px' }}
            >
              <MonthsInput testId="grant-term" />
            </Form.Item>
          </Flex>
          <Form.Item name="security" label={t('financing.grant.security')} rules={[required]}>
            <Radio.Group
              data-testid="grant-security"
              options={[
                { value: 'credit', label: t('financing.security.credit') },
                { value: 'secured', label: t('financing.security.secured') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="firstLoan"
            label={t('financing.grant.firstLoan')}
            tooltip={t('financing.grant.firstLoanHelp')}
          >
            <Radio.Group
              data-testid="grant-first-loan"
              options={[
                { value: true, label: t('common.yes') },
                { value: false, label: t('common.no') },
              ]}
            />
          </Form.Item>
        </>
      ) : null}
      {action === 'decline' ? (
        <>
          <Form.Item name="declineReason" label={t('financing.decline.reason')} rules={[required]}>
            <Select options={reasons} data-testid="decline-reason" />
          </Form.Item>
          <Form.Item
            name="declineText"
            label={t('financing.decline.text')}
            extra={t('financing.decline.textHelp')}
            rules={[rules.requiredText]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="decline-text" />
          </Form.Item>
        </>
      ) : null}
      {action === 'disburse' ? (
        <Form.Item name="disbursedAmount" label={t('financing.disburse.amount')} rules={[required, decimal]}>
          <Input suffix={t('financing.unit.wan')} data-testid="disburse-amount" />
        </Form.Item>
      ) : null}
      {action === 'disburse' && withReceivable ? (
        <Form.Item
          name="notice"
          label={t('financing.disburse.notice')}
          extra={t('financing.disburse.noticeHelp')}
        >
          <Radio.Group
            data-testid="disburse-notice"
            options={[
              { value: 'pledge', label: t('financing.notice.pledge') },
              { value: 'transfer', label: t('financing.notice.transfer') },
            ]}
          />
        </Form.Item>
      ) : null}
      <Form.Item name="note" label={t('financing.action.note')}>
        <Input.TextArea rows={2} maxLength={500} data-testid="action-note" />
      </Form.Item>
    </FormModal>
  );
}
