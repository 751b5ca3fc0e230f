/** Routes of the audit log (admin, auditor). */
import { AuditEntrySchema, AuditQuerySchema, AuditVerificationSchema } from '../../../shared/api/audit.ts';
import { errorResponses, Page } from '../../../shared/api/common.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { listAudit, verifyAuditChain } from './audit.service.ts';

/** Registers the audit routes. */
export function auditRoutes(app: App, { db }: ModuleDeps): void {
  app.get(
    '/api/audit',
    {
      config: { access: { roles: ['admin', 'auditor'] } },
      schema: {
        tags: ['audit'],
        summary: 'List audit entries, newest first',
        querystring: AuditQuerySchema,
        response: { 200: Page(AuditEntrySchema), ...errorResponses },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, ...filters } = request.query;
      const result = await listAudit(db, { ...filters, page, pageSize });
      return { ...result, page, pageSize };
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { access: { roles: ['admin', 'auditor'] } },
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain of the whole audit log',
        response: { 200: AuditVerificationSchema, ...errorResponses },
      },
    },
    async () => verifyAuditChain(db),
  );
}
