/**
 * One official action on a case in a small modal: the fields the action needs (note, handler, department and
 * region, days, case to merge into), sent with the case version the official saw. Field errors of the server
 * show on their fields; a 409 (someone acted first, or the action is no longer allowed) closes the modal with
 * the server's message and has the page reload the case.
 */
import { Alert, App as AntApp, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import {
  ApiError,
  api,
  type CaseActionInput,
  type CaseDetail,
  type CaseHandler,
  type Department,
} from '../../api/client.ts';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { caseLabel, caseTitle, NOTE_REQUIRED, type OfficialAction } from './caseModel.ts';

interface ActionValues {
  note?: string;
  assigneeId?: number;
  departmentCode?: string;
  regionCode?: string;
  days?: number;
  mergeInto?: number;
}

const FIELDS = ['note', 'assigneeId', 'departmentCode', 'regionCode', 'days', 'mergeInto'] as const;

interface CaseActionModalProps {
  detail: CaseDetail;
  /** The action being taken; null: closed. */
  action: OfficialAction | null;
  handlers: CaseHandler[] | undefined;
  handlersLoading: boolean;
  departments: Department[] | undefined;
  onClose: () => void;
  /** After the action (done, or refused with a conflict): the page reloads the case. */
  onDone: () => void;
}

export function CaseActionModal({
  detail,
  action,
  handlers,
  handlersLoading,
  departments,
  onClose,
  onDone,
}: CaseActionModalProps) {
  const { t, name, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ActionValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Each opening starts without the previous error.
  useEffect(() => {
    if (action) setError(null);
  }, [action]);

  const noteRequired = action !== null && NOTE_REQUIRED.includes(action);
  const actionName = action ? caseLabel(t, 'action', action) : '';

  const submit = async (values: ActionValues) => {
    if (!action) return;
    if (action === 'transfer' && !values.departmentCode && !values.regionCode) {
      form.setFields([{ name: 'departmentCode', errors: [t('caseAdmin.form.transferRequired')] }]);
      return;
    }
    setSaving(true);
    setError(null);
    const body: CaseActionInput = {
      action,
      version: detail.version,
      note: values.note?.trim() || undefined,
      assigneeId: action === 'assign' ? values.assigneeId : undefined,
      departmentCode: action === 'transfer' ? values.departmentCode || undefined : undefined,
      regionCode: action === 'transfer' ? values.regionCode || undefined : undefined,
      days: action === 'extend' ? values.days : undefined,
      mergeInto: action === 'merge' ? values.mergeInto : undefined,
    };
    try {
      await api.actOnCase(detail.id, body);
      void message.success(t('caseAdmin.done', { action: actionName }));
      onDone();
    } catch (failure) {
      if (failure instanceof ApiError && (failure.code === 'CONFLICT' || failure.status === 409)) {
        void message.warning(t('caseAdmin.conflict', { message: failure.message }));
        onDone();
        return;
      }
      const unmatched = applyFieldErrors(form, failure, FIELDS);
      const hasFieldErrors = failure instanceof ApiError && failure.errors.length > unmatched.length;
      setError(
        unmatched.length > 0 || !hasFieldErrors
          ? [failure instanceof Error ? failure.message : String(failure), ...unmatched].join('; ')
          : null,
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={action !== null}
      title={`${actionName} · ${detail.number}`}
      onCancel={onClose}
      okText={actionName || t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'case-action-submit', danger: action === 'return' }}
      destroyOnHidden
      data-testid="case-action-modal"
    >
      {action ? (
        <Form<ActionValues>
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(values) => void submit(values)}
        >
          <Typography.Paragraph type="secondary">{caseLabel(t, 'hint', action)}</Typography.Paragraph>
          {error ? (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 12 }}
              data-testid="case-action-error"
            />
          ) : null}

          {action === 'assign' ? (
            <Form.Item
              name="assigneeId"
              label={t('caseAdmin.form.assignee')}
              rules={[{ required: true, message: t('caseAdmin.form.assigneeRequired') }]}
              initialValue={detail.assigneeId ?? undefined}
            >
              <Select<number>
                loading={handlersLoading}
                placeholder={t('caseAdmin.form.assigneeRequired')}
                notFoundContent={t('caseAdmin.form.noHandlers')}
                options={(handlers ?? []).map((h) => ({ value: h.id, label: h.displayName }))}
                data-testid="case-action-assignee"
              />
            </Form.Item>
          ) : null}

          {action === 'transfer' ? (
            <>
              <Form.Item name="departmentCode" label={t('caseAdmin.form.department')}>
                <Select<string>
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(departments ?? []).map((d) => ({
                    value: d.code,
                    label: name(d),
                    disabled: d.code === detail.departmentCode,
                  }))}
                  data-testid="case-action-department"
                />
              </Form.Item>
              <Form.Item name="regionCode" label={t('caseAdmin.form.region')}>
                <ScopedRegionCascader
                  rootCode={null}
                  placeholder={t('caseAdmin.form.region')}
                  ariaLabel={t('caseAdmin.form.region')}
                  testId="case-action-region"
                />
              </Form.Item>
            </>
          ) : null}

          {action === 'extend' ? (
            <Form.Item
              name="days"
              label={t('caseAdmin.form.days')}
              rules={[{ required: true, message: t('caseAdmin.form.daysRequired') }]}
            >
              <InputNumber<number>
                min={1}
                max={90}
                precision={0}
                suffix={t('caseAdmin.form.daysUnit')}
                style={{ width: 200 }}
                data-testid="case-action-days"
              />
            </Form.Item>
          ) : null}

          {action === 'merge' ? (
            <Form.Item
              name="mergeInto"
              label={t('caseAdmin.form.mergeInto')}
              rules={[{ required: true, message: t('caseAdmin.form.mergeIntoRequired') }]}
            >
              <RemoteSelect
                placeholder={t('caseAdmin.form.mergeIntoPlaceholder')}
                testId="case-action-merge-into"
                search={async (q, signal) => {
                  const found = await api.caseQueue({ q, page: 1, pageSize: 20 }, signal);
                  return found.items
                    .filter((c) => c.id !== detail.id)
                    .map((c) => ({
                      value: c.id,
                      label: `${c.number} ${caseTitle(c, locale)}`,
                      description: caseLabel(t, 'state', c.state),
                    }));
                }}
              />
            </Form.Item>
          ) : null}

          <Form.Item
            name="note"
            label={t('caseAdmin.form.note')}
            rules={
              noteRequired
                ? [{ required: true, whitespace: true, message: t('caseAdmin.form.noteRequired') }]
                : []
            }
          >
            <Input.TextArea
              rows={4}
              maxLength={5000}
              showCount
              placeholder={t('caseAdmin.form.notePlaceholder')}
              data-testid="case-action-note"
            />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
