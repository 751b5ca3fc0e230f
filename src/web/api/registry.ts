/**
 * Officials' API of an enterprise's qualifications (`/api/enterprises/:id/qualifications*`,
 * src/server/modules/registry/registry.routes.ts): record one with its evidence, end one with the reason. Both
 * answer the enterprise as it now is.
 */
import type { AddQualificationBody, EndQualificationBody } from '../../shared/api/registry.ts';
import type { EnterpriseDetail } from './client.ts';
import { request } from './client.ts';

export type QualificationInput = AddQualificationBody;
export type QualificationEnd = EndQualificationBody;

export const qualificationsApi = {
  add: (enterpriseId: number, body: QualificationInput) =>
    request<EnterpriseDetail>('POST', `/api/enterprises/${enterpriseId}/qualifications`, { body }),
  end: (enterpriseId: number, qualificationId: number, body: QualificationEnd) =>
    request<EnterpriseDetail>(
      'POST',
      `/api/enterprises/${enterpriseId}/qualifications/${qualificationId}/end`,
      { body },
    ),
};
