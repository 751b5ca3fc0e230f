/**
 * 申报记录 of a policy applied for (需申报, 快申快享; issue 12): how many enterprises of the official's region
 * recorded that they applied, who, when, how, with their note; searchable and exported as CSV or XLSX.
 */

import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { applicationsApi, type PolicyApplication } from '../../api/policyApplications.ts';
import { ExportButtons, PagedTable, SearchBox, useSearchPaging } from '../../components/PagedTable.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { labelOf } from './common.tsx';

/** A cell that keeps one line: the text cut with an ellipsis, whole in a tooltip. */
const ONE_LINE = { showTitle: true } as const;

export function ApplicationsTab({ policyId }: { policyId: number }) {
  const { t, locale } = useI18n();
  const lang = locale === 'en' ? 'en' : 'zh';
  const { q, page, pageSize, search, onPageChange } = useSearchPaging();
  const list = useApiQuery(
    apiQuery('/api/policies/:id/applications', {
      params: { id: policyId },
      query: { q: q || undefined, page, pageSize },
    }),
    { keepPrevious: true },
  );
  const data = list.data;

  return (
    <Flex vertical gap={12} data-testid="applications-tab">
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Flex vertical gap={4}>
            <Statistic
              title={t('policyAdmin.tab.applications')}
              value={formatNumber(data?.total ?? 0, locale)}
              data-testid="applications-count"
            />
            <Typography.Text type="secondary">{t('policyAdmin.applications.intro')}</Typography.Text>
          </Flex>
          <Flex gap={8} wrap>
            <SearchBox
              query={q}
              onSearch={search}
              placeholder={t('policyAdmin.applications.search')}
              style={{ width: 260 }}
            />
            <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.reload')} />
            <ExportButtons
              url={(format) => applicationsApi.exportUrl(policyId, format, lang)}
              fileName="applications"
              labels={{
                csv: t('policyAdmin.benefits.exportCsv'),
                xlsx: t('policyAdmin.benefits.exportXlsx'),
              }}
              testId="applications"
            />
          </Flex>
        </Flex>
      </Card>
      <Card size="small">
        <PagedTable<PolicyApplication>
          list={list}
          page={page}
          pageSize={pageSize}
          onPageChange={onPageChange}
          showTotal={(total) => t('policyAdmin.applications.count', { count: total })}
          rowKey={(row) => `${row.enterpriseId}-${row.version}`}
          size="small"
          tableLayout="fixed"
          data-testid="applications-table"
          locale={{ emptyText: t('policyAdmin.applications.empty') }}
          columns={[
            {
              key: 'name',
              title: t('policyAdmin.applications.enterprise'),
              ellipsis: ONE_LINE,
              render: (_, row) => <Link to={`/app/enterprises/${row.enterpriseId}`}>{row.name}</Link>,
            },
            {
              key: 'uscc',
              title: t('policyAdmin.applications.uscc'),
              width: 190,
              render: (_, row) => <span className="huiqi-mono">{row.uscc}</span>,
            },
            {
              key: 'region',
              title: t('policyAdmin.applications.region'),
              width: 110,
              ellipsis: ONE_LINE,
              render: (_, row) => <RegionName code={row.regionCode} full={false} />,
            },
            {
              key: 'version',
              title: t('policyAdmin.applications.version'),
              width: 70,
              render: (_, row) => `v${row.version}`,
            },
            {
              key: 'appliedAt',
              title: t('policyAdmin.applications.appliedAt'),
              width: 130,
              render: (_, row) => (
                <span style={{ whiteSpace: 'nowrap' }}>
                  {formatDate(todayInChina(new Date(row.appliedAt)), locale)}
                </span>
              ),
            },
            {
              key: 'channel',
              title: t('policyAdmin.applications.channel'),
              width: 110,
              render: (_, row) => labelOf(t, 'policyAdmin.applications.channel', row.channel),
            },
            {
              key: 'note',
              title: t('policyAdmin.applications.note'),
              ellipsis: ONE_LINE,
              render: (_, row) => row.note ?? t('common.empty'),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
