/**
 * `/financing/settings` (anyone) and `/app/financing/settings` (officials, admins): the dated figures of financing
 * matchmaking (issue 15) — the pickup, contact, decision and confirmation periods, the ceiling of an inclusive loan
 * and the guarantee fee guide — each by region ('' national), from a date, with its unit, its basis and whether it
 * is verified (an unverified figure says 待核实 with its basis). Admins add a dated row of any figure; an official
 * the pickup period of a region within their own.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Select,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { todayInChina } from '../../../shared/today.ts';
import {
  type FinancingSetting,
  type FinancingSettingKey,
  financingApi,
  financingQueries,
  SETTING_KEYS,
} from '../../api/financing.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import type { Locale, MessageKey } from '../../i18n/core.ts';
import { type TFunction, useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { useFinancingRules } from './financingForm.tsx';
import { formatRate, formatWan, plainDecimal } from './financingFormat.ts';
import { PageHeading, useFinancingSubmit } from './financingParts.tsx';

/** A figure's value with its unit, in the reader's language. */
function settingValue(
  setting: Pick<FinancingSetting, 'value' | 'unit'>,
  t: TFunction,
  locale: Locale,
): string {
  if (setting.unit === 'wan_yuan') return formatWan(setting.value, locale);
  if (setting.unit === 'percent') return formatRate(setting.value);
  if (setting.unit === 'working_days' || setting.unit === 'days')
    return t(`financing.settings.unit.${setting.unit}`, { value: plainDecimal(setting.value) });
  return `${plainDecimal(setting.value)} ${setting.unit}`;
}

const keyName = (key: string) => `financing.setting.${key}` as MessageKey;

export default function FinancingSettingsPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const settings = useApiQuery(financingQueries.settings());
  const [adding, setAdding] = useState(false);
  const today = todayInChina();
  const canAdd = user?.role === 'admin' || user?.role === 'official';
  const columns: TableColumnsType<FinancingSetting> = [
    {
      title: t('financing.settings.key'),
      dataIndex: 'key',
      width: 220,
      render: (key: string) => (SETTING_KEYS.includes(key as FinancingSettingKey) ? t(keyName(key)) : key),
    },
    {
      title: t('financing.settings.region'),
      dataIndex: 'regionCode',
      width: 180,
      render: (code: string) =>
        code === '' ? t('financing.settings.national') : <RegionName code={code} full />,
    },
    {
      title: t('financing.settings.from'),
      dataIndex: 'effectiveFrom',
      width: 160,
      render: (value: string) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatDate(value, locale)}
          {value > today ? (
            <Tag style={{ marginInlineStart: 4 }}>{t('financing.settings.future')}</Tag>
          ) : null}
        </span>
      ),
    },
    {
      title: t('financing.settings.value'),
      key: 'value',
      width: 150,
      render: (_, s) => <Typography.Text strong>{settingValue(s, t, locale)}</Typography.Text>,
    },
    { title: t('financing.settings.basis'), dataIndex: 'basis' },
    {
      title: t('financing.settings.verified'),
      dataIndex: 'verified',
      width: 110,
      render: (verified: boolean) =>
        verified ? (
          <Tag color="green">{t('financing.settings.isVerified')}</Tag>
        ) : (
          <Tooltip title={t('financing.settings.unverifiedHelp')}>
            <Tag color="orange" data-testid="financing-setting-unverified">
              {t('financing.settings.unverified')}
            </Tag>
          </Tooltip>
        ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('financing.settings.title')}
        intro={t('financing.settings.intro')}
        extra={
          canAdd ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="financing-setting-add"
            >
              {t('financing.settings.add')}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <LoadError error={settings.error} onRetry={settings.reload} style={{ margin: 16 }} />
        <Table<FinancingSetting>
          rowKey={(s) => `${s.key}|${s.regionCode}|${s.effectiveFrom}`}
          size="small"
          columns={columns}
          dataSource={settings.data?.items ?? []}
          loading={settings.loading}
          pagination={false}
          scroll={{ x: 900 }}
          onRow={(s) =>
            ({
              'data-testid': 'financing-setting-row',
              'data-key': s.key,
              'data-region': s.regionCode,
              'data-from': s.effectiveFrom,
            }) as object
          }
          locale={{ emptyText: settings.loading ? ' ' : t('financing.settings.empty') }}
          data-testid="financing-settings-table"
        />
      </Card>
      {adding && user ? (
        <SettingModal
          official={user.role === 'official'}
          regionCode={user.role === 'official' ? user.regionCode : null}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            settings.reload();
          }}
        />
      ) : null}
    </Flex>
  );
}

interface SettingValues {
  key: FinancingSettingKey;
  regionCode?: string;
  effectiveFrom: Dayjs;
  value: string;
  basis: string;
  verified: boolean;
}

function SettingModal({
  official,
  regionCode,
  onClose,
  onDone,
}: {
  official: boolean;
  regionCode: string | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<SettingValues>();
  const submit = useFinancingSubmit(form, [
    'key',
    'regionCode',
    'effectiveFrom',
    'value',
    'basis',
    'verified',
  ]);
  const keys: readonly FinancingSettingKey[] = official ? ['pickup_working_days'] : SETTING_KEYS;
  const { required, requiredText, decimal } = useFinancingRules();
  const finish = async (values: SettingValues) => {
    const saved = await submit.run(() =>
      financingApi.putSetting({
        key: values.key,
        regionCode: values.regionCode ?? '',
        effectiveFrom: values.effectiveFrom.format('YYYY-MM-DD'),
        value: values.value.trim(),
        basis: values.basis.trim(),
        verified: values.verified,
      }),
    );
    if (saved) {
      void message.success(t('financing.settings.saved'));
      onDone();
    }
  };
  return (
    <FormModal<SettingValues>
      form={form}
      title={t('financing.settings.add')}
      okText={t('common.save')}
      okTestId="financing-setting-submit"
      saving={submit.saving}
      onClose={onClose}
      initialValues={{
        key: keys[0],
        regionCode: regionCode ?? undefined,
        verified: false,
        effectiveFrom: dayjs(todayInChina()),
      }}
      onFinish={(values) => void finish(values)}
    >
      {official ? (
        <Typography.Paragraph type="secondary">{t('financing.settings.officialNote')}</Typography.Paragraph>
      ) : null}
      {submit.alert}
      <Form.Item name="key" label={t('financing.settings.key')} rules={[required]}>
        <Select
          data-testid="financing-setting-key"
          options={keys.map((key) => ({ value: key, label: t(keyName(key)) }))}
        />
      </Form.Item>
      <Form.Item
        name="regionCode"
        label={t('financing.settings.region')}
        extra={official ? undefined : t('financing.settings.regionHelp')}
        rules={official ? [required] : []}
      >
        <ScopedRegionCascader rootCode={regionCode} testId="financing-setting-region" />
      </Form.Item>
      <Form.Item name="effectiveFrom" label={t('financing.settings.from')} rules={[required]}>
        <DatePicker data-testid="financing-setting-from" />
      </Form.Item>
      <Form.Item name="value" label={t('financing.settings.value')} rules={[required, decimal()]}>
        <Input style={{ width: 200 }} data-testid="financing-setting-value" />
      </Form.Item>
      <Form.Item name="basis" label={t('financing.settings.basis')} rules={[requiredText]}>
        <Input.TextArea rows={2} maxLength={300} data-testid="financing-setting-basis" />
      </Form.Item>
      <Form.Item name="verified" label={t('financing.settings.verified')} valuePropName="checked">
        <Switch data-testid="financing-setting-verified" />
      </Form.Item>
    </FormModal>
  );
}
