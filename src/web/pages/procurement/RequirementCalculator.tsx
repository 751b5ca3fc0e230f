/**
 * 项目预留测算 (public): a project's kind, budget, announcement date, whether it suits SMEs (else why not) and the
 * region's quota, when known → what the rules in force on that date require (POST /api/public/procurement/requirement):
 * reserved whole, a reserved share with its minimum amounts, the price deduction only, or nothing below the quota;
 * the provisions, the rules version and its documents. The server's field errors land on their inputs.
 */
import { CalculatorOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Input, Radio, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { todayInChina } from '../../../shared/today.ts';
import { ApiError } from '../../api/client.ts';
import {
  type ProcurementKind,
  type ProcurementRules,
  procurementApi,
  type Requirement,
  type RequirementInput,
} from '../../api/procurement.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { applyNestedFieldErrors, clearFormErrors } from '../../lib/formErrors.ts';
import { cleanNumber, fieldPath, formatWanOfYuan, versionOn, YUAN_PATTERN } from './procurementModel.ts';
import { EXEMPTIONS, PROCUREMENT_KINDS, RequirementView, useTermOptions } from './procurementParts.tsx';

interface RequirementValues {
  kind: ProcurementKind;
  budget?: string;
  announcementDate?: Dayjs | null;
  suitedToSmes: boolean;
  exemption?: RequirementInput['exemption'];
  quota?: string;
}

const FIELDS = ['kind', 'budget', 'announcementDate', 'suitedToSmes', 'exemption', 'quota'];

export function RequirementCalculator({
  rules,
  onDate,
}: {
  rules: ProcurementRules | undefined;
  /** The announcement date as chosen (YYYY-MM-DD), for the rules card. */
  onDate?: (date: string | null) => void;
}) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<RequirementValues>();
  const kindOptions = useTermOptions(PROCUREMENT_KINDS);
  const exemptionOptions = useTermOptions(EXEMPTIONS);
  const suited = Form.useWatch('suitedToSmes', form) ?? true;
  const budget = Form.useWatch('budget', form);
  const date = Form.useWatch('announcementDate', form) as Dayjs | null | undefined;
  const [result, setResult] = useState<Requirement | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  const dateText = date?.isValid() ? date.format('YYYY-MM-DD') : null;
  const version = versionOn(rules, dateText);
  useEffect(() => onDate?.(dateText), [dateText, onDate]);
  const cleanBudget = cleanNumber(budget);

  const onFinish = async (values: RequirementValues) => {
    setChecking(true);
    setFailure(null);
    clearFormErrors(form);
    const quota = cleanNumber(values.quota);
    const body: RequirementInput = {
      kind: values.kind,
      budget: cleanNumber(values.budget),
      announcementDate: values.announcementDate?.format('YYYY-MM-DD') ?? '',
      suitedToSmes: values.suitedToSmes,
      ...(values.suitedToSmes || !values.exemption ? {} : { exemption: values.exemption }),
      ...(quota ? { quota } : {}),
    };
    try {
      setResult(await procurementApi.requirement(body));
    } catch (error) {
      setResult(null);
      const { unmatched } = applyNestedFieldErrors(form, error, (field) => {
        const [head] = fieldPath(field);
        return typeof head === 'string' && FIELDS.includes(head) ? [head] : null;
      });
      const allShown = error instanceof ApiError && error.errors.length > 0 && unmatched.length === 0;
      setFailure(
        allShown
          ? t('proc.calc.fixFields')
          : [error instanceof Error ? error.message : String(error), ...unmatched].join(
              t('proc.listSeparator'),
            ),
      );
    } finally {
      setChecking(false);
    }
  };

  /** A budget is an amount above 0: a negative or nought one is refused as such, not as a bad number. */
  const budgetRule = {
    validator: (_: unknown, value: string | undefined) => {
      const clean = cleanNumber(value);
      if (!clean) return Promise.resolve();
      if (clean.startsWith('-') || (YUAN_PATTERN.test(clean) && Number(clean) <= 0))
        return Promise.reject(new Error(t('procr.calc.budgetPositive')));
      return YUAN_PATTERN.test(clean) ? Promise.resolve() : Promise.reject(new Error(t('proc.form.yuan')));
    },
  };

  const yuanRule = {
    validator: (_: unknown, value: string | undefined) =>
      !value || YUAN_PATTERN.test(cleanNumber(value))
        ? Promise.resolve()
        : Promise.reject(new Error(t('proc.form.yuan'))),
  };

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={11}>
        <Card title={t('proc.calc.requirement.form')}>
          <Form<RequirementValues>
            form={form}
            layout="vertical"
            initialValues={{ kind: 'goods', suitedToSmes: true, announcementDate: dayjs(todayInChina()) }}
            onFinish={(values) => void onFinish(values)}
            name="requirement"
            onValuesChange={() => {
              if (failure) setFailure(null);
              // A result is of the values it was asked for: any change (say, to 不适宜) takes it away.
              if (result) setResult(null);
            }}
            data-testid="req-form"
          >
            <Form.Item name="kind" label={t('proc.field.kind')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={kindOptions} data-testid="req-kind" />
            </Form.Item>
            <Form.Item
              name="budget"
              label={t('proc.field.budget')}
              rules={[{ required: true, message: t('proc.form.required') }, budgetRule]}
              extra={
                cleanBudget && YUAN_PATTERN.test(cleanBudget) && locale !== 'en'
                  ? t('proc.form.wanHint', { wan: formatWanOfYuan(cleanBudget, locale) })
                  : t('proc.field.budgetHelp')
              }
            >
              <Input suffix={t('proc.unit.yuan')} inputMode="decimal" data-testid="req-budget" />
            </Form.Item>
            <Form.Item
              name="announcementDate"
              label={t('proc.field.announcementDate')}
              rules={[{ required: true, message: t('proc.form.required') }]}
              extra={
                version
                  ? t('proc.form.versionOn', {
                      version: version.id,
                      documents: version.documents.join(t('proc.listSeparator')),
                    })
                  : t('proc.field.announcementDateHelp')
              }
            >
              <DatePicker style={{ width: '100%' }} data-testid="req-date" />
            </Form.Item>
            <Form.Item name="suitedToSmes" label={t('proc.field.suitedToSmes')}>
              <Radio.Group data-testid="req-suited">
                <Radio value={true}>{t('proc.field.suited.yes')}</Radio>
                <Radio value={false}>{t('proc.field.suited.no')}</Radio>
              </Radio.Group>
            </Form.Item>
            {suited ? null : (
              <Form.Item
                name="exemption"
                label={t('proc.field.exemption')}
                rules={[{ required: true, message: t('proc.form.exemptionRequired') }]}
              >
                <Select options={exemptionOptions} data-testid="req-exemption" />
              </Form.Item>
            )}
            <Form.Item
              name="quota"
              label={`${t('proc.field.quota')} ${t('common.optional')}`}
              extra={t('proc.field.quotaHelp')}
              rules={[yuanRule]}
            >
              <Input suffix={t('proc.unit.yuan')} inputMode="decimal" data-testid="req-quota" />
            </Form.Item>
            {failure ? (
              <Alert
                type="error"
                showIcon
                title={failure}
                style={{ marginBottom: 16 }}
                data-testid="req-error"
              />
            ) : null}
            <Space wrap>
              <Button
                type="primary"
                htmlType="submit"
                icon={<CalculatorOutlined />}
                loading={checking}
                data-testid="req-submit"
              >
                {t('proc.calc.requirement.submit')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setResult(null);
                  setFailure(null);
                }}
                data-testid="req-reset"
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={13}>
        <Card title={t('proc.calc.requirement.result')}>
          {result ? (
            <div data-testid="req-result">
              <RequirementView requirement={result} />
            </div>
          ) : (
            <Empty description={t('proc.calc.requirement.empty')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
