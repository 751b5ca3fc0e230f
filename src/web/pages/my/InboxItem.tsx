/**
 * One notification of the inbox: kind, title, time; unread ones bold with a dot. The whole row opens it; one that
 * leads to a page says so at its end ("查看政策" for a policy, "查看" for any other page, e.g. a financing demand).
 */
import { RightOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import type { Notification } from '../../api/client.ts';
import { useClauseText } from '../../components/ExplanationTree.tsx';
import type { MessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';

/** Fired on `window` when notifications were marked read (a menu badge can refresh its count). */
export { INBOX_CHANGED } from '../../lib/inbox.ts';

const KINDS: Record<string, { label: MessageKey; color: string }> = {
  policy_match: { label: 'inbox.kind.policy_match', color: 'blue' },
  benefit_confirmation: { label: 'inbox.kind.benefit_confirmation', color: 'orange' },
  benefit_paid: { label: 'inbox.kind.benefit_paid', color: 'green' },
  case_update: { label: 'inbox.kind.case_update', color: 'cyan' },
  case_reminder: { label: 'inbox.kind.case_reminder', color: 'orange' },
  case_supervision: { label: 'inbox.kind.case_supervision', color: 'red' },
  case_claim: { label: 'inbox.kind.case_claim', color: 'volcano' },
  credit: { label: 'inbox.kind.credit', color: 'purple' },
  financing: { label: 'inbox.kind.financing', color: 'geekblue' },
  procurement: { label: 'inbox.kind.procurement', color: 'gold' },
  monitoring: { label: 'inbox.kind.monitoring', color: 'lime' },
  cultivation: { label: 'inbox.kind.cultivation', color: 'magenta' },
};

interface InboxItemProps {
  item: Notification;
  read: boolean;
  /** The page opening it leads to (lib/inbox.ts noticeLink), or null. */
  target: string | null;
  onOpen: (item: Notification) => void;
}

export function InboxItem({ item, read, target, onOpen }: InboxItemProps) {
  const { t, locale } = useI18n();
  const text = useClauseText();
  const kind = KINDS[item.kind];
  return (
    <button
      type="button"
      onClick={() => onOpen(item)}
      data-testid="inbox-item"
      data-unread={read ? 'false' : 'true'}
      data-kind={item.kind}
      data-policy-id={item.policyId ?? undefined}
      data-link={target ?? undefined}
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        width: '100%',
        padding: '14px 16px',
        border: 'none',
        borderBottom: '1px solid #f0f0f0',
        background: read ? 'transparent' : '#f0f5ff',
        textAlign: 'left',
        cursor: 'pointer',
        font: 'inherit',
        color: 'inherit',
      }}
    >
      <span
        role="img"
        aria-label={read ? undefined : t('inbox.unread')}
        aria-hidden={read ? true : undefined}
        style={{
          flex: '0 0 8px',
          width: 8,
          height: 8,
          borderRadius: '50%',
          background: read ? 'transparent' : '#1458c4',
        }}
      />
      <Flex vertical gap={4} style={{ flex: 1, minWidth: 0 }}>
        <Flex gap={8} align="center" wrap>
          <Tag color={kind?.color ?? 'default'} style={{ marginInlineEnd: 0 }}>
            {t(kind?.label ?? 'inbox.kind.other')}
          </Tag>
          <Typography.Text strong={!read} style={{ fontSize: 15 }} data-testid="inbox-item-title">
            {text(item.title)}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {formatDateTime(item.createdAt, locale)}
        </Typography.Text>
      </Flex>
      {target !== null ? (
        <Typography.Text
          type="secondary"
          style={{ whiteSpace: 'nowrap', fontSize: 13 }}
          data-testid="inbox-item-open"
        >
          {t(target.startsWith('/app/my-policies') ? 'inbox.openPolicy' : 'inbox.open')} <RightOutlined />
        </Typography.Text>
      ) : null}
    </button>
  );
}
