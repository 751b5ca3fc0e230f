/**
 * `/app/audit` (admin, auditor): audit entries by action name (the catalogue of auditText.ts) and user, details as
 * readable fields, verification and CSV.
 */
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { isRole } from '../../../shared/roles.ts';
import { ApiError, type AuditEntry, type AuditQuery, api, fetchAllPages } from '../../api/client.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useVerifyChain } from '../../components/VerifyChain.tsx';
import { isMessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { zhCN } from '../../i18n/zh-CN.ts';
import { downloadCsv, toCsv } from '../../lib/csv.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePaging } from '../../lib/pagination.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { ROLE_COLORS, roleLabel } from '../../nav.ts';
import { actionGroup, actionName, catalogueActions, summaryFields, summaryLine } from './auditText.ts';

interface FilterValues {
  action?: string;
  actor?: string;
  targetType?: string;
  targetId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

type Filters = Omit<AuditQuery, 'page' | 'pageSize'>;

/** Object types the audit log records, for the filter's suggestions. */
const TARGET_TYPES = [
  'user',
  'enterprise',
  'import_job',
  'policy',
  'policy_benefit',
  'case',
  'case_routing_rule',
  'arrears_disclosure',
  'region',
];

/** The catalogue's actions by group, in dictionary order ('case' → ['case.submitted', ...]). */
const ACTION_GROUPS: [string, string[]][] = (() => {
  const groups = new Map<string, string[]>();
  for (const action of catalogueActions(zhCN)) {
    const group = actionGroup(action);
    groups.set(group, [...(groups.get(group) ?? []), action]);
  }
  return [...groups];
})();

function toFilters(values: FilterValues): Filters {
  const filters: Filters = {};
  if (values.action) filters.action = values.action;
  const actor = values.actor?.trim();
  if (actor) filters.actor = actor;
  const targetType = values.targetType?.trim();
  if (targetType) filters.targetType = targetType;
  const targetId = values.targetId?.trim();
  if (targetId) filters.targetId = targetId;
  const [from, to] = values.range ?? [null, null];
  if (from) filters.from = from.toDate().toISOString();
  if (to) filters.to = to.toDate().toISOString();
  return filters;
}

export default function AuditPage() {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const paging = usePaging(20, [20, 50, 100, 200]);
  const { page, pageSize, toFirstPage } = paging;
  const [exporting, setExporting] = useState(false);
  const verify = useVerifyChain();

  const query: AuditQuery = { ...filters, page, pageSize };
  const list = useApiQuery(apiQuery('/api/audit', { query }), { keepPrevious: true });

  const groupLabel = (group: string) => {
    const key = `audit.group.${group}`;
    return isMessageKey(key) ? t(key) : group;
  };
  const targetTypeLabel = (type: string | null) => {
    if (!type) return '';
    const key = `audit.targetType.${type}`;
    return isMessageKey(key) ? t(key) : type;
  };
  const actionOptions = ACTION_GROUPS.map(([group, actions]) => ({
    label: groupLabel(group),
    title: group,
    options: [
      { value: `${group}.`, label: t('audit.filter.actionGroup', { group: groupLabel(group) }) },
      ...actions.map((action) => ({ value: action, label: actionName(action, t) ?? action })),
    ],
  }));
  const actionCell = (action: string) => {
    const name = actionName(action, t);
    return name ? (
      <span title={action} data-testid="audit-action" data-action={action}>
        {name}
      </span>
    ) : (
      <span title={t('audit.unknownAction')} data-testid="audit-action" data-action={action}>
        <span className="huiqi-mono">{action}</span>{' '}
        <Tag color="warning" style={{ marginInlineEnd: 0 }} data-testid="audit-action-unlisted">
          {t('audit.unknownActionTag')}
        </Tag>
      </span>
    );
  };
  const roleText = (role: string | null) => (role && isRole(role) ? t(roleLabel(role)) : (role ?? ''));

  const exportCsv = async () => {
    setExporting(true);
    const key = 'audit-export';
    try {
      const rows = await fetchAllPages(
        (exportPage, exportPageSize) =>
          api.listAudit({ ...filters, page: exportPage, pageSize: exportPageSize }),
        (loaded, total) => void message.loading({ key, content: t('common.exporting', { loaded, total }) }),
      );
      const header = [
        t('audit.col.seq'),
        t('audit.col.at'),
        t('audit.col.actorId'),
        t('audit.col.actor'),
        t('audit.col.role'),
        t('audit.col.action'),
        t('audit.col.actionCode'),
        t('audit.filter.targetType'),
        t('audit.filter.targetId'),
        t('audit.col.requestId'),
        t('audit.col.summary'),
        t('audit.col.hash'),
      ];
      const csv = toCsv(
        header,
        rows.map((entry) => [
          entry.seq,
          String(entry.at),
          entry.actorUserId,
          entry.actorUsername,
          roleText(entry.actorRole),
          actionName(entry.action, t) ?? entry.action,
          entry.action,
          targetTypeLabel(entry.targetType),
          entry.targetId,
          entry.requestId,
          summaryLine(entry.summary, t, locale),
          entry.hash,
        ]),
      );
      downloadCsv(t('audit.csvFile'), csv);
      void message.success({ key, content: t('common.exported', { count: rows.length }) });
    } catch (error) {
      const text = error instanceof ApiError ? error.message : String(error);
      void message.error({ key, content: t('common.exportFailed', { message: text }) });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('audit.title')}
        </Typography.Title>
        <Space wrap>
          {verify.button}
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void exportCsv()}
            data-testid="audit-export"
          >
            {t('common.exportCsv')}
          </Button>
        </Space>
      </Flex>
      {verify.shown ? <div>{verify.outcome}</div> : null}

      <Card>
        <Form<FilterValues>
          form={form}
          layout="vertical"
          onFinish={(values) => {
            setFilters(toFilters(values));
            toFirstPage();
          }}
          data-testid="audit-filters"
        >
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={7}>
              <Form.Item name="action" label={t('audit.filter.action')}>
                <Select
                  options={actionOptions}
                  placeholder={t('audit.filter.actionPlaceholder')}
                  allowClear
                  showSearch={{
                    filterOption: (input, option) => {
                      const needle = input.trim().toLowerCase();
                      const text = option && 'value' in option ? `${option.value} ${option.label}` : '';
                      return text.toLowerCase().includes(needle);
                    },
                  }}
                  data-testid="audit-filter-action"
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item name="actor" label={t('audit.filter.actor')}>
                <Input
                  allowClear
                  maxLength={40}
                  placeholder={t('audit.filter.actorPlaceholder')}
                  data-testid="audit-filter-actor"
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={3}>
              <Form.Item name="targetType" label={t('audit.filter.targetType')}>
                <Select
                  options={TARGET_TYPES.map((value) => ({ value, label: targetTypeLabel(value) }))}
                  allowClear
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={3}>
              <Form.Item name="targetId" label={t('audit.filter.targetId')}>
                <Input allowClear maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={18} lg={7}>
              <Form.Item name="range" label={t('audit.filter.range')}>
                <DatePicker.RangePicker
                  showTime
                  allowEmpty={[true, true]}
                  placeholder={[t('audit.filter.rangeStart'), t('audit.filter.rangeEnd')]}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
          </Row>
          <Flex justify="space-between" wrap gap={12}>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                  toFirstPage();
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Flex>
        </Form>
      </Card>

      <Card>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<AuditEntry>
          rowKey="seq"
          size="small"
          tableLayout="fixed"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          data-testid="audit-table"
          pagination={paging.pagination(list.data?.total)}
          expandable={{
            expandedRowRender: (entry) => {
              const fields = summaryFields(entry.summary, t, locale);
              return (
                <Flex vertical gap={8} style={{ padding: '4px 8px' }} data-testid="audit-details">
                  <Descriptions
                    size="small"
                    column={2}
                    bordered
                    title={t('audit.summaryTitle')}
                    items={[
                      { key: 'action.code', label: t('audit.col.actionCode'), children: entry.action },
                      ...(entry.requestId
                        ? [{ key: 'requestId', label: t('audit.col.requestId'), children: entry.requestId }]
                        : []),
                      ...fields.map((field) => ({
                        key: field.path,
                        label: field.label,
                        children: <span data-testid="audit-field">{field.value}</span>,
                      })),
                    ]}
                  />
                  {fields.length === 0 ? (
                    <Typography.Text type="secondary">{t('audit.summaryEmpty')}</Typography.Text>
                  ) : null}
                  <details>
                    <summary>{t('audit.rawJson')}</summary>
                    <pre className="huiqi-mono huiqi-json">{JSON.stringify(entry.summary, null, 2)}</pre>
                  </details>
                  <Typography.Text type="secondary" className="huiqi-mono" style={{ wordBreak: 'break-all' }}>
                    {t('audit.col.hash')}: {entry.hash}
                  </Typography.Text>
                </Flex>
              );
            },
          }}
          columns={[
            { key: 'seq', title: t('audit.col.seq'), dataIndex: 'seq', width: 72 },
            {
              key: 'at',
              title: t('audit.col.at'),
              width: locale === 'en' ? 190 : 170,
              render: (_, entry) => (
                <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at, locale)}</span>
              ),
            },
            {
              key: 'actor',
              title: t('audit.col.actor'),
              width: 150,
              ellipsis: true,
              render: (_, entry) =>
                entry.actorUserId === null ? (
                  <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>
                ) : (
                  <span title={`${entry.actorUsername ?? ''} #${entry.actorUserId}`}>
                    {entry.actorUsername ?? ''}{' '}
                    <Typography.Text type="secondary" className="huiqi-mono">
                      #{entry.actorUserId}
                    </Typography.Text>
                  </span>
                ),
            },
            {
              key: 'role',
              title: t('audit.col.role'),
              width: 100,
              render: (_, entry) =>
                entry.actorRole && isRole(entry.actorRole) ? (
                  <Tag color={ROLE_COLORS[entry.actorRole]}>{roleText(entry.actorRole)}</Tag>
                ) : (
                  (entry.actorRole ?? '')
                ),
            },
            {
              key: 'action',
              title: t('audit.col.action'),
              width: 200,
              ellipsis: true,
              render: (_, entry) => actionCell(entry.action),
            },
            {
              key: 'target',
              title: t('audit.col.target'),
              width: 120,
              ellipsis: true,
              render: (_, entry) =>
                entry.targetType ? `${targetTypeLabel(entry.targetType)} ${entry.targetId ?? ''}`.trim() : '',
            },
            {
              key: 'summary',
              title: t('audit.col.summary'),
              ellipsis: true,
              render: (_, entry) => {
                const line = summaryLine(entry.summary, t, locale);
                return (
                  <span title={line} data-testid="audit-summary">
                    {line}
                  </span>
                );
              },
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
