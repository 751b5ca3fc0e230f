/**
 * The enterprise's credit forms: declare a record itself under the credit commitment (自愿填报＋信用承诺), object
 * to a record or ask for a penalty's repair (saying where the answer's time limit comes from), authorise a bank's
 * request, and grant a consent on its own initiative to one named bank (at most a year: the dated figure).
 */
import {
  App as AntApp,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Switch,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { CREDIT_CATEGORIES } from '../../../reference/credit.ts';
import { todayInChina } from '../../../shared/today.ts';
import { get, post } from '../../api/client.ts';
import { type Consent, type CreditRecord, type CreditSetting, DECLARABLE_ITEMS } from '../../api/credit.ts';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { referenceQuery, useApiQuery } from '../../lib/queries.ts';
import { categoryName, settingPeriod, useCreditSubmit } from './creditParts.tsx';

const iso = (day: Dayjs | null | undefined) => (day?.isValid() ? day.format('YYYY-MM-DD') : undefined);

/** The figure of `key` that holds today (the latest from a date not after today), or undefined. */
export function settingOn(
  items: CreditSetting[] | undefined,
  key: string,
  today: string,
): CreditSetting | undefined {
  return (items ?? [])
    .filter((s) => s.key === key && s.effectiveFrom <= today)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

/** The dated figures (public, reference data). */
export function useCreditSettings() {
  return useApiQuery(referenceQuery('/api/credit/settings'));
}

/** The longest consent today, in days (365 when the figure is missing). */
function useConsentMaxDays(): { days: number; setting: CreditSetting | undefined } {
  const settings = useCreditSettings();
  const setting = settingOn(settings.data?.items, 'consent_max_days', todayInChina());
  return { days: setting?.unit === 'days' ? setting.value : 365, setting };
}

// ---- declare ----

interface DeclareValues {
  category: string;
  item: string;
  title: string;
  valueNumber?: number | null;
  valueText?: string | null;
  decidedOn: Dayjs;
  commitment: boolean;
}
const DECLARE_FIELDS = ['category', 'item', 'title', 'valueNumber', 'valueText', 'decidedOn', 'commitment'];

export function DeclareModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DeclareValues>();
  const submit = useCreditSubmit(form, DECLARE_FIELDS);
  const category = Form.useWatch('category', form);
  const itemCode = Form.useWatch('item', form);
  const items = category ? (DECLARABLE_ITEMS[category] ?? []) : [];
  const item = items.find((i) => i.code === itemCode);
  const today = todayInChina();

  const finish = async (values: DeclareValues) => {
    const saved = await submit.run(() =>
      post('/api/my/credit/records', {
        body: {
          category: values.category,
          item: values.item,
          title: values.title.trim(),
          valueNumber: item?.value === 'number' ? (values.valueNumber ?? null) : null,
          valueText: item?.value === 'values' ? (values.valueText ?? null) : null,
          decidedOn: iso(values.decidedOn) ?? '',
          commitment: values.commitment === true,
        },
      }),
    );
    if (saved) {
      void message.success(t('credit.declare.done'));
      onDone();
    }
  };

  return (
    <Modal
      open={open}
      title={t('credit.declare.title')}
      onCancel={onClose}
      okText={t('credit.declare.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'declare-submit' }}
      destroyOnHidden
      width={620}
    >
      <Form<DeclareValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ decidedOn: dayjs(today), commitment: false }}
        onFinish={(values) => void finish(values)}
        data-testid="declare-form"
      >
        <Typography.Paragraph type="secondary">{t('credit.declare.intro')}</Typography.Paragraph>
        {submit.alert}
        <Form.Item
          name="category"
          label={t('credit.declare.category')}
          rules={[{ required: true, message: t('credit.form.required') }]}
        >
          <Select
            data-testid="declare-category"
            onChange={() => form.setFieldsValue({ item: undefined, valueNumber: null, valueText: null })}
            options={CREDIT_CATEGORIES.filter((c) => (DECLARABLE_ITEMS[c.code] ?? []).length > 0).map(
              (c) => ({
                value: c.code,
                label: categoryName(c.code, locale),
              }),
            )}
          />
        </Form.Item>
        <Form.Item
          name="item"
          label={t('credit.declare.item')}
          rules={[{ required: true, message: t('credit.form.required') }]}
        >
          <Select
            data-testid="declare-item"
            disabled={!category}
            options={items.map((i) => ({ value: i.code, label: locale === 'en' ? i.nameEn : i.nameZh }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('credit.declare.titleField')}
          rules={[{ required: true, whitespace: true, message: t('credit.form.required') }]}
        >
          <Input
            maxLength={200}
            placeholder={t('credit.declare.titlePlaceholder')}
            data-testid="declare-title"
          />
        </Form.Item>
        {item?.value === 'number' ? (
          <Form.Item
            name="valueNumber"
            label={t('credit.declare.number')}
            rules={[{ required: true, message: t('credit.form.required') }]}
          >
            <InputNumber<number>
              min={0}
              style={{ width: 240 }}
              suffix={item.unit ? (locale === 'en' ? item.unit.en : item.unit.zh) : undefined}
              data-testid="declare-number"
            />
          </Form.Item>
        ) : null}
        {item?.value === 'values' ? (
          <Form.Item
            name="valueText"
            label={t('credit.declare.value')}
            rules={[{ required: true, message: t('credit.form.required') }]}
          >
            <Select
              data-testid="declare-value"
              options={(item.values ?? []).map((v) => ({ value: v, label: v }))}
              style={{ width: 240 }}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="decidedOn"
          label={t('credit.declare.decidedOn')}
          rules={[{ required: true, message: t('credit.form.required') }]}
        >
          <DatePicker
            style={{ width: 240 }}
            disabledDate={(day) => day.format('YYYY-MM-DD') > today}
            data-testid="declare-date"
          />
        </Form.Item>
        <Typography.Paragraph
          style={{ background: '#fafafa', border: '1px solid #f0f0f0', padding: 12, borderRadius: 6 }}
          data-testid="declare-commitment-text"
        >
          {t('credit.declare.commitmentText')}
        </Typography.Paragraph>
        <Form.Item
          name="commitment"
          valuePropName="checked"
          rules={[
            {
              validator: (_, value) =>
                value ? Promise.resolve() : Promise.reject(new Error(t('credit.declare.commitmentRequired'))),
            },
          ]}
        >
          <Checkbox data-testid="declare-commitment">{t('credit.declare.commitment')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---- objection / repair ----

interface ObjectionValues {
  reason: string;
}

export function ObjectionModal({
  target,
  onClose,
  onDone,
}: {
  target: { record: CreditRecord; kind: 'objection' | 'repair' } | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ObjectionValues>();
  const submit = useCreditSubmit(form, ['reason', 'kind']);
  const settings = useCreditSettings();
  const limit = settingOn(settings.data?.items, 'objection_answer_days', todayInChina());
  const kind = target?.kind ?? 'objection';

  const finish = async (values: ObjectionValues) => {
    if (!target) return;
    const saved = await submit.run(() =>
      post('/api/my/credit/records/:id/objections', {
        params: { id: target.record.id },
        body: { kind, reason: values.reason.trim() },
      }),
    );
    if (saved) {
      void message.success(
        t(kind === 'repair' ? 'credit.objection.repairDone' : 'credit.objection.done', {
          date: formatDate(saved.dueOn, locale),
        }),
      );
      onDone();
    }
  };

  return (
    <Modal
      open={target !== null}
      title={`${t(kind === 'repair' ? 'credit.objection.repairTitle' : 'credit.objection.title')} · ${target?.record.title ?? ''}`}
      onCancel={onClose}
      okText={t('credit.objection.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'objection-submit' }}
      destroyOnHidden
    >
      <Form<ObjectionValues>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(values) => void finish(values)}
      >
        <Typography.Paragraph type="secondary" data-testid="objection-limit">
          {limit
            ? t('credit.objection.limit', {
                period: settingPeriod(limit, t),
                basis: limit.basis,
                date: formatDate(limit.effectiveFrom, locale),
              })
            : t('credit.objection.limitUnknown')}
          {limit && !limit.verified ? ` ${t('credit.settings.unverifiedNote')}` : ''}
        </Typography.Paragraph>
        {submit.alert}
        <Form.Item
          name="reason"
          label={t(kind === 'repair' ? 'credit.objection.repairReason' : 'credit.objection.reason')}
          rules={[
            { required: true, whitespace: true, message: t('credit.form.required') },
            { min: 5, message: t('credit.objection.reasonShort') },
          ]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount data-testid="objection-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---- authorise a bank's request ----

interface AuthoriseValues {
  signerName: string;
  validUntil?: Dayjs | null;
}

export function AuthoriseModal({
  consent,
  onClose,
  onDone,
}: {
  consent: Consent | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AuthoriseValues>();
  const submit = useCreditSubmit(form, ['signerName', 'validUntil']);
  const today = todayInChina();

  const finish = async (values: AuthoriseValues) => {
    if (!consent) return;
    const saved = await submit.run(() =>
      post('/api/my/credit/consents/:id/authorise', {
        params: { id: consent.id },
        body: { signerName: values.signerName.trim(), validUntil: iso(values.validUntil) },
      }),
    );
    if (saved) {
      void message.success(t('credit.consent.authorised'));
      onDone();
    }
  };

  return (
    <Modal
      open={consent !== null}
      title={`${t('credit.consent.authorise')} · ${consent?.institutionName ?? ''}`}
      onCancel={onClose}
      okText={t('credit.consent.authorise')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'authorise-submit' }}
      destroyOnHidden
    >
      {consent ? (
        <Form<AuthoriseValues>
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(values) => void finish(values)}
        >
          <Typography.Paragraph>
            {t('credit.consent.authoriseIntro', {
              bank: consent.institutionName,
              purpose: consent.purpose,
              until: formatDate(consent.validUntil, locale),
            })}
          </Typography.Paragraph>
          {submit.alert}
          <Form.Item
            name="signerName"
            label={t('credit.consent.signer')}
            rules={[{ required: true, whitespace: true, message: t('credit.form.required') }]}
          >
            <Input maxLength={50} data-testid="authorise-signer" />
          </Form.Item>
          <Form.Item
            name="validUntil"
            label={t('credit.consent.shorterUntil')}
            extra={t('credit.consent.shorterHelp')}
          >
            <DatePicker
              style={{ width: 240 }}
              disabledDate={(day) => {
                const text = day.format('YYYY-MM-DD');
                return text < today || text > consent.validUntil;
              }}
              data-testid="authorise-until"
            />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}

// ---- grant on the enterprise's own initiative ----

interface GrantValues {
  institutionId: number | null;
  scope: 'report' | 'check';
  categories: string[];
  includeScore: boolean;
  purpose: string;
  validUntil: Dayjs;
  signerName: string;
}
const GRANT_FIELDS = [
  'institutionId',
  'scope',
  'categories',
  'includeScore',
  'purpose',
  'validUntil',
  'signerName',
];

/** The category checkboxes of a consent form. */
export function CategoryCheckboxes(props: {
  value?: string[];
  onChange?: (value: string[]) => void;
  testId: string;
}) {
  const { locale } = useI18n();
  const options = useMemo(
    () => CREDIT_CATEGORIES.map((c) => ({ value: c.code, label: categoryName(c.code, locale) })),
    [locale],
  );
  return (
    <Checkbox.Group
      value={props.value}
      onChange={(value) => props.onChange?.(value as string[])}
      options={options}
      data-testid={props.testId}
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))', gap: 4 }}
    />
  );
}

/** Scope, categories, evaluation, purpose and end date: the fields a bank's request and a grant share. */
export function ConsentTermsFields({
  prefix,
  maxDays,
  setting,
}: {
  prefix: string;
  maxDays: number;
  setting: CreditSetting | undefined;
}) {
  const { t, locale } = useI18n();
  const today = todayInChina();
  const last = dayjs(today).add(maxDays, 'day').format('YYYY-MM-DD');
  return (
    <>
      <Form.Item
        name="scope"
        label={t('credit.consent.scope')}
        rules={[{ required: true, message: t('credit.form.required') }]}
      >
        <Radio.Group data-testid={`${prefix}-scope`}>
          <Radio value="report">{t('credit.scope.report')}</Radio>
          <Radio value="check">{t('credit.scope.check')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="categories"
        label={t('credit.consent.categories')}
        rules={[{ required: true, type: 'array', min: 1, message: t('credit.consent.categoriesRequired') }]}
      >
        <CategoryCheckboxes testId={`${prefix}-categories`} />
      </Form.Item>
      <Form.Item name="includeScore" label={t('credit.consent.includeScore')} valuePropName="checked">
        <Switch data-testid={`${prefix}-score`} />
      </Form.Item>
      <Form.Item
        name="purpose"
        label={t('credit.consent.purpose')}
        rules={[{ required: true, whitespace: true, message: t('credit.form.required') }]}
      >
        <Input
          maxLength={200}
          placeholder={t('credit.consent.purposePlaceholder')}
          data-testid={`${prefix}-purpose`}
        />
      </Form.Item>
      <Form.Item
        name="validUntil"
        label={t('credit.consent.validUntil')}
        rules={[{ required: true, message: t('credit.form.required') }]}
        extra={
          <span data-testid={`${prefix}-limit`}>
            {t('credit.consent.limit', { date: formatDate(last, locale), days: maxDays })}
            {setting && !setting.verified ? ` ${t('credit.settings.unverifiedNote')}` : ''}
          </span>
        }
      >
        <DatePicker
          style={{ width: 240 }}
          disabledDate={(day) => {
            const text = day.format('YYYY-MM-DD');
            return text <= today || text > last;
          }}
          data-testid={`${prefix}-until`}
        />
      </Form.Item>
    </>
  );
}

export function GrantModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<GrantValues>();
  const submit = useCreditSubmit(form, GRANT_FIELDS);
  const { days, setting } = useConsentMaxDays();
  const today = todayInChina();

  const searchBanks = async (q: string, signal: AbortSignal) => {
    const { items } = await get('/api/credit/institutions', { query: { q }, signal });
    return items.map((i) => ({ value: i.id, label: i.name, description: i.kind }));
  };

  const finish = async (values: GrantValues) => {
    const saved = await submit.run(() =>
      post('/api/my/credit/consents', {
        body: {
          institutionId: values.institutionId ?? 0,
          scope: values.scope,
          categories: values.categories,
          includeScore: values.includeScore,
          purpose: values.purpose.trim(),
          validUntil: iso(values.validUntil) ?? '',
          signerName: values.signerName.trim(),
        },
      }),
    );
    if (saved) {
      void message.success(t('credit.consent.granted'));
      onDone();
    }
  };

  return (
    <Modal
      open={open}
      title={t('credit.consent.grantTitle')}
      onCancel={onClose}
      okText={t('credit.consent.grant')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'grant-submit' }}
      destroyOnHidden
      width={680}
    >
      <Form<GrantValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          scope: 'report',
          categories: [],
          includeScore: false,
          validUntil: dayjs(today).add(Math.min(days, 180), 'day'),
        }}
        onFinish={(values) => void finish(values)}
      >
        <Typography.Paragraph type="secondary">{t('credit.consent.grantIntro')}</Typography.Paragraph>
        {submit.alert}
        <Form.Item
          name="institutionId"
          label={t('credit.consent.bank')}
          rules={[{ required: true, message: t('credit.consent.bankRequired') }]}
        >
          <RemoteSelect
            search={searchBanks}
            placeholder={t('credit.consent.bankPlaceholder')}
            testId="grant-bank"
          />
        </Form.Item>
        <ConsentTermsFields prefix="grant" maxDays={days} setting={setting} />
        <Form.Item
          name="signerName"
          label={t('credit.consent.signer')}
          rules={[{ required: true, whitespace: true, message: t('credit.form.required') }]}
        >
          <Input maxLength={50} data-testid="grant-signer" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The longest consent today for the bank's request form. */
export { useConsentMaxDays };
