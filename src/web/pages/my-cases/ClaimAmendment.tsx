/**
 * Amending an overdue-payment complaint's claim (issue 12): the form, pre-filled with the claim as filed (dates,
 * amount, payments received, agreed term and rate), sent as the case action `amend_claim`; and on the timeline
 * of either side, what changed (old → new), with the re-assessed due date, days overdue and amount outstanding.
 */
import { Alert, App as AntApp, Button, Col, Form, Input, Row, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { ApiError, api, type CaseDetail, type ClaimInput } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { applyNestedFieldErrors } from '../../lib/formErrors.ts';
import { ClaimFields, SignedOnField } from '../payments/claimFields.tsx';
import { type ClockBasis, type DebtorKind, formatMoney, todayInChina } from '../payments/paymentForm.ts';
import { type ArrearsValues, arrearsFieldNameOf, claimOf, claimValuesOf } from './caseForms.ts';

interface AmendValues extends ArrearsValues {
  note?: string;
}

/** The form that amends a complaint's claim; the case after it goes to `onDone`. */
export function AmendClaimForm({
  value,
  onCancel,
  onDone,
  onConflict,
}: {
  value: CaseDetail;
  onCancel: () => void;
  onDone: (updated: CaseDetail) => void;
  onConflict: () => void;
}) {
  const { t } = useI18n();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm<AmendValues>();
  const initial = useMemo<AmendValues>(
    () => ({ claim: claimValuesOf(value.claim as ClaimInput) }),
    [value.claim],
  );
  const basis: ClockBasis = Form.useWatch(['claim', 'basis'], form) ?? initial.claim?.basis ?? 'delivery';
  const debtorKind: DebtorKind = initial.claim?.debtorKind ?? 'government';
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [paymentsErrors, setPaymentsErrors] = useState<string[]>([]);
  const todayDay = useMemo(() => dayjs(todayInChina()), []);
  const date = { style: { width: '100%' }, disabledDate: (day: Dayjs) => day.isAfter(todayDay, 'day') };

  const onFinish = async (values: AmendValues) => {
    setSubmitting(true);
    setFailure(null);
    setPaymentsErrors([]);
    const all = form.getFieldsValue(true) as AmendValues;
    const claim = claimOf(all);
    const note = values.note?.trim();
    try {
      const updated = await api.actOnCase(value.id, {
        action: 'amend_claim',
        version: value.version,
        claim,
        ...(note ? { note } : {}),
      });
      void message.success(t('myCases.amend.done'));
      onDone(updated);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        modal.warning({ title: error.message, content: t('myCases.act.conflict') });
        onConflict();
        return;
      }
      const { list, unmatched } = applyNestedFieldErrors(
        form,
        error,
        (field) => arrearsFieldNameOf(field, all),
        ['claim', 'payments'],
      );
      setPaymentsErrors(list);
      const allShown = error instanceof ApiError && error.errors.length > 0 && unmatched.length === 0;
      setFailure(
        allShown ? null : [error instanceof Error ? error.message : String(error), ...unmatched].join('；'),
      );
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form<AmendValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(values) => void onFinish(values)}
      data-testid="amend-claim-form"
    >
      <Typography.Paragraph type="secondary">{t('myCases.amend.help')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <SignedOnField prefix={['claim']} testId="amend-signed" date={date} t={t} />
        </Col>
      </Row>
      <ClaimFields
        prefix={['claim']}
        testIdPrefix="amend"
        basis={basis}
        debtorKind={debtorKind}
        date={date}
        paymentsErrors={paymentsErrors}
        t={t}
      />
      <Form.Item name="note" label={t('myCases.act.note')} rules={[{ max: 5000 }]}>
        <Input.TextArea
          rows={2}
          maxLength={5000}
          placeholder={t('myCases.act.notePlaceholder.amend_claim')}
          data-testid="amend-note"
        />
      </Form.Item>
      {failure ? (
        <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} data-testid="amend-error" />
      ) : null}
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('myCases.form.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="amend-submit">
          {t('myCases.act.submit')}
        </Button>
      </Space>
    </Form>
  );
}

/** The figures an amendment recorded (cases.service.ts claimFigures). */
interface Figures {
  claim: ClaimInput;
  dueDate: string | null;
  daysOverdue: number | null;
  totalOutstanding: number | null;
}

const DATE_FIELDS = ['signedOn', 'deliveredOn', 'acceptedOn', 'acceptanceDeadline', 'settledOn'] as const;

/** One line per figure that changed in an amendment: what it was → what it is. */
export function claimChanges(
  before: Figures | null,
  after: Figures,
): {
  key: string;
  from: string | number | null;
  to: string | number | null;
  kind: 'date' | 'money' | 'plain';
}[] {
  const lines: ReturnType<typeof claimChanges> = [];
  const push = (
    key: string,
    from: string | number | null | undefined,
    to: string | number | null | undefined,
    kind: 'date' | 'money' | 'plain',
  ) => {
    if ((from ?? null) !== (to ?? null)) lines.push({ key, from: from ?? null, to: to ?? null, kind });
  };
  const b = before?.claim;
  const a = after.claim;
  push('amount', b?.amount, a.amount, 'money');
  const paid = (c: ClaimInput | undefined) =>
    c ? Math.round((c.payments ?? []).reduce((sum, p) => sum + p.amount, 0) * 100) / 100 : null;
  push('paid', paid(b), paid(a), 'money');
  push('payments', b ? (b.payments ?? []).length : null, (a.payments ?? []).length, 'plain');
  push('basis', b?.basis, a.basis, 'plain');
  for (const field of DATE_FIELDS) push(field, b?.[field], a[field], 'date');
  push('agreedTermDays', b?.agreedTermDays, a.agreedTermDays, 'plain');
  push('agreedAnnualRate', b?.agreedAnnualRate, a.agreedAnnualRate, 'plain');
  push('disputed', b?.disputed, a.disputed, 'money');
  push('dueDate', before?.dueDate, after.dueDate, 'date');
  push('daysOverdue', before?.daysOverdue, after.daysOverdue, 'plain');
  push('totalOutstanding', before?.totalOutstanding, after.totalOutstanding, 'money');
  return lines;
}

/** An amendment on a timeline: each figure that changed, old → new. */
export function ClaimChange({ data }: { data: unknown }) {
  const { t, locale } = useI18n();
  const d = (data ?? {}) as { before?: Figures | null; after?: Figures };
  if (!d.after) return null;
  const lines = claimChanges(d.before ?? null, d.after);
  const show = (value: string | number | null, kind: 'date' | 'money' | 'plain', key: string) => {
    if (value === null) return '—';
    if (kind === 'date') return formatDate(String(value), locale);
    if (kind === 'money') return formatMoney(Number(value), locale);
    if (key === 'basis') return t(`pay.basis.${value}` as 'pay.basis.delivery');
    return typeof value === 'number' ? formatNumber(value, locale) : value;
  };
  if (lines.length === 0)
    return <Typography.Text type="secondary">{t('myCases.amend.unchanged')}</Typography.Text>;
  return (
    <div data-testid="claim-change" style={{ fontSize: 12 }}>
      {lines.map((line) => (
        <div key={line.key} data-testid={`claim-change-${line.key}`}>
          <Typography.Text type="secondary">
            {t(`myCases.amend.field.${line.key}` as 'myCases.amend.field.amount')}：
          </Typography.Text>{' '}
          <Typography.Text delete>{show(line.from, line.kind, line.key)}</Typography.Text>
          {' → '}
          <Typography.Text strong>{show(line.to, line.kind, line.key)}</Typography.Text>
        </div>
      ))}
    </div>
  );
}
