/**
 * Monitoring surveys and the SME development index (issue 16, measure 3) as the web app sees it: the API's types
 * (from src/shared/api/monitoring.ts, types only), the calls of its routes on client.ts's request(), and their reads
 * as TanStack query options keyed as lib/queries.ts keys every read (`[route path, params?, query?]`). The
 * vocabularies (industries, sub-indices, answer levels, directions, PMI components, economic regions) come from
 * src/reference/monitoring.ts.
 */
import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  DrawBody,
  DrawSchema,
  DropMemberBody,
  DropMemberSchema,
  FigureGroupQuery,
  FigureSchema,
  FlagDecisionBody,
  FlagKindSchema,
  MyAnswersBody,
  MySurveyListSchema,
  MySurveySchema,
  PanelMakeupSchema,
  PanelPageSchema,
  PanelQuery,
  PublicRegistryQuery,
  PublicReleaseSchema,
  PublicSeriesListSchema,
  PublicSeriesQuery,
  PublicSeriesSchema,
  QuestionInput,
  QuestionSchema,
  RegistryRunBody,
  RegistryRunListQuery,
  RegistryRunListSchema,
  ReleaseBody,
  ReleaseListQuery,
  ReleaseListSchema,
  ReleaseSchema,
  ReleaseUpdateBody,
  ResponseDetailSchema,
  ResponseListQuery,
  ResponseListSchema,
  ResponseStateSchema,
  RunSchema,
  ScheduleBody,
  SurveyBody,
  SurveyListQuery,
  SurveyListSchema,
  SurveySchema,
  SurveyUpdateBody,
  SurveyVersionQuestionsSchema,
  TraceQuery,
  TraceSchema,
  WaveBody,
  WaveListSchema,
  WaveSchema,
  WeightsBody,
  WeightsSchema,
} from '../../shared/api/monitoring.ts';
import { apiKey } from '../lib/queries.ts';
import { buildUrl, pathOf, type RequestOptions, request } from './client.ts';

export type Question = Static<typeof QuestionSchema>;
export type QuestionInputValue = Static<typeof QuestionInput>;
export type QuestionKind = Question['kind'];
export type SurveyInput = Static<typeof SurveyBody>;
export type SurveyUpdate = Static<typeof SurveyUpdateBody>;
export type SurveyFilters = Static<typeof SurveyListQuery>;
export type SurveyList = Static<typeof SurveyListSchema>;
export type SurveySummary = SurveyList['items'][number];
export type Survey = Static<typeof SurveySchema>;
export type SurveyVersion = Survey['versions'][number];
export type SurveyVersionQuestions = Static<typeof SurveyVersionQuestionsSchema>;
export type Frequency = Survey['frequency'];
export type Weighting = Survey['weighting'];
export type WeightsInput = Static<typeof WeightsBody>;
export type Weights = Static<typeof WeightsSchema>;
export type WeightRow = Weights['items'][number];
export type WeightKind = WeightRow['kind'];
export type DrawInput = Static<typeof DrawBody>;
export type Draw = Static<typeof DrawSchema>;
export type Stratum = Draw['strata'][number];
export type PanelFilters = Static<typeof PanelQuery>;
export type PanelPage = Static<typeof PanelPageSchema>;
export type PanelMember = PanelPage['items'][number];
export type PanelMakeup = Static<typeof PanelMakeupSchema>;
export type ShareRow = PanelMakeup['byIndustry'][number];
export type DropInput = Static<typeof DropMemberBody>;
export type DropResult = Static<typeof DropMemberSchema>;
export type WaveInput = Static<typeof WaveBody>;
export type Wave = Static<typeof WaveSchema>;
export type WaveSummary = Static<typeof WaveListSchema>['items'][number];
export type ProgressRow = Wave['byStratum'][number];
export type ResponseState = Static<typeof ResponseStateSchema>;
export type FlagKind = Static<typeof FlagKindSchema>;
export type ResponseFilters = Static<typeof ResponseListQuery>;
export type ResponseList = Static<typeof ResponseListSchema>;
export type ResponseRow = ResponseList['items'][number];
export type ResponseDetail = Static<typeof ResponseDetailSchema>;
export type Answer = ResponseDetail['answers'][number];
export type AnswerLevelCode = NonNullable<Answer['level']>;
export type Flag = ResponseDetail['flags'][number];
export type FlagDecision = Omit<Static<typeof FlagDecisionBody>, 'version'>;
export type MySurveyList = Static<typeof MySurveyListSchema>;
export type MySurveyRow = MySurveyList['items'][number];
export type MySurvey = Static<typeof MySurveySchema>;
export type MyAnswers = Static<typeof MyAnswersBody>;
export type AnswerInput = MyAnswers['answers'][number];
export type Figure = Static<typeof FigureSchema>;
export type FigureGroup = Static<typeof FigureGroupQuery>;
export type Run = Static<typeof RunSchema>;
export type TraceFilters = Static<typeof TraceQuery>;
export type Trace = Static<typeof TraceSchema>;
export type TraceComponent = Trace['components'][number];
export type ReleaseInput = Static<typeof ReleaseBody>;
export type ReleaseUpdate = Static<typeof ReleaseUpdateBody>;
export type ReleaseFilters = Static<typeof ReleaseListQuery>;
export type ReleaseList = Static<typeof ReleaseListSchema>;
export type Release = Static<typeof ReleaseSchema>;
export type ReleaseState = Release['state'];
export type PublicSeriesList = Static<typeof PublicSeriesListSchema>;
export type PublicSeriesItem = PublicSeriesList['items'][number];
export type PublicSeriesFilters = Static<typeof PublicSeriesQuery>;
export type PublicSeries = Static<typeof PublicSeriesSchema>;
export type PublicRelease = Static<typeof PublicReleaseSchema>;
export type PublicRegistryFilters = Omit<Static<typeof PublicRegistryQuery>, 'region'>;
export type RegistryRunInput = Static<typeof RegistryRunBody>;
export type RegistryRunFilters = Static<typeof RegistryRunListQuery>;
export type RegistryRunList = Static<typeof RegistryRunListSchema>;
export type RegistryRunRow = RegistryRunList['items'][number];
export type ReleaseKind = Release['kind'];
export type ExportFormat = 'csv' | 'xlsx';
export type FileLang = 'zh' | 'en';

/** A response's states, in the order they go. */
export const RESPONSE_STATES: readonly ResponseState[] = [
  'pending',
  'draft',
  'submitted',
  'returned',
  'accepted',
];
/** The data-quality flags a response may carry. */
export const FLAG_KINDS: readonly FlagKind[] = [
  'missing',
  'straight_lining',
  'jump_registry',
  'jump_last_wave',
  'late',
  'duplicate',
];
/** A release's states, in the order they go. */
export const RELEASE_STATES: readonly ReleaseState[] = [
  'draft',
  'reviewed',
  'scheduled',
  'published',
  'withdrawn',
];
/** The size strata of a panel (the SMEs the survey covers). */
export const SIZE_STRATA = ['medium', 'small', 'micro'] as const;
export type SizeStratum = (typeof SIZE_STRATA)[number];

type Query = RequestOptions['query'];

/** A read as query options: the key as lib/queries.ts makes it, the fetch cancelled with the query. */
function read<T>(path: string, params?: Record<string, string | number>, query?: Query, anonymousOk = false) {
  return queryOptions<T>({
    queryKey: apiKey(path, params, query),
    queryFn: ({ signal }) => request<T>('GET', pathOf(path, params), { query, signal, anonymousOk }),
  });
}

function send<T>(
  method: 'POST' | 'PUT',
  path: string,
  params: Record<string, string | number>,
  body?: unknown,
) {
  return request<T>(method, pathOf(path, params), { body: body ?? {} });
}

/** The reads of the monitoring pages. */
export const monitoringQueries = {
  surveys: (query: SurveyFilters) => read<SurveyList>('/api/monitoring/surveys', {}, query),
  survey: (id: number) => read<Survey>('/api/monitoring/surveys/:id', { id }),
  surveyVersion: (id: number, version: number) =>
    read<SurveyVersionQuestions>('/api/monitoring/surveys/:id/versions/:version', { id, version }),
  weights: () => read<Weights>('/api/monitoring/weights'),
  panel: (id: number, query: PanelFilters) =>
    read<PanelPage>('/api/monitoring/surveys/:id/panel', { id }, query),
  makeup: (id: number) => read<PanelMakeup>('/api/monitoring/surveys/:id/panel/makeup', { id }),
  waves: (id: number) => read<{ items: WaveSummary[] }>('/api/monitoring/surveys/:id/waves', { id }),
  wave: (id: number) => read<Wave>('/api/monitoring/waves/:id', { id }),
  responses: (id: number, query: ResponseFilters) =>
    read<ResponseList>('/api/monitoring/waves/:id/responses', { id }, query),
  response: (id: number, enterpriseId: number) =>
    read<ResponseDetail>('/api/monitoring/waves/:id/responses/:enterpriseId', { id, enterpriseId }),
  run: (id: number, group: FigureGroup) => read<Run>('/api/monitoring/runs/:id', { id }, group),
  trace: (runId: number, query: TraceFilters) =>
    read<Trace>('/api/monitoring/runs/:id/trace', { id: runId }, query),
  releases: (query: ReleaseFilters) => read<ReleaseList>('/api/monitoring/releases', {}, query),
  release: (id: number) => read<Release>('/api/monitoring/releases/:id', { id }),
  mySurveys: () => read<MySurveyList>('/api/my/surveys'),
  mySurvey: (waveId: number) => read<MySurvey>('/api/my/surveys/:waveId', { waveId }),
  publicSeriesList: () => read<PublicSeriesList>('/api/public/monitoring', {}, undefined, true),
  publicSeries: (surveyId: number, query: PublicSeriesFilters) =>
    read<PublicSeries>('/api/public/monitoring/surveys/:surveyId', { surveyId }, query, true),
  /** The registry's published statistics of a region ('' national). */
  publicRegistry: (region: string, query: PublicRegistryFilters) =>
    read<PublicSeries>('/api/public/monitoring/registry', {}, { region, ...query }, true),
  registryRuns: (query: RegistryRunFilters) =>
    read<RegistryRunList>('/api/monitoring/registry-runs', {}, query),
  publicRelease: (id: number) =>
    read<PublicRelease>('/api/public/monitoring/releases/:id', { id }, undefined, true),
  publicTrace: (releaseId: number, query: TraceFilters) =>
    read<Trace>('/api/public/monitoring/releases/:id/trace', { id: releaseId }, query, true),
};

/** The address of a file download: the route's path filled in, its query as sent (empty values left out). */
function fileUrl(path: string, params: Record<string, string | number>, query: Query): string {
  return buildUrl(pathOf(path, params), query);
}

/** Without the paging of a list (an export takes the filters only). */
function unpaged<T extends { page?: number; pageSize?: number }>(filters: T): Omit<T, 'page' | 'pageSize'> {
  const { page: _page, pageSize: _pageSize, ...rest } = filters;
  return rest;
}

/** The addresses of the monitoring exports (CSV or XLSX), as the filters stand. */
export const monitoringDownloads = {
  panel: (id: number, filters: PanelFilters, format: ExportFormat, lang: FileLang) =>
    fileUrl('/api/monitoring/surveys/:id/panel/export', { id }, { ...unpaged(filters), format, lang }),
  responses: (id: number, filters: ResponseFilters, format: ExportFormat, lang: FileLang) =>
    fileUrl('/api/monitoring/waves/:id/responses/export', { id }, { ...unpaged(filters), format, lang }),
  publicSeries: (surveyId: number, filters: PublicSeriesFilters, format: ExportFormat, lang: FileLang) =>
    fileUrl('/api/public/monitoring/surveys/:surveyId/export', { surveyId }, { ...filters, format, lang }),
  publicRegistry: (region: string, filters: PublicRegistryFilters, format: ExportFormat, lang: FileLang) =>
    fileUrl('/api/public/monitoring/registry/export', {}, { region, ...filters, format, lang }),
  /** A published release's figures (the current version's: a corrected one gives none). */
  publicRelease: (id: number, format: ExportFormat, lang: FileLang) =>
    fileUrl('/api/public/monitoring/releases/:id', { id }, { format, lang }),
};

/** The writes of the monitoring pages (each marks the cached reads stale, as every write does). */
export const monitoringApi = {
  createSurvey: (body: SurveyInput) => send<Survey>('POST', '/api/monitoring/surveys', {}, body),
  changeSurvey: (id: number, body: SurveyUpdate) =>
    send<Survey>('PUT', '/api/monitoring/surveys/:id', { id }, body),
  putWeights: (body: WeightsInput) => send<Weights>('PUT', '/api/monitoring/weights', {}, body),
  draw: (id: number, body: DrawInput) => send<Draw>('POST', '/api/monitoring/surveys/:id/draw', { id }, body),
  drop: (id: number, enterpriseId: number, body: DropInput) =>
    send<DropResult>(
      'POST',
      '/api/monitoring/surveys/:id/panel/:enterpriseId/drop',
      { id, enterpriseId },
      body,
    ),
  openWave: (id: number, body: WaveInput) =>
    send<Wave>('POST', '/api/monitoring/surveys/:id/waves', { id }, body),
  closeWave: (id: number) => send<Wave>('POST', '/api/monitoring/waves/:id/close', { id }),
  decideFlag: (id: number, enterpriseId: number, flagId: number, body: FlagDecision & { version: number }) =>
    send<ResponseDetail>(
      'POST',
      '/api/monitoring/waves/:id/responses/:enterpriseId/flags/:flagId',
      { id, enterpriseId, flagId },
      body,
    ),
  compute: (waveId: number) => send<Run>('POST', '/api/monitoring/waves/:id/compute', { id: waveId }),
  countRegistry: (body: RegistryRunInput) => send<Run>('POST', '/api/monitoring/registry-runs', {}, body),
  createRelease: (body: ReleaseInput) => send<Release>('POST', '/api/monitoring/releases', {}, body),
  changeRelease: (id: number, body: ReleaseUpdate) =>
    send<Release>('PUT', '/api/monitoring/releases/:id', { id }, body),
  reviewRelease: (id: number, version: number) =>
    send<Release>('POST', '/api/monitoring/releases/:id/review', { id }, { version }),
  returnRelease: (id: number, comment: string, version: number) =>
    send<Release>('POST', '/api/monitoring/releases/:id/return', { id }, { comment, version }),
  scheduleRelease: (id: number, body: Static<typeof ScheduleBody>) =>
    send<Release>('POST', '/api/monitoring/releases/:id/schedule', { id }, body),
  withdrawRelease: (id: number, version: number) =>
    send<Release>('POST', '/api/monitoring/releases/:id/withdraw', { id }, { version }),
  saveMySurvey: (waveId: number, body: MyAnswers) =>
    send<MySurvey>('PUT', '/api/my/surveys/:waveId', { waveId }, body),
  submitMySurvey: (waveId: number, body: MyAnswers) =>
    send<MySurvey>('POST', '/api/my/surveys/:waveId/submit', { waveId }, body),
};
