/**
 * The claim's fields, one component for the public calculator, the enterprise's overdue-payment complaint and its
 * amendment (issue 12): how the payment term starts and its dates, the agreed term and rate, the amount, the
 * disputed part and the payments received; money inputs with grouped thousands. The kind of debtor and the
 * contract's signing date are fields of their own here (`DebtorKindField`, `SignedOnField`), since each form places
 * them with its debtor or contract fields.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, type DatePickerProps, Flex, Form, InputNumber, Radio, Row } from 'antd';
import type { ReactNode } from 'react';
import type { TFunction } from '../../i18n/I18nProvider.tsx';
import {
  CLOCK_BASES,
  type ClockBasis,
  DEBTOR_KINDS,
  type DebtorKind,
  type FieldName,
  MAX_AMOUNT,
  MAX_PAYMENTS,
} from './paymentForm.ts';

/** Groups thousands in a money input (at most two decimals, so the fraction is never grouped). */
const groupThousands = (value: number | string | undefined) =>
  value === undefined || value === '' ? '' : String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const ungroup = (text: string | undefined) => Number((text ?? '').replace(/,/g, ''));

/** Props of a yuan amount input. */
export function moneyInput(t: TFunction) {
  return {
    style: { width: '100%' },
    min: 0,
    max: MAX_AMOUNT,
    precision: 2,
    suffix: t('pay.unit.yuan'),
    formatter: groupThousands,
    parser: ungroup,
  };
}

/** The payments received so far (date + amount), at most MAX_PAYMENTS. */
export function PaymentsList({
  name,
  testIdPrefix,
  date,
  extraErrors,
  t,
}: {
  name: FieldName;
  testIdPrefix: string;
  date: DatePickerProps;
  extraErrors: readonly string[];
  t: TFunction;
}) {
  const required = (field: string) => ({ required: true, message: t('form.required', { field }) });
  const money = moneyInput(t);
  return (
    <Form.Item label={t('pay.payments')} extra={t('pay.paymentsHelp')} style={{ marginBottom: 16 }}>
      <Form.List name={name}>
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={8}>
            {fields.map((field) => (
              <Row key={field.key} gutter={8} align="top" data-testid={`${testIdPrefix}-payment`}>
                <Col xs={11} md={10}>
                  <Form.Item
                    name={[field.name, 'date']}
                    rules={[required(t('pay.paymentDate'))]}
                    style={{ marginBottom: 0 }}
                  >
                    <DatePicker
                      {...date}
                      placeholder={t('pay.paymentDate')}
                      aria-label={t('pay.paymentDate')}
                      data-testid={`${testIdPrefix}-payment-date`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={11} md={12}>
                  <Form.Item
                    name={[field.name, 'amount']}
                    rules={[required(t('pay.paymentAmount'))]}
                    style={{ marginBottom: 0 }}
                  >
                    <InputNumber<number>
                      {...money}
                      min={0.01}
                      placeholder={t('pay.paymentAmount')}
                      aria-label={t('pay.paymentAmount')}
                      data-testid={`${testIdPrefix}-payment-amount`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={2} md={2}>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    aria-label={t('pay.remove')}
                    title={t('pay.remove')}
                  />
                </Col>
              </Row>
            ))}
            <div data-testid={`${testIdPrefix}-payments-error`}>
              <Form.ErrorList errors={[...errors, ...extraErrors]} />
            </div>
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ date: null, amount: null })}
              disabled={fields.length >= MAX_PAYMENTS}
              data-testid={`${testIdPrefix}-add-payment`}
            >
              {t('pay.addPayment')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** The kind of debtor a claim is against (the agreed term's ceiling and the help text depend on it). */
export function DebtorKindField({
  prefix,
  testId,
  t,
}: {
  /** The path of the claim's fields in the form (see `ClaimFields`). */
  prefix: readonly string[];
  testId: string;
  t: TFunction;
}) {
  return (
    <Form.Item
      name={[...prefix, 'debtorKind']}
      label={t('pay.debtorKind')}
      extra={t('pay.debtorHelp')}
      rules={[{ required: true, message: t('form.required', { field: t('pay.debtorKind') }) }]}
    >
      <Radio.Group
        optionType="button"
        buttonStyle="solid"
        data-testid={testId}
        options={DEBTOR_KINDS.map((kind) => ({ value: kind, label: t(`pay.debtor.${kind}`) }))}
      />
    </Form.Item>
  );
}

/** The date the contract was signed (it picks the regulation that applies). */
export function SignedOnField({
  prefix,
  testId,
  date,
  extra,
  t,
}: {
  /** The path of the claim's fields in the form (see `ClaimFields`). */
  prefix: readonly string[];
  testId: string;
  /** Props of the dates that cannot be in the future. */
  date: DatePickerProps;
  /** Help under the field (the calculator names the regulation the date picks). */
  extra?: ReactNode;
  t: TFunction;
}) {
  return (
    <Form.Item
      name={[...prefix, 'signedOn']}
      label={t('pay.signedOn')}
      extra={extra}
      rules={[{ required: true, message: t('form.required', { field: t('pay.signedOn') }) }]}
    >
      <DatePicker {...date} data-testid={testId} />
    </Form.Item>
  );
}

/** Where the claim sits in a form, how its inputs are named in tests, and what the form already knows. */
interface ClaimFieldsProps {
  /** The path of the claim's fields in the form: [] (the calculator) or ['claim'] (a complaint). */
  prefix: readonly string[];
  /** Test ids are `${testIdPrefix}-amount`, `${testIdPrefix}-delivered`, … */
  testIdPrefix: string;
  /** How the term starts (the form watches it: the dates asked for follow it). */
  basis: ClockBasis;
  /** The kind of debtor (the agreed term's help depends on it). */
  debtorKind: DebtorKind;
  /** Props of the dates that cannot be in the future. */
  date: DatePickerProps;
  /** The server's errors on the payments as a whole. */
  paymentsErrors: readonly string[];
  /** Section headings: before the term's fields and before the money's (the calculator's dividers). */
  sections?: { term?: ReactNode; money?: ReactNode };
  t: TFunction;
}

/** The claim's fields from how the term starts to the payments received (see the file's comment). */
export function ClaimFields({
  prefix,
  testIdPrefix,
  basis,
  debtorKind,
  date,
  paymentsErrors,
  sections,
  t,
}: ClaimFieldsProps) {
  const name = (field: string): FieldName => [...prefix, field];
  const id = (field: string) => `${testIdPrefix}-${field}`;
  const required = (field: string) => ({ required: true, message: t('form.required', { field }) });
  const money = moneyInput(t);
  return (
    <>
      {sections?.term}
      <Form.Item
        name={name('basis')}
        label={t('pay.basis')}
        extra={t(`pay.basisHelp.${basis}`)}
        rules={[required(t('pay.basis'))]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          data-testid={id('basis')}
          options={CLOCK_BASES.map((value) => ({ value, label: t(`pay.basis.${value}`) }))}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name={name('deliveredOn')}
            label={t('pay.deliveredOn')}
            rules={[required(t('pay.deliveredOn'))]}
          >
            <DatePicker {...date} data-testid={id('delivered')} />
          </Form.Item>
        </Col>
        {basis === 'settlement' ? (
          <Col xs={24} md={12}>
            <Form.Item
              name={name('settledOn')}
              label={t('pay.settledOn')}
              rules={[required(t('pay.settledOn'))]}
            >
              <DatePicker {...date} data-testid={id('settled')} />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      {basis === 'acceptance' ? (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name={name('acceptedOn')} label={t('pay.acceptedOn')} extra={t('pay.acceptedHelp')}>
              <DatePicker {...date} data-testid={id('accepted')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name={name('acceptanceDeadline')}
              label={t('pay.acceptanceDeadline')}
              extra={t('pay.acceptanceDeadlineHelp')}
            >
              <DatePicker style={{ width: '100%' }} data-testid={id('acceptance-deadline')} />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name={name('agreedTermDays')}
            label={t('pay.optional', { label: t('pay.agreedTermDays') })}
            extra={t(debtorKind === 'large_enterprise' ? 'pay.termHelp.large' : 'pay.termHelp.public')}
          >
            <InputNumber<number>
              style={{ width: '100%' }}
              min={0}
              max={3650}
              precision={0}
              suffix={t('pay.unit.days')}
              data-testid={id('term')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={name('agreedAnnualRate')}
            label={t('pay.optional', { label: t('pay.agreedAnnualRate') })}
            extra={t('pay.rateHelp')}
          >
            <InputNumber<number>
              style={{ width: '100%' }}
              min={0}
              max={100}
              step={0.05}
              suffix={t('pay.unit.perYear')}
              data-testid={id('rate')}
            />
          </Form.Item>
        </Col>
      </Row>
      {sections?.money}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={name('amount')} label={t('pay.amount')} rules={[required(t('pay.amount'))]}>
            <InputNumber<number> {...money} min={0.01} data-testid={id('amount')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={name('disputed')}
            label={t('pay.optional', { label: t('pay.disputed') })}
            extra={t('pay.disputedHelp')}
          >
            <InputNumber<number> {...money} data-testid={id('disputed')} />
          </Form.Item>
        </Col>
      </Row>
      <PaymentsList
        name={name('payments')}
        testIdPrefix={testIdPrefix}
        date={date}
        extraErrors={paymentsErrors}
        t={t}
      />
    </>
  );
}
