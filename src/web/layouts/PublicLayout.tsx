/**
 * Layout of the public pages: header with the product name, the public tools (policy library, overdue payments,
 * the published arrears disclosures, the SME development index, size self-test, government procurement's
 * calculators and annual reports, gradient cultivation's notices and announced recognitions) and API docs, language
 * switch and
 * sign-in. On a phone the tools are in a menu.
 */
import {
  AccountBookOutlined,
  ApiOutlined,
  CalculatorOutlined,
  DownOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  LineChartOutlined,
  LoginOutlined,
  MenuOutlined,
  RightOutlined,
  RiseOutlined,
  ShoppingOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Flex, Grid, Layout, type MenuProps, Spin, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useNavigate } from 'react-router';
import { useSession } from '../auth/SessionProvider.tsx';
import { Brand } from '../components/Brand.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';

export function PublicLayout() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { user } = useSession();
  const screens = Grid.useBreakpoint();
  // Below xl the tools go into a menu (and below md the language switch is an icon); until the breakpoints are
  // known (first render) the wide header shows.
  // English labels are about twice as wide: below xxl they go into the menu too (at 1280px they ran into the logo).
  const narrow = screens.xl === false || (locale === 'en' && screens.xxl === false);
  const phone = screens.md === false;
  // Government procurement: the calculators and the published annual reports (one button, a menu of two).
  const procurement = [
    {
      key: 'procurement-calculator',
      icon: <ShoppingOutlined />,
      label: t('procr.header.calculator'),
      onClick: () => navigate('/procurement-calculator'),
      'data-testid': 'header-procurement-calculator',
    },
    {
      key: 'procurement-reports',
      icon: <FileTextOutlined />,
      label: t('procr.header.reports'),
      onClick: () => navigate('/procurement/reports'),
      'data-testid': 'header-procurement-reports',
    },
  ];
  // Gradient cultivation: the public notices (with objections) and the announced recognitions (a menu of two).
  const cultivation = [
    {
      key: 'cultivation-notices',
      icon: <RiseOutlined />,
      label: t('cultivationNotices.header.notices'),
      onClick: () => navigate('/cultivation/notices'),
      'data-testid': 'header-cultivation-notices',
    },
    {
      key: 'cultivation-recognitions',
      icon: <FileDoneOutlined />,
      label: t('cultivationNotices.header.recognitions'),
      onClick: () => navigate('/cultivation/recognitions'),
      'data-testid': 'header-cultivation-recognitions',
    },
  ];
  const tools: MenuProps['items'] = [
    {
      key: 'library',
      icon: <FileSearchOutlined />,
      label: t('header.library'),
      onClick: () => navigate('/policies'),
      'data-testid': 'header-library',
    },
    {
      key: 'payment-calculator',
      icon: <AccountBookOutlined />,
      label: t('header.paymentCalculator'),
      onClick: () => navigate('/payment-calculator'),
      'data-testid': 'header-payment-calculator',
    },
    {
      key: 'arrears-disclosures',
      icon: <FileDoneOutlined />,
      label: t('payer.header.disclosures'),
      onClick: () => navigate('/arrears-disclosures'),
      'data-testid': 'header-arrears-disclosures',
    },
    {
      key: 'monitoring',
      icon: <LineChartOutlined />,
      label: t('monitoring.header.index'),
      onClick: () => navigate('/monitoring'),
      'data-testid': 'header-monitoring',
    },
    {
      key: 'size-test',
      icon: <CalculatorOutlined />,
      label: t('header.sizeTest'),
      onClick: () => navigate('/size-test'),
      'data-testid': 'header-size-test',
    },
    ...procurement,
    ...cultivation,
    {
      key: 'api-docs',
      icon: <ApiOutlined />,
      label: (
        <a href="/api/docs" target="_blank" rel="noopener">
          {t('header.apiDocs')}
        </a>
      ),
    },
  ] as MenuProps['items'];
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
          padding: phone ? '0 12px' : undefined,
        }}
      >
        <Link
          to="/"
          aria-label={t('app.fullName')}
          style={{ display: 'flex', alignItems: 'center', gap: 12, minWidth: 0 }}
        >
          <Brand />
          {screens.xxl ? (
            <Typography.Text type="secondary" style={{ fontSize: 14 }}>
              {t('app.tagline')}
            </Typography.Text>
          ) : null}
        </Link>
        <div style={{ flex: 1 }} />
        <Flex align="center" gap={screens.xxl ? 4 : 0} style={{ flexShrink: 0 }}>
          {narrow ? (
            <Dropdown menu={{ items: tools }} trigger={['click']} placement="bottomRight">
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('header.menu')}
                title={t('header.menu')}
                data-testid="header-menu"
              />
            </Dropdown>
          ) : (
            <>
              <Button
                type="text"
                icon={<FileSearchOutlined />}
                onClick={() => navigate('/policies')}
                data-testid="header-library"
              >
                {t('header.library')}
              </Button>
              <Button
                type="text"
                icon={<AccountBookOutlined />}
                onClick={() => navigate('/payment-calculator')}
                data-testid="header-payment-calculator"
              >
                {t('header.paymentCalculator')}
              </Button>
              <Button
                type="text"
                icon={<FileDoneOutlined />}
                onClick={() => navigate('/arrears-disclosures')}
                data-testid="header-arrears-disclosures"
              >
                {t('payer.header.disclosures')}
              </Button>
              <Button
                type="text"
                icon={<LineChartOutlined />}
                onClick={() => navigate('/monitoring')}
                data-testid="header-monitoring"
              >
                {t('monitoring.header.index')}
              </Button>
              <Button
                type="text"
                icon={<CalculatorOutlined />}
                onClick={() => navigate('/size-test')}
                data-testid="header-size-test"
              >
                {t('header.sizeTest')}
              </Button>
              <Dropdown menu={{ items: procurement }} trigger={['click', 'hover']} placement="bottom">
                <Button type="text" icon={<ShoppingOutlined />} data-testid="header-procurement">
                  {t('procr.header.procurement')} <DownOutlined style={{ fontSize: 10 }} />
                </Button>
              </Dropdown>
              <Dropdown menu={{ items: cultivation }} trigger={['click', 'hover']} placement="bottom">
                <Button type="text" icon={<RiseOutlined />} data-testid="header-cultivation">
                  {t('cultivationNotices.header.cultivation')} <DownOutlined style={{ fontSize: 10 }} />
                </Button>
              </Dropdown>
              <Button type="text" icon={<ApiOutlined />} href="/api/docs" target="_blank" rel="noopener">
                {t('header.apiDocs')}
              </Button>
            </>
          )}
          <LangSwitch compact={phone} />
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
        <Suspense
          fallback={
            <Spin
              size="large"
              data-testid="page-loading"
              style={{ display: 'block', margin: '120px auto' }}
            />
          }
        >
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#8c8c8c' }}>{t('app.footer')}</Layout.Footer>
    </Layout>
  );
}
