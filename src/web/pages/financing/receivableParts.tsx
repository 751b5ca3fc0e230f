/**
 * The pieces the receivables pages share (issue 15, 应收账款确权): a receivable's state, its debtor, the debtor's
 * period to answer (国务院令第802号: 30 days) with the days left or "已逾期", the debtor's answer, the filter by
 * state and the columns the receivables lists show alike.
 */
import { Flex, type TableColumnType, Tag, Typography } from 'antd';
import { todayInChina } from '../../../shared/today.ts';
import type { Receivable, ReceivableState } from '../../api/financing.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { daysUntil, formatYuan, plainDecimal } from './financingFormat.ts';
import { StateFilter } from './financingList.tsx';
import { DEBTOR_KINDS, useTermName } from './financingParts.tsx';

const STATE_COLORS: Record<ReceivableState, string> = {
  requested: 'blue',
  confirmed: 'green',
  disputed: 'red',
  financed: 'purple',
  withdrawn: 'default',
};

/** A receivable's state: requested, confirmed, disputed, financed, withdrawn. */
export function ReceivableStateTag({ state }: { state: ReceivableState }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="receivable-state" data-state={state}>
      {t(`financing.receivable.state.${state}`)}
    </Tag>
  );
}

/** A receivables list's filter by state (`states`: those the list may hold). */
export function ReceivableStateFilter({
  states,
  value,
  onChange,
  testId,
}: {
  states: readonly ReceivableState[];
  value: ReceivableState | undefined;
  onChange: (state: ReceivableState | null) => void;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <StateFilter<ReceivableState>
      value={value}
      onChange={onChange}
      options={states.map((s) => ({ value: s, label: t(`financing.receivable.state.${s}`) }))}
      ariaLabel={t('financing.receivable.state')}
      testId={testId}
    />
  );
}

/** The debtor: its name, kind and USCC. */
export function DebtorCell({ receivable }: { receivable: Receivable }) {
  const termName = useTermName();
  return (
    <Flex vertical gap={2}>
      <Typography.Text strong>{receivable.debtorName}</Typography.Text>
      <span>
        <Tag style={{ marginInlineEnd: 4 }}>{termName(DEBTOR_KINDS, receivable.debtorKind)}</Tag>
        <Typography.Text type="secondary" className="huiqi-mono" style={{ fontSize: 12 }}>
          {receivable.debtorUscc}
        </Typography.Text>
      </span>
    </Flex>
  );
}

/** The contract's number and the receivable's own due date. */
export function ContractCell({ receivable }: { receivable: Receivable }) {
  const { t, locale } = useI18n();
  return (
    <Flex vertical gap={2}>
      <span className="huiqi-mono">{receivable.contractNumber}</span>
      {receivable.dueOn ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
          {t('financing.receivable.dueOn', { date: formatDate(receivable.dueOn, locale) })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/**
 * The debtor's period: the last day, "已逾期" in red when unanswered past it, the days left while it runs (`days`),
 * "逾期答复" when answered after it.
 */
export function ConfirmDueCell({ receivable, days = false }: { receivable: Receivable; days?: boolean }) {
  const { t, locale } = useI18n();
  const left = daysUntil(todayInChina(), receivable.confirmDue);
  const showLeft = days && !receivable.late && receivable.state === 'requested';
  const date = formatDate(receivable.confirmDue, locale);
  // A date alone is a plain span in the cell (a flex item's box sits a little above its text).
  if (!receivable.late && !showLeft && !receivable.answeredLate)
    return (
      <span data-testid="receivable-confirm-due" data-late="false" style={{ whiteSpace: 'nowrap' }}>
        {date}
      </span>
    );
  return (
    <Flex
      vertical
      gap={2}
      align="start"
      data-testid="receivable-confirm-due"
      data-late={String(receivable.late)}
    >
      <Typography.Text type={receivable.late ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {date}
      </Typography.Text>
      {receivable.late ? (
        <Tag color="red" data-testid="receivable-late">
          {t('financing.receivable.late')}
        </Tag>
      ) : null}
      {showLeft ? (
        <Typography.Text type={left <= 5 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
          {t('financing.receivable.daysLeft', { days: left })}
        </Typography.Text>
      ) : null}
      {receivable.answeredLate ? (
        <Tag color="orange" data-testid="receivable-answered-late">
          {t('financing.receivable.answeredLate')}
        </Tag>
      ) : null}
    </Flex>
  );
}

/** The debtor's answer: the amount confirmed (and when), or the dispute's reason. */
export function AnswerCell({ receivable }: { receivable: Receivable }) {
  const { t, locale } = useI18n();
  if (receivable.confirmedAmount !== null) {
    const part = plainDecimal(receivable.confirmedAmount) !== plainDecimal(receivable.amount);
    return (
      <Flex vertical gap={2}>
        <Typography.Text strong data-testid="receivable-confirmed-amount">
          {formatYuan(receivable.confirmedAmount, locale)}
        </Typography.Text>
        {part ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('financing.receivable.partly')}
          </Typography.Text>
        ) : null}
      </Flex>
    );
  }
  if (receivable.disputeReason)
    return (
      <Typography.Text
        type="danger"
        data-testid="receivable-dispute-reason"
        style={{ whiteSpace: 'pre-wrap' }}
      >
        {t('financing.receivable.disputed', { reason: receivable.disputeReason })}
      </Typography.Text>
    );
  return <Typography.Text type="secondary">—</Typography.Text>;
}

type ReceivableColumn = 'debtor' | 'creditor' | 'contract' | 'amount' | 'state' | 'confirmDue' | 'answer';

/**
 * The columns the receivables lists show alike: the debtor, the creditor (a list that has it), the contract, the
 * amount in yuan, the state, the debtor's period with the days left, and the debtor's answer.
 */
export function useReceivableColumns<R extends Receivable>(): Record<ReceivableColumn, TableColumnType<R>> {
  const { t, locale } = useI18n();
  return {
    debtor: {
      title: t('financing.receivable.debtor'),
      key: 'debtor',
      render: (_, r) => <DebtorCell receivable={r} />,
    },
    creditor: {
      title: t('financing.receivable.creditor'),
      dataIndex: 'creditorName',
      render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
    },
    contract: {
      title: t('financing.receivable.contract'),
      key: 'contract',
      width: 170,
      render: (_, r) => <ContractCell receivable={r} />,
    },
    amount: {
      title: t('financing.receivable.amount'),
      dataIndex: 'amount',
      width: 150,
      align: 'right',
      render: (value: string) => (
        <span data-testid="receivable-amount-text">{formatYuan(value, locale)}</span>
      ),
    },
    state: {
      title: t('financing.receivable.state'),
      key: 'state',
      width: 100,
      render: (_, r) => <ReceivableStateTag state={r.state} />,
    },
    confirmDue: {
      title: t('financing.receivable.confirmDue'),
      key: 'confirmDue',
      width: 140,
      render: (_, r) => <ConfirmDueCell receivable={r} days />,
    },
    answer: {
      title: t('financing.receivable.answer'),
      key: 'answer',
      width: 180,
      render: (_, r) => <AnswerCell receivable={r} />,
    },
  };
}
