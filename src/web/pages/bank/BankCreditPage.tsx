/**
 * `/app/bank/credit` (a bank): credit enquiries under the enterprise's consent (issue 14). Asking an enterprise
 * (by USCC) for consent with scope, categories, evaluation, purpose and end date; the institution's requests and
 * consents by state, each live one opening its report or check-only questions; and the institution's access log.
 * The tab and the state filter live in the address.
 */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Flex, Form, Input, Modal, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { post } from '../../api/client.ts';
import { CONSENT_STATUSES, type Consent, type ConsentStatus } from '../../api/credit.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { usePaging } from '../../lib/pagination.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { oneOf, paramReader, useUrlFilters } from '../../lib/urlFilters.ts';
import { ConsentTermsFields, useConsentMaxDays } from '../credit-records/creditModals.tsx';
import {
  AccessLogTable,
  ConsentStatusFilter,
  ConsentsTable,
  useCreditSubmit,
} from '../credit-records/creditParts.tsx';
import { consentUnusable } from './bankCredit.ts';

const TABS = ['consents', 'log'] as const;
const readFilters = paramReader({
  tab: (value) => oneOf(TABS, value) ?? 'consents',
  status: (value) => oneOf(CONSENT_STATUSES, value),
});

export default function BankCreditPage() {
  const { t } = useI18n();
  const { filters, update } = useUrlFilters(readFilters, (patch) => ('tab' in patch ? 'push' : 'replace'));
  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('credit.bank.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('credit.bank.intro')}</Typography.Text>
      </Flex>
      <Tabs
        activeKey={filters.tab}
        onChange={(key) => update({ tab: key === 'consents' ? null : key, status: null })}
        items={[
          {
            key: 'consents',
            label: t('credit.bank.tab.consents'),
            children:
              filters.tab === 'consents' ? <Consents status={filters.status} update={update} /> : null,
          },
          { key: 'log', label: t('credit.bank.tab.log'), children: filters.tab === 'log' ? <Log /> : null },
        ]}
      />
    </Flex>
  );
}

function Consents({
  status,
  update,
}: {
  status: ConsentStatus | undefined;
  update: ReturnType<typeof useUrlFilters>['update'];
}) {
  const { t } = useI18n();
  const paging = usePaging(20);
  const list = useApiQuery(
    apiQuery('/api/bank/credit/consents', {
      query: { status, page: paging.page, pageSize: paging.pageSize },
    }),
    { keepPrevious: true },
  );
  const [requesting, setRequesting] = useState(false);
  const today = todayInChina();
  const actions = (consent: Consent) =>
    consentUnusable(consent, today) === null ? (
      <Link
        to={`/app/bank/credit/${consent.enterpriseId}/${consent.id}`}
        state={{ consent }}
        data-testid={`open-consent-${consent.id}`}
      >
        {consent.scope === 'report' ? t('credit.bank.openReport') : t('credit.bank.openCheck')}
      </Link>
    ) : null;
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <Flex
        gap={12}
        wrap
        align="center"
        justify="space-between"
        style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
      >
        <Flex gap={12} wrap align="center">
          <ConsentStatusFilter
            value={status}
            onChange={(next) => {
              paging.toFirstPage();
              update({ status: next });
            }}
            testId="bank-consents-status"
          />
          <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
            {t('common.reload')}
          </Button>
        </Flex>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setRequesting(true)}
          data-testid="request-open"
        >
          {t('credit.bank.request')}
        </Button>
      </Flex>
      <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
      <ConsentsTable
        consents={list.data?.items ?? []}
        loading={list.loading}
        party="enterprise"
        actions={actions}
        pagination={paging.pagination(list.data?.total)}
        emptyText={t('credit.bank.empty')}
      />
      <RequestModal
        open={requesting}
        onClose={() => setRequesting(false)}
        onDone={() => {
          setRequesting(false);
          list.reload();
        }}
      />
    </Card>
  );
}

interface RequestValues {
  uscc: string;
  scope: 'report' | 'check';
  categories: string[];
  includeScore: boolean;
  purpose: string;
  validUntil: Dayjs;
}

function RequestModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RequestValues>();
  const submit = useCreditSubmit(form, [
    'uscc',
    'scope',
    'categories',
    'includeScore',
    'purpose',
    'validUntil',
  ]);
  const { days, setting } = useConsentMaxDays();
  const today = todayInChina();
  const finish = async (values: RequestValues) => {
    const saved = await submit.run(() =>
      post('/api/bank/credit/consents', {
        body: {
          uscc: values.uscc.trim().toUpperCase(),
          scope: values.scope,
          categories: values.categories,
          includeScore: values.includeScore,
          purpose: values.purpose.trim(),
          validUntil: values.validUntil.format('YYYY-MM-DD'),
        },
      }),
    );
    if (saved) {
      void message.success(t('credit.bank.requested', { name: saved.enterpriseName }));
      onDone();
    }
  };
  return (
    <Modal
      open={open}
      title={t('credit.bank.requestTitle')}
      onCancel={onClose}
      okText={t('credit.bank.requestSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.saving}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'request-submit' }}
      destroyOnHidden
      width={680}
    >
      <Form<RequestValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          scope: 'report',
          categories: [],
          includeScore: false,
          validUntil: dayjs(today).add(Math.min(days, 90), 'day'),
        }}
        onFinish={(values) => void finish(values)}
      >
        <Typography.Paragraph type="secondary">{t('credit.bank.requestIntro')}</Typography.Paragraph>
        {submit.alert}
        <Form.Item
          name="uscc"
          label={t('credit.bank.uscc')}
          rules={[
            { required: true, whitespace: true, message: t('credit.form.required') },
            { len: 18, message: t('credit.bank.usccLength') },
          ]}
        >
          <Input maxLength={18} className="huiqi-mono" data-testid="request-uscc" />
        </Form.Item>
        <ConsentTermsFields prefix="request" maxDays={days} setting={setting} />
      </Form>
    </Modal>
  );
}

function Log() {
  const paging = usePaging(20);
  const list = useApiQuery(
    apiQuery('/api/bank/credit/access-log', { query: { page: paging.page, pageSize: paging.pageSize } }),
    { keepPrevious: true },
  );
  return (
    <Card styles={{ body: { padding: 0 } }}>
      <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
      <AccessLogTable
        entries={list.data?.items ?? []}
        loading={list.loading}
        party="enterprise"
        pagination={paging.pagination(list.data?.total)}
      />
    </Card>
  );
}
