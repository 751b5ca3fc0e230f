/**
 * `/app/my/financing/products` (an enterprise): the loan products serving its region (issue 15), each with whether
 * the enterprise qualifies and why — every condition explained as the policy engine explains it, the one condition
 * missed for a near miss — filtered to those it qualifies for, those it nearly does, or all; "申请" opens the demand
 * form for the product, told what the enterprise misses of it.
 */
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Pagination,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PRODUCT_KINDS } from '../../../reference/financing.ts';
import { financingQueries, type ProductFit, type ProductKindCode } from '../../api/financing.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useApiQuery } from '../../lib/queries.ts';
import { oneOf, paramReader, positiveParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { DemandModal } from './DemandModal.tsx';
import { colon, formatRate, formatRateRange, formatWanRange } from './financingFormat.ts';
import { FitView, PageHeading, useTermName, useTermOptions } from './financingParts.tsx';

const OUTCOMES = ['eligible', 'near', 'all'] as const;
const KIND_CODES = PRODUCT_KINDS.map((k) => k.code as ProductKindCode);
const readFilters = paramReader({
  outcome: (value) => oneOf(OUTCOMES, value) ?? 'all',
  kind: (value) => oneOf(KIND_CODES, value),
  page: (value) => positiveParam(value) ?? 1,
});
const PAGE_SIZE = 10;

export default function MyProductsPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const name = useTermName();
  const kindOptions = useTermOptions(PRODUCT_KINDS);
  const { filters, update } = useUrlFilters(readFilters);
  const [applying, setApplying] = useState<ProductFit | null>(null);
  const list = useApiQuery(
    financingQueries.myProducts({
      outcome: filters.outcome,
      kind: filters.kind,
      page: filters.page,
      pageSize: PAGE_SIZE,
    }),
    { keepPrevious: true },
  );
  const items = list.data?.items ?? [];
  return (
    <Flex vertical gap={16}>
      <PageHeading title={t('financing.myProducts.title')} intro={t('financing.myProducts.intro')} />
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <Segmented
            value={filters.outcome}
            onChange={(value) => update({ outcome: value === 'all' ? null : value, page: null })}
            options={OUTCOMES.map((o) => ({
              value: o,
              label: (
                <span data-testid={`products-outcome-${o}`}>{t(`financing.myProducts.outcome.${o}`)}</span>
              ),
            }))}
          />
          <Select<ProductKindCode>
            allowClear
            style={{ width: 260 }}
            placeholder={t('financing.product.kindAll')}
            value={filters.kind}
            onChange={(value) => update({ kind: value ?? null, page: null })}
            options={kindOptions}
            aria-label={t('financing.product.kind')}
          />
        </Flex>
      </Card>
      <LoadError error={list.error} onRetry={list.reload} />
      {list.loading && !list.data ? <Skeleton active /> : null}
      {list.data && items.length === 0 ? (
        <Card>
          <Empty description={t('financing.myProducts.empty')} />
        </Card>
      ) : null}
      <Row gutter={[16, 16]} data-testid="my-products">
        {items.map(({ product, fit }) => (
          <Col xs={24} xl={12} key={product.id}>
            <Card
              data-testid="my-product"
              data-product-id={product.id}
              title={
                <Flex vertical gap={0} style={{ padding: '8px 0' }}>
                  <Typography.Text strong>{product.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                    {product.institutionName} · {name(PRODUCT_KINDS, product.kind)}
                  </Typography.Text>
                </Flex>
              }
              extra={
                <Button
                  type="primary"
                  onClick={() => setApplying({ product, fit })}
                  data-testid={`product-apply-${product.id}`}
                >
                  {t('financing.myProducts.apply')}
                </Button>
              }
            >
              <Flex vertical gap={12}>
                <Space size={[16, 4]} wrap>
                  <span>
                    {t('financing.product.amount')}
                    {colon(locale)}
                    {formatWanRange(product.amountMin, product.amountMax, locale)}
                  </span>
                  <span>
                    {t('financing.product.term')}
                    {colon(locale)}
                    {t('financing.monthsRange', { min: product.termMinMonths, max: product.termMaxMonths })}
                  </span>
                  <span>
                    {t('financing.product.rate')}
                    {colon(locale)}
                    {formatRateRange(product.rateMin, product.rateMax)}
                  </span>
                  {product.guaranteeFeeRate !== null ? (
                    <span>
                      {t('financing.product.feeShort', { rate: formatRate(product.guaranteeFeeRate) })}
                      {product.feeAboveGuide ? (
                        <Tag color="orange" style={{ marginInlineStart: 4 }}>
                          {t('financing.product.feeAboveGuideShort')}
                        </Tag>
                      ) : null}
                    </span>
                  ) : null}
                </Space>
                {product.description ? (
                  <Typography.Paragraph
                    type="secondary"
                    style={{ margin: 0 }}
                    ellipsis={{ rows: 2, expandable: true }}
                  >
                    {product.description}
                  </Typography.Paragraph>
                ) : null}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('financing.product.regions')}
                  {colon(locale)}
                  {product.regions.map((code, i) => (
                    <span key={code}>
                      {i > 0 ? (locale === 'en' ? ', ' : '、') : ''}
                      <RegionName code={code} />
                    </span>
                  ))}
                </Typography.Text>
                <FitView fit={fit} testId="product-fit" />
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
      {list.data && list.data.total > PAGE_SIZE ? (
        <Flex justify="flex-end">
          <Pagination
            current={filters.page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            showTotal={(total) => t('common.total', { total })}
            onChange={(page) => update({ page: page === 1 ? null : page })}
          />
        </Flex>
      ) : null}
      {applying ? (
        <DemandModal
          product={applying.product}
          fit={applying.fit}
          onClose={() => setApplying(null)}
          onDone={(detail) => {
            setApplying(null);
            navigate(`/app/my/financing/demands/${detail.demand.id}`);
          }}
        />
      ) : null}
    </Flex>
  );
}
