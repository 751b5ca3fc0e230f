/**
 * `/size-test` (public): the size self-test (企业规模类型自测), like MIIT's. Under the Chinese standard
 * (工信部联企业〔2011〕300号) the industry and figures in 万元 are entered; under the EU recommendation
 * (2003/361/EC) the headcount and euro amounts. The answer: the class, the category and the reason, with the
 * document cited. A figure the category needs but that was left empty is asked for on its field ("请输入…"), not
 * answered as 无效; Enter in a field moves to the next empty one instead of submitting half a form. Query
 * parameters prefill the form (e.g. `?standard=eu-2003&headcount=12`).
 */
import { CalculatorOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Form, InputNumber, Radio, Row, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, api, type SelfTestInput, type SelfTestResult } from '../api/client.ts';
import { useSession } from '../auth/SessionProvider.tsx';
import { IndustryPicker } from '../components/IndustryPicker.tsx';
import { SizeTag } from '../components/SizeTag.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { isStandardId, STANDARDS, type StandardId } from '../lib/size.ts';

interface SelfTestValues {
  standard: StandardId;
  industryCode?: string;
  employees?: number | null;
  operatingRevenue?: number | null;
  totalAssets?: number | null;
  headcount?: number | null;
  turnover?: number | null;
  balanceSheetTotal?: number | null;
  /** Percent 0–100 (sent as a share 0–1). */
  publicBodyShare?: number | null;
}

const CN_FIELDS = ['industryCode', 'employees', 'operatingRevenue', 'totalAssets'] as const;
/** The Chinese standard's figures as the form names them (a missing main-business revenue is the revenue field). */
const CN_FIGURE_OF: Record<string, 'employees' | 'operatingRevenue' | 'totalAssets'> = {
  employees: 'employees',
  operatingRevenue: 'operatingRevenue',
  mainBusinessRevenue: 'operatingRevenue',
  totalAssets: 'totalAssets',
};
const CN_FIGURE_LABELS = {
  employees: 'figures.employees',
  operatingRevenue: 'figures.operatingRevenue',
  totalAssets: 'figures.totalAssets',
} as const;
const EU_FIELDS = ['headcount', 'turnover', 'balanceSheetTotal', 'publicBodyShare'] as const;
const NUMBER_FIELDS = [
  'employees',
  'operatingRevenue',
  'totalAssets',
  'headcount',
  'turnover',
  'balanceSheetTotal',
  'publicBodyShare',
] as const;

function initialValues(params: URLSearchParams): SelfTestValues {
  const standard = params.get('standard') ?? '';
  const values: SelfTestValues = { standard: isStandardId(standard) ? standard : 'cn-2011' };
  const industry = params.get('industryCode');
  if (industry) values.industryCode = industry;
  for (const key of NUMBER_FIELDS) {
    const text = params.get(key);
    const number = text === null || text === '' ? Number.NaN : Number(text);
    if (Number.isFinite(number)) values[key] = number;
  }
  return values;
}

/** The form's values as the page's address query (so a reload, Back or a shared link shows the same test). */
function queryOf(values: SelfTestValues): URLSearchParams {
  const query = new URLSearchParams({ standard: values.standard });
  if (values.standard !== 'eu-2003' && values.industryCode) query.set('industryCode', values.industryCode);
  for (const key of values.standard === 'eu-2003' ? EU_FIELDS : CN_FIELDS) {
    const value = values[key as keyof SelfTestValues];
    if (typeof value === 'number' && Number.isFinite(value)) query.set(key, String(value));
  }
  return query;
}

/** Whether the address carries figures of a test (then it is run again as the page opens). */
function hasFigures(params: URLSearchParams): boolean {
  return NUMBER_FIELDS.some((key) => (params.get(key) ?? '') !== '');
}

function bodyOf(values: SelfTestValues): SelfTestInput {
  if (values.standard === 'eu-2003') {
    const body: SelfTestInput = {
      standard: 'eu-2003',
      headcount: values.headcount ?? 0,
      turnover: values.turnover ?? 0,
      balanceSheetTotal: values.balanceSheetTotal ?? 0,
    };
    if (values.publicBodyShare !== null && values.publicBodyShare !== undefined)
      body.publicBodyShare = values.publicBodyShare / 100;
    return body;
  }
  return {
    standard: 'cn-2011',
    industryCode: values.industryCode ?? '',
    employees: values.employees ?? null,
    operatingRevenue: values.operatingRevenue ?? null,
    totalAssets: values.totalAssets ?? null,
  };
}

export default function SizeTestPage() {
  const { t, name } = useI18n();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<SelfTestValues>();
  const [initial] = useState(() => initialValues(params));
  const standard = Form.useWatch('standard', form) ?? initial.standard;
  const [result, setResult] = useState<SelfTestResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  /** A figure the category needs that was left empty, and why it is needed. */
  const [needed, setNeeded] = useState<{ label: string; reason: string } | null>(null);

  // A test in the address (a reload, Back, a shared link) is run again as the page opens, once the session is known:
  // signed in, the request needs the CSRF token the session probe brings (sent before it, it is refused with 403).
  const [rerun] = useState(() => hasFigures(params));
  const sessionKnown = useSession().state.status !== 'loading';
  useEffect(() => {
    if (rerun && sessionKnown) form.submit();
  }, [rerun, sessionKnown, form]);

  const resultRef = useRef<HTMLDivElement>(null);
  // On narrow screens the result is below the form: bring it into view.
  useEffect(() => {
    if (result) resultRef.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [result]);

  const fields: readonly string[] = standard === 'eu-2003' ? EU_FIELDS : CN_FIELDS;

  const onFinish = async (values: SelfTestValues) => {
    setParams(queryOf(values), { replace: true });
    setChecking(true);
    setFailure(null);
    setNeeded(null);
    try {
      const answer = await api.selfTest(bodyOf(values));
      form.setFields(fields.map((field) => ({ name: field as keyof SelfTestValues, errors: [] })));
      const figure = answer.field ? CN_FIGURE_OF[answer.field] : undefined;
      if (answer.size === 'invalid' && figure && (values[figure] === null || values[figure] === undefined)) {
        // Not an invalid firm: a figure its category is classified by is still to be entered.
        const label = t(CN_FIGURE_LABELS[figure]);
        setResult(null);
        setNeeded({ label, reason: answer.reason });
        form.setFields([{ name: figure, errors: [t('sizeTest.enter', { field: label })] }]);
        form.focusField(figure);
        return;
      }
      setResult(answer);
      if (answer.size === 'invalid' && answer.field && fields.includes(answer.field))
        form.setFields([{ name: answer.field as keyof SelfTestValues, errors: [answer.reason] }]);
    } catch (error) {
      setResult(null);
      const unmatched = applyFieldErrors(form, error, fields);
      const text = error instanceof Error ? error.message : String(error);
      setFailure(
        error instanceof ApiError && error.errors.length > 0 && unmatched.length === 0
          ? text
          : [text, ...unmatched].join('；'),
      );
    } finally {
      setChecking(false);
    }
  };

  const money = (unit: string) => ({
    style: { width: '100%' },
    min: 0,
    max: 1e12,
    precision: 2,
    suffix: unit,
  });

  return (
    <div style={{ maxWidth: 1200, margin: '0 auto', padding: '32px 24px 48px' }}>
      <Flex vertical gap={4} style={{ marginBottom: 24 }}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="size-test-title">
          <CalculatorOutlined style={{ color: '#1458c4' }} /> {t('sizeTest.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('sizeTest.subtitle')}</Typography.Text>
      </Flex>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={13}>
          <Card>
            <Form<SelfTestValues>
              form={form}
              layout="vertical"
              initialValues={initial}
              onFinish={(values) => void onFinish(values)}
              onValuesChange={(changed: Partial<SelfTestValues>) => {
                if (changed.standard) {
                  setResult(null);
                  setFailure(null);
                  setNeeded(null);
                }
              }}
              onKeyDown={(event) => {
                // Enter in a figure moves on to the next empty one; the form is sent once all are filled.
                const target = event.target as HTMLElement;
                if (
                  event.key !== 'Enter' ||
                  target.tagName !== 'INPUT' ||
                  target.getAttribute('role') === 'combobox'
                )
                  return;
                const inputs = [
                  ...event.currentTarget.querySelectorAll<HTMLInputElement>('input.ant-input-number-input'),
                ];
                const nextEmpty = inputs
                  .slice(inputs.indexOf(target as HTMLInputElement) + 1)
                  .find((i) => !i.value);
                if (nextEmpty) {
                  event.preventDefault();
                  nextEmpty.focus();
                }
              }}
              data-testid="size-test-form"
            >
              <Form.Item name="standard" label={t('sizeTest.standard')}>
                <Radio.Group
                  data-testid="size-test-standard"
                  options={(Object.keys(STANDARDS) as StandardId[]).map((id) => ({
                    value: id,
                    label: t(STANDARDS[id].label),
                  }))}
                  style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
                />
              </Form.Item>
              {standard === 'eu-2003' ? (
                <>
                  <Alert type="info" showIcon title={t('sizeTest.euHelp')} style={{ marginBottom: 16 }} />
                  <Form.Item
                    name="headcount"
                    label={t('sizeTest.headcount')}
                    extra={t('sizeTest.headcountHelp')}
                    rules={[
                      { required: true, message: t('form.required', { field: t('sizeTest.headcount') }) },
                    ]}
                  >
                    <InputNumber<number>
                      style={{ width: '100%' }}
                      min={0}
                      max={10_000_000}
                      step={0.5}
                      suffix={t('sizeTest.awu')}
                      data-testid="size-test-headcount"
                    />
                  </Form.Item>
                  <Form.Item
                    name="turnover"
                    label={t('sizeTest.turnover')}
                    rules={[
                      { required: true, message: t('form.required', { field: t('sizeTest.turnover') }) },
                    ]}
                  >
                    <InputNumber<number> {...money('€')} data-testid="size-test-turnover" />
                  </Form.Item>
                  <Form.Item
                    name="balanceSheetTotal"
                    label={t('sizeTest.balanceSheetTotal')}
                    rules={[
                      {
                        required: true,
                        message: t('form.required', { field: t('sizeTest.balanceSheetTotal') }),
                      },
                    ]}
                  >
                    <InputNumber<number> {...money('€')} data-testid="size-test-balance-sheet" />
                  </Form.Item>
                  <Form.Item
                    name="publicBodyShare"
                    label={`${t('sizeTest.publicBodyShare')}${t('common.optional')}`}
                    extra={t('sizeTest.publicBodyShareHelp')}
                  >
                    <InputNumber<number>
                      style={{ width: '100%' }}
                      min={0}
                      max={100}
                      precision={1}
                      suffix="%"
                    />
                  </Form.Item>
                </>
              ) : (
                <>
                  <Form.Item
                    name="industryCode"
                    label={t('sizeTest.industry')}
                    extra={t('sizeTest.industryHelp')}
                    rules={[
                      { required: true, message: t('form.required', { field: t('sizeTest.industry') }) },
                    ]}
                  >
                    <IndustryPicker
                      maxLevel="group"
                      placeholder={t('sizeTest.industryPlaceholder')}
                      testId="size-test-industry"
                    />
                  </Form.Item>
                  <Form.Item name="employees" label={t('figures.employees')}>
                    <InputNumber<number>
                      style={{ width: '100%' }}
                      min={0}
                      max={10_000_000}
                      precision={0}
                      suffix={t('unit.persons')}
                      data-testid="size-test-employees"
                    />
                  </Form.Item>
                  <Form.Item name="operatingRevenue" label={t('figures.operatingRevenue')}>
                    <InputNumber<number> {...money(t('unit.wan'))} data-testid="size-test-revenue" />
                  </Form.Item>
                  <Form.Item name="totalAssets" label={t('figures.totalAssets')}>
                    <InputNumber<number> {...money(t('unit.wan'))} data-testid="size-test-assets" />
                  </Form.Item>
                  <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                    {t('sizeTest.cnHelp')}
                  </Typography.Paragraph>
                </>
              )}
              {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
              <Button
                type="primary"
                htmlType="submit"
                size="large"
                loading={checking}
                icon={<CalculatorOutlined />}
                data-testid="size-test-submit"
              >
                {t('sizeTest.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={11} ref={resultRef}>
          {needed && !result ? (
            <Card title={t('sizeTest.resultTitle')}>
              <Alert
                type="info"
                showIcon
                title={t('sizeTest.enter', { field: needed.label })}
                description={needed.reason}
                data-testid="size-test-needed"
              />
            </Card>
          ) : result ? (
            <Card title={t('sizeTest.resultTitle')} data-testid="size-test-result">
              <Flex vertical gap={16}>
                <Flex align="center" gap={16} wrap>
                  <SizeTag size={result.size} big testId="size-test-size" />
                  {result.category ? (
                    <Typography.Text style={{ fontSize: 16 }} data-testid="size-test-category">
                      {t('sizeTest.category', { category: name(result.category) })}
                    </Typography.Text>
                  ) : null}
                </Flex>
                <Typography.Paragraph style={{ fontSize: 15, margin: 0 }} data-testid="size-test-reason">
                  {result.reason}
                </Typography.Paragraph>
                <Typography.Text type="secondary" data-testid="size-test-document">
                  {t(result.standard === 'eu-2003' ? 'sizeTest.basisEu' : 'sizeTest.basisCn', {
                    document: result.documentNumber,
                  })}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('sizeTest.disclaimer')}
                </Typography.Text>
              </Flex>
            </Card>
          ) : (
            <Card title={t('sizeTest.resultTitle')}>
              <Empty description={t('sizeTest.noResult')} />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
