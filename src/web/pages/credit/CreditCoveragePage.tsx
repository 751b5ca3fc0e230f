/**
 * `/app/credit/coverage` (officials, admins): credit information about the region's enterprises by category of the
 * sharing list (issue 14, measure 4) — enterprises with a published record, their share, the records and how fresh
 * they are — with a region filter kept in the URL and the table's download.
 */
import { CloudUploadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Progress, Row, Space, Table, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { type CreditCoverageRow, downloads } from '../../api/client.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { DownloadButton } from '../../components/DownloadButton.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { matching, paramReader, useUrlFilters } from '../../lib/urlFilters.ts';

const readFilters = paramReader({ region: matching(/^\d{6}$/) });

export default function CreditCoveragePage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const { filters, update } = useUrlFilters(readFilters);
  const rootCode = user?.role === 'official' ? user.regionCode : null;
  const coverage = useApiQuery(
    apiQuery('/api/credit/coverage', { query: filters.region ? { region: filters.region } : {} }),
    { keepPrevious: true },
  );
  const data = coverage.data;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('credit.coverage.title')}
        </Typography.Title>
        <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/app/imports?kind=credit_records')}>
          {t('credit.coverage.import')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('credit.coverage.intro')}
      </Typography.Paragraph>
      <Card size="small">
        <Row gutter={[16, 16]} align="middle">
          <Col xs={24} sm={12} lg={8}>
            <ScopedRegionCascader
              rootCode={rootCode}
              value={filters.region}
              onChange={(code) => update({ region: code })}
              placeholder={t('credit.coverage.region')}
              ariaLabel={t('credit.coverage.region')}
              testId="credit-coverage-region"
            />
          </Col>
          <Col xs={24} sm={12} lg={10}>
            {data ? (
              <Typography.Text type="secondary" data-testid="credit-coverage-total">
                {t('credit.coverage.enterprises', {
                  count: formatNumber(data.enterprises, locale),
                  date: formatDate(data.asOf, locale),
                })}
              </Typography.Text>
            ) : null}
          </Col>
          <Col xs={24} lg={6} style={{ textAlign: 'right' }}>
            <Space>
              {(['csv', 'xlsx'] as const).map((format) => (
                <DownloadButton
                  key={format}
                  size="small"
                  url={downloads.creditCoverage(filters.region, format)}
                  fileName={`credit-coverage.${format}`}
                  data-testid={`credit-coverage-export-${format}`}
                >
                  {`${t('credit.coverage.export')} ${format.toUpperCase()}`}
                </DownloadButton>
              ))}
            </Space>
          </Col>
        </Row>
      </Card>
      <LoadError error={coverage.error} onRetry={coverage.reload} />
      <Table<CreditCoverageRow>
        size="small"
        rowKey="category"
        loading={coverage.loading}
        dataSource={data?.categories ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        data-testid="credit-coverage-table"
        columns={[
          {
            key: 'category',
            title: t('credit.coverage.col.category'),
            render: (_, row) => (locale === 'en' ? row.nameEn : row.nameZh),
          },
          {
            key: 'enterprises',
            title: t('credit.coverage.col.enterprises'),
            align: 'right',
            width: 140,
            render: (_, row) => formatNumber(row.enterprises, locale),
          },
          {
            key: 'share',
            title: t('credit.coverage.col.share'),
            width: 200,
            render: (_, row) => (
              <Progress percent={Math.round(row.share * 1000) / 10} size="small" format={(p) => `${p}%`} />
            ),
          },
          {
            key: 'records',
            title: t('credit.coverage.col.records'),
            align: 'right',
            width: 110,
            render: (_, row) => formatNumber(row.records, locale),
          },
          {
            key: 'newest',
            title: t('credit.coverage.col.newest'),
            width: 130,
            render: (_, row) => formatDate(row.newest, locale),
          },
          {
            key: 'median',
            title: t('credit.coverage.col.median'),
            width: 130,
            render: (_, row) => formatDate(row.median, locale),
          },
        ]}
      />
    </Flex>
  );
}
