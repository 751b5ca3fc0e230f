/**
 * `/app/my-enterprise` (enterprise users): the enterprise's own record with its size class and reason, profile
 * corrections, yearly figures reporting, and the class under every standard the platform knows.
 */
import { ExperimentOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { buildUrl, type EnterpriseDetail } from '../../api/client.ts';
import { EnterpriseDetailView, latestSize, useStandardName } from '../../components/EnterpriseDetailView.tsx';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { SizeTag } from '../../components/SizeTag.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { useEnterpriseEditing } from './EnterpriseEditing.tsx';

/** The class under each standard: the stored Chinese one, and a pointer to the EU self-check. */
function StandardsCard({ detail }: { detail: EnterpriseDetail }) {
  const t = useT();
  const navigate = useNavigate();
  const standardName = useStandardName();
  const latest = latestSize(detail.sizes.filter((size) => size.standard === 'cn-2011'));
  const current = detail.figures.filter((row) => row.isCurrent).sort((a, b) => b.year - a.year)[0];
  const euLink = buildUrl('/size-test', { standard: 'eu-2003', headcount: current?.employees ?? undefined });
  return (
    <Card title={t('my.standards')} size="small" data-testid="my-enterprise-standards">
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text>{standardName('cn-2011')}</Typography.Text>
          <Space size={4}>
            <SizeTag size={latest?.size} />
            {latest ? <Typography.Text type="secondary">{latest.year}</Typography.Text> : null}
          </Space>
        </Flex>
        <Flex vertical gap={4} data-testid="my-enterprise-eu-check">
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text>{standardName('eu-2003')}</Typography.Text>
            <Button size="small" icon={<ExperimentOutlined />} onClick={() => navigate(euLink)}>
              {t('my.euCheck')}
            </Button>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('my.euExplain')}
          </Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}

export default function MyEnterprisePage() {
  const t = useT();
  const loaded = useApiQuery(apiQuery('/api/my/enterprise'));
  const [fresh, setFresh] = useState<EnterpriseDetail | null>(null);
  const detail = fresh ?? loaded.data;
  const reload = () => {
    setFresh(null);
    loaded.reload();
  };
  const editing = useEnterpriseEditing({
    detail,
    onChanged: setFresh,
    onStale: reload,
    testIdPrefix: 'my-enterprise',
  });

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
        {t('my.title')}
      </Typography.Title>
      {loaded.error && !detail ? (
        <ErrorResult error={loaded.error} onRetry={reload} />
      ) : detail ? (
        <EnterpriseDetailView
          detail={detail}
          actions={editing.buttons}
          sizeExtra={<StandardsCard detail={detail} />}
        />
      ) : (
        <Skeleton active paragraph={{ rows: 10 }} />
      )}
      {editing.overlays}
    </Flex>
  );
}
