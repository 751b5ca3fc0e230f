/**
 * Applications to 需申报 policies (issue 12; src/server/modules/policies/policies.applications.ts): an enterprise
 * records that it applied; officials list, count and export the applications of their region.
 */
import type { Static } from 'typebox';
import type {
  ApplicationPageSchema,
  ApplicationRecordSchema,
  ApplicationSchema,
  ApplyBody,
} from '../../shared/api/policies.ts';
import { downloadUrl, type ExportFormat, type FileLang, get, post } from './client.ts';

export type ApplyInput = Static<typeof ApplyBody>;
export type ApplicationChannel = ApplyInput['channel'];
export type ApplicationRecord = Static<typeof ApplicationRecordSchema>;
export type PolicyApplication = Static<typeof ApplicationSchema>;
export type PolicyApplicationPage = Static<typeof ApplicationPageSchema>;

export const CHANNELS: readonly ApplicationChannel[] = ['online', 'office', 'other'];

export const applicationsApi = {
  /** The enterprise records that it applied for the policy's current version. */
  apply: (policyId: number, body: ApplyInput) =>
    post('/api/my/policies/:id/applications', { params: { id: policyId }, body }),
  /** The applications of the official's region to a policy, newest first, with their count. */
  list: (policyId: number, query: { q?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
    get('/api/policies/:id/applications', { params: { id: policyId }, query, signal }),
  exportUrl: (policyId: number, format: ExportFormat, lang: FileLang) =>
    downloadUrl('/api/policies/:id/applications/export', {
      params: { id: policyId },
      query: { format, lang },
    }),
};
