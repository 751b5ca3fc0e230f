/**
 * `/app/policies` (officials, admins): published policies and the drafts of the official's region — search,
 * filter by status, server paging (in the URL) — with "新建政策" and "上传 YAML" (a policy file pasted or picked;
 * the server's problems are listed with their lines).
 */
import { CloudUploadOutlined, FolderOpenOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  Flex,
  Input,
  Modal,
  Segmented,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { type HTMLAttributes, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, api, type PolicyListFilters, type PolicyRow } from '../../api/client.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { oneOf, positiveParam, textParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { hasEnglish, pickText } from '../policies/policyParts.tsx';
import { MethodTag, PolicyStatusTag, ProblemList, problemsOf } from './common.tsx';
import type { Problem } from './ruleTree.ts';

const STATUSES = ['draft', 'published', 'withdrawn'] as const;
type Status = (typeof STATUSES)[number];

/** The list's search, status, page and page size in the URL. */
function readPolicyFilters(params: URLSearchParams): PolicyListFilters {
  return {
    q: textParam(params.get('q')),
    status: oneOf(STATUSES, params.get('status')),
    page: positiveParam(params.get('page')) ?? 1,
    pageSize: positiveParam(params.get('pageSize')) ?? 20,
  };
}

export default function PoliciesPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { filters: query, params, update } = useUrlFilters(readPolicyFilters);
  const qParam = params.get('q') ?? '';
  const [searchText, setSearchText] = useState(qParam);
  useEffect(() => setSearchText(qParam), [qParam]);
  const [uploadOpen, setUploadOpen] = useState(false);

  const list = useApiQuery(apiQuery('/api/policies', { query }), { keepPrevious: true });

  const columns = useMemo(
    () => [
      {
        key: 'title',
        title: t('policyAdmin.col.title'),
        render: (_: unknown, row: PolicyRow) => (
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Typography.Text ellipsis={{ tooltip: pickText(row.title, locale) }} style={{ maxWidth: '100%' }}>
              <Link to={`/app/policies/${row.id}`} data-testid={`policy-link-${row.id}`}>
                {locale === 'en' && !hasEnglish(row.title) ? (
                  <Tag color="purple" title={t('library.chineseOnlyHint')}>
                    {t('library.chineseOnly')}
                  </Tag>
                ) : null}
                {pickText(row.title, locale)}
              </Link>
            </Typography.Text>
            <Typography.Text
              type="secondary"
              className="huiqi-mono"
              style={{ fontSize: 12, maxWidth: '100%' }}
              ellipsis={{ tooltip: row.slug }}
            >
              {row.slug}
              {row.demo ? (
                <Tag color="purple" style={{ marginInlineStart: 6 }}>
                  {t('common.demo')}
                </Tag>
              ) : null}
            </Typography.Text>
          </Flex>
        ),
      },
      {
        key: 'documentNumber',
        title: t('policyAdmin.col.documentNumber'),
        width: 180,
        ellipsis: { showTitle: true },
        render: (_: unknown, row: PolicyRow) => row.documentNumber,
      },
      {
        key: 'status',
        title: t('policyAdmin.col.status'),
        width: 150,
        render: (_: unknown, row: PolicyRow) => (
          <Flex gap={4} wrap>
            <PolicyStatusTag status={row.status} />
            {row.currentVersion ? <Tag>v{row.currentVersion}</Tag> : null}
            {row.draftChanged && row.status !== 'draft' ? (
              <Tag color="orange">{t('policyAdmin.draftChanged')}</Tag>
            ) : null}
          </Flex>
        ),
      },
      {
        key: 'method',
        title: t('policyAdmin.col.method'),
        width: 100,
        render: (_: unknown, row: PolicyRow) => <MethodTag method={row.method} />,
      },
      {
        key: 'dates',
        title: t('policyAdmin.col.dates'),
        width: 160,
        render: (_: unknown, row: PolicyRow) =>
          row.effectiveFrom ? (
            <Flex vertical style={{ whiteSpace: 'nowrap' }}>
              <span>{formatDate(row.effectiveFrom, locale)}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {row.expiresOn
                  ? t('policyAdmin.col.until', { date: formatDate(row.expiresOn, locale) })
                  : t('policyAdmin.col.noExpiry')}
              </Typography.Text>
            </Flex>
          ) : (
            '—'
          ),
      },
      {
        key: 'matched',
        title: t('policyAdmin.col.matched'),
        width: 90,
        align: 'right' as const,
        render: (_: unknown, row: PolicyRow) => formatNumber(row.matched, locale),
      },
      {
        key: 'updated',
        title: t('policyAdmin.col.updatedAt'),
        width: 160,
        render: (_: unknown, row: PolicyRow) => (
          <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.updatedAt, locale)}</span>
        ),
      },
    ],
    [t, locale],
  );

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('policyAdmin.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <Button
            icon={<CloudUploadOutlined />}
            onClick={() => setUploadOpen(true)}
            data-testid="policy-upload-yaml"
          >
            {t('policyAdmin.uploadYaml')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/app/policies/new')}
            data-testid="policy-new"
          >
            {t('policyAdmin.new')}
          </Button>
        </Flex>
      </Flex>

      <Card>
        <Flex vertical gap={12}>
          <Flex gap={12} wrap align="center">
            <Input.Search
              allowClear
              value={searchText}
              onChange={(event) => setSearchText(event.target.value)}
              onSearch={(value) => update({ q: value.trim() })}
              placeholder={t('policyAdmin.searchPlaceholder')}
              enterButton={t('common.search')}
              maxLength={100}
              style={{ maxWidth: 480 }}
              data-testid="policies-search"
            />
            <Segmented<string>
              value={query.status ?? 'all'}
              onChange={(value) => update({ status: value === 'all' ? undefined : value })}
              options={[
                { value: 'all', label: t('policyAdmin.filter.all') },
                ...STATUSES.map((s: Status) => ({ value: s, label: t(`policyAdmin.status.${s}`) })),
              ]}
              data-testid="policies-status"
            />
          </Flex>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text type="secondary">{t('policyAdmin.listHint')}</Typography.Text>
            <Button icon={<ReloadOutlined />} onClick={list.reload}>
              {t('common.reload')}
            </Button>
          </Flex>
        </Flex>
      </Card>

      <Card>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<PolicyRow>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          tableLayout="fixed"
          scroll={{ x: 980 }}
          columns={columns}
          data-testid="policies-table"
          locale={
            list.data?.notice === 'query_has_no_words'
              ? {
                  emptyText: (
                    <Typography.Text type="secondary" data-testid="policies-no-words">
                      {t('library.noWords')} · {t('library.noWordsHint')}
                    </Typography.Text>
                  ),
                }
              : undefined
          }
          onRow={(row) =>
            ({ 'data-testid': 'policy-row', 'data-policy-id': row.id }) as HTMLAttributes<HTMLElement>
          }
          pagination={serverPagination({
            page: query.page ?? 1,
            pageSize: query.pageSize ?? 20,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => update({ page, pageSize }),
          })}
        />
      </Card>

      <UploadYamlModal
        open={uploadOpen}
        onClose={() => setUploadOpen(false)}
        onDone={(id) => navigate(`/app/policies/${id}`)}
      />
    </Flex>
  );
}

function UploadYamlModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: (id: number) => void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<{ title: string; problems: Problem[] } | null>(null);

  const submit = async () => {
    setUploading(true);
    setError(null);
    try {
      // No version: a file whose id exists is refused (409) with a message saying where to replace that draft.
      const policy = await api.uploadPolicyYaml(text);
      void message.success(t('policyAdmin.upload.done', { title: policy.draft.title?.zh ?? policy.slug }));
      setText('');
      setFileName(null);
      onDone(policy.id);
    } catch (failure) {
      setError({
        title: failure instanceof Error ? failure.message : String(failure),
        // The message of an existing id already says it all (and what to do); its one problem repeats it.
        problems: failure instanceof ApiError && failure.code === 'ALREADY_EXISTS' ? [] : problemsOf(failure),
      });
    } finally {
      setUploading(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('policyAdmin.upload.title')}
      onCancel={onClose}
      width={760}
      okText={t('policyAdmin.upload.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: text.trim() === '', icon: <CloudUploadOutlined /> }}
      confirmLoading={uploading}
      onOk={() => void submit()}
      data-testid="policy-upload-modal"
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('policyAdmin.upload.intro')}</Typography.Text>
        <Flex gap={8} align="center">
          <Upload
            accept=".yaml,.yml,text/yaml"
            showUploadList={false}
            maxCount={1}
            beforeUpload={(file) => {
              setFileName(file.name);
              setError(null);
              void file.text().then(setText);
              return false;
            }}
          >
            <Button icon={<FolderOpenOutlined />} data-testid="policy-upload-file">
              {t('policyAdmin.upload.pick')}
            </Button>
          </Upload>
          {fileName ? <Typography.Text className="huiqi-mono">{fileName}</Typography.Text> : null}
        </Flex>
        <Input.TextArea
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
          autoSize={{ minRows: 12, maxRows: 24 }}
          className="huiqi-mono"
          style={{ fontSize: 13 }}
          spellCheck={false}
          placeholder={t('policyAdmin.yaml.placeholder')}
          data-testid="policy-upload-text"
        />
        {error ? (
          <ProblemList
            title={error.title}
            problems={error.problems}
            showFields={false}
            testId="policy-upload-errors"
          />
        ) : null}
      </Flex>
    </Modal>
  );
}
