/**
 * Partnerships (Kemitraan): agreements between two or more organisations, with a
 * lifecycle, renewals and linked programs, and the durability measures computed from
 * them. Each write runs in one transaction with its audit entry.
 */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DocumentLink, Partnership, PartnershipInput } from '../../../shared/contracts/programs.ts';
import { todayInNtb } from '../../../shared/format.ts';
import {
  canMovePartnership,
  type PartnershipStatus,
  type PartyConfirmation,
} from '../../../shared/programs.ts';
import type { OrganisationType } from '../../../shared/roles.ts';
import type { DB } from '../../db/types.ts';
import { AppError, type ErrorDetail } from '../../errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { canAnswerForOrganisation } from '../../policies/organisations.ts';
import { canLinkProgram, partnershipEditRights, programVisibility } from '../../policies/programs.ts';
import { escapeLike } from '../../policies/scope-filter.ts';
import { type AuditContext, recordAudit, withAudit } from '../audit/record-audit.ts';
import { presentOrganisationRef } from '../organisations/names.ts';
import { findVisibleOrganisation, visibleTo } from '../organisations/queries.ts';
import { visibleProgram } from '../programs/queries.ts';
import {
  type Agreement,
  type ChainDurability,
  chainDurability,
  type LinkedProgram,
  organisationDurability,
  renewalChains,
} from './durability.ts';
import { editablePartnership, type PartnershipEB, visiblePartnership } from './queries.ts';

/** Every agreement with its parties and program links, and the linked programs: the durability inputs. */
export async function loadAgreementGraph(db: Kysely<DB>) {
  const [agreements, parties, links] = await Promise.all([
    db
      .selectFrom('partnerships')
      .select(['id', 'renews_id', 'status', 'signed_on', 'starts_on', 'ends_on', 'terminated_on'])
      .execute(),
    db
      .selectFrom('partnership_parties as pp')
      .innerJoin('organisations as o', 'o.id', 'pp.organisation_id')
      .select(['pp.partnership_id', 'pp.organisation_id', 'pp.confirmation', 'o.type'])
      .execute(),
    db.selectFrom('partnership_programs').select(['partnership_id', 'program_id']).execute(),
  ]);
  const programIds = [...new Set(links.map((l) => l.program_id))];
  const programs = new Map<string, LinkedProgram>();
  for (let i = 0; i < programIds.length; i += 5_000) {
    const slice = programIds.slice(i, i + 5_000);
    const [rows, villages] = await Promise.all([
      db
        .selectFrom('programs')
        .select(['id', 'status', 'period_start', 'period_end'])
        .where('id', 'in', slice)
        .execute(),
      db
        .selectFrom('program_villages')
        .select(['program_id', 'village_code'])
        .where('program_id', 'in', slice)
        .execute(),
    ]);
    for (const r of rows)
      programs.set(r.id, {
        id: r.id,
        status: r.status,
        periodStart: r.period_start,
        periodEnd: r.period_end,
        villageCodes: [],
      });
    for (const v of villages) programs.get(v.program_id)?.villageCodes.push(v.village_code);
  }
  const partiesBy = new Map<string, Agreement['parties']>();
  for (const p of parties) {
    const list = partiesBy.get(p.partnership_id) ?? [];
    list.push({
      organisationId: p.organisation_id,
      type: p.type as OrganisationType,
      confirmed: p.confirmation === 'confirmed',
    });
    partiesBy.set(p.partnership_id, list);
  }
  const linksBy = new Map<string, string[]>();
  for (const l of links) {
    const list = linksBy.get(l.partnership_id) ?? [];
    list.push(l.program_id);
    linksBy.set(l.partnership_id, list);
  }
  const all: Agreement[] = agreements.map((a) => ({
    id: a.id,
    renewsId: a.renews_id,
    status: a.status,
    signedOn: a.signed_on,
    startsOn: a.starts_on,
    endsOn: a.ends_on,
    terminatedOn: a.terminated_on,
    parties: partiesBy.get(a.id) ?? [],
    programIds: linksBy.get(a.id) ?? [],
  }));
  return { agreements: all, programs };
}

/** For an agreement created after the graph was read (a concurrent write): no measures yet. */
const NO_DURABILITY: ChainDurability & { chain: string[] } = {
  ageYears: 0,
  renewals: 0,
  repeatVillages: 0,
  sameVillagesAcrossYears: false,
  linkedPrograms: 0,
  sectors: [],
  longTerm: false,
  chain: [],
};

/** Durability of the chain each agreement belongs to, by agreement id (drafts: their own one-agreement measures). */
export function durabilityByAgreement(
  graph: Awaited<ReturnType<typeof loadAgreementGraph>>,
  today: string,
): Map<string, ChainDurability & { chain: string[] }> {
  const result = new Map<string, ChainDurability & { chain: string[] }>();
  for (const chain of renewalChains(graph.agreements)) {
    const measures = { ...chainDurability(chain, graph.programs, today), chain: chain.map((a) => a.id) };
    for (const a of chain) result.set(a.id, measures);
  }
  for (const a of graph.agreements) {
    if (!result.has(a.id)) {
      result.set(a.id, {
        ...chainDurability([{ ...a }], graph.programs, today),
        chain: [a.id],
      });
    }
  }
  return result;
}

/** Visible exactly where GET /api/organisations/:id is: a hidden organisation is not found here either. */
export async function durabilityOfOrganisation(db: Kysely<DB>, actor: Actor, organisationId: string) {
  const org = await findVisibleOrganisation(db, actor, organisationId);
  if (!org) throw new AppError('ORGANISATION_NOT_FOUND');
  const graph = await loadAgreementGraph(db);
  return {
    organisationId,
    ...organisationDurability(organisationId, graph.agreements, graph.programs, todayInNtb()),
  };
}

/** Whether the actor may change the row, as a selected boolean column. */
const mayEdit = <A extends string>(eb: PartnershipEB, actor: Actor, alias: A) =>
  sql<boolean>`${editablePartnership(eb, partnershipEditRights(actor))}`.as(alias);

type PartnershipFields = Omit<PartnershipInput, 'status'>;
type PartyInput = PartnershipFields['parties'][number];

/** What the agreement holds before an update: references kept as they are need no new rights. */
interface CurrentLinks {
  id: string;
  renewsId: string | null;
  programIds: ReadonlySet<string>;
  parties: ReadonlyMap<string, StoredParty>;
}

interface StoredParty {
  organisation_id: string;
  role: PartyInput['role'];
  commitment_money: number | null;
  commitment_in_kind: string | null;
  commitment_expertise: string | null;
  commitment_months: number | null;
  confirmation: PartyConfirmation;
}

/**
 * References the actor may not use. `problems` (400): organisations, agreements and
 * programs that do not exist or that the actor cannot see (unknown to them, as
 * everywhere). `forbidden` (403 PARTNERSHIP_LINK_FORBIDDEN): an agreement they may see
 * but not change, renewed; a program they may see but not link. Only what the request
 * adds is checked: what the agreement already holds is kept as it is.
 */
async function problemsOf(trx: Kysely<DB>, actor: Actor, input: PartnershipFields, current?: CurrentLinks) {
  const problems: ErrorDetail[] = [];
  const forbidden: ErrorDetail[] = [];
  const orgIds = [...new Set(input.parties.map((p) => p.organisationId))];
  // A newly named party must be an organisation the actor can see; a kept one stays.
  const known = new Map(
    (
      await trx
        .selectFrom('organisations as o')
        .select(['o.id', 'o.area_code'])
        .where('o.id', 'in', orgIds)
        .where((eb) =>
          current?.parties.size
            ? eb.or([visibleTo(actor)(eb), eb('o.id', 'in', [...current.parties.keys()])])
            : visibleTo(actor)(eb),
        )
        .execute()
    ).map((o) => [o.id, o.area_code]),
  );
  input.parties.forEach((p, i) => {
    if (!known.has(p.organisationId))
      problems.push({
        path: `body.parties.${i}.organisationId`,
        message: 'unknown organisation',
        code: 'unknown_organisation',
      });
  });
  const selfId = current?.id;
  if (input.renewsId && input.renewsId === selfId) {
    problems.push({
      path: 'body.renewsId',
      message: 'an agreement cannot renew itself',
      code: 'invalid_renewal',
    });
  } else if (input.renewsId) {
    const renewed = await trx
      .selectFrom('partnerships as k')
      .select((eb) => ['k.id', 'k.renews_id', mayEdit(eb as PartnershipEB, actor, 'editable')])
      .where('k.id', '=', input.renewsId)
      .where((eb) => visiblePartnership(eb as PartnershipEB, programVisibility(actor)))
      .executeTakeFirst();
    // Renewing joins the other agreement's chain and changes its parties' durability
    // figures, so it takes the right to change that agreement (unless it was already so).
    if (!renewed)
      problems.push({ path: 'body.renewsId', message: 'unknown partnership', code: 'unknown_partnership' });
    else if (input.renewsId !== current?.renewsId && !renewed.editable)
      forbidden.push({
        path: 'body.renewsId',
        message: 'you may not change the agreement this one would renew',
        code: 'not_editable',
      });
    else if (selfId) {
      // Walking up from the renewed agreement must not reach this one (a cycle).
      let current: string | null = renewed.renews_id;
      for (let depth = 0; current && depth < 100; depth++) {
        if (current === selfId) {
          problems.push({
            path: 'body.renewsId',
            message: 'this would make a renewal cycle',
            code: 'invalid_renewal',
          });
          break;
        }
        const next: { renews_id: string | null } | undefined = await trx
          .selectFrom('partnerships')
          .select('renews_id')
          .where('id', '=', current)
          .executeTakeFirst();
        current = next?.renews_id ?? null;
      }
    }
  }
  const added = input.programIds.filter((id) => !current?.programIds.has(id));
  if (added.length) {
    const visible = new Map(
      (
        await trx
          .selectFrom('programs as p')
          .select([
            'p.id',
            'p.owner_org_id',
            sql<
              string[]
            >`array(select pv.village_code from program_villages pv where pv.program_id = p.id)`.as(
              'villages',
            ),
            sql<
              string[]
            >`array(select pr.organisation_id from program_partners pr where pr.program_id = p.id)`.as(
              'partners',
            ),
          ])
          .where('p.id', 'in', added)
          .where((eb) => visibleProgram(eb as never, programVisibility(actor)))
          .execute()
      ).map((p) => [p.id, p]),
    );
    input.programIds.forEach((id, i) => {
      if (current?.programIds.has(id)) return;
      const program = visible.get(id);
      if (!program)
        problems.push({ path: `body.programIds.${i}`, message: 'unknown program', code: 'unknown_program' });
      else if (
        !canLinkProgram(actor, {
          ownerOrgId: program.owner_org_id,
          partnerOrgIds: program.partners,
          villageCodes: program.villages,
        })
      )
        forbidden.push({
          path: `body.programIds.${i}`,
          message: 'you may not link this program',
          code: 'not_linkable',
        });
    });
  }
  return { problems, forbidden, seats: known };
}

/** Refuses the request when a reference is unknown (400) or not the actor's to use (403). */
async function checkReferences(
  trx: Kysely<DB>,
  actor: Actor,
  input: PartnershipFields,
  current?: CurrentLinks,
) {
  const { problems, forbidden, seats } = await problemsOf(trx, actor, input, current);
  if (problems.length) throw new AppError('VALIDATION_FAILED', undefined, problems);
  if (forbidden.length) throw new AppError('PARTNERSHIP_LINK_FORBIDDEN', undefined, forbidden);
  return seats;
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

function columnsOf(input: PartnershipFields) {
  return {
    title: input.title,
    description: input.description ?? null,
    agreement_type: input.agreementType,
    agreement_number: input.agreementNumber ?? null,
    signed_on: input.signedOn ?? null,
    starts_on: input.startsOn ?? null,
    ends_on: input.endsOn ?? null,
    renews_id: input.renewsId ?? null,
    documents: JSON.stringify(input.documents),
  };
}

async function writeLinks(
  trx: Kysely<DB>,
  id: string,
  input: PartnershipFields,
  confirmations: ReadonlyMap<string, PartyConfirmation>,
) {
  await trx.deleteFrom('partnership_parties').where('partnership_id', '=', id).execute();
  await trx.deleteFrom('partnership_programs').where('partnership_id', '=', id).execute();
  await trx
    .insertInto('partnership_parties')
    .values(
      input.parties.map((p) => ({
        partnership_id: id,
        organisation_id: p.organisationId,
        role: p.role,
        commitment_money: p.commitmentMoney ?? null,
        commitment_in_kind: p.commitmentInKind ?? null,
        commitment_expertise: p.commitmentExpertise ?? null,
        commitment_months: p.commitmentMonths ?? null,
        confirmation: confirmations.get(p.organisationId) ?? 'invited',
      })),
    )
    .execute();
  const programIds = [...new Set(input.programIds)];
  if (programIds.length)
    await trx
      .insertInto('partnership_programs')
      .values(programIds.map((program_id) => ({ partnership_id: id, program_id })))
      .execute();
}

/**
 * After a create or update, inside its transaction: the agreement as written must be one
 * the actor may see and change, by the same SQL rule as every other read and write. An
 * area-scoped coordinator thus records only agreements in their area, and an editor
 * cannot hand an agreement over to organisations they do not act for. Throwing rolls the
 * whole write back.
 */
async function assertActorKeepsIt(trx: Kysely<DB>, actor: Actor, id: string, message: string) {
  const row = await trx
    .selectFrom('partnerships as k')
    .select('k.id')
    .where('k.id', '=', id)
    .where((eb) => visiblePartnership(eb as PartnershipEB, programVisibility(actor)))
    .where((eb) => editablePartnership(eb as PartnershipEB, partnershipEditRights(actor)))
    .executeTakeFirst();
  if (!row) throw new AppError('FORBIDDEN', message);
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

export async function createPartnership(
  db: Kysely<DB>,
  actor: Actor,
  input: PartnershipInput,
  context: AuditContext,
): Promise<string> {
  return withAudit(db, context, async (trx) => {
    const seats = await checkReferences(trx, actor, input);
    const key =
      input.key ?? `kmt-${(input.startsOn ?? todayInNtb()).slice(0, 4)}-${randomBytes(5).toString('hex')}`;
    const taken = await trx.selectFrom('partnerships').select('id').where('key', '=', key).executeTakeFirst();
    if (taken)
      throw new AppError('PARTNERSHIP_KEY_TAKEN', undefined, [
        { path: 'body.key', message: 'already in use' },
      ]);
    const createdBy =
      actor.kind === 'user'
        ? (actor.memberships.find((m) => input.parties.some((p) => p.organisationId === m.organisationId))
            ?.organisationId ??
          actor.memberships[0]?.organisationId ??
          null)
        : null;
    const { id } = await trx
      .insertInto('partnerships')
      .values({ key, ...columnsOf(input), status: input.status, created_by_org_id: createdBy })
      .returning('id')
      .executeTakeFirstOrThrow();
    const confirmations = confirmationsOf(actor, input.parties, seats);
    await writeLinks(trx, id, input, confirmations);
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
  const row = await trx
    .selectFrom('partnerships as k')
    .selectAll('k')
    .select((eb) => mayEdit(eb as PartnershipEB, actor, 'may_edit'))
    .where('k.id', '=', id)
    .where((eb) => visiblePartnership(eb as PartnershipEB, programVisibility(actor)))
    .executeTakeFirst();
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

/** Programs linked to the agreement that the actor cannot see. */
async function hiddenProgramLinks(trx: Kysely<DB>, actor: Actor, id: string): Promise<string[]> {
  const linked = trx
    .selectFrom('partnership_programs as l')
    .innerJoin('programs as p', 'p.id', 'l.program_id')
    .select('p.id')
    .where('l.partnership_id', '=', id);
  const all = await linked.execute();
  const visible = await linked.where((eb) => visibleProgram(eb as never, programVisibility(actor))).execute();
  const seen = new Set(visible.map((p) => p.id));
  return all.map((p) => p.id).filter((programId) => !seen.has(programId));
}

async function currentLinks(trx: Kysely<DB>, id: string, renewsId: string | null): Promise<CurrentLinks> {
  const [parties, programs] = await Promise.all([
    trx
      .selectFrom('partnership_parties')
      .select([
        'organisation_id',
        'role',
        'commitment_money',
        'commitment_in_kind',
        'commitment_expertise',
        'commitment_months',
        'confirmation',
      ])
      .where('partnership_id', '=', id)
      .execute(),
    trx.selectFrom('partnership_programs').select('program_id').where('partnership_id', '=', id).execute(),
  ]);
  return {
    id,
    renewsId,
    programIds: new Set(programs.map((p) => p.program_id)),
    parties: new Map(parties.map((p) => [p.organisation_id, p])),
  };
}

export async function updatePartnership(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  input: Omit<PartnershipInput, 'status'> & { version: number },
  context: AuditContext,
): Promise<void> {
  await withAudit(db, context, async (trx) => {
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
    if (next.key !== row.key) {
      const taken = await trx
        .selectFrom('partnerships')
        .select('id')
        .where('key', '=', next.key)
        .executeTakeFirst();
      if (taken)
        throw new AppError('PARTNERSHIP_KEY_TAKEN', undefined, [
          { path: 'body.key', message: 'already in use' },
        ]);
    }
    const updated = await trx
      .updateTable('partnerships')
      .set({ key: next.key, ...columnsOf(next), version: row.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new AppError('VERSION_CONFLICT');
    const confirmations = confirmationsOf(actor, next.parties, seats, current);
    await writeLinks(trx, id, next, confirmations);
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
  await withAudit(db, context, async (trx) => {
    const row = await trx
      .selectFrom('partnerships as k')
      .select(['k.id', 'k.version'])
      .where('k.id', '=', id)
      .where((eb) => visiblePartnership(eb as PartnershipEB, programVisibility(actor)))
      .executeTakeFirst();
    if (!row) throw new AppError('PARTNERSHIP_NOT_FOUND');
    const party = await trx
      .selectFrom('partnership_parties as pp')
      .innerJoin('organisations as o', 'o.id', 'pp.organisation_id')
      .select(['pp.confirmation', 'o.area_code'])
      .where('pp.partnership_id', '=', id)
      .where('pp.organisation_id', '=', organisationId)
      .executeTakeFirst();
    if (!party) throw new AppError('PARTNERSHIP_PARTY_NOT_FOUND');
    if (!canAnswerForOrganisation(actor, { id: organisationId, areaCode: party.area_code })) {
      throw new AppError(
        'FORBIDDEN',
        'Only the organisation itself, a coordinator of its area or an administrator answers for a party',
      );
    }
    if (row.version !== answer.version) throw new AppError('VERSION_CONFLICT');
    if (party.confirmation === answer.confirmation) return;
    const updated = await trx
      .updateTable('partnerships')
      .set({ version: row.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new AppError('VERSION_CONFLICT');
    await trx
      .updateTable('partnership_parties')
      .set({ confirmation: answer.confirmation })
      .where('partnership_id', '=', id)
      .where('organisation_id', '=', organisationId)
      .execute();
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
  await withAudit(db, context, async (trx) => {
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
    await trx
      .updateTable('partnerships')
      .set({ status: change.status, ...dates, version: row.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
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
  await withAudit(db, context, async (trx) => {
    const row = await editable(trx, actor, id, version);
    if (row.status !== 'draft') throw new AppError('PARTNERSHIP_DELETE_NOT_ALLOWED');
    const renewedBy = await trx
      .selectFrom('partnerships')
      .select('id')
      .where('renews_id', '=', id)
      .executeTakeFirst();
    if (renewedBy) throw new AppError('PARTNERSHIP_DELETE_NOT_ALLOWED', 'Another agreement renews this one');
    await trx.deleteFrom('partnerships').where('id', '=', id).execute();
    await recordAudit(trx, context, {
      action: 'delete',
      entityType: 'partnership',
      entityId: id,
      before: { title: row.title, status: row.status, key: row.key },
    });
  });
}

export async function getPartnership(db: Kysely<DB>, actor: Actor, id: string): Promise<Partnership> {
  const visibility = programVisibility(actor);
  const row = await db
    .selectFrom('partnerships as k')
    .selectAll('k')
    .select((eb) => mayEdit(eb as PartnershipEB, actor, 'may_edit'))
    .where('k.id', '=', id)
    .where((eb) => visiblePartnership(eb as PartnershipEB, visibility))
    .executeTakeFirst();
  if (!row) throw new AppError('PARTNERSHIP_NOT_FOUND');
  const [parties, programs, graph] = await Promise.all([
    db
      .selectFrom('partnership_parties as pp')
      .innerJoin('organisations as o', 'o.id', 'pp.organisation_id')
      .select([
        'pp.organisation_id',
        'pp.role',
        'pp.commitment_money',
        'pp.commitment_in_kind',
        'pp.commitment_expertise',
        'pp.commitment_months',
        'pp.confirmation',
        'o.legal_name',
        'o.type',
        'o.area_code',
        'o.verification_status',
      ])
      .where('pp.partnership_id', '=', id)
      .orderBy('o.legal_name')
      .execute(),
    db
      .selectFrom('partnership_programs as l')
      .innerJoin('programs as p', 'p.id', 'l.program_id')
      .select(['p.id', 'p.title', 'p.status'])
      .where('l.partnership_id', '=', id)
      .where((eb) => visibleProgram(eb as never, visibility))
      .orderBy('p.title')
      .execute(),
    loadAgreementGraph(db),
  ]);
  const durability = durabilityByAgreement(graph, todayInNtb()).get(id);
  const chainIds = durability?.chain ?? [id];
  // Agreements of the chain the reader may not see (outside their area) are not named.
  const chain = await db
    .selectFrom('partnerships as k')
    .select(['k.id', 'k.title', 'k.status', 'k.starts_on'])
    .where('k.id', 'in', chainIds)
    .where((eb) => visiblePartnership(eb as PartnershipEB, visibility))
    .execute();
  const order = new Map(chainIds.map((c, i) => [c, i]));
  chain.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const { chain: _chain, ...measures } = durability ?? NO_DURABILITY;
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    agreementType: row.agreement_type,
    status: row.status,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    renewsId: row.renews_id,
    durability: measures,
    updatedAt: row.updated_at.toISOString(),
    description: row.description,
    agreementNumber: row.agreement_number,
    signedOn: row.signed_on,
    terminatedOn: row.terminated_on,
    parties: parties.map((p) => ({
      ...presentOrganisationRef(actor, { ...p, id: p.organisation_id, name: p.legal_name }),
      role: p.role,
      confirmation: p.confirmation,
      commitmentMoney: p.commitment_money,
      commitmentInKind: p.commitment_in_kind,
      commitmentExpertise: p.commitment_expertise,
      commitmentMonths: p.commitment_months,
      canRespond: canAnswerForOrganisation(actor, { id: p.organisation_id, areaCode: p.area_code }),
    })),
    programs,
    chain: chain.map((c) => ({ id: c.id, title: c.title, status: c.status, startsOn: c.starts_on })),
    documents: (row.documents as DocumentLink[]) ?? [],
    version: row.version,
    createdAt: row.created_at.toISOString(),
    canEdit: Boolean(row.may_edit),
  };
}

export async function listPartnerships(
  db: Kysely<DB>,
  actor: Actor,
  query: {
    limit: number;
    offset: number;
    organisationId?: string | undefined;
    status?: PartnershipStatus[] | undefined;
    agreementType?: string[] | undefined;
    q?: string | undefined;
    longTerm?: 'true' | 'false' | undefined;
  },
) {
  const graph = await loadAgreementGraph(db);
  const measures = durabilityByAgreement(graph, todayInNtb());
  const visibility = programVisibility(actor);
  let rows = await db
    .selectFrom('partnerships as k')
    .where((eb) => visiblePartnership(eb as PartnershipEB, visibility))
    .select([
      'k.id',
      'k.key',
      'k.title',
      'k.agreement_type',
      'k.status',
      'k.starts_on',
      'k.ends_on',
      'k.renews_id',
      'k.updated_at',
    ])
    .$if(Boolean(query.status?.length), (q) => q.where('k.status', 'in', query.status as PartnershipStatus[]))
    .$if(Boolean(query.agreementType?.length), (q) =>
      q.where('k.agreement_type', 'in', query.agreementType as never[]),
    )
    .$if(Boolean(query.q), (q) => q.where('k.title', 'ilike', `%${escapeLike(query.q as string)}%`))
    .$if(Boolean(query.organisationId), (q) =>
      q.where('k.id', 'in', (sub) =>
        sub
          .selectFrom('partnership_parties')
          .select('partnership_id')
          .where('organisation_id', '=', query.organisationId as string),
      ),
    )
    .orderBy('k.starts_on', (ob) => ob.desc().nullsLast())
    .orderBy('k.id')
    .execute();
  // The long-term filter depends on computed measures, so it is applied after the query;
  // the whole registry is a few hundred agreements.
  if (query.longTerm)
    rows = rows.filter((r) => String(measures.get(r.id)?.longTerm ?? false) === query.longTerm);
  const page = rows.slice(query.offset, query.offset + query.limit);
  const parties =
    page.length === 0
      ? []
      : await db
          .selectFrom('partnership_parties as pp')
          .innerJoin('organisations as o', 'o.id', 'pp.organisation_id')
          .select([
            'pp.partnership_id',
            'pp.organisation_id',
            'pp.role',
            'pp.confirmation',
            'o.legal_name',
            'o.type',
            'o.verification_status',
          ])
          .where(
            'pp.partnership_id',
            'in',
            page.map((r) => r.id),
          )
          .orderBy('o.legal_name')
          .execute();
  return {
    items: page.map((r) => {
      const { chain: _chain, ...durability } = measures.get(r.id) ?? NO_DURABILITY;
      return {
        id: r.id,
        key: r.key,
        title: r.title,
        agreementType: r.agreement_type,
        status: r.status,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        renewsId: r.renews_id,
        parties: parties
          .filter((p) => p.partnership_id === r.id)
          .map((p) => ({
            ...presentOrganisationRef(actor, { ...p, id: p.organisation_id, name: p.legal_name }),
            role: p.role,
            confirmation: p.confirmation,
          })),
        durability,
        updatedAt: r.updated_at.toISOString(),
      };
    }),
    page: { limit: query.limit, offset: query.offset, total: rows.length },
  };
}
