/**
 * `/app/procurement/projects/new` and `/app/procurement/projects/:id/edit` (a buyer): a project of the body's year
 * plan. As the buyer types the kind, budget, announcement date, whether the project suits SMEs (else why not) and
 * the quota, what the rules in force on that date require is asked of the public calculator and shown beside the
 * form (whole, a reserved share with its minimum amounts, the deduction only, or below the quota), with a way to fill
 * in the least reservation that meets it. A plan may be saved short of the rules: after saving, the server's
 * shortfalls show as warnings on their fields (reservedAmount, smallMicroReserved) and its requirement beside them;
 * refusals land on their fields. A change sends the version read (409: reloaded).
 */
import { CheckCircleOutlined, SaveOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Spin,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { ApiError } from '../../api/client.ts';
import {
  type Exemption,
  type ProcurementKind,
  type Project,
  type ProjectInput,
  procurementApi,
  procurementQueries,
  type Requirement,
  type RequirementInput,
  type ReservationWay,
} from '../../api/procurement.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { applyNestedFieldErrors, clearFormErrors } from '../../lib/formErrors.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import {
  ceilToFen,
  cleanNumber,
  compareDecimal,
  fieldPath,
  formatWanOfYuan,
  PERCENT_PATTERN,
  planYears,
  YUAN_PATTERN,
} from './procurementModel.ts';
import {
  BodyNotRegistered,
  DetailHeading,
  EXEMPTIONS,
  isBodyMissing,
  PROCUREMENT_KINDS,
  RESERVATION_WAYS,
  RequirementView,
  useTermName,
  useTermOptions,
  useText,
  Yuan,
} from './procurementParts.tsx';

interface ProjectValues {
  planYear: number;
  code?: string;
  name?: string;
  kind: ProcurementKind;
  budget?: string;
  announcementDate?: Dayjs | null;
  suitedToSmes: boolean;
  exemption?: Exemption;
  exemptionNote?: string;
  quota?: string;
  way?: ReservationWay | null;
  reservedAmount?: string;
  smallMicroReserved?: string;
  partnerShare?: string;
  note?: string;
}

const FIELDS = [
  'planYear',
  'code',
  'name',
  'kind',
  'budget',
  'announcementDate',
  'suitedToSmes',
  'exemption',
  'exemptionNote',
  'quota',
  'way',
  'reservedAmount',
  'smallMicroReserved',
  'partnerShare',
  'note',
];

/** The form's values of a stored project. */
function valuesOf(project: Project): ProjectValues {
  return {
    planYear: project.planYear,
    code: project.code,
    name: project.name,
    kind: project.kind,
    budget: project.budget,
    announcementDate: dayjs(project.announcementDate),
    suitedToSmes: project.suitedToSmes,
    exemption: project.exemption ?? undefined,
    exemptionNote: project.exemptionNote || undefined,
    quota: project.quota ?? undefined,
    way: project.way,
    reservedAmount: project.reservedAmount === '0' ? undefined : project.reservedAmount,
    smallMicroReserved: project.smallMicroReserved === '0' ? undefined : project.smallMicroReserved,
    partnerShare: project.partnerShare ?? undefined,
    note: project.note || undefined,
  };
}

/** The request of the form's values (the reservation only for a project suited to SMEs). */
function projectBody(values: ProjectValues): ProjectInput {
  const partner = values.way === 'consortium' || values.way === 'subcontract';
  const quota = cleanNumber(values.quota);
  const reserved = cleanNumber(values.reservedAmount);
  const smallMicro = cleanNumber(values.smallMicroReserved);
  const share = cleanNumber(values.partnerShare);
  const exemptionNote = values.exemptionNote?.trim();
  const note = values.note?.trim();
  return {
    planYear: values.planYear,
    code: (values.code ?? '').trim(),
    name: (values.name ?? '').trim(),
    kind: values.kind,
    budget: cleanNumber(values.budget),
    suitedToSmes: values.suitedToSmes,
    announcementDate: values.announcementDate?.format('YYYY-MM-DD') ?? '',
    ...(values.suitedToSmes
      ? {
          ...(values.way ? { way: values.way } : {}),
          ...(reserved ? { reservedAmount: reserved } : {}),
          ...(smallMicro ? { smallMicroReserved: smallMicro } : {}),
          ...(partner && share ? { partnerShare: share } : {}),
        }
      : {
          ...(values.exemption ? { exemption: values.exemption } : {}),
          ...(exemptionNote ? { exemptionNote } : {}),
        }),
    ...(quota ? { quota } : {}),
    ...(note ? { note } : {}),
  };
}

/** The requirement's question of the form's values, or null while one of its fields is missing or malformed. */
function requirementInputOf(values: Partial<ProjectValues>): RequirementInput | null {
  const budget = cleanNumber(values.budget);
  const quota = cleanNumber(values.quota);
  const date = values.announcementDate;
  if (!values.kind || !YUAN_PATTERN.test(budget) || !/[1-9]/.test(budget) || !date?.isValid()) return null;
  if (quota && !YUAN_PATTERN.test(quota)) return null;
  const suited = values.suitedToSmes ?? true;
  if (!suited && !values.exemption) return null;
  return {
    kind: values.kind,
    budget,
    announcementDate: date.format('YYYY-MM-DD'),
    suitedToSmes: suited,
    ...(suited ? {} : { exemption: values.exemption }),
    ...(quota ? { quota } : {}),
  };
}

/** What the rules require of the values as typed, asked 400 ms after the last keystroke. */
function useRequirementPreview(input: RequirementInput | null) {
  const key = JSON.stringify(input);
  const [asked, setAsked] = useState(input);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the input is compared by its text.
  useEffect(() => {
    const timer = setTimeout(() => setAsked(input), 400);
    return () => clearTimeout(timer);
  }, [key]);
  return useQuery({
    queryKey: ['procurement-requirement-preview', asked],
    queryFn: ({ signal }) => procurementApi.requirement(asked as RequirementInput, signal),
    enabled: asked !== null,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
    placeholderData: keepPreviousData,
  });
}

export default function ProjectFormPage() {
  const { id } = useParams();
  const { user } = useSession();
  const { t } = useI18n();
  const projectId = id === undefined ? null : Number(id);
  if (user && user.role !== 'buyer')
    return (
      <Result
        status="info"
        title={t('proc.form.buyersOnly')}
        subTitle={t('proc.form.buyersOnlyText')}
        extra={
          <Link to={projectId ? `/app/procurement/projects/${projectId}` : '/app/procurement/projects'}>
            {t('proc.projects.back')}
          </Link>
        }
      />
    );
  if (projectId === null) return <NewProject />;
  return <EditProject id={projectId} />;
}

/** A new project: the buyer's body must be registered first (the home's `buyingBody` is null until it is). */
function NewProject() {
  const home = useApiQuery(apiQuery('/api/home'));
  if (home.data && home.data.buyingBody === null) return <BodyNotRegistered />;
  return <ProjectEditor project={null} />;
}

function EditProject({ id }: { id: number }) {
  const { user } = useSession();
  const valid = Number.isSafeInteger(id) && id > 0;
  const project = useApiQuery({ ...procurementQueries.project(valid ? id : 0), enabled: valid });
  if (!valid) return <ErrorResult error={new ApiError(404, 'NOT_FOUND', String(id))} />;
  if (isBodyMissing(project.error, user)) return <BodyNotRegistered error={project.error} />;
  if (project.error && !project.data) return <ErrorResult error={project.error} onRetry={project.reload} />;
  if (!project.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  // A new key after each save: the form starts again from the project as stored.
  return (
    <ProjectEditor
      key={`${project.data.id}-${project.data.version}`}
      project={project.data}
      reload={project.reload}
    />
  );
}

function ProjectEditor({ project, reload }: { project: Project | null; reload?: () => void }) {
  const { t, locale } = useI18n();
  const text = useText();
  const termName = useTermName();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const justSaved = params.get('saved') === '1';
  const [form] = Form.useForm<ProjectValues>();
  const kindOptions = useTermOptions(PROCUREMENT_KINDS);
  const exemptionOptions = useTermOptions(EXEMPTIONS);
  const wayOptions = useTermOptions(RESERVATION_WAYS);
  const today = todayInChina();
  const years = useMemo(() => planYears(today), [today]);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  const values = Form.useWatch([], form) as Partial<ProjectValues> | undefined;
  const initial = useMemo<ProjectValues>(
    () =>
      project
        ? valuesOf(project)
        : {
            planYear: Number(today.slice(0, 4)),
            kind: 'goods',
            suitedToSmes: true,
            announcementDate: dayjs(today),
          },
    [project, today],
  );
  const input = requirementInputOf(values ?? initial);
  const preview = useRequirementPreview(input);
  const requirement: Requirement | undefined = input ? preview.data : undefined;
  const suited = values?.suitedToSmes ?? initial.suitedToSmes;
  const way = values?.way ?? initial.way;
  const partner = way === 'consortium' || way === 'subcontract';

  // The stored project's shortfalls as warnings on their fields (a plan may be saved short; it is never hidden).
  const warned = useRef(false);
  useEffect(() => {
    if (!project || warned.current) return;
    warned.current = true;
    const byField = new Map<string, string[]>();
    for (const s of project.shortfalls)
      byField.set(s.field, [...(byField.get(s.field) ?? []), text(s.message)]);
    form.setFields([...byField].map(([name, warnings]) => ({ name: name as keyof ProjectValues, warnings })));
  }, [project, form, text]);

  // Reserving the whole project reserves its whole budget.
  const budget = cleanNumber(values?.budget);
  useEffect(() => {
    if (way === 'whole' && budget && YUAN_PATTERN.test(budget)) form.setFieldValue('reservedAmount', budget);
  }, [way, budget, form]);

  const fillMinimum = () => {
    if (!requirement) return;
    if (requirement.mode === 'whole') {
      form.setFieldsValue({ way: 'whole', reservedAmount: budget });
    } else if (
      requirement.mode === 'share' &&
      requirement.reservedAmountMin &&
      requirement.smallMicroAmountMin
    ) {
      form.setFieldsValue({
        way: way && way !== 'whole' ? way : 'lots',
        reservedAmount: ceilToFen(requirement.reservedAmountMin),
        smallMicroReserved: ceilToFen(requirement.smallMicroAmountMin),
      });
    }
    form.setFields([
      { name: 'reservedAmount', warnings: [] },
      { name: 'smallMicroReserved', warnings: [] },
    ]);
  };

  const onFinish = async (formValues: ProjectValues) => {
    setSaving(true);
    setFailure(null);
    clearFormErrors(form);
    const body = projectBody(formValues);
    try {
      const saved = project
        ? await procurementApi.changeProject(project.id, { ...body, version: project.version })
        : await procurementApi.createProject(body);
      void message.success(
        saved.shortfalls.length > 0 ? t('proc.form.savedShort') : t('proc.form.saved', { name: saved.name }),
      );
      // The project as saved is the page's answer now (its new version: the next save sends it).
      queryClient.setQueryData(procurementQueries.project(saved.id).queryKey, saved);
      navigate(`/app/procurement/projects/${saved.id}/edit?saved=1`, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        setConflict(true);
        return;
      }
      const { unmatched } = applyNestedFieldErrors(form, error, (field) => {
        const [head] = fieldPath(field);
        return typeof head === 'string' && FIELDS.includes(head) ? [head] : null;
      });
      const allShown = error instanceof ApiError && error.errors.length > 0 && unmatched.length === 0;
      setFailure(
        allShown
          ? t('proc.calc.fixFields')
          : [error instanceof Error ? error.message : String(error), ...unmatched].join(
              t('proc.listSeparator'),
            ),
      );
    } finally {
      setSaving(false);
    }
  };

  const required = { required: true, message: t('proc.form.required') };
  const pattern = (re: RegExp, messageText: string) => ({
    validator: (_: unknown, value: string | undefined) =>
      !value || re.test(cleanNumber(value)) ? Promise.resolve() : Promise.reject(new Error(messageText)),
  });
  const reserved = cleanNumber(values?.reservedAmount) || '0';
  const smallMicro = cleanNumber(values?.smallMicroReserved) || '0';
  const liveShort =
    requirement?.mode === 'whole'
      ? budget && YUAN_PATTERN.test(budget) && compareDecimal(reserved, budget) < 0
      : requirement?.mode === 'share'
        ? compareDecimal(reserved, requirement.reservedAmountMin ?? '0') < 0 ||
          compareDecimal(smallMicro, requirement.smallMicroAmountMin ?? '0') < 0
        : false;
  const cancelled = project?.state === 'cancelled';

  return (
    <Flex vertical gap={16}>
      <DetailHeading
        back={project ? `/app/procurement/projects/${project.id}` : '/app/procurement/projects'}
        backText={project ? t('proc.project.back') : t('proc.projects.back')}
        title={project ? t('proc.form.editTitle', { name: project.name }) : t('proc.form.newTitle')}
      />
      {justSaved && project ? (
        <Alert
          type={project.shortfalls.length > 0 ? 'warning' : 'success'}
          showIcon
          data-testid="project-saved"
          title={
            project.shortfalls.length > 0
              ? t('proc.form.savedShortTitle', { count: project.shortfalls.length })
              : t('proc.form.savedTitle')
          }
          description={
            <Flex vertical gap={4}>
              {project.shortfalls.map((s) => (
                <span key={s.field} data-testid="project-shortfall" data-field={s.field}>
                  {t(
                    `proc.field.${s.field === 'smallMicroReserved' ? 'smallMicroReserved' : 'reservedAmount'}`,
                  )}
                  {t('proc.colon')}
                  {text(s.message)}
                </span>
              ))}
              <span>
                {t('proc.form.savedReservation', {
                  way: project.way ? termName(RESERVATION_WAYS, project.way) : t('proc.form.noWay'),
                  reserved: formatWanOfYuan(project.reservedAmount, locale),
                  smallMicro: formatWanOfYuan(project.smallMicroReserved, locale),
                })}
              </span>
              <Link to={`/app/procurement/projects/${project.id}`} data-testid="project-saved-open">
                {t('proc.form.openProject')}
              </Link>
            </Flex>
          }
        />
      ) : null}
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          title={t('proc.form.conflict')}
          action={
            <Button size="small" onClick={() => (reload ? reload() : window.location.reload())}>
              {t('common.reload')}
            </Button>
          }
        />
      ) : null}
      {cancelled ? <Alert type="info" showIcon title={t('proc.form.cancelled')} /> : null}
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={14}>
          <Card>
            <Form<ProjectValues>
              form={form}
              layout="vertical"
              initialValues={initial}
              disabled={cancelled}
              scrollToFirstError={{ block: 'center', behavior: 'smooth' }}
              onFinish={(v) => void onFinish(v)}
              onValuesChange={() => {
                if (failure) setFailure(null);
              }}
              data-testid="project-form"
              data-version={project?.version}
            >
              <Divider titlePlacement="start" style={{ marginTop: 0 }}>
                {t('proc.form.section.project')}
              </Divider>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item name="planYear" label={t('proc.field.planYear')} rules={[required]}>
                    <Select
                      options={years.map((year) => ({ value: year, label: String(year) }))}
                      data-testid="project-year"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16}>
                  <Form.Item
                    name="code"
                    label={t('proc.field.code')}
                    extra={t('proc.field.codeHelp')}
                    rules={[required, { max: 60, message: t('proc.form.max', { max: 60 }) }]}
                  >
                    <Input maxLength={60} className="huiqi-mono" data-testid="project-code" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="name"
                label={t('proc.field.name')}
                rules={[required, { min: 2, message: t('proc.form.min', { min: 2 }) }]}
              >
                <Input maxLength={200} data-testid="project-name" />
              </Form.Item>
              <Form.Item name="kind" label={t('proc.field.kind')} rules={[required]}>
                <Radio.Group optionType="button" options={kindOptions} data-testid="project-kind" />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="budget"
                    label={t('proc.field.budget')}
                    rules={[
                      required,
                      pattern(YUAN_PATTERN, t('proc.form.yuan')),
                      {
                        // A budget of 0 is no project: told here as the server tells it.
                        validator: (_: unknown, value: string | undefined) =>
                          !YUAN_PATTERN.test(cleanNumber(value)) || /[1-9]/.test(cleanNumber(value))
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('proc.form.budgetPositive'))),
                      },
                    ]}
                    extra={
                      budget && YUAN_PATTERN.test(budget) && locale !== 'en'
                        ? t('proc.form.wanHint', { wan: formatWanOfYuan(budget, locale) })
                        : undefined
                    }
                  >
                    <Input suffix={t('proc.unit.yuan')} inputMode="decimal" data-testid="project-budget" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="announcementDate"
                    label={t('proc.field.announcementDate')}
                    extra={t('proc.field.announcementDatePlan')}
                    rules={[required]}
                  >
                    <DatePicker style={{ width: '100%' }} data-testid="project-date" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="suitedToSmes" label={t('proc.field.suitedToSmes')}>
                <Radio.Group data-testid="project-suited">
                  <Radio value={true}>{t('proc.field.suited.yes')}</Radio>
                  <Radio value={false}>{t('proc.field.suited.no')}</Radio>
                </Radio.Group>
              </Form.Item>
              {suited ? null : (
                <>
                  <Form.Item
                    name="exemption"
                    label={t('proc.field.exemption')}
                    rules={[{ required: true, message: t('proc.form.exemptionRequired') }]}
                  >
                    <Select options={exemptionOptions} data-testid="project-exemption" />
                  </Form.Item>
                  <Form.Item
                    name="exemptionNote"
                    label={`${t('proc.field.exemptionNote')} ${t('common.optional')}`}
                  >
                    <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2 }} />
                  </Form.Item>
                </>
              )}
              <Form.Item
                name="quota"
                label={`${t('proc.field.quota')} ${t('common.optional')}`}
                extra={t('proc.field.quotaHelp')}
                rules={[pattern(YUAN_PATTERN, t('proc.form.yuan'))]}
              >
                <Input suffix={t('proc.unit.yuan')} inputMode="decimal" data-testid="project-quota" />
              </Form.Item>

              {suited ? (
                <>
                  <Divider titlePlacement="start">{t('proc.form.section.reservation')}</Divider>
                  <Form.Item name="way" label={t('proc.field.way')} extra={t('proc.field.wayHelp')}>
                    <Select allowClear options={wayOptions} data-testid="project-way" />
                  </Form.Item>
                  <Row gutter={16}>
                    <Col xs={24} md={12}>
                      <Form.Item
                        name="reservedAmount"
                        label={t('proc.field.reservedAmount')}
                        rules={[pattern(YUAN_PATTERN, t('proc.form.yuan'))]}
                      >
                        <Input
                          suffix={t('proc.unit.yuan')}
                          inputMode="decimal"
                          disabled={way === 'whole'}
                          data-testid="project-reserved"
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item
                        name="smallMicroReserved"
                        label={t('proc.field.smallMicroReserved')}
                        rules={[pattern(YUAN_PATTERN, t('proc.form.yuan'))]}
                      >
                        <Input
                          suffix={t('proc.unit.yuan')}
                          inputMode="decimal"
                          data-testid="project-small-micro"
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                  {partner ? (
                    <Form.Item
                      name="partnerShare"
                      label={t('proc.field.partnerShare')}
                      extra={t('proc.field.partnerShareHelp')}
                      rules={[required, pattern(PERCENT_PATTERN, t('proc.form.percent'))]}
                    >
                      <Input
                        suffix="%"
                        inputMode="decimal"
                        style={{ maxWidth: 200 }}
                        data-testid="project-partner-share"
                      />
                    </Form.Item>
                  ) : null}
                </>
              ) : null}
              <Form.Item name="note" label={`${t('proc.field.note')} ${t('common.optional')}`}>
                <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 2 }} />
              </Form.Item>
              {failure ? (
                <Alert
                  type="error"
                  showIcon
                  title={failure}
                  style={{ marginBottom: 16 }}
                  data-testid="project-error"
                />
              ) : null}
              <Space wrap>
                <Button
                  type="primary"
                  htmlType="submit"
                  icon={<SaveOutlined />}
                  loading={saving}
                  data-testid="project-submit"
                >
                  {project ? t('common.save') : t('proc.form.create')}
                </Button>
                <Button
                  onClick={() =>
                    navigate(
                      project ? `/app/procurement/projects/${project.id}` : '/app/procurement/projects',
                    )
                  }
                >
                  {t('common.cancel')}
                </Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <div style={{ position: 'sticky', top: 16 }}>
            <Card
              title={
                <Space>
                  <span>{t('proc.form.preview')}</span>
                  {preview.isFetching ? <Spin size="small" /> : null}
                </Space>
              }
              data-testid="project-preview"
            >
              {!input ? (
                <Empty description={t('proc.form.previewEmpty')} />
              ) : preview.error && !requirement ? (
                <Alert
                  type="warning"
                  showIcon
                  title={t('proc.form.previewFailed')}
                  description={
                    preview.error instanceof ApiError && preview.error.errors.length > 0
                      ? preview.error.errors
                          .map((e) => `${t(fieldLabel(e.field))}${t('proc.colon')}${e.message}`)
                          .join(t('proc.listSeparator'))
                      : preview.error.message
                  }
                  data-testid="project-preview-error"
                />
              ) : requirement ? (
                <Flex vertical gap={12}>
                  <RequirementView requirement={requirement} testId="project-requirement" />
                  {suited && (requirement.mode === 'whole' || requirement.mode === 'share') ? (
                    <Flex vertical gap={8}>
                      {liveShort ? (
                        <Alert
                          type="warning"
                          showIcon
                          title={t('proc.form.liveShort')}
                          description={
                            requirement.mode === 'share' ? (
                              <span>
                                {t('proc.form.liveShortShare')} <Yuan value={requirement.reservedAmountMin} />{' '}
                                / <Yuan value={requirement.smallMicroAmountMin} />
                              </span>
                            ) : (
                              t('proc.form.liveShortWhole')
                            )
                          }
                          data-testid="project-live-short"
                        />
                      ) : (
                        <Alert
                          type="success"
                          showIcon
                          icon={<CheckCircleOutlined />}
                          title={t('proc.form.liveMeets')}
                          data-testid="project-live-meets"
                        />
                      )}
                      <div>
                        <Button
                          icon={<ThunderboltOutlined />}
                          onClick={fillMinimum}
                          disabled={cancelled}
                          data-testid="project-fill-minimum"
                        >
                          {t('proc.form.fillMinimum')}
                        </Button>
                      </div>
                    </Flex>
                  ) : null}
                </Flex>
              ) : (
                <Skeleton active paragraph={{ rows: 4 }} />
              )}
            </Card>
          </div>
        </Col>
      </Row>
    </Flex>
  );
}

/** The label of a field a preview's error names ('announcementDate' → 公告日期). */
function fieldLabel(field: string) {
  const [head] = fieldPath(field);
  switch (head) {
    case 'budget':
      return 'proc.field.budget' as const;
    case 'announcementDate':
      return 'proc.field.announcementDate' as const;
    case 'quota':
      return 'proc.field.quota' as const;
    case 'exemption':
      return 'proc.field.exemption' as const;
    default:
      return 'proc.field.kind' as const;
  }
}
