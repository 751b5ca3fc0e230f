/**
 * The fields of one 中小企业声明函 item (docs/reference/procurement.md §5): the item, the industry the tender fixes
 * (the app's industry picker) and the one the declaration states when it states another, the signing date, the
 * year of the figures (the year before the signing, as the help says), the prior year's employees, operating
 * revenue and total assets (万元; blank for a new firm) and the size declared. Used by the award's form (a list of
 * items) and by the standalone check.
 */
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import type { DeclarationInput } from '../../api/procurement.ts';
import { IndustryPicker } from '../../components/IndustryPicker.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FIGURES_YEAR_DEPENDS_ON, figuresYearProblem } from './declarationModel.ts';
import { BIDDER_SIZES, useTermOptions } from './procurementParts.tsx';

/** One declaration item as a form holds it. */
export interface DeclarationValues {
  item?: string;
  tenderIndustryCode?: string;
  declaredIndustryCode?: string;
  signedOn?: Dayjs | null;
  figuresYear?: number | null;
  employees?: number | null;
  operatingRevenue?: number | null;
  totalAssets?: number | null;
  declaredSize?: DeclarationInput['declaredSize'];
}

/** The names of a declaration's fields (a server's error on one lands on it). */
export const DECLARATION_FIELDS = [
  'item',
  'tenderIndustryCode',
  'declaredIndustryCode',
  'signedOn',
  'figuresYear',
  'employees',
  'operatingRevenue',
  'totalAssets',
  'declaredSize',
] as const;

const present = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined && !Number.isNaN(value);

/** A declaration item's request from the form (blank figures left out). */
export function declarationBody(values: DeclarationValues): DeclarationInput {
  const declared = values.declaredIndustryCode?.trim();
  return {
    item: (values.item ?? '').trim(),
    tenderIndustryCode: values.tenderIndustryCode ?? '',
    ...(declared ? { declaredIndustryCode: declared } : {}),
    signedOn: values.signedOn?.format('YYYY-MM-DD') ?? '',
    ...(present(values.figuresYear) ? { figuresYear: values.figuresYear } : {}),
    ...(present(values.employees) ? { employees: values.employees } : {}),
    ...(present(values.operatingRevenue) ? { operatingRevenue: values.operatingRevenue } : {}),
    ...(present(values.totalAssets) ? { totalAssets: values.totalAssets } : {}),
    declaredSize: values.declaredSize ?? 'small',
  };
}

interface DeclarationFieldsProps {
  /** The items' names relative to where they stand (a Form.List field's name first, or the object's name). */
  name: (string | number)[];
  /** The same from the form's root (to read the signing date). */
  fullName: (string | number)[];
  /** Test ids `<testId>-item`, `<testId>-signed`, … */
  testId: string;
}

export function DeclarationFields({ name, fullName, testId }: DeclarationFieldsProps) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const signedOn = Form.useWatch([...fullName, 'signedOn'], form) as Dayjs | null | undefined;
  const sizeOptions = useTermOptions(BIDDER_SIZES.filter((size) => size.code !== 'large'));
  const priorYear = signedOn?.isValid() ? signedOn.year() - 1 : null;
  const required = { required: true, message: t('proc.form.required') };
  // The server's figures-year check, asked again whenever the signing date or a figure changes (a figure removed
  // leaves the figures blank, and a blank declaration asks for no year).
  const figuresYearRule = {
    validator: () => {
      const item = (form.getFieldValue(fullName) ?? {}) as DeclarationValues;
      const signed = item.signedOn?.isValid() ? item.signedOn.year() : null;
      const problem = figuresYearProblem(signed, item);
      if (problem === null) return Promise.resolve();
      return Promise.reject(
        new Error(
          t(problem.kind === 'missing' ? 'proc.decl.figuresYearMissing' : 'proc.decl.figuresYearWrong', {
            year: problem.expected,
          }),
        ),
      );
    },
  };
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={[...name, 'item']} label={t('proc.decl.item')} rules={[required]}>
            <Input maxLength={200} data-testid={`${testId}-item`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[...name, 'declaredSize']} label={t('proc.decl.declaredSize')} rules={[required]}>
            <Select options={sizeOptions} data-testid={`${testId}-size`} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name={[...name, 'tenderIndustryCode']}
            label={t('proc.decl.tenderIndustry')}
            extra={t('proc.decl.tenderIndustryHelp')}
            rules={[required]}
          >
            <IndustryPicker maxLevel="group" testId={`${testId}-tender-industry`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={[...name, 'declaredIndustryCode']}
            label={`${t('proc.decl.declaredIndustry')} ${t('common.optional')}`}
            extra={t('proc.decl.declaredIndustryHelp')}
          >
            <IndustryPicker maxLevel="group" testId={`${testId}-declared-industry`} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name={[...name, 'signedOn']} label={t('proc.decl.signedOn')} rules={[required]}>
            <DatePicker style={{ width: '100%' }} data-testid={`${testId}-signed`} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={[...name, 'figuresYear']}
            label={t('proc.decl.figuresYear')}
            rules={[figuresYearRule]}
            dependencies={FIGURES_YEAR_DEPENDS_ON.map((field) => [...fullName, field])}
            extra={
              priorYear === null
                ? t('proc.decl.figuresYearHelp')
                : t('proc.decl.figuresYearExpected', { year: priorYear })
            }
          >
            <InputNumber<number>
              min={1990}
              max={2100}
              precision={0}
              style={{ width: '100%' }}
              data-testid={`${testId}-year`}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name={[...name, 'employees']} label={t('proc.decl.employees')}>
            <InputNumber<number>
              min={0}
              max={10_000_000}
              precision={0}
              suffix={t('proc.unit.persons')}
              style={{ width: '100%' }}
              data-testid={`${testId}-employees`}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={[...name, 'operatingRevenue']} label={t('proc.decl.operatingRevenue')}>
            <InputNumber<number>
              min={0}
              max={1e12}
              suffix={t('proc.unit.wan')}
              style={{ width: '100%' }}
              data-testid={`${testId}-revenue`}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={[...name, 'totalAssets']} label={t('proc.decl.totalAssets')}>
            <InputNumber<number>
              min={0}
              max={1e12}
              suffix={t('proc.unit.wan')}
              style={{ width: '100%' }}
              data-testid={`${testId}-assets`}
            />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
