/**
 * 兑现名单 of a 免申即享 policy: list the enterprises that qualify now, send the list for confirmation, follow each
 * entry (listed → sent → confirmed / declined → paid), record payouts, and export the list.
 */
import { ReloadOutlined, SendOutlined, UnorderedListOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Flex,
  Form,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Segmented,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, type Benefit, downloads } from '../../api/client.ts';
import { ExportButtons, PagedTable, SearchBox, useSearchPaging } from '../../components/PagedTable.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime, formatDecimal, formatNumber } from '../../lib/format.ts';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { DateInput, labelOf, todayIso } from './common.tsx';

export const BENEFIT_STATUSES = ['listed', 'sent', 'confirmed', 'declined', 'paid'] as const;
type BenefitStatus = (typeof BENEFIT_STATUSES)[number];

const BENEFIT_COLORS: Record<BenefitStatus, string> = {
  listed: 'default',
  sent: 'processing',
  confirmed: 'cyan',
  declined: 'orange',
  paid: 'green',
};

interface BenefitsTabProps {
  policyId: number;
  /** Listing and sending need a published policy (a withdrawn one keeps its list). */
  published: boolean;
}

export function BenefitsTab({ policyId, published }: BenefitsTabProps) {
  const { t, locale } = useI18n();
  const { message, modal } = AntApp.useApp();
  const [status, setStatus] = useState<BenefitStatus | undefined>(undefined);
  const { q, page, pageSize, search, toFirstPage, onPageChange } = useSearchPaging();
  const [busy, setBusy] = useState<'generate' | 'send' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [paying, setPaying] = useState<Benefit | null>(null);
  const query = { status, q: q || undefined, page, pageSize };
  const list = useApiQuery(apiQuery('/api/policies/:id/benefits', { params: { id: policyId }, query }), {
    keepPrevious: true,
  });
  const data = list.data;
  const lang = locale === 'en' ? 'en' : 'zh';
  const allCount = BENEFIT_STATUSES.reduce((sum, s) => sum + (data?.counts[s] ?? 0), 0);

  const generate = async () => {
    setBusy('generate');
    setActionError(null);
    try {
      const result = await api.generateBenefits(policyId);
      void message.success(t('policyAdmin.benefits.generated', { n: result.listed }));
      list.reload();
    } catch (error) {
      setActionError(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };

  const send = () => {
    modal.confirm({
      title: t('policyAdmin.benefits.sendConfirmTitle'),
      content: t('policyAdmin.benefits.sendConfirm', { n: data?.counts.listed ?? 0 }),
      okText: t('policyAdmin.benefits.send'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy('send');
        setActionError(null);
        try {
          const result = await api.sendBenefits(policyId);
          void message.success(t('policyAdmin.benefits.sent', { n: result.sent }));
          list.reload();
        } catch (error) {
          setActionError(error instanceof Error ? error.message : String(error));
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const filterTo = (next: BenefitStatus | undefined) => {
    setStatus(next);
    toFirstPage();
  };

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary">{t('policyAdmin.benefits.intro')}</Typography.Text>
          <Flex gap={8} wrap>
            <Popconfirm
              title={t('policyAdmin.benefits.generateConfirm')}
              okText={t('policyAdmin.benefits.generate')}
              cancelText={t('common.cancel')}
              onConfirm={() => void generate()}
              disabled={!published}
            >
              <Button
                type="primary"
                icon={<UnorderedListOutlined />}
                loading={busy === 'generate'}
                disabled={!published}
                data-testid="benefits-generate"
              >
                {t('policyAdmin.benefits.generate')}
              </Button>
            </Popconfirm>
            <Button
              icon={<SendOutlined />}
              loading={busy === 'send'}
              disabled={!published || (data !== undefined && (data.counts.listed ?? 0) === 0)}
              onClick={send}
              data-testid="benefits-send"
            >
              {t('policyAdmin.benefits.send')}
            </Button>
            <ExportButtons
              url={(format) => downloads.benefits(policyId, format, lang, status)}
              fileName="benefits"
              labels={{
                csv: t('policyAdmin.benefits.exportCsv'),
                xlsx: t('policyAdmin.benefits.exportXlsx'),
              }}
              testId="benefits"
            />
          </Flex>
        </Flex>
        {!published ? (
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            title={t('policyAdmin.benefits.notPublished')}
          />
        ) : null}
        {actionError ? (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            title={actionError}
            closable={{ onClose: () => setActionError(null) }}
            data-testid="benefits-error"
          />
        ) : null}
      </Card>

      <Row gutter={[12, 12]}>
        {BENEFIT_STATUSES.map((s) => (
          <Col xs={12} sm={8} lg={4} key={s}>
            <Card
              size="small"
              hoverable
              onClick={() => filterTo(status === s ? undefined : s)}
              style={status === s ? { borderColor: '#1458c4' } : undefined}
            >
              <Statistic
                title={labelOf(t, 'policyAdmin.benefitStatus', s)}
                value={formatNumber(data?.counts[s] ?? 0, locale)}
                data-testid={`benefits-count-${s}`}
              />
            </Card>
          </Col>
        ))}
        <Col xs={24} sm={16} lg={4}>
          <Card size="small">
            <Statistic
              title={t('policyAdmin.benefits.paidAmount')}
              value={formatDecimal(data?.paidAmount ?? 0, locale)}
              suffix={t('policyAdmin.benefits.yuan')}
              data-testid="benefits-paid-amount"
            />
          </Card>
        </Col>
      </Row>

      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Segmented<string>
            value={status ?? 'all'}
            onChange={(value) => filterTo(value === 'all' ? undefined : (value as BenefitStatus))}
            options={[
              { value: 'all', label: `${t('policyAdmin.benefits.all')} ${allCount}` },
              ...BENEFIT_STATUSES.map((s) => ({
                value: s,
                label: `${labelOf(t, 'policyAdmin.benefitStatus', s)} ${data?.counts[s] ?? 0}`,
              })),
            ]}
            data-testid="benefits-status"
          />
          <Flex gap={8}>
            <SearchBox
              query={q}
              onSearch={search}
              placeholder={t('policyAdmin.benefits.search')}
              style={{ width: 280 }}
              data-testid="benefits-search"
            />
            <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.reload')} />
          </Flex>
        </Flex>
        <PagedTable<Benefit>
          list={list}
          page={page}
          pageSize={pageSize}
          onPageChange={onPageChange}
          showTotal={(total) => t('common.total', { total })}
          rowKey="id"
          size="small"
          tableLayout="fixed"
          scroll={{ x: 1130 }}
          data-testid="benefits-table"
          columns={[
            {
              key: 'name',
              title: t('enterprise.name'),
              ellipsis: { showTitle: true },
              render: (_, row) => <Link to={`/app/enterprises/${row.enterpriseId}`}>{row.name}</Link>,
            },
            {
              key: 'uscc',
              title: t('enterprise.uscc'),
              width: 180,
              render: (_, row) => <span className="huiqi-mono">{row.uscc}</span>,
            },
            {
              key: 'region',
              title: t('enterprise.region'),
              width: 110,
              render: (_, row) => <RegionName code={row.regionCode} full={false} />,
            },
            {
              key: 'status',
              title: t('policyAdmin.benefits.col.status'),
              width: 100,
              render: (_, row) => (
                <Tag color={BENEFIT_COLORS[row.status] ?? 'default'}>
                  {labelOf(t, 'policyAdmin.benefitStatus', row.status)}
                </Tag>
              ),
            },
            {
              key: 'version',
              title: t('policyAdmin.benefits.col.version'),
              width: 70,
              render: (_, row) => `v${row.version}`,
            },
            {
              key: 'listed',
              title: t('policyAdmin.benefits.col.listedAt'),
              width: 150,
              render: (_, row) => (
                <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(row.listedAt, locale)}</span>
              ),
            },
            {
              key: 'responded',
              title: t('policyAdmin.benefits.col.respondedAt'),
              width: 160,
              render: (_, row) => (
                <Flex vertical style={{ minWidth: 0 }}>
                  <span style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(row.respondedAt ?? row.sentAt, locale)}
                  </span>
                  {row.responseNote ? (
                    <Typography.Text
                      type="secondary"
                      style={{ fontSize: 12, maxWidth: '100%' }}
                      ellipsis={{ tooltip: row.responseNote }}
                    >
                      {row.responseNote}
                    </Typography.Text>
                  ) : null}
                </Flex>
              ),
            },
            {
              key: 'amount',
              title: t('policyAdmin.benefits.col.amount'),
              width: 120,
              align: 'right',
              render: (_, row) => (row.amount === null ? '—' : formatDecimal(row.amount, locale)),
            },
            {
              key: 'paidOn',
              title: t('policyAdmin.benefits.col.paidOn'),
              width: 120,
              render: (_, row) => (
                <span style={{ whiteSpace: 'nowrap' }}>{formatDate(row.paidOn, locale)}</span>
              ),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              width: 110,
              fixed: 'right',
              render: (_, row) =>
                row.status === 'confirmed' ? (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setPaying(row)}
                    data-testid="benefits-record"
                  >
                    {t('policyAdmin.benefits.record')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>

      <PayoutModal
        benefit={paying}
        onClose={() => setPaying(null)}
        onDone={() => {
          setPaying(null);
          list.reload();
        }}
      />
    </Flex>
  );
}

interface PayoutValues {
  amount: number | null;
  paidOn: string | null;
}

function PayoutModal({
  benefit,
  onClose,
  onDone,
}: {
  benefit: Benefit | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PayoutValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const today = todayIso();

  // Each enterprise's payout starts without the previous one's error.
  const openedId = benefit?.id;
  useEffect(() => {
    if (openedId !== undefined) setError(null);
  }, [openedId]);

  const submit = async (values: PayoutValues) => {
    if (!benefit || values.amount === null || !values.paidOn) return;
    setSaving(true);
    setError(null);
    try {
      await api.recordPayout(benefit.id, {
        amount: values.amount,
        paidOn: values.paidOn,
        rowVersion: benefit.rowVersion,
      });
      void message.success(t('policyAdmin.benefits.recorded', { name: benefit.name }));
      onDone();
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'CONFLICT') {
        void message.warning(failure.message);
        onDone();
        return;
      }
      const unmatched = applyFieldErrors(form, failure, ['amount', 'paidOn']);
      setError(
        unmatched.length > 0 || !(failure instanceof ApiError) || failure.errors.length === 0
          ? [failure instanceof Error ? failure.message : String(failure), ...unmatched].join('; ')
          : null,
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={benefit !== null}
      title={t('policyAdmin.benefits.recordTitle')}
      onCancel={onClose}
      okText={t('policyAdmin.benefits.record')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      destroyOnHidden
      data-testid="benefits-payout-modal"
    >
      {benefit ? (
        <Form<PayoutValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ amount: null, paidOn: today }}
          onFinish={(values) => void submit(values)}
        >
          <Typography.Paragraph>
            <Typography.Text strong>{benefit.name}</Typography.Text>{' '}
            <Typography.Text type="secondary" className="huiqi-mono">
              {benefit.uscc}
            </Typography.Text>
          </Typography.Paragraph>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
          <Form.Item
            name="amount"
            label={t('policyAdmin.benefits.amount')}
            rules={[{ required: true, message: t('policyAdmin.benefits.amountRequired') }]}
          >
            <InputNumber<number>
              min={0.01}
              max={1e11}
              precision={2}
              suffix={t('policyAdmin.benefits.yuan')}
              style={{ width: 240 }}
              data-testid="benefits-amount"
            />
          </Form.Item>
          <Form.Item
            name="paidOn"
            label={t('policyAdmin.benefits.paidOn')}
            rules={[{ required: true, message: t('policyAdmin.benefits.paidOnRequired') }]}
          >
            <DateInput max={today} allowClear={false} testId="benefits-paid-on" />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
