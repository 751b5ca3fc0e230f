/**
 * The public home page: headline, the public tools (no sign-in; among them the government procurement calculators
 * and the buying bodies' published annual reports),
 * 运行监测 (the published SME development index and the registry's monthly statistics, no sign-in), key figures and two charts from /api/public/overview, the
 * services open after signing in (credit information, financing), and the planned services not built yet (marked
 * 建设中, no links).
 */
import {
  AccountBookOutlined,
  ApartmentOutlined,
  ApiOutlined,
  CalculatorOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  LineChartOutlined,
  LoginOutlined,
  MoneyCollectOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  ShoppingOutlined,
  SolutionOutlined,
  TableOutlined,
} from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { monitoringQueries } from '../api/monitoring.ts';
import { useSession } from '../auth/SessionProvider.tsx';
import { horizontalBarOption } from '../components/chartOptions.ts';
import { ErrorResult } from '../components/ErrorResult.tsx';
import { LazyChart } from '../components/LazyChart.tsx';
import type { MessageKey } from '../i18n/core.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatNumber } from '../lib/format.ts';
import { apiQuery, useApiQuery } from '../lib/queries.ts';

function Audience({ icon, text }: { icon: ReactNode; text: string }) {
  return (
    <Card variant="borderless" style={{ height: '100%' }}>
      <Flex gap={16} align="center">
        <span style={{ fontSize: 28, color: '#1458c4' }}>{icon}</span>
        <Typography.Text style={{ fontSize: 15 }}>{text}</Typography.Text>
      </Flex>
    </Card>
  );
}

/** The public tools, each with its page: what a visitor can do without signing in. */
const TOOLS: { key: string; path: string; icon: ReactNode; words?: string }[] = [
  { key: 'library', path: '/policies', icon: <FileSearchOutlined /> },
  { key: 'calculator', path: '/payment-calculator', icon: <AccountBookOutlined /> },
  { key: 'sizeTest', path: '/size-test', icon: <CalculatorOutlined /> },
  { key: 'disclosures', path: '/arrears-disclosures', icon: <FileDoneOutlined /> },
  { key: 'procurement', path: '/procurement-calculator', icon: <ShoppingOutlined /> },
  { key: 'procurementReports', path: '/procurement/reports', icon: <FileTextOutlined /> },
  // Gradient cultivation: all three tiers' notices, objections and the announced list (the card's own words).
  {
    key: 'cultivationNotices',
    path: '/cultivation/notices',
    icon: <RiseOutlined />,
    words: 'cultivationNotices.home',
  },
];

/** Services built for signed-in users (enterprises, banks, officials): named, with the way in. */
const SIGNED_IN: { key: 'credit' | 'financing'; icon: ReactNode }[] = [
  { key: 'credit', icon: <SafetyCertificateOutlined /> },
  { key: 'financing', icon: <MoneyCollectOutlined /> },
];

function Tools() {
  const { t } = useI18n();
  return (
    <Card title={t('public.tools.title')} data-testid="public-tools">
      <Row gutter={[16, 16]}>
        {TOOLS.map((tool) => (
          <Col xs={24} sm={12} lg={8} xl={{ flex: '20%' }} key={tool.key}>
            <Link
              to={tool.path}
              data-testid={`public-tool-${tool.key}`}
              style={{ display: 'block', height: '100%' }}
            >
              <Card hoverable size="small" style={{ height: '100%' }}>
                <Flex gap={12} align="flex-start">
                  <span style={{ fontSize: 26, color: '#1458c4' }}>{tool.icon}</span>
                  <div>
                    <Typography.Text strong style={{ fontSize: 15 }}>
                      {t(`${tool.words ?? `public.tool.${tool.key}`}.title` as MessageKey)}
                    </Typography.Text>
                    <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                      {t(`${tool.words ?? `public.tool.${tool.key}`}.text` as MessageKey)}
                    </Typography.Paragraph>
                  </div>
                </Flex>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/**
 * 运行监测 (measure 3): the published SME development index and the registry's monthly statistics, public. The
 * statistics open on the region that publishes them when there is one (the page of a region without a release is
 * not found), else on the list of everything published.
 */
function Monitoring() {
  const { t } = useI18n();
  const list = useApiQuery(monitoringQueries.publicSeriesList());
  const regions = (list.data?.items ?? []).filter((s) => s.kind === 'registry').map((s) => s.regionCode);
  // As PublicIndexPage links a region's statistics (monitoringModel.registryPagePath, kept out of this chunk).
  const registryPath =
    regions.length === 1
      ? regions[0]
        ? `/monitoring/registry?region=${regions[0]}`
        : '/monitoring/registry'
      : '/monitoring';
  const links = [
    { key: 'index', path: '/monitoring', icon: <LineChartOutlined /> },
    { key: 'registry', path: registryPath, icon: <TableOutlined /> },
  ] as const;
  return (
    <Card title={t('public.monitoring.title')} style={{ marginTop: 16 }} data-testid="public-monitoring">
      <Typography.Paragraph type="secondary">{t('public.monitoring.text')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {links.map((link) => (
          <Col xs={24} md={12} key={link.key}>
            <Link
              to={link.path}
              data-testid={`public-monitoring-${link.key}`}
              style={{ display: 'block', height: '100%' }}
            >
              <Card hoverable size="small" style={{ height: '100%' }}>
                <Flex gap={12} align="flex-start">
                  <span style={{ fontSize: 26, color: '#1458c4' }}>{link.icon}</span>
                  <div>
                    <Typography.Text strong style={{ fontSize: 15 }}>
                      {t(`public.monitoring.${link.key}.title`)}
                    </Typography.Text>
                    <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                      {t(`public.monitoring.${link.key}.text`)}
                    </Typography.Paragraph>
                  </div>
                </Flex>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function SignedInServices({ signedIn }: { signedIn: boolean }) {
  const { t } = useI18n();
  const to = signedIn ? '/app' : '/login';
  return (
    <Card
      title={t('public.signedIn.title')}
      style={{ marginTop: 16 }}
      data-testid="public-signed-in"
      extra={
        <Link to={to} data-testid="public-signed-in-link">
          {signedIn ? t('header.workspace') : t('header.signIn')}
        </Link>
      }
    >
      <Typography.Paragraph type="secondary">{t('public.signedIn.text')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {SIGNED_IN.map((service) => (
          <Col xs={24} md={12} key={service.key}>
            <Link
              to={to}
              data-testid={`public-signed-in-${service.key}`}
              style={{ display: 'block', height: '100%' }}
            >
              <Card hoverable size="small" style={{ height: '100%' }}>
                <Flex gap={12} align="flex-start">
                  <span style={{ fontSize: 26, color: '#1458c4' }}>{service.icon}</span>
                  <div>
                    <Typography.Text strong style={{ fontSize: 15 }}>
                      {t(`public.signedIn.${service.key}.title`)}
                    </Typography.Text>
                    <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                      {t(`public.signedIn.${service.key}.text`)}
                    </Typography.Paragraph>
                  </div>
                </Flex>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export default function PublicHome() {
  const { t, locale, name } = useI18n();
  const navigate = useNavigate();
  const { user } = useSession();
  const overview = useApiQuery(apiQuery('/api/public/overview', { anonymousOk: true }));
  const data = overview.data;

  const sectionOption = useMemo(
    () =>
      data
        ? horizontalBarOption(
            data.bySection.map((row) => ({ name: name(row), value: row.count })),
            t('common.enterprises'),
          )
        : null,
    [data, name, t],
  );
  const provinceOption = useMemo(
    () =>
      data
        ? horizontalBarOption(
            data.byRegion.map((row) => ({ name: name(row), value: row.count })),
            t('common.enterprises'),
          )
        : null,
    [data, name, t],
  );

  return (
    <>
      <section
        style={{
          background: 'linear-gradient(135deg, #0b2a5b 0%, #1458c4 60%, #2f7be6 100%)',
          color: '#fff',
          padding: '64px 24px 88px',
        }}
      >
        <div style={{ maxWidth: 1200, margin: '0 auto' }}>
          <Flex gap={8} style={{ marginBottom: 16 }}>
            <Tag color="#ffffff33" style={{ color: '#fff', border: 'none' }}>
              {t('app.fullName')}
            </Tag>
            {data?.isDemo ? (
              <Tag color="orange" data-testid="demo-tag">
                {t('common.demoData')}
              </Tag>
            ) : null}
          </Flex>
          <Typography.Title
            data-testid="public-home-title"
            style={{ color: '#fff', fontSize: 38, margin: 0 }}
          >
            {t('public.headline')}
          </Typography.Title>
          <Typography.Paragraph
            style={{ color: 'rgba(255,255,255,0.85)', fontSize: 17, maxWidth: 720, margin: '16px 0 28px' }}
          >
            {t('public.subtitle')}
          </Typography.Paragraph>
          <Flex gap={12} wrap>
            {user ? (
              <Button size="large" onClick={() => navigate('/app')}>
                {t('header.workspace')}
              </Button>
            ) : (
              <Button size="large" icon={<LoginOutlined />} onClick={() => navigate('/login')}>
                {t('header.signIn')}
              </Button>
            )}
            <Button size="large" ghost icon={<ApiOutlined />} href="/api/docs" target="_blank" rel="noopener">
              {t('public.apiLink')}
            </Button>
          </Flex>
        </div>
      </section>

      <div style={{ maxWidth: 1200, margin: '-48px auto 0', padding: '0 24px 48px' }}>
        <Tools />
        <div style={{ height: 16 }} />
        {overview.error && !data ? (
          <Card>
            <ErrorResult error={overview.error} title={t('public.loadFailed')} onRetry={overview.reload} />
          </Card>
        ) : (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={24} md={8}>
                <Card>
                  <Statistic
                    title={t('public.enterpriseCount')}
                    value={data ? formatNumber(data.enterpriseCount, locale) : ''}
                    suffix={t('common.enterprisesUnit')}
                    loading={!data}
                    styles={{ content: { color: '#1458c4', fontSize: 34, fontWeight: 600 } }}
                    data-testid="enterprise-count"
                  />
                </Card>
              </Col>
              <Col xs={12} md={8}>
                <Card>
                  <Statistic
                    title={t('public.provinceCount')}
                    value={data?.byRegion.length ?? 0}
                    loading={!data}
                  />
                </Card>
              </Col>
              <Col xs={12} md={8}>
                <Card>
                  <Statistic
                    title={t('public.sectionCount')}
                    value={data?.bySection.length ?? 0}
                    loading={!data}
                  />
                </Card>
              </Col>
            </Row>
            {data?.isDemo ? (
              <Typography.Paragraph type="secondary" style={{ margin: '12px 4px 0' }}>
                {t('public.demoHint')}
              </Typography.Paragraph>
            ) : null}

            <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
              <Col xs={24} lg={14}>
                <Card title={t('public.bySection')}>
                  {sectionOption ? (
                    <LazyChart
                      option={sectionOption}
                      label={t('public.bySection')}
                      height={Math.max(280, (data?.bySection.length ?? 0) * 26)}
                      testId="chart-sections"
                    />
                  ) : (
                    <Skeleton active paragraph={{ rows: 8 }} />
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={10}>
                <Card title={t('public.byProvince')}>
                  {provinceOption ? (
                    <LazyChart
                      option={provinceOption}
                      label={t('public.byProvince')}
                      height={Math.max(280, (data?.byRegion.length ?? 0) * 26)}
                      testId="chart-provinces"
                    />
                  ) : (
                    <Skeleton active paragraph={{ rows: 8 }} />
                  )}
                </Card>
              </Col>
            </Row>
          </>
        )}

        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} md={8}>
            <Audience icon={<ShopOutlined />} text={t('public.forWhom.enterprise')} />
          </Col>
          <Col xs={24} md={8}>
            <Audience icon={<ApartmentOutlined />} text={t('public.forWhom.official')} />
          </Col>
          <Col xs={24} md={8}>
            <Audience icon={<SolutionOutlined />} text={t('public.forWhom.payer')} />
          </Col>
        </Row>

        <Monitoring />

        <SignedInServices signedIn={Boolean(user)} />

        <Card style={{ marginTop: 16 }}>
          <Flex justify="space-between" align="center" gap={16} wrap>
            <div>
              <Typography.Title level={4} style={{ marginTop: 0 }}>
                <ApiOutlined /> {t('public.apiTitle')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('public.apiText')}</Typography.Text>
            </div>
            <Button
              type="primary"
              href="/api/docs"
              target="_blank"
              rel="noopener"
              data-testid="api-docs-link"
            >
              {t('public.apiLink')}
            </Button>
          </Flex>
        </Card>
      </div>
    </>
  );
}
