/**
 * `/cultivation/notices` (anyone): the public notices (公示) of gradient-cultivation recognitions (issue 18) — the
 * enterprises on notice now and recently, by tier and province, each with its county, score and notice period;
 * on those open an objection is lodged (NoticeObjectionForm), on the others the page says why none is taken;
 * below, an objector looks up an objection's state and answer (ObjectionLookup). A link leads to the announced
 * recognitions. Filters and page live in the address.
 */
import { Button, Card, Empty, Flex, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { cultivationReviewQueries, type PublicNotice, type Tier } from '../../api/cultivationReview.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../lib/format.ts';
import { referenceQuery, useApiQuery } from '../../lib/queries.ts';
import { regionName } from '../../lib/regions.ts';
import { matching, oneOf, positiveParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { NoticeObjectionForm } from './NoticeObjectionForm.tsx';
import { ObjectionLookup } from './ObjectionLookup.tsx';
import { ReviewHeading, TierTag } from './ReviewParts.tsx';
import { noticeDaysLeft, noticePhase, TIERS } from './reviewModel.ts';

const readFilters = (params: URLSearchParams) => ({
  tier: oneOf(TIERS, params.get('tier')),
  provinceCode: matching(/^\d{2}0000$/)(params.get('provinceCode')),
  page: positiveParam(params.get('page')) ?? 1,
  pageSize: positiveParam(params.get('pageSize'), 100) ?? 20,
});

export default function PublicNoticesPage() {
  const { t, locale } = useI18n();
  const { filters, update } = useUrlFilters(readFilters);
  const [objecting, setObjecting] = useState<PublicNotice | null>(null);
  const provinces = useApiQuery(referenceQuery('/api/regions', { anonymousOk: true }));
  const list = useApiQuery(
    cultivationReviewQueries.notices({
      tier: filters.tier,
      provinceCode: filters.provinceCode,
      page: filters.page,
      pageSize: filters.pageSize,
    }),
    { keepPrevious: true },
  );
  const today = todayInChina();
  const filtered = Boolean(filters.tier || filters.provinceCode);

  const state = (notice: PublicNotice) => {
    const phase = notice.open ? 'open' : noticePhase(notice, today) === 'upcoming' ? 'upcoming' : 'closed';
    if (phase === 'open')
      return (
        <Space size={4} wrap>
          <Tag color="processing">{t('cultReview.notices.open')}</Tag>
          <Typography.Text type="secondary">
            {t('cultReview.notices.daysLeft', { days: noticeDaysLeft(notice.noticeTo, today) })}
          </Typography.Text>
        </Space>
      );
    return <Tag>{t(phase === 'upcoming' ? 'cultReview.notices.upcoming' : 'cultReview.notices.closed')}</Tag>;
  };

  return (
    <Flex
      vertical
      gap={16}
      style={{ maxWidth: 1200, margin: '0 auto', width: '100%', padding: '32px 16px 48px' }}
    >
      <ReviewHeading
        title={t('cultReview.notices.title')}
        intro={t('cultReview.notices.intro')}
        extra={
          <Link to="/cultivation/recognitions" data-testid="notices-recognitions-link">
            {t('cultivationNotices.recognitions.link')}
          </Link>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex
          gap={12}
          wrap
          align="center"
          style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
        >
          <Select<Tier>
            allowClear
            style={{ width: 200 }}
            placeholder={t('cultReview.filter.tierAll')}
            value={filters.tier}
            onChange={(tier) => update({ tier: tier ?? null })}
            options={TIERS.map((tier) => ({ value: tier, label: t(`cultReview.tier.${tier}`) }))}
            aria-label={t('cultReview.filter.tier')}
            data-testid="notices-tier"
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 180 }}
            placeholder={t('cultReview.notices.provinceAll')}
            value={filters.provinceCode}
            onChange={(provinceCode) => update({ provinceCode: provinceCode ?? null })}
            loading={provinces.loading}
            options={(provinces.data ?? []).map((p) => ({ value: p.code, label: regionName(p, locale) }))}
            aria-label={t('cultReview.notices.province')}
            data-testid="notices-province"
          />
          <ReloadButton query={list} />
        </Flex>
        <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
        <List<PublicNotice>
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{
            emptyText: list.loading ? (
              ' '
            ) : (
              <Empty
                description={t(filtered ? 'cultReview.notices.emptyFiltered' : 'cultReview.notices.empty')}
                data-testid="notices-empty"
              />
            ),
          }}
          pagination={
            (list.data?.total ?? 0) > filters.pageSize
              ? {
                  align: 'center',
                  current: filters.page,
                  pageSize: filters.pageSize,
                  total: list.data?.total ?? 0,
                  showTotal: (total) => t('common.total', { total }),
                  onChange: (page, pageSize) =>
                    update({
                      page: pageSize !== filters.pageSize || page === 1 ? null : page,
                      pageSize: pageSize === 20 ? null : pageSize,
                    }),
                }
              : false
          }
          renderItem={(notice) => {
            const phase = notice.open ? 'open' : noticePhase(notice, today);
            return (
              <List.Item
                key={`${notice.enterpriseId}-${notice.applicationId}`}
                style={{ padding: '12px 16px' }}
                data-testid="notice-item"
                data-application={notice.applicationId}
                data-open={notice.open ? 'true' : 'false'}
              >
                <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ width: '100%' }}>
                  <Flex vertical gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
                    <Typography.Text
                      strong
                      style={{ fontSize: 16, wordBreak: 'break-word' }}
                      data-testid="notice-name"
                    >
                      {notice.enterpriseName}
                    </Typography.Text>
                    <Typography.Text type="secondary" className="huiqi-mono" style={{ fontSize: 12 }}>
                      {notice.uscc}
                    </Typography.Text>
                    <Space size={6} wrap>
                      <TierTag tier={notice.tier} />
                      <Typography.Text type="secondary">
                        <RegionName code={notice.regionCode} name={notice.regionName} full />
                      </Typography.Text>
                      {notice.score === null ? null : (
                        <Typography.Text data-testid="notice-score">
                          {t('cultReview.notices.score', { score: notice.score })}
                        </Typography.Text>
                      )}
                    </Space>
                    <Typography.Text data-testid="notice-period">
                      {t('cultReview.notices.period', {
                        from: formatDate(notice.noticeFrom, locale),
                        to: formatDate(notice.noticeTo, locale),
                      })}
                    </Typography.Text>
                  </Flex>
                  <Flex vertical gap={6} align="flex-start" style={{ flex: '0 1 auto' }}>
                    {state(notice)}
                    {phase === 'open' ? (
                      <Button type="primary" onClick={() => setObjecting(notice)} data-testid="notice-object">
                        {t('cultReview.notices.object')}
                      </Button>
                    ) : (
                      <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="notice-closed">
                        {phase === 'upcoming'
                          ? t('cultReview.notices.upcomingHint', {
                              from: formatDate(notice.noticeFrom, locale),
                            })
                          : t('cultReview.notices.closedHint')}
                      </Typography.Text>
                    )}
                  </Flex>
                </Flex>
              </List.Item>
            );
          }}
          data-testid="notices-list"
        />
      </Card>
      <ObjectionLookup />
      <NoticeObjectionForm notice={objecting} onClose={() => setObjecting(null)} />
    </Flex>
  );
}
