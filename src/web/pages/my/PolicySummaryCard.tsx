/**
 * "我的政策" at a glance for the enterprise home page: how many policies it qualifies for, misses by one condition or
 * cannot be decided, new matches, and the 免申即享 benefits waiting for its answer; each count opens its tab.
 */
import { BellOutlined, GiftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';

const GROUPS = [
  { key: 'eligible', color: '#389e0d' },
  { key: 'almost', color: '#d48806' },
  { key: 'unknown', color: '#8c8c8c' },
] as const;

export function PolicySummaryCard() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const policies = useApiQuery(apiQuery('/api/my/policies'));
  const benefits = useApiQuery(apiQuery('/api/my/benefits'));
  const data = policies.data;
  const pending = (benefits.data ?? []).filter((b) => b.status === 'sent').length;
  const fresh = data ? [...data.eligible, ...data.almost, ...data.unknown].filter((p) => p.isNew).length : 0;

  return (
    <Card
      data-testid="policy-summary-card"
      title={
        <span>
          <GiftOutlined style={{ color: '#1458c4' }} /> {t('myPolicies.summary.title')}
        </span>
      }
      extra={
        <Button type="link" onClick={() => navigate('/app/my-policies')} data-testid="policy-summary-open">
          {t('myPolicies.summary.open')}
        </Button>
      }
    >
      <LoadError
        error={policies.error ?? benefits.error}
        onRetry={() => {
          policies.reload();
          benefits.reload();
        }}
      />
      {data ? (
        <Flex vertical gap={16}>
          {pending > 0 ? (
            <Alert
              type="warning"
              showIcon
              icon={<BellOutlined />}
              data-testid="policy-summary-pending"
              title={t('myPolicies.summary.pending', { count: pending })}
              action={
                <Button
                  size="small"
                  type="primary"
                  onClick={() => navigate('/app/my-policies')}
                  data-testid="policy-summary-review"
                >
                  {t('myPolicies.summary.review')}
                </Button>
              }
            />
          ) : null}
          <Row gutter={[16, 16]}>
            {GROUPS.map(({ key, color }) => (
              <Col key={key} xs={8}>
                <Button
                  type="text"
                  block
                  style={{ height: 'auto', padding: '8px 4px', textAlign: 'left' }}
                  onClick={() => navigate(`/app/my-policies?tab=${key}`)}
                  data-testid={`policy-summary-${key}`}
                >
                  <Statistic
                    title={t(`myPolicies.tab.${key}`)}
                    value={data[key].length}
                    styles={{ content: { color } }}
                  />
                </Button>
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary">
            {fresh > 0 ? `${t('myPolicies.summary.new', { count: fresh })} · ` : ''}
            {t('myPolicies.summary.hint')}
          </Typography.Text>
        </Flex>
      ) : policies.loading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : null}
    </Card>
  );
}
