/**
 * The policies an enterprise qualifies for, on the officials' detail page: the same evaluation as the enterprise's
 * own "my policies" (GET /api/enterprises/:id/policies) in three tabs — eligible (why: the clause tree), missed by
 * one condition the enterprise can still meet (which), lacking facts (which) — each policy linking to its page.
 */
import { Alert, Badge, Card, Empty, Flex, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { EnterprisePolicy } from '../../api/registry.ts';
import { ExplanationTree, useClauseText } from '../../components/ExplanationTree.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { MethodTag } from '../my/PolicyLabels.tsx';
import { LocalizedText } from '../policies/policyParts.tsx';

type Group = 'eligible' | 'almost' | 'unknown';
const GROUPS: readonly Group[] = ['eligible', 'almost', 'unknown'];
const BADGE_COLORS: Record<Group, string> = { eligible: '#389e0d', almost: '#d48806', unknown: '#8c8c8c' };

function PolicyTable({ group, items }: { group: Group; items: EnterprisePolicy[] }) {
  const { t, locale } = useI18n();
  const clause = useClauseText();
  return (
    <Table<EnterprisePolicy>
      size="small"
      rowKey="id"
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      tableLayout="fixed"
      data-testid={`enterprise-policies-${group}`}
      locale={{
        emptyText: (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`enterprisePolicies.empty.${group}`)} />
        ),
      }}
      expandable={
        group === 'eligible'
          ? {
              expandedRowRender: (row) => (
                <ExplanationTree explanation={row.explanation} testId={`enterprise-policy-why-${row.id}`} />
              ),
            }
          : undefined
      }
      columns={[
        {
          key: 'title',
          title: t('enterprisePolicies.col.policy'),
          ellipsis: { showTitle: false },
          render: (_, row) => (
            <Flex vertical gap={2} style={{ minWidth: 0 }}>
              <Link to={`/policies/${row.id}`} data-testid="enterprise-policy-link" title={row.title.zh}>
                <LocalizedText text={row.title} />
              </Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                {row.documentNumber} · {row.issuer}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          key: 'method',
          title: t('enterprisePolicies.col.method'),
          width: 120,
          render: (_, row) => <MethodTag method={row.method} />,
        },
        {
          key: 'why',
          title: t(`enterprisePolicies.col.why.${group}`),
          render: (_, row) =>
            group === 'eligible' ? (
              <Typography.Text ellipsis={{ tooltip: true }}>
                <LocalizedText text={row.benefit} />
              </Typography.Text>
            ) : group === 'almost' && row.nearMiss ? (
              <Typography.Text type="warning" data-testid={`enterprise-policy-near-miss-${row.id}`}>
                {clause(row.nearMiss.text)}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{row.missing.map(clause).join('、')}</Typography.Text>
            ),
        },
        {
          key: 'applied',
          title: t('enterprisePolicies.col.applied'),
          width: 150,
          render: (_, row) =>
            row.application ? (
              <Tag color="blue" style={{ whiteSpace: 'nowrap' }}>
                {t('enterprisePolicies.appliedOn', {
                  date: formatDate(String(row.application.appliedAt), locale),
                })}
              </Tag>
            ) : (
              <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
            ),
        },
      ]}
    />
  );
}

/** The enterprise's eligible policies, near misses and policies lacking facts. */
export function EnterprisePoliciesCard({ enterpriseId }: { enterpriseId: number }) {
  const { t, locale } = useI18n();
  const loaded = useApiQuery(apiQuery('/api/enterprises/:id/policies', { params: { id: enterpriseId } }));
  const [tab, setTab] = useState<Group>('eligible');
  const data = loaded.data;
  return (
    <Card
      id="enterprise-policies"
      title={t('enterprisePolicies.title')}
      loading={!data && !loaded.error}
      data-testid="enterprise-policies"
      extra={
        data ? (
          <Typography.Text type="secondary">
            {t('enterprisePolicies.asOf', { date: formatDate(data.date, locale) })}
          </Typography.Text>
        ) : null
      }
    >
      {loaded.error ? (
        <LoadError error={loaded.error} onRetry={loaded.reload} />
      ) : data ? (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('enterprisePolicies.hint')}</Typography.Text>
          {data.isActive ? null : (
            <Alert
              type="info"
              showIcon
              title={t('enterprisePolicies.notActive')}
              data-testid="enterprise-policies-inactive"
            />
          )}
          <Tabs
            activeKey={tab}
            onChange={(key) => setTab(key as Group)}
            items={GROUPS.map((group) => ({
              key: group,
              label: (
                <span data-testid={`enterprise-policies-tab-${group}`}>
                  {t(`enterprisePolicies.tab.${group}`)}{' '}
                  <Badge count={data[group].length} showZero color={BADGE_COLORS[group]} />
                </span>
              ),
              children: <PolicyTable group={group} items={data[group]} />,
            }))}
          />
        </Flex>
      ) : null}
    </Card>
  );
}
