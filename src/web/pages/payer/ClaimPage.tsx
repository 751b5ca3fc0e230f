/**
 * `/app/claims/:id` (a debtor body's official): one overdue-payment complaint against the organisation — the
 * contract and its amounts, the statutory assessment as of today (due date, days overdue, overdue interest, what is
 * owed), our position, the payments we recorded and the timeline the debtor may see. While the complaint is before
 * the organisation it is answered here: acknowledge the debt, dispute it with reasons, or record a payment (amount
 * and date), each in a small form sent with the version read; field errors of the server show on their fields and
 * a 409 (the complaint moved on) is shown with a reload. The complainant's identity stays confidential.
 */
import {
  ArrowLeftOutlined,
  CalendarOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  DollarOutlined,
  ExclamationCircleOutlined,
  LockOutlined,
  PercentageOutlined,
  ReloadOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { ApiError } from '../../api/client.ts';
import { type ClaimAssessment, type ClaimDetail, type ClaimPayment, payerApi } from '../../api/payer.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { isMessageKey } from '../../i18n/core.ts';
import { type TFunction, useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { apiQuery, refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { StateTag } from '../my-cases/caseParts.tsx';
import { formatMoney } from '../payments/paymentForm.ts';
import { type AnswerAction, answerBody, isAnswerable, unpaidAmount } from './claimModel.ts';
import { PositionTag } from './claimParts.tsx';

const ACTION_ICONS: Record<AnswerAction, ReactNode> = {
  acknowledge: <CheckCircleOutlined />,
  dispute: <ExclamationCircleOutlined />,
  pay: <DollarOutlined />,
};

export default function ClaimPage() {
  const { t } = useI18n();
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const valid = Number.isSafeInteger(id) && id > 0;
  const loaded = useApiQuery(
    valid
      ? apiQuery('/api/payer/claims/:id', { params: { id } })
      : refusedQuery<ClaimDetail>(['/api/payer/claims/:id', idParam], new Error(t('payer.claims.empty'))),
  );
  /** The complaint as the last answer returned it (newer than the load). */
  const [acted, setActed] = useState<ClaimDetail | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [action, setAction] = useState<AnswerAction | null>(null);
  const value =
    acted && acted.id === id && acted.version >= (loaded.data?.version ?? 0)
      ? acted
      : loaded.data?.id === id
        ? loaded.data
        : undefined;

  const reload = () => {
    setActed(null);
    setConflict(null);
    loaded.reload();
  };

  const back = (
    <Link to="/app/claims" data-testid="claim-back">
      <ArrowLeftOutlined /> {t('payer.claim.back')}
    </Link>
  );

  if (!value) {
    return (
      <Flex vertical gap={16}>
        {back}
        {loaded.error ? (
          <ErrorResult error={loaded.error} onRetry={loaded.reload} />
        ) : (
          <Card>
            <Skeleton active paragraph={{ rows: 8 }} />
          </Card>
        )}
      </Flex>
    );
  }

  return (
    <Flex vertical gap={16} data-testid="claim" data-claim-id={value.id} data-version={value.version}>
      {back}
      <Header value={value} reloading={loaded.loading} onReload={reload} />
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          title={t('payer.conflict.title')}
          description={conflict}
          action={
            <Button onClick={reload} icon={<ReloadOutlined />} data-testid="claim-conflict-reload">
              {t('payer.conflict.reload')}
            </Button>
          }
          data-testid="claim-conflict"
        />
      ) : loaded.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed')} description={loaded.error.message} />
      ) : null}
      <Alert
        type="info"
        showIcon
        icon={<LockOutlined />}
        title={
          value.complainant
            ? t('payer.claim.named', { id: value.complainant.enterpriseId })
            : t('payer.claim.confidential')
        }
        data-testid="claim-confidential"
      />
      <Answers value={value} onAct={setAction} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Assessment value={value} />
            <Contract value={value} />
            <Payments payments={value.payments} />
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <ClaimTimeline value={value} />
        </Col>
      </Row>
      <AnswerModal
        value={value}
        action={action}
        onClose={() => setAction(null)}
        onDone={(updated) => {
          setAction(null);
          setConflict(null);
          setActed(updated);
        }}
        onConflict={(text) => {
          setAction(null);
          setActed(null);
          setConflict(text);
        }}
      />
    </Flex>
  );
}

function Header({
  value,
  reloading,
  onReload,
}: {
  value: ClaimDetail;
  reloading: boolean;
  onReload: () => void;
}) {
  const { t } = useI18n();
  return (
    <Flex justify="space-between" align="start" gap={12} wrap>
      <Flex vertical gap={8} style={{ minWidth: 0, flex: '1 1 420px' }}>
        <Space size={8} wrap>
          <Typography.Text type="secondary" copyable className="huiqi-mono" data-testid="claim-number">
            {value.number}
          </Typography.Text>
          <Typography.Text type="secondary">{t('payer.claim.title')}</Typography.Text>
          <StateTag row={value} testId="claim-state" />
          <PositionTag position={value.debtorPosition} state={value.state} testId="claim-position" />
        </Space>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('payer.claim.heading', { contract: value.contractNumber || value.number })}
        </Typography.Title>
      </Flex>
      <Button icon={<ReloadOutlined />} onClick={onReload} loading={reloading} data-testid="claim-reload">
        {t('common.reload')}
      </Button>
    </Flex>
  );
}

/**
 * What the organisation may answer now — only the answers the server offers (`allowedActions`: it accepts exactly
 * those) — with a prompt when nothing has been answered yet.
 */
function Answers({ value, onAct }: { value: ClaimDetail; onAct: (action: AnswerAction) => void }) {
  const { t, locale } = useI18n();
  const answerable = isAnswerable(value.state);
  const positionKey = `payer.position.${value.debtorPosition ?? 'none'}`;
  const actions = value.allowedActions;
  return (
    <Card size="small" title={t('payer.claim.actions')} data-testid="claim-answers">
      <Flex vertical gap={12}>
        {answerable ? null : (
          <Alert type="success" showIcon title={t('payer.claim.closed')} data-testid="claim-not-answerable" />
        )}
        <Typography.Text type={value.debtorPosition ? 'secondary' : 'warning'} data-testid="claim-prompt">
          {value.debtorPosition
            ? t('payer.claim.answered', {
                date: formatDate(value.debtorAnsweredOn, locale),
                position: isMessageKey(positionKey) ? t(positionKey) : (value.debtorPosition ?? ''),
              })
            : t('payer.claim.prompt')}
        </Typography.Text>
        {actions.length > 0 ? (
          <Space wrap>
            {actions.map((action) => (
              <Button
                key={action}
                type={
                  action === 'pay' || (!value.debtorPosition && action === 'acknowledge')
                    ? 'primary'
                    : 'default'
                }
                icon={ACTION_ICONS[action]}
                onClick={() => onAct(action)}
                data-testid={`claim-act-${action}`}
              >
                {t(`payer.act.${action}`)}
              </Button>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary" data-testid="claim-no-actions">
            {t('payer.claim.noActions')}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

function rateText(t: TFunction, a: ClaimAssessment): string {
  if (a.rateKind === 'agreed') return t('payer.assess.rate.agreed', { rate: a.agreedAnnualRate ?? '—' });
  if (a.rateKind === 'agreed_raised_to_lpr')
    return t('payer.assess.rate.agreed_raised_to_lpr', { rate: a.lprAtSigning ?? '—' });
  return t('payer.assess.rate.default_daily');
}

function Assessment({ value }: { value: ClaimDetail }) {
  const { t, locale } = useI18n();
  const a = value.assessment;
  const figure = (
    title: string,
    shown: string,
    icon: ReactNode,
    danger: boolean,
    testId: string,
    raw: number | string | null,
    suffix?: string,
  ) => (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={shown}
        suffix={suffix}
        prefix={icon}
        styles={{ content: { color: danger ? '#cf1322' : undefined, fontSize: 20 } }}
        data-testid={testId}
        data-value={raw ?? ''}
      />
    </Card>
  );
  return (
    <Card title={t('payer.assess.title')} data-testid="claim-assessment">
      {a ? (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('payer.assess.intro')}</Typography.Text>
          <Row gutter={[12, 12]}>
            <Col xs={24} sm={12}>
              {figure(
                t('payer.assess.dueDate'),
                a.dueDate ? formatDate(a.dueDate, locale) : t('payer.noDueDate'),
                <CalendarOutlined />,
                false,
                'claim-due-date',
                a.dueDate,
              )}
            </Col>
            <Col xs={24} sm={12}>
              {figure(
                t('payer.assess.daysOverdue'),
                formatNumber(a.daysOverdue, locale),
                <ClockCircleOutlined />,
                a.daysOverdue > 0,
                'claim-days-overdue',
                a.daysOverdue,
                t('pay.unit.days'),
              )}
            </Col>
            <Col xs={24} sm={12}>
              {figure(
                t('payer.assess.interestOwed'),
                formatMoney(a.interestOutstanding, locale),
                <PercentageOutlined />,
                a.interestOutstanding > 0,
                'claim-interest-owed',
                a.interestOutstanding,
                t('pay.unit.yuan'),
              )}
            </Col>
            <Col xs={24} sm={12}>
              {figure(
                t('payer.assess.totalOwed'),
                formatMoney(a.totalOutstanding, locale),
                <WalletOutlined />,
                a.totalOutstanding > 0,
                'claim-total-owed',
                a.totalOutstanding,
                t('pay.unit.yuan'),
              )}
            </Col>
          </Row>
          <Descriptions
            column={{ xs: 1, sm: 2 }}
            size="small"
            bordered
            items={[
              {
                key: 'principal',
                label: t('payer.assess.principal'),
                children: t('payer.yuan', { amount: formatMoney(a.principalOutstanding, locale) }),
              },
              {
                key: 'interest',
                label: t('payer.assess.interestAccrued'),
                children: t('payer.yuan', { amount: formatMoney(a.interestAccrued, locale) }),
              },
              {
                key: 'paid',
                label: t('payer.assess.paid'),
                children: t('payer.yuan', { amount: formatMoney(a.paid, locale) }),
              },
              {
                key: 'clockStart',
                label: t('payer.assess.clockStart'),
                children: formatDate(a.clockStart, locale),
              },
              {
                key: 'term',
                label: t('payer.assess.term'),
                children: a.termDays === null ? t('payer.noDueDate') : t('payer.days', { days: a.termDays }),
              },
              { key: 'rate', label: t('payer.assess.rate'), children: rateText(t, a) },
              {
                key: 'regulation',
                label: t('payer.assess.regulation'),
                span: 'filled',
                children: t(`payer.assess.regulation.${a.regulation}`),
              },
            ]}
          />
        </Flex>
      ) : (
        <Empty description={t('payer.assess.none')} />
      )}
    </Card>
  );
}

function Contract({ value }: { value: ClaimDetail }) {
  const { t, locale } = useI18n();
  const yuan = (amount: number) => t('payer.yuan', { amount: formatMoney(amount, locale) });
  const items: DescriptionsProps['items'] = [
    {
      key: 'contract',
      label: t('payer.contract.number'),
      children: <span className="huiqi-mono">{value.contractNumber || '—'}</span>,
    },
    { key: 'signedOn', label: t('payer.contract.signedOn'), children: formatDate(value.signedOn, locale) },
    { key: 'amount', label: t('payer.contract.amount'), children: yuan(value.amount) },
    {
      key: 'repaid',
      label: (
        <Tooltip title={t('payer.contract.repaidHelp')}>
          <span style={{ borderBottom: '1px dotted #8c8c8c' }}>{t('payer.contract.repaid')}</span>
        </Tooltip>
      ),
      children: (
        <span data-testid="claim-repaid" data-value={value.repaid}>
          {yuan(value.repaid)}
        </span>
      ),
    },
    {
      key: 'unpaid',
      label: t('payer.contract.unpaid'),
      children: (
        <Typography.Text strong data-testid="claim-unpaid" data-value={unpaidAmount(value)}>
          {yuan(unpaidAmount(value))}
        </Typography.Text>
      ),
    },
    { key: 'received', label: t('payer.contract.received'), children: formatDate(value.receivedOn, locale) },
    { key: 'accepted', label: t('payer.contract.accepted'), children: formatDate(value.acceptedOn, locale) },
  ];
  if (value.closedOn)
    items.push({
      key: 'closed',
      label: t('payer.contract.closed'),
      children: formatDate(value.closedOn, locale),
    });
  items.push({
    key: 'position',
    label: t('payer.contract.position'),
    children: (
      <Space size={6} wrap>
        <PositionTag position={value.debtorPosition} state={value.state} />
        {value.debtorAnsweredOn ? (
          <Typography.Text type="secondary">{formatDate(value.debtorAnsweredOn, locale)}</Typography.Text>
        ) : null}
      </Space>
    ),
  });
  return (
    <Card title={t('payer.contract.title')}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small" items={items} data-testid="claim-contract" />
    </Card>
  );
}

function Payments({ payments }: { payments: ClaimPayment[] }) {
  const { t, locale } = useI18n();
  return (
    <Card title={t('payer.payments.title')} styles={{ body: { padding: payments.length ? 0 : undefined } }}>
      {payments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('payer.payments.empty')} />
      ) : (
        <Table<ClaimPayment>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={payments}
          scroll={{ x: 740 }}
          data-testid="claim-payments"
          columns={[
            {
              title: t('payer.payments.paidOn'),
              dataIndex: 'paidOn',
              width: 130,
              render: (v: string) => formatDate(v, locale),
            },
            {
              title: t('payer.payments.amount'),
              dataIndex: 'amount',
              align: 'right',
              width: 140,
              render: (v: number) => formatMoney(v, locale),
            },
            {
              title: t('payer.payments.note'),
              dataIndex: 'note',
              width: 160,
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('payer.payments.recordedBy'),
              dataIndex: 'recordedBy',
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('payer.payments.recordedAt'),
              dataIndex: 'recordedAt',
              width: 180,
              render: (v: string) => formatDateTime(v, locale),
            },
          ]}
        />
      )}
    </Card>
  );
}

const EVENT_COLORS: Record<string, string> = {
  accept: 'blue',
  transfer: 'gray',
  reply: 'green',
  close: 'green',
  reopen: 'orange',
  debtor_acknowledge: 'blue',
  debtor_dispute: 'purple',
  debtor_pay: 'green',
};

function ClaimTimeline({ value }: { value: ClaimDetail }) {
  const { t, locale } = useI18n();
  const label = (action: string) => {
    const key = `payer.event.${action}`;
    return isMessageKey(key) ? t(key) : action;
  };
  return (
    <Card title={t('payer.timeline.title')}>
      {value.events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('payer.timeline.empty')} />
      ) : (
        <Timeline
          data-testid="claim-timeline"
          items={value.events.map((e) => ({
            key: e.id,
            color: EVENT_COLORS[e.action] ?? 'gray',
            content: (
              <Flex vertical gap={2} data-testid="claim-event" data-action={e.action}>
                <Typography.Text strong>{label(e.action)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.at, locale)}
                </Typography.Text>
                {e.note ? (
                  <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                    {e.note}
                  </Typography.Paragraph>
                ) : null}
              </Flex>
            ),
          }))}
        />
      )}
    </Card>
  );
}

interface AnswerFormValues {
  note?: string;
  amount?: number | null;
  paidOn?: Dayjs | null;
}

const ANSWER_FIELDS = ['note', 'amount', 'paidOn'] as const;

/** One answer in a modal: its fields, the server's field errors on them; a 409 closes it and the page says so. */
function AnswerModal({
  value,
  action,
  onClose,
  onDone,
  onConflict,
}: {
  value: ClaimDetail;
  action: AnswerAction | null;
  onClose: () => void;
  onDone: (updated: ClaimDetail) => void;
  onConflict: (message: string) => void;
}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AnswerFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const today = todayInChina();

  useEffect(() => {
    if (action) setError(null);
  }, [action]);

  const actionName = action ? t(`payer.act.${action}`) : '';
  const owed = value.assessment?.totalOutstanding ?? null;

  const submit = async (values: AnswerFormValues) => {
    if (!action) return;
    setSaving(true);
    setError(null);
    try {
      const updated = await payerApi.answer(
        value.id,
        answerBody(action, value.version, {
          note: values.note,
          amount: values.amount,
          paidOn: values.paidOn?.isValid() ? values.paidOn.format('YYYY-MM-DD') : undefined,
        }),
      );
      void message.success(t('payer.act.done', { action: actionName }));
      onDone(updated);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        onConflict(failure.message);
        return;
      }
      const unmatched = applyFieldErrors(form, failure, ANSWER_FIELDS);
      const fieldErrors = failure instanceof ApiError ? failure.errors.length - unmatched.length : 0;
      setError(
        unmatched.length > 0 || fieldErrors === 0
          ? [failure instanceof Error ? failure.message : String(failure), ...unmatched].join('; ')
          : null,
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={action !== null}
      title={`${actionName} · ${value.number}`}
      onCancel={onClose}
      okText={actionName || t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'claim-answer-submit' }}
      destroyOnHidden
      data-testid="claim-answer-modal"
    >
      {action ? (
        <Form<AnswerFormValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ paidOn: dayjs(today) }}
          onFinish={(values) => void submit(values)}
        >
          <Typography.Paragraph type="secondary">{t(`payer.act.${action}Hint`)}</Typography.Paragraph>
          {error ? (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 12 }}
              data-testid="claim-answer-error"
            />
          ) : null}
          {action === 'pay' ? (
            <>
              {owed !== null ? (
                <Typography.Paragraph data-testid="claim-answer-owed">
                  {t('payer.form.owed', { amount: formatMoney(owed, locale) })}
                </Typography.Paragraph>
              ) : null}
              <Form.Item
                name="amount"
                label={t('payer.form.amount')}
                rules={[{ required: true, message: t('payer.form.amountRequired') }]}
              >
                <InputNumber<number>
                  min={0.01}
                  max={1e13}
                  precision={2}
                  step={100}
                  suffix={t('pay.unit.yuan')}
                  style={{ width: 260 }}
                  data-testid="claim-answer-amount"
                />
              </Form.Item>
              <Form.Item
                name="paidOn"
                label={t('payer.form.paidOn')}
                rules={[{ required: true, message: t('payer.form.paidOnRequired') }]}
              >
                <DatePicker
                  style={{ width: 260 }}
                  disabledDate={(day) => {
                    const text = day.format('YYYY-MM-DD');
                    return text > today || text < value.signedOn;
                  }}
                  data-testid="claim-answer-paid-on"
                />
              </Form.Item>
            </>
          ) : null}
          <Form.Item
            name="note"
            label={action === 'dispute' ? t('payer.form.reasons') : t('payer.form.note')}
            rules={
              action === 'dispute'
                ? [{ required: true, whitespace: true, message: t('payer.form.reasonsRequired') }]
                : []
            }
          >
            <Input.TextArea
              rows={4}
              maxLength={2000}
              showCount
              placeholder={
                action === 'dispute' ? t('payer.form.reasonsPlaceholder') : t('payer.form.notePlaceholder')
              }
              data-testid="claim-answer-note"
            />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
