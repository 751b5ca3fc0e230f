/**
 * Routes of the officials' cultivation dashboard (issue 18): the dashboard of a region and year and its tables as
 * CSV or XLSX, the likely candidates not yet applying as a paged list and as a file, and the registry-wide scoring
 * that finds them (its last run and progress; starting one).
 */
import Type from 'typebox';
import { errorResponses } from '../../../shared/api/common.ts';
import {
  CandidatesExportQuery,
  CandidatesPageSchema,
  CandidatesQuery,
  CultivationDashboardExportQuery,
  CultivationDashboardQuery,
  CultivationDashboardSchema,
  ScoringBody,
  ScoringOverviewSchema,
  ScoringQuery,
} from '../../../shared/api/cultivation-dashboard.ts';
import { todayInChina } from '../../../shared/today.ts';
import { callerOf } from '../../http/auth.ts';
import { requestLanguage } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { type ExportColumn, sendTableExport } from '../../lib/table-export.ts';
import {
  type Candidate,
  type CultivationDashboard,
  candidatePages,
  cultivationDashboard,
  listCandidates,
  scoringOverview,
  startScoring,
} from './cultivation.dashboard.ts';
import { CULTIVATION_TIERS } from './cultivation.standards.ts';
import { STAGES, type Stage, type TierCode } from './cultivation.table.ts';

const OFFICIALS = { roles: ['official', 'admin'] } as const;
const tags = ['cultivation'];

const STAGE_NAMES: Record<Stage, { zh: string; en: string }> = {
  county_review: { zh: '县级审核', en: 'County review' },
  returned: { zh: '退回补正', en: 'Returned' },
  province_review: { zh: '省级审核', en: 'Province review' },
  national_review: { zh: '国家审核', en: 'National review' },
  notice: { zh: '公示中', en: 'On notice' },
  recognised: { zh: '已认定', en: 'Recognised' },
  rejected: { zh: '不予认定', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  revoked: { zh: '已撤销', en: 'Revoked' },
};
const STATUS_NAMES = {
  likely: { zh: '可能符合', en: 'Likely' },
  unlikely: { zh: '暂不符合', en: 'Unlikely' },
  incomplete: { zh: '资料不全', en: 'Incomplete' },
} as const;

const tierName = (code: TierCode, lang: 'zh' | 'en') => {
  const tier = CULTIVATION_TIERS.find((t) => t.code === code);
  return tier ? tier[lang] : code;
};

type TierRow = CultivationDashboard['tiers'][number] & { stages: Record<Stage, number> };

async function* once<T>(rows: T[]): AsyncGenerator<T[]> {
  if (rows.length > 0) yield rows;
}

const TIER_COLUMNS: ExportColumn<TierRow>[] = [
  { key: 'tier', zh: '梯度', en: 'Tier', width: 32, value: (r, l) => tierName(r.tier, l) },
  ...STAGES.map(
    (stage): ExportColumn<TierRow> => ({
      key: `stage_${stage}`,
      zh: `本年申请：${STAGE_NAMES[stage].zh}`,
      en: `Applications of the year: ${STAGE_NAMES[stage].en}`,
      value: (r) => r.stages[stage],
    }),
  ),
  { key: 'recognised', zh: '有效认定数', en: 'Recognitions in force', value: (r) => r.recognised },
  {
    key: 'national_target',
    zh: '全国目标（“十四五”）',
    en: 'National target (14th FYP)',
    value: (r) => r.nationalTarget,
  },
  {
    key: 'share',
    zh: '占全国目标（%）',
    en: 'Share of the national target (%)',
    value: (r) => r.shareOfTarget,
  },
  { key: 'expiring', zh: '180 天内到期', en: 'Expiring within 180 days', value: (r) => r.expiring },
  { key: 'candidates', zh: '可能符合未申报', en: 'Likely, not applying', value: (r) => r.candidates },
];

type SubRegionRow = CultivationDashboard['bySubRegion'][number];
const REGION_COLUMNS: ExportColumn<SubRegionRow>[] = [
  { key: 'code', zh: '区划代码', en: 'Code', value: (r) => r.code },
  { key: 'region', zh: '地区', en: 'Region', width: 30, value: (r, l) => (l === 'zh' ? r.name : r.nameEn) },
  ...CULTIVATION_TIERS.map(
    (t): ExportColumn<SubRegionRow> => ({
      key: t.code,
      zh: `${t.zh}（有效）`,
      en: `${t.en} (in force)`,
      width: 24,
      value: (r) => r.counts[t.code],
    }),
  ),
  { key: 'total', zh: '合计', en: 'Total', value: (r) => r.total },
];

const CANDIDATE_COLUMNS: ExportColumn<Candidate>[] = [
  { key: 'name', zh: '企业名称', en: 'Enterprise', width: 36, value: (r) => r.name },
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', width: 22, value: (r) => r.uscc },
  { key: 'region', zh: '所在地区', en: 'Region', width: 30, value: (r) => r.regionName },
  { key: 'tier', zh: '梯度', en: 'Tier', width: 32, value: (r, l) => tierName(r.tier, l) },
  { key: 'score', zh: '得分', en: 'Score', value: (r) => r.score },
  { key: 'status', zh: '评估结果', en: 'Status', value: (r, l) => STATUS_NAMES[r.status][l] },
  { key: 'missing', zh: '缺少信息项', en: 'Facts missing', value: (r) => r.missing },
  { key: 'standard', zh: '标准版本', en: 'Standard', width: 24, value: (r) => r.standardVersion },
  { key: 'data_year', zh: '数据年度', en: 'Data year', value: (r) => r.dataYear },
];

/** Registers the dashboard routes. */
export function cultivationDashboardRoutes(app: App, { db }: ModuleDeps): void {
  app.get(
    '/api/cultivation/dashboard',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary:
          'The cultivation dashboard of my region (or one under it) and a year: applications by tier and stage, recognitions in force against the national 14th-FYP targets and by sub-region, those expiring within 180 days, the likely candidates not applying',
        querystring: CultivationDashboardQuery,
        response: { 200: CultivationDashboardSchema, ...errorResponses },
      },
    },
    async (request) => cultivationDashboard(db, callerOf(request), request.query, todayInChina()),
  );
  app.get(
    '/api/cultivation/dashboard/export',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary:
          'Export the dashboard’s tiers table (applications by stage, recognitions against the targets) or its sub-regions table as CSV or XLSX',
        querystring: CultivationDashboardExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format, year, regionCode } = request.query;
      const table = request.query.table ?? 'tiers';
      const lang = request.query.lang ?? requestLanguage(request);
      const dashboard = await cultivationDashboard(
        db,
        callerOf(request),
        { year, regionCode },
        todayInChina(),
      );
      const fileName = `cultivation-${table}-${dashboard.regionCode ?? 'national'}-${dashboard.year}`;
      if (table === 'regions')
        return sendTableExport(reply, {
          format,
          fileName,
          lang,
          sheetName: lang === 'zh' ? '按地区' : 'By region',
          pages: once(dashboard.bySubRegion),
          columns: REGION_COLUMNS,
        });
      const rows: TierRow[] = dashboard.tiers.map((t) => ({
        ...t,
        stages: Object.fromEntries(
          dashboard.pipeline.filter((p) => p.tier === t.tier).map((p) => [p.stage, p.count]),
        ) as Record<Stage, number>,
      }));
      return sendTableExport(reply, {
        format,
        fileName,
        lang,
        sheetName: lang === 'zh' ? '按梯度' : 'By tier',
        pages: once(rows),
        columns: TIER_COLUMNS,
      });
    },
  );
  app.get(
    '/api/cultivation/candidates',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary:
          'The likely candidates of my region: enterprises the last registry-wide scoring found likely for a tier, not holding it and with no open application; best score first',
        querystring: CandidatesQuery,
        response: { 200: CandidatesPageSchema, ...errorResponses },
      },
    },
    async (request) => listCandidates(db, callerOf(request), request.query, todayInChina()),
  );
  app.get(
    '/api/cultivation/candidates/export',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Export the likely candidates of my region as CSV or XLSX, as the filters stand',
        querystring: CandidatesExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const lang = request.query.lang ?? requestLanguage(request);
      const pages = candidatePages(db, callerOf(request), request.query, todayInChina());
      return sendTableExport(reply, {
        format: request.query.format,
        fileName: `cultivation-candidates-${request.query.tier ?? 'all'}`,
        lang,
        sheetName: lang === 'zh' ? '可能符合未申报' : 'Likely candidates',
        pages,
        columns: CANDIDATE_COLUMNS,
      });
    },
  );
  app.get(
    '/api/cultivation/scoring',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary:
          'The registry-wide scoring behind the likely candidates of my region: the run under way with its progress, the last one finished, whether I may start one',
        querystring: ScoringQuery,
        response: { 200: ScoringOverviewSchema, ...errorResponses },
      },
    },
    async (request) => scoringOverview(db, callerOf(request), request.query),
  );
  app.post(
    '/api/cultivation/scoring',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary:
          'Start the registry-wide scoring of my province (or a region in it; an admin: any, or every enterprise); refused while a run over the same enterprises is under way',
        body: ScoringBody,
        response: { 200: ScoringOverviewSchema, ...errorResponses },
      },
    },
    async (request) => startScoring(db, callerOf(request), request.body ?? {}),
  );
}
