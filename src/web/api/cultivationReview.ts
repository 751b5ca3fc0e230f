/**
 * Gradient cultivation (issue 18) as the reviewers and the public see it: the review queue, one application with
 * its facts, assessment, timeline, objections and the actions open to the reader; the province's settings (quota,
 * window, days, 特色化 indicators); the public notices and their objections. Types from src/shared/api/cultivation.ts
 * (types only); where the server's schema leaves a part `unknown` (an application's facts, assessment and
 * objections), the type here says what the server sends (cultivation.applications.ts `getApplication`). Reads are
 * TanStack query options keyed as lib/queries.ts keys every read (`[route path, params?, query?]`).
 */
import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  ApplicationActionBody,
  ApplicationSchema,
  AssessmentSchema,
  NoticeQuery,
  NoticeSchema,
  ObjectionAnswerBody,
  ObjectionBody,
  ProvinceIndicatorSchema,
  QueueQuery,
  SettingsBody,
  SettingsQuery,
  SettingsSchema,
  StageSchema,
  TierSchema,
  TierSettingsSchema,
} from '../../shared/api/cultivation.ts';
import { apiKey } from '../lib/queries.ts';
import { pathOf, type RequestOptions, request } from './client.ts';

export type Tier = Static<typeof TierSchema>;
export type Stage = Static<typeof StageSchema>;
export type Application = Static<typeof ApplicationSchema>;
export type Assessment = Static<typeof AssessmentSchema>;
export type QueueFilters = Static<typeof QueueQuery>;
export type ReviewAction = Static<typeof ApplicationActionBody>['action'];
export type ActionInput = Static<typeof ApplicationActionBody>;

/** One page of a paged list. */
export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A step of an application's timeline. */
export interface ApplicationEvent {
  id: number;
  at: string;
  actorRole: string;
  action: string;
  fromStage: Stage | null;
  toStage: Stage | null;
  comment: string | null;
}

export type ObjectionState = 'open' | 'upheld' | 'dismissed';

/** An objection lodged during the public notice (the objector's contact is the reviewers' only). */
export interface Objection {
  id: number;
  lodgedAt: string;
  name: string;
  contact: string;
  content: string;
  state: ObjectionState;
  answer: string | null;
  answeredAt: string | null;
}

/** One application as a reviewer opens it. */
export interface ApplicationDetail extends Application {
  /** The facts as submitted (registry figures and the enterprise's own), by fact key. */
  facts: Record<string, unknown> | null;
  /** The assessment as submitted (TierAssessment.explain()). */
  assessment: Assessment | null;
  actions: ReviewAction[];
  events: ApplicationEvent[];
  objections: Objection[];
}

/** A province's 特色化 indicator (cultivation.standards.ts ProvinceIndicator). */
export type ProvinceIndicator = Static<typeof ProvinceIndicatorSchema>;
/** A band of a province indicator: values between its ends (null: unbounded) score its points. */
export type Band = ProvinceIndicator['bands'][number];
/** An end of a band: its value, and whether the value is in the band. */
export type BandEnd = NonNullable<Band['lower']>;
/** A tier's settings of a province and year (version 0: not saved yet, the defaults shown). */
export type TierSettings = Static<typeof TierSettingsSchema>;
/** A province's settings of a year. */
export type CultivationSettings = Static<typeof SettingsSchema>;
export type SettingsFilters = Static<typeof SettingsQuery>;
export type SettingsInput = Static<typeof SettingsBody>;
/** An application on public notice, or recently so (`open`: objections are taken today). */
export type PublicNotice = Static<typeof NoticeSchema>;
export type NoticeFilters = Static<typeof NoticeQuery>;
export type ObjectionInput = Static<typeof ObjectionBody>;
export type ObjectionAnswer = Static<typeof ObjectionAnswerBody>;

type Query = RequestOptions['query'];

/** A read as query options: the key as lib/queries.ts makes it, the fetch cancelled with the query. */
function read<T>(path: string, params?: Record<string, string | number>, query?: Query, anonymousOk = false) {
  return queryOptions<T>({
    queryKey: apiKey(path, params, query),
    queryFn: ({ signal }) => request<T>('GET', pathOf(path, params), { query, signal, anonymousOk }),
  });
}

/** The reads of the reviewers' pages and the public notices. */
export const cultivationReviewQueries = {
  queue: (query: QueueFilters) =>
    read<PageOf<Application>>('/api/cultivation/applications', {}, query as Query),
  application: (enterpriseId: number, id: number) =>
    read<ApplicationDetail>('/api/cultivation/applications/:enterpriseId/:id', { enterpriseId, id }),
  settings: (query: SettingsFilters) => read<CultivationSettings>('/api/cultivation/settings', {}, query),
  notices: (query: NoticeFilters) =>
    read<PageOf<PublicNotice>>('/api/public/cultivation/notices', {}, query as Query, true),
};

/** The calls of the reviewers' pages and the public notices (each write marks the cached reads stale). */
export const cultivationReviewApi = {
  act: (enterpriseId: number, id: number, body: ActionInput) =>
    request<Application>(
      'POST',
      pathOf('/api/cultivation/applications/:enterpriseId/:id/actions', { enterpriseId, id }),
      { body },
    ),
  answerObjection: (enterpriseId: number, id: number, body: ObjectionAnswer) =>
    request<Objection>(
      'POST',
      pathOf('/api/cultivation/objections/:enterpriseId/:id', { enterpriseId, id }),
      {
        body,
      },
    ),
  saveSettings: (provinceCode: string, tier: Tier, year: number, body: SettingsInput) =>
    request<TierSettings>(
      'PUT',
      pathOf('/api/cultivation/settings/:provinceCode/:tier/:year', { provinceCode, tier, year }),
      { body },
    ),
  lodgeObjection: (enterpriseId: number, applicationId: number, body: ObjectionInput) =>
    request<{ id: number; lodgedAt: string }>(
      'POST',
      pathOf('/api/public/cultivation/notices/:enterpriseId/:applicationId/objections', {
        enterpriseId,
        applicationId,
      }),
      { body, anonymousOk: true },
    ),
};
