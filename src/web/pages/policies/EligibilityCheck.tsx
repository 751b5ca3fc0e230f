/**
 * The public eligibility check of one policy (no account needed): the visitor enters what they know of an
 * enterprise — region, industry, date established, certifications, yearly figures — and the answer shows the
 * outcome, why (the clause tree), the facts still missing and the near miss. Everything is optional: what is
 * left out is unknown. The server's field errors (`figures.1.year` …) are shown on the fields.
 */
import { DeleteOutlined, PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Empty,
  Flex,
  Form,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { api, type EligibilityAnswer, type EligibilityInput, type PublicPolicy } from '../../api/client.ts';
import { ExplanationTree } from '../../components/ExplanationTree.tsx';
import { IndustryPicker } from '../../components/IndustryPicker.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FIGURE_FIELDS, type FigureField, UNIT_LABELS, VAT_TYPES } from '../../lib/figures.ts';
import { formatDate } from '../../lib/format.ts';
import { applyNestedFieldErrors, clearFormErrors, type FieldName } from '../../lib/formErrors.ts';
import { referenceQuery, useApiQuery } from '../../lib/queries.ts';
import { pickText } from './policyParts.tsx';

type YearInput = NonNullable<EligibilityInput['figures']>[number];
type FigureKey = Exclude<keyof YearInput, 'year' | 'vatTaxpayerType' | 'mainBusinessRevenue'>;
const FIGURE_KEYS: readonly string[] = [
  'employees',
  'operatingRevenue',
  'totalAssets',
  'totalLiabilities',
  'rdExpense',
  'rdStaff',
  'taxableIncome',
] satisfies FigureKey[];
/** The figures asked for (the main-business revenue is left to the registry's own forms). */
const CHECK_FIGURES = FIGURE_FIELDS.filter((f): f is FigureField & { key: FigureKey } =>
  FIGURE_KEYS.includes(f.key),
);
type VatType = (typeof VAT_TYPES)[number];

interface CertificationValues {
  name?: string;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
}

type YearValues = { year?: number | null; vatTaxpayerType?: VatType | null } & {
  [K in FigureKey]?: number | null;
};

interface CheckValues {
  date?: Dayjs | null;
  region?: string[];
  industryCode?: string;
  establishedOn?: Dayjs | null;
  certifications?: CertificationValues[];
  figures?: YearValues[];
}

const MAX_CERTIFICATIONS = 20;
const MAX_YEARS = 5;
const TOP_FIELDS: Record<string, keyof CheckValues> = {
  date: 'date',
  regionCode: 'region',
  industryCode: 'industryCode',
  establishedOn: 'establishedOn',
};

const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : undefined);

function bodyOf(values: CheckValues): EligibilityInput {
  const body: EligibilityInput = {};
  const date = day(values.date);
  if (date) body.date = date;
  const region = values.region?.at(-1);
  if (region) body.regionCode = region;
  if (values.industryCode) body.industryCode = values.industryCode;
  const established = day(values.establishedOn);
  if (established) body.establishedOn = established;
  const certifications = values.certifications ?? [];
  if (certifications.length > 0)
    body.certifications = certifications.map((c) => ({
      name: c.name?.trim() ?? '',
      validFrom: day(c.validFrom) ?? '',
      validTo: day(c.validTo) ?? null,
    }));
  const figures = values.figures ?? [];
  if (figures.length > 0)
    body.figures = figures.map((row) => {
      const year: YearInput = { year: row.year ?? 0 };
      for (const field of CHECK_FIGURES) {
        const value = row[field.key];
        if (value !== null && value !== undefined) year[field.key] = value;
      }
      if (row.vatTaxpayerType) year.vatTaxpayerType = row.vatTaxpayerType;
      return year;
    });
  return body;
}

/** The form item of a server field error ('figures.1.year' → ['figures', 1, 'year']), or null. */
function checkFieldName(field: string, values: CheckValues): FieldName | null {
  const certificationFields = ['name', 'validFrom', 'validTo'];
  const yearFields = ['year', 'vatTaxpayerType', ...CHECK_FIGURES.map((f) => f.key)];
  const parts = field.replace(/^body\./, '').split('.');
  const [head, index, leaf] = parts;
  const top = head && Object.hasOwn(TOP_FIELDS, head) ? TOP_FIELDS[head] : undefined;
  if (parts.length === 1 && top) return [top];
  if (parts.length === 3 && head && index !== undefined && leaf && /^\d+$/.test(index)) {
    const i = Number(index);
    if (
      head === 'certifications' &&
      i < (values.certifications?.length ?? 0) &&
      certificationFields.includes(leaf)
    )
      return [head, i, leaf];
    if (head === 'figures' && i < (values.figures?.length ?? 0) && yearFields.includes(leaf))
      return [head, i, leaf];
  }
  return null;
}

const OUTCOME_STATUS = { eligible: 'success', not_eligible: 'error', unknown: 'warning' } as const;

function Answer({
  answer,
  regionGiven,
  method,
}: {
  answer: EligibilityAnswer;
  regionGiven: boolean;
  method: string;
}) {
  const { t, locale } = useI18n();
  const separator = t('check.listSeparator');
  const nextKey =
    method === 'automatic'
      ? 'check.next.automatic'
      : method === 'fast'
        ? 'check.next.fast'
        : 'check.next.application';
  return (
    <Flex vertical gap={12}>
      <Result
        status={OUTCOME_STATUS[answer.outcome]}
        title={<span data-testid="check-outcome-title">{t(`check.outcome.${answer.outcome}`)}</span>}
        subTitle={
          <Flex vertical gap={4}>
            <span>
              {answer.outcome === 'unknown' && answer.missing.length === 0
                ? t('check.outcomeHint.unknownRules')
                : t(`check.outcomeHint.${answer.outcome}`)}
            </span>
            {answer.outcome === 'eligible' && answer.inForce && answer.appliesInRegion ? (
              <span>{t(nextKey)}</span>
            ) : null}
          </Flex>
        }
        style={{ padding: '8px 0 0' }}
        data-testid="check-outcome"
        data-outcome={answer.outcome}
      />
      <Typography.Text type="secondary" style={{ textAlign: 'center' }} data-testid="check-date">
        {t('check.evaluatedOn', { date: formatDate(answer.date, locale), version: answer.version })}
      </Typography.Text>
      {!answer.inForce ? (
        <Alert
          type="warning"
          showIcon
          title={t('check.notInForce', { date: formatDate(answer.date, locale) })}
          data-testid="check-not-in-force"
        />
      ) : null}
      {!answer.appliesInRegion ? (
        <Alert
          type="warning"
          showIcon
          title={t(regionGiven ? 'check.notInRegion' : 'check.regionUnknown')}
          data-testid="check-not-in-region"
        />
      ) : null}
      {answer.missing.length > 0 ? (
        <Alert
          type="info"
          showIcon
          title={t('check.missing', {
            facts: answer.missing.map((fact) => pickText(fact, locale)).join(separator),
          })}
          data-testid="check-missing"
        />
      ) : null}
      {answer.nearMiss ? (
        <Alert
          type="error"
          showIcon
          title={t('check.nearMiss', { clause: pickText(answer.nearMiss.text, locale) })}
          data-testid="check-near-miss"
        />
      ) : null}
      <Divider titlePlacement="start" style={{ margin: '4px 0' }}>
        {t('check.explanation')}
      </Divider>
      <ExplanationTree explanation={answer.explanation} testId="check-explanation" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('check.disclaimer')}
      </Typography.Text>
    </Flex>
  );
}

export function EligibilityCheck({ policy }: { policy: PublicPolicy }) {
  const { t } = useI18n();
  const [form] = Form.useForm<CheckValues>();
  const vocabulary = useApiQuery(referenceQuery('/api/public/policy-vocabulary', { anonymousOk: true }));
  const [answer, setAnswer] = useState<{ answer: EligibilityAnswer; regionGiven: boolean } | null>(null);
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<{ title: string; detail: string } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  // On narrow screens the result is below the form: bring it into view.
  useEffect(() => {
    if (answer) resultRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [answer]);

  // A new policy (or version of the page): a new check.
  const policyId = policy.id;
  useEffect(() => {
    void policyId;
    setAnswer(null);
    setFailure(null);
  }, [policyId]);

  const lastYear = dayjs().year() - 1;
  const initialValues: CheckValues = { date: dayjs(), figures: [{ year: lastYear }] };

  const onFinish = async (values: CheckValues) => {
    setChecking(true);
    setFailure(null);
    clearFormErrors(form);
    try {
      const result = await api.checkEligibility(policy.id, bodyOf(values));
      setAnswer({ answer: result, regionGiven: Boolean(values.region?.length) });
    } catch (error) {
      setAnswer(null);
      const { unmatched } = applyNestedFieldErrors(form, error, (field) => checkFieldName(field, values));
      const message = error instanceof Error ? error.message : String(error);
      setFailure({
        title: t('check.failed'),
        detail: [message, ...unmatched].join(t('check.listSeparator')),
      });
      const first = form.getFieldsError().find((field) => field.errors.length > 0);
      if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
    } finally {
      setChecking(false);
    }
  };

  const certificationOptions = (vocabulary.data?.certifications ?? []).map((value) => ({ value }));
  const required = (field: string) => ({ required: true, message: t('form.required', { field }) });

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} lg={14}>
        <Card
          title={
            <span>
              <SafetyCertificateOutlined style={{ color: '#1458c4' }} /> {t('check.title')}
            </span>
          }
        >
          <Typography.Paragraph type="secondary">{t('check.subtitle')}</Typography.Paragraph>
          {policy.version !== policy.currentVersion ? (
            <Alert
              type="info"
              showIcon
              title={t('check.currentVersionNote', { version: policy.currentVersion })}
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Form<CheckValues>
            form={form}
            layout="vertical"
            initialValues={initialValues}
            onFinish={(values) => void onFinish(values)}
            data-testid="check-form"
          >
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="region" label={t('check.region')}>
                  <RegionCascader placeholder={t('check.regionPlaceholder')} testId="check-region" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="industryCode" label={t('check.industry')}>
                  <IndustryPicker
                    maxLevel="group"
                    placeholder={t('check.industryPlaceholder')}
                    testId="check-industry"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="establishedOn" label={t('check.establishedOn')}>
                  <DatePicker style={{ width: '100%' }} data-testid="check-established" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="date" label={t('check.date')} extra={t('check.dateHelp')}>
                  <DatePicker style={{ width: '100%' }} data-testid="check-date-input" />
                </Form.Item>
              </Col>
            </Row>

            <Divider titlePlacement="start" style={{ marginTop: 0 }}>
              {t('check.certifications')}
            </Divider>
            <Form.List name="certifications">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8} style={{ marginBottom: 16 }}>
                  {fields.map((field) => (
                    <Row key={field.key} gutter={8} align="top" data-testid="check-certification">
                      <Col xs={24} md={10}>
                        <Form.Item
                          name={[field.name, 'name']}
                          rules={[required(t('check.certification.name')), { max: 100 }]}
                          aria-label={t('check.certification.name')}
                          style={{ marginBottom: 8 }}
                        >
                          <AutoComplete
                            options={certificationOptions}
                            placeholder={t('check.certification.namePlaceholder')}
                            filterOption={(input, option) =>
                              String(option?.value ?? '').includes(input.trim())
                            }
                            aria-label={t('check.certification.name')}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={11} md={6}>
                        <Form.Item
                          name={[field.name, 'validFrom']}
                          rules={[required(t('check.certification.validFrom'))]}
                          style={{ marginBottom: 8 }}
                        >
                          <DatePicker
                            style={{ width: '100%' }}
                            placeholder={t('check.certification.validFrom')}
                            aria-label={t('check.certification.validFrom')}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={11} md={6}>
                        <Form.Item name={[field.name, 'validTo']} style={{ marginBottom: 8 }}>
                          <DatePicker
                            style={{ width: '100%' }}
                            placeholder={t('check.certification.validToPlaceholder')}
                            aria-label={t('check.certification.validTo')}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={2} md={2}>
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          onClick={() => remove(field.name)}
                          aria-label={t('check.remove')}
                          title={t('check.remove')}
                        />
                      </Col>
                    </Row>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({})}
                    disabled={fields.length >= MAX_CERTIFICATIONS}
                    data-testid="check-add-certification"
                  >
                    {t('check.certification.add')}
                  </Button>
                </Flex>
              )}
            </Form.List>

            <Divider titlePlacement="start">{t('check.figures')}</Divider>
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              {t('check.figuresHelp')} {t('check.sizeHelp')}
            </Typography.Paragraph>
            <Form.List name="figures">
              {(fields, { add, remove }) => (
                <Flex vertical gap={12} style={{ marginBottom: 16 }}>
                  {fields.map((field) => (
                    <Card
                      key={field.key}
                      size="small"
                      data-testid="check-year"
                      title={
                        <Form.Item
                          name={[field.name, 'year']}
                          rules={[required(t('check.figures.year'))]}
                          style={{ margin: '8px 0' }}
                        >
                          <InputNumber<number>
                            min={1949}
                            max={2100}
                            precision={0}
                            prefix={t('check.figures.year')}
                            aria-label={t('check.figures.year')}
                            style={{ width: 160 }}
                            data-testid="check-year-input"
                          />
                        </Form.Item>
                      }
                      extra={
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          onClick={() => remove(field.name)}
                          aria-label={t('check.remove')}
                        >
                          {t('check.remove')}
                        </Button>
                      }
                    >
                      <Row gutter={12}>
                        {CHECK_FIGURES.map((figure) => (
                          <Col xs={24} sm={12} key={figure.key}>
                            <Form.Item
                              name={[field.name, figure.key]}
                              label={t(figure.label)}
                              style={{ marginBottom: 12 }}
                            >
                              <InputNumber<number>
                                style={{ width: '100%' }}
                                min={figure.signed ? -1e12 : 0}
                                max={figure.unit === 'persons' ? 10_000_000 : 1e12}
                                precision={figure.integer ? 0 : 2}
                                suffix={t(UNIT_LABELS[figure.unit])}
                                data-testid={`check-${figure.key}`}
                              />
                            </Form.Item>
                          </Col>
                        ))}
                        <Col xs={24} sm={12}>
                          <Form.Item
                            name={[field.name, 'vatTaxpayerType']}
                            label={t('figures.vatTaxpayerType')}
                            style={{ marginBottom: 12 }}
                          >
                            <Select<VatType>
                              allowClear
                              placeholder={t('check.figures.vatPlaceholder')}
                              options={VAT_TYPES.map((value) => ({
                                value,
                                label: t(`figures.vat.${value}`),
                              }))}
                              data-testid="check-vat"
                            />
                          </Form.Item>
                        </Col>
                      </Row>
                    </Card>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    disabled={fields.length >= MAX_YEARS}
                    onClick={() => {
                      const years = (form.getFieldValue('figures') as YearValues[] | undefined)
                        ?.map((row) => row?.year)
                        .filter((year): year is number => typeof year === 'number');
                      add({ year: years && years.length > 0 ? Math.min(...years) - 1 : lastYear });
                    }}
                    data-testid="check-add-year"
                  >
                    {t('check.figures.add')}
                  </Button>
                </Flex>
              )}
            </Form.List>

            {failure ? (
              <Alert
                type="error"
                showIcon
                title={failure.title}
                description={failure.detail}
                style={{ marginBottom: 16 }}
                data-testid="check-error"
              />
            ) : null}
            <Space wrap>
              <Button
                type="primary"
                htmlType="submit"
                size="large"
                loading={checking}
                icon={<SafetyCertificateOutlined />}
                data-testid="check-submit"
              >
                {t('check.submit')}
              </Button>
              <Button
                size="large"
                onClick={() => {
                  form.resetFields();
                  setAnswer(null);
                  setFailure(null);
                }}
              >
                {t('check.clear')}
              </Button>
            </Space>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={10} ref={resultRef}>
        <Card title={t('check.resultTitle')} data-testid="check-result">
          {answer ? (
            <Answer answer={answer.answer} regionGiven={answer.regionGiven} method={policy.method} />
          ) : (
            <Empty description={t('check.noResult')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
