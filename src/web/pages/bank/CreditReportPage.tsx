/**
 * `/app/bank/credit/:enterpriseId/:consentId` (a bank): what a live consent lets the bank see (issue 14). The
 * report: the enterprise, purpose, validity, the consented categories' published records (personal data masked by
 * the server) and the evaluation when the consent includes it; every read is logged for the enterprise. A refusal
 * (the consent not live, a category not consented, a check-only consent) is said in words. Below, the check-only
 * questions, each answered 是/否 without showing any record.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { CREDIT_CATEGORIES } from '../../../reference/credit.ts';
import { ApiError, post } from '../../api/client.ts';
import type { CheckAnswer, CheckQuestion, Consent, CreditReport } from '../../api/credit.ts';
import type { MessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDecimal } from '../../lib/format.ts';
import { apiQuery, refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { CategoryList, categoryName, RecordsTable } from '../credit-records/creditParts.tsx';

/** The refusals of a bank's read said in the page's words (the server's message follows). */
const REFUSALS: Record<string, MessageKey> = {
  CONSENT_NOT_LIVE: 'credit.report.notLive',
  CATEGORY_NOT_CONSENTED: 'credit.report.categoryNotConsented',
  CONSENT_CHECK_ONLY: 'credit.report.checkOnly',
};

export default function CreditReportPage() {
  const { t } = useI18n();
  const params = useParams();
  const enterpriseId = Number(params.enterpriseId);
  const consentId = Number(params.consentId);
  const valid =
    Number.isSafeInteger(enterpriseId) &&
    enterpriseId > 0 &&
    Number.isSafeInteger(consentId) &&
    consentId > 0;
  // The consent as the list showed it (passed by its link): a check-only one is not asked for the report.
  const given = (useLocation().state as { consent?: Consent } | null)?.consent;
  const consent = given?.id === consentId && given.enterpriseId === enterpriseId ? given : undefined;
  const checkOnly = consent?.scope === 'check';
  const report = useApiQuery<CreditReport>(
    valid
      ? {
          ...apiQuery('/api/bank/credit/enterprises/:enterpriseId/consents/:consentId/report', {
            params: { enterpriseId, consentId },
          }),
          retry: false,
          enabled: !checkOnly,
        }
      : refusedQuery(
          ['credit-report', params.enterpriseId, params.consentId],
          new ApiError(404, 'NOT_FOUND', t('error.notFoundRecord.title')),
        ),
  );
  const refusal = report.error instanceof ApiError ? REFUSALS[report.error.code] : undefined;

  return (
    <Flex vertical gap={16} data-testid="credit-report-page">
      <Flex vertical gap={4}>
        <Link to="/app/bank/credit">
          <ArrowLeftOutlined /> {t('credit.report.back')}
        </Link>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {report.data?.name ??
            consent?.enterpriseName ??
            t('credit.report.title', { id: params.consentId ?? '' })}
        </Typography.Title>
      </Flex>
      {report.loading ? <Skeleton active /> : null}
      {report.error ? (
        <Alert
          type={refusal ? 'warning' : 'error'}
          showIcon
          title={refusal ? t(refusal) : t('common.loadFailed')}
          description={report.error.message}
          data-testid="report-refused"
          data-code={report.error instanceof ApiError ? report.error.code : undefined}
          action={
            refusal ? null : (
              <Button size="small" onClick={report.reload}>
                {t('common.retry')}
              </Button>
            )
          }
        />
      ) : null}
      {checkOnly && consent ? <CheckOnlyConsent consent={consent} /> : null}
      {report.data ? <Report report={report.data} /> : null}
      {valid ? <Checks enterpriseId={enterpriseId} consentId={consentId} /> : null}
    </Flex>
  );
}

/** A check-only consent: what it allows, and that the report is not part of it. */
function CheckOnlyConsent({ consent }: { consent: Consent }) {
  const { t, locale } = useI18n();
  return (
    <Card size="small" data-testid="check-only-consent">
      <Alert type="info" showIcon title={t('credit.report.checkOnly')} style={{ marginBottom: 12 }} />
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('credit.report.enterprise')}>{consent.enterpriseName}</Descriptions.Item>
        <Descriptions.Item label={t('credit.report.uscc')}>
          <span className="huiqi-mono">{consent.uscc}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('credit.col.purpose')}>{consent.purpose}</Descriptions.Item>
        <Descriptions.Item label={t('credit.report.validUntil')}>
          {formatDate(consent.validUntil, locale)}
        </Descriptions.Item>
        <Descriptions.Item label={t('credit.col.categories')}>
          <CategoryList codes={consent.categories} />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function Report({ report }: { report: CreditReport }) {
  const { t, locale } = useI18n();
  const [category, setCategory] = useState('all');
  const counts = new Map<string, number>();
  for (const r of report.records) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  const shown = category === 'all' ? report.records : report.records.filter((r) => r.category === category);
  return (
    <>
      <Card size="small" data-testid="credit-report">
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('credit.report.enterprise')}>{report.name}</Descriptions.Item>
          <Descriptions.Item label={t('credit.report.uscc')}>
            <span className="huiqi-mono">{report.uscc}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('credit.col.purpose')}>{report.purpose}</Descriptions.Item>
          <Descriptions.Item label={t('credit.report.validUntil')}>
            {formatDate(report.validUntil, locale)}
          </Descriptions.Item>
          <Descriptions.Item label={t('credit.report.asOf')}>
            {formatDate(report.asOf, locale)}
          </Descriptions.Item>
          <Descriptions.Item label={t('credit.col.categories')}>
            <CategoryList codes={report.categories} />
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('credit.report.logged')}
        </Typography.Text>
      </Card>
      {report.score !== null && report.score !== undefined ? <Score score={report.score} /> : null}
      <Card styles={{ body: { padding: 0 } }} title={t('credit.report.records')}>
        <div style={{ padding: '0 16px' }}>
          <Tabs
            size="small"
            activeKey={category}
            onChange={setCategory}
            items={[
              { key: 'all', label: `${t('credit.records.all')} (${report.records.length})` },
              ...CREDIT_CATEGORIES.filter((c) => report.categories.includes(c.code)).map((c) => ({
                key: c.code,
                label: `${categoryName(c.code, locale)} (${counts.get(c.code) ?? 0})`,
              })),
            ]}
          />
        </div>
        <RecordsTable records={shown} showPersonal emptyText={t('credit.report.noRecords')} />
      </Card>
    </>
  );
}

/** The evaluation as the server gives it: score, grade, and each feature's points when listed. */
function Score({ score }: { score: unknown }) {
  const { t, locale } = useI18n();
  const value = (typeof score === 'object' && score !== null ? score : {}) as Record<string, unknown>;
  const items = Array.isArray(value.items) ? (value.items as Record<string, unknown>[]) : null;
  const keys = items && items.length > 0 ? Object.keys(items[0] ?? {}) : [];
  return (
    <Card size="small" title={t('credit.report.score')} data-testid="credit-score">
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Statistic
            title={t('credit.report.scoreValue')}
            value={typeof value.score === 'number' ? formatDecimal(value.score, locale) : '—'}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('credit.report.grade')}
            value={typeof value.grade === 'string' ? value.grade : '—'}
          />
        </Col>
      </Row>
      {items ? (
        <Table<Record<string, unknown>>
          size="small"
          rowKey={(_, index) => String(index)}
          style={{ marginTop: 12 }}
          pagination={false}
          dataSource={items}
          columns={keys.map((key) => ({
            title: key,
            dataIndex: key,
            render: (cell: unknown) =>
              cell === null || cell === undefined
                ? '—'
                : typeof cell === 'object'
                  ? JSON.stringify(cell)
                  : String(cell),
          }))}
        />
      ) : null}
    </Card>
  );
}

type QuestionKind = CheckQuestion['kind'];
const QUESTION_KINDS: readonly QuestionKind[] = [
  'tax_paid_at_least',
  'tax_grade_at_least',
  'no_dishonesty',
  'no_open_enforcement',
  'no_penalty_since',
  'social_insurance_months_at_least',
];

interface CheckValues {
  year?: number;
  amount?: number;
  grade?: 'A' | 'B' | 'M' | 'C';
  since?: Dayjs;
  months?: number;
}

/** The question of a kind from the form's values. */
function questionOf(kind: QuestionKind, values: CheckValues): CheckQuestion {
  switch (kind) {
    case 'tax_paid_at_least':
      return { kind, year: values.year ?? 0, amount: values.amount ?? 0 };
    case 'tax_grade_at_least':
      return { kind, grade: values.grade ?? 'A' };
    case 'no_penalty_since':
      return { kind, since: values.since?.format('YYYY-MM-DD') ?? '' };
    case 'social_insurance_months_at_least':
      return { kind, months: values.months ?? 12 };
    default:
      return { kind };
  }
}

function Checks({ enterpriseId, consentId }: { enterpriseId: number; consentId: number }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('credit.check.title')} data-testid="credit-checks">
      <Typography.Paragraph type="secondary">{t('credit.check.intro')}</Typography.Paragraph>
      <Flex vertical gap={8}>
        {QUESTION_KINDS.map((kind) => (
          <CheckRow key={kind} kind={kind} enterpriseId={enterpriseId} consentId={consentId} />
        ))}
      </Flex>
    </Card>
  );
}

function CheckRow({
  kind,
  enterpriseId,
  consentId,
}: {
  kind: QuestionKind;
  enterpriseId: number;
  consentId: number;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<CheckValues>();
  const [answer, setAnswer] = useState<CheckAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const lastYear = useMemo(() => dayjs().year() - 1, []);
  const ask = async (values: CheckValues) => {
    setAsking(true);
    setError(null);
    setAnswer(null);
    try {
      setAnswer(
        await post('/api/bank/credit/enterprises/:enterpriseId/consents/:consentId/check', {
          params: { enterpriseId, consentId },
          body: { question: questionOf(kind, values) },
        }),
      );
    } catch (failure) {
      const code = failure instanceof ApiError ? REFUSALS[failure.code] : undefined;
      const text = failure instanceof Error ? failure.message : String(failure);
      setError(code ? `${t(code)} ${text}` : text);
    } finally {
      setAsking(false);
    }
  };
  const fields: ReactNode = (() => {
    switch (kind) {
      case 'tax_paid_at_least':
        return (
          <>
            <Form.Item name="year" rules={[{ required: true, message: t('credit.form.required') }]}>
              <InputNumber<number>
                min={2000}
                max={2100}
                placeholder={t('credit.check.year')}
                style={{ width: 110 }}
                data-testid="check-year"
              />
            </Form.Item>
            <Form.Item name="amount" rules={[{ required: true, message: t('credit.form.required') }]}>
              <InputNumber<number>
                min={0}
                suffix={t('credit.check.tenThousandYuan')}
                style={{ width: 160 }}
                data-testid="check-amount"
              />
            </Form.Item>
          </>
        );
      case 'tax_grade_at_least':
        return (
          <Form.Item name="grade" rules={[{ required: true, message: t('credit.form.required') }]}>
            <Select
              style={{ width: 110 }}
              options={['A', 'B', 'M', 'C'].map((g) => ({ value: g, label: g }))}
              data-testid="check-grade"
            />
          </Form.Item>
        );
      case 'no_penalty_since':
        return (
          <Form.Item name="since" rules={[{ required: true, message: t('credit.form.required') }]}>
            <DatePicker data-testid="check-since" />
          </Form.Item>
        );
      case 'social_insurance_months_at_least':
        return (
          <Form.Item name="months" rules={[{ required: true, message: t('credit.form.required') }]}>
            <InputNumber<number>
              min={1}
              max={12}
              suffix={t('credit.check.months')}
              style={{ width: 120 }}
              data-testid="check-months"
            />
          </Form.Item>
        );
      default:
        return null;
    }
  })();
  return (
    <Form<CheckValues>
      form={form}
      layout="inline"
      initialValues={{ year: lastYear, months: 12, grade: 'B' }}
      onFinish={(values) => void ask(values)}
      data-testid={`check-${kind}`}
      style={{ rowGap: 8, alignItems: 'center', padding: '8px 0', borderBottom: '1px solid #f5f5f5' }}
    >
      <Typography.Text style={{ minWidth: 260, marginInlineEnd: 12 }}>
        {t(`credit.check.${kind}` as MessageKey)}
      </Typography.Text>
      {fields}
      <Form.Item>
        <Button htmlType="submit" loading={asking} data-testid={`check-ask-${kind}`}>
          {t('credit.check.ask')}
        </Button>
      </Form.Item>
      {answer ? (
        <Tag
          color={answer.answer ? 'green' : 'red'}
          data-testid={`check-answer-${kind}`}
          data-answer={String(answer.answer)}
        >
          {answer.answer ? t('common.yes') : t('common.no')}
        </Tag>
      ) : null}
      {error ? (
        <Typography.Text type="danger" data-testid={`check-error-${kind}`}>
          {error}
        </Typography.Text>
      ) : null}
    </Form>
  );
}
