/**
 * Program commands: read one, create, replace, change status, delete, and the
 * upsert-by-key the recap importer uses. Each write runs in one transaction with its
 * audit entry and the program's fact rows, so the map never shows a half-written
 * program. Domain code: no HTTP, only AppError codes.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DocumentLink, Program, ProgramInput } from '../../../shared/contracts/programs.ts';
import { todayInNtb } from '../../../shared/format.ts';
import { canMoveProgram, type ProgramStatus } from '../../../shared/programs.ts';
import type { DB } from '../../db/types.ts';
import { AppError, type ErrorDetail } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { canEditProgram, programVisibility } from '../../policies/programs.ts';
import { type AuditContext, canonicalJson, recordAudit } from '../audit/record-audit.ts';
import { presentOrganisationRef } from '../organisations/names.ts';
import { type PartnershipEB, visiblePartnership } from '../partnerships/queries.ts';
import { bumpFactsVersion, refreshProgramFacts } from './facts.ts';
import { areaNames, findVisibleProgram, type ProgramRow, partnersOf, villagesOf } from './queries.ts';

export type ProgramSource = 'form' | 'import' | 'generator';

/** The stored shape of a program's editable fields, villages already expanded. */
export interface ProgramRecord {
  key: string;
  ownerOrgId: string;
  title: string;
  description: string | null;
  issues: string[];
  villages: Array<{ code: string; targetHouseholds: number | null; targetPersons: number | null }>;
  partners: Array<{
    organisationId: string;
    role: string;
    contributionMoney: number | null;
    contributionInKind: string | null;
  }>;
  periodStart: string;
  periodEnd: string;
  budgetPlanned: number | null;
  budgetRealised: number | null;
  modality: string;
  targetHouseholds: number | null;
  targetPersons: number | null;
  reachedHouseholds: number | null;
  reachedPersons: number | null;
  documents: DocumentLink[];
}

const byCode = <T extends { code: string }>(a: T, b: T) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * Checks an input against the database and expands `wholeAreas` into villages. Returns
 * the record to store, or every problem found (one detail per bad field).
 */
export async function prepareProgram(
  trx: Kysely<DB>,
  input: ProgramInput | (Omit<ProgramInput, 'status'> & { status?: string }),
  key: string,
  requireVillages: boolean,
): Promise<{ record: ProgramRecord; problems: ErrorDetail[] }> {
  const problems: ErrorDetail[] = [];
  const villageCodes = input.villages.map((v) => v.code);
  const known = new Map(
    (
      await trx
        .selectFrom('areas')
        .select(['code', 'level'])
        .where('code', 'in', [...new Set([...villageCodes, ...input.wholeAreas, '52'])])
        .where('valid_to', 'is', null)
        .execute()
    ).map((a) => [a.code, a.level]),
  );
  input.villages.forEach((v, i) => {
    const level = known.get(v.code);
    if (!level)
      problems.push({
        path: `body.villages.${i}.code`,
        message: `unknown area code ${v.code}`,
        code: 'unknown_area',
      });
    else if (level !== 'village')
      problems.push({
        path: `body.villages.${i}.code`,
        message: `${v.code} is not a desa/kelurahan; use wholeAreas for a kecamatan or kabupaten`,
        code: 'not_a_village',
      });
  });
  const seen = new Set<string>();
  input.villages.forEach((v, i) => {
    if (seen.has(v.code))
      problems.push({
        path: `body.villages.${i}.code`,
        message: `${v.code} is listed twice`,
        code: 'duplicate',
      });
    seen.add(v.code);
  });
  const villages = new Map(
    input.villages.map((v) => [
      v.code,
      { code: v.code, targetHouseholds: v.targetHouseholds ?? null, targetPersons: v.targetPersons ?? null },
    ]),
  );
  for (const [i, area] of input.wholeAreas.entries()) {
    const level = known.get(area);
    if (level !== 'district' && level !== 'regency') {
      problems.push({
        path: `body.wholeAreas.${i}`,
        message: level ? `${area} is not a kecamatan or kabupaten` : `unknown area code ${area}`,
        code: level ? 'not_an_area_group' : 'unknown_area',
      });
      continue;
    }
    const inside = await trx
      .selectFrom('areas')
      .select('code')
      .where('level', '=', 'village')
      .where('valid_to', 'is', null)
      .where('code', 'like', `${area}.%`)
      .execute();
    for (const { code } of inside) {
      if (!villages.has(code)) villages.set(code, { code, targetHouseholds: null, targetPersons: null });
    }
  }
  if (requireVillages && villages.size === 0 && problems.length === 0) {
    problems.push({
      path: 'body.villages',
      message: 'pick at least one village (or a whole kecamatan/kabupaten)',
      code: 'required',
    });
  }

  const issues = [...new Set(input.issues)];
  const activeIssues = new Set(
    (
      await trx
        .selectFrom('issues')
        .select('code')
        .where('code', 'in', issues)
        .where('active', '=', true)
        .execute()
    ).map((i) => i.code),
  );
  input.issues.forEach((code, i) => {
    if (!activeIssues.has(code))
      problems.push({ path: `body.issues.${i}`, message: `unknown issue ${code}`, code: 'unknown_issue' });
  });

  const orgIds = [...new Set([input.ownerOrgId, ...input.partners.map((p) => p.organisationId)])];
  const orgs = new Set(
    (await trx.selectFrom('organisations').select('id').where('id', 'in', orgIds).execute()).map((o) => o.id),
  );
  if (!orgs.has(input.ownerOrgId))
    problems.push({ path: 'body.ownerOrgId', message: 'unknown organisation', code: 'unknown_organisation' });
  const partnerKeys = new Set<string>();
  input.partners.forEach((p, i) => {
    if (!orgs.has(p.organisationId))
      problems.push({
        path: `body.partners.${i}.organisationId`,
        message: 'unknown organisation',
        code: 'unknown_organisation',
      });
    else if (p.organisationId === input.ownerOrgId)
      problems.push({
        path: `body.partners.${i}.organisationId`,
        message: 'the owner is not also its own partner',
        code: 'partner_is_owner',
      });
    const pk = `${p.organisationId}|${p.role}`;
    if (partnerKeys.has(pk))
      problems.push({
        path: `body.partners.${i}.role`,
        message: 'this organisation already has this role',
        code: 'duplicate',
      });
    partnerKeys.add(pk);
  });
  if (input.periodEnd < input.periodStart)
    problems.push({ path: 'body.periodEnd', message: 'ends before it starts', code: 'end_before_start' });

  const record: ProgramRecord = {
    key,
    ownerOrgId: input.ownerOrgId,
    title: input.title,
    description: input.description ?? null,
    issues: issues.sort(),
    villages: [...villages.values()].sort(byCode),
    partners: input.partners
      .map((p) => ({
        organisationId: p.organisationId,
        role: p.role,
        contributionMoney: p.contributionMoney ?? null,
        contributionInKind: p.contributionInKind ?? null,
      }))
      .sort((a, b) => `${a.organisationId}|${a.role}`.localeCompare(`${b.organisationId}|${b.role}`)),
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    budgetPlanned: input.budgetPlanned ?? null,
    budgetRealised: input.budgetRealised ?? null,
    modality: input.modality,
    targetHouseholds: input.targetHouseholds ?? null,
    targetPersons: input.targetPersons ?? null,
    reachedHouseholds: input.reachedHouseholds ?? null,
    reachedPersons: input.reachedPersons ?? null,
    documents: input.documents,
  };
  return { record, problems };
}

function columnsOf(r: ProgramRecord) {
  return {
    key: r.key,
    owner_org_id: r.ownerOrgId,
    title: r.title,
    description: r.description,
    period_start: r.periodStart,
    period_end: r.periodEnd,
    budget_planned: r.budgetPlanned,
    budget_realised: r.budgetRealised,
    modality: r.modality as ProgramRow['modality'],
    target_households: r.targetHouseholds,
    target_persons: r.targetPersons,
    reached_households: r.reachedHouseholds,
    reached_persons: r.reachedPersons,
    documents: JSON.stringify(r.documents),
  };
}

/** Replaces a program's issues, villages and partners. */
async function writeLinks(trx: Kysely<DB>, id: string, r: ProgramRecord): Promise<void> {
  await trx.deleteFrom('program_issues').where('program_id', '=', id).execute();
  await trx.deleteFrom('program_villages').where('program_id', '=', id).execute();
  await trx.deleteFrom('program_partners').where('program_id', '=', id).execute();
  if (r.issues.length)
    await trx
      .insertInto('program_issues')
      .values(r.issues.map((issue_code) => ({ program_id: id, issue_code })))
      .execute();
  for (let i = 0; i < r.villages.length; i += 2_000) {
    await trx
      .insertInto('program_villages')
      .values(
        r.villages.slice(i, i + 2_000).map((v) => ({
          program_id: id,
          village_code: v.code,
          target_households: v.targetHouseholds,
          target_persons: v.targetPersons,
        })),
      )
      .execute();
  }
  if (r.partners.length)
    await trx
      .insertInto('program_partners')
      .values(
        r.partners.map((p) => ({
          program_id: id,
          organisation_id: p.organisationId,
          role: p.role as 'funder',
          contribution_money: p.contributionMoney,
          contribution_in_kind: p.contributionInKind,
        })),
      )
      .execute();
}

/** What the audit log keeps of a program (no personal data in programs; village lists as codes). */
function auditSnapshot(r: ProgramRecord, status: string) {
  return { ...r, status };
}

/** The stored program as a record (for updates, unchanged-detection and audit "before"). */
export async function loadProgramRecord(trx: Kysely<DB>, id: string) {
  const row = await trx.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [issues, villages, partners] = await Promise.all([
    trx
      .selectFrom('program_issues')
      .select('issue_code')
      .where('program_id', '=', id)
      .orderBy('issue_code')
      .execute(),
    trx
      .selectFrom('program_villages')
      .select(['village_code', 'target_households', 'target_persons'])
      .where('program_id', '=', id)
      .orderBy('village_code')
      .execute(),
    trx
      .selectFrom('program_partners')
      .select(['organisation_id', 'role', 'contribution_money', 'contribution_in_kind'])
      .where('program_id', '=', id)
      .execute(),
  ]);
  const record: ProgramRecord = {
    key: row.key,
    ownerOrgId: row.owner_org_id,
    title: row.title,
    description: row.description,
    issues: issues.map((i) => i.issue_code),
    villages: villages.map((v) => ({
      code: v.village_code,
      targetHouseholds: v.target_households,
      targetPersons: v.target_persons,
    })),
    partners: partners
      .map((p) => ({
        organisationId: p.organisation_id,
        role: p.role,
        contributionMoney: p.contribution_money,
        contributionInKind: p.contribution_in_kind,
      }))
      .sort((a, b) => `${a.organisationId}|${a.role}`.localeCompare(`${b.organisationId}|${b.role}`)),
    periodStart: row.period_start,
    periodEnd: row.period_end,
    budgetPlanned: row.budget_planned,
    budgetRealised: row.budget_realised,
    modality: row.modality,
    targetHouseholds: row.target_households,
    targetPersons: row.target_persons,
    reachedHouseholds: row.reached_households,
    reachedPersons: row.reached_persons,
    documents: (row.documents as DocumentLink[]) ?? [],
  };
  return { row, record };
}

export function newProgramKey(periodStart: string): string {
  return `prg-${periodStart.slice(0, 4)}-${randomBytes(5).toString('hex')}`;
}

/** Lifecycle date column set when a program enters a status. */
const STATUS_DATE: Partial<
  Record<ProgramStatus, 'planned_at' | 'started_at' | 'completed_at' | 'cancelled_at'>
> = {
  planned: 'planned_at',
  active: 'started_at',
  completed: 'completed_at',
  cancelled: 'cancelled_at',
};

async function insertProgram(
  trx: Kysely<DB>,
  actor: Actor,
  input: ProgramInput,
  key: string,
  context: AuditContext,
  source: ProgramSource,
): Promise<string> {
  const { record, problems } = await prepareProgram(trx, input, key, input.status !== 'draft');
  if (problems.length) throw new AppError('VALIDATION_FAILED', undefined, problems);
  if (
    !canEditProgram(
      actor,
      record.ownerOrgId,
      record.villages.map((v) => v.code),
    )
  ) {
    throw new AppError(
      'FORBIDDEN',
      "Only the owner's editors, and coordinators whose area holds every village, may create this program",
    );
  }
  const taken = await trx.selectFrom('programs').select('id').where('key', '=', key).executeTakeFirst();
  if (taken)
    throw new AppError('PROGRAM_KEY_TAKEN', undefined, [{ path: 'body.key', message: 'already in use' }]);
  const today = todayInNtb();
  const dateColumn = STATUS_DATE[input.status];
  const { id } = await trx
    .insertInto('programs')
    .values({
      ...columnsOf(record),
      status: input.status,
      ...(dateColumn ? { [dateColumn]: today } : {}),
      source,
      created_by_user_id: actor.kind === 'user' ? actor.userId : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeLinks(trx, id, record);
  await refreshProgramFacts(trx, [id]);
  await recordAudit(trx, context, {
    action: 'create',
    entityType: 'program',
    entityId: id,
    after: auditSnapshot(record, input.status),
  });
  return id;
}

export async function createProgram(
  db: Kysely<DB>,
  actor: Actor,
  input: ProgramInput,
  context: AuditContext,
): Promise<string> {
  const key = input.key ?? newProgramKey(input.periodStart);
  return db.transaction().execute((trx) => insertProgram(trx, actor, input, key, context, 'form'));
}

/** Loads a program the actor can see and may edit, checking the version they edited. */
async function editableProgram(trx: Kysely<DB>, actor: Actor, id: string, version: number | null) {
  const visible = await findVisibleProgram(trx, programVisibility(actor), id);
  if (!visible) throw new AppError('PROGRAM_NOT_FOUND');
  const loaded = await loadProgramRecord(trx, id);
  if (!loaded) throw new AppError('PROGRAM_NOT_FOUND');
  if (version !== null && loaded.row.version !== version) throw new AppError('VERSION_CONFLICT');
  if (
    !canEditProgram(
      actor,
      loaded.record.ownerOrgId,
      loaded.record.villages.map((v) => v.code),
    )
  ) {
    throw new AppError(
      'FORBIDDEN',
      "Only the owner's editors, and coordinators whose area holds every village, may change this program",
    );
  }
  return loaded;
}

async function replaceProgram(
  trx: Kysely<DB>,
  actor: Actor,
  id: string,
  input: Omit<ProgramInput, 'status'>,
  /** The new key; the current one when omitted. */
  key: string | undefined,
  version: number | null,
  context: AuditContext,
): Promise<'updated' | 'unchanged'> {
  const { row, record: before } = await editableProgram(trx, actor, id, version);
  const { record, problems } = await prepareProgram(trx, input, key ?? before.key, row.status !== 'draft');
  if (problems.length) throw new AppError('VALIDATION_FAILED', undefined, problems);
  // Moving a program to another owner or other villages is also a write there.
  if (
    !canEditProgram(
      actor,
      record.ownerOrgId,
      record.villages.map((v) => v.code),
    )
  ) {
    throw new AppError('FORBIDDEN', 'You may not move this program to that owner or those villages');
  }
  if (canonicalJson(before) === canonicalJson(record)) return 'unchanged';
  if (record.key !== before.key) {
    const taken = await trx
      .selectFrom('programs')
      .select('id')
      .where('key', '=', record.key)
      .executeTakeFirst();
    if (taken)
      throw new AppError('PROGRAM_KEY_TAKEN', undefined, [{ path: 'body.key', message: 'already in use' }]);
  }
  const updated = await trx
    .updateTable('programs')
    .set({ ...columnsOf(record), version: row.version + 1, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new AppError('VERSION_CONFLICT');
  await writeLinks(trx, id, record);
  await refreshProgramFacts(trx, [id]);
  await recordAudit(trx, context, {
    action: 'update',
    entityType: 'program',
    entityId: id,
    before: auditSnapshot(before, row.status),
    after: auditSnapshot(record, row.status),
  });
  return 'updated';
}

export async function updateProgram(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  input: Omit<ProgramInput, 'status'> & { version: number },
  context: AuditContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { version, ...fields } = input;
    await replaceProgram(trx, actor, id, fields, fields.key, version, context);
  });
}

/**
 * Creates or updates the program with this key, inside the caller's transaction (the
 * importer writes a whole file in one). An identical program is left untouched.
 */
export async function upsertProgramByKey(
  trx: Kysely<DB>,
  actor: Actor,
  input: ProgramInput & { key: string },
  context: AuditContext,
  source: ProgramSource,
): Promise<'created' | 'updated' | 'unchanged'> {
  const existing = await trx
    .selectFrom('programs')
    .select('id')
    .where('key', '=', input.key)
    .executeTakeFirst();
  if (!existing) {
    await insertProgram(trx, actor, input, input.key, context, source);
    return 'created';
  }
  const { status: _status, ...fields } = input;
  return replaceProgram(trx, actor, existing.id, fields, input.key, null, context);
}

export async function changeProgramStatus(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  change: { status: ProgramStatus; on?: string | undefined; version: number },
  context: AuditContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { row, record } = await editableProgram(trx, actor, id, change.version);
    if (!canMoveProgram(row.status, change.status)) {
      throw new AppError(
        'PROGRAM_STATUS_TRANSITION',
        `A ${row.status} program cannot become ${change.status}`,
        [{ path: 'body.status', message: `not allowed from ${row.status}`, code: 'transition' }],
      );
    }
    if (row.status === change.status) return;
    if (change.status !== 'draft' && change.status !== 'cancelled' && record.villages.length === 0) {
      throw new AppError('VALIDATION_FAILED', undefined, [
        { path: 'body.status', message: 'add at least one village first', code: 'required' },
      ]);
    }
    const dateColumn = STATUS_DATE[change.status];
    const on = change.on ?? todayInNtb();
    await trx
      .updateTable('programs')
      .set({
        status: change.status,
        ...(dateColumn ? { [dateColumn]: on } : {}),
        version: row.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await refreshProgramFacts(trx, [id]);
    await recordAudit(trx, context, {
      action: 'status',
      entityType: 'program',
      entityId: id,
      before: { status: row.status },
      after: { status: change.status, on },
    });
  });
}

/** Statuses a program may be deleted in: what actually happened stays on record (cancel it instead). */
export const DELETABLE_STATUSES: readonly ProgramStatus[] = ['draft', 'planned', 'cancelled'];

export async function deleteProgram(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  version: number,
  context: AuditContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { row, record } = await editableProgram(trx, actor, id, version);
    if (!DELETABLE_STATUSES.includes(row.status)) {
      throw new AppError('PROGRAM_DELETE_NOT_ALLOWED');
    }
    // Fact rows and links go with the cascade.
    await trx.deleteFrom('programs').where('id', '=', id).execute();
    await bumpFactsVersion(trx);
    await recordAudit(trx, context, {
      action: 'delete',
      entityType: 'program',
      entityId: id,
      before: auditSnapshot(record, row.status),
    });
  });
}

export async function getProgram(db: Kysely<DB>, actor: Actor, id: string): Promise<Program> {
  const row = await findVisibleProgram(db, programVisibility(actor), id);
  if (!row) throw new AppError('PROGRAM_NOT_FOUND');
  const [villages, partners, partnerships] = await Promise.all([
    villagesOf(db, id),
    partnersOf(db, id),
    db
      .selectFrom('partnership_programs as pp')
      .innerJoin('partnerships as k', 'k.id', 'pp.partnership_id')
      .select(['k.id', 'k.title', 'k.status'])
      .where('pp.program_id', '=', id)
      // Only agreements the reader may see are named (a hidden draft's title stays hidden).
      .where((eb) => visiblePartnership(eb as PartnershipEB, programVisibility(actor)))
      .orderBy('k.title')
      .execute(),
  ]);
  const parentCodes = villages.flatMap((v) => [v.village_code.slice(0, 5), v.village_code.slice(0, 8)]);
  const names = await areaNames(db, [...parentCodes, ...row.regency_codes]);
  return {
    ...presentProgramSummary(actor, row, names),
    description: row.description,
    villages: villages.map((v) => ({
      code: v.village_code,
      name: v.name,
      kind: v.kind,
      districtCode: v.village_code.slice(0, 8),
      districtName: names.get(v.village_code.slice(0, 8)) ?? '',
      regencyCode: v.village_code.slice(0, 5),
      regencyName: names.get(v.village_code.slice(0, 5)) ?? '',
      targetHouseholds: v.target_households,
      targetPersons: v.target_persons,
    })),
    partners: partners.map((p) => ({
      organisation: presentOrganisationRef(actor, { ...p, id: p.organisation_id, name: p.legal_name }),
      role: p.role,
      contributionMoney: p.contribution_money,
      contributionInKind: p.contribution_in_kind,
    })),
    targetHouseholds: row.target_households,
    targetPersons: row.target_persons,
    reachedHouseholds: row.reached_households,
    reachedPersons: row.reached_persons,
    plannedAt: row.planned_at,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    cancelledAt: row.cancelled_at,
    documents: (row.documents as DocumentLink[]) ?? [],
    partnerships,
    source: row.source,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    canEdit: canEditProgram(
      actor,
      row.owner_org_id,
      villages.map((v) => v.village_code),
    ),
  };
}

export function presentProgramSummary(actor: Actor, row: ProgramRow, names: Map<string, string>) {
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    owner: presentOrganisationRef(actor, {
      id: row.owner_org_id,
      name: row.owner_name,
      type: row.owner_type,
      verification_status: row.owner_verification,
    }),
    status: row.status,
    modality: row.modality,
    productive: row.productive,
    issues: row.issues,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    budgetPlanned: row.budget_planned,
    budgetRealised: row.budget_realised,
    villageCount: row.village_count,
    regencies: row.regency_codes.map((code) => ({ code, name: names.get(code) ?? code })),
    partnerCount: row.partner_count,
    updatedAt: row.updated_at.toISOString(),
  };
}
