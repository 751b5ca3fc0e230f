/**
 * A new release of an index or of the registry's monthly statistics (issue 16): from a computation (a run; given, or
 * chosen by survey and wave) or a counted month (chosen among the registry's runs), with its commentary in Chinese
 * and English, and — when the period already has a release — the note saying what the
 * correction changes (the server names it when it is needed). The release starts as a draft another official
 * reviews.
 */
import { Alert, Form, Input, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { monitoringApi, monitoringQueries, type Release, type ReleaseKind } from '../../api/monitoring.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { formatCount, formatPeriod, sharePercent } from './monitoringModel.ts';
import { SurveyRegion, useMonitoringSubmit } from './monitoringParts.tsx';

interface ReleaseValues {
  surveyId?: number;
  runId?: number;
  commentaryZh: string;
  commentaryEn: string;
  correctionNote: string;
}

const FIELDS = ['runId', 'commentaryZh', 'commentaryEn', 'correctionNote'];

export function ReleaseModal({
  runId,
  coverage,
  onClose,
  onDone,
}: {
  /** The computation released; when not given the official chooses a survey and one of its waves' runs. */
  runId?: number;
  /** The given computation's responses and its wave's panel (an index's; none for the registry's counts). */
  coverage?: { responses: number; members: number; lowRate?: number };
  onClose: () => void;
  onDone: (release: Release) => void;
}) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<ReleaseValues>();
  const submit = useMonitoringSubmit(form, (path) => path.length === 1 && FIELDS.includes(String(path[0])), {
    testId: 'release-form-error',
  });
  const [surveyId, setSurveyId] = useState<number | undefined>();
  const [kind, setKind] = useState<ReleaseKind>('index');
  const surveys = useApiQuery({
    ...monitoringQueries.surveys({ pageSize: 100 }),
    enabled: runId === undefined && kind === 'index',
  });
  const registryRuns = useApiQuery({
    ...monitoringQueries.registryRuns({ pageSize: 100 }),
    enabled: runId === undefined && kind === 'registry',
  });
  const waves = useApiQuery({
    ...monitoringQueries.waves(surveyId ?? 0),
    enabled: runId === undefined && surveyId !== undefined,
  });
  const chosenRun = Form.useWatch('runId', form);
  const chosenWave = (waves.data?.items ?? []).find(
    (w) => w.latestRun !== null && w.latestRun.id === chosenRun,
  );
  const shown =
    coverage ??
    (kind === 'index' && chosenWave?.latestRun
      ? {
          responses: chosenWave.latestRun.responses,
          members: chosenWave.members,
          lowRate: chosenWave.lowResponseRate,
        }
      : undefined);
  const low =
    shown !== undefined &&
    shown.lowRate !== undefined &&
    shown.members > 0 &&
    shown.responses / shown.members < shown.lowRate;
  const finish = async (values: ReleaseValues) => {
    const run = runId ?? values.runId;
    if (run === undefined) return;
    const zh = values.commentaryZh?.trim();
    const en = values.commentaryEn?.trim();
    const note = values.correctionNote?.trim();
    const release = await submit.run(() =>
      monitoringApi.createRelease({
        runId: run,
        ...(zh ? { commentaryZh: zh } : {}),
        ...(en ? { commentaryEn: en } : {}),
        ...(note ? { correctionNote: note } : {}),
      }),
    );
    if (release) onDone(release);
  };
  return (
    <FormModal<ReleaseValues>
      form={form}
      title={t('monitoring.release.new')}
      okText={t('monitoring.release.create')}
      okTestId="release-create-submit"
      saving={submit.saving}
      width={720}
      onClose={onClose}
      initialValues={{ commentaryZh: '', commentaryEn: '', correctionNote: '' }}
      onFinish={(values) => void finish(values)}
      testId="release-form"
    >
      {submit.alert}
      <Typography.Paragraph type="secondary">{t('monitoring.release.newIntro')}</Typography.Paragraph>
      {runId === undefined ? (
        <Form.Item label={t('monitoring.release.kind')}>
          <Radio.Group
            optionType="button"
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as ReleaseKind);
              form.setFieldValue('runId', undefined);
            }}
            options={(['index', 'registry'] as const).map((k) => ({
              value: k,
              label: t(`monitoring.releaseKind.${k}`),
            }))}
            data-testid="release-kind"
          />
        </Form.Item>
      ) : null}
      {runId === undefined && kind === 'registry' ? (
        <Form.Item
          name="runId"
          label={t('monitoring.release.registryRun')}
          rules={[{ required: true, message: t('monitoring.form.required') }]}
          extra={t('monitoring.release.registryRunHelp')}
        >
          <Select<number>
            loading={registryRuns.loading}
            options={(registryRuns.data?.items ?? []).map((r) => ({
              value: r.id,
              label: (
                <span>
                  {formatPeriod(r.period, locale)} · <SurveyRegion code={r.regionCode} /> ·{' '}
                  {t('monitoring.registry.enterprisesN', { n: formatCount(String(r.enterprises)) })}
                  {r.released ? ` · ${t('monitoring.registry.released')}` : ''}
                </span>
              ),
            }))}
            data-testid="release-registry-run"
          />
        </Form.Item>
      ) : null}
      {runId === undefined && kind === 'index' ? (
        <>
          <Form.Item
            name="surveyId"
            label={t('monitoring.release.survey')}
            rules={[{ required: true, message: t('monitoring.form.required') }]}
          >
            <Select<number>
              showSearch={{ optionFilterProp: 'label' }}
              loading={surveys.loading}
              onChange={(id) => {
                setSurveyId(id);
                form.setFieldValue('runId', undefined);
              }}
              options={(surveys.data?.items ?? []).map((s) => ({
                value: s.id,
                label: `${locale === 'en' ? s.nameEn || s.nameZh : s.nameZh} (${s.code})`,
              }))}
              data-testid="release-survey"
            />
          </Form.Item>
          <Form.Item
            name="runId"
            label={t('monitoring.release.run')}
            rules={[{ required: true, message: t('monitoring.form.required') }]}
            extra={t('monitoring.release.runHelp')}
          >
            <Select<number>
              loading={waves.loading}
              disabled={surveyId === undefined}
              options={(waves.data?.items ?? [])
                .filter((w) => w.latestRun !== null)
                .map((w) => ({
                  value: w.latestRun?.id ?? 0,
                  label: `${formatPeriod(w.period, locale)} · ${formatDateTime(w.latestRun?.computedAt, locale)} · ${t(
                    'monitoring.run.responsesN',
                    { n: w.latestRun?.responses ?? 0 },
                  )}`,
                }))}
              data-testid="release-run"
            />
          </Form.Item>
        </>
      ) : null}
      {shown && shown.members > 0 ? (
        <Alert
          type={low ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="release-coverage"
          title={t('monitoring.release.coverage', {
            rate: sharePercent(shown.responses / shown.members),
            responses: shown.responses,
            members: shown.members,
          })}
          description={
            low && shown.lowRate !== undefined
              ? t('monitoring.release.lowResponseTitle', {
                  rate: sharePercent(shown.responses / shown.members),
                  threshold: sharePercent(shown.lowRate),
                })
              : t('monitoring.release.coverageHelp')
          }
        />
      ) : null}
      <Form.Item name="commentaryZh" label={t('monitoring.release.commentaryZh')}>
        <Input.TextArea rows={5} maxLength={5000} showCount data-testid="release-commentary-zh" />
      </Form.Item>
      <Form.Item name="commentaryEn" label={t('monitoring.release.commentaryEn')}>
        <Input.TextArea rows={4} maxLength={8000} data-testid="release-commentary-en" />
      </Form.Item>
      <Form.Item
        name="correctionNote"
        label={t('monitoring.release.correctionNote')}
        extra={t('monitoring.release.correctionHelp')}
      >
        <Input.TextArea rows={2} maxLength={1000} data-testid="release-correction" />
      </Form.Item>
      <CorrectionNoteWarning />
    </FormModal>
  );
}

/**
 * The correction note is published as typed, on the public pages and in the downloads: the official is told not to
 * name an enterprise or a person in it (the anonymised answers behind a figure stay anonymous).
 */
export function CorrectionNoteWarning() {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      title={t('monitoring.release.correctionPublic')}
      style={{ marginBottom: 16 }}
      data-testid="correction-public-warning"
    />
  );
}
