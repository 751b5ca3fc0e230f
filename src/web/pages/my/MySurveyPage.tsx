/**
 * `/app/my/surveys/:waveId` (an enterprise; the address an inbox notice of a survey links to): one questionnaire
 * of a monitoring survey (issue 16). At the top the statistician's question when the answers were sent back, the
 * deadline (and the grace after it, answers then marked late) or that answers are no longer taken. Each question
 * as its kind asks: a three-level answer as buttons (增加/持平/减少; 好转/一般/恶化 for a judgement; 延长/持平/缩短
 * for a supplier delivery time), a number with its unit (in English too) and range, a choice, a text; the enterprise's answer of the last wave beside it. "保存草稿" keeps
 * the answers without checking that every required question is answered; "提交" checks and submits. The server's
 * errors land on the question they name. Laid out for a phone as well (one column, the buttons full width).
 */
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Flex,
  Form,
  Grid,
  Input,
  Radio,
  Skeleton,
  Space,
  Typography,
} from 'antd';
import { type ReactNode, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { ANSWER_LEVELS } from '../../../reference/monitoring.ts';
import { todayInChina } from '../../../shared/today.ts';
import { ApiError } from '../../api/client.ts';
import {
  type AnswerInput,
  type MySurvey,
  monitoringApi,
  monitoringQueries,
  type Question,
} from '../../api/monitoring.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { refusedQuery, useApiQuery } from '../../lib/queries.ts';
import {
  type AnswerValues,
  answerField,
  answersInput,
  answerValues,
  type FieldPath,
  firstQuestionWithError,
  formatPeriod,
  inQuestionnaireOrder,
  levelWords,
  numberProblem,
  unitName,
  withUnit,
} from '../monitoring/monitoringModel.ts';
import {
  AnswerShown,
  DetailHeading,
  MyWaveTag,
  ResponseStateTag,
  useMonitoringSubmit,
} from '../monitoring/monitoringParts.tsx';

export default function MySurveyPage() {
  const { t, locale } = useI18n();
  const params = useParams();
  const waveId = Number(params.waveId);
  const valid = Number.isSafeInteger(waveId) && waveId > 0;
  const survey = useApiQuery<MySurvey>(
    valid
      ? { ...monitoringQueries.mySurvey(waveId), retry: false }
      : refusedQuery(
          ['my-survey', params.waveId],
          new ApiError(404, 'NOT_FOUND', t('error.notFoundRecord.title')),
        ),
  );
  const data = survey.data;
  return (
    <Flex vertical gap={16} data-testid="my-survey-page" style={{ maxWidth: 880 }}>
      <DetailHeading
        back="/app/my/surveys"
        backText={t('monitoring.my.back')}
        title={
          data
            ? locale === 'en'
              ? data.surveyNameEn || data.surveyName
              : data.surveyName
            : t('monitoring.my.form')
        }
      />
      {survey.loading ? <Skeleton active /> : null}
      <LoadError error={survey.error} onRetry={survey.reload} />
      {data ? (
        <Questionnaire key={`${data.waveId}-${data.version}`} survey={data} onSaved={survey.reload} />
      ) : null}
    </Flex>
  );
}

/** The questionnaire's form. */
function Questionnaire({ survey, onSaved }: { survey: MySurvey; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const screens = Grid.useBreakpoint();
  const phone = screens.sm === false;
  const [form] = Form.useForm<AnswerValues>();
  // What was sent last, read when the server's refusal comes back (a ref: the refusal is read in the same call).
  const sent = useRef<AnswerInput[]>([]);
  const editable = survey.open && survey.state !== 'accepted';
  const fieldOf = (code: string) =>
    survey.questions.some((q) => q.code === code) ? answerField(code) : null;
  /** A server's field error on the question it names: by the answer's place in what was sent, or by its code. */
  const rename = (path: FieldPath): FieldPath => {
    if (path[0] !== 'answers') return path;
    const at = path[1];
    const code =
      typeof at === 'number' ? sent.current[at]?.questionCode : typeof at === 'string' ? at : undefined;
    const field = code ? fieldOf(code) : null;
    return field ? [field] : path;
  };
  const submit = useMonitoringSubmit(form, (path) => path.length === 1 && String(path[0]).startsWith('a_'), {
    rename,
    testId: 'my-survey-error',
  });
  const [action, setAction] = useState<'save' | 'submit' | null>(null);
  const previousOf = (code: string) => survey.previous.find((a) => a.questionCode === code) ?? null;

  /** A submit refused (by the form's rules or the server) leads to the first question with an error. */
  const toFirstError = () => {
    const code = firstQuestionWithError(survey.questions, form.getFieldsError());
    if (!code) return;
    const card = document.querySelector(`[data-testid="my-question"][data-code="${CSS.escape(code)}"]`);
    card?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  };
  const send = async (kind: 'save' | 'submit') => {
    setAction(kind);
    try {
      const typedNumbers = survey.questions
        .filter((q) => q.kind === 'number' && form.getFieldValue(answerField(q.code)))
        .map((q) => answerField(q.code));
      try {
        if (kind === 'submit') await form.validateFields();
        else await form.validateFields(typedNumbers);
      } catch {
        void message.warning(t('monitoring.my.fixFirst'));
        toFirstError();
        return;
      }
      const answers = answersInput(survey.questions, form.getFieldsValue());
      sent.current = answers;
      const body = { answers, version: survey.version };
      const saved = await submit.run(() =>
        kind === 'submit'
          ? monitoringApi.submitMySurvey(survey.waveId, body)
          : monitoringApi.saveMySurvey(survey.waveId, body),
      );
      if (saved) {
        void message.success(t(kind === 'submit' ? 'monitoring.my.submitted' : 'monitoring.my.saved'));
        onSaved();
      } else toFirstError();
    } finally {
      setAction(null);
    }
  };

  return (
    <Flex vertical gap={16}>
      {survey.state === 'returned' && survey.returnedQuestion ? (
        <Alert
          type="warning"
          showIcon
          title={t('monitoring.my.returned')}
          description={
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{survey.returnedQuestion}</Typography.Text>
          }
          data-testid="my-survey-returned"
        />
      ) : null}
      <Card size="small">
        <Flex vertical gap={6}>
          <Space wrap size={[8, 4]}>
            <Typography.Text strong>{formatPeriod(survey.period, locale)}</Typography.Text>
            <ResponseStateTag state={survey.state} />
            <MyWaveTag row={survey} />
          </Space>
          <Typography.Text data-testid="my-survey-deadline">
            {t('monitoring.my.deadline', { date: formatDate(survey.closesOn, locale) })}
            {survey.graceDays > 0 ? ` ${t('monitoring.my.grace', { days: survey.graceDays })}` : ''}
          </Typography.Text>
          {survey.submittedAt ? (
            <Typography.Text type="secondary">
              {t('monitoring.my.submittedAt', {
                at: formatDateTime(survey.submittedAt, locale, { labelled: true }),
              })}
            </Typography.Text>
          ) : null}
          {survey.previousPeriod ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('monitoring.my.previousNote', { period: formatPeriod(survey.previousPeriod, locale) })}
            </Typography.Text>
          ) : null}
        </Flex>
      </Card>
      {!survey.open ? (
        <Alert
          type="info"
          showIcon
          title={
            survey.waveState === 'open' && todayInChina() < survey.opensOn
              ? t('monitoring.my.notYetOpen', { date: formatDate(survey.opensOn, locale) })
              : survey.closedEarlyOn
                ? t('monitoring.my.notOpenEarly', { date: formatDate(survey.closedEarlyOn, locale) })
                : t('monitoring.my.notOpen')
          }
          data-testid="my-survey-not-open"
        />
      ) : survey.state === 'accepted' ? (
        <Alert type="success" showIcon title={t('monitoring.my.acceptedNote')} />
      ) : survey.state === 'submitted' ? (
        <Alert
          type="success"
          showIcon
          title={t('monitoring.my.submittedNote')}
          data-testid="my-survey-submitted"
        />
      ) : null}
      {submit.alert}
      <Form<AnswerValues>
        form={form}
        layout="vertical"
        initialValues={answerValues(survey.questions, survey.answers)}
        disabled={!editable}
        data-testid="my-survey-form"
        requiredMark={false}
      >
        <Flex vertical gap={12}>
          {inQuestionnaireOrder(survey.questions).map((q, index) => (
            <Card size="small" key={q.code} data-testid="my-question" data-code={q.code} data-kind={q.kind}>
              <QuestionItem
                question={q}
                index={index + 1}
                phone={phone}
                previous={
                  survey.previousPeriod ? (
                    <Typography.Text
                      type="secondary"
                      style={{ fontSize: 12 }}
                      data-testid="my-question-previous"
                    >
                      {t('monitoring.my.previous')}
                      <AnswerShown question={q} answer={previousOf(q.code)} muted />
                    </Typography.Text>
                  ) : null
                }
              />
            </Card>
          ))}
        </Flex>
      </Form>
      {editable ? (
        <Card
          size="small"
          style={{ position: 'sticky', bottom: 0, zIndex: 5, boxShadow: '0 -2px 8px rgba(0,0,0,0.06)' }}
        >
          <Flex gap={8} vertical={phone} justify="flex-end">
            {survey.state === 'submitted' ? null : (
              <Button
                icon={<SaveOutlined />}
                loading={action === 'save'}
                disabled={action !== null}
                onClick={() => void send('save')}
                block={phone}
                size={phone ? 'large' : 'middle'}
                data-testid="my-survey-save"
              >
                {t('monitoring.my.saveDraft')}
              </Button>
            )}
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={action === 'submit'}
              disabled={action !== null}
              onClick={() => void send('submit')}
              block={phone}
              size={phone ? 'large' : 'middle'}
              data-testid="my-survey-submit"
            >
              {survey.state === 'returned' || survey.state === 'submitted'
                ? t('monitoring.my.resubmit')
                : t('monitoring.my.submit')}
            </Button>
          </Flex>
        </Card>
      ) : null}
    </Flex>
  );
}

/** One question as its kind asks for it, with the last wave's answer beside its wording. */
function QuestionItem({
  question: q,
  index,
  phone,
  previous,
}: {
  question: Question;
  index: number;
  phone: boolean;
  previous: ReactNode;
}) {
  const { t, locale } = useI18n();
  const text = locale === 'en' ? q.textEn || q.textZh : q.textZh;
  const label = (
    <Flex justify="space-between" gap={8} wrap style={{ width: '100%' }}>
      <span>
        {q.required ? (
          <span style={{ color: '#ff4d4f', marginInlineEnd: 4 }} aria-hidden>
            *
          </span>
        ) : null}
        {index}. {text}
      </span>
      {previous}
    </Flex>
  );
  const required = q.required ? [{ required: true, message: t('monitoring.my.required') }] : [];
  const common = {
    name: answerField(q.code),
    label,
    extra: q.helpZh && locale !== 'en' ? q.helpZh : undefined,
    style: { margin: 0 },
    required: q.required,
    labelCol: { style: { width: '100%' } },
  };
  if (q.kind === 'three_level') {
    const words = levelWords(q, locale);
    return (
      <Form.Item {...common} rules={required}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          style={phone ? { display: 'flex', width: '100%' } : undefined}
          data-testid="my-answer-level"
          options={ANSWER_LEVELS.map((level) => ({
            value: level.code,
            label: words[level.code],
            style: phone ? { flex: 1, textAlign: 'center' } : { minWidth: 88, textAlign: 'center' },
          }))}
        />
      </Form.Item>
    );
  }
  if (q.kind === 'number') {
    const shown = (n: string) => withUnit(n, q.unit, locale);
    const range =
      q.min !== null && q.max !== null
        ? t('monitoring.my.range', { min: q.min, max: shown(q.max) })
        : q.min !== null
          ? t('monitoring.my.atLeast', { min: shown(q.min) })
          : q.max !== null
            ? t('monitoring.my.atMost', { max: shown(q.max) })
            : null;
    return (
      <Form.Item
        {...common}
        extra={[range, common.extra].filter(Boolean).join(' · ') || undefined}
        rules={[
          ...required,
          {
            validator: (_, value: string | undefined) => {
              if (value === undefined || value === null || String(value).trim() === '')
                return Promise.resolve();
              const problem = numberProblem(String(value), q);
              if (!problem) return Promise.resolve();
              const message =
                problem.kind === 'number'
                  ? t('monitoring.my.notNumber')
                  : problem.kind === 'decimals'
                    ? t('monitoring.my.decimals', { decimals: problem.decimals })
                    : problem.kind === 'min'
                      ? t('monitoring.my.atLeast', { min: shown(problem.min) })
                      : t('monitoring.my.atMost', { max: shown(problem.max) });
              return Promise.reject(new Error(message));
            },
          },
        ]}
      >
        <Input
          inputMode="decimal"
          suffix={unitName(q.unit, locale) || undefined}
          style={{ maxWidth: phone ? undefined : 280 }}
          data-testid="my-answer-number"
        />
      </Form.Item>
    );
  }
  if (q.kind === 'choice')
    return (
      <Form.Item {...common} rules={required}>
        <Radio.Group data-testid="my-answer-choice">
          <Flex vertical gap={6}>
            {(q.choices ?? []).map((c) => (
              <Radio key={c.code} value={c.code}>
                {locale === 'en' ? c.en || c.zh : c.zh}
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      </Form.Item>
    );
  return (
    <Form.Item {...common} rules={required}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} data-testid="my-answer-text" />
    </Form.Item>
  );
}
