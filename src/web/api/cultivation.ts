/**
 * Gradient cultivation (issue 18, measures 16–17) as the enterprise's page sees it: the API's types (from
 * src/shared/api/cultivation.ts, types only), the reads as TanStack query options keyed as lib/queries.ts keys
 * every read (`[route path, params?, query?]`), and the enterprise's calls on client.ts's request(). The officials'
 * calls are in cultivationReview.ts.
 */
import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  ApplicationSchema,
  AssessmentSchema,
  MyCultivationSchema,
  OwnFactsBody,
  StageSchema,
  StandardViewSchema,
  TierSchema,
} from '../../shared/api/cultivation.ts';
import type { EvidenceListSchema, EvidenceSchema } from '../../shared/api/cultivation-evidence.ts';
import { apiKey } from '../lib/queries.ts';
import { pathOf, request } from './client.ts';

export type Tier = Static<typeof TierSchema>;
export type Stage = Static<typeof StageSchema>;
export type MyCultivation = Static<typeof MyCultivationSchema>;
export type TierView = MyCultivation['tiers'][number];
export type StandardView = Static<typeof StandardViewSchema>;
export type Assessment = Static<typeof AssessmentSchema>;
export type AssessmentStatus = Assessment['status'];
export type Indicator = Assessment['indicators'][number];
export type Dimension = Assessment['dimensions'][number];
export type Condition = Assessment['conditions'][number];
export type MissingFact = Assessment['missing'][number];
export type Need = Assessment['needs'][number];
export type CultivationApplication = Static<typeof ApplicationSchema>;
export type OwnFactsInput = Static<typeof OwnFactsBody>;
/** An evidence file behind a fact the enterprise fills in. */
export type Evidence = Static<typeof EvidenceSchema>;
/** The evidence files of a data year, with the limits and whether they may be removed now. */
export type EvidenceList = Static<typeof EvidenceListSchema>;

/** One step of an application's history (the route's `events`). */
export interface ApplicationEvent {
  id: number;
  at: string;
  actorRole: string;
  /** submitted, resubmitted, withdrawn, or a reviewer's action (return, recommend, approve, reject, announce, revoke). */
  action: string;
  fromStage: Stage | null;
  toStage: Stage | null;
  comment: string | null;
}

/** An objection lodged during the public notice, as the enterprise sees it (the objector's name and contact kept back). */
export interface ApplicationObjection {
  id: number;
  lodgedAt: string;
  content: string;
  state: 'open' | 'upheld' | 'dismissed';
  answer: string | null;
  answeredAt: string | null;
}

/** One of the enterprise's applications with its history and the objections (GET …/applications/:id). */
export type ApplicationDetail = CultivationApplication & {
  facts: unknown;
  assessment: unknown;
  actions: string[];
  events: ApplicationEvent[];
  objections: ApplicationObjection[];
};

/** The tiers, lowest first. */
export const TIERS: readonly Tier[] = ['innovative', 'specialised', 'little_giant'];
/** The stages in the order an application goes through them, then its ends. */
export const STAGES: readonly Stage[] = [
  'county_review',
  'returned',
  'province_review',
  'national_review',
  'notice',
  'recognised',
  'rejected',
  'withdrawn',
  'revoked',
];

function read<T>(path: string, params?: Record<string, string | number>) {
  return queryOptions<T>({
    queryKey: apiKey(path, params),
    queryFn: ({ signal }) => request<T>('GET', pathOf(path, params), { signal }),
  });
}

function send<T>(
  method: 'POST' | 'PUT',
  path: string,
  params: Record<string, string | number>,
  body: unknown,
) {
  return request<T>(method, pathOf(path, params), { body });
}

/** The reads of the enterprise's cultivation page. */
export const cultivationQueries = {
  /** Each tier assessed today on the registry's figures and the enterprise's facts, its facts and applications. */
  mine: () => read<MyCultivation>('/api/my/cultivation'),
  /** One of its applications with its history and objections. */
  application: (id: number) => read<ApplicationDetail>('/api/my/cultivation/applications/:id', { id }),
  /** Its evidence files of a data year. */
  evidence: (year: number) =>
    queryOptions<EvidenceList>({
      queryKey: apiKey('/api/my/cultivation/evidence', undefined, { year }),
      queryFn: ({ signal }) =>
        request<EvidenceList>('GET', '/api/my/cultivation/evidence', { query: { year }, signal }),
    }),
};

/** The enterprise's calls (each write marks the cached reads stale, as every write does). */
export const cultivationApi = {
  /** Saves its facts of a data year on the version read (409 when they changed meanwhile). */
  saveFacts: (body: OwnFactsInput) =>
    send<{ facts: Record<string, unknown>; version: number }>('PUT', '/api/my/cultivation/facts', {}, body),
  /** Applies for a tier (the standard in force, the province's window, the tier below held). */
  apply: (tier: Tier) =>
    send<CultivationApplication>('POST', '/api/my/cultivation/applications', {}, { tier }),
  /** Withdraws an application under review or returned, on the version read. */
  withdraw: (id: number, version: number) =>
    send<CultivationApplication>(
      'POST',
      '/api/my/cultivation/applications/:id/withdraw',
      { id },
      { version },
    ),
  /** Resubmits an application returned for corrections, on the version read. */
  resubmit: (id: number, version: number) =>
    send<CultivationApplication>(
      'POST',
      '/api/my/cultivation/applications/:id/resubmit',
      { id },
      { version },
    ),
  /** Uploads a file (the raw body) behind a fact of a data year; its type is sniffed by the server. */
  uploadEvidence: (year: number, fact: string, file: Blob, fileName: string) =>
    request<Evidence>('POST', '/api/my/cultivation/evidence', {
      query: { year, fact, fileName },
      raw: { body: file, contentType: 'application/octet-stream' },
    }),
  /** Removes a file (refused while an application of its year is under review or decided). */
  removeEvidence: (id: number) =>
    request<{ ok: boolean }>('DELETE', pathOf('/api/my/cultivation/evidence/:id', { id })),
};
