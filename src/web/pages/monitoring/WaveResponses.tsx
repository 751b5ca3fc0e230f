/**
 * A wave's responses (issue 16): filtered by state, by a kind of flag or to those with a flag still open, searched
 * by name or code, paged and exported; a response opens in a drawer with its answers beside the same enterprise's
 * answers of the last wave, and its data-quality flags, each open one accepted with a reason or sent back to the
 * enterprise with a question. The response open is in the address (`?response=<enterprise id>`: the notice of an
 * enterprise answering again after a send-back links it).
 */
import { AuditOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Radio,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import {
  type Answer,
  FLAG_KINDS,
  type Flag,
  type FlagDecision,
  type FlagKind,
  monitoringApi,
  monitoringDownloads,
  monitoringQueries,
  type Question,
  RESPONSE_STATES,
  type ResponseDetail,
  type ResponseFilters,
  type ResponseRow,
  type ResponseState,
  type Wave,
} from '../../api/monitoring.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ExportButtons, PagedTable, SearchBox, useSearchPaging } from '../../components/PagedTable.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { paramReader, positiveParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { formatPeriod, inQuestionnaireOrder, withUnit } from './monitoringModel.ts';
import {
  ANSWER_LEVELS,
  AnswerShown,
  FlagTag,
  GroupRegion,
  ResponseStateTag,
  useFlagName,
  useIndustryName,
  useMonitoringSubmit,
  useSizeName,
} from './monitoringParts.tsx';

const readOpened = paramReader({ response: (value) => positiveParam(value) });

export function WaveResponses({ wave, onChanged }: { wave: Wave; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const paging = useSearchPaging();
  const flagName = useFlagName();
  const industryName = useIndustryName();
  const sizeName = useSizeName();
  const [state, setState] = useState<ResponseState | undefined>();
  const [flag, setFlag] = useState<FlagKind | undefined>();
  const [flagged, setFlagged] = useState(false);
  const { filters: opened, update } = useUrlFilters(readOpened, 'push');
  const open = opened.response ?? null;
  const setOpen = (enterpriseId: number | null) => update({ response: enterpriseId });
  const filters: ResponseFilters = {
    state,
    flag,
    ...(flagged ? { flagged: true } : {}),
    q: paging.q || undefined,
    page: paging.page,
    pageSize: paging.pageSize,
  };
  const list = useApiQuery(monitoringQueries.responses(wave.id, filters), { keepPrevious: true });
  const columns: TableColumnsType<ResponseRow> = [
    {
      title: t('monitoring.member.name'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <Flex vertical gap={2}>
          <Typography.Link onClick={() => setOpen(r.enterpriseId)} data-testid="response-open">
            {name}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.uscc}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('monitoring.group.industry'),
      dataIndex: 'industry',
      width: 150,
      render: (c: string) => industryName(c),
    },
    {
      title: t('monitoring.group.region'),
      dataIndex: 'regionCode',
      width: 160,
      render: (c: string) => <GroupRegion code={c} />,
    },
    { title: t('monitoring.group.size'), dataIndex: 'size', width: 70, render: (c: string) => sizeName(c) },
    { title: t('monitoring.response.weight'), dataIndex: 'weight', width: 100, align: 'right' },
    {
      title: t('monitoring.response.state'),
      dataIndex: 'state',
      width: 100,
      render: (s: ResponseState) => <ResponseStateTag state={s} />,
    },
    {
      title: t('monitoring.response.submittedAt'),
      dataIndex: 'submittedAt',
      width: 170,
      render: (at: string | null) => formatDateTime(at, locale),
    },
    {
      title: t('monitoring.response.flags'),
      dataIndex: 'openFlags',
      width: 200,
      render: (kinds: FlagKind[]) =>
        kinds.length === 0 ? (
          '—'
        ) : (
          <Space size={[2, 2]} wrap>
            {kinds.map((k) => (
              <FlagTag key={k} kind={k} />
            ))}
          </Space>
        ),
    },
  ];
  return (
    <Card size="small" styles={{ body: { padding: 0 } }} data-testid="wave-responses">
      <Flex gap={12} wrap align="center" style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
        <Select<ResponseState>
          allowClear
          style={{ width: 140 }}
          placeholder={t('monitoring.response.stateAll')}
          value={state}
          onChange={(value) => {
            setState(value);
            paging.toFirstPage();
          }}
          options={RESPONSE_STATES.map((s) => ({ value: s, label: t(`monitoring.responseState.${s}`) }))}
          aria-label={t('monitoring.response.state')}
          data-testid="responses-state"
        />
        <Select<FlagKind>
          allowClear
          style={{ width: 180 }}
          placeholder={t('monitoring.response.flagAll')}
          value={flag}
          onChange={(value) => {
            setFlag(value);
            paging.toFirstPage();
          }}
          options={FLAG_KINDS.map((k) => ({ value: k, label: flagName(k) }))}
          aria-label={t('monitoring.response.flags')}
          data-testid="responses-flag"
        />
        <Checkbox
          checked={flagged}
          onChange={(event) => {
            setFlagged(event.target.checked);
            paging.toFirstPage();
          }}
          data-testid="responses-flagged"
        >
          {t('monitoring.response.flaggedOnly')}
        </Checkbox>
        <SearchBox
          query={paging.q}
          onSearch={paging.search}
          placeholder={t('monitoring.member.search')}
          style={{ width: 220 }}
          data-testid="responses-search"
        />
        <Flex gap={8} wrap style={{ marginInlineStart: 'auto' }}>
          <ExportButtons
            url={(format) =>
              monitoringDownloads.responses(wave.id, filters, format, locale === 'en' ? 'en' : 'zh')
            }
            fileName={`responses-${wave.period}`}
            labels={{ csv: t('monitoring.exportCsv'), xlsx: t('monitoring.exportXlsx') }}
            testId="responses"
          />
          <ReloadButton query={list} />
        </Flex>
      </Flex>
      <PagedTable<ResponseRow>
        list={list}
        rowKey="enterpriseId"
        size="small"
        columns={columns}
        page={paging.page}
        pageSize={paging.pageSize}
        onPageChange={paging.onPageChange}
        showTotal={(total) => t('common.total', { total })}
        scroll={{ x: 1150 }}
        locale={{ emptyText: list.loading ? ' ' : t('monitoring.response.empty') }}
        onRow={(r) =>
          ({
            'data-testid': 'response-row',
            'data-uscc': r.uscc,
            'data-state': r.state,
            'data-flags': r.openFlags.join(' '),
          }) as object
        }
      />
      <ResponseDrawer
        waveId={wave.id}
        enterpriseId={open}
        onClose={() => setOpen(null)}
        onChanged={() => {
          list.reload();
          onChanged();
        }}
      />
    </Card>
  );
}

/** One response: the enterprise, its answers beside last wave's, its flags and their decisions. */
function ResponseDrawer({
  waveId,
  enterpriseId,
  onClose,
  onChanged,
}: {
  waveId: number;
  enterpriseId: number | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  const detail = useApiQuery({
    ...monitoringQueries.response(waveId, enterpriseId ?? 0),
    enabled: enterpriseId !== null,
  });
  const [deciding, setDeciding] = useState<Flag | null>(null);
  const industryName = useIndustryName();
  const sizeName = useSizeName();
  const data = detail.data;
  return (
    <Drawer
      open={enterpriseId !== null}
      onClose={onClose}
      size={screens.md ? 860 : '100%'}
      destroyOnHidden
      title={data ? data.name : t('monitoring.response.title')}
      data-testid="response-drawer"
    >
      {detail.loading ? <Skeleton active /> : null}
      <LoadError error={detail.error} onRetry={detail.reload} />
      {data ? (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'uscc', label: t('monitoring.member.uscc'), children: data.uscc },
              {
                key: 'state',
                label: t('monitoring.response.state'),
                children: <ResponseStateTag state={data.state} />,
              },
              {
                key: 'industry',
                label: t('monitoring.group.industry'),
                children: industryName(data.industry),
              },
              {
                key: 'region',
                label: t('monitoring.group.region'),
                children: <GroupRegion code={data.regionCode} />,
              },
              { key: 'size', label: t('monitoring.group.size'), children: sizeName(data.size) },
              { key: 'weight', label: t('monitoring.response.weight'), children: data.weight },
              {
                key: 'submitted',
                label: t('monitoring.response.submittedAt'),
                children: formatDateTime(data.submittedAt, locale),
              },
              {
                key: 'period',
                label: t('monitoring.wave.period'),
                children: formatPeriod(data.period, locale),
              },
            ]}
          />
          {data.returnedQuestion ? (
            <Alert
              type="warning"
              showIcon
              title={t('monitoring.response.returnedQuestion')}
              description={data.returnedQuestion}
              data-testid="response-returned-question"
            />
          ) : null}
          <FlagsTable detail={data} onDecide={setDeciding} />
          <AnswersTable detail={data} />
        </Flex>
      ) : null}
      {deciding && data ? (
        <FlagModal
          detail={data}
          flag={deciding}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            detail.reload();
            onChanged();
          }}
        />
      ) : null}
    </Drawer>
  );
}

/** A question of the response by its code: its wording in the reader's language (the code when unknown). */
function useQuestionText(questions: readonly Question[]) {
  const { locale } = useI18n();
  return (code: string): string => {
    const q = questions.find((item) => item.code === code);
    return q ? (locale === 'en' ? q.textEn || q.textZh : q.textZh) : code;
  };
}

/** A question by its wording, its code small beside it. */
function QuestionLabel({ questions, code }: { questions: readonly Question[]; code: string }) {
  const text = useQuestionText(questions)(code);
  return (
    <span data-testid="flag-question" data-code={code}>
      {text}
      {text !== code ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
          {code}
        </Typography.Text>
      ) : null}
    </span>
  );
}

/** The flags of a response: the open ones first, each with its decision buttons. */
function FlagsTable({ detail, onDecide }: { detail: ResponseDetail; onDecide: (flag: Flag) => void }) {
  const { t, locale } = useI18n();
  const flags = [...detail.flags].sort((a, b) => Number(b.state === 'open') - Number(a.state === 'open'));
  const columns: TableColumnsType<Flag> = [
    {
      title: t('monitoring.flag.kind'),
      dataIndex: 'kind',
      width: 140,
      render: (k: FlagKind, f) => <FlagTag kind={k} open={f.state === 'open'} />,
    },
    {
      title: t('monitoring.flag.detail'),
      dataIndex: 'detail',
      render: (_: Flag['detail'], f) => (
        <Flex vertical gap={2}>
          {f.questionCode ? <QuestionLabel questions={detail.questions} code={f.questionCode} /> : null}
          <FlagDetail flag={f} questions={detail.questions} />
        </Flex>
      ),
    },
    {
      title: t('monitoring.flag.state'),
      dataIndex: 'state',
      width: 190,
      render: (s: Flag['state'], f) =>
        s === 'open' ? (
          <Button
            size="small"
            type="primary"
            icon={<AuditOutlined />}
            onClick={() => onDecide(f)}
            data-testid="flag-decide"
          >
            {t('monitoring.flag.decide')}
          </Button>
        ) : (
          <Flex vertical gap={2}>
            <Tag color={s === 'accepted' ? 'green' : 'orange'} style={{ width: 'fit-content' }}>
              {t(`monitoring.flagState.${s}`)}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {f.note} {f.decidedAt ? `· ${formatDateTime(f.decidedAt, locale)}` : ''}
            </Typography.Text>
          </Flex>
        ),
    },
  ];
  return (
    <div>
      <Typography.Title level={5}>
        {t('monitoring.response.flagsTitle', { n: detail.flags.length })}
      </Typography.Title>
      <Table<Flag>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={flags}
        pagination={false}
        locale={{ emptyText: t('monitoring.response.noFlags') }}
        scroll={{ x: 640 }}
        onRow={(f) => ({ 'data-testid': 'flag-row', 'data-kind': f.kind, 'data-state': f.state }) as object}
      />
    </div>
  );
}

/** A detail's field as text ('' when missing or not a scalar). */
function field(detail: Record<string, unknown>, key: string): string {
  const value = detail[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * A flag's detail as a sentence (the shapes of monitoring.rules.ts' qualityFlags): the required questions left
 * unanswered by their wording; the level every three-level answer took; a number against the registry's figure or
 * the last wave's answer, with the unit and the difference; the day submitted against the deadline; when the
 * earlier submission was. A shape not known is shown as its fields.
 */
function FlagDetail({ flag, questions }: { flag: Flag; questions: readonly Question[] }) {
  const { t, locale } = useI18n();
  const questionText = useQuestionText(questions);
  const d = flag.detail;
  const question = questions.find((q) => q.code === flag.questionCode);
  const numberShown = (n: string) => withUnit(n, question?.unit, locale);
  const sentence = (() => {
    switch (flag.kind) {
      case 'missing': {
        const codes = Array.isArray(d.questions) ? d.questions.filter((c) => typeof c === 'string') : [];
        if (codes.length === 0) return null;
        return t('monitoring.flagDetail.missing', {
          n: codes.length,
          questions: codes.map((c) => `“${questionText(c)}”`).join(t('monitoring.flagDetail.listSeparator')),
        });
      }
      case 'straight_lining': {
        // The level by both its wordings (增加/好转, 持平/一般, 减少/恶化): judgement questions read it as the second.
        const level = ANSWER_LEVELS.find((l) => l.code === field(d, 'level'));
        if (!level || !field(d, 'answers')) return null;
        const lang = locale === 'en' ? 'en' : 'zh';
        const names = [...new Set([level[lang], level.judgement[lang]])];
        return t('monitoring.flagDetail.straightLining', {
          n: field(d, 'answers'),
          level: names.join(' / '),
        });
      }
      case 'jump_registry':
        return field(d, 'answer') && field(d, 'registry')
          ? t(
              field(d, 'limitPercent')
                ? 'monitoring.flagDetail.jumpRegistry'
                : 'monitoring.flagDetail.jumpRegistryOld',
              {
                answer: numberShown(field(d, 'answer')),
                registry: numberShown(field(d, 'registry')),
                percent: field(d, 'percent'),
                limit: field(d, 'limitPercent'),
              },
            )
          : null;
      case 'jump_last_wave':
        return field(d, 'answer') && field(d, 'previous')
          ? t(
              field(d, 'limitPercent')
                ? 'monitoring.flagDetail.jumpLastWave'
                : 'monitoring.flagDetail.jumpLastWaveOld',
              {
                answer: numberShown(field(d, 'answer')),
                previous: numberShown(field(d, 'previous')),
                percent: field(d, 'percent'),
                limit: field(d, 'limitPercent'),
              },
            )
          : null;
      case 'late':
        return field(d, 'submittedOn') && field(d, 'closesOn')
          ? t('monitoring.flagDetail.late', {
              submitted: formatDate(field(d, 'submittedOn'), locale),
              closes: formatDate(field(d, 'closesOn'), locale),
            })
          : null;
      case 'duplicate':
        return field(d, 'earlierSubmission')
          ? t('monitoring.flagDetail.duplicate', {
              at: formatDateTime(field(d, 'earlierSubmission'), locale),
            })
          : null;
      default:
        return null;
    }
  })();
  if (sentence !== null)
    return (
      <Typography.Text style={{ fontSize: 13 }} data-testid="flag-detail">
        {sentence}
      </Typography.Text>
    );
  const entries = Object.entries(d);
  if (entries.length === 0) return <>—</>;
  return (
    <Typography.Text style={{ fontSize: 12 }} data-testid="flag-detail">
      {entries
        .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
        .join(' · ')}
    </Typography.Text>
  );
}

/** The answers beside last wave's, a flagged question marked. */
function AnswersTable({ detail }: { detail: ResponseDetail }) {
  const { t, locale } = useI18n();
  const answerOf = (list: Answer[], code: string) => list.find((a) => a.questionCode === code) ?? null;
  const flagged = new Set(detail.flags.filter((f) => f.state === 'open').map((f) => f.questionCode));
  const columns: TableColumnsType<Question> = [
    {
      title: t('monitoring.question.text'),
      dataIndex: 'textZh',
      render: (_, q) => (
        <Flex vertical gap={2}>
          <Typography.Text type={flagged.has(q.code) ? 'warning' : undefined}>
            {locale === 'en' ? q.textEn || q.textZh : q.textZh}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {q.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('monitoring.response.answer'),
      key: 'answer',
      width: 180,
      render: (_, q) => <AnswerShown question={q} answer={answerOf(detail.answers, q.code)} />,
    },
    {
      title: t('monitoring.response.previous'),
      key: 'previous',
      width: 180,
      render: (_, q) => <AnswerShown question={q} answer={answerOf(detail.previous, q.code)} muted />,
    },
  ];
  return (
    <div>
      <Typography.Title level={5}>{t('monitoring.response.answers')}</Typography.Title>
      <Table<Question>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={inQuestionnaireOrder(detail.questions)}
        pagination={false}
        scroll={{ x: 600 }}
        data-testid="response-answers"
        onRow={(q) => ({ 'data-testid': 'answer-row', 'data-code': q.code }) as object}
      />
    </div>
  );
}

interface FlagValues {
  decision: FlagDecision['decision'];
  note: string;
}

/** Accepts a flag with a reason, or sends the response back with a question for the enterprise. */
function FlagModal({
  detail,
  flag,
  onClose,
  onDone,
}: {
  detail: ResponseDetail;
  flag: Flag;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FlagValues>();
  const decision = Form.useWatch('decision', form) ?? 'accept';
  const submit = useMonitoringSubmit(
    form,
    (path) => path.length === 1 && ['decision', 'note'].includes(String(path[0])),
    {
      testId: 'flag-error',
    },
  );
  const finish = async (values: FlagValues) => {
    const saved = await submit.run(() =>
      monitoringApi.decideFlag(detail.waveId, detail.enterpriseId, flag.id, {
        decision: values.decision,
        note: values.note.trim(),
        version: detail.version,
      }),
    );
    if (saved) {
      void message.success(
        t(values.decision === 'accept' ? 'monitoring.flag.accepted' : 'monitoring.flag.returned'),
      );
      onDone();
    }
  };
  return (
    <FormModal<FlagValues>
      form={form}
      title={t('monitoring.flag.decideTitle', { kind: t(`monitoring.flag.${flag.kind}`) })}
      okText={t(decision === 'accept' ? 'monitoring.flag.accept' : 'monitoring.flag.return')}
      okTestId="flag-submit"
      saving={submit.saving}
      onClose={onClose}
      initialValues={{ decision: 'accept', note: '' }}
      onFinish={(values) => void finish(values)}
      testId="flag-form"
    >
      {submit.alert}
      <Flex vertical gap={2} style={{ marginBottom: 16 }} data-testid="flag-form-detail">
        {flag.questionCode ? <QuestionLabel questions={detail.questions} code={flag.questionCode} /> : null}
        <FlagDetail flag={flag} questions={detail.questions} />
      </Flex>
      <Form.Item name="decision" label={t('monitoring.flag.decision')}>
        <Radio.Group
          optionType="button"
          data-testid="flag-decision"
          options={[
            { value: 'accept', label: t('monitoring.flag.accept') },
            { value: 'return', label: t('monitoring.flag.return') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="note"
        label={t(decision === 'accept' ? 'monitoring.flag.acceptNote' : 'monitoring.flag.returnQuestion')}
        extra={decision === 'return' ? t('monitoring.flag.returnHelp') : undefined}
        rules={[
          { required: true, whitespace: true, message: t('monitoring.form.required') },
          { min: 2, message: t('monitoring.form.min2') },
        ]}
      >
        <Input.TextArea rows={3} maxLength={500} data-testid="flag-note" />
      </Form.Item>
    </FormModal>
  );
}
