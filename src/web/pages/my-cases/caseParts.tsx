/** Small pieces shared by the enterprise's case pages: state and deadline tags, labels of API codes. */
import { Space, Tag, Typography } from 'antd';
import type { CaseRow } from '../../api/client.ts';
import { isMessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';

const STATE_COLORS: Record<string, string> = {
  submitted: 'gold',
  returned: 'default',
  accepted: 'blue',
  in_progress: 'processing',
  info_requested: 'orange',
  replied: 'cyan',
  closed: 'green',
  merged: 'default',
};

const CLOCK_COLORS: Record<string, string> = {
  on_time: 'green',
  due_soon: 'orange',
  overdue: 'red',
  paused: 'default',
};

/** The label of an API code under a message prefix (the code itself when there is no such message). */
export function useLabel() {
  const { t } = useI18n();
  return (prefix: string, value: string | null | undefined): string => {
    if (!value) return '—';
    const key = `${prefix}.${value}`;
    return isMessageKey(key) ? t(key) : value;
  };
}

/**
 * The case's state as a coloured tag, named as the officials' pages name it (`myCases.state.*`, capitalised as a
 * label; the server's words are for sentences), or the server's words for a state the dictionary lacks.
 */
export function StateTag({ row, testId }: { row: Pick<CaseRow, 'state' | 'stateText'>; testId?: string }) {
  const { t, locale } = useI18n();
  const key = `myCases.state.${row.state}`;
  const text = isMessageKey(key)
    ? t(key)
    : locale === 'en'
      ? row.stateText.en || row.stateText.zh
      : row.stateText.zh;
  return (
    <Tag color={STATE_COLORS[row.state] ?? 'default'} data-testid={testId} data-state={row.state}>
      {text}
    </Tag>
  );
}

/** How the running time limit stands (正常 / 即将到期 / 已超期 / 暂停计时). */
export function ClockTag({ status }: { status: string | null }) {
  const label = useLabel();
  if (!status) return null;
  return (
    <Tag color={CLOCK_COLORS[status] ?? 'default'} data-clock={status}>
      {label('myCases.clock', status)}
    </Tag>
  );
}

/** The deadline of the running clock with its status; '—' when no clock runs. */
export function Deadline({
  row,
  withStage,
  testId,
}: {
  row: Pick<CaseRow, 'deadline' | 'clockStatus' | 'clockStage'>;
  withStage?: boolean;
  testId?: string;
}) {
  const { t, locale } = useI18n();
  const label = useLabel();
  if (!row.deadline)
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('myCases.noDeadline')}
      </Typography.Text>
    );
  const date = formatDate(row.deadline, locale);
  return (
    <Space size={4} wrap data-testid={testId} data-deadline={row.deadline}>
      <span>
        {withStage && row.clockStage
          ? t('myCases.deadlineLine', { stage: label('myCases.stage', row.clockStage), date })
          : date}
      </span>
      <ClockTag status={row.clockStatus} />
    </Space>
  );
}

/** "诉求 · 咨询" or "欠款投诉". */
export function useTypeText() {
  const label = useLabel();
  return (row: Pick<CaseRow, 'type' | 'kind'>) =>
    row.type === 'demand' && row.kind
      ? `${label('myCases.type', row.type)} · ${label('myCases.kind', row.kind)}`
      : label('myCases.type', row.type);
}
