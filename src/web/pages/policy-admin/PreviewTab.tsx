/**
 * 匹配预览: how many of the official's region's active enterprises the saved draft would match today (eligible,
 * unknown for want of facts, not eligible), as cards and a pie, and the eligible ones, page by page.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Flex, Row, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, type Preview } from '../../api/client.ts';
import { donutOption } from '../../components/chartOptions.ts';
import { LazyChart } from '../../components/LazyChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatNumber, formatPercent } from '../../lib/format.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { composedQuery, useApiQuery } from '../../lib/queries.ts';

type PreviewItem = Preview['items'][number];

const PIE_COLORS = ['#52c41a', '#faad14', '#bfbfbf'];

interface PreviewTabProps {
  policyId: number;
  /** The editor has edits not saved yet (the preview reads the saved draft). */
  dirty: boolean;
  /** Changes when the draft is saved, to load again. */
  savedVersion: number;
}

export function PreviewTab({ policyId, dirty, savedVersion }: PreviewTabProps) {
  const { t, locale } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const preview = useApiQuery(
    // The saved version is part of the key: a new save is previewed anew.
    composedQuery('policy-preview', [policyId, page, pageSize, savedVersion], (signal) =>
      api.previewPolicy(policyId, page, pageSize, signal),
    ),
    { keepPrevious: true },
  );
  const data = preview.data;

  const option = useMemo(() => {
    if (!data) return null;
    const base = donutOption(
      [
        { name: t('policyAdmin.preview.eligible'), value: data.eligible },
        { name: t('policyAdmin.preview.unknown'), value: data.unknown },
        { name: t('policyAdmin.preview.notEligible'), value: data.notEligible },
      ],
      t('policyAdmin.preview.chart'),
    );
    return { ...base, color: PIE_COLORS };
  }, [data, t]);

  const cards = data
    ? [
        { key: 'eligible', title: t('policyAdmin.preview.eligible'), value: data.eligible, color: '#389e0d' },
        { key: 'unknown', title: t('policyAdmin.preview.unknown'), value: data.unknown, color: '#d48806' },
        {
          key: 'not-eligible',
          title: t('policyAdmin.preview.notEligible'),
          value: data.notEligible,
          color: '#8c8c8c',
        },
        { key: 'total', title: t('policyAdmin.preview.total'), value: data.total, color: undefined },
      ]
    : [];

  return (
    <Flex vertical gap={16}>
      {dirty ? <Alert type="warning" showIcon title={t('policyAdmin.preview.dirty')} /> : null}
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          {t('policyAdmin.preview.intro', { date: data ? formatDate(data.date, locale) : '—' })}
        </Typography.Text>
        <Button icon={<ReloadOutlined />} onClick={preview.reload} loading={preview.loading}>
          {t('common.reload')}
        </Button>
      </Flex>
      <LoadError error={preview.error} onRetry={preview.reload} style={{ marginBottom: 0 }} />
      {data ? (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            <Row gutter={[12, 12]}>
              {cards.map((card) => (
                <Col xs={12} key={card.key}>
                  <Card size="small">
                    <Statistic
                      title={card.title}
                      value={formatNumber(card.value, locale)}
                      suffix={
                        card.key === 'total' ? (
                          t('common.enterprisesUnit')
                        ) : (
                          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                            {formatPercent(card.value, data.total, locale)}
                          </Typography.Text>
                        )
                      }
                      styles={card.color ? { content: { color: card.color } } : undefined}
                      data-testid={`policy-preview-${card.key}`}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('policyAdmin.preview.chart')}>
              {option && data.total > 0 ? (
                <LazyChart option={option} label={t('policyAdmin.preview.chart')} height={200} />
              ) : (
                <Typography.Text type="secondary">{t('policyAdmin.preview.noEnterprises')}</Typography.Text>
              )}
            </Card>
          </Col>
        </Row>
      ) : null}
      <Card size="small" title={t('policyAdmin.preview.list')}>
        <Table<PreviewItem>
          rowKey="id"
          size="small"
          loading={preview.loading}
          dataSource={data?.items ?? []}
          tableLayout="fixed"
          data-testid="policy-preview-table"
          columns={[
            {
              key: 'name',
              title: t('enterprise.name'),
              ellipsis: { showTitle: true },
              render: (_, row) => <Link to={`/app/enterprises/${row.id}`}>{row.name}</Link>,
            },
            {
              key: 'uscc',
              title: t('enterprise.uscc'),
              width: 200,
              render: (_, row) => <span className="huiqi-mono">{row.uscc}</span>,
            },
            {
              key: 'region',
              title: t('enterprise.region'),
              ellipsis: { showTitle: true },
              render: (_, row) => <RegionName code={row.regionCode} full />,
            },
          ]}
          pagination={serverPagination({
            page,
            pageSize,
            total: data?.eligible ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (nextPage, nextSize) => {
              setPage(nextPage);
              setPageSize(nextSize);
            },
          })}
        />
      </Card>
    </Flex>
  );
}
