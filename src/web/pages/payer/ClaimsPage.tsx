/**
 * `/app/claims` (a debtor body's official): the overdue-payment complaints against the organisation once a
 * department accepted them, newest first and paged — open ones (still to be answered) or all; searched by complaint
 * or contract number. Above the list: how many are open and what is unpaid on them. Each row: the contract, its
 * amounts, the statutory due date and days overdue, the state and our answer. The filter and search live in the
 * address (`?scope=all&q=…`).
 */
import { ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Row,
  Segmented,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Claim } from '../../api/payer.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { usePaging } from '../../lib/pagination.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { useUrlFilters } from '../../lib/urlFilters.ts';
import { StateTag } from '../my-cases/caseParts.tsx';
import { formatMoney } from '../payments/paymentForm.ts';
import { unpaidAmount } from './claimModel.ts';
import { OverdueTag, PositionTag } from './claimParts.tsx';

type Scope = 'open' | 'all';

/** The list's scope (open claims unless 'all') and search, in the URL. */
function readClaimFilters(params: URLSearchParams): { scope: Scope; q: string } {
  return { scope: params.get('scope') === 'all' ? 'all' : 'open', q: params.get('q')?.trim() ?? '' };
}

export default function ClaimsPage() {
  const { t, locale } = useI18n();
  const { filters, update } = useUrlFilters(readClaimFilters);
  const { scope, q } = filters;
  const [searchText, setSearchText] = useState(q);
  const paging = usePaging(20);
  const { page, pageSize, toFirstPage } = paging;
  const list = useApiQuery(
    apiQuery('/api/payer/claims', {
      query: { open: scope === 'open' ? true : undefined, q: q || undefined, page, pageSize },
    }),
    { keepPrevious: true },
  );
  const data = list.data;

  // The address changed (Back, a link): the search box follows.
  useEffect(() => setSearchText(q), [q]);

  const setParam = (key: 'scope' | 'q', value: string | null) => {
    toFirstPage();
    update({ [key]: value });
  };

  const money = (value: number) => formatMoney(value, locale);
  const columns: TableColumnsType<Claim> = [
    {
      title: t('payer.col.number'),
      dataIndex: 'number',
      width: 165,
      fixed: 'left',
      render: (_, row) => (
        <Link to={`/app/claims/${row.id}`} className="huiqi-mono" data-testid={`claim-link-${row.id}`}>
          {row.number}
        </Link>
      ),
    },
    {
      title: t('payer.col.contract'),
      key: 'contract',
      width: 170,
      render: (_, row) => (
        <Flex vertical gap={0}>
          <span className="huiqi-mono">{row.contractNumber || '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('payer.col.signedOn', { date: formatDate(row.signedOn, locale) })}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('payer.col.amount'), dataIndex: 'amount', align: 'right', width: 125, render: money },
    { title: t('payer.col.repaid'), dataIndex: 'repaid', align: 'right', width: 115, render: money },
    {
      title: t('payer.col.unpaid'),
      key: 'unpaid',
      align: 'right',
      width: 125,
      render: (_, row) => <Typography.Text strong>{money(unpaidAmount(row))}</Typography.Text>,
    },
    {
      title: t('payer.col.due'),
      key: 'due',
      width: 150,
      render: (_, row) =>
        row.assessment ? (
          <Flex vertical gap={2} align="start">
            <span>
              {row.assessment.dueDate ? formatDate(row.assessment.dueDate, locale) : t('payer.noDueDate')}
            </span>
            <OverdueTag days={row.assessment.daysOverdue} />
          </Flex>
        ) : (
          '—'
        ),
    },
    { title: t('payer.col.state'), key: 'state', width: 100, render: (_, row) => <StateTag row={row} /> },
    {
      title: t('payer.col.answer'),
      key: 'answer',
      width: 130,
      render: (_, row) => (
        <Flex vertical gap={2} align="start">
          <PositionTag position={row.debtorPosition} state={row.state} />
          {row.debtorAnsweredOn ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDate(row.debtorAnsweredOn, locale)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('payer.claims.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('payer.claims.intro')}</Typography.Text>
      </Flex>

      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} lg={8}>
          <Card size="small">
            <Statistic
              title={t('payer.claims.open')}
              value={data ? formatNumber(data.open, locale) : '—'}
              suffix={data ? t('payer.home.unitCases') : undefined}
              data-testid="claims-open"
              data-value={data?.open}
            />
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Card size="small">
            <Statistic
              title={t('payer.claims.outstanding')}
              value={data ? money(data.outstanding) : '—'}
              suffix={data ? t('pay.unit.yuan') : undefined}
              styles={{ content: { color: data && data.outstanding > 0 ? '#cf1322' : undefined } }}
              data-testid="claims-outstanding"
              data-value={data?.outstanding}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('payer.claims.outstandingHelp')}
            </Typography.Text>
          </Card>
        </Col>
      </Row>

      <LoadError error={list.error} onRetry={list.reload} style={{ marginBottom: 0 }} />

      <Card styles={{ body: { padding: 0 } }}>
        <Flex
          gap={12}
          wrap
          align="center"
          style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
        >
          <Segmented<Scope>
            value={scope}
            onChange={(value) => setParam('scope', value === 'all' ? 'all' : null)}
            options={[
              { value: 'open', label: t('payer.claims.filter.open') },
              { value: 'all', label: t('payer.claims.filter.all') },
            ]}
            data-testid="claims-scope"
          />
          <Input.Search
            allowClear
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
            onSearch={(value) => setParam('q', value.trim())}
            placeholder={t('payer.claims.search')}
            aria-label={t('payer.claims.search')}
            enterButton={t('common.search')}
            maxLength={100}
            style={{ width: 340 }}
            data-testid="claims-search"
          />
          <Button icon={<ReloadOutlined />} onClick={list.reload} loading={list.loading}>
            {t('common.reload')}
          </Button>
        </Flex>
        <Table<Claim>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={list.loading}
          pagination={paging.pagination(data?.total)}
          scroll={{ x: 1080 }}
          locale={{
            emptyText: list.loading ? (
              ' '
            ) : (
              <Empty description={t(scope === 'open' ? 'payer.claims.emptyOpen' : 'payer.claims.empty')} />
            ),
          }}
          data-testid="claims-table"
        />
      </Card>
    </Flex>
  );
}
