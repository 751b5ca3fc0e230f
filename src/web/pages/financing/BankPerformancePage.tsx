/**
 * `/app/bank/financing/performance` (a bank): the institution's figures in financing matchmaking (issue 15) — demands
 * picked up and in hand, granted, declined, released, disbursed, first contacts on time, answers late today, the
 * amount granted, ratings, first loans and credit loans — as statistic cards.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Skeleton, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { financingQueries, type Performance } from '../../api/financing.ts';
import { LoadError } from '../../components/LoadError.tsx';
import type { MessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatNumber, formatPercent } from '../../lib/format.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { formatWan, plainDecimal } from './financingFormat.ts';
import { PageHeading } from './financingParts.tsx';

const COUNTS = [
  'pickedUp',
  'active',
  'granted',
  'declined',
  'released',
  'disbursed',
  'firstLoans',
  'creditLoans',
] as const satisfies readonly (keyof Performance)[];

export default function BankPerformancePage() {
  const { t, locale } = useI18n();
  const figures = useApiQuery(financingQueries.performance());
  const data = figures.data;
  const card = (key: string, title: string, value: ReactNode, danger = false) => (
    <Col xs={12} md={8} xl={6} key={key}>
      <Card size="small" data-testid={`performance-${key}`}>
        <Statistic
          title={title}
          value={typeof value === 'string' || typeof value === 'number' ? value : undefined}
          formatter={typeof value === 'string' || typeof value === 'number' ? undefined : () => value}
          styles={danger ? { content: { color: '#cf1322' } } : undefined}
        />
      </Card>
    </Col>
  );
  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t('financing.performance.title')}
        intro={t('financing.performance.intro')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={figures.reload} loading={figures.loading}>
            {t('common.reload')}
          </Button>
        }
      />
      <LoadError error={figures.error} onRetry={figures.reload} />
      {figures.loading && !data ? <Skeleton active /> : null}
      {data ? (
        <Row gutter={[16, 16]}>
          {COUNTS.map((key) =>
            card(key, t(`financing.performance.${key}` as MessageKey), formatNumber(data[key], locale)),
          )}
          {card(
            'contactedOnTime',
            t('financing.performance.contactedOnTime'),
            data.contacted > 0
              ? `${formatNumber(data.contactedOnTime, locale)} / ${formatNumber(data.contacted, locale)} (${formatPercent(
                  data.contactedOnTime,
                  data.contacted,
                  locale,
                )})`
              : '—',
          )}
          {card(
            'lateNow',
            t('financing.performance.lateNow'),
            formatNumber(data.lateNow, locale),
            data.lateNow > 0,
          )}
          {card(
            'grantedAmount',
            t('financing.performance.grantedAmount'),
            formatWan(data.grantedAmount, locale),
          )}
          {card(
            'rating',
            t('financing.performance.rating'),
            data.ratingAverage !== null
              ? t('financing.performance.ratingValue', {
                  average: plainDecimal(data.ratingAverage),
                  count: formatNumber(data.rated, locale),
                })
              : t('financing.performance.noRating'),
          )}
        </Row>
      ) : null}
    </Flex>
  );
}
