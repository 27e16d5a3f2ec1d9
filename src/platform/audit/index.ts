export { appendAudit, appendAuditMany, verifyAuditChain, SYSTEM_ACTOR, type Actor, type AuditEntry, type AuditVerification } from './audit-trail';
