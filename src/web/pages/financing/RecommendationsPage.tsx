/**
 * `/app/financing/recommendations` (officials, admins): the recommended list of the 2024 coordination mechanism for
 * financing small and micro enterprises (docs/reference/financing.md "The 2024 coordination mechanism") in a region
 * within the caller's scope. What the mechanism tracks as cards (listed, pushed, contacted and the contact rate
 * against its 100% target, decided, granted and the amount, late); the list filtered by year, state, bank, late and
 * region (in the address), exported as CSV or XLSX; "加入清单" puts an enterprise on a year's list with the five
 * tests answered (the server names a test not met on its checkbox); each row's actions, as the server gives them,
 * push it to a bank serving its county (the banks from GET /api/financing/banks) or take it off with a reason.
 */
import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  Progress,
  Row,
  Select,
  Statistic,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { todayInChina } from '../../../shared/today.ts';
import {
  FIVE_TESTS,
  financingApi,
  financingQueries,
  RECOMMENDATION_STATES,
  type Recommendation,
  type RecommendationCounts,
  type RecommendationFilters,
  type RecommendationInput,
  type RecommendationState,
  recommendationsExportUrl,
} from '../../api/financing.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ExportButtons } from '../../components/PagedTable.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useApiQuery } from '../../lib/queries.ts';
import {
  flagParam,
  matching,
  oneOf,
  paramReader,
  positiveParam,
  useUrlFilters,
} from '../../lib/urlFilters.ts';
import { useFinancingRules } from './financingForm.tsx';
import { formatWan } from './financingFormat.ts';
import { PAGE_PARAMS, RowActions, urlPaging } from './financingList.tsx';
import { PageHeading, useActing, useFinancingSubmit } from './financingParts.tsx';
import {
  ContactCell,
  OutcomeCell,
  RecommendationStateTag,
  RecommendationTable,
  useRecommendationColumns,
} from './recommendationParts.tsx';

const THIS_YEAR = Number(todayInChina().slice(0, 4));
/** The lists' years: from the mechanism's first (2024) to next year's. */
const YEARS = Array.from({ length: THIS_YEAR + 2 - 2024 }, (_, i) => 2024 + i);

const readFilters = paramReader({
  year: (value) => {
    if (value === 'all') return undefined;
    const year = positiveParam(value);
    return year !== undefined && year >= 2024 && year <= THIS_YEAR + 1 ? year : THIS_YEAR;
  },
  state: (value) => oneOf(RECOMMENDATION_STATES, value),
  bank: (value) => positiveParam(value),
  late: flagParam,
  region: matching(/^\d{6}$/),
  ...PAGE_PARAMS,
});

type Acting = { kind: 'push' | 'remove'; row: Recommendation };

export default function RecommendationsPage() {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const { user } = useSession();
  const { filters, update } = useUrlFilters(readFilters);
  const [adding, setAdding] = useState(false);
  const rootCode = user?.role === 'official' ? user.regionCode : null;
  const query: RecommendationFilters = {
    year: filters.year,
    state: filters.state,
    institutionId: filters.bank,
    late: filters.late,
    region: filters.region,
    page: filters.page,
    pageSize: filters.pageSize,
  };
  const list = useApiQuery(financingQueries.recommendations(query), { keepPrevious: true });
  const { acting, start, close, done } = useActing<Acting>(list.reload);
  const shared = useRecommendationColumns();
  const bankRegion = filters.region ?? rootCode ?? null;
  const banks = useApiQuery({
    ...financingQueries.servingBanks(bankRegion ?? '000000'),
    enabled: bankRegion !== null,
  });
  // The banks to filter by: those serving the region, and any a row of the list was pushed to.
  const bankOptions = new Map<number, string>();
  for (const bank of banks.data?.items ?? []) bankOptions.set(bank.id, bank.name);
  for (const row of list.data?.items ?? [])
    if (row.institutionId !== null) bankOptions.set(row.institutionId, row.institutionName ?? '');

  const columns: TableColumnsType<Recommendation> = [
    shared.enterprise,
    {
      title: t('financing.rec.county'),
      dataIndex: 'regionCode',
      width: 100,
      render: (code: string) => <RegionName code={code} />,
    },
    shared.need,
    {
      title: t('financing.rec.tests'),
      key: 'tests',
      width: 110,
      render: (_, r) => <TestsCell row={r} />,
    },
    {
      title: t('financing.rec.bank'),
      key: 'bank',
      width: 170,
      render: (_, r) =>
        r.institutionName ? (
          <Flex vertical gap={2}>
            <span>{r.institutionName}</span>
            <RecommendationStateTag state={r.state} />
          </Flex>
        ) : (
          <RecommendationStateTag state={r.state} />
        ),
    },
    shared.decideDue,
    {
      title: t('financing.rec.contactOutcome'),
      key: 'contact',
      width: 170,
      render: (_, r) => (
        <Flex vertical gap={4}>
          <ContactCell row={r} />
          {r.outcome || r.state === 'removed' ? <OutcomeCell row={r} /> : null}
        </Flex>
      ),
    },
    {
      title: t('financing.rec.actions'),
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_, r) => (
        <RowActions
          allowed={r.actions}
          actions={[
            {
              action: 'push',
              label: r.state === 'pushed' ? t('financing.rec.repush') : t('financing.rec.push'),
              testId: 'rec-push',
              kind: 'primary',
              onClick: () => start({ kind: 'push', row: r }),
            },
            {
              action: 'remove',
              label: t('financing.rec.remove'),
              testId: 'rec-remove',
              kind: 'danger',
              onClick: () => start({ kind: 'remove', row: r }),
            },
          ]}
        />
      ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="recommendations-page">
      <PageHeading
        title={t('financing.rec.title')}
        intro={t('financing.rec.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="rec-add"
          >
            {t('financing.rec.add')}
          </Button>
        }
      />
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <Select<number | 'all'>
            style={{ width: 130 }}
            value={filters.year ?? 'all'}
            onChange={(value) => update({ year: value === THIS_YEAR ? null : value })}
            options={[
              ...YEARS.map((year) => ({ value: year, label: t('financing.rec.yearOption', { year }) })),
              { value: 'all' as const, label: t('financing.rec.yearAll') },
            ]}
            aria-label={t('financing.rec.year')}
            data-testid="rec-year"
          />
          <Select<RecommendationState>
            allowClear
            style={{ width: 140 }}
            placeholder={t('financing.rec.stateAll')}
            value={filters.state}
            onChange={(value) => update({ state: value ?? null })}
            options={RECOMMENDATION_STATES.map((s) => ({ value: s, label: t(`financing.rec.state.${s}`) }))}
            aria-label={t('financing.rec.stateAll')}
            data-testid="rec-state"
          />
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 220 }}
            placeholder={t('financing.rec.bankAll')}
            value={filters.bank}
            onChange={(value) => update({ bank: value ?? null })}
            options={[...bankOptions].map(([value, label]) => ({ value, label }))}
            aria-label={t('financing.rec.bankAll')}
            data-testid="rec-bank"
          />
          <Checkbox
            checked={filters.late === true}
            onChange={(event) => update({ late: event.target.checked ? 'true' : null })}
            data-testid="rec-late"
          >
            {t('financing.rec.lateOnly')}
          </Checkbox>
          <ScopedRegionCascader
            rootCode={rootCode}
            value={filters.region}
            onChange={(code) => update({ region: code ?? null })}
            placeholder={t('financing.rec.region')}
            ariaLabel={t('financing.rec.region')}
            testId="rec-region"
            style={{ width: 240 }}
          />
          <Flex gap={8} wrap style={{ marginInlineStart: 'auto' }}>
            <ExportButtons
              url={(format) => recommendationsExportUrl(query, format, locale === 'en' ? 'en' : 'zh')}
              fileName="financing-recommendations"
              labels={{ csv: t('financing.rec.exportCsv'), xlsx: t('financing.rec.exportXlsx') }}
              testId="rec"
            />
            <ReloadButton query={list} />
          </Flex>
        </Flex>
      </Card>
      <LoadError error={list.error} onRetry={list.reload} />
      {list.data ? <CountCards counts={list.data.counts} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        <RecommendationTable
          testId="rec"
          columns={columns}
          data={list.data}
          loading={list.loading}
          emptyText={t('financing.rec.empty')}
          paging={urlPaging(filters, update)}
        />
      </Card>
      {adding ? (
        <AddModal
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            void message.success(t('financing.rec.added'));
            list.reload();
          }}
        />
      ) : null}
      {acting?.kind === 'push' ? (
        <PushModal row={acting.row} onClose={close} onDone={() => done(t('financing.rec.pushed'))} />
      ) : null}
      {acting?.kind === 'remove' ? (
        <RemoveModal row={acting.row} onClose={close} onDone={() => done(t('financing.rec.removed'))} />
      ) : null}
    </Flex>
  );
}

/** What the mechanism tracks, as cards; the contact rate against its target as a progress bar. */
function CountCards({ counts }: { counts: RecommendationCounts }) {
  const { t, locale } = useI18n();
  const rate = counts.contactRate === null ? null : Number(counts.contactRate);
  const target = Number(counts.contactTarget);
  const card = (key: string, title: string, value: ReactNode, extra?: ReactNode) => (
    <Col xs={12} sm={8} lg={6} xl={3} key={key}>
      <Card size="small" style={{ height: '100%' }} data-testid={`rec-count-${key}`}>
        <Statistic
          title={title}
          value={0}
          formatter={() => <span style={{ fontSize: 22, whiteSpace: 'nowrap' }}>{value}</span>}
        />
        {extra}
      </Card>
    </Col>
  );
  return (
    <Row gutter={[12, 12]} data-testid="rec-counts">
      {card('listed', t('financing.rec.count.listed'), counts.listed)}
      {card('pushed', t('financing.rec.count.pushed'), counts.pushed)}
      {card('contacted', t('financing.rec.count.contacted'), counts.contacted)}
      {card(
        'contactRate',
        t('financing.rec.count.contactRate'),
        <span data-testid="rec-contact-rate">
          {counts.contactRate === null ? '—' : `${counts.contactRate}%`}
        </span>,
        <Tooltip title={t('financing.rec.count.target', { target: counts.contactTarget })}>
          <Progress
            percent={rate ?? 0}
            size="small"
            status={rate !== null && rate >= target ? 'success' : 'active'}
            showInfo={false}
            aria-label={t('financing.rec.count.target', { target: counts.contactTarget })}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('financing.rec.count.target', { target: counts.contactTarget })}
          </Typography.Text>
        </Tooltip>,
      )}
      {card('decided', t('financing.rec.count.decided'), counts.decided)}
      {card('granted', t('financing.rec.count.granted'), counts.granted)}
      {card('grantedAmount', t('financing.rec.count.grantedAmount'), formatWan(counts.grantedAmount, locale))}
      {card(
        'late',
        t('financing.rec.count.late'),
        <Typography.Text type={counts.late > 0 ? 'danger' : undefined} style={{ fontSize: 'inherit' }}>
          {counts.late}
        </Typography.Text>,
      )}
    </Row>
  );
}

/** The five tests as answered when listed (all yes), each named in a tooltip. */
function TestsCell({ row }: { row: Recommendation }) {
  const { t } = useI18n();
  const all = FIVE_TESTS.every((test) => row.tests[test]);
  return (
    <Tooltip
      title={
        <Flex vertical>
          {FIVE_TESTS.map((test) => (
            <span key={test}>
              {row.tests[test] ? '✓' : '✗'} {t(`financing.rec.test.${test}`)}
            </span>
          ))}
        </Flex>
      }
    >
      <Tag color={all ? 'green' : 'red'}>{all ? t('financing.rec.testsAll') : '✗'}</Tag>
    </Tooltip>
  );
}

interface AddValues {
  uscc?: string;
  listYear?: number;
  compliantOperation?: boolean;
  fixedPremises?: boolean;
  realNeed?: boolean;
  goodCredit?: boolean;
  compliantPurpose?: boolean;
  needAmount?: string;
  note?: string;
}

/** "加入清单": the enterprise's code, the year, the five tests (the server names one not met), the need, a note. */
function AddModal({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<AddValues>();
  const submit = useFinancingSubmit(form, ['uscc', 'listYear', ...FIVE_TESTS, 'needAmount', 'note']);
  const rules = useFinancingRules();
  const finish = async (values: AddValues) => {
    const body: RecommendationInput = {
      uscc: (values.uscc ?? '').trim(),
      listYear: values.listYear ?? THIS_YEAR,
      compliantOperation: values.compliantOperation === true,
      fixedPremises: values.fixedPremises === true,
      realNeed: values.realNeed === true,
      goodCredit: values.goodCredit === true,
      compliantPurpose: values.compliantPurpose === true,
      ...(values.needAmount?.trim() ? { needAmount: values.needAmount.trim() } : {}),
      ...(values.note?.trim() ? { note: values.note.trim() } : {}),
    };
    const saved = await submit.run(() => financingApi.addRecommendation(body));
    if (saved) onDone();
  };
  return (
    <FormModal<AddValues>
      form={form}
      title={t('financing.rec.addTitle')}
      okText={t('financing.rec.add')}
      okTestId="rec-add-submit"
      saving={submit.saving}
      width={600}
      onClose={onClose}
      initialValues={{ listYear: THIS_YEAR }}
      onFinish={(values) => void finish(values)}
      testId="rec-add-form"
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('financing.rec.mechanism')} />
      {submit.alert}
      <Row gutter={12}>
        <Col xs={24} sm={16}>
          <Form.Item
            name="uscc"
            label={t('financing.rec.uscc')}
            extra={t('financing.rec.usccHelp')}
            rules={[rules.requiredText]}
          >
            <Input maxLength={40} data-testid="rec-uscc" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="listYear" label={t('financing.rec.year')}>
            <Select
              options={YEARS.map((year) => ({
                value: year,
                label: t('financing.rec.yearOption', { year }),
              }))}
              data-testid="rec-list-year"
            />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>{t('financing.rec.tests')}</Typography.Text>
      <Flex vertical style={{ marginTop: 8 }}>
        {FIVE_TESTS.map((test) => (
          <Form.Item
            key={test}
            name={test}
            valuePropName="checked"
            required
            style={{ marginBottom: 8 }}
            data-testid={`rec-test-item-${test}`}
          >
            <Checkbox data-testid={`rec-test-${test}`}>{t(`financing.rec.test.${test}`)}</Checkbox>
          </Form.Item>
        ))}
      </Flex>
      <Row gutter={12}>
        <Col xs={24} sm={10}>
          <Form.Item name="needAmount" label={t('financing.rec.needAmount')} rules={[rules.decimalOrBlank]}>
            <Input suffix={t('financing.unit.wan')} data-testid="rec-need" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item name="note" label={t('financing.rec.note')}>
            <Input maxLength={500} data-testid="rec-note" />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}

interface RowModalProps {
  row: Recommendation;
  onClose: () => void;
  onDone: () => void;
}

/** Pushes a row to a bank whose published products serve the enterprise's county. */
function PushModal({ row, onClose, onDone }: RowModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ institutionId?: number }>();
  const submit = useFinancingSubmit(form, ['institutionId']);
  const rules = useFinancingRules();
  const banks = useApiQuery(financingQueries.servingBanks(row.regionCode));
  const finish = async (values: { institutionId?: number }) => {
    if (values.institutionId === undefined) return;
    const id = values.institutionId;
    const saved = await submit.run(() => financingApi.pushRecommendation(row, id));
    if (saved) onDone();
  };
  return (
    <FormModal
      form={form}
      title={t('financing.rec.pushTitle', { name: row.enterpriseName })}
      okText={t('financing.rec.push')}
      okTestId="rec-push-submit"
      saving={submit.saving}
      width={520}
      onClose={onClose}
      onFinish={(values) => void finish(values)}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('financing.rec.pushHelp')}
        description={<RegionName code={row.regionCode} full />}
      />
      <LoadError error={banks.error} onRetry={banks.reload} />
      {submit.alert}
      <Form.Item name="institutionId" label={t('financing.rec.chooseBank')} rules={[rules.required]}>
        <Select<number>
          showSearch={{ optionFilterProp: 'label' }}
          loading={banks.loading}
          notFoundContent={banks.loading ? undefined : t('financing.rec.noBanks')}
          options={(banks.data?.items ?? [])
            .filter((bank) => !(row.state === 'pushed' && bank.id === row.institutionId))
            .map((bank) => ({
              value: bank.id,
              label: `${bank.name}（${t('financing.rec.bankProducts', { count: bank.products })}）`,
            }))}
          data-testid="rec-push-bank"
        />
      </Form.Item>
    </FormModal>
  );
}

/** Takes a row off the list, with the reason. */
function RemoveModal({ row, onClose, onDone }: RowModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason?: string }>();
  const submit = useFinancingSubmit(form, ['reason']);
  const rules = useFinancingRules();
  const finish = async (values: { reason?: string }) => {
    const saved = await submit.run(() =>
      financingApi.removeRecommendation(row, (values.reason ?? '').trim()),
    );
    if (saved) onDone();
  };
  return (
    <FormModal
      form={form}
      title={t('financing.rec.removeTitle', { name: row.enterpriseName })}
      okText={t('financing.rec.remove')}
      okTestId="rec-remove-submit"
      danger
      saving={submit.saving}
      width={520}
      onClose={onClose}
      onFinish={(values) => void finish(values)}
    >
      {submit.alert}
      <Form.Item
        name="reason"
        label={t('financing.rec.removeReason')}
        rules={[rules.requiredText, rules.minLength(2, t('financing.rec.reasonShort'))]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="rec-remove-reason" />
      </Form.Item>
    </FormModal>
  );
}
