/**
 * An objection to an enterprise on public notice, lodged by anyone: name (or organisation), contact and what they
 * object to. The server's field errors show on their fields — among them the refusal on 'content' when the notice
 * is over or not begun ("异议须在公示期内提出"). The contact is checked as the server checks it (a mainland mobile, a
 * landline with its area code, or an e-mail). On success the objection's reference and lookup code are shown, to
 * be kept: with them the objector looks up its state and the province's answer on the notices page.
 */
import { Alert, Button, Descriptions, Flex, Form, Input, Modal, Result, Typography } from 'antd';
import { useState } from 'react';
import { isObjectionContact } from '../../../shared/contact.ts';
import { ApiError } from '../../api/client.ts';
import { cultivationPublicApi, type ObjectionLodged } from '../../api/cultivationPublic.ts';
import type { ObjectionInput, PublicNotice } from '../../api/cultivationReview.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { applyFieldErrors } from '../../lib/formErrors.ts';

const FIELDS = ['name', 'contact', 'content'] as const;

export function NoticeObjectionForm({
  notice,
  onClose,
}: {
  notice: PublicNotice | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<ObjectionInput>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [lodged, setLodged] = useState<ObjectionLodged | null>(null);

  const close = () => {
    setError(null);
    setLodged(null);
    onClose();
  };

  const submit = async (values: ObjectionInput) => {
    if (!notice) return;
    setSaving(true);
    setError(null);
    try {
      const done = await cultivationPublicApi.lodgeObjection(notice.enterpriseId, notice.applicationId, {
        name: values.name.trim(),
        contact: values.contact.trim(),
        content: values.content.trim(),
      });
      setLodged(done);
    } catch (failure) {
      const unmatched = applyFieldErrors(form, failure, FIELDS);
      const matched = failure instanceof ApiError ? failure.errors.length - unmatched.length : 0;
      setError(
        unmatched.length > 0 || matched === 0
          ? [failure instanceof Error ? failure.message : String(failure), ...unmatched].join(
              t('cultReview.punct.list'),
            )
          : null,
      );
    } finally {
      setSaving(false);
    }
  };

  const required = (field: string) => [
    { required: true, whitespace: true, message: t('cultReview.objection.required', { field }) },
  ];

  return (
    <Modal
      open={notice !== null}
      title={notice ? t('cultReview.objection.title', { name: notice.enterpriseName }) : ''}
      onCancel={close}
      footer={
        lodged === null
          ? [
              <Button key="cancel" onClick={close}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="submit"
                type="primary"
                loading={saving}
                onClick={() => form.submit()}
                data-testid="objection-submit"
              >
                {t('cultReview.objection.submit')}
              </Button>,
            ]
          : [
              <Button key="close" type="primary" onClick={close} data-testid="objection-close">
                {t('common.close')}
              </Button>,
            ]
      }
      destroyOnHidden
      data-testid="objection-modal"
    >
      {lodged !== null ? (
        <Result
          status="success"
          title={<span data-testid="objection-lodged">{t('cultivationNotices.objection.lodged')}</span>}
          subTitle={t('cultivationNotices.objection.keep')}
          extra={
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                {
                  key: 'reference',
                  label: t('cultivationNotices.lookup.reference'),
                  children: (
                    <Typography.Text copyable strong className="huiqi-mono" data-testid="objection-reference">
                      {lodged.reference}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'code',
                  label: t('cultivationNotices.lookup.code'),
                  children: (
                    <Typography.Text copyable strong className="huiqi-mono" data-testid="objection-code">
                      {lodged.code}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          }
        />
      ) : (
        <Form<ObjectionInput> form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v)}>
          <Flex vertical gap={4}>
            <Typography.Paragraph type="secondary">{t('cultReview.objection.help')}</Typography.Paragraph>
            {error ? (
              <Alert
                type="error"
                showIcon
                title={error}
                style={{ marginBottom: 12 }}
                data-testid="objection-error"
              />
            ) : null}
            <Form.Item
              name="name"
              label={t('cultReview.objection.name')}
              rules={required(t('cultReview.objection.name'))}
            >
              <Input maxLength={100} autoComplete="name" data-testid="objection-name" />
            </Form.Item>
            <Form.Item
              name="contact"
              label={t('cultReview.objection.contact')}
              extra={t('cultivationNotices.objection.contactHelp')}
              rules={[
                ...required(t('cultReview.objection.contact')),
                {
                  validator: (_, value: string | undefined) =>
                    !value?.trim() || isObjectionContact(value)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('cultivationNotices.objection.contactInvalid'))),
                },
              ]}
            >
              <Input maxLength={100} data-testid="objection-contact" />
            </Form.Item>
            <Form.Item
              name="content"
              label={t('cultReview.objection.content')}
              rules={required(t('cultReview.objection.content'))}
            >
              <Input.TextArea
                rows={5}
                maxLength={2000}
                showCount
                placeholder={t('cultReview.objection.contentPlaceholder')}
                data-testid="objection-content"
              />
            </Form.Item>
          </Flex>
        </Form>
      )}
    </Modal>
  );
}
