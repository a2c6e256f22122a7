export { recordAudit } from './record.ts';
export {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntry,
  AuditLog,
  type PublicAuditEntry,
} from './repository.ts';
