/**
 * All SQL of partnerships, on `partnerships as k`. Who sees an agreement is written once
 * (`visiblePartnership`) and every read of an agreement goes through it, so one outside
 * your reach is simply not found (docs/access.md); who changes one is `editablePartnership`.
 * Writes take the caller's transaction: service.ts holds the rules and the audit entry.
 */
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { PartnershipInput } from '../../../shared/contracts/partnerships.ts';
import type { PartnershipStatus, PartyConfirmation } from '../../../shared/programs.ts';
import type { OrganisationType } from '../../../shared/roles.ts';
import type { DB } from '../../db/types.ts';
import type { Actor } from '../../policies/actor.ts';
import {
  type PartnershipEditRights,
  type PartnershipVisibility,
  partnershipEditRights,
  partnershipVisibility,
} from '../../policies/partnerships.ts';
import { programVisibility } from '../../policies/programs.ts';
import { areaScopeFilter, escapeLike, visibleRecord } from '../../policies/scope-filter.ts';
import { visibleTo } from '../organisations/queries.ts';
import { visibleProgram } from '../programs/queries.ts';
import type { Agreement, LinkedProgram } from './durability.ts';

export type PartnershipEB = ExpressionBuilder<DB & { k: DB['partnerships'] }, 'k'>;

/**
 * The agreement lies in one of these areas: a party (invited or not) is seated there, or
 * a linked program has a village there. The area rule of programs and organisations,
 * through the same `areaScopeFilter`.
 */
export function partnershipInAreas(eb: PartnershipEB, areas: string[]): Expression<SqlBool> {
  if (areas.length === 0) return sql<SqlBool>`false`;
  return eb.or([
    eb.exists(
      eb
        .selectFrom('partnership_parties as kp')
        .innerJoin('organisations as ko', 'ko.id', 'kp.organisation_id')
        .select(sql`1`.as('one'))
        .whereRef('kp.partnership_id', '=', 'k.id')
        .where((w) => areaScopeFilter(w, 'ko.area_code', areas)),
    ),
    eb.exists(
      eb
        .selectFrom('partnership_programs as kl')
        .innerJoin('program_villages as kv', 'kv.program_id', 'kl.program_id')
        .select(sql`1`.as('one'))
        .whereRef('kl.partnership_id', '=', 'k.id')
        .where((w) => areaScopeFilter(w, 'kv.village_code', areas)),
    ),
  ]);
}

/** One of these organisations is named as a party (in any confirmation state, unless given). */
function hasParty(eb: PartnershipEB, organisationIds: string[], confirmedOnly = false): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('partnership_parties as kq')
      .select(sql`1`.as('one'))
      .whereRef('kq.partnership_id', '=', 'k.id')
      .where('kq.organisation_id', 'in', organisationIds)
      .$if(confirmedOnly, (q) => q.where('kq.confirmation', '=', 'confirmed')),
  );
}

/**
 * Rows `k` the reader may see: the draft rule of programs (drafts to the parties' members,
 * including invited ones so they can answer, and to coordinators in their areas), and
 * area-scoped readers only inside their areas.
 */
export function visiblePartnership(eb: PartnershipEB, v: PartnershipVisibility): Expression<SqlBool> {
  return visibleRecord(eb, v, {
    notDraft: eb('k.status', '<>', 'draft'),
    inAreas: (areas) => partnershipInAreas(eb, areas),
    ofOrganisations: (ids) => hasParty(eb, ids),
  });
}

/** Rows `k` the actor may change (policies/partnerships.ts `partnershipEditRights`). */
export function editablePartnership(eb: PartnershipEB, rights: PartnershipEditRights): Expression<SqlBool> {
  if (rights.everywhere) return sql<SqlBool>`true`;
  const ors: Expression<SqlBool>[] = [];
  if (rights.coordinatorAreas.length > 0) ors.push(partnershipInAreas(eb, rights.coordinatorAreas));
  if (rights.editorOrgIds.length > 0) ors.push(hasParty(eb, rights.editorOrgIds, true));
  return ors.length > 0 ? eb.or(ors) : sql<SqlBool>`false`;
}

/** `partnerships as k` restricted to what the actor may see: the start of every read of an agreement. */
function visiblePartnerships(db: Kysely<DB>, actor: Actor) {
  const visibility = partnershipVisibility(actor);
  return db
    .selectFrom('partnerships as k')
    .where((eb) => visiblePartnership(eb as PartnershipEB, visibility));
}

/** Whether the actor may change the row, as a selected boolean column. */
const mayEdit = (eb: PartnershipEB, actor: Actor) =>
  sql<boolean>`${editablePartnership(eb, partnershipEditRights(actor))}`.as('may_edit');

/** An agreement the actor may see, with whether they may change it; undefined = not found. */
export function findVisiblePartnership(db: Kysely<DB>, actor: Actor, id: string) {
  return visiblePartnerships(db, actor)
    .selectAll('k')
    .select((eb) => mayEdit(eb as PartnershipEB, actor))
    .where('k.id', '=', id)
    .executeTakeFirst();
}

export type PartnershipRow = NonNullable<Awaited<ReturnType<typeof findVisiblePartnership>>>;

/** The agreement is one the actor may both see and change (after a write: do they keep it?). */
export async function isVisibleAndEditable(db: Kysely<DB>, actor: Actor, id: string): Promise<boolean> {
  const row = await visiblePartnerships(db, actor)
    .select('k.id')
    .where('k.id', '=', id)
    .where((eb) => editablePartnership(eb as PartnershipEB, partnershipEditRights(actor)))
    .executeTakeFirst();
  return row !== undefined;
}

/** The list filters that SQL applies (the long-term one needs the computed measures). */
export interface PartnershipFilter {
  organisationId?: string | undefined;
  status?: PartnershipStatus[] | undefined;
  agreementType?: string[] | undefined;
  q?: string | undefined;
}

/** Every agreement the actor sees that matches the filters, newest start first. */
export function listVisiblePartnerships(db: Kysely<DB>, actor: Actor, filter: PartnershipFilter) {
  return visiblePartnerships(db, actor)
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
    .$if(Boolean(filter.status?.length), (q) =>
      q.where('k.status', 'in', filter.status as PartnershipStatus[]),
    )
    .$if(Boolean(filter.agreementType?.length), (q) =>
      q.where('k.agreement_type', 'in', filter.agreementType as never[]),
    )
    .$if(Boolean(filter.q), (q) => q.where('k.title', 'ilike', `%${escapeLike(filter.q as string)}%`))
    .$if(Boolean(filter.organisationId), (q) =>
      q.where('k.id', 'in', (sub) =>
        sub
          .selectFrom('partnership_parties')
          .select('partnership_id')
          .where('organisation_id', '=', filter.organisationId as string),
      ),
    )
    .orderBy('k.starts_on', (ob) => ob.desc().nullsLast())
    .orderBy('k.id')
    .execute();
}

export type PartnershipListRow = Awaited<ReturnType<typeof listVisiblePartnerships>>[number];

/** The parties of these agreements with their organisations, by organisation name. */
export function partiesOf(db: Kysely<DB>, partnershipIds: string[]) {
  if (partnershipIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('partnership_parties as pp')
    .innerJoin('organisations as o', 'o.id', 'pp.organisation_id')
    .select([
      'pp.partnership_id',
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
    .where('pp.partnership_id', 'in', partnershipIds)
    .orderBy('o.legal_name')
    .execute();
}

export type PartyRow = Awaited<ReturnType<typeof partiesOf>>[number];

/** The programs linked to the agreement that the actor may see, by title. */
export function visibleLinkedPrograms(db: Kysely<DB>, actor: Actor, id: string) {
  return db
    .selectFrom('partnership_programs as l')
    .innerJoin('programs as p', 'p.id', 'l.program_id')
    .select(['p.id', 'p.title', 'p.status'])
    .where('l.partnership_id', '=', id)
    .where((eb) => visibleProgram(eb as never, programVisibility(actor)))
    .orderBy('p.title')
    .execute();
}

/** The agreements among `ids` the actor may see (of a renewal chain: the others are not named). */
export function visibleAgreementsAmong(db: Kysely<DB>, actor: Actor, ids: string[]) {
  return visiblePartnerships(db, actor)
    .select(['k.id', 'k.title', 'k.status', 'k.starts_on'])
    .where('k.id', 'in', ids)
    .execute();
}

/** Ids of the agreements the actor may see that name this organisation as a party. */
export async function visibleAgreementIdsOf(db: Kysely<DB>, actor: Actor, organisationId: string) {
  const rows = await visiblePartnerships(db, actor)
    .select('k.id')
    .where('k.id', 'in', (sub) =>
      sub
        .selectFrom('partnership_parties')
        .select('partnership_id')
        .where('organisation_id', '=', organisationId),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

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

export type AgreementGraph = Awaited<ReturnType<typeof loadAgreementGraph>>;

// ---- What a write refers to ------------------------------------------------------

/**
 * The seats (area codes) of the organisations among `ids` the actor may name as parties:
 * those they can see, and those the agreement already holds (`kept`), which stay as they are.
 */
export async function nameableOrganisations(
  db: Kysely<DB>,
  actor: Actor,
  ids: string[],
  kept: string[],
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.area_code'])
    .where('o.id', 'in', ids)
    .where((eb) =>
      kept.length ? eb.or([visibleTo(actor)(eb), eb('o.id', 'in', kept)]) : visibleTo(actor)(eb),
    )
    .execute();
  return new Map(rows.map((o) => [o.id, o.area_code]));
}

/** An agreement the actor may see, as a renewal target: what it renews and whether they may change it. */
export function findVisibleRenewalTarget(db: Kysely<DB>, actor: Actor, id: string) {
  return visiblePartnerships(db, actor)
    .select((eb) => ['k.id', 'k.renews_id', mayEdit(eb as PartnershipEB, actor)])
    .where('k.id', '=', id)
    .executeTakeFirst();
}

/** The agreement `id` renews (null at the start of a chain, or when there is no such agreement). */
export async function renewedBy(db: Kysely<DB>, id: string): Promise<string | null> {
  const row = await db.selectFrom('partnerships').select('renews_id').where('id', '=', id).executeTakeFirst();
  return row?.renews_id ?? null;
}

/** Whether another agreement renews this one. */
export async function isRenewed(db: Kysely<DB>, id: string): Promise<boolean> {
  const row = await db.selectFrom('partnerships').select('id').where('renews_id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** Programs among `ids` the actor may see, with what deciding a link takes: owner, partners, villages. */
export async function visibleProgramsForLinking(db: Kysely<DB>, actor: Actor, ids: string[]) {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('programs as p')
    .select([
      'p.id',
      'p.owner_org_id',
      sql<string[]>`array(select pv.village_code from program_villages pv where pv.program_id = p.id)`.as(
        'villages',
      ),
      sql<string[]>`array(select pr.organisation_id from program_partners pr where pr.program_id = p.id)`.as(
        'partners',
      ),
    ])
    .where('p.id', 'in', ids)
    .where((eb) => visibleProgram(eb as never, programVisibility(actor)))
    .execute();
  return new Map(rows.map((p) => [p.id, p]));
}

/** Programs linked to the agreement that the actor cannot see. */
export async function hiddenProgramLinks(db: Kysely<DB>, actor: Actor, id: string): Promise<string[]> {
  const linked = db
    .selectFrom('partnership_programs as l')
    .innerJoin('programs as p', 'p.id', 'l.program_id')
    .select('p.id')
    .where('l.partnership_id', '=', id);
  const all = await linked.execute();
  const visible = await linked.where((eb) => visibleProgram(eb as never, programVisibility(actor))).execute();
  const seen = new Set(visible.map((p) => p.id));
  return all.map((p) => p.id).filter((programId) => !seen.has(programId));
}

/** The agreement's parties (with their terms and answers) and linked program ids, as stored. */
export async function storedLinks(db: Kysely<DB>, id: string) {
  const [parties, programs] = await Promise.all([
    db
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
    db.selectFrom('partnership_programs').select('program_id').where('partnership_id', '=', id).execute(),
  ]);
  return { parties, programIds: programs.map((p) => p.program_id) };
}

export type StoredParty = Awaited<ReturnType<typeof storedLinks>>['parties'][number];

/** A party's seat and answer on this agreement; undefined when it is not a party. */
export function findParty(db: Kysely<DB>, id: string, organisationId: string) {
  return db
    .selectFrom('partnership_parties as pp')
    .innerJoin('organisations as o', 'o.id', 'pp.organisation_id')
    .select(['pp.confirmation', 'o.area_code'])
    .where('pp.partnership_id', '=', id)
    .where('pp.organisation_id', '=', organisationId)
    .executeTakeFirst();
}

// ---- Writes (in the caller's transaction) ------------------------------------------

type PartnershipFields = Omit<PartnershipInput, 'status'>;

/** The agreement's own columns from its input. */
export function partnershipColumns(input: PartnershipFields) {
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

export async function insertPartnership(
  trx: Kysely<DB>,
  input: PartnershipInput & { key: string },
  createdByOrgId: string | null,
): Promise<string> {
  const { id } = await trx
    .insertInto('partnerships')
    .values({
      key: input.key,
      ...partnershipColumns(input),
      status: input.status,
      created_by_org_id: createdByOrgId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Replaces the agreement's parties (with their answers) and program links. */
export async function replaceLinks(
  trx: Kysely<DB>,
  id: string,
  input: PartnershipFields,
  confirmations: ReadonlyMap<string, PartyConfirmation>,
): Promise<void> {
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

export async function setPartyConfirmation(
  trx: Kysely<DB>,
  id: string,
  organisationId: string,
  confirmation: PartyConfirmation,
): Promise<void> {
  await trx
    .updateTable('partnership_parties')
    .set({ confirmation })
    .where('partnership_id', '=', id)
    .where('organisation_id', '=', organisationId)
    .execute();
}

export async function deletePartnershipRow(trx: Kysely<DB>, id: string): Promise<void> {
  await trx.deleteFrom('partnerships').where('id', '=', id).execute();
}
