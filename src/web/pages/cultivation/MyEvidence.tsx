/**
 * The evidence files behind the facts the enterprise fills in (issue 18): for the data year, a file is attached to
 * one fact (an IP certificate, a quality certification, a statement…), checked here for its extension and size and
 * by the server for its content; listed by fact, downloaded, and removed while no application of the year is under
 * review or decided.
 */
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  Empty,
  Flex,
  Popconfirm,
  Select,
  Skeleton,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { cultivationApi, cultivationQueries, type Evidence } from '../../api/cultivation.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { isMessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { evidenceFileProblem } from './myCultivationModel.ts';

const PROBLEM_KEYS = {
  badType: 'cultivation.my.evidence.badType',
  empty: 'cultivation.my.evidence.emptyFile',
  tooLarge: 'cultivation.my.evidence.tooLarge',
} as const;

export function MyEvidence({ year }: { year: number }) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const list = useApiQuery(cultivationQueries.evidence(year));
  const [fact, setFact] = useState<string | undefined>(undefined);
  const [uploading, setUploading] = useState(false);
  const data = list.data;
  const factName = (key: string) => {
    const messageKey = `cultivation.my.fact.${key}`;
    if (isMessageKey(messageKey)) return t(messageKey);
    return key === 'provinceIndicators' ? t('cultivation.my.group.province') : key;
  };

  const upload = async (file: File) => {
    if (!data || !fact) return;
    const problem = evidenceFileProblem(file.name, file.size, data.extensions, data.maxBytes);
    if (problem) {
      void message.error(
        t(PROBLEM_KEYS[problem], {
          name: file.name,
          types: data.extensions.join(', '),
          mb: Math.round(data.maxBytes / 1024 / 1024),
        }),
      );
      return;
    }
    setUploading(true);
    try {
      await cultivationApi.uploadEvidence(year, fact, file, file.name);
      void message.success(t('cultivation.my.evidence.uploaded', { name: file.name }));
    } catch (error) {
      const text =
        error instanceof ApiError && error.errors.length > 0
          ? error.errors.map((e) => e.message).join('；')
          : error instanceof Error
            ? error.message
            : String(error);
      void message.error(t('cultivation.my.evidence.refused', { name: file.name, reason: text }));
    } finally {
      setUploading(false);
      list.reload();
    }
  };

  const remove = async (file: Evidence) => {
    try {
      await cultivationApi.removeEvidence(file.id);
      void message.success(t('cultivation.my.evidence.removed', { name: file.fileName }));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      list.reload();
    }
  };

  const byFact = new Map<string, Evidence[]>();
  for (const file of data?.items ?? []) byFact.set(file.fact, [...(byFact.get(file.fact) ?? []), file]);

  return (
    <Card size="small" title={t('cultivation.my.evidence.title', { year })} data-testid="my-evidence">
      <LoadError error={list.error} onRetry={list.reload} />
      {list.loading ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
      {data ? (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('cultivation.my.evidence.limits', {
              types: data.extensions.join(', '),
              mb: Math.round(data.maxBytes / 1024 / 1024),
              count: data.maxFilesPerFact,
            })}
          </Typography.Text>
          <Flex wrap gap={8}>
            <Select
              style={{ flex: '1 1 220px', minWidth: 0 }}
              placeholder={t('cultivation.my.evidence.fact')}
              value={fact}
              onChange={setFact}
              data-testid="my-evidence-fact"
              options={data.facts.map((key) => ({ value: key, label: factName(key) }))}
            />
            <Upload
              accept={data.extensions.map((e) => `.${e}`).join(',')}
              showUploadList={false}
              disabled={!fact || uploading}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button
                icon={<UploadOutlined />}
                loading={uploading}
                disabled={!fact}
                data-testid="my-evidence-upload"
              >
                {t('cultivation.my.evidence.upload')}
              </Button>
            </Upload>
          </Flex>
          {!data.removable ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('cultivation.my.evidence.locked')}
            </Typography.Text>
          ) : null}
          {data.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cultivation.my.evidence.empty')} />
          ) : (
            [...byFact].map(([key, files]) => (
              <Flex vertical gap={4} key={key} data-testid="my-evidence-group" data-fact={key}>
                <Typography.Text strong>{factName(key)}</Typography.Text>
                {files.map((file) => (
                  <Flex
                    key={file.id}
                    wrap
                    gap={8}
                    align="center"
                    justify="space-between"
                    data-testid="my-evidence-file"
                    data-id={file.id}
                  >
                    <Flex gap={6} align="center" style={{ minWidth: 0, flex: '1 1 200px' }}>
                      <PaperClipOutlined />
                      <a href={file.url} download={file.fileName} style={{ overflowWrap: 'anywhere' }}>
                        {file.fileName}
                      </a>
                      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                        {Math.max(1, Math.round(file.sizeBytes / 1024))} KB
                      </Typography.Text>
                    </Flex>
                    <Flex gap={8} align="center">
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(file.createdAt, locale)}
                      </Typography.Text>
                      <Popconfirm
                        title={t('cultivation.my.evidence.removeConfirm', { name: file.fileName })}
                        okText={t('cultivation.my.evidence.remove')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('common.cancel')}
                        onConfirm={() => remove(file)}
                        disabled={!data.removable}
                      >
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          disabled={!data.removable}
                          aria-label={t('cultivation.my.evidence.remove')}
                          data-testid="my-evidence-remove"
                        />
                      </Popconfirm>
                    </Flex>
                  </Flex>
                ))}
              </Flex>
            ))
          )}
        </Flex>
      ) : null}
    </Card>
  );
}
