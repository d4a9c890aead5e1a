/**
 * Partnerships (Kemitraan): agreements between two or more organisations, with a
 * lifecycle, renewals and linked programs, and the durability measures computed from
 * them. The domain rules live here; every write runs in one transaction with its audit
 * entry. SQL is in queries.ts, the response shapes in presenters.ts.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Partnership, PartnershipInput } from '../../../shared/contracts/partnerships.ts';
import { todayInNtb } from '../../../shared/format.ts';
import {
  canMovePartnership,
  type PartnershipStatus,
  type PartyConfirmation,
} from '../../../shared/programs.ts';
import { assertKeyFree, updateWithVersion } from '../../db/guards.ts';
import type { DB } from '../../db/types.ts';
import { AppError, type ErrorDetail } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { canAnswerForOrganisation } from '../../policies/organisations.ts';
import { canLinkProgram } from '../../policies/partnerships.ts';
import { type AuditContext, recordAudit } from '../audit/record-audit.ts';
import { findVisibleOrganisation } from '../organisations/queries.ts';
import { durabilityByAgreement, NO_DURABILITY, organisationDurability } from './durability.ts';
import { presentPartnership, presentPartnershipSummary } from './presenters.ts';
import {
  deletePartnershipRow,
  findParty,
  findVisiblePartnership,
  findVisibleRenewalTarget,
  hiddenProgramLinks,
  insertPartnership,
  isRenewed,
  isVisibleAndEditable,
  listVisiblePartnerships,
  loadAgreementGraph,
  nameableOrganisations,
  type PartnershipFilter,
  partiesOf,
  partnershipColumns,
  renewedBy,
  replaceLinks,
  type StoredParty,
  setPartyConfirmation,
  storedLinks,
  visibleAgreementIdsOf,
  visibleAgreementsAmong,
  visibleLinkedPrograms,
  visibleProgramsForLinking,
} from './queries.ts';

type PartnershipFields = Omit<PartnershipInput, 'status'>;
type PartyInput = PartnershipFields['parties'][number];

/** What the agreement holds before an update: references kept as they are need no new rights. */
interface CurrentLinks {
  id: string;
  renewsId: string | null;
  programIds: ReadonlySet<string>;
  parties: ReadonlyMap<string, StoredParty>;
}

/** Detail codes of references the actor may see but not use: 403 PARTNERSHIP_LINK_FORBIDDEN, not 400. */
const REFUSED_REFERENCES = new Set(['not_editable', 'not_linkable', 'not_unlinkable']);

/**
 * Checks the input's references against the database. Organisations, agreements and
 * programs that do not exist or that the actor cannot see are unknown to them, as
 * everywhere (`unknown_*`, 400). An agreement they may see but not change, renewed, and a
 * program they may see but not link, linked or unlinked, are refused (`not_*`, 403). Only
 * what the request changes is checked: what the agreement already holds is kept as it is.
 */
async function referenceProblems(
  trx: Kysely<DB>,
  actor: Actor,
  input: PartnershipFields,
  current?: CurrentLinks,
): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  // A newly named party must be an organisation the actor can see; a kept one stays.
  const known = await nameableOrganisations(
    trx,
    actor,
    [...new Set(input.parties.map((p) => p.organisationId))],
    [...(current?.parties.keys() ?? [])],
  );
  input.parties.forEach((p, i) => {
    if (!known.has(p.organisationId))
      problems.push({
        path: `body.parties.${i}.organisationId`,
        message: 'unknown organisation',
        code: 'unknown_organisation',
      });
  });
  problems.push(...(await renewalProblems(trx, actor, input.renewsId ?? null, current)));
  problems.push(...(await programLinkProblems(trx, actor, input.programIds, current)));
  return problems;
}

/** The agreement renewed must be visible, the actor's to change (unless kept) and not make a cycle. */
async function renewalProblems(
  trx: Kysely<DB>,
  actor: Actor,
  renewsId: string | null,
  current?: CurrentLinks,
): Promise<ErrorDetail[]> {
  if (!renewsId) return [];
  const selfId = current?.id;
  if (renewsId === selfId)
    return [{ path: 'body.renewsId', message: 'an agreement cannot renew itself', code: 'invalid_renewal' }];
  const renewed = await findVisibleRenewalTarget(trx, actor, renewsId);
  if (!renewed)
    return [{ path: 'body.renewsId', message: 'unknown partnership', code: 'unknown_partnership' }];
  // Renewing joins the other agreement's chain and changes its parties' durability
  // figures, so it takes the right to change that agreement (unless it was already so).
  if (renewsId !== current?.renewsId && !renewed.may_edit)
    return [
      {
        path: 'body.renewsId',
        message: 'you may not change the agreement this one would renew',
        code: 'not_editable',
      },
    ];
  if (selfId) {
    // Walking up from the renewed agreement must not reach this one (a cycle).
    let ancestor: string | null = renewed.renews_id;
    for (let depth = 0; ancestor && depth < 100; depth++) {
      if (ancestor === selfId)
        return [
          { path: 'body.renewsId', message: 'this would make a renewal cycle', code: 'invalid_renewal' },
        ];
      ancestor = await renewedBy(trx, ancestor);
    }
  }
  return [];
}

/**
 * A program added must be visible and the actor's to link; a visible program whose link the
 * request removes must be the actor's to link too (it leaves the agreement's figures).
 * Links to programs hidden from the actor are kept by the caller, never checked here.
 */
async function programLinkProblems(
  trx: Kysely<DB>,
  actor: Actor,
  programIds: readonly string[],
  current?: CurrentLinks,
): Promise<ErrorDetail[]> {
  const added = programIds.filter((id) => !current?.programIds.has(id));
  const removed = [...(current?.programIds ?? [])].filter((id) => !programIds.includes(id));
  if (added.length === 0 && removed.length === 0) return [];
  const visible = await visibleProgramsForLinking(trx, actor, [...new Set([...added, ...removed])]);
  const mayLink = (program: { owner_org_id: string; partners: string[]; villages: string[] }) =>
    canLinkProgram(actor, {
      ownerOrgId: program.owner_org_id,
      partnerOrgIds: program.partners,
      villageCodes: program.villages,
    });
  const problems: ErrorDetail[] = [];
  programIds.forEach((id, i) => {
    if (current?.programIds.has(id)) return;
    const program = visible.get(id);
    if (!program)
      problems.push({ path: `body.programIds.${i}`, message: 'unknown program', code: 'unknown_program' });
    else if (!mayLink(program))
      problems.push({
        path: `body.programIds.${i}`,
        message: 'you may not link this program',
        code: 'not_linkable',
      });
  });
  for (const id of removed) {
    const program = visible.get(id);
    if (program && !mayLink(program))
      problems.push({
        path: 'body.programIds',
        message: `you may not remove the link to program ${id}`,
        code: 'not_unlinkable',
      });
  }
  return problems;
}

/**
 * Refuses the request when a reference is unknown (400) or not the actor's to use (403);
 * gives the parties' seats, which decide who answers for them.
 */
async function checkReferences(
  trx: Kysely<DB>,
  actor: Actor,
  input: PartnershipFields,
  current?: CurrentLinks,
): Promise<Map<string, string>> {
  const details = await referenceProblems(trx, actor, input, current);
  const refused = details.filter((d) => REFUSED_REFERENCES.has(d.code ?? ''));
  const unknown = details.filter((d) => !REFUSED_REFERENCES.has(d.code ?? ''));
  if (unknown.length) throw new AppError('VALIDATION_FAILED', undefined, unknown);
  if (refused.length) throw new AppError('PARTNERSHIP_LINK_FORBIDDEN', undefined, refused);
  return nameableOrganisations(
    trx,
    actor,
    input.parties.map((p) => p.organisationId),
    [...(current?.parties.keys() ?? [])],
  );
}

const sameTerms = (stored: StoredParty, p: PartyInput) =>
  stored.role === p.role &&
  stored.commitment_money === (p.commitmentMoney ?? null) &&
  stored.commitment_in_kind === (p.commitmentInKind ?? null) &&
  stored.commitment_expertise === (p.commitmentExpertise ?? null) &&
  stored.commitment_months === (p.commitmentMonths ?? null);

/**
 * Each party's confirmation after a write (docs/partnerships.md): a party kept with the
 * same role and commitments keeps its answer; a party added, or whose terms changed, is
 * confirmed when the actor may answer for that organisation (their own, or one a
 * coordinator covers) and invited otherwise.
 */
function confirmationsOf(
  actor: Actor,
  parties: readonly PartyInput[],
  seats: ReadonlyMap<string, string>,
  current?: CurrentLinks,
): Map<string, PartyConfirmation> {
  return new Map(
    parties.map((p) => {
      const stored = current?.parties.get(p.organisationId);
      if (stored && sameTerms(stored, p)) return [p.organisationId, stored.confirmation];
      const mayAnswer = canAnswerForOrganisation(actor, {
        id: p.organisationId,
        areaCode: seats.get(p.organisationId) ?? '',
      });
      return [p.organisationId, mayAnswer ? 'confirmed' : 'invited'];
    }),
  );
}

/**
 * After a create or update, inside its transaction: the agreement as written must be one
 * the actor may see and change, by the same SQL rule as every other read and write. An
 * area-scoped coordinator thus records only agreements in their area, and an editor
 * cannot hand an agreement over to organisations they do not act for. Throwing rolls the
 * whole write back.
 */
async function assertActorKeepsIt(trx: Kysely<DB>, actor: Actor, id: string, message: string) {
  if (!(await isVisibleAndEditable(trx, actor, id))) throw new AppError('FORBIDDEN', message);
}

const auditSnapshot = (
  input: PartnershipFields,
  status: string,
  confirmations: ReadonlyMap<string, PartyConfirmation>,
) => ({
  ...input,
  status,
  parties: [...input.parties]
    .sort((a, b) => a.organisationId.localeCompare(b.organisationId))
    .map((p) => ({ ...p, confirmation: confirmations.get(p.organisationId) })),
  programIds: [...new Set(input.programIds)].sort(),
});

/** The organisation recorded as creating the agreement: the actor's own among the parties, if any. */
function creatingOrganisation(actor: Actor, input: PartnershipInput): string | null {
  if (actor.kind !== 'user') return null;
  return (
    actor.memberships.find((m) => input.parties.some((p) => p.organisationId === m.organisationId))
      ?.organisationId ??
    actor.memberships[0]?.organisationId ??
    null
  );
}

export async function createPartnership(
  db: Kysely<DB>,
  actor: Actor,
  input: PartnershipInput,
  context: AuditContext,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const seats = await checkReferences(trx, actor, input);
    const key =
      input.key ?? `kmt-${(input.startsOn ?? todayInNtb()).slice(0, 4)}-${randomBytes(5).toString('hex')}`;
    await assertKeyFree(trx, 'partnerships', key, 'PARTNERSHIP_KEY_TAKEN');
    const id = await insertPartnership(trx, { ...input, key }, creatingOrganisation(actor, input));
    const confirmations = confirmationsOf(actor, input.parties, seats);
    await replaceLinks(trx, id, input, confirmations);
    await assertActorKeepsIt(
      trx,
      actor,
      id,
      'Only editors of a party, coordinators of its area and administrators record partnerships',
    );
    await recordAudit(trx, context, {
      action: 'create',
      entityType: 'partnership',
      entityId: id,
      after: auditSnapshot({ ...input, key }, input.status, confirmations),
    });
    return id;
  });
}

/**
 * The agreement for a write: not found when the actor may not see it (a 403 or 409 would
 * confirm that it exists), 409 on a stale version, 403 when they may see but not change it.
 */
async function editable(trx: Kysely<DB>, actor: Actor, id: string, version: number) {
  const row = await findVisiblePartnership(trx, actor, id);
  if (!row) throw new AppError('PARTNERSHIP_NOT_FOUND');
  if (row.version !== version) throw new AppError('VERSION_CONFLICT');
  if (!row.may_edit) {
    throw new AppError(
      'FORBIDDEN',
      'Only editors of a confirmed party, coordinators of its area and administrators change a partnership',
    );
  }
  return row;
}

async function currentLinks(trx: Kysely<DB>, id: string, renewsId: string | null): Promise<CurrentLinks> {
  const stored = await storedLinks(trx, id);
  return {
    id,
    renewsId,
    programIds: new Set(stored.programIds),
    parties: new Map(stored.parties.map((p) => [p.organisation_id, p])),
  };
}

export async function updatePartnership(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  input: Omit<PartnershipInput, 'status'> & { version: number },
  context: AuditContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await editable(trx, actor, id, input.version);
    const { version: _version, ...fields } = input;
    // The form sends the programs the editor can see; links to programs hidden from them
    // (another organisation's drafts, or outside their area) are kept, not dropped unseen.
    const hiddenLinks = await hiddenProgramLinks(trx, actor, id);
    const next = {
      ...fields,
      key: input.key ?? row.key,
      programIds: [...new Set([...fields.programIds, ...hiddenLinks])],
    };
    const current = await currentLinks(trx, id, row.renews_id);
    const seats = await checkReferences(trx, actor, { ...next, programIds: fields.programIds }, current);
    if (next.key !== row.key) await assertKeyFree(trx, 'partnerships', next.key, 'PARTNERSHIP_KEY_TAKEN');
    await updateWithVersion(trx, 'partnerships', id, row.version, {
      key: next.key,
      ...partnershipColumns(next),
    });
    const confirmations = confirmationsOf(actor, next.parties, seats, current);
    await replaceLinks(trx, id, next, confirmations);
    await assertActorKeepsIt(
      trx,
      actor,
      id,
      'You may only record partnerships your organisation (or your area) is a party to',
    );
    await recordAudit(trx, context, {
      action: 'update',
      entityType: 'partnership',
      entityId: id,
      before: { version: row.version, status: row.status, title: row.title },
      after: auditSnapshot(next, row.status, confirmations),
    });
  });
}

/**
 * A named party answers: it confirms (it takes part, and counts in the durability
 * figures from now on) or declines (it stays listed as having declined). Its own
 * administrators and editors, a coordinator of its area or a platform administrator
 * answer for it; the same answer twice changes nothing.
 */
export async function answerForParty(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  organisationId: string,
  answer: { confirmation: Exclude<PartyConfirmation, 'invited'>; version: number },
  context: AuditContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await findVisiblePartnership(trx, actor, id);
    if (!row) throw new AppError('PARTNERSHIP_NOT_FOUND');
    const party = await findParty(trx, id, organisationId);
    if (!party) throw new AppError('PARTNERSHIP_PARTY_NOT_FOUND');
    if (!canAnswerForOrganisation(actor, { id: organisationId, areaCode: party.area_code })) {
      throw new AppError(
        'FORBIDDEN',
        'Only the organisation itself, a coordinator of its area or an administrator answers for a party',
      );
    }
    if (row.version !== answer.version) throw new AppError('VERSION_CONFLICT');
    if (party.confirmation === answer.confirmation) return;
    // The answer changes the agreement (its figures), so it raises the agreement's version.
    await updateWithVersion(trx, 'partnerships', id, row.version, {});
    await setPartyConfirmation(trx, id, organisationId, answer.confirmation);
    await recordAudit(trx, context, {
      action: answer.confirmation === 'confirmed' ? 'confirm_party' : 'decline_party',
      entityType: 'partnership',
      entityId: id,
      before: { organisationId, confirmation: party.confirmation },
      after: { organisationId, confirmation: answer.confirmation },
    });
  });
}

export async function changePartnershipStatus(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  change: { status: PartnershipStatus; on?: string | undefined; version: number },
  context: AuditContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await editable(trx, actor, id, change.version);
    if (!canMovePartnership(row.status, change.status)) {
      throw new AppError(
        'PARTNERSHIP_STATUS_TRANSITION',
        `A ${row.status} partnership cannot become ${change.status}`,
        [{ path: 'body.status', message: `not allowed from ${row.status}`, code: 'transition' }],
      );
    }
    if (row.status === change.status) return;
    const on = change.on ?? todayInNtb();
    // Signing records the signature date; ending early records the termination date;
    // expiry keeps the agreed end date, or sets it when none was agreed.
    const dates =
      change.status === 'signed'
        ? { signed_on: row.signed_on ?? on }
        : change.status === 'active'
          ? { signed_on: row.signed_on ?? on, starts_on: row.starts_on ?? on }
          : change.status === 'terminated'
            ? { terminated_on: on }
            : { ends_on: row.ends_on ?? on };
    await updateWithVersion(trx, 'partnerships', id, row.version, { status: change.status, ...dates });
    await recordAudit(trx, context, {
      action: 'status',
      entityType: 'partnership',
      entityId: id,
      before: { status: row.status },
      after: { status: change.status, on },
    });
  });
}

export async function deletePartnership(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  version: number,
  context: AuditContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await editable(trx, actor, id, version);
    if (row.status !== 'draft') throw new AppError('PARTNERSHIP_DELETE_NOT_ALLOWED');
    if (await isRenewed(trx, id))
      throw new AppError('PARTNERSHIP_DELETE_NOT_ALLOWED', 'Another agreement renews this one');
    await deletePartnershipRow(trx, id);
    await recordAudit(trx, context, {
      action: 'delete',
      entityType: 'partnership',
      entityId: id,
      before: { title: row.title, status: row.status, key: row.key },
    });
  });
}

export async function getPartnership(db: Kysely<DB>, actor: Actor, id: string): Promise<Partnership> {
  const row = await findVisiblePartnership(db, actor, id);
  if (!row) throw new AppError('PARTNERSHIP_NOT_FOUND');
  const [parties, programs, graph] = await Promise.all([
    partiesOf(db, [id]),
    visibleLinkedPrograms(db, actor, id),
    loadAgreementGraph(db),
  ]);
  const measures = durabilityByAgreement(graph, todayInNtb()).get(id) ?? NO_DURABILITY;
  const chainIds = measures.chain.length ? measures.chain : [id];
  // Agreements of the chain the reader may not see (outside their area) are not named.
  const chain = await visibleAgreementsAmong(db, actor, chainIds);
  const order = new Map(chainIds.map((c, i) => [c, i]));
  chain.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return presentPartnership(actor, row, { parties, programs, chain, measures });
}

export async function listPartnerships(
  db: Kysely<DB>,
  actor: Actor,
  query: PartnershipFilter & { limit: number; offset: number; longTerm?: 'true' | 'false' | undefined },
) {
  const graph = await loadAgreementGraph(db);
  const measures = durabilityByAgreement(graph, todayInNtb());
  let rows = await listVisiblePartnerships(db, actor, query);
  // The long-term filter depends on computed measures, so it is applied after the query;
  // the whole registry is a few hundred agreements.
  if (query.longTerm)
    rows = rows.filter((r) => String(measures.get(r.id)?.longTerm ?? false) === query.longTerm);
  const page = rows.slice(query.offset, query.offset + query.limit);
  const parties = await partiesOf(
    db,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) =>
      presentPartnershipSummary(
        actor,
        r,
        parties.filter((p) => p.partnership_id === r.id),
        measures.get(r.id) ?? NO_DURABILITY,
      ),
    ),
    page: { limit: query.limit, offset: query.offset, total: rows.length },
  };
}

/**
 * Visible exactly where GET /api/organisations/:id is: a hidden organisation is not found
 * here either. Only the collaborations the reader can see at least one agreement of count.
 */
export async function durabilityOfOrganisation(db: Kysely<DB>, actor: Actor, organisationId: string) {
  const org = await findVisibleOrganisation(db, actor, organisationId);
  if (!org) throw new AppError('ORGANISATION_NOT_FOUND');
  const [graph, seen] = await Promise.all([
    loadAgreementGraph(db),
    visibleAgreementIdsOf(db, actor, organisationId),
  ]);
  return {
    organisationId,
    ...organisationDurability(organisationId, graph.agreements, graph.programs, todayInNtb(), seen),
  };
}
