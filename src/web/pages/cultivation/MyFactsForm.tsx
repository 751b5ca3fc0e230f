/**
 * The facts the enterprise fills in for the data year (issue 18; docs/reference/cultivation.md §8.3), grouped: IP,
 * R&D institution, digital level and quality, market and products, awards and equity, the little-giant items and
 * the province's 特色化 indicators when it has set them (each with its unit as the assessment states it). Numbers
 * are checked here first; the server checks them
 * together with the registry's figures and its refusals land on their fields. Saved on the version read: when the
 * facts changed meanwhile (409) the page reloads them and says so. The registry's figures are shown read-only, to be
 * corrected in the registry.
 */
import { SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  InputNumber,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { cultivationApi, type MyCultivation } from '../../api/cultivation.ts';
import type { MessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatNumber } from '../../lib/format.ts';
import { MyEvidence } from './MyEvidence.tsx';
import {
  AWARD_RANKS,
  type BooleanFactKey,
  FACT_GROUPS,
  type FactsFormValues,
  factsToForm,
  formFieldOf,
  formToFacts,
  NO_QUALITY_ITEM,
  NUMBER_RULES,
  type NumberFactKey,
  normaliseQualityItems,
  numberProblem,
  PRODUCT_FIELDS,
  type ProvinceIndicatorField,
  provinceIndicatorUnit,
  QUALITY_ITEMS,
  RD_INSTITUTION_LEVELS,
  REGISTRY_FACTS,
  recognitionName,
  withoutFieldPrefix,
} from './myCultivationModel.ts';

interface FactsFormProps {
  data: MyCultivation;
  provinceFields: readonly ProvinceIndicatorField[];
  /** The field to bring into view ('ipClassII', 'provinceIndicators.x'), if any. */
  focus?: string;
  /** After a save, or a conflict: read the page again. */
  onSaved: () => void;
}

const UNIT_KEYS: Record<string, MessageKey> = {
  wan: 'cultivation.my.unit.wan',
  percent: 'cultivation.my.unit.percent',
  years: 'cultivation.my.unit.years',
  items: 'cultivation.my.unit.items',
  level: 'cultivation.my.unit.level',
  persons: 'cultivation.my.unit.persons',
};

export function MyFactsForm({ data, provinceFields, focus, onSaved }: FactsFormProps) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FactsFormValues>();
  const [saving, setSaving] = useState(false);
  const [unmatched, setUnmatched] = useState<string[]>([]);
  const qualityBefore = Form.useWatch('qualityItems', form);

  useEffect(() => {
    if (!focus) return;
    const name = focus.startsWith('provinceIndicators.')
      ? ['provinceIndicators', focus.slice('provinceIndicators.'.length)]
      : [focus];
    // After the tab has rendered the form.
    const timer = window.setTimeout(() => {
      form.scrollToField(name, { block: 'center' });
      form.focusField(name);
    }, 50);
    return () => window.clearTimeout(timer);
  }, [focus, form]);

  const numberRules = (key: NumberFactKey) => [
    {
      validator: async (_: unknown, value: number | null | undefined) => {
        const problem = numberProblem(key, value);
        if (!problem) return;
        throw new Error(
          problem.key === 'whole'
            ? t('cultivation.my.check.whole')
            : t(`cultivation.my.check.${problem.key}`, { limit: problem.limit ?? 0 }),
        );
      },
    },
  ];

  const save = async () => {
    setUnmatched([]);
    try {
      await form.validateFields();
    } catch {
      void message.warning(t('cultivation.my.fixFirst'));
      return;
    }
    setSaving(true);
    try {
      await cultivationApi.saveFacts({
        year: data.dataYear,
        version: data.ownVersion,
        facts: formToFacts(form.getFieldsValue(true), data.ownFacts),
      });
      void message.success(t('cultivation.my.saved'));
      onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        void message.warning(t('cultivation.my.conflict'));
        onSaved();
      } else if (error instanceof ApiError && error.errors.length > 0) {
        const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
        const rest: string[] = [];
        for (const problem of error.errors) {
          const name = formFieldOf(problem.field);
          if (!name) {
            rest.push(problem.message);
            continue;
          }
          const entry = byField.get(name.join('.')) ?? { name, errors: [] };
          entry.errors.push(withoutFieldPrefix(problem.message));
          byField.set(name.join('.'), entry);
        }
        form.setFields([...byField.values()] as unknown as Parameters<typeof form.setFields>[0]);
        setUnmatched(rest);
        const first = [...byField.values()][0];
        if (first) form.scrollToField(first.name, { block: 'center' });
        void message.error(t('cultivation.my.refused'));
      } else void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  const numberItem = (key: NumberFactKey, extra?: ReactNode) => {
    const rule = NUMBER_RULES[key];
    return (
      <Col xs={24} md={12} key={key}>
        <Form.Item name={key} label={t(`cultivation.my.fact.${key}`)} rules={numberRules(key)} extra={extra}>
          <InputNumber
            style={{ width: '100%' }}
            precision={rule.whole ? undefined : 2}
            suffix={t(UNIT_KEYS[rule.unit] as MessageKey)}
            placeholder={t('cultivation.my.notGiven')}
            data-testid={`fact-${key}`}
          />
        </Form.Item>
      </Col>
    );
  };

  const yesNoItem = (key: BooleanFactKey) => (
    <Col xs={24} md={12} key={key}>
      <Form.Item name={key} label={t(`cultivation.my.fact.${key}`)}>
        <Select
          allowClear
          placeholder={t('cultivation.my.notGiven')}
          data-testid={`fact-${key}`}
          options={[
            { value: 'yes', label: t('common.yes') },
            { value: 'no', label: t('common.no') },
          ]}
        />
      </Form.Item>
    </Col>
  );

  const rankItem = (key: 'nationalAwardRank' | 'provincialAwardRank') => {
    const stored = data.ownFacts[key];
    const ranks =
      typeof stored === 'number' && !AWARD_RANKS.includes(stored) ? [...AWARD_RANKS, stored] : AWARD_RANKS;
    return (
      <Col xs={24} md={12} key={key}>
        <Form.Item name={key} label={t(`cultivation.my.fact.${key}`)} extra={t(`cultivation.my.help.${key}`)}>
          <Select
            allowClear
            placeholder={t('cultivation.my.notGiven')}
            data-testid={`fact-${key}`}
            options={[
              { value: 'none', label: t('cultivation.my.rankNone') },
              ...ranks.map((r) => ({ value: r, label: t('cultivation.my.rank', { rank: r }) })),
            ]}
          />
        </Form.Item>
      </Col>
    );
  };

  const groupBody = (id: (typeof FACT_GROUPS)[number]['id']): ReactNode => {
    switch (id) {
      case 'ip':
        return (
          <>
            {numberItem('ipClassIHighValue')}
            {numberItem('ipClassISelfDeveloped')}
            {numberItem('ipClassIOther')}
            {numberItem('ipClassII')}
            {numberItem('ipClassIInUse', t('cultivation.my.help.ipClassIInUse'))}
          </>
        );
      case 'rd':
        return (
          <Col xs={24} md={12}>
            <Form.Item name="rdInstitution" label={t('cultivation.my.fact.rdInstitution')}>
              <Select
                allowClear
                placeholder={t('cultivation.my.notGiven')}
                data-testid="fact-rdInstitution"
                options={RD_INSTITUTION_LEVELS.map((v) => ({
                  value: v,
                  label: t(`cultivation.my.rdLevel.${v}`),
                }))}
              />
            </Form.Item>
          </Col>
        );
      case 'quality':
        return (
          <>
            {numberItem('digitalLevel', t('cultivation.my.help.digitalLevel'))}
            <Col xs={24} md={12}>
              <Form.Item
                name="qualityItems"
                label={t('cultivation.my.fact.qualityItems')}
                getValueFromEvent={(next: string[]) => normaliseQualityItems(next, qualityBefore)}
              >
                <Select
                  mode="multiple"
                  allowClear
                  placeholder={t('cultivation.my.notGiven')}
                  data-testid="fact-qualityItems"
                  options={[
                    ...QUALITY_ITEMS.map((v) => ({ value: v, label: t(`cultivation.my.quality.${v}`) })),
                    { value: NO_QUALITY_ITEM, label: t('cultivation.my.quality.none') },
                  ]}
                />
              </Form.Item>
            </Col>
          </>
        );
      case 'market':
        return (
          <>
            {numberItem('nicheYears')}
            <Col xs={24} md={12}>
              <Form.Item name="productField" label={t('cultivation.my.fact.productField')}>
                <Select
                  allowClear
                  placeholder={t('cultivation.my.notGiven')}
                  data-testid="fact-productField"
                  options={PRODUCT_FIELDS.map((v) => ({
                    value: v,
                    label: t(`cultivation.my.productField.${v}`),
                  }))}
                />
              </Form.Item>
            </Col>
            {yesNoItem('inStrategicCatalogue')}
            {numberItem('netProfit', t('cultivation.my.help.netProfit', { year: data.dataYear }))}
          </>
        );
      case 'awards':
        return (
          <>
            {rankItem('nationalAwardRank')}
            {rankItem('provincialAwardRank')}
            {yesNoItem('makerChinaTop500')}
            {numberItem('newEquity2y')}
            {numberItem('newEquity3y')}
          </>
        );
      case 'giant':
        return (
          <>
            {yesNoItem('informationSystems')}
            {yesNoItem('certifiedManagement')}
            {numberItem('nationalMarketShare')}
            {yesNoItem('keyChainLink')}
            {yesNoItem('priorityField')}
          </>
        );
      case 'province':
        return provinceFields.length === 0 ? (
          <Col span={24}>
            <Typography.Text type="secondary" data-testid="facts-province-unset">
              {t('cultivation.my.provinceUnset')}
            </Typography.Text>
          </Col>
        ) : (
          provinceFields.map((f) => (
            <Col xs={24} md={12} key={f.id}>
              <Form.Item
                name={['provinceIndicators', f.id]}
                label={locale === 'en' ? f.name.en : f.name.zh}
                extra={t('cultivation.my.help.provinceIndicator', { max: f.max })}
              >
                <InputNumber
                  style={{ width: '100%' }}
                  placeholder={t('cultivation.my.notGiven')}
                  suffix={provinceIndicatorUnit(data, f.id, locale) || undefined}
                  data-testid={`fact-province-${f.id}`}
                />
              </Form.Item>
            </Col>
          ))
        );
    }
  };

  return (
    <Flex vertical gap={16} data-testid="my-facts">
      <Alert
        type="info"
        showIcon
        title={t('cultivation.my.factsIntro', { year: data.dataYear })}
        description={t('cultivation.my.factsNote')}
      />
      {data.problems.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          data-testid="my-facts-problems"
          title={t('cultivation.my.problems')}
          description={
            <Flex vertical gap={2}>
              {data.problems.map((p) => (
                <span key={`${p.field}-${p.message.zh}`}>
                  {withoutFieldPrefix(locale === 'en' ? p.message.en : p.message.zh)}
                </span>
              ))}
            </Flex>
          }
        />
      ) : null}
      <RegistryFigures data={data} />
      <Form
        form={form}
        layout="vertical"
        initialValues={factsToForm(data.ownFacts)}
        onFinish={save}
        data-testid="my-facts-form"
        scrollToFirstError={{ block: 'center' }}
      >
        <Flex vertical gap={16}>
          {FACT_GROUPS.map((group) => (
            <Card
              key={group.id}
              size="small"
              title={t(`cultivation.my.group.${group.id}`)}
              data-testid="my-facts-group"
              data-group={group.id}
              id={`my-facts-${group.id}`}
            >
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 0 }}>
                {t(`cultivation.my.groupHelp.${group.id}`)}
              </Typography.Paragraph>
              <Row gutter={16}>{groupBody(group.id)}</Row>
            </Card>
          ))}
          <MyEvidence year={data.dataYear} />
          {unmatched.length > 0 ? (
            <Alert
              type="error"
              showIcon
              data-testid="my-facts-error"
              title={t('cultivation.my.refused')}
              description={
                <Flex vertical gap={2}>
                  {unmatched.map((text) => (
                    <span key={text}>{withoutFieldPrefix(text)}</span>
                  ))}
                </Flex>
              }
            />
          ) : null}
          <Flex
            wrap
            gap={8}
            align="center"
            justify="space-between"
            style={{
              position: 'sticky',
              bottom: 0,
              background: '#fff',
              padding: '8px 0',
              borderTop: '1px solid #f0f0f0',
              zIndex: 2,
            }}
          >
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('cultivation.my.savedVersion', { version: data.ownVersion })}
            </Typography.Text>
            <Button
              type="primary"
              htmlType="submit"
              icon={<SaveOutlined />}
              loading={saving}
              data-testid="my-facts-save"
            >
              {t('cultivation.my.saveFacts')}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </Flex>
  );
}

/** The registry's figures the rules read (read-only; corrected in the registry). */
function RegistryFigures({ data }: { data: MyCultivation }) {
  const { t, locale } = useI18n();
  const certifications = Array.isArray(data.registryFacts.certifications)
    ? (data.registryFacts.certifications as unknown[]).filter((c): c is string => typeof c === 'string')
    : [];
  return (
    <Card
      size="small"
      title={t('cultivation.my.registry', { year: data.dataYear })}
      data-testid="my-registry-figures"
      extra={
        <Link to="/app/my-enterprise" data-testid="my-registry-correct">
          {t('cultivation.my.registryCorrect')}
        </Link>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 0 }}>
        {t('cultivation.my.registryNote')}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          ...REGISTRY_FACTS.map(({ key, unit }) => {
            const value = data.registryFacts[key];
            return {
              key,
              label: t(`cultivation.my.registryFact.${key}`),
              children:
                typeof value === 'number' ? (
                  <span data-testid={`registry-${key}`} data-value={value}>
                    {formatNumber(value, locale)} {t(UNIT_KEYS[unit] as MessageKey)}
                  </span>
                ) : (
                  <Typography.Text type="warning" data-testid={`registry-${key}`} data-value="">
                    {t('cultivation.my.notInRegistry')}
                  </Typography.Text>
                ),
            };
          }),
          {
            key: 'certifications',
            label: t('cultivation.my.registryFact.certifications'),
            children:
              certifications.length === 0 ? (
                t('cultivation.my.noneHeld')
              ) : (
                <Space wrap size={4}>
                  {certifications.map((c) => (
                    <Tag key={c} data-testid="registry-certification">
                      {recognitionName(c, data.tiers, locale)}
                    </Tag>
                  ))}
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}
