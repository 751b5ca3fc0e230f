/**
 * `/app/cultivation/settings` (officials, admins): a province's gradient-cultivation settings for a year (issue 18)
 * — each tier's quota, application window, notice and review days, and 专精特新's 特色化 indicators — changed by the
 * province's official (an admin chooses the province), read by the others. The province and year live in the
 * address; each tier is saved on its own, on the version read.
 */
import { Alert, Card, Empty, Flex, Select, Skeleton, Tabs } from 'antd';
import { useMemo } from 'react';
import { todayInChina } from '../../../shared/today.ts';
import { cultivationReviewQueries } from '../../api/cultivationReview.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { referenceQuery, useApiQuery } from '../../lib/queries.ts';
import { regionName } from '../../lib/regions.ts';
import { matching, positiveParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { ReviewHeading } from './ReviewParts.tsx';
import { ReviewSettingsForm } from './ReviewSettingsForm.tsx';

const readFilters = (params: URLSearchParams) => ({
  provinceCode: matching(/^\d{2}0000$/)(params.get('provinceCode')),
  year: positiveParam(params.get('year'), 2100),
});

export default function SettingsPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const admin = user?.role === 'admin';
  const { filters, update } = useUrlFilters(readFilters);
  const thisYear = Number(todayInChina().slice(0, 4));
  const years = useMemo(() => [thisYear + 1, thisYear, thisYear - 1, thisYear - 2], [thisYear]);
  const provinces = useApiQuery({ ...referenceQuery('/api/regions', { anonymousOk: true }), enabled: admin });
  // An admin (the ministry) has no province of its own: it reads one once chosen.
  const needsProvince = admin && !filters.provinceCode;
  const settings = useApiQuery(
    {
      ...cultivationReviewQueries.settings({
        year: filters.year ?? thisYear,
        provinceCode: admin ? filters.provinceCode : undefined,
      }),
      enabled: !needsProvince,
    },
    { keepPrevious: true },
  );
  const data = settings.data;
  return (
    <Flex vertical gap={16}>
      <ReviewHeading
        title={t('cultReview.settings.title')}
        intro={t('cultReview.settings.intro')}
        extra={
          <Flex gap={8} wrap align="center">
            {admin ? (
              <Select<string>
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: 200 }}
                placeholder={t('cultReview.settings.province')}
                value={filters.provinceCode}
                onChange={(provinceCode) => update({ provinceCode })}
                loading={provinces.loading}
                options={(provinces.data ?? []).map((p) => ({ value: p.code, label: regionName(p, locale) }))}
                aria-label={t('cultReview.settings.province')}
                data-testid="settings-province"
              />
            ) : data ? (
              <span data-testid="settings-province-name">
                <RegionName code={data.provinceCode} />
              </span>
            ) : null}
            <Select<number>
              style={{ width: 120 }}
              value={filters.year ?? thisYear}
              onChange={(year) => update({ year: year === thisYear ? null : year })}
              options={years.map((year) => ({
                value: year,
                label: t('cultReview.filter.yearOption', { year }),
              }))}
              aria-label={t('cultReview.settings.year')}
              data-testid="settings-year"
            />
            <ReloadButton query={settings} />
          </Flex>
        }
      />
      {needsProvince ? (
        <Card>
          <Empty
            description={t('cultReview.settings.chooseProvince')}
            data-testid="settings-choose-province"
          />
        </Card>
      ) : settings.error && !data ? (
        <ErrorResult error={settings.error} onRetry={settings.reload} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <>
          {data.canEdit ? null : (
            <Alert
              type="info"
              showIcon
              title={t('cultReview.settings.readOnly')}
              data-testid="settings-read-only"
            />
          )}
          <Card styles={{ body: { paddingTop: 8 } }}>
            <Tabs
              items={data.tiers.map((tier) => ({
                key: tier.tier,
                label: (
                  <span data-testid={`settings-tab-${tier.tier}`}>{t(`cultReview.tier.${tier.tier}`)}</span>
                ),
                children: (
                  <ReviewSettingsForm
                    // A new version read (saved here or elsewhere) starts the form again from it.
                    key={`${data.provinceCode}-${data.year}-${tier.tier}-${tier.version}`}
                    settings={data}
                    tier={tier}
                    onSaved={settings.reload}
                  />
                ),
              }))}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}
