/**
 * `/app/imports` (officials, admins): template downloads, the upload form (the file goes as the raw request
 * body), a live view of the job (polled every second: progress, counts, detected encoding), its rejected rows,
 * and the list of past imports. The job shown is kept in the URL (`?job=ID`). What is imported is chosen first
 * (`?kind=`): the enterprise registry, or a department's credit records (issue 14) with their source department.
 */
import { CloudUploadOutlined, EyeOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { creditSources } from '../../../reference/credit.ts';
import {
  ApiError,
  api,
  downloads,
  type ExportFormat,
  type FileLang,
  type ImportJob,
  type ImportJobEnterprise,
  type ImportMode,
  type ImportProblem,
  type ImportStatus,
} from '../../api/client.ts';
import { DownloadButton } from '../../components/DownloadButton.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { type MessageKey, pickName } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { departmentName } from '../../lib/departments.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { usePaging } from '../../lib/pagination.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';

/** What a file holds. */
type ImportKind = ImportJob['kind'];

const KIND_LABELS: Record<ImportKind, MessageKey> = {
  enterprises: 'imports.kind.enterprises',
  credit_records: 'imports.kind.credit_records',
};

/** The template downloads of a kind. */
const templateUrl = (kind: ImportKind, format: ExportFormat, lang: FileLang) =>
  kind === 'credit_records'
    ? downloads.creditImportTemplate(format, lang)
    : downloads.importTemplate(format, lang);

/** A department's (or another credit source's) name by its code, in the reader's language. */
function useDepartmentName() {
  const { locale } = useI18n();
  return (code: string | null) => (code ? departmentName(code, locale) : null);
}

const STATUS_TAGS: Record<ImportStatus, { color: string; label: MessageKey }> = {
  queued: { color: 'default', label: 'imports.status.queued' },
  running: { color: 'processing', label: 'imports.status.running' },
  succeeded: { color: 'green', label: 'imports.status.succeeded' },
  rejected: { color: 'orange', label: 'imports.status.rejected' },
  failed: { color: 'red', label: 'imports.status.failed' },
};

const MODE_LABELS: Record<ImportMode, MessageKey> = {
  all_or_nothing: 'imports.mode.all_or_nothing',
  valid_rows: 'imports.mode.valid_rows',
};

const TEMPLATES: { format: ExportFormat; lang: FileLang; label: MessageKey }[] = [
  { format: 'csv', lang: 'zh', label: 'imports.template.csvZh' },
  { format: 'csv', lang: 'en', label: 'imports.template.csvEn' },
  { format: 'xlsx', lang: 'zh', label: 'imports.template.xlsxZh' },
  { format: 'xlsx', lang: 'en', label: 'imports.template.xlsxEn' },
];

const isRunning = (status: ImportStatus) => status === 'queued' || status === 'running';

function StatusTag({ status, testId }: { status: ImportStatus; testId?: string }) {
  const { t } = useI18n();
  const tag = STATUS_TAGS[status];
  return (
    <Tag color={tag.color} data-testid={testId} data-status={status}>
      {t(tag.label)}
    </Tag>
  );
}

function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** The job, polled every second while it is queued or running. */
function useImportJob(id: number | undefined) {
  const [job, setJob] = useState<ImportJob | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    void tick;
    setJob(undefined);
    setError(undefined);
    if (!id) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await api.importJob(id, controller.signal);
        if (controller.signal.aborted) return;
        setJob(next);
        setError(undefined);
        if (isRunning(next.status)) timer = setTimeout(() => void poll(), 1000);
      } catch (failure) {
        if (controller.signal.aborted) return;
        setError(failure instanceof Error ? failure : new Error(String(failure)));
        // A network hiccup is retried; a missing job or a refusal is not.
        if (!(failure instanceof ApiError) || failure.status === 0 || failure.status >= 500)
          timer = setTimeout(() => void poll(), 3000);
      }
    };
    void poll();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [id, tick]);

  return { job, error, retry: () => setTick((value) => value + 1) };
}

function JobErrors({ job }: { job: ImportJob }) {
  const { t, locale } = useI18n();
  const paging = usePaging(10);
  const { page, pageSize } = paging;
  const errors = useApiQuery(
    apiQuery('/api/registry/imports/:id/errors', { params: { id: job.id }, query: { page, pageSize } }),
    { keepPrevious: true },
  );
  return (
    <Card
      size="small"
      title={t('imports.errorsTitle', {
        count: formatNumber(errors.data?.total ?? job.rowsRejected, locale),
      })}
      extra={
        <DownloadButton
          size="small"
          url={downloads.importErrors(job.id)}
          fileName={`import-${job.id}-errors.csv`}
          data-testid="import-errors-export"
        >
          {t('imports.exportErrors')}
        </DownloadButton>
      }
    >
      <LoadError error={errors.error} onRetry={errors.reload} />
      <Table<ImportProblem>
        size="small"
        rowKey={(row) => `${row.row}-${row.field}-${row.message}`}
        loading={errors.loading}
        dataSource={errors.data?.items ?? []}
        pagination={paging.pagination(errors.data?.total)}
        data-testid="import-errors-table"
        tableLayout="fixed"
        columns={[
          { key: 'row', title: t('imports.col.row'), dataIndex: 'row', width: 80 },
          {
            key: 'column',
            title: t('imports.col.field'),
            width: 180,
            ellipsis: { showTitle: true },
            dataIndex: 'column',
          },
          { key: 'message', title: t('imports.col.message'), dataIndex: 'message' },
          {
            key: 'code',
            title: t('imports.col.code'),
            width: 250,
            ellipsis: { showTitle: true },
            render: (_, row) => <span className="huiqi-mono">{row.code ?? t('common.empty')}</span>,
          },
        ]}
      />
    </Card>
  );
}

/** The enterprises a finished job created or updated: the list its audit entry points to (ADR 0015). */
function JobEnterprises({ job }: { job: ImportJob }) {
  const { t, locale } = useI18n();
  // A credit file changes enterprises' records, not the enterprises.
  const credit = job.kind === 'credit_records';
  const paging = usePaging(10);
  const { page, pageSize } = paging;
  const changed = useApiQuery(
    apiQuery('/api/registry/imports/:id/enterprises', { params: { id: job.id }, query: { page, pageSize } }),
    { keepPrevious: true },
  );
  return (
    <Card
      size="small"
      title={t(credit ? 'imports.changedTitleCredit' : 'imports.changedTitle', {
        count: formatNumber(changed.data?.total ?? job.rowsLoaded, locale),
      })}
      extra={
        <Space>
          {(['csv', 'xlsx'] as const).map((format) => (
            <DownloadButton
              key={format}
              size="small"
              url={downloads.importEnterprises(job.id, format)}
              fileName={`import-${job.id}-enterprises.${format}`}
              data-testid={`import-enterprises-export-${format}`}
            >
              {`${t('imports.exportChanged')} ${format.toUpperCase()}`}
            </DownloadButton>
          ))}
        </Space>
      }
      data-testid="import-enterprises"
    >
      <Typography.Paragraph type="secondary">
        {t(credit ? 'imports.changedHintCredit' : 'imports.changedHint')}
      </Typography.Paragraph>
      <LoadError error={changed.error} onRetry={changed.reload} />
      <Table<ImportJobEnterprise>
        size="small"
        rowKey={(row) => `${row.row}-${row.enterpriseId}`}
        loading={changed.loading}
        dataSource={changed.data?.items ?? []}
        pagination={paging.pagination(changed.data?.total)}
        data-testid="import-enterprises-table"
        columns={[
          { key: 'row', title: t('imports.col.row'), dataIndex: 'row', width: 90 },
          {
            key: 'change',
            title: t('imports.col.change'),
            width: 100,
            render: (_, row) => (
              <Tag color={row.change === 'created' ? 'green' : 'blue'}>
                {credit ? t('imports.change.records') : t(`imports.change.${row.change}`)}
              </Tag>
            ),
          },
          {
            key: 'uscc',
            title: t('imports.col.uscc'),
            width: 200,
            render: (_, row) => <span className="huiqi-mono">{row.uscc ?? t('common.empty')}</span>,
          },
          {
            key: 'name',
            title: t('imports.col.name'),
            render: (_, row) =>
              row.name === null ? (
                <Typography.Text type="secondary">{t('imports.movedAway')}</Typography.Text>
              ) : (
                <Link to={`/app/enterprises/${row.enterpriseId}`}>{row.name}</Link>
              ),
          },
          {
            key: 'region',
            title: t('imports.col.region'),
            width: 220,
            ellipsis: { showTitle: false },
            render: (_, row) => (
              <span title={row.regionCode ?? undefined}>
                {row.regionCode && row.regionName ? (
                  <RegionName code={row.regionCode} name={row.regionName} full />
                ) : (
                  t('common.empty')
                )}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}

function JobView({ id, onFinished }: { id: number; onFinished: () => void }) {
  const { t, locale } = useI18n();
  const departmentName = useDepartmentName();
  const { job, error, retry } = useImportJob(id);
  const finishedRef = useRef<number | null>(null);

  const running = job ? isRunning(job.status) : true;
  useEffect(() => {
    if (job && !isRunning(job.status) && finishedRef.current !== job.id) {
      finishedRef.current = job.id;
      onFinished();
    }
  }, [job, onFinished]);

  if (!job) {
    return (
      <Card data-testid="import-progress" loading={!error}>
        <LoadError error={error} onRetry={retry} />
      </Card>
    );
  }

  const percent = job.totalBytes
    ? Math.min(100, Math.floor((job.bytesRead / job.totalBytes) * 100))
    : running
      ? 0
      : 100;
  const progressStatus =
    job.status === 'succeeded'
      ? 'success'
      : job.status === 'rejected' || job.status === 'failed'
        ? 'exception'
        : 'active';

  const outcome =
    job.status === 'succeeded'
      ? t('imports.outcome.succeeded', {
          loaded: formatNumber(job.rowsLoaded, locale),
          unchanged: formatNumber(job.rowsUnchanged, locale),
          rejected: formatNumber(job.rowsRejected, locale),
        })
      : job.status === 'rejected'
        ? t('imports.outcome.rejected', { rejected: formatNumber(job.rowsRejected, locale) })
        : job.status === 'failed'
          ? t('imports.outcome.failed')
          : null;

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <Space wrap>
            {t('imports.jobTitle', { id: job.id })}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {job.fileName}
            </Typography.Text>
          </Space>
        }
        extra={<StatusTag status={job.status} testId="import-status" />}
        data-testid="import-progress"
      >
        <Flex vertical gap={16}>
          <div>
            <Progress percent={percent} status={progressStatus} data-testid="import-progress-bar" />
            <Typography.Text type="secondary">
              {job.totalBytes
                ? t('imports.bytes', {
                    read: formatBytes(job.bytesRead, locale),
                    total: formatBytes(job.totalBytes, locale),
                  })
                : formatBytes(job.bytesRead, locale)}
            </Typography.Text>
          </div>
          {outcome ? (
            <Alert
              type={job.status === 'succeeded' ? (job.rowsRejected > 0 ? 'warning' : 'success') : 'error'}
              showIcon
              title={outcome}
              description={job.errorMessage ?? undefined}
              data-testid="import-outcome"
            />
          ) : null}
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Statistic title={t('imports.rowsRead')} value={formatNumber(job.rowsRead, locale)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('imports.rowsLoaded')}
                value={formatNumber(job.rowsLoaded, locale)}
                styles={{ content: { color: '#389e0d' } }}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('imports.rowsUnchanged')} value={formatNumber(job.rowsUnchanged, locale)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('imports.rowsRejected')}
                value={formatNumber(job.rowsRejected, locale)}
                styles={{ content: { color: job.rowsRejected > 0 ? '#cf1322' : undefined } }}
              />
            </Col>
          </Row>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              {
                key: 'kind',
                label: t('imports.kind'),
                children: (
                  <span data-testid="import-kind">
                    {t(KIND_LABELS[job.kind])}
                    {job.sourceDepartment ? ` · ${departmentName(job.sourceDepartment)}` : ''}
                  </span>
                ),
              },
              { key: 'mode', label: t('imports.mode'), children: t(MODE_LABELS[job.mode]) },
              {
                key: 'format',
                label: t('imports.format'),
                children: job.format ? job.format.toUpperCase() : t('common.empty'),
              },
              {
                key: 'encoding',
                label: t('imports.encoding'),
                children: (
                  <span className="huiqi-mono" data-testid="import-encoding">
                    {job.encoding ?? (running ? t('imports.detecting') : t('common.empty'))}
                  </span>
                ),
              },
              {
                key: 'created',
                label: t('imports.createdAt'),
                children: formatDateTime(job.createdAt, locale),
              },
              {
                key: 'submitter',
                label: t('imports.createdBy'),
                children: <span data-testid="import-submitter">{job.createdBy ?? t('imports.viaCli')}</span>,
              },
              {
                key: 'started',
                label: t('imports.startedAt'),
                children: formatDateTime(job.startedAt, locale),
              },
              {
                key: 'finished',
                label: t('imports.finishedAt'),
                children: formatDateTime(job.finishedAt, locale),
              },
            ]}
          />
        </Flex>
      </Card>
      {!running && job.rowsRejected > 0 ? <JobErrors key={job.id} job={job} /> : null}
      {!running && job.rowsLoaded > 0 ? <JobEnterprises key={`changed-${job.id}`} job={job} /> : null}
    </Flex>
  );
}

function UploadCard({
  kind,
  onKind,
  onStarted,
}: {
  kind: ImportKind;
  onKind: (kind: ImportKind) => void;
  onStarted: (job: ImportJob) => void;
}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [department, setDepartment] = useState<string | undefined>(undefined);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    if (!file) return;
    if (kind === 'credit_records' && !department) {
      setError(t('imports.departmentRequired'));
      return;
    }
    setUploading(true);
    setError(null);
    try {
      const job =
        kind === 'credit_records' && department
          ? await api.uploadCreditImport(file, file.name, mode, department)
          : await api.uploadImport(file, file.name, mode);
      void message.success(t('imports.started', { id: job.id }));
      setFile(null);
      onStarted(job);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Card title={t('imports.uploadTitle')} style={{ height: '100%' }}>
      <Flex vertical gap={16}>
        <div>
          <Typography.Text strong>{t('imports.kind')}</Typography.Text>
          <Radio.Group
            value={kind}
            onChange={(event) => onKind(event.target.value as ImportKind)}
            data-testid="import-kind-choice"
            optionType="button"
            style={{ display: 'flex', marginTop: 8 }}
            options={[
              { value: 'enterprises', label: t('imports.kind.enterprises') },
              { value: 'credit_records', label: t('imports.kind.credit_records') },
            ]}
          />
        </div>
        {kind === 'credit_records' ? (
          <div>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('imports.kind.creditHint')}
            </Typography.Paragraph>
            <Typography.Text strong>{t('imports.department')}</Typography.Text>
            <Select
              value={department}
              onChange={setDepartment}
              placeholder={t('imports.departmentPlaceholder')}
              aria-label={t('imports.department')}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%', marginTop: 8 }}
              data-testid="import-department"
              options={creditSources().map((d) => ({ value: d.code, label: pickName(d, locale) }))}
            />
          </div>
        ) : null}
        <div>
          <Typography.Text strong>{t('imports.mode')}</Typography.Text>
          <Radio.Group
            value={mode}
            onChange={(event) => setMode(event.target.value as ImportMode)}
            data-testid="import-mode"
            style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 8 }}
            options={[
              { value: 'all_or_nothing', label: t('imports.mode.all_or_nothing') },
              { value: 'valid_rows', label: t('imports.mode.valid_rows') },
            ]}
          />
        </div>
        <div data-testid="import-upload">
          <Upload.Dragger
            accept=".csv,.txt,.xlsx"
            multiple={false}
            maxCount={1}
            beforeUpload={(picked) => {
              setFile(picked);
              setError(null);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              return true;
            }}
            fileList={
              file
                ? [
                    {
                      uid: 'picked',
                      name: `${file.name} (${formatBytes(file.size, locale)})`,
                      status: 'done',
                    },
                  ]
                : []
            }
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('imports.dropText')}</p>
            <p className="ant-upload-hint">{t('imports.dropHint')}</p>
          </Upload.Dragger>
        </div>
        {error ? <Alert type="error" showIcon title={error} data-testid="import-upload-error" /> : null}
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          disabled={!file}
          loading={uploading}
          onClick={() => void start()}
          data-testid="import-submit"
        >
          {t('imports.start')}
        </Button>
      </Flex>
    </Card>
  );
}

export default function ImportsPage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const jobId = Number(params.get('job')) || undefined;
  const kind: ImportKind = params.get('kind') === 'credit_records' ? 'credit_records' : 'enterprises';
  const setKind = (next: ImportKind) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (next === 'enterprises') updated.delete('kind');
        else updated.set('kind', next);
        return updated;
      },
      { replace: true },
    );
  const paging = usePaging(10);
  const { page, pageSize } = paging;
  const history = useApiQuery(apiQuery('/api/registry/imports', { query: { page, pageSize } }), {
    keepPrevious: true,
  });
  const reloadHistory = history.reload;

  const show = (id: number) =>
    setParams(kind === 'enterprises' ? { job: String(id) } : { job: String(id), kind }, { replace: false });

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
        {t('imports.title')}
      </Typography.Title>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('imports.templateTitle')} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary">
              {t(kind === 'credit_records' ? 'imports.creditTemplateText' : 'imports.templateText')}
            </Typography.Paragraph>
            <Flex vertical gap={8}>
              {TEMPLATES.map((template) => (
                <DownloadButton
                  key={`${template.format}-${template.lang}`}
                  url={templateUrl(kind, template.format, template.lang)}
                  fileName={`${kind === 'credit_records' ? 'credit' : 'enterprise'}-template.${template.format}`}
                  data-testid={`import-template-${template.format}-${template.lang}`}
                  style={{ justifyContent: 'flex-start' }}
                >
                  {t(template.label)}
                </DownloadButton>
              ))}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <UploadCard
            kind={kind}
            onKind={setKind}
            onStarted={(job) => {
              show(job.id);
              paging.toFirstPage();
              reloadHistory();
            }}
          />
        </Col>
      </Row>

      {jobId ? <JobView key={jobId} id={jobId} onFinished={reloadHistory} /> : null}

      <Card
        title={t('imports.historyTitle')}
        extra={
          <Button size="small" icon={<ReloadOutlined />} onClick={reloadHistory}>
            {t('common.reload')}
          </Button>
        }
      >
        <LoadError error={history.error} onRetry={reloadHistory} />
        <Table<ImportJob>
          size="small"
          rowKey="id"
          loading={history.loading}
          dataSource={history.data?.items ?? []}
          pagination={paging.pagination(history.data?.total)}
          scroll={{ x: 900 }}
          data-testid="import-history-table"
          rowClassName={(row) => (row.id === jobId ? 'ant-table-row-selected' : '')}
          columns={[
            { key: 'id', title: t('imports.col.id'), dataIndex: 'id', width: 70 },
            { key: 'file', title: t('imports.col.file'), dataIndex: 'fileName', ellipsis: true },
            {
              key: 'kind',
              title: t('imports.col.kind'),
              width: 100,
              render: (_, row) => t(KIND_LABELS[row.kind]),
            },
            {
              key: 'created',
              title: t('imports.createdAt'),
              width: 170,
              render: (_, row) => (
                <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.createdAt, locale)}</span>
              ),
            },
            {
              key: 'submitter',
              title: t('imports.createdBy'),
              width: 120,
              ellipsis: true,
              render: (_, row) => row.createdBy ?? t('imports.viaCli'),
            },
            {
              key: 'status',
              title: t('imports.col.status'),
              width: 100,
              render: (_, row) => <StatusTag status={row.status} />,
            },
            {
              key: 'mode',
              title: t('imports.mode'),
              ellipsis: true,
              render: (_, row) => t(MODE_LABELS[row.mode]),
            },
            {
              key: 'rows',
              title: t('imports.col.rows'),
              ellipsis: true,
              render: (_, row) =>
                t('imports.rowsSummary', {
                  loaded: formatNumber(row.rowsLoaded, locale),
                  rejected: formatNumber(row.rowsRejected, locale),
                }),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              width: 90,
              render: (_, row) => (
                <Button
                  type="link"
                  size="small"
                  icon={<EyeOutlined />}
                  onClick={() => show(row.id)}
                  data-testid={`import-show-${row.id}`}
                >
                  {t('imports.show')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
