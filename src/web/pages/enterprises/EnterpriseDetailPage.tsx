/** `/app/enterprises/:id` (officials in scope, admins): one enterprise; admins may also correct it. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, type EnterpriseDetail } from '../../api/client.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { EnterpriseDetailView } from '../../components/EnterpriseDetailView.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useApi } from '../../lib/useApi.ts';
import { NotFoundPage } from '../ErrorPages.tsx';
import { useEnterpriseEditing } from '../my/EnterpriseEditing.tsx';

export default function EnterpriseDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const { user } = useSession();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const loaded = useApi(
    (signal) => (valid ? api.enterprise(id, signal) : Promise.reject(new Error('invalid id'))),
    `enterprise:${id}`,
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
        <EnterpriseDetailView detail={detail} actions={user?.role === 'admin' ? editing.buttons : null} />
      ) : (
        <Skeleton active paragraph={{ rows: 10 }} />
      )}
      {user?.role === 'admin' ? editing.overlays : null}
    </Flex>
  );
}
