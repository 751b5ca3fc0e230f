/**
 * `/app/my-credit` (enterprise): the enterprise's own credit evaluation — its score under the published scorecard,
 * computed when the page asks, with each feature's points and the records and figures behind them.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Flex, Skeleton, Typography } from 'antd';
import { LoadError } from '../../components/LoadError.tsx';
import { ScoreExplanation } from '../../components/ScoreExplanation.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';

export default function MyCreditPage() {
  const { t } = useI18n();
  const score = useApiQuery(apiQuery('/api/my/credit/score'));
  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
            {t('credit.evaluation.title')}
          </Typography.Title>
          <Button icon={<ReloadOutlined />} onClick={score.reload} loading={score.loading}>
            {t('common.reload')}
          </Button>
        </Flex>
        <Typography.Text type="secondary" data-testid="page-intro">
          {t('credit.evaluation.intro')}
        </Typography.Text>
      </Flex>
      <LoadError error={score.error} onRetry={score.reload} />
      {score.loading && <Skeleton active />}
      {score.data && <ScoreExplanation score={score.data} />}
    </Flex>
  );
}
