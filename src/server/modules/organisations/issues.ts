/**
 * The issue taxonomy. Seeded by migration; only platform administrators and
 * coordinators without an area limit change it, because it is shared by the province.
 */
import type { Kysely } from 'kysely';
import type { Issue } from '../../../shared/contracts/organisations.ts';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { type Actor, isPlatformAdmin, membershipsWith } from '../../policies/actor.ts';
import { type AuditContext, recordAudit } from '../audit/record-audit.ts';
import { presentIssue as present } from './presenters.ts';
import { findIssue, insertIssue, issueRows, updateIssueRow } from './queries.ts';

function assertMayEditTaxonomy(actor: Actor): void {
  const provinceWide = membershipsWith(actor, ['coordinator']).some((m) => m.areaScope === null);
  if (!isPlatformAdmin(actor) && !provinceWide) {
    throw new AppError('FORBIDDEN', 'Only province-wide coordinators change the shared issue list');
  }
}

export async function listIssues(db: Kysely<DB>, includeInactive: boolean): Promise<Issue[]> {
  return (await issueRows(db, includeInactive)).map(present);
}

export async function createIssue(
  db: Kysely<DB>,
  actor: Actor,
  input: {
    code: string;
    nameId: string;
    nameEn: string;
    descriptionId?: string | null | undefined;
    descriptionEn?: string | null | undefined;
    sortOrder: number;
  },
  context: AuditContext,
): Promise<Issue> {
  assertMayEditTaxonomy(actor);
  if (await findIssue(db, input.code))
    throw new AppError('ISSUE_EXISTS', undefined, [{ path: 'body.code', message: 'already exists' }]);
  return db.transaction().execute(async (trx) => {
    const row = await insertIssue(trx, {
      code: input.code,
      name_id: input.nameId,
      name_en: input.nameEn,
      description_id: input.descriptionId ?? null,
      description_en: input.descriptionEn ?? null,
      sort_order: input.sortOrder,
    });
    await recordAudit(trx, context, {
      action: 'create',
      entityType: 'issue',
      entityId: row.code,
      after: present(row),
    });
    return present(row);
  });
}

export async function updateIssue(
  db: Kysely<DB>,
  actor: Actor,
  code: string,
  changes: {
    nameId?: string | undefined;
    nameEn?: string | undefined;
    descriptionId?: string | null | undefined;
    descriptionEn?: string | null | undefined;
    sortOrder?: number | undefined;
    active?: boolean | undefined;
  },
  context: AuditContext,
): Promise<Issue> {
  assertMayEditTaxonomy(actor);
  const before = await findIssue(db, code);
  if (!before) throw new AppError('ISSUE_NOT_FOUND');
  return db.transaction().execute(async (trx) => {
    const row = await updateIssueRow(trx, code, {
      ...(changes.nameId !== undefined ? { name_id: changes.nameId } : {}),
      ...(changes.nameEn !== undefined ? { name_en: changes.nameEn } : {}),
      ...(changes.descriptionId !== undefined ? { description_id: changes.descriptionId } : {}),
      ...(changes.descriptionEn !== undefined ? { description_en: changes.descriptionEn } : {}),
      ...(changes.sortOrder !== undefined ? { sort_order: changes.sortOrder } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      updated_at: new Date(),
    });
    await recordAudit(trx, context, {
      action: 'update',
      entityType: 'issue',
      entityId: code,
      before: present(before),
      after: present(row),
    });
    return present(row);
  });
}
