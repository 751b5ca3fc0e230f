/**
 * `/app/admin/routing-rules`: the routing rules of cases (which department of which region handles a case type
 * and category), filtered by type, added and changed in a drawer, switched on and off in the table; how the most
 * specific rule is chosen, and a tester showing which rule routes a given case.
 */
import { EditOutlined, PlusOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  Flex,
  Row,
  Segmented,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { type RoutingRule, routingRulesApi } from '../../api/routingRules.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { apiQuery, referenceQuery, useApiQuery } from '../../lib/queries.ts';
import { RoutingTester } from './routing-rules/RoutingTester.tsx';
import { RuleDrawer, type RuleDrawerTarget } from './routing-rules/RuleDrawer.tsx';
import {
  CASE_TYPES,
  type CaseTypeName,
  DEFAULT_DEPARTMENT,
  formValuesOf,
  ruleBodyOf,
  tiedRuleIds,
} from './routing-rules/routingModel.ts';
import {
  CaseTypeTag,
  caseTypeLabel,
  categoryLabel,
  limitsText,
  RegionPrefixName,
} from './routing-rules/ruleParts.tsx';
import { departmentNamer } from './userScope.ts';

export default function RoutingRulesPage() {
  const { t, name } = useI18n();
  const { message } = AntApp.useApp();
  const [typeFilter, setTypeFilter] = useState<CaseTypeName | 'all'>('all');
  const [drawer, setDrawer] = useState<RuleDrawerTarget | null>(null);
  const [toggling, setToggling] = useState<number | null>(null);

  const list = useApiQuery(apiQuery('/api/admin/case-routing-rules'));
  const departments = useApiQuery(referenceQuery('/api/departments', { anonymousOk: true }));
  const departmentName = useMemo(() => departmentNamer(departments.data, name), [departments.data, name]);

  const rules = list.data ?? [];
  const shown = typeFilter === 'all' ? rules : rules.filter((rule) => rule.caseType === typeFilter);
  const ties = useMemo(() => tiedRuleIds(list.data ?? []), [list.data]);

  const toggle = async (rule: RoutingRule, isActive: boolean) => {
    setToggling(rule.id);
    try {
      await routingRulesApi.update(rule.id, { ...ruleBodyOf(formValuesOf(rule)), isActive }, rule.version);
      void message.success(
        t(isActive ? 'routingRules.active.switchedOn' : 'routingRules.active.switchedOff', { id: rule.id }),
      );
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (error instanceof ApiError && error.code === 'CONFLICT')
        void message.warning(t('routingRules.staleList', { message: text }));
      else void message.error(text);
    } finally {
      setToggling(null);
      list.reload();
    }
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <Flex vertical gap={4} style={{ flex: '1 1 480px' }}>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
            {t('routingRules.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('routingRules.intro')}</Typography.Text>
        </Flex>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setDrawer({ mode: 'create' })}
          data-testid="routing-rules-new"
        >
          {t('routingRules.new')}
        </Button>
      </Flex>

      <Card>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
          <Space wrap>
            <Segmented<CaseTypeName | 'all'>
              value={typeFilter}
              onChange={setTypeFilter}
              aria-label={t('routingRules.filter.type')}
              options={[
                { value: 'all', label: t('routingRules.filter.allTypes') },
                ...CASE_TYPES.map((type) => ({ value: type, label: caseTypeLabel(t, type) })),
              ]}
              data-testid="routing-rules-type-filter"
            />
            {list.data ? (
              <Typography.Text type="secondary">
                {t('routingRules.count', {
                  total: shown.length,
                  active: shown.filter((rule) => rule.isActive).length,
                })}
              </Typography.Text>
            ) : null}
          </Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload}>
            {t('common.reload')}
          </Button>
        </Flex>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<RoutingRule>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={shown}
          // Fits the 1440 px screen's content (about 1120 px); narrower screens scroll.
          scroll={{ x: 1000 }}
          tableLayout="fixed"
          pagination={false}
          locale={{
            emptyText: t('routingRules.empty', { department: departmentName(DEFAULT_DEPARTMENT) }),
          }}
          data-testid="routing-rules-table"
          onRow={(rule) => ({ 'data-testid': `routing-rule-${rule.id}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { key: 'id', title: t('routingRules.col.id'), dataIndex: 'id', width: 70 },
            {
              key: 'type',
              title: t('routingRules.col.type'),
              width: 120,
              render: (_, rule) => <CaseTypeTag type={rule.caseType} />,
            },
            {
              key: 'category',
              title: t('routingRules.col.category'),
              width: 120,
              render: (_, rule) =>
                rule.category === null ? (
                  <Typography.Text type="secondary">{categoryLabel(t, null)}</Typography.Text>
                ) : (
                  categoryLabel(t, rule.category)
                ),
            },
            {
              key: 'region',
              title: t('routingRules.col.region'),
              ellipsis: true,
              render: (_, rule) => <RegionPrefixName prefix={rule.regionPrefix} />,
            },
            {
              key: 'department',
              title: t('routingRules.col.department'),
              ellipsis: true,
              render: (_, rule) => departmentName(rule.departmentCode),
            },
            {
              key: 'limits',
              title: t('routingRules.col.limits'),
              ellipsis: true,
              render: (_, rule) => {
                const text = limitsText(t, rule.caseType, rule.acceptWorkingDays, rule.resultDays);
                const isDefault = rule.acceptWorkingDays === null && rule.resultDays === null;
                return isDefault ? <Typography.Text type="secondary">{text}</Typography.Text> : text;
              },
            },
            {
              key: 'priority',
              title: t('routingRules.col.priority'),
              width: 110,
              render: (_, rule) => (
                <Space size={4}>
                  <span className="huiqi-mono" data-testid={`routing-rule-priority-${rule.id}`}>
                    {rule.priority}
                  </span>
                  {ties.has(rule.id) ? (
                    <Tooltip title={t('routingRules.tieHelp')}>
                      <Tag
                        color="orange"
                        icon={<WarningOutlined />}
                        data-testid={`routing-rule-tie-${rule.id}`}
                      >
                        {t('routingRules.tie')}
                      </Tag>
                    </Tooltip>
                  ) : null}
                </Space>
              ),
            },
            {
              key: 'active',
              title: t('routingRules.col.active'),
              width: 120,
              render: (_, rule) => (
                <Switch
                  size="small"
                  checked={rule.isActive}
                  loading={toggling === rule.id}
                  disabled={toggling !== null}
                  checkedChildren={t('routingRules.active.on')}
                  unCheckedChildren={t('routingRules.active.off')}
                  aria-label={t('routingRules.active.toggleLabel', { id: rule.id })}
                  onChange={(checked) => void toggle(rule, checked)}
                  data-testid={`routing-rule-active-${rule.id}`}
                />
              ),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              fixed: 'right',
              width: 100,
              render: (_, rule) => (
                <Button
                  type="link"
                  icon={<EditOutlined />}
                  onClick={() => setDrawer({ mode: 'edit', rule })}
                  data-testid={`routing-rule-edit-${rule.id}`}
                >
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card
            title={t('routingRules.how.title')}
            style={{ height: '100%' }}
            data-testid="routing-rules-how"
          >
            <ol style={{ margin: 0, paddingInlineStart: 20 }}>
              <li>{t('routingRules.how.candidates')}</li>
              <li>{t('routingRules.how.prefix')}</li>
              <li>{t('routingRules.how.category')}</li>
              <li>{t('routingRules.how.priority')}</li>
              <li>{t('routingRules.how.default', { department: departmentName(DEFAULT_DEPARTMENT) })}</li>
            </ol>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('routingRules.how.limits')}
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <RoutingTester
            rules={rules}
            departmentName={departmentName}
            onEdit={(rule) => setDrawer({ mode: 'edit', rule })}
          />
        </Col>
      </Row>

      <RuleDrawer
        target={drawer}
        departments={departments.data ?? []}
        onClose={() => setDrawer(null)}
        onSaved={() => list.reload()}
        onStale={() => list.reload()}
      />
    </Flex>
  );
}
