/**
 * A survey's panel (issue 16): the draw (sample size, allocation proportional to the registry's counts or to its
 * revenue, a seed that repeats a draw; replacing a panel that exists), the last draw's strata, the panel's make-up
 * beside the registry's by industry, region and size (a table and a bar chart of shares), and the members filtered
 * by state, industry, region, size and name, exported as CSV or XLSX; an active member leaves the panel with a
 * reason, a replacement drawn from its stratum unless told not to.
 */
import { ExperimentOutlined } from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { SAMPLE_SIZE_MAX } from '../../../reference/monitoring.ts';
import {
  type Draw,
  type DrawInput,
  monitoringApi,
  monitoringDownloads,
  monitoringQueries,
  type PanelFilters,
  type PanelMakeup,
  type PanelMember,
  type ShareRow,
  SIZE_STRATA,
  type SizeStratum,
  type Stratum,
  type Survey,
} from '../../api/monitoring.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { LazyChart } from '../../components/LazyChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ExportButtons, PagedTable, SearchBox, useSearchPaging } from '../../components/PagedTable.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { shareBarOption } from './monitoringCharts.ts';
import {
  compareIndustries,
  compareRegions,
  compareSizes,
  isSampleSizeText,
  sharePercent,
} from './monitoringModel.ts';
import {
  GroupRegion,
  SMEDI_INDUSTRIES,
  sixDigitRegion,
  useGroupRegionNames,
  useIndustryName,
  useMonitoringSubmit,
  useSizeName,
  useTermOptions,
} from './monitoringParts.tsx';

/** The panel of a survey; `onChanged` reloads the survey (its panel's count) after a draw or a drop. */
export function PanelTab({ survey, onChanged }: { survey: Survey; onChanged: () => void }) {
  const makeup = useApiQuery(monitoringQueries.makeup(survey.id));
  const [drawn, setDrawn] = useState<Draw | null>(null);
  const [members, setMembers] = useState(0);
  const draw = drawn ?? makeup.data?.draw ?? null;
  const changed = () => {
    makeup.reload();
    onChanged();
  };
  return (
    <Flex vertical gap={16} data-testid="panel-tab">
      <DrawCard
        survey={survey}
        hasPanel={survey.panelActive > 0}
        onDrawn={(result) => {
          setDrawn(result);
          // A new panel: the member list starts again (its filters and page), its first page asked anew.
          setMembers((n) => n + 1);
          changed();
        }}
      />
      {draw ? <DrawSummary draw={draw} /> : null}
      <LoadError error={makeup.error} onRetry={makeup.reload} />
      {makeup.data && makeup.data.panel > 0 ? <MakeupCard makeup={makeup.data} /> : null}
      <MembersCard key={members} survey={survey} onDropped={changed} />
    </Flex>
  );
}

interface DrawValues {
  /** As typed: checked to be a whole number from 1 to SAMPLE_SIZE_MAX, never rounded or clamped into one. */
  sampleSize: string;
  allocation: DrawInput['allocation'];
  seed?: string;
  replace: boolean;
}

/** The draw's form. */
function DrawCard({
  survey,
  hasPanel,
  onDrawn,
}: {
  survey: Survey;
  hasPanel: boolean;
  onDrawn: (draw: Draw) => void;
}) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<DrawValues>();
  const fields = ['sampleSize', 'allocation', 'seed', 'replace'];
  const submit = useMonitoringSubmit(form, (path) => path.length === 1 && fields.includes(String(path[0])), {
    testId: 'draw-error',
  });
  const finish = async (values: DrawValues) => {
    const seed = values.seed?.trim();
    const result = await submit.run(() =>
      monitoringApi.draw(survey.id, {
        sampleSize: Number(values.sampleSize.trim()),
        allocation: values.allocation,
        ...(seed ? { seed } : {}),
        ...(hasPanel ? { replace: values.replace } : {}),
      }),
    );
    if (result) {
      void message.success(t('monitoring.panel.drawn', { drawn: result.drawn, frame: result.frame }));
      onDrawn(result);
    }
  };
  return (
    <Card title={t('monitoring.panel.drawTitle')} size="small">
      <Typography.Paragraph type="secondary">{t('monitoring.panel.drawIntro')}</Typography.Paragraph>
      {submit.alert}
      <Form<DrawValues>
        form={form}
        layout="vertical"
        initialValues={{ sampleSize: '100', allocation: 'proportional', replace: false }}
        onFinish={(values) => void finish(values)}
        disabled={!survey.canEdit}
        data-testid="draw-form"
      >
        <Row gutter={16} align="bottom">
          <Col xs={24} sm={8} md={5}>
            <Form.Item
              name="sampleSize"
              label={t('monitoring.panel.sampleSize')}
              rules={[
                { required: true, whitespace: true, message: t('monitoring.form.required') },
                {
                  validator: (_, value: string | undefined) =>
                    !value?.trim() || isSampleSizeText(value)
                      ? Promise.resolve()
                      : Promise.reject(
                          new Error(
                            t('monitoring.panel.sampleSizeInvalid', {
                              max: formatNumber(SAMPLE_SIZE_MAX, locale),
                            }),
                          ),
                        ),
                },
              ]}
            >
              <Input inputMode="numeric" style={{ width: '100%' }} data-testid="draw-size" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16} md={8}>
            <Form.Item name="allocation" label={t('monitoring.panel.allocation')}>
              <Radio.Group
                optionType="button"
                data-testid="draw-allocation"
                options={[
                  { value: 'proportional', label: t('monitoring.allocation.proportional') },
                  { value: 'revenue', label: t('monitoring.allocation.revenue') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={5}>
            <Form.Item
              name="seed"
              label={t('monitoring.panel.seed')}
              tooltip={t('monitoring.panel.seedHelp')}
            >
              <Input
                maxLength={64}
                placeholder={t('monitoring.panel.seedPlaceholder')}
                data-testid="draw-seed"
              />
            </Form.Item>
          </Col>
          {hasPanel ? (
            <Col xs={24} sm={12} md={4}>
              <Form.Item name="replace" valuePropName="checked">
                <Checkbox data-testid="draw-replace">{t('monitoring.panel.replace')}</Checkbox>
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={2}>
            <Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                icon={<ExperimentOutlined />}
                loading={submit.saving}
                data-testid="draw-submit"
              >
                {t('monitoring.panel.draw')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}

/** A draw: its seed (to repeat it), the frame, how many were drawn, and its strata. */
function DrawSummary({ draw }: { draw: Draw }) {
  const { t, locale } = useI18n();
  const industryName = useIndustryName();
  const sizeName = useSizeName();
  const columns: TableColumnsType<Stratum> = [
    { title: t('monitoring.group.industry'), dataIndex: 'industry', render: (c: string) => industryName(c) },
    {
      title: t('monitoring.group.region'),
      dataIndex: 'regionCode',
      render: (c: string) => <GroupRegion code={c} />,
    },
    { title: t('monitoring.group.size'), dataIndex: 'size', width: 90, render: (c: string) => sizeName(c) },
    {
      title: t('monitoring.panel.frame'),
      dataIndex: 'frame',
      width: 100,
      align: 'right',
      render: (n: number) => formatNumber(n, locale),
    },
    { title: t('monitoring.panel.sample'), dataIndex: 'sample', width: 90, align: 'right' },
    {
      title: t('monitoring.panel.designWeight'),
      dataIndex: 'designWeight',
      width: 120,
      align: 'right',
      render: (w: string | null) => w ?? '—',
    },
  ];
  return (
    <Card title={t('monitoring.panel.lastDraw')} size="small" data-testid="draw-summary">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          {
            key: 'seed',
            label: t('monitoring.panel.seed'),
            children: (
              <Typography.Text copyable code>
                {draw.seed}
              </Typography.Text>
            ),
          },
          {
            key: 'drawn',
            label: t('monitoring.panel.drawnOf'),
            children: (
              <span data-testid="draw-drawn" data-drawn={draw.drawn}>
                {t('monitoring.panel.drawnOfText', {
                  drawn: formatNumber(draw.drawn, locale),
                  frame: formatNumber(draw.frame, locale),
                  size: formatNumber(draw.sampleSize, locale),
                })}
              </span>
            ),
          },
          {
            key: 'allocation',
            label: t('monitoring.panel.allocation'),
            children: t(
              draw.allocation === 'revenue'
                ? 'monitoring.allocation.revenue'
                : 'monitoring.allocation.proportional',
            ),
          },
          {
            key: 'at',
            label: t('monitoring.panel.drawnAt'),
            children: `${formatDateTime(draw.createdAt, locale)} · ${t('monitoring.panel.sizeYear', { year: draw.sizeYear })}`,
          },
        ]}
      />
      <Table<Stratum>
        style={{ marginTop: 8 }}
        rowKey={(s) => `${s.industry}|${s.regionCode}|${s.size}`}
        size="small"
        columns={columns}
        dataSource={[...draw.strata].sort(
          (a, b) =>
            compareIndustries(a.industry, b.industry) ||
            compareRegions(a.regionCode, b.regionCode) ||
            compareSizes(a.size, b.size),
        )}
        pagination={draw.strata.length > 10 ? { pageSize: 10, size: 'small' } : false}
        scroll={{ x: 700 }}
      />
    </Card>
  );
}

type Dimension = 'byIndustry' | 'byRegion' | 'bySize';

/** The panel's shares beside the registry's by a dimension: a table and a bar chart. */
function MakeupCard({ makeup }: { makeup: PanelMakeup }) {
  const { t, locale } = useI18n();
  const industryName = useIndustryName();
  const sizeName = useSizeName();
  const [dimension, setDimension] = useState<Dimension>('byIndustry');
  const compare =
    dimension === 'byIndustry' ? compareIndustries : dimension === 'bySize' ? compareSizes : compareRegions;
  const rows = [...makeup[dimension]].sort((a, b) => compare(a.key, b.key));
  const label = (row: ShareRow): string =>
    dimension === 'byIndustry' ? industryName(row.key) : dimension === 'bySize' ? sizeName(row.key) : row.key;
  const columns: TableColumnsType<ShareRow> = [
    {
      title: t(`monitoring.makeup.${dimension}`),
      dataIndex: 'key',
      render: (_, row) => (dimension === 'byRegion' ? <GroupRegion code={row.key} /> : label(row)),
    },
    {
      title: t('monitoring.makeup.frame'),
      dataIndex: 'frame',
      align: 'right',
      width: 110,
      render: (n: number) => formatNumber(n, locale),
    },
    {
      title: t('monitoring.makeup.frameShare'),
      dataIndex: 'frameShare',
      align: 'right',
      width: 110,
      render: sharePercent,
    },
    { title: t('monitoring.makeup.panel'), dataIndex: 'panel', align: 'right', width: 90 },
    {
      title: t('monitoring.makeup.panelShare'),
      dataIndex: 'panelShare',
      align: 'right',
      width: 110,
      render: sharePercent,
    },
    {
      title: t('monitoring.makeup.weightedShare'),
      dataIndex: 'weightedShare',
      align: 'right',
      width: 130,
      render: sharePercent,
    },
  ];
  return (
    <Card
      title={t('monitoring.makeup.title', {
        panel: formatNumber(makeup.panel, locale),
        frame: formatNumber(makeup.frame, locale),
      })}
      size="small"
      data-testid="panel-makeup"
    >
      <Tabs
        activeKey={dimension}
        onChange={(key) => setDimension(key as Dimension)}
        items={(['byIndustry', 'byRegion', 'bySize'] as const).map((key) => ({
          key,
          label: t(`monitoring.makeup.${key}`),
        }))}
      />
      {makeup.outside.length > 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="makeup-outside"
          title={t('monitoring.makeup.outsideTitle', {
            n: formatNumber(
              makeup.outside.reduce((sum, o) => sum + o.enterprises, 0),
              locale,
            ),
          })}
          description={makeup.outside
            .map((o) =>
              t('monitoring.makeup.outsideReason', {
                reason: t(`monitoring.makeup.outside.${o.reason}`),
                n: formatNumber(o.enterprises, locale),
              }),
            )
            .join(t('monitoring.makeup.outsideJoin'))}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={13}>
          <Table<ShareRow>
            rowKey="key"
            size="small"
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 640 }}
            onRow={(row) => ({ 'data-testid': 'makeup-row', 'data-key': row.key }) as object}
          />
        </Col>
        <Col xs={24} xxl={11}>
          <MakeupChart rows={rows} dimension={dimension} label={label} />
        </Col>
      </Row>
    </Card>
  );
}

/** The make-up's bars (a region by its name once looked up). */
function MakeupChart({
  rows,
  dimension,
  label,
}: {
  rows: ShareRow[];
  dimension: Dimension;
  label: (row: ShareRow) => string;
}) {
  const { t } = useI18n();
  const regionName = useGroupRegionNames(dimension === 'byRegion' ? rows.map((row) => row.key) : [], {
    full: false,
  });
  const categories = rows.map((row) => (dimension === 'byRegion' ? regionName(row.key) : label(row)));
  return (
    <LazyChart
      label={t('monitoring.makeup.chart')}
      testId="makeup-chart"
      height={Math.max(240, rows.length * 44 + 60)}
      option={shareBarOption(categories, [
        { name: t('monitoring.makeup.frameShare'), shares: rows.map((r) => r.frameShare) },
        { name: t('monitoring.makeup.panelShare'), shares: rows.map((r) => r.panelShare) },
        { name: t('monitoring.makeup.weightedShare'), shares: rows.map((r) => r.weightedShare) },
      ])}
    />
  );
}

/** The panel's members, filtered and paged, with the export and the drop. */
function MembersCard({ survey, onDropped }: { survey: Survey; onDropped: () => void }) {
  const { t, locale } = useI18n();
  const paging = useSearchPaging();
  const industryName = useIndustryName();
  const sizeName = useSizeName();
  const industryOptions = useTermOptions(SMEDI_INDUSTRIES);
  const [state, setState] = useState<'active' | 'dropped' | undefined>('active');
  const [industry, setIndustry] = useState<string | undefined>();
  const [regionCode, setRegionCode] = useState<string | undefined>();
  const [size, setSize] = useState<SizeStratum | undefined>();
  const [dropping, setDropping] = useState<PanelMember | null>(null);
  const filters: PanelFilters = {
    state,
    industry,
    regionCode,
    size,
    q: paging.q || undefined,
    page: paging.page,
    pageSize: paging.pageSize,
  };
  const list = useApiQuery(monitoringQueries.panel(survey.id, filters), { keepPrevious: true });
  const columns: TableColumnsType<PanelMember> = [
    {
      title: t('monitoring.member.name'),
      dataIndex: 'name',
      render: (name: string, m) => (
        <Flex vertical gap={2}>
          <span>{name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.uscc}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('monitoring.group.industry'),
      dataIndex: 'industry',
      width: 150,
      render: (c: string) => industryName(c),
    },
    {
      title: t('monitoring.group.region'),
      dataIndex: 'regionCode',
      width: 160,
      render: (c: string) => <GroupRegion code={c} />,
    },
    { title: t('monitoring.group.size'), dataIndex: 'size', width: 80, render: (c: string) => sizeName(c) },
    { title: t('monitoring.panel.designWeight'), dataIndex: 'designWeight', width: 110, align: 'right' },
    {
      title: t('monitoring.member.state'),
      dataIndex: 'state',
      width: 200,
      render: (s: PanelMember['state'], m) =>
        s === 'active' ? (
          <Flex vertical gap={2}>
            <Tag color="green" style={{ width: 'fit-content' }}>
              {t('monitoring.member.active')}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('monitoring.member.joinedOn', { date: formatDate(m.joinedOn, locale) })}
              {m.replacesEnterpriseId ? ` · ${t('monitoring.member.replacement')}` : ''}
            </Typography.Text>
          </Flex>
        ) : (
          <Flex vertical gap={2}>
            <Tag style={{ width: 'fit-content' }}>{t('monitoring.member.dropped')}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDate(m.leftOn, locale)} {m.leftReason ?? ''}
            </Typography.Text>
          </Flex>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, m) =>
        m.state === 'active' && survey.canEdit ? (
          <Button size="small" danger onClick={() => setDropping(m)} data-testid="member-drop">
            {t('monitoring.member.drop')}
          </Button>
        ) : (
          '—'
        ),
    },
  ];
  const lang = locale === 'en' ? 'en' : 'zh';
  return (
    <Card
      title={t('monitoring.member.title')}
      size="small"
      styles={{ body: { padding: 0 } }}
      data-testid="panel-members"
    >
      <Flex gap={12} wrap align="center" style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}>
        <Select<'active' | 'dropped'>
          allowClear
          style={{ width: 130 }}
          placeholder={t('monitoring.member.stateAll')}
          value={state}
          onChange={(value) => {
            setState(value);
            paging.toFirstPage();
          }}
          options={[
            { value: 'active', label: t('monitoring.member.active') },
            { value: 'dropped', label: t('monitoring.member.dropped') },
          ]}
          aria-label={t('monitoring.member.state')}
          data-testid="member-state"
        />
        <Select<string>
          allowClear
          style={{ width: 200 }}
          placeholder={t('monitoring.group.allIndustries')}
          value={industry}
          onChange={(value) => {
            setIndustry(value);
            paging.toFirstPage();
          }}
          options={industryOptions}
          popupMatchSelectWidth={false}
          aria-label={t('monitoring.group.industry')}
          data-testid="member-industry"
        />
        <ScopedRegionCascader
          rootCode={survey.regionCode ? sixDigitRegion(survey.regionCode) : null}
          value={regionCode}
          onChange={(code) => {
            setRegionCode(code);
            paging.toFirstPage();
          }}
          placeholder={t('monitoring.group.allRegions')}
          ariaLabel={t('monitoring.group.region')}
          testId="member-region"
          style={{ width: 220 }}
        />
        <Select<SizeStratum>
          allowClear
          style={{ width: 120 }}
          placeholder={t('monitoring.group.allSizes')}
          value={size}
          onChange={(value) => {
            setSize(value);
            paging.toFirstPage();
          }}
          options={SIZE_STRATA.map((s) => ({ value: s, label: sizeName(s) }))}
          aria-label={t('monitoring.group.size')}
          data-testid="member-size"
        />
        <SearchBox
          query={paging.q}
          onSearch={paging.search}
          placeholder={t('monitoring.member.search')}
          style={{ width: 220 }}
          data-testid="member-search"
        />
        <Flex gap={8} wrap style={{ marginInlineStart: 'auto' }}>
          <ExportButtons
            url={(format) => monitoringDownloads.panel(survey.id, filters, format, lang)}
            fileName={`panel-${survey.code}`}
            labels={{ csv: t('monitoring.exportCsv'), xlsx: t('monitoring.exportXlsx') }}
            testId="panel"
          />
          <ReloadButton query={list} />
        </Flex>
      </Flex>
      <PagedTable<PanelMember>
        list={list}
        rowKey="enterpriseId"
        size="small"
        columns={columns}
        page={paging.page}
        pageSize={paging.pageSize}
        onPageChange={paging.onPageChange}
        showTotal={(total) => t('common.total', { total })}
        scroll={{ x: 1100 }}
        locale={{ emptyText: list.loading ? ' ' : t('monitoring.member.empty') }}
        onRow={(m) => ({ 'data-testid': 'member-row', 'data-uscc': m.uscc, 'data-state': m.state }) as object}
      />
      {dropping ? (
        <DropModal
          survey={survey}
          member={dropping}
          onClose={() => setDropping(null)}
          onDone={() => {
            setDropping(null);
            list.reload();
            onDropped();
          }}
        />
      ) : null}
    </Card>
  );
}

interface DropValues {
  reason: string;
  replace: boolean;
}

/** A member leaves the panel with a reason; a replacement is drawn from its stratum unless unchecked. */
function DropModal({
  survey,
  member,
  onClose,
  onDone,
}: {
  survey: Survey;
  member: PanelMember;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { modal } = AntApp.useApp();
  const [form] = Form.useForm<DropValues>();
  const submit = useMonitoringSubmit(
    form,
    (path) => path.length === 1 && ['reason', 'replace'].includes(String(path[0])),
    {
      testId: 'drop-error',
    },
  );
  const finish = async (values: DropValues) => {
    const result = await submit.run(() =>
      monitoringApi.drop(survey.id, member.enterpriseId, {
        reason: values.reason.trim(),
        replace: values.replace,
        version: member.version,
      }),
    );
    if (!result) return;
    onDone();
    modal.info({
      title: t('monitoring.member.droppedTitle', { name: member.name }),
      content: result.replacement ? (
        <span data-testid="drop-replacement">
          {t('monitoring.member.replacedBy', {
            name: result.replacement.name,
            uscc: result.replacement.uscc,
          })}
        </span>
      ) : (
        <span data-testid="drop-no-replacement">
          {result.noReplacement ?? t('monitoring.member.noReplacementAsked')}
        </span>
      ),
      okText: t('common.close'),
    });
  };
  return (
    <FormModal<DropValues>
      form={form}
      title={t('monitoring.member.dropTitle', { name: member.name })}
      okText={t('monitoring.member.drop')}
      okTestId="drop-submit"
      danger
      saving={submit.saving}
      onClose={onClose}
      initialValues={{ reason: '', replace: true }}
      onFinish={(values) => void finish(values)}
      testId="drop-form"
    >
      {submit.alert}
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('monitoring.member.dropIntro')} />
      <Form.Item
        name="reason"
        label={t('monitoring.member.reason')}
        rules={[
          { required: true, whitespace: true, message: t('monitoring.form.required') },
          { min: 2, message: t('monitoring.form.min2') },
        ]}
      >
        <Input.TextArea rows={3} maxLength={300} data-testid="drop-reason" />
      </Form.Item>
      <Form.Item name="replace" valuePropName="checked">
        <Checkbox data-testid="drop-replace">{t('monitoring.member.replace')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
