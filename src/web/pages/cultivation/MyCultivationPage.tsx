/**
 * `/app/my/cultivation` (an enterprise): gradient cultivation (梯度培育; issue 18, measures 16–17). A tab per tier
 * (创新型中小企业 → 专精特新中小企业 → 专精特新“小巨人”), each assessed live on the registry's figures and the facts the
 * enterprise gave (MyTierPanel: the outcome, the score by dimension and indicator with the figures used, the
 * conditions, the facts missing, what it would need, applying); a tab with its facts of the data year (MyFactsForm)
 * and one with its applications (MyApplications, one opened in a drawer). The tab, the fact to bring into view and
 * the application open are in the address, so the inbox and Back lead to them.
 */
import { Alert, Badge, Flex, Skeleton, Space, Tabs } from 'antd';
import { cultivationQueries, TIERS } from '../../api/cultivation.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { oneOf, paramReader, positiveParam, textParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { PageHeading } from '../monitoring/monitoringParts.tsx';
import { MyApplicationDrawer, MyApplicationsList } from './MyApplications.tsx';
import { MyChanges } from './MyChanges.tsx';
import { MyStatusTag } from './MyCultivationTags.tsx';
import { MyFactsForm } from './MyFactsForm.tsx';
import { MyTierPanel } from './MyTierPanel.tsx';
import { provinceIndicatorFields, withoutFieldPrefix } from './myCultivationModel.ts';

const TABS = [...TIERS, 'facts', 'applications', 'changes'] as const;
type TabKey = (typeof TABS)[number];

const readParams = paramReader({
  tab: (value) => oneOf<TabKey>(TABS, value) ?? 'innovative',
  focus: textParam,
  application: positiveParam,
});

export default function MyCultivationPage() {
  const { t, locale } = useI18n();
  const { filters, update } = useUrlFilters(readParams, (patch) =>
    'tab' in patch || 'application' in patch ? 'push' : 'replace',
  );
  const page = useApiQuery(cultivationQueries.mine());
  const data = page.data;
  const provinceFields = data ? provinceIndicatorFields(data) : [];
  const openApplication = (id: number) => update({ application: id });

  return (
    <Flex vertical gap={16} data-testid="my-cultivation-page">
      <PageHeading
        title={t('cultivation.my.title')}
        intro={
          data
            ? t('cultivation.my.intro', { date: formatDate(data.assessedOn, locale), year: data.dataYear })
            : t('cultivation.my.introLoading')
        }
        extra={<ReloadButton query={page} />}
      />
      <LoadError error={page.error} onRetry={page.reload} />
      {page.loading ? <Skeleton active /> : null}
      {data ? (
        <>
          {data.problems.length > 0 && filters.tab !== 'facts' ? (
            <Alert
              type="warning"
              showIcon
              data-testid="my-cultivation-problems"
              title={t('cultivation.my.problems')}
              description={data.problems
                .map((p) => withoutFieldPrefix(locale === 'en' ? p.message.en : p.message.zh))
                .join(locale === 'en' ? '; ' : '；')}
            />
          ) : null}
          <Tabs
            activeKey={filters.tab}
            onChange={(key) => update({ tab: key === 'innovative' ? null : key, focus: null })}
            data-testid="my-cultivation-tabs"
            items={[
              ...data.tiers.map((tier) => ({
                key: tier.tier,
                label: (
                  <Space size={4} data-testid={`my-tab-${tier.tier}`}>
                    {locale === 'en' ? tier.name.en : tier.name.zh}
                    {tier.assessment ? <MyStatusTag status={tier.assessment.status} /> : null}
                  </Space>
                ),
                children:
                  filters.tab === tier.tier ? (
                    <MyTierPanel
                      tier={tier}
                      assessedOn={data.assessedOn}
                      dataYear={data.dataYear}
                      applications={data.applications}
                      provinceFields={provinceFields}
                      onFill={(_group, field) => update({ tab: 'facts', focus: field })}
                      onOpenApplication={openApplication}
                      onChanged={page.reload}
                    />
                  ) : null,
              })),
              {
                key: 'facts',
                label: <span data-testid="my-tab-facts">{t('cultivation.my.tab.facts')}</span>,
                children:
                  filters.tab === 'facts' ? (
                    <MyFactsForm
                      key={data.ownVersion}
                      data={data}
                      provinceFields={provinceFields}
                      focus={filters.focus}
                      onSaved={page.reload}
                    />
                  ) : null,
              },
              {
                key: 'applications',
                label: (
                  <span data-testid="my-tab-applications">
                    {t('cultivation.my.tab.applications')}{' '}
                    <Badge count={data.applications.length} showZero color="#1458c4" />
                  </span>
                ),
                children:
                  filters.tab === 'applications' ? (
                    <MyApplicationsList data={data} onOpen={openApplication} />
                  ) : null,
              },
              {
                key: 'changes',
                label: <span data-testid="my-tab-changes">{t('cultivationChanges.tab')}</span>,
                children:
                  filters.tab === 'changes' ? (
                    <MyChanges onOpenFacts={() => update({ tab: 'facts', focus: null })} />
                  ) : null,
              },
            ]}
          />
        </>
      ) : null}
      <MyApplicationDrawer
        id={filters.application}
        data={data}
        onClose={() => update({ application: null })}
        onChanged={page.reload}
      />
    </Flex>
  );
}
