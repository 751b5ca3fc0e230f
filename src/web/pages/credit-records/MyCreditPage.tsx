/**
 * `/app/credit-records` (an enterprise): its credit information (issue 14). Four tabs, the tab in the address:
 * its records by category with counts (source, as-of date, publication end, shown to banks today, self-declared
 * and correction marks, disputed; `history` shows superseded ones), declaring data itself, objecting and asking for
 * repair; its objections with their answers; its consents (the banks' requests to authorise or reject, granting,
 * revoking, receipts of those it authorised); and the access log (who looked, when, at what, for what), filtered by consent.
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Badge,
  Button,
  Card,
  Empty,
  Flex,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { CREDIT_CATEGORIES } from '../../../reference/credit.ts';
import { todayInChina } from '../../../shared/today.ts';
import { downloadUrl, post } from '../../api/client.ts';
import {
  CONSENT_STATUSES,
  type Consent,
  type ConsentStatus,
  type CreditObjection,
  type CreditRecord,
} from '../../api/credit.ts';
import { DownloadButton } from '../../components/DownloadButton.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { usePaging } from '../../lib/pagination.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import {
  flagParam,
  oneOf,
  paramReader,
  positiveParam,
  textParam,
  useUrlFilters,
} from '../../lib/urlFilters.ts';
import { AuthoriseModal, DeclareModal, GrantModal, ObjectionModal } from './creditModals.tsx';
import {
  AccessLogTable,
  ConsentStatusFilter,
  ConsentStatusTag,
  ConsentsTable,
  categoryName,
  nowrap,
  ObjectionStateTag,
  RecordsTable,
} from './creditParts.tsx';

const TABS = ['records', 'objections', 'consents', 'log'] as const;

const readFilters = paramReader({
  tab: (value) => oneOf(TABS, value) ?? 'records',
  category: textParam,
  history: flagParam,
  status: (value) => oneOf(CONSENT_STATUSES, value),
  consent: positiveParam,
});

export default function MyCreditPage() {
  const { t } = useI18n();
  const { filters, update } = useUrlFilters(readFilters, (patch) => ('tab' in patch ? 'push' : 'replace'));
  const awaiting = useApiQuery(
    apiQuery('/api/my/credit/consents', { query: { status: 'awaiting', page: 1, pageSize: 50 } }),
  );
  const requests = awaiting.data?.items.filter((c) => c.requestedBy === 'bank').length ?? 0;
  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('credit.my.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('credit.my.intro')}</Typography.Text>
      </Flex>
      {requests > 0 && filters.tab !== 'consents' ? (
        <Alert
          type="info"
          showIcon
          title={t('credit.consent.requestsWaiting', { count: requests })}
          data-testid="consent-requests-alert"
          action={
            <Button size="small" type="primary" onClick={() => update({ tab: 'consents' })}>
              {t('credit.consent.answerRequests')}
            </Button>
          }
        />
      ) : null}
      <Tabs
        activeKey={filters.tab}
        onChange={(key) =>
          update({ tab: key === 'records' ? null : key, category: null, status: null, consent: null })
        }
        data-testid="credit-tabs"
        items={[
          {
            key: 'records',
            label: t('credit.tab.records'),
            children: filters.tab === 'records' ? <RecordsTab filters={filters} update={update} /> : null,
          },
          {
            key: 'objections',
            label: t('credit.tab.objections'),
            children: filters.tab === 'objections' ? <ObjectionsTab /> : null,
          },
          {
            key: 'consents',
            label: t('credit.tab.consents'),
            children:
              filters.tab === 'consents' ? <ConsentsTab status={filters.status} update={update} /> : null,
          },
          {
            key: 'log',
            label: t('credit.tab.log'),
            children: filters.tab === 'log' ? <LogTab consentId={filters.consent} update={update} /> : null,
          },
        ]}
      />
    </Flex>
  );
}

type Filters = ReturnType<typeof readFilters>;
type Update = ReturnType<typeof useUrlFilters>['update'];

/** Records by category (counts on the tabs), with the history switch, declaring, objecting and repairing. */
function RecordsTab({ filters, update }: { filters: Filters; update: Update }) {
  const { t, locale } = useI18n();
  const list = useApiQuery(apiQuery('/api/my/credit/records', { query: { history: filters.history } }), {
    keepPrevious: true,
  });
  const [declaring, setDeclaring] = useState(false);
  const [objecting, setObjecting] = useState<{ record: CreditRecord; kind: 'objection' | 'repair' } | null>(
    null,
  );
  const today = todayInChina();
  const records = list.data?.items ?? [];
  const counts = new Map<string, number>();
  for (const r of records) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  const shown = filters.category ? records.filter((r) => r.category === filters.category) : records;
  const openOn = new Set(
    (list.data?.objections ?? []).filter((o) => o.state === 'open').map((o) => `${o.recordId}:${o.kind}`),
  );

  const actions = (record: CreditRecord) => {
    if (record.status !== 'active') return null;
    const canRepairNow = record.repairableFrom !== null && record.repairableFrom <= today && record.published;
    return (
      <Space size={4} wrap>
        <Button
          size="small"
          disabled={openOn.has(`${record.id}:objection`)}
          onClick={() => setObjecting({ record, kind: 'objection' })}
          data-testid={`object-${record.id}`}
        >
          {t('credit.objection.button')}
        </Button>
        {record.repairableFrom !== null ? (
          <Tooltip
            title={
              canRepairNow
                ? undefined
                : t('credit.repair.fromHelp', { date: formatDate(record.repairableFrom, locale) })
            }
          >
            <Button
              size="small"
              disabled={!canRepairNow || openOn.has(`${record.id}:repair`)}
              onClick={() => setObjecting({ record, kind: 'repair' })}
              data-testid={`repair-${record.id}`}
            >
              {canRepairNow
                ? t('credit.repair.button')
                : t('credit.repair.buttonFrom', { date: formatDate(record.repairableFrom, locale) })}
            </Button>
          </Tooltip>
        ) : null}
      </Space>
    );
  };

  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Flex
        gap={12}
        wrap
        align="center"
        justify="space-between"
        style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
      >
        <Space wrap>
          <Space size={6}>
            <Switch
              checked={filters.history === true}
              onChange={(on) => update({ history: on ? 'true' : null })}
              data-testid="records-history"
            />
            <span>{t('credit.records.history')}</span>
          </Space>
          <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
            {t('common.reload')}
          </Button>
        </Space>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setDeclaring(true)}
          data-testid="declare-open"
        >
          {t('credit.declare.open')}
        </Button>
      </Flex>
      <div style={{ padding: '0 16px' }}>
        <Tabs
          size="small"
          activeKey={filters.category ?? 'all'}
          onChange={(key) => update({ category: key === 'all' ? null : key })}
          data-testid="records-categories"
          items={[
            {
              key: 'all',
              label: (
                <span>
                  {t('credit.records.all')} <Badge count={records.length} showZero color="#1458c4" />
                </span>
              ),
            },
            ...CREDIT_CATEGORIES.map((c) => ({
              key: c.code,
              label: (
                <span data-testid={`records-category-${c.code}`} data-count={counts.get(c.code) ?? 0}>
                  {categoryName(c.code, locale)}{' '}
                  <Badge
                    count={counts.get(c.code) ?? 0}
                    showZero
                    color={counts.get(c.code) ? '#1458c4' : '#bfbfbf'}
                  />
                </span>
              ),
            })),
          ]}
        />
      </div>
      <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
      <RecordsTable records={shown} loading={list.loading} showPersonal actions={actions} />
      <DeclareModal
        open={declaring}
        onClose={() => setDeclaring(false)}
        onDone={() => {
          setDeclaring(false);
          list.reload();
        }}
      />
      <ObjectionModal
        target={objecting}
        onClose={() => setObjecting(null)}
        onDone={() => {
          setObjecting(null);
          list.reload();
        }}
      />
    </Card>
  );
}

/** The enterprise's objections and repair requests: state, due date, late, the official's written answer. */
function ObjectionsTab() {
  const { t, locale } = useI18n();
  const list = useApiQuery(apiQuery('/api/my/credit/records', { query: { history: true } }));
  const titles = new Map((list.data?.items ?? []).map((r) => [r.id, r]));
  const columns: TableColumnsType<CreditObjection> = [
    {
      title: t('credit.col.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (kind: string) => t(kind === 'repair' ? 'credit.kind.repair' : 'credit.kind.objection'),
    },
    {
      title: t('credit.col.record'),
      key: 'record',
      width: 220,
      render: (_, o) => {
        const record = titles.get(o.recordId);
        return record ? `${categoryName(record.category, locale)} · ${record.title}` : `#${o.recordId}`;
      },
    },
    { title: t('credit.col.reason'), dataIndex: 'reason' },
    {
      title: t('credit.col.filedAt'),
      dataIndex: 'filedAt',
      width: 160,
      onCell: nowrap,
      render: (v: string) => formatDateTime(v, locale),
    },
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
    {
      title: t('credit.col.answer'),
      key: 'answer',
      render: (_, o) =>
        o.answer ? (
          <Flex vertical gap={0}>
            <span data-testid="objection-answer">{o.answer}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(o.answeredAt, locale)}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('credit.objection.awaiting')}</Typography.Text>
        ),
    },
  ];
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
      <Table<CreditObjection>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.objections ?? []}
        loading={list.loading}
        pagination={false}
        onRow={(o) => ({ 'data-testid': 'my-objection', 'data-state': o.state }) as object}
        locale={{ emptyText: list.loading ? ' ' : <Empty description={t('credit.objection.empty')} /> }}
        data-testid="my-objections-table"
      />
    </Card>
  );
}

/** The consents: requests to answer, grants, revocation, receipts; by state. */
function ConsentsTab({ status, update }: { status: ConsentStatus | undefined; update: Update }) {
  const { t } = useI18n();
  const { message, modal } = AntApp.useApp();
  const paging = usePaging(20);
  const list = useApiQuery(
    apiQuery('/api/my/credit/consents', { query: { status, page: paging.page, pageSize: paging.pageSize } }),
    { keepPrevious: true },
  );
  const awaiting = useApiQuery(
    apiQuery('/api/my/credit/consents', { query: { status: 'awaiting', page: 1, pageSize: 50 } }),
  );
  const [granting, setGranting] = useState(false);
  const [authorising, setAuthorising] = useState<Consent | null>(null);
  const reload = () => {
    list.reload();
    awaiting.reload();
  };

  const act = async (consent: Consent, action: 'reject' | 'revoke') => {
    try {
      await post(
        action === 'reject' ? '/api/my/credit/consents/:id/reject' : '/api/my/credit/consents/:id/revoke',
        {
          params: { id: consent.id },
        },
      );
      void message.success(t(action === 'reject' ? 'credit.consent.rejected' : 'credit.consent.revoked'));
      reload();
    } catch (failure) {
      void message.error(failure instanceof Error ? failure.message : String(failure));
    }
  };

  const actions = (consent: Consent) => (
    <Space size={4} wrap>
      {consent.status === 'awaiting' ? (
        <>
          <Button
            size="small"
            type="primary"
            onClick={() => setAuthorising(consent)}
            data-testid={`authorise-${consent.id}`}
          >
            {t('credit.consent.authorise')}
          </Button>
          <Popconfirm
            title={t('credit.consent.rejectConfirm')}
            okText={t('credit.consent.reject')}
            cancelText={t('common.cancel')}
            onConfirm={() => act(consent, 'reject')}
          >
            <Button size="small" danger data-testid={`reject-${consent.id}`}>
              {t('credit.consent.reject')}
            </Button>
          </Popconfirm>
        </>
      ) : null}
      {consent.status === 'authorised' ? (
        <Button
          size="small"
          danger
          data-testid={`revoke-${consent.id}`}
          onClick={() =>
            modal.confirm({
              title: t('credit.consent.revokeConfirm', { bank: consent.institutionName }),
              content: t('credit.consent.revokeHelp'),
              okText: t('credit.consent.revoke'),
              okButtonProps: { danger: true, 'data-testid': 'revoke-confirm' },
              cancelText: t('common.cancel'),
              onOk: () => act(consent, 'revoke'),
            })
          }
        >
          {t('credit.consent.revoke')}
        </Button>
      ) : null}
      {consent.hasReceipt ? (
        <DownloadButton
          size="small"
          url={downloadUrl('/api/my/credit/consents/:id/receipt', { params: { id: consent.id } })}
          fileName={`consent-receipt-${consent.id}.json`}
          data-testid={`receipt-${consent.id}`}
        >
          {t('credit.consent.receipt')}
        </DownloadButton>
      ) : null}
    </Space>
  );

  const requests = awaiting.data?.items.filter((c) => c.requestedBy === 'bank') ?? [];
  return (
    <Flex vertical gap={16}>
      {requests.length > 0 ? (
        <Card
          size="small"
          title={t('credit.consent.requests', { count: requests.length })}
          data-testid="consent-requests"
        >
          <ConsentsTable
            consents={requests}
            loading={false}
            party="bank"
            actions={actions}
            pagination={false}
            emptyText=""
          />
        </Card>
      ) : null}
      <Card styles={{ body: { padding: 0 } }}>
        <Flex
          gap={12}
          wrap
          align="center"
          justify="space-between"
          style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
        >
          <ConsentStatusFilter
            value={status}
            onChange={(next) => {
              paging.toFirstPage();
              update({ status: next });
            }}
            testId="consents-status"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setGranting(true)}
            data-testid="grant-open"
          >
            {t('credit.consent.grantOpen')}
          </Button>
        </Flex>
        <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
        <ConsentsTable
          consents={list.data?.items ?? []}
          loading={list.loading}
          party="bank"
          actions={actions}
          pagination={paging.pagination(list.data?.total)}
          emptyText={t('credit.consent.empty')}
        />
      </Card>
      <GrantModal
        open={granting}
        onClose={() => setGranting(false)}
        onDone={() => {
          setGranting(false);
          reload();
        }}
      />
      <AuthoriseModal
        consent={authorising}
        onClose={() => setAuthorising(null)}
        onDone={() => {
          setAuthorising(null);
          reload();
        }}
      />
    </Flex>
  );
}

/** Who looked at the enterprise's data, filtered by consent. */
function LogTab({ consentId, update }: { consentId: number | undefined; update: Update }) {
  const { t, locale } = useI18n();
  const paging = usePaging(20);
  const list = useApiQuery(
    apiQuery('/api/my/credit/access-log', {
      query: { consentId, page: paging.page, pageSize: paging.pageSize },
    }),
    { keepPrevious: true },
  );
  const consents = useApiQuery(apiQuery('/api/my/credit/consents', { query: { page: 1, pageSize: 100 } }));
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Flex gap={12} wrap align="center" style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
        <span>{t('credit.log.byConsent')}</span>
        <Select<number>
          allowClear
          style={{ width: 420 }}
          value={consentId}
          placeholder={t('credit.log.allConsents')}
          onChange={(value) => {
            paging.toFirstPage();
            update({ consent: value ?? null });
          }}
          options={(consents.data?.items ?? []).map((c) => ({
            value: c.id,
            label: `#${c.id} ${c.institutionName} · ${c.purpose} (${formatDate(c.validUntil, locale)})`,
          }))}
          data-testid="log-consent"
        />
        {consentId !== undefined
          ? (() => {
              const c = consents.data?.items.find((x) => x.id === consentId);
              return c ? <ConsentStatusTag status={c.status} /> : null;
            })()
          : null}
      </Flex>
      <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
      <AccessLogTable
        entries={list.data?.items ?? []}
        loading={list.loading}
        party="bank"
        pagination={paging.pagination(list.data?.total)}
        onConsent={
          consentId === undefined
            ? (id) => {
                paging.toFirstPage();
                update({ consent: id });
              }
            : undefined
        }
      />
    </Card>
  );
}
