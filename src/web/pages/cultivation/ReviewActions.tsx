/**
 * The reviewer's actions on an application: a button for each action the server says is open to them, each
 * confirmed in a dialog that says what it does; returning, refusing and revoking ask for the reasons. Announcing
 * the recognition is not offered before the public notice's last day has passed: its button stands disabled with
 * the day it becomes possible (the server refuses it before then too). Sent on the
 * version read: a field error shows on its field (the reasons) or above them (the action: not possible at this
 * stage, notice not over, objections unanswered, quota full); a 409 or 403 closes the dialog with the server's
 * message and reloads the application.
 */
import { Alert, App as AntApp, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { todayInChina } from '../../../shared/today.ts';
import { ApiError } from '../../api/client.ts';
import {
  type ApplicationDetail,
  cultivationReviewApi,
  type ReviewAction,
} from '../../api/cultivationReview.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { announceFrom, noticeOver, orderedActions, REASONS_REQUIRED } from './reviewModel.ts';

const DANGER: readonly ReviewAction[] = ['reject', 'revoke'];

export function ReviewActions({ detail, onDone }: { detail: ApplicationDetail; onDone: () => void }) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [action, setAction] = useState<ReviewAction | null>(null);
  // Announcing waits for the notice's last day to pass (cultivation.applications.ts refuses it before then).
  const announceWaits =
    detail.actions.includes('announce') &&
    detail.noticeTo !== null &&
    !noticeOver(detail.noticeTo, todayInChina());
  const [form] = Form.useForm<{ comment?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const actions = orderedActions(detail.actions);
  const reasonsRequired = action !== null && REASONS_REQUIRED.includes(action);

  const open = (next: ReviewAction) => {
    setError(null);
    setAction(next);
  };

  const submit = async ({ comment }: { comment?: string }) => {
    if (!action) return;
    setSaving(true);
    setError(null);
    try {
      await cultivationReviewApi.act(detail.enterpriseId, detail.id, {
        action,
        version: detail.version,
        ...(comment?.trim() ? { comment: comment.trim() } : {}),
      });
      void message.success(t('cultReview.action.done', { action: t(`cultReview.action.${action}`) }));
      setAction(null);
      onDone();
    } catch (failure) {
      if (failure instanceof ApiError && (failure.status === 409 || failure.status === 403)) {
        void message.warning(t('cultReview.action.conflict', { message: failure.message }));
        setAction(null);
        onDone();
        return;
      }
      if (failure instanceof ApiError && failure.errors.length > 0) {
        const onComment = failure.errors.filter((e) => e.field.replace(/^body\./, '') === 'comment');
        form.setFields([{ name: 'comment', errors: onComment.map((e) => e.message) }]);
        const others = failure.errors.filter((e) => !onComment.includes(e));
        setError(others.length > 0 ? others.map((e) => e.message).join(t('cultReview.punct.list')) : null);
      } else setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  };

  if (actions.length === 0)
    return (
      <Typography.Text type="secondary" data-testid="review-no-actions">
        {t('cultReview.action.none')}
      </Typography.Text>
    );

  return (
    <>
      <Flex vertical gap={8}>
        <Flex gap={8} wrap data-testid="review-actions">
          {actions.map((a) => (
            <Button
              key={a}
              type={DANGER.includes(a) || a === 'return' ? 'default' : 'primary'}
              danger={DANGER.includes(a)}
              disabled={a === 'announce' && announceWaits}
              onClick={() => open(a)}
              data-testid={`review-action-${a}`}
            >
              {t(`cultReview.action.${a}`)}
            </Button>
          ))}
        </Flex>
        {announceWaits && detail.noticeTo ? (
          <Typography.Text type="secondary" data-testid="review-announce-waits">
            {t('cultReview.action.announceFrom', {
              to: formatDate(detail.noticeTo, locale),
              from: formatDate(announceFrom(detail.noticeTo), locale),
            })}
          </Typography.Text>
        ) : null}
      </Flex>
      <Modal
        open={action !== null}
        title={action ? `${t(`cultReview.action.${action}`)} · ${detail.enterpriseName}` : ''}
        onCancel={() => setAction(null)}
        okText={action ? t(`cultReview.action.${action}`) : t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        okButtonProps={{
          danger: action !== null && DANGER.includes(action),
          'data-testid': 'review-action-submit',
        }}
        destroyOnHidden
        data-testid="review-action-modal"
      >
        {action ? (
          <Form form={form} layout="vertical" preserve={false} onFinish={(values) => void submit(values)}>
            <Typography.Paragraph type="secondary" data-testid="review-action-confirm">
              {t(`cultReview.confirm.${action}`)}
            </Typography.Paragraph>
            {error ? (
              <Alert
                type="error"
                showIcon
                title={error}
                style={{ marginBottom: 12 }}
                data-testid="review-action-error"
              />
            ) : null}
            <Form.Item
              name="comment"
              label={t(reasonsRequired ? 'cultReview.action.reasons' : 'cultReview.action.comment')}
              rules={
                reasonsRequired
                  ? [{ required: true, whitespace: true, message: t('cultReview.action.reasonsRequired') }]
                  : []
              }
            >
              <Input.TextArea
                rows={4}
                maxLength={2000}
                showCount
                placeholder={reasonsRequired ? undefined : t('cultReview.action.commentPlaceholder')}
                data-testid="review-action-comment"
              />
            </Form.Item>
          </Form>
        ) : null}
      </Modal>
    </>
  );
}
