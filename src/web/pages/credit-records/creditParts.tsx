/**
 * Parts of the credit pages (issue 14) the enterprise's, the bank's and the officials' pages share: category and
 * item names, a record's value, the records table with its marks, consent states, the consents and access-log
 * tables, and the one way a credit form shows the server's refusal (field errors on the fields, the rest above).
 */
import {
  Alert,
  Flex,
  type FormInstance,
  Segmented,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { CREDIT_CATEGORIES } from '../../../reference/credit.ts';
import { ApiError } from '../../api/client.ts';
import {
  type AccessLogEntry,
  CONSENT_STATUSES,
  type Consent,
  type ConsentStatus,
  type CreditObjection,
  type CreditRecord,
  type CreditSetting,
  itemOf,
} from '../../api/credit.ts';
import type { MessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { recordSourceName } from '../../lib/departments.ts';
import { formatDate, formatDateTime, formatQuantity } from '../../lib/format.ts';
import { applyFieldErrors } from '../../lib/formErrors.ts';

type Locale = ReturnType<typeof useI18n>['locale'];

/** A table cell kept on one line (dates, times). */
export const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });

/** The name of a category of 国办发〔2021〕52号 in the language, or its code when unknown. */
export function categoryName(code: string, locale: Locale): string {
  const category = CREDIT_CATEGORIES.find((c) => c.code === code);
  if (!category) return code;
  return locale === 'en' ? category.nameEn : category.nameZh;
}

/** The name of an item of the sharing list's vocabulary, or null when it is not one of them. */
export function itemName(category: string, item: string, locale: Locale): string | null {
  const found = itemOf(category, item);
  if (!found) return null;
  return locale === 'en' ? found.nameEn : found.nameZh;
}

/** A record's number with its unit, or its value; null when it carries neither. */
export function recordValue(record: CreditRecord, locale: Locale): string | null {
  if (record.valueNumber !== null) {
    return formatQuantity(record.valueNumber, itemOf(record.category, record.item)?.unit, locale);
  }
  return record.valueText;
}

const CONSENT_COLORS: Record<ConsentStatus, string> = {
  awaiting: 'orange',
  authorised: 'green',
  rejected: 'default',
  revoked: 'red',
  expired: 'default',
};

/** A consent's state as a tag. */
export function ConsentStatusTag({ status }: { status: ConsentStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={CONSENT_COLORS[status]} data-testid="consent-status" data-status={status}>
      {t(`credit.consentStatus.${status}` as MessageKey)}
    </Tag>
  );
}

/** An objection's state (open, accepted, rejected), with the late mark. */
export function ObjectionStateTag({ objection }: { objection: Pick<CreditObjection, 'state' | 'late'> }) {
  const { t } = useI18n();
  const color = objection.state === 'open' ? 'blue' : objection.state === 'accepted' ? 'green' : 'default';
  return (
    <Space size={4} wrap>
      <Tag color={color} data-testid="objection-state" data-state={objection.state}>
        {t(`credit.objectionState.${objection.state}` as MessageKey)}
      </Tag>
      {objection.late ? (
        <Tag color="red" data-testid="objection-late">
          {t('credit.objection.late')}
        </Tag>
      ) : null}
    </Space>
  );
}

/**
 * What a record's history status reads: a superseded record another record `corrects` was corrected (an answered
 * objection's correction, a department's update); one nothing replaces was withdrawn (an objection accepted
 * without a correction).
 */
export type RecordShownStatus = CreditRecord['status'] | 'withdrawn';

export function recordShownStatus(
  record: CreditRecord,
  correctedIds: ReadonlySet<number>,
): RecordShownStatus {
  if (record.status === 'superseded' && !correctedIds.has(record.id)) return 'withdrawn';
  return record.status;
}

/** The marks of a record: source kind, published today or not, history (corrected, withdrawn, repaired), disputed. */
export function RecordMarks({
  record,
  status = record.status,
}: {
  record: CreditRecord;
  status?: RecordShownStatus;
}) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      {record.published ? (
        <Tag color="green" data-testid="record-published">
          {t('credit.record.published')}
        </Tag>
      ) : (
        <Tooltip title={t('credit.record.notPublishedHelp')}>
          <Tag data-testid="record-not-published">{t('credit.record.notPublished')}</Tag>
        </Tooltip>
      )}
      {record.sourceKind === 'self_declared' ? (
        <Tag color="purple" data-testid="record-self-declared">
          {t('credit.record.selfDeclared')}
        </Tag>
      ) : null}
      {record.sourceKind === 'correction' ? (
        <Tag color="cyan" data-testid="record-correction">
          {t('credit.record.correction')}
        </Tag>
      ) : null}
      {status !== 'active' ? (
        <Tag data-testid="record-status" data-status={status}>
          {t(`credit.record.status.${status}` as MessageKey)}
        </Tag>
      ) : null}
      {record.disputed ? (
        <Tag color="orange" data-testid="record-disputed">
          {t('credit.record.disputed')}
        </Tag>
      ) : null}
    </Space>
  );
}

interface RecordsTableProps {
  records: CreditRecord[];
  loading?: boolean;
  /** Whether personal data is shown (masked for banks by the server). */
  showPersonal?: boolean;
  actions?: (record: CreditRecord) => ReactNode;
  emptyText?: string;
}

/** Records: category, title and value, source, dates, marks (and actions when given). */
export function RecordsTable({ records, loading, showPersonal, actions, emptyText }: RecordsTableProps) {
  const { t, locale } = useI18n();
  const correctedIds = new Set(records.flatMap((r) => (r.corrects === null ? [] : [r.corrects])));
  const columns: TableColumnsType<CreditRecord> = [
    {
      title: t('credit.col.category'),
      dataIndex: 'category',
      width: 120,
      render: (code: string) => categoryName(code, locale),
    },
    {
      title: t('credit.col.record'),
      key: 'title',
      minWidth: 280,
      render: (_, record) => (
        <Space vertical size={0}>
          <Typography.Text strong>{record.title}</Typography.Text>
          {itemName(record.category, record.item, locale) ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {itemName(record.category, record.item, locale)}
            </Typography.Text>
          ) : null}
          {showPersonal && record.personal?.legalRepName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="record-personal">
              {t('credit.record.legalRepName', { name: record.personal.legalRepName })}{' '}
              <span className="huiqi-mono" style={{ whiteSpace: 'nowrap' }}>
                {record.personal.legalRepId ?? '—'}
              </span>
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('credit.col.recordValue'),
      key: 'value',
      width: 120,
      render: (_, record) => recordValue(record, locale) ?? '—',
    },
    {
      title: t('credit.col.source'),
      dataIndex: 'sourceDepartment',
      width: 140,
      render: (source: string) => recordSourceName(source, t, locale),
    },
    {
      title: t('credit.col.decidedOn'),
      dataIndex: 'decidedOn',
      width: 110,
      onCell: nowrap,
      render: (date: string) => formatDate(date, locale),
    },
    {
      title: t('credit.col.publishUntil'),
      dataIndex: 'publishUntil',
      width: 110,
      onCell: nowrap,
      render: (date: string | null) => (date ? formatDate(date, locale) : t('credit.record.noEnd')),
    },
    {
      title: t('credit.col.marks'),
      key: 'marks',
      width: 120,
      render: (_, record) => <RecordMarks record={record} status={recordShownStatus(record, correctedIds)} />,
    },
    ...(actions
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 130,
            render: (_: unknown, r: CreditRecord) => actions(r),
          },
        ]
      : []),
  ];
  return (
    <Table<CreditRecord>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={records}
      loading={loading}
      scroll={{ x: actions ? 1130 : 1000 }}
      pagination={records.length > 20 ? { pageSize: 20 } : false}
      onRow={(record) => ({ 'data-testid': 'credit-record', 'data-record-id': record.id }) as object}
      locale={{ emptyText: loading ? ' ' : (emptyText ?? t('credit.records.empty')) }}
      data-testid="credit-records-table"
    />
  );
}

/** The categories of a consent, named. */
export function CategoryList({ codes }: { codes: string[] }) {
  const { locale } = useI18n();
  return (
    <Space size={[4, 4]} wrap>
      {codes.map((code) => (
        <Tag key={code}>{categoryName(code, locale)}</Tag>
      ))}
    </Space>
  );
}

interface ConsentsTableProps {
  consents: Consent[];
  loading: boolean;
  /** Whose list: the enterprise sees the bank, the bank sees the enterprise. */
  party: 'bank' | 'enterprise';
  actions?: (consent: Consent) => ReactNode;
  pagination: object | false;
  emptyText: string;
}

/** Consents and requests: the other party, scope and categories, purpose, dates, state, number of queries. */
export function ConsentsTable({
  consents,
  loading,
  party,
  actions,
  pagination,
  emptyText,
}: ConsentsTableProps) {
  const { t, locale } = useI18n();
  const columns: TableColumnsType<Consent> = [
    {
      title: party === 'bank' ? t('credit.col.bank') : t('credit.col.enterprise'),
      key: 'party',
      width: 200,
      render: (_, c) =>
        party === 'bank' ? (
          c.institutionName
        ) : (
          <Space vertical size={0}>
            <span>{c.enterpriseName}</span>
            <Typography.Text type="secondary" className="huiqi-mono" style={{ fontSize: 12 }}>
              {c.uscc}
            </Typography.Text>
          </Space>
        ),
    },
    {
      title: t('credit.col.scope'),
      key: 'scope',
      width: 260,
      render: (_, c) => (
        <Space vertical size={4}>
          <span>
            {t(c.scope === 'report' ? 'credit.scope.report' : 'credit.scope.check')}
            {c.includeScore ? ` · ${t('credit.consent.withScore')}` : ''}
          </span>
          <CategoryList codes={c.categories} />
        </Space>
      ),
    },
    { title: t('credit.col.purpose'), dataIndex: 'purpose', width: 180 },
    {
      title: t('credit.col.validity'),
      key: 'validity',
      width: 200,
      onCell: nowrap,
      render: (_, c) => (
        <Flex vertical gap={0}>
          <span>{formatDate(c.validFrom, locale)} –</span>
          <span data-testid="consent-valid-until">{formatDate(c.validUntil, locale)}</span>
        </Flex>
      ),
    },
    {
      title: t('credit.col.requested'),
      key: 'requested',
      width: 170,
      render: (_, c) => (
        <Space vertical size={0}>
          <span>{t(c.requestedBy === 'bank' ? 'credit.consent.byBank' : 'credit.consent.byEnterprise')}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(c.requestedAt, locale)}
          </Typography.Text>
          {c.signerName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('credit.consent.signedBy', { name: c.signerName })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('credit.col.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: ConsentStatus) => <ConsentStatusTag status={status} />,
    },
    { title: t('credit.col.queries'), dataIndex: 'queries', width: 80, align: 'right' },
    ...(actions
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 220,
            render: (_: unknown, c: Consent) => actions(c),
          },
        ]
      : []),
  ];
  return (
    <Table<Consent>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={consents}
      loading={loading}
      pagination={pagination}
      onRow={(c) =>
        ({ 'data-testid': 'consent-row', 'data-consent-id': c.id, 'data-status': c.status }) as object
      }
      locale={{ emptyText: loading ? ' ' : emptyText }}
      data-testid="consents-table"
    />
  );
}

/** The unit of the tax-paid question's amount. */
const TEN_THOUSAND_YUAN = { zh: '万元', en: '10,000 yuan' };

/** A check-only question in words. */
export function questionText(question: unknown, t: ReturnType<typeof useI18n>['t'], locale: Locale): string {
  if (!question || typeof question !== 'object' || !('kind' in question)) return '—';
  const q = question as Record<string, string | number>;
  const kind = String(q.kind);
  return t(`credit.question.${kind}` as MessageKey, {
    year: q.year ?? '',
    amount: typeof q.amount === 'number' ? formatQuantity(q.amount, TEN_THOUSAND_YUAN, locale) : '',
    grade: q.grade ?? '',
    since: q.since ?? '',
    months: q.months ?? '',
  });
}

interface AccessLogTableProps {
  entries: AccessLogEntry[];
  loading: boolean;
  party: 'bank' | 'enterprise';
  pagination: object | false;
  /** Shows the queries under one consent only (the enterprise's log); without it, no consent column. */
  onConsent?: (consentId: number) => void;
}

/** Each look at an enterprise's data: who, when, which categories, for what, the check and its answer. */
export function AccessLogTable({ entries, loading, party, pagination, onConsent }: AccessLogTableProps) {
  const { t, locale } = useI18n();
  const columns: TableColumnsType<AccessLogEntry> = [
    {
      title: t('credit.col.at'),
      dataIndex: 'at',
      width: 170,
      onCell: nowrap,
      render: (at: string) => formatDateTime(at, locale),
    },
    {
      title: party === 'bank' ? t('credit.col.bank') : t('credit.col.enterprise'),
      key: 'who',
      width: 220,
      render: (_, e) => (
        <Space vertical size={0}>
          <span>{party === 'bank' ? e.institutionName : e.enterpriseName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('credit.log.user', { name: e.userName })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('credit.col.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (kind: string) => t(kind === 'report' ? 'credit.log.report' : 'credit.log.check'),
    },
    {
      title: t('credit.col.categories'),
      key: 'categories',
      render: (_, e) => <CategoryList codes={e.categories} />,
    },
    { title: t('credit.col.purpose'), dataIndex: 'purpose', width: 160 },
    {
      title: t('credit.col.question'),
      key: 'question',
      width: 240,
      render: (_, e) =>
        e.kind === 'check' ? (
          <Space vertical size={0}>
            <span>{questionText(e.question, t, locale)}</span>
            {e.answer !== null ? (
              <Tag color={e.answer ? 'green' : 'red'}>{e.answer ? t('common.yes') : t('common.no')}</Tag>
            ) : null}
          </Space>
        ) : (
          '—'
        ),
    },
    // The consent's bank and purpose are on the row already; its number means nothing to a reader: the enterprise
    // gets a link that shows the queries under the same consent only.
    ...(onConsent
      ? [
          {
            title: t('credit.col.consent'),
            key: 'consent',
            width: 110,
            render: (_: unknown, e: AccessLogEntry) => (
              <Typography.Link onClick={() => onConsent(e.consentId)} data-testid="log-same-consent">
                {t('credit.log.sameConsent')}
              </Typography.Link>
            ),
          },
        ]
      : []),
  ];
  return (
    <Table<AccessLogEntry>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={entries}
      loading={loading}
      pagination={pagination}
      onRow={() => ({ 'data-testid': 'access-log-row' }) as object}
      locale={{ emptyText: loading ? ' ' : t('credit.log.empty') }}
      data-testid="access-log-table"
    />
  );
}

/** A dated figure in words: '20 日', 'months'… */
export function settingPeriod(
  setting: Pick<CreditSetting, 'value' | 'unit'>,
  t: ReturnType<typeof useI18n>['t'],
) {
  return t(`credit.unit.${setting.unit}` as MessageKey, { value: setting.value });
}

/**
 * A credit form's submission: on a refusal, the server's field errors go on the fields (`fields`; `rename` maps a
 * server field such as 'correction.decidedOn' to the form's own name) and anything else (a conflict, a field the
 * form lacks) shows as `error` above the form.
 */
export function useCreditSubmit(
  form: FormInstance,
  fields: readonly string[],
  rename: Readonly<Record<string, string>> = {},
) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setSaving(true);
    setError(null);
    try {
      return await action();
    } catch (failure) {
      const refusal =
        failure instanceof ApiError
          ? new ApiError(
              failure.status,
              failure.code,
              failure.message,
              failure.errors.map((problem) => {
                const name = problem.field.replace(/^body\./, '');
                return { ...problem, field: rename[name] ?? name };
              }),
              failure.requestId,
            )
          : failure;
      const unmatched = applyFieldErrors(form, refusal, fields);
      const onFields = refusal instanceof ApiError ? refusal.errors.length - unmatched.length : 0;
      if (unmatched.length > 0 || onFields === 0)
        setError([failure instanceof Error ? failure.message : String(failure), ...unmatched].join('; '));
      return undefined;
    } finally {
      setSaving(false);
    }
  };
  const alert = error ? (
    <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="credit-form-error" />
  ) : null;
  return { saving, error, alert, run, clear: () => setError(null) };
}

/** The consents' state filter (all, or one state), as the enterprise's and the bank's consent lists show it. */
export function ConsentStatusFilter({
  value,
  onChange,
  testId,
}: {
  value: ConsentStatus | null | undefined;
  onChange: (status: ConsentStatus | null) => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <Segmented<string>
      value={value ?? 'all'}
      onChange={(next) => onChange(next === 'all' ? null : (next as ConsentStatus))}
      options={[
        { value: 'all', label: t('credit.consentStatus.all') },
        ...CONSENT_STATUSES.map((s) => ({ value: s, label: t(`credit.consentStatus.${s}`) })),
      ]}
      data-testid={testId}
    />
  );
}
