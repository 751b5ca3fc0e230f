/** Layout of the public pages: header with the product name, API docs, language switch and sign-in. */
import {
  AccountBookOutlined,
  ApiOutlined,
  CalculatorOutlined,
  FileSearchOutlined,
  LoginOutlined,
  RightOutlined,
} from '@ant-design/icons';
import { Button, Flex, Grid, Layout, Spin, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useNavigate } from 'react-router';
import { useSession } from '../auth/SessionProvider.tsx';
import { Brand } from '../components/Brand.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { useT } from '../i18n/I18nProvider.tsx';

export function PublicLayout() {
  const t = useT();
  const navigate = useNavigate();
  const { user } = useSession();
  const screens = Grid.useBreakpoint();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          position: 'sticky',
          top: 0,
          zIndex: 10,
          borderBottom: '1px solid #e6ebf2',
        }}
      >
        <Link
          to="/"
          aria-label={t('app.fullName')}
          style={{ display: 'flex', alignItems: 'center', gap: 12 }}
        >
          <Brand />
          {screens.md ? (
            <Typography.Text type="secondary" style={{ fontSize: 14 }}>
              {t('app.tagline')}
            </Typography.Text>
          ) : null}
        </Link>
        <div style={{ flex: 1 }} />
        <Flex align="center" gap={4}>
          <Button
            type="text"
            icon={<FileSearchOutlined />}
            onClick={() => navigate('/policies')}
            data-testid="header-library"
            aria-label={t('header.library')}
          >
            {screens.sm ? t('header.library') : null}
          </Button>
          <Button
            type="text"
            icon={<AccountBookOutlined />}
            onClick={() => navigate('/payment-calculator')}
            data-testid="header-payment-calculator"
            aria-label={t('header.paymentCalculator')}
          >
            {screens.md ? t('header.paymentCalculator') : null}
          </Button>
          <Button
            type="text"
            icon={<CalculatorOutlined />}
            onClick={() => navigate('/size-test')}
            data-testid="header-size-test"
            aria-label={t('header.sizeTest')}
          >
            {screens.sm ? t('header.sizeTest') : null}
          </Button>
          {screens.sm ? (
            <Button type="text" icon={<ApiOutlined />} href="/api/docs" target="_blank" rel="noopener">
              {t('header.apiDocs')}
            </Button>
          ) : null}
          <LangSwitch />
          {user ? (
            <Button type="primary" onClick={() => navigate('/app')} data-testid="go-workspace">
              {t('header.workspace')} <RightOutlined />
            </Button>
          ) : (
            <Button
              type="primary"
              icon={<LoginOutlined />}
              onClick={() => navigate('/login')}
              data-testid="header-login"
            >
              {t('header.signIn')}
            </Button>
          )}
        </Flex>
      </Layout.Header>
      <Layout.Content>
        <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '120px auto' }} />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#8c8c8c' }}>{t('app.footer')}</Layout.Footer>
    </Layout>
  );
}
