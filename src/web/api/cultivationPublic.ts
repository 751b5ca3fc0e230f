/**
 * Gradient cultivation's public side (issue 18) beyond the notices' list: lodging an objection (answered with its
 * reference and lookup code), looking it up later, and the announced recognitions in force. Types from
 * src/shared/api/cultivation.ts (types only); reads are TanStack query options keyed as lib/queries.ts keys them.
 */
import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  ObjectionBody,
  ObjectionLodgedSchema,
  ObjectionLookupBody,
  ObjectionLookupSchema,
  PublicRecognitionSchema,
  RecognitionsQuery,
} from '../../shared/api/cultivation.ts';
import { apiKey } from '../lib/queries.ts';
import { pathOf, type RequestOptions, request } from './client.ts';

export type ObjectionLodged = Static<typeof ObjectionLodgedSchema>;
export type ObjectionLookup = Static<typeof ObjectionLookupSchema>;
export type ObjectionLookupInput = Static<typeof ObjectionLookupBody>;
export type PublicRecognition = Static<typeof PublicRecognitionSchema>;
export type RecognitionFilters = Static<typeof RecognitionsQuery>;

/** A page of the announced recognitions. */
export interface RecognitionsPage {
  items: PublicRecognition[];
  total: number;
  page: number;
  pageSize: number;
}

/** The public's writes. */
export const cultivationPublicApi = {
  lodgeObjection: (enterpriseId: number, applicationId: number, body: Static<typeof ObjectionBody>) =>
    request<ObjectionLodged>(
      'POST',
      pathOf('/api/public/cultivation/notices/:enterpriseId/:applicationId/objections', {
        enterpriseId,
        applicationId,
      }),
      { body },
    ),
  lookUpObjection: (body: ObjectionLookupInput) =>
    request<ObjectionLookup>('POST', '/api/public/cultivation/objections/lookup', { body }),
};

/** The public's reads. */
export const cultivationPublicQueries = {
  recognitions: (query: RecognitionFilters) => {
    const sent = query as RequestOptions['query'];
    return queryOptions<RecognitionsPage>({
      queryKey: apiKey('/api/public/cultivation/recognitions', undefined, sent),
      queryFn: ({ signal }) =>
        request<RecognitionsPage>('GET', '/api/public/cultivation/recognitions', { query: sent, signal }),
    });
  },
};
