/**
 * `/app/my-credit` (enterprise): the enterprise's own credit evaluation — its score under the published scorecard,
 * computed when the page asks, with each feature's points and the records and figures behind them.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Skeleton, Typography } from 'antd';
import { LoadError } from '../../components/LoadError.tsx';
import { ScoreExplanation } from '../../components/ScoreExplanation.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';

export default function MyCreditPage() {
  const { t } = useI18n();
  const score = useApiQuery(apiQuery('/api/my/credit/score'));
  return (
    <div>
      <Flex justify="space-between" align="center" wrap>
        <Typography.Title level={3}>{t('credit.my.title')}</Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={score.reload}>
          {t('common.retry')}
        </Button>
      </Flex>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('credit.my.intro')} />
      <LoadError error={score.error} onRetry={score.reload} />
      {score.loading && <Skeleton active />}
      {score.data && <ScoreExplanation score={score.data} />}
    </div>
  );
}
