/**
 * Attachments of a case (a demand's files, an overdue-payment complaint's evidence), on the enterprise's and the
 * officials' case pages: the files with a download link each, and — when the user may still add files in the
 * case's state — an upload button. Each picked file is checked first for its extension and size (the server sniffs
 * the content and decides); a refused file shows the server's message. Also the picker and the upload progress of
 * the submission drawers, whose files go up right after the case is created.
 */
import { LoadingOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Progress,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { type Dispatch, type HTMLAttributes, type SetStateAction, useRef, useState } from 'react';
import {
  ATTACHMENT_DEFAULTS,
  ATTACHMENT_EXTENSIONS,
  type Attachment,
  attachmentsApi,
  checkFile,
  type FileProblem,
  formatBytes,
  type UploadState,
  uploadInTurn,
} from '../../api/attachments.ts';
import type { CaseDetail } from '../../api/client.ts';
import { isMessageKey } from '../../i18n/core.ts';
import { type TFunction, useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { composedQuery, useApiQuery } from '../../lib/queries.ts';

/** The label of a sniffed kind ('pdf', 'docx', 'ofd'…). */
function kindLabel(t: TFunction, kind: string): string {
  const key = `attachments.kind.${kind}`;
  return isMessageKey(key) ? t(key) : kind;
}

function roleLabel(t: TFunction, role: string): string {
  const key = `role.${role}`;
  return isMessageKey(key) ? t(key) : role;
}

/** Why a picked file is not sent, in words. */
function problemText(t: TFunction, name: string, problem: FileProblem, maxBytes: number): string {
  switch (problem.problem) {
    case 'noExtension':
      return t('attachments.problem.noExtension', { name });
    case 'badType':
      return t('attachments.problem.badType', { name, extension: problem.extension });
    case 'tooLarge':
      return t('attachments.problem.tooLarge', { name, size: formatBytes(maxBytes) });
    case 'empty':
      return t('attachments.problem.empty', { name });
  }
}

const accept = ATTACHMENT_EXTENSIONS.map((extension) => `.${extension}`).join(',');

/** The attachments card of a case page; `refreshKey` reloads it (e.g. the case's version after an action). */
export function CaseAttachments({
  caseId,
  refreshKey,
  onUploaded,
}: {
  caseId: number;
  refreshKey?: string | number;
  /** Called after each file that went up (the case's timeline has a new event). */
  onUploaded?: () => void;
}) {
  const { t, locale } = useI18n();
  const loaded = useApiQuery(
    composedQuery('case-attachments', [caseId, refreshKey ?? ''], (signal) =>
      attachmentsApi.list(caseId, signal),
    ),
    { keepPrevious: true },
  );
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const data = loaded.data;

  const update = (uid: string, patch: Partial<UploadState>) =>
    setUploads((list) =>
      patch.status === 'done'
        ? list.filter((u) => u.uid !== uid)
        : list.map((u) => (u.uid === uid ? { ...u, ...patch } : u)),
    );

  const pick = (file: File & { uid: string }) => {
    if (!data) return Upload.LIST_IGNORE;
    const problem = checkFile(file, data);
    if (problem) {
      setUploads((list) => [
        ...list,
        {
          uid: file.uid,
          name: file.name,
          status: 'error',
          message: problemText(t, file.name, problem, data.maxBytes),
        },
      ]);
      return Upload.LIST_IGNORE;
    }
    setUploads((list) => [...list, { uid: file.uid, name: file.name, status: 'waiting' }]);
    // One after another, so the case's limit is counted in the order the files were picked.
    queue.current = queue.current.then(async () => {
      await uploadInTurn(caseId, [{ uid: file.uid, file }], update);
      loaded.reload();
      onUploaded?.();
    });
    return Upload.LIST_IGNORE;
  };

  const columns: TableColumnsType<Attachment> = [
    {
      title: t('attachments.col.name'),
      dataIndex: 'fileName',
      ellipsis: { showTitle: false },
      render: (_, a) => (
        <a
          href={a.url}
          download={a.fileName}
          data-testid="attachment-link"
          title={`${a.fileName}\nSHA-256 ${a.sha256}`}
        >
          <PaperClipOutlined /> {a.fileName}
        </a>
      ),
    },
    {
      title: t('attachments.col.type'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: string) => <Tag>{kindLabel(t, kind)}</Tag>,
    },
    {
      title: t('attachments.col.size'),
      dataIndex: 'sizeBytes',
      width: 90,
      align: 'right',
      render: (bytes: number) => formatBytes(bytes),
    },
    {
      title: t('attachments.col.uploader'),
      key: 'uploader',
      width: 170,
      ellipsis: { showTitle: false },
      render: (_, a) => (
        <span title={`${a.uploadedBy.name}（${roleLabel(t, a.uploadedBy.role)}）`}>
          {a.uploadedBy.name}
          <Typography.Text type="secondary">（{roleLabel(t, a.uploadedBy.role)}）</Typography.Text>
        </span>
      ),
    },
    {
      title: t('attachments.col.time'),
      dataIndex: 'createdAt',
      width: 150,
      render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at, locale)}</span>,
    },
  ];

  const isFull = data ? data.items.length >= data.maxFiles : false;
  const isBusy = uploads.some((u) => u.status === 'waiting' || u.status === 'uploading');

  return (
    <Card
      title={
        <Space size={8}>
          <span>{t('attachments.title')}</span>
          {data ? (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
              {t('attachments.count', { count: data.items.length, max: data.maxFiles })}
            </Typography.Text>
          ) : null}
        </Space>
      }
      size="small"
      data-testid="case-attachments"
      data-count={data?.items.length}
      extra={
        data?.canUpload ? (
          <Upload
            multiple
            accept={accept}
            showUploadList={false}
            disabled={isFull}
            beforeUpload={(file) => pick(file)}
            data-testid="attachment-upload"
          >
            <Button icon={<UploadOutlined />} disabled={isFull} loading={isBusy} data-testid="attachment-add">
              {t('attachments.add')}
            </Button>
          </Upload>
        ) : null
      }
    >
      <Flex vertical gap={12}>
        {loaded.error ? (
          <Alert type="error" showIcon title={t('common.loadFailed')} description={loaded.error.message} />
        ) : null}
        {data && data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.empty')} />
        ) : (
          <Table<Attachment>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={!data && loaded.loading}
            pagination={false}
            tableLayout="fixed"
            scroll={{ x: 600 }}
            onRow={() => ({ 'data-testid': 'attachment-row' }) as HTMLAttributes<HTMLElement>}
          />
        )}
        <UploadList
          uploads={uploads}
          onDismiss={(uid) => setUploads((list) => list.filter((u) => u.uid !== uid))}
        />
        {data?.canUpload ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {isFull
              ? t('attachments.full', { max: data.maxFiles })
              : t('attachments.hint', { size: formatBytes(data.maxBytes), max: data.maxFiles })}
          </Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
}

/** Files on their way up (with a spinner) and files refused (with the reason, dismissible). */
function UploadList({ uploads, onDismiss }: { uploads: UploadState[]; onDismiss?: (uid: string) => void }) {
  const { t } = useI18n();
  if (uploads.length === 0) return null;
  return (
    <Flex vertical gap={6} data-testid="attachment-uploads">
      {uploads.map((u) =>
        u.status === 'error' ? (
          <Alert
            key={u.uid}
            type="error"
            showIcon
            title={`${u.name} · ${t('attachments.status.error')}`}
            description={u.message}
            closable={onDismiss ? { onClose: () => onDismiss(u.uid) } : false}
            data-testid="attachment-error"
          />
        ) : (
          <Flex key={u.uid} gap={8} align="center" data-testid="attachment-pending" data-status={u.status}>
            {u.status === 'done' ? <PaperClipOutlined /> : <LoadingOutlined />}
            <Typography.Text ellipsis style={{ maxWidth: 360 }}>
              {u.name}
            </Typography.Text>
            <Tag color={u.status === 'done' ? 'green' : u.status === 'uploading' ? 'processing' : 'default'}>
              {t(`attachments.status.${u.status}`)}
            </Tag>
          </Flex>
        ),
      )}
    </Flex>
  );
}

// ---- submission drawers: pick files first, upload them once the case exists ----------------------------------

/** A file picked in a submission form. */
export interface PickedFile {
  uid: string;
  file: File;
}

/** The file picker of a submission form: checks each file as it is picked and lists the chosen ones. */
export function AttachmentPicker({
  files,
  onChange,
  disabled,
}: {
  files: PickedFile[];
  onChange: Dispatch<SetStateAction<PickedFile[]>>;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const [problems, setProblems] = useState<string[]>([]);
  const limits = { maxBytes: ATTACHMENT_DEFAULTS.maxBytes, extensions: ATTACHMENT_EXTENSIONS };
  return (
    <Flex vertical gap={8} data-testid="attachment-picker">
      <Upload
        multiple
        accept={accept}
        disabled={disabled}
        fileList={files.map((f) => ({ uid: f.uid, name: f.file.name, size: f.file.size, status: 'done' }))}
        onRemove={(removed) => onChange((list) => list.filter((f) => f.uid !== removed.uid))}
        beforeUpload={(file, batch) => {
          const problem = checkFile(file, limits);
          // The files picked together come as one batch; `files` is the list before it.
          const position = files.length + batch.indexOf(file);
          const refusal = problem
            ? problemText(t, file.name, problem, limits.maxBytes)
            : position >= ATTACHMENT_DEFAULTS.maxFiles
              ? t('attachments.problem.tooMany', { name: file.name, max: ATTACHMENT_DEFAULTS.maxFiles })
              : null;
          if (batch.indexOf(file) === 0) setProblems([]);
          if (refusal) setProblems((list) => [...list, refusal]);
          else onChange((list) => [...list, { uid: file.uid, file }]);
          return Upload.LIST_IGNORE;
        }}
      >
        <Button icon={<UploadOutlined />} disabled={disabled} data-testid="attachment-pick">
          {t('attachments.pick')}
        </Button>
      </Upload>
      {problems.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={problems.join('；')}
          closable={{ onClose: () => setProblems([]) }}
          data-testid="attachment-pick-problem"
        />
      ) : null}
    </Flex>
  );
}

/** The picked files of a submission form and how their upload to the new case goes. */
export function useSubmissionUploads() {
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const [created, setCreated] = useState<CaseDetail | null>(null);
  const [isDone, setIsDone] = useState(false);
  /** Uploads the picked files to the case just created; true when every one went up. */
  const uploadTo = async (detail: CaseDetail): Promise<boolean> => {
    if (files.length === 0) return true;
    setCreated(detail);
    setIsDone(false);
    setUploads(files.map((f) => ({ uid: f.uid, name: f.file.name, status: 'waiting' })));
    const failed = await uploadInTurn(detail.id, files, (uid, patch) =>
      setUploads((list) => list.map((u) => (u.uid === uid ? { ...u, ...patch } : u))),
    );
    setIsDone(true);
    return failed === 0;
  };
  return { files, setFiles, uploads, created, isDone, uploadTo };
}

/** The progress of a submission's uploads; when some failed, the way on to the case (where they can be re-added). */
export function SubmissionUploads({
  state,
  onOpen,
}: {
  state: ReturnType<typeof useSubmissionUploads>;
  onOpen: (created: CaseDetail) => void;
}) {
  const { t } = useI18n();
  const { created, uploads, isDone } = state;
  if (!created) return null;
  const finished = uploads.filter((u) => u.status === 'done' || u.status === 'error').length;
  const failed = uploads.filter((u) => u.status === 'error').length;
  const done = uploads.filter((u) => u.status === 'done').length;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="submission-uploads">
      <Alert
        type={isDone && failed > 0 ? 'warning' : 'info'}
        showIcon
        title={
          isDone && failed > 0
            ? t('attachments.afterCreate.failed', { number: created.number, count: failed })
            : t('attachments.afterCreate.uploading', { number: created.number })
        }
        action={
          isDone ? (
            <Button size="small" type="primary" onClick={() => onOpen(created)} data-testid="submission-open">
              {t('attachments.afterCreate.open')}
            </Button>
          ) : null
        }
      />
      <Progress
        percent={uploads.length === 0 ? 100 : Math.round((finished / uploads.length) * 100)}
        status={failed > 0 ? 'exception' : finished === uploads.length ? 'success' : 'active'}
        format={() => t('attachments.progress', { done, total: uploads.length })}
      />
      <UploadList uploads={uploads} />
    </Flex>
  );
}
