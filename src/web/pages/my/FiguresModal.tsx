/**
 * Modal to report (or correct) a year's figures. The year defaults to last year; choosing a year fills in the
 * figures already on file. The API's field errors land on the fields; after saving, the new size class and its
 * reason are shown.
 */
import {
  Alert,
  App as AntApp,
  Button,
  Col,
  Flex,
  Form,
  InputNumber,
  Modal,
  Row,
  Select,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { ApiError, api, type EnterpriseDetail, type FiguresInput } from '../../api/client.ts';
import { useReason, useStandardName } from '../../components/EnterpriseDetailView.tsx';
import { SizeTag } from '../../components/SizeTag.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { FIGURE_FIELDS, type FigureField, UNIT_LABELS, VAT_TYPES } from '../../lib/figures.ts';
import { applyFieldErrors } from '../../lib/formErrors.ts';

type FigureValues = Partial<Record<FigureField['key'], number | null>> & {
  year: number;
  vatTaxpayerType?: FiguresInput['vatTaxpayerType'];
};

const FIELD_NAMES: (keyof FigureValues)[] = [...FIGURE_FIELDS.map((field) => field.key), 'vatTaxpayerType'];

/** Years offered: this year and the five before it, plus any year already on file. */
function yearOptions(detail: EnterpriseDetail, thisYear: number): number[] {
  const years = new Set<number>();
  for (let year = thisYear; year >= thisYear - 5; year--) years.add(year);
  for (const row of detail.figures) years.add(row.year);
  return [...years].sort((a, b) => b - a);
}

/** The form values of a year: the current figures on file, or empty. */
function valuesOfYear(detail: EnterpriseDetail, year: number): FigureValues {
  const row = detail.figures.find((item) => item.year === year && item.isCurrent);
  const values: FigureValues = { year, vatTaxpayerType: row?.vatTaxpayerType ?? null };
  for (const field of FIGURE_FIELDS) values[field.key] = row ? row[field.key] : null;
  return values;
}

function bodyOf(values: FigureValues, detail: EnterpriseDetail): FiguresInput {
  const value = (key: FigureField['key']) => values[key] ?? null;
  const current = detail.figures.find((row) => row.year === values.year && row.isCurrent);
  return {
    basedOn: current?.id ?? null,
    employees: value('employees'),
    operatingRevenue: value('operatingRevenue'),
    totalAssets: value('totalAssets'),
    mainBusinessRevenue: value('mainBusinessRevenue'),
    totalLiabilities: value('totalLiabilities'),
    rdExpense: value('rdExpense'),
    rdStaff: value('rdStaff'),
    taxableIncome: value('taxableIncome'),
    vatTaxpayerType: values.vatTaxpayerType ?? null,
  };
}

interface FiguresModalProps {
  open: boolean;
  detail: EnterpriseDetail;
  onClose: () => void;
  onSaved: (detail: EnterpriseDetail) => void;
}

export function FiguresModal({ open, detail, onClose, onSaved }: FiguresModalProps) {
  const t = useT();
  const reason = useReason();
  const standardName = useStandardName();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FigureValues>();
  const thisYear = new Date().getFullYear();
  const [saving, setSaving] = useState(false);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<{ year: number; detail: EnterpriseDetail } | null>(null);
  const years = useMemo(() => yearOptions(detail, thisYear), [detail, thisYear]);
  const [initialValues, setInitialValues] = useState<FigureValues>(() => valuesOfYear(detail, thisYear - 1));

  // Each time the modal opens: last year's figures on file, no result, no errors.
  const [wasOpen, setWasOpen] = useState(false);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setSaved(null);
      setOtherErrors([]);
      setInitialValues(valuesOfYear(detail, thisYear - 1));
    }
  }

  const onFinish = async (values: FigureValues) => {
    setSaving(true);
    setOtherErrors([]);
    try {
      const result = await api.reportFigures(detail.id, values.year, bodyOf(values, detail));
      setSaved({ year: values.year, detail: result });
      void message.success(t('figuresForm.saved', { year: values.year }));
      onSaved(result);
    } catch (error) {
      setOtherErrors(applyFieldErrors(form, error, FIELD_NAMES));
      if (!(error instanceof ApiError && error.errors.length > 0))
        void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  const newSize = saved?.detail.sizes.find((size) => size.year === saved.year && size.standard === 'cn-2011');

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('figuresForm.title')}
      width={720}
      destroyOnHidden
      footer={
        saved ? (
          <Flex justify="flex-end" gap={8}>
            <Button
              onClick={() => {
                setInitialValues(valuesOfYear(saved.detail, saved.year));
                setSaved(null);
              }}
            >
              {t('figuresForm.again')}
            </Button>
            <Button type="primary" onClick={onClose} data-testid="figures-done">
              {t('figuresForm.done')}
            </Button>
          </Flex>
        ) : (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={saving}
              onClick={() => form.submit()}
              data-testid="figures-submit"
            >
              {t('figuresForm.submit')}
            </Button>
          </Flex>
        )
      }
    >
      {saved ? (
        <Flex vertical gap={12} data-testid="figures-result">
          <Alert type="success" showIcon title={t('figuresForm.saved', { year: saved.year })} />
          {newSize ? (
            <Flex vertical gap={8}>
              <Flex align="center" gap={12} wrap>
                <SizeTag size={newSize.size} big testId="figures-result-size" />
                <Typography.Text type="secondary">
                  {t('detail.sizeYear', { year: newSize.year })} · {standardName(newSize.standard)}
                </Typography.Text>
              </Flex>
              <Typography.Paragraph style={{ fontSize: 15, margin: 0 }} data-testid="figures-result-reason">
                {reason(newSize)}
              </Typography.Paragraph>
            </Flex>
          ) : (
            <Typography.Text type="secondary">{t('detail.noSize')}</Typography.Text>
          )}
        </Flex>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('figuresForm.help')}</Typography.Paragraph>
          {otherErrors.length > 0 ? (
            <Alert type="error" showIcon title={otherErrors.join('；')} style={{ marginBottom: 16 }} />
          ) : null}
          <Form<FigureValues>
            form={form}
            layout="vertical"
            initialValues={initialValues}
            onFinish={(values) => void onFinish(values)}
            data-testid="figures-form"
          >
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="year" label={t('figuresForm.year')} rules={[{ required: true }]}>
                  <Select<number>
                    options={years.map((year) => ({ value: year, label: String(year) }))}
                    onChange={(year) => {
                      form.setFieldsValue(valuesOfYear(detail, year));
                      form.setFields(FIELD_NAMES.map((name) => ({ name, errors: [] })));
                    }}
                    data-testid="figures-year"
                  />
                </Form.Item>
              </Col>
              {FIGURE_FIELDS.map((field) => (
                <Col xs={24} sm={12} key={field.key}>
                  <Form.Item
                    name={field.key}
                    label={t(field.label)}
                    extra={field.required ? t('figuresForm.usedForSize') : undefined}
                  >
                    <InputNumber<number>
                      style={{ width: '100%' }}
                      min={field.signed ? -1e12 : 0}
                      max={field.integer ? 10_000_000 : 1e12}
                      precision={field.integer ? 0 : 2}
                      step={field.integer ? 1 : 0.01}
                      suffix={t(UNIT_LABELS[field.unit])}
                      data-testid={`figures-${field.key}`}
                    />
                  </Form.Item>
                </Col>
              ))}
              <Col xs={24} sm={12}>
                <Form.Item name="vatTaxpayerType" label={t('figures.vatTaxpayerType')}>
                  <Select
                    allowClear
                    options={VAT_TYPES.map((value) => ({ value, label: t(`figures.vat.${value}`) }))}
                  />
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </>
      )}
    </Modal>
  );
}
