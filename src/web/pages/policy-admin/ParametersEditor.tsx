/**
 * The named parameters of a policy (OpenFisca-style dated values): name, unit, legal reference, and values from
 * dates. A form with nested lists; every change is handed up. The parent remounts it (key) when the policy is
 * replaced (loaded, saved, uploaded).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DateInput, todayIso, unitLabel } from './common.tsx';
import { newParameter, type ParamRow, parameterOf, UNITS } from './policyModel.ts';
import type { Problem } from './ruleTree.ts';

interface ParametersEditorProps {
  initial: ParamRow[];
  onChange: (rows: ParamRow[]) => void;
  /** Problems of parameters (fields starting with `parameters`). */
  problems: readonly Problem[];
  readOnly: boolean;
}

const NAME = /^[a-z][a-z0-9_]*$/;

function clean(rows: Partial<ParamRow>[] | undefined): ParamRow[] {
  return (rows ?? []).map((row) => ({
    name: row?.name ?? '',
    unit: row?.unit ?? 'none',
    reference: row?.reference ?? '',
    values: (row?.values ?? []).map((v) => ({ from: v?.from ?? null, value: v?.value ?? null })),
  }));
}

export function ParametersEditor({ initial, onChange, problems, readOnly }: ParametersEditorProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ parameters: ParamRow[] }>();
  const rows = Form.useWatch('parameters', form) as ParamRow[] | undefined;
  const sync = () => onChange(clean(form.getFieldValue('parameters') as ParamRow[] | undefined));
  const problemsOf = (index: number) => {
    const name = rows?.[index]?.name?.trim();
    return problems.filter((p) => {
      const of = parameterOf(p.field);
      return of !== null && (of === name || of === `#${index + 1}`);
    });
  };
  const unmatched = problems.filter((p) => {
    const of = parameterOf(p.field);
    if (of === null) return true;
    return !(rows ?? []).some((row, i) => row?.name?.trim() === of || of === `#${i + 1}`);
  });

  return (
    <Form<{ parameters: ParamRow[] }>
      form={form}
      layout="vertical"
      initialValues={{ parameters: initial }}
      onValuesChange={(_, all) => onChange(clean(all.parameters))}
      disabled={readOnly}
      data-testid="parameters-editor"
    >
      {unmatched.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity beyond their place
        <Typography.Paragraph key={i} type="danger">
          {p.message}
        </Typography.Paragraph>
      ))}
      <Form.List name="parameters">
        {(fields, { add, remove }) => (
          <Flex vertical gap={12}>
            {fields.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policyAdmin.param.none')} />
            ) : null}
            {fields.map((field, index) => {
              const own = problemsOf(index);
              return (
                <Card
                  key={field.key}
                  size="small"
                  data-testid="parameter-card"
                  style={own.length > 0 ? { borderColor: '#ff7875' } : undefined}
                  title={
                    <Typography.Text className="huiqi-mono">
                      {rows?.[index]?.name || t('policyAdmin.param.unnamed', { n: index + 1 })}
                    </Typography.Text>
                  }
                  extra={
                    readOnly ? null : (
                      <Button
                        type="text"
                        danger
                        size="small"
                        icon={<DeleteOutlined />}
                        onClick={() => {
                          remove(field.name);
                          sync();
                        }}
                      >
                        {t('policyAdmin.param.remove')}
                      </Button>
                    )
                  }
                >
                  <Row gutter={12}>
                    <Col xs={24} md={8}>
                      <Form.Item
                        name={[field.name, 'name']}
                        label={t('policyAdmin.param.name')}
                        rules={[
                          { required: true, message: t('policyAdmin.param.nameRequired') },
                          { pattern: NAME, message: t('policyAdmin.param.nameHint'), warningOnly: true },
                        ]}
                      >
                        <Input className="huiqi-mono" placeholder="employees_max" maxLength={60} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item name={[field.name, 'unit']} label={t('policyAdmin.param.unit')}>
                        <Select options={UNITS.map((u) => ({ value: u, label: unitLabel(t, u) }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={10}>
                      <Form.Item
                        name={[field.name, 'reference']}
                        label={t('policyAdmin.param.reference')}
                        rules={[{ required: true, message: t('policyAdmin.param.referenceRequired') }]}
                      >
                        <Input placeholder={t('policyAdmin.param.referencePlaceholder')} maxLength={300} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Typography.Text strong>{t('policyAdmin.param.values')}</Typography.Text>
                  <Form.List name={[field.name, 'values']}>
                    {(valueFields, valueOps) => (
                      <Flex vertical gap={4} style={{ marginTop: 8 }}>
                        {valueFields.map((vf) => (
                          <Flex key={vf.key} gap={8} align="flex-start" wrap>
                            <Form.Item
                              name={[vf.name, 'from']}
                              label={t('policyAdmin.param.from')}
                              layout="horizontal"
                              rules={[{ required: true, message: t('policyAdmin.param.fromRequired') }]}
                              style={{ marginBottom: 8 }}
                            >
                              <DateInput />
                            </Form.Item>
                            <Form.Item
                              name={[vf.name, 'value']}
                              label={t('policyAdmin.param.value')}
                              layout="horizontal"
                              rules={[{ required: true, message: t('policyAdmin.param.valueRequired') }]}
                              style={{ marginBottom: 8 }}
                            >
                              <InputNumber<number> style={{ width: 160 }} />
                            </Form.Item>
                            {readOnly ? null : (
                              <Button
                                type="text"
                                icon={<DeleteOutlined />}
                                aria-label={t('policyAdmin.param.removeValue')}
                                disabled={valueFields.length <= 1}
                                onClick={() => {
                                  valueOps.remove(vf.name);
                                  sync();
                                }}
                              />
                            )}
                          </Flex>
                        ))}
                        {readOnly ? null : (
                          <Button
                            size="small"
                            type="dashed"
                            icon={<PlusOutlined />}
                            style={{ alignSelf: 'flex-start' }}
                            onClick={() => {
                              valueOps.add({ from: todayIso(), value: null });
                              sync();
                            }}
                          >
                            {t('policyAdmin.param.addValue')}
                          </Button>
                        )}
                      </Flex>
                    )}
                  </Form.List>
                  {own.map((p, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity beyond their place
                    <Typography.Paragraph key={i} type="danger" style={{ margin: '8px 0 0' }}>
                      {p.message}
                    </Typography.Paragraph>
                  ))}
                </Card>
              );
            })}
            {readOnly ? null : (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => {
                  add(newParameter(todayIso()));
                  sync();
                }}
                data-testid="parameter-add"
              >
                {t('policyAdmin.param.add')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </Form>
  );
}
