/** Bank user's home: the institution card, and the way to its financing and credit enquiry pages. */
import { BankOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Flex, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Home } from '../../api/client.ts';
import { RegionName } from '../../components/RegionName.tsx';
import { isMessageKey } from '../../i18n/core.ts';
import { useT } from '../../i18n/I18nProvider.tsx';

type Institution = NonNullable<Home['institution']>;

/** The bank's pages this card leads to, each with its menu name. */
const LINKS = [
  {
    key: 'bank-financing-products',
    path: '/app/bank/financing/products',
    label: 'nav.bankFinancingProducts',
  },
  { key: 'bank-financing-demands', path: '/app/bank/financing/demands', label: 'nav.bankFinancingDemands' },
  {
    key: 'bank-financing-recommendations',
    path: '/app/bank/financing/recommendations',
    label: 'nav.bankFinancingRecommendations',
  },
  {
    key: 'bank-financing-performance',
    path: '/app/bank/financing/performance',
    label: 'nav.bankFinancingPerformance',
  },
  { key: 'bank-credit', path: '/app/bank/credit', label: 'credit.bank.homeLink' },
] as const;

export function BankHome({ institution }: { institution: Institution }) {
  const t = useT();
  const kindKey = `bank.kind.${institution.kind}`;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Card
          title={
            <span>
              <BankOutlined style={{ color: '#1458c4' }} /> {t('bank.institution')}
            </span>
          }
          data-testid="institution-card"
        >
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {institution.name}
          </Typography.Title>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            bordered
            items={[
              {
                key: 'kind',
                label: t('bank.kind'),
                children: <Tag color="gold">{isMessageKey(kindKey) ? t(kindKey) : institution.kind}</Tag>,
              },
              {
                key: 'region',
                label: t('bank.region'),
                children: <RegionName code={institution.regionCode} name={institution.regionName} full />,
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card title={t('bank.servicesTitle')} style={{ height: '100%' }}>
          <Typography.Paragraph type="secondary">{t('bank.servicesText')}</Typography.Paragraph>
          <Flex vertical gap={8}>
            {LINKS.map((link) => (
              <Link key={link.key} to={link.path} data-testid={`home-link-${link.key}`}>
                {t(link.label)} <RightOutlined />
              </Link>
            ))}
          </Flex>
        </Card>
      </Col>
    </Row>
  );
}
