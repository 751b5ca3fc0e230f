/** 版本与发布: the policy's state (status, current version, the version being edited) and its published versions. */
import { Card, Descriptions, Empty, Flex, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { PolicyAdmin } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { labelOf, PolicyStatusTag } from './common.tsx';

type Version = PolicyAdmin['versions'][number];

export function VersionsTab({ policy, dirty }: { policy: PolicyAdmin; dirty: boolean }) {
  const { t, locale } = useI18n();
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('policyAdmin.versions.state')}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            {
              key: 'status',
              label: t('policyAdmin.col.status'),
              children: (
                <Flex gap={4} wrap>
                  <PolicyStatusTag status={policy.status} />
                  {policy.draftChanged && policy.status !== 'draft' ? (
                    <Tag color="orange">{t('policyAdmin.draftChanged')}</Tag>
                  ) : null}
                  {dirty ? <Tag color="gold">{t('policyAdmin.unsaved')}</Tag> : null}
                </Flex>
              ),
            },
            {
              key: 'current',
              label: t('policyAdmin.versions.current'),
              children:
                policy.currentVersion === null
                  ? t('policyAdmin.versions.never')
                  : `v${policy.currentVersion}`,
            },
            {
              key: 'lock',
              label: t('policyAdmin.versions.editing'),
              children: <span data-testid="policy-lock-version">{policy.version}</span>,
            },
            {
              key: 'updated',
              label: t('policyAdmin.col.updatedAt'),
              children: formatDateTime(policy.updatedAt, locale),
            },
            {
              key: 'source',
              label: t('policyAdmin.versions.source'),
              children: labelOf(t, 'policyAdmin.source', policy.source),
            },
            {
              key: 'matched',
              label: t('policyAdmin.col.matched'),
              children: formatNumber(policy.matched, locale),
            },
          ]}
        />
        {policy.status === 'published' ? (
          <Link to={`/policies/${policy.id}`} target="_blank">
            {t('policyAdmin.versions.viewPublic')}
          </Link>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          {t('policyAdmin.versions.help')}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('policyAdmin.versions.history')}>
        {policy.versions.length === 0 ? (
          <Empty description={t('policyAdmin.versions.none')} />
        ) : (
          <Table<Version>
            rowKey="version"
            size="small"
            pagination={false}
            tableLayout="fixed"
            scroll={{ x: 760 }}
            dataSource={[...policy.versions].sort((a, b) => b.version - a.version)}
            data-testid="policy-versions"
            columns={[
              {
                key: 'version',
                title: t('policyAdmin.versions.version'),
                width: 90,
                render: (_, row) => (
                  <Flex gap={4}>
                    <span>v{row.version}</span>
                    {row.version === policy.currentVersion ? (
                      <Tag color="green">{t('policyAdmin.versions.currentTag')}</Tag>
                    ) : null}
                  </Flex>
                ),
              },
              {
                key: 'at',
                title: t('policyAdmin.versions.publishedAt'),
                width: 190,
                render: (_, row) => (
                  <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.publishedAt, locale)}</span>
                ),
              },
              {
                key: 'by',
                title: t('policyAdmin.versions.publishedBy'),
                width: 140,
                ellipsis: { showTitle: true },
                render: (_, row) => row.publishedBy ?? t('library.version.platform'),
              },
              {
                key: 'note',
                title: t('policyAdmin.versions.changeNote'),
                ellipsis: { showTitle: true },
                render: (_, row) => row.changeNote ?? <Typography.Text type="secondary">—</Typography.Text>,
              },
              {
                key: 'docno',
                title: t('policyAdmin.col.documentNumber'),
                width: 240,
                ellipsis: { showTitle: true },
                render: (_, row) => row.documentNumber,
              },
            ]}
          />
        )}
      </Card>
    </Flex>
  );
}
