/**
 * The evidence files behind the facts an enterprise fills in for a data year (issue 18), on the enterprise's
 * cultivation page: one fact's files, or every fact's grouped by fact; each downloadable; uploading (the fact
 * chosen when the panel is not for one), each picked file checked first for its extension, size and the room its
 * fact has left (the server sniffs the content and decides, and a refusal shows its message); removing, confirmed,
 * while no application of the year holds the files. `readOnly` shows the files only. With `enterpriseId` (a
 * reviewer of the enterprise's region on an application's page) it reads that enterprise's files through the
 * officials' route, read-only, each fact's files listed and downloadable.
 */
import { DeleteOutlined, LoadingOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Flex,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useRef, useState } from 'react';
import { formatBytes } from '../../api/attachments.ts';
import {
  cultivationEvidenceApi,
  cultivationEvidenceQueries,
  type EvidenceFile,
} from '../../api/cultivationEvidence.ts';
import { isMessageKey } from '../../i18n/core.ts';
import { type TFunction, useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { checkEvidenceFile, type EvidenceProblem, groupByFact, refusalText } from './evidenceModel.ts';

/** The label of a fact ('ipClassII' → Ⅱ类知识产权); a fact without one shows its key. */
export function factLabel(t: TFunction, fact: string): string {
  const key = `cultivationEvidence.fact.${fact}`;
  return isMessageKey(key) ? t(key) : fact;
}

function kindLabel(t: TFunction, kind: string): string {
  const key = `attachments.kind.${kind}`;
  return isMessageKey(key) ? t(key) : kind;
}

function problemText(t: TFunction, name: string, problem: EvidenceProblem, maxBytes: number): string {
  switch (problem.problem) {
    case 'noFact':
      return t('cultivationEvidence.problem.noFact', { name });
    case 'noExtension':
      return t('cultivationEvidence.problem.noExtension', { name });
    case 'badType':
      return t('cultivationEvidence.problem.badType', { name, extension: problem.extension });
    case 'tooLarge':
      return t('cultivationEvidence.problem.tooLarge', { name, size: formatBytes(maxBytes) });
    case 'empty':
      return t('cultivationEvidence.problem.empty', { name });
    case 'tooMany':
      return t('cultivationEvidence.problem.tooMany', { name, max: problem.max });
  }
}

/** A file on its way up, or refused (with the reason). */
interface Pending {
  uid: string;
  name: string;
  fact: string | undefined;
  status: 'uploading' | 'error';
  message?: string;
}

export function EvidencePanel(props: {
  year: number;
  fact?: string;
  readOnly?: boolean;
  /** An enterprise's files as a reviewer reads them (always read-only); without it, the enterprise's own. */
  enterpriseId?: number;
}) {
  const { year, fact, enterpriseId } = props;
  const readOnly = props.readOnly === true || enterpriseId !== undefined;
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const loaded = useApiQuery(
    enterpriseId === undefined
      ? cultivationEvidenceQueries.mine(year)
      : cultivationEvidenceQueries.ofEnterprise(enterpriseId, year),
    { keepPrevious: true },
  );
  const [chosenFact, setChosenFact] = useState<string | undefined>(undefined);
  const [pending, setPending] = useState<Pending[]>([]);
  const [removing, setRemoving] = useState<number | null>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const data = loaded.data;
  const uploadFact = fact ?? chosenFact;

  const settle = (uid: string, patch: Partial<Pending> | null) =>
    setPending((list) =>
      patch === null
        ? list.filter((p) => p.uid !== uid)
        : list.map((p) => (p.uid === uid ? { ...p, ...patch } : p)),
    );

  const pick = (file: File & { uid: string }) => {
    if (!data) return Upload.LIST_IGNORE;
    const waiting = pending.filter((p) => p.status === 'uploading' && p.fact === uploadFact).length;
    const problem = checkEvidenceFile(file, data, uploadFact, waiting);
    if (problem || uploadFact === undefined) {
      const text = problemText(t, file.name, problem ?? { problem: 'noFact' }, data.maxBytes);
      setPending((list) => [
        ...list,
        { uid: file.uid, name: file.name, fact: uploadFact, status: 'error', message: text },
      ]);
      return Upload.LIST_IGNORE;
    }
    const target = uploadFact;
    setPending((list) => [...list, { uid: file.uid, name: file.name, fact: target, status: 'uploading' }]);
    // One after another: the server counts each fact's files in the order they were picked.
    queue.current = queue.current.then(async () => {
      try {
        await cultivationEvidenceApi.upload(year, target, file, file.name);
        settle(file.uid, null);
        void message.success(t('cultivationEvidence.uploaded', { name: file.name }));
      } catch (error) {
        settle(file.uid, { status: 'error', message: refusalText(error) });
      }
      loaded.reload();
    });
    return Upload.LIST_IGNORE;
  };

  const remove = async (file: EvidenceFile) => {
    setRemoving(file.id);
    try {
      await cultivationEvidenceApi.remove(file.id);
      void message.success(t('cultivationEvidence.removed', { name: file.fileName }));
    } catch (error) {
      void message.error(refusalText(error));
    } finally {
      setRemoving(null);
      loaded.reload();
    }
  };

  const mayRemove = !readOnly && data?.removable === true;
  const columns: TableColumnsType<EvidenceFile> = [
    {
      title: t('cultivationEvidence.col.name'),
      dataIndex: 'fileName',
      ellipsis: { showTitle: false },
      render: (_, file) => (
        <a
          href={file.url}
          download={file.fileName}
          title={`${file.fileName}\nSHA-256 ${file.sha256}`}
          data-testid="evidence-link"
        >
          <PaperClipOutlined /> {file.fileName}
        </a>
      ),
    },
    {
      title: t('cultivationEvidence.col.type'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: string) => <Tag>{kindLabel(t, kind)}</Tag>,
    },
    {
      title: t('cultivationEvidence.col.size'),
      dataIndex: 'sizeBytes',
      width: 90,
      align: 'right',
      render: (bytes: number) => formatBytes(bytes),
    },
    {
      title: t('cultivationEvidence.col.time'),
      dataIndex: 'createdAt',
      width: 150,
      render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at, locale)}</span>,
    },
    ...(mayRemove
      ? [
          {
            title: t('cultivationEvidence.col.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, file: EvidenceFile) => (
              <Popconfirm
                title={t('cultivationEvidence.removeConfirm', { name: file.fileName })}
                okText={t('cultivationEvidence.remove')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => remove(file)}
              >
                <Button
                  size="small"
                  type="link"
                  danger
                  icon={<DeleteOutlined />}
                  loading={removing === file.id}
                  data-testid="evidence-remove"
                >
                  {t('cultivationEvidence.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  const groups = data ? groupByFact(data, fact) : [];
  const isBusy = pending.some((p) => p.status === 'uploading');
  const fileTable = (files: EvidenceFile[]) => (
    <Table<EvidenceFile>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={files}
      pagination={false}
      tableLayout="fixed"
      scroll={{ x: 560 }}
    />
  );

  return (
    <Card
      size="small"
      data-testid="evidence-panel"
      data-count={data?.items.length}
      data-enterprise={enterpriseId}
      title={
        fact
          ? t('cultivationEvidence.titleOfFact', { fact: factLabel(t, fact), year })
          : t('cultivationEvidence.title', { year })
      }
      extra={
        readOnly || !data ? null : (
          <Flex gap={8} align="center" wrap>
            {fact ? null : (
              <Select
                size="small"
                style={{ minWidth: 200 }}
                placeholder={t('cultivationEvidence.factPlaceholder')}
                value={chosenFact}
                onChange={setChosenFact}
                options={data.facts.map((f) => ({ value: f, label: factLabel(t, f) }))}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="evidence-fact"
              />
            )}
            <Upload
              multiple
              accept={data.extensions.map((extension) => `.${extension}`).join(',')}
              showUploadList={false}
              disabled={!uploadFact}
              beforeUpload={(file) => pick(file)}
            >
              <Button
                size="small"
                icon={<UploadOutlined />}
                disabled={!uploadFact}
                loading={isBusy}
                data-testid="evidence-upload"
              >
                {t('cultivationEvidence.upload')}
              </Button>
            </Upload>
          </Flex>
        )
      }
    >
      <Flex vertical gap={12}>
        {loaded.error ? (
          <Alert type="error" showIcon title={t('common.loadFailed')} description={loaded.error.message} />
        ) : null}
        {data && !readOnly && !data.removable ? (
          <Alert type="info" showIcon title={t('cultivationEvidence.locked')} data-testid="evidence-locked" />
        ) : null}
        {!data && loaded.loading ? <LoadingOutlined /> : null}
        {data && groups.every((g) => g.files.length === 0) ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cultivationEvidence.empty')} />
        ) : fact ? (
          fileTable(groups[0]?.files ?? [])
        ) : (
          groups.map((group) => (
            <Flex key={group.fact} vertical gap={4} data-testid="evidence-group" data-fact={group.fact}>
              <Typography.Text strong>
                {factLabel(t, group.fact)}{' '}
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
                  {t('cultivationEvidence.count', {
                    count: group.files.length,
                    max: data?.maxFilesPerFact ?? 0,
                  })}
                </Typography.Text>
              </Typography.Text>
              {fileTable(group.files)}
            </Flex>
          ))
        )}
        {pending.map((p) =>
          p.status === 'error' ? (
            <Alert
              key={p.uid}
              type="error"
              showIcon
              title={t('cultivationEvidence.failed', { name: p.name })}
              description={p.message}
              closable={{ onClose: () => settle(p.uid, null) }}
              data-testid="evidence-error"
            />
          ) : (
            <Flex key={p.uid} gap={8} align="center" data-testid="evidence-pending">
              <LoadingOutlined />
              <Typography.Text ellipsis style={{ maxWidth: 360 }}>
                {t('cultivationEvidence.uploading', { name: p.name })}
              </Typography.Text>
            </Flex>
          ),
        )}
        {data && !readOnly ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('cultivationEvidence.hint', { size: formatBytes(data.maxBytes), max: data.maxFilesPerFact })}
          </Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
}
