/**
 * 登记成交结果 (a buyer, on a project's page): the award's date, the supplier (USCC, name), the amount, whether it
 * falls in the project's reserved part, the winner's declared size and role (the small/micro share of the contract for
 * a consortium or a subcontract), and the items of its 中小企业声明函 (none for a large winner). Saved through
 * POST /api/procurement/projects/:id/awards, which checks each declaration; the award's page then shows the checks.
 * The server's field errors land on their inputs, a declaration's on its item.
 *
 * With an award (its page's 更正 action) the same form corrects it: filled with the award as it is, a reason asked, saved
 * through PUT /api/procurement/awards/:id on the version read (the declarations are all checked again).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { ApiError } from '../../api/client.ts';
import {
  type Award,
  type AwardInput,
  type BidderSize,
  type BidRole,
  type Project,
  procurementApi,
} from '../../api/procurement.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { applyNestedFieldErrors, clearFormErrors, type FieldName } from '../../lib/formErrors.ts';
import {
  DECLARATION_FIELDS,
  DeclarationFields,
  type DeclarationValues,
  declarationBody,
} from './DeclarationFields.tsx';
import { cleanNumber, fieldPath, PERCENT_PATTERN, USCC_PATTERN, YUAN_PATTERN } from './procurementModel.ts';
import { BID_ROLES, BIDDER_SIZES, useTermName, useTermOptions, Yuan } from './procurementParts.tsx';
import { useSupplierLookup } from './supplierPrefill.ts';

interface AwardValues {
  awardedOn?: Dayjs | null;
  title?: string;
  supplierUscc?: string;
  supplierName?: string;
  amount?: string;
  reserved: boolean;
  declaredSize?: BidderSize | null;
  role: BidRole;
  smallMicroShare?: string;
  declarations: DeclarationValues[];
  /** A correction's reason. */
  reason?: string;
}

/** The form's values of an award as it is (a correction starts from them). */
export function awardValues(award: Award): AwardValues {
  return {
    awardedOn: dayjs(award.awardedOn),
    title: award.title,
    supplierUscc: award.supplierUscc ?? undefined,
    supplierName: award.supplierName,
    amount: award.amount,
    reserved: award.reserved,
    declaredSize: award.declaredSize,
    role: award.role,
    smallMicroShare: award.smallMicroShare ?? undefined,
    declarations: award.declarations.map((d) => ({
      item: d.item,
      tenderIndustryCode: d.tenderIndustryCode,
      declaredIndustryCode: d.declaredIndustryCode ?? undefined,
      signedOn: dayjs(d.signedOn),
      figuresYear: d.figuresYear,
      employees: d.employees,
      operatingRevenue: d.operatingRevenue === null ? null : Number(d.operatingRevenue),
      totalAssets: d.totalAssets === null ? null : Number(d.totalAssets),
      declaredSize: d.declaredSize as DeclarationValues['declaredSize'],
    })),
  };
}

const TOP = [
  'awardedOn',
  'title',
  'supplierUscc',
  'supplierName',
  'amount',
  'reserved',
  'declaredSize',
  'role',
  'smallMicroShare',
  'reason',
];

/** The form item a server's field error names: a top field, a declaration's field, or the declarations. */
export function awardFieldName(field: string): FieldName | null {
  const [head, index, leaf] = fieldPath(field);
  if (typeof head !== 'string') return null;
  if (TOP.includes(head)) return [head];
  if (head !== 'declarations') return null;
  if (typeof index !== 'number') return ['declarations'];
  return [
    'declarations',
    index,
    typeof leaf === 'string' && (DECLARATION_FIELDS as readonly string[]).includes(leaf) ? leaf : 'item',
  ];
}

function awardBody(values: AwardValues): AwardInput {
  const uscc = values.supplierUscc?.trim().toUpperCase();
  const title = values.title?.trim();
  const share = cleanNumber(values.smallMicroShare);
  const partner = values.role !== 'single';
  return {
    awardedOn: values.awardedOn?.format('YYYY-MM-DD') ?? '',
    ...(title ? { title } : {}),
    ...(uscc ? { supplierUscc: uscc } : {}),
    supplierName: (values.supplierName ?? '').trim(),
    amount: cleanNumber(values.amount),
    reserved: values.reserved,
    ...(values.declaredSize ? { declaredSize: values.declaredSize } : {}),
    role: values.role,
    ...(partner && share ? { smallMicroShare: share } : {}),
    ...(values.declarations.length > 0 ? { declarations: values.declarations.map(declarationBody) } : {}),
  };
}

export function AwardDrawer({
  project,
  award,
  onClose,
}: {
  project: Pick<Project, 'id' | 'name' | 'announcementDate' | 'budget' | 'reservedAmount'>;
  /** The award to correct (else a new one is recorded). */
  award?: Award;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<AwardValues>();
  const sizeOptions = useTermOptions(BIDDER_SIZES);
  const roleOptions = useTermOptions(BID_ROLES);
  const role = Form.useWatch('role', form) ?? 'single';
  const declaredSize = Form.useWatch('declaredSize', form);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [listErrors, setListErrors] = useState<string[]>([]);
  const reservesNothing = project.reservedAmount === '0';
  const termName = useTermName();
  const supplier = useSupplierLookup(
    (name) => form.setFieldValue('supplierName', name),
    () => form.getFieldValue('supplierName'),
  );

  const onFinish = async (values: AwardValues) => {
    setSaving(true);
    setFailure(null);
    setListErrors([]);
    clearFormErrors(form);
    try {
      const body = awardBody({ ...values, declarations: values.declarations ?? [] });
      if (award) {
        await procurementApi.correctAward(award.id, {
          ...body,
          version: award.version,
          reason: (values.reason ?? '').trim(),
        });
        onClose();
        navigate(`/app/procurement/awards/${award.id}?corrected=1`);
        return;
      }
      const recorded = await procurementApi.recordAward(project.id, body);
      onClose();
      navigate(`/app/procurement/awards/${recorded.id}?recorded=1`);
    } catch (error) {
      const { list, unmatched } = applyNestedFieldErrors(form, error, awardFieldName, ['declarations']);
      setListErrors(list);
      const allShown = error instanceof ApiError && error.errors.length > 0 && unmatched.length === 0;
      setFailure(
        allShown
          ? t('proc.calc.fixFields')
          : [error instanceof Error ? error.message : String(error), ...unmatched].join(
              t('proc.listSeparator'),
            ),
      );
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, message: t('proc.form.required') };
  const pattern = (re: { test: (value: string) => boolean }, message: string, upper = false) => ({
    validator: (_: unknown, value: string | undefined) => {
      const v = upper ? (value ?? '').trim().toUpperCase() : cleanNumber(value);
      return !value || re.test(v) ? Promise.resolve() : Promise.reject(new Error(message));
    },
  });

  return (
    <Drawer
      open
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={t(award ? 'proc.award.correctTitle' : 'proc.award.recordTitle', { name: project.name })}
      data-testid="award-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="award-submit">
            {award ? t('proc.award.correctSave') : t('proc.award.record')}
          </Button>
        </Space>
      }
    >
      <Form<AwardValues>
        form={form}
        layout="vertical"
        initialValues={
          award
            ? awardValues(award)
            : {
                awardedOn: dayjs(todayInChina()),
                reserved: false,
                role: 'single',
                declarations: [],
              }
        }
        scrollToFirstError={{ block: 'center', behavior: 'smooth' }}
        onFinish={(values) => void onFinish(values)}
        onValuesChange={() => {
          if (failure) setFailure(null);
        }}
        data-testid="award-form"
      >
        <Typography.Paragraph type="secondary">
          {t('proc.award.projectLine', { date: project.announcementDate })} <Yuan value={project.budget} />
        </Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="awardedOn"
              label={t('proc.award.awardedOn')}
              rules={[required]}
              extra={t('proc.award.awardedOnHelp', { date: project.announcementDate })}
            >
              <DatePicker style={{ width: '100%' }} data-testid="award-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="amount"
              label={t('proc.award.amount')}
              rules={[required, pattern(YUAN_PATTERN, t('proc.form.yuan'))]}
            >
              <Input suffix={t('proc.unit.yuan')} inputMode="decimal" data-testid="award-amount" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="title"
          label={`${t('proc.award.title')} ${t('common.optional')}`}
          extra={t('proc.award.titleHelp')}
        >
          <Input maxLength={200} data-testid="award-title" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item
              name="supplierUscc"
              label={`${t('proc.award.supplierUscc')} ${t('common.optional')}`}
              extra={t('proc.award.supplierUsccHelp')}
              rules={[pattern(USCC_PATTERN, t('proc.form.uscc'), true)]}
            >
              <Input
                maxLength={18}
                className="huiqi-mono"
                data-testid="award-uscc"
                onChange={(event) => supplier.onCodeChange(event.target.value)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name="supplierName"
              label={t('proc.award.supplierName')}
              rules={[required]}
              extra={
                supplier.found && (
                  <span data-testid="award-supplier-registry">
                    {t('proc.award.supplierRegistry', {
                      name: supplier.found.name,
                      size:
                        supplier.found.size && BIDDER_SIZES.some((term) => term.code === supplier.found?.size)
                          ? termName(BIDDER_SIZES, supplier.found.size)
                          : t('proc.award.supplierUnclassified'),
                    })}
                  </span>
                )
              }
            >
              <Input maxLength={200} data-testid="award-supplier" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="declaredSize"
              label={t('proc.award.declaredSize')}
              extra={t('proc.award.declaredSizeHelp')}
              rules={[required]}
            >
              <Select options={sizeOptions} data-testid="award-size" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="role" label={t('proc.award.role')} rules={[required]}>
              <Select options={roleOptions} data-testid="award-role" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="reserved"
              label={t('proc.award.reserved')}
              extra={reservesNothing ? t('proc.award.reservedNone') : t('proc.award.reservedHelp')}
            >
              <Radio.Group disabled={reservesNothing} data-testid="award-reserved">
                <Radio value={true}>{t('common.yes')}</Radio>
                <Radio value={false}>{t('common.no')}</Radio>
              </Radio.Group>
            </Form.Item>
          </Col>
          {role === 'single' ? null : (
            <Col xs={24} md={12}>
              <Form.Item
                name="smallMicroShare"
                label={t('proc.award.smallMicroShare')}
                extra={t('proc.award.smallMicroShareHelp')}
                rules={[required, pattern(PERCENT_PATTERN, t('proc.form.percent'))]}
              >
                <Input suffix="%" inputMode="decimal" data-testid="award-share" />
              </Form.Item>
            </Col>
          )}
        </Row>

        <Typography.Title level={5}>{t('proc.award.declarations')}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {declaredSize === 'large' ? t('proc.award.declarationsLarge') : t('proc.award.declarationsHelp')}
        </Typography.Paragraph>
        <Form.List name="declarations">
          {(fields, { add, remove }) => (
            <Flex vertical gap={12}>
              {fields.map((field) => (
                <Card
                  key={field.key}
                  size="small"
                  title={t('proc.award.declarationItem', { n: field.name + 1 })}
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      data-testid={`award-decl-remove-${field.name}`}
                    >
                      {t('proc.award.removeItem')}
                    </Button>
                  }
                  data-testid="award-declaration"
                >
                  <DeclarationFields
                    name={[field.name]}
                    fullName={['declarations', field.name]}
                    testId={`award-decl-${field.name}`}
                  />
                </Card>
              ))}
              {listErrors.length > 0 ? (
                <Alert type="error" showIcon title={listErrors.join(t('proc.listSeparator'))} />
              ) : null}
              <div>
                <Button
                  icon={<PlusOutlined />}
                  disabled={declaredSize === 'large' || fields.length >= 100}
                  onClick={() =>
                    add({
                      signedOn: dayjs(todayInChina()),
                      figuresYear: dayjs(todayInChina()).year() - 1,
                      declaredSize: declaredSize && declaredSize !== 'large' ? declaredSize : 'small',
                    } satisfies DeclarationValues)
                  }
                  data-testid="award-decl-add"
                >
                  {t('proc.award.addItem')}
                </Button>
              </div>
            </Flex>
          )}
        </Form.List>
        {award ? (
          <Form.Item
            name="reason"
            label={t('proc.award.correctReason')}
            extra={t('proc.award.correctReasonHelp')}
            style={{ marginTop: 16 }}
            rules={[required, { min: 2, whitespace: true, message: t('proc.award.correctReasonShort') }]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="award-reason" />
          </Form.Item>
        ) : null}
        {failure ? (
          <Alert type="error" showIcon title={failure} style={{ marginTop: 16 }} data-testid="award-error" />
        ) : null}
      </Form>
    </Drawer>
  );
}
