/**
 * `/app/enterprises/:id` (officials in scope, admins): one enterprise; admins may also correct it. Officials record
 * and end its qualifications with their evidence files, see the policies it qualifies for (and those it misses by
 * one condition) as the enterprise sees them, its credit evaluation explained, its financing history, and go from
 * here to its cases (the queue filtered to it).
 */
import { ArrowLeftOutlined, FileSearchOutlined, SolutionOutlined } from '@ant-design/icons';
import { Button, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { buildUrl, type EnterpriseDetail } from '../../api/client.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { EnterpriseDetailView } from '../../components/EnterpriseDetailView.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { apiQuery, refusedQuery, useApiQuery } from '../../lib/queries.ts';
import { NotFoundPage } from '../ErrorPages.tsx';
import { useEnterpriseEditing } from '../my/EnterpriseEditing.tsx';
import { EnterpriseCreditCard } from './EnterpriseCreditCard.tsx';
import { EnterpriseFinancingCard } from './EnterpriseFinancingCard.tsx';
import { EnterprisePoliciesCard } from './EnterprisePoliciesCard.tsx';
import { QualificationsCard } from './QualificationsCard.tsx';

/** Links to the enterprise's cases and to its policies (the card below). */
function EnterpriseLinks({ detail }: { detail: EnterpriseDetail }) {
  const t = useT();
  return (
    <Flex wrap gap={24} align="center" style={{ marginTop: 16 }} data-testid="enterprise-links">
      <Link
        to={buildUrl('/app/cases', { enterprise: detail.id, state: 'all' })}
        data-testid="enterprise-cases-link"
      >
        <SolutionOutlined /> {t('enterpriseLinks.cases')}
      </Link>
      <Button
        type="link"
        icon={<FileSearchOutlined />}
        style={{ padding: 0 }}
        onClick={() =>
          document
            .getElementById('enterprise-policies')
            ?.scrollIntoView({ behavior: 'smooth', block: 'start' })
        }
        data-testid="enterprise-policies-link"
      >
        {t('enterpriseLinks.policies')}
      </Button>
    </Flex>
  );
}

export default function EnterpriseDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const { user } = useSession();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const loaded = useApiQuery(
    valid
      ? apiQuery('/api/enterprises/:id', { params: { id } })
      : refusedQuery<EnterpriseDetail>(['/api/enterprises/:id', params.id], new Error('invalid id')),
  );
  const [fresh, setFresh] = useState<EnterpriseDetail | null>(null);
  const detail = fresh && fresh.id === id ? fresh : loaded.data;
  const reload = () => {
    setFresh(null);
    loaded.reload();
  };
  const editing = useEnterpriseEditing({
    detail,
    onChanged: setFresh,
    onStale: reload,
    testIdPrefix: 'enterprise',
  });
  if (!valid) return <NotFoundPage />;

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8}>
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/app/enterprises'))}
          aria-label={t('detail.back')}
          data-testid="enterprise-back"
        />
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('detail.title')}
        </Typography.Title>
      </Flex>
      {loaded.error && !detail ? (
        <ErrorResult error={loaded.error} onRetry={reload} />
      ) : detail && detail.id === id ? (
        <>
          <EnterpriseDetailView
            detail={detail}
            actions={user?.role === 'admin' ? editing.buttons : null}
            links={<EnterpriseLinks detail={detail} />}
            certificationsCard={
              <QualificationsCard
                detail={detail}
                canEdit={user?.role === 'official' || user?.role === 'admin'}
                onChanged={setFresh}
              />
            }
          />
          {user?.role === 'official' || user?.role === 'admin' ? (
            <EnterprisePoliciesCard
              enterpriseId={detail.id}
              key={`${detail.id}:${detail.version}:${detail.certifications.length}`}
            />
          ) : null}
          {user?.role === 'official' || user?.role === 'admin' ? (
            <EnterpriseCreditCard enterpriseId={detail.id} key={`credit:${detail.id}:${detail.version}`} />
          ) : null}
          {user?.role === 'official' || user?.role === 'admin' ? (
            <EnterpriseFinancingCard enterpriseId={detail.id} />
          ) : null}
        </>
      ) : (
        <Skeleton active paragraph={{ rows: 10 }} />
      )}
      {user?.role === 'admin' ? editing.overlays : null}
    </Flex>
  );
}
