/**
 * `/app/procurement/bodies` (采购单位; supervising officials, admins): the buying bodies of the official's region and
 * below — searched by name or USCC, narrowed to a region, paged by the server — each with its region, kind and how
 * many active buyer accounts act for it; registering a body (USCC, name, region within the official's, kind) and
 * changing one (sending the version read: 409 reloads). A body's plan and awards are a click away.
 */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import {
  BODY_KINDS,
  type BodyInput,
  type BodyKind,
  type BuyingBody,
  procurementApi,
  procurementQueries,
} from '../../api/procurement.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { SearchBox } from '../../components/PagedTable.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { applyNestedFieldErrors } from '../../lib/formErrors.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { matching, paramReader, positiveParam, trimmedParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { fieldPath, USCC_PATTERN } from './procurementModel.ts';
import { PageHeading } from './procurementParts.tsx';

const readFilters = paramReader({
  q: trimmedParam,
  region: matching(/^\d{6}$/),
  page: (v) => positiveParam(v) ?? 1,
  pageSize: (v) => positiveParam(v, 100) ?? 20,
});

interface BodyValues {
  uscc?: string;
  name?: string;
  regionCode?: string;
  kind?: BodyKind;
}

const FIELDS = ['uscc', 'name', 'regionCode', 'kind'];

export default function BodiesPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const rootCode = user?.role === 'official' ? user.regionCode : null;
  const { filters, update } = useUrlFilters(readFilters);
  const list = useApiQuery(
    procurementQueries.bodies({
      q: filters.q,
      regionCode: filters.region,
      page: filters.page,
      pageSize: filters.pageSize,
    }),
    { keepPrevious: true },
  );
  const [editing, setEditing] = useState<BuyingBody | 'new' | null>(null);

  const bodyLink = (body: BuyingBody, path: 'projects' | 'awards') =>
    `/app/procurement/${path}?${new URLSearchParams({ bodyId: String(body.id), bodyName: body.name })}`;

  const columns: TableColumnsType<BuyingBody> = [
    {
      title: t('proc.body.name'),
      dataIndex: 'name',
      render: (name: string, body) => (
        <Flex vertical gap={2}>
          <Typography.Text strong data-testid={`body-name-${body.id}`}>
            {name}
          </Typography.Text>
          <Typography.Text type="secondary" className="huiqi-mono" style={{ fontSize: 12 }}>
            {body.uscc}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('proc.body.region'),
      dataIndex: 'regionCode',
      width: 200,
      render: (code: string) => <RegionName code={code} full />,
    },
    {
      title: t('proc.body.kind'),
      dataIndex: 'kind',
      width: 130,
      render: (kind: BodyKind) => t(`proc.bodyKind.${kind}`),
    },
    {
      title: t('proc.body.buyers'),
      dataIndex: 'buyers',
      width: 130,
      render: (buyers: number, body) =>
        buyers > 0 ? (
          <span data-testid={`body-buyers-${body.id}`} data-value={buyers}>
            {t('proc.body.buyerCount', { count: buyers })}
          </span>
        ) : (
          <Tooltip title={t('proc.body.noBuyersHelp')}>
            <Tag color="orange" data-testid={`body-buyers-${body.id}`} data-value={0}>
              {t('proc.body.noBuyers')}
            </Tag>
          </Tooltip>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 230,
      render: (_, body) => (
        <Space size={4} wrap>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(body)}
            data-testid={`body-edit-${body.id}`}
          >
            {t('common.edit')}
          </Button>
          <Link to={bodyLink(body, 'projects')}>{t('proc.body.plan')}</Link>
          <Link to={bodyLink(body, 'awards')}>{t('proc.body.awards')}</Link>
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('proc.bodies.title')}
        intro={t('proc.bodies.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="body-new"
          >
            {t('proc.bodies.new')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex
          gap={12}
          wrap
          align="center"
          style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
        >
          <ScopedRegionCascader
            rootCode={rootCode}
            value={filters.region}
            onChange={(code) => update({ region: code ?? null })}
            placeholder={t('proc.filter.region')}
            ariaLabel={t('proc.filter.region')}
            testId="bodies-region"
            style={{ width: 260 }}
          />
          <SearchBox
            query={filters.q ?? ''}
            onSearch={(q) => update({ q })}
            placeholder={t('proc.bodies.search')}
            aria-label={t('proc.bodies.search')}
            enterButton={t('common.search')}
            style={{ width: 320 }}
            data-testid="bodies-search"
          />
          <ReloadButton query={list} />
        </Flex>
        <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
        <Table<BuyingBody>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 900 }}
          locale={{
            emptyText: list.loading ? (
              ' '
            ) : (
              <Empty
                description={
                  filters.q || filters.region ? t('proc.bodies.emptyFiltered') : t('proc.bodies.empty')
                }
              />
            ),
          }}
          pagination={serverPagination({
            page: filters.page,
            pageSize: filters.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) =>
              update({ page: page === 1 ? null : page, pageSize: pageSize === 20 ? null : pageSize }),
          })}
          data-testid="bodies-table"
        />
      </Card>
      {editing ? (
        <BodyModal
          body={editing === 'new' ? null : editing}
          rootCode={rootCode}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      ) : null}
    </Flex>
  );
}

function BodyModal({
  body,
  rootCode,
  onClose,
  onSaved,
}: {
  body: BuyingBody | null;
  rootCode: string | null | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<BodyValues>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const onFinish = async (values: BodyValues) => {
    setSaving(true);
    setFailure(null);
    const input: BodyInput = {
      uscc: (values.uscc ?? '').trim().toUpperCase(),
      name: (values.name ?? '').trim(),
      regionCode: values.regionCode ?? '',
      kind: values.kind ?? 'government',
    };
    try {
      if (body) await procurementApi.changeBody(body.id, { ...input, version: body.version });
      else await procurementApi.createBody(input);
      void message.success(t(body ? 'proc.bodies.changed' : 'proc.bodies.created', { name: input.name }));
      onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        void message.warning(t('proc.form.conflict'));
        onSaved();
        return;
      }
      const { unmatched } = applyNestedFieldErrors(form, error, (field) => {
        const [head] = fieldPath(field);
        return typeof head === 'string' && FIELDS.includes(head) ? [head] : null;
      });
      const allShown = error instanceof ApiError && error.errors.length > 0 && unmatched.length === 0;
      if (!allShown)
        setFailure(
          [error instanceof Error ? error.message : String(error), ...unmatched].join(
            t('proc.listSeparator'),
          ),
        );
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, message: t('proc.form.required') };
  return (
    <FormModal<BodyValues>
      form={form}
      title={body ? t('proc.bodies.editTitle', { name: body.name }) : t('proc.bodies.new')}
      okText={body ? t('common.save') : t('proc.bodies.register')}
      okTestId="body-submit"
      saving={saving}
      onClose={onClose}
      onFinish={(values) => void onFinish(values)}
      initialValues={
        body
          ? { uscc: body.uscc, name: body.name, regionCode: body.regionCode, kind: body.kind }
          : { kind: 'government', regionCode: rootCode ?? undefined }
      }
      testId="body-form"
      width={560}
    >
      <Form.Item
        name="uscc"
        label={t('proc.body.uscc')}
        extra={t('proc.body.usccHelp')}
        rules={[
          required,
          {
            validator: (_: unknown, value: string | undefined) =>
              !value || USCC_PATTERN.test(value.trim().toUpperCase())
                ? Promise.resolve()
                : Promise.reject(new Error(t('proc.form.uscc'))),
          },
        ]}
      >
        <Input maxLength={18} className="huiqi-mono" data-testid="body-uscc" />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('proc.body.name')}
        rules={[required, { min: 2, message: t('proc.form.min', { min: 2 }) }]}
      >
        <Input maxLength={200} data-testid="body-name" />
      </Form.Item>
      <Form.Item
        name="regionCode"
        label={t('proc.body.region')}
        rules={[required]}
        extra={t('proc.body.regionHelp')}
      >
        <ScopedRegionCascader
          rootCode={rootCode}
          placeholder={t('proc.filter.region')}
          testId="body-region"
        />
      </Form.Item>
      <Form.Item name="kind" label={t('proc.body.kind')} rules={[required]}>
        <Select
          options={BODY_KINDS.map((kind) => ({ value: kind, label: t(`proc.bodyKind.${kind}`) }))}
          data-testid="body-kind"
        />
      </Form.Item>
      {failure ? <Alert type="error" showIcon title={failure} data-testid="body-error" /> : null}
    </FormModal>
  );
}
