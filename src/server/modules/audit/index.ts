/** Public surface of the audit module. */
export {
  type AuditActor,
  type AuditEntryInput,
  type AuditVerification,
  appendAudit,
  canonicalJson,
  escapeLike,
  listAudit,
  verifyAuditChain,
} from './audit.service.ts';
