/** Reading the audit trail: the one call the browse route makes (checkpoint.ts holds the chain checks). */
import type { Kysely } from 'kysely';
import type { AuditEntry, ListAuditQuery } from '../../../shared/contracts/audit.ts';
import type { DB } from '../../db/types.ts';
import { presentAuditEntry } from './presenters.ts';
import { listAuditEntries } from './queries.ts';

/** One page of presented entries, newest first, and how many match the filters. */
export async function browseAudit(
  db: Kysely<DB>,
  query: ListAuditQuery,
): Promise<{ items: AuditEntry[]; total: number }> {
  const { rows, total } = await listAuditEntries(db, query);
  return { items: rows.map(presentAuditEntry), total };
}
