/**
 * Keeping a recognition (issue 18; docs/reference/cultivation.md §9): the API's types (from
 * src/shared/api/cultivation-changes.ts, types only), the reads as TanStack query options keyed as lib/queries.ts keys
 * every read, and the calls of the enterprise's material-change reports and of the officials' decisions.
 */
import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  ChangeKindSchema,
  ChangeSchema,
  ChangeStateSchema,
  ChangesQuery,
  MyChangesSchema,
  RecognitionSchema,
  RecognitionStateSchema,
  RecognitionsQuery,
  ReportChangeBody,
  UpdateDaySchema,
} from '../../shared/api/cultivation-changes.ts';
import { apiKey } from '../lib/queries.ts';
import { buildUrl, pathOf, type RequestOptions, request } from './client.ts';

export type ChangeKind = Static<typeof ChangeKindSchema>;
export type ChangeState = Static<typeof ChangeStateSchema>;
export type RecognitionState = Static<typeof RecognitionStateSchema>;
export type MaterialChange = Static<typeof ChangeSchema>;
export type KeptRecognition = Static<typeof RecognitionSchema>;
export type MyChanges = Static<typeof MyChangesSchema>;
export type ReportChangeInput = Static<typeof ReportChangeBody>;
export type ChangeFilters = Static<typeof ChangesQuery>;
export type RecognitionFilters = Static<typeof RecognitionsQuery>;
export type UpdateDay = Static<typeof UpdateDaySchema>;

export const CHANGE_KINDS: readonly ChangeKind[] = ['rename', 'merger', 'relocation'];
export const CHANGE_STATES: readonly ChangeState[] = ['open', 'reported', 'accepted', 'revoked'];
export const RECOGNITION_STATES: readonly RecognitionState[] = ['valid', 'flagged', 'expired', 'revoked'];

/** One page of a paged list. */
export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

type Query = RequestOptions['query'];

function read<T>(path: string, params?: Record<string, string | number>, query?: Query) {
  return queryOptions<T>({
    queryKey: apiKey(path, params, query),
    queryFn: ({ signal }) => request<T>('GET', pathOf(path, params), { query, signal }),
  });
}

export const cultivationChangesQueries = {
  mine: () => read<MyChanges>('/api/my/cultivation/changes'),
  changes: (query: ChangeFilters) =>
    read<PageOf<MaterialChange>>('/api/cultivation/changes', {}, query as Query),
  recognitions: (query: RecognitionFilters) =>
    read<PageOf<KeptRecognition>>('/api/cultivation/recognitions', {}, query as Query),
  updateDay: (provinceCode: string) =>
    read<UpdateDay>('/api/cultivation/update-days/:provinceCode', { provinceCode }),
};

export const cultivationChangesApi = {
  report: (body: ReportChangeInput) =>
    request<{ items: MaterialChange[]; late: boolean }>('POST', '/api/my/cultivation/changes', { body }),
  accept: (change: MaterialChange, comment?: string) =>
    request<MaterialChange>(
      'POST',
      pathOf('/api/cultivation/changes/:enterpriseId/:id/accept', {
        enterpriseId: change.enterpriseId,
        id: change.id,
      }),
      { body: { version: change.version, ...(comment ? { comment } : {}) } },
    ),
  revoke: (change: MaterialChange, comment: string) =>
    request<MaterialChange>(
      'POST',
      pathOf('/api/cultivation/changes/:enterpriseId/:id/revoke', {
        enterpriseId: change.enterpriseId,
        id: change.id,
      }),
      { body: { version: change.version, comment } },
    ),
  setUpdateDay: (provinceCode: string, remindOn: string) =>
    request<UpdateDay>('PUT', pathOf('/api/cultivation/update-days/:provinceCode', { provinceCode }), {
      body: { remindOn },
    }),
};

/** The export's address as the filters stand. */
export function changesExportUrl(
  filters: Omit<ChangeFilters, 'page' | 'pageSize'>,
  format: 'csv' | 'xlsx',
  lang: 'zh' | 'en',
): string {
  return buildUrl('/api/cultivation/changes/export', { ...filters, format, lang });
}

export function recognitionsExportUrl(
  filters: Omit<RecognitionFilters, 'page' | 'pageSize'>,
  format: 'csv' | 'xlsx',
  lang: 'zh' | 'en',
): string {
  return buildUrl('/api/cultivation/recognitions/export', { ...filters, format, lang });
}
