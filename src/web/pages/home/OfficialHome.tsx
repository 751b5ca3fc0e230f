/**
 * Official's workspace: the cases by deadline (open, overdue, due soon; the first few of each linking to the case,
 * the counts to the case queue), the region's enterprise count, a bar chart and table by sub-region (click a bar to
 * find it in the region browser, which walks the public region tree via /api/regions; a county has no sub-regions
 * and shows neither), and a donut by industry section.
 */
import { ApartmentOutlined, EnvironmentOutlined, ScheduleOutlined } from '@ant-design/icons';
import {
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  type GetRef,
  List,
  Progress,
  Row,
  Spin,
  Statistic,
  Table,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, type Home, type User } from '../../api/client.ts';
import { donutOption, verticalBarOption } from '../../components/chartOptions.ts';
import { LazyChart } from '../../components/LazyChart.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { RegistryLinks } from '../../components/RegistryLinks.tsx';
import type { Locale } from '../../i18n/core.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatNumber, formatPercent } from '../../lib/format.ts';
import { composedQuery, referenceQuery, useApiQuery } from '../../lib/queries.ts';
import { regionName } from '../../lib/regions.ts';

type RegionSummary = NonNullable<Home['region']>;
type CaseDigest = NonNullable<RegionSummary['cases']>;
type DigestCase = CaseDigest['overdue']['items'][number];

/** A county (GB/T 2260: not ending in 00) is the lowest level: it has no sub-regions to show. */
const isCounty = (code: string) => /^\d{6}$/.test(code) && !code.endsWith('00');

const OVERDUE_COLOR = '#cf1322';

/** The official's open cases by deadline: counts linking to the queue, the first few cases linking to each. */
function CaseDeadlines({ digest }: { digest: CaseDigest }) {
  const { t, locale } = useI18n();
  const count = (value: number) => formatNumber(value, locale);
  const list = (items: DigestCase[], total: number, empty: string, testId: string, overdue: boolean) => (
    <List<DigestCase>
      size="small"
      dataSource={items}
      locale={{ emptyText: empty }}
      data-testid={testId}
      footer={
        total > items.length ? (
          <Typography.Text type="secondary">
            {t('supervision.home.more', { count: count(total - items.length) })}
          </Typography.Text>
        ) : undefined
      }
      renderItem={(item) => (
        <List.Item>
          <Flex justify="space-between" gap={8} style={{ width: '100%', minWidth: 0 }}>
            <Typography.Text ellipsis={{ tooltip: item.title }} style={{ minWidth: 0 }}>
              <Link to={`/app/cases/${item.id}`} data-testid={`home-case-${item.id}`}>
                <span className="huiqi-mono">{item.number}</span> {item.title}
              </Link>
            </Typography.Text>
            {item.deadline ? (
              <Typography.Text
                style={{ whiteSpace: 'nowrap', ...(overdue ? { color: OVERDUE_COLOR } : {}) }}
                type={overdue ? undefined : 'secondary'}
              >
                {t('supervision.home.deadline', { date: formatDate(item.deadline, locale) })}
              </Typography.Text>
            ) : null}
          </Flex>
        </List.Item>
      )}
    />
  );
  return (
    <Card
      title={
        <span>
          <ScheduleOutlined style={{ color: '#1458c4' }} /> {t('supervision.home.title')}
        </span>
      }
      extra={
        <Link to="/app/cases" data-testid="home-queue-link">
          {t('supervision.home.queue')}
        </Link>
      }
      data-testid="home-case-deadlines"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} md={6}>
          <Flex vertical gap={12}>
            <Link to="/app/cases?open=true" data-testid="home-open-link">
              <Statistic title={t('supervision.home.open')} value={count(digest.open)} />
            </Link>
            <Link to="/app/cases?overdue=true" data-testid="home-overdue-link">
              <Statistic
                title={t('supervision.home.overdue')}
                value={count(digest.overdue.total)}
                styles={digest.overdue.total > 0 ? { content: { color: OVERDUE_COLOR } } : undefined}
                data-testid="home-overdue-count"
              />
            </Link>
            <Statistic
              title={t('supervision.home.dueSoon')}
              value={count(digest.dueSoon.total)}
              data-testid="home-due-soon-count"
            />
          </Flex>
        </Col>
        <Col xs={24} md={9}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('supervision.home.overdue')}
          </Typography.Title>
          {list(
            digest.overdue.items,
            digest.overdue.total,
            t('supervision.home.noOverdue'),
            'home-overdue-list',
            true,
          )}
        </Col>
        <Col xs={24} md={9}>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('supervision.home.dueSoon')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('supervision.home.dueSoonHelp', { date: formatDate(digest.dueSoonUntil, locale) })}
          </Typography.Text>
          {list(
            digest.dueSoon.items,
            digest.dueSoon.total,
            t('supervision.home.noDueSoon'),
            'home-due-soon-list',
            false,
          )}
        </Col>
      </Row>
    </Card>
  );
}

interface RegionNode {
  key: string;
  title: string;
  /** The name in English (romanised), shown instead of `title` to English readers. */
  titleEn: string;
  isLeaf: boolean;
  children?: RegionNode[];
}

/** The tree's nodes titled in the reader's language. */
function inLanguage(nodes: RegionNode[], locale: Locale): RegionNode[] {
  if (locale !== 'en') return nodes;
  return nodes.map((node) => ({
    ...node,
    title: node.titleEn || node.title,
    children: node.children && inLanguage(node.children, locale),
  }));
}

function withChildren(nodes: RegionNode[], key: string, children: RegionNode[]): RegionNode[] {
  return nodes.map((node) => {
    if (node.key === key) return { ...node, children, isLeaf: children.length === 0 };
    if (node.children) return { ...node, children: withChildren(node.children, key, children) };
    return node;
  });
}

const LEVEL_COLORS = { province: 'blue', city: 'cyan', county: 'geekblue' } as const;

function RegionBrowser({ region, focus }: { region: RegionSummary; focus: string | null }) {
  const { t, locale } = useI18n();
  const [treeData, setTreeData] = useState<RegionNode[]>([
    { key: region.code, title: region.fullName, titleEn: region.fullNameEn, isLeaf: false },
  ]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [loaded, setLoaded] = useState<string[]>([]);
  const [selected, setSelected] = useState<string>(region.code);
  const loading = useRef(new Map<string, Promise<void>>());
  const treeRef = useRef<GetRef<typeof Tree>>(null);

  const ensureLoaded = useCallback((code: string): Promise<void> => {
    const pending = loading.current.get(code);
    if (pending) return pending;
    const promise = api.regions(code).then(
      (children) => {
        setTreeData((nodes) =>
          withChildren(
            nodes,
            code,
            children.map((child) => ({
              key: child.code,
              title: child.name,
              titleEn: regionName(child, 'en'),
              isLeaf: child.level === 'county',
            })),
          ),
        );
        setLoaded((keys) => [...keys, code]);
      },
      () => {
        loading.current.delete(code);
      },
    );
    loading.current.set(code, promise);
    return promise;
  }, []);

  useEffect(() => {
    void ensureLoaded(region.code).then(() => setExpanded([region.code]));
  }, [ensureLoaded, region.code]);

  // A click on the chart: open that sub-region and list its own sub-regions.
  useEffect(() => {
    if (!focus) return;
    setSelected(focus);
    void ensureLoaded(region.code)
      .then(() => ensureLoaded(focus))
      .then(() => {
        setExpanded((keys) => [...new Set([...keys, region.code, focus])]);
        setTimeout(() => treeRef.current?.scrollTo({ key: focus, align: 'top' }), 50);
      });
  }, [focus, ensureLoaded, region.code]);

  const details = useApiQuery(
    composedQuery('official-home-region', [selected], () =>
      Promise.all([api.region(selected), api.regions(selected)]),
    ),
    { keepPrevious: true },
  );
  const counted =
    selected === region.code
      ? region.enterpriseCount
      : region.byChildRegion.find((row) => row.key === selected)?.count;

  return (
    <Card
      title={
        <span>
          <ApartmentOutlined style={{ color: '#1458c4' }} /> {t('official.regionTree')}
        </span>
      }
      style={{ height: '100%' }}
      data-testid="region-browser"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('official.regionTreeHint')}
      </Typography.Paragraph>
      <div
        style={{ maxHeight: 280, overflow: 'auto', border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}
      >
        <Tree<RegionNode>
          ref={treeRef}
          height={264}
          showLine
          treeData={inLanguage(treeData, locale)}
          expandedKeys={expanded}
          loadedKeys={loaded}
          selectedKeys={[selected]}
          onExpand={(keys) => setExpanded(keys.map(String))}
          onSelect={(keys) => {
            const key = keys[0];
            if (key !== undefined) setSelected(String(key));
          }}
          loadData={(node) => ensureLoaded(String(node.key))}
        />
      </div>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('official.selected')}
      </Typography.Title>
      {details.loading && !details.data ? (
        <Spin />
      ) : details.data ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            {
              key: 'name',
              label: t('official.regionName'),
              children: <RegionName region={details.data[0]} full />,
            },
            {
              key: 'code',
              label: t('official.regionCode'),
              children: <span className="huiqi-mono">{details.data[0].code}</span>,
            },
            {
              key: 'level',
              label: t('official.level'),
              children: (
                <Tag color={LEVEL_COLORS[details.data[0].level]}>{t(`level.${details.data[0].level}`)}</Tag>
              ),
            },
            {
              key: 'count',
              label: t('official.enterprisesHere'),
              children: counted === undefined ? t('official.notCounted') : formatNumber(counted, locale),
            },
            {
              key: 'children',
              label: t('official.subRegions', { count: details.data[1].length }),
              children:
                details.data[1].length > 0
                  ? details.data[1]
                      .slice(0, 12)
                      .map((child) => regionName(child, locale))
                      .join(locale === 'en' ? ', ' : '、') + (details.data[1].length > 12 ? ' …' : '')
                  : t('common.empty'),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}

export function OfficialHome({ region, user }: { region: RegionSummary; user: User }) {
  const { t, locale, name } = useI18n();
  const [focus, setFocus] = useState<string | null>(null);
  const departments = useApiQuery(referenceQuery('/api/departments', { anonymousOk: true }));
  const department = departments.data?.find((row) => row.code === user.departmentCode);
  const county = isCounty(region.code);

  const barOption = useMemo(
    () =>
      verticalBarOption(
        region.byChildRegion.map((row) => ({ name: name(row), value: row.count })),
        t('common.enterprises'),
      ),
    [region, name, t],
  );
  const pieOption = useMemo(
    () =>
      donutOption(
        region.bySection.map((row) => ({ name: name(row), value: row.count })),
        t('common.enterprises'),
      ),
    [region, name, t],
  );

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={county ? 12 : 9}>
          <Card style={{ height: '100%' }}>
            <Statistic
              title={t('official.region')}
              value={locale === 'en' ? region.fullNameEn : region.fullName}
              prefix={<EnvironmentOutlined />}
              data-testid="official-region"
            />
            {department ? (
              <Typography.Text type="secondary">
                {t('official.department')}: {name(department)}
              </Typography.Text>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} sm={county ? 12 : 8} lg={county ? 6 : 5}>
          <Card style={{ height: '100%' }}>
            <Statistic
              title={t('official.enterpriseCount')}
              value={formatNumber(region.enterpriseCount, locale)}
              suffix={t('common.enterprisesUnit')}
              styles={{ content: { color: '#1458c4', fontWeight: 600 } }}
              data-testid="official-enterprise-count"
            />
          </Card>
        </Col>
        {county ? null : (
          <Col xs={12} sm={8} lg={5}>
            <Card style={{ height: '100%' }} data-testid="official-child-region-count">
              <Statistic title={t('official.childRegionCount')} value={region.byChildRegion.length} />
            </Card>
          </Col>
        )}
        <Col xs={county ? 24 : 12} sm={county ? 12 : 8} lg={county ? 6 : 5}>
          <Card style={{ height: '100%' }}>
            <Statistic title={t('official.sectionCount')} value={region.bySection.length} />
          </Card>
        </Col>
      </Row>

      {region.cases ? <CaseDeadlines digest={region.cases} /> : null}

      <RegistryLinks />

      {county ? null : (
        <Row gutter={[16, 16]} data-testid="official-sub-regions">
          <Col xs={24} xl={14}>
            <Card title={t('official.byChildRegion')} style={{ height: '100%' }}>
              {region.byChildRegion.length === 0 ? (
                <Empty description={t('official.noChildRegions')} />
              ) : (
                <>
                  <Typography.Text type="secondary">{t('official.chartHint')}</Typography.Text>
                  <LazyChart
                    option={barOption}
                    label={t('official.byChildRegion')}
                    height={300}
                    testId="chart-child-regions"
                    onClick={(event) => {
                      const row = region.byChildRegion[event.dataIndex];
                      if (row) setFocus(row.key);
                    }}
                  />
                  <Table
                    size="small"
                    rowKey="key"
                    dataSource={region.byChildRegion}
                    pagination={{
                      pageSize: 5,
                      size: 'small',
                      showTotal: (total) => t('common.total', { total }),
                    }}
                    onRow={(row) => ({ onClick: () => setFocus(row.key), style: { cursor: 'pointer' } })}
                    rowClassName={(row) => (row.key === focus ? 'ant-table-row-selected' : '')}
                    columns={[
                      { key: 'name', title: t('official.subRegion'), render: (_, row) => name(row) },
                      {
                        key: 'code',
                        title: t('common.code'),
                        dataIndex: 'key',
                        render: (code: string) => <span className="huiqi-mono">{code}</span>,
                      },
                      {
                        key: 'count',
                        title: t('common.enterprises'),
                        dataIndex: 'count',
                        align: 'right',
                        render: (count: number) => formatNumber(count, locale),
                      },
                      {
                        key: 'share',
                        title: t('common.share'),
                        width: 180,
                        render: (_, row) => (
                          <Flex gap={8} align="center">
                            <Progress
                              percent={
                                region.enterpriseCount ? (row.count / region.enterpriseCount) * 100 : 0
                              }
                              showInfo={false}
                              size="small"
                              style={{ flex: 1, margin: 0 }}
                            />
                            <span style={{ minWidth: 48, textAlign: 'right' }}>
                              {formatPercent(row.count, region.enterpriseCount, locale)}
                            </span>
                          </Flex>
                        ),
                      },
                    ]}
                  />
                </>
              )}
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <RegionBrowser region={region} focus={focus} />
          </Col>
        </Row>
      )}

      <Card title={t('official.bySection')}>
        {region.bySection.length === 0 ? (
          <Empty />
        ) : (
          <LazyChart
            option={pieOption}
            label={t('official.bySection')}
            height={340}
            testId="chart-sections"
          />
        )}
      </Card>
    </Flex>
  );
}
