/**
 * The form-based rule builder: a policy's eligibility rule as a tree of groups (全部满足 / 任一满足 / 不满足) and
 * conditions (a comparison of figures, age, parameters or ratios; industry; region; size class; certification;
 * taxpayer type; registration status). Controlled: every edit hands a new rule up. Problems the server found
 * (`rule.all[0].compare[0].fact`) are shown on the node they concern.
 */
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  DownOutlined,
  FolderAddOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Button,
  Checkbox,
  Dropdown,
  Flex,
  InputNumber,
  Radio,
  Select,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import type { Rule, RuleVocabulary } from '../../api/client.ts';
import { IndustryPicker } from '../../components/IndustryPicker.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useIndustries } from '../../lib/industries.ts';
import { labelOf, RegionCodesInput, unitLabel, unitSuffix } from './common.tsx';
import {
  COMPARE_OPS,
  type CompareOp,
  changeGroupKind,
  childPath,
  childrenOf,
  ENTERPRISE_STATUSES,
  type GroupKind,
  hasProblemsBelow,
  isGroupKind,
  LEAF_KINDS,
  type LeafKind,
  moveItem,
  NUM_KINDS,
  type NumExpr,
  type NumKind,
  newNum,
  newRule,
  numKind,
  numUnit,
  ownProblems,
  type Problem,
  type RuleKind,
  removeItem,
  replaceItem,
  ruleKind,
  SIZE_CLASSES,
  type SizeClass,
  type StatusValue,
  withChildren,
  withYear,
  type YearChoice,
  type YearRef,
  yearChoice,
  yearRefOf,
} from './ruleTree.ts';

interface BuilderContextValue {
  vocabulary: RuleVocabulary | undefined;
  figureUnits: Record<string, string>;
  parameterUnits: Record<string, string>;
  problems: readonly Problem[];
  readOnly: boolean;
  defaultRegion: string | null;
}

const BuilderContext = createContext<BuilderContextValue>({
  vocabulary: undefined,
  figureUnits: {},
  parameterUnits: {},
  problems: [],
  readOnly: false,
  defaultRegion: null,
});

const GROUP_COLORS: Record<GroupKind, string> = { all: '#1458c4', any: '#fa8c16', not: '#cf1322' };
const OP_TEXT: Record<CompareOp, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥', '=': '=', '!=': '≠' };

interface RuleBuilderProps {
  value: Rule;
  onChange: (rule: Rule) => void;
  vocabulary: RuleVocabulary | undefined;
  /** Parameter name → unit, of the parameters defined below the rule. */
  parameterUnits: Record<string, string>;
  /** Problems of the rule (fields starting with `rule`). */
  problems: readonly Problem[];
  readOnly: boolean;
  /** The region a new region condition starts with (the official's). */
  defaultRegion: string | null;
}

/** The whole rule: a group at the top (a single condition can be wrapped into one). */
export function RuleBuilder({
  value,
  onChange,
  vocabulary,
  parameterUnits,
  problems,
  readOnly,
  defaultRegion,
}: RuleBuilderProps) {
  const { t } = useI18n();
  const figureUnits = useMemo(
    () => Object.fromEntries((vocabulary?.figures ?? []).map((f) => [f.key, f.unit])),
    [vocabulary],
  );
  const context = useMemo(
    () => ({ vocabulary, figureUnits, parameterUnits, problems, readOnly, defaultRegion }),
    [vocabulary, figureUnits, parameterUnits, problems, readOnly, defaultRegion],
  );
  const kind = ruleKind(value);
  return (
    <BuilderContext.Provider value={context}>
      <div data-testid="rule-builder">
        {isGroupKind(kind) ? null : (
          <Flex justify="flex-end" style={{ marginBottom: 8 }}>
            <Button
              size="small"
              icon={<FolderAddOutlined />}
              disabled={readOnly}
              onClick={() => onChange({ all: [value] })}
            >
              {t('policyAdmin.rule.wrap')}
            </Button>
          </Flex>
        )}
        <RuleNode value={value} onChange={onChange} path="rule" depth={0} />
      </div>
    </BuilderContext.Provider>
  );
}

interface NodeProps {
  value: Rule;
  onChange: (rule: Rule) => void;
  path: string;
  depth: number;
  onRemove?: (() => void) | undefined;
  onMove?: ((delta: number) => void) | undefined;
  canUp?: boolean;
  canDown?: boolean;
}

function RuleNode(props: NodeProps) {
  const kind = ruleKind(props.value);
  if (isGroupKind(kind)) return <GroupNode {...props} kind={kind} />;
  return <LeafNode {...props} kind={kind} />;
}

/** Move up / move down / delete buttons of a node. */
function NodeActions({
  onRemove,
  onMove,
  canUp,
  canDown,
}: Omit<NodeProps, 'value' | 'onChange' | 'path' | 'depth'>) {
  const { t } = useI18n();
  const { readOnly } = useContext(BuilderContext);
  if (readOnly) return null;
  return (
    <Flex gap={2}>
      {onMove ? (
        <>
          <Tooltip title={t('policyAdmin.rule.moveUp')}>
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={!canUp}
              aria-label={t('policyAdmin.rule.moveUp')}
              onClick={() => onMove(-1)}
            />
          </Tooltip>
          <Tooltip title={t('policyAdmin.rule.moveDown')}>
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={!canDown}
              aria-label={t('policyAdmin.rule.moveDown')}
              onClick={() => onMove(1)}
            />
          </Tooltip>
        </>
      ) : null}
      {onRemove ? (
        <Tooltip title={t('policyAdmin.rule.remove')}>
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('policyAdmin.rule.remove')}
            onClick={onRemove}
            data-testid="rule-remove"
          />
        </Tooltip>
      ) : null}
    </Flex>
  );
}

function NodeProblems({ problems }: { problems: Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <Flex vertical style={{ marginTop: 4 }} data-testid="rule-node-problems">
      {problems.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity beyond their place
        <Typography.Text key={i} type="danger" style={{ fontSize: 13 }}>
          {p.message}
        </Typography.Text>
      ))}
    </Flex>
  );
}

function GroupNode({ value, onChange, path, depth, kind, ...actions }: NodeProps & { kind: GroupKind }) {
  const { t } = useI18n();
  const { problems, readOnly, vocabulary, defaultRegion } = useContext(BuilderContext);
  const children = childrenOf(value);
  const own = ownProblems(path, kind, problems);
  const setChildren = (next: Rule[]) => onChange(withChildren(value, next));
  const add = (newKind: RuleKind) =>
    setChildren([
      ...children,
      newRule(newKind, {
        figure: vocabulary?.figures[0]?.key,
        certification: vocabulary?.certifications[0],
        region: defaultRegion,
      }),
    ]);
  const color = GROUP_COLORS[kind];
  return (
    <div
      data-testid="rule-group"
      data-path={path}
      style={{
        border: `1px solid ${own.length > 0 ? '#ffccc7' : '#dbe4f3'}`,
        borderLeft: `4px solid ${color}`,
        borderRadius: 6,
        padding: 12,
        background: depth % 2 === 0 ? '#ffffff' : '#f7faff',
      }}
    >
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8} wrap>
          <Select<GroupKind>
            value={kind}
            onChange={(next) => onChange(changeGroupKind(value, next))}
            options={(['all', 'any', 'not'] as const).map((k) => ({
              value: k,
              label: t(`policyAdmin.rule.group.${k}`),
            }))}
            style={{ width: 150 }}
            aria-label={t('policyAdmin.rule.groupKindAria')}
            data-testid="rule-group-kind"
          />
          <Typography.Text type="secondary">{t(`policyAdmin.rule.groupHint.${kind}`)}</Typography.Text>
        </Flex>
        <Flex gap={8} align="center" wrap>
          {kind !== 'not' && !readOnly ? (
            <>
              <Dropdown
                trigger={['click']}
                menu={{
                  items: LEAF_KINDS.map((k) => ({ key: k, label: t(`policyAdmin.rule.kind.${k}`) })),
                  onClick: ({ key }) => add(key as LeafKind),
                }}
              >
                <Button size="small" icon={<PlusOutlined />} data-testid="rule-add-condition">
                  {t('policyAdmin.rule.addCondition')} <DownOutlined />
                </Button>
              </Dropdown>
              <Button
                size="small"
                icon={<FolderAddOutlined />}
                onClick={() => add('all')}
                data-testid="rule-add-group"
              >
                {t('policyAdmin.rule.addGroup')}
              </Button>
            </>
          ) : null}
          <NodeActions {...actions} />
        </Flex>
      </Flex>
      <NodeProblems problems={own} />
      <Flex vertical gap={8} style={{ marginTop: 10 }}>
        {children.length === 0 ? (
          <Typography.Text type="warning">{t('policyAdmin.rule.emptyGroup')}</Typography.Text>
        ) : (
          children.map((child, index) => (
            <RuleNode
              // biome-ignore lint/suspicious/noArrayIndexKey: conditions are identified by their place in the rule
              key={index}
              value={child}
              path={childPath(path, kind, index)}
              depth={depth + 1}
              onChange={(next) => setChildren(replaceItem(children, index, next))}
              onRemove={kind === 'not' ? undefined : () => setChildren(removeItem(children, index))}
              onMove={kind === 'not' ? undefined : (delta) => setChildren(moveItem(children, index, delta))}
              canUp={index > 0}
              canDown={index < children.length - 1}
            />
          ))
        )}
      </Flex>
    </div>
  );
}

function LeafNode({ value, onChange, path, kind, ...actions }: NodeProps & { kind: RuleKind | null }) {
  const { t } = useI18n();
  const { problems } = useContext(BuilderContext);
  const own = ownProblems(path, kind, problems);
  const flagged = own.length > 0 || hasProblemsBelow(path, problems);
  let editor: ReactNode;
  switch (kind) {
    case 'compare':
      editor = <CompareEditor value={value as Extract<Rule, { compare: unknown }>} onChange={onChange} />;
      break;
    case 'industry':
      editor = <IndustryEditor value={value as { industry: string[] }} onChange={onChange} />;
      break;
    case 'region':
      editor = <RegionEditor value={value as { region: string[] }} onChange={onChange} />;
      break;
    case 'size':
      editor = <SizeEditor value={value as Extract<Rule, { size: unknown }>} onChange={onChange} />;
      break;
    case 'certified':
      editor = <CertifiedEditor value={value as { certified: string }} onChange={onChange} />;
      break;
    case 'taxpayer':
      editor = <TaxpayerEditor value={value as Extract<Rule, { taxpayer: unknown }>} onChange={onChange} />;
      break;
    case 'status':
      editor = <StatusEditor value={value as Extract<Rule, { status: unknown }>} onChange={onChange} />;
      break;
    default:
      editor = (
        <Alert
          type="warning"
          showIcon
          title={t('policyAdmin.rule.unknownNode')}
          description={<code className="huiqi-mono">{JSON.stringify(value)}</code>}
        />
      );
  }
  return (
    <div
      data-testid="rule-condition"
      data-path={path}
      data-kind={kind ?? 'unknown'}
      style={{
        border: `1px solid ${flagged ? '#ff7875' : '#e8e8e8'}`,
        borderRadius: 6,
        padding: '8px 10px',
        background: flagged ? '#fff2f0' : '#ffffff',
      }}
    >
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Flex align="center" gap={8} wrap style={{ flex: 1, minWidth: 0 }}>
          <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
            {kind ? t(`policyAdmin.rule.kind.${kind as LeafKind}`) : '?'}
          </Tag>
          {editor}
        </Flex>
        <NodeActions {...actions} />
      </Flex>
      <NodeProblems problems={own} />
    </div>
  );
}

// ---- leaves ---------------------------------------------------------------------------------------------

type CompareRule = Extract<Rule, { compare: unknown }>;

function CompareEditor({ value, onChange }: { value: CompareRule; onChange: (rule: Rule) => void }) {
  const { t } = useI18n();
  const { figureUnits, parameterUnits } = useContext(BuilderContext);
  const parts = Array.isArray(value.compare) && value.compare.length === 3 ? value.compare : null;
  if (!parts) return <CompareEditor value={newRule('compare') as CompareRule} onChange={onChange} />;
  const [left, op, right] = parts;
  const set = (next: [NumExpr, CompareOp, NumExpr]) => onChange({ compare: next });
  return (
    <Flex align="center" gap={8} wrap>
      <NumExprEditor
        value={left}
        onChange={(next) => set([next, op, right])}
        kinds={['fact', 'age', 'param', 'ratio']}
        unitHint={numUnit(right, figureUnits, parameterUnits)}
        testId="rule-compare-left"
      />
      <Select<CompareOp>
        value={op}
        onChange={(next) => set([left, next, right])}
        options={COMPARE_OPS.map((o) => ({ value: o, label: OP_TEXT[o] }))}
        style={{ width: 70 }}
        aria-label={t('policyAdmin.rule.opAria')}
        data-testid="rule-compare-op"
      />
      <NumExprEditor
        value={right}
        onChange={(next) => set([left, op, next])}
        kinds={['number', 'param', 'fact', 'age', 'ratio']}
        unitHint={numUnit(left, figureUnits, parameterUnits)}
        testId="rule-compare-right"
      />
    </Flex>
  );
}

interface NumExprEditorProps {
  value: NumExpr;
  onChange: (expr: NumExpr) => void;
  kinds: readonly NumKind[];
  /** The unit of the other side, shown after a bare number. */
  unitHint: string | null;
  testId?: string;
}

function NumExprEditor({ value, onChange, kinds, unitHint, testId }: NumExprEditorProps) {
  const { t, locale } = useI18n();
  const { vocabulary, parameterUnits, figureUnits } = useContext(BuilderContext);
  const kind = numKind(value);
  const offered = kinds.includes(kind) ? kinds : [...kinds, kind];
  const firstParam = Object.keys(parameterUnits)[0];
  const kindSelect = (
    <Select<NumKind>
      value={kind}
      onChange={(next) =>
        onChange(
          newNum(next, { figure: vocabulary?.figures[0]?.key ?? 'employees', param: firstParam ?? '' }),
        )
      }
      options={NUM_KINDS.filter((k) => offered.includes(k)).map((k) => ({
        value: k,
        label: t(`policyAdmin.expr.${k}`),
      }))}
      style={{ width: 110 }}
      aria-label={t('policyAdmin.expr.kindAria')}
      data-testid={testId ? `${testId}-kind` : undefined}
    />
  );
  let body: ReactNode = null;
  if (kind === 'number') {
    const suffix = unitSuffix(t, unitHint);
    body = (
      <InputNumber<number>
        value={value as number}
        onChange={(next) => onChange(typeof next === 'number' ? next : 0)}
        suffix={suffix || undefined}
        style={{ width: 150 }}
        aria-label={t('policyAdmin.expr.number')}
        data-testid={testId ? `${testId}-number` : undefined}
      />
    );
  } else if (kind === 'fact') {
    const fact = value as { fact: string; year?: YearRef };
    const figures = vocabulary?.figures ?? [];
    const known = figures.some((f) => f.key === fact.fact);
    body = (
      <>
        <Select<string>
          value={fact.fact}
          onChange={(next) => onChange({ ...fact, fact: next } as NumExpr)}
          showSearch={{ optionFilterProp: 'label' }}
          options={[
            ...figures.map((f) => ({ value: f.key, label: locale === 'en' ? f.en : f.zh })),
            ...(known ? [] : [{ value: fact.fact, label: fact.fact }]),
          ]}
          style={{ width: 160 }}
          aria-label={t('policyAdmin.expr.fact')}
          data-testid={testId ? `${testId}-fact` : undefined}
        />
        <YearPicker value={fact.year} onChange={(year) => onChange(withYear(fact, year) as NumExpr)} />
        {figureUnits[fact.fact] ? (
          <Typography.Text type="secondary">{unitLabel(t, figureUnits[fact.fact] as string)}</Typography.Text>
        ) : null}
      </>
    );
  } else if (kind === 'age') {
    body = <Typography.Text type="secondary">{t('policyAdmin.expr.ageHint')}</Typography.Text>;
  } else if (kind === 'param') {
    const param = (value as { param: string }).param;
    const names = Object.keys(parameterUnits);
    body = (
      <Select<string>
        value={param || undefined}
        onChange={(next) => onChange({ param: next })}
        placeholder={t('policyAdmin.expr.pickParam')}
        notFoundContent={t('policyAdmin.expr.noParams')}
        options={[
          ...names.map((n) => ({ value: n, label: `${n}（${unitLabel(t, parameterUnits[n] ?? 'none')}）` })),
          ...(param && !names.includes(param) ? [{ value: param, label: param }] : []),
        ]}
        style={{ width: 240 }}
        aria-label={t('policyAdmin.expr.param')}
        data-testid={testId ? `${testId}-param` : undefined}
      />
    );
  } else {
    const ratio = value as { ratio: [NumExpr, NumExpr]; ifZero?: 'false' | 'unknown' };
    const [top, bottom] = Array.isArray(ratio.ratio) ? ratio.ratio : [0, 1];
    const partKinds: NumKind[] = ['fact', 'param', 'number', 'age'];
    body = (
      <Flex
        align="center"
        gap={6}
        wrap
        style={{ border: '1px dashed #d9d9d9', borderRadius: 6, padding: '4px 6px' }}
      >
        <NumExprEditor
          value={top}
          onChange={(next) => onChange({ ...ratio, ratio: [next, bottom] })}
          kinds={partKinds}
          unitHint={null}
        />
        <Typography.Text strong>÷</Typography.Text>
        <NumExprEditor
          value={bottom}
          onChange={(next) => onChange({ ...ratio, ratio: [top, next] })}
          kinds={partKinds}
          unitHint={null}
        />
        <Select<'false' | 'unknown'>
          value={ratio.ifZero}
          placeholder={t('policyAdmin.expr.ifZero')}
          onChange={(next) => onChange({ ...ratio, ifZero: next })}
          options={[
            { value: 'unknown', label: t('policyAdmin.expr.ifZero.unknown') },
            { value: 'false', label: t('policyAdmin.expr.ifZero.false') },
          ]}
          style={{ width: 190 }}
          aria-label={t('policyAdmin.expr.ifZero')}
        />
      </Flex>
    );
  }
  return (
    <Flex align="center" gap={6} wrap data-testid={testId}>
      {kindSelect}
      {body}
    </Flex>
  );
}

function YearPicker({
  value,
  onChange,
}: {
  value: YearRef | undefined;
  onChange: (ref: YearRef | undefined) => void;
}) {
  const { t } = useI18n();
  const choice = yearChoice(value);
  const fallbackYear = new Date().getFullYear() - 1;
  const named = value && 'year' in value ? value.year : fallbackYear;
  const standard: YearChoice[] = ['rel:-1', 'rel:-2', 'rel:0', 'named'];
  const options = (standard.includes(choice) ? standard : [choice, ...standard]).map((c) => ({
    value: c,
    label:
      c === 'named'
        ? t('policyAdmin.year.named')
        : c === 'rel:-1'
          ? t('policyAdmin.year.last')
          : c === 'rel:-2'
            ? t('policyAdmin.year.beforeLast')
            : c === 'rel:0'
              ? t('policyAdmin.year.current')
              : t('policyAdmin.year.relative', { n: c.slice(4) }),
  }));
  return (
    <Flex gap={4} align="center">
      <Select<YearChoice>
        value={choice}
        onChange={(next) => onChange(yearRefOf(next, named))}
        options={options}
        style={{ width: 120 }}
        aria-label={t('policyAdmin.year.aria')}
      />
      {choice === 'named' ? (
        <InputNumber<number>
          min={1949}
          max={2100}
          precision={0}
          value={named}
          onChange={(next) => onChange({ year: typeof next === 'number' ? next : fallbackYear })}
          style={{ width: 90 }}
          aria-label={t('policyAdmin.year.namedAria')}
        />
      ) : null}
    </Flex>
  );
}

function IndustryEditor({
  value,
  onChange,
}: {
  value: { industry: string[] };
  onChange: (rule: Rule) => void;
}) {
  const { t, name } = useI18n();
  const { readOnly } = useContext(BuilderContext);
  const industries = useIndustries();
  const [pending, setPending] = useState<string | undefined>(undefined);
  const list = Array.isArray(value.industry) ? value.industry : [];
  const nameOf = (code: string) => {
    const found = industries.find((item) => item.code === code.toUpperCase());
    return found ? name(found) : '';
  };
  return (
    <Flex vertical gap={6} style={{ flex: 1, minWidth: 260 }}>
      <Flex wrap gap={4}>
        {list.length === 0 ? (
          <Typography.Text type="secondary">{t('policyAdmin.rule.industryEmpty')}</Typography.Text>
        ) : (
          list.map((code) => (
            <Tag
              key={code}
              closable={!readOnly}
              onClose={(event) => {
                event.preventDefault();
                onChange({ industry: list.filter((c) => c !== code) });
              }}
            >
              <span className="huiqi-mono">{code}</span> {nameOf(code)}
            </Tag>
          ))
        )}
      </Flex>
      {readOnly ? null : (
        <Flex gap={8}>
          <IndustryPicker
            value={pending}
            onChange={setPending}
            maxLevel="class"
            placeholder={t('policyAdmin.rule.industryPick')}
            style={{ maxWidth: 360 }}
            testId="rule-industry-picker"
          />
          <Button
            icon={<PlusOutlined />}
            disabled={!pending || list.includes(pending)}
            onClick={() => {
              if (!pending) return;
              onChange({ industry: [...list, pending] });
              setPending(undefined);
            }}
          >
            {t('policyAdmin.region.add')}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}

function RegionEditor({ value, onChange }: { value: { region: string[] }; onChange: (rule: Rule) => void }) {
  const { t } = useI18n();
  const { readOnly } = useContext(BuilderContext);
  return (
    <div style={{ flex: 1, minWidth: 260 }}>
      <RegionCodesInput
        value={Array.isArray(value.region) ? value.region : []}
        onChange={(next) => onChange({ region: next })}
        rootCode={null}
        emptyText={t('policyAdmin.rule.regionEmpty')}
        disabled={readOnly}
      />
    </div>
  );
}

type SizeRule = Extract<Rule, { size: unknown }>;

function SizeEditor({ value, onChange }: { value: SizeRule; onChange: (rule: Rule) => void }) {
  const { t } = useI18n();
  const sizes = Array.isArray(value.size) ? value.size : [];
  return (
    <Flex align="center" gap={8} wrap>
      <Checkbox.Group<SizeClass>
        value={sizes}
        onChange={(next) => onChange({ ...value, size: SIZE_CLASSES.filter((s) => next.includes(s)) })}
        options={SIZE_CLASSES.map((s) => ({ value: s, label: t(`size.${s}`) }))}
      />
      <YearPicker value={value.year} onChange={(year) => onChange(withYear(value, year))} />
      {value.standard ? (
        <Typography.Text type="secondary">
          {t('policyAdmin.rule.standard', { standard: value.standard })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

function CertifiedEditor({
  value,
  onChange,
}: {
  value: { certified: string };
  onChange: (rule: Rule) => void;
}) {
  const { t } = useI18n();
  const { vocabulary } = useContext(BuilderContext);
  const current = typeof value.certified === 'string' ? value.certified : '';
  const options = (vocabulary?.certifications ?? [])
    .filter((name) => !current || name.includes(current) || current === name)
    .map((name) => ({ value: name }));
  return (
    <AutoComplete
      value={current}
      onChange={(next: string) => onChange({ certified: next })}
      options={
        options.length > 0 ? options : (vocabulary?.certifications ?? []).map((name) => ({ value: name }))
      }
      placeholder={t('policyAdmin.rule.certifiedPlaceholder')}
      style={{ width: 280 }}
      aria-label={t('policyAdmin.rule.kind.certified')}
      data-testid="rule-certified"
    />
  );
}

type TaxpayerRule = Extract<Rule, { taxpayer: unknown }>;

function TaxpayerEditor({ value, onChange }: { value: TaxpayerRule; onChange: (rule: Rule) => void }) {
  const { t } = useI18n();
  return (
    <Flex align="center" gap={8} wrap>
      <Radio.Group
        value={value.taxpayer}
        onChange={(event) => onChange({ ...value, taxpayer: event.target.value as TaxpayerRule['taxpayer'] })}
        options={[
          { value: 'small_scale', label: t('policyAdmin.taxpayer.small_scale') },
          { value: 'general', label: t('policyAdmin.taxpayer.general') },
        ]}
      />
      <YearPicker value={value.year} onChange={(year) => onChange(withYear(value, year))} />
    </Flex>
  );
}

type StatusRule = Extract<Rule, { status: unknown }>;

function StatusEditor({ value, onChange }: { value: StatusRule; onChange: (rule: Rule) => void }) {
  const { t } = useI18n();
  const list = Array.isArray(value.status) ? value.status : [];
  return (
    <Checkbox.Group<StatusValue>
      value={list}
      onChange={(next) => onChange({ status: ENTERPRISE_STATUSES.filter((s) => next.includes(s)) })}
      options={ENTERPRISE_STATUSES.map((s) => ({ value: s, label: labelOf(t, 'enterprise.status', s) }))}
    />
  );
}
