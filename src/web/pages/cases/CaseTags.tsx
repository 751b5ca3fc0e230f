/**
 * Small pieces of the officials' case pages: the state tag, the deadline with its clock status and why the deadline
 * is what it is (also on the enterprise's case page).
 */
import { Flex, Tag, Typography } from 'antd';
import type { CaseDetail } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { legalBasisLine } from '../../lib/legalBasis.ts';
import { pickText } from '../policies/policyParts.tsx';
import { CLOCK_COLORS, caseLabel, STATE_COLORS } from './caseModel.ts';

export function CaseStateTag({ state, testId }: { state: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-testid={testId} data-state={state}>
      {caseLabel(t, 'state', state)}
    </Tag>
  );
}

interface DeadlineProps {
  deadline: string | null;
  status: string | null;
  stage?: string | null;
  testId?: string;
}

/** The deadline and how it stands (正常 / 即将到期 / 已超期 / 暂停计时); "不计时" when no clock runs. */
export function Deadline({ deadline, status, stage, testId }: DeadlineProps) {
  const { t, locale } = useI18n();
  if (!deadline)
    return (
      <Typography.Text type="secondary" data-testid={testId} data-status="none">
        {t('caseAdmin.noDeadline')}
      </Typography.Text>
    );
  return (
    <Flex gap={6} align="center" wrap data-testid={testId} data-status={status ?? ''}>
      <span
        style={{
          whiteSpace: 'nowrap',
          ...(status === 'overdue' ? { color: '#cf1322', fontWeight: 500 } : {}),
        }}
      >
        {formatDate(deadline, locale)}
      </span>
      {status ? (
        <Tag color={CLOCK_COLORS[status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
          {caseLabel(t, 'clock', status)}
        </Tag>
      ) : null}
      {stage ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {caseLabel(t, 'stage', stage)}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** A case under 督办: the tag with the 督办's own deadline (and whether the handler acknowledged it). */
export function SupervisionTag({
  supervision,
  testId,
}: {
  supervision: { deadline: string | null; acknowledged: boolean } | null;
  testId?: string;
}) {
  const { t, locale } = useI18n();
  if (!supervision) return null;
  const text = t('caseAdmin.queue.supervisedUntil', { date: formatDate(supervision.deadline, locale) });
  return (
    <Tag
      color={supervision.acknowledged ? 'volcano' : 'red'}
      style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }}
      title={supervision.acknowledged ? `${text}（${t('caseAdmin.queue.supervisedAcknowledged')}）` : text}
      data-testid={testId}
      data-deadline={supervision.deadline ?? ''}
    >
      {text}
    </Tag>
  );
}

/**
 * Why the running clock's deadline is what it is, a small line each: the limit and its start, a rest day at its
 * end (民法典第二百零三条), a holiday calendar not published yet (in the warning colour); under a line resting on a
 * provision, that provision in the reader's language (English where we can render it, else the Chinese, said so).
 */
export function DeadlineExplanation({
  lines,
  testId,
}: {
  lines: CaseDetail['deadlineExplanation'];
  testId?: string;
}) {
  const { t, locale } = useI18n();
  if (lines.length === 0) return null;
  return (
    <Flex vertical gap={2} data-testid={testId}>
      {lines.map((line) => {
        const text = pickText(line.text, locale);
        const basis = line.basis ? legalBasisLine(t, locale, line.basis) : null;
        return (
          <Flex key={text} vertical>
            <Typography.Text type={line.basis ? 'secondary' : 'warning'} style={{ fontSize: 12 }}>
              {text}
            </Typography.Text>
            {basis ? (
              <Typography.Text
                type="secondary"
                style={{ fontSize: 12, paddingInlineStart: 12 }}
                data-testid="deadline-basis"
                data-fallback={basis.isFallback}
                lang={basis.isFallback ? 'zh-CN' : undefined}
              >
                {basis.text}
              </Typography.Text>
            ) : null}
          </Flex>
        );
      })}
    </Flex>
  );
}
