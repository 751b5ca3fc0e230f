/**
 * `/app/inbox` (enterprise users, officials and debtor bodies' officials): the user's notifications, newest first
 * and paged — for an enterprise new policy matches, 免申即享 confirmations to give, payouts and the progress of its
 * cases; for an official case assignments, reminders and supervision; for a debtor body the complaints against it.
 * Unread ones are bold with a dot; opening one marks it read and shows what it is about (lib/inbox.ts noticeLink):
 * the page the notice names (a financing demand, the receivables…), a policy in "my policies", a case on the
 * reader's own case page.
 */
import { CheckOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Badge,
  Button,
  Card,
  Empty,
  Flex,
  Pagination,
  Segmented,
  Skeleton,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Role } from '../../../shared/roles.ts';
import { api, type Notification } from '../../api/client.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import type { MessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { INBOX_CHANGED, noticeLink } from '../../lib/inbox.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { InboxItem } from './InboxItem.tsx';

type Filter = 'all' | 'unread';

/** What the inbox tells each role it will hear about (an enterprise's text is the original one). */
const INTROS: Partial<Record<Role, MessageKey>> = {
  enterprise: 'inbox.intro',
  official: 'payer.inbox.intro.official',
  admin: 'payer.inbox.intro.official',
  payer: 'payer.inbox.intro.payer',
  bank: 'financing.inbox.intro.bank',
  buyer: 'proc.inbox.intro.buyer',
};

export default function InboxPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const { user } = useSession();
  const role: Role = user?.role ?? 'enterprise';
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [marking, setMarking] = useState(false);
  /** Marked read here before the list came back. */
  const [readHere, setReadHere] = useState<ReadonlySet<string>>(new Set());
  const list = useApiQuery(
    apiQuery('/api/my/notifications', {
      query: { page, pageSize, ...(filter === 'unread' ? { unread: true } : {}) },
    }),
    { keepPrevious: true },
  );
  const data = list.data;

  // A page emptied by reading (e.g. the last unread ones): go back to the last page that has items.
  useEffect(() => {
    if (data && data.items.length === 0 && page > 1) setPage(Math.max(1, Math.ceil(data.total / pageSize)));
  }, [data, page, pageSize]);

  const changed = () => {
    window.dispatchEvent(new Event(INBOX_CHANGED));
    list.reload();
  };

  const open = async (item: Notification) => {
    if (!item.readAt && !readHere.has(item.id)) {
      setReadHere((current) => new Set(current).add(item.id));
      try {
        await api.markNotificationsRead({ ids: [item.id] });
        window.dispatchEvent(new Event(INBOX_CHANGED));
      } catch (error) {
        // Not marked after all: it shows unread again.
        setReadHere((current) => {
          const next = new Set(current);
          next.delete(item.id);
          return next;
        });
        message.error(error instanceof Error ? error.message : String(error));
      }
    }
    const link = noticeLink(role, item);
    if (link) navigate(link);
    else list.reload();
  };

  const readAll = async () => {
    setMarking(true);
    try {
      const { updated } = await api.markNotificationsRead({ all: true });
      message.success(t('inbox.readAllDone', { count: updated }));
      changed();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setMarking(false);
    }
  };

  const unread = data?.unread ?? 0;
  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Flex align="center" gap={12} wrap>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
            {t('inbox.title')}
          </Typography.Title>
          {unread > 0 ? (
            <Badge
              count={t('inbox.unreadCount', { count: unread })}
              color="#cf1322"
              data-testid="inbox-unread-count"
              data-count={unread}
            />
          ) : null}
        </Flex>
        <Typography.Text type="secondary">{t(INTROS[role] ?? 'inbox.intro')}</Typography.Text>
      </Flex>

      <LoadError error={list.error} onRetry={list.reload} style={{ marginBottom: 0 }} />

      <Card styles={{ body: { padding: 0 } }}>
        <Flex
          justify="space-between"
          align="center"
          gap={12}
          wrap
          style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
        >
          <Segmented<Filter>
            value={filter}
            onChange={(value) => {
              setFilter(value);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('inbox.filter.all') },
              { value: 'unread', label: t('inbox.filter.unread') },
            ]}
            data-testid="inbox-filter"
          />
          <Button
            icon={<CheckOutlined />}
            onClick={readAll}
            loading={marking}
            disabled={unread === 0}
            data-testid="inbox-read-all"
          >
            {t('inbox.readAll')}
          </Button>
        </Flex>

        {data ? (
          data.items.length === 0 ? (
            <Empty
              style={{ padding: '40px 0' }}
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t(filter === 'unread' ? 'inbox.emptyUnread' : 'inbox.empty')}
              data-testid="inbox-empty"
            />
          ) : (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0, opacity: list.loading ? 0.6 : 1 }}>
              {data.items.map((item) => (
                <li key={item.id}>
                  <InboxItem
                    item={item}
                    read={Boolean(item.readAt) || readHere.has(item.id)}
                    target={noticeLink(role, item)}
                    onOpen={open}
                  />
                </li>
              ))}
            </ul>
          )
        ) : list.loading ? (
          <Skeleton active style={{ padding: 16 }} paragraph={{ rows: 6 }} />
        ) : null}

        {data && data.total > 0 ? (
          <Flex justify="flex-end" style={{ padding: '12px 16px' }}>
            <Pagination
              current={page}
              pageSize={pageSize}
              total={data.total}
              showSizeChanger
              pageSizeOptions={[10, 20, 50]}
              showTotal={(total) => t('common.total', { total })}
              onChange={(nextPage, nextSize) => {
                setPage(nextSize === pageSize ? nextPage : 1);
                setPageSize(nextSize);
              }}
            />
          </Flex>
        ) : null}
      </Card>
    </Flex>
  );
}
