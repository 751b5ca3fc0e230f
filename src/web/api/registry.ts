/**
 * Officials' API of an enterprise's qualifications (`/api/enterprises/:id/qualifications*`,
 * src/server/modules/registry/registry.routes.ts): record one with its evidence, end one with the reason, attach
 * an evidence file; each answers the enterprise as it now is. And the enterprise's policies as an official sees
 * them (`/api/enterprises/:id/policies`).
 */
import type { EnterprisePolicies } from '../../shared/api/policies.ts';
import type { AddQualificationBody, EndQualificationBody } from '../../shared/api/registry.ts';
import type { Explained } from './client.ts';
import { get, post } from './client.ts';

export type QualificationInput = AddQualificationBody;
export type QualificationEnd = EndQualificationBody;
type RawEnterprisePolicy = EnterprisePolicies['eligible'][number];
/** A policy evaluated for one enterprise, as an official sees it. */
export type EnterprisePolicy = Omit<RawEnterprisePolicy, 'explanation' | 'nearMiss'> & {
  explanation: Explained;
  nearMiss: Explained | null;
};
/** An enterprise's policies: eligible, missed by one condition, needing facts. */
export type EnterprisePolicyList = {
  date: string;
  isActive: boolean;
  eligible: EnterprisePolicy[];
  almost: EnterprisePolicy[];
  unknown: EnterprisePolicy[];
};

export const qualificationsApi = {
  add: (enterpriseId: number, body: QualificationInput) =>
    post('/api/enterprises/:id/qualifications', { params: { id: enterpriseId }, body }),
  end: (enterpriseId: number, qualificationId: number, body: QualificationEnd) =>
    post('/api/enterprises/:id/qualifications/:qualificationId/end', {
      params: { id: enterpriseId, qualificationId },
      body,
    }),
};

/** Attaches an evidence file (PDF or image) to a qualification: its certificate, or the notice that ended it. */
export function uploadQualificationEvidence(
  enterpriseId: number,
  qualificationId: number,
  stage: 'added' | 'ended',
  file: File,
) {
  return post('/api/enterprises/:id/qualifications/:qualificationId/evidence', {
    params: { id: enterpriseId, qualificationId },
    query: { fileName: file.name, stage },
    raw: { body: file, contentType: 'application/octet-stream' },
  });
}

/** The policies an enterprise (in the official's region) qualifies for, nearly qualifies for, or lacks facts for. */
export function enterprisePolicies(enterpriseId: number, signal?: AbortSignal) {
  return get('/api/enterprises/:id/policies', { params: { id: enterpriseId }, signal });
}
