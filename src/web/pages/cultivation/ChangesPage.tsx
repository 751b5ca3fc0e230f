/**
 * `/app/cultivation/changes` (officials, admins): keeping recognitions (认定维护; issue 18, docs/reference/cultivation.md
 * §9). Two views kept in the address: the material changes of the region's recognitions (and of enterprises moving
 * into it) — state, tier, kind, a search — each with what changed, its due day (red when overdue) and, for the
 * recognising authority, accept or revoke with reasons; and the recognitions as kept — valid, flagged (why and
 * since when), expired, revoked — with this year's data update, "without this year's update" as a filter. Both page
 * on the server and export as CSV or Excel. A province's officials set the day its annual-update reminders start.
 */
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import {
  CHANGE_KINDS,
  CHANGE_STATES,
  type ChangeKind,
  type ChangeState,
  changesExportUrl,
  cultivationChangesApi,
  cultivationChangesQueries,
  type KeptRecognition,
  type MaterialChange,
  RECOGNITION_STATES,
  type RecognitionState,
  recognitionsExportUrl,
} from '../../api/cultivationChanges.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ExportButtons, SearchBox } from '../../components/PagedTable.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { flagParam, oneOf, positiveParam, trimmedParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { PageHeading } from '../monitoring/monitoringParts.tsx';
import { ChangeStateTag, ChangeWhat, RecognitionStateTag } from './MyChanges.tsx';

const TIERS = ['innovative', 'specialised', 'little_giant'] as const;
type Tier = (typeof TIERS)[number];
const VIEWS = ['changes', 'recognitions'] as const;

const readFilters = (params: URLSearchParams) => ({
  view: oneOf(VIEWS, params.get('view')) ?? 'changes',
  state: oneOf<string>([...CHANGE_STATES, ...RECOGNITION_STATES], params.get('state')),
  tier: oneOf(TIERS, params.get('tier')),
  kind: oneOf(CHANGE_KINDS, params.get('kind')),
  lacksUpdate: flagParam(params.get('lacksUpdate')),
  q: trimmedParam(params.get('q')),
  page: positiveParam(params.get('page')) ?? 1,
  pageSize: positiveParam(params.get('pageSize'), 100) ?? 20,
});

function Enterprise({ name, uscc }: { name: string; uscc: string }) {
  return (
    <Flex vertical gap={2}>
      <Typography.Text>{name}</Typography.Text>
      <Typography.Text type="secondary" className="huiqi-mono" style={{ fontSize: 12 }}>
        {uscc}
      </Typography.Text>
    </Flex>
  );
}

type Decision = { change: MaterialChange; action: 'accept' | 'revoke' };

function DecisionModal({
  decision,
  onClose,
}: {
  decision: Decision | null;
  onClose: (changed: boolean) => void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revoking = decision?.action === 'revoke';

  const submit = async ({ comment }: { comment?: string }) => {
    if (!decision) return;
    setSaving(true);
    setError(null);
    try {
      const text = comment?.trim() ?? '';
      if (decision.action === 'accept')
        await cultivationChangesApi.accept(decision.change, text || undefined);
      else await cultivationChangesApi.revoke(decision.change, text);
      void message.success(
        t('cultivationChanges.action.done', { action: t(`cultivationChanges.action.${decision.action}`) }),
      );
      onClose(true);
    } catch (failure) {
      if (
        failure instanceof ApiError &&
        (failure.status === 409 || failure.status === 403 || failure.status === 404)
      ) {
        void message.warning(t('cultivationChanges.action.conflict', { message: failure.message }));
        onClose(true);
        return;
      }
      if (failure instanceof ApiError && failure.errors.length > 0) {
        const onComment = failure.errors.filter((e) => e.field.replace(/^body\./, '') === 'comment');
        form.setFields([{ name: 'comment', errors: onComment.map((e) => e.message) }]);
        const others = failure.errors.filter((e) => !onComment.includes(e));
        setError(others.length > 0 ? others.map((e) => e.message).join('；') : null);
      } else setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={decision !== null}
      title={
        decision
          ? t(revoking ? 'cultivationChanges.action.revokeTitle' : 'cultivationChanges.action.acceptTitle', {
              name: decision.change.enterpriseName,
            })
          : ''
      }
      onCancel={() => onClose(false)}
      okText={decision ? t(`cultivationChanges.action.${decision.action}`) : ''}
      confirmLoading={saving}
      onOk={() => form.submit()}
      okButtonProps={{ danger: revoking, 'data-testid': 'change-decision-submit' } as never}
      destroyOnHidden
      data-testid="change-decision-modal"
    >
      {decision ? (
        <Form form={form} layout="vertical" preserve={false} onFinish={(values) => void submit(values)}>
          <Flex vertical gap={8} style={{ marginBottom: 12 }}>
            <ChangeWhat change={decision.change} />
            {decision.change.description ? (
              <Typography.Text type="secondary">{decision.change.description}</Typography.Text>
            ) : null}
          </Flex>
          <Typography.Paragraph type="secondary">
            {t(
              revoking
                ? 'cultivationChanges.action.revokeConfirm'
                : 'cultivationChanges.action.acceptConfirm',
            )}
          </Typography.Paragraph>
          {error ? (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 12 }}
              data-testid="change-decision-error"
            />
          ) : null}
          <Form.Item
            name="comment"
            label={t(revoking ? 'cultivationChanges.action.reasons' : 'cultivationChanges.action.comment')}
            rules={
              revoking
                ? [{ required: true, whitespace: true, message: t('cultivationChanges.form.required') }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="change-decision-comment" />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}

/** The province's day in the year for the annual-update reminders, set by its own officials. */
function UpdateDayCard({ provinceCode }: { provinceCode: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const day = useApiQuery(cultivationChangesQueries.updateDay(provinceCode));
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await cultivationChangesApi.setUpdateDay(provinceCode, value.trim());
      void message.success(t('cultivationChanges.updateDay.saved'));
      setValue('');
      day.reload();
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.errors.length > 0
          ? failure.errors.map((e) => e.message).join('；')
          : failure instanceof Error
            ? failure.message
            : String(failure),
      );
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title={t('cultivationChanges.updateDay.title')} data-testid="update-day">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('cultivationChanges.updateDay.hint')}</Typography.Text>
        {day.data ? (
          <Typography.Text data-testid="update-day-current">
            {t('cultivationChanges.updateDay.current', {
              day: day.data.remindOn,
              default: day.data.isDefault ? t('cultivationChanges.updateDay.default') : '',
            })}
          </Typography.Text>
        ) : null}
        <Space wrap>
          <Input
            value={value}
            onChange={(event) => setValue(event.target.value)}
            placeholder={t('cultivationChanges.updateDay.placeholder')}
            maxLength={5}
            status={error ? 'error' : ''}
            style={{ width: 180 }}
            data-testid="update-day-input"
          />
          <Button
            onClick={() => void save()}
            loading={saving}
            disabled={!value.trim()}
            data-testid="update-day-save"
          >
            {t('cultivationChanges.updateDay.save')}
          </Button>
        </Space>
        {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
      </Flex>
    </Card>
  );
}

export default function ChangesPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const { filters, update, reset } = useUrlFilters(readFilters);
  const [decision, setDecision] = useState<Decision | null>(null);
  const lang = locale === 'en' ? 'en' : 'zh';
  const isChanges = filters.view === 'changes';
  const changeState = oneOf(CHANGE_STATES, filters.state ?? null);
  const recognitionState = oneOf(RECOGNITION_STATES, filters.state ?? null);
  const changeFilters = { state: changeState, tier: filters.tier, kind: filters.kind, q: filters.q };
  const recognitionFilters = {
    state: recognitionState,
    tier: filters.tier,
    lacksUpdate: filters.lacksUpdate,
    q: filters.q,
  };
  const paging = { page: filters.page, pageSize: filters.pageSize };
  const changes = useApiQuery(
    { ...cultivationChangesQueries.changes({ ...changeFilters, ...paging }), enabled: isChanges },
    { keepPrevious: true },
  );
  const recognitions = useApiQuery(
    { ...cultivationChangesQueries.recognitions({ ...recognitionFilters, ...paging }), enabled: !isChanges },
    { keepPrevious: true },
  );
  const list = isChanges ? changes : recognitions;
  const filtered = Boolean(filters.state || filters.tier || filters.kind || filters.lacksUpdate || filters.q);
  const provinceCode =
    user?.role === 'official' && user.regionCode?.endsWith('0000') ? user.regionCode : null;

  const changeColumns: TableColumnsType<MaterialChange> = [
    {
      title: t('cultivationChanges.col.enterprise'),
      key: 'enterprise',
      width: 220,
      render: (_, row) => <Enterprise name={row.enterpriseName} uscc={row.uscc} />,
    },
    {
      title: t('cultivationChanges.col.tier'),
      key: 'tier',
      width: 130,
      render: (_, row) => t(`cultivationChanges.tier.${row.tier}`),
    },
    {
      title: t('cultivationChanges.col.kind'),
      key: 'kind',
      width: 280,
      render: (_, row) => (
        <Flex vertical gap={2}>
          <ChangeWhat change={row} />
          {row.description ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.description}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('cultivationChanges.col.state'),
      key: 'state',
      width: 130,
      render: (_, row) => (
        <Flex vertical gap={2} align="start">
          <ChangeStateTag state={row.state} testId={`change-state-${row.id}`} />
          {row.flaggedOn ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('cultivationChanges.flaggedOn', { date: formatDate(row.flaggedOn, locale) })}
            </Typography.Text>
          ) : null}
          {row.decisionComment ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.decisionComment}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('cultivationChanges.col.due'),
      key: 'due',
      width: 170,
      render: (_, row) => (
        <Flex vertical gap={2}>
          <Typography.Text type={row.overdue ? 'danger' : undefined} data-testid={`change-due-${row.id}`}>
            {formatDate(row.dueOn, locale)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.changedOn
              ? t('cultivationChanges.changedOn', { date: formatDate(row.changedOn, locale) })
              : row.foundOn
                ? t('cultivationChanges.changedOnUnknown', { date: formatDate(row.foundOn, locale) })
                : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('cultivationChanges.col.actions'),
      key: 'actions',
      width: 170,
      render: (_, row) =>
        row.actions.length === 0 ? (
          <Typography.Text type="secondary">{t('cultivationChanges.noActions')}</Typography.Text>
        ) : (
          <Space wrap>
            {row.actions.map((action) => (
              <Button
                key={action}
                size="small"
                type={action === 'accept' ? 'primary' : 'default'}
                danger={action === 'revoke'}
                onClick={() => setDecision({ change: row, action })}
                data-testid={`change-${action}-${row.id}`}
              >
                {t(`cultivationChanges.action.${action}`)}
              </Button>
            ))}
          </Space>
        ),
    },
  ];

  const recognitionColumns: TableColumnsType<KeptRecognition> = [
    {
      title: t('cultivationChanges.col.enterprise'),
      key: 'enterprise',
      width: 220,
      render: (_, row) => <Enterprise name={row.enterpriseName} uscc={row.uscc} />,
    },
    {
      title: t('cultivationChanges.col.tier'),
      key: 'tier',
      width: 130,
      render: (_, row) => t(`cultivationChanges.tier.${row.tier}`),
    },
    {
      title: t('cultivationChanges.col.region'),
      key: 'region',
      width: 160,
      render: (_, row) => row.regionName,
    },
    {
      title: t('cultivationChanges.col.validity'),
      key: 'validity',
      width: 180,
      render: (_, row) =>
        row.validFrom && row.validTo
          ? `${formatDate(row.validFrom, locale)} – ${formatDate(row.validTo, locale)}`
          : '—',
    },
    {
      title: t('cultivationChanges.col.state'),
      key: 'state',
      width: 200,
      render: (_, row) => (
        <Flex vertical gap={2} align="start">
          <RecognitionStateTag state={row.state} testId={`recognition-state-${row.applicationId}`} />
          {row.state === 'flagged' && row.flaggedOn ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('cultivationChanges.flaggedOn', { date: formatDate(row.flaggedOn, locale) })}
              {row.flagReason ? `：${locale === 'en' ? row.flagReason.en : row.flagReason.zh}` : ''}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('cultivationChanges.col.pending'),
      key: 'pending',
      width: 100,
      render: (_, row) => row.pendingChanges,
    },
    {
      title: t('cultivationChanges.col.update'),
      key: 'update',
      width: 130,
      render: (_, row) =>
        row.updateDone && row.updatedOn ? (
          <Typography.Text type="success">
            {t('cultivationChanges.update.done', { date: formatDate(row.updatedOn, locale) })}
          </Typography.Text>
        ) : (
          <Typography.Text type="warning" data-testid={`recognition-update-missing-${row.applicationId}`}>
            {t('cultivationChanges.update.missing')}
          </Typography.Text>
        ),
    },
  ];

  const pagination = serverPagination({
    page: filters.page,
    pageSize: filters.pageSize,
    total: list.data?.total ?? 0,
    showTotal: (total) => t('cultivationChanges.total', { total }),
    onChange: (page, pageSize) =>
      update({ page: page === 1 ? null : page, pageSize: pageSize === 20 ? null : pageSize }),
  });
  const empty = list.loading ? ' ' : <Empty description={t('cultivationChanges.empty')} />;

  return (
    <Flex vertical gap={16} data-testid="cultivation-changes-page">
      <PageHeading title={t('cultivationChanges.page.title')} intro={t('cultivationChanges.page.intro')} />
      <Tabs
        activeKey={filters.view}
        onChange={(key) =>
          update({
            view: key === 'changes' ? null : key,
            state: null,
            kind: null,
            lacksUpdate: null,
            page: null,
          })
        }
        items={[
          {
            key: 'changes',
            label: <span data-testid="changes-view-changes">{t('cultivationChanges.page.changesTab')}</span>,
          },
          {
            key: 'recognitions',
            label: (
              <span data-testid="changes-view-recognitions">
                {t('cultivationChanges.page.recognitionsTab')}
              </span>
            ),
          },
        ]}
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex
          gap={12}
          wrap
          align="center"
          style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
        >
          {isChanges ? (
            <Select<ChangeState>
              allowClear
              style={{ width: 170 }}
              placeholder={t('cultivationChanges.filter.stateAll')}
              value={changeState}
              onChange={(value) => update({ state: value ?? null, page: null })}
              options={CHANGE_STATES.map((s) => ({ value: s, label: t(`cultivationChanges.state.${s}`) }))}
              aria-label={t('cultivationChanges.filter.state')}
              data-testid="changes-state"
            />
          ) : (
            <Select<RecognitionState>
              allowClear
              style={{ width: 150 }}
              placeholder={t('cultivationChanges.filter.stateAll')}
              value={recognitionState}
              onChange={(value) => update({ state: value ?? null, page: null })}
              options={RECOGNITION_STATES.map((s) => ({
                value: s,
                label: t(`cultivationChanges.recognition.${s}`),
              }))}
              aria-label={t('cultivationChanges.filter.state')}
              data-testid="recognitions-state"
            />
          )}
          <Select<Tier>
            allowClear
            style={{ width: 220 }}
            placeholder={t('cultivationChanges.filter.tierAll')}
            value={filters.tier}
            onChange={(value) => update({ tier: value ?? null, page: null })}
            options={TIERS.map((tier) => ({ value: tier, label: t(`cultivationChanges.tier.${tier}`) }))}
            data-testid="changes-tier"
          />
          {isChanges ? (
            <Select<ChangeKind>
              allowClear
              style={{ width: 170 }}
              placeholder={t('cultivationChanges.filter.kindAll')}
              value={filters.kind}
              onChange={(value) => update({ kind: value ?? null, page: null })}
              options={CHANGE_KINDS.map((k) => ({ value: k, label: t(`cultivationChanges.kind.${k}`) }))}
              data-testid="changes-kind"
            />
          ) : (
            <Checkbox
              checked={Boolean(filters.lacksUpdate)}
              onChange={(event) => update({ lacksUpdate: event.target.checked ? 'true' : null, page: null })}
              data-testid="recognitions-lacks-update"
            >
              {t('cultivationChanges.filter.lacksUpdate')}
            </Checkbox>
          )}
          <SearchBox
            query={filters.q ?? ''}
            onSearch={(q) => update({ q, page: null })}
            placeholder={t('cultivationChanges.filter.search')}
            aria-label={t('cultivationChanges.filter.search')}
            enterButton={t('common.search')}
            style={{ width: 300, maxWidth: '100%' }}
            data-testid="changes-search"
          />
          <Space wrap>
            <ReloadButton query={list} />
            {filtered ? (
              <Typography.Link onClick={() => reset()} data-testid="changes-clear">
                {t('cultivationChanges.filter.clear')}
              </Typography.Link>
            ) : null}
            <ExportButtons
              url={(format) =>
                isChanges
                  ? changesExportUrl(changeFilters, format, lang)
                  : recognitionsExportUrl(recognitionFilters, format, lang)
              }
              fileName={isChanges ? 'cultivation-changes' : 'cultivation-recognitions'}
              labels={{ csv: t('cultivationChanges.export.csv'), xlsx: t('cultivationChanges.export.xlsx') }}
              testId={isChanges ? 'changes' : 'recognitions'}
            />
          </Space>
        </Flex>
        <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
        {isChanges ? (
          <Table<MaterialChange>
            rowKey="id"
            columns={changeColumns}
            dataSource={changes.data?.items ?? []}
            loading={changes.loading}
            scroll={{ x: 1100 }}
            locale={{ emptyText: empty }}
            pagination={pagination}
            data-testid="changes-table"
          />
        ) : (
          <Table<KeptRecognition>
            rowKey="applicationId"
            columns={recognitionColumns}
            dataSource={recognitions.data?.items ?? []}
            loading={recognitions.loading}
            scroll={{ x: 1120 }}
            locale={{ emptyText: empty }}
            pagination={pagination}
            data-testid="recognitions-table"
          />
        )}
      </Card>
      {provinceCode ? <UpdateDayCard provinceCode={provinceCode} /> : null}
      <DecisionModal
        decision={decision}
        onClose={(changed) => {
          setDecision(null);
          if (changed) list.reload();
        }}
      />
    </Flex>
  );
}
