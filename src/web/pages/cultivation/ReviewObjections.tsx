/**
 * The objections lodged during an application's public notice, for its reviewers: who lodged each, their contact,
 * what they say, and its answer; an open one is answered (upheld or dismissed, with the answer) by the official
 * who decides the tier (told that the objector reads the answer with their lookup code). A field error shows on
 * its field; a 409 or 403 reloads the application with the message.
 */
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import {
  type ApplicationDetail,
  cultivationReviewApi,
  type Objection,
  type ObjectionAnswer,
} from '../../api/cultivationReview.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';

const STATE_COLORS = { open: 'warning', upheld: 'error', dismissed: 'default' } as const;

export function ReviewObjections({
  detail,
  canAnswer,
  onDone,
}: {
  detail: ApplicationDetail;
  /** Whether the reader decides the tier at this stage (the notice's actions are theirs). */
  canAnswer: boolean;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [answering, setAnswering] = useState<{
    objection: Objection;
    state: ObjectionAnswer['state'];
  } | null>(null);
  const [form] = Form.useForm<{ answer: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async ({ answer }: { answer: string }) => {
    if (!answering) return;
    setSaving(true);
    setError(null);
    try {
      await cultivationReviewApi.answerObjection(detail.enterpriseId, answering.objection.id, {
        state: answering.state,
        answer: answer.trim(),
      });
      void message.success(t('cultReview.objections.answered'));
      setAnswering(null);
      onDone();
    } catch (failure) {
      if (failure instanceof ApiError && (failure.status === 409 || failure.status === 403)) {
        void message.warning(t('cultReview.action.conflict', { message: failure.message }));
        setAnswering(null);
        onDone();
        return;
      }
      if (failure instanceof ApiError && failure.errors.length > 0) {
        const onAnswer = failure.errors.filter((e) => e.field.replace(/^body\./, '') === 'answer');
        form.setFields([{ name: 'answer', errors: onAnswer.map((e) => e.message) }]);
        const others = failure.errors.filter((e) => !onAnswer.includes(e));
        setError(
          others.length > 0 ? others.map((e) => `${e.message}`).join(t('cultReview.punct.list')) : null,
        );
      } else setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title={t('cultReview.objections.title', { count: detail.objections.length })}
      data-testid="review-objections"
    >
      {detail.objections.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cultReview.objections.none')} />
      ) : (
        <List<Objection>
          dataSource={detail.objections}
          renderItem={(objection) => (
            <List.Item
              key={objection.id}
              data-testid={`objection-${objection.id}`}
              data-state={objection.state}
            >
              <Flex vertical gap={6} style={{ width: '100%' }}>
                <Flex gap={8} wrap align="center">
                  <Tag color={STATE_COLORS[objection.state]} data-testid={`objection-state-${objection.id}`}>
                    {t(`cultReview.objections.state.${objection.state}`)}
                  </Tag>
                  <Typography.Text type="secondary">
                    {t('cultReview.objections.lodgedAt')} {formatDateTime(objection.lodgedAt, locale)}
                  </Typography.Text>
                </Flex>
                <Typography.Text>
                  {t('cultReview.punct.labelled', {
                    label: t('cultReview.objections.by'),
                    value: objection.name || '—',
                  })}{' '}
                  ·{' '}
                  {t('cultReview.punct.labelled', {
                    label: t('cultReview.objections.contact'),
                    value: objection.contact || '—',
                  })}
                </Typography.Text>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                  {objection.content}
                </Typography.Paragraph>
                {objection.answer ? (
                  <Alert
                    type={objection.state === 'upheld' ? 'error' : 'info'}
                    title={`${t('cultReview.objections.answer')}${t('cultReview.punct.paren', { text: formatDateTime(objection.answeredAt, locale) })}`}
                    description={objection.answer}
                  />
                ) : null}
                {canAnswer && objection.state === 'open' ? (
                  <Flex gap={8} wrap>
                    <Button
                      danger
                      onClick={() => {
                        setError(null);
                        setAnswering({ objection, state: 'upheld' });
                      }}
                      data-testid={`objection-uphold-${objection.id}`}
                    >
                      {t('cultReview.objections.uphold')}
                    </Button>
                    <Button
                      onClick={() => {
                        setError(null);
                        setAnswering({ objection, state: 'dismissed' });
                      }}
                      data-testid={`objection-dismiss-${objection.id}`}
                    >
                      {t('cultReview.objections.dismiss')}
                    </Button>
                  </Flex>
                ) : null}
              </Flex>
            </List.Item>
          )}
        />
      )}
      <Modal
        open={answering !== null}
        title={
          answering
            ? t('cultReview.objections.answerTitle', {
                state: t(`cultReview.objections.state.${answering.state}`),
              })
            : ''
        }
        onCancel={() => setAnswering(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'objection-answer-submit', danger: answering?.state === 'upheld' }}
        destroyOnHidden
        data-testid="objection-answer-modal"
      >
        <Form form={form} layout="vertical" preserve={false} onFinish={(values) => void submit(values)}>
          <Typography.Paragraph type="secondary">
            {t('cultReview.objections.answerHelp')} {t('cultivationNotices.objection.answerSeen')}
          </Typography.Paragraph>
          {error ? (
            <Alert
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 12 }}
              data-testid="objection-answer-error"
            />
          ) : null}
          <Form.Item
            name="answer"
            label={t('cultReview.objections.answer')}
            rules={[{ required: true, whitespace: true, message: t('cultReview.objections.answerRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount data-testid="objection-answer" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
