/**
 * `/app/procurement/reports/:id`: one version of a body's annual report, as its buyer and the supervising officials
 * see it. A draft is the preview: its commentary (Chinese, English optional) and, for a correction, the note saying
 * what changed are written here; saving takes the year's figures afresh; publishing makes it public and fixed (the
 * server refuses it when the figures changed since the draft was saved: save again, look, then publish). A published
 * version offers a correction — a new draft with its note — and its public page. Every version of the year is listed.
 */
import { CheckCircleOutlined, EditOutlined, ExportOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { ApiError } from '../../api/client.ts';
import { type Report, reportApi, reportPath, reportQueries } from '../../api/procurementReports.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { BodyNotRegistered, DetailHeading, isBodyMissing } from './procurementParts.tsx';
import { ReportStateTag } from './ReportsPage.tsx';
import { ReportView } from './ReportView.tsx';
import { versionStanding, versionState } from './reportModel.ts';

export default function ReportPage() {
  const { id } = useParams();
  const { user } = useSession();
  const reportId = Number(id);
  const valid = Number.isSafeInteger(reportId) && reportId > 0;
  const report = useApiQuery({ ...reportQueries.report(valid ? reportId : 0), enabled: valid });
  if (!valid) return <ErrorResult error={new ApiError(404, 'NOT_FOUND', String(id))} />;
  if (isBodyMissing(report.error, user)) return <BodyNotRegistered error={report.error} />;
  if (report.error && !report.data) return <ErrorResult error={report.error} onRetry={report.reload} />;
  if (!report.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  return <ReportDetail report={report.data} reload={report.reload} />;
}

interface DraftValues {
  commentaryZh?: string;
  commentaryEn?: string;
  correctionNote?: string;
}

const DRAFT_FIELDS = ['commentaryZh', 'commentaryEn', 'correctionNote'] as const;

function ReportDetail({ report, reload }: { report: Report; reload: () => void }) {
  const { t, locale } = useI18n();
  const { modal, message } = AntApp.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<DraftValues>();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const draft = report.state === 'draft';
  const standing = versionStanding(report.id, report.versions);

  useEffect(() => {
    form.setFieldsValue({
      commentaryZh: report.commentaryZh,
      commentaryEn: report.commentaryEn,
      correctionNote: report.correctionNote ?? undefined,
    });
  }, [form, report]);

  const saveDraft = async (values: DraftValues) => {
    setSaving(true);
    setProblem(null);
    try {
      await reportApi.save(report.id, {
        commentaryZh: values.commentaryZh ?? '',
        commentaryEn: values.commentaryEn ?? '',
        ...(report.reportVersion > 1 ? { correctionNote: values.correctionNote ?? '' } : {}),
        version: report.version,
      });
      void message.success(t('proc.report.saved'));
    } catch (error) {
      const rest = applyFieldErrors(form, error, DRAFT_FIELDS);
      setProblem(rest.length > 0 ? rest.join('；') : error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
      reload();
    }
  };

  const publish = () =>
    modal.confirm({
      title: t('proc.report.publishTitle', { year: report.year, version: report.reportVersion }),
      content: (
        <Flex vertical gap="small">
          {Number(todayInChina().slice(0, 4)) <= report.year ? (
            <Alert
              type="warning"
              showIcon
              data-testid="report-publish-year-running"
              title={t('proc.report.publishYearRunning', {
                year: report.year,
                from: `${report.year + 1}-01-01`,
              })}
            />
          ) : null}
          {t(report.reportVersion > 1 ? 'proc.report.publishCorrectionText' : 'proc.report.publishText')}
        </Flex>
      ),
      okText: t('proc.report.publish'),
      okButtonProps: { 'data-testid': 'report-publish-ok' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        setProblem(null);
        try {
          // What is typed and not yet saved is saved first: publishing publishes what the buyer sees.
          const values = form.getFieldsValue();
          const typed = {
            commentaryZh: values.commentaryZh ?? '',
            commentaryEn: values.commentaryEn ?? '',
            ...(report.reportVersion > 1 ? { correctionNote: values.correctionNote ?? '' } : {}),
          };
          const unsaved =
            typed.commentaryZh !== report.commentaryZh ||
            typed.commentaryEn !== report.commentaryEn ||
            (report.reportVersion > 1 && typed.correctionNote !== (report.correctionNote ?? ''));
          const version = unsaved
            ? (await reportApi.save(report.id, { ...typed, version: report.version })).version
            : report.version;
          await reportApi.publish(report.id, version);
          void message.success(t('proc.report.publishedDone'));
        } catch (error) {
          const rest = applyFieldErrors(form, error, DRAFT_FIELDS);
          setProblem(
            rest.length > 0 ? rest.join('；') : error instanceof Error ? error.message : String(error),
          );
        } finally {
          reload();
        }
      },
    });

  return (
    <Flex
      vertical
      gap={16}
      data-testid="report-page"
      data-state={report.state}
      data-version={report.reportVersion}
    >
      <DetailHeading
        back={`/app/procurement/reports?year=${report.year}`}
        backText={t('proc.reports.title')}
        title={t('proc.report.title', { name: report.bodyName, year: report.year })}
        extra={
          <Space wrap>
            <Tag data-testid="report-version">
              {t('proc.report.version', { version: report.reportVersion })}
            </Tag>
            <ReportStateTag
              state={versionState(report, report.versions)}
              current={standing.latest ?? undefined}
            />
            {report.state === 'published' && !standing.isSuperseded ? (
              <Link to={reportPath(report.id, 'public')} target="_blank" data-testid="report-public-page">
                <ExportOutlined /> {t('proc.report.publicPage')}
              </Link>
            ) : null}
          </Space>
        }
      />
      <Typography.Text type="secondary">
        <RegionName code={report.regionCode} full /> ·{' '}
        {report.publishedAt
          ? t('proc.report.publishedAt', {
              date: formatDateTime(report.publishedAt, locale),
              who: t(`role.${report.publishedByRole ?? 'buyer'}` as 'role.buyer'),
            })
          : t('proc.report.generatedAt', {
              date: formatDateTime(report.generatedAt, locale),
              who: t(`role.${report.generatedByRole ?? 'buyer'}` as 'role.buyer'),
            })}
      </Typography.Text>
      {standing.isSuperseded && standing.latest ? (
        <Alert
          type="warning"
          showIcon
          data-testid="report-superseded"
          title={t('proc.report.superseded', { version: standing.latest.reportVersion })}
          action={<Link to={reportPath(standing.latest.id, 'staff')}>{t('proc.report.openLatest')}</Link>}
        />
      ) : null}
      {report.correctionNote ? (
        <Alert
          type="info"
          showIcon
          title={t('proc.report.correctionOf', { version: report.reportVersion })}
          description={report.correctionNote}
          data-testid="report-correction-note"
        />
      ) : null}
      {problem ? (
        <Alert
          type="error"
          showIcon
          title={problem}
          data-testid="report-problem"
          closable
          onClose={() => setProblem(null)}
        />
      ) : null}
      {draft ? (
        <Card size="small" title={t('proc.report.draftTitle')} data-testid="report-draft-form">
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('proc.report.draftHelp')} />
          <Form<DraftValues> form={form} layout="vertical" onFinish={(values) => void saveDraft(values)}>
            {report.reportVersion > 1 ? (
              <Form.Item
                name="correctionNote"
                label={t('proc.report.correctionNote')}
                extra={t('proc.report.correctionNoteHelp')}
                rules={[
                  { required: true, whitespace: true, message: t('proc.report.correctionNoteRequired') },
                ]}
              >
                <Input.TextArea rows={2} maxLength={1000} showCount data-testid="report-correction-input" />
              </Form.Item>
            ) : null}
            <Form.Item
              name="commentaryZh"
              label={t('proc.report.commentaryZh')}
              extra={t('proc.report.commentaryZhHelp')}
            >
              <Input.TextArea rows={5} maxLength={5000} showCount data-testid="report-commentary-zh" />
            </Form.Item>
            <Form.Item name="commentaryEn" label={t('proc.report.commentaryEn')}>
              <Input.TextArea rows={3} maxLength={5000} showCount data-testid="report-commentary-en" />
            </Form.Item>
            <Space wrap>
              <Button htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="report-save">
                {t('proc.report.save')}
              </Button>
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                onClick={publish}
                disabled={saving}
                data-testid="report-publish"
              >
                {t('proc.report.publish')}
              </Button>
            </Space>
          </Form>
        </Card>
      ) : standing.draft ? (
        <Alert
          type="info"
          showIcon
          title={t('proc.report.correctionInMaking', { version: standing.draft.reportVersion })}
          action={
            <Link to={reportPath(standing.draft.id, 'staff')} data-testid="report-open-draft">
              {t('proc.report.openDraft')}
            </Link>
          }
        />
      ) : (
        <Flex gap={8} wrap>
          <Button icon={<EditOutlined />} onClick={() => setCorrecting(true)} data-testid="report-correct">
            {t('proc.report.correct')}
          </Button>
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
            {t('proc.report.correctHelp')}
          </Typography.Text>
        </Flex>
      )}
      <Typography.Title level={4} style={{ margin: 0 }}>
        {draft ? t('proc.report.preview') : t('proc.report.asPublished')}
      </Typography.Title>
      <ReportView
        figures={report.figures}
        commentaryZh={report.commentaryZh}
        commentaryEn={report.commentaryEn}
        takenAt={report.publishedAt ?? report.generatedAt}
      />
      <Card size="small" title={t('proc.report.versions')}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={report.versions}
          scroll={{ x: 650 }}
          data-testid="report-versions"
          onRow={(v) => ({ 'data-testid': 'report-version-row', 'data-version': v.reportVersion }) as never}
          columns={[
            {
              title: t('proc.report.versionColumn'),
              key: 'version',
              width: 120,
              render: (_, v) =>
                v.id === report.id ? (
                  <strong>{t('proc.report.version', { version: v.reportVersion })}</strong>
                ) : (
                  <Link to={reportPath(v.id, 'staff')}>
                    {t('proc.report.version', { version: v.reportVersion })}
                  </Link>
                ),
            },
            {
              title: t('proc.reports.stateColumn'),
              key: 'state',
              width: 110,
              render: (_, v) => (
                <ReportStateTag
                  state={versionState(v, report.versions)}
                  current={standing.latest ?? undefined}
                />
              ),
            },
            {
              title: t('proc.reports.published'),
              key: 'published',
              width: 200,
              render: (_, v) => formatDateTime(v.publishedAt, locale),
            },
            {
              title: t('proc.report.correctionNote'),
              dataIndex: 'correctionNote',
              width: 220,
              render: (note: string | null) => note ?? '—',
            },
          ]}
        />
      </Card>
      {correcting ? (
        <CorrectionModal
          report={report}
          onClose={() => setCorrecting(false)}
          onDone={(id) => {
            setCorrecting(false);
            navigate(reportPath(id, 'staff'));
          }}
        />
      ) : null}
    </Flex>
  );
}

interface CorrectionValues {
  correctionNote?: string;
}

/** A correction of a published report: a new draft of the next version, with the note saying what it changes. */
function CorrectionModal({
  report,
  onClose,
  onDone,
}: {
  report: Report;
  onClose: () => void;
  onDone: (id: number) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<CorrectionValues>();
  const [saving, setSaving] = useState(false);
  const { user } = useSession();
  const onFinish = async (values: CorrectionValues) => {
    setSaving(true);
    try {
      const draft = await reportApi.generate({
        year: report.year,
        ...(user?.role === 'buyer' ? {} : { bodyId: report.bodyId }),
        commentaryZh: report.commentaryZh,
        commentaryEn: report.commentaryEn,
        correctionNote: values.correctionNote ?? '',
      });
      onDone(draft.id);
    } catch (error) {
      // The note's own problem on the note; anything else (another year's draft, the scope) under it too.
      const rest = applyFieldErrors(form, error, ['correctionNote']);
      const onNote = error instanceof ApiError && error.errors.some((e) => e.field === 'correctionNote');
      if (!onNote)
        form.setFields([
          {
            name: 'correctionNote',
            errors: [rest.join('；') || (error instanceof Error ? error.message : String(error))],
          },
        ]);
    } finally {
      setSaving(false);
    }
  };
  return (
    <FormModal<CorrectionValues>
      form={form}
      title={t('proc.report.correctTitle', { year: report.year, version: report.reportVersion + 1 })}
      okText={t('proc.report.correctStart')}
      okTestId="report-correct-ok"
      saving={saving}
      onClose={onClose}
      onFinish={(values) => void onFinish(values)}
      testId="report-correct-form"
    >
      <Typography.Paragraph type="secondary">{t('proc.report.correctText')}</Typography.Paragraph>
      <Form.Item
        name="correctionNote"
        label={t('proc.report.correctionNote')}
        rules={[{ required: true, whitespace: true, message: t('proc.report.correctionNoteRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount data-testid="report-correct-note" />
      </Form.Item>
    </FormModal>
  );
}
