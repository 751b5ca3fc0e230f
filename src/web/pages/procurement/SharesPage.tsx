/**
 * `/app/procurement/shares` (中小企业份额; supervising officials, admins nationally): a year's government procurement
 * for SMEs in a region (GET /api/procurement/shares): the totals and each kind of project — the budget suited to
 * SMEs, what the plans reserve and what was awarded, the SME share and its small/micro part against the lines
 * (`smeShareMin` 30%, `smallMicroShareMin` 60%) — and each buying body, those below a line first and tagged, with
 * its SBA-style grade (the method as the server states it: the SME share and its small/micro part each graded, the
 * lower grade given) and the shares chart (SME share against 30%, small/micro part against 60%). The page states the
 * rule by which awards whose declaration is flagged still count (财库〔2020〕46号) and shows, for the region and beside
 * each body's shares, how much of the SME and small/micro amounts rests on flagged awards and how many they are. A
 * body's plan, awards and flagged awards are a click away. Year, region, below-only and
 * page live in the address.
 */
import { InfoCircleOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  Card,
  Checkbox,
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
import { useMemo } from 'react';
import { Link } from 'react-router';
import { todayInChina } from '../../../shared/today.ts';
import { type BodyShare, procurementQueries, type ShareFigures, type Shares } from '../../api/procurement.ts';
import { useSession } from '../../auth/SessionProvider.tsx';
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
import { compareDecimal, formatShare, formatYuan, partPercent, planYears } from './procurementModel.ts';
import { KindTag, PageHeading, useText, Yuan } from './procurementParts.tsx';
import { FlaggedNote, GradeTag, SharesChart, ShareValue, StatCard, SumCell } from './shareParts.tsx';

const readFilters = paramReader({
  year: (v) => positiveParam(v, 2100),
  region: matching(/^\d{6}$/),
  below: flagParam,
  page: (v) => positiveParam(v) ?? 1,
  pageSize: (v) => positiveParam(v, 100) ?? 20,
});

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
  const bars = useMemo(
    () =>
      data.bodies.items.map((b) => ({
        name: b.bodyName,
        awarded: b.awardedShare,
        reserved: b.reservedShare,
        awardedSmallMicro: b.awardedSmallMicroShare,
        reservedSmallMicro: b.reservedSmallMicroShare,
      })),
    [data],
  );
  const judgedOnAwards = compareDecimal(total.awardedSuited, '0') > 0;

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
  function figureColumns<R extends ShareFigures & { suitedProjects: number }>(): TableColumnsType<R> {
    return [
      {
        title: t('proc.shares.suitedBudget'),
        key: 'suitedBudget',
        align: 'right',
        width: 160,
        render: (_: unknown, r: R) => (
          <SumCell value={r.suitedBudget}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="shares-suited-projects">
              {t('proc.shares.suitedOf', {
                suited: formatNumber(r.suitedProjects, locale),
                projects: formatNumber(r.projects, locale),
              })}
            </Typography.Text>
          </SumCell>
        ),
      },
      {
        title: t('proc.shares.reserved'),
        key: 'reserved',
        align: 'right',
        width: 170,
        render: (_: unknown, r: R) => (
          <SumCell value={r.reserved}>
            <ShareValue share={r.reservedShare} line={sme} />
            <span style={{ whiteSpace: 'nowrap' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('proc.shares.ofWhichSmallMicro')}{' '}
              </Typography.Text>
              <ShareValue share={r.reservedSmallMicroShare} line={smallMicro} />
            </span>
          </SumCell>
        ),
      },
      {
        title: t('proc.shares.awardedSuited'),
        key: 'awarded',
        align: 'right',
        width: 180,
        render: (_: unknown, r: R) => (
          <SumCell value={r.awardedSuited}>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {t('proc.shares.contractsOf', { count: formatNumber(r.contracts, locale) })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {t('proc.shares.toSme')} <Yuan value={r.awardedSme} compact />
            </Typography.Text>
          </SumCell>
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

  const grade = (r: ShareFigures) => (
    <GradeTag grade={r.grade} method={text(data.gradeMethod)} testId="shares-grade" />
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

  const flaggedCell = (body: BodyShare) =>
    body.flagged.awards === 0 ? (
      <Typography.Text type="secondary" data-testid="shares-flagged" data-awards={0}>
        {t('proc.shares.flaggedNone')}
      </Typography.Text>
    ) : (
      <Flex
        vertical
        gap={2}
        align="start"
        data-testid="shares-flagged"
        data-awards={body.flagged.awards}
        data-sme={body.flagged.smeAmount}
      >
        <Typography.Text type="warning" strong style={{ whiteSpace: 'nowrap' }}>
          <WarningOutlined />{' '}
          {t('proc.shares.flaggedAwards', { count: formatNumber(body.flagged.awards, locale) })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('proc.shares.flaggedSme', {
            amount: formatYuan(body.flagged.smeAmount, locale),
            share: formatShare(partPercent(body.flagged.smeAmount, body.awardedSme)),
          })}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('proc.shares.flaggedSmallMicro', {
            amount: formatYuan(body.flagged.smallMicroAmount, locale),
          })}
        </Typography.Text>
        <Link to={`${bodyLink(body, 'awards')}&flagged=true`} style={{ fontSize: 12 }}>
          {t('proc.shares.flaggedList')}
        </Link>
      </Flex>
    );

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
      width: 190,
      render: (_, body) => (
        <Flex vertical gap={4} align="start">
          {meets(body)}
          <Space size={4}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('proc.shares.grade')}
            </Typography.Text>
            {grade(body)}
          </Space>
          {/* How much of the share rests on flagged declarations: under the judgement (a column of its own no
              longer fitted the table at 1440 px). */}
          {flaggedCell(body)}
        </Flex>
      ),
    },
    ...figureColumns<BodyShare>(),
  ];

  return (
    <>
      <Row gutter={[16, 16]} data-testid="shares-totals">
        <StatCard
          title={t('proc.shares.reservedShare')}
          testId="shares-total-reservedShare"
          value={<ShareValue share={total.reservedShare} line={sme} testId="shares-reserved-share" />}
          help={
            <span>
              {t('proc.shares.smallMicroPart')}{' '}
              <ShareValue share={total.reservedSmallMicroShare} line={smallMicro} /> ·{' '}
              {t('proc.shares.suitedBudget')} <Yuan value={total.suitedBudget} compact /> (
              {t('proc.shares.suitedOf', {
                suited: formatNumber(total.suitedProjects, locale),
                projects: formatNumber(total.projects, locale),
              })}
              )
            </span>
          }
        />
        <StatCard
          title={t('proc.shares.awardedShare')}
          testId="shares-total-awardedShare"
          value={<ShareValue share={total.awardedShare} line={sme} testId="shares-awarded-share" />}
          help={t('procr.shares.againstLine', { share: formatShare(sme) })}
        />
        <StatCard
          title={t('procr.shares.awardedSmallMicroShare')}
          testId="shares-total-awardedSmallMicroShare"
          value={
            <ShareValue
              share={total.awardedSmallMicroShare}
              line={smallMicro}
              testId="shares-awarded-small-micro-share"
            />
          }
          help={t('procr.shares.smallMicroAgainstLine', { share: formatShare(smallMicro) })}
        />
        <StatCard
          title={t('proc.shares.belowCount')}
          testId="shares-total-below"
          value={
            <Typography.Text
              type={data.below > 0 ? 'danger' : 'success'}
              strong
              data-testid="shares-below-count"
              data-value={data.below}
            >
              {t('proc.shares.bodiesCount', { count: formatNumber(data.below, locale) })}
            </Typography.Text>
          }
          help={t('proc.shares.ofBodies', { count: formatNumber(data.bodies.total, locale) })}
        />
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
            <FlaggedNote testId="shares-flagged-note" />
            <span data-testid="shares-flagged-total" data-awards={total.flagged.awards}>
              {total.flagged.awards === 0
                ? t('proc.shares.flaggedTotalNone')
                : t('proc.shares.flaggedTotal', {
                    amount: formatYuan(total.flagged.smeAmount, locale),
                    share: formatShare(partPercent(total.flagged.smeAmount, total.awardedSme)),
                    count: formatNumber(total.flagged.awards, locale),
                  })}
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
          <SharesChart
            bars={bars}
            sme={sme}
            smallMicro={smallMicro}
            label={t('proc.shares.chartTitle')}
            height={Math.max(240, data.bodies.items.length * 36 + 90)}
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
