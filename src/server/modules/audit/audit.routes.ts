/** Routes of the audit log (admin, auditor). */
import { AuditEntrySchema, AuditQuerySchema, AuditVerificationSchema } from '../../../shared/api/audit.ts';
import { errorResponses, Page } from '../../../shared/api/common.ts';
import type { App, ModuleDeps } from '../../http/types.ts';
import { verifyAuditLog } from './audit.checkpoints.ts';
import { listAudit } from './audit.service.ts';

/** Registers the audit routes. */
export function auditRoutes(app: App, { db, config }: ModuleDeps): void {
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
        summary:
          'Verify the hash chain of the whole audit log with the audit key, and against the checkpoints',
        description:
          'Checks every entry (keyed entries with the audit key, kept outside the database) and every signed ' +
          'checkpoint of the checkpoint file: a checkpoint beyond the last entry is a rollback, another hash at ' +
          "a checkpoint's seq a rewrite. When it passes, a checkpoint of the verified head is added (ADR 0010).",
        response: { 200: AuditVerificationSchema, ...errorResponses },
      },
    },
    async (request) =>
      verifyAuditLog(db, {
        file: config.auditCheckpointFile,
        log: (line) => request.log.info(line),
      }),
  );
}
