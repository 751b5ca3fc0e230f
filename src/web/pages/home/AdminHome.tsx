/** Administrator's home: users by role, locked accounts, audit entries and quick links. */
import {
  AuditOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  LockOutlined,
  ShopOutlined,
  TeamOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Statistic, Table, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { isRole } from '../../../shared/roles.ts';
import type { Home } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatNumber } from '../../lib/format.ts';
import { ROLE_COLORS, roleLabel } from '../../nav.ts';

type AdminSummary = NonNullable<Home['admin']>;

export function AdminHome({ admin }: { admin: AdminSummary }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const total = admin.usersByRole.reduce((sum, row) => sum + row.count, 0);
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={8}>
          <Card>
            <Statistic
              title={t('admin.totalUsers')}
              value={formatNumber(total, locale)}
              prefix={<TeamOutlined />}
            />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card>
            <Statistic
              title={t('admin.lockedUsers')}
              value={admin.lockedUsers}
              prefix={<LockOutlined />}
              styles={{ content: { color: admin.lockedUsers > 0 ? '#cf1322' : undefined } }}
              data-testid="locked-users"
            />
          </Card>
        </Col>
        <Col xs={24} sm={8}>
          <Card>
            <Statistic
              title={t('admin.auditEntries')}
              value={formatNumber(admin.auditEntries, locale)}
              prefix={<AuditOutlined />}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('admin.usersByRole')}>
            <Table
              size="small"
              rowKey="role"
              pagination={false}
              dataSource={admin.usersByRole}
              columns={[
                {
                  key: 'role',
                  title: t('users.col.role'),
                  render: (_, row) =>
                    isRole(row.role) ? (
                      <Tag color={ROLE_COLORS[row.role]}>{t(roleLabel(row.role))}</Tag>
                    ) : (
                      row.role
                    ),
                },
                { key: 'count', title: t('admin.users'), dataIndex: 'count', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('admin.quickLinks')} style={{ height: '100%' }}>
            <Flex vertical gap={12}>
              <Button block icon={<TeamOutlined />} onClick={() => navigate('/app/admin/users')}>
                {t('admin.manageUsers')}
              </Button>
              <Button block icon={<UserAddOutlined />} onClick={() => navigate('/app/admin/users?new=1')}>
                {t('admin.newUser')}
              </Button>
              <Button block icon={<AuditOutlined />} onClick={() => navigate('/app/audit')}>
                {t('admin.viewAudit')}
              </Button>
              <Button block icon={<ShopOutlined />} onClick={() => navigate('/app/enterprises')}>
                {t('nav.enterprises')}
              </Button>
              <Button block icon={<BarChartOutlined />} onClick={() => navigate('/app/stats')}>
                {t('nav.stats')}
              </Button>
              <Button block icon={<CloudUploadOutlined />} onClick={() => navigate('/app/imports')}>
                {t('nav.imports')}
              </Button>
            </Flex>
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
