/**
 * Drawer to create or edit a user. Scope fields follow the role: enterprise → enterprise search, bank →
 * institution search, official → region Cascader (province, city or county) and department, payer → the paying
 * organisation's unified social credit code and name, buyer → the buying body's code and name (the body itself is
 * registered by the region's official). Edits send the
 * `version` read with the user; a 409 shows the conflict and reloads. API field errors land on their form items.
 */
import {
  Alert,
  App as AntApp,
  Button,
  Checkbox,
  Drawer,
  Flex,
  Form,
  Input,
  Select,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ROLES, type Role } from '../../../shared/roles.ts';
import {
  ApiError,
  api,
  type CreateUserBody,
  type Department,
  type UpdateUserBody,
  type User,
} from '../../api/client.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { RegionCascader, regionPath } from '../../components/RegionCascader.tsx';
import { type RemoteOption, RemoteSelect } from '../../components/RemoteSelect.tsx';
import { isMessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { roleLabel } from '../../nav.ts';
import { isLocked } from './userScope.ts';

/** Whether a role's account names an organisation: a payer's debtor body, a buyer's buying body. */
function hasOrganization(role: Role | undefined): boolean {
  return role === 'payer' || role === 'buyer';
}

/** What the drawer is open for. */
export type UserDrawerTarget = { mode: 'create' } | { mode: 'edit'; id: number };

interface UserFormValues {
  username?: string;
  displayName: string;
  password?: string;
  role: Role;
  enterpriseId?: number | null;
  institutionId?: number | null;
  /** Cascader path; the last code is the region. */
  regionCode?: string[];
  departmentCode?: string | null;
  /** A payer's organisation (机关, 事业单位 or large enterprise), or a buyer's buying body. */
  organizationUscc?: string | null;
  organizationName?: string | null;
  isActive?: boolean;
  unlock?: boolean;
}

const FORM_FIELDS = [
  'username',
  'displayName',
  'password',
  'role',
  'enterpriseId',
  'institutionId',
  'regionCode',
  'departmentCode',
  'organizationUscc',
  'organizationName',
  'isActive',
  'unlock',
] as const;

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;
/** GB 32100-2015 characters (the server checks the check character). */
const USCC = /^[0-9A-HJ-NPQRTUWXY]{18}$/i;

interface UserDrawerProps {
  target: UserDrawerTarget | null;
  departments: Department[];
  onClose: () => void;
  onSaved: (user: User) => void;
  /** Someone else changed the user meanwhile: the list should reload too. */
  onStale: () => void;
}

export function UserDrawer({ target, departments, onClose, onSaved, onStale }: UserDrawerProps) {
  const { t } = useI18n();
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={560}
      destroyOnHidden
      title={target?.mode === 'edit' ? t('common.edit') : t('users.createTitle')}
      data-testid="user-drawer"
    >
      {target ? (
        <UserEditor
          key={target.mode === 'edit' ? `edit-${target.id}` : 'create'}
          target={target}
          departments={departments}
          onClose={onClose}
          onSaved={onSaved}
          onStale={onStale}
        />
      ) : null}
    </Drawer>
  );
}

function UserEditor({
  target,
  departments,
  onClose,
  onSaved,
  onStale,
}: {
  target: UserDrawerTarget;
  departments: Department[];
  onClose: () => void;
  onSaved: (user: User) => void;
  onStale: () => void;
}) {
  const { t, locale, name } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const role = Form.useWatch('role', form);
  const [user, setUser] = useState<User | null>(null);
  const [initial, setInitial] = useState<UserFormValues>({ displayName: '', role: 'enterprise' });
  const mounted = useRef(false);
  const [loadError, setLoadError] = useState<Error | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const editId = target.mode === 'edit' ? target.id : null;

  const load = useCallback(async () => {
    if (editId === null) return;
    setLoadError(null);
    try {
      const fresh = await api.getUser(editId);
      const path = fresh.regionCode
        ? await regionPath(fresh.regionCode).catch(() => [fresh.regionCode ?? ''])
        : [];
      const values: UserFormValues = {
        displayName: fresh.displayName,
        role: fresh.role,
        enterpriseId: fresh.enterpriseId,
        institutionId: fresh.institutionId,
        regionCode: path.length > 0 ? path : undefined,
        departmentCode: fresh.departmentCode,
        organizationUscc: fresh.organizationUscc,
        organizationName: fresh.organizationName,
        isActive: fresh.isActive,
        unlock: false,
        password: '',
      };
      // First load: the values become the form's initial values; a reload (after a conflict) overwrites the fields.
      if (mounted.current) form.setFieldsValue(values);
      else setInitial(values);
      setUser(fresh);
    } catch (error) {
      setLoadError(error instanceof Error ? error : new Error(String(error)));
    }
  }, [editId, form]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    mounted.current = user !== null;
  }, [user]);

  const enterpriseOption = useMemo<RemoteOption | null>(
    () =>
      user?.enterpriseId
        ? { value: user.enterpriseId, label: user.enterpriseName ?? String(user.enterpriseId) }
        : null,
    [user],
  );
  const institutionOption = useMemo<RemoteOption | null>(
    () =>
      user?.institutionId
        ? { value: user.institutionId, label: user.institutionName ?? String(user.institutionId) }
        : null,
    [user],
  );

  const searchEnterprises = useCallback(
    async (q: string, signal: AbortSignal): Promise<RemoteOption[]> =>
      (await api.lookupEnterprises(q, signal)).map((row) => ({
        value: row.id,
        label: row.name,
        description: `${row.uscc} · ${row.regionCode}`,
      })),
    [],
  );
  const searchInstitutions = useCallback(
    async (q: string, signal: AbortSignal): Promise<RemoteOption[]> =>
      (await api.lookupInstitutions(q, signal)).map((row) => {
        const kindKey = `bank.kind.${row.kind}`;
        return {
          value: row.id,
          label: row.name,
          description: `${row.uscc} · ${isMessageKey(kindKey) ? t(kindKey) : row.kind}`,
        };
      }),
    [t],
  );

  const required = (field: string) => ({ required: true, message: t('users.form.required', { field }) });

  const handleError = async (error: unknown) => {
    if (error instanceof ApiError && error.code === 'CONFLICT') {
      setConflict(error.message);
      await load();
      onStale();
      void message.info(t('users.reloaded'));
      return;
    }
    const unmatched = applyFieldErrors(form, error, FORM_FIELDS);
    setOtherErrors(unmatched);
    void message.error(error instanceof Error ? error.message : String(error));
  };

  const createBody = (values: UserFormValues): CreateUserBody => {
    const body: CreateUserBody = {
      username: (values.username ?? '').trim(),
      displayName: values.displayName.trim(),
      password: values.password ?? '',
      role: values.role,
    };
    if (values.role === 'enterprise') body.enterpriseId = values.enterpriseId ?? null;
    if (values.role === 'bank') body.institutionId = values.institutionId ?? null;
    if (values.role === 'official') {
      body.regionCode = values.regionCode?.at(-1) ?? null;
      body.departmentCode = values.departmentCode ?? null;
    }
    if (hasOrganization(values.role)) {
      body.organizationUscc = values.organizationUscc?.trim().toUpperCase() || null;
      body.organizationName = values.organizationName?.trim() || null;
    }
    return body;
  };

  const updateBody = (values: UserFormValues, current: User): UpdateUserBody => {
    const body: UpdateUserBody = { version: current.version };
    const displayName = values.displayName.trim();
    if (displayName !== current.displayName) body.displayName = displayName;
    const roleChanged = values.role !== current.role;
    if (roleChanged) body.role = values.role;
    if (values.role === 'enterprise') {
      const id = values.enterpriseId ?? null;
      if (roleChanged || id !== current.enterpriseId) body.enterpriseId = id;
    }
    if (values.role === 'bank') {
      const id = values.institutionId ?? null;
      if (roleChanged || id !== current.institutionId) body.institutionId = id;
    }
    if (values.role === 'official') {
      const code = values.regionCode?.at(-1) ?? null;
      if (roleChanged || code !== current.regionCode) body.regionCode = code;
      const department = values.departmentCode ?? null;
      if (roleChanged || department !== current.departmentCode) body.departmentCode = department;
    }
    if (hasOrganization(values.role)) {
      const uscc = values.organizationUscc?.trim().toUpperCase() || null;
      if (roleChanged || uscc !== current.organizationUscc) body.organizationUscc = uscc;
      const organization = values.organizationName?.trim() || null;
      if (roleChanged || organization !== current.organizationName) body.organizationName = organization;
    }
    if (values.isActive !== undefined && values.isActive !== current.isActive)
      body.isActive = values.isActive;
    if (values.password) body.password = values.password;
    if (values.unlock) body.unlock = true;
    return body;
  };

  const onFinish = async (values: UserFormValues) => {
    setOtherErrors([]);
    setSubmitting(true);
    try {
      if (target.mode === 'create') {
        const created = await api.createUser(createBody(values));
        void message.success(t('users.created', { username: created.username }));
        onSaved(created);
        onClose();
        return;
      }
      if (!user) return;
      const body = updateBody(values, user);
      if (Object.keys(body).length === 1) {
        void message.info(t('users.noChanges'));
        return;
      }
      const updated = await api.updateUser(user.id, body);
      setConflict(null);
      void message.success(t('users.updated', { username: updated.username }));
      onSaved(updated);
      onClose();
    } catch (error) {
      await handleError(error);
    } finally {
      setSubmitting(false);
    }
  };

  if (loadError) return <ErrorResult error={loadError} onRetry={() => void load()} />;
  if (target.mode === 'edit' && !user) return <Skeleton active paragraph={{ rows: 10 }} />;

  const locked = user ? isLocked(user) : false;

  return (
    <Form<UserFormValues>
      form={form}
      layout="vertical"
      name="user-form"
      preserve={false}
      initialValues={initial}
      onFinish={(values) => void onFinish(values)}
      onValuesChange={() => {
        if (otherErrors.length > 0) setOtherErrors([]);
      }}
      data-testid="user-form"
    >
      {user ? (
        <Flex justify="space-between" style={{ marginBottom: 16 }}>
          <Typography.Text strong className="huiqi-mono" style={{ fontSize: 15 }}>
            {t('users.editTitle', { username: user.username })}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('users.form.version', { version: user.version })}
          </Typography.Text>
        </Flex>
      ) : null}
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          title={conflict}
          description={t('users.reloaded')}
          style={{ marginBottom: 16 }}
          data-testid="user-conflict"
        />
      ) : null}
      {otherErrors.length > 0 ? (
        <Alert type="error" showIcon title={otherErrors.join('; ')} style={{ marginBottom: 16 }} />
      ) : null}

      {target.mode === 'create' ? (
        <Form.Item
          name="username"
          label={t('users.form.username')}
          extra={t('users.form.usernameHelp')}
          rules={[
            required(t('users.form.username')),
            { pattern: USERNAME, message: t('users.form.usernameInvalid') },
          ]}
        >
          <Input autoComplete="off" maxLength={40} data-testid="user-form-username" />
        </Form.Item>
      ) : null}
      <Form.Item
        name="displayName"
        label={t('users.form.displayName')}
        rules={[
          required(t('users.form.displayName')),
          { whitespace: true, message: t('users.form.required', { field: t('users.form.displayName') }) },
        ]}
      >
        <Input maxLength={100} data-testid="user-form-display-name" />
      </Form.Item>
      {target.mode === 'create' ? (
        <Form.Item
          name="password"
          label={t('users.form.password')}
          extra={t('users.form.passwordHelp')}
          rules={[required(t('users.form.password'))]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} data-testid="user-form-password" />
        </Form.Item>
      ) : null}
      <Form.Item name="role" label={t('users.form.role')} rules={[required(t('users.form.role'))]}>
        <Select<Role>
          options={ROLES.map((value) => ({ value, label: t(roleLabel(value)) }))}
          data-testid="user-form-role"
        />
      </Form.Item>

      {role === 'enterprise' ? (
        <Form.Item
          name="enterpriseId"
          label={t('users.form.enterprise')}
          rules={[required(t('users.form.enterprise'))]}
        >
          <RemoteSelect
            search={searchEnterprises}
            initialOption={enterpriseOption}
            placeholder={t('users.form.enterprisePlaceholder')}
            testId="user-form-enterprise"
          />
        </Form.Item>
      ) : null}
      {role === 'bank' ? (
        <Form.Item
          name="institutionId"
          label={t('users.form.institution')}
          rules={[required(t('users.form.institution'))]}
        >
          <RemoteSelect
            search={searchInstitutions}
            initialOption={institutionOption}
            placeholder={t('users.form.institutionPlaceholder')}
            testId="user-form-institution"
          />
        </Form.Item>
      ) : null}
      {role === 'official' ? (
        <>
          <Form.Item
            name="regionCode"
            label={t('users.form.region')}
            extra={t('users.form.regionHelp')}
            rules={[required(t('users.form.region'))]}
          >
            <RegionCascader placeholder={t('users.form.regionPlaceholder')} testId="user-form-region" />
          </Form.Item>
          <Form.Item name="departmentCode" label={`${t('users.form.department')} ${t('common.optional')}`}>
            <Select<string>
              allowClear
              placeholder={t('users.form.departmentPlaceholder')}
              options={departments.map((row) => ({ value: row.code, label: name(row) }))}
              data-testid="user-form-department"
            />
          </Form.Item>
        </>
      ) : null}

      {hasOrganization(role) ? (
        <>
          <Form.Item
            name="organizationUscc"
            label={t(role === 'buyer' ? 'proc.users.bodyUscc' : 'payer.users.organizationUscc')}
            extra={t(role === 'buyer' ? 'proc.users.bodyUsccHelp' : 'payer.users.organizationUsccHelp')}
            rules={[
              required(t(role === 'buyer' ? 'proc.users.bodyUscc' : 'payer.users.organizationUscc')),
              { pattern: USCC, message: t('payer.users.organizationUsccInvalid') },
            ]}
          >
            <Input
              maxLength={18}
              autoComplete="off"
              className="huiqi-mono"
              data-testid="user-form-organization-uscc"
            />
          </Form.Item>
          <Form.Item
            name="organizationName"
            label={t(role === 'buyer' ? 'proc.users.bodyName' : 'payer.users.organizationName')}
            rules={[
              required(t(role === 'buyer' ? 'proc.users.bodyName' : 'payer.users.organizationName')),
              {
                whitespace: true,
                message: t('users.form.required', {
                  field: t(role === 'buyer' ? 'proc.users.bodyName' : 'payer.users.organizationName'),
                }),
              },
            ]}
          >
            <Input maxLength={100} data-testid="user-form-organization-name" />
          </Form.Item>
        </>
      ) : null}

      {user ? (
        <>
          <Form.Item name="isActive" label={t('users.form.isActive')} valuePropName="checked">
            <Switch
              checkedChildren={t('users.form.activeOn')}
              unCheckedChildren={t('users.form.activeOff')}
              data-testid="user-form-active"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('users.form.resetPassword')}
            extra={`${t('users.form.resetPasswordHelp')} · ${t('users.form.passwordHelp')}`}
          >
            <Input.Password
              autoComplete="new-password"
              maxLength={128}
              data-testid="user-form-reset-password"
            />
          </Form.Item>
          <Form.Item label={t('users.form.lock')}>
            {locked ? (
              <Flex vertical gap={8}>
                <Alert
                  type="warning"
                  showIcon
                  title={t('users.form.lockedUntil', { time: formatDateTime(user.lockedUntil, locale) })}
                />
                <Form.Item name="unlock" valuePropName="checked" noStyle>
                  <Checkbox data-testid="user-form-unlock">{t('users.form.unlock')}</Checkbox>
                </Form.Item>
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t('users.form.notLocked')}</Typography.Text>
            )}
          </Form.Item>
        </>
      ) : null}

      <Flex justify="flex-end" gap={8} style={{ marginTop: 24 }}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="user-form-submit">
          {target.mode === 'create' ? t('common.create') : t('common.save')}
        </Button>
      </Flex>
    </Form>
  );
}
