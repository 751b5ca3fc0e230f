/**
 * What the enterprise may do on its case now (as the server offers it) — provide information, rate the answer, ask
 * once for it to be handled again, amend an overdue-payment complaint's claim, comment — each a button opening a form. A conflict (someone acted meanwhile) shows the server's
 * message and reloads the case.
 */
import {
  CommentOutlined,
  EditOutlined,
  FileAddOutlined,
  RedoOutlined,
  StarOutlined,
} from '@ant-design/icons';
import { Alert, App as AntApp, Button, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError, api, type CaseActionInput, type CaseDetail } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { AmendClaimForm } from './ClaimAmendment.tsx';
import { type EnterpriseAction, enterpriseActions } from './caseForms.ts';
import { useLabel } from './caseParts.tsx';

const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
const ICONS: Record<EnterpriseAction, ReactNode> = {
  provide_info: <FileAddOutlined />,
  rate: <StarOutlined />,
  reopen: <RedoOutlined />,
  amend_claim: <EditOutlined />,
  comment: <CommentOutlined />,
};
/** Actions whose note the server requires. */
const NOTE_REQUIRED: readonly EnterpriseAction[] = ['provide_info', 'comment'];

interface ActionValues {
  note?: string;
  rating?: (typeof RATINGS)[number];
}

export function CaseActions({
  value,
  onDone,
  onConflict,
}: {
  value: CaseDetail;
  /** The case after the action. */
  onDone: (updated: CaseDetail) => void;
  /** Someone acted meanwhile: reload. */
  onConflict: () => void;
}) {
  const { t } = useI18n();
  const actions = enterpriseActions(value);
  const [open, setOpen] = useState<EnterpriseAction | null>(null);
  if (actions.length === 0) return null;
  return (
    <>
      <Space wrap data-testid="case-actions">
        {actions.map((action) => (
          <Button
            key={action}
            type={action === 'comment' || action === 'amend_claim' ? 'default' : 'primary'}
            icon={ICONS[action]}
            onClick={() => setOpen(action)}
            data-testid={`case-action-${action}`}
          >
            {t(`myCases.act.${action}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== null}
        title={open === 'amend_claim' ? t('myCases.amend.title') : open ? t(`myCases.act.${open}`) : null}
        onCancel={() => setOpen(null)}
        footer={null}
        width={open === 'amend_claim' ? 720 : undefined}
        destroyOnHidden
      >
        {open === 'amend_claim' ? (
          <AmendClaimForm
            value={value}
            onCancel={() => setOpen(null)}
            onDone={(updated) => {
              setOpen(null);
              onDone(updated);
            }}
            onConflict={() => {
              setOpen(null);
              onConflict();
            }}
          />
        ) : open ? (
          <ActionForm
            action={open}
            value={value}
            onCancel={() => setOpen(null)}
            onDone={(updated) => {
              setOpen(null);
              onDone(updated);
            }}
            onConflict={() => {
              setOpen(null);
              onConflict();
            }}
          />
        ) : null}
      </Modal>
    </>
  );
}

function ActionForm({
  action,
  value,
  onCancel,
  onDone,
  onConflict,
}: {
  action: EnterpriseAction;
  value: CaseDetail;
  onCancel: () => void;
  onDone: (updated: CaseDetail) => void;
  onConflict: () => void;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm<ActionValues>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const onFinish = async (values: ActionValues) => {
    setSubmitting(true);
    setFailure(null);
    const body: CaseActionInput = { action, version: value.version };
    const note = values.note?.trim();
    if (note) body.note = note;
    if (action === 'rate' && values.rating) body.rating = values.rating;
    try {
      const updated = await api.actOnCase(value.id, body);
      void message.success(t('myCases.act.done'));
      onDone(updated);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        modal.warning({ title: error.message, content: t('myCases.act.conflict') });
        onConflict();
        return;
      }
      const unmatched = applyFieldErrors(form, error, ['note', 'rating']);
      setFailure(
        unmatched.length > 0 || !(error instanceof ApiError) || error.errors.length === 0
          ? [error instanceof Error ? error.message : String(error), ...unmatched].join('；')
          : null,
      );
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form<ActionValues>
      form={form}
      layout="vertical"
      onFinish={(values) => void onFinish(values)}
      data-testid="case-action-form"
    >
      {action === 'reopen' ? (
        <Typography.Paragraph type="secondary">{t('myCases.act.reopenHelp')}</Typography.Paragraph>
      ) : null}
      {action === 'rate' ? (
        <Form.Item
          name="rating"
          label={t('myCases.act.rating')}
          rules={[{ required: true, message: t('form.required', { field: t('myCases.act.rating') }) }]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-testid="case-action-rating"
            options={RATINGS.map((rating) => ({ value: rating, label: label('myCases.rating', rating) }))}
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="note"
        label={t('myCases.act.note')}
        rules={[
          {
            required: NOTE_REQUIRED.includes(action),
            whitespace: true,
            message: t('form.required', { field: t('myCases.act.note') }),
          },
          { max: 5000 },
        ]}
      >
        <Input.TextArea
          rows={4}
          maxLength={5000}
          showCount
          placeholder={t(`myCases.act.notePlaceholder.${action}`)}
          data-testid="case-action-note"
        />
      </Form.Item>
      {failure ? (
        <Alert
          type="error"
          showIcon
          title={failure}
          style={{ marginBottom: 16 }}
          data-testid="case-action-error"
        />
      ) : null}
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button onClick={onCancel}>{t('myCases.form.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="case-action-submit">
          {t('myCases.act.submit')}
        </Button>
      </Space>
    </Form>
  );
}
