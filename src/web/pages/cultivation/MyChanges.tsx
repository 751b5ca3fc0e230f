/**
 * The enterprise's tab "认定维护" on `/app/my/cultivation` (issue 18; docs/reference/cultivation.md §9): its
 * recognitions as kept (已认定, 已标记 with why and since when, 已到期, 已撤销) with their validity, whether this year's data
 * update is done (with the way to its facts), its material-change reports — those the registry showed and it has yet
 * to report first, each with its due day, state and the authority's decision — and a form to report one.
 */
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import {
  CHANGE_KINDS,
  type ChangeKind,
  type ChangeState,
  cultivationChangesApi,
  cultivationChangesQueries,
  type KeptRecognition,
  type MaterialChange,
  type RecognitionState,
} from '../../api/cultivationChanges.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';

const RECOGNITION_COLOURS: Record<RecognitionState, string> = {
  valid: 'green',
  flagged: 'orange',
  expired: 'default',
  revoked: 'red',
};
const CHANGE_COLOURS: Record<ChangeState, string> = {
  open: 'orange',
  reported: 'blue',
  accepted: 'green',
  revoked: 'red',
};

/** A recognition's state as a tag. */
export function RecognitionStateTag({ state, testId }: { state: RecognitionState; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={RECOGNITION_COLOURS[state]} data-testid={testId}>
      {t(`cultivationChanges.recognition.${state}`)}
    </Tag>
  );
}

/** A change's state as a tag. */
export function ChangeStateTag({ state, testId }: { state: ChangeState; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={CHANGE_COLOURS[state]} data-testid={testId}>
      {t(`cultivationChanges.state.${state}`)}
    </Tag>
  );
}

/** What changed: the old and new name, the region moved from and to, or the merger's party. */
export function ChangeWhat({ change }: { change: MaterialChange }) {
  const { t } = useI18n();
  const detail =
    change.kind === 'rename'
      ? `${change.oldName ?? '—'} → ${change.newName ?? '—'}`
      : change.kind === 'relocation'
        ? `${change.oldRegionName ?? '—'} → ${change.newRegionName ?? '—'}`
        : (change.party ?? '—');
  return (
    <Flex vertical gap={2}>
      <Space size={4} wrap>
        <Tag>{t(`cultivationChanges.kind.${change.kind}`)}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(change.detected ? 'cultivationChanges.source.detected' : 'cultivationChanges.source.reported')}
        </Typography.Text>
      </Space>
      <Typography.Text>{detail}</Typography.Text>
    </Flex>
  );
}

function RecognitionCard({ recognition }: { recognition: KeptRecognition }) {
  const { t, locale } = useI18n();
  const id = recognition.applicationId;
  return (
    <Card size="small" data-testid={`my-recognition-${id}`}>
      <Flex vertical gap={6}>
        <Space wrap>
          <Typography.Text strong>{t(`cultivationChanges.tier.${recognition.tier}`)}</Typography.Text>
          <RecognitionStateTag state={recognition.state} testId={`my-recognition-state-${id}`} />
        </Space>
        {recognition.validFrom && recognition.validTo ? (
          <Typography.Text type="secondary">
            {t('cultivationChanges.my.validity', {
              from: formatDate(recognition.validFrom, locale),
              to: formatDate(recognition.validTo, locale),
            })}
          </Typography.Text>
        ) : null}
        {recognition.state === 'expired' && recognition.validTo ? (
          <Typography.Text type="secondary">
            {t('cultivationChanges.my.expiredOn', { date: formatDate(recognition.validTo, locale) })}
          </Typography.Text>
        ) : null}
        {recognition.state === 'flagged' && recognition.flaggedOn ? (
          <Alert
            type="warning"
            showIcon
            data-testid={`my-recognition-flag-${id}`}
            title={t('cultivationChanges.my.flaggedSince', {
              date: formatDate(recognition.flaggedOn, locale),
              reason: recognition.flagReason
                ? locale === 'en'
                  ? recognition.flagReason.en
                  : recognition.flagReason.zh
                : '',
            })}
          />
        ) : null}
      </Flex>
    </Card>
  );
}

function ChangeCard({
  change,
  onReport,
}: {
  change: MaterialChange;
  onReport: (change: MaterialChange) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <Card size="small" data-testid={`my-change-${change.id}`}>
      <Flex justify="space-between" gap={12} wrap>
        <Flex vertical gap={4} style={{ minWidth: 240, flex: 1 }}>
          <Space wrap>
            <Typography.Text strong>{t(`cultivationChanges.tier.${change.tier}`)}</Typography.Text>
            <ChangeStateTag state={change.state} testId={`my-change-state-${change.id}`} />
          </Space>
          <ChangeWhat change={change} />
          {change.description ? (
            <Typography.Text type="secondary">{change.description}</Typography.Text>
          ) : null}
          <Space size={12} wrap>
            {change.changedOn ? (
              <Typography.Text type="secondary">
                {t('cultivationChanges.changedOn', { date: formatDate(change.changedOn, locale) })}
              </Typography.Text>
            ) : change.foundOn ? (
              <Typography.Text type="secondary">
                {t('cultivationChanges.changedOnUnknown', { date: formatDate(change.foundOn, locale) })}
              </Typography.Text>
            ) : null}
            {change.state === 'open' ? (
              <Typography.Text
                type={change.overdue ? 'danger' : 'warning'}
                data-testid={`my-change-due-${change.id}`}
              >
                {t(change.overdue ? 'cultivationChanges.my.overdue' : 'cultivationChanges.my.dueBy', {
                  date: formatDate(change.dueOn, locale),
                })}
              </Typography.Text>
            ) : null}
            {change.reportedAt ? (
              <Typography.Text type="secondary">
                {t('cultivationChanges.my.reportedOn', { date: formatDateTime(change.reportedAt, locale) })}
              </Typography.Text>
            ) : null}
            {change.decidedAt ? (
              <Typography.Text type="secondary">
                {t('cultivationChanges.my.decidedOn', { date: formatDateTime(change.decidedAt, locale) })}
              </Typography.Text>
            ) : null}
          </Space>
          {change.decisionComment ? (
            <Typography.Text data-testid={`my-change-decision-${change.id}`}>
              {t('cultivationChanges.my.decision', { comment: change.decisionComment })}
            </Typography.Text>
          ) : null}
        </Flex>
        {change.state === 'open' ? (
          <Button
            type="primary"
            onClick={() => onReport(change)}
            data-testid={`my-change-report-${change.id}`}
          >
            {t('cultivationChanges.my.reportNow')}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}

interface ReportValues {
  kind: ChangeKind;
  changedOn?: Dayjs;
  newName?: string;
  newRegion?: string[];
  party?: string;
  description?: string;
}

function ReportModal({
  open,
  preset,
  onClose,
  onDone,
}: {
  open: boolean;
  preset: MaterialChange | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ReportValues>();
  const kind = Form.useWatch('kind', form);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (values: ReportValues) => {
    setSaving(true);
    setError(null);
    try {
      const region = values.newRegion?.at(-1);
      const reported = await cultivationChangesApi.report({
        kind: values.kind,
        changedOn: values.changedOn ? values.changedOn.format('YYYY-MM-DD') : '',
        description: values.description?.trim() ?? '',
        ...(values.kind === 'rename' ? { newName: values.newName?.trim() ?? '' } : {}),
        ...(values.kind === 'relocation' && region ? { newRegionCode: region } : {}),
        ...(values.kind === 'merger' ? { party: values.party?.trim() ?? '' } : {}),
      });
      void message.success(
        t(reported.late ? 'cultivationChanges.my.reportedLate' : 'cultivationChanges.my.reported'),
      );
      onDone();
    } catch (failure) {
      if (failure instanceof ApiError && failure.errors.length > 0) {
        const known = ['kind', 'changedOn', 'newName', 'newRegionCode', 'party', 'description'];
        const field = (name: string) => name.replace(/^body\./, '');
        form.setFields(
          failure.errors
            .filter((e) => known.includes(field(e.field)))
            .map((e) => ({
              name: (field(e.field) === 'newRegionCode' ? 'newRegion' : field(e.field)) as keyof ReportValues,
              errors: [e.message],
            })),
        );
        const others = failure.errors.filter(
          (e) => !known.includes(field(e.field)) || field(e.field) === 'kind',
        );
        setError(others.length > 0 ? others.map((e) => e.message).join('；') : null);
      } else setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t('cultivationChanges.form.required') }];
  return (
    <Modal
      open={open}
      title={t('cultivationChanges.form.title')}
      onCancel={onClose}
      okText={t('cultivationChanges.form.submit')}
      cancelText={t('cultivationChanges.form.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'change-report-submit' } as never}
      destroyOnHidden
      data-testid="change-report-modal"
    >
      <Form<ReportValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          kind: preset?.kind ?? 'rename',
          newName: preset?.newName ?? undefined,
        }}
        onFinish={(values) => void submit(values)}
      >
        <Typography.Paragraph type="secondary">{t('cultivationChanges.form.hint')}</Typography.Paragraph>
        {error ? (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 12 }}
            data-testid="change-report-error"
          />
        ) : null}
        <Form.Item name="kind" label={t('cultivationChanges.form.kind')} rules={required}>
          <Radio.Group data-testid="change-report-kind">
            {CHANGE_KINDS.map((k) => (
              <Radio.Button key={k} value={k} data-testid={`change-report-kind-${k}`}>
                {t(`cultivationChanges.kind.${k}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="changedOn"
          label={t('cultivationChanges.form.changedOn')}
          extra={t('cultivationChanges.form.changedOnHint')}
          rules={required}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
            data-testid="change-report-changed-on"
          />
        </Form.Item>
        {kind === 'rename' ? (
          <Form.Item name="newName" label={t('cultivationChanges.form.newName')} rules={required}>
            <Input maxLength={200} data-testid="change-report-new-name" />
          </Form.Item>
        ) : null}
        {kind === 'relocation' ? (
          <Form.Item name="newRegion" label={t('cultivationChanges.form.newRegion')} rules={required}>
            <RegionCascader testId="change-report-new-region" />
          </Form.Item>
        ) : null}
        {kind === 'merger' ? (
          <Form.Item name="party" label={t('cultivationChanges.form.party')} rules={required}>
            <Input maxLength={200} data-testid="change-report-party" />
          </Form.Item>
        ) : null}
        <Form.Item name="description" label={t('cultivationChanges.form.description')} rules={required}>
          <Input.TextArea
            rows={4}
            maxLength={2000}
            showCount
            placeholder={t('cultivationChanges.form.descriptionPlaceholder')}
            data-testid="change-report-description"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The tab's content: recognitions, the annual update, the changes and the report form. */
export function MyChanges({ onOpenFacts }: { onOpenFacts: () => void }) {
  const { t, locale } = useI18n();
  const mine = useApiQuery(cultivationChangesQueries.mine());
  const [reporting, setReporting] = useState<{ preset: MaterialChange | null } | null>(null);
  const data = mine.data;
  const canReport = data?.recognitions.some((r) => r.state === 'valid' || r.state === 'flagged') ?? false;

  return (
    <Flex vertical gap={16} data-testid="my-changes">
      <LoadError error={mine.error} onRetry={mine.reload} />
      {mine.loading && !data ? <Skeleton active /> : null}
      {data ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('cultivationChanges.my.intro', { months: data.reportMonths })}
          </Typography.Paragraph>
          <Card size="small" title={t('cultivationChanges.my.recognitions')}>
            {data.recognitions.length === 0 ? (
              <Empty description={t('cultivationChanges.my.noRecognition')} data-testid="my-no-recognition" />
            ) : (
              <Flex vertical gap={8}>
                {data.recognitions.map((r) => (
                  <RecognitionCard key={r.applicationId} recognition={r} />
                ))}
              </Flex>
            )}
          </Card>
          {data.recognitions.some((r) => r.state === 'valid' || r.state === 'flagged') ? (
            <Card size="small" title={t('cultivationChanges.my.update')}>
              {data.update.done && data.update.updatedOn ? (
                <Alert
                  type="success"
                  showIcon
                  data-testid="my-update-done"
                  title={t('cultivationChanges.my.updateDone', {
                    year: data.update.dataYear,
                    date: formatDate(data.update.updatedOn, locale),
                  })}
                />
              ) : (
                <Alert
                  type="warning"
                  showIcon
                  data-testid="my-update-missing"
                  title={`${t('cultivationChanges.my.updateMissing', {
                    year: data.update.dataYear,
                    day: data.update.remindOn,
                  })}${data.update.remindOnIsDefault ? t('cultivationChanges.my.updateDayDefault') : ''}`}
                  action={
                    <Button size="small" onClick={onOpenFacts} data-testid="my-update-open-facts">
                      {t('cultivationChanges.my.openFacts')}
                    </Button>
                  }
                />
              )}
            </Card>
          ) : null}
          <Card
            size="small"
            title={t('cultivationChanges.my.changes')}
            extra={
              <Button
                type="primary"
                disabled={!canReport}
                onClick={() => setReporting({ preset: null })}
                data-testid="my-change-report"
              >
                {t('cultivationChanges.my.report')}
              </Button>
            }
          >
            {data.changes.length === 0 ? (
              <Typography.Text type="secondary" data-testid="my-no-changes">
                {t('cultivationChanges.my.noChanges')}
              </Typography.Text>
            ) : (
              <Flex vertical gap={8}>
                {data.changes.map((c) => (
                  <ChangeCard key={c.id} change={c} onReport={(preset) => setReporting({ preset })} />
                ))}
              </Flex>
            )}
          </Card>
        </>
      ) : null}
      <ReportModal
        open={reporting !== null}
        preset={reporting?.preset ?? null}
        onClose={() => setReporting(null)}
        onDone={() => {
          setReporting(null);
          mine.reload();
        }}
      />
    </Flex>
  );
}
