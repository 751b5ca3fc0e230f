/** Quick links to the registry pages (enterprise list, statistics, imports, size self-test) for home pages. */
import { BarChartOutlined, CalculatorOutlined, CloudUploadOutlined, ShopOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { MessageKey } from '../i18n/core.ts';
import { useT } from '../i18n/I18nProvider.tsx';

const LINKS: { key: string; path: string; icon: ReactNode; label: MessageKey; text: MessageKey }[] = [
  {
    key: 'enterprises',
    path: '/app/enterprises',
    icon: <ShopOutlined />,
    label: 'nav.enterprises',
    text: 'links.enterprises',
  },
  { key: 'stats', path: '/app/stats', icon: <BarChartOutlined />, label: 'nav.stats', text: 'links.stats' },
  {
    key: 'imports',
    path: '/app/imports',
    icon: <CloudUploadOutlined />,
    label: 'nav.imports',
    text: 'links.imports',
  },
  {
    key: 'size-test',
    path: '/size-test',
    icon: <CalculatorOutlined />,
    label: 'header.sizeTest',
    text: 'links.sizeTest',
  },
];

export function RegistryLinks() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Card title={t('admin.quickLinks')} data-testid="registry-links">
      <Row gutter={[12, 12]}>
        {LINKS.map((link) => (
          <Col xs={24} sm={12} xl={6} key={link.key}>
            <Button
              block
              size="large"
              icon={link.icon}
              onClick={() => navigate(link.path)}
              data-testid={`home-link-${link.key}`}
              style={{ justifyContent: 'flex-start' }}
            >
              {t(link.label)}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
              {t(link.text)}
            </Typography.Text>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
