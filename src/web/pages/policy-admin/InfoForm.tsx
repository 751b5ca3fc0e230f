/**
 * 基本信息: what the policy is (id, titles, issuer, 文号, dates), where it applies (regions; none = national),
 * how it is obtained (method), topics, and its texts (benefit, how to obtain, interpretation, contact, link,
 * full text). Every change is handed up; the server's field problems land on their items.
 */
import { Button, Card, Col, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import type { RuleVocabulary } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DateInput, labelOf, RegionCodesInput } from './common.tsx';
import { type InfoValues, infoFieldErrors, METHODS } from './policyModel.ts';
import type { Problem } from './ruleTree.ts';

interface InfoFormProps {
  initial: InfoValues;
  onChange: (values: InfoValues) => void;
  /** Problems of this form's fields. */
  problems: readonly Problem[];
  isNew: boolean;
  readOnly: boolean;
  vocabulary: RuleVocabulary | undefined;
  /** The official's region: the regions offered start there (null: every province). */
  rootCode: string | null;
  /** Whether the user may leave the regions empty (a national policy). */
  nationalAllowed: boolean;
  /** A free id to propose for a new policy. */
  onProposeId?: () => Promise<string>;
}

const SLUG = /^[a-z0-9][a-z0-9-]{2,80}$/;

export function InfoForm({
  initial,
  onChange,
  problems,
  isNew,
  readOnly,
  vocabulary,
  rootCode,
  nationalAllowed,
  onProposeId,
}: InfoFormProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<InfoValues>();
  const shown = useRef<(string | number)[][]>([]);

  // The server's problems on their items; those of the last answer are cleared first.
  useEffect(() => {
    const next = infoFieldErrors(problems);
    const cleared = shown.current
      .filter((name) => !next.some((n) => n.name.join('.') === name.join('.')))
      .map((name) => ({ name, errors: [] as string[] }));
    form.setFields([...cleared, ...next] as Parameters<typeof form.setFields>[0]);
    shown.current = next.map((n) => n.name);
  }, [problems, form]);

  const required = (field: string) => ({
    required: true,
    message: t('policyAdmin.form.required', { field }),
  });
  const topics = vocabulary?.topics ?? initial.topics;

  return (
    <Form<InfoValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={readOnly}
      onValuesChange={() => onChange(form.getFieldsValue(true) as InfoValues)}
      data-testid="policy-info-form"
    >
      <Flex vertical gap={16}>
        <Card size="small" title={t('policyAdmin.info.identity')}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              {isNew ? (
                <Form.Item
                  name="id"
                  label={t('policyAdmin.field.id')}
                  extra={`${t('policyAdmin.field.idProposedHelp')} ${t('policyAdmin.field.idHelp')}`}
                  rules={[
                    required(t('policyAdmin.field.id')),
                    { pattern: SLUG, message: t('policyAdmin.field.idInvalid') },
                  ]}
                >
                  <Input
                    className="huiqi-mono"
                    maxLength={81}
                    data-testid="policy-field-id"
                    suffix={
                      onProposeId ? (
                        <Button
                          type="link"
                          size="small"
                          style={{ padding: 0, height: 'auto' }}
                          onClick={() =>
                            void onProposeId().then((id) => {
                              form.setFieldValue('id', id);
                              onChange(form.getFieldsValue(true) as InfoValues);
                            })
                          }
                          data-testid="policy-propose-id"
                        >
                          {t('policyAdmin.field.idPropose')}
                        </Button>
                      ) : null
                    }
                  />
                </Form.Item>
              ) : (
                <Form.Item label={t('policyAdmin.field.id')}>
                  <Typography.Text code className="huiqi-mono">
                    {initial.id}
                  </Typography.Text>
                </Form.Item>
              )}
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="documentNumber"
                label={t('policyAdmin.field.documentNumber')}
                rules={[required(t('policyAdmin.field.documentNumber'))]}
              >
                <Input
                  maxLength={200}
                  placeholder="财政部 税务总局公告2023年第12号"
                  data-testid="policy-field-docno"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['title', 'zh']}
                label={t('policyAdmin.field.titleZh')}
                rules={[required(t('policyAdmin.field.titleZh'))]}
              >
                <Input maxLength={300} data-testid="policy-field-title-zh" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['title', 'en']} label={t('policyAdmin.field.titleEn')}>
                <Input maxLength={300} data-testid="policy-field-title-en" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="issuer"
                label={t('policyAdmin.field.issuer')}
                rules={[required(t('policyAdmin.field.issuer'))]}
              >
                <Input maxLength={200} data-testid="policy-field-issuer" />
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>
              <Form.Item name="issuedOn" label={t('policyAdmin.field.issuedOn')}>
                <DateInput testId="policy-field-issued" />
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>
              <Form.Item
                name="effectiveFrom"
                label={t('policyAdmin.field.effectiveFrom')}
                rules={[required(t('policyAdmin.field.effectiveFrom'))]}
              >
                <DateInput testId="policy-field-effective" />
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>
              <Form.Item
                name="expiresOn"
                label={t('policyAdmin.field.expiresOn')}
                extra={t('policyAdmin.field.expiresHelp')}
              >
                <DateInput testId="policy-field-expires" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card size="small" title={t('policyAdmin.info.scope')}>
          <Form.Item
            name="regions"
            label={t('policyAdmin.field.regions')}
            extra={
              nationalAllowed ? t('policyAdmin.field.regionsHelp') : t('policyAdmin.field.regionsHelpLocal')
            }
          >
            <RegionCodesInput
              rootCode={rootCode}
              emptyText={t('policyAdmin.field.national')}
              disabled={readOnly}
              testId="policy-field-regions"
            />
          </Form.Item>
          <Form.Item name="method" label={t('policyAdmin.field.method')}>
            <Radio.Group
              data-testid="policy-field-method"
              options={METHODS.map((m) => ({
                value: m,
                label: (
                  <span>
                    {labelOf(t, 'policyAdmin.method', m)}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {labelOf(t, 'policyAdmin.methodHelp', m)}
                    </Typography.Text>
                  </span>
                ),
              }))}
            />
          </Form.Item>
          <Form.Item name="topics" label={t('policyAdmin.field.topics')}>
            <Select<string[]>
              mode="multiple"
              allowClear
              options={topics.map((topic) => ({
                value: topic,
                label: labelOf(t, 'policyAdmin.topic', topic),
              }))}
              placeholder={t('policyAdmin.field.topicsPlaceholder')}
              data-testid="policy-field-topics"
            />
          </Form.Item>
        </Card>

        <Card size="small" title={t('policyAdmin.info.content')}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name={['benefit', 'zh']}
                label={t('policyAdmin.field.benefitZh')}
                rules={[required(t('policyAdmin.field.benefitZh'))]}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="policy-field-benefit-zh" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['benefit', 'en']} label={t('policyAdmin.field.benefitEn')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['howTo', 'zh']} label={t('policyAdmin.field.howToZh')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['howTo', 'en']} label={t('policyAdmin.field.howToEn')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['interpretation', 'zh']} label={t('policyAdmin.field.interpretationZh')}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['interpretation', 'en']} label={t('policyAdmin.field.interpretationEn')}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="contact" label={t('policyAdmin.field.contact')}>
                <Input maxLength={500} placeholder={t('policyAdmin.field.contactPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="link"
                label={t('policyAdmin.field.link')}
                rules={[{ pattern: /^https?:\/\/\S+$/, message: t('policyAdmin.field.linkInvalid') }]}
              >
                <Input maxLength={2000} placeholder="https://" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="applyUrl"
                label={t('policyAdmin.field.applyUrl')}
                rules={[{ pattern: /^https?:\/\/\S+$/, message: t('policyAdmin.field.linkInvalid') }]}
              >
                <Input maxLength={2000} placeholder="https://" data-testid="policy-field-apply-url" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="applyOffice" label={t('policyAdmin.field.applyOffice')}>
                <Input
                  maxLength={500}
                  placeholder={t('policyAdmin.field.applyOfficePlaceholder')}
                  data-testid="policy-field-apply-office"
                />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="fullText" label={t('policyAdmin.field.fullText')}>
                <Input.TextArea rows={10} data-testid="policy-field-fulltext" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
      </Flex>
    </Form>
  );
}
