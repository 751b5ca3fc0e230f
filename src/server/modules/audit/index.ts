/** Public surface of the audit module. */
export {
  AUDIT_CHECKPOINT_JOB,
  type AuditLogVerification,
  auditCheckpointHandler,
  checkpointAuditHead,
  queueAuditCheckpoint,
  readCheckpoints,
  verifyAuditLog,
} from './audit.checkpoints.ts';
export { type AuditKey, auditKeyFrom, currentAuditKey, resolveAuditKey, setAuditKey } from './audit.keys.ts';
export { auditRoutes } from './audit.routes.ts';
export {
  type AuditActor,
  type AuditEntryInput,
  type AuditVerification,
  appendAudit,
  assertAuditKeyFits,
  auditChainHead,
  auditLogSummary,
  canonicalJson,
  escapeLike,
  listAudit,
  moduleAudit,
  verifyAuditChain,
} from './audit.service.ts';
