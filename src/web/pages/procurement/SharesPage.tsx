/**
 * `/app/procurement/shares` (中小企业份额; supervising officials, admins nationally): a year's government procurement
 * for SMEs in a region (GET /api/procurement/shares): the totals and each kind of project — the budget suited to
 * SMEs, what the plans reserve and what was awarded, the SME share and its small/micro part against the lines
 * (`smeShareMin` 30%, `smallMicroShareMin` 60%) — and each buying body, those below a line first and tagged, with
 * its SBA-style grade (the method as the server states it) and a bar chart of the bodies' awarded shares against
 * the 30% line. A body's plan and awards are a click away. Year, region, below-only and page live in the address.
 */
import { InfoCircleOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Row,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useMemo } from 'react';
import { Link } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { type BodyShare, procurementQueries, type ShareFigures, type Shares } from '../../api/procurement.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
import { LazyChart } from '../../components/LazyChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { ExportButtons } from '../../components/PagedTable.tsx';
import { ScopedRegionCascader } from '../../components/RegionCascader.tsx';
import { RegionName } from '../../components/RegionName.tsx';
import { ReloadButton } from '../../components/ReloadButton.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatNumber } from '../../lib/format.ts';
import { serverPagination } from '../../lib/pagination.ts';
import { useApiQuery } from '../../lib/queries.ts';
import { flagParam, matching, paramReader, positiveParam, useUrlFilters } from '../../lib/urlFilters.ts';
import { compareDecimal, formatShare, planYears } from './procurementModel.ts';
import { KindTag, PageHeading, useText, Yuan } from './procurementParts.tsx';
import { sharesOption } from './sharesChart.ts';

const readFilters = paramReader({
  year: (v) => positiveParam(v, 2100),
  region: matching(/^\d{6}$/),
  below: flagParam,
  page: (v) => positiveParam(v) ?? 1,
  pageSize: (v) => positiveParam(v, 100) ?? 20,
});

const GRADE_COLORS: Record<string, string> = {
  'A+': 'green',
  A: 'green',
  B: 'blue',
  C: 'gold',
  D: 'orange',
  F: 'red',
};

/** A share against its line: red below it, green at or above; '—' without a base. */
function ShareValue({ share, line, testId }: { share: string | null; line: string; testId?: string }) {
  if (share === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const below = compareDecimal(share, line) < 0;
  return (
    <Typography.Text type={below ? 'danger' : 'success'} strong data-testid={testId} data-value={share}>
      {formatShare(share)}
    </Typography.Text>
  );
}

export default function SharesPage() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const rootCode = user?.role === 'official' ? user.regionCode : null;
  const { filters, update } = useUrlFilters(readFilters);
  const thisYear = Number(todayInChina().slice(0, 4));
  const years = useMemo(() => planYears(todayInChina()), []);
  const year = filters.year ?? thisYear;
  const shares = useApiQuery(
    procurementQueries.shares({
      year,
      regionCode: filters.region,
      below: filters.below,
      page: filters.page,
      pageSize: filters.pageSize,
    }),
    { keepPrevious: true },
  );
  const data = shares.data;

  return (
    <Flex vertical gap={16} data-testid="shares-page">
      <PageHeading title={t('proc.shares.title')} intro={t('proc.shares.intro')} />
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <Select<number>
            style={{ width: 130 }}
            value={year}
            onChange={(next) => update({ year: next === thisYear ? null : next })}
            options={years.map((y) => ({ value: y, label: t('proc.filter.year', { year: y }) }))}
            aria-label={t('proc.filter.yearLabel')}
            data-testid="shares-year"
          />
          <ScopedRegionCascader
            rootCode={rootCode}
            value={filters.region}
            onChange={(code) => update({ region: code ?? null })}
            placeholder={t(rootCode ? 'proc.filter.regionOwn' : 'proc.filter.regionAll')}
            ariaLabel={t('proc.filter.region')}
            testId="shares-region"
            style={{ width: 280 }}
          />
          <Checkbox
            checked={Boolean(filters.below)}
            onChange={(event) => update({ below: event.target.checked ? 'true' : null })}
            data-testid="shares-below"
          >
            {t('proc.shares.belowOnly')}
          </Checkbox>
          <Flex gap={8} wrap style={{ marginInlineStart: 'auto' }}>
            <ExportButtons
              url={(format) =>
                `/api/procurement/shares/export?${new URLSearchParams({
                  year: String(year),
                  ...(filters.region ? { regionCode: filters.region } : {}),
                  ...(filters.below ? { below: 'true' } : {}),
                  format,
                  lang: locale === 'en' ? 'en' : 'zh',
                })}`
              }
              fileName={`procurement-shares-${year}`}
              labels={{ csv: t('proc.shares.exportCsv'), xlsx: t('proc.shares.exportXlsx') }}
              testId="shares"
            />
            <ReloadButton query={shares} />
          </Flex>
        </Flex>
      </Card>
      <LoadError error={shares.error} onRetry={shares.reload} style={{ marginBottom: 0 }} />
      {data ? (
        <SharesBody data={data} page={filters.page} pageSize={filters.pageSize} update={update} />
      ) : shares.loading ? (
        <Card loading />
      ) : null}
    </Flex>
  );
}

function SharesBody({
  data,
  page,
  pageSize,
  update,
}: {
  data: Shares;
  page: number;
  pageSize: number;
  update: (patch: Record<string, string | number | null | undefined>) => void;
}) {
  const { t, locale } = useI18n();
  const text = useText();
  const total = data.total;
  const sme = data.smeShareMin;
  const smallMicro = data.smallMicroShareMin;
  const chart = useMemo(
    () =>
      sharesOption(
        data.bodies.items.map((b) => ({
          name: b.bodyName,
          awarded: b.awardedShare,
          reserved: b.reservedShare,
        })),
        Number(sme),
        {
          awarded: t('proc.shares.awardedShare'),
          reserved: t('proc.shares.reservedShare'),
          line: t('proc.shares.line', { share: formatShare(sme) }),
        },
      ),
    [data, sme, t],
  );
  const judgedOnAwards = compareDecimal(total.awardedSuited, '0') > 0;

  const stat = (key: string, title: string, value: ReactNode, help?: ReactNode) => (
    <Col key={key} xs={24} sm={12} xl={6}>
      <Card size="small" style={{ height: '100%' }}>
        <Typography.Text type="secondary">{title}</Typography.Text>
        <div style={{ fontSize: 22, fontWeight: 600, margin: '4px 0' }} data-testid={`shares-total-${key}`}>
          {value}
        </div>
        {help ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {help}
          </Typography.Text>
        ) : null}
      </Card>
    </Col>
  );

  const kindColumns: TableColumnsType<Shares['byKind'][number]> = [
    {
      title: t('proc.field.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (kind: string) => <KindTag kind={kind} />,
    },
    ...figureColumns<Shares['byKind'][number]>(),
  ];

  /** The figures' columns, kept narrow: a 1440 px screen shows a body's row whole. */
  function figureColumns<R extends ShareFigures>(): TableColumnsType<R> {
    return [
      {
        title: t('proc.shares.suitedBudget'),
        key: 'suitedBudget',
        align: 'right',
        width: 160,
        render: (_: unknown, r: R) => (
          <Flex vertical gap={0} align="end">
            <Yuan value={r.suitedBudget} compact />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('proc.shares.budgetOf', { projects: formatNumber(r.projects, locale) })}
            </Typography.Text>
          </Flex>
        ),
      },
      {
        title: t('proc.shares.reserved'),
        key: 'reserved',
        align: 'right',
        width: 170,
        render: (_: unknown, r: R) => (
          <Flex vertical gap={0} align="end">
            <Yuan value={r.reserved} compact />
            <ShareValue share={r.reservedShare} line={sme} />
            <span style={{ whiteSpace: 'nowrap' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('proc.shares.ofWhichSmallMicro')}{' '}
              </Typography.Text>
              <ShareValue share={r.reservedSmallMicroShare} line={smallMicro} />
            </span>
          </Flex>
        ),
      },
      {
        title: t('proc.shares.awardedSuited'),
        key: 'awarded',
        align: 'right',
        width: 180,
        render: (_: unknown, r: R) => (
          <Flex vertical gap={0} align="end">
            <Yuan value={r.awardedSuited} compact />
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {t('proc.shares.contractsOf', { count: formatNumber(r.contracts, locale) })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {t('proc.shares.toSme')} <Yuan value={r.awardedSme} compact />
            </Typography.Text>
          </Flex>
        ),
      },
      {
        title: t('proc.shares.awardedShare'),
        key: 'awardedShare',
        align: 'right',
        width: 110,
        render: (_: unknown, r: R) => <ShareValue share={r.awardedShare} line={sme} />,
      },
      {
        title: t('proc.shares.awardedSmallMicroShare'),
        key: 'awardedSmallMicroShare',
        align: 'right',
        width: 110,
        render: (_: unknown, r: R) => <ShareValue share={r.awardedSmallMicroShare} line={smallMicro} />,
      },
    ];
  }

  const grade = (r: ShareFigures) =>
    r.grade ? (
      <Tooltip title={text(data.gradeMethod)}>
        <Tag
          color={GRADE_COLORS[r.grade] ?? 'default'}
          style={{ cursor: 'help' }}
          data-testid="shares-grade"
          data-grade={r.grade}
        >
          {r.grade}
        </Tag>
      </Tooltip>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );

  const meets = (r: ShareFigures) => (
    <Space size={4} wrap>
      {r.meetsSme && r.meetsSmallMicro ? (
        <Tag color="green">{t('proc.shares.meets')}</Tag>
      ) : (
        <>
          {r.meetsSme ? null : (
            <Tag color="red" icon={<WarningOutlined />}>
              {t('proc.shares.belowSme', { share: formatShare(sme) })}
            </Tag>
          )}
          {r.meetsSmallMicro ? null : (
            <Tag color="red" icon={<WarningOutlined />}>
              {t('proc.shares.belowSmallMicro', { share: formatShare(smallMicro) })}
            </Tag>
          )}
        </>
      )}
    </Space>
  );

  const bodyLink = (body: BodyShare, path: 'projects' | 'awards') =>
    `/app/procurement/${path}?${new URLSearchParams({
      bodyId: String(body.bodyId),
      bodyName: body.bodyName,
      year: String(data.year),
    })}`;

  const bodyColumns: TableColumnsType<BodyShare> = [
    {
      title: t('proc.body.name'),
      key: 'body',
      render: (_, body) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{body.bodyName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <RegionName code={body.regionCode} />
          </Typography.Text>
          <Space size={8} style={{ fontSize: 12 }}>
            <Link to={bodyLink(body, 'projects')}>{t('proc.body.plan')}</Link>
            <Link to={bodyLink(body, 'awards')}>{t('proc.body.awards')}</Link>
          </Space>
        </Flex>
      ),
    },
    {
      title: (
        <Tooltip title={text(data.gradeMethod)}>
          <span style={{ cursor: 'help' }}>
            {t('proc.shares.judgement')} <InfoCircleOutlined />
          </span>
        </Tooltip>
      ),
      key: 'meets',
      width: 170,
      render: (_, body) => (
        <Flex vertical gap={4} align="start">
          {meets(body)}
          <Space size={4}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('proc.shares.grade')}
            </Typography.Text>
            {grade(body)}
          </Space>
        </Flex>
      ),
    },
    ...figureColumns<BodyShare>(),
  ];

  return (
    <>
      <Row gutter={[16, 16]} data-testid="shares-totals">
        {stat(
          'suitedBudget',
          t('proc.shares.suitedBudget'),
          <Yuan value={total.suitedBudget} compact />,
          t('proc.shares.budgetOf', { projects: formatNumber(total.projects, locale) }),
        )}
        {stat(
          'reservedShare',
          t('proc.shares.reservedShare'),
          <ShareValue share={total.reservedShare} line={sme} testId="shares-reserved-share" />,
          <span>
            {t('proc.shares.smallMicroPart')}{' '}
            <ShareValue share={total.reservedSmallMicroShare} line={smallMicro} />
          </span>,
        )}
        {stat(
          'awardedShare',
          t('proc.shares.awardedShare'),
          <ShareValue share={total.awardedShare} line={sme} testId="shares-awarded-share" />,
          <span>
            {t('proc.shares.smallMicroPart')}{' '}
            <ShareValue share={total.awardedSmallMicroShare} line={smallMicro} />
          </span>,
        )}
        {stat(
          'below',
          t('proc.shares.belowCount'),
          <Typography.Text
            type={data.below > 0 ? 'danger' : 'success'}
            strong
            data-testid="shares-below-count"
            data-value={data.below}
          >
            {t('proc.shares.bodiesCount', { count: formatNumber(data.below, locale) })}
          </Typography.Text>,
          t('proc.shares.ofBodies', { count: formatNumber(data.bodies.total, locale) }),
        )}
      </Row>
      <Alert
        type="info"
        showIcon
        title={t('proc.shares.lines', {
          sme: formatShare(sme),
          smallMicro: formatShare(smallMicro),
          year: data.year,
        })}
        description={
          <Flex vertical gap={4}>
            <span>{t(judgedOnAwards ? 'proc.shares.judgedOnAwards' : 'proc.shares.judgedOnPlan')}</span>
            <span data-testid="shares-grade-method">
              {t('proc.shares.gradeMethod')}
              {text(data.gradeMethod)}
            </span>
          </Flex>
        }
      />
      <Card size="small" title={t('proc.shares.byKind')}>
        <Table
          size="small"
          rowKey="kind"
          pagination={false}
          columns={kindColumns}
          dataSource={data.byKind}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('proc.shares.none') }}
          data-testid="shares-kinds"
        />
      </Card>
      <Card size="small" title={t('proc.shares.chartTitle')}>
        {data.bodies.items.length > 0 ? (
          <LazyChart
            option={chart}
            label={t('proc.shares.chartTitle')}
            height={Math.max(220, data.bodies.items.length * 36 + 60)}
            testId="shares-chart"
          />
        ) : (
          <Empty description={t('proc.shares.none')} />
        )}
      </Card>
      <Card size="small" title={t('proc.shares.bodies')} styles={{ body: { padding: 0 } }}>
        <Table<BodyShare>
          rowKey="bodyId"
          columns={bodyColumns}
          dataSource={data.bodies.items}
          scroll={{ x: 1100 }}
          onRow={(body) =>
            ({
              'data-testid': 'shares-body',
              'data-body': body.bodyId,
              'data-below': String(!(body.meetsSme && body.meetsSmallMicro)),
            }) as never
          }
          locale={{ emptyText: <Empty description={t('proc.shares.none')} /> }}
          pagination={serverPagination({
            page,
            pageSize,
            total: data.bodies.total,
            showTotal: (count) => t('common.total', { total: count }),
            onChange: (nextPage, nextSize) =>
              update({ page: nextPage === 1 ? null : nextPage, pageSize: nextSize === 20 ? null : nextSize }),
          })}
          data-testid="shares-bodies"
        />
      </Card>
    </>
  );
}
