/**
 * `/app/monitoring/registry` (officials, admins): 登记统计 — the registry's monthly statistics (issue 16, measure 3).
 * A form counts an ended month for the official's region (or one below it; admins any, none for national): active
 * enterprises, entries, exits and new registrations by GB/T 4754 section × the region's next level down × size class;
 * a month not yet ended is not offered (and refused on its field by the server). The chosen count (`?run=`, the one just made or one of the list)
 * shows its figures for a group picked by section, region and size, and "创建发布" drafts a release of it, reviewed
 * by another official and scheduled as the indices' are. Below, the months counted so far, paged.
 */
import { CalculatorOutlined, NotificationOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import {
  type FigureGroup,
  monitoringApi,
  monitoringQueries,
  type RegistryRunRow,
} from '../../api/monitoring.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { paramReader, positiveParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { formatCount, formatPeriod } from './monitoringModel.ts';
import { PageHeading, SurveyRegion, useMonitoringSubmit } from './monitoringParts.tsx';
import { CountFiguresTable, CountGroupPickers } from './RegistryFigures.tsx';
import { ReleaseModal } from './ReleaseModal.tsx';

const readFilters = paramReader({
  run: (value) => positiveParam(value),
  page: (value) => positiveParam(value) ?? 1,
  pageSize: (value) => positiveParam(value, 100) ?? 20,
});

interface CountValues {
  regionCode?: string;
  period?: Dayjs;
}

export default function RegistryStatsPage() {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const { filters, update } = useUrlFilters(readFilters);
  const list = useApiQuery(
    monitoringQueries.registryRuns({ page: filters.page, pageSize: filters.pageSize }),
    { keepPrevious: true },
  );
  const columns: TableColumnsType<RegistryRunRow> = [
    {
      title: t('monitoring.registry.period'),
      dataIndex: 'period',
      width: 140,
      render: (p: string, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          onClick={() => update({ run: r.id, page: filters.page })}
          data-testid="registry-run-open"
        >
          {formatPeriod(p, locale)}
        </Button>
      ),
    },
    {
      title: t('monitoring.group.region'),
      dataIndex: 'regionCode',
      render: (code: string) => <SurveyRegion code={code} />,
    },
    {
      title: t('monitoring.registry.measure.enterprises'),
      dataIndex: 'enterprises',
      width: 140,
      align: 'right',
      render: (n: number) => formatCount(String(n)),
    },
    {
      title: t('monitoring.registry.computedAt'),
      dataIndex: 'computedAt',
      width: 180,
      render: (at: string) => formatDateTime(at, locale),
    },
    {
      title: t('monitoring.release.state'),
      dataIndex: 'released',
      width: 110,
      render: (released: boolean) =>
        released ? (
          <Tag color="green">{t('monitoring.registry.released')}</Tag>
        ) : (
          <Tag>{t('monitoring.registry.notReleased')}</Tag>
        ),
    },
  ];
  return (
    <Flex vertical gap={16} data-testid="registry-stats-page">
      <PageHeading title={t('monitoring.registry.title')} intro={t('monitoring.registry.intro')} />
      <CountForm
        onCounted={(id) => {
          update({ run: id });
          // A write marks the cache stale without asking again: the page asks for what it shows.
          list.reload();
        }}
      />
      {filters.run ? (
        <RunFigures
          key={filters.run}
          runId={filters.run}
          onReleased={(id) => {
            void message.success(t('monitoring.release.created'));
            navigate(`/app/monitoring/releases/${id}`);
          }}
        />
      ) : (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.registry.selectHint')} />
        </Card>
      )}
      <Card
        size="small"
        title={t('monitoring.registry.list')}
        extra={<ReloadButton query={list} />}
        styles={{ body: { padding: 0 } }}
      >
        <PagedTable<RegistryRunRow>
          list={list}
          rowKey="id"
          size="middle"
          columns={columns}
          page={filters.page}
          pageSize={filters.pageSize}
          onPageChange={(page, pageSize) =>
            update({ page: page === 1 ? null : page, pageSize: pageSize === 20 ? null : pageSize })
          }
          showTotal={(total) => t('common.total', { total })}
          scroll={{ x: 760 }}
          locale={{ emptyText: list.loading ? ' ' : t('monitoring.registry.listEmpty') }}
          onRow={(r) =>
            ({
              'data-testid': 'registry-run-row',
              'data-id': r.id,
              'data-period': r.period,
              'data-released': String(r.released),
              'data-selected': String(r.id === filters.run),
            }) as object
          }
        />
      </Card>
    </Flex>
  );
}

/** Counts a month: the region (own by default) and the month; the server's refusals on their fields. */
function CountForm({ onCounted }: { onCounted: (runId: number) => void }) {
  const { t, locale } = useI18n();
  const { message } = AntApp.useApp();
  const { user } = useSession();
  const admin = user?.role === 'admin';
  const ownRegion = user?.role === 'official' ? (user.regionCode ?? '') : '';
  const [form] = Form.useForm<CountValues>();
  const submit = useMonitoringSubmit(
    form,
    (path) => path.length === 1 && ['regionCode', 'period'].includes(String(path[0])),
    { testId: 'registry-count-error' },
  );
  const thisMonth = dayjs(todayInChina()).startOf('month');
  const finish = async (values: CountValues) => {
    if (!values.period) return;
    const period = values.period.format('YYYY-MM');
    const run = await submit.run(() =>
      monitoringApi.countRegistry({
        period,
        ...(values.regionCode ? { regionCode: values.regionCode } : admin ? { regionCode: '' } : {}),
      }),
    );
    if (run) {
      const active = run.figures.find((f) => f.measure === 'enterprises')?.value ?? '0';
      void message.success(
        t('monitoring.registry.counted', { period: formatPeriod(period, locale), n: formatCount(active) }),
      );
      onCounted(run.id);
    }
  };
  return (
    <Card size="small" title={t('monitoring.registry.countTitle')} data-testid="registry-count">
      {submit.alert}
      <Form<CountValues>
        form={form}
        layout="inline"
        initialValues={{ period: thisMonth.subtract(1, 'month') }}
        onFinish={(values) => void finish(values)}
        style={{ rowGap: 8 }}
      >
        <Form.Item
          name="regionCode"
          label={t('monitoring.group.region')}
          tooltip={
            admin ? t('monitoring.registry.regionHelpAdmin') : t('monitoring.registry.regionHelpOfficial')
          }
        >
          <ScopedRegionCascader
            rootCode={admin ? null : ownRegion || null}
            placeholder={admin ? t('monitoring.region.national') : t('monitoring.registry.ownRegion')}
            ariaLabel={t('monitoring.group.region')}
            testId="registry-count-region"
            style={{ width: 260 }}
          />
        </Form.Item>
        <Form.Item
          name="period"
          label={t('monitoring.registry.period')}
          rules={[{ required: true, message: t('monitoring.form.required') }]}
        >
          <DatePicker
            picker="month"
            allowClear={false}
            // Only an ended month can be counted (the server refuses this month and later): not offered.
            disabledDate={(month) => !month.isBefore(thisMonth, 'month')}
            data-testid="registry-count-period"
          />
        </Form.Item>
        <Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<CalculatorOutlined />}
            loading={submit.saving}
            data-testid="registry-count-submit"
          >
            {t('monitoring.registry.countSubmit')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
        {t('monitoring.registry.countHelp')}
      </Typography.Paragraph>
    </Card>
  );
}

/** A counted month: when, how many, its fingerprint; its figures by group; "创建发布". */
function RunFigures({ runId, onReleased }: { runId: number; onReleased: (releaseId: number) => void }) {
  const { t, locale } = useI18n();
  const [group, setGroup] = useState<FigureGroup>({});
  const [releasing, setReleasing] = useState(false);
  const run = useApiQuery({ ...monitoringQueries.run(runId, group), retry: false }, { keepPrevious: true });
  const data = run.data;
  return (
    <Card
      size="small"
      title={
        data ? (
          <span data-testid="registry-run-title">
            {formatPeriod(data.period, locale)} · <SurveyRegion code={data.regionCode} />
          </span>
        ) : (
          t('monitoring.registry.figures')
        )
      }
      extra={
        data?.kind === 'registry' ? (
          <Button
            type="primary"
            icon={<NotificationOutlined />}
            onClick={() => setReleasing(true)}
            data-testid="registry-release"
          >
            {t('monitoring.release.new')}
          </Button>
        ) : null
      }
      data-testid="registry-run"
      data-run={runId}
    >
      <LoadError error={run.error} onRetry={run.reload} />
      {data ? (
        <Flex vertical gap={12}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              {
                key: 'at',
                label: t('monitoring.registry.computedAt'),
                children: formatDateTime(data.computedAt, locale),
              },
              {
                key: 'enterprises',
                label: t('monitoring.registry.measure.enterprises'),
                children: (
                  <span data-testid="registry-run-enterprises">{formatCount(String(data.responses))}</span>
                ),
              },
              {
                key: 'sha',
                label: t('monitoring.run.sha'),
                children: (
                  <Typography.Text code copyable={{ text: data.figuresSha256 }} style={{ fontSize: 12 }}>
                    {data.figuresSha256.slice(0, 16)}…
                  </Typography.Text>
                ),
              },
            ]}
          />
          <Flex gap={8} wrap>
            <CountGroupPickers
              groups={data.groups}
              value={group}
              onChange={setGroup}
              testIdPrefix="registry-run"
              labelled
            />
          </Flex>
          <CountFiguresTable figures={data.figures} loading={run.loading} testId="registry-run-figures" />
        </Flex>
      ) : null}
      {releasing ? (
        <ReleaseModal
          runId={runId}
          onClose={() => setReleasing(false)}
          onDone={(release) => {
            setReleasing(false);
            onReleased(release.id);
          }}
        />
      ) : null}
    </Card>
  );
}
