/**
 * The form of an enterprise's financing demand (issue 15): the amount in 万元, the term, at most three of the
 * thirteen purposes (the form refuses a fourth), a description of at most 250 characters with its counter, the
 * collateral offered, the highest acceptable rate, whether the bank that picks it up may see who the enterprise is,
 * and whether one bank at a time handles it. Opened from "my demands", from a product (an application to it), or
 * from a receivable its debtor confirmed (receivables financing: the receivable backs the demand, offered as
 * collateral, with the products of kind receivables serving the enterprise to apply to). An application says what
 * the enterprise misses of the product's conditions when it does not qualify, and names the collateral the
 * product's kind takes (one of them is required, and chosen already when there is only one).
 */
import { Alert, Flex, Form, Input, Select, Switch, Tag, Typography } from 'antd';
import {
  COLLATERAL,
  MAX_DESCRIPTION,
  MAX_PURPOSES,
  PURPOSES,
  productKind,
} from '../../../reference/financing.ts';
import {
  type DemandDetail,
  type DemandInput,
  type Fit,
  financingApi,
  financingQueries,
  type Product,
  type Receivable,
} from '../../api/financing.ts';
import { ExplanationTree } from '../../components/ExplanationTree.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useApiQuery } from '../../lib/queries.ts';
import { useFinancingRules } from './financingForm.tsx';
import { compareDecimal, formatWanRange, formatYuan, isDecimal, yuanToWan } from './financingFormat.ts';
import {
  DEBTOR_KINDS,
  PRODUCT_KINDS,
  useFinancingSubmit,
  useTermName,
  useTermOptions,
} from './financingParts.tsx';

interface DemandValues {
  amount: string;
  termMonths: string;
  purposes: string[];
  description: string;
  collateral: string[];
  maxRate?: string;
  showProfile: boolean;
  exclusive: boolean;
  productId?: number;
}

const FIELDS = [
  'amount',
  'termMonths',
  'purposes',
  'description',
  'collateral',
  'maxRate',
  'showProfile',
  'exclusive',
  'productId',
];

export function DemandModal({
  product,
  fit = null,
  receivable = null,
  onClose,
  onDone,
}: {
  /** Applying to this product (its bank sees the demand first). */
  product: Product | null;
  /** Whether the enterprise qualifies for that product, as the products page read it. */
  fit?: Fit | null;
  /** Financing this confirmed receivable. */
  receivable?: Receivable | null;
  onClose: () => void;
  onDone: (detail: DemandDetail) => void;
}) {
  const { t, locale } = useI18n();
  const termName = useTermName();
  const suggested = useApiQuery({
    ...financingQueries.myProducts({ kind: 'receivables', outcome: 'all', page: 1, pageSize: 50 }),
    enabled: receivable !== null,
  });
  const [form] = Form.useForm<DemandValues>();
  const submit = useFinancingSubmit(form, FIELDS);
  const purposeOptions = useTermOptions(PURPOSES);
  // The collateral the product's kind takes (one of them is needed), listed first; null when it takes none.
  const accepts = product ? (productKind(product.kind)?.accepts ?? null) : null;
  const collateralOptions = [...useTermOptions(COLLATERAL)].sort(
    (a, b) => Number(accepts?.includes(b.value) ?? false) - Number(accepts?.includes(a.value) ?? false),
  );
  const list = (codes: readonly string[]) =>
    codes.map((code) => termName(COLLATERAL, code)).join(locale === 'en' ? ', ' : '、');
  const accepted = accepts ? list(accepts) : '';
  const chosen: string[] = Form.useWatch('purposes', form) ?? [];
  const rules = useFinancingRules();
  const required = rules.required;
  const decimal = rules.decimal();
  // Applying to a product: an amount or a term outside its ranges is said (not refused; the bank may still answer).
  const amountRange = product
    ? [
        {
          warningOnly: true,
          validator: (_: unknown, value: string | undefined) =>
            !product || !isDecimal(value) || value === undefined
              ? Promise.resolve()
              : compareDecimal(value.trim(), product.amountMin) < 0 ||
                  compareDecimal(value.trim(), product.amountMax) > 0
                ? Promise.reject(
                    new Error(
                      t('financing.demandForm.outsideAmount', {
                        range: formatWanRange(product.amountMin, product.amountMax, locale),
                      }),
                    ),
                  )
                : Promise.resolve(),
        },
      ]
    : [];
  const termRange = product
    ? [
        {
          warningOnly: true,
          validator: (_: unknown, value: string | undefined) =>
            !product || !value || !/^\d{1,3}$/.test(value)
              ? Promise.resolve()
              : Number(value) < product.termMinMonths || Number(value) > product.termMaxMonths
                ? Promise.reject(
                    new Error(
                      t('financing.demandForm.outsideTerm', {
                        min: product.termMinMonths,
                        max: product.termMaxMonths,
                      }),
                    ),
                  )
                : Promise.resolve(),
        },
      ]
    : [];
  const finish = async (values: DemandValues) => {
    const body: DemandInput = {
      amount: values.amount.trim(),
      termMonths: Number(values.termMonths),
      purposes: values.purposes,
      description: values.description.trim(),
      collateral: values.collateral ?? [],
      maxRate: values.maxRate?.trim() ? values.maxRate.trim() : null,
      showProfile: values.showProfile,
      exclusive: values.exclusive,
    };
    if (product) body.productId = product.id;
    else if (values.productId) body.productId = values.productId;
    if (receivable) body.receivableId = receivable.id;
    const saved = await submit.run(() => financingApi.postDemand(body));
    if (saved) onDone(saved);
  };
  return (
    <FormModal<DemandValues>
      form={form}
      title={
        receivable
          ? t('financing.demandForm.receivableTitle')
          : product
            ? t('financing.demandForm.applyTitle', { name: product.name })
            : t('financing.demandForm.title')
      }
      okText={t('financing.demandForm.submit')}
      okTestId="demand-submit"
      saving={submit.saving}
      width={680}
      onClose={onClose}
      testId="demand-form"
      initialValues={{
        purposes: receivable ? ['working_capital'] : [],
        collateral: receivable ? ['receivables'] : accepts?.length === 1 ? [...accepts] : [],
        showProfile: false,
        exclusive: true,
        termMonths: product ? String(product.termMinMonths) : receivable ? '6' : '12',
        amount: product
          ? product.amountMin
          : receivable
            ? yuanToWan(receivable.confirmedAmount ?? receivable.amount)
            : undefined,
      }}
      onFinish={(values) => void finish(values)}
    >
      {product ? (
        <Alert
          type="info"
          showIcon
          title={t('financing.demandForm.applyIntro', { bank: product.institutionName })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {product && fit && fit.outcome !== 'eligible' ? <FitWarning fit={fit} /> : null}
      {product && accepts ? (
        <Alert
          type="warning"
          showIcon
          data-testid="demand-apply-collateral"
          title={t('financing.demandForm.applyCollateral', {
            kind: termName(PRODUCT_KINDS, product.kind),
            accepted,
          })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {receivable ? (
        <Alert
          type="success"
          showIcon
          data-testid="demand-receivable"
          title={t('financing.demandForm.receivableIntro', {
            debtor: receivable.debtorName,
            kind: termName(DEBTOR_KINDS, receivable.debtorKind),
            amount: formatYuan(receivable.confirmedAmount ?? receivable.amount, locale),
            contract: receivable.contractNumber,
          })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {submit.alert}
      {receivable ? (
        <Form.Item
          name="productId"
          label={t('financing.demandForm.receivableProduct')}
          extra={t('financing.demandForm.receivableProductHelp')}
        >
          <Select<number>
            allowClear
            loading={suggested.loading}
            data-testid="demand-product"
            placeholder={t('financing.demandForm.receivableProductNone')}
            notFoundContent={t('financing.demandForm.receivableProductEmpty')}
            options={(suggested.data?.items ?? []).map(({ product: p, fit }) => ({
              value: p.id,
              label: (
                <span>
                  {p.name} · {p.institutionName}{' '}
                  <Tag color={fit.outcome === 'eligible' ? 'green' : 'default'}>
                    {t(`financing.fit.${fit.outcome}`)}
                  </Tag>
                </span>
              ),
              title: `${p.name} · ${p.institutionName}`,
            }))}
          />
        </Form.Item>
      ) : null}
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item
          name="amount"
          label={t('financing.demand.amount')}
          rules={[required, decimal, ...amountRange]}
          style={{ flex: '1 1 180px' }}
        >
          <Input suffix={t('financing.unit.wan')} data-testid="demand-amount-input" />
        </Form.Item>
        <Form.Item
          name="termMonths"
          label={t('financing.demand.term')}
          rules={[
            required,
            {
              validator: (_: unknown, value: string | undefined) =>
                !value || (/^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 360)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('financing.demandForm.termRange'))),
            },
            ...termRange,
          ]}
          style={{ flex: '1 1 140px' }}
        >
          <Input suffix={t('financing.unit.months')} inputMode="numeric" data-testid="demand-term-input" />
        </Form.Item>
        <Form.Item
          name="maxRate"
          label={t('financing.demand.maxRate')}
          extra={t('financing.demandForm.maxRateHelp')}
          rules={[decimal]}
          style={{ flex: '1 1 160px' }}
        >
          <Input suffix="%" data-testid="demand-max-rate" />
        </Form.Item>
      </div>
      <Form.Item
        name="purposes"
        label={t('financing.demand.purposes')}
        extra={
          <span data-testid="demand-purposes-count">
            {t('financing.demandForm.purposesCount', { count: chosen.length, max: MAX_PURPOSES })}
          </span>
        }
        rules={[
          { required: true, type: 'array', min: 1, message: t('financing.demandForm.purposesRequired') },
          {
            type: 'array',
            max: MAX_PURPOSES,
            message: t('financing.demandForm.purposesMax', { max: MAX_PURPOSES }),
          },
        ]}
      >
        <Select
          mode="multiple"
          data-testid="demand-purposes"
          placeholder={t('financing.demandForm.purposesPlaceholder', { max: MAX_PURPOSES })}
          options={purposeOptions.map((option) => ({
            ...option,
            disabled: chosen.length >= MAX_PURPOSES && !chosen.includes(option.value),
          }))}
        />
      </Form.Item>
      <Form.Item name="description" label={t('financing.demand.description')} rules={[rules.requiredText]}>
        <Input.TextArea
          rows={4}
          maxLength={MAX_DESCRIPTION}
          showCount={{
            formatter: ({ count, maxLength }) => (
              <span data-testid="demand-description-count">{`${count} / ${maxLength ?? MAX_DESCRIPTION}`}</span>
            ),
          }}
          placeholder={t('financing.demandForm.descriptionPlaceholder')}
          data-testid="demand-description"
        />
      </Form.Item>
      <Form.Item
        name="collateral"
        label={t('financing.demand.collateral')}
        extra={accepts ? undefined : t('financing.demandForm.collateralHelp')}
        required={accepts !== null}
        rules={
          accepts
            ? [
                {
                  validator: (_: unknown, value: string[] | undefined) =>
                    (value ?? []).some((code) => accepts.includes(code))
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('financing.demandForm.collateralNeeded', { accepted }))),
                },
              ]
            : []
        }
      >
        <Select mode="multiple" allowClear options={collateralOptions} data-testid="demand-collateral" />
      </Form.Item>
      <Form.Item
        name="showProfile"
        label={t('financing.demandForm.showProfile')}
        valuePropName="checked"
        extra={t('financing.demandForm.showProfileHelp')}
      >
        <Switch data-testid="demand-show-profile" />
      </Form.Item>
      <Form.Item
        name="exclusive"
        label={t('financing.demandForm.exclusive')}
        valuePropName="checked"
        extra={t('financing.demandForm.exclusiveHelp')}
      >
        <Switch data-testid="demand-exclusive" />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
        {t('financing.demandForm.privacy')}
      </Typography.Paragraph>
    </FormModal>
  );
}

/** What the enterprise misses of a product it applies to: the conditions it fails, each explained, or the facts missing. */
function FitWarning({ fit }: { fit: Fit }) {
  const { t, locale } = useI18n();
  const failed = fit.conditions.filter((condition) => condition.result === false);
  const missing = fit.missing.map((m) => (locale === 'en' ? m.en : m.zh)).join(locale === 'en' ? ', ' : '、');
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="demand-apply-fit"
      data-outcome={fit.outcome}
      title={t(
        fit.outcome === 'unknown'
          ? 'financing.demandForm.applyUnknown'
          : 'financing.demandForm.applyNotEligible',
      )}
      description={
        <Flex vertical gap={4}>
          {fit.nearMiss ? (
            <Typography.Text data-testid="demand-apply-near-miss">
              {t('financing.fit.nearMiss', {
                text: locale === 'en' ? fit.nearMiss.text.en : fit.nearMiss.text.zh,
              })}
            </Typography.Text>
          ) : null}
          {failed.map((condition, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity beyond their place
            <ExplanationTree key={i} explanation={condition} />
          ))}
          {missing ? (
            <Typography.Text>{t('financing.fit.missing', { facts: missing })}</Typography.Text>
          ) : null}
        </Flex>
      }
      style={{ marginBottom: 12 }}
    />
  );
}
