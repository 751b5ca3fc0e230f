/**
 * The pieces the recommended-list pages share (officials' and the bank's): the enterprise with its code, the state
 * tag, the decision day (red when late), the bank's contact and its outcome, the columns both lists show alike and
 * the table of a list.
 */
import { Alert, Flex, type TableColumnsType, type TableColumnType, Tag, Typography } from 'antd';
import { DECLINE_REASONS } from '../../../reference/financing.ts';
import { financingQueries, type Recommendation, type RecommendationState } from '../../api/financing.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { colon, formatWan } from './financingFormat.ts';
import { type ListPaging, ListTable } from './financingList.tsx';
import { useTermName } from './financingParts.tsx';

const STATE_COLORS: Record<RecommendationState, string> = {
  listed: 'default',
  pushed: 'blue',
  contacted: 'cyan',
  decided: 'green',
  removed: 'default',
};

/** A row's state on the list: listed, pushed, contacted, decided, removed. */
export function RecommendationStateTag({ state }: { state: RecommendationState }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} style={{ width: 'fit-content' }} data-testid="rec-state-tag">
      {t(`financing.rec.state.${state}`)}
    </Tag>
  );
}

/** The enterprise's name, its USCC below (copyable). */
export function EnterpriseCell({ row }: { row: Recommendation }) {
  return (
    <Flex vertical gap={2}>
      <Typography.Text strong>{row.enterpriseName}</Typography.Text>
      <Typography.Text
        type="secondary"
        style={{ fontSize: 12, whiteSpace: 'nowrap' }}
        copyable={{ text: row.uscc }}
      >
        {row.uscc}
      </Typography.Text>
    </Flex>
  );
}

/** The pushed day and the decision day, red with "已超期" when past it undecided. */
export function DecideDueCell({ row }: { row: Recommendation }) {
  const { t, locale } = useI18n();
  if (!row.decideDue) return <span>—</span>;
  return (
    <Flex vertical gap={2} data-testid="rec-decide-due" data-late={row.late}>
      <Typography.Text type={row.late ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {formatDate(row.decideDue, locale)}
      </Typography.Text>
      {row.late ? (
        <Tag color="red" style={{ width: 'fit-content' }}>
          {t('financing.rec.late')}
        </Tag>
      ) : row.pushedOn ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('financing.rec.pushedOnShort', { date: formatDate(row.pushedOn, locale) })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** When the bank contacted the enterprise, with its note; "未对接" while a pushed row waits. */
export function ContactCell({ row }: { row: Recommendation }) {
  const { t, locale } = useI18n();
  if (!row.contactedAt)
    return row.state === 'pushed' ? (
      <Typography.Text type="secondary">{t('financing.rec.notContacted')}</Typography.Text>
    ) : (
      <span>—</span>
    );
  return (
    <Flex vertical gap={2} data-testid="rec-contact">
      <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.contactedAt, locale)}</span>
      {row.contactNote ? (
        <Typography.Text
          type="secondary"
          style={{ fontSize: 12, maxWidth: 140 }}
          ellipsis={{ tooltip: row.contactNote }}
        >
          {row.contactNote}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** The bank's decision (the amount granted, or the reason declined), or why the row was taken off. */
export function OutcomeCell({ row }: { row: Recommendation }) {
  const { t, locale } = useI18n();
  const termName = useTermName();
  if (row.state === 'removed')
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="rec-removed-reason">
        {row.removedReason ?? '—'}
      </Typography.Text>
    );
  if (!row.outcome) return <span>—</span>;
  return (
    <Flex vertical gap={2} data-testid="rec-outcome" data-outcome={row.outcome}>
      <Tag
        color={row.outcome === 'granted' ? 'green' : row.outcome === 'declined' ? 'red' : 'default'}
        style={{ width: 'fit-content' }}
      >
        {t(`financing.rec.outcome.${row.outcome}`)}
      </Tag>
      {row.outcome === 'granted' ? <span>{formatWan(row.grantedAmount, locale)}</span> : null}
      {row.outcome === 'declined' && row.declineReason ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {termName(DECLINE_REASONS, row.declineReason)}
          {row.declineText ? `${colon(locale)}${row.declineText}` : ''}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/**
 * The enterprise's place on the coordination mechanism's lists (its financing demands page): "您已列入{year}年小微企业
 * 融资推荐清单，推送至{bank}", with the bank's contact and its outcome; nothing when it is on no list.
 */
export function MyRecommendationsNotice() {
  const { t, locale } = useI18n();
  const termName = useTermName();
  const mine = useApiQuery(financingQueries.myRecommendations());
  const items = (mine.data?.items ?? []).filter((item) => item.state !== 'removed');
  if (items.length === 0) return null;
  return (
    <Flex vertical gap={8} data-testid="my-recommendations">
      {items.map((item) => {
        const bank = item.institutionName
          ? t('financing.myRec.pushedTo', { bank: item.institutionName })
          : t('financing.myRec.notPushed');
        const outcome =
          item.outcome === 'granted'
            ? t('financing.myRec.granted', { amount: formatWan(item.grantedAmount, locale) })
            : item.outcome === 'declined'
              ? `${t('financing.rec.outcome.declined')}${
                  item.declineReason ? `${colon(locale)}${termName(DECLINE_REASONS, item.declineReason)}` : ''
                }${item.declineText ? (locale === 'en' ? ` (${item.declineText})` : `（${item.declineText}）`) : ''}`
              : item.outcome === 'no_need'
                ? t('financing.rec.outcome.no_need')
                : null;
        return (
          <Alert
            key={item.id}
            type={item.outcome === 'granted' ? 'success' : 'info'}
            showIcon
            data-testid="my-recommendation"
            title={`${t('financing.myRec.title', { year: item.listYear })}${locale === 'en' ? ', ' : '，'}${bank}`}
            description={
              <Flex vertical gap={2}>
                {item.contactedAt ? (
                  <span>
                    {t('financing.myRec.contactedAt', { date: formatDateTime(item.contactedAt, locale) })}
                  </span>
                ) : item.decideDue ? (
                  <span>{t('financing.myRec.waiting', { date: formatDate(item.decideDue, locale) })}</span>
                ) : null}
                {outcome ? <Typography.Text strong>{outcome}</Typography.Text> : null}
              </Flex>
            }
          />
        );
      })}
    </Flex>
  );
}

type SharedColumn = 'enterprise' | 'need' | 'decideDue';

/** The columns both recommended lists show alike: the enterprise, its need, the decision day. */
export function useRecommendationColumns(): Record<SharedColumn, TableColumnType<Recommendation>> {
  const { t, locale } = useI18n();
  return {
    enterprise: {
      title: t('financing.rec.enterprise'),
      key: 'enterprise',
      render: (_, r) => <EnterpriseCell row={r} />,
    },
    need: {
      title: t('financing.rec.need'),
      dataIndex: 'needAmount',
      width: 100,
      render: (value: string | null) => formatWan(value, locale),
    },
    decideDue: {
      title: t('financing.rec.decideDue'),
      key: 'due',
      width: 140,
      render: (_, r) => <DecideDueCell row={r} />,
    },
  };
}

interface RecommendationTableProps {
  /** Test ids `<testId>-table`, and `<testId>-row` on each row with its USCC and state. */
  testId: string;
  columns: TableColumnsType<Recommendation>;
  data: { items: Recommendation[]; total: number } | undefined;
  loading: boolean;
  emptyText: string;
  paging: ListPaging;
}

/** A recommended list's page of rows, one an enterprise on a year's list. */
export function RecommendationTable({ testId, ...table }: RecommendationTableProps) {
  return (
    <ListTable<Recommendation>
      {...table}
      rowKey={(r) => `${r.enterpriseId}-${r.id}`}
      scroll={{ x: 1100 }}
      onRow={(r) =>
        ({ 'data-testid': `${testId}-row`, 'data-uscc': r.uscc, 'data-state': r.state }) as object
      }
      data-testid={`${testId}-table`}
    />
  );
}
