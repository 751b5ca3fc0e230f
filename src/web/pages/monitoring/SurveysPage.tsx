/**
 * `/app/monitoring/surveys` (officials, admins): the monitoring surveys of measure 3 (issue 16) in the caller's
 * scope, searched by code or name and paged (both in the address); each opens its page (design, panel, waves), its
 * latest wave opens the wave's page; "新建调查" opens an empty survey design.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, type TableColumnsType, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { monitoringQueries, type SurveySummary } from '../../api/monitoring.ts';
import { PagedTable, SearchBox } from '../../components/PagedTable.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { paramReader, positiveParam, trimmedParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { formatPeriod } from './monitoringModel.ts';
import { PageHeading, SurveyRegion, WaveStateTag } from './monitoringParts.tsx';

const readFilters = paramReader({
  q: trimmedParam,
  page: (value) => positiveParam(value) ?? 1,
  pageSize: (value) => positiveParam(value, 100) ?? 20,
});

export default function SurveysPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { filters, update } = useUrlFilters(readFilters);
  const list = useApiQuery(
    monitoringQueries.surveys({ q: filters.q, page: filters.page, pageSize: filters.pageSize }),
    { keepPrevious: true },
  );
  const columns: TableColumnsType<SurveySummary> = [
    {
      title: t('monitoring.survey.name'),
      dataIndex: 'nameZh',
      render: (_, s) => (
        <Flex vertical gap={2}>
          <Link to={`/app/monitoring/surveys/${s.id}`} data-testid="survey-open">
            {locale === 'en' ? s.nameEn || s.nameZh : s.nameZh}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {s.code}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('monitoring.survey.region'),
      dataIndex: 'regionCode',
      width: 200,
      render: (code: string) => <SurveyRegion code={code} />,
    },
    {
      title: t('monitoring.survey.frequency'),
      dataIndex: 'frequency',
      width: 100,
      render: (f: SurveySummary['frequency']) => t(`monitoring.frequency.${f}`),
    },
    {
      title: t('monitoring.survey.version'),
      dataIndex: 'currentVersion',
      width: 90,
      render: (v: number) => t('monitoring.survey.versionN', { version: v }),
    },
    { title: t('monitoring.survey.panelActive'), dataIndex: 'panelActive', width: 110, align: 'right' },
    {
      title: t('monitoring.survey.latestWave'),
      dataIndex: 'latestWave',
      width: 190,
      render: (wave: SurveySummary['latestWave'], s) =>
        wave ? (
          <Flex gap={4} align="center" wrap>
            <Link to={`/app/monitoring/surveys/${s.id}/waves/${wave.id}`} data-testid="survey-latest-wave">
              {formatPeriod(wave.period, locale)}
            </Link>
            <WaveStateTag wave={wave} />
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('monitoring.survey.noWave')}</Typography.Text>
        ),
    },
    {
      title: t('monitoring.survey.updatedAt'),
      dataIndex: 'updatedAt',
      width: 180,
      render: (at: string) => formatDateTime(at, locale),
    },
  ];
  return (
    <Flex vertical gap={16} data-testid="surveys-page">
      <PageHeading
        title={t('monitoring.surveys.title')}
        intro={t('monitoring.surveys.intro')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/app/monitoring/surveys/new')}
            data-testid="survey-new"
          >
            {t('monitoring.surveys.new')}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex
          gap={12}
          wrap
          align="center"
          style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
        >
          <SearchBox
            query={filters.q ?? ''}
            onSearch={(q) => update({ q })}
            placeholder={t('monitoring.surveys.search')}
            style={{ width: 300 }}
            data-testid="surveys-search"
          />
          <div style={{ marginInlineStart: 'auto' }}>
            <ReloadButton query={list} />
          </div>
        </Flex>
        <PagedTable<SurveySummary>
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
          scroll={{ x: 1000 }}
          locale={{ emptyText: list.loading ? ' ' : t('monitoring.surveys.empty') }}
          onRow={(s) => ({ 'data-testid': 'survey-row', 'data-code': s.code }) as object}
        />
      </Card>
    </Flex>
  );
}
