/** `/app/account`: my account, change password (with the API's field errors), and language. */
import {
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  Radio,
  Row,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import { useSession } from '../auth/SessionProvider.tsx';
import { LOCALES, type Locale } from '../i18n/core.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../lib/format.ts';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { referenceQuery, useApiQuery } from '../lib/queries.ts';
import { ROLE_COLORS, roleLabel } from '../nav.ts';
import { departmentNamer, scopeText } from './admin/userScope.ts';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export default function AccountPage() {
  const { t, locale, name } = useI18n();
  const { user, changeLocale } = useSession();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const [saving, setSaving] = useState(false);
  const [savingLocale, setSavingLocale] = useState(false);
  const departments = useApiQuery(referenceQuery('/api/departments', { anonymousOk: true }));
  const departmentName = useMemo(() => departmentNamer(departments.data, name), [departments.data, name]);
  if (!user) return null;

  const changePassword = async (values: PasswordValues) => {
    setSaving(true);
    try {
      await api.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      void message.success(t('account.passwordChanged'));
    } catch (error) {
      const unmatched = applyFieldErrors(form, error, ['currentPassword', 'newPassword']);
      void message.error([error instanceof Error ? error.message : String(error), ...unmatched].join('; '));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="page-title">
        {t('account.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('account.profile')}>
            <Descriptions
              column={1}
              bordered
              size="middle"
              items={[
                {
                  key: 'username',
                  label: t('account.username'),
                  children: <span className="huiqi-mono">{user.username}</span>,
                },
                { key: 'displayName', label: t('account.displayName'), children: user.displayName },
                {
                  key: 'role',
                  label: t('account.role'),
                  children: <Tag color={ROLE_COLORS[user.role]}>{t(roleLabel(user.role))}</Tag>,
                },
                { key: 'scope', label: t('account.scope'), children: scopeText(user, t, departmentName) },
                {
                  key: 'lastLogin',
                  label: t('account.lastLogin'),
                  children: formatDateTime(user.lastLoginAt, locale),
                },
              ]}
            />
          </Card>
          <Card title={t('account.language')} style={{ marginTop: 16 }}>
            <Typography.Paragraph type="secondary">{t('account.languageHelp')}</Typography.Paragraph>
            <Radio.Group
              value={locale}
              optionType="button"
              buttonStyle="solid"
              disabled={savingLocale}
              data-testid="account-language"
              options={LOCALES.map((value) => ({ value, label: t(`lang.${value}`) }))}
              onChange={(event) => {
                const next = event.target.value as Locale;
                setSavingLocale(true);
                void changeLocale(next).finally(() => setSavingLocale(false));
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('account.changePassword')}>
            <Form<PasswordValues>
              form={form}
              layout="vertical"
              onFinish={(values) => void changePassword(values)}
              data-testid="password-form"
            >
              <Form.Item
                name="currentPassword"
                label={t('account.currentPassword')}
                rules={[
                  {
                    required: true,
                    message: t('users.form.required', { field: t('account.currentPassword') }),
                  },
                ]}
              >
                <Input.Password
                  autoComplete="current-password"
                  maxLength={128}
                  data-testid="current-password"
                />
              </Form.Item>
              <Form.Item
                name="newPassword"
                label={t('account.newPassword')}
                extra={t('users.form.passwordHelp')}
                rules={[
                  { required: true, message: t('users.form.required', { field: t('account.newPassword') }) },
                ]}
              >
                <Input.Password autoComplete="new-password" maxLength={128} data-testid="new-password" />
              </Form.Item>
              <Form.Item
                name="confirmPassword"
                label={t('account.confirmPassword')}
                dependencies={['newPassword']}
                rules={[
                  {
                    required: true,
                    message: t('users.form.required', { field: t('account.confirmPassword') }),
                  },
                  ({ getFieldValue }) => ({
                    validator: (_, value) =>
                      !value || getFieldValue('newPassword') === value
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('account.passwordMismatch'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" maxLength={128} data-testid="confirm-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={saving} data-testid="password-submit">
                {t('account.submitPassword')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
