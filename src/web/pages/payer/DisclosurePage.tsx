/**
 * `/app/disclosure` (a debtor body's official): the organisation's annual disclosure of overdue payments
 * (保障中小企业款项支付条例: government bodies and public institutions publish last year's overdue contracts — count
 * and amount — by 31 March). For the chosen year (last year by default; `?year=` in the address) it shows the
 * disclosure generated from the complaints: the contracts past their due date and unpaid on 31 December, with the
 * list. It is published once, with an optional note, after a confirmation; a published one is shown as published,
 * with its time and whether it was late. Large enterprises are told they report in the credit publicity system.
 */
import { FileDoneOutlined, FileSearchOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { ApiError } from '../../api/client.ts';
import { type Disclosure, type PayerDisclosure, payerApi } from '../../api/payer.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { apiQuery, refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { useUrlFilters } from '../../lib/urlFilters.ts';
import { formatMoney } from '../payments/paymentForm.ts';
import { chosenYear, disclosureYears, isDisclosureOverdue } from './claimModel.ts';
import { ContractsTable, useKindName } from './claimParts.tsx';

export default function DisclosurePage() {
  const { t } = useI18n();
  const today = todayInChina();
  const years = useMemo(() => disclosureYears(today), [today]);
  const { filters: year, update } = useUrlFilters((params) => chosenYear(params.get('year'), years));
  const loaded = useApiQuery(
    year === undefined
      ? refusedQuery<PayerDisclosure>(['/api/payer/disclosure'], new Error(t('common.loadFailed')))
      : apiQuery('/api/payer/disclosure', { query: { year } }),
    { keepPrevious: true },
  );
  const data = loaded.data?.computed.year === year ? loaded.data : undefined;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Flex vertical gap={4} style={{ flex: '1 1 520px' }}>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
            {t('payer.disclosure.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('payer.disclosure.intro')}</Typography.Text>
        </Flex>
        <Space wrap>
          <Typography.Text>{t('payer.disclosure.year')}</Typography.Text>
          <Select<number>
            value={year}
            onChange={(value) => update({ year: value })}
            options={years.map((value) => ({
              value,
              label: t('payer.disclosure.yearOption', { year: value }),
            }))}
            style={{ width: 140 }}
            aria-label={t('payer.disclosure.year')}
            data-testid="disclosure-year"
          />
          <Button icon={<ReloadOutlined />} onClick={loaded.reload} loading={loaded.loading}>
            {t('common.reload')}
          </Button>
        </Space>
      </Flex>

      {loaded.error && !data ? (
        <ErrorResult error={loaded.error} onRetry={loaded.reload} />
      ) : !data ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : data.published ? (
        <Published disclosure={data.published} />
      ) : (
        <Generated data={data} today={today} onPublished={loaded.reload} />
      )}

      <Link to="/arrears-disclosures" data-testid="disclosure-public-link">
        <FileSearchOutlined /> {t('payer.disclosure.viewPublic')}
      </Link>
    </Flex>
  );
}

/** The count and amount of a disclosure as two figures. */
function Figures({ contracts, amount }: { contracts: number; amount: number }) {
  const { t, locale } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} sm={12}>
        <Card size="small">
          <Statistic
            title={t('payer.disclosure.contracts')}
            value={formatNumber(contracts, locale)}
            suffix={t('payer.disclosure.contractsUnit')}
            data-testid="disclosure-contracts"
            data-value={contracts}
          />
        </Card>
      </Col>
      <Col xs={24} sm={12}>
        <Card size="small">
          <Statistic
            title={t('payer.disclosure.amount')}
            value={formatMoney(amount, locale)}
            suffix={t('pay.unit.yuan')}
            data-testid="disclosure-amount"
            data-value={amount}
          />
        </Card>
      </Col>
    </Row>
  );
}

function Published({ disclosure }: { disclosure: Disclosure }) {
  const { t, locale } = useI18n();
  const kindName = useKindName();
  return (
    <Card
      title={
        <Space size={8} wrap>
          <FileDoneOutlined style={{ color: '#389e0d' }} />
          {t('payer.disclosure.publishedTitle', { year: disclosure.year })}
        </Space>
      }
      data-testid="disclosure-published"
      data-late={disclosure.late ? 'true' : 'false'}
    >
      <Flex vertical gap={16}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            {
              key: 'organization',
              label: t('payer.public.col.name'),
              children: `${disclosure.organizationName}（${kindName(disclosure.organizationKind)}）`,
            },
            {
              key: 'publishedAt',
              label: t('payer.disclosure.publishedAt'),
              children: (
                <Space size={6} wrap>
                  <span data-testid="disclosure-published-at">
                    {formatDateTime(disclosure.publishedAt, locale)}
                  </span>
                  <Tag color={disclosure.late ? 'red' : 'green'} data-testid="disclosure-late">
                    {disclosure.late ? t('payer.disclosure.late') : t('payer.disclosure.onTime')}
                  </Tag>
                </Space>
              ),
            },
            ...(disclosure.note
              ? [
                  {
                    key: 'note',
                    label: t('payer.disclosure.note'),
                    span: 'filled' as const,
                    children: <span style={{ whiteSpace: 'pre-wrap' }}>{disclosure.note}</span>,
                  },
                ]
              : []),
          ]}
        />
        <Figures contracts={disclosure.contracts} amount={disclosure.amount} />
        <ContractsTable details={disclosure.details} testId="disclosure-details" />
      </Flex>
    </Card>
  );
}

function Generated({
  data,
  today,
  onPublished,
}: {
  data: PayerDisclosure;
  today: string;
  onPublished: () => void;
}) {
  const { t, locale } = useI18n();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const [publishing, setPublishing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { computed } = data;
  const largeEnterprise = computed.kind === 'large_enterprise';
  const overdue = isDisclosureOverdue(today, computed.dueOn, false);
  const due = formatDate(computed.dueOn, locale);

  const publish = async (note: string | undefined) => {
    setPublishing(true);
    setError(null);
    try {
      await payerApi.publish({ year: computed.year, note: note?.trim() || null });
      void message.success(t('payer.disclosure.publishedDone', { year: computed.year }));
      onPublished();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 409) {
        void message.info(t('payer.disclosure.already'));
        onPublished();
        return;
      }
      const unmatched = applyFieldErrors(form, failure, ['note']);
      const fieldErrors = failure instanceof ApiError ? failure.errors.length - unmatched.length : 0;
      // Errors on the year (a large enterprise, a year that has not ended) have no field here: shown above.
      const problems =
        failure instanceof ApiError
          ? failure.errors.filter((e) => e.field !== 'note').map((e) => e.message)
          : [];
      setError(
        fieldErrors > 0 && problems.length === 0
          ? null
          : problems.length > 0
            ? problems.join('; ')
            : failure instanceof Error
              ? failure.message
              : String(failure),
      );
    } finally {
      setPublishing(false);
    }
  };

  const confirm = (values: { note?: string }) => {
    modal.confirm({
      title: t('payer.disclosure.confirmTitle', { year: computed.year }),
      content: t('payer.disclosure.confirmText', {
        contracts: formatNumber(computed.contracts, locale),
        amount: formatMoney(computed.amount, locale),
      }),
      okText: t('payer.disclosure.publish'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'disclosure-confirm' },
      onOk: () => publish(values.note),
    });
  };

  return (
    <Card
      title={t('payer.disclosure.generated', { year: computed.year })}
      extra={
        <Typography.Text type="secondary">
          {t('payer.disclosure.dueOn')}：{due}
        </Typography.Text>
      }
      data-testid="disclosure-generated"
    >
      <Flex vertical gap={16}>
        {largeEnterprise ? (
          <Alert
            type="info"
            showIcon
            title={t('payer.disclosure.largeEnterprise')}
            data-testid="disclosure-large"
          />
        ) : overdue ? (
          <Alert
            type="warning"
            showIcon
            title={t('payer.disclosure.overdue', { date: due })}
            data-testid="disclosure-overdue"
          />
        ) : (
          <Alert type="info" showIcon title={t('payer.disclosure.dueHint', { date: due })} />
        )}
        <Typography.Text type="secondary">
          {t('payer.disclosure.generatedIntro', { year: computed.year })}
        </Typography.Text>
        <Figures contracts={computed.contracts} amount={computed.amount} />
        <ContractsTable details={computed.details} testId="disclosure-details" />
        {largeEnterprise ? null : (
          <Form<{ note?: string }>
            form={form}
            layout="vertical"
            onFinish={confirm}
            data-testid="disclosure-form"
          >
            {error ? (
              <Alert
                type="error"
                showIcon
                title={error}
                style={{ marginBottom: 12 }}
                data-testid="disclosure-error"
              />
            ) : null}
            <Form.Item
              name="note"
              label={t('payer.disclosure.note')}
              extra={t('payer.disclosure.publishHint')}
            >
              <Input.TextArea
                rows={3}
                maxLength={1000}
                showCount
                placeholder={t('payer.disclosure.notePlaceholder')}
                data-testid="disclosure-note"
              />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              icon={<FileDoneOutlined />}
              loading={publishing}
              data-testid="disclosure-publish"
            >
              {t('payer.disclosure.publish')}
            </Button>
          </Form>
        )}
      </Flex>
    </Card>
  );
}
