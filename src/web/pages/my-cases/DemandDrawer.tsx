/**
 * The drawer in which an enterprise submits a demand (诉求): kind, area, title, details and attachments
 * (measure 23). The files go up right after the demand is created, each with its progress and any refusal.
 */
import { SendOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Drawer, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, type CaseDetail, DEMAND_CATEGORIES, type DemandInput } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { AttachmentPicker, SubmissionUploads, useSubmissionUploads } from '../cases/CaseAttachments.tsx';
import { useLabel } from './caseParts.tsx';

const KINDS: readonly DemandInput['kind'][] = ['consultation', 'complaint', 'suggestion', 'help'];
const FIELDS = ['kind', 'category', 'title', 'description'] as const;

type DemandValues = Partial<DemandInput>;

export function DemandDrawer({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CaseDetail) => void;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={600}
      destroyOnHidden
      title={t('myCases.demand.title')}
      data-testid="demand-drawer"
    >
      {open ? <DemandForm onClose={onClose} onCreated={onCreated} /> : null}
    </Drawer>
  );
}

function DemandForm({ onClose, onCreated }: { onClose: () => void; onCreated: (c: CaseDetail) => void }) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DemandValues>();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<{ title: string; detail: string | null } | null>(null);
  const attachments = useSubmissionUploads();
  const isCreated = attachments.created !== null;

  const required = (field: string) => ({ required: true, message: t('form.required', { field }) });
  const length = (field: string, min: number, max: number) => ({
    min,
    max,
    whitespace: true,
    message: t('myCases.form.length', { field, min, max }),
  });

  const onFinish = async (values: DemandValues) => {
    if (isCreated) return;
    setSubmitting(true);
    setFailure(null);
    try {
      const created = await api.submitDemand({
        kind: values.kind ?? 'consultation',
        category: values.category ?? 'other',
        title: (values.title ?? '').trim(),
        description: (values.description ?? '').trim(),
      });
      // The demand exists now; files that fail to go up are reported and can be added on its page.
      if (await attachments.uploadTo(created)) {
        void message.success(t('myCases.demand.done', { number: created.number }));
        onCreated(created);
      }
    } catch (error) {
      const unmatched = applyFieldErrors(form, error, FIELDS);
      const text = error instanceof Error ? error.message : String(error);
      const allShown = error instanceof ApiError && error.errors.length > 0 && unmatched.length === 0;
      setFailure(
        allShown
          ? { title: t('myCases.form.fixFields'), detail: null }
          : { title: t('myCases.form.failed'), detail: [text, ...unmatched].join('；') },
      );
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form<DemandValues>
      form={form}
      layout="vertical"
      initialValues={{ kind: 'consultation' }}
      onFinish={(values) => void onFinish(values)}
      data-testid="demand-form"
    >
      <Typography.Paragraph type="secondary">{t('myCases.demand.intro')}</Typography.Paragraph>
      <Form.Item name="kind" label={t('myCases.demand.kind')} rules={[required(t('myCases.demand.kind'))]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          data-testid="demand-kind"
          options={KINDS.map((kind) => ({ value: kind, label: label('myCases.kind', kind) }))}
        />
      </Form.Item>
      <Form.Item
        name="category"
        label={t('myCases.demand.category')}
        rules={[required(t('myCases.demand.category'))]}
      >
        <Select
          data-testid="demand-category"
          placeholder={t('myCases.demand.category')}
          options={DEMAND_CATEGORIES.map((c) => ({ value: c, label: label('myCases.category', c) }))}
        />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('myCases.demand.subject')}
        rules={[required(t('myCases.demand.subject')), length(t('myCases.demand.subject'), 2, 100)]}
      >
        <Input
          maxLength={100}
          showCount
          placeholder={t('myCases.demand.subjectPlaceholder')}
          data-testid="demand-title"
        />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('myCases.demand.description')}
        rules={[required(t('myCases.demand.description')), length(t('myCases.demand.description'), 5, 5000)]}
      >
        <Input.TextArea
          rows={8}
          maxLength={5000}
          showCount
          placeholder={t('myCases.demand.descriptionPlaceholder')}
          data-testid="demand-description"
        />
      </Form.Item>
      <Form.Item label={t('attachments.demandLabel')} extra={t('attachments.demandHelp')}>
        <AttachmentPicker files={attachments.files} onChange={attachments.setFiles} disabled={isCreated} />
      </Form.Item>
      <SubmissionUploads state={attachments} onOpen={onCreated} />
      {failure ? (
        <Alert
          type="error"
          showIcon
          title={failure.title}
          description={failure.detail}
          style={{ marginBottom: 16 }}
          data-testid="demand-error"
        />
      ) : null}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onClose}>{t('myCases.form.cancel')}</Button>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SendOutlined />}
          loading={submitting}
          disabled={isCreated}
          data-testid="demand-submit"
        >
          {t('myCases.demand.submit')}
        </Button>
      </Flex>
    </Form>
  );
}
