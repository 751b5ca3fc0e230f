/** Enterprise user's home: the enterprise's profile card and the way to its services (financing among them). */
import {
  CalculatorOutlined,
  FileSearchOutlined,
  FundOutlined,
  MoneyCollectOutlined,
  ShopOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Flex, Row, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { Home } from '../../api/client.ts';
import { SizeSummaryCard } from '../../components/EnterpriseDetailView.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { isMessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { STATUS_COLORS } from '../../lib/size.ts';
import { PolicySummaryCard } from '../my/PolicySummaryCard.tsx';

type Enterprise = NonNullable<Home['enterprise']>;

export function EnterpriseHome({ enterprise }: { enterprise: Enterprise }) {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const detail = useApiQuery(apiQuery('/api/my/enterprise'));
  const statusKey = `enterprise.status.${enterprise.status}`;
  const industry =
    locale === 'en'
      ? (enterprise.industryNameEn ?? enterprise.industryNameZh)
      : (enterprise.industryNameZh ?? enterprise.industryNameEn);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <PolicySummaryCard />
      </Col>
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
              {
                key: 'region',
                label: t('enterprise.region'),
                children: <RegionName code={enterprise.regionCode} name={enterprise.regionName} full />,
              },
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
          <Flex vertical gap={12}>
            <Button
              type="primary"
              block
              icon={<SolutionOutlined />}
              onClick={() => navigate('/app/my-enterprise')}
              data-testid="home-link-my-enterprise"
            >
              {t('enterprise.openMyEnterprise')}
            </Button>
            <Button
              block
              icon={<FundOutlined />}
              onClick={() => navigate('/app/my/financing/products')}
              data-testid="home-link-financing-products"
            >
              {t('nav.myFinancingProducts')}
            </Button>
            <Button
              block
              icon={<MoneyCollectOutlined />}
              onClick={() => navigate('/app/my/financing/demands')}
              data-testid="home-link-financing-demands"
            >
              {t('nav.myFinancingDemands')}
            </Button>
            <Button
              block
              icon={<CalculatorOutlined />}
              onClick={() => navigate('/size-test')}
              data-testid="home-link-size-test"
            >
              {t('header.sizeTest')}
            </Button>
            <Button
              block
              icon={<FileSearchOutlined />}
              onClick={() => navigate('/policies')}
              data-testid="home-link-library"
            >
              {t('header.library')}
            </Button>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('enterprise.servicesText')}
            </Typography.Paragraph>
          </Flex>
        </Card>
      </Col>
      {detail.data ? (
        <Col xs={24}>
          <SizeSummaryCard
            detail={detail.data}
            extra={
              <Button type="link" onClick={() => navigate('/app/my-enterprise')}>
                {t('enterprise.sizeDetails')}
              </Button>
            }
          />
        </Col>
      ) : null}
    </Row>
  );
}
