/** Bank user's home: the institution card. */
import { BankOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Home } from '../../api/client.ts';
import { RegionName } from '../../components/RegionName.tsx';
import { isMessageKey } from '../../i18n/core.ts';
import { useT } from '../../i18n/I18nProvider.tsx';

type Institution = NonNullable<Home['institution']>;

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
          <Link to="/app/bank/credit" data-testid="home-link-bank-credit">
            {t('credit.bank.homeLink')} <RightOutlined />
          </Link>
        </Card>
      </Col>
    </Row>
  );
}
