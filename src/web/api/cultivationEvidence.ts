/**
 * Evidence files of gradient cultivation (issue 18) for the web app: the API's types (from
 * src/shared/api/cultivation-evidence.ts, types only), the reads as TanStack query options keyed as lib/queries.ts
 * keys every read, and the enterprise's calls (upload the raw file, remove) on client.ts's request().
 */
import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { EvidenceListSchema, EvidenceSchema } from '../../shared/api/cultivation-evidence.ts';
import { apiKey } from '../lib/queries.ts';
import { pathOf, request } from './client.ts';

/** A file as listed. */
export type EvidenceFile = Static<typeof EvidenceSchema>;
/** The files of a data year with the limits and whether they may be removed now. */
export type EvidenceList = Static<typeof EvidenceListSchema>;

const MY_LIST = '/api/my/cultivation/evidence';
const ENTERPRISE_LIST = '/api/cultivation/evidence/:enterpriseId';

export const cultivationEvidenceQueries = {
  /** The enterprise's own files of a data year. */
  mine: (year: number) =>
    queryOptions<EvidenceList>({
      queryKey: apiKey(MY_LIST, undefined, { year }),
      queryFn: ({ signal }) => request<EvidenceList>('GET', MY_LIST, { query: { year }, signal }),
    }),
  /** An enterprise's files of a data year, for an official of its region or an admin. */
  ofEnterprise: (enterpriseId: number, year: number) =>
    queryOptions<EvidenceList>({
      queryKey: apiKey(ENTERPRISE_LIST, { enterpriseId }, { year }),
      queryFn: ({ signal }) =>
        request<EvidenceList>('GET', pathOf(ENTERPRISE_LIST, { enterpriseId }), { query: { year }, signal }),
    }),
};

/** The enterprise's calls (each write marks the cached reads stale, as every write does). */
export const cultivationEvidenceApi = {
  /** Attaches a file to a fact of a data year (the server sniffs the content and decides). */
  upload: (year: number, fact: string, file: Blob, fileName: string) =>
    request<EvidenceFile>('POST', MY_LIST, {
      query: { year, fact, fileName },
      raw: { body: file, contentType: 'application/octet-stream' },
    }),
  /** Removes a file (409 while an application of its data year is under review or decided). */
  remove: (id: number) =>
    request<{ ok: true }>('DELETE', pathOf('/api/my/cultivation/evidence/:id', { id }), { body: {} }),
};
