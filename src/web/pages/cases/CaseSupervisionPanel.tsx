/**
 * Supervision of one case on the officials' case page: the 督办 notices (issued by a supervising official or by the
 * system past a deadline), acknowledging one, and issuing a new one with a reason and a date to act by. For an
 * overdue-payment complaint, `DebtorAnswers` shows what the debtor said and paid (also on the enterprise's page).
 */
import { AlertOutlined, CheckOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, api, type CaseDetail } from '../../api/client.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime, formatDecimal } from '../../lib/format.ts';
import { applyFieldErrors } from '../../lib/formErrors.ts';

interface SuperviseValues {
  reason?: string;
  deadline?: Dayjs | null;
}

/** The 督办 notices of a case, with acknowledge and issue. */
export function CaseSupervisionPanel({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<SuperviseValues>();
  // Offered by the server under the rules it enforces (ADR 0016): 督办 from above the handling office, 签收 by
  // the handler.
  const mayIssue = detail.allowedActions.includes('supervise');
  const mayAcknowledge = detail.allowedActions.includes('acknowledge_supervision');

  const acknowledge = async (supervisionId: number) => {
    try {
      await api.acknowledgeSupervision(detail.id, supervisionId);
      message.success(t('caseAdmin.supervision.acknowledged'));
      onChanged();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
      onChanged();
    }
  };

  const submit = async (values: SuperviseValues) => {
    setSaving(true);
    try {
      await api.superviseCase(detail.id, {
        reason: values.reason ?? '',
        deadline: values.deadline ? values.deadline.format('YYYY-MM-DD') : null,
      });
      message.success(t('caseAdmin.supervision.issued'));
      setOpen(false);
      form.resetFields();
      onChanged();
    } catch (error) {
      if (!(error instanceof ApiError && applyFieldErrors(form, error, ['reason', 'deadline'])))
        message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      title={
        <Space>
          <AlertOutlined />
          {t('caseAdmin.supervision.title')}
        </Space>
      }
      size="small"
      data-testid="case-supervision"
      extra={
        mayIssue ? (
          <Button size="small" danger onClick={() => setOpen(true)} data-testid="case-supervise">
            {t('caseAdmin.supervision.issue')}
          </Button>
        ) : null
      }
    >
      {detail.supervisions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('caseAdmin.supervision.none')} />
      ) : (
        <List
          size="small"
          dataSource={detail.supervisions}
          renderItem={(s) => (
            <List.Item
              data-testid="case-supervision-item"
              actions={
                s.acknowledgedAt
                  ? [
                      <Tag key="ack" color="green" icon={<CheckOutlined />}>
                        {t('caseAdmin.supervision.acknowledgedAt', {
                          at: formatDateTime(s.acknowledgedAt, locale),
                        })}
                      </Tag>,
                    ]
                  : !mayAcknowledge
                    ? [
                        <Tag key="ack" data-testid="case-supervision-pending">
                          {t('caseAdmin.supervision.pending')}
                        </Tag>,
                      ]
                    : [
                        <Button
                          key="ack"
                          size="small"
                          type="primary"
                          onClick={() => acknowledge(s.id)}
                          data-testid="case-supervision-acknowledge"
                        >
                          {t('caseAdmin.supervision.acknowledge')}
                        </Button>,
                      ]
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Tag color="red">{t('caseAdmin.event.supervise')}</Tag>
                    <span>{locale === 'en' && s.reasonEn ? s.reasonEn : s.reason}</span>
                  </Space>
                }
                description={t('caseAdmin.supervision.meta', {
                  by: s.issuedBy ?? t('caseAdmin.timeline.system'),
                  at: formatDateTime(s.issuedAt, locale),
                  deadline: formatDate(s.deadline, locale),
                })}
              />
            </List.Item>
          )}
        />
      )}
      <Modal
        open={open}
        title={t('caseAdmin.supervision.issueTitle', { number: detail.number })}
        okText={t('caseAdmin.supervision.issue')}
        okButtonProps={{ danger: true, loading: saving, id: 'case-supervise-submit' }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('caseAdmin.supervision.issueHelp')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="reason"
            label={t('caseAdmin.supervision.reason')}
            rules={[{ required: true, whitespace: true, message: t('caseAdmin.supervision.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="case-supervise-reason" />
          </Form.Item>
          <Form.Item
            name="deadline"
            label={t('caseAdmin.supervision.deadline')}
            extra={t('caseAdmin.supervision.deadlineHelp')}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** What the debtor answered and paid on an overdue-payment complaint. */
export function DebtorAnswers({ detail }: { detail: CaseDetail }) {
  const { t, locale } = useI18n();
  if (detail.type !== 'arrears') return null;
  const position = detail.debtorPosition;
  return (
    <Card title={t('caseAdmin.debtor.title')} size="small" data-testid="case-debtor-answers">
      <Space direction="vertical" style={{ width: '100%' }}>
        <div>
          {position ? (
            <Tag color={position === 'acknowledged' ? 'green' : 'orange'} data-testid="case-debtor-position">
              {t(position === 'acknowledged' ? 'caseAdmin.debtor.acknowledged' : 'caseAdmin.debtor.disputed')}
            </Tag>
          ) : (
            <Tag>{t('caseAdmin.debtor.noAnswer')}</Tag>
          )}
          {detail.debtorAnsweredOn ? (
            <Typography.Text type="secondary">{formatDate(detail.debtorAnsweredOn, locale)}</Typography.Text>
          ) : null}
        </div>
        {detail.payments.length === 0 ? (
          <Typography.Text type="secondary">{t('caseAdmin.debtor.noPayments')}</Typography.Text>
        ) : (
          <List
            size="small"
            header={t('caseAdmin.debtor.payments')}
            dataSource={detail.payments}
            renderItem={(p) => (
              <List.Item data-testid="case-debtor-payment">
                <Space wrap>
                  <span>{formatDate(p.paidOn, locale)}</span>
                  <Typography.Text strong>{formatDecimal(p.amount, locale)}</Typography.Text>
                  {p.note ? <Typography.Text type="secondary">{p.note}</Typography.Text> : null}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Space>
    </Card>
  );
}
