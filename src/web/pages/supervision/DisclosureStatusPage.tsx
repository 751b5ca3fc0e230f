/**
 * `/app/disclosures` (officials, admins): the annual disclosure of overdue payments (保障中小企业款项支付条例:
 * government bodies and public institutions publish last year's overdue contracts, count and amount, by 31 March).
 * For a year (default last year, in the URL): the public bodies of the region with complaints against them, the
 * overdue contracts and amount generated from the complaints, whether and when each published, published late, and
 * — highlighted — those past the due date with overdue contracts that have not published. Exported as CSV.
 */
import { DownloadOutlined, ExportOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { Link } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import type { DisclosureStatusItem } from '../../api/supervision.ts';
import { ErrorResult } from '../../components/ErrorResult.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import type { MessageKey } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { downloadCsv, toCsv } from '../../lib/csv.ts';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { apiQuery, useApiQuery } from '../../lib/queries.ts';
import { useUrlFilters } from '../../lib/urlFilters.ts';
import {
  chinaDay,
  chosenYear,
  type DisclosureState,
  debtorKindName,
  disclosureCounts,
  disclosureState,
  disclosureYears,
  formatYuan,
} from './supervisionModel.ts';

const STATE_TAGS: Record<DisclosureState, { color: string; label: MessageKey }> = {
  published: { color: 'green', label: 'disclosures.state.published' },
  late: { color: 'orange', label: 'disclosures.state.late' },
  overdue: { color: 'red', label: 'disclosures.state.overdue' },
  pending: { color: 'blue', label: 'disclosures.state.pending' },
  none: { color: 'default', label: 'disclosures.state.none' },
};

/** Background of a body that should have published and has not. */
const OVERDUE_ROW = { background: '#fff1f0' } as const;

export default function DisclosureStatusPage() {
  const { t, locale } = useI18n();
  const today = todayInChina();
  const years = disclosureYears(today);
  const { filters: year, update } = useUrlFilters((params) => chosenYear(params.get('year'), years));

  const status = useApiQuery(
    { ...apiQuery('/api/supervision/disclosures', { query: { year: year ?? 0 } }), enabled: !!year },
    {
      keepPrevious: true,
    },
  );
  const data = status.data;
  const counts = data ? disclosureCounts(data.items) : null;
  const kindName = (kind: string | null) => (kind ? debtorKindName(t, kind) : '—');
  const stateName = (item: DisclosureStatusItem) => t(STATE_TAGS[disclosureState(item)].label);

  const exportCsv = () => {
    if (!data) return;
    const csv = toCsv(
      [
        t('disclosures.col.name'),
        t('disclosures.col.uscc'),
        t('disclosures.col.kind'),
        t('disclosures.col.contracts'),
        t('disclosures.col.amount'),
        t('disclosures.col.published'),
        t('disclosures.col.publishedOn'),
        t('disclosures.col.state'),
      ],
      data.items.map((item) => [
        item.name ?? '',
        item.uscc,
        kindName(item.kind),
        item.contracts,
        item.amount,
        item.published ? t('disclosures.published.yes') : t('disclosures.published.no'),
        item.published ? chinaDay(item.published.publishedAt) : '',
        stateName(item),
      ]),
    );
    downloadCsv(`${t('disclosures.csvName')}-${data.year}`, csv);
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <Flex vertical gap={4} style={{ maxWidth: 900 }}>
          <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
            {t('disclosures.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('disclosures.intro')}</Typography.Text>
        </Flex>
        <Link to="/arrears-disclosures" data-testid="disclosures-public-link">
          <ExportOutlined /> {t('disclosures.publicLink')}
        </Link>
      </Flex>

      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Space wrap size={16}>
            <Select<number>
              value={year}
              aria-label={t('disclosures.year')}
              onChange={(value) => update({ year: value })}
              options={years.map((value) => ({ value, label: t('disclosures.yearOption', { year: value }) }))}
              style={{ width: 140 }}
              data-testid="disclosures-year"
            />
            {data ? (
              <Space size={8} data-testid="disclosures-due">
                <Typography.Text strong>
                  {t('disclosures.dueOn', { date: formatDate(data.dueOn, locale) })}
                </Typography.Text>
                {today > data.dueOn ? (
                  <Tag color="default">{t('disclosures.duePassed')}</Tag>
                ) : (
                  <Tag color="blue">{t('disclosures.dueAhead')}</Tag>
                )}
              </Space>
            ) : null}
          </Space>
          <Space>
            <Button
              icon={<DownloadOutlined />}
              onClick={exportCsv}
              disabled={!data || data.items.length === 0}
              data-testid="disclosures-export"
            >
              {t('disclosures.exportCsv')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={status.reload} aria-label={t('common.reload')} />
          </Space>
        </Flex>
      </Card>

      {years.length === 0 ? (
        <Empty description={t('disclosures.noYears')} />
      ) : !data ? (
        status.error ? (
          <ErrorResult error={status.error} onRetry={status.reload} />
        ) : (
          <Skeleton active paragraph={{ rows: 8 }} />
        )
      ) : (
        <>
          <LoadError error={status.error} onRetry={status.reload} style={{ marginBottom: 0 }} />
          {counts ? (
            <Row gutter={[12, 12]} data-testid="disclosures-counts">
              <Col xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic
                    title={t('disclosures.count.bodies')}
                    value={formatNumber(counts.bodies, locale)}
                  />
                </Card>
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic
                    title={t('disclosures.count.published')}
                    value={formatNumber(counts.published, locale)}
                  />
                </Card>
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic title={t('disclosures.count.late')} value={formatNumber(counts.late, locale)} />
                </Card>
              </Col>
              <Col xs={12} md={8} xl={4}>
                <Card size="small">
                  <Statistic
                    title={t('disclosures.count.overdue')}
                    value={formatNumber(counts.overdue, locale)}
                    styles={counts.overdue > 0 ? { content: { color: '#cf1322' } } : undefined}
                  />
                </Card>
              </Col>
              <Col xs={24} md={16} xl={8}>
                <Card size="small">
                  <Statistic
                    title={t('disclosures.count.amount')}
                    value={formatYuan(counts.amount, locale)}
                  />
                </Card>
              </Col>
            </Row>
          ) : null}
          <Card>
            <Table<DisclosureStatusItem>
              rowKey="uscc"
              size="middle"
              loading={status.loading}
              dataSource={data.items}
              pagination={data.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
              scroll={{ x: 1080 }}
              locale={{ emptyText: <Empty description={t('disclosures.empty')} /> }}
              onRow={(item) => (item.overdue ? { style: OVERDUE_ROW } : {})}
              expandable={
                data.items.some(hasPublishedDetails)
                  ? {
                      rowExpandable: hasPublishedDetails,
                      expandedRowRender: (item) => <PublishedDetails item={item} />,
                    }
                  : undefined
              }
              data-testid="disclosures-table"
              columns={[
                {
                  key: 'name',
                  title: t('disclosures.col.name'),
                  ellipsis: true,
                  render: (_, item) => item.name ?? '—',
                },
                {
                  key: 'uscc',
                  title: t('disclosures.col.uscc'),
                  width: 180,
                  render: (_, item) => <span className="huiqi-mono">{item.uscc}</span>,
                },
                {
                  key: 'kind',
                  title: t('disclosures.col.kind'),
                  width: 110,
                  render: (_, item) => kindName(item.kind),
                },
                {
                  key: 'contracts',
                  title: t('disclosures.col.contracts'),
                  width: 120,
                  align: 'right',
                  render: (_, item) => formatNumber(item.contracts, locale),
                },
                {
                  key: 'amount',
                  title: t('disclosures.col.amount'),
                  width: 140,
                  align: 'right',
                  render: (_, item) => formatYuan(item.amount, locale),
                },
                {
                  key: 'published',
                  title: t('disclosures.col.published'),
                  width: 150,
                  render: (_, item) =>
                    item.published ? (
                      <Flex vertical>
                        <span>{t('disclosures.published.yes')}</span>
                        {item.published.contracts !== item.contracts ||
                        item.published.amount !== item.amount ? (
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('disclosures.publishedFigures', {
                              contracts: formatNumber(item.published.contracts, locale),
                              amount: formatYuan(item.published.amount, locale),
                            })}
                          </Typography.Text>
                        ) : null}
                      </Flex>
                    ) : (
                      <Typography.Text type="secondary">{t('disclosures.published.no')}</Typography.Text>
                    ),
                },
                {
                  key: 'publishedOn',
                  title: t('disclosures.col.publishedOn'),
                  width: 130,
                  render: (_, item) => (
                    <span style={{ whiteSpace: 'nowrap' }}>
                      {item.published ? formatDate(chinaDay(item.published.publishedAt), locale) : '—'}
                    </span>
                  ),
                },
                {
                  key: 'state',
                  title: t('disclosures.col.state'),
                  width: 140,
                  render: (_, item) => {
                    const state = disclosureState(item);
                    return (
                      <Tag color={STATE_TAGS[state].color} data-testid={`disclosures-state-${item.uscc}`}>
                        {t(STATE_TAGS[state].label)}
                      </Tag>
                    );
                  },
                },
              ]}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}

/** Whether a body's published disclosure has contracts or a note to show under its row. */
function hasPublishedDetails(item: DisclosureStatusItem): boolean {
  return (item.published?.details.length ?? 0) > 0 || Boolean(item.published?.note);
}

/** The contracts and the note of a published disclosure. */
function PublishedDetails({ item }: { item: DisclosureStatusItem }) {
  const { t, locale } = useI18n();
  const published = item.published;
  if (!published) return null;
  return (
    <Flex vertical gap={8}>
      {published.note ? (
        <Typography.Text>{t('disclosures.note', { note: published.note })}</Typography.Text>
      ) : null}
      {published.details.length > 0 ? (
        <Table
          size="small"
          rowKey={(row) => `${row.contractNumber}-${row.caseNumber}`}
          dataSource={published.details}
          pagination={false}
          title={() => t('disclosures.details')}
          columns={[
            {
              key: 'contract',
              title: t('disclosures.detail.contract'),
              render: (_, row) => row.contractNumber,
            },
            {
              key: 'case',
              title: t('disclosures.detail.case'),
              render: (_, row) => <span className="huiqi-mono">{row.caseNumber}</span>,
            },
            {
              key: 'dueDate',
              title: t('disclosures.detail.dueDate'),
              render: (_, row) => (
                <span style={{ whiteSpace: 'nowrap' }}>{formatDate(row.dueDate, locale)}</span>
              ),
            },
            {
              key: 'daysOverdue',
              title: t('disclosures.detail.daysOverdue'),
              align: 'right',
              render: (_, row) => formatNumber(row.daysOverdue, locale),
            },
            {
              key: 'outstanding',
              title: t('disclosures.detail.outstanding'),
              align: 'right',
              render: (_, row) => formatYuan(row.outstanding, locale),
            },
          ]}
        />
      ) : null}
    </Flex>
  );
}
