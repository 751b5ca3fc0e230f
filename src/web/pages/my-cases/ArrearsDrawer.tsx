/**
 * The drawer in which an enterprise registers a payment overdue from a government body, public institution or
 * large enterprise (measure 21): the debtor and contract, then the claim as the public calculator takes it. The
 * claim can be calculated first ("应于 … 付款，已逾期 N 日…"); the server's field errors go on their fields
 * ('claim.payments.1.date', 'debtorUscc'). The evidence (contract, acceptance, invoices…) is picked here and goes up
 * right after the complaint is created, each file with its progress and any refusal.
 */
import { AccountBookOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Col, Divider, Drawer, Flex, Form, Input, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, api, type CaseDetail, type ClaimAssessment } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { applyNestedFieldErrors, clearFormErrors } from '../../lib/formErrors.ts';
import { AttachmentPicker, SubmissionUploads, useSubmissionUploads } from '../cases/CaseAttachments.tsx';
import { ClaimFields, DebtorKindField, SignedOnField } from '../payments/claimFields.tsx';
import { type ClockBasis, type DebtorKind, formatMoney, todayInChina } from '../payments/paymentForm.ts';
import { arrearsInitialValues, useDebtorLookup } from './arrearsPrefill.ts';
import { type ArrearsValues, arrearsBodyOf, arrearsFieldNameOf, claimOf, usccProblem } from './caseForms.ts';

export function ArrearsDrawer({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CaseDetail) => void;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={t('myCases.arrears.title')}
      data-testid="arrears-drawer"
    >
      {open ? <ArrearsForm onClose={onClose} onCreated={onCreated} /> : null}
    </Drawer>
  );
}

function ArrearsForm({ onClose, onCreated }: { onClose: () => void; onCreated: (c: CaseDetail) => void }) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ArrearsValues>();
  const todayDay = useMemo(() => dayjs(todayInChina()), []);
  // A claim carried over from the calculator in the page's query (issue 12).
  const [params] = useSearchParams();
  const [initial] = useState(() => arrearsInitialValues(params, todayInChina()));
  const debtor = useDebtorLookup(
    (name) => form.setFieldValue('debtorName', name),
    () => form.getFieldValue('debtorName'),
  );
  const basis: ClockBasis = Form.useWatch(['claim', 'basis'], form) ?? 'delivery';
  const debtorKind: DebtorKind = Form.useWatch(['claim', 'debtorKind'], form) ?? 'government';
  const [submitting, setSubmitting] = useState(false);
  const [checking, setChecking] = useState(false);
  const [preview, setPreview] = useState<ClaimAssessment | null>(null);
  const [failure, setFailure] = useState<{ title: string; detail: string | null } | null>(null);
  const [paymentsErrors, setPaymentsErrors] = useState<string[]>([]);
  const attachments = useSubmissionUploads();
  const isCreated = attachments.created !== null;

  const required = (field: string) => ({ required: true, message: t('form.required', { field }) });
  const length = (field: string, min: number, max: number) => ({
    min,
    max,
    whitespace: true,
    message: t('myCases.form.length', { field, min, max }),
  });
  const notFuture = (day: Dayjs) => day.isAfter(todayDay, 'day');
  const date = { style: { width: '100%' }, disabledDate: notFuture };

  const fail = (error: unknown, values: ArrearsValues) => {
    const { list, unmatched } = applyNestedFieldErrors(
      form,
      error,
      (field) => arrearsFieldNameOf(field, values),
      ['claim', 'payments'],
    );
    setPaymentsErrors(list);
    const text = error instanceof Error ? error.message : String(error);
    const allShown = error instanceof ApiError && error.errors.length > 0 && unmatched.length === 0;
    setFailure(
      allShown
        ? { title: t('myCases.form.fixFields'), detail: null }
        : { title: t('myCases.form.failed'), detail: [text, ...unmatched].join('；') },
    );
    const first = form.getFieldsError().find((field) => field.errors.length > 0);
    if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
  };

  const reset = () => {
    setFailure(null);
    setPaymentsErrors([]);
    clearFormErrors(form);
  };

  /** Calculates the claim with the public calculator (only the claim's fields are checked). */
  const onPreview = async () => {
    reset();
    setPreview(null);
    try {
      // Only the claim's fields: the debtor's may be empty yet.
      await form.validateFields([['claim']], { recursive: true });
    } catch {
      return;
    }
    const values = form.getFieldsValue(true) as ArrearsValues;
    setChecking(true);
    try {
      setPreview(await api.assessClaim(claimOf(values)));
    } catch (error) {
      fail(error, values);
    } finally {
      setChecking(false);
    }
  };

  const onFinish = async (values: ArrearsValues) => {
    if (isCreated) return;
    reset();
    setSubmitting(true);
    const all = form.getFieldsValue(true) as ArrearsValues;
    try {
      const created = await api.submitArrears(arrearsBodyOf(all));
      // The complaint exists now; evidence that fails to go up is reported and can be added on its page.
      if (await attachments.uploadTo(created)) {
        void message.success(t('myCases.arrears.done', { number: created.number }));
        onCreated(created);
      }
    } catch (error) {
      fail(error, { ...all, ...values });
    } finally {
      setSubmitting(false);
    }
  };

  const previewLine = (result: ClaimAssessment) => {
    if (!result.dueDate) return t('myCases.arrears.previewUnknown');
    const params = {
      due: formatDate(result.dueDate, locale),
      days: formatNumber(result.daysOverdue, locale),
      interest: formatMoney(result.interestOutstanding, locale),
      total: formatMoney(result.totalOutstanding, locale),
    };
    return result.daysOverdue > 0
      ? t('myCases.arrears.previewLine', params)
      : t('myCases.arrears.previewNotDue', params);
  };

  const usccRule = {
    validator: async (_: unknown, value: string | undefined) => {
      if (!value?.trim()) return;
      const problem = usccProblem(value);
      if (problem) throw new Error(t(`myCases.arrears.uscc.${problem}`));
    },
  };

  return (
    <Form<ArrearsValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      scrollToFirstError={{ block: 'center', behavior: 'smooth' }}
      onFinish={(values) => void onFinish(values)}
      onValuesChange={(changed: Partial<ArrearsValues>) => {
        if ('debtorUscc' in changed) debtor.onCodeChange(changed.debtorUscc);
        if (changed.claim) setPreview(null);
        if (changed.claim?.payments && paymentsErrors.length > 0) setPaymentsErrors([]);
      }}
      data-testid="arrears-form"
    >
      <Typography.Paragraph type="secondary">{t('myCases.arrears.intro')}</Typography.Paragraph>

      <Divider titlePlacement="start" style={{ marginTop: 0 }}>
        {t('myCases.arrears.section.debtor')}
      </Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="debtorUscc"
            label={t('myCases.arrears.debtorUscc')}
            extra={
              debtor.found ? (
                <span data-testid="arrears-debtor-found">{t('pay.debtorFound', { name: debtor.found })}</span>
              ) : (
                t('myCases.arrears.debtorUsccHelp')
              )
            }
            normalize={(value: string) => value.toUpperCase()}
            rules={[required(t('myCases.arrears.debtorUscc')), usccRule]}
          >
            <Input maxLength={18} data-testid="arrears-debtor-uscc" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="debtorName"
            label={t('myCases.arrears.debtorName')}
            rules={[
              required(t('myCases.arrears.debtorName')),
              length(t('myCases.arrears.debtorName'), 2, 200),
            ]}
          >
            <Input maxLength={200} data-testid="arrears-debtor-name" />
          </Form.Item>
        </Col>
      </Row>
      <DebtorKindField prefix={['claim']} testId="arrears-debtor-kind" t={t} />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="contractNumber"
            label={t('myCases.arrears.contractNumber')}
            extra={t('myCases.arrears.contractHelp')}
            rules={[
              required(t('myCases.arrears.contractNumber')),
              length(t('myCases.arrears.contractNumber'), 1, 100),
            ]}
          >
            <Input maxLength={100} data-testid="arrears-contract" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <SignedOnField prefix={['claim']} testId="arrears-signed" date={date} t={t} />
        </Col>
      </Row>
      <Form.Item
        name="description"
        label={t('myCases.arrears.description')}
        rules={[
          required(t('myCases.arrears.description')),
          length(t('myCases.arrears.description'), 5, 5000),
        ]}
      >
        <Input.TextArea
          rows={4}
          maxLength={5000}
          showCount
          placeholder={t('myCases.arrears.descriptionPlaceholder')}
          data-testid="arrears-description"
        />
      </Form.Item>

      <Divider titlePlacement="start">{t('myCases.arrears.section.claim')}</Divider>
      <ClaimFields
        prefix={['claim']}
        testIdPrefix="arrears"
        basis={basis}
        debtorKind={debtorKind}
        date={date}
        paymentsErrors={paymentsErrors}
        t={t}
      />

      <Form.Item label={t('attachments.arrearsLabel')} extra={t('attachments.arrearsHelp')}>
        <AttachmentPicker files={attachments.files} onChange={attachments.setFiles} disabled={isCreated} />
      </Form.Item>
      {preview ? (
        <Alert
          type={preview.daysOverdue > 0 ? 'warning' : 'info'}
          showIcon
          title={t('myCases.arrears.previewTitle')}
          description={previewLine(preview)}
          style={{ marginBottom: 16 }}
          data-testid="arrears-preview"
        />
      ) : null}
      {failure ? (
        <Alert
          type="error"
          showIcon
          title={failure.title}
          description={failure.detail}
          style={{ marginBottom: 16 }}
          data-testid="arrears-error"
        />
      ) : null}
      <SubmissionUploads state={attachments} onOpen={onCreated} />
      <Flex gap={8} justify="flex-end" wrap>
        <Button onClick={onClose}>{t('myCases.form.cancel')}</Button>
        <Button
          icon={<AccountBookOutlined />}
          loading={checking}
          onClick={() => void onPreview()}
          data-testid="arrears-preview-button"
        >
          {t('myCases.arrears.preview')}
        </Button>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SendOutlined />}
          loading={submitting}
          disabled={isCreated}
          data-testid="arrears-submit"
        >
          {t('myCases.arrears.submit')}
        </Button>
      </Flex>
    </Form>
  );
}
