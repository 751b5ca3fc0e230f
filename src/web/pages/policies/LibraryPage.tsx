/**
 * `/policies` (public): the policy library. Chinese full-text search, filters (issuer, region, topic, size class,
 * method, status, effective dates) and a paged list. The search and filters live in the URL query string, so a
 * search can be shared and the browser's Back button returns to it.
 */
import { FileSearchOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Input,
  Pagination,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { LibraryFilters, LibraryItem } from '../../api/client.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { PAGE_SIZES } from '../../lib/pagination.ts';
import { apiQuery, referenceQuery, useApiQuery } from '../../lib/queries.ts';
import {
  matching,
  oneOf,
  positiveParam,
  textParam,
  trimmedParam,
  useUrlFilters,
} from '../../lib/urlFilters.ts';
import {
  DemoTag,
  dateParam,
  hasEnglish,
  METHODS,
  type Method,
  MethodTag,
  POLICY_SIZES,
  type PolicySize,
  type PolicyState,
  pickText,
  STATES,
  StateTag,
  useLabels,
  useRegionNames,
} from './policyParts.tsx';

/** URL parameters of the filters (page and page size apart). */
const FILTER_KEYS = ['q', 'issuer', 'region', 'topic', 'size', 'method', 'status', 'from', 'to'] as const;

/** The search term's occurrences in a text, marked. */
function Highlight({ text, term }: { text: string; term: string | undefined }): ReactNode {
  const needle = term?.trim();
  if (!needle) return text;
  const parts = text.split(needle);
  if (parts.length === 1) return text;
  return parts.flatMap((part, i) =>
    i === 0
      ? [part]
      : [
          // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one string have no other identity
          <mark key={i} style={{ padding: 0, background: '#ffe58f' }}>
            {needle}
          </mark>,
          part,
        ],
  );
}

function LibraryEntry({ item, term, from }: { item: LibraryItem; term: string | undefined; from: string }) {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const regionNames = useRegionNames(item.regions);
  const regions =
    item.regions.length === 0
      ? t('library.field.national')
      : item.regions.map((code) => regionNames[code]).join(t('check.listSeparator'));
  return (
    <Card size="small" data-testid="library-item" data-policy-id={item.id}>
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="start" gap={12} wrap>
          <Typography.Title level={5} style={{ margin: 0, flex: '1 1 320px' }}>
            <Link to={`/policies/${item.id}`} state={{ from }} data-testid="library-item-title">
              <Highlight text={pickText(item.title, locale)} term={term} />
            </Link>
          </Typography.Title>
          <Space size={4} wrap>
            {locale === 'en' && !hasEnglish(item.title) ? (
              <Tag color="purple" title={t('library.chineseOnlyHint')} data-testid="chinese-only">
                {t('library.chineseOnly')}
              </Tag>
            ) : null}
            <StateTag state={item.state} />
            <MethodTag method={item.method} />
            {item.demo ? <DemoTag /> : null}
          </Space>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          <Highlight text={item.documentNumber} term={term} />
          {' · '}
          {item.issuer}
        </Typography.Text>
        <Typography.Paragraph
          style={{ margin: 0 }}
          ellipsis={{ rows: 2, tooltip: pickText(item.benefit, locale) }}
        >
          {pickText(item.benefit, locale)}
        </Typography.Paragraph>
        <Flex gap={16} wrap style={{ fontSize: 13, color: '#595959' }}>
          {item.issuedOn ? (
            <span>{t('library.item.issuedOn', { date: formatDate(item.issuedOn, locale) })}</span>
          ) : null}
          <span>{t('library.item.effectiveFrom', { date: formatDate(item.effectiveFrom, locale) })}</span>
          <span>
            {item.expiresOn
              ? t('library.item.expiresOn', { date: formatDate(item.expiresOn, locale) })
              : t('library.item.noExpiry')}
          </span>
          <span>{t('library.item.regions', { regions })}</span>
          {item.topics.length > 0 ? (
            <span>
              {item.topics.map((topic) => (
                <Tag key={topic} variant="filled" style={{ marginInlineEnd: 4 }}>
                  {labels.topic(topic)}
                </Tag>
              ))}
            </span>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}

/** The library's filters, page and page size in the URL. */
function readLibraryFilters(params: URLSearchParams) {
  const filters: LibraryFilters = {
    q: trimmedParam(params.get('q')),
    issuer: textParam(params.get('issuer')),
    region: matching(/^\d{6}$/)(params.get('region')),
    topic: textParam(params.get('topic')),
    size: oneOf<PolicySize>(POLICY_SIZES, params.get('size')),
    method: oneOf<Method>(METHODS, params.get('method')),
    status: oneOf<PolicyState>(STATES, params.get('status')),
    from: dateParam(params.get('from')),
    to: dateParam(params.get('to')),
  };
  return {
    ...filters,
    page: positiveParam(params.get('page'), 1_000_000) ?? 1,
    pageSize: positiveParam(params.get('pageSize'), 200) ?? 10,
  };
}

export default function LibraryPage() {
  const { t, locale } = useI18n();
  const labels = useLabels();
  const location = useLocation();
  // A filter change is a new history entry, so Back undoes it.
  const { filters: read, params, update, reset } = useUrlFilters(readLibraryFilters, 'push');
  const { page, pageSize, ...filters } = read;
  const query: LibraryFilters = { ...filters, page, pageSize };
  const filtered = FILTER_KEYS.some((key) => filters[key] !== undefined);

  const qParam = params.get('q') ?? '';
  const [searchText, setSearchText] = useState(qParam);
  useEffect(() => setSearchText(qParam), [qParam]);

  const list = useApiQuery(apiQuery('/api/public/policies', { query, anonymousOk: true }), {
    keepPrevious: true,
  });
  const facets = useApiQuery(referenceQuery('/api/public/policies/facets', { anonymousOk: true }));

  const listTop = useRef<HTMLDivElement>(null);
  const from = `${location.pathname}${location.search}`;

  const clear = () => {
    setSearchText('');
    reset(params.get('pageSize') ? { pageSize } : {});
  };

  return (
    <div style={{ maxWidth: 1200, margin: '0 auto', padding: '32px 24px 48px' }}>
      <Flex vertical gap={4} style={{ marginBottom: 24 }}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          <FileSearchOutlined style={{ color: '#1458c4' }} /> {t('library.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('library.subtitle')}</Typography.Text>
      </Flex>

      <Card style={{ marginBottom: 16 }}>
        <Flex vertical gap={12}>
          <Input.Search
            allowClear
            size="large"
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
            onSearch={(value) => update({ q: value.trim() })}
            placeholder={t('library.searchPlaceholder')}
            enterButton={t('common.search')}
            maxLength={100}
            aria-label={t('library.searchPlaceholder')}
            data-testid="library-search"
          />
          <Row gutter={[12, 12]}>
            <Col xs={24} sm={12} lg={8}>
              <Select<string>
                allowClear
                showSearch
                value={filters.issuer}
                placeholder={t('library.filter.issuer')}
                aria-label={t('library.filter.issuer')}
                onChange={(value) => update({ issuer: value })}
                options={(facets.data?.issuers ?? []).map((value) => ({ value, label: value }))}
                loading={facets.loading}
                style={{ width: '100%' }}
                data-testid="library-issuer"
              />
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <ScopedRegionCascader
                value={filters.region}
                onChange={(code) => update({ region: code })}
                placeholder={t('library.filter.region')}
                ariaLabel={t('library.filter.region')}
                testId="library-region"
              />
            </Col>
            <Col xs={12} sm={12} lg={8}>
              <Select<string>
                allowClear
                value={filters.topic}
                placeholder={t('library.filter.topic')}
                aria-label={t('library.filter.topic')}
                onChange={(value) => update({ topic: value })}
                options={(facets.data?.topics ?? []).map((value) => ({ value, label: labels.topic(value) }))}
                loading={facets.loading}
                style={{ width: '100%' }}
                data-testid="library-topic"
              />
            </Col>
            <Col xs={12} sm={8} lg={5}>
              <Select<PolicySize>
                allowClear
                value={filters.size}
                placeholder={t('library.filter.size')}
                aria-label={t('library.filter.size')}
                onChange={(value) => update({ size: value })}
                options={POLICY_SIZES.map((value) => ({ value, label: labels.size(value) }))}
                style={{ width: '100%' }}
                data-testid="library-size"
              />
            </Col>
            <Col xs={12} sm={8} lg={5}>
              <Select<Method>
                allowClear
                value={filters.method}
                placeholder={t('library.filter.method')}
                aria-label={t('library.filter.method')}
                onChange={(value) => update({ method: value })}
                options={METHODS.map((value) => ({ value, label: labels.method(value) }))}
                style={{ width: '100%' }}
                data-testid="library-method"
              />
            </Col>
            <Col xs={12} sm={8} lg={4}>
              <Select<PolicyState>
                allowClear
                value={filters.status}
                placeholder={t('library.filter.status')}
                aria-label={t('library.filter.status')}
                onChange={(value) => update({ status: value })}
                options={STATES.map((value) => ({ value, label: labels.state(value) }))}
                style={{ width: '100%' }}
                data-testid="library-status"
              />
            </Col>
            <Col xs={24} sm={24} lg={10}>
              <DatePicker.RangePicker
                allowEmpty={[true, true]}
                value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
                placeholder={[t('library.filter.effectiveStart'), t('library.filter.effectiveEnd')]}
                onChange={(range) =>
                  update({
                    from: range?.[0]?.format('YYYY-MM-DD'),
                    to: range?.[1]?.format('YYYY-MM-DD'),
                  })
                }
                style={{ width: '100%' }}
                data-testid="library-dates"
              />
            </Col>
          </Row>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text data-testid="library-total">
              {list.data
                ? t('library.found', { total: formatNumber(list.data.total, locale) })
                : t('common.loading')}
            </Typography.Text>
            <Space>
              <Button onClick={clear} disabled={!filtered} data-testid="library-clear">
                {t('library.filter.clear')}
              </Button>
              <Button icon={<ReloadOutlined />} onClick={list.reload}>
                {t('common.reload')}
              </Button>
            </Space>
          </Flex>
        </Flex>
      </Card>

      <div ref={listTop} />
      <LoadError error={list.error} onRetry={list.reload} />

      {list.data === undefined ? (
        list.loading ? (
          <Card>
            <Skeleton active paragraph={{ rows: 6 }} />
          </Card>
        ) : null
      ) : list.data.items.length === 0 ? (
        <Card>
          <Empty
            data-testid="library-empty"
            description={
              list.data.notice === 'query_has_no_words' ? (
                <Flex vertical gap={4} data-testid="library-no-words">
                  <Typography.Text strong>{t('library.noWords')}</Typography.Text>
                  <Typography.Text type="secondary">{t('library.noWordsHint')}</Typography.Text>
                </Flex>
              ) : (
                <Flex vertical gap={4}>
                  <Typography.Text strong>{t('library.empty')}</Typography.Text>
                  <Typography.Text type="secondary">{t('library.emptyHint')}</Typography.Text>
                </Flex>
              )
            }
          >
            {filtered ? (
              <Button type="primary" onClick={clear}>
                {t('library.filter.clear')}
              </Button>
            ) : null}
          </Empty>
        </Card>
      ) : (
        <Flex vertical gap={12} style={{ opacity: list.loading ? 0.6 : 1 }} aria-busy={list.loading}>
          {list.data.items.map((item) => (
            <LibraryEntry key={item.id} item={item} term={filters.q} from={from} />
          ))}
          <Flex justify="end">
            <Pagination
              current={page}
              pageSize={pageSize}
              total={list.data.total}
              showSizeChanger
              pageSizeOptions={PAGE_SIZES}
              showTotal={(total) => t('common.total', { total })}
              onChange={(nextPage, nextSize) => {
                update({ page: nextSize === pageSize ? nextPage : 1, pageSize: nextSize });
                const top = listTop.current?.getBoundingClientRect().top;
                if (top !== undefined && top < 0)
                  window.scrollTo({ top: window.scrollY + top - 80, behavior: 'smooth' });
              }}
              data-testid="library-pagination"
            />
          </Flex>
        </Flex>
      )}
    </div>
  );
}
