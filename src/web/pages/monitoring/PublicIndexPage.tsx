/**
 * `/monitoring` (anyone): 中小企业发展指数 — the published series of the SME development index (issue 16, measure
 * 3), one card each with its region, frequency, latest period and value against the line of 100, and how many
 * releases it has; each opens its series page. Below them the registry's monthly statistics of each region that
 * publishes them, each card with its latest count of active enterprises (a count: no line), opening
 * `/monitoring/registry?region=`. Only what is published (the server never lists a release before its time).
 */
import { LineChartOutlined, TableOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Flex, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { INDEX_LINE } from '../../../reference/monitoring.ts';
import { monitoringQueries, type PublicSeriesItem } from '../../api/monitoring.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useApiQuery } from '../../lib/queries.ts';
import { formatPeriod, registryPagePath, roundShown } from './monitoringModel.ts';
import { CountValue, IndexValue, SeriesName, SurveyRegion, WithheldLegend } from './monitoringParts.tsx';

export default function PublicIndexPage() {
  const { t, locale } = useI18n();
  const list = useApiQuery(monitoringQueries.publicSeriesList());
  const items = (list.data?.items ?? []).filter(
    (s): s is PublicSeriesItem & { surveyId: number } => s.kind === 'index' && s.surveyId !== null,
  );
  const registry = (list.data?.items ?? []).filter((s) => s.kind === 'registry');
  return (
    <div
      style={{ maxWidth: 1200, margin: '0 auto', padding: '32px 16px 48px' }}
      data-testid="public-index-page"
    >
      <Flex vertical gap={16}>
        <Flex vertical gap={4}>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
            <LineChartOutlined style={{ color: '#1458c4' }} /> {t('monitoring.public.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('monitoring.public.intro', { line: INDEX_LINE })}
          </Typography.Text>
        </Flex>
        <LoadError error={list.error} onRetry={list.reload} />
        {list.loading ? <Skeleton active /> : null}
        {list.data && items.length === 0 && registry.length === 0 ? (
          <Card>
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('monitoring.public.empty')} />
          </Card>
        ) : null}
        <Row gutter={[16, 16]}>
          {items.map((s) => (
            <Col xs={24} md={12} xl={8} key={s.surveyId}>
              <Link to={`/monitoring/${s.surveyId}`} data-testid="public-series" data-survey={s.surveyId}>
                <Card hoverable size="small" style={{ height: '100%' }}>
                  <Flex vertical gap={8}>
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      {locale === 'en' ? s.nameEn || s.nameZh : s.nameZh}
                    </Typography.Text>
                    <Space wrap size={[4, 4]}>
                      <Tag color="blue">
                        <SurveyRegion code={s.regionCode} />
                      </Tag>
                      <Tag>
                        {t(
                          s.frequency === 'quarterly'
                            ? 'monitoring.frequency.quarterly'
                            : 'monitoring.frequency.monthly',
                        )}
                      </Tag>
                      <Tag>{t('monitoring.public.releasesN', { n: s.releases })}</Tag>
                    </Space>
                    <Flex align="baseline" gap={8}>
                      <Typography.Text type="secondary">
                        {formatPeriod(s.latestPeriod, locale)}
                      </Typography.Text>
                      <span style={{ fontSize: 28 }} data-testid="public-series-latest">
                        <IndexValue
                          shown={s.latestValue === null ? null : roundShown(s.latestValue)}
                          value={s.latestValue}
                          measure="overall"
                          strong
                          withheld={s.latestValue === null}
                        />
                      </span>
                    </Flex>
                  </Flex>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
        {items.some((s) => s.latestValue === null) ? <WithheldLegend /> : null}
        {items.length > 0 ? (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('monitoring.public.method')}
          </Typography.Paragraph>
        ) : null}
        {registry.length > 0 ? (
          <Flex vertical gap={12} data-testid="public-registry-list">
            <Flex vertical gap={4}>
              <Typography.Title level={3} style={{ margin: 0 }}>
                <TableOutlined style={{ color: '#1458c4' }} /> {t('monitoring.releaseKind.registry')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('monitoring.registry.publicIntro')}</Typography.Text>
            </Flex>
            <Row gutter={[16, 16]}>
              {registry.map((s) => (
                <Col xs={24} md={12} xl={8} key={`registry-${s.regionCode}`}>
                  <Link
                    to={registryPagePath(s.regionCode)}
                    data-testid="public-registry"
                    data-region={s.regionCode}
                  >
                    <Card hoverable size="small" style={{ height: '100%' }}>
                      <Flex vertical gap={8}>
                        <Typography.Text strong style={{ fontSize: 16 }}>
                          <SeriesName kind="registry" nameZh={s.nameZh} regionCode={s.regionCode} />
                        </Typography.Text>
                        <Space wrap size={[4, 4]}>
                          <Tag color="blue">
                            <SurveyRegion code={s.regionCode} />
                          </Tag>
                          <Tag>{t('monitoring.frequency.monthly')}</Tag>
                          <Tag>{t('monitoring.public.releasesN', { n: s.releases })}</Tag>
                        </Space>
                        <Flex align="baseline" gap={8} wrap>
                          <Typography.Text type="secondary">
                            {formatPeriod(s.latestPeriod, locale)} ·{' '}
                            {t('monitoring.registry.measure.enterprises')}
                          </Typography.Text>
                          <span style={{ fontSize: 28 }} data-testid="public-registry-latest">
                            <CountValue value={s.latestValue} strong />
                          </span>
                        </Flex>
                      </Flex>
                    </Card>
                  </Link>
                </Col>
              ))}
            </Row>
          </Flex>
        ) : null}
      </Flex>
    </div>
  );
}
