/**
 * `/app/bank/financing/products` (a bank): the institution's loan products (issue 15) — a paged list filtered by
 * status and kind with a search, a form to publish or change a product (amounts in 万元 and rates in percent as
 * typed, the guarantee fee only for a guaranteed loan, the regions served, who qualifies as a rule in the policy
 * rule language written as JSON), and withdrawal after a confirmation. A fee above the guide is said, not refused.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Flex,
  Form,
  Input,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { PRODUCT_KINDS } from '../../../reference/financing.ts';
import {
  financingApi,
  financingQueries,
  type Product,
  type ProductInput,
  type ProductKindCode,
} from '../../api/financing.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { SearchBox, useSearchPaging } from '../../components/PagedTable.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { jsonErrorPosition } from '../../lib/jsonPosition.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { MonthsInput, useFinancingRules } from './financingForm.tsx';
import { formatRate, formatRateRange, formatWanRange, parseRuleText, ruleText } from './financingFormat.ts';
import { ListCard, ListTable } from './financingList.tsx';
import { PageHeading, useFinancingSubmit, useTermName, useTermOptions } from './financingParts.tsx';

type Status = 'published' | 'withdrawn';

export default function BankProductsPage() {
  const { t, locale } = useI18n();
  const { modal, message } = AntApp.useApp();
  const name = useTermName();
  const kindOptions = useTermOptions(PRODUCT_KINDS);
  const paging = useSearchPaging(20);
  const [status, setStatus] = useState<Status | undefined>('published');
  const [kind, setKind] = useState<ProductKindCode | undefined>(undefined);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const list = useApiQuery(
    financingQueries.bankProducts({
      page: paging.page,
      pageSize: paging.pageSize,
      status,
      kind,
      q: paging.q || undefined,
    }),
    { keepPrevious: true },
  );

  const withdraw = (product: Product) =>
    modal.confirm({
      title: t('financing.product.withdrawTitle', { name: product.name }),
      content: t('financing.product.withdrawConfirm'),
      okText: t('financing.product.withdraw'),
      okButtonProps: { danger: true, 'data-testid': 'product-withdraw-ok' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await financingApi.withdrawProduct(product.id, product.version);
          void message.success(t('financing.product.withdrawn'));
          list.reload();
        } catch (error) {
          void message.error(error instanceof Error ? error.message : String(error));
        }
      },
    });

  const columns: TableColumnsType<Product> = [
    {
      title: t('financing.product.name'),
      dataIndex: 'name',
      render: (value: string, product) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{value}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {name(PRODUCT_KINDS, product.kind)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('financing.product.amount'),
      key: 'amount',
      width: 170,
      render: (_, p) => formatWanRange(p.amountMin, p.amountMax, locale),
    },
    {
      title: t('financing.product.term'),
      key: 'term',
      width: 130,
      render: (_, p) => t('financing.monthsRange', { min: p.termMinMonths, max: p.termMaxMonths }),
    },
    {
      title: t('financing.product.rate'),
      key: 'rate',
      width: 150,
      render: (_, p) => (
        <Flex vertical gap={2}>
          <span>{formatRateRange(p.rateMin, p.rateMax)}</span>
          {p.guaranteeFeeRate !== null ? (
            <Space size={4}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('financing.product.feeShort', { rate: formatRate(p.guaranteeFeeRate) })}
              </Typography.Text>
              {p.feeAboveGuide ? (
                <Tooltip title={t('financing.product.feeAboveGuide')}>
                  <Tag color="orange" data-testid="product-fee-above-guide">
                    {t('financing.product.feeAboveGuideShort')}
                  </Tag>
                </Tooltip>
              ) : null}
            </Space>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('financing.product.regions'),
      dataIndex: 'regions',
      render: (regions: string[]) => (
        <Space size={[4, 4]} wrap>
          {regions.map((code) => (
            <Tag key={code}>
              <RegionName code={code} />
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('financing.product.status'),
      dataIndex: 'status',
      width: 100,
      render: (value: Status) => (
        <Tag color={value === 'published' ? 'green' : 'default'}>
          {t(`financing.product.status.${value}`)}
        </Tag>
      ),
    },
    {
      title: t('financing.product.updatedAt'),
      dataIndex: 'updatedAt',
      width: 170,
      render: (value: string) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(value, locale)}</span>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, product) =>
        product.status === 'published' ? (
          <Space size={4}>
            <Button
              size="small"
              onClick={() => setEditing(product)}
              data-testid={`product-edit-${product.id}`}
            >
              {t('common.edit')}
            </Button>
            <Button
              size="small"
              danger
              onClick={() => withdraw(product)}
              data-testid={`product-withdraw-${product.id}`}
            >
              {t('financing.product.withdraw')}
            </Button>
          </Space>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('financing.bankProducts.title')}
        intro={t('financing.bankProducts.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="product-new"
          >
            {t('financing.product.new')}
          </Button>
        }
      />
      <ListCard
        list={list}
        toolbar={
          <>
            <Select<Status | 'all'>
              style={{ width: 140 }}
              value={status ?? 'all'}
              onChange={(value) => {
                setStatus(value === 'all' ? undefined : value);
                paging.toFirstPage();
              }}
              options={[
                { value: 'all', label: t('financing.product.status.all') },
                { value: 'published', label: t('financing.product.status.published') },
                { value: 'withdrawn', label: t('financing.product.status.withdrawn') },
              ]}
              aria-label={t('financing.product.status')}
              data-testid="products-status"
            />
            <Select<ProductKindCode>
              allowClear
              style={{ width: 240 }}
              placeholder={t('financing.product.kindAll')}
              value={kind}
              onChange={(value) => {
                setKind(value);
                paging.toFirstPage();
              }}
              options={kindOptions}
              aria-label={t('financing.product.kind')}
              data-testid="products-kind"
            />
            <SearchBox
              query={paging.q}
              onSearch={paging.search}
              placeholder={t('financing.product.search')}
              style={{ width: 260 }}
              maxLength={60}
            />
            <ReloadButton query={list} />
          </>
        }
      >
        <ListTable<Product>
          rowKey="id"
          columns={columns}
          data={list.data}
          loading={list.loading}
          scroll={{ x: 1100 }}
          onRow={(p) => ({ 'data-testid': 'product-row', 'data-product-id': p.id }) as object}
          emptyText={t('financing.bankProducts.empty')}
          paging={paging}
          data-testid="products-table"
        />
      </ListCard>
      {editing !== null ? (
        <ProductModal
          product={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onDone={(saved) => {
            setEditing(null);
            void message.success(t('financing.product.saved', { name: saved.name }));
            if (saved.feeAboveGuide) void message.warning(t('financing.product.feeAboveGuide'));
            list.reload();
          }}
        />
      ) : null}
    </Flex>
  );
}

interface ProductValues {
  name: string;
  kind: ProductKindCode;
  description?: string;
  amountMin: string;
  amountMax: string;
  termMinMonths: number;
  termMaxMonths: number;
  rateMin: string;
  rateMax: string;
  guaranteeFeeRate?: string;
  regions: string[];
  rule?: string;
}

const FIELDS = [
  'name',
  'kind',
  'description',
  'amountMin',
  'amountMax',
  'termMinMonths',
  'termMaxMonths',
  'rateMin',
  'rateMax',
  'guaranteeFeeRate',
  'regions',
  'rule',
] as const;

const RULE_EXAMPLE =
  '{\n  "all": [\n    { "compare": [{ "age": "years" }, ">=", 2] },\n    { "size": ["small", "micro"] }\n  ]\n}';

function ProductModal({
  product,
  onClose,
  onDone,
}: {
  product: Product | null;
  onClose: () => void;
  onDone: (saved: Product) => void;
}) {
  const { t } = useI18n();
  const kindOptions = useTermOptions(PRODUCT_KINDS);
  const [form] = Form.useForm<ProductValues>();
  const submit = useFinancingSubmit(form, FIELDS);
  const kind = Form.useWatch('kind', form);
  const regions = Form.useWatch('regions', form) ?? [];
  const [picking, setPicking] = useState<string[] | undefined>(undefined);
  const { required, decimal } = useFinancingRules();

  const finish = async (values: ProductValues) => {
    const parsed = parseRuleText(values.rule);
    if ('error' in parsed) {
      const at = jsonErrorPosition(values.rule ?? '');
      form.setFields([
        {
          name: 'rule',
          errors: [at ? t('financing.product.ruleInvalidAt', at) : t('financing.product.ruleInvalid')],
        },
      ]);
      return;
    }
    const body: ProductInput = {
      name: values.name.trim(),
      kind: values.kind,
      description: values.description?.trim() ?? '',
      amountMin: values.amountMin.trim(),
      amountMax: values.amountMax.trim(),
      termMinMonths: values.termMinMonths,
      termMaxMonths: values.termMaxMonths,
      rateMin: values.rateMin.trim(),
      rateMax: values.rateMax.trim(),
      guaranteeFeeRate:
        values.kind === 'guarantee' && values.guaranteeFeeRate?.trim()
          ? values.guaranteeFeeRate.trim()
          : null,
      regions: values.regions,
      rule: parsed.rule,
    };
    const saved = await submit.run(() =>
      product
        ? financingApi.changeProduct(product.id, { ...body, version: product.version })
        : financingApi.createProduct(body),
    );
    if (saved) onDone(saved);
  };

  return (
    <FormModal<ProductValues>
      form={form}
      title={product ? t('financing.product.editTitle', { name: product.name }) : t('financing.product.new')}
      okText={product ? t('common.save') : t('financing.product.publish')}
      okTestId="product-submit"
      saving={submit.saving}
      width={760}
      onClose={onClose}
      testId="product-form"
      initialValues={
        product
          ? {
              name: product.name,
              kind: product.kind,
              description: product.description,
              amountMin: product.amountMin,
              amountMax: product.amountMax,
              termMinMonths: product.termMinMonths,
              termMaxMonths: product.termMaxMonths,
              rateMin: product.rateMin,
              rateMax: product.rateMax,
              guaranteeFeeRate: product.guaranteeFeeRate ?? undefined,
              regions: product.regions,
              rule: ruleText(product.rule),
            }
          : { kind: 'credit', regions: [], termMinMonths: 1, termMaxMonths: 12 }
      }
      onFinish={(values) => void finish(values)}
    >
      {submit.alert}
      <Flex gap={12} wrap>
        <Form.Item
          name="name"
          label={t('financing.product.name')}
          rules={[required]}
          style={{ flex: '2 1 260px' }}
        >
          <Input maxLength={60} data-testid="product-name" />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('financing.product.kind')}
          rules={[required]}
          style={{ flex: '1 1 220px' }}
        >
          <Select options={kindOptions} data-testid="product-kind" />
        </Form.Item>
      </Flex>
      <Form.Item name="description" label={t('financing.product.description')}>
        <Input.TextArea rows={2} maxLength={1000} showCount data-testid="product-description" />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="amountMin"
          label={t('financing.product.amountMin')}
          rules={[required, decimal()]}
          style={{ flex: '1 1 160px' }}
        >
          <Input suffix={t('financing.unit.wan')} data-testid="product-amount-min" />
        </Form.Item>
        <Form.Item
          name="amountMax"
          label={t('financing.product.amountMax')}
          rules={[required, decimal()]}
          style={{ flex: '1 1 160px' }}
        >
          <Input suffix={t('financing.unit.wan')} data-testid="product-amount-max" />
        </Form.Item>
        <Form.Item
          name="termMinMonths"
          label={t('financing.product.termMin')}
          rules={[required]}
          style={{ flex: '1 1 120px' }}
        >
          <MonthsInput testId="product-term-min" />
        </Form.Item>
        <Form.Item
          name="termMaxMonths"
          label={t('financing.product.termMax')}
          rules={[required]}
          style={{ flex: '1 1 120px' }}
        >
          <MonthsInput testId="product-term-max" />
        </Form.Item>
      </Flex>
      <Flex gap={12} wrap>
        <Form.Item
          name="rateMin"
          label={t('financing.product.rateMin')}
          rules={[required, decimal(100, { zero: true })]}
          style={{ flex: '1 1 140px' }}
        >
          <Input suffix="%" data-testid="product-rate-min" />
        </Form.Item>
        <Form.Item
          name="rateMax"
          label={t('financing.product.rateMax')}
          rules={[required, decimal(100, { zero: true })]}
          style={{ flex: '1 1 140px' }}
        >
          <Input suffix="%" data-testid="product-rate-max" />
        </Form.Item>
        {kind === 'guarantee' ? (
          <Form.Item
            name="guaranteeFeeRate"
            label={t('financing.product.guaranteeFee')}
            tooltip={t('financing.product.guaranteeFeeHelp')}
            rules={[decimal(100, { zero: true })]}
            style={{ flex: '1 1 160px' }}
          >
            <Input suffix="%" data-testid="product-fee" />
          </Form.Item>
        ) : null}
      </Flex>
      {product?.feeAboveGuide ? (
        <Alert
          type="warning"
          showIcon
          title={t('financing.product.feeAboveGuide')}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Form.Item
        name="regions"
        label={t('financing.product.regions')}
        extra={t('financing.product.regionsHelp')}
        rules={[{ required: true, type: 'array', min: 1, message: t('financing.product.regionsRequired') }]}
      >
        <Select
          mode="tags"
          open={false}
          tokenSeparators={[',', ' ', '，']}
          placeholder={t('financing.product.regionsPlaceholder')}
          data-testid="product-regions"
          tagRender={({ value, closable, onClose }) => (
            <Tag closable={closable} onClose={onClose} style={{ marginInlineEnd: 4 }}>
              <RegionName code={String(value)} full />
            </Tag>
          )}
        />
      </Form.Item>
      <Flex gap={8} align="center" style={{ marginTop: -12, marginBottom: 16 }}>
        <div style={{ flex: 1 }}>
          <RegionCascader
            value={picking}
            onChange={setPicking}
            placeholder={t('financing.product.regionPick')}
            testId="product-region-pick"
          />
        </div>
        <Button
          disabled={!picking || picking.length === 0}
          onClick={() => {
            const code = picking?.at(-1);
            if (code && !regions.includes(code)) form.setFieldValue('regions', [...regions, code]);
            setPicking(undefined);
          }}
          data-testid="product-region-add"
        >
          {t('financing.product.regionAdd')}
        </Button>
      </Flex>
      <Form.Item
        name="rule"
        label={t('financing.product.rule')}
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('financing.product.ruleHelp')}{' '}
            <Typography.Text code>{RULE_EXAMPLE.replace(/\s+/g, ' ')}</Typography.Text>
          </Typography.Text>
        }
      >
        <Input.TextArea
          rows={6}
          className="huiqi-mono"
          spellCheck={false}
          placeholder={RULE_EXAMPLE}
          data-testid="product-rule"
        />
      </Form.Item>
    </FormModal>
  );
}
