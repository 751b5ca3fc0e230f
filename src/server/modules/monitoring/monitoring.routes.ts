/**
 * Routes of monitoring (issue 16, measure 3): officials design surveys, draw panels, run waves, check responses,
 * compute and release; the enterprise answers its questionnaires; the public reads the released series, their
 * figures and traces, and the weights.
 */
import type { FastifyReply } from 'fastify';
import Type from 'typebox';
import { findIndustry } from '../../../reference/industries.ts';
import {
  ECONOMIC_REGIONS,
  monitoringTermName,
  SMEDI_INDUSTRIES,
  SMEDI_SUB_INDICES,
} from '../../../reference/monitoring.ts';
import { regionFullName } from '../../../reference/regions.ts';
import { regionFullNameEn } from '../../../reference/regions-en.ts';
import { errorResponses } from '../../../shared/api/common.ts';
import {
  DrawBody,
  DrawSchema,
  DropMemberBody,
  DropMemberParams,
  DropMemberSchema,
  FigureGroupQuery,
  FlagDecisionBody,
  FlagDecisionParams,
  MyAnswersBody,
  MySurveyListSchema,
  MySurveyParams,
  MySurveySchema,
  PanelExportQuery,
  PanelMakeupSchema,
  PanelPageSchema,
  PanelQuery,
  PublicRegistryExportQuery,
  PublicRegistryQuery,
  PublicReleaseQuery,
  PublicReleaseSchema,
  PublicSeriesExportQuery,
  PublicSeriesListSchema,
  PublicSeriesParams,
  PublicSeriesQuery,
  PublicSeriesSchema,
  PublicTraceParams,
  RegistryRunBody,
  RegistryRunListQuery,
  RegistryRunListSchema,
  ReleaseBody,
  ReleaseListQuery,
  ReleaseListSchema,
  ReleaseParams,
  ReleaseReturnBody,
  ReleaseSchema,
  ReleaseUpdateBody,
  ResponseDetailSchema,
  ResponseListQuery,
  ResponseListSchema,
  ResponseParams,
  RunParams,
  RunSchema,
  ScheduleBody,
  SurveyBody,
  SurveyListQuery,
  SurveyListSchema,
  SurveyParams,
  SurveySchema,
  SurveyUpdateBody,
  SurveyVersionParams,
  SurveyVersionQuestionsSchema,
  TraceQuery,
  TraceSchema,
  VersionBody,
  WaveBody,
  WaveListSchema,
  WaveParams,
  WaveSchema,
  WeightsBody,
  WeightsSchema,
} from '../../../shared/api/monitoring.ts';
import { dateTimeInChina, todayInChina } from '../../../shared/today.ts';
import { actorOf, callerOf } from '../../http/auth.ts';
import { AppError, requestLanguage } from '../../http/errors.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { type ExportColumn, sendTableExport } from '../../lib/table-export.ts';
import * as answers from './monitoring.answers.ts';
import * as compute from './monitoring.compute.ts';
import * as panel from './monitoring.panel.ts';
import * as registry from './monitoring.registry.ts';
import * as releases from './monitoring.releases.ts';
import {
  type AnswerView,
  answersByEnterprise,
  loadRun,
  loadWave,
  questionsOf,
} from './monitoring.repository.ts';
import type { Question } from './monitoring.rules.ts';
import * as surveys from './monitoring.surveys.ts';
import type { FlagKind } from './monitoring.table.ts';
import * as waves from './monitoring.waves.ts';

const OFFICIALS = { roles: ['official', 'admin'] } as const;
const ENTERPRISE = { roles: ['enterprise'] } as const;
const tags = ['monitoring'];

const SIZE_NAMES = {
  medium: { zh: '中型', en: 'Medium' },
  small: { zh: '小型', en: 'Small' },
  micro: { zh: '微型', en: 'Micro' },
} as const;
const sizeName = (size: string, lang: 'zh' | 'en') =>
  SIZE_NAMES[size as keyof typeof SIZE_NAMES]?.[lang] ?? size;
/** A stratum's region: a division by its full name, or one of the four economic regions of a national survey. */
const regionName = (code: string, lang: 'zh' | 'en') => {
  const economic = ECONOMIC_REGIONS.find((r) => r.code === code);
  if (economic) return economic[lang];
  return (lang === 'zh' ? regionFullName(code) : regionFullNameEn(code)) || code;
};

/** The quality flags' names, as the officials' pages give them. */
const FLAG_NAMES: Record<FlagKind, { zh: string; en: string }> = {
  missing: { zh: '缺答', en: 'Missing answers' },
  straight_lining: { zh: '答案雷同', en: 'Straight-lining' },
  jump_registry: { zh: '与登记库差异大', en: 'Far from the registry' },
  jump_last_wave: { zh: '与上期差异大', en: 'Far from last wave' },
  late: { zh: '逾期提交', en: 'Late' },
  duplicate: { zh: '重复提交', en: 'Duplicate' },
};

type Member = Awaited<ReturnType<typeof panel.panelPage>>['items'][number];
const PANEL_COLUMNS: ExportColumn<Member>[] = [
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', value: (r) => r.uscc },
  { key: 'name', zh: '企业名称', en: 'Enterprise', width: 36, value: (r) => r.name },
  {
    key: 'industry',
    zh: '行业',
    en: 'Industry',
    value: (r, lang) => monitoringTermName(SMEDI_INDUSTRIES, r.industry)[lang],
  },
  { key: 'region_code', zh: '地区代码', en: 'Region code', value: (r) => r.regionCode },
  { key: 'region', zh: '地区', en: 'Region', width: 24, value: (r, lang) => regionName(r.regionCode, lang) },
  { key: 'size', zh: '规模', en: 'Size', value: (r, lang) => sizeName(r.size, lang) },
  {
    key: 'design_weight',
    zh: '设计权数',
    en: 'Design weight',
    value: (r) => r.designWeight,
    numFmt: '0.000000',
  },
  {
    key: 'state',
    zh: '状态',
    en: 'State',
    value: (r, lang) =>
      r.state === 'active' ? (lang === 'zh' ? '在样' : 'Active') : lang === 'zh' ? '已退出' : 'Dropped',
  },
  { key: 'joined_on', zh: '入样日期', en: 'Joined', value: (r) => r.joinedOn },
  { key: 'left_on', zh: '退出日期', en: 'Left', value: (r) => r.leftOn ?? '' },
  { key: 'left_reason', zh: '退出原因', en: 'Reason', width: 30, value: (r) => r.leftReason ?? '' },
];

type ResponseRow = Awaited<ReturnType<typeof waves.responsesPage>>['items'][number];
const STATE_NAMES = {
  pending: { zh: '未填写', en: 'Not started' },
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  accepted: { zh: '已审核', en: 'Accepted' },
  returned: { zh: '已退回', en: 'Sent back' },
} as const;
const RESPONSE_COLUMNS: ExportColumn<ResponseRow>[] = [
  { key: 'uscc', zh: '统一社会信用代码', en: 'USCC', value: (r) => r.uscc },
  { key: 'name', zh: '企业名称', en: 'Enterprise', width: 36, value: (r) => r.name },
  {
    key: 'industry',
    zh: '行业',
    en: 'Industry',
    value: (r, lang) => monitoringTermName(SMEDI_INDUSTRIES, r.industry)[lang],
  },
  { key: 'region_code', zh: '地区代码', en: 'Region code', value: (r) => r.regionCode },
  { key: 'region', zh: '地区', en: 'Region', width: 24, value: (r, lang) => regionName(r.regionCode, lang) },
  { key: 'size', zh: '规模', en: 'Size', value: (r, lang) => sizeName(r.size, lang) },
  { key: 'weight', zh: '权数', en: 'Weight', value: (r) => r.weight, numFmt: '0.000000' },
  { key: 'state', zh: '状态', en: 'State', value: (r, lang) => STATE_NAMES[r.state][lang] },
  {
    key: 'submitted_at',
    zh: '提交时间（北京时间）',
    en: 'Submitted (China time)',
    width: 18,
    value: (r) => (r.submittedAt ? dateTimeInChina(r.submittedAt) : ''),
  },
  {
    key: 'flags',
    zh: '待处理标记',
    en: 'Open flags',
    width: 24,
    value: (r, lang) =>
      r.openFlags.map((f) => FLAG_NAMES[f as FlagKind]?.[lang] ?? f).join(lang === 'zh' ? '、' : '; '),
  },
];

/** A response's answer to a question, as the questionnaire words it (a level, a number, a choice, a text). */
function answerCell(question: Question, answer: AnswerView | undefined, lang: 'zh' | 'en'): string {
  if (!answer) return '';
  if (answer.level !== null) {
    const wording = compute.levelWording(question, answer.level)[lang];
    return lang === 'en' ? wording.charAt(0).toUpperCase() + wording.slice(1) : wording;
  }
  if (answer.number !== null) return answer.number;
  if (answer.choice !== null) {
    const choice = question.choices?.find((c) => c.code === answer.choice);
    return choice ? (lang === 'zh' ? choice.zh : choice.en || choice.zh) : answer.choice;
  }
  return answer.text ?? '';
}

/** The responses export's columns: the response's, then one per question in the questionnaire's order. */
function responseColumns(
  questions: readonly Question[],
  answersOf: (enterpriseId: number) => Map<string, AnswerView>,
): ExportColumn<ResponseRow>[] {
  return [
    ...RESPONSE_COLUMNS,
    ...questions.map(
      (q): ExportColumn<ResponseRow> => ({
        key: `q:${q.code}`,
        zh: `${q.code} ${q.textZh}`,
        en: `${q.code} ${q.textEn || q.textZh}`,
        width: 16,
        value: (r, lang) => answerCell(q, answersOf(r.enterpriseId).get(q.code), lang),
        ...(q.kind === 'number' ? { numFmt: 'General' } : {}),
      }),
    ),
  ];
}

type Series = Awaited<ReturnType<typeof releases.publicSeries>>;

/** A public series as a file: one row per period, the measure and group it is of named in each row. */
function sendSeries(
  reply: FastifyReply,
  series: Series,
  measure: string,
  format: 'csv' | 'xlsx',
  lang: 'zh' | 'en',
  base: string,
) {
  type Point = Series['points'][number];
  const counts = series.kind === 'registry';
  const all = lang === 'zh' ? '全部' : 'All';
  const industryName = (code: string) =>
    code === ''
      ? all
      : counts
        ? ((lang === 'zh' ? findIndustry(code)?.nameZh : findIndustry(code)?.nameEn) ?? code)
        : monitoringTermName(SMEDI_INDUSTRIES, code)[lang];
  const regionName = (code: string) =>
    code === '' ? all : `${code} ${lang === 'zh' ? regionFullName(code) : regionFullNameEn(code)}`.trim();
  const columns: ExportColumn<Point>[] = [
    { key: 'period', zh: '期次', en: 'Period', value: (p) => p.period },
    { key: 'measure', zh: '指标', en: 'Measure', width: 30, value: () => measure },
    { key: 'industry', zh: '行业', en: 'Industry', value: () => industryName(series.industry) },
    { key: 'region', zh: '地区', en: 'Region', width: 24, value: () => regionName(series.region) },
    {
      key: 'size',
      zh: '规模',
      en: 'Size',
      value: () => (series.size === '' ? all : sizeName(series.size, lang)),
    },
    {
      key: 'value',
      zh: counts ? '数量' : '指数',
      en: counts ? 'Count' : 'Index',
      value: (p) =>
        p.shown ??
        (p.withheld ? compute.withheldWords(p.withheld, lang) : lang === 'zh' ? '无数据' : 'no data'),
      numFmt: counts ? '0' : '0.0',
    },
    { key: 'release_version', zh: '发布版本', en: 'Release version', value: (p) => p.releaseVersion },
  ];
  return sendTableExport(reply, {
    format,
    // The file is named after what it holds: the measure and the group picked (industry, region, size).
    fileName: [base, series.measure.replace(':', '-'), series.industry, series.region, series.size]
      .filter((part) => part !== '')
      .join('-')
      .replace(/[^A-Za-z0-9._-]/g, '_'),
    pages: (async function* () {
      yield series.points;
    })(),
    columns,
    lang,
    sheetName: counts ? (lang === 'zh' ? '登记统计' : 'Registry') : lang === 'zh' ? '指数' : 'Index',
  });
}

type PublicRelease = Awaited<ReturnType<typeof releases.publicRelease>>;

/**
 * A published release's figures as a file (CSV or XLSX): the figures the public page lists, as shown (one decimal)
 * or withheld with the reason in words — the same as the page, no full-precision column, no counts by level.
 */
function sendRelease(reply: FastifyReply, release: PublicRelease, format: 'csv' | 'xlsx', lang: 'zh' | 'en') {
  type Figure = PublicRelease['figures'][number];
  const counts = release.kind === 'registry';
  const all = lang === 'zh' ? '全部' : 'All';
  const question = (code: string) => release.questions.find((q) => q.code === code);
  const measureOf = (measure: string) => {
    if (counts) return releases.REGISTRY_MEASURE_NAMES[measure]?.[lang] ?? measure;
    if (measure === 'overall') return lang === 'zh' ? '中小企业发展指数' : 'SME development index';
    if (measure === 'pmi') return lang === 'zh' ? 'PMI式综合指数' : 'PMI-style composite';
    if (measure.startsWith('sub:')) return monitoringTermName(SMEDI_SUB_INDICES, measure.slice(4))[lang];
    const q = measure.startsWith('q:') ? question(measure.slice(2)) : undefined;
    return q ? (lang === 'zh' ? q.textZh : q.textEn || q.textZh) : measure;
  };
  const industryName = (code: string) =>
    code === ''
      ? all
      : counts
        ? ((lang === 'zh' ? findIndustry(code)?.nameZh : findIndustry(code)?.nameEn) ?? code)
        : monitoringTermName(SMEDI_INDUSTRIES, code)[lang];
  const columns: ExportColumn<Figure>[] = [
    { key: 'period', zh: '期次', en: 'Period', value: () => release.period },
    { key: 'measure', zh: '指标', en: 'Measure', width: 30, value: (f) => measureOf(f.measure) },
    { key: 'industry', zh: '行业', en: 'Industry', value: (f) => industryName(f.industry) },
    {
      key: 'region',
      zh: '地区',
      en: 'Region',
      width: 24,
      value: (f) => (f.regionCode === '' ? all : `${f.regionCode} ${regionName(f.regionCode, lang)}`),
    },
    { key: 'size', zh: '规模', en: 'Size', value: (f) => (f.size === '' ? all : sizeName(f.size, lang)) },
    {
      key: 'value',
      zh: counts ? '数量' : '指数',
      en: counts ? 'Count' : 'Index',
      value: (f) =>
        f.shown ??
        (f.withheld ? compute.withheldWords(f.withheld, lang) : lang === 'zh' ? '无数据' : 'no data'),
      numFmt: counts ? '0' : '0.0',
    },
    ...(counts
      ? []
      : [{ key: 'responses', zh: '答卷数', en: 'Responses', value: (f: Figure) => f.responses }]),
    { key: 'release_version', zh: '发布版本', en: 'Release version', value: () => release.releaseVersion },
  ];
  return sendTableExport(reply, {
    format,
    fileName: `release-${release.id}-${release.period}-v${release.releaseVersion}`.replace(
      /[^A-Za-z0-9._-]/g,
      '_',
    ),
    pages: (async function* () {
      yield release.figures;
    })(),
    columns,
    lang,
    sheetName: counts ? (lang === 'zh' ? '登记统计' : 'Registry') : lang === 'zh' ? '指数' : 'Index',
  });
}

/** Registers the monitoring routes. */
export function monitoringRoutes(app: App, { db }: ModuleDeps): void {
  // ---- design ----
  app.get(
    '/api/monitoring/surveys',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'The monitoring surveys of my region',
        querystring: SurveyListQuery,
        response: { 200: SurveyListSchema, ...errorResponses },
      },
    },
    async (request) => surveys.listSurveys(db, callerOf(request), request.query),
  );
  app.post(
    '/api/monitoring/surveys',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Design a survey (its first version)',
        body: SurveyBody,
        response: { 200: SurveySchema, ...errorResponses },
      },
    },
    async (request) => surveys.createSurvey(db, callerOf(request), request.body),
  );
  app.get(
    '/api/monitoring/surveys/:id',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'A survey with its current questions and versions',
        params: SurveyParams,
        response: { 200: SurveySchema, ...errorResponses },
      },
    },
    async (request) => surveys.getSurvey(db, callerOf(request), request.params.id),
  );
  app.put(
    '/api/monitoring/surveys/:id',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Change a survey (a version a wave has used is kept: the change makes the next)',
        params: SurveyParams,
        body: SurveyUpdateBody,
        response: { 200: SurveySchema, ...errorResponses },
      },
    },
    async (request) => surveys.updateSurvey(db, callerOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/monitoring/surveys/:id/versions/:version',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'The questions of one version',
        params: SurveyVersionParams,
        response: { 200: SurveyVersionQuestionsSchema, ...errorResponses },
      },
    },
    async (request) =>
      surveys.surveyVersion(db, callerOf(request), request.params.id, request.params.version),
  );
  app.get(
    '/api/monitoring/weights',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The dated weights of the sub-indices and industries, with their basis',
        response: { 200: WeightsSchema, ...errorResponses },
      },
    },
    async () => surveys.listWeights(db),
  );
  app.put(
    '/api/monitoring/weights',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Set a dated set of weights (summing to 1) for my region',
        body: WeightsBody,
        response: { 200: WeightsSchema, ...errorResponses },
      },
    },
    async (request) => surveys.putWeights(db, callerOf(request), request.body),
  );

  // ---- panel ----
  app.post(
    '/api/monitoring/surveys/:id/draw',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Draw the panel from the registry, stratified by industry × region × size',
        params: SurveyParams,
        body: DrawBody,
        response: { 200: DrawSchema, ...errorResponses },
      },
    },
    async (request) => panel.drawPanel(db, callerOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/monitoring/surveys/:id/panel',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'The panel’s members',
        params: SurveyParams,
        querystring: PanelQuery,
        response: { 200: PanelPageSchema, ...errorResponses },
      },
    },
    async (request) => panel.panelPage(db, callerOf(request), request.params.id, request.query),
  );
  app.get(
    '/api/monitoring/surveys/:id/panel/export',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Export the panel (CSV or XLSX)',
        params: SurveyParams,
        querystring: PanelExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format, lang: asked, ...query } = request.query;
      const lang = asked ?? requestLanguage(request);
      const caller = callerOf(request);
      // Checked before the reply starts: a survey outside the official's scope is a 403, not a broken file.
      await panel.panelPage(db, caller, request.params.id, { ...query, page: 1, pageSize: 1 });
      return sendTableExport(reply, {
        format,
        fileName: `monitoring-panel-${request.params.id}-${todayInChina()}`,
        pages: panel.panelPages(db, caller, request.params.id, query),
        columns: PANEL_COLUMNS,
        lang,
        sheetName: lang === 'zh' ? '调查样本' : 'Panel',
      });
    },
  );
  app.get(
    '/api/monitoring/surveys/:id/panel/makeup',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'The panel’s make-up beside the registry’s',
        params: SurveyParams,
        response: { 200: PanelMakeupSchema, ...errorResponses },
      },
    },
    async (request) => panel.panelMakeup(db, callerOf(request), request.params.id),
  );
  app.post(
    '/api/monitoring/surveys/:id/panel/:enterpriseId/drop',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'A member drops out (with the reason), replaced from its stratum',
        params: DropMemberParams,
        body: DropMemberBody,
        response: { 200: DropMemberSchema, ...errorResponses },
      },
    },
    async (request) =>
      panel.dropMember(db, callerOf(request), request.params.id, request.params.enterpriseId, request.body),
  );

  // ---- waves ----
  app.get(
    '/api/monitoring/surveys/:id/waves',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'A survey’s waves',
        params: SurveyParams,
        response: { 200: WaveListSchema, ...errorResponses },
      },
    },
    async (request) => waves.listWaves(db, callerOf(request), request.params.id),
  );
  app.post(
    '/api/monitoring/surveys/:id/waves',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Open a wave: every panel member gets the questionnaire',
        params: SurveyParams,
        body: WaveBody,
        response: { 200: WaveSchema, ...errorResponses },
      },
    },
    async (request) => waves.openWave(db, callerOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/monitoring/waves/:id',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'A wave with its response rates by stratum',
        params: WaveParams,
        response: { 200: WaveSchema, ...errorResponses },
      },
    },
    async (request) => waves.waveView(db, callerOf(request), request.params.id),
  );
  app.post(
    '/api/monitoring/waves/:id/close',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Close a wave (no more answers)',
        params: WaveParams,
        response: { 200: WaveSchema, ...errorResponses },
      },
    },
    async (request) => waves.closeWave(db, callerOf(request), request.params.id),
  );
  app.get(
    '/api/monitoring/waves/:id/responses',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'A wave’s responses',
        params: WaveParams,
        querystring: ResponseListQuery,
        response: { 200: ResponseListSchema, ...errorResponses },
      },
    },
    async (request) => waves.responsesPage(db, callerOf(request), request.params.id, request.query),
  );
  app.get(
    '/api/monitoring/waves/:id/responses/export',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Export a wave’s responses (CSV or XLSX)',
        params: WaveParams,
        querystring: Type.Object(
          {
            ...ResponseListQuery.properties,
            format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
            lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')])),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format, lang: asked, ...query } = request.query;
      const lang = asked ?? requestLanguage(request);
      const caller = callerOf(request);
      const wave = await loadWave(db, actorOf(request), request.params.id);
      const questions = await questionsOf(db, wave.survey_id, wave.survey_version);
      // Each page's answers, read in one statement as the page is written.
      let answers = new Map<number, Map<string, AnswerView>>();
      async function* pages() {
        for (let page = 1; ; page++) {
          const { items } = await waves.responsesPage(db, caller, request.params.id, {
            ...query,
            page,
            pageSize: 200,
          });
          if (items.length === 0) return;
          answers = await answersByEnterprise(
            db,
            request.params.id,
            items.map((r) => r.enterpriseId),
          );
          yield items;
          if (items.length < 200) return;
        }
      }
      return sendTableExport(reply, {
        format,
        fileName: `monitoring-responses-${request.params.id}-${todayInChina()}`,
        pages: pages(),
        columns: responseColumns(questions, (id) => answers.get(id) ?? new Map()),
        lang,
        sheetName: lang === 'zh' ? '答卷' : 'Responses',
      });
    },
  );
  app.get(
    '/api/monitoring/waves/:id/responses/:enterpriseId',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'One response with its answers and flags',
        params: ResponseParams,
        response: { 200: ResponseDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      waves.responseDetail(db, callerOf(request), request.params.id, request.params.enterpriseId),
  );
  app.post(
    '/api/monitoring/waves/:id/responses/:enterpriseId/flags/:flagId',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Accept a quality flag, or send the response back with a question',
        params: FlagDecisionParams,
        body: FlagDecisionBody,
        response: { 200: ResponseDetailSchema, ...errorResponses },
      },
    },
    async (request) =>
      waves.decideFlag(
        db,
        callerOf(request),
        request.params.id,
        request.params.enterpriseId,
        request.params.flagId,
        request.body,
      ),
  );

  // ---- computation ----
  app.post(
    '/api/monitoring/waves/:id/compute',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Compute the wave’s indices from its submitted answers',
        params: WaveParams,
        response: { 200: RunSchema, ...errorResponses },
      },
    },
    async (request) => compute.computeWave(db, callerOf(request), request.params.id),
  );
  app.get(
    '/api/monitoring/runs/:id',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'A computation’s figures for a group',
        params: RunParams,
        querystring: FigureGroupQuery,
        response: { 200: RunSchema, ...errorResponses },
      },
    },
    async (request) => compute.runView(db, callerOf(request), request.params.id, request.query),
  );
  app.get(
    '/api/monitoring/runs/:id/trace',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'One figure’s components, down to weighted counts and answers',
        params: RunParams,
        querystring: TraceQuery,
        response: { 200: TraceSchema, ...errorResponses },
      },
    },
    async (request) => {
      await loadRun(db, actorOf(request), request.params.id);
      return compute.traceFigure(db, request.params.id, request.query, requestLanguage(request));
    },
  );

  // ---- the registry's monthly statistics ----
  app.post(
    '/api/monitoring/registry-runs',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Count the registry’s enterprises, entries, exits and new registrations of an ended month',
        body: RegistryRunBody,
        response: { 200: RunSchema, ...errorResponses },
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const id = await registry.computeRegistryRun(db, caller, request.body);
      return compute.runView(db, caller, id, {});
    },
  );
  app.get(
    '/api/monitoring/registry-runs',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'The registry statistics counted for my region',
        querystring: RegistryRunListQuery,
        response: { 200: RegistryRunListSchema, ...errorResponses },
      },
    },
    async (request) => registry.listRegistryRuns(db, callerOf(request), request.query),
  );

  // ---- releases ----
  app.get(
    '/api/monitoring/releases',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Releases of my region',
        querystring: ReleaseListQuery,
        response: { 200: ReleaseListSchema, ...errorResponses },
      },
    },
    async (request) => releases.listReleases(db, callerOf(request), request.query),
  );
  app.post(
    '/api/monitoring/releases',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Draft a release of a computation (a correction of a released period: with its note)',
        body: ReleaseBody,
        response: { 200: ReleaseSchema, ...errorResponses },
      },
    },
    async (request) => releases.createRelease(db, callerOf(request), request.body),
  );
  app.get(
    '/api/monitoring/releases/:id',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'A release',
        params: ReleaseParams,
        response: { 200: ReleaseSchema, ...errorResponses },
      },
    },
    async (request) => releases.getRelease(db, callerOf(request), request.params.id),
  );
  app.put(
    '/api/monitoring/releases/:id',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Edit a draft’s commentary',
        params: ReleaseParams,
        body: ReleaseUpdateBody,
        response: { 200: ReleaseSchema, ...errorResponses },
      },
    },
    async (request) => releases.updateRelease(db, callerOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/monitoring/releases/:id/review',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Review a draft (another official than its author)',
        params: ReleaseParams,
        body: VersionBody,
        response: { 200: ReleaseSchema, ...errorResponses },
      },
    },
    async (request) => releases.reviewRelease(db, callerOf(request), request.params.id, request.body.version),
  );
  app.post(
    '/api/monitoring/releases/:id/return',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Send a draft back to its author with what to change (another official than its author)',
        params: ReleaseParams,
        body: ReleaseReturnBody,
        response: { 200: ReleaseSchema, ...errorResponses },
      },
    },
    async (request) => releases.returnRelease(db, callerOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/monitoring/releases/:id/schedule',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Schedule a reviewed release (not in the past)',
        params: ReleaseParams,
        body: ScheduleBody,
        response: { 200: ReleaseSchema, ...errorResponses },
      },
    },
    async (request) => releases.scheduleRelease(db, callerOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/monitoring/releases/:id/withdraw',
    {
      config: { access: OFFICIALS },
      schema: {
        tags,
        summary: 'Withdraw a release before it is public',
        params: ReleaseParams,
        body: VersionBody,
        response: { 200: ReleaseSchema, ...errorResponses },
      },
    },
    async (request) =>
      releases.withdrawRelease(db, callerOf(request), request.params.id, request.body.version),
  );

  // ---- the enterprise ----
  app.get(
    '/api/my/surveys',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'My questionnaires',
        response: { 200: MySurveyListSchema, ...errorResponses },
      },
    },
    async (request) => answers.mySurveys(db, callerOf(request)),
  );
  app.get(
    '/api/my/surveys/:waveId',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'A questionnaire with my answers and last wave’s',
        params: MySurveyParams,
        response: { 200: MySurveySchema, ...errorResponses },
      },
    },
    async (request) => answers.mySurvey(db, callerOf(request), request.params.waveId),
  );
  app.put(
    '/api/my/surveys/:waveId',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Save my answers as a draft',
        params: MySurveyParams,
        body: MyAnswersBody,
        response: { 200: MySurveySchema, ...errorResponses },
      },
    },
    async (request) => answers.saveAnswers(db, callerOf(request), request.params.waveId, request.body, false),
  );
  app.post(
    '/api/my/surveys/:waveId/submit',
    {
      config: { access: ENTERPRISE },
      schema: {
        tags,
        summary: 'Submit my answers',
        params: MySurveyParams,
        body: MyAnswersBody,
        response: { 200: MySurveySchema, ...errorResponses },
      },
    },
    async (request) => answers.saveAnswers(db, callerOf(request), request.params.waveId, request.body, true),
  );

  // ---- public ----
  app.get(
    '/api/public/monitoring',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The published index series',
        response: { 200: PublicSeriesListSchema, ...errorResponses },
      },
    },
    async () => releases.publicSeriesList(db),
  );
  app.get(
    '/api/public/monitoring/surveys/:surveyId',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A published index series with its latest release',
        params: PublicSeriesParams,
        querystring: PublicSeriesQuery,
        response: { 200: PublicSeriesSchema, ...errorResponses },
      },
    },
    async (request) =>
      releases.publicSeries(db, { kind: 'index', surveyId: request.params.surveyId }, request.query),
  );
  app.get(
    '/api/public/monitoring/surveys/:surveyId/export',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Download a published index series (CSV or XLSX)',
        params: PublicSeriesParams,
        querystring: PublicSeriesExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format, lang: asked, ...query } = request.query;
      const key = { kind: 'index' as const, surveyId: request.params.surveyId };
      const series = await releases.publicSeries(db, key, query);
      const lang = asked ?? requestLanguage(request);
      return sendSeries(
        reply,
        series,
        await releases.measureName(db, key, series.measure, lang),
        format,
        lang,
        `sme-index-${request.params.surveyId}`,
      );
    },
  );
  app.get(
    '/api/public/monitoring/registry',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The registry’s published monthly statistics of a region (national by default)',
        querystring: PublicRegistryQuery,
        response: { 200: PublicSeriesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { region, ...query } = request.query;
      return releases.publicSeries(db, { kind: 'registry', regionCode: region ?? '' }, query);
    },
  );
  app.get(
    '/api/public/monitoring/registry/export',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Download the registry’s published monthly statistics (CSV or XLSX)',
        querystring: PublicRegistryExportQuery,
        response: { 200: Type.Unknown(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { format, lang: asked, region, ...query } = request.query;
      const key = { kind: 'registry' as const, regionCode: region ?? '' };
      const series = await releases.publicSeries(db, key, query);
      const lang = asked ?? requestLanguage(request);
      return sendSeries(
        reply,
        series,
        await releases.measureName(db, key, series.measure, lang),
        format,
        lang,
        `registry-${region || 'national'}`,
      );
    },
  );
  app.get(
    '/api/public/monitoring/releases/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A published release with its figures (with `format`: its figures as CSV or XLSX)',
        params: ReleaseParams,
        querystring: PublicReleaseQuery,
        response: { 200: PublicReleaseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const release = await releases.publicRelease(db, request.params.id);
      const { format, lang } = request.query;
      if (!format) return release;
      // A corrected version has no figures of its own to give: they are the current version's.
      if (release.supersededBy)
        throw new AppError('NOT_FOUND', [], {
          zh: `该版本已被第${release.supersededBy.releaseVersion}版更正，请下载最新版本（发布号 ${release.supersededBy.id}）`,
          en: `this version was corrected by version ${release.supersededBy.releaseVersion}: download the current one (release ${release.supersededBy.id})`,
        });
      return sendRelease(reply, release, format, lang ?? requestLanguage(request));
    },
  );
  app.get(
    '/api/public/monitoring/releases/:id/trace',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A published figure’s components, down to weighted counts and anonymised answers',
        params: PublicTraceParams,
        querystring: TraceQuery,
        response: { 200: TraceSchema, ...errorResponses },
      },
    },
    async (request) => releases.publicTrace(db, request.params.id, request.query, requestLanguage(request)),
  );
}
