/** `/app/audit` (admin, auditor): filtered, paged audit entries with expandable summaries, verification and CSV. */
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
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
import { downloadCsv, toCsv } from '../../lib/csv.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePaging } from '../../lib/pagination.ts';
import { useApi } from '../../lib/useApi.ts';
import { ROLE_COLORS, roleLabel } from '../../nav.ts';

interface FilterValues {
  action?: string;
  targetType?: string;
  targetId?: string;
  actorUserId?: number | null;
  range?: [Dayjs | null, Dayjs | null] | null;
}

type Filters = Omit<AuditQuery, 'page' | 'pageSize'>;

const KNOWN_ACTIONS = [
  'auth.',
  'auth.login',
  'auth.logout',
  'auth.login_failed',
  'auth.account_locked',
  'user.',
  'user.created',
  'user.updated',
  'user.password_changed',
  'user.preferences_changed',
  'enterprise.',
  'enterprise.profile_updated',
  'enterprise.figures_reported',
  'import.created',
  'demo.seeded',
];

/** Object types the audit log records, for the filter's suggestions. */
const TARGET_TYPES = ['user', 'enterprise', 'import_job'];

function toFilters(values: FilterValues): Filters {
  const filters: Filters = {};
  const action = values.action?.trim();
  if (action) filters.action = action;
  const targetType = values.targetType?.trim();
  if (targetType) filters.targetType = targetType;
  const targetId = values.targetId?.trim();
  if (targetId) filters.targetId = targetId;
  if (values.actorUserId) filters.actorUserId = values.actorUserId;
  const [from, to] = values.range ?? [null, null];
  if (from) filters.from = from.toDate().toISOString();
  if (to) filters.to = to.toDate().toISOString();
  return filters;
}

const compactJson = (value: unknown) => JSON.stringify(value);

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
  const list = useApi((signal) => api.listAudit(query, signal), JSON.stringify(query));

  const actionLabel = (action: string) => {
    const key = `audit.action.${action}`;
    return isMessageKey(key) ? t(key) : null;
  };
  const targetTypeLabel = (type: string | null) => {
    if (!type) return '';
    const key = `audit.targetType.${type}`;
    return isMessageKey(key) ? t(key) : type;
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
        t('audit.filter.actor'),
        t('audit.col.actor'),
        t('audit.col.role'),
        t('audit.col.action'),
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
          entry.actorRole,
          entry.action,
          entry.targetType,
          entry.targetId,
          entry.requestId,
          compactJson(entry.summary),
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
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="action" label={t('audit.filter.action')}>
                <AutoComplete
                  options={KNOWN_ACTIONS.map((value) => ({ value }))}
                  placeholder={t('audit.filter.actionPlaceholder')}
                  allowClear
                  showSearch={{
                    filterOption: (input, option) => String(option?.value ?? '').startsWith(input.trim()),
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item name="targetType" label={t('audit.filter.targetType')}>
                <AutoComplete
                  options={TARGET_TYPES.map((value) => ({
                    value,
                    label: `${value} · ${targetTypeLabel(value)}`,
                  }))}
                  allowClear
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={3}>
              <Form.Item name="targetId" label={t('audit.filter.targetId')}>
                <Input allowClear maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={3}>
              <Form.Item name="actorUserId" label={t('audit.filter.actor')}>
                <InputNumber min={1} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={18} lg={8}>
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
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1100 }}
          data-testid="audit-table"
          pagination={paging.pagination(list.data?.total)}
          expandable={{
            expandedRowRender: (entry) => (
              <Flex vertical gap={8} style={{ padding: '4px 8px' }}>
                <Typography.Text strong>{t('audit.summaryTitle')}</Typography.Text>
                <pre className="huiqi-mono huiqi-json">{JSON.stringify(entry.summary, null, 2)}</pre>
                <Typography.Text type="secondary" className="huiqi-mono">
                  {t('audit.col.hash')}: {entry.hash}
                </Typography.Text>
              </Flex>
            ),
          }}
          columns={[
            { key: 'seq', title: t('audit.col.seq'), dataIndex: 'seq', width: 70 },
            {
              key: 'at',
              title: t('audit.col.at'),
              width: 150,
              render: (_, entry) => formatDateTime(entry.at, locale),
            },
            {
              key: 'actor',
              title: t('audit.col.actor'),
              width: 140,
              render: (_, entry) =>
                entry.actorUserId === null ? (
                  <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>
                ) : (
                  <span>
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
              width: 110,
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
              width: 180,
              render: (_, entry) => (
                <Flex vertical>
                  <span className="huiqi-mono">{entry.action}</span>
                  {actionLabel(entry.action) ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {actionLabel(entry.action)}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            {
              key: 'target',
              title: t('audit.col.target'),
              width: 80,
              render: (_, entry) =>
                entry.targetType ? `${targetTypeLabel(entry.targetType)} ${entry.targetId ?? ''}`.trim() : '',
            },
            {
              key: 'requestId',
              title: t('audit.col.requestId'),
              width: 110,
              ellipsis: true,
              render: (_, entry) =>
                entry.requestId ? (
                  <Typography.Text
                    className="huiqi-mono"
                    copyable={{ text: entry.requestId }}
                    title={entry.requestId}
                  >
                    {entry.requestId.slice(0, 8)}…
                  </Typography.Text>
                ) : (
                  ''
                ),
            },
            {
              key: 'summary',
              title: t('audit.col.summary'),
              ellipsis: true,
              render: (_, entry) => (
                <span className="huiqi-mono" title={compactJson(entry.summary)}>
                  {compactJson(entry.summary)}
                </span>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
