/**
 * Drawer to add or change a routing rule. A change sends the `version` read with the rule; when someone else
 * changed the rule meanwhile (409) the edits stay in the form, with a button to load the current rule instead.
 * The server's field errors (an unknown department, a bad region prefix, limits on an arrears rule) land on
 * their form items.
 */
import { ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Drawer,
  Flex,
  Form,
  InputNumber,
  Radio,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError, type Department } from '../../../api/client.ts';
import { type RoutingRule, routingRulesApi } from '../../../api/routingRules.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { applyFieldErrors } from '../../../lib/formErrors.ts';
import {
  CASE_TYPES,
  type CaseTypeName,
  categoriesOf,
  changesRule,
  formValuesOf,
  NEW_RULE_VALUES,
  type RuleFormValues,
  ruleBodyOf,
} from './routingModel.ts';
import { caseTypeLabel, categoryLabel, RegionPrefixInput } from './ruleParts.tsx';

/** What the drawer is open for. */
export type RuleDrawerTarget = { mode: 'create' } | { mode: 'edit'; rule: RoutingRule };

const FORM_FIELDS = [
  'caseType',
  'category',
  'regionPrefix',
  'departmentCode',
  'acceptWorkingDays',
  'resultDays',
  'priority',
  'isActive',
] as const;

interface RuleDrawerProps {
  target: RuleDrawerTarget | null;
  departments: Department[];
  onClose: () => void;
  onSaved: (rule: RoutingRule) => void;
  /** Someone else changed the rule meanwhile: the list should reload. */
  onStale: () => void;
}

export function RuleDrawer({ target, departments, onClose, onSaved, onStale }: RuleDrawerProps) {
  const { t } = useI18n();
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={520}
      destroyOnHidden
      title={
        target?.mode === 'edit'
          ? t('routingRules.form.editTitle', { id: target.rule.id })
          : t('routingRules.form.createTitle')
      }
      data-testid="rule-drawer"
    >
      {target ? (
        <RuleEditor
          key={target.mode === 'edit' ? `edit-${target.rule.id}` : 'create'}
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

function RuleEditor({
  target,
  departments,
  onClose,
  onSaved,
  onStale,
}: {
  target: RuleDrawerTarget;
  departments: Department[];
  onClose: () => void;
  onSaved: (rule: RoutingRule) => void;
  onStale: () => void;
}) {
  const { t, name } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RuleFormValues>();
  const caseType: CaseTypeName = Form.useWatch('caseType', form) ?? 'demand';
  // The rule as last read: its version goes with a change.
  const [base, setBase] = useState<RoutingRule | null>(target.mode === 'edit' ? target.rule : null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [reloading, setReloading] = useState(false);

  const reload = async () => {
    if (!base) return;
    setReloading(true);
    try {
      const fresh = (await routingRulesApi.list()).find((rule) => rule.id === base.id);
      if (!fresh) {
        void message.error(t('routingRules.form.gone'));
        return;
      }
      setBase(fresh);
      form.resetFields();
      form.setFieldsValue(formValuesOf(fresh));
      setConflict(null);
      setOtherErrors([]);
      void message.info(t('routingRules.form.reloaded'));
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setReloading(false);
    }
  };

  const onFinish = async (values: RuleFormValues) => {
    setOtherErrors([]);
    const body = ruleBodyOf(values);
    if (base && !changesRule(base, body)) {
      void message.info(t('routingRules.form.noChanges'));
      return;
    }
    setSubmitting(true);
    try {
      const saved = base
        ? await routingRulesApi.update(base.id, body, base.version)
        : await routingRulesApi.create(body);
      void message.success(t(base ? 'routingRules.updated' : 'routingRules.created', { id: saved.id }));
      onSaved(saved);
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        // The edits stay; the admin decides whether to load the current rule.
        setConflict(error.message);
        onStale();
        return;
      }
      setOtherErrors(applyFieldErrors(form, error, FORM_FIELDS));
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setSubmitting(false);
    }
  };

  const isArrears = caseType === 'arrears';
  const limitHelp = (help: string) => (isArrears ? t('routingRules.form.arrearsLimitsHelp') : help);

  return (
    <Form<RuleFormValues>
      form={form}
      layout="vertical"
      name="routing-rule-form"
      initialValues={target.mode === 'edit' ? formValuesOf(target.rule) : NEW_RULE_VALUES}
      onFinish={(values) => void onFinish(values)}
      onValuesChange={(changed: Partial<RuleFormValues>) => {
        if (otherErrors.length > 0) setOtherErrors([]);
        // A category of the other case type routes nothing: clear it.
        if (changed.caseType) {
          const category = form.getFieldValue('category') as string | null | undefined;
          if (category && !categoriesOf(changed.caseType).includes(category))
            form.setFieldValue('category', null);
        }
      }}
      data-testid="rule-form"
    >
      {base ? (
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary" data-testid="rule-form-version">
            {t('routingRules.form.version', { version: base.version })}
          </Typography.Text>
        </Flex>
      ) : null}
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          title={conflict}
          description={t('routingRules.form.conflictHelp')}
          action={
            <Button
              size="small"
              icon={<ReloadOutlined />}
              loading={reloading}
              onClick={() => void reload()}
              data-testid="rule-form-reload"
            >
              {t('routingRules.form.reload')}
            </Button>
          }
          style={{ marginBottom: 16 }}
          data-testid="rule-conflict"
        />
      ) : null}
      {otherErrors.length > 0 ? (
        <Alert type="error" showIcon title={otherErrors.join('; ')} style={{ marginBottom: 16 }} />
      ) : null}

      <Form.Item name="caseType" label={t('routingRules.form.caseType')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={CASE_TYPES.map((type) => ({ value: type, label: caseTypeLabel(t, type) }))}
          data-testid="rule-form-type"
        />
      </Form.Item>
      <Form.Item
        name="category"
        label={`${t('routingRules.form.category')} ${t('common.optional')}`}
        extra={t('routingRules.form.categoryHelp')}
      >
        <Select<string>
          allowClear
          placeholder={t('routingRules.anyCategory')}
          options={categoriesOf(caseType).map((value) => ({ value, label: categoryLabel(t, value) }))}
          data-testid="rule-form-category"
        />
      </Form.Item>
      <Form.Item
        name="regionPrefix"
        label={`${t('routingRules.form.region')} ${t('common.optional')}`}
        extra={t('routingRules.form.regionHelp')}
      >
        <RegionPrefixInput
          placeholder={t('routingRules.everywhere')}
          ariaLabel={t('routingRules.form.region')}
          testId="rule-form-region"
        />
      </Form.Item>
      <Form.Item
        name="departmentCode"
        label={t('routingRules.form.department')}
        rules={[{ required: true, message: t('routingRules.form.departmentRequired') }]}
      >
        <Select<string>
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('routingRules.form.departmentPlaceholder')}
          options={departments.map((row) => ({ value: row.code, label: name(row) }))}
          data-testid="rule-form-department"
        />
      </Form.Item>
      <Flex gap={16} wrap>
        <Form.Item
          name="acceptWorkingDays"
          label={`${t('routingRules.form.acceptWorkingDays')} ${t('common.optional')}`}
          extra={limitHelp(t('routingRules.form.acceptHelp'))}
          style={{ flex: '1 1 200px' }}
        >
          <InputNumber<number>
            min={1}
            max={60}
            precision={0}
            placeholder={t('routingRules.form.defaultLimit')}
            style={{ width: '100%' }}
            data-testid="rule-form-accept"
          />
        </Form.Item>
        <Form.Item
          name="resultDays"
          label={`${t('routingRules.form.resultDays')} ${t('common.optional')}`}
          extra={limitHelp(t('routingRules.form.resultHelp'))}
          style={{ flex: '1 1 200px' }}
        >
          <InputNumber<number>
            min={1}
            max={90}
            precision={0}
            placeholder={t('routingRules.form.defaultLimit')}
            style={{ width: '100%' }}
            data-testid="rule-form-result"
          />
        </Form.Item>
      </Flex>
      <Flex gap={16} wrap>
        <Form.Item
          name="priority"
          label={t('routingRules.form.priority')}
          extra={t('routingRules.form.priorityHelp')}
          style={{ flex: '1 1 200px' }}
        >
          <InputNumber<number>
            min={-1000}
            max={1000}
            precision={0}
            style={{ width: '100%' }}
            data-testid="rule-form-priority"
          />
        </Form.Item>
        <Form.Item
          name="isActive"
          label={t('routingRules.form.isActive')}
          valuePropName="checked"
          style={{ flex: '0 0 auto' }}
        >
          <Switch
            checkedChildren={t('routingRules.active.on')}
            unCheckedChildren={t('routingRules.active.off')}
            data-testid="rule-form-active"
          />
        </Form.Item>
      </Flex>

      <Flex justify="flex-end" gap={8} style={{ marginTop: 24 }}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="rule-form-submit">
          {base ? t('common.save') : t('common.create')}
        </Button>
      </Flex>
    </Form>
  );
}
