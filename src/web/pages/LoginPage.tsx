/** Sign-in: username and password, the API's error message, then on to the workspace. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Row, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useSession } from '../auth/SessionProvider.tsx';
import type { MessageKey } from '../i18n/core.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { DEMO_ACCOUNTS } from '../lib/demoAccounts.ts';
import { apiQuery, useApiQuery } from '../lib/queries.ts';
import { ROLE_COLORS, roleLabel } from '../nav.ts';
import { loginTarget } from './loginTarget.ts';

interface LoginValues {
  username: string;
  password: string;
}

interface LoginState {
  from?: string;
  expired?: boolean;
}

export function LoginPage() {
  const { t } = useI18n();
  const { state: session, login } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const routeState = (location.state ?? {}) as LoginState;
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const [form] = Form.useForm<LoginValues>();
  const overview = useApiQuery(apiQuery('/api/public/overview', { anonymousOk: true }));

  if (session.status === 'signedIn' && !submitting)
    return <Navigate to={loginTarget(routeState.from)} replace />;

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(loginTarget(routeState.from), { replace: true });
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
      setSubmitting(false);
    }
  };

  return (
    <div style={{ maxWidth: 1040, margin: '0 auto', padding: '48px 16px' }}>
      <Row
        gutter={[0, 0]}
        style={{ boxShadow: '0 8px 32px rgba(11, 42, 91, 0.12)', borderRadius: 12, overflow: 'hidden' }}
      >
        <Col
          xs={0}
          md={11}
          style={{
            background: 'linear-gradient(145deg, #0b2a5b 0%, #1458c4 100%)',
            color: '#fff',
            padding: '56px 40px',
          }}
        >
          <Typography.Title level={2} style={{ color: '#fff', marginTop: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.85)', fontSize: 16 }}>
            {t('public.headline')}
          </Typography.Paragraph>
          <ul style={{ paddingInlineStart: 20, lineHeight: 2.2, color: 'rgba(255,255,255,0.9)' }}>
            <li>{t('public.forWhom.enterprise')}</li>
            <li>{t('public.forWhom.official')}</li>
            <li>{t('public.forWhom.payer')}</li>
          </ul>
        </Col>
        <Col xs={24} md={13}>
          <Card
            variant="borderless"
            style={{ borderRadius: 0, height: '100%' }}
            styles={{ body: { padding: '48px 40px' } }}
          >
            <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="login-title">
              {t('login.title')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
            {routeState.expired && !error ? (
              <Alert type="warning" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} />
            ) : null}
            {error ? (
              <Alert
                type="error"
                showIcon
                data-testid="login-error"
                title={error.message}
                description={
                  error instanceof ApiError && error.requestId
                    ? t('common.requestId', { id: error.requestId })
                    : undefined
                }
                style={{ marginBottom: 16 }}
              />
            ) : null}
            <Form<LoginValues>
              form={form}
              layout="vertical"
              size="large"
              onFinish={(values) => void onFinish(values)}
              requiredMark={false}
            >
              <Form.Item
                name="username"
                label={t('login.username')}
                rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
              >
                <Input
                  prefix={<UserOutlined />}
                  autoComplete="username"
                  autoFocus
                  data-testid="login-username"
                  maxLength={40}
                />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('login.password')}
                rules={[{ required: true, message: t('login.passwordRequired') }]}
              >
                <Input.Password
                  prefix={<LockOutlined />}
                  autoComplete="current-password"
                  data-testid="login-password"
                  maxLength={128}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
                {t('login.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
      {overview.data?.isDemo ? (
        <Alert
          type="info"
          style={{ marginTop: 24 }}
          title={t('login.demoTitle')}
          data-testid="demo-accounts"
          description={
            <>
              <Typography.Paragraph style={{ marginBottom: 8 }}>{t('login.demoHint')}</Typography.Paragraph>
              <Table
                size="small"
                rowKey="username"
                pagination={false}
                dataSource={[...DEMO_ACCOUNTS]}
                columns={[
                  {
                    key: 'username',
                    title: t('login.demoCol.username'),
                    width: 150,
                    render: (_, account) => (
                      <Typography.Link
                        className="huiqi-mono"
                        data-testid="demo-account"
                        data-username={account.username}
                        onClick={() => form.setFieldsValue({ username: account.username })}
                      >
                        {account.username}
                      </Typography.Link>
                    ),
                  },
                  {
                    key: 'role',
                    title: t('login.demoCol.role'),
                    width: 90,
                    render: (_, account) => (
                      <Tag color={ROLE_COLORS[account.role]}>{t(roleLabel(account.role))}</Tag>
                    ),
                  },
                  {
                    key: 'purpose',
                    title: t('login.demoCol.purpose'),
                    render: (_, account) => (
                      <span data-testid="demo-account-purpose">
                        {t(`login.demoPurpose.${account.username}` as MessageKey)}
                      </span>
                    ),
                  },
                ]}
              />
            </>
          }
        />
      ) : null}
    </div>
  );
}
