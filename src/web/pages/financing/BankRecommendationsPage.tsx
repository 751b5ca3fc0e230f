/**
 * `/app/bank/financing/recommendations` (a bank's user): the enterprises the 2024 coordination mechanism's
 * recommended list pushed to the bank, filtered by state and late (in the address), each with its decision day (red
 * when late). "记录对接" records the contact with a note; "决定" records the decision — granted with the amount in
 * 万元, declined with a reason from the list and words, or no need — each sent at the version read.
 */
import { ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import {
  type BankRecommendationFilters,
  financingApi,
  financingQueries,
  type Recommendation,
  type RecommendationDecision,
  type RecommendationOutcome,
} from '../../api/financing.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { serverPagination } from '../../lib/pagination.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { flagParam, oneOf, paramReader, positiveParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { DECIMAL_PATTERN, formatWan } from './financingFormat.ts';
import { DECLINE_REASONS, PageHeading, useFinancingSubmit, useTermOptions } from './financingParts.tsx';
import {
  ContactCell,
  DecideDueCell,
  EnterpriseCell,
  OutcomeCell,
  RecommendationStateTag,
} from './recommendationParts.tsx';

type BankState = NonNullable<BankRecommendationFilters['state']>;
const STATES: readonly BankState[] = ['pushed', 'contacted', 'decided'];
const OUTCOMES: readonly RecommendationOutcome[] = ['granted', 'declined', 'no_need'];
const readFilters = paramReader({
  state: (value) => oneOf(STATES, value),
  late: flagParam,
  page: (value) => positiveParam(value) ?? 1,
  pageSize: (value) => positiveParam(value, 100) ?? 20,
});

type Acting = { kind: 'contact' | 'decide'; row: Recommendation };

export default function BankRecommendationsPage() {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const { filters, update } = useUrlFilters(readFilters);
  const [acting, setActing] = useState<Acting | null>(null);
  const list = useApiQuery(
    financingQueries.bankRecommendations({
      state: filters.state,
      late: filters.late,
      page: filters.page,
      pageSize: filters.pageSize,
    }),
    { keepPrevious: true },
  );

  const columns: TableColumnsType<Recommendation> = [
    {
      title: t('financing.rec.enterprise'),
      key: 'enterprise',
      render: (_, r) => <EnterpriseCell row={r} />,
    },
    {
      title: t('financing.bankRec.region'),
      dataIndex: 'regionCode',
      width: 150,
      render: (code: string) => <RegionName code={code} full />,
    },
    {
      title: t('financing.rec.need'),
      dataIndex: 'needAmount',
      width: 100,
      render: (value: string | null) => formatWan(value, locale),
    },
    {
      title: t('financing.rec.decideDue'),
      key: 'due',
      width: 140,
      render: (_, r) => <DecideDueCell row={r} />,
    },
    {
      title: t('financing.demand.state'),
      key: 'state',
      width: 90,
      render: (_, r) => <RecommendationStateTag state={r.state} />,
    },
    {
      title: t('financing.rec.contact'),
      key: 'contact',
      width: 160,
      render: (_, r) => <ContactCell row={r} />,
    },
    {
      title: t('financing.rec.outcome'),
      key: 'outcome',
      width: 150,
      render: (_, r) => <OutcomeCell row={r} />,
    },
    {
      title: t('financing.rec.actions'),
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, r) =>
        r.actions.length > 0 ? (
          <Space size={4} wrap>
            {r.actions.includes('contact') ? (
              <Button
                size="small"
                type="primary"
                onClick={() => setActing({ kind: 'contact', row: r })}
                data-testid="bank-rec-contact"
              >
                {t('financing.bankRec.contact')}
              </Button>
            ) : null}
            {r.actions.includes('decide') ? (
              <Button
                size="small"
                type="primary"
                onClick={() => setActing({ kind: 'decide', row: r })}
                data-testid="bank-rec-decide"
              >
                {t('financing.bankRec.decide')}
              </Button>
            ) : null}
          </Space>
        ) : (
          '—'
        ),
    },
  ];

  const done = (text: string) => {
    setActing(null);
    void message.success(text);
    list.reload();
  };

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('financing.bankRec.title')} intro={t('financing.bankRec.intro')} />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex
          gap={12}
          wrap
          align="center"
          style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
        >
          <Select<BankState>
            allowClear
            style={{ width: 150 }}
            placeholder={t('financing.rec.stateAll')}
            value={filters.state}
            onChange={(value) => update({ state: value ?? null })}
            options={STATES.map((s) => ({ value: s, label: t(`financing.rec.state.${s}`) }))}
            aria-label={t('financing.rec.stateAll')}
            data-testid="bank-rec-state"
          />
          <Checkbox
            checked={filters.late === true}
            onChange={(event) => update({ late: event.target.checked ? 'true' : null })}
            data-testid="bank-rec-late"
          >
            {t('financing.rec.lateOnly')}
          </Checkbox>
          <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
            {t('common.reload')}
          </Button>
        </Flex>
        <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
        <Table<Recommendation>
          rowKey={(r) => `${r.enterpriseId}-${r.id}`}
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 1100 }}
          onRow={(r) =>
            ({ 'data-testid': 'bank-rec-row', 'data-uscc': r.uscc, 'data-state': r.state }) as object
          }
          locale={{ emptyText: list.loading ? ' ' : t('financing.bankRec.empty') }}
          pagination={serverPagination({
            page: filters.page,
            pageSize: filters.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) =>
              update({ page: page === 1 ? null : page, pageSize: pageSize === 20 ? null : pageSize }),
          })}
          data-testid="bank-rec-table"
        />
      </Card>
      {acting?.kind === 'contact' ? (
        <ContactModal
          row={acting.row}
          onClose={() => setActing(null)}
          onDone={() => done(t('financing.bankRec.contacted'))}
        />
      ) : null}
      {acting?.kind === 'decide' ? (
        <DecideModal
          row={acting.row}
          onClose={() => setActing(null)}
          onDone={() => done(t('financing.bankRec.decided'))}
        />
      ) : null}
    </Flex>
  );
}

function ContactModal({
  row,
  onClose,
  onDone,
}: {
  row: Recommendation;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note?: string }>();
  const submit = useFinancingSubmit(form, ['note']);
  const finish = async (values: { note?: string }) => {
    const saved = await submit.run(() => financingApi.contactRecommendation(row, values.note?.trim()));
    if (saved) onDone();
  };
  return (
    <Modal
      open
      title={t('financing.bankRec.contactTitle', { name: row.enterpriseName })}
      onCancel={onClose}
      okText={t('financing.bankRec.contact')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'bank-rec-contact-submit' }}
      destroyOnHidden
      width={520}
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(values) => void finish(values)}>
        {submit.alert}
        <Form.Item name="note" label={t('financing.bankRec.contactNote')}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="bank-rec-contact-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface DecideValues {
  outcome: RecommendationOutcome;
  grantedAmount?: string;
  declineReason?: string;
  declineText?: string;
}

function DecideModal({
  row,
  onClose,
  onDone,
}: {
  row: Recommendation;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<DecideValues>();
  const submit = useFinancingSubmit(form, ['outcome', 'grantedAmount', 'declineReason', 'declineText']);
  const reasons = useTermOptions(DECLINE_REASONS);
  const outcome = Form.useWatch('outcome', form) ?? 'granted';
  const finish = async (values: DecideValues) => {
    const body: RecommendationDecision =
      values.outcome === 'granted'
        ? { outcome: 'granted', grantedAmount: (values.grantedAmount ?? '').trim() }
        : values.outcome === 'declined'
          ? {
              outcome: 'declined',
              declineReason: values.declineReason,
              declineText: (values.declineText ?? '').trim(),
            }
          : { outcome: 'no_need' };
    const saved = await submit.run(() => financingApi.decideRecommendation(row, body));
    if (saved) onDone();
  };
  return (
    <Modal
      open
      title={t('financing.bankRec.decideTitle', { name: row.enterpriseName })}
      onCancel={onClose}
      okText={t('financing.bankRec.decide')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'bank-rec-decide-submit' }}
      destroyOnHidden
      width={560}
    >
      <Form<DecideValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ outcome: 'granted' }}
        onFinish={(values) => void finish(values)}
      >
        {row.needAmount ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`${t('financing.rec.need')}：${formatWan(row.needAmount, locale)}`}
          />
        ) : null}
        {submit.alert}
        <Form.Item name="outcome" label={t('financing.bankRec.outcome')}>
          <Radio.Group
            options={OUTCOMES.map((o) => ({ value: o, label: t(`financing.rec.outcome.${o}`) }))}
            data-testid="bank-rec-outcome"
          />
        </Form.Item>
        {outcome === 'granted' ? (
          <Form.Item
            name="grantedAmount"
            label={t('financing.bankRec.grantedAmount')}
            rules={[
              { required: true, whitespace: true, message: t('financing.form.required') },
              {
                validator: (_: unknown, value: string | undefined) =>
                  !value?.trim() || DECIMAL_PATTERN.test(value.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('financing.form.decimal'))),
              },
            ]}
          >
            <Input suffix={t('financing.unit.wan')} data-testid="bank-rec-amount" />
          </Form.Item>
        ) : null}
        {outcome === 'declined' ? (
          <>
            <Form.Item
              name="declineReason"
              label={t('financing.bankRec.declineReason')}
              rules={[{ required: true, message: t('financing.form.required') }]}
            >
              <Select options={reasons} data-testid="bank-rec-decline-reason" />
            </Form.Item>
            <Form.Item
              name="declineText"
              label={t('financing.bankRec.declineText')}
              rules={[
                { required: true, whitespace: true, message: t('financing.form.required') },
                {
                  validator: (_: unknown, value: string | undefined) =>
                    !value || value.trim().length >= 2
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('financing.rec.reasonShort'))),
                },
              ]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount data-testid="bank-rec-decline-text" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
