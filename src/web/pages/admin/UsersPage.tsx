/**
 * `/app/admin/users`: search, role filter, server paging, create/edit drawers and CSV export. The scope column shows
 * what each user is bound to (a payer's organisation or a buyer's buying body with its credit code).
 */
import { DownloadOutlined, EditOutlined, ReloadOutlined, UserAddOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ROLES, type Role } from '../../../shared/roles.ts';
import { ApiError, api, fetchAllPages, type User, type UserQuery } from '../../api/client.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { downloadCsv, toCsv } from '../../lib/csv.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePaging } from '../../lib/pagination.ts';
import { apiQuery, referenceQuery, useApiQuery } from '../../lib/queries.ts';
import { ROLE_COLORS, roleLabel } from '../../nav.ts';
import { UserDrawer, type UserDrawerTarget } from './UserDrawer.tsx';
import { departmentNamer, isLocked, scopeText } from './userScope.ts';

export default function UsersPage() {
  const { t, locale, name } = useI18n();
  const { message } = AntApp.useApp();
  const [searchParams, setSearchParams] = useSearchParams();
  const [searchText, setSearchText] = useState('');
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>(undefined);
  const paging = usePaging(20);
  const { page, pageSize, toFirstPage } = paging;
  const [exporting, setExporting] = useState(false);
  const [drawer, setDrawer] = useState<UserDrawerTarget | null>(() =>
    searchParams.get('new') ? { mode: 'create' } : null,
  );

  const query: UserQuery = { q: q || undefined, role, page, pageSize };
  const list = useApiQuery(apiQuery('/api/admin/users', { query }), { keepPrevious: true });
  const departments = useApiQuery(referenceQuery('/api/departments', { anonymousOk: true }));
  const departmentName = useMemo(() => departmentNamer(departments.data, name), [departments.data, name]);

  const statusTags = (user: User) => (
    <Space size={4} wrap>
      {user.isActive ? (
        <Tag color="green">{t('users.status.active')}</Tag>
      ) : (
        <Tag color="default">{t('users.status.disabled')}</Tag>
      )}
      {isLocked(user) ? <Tag color="red">{t('users.status.locked')}</Tag> : null}
    </Space>
  );

  const statusText = (user: User) =>
    [
      user.isActive ? t('users.status.active') : t('users.status.disabled'),
      isLocked(user) ? t('users.status.locked') : '',
    ]
      .filter(Boolean)
      .join(' / ');

  const exportCsv = async () => {
    setExporting(true);
    const key = 'users-export';
    try {
      const rows = await fetchAllPages(
        (exportPage, exportPageSize) =>
          api.listUsers({ q: q || undefined, role, page: exportPage, pageSize: exportPageSize }),
        (loaded, total) => void message.loading({ key, content: t('common.exporting', { loaded, total }) }),
      );
      const header = [
        t('users.col.id'),
        t('users.col.username'),
        t('users.col.displayName'),
        t('users.col.role'),
        t('users.col.scope'),
        t('users.col.status'),
        t('users.col.lastLogin'),
        t('users.col.createdAt'),
      ];
      const csv = toCsv(
        header,
        rows.map((user) => [
          user.id,
          user.username,
          user.displayName,
          t(roleLabel(user.role)),
          scopeText(user, t, departmentName),
          statusText(user),
          user.lastLoginAt ? String(user.lastLoginAt) : '',
          String(user.createdAt),
        ]),
      );
      downloadCsv(t('users.csvFile'), csv);
      void message.success({ key, content: t('common.exported', { count: rows.length }) });
    } catch (error) {
      const text = error instanceof ApiError ? error.message : String(error);
      void message.error({ key, content: t('common.exportFailed', { message: text }) });
    } finally {
      setExporting(false);
    }
  };

  const closeDrawer = () => {
    setDrawer(null);
    if (searchParams.has('new')) setSearchParams({}, { replace: true });
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('users.title')}
        </Typography.Title>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void exportCsv()}
            data-testid="users-export"
          >
            {t('common.exportCsv')}
          </Button>
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            onClick={() => setDrawer({ mode: 'create' })}
            data-testid="users-new"
          >
            {t('users.new')}
          </Button>
        </Space>
      </Flex>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
            onSearch={(value) => {
              setQ(value.trim());
              toFirstPage();
            }}
            placeholder={t('users.searchPlaceholder')}
            enterButton={t('common.search')}
            maxLength={100}
            style={{ width: 340 }}
            data-testid="users-search"
          />
          <Select<Role>
            allowClear
            value={role}
            placeholder={t('users.allRoles')}
            onChange={(value) => {
              setRole(value ?? undefined);
              toFirstPage();
            }}
            options={ROLES.map((value) => ({ value, label: t(roleLabel(value)) }))}
            style={{ width: 200 }}
            data-testid="users-role-filter"
          />
          <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.reload')}>
            {t('common.reload')}
          </Button>
        </Flex>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<User>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1000 }}
          data-testid="users-table"
          pagination={paging.pagination(list.data?.total)}
          columns={[
            { key: 'id', title: t('users.col.id'), dataIndex: 'id', width: 70 },
            {
              key: 'username',
              title: t('users.col.username'),
              width: 210,
              render: (_, user) => (
                <Space size={4} wrap>
                  <span className="huiqi-mono" style={{ fontSize: 13 }}>
                    {user.username}
                  </span>
                  {user.isDemo ? <Tag>{t('common.demo')}</Tag> : null}
                </Space>
              ),
            },
            { key: 'displayName', title: t('users.col.displayName'), dataIndex: 'displayName' },
            {
              key: 'role',
              title: t('users.col.role'),
              render: (_, user) => <Tag color={ROLE_COLORS[user.role]}>{t(roleLabel(user.role))}</Tag>,
            },
            {
              key: 'scope',
              title: t('users.col.scope'),
              ellipsis: { showTitle: true },
              render: (_, user) =>
                (user.role === 'payer' || user.role === 'buyer') && user.organizationName ? (
                  <span data-testid={`user-organization-${user.username}`}>
                    {user.organizationName}{' '}
                    <Typography.Text type="secondary" className="huiqi-mono" style={{ fontSize: 12 }}>
                      {user.organizationUscc}
                    </Typography.Text>
                  </span>
                ) : user.role === 'official' && user.regionCode && locale === 'en' ? (
                  // English readers get the region romanised and marked as such (no official English name).
                  <span>
                    <RegionName code={user.regionCode} full />
                    {user.departmentCode
                      ? ` · ${t('users.scope.department', { name: departmentName(user.departmentCode) })}`
                      : ''}
                  </span>
                ) : (
                  scopeText(user, t, departmentName)
                ),
            },
            { key: 'status', title: t('users.col.status'), render: (_, user) => statusTags(user) },
            {
              key: 'lastLogin',
              title: t('users.col.lastLogin'),
              render: (_, user) => formatDateTime(user.lastLoginAt, locale),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              fixed: 'right',
              width: 100,
              render: (_, user) => (
                <Button
                  type="link"
                  icon={<EditOutlined />}
                  onClick={() => setDrawer({ mode: 'edit', id: user.id })}
                  data-testid={`edit-user-${user.username}`}
                >
                  {t('common.edit')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <UserDrawer
        target={drawer}
        departments={departments.data ?? []}
        onClose={closeDrawer}
        onSaved={() => list.reload()}
        onStale={() => list.reload()}
      />
    </Flex>
  );
}
