/**
 * The awards page's open data (issue 17): import an OCDS file — a JSON release or record package, or the flattened
 * CSV — and see what it did (created, updated, unchanged, removed, skipped, by body) or, refused, each problem where
 * it is (a JSON path, or a CSV row and column); download the year's awards as OCDS JSON or CSV, each supplier's scale
 * from the registry.
 */
import { FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Descriptions,
  Flex,
  Modal,
  Space,
  Statistic,
  Table,
  Tooltip,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { ApiError, type FieldProblem } from '../../api/client.ts';
import { type OcdsImport, ocdsExportUrl, procurementApi } from '../../api/procurement.ts';
import { DownloadButton } from '../../components/DownloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';

type Outcome =
  | { kind: 'done'; fileName: string; result: OcdsImport }
  | { kind: 'refused'; fileName: string; error: ApiError };

const COUNTS = ['created', 'updated', 'unchanged', 'removed', 'skipped'] as const;

/** A problem's place as people read it: `row 12, column awards/0/id` → 第 12 行，列 awards/0/id. */
export function placeOf(field: string, t: ReturnType<typeof useI18n>['t']): string {
  const cell = /^row (\d+), column (.+)$/.exec(field);
  if (cell) return t('proc.ocds.rowColumn', { row: cell[1] as string, column: cell[2] as string });
  const row = /^row (\d+)$/.exec(field);
  if (row) return t('proc.ocds.row', { row: row[1] as string });
  return field === 'file' ? t('proc.ocds.file') : field;
}

export function OcdsTools({
  year,
  bodyId,
  onImported,
}: {
  /** The year exported. */
  year: number;
  /** An official's chosen body (else the region's bodies; a buyer's own body). */
  bodyId?: number;
  onImported: () => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const result = await procurementApi.importOcds(file);
      setOutcome({ kind: 'done', fileName: file.name, result });
      onImported();
    } catch (error) {
      setOutcome({
        kind: 'refused',
        fileName: file.name,
        error: error instanceof ApiError ? error : new ApiError(0, 'UNKNOWN', String(error)),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Space wrap>
        <Tooltip title={t('proc.ocds.importHelp')}>
          <Upload
            accept=".json,.csv,application/json,text/csv"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
            disabled={busy}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="ocds-import">
              {busy ? t('proc.ocds.importing') : t('proc.ocds.import')}
            </Button>
          </Upload>
        </Tooltip>
        <Tooltip title={t('proc.ocds.exportHelp', { year })}>
          <span>
            <DownloadButton
              icon={<FileTextOutlined />}
              url={ocdsExportUrl({ year, format: 'json', ...(bodyId ? { bodyId } : {}) })}
              fileName={`procurement-ocds-${year}.json`}
              data-testid="ocds-export-json"
            >
              {t('proc.ocds.exportJson')}
            </DownloadButton>
          </span>
        </Tooltip>
        <Tooltip title={t('proc.ocds.exportHelp', { year })}>
          <span>
            <DownloadButton
              icon={<FileTextOutlined />}
              url={ocdsExportUrl({ year, format: 'csv', ...(bodyId ? { bodyId } : {}) })}
              fileName={`procurement-ocds-${year}.csv`}
              data-testid="ocds-export-csv"
            >
              {t('proc.ocds.exportCsv')}
            </DownloadButton>
          </span>
        </Tooltip>
      </Space>
      <Modal
        open={outcome !== null}
        onCancel={() => setOutcome(null)}
        footer={<Button onClick={() => setOutcome(null)}>{t('proc.ocds.close')}</Button>}
        width={760}
        title={
          outcome
            ? t(outcome.kind === 'done' ? 'proc.ocds.resultTitle' : 'proc.ocds.failedTitle', {
                fileName: outcome.fileName,
              })
            : null
        }
        data-testid="ocds-result"
      >
        {outcome?.kind === 'done' ? <ImportResult result={outcome.result} /> : null}
        {outcome?.kind === 'refused' ? <ImportRefused error={outcome.error} /> : null}
      </Modal>
    </>
  );
}

function ImportResult({ result }: { result: OcdsImport }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary">
        {t('proc.ocds.summary', {
          releases: result.releases,
          awards: result.awards,
          format: result.format.toUpperCase(),
        })}
      </Typography.Text>
      <Flex gap={32} wrap>
        {COUNTS.map((key) => (
          <Statistic
            key={key}
            title={t(`proc.ocds.${key}`)}
            value={result[key]}
            data-testid={`ocds-${key}`}
          />
        ))}
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('proc.ocds.countsHelp')}
      </Typography.Text>
      {result.bodies.length > 1 ? (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={result.bodies}
          columns={[
            {
              title: t('proc.ocds.body'),
              key: 'body',
              render: (_, b) => (
                <Flex vertical>
                  <span>{b.name}</span>
                  <Typography.Text type="secondary" className="huiqi-mono" style={{ fontSize: 12 }}>
                    {b.uscc}
                  </Typography.Text>
                </Flex>
              ),
            },
            ...COUNTS.map((key) => ({
              title: t(`proc.ocds.${key}`),
              dataIndex: key,
              align: 'right' as const,
            })),
          ]}
        />
      ) : result.bodies[0] ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('proc.ocds.body')}>
            {result.bodies[0].name}（{result.bodies[0].uscc}）
          </Descriptions.Item>
        </Descriptions>
      ) : null}
    </Flex>
  );
}

function ImportRefused({ error }: { error: ApiError }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={12}>
      <Alert type="error" showIcon message={error.message} description={t('proc.ocds.nothingWritten')} />
      {error.errors.length > 0 ? (
        <Table<FieldProblem>
          size="small"
          rowKey={(p) => `${p.field}\u0000${p.message}`}
          pagination={error.errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
          dataSource={error.errors}
          columns={[
            {
              title: t('proc.ocds.where'),
              dataIndex: 'field',
              width: 300,
              render: (field: string) => (
                <Typography.Text className="huiqi-mono" style={{ fontSize: 12 }}>
                  {placeOf(field, t)}
                </Typography.Text>
              ),
            },
            { title: t('proc.ocds.problem'), dataIndex: 'message' },
          ]}
          data-testid="ocds-problems"
        />
      ) : null}
    </Flex>
  );
}
