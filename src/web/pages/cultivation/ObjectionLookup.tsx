/**
 * The objector looks an objection up (issue 18): the reference and the lookup code given when it was lodged; the
 * answer is the objection's state and, once the province has given it, its answer. A wrong code (or reference)
 * shows on its field as the server words it; too many tries an hour are refused by the server, and said so.
 */
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import {
  cultivationPublicApi,
  type ObjectionLookup as LookedUp,
  type ObjectionLookupInput,
} from '../../api/cultivationPublic.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { TierTag } from './ReviewParts.tsx';

const FIELDS = ['reference', 'code'] as const;
const STATE_COLORS = { open: 'processing', upheld: 'error', dismissed: 'default' } as const;

export function ObjectionLookup() {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<ObjectionLookupInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<LookedUp | null>(null);

  const submit = async (values: ObjectionLookupInput) => {
    setBusy(true);
    setError(null);
    setFound(null);
    try {
      setFound(
        await cultivationPublicApi.lookUpObjection({
          reference: values.reference.trim(),
          code: values.code.trim(),
        }),
      );
    } catch (failure) {
      const unmatched = applyFieldErrors(form, failure, FIELDS);
      const matched = failure instanceof ApiError ? failure.errors.length - unmatched.length : 0;
      setError(matched > 0 ? null : failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => [
    { required: true, whitespace: true, message: t('cultReview.objection.required', { field }) },
  ];
  return (
    <Card size="small" title={t('cultivationNotices.lookup.title')} data-testid="objection-lookup">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('cultivationNotices.lookup.intro')}
      </Typography.Paragraph>
      <Form<ObjectionLookupInput> form={form} layout="inline" onFinish={(v) => void submit(v)}>
        <Flex gap={8} wrap align="flex-start" style={{ width: '100%' }}>
          <Form.Item
            name="reference"
            label={t('cultivationNotices.lookup.reference')}
            rules={required(t('cultivationNotices.lookup.reference'))}
            style={{ margin: 0 }}
          >
            <Input
              maxLength={40}
              placeholder="1024-7"
              style={{ width: 160 }}
              data-testid="objection-lookup-reference"
            />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('cultivationNotices.lookup.code')}
            rules={required(t('cultivationNotices.lookup.code'))}
            style={{ margin: 0 }}
          >
            <Input
              maxLength={20}
              placeholder="XXXX-XXXX"
              style={{ width: 160 }}
              autoComplete="off"
              data-testid="objection-lookup-code"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="objection-lookup-submit">
            {t('cultivationNotices.lookup.submit')}
          </Button>
        </Flex>
      </Form>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginTop: 12 }}
          data-testid="objection-lookup-error"
        />
      ) : null}
      {found ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          style={{ marginTop: 12 }}
          data-testid="objection-lookup-result"
          data-state={found.state}
          items={[
            {
              key: 'enterprise',
              label: t('cultivationNotices.lookup.enterprise'),
              children: (
                <Flex gap={8} wrap align="center">
                  <span>{found.enterpriseName}</span>
                  <TierTag tier={found.tier} />
                </Flex>
              ),
            },
            {
              key: 'notice',
              label: t('cultivationNotices.lookup.notice'),
              children: t('cultivationNotices.lookup.period', {
                from: formatDate(found.noticeFrom, locale),
                to: formatDate(found.noticeTo, locale),
              }),
            },
            {
              key: 'lodged',
              label: t('cultivationNotices.lookup.lodgedAt'),
              children: formatDateTime(found.lodgedAt, locale),
            },
            {
              key: 'state',
              label: t('cultivationNotices.lookup.state'),
              children: (
                <Tag color={STATE_COLORS[found.state]} data-testid="objection-lookup-state">
                  {t(`cultivationNotices.lookup.state.${found.state}`)}
                </Tag>
              ),
            },
            {
              key: 'answer',
              label: t('cultivationNotices.lookup.answer'),
              children: found.answer ? (
                <Flex vertical gap={2}>
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }} data-testid="objection-lookup-answer">
                    {found.answer}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('cultivationNotices.lookup.answeredAt', {
                      at: formatDateTime(found.answeredAt, locale),
                    })}
                  </Typography.Text>
                </Flex>
              ) : (
                <Typography.Text type="secondary" data-testid="objection-lookup-answer">
                  {t('cultivationNotices.lookup.noAnswer')}
                </Typography.Text>
              ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
