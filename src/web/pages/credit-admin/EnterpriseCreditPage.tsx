/**
 * `/app/credit-admin/enterprises/:id` (an official of the enterprise's region): the enterprise's credit records in
 * full, by category (`history` shows superseded ones), with its objections and repair requests; reached from the
 * queue. Both in the address.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Flex, Space, Switch, Table, Tabs, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { CREDIT_CATEGORIES } from '../../../reference/credit.ts';
import { ApiError, type EnterpriseDetail } from '../../api/client.ts';
import type { CreditObjection, CreditRecords } from '../../api/credit.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { apiQuery, refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { flagParam, paramReader, textParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { categoryName, nowrap, ObjectionStateTag, RecordsTable } from '../credit-records/creditParts.tsx';

const readFilters = paramReader({ category: textParam, history: flagParam });

export default function EnterpriseCreditPage() {
  const { t, locale } = useI18n();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const { filters, update } = useUrlFilters(readFilters);
  const list = useApiQuery<CreditRecords>(
    valid
      ? apiQuery('/api/credit/enterprises/:id/records', {
          params: { id },
          query: { history: filters.history },
        })
      : refusedQuery(
          ['credit-records', params.id],
          new ApiError(404, 'NOT_FOUND', t('error.notFoundRecord.title')),
        ),
    { keepPrevious: true },
  );
  // The enterprise's name for the title (the records answer carries only its id).
  const enterprise = useApiQuery({
    ...(valid
      ? apiQuery('/api/enterprises/:id', { params: { id } })
      : refusedQuery<EnterpriseDetail>(['enterprise', params.id], new Error('invalid id'))),
    retry: false,
  });
  const records = list.data?.items ?? [];
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  const shown = filters.category ? records.filter((r) => r.category === filters.category) : records;
  const titles = new Map(records.map((r) => [r.id, r.title]));

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Link to="/app/credit-admin">
          <ArrowLeftOutlined /> {t('credit.admin.back')}
        </Link>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('credit.admin.records', { name: enterprise.data?.name ?? `#${params.id ?? ''}` })}
        </Typography.Title>
        <Link to={`/app/enterprises/${params.id}`}>{t('credit.admin.enterpriseLink')}</Link>
      </Flex>
      <LoadError error={list.error} onRetry={list.reload} style={{ marginBottom: 0 }} />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex gap={12} align="center" style={{ padding: '12px 16px' }}>
          <Space size={6}>
            <Switch
              checked={filters.history === true}
              onChange={(on) => update({ history: on ? 'true' : null })}
              data-testid="records-history"
            />
            <span>{t('credit.records.history')}</span>
          </Space>
        </Flex>
        <div style={{ padding: '0 16px' }}>
          <Tabs
            size="small"
            activeKey={filters.category ?? 'all'}
            onChange={(key) => update({ category: key === 'all' ? null : key })}
            items={[
              { key: 'all', label: `${t('credit.records.all')} (${records.length})` },
              ...CREDIT_CATEGORIES.map((c) => ({
                key: c.code,
                label: `${categoryName(c.code, locale)} (${counts.get(c.code) ?? 0})`,
              })),
            ]}
          />
        </div>
        <RecordsTable records={shown} loading={list.loading} showPersonal />
      </Card>
      <Card size="small" title={t('credit.tab.objections')}>
        <Table<CreditObjection>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={list.data?.objections ?? []}
          locale={{ emptyText: t('credit.objection.empty') }}
          columns={[
            {
              title: t('credit.col.kind'),
              dataIndex: 'kind',
              width: 100,
              render: (k: string) => t(k === 'repair' ? 'credit.kind.repair' : 'credit.kind.objection'),
            },
            {
              title: t('credit.col.record'),
              dataIndex: 'recordId',
              width: 220,
              render: (rid: number) => titles.get(rid) ?? `#${rid}`,
            },
            { title: t('credit.col.reason'), dataIndex: 'reason' },
            {
              title: t('credit.col.dueOn'),
              dataIndex: 'dueOn',
              width: 130,
              onCell: nowrap,
              render: (v: string) => formatDate(v, locale),
            },
            {
              title: t('credit.col.state'),
              key: 'state',
              width: 130,
              render: (_, o) => <ObjectionStateTag objection={o} />,
            },
            { title: t('credit.col.answer'), dataIndex: 'answer', render: (v: string | null) => v ?? '—' },
          ]}
        />
      </Card>
    </Flex>
  );
}
