/**
 * "待您确认": the 免申即享 benefits sent to the enterprise for its answer (意愿确认). Each can be accepted at once or
 * declined after a confirmation, with an optional note. A 409 means someone answered already: the server's
 * message is shown and the lists are reloaded.
 */
import { BellOutlined, CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Flex, Grid, Input, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, type MyBenefit } from '../../api/client.ts';
import { useClauseText } from '../../components/ExplanationTree.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';

/** The DOM id of the pending answer for a policy (to scroll to it from the inbox). */
export const benefitItemId = (policyId: number) => `benefit-pending-${policyId}`;

interface BenefitPendingProps {
  /** Benefits with status `sent`. */
  pending: MyBenefit[];
  /** After an answer (or a conflict): reload the benefits and the policies. */
  onChanged: () => void;
  /** The policy a notification pointed at: its entry is outlined. */
  highlightPolicyId?: number | null;
}

function PendingItem({
  benefit,
  onChanged,
  highlighted,
}: {
  benefit: MyBenefit;
  onChanged: () => void;
  highlighted: boolean;
}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const text = useClauseText();
  const screens = Grid.useBreakpoint();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'confirm' | 'decline' | null>(null);

  const respond = async (decision: 'confirm' | 'decline') => {
    setBusy(decision);
    try {
      const trimmed = note.trim();
      await api.respondToBenefit(benefit.id, {
        decision,
        rowVersion: benefit.rowVersion,
        ...(trimmed ? { note: trimmed } : {}),
      });
      message.success(
        t(decision === 'confirm' ? 'myPolicies.pending.confirmed' : 'myPolicies.pending.declined'),
      );
      onChanged();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        message.error(t('myPolicies.pending.conflict', { message: error.message }));
        onChanged();
      } else {
        message.error(error instanceof Error ? error.message : String(error));
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      size="small"
      id={highlighted ? benefitItemId(benefit.policyId) : undefined}
      data-testid="benefit-pending-item"
      data-benefit-id={benefit.id}
      data-policy-id={benefit.policyId}
      style={
        highlighted ? { borderColor: '#1458c4', boxShadow: '0 0 0 3px rgba(20, 88, 196, 0.25)' } : undefined
      }
    >
      <Flex gap={16} wrap justify="space-between" align="flex-start">
        <Flex vertical gap={4} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Typography.Text strong>{text(benefit.title)}</Typography.Text>
          <Typography.Text>{text(benefit.benefit)}</Typography.Text>
          {benefit.sentAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('myPolicies.pending.sentAt', { time: formatDateTime(benefit.sentAt, locale) })}
            </Typography.Text>
          ) : null}
        </Flex>
        <Flex
          vertical
          gap={8}
          // On a phone the answer takes the card's whole width (a fixed minimum would push the buttons out).
          style={screens.sm ? { flex: '0 1 340px', minWidth: 240 } : { flex: '1 1 100%', minWidth: 0 }}
        >
          <Input.TextArea
            value={note}
            onChange={(event) => setNote(event.target.value)}
            maxLength={500}
            autoSize={{ minRows: 1, maxRows: 4 }}
            placeholder={t('myPolicies.pending.notePlaceholder')}
            aria-label={t('myPolicies.pending.note')}
            disabled={busy !== null}
            data-testid="benefit-note"
          />
          <Flex gap={8} justify="flex-end" wrap>
            <Popconfirm
              title={t('myPolicies.pending.declineTitle')}
              description={t('myPolicies.pending.declineText')}
              okText={t('myPolicies.pending.declineOk')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true, 'data-testid': 'benefit-decline-ok' }}
              onConfirm={() => respond('decline')}
              disabled={busy !== null}
            >
              <Button
                icon={<CloseOutlined />}
                loading={busy === 'decline'}
                disabled={busy === 'confirm'}
                data-testid="benefit-decline"
              >
                {t('myPolicies.pending.decline')}
              </Button>
            </Popconfirm>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={busy === 'confirm'}
              disabled={busy === 'decline'}
              onClick={() => respond('confirm')}
              data-testid="benefit-confirm"
            >
              {t('myPolicies.pending.confirm')}
            </Button>
          </Flex>
        </Flex>
      </Flex>
    </Card>
  );
}

/** The pending answers, shown above the policy tabs when there are any. */
export function BenefitPending({ pending, onChanged, highlightPolicyId }: BenefitPendingProps) {
  const { t } = useI18n();
  if (pending.length === 0) return null;
  return (
    <Alert
      type="warning"
      icon={<BellOutlined />}
      showIcon
      data-testid="benefit-pending"
      title={
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t('myPolicies.pending.title', { count: pending.length })}
        </Typography.Text>
      }
      description={
        <Flex vertical gap={12} style={{ marginTop: 4 }}>
          <Typography.Text type="secondary">{t('myPolicies.pending.intro')}</Typography.Text>
          {pending.map((benefit) => (
            <PendingItem
              key={benefit.id}
              benefit={benefit}
              onChanged={onChanged}
              highlighted={highlightPolicyId === benefit.policyId}
            />
          ))}
        </Flex>
      }
    />
  );
}
