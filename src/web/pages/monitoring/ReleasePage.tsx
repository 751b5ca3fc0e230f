/**
 * `/app/monitoring/releases/:id` (officials, admins): one release of an index (issue 16) — its state, who made and
 * reviewed it, when it becomes public; its commentary (edited while a draft); what the caller may do now, as the
 * server says (`actions`): review (another official than its maker), schedule at a date and time not in the past,
 * withdraw; and its figures, each opening its trace. A release of the registry's monthly statistics shows its counts
 * by group (section, region, size; no trace, no line). A published release links to its public page.
 */
import {
  CheckOutlined,
  ClockCircleOutlined,
  ExportOutlined,
  RollbackOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  type FormInstance,
  Input,
  Skeleton,
  Space,
  Table,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useParams } from 'react-router';
import { dateTimeInChina } from '../../../shared/today.ts';
import { ApiError } from '../../api/client.ts';
import {
  type FigureGroup,
  monitoringApi,
  monitoringQueries,
  type Release,
  type TraceFilters,
} from '../../api/monitoring.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { FiguresTable, TraceDrawer, traceQueryOf } from './FigureTrace.tsx';
import { chinaInstant, formatPeriod, isLowResponseRate, questionPositions } from './monitoringModel.ts';
import {
  DetailHeading,
  errorText,
  FigureValue,
  LowResponseAlert,
  ReleaseStateTag,
  ResponseRate,
  SeriesName,
  SurveyRegion,
  useMeasureName,
  useMonitoringSubmit,
  WeightsUsed,
} from './monitoringParts.tsx';
import { CountFiguresTable, CountGroupPickers } from './RegistryFigures.tsx';
import { CorrectionNoteWarning } from './ReleaseModal.tsx';

export default function ReleasePage() {
  const { t, locale } = useI18n();
  const { message, modal } = AntApp.useApp();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const release = useApiQuery<Release>(
    valid
      ? { ...monitoringQueries.release(id), retry: false }
      : refusedQuery(
          ['monitoring-release', params.id],
          new ApiError(404, 'NOT_FOUND', t('error.notFoundRecord.title')),
        ),
  );
  const [busy, setBusy] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const [returning, setReturning] = useState(false);
  const [tracing, setTracing] = useState<TraceFilters | null>(null);
  const [group, setGroup] = useState<FigureGroup>({});
  const data = release.data;
  const counts = data?.kind === 'registry';
  const runId = data?.runId ?? null;
  const run = useApiQuery(
    { ...monitoringQueries.run(runId ?? 0, counts ? group : {}), enabled: runId !== null },
    { keepPrevious: true },
  );
  // The questions' wording, from the version of the survey the wave asked.
  const wave = useApiQuery({ ...monitoringQueries.wave(data?.waveId ?? 0), enabled: data?.waveId != null });
  const questions = useApiQuery({
    ...monitoringQueries.surveyVersion(wave.data?.surveyId ?? 0, wave.data?.surveyVersion ?? 1),
    enabled: wave.data !== undefined,
  });
  const questionOf = (code: string) => questions.data?.questions.find((q) => q.code === code);
  const questionText = (code: string) => {
    const q = questionOf(code);
    return q ? (locale === 'en' ? q.textEn || q.textZh : q.textZh) : undefined;
  };
  const measureName = useMeasureName();
  const act = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      void message.success(done);
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
      release.reload();
    }
  };
  const can = (action: string) => data?.actions.includes(action) ?? false;
  return (
    <Flex vertical gap={16} data-testid="release-page">
      <DetailHeading
        back="/app/monitoring/releases"
        backText={t('monitoring.releases.back')}
        title={
          data ? (
            <>
              <SeriesName
                kind={data.kind}
                nameZh={data.surveyName}
                nameEn={data.surveyNameEn}
                regionCode={data.regionCode}
              />
              {` · ${formatPeriod(data.period, locale)}`}
            </>
          ) : (
            t('monitoring.release.title')
          )
        }
        extra={
          data ? (
            <Space wrap>
              <ReleaseStateTag state={data.state} />
              {can('review') ? (
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={busy}
                  data-testid="release-review"
                  onClick={() =>
                    modal.confirm({
                      title: t('monitoring.release.reviewTitle'),
                      content: (
                        <Flex vertical gap={8}>
                          <LowResponseAlert release={data} />
                          <span>
                            {t(
                              counts
                                ? 'monitoring.release.reviewConfirmCounts'
                                : isLowResponseRate(data)
                                  ? 'monitoring.release.reviewConfirmLow'
                                  : 'monitoring.release.reviewConfirm',
                            )}
                          </span>
                        </Flex>
                      ),
                      width: isLowResponseRate(data) ? 520 : undefined,
                      okText: t('monitoring.release.review'),
                      okButtonProps: {
                        ...({ 'data-testid': 'release-review-ok' } as Record<string, string>),
                      },
                      cancelText: t('common.cancel'),
                      onOk: () =>
                        act(
                          () => monitoringApi.reviewRelease(data.id, data.version),
                          t('monitoring.release.reviewed'),
                        ),
                    })
                  }
                >
                  {t('monitoring.release.review')}
                </Button>
              ) : null}
              {can('return') ? (
                <Button
                  icon={<RollbackOutlined />}
                  loading={busy}
                  data-testid="release-return"
                  onClick={() => setReturning(true)}
                >
                  {t('monitoring.release.return')}
                </Button>
              ) : null}
              {can('schedule') ? (
                <Button
                  type="primary"
                  icon={<ClockCircleOutlined />}
                  onClick={() => setScheduling(true)}
                  data-testid="release-schedule"
                >
                  {t('monitoring.release.schedule')}
                </Button>
              ) : null}
              {can('withdraw') ? (
                <Button
                  danger
                  icon={<RollbackOutlined />}
                  loading={busy}
                  data-testid="release-withdraw"
                  onClick={() =>
                    modal.confirm({
                      title: t('monitoring.release.withdrawTitle'),
                      content: t('monitoring.release.withdrawConfirm'),
                      okText: t('monitoring.release.withdraw'),
                      okButtonProps: {
                        danger: true,
                        ...({ 'data-testid': 'release-withdraw-ok' } as Record<string, string>),
                      },
                      cancelText: t('common.cancel'),
                      onOk: () =>
                        act(
                          () => monitoringApi.withdrawRelease(data.id, data.version),
                          t('monitoring.release.withdrawn'),
                        ),
                    })
                  }
                >
                  {t('monitoring.release.withdraw')}
                </Button>
              ) : null}
              {data.state === 'published' ? (
                <Button
                  icon={<ExportOutlined />}
                  href={`/monitoring/releases/${data.id}`}
                  target="_blank"
                  data-testid="release-public"
                >
                  {t('monitoring.release.publicPage')}
                </Button>
              ) : null}
            </Space>
          ) : null
        }
      />
      {release.loading ? <Skeleton active /> : null}
      <LoadError error={release.error} onRetry={release.reload} />
      {data ? (
        <>
          {data.state !== 'withdrawn' ? <LowResponseAlert release={data} /> : null}
          {data.state !== 'withdrawn' && data.openFlags ? (
            <Alert
              type="warning"
              showIcon
              title={t('monitoring.release.openFlags', { n: data.openFlags })}
              data-testid="release-open-flags"
            />
          ) : null}
          {data.state === 'draft' && data.returned ? (
            <Alert
              type="warning"
              showIcon
              data-testid="release-returned"
              title={t('monitoring.release.returnedBy', {
                who: data.returned.by ?? '—',
                at: formatDateTime(data.returned.at, locale),
              })}
              description={
                <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{data.returned.comment}</Typography.Text>
              }
            />
          ) : null}
          {data.state === 'draft' && !can('review') ? (
            <Alert
              type="info"
              showIcon
              title={t('monitoring.release.needsReviewer')}
              data-testid="release-needs-reviewer"
            />
          ) : null}
          {data.state === 'scheduled' && data.publishAt ? (
            <Alert
              type="info"
              showIcon
              title={t('monitoring.release.scheduledFor', {
                at: formatDateTime(data.publishAt, locale, { labelled: true }),
              })}
              data-testid="release-scheduled-for"
            />
          ) : null}
          <Card size="small">
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, lg: 3 }}
              items={[
                {
                  key: 'region',
                  label: counts ? t('monitoring.group.region') : t('monitoring.survey.region'),
                  children: <SurveyRegion code={data.regionCode} />,
                },
                {
                  key: 'period',
                  label: counts ? t('monitoring.registry.period') : t('monitoring.wave.period'),
                  children: formatPeriod(data.period, locale),
                },
                {
                  key: 'version',
                  label: t('monitoring.release.releaseVersion'),
                  children: t('monitoring.survey.versionN', { version: data.releaseVersion }),
                },
                {
                  key: 'created',
                  label: t('monitoring.release.createdBy'),
                  children: `${data.createdBy ?? '—'} · ${formatDateTime(data.createdAt, locale)}`,
                },
                {
                  key: 'reviewed',
                  label: t('monitoring.release.reviewedBy'),
                  children: data.reviewedBy
                    ? `${data.reviewedBy} · ${formatDateTime(data.reviewedAt, locale)}`
                    : '—',
                },
                {
                  key: 'publish',
                  label: t('monitoring.release.publishAt'),
                  children: (
                    <span data-testid="release-publish-at">
                      {formatDateTime(data.publishAt, locale, { labelled: true })}
                    </span>
                  ),
                },
                ...(counts
                  ? []
                  : [
                      {
                        key: 'rate',
                        label: t('monitoring.release.responseRate'),
                        children: <ResponseRate release={data} />,
                      },
                    ]),
                {
                  key: 'headline',
                  label: data.headline
                    ? measureName(data.headline.measure)
                    : t('monitoring.release.headline'),
                  children: data.headline ? (
                    <span data-testid="release-headline">
                      <FigureValue figure={data.headline} strong />
                    </span>
                  ) : (
                    '—'
                  ),
                },
                ...(data.correctionNote
                  ? [
                      {
                        key: 'correction',
                        label: t('monitoring.release.correctionNote'),
                        children: data.correctionNote,
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
          {can('edit') ? (
            <CommentaryForm key={data.version} release={data} onSaved={release.reload} />
          ) : (
            // Read-only (in review, scheduled, published): both languages, as the public will read them.
            <Card size="small" title={t('monitoring.release.commentary')} data-testid="release-commentary">
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'zh', label: t('monitoring.release.commentaryZh'), text: data.commentaryZh },
                  { key: 'en', label: t('monitoring.release.commentaryEn'), text: data.commentaryEn },
                ].map((c) => ({
                  key: c.key,
                  label: c.label,
                  children: (
                    <Typography.Paragraph
                      style={{ whiteSpace: 'pre-wrap', margin: 0 }}
                      data-testid={`release-commentary-${c.key}`}
                    >
                      {c.text || t('monitoring.release.noCommentary')}
                    </Typography.Paragraph>
                  ),
                }))}
              />
            </Card>
          )}
          {data.releaseVersion > 1 ? <PreviousVersion release={data} /> : null}
          {runId !== null && counts ? (
            <Card
              size="small"
              title={t('monitoring.registry.figures')}
              extra={
                <Flex gap={8} wrap>
                  <CountGroupPickers
                    groups={run.data?.groups}
                    value={group}
                    onChange={setGroup}
                    testIdPrefix="release-group"
                  />
                </Flex>
              }
            >
              <LoadError error={run.error} onRetry={run.reload} />
              <CountFiguresTable
                figures={run.data?.figures ?? []}
                loading={run.loading}
                testId="release-figures"
              />
            </Card>
          ) : null}
          {runId !== null && !counts ? (
            <Card size="small" title={t('monitoring.release.figures')}>
              <LoadError error={run.error} onRetry={run.reload} />
              {/* The weights the figures stand on, as the public will read them (unverified ones in a warning). */}
              {run.data ? (
                <div style={{ marginBottom: 12 }}>
                  <WeightsUsed weights={run.data.weightSources} />
                </div>
              ) : null}
              <FiguresTable
                figures={run.data?.figures ?? []}
                loading={run.loading}
                questionText={questionText}
                questionPosition={questionPositions(questions.data?.questions)}
                onOpen={(figure) => setTracing(traceQueryOf(figure))}
                testId="release-figures"
              />
            </Card>
          ) : null}
          {runId !== null && !counts ? (
            <TraceDrawer
              start={tracing}
              traceQuery={(query) => monitoringQueries.trace(runId, query)}
              questionText={questionText}
              questionPosition={questionPositions(questions.data?.questions)}
              questionOf={questionOf}
              onClose={() => setTracing(null)}
            />
          ) : null}
          {returning ? (
            <ReturnModal
              release={data}
              onClose={() => setReturning(false)}
              onDone={() => {
                setReturning(false);
                void message.success(t('monitoring.release.returnedDone'));
                release.reload();
              }}
            />
          ) : null}
          {scheduling ? (
            <ScheduleModal
              release={data}
              onClose={() => setScheduling(false)}
              onDone={() => {
                setScheduling(false);
                void message.success(t('monitoring.release.scheduled'));
                release.reload();
              }}
            />
          ) : null}
        </>
      ) : null}
    </Flex>
  );
}

interface CommentaryValues {
  commentaryZh: string;
  commentaryEn: string;
  correctionNote: string;
}

/** The draft's commentary, edited. */
function CommentaryForm({ release, onSaved }: { release: Release; onSaved: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CommentaryValues>();
  const fields = ['commentaryZh', 'commentaryEn', 'correctionNote'];
  const submit = useMonitoringSubmit(form, (path) => path.length === 1 && fields.includes(String(path[0])), {
    testId: 'commentary-error',
  });
  const finish = async (values: CommentaryValues) => {
    const note = values.correctionNote?.trim();
    const saved = await submit.run(() =>
      monitoringApi.changeRelease(release.id, {
        commentaryZh: values.commentaryZh?.trim() ?? '',
        commentaryEn: values.commentaryEn?.trim() ?? '',
        ...(note ? { correctionNote: note } : {}),
        version: release.version,
      }),
    );
    if (saved) {
      void message.success(t('monitoring.release.saved'));
      onSaved();
    }
  };
  return (
    <Card size="small" title={t('monitoring.release.commentary')} data-testid="release-commentary-form">
      {submit.alert}
      <Form<CommentaryValues>
        form={form}
        layout="vertical"
        initialValues={{
          commentaryZh: release.commentaryZh,
          commentaryEn: release.commentaryEn,
          correctionNote: release.correctionNote ?? '',
        }}
        onFinish={(values) => void finish(values)}
      >
        <Form.Item name="commentaryZh" label={t('monitoring.release.commentaryZh')}>
          <Input.TextArea rows={5} maxLength={5000} showCount data-testid="commentary-zh" />
        </Form.Item>
        <Form.Item name="commentaryEn" label={t('monitoring.release.commentaryEn')}>
          <Input.TextArea rows={4} maxLength={8000} data-testid="commentary-en" />
        </Form.Item>
        {release.releaseVersion > 1 ? (
          <Form.Item name="correctionNote" label={t('monitoring.release.correctionNote')}>
            <Input.TextArea rows={2} maxLength={1000} data-testid="commentary-correction" />
          </Form.Item>
        ) : null}
        {release.releaseVersion > 1 ? <CorrectionNoteWarning /> : null}
        <Button
          type="primary"
          htmlType="submit"
          icon={<SaveOutlined />}
          loading={submit.saving}
          data-testid="commentary-save"
        >
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

/**
 * A correction beside the version it corrects (the period's latest published version before it), read-only: the
 * headline figure, the response rate, the commentary in both languages, and the note the correction publishes.
 */
function PreviousVersion({ release }: { release: Release }) {
  const { t, locale } = useI18n();
  const measureName = useMeasureName();
  const list = useApiQuery(
    monitoringQueries.releases({
      kind: release.kind,
      ...(release.surveyId !== null ? { surveyId: release.surveyId } : {}),
      state: 'published',
      pageSize: 200,
    }),
  );
  const previous = (list.data?.items ?? [])
    .filter(
      (r) =>
        r.period === release.period &&
        r.regionCode === release.regionCode &&
        r.releaseVersion < release.releaseVersion,
    )
    .sort((a, b) => b.releaseVersion - a.releaseVersion)[0];
  const rate = (r: Release) =>
    r.responseRate === null ? '—' : `${(Math.round(r.responseRate * 1000) / 10).toFixed(1)}%`;
  const rows = previous
    ? [
        {
          key: 'headline',
          what: release.headline ? measureName(release.headline.measure) : t('monitoring.release.headline'),
          before: previous.headline ? <FigureValue figure={previous.headline} /> : '—',
          now: release.headline ? <FigureValue figure={release.headline} /> : '—',
        },
        ...(release.kind === 'index'
          ? [
              {
                key: 'rate',
                what: t('monitoring.release.responseRate'),
                before: rate(previous),
                now: rate(release),
              },
            ]
          : []),
        {
          key: 'zh',
          what: t('monitoring.release.commentaryZh'),
          before: previous.commentaryZh || t('monitoring.release.noCommentary'),
          now: release.commentaryZh || t('monitoring.release.noCommentary'),
        },
        {
          key: 'en',
          what: t('monitoring.release.commentaryEn'),
          before: previous.commentaryEn || t('monitoring.release.noCommentary'),
          now: release.commentaryEn || t('monitoring.release.noCommentary'),
        },
      ]
    : [];
  return (
    <Card
      size="small"
      title={
        previous
          ? t('monitoring.release.compareTitle', {
              version: previous.releaseVersion,
              at: formatDateTime(previous.publishAt, locale),
            })
          : t('monitoring.release.compare')
      }
      data-testid="release-compare"
    >
      <LoadError error={list.error} onRetry={list.reload} />
      {list.data && !previous ? (
        <Typography.Text type="secondary">{t('monitoring.release.compareNone')}</Typography.Text>
      ) : null}
      {previous ? (
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={rows}
          onRow={(r) => ({ 'data-testid': 'release-compare-row', 'data-key': r.key }) as object}
          columns={[
            { title: t('monitoring.release.compareWhat'), dataIndex: 'what', width: 160 },
            {
              title: t('monitoring.release.compareBefore', { version: previous.releaseVersion }),
              dataIndex: 'before',
              render: (v: ReactNode) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>,
            },
            {
              title: t('monitoring.release.compareNow', { version: release.releaseVersion }),
              dataIndex: 'now',
              render: (v: ReactNode) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>,
            },
          ]}
        />
      ) : null}
    </Card>
  );
}

/**
 * A release's one-field form in a modal (scheduling, sending back): OK sends the field with the release's version;
 * the server's refusal of that field stands on it, any other above the form (`<name>-error`); the test ids are the
 * name's (`<name>-form`, `<name>-submit`).
 */
function ReleaseFieldModal<Values extends object>({
  form,
  field,
  name,
  title,
  okText,
  send,
  onClose,
  onDone,
  children,
}: {
  form: FormInstance<Values>;
  /** The one field the server's refusals are placed on. */
  field: keyof Values & string;
  name: 'schedule' | 'return';
  title: string;
  okText: string;
  send: (values: Values) => Promise<unknown>;
  onClose: () => void;
  onDone: () => void;
  children: ReactNode;
}) {
  const submit = useMonitoringSubmit(form, (path) => path.length === 1 && path[0] === field, {
    testId: `${name}-error`,
  });
  const finish = async (values: Values) => {
    const saved = await submit.run(() => send(values));
    if (saved) onDone();
  };
  return (
    <FormModal<Values>
      form={form}
      title={title}
      okText={okText}
      okTestId={`${name}-submit`}
      saving={submit.saving}
      onClose={onClose}
      onFinish={(values) => void finish(values)}
      testId={`${name}-form`}
    >
      {submit.alert}
      {children}
    </FormModal>
  );
}

/** When a release becomes public: a date and time not in the past, taken as China's. */
function ScheduleModal({
  release,
  onClose,
  onDone,
}: {
  release: Release;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{ publishAt: Dayjs }>();
  const chosen = Form.useWatch('publishAt', form);
  return (
    <ReleaseFieldModal<{ publishAt: Dayjs }>
      form={form}
      field="publishAt"
      name="schedule"
      title={t('monitoring.release.scheduleTitle')}
      okText={t('monitoring.release.schedule')}
      send={(values) =>
        monitoringApi.scheduleRelease(release.id, {
          publishAt: chinaInstant(values.publishAt),
          version: release.version,
        })
      }
      onClose={onClose}
      onDone={onDone}
    >
      <LowResponseAlert release={release} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('monitoring.release.scheduleIntro')}
      </Typography.Paragraph>
      <Form.Item
        name="publishAt"
        label={t('monitoring.release.publishAtChina')}
        rules={[
          { required: true, message: t('monitoring.form.required') },
          {
            validator: (_, value: Dayjs | undefined) =>
              !value || new Date(chinaInstant(value)).getTime() >= Date.now() - 60_000
                ? Promise.resolve()
                : Promise.reject(new Error(t('monitoring.release.notPast'))),
          },
        ]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          // A time typed is taken as typed (no OK to press, no past day disabled): a past one is refused as past
          // (notPast), not dropped as if nothing were typed and asked for again.
          needConfirm={false}
          allowClear={false}
          data-testid="schedule-at"
        />
      </Form.Item>
      <Button
        size="small"
        onClick={() => form.setFieldValue('publishAt', dayjs(dateTimeInChina(new Date())))}
        data-testid="schedule-now"
      >
        {t('monitoring.release.now')}
      </Button>
      {/* Nothing is chosen for the official: a time typed and not taken leaves the field empty, never a default. */}
      {chosen ? (
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="schedule-chosen">
          {t('monitoring.release.scheduleChosen', {
            at: formatDateTime(chinaInstant(chosen), locale, { labelled: true }),
          })}
        </Typography.Paragraph>
      ) : null}
    </ReleaseFieldModal>
  );
}

/** Sends a draft back to its author with what to change (the reviewer's alternative to reviewing it). */
function ReturnModal({
  release,
  onClose,
  onDone,
}: {
  release: Release;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <ReleaseFieldModal<{ comment: string }>
      form={form}
      field="comment"
      name="return"
      title={t('monitoring.release.returnTitle')}
      okText={t('monitoring.release.return')}
      send={(values) => monitoringApi.returnRelease(release.id, values.comment, release.version)}
      onClose={onClose}
      onDone={onDone}
    >
      <Typography.Paragraph type="secondary">{t('monitoring.release.returnIntro')}</Typography.Paragraph>
      <Form.Item
        name="comment"
        label={t('monitoring.release.returnComment')}
        rules={[
          { required: true, whitespace: true, message: t('monitoring.release.returnCommentRequired') },
          { max: 1000, message: t('monitoring.release.returnCommentLong') },
        ]}
      >
        <Input.TextArea rows={4} maxLength={1000} showCount data-testid="return-comment" />
      </Form.Item>
    </ReleaseFieldModal>
  );
}
