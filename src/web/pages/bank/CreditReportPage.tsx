/**
 * `/app/bank/credit/:enterpriseId/:consentId` (a bank): what a live consent lets the bank see (issue 14). The
 * report: the enterprise, purpose, validity, the consented categories' published records (personal data masked by
 * the server, sources named) and the evaluation when the consent includes it, explained feature by feature (the data
 * behind a feature of a category not consented is withheld, and said so); every read is logged for the enterprise.
 * A refusal (the consent not live, a category not consented, a check-only consent) is said in words. Below, the
 * check-only questions the consent's categories allow, each answered 是/否 without showing any record.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  InputNumber,
  Select,
  Skeleton,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type CheckQuestionKind, CREDIT_CATEGORIES, TAX_CREDIT_GRADES } from '../../../reference/credit.ts';
import { todayInChina } from '../../../shared/today.ts';
import { ApiError, post } from '../../api/client.ts';
import type { CheckAnswer, CheckQuestion, Consent, CreditReport } from '../../api/credit.ts';
import { ScoreExplanation } from '../../components/ScoreExplanation.tsx';
import { type MessageKey, pickName } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { departmentName } from '../../lib/departments.ts';
import { formatDate } from '../../lib/format.ts';
import { apiQuery, refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { CategoryList, categoryName, RecordsTable } from '../credit-records/creditParts.tsx';
import {
  type ConsentUnusable,
  categoriesNotConsented,
  consentedScore,
  consentUnusable,
  offeredQuestions,
  taxYearRange,
} from './bankCredit.ts';

/** The refusals of a bank's read said in the page's words (the server's message follows). */
const REFUSALS: Record<string, MessageKey> = {
  CONSENT_NOT_LIVE: 'credit.report.notLive',
  CATEGORY_NOT_CONSENTED: 'credit.report.categoryNotConsented',
  CONSENT_CHECK_ONLY: 'credit.report.checkOnly',
};

/** Why a consent cannot be used, in the page's words. */
const UNUSABLE: Record<ConsentUnusable['reason'], MessageKey> = {
  revoked: 'credit.report.unusable.revoked',
  rejected: 'credit.report.unusable.rejected',
  awaiting: 'credit.report.unusable.awaiting',
  expired: 'credit.report.unusable.expired',
  notStarted: 'credit.report.unusable.notStarted',
};

export default function CreditReportPage() {
  const { t, locale } = useI18n();
  const params = useParams();
  const enterpriseId = Number(params.enterpriseId);
  const consentId = Number(params.consentId);
  const valid =
    Number.isSafeInteger(enterpriseId) &&
    enterpriseId > 0 &&
    Number.isSafeInteger(consentId) &&
    consentId > 0;
  // The consent first (its status, scope and categories): the report is asked for only under a live report consent,
  // and the questions offered are those its categories allow.
  const consentQuery = useApiQuery<Consent>(
    valid
      ? {
          ...apiQuery('/api/bank/credit/enterprises/:enterpriseId/consents/:consentId', {
            params: { enterpriseId, consentId },
          }),
          retry: false,
        }
      : refusedQuery(
          ['credit-consent', params.enterpriseId, params.consentId],
          new ApiError(404, 'NOT_FOUND', t('error.notFoundRecord.title')),
        ),
  );
  const consent = consentQuery.data;
  const unusable = consent ? consentUnusable(consent, todayInChina()) : null;
  const usable = consent !== undefined && unusable === null;
  const report = useApiQuery<CreditReport>({
    ...apiQuery('/api/bank/credit/enterprises/:enterpriseId/consents/:consentId/report', {
      params: { enterpriseId, consentId },
    }),
    retry: false,
    enabled: valid && usable && consent?.scope === 'report',
  });
  const refusal = report.error instanceof ApiError ? REFUSALS[report.error.code] : undefined;
  const unknown = consentQuery.error instanceof ApiError && consentQuery.error.code === 'NOT_FOUND';

  return (
    <Flex vertical gap={16} data-testid="credit-report-page">
      <Flex vertical gap={4}>
        <Link to="/app/bank/credit">
          <ArrowLeftOutlined /> {t('credit.report.back')}
        </Link>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {consent?.enterpriseName ??
            report.data?.name ??
            t('credit.report.title', { id: params.consentId ?? '' })}
        </Typography.Title>
      </Flex>
      {consentQuery.loading ? <Skeleton active /> : null}
      {unknown ? (
        <Alert
          type="warning"
          showIcon
          title={t('credit.report.unknownConsent')}
          data-testid="report-refused"
          data-code="NOT_FOUND"
        />
      ) : consentQuery.error ? (
        <Alert
          type="error"
          showIcon
          title={t('common.loadFailed')}
          description={consentQuery.error.message}
          data-testid="report-refused"
          action={
            <Button size="small" onClick={consentQuery.reload}>
              {t('common.retry')}
            </Button>
          }
        />
      ) : null}
      {consent && unusable ? (
        <Alert
          type="warning"
          showIcon
          title={t(UNUSABLE[unusable.reason], {
            date: 'date' in unusable ? formatDate(unusable.date, locale) : '',
          })}
          data-testid="report-refused"
          data-code="CONSENT_NOT_LIVE"
          data-reason={unusable.reason}
        />
      ) : null}
      {usable && consent.scope === 'check' ? <CheckOnlyConsent consent={consent} /> : null}
      {usable && consent.scope === 'report' && report.loading ? <Skeleton active /> : null}
      {usable && report.error ? (
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
      {usable && report.data ? <Report report={report.data} /> : null}
      {usable && (consent.scope === 'check' || !report.loading) && !refusal ? (
        <Checks enterpriseId={enterpriseId} consentId={consentId} categories={consent.categories} />
      ) : null}
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
  // The records' sources by their departments' names (the table prints the source as given).
  const records = useMemo(
    () => report.records.map((r) => ({ ...r, sourceDepartment: departmentName(r.sourceDepartment, locale) })),
    [report.records, locale],
  );
  const shown = category === 'all' ? records : records.filter((r) => r.category === category);
  const score = consentedScore(report.score);
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
      {score ? (
        <Card size="small" title={t('credit.report.score')} data-testid="credit-score">
          <ScoreExplanation score={score} />
        </Card>
      ) : null}
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

type QuestionKind = CheckQuestion['kind'] & CheckQuestionKind;

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

/** The check-only questions the consent's categories allow (all when they are not known), and what the rest need. */
function Checks({
  enterpriseId,
  consentId,
  categories,
}: {
  enterpriseId: number;
  consentId: number;
  categories: readonly string[] | null;
}) {
  const { t, locale } = useI18n();
  const offered = offeredQuestions(categories);
  const missing = categoriesNotConsented(categories);
  return (
    <Card size="small" title={t('credit.check.title')} data-testid="credit-checks">
      <Typography.Paragraph type="secondary">{t('credit.check.intro')}</Typography.Paragraph>
      {offered.length === 0 ? (
        <Alert type="info" showIcon title={t('credit.bank.noQuestions')} data-testid="checks-none" />
      ) : null}
      <Flex vertical gap={8}>
        {offered.map((kind) => (
          <CheckRow key={kind} kind={kind} enterpriseId={enterpriseId} consentId={consentId} />
        ))}
      </Flex>
      {missing.length > 0 ? (
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 12, marginBottom: 0 }}
          data-testid="checks-not-consented"
        >
          {t('credit.bank.questionsNotConsented', {
            categories: missing.map((code) => categoryName(code, locale)).join(locale === 'en' ? ', ' : '、'),
          })}
        </Typography.Paragraph>
      ) : null}
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
  const { t, locale } = useI18n();
  const [form] = Form.useForm<CheckValues>();
  const [answer, setAnswer] = useState<CheckAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const years = useMemo(() => taxYearRange(todayInChina()), []);
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
                min={years.min}
                max={years.max}
                precision={0}
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
              style={{ width: 200 }}
              popupMatchSelectWidth={false}
              options={TAX_CREDIT_GRADES.filter((g) => g.grade !== 'D').map((g) => ({
                value: g.grade,
                label: pickName(g, locale),
              }))}
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
      initialValues={{ year: years.initial, months: 12, grade: 'B' }}
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
