/**
 * `/payment-calculator` (public, no sign-in): the overdue-payment calculator of 《保障中小企业款项支付条例》. An SME
 * enters a contract with a government body, public institution or large enterprise — the signing date, what starts
 * the payment term, the amounts and the payments received — and sees the version applied, the statutory due date,
 * days overdue, the interest and the total owed, with each step's legal basis. The entries are kept in the page's
 * query, so a result can be shared (a link with a complete claim is calculated at once).
 */
import { AccountBookOutlined, LinkOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Empty,
  Flex,
  Form,
  Row,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api, type ClaimAssessment } from '../../api/client.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { applyNestedFieldErrors, clearFormErrors } from '../../lib/formErrors.ts';
import { referenceQuery, useApiQuery } from '../../lib/queries.ts';
import { ClaimFields, DebtorKindField, SignedOnField } from './claimFields.tsx';
import { PaymentResult } from './PaymentResult.tsx';
import { PaymentRulesCard } from './PaymentRulesCard.tsx';
import {
  bodyOf,
  complaintUrl,
  dayOf,
  fieldNameOf,
  type PaymentValues,
  queryIsComplete,
  queryOf,
  regulationOn,
  todayInChina,
  valuesFromQuery,
} from './paymentForm.ts';

export default function PaymentCalculatorPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<PaymentValues>();
  const today = todayInChina();
  const todayDay = useMemo(() => dayjs(today), [today]);
  const [initial] = useState(() => valuesFromQuery(params, today));
  const [autoRun] = useState(() => queryIsComplete(params));
  const rules = useApiQuery(referenceQuery('/api/public/payments/rules', { anonymousOk: true }));

  const debtorKind = Form.useWatch('debtorKind', form) ?? initial.debtorKind;
  const basis = Form.useWatch('basis', form) ?? initial.basis;
  const signedOn = Form.useWatch('signedOn', form) as Dayjs | null | undefined;

  const [result, setResult] = useState<ClaimAssessment | null>(null);
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<{ title: string; detail: string | null } | null>(null);
  /** The server's errors on the payments as a whole (e.g. more paid than owed). */
  const [paymentsErrors, setPaymentsErrors] = useState<string[]>([]);
  const resultRef = useRef<HTMLDivElement>(null);

  // On narrow screens the result is below the form: bring it into view.
  useEffect(() => {
    if (result) resultRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [result]);

  // A shared link with a complete claim: calculate at once.
  const ran = useRef(false);
  useEffect(() => {
    if (autoRun && !ran.current) {
      ran.current = true;
      form.submit();
    }
  }, [autoRun, form]);

  const notFuture = (day: Dayjs) => day.isAfter(todayDay, 'day');

  const onFinish = async (values: PaymentValues) => {
    setChecking(true);
    setFailure(null);
    setPaymentsErrors([]);
    clearFormErrors(form);
    setParams(queryOf(values), { replace: true });
    try {
      setResult(await api.assessClaim(bodyOf(values)));
    } catch (error) {
      setResult(null);
      const { list, unmatched } = applyNestedFieldErrors(form, error, (field) => fieldNameOf(field, values), [
        'payments',
      ]);
      setPaymentsErrors(list);
      const text = error instanceof Error ? error.message : String(error);
      const allShown = error instanceof ApiError && error.errors.length > 0 && unmatched.length === 0;
      setFailure(
        allShown
          ? { title: t('pay.fixFields'), detail: null }
          : { title: t('pay.failed'), detail: [text, ...unmatched].join(t('pay.separator')) },
      );
      const first = form.getFieldsError().find((field) => field.errors.length > 0);
      if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
      else if (list.length > 0) form.scrollToField('payments', { block: 'center', behavior: 'smooth' });
    } finally {
      setChecking(false);
    }
  };

  const onReset = () => {
    form.setFieldsValue({
      debtorKind: 'government',
      basis: 'delivery',
      signedOn: null,
      deliveredOn: null,
      acceptedOn: null,
      acceptanceDeadline: null,
      settledOn: null,
      agreedTermDays: null,
      agreedAnnualRate: null,
      amount: null,
      disputed: null,
      payments: [],
      asOf: todayDay,
    });
    clearFormErrors(form);
    setPaymentsErrors([]);
    setResult(null);
    setFailure(null);
    setParams(new URLSearchParams(), { replace: true });
  };

  const onCopyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      void message.success(t('pay.copied'));
    } catch {
      void message.warning(t('pay.copyFailed'));
    }
  };

  const date = { style: { width: '100%' }, disabledDate: notFuture };

  const signedDay = dayOf(signedOn);
  const regulation = regulationOn(rules.data, signedDay);
  const signedHelp = !signedDay
    ? t('pay.signedHelp')
    : regulation
      ? t('pay.signedHelp.version', {
          version: regulation.id,
          document: regulation.documentNumber,
          date: formatDate(regulation.effectiveFrom, locale),
        })
      : rules.data
        ? t('pay.signedHelp.before')
        : t('pay.signedHelp');

  return (
    <div style={{ maxWidth: 1240, margin: '0 auto', padding: '32px 24px 48px' }}>
      <Flex vertical gap={4} style={{ marginBottom: 24 }}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="pay-title">
          <AccountBookOutlined style={{ color: '#1458c4' }} /> {t('pay.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('pay.subtitle')}</Typography.Text>
      </Flex>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={13}>
          <Card title={t('pay.formTitle')}>
            <Form<PaymentValues>
              form={form}
              layout="vertical"
              initialValues={initial}
              scrollToFirstError={{ block: 'center', behavior: 'smooth' }}
              onFinish={(values) => void onFinish(values)}
              onValuesChange={(changed: Partial<PaymentValues>) => {
                if (changed.payments && paymentsErrors.length > 0) setPaymentsErrors([]);
              }}
              data-testid="pay-form"
            >
              <Divider titlePlacement="start" style={{ marginTop: 0 }}>
                {t('pay.section.contract')}
              </Divider>
              <DebtorKindField prefix={[]} testId="pay-debtor" t={t} />
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <SignedOnField
                    prefix={[]}
                    testId="pay-signed"
                    date={date}
                    extra={<span data-testid="pay-signed-help">{signedHelp}</span>}
                    t={t}
                  />
                </Col>
              </Row>

              <ClaimFields
                prefix={[]}
                testIdPrefix="pay"
                basis={basis ?? 'delivery'}
                debtorKind={debtorKind ?? 'government'}
                date={date}
                paymentsErrors={paymentsErrors}
                sections={{
                  term: <Divider titlePlacement="start">{t('pay.section.term')}</Divider>,
                  money: <Divider titlePlacement="start">{t('pay.section.money')}</Divider>,
                }}
                t={t}
              />

              <Divider titlePlacement="start">{t('pay.section.asOf')}</Divider>
              <Form.Item name="asOf" label={t('pay.asOf')} extra={t('pay.asOfHelp')}>
                <DatePicker {...date} data-testid="pay-asof" />
              </Form.Item>

              {failure ? (
                <Alert
                  type="error"
                  showIcon
                  title={failure.title}
                  description={failure.detail}
                  style={{ marginBottom: 16 }}
                  data-testid="pay-error"
                />
              ) : null}
              <Space wrap>
                <Button
                  type="primary"
                  htmlType="submit"
                  size="large"
                  loading={checking}
                  icon={<AccountBookOutlined />}
                  data-testid="pay-submit"
                >
                  {t('pay.submit')}
                </Button>
                <Button size="large" onClick={onReset} data-testid="pay-reset">
                  {t('pay.reset')}
                </Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={11}>
          <Flex vertical gap={16}>
            <div ref={resultRef}>
              <Card title={t('pay.resultTitle')}>
                {result ? (
                  <PaymentResult
                    result={result}
                    complaint={
                      user && user.role !== 'enterprise' ? (
                        <Typography.Text type="secondary">
                          {t('pay.fileComplaintEnterpriseOnly')}
                        </Typography.Text>
                      ) : (
                        <Link to={complaintUrl(params)} data-testid="pay-file-complaint">
                          {user ? t('pay.fileComplaint') : t('pay.fileComplaintSignIn')}
                        </Link>
                      )
                    }
                    actions={
                      <Button
                        size="small"
                        icon={<LinkOutlined />}
                        onClick={() => void onCopyLink()}
                        data-testid="pay-copy-link"
                      >
                        {t('pay.copyLink')}
                      </Button>
                    }
                  />
                ) : (
                  <Empty description={t('pay.noResult')} />
                )}
              </Card>
            </div>
            <PaymentRulesCard rules={rules} />
          </Flex>
        </Col>
      </Row>
    </div>
  );
}
