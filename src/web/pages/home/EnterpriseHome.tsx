/** Enterprise user's home: the enterprise's profile card. */
import { ShopOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import type { Home } from '../../api/client.ts';
import { isMessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';

type Enterprise = NonNullable<Home['enterprise']>;

const STATUS_COLORS: Record<string, string> = {
  active: 'green',
  suspended: 'orange',
  revoked: 'red',
  cancelled: 'default',
};

export function EnterpriseHome({ enterprise }: { enterprise: Enterprise }) {
  const { t, locale } = useI18n();
  const statusKey = `enterprise.status.${enterprise.status}`;
  const industry =
    locale === 'en'
      ? (enterprise.industryNameEn ?? enterprise.industryNameZh)
      : (enterprise.industryNameZh ?? enterprise.industryNameEn);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card
          title={
            <span>
              <ShopOutlined style={{ color: '#1458c4' }} /> {t('enterprise.profile')}
            </span>
          }
          data-testid="enterprise-card"
        >
          <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="enterprise-name">
            {enterprise.name}
          </Typography.Title>
          <Descriptions
            column={{ xs: 1, sm: 1, md: 2 }}
            bordered
            size="middle"
            items={[
              {
                key: 'uscc',
                label: t('enterprise.uscc'),
                children: (
                  <Typography.Text copyable className="huiqi-mono" style={{ fontSize: 14 }}>
                    {enterprise.uscc}
                  </Typography.Text>
                ),
              },
              {
                key: 'status',
                label: t('enterprise.status'),
                children: (
                  <Tag color={STATUS_COLORS[enterprise.status] ?? 'default'}>
                    {isMessageKey(statusKey) ? t(statusKey) : enterprise.status}
                  </Tag>
                ),
              },
              { key: 'region', label: t('enterprise.region'), children: enterprise.regionName },
              {
                key: 'industry',
                label: t('enterprise.industry'),
                children: (
                  <>
                    {industry ?? t('common.empty')}{' '}
                    <Typography.Text type="secondary" className="huiqi-mono">
                      {enterprise.industryCode}
                    </Typography.Text>
                  </>
                ),
              },
              {
                key: 'established',
                label: t('enterprise.established'),
                children: formatDate(enterprise.establishedOn, locale),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card title={t('enterprise.servicesTitle')} style={{ height: '100%' }}>
          <Typography.Paragraph type="secondary">{t('enterprise.servicesText')}</Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );
}
