/** Layout of the signed-in area: side menu from the role table, header with the user, language and sign-out. */
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Badge,
  Button,
  Flex,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, Suspense, useEffect, useState } from 'react';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { api } from '../api/client.ts';
import { useSession } from '../auth/SessionProvider.tsx';
import { Brand } from '../components/Brand.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { useT } from '../i18n/I18nProvider.tsx';
import { INBOX_CHANGED } from '../lib/inbox.ts';
import {
  canOpen,
  menuEntries,
  NAV_ITEMS,
  type NavKey,
  navGroupOf,
  navKeyOfPath,
  ROLE_COLORS,
  roleLabel,
} from '../nav.ts';
import { ForbiddenPage } from '../pages/ErrorPages.tsx';

function FullPageSpin({ testId }: { testId?: string }) {
  return <Spin size="large" data-testid={testId} style={{ display: 'block', margin: '160px auto' }} />;
}

/** Sends anonymous visitors to the login page (remembering where they were going). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'anonymous') {
    if (state.signedOut) return <Navigate to="/login" replace />;
    return (
      <Navigate
        to="/login"
        replace
        state={{ from: `${location.pathname}${location.search}`, expired: state.expired }}
      />
    );
  }
  return children;
}

/** Shows a 403 page unless the user's role has this page in the role table. */
export function RoleGate({ page, children }: { page: NavKey; children: ReactNode }) {
  const { user } = useSession();
  if (!user || !canOpen(user.role, page)) return <ForbiddenPage />;
  return children;
}

/** Unread notices of a user with an inbox (the 消息 menu badge): loaded on each page change and when the inbox changes. */
function useUnreadCount(enabled: boolean, pathname: string): number {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    void pathname; // reload on every page change
    if (!enabled) return;
    let live = true;
    const load = () => {
      api.notifications({ pageSize: 1 }).then(
        (page) => {
          if (live) setUnread(page.unread);
        },
        () => undefined,
      );
    };
    load();
    window.addEventListener(INBOX_CHANGED, load);
    return () => {
      live = false;
      window.removeEventListener(INBOX_CHANGED, load);
    };
  }, [enabled, pathname]);
  return unread;
}

export function AppLayout() {
  const t = useT();
  const { user, logout } = useSession();
  const { message } = AntApp.useApp();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const unread = useUnreadCount(user ? canOpen(user.role, 'inbox') : false, location.pathname);
  const selectedGroup = navGroupOf(navKeyOfPath(location.pathname), user?.role)?.key;
  const [openKeys, setOpenKeys] = useState<string[]>(selectedGroup ? [selectedGroup] : []);
  // A page reached by a link (not the menu) opens the submenu it is listed under.
  useEffect(() => {
    if (selectedGroup)
      setOpenKeys((open) => (open.includes(selectedGroup) ? open : [...open, selectedGroup]));
  }, [selectedGroup]);
  if (!user) return <FullPageSpin />;

  const selected = navKeyOfPath(location.pathname);
  const pageItem = (key: NavKey) => {
    const item = NAV_ITEMS[key];
    const Icon = item.icon;
    return {
      key,
      // The count is in the label, which a collapsed menu hides: a dot on the icon then.
      icon:
        key === 'inbox' && unread > 0 && collapsed ? (
          <Badge dot offset={[2, 4]} data-testid="nav-inbox-unread-dot">
            <Icon />
          </Badge>
        ) : (
          <Icon />
        ),
      label:
        key === 'inbox' && unread > 0 ? (
          <Link to={item.path}>
            {t(item.label)}{' '}
            <Badge count={unread} size="small" overflowCount={99} data-testid="nav-inbox-unread" />
          </Link>
        ) : (
          <Link to={item.path}>{t(item.label)}</Link>
        ),
      'data-testid': `nav-${key}`,
    };
  };
  const items: MenuProps['items'] = menuEntries(user.role).map((entry) => {
    if (entry.kind === 'page') return pageItem(entry.key);
    const Icon = entry.group.icon;
    return {
      key: entry.group.key,
      icon: <Icon />,
      label: t(entry.group.label),
      children: entry.items.map(pageItem),
      'data-testid': `nav-${entry.group.key}`,
    };
  });

  const signOut = async () => {
    setSigningOut(true);
    await logout();
    void message.success(t('header.signedOut'));
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={220}
        theme="dark"
        style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <Link
          to="/app"
          style={{
            display: 'flex',
            alignItems: 'center',
            height: 64,
            padding: collapsed ? '0 24px' : '0 20px',
          }}
        >
          <Brand dark compact={collapsed} />
        </Link>
        <Menu
          theme="dark"
          mode="inline"
          aria-label={t('nav.menu')}
          selectedKeys={selected ? [selected] : []}
          // A collapsed menu opens its submenus as pop-ups of its own.
          {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
          items={items}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 12,
            borderBottom: '1px solid #e6ebf2',
            position: 'sticky',
            top: 0,
            zIndex: 10,
            padding: screens.md ? undefined : '0 12px',
          }}
        >
          {screens.md ? (
            <Typography.Text type="secondary" ellipsis>
              {t('app.fullName')}
            </Typography.Text>
          ) : (
            <span />
          )}
          <Flex align="center" gap={screens.sm ? 8 : 4} wrap={false} style={{ minWidth: 0 }}>
            <UserOutlined style={{ color: '#1458c4' }} />
            <Typography.Text
              strong
              data-testid="user-name"
              ellipsis
              style={{ maxWidth: screens.sm ? 220 : 110 }}
            >
              {user.displayName}
            </Typography.Text>
            {screens.sm ? (
              <Tag color={ROLE_COLORS[user.role]} data-testid="user-role" style={{ marginInlineEnd: 0 }}>
                {t(roleLabel(user.role))}
              </Tag>
            ) : null}
            {user.isDemo && screens.md ? <Tag style={{ marginInlineEnd: 0 }}>{t('common.demo')}</Tag> : null}
            <LangSwitch compact={!screens.sm} />
            <Button
              icon={<LogoutOutlined />}
              loading={signingOut}
              onClick={() => void signOut()}
              data-testid="logout"
              aria-label={t('header.signOut')}
            >
              {screens.sm ? t('header.signOut') : null}
            </Button>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: screens.md ? 24 : 12, minWidth: 0 }}>
          <Suspense fallback={<FullPageSpin testId="page-loading" />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: '#8c8c8c', padding: '12px 24px 20px' }}>
          {t('app.footer')}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
