/** Rows never leave the server as they are: these functions decide the API shape of the audit trail. */
import {
  type AUDIT_ACTIONS,
  type AuditCheckpoint,
  type AuditEntry,
  CHECKPOINT_FORMAT,
} from '../../../shared/contracts/audit.ts';
import type { AuditRow, CheckpointRow } from './queries.ts';

export function presentAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    action: row.action as (typeof AUDIT_ACTIONS)[number],
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before ?? null,
    after: row.after ?? null,
    ip: row.ip,
    requestId: row.request_id,
    hash: row.hash,
  };
}

export function presentCheckpoint(row: CheckpointRow): AuditCheckpoint {
  return {
    format: CHECKPOINT_FORMAT,
    createdAt: new Date(row.created_at).toISOString(),
    sequence: row.sequence,
    entryId: row.entry_id,
    hash: row.hash,
    signature: row.signature,
  };
}
