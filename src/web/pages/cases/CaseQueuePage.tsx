/**
 * `/app/cases` (officials, admins): the work queue of demands and overdue-payment complaints routed to the
 * official's department and region, sorted by deadline as the server returns it. Filters (type, state, overdue,
 * mine, region, text) live in the URL so the case page's back link returns to the same list; counters on top
 * show the open, to-accept, overdue and own cases of the whole scope.
 */
import { ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Input,
  Row,
  Select,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, type CaseQueueFilters, type CaseRow } from '../../api/client.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { apiQuery, composedQuery, referenceQuery, useApiQuery } from '../../lib/queries.ts';
import { flagParam, oneOf, positiveParam, textParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { CaseStateTag, Deadline, SupervisionTag } from './CaseTags.tsx';
import {
  CASE_STATES,
  CASE_TYPES,
  type CaseStateName,
  caseLabel,
  caseTitle,
  monthOf,
  OPEN_STATES,
  statesOf,
} from './caseModel.ts';

/** The state filter: a state, every open case (default) or any state. */
type StateFilter = CaseStateName | 'all';

const COUNTERS = [
  { key: 'open', query: {}, patch: { state: undefined, overdue: undefined, mine: undefined } },
  {
    key: 'submitted',
    query: { state: 'submitted' },
    patch: { state: 'submitted', overdue: undefined, mine: undefined },
  },
  { key: 'overdue', query: { overdue: true }, patch: { state: undefined, overdue: 'true', mine: undefined } },
  { key: 'mine', query: { mine: true }, patch: { state: undefined, overdue: undefined, mine: 'true' } },
] as const;

/** The queue's filters, page and page size in the URL (the dashboard's figures link here with theirs). */
function readQueueFilters(params: URLSearchParams): CaseQueueFilters & { page: number; pageSize: number } {
  const states = statesOf(params.get('state'));
  return {
    type: oneOf(CASE_TYPES, params.get('type')),
    // One state, several (`state=submitted,accepted`; every open state is the default queue), or all.
    state: states === 'all' || states.length === 0 ? undefined : states.join(','),
    open: states === 'all' ? false : flagParam(params.get('open')),
    overdue: flagParam(params.get('overdue')),
    mine: flagParam(params.get('mine')),
    supervised: flagParam(params.get('supervised')),
    q: textParam(params.get('q')),
    region: textParam(params.get('region')),
    enterprise: positiveParam(params.get('enterprise')),
    // The supervision dashboard's period (months received) and department, so its figures and this list agree.
    from: monthOf(params.get('from')),
    to: monthOf(params.get('to')),
    department: textParam(params.get('department')),
    page: positiveParam(params.get('page')) ?? 1,
    pageSize: positiveParam(params.get('pageSize')) ?? 20,
  };
}

export default function CaseQueuePage() {
  const { t, locale, name } = useI18n();
  const { user } = useSession();
  const { filters: query, params, update, reset } = useUrlFilters(readQueueFilters);
  const states = statesOf(params.get('state'));
  const stateFilter: StateFilter | undefined =
    states === 'all' ? 'all' : states.length === 1 ? states[0] : undefined;
  const { page, pageSize } = query;

  const qParam = params.get('q') ?? '';
  const [searchText, setSearchText] = useState(qParam);
  useEffect(() => setSearchText(qParam), [qParam]);

  const list = useApiQuery(apiQuery('/api/cases', { query }), { keepPrevious: true });
  const counts = useApiQuery(
    composedQuery('case-queue-counters', [], async (signal) => {
      const totals = await Promise.all(
        COUNTERS.map((c) => api.caseQueue({ ...c.query, page: 1, pageSize: 1 }, signal).then((r) => r.total)),
      );
      return Object.fromEntries(COUNTERS.map((c, i) => [c.key, totals[i]])) as Record<string, number>;
    }),
    { keepPrevious: true },
  );
  const reload = () => {
    list.reload();
    counts.reload();
  };
  const rootCode = user?.role === 'official' ? user.regionCode : null;
  // Names of departments, only when the list is limited to one (from the supervision dashboard).
  const departments = useApiQuery({
    ...referenceQuery('/api/departments', { anonymousOk: true }),
    enabled: !!query.department,
  });
  const departmentName = (code: string) => {
    const found = departments.data?.find((d) => d.code === code);
    return found ? name(found) : code;
  };

  const columns = useMemo(
    () => [
      {
        key: 'number',
        title: t('caseAdmin.col.number'),
        width: 168,
        render: (_: unknown, row: CaseRow) => (
          <Link to={`/app/cases/${row.id}`} data-testid={`case-link-${row.id}`} className="huiqi-mono">
            {row.number}
          </Link>
        ),
      },
      {
        key: 'title',
        title: t('caseAdmin.col.title'),
        ellipsis: { showTitle: false },
        render: (_: unknown, row: CaseRow) => {
          const title = caseTitle(row, locale);
          return (
            <Tooltip title={title} placement="topLeft">
              <Link to={`/app/cases/${row.id}`} data-testid={`case-title-${row.id}`}>
                {title}
              </Link>
            </Tooltip>
          );
        },
      },
      {
        key: 'type',
        title: t('caseAdmin.col.type'),
        width: 100,
        render: (_: unknown, row: CaseRow) => (
          <Flex vertical>
            <span>{caseLabel(t, 'type', row.type)}</span>
            {row.kind ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {caseLabel(t, 'kind', row.kind)}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      },
      {
        key: 'party',
        title: t('caseAdmin.col.party'),
        width: 180,
        ellipsis: { showTitle: false },
        render: (_: unknown, row: CaseRow) => {
          const enterprise = row.enterpriseName ?? t('caseAdmin.enterprise', { id: row.enterpriseId });
          // The complainant, and for a complaint about overdue payment the debtor under it.
          return (
            <Tooltip
              placement="topLeft"
              title={row.debtor ? `${enterprise} → ${row.debtor.name ?? row.debtor.uscc}` : enterprise}
            >
              <Flex vertical style={{ minWidth: 0 }}>
                <Link
                  to={`/app/enterprises/${row.enterpriseId}`}
                  data-testid={`case-enterprise-${row.id}`}
                  style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                >
                  {enterprise}
                </Link>
                {row.debtor ? (
                  <Typography.Text
                    type="secondary"
                    style={{
                      fontSize: 12,
                      overflow: 'hidden',
                      textOverflow: 'ellipsis',
                      whiteSpace: 'nowrap',
                    }}
                  >
                    → {row.debtor.name ?? row.debtor.uscc}
                  </Typography.Text>
                ) : null}
              </Flex>
            </Tooltip>
          );
        },
      },
      {
        key: 'state',
        title: t('caseAdmin.col.state'),
        width: 110,
        render: (_: unknown, row: CaseRow) => <CaseStateTag state={row.state} />,
      },
      {
        key: 'received',
        title: t('caseAdmin.col.received'),
        width: 112,
        render: (_: unknown, row: CaseRow) => (
          <span style={{ whiteSpace: 'nowrap' }}>{formatDate(row.receivedOn, locale)}</span>
        ),
      },
      {
        key: 'deadline',
        title: t('caseAdmin.col.deadline'),
        width: 200,
        render: (_: unknown, row: CaseRow) => (
          <Flex vertical gap={4} align="start">
            <span title={row.clockStage ? caseLabel(t, 'stage', row.clockStage) : undefined}>
              <Deadline deadline={row.deadline} status={row.clockStatus} testId={`case-deadline-${row.id}`} />
            </span>
            {(OPEN_STATES as readonly string[]).includes(row.state) ? (
              <SupervisionTag supervision={row.supervision} testId={`case-supervised-${row.id}`} />
            ) : null}
          </Flex>
        ),
      },
    ],
    [t, locale],
  );

  const activeCounter =
    query.overdue && !query.state && !query.mine
      ? 'overdue'
      : query.mine && !query.state && !query.overdue
        ? 'mine'
        : query.state === 'submitted' && !query.overdue && !query.mine
          ? 'submitted'
          : !stateFilter && !query.overdue && !query.mine
            ? 'open'
            : null;

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="page-title">
          {t('caseAdmin.queue.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('caseAdmin.queue.intro')}</Typography.Text>
      </Flex>

      <Row gutter={[12, 12]}>
        {COUNTERS.map((c) => (
          <Col xs={12} lg={6} key={c.key}>
            <Card
              size="small"
              hoverable
              onClick={() => update(c.patch)}
              style={activeCounter === c.key ? { borderColor: '#1458c4' } : undefined}
              data-testid={`case-count-${c.key}`}
            >
              <Statistic
                title={t(`caseAdmin.queue.count.${c.key}`)}
                value={counts.data ? formatNumber(counts.data[c.key] ?? 0, locale) : '—'}
                loading={counts.loading && !counts.data}
                valueStyle={
                  c.key === 'overdue' && (counts.data?.overdue ?? 0) > 0 ? { color: '#cf1322' } : undefined
                }
              />
            </Card>
          </Col>
        ))}
      </Row>

      <Card>
        <Flex vertical gap={12}>
          <Input.Search
            allowClear
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
            onSearch={(value) => update({ q: value.trim() })}
            placeholder={t('caseAdmin.queue.search')}
            enterButton={t('common.search')}
            maxLength={100}
            style={{ maxWidth: 560 }}
            data-testid="case-queue-search"
          />
          <Row gutter={[12, 12]} align="middle">
            <Col xs={12} sm={8} lg={4}>
              <Select
                allowClear
                value={query.type}
                placeholder={t('caseAdmin.queue.filter.type')}
                aria-label={t('caseAdmin.queue.filter.type')}
                onChange={(value) => update({ type: value })}
                options={CASE_TYPES.map((value) => ({ value, label: caseLabel(t, 'type', value) }))}
                style={{ width: '100%' }}
                data-testid="case-queue-type"
              />
            </Col>
            <Col xs={12} sm={8} lg={5}>
              <Select<StateFilter>
                allowClear
                value={stateFilter}
                placeholder={t('caseAdmin.queue.filter.stateOpen')}
                aria-label={t('caseAdmin.queue.filter.state')}
                onChange={(value) => update({ state: value })}
                options={[
                  { value: 'all', label: t('caseAdmin.queue.filter.stateAll') },
                  ...CASE_STATES.map((value) => ({ value, label: caseLabel(t, 'state', value) })),
                ]}
                style={{ width: '100%' }}
                data-testid="case-queue-state"
              />
            </Col>
            <Col xs={24} sm={8} lg={6}>
              <ScopedRegionCascader
                rootCode={rootCode}
                value={query.region}
                onChange={(code) => update({ region: code })}
                placeholder={
                  rootCode ? t('caseAdmin.queue.filter.region') : t('caseAdmin.queue.filter.regionAll')
                }
                ariaLabel={t('caseAdmin.queue.filter.region')}
                testId="case-queue-region"
              />
            </Col>
            <Col xs={24} sm={24} lg={9}>
              <Flex gap={16} wrap>
                <Checkbox
                  checked={query.overdue === true}
                  onChange={(event) => update({ overdue: event.target.checked ? 'true' : undefined })}
                  data-testid="case-queue-overdue"
                >
                  {t('caseAdmin.queue.filter.overdue')}
                </Checkbox>
                <Checkbox
                  checked={query.supervised === true}
                  onChange={(event) => update({ supervised: event.target.checked ? 'true' : undefined })}
                  data-testid="case-queue-supervised"
                >
                  {t('caseAdmin.queue.filter.supervised')}
                </Checkbox>
                <Checkbox
                  checked={query.mine === true}
                  onChange={(event) => update({ mine: event.target.checked ? 'true' : undefined })}
                  data-testid="case-queue-mine"
                >
                  {t('caseAdmin.queue.filter.mine')}
                </Checkbox>
                {query.enterprise ? (
                  <Tag
                    closable
                    onClose={() => update({ enterprise: undefined })}
                    data-testid="case-queue-enterprise"
                  >
                    {t('caseAdmin.queue.filter.enterprise', {
                      name: list.data?.items[0]?.enterpriseName ?? `#${query.enterprise}`,
                    })}
                  </Tag>
                ) : null}
                {query.from || query.to ? (
                  <Tag
                    closable
                    onClose={() => update({ from: undefined, to: undefined })}
                    data-testid="case-queue-period"
                  >
                    {t('caseAdmin.queue.filter.period', {
                      from: query.from ?? '…',
                      to: query.to ?? '…',
                    })}
                  </Tag>
                ) : null}
                {query.department ? (
                  <Tag
                    closable
                    onClose={() => update({ department: undefined })}
                    data-testid="case-queue-department"
                  >
                    {t('caseAdmin.queue.filter.department', {
                      name: departmentName(query.department),
                    })}
                  </Tag>
                ) : null}
              </Flex>
            </Col>
          </Row>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text data-testid="case-queue-total">
              {list.data
                ? t('caseAdmin.queue.found', { total: formatNumber(list.data.total, locale) })
                : t('common.loading')}
            </Typography.Text>
            <Flex gap={8}>
              <Button
                onClick={() => {
                  setSearchText('');
                  reset();
                }}
              >
                {t('common.reset')}
              </Button>
              <Button icon={<ReloadOutlined />} onClick={reload}>
                {t('common.reload')}
              </Button>
            </Flex>
          </Flex>
        </Flex>
      </Card>

      <Card>
        <LoadError error={list.error} onRetry={list.reload} />
        <Table<CaseRow>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          tableLayout="fixed"
          scroll={{ x: 1060 }}
          data-testid="case-queue-table"
          columns={columns}
          locale={{ emptyText: <Empty description={t('caseAdmin.queue.empty')} /> }}
          pagination={serverPagination({
            page,
            pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (nextPage, nextSize) => update({ page: nextPage, pageSize: nextSize }),
          })}
        />
      </Card>
    </Flex>
  );
}
