/**
 * A survey's design (issue 16): its names, frequency and weighting, and its questions as a table — added, removed
 * and moved up or down; each with its code, wording (Chinese, English), kind and whether it is required; a
 * three-level question in the index with its sub-index, direction and weight within the sub-index (the weights of a
 * sub-index summed as typed, exactly), or its PMI component; a number with its unit, range and decimals; a choice
 * with its options. The server's field errors land on the exact cell (`questions[3].direction`) or on the row. When
 * the current version is frozen (a wave uses it) the page says that saving makes the next version, and asks before
 * saving. The versions are listed, each opening its questions.
 */
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EyeOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  monitoringApi,
  monitoringQueries,
  type Question,
  type Survey,
  type SurveyVersion,
} from '../../api/monitoring.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import {
  blankQuestion,
  type FieldPath,
  inQuestionnaireOrder,
  isOne,
  levelWords,
  type QuestionValues,
  questionInput,
  questionValues,
  subIndexSums,
  unitName,
} from './monitoringModel.ts';
import {
  ANSWER_KINDS,
  DIRECTIONS,
  PMI_COMPONENTS,
  SMEDI_SUB_INDICES,
  SurveyRegion,
  useMonitoringSubmit,
  useTermName,
  useTermOptions,
} from './monitoringParts.tsx';

interface DesignValues {
  code: string;
  nameZh: string;
  nameEn: string;
  description: string;
  frequency: Survey['frequency'];
  weighting: Survey['weighting'];
  regionCode?: string | undefined;
  note: string;
  questions: QuestionValues[];
}

const TOP_FIELDS = [
  'code',
  'nameZh',
  'nameEn',
  'description',
  'frequency',
  'weighting',
  'regionCode',
  'note',
];
const QUESTION_FIELDS = [
  'code',
  'textZh',
  'textEn',
  'helpZh',
  'kind',
  'required',
  'judgement',
  'unit',
  'min',
  'max',
  'decimals',
  'registryFigure',
  'pmiComponent',
];
const INDEX_FIELDS = ['subIndex', 'direction', 'weight'];

/** The design of a survey, new (`survey` undefined) or stored; `onSaved` reloads the stored one. */
export function SurveyDesign({ survey, onSaved }: { survey?: Survey; onSaved?: () => void }) {
  const { t } = useI18n();
  const { modal, message } = AntApp.useApp();
  const navigate = useNavigate();
  const { user } = useSession();
  const [form] = Form.useForm<DesignValues>();
  const isNew = survey === undefined;
  const editable = isNew || survey.canEdit;
  const official = user?.role === 'official';
  const initialValues = useMemo<DesignValues>(
    () =>
      survey
        ? {
            code: survey.code,
            nameZh: survey.nameZh,
            nameEn: survey.nameEn,
            description: survey.description,
            frequency: survey.frequency,
            weighting: survey.weighting,
            regionCode: survey.regionCode || undefined,
            note: '',
            questions: survey.questions.map(questionValues),
          }
        : {
            code: '',
            nameZh: '',
            nameEn: '',
            description: '',
            frequency: 'monthly',
            weighting: 'design',
            regionCode: official ? (user?.regionCode ?? undefined) : undefined,
            note: '',
            questions: [blankQuestion(1)],
          },
    [survey, official, user?.regionCode],
  );

  /** Whether the form shows an item at a server error's path (an index attribute only on an index question). */
  const hasItem = (path: FieldPath): boolean => {
    if (path.length === 1) return TOP_FIELDS.includes(String(path[0]));
    if (path[0] !== 'questions' || typeof path[1] !== 'number') return false;
    const row = form.getFieldValue(['questions', path[1]]) as QuestionValues | undefined;
    if (!row) return false;
    const field = String(path[2] ?? '');
    if (path.length === 3 && QUESTION_FIELDS.includes(field)) return true;
    if (path.length === 3 && INDEX_FIELDS.includes(field)) return row.kind === 'three_level';
    if (field === 'choices' && row.kind === 'choice')
      return (
        path.length === 5 && typeof path[3] === 'number' && ['code', 'zh', 'en'].includes(String(path[4]))
      );
    return false;
  };
  const hasGroup = (path: FieldPath) =>
    (path.length === 1 && path[0] === 'questions') ||
    (path[0] === 'questions' && typeof path[1] === 'number');
  const submit = useMonitoringSubmit(form, hasItem, { hasGroup, testId: 'survey-form-error' });

  /** The group errors of a row (its own, and any at a path of the row the form does not show). */
  const rowErrors = (index: number): string[] =>
    Object.entries(submit.groupErrors)
      .filter(([key]) => key === `questions.${index}` || key.startsWith(`questions.${index}.`))
      .flatMap(([, messages]) => messages);

  const save = async (values: DesignValues) => {
    const questions = (values.questions ?? []).map(questionInput);
    const common = {
      nameZh: values.nameZh.trim(),
      ...(values.nameEn?.trim() ? { nameEn: values.nameEn.trim() } : {}),
      ...(values.description?.trim() ? { description: values.description.trim() } : {}),
      frequency: values.frequency,
      weighting: values.weighting,
      questions,
      ...(values.note?.trim() ? { note: values.note.trim() } : {}),
    };
    const saved = await submit.run(() =>
      survey
        ? monitoringApi.changeSurvey(survey.id, { ...common, version: survey.version })
        : monitoringApi.createSurvey({
            ...common,
            code: values.code.trim(),
            regionCode: values.regionCode ?? '',
          }),
    );
    if (!saved) return;
    void message.success(
      survey && saved.currentVersion !== survey.currentVersion
        ? t('monitoring.design.savedVersion', { version: saved.currentVersion })
        : t('monitoring.design.saved'),
    );
    if (isNew) navigate(`/app/monitoring/surveys/${saved.id}`, { replace: true });
    else onSaved?.();
  };

  const onFinish = (values: DesignValues) => {
    if (survey?.frozen)
      modal.confirm({
        title: t('monitoring.design.frozenConfirmTitle'),
        content: t('monitoring.design.frozenConfirm', {
          version: survey.currentVersion,
          next: survey.currentVersion + 1,
        }),
        okText: t('monitoring.design.saveNext', { next: survey.currentVersion + 1 }),
        okButtonProps: { ...({ 'data-testid': 'survey-save-next' } as Record<string, string>) },
        cancelText: t('common.cancel'),
        onOk: () => save(values),
      });
    else void save(values);
  };

  return (
    <Form<DesignValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      // A question changed: the server's errors about the questions (a sum, a duplicate code) are not left standing.
      onValuesChange={(changed: Partial<DesignValues>) => {
        if ('questions' in changed) submit.clearStale((path) => path[0] === 'questions');
      }}
      disabled={!editable}
      data-testid="survey-design"
    >
      <Flex vertical gap={16}>
        {survey?.frozen ? (
          <Alert
            type="warning"
            showIcon
            data-testid="survey-frozen"
            title={t('monitoring.design.frozen', {
              version: survey.currentVersion,
              next: survey.currentVersion + 1,
            })}
          />
        ) : null}
        {!editable ? <Alert type="info" showIcon title={t('monitoring.design.readOnly')} /> : null}
        {submit.alert}
        <Card title={t('monitoring.design.basics')} size="small">
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item
                name="code"
                label={t('monitoring.survey.code')}
                rules={[{ required: true, whitespace: true, message: t('monitoring.form.required') }]}
              >
                <Input maxLength={40} disabled={!isNew || !editable} data-testid="survey-code" />
              </Form.Item>
            </Col>
            <Col xs={24} md={9}>
              <Form.Item
                name="nameZh"
                label={t('monitoring.survey.nameZh')}
                rules={[{ required: true, whitespace: true, message: t('monitoring.form.required') }]}
              >
                <Input maxLength={80} data-testid="survey-name-zh" />
              </Form.Item>
            </Col>
            <Col xs={24} md={9}>
              <Form.Item name="nameEn" label={t('monitoring.survey.nameEn')}>
                <Input maxLength={120} data-testid="survey-name-en" />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="frequency" label={t('monitoring.survey.frequency')}>
                <Radio.Group
                  optionType="button"
                  data-testid="survey-frequency"
                  options={[
                    { value: 'monthly', label: t('monitoring.frequency.monthly') },
                    { value: 'quarterly', label: t('monitoring.frequency.quarterly') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={9}>
              <Form.Item
                name="weighting"
                label={t('monitoring.survey.weighting')}
                extra={t('monitoring.survey.weightingHelp')}
              >
                <Select
                  data-testid="survey-weighting"
                  options={[
                    { value: 'design', label: t('monitoring.weighting.design') },
                    { value: 'design_revenue', label: t('monitoring.weighting.design_revenue') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={9}>
              {isNew ? (
                <Form.Item
                  name="regionCode"
                  label={t('monitoring.survey.region')}
                  extra={t(official ? 'monitoring.survey.regionOfficial' : 'monitoring.survey.regionAdmin')}
                >
                  <ScopedRegionCascader
                    rootCode={official ? user?.regionCode : null}
                    placeholder={t('monitoring.region.national')}
                    testId="survey-region"
                  />
                </Form.Item>
              ) : (
                <Form.Item label={t('monitoring.survey.region')}>
                  <SurveyRegion code={survey.regionCode} />
                </Form.Item>
              )}
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="description" label={t('monitoring.survey.description')}>
                <Input.TextArea rows={2} maxLength={2000} data-testid="survey-description" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="note"
                label={t('monitoring.survey.note')}
                extra={t('monitoring.survey.noteHelp')}
              >
                <Input.TextArea rows={2} maxLength={500} data-testid="survey-note" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <QuestionsTable
          rowErrors={rowErrors}
          listErrors={submit.groupErrors.questions ?? []}
          editable={editable}
        />
        {editable ? (
          <Flex
            justify="flex-end"
            gap={8}
            style={{
              position: 'sticky',
              bottom: 0,
              zIndex: 5,
              padding: '10px 16px',
              background: '#fff',
              borderTop: '1px solid #f0f0f0',
              boxShadow: '0 -2px 8px rgba(0,0,0,0.05)',
            }}
          >
            <Button
              type="primary"
              icon={<SaveOutlined />}
              htmlType="submit"
              loading={submit.saving}
              data-testid="survey-save"
            >
              {survey?.frozen
                ? t('monitoring.design.saveNext', { next: survey.currentVersion + 1 })
                : isNew
                  ? t('monitoring.design.create')
                  : t('common.save')}
            </Button>
          </Flex>
        ) : null}
        {survey ? <VersionsCard survey={survey} /> : null}
      </Flex>
    </Form>
  );
}

/** The questions as a table of form rows, with the running sums of the index weights by sub-index below. */
function QuestionsTable({
  rowErrors,
  listErrors,
  editable,
}: {
  rowErrors: (index: number) => string[];
  listErrors: string[];
  editable: boolean;
}) {
  const { t } = useI18n();
  const form = Form.useFormInstance<DesignValues>();
  const kindOptions = useTermOptions(ANSWER_KINDS);
  const rows = (Form.useWatch('questions', form) ?? []) as QuestionValues[];
  return (
    <Card
      title={t('monitoring.design.questions')}
      size="small"
      styles={{ body: { padding: 0 } }}
      data-testid="survey-questions"
    >
      <Form.List name="questions">
        {(fields, { add, remove, move }) => {
          const columns: TableColumnsType<(typeof fields)[number]> = [
            {
              title: '#',
              key: 'position',
              width: 64,
              render: (_, field, index) => (
                <Flex vertical align="center" gap={2}>
                  <Typography.Text strong>{index + 1}</Typography.Text>
                  {editable ? (
                    <Space size={0}>
                      <Button
                        size="small"
                        type="text"
                        icon={<ArrowUpOutlined />}
                        disabled={index === 0}
                        onClick={() => move(index, index - 1)}
                        aria-label={t('monitoring.design.moveUp')}
                        data-testid="question-up"
                      />
                      <Button
                        size="small"
                        type="text"
                        icon={<ArrowDownOutlined />}
                        disabled={index === fields.length - 1}
                        onClick={() => move(index, index + 1)}
                        aria-label={t('monitoring.design.moveDown')}
                        data-testid="question-down"
                      />
                    </Space>
                  ) : null}
                  <span hidden>{field.key}</span>
                </Flex>
              ),
            },
            {
              title: t('monitoring.question.code'),
              key: 'code',
              width: 110,
              render: (_, field) => (
                <Form.Item
                  name={[field.name, 'code']}
                  rules={[{ required: true, whitespace: true, message: t('monitoring.form.required') }]}
                  style={{ margin: 0 }}
                >
                  <Input maxLength={40} data-testid="question-code" />
                </Form.Item>
              ),
            },
            {
              title: t('monitoring.question.text'),
              key: 'text',
              width: 260,
              render: (_, field, index) => (
                <Flex vertical gap={6}>
                  <Form.Item
                    name={[field.name, 'textZh']}
                    rules={[{ required: true, whitespace: true, message: t('monitoring.form.required') }]}
                    style={{ margin: 0 }}
                  >
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      maxLength={300}
                      placeholder={t('monitoring.question.textZh')}
                      data-testid="question-text-zh"
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'textEn']} style={{ margin: 0 }}>
                    <Input
                      maxLength={400}
                      placeholder={t('monitoring.question.textEn')}
                      data-testid="question-text-en"
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'helpZh']} style={{ margin: 0 }}>
                    <Input
                      maxLength={500}
                      placeholder={t('monitoring.question.help')}
                      data-testid="question-help"
                    />
                  </Form.Item>
                  {rowErrors(index).length > 0 ? (
                    <Typography.Text type="danger" data-testid="question-row-error">
                      {rowErrors(index).join('；')}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            {
              title: t('monitoring.question.kind'),
              key: 'kind',
              width: 150,
              render: (_, field) => (
                <Flex vertical gap={6}>
                  <Form.Item name={[field.name, 'kind']} style={{ margin: 0 }}>
                    <Select options={kindOptions} data-testid="question-kind" popupMatchSelectWidth={false} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'required']} valuePropName="checked" style={{ margin: 0 }}>
                    <Checkbox data-testid="question-required">{t('monitoring.question.required')}</Checkbox>
                  </Form.Item>
                </Flex>
              ),
            },
            {
              title: t('monitoring.question.settings'),
              key: 'settings',
              width: 440,
              render: (_, field) => <QuestionSettings name={field.name} />,
            },
            ...(editable
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 56,
                    render: (_: unknown, field: (typeof fields)[number]) => (
                      <Button
                        danger
                        type="text"
                        icon={<DeleteOutlined />}
                        disabled={fields.length === 1}
                        onClick={() => remove(field.name)}
                        aria-label={t('monitoring.design.remove')}
                        data-testid="question-remove"
                      />
                    ),
                  },
                ]
              : []),
          ];
          return (
            <>
              <Table
                rowKey="key"
                size="small"
                columns={columns}
                dataSource={fields}
                pagination={false}
                scroll={{ x: 1140 }}
                onRow={(_, index) => ({ 'data-testid': 'question-row', 'data-index': index }) as object}
              />
              <Flex vertical gap={8} style={{ padding: 12 }}>
                {listErrors.length > 0 ? (
                  <Alert type="error" showIcon title={listErrors.join('；')} data-testid="questions-error" />
                ) : null}
                <WeightSums rows={rows} />
                {editable ? (
                  <div>
                    <Button
                      icon={<PlusOutlined />}
                      onClick={() => add(blankQuestion(fields.length + 1))}
                      data-testid="question-add"
                    >
                      {t('monitoring.design.addQuestion')}
                    </Button>
                  </div>
                ) : null}
              </Flex>
            </>
          );
        }}
      </Form.List>
    </Card>
  );
}

/** The attributes a question's kind uses, in its row. */
function QuestionSettings({ name }: { name: number }) {
  const { t, locale } = useI18n();
  const form = Form.useFormInstance<DesignValues>();
  const kind = Form.useWatch(['questions', name, 'kind'], form) as QuestionValues['kind'] | undefined;
  const pmiComponent = Form.useWatch(['questions', name, 'pmiComponent'], form) as string | undefined;
  const judgement = Form.useWatch(['questions', name, 'judgement'], form) as boolean | undefined;
  const words = levelWords({ pmiComponent: pmiComponent ?? null, judgement: judgement ?? false }, locale);
  const subOptions = useTermOptions(SMEDI_SUB_INDICES);
  const directionOptions = useTermOptions(DIRECTIONS);
  const pmiOptions = useTermOptions(PMI_COMPONENTS);
  const item = { style: { margin: 0 } };
  if (kind === 'three_level')
    return (
      <Row gutter={[8, 6]}>
        <Col span={9}>
          <Form.Item name={[name, 'subIndex']} {...item}>
            <Select
              allowClear
              placeholder={t('monitoring.question.subIndex')}
              options={subOptions}
              popupMatchSelectWidth={false}
              data-testid="question-sub-index"
            />
          </Form.Item>
        </Col>
        <Col span={9}>
          <Form.Item name={[name, 'direction']} {...item}>
            <Select
              allowClear
              placeholder={t('monitoring.question.direction')}
              options={directionOptions}
              popupMatchSelectWidth={false}
              data-testid="question-direction"
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={[name, 'weight']} {...item}>
            <Input placeholder={t('monitoring.question.weight')} data-testid="question-weight" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={[name, 'pmiComponent']} {...item}>
            <Select
              allowClear
              placeholder={t('monitoring.question.pmi')}
              options={pmiOptions}
              popupMatchSelectWidth={false}
              data-testid="question-pmi"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={[name, 'judgement']} valuePropName="checked" {...item}>
            <Checkbox data-testid="question-judgement">{t('monitoring.question.judgement')}</Checkbox>
          </Form.Item>
        </Col>
        <Col span={24}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="question-levels">
            {t('monitoring.question.levelsOffered', {
              levels: `${words.up} / ${words.same} / ${words.down}`,
            })}
          </Typography.Text>
        </Col>
      </Row>
    );
  if (kind === 'number')
    return (
      <Row gutter={[8, 6]}>
        <Col span={6}>
          <Form.Item name={[name, 'unit']} {...item}>
            <Input maxLength={20} placeholder={t('monitoring.question.unit')} data-testid="question-unit" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={[name, 'min']} {...item}>
            <Input placeholder={t('monitoring.question.min')} data-testid="question-min" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={[name, 'max']} {...item}>
            <Input placeholder={t('monitoring.question.max')} data-testid="question-max" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={[name, 'decimals']} {...item}>
            <InputNumber
              min={0}
              max={4}
              precision={0}
              placeholder={t('monitoring.question.decimals')}
              style={{ width: '100%' }}
              data-testid="question-decimals"
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name={[name, 'registryFigure']} {...item}>
            <Select
              allowClear
              placeholder={t('monitoring.question.registryFigure')}
              style={{ maxWidth: 300 }}
              options={[
                { value: 'employees', label: t('monitoring.registryFigure.employees') },
                { value: 'operating_revenue', label: t('monitoring.registryFigure.operating_revenue') },
              ]}
              data-testid="question-registry-figure"
            />
          </Form.Item>
        </Col>
      </Row>
    );
  if (kind === 'choice')
    return (
      <Form.List name={[name, 'choices']}>
        {(choices, { add, remove }) => (
          <Flex vertical gap={4}>
            {choices.map((choice) => (
              <Flex key={choice.key} gap={4} align="flex-start">
                <Form.Item
                  name={[choice.name, 'code']}
                  rules={[
                    { required: true, message: t('monitoring.form.required') },
                    { pattern: /^[a-z0-9_]{1,40}$/, message: t('monitoring.question.choiceCodeRule') },
                  ]}
                  {...item}
                  style={{ margin: 0, width: 110 }}
                >
                  <Input placeholder={t('monitoring.question.choiceCode')} data-testid="choice-code" />
                </Form.Item>
                <Form.Item
                  name={[choice.name, 'zh']}
                  rules={[{ required: true, whitespace: true, message: t('monitoring.form.required') }]}
                  style={{ margin: 0, flex: 1 }}
                >
                  <Input
                    maxLength={60}
                    placeholder={t('monitoring.question.choiceZh')}
                    data-testid="choice-zh"
                  />
                </Form.Item>
                <Form.Item name={[choice.name, 'en']} style={{ margin: 0, flex: 1 }}>
                  <Input
                    maxLength={80}
                    placeholder={t('monitoring.question.choiceEn')}
                    data-testid="choice-en"
                  />
                </Form.Item>
                <Button
                  type="text"
                  icon={<DeleteOutlined />}
                  onClick={() => remove(choice.name)}
                  aria-label={t('monitoring.design.removeChoice')}
                />
              </Flex>
            ))}
            <div>
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => add({ code: `c${choices.length + 1}`, zh: '', en: '' })}
                data-testid="choice-add"
              >
                {t('monitoring.design.addChoice')}
              </Button>
            </div>
          </Flex>
        )}
      </Form.List>
    );
  return <Typography.Text type="secondary">{t('monitoring.question.textKind')}</Typography.Text>;
}

/** The index weights by sub-index as typed, each sum exact, and whether it is 1. */
function WeightSums({ rows }: { rows: QuestionValues[] }) {
  const { t } = useI18n();
  const name = useTermName();
  const sums = subIndexSums(rows.filter(Boolean));
  if (sums.length === 0) return null;
  return (
    <Flex gap={6} wrap align="center" data-testid="weight-sums">
      <Typography.Text type="secondary">{t('monitoring.design.weightSums')}</Typography.Text>
      {sums.map((s) => (
        <Tag
          key={s.subIndex}
          color={isOne(s.sum) ? 'green' : 'orange'}
          data-testid="weight-sum"
          data-sub-index={s.subIndex}
          data-sum={s.sum ?? ''}
        >
          {name(SMEDI_SUB_INDICES, s.subIndex)}：{s.sum ?? t('monitoring.design.notDecimal')}
          {isOne(s.sum) ? ' ✓' : ` ≠ 1`}
        </Tag>
      ))}
    </Flex>
  );
}

/** The survey's versions: each with its note, whether frozen, and its questions on demand. */
function VersionsCard({ survey }: { survey: Survey }) {
  const { t, locale } = useI18n();
  const [viewing, setViewing] = useState<number | null>(null);
  const columns: TableColumnsType<SurveyVersion> = [
    {
      title: t('monitoring.survey.version'),
      dataIndex: 'version',
      width: 110,
      render: (v: number) => (
        <Space size={4}>
          {t('monitoring.survey.versionN', { version: v })}
          {v === survey.currentVersion ? <Tag color="blue">{t('monitoring.design.current')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('monitoring.design.versionNote'), dataIndex: 'note', render: (n: string) => n || '—' },
    {
      title: t('monitoring.design.frozenCol'),
      dataIndex: 'frozen',
      width: 110,
      render: (frozen: boolean) =>
        frozen ? (
          <Tag color="orange">{t('monitoring.design.isFrozen')}</Tag>
        ) : (
          <Tag>{t('monitoring.design.notFrozen')}</Tag>
        ),
    },
    { title: t('monitoring.design.questionCount'), dataIndex: 'questions', width: 90, align: 'right' },
    {
      title: t('monitoring.design.createdAt'),
      dataIndex: 'createdAt',
      width: 180,
      render: (at: string) => formatDateTime(at, locale),
    },
    {
      title: t('common.actions'),
      key: 'view',
      width: 90,
      render: (_, v) => (
        <Button
          size="small"
          icon={<EyeOutlined />}
          disabled={false}
          onClick={() => setViewing(v.version)}
          data-testid="version-view"
        >
          {t('monitoring.design.view')}
        </Button>
      ),
    },
  ];
  return (
    <Card title={t('monitoring.design.versions')} size="small" styles={{ body: { padding: 0 } }}>
      <Table<SurveyVersion>
        rowKey="version"
        size="small"
        columns={columns}
        dataSource={survey.versions}
        pagination={false}
        onRow={(v) => ({ 'data-testid': 'version-row', 'data-version': v.version }) as object}
      />
      {viewing !== null ? (
        <VersionModal surveyId={survey.id} version={viewing} onClose={() => setViewing(null)} />
      ) : null}
    </Card>
  );
}

/** One version's questions, read only. */
function VersionModal({
  surveyId,
  version,
  onClose,
}: {
  surveyId: number;
  version: number;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const data = useApiQuery(monitoringQueries.surveyVersion(surveyId, version));
  return (
    <Modal
      open
      width={960}
      title={t('monitoring.design.versionTitle', { version })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
    >
      <LoadError error={data.error} onRetry={data.reload} />
      {data.data?.note ? (
        <Typography.Paragraph type="secondary">{data.data.note}</Typography.Paragraph>
      ) : null}
      <QuestionList questions={data.data?.questions ?? []} loading={data.loading} />
    </Modal>
  );
}

/** Questions as a read-only table. */
export function QuestionList({
  questions,
  loading = false,
}: {
  questions: readonly Question[];
  loading?: boolean;
}) {
  const { t, locale } = useI18n();
  const name = useTermName();
  const columns: TableColumnsType<Question> = [
    { title: '#', dataIndex: 'position', width: 50 },
    { title: t('monitoring.question.code'), dataIndex: 'code', width: 90 },
    {
      title: t('monitoring.question.text'),
      dataIndex: 'textZh',
      render: (_, q) => (locale === 'en' ? q.textEn || q.textZh : q.textZh),
    },
    {
      title: t('monitoring.question.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (kind: string, q) => (
        <Flex vertical gap={2}>
          <span>{name(ANSWER_KINDS, kind)}</span>
          {q.required ? (
            <Tag style={{ width: 'fit-content' }}>{t('monitoring.question.required')}</Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('monitoring.question.settings'),
      key: 'settings',
      width: 260,
      render: (_, q) => {
        const parts: string[] = [];
        if (q.subIndex) parts.push(name(SMEDI_SUB_INDICES, q.subIndex));
        if (q.direction) parts.push(name(DIRECTIONS, q.direction));
        if (q.weight) parts.push(t('monitoring.question.weightIs', { weight: q.weight }));
        if (q.pmiComponent) parts.push(name(PMI_COMPONENTS, q.pmiComponent));
        if (q.kind === 'three_level') {
          // The answers as the enterprise is offered them (延长 / 持平 / 缩短 for a delivery time).
          const words = levelWords(q, locale);
          parts.push(`${words.up} / ${words.same} / ${words.down}`);
        }
        if (q.unit) parts.push(unitName(q.unit, locale));
        if (q.min !== null || q.max !== null) parts.push(`${q.min ?? '…'} – ${q.max ?? '…'}`);
        if (q.choices) parts.push(q.choices.map((c) => (locale === 'en' ? c.en || c.zh : c.zh)).join(' / '));
        return parts.join(' · ') || '—';
      },
    },
  ];
  return (
    <Table<Question>
      rowKey="code"
      size="small"
      columns={columns}
      dataSource={inQuestionnaireOrder(questions)}
      loading={loading}
      pagination={false}
      scroll={{ x: 800 }}
    />
  );
}
