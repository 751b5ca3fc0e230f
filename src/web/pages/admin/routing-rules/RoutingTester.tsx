/**
 * "Which rule routes this case?": the admin picks a case type, a category and a region and sees, from the rules as
 * listed, the department that would handle such a case, the rule that decides it, equally specific rules (whose
 * order the server does not define), less specific ones and inactive ones that would apply.
 */
import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Form, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { RoutingRule } from '../../../api/routingRules.ts';
import { ScopedRegionCascader } from '../../../components/RegionCascader.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import {
  ARREARS_CATEGORY,
  CASE_TYPES,
  type CaseTypeName,
  categoriesOf,
  explainRouting,
} from './routingModel.ts';
import { CaseTypeTag, caseTypeLabel, categoryLabel, limitsText, RegionPrefixName } from './ruleParts.tsx';

interface RoutingTesterProps {
  rules: readonly RoutingRule[];
  departmentName: (code: string) => string;
  onEdit: (rule: RoutingRule) => void;
}

const ids = (rules: readonly RoutingRule[]) => rules.map((rule) => `#${rule.id}`).join(', ');

export function RoutingTester({ rules, departmentName, onEdit }: RoutingTesterProps) {
  const { t } = useI18n();
  const [caseType, setCaseType] = useState<CaseTypeName>('demand');
  const [demandCategory, setDemandCategory] = useState<string>(categoriesOf('demand')[0] ?? 'other');
  const [regionCode, setRegionCode] = useState<string | undefined>(undefined);
  const category = caseType === 'arrears' ? ARREARS_CATEGORY : demandCategory;
  const explained = regionCode ? explainRouting(rules, { caseType, category, regionCode }) : null;

  return (
    <Card title={t('routingRules.tester.title')} data-testid="routing-tester">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('routingRules.tester.intro')}</Typography.Text>
        <Form layout="vertical" component="div">
          <Flex gap={12} wrap>
            <Form.Item label={t('routingRules.tester.type')} style={{ flex: '1 1 160px', marginBottom: 8 }}>
              <Select<CaseTypeName>
                value={caseType}
                onChange={setCaseType}
                options={CASE_TYPES.map((type) => ({ value: type, label: caseTypeLabel(t, type) }))}
                data-testid="tester-type"
              />
            </Form.Item>
            <Form.Item
              label={t('routingRules.tester.category')}
              style={{ flex: '1 1 160px', marginBottom: 8 }}
            >
              <Select<string>
                value={category}
                onChange={setDemandCategory}
                disabled={caseType === 'arrears'}
                options={categoriesOf(caseType).map((value) => ({ value, label: categoryLabel(t, value) }))}
                data-testid="tester-category"
              />
            </Form.Item>
            <Form.Item label={t('routingRules.tester.region')} style={{ flex: '2 1 260px', marginBottom: 8 }}>
              <ScopedRegionCascader
                rootCode={null}
                value={regionCode}
                onChange={setRegionCode}
                placeholder={t('routingRules.tester.regionPlaceholder')}
                ariaLabel={t('routingRules.tester.region')}
                testId="tester-region"
              />
            </Form.Item>
          </Flex>
        </Form>
        {explained ? (
          <Flex vertical gap={12} data-testid="tester-result">
            <Descriptions
              size="small"
              column={1}
              bordered
              items={[
                {
                  key: 'department',
                  label: t('routingRules.tester.department'),
                  children: (
                    <Typography.Text strong data-testid="tester-department">
                      {departmentName(explained.departmentCode)}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'rule',
                  label: t('routingRules.tester.rule'),
                  children: explained.rule ? (
                    <Flex vertical gap={4} data-testid="tester-rule">
                      <Flex gap={8} align="center" wrap>
                        <Typography.Text>
                          {t('routingRules.tester.byRule', { id: explained.rule.id })}
                        </Typography.Text>
                        <Button
                          type="link"
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() => explained.rule && onEdit(explained.rule)}
                        >
                          {t('routingRules.tester.editRule')}
                        </Button>
                      </Flex>
                      <Flex gap={4} wrap align="center">
                        <CaseTypeTag type={explained.rule.caseType} />
                        <Tag>{categoryLabel(t, explained.rule.category)}</Tag>
                        <Typography.Text type="secondary">
                          <RegionPrefixName prefix={explained.rule.regionPrefix} />
                        </Typography.Text>
                      </Flex>
                    </Flex>
                  ) : (
                    <Typography.Text data-testid="tester-rule">
                      {t('routingRules.tester.byDefault', {
                        department: departmentName(explained.departmentCode),
                      })}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'limits',
                  label: t('routingRules.tester.limits'),
                  children: limitsText(t, caseType, explained.acceptWorkingDays, explained.resultDays),
                },
              ]}
            />
            {explained.ties.length > 0 ? (
              <Alert
                type="warning"
                showIcon
                title={t('routingRules.tester.ties', {
                  ids: ids(explained.ties),
                })}
                data-testid="tester-ties"
              />
            ) : null}
            {explained.outranked.length > 0 ? (
              <Typography.Text type="secondary">
                {t('routingRules.tester.outranked', { ids: ids(explained.outranked) })}
              </Typography.Text>
            ) : null}
            {explained.inactive.length > 0 ? (
              <Typography.Text type="secondary">
                {t('routingRules.tester.inactive', { ids: ids(explained.inactive) })}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('routingRules.tester.pickRegion')}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
