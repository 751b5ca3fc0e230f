/**
 * `/app/bank/financing/recommendations` (a bank's user): the enterprises the 2024 coordination mechanism's
 * recommended list pushed to the bank, filtered by state and late (in the address), each with its decision day (red
 * when late). "记录对接" records the contact with a note; "决定" records the decision — granted with the amount in
 * 万元, declined with a reason from the list and words, or no need — each sent at the version read.
 */
import { Alert, Checkbox, Flex, Form, Input, Radio, Select, type TableColumnsType } from 'antd';
import {
  type BankRecommendationFilters,
  financingApi,
  financingQueries,
  type Recommendation,
  type RecommendationDecision,
  type RecommendationOutcome,
} from '../../api/financing.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useApiQuery } from '../../lib/queries.ts';
import { flagParam, oneOf, paramReader, useUrlFilters } from '../../lib/urlFilters.ts';
import { useFinancingRules } from './financingForm.tsx';
import { colon, formatWan } from './financingFormat.ts';
import { ListCard, PAGE_PARAMS, RowActions, urlPaging } from './financingList.tsx';
import {
  DECLINE_REASONS,
  PageHeading,
  useActing,
  useFinancingSubmit,
  useTermOptions,
} from './financingParts.tsx';
import {
  ContactCell,
  OutcomeCell,
  RecommendationStateTag,
  RecommendationTable,
  useRecommendationColumns,
} from './recommendationParts.tsx';

type BankState = NonNullable<BankRecommendationFilters['state']>;
const STATES: readonly BankState[] = ['pushed', 'contacted', 'decided'];
const OUTCOMES: readonly RecommendationOutcome[] = ['granted', 'declined', 'no_need'];
const readFilters = paramReader({
  state: (value) => oneOf(STATES, value),
  late: flagParam,
  ...PAGE_PARAMS,
});

type Acting = { kind: 'contact' | 'decide'; row: Recommendation };

export default function BankRecommendationsPage() {
  const { t } = useI18n();
  const { filters, update } = useUrlFilters(readFilters);
  const list = useApiQuery(
    financingQueries.bankRecommendations({
      state: filters.state,
      late: filters.late,
      page: filters.page,
      pageSize: filters.pageSize,
    }),
    { keepPrevious: true },
  );
  const { acting, start, close, done } = useActing<Acting>(list.reload);
  const shared = useRecommendationColumns();

  const columns: TableColumnsType<Recommendation> = [
    shared.enterprise,
    {
      title: t('financing.bankRec.region'),
      dataIndex: 'regionCode',
      width: 150,
      render: (code: string) => <RegionName code={code} full />,
    },
    shared.need,
    shared.decideDue,
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
      render: (_, r) => (
        <RowActions
          allowed={r.actions}
          actions={[
            {
              action: 'contact',
              label: t('financing.bankRec.contact'),
              testId: 'bank-rec-contact',
              kind: 'primary',
              onClick: () => start({ kind: 'contact', row: r }),
            },
            {
              action: 'decide',
              label: t('financing.bankRec.decide'),
              testId: 'bank-rec-decide',
              kind: 'primary',
              onClick: () => start({ kind: 'decide', row: r }),
            },
          ]}
        />
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('financing.bankRec.title')} intro={t('financing.bankRec.intro')} />
      <ListCard
        list={list}
        toolbar={
          <>
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
            <ReloadButton query={list} />
          </>
        }
      >
        <RecommendationTable
          testId="bank-rec"
          columns={columns}
          data={list.data}
          loading={list.loading}
          emptyText={t('financing.bankRec.empty')}
          paging={urlPaging(filters, update)}
        />
      </ListCard>
      {acting?.kind === 'contact' ? (
        <ContactModal
          row={acting.row}
          onClose={close}
          onDone={() => done(t('financing.bankRec.contacted'))}
        />
      ) : null}
      {acting?.kind === 'decide' ? (
        <DecideModal row={acting.row} onClose={close} onDone={() => done(t('financing.bankRec.decided'))} />
      ) : null}
    </Flex>
  );
}

interface ModalProps {
  row: Recommendation;
  onClose: () => void;
  onDone: () => void;
}

/** "记录对接": the contact with the enterprise, with a note. */
function ContactModal({ row, onClose, onDone }: ModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note?: string }>();
  const submit = useFinancingSubmit(form, ['note']);
  const finish = async (values: { note?: string }) => {
    const saved = await submit.run(() => financingApi.contactRecommendation(row, values.note?.trim()));
    if (saved) onDone();
  };
  return (
    <FormModal
      form={form}
      title={t('financing.bankRec.contactTitle', { name: row.enterpriseName })}
      okText={t('financing.bankRec.contact')}
      okTestId="bank-rec-contact-submit"
      saving={submit.saving}
      width={520}
      onClose={onClose}
      onFinish={(values) => void finish(values)}
    >
      {submit.alert}
      <Form.Item name="note" label={t('financing.bankRec.contactNote')}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="bank-rec-contact-note" />
      </Form.Item>
    </FormModal>
  );
}

interface DecideValues {
  outcome: RecommendationOutcome;
  grantedAmount?: string;
  declineReason?: string;
  declineText?: string;
}

/** "决定": granted with the amount, declined with a reason and words, or no need. */
function DecideModal({ row, onClose, onDone }: ModalProps) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<DecideValues>();
  const submit = useFinancingSubmit(form, ['outcome', 'grantedAmount', 'declineReason', 'declineText']);
  const rules = useFinancingRules();
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
    <FormModal<DecideValues>
      form={form}
      title={t('financing.bankRec.decideTitle', { name: row.enterpriseName })}
      okText={t('financing.bankRec.decide')}
      okTestId="bank-rec-decide-submit"
      saving={submit.saving}
      width={560}
      onClose={onClose}
      initialValues={{ outcome: 'granted' }}
      onFinish={(values) => void finish(values)}
    >
      {row.needAmount ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${t('financing.rec.need')}${colon(locale)}${formatWan(row.needAmount, locale)}`}
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
          rules={[rules.requiredText, rules.decimalOrBlank]}
        >
          <Input suffix={t('financing.unit.wan')} data-testid="bank-rec-amount" />
        </Form.Item>
      ) : null}
      {outcome === 'declined' ? (
        <>
          <Form.Item
            name="declineReason"
            label={t('financing.bankRec.declineReason')}
            rules={[rules.required]}
          >
            <Select options={reasons} data-testid="bank-rec-decline-reason" />
          </Form.Item>
          <Form.Item
            name="declineText"
            label={t('financing.bankRec.declineText')}
            rules={[rules.requiredText, rules.minLength(2, t('financing.rec.reasonShort'))]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="bank-rec-decline-text" />
          </Form.Item>
        </>
      ) : null}
    </FormModal>
  );
}
