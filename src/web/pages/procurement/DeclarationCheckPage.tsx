/**
 * `/app/procurement/check` (声明函核查; buyers and supervising officials): one 中小企业声明函 item checked before an
 * award is recorded — the declared prior-year figures classified under the industry the tender fixes, compared with
 * the declared size, year and industry, and, given the supplier's USCC, with the registry's figures of that year
 * (POST /api/procurement/declarations/check). Nothing is stored. The server's field errors land on their inputs.
 */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Form, Input, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { ApiError } from '../../api/client.ts';
import { type DeclarationCheck, type DeclarationInput, procurementApi } from '../../api/procurement.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { applyNestedFieldErrors, clearFormErrors } from '../../lib/formErrors.ts';
import { canOpen } from '../../roleAccess.ts';
import { DeclarationCard } from './DeclarationCard.tsx';
import {
  DECLARATION_FIELDS,
  DeclarationFields,
  type DeclarationValues,
  declarationBody,
} from './DeclarationFields.tsx';
import { fieldPath, USCC_PATTERN } from './procurementModel.ts';
import { PageHeading } from './procurementParts.tsx';

interface CheckValues {
  supplierUscc?: string;
  declaration: DeclarationValues;
}

export default function DeclarationCheckPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const [form] = Form.useForm<CheckValues>();
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<{ input: DeclarationInput; check: DeclarationCheck } | null>(null);

  const onFinish = async (values: CheckValues) => {
    setChecking(true);
    setFailure(null);
    clearFormErrors(form);
    const declaration = declarationBody(values.declaration);
    const uscc = values.supplierUscc?.trim().toUpperCase();
    try {
      const check = await procurementApi.checkDeclaration({
        declaration,
        ...(uscc ? { supplierUscc: uscc } : {}),
      });
      setResult({ input: declaration, check });
    } catch (error) {
      setResult(null);
      const { unmatched } = applyNestedFieldErrors(form, error, (field) => {
        const [head, leaf] = fieldPath(field);
        if (head === 'supplierUscc') return ['supplierUscc'];
        if (head === 'declaration')
          return [
            'declaration',
            typeof leaf === 'string' && (DECLARATION_FIELDS as readonly string[]).includes(leaf)
              ? leaf
              : 'item',
          ];
        return null;
      });
      const allShown = error instanceof ApiError && error.errors.length > 0 && unmatched.length === 0;
      setFailure(
        allShown
          ? t('proc.calc.fixFields')
          : [error instanceof Error ? error.message : String(error), ...unmatched].join(
              t('proc.listSeparator'),
            ),
      );
    } finally {
      setChecking(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('proc.check.title')} intro={t('proc.check.intro')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={13}>
          <Card>
            <Form<CheckValues>
              form={form}
              layout="vertical"
              initialValues={{
                declaration: {
                  signedOn: dayjs(todayInChina()),
                  figuresYear: dayjs(todayInChina()).year() - 1,
                  declaredSize: 'small',
                },
              }}
              onFinish={(values) => void onFinish(values)}
              onValuesChange={() => {
                if (failure) setFailure(null);
              }}
              data-testid="check-form"
            >
              <Form.Item
                name="supplierUscc"
                label={`${t('proc.award.supplierUscc')} ${t('common.optional')}`}
                extra={t('proc.check.usccHelp')}
                rules={[
                  {
                    validator: (_: unknown, value: string | undefined) =>
                      !value || USCC_PATTERN.test(value.trim().toUpperCase())
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('proc.form.uscc'))),
                  },
                ]}
              >
                <Input
                  maxLength={18}
                  className="huiqi-mono"
                  style={{ maxWidth: 320 }}
                  data-testid="check-uscc"
                />
              </Form.Item>
              <DeclarationFields name={['declaration']} fullName={['declaration']} testId="check" />
              {failure ? (
                <Alert
                  type="error"
                  showIcon
                  title={failure}
                  style={{ marginBottom: 16 }}
                  data-testid="check-error"
                />
              ) : null}
              <Space>
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<SafetyCertificateOutlined />}
                  loading={checking}
                  data-testid="check-submit"
                >
                  {t('proc.check.submit')}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    setResult(null);
                    setFailure(null);
                  }}
                >
                  {t('common.reset')}
                </Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card title={t('proc.check.result')} data-testid="check-result">
            {result ? (
              <Flex vertical gap={12}>
                {result.check.enterpriseId !== null ? (
                  <Typography.Text>
                    {t('proc.check.inRegistry')}{' '}
                    {user && canOpen(user.role, 'enterprises') ? (
                      <Link to={`/app/enterprises/${result.check.enterpriseId}`}>
                        {t('proc.check.openEnterprise')}
                      </Link>
                    ) : null}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t('proc.check.notInRegistry')}</Typography.Text>
                )}
                <DeclarationCard
                  index={0}
                  declaration={{
                    item: result.input.item,
                    tenderIndustryCode: result.input.tenderIndustryCode,
                    declaredIndustryCode: result.input.declaredIndustryCode ?? null,
                    signedOn: result.input.signedOn,
                    figuresYear: result.input.figuresYear ?? null,
                    employees: result.input.employees ?? null,
                    operatingRevenue:
                      result.input.operatingRevenue === undefined
                        ? null
                        : String(result.input.operatingRevenue),
                    totalAssets:
                      result.input.totalAssets === undefined ? null : String(result.input.totalAssets),
                    declaredSize: result.input.declaredSize,
                    standardSize: result.check.standardSize,
                    registrySize: result.check.registrySize,
                    findings: result.check.findings,
                  }}
                />
              </Flex>
            ) : (
              <Empty description={t('proc.check.empty')} />
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
