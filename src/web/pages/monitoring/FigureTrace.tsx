/**
 * Figures and their traces (issue 16), for the officials' computation and releases and for the public pages alike:
 * a table of a group's figures (the development index, the PMI-style composite, the sub-indices, the questions),
 * each opening its trace; the trace one step down at a time — overall → industries → sub-indices → questions →
 * a question's weighted counts by level and the anonymised answers behind them (or why they are withheld) — with the
 * steps walked so far as a breadcrumb to go back. Questions are listed in their questionnaire's order, industries
 * in the index's, and a question's levels read as the question asks them (a delivery time longer / same / shorter).
 */
import { NodeIndexOutlined } from '@ant-design/icons';
import type { QueryKey, UseQueryOptions } from '@tanstack/react-query';
import {
  Alert,
  Breadcrumb,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Grid,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import type { Figure, Trace, TraceComponent, TraceFilters } from '../../api/monitoring.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useApiQuery } from '../../lib/queries.ts';
import {
  compareIndustries,
  compareMeasures,
  isWithheld,
  type LevelWording,
  levelWordingOfMeasure,
  levelWords,
  parseMeasure,
  roundShown,
  weightPercent,
  withheldReason,
  withheldReasons,
} from './monitoringModel.ts';
import {
  ANSWER_LEVELS,
  DIRECTIONS,
  GroupRegion,
  IndexValue,
  SMEDI_SUB_INDICES,
  useIndustryName,
  useMeasureName,
  useSizeName,
  useTermName,
  WeightStandingTag,
  WithheldLegend,
  WithheldMark,
} from './monitoringParts.tsx';

const SUB_INDEX_CODES: readonly string[] = SMEDI_SUB_INDICES.map((s) => s.code);

/** The trace of a figure: its measure and group. */
export function traceQueryOf(
  figure: Pick<Figure, 'measure' | 'industry' | 'regionCode' | 'size'>,
): TraceFilters {
  return {
    measure: figure.measure,
    ...(figure.industry ? { industry: figure.industry } : {}),
    ...(figure.regionCode ? { regionCode: figure.regionCode } : {}),
    ...(figure.size ? { size: figure.size } : {}),
  };
}

/** A group's figures, the index first, each measure opening its trace. */
export function FiguresTable({
  figures,
  questionText,
  questionPosition,
  onOpen,
  loading = false,
  emptyText,
  testId = 'figures',
}: {
  figures: readonly Figure[];
  /** What an empty table says (default: no figures). */
  emptyText?: string;
  /** A question's text by its code, when the page knows the questions. */
  questionText?: (code: string) => string | undefined;
  /** A question's place in the questionnaire, when the page knows the questions. */
  questionPosition?: (code: string) => number | undefined;
  onOpen?: (figure: Figure) => void;
  loading?: boolean;
  testId?: string;
}) {
  const { t } = useI18n();
  const measureName = useMeasureName(questionText);
  const rows = [...figures].sort((a, b) =>
    compareMeasures(a.measure, b.measure, SUB_INDEX_CODES, questionPosition),
  );
  const columns: TableColumnsType<Figure> = [
    {
      title: t('monitoring.figure.measure'),
      dataIndex: 'measure',
      render: (measure: string, f) => {
        const parsed = parseMeasure(measure);
        const kind = parsed.kind;
        const text = measureName(measure);
        const label =
          kind === 'overall' || kind === 'pmi' ? (
            <strong>{text}</strong>
          ) : parsed.kind === 'q' && questionText?.(parsed.code) ? (
            // The question's wording, its code small after it.
            <>
              {text}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {parsed.code}
              </Typography.Text>
            </>
          ) : (
            text
          );
        return (
          // The sub-indices under the index they make; the questions after the PMI-style composite, unindented
          // (they feed the sub-indices and the composite alike).
          <span style={{ paddingInlineStart: kind === 'sub' ? 12 : 0 }}>
            {onOpen && (f.value !== null || f.responses > 0) ? (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                onClick={() => onOpen(f)}
                data-testid="figure-open"
                data-measure={measure}
              >
                {label}
              </Button>
            ) : (
              label
            )}
          </span>
        );
      },
    },
    {
      title: t('monitoring.figure.value'),
      dataIndex: 'shown',
      width: 110,
      align: 'right',
      render: (_, f) => (
        <>
          <IndexValue
            shown={f.shown}
            value={f.value}
            measure={f.measure}
            strong
            withheld={isWithheld(f) && withheldReason(f)}
          />
          {/* Officials see a value the public will not, marked with why. */}
          {f.value !== null ? <WithheldMark reason={withheldReason(f)} /> : null}
        </>
      ),
    },
    { title: t('monitoring.figure.responses'), dataIndex: 'responses', width: 100, align: 'right' },
  ];
  const withheld = withheldReasons(rows.filter(isWithheld));
  return (
    <>
      <Table<Figure>
        rowKey={(f) => `${f.measure}|${f.industry}|${f.regionCode}|${f.size}`}
        size="small"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        locale={{ emptyText: loading ? ' ' : (emptyText ?? t('monitoring.figure.empty')) }}
        data-testid={testId}
        onRow={(f) =>
          ({ 'data-testid': 'figure-row', 'data-measure': f.measure, 'data-shown': f.shown ?? '' }) as object
        }
      />
      {withheld.length > 0 ? <WithheldLegend reasons={withheld} style={{ marginTop: 8 }} /> : null}
    </>
  );
}

/** The step of a trace shown, and those above it. */
type TraceOptions = (query: TraceFilters) => UseQueryOptions<Trace, Error, Trace, QueryKey>;

/** A figure's trace in a drawer, one step down at a time. */
export function TraceDrawer({
  start,
  traceQuery,
  questionText,
  questionPosition,
  questionOf,
  onClose,
}: {
  /** The figure the trace starts at (null: closed). */
  start: TraceFilters | null;
  traceQuery: TraceOptions;
  questionText?: (code: string) => string | undefined;
  /** A question's place in the questionnaire, when the page knows the questions. */
  questionPosition?: (code: string) => number | undefined;
  /** What decides how a question's levels read (its PMI component, a judgement), when the page knows it. */
  questionOf?: (code: string) => LevelWording | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const [steps, setSteps] = useState<TraceFilters[]>([]);
  const [startKey, setStartKey] = useState<string>('');
  const key = start ? JSON.stringify(start) : '';
  if (key !== startKey) {
    setStartKey(key);
    setSteps(start ? [start] : []);
  }
  const current = steps.at(-1) ?? null;
  // A question's wording as the trace's components name it, for pages that do not hold the questions (the public).
  const [labels, setLabels] = useState<Record<string, string>>({});
  const textOf = (code: string) => questionText?.(code) ?? labels[code];
  const measureName = useMeasureName(textOf);
  const industryName = useIndustryName();
  const stepName = (step: TraceFilters) =>
    step.industry
      ? `${measureName(step.measure)} · ${industryName(step.industry)}`
      : measureName(step.measure);
  return (
    <Drawer
      open={start !== null}
      onClose={onClose}
      size={screens.md ? 760 : '100%'}
      destroyOnHidden
      title={
        <Flex align="center" gap={8}>
          <NodeIndexOutlined />
          {t('monitoring.trace.title')}
        </Flex>
      }
      data-testid="trace-drawer"
    >
      {steps.length > 1 ? (
        <Breadcrumb
          style={{ marginBottom: 12 }}
          data-testid="trace-breadcrumb"
          items={steps.map((step, i) => ({
            key: `${i}`,
            title:
              i < steps.length - 1 ? (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0, height: 'auto' }}
                  onClick={() => setSteps(steps.slice(0, i + 1))}
                  data-testid="trace-step-back"
                >
                  {stepName(step)}
                </Button>
              ) : (
                stepName(step)
              ),
          }))}
        />
      ) : null}
      {current ? (
        <TraceStep
          query={current}
          traceQuery={traceQuery}
          questionText={textOf}
          questionPosition={questionPosition}
          questionOf={questionOf}
          onLabels={(found) => {
            if (Object.entries(found).some(([code, label]) => labels[code] !== label))
              setLabels({ ...labels, ...found });
          }}
          onDown={(next) => setSteps([...steps, next])}
        />
      ) : null}
    </Drawer>
  );
}

/** One step of a trace: the figure, how it is made, its components or its counts and answers. */
function TraceStep({
  query,
  traceQuery,
  questionText,
  questionPosition,
  questionOf,
  onLabels,
  onDown,
}: {
  query: TraceFilters;
  traceQuery: TraceOptions;
  questionText?: ((code: string) => string | undefined) | undefined;
  questionPosition?: ((code: string) => number | undefined) | undefined;
  questionOf?: ((code: string) => LevelWording | undefined) | undefined;
  /** The questions' wording the components carry, by code. */
  onLabels: (labels: Record<string, string>) => void;
  onDown: (query: TraceFilters) => void;
}) {
  const { t } = useI18n();
  const trace = useApiQuery(traceQuery(query));
  const measureName = useMeasureName(questionText);
  const industryName = useIndustryName();
  const sizeName = useSizeName();
  const data = trace.data;
  const found = Object.fromEntries(
    (data?.components ?? []).flatMap((c) => {
      const m = parseMeasure(c.measure);
      return m.kind === 'q' && c.label ? [[m.code, c.label] as const] : [];
    }),
  );
  const foundKey = JSON.stringify(found);
  useEffect(() => {
    if (foundKey !== '{}') onLabels(JSON.parse(foundKey) as Record<string, string>);
  }, [foundKey, onLabels]);
  if (trace.loading) return <Skeleton active />;
  if (!data) return <LoadError error={trace.error} onRetry={trace.reload} />;
  const figure = data.figure;
  return (
    <Flex vertical gap={16} data-testid="trace-step" data-measure={figure.measure}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          {
            key: 'measure',
            label: t('monitoring.figure.measure'),
            span: 'filled',
            children: <strong data-testid="trace-measure">{measureName(figure.measure)}</strong>,
          },
          { key: 'industry', label: t('monitoring.group.industry'), children: industryName(figure.industry) },
          {
            key: 'region',
            label: t('monitoring.group.region'),
            children: <GroupRegion code={figure.regionCode} />,
          },
          { key: 'size', label: t('monitoring.group.size'), children: sizeName(figure.size) },
          {
            key: 'value',
            label: t('monitoring.figure.value'),
            children: (
              <Flex vertical>
                <span>
                  <IndexValue
                    shown={figure.shown}
                    value={figure.value}
                    measure={figure.measure}
                    strong
                    withheld={isWithheld(figure) && withheldReason(figure)}
                  />
                  {figure.value !== null ? <WithheldMark reason={withheldReason(figure)} /> : null}
                </span>
                {figure.value !== null && figure.value !== figure.shown ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="trace-full-value">
                    {t('monitoring.trace.fullValue', { value: figure.value })}
                  </Typography.Text>
                ) : null}
              </Flex>
            ),
          },
          { key: 'responses', label: t('monitoring.figure.responses'), children: figure.responses },
          {
            key: 'method',
            label: t('monitoring.trace.method'),
            span: 'filled',
            children: (
              <span>
                {/* Weights not verified (the platform's equal defaults above all) are said by a tag, not only in words. */}
                {data.weights && !data.weights.verified ? <WeightStandingTag set={data.weights} /> : null}
                <Typography.Text data-testid="trace-method">{data.method}</Typography.Text>
              </span>
            ),
          },
        ]}
      />
      {data.components.length > 0 ? (
        <ComponentsTable
          trace={data}
          questionText={questionText}
          questionPosition={questionPosition}
          onOpen={(c) =>
            onDown({
              measure: c.measure,
              ...(c.industry ? { industry: c.industry } : {}),
              ...(figure.regionCode ? { regionCode: figure.regionCode } : {}),
              ...(figure.size ? { size: figure.size } : {}),
            })
          }
        />
      ) : null}
      {data.counts || data.shares ? (
        <CountsView
          counts={data.counts}
          shares={data.shares}
          pmi={data.figure.measure.startsWith('pmi:')}
          wording={levelWordingOfMeasure(data.figure.measure, questionOf)}
        />
      ) : null}
      {data.answersWithheld ? (
        <Alert type="info" showIcon title={data.answersWithheld} data-testid="trace-withheld" />
      ) : null}
      {data.answers ? (
        <AnswersTable
          answers={data.answers}
          wording={levelWordingOfMeasure(data.figure.measure, questionOf)}
        />
      ) : null}
      {data.components.length === 0 && !data.counts && !data.shares ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.trace.nothingBelow')} />
      ) : null}
    </Flex>
  );
}

/** The components of a figure with their weights, each one step further down. */
function ComponentsTable({
  trace,
  questionText,
  questionPosition,
  onOpen,
}: {
  trace: Trace;
  questionText?: ((code: string) => string | undefined) | undefined;
  questionPosition?: ((code: string) => number | undefined) | undefined;
  onOpen: (component: TraceComponent) => void;
}) {
  const { t } = useI18n();
  const measureName = useMeasureName(questionText);
  const industryName = useIndustryName();
  const figure = trace.figure;
  // Industries in the index's order; sub-indices in theirs; questions in the questionnaire's.
  const components = [...trace.components].sort((a, b) =>
    a.measure === b.measure
      ? compareIndustries(a.industry, b.industry)
      : compareMeasures(a.measure, b.measure, SUB_INDEX_CODES, questionPosition),
  );
  /**
   * An industry of the figure's measure is named by its industry; anything else by its measure (a question by its
   * text).
   */
  const label = (c: TraceComponent): string => {
    if (c.measure === figure.measure && c.industry !== figure.industry) return industryName(c.industry);
    if (parseMeasure(c.measure).kind === 'q' && c.label) return c.label;
    return measureName(c.measure);
  };
  const columns: TableColumnsType<TraceComponent> = [
    {
      title: t('monitoring.trace.component'),
      key: 'label',
      render: (_, c) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => onOpen(c)}
          disabled={c.responses === 0}
          data-testid="trace-component-open"
          data-measure={c.measure}
          data-industry={c.industry}
        >
          {label(c)}
        </Button>
      ),
    },
    {
      title: t('monitoring.trace.weight'),
      dataIndex: 'weight',
      width: 110,
      align: 'right',
      render: (w: string | null) => (w === null ? '—' : <span title={w}>{weightPercent(w)}</span>),
    },
    {
      title: t('monitoring.figure.value'),
      dataIndex: 'value',
      width: 150,
      align: 'right',
      render: (value: string | null, c) => (
        <>
          <IndexValue
            shown={value === null ? null : roundShown(value)}
            value={value}
            measure={c.measure}
            withheld={isWithheld(c) && withheldReason(c)}
          />
          {value !== null ? <WithheldMark reason={withheldReason(c)} /> : null}
          {/* A component entering the PMI as 100 − its index shows what enters, its own index beside it. */}
          {value !== null && c.index != null ? (
            <Typography.Text
              type="secondary"
              style={{ display: 'block', fontSize: 12 }}
              data-testid="trace-component-inverted"
            >
              {t('monitoring.trace.inverted', { index: roundShown(c.index) })}
            </Typography.Text>
          ) : null}
        </>
      ),
    },
    { title: t('monitoring.figure.responses'), dataIndex: 'responses', width: 90, align: 'right' },
  ];
  const withheld = withheldReasons([...trace.components, figure].filter(isWithheld));
  return (
    <div>
      <Typography.Title level={5}>{t('monitoring.trace.components')}</Typography.Title>
      <Table<TraceComponent>
        rowKey={(c) => `${c.measure}|${c.industry}`}
        size="small"
        columns={columns}
        dataSource={components}
        pagination={false}
        data-testid="trace-components"
        onRow={(c) => ({ 'data-testid': 'trace-component', 'data-measure': c.measure }) as object}
      />
      {withheld.length > 0 ? <WithheldLegend reasons={withheld} style={{ marginTop: 8 }} /> : null}
    </div>
  );
}

/**
 * A question's answers by level (named as the question asks them: a delivery time longer / same / shorter): the
 * weighted shares, and for officials the weighted counts and the responses behind each (the public sees the shares
 * only), and its direction.
 */
function CountsView({
  counts,
  shares,
  pmi = false,
  wording,
}: {
  counts: Trace['counts'];
  shares: Trace['shares'];
  pmi?: boolean;
  wording?: LevelWording | undefined;
}) {
  const { t, locale } = useI18n();
  const name = useTermName();
  const words = levelWords(wording, locale);
  const levels = ANSWER_LEVELS.map((level) => ({
    code: level.code,
    name: words[level.code],
    share: shares ? `${shares[level.code]}%` : '—',
    weighted: counts?.[level.code] ?? '',
    responses: counts?.responses[level.code] ?? 0,
  }));
  const direction = counts?.direction ?? shares?.direction ?? 'up_is_good';
  return (
    <div data-testid="trace-counts">
      <Typography.Title level={5}>{t('monitoring.trace.counts')}</Typography.Title>
      {/* A PMI component is a diffusion index: its method above says which answer it counts. */}
      {pmi ? null : (
        <Typography.Paragraph type="secondary">
          {t('monitoring.trace.direction', { direction: name(DIRECTIONS, direction) })}
          {' · '}
          {t(direction === 'down_is_good' ? 'monitoring.trace.formulaDown' : 'monitoring.trace.formulaUp', {
            up: words.up,
            down: words.down,
          })}
        </Typography.Paragraph>
      )}
      <Table
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={levels}
        columns={[
          { title: t('monitoring.trace.level'), dataIndex: 'name' },
          { title: t('monitoring.trace.share'), dataIndex: 'share', align: 'right', width: 120 },
          ...(counts
            ? [
                { title: t('monitoring.trace.weighted'), dataIndex: 'weighted', align: 'right' as const },
                {
                  title: t('monitoring.trace.responsesAt'),
                  dataIndex: 'responses',
                  align: 'right' as const,
                  width: 120,
                },
              ]
            : []),
        ]}
        onRow={(row) => ({ 'data-testid': 'trace-count', 'data-level': row.code }) as object}
      />
    </div>
  );
}

/** The answers behind a question's counts, without names, each level as the question words it. */
function AnswersTable({
  answers,
  wording,
}: {
  answers: NonNullable<Trace['answers']>;
  wording?: LevelWording | undefined;
}) {
  const { t, locale } = useI18n();
  const words = levelWords(wording, locale);
  const industryName = useIndustryName();
  const sizeName = useSizeName();
  type Row = (typeof answers)[number];
  const columns: TableColumnsType<Row> = [
    { title: t('monitoring.trace.respondent'), dataIndex: 'respondent', width: 120 },
    { title: t('monitoring.group.industry'), dataIndex: 'industry', render: (c: string) => industryName(c) },
    {
      title: t('monitoring.group.region'),
      dataIndex: 'regionCode',
      render: (c: string) => <GroupRegion code={c} />,
    },
    { title: t('monitoring.group.size'), dataIndex: 'size', width: 70, render: (c: string) => sizeName(c) },
    { title: t('monitoring.trace.answerWeight'), dataIndex: 'weight', width: 100, align: 'right' },
    {
      title: t('monitoring.trace.level'),
      dataIndex: 'level',
      width: 80,
      render: (level: string) => (
        <Tag color={level === 'up' ? 'green' : level === 'down' ? 'red' : 'default'}>
          {words[level as keyof typeof words] ?? level}
        </Tag>
      ),
    },
  ];
  return (
    <div>
      <Typography.Title level={5}>{t('monitoring.trace.answers', { n: answers.length })}</Typography.Title>
      <Table<Row>
        rowKey="respondent"
        size="small"
        columns={columns}
        dataSource={answers}
        pagination={answers.length > 20 ? { pageSize: 20, size: 'small' } : false}
        scroll={{ x: 600 }}
        data-testid="trace-answers"
      />
    </div>
  );
}
