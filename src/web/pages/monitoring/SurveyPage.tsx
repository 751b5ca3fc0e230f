/**
 * `/app/monitoring/surveys/:id` (officials, admins): one monitoring survey (issue 16) in three tabs — its design
 * (questions by version), its panel (the draw, the make-up, the members) and its waves — the tab in the address
 * (`?tab=panel`). `/app/monitoring/surveys/new` is an empty design; saving it opens the new survey's page.
 */
import { Flex, Skeleton, Space, Tabs, Tag } from 'antd';
import { useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { monitoringQueries, type Survey } from '../../api/monitoring.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { oneOf, paramReader, useUrlFilters } from '../../lib/urlFilters.ts';
import { DetailHeading, SurveyRegion } from './monitoringParts.tsx';
import { PanelTab } from './PanelTab.tsx';
import { SurveyDesign } from './SurveyDesign.tsx';
import { WavesTab } from './WavesTab.tsx';

const TABS = ['design', 'panel', 'waves'] as const;
const readFilters = paramReader({ tab: (value) => oneOf(TABS, value) ?? 'design' });

export default function SurveyPage() {
  const { t, locale } = useI18n();
  const params = useParams();
  const isNew = params.id === 'new';
  const id = Number(params.id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const { filters, update } = useUrlFilters(readFilters, 'push');
  const survey = useApiQuery<Survey>(
    valid
      ? { ...monitoringQueries.survey(id), retry: false }
      : refusedQuery(
          ['monitoring-survey', params.id],
          new ApiError(404, 'NOT_FOUND', t('error.notFoundRecord.title')),
        ),
  );
  const back = { back: '/app/monitoring/surveys', backText: t('monitoring.surveys.back') };
  if (isNew)
    return (
      <Flex vertical gap={16} data-testid="survey-page">
        <DetailHeading {...back} title={t('monitoring.surveys.new')} />
        <SurveyDesign />
      </Flex>
    );
  const data = survey.data;
  return (
    <Flex vertical gap={16} data-testid="survey-page">
      <DetailHeading
        {...back}
        title={
          data ? (locale === 'en' ? data.nameEn || data.nameZh : data.nameZh) : t('monitoring.survey.title')
        }
        extra={
          data ? (
            <Space wrap>
              <Tag>{data.code}</Tag>
              <Tag color="blue">
                <SurveyRegion code={data.regionCode} />
              </Tag>
              <Tag>{t(`monitoring.frequency.${data.frequency}`)}</Tag>
              <Tag color={data.frozen ? 'orange' : 'default'} data-testid="survey-version">
                {t('monitoring.survey.versionN', { version: data.currentVersion })}
                {data.frozen ? ` · ${t('monitoring.design.isFrozen')}` : ''}
              </Tag>
            </Space>
          ) : null
        }
      />
      {survey.loading ? <Skeleton active /> : null}
      <LoadError error={survey.error} onRetry={survey.reload} />
      {data ? (
        <Tabs
          activeKey={filters.tab}
          onChange={(key) => update({ tab: key === 'design' ? null : key })}
          data-testid="survey-tabs"
          items={[
            {
              key: 'design',
              label: t('monitoring.tab.design'),
              children: (
                <SurveyDesign key={`${data.id}-${data.version}`} survey={data} onSaved={survey.reload} />
              ),
            },
            {
              key: 'panel',
              label: t('monitoring.tab.panel', { n: data.panelActive }),
              children: <PanelTab survey={data} onChanged={survey.reload} />,
            },
            {
              key: 'waves',
              label: t('monitoring.tab.waves', { n: data.waves }),
              children: <WavesTab survey={data} />,
            },
          ]}
        />
      ) : null}
    </Flex>
  );
}
