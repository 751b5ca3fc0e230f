/**
 * A test case's facts as a form (issue 12): region, industry, date of establishment, status, one year's figures,
 * VAT taxpayer type, size class and certifications. It reads and writes the same JSON the JSON view edits, so
 * what the form does not show (other years, other keys) is kept.
 */
import { Alert, Col, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { RuleVocabulary } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DateInput, labelOf } from './common.tsx';
import { type FactsFields, factsFieldsOf, factsWithFields, parseFacts } from './policyModel.ts';

const STATUSES = ['active', 'suspended', 'revoked', 'cancelled'] as const;
const SIZES = ['micro', 'small', 'medium', 'large'] as const;

interface TestFactsFormProps {
  /** The facts JSON. */
  value: string;
  onChange: (value: string) => void;
  /** The test case's date (the default year of figures is the year before it). */
  date: string | null;
  vocabulary: RuleVocabulary | undefined;
  disabled: boolean;
  /** Names the inputs for assistive technology ("test 2: …"). */
  aria: (field: string) => string;
}

export function TestFactsForm({ value, onChange, date, vocabulary, disabled, aria }: TestFactsFormProps) {
  const { t, locale } = useI18n();
  const facts = parseFacts(value);
  if (facts === null)
    return <Alert type="warning" showIcon title={t('policyAdmin.tests.form.invalidJson')} />;
  const fields = factsFieldsOf(facts, date);
  const set = (patch: Partial<FactsFields>) => onChange(factsWithFields(facts, { ...fields, ...patch }));
  const label = (key: string) => <Typography.Text>{t(key as Parameters<typeof t>[0])}</Typography.Text>;
  const figures = vocabulary?.figures ?? [];

  return (
    <Row gutter={[12, 8]} data-testid="policy-test-facts-form">
      <Col xs={24} md={6}>
        {label('policyAdmin.tests.form.region')}
        <Input
          value={fields.regionCode}
          disabled={disabled}
          maxLength={6}
          className="huiqi-mono"
          onChange={(event) => set({ regionCode: event.target.value })}
          aria-label={aria(t('policyAdmin.tests.form.region'))}
          data-testid="policy-test-region"
        />
      </Col>
      <Col xs={24} md={6}>
        {label('policyAdmin.tests.form.industry')}
        <Input
          value={fields.industryCode}
          disabled={disabled}
          maxLength={5}
          className="huiqi-mono"
          placeholder="C3911"
          onChange={(event) => set({ industryCode: event.target.value })}
          aria-label={aria(t('policyAdmin.tests.form.industry'))}
        />
      </Col>
      <Col xs={24} md={6}>
        {label('policyAdmin.tests.form.established')}
        <DateInput
          value={fields.establishedOn}
          disabled={disabled}
          onChange={(establishedOn) => set({ establishedOn })}
          ariaLabel={aria(t('policyAdmin.tests.form.established'))}
          testId="policy-test-established"
        />
      </Col>
      <Col xs={24} md={6}>
        {label('policyAdmin.tests.form.status')}
        <Select
          value={fields.status}
          disabled={disabled}
          style={{ width: '100%' }}
          onChange={(status: string) => set({ status })}
          options={STATUSES.map((s) => ({ value: s, label: labelOf(t, 'policyAdmin.tests.form.status', s) }))}
          aria-label={aria(t('policyAdmin.tests.form.status'))}
        />
      </Col>
      <Col xs={24} md={6}>
        {label('policyAdmin.tests.form.year')}
        <InputNumber
          value={fields.year}
          disabled={disabled}
          min={1949}
          max={2100}
          precision={0}
          style={{ width: '100%' }}
          onChange={(year) => {
            if (typeof year === 'number')
              onChange(factsWithFields(facts, { ...factsFieldsOf(facts, date), year }));
          }}
          aria-label={aria(t('policyAdmin.tests.form.year'))}
        />
      </Col>
      {figures.map((figure) => (
        <Col xs={12} md={6} key={figure.key}>
          <Typography.Text>
            {locale === 'en' ? figure.en : figure.zh}
            {figure.unit === '万元' ? `（${t('policyAdmin.unit.wan')}）` : ''}
          </Typography.Text>
          <InputNumber
            value={fields.figures[figure.key] ?? null}
            disabled={disabled}
            style={{ width: '100%' }}
            onChange={(next) =>
              set({ figures: { ...fields.figures, [figure.key]: typeof next === 'number' ? next : null } })
            }
            aria-label={aria(locale === 'en' ? figure.en : figure.zh)}
            data-testid={`policy-test-figure-${figure.key}`}
          />
        </Col>
      ))}
      <Col xs={12} md={6}>
        {label('policyAdmin.tests.form.vat')}
        <Select
          value={fields.vatTaxpayerType}
          allowClear
          disabled={disabled}
          style={{ width: '100%' }}
          onChange={(vat: string | undefined) => set({ vatTaxpayerType: vat ?? null })}
          options={['general', 'small_scale'].map((v) => ({
            value: v,
            label: labelOf(t, 'policyAdmin.tests.form.vat', v),
          }))}
          aria-label={aria(t('policyAdmin.tests.form.vat'))}
        />
      </Col>
      <Col xs={12} md={6}>
        {label('policyAdmin.tests.form.size')}
        <Select
          value={fields.size}
          allowClear
          disabled={disabled}
          style={{ width: '100%' }}
          onChange={(size: string | undefined) => set({ size: size ?? null })}
          options={SIZES.map((s) => ({ value: s, label: t(`size.${s}`) }))}
          aria-label={aria(t('policyAdmin.tests.form.size'))}
        />
      </Col>
      <Col xs={24} md={12}>
        {label('policyAdmin.tests.form.certifications')}
        <Select<string[]>
          mode="multiple"
          value={fields.certifications}
          allowClear
          disabled={disabled}
          style={{ width: '100%' }}
          onChange={(certifications) => set({ certifications })}
          options={(vocabulary?.certifications ?? fields.certifications).map((name) => ({
            value: name,
            label: name,
          }))}
          aria-label={aria(t('policyAdmin.tests.form.certifications'))}
        />
      </Col>
    </Row>
  );
}
