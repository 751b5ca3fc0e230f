/**
 * `/app/procurement/projects` (采购计划): a buyer's body's year plan, or for a supervising official the plans of the
 * region's bodies (read-only; an admin sees every region). Filtered by year, state, kind, only the projects whose
 * reservation falls short of the rules (`short=true`), the body (officials) and a search by name or number; paged by
 * the server. Each row: the project, what the rules require, what the plan reserves (a shortfall tagged with its
 * reasons), the state and what was awarded. Every filter lives in the address.
 */
import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { Link, useNavigate } from 'react-router';
import {
  PROJECT_STATES,
  type Project,
  type ProjectFilters,
  type ProjectState,
  procurementQueries,
} from '../../api/procurement.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { SearchBox } from '../../components/PagedTable.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatDate, formatNumber } from '../../lib/format.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { useApiQuery } from '../../lib/queries.ts';
import {
  flagParam,
  oneOf,
  paramReader,
  positiveParam,
  trimmedParam,
  useUrlFilters,
} from '../../lib/urlFilters.ts';
import { BodyFilter, RegionFilter, YearFilter } from './procurementFilters.tsx';
import {
  BodyNotRegistered,
  isBodyMissing,
  KindTag,
  ModeTag,
  PageHeading,
  PROCUREMENT_KINDS,
  ProjectStateTag,
  useTermOptions,
  useText,
  Yuan,
} from './procurementParts.tsx';

const readFilters = paramReader({
  year: (v) => positiveParam(v, 2100),
  state: (v) => oneOf(PROJECT_STATES, v),
  kind: (v) => oneOf(['goods', 'services', 'works'] as const, v),
  short: flagParam,
  q: trimmedParam,
  bodyId: (v) => positiveParam(v),
  bodyName: trimmedParam,
  regionCode: (v) => (v && /^\d{6}$/.test(v) ? v : undefined),
  page: (v) => positiveParam(v) ?? 1,
  pageSize: (v) => positiveParam(v, 100) ?? 20,
});

export default function ProjectsPage() {
  const { t, locale } = useI18n();
  const text = useText();
  const navigate = useNavigate();
  const { user } = useSession();
  const buyer = user?.role === 'buyer';
  const kindOptions = useTermOptions(PROCUREMENT_KINDS);
  const { filters, update, reset } = useUrlFilters(readFilters);
  const query: ProjectFilters = {
    year: filters.year,
    state: filters.state,
    kind: filters.kind,
    short: filters.short,
    q: filters.q,
    bodyId: buyer ? undefined : filters.bodyId,
    regionCode: buyer ? undefined : filters.regionCode,
    page: filters.page,
    pageSize: filters.pageSize,
  };
  const list = useApiQuery(procurementQueries.projects(query), { keepPrevious: true });
  const filtered = Boolean(
    filters.year ||
      filters.state ||
      filters.kind ||
      filters.short ||
      filters.q ||
      filters.bodyId ||
      filters.regionCode,
  );

  if (isBodyMissing(list.error, user)) return <BodyNotRegistered error={list.error} />;

  // Fits a 1440 px screen without scrolling sideways: a buyer's body is its own; an official's under the name.
  const columns: TableColumnsType<Project> = [
    {
      title: t('proc.project.name'),
      key: 'name',
      render: (_, project) => (
        <Flex vertical gap={2}>
          <Link to={`/app/procurement/projects/${project.id}`} data-testid={`project-link-${project.id}`}>
            {project.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <span className="huiqi-mono">
              {project.planYear} · {project.code}
            </span>
            {buyer ? null : ` · ${project.bodyName}`}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('proc.field.kind'),
      dataIndex: 'kind',
      width: 80,
      render: (kind: string) => <KindTag kind={kind} />,
    },
    {
      title: t('proc.field.budget'),
      dataIndex: 'budget',
      align: 'right',
      width: 140,
      render: (budget: string) => <Yuan value={budget} compact />,
    },
    {
      title: t('proc.project.requirement'),
      key: 'requirement',
      width: 160,
      render: (_, project) => (
        <Flex vertical gap={2} align="start">
          <ModeTag mode={project.requirement.mode} />
          {project.requirement.reservedAmountMin ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('proc.project.atLeast')} <Yuan value={project.requirement.reservedAmountMin} compact />
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('proc.project.reserved'),
      key: 'reserved',
      width: 150,
      render: (_, project) => (
        <Flex vertical gap={2} align="start">
          <Yuan value={project.reservedAmount} compact />
          {project.shortfalls.length > 0 ? (
            <Tooltip title={project.shortfalls.map((s) => text(s.message)).join(t('proc.listSeparator'))}>
              <Tag color="red" icon={<WarningOutlined />} data-testid={`project-short-${project.id}`}>
                {t('proc.project.short')}
              </Tag>
            </Tooltip>
          ) : project.requirement.mode === 'whole' || project.requirement.mode === 'share' ? (
            <Tag color="green">{t('proc.project.meets')}</Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('proc.field.announcementDate'),
      dataIndex: 'announcementDate',
      width: 140,
      render: (date: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(date, locale)}</span>,
    },
    {
      title: t('proc.project.state'),
      dataIndex: 'state',
      width: 90,
      render: (state: ProjectState) => <ProjectStateTag state={state} />,
    },
    {
      title: t('proc.project.awarded'),
      key: 'awarded',
      align: 'right',
      width: 140,
      render: (_, project) =>
        project.awards > 0 ? (
          <Flex vertical gap={0} align="end">
            <Yuan value={project.awarded} compact />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('proc.project.awardCount', { count: formatNumber(project.awards, locale) })}
            </Typography.Text>
          </Flex>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeading
        title={t(buyer ? 'proc.projects.title' : 'proc.projects.titleOfficial')}
        intro={t(buyer ? 'proc.projects.intro' : 'proc.projects.introOfficial')}
        extra={
          buyer ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/app/procurement/projects/new')}
              data-testid="project-new"
            >
              {t('proc.projects.new')}
            </Button>
          ) : null
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        <Flex
          gap={12}
          wrap
          align="center"
          style={{ padding: '12px 16px', borderBottom: '1px solid #f0f0f0' }}
        >
          <YearFilter value={filters.year} onChange={(year) => update({ year })} testId="projects-year" />
          <Select<ProjectState>
            allowClear
            style={{ width: 130 }}
            placeholder={t('proc.filter.stateAll')}
            value={filters.state}
            onChange={(state) => update({ state })}
            options={PROJECT_STATES.map((state) => ({ value: state, label: t(`proc.state.${state}`) }))}
            aria-label={t('proc.project.state')}
            data-testid="projects-state"
          />
          <Select
            allowClear
            style={{ width: 120 }}
            placeholder={t('proc.filter.kindAll')}
            value={filters.kind}
            onChange={(kind) => update({ kind })}
            options={kindOptions}
            aria-label={t('proc.field.kind')}
            data-testid="projects-kind"
          />
          {buyer ? null : (
            <BodyFilter
              value={filters.bodyId}
              label={filters.bodyName}
              onChange={(bodyId, bodyName) => update({ bodyId, bodyName })}
              testId="projects-body"
            />
          )}
          {buyer ? null : (
            <RegionFilter
              value={filters.regionCode}
              onChange={(regionCode) => update({ regionCode })}
              testId="projects-region"
            />
          )}
          <Checkbox
            checked={Boolean(filters.short)}
            onChange={(event) => update({ short: event.target.checked ? 'true' : null })}
            data-testid="projects-short"
          >
            {t('proc.filter.short')}
          </Checkbox>
          <SearchBox
            query={filters.q ?? ''}
            onSearch={(q) => update({ q })}
            placeholder={t('proc.projects.search')}
            aria-label={t('proc.projects.search')}
            enterButton={t('common.search')}
            style={{ width: 300 }}
            data-testid="projects-search"
          />
          <Space>
            <ReloadButton query={list} />
            {filtered ? (
              <Button type="link" onClick={() => reset()} data-testid="projects-clear">
                {t('proc.filter.clear')}
              </Button>
            ) : null}
          </Space>
        </Flex>
        <LoadError error={list.error} onRetry={list.reload} style={{ margin: 16 }} />
        <Table<Project>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.loading}
          scroll={{ x: 1100 }}
          locale={{
            emptyText: list.loading ? (
              ' '
            ) : (
              <Empty
                description={
                  filtered
                    ? t('proc.projects.emptyFiltered')
                    : t(buyer ? 'proc.projects.empty' : 'proc.projects.emptyOfficial')
                }
              >
                {buyer && !filtered ? (
                  <Button type="primary" onClick={() => navigate('/app/procurement/projects/new')}>
                    {t('proc.projects.new')}
                  </Button>
                ) : null}
              </Empty>
            ),
          }}
          pagination={serverPagination({
            page: filters.page,
            pageSize: filters.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) =>
              update({ page: page === 1 ? null : page, pageSize: pageSize === 20 ? null : pageSize }),
          })}
          data-testid="projects-table"
        />
      </Card>
    </Flex>
  );
}
