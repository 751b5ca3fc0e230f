/**
 * `/app/monitoring/weights` (officials, admins): the weights the development index is computed with (issue 16) —
 * the sub-indices' weights in the index and the industries' (value-added shares) — as dated sets by region ('' the
 * national set). The set in force today is shown for each region with, on every row, its basis and whether it is
 * verified (an unverified weight says so, its basis given as the source); the sets before it and those still to
 * come are the history; the platform's default set (equal, unverified) is named as such, not by the day it is dated
 * from. "编辑权重" saves a new set from a date: every code of the kind with its weight, the running sum shown exactly
 * as typed with the rows it counts and those still blank or not weights (it must be 1: checked here before the
 * server is asked, the server's errors on the row or the sum they concern), the basis and whether it is verified.
 * Admins edit the national set or a region's; officials their own region's.
 */
import { EditOutlined, HistoryOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  Collapse,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Row,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { todayInChina } from '../../../shared/today.ts';
import { monitoringApi, monitoringQueries, type WeightKind, type WeightRow } from '../../api/monitoring.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import {
  type FieldPath,
  isDefaultWeightSet,
  isOne,
  isWeight,
  sumDecimals,
  type WeightSet,
  weightEntry,
  weightErrorPath,
  weightPercent,
  weightSets,
} from './monitoringModel.ts';
import {
  PageHeading,
  SMEDI_INDUSTRIES,
  SMEDI_SUB_INDICES,
  SurveyRegion,
  sixDigitRegion,
  useMonitoringSubmit,
  useTermName,
} from './monitoringParts.tsx';

const KINDS: readonly WeightKind[] = ['sub_index', 'industry'];
const TERMS = { sub_index: SMEDI_SUB_INDICES, industry: SMEDI_INDUSTRIES } as const;

export default function WeightsPage() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const weights = useApiQuery(monitoringQueries.weights());
  const [editing, setEditing] = useState<{ kind: WeightKind; from: WeightSet | null } | null>(null);
  const today = todayInChina();
  const sets = weightSets(weights.data?.items ?? [], today);
  return (
    <Flex vertical gap={16} data-testid="weights-page">
      <PageHeading
        title={t('monitoring.weights.title')}
        intro={t('monitoring.weights.intro')}
        extra={<ReloadButton query={weights} />}
      />
      <LoadError error={weights.error} onRetry={weights.reload} />
      {KINDS.map((kind) => {
        const ofKind = sets.filter((s) => s.kind === kind);
        const current = ofKind.filter((s) => s.current);
        const history = ofKind.filter((s) => !s.current);
        return (
          <Card
            key={kind}
            title={t(`monitoring.weights.kind.${kind}`)}
            size="small"
            data-testid={`weights-${kind}`}
            extra={
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setEditing({ kind, from: current[0] ?? null })}
                data-testid={`weights-edit-${kind}`}
              >
                {t('monitoring.weights.edit')}
              </Button>
            }
            loading={weights.loading}
          >
            <Typography.Paragraph type="secondary">
              {t(`monitoring.weights.kindIntro.${kind}`)}
            </Typography.Paragraph>
            {current.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.weights.none')} />
            ) : (
              <Flex vertical gap={16}>
                {current.map((set) => (
                  <SetTable
                    key={`${set.regionCode}|${set.effectiveFrom}`}
                    set={set}
                    onEdit={() => setEditing({ kind, from: set })}
                  />
                ))}
              </Flex>
            )}
            {history.length > 0 ? (
              <Collapse
                style={{ marginTop: 16 }}
                size="small"
                items={[
                  {
                    key: 'history',
                    label: (
                      <span>
                        <HistoryOutlined /> {t('monitoring.weights.history', { n: history.length })}
                      </span>
                    ),
                    children: (
                      <Flex vertical gap={16} data-testid={`weights-history-${kind}`}>
                        {history.map((set) => (
                          <SetTable key={`${set.regionCode}|${set.effectiveFrom}`} set={set} />
                        ))}
                      </Flex>
                    ),
                  },
                ]}
              />
            ) : null}
          </Card>
        );
      })}
      {editing ? (
        <WeightsModal
          kind={editing.kind}
          from={editing.from}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            void message.success(t('monitoring.weights.saved'));
            weights.reload();
          }}
        />
      ) : null}
    </Flex>
  );
}

/** One dated set: its region, date, state, and each code's weight with its basis and whether it is verified. */
function SetTable({ set, onEdit }: { set: WeightSet; onEdit?: () => void }) {
  const { t, locale } = useI18n();
  const name = useTermName();
  const terms = TERMS[set.kind];
  const order = (code: string) => {
    const i = terms.findIndex((term) => term.code === code);
    return i < 0 ? terms.length : i;
  };
  const rows = [...set.rows].sort((a, b) => order(a.code) - order(b.code));
  const sum = sumDecimals(rows.map((r) => r.weight));
  const columns: TableColumnsType<WeightRow> = [
    { title: t('monitoring.weights.code'), dataIndex: 'code', render: (code: string) => name(terms, code) },
    {
      title: t('monitoring.weights.weight'),
      dataIndex: 'weight',
      width: 130,
      align: 'right',
      render: (w: string) => (
        <Tooltip title={w}>
          <span data-testid="weight-value">{weightPercent(w)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('monitoring.weights.basis'),
      dataIndex: 'basis',
      render: (basis: string, r) =>
        r.verified ? (
          basis
        ) : (
          <Typography.Text type="secondary">{t('monitoring.weights.source', { basis })}</Typography.Text>
        ),
    },
    {
      title: t('monitoring.weights.verified'),
      dataIndex: 'verified',
      width: 110,
      render: (verified: boolean) =>
        verified ? (
          <Tag color="green">{t('monitoring.weights.isVerified')}</Tag>
        ) : (
          <Tooltip title={t('monitoring.weights.unverifiedHelp')}>
            <Tag color="orange" data-testid="weight-unverified">
              {t('monitoring.weights.unverified')}
            </Tag>
          </Tooltip>
        ),
    },
    {
      title: t('monitoring.weights.updatedAt'),
      dataIndex: 'updatedAt',
      width: 170,
      render: (at: string) => formatDateTime(at, locale),
    },
  ];
  return (
    <div
      data-testid="weight-set"
      data-region={set.regionCode}
      data-from={set.effectiveFrom}
      data-current={String(set.current)}
    >
      <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>
          <SurveyRegion code={set.regionCode} />
        </Typography.Text>
        {isDefaultWeightSet(set) ? (
          <Tooltip title={t('monitoring.weights.defaultHelp')}>
            <Typography.Text type="secondary" data-testid="weight-set-default">
              {t('monitoring.weights.defaultSet')}
            </Typography.Text>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">
            {t('monitoring.weights.from', { date: formatDate(set.effectiveFrom, locale) })}
          </Typography.Text>
        )}
        {set.current ? <Tag color="blue">{t('monitoring.weights.current')}</Tag> : null}
        {set.future ? <Tag color="purple">{t('monitoring.weights.future')}</Tag> : null}
        {!set.verified ? <Tag color="orange">{t('monitoring.weights.setUnverified')}</Tag> : null}
        <Tag color={isOne(sum) ? 'green' : 'red'}>{t('monitoring.weights.sum', { sum: sum ?? '?' })}</Tag>
        {onEdit ? (
          <Button size="small" type="link" onClick={onEdit} data-testid="weight-set-edit">
            {t('monitoring.weights.editThis')}
          </Button>
        ) : null}
      </Flex>
      <Table<WeightRow>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 760 }}
        onRow={(r) =>
          ({
            'data-testid': 'weight-row',
            'data-code': r.code,
            'data-verified': String(r.verified),
          }) as object
        }
      />
    </div>
  );
}

interface WeightValues {
  regionCode?: string;
  effectiveFrom: Dayjs;
  items: Record<string, string>;
  basis: string;
  verified: boolean;
}

/** A new dated set of a kind: every code's weight (summing to 1, shown as typed), its basis and whether verified. */
function WeightsModal({
  kind,
  from,
  onClose,
  onDone,
}: {
  kind: WeightKind;
  from: WeightSet | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  const name = useTermName();
  const terms = TERMS[kind];
  const admin = user?.role === 'admin';
  const ownRegion = user?.role === 'official' ? (user.regionCode ?? '') : '';
  const [form] = Form.useForm<WeightValues>();
  const typed = (Form.useWatch('items', form) ?? {}) as Record<string, string | undefined>;
  const codes = terms.map((term) => term.code as string);
  const entry = weightEntry(codes, typed);
  const [sumTried, setSumTried] = useState(false);
  const fields = ['regionCode', 'effectiveFrom', 'basis', 'verified'];
  const submit = useMonitoringSubmit(
    form,
    (path) =>
      (path.length === 1 && fields.includes(String(path[0]))) ||
      (path.length === 2 && path[0] === 'items' && codes.includes(String(path[1]))),
    {
      // The API names an item by its place in the list ('items.2.weight'), the form by its code; the sum (and a
      // code missing) on 'items', shown on the running sum.
      rename: (path: FieldPath) => weightErrorPath(path, codes),
      hasGroup: (path) => path.length === 1 && path[0] === 'items',
      testId: 'weights-error',
    },
  );
  const names = (list: string[]) =>
    list.map((code) => name(terms, code)).join(t('monitoring.weights.listSeparator'));
  const sumErrors = [
    ...(sumTried && !entry.complete && entry.blank.length === 0 && entry.invalid.length === 0
      ? [t('monitoring.weights.sumNotOne', { sum: entry.sum ?? '0' })]
      : []),
    ...(submit.groupErrors.items ?? []),
  ];
  const finish = async (values: WeightValues) => {
    // The server takes a set only when its weights sum to exactly 1: said here, before it is asked.
    setSumTried(true);
    if (!weightEntry(codes, values.items ?? {}).complete) return;
    const saved = await submit.run(() =>
      monitoringApi.putWeights({
        kind,
        regionCode: admin ? (values.regionCode ?? '') : ownRegion,
        effectiveFrom: values.effectiveFrom.format('YYYY-MM-DD'),
        items: terms.map((term) => ({ code: term.code, weight: (values.items?.[term.code] ?? '').trim() })),
        basis: values.basis.trim(),
        verified: values.verified,
      }),
    );
    if (saved) onDone();
  };
  const initialItems: Record<string, string> = {};
  for (const term of terms)
    initialItems[term.code] = from?.rows.find((r) => r.code === term.code)?.weight ?? '';
  return (
    <FormModal<WeightValues>
      form={form}
      title={t('monitoring.weights.editTitle', { kind: t(`monitoring.weights.kind.${kind}`) })}
      okText={t('common.save')}
      okTestId="weights-submit"
      saving={submit.saving}
      width={680}
      onClose={onClose}
      initialValues={{
        regionCode: admin ? (from?.regionCode ? sixDigitRegion(from.regionCode) : undefined) : undefined,
        effectiveFrom: dayjs(todayInChina()).add(1, 'day'),
        items: initialItems,
        // The basis is the new set's own: never carried over from the set it starts from.
        basis: '',
        verified: false,
      }}
      onFinish={(values) => void finish(values)}
      testId="weights-form"
    >
      {submit.alert}
      <Row gutter={16}>
        <Col xs={24} sm={14}>
          {admin ? (
            <Form.Item
              name="regionCode"
              label={t('monitoring.survey.region')}
              extra={t('monitoring.weights.regionHelp')}
            >
              <ScopedRegionCascader placeholder={t('monitoring.region.national')} testId="weights-region" />
            </Form.Item>
          ) : (
            <Form.Item label={t('monitoring.survey.region')} extra={t('monitoring.weights.officialRegion')}>
              <SurveyRegion code={ownRegion} />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item
            name="effectiveFrom"
            label={t('monitoring.weights.effectiveFrom')}
            rules={[{ required: true, message: t('monitoring.form.required') }]}
          >
            <DatePicker allowClear={false} data-testid="weights-from" />
          </Form.Item>
        </Col>
      </Row>
      <Flex vertical gap={4} style={{ marginBottom: 16 }}>
        {terms.map((term) => (
          <Form.Item
            key={term.code}
            name={['items', term.code]}
            label={name(terms, term.code)}
            layout="horizontal"
            labelCol={{ span: 14 }}
            wrapperCol={{ span: 10 }}
            style={{ marginBottom: 4 }}
            rules={[
              { required: true, message: t('monitoring.form.required') },
              {
                validator: (_, value: string | undefined) =>
                  !value || isWeight(value)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('monitoring.weights.weightRule'))),
              },
            ]}
          >
            <Input placeholder="0.125" data-testid={`weights-item-${term.code}`} />
          </Form.Item>
        ))}
        <Flex
          vertical
          align="flex-end"
          gap={4}
          data-testid="weights-running-sum"
          data-sum={entry.sum ?? ''}
          data-complete={String(entry.complete)}
        >
          <Flex align="center" gap={8} wrap justify="flex-end">
            <Typography.Text type="secondary">
              {t('monitoring.weights.runningSumOf', { n: entry.counted.length, of: codes.length })}
            </Typography.Text>
            <Tag
              color={entry.complete ? 'green' : 'red'}
              style={{ fontSize: 14, padding: '2px 10px', marginInlineEnd: 0 }}
            >
              {entry.sum ?? '0'} {isOne(entry.sum) ? '✓' : t('monitoring.weights.mustBeOne')}
            </Tag>
          </Flex>
          {entry.blank.length > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="weights-blank">
              {t('monitoring.weights.blankRows', { names: names(entry.blank) })}
            </Typography.Text>
          ) : null}
          {entry.invalid.length > 0 ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="weights-invalid">
              {t('monitoring.weights.invalidRows', { names: names(entry.invalid) })}
            </Typography.Text>
          ) : null}
          {entry.blank.length === 0 &&
          entry.invalid.length === 0 &&
          !isOne(entry.sum) &&
          entry.sum !== null ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="weights-off-by">
              {t('monitoring.weights.offBy', { sum: entry.sum })}
            </Typography.Text>
          ) : null}
          {sumErrors.map((error) => (
            <Typography.Text type="danger" key={error} data-testid="weights-sum-error">
              {error}
            </Typography.Text>
          ))}
        </Flex>
      </Flex>
      {/* Every save tried says whether the weights sum to 1, beside the other fields' problems (an empty basis):
          the form checks this item with the others, and a set that does not sum is refused in finish. */}
      <Form.Item
        name="sumChecked"
        hidden
        rules={[
          {
            validator: () => {
              setSumTried(true);
              return Promise.resolve();
            },
          },
        ]}
      >
        <input type="hidden" />
      </Form.Item>
      <Form.Item
        name="basis"
        label={t('monitoring.weights.basis')}
        extra={t('monitoring.weights.basisHelp')}
        rules={[{ required: true, whitespace: true, message: t('monitoring.form.required') }]}
      >
        <Input.TextArea rows={2} maxLength={300} data-testid="weights-basis" />
      </Form.Item>
      <Form.Item name="verified" label={t('monitoring.weights.verified')} valuePropName="checked">
        <Switch data-testid="weights-verified" />
      </Form.Item>
    </FormModal>
  );
}
