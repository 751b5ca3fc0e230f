/**
 * A survey's waves (issue 16): each with its period, the survey version it asks, the days it is open (and the
 * grace after the deadline, answers then flagged late), its state, the response rate and counts, the open flags
 * and its latest computation; each opens the wave's page. "开启调查轮次" opens a wave for a period (a month or a
 * quarter by the survey's frequency), its first and last day and the grace: it starts at the first period the
 * module takes without a wave yet (last period, this one, else the next from its first day); only last period, this
 * one and the next may be picked (the server's rule), not one with a wave; a period picked moves the first day to
 * one it may open on unless the official typed the days (kept, and checked); a first day after today is said to
 * tell the members on that day (the daily run), not at once.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  InputNumber,
  Progress,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { monitoringApi, monitoringQueries, type Survey, type WaveSummary } from '../../api/monitoring.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import {
  defaultWave,
  firstDayOf,
  formatPeriod,
  lastDayOf,
  openingDayFor,
  opensInPeriod,
  periodOfDate,
  wavePeriodsFrom,
} from './monitoringModel.ts';
import { useMonitoringSubmit, WaveStateTag } from './monitoringParts.tsx';

export function WavesTab({ survey }: { survey: Survey }) {
  const { t, locale } = useI18n();
  const waves = useApiQuery(monitoringQueries.waves(survey.id));
  const [opening, setOpening] = useState(false);
  const navigate = useNavigate();
  const columns: TableColumnsType<WaveSummary> = [
    {
      title: t('monitoring.wave.period'),
      dataIndex: 'period',
      width: 110,
      render: (period: string, w) => (
        <Link to={`/app/monitoring/surveys/${survey.id}/waves/${w.id}`} data-testid="wave-open">
          {formatPeriod(period, locale)}
        </Link>
      ),
    },
    {
      title: t('monitoring.survey.version'),
      dataIndex: 'surveyVersion',
      width: 70,
      render: (v: number) => t('monitoring.survey.versionN', { version: v }),
    },
    {
      title: t('monitoring.wave.dates'),
      key: 'dates',
      width: 230,
      render: (_, w) => (
        <Flex vertical gap={2}>
          <span>
            {formatDate(w.opensOn, locale)} – {formatDate(w.closesOn, locale)}
          </span>
          {w.graceDays > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('monitoring.wave.graceN', { days: w.graceDays })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('monitoring.wave.state'),
      dataIndex: 'state',
      width: 90,
      render: (_: WaveSummary['state'], wave: WaveSummary) => <WaveStateTag wave={wave} />,
    },
    { title: t('monitoring.wave.members'), dataIndex: 'members', width: 80, align: 'right' },
    {
      title: t('monitoring.wave.responseRate'),
      dataIndex: 'responseRate',
      width: 150,
      render: (rate: number) => <Progress percent={Math.round(rate * 1000) / 10} size="small" />,
    },
    {
      title: t('monitoring.wave.counts'),
      key: 'counts',
      width: 200,
      render: (_, w) => (
        <Space size={[4, 4]} wrap>
          <Tag color="blue">{t('monitoring.wave.submittedN', { n: w.counts.submitted })}</Tag>
          <Tag color="green">{t('monitoring.wave.acceptedN', { n: w.counts.accepted })}</Tag>
          {w.counts.returned > 0 ? (
            <Tag color="orange">{t('monitoring.wave.returnedN', { n: w.counts.returned })}</Tag>
          ) : null}
          {w.counts.openFlags > 0 ? (
            <Tag color="volcano">{t('monitoring.wave.openFlagsN', { n: w.counts.openFlags })}</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('monitoring.wave.latestRun'),
      dataIndex: 'latestRun',
      width: 170,
      render: (run: WaveSummary['latestRun']) =>
        run ? (
          <Typography.Text style={{ fontSize: 12 }}>
            {formatDateTime(run.computedAt, locale)} · {t('monitoring.run.responsesN', { n: run.responses })}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Card
      size="small"
      title={t('monitoring.wave.listTitle')}
      styles={{ body: { padding: 0 } }}
      extra={
        <Space>
          <ReloadButton query={waves} />
          {survey.canEdit ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setOpening(true)}
              // The form starts at a period without a wave: it waits for the list of waves.
              disabled={!waves.data}
              data-testid="wave-new"
            >
              {t('monitoring.wave.new')}
            </Button>
          ) : null}
        </Space>
      }
      data-testid="waves-tab"
    >
      <LoadError error={waves.error} onRetry={waves.reload} style={{ margin: 16 }} />
      <Table<WaveSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={waves.data?.items ?? []}
        loading={waves.loading}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: waves.loading ? ' ' : t('monitoring.wave.empty') }}
        onRow={(w) =>
          ({ 'data-testid': 'wave-row', 'data-period': w.period, 'data-state': w.state }) as object
        }
      />
      {opening ? (
        <WaveModal
          survey={survey}
          taken={(waves.data?.items ?? []).map((w) => w.period)}
          onClose={() => setOpening(false)}
          onDone={(id) => {
            setOpening(false);
            navigate(`/app/monitoring/surveys/${survey.id}/waves/${id}`);
          }}
        />
      ) : null}
    </Card>
  );
}

interface WaveValues {
  period: Dayjs;
  opensOn: Dayjs;
  closesOn: Dayjs;
  graceDays: number;
}

/** Opens a wave: its period, first and last day, and grace. */
function WaveModal({
  survey,
  taken,
  onClose,
  onDone,
}: {
  survey: Survey;
  /** The periods that have a wave already. */
  taken: readonly string[];
  onClose: () => void;
  onDone: (id: number) => void;
}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<WaveValues>();
  const fields = ['period', 'opensOn', 'closesOn', 'graceDays'];
  const submit = useMonitoringSubmit(form, (path) => path.length === 1 && fields.includes(String(path[0])), {
    testId: 'wave-error',
  });
  const quarterly = survey.frequency === 'quarterly';
  const todayText = todayInChina();
  const start = defaultWave(todayText, survey.frequency, taken);
  const periodOf = (value: Dayjs) => periodOfDate(value.format('YYYY-MM-DD'), survey.frequency);
  /** The periods the server takes a wave for (waveDateErrors): last period, this one and the next. */
  const offered = wavePeriodsFrom(todayText, survey.frequency);
  const lastOpeningDay = lastDayOf(offered[offered.length - 1] ?? '');
  /** A period with a wave, or not one of those, is not offered. */
  const unavailable = (value: Dayjs) => taken.includes(periodOf(value)) || !offered.includes(periodOf(value));
  /**
   * A period picked: a first day it may not open on moves to one it may (the deadline with it) — unless the official
   * typed the days: those are kept, and the form says when they do not fit.
   */
  const periodPicked = (value: Dayjs | null) => {
    if (!value) return;
    if (form.isFieldTouched('opensOn') || form.isFieldTouched('closesOn')) {
      void form.validateFields(['opensOn']).catch(() => undefined);
      return;
    }
    const period = periodOf(value);
    const opens = form.getFieldValue('opensOn') as Dayjs | undefined;
    if (opens && opensInPeriod(period, opens.format('YYYY-MM-DD'), survey.frequency)) return;
    const day = openingDayFor(period, todayText, survey.frequency);
    if (day === null) return;
    const closes = form.getFieldValue('closesOn') as Dayjs | undefined;
    const span = opens && closes ? Math.max(closes.diff(opens, 'day'), 0) : 14;
    form.setFieldsValue({ opensOn: dayjs(day), closesOn: dayjs(day).add(span, 'day') });
  };
  const opensOn = Form.useWatch('opensOn', form) as Dayjs | undefined;
  const opensLater = opensOn ? opensOn.format('YYYY-MM-DD') > todayText : false;
  const finish = async (values: WaveValues) => {
    const wave = await submit.run(() =>
      monitoringApi.openWave(survey.id, {
        period: periodOfDate(values.period.format('YYYY-MM-DD'), survey.frequency),
        opensOn: values.opensOn.format('YYYY-MM-DD'),
        closesOn: values.closesOn.format('YYYY-MM-DD'),
        graceDays: values.graceDays,
      }),
    );
    if (wave) {
      void message.success(t('monitoring.wave.opened'));
      onDone(wave.id);
    }
  };
  return (
    <FormModal<WaveValues>
      form={form}
      title={t('monitoring.wave.new')}
      okText={t('monitoring.wave.open')}
      okTestId="wave-submit"
      saving={submit.saving}
      onClose={onClose}
      initialValues={{
        period: dayjs(firstDayOf(start.period)),
        opensOn: dayjs(start.opensOn),
        closesOn: dayjs(start.opensOn).add(14, 'day'),
        graceDays: 3,
      }}
      onFinish={(values) => void finish(values)}
      testId="wave-form"
    >
      {submit.alert}
      <Form.Item
        name="period"
        label={t(quarterly ? 'monitoring.wave.quarter' : 'monitoring.wave.month')}
        rules={[{ required: true, message: t('monitoring.form.required') }]}
      >
        <DatePicker
          picker={quarterly ? 'quarter' : 'month'}
          format={(value) => formatPeriodOf(value, quarterly)}
          allowClear={false}
          disabledDate={unavailable}
          onChange={periodPicked}
          data-testid="wave-period"
        />
      </Form.Item>
      <Form.Item
        name="opensOn"
        label={t('monitoring.wave.opensOn')}
        extra={t('monitoring.wave.opensInPeriod')}
        dependencies={['period']}
        rules={[
          { required: true, message: t('monitoring.form.required') },
          ({ getFieldValue }) => ({
            validator: (_, value: Dayjs | undefined) => {
              const period = getFieldValue('period') as Dayjs | undefined;
              return !value ||
                !period ||
                opensInPeriod(periodOf(period), value.format('YYYY-MM-DD'), survey.frequency)
                ? Promise.resolve()
                : Promise.reject(new Error(t('monitoring.wave.opensOutsidePeriod')));
            },
          }),
          {
            // A day typed after the next period is told as such (not dropped as a disabled day would be).
            validator: (_, value: Dayjs | undefined) =>
              !value || value.format('YYYY-MM-DD') <= lastOpeningDay
                ? Promise.resolve()
                : Promise.reject(
                    new Error(
                      t('monitoring.wave.opensTooLate', { date: formatDate(lastOpeningDay, locale) }),
                    ),
                  ),
          },
        ]}
      >
        <DatePicker allowClear={false} data-testid="wave-opens" />
      </Form.Item>
      <Form.Item
        name="closesOn"
        label={t('monitoring.wave.closesOn')}
        dependencies={['opensOn']}
        rules={[
          { required: true, message: t('monitoring.form.required') },
          ({ getFieldValue }) => ({
            validator: (_, value: Dayjs | undefined) => {
              const opens = getFieldValue('opensOn') as Dayjs | undefined;
              return !value || !opens || !value.isBefore(opens, 'day')
                ? Promise.resolve()
                : Promise.reject(new Error(t('monitoring.wave.closesBeforeOpens')));
            },
          }),
        ]}
      >
        <DatePicker allowClear={false} data-testid="wave-closes" />
      </Form.Item>
      <Form.Item name="graceDays" label={t('monitoring.wave.grace')} extra={t('monitoring.wave.graceHelp')}>
        <InputNumber<number> min={0} max={30} precision={0} data-testid="wave-grace" />
      </Form.Item>
      <Alert
        type="info"
        showIcon
        title={
          opensLater && opensOn
            ? t('monitoring.wave.toldOnOpening', { date: formatDate(opensOn.format('YYYY-MM-DD'), locale) })
            : t('monitoring.wave.toldAtOnce')
        }
        data-testid="wave-told"
      />
    </FormModal>
  );
}

/** A picked month or quarter as the period it stands for ('2026-03', '2026-Q1'). */
function formatPeriodOf(value: Dayjs, quarterly: boolean): string {
  return periodOfDate(value.format('YYYY-MM-DD'), quarterly ? 'quarterly' : 'monthly');
}
