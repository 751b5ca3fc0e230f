/**
 * `/app/policies/:id` (and `/app/policies/new`): an official writes or amends a policy — basic information, the
 * eligibility rule (form builder) and its parameters, the YAML, test cases, a preview of who qualifies — saves the
 * draft (optimistic lock: a 409 keeps the edits), publishes it (tests must pass; an amendment needs a change
 * note) or withdraws it; for a published policy, the 免申即享 benefit list and the policy's reach.
 */
import { ArrowLeftOutlined, RollbackOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Badge,
  Button,
  ConfigProvider,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Skeleton,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api, type PolicyAdmin, type TestRun } from '../../api/client.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { type TFunction, useI18n } from '../../i18n/I18nProvider.tsx';
import { referenceQuery, useApiQuery } from '../../lib/queries.ts';
import { ApplicationsTab } from './ApplicationsTab.tsx';
import { BenefitsTab } from './BenefitsTab.tsx';
import { MethodTag, PolicyStatusTag, ProblemList, problemsOf, todayIso } from './common.tsx';
import { InfoForm } from './InfoForm.tsx';
import { ParametersEditor } from './ParametersEditor.tsx';
import { PreviewTab } from './PreviewTab.tsx';
import {
  type Area,
  areaOf,
  definitionOf,
  type EditorModel,
  fingerprint,
  type LocalProblem,
  modelOf,
  newModel,
  proposedIssuer,
  proposePolicyId,
  type TestRow,
} from './policyModel.ts';
import { ReachTab } from './ReachTab.tsx';
import { RuleBuilder } from './RuleBuilder.tsx';
import type { Problem } from './ruleTree.ts';
import { TestsTab } from './TestsTab.tsx';
import { VersionsTab } from './VersionsTab.tsx';
import { YamlTab, yamlId } from './YamlTab.tsx';

type TabKey =
  | 'info'
  | 'rule'
  | 'yaml'
  | 'tests'
  | 'preview'
  | 'versions'
  | 'benefits'
  | 'applications'
  | 'reach';

/** The tab where a problem of an area is shown. */
const AREA_TABS: Record<Area, TabKey> = {
  info: 'info',
  rule: 'rule',
  parameters: 'rule',
  tests: 'tests',
  publish: 'versions',
  other: 'info',
};

function localMessage(t: TFunction, problem: LocalProblem): string {
  switch (problem.code) {
    case 'factsJson':
      return t('policyAdmin.local.factsJson', problem.params);
    case 'paramName':
      return t('policyAdmin.local.paramName', problem.params);
    case 'paramDuplicate':
      return t('policyAdmin.local.paramDuplicate', problem.params);
  }
}

export default function PolicyEditorPage() {
  const { t } = useI18n();
  const { id } = useParams();
  if (id === 'new') return <PolicyEditor key="new" policyId={null} />;
  const policyId = Number(id);
  if (!Number.isSafeInteger(policyId) || policyId <= 0)
    return (
      <Result
        status="404"
        title={t('policyAdmin.notFound')}
        extra={<Link to="/app/policies">{t('policyAdmin.backToList')}</Link>}
      />
    );
  return <PolicyEditor key={policyId} policyId={policyId} />;
}

type Busy = 'save' | 'publish' | 'withdraw' | 'yaml' | 'test' | null;

/** The test cases a run was made with, by name in order (results are matched by position). */
function caseNames(tests: readonly TestRow[]): string {
  return JSON.stringify(tests.map((test) => test.name.trim()));
}

function PolicyEditor({ policyId }: { policyId: number | null }) {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const { message, modal } = AntApp.useApp();
  const isNew = policyId === null;
  const rootCode = user?.role === 'official' ? user.regionCode : null;
  const nationalAllowed = user?.role === 'admin' || (user?.role === 'official' && !user.regionCode);
  const vocabulary = useApiQuery(referenceQuery('/api/public/policy-vocabulary', { anonymousOk: true }));

  const [policy, setPolicy] = useState<PolicyAdmin | null>(null);
  const [loadError, setLoadError] = useState<Error | null>(null);
  const [model, setModel] = useState<EditorModel>(() => newModel(todayIso(), rootCode));
  const [baseline, setBaseline] = useState<string>(() => fingerprint(newModel(todayIso(), rootCode)));
  /** Bumped when the model is replaced: the forms remount with the new values. */
  const [generation, setGeneration] = useState(0);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [problemTitle, setProblemTitle] = useState<string | null>(null);
  const [yamlProblems, setYamlProblems] = useState<Problem[]>([]);
  const [yamlTitle, setYamlTitle] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [tab, setTab] = useState<TabKey>('info');
  /** The last test run, with what it ran and the test cases then (their results are shown by position). */
  const [testRun, setTestRun] = useState<{ run: TestRun; fingerprint: string; cases: string } | null>(null);
  const [publishOpen, setPublishOpen] = useState(false);
  const [withdrawOpen, setWithdrawOpen] = useState(false);
  /** Why the last withdrawal was refused (shown in the withdraw dialog). */
  const [withdrawError, setWithdrawError] = useState<{ title: string; problems: Problem[] } | null>(null);

  /** Shows the policy as the server has it; `ownEdits`: its draft is what the page just sent (a save). */
  const accept = useCallback((fresh: PolicyAdmin, ownEdits = false) => {
    const next = modelOf(fresh.draft);
    setPolicy(fresh);
    setModel(next);
    setBaseline(fingerprint(next));
    setGeneration((g) => g + 1);
    // Results belong to test cases by position: other cases (a YAML file, a reload) drop them.
    if (!ownEdits) setTestRun((last) => (last && last.cases === caseNames(next.tests) ? last : null));
  }, []);

  const load = useCallback(async () => {
    if (policyId === null) return;
    setLoadError(null);
    try {
      accept(await api.policy(policyId));
      setConflict(null);
    } catch (error) {
      setLoadError(error instanceof Error ? error : new Error(String(error)));
    }
  }, [policyId, accept]);

  useEffect(() => {
    void load();
  }, [load]);

  /** A free id for a new policy: region code, year, the next sequence among the ids the official can see. */
  const proposeId = useCallback(async () => {
    const year = Number(todayIso().slice(0, 4));
    const prefix = `${rootCode ?? 'cn'}-${year}`;
    const seen = await api.listPolicies({ q: prefix, pageSize: 200 }).catch(() => null);
    return proposePolicyId(rootCode, year, seen?.items.map((p) => p.slug) ?? []);
  }, [rootCode]);

  // A new policy starts with a proposed id and the issuing body of the official's region and department.
  const departmentCode = user?.departmentCode ?? null;
  useEffect(() => {
    if (!isNew) return;
    let active = true;
    void (async () => {
      const [id, region, departments] = await Promise.all([
        proposeId(),
        rootCode ? api.region(rootCode).catch(() => null) : Promise.resolve(null),
        departmentCode ? api.departments().catch(() => []) : Promise.resolve([]),
      ]);
      if (!active) return;
      const department = departments.find((d) => d.code === departmentCode);
      const issuer = proposedIssuer(region?.name ?? null, department?.nameZh ?? null);
      const pristine = newModel(todayIso(), rootCode);
      const proposed = { ...pristine, info: { ...pristine.info, id, issuer } };
      setModel((m) => ({
        ...m,
        info: { ...m.info, id: m.info.id || id, issuer: m.info.issuer || issuer },
      }));
      setBaseline((b) => (b === fingerprint(pristine) ? fingerprint(proposed) : b));
      setGeneration((g) => g + 1);
    })();
    return () => {
      active = false;
    };
  }, [isNew, proposeId, rootCode, departmentCode]);

  const current = useMemo(() => fingerprint(model), [model]);
  const dirty = current !== baseline;

  // Leaving the page with unsaved edits asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const editable = isNew || (policy?.editable ?? false);
  const readOnly = !editable;

  const clearProblems = () => {
    setProblems([]);
    setProblemTitle(null);
  };

  /** Shows a refusal: a conflict banner, or the problems listed (and the tab of the first one). */
  const fail = (error: unknown): Problem[] => {
    if (error instanceof ApiError && error.code === 'CONFLICT') {
      setConflict(error.message);
      return [];
    }
    const found = problemsOf(error);
    setProblems(found);
    setProblemTitle(error instanceof Error ? error.message : String(error));
    const first = found[0];
    if (first && first.field !== 'changeNote') setTab(AREA_TABS[areaOf(first.field)]);
    void message.error(error instanceof Error ? error.message : String(error));
    return found;
  };

  /** The definition to send, or null after showing what the browser found wrong. */
  const definitionToSend = (): Record<string, unknown> | null => {
    const { definition, problems: local } = definitionOf(model);
    if (local.length === 0) return definition;
    const shown = local.map((p) => ({ field: p.field, message: localMessage(t, p) }));
    setProblems(shown);
    setProblemTitle(t('policyAdmin.local.title'));
    const first = shown[0];
    if (first) setTab(AREA_TABS[areaOf(first.field)]);
    return null;
  };

  const save = async (): Promise<PolicyAdmin | null> => {
    if (!isNew && !dirty && policy) {
      void message.info(t('policyAdmin.noChanges'));
      return policy;
    }
    const definition = definitionToSend();
    if (!definition) return null;
    setBusy('save');
    clearProblems();
    try {
      if (isNew) {
        const created = await api.createPolicy(definition);
        void message.success(t('policyAdmin.created'));
        setBaseline(current);
        navigate(`/app/policies/${created.id}`, { replace: true });
        return created;
      }
      if (!policy) return null;
      const saved = await api.saveDraft(policy.id, definition, policy.version);
      accept(saved, true);
      setConflict(null);
      void message.success(t('policyAdmin.saved'));
      return saved;
    } catch (error) {
      fail(error);
      return null;
    } finally {
      setBusy(null);
    }
  };

  /** Publishes (saving unsaved edits first); 'note' when only the change note needs fixing. */
  const publish = async (changeNote: string): Promise<'done' | 'note' | 'failed'> => {
    let target = policy;
    if (dirty) target = await save();
    if (!target) return 'failed';
    setBusy('publish');
    clearProblems();
    try {
      const published = await api.publishPolicy(target.id, target.version, changeNote.trim() || undefined);
      accept(published, true);
      void message.success(t('policyAdmin.published', { version: published.currentVersion ?? '' }));
      return 'done';
    } catch (error) {
      const found = fail(error);
      return found.length > 0 && found.every((p) => p.field === 'changeNote') ? 'note' : 'failed';
    } finally {
      setBusy(null);
    }
  };

  /**
   * Withdraws the published policy. Withdrawing leaves the draft as it was, so unsaved edits stay on the page
   * (still unsaved). A conflict closes the dialog (the banner explains); other refusals are shown in it.
   */
  const withdraw = async (reason: string): Promise<boolean> => {
    if (!policy) return false;
    setBusy('withdraw');
    setWithdrawError(null);
    clearProblems();
    try {
      const fresh = await api.withdrawPolicy(policy.id, policy.version, reason.trim());
      if (dirty) {
        setPolicy(fresh);
        setBaseline(fingerprint(modelOf(fresh.draft)));
      } else {
        accept(fresh, true);
      }
      void message.success(t('policyAdmin.withdrawn'));
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        fail(error);
        setWithdrawOpen(false);
        return false;
      }
      setWithdrawError({
        title: error instanceof Error ? error.message : String(error),
        problems: problemsOf(error),
      });
      return false;
    } finally {
      setBusy(null);
    }
  };

  const runTests = async () => {
    if (!policy) return;
    const definition = definitionToSend();
    if (!definition) return;
    setBusy('test');
    try {
      const run = await api.testPolicy(policy.id, definition);
      setTestRun({ run, fingerprint: current, cases: caseNames(model.tests) });
      clearProblems();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const uploadYaml = async (text: string) => {
    setBusy('yaml');
    setYamlProblems([]);
    setYamlTitle(null);
    try {
      // The editor's version lets the server replace this policy's draft (a file with another id gets none:
      // it creates that policy, or is refused when it exists).
      const fileId = yamlId(text);
      const own = policy && (fileId === null || fileId === policy.slug) ? policy.version : undefined;
      const result = await api.uploadPolicyYaml(text, own);
      void message.success(t('policyAdmin.yaml.applied'));
      if (policyId !== result.id) {
        setBaseline(current);
        navigate(`/app/policies/${result.id}`, { replace: isNew });
        return;
      }
      accept(result);
      clearProblems();
      setConflict(null);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        setConflict(error.message);
        return;
      }
      setYamlProblems(problemsOf(error));
      setYamlTitle(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };

  const applyYaml = (text: string) => {
    const fileId = yamlId(text);
    const warnings: string[] = [];
    if (dirty) warnings.push(t('policyAdmin.yaml.replaceEdits'));
    if (!isNew && fileId && fileId !== model.info.id)
      warnings.push(t('policyAdmin.yaml.otherId', { id: fileId, own: model.info.id }));
    if (warnings.length === 0) {
      void uploadYaml(text);
      return;
    }
    modal.confirm({
      title: t('policyAdmin.yaml.confirmTitle'),
      content: warnings.join(' '),
      okText: t('policyAdmin.yaml.apply'),
      cancelText: t('common.cancel'),
      onOk: () => uploadYaml(text),
    });
  };

  const reloadAfterConflict = () => {
    if (!dirty) {
      void load();
      return;
    }
    modal.confirm({
      title: t('policyAdmin.conflict.reloadTitle'),
      content: t('policyAdmin.conflict.reloadWarning'),
      okText: t('policyAdmin.conflict.reload'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => load(),
    });
  };

  if (loadError) return <ErrorResult error={loadError} onRetry={() => void load()} />;
  if (!isNew && !policy) return <Skeleton active paragraph={{ rows: 14 }} />;

  const setInfo = (info: EditorModel['info']) => setModel((m) => ({ ...m, info }));
  const byArea = (area: Area | Area[]) => {
    const areas = Array.isArray(area) ? area : [area];
    return problems.filter((p) => areas.includes(areaOf(p.field)));
  };
  const setTests = (tests: TestRow[]) => {
    // Adding, duplicating or deleting a case moves the others: the results of the last run no longer fit.
    if (tests.length !== model.tests.length) setTestRun(null);
    setModel((m) => ({ ...m, tests }));
  };
  const vocabularyError = vocabulary.error ? (
    <LoadError error={vocabulary.error} onRetry={vocabulary.reload} style={{ marginBottom: 0 }} />
  ) : null;
  const parameterUnits = Object.fromEntries(
    model.parameters.filter((p) => p.name.trim() !== '').map((p) => [p.name.trim(), p.unit]),
  );
  const published = policy?.status === 'published';
  const hasVersion = policy?.currentVersion !== null && policy?.currentVersion !== undefined;
  const nothingToPublish = published && !policy?.draftChanged && !dirty;
  const label = (text: string, count: number): ReactNode =>
    count > 0 ? (
      <Badge count={count} size="small" offset={[8, -2]}>
        {text}
      </Badge>
    ) : (
      text
    );

  const tabs = [
    {
      key: 'info',
      label: label(t('policyAdmin.tab.info'), byArea(['info', 'other']).length),
      children: (
        <Flex vertical gap={16}>
          {vocabularyError}
          <InfoForm
            key={generation}
            initial={model.info}
            onChange={setInfo}
            problems={byArea('info')}
            isNew={isNew}
            readOnly={readOnly}
            vocabulary={vocabulary.data}
            rootCode={rootCode}
            nationalAllowed={nationalAllowed}
            onProposeId={proposeId}
          />
        </Flex>
      ),
    },
    {
      key: 'rule',
      label: label(t('policyAdmin.tab.rule'), byArea(['rule', 'parameters']).length),
      children: (
        <ConfigProvider componentDisabled={readOnly}>
          <Flex vertical gap={16}>
            {vocabularyError}
            <div>
              <Typography.Title level={5}>{t('policyAdmin.rule.title')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('policyAdmin.rule.intro')}</Typography.Paragraph>
              <RuleBuilder
                value={model.rule}
                onChange={(rule) => setModel((m) => ({ ...m, rule }))}
                vocabulary={vocabulary.data}
                parameterUnits={parameterUnits}
                problems={byArea('rule')}
                readOnly={readOnly}
                defaultRegion={model.info.regions[0] ?? rootCode}
              />
            </div>
            <div>
              <Typography.Title level={5}>{t('policyAdmin.param.title')}</Typography.Title>
              <Typography.Paragraph type="secondary">{t('policyAdmin.param.intro')}</Typography.Paragraph>
              <ParametersEditor
                key={generation}
                initial={model.parameters}
                onChange={(parameters) => setModel((m) => ({ ...m, parameters }))}
                problems={byArea('parameters')}
                readOnly={readOnly}
              />
            </div>
          </Flex>
        </ConfigProvider>
      ),
    },
    {
      key: 'yaml',
      label: t('policyAdmin.tab.yaml'),
      children: (
        <YamlTab
          key={generation}
          yaml={policy?.yaml ?? ''}
          slug={model.info.id}
          readOnly={readOnly}
          dirty={!isNew && dirty}
          applying={busy === 'yaml'}
          onApply={applyYaml}
          problems={yamlProblems}
          problemTitle={yamlTitle}
        />
      ),
    },
    {
      key: 'tests',
      label: label(t('policyAdmin.tab.tests'), byArea('tests').length),
      children: (
        <TestsTab
          tests={model.tests}
          onChange={setTests}
          problems={byArea('tests')}
          readOnly={readOnly}
          canRun={!isNew}
          running={busy === 'test'}
          onRun={() => void runTests()}
          run={testRun?.run ?? null}
          stale={testRun !== null && testRun.fingerprint !== current}
          vocabulary={vocabulary.data}
        />
      ),
    },
    ...(policy
      ? [
          {
            key: 'preview',
            label: t('policyAdmin.tab.preview'),
            children: <PreviewTab policyId={policy.id} dirty={dirty} savedVersion={policy.version} />,
          },
          {
            key: 'versions',
            label: label(t('policyAdmin.tab.versions'), byArea('publish').length),
            children: <VersionsTab policy={policy} dirty={dirty} />,
          },
        ]
      : []),
    ...(policy && hasVersion && policy.publishedMethod === 'automatic'
      ? [
          {
            key: 'benefits',
            label: t('policyAdmin.tab.benefits'),
            children: <BenefitsTab policyId={policy.id} published={published} />,
          },
        ]
      : []),
    ...(policy && hasVersion && policy.publishedMethod !== null && policy.publishedMethod !== 'automatic'
      ? [
          {
            key: 'applications',
            label: t('policyAdmin.tab.applications'),
            children: <ApplicationsTab policyId={policy.id} />,
          },
        ]
      : []),
    ...(policy && hasVersion
      ? [{ key: 'reach', label: t('policyAdmin.tab.reach'), children: <ReachTab policyId={policy.id} /> }]
      : []),
  ];

  const title = model.info.title.zh
    ? locale === 'en' && model.info.title.en
      ? model.info.title.en
      : model.info.title.zh
    : isNew
      ? t('policyAdmin.newTitle')
      : model.info.id;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Link to="/app/policies">
            <ArrowLeftOutlined /> {t('policyAdmin.backToList')}
          </Link>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title">
            {title}
          </Typography.Title>
          <Flex gap={4} wrap align="center">
            {policy ? <PolicyStatusTag status={policy.status} /> : <Tag>{t('policyAdmin.status.new')}</Tag>}
            {policy?.currentVersion ? (
              <Tag>{t('policyAdmin.currentVersion', { version: policy.currentVersion })}</Tag>
            ) : null}
            <MethodTag method={model.info.method} />
            {policy?.draftChanged && policy.status !== 'draft' ? (
              <Tag color="orange">{t('policyAdmin.draftChanged')}</Tag>
            ) : null}
            {policy?.demo || model.demo ? <Tag color="purple">{t('common.demo')}</Tag> : null}
            {dirty && !isNew ? (
              <Tag color="gold" data-testid="policy-dirty">
                {t('policyAdmin.unsaved')}
              </Tag>
            ) : null}
            {model.info.documentNumber ? (
              <Typography.Text type="secondary">{model.info.documentNumber}</Typography.Text>
            ) : null}
          </Flex>
        </Flex>
        {editable ? (
          <Flex gap={8} wrap>
            <Button
              type={isNew ? 'primary' : 'default'}
              icon={<SaveOutlined />}
              loading={busy === 'save'}
              disabled={busy !== null && busy !== 'save'}
              onClick={() => void save()}
              data-testid="policy-save"
            >
              {isNew ? t('policyAdmin.create') : t('policyAdmin.saveDraft')}
            </Button>
            {isNew ? null : (
              <Tooltip title={nothingToPublish ? t('policyAdmin.nothingToPublish') : undefined}>
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={busy === 'publish'}
                  disabled={nothingToPublish || (busy !== null && busy !== 'publish')}
                  onClick={() => setPublishOpen(true)}
                  data-testid="policy-publish"
                >
                  {hasVersion ? t('policyAdmin.publishAmendment') : t('policyAdmin.publish')}
                </Button>
              </Tooltip>
            )}
            {published ? (
              <Button
                danger
                icon={<RollbackOutlined />}
                loading={busy === 'withdraw'}
                disabled={busy !== null && busy !== 'withdraw'}
                onClick={() => {
                  setWithdrawError(null);
                  setWithdrawOpen(true);
                }}
                data-testid="policy-withdraw"
              >
                {t('policyAdmin.withdraw')}
              </Button>
            ) : null}
          </Flex>
        ) : null}
      </Flex>

      {readOnly ? (
        <Alert type="info" showIcon title={t('policyAdmin.readOnly')} data-testid="policy-read-only" />
      ) : null}
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          title={t('policyAdmin.conflict.title')}
          description={
            <Flex vertical gap={4}>
              <span>{conflict}</span>
              <span>{t('policyAdmin.conflict.kept')}</span>
            </Flex>
          }
          action={
            <Button size="small" onClick={reloadAfterConflict} data-testid="policy-conflict-reload">
              {t('policyAdmin.conflict.reload')}
            </Button>
          }
          data-testid="policy-conflict"
        />
      ) : null}
      {problemTitle ? (
        <ProblemList
          title={problemTitle}
          problems={problems}
          onSelect={(p) => setTab(AREA_TABS[areaOf(p.field)])}
          onClose={clearProblems}
          testId="policy-errors"
        />
      ) : null}

      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as TabKey)}
        items={tabs}
        data-testid="policy-tabs"
        style={{ background: '#fff', padding: '0 16px 16px', borderRadius: 8 }}
      />

      <PublishModal
        open={publishOpen}
        amendment={hasVersion}
        dirty={dirty}
        busy={busy === 'publish' || busy === 'save'}
        changeNoteProblems={problems.filter((p) => p.field === 'changeNote').map((p) => p.message)}
        onCancel={() => setPublishOpen(false)}
        onSubmit={async (note) => {
          if ((await publish(note)) !== 'note') setPublishOpen(false);
        }}
      />
      <WithdrawModal
        open={withdrawOpen}
        dirty={dirty}
        error={withdrawError}
        busy={busy === 'withdraw'}
        onCancel={() => setWithdrawOpen(false)}
        onSubmit={async (reason) => {
          if (await withdraw(reason)) setWithdrawOpen(false);
        }}
      />
    </Flex>
  );
}

function PublishModal({
  open,
  amendment,
  dirty,
  busy,
  changeNoteProblems,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  amendment: boolean;
  dirty: boolean;
  busy: boolean;
  changeNoteProblems: string[];
  onCancel: () => void;
  onSubmit: (changeNote: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ changeNote: string }>();
  return (
    <Modal
      open={open}
      title={amendment ? t('policyAdmin.publishModal.amendTitle') : t('policyAdmin.publishModal.title')}
      okText={t('policyAdmin.publish')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      data-testid="policy-publish-modal"
    >
      <Form<{ changeNote: string }>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ changeNote: '' }}
        onFinish={(values) => void onSubmit(values.changeNote ?? '')}
      >
        <Typography.Paragraph>{t('policyAdmin.publishModal.intro')}</Typography.Paragraph>
        {dirty ? (
          <Alert
            type="info"
            showIcon
            title={t('policyAdmin.publishModal.saveFirst')}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <Form.Item
          name="changeNote"
          label={
            amendment
              ? t('policyAdmin.publishModal.changeNote')
              : t('policyAdmin.publishModal.changeNoteOptional')
          }
          rules={
            amendment
              ? [
                  { required: true, message: t('policyAdmin.publishModal.changeNoteRequired') },
                  { whitespace: true, message: t('policyAdmin.publishModal.changeNoteRequired') },
                ]
              : []
          }
          validateStatus={changeNoteProblems.length > 0 ? 'error' : undefined}
          help={changeNoteProblems.length > 0 ? changeNoteProblems.join('; ') : undefined}
        >
          <Input.TextArea
            rows={4}
            maxLength={1000}
            showCount
            placeholder={t('policyAdmin.publishModal.changeNotePlaceholder')}
            data-testid="policy-change-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WithdrawModal({
  open,
  dirty,
  error,
  busy,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  /** The page has unsaved edits (withdrawing keeps them on the page, unsaved). */
  dirty: boolean;
  /** Why the last attempt was refused. */
  error: { title: string; problems: Problem[] } | null;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={t('policyAdmin.withdrawModal.title')}
      okText={t('policyAdmin.withdraw')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      data-testid="policy-withdraw-modal"
    >
      <Form<{ reason: string }>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ reason: '' }}
        onFinish={(values) => void onSubmit(values.reason)}
      >
        <Typography.Paragraph>{t('policyAdmin.withdrawModal.intro')}</Typography.Paragraph>
        {dirty ? (
          <Alert
            type="warning"
            showIcon
            title={t('policyAdmin.withdrawModal.unsaved')}
            style={{ marginBottom: 12 }}
            data-testid="policy-withdraw-unsaved"
          />
        ) : null}
        {error ? (
          <div style={{ marginBottom: 12 }}>
            <ProblemList
              title={error.title}
              problems={error.problems}
              showFields={false}
              testId="policy-withdraw-error"
            />
          </div>
        ) : null}
        <Form.Item
          name="reason"
          label={t('policyAdmin.withdrawModal.reason')}
          rules={[
            { required: true, message: t('policyAdmin.withdrawModal.reasonRequired') },
            { whitespace: true, message: t('policyAdmin.withdrawModal.reasonRequired') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="policy-withdraw-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
