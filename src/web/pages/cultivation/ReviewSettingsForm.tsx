/**
 * One tier's settings of a province and year as a form: the yearly quota (with how many are used), the application
 * window, the notice days and the county's and the province's review days (Huiqi's defaults beside each, marked
 * unverified), and for 专精特新 the province's 1–3 特色化 indicators, each with its bands (points, each end open or
 * stated, included or not, shown in words). A quota below the year's approvals is refused on its field. Saved on
 * the version read; the server's field errors show on their items ('indicators[0].bands[1].lower' on that band's
 * lower end) and, for the indicators, together above them; a 409 reloads the settings with a message. Read-only for a reader
 * who may not change them.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import {
  type CultivationSettings,
  cultivationReviewApi,
  type TierSettings,
} from '../../api/cultivationReview.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { applyNestedFieldErrors } from '../../lib/formErrors.ts';
import { useLocalized } from './ReviewParts.tsx';
import {
  type BandValues,
  bandText,
  type IndicatorValues,
  indicatorsTotal,
  newBand,
  newIndicator,
  type SettingsValues,
  settingsBody,
  settingsFieldPath,
  settingsValues,
} from './reviewModel.ts';

/** A date picker holding 'YYYY-MM-DD' in the form. */
const dateProps = {
  getValueProps: (value: string | null | undefined) => ({ value: value ? dayjs(value) : null }),
  normalize: (value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null),
};

interface Props {
  settings: CultivationSettings;
  tier: TierSettings;
  onSaved: () => void;
}

export function ReviewSettingsForm({ settings, tier, onSaved }: Props) {
  const { t } = useI18n();
  const localized = useLocalized();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<SettingsValues>();
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [listErrors, setListErrors] = useState<string[]>([]);
  const disabled = !settings.canEdit;
  const slot = settings.provinceSlot;
  const indicators = Form.useWatch('indicators', form) as IndicatorValues[] | undefined;
  const tierName = t(`cultReview.tier.${tier.tier}`);
  const testId = (what: string) => `settings-${tier.tier}-${what}`;

  const save = async (values: SettingsValues) => {
    setSaving(true);
    setProblems([]);
    setListErrors([]);
    try {
      await cultivationReviewApi.saveSettings(
        settings.provinceCode,
        tier.tier,
        settings.year,
        settingsBody(values, tier.tier, tier.version),
      );
      void message.success(t('cultReview.settings.saved', { tier: tierName }));
      onSaved();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        void message.warning(t('cultReview.settings.conflict'));
        onSaved();
        return;
      }
      const { list, unmatched } = applyNestedFieldErrors(form, failure, settingsFieldPath, ['indicators']);
      // Above the indicators, every problem of theirs (a band's shows on its end too, further down the form).
      setListErrors([...new Set([...list, ...indicatorMessages(failure)])]);
      const fieldErrors = failure instanceof ApiError ? failure.errors.length : 0;
      setProblems(
        unmatched.length > 0 || fieldErrors === 0
          ? [failure instanceof Error ? failure.message : String(failure), ...unmatched]
          : [],
      );
    } finally {
      setSaving(false);
    }
  };

  const dayField = (name: 'noticeDays' | 'countyDays' | 'provinceDays', unit: string) => (
    <Form.Item
      name={name}
      label={t(`cultReview.settings.${name}`)}
      rules={[{ required: true, message: t('cultReview.settings.required') }]}
      extra={t('cultReview.settings.default', { value: `${tier.defaults[name]} ${unit}` })}
      style={{ minWidth: 200, flex: '1 1 200px' }}
    >
      <InputNumber<number>
        min={1}
        max={120}
        precision={0}
        suffix={unit}
        style={{ width: '100%' }}
        data-testid={testId(name)}
      />
    </Form.Item>
  );

  return (
    <Form<SettingsValues>
      form={form}
      layout="vertical"
      disabled={disabled}
      initialValues={settingsValues(tier)}
      onFinish={(values) => void save(values)}
      data-testid={testId('form')}
    >
      <Flex vertical gap={8}>
        <Flex gap={8} wrap align="center">
          {tier.version === 0 ? (
            <Tag data-testid={testId('state')}>{t('cultReview.settings.notSaved')}</Tag>
          ) : (
            <Tag color="green" data-testid={testId('state')}>
              {t('cultReview.settings.savedVersion', { version: tier.version })}
            </Tag>
          )}
        </Flex>
        {problems.length > 0 ? (
          <Alert
            type="error"
            showIcon
            title={t('cultReview.settings.saveFailed')}
            description={problems.join(t('cultReview.punct.list'))}
            data-testid={testId('error')}
          />
        ) : null}
        <Flex gap={16} wrap>
          <Form.Item
            name="quota"
            label={t('cultReview.settings.quota')}
            extra={t('cultReview.settings.quotaHelp', { used: tier.used })}
            rules={[
              {
                type: 'number',
                min: tier.used,
                message: t('cultivationNotices.settings.quotaBelowUsed', { used: tier.used }),
              },
            ]}
            style={{ minWidth: 200, flex: '1 1 200px' }}
          >
            <InputNumber<number>
              min={0}
              precision={0}
              style={{ width: '100%' }}
              data-testid={testId('quota')}
            />
          </Form.Item>
          <Form.Item
            name="opensOn"
            label={t('cultReview.settings.opensOn')}
            extra={t('cultReview.settings.windowHelp')}
            style={{ minWidth: 200, flex: '1 1 200px' }}
            {...dateProps}
          >
            <DatePicker style={{ width: '100%' }} data-testid={testId('opensOn')} />
          </Form.Item>
          <Form.Item
            name="closesOn"
            label={t('cultReview.settings.closesOn')}
            style={{ minWidth: 200, flex: '1 1 200px' }}
            {...dateProps}
          >
            <DatePicker style={{ width: '100%' }} data-testid={testId('closesOn')} />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          {dayField('noticeDays', t('cultReview.settings.days'))}
          {dayField('countyDays', t('cultReview.settings.workingDays'))}
          {dayField('provinceDays', t('cultReview.settings.workingDays'))}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('cultReview.settings.defaultBasis', { basis: localized(tier.defaults.basis) })}
        </Typography.Text>
        {tier.tier === 'specialised' ? (
          <IndicatorsEditor
            disabled={disabled}
            indicators={indicators ?? []}
            slot={slot}
            listErrors={listErrors}
            testId={testId}
          />
        ) : null}
        {disabled ? null : (
          <Flex>
            <Button type="primary" htmlType="submit" loading={saving} data-testid={testId('save')}>
              {t('cultReview.settings.save')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Form>
  );
}

/** The messages of the server's field errors on the indicators (a set, an indicator or a band's end). */
function indicatorMessages(failure: unknown): string[] {
  if (!(failure instanceof ApiError)) return [];
  return failure.errors
    .filter((problem) => settingsFieldPath(problem.field)?.[0] === 'indicators')
    .map((problem) => problem.message);
}

function IndicatorsEditor({
  disabled,
  indicators,
  slot,
  listErrors,
  testId,
}: {
  disabled: boolean;
  indicators: IndicatorValues[];
  slot: CultivationSettings['provinceSlot'];
  listErrors: string[];
  testId: (what: string) => string;
}) {
  const { t } = useI18n();
  const total = indicatorsTotal(indicators.map((i) => ({ max: i.max ?? Number.NaN })));
  return (
    <Flex vertical gap={8} data-testid={testId('indicators')}>
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {t('cultReview.settings.indicators', { points: slot.points })}
      </Typography.Title>
      <Typography.Text type="secondary">
        {t('cultReview.settings.indicatorsHelp', {
          min: slot.minIndicators,
          max: slot.maxIndicators,
          points: slot.points,
        })}
      </Typography.Text>
      {indicators.length === 0 ? (
        <Alert type="warning" showIcon title={t('cultReview.settings.indicatorsNone')} />
      ) : (
        <Typography.Text
          type={total === slot.points ? 'success' : 'warning'}
          data-testid={testId('indicators-total')}
        >
          {t('cultReview.settings.indicatorsTotal', { total })}
        </Typography.Text>
      )}
      {listErrors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={listErrors.join(t('cultReview.punct.list'))}
          data-testid={testId('indicators-error')}
        />
      ) : null}
      <Form.List name="indicators">
        {(fields, { add, remove }) => (
          <Flex vertical gap={12}>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                title={t('cultReview.settings.indicator', { n: index + 1 })}
                extra={
                  disabled ? null : (
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('cultReview.settings.removeIndicator')}
                      data-testid={testId(`indicator-${index}-remove`)}
                    >
                      {t('cultReview.settings.removeIndicator')}
                    </Button>
                  )
                }
                data-testid={testId(`indicator-${index}`)}
              >
                <Flex gap={12} wrap>
                  <Form.Item
                    name={[field.name, 'zh']}
                    label={t('cultReview.settings.indicatorZh')}
                    rules={[{ required: true, whitespace: true, message: t('cultReview.settings.required') }]}
                    style={{ flex: '2 1 220px' }}
                  >
                    <Input maxLength={60} data-testid={testId(`indicator-${index}-zh`)} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'en']}
                    label={t('cultReview.settings.indicatorEn')}
                    style={{ flex: '2 1 220px' }}
                  >
                    <Input maxLength={120} data-testid={testId(`indicator-${index}-en`)} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'id']}
                    label={t('cultReview.settings.indicatorId')}
                    rules={[{ required: true, message: t('cultReview.settings.required') }]}
                    style={{ flex: '1 1 140px' }}
                  >
                    <Input
                      maxLength={40}
                      className="huiqi-mono"
                      data-testid={testId(`indicator-${index}-id`)}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'unitZh']}
                    label={t('cultReview.settings.unitZh')}
                    style={{ flex: '1 1 100px' }}
                  >
                    <Input maxLength={20} data-testid={testId(`indicator-${index}-unit`)} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'unitEn']}
                    label={t('cultReview.settings.unitEn')}
                    style={{ flex: '1 1 100px' }}
                  >
                    <Input maxLength={40} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'max']}
                    label={t('cultReview.settings.max')}
                    rules={[{ required: true, message: t('cultReview.settings.required') }]}
                    style={{ flex: '1 1 100px' }}
                  >
                    <InputNumber<number>
                      min={0}
                      max={15}
                      style={{ width: '100%' }}
                      data-testid={testId(`indicator-${index}-max`)}
                    />
                  </Form.Item>
                </Flex>
                <BandsEditor
                  disabled={disabled}
                  indicatorName={field.name}
                  bands={indicators[index]?.bands ?? []}
                  unit={indicators[index]?.unitZh ?? ''}
                  testId={(what) => testId(`indicator-${index}-${what}`)}
                />
              </Card>
            ))}
            {disabled || fields.length >= slot.maxIndicators ? null : (
              <Button
                icon={<PlusOutlined />}
                onClick={() => add(newIndicator(indicators.map((i) => i.id)))}
                style={{ alignSelf: 'flex-start' }}
                data-testid={testId('indicator-add')}
              >
                {t('cultReview.settings.addIndicator')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </Flex>
  );
}

function BandsEditor({
  disabled,
  indicatorName,
  bands,
  unit,
  testId,
}: {
  disabled: boolean;
  indicatorName: number;
  bands: BandValues[];
  unit: string;
  testId: (what: string) => string;
}) {
  const { t } = useI18n();
  const words = { and: t('cultReview.settings.and'), any: t('cultReview.settings.any') };
  const end = (bandName: number, index: number, side: 'lower' | 'upper') => {
    const value = bands[index]?.[side];
    return (
      <Flex gap={8} align="center" wrap style={{ flex: '1 1 260px' }}>
        <Typography.Text>{t(`cultReview.settings.${side}`)}</Typography.Text>
        <Form.Item name={[bandName, side, 'unbounded']} valuePropName="checked" noStyle>
          <Checkbox data-testid={testId(`band-${index}-${side}-unbounded`)}>
            {t('cultReview.settings.unbounded')}
          </Checkbox>
        </Form.Item>
        <Form.Item
          name={[bandName, side, 'value']}
          style={{ margin: 0, width: 120 }}
          rules={value?.unbounded ? [] : [{ required: true, message: t('cultReview.settings.required') }]}
        >
          <InputNumber<number>
            disabled={disabled || value?.unbounded}
            style={{ width: '100%' }}
            data-testid={testId(`band-${index}-${side}-value`)}
          />
        </Form.Item>
        <Form.Item name={[bandName, side, 'included']} valuePropName="checked" noStyle>
          <Checkbox
            disabled={disabled || value?.unbounded}
            data-testid={testId(`band-${index}-${side}-included`)}
          >
            {t('cultReview.settings.included')}
          </Checkbox>
        </Form.Item>
      </Flex>
    );
  };
  return (
    <Form.List name={[indicatorName, 'bands']}>
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          <Typography.Text strong>{t('cultReview.settings.bands')}</Typography.Text>
          {fields.map((field, index) => {
            const band = bands[index];
            return (
              <Flex
                key={field.key}
                vertical
                gap={4}
                style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}
                data-testid={testId(`band-${index}`)}
              >
                <Flex gap={12} wrap align="center">
                  <Typography.Text type="secondary">
                    {t('cultReview.settings.band', { n: index + 1 })}
                  </Typography.Text>
                  <Form.Item
                    name={[field.name, 'points']}
                    label={t('cultReview.settings.points')}
                    rules={[{ required: true, message: t('cultReview.settings.required') }]}
                    style={{ margin: 0 }}
                  >
                    <InputNumber<number>
                      min={0}
                      max={15}
                      style={{ width: 90 }}
                      data-testid={testId(`band-${index}-points`)}
                    />
                  </Form.Item>
                  {band ? (
                    <Tag data-testid={testId(`band-${index}-text`)}>
                      {bandText(
                        {
                          lower: band.lower.unbounded
                            ? null
                            : { value: band.lower.value ?? 0, included: band.lower.included },
                          upper: band.upper.unbounded
                            ? null
                            : { value: band.upper.value ?? 0, included: band.upper.included },
                        },
                        unit,
                        words,
                      )}
                    </Tag>
                  ) : null}
                  {disabled || fields.length <= 1 ? null : (
                    <Button
                      type="text"
                      danger
                      size="small"
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('cultReview.settings.removeBand')}
                      data-testid={testId(`band-${index}-remove`)}
                    />
                  )}
                </Flex>
                <Flex gap={12} wrap>
                  {end(field.name, index, 'lower')}
                  {end(field.name, index, 'upper')}
                </Flex>
              </Flex>
            );
          })}
          {disabled ? null : (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => add(newBand())}
              style={{ alignSelf: 'flex-start' }}
              data-testid={testId('band-add')}
            >
              {t('cultReview.settings.addBand')}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
