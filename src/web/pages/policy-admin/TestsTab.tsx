/**
 * 测试用例: the policy's test cases (name, date, expected answer, facts as JSON, expected near miss) and a run
 * of them against the definition being edited, each with pass/fail, the reason and the explanation tree.
 */
import {
  CaretRightOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  CopyOutlined,
  DeleteOutlined,
  PlayCircleOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  Empty,
  Flex,
  Input,
  Row,
  Segmented,
  Select,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { RuleVocabulary, TestRun } from '../../api/client.ts';
import { ExplanationTree } from '../../components/ExplanationTree.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { DateInput, labelOf, todayIso } from './common.tsx';
import { newTest, OUTCOMES, type Outcome, type TestRow, testIndexOf } from './policyModel.ts';
import { type Problem, removeItem, replaceItem } from './ruleTree.ts';
import { TestFactsForm } from './TestFactsForm.tsx';

export const FACTS_EXAMPLE = `{
  "regionCode": "320583",
  "industryCode": "C3911",
  "establishedOn": "2024-03-01",
  "status": "active",
  "certifications": [{ "name": "专精特新中小企业", "validFrom": "2026-01-01", "validTo": null }],
  "sizes": [{ "standard": "cn-2011", "year": 2025, "size": "small" }],
  "figures": { "2025": { "employees": 12, "operating_revenue": 800, "vatTaxpayerType": "small_scale" } }
}`;

const OUTCOME_COLORS: Record<string, string> = { eligible: 'green', not_eligible: 'red', unknown: 'gold' };

interface TestsTabProps {
  tests: TestRow[];
  onChange: (tests: TestRow[]) => void;
  /** Problems of the tests (fields starting with `tests`). */
  problems: readonly Problem[];
  readOnly: boolean;
  /** Whether tests can run (the policy exists on the server). */
  canRun: boolean;
  running: boolean;
  onRun: () => void;
  /** The last run, and whether the rule or tests changed since. */
  run: TestRun | null;
  stale: boolean;
  /** Figures and certifications the facts form offers. */
  vocabulary?: RuleVocabulary | undefined;
}

function factsProblem(text: string): string | null {
  if (text.trim() === '') return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? null : 'object';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function TestsTab({
  tests,
  onChange,
  problems,
  readOnly,
  canRun,
  running,
  onRun,
  run,
  stale,
  vocabulary,
}: TestsTabProps) {
  const { t } = useI18n();
  const [touched, setTouched] = useState<Record<number, boolean>>({});
  /** Each case's facts shown as a form (the default) or as JSON. */
  const [views, setViews] = useState<Record<number, 'form' | 'json'>>({});
  const set = (index: number, patch: Partial<TestRow>) =>
    onChange(replaceItem(tests, index, { ...(tests[index] as TestRow), ...patch }));
  const general = problems.filter((p) => testIndexOf(p.field) === null);

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary">{t('policyAdmin.tests.intro')}</Typography.Text>
          <Flex gap={8}>
            {readOnly ? null : (
              <Button
                icon={<PlusOutlined />}
                onClick={() => onChange([...tests, newTest(todayIso())])}
                data-testid="policy-add-test"
              >
                {t('policyAdmin.tests.add')}
              </Button>
            )}
            <Tooltip title={canRun ? undefined : t('policyAdmin.tests.saveFirst')}>
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                loading={running}
                disabled={!canRun || tests.length === 0}
                onClick={onRun}
                data-testid="policy-run-tests"
              >
                {t('policyAdmin.tests.run')}
              </Button>
            </Tooltip>
          </Flex>
        </Flex>
        {run ? (
          <Alert
            style={{ marginTop: 12 }}
            type={run.failed === 0 ? 'success' : 'error'}
            showIcon
            data-testid="policy-test-summary"
            title={
              run.failed === 0
                ? t('policyAdmin.tests.allPassed', { n: run.passed })
                : t('policyAdmin.tests.someFailed', { failed: run.failed, passed: run.passed })
            }
            description={stale ? t('policyAdmin.tests.stale') : undefined}
          />
        ) : null}
        {general.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity beyond their place
          <Typography.Paragraph key={i} type="danger" style={{ margin: '8px 0 0' }}>
            {p.message}
          </Typography.Paragraph>
        ))}
      </Card>

      {tests.length === 0 ? (
        <Card size="small">
          <Empty description={t('policyAdmin.tests.none')} />
        </Card>
      ) : null}

      {tests.map((test, index) => {
        const result = run?.results[index];
        const own = problems.filter((p) => testIndexOf(p.field) === index);
        const jsonProblem = touched[index] ? factsProblem(test.facts) : null;
        const aria = (field: string) => t('policyAdmin.tests.fieldAria', { n: index + 1, field });
        return (
          <Card
            // biome-ignore lint/suspicious/noArrayIndexKey: test cases are identified by their place in the list
            key={index}
            size="small"
            data-testid="policy-test-case"
            style={own.length > 0 || result?.passed === false ? { borderColor: '#ff7875' } : undefined}
            title={
              <Flex gap={8} align="center" wrap>
                <Typography.Text type="secondary">#{index + 1}</Typography.Text>
                <Typography.Text strong>{test.name || t('policyAdmin.tests.unnamed')}</Typography.Text>
                {result ? (
                  result.passed ? (
                    <Tag color="success" icon={<CheckCircleOutlined />} data-testid="policy-test-passed">
                      {t('policyAdmin.tests.passed')}
                    </Tag>
                  ) : (
                    <Tag color="error" icon={<CloseCircleOutlined />} data-testid="policy-test-failed">
                      {t('policyAdmin.tests.failed')}
                    </Tag>
                  )
                ) : null}
              </Flex>
            }
            extra={
              readOnly ? null : (
                <Flex gap={4}>
                  <Tooltip title={t('policyAdmin.tests.duplicate')}>
                    <Button
                      type="text"
                      size="small"
                      icon={<CopyOutlined />}
                      aria-label={t('policyAdmin.tests.duplicate')}
                      onClick={() =>
                        onChange([
                          ...tests.slice(0, index + 1),
                          { ...test, name: `${test.name} (2)` },
                          ...tests.slice(index + 1),
                        ])
                      }
                    />
                  </Tooltip>
                  <Tooltip title={t('policyAdmin.tests.remove')}>
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('policyAdmin.tests.remove')}
                      onClick={() => onChange(removeItem(tests, index))}
                    />
                  </Tooltip>
                </Flex>
              )
            }
          >
            <Row gutter={12}>
              <Col xs={24} md={10}>
                <Typography.Text>{t('policyAdmin.tests.name')}</Typography.Text>
                <Input
                  value={test.name}
                  disabled={readOnly}
                  onChange={(event) => set(index, { name: event.target.value })}
                  maxLength={200}
                  aria-label={aria(t('policyAdmin.tests.name'))}
                  data-testid="policy-test-name"
                />
              </Col>
              <Col xs={12} md={5}>
                <Typography.Text>{t('policyAdmin.tests.date')}</Typography.Text>
                <DateInput
                  value={test.date}
                  disabled={readOnly}
                  onChange={(date) => set(index, { date })}
                  allowClear={false}
                  ariaLabel={aria(t('policyAdmin.tests.date'))}
                />
              </Col>
              <Col xs={12} md={5}>
                <Typography.Text>{t('policyAdmin.tests.expect')}</Typography.Text>
                <Select<Outcome>
                  value={test.expect}
                  disabled={readOnly}
                  onChange={(expect) => set(index, { expect })}
                  options={OUTCOMES.map((o) => ({ value: o, label: labelOf(t, 'policyAdmin.outcome', o) }))}
                  style={{ width: '100%' }}
                  aria-label={aria(t('policyAdmin.tests.expect'))}
                  data-testid="policy-test-expect"
                />
              </Col>
              <Col xs={24} md={4}>
                <Typography.Text>{t('policyAdmin.tests.nearMiss')}</Typography.Text>
                <Input
                  value={test.nearMiss}
                  disabled={readOnly || test.noNearMiss}
                  onChange={(event) => set(index, { nearMiss: event.target.value })}
                  placeholder={t('policyAdmin.tests.nearMissPlaceholder')}
                  maxLength={200}
                  aria-label={aria(t('policyAdmin.tests.nearMiss'))}
                />
                <Checkbox
                  checked={test.noNearMiss}
                  disabled={readOnly}
                  onChange={(event) => set(index, { noNearMiss: event.target.checked })}
                  data-testid="policy-test-no-near-miss"
                >
                  {t('policyAdmin.tests.form.noNearMiss')}
                </Checkbox>
              </Col>
              <Col span={24} style={{ marginTop: 8 }}>
                <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
                  <Typography.Text>{t('policyAdmin.tests.facts')}</Typography.Text>
                  <Segmented<'form' | 'json'>
                    size="small"
                    value={views[index] ?? 'form'}
                    onChange={(view) => setViews((current) => ({ ...current, [index]: view }))}
                    options={[
                      { value: 'form', label: t('policyAdmin.tests.view.form') },
                      { value: 'json', label: t('policyAdmin.tests.view.json') },
                    ]}
                    data-testid="policy-test-view"
                  />
                </Flex>
                {(views[index] ?? 'form') === 'form' ? (
                  <TestFactsForm
                    value={test.facts}
                    date={test.date}
                    vocabulary={vocabulary}
                    disabled={readOnly}
                    onChange={(facts) => set(index, { facts })}
                    aria={aria}
                  />
                ) : null}
                <Input.TextArea
                  hidden={(views[index] ?? 'form') === 'form'}
                  value={test.facts}
                  disabled={readOnly}
                  status={jsonProblem ? 'error' : undefined}
                  onChange={(event) => set(index, { facts: event.target.value })}
                  onBlur={() => setTouched((current) => ({ ...current, [index]: true }))}
                  autoSize={{ minRows: 3, maxRows: 16 }}
                  className="huiqi-mono"
                  style={{ fontSize: 13 }}
                  spellCheck={false}
                  aria-label={aria(t('policyAdmin.tests.facts'))}
                  aria-invalid={jsonProblem ? true : undefined}
                  data-testid="policy-test-facts"
                />
                {jsonProblem ? (
                  <Typography.Text type="danger">
                    {t('policyAdmin.tests.factsInvalid', { reason: jsonProblem })}
                  </Typography.Text>
                ) : null}
              </Col>
            </Row>
            {own.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity beyond their place
              <Typography.Paragraph key={i} type="danger" style={{ margin: '8px 0 0' }}>
                {p.message}
              </Typography.Paragraph>
            ))}
            {result ? (
              <Flex vertical gap={4} style={{ marginTop: 10 }} data-testid="policy-test-result">
                <Typography.Text>
                  {t('policyAdmin.tests.outcome')}{' '}
                  <Tag color={OUTCOME_COLORS[result.outcome] ?? 'default'}>
                    {labelOf(t, 'policyAdmin.outcome', result.outcome)}
                  </Tag>
                  {t('policyAdmin.tests.expected')}{' '}
                  <Tag color={OUTCOME_COLORS[result.expect] ?? 'default'}>
                    {labelOf(t, 'policyAdmin.outcome', result.expect)}
                  </Tag>
                </Typography.Text>
                {result.reason ? (
                  <Typography.Text type="danger">
                    {t('policyAdmin.tests.reason', { reason: result.reason })}
                  </Typography.Text>
                ) : null}
                <Collapse
                  size="small"
                  ghost
                  expandIcon={({ isActive }) => <CaretRightOutlined rotate={isActive ? 90 : 0} />}
                  defaultActiveKey={result.passed ? [] : ['why']}
                  items={[
                    {
                      key: 'why',
                      label: t('policyAdmin.tests.explanation'),
                      children: <ExplanationTree explanation={result.explanation} />,
                    },
                  ]}
                />
              </Flex>
            ) : null}
          </Card>
        );
      })}

      <Collapse
        size="small"
        items={[
          {
            key: 'help',
            label: t('policyAdmin.tests.factsHelp'),
            children: (
              <Flex vertical gap={8}>
                <Typography.Text type="secondary">{t('policyAdmin.tests.factsHelpText')}</Typography.Text>
                <Typography.Paragraph copyable={{ text: FACTS_EXAMPLE }} style={{ margin: 0 }}>
                  <pre className="huiqi-mono" style={{ fontSize: 12, margin: 0, whiteSpace: 'pre-wrap' }}>
                    {FACTS_EXAMPLE}
                  </pre>
                </Typography.Paragraph>
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
