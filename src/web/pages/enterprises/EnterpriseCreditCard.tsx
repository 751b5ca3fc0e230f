/**
 * The enterprise's credit evaluation on the officials' detail page (GET /api/enterprises/:id/credit-score): the
 * same explained score the enterprise sees, computed when the card asks.
 */
import { Card, Skeleton } from 'antd';
import { LoadError } from '../../components/LoadError.tsx';
import { ScoreExplanation } from '../../components/ScoreExplanation.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';

export function EnterpriseCreditCard({ enterpriseId }: { enterpriseId: number }) {
  const t = useT();
  const score = useApiQuery(apiQuery('/api/enterprises/:id/credit-score', { params: { id: enterpriseId } }));
  return (
    <Card title={t('credit.evaluation.title')} data-testid="enterprise-credit">
      <LoadError error={score.error} onRetry={score.reload} />
      {score.loading && <Skeleton active />}
      {score.data && <ScoreExplanation score={score.data} />}
    </Card>
  );
}
