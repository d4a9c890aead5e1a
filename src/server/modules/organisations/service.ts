import { createHash } from 'node:crypto';
/**
 * Organisation commands: find, create, update, verify. Each write runs in one
 * transaction with its audit entry. Domain code: no HTTP, only AppError codes.
 */
import type { Kysely } from 'kysely';
import { normalizeOrganisationName } from '../../../shared/area-code.ts';
import type {
  ContactPerson,
  CreateOrganisationInput,
  Organisation,
} from '../../../shared/contracts/organisations.ts';
import { LEVELLED_TYPES, type OrganisationType } from '../../../shared/roles.ts';
import { assertKeyFree, updateWithVersion } from '../../db/guards.ts';
import type { DB } from '../../db/types.ts';
import { AppError, type ErrorDetail } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  canEditOrganisation,
  canSeeContacts,
  canVerifyOrganisation,
  registeringOrganisation,
} from '../../policies/organisations.ts';
import { type AuditContext, canonicalJson, recordAudit } from '../audit/record-audit.ts';
import { bumpFactsVersion, refreshProgramFacts } from '../programs/facts.ts';
import { presentOrganisation } from './presenters.ts';
import {
  activeIssueCodes,
  coverageOf,
  currentAreaCodes,
  findVisibleOrganisation,
  insertOrganisationRow,
  keysStartingWith,
  type OrganisationRow,
  parentIdOf,
  programIdsOwnedBy,
  similarOrganisations,
  writeLinks,
} from './queries.ts';

export interface OrganisationInput {
  key?: string | undefined;
  legalName: string;
  shortName?: string | null | undefined;
  type: OrganisationType;
  level?: 'province' | 'regency' | null | undefined;
  parentId?: string | null | undefined;
  issues: string[];
  coverageAreas: string[];
  contacts: ContactPerson[];
  address?: string | null | undefined;
  areaCode: string;
  website?: string | null | undefined;
  description?: string | null | undefined;
  offers: string[];
}

/** What the audit log keeps of an organisation: contacts are personal data, so only their count. */
export function auditSnapshot(input: OrganisationInput & { verificationStatus?: string }) {
  return {
    key: input.key,
    legalName: input.legalName,
    shortName: input.shortName ?? null,
    type: input.type,
    level: input.level ?? null,
    parentId: input.parentId ?? null,
    areaCode: input.areaCode,
    issues: [...input.issues].sort(),
    coverageAreas: [...input.coverageAreas].sort(),
    offers: [...input.offers].sort(),
    address: input.address ?? null,
    website: input.website ?? null,
    description: input.description ?? null,
    // A fingerprint shows that contacts changed without copying personal data into the trail.
    contacts: `${input.contacts.length} contact(s), fingerprint ${createHash('sha256').update(canonicalJson(input.contacts)).digest('hex').slice(0, 12)}`,
    ...(input.verificationStatus ? { verificationStatus: input.verificationStatus } : {}),
  };
}

export function rowToInput(row: OrganisationRow, coverage: string[]): OrganisationInput & { key: string } {
  return {
    key: row.key,
    legalName: row.legal_name,
    shortName: row.short_name,
    type: row.type,
    level: row.level,
    parentId: row.parent_id,
    issues: row.issues,
    coverageAreas: coverage,
    contacts: (row.contacts as ContactPerson[]) ?? [],
    address: row.address,
    areaCode: row.area_code,
    website: row.website,
    description: row.description,
    offers: row.offers,
  };
}

/**
 * The fields that make an organisation the legal entity a coordinator verified: its legal name,
 * its type (sector), its government level and its seat. (The schema holds no registration numbers;
 * short name, description, contacts, issues, coverage and offers are the organisation's own to keep
 * current.) docs/organisations.md "Verification".
 */
export const LEGAL_FIELDS = ['legalName', 'type', 'level', 'areaCode'] as const;

/** The legal fields an edit changes. */
export function changedLegalFields(before: OrganisationInput, next: OrganisationInput): string[] {
  return LEGAL_FIELDS.filter((field) => (before[field] ?? null) !== (next[field] ?? null));
}

/**
 * The verification status after an edit: a verified organisation whose legal fields change goes
 * back to review ("unverified") unless the editor may verify it in its (new) seat — a coordinator
 * of that area or a platform administrator, whose edit is itself the review.
 */
export function verificationAfterEdit(
  actor: Actor,
  org: {
    id: string;
    registeredByOrgId: string | null;
    verificationStatus: OrganisationRow['verification_status'];
  },
  before: OrganisationInput,
  next: OrganisationInput,
): OrganisationRow['verification_status'] {
  if (org.verificationStatus !== 'verified' || changedLegalFields(before, next).length === 0) {
    return org.verificationStatus;
  }
  const ref = { id: org.id, registeredByOrgId: org.registeredByOrgId };
  const reviews =
    canVerifyOrganisation(actor, { ...ref, areaCode: before.areaCode }) &&
    canVerifyOrganisation(actor, { ...ref, areaCode: next.areaCode });
  return reviews ? 'verified' : 'unverified';
}

/** Ids of an organisation's parent, grandparent… (bounded: a corrupt chain cannot loop). */
async function ancestorsOf(db: Kysely<DB>, id: string): Promise<string[]> {
  const chain: string[] = [];
  let current: string | null = id;
  while (current && chain.length < 50) {
    chain.push(current);
    current = await parentIdOf(db, current);
  }
  return chain;
}

/** Slug from the short or legal name: "Yayasan Peduli Anak NTB" → "yayasan-peduli-anak-ntb". */
export function slugify(text: string): string {
  const slug = normalizeOrganisationName(text).replace(/\s+/g, '-').slice(0, 60).replace(/-+$/, '');
  return slug.length >= 3 ? slug : `org-${slug}`.padEnd(5, '0');
}

/** Checks every reference of an input against the database; returns one detail per bad field. */
export async function referenceProblems(
  db: Kysely<DB>,
  actor: Actor,
  input: OrganisationInput,
  /** On an edit: the organisation itself, and its parent as recorded (kept even if hidden). */
  self?: { id: string; parentId: string | null },
): Promise<ErrorDetail[]> {
  const selfId = self?.id;
  const problems: ErrorDetail[] = [];
  const codes = [...new Set([input.areaCode, ...input.coverageAreas])];
  const known = await currentAreaCodes(db, codes);
  if (!known.has(input.areaCode))
    problems.push({ path: 'body.areaCode', message: 'unknown area code', code: 'unknown_area' });
  input.coverageAreas.forEach((code, i) => {
    if (!known.has(code))
      problems.push({
        path: `body.coverageAreas.${i}`,
        message: `unknown area code ${code}`,
        code: 'unknown_area',
      });
  });
  if (input.issues.length > 0) {
    const issues = await activeIssueCodes(db, input.issues);
    input.issues.forEach((code, i) => {
      if (!issues.has(code))
        problems.push({ path: `body.issues.${i}`, message: `unknown issue ${code}`, code: 'unknown_issue' });
    });
  }
  if (input.parentId) {
    if (input.parentId === selfId) {
      problems.push({
        path: 'body.parentId',
        message: 'an organisation cannot be its own parent',
        code: 'invalid_parent',
      });
    } else {
      // A parent the caller may not see is reported exactly like one that does not exist, so the
      // answer does not confirm a hidden organisation. Keeping the recorded parent reveals nothing.
      const parent =
        input.parentId === self?.parentId
          ? { id: input.parentId }
          : await findVisibleOrganisation(db, actor, input.parentId);
      if (!parent) {
        problems.push({
          path: 'body.parentId',
          message: 'unknown parent organisation',
          code: 'unknown_parent',
        });
      } else if (selfId && (await ancestorsOf(db, input.parentId)).includes(selfId)) {
        // A → B → A would make every "organisations under X" walk loop for ever.
        problems.push({
          path: 'body.parentId',
          message: 'this parent is already below the organisation (a cycle)',
          code: 'invalid_parent',
        });
      }
    }
  }
  const levelled = (LEVELLED_TYPES as readonly string[]).includes(input.type);
  if (levelled && !input.level)
    problems.push({ path: 'body.level', message: 'required for this organisation type', code: 'required' });
  if (!levelled && input.level) {
    problems.push({
      path: 'body.level',
      message: 'only for government agencies and LKKS chapters',
      code: 'not_allowed',
    });
  }
  return problems;
}

async function uniqueKey(db: Kysely<DB>, base: string): Promise<string> {
  const taken = await keysStartingWith(db, base);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export function columnsOf(input: OrganisationInput) {
  return {
    legal_name: input.legalName,
    short_name: input.shortName ?? null,
    name_search: normalizeOrganisationName(input.legalName),
    type: input.type,
    level: input.level ?? null,
    parent_id: input.parentId ?? null,
    area_code: input.areaCode,
    address: input.address ?? null,
    website: input.website ?? null,
    description: input.description ?? null,
    offers: [...new Set(input.offers)],
    contacts: JSON.stringify(input.contacts),
  };
}

export async function getOrganisation(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  context: AuditContext,
): Promise<Organisation> {
  const row = await findVisibleOrganisation(db, actor, id);
  if (!row) throw new AppError('ORGANISATION_NOT_FOUND');
  const [coverage, parent] = await Promise.all([
    coverageOf(db, id),
    // The parent is named only if the caller may see it too.
    row.parent_id ? findVisibleOrganisation(db, actor, row.parent_id) : undefined,
  ]);
  const showContacts = canSeeContacts(actor);
  const contacts = (row.contacts as ContactPerson[]) ?? [];
  if (showContacts && contacts.length > 0) {
    // Contact persons' names and numbers are personal data: every read is audited.
    await db.transaction().execute((trx) =>
      recordAudit(trx, context, {
        action: 'read_personal',
        entityType: 'organisation.contacts',
        entityId: id,
        after: { fields: ['contacts'], count: contacts.length },
      }),
    );
  }
  return presentOrganisation(row, {
    parent: parent ? { id: parent.id, legalName: parent.legal_name } : null,
    coverage,
    showContacts,
    canEdit: canEditOrganisation(actor, {
      id: row.id,
      areaCode: row.area_code,
      registeredByOrgId: row.registered_by_org_id,
    }),
  });
}

export async function createOrganisation(
  db: Kysely<DB>,
  actor: Actor,
  input: OrganisationInput & { confirmDuplicate?: boolean },
  context: AuditContext,
): Promise<string> {
  const registeredBy = await registrationChecks(db, actor, input);
  if (!input.confirmDuplicate) {
    const similar = await similarOrganisations(db, actor, normalizeOrganisationName(input.legalName));
    if (similar.length > 0) {
      throw new AppError(
        'ORGANISATION_POSSIBLE_DUPLICATE',
        undefined,
        similar.map((s) => ({ path: 'body.legalName', message: s.legal_name, code: s.id })),
      );
    }
  }
  if (input.key) await assertKeyFree(db, 'organisations', input.key, 'ORGANISATION_KEY_TAKEN');
  const key = input.key ?? (await uniqueKey(db, slugify(input.shortName || input.legalName)));
  return db.transaction().execute((trx) => insertOrganisation(trx, context, input, key, registeredBy));
}

/**
 * The reference and seat rules of registering an organisation (400 with every problem, 403
 * outside the actor's area); gives the organisation recorded as registering it.
 */
async function registrationChecks(db: Kysely<DB>, actor: Actor, input: OrganisationInput) {
  const problems = await referenceProblems(db, actor, input);
  if (problems.length) throw new AppError('VALIDATION_FAILED', undefined, problems);
  const registeredBy = registeringOrganisation(actor, input.areaCode);
  if (registeredBy === undefined) {
    throw new AppError('FORBIDDEN', 'You may not register an organisation seated in this area');
  }
  return registeredBy;
}

/** The organisation's row, its links and its create entry, in the caller's transaction. */
async function insertOrganisation(
  trx: Kysely<DB>,
  context: AuditContext,
  input: OrganisationInput,
  key: string,
  registeredBy: string | null,
): Promise<string> {
  const id = await insertOrganisationRow(trx, {
    key,
    ...columnsOf(input),
    registered_by_org_id: registeredBy,
  });
  await writeLinks(trx, id, input);
  await recordAudit(trx, context, {
    action: 'create',
    entityType: 'organisation',
    entityId: id,
    after: auditSnapshot({ ...input, key }),
  });
  return id;
}

/**
 * Registers an organisation inside a transaction the caller holds (the program import
 * writes the organisations its answers name and their programs in one commit): the same
 * reference and seat rules as createOrganisation, unverified, with its audit entry in the
 * same transaction. No duplicate question: the caller asked it already.
 */
export async function registerOrganisationIn(
  trx: Kysely<DB>,
  actor: Actor,
  input: OrganisationInput,
  context: AuditContext,
): Promise<{ id: string; key: string }> {
  const registeredBy = await registrationChecks(trx, actor, input);
  const key = await uniqueKey(trx, slugify(input.shortName || input.legalName));
  return { id: await insertOrganisation(trx, context, input, key, registeredBy), key };
}

export async function updateOrganisation(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  changes: Partial<CreateOrganisationInput> & { version: number },
  context: AuditContext,
): Promise<void> {
  const row = await findVisibleOrganisation(db, actor, id);
  if (!row) throw new AppError('ORGANISATION_NOT_FOUND');
  // The edit is merged over this row, so it must be the version the client edited; the update
  // below re-checks it against a concurrent writer.
  if (row.version !== changes.version) throw new AppError('VERSION_CONFLICT');
  if (
    !canEditOrganisation(actor, { id, areaCode: row.area_code, registeredByOrgId: row.registered_by_org_id })
  ) {
    throw new AppError(
      'FORBIDDEN',
      'Only this organisation’s editors and coordinators of its area may change it',
    );
  }
  const coverage = (await coverageOf(db, id)).map((c) => c.code);
  const before = rowToInput(row, coverage);
  const { version, ...fields } = changes;
  const next: OrganisationInput & { key: string } = {
    ...before,
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
  } as OrganisationInput & { key: string };
  // Moving an organisation's seat is also a write in the destination area.
  if (
    next.areaCode !== before.areaCode &&
    !canEditOrganisation(actor, { id, areaCode: next.areaCode, registeredByOrgId: row.registered_by_org_id })
  ) {
    throw new AppError('FORBIDDEN', 'You may not move this organisation outside your area');
  }
  // The edit form showed a parent the caller may not see as none; saving "none" keeps it.
  if (!next.parentId && before.parentId && !(await findVisibleOrganisation(db, actor, before.parentId))) {
    next.parentId = before.parentId;
  }
  const problems = await referenceProblems(db, actor, next, { id, parentId: before.parentId ?? null });
  if (problems.length) throw new AppError('VALIDATION_FAILED', undefined, problems);
  if (next.key !== before.key) await assertKeyFree(db, 'organisations', next.key, 'ORGANISATION_KEY_TAKEN');
  const verificationStatus = verificationAfterEdit(
    actor,
    { id, registeredByOrgId: row.registered_by_org_id, verificationStatus: row.verification_status },
    before,
    next,
  );
  await db.transaction().execute(async (trx) => {
    await updateWithVersion(trx, 'organisations', id, version, {
      key: next.key,
      ...columnsOf(next),
      verification_status: verificationStatus,
    });
    await writeLinks(trx, id, next);
    // The map's facts copy the owner's type, and cached answers name organisations: keep both current.
    if (next.type !== before.type) {
      await refreshProgramFacts(trx, await programIdsOwnedBy(trx, id));
    }
    await bumpFactsVersion(trx);
    await recordAudit(trx, context, {
      action: 'update',
      entityType: 'organisation',
      entityId: id,
      before: auditSnapshot({ ...before, verificationStatus: row.verification_status }),
      after: auditSnapshot({ ...next, verificationStatus }),
    });
  });
}

export async function setVerification(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  status: 'unverified' | 'verified' | 'rejected',
  version: number,
  context: AuditContext,
): Promise<void> {
  const row = await findVisibleOrganisation(db, actor, id);
  if (!row) throw new AppError('ORGANISATION_NOT_FOUND');
  if (row.version !== version) throw new AppError('VERSION_CONFLICT');
  if (
    !canVerifyOrganisation(actor, {
      id,
      areaCode: row.area_code,
      registeredByOrgId: row.registered_by_org_id,
    })
  ) {
    throw new AppError('FORBIDDEN', 'Only coordinators of this area verify organisations');
  }
  await db.transaction().execute(async (trx) => {
    await updateWithVersion(trx, 'organisations', id, version, { verification_status: status });
    await recordAudit(trx, context, {
      action: 'verify',
      entityType: 'organisation',
      entityId: id,
      before: { verificationStatus: row.verification_status },
      after: { verificationStatus: status },
    });
  });
}
