/**
 * Pieces of the claim form shared by the public calculator and the enterprise's overdue-payment complaint:
 * money inputs with grouped thousands and the list of payments received.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, type DatePickerProps, Flex, Form, InputNumber, Row } from 'antd';
import type { TFunction } from '../../i18n/I18nProvider.tsx';
import { type FieldName, MAX_AMOUNT, MAX_PAYMENTS } from './paymentForm.ts';

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
