/**
 * `/app/credit-admin` (officials and admins): credit information of the region (issue 14). Three tabs, the tab in
 * the address: the queue of objections and repair requests (state, kind and region filters and the page in the
 * address, overdue ones highlighted, CSV/XLSX export, a written answer: accept — an objection optionally with the
 * corrected record — or reject), the statistics (consents by state and month, queries by bank, objections answered
 * on time, grades by region × size × section) and the dated figures of the rules (an admin adds a dated row).
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { downloadUrl, post, put } from '../../api/client.ts';
import type { CreditSetting, CreditStats, QueuedObjection } from '../../api/credit.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { stackedBarOption } from '../../components/chartOptions.ts';
import { DownloadButton } from '../../components/DownloadButton.tsx';
import { LazyChart } from '../../components/LazyChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ExportButtons } from '../../components/PagedTable.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { type MessageKey, pickName } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { recordSourceName } from '../../lib/departments.ts';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../lib/format.ts';
import { industryLabel, useIndustries } from '../../lib/industries.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { matching, oneOf, paramReader, positiveParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { useCreditSettings } from '../credit-records/creditModals.tsx';
import {
  ConsentStatusTag,
  categoryName,
  nowrap,
  ObjectionStateTag,
  settingPeriod,
  useCreditSubmit,
} from '../credit-records/creditParts.tsx';

const TABS = ['queue', 'stats', 'settings'] as const;
const STATES = ['open', 'accepted', 'rejected'] as const;
const KINDS = ['objection', 'repair'] as const;

const readFilters = paramReader({
  tab: (value) => oneOf(TABS, value) ?? 'queue',
  state: (value) => oneOf(STATES, value),
  kind: (value) => oneOf(KINDS, value),
  region: matching(/^\d{6}$/),
  from: matching(/^\d{4}-\d{2}-\d{2}$/),
  to: matching(/^\d{4}-\d{2}-\d{2}$/),
  page: (value) => positiveParam(value) ?? 1,
  pageSize: (value) => positiveParam(value, 100) ?? 20,
});
type Filters = ReturnType<typeof readFilters>;
type Update = ReturnType<typeof useUrlFilters>['update'];

export default function CreditAdminPage() {
  const { t } = useI18n();
  const { filters, update } = useUrlFilters(readFilters, (patch) =>
    'tab' in patch || 'page' in patch ? 'push' : 'replace',
  );
  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('credit.admin.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('credit.admin.intro')}</Typography.Text>
      </Flex>
      <Tabs
        activeKey={filters.tab}
        onChange={(key) =>
          update({
            tab: key === 'queue' ? null : key,
            state: null,
            kind: null,
            from: null,
            to: null,
            page: null,
            pageSize: null,
          })
        }
        items={[
          {
            key: 'queue',
            label: t('credit.admin.tab.queue'),
            children: filters.tab === 'queue' ? <Queue filters={filters} update={update} /> : null,
          },
          {
            key: 'stats',
            label: t('credit.admin.tab.stats'),
            children: filters.tab === 'stats' ? <Stats filters={filters} update={update} /> : null,
          },
          {
            key: 'settings',
            label: t('credit.admin.tab.settings'),
            children: filters.tab === 'settings' ? <Settings /> : null,
          },
        ]}
      />
    </Flex>
  );
}

function Queue({ filters, update }: { filters: Filters; update: Update }) {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const { state, kind, region, page, pageSize } = filters;
  const list = useApiQuery(
    apiQuery('/api/credit/objections', { query: { state, kind, region, page, pageSize } }),
    {
      keepPrevious: true,
    },
  );
  const [answering, setAnswering] = useState<QueuedObjection | null>(null);
  const rootCode = user?.role === 'official' ? user.regionCode : null;
  const exportUrl = (format: 'csv' | 'xlsx') =>
    downloadUrl('/api/credit/objections/export', {
      query: { state, kind, region, format, lang: locale === 'en' ? 'en' : 'zh' },
    });

  const columns: TableColumnsType<QueuedObjection> = [
    {
      title: t('credit.col.enterprise'),
      key: 'enterprise',
      width: 220,
      render: (_, o) => (
        <Flex vertical gap={0}>
          {user?.role === 'official' ? (
            <Link
              to={`/app/credit-admin/enterprises/${o.enterpriseId}`}
              data-testid={`queue-enterprise-${o.id}`}
            >
              {o.enterpriseName}
            </Link>
          ) : (
            <span>{o.enterpriseName}</span>
          )}
          <Typography.Text type="secondary" className="huiqi-mono" style={{ fontSize: 12 }}>
            {o.uscc}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('credit.col.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (value: string) => t(value === 'repair' ? 'credit.kind.repair' : 'credit.kind.objection'),
    },
    {
      title: t('credit.col.record'),
      key: 'record',
      width: 220,
      render: (_, o) => (
        <Flex vertical gap={0}>
          <span>{o.recordTitle}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {categoryName(o.recordCategory, locale)} · {recordSourceName(o.recordSource, t, locale)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('credit.col.reason'), dataIndex: 'reason', width: 240 },
    {
      title: t('credit.col.filedAt'),
      dataIndex: 'filedAt',
      width: 160,
      onCell: nowrap,
      render: (v: string) => formatDateTime(v, locale),
    },
    {
      title: t('credit.col.dueOn'),
      key: 'due',
      width: 130,
      onCell: nowrap,
      render: (_, o) => (
        <Typography.Text
          type={o.late && o.state === 'open' ? 'danger' : undefined}
          strong={o.late && o.state === 'open'}
        >
          {formatDate(o.dueOn, locale)}
        </Typography.Text>
      ),
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
      width: 220,
      render: (_, o) =>
        o.state === 'open' ? (
          <Button size="small" type="primary" onClick={() => setAnswering(o)} data-testid={`answer-${o.id}`}>
            {t('credit.answer.open')}
          </Button>
        ) : (
          <Flex vertical gap={0}>
            <span>{o.answer}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(o.answeredAt, locale)}
            </Typography.Text>
          </Flex>
        ),
    },
  ];

  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Flex
        gap={12}
        wrap
        align="center"
        justify="space-between"
        style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
      >
        <Flex gap={12} wrap align="center">
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('credit.queue.state')}
            value={state}
            onChange={(value) => update({ state: value ?? null })}
            options={STATES.map((s) => ({ value: s, label: t(`credit.objectionState.${s}`) }))}
            data-testid="queue-state"
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('credit.queue.kind')}
            value={kind}
            onChange={(value) => update({ kind: value ?? null })}
            options={KINDS.map((k) => ({
              value: k,
              label: t(k === 'repair' ? 'credit.kind.repair' : 'credit.kind.objection'),
            }))}
            data-testid="queue-kind"
          />
          <ScopedRegionCascader
            rootCode={rootCode}
            value={region}
            onChange={(code) => update({ region: code })}
            placeholder={t('credit.queue.region')}
            ariaLabel={t('credit.queue.region')}
            testId="queue-region"
            style={{ width: 280 }}
          />
          <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
            {t('common.reload')}
          </Button>
        </Flex>
        <Space>
          <DownloadButton
            url={exportUrl('csv')}
            fileName="credit-objections.csv"
            data-testid="queue-export-csv"
          >
            {t('credit.queue.exportCsv')}
          </DownloadButton>
          <DownloadButton
            url={exportUrl('xlsx')}
            fileName="credit-objections.xlsx"
            data-testid="queue-export-xlsx"
          >
            {t('credit.queue.exportXlsx')}
          </DownloadButton>
        </Space>
      </Flex>
      <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
      <Table<QueuedObjection>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.loading}
        rowClassName={(o) => (o.late && o.state === 'open' ? 'huiqi-row-overdue' : '')}
        onRow={(o) =>
          ({
            'data-testid': 'queue-row',
            'data-late': String(o.late),
            'data-state': o.state,
            style: o.late && o.state === 'open' ? { background: '#fff1f0' } : undefined,
          }) as object
        }
        locale={{ emptyText: list.loading ? ' ' : <Empty description={t('credit.queue.empty')} /> }}
        pagination={serverPagination({
          page,
          pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (nextPage, nextSize) => update({ page: nextPage, pageSize: nextSize }),
        })}
        data-testid="queue-table"
      />
      <AnswerModal
        objection={answering}
        onClose={() => setAnswering(null)}
        onDone={() => {
          setAnswering(null);
          list.reload();
        }}
      />
    </Card>
  );
}

interface AnswerValues {
  decision: 'accepted' | 'rejected';
  answer: string;
  correct: boolean;
  title?: string;
  valueNumber?: number | null;
  valueText?: string | null;
  decidedOn?: Dayjs;
  publishUntil?: Dayjs | null;
}
const ANSWER_FIELDS = [
  'decision',
  'answer',
  'correct',
  'title',
  'valueNumber',
  'valueText',
  'decidedOn',
  'publishUntil',
];
/** The server names the correction's own fields under 'correction.'; the form's are flat. */
const ANSWER_RENAME = {
  correction: 'correct',
  'correction.title': 'title',
  'correction.valueNumber': 'valueNumber',
  'correction.valueText': 'valueText',
  'correction.decidedOn': 'decidedOn',
  'correction.publishUntil': 'publishUntil',
};

function AnswerModal({
  objection,
  onClose,
  onDone,
}: {
  objection: QueuedObjection | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<AnswerValues>();
  const submit = useCreditSubmit(form, ANSWER_FIELDS, ANSWER_RENAME);
  const decision = Form.useWatch('decision', form);
  const correct = Form.useWatch('correct', form);
  const finish = async (values: AnswerValues) => {
    if (!objection) return;
    const withCorrection = objection.kind === 'objection' && values.decision === 'accepted' && values.correct;
    const saved = await submit.run(() =>
      post('/api/credit/objections/:enterpriseId/:id/answer', {
        params: { enterpriseId: objection.enterpriseId, id: objection.id },
        body: {
          decision: values.decision,
          answer: values.answer.trim(),
          correction: withCorrection
            ? {
                title: (values.title ?? '').trim(),
                valueNumber: values.valueNumber ?? null,
                valueText: values.valueText?.trim() || null,
                decidedOn: values.decidedOn?.format('YYYY-MM-DD') ?? '',
                publishUntil: values.publishUntil?.isValid()
                  ? values.publishUntil.format('YYYY-MM-DD')
                  : null,
              }
            : undefined,
        },
      }),
    );
    if (saved) {
      void message.success(t('credit.answer.done'));
      onDone();
    }
  };
  return (
    <Modal
      open={objection !== null}
      title={`${t(objection?.kind === 'repair' ? 'credit.answer.repairTitle' : 'credit.answer.title')} · ${objection?.enterpriseName ?? ''}`}
      onCancel={onClose}
      okText={t('credit.answer.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'answer-submit' }}
      destroyOnHidden
      width={640}
    >
      {objection ? (
        <Form<AnswerValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            decision: 'accepted',
            correct: false,
            title: objection.recordTitle,
            decidedOn: dayjs(todayInChina()),
          }}
          onFinish={(values) => void finish(values)}
        >
          <Typography.Paragraph>
            <Typography.Text strong>{objection.recordTitle}</Typography.Text> ·{' '}
            {recordSourceName(objection.recordSource, t, locale)}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" data-testid="answer-reason">
            {t('credit.answer.reason', { reason: objection.reason })}
          </Typography.Paragraph>
          {submit.alert}
          <Form.Item name="decision" label={t('credit.answer.decision')}>
            <Radio.Group data-testid="answer-decision">
              <Radio value="accepted">{t('credit.answer.accept')}</Radio>
              <Radio value="rejected">{t('credit.answer.reject')}</Radio>
            </Radio.Group>
          </Form.Item>
          {objection.kind === 'objection' && decision === 'accepted' ? (
            <Form.Item
              name="correct"
              valuePropName="checked"
              label={t('credit.answer.correct')}
              extra={t('credit.answer.correctHelp')}
            >
              <Switch data-testid="answer-correct" />
            </Form.Item>
          ) : null}
          {objection.kind === 'objection' && decision === 'accepted' && correct ? (
            <>
              <Form.Item
                name="title"
                label={t('credit.answer.correctionTitle')}
                rules={[{ required: true, whitespace: true, message: t('credit.form.required') }]}
              >
                <Input maxLength={200} data-testid="answer-correction-title" />
              </Form.Item>
              <Space wrap>
                <Form.Item name="valueNumber" label={t('credit.declare.number')}>
                  <InputNumber<number>
                    min={0}
                    style={{ width: 180 }}
                    data-testid="answer-correction-number"
                  />
                </Form.Item>
                <Form.Item name="valueText" label={t('credit.declare.value')}>
                  <Input maxLength={100} style={{ width: 180 }} data-testid="answer-correction-value" />
                </Form.Item>
              </Space>
              <Space wrap>
                <Form.Item
                  name="decidedOn"
                  label={t('credit.declare.decidedOn')}
                  rules={[{ required: true, message: t('credit.form.required') }]}
                >
                  <DatePicker
                    disabledDate={(day) => day.format('YYYY-MM-DD') > todayInChina()}
                    data-testid="answer-correction-date"
                  />
                </Form.Item>
                <Form.Item name="publishUntil" label={t('credit.col.publishUntil')}>
                  <DatePicker data-testid="answer-correction-until" />
                </Form.Item>
              </Space>
            </>
          ) : null}
          <Form.Item
            name="answer"
            label={t('credit.answer.text')}
            rules={[
              { required: true, whitespace: true, message: t('credit.form.required') },
              { min: 5, message: t('credit.objection.reasonShort') },
            ]}
          >
            <Input.TextArea rows={4} maxLength={1000} showCount data-testid="answer-text" />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}

function Stats({ filters, update }: { filters: Filters; update: Update }) {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const { region, from, to } = filters;
  const stats = useApiQuery(apiQuery('/api/credit/stats', { query: { region, from, to } }), {
    keepPrevious: true,
  });
  const data = stats.data;
  const rootCode = user?.role === 'official' ? user.regionCode : null;
  const exportOf = (table: 'grades' | 'banks' | 'months') => (
    <Flex gap={8}>
      <ExportButtons
        url={(format) =>
          downloadUrl('/api/credit/stats/export', {
            query: { region, from, to, table, format, lang: locale === 'en' ? 'en' : 'zh' },
          })
        }
        fileName={`credit-${table}`}
        labels={{ csv: t('credit.queue.exportCsv'), xlsx: t('credit.queue.exportXlsx') }}
        testId={`stats-${table}`}
      />
    </Flex>
  );
  return (
    <Flex vertical gap={16} data-testid="credit-stats">
      <Flex gap={12} wrap align="center">
        <ScopedRegionCascader
          rootCode={rootCode}
          value={region}
          onChange={(code) => update({ region: code })}
          placeholder={t('credit.queue.region')}
          ariaLabel={t('credit.queue.region')}
          testId="stats-region"
          style={{ width: 280 }}
        />
        <DatePicker.RangePicker
          value={data ? [dayjs(data.from), dayjs(data.to)] : null}
          allowClear={false}
          onChange={(range) =>
            update({
              from: range?.[0]?.format('YYYY-MM-DD') ?? null,
              to: range?.[1]?.format('YYYY-MM-DD') ?? null,
            })
          }
          aria-label={t('credit.stats.periodLabel')}
          data-testid="stats-period"
        />
        {data ? (
          <Typography.Text type="secondary">
            {t('credit.stats.period', {
              from: formatDate(data.from, locale),
              to: formatDate(data.to, locale),
            })}
          </Typography.Text>
        ) : null}
        <Button icon={<ReloadOutlined />} onClick={stats.reload} loading={stats.loading}>
          {t('common.reload')}
        </Button>
      </Flex>
      <LoadError error={stats.error} onRetry={stats.reload} style={{ marginBottom: 0 }} />
      {data ? <StatsBody data={data} exportOf={exportOf} /> : null}
    </Flex>
  );
}

function StatsBody({
  data,
  exportOf,
}: {
  data: CreditStats;
  exportOf: (table: 'grades' | 'banks' | 'months') => React.ReactNode;
}) {
  const { t, locale } = useI18n();
  const industries = useIndustries();
  const monthOption = useMemo(
    () =>
      stackedBarOption(
        data.consents.byMonth.map((m) => m.month),
        [
          {
            name: t('credit.stats.given'),
            color: '#1458c4',
            data: data.consents.byMonth.map((m) => m.given),
          },
          {
            name: t('credit.stats.revoked'),
            color: '#fa8c16',
            data: data.consents.byMonth.map((m) => m.revoked),
          },
        ],
        false,
      ),
    [data, t],
  );
  const o = data.objections;
  return (
    <>
      <Row gutter={[16, 16]}>
        {data.consents.byStatus.map((s) => (
          <Col key={s.status} xs={12} md={8} lg={4}>
            <Card size="small">
              <Statistic
                title={<ConsentStatusTag status={s.status} />}
                value={formatNumber(s.count, locale)}
                data-testid={`stats-consents-${s.status}`}
                data-value={s.count}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('credit.stats.byMonth')} extra={exportOf('months')}>
            {data.consents.byMonth.length > 0 ? (
              <LazyChart option={monthOption} label={t('credit.stats.byMonth')} height={260} />
            ) : (
              <Empty description={t('credit.stats.noConsents')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('credit.stats.objections')}>
            <Row gutter={[12, 12]}>
              <Col span={12}>
                <Statistic
                  title={t('credit.stats.open')}
                  value={o.open}
                  data-testid="stats-objections-open"
                  data-value={o.open}
                />
              </Col>
              <Col span={12}>
                <Statistic
                  title={t('credit.stats.openOverdue')}
                  value={o.openOverdue}
                  styles={{ content: { color: o.openOverdue > 0 ? '#cf1322' : undefined } }}
                />
              </Col>
              <Col span={12}>
                <Statistic
                  title={t('credit.stats.answered')}
                  value={o.answered}
                  data-testid="stats-objections-answered"
                  data-value={o.answered}
                />
              </Col>
              <Col span={12}>
                <Statistic
                  title={t('credit.stats.onTime')}
                  value={o.answered > 0 ? formatPercent(o.answeredOnTime, o.answered, locale) : '—'}
                  suffix={o.answered > 0 ? `(${o.answeredOnTime})` : undefined}
                />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('credit.stats.byBank')} extra={exportOf('banks')}>
        <Table
          rowKey="institutionId"
          size="small"
          pagination={false}
          dataSource={data.queriesByBank}
          locale={{ emptyText: t('credit.stats.noQueries') }}
          data-testid="stats-banks"
          columns={[
            { title: t('credit.col.bank'), dataIndex: 'institutionName' },
            { title: t('credit.stats.reports'), dataIndex: 'reports', align: 'right', width: 120 },
            { title: t('credit.stats.checks'), dataIndex: 'checks', align: 'right', width: 120 },
            { title: t('credit.stats.enterprises'), dataIndex: 'enterprises', align: 'right', width: 140 },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('credit.stats.grades')}
        extra={
          <Flex gap={12} align="center">
            {data.scorecard ? (
              <Typography.Text type="secondary">
                {t('credit.stats.scorecard', { name: data.scorecard.name, version: data.scorecard.version })}
              </Typography.Text>
            ) : null}
            {exportOf('grades')}
          </Flex>
        }
      >
        <Table
          rowKey={(row) => `${row.regionCode}|${row.size}|${row.section}|${row.grade}`}
          size="small"
          pagination={data.grades.length > 20 ? { pageSize: 20 } : false}
          dataSource={data.grades}
          locale={{ emptyText: t(data.scorecard ? 'credit.stats.noGrades' : 'credit.stats.noScorecard') }}
          data-testid="stats-grades"
          columns={[
            {
              title: t('credit.stats.region'),
              dataIndex: 'regionCode',
              render: (code: string) => <RegionName code={code} />,
            },
            {
              title: t('credit.stats.size'),
              dataIndex: 'size',
              render: (v: string | null) => (v ? t(`size.${v}` as MessageKey) : '—'),
            },
            {
              title: t('credit.stats.section'),
              dataIndex: 'section',
              onCell: () => ({ 'data-testid': 'grade-section' }) as object,
              render: (v: string | null) =>
                v ? industryLabel(industries, v, (item) => pickName(item, locale)) : '—',
            },
            { title: t('credit.report.grade'), dataIndex: 'grade', render: (v: string) => <Tag>{v}</Tag> },
            { title: t('credit.stats.count'), dataIndex: 'count', align: 'right' },
          ]}
        />
      </Card>
    </>
  );
}

function Settings() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const settings = useCreditSettings();
  const [adding, setAdding] = useState(false);
  const today = todayInChina();
  const columns: TableColumnsType<CreditSetting> = [
    {
      title: t('credit.settings.key'),
      dataIndex: 'key',
      width: 260,
      // The name only: the internal key stays on the row (data-key) for tests, out of the reader's way.
      render: (key: string) => <span>{t(`credit.setting.${key}` as MessageKey)}</span>,
    },
    { title: t('credit.settings.value'), key: 'value', width: 120, render: (_, s) => settingPeriod(s, t) },
    {
      title: t('credit.settings.from'),
      dataIndex: 'effectiveFrom',
      width: 150,
      render: (v: string) => (
        <Space size={4}>
          {formatDate(v, locale)}
          {v > today ? <Tag>{t('credit.settings.future')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('credit.settings.basis'), dataIndex: 'basis' },
    {
      title: t('credit.settings.verified'),
      dataIndex: 'verified',
      width: 120,
      render: (verified: boolean) =>
        verified ? (
          <Tag color="green">{t('credit.settings.isVerified')}</Tag>
        ) : (
          <Tooltip title={t('credit.settings.unverifiedHelp')}>
            <Tag color="orange" data-testid="setting-unverified">
              {t('credit.settings.unverified')}
            </Tag>
          </Tooltip>
        ),
    },
  ];
  return (
    <Card
      styles={{ body: { padding: 0 } }}
      title={t('credit.settings.title')}
      extra={
        user?.role === 'admin' ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="setting-add"
          >
            {t('credit.settings.add')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" style={{ padding: '12px 16px 0' }}>
        {t('credit.settings.intro')}
      </Typography.Paragraph>
      <LoadError error={settings.error} onRetry={settings.reload} style={{ margin: 16 }} />
      <Table<CreditSetting>
        rowKey={(s) => `${s.key}|${s.effectiveFrom}`}
        size="small"
        columns={columns}
        dataSource={settings.data?.items ?? []}
        loading={settings.loading}
        pagination={false}
        onRow={(s) =>
          ({ 'data-testid': 'setting-row', 'data-key': s.key, 'data-from': s.effectiveFrom }) as object
        }
        locale={{ emptyText: settings.loading ? ' ' : t('credit.settings.empty') }}
        data-testid="settings-table"
      />
      <SettingModal
        open={adding}
        keys={[...new Set((settings.data?.items ?? []).map((s) => s.key))]}
        onClose={() => setAdding(false)}
        onDone={() => {
          setAdding(false);
          settings.reload();
        }}
      />
    </Card>
  );
}

interface SettingValues {
  key: string;
  effectiveFrom: Dayjs;
  value: number;
  unit: 'days' | 'months' | 'years';
  basis: string;
  verified: boolean;
}

function SettingModal({
  open,
  keys,
  onClose,
  onDone,
}: {
  open: boolean;
  keys: string[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<SettingValues>();
  const submit = useCreditSubmit(form, ['key', 'effectiveFrom', 'value', 'unit', 'basis', 'verified']);
  const finish = async (values: SettingValues) => {
    const saved = await submit.run(() =>
      put('/api/credit/settings', {
        body: {
          key: values.key,
          effectiveFrom: values.effectiveFrom.format('YYYY-MM-DD'),
          value: values.value,
          unit: values.unit,
          basis: values.basis.trim(),
          verified: values.verified,
        },
      }),
    );
    if (saved) {
      void message.success(t('credit.settings.saved'));
      onDone();
    }
  };
  return (
    <Modal
      open={open}
      title={t('credit.settings.add')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'setting-submit' }}
      destroyOnHidden
    >
      <Form<SettingValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ unit: 'days', verified: false, effectiveFrom: dayjs(todayInChina()) }}
        onFinish={(values) => void finish(values)}
      >
        {submit.alert}
        <Form.Item
          name="key"
          label={t('credit.settings.key')}
          rules={[{ required: true, message: t('credit.form.required') }]}
        >
          <Select
            data-testid="setting-key"
            options={keys.map((key) => ({
              value: key,
              label: `${t(`credit.setting.${key}` as MessageKey)} (${key})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label={t('credit.settings.from')}
          rules={[{ required: true, message: t('credit.form.required') }]}
        >
          <DatePicker data-testid="setting-from" />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="value"
            label={t('credit.settings.value')}
            rules={[{ required: true, message: t('credit.form.required') }]}
          >
            <InputNumber<number> min={0.01} max={100000} style={{ width: 160 }} data-testid="setting-value" />
          </Form.Item>
          <Form.Item name="unit" label={t('credit.settings.unit')}>
            <Select
              style={{ width: 140 }}
              options={(['days', 'months', 'years'] as const).map((u) => ({
                value: u,
                label: t(`credit.unitName.${u}`),
              }))}
              data-testid="setting-unit"
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="basis"
          label={t('credit.settings.basis')}
          rules={[{ required: true, whitespace: true, message: t('credit.form.required') }]}
        >
          <Input.TextArea rows={2} maxLength={300} data-testid="setting-basis" />
        </Form.Item>
        <Form.Item name="verified" label={t('credit.settings.verified')} valuePropName="checked">
          <Switch data-testid="setting-verified" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
