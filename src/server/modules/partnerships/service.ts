/**
 * Partnerships (Kemitraan): agreements between two or more organisations, with a
 * lifecycle, renewals and linked programs, and the durability measures computed from
 * them. Each write runs in one transaction with its audit entry.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DocumentLink, Partnership, PartnershipInput } from '../../../shared/contracts/programs.ts';
import { todayInNtb } from '../../../shared/format.ts';
import { canMovePartnership, type PartnershipStatus } from '../../../shared/programs.ts';
import type { OrganisationType } from '../../../shared/roles.ts';
import type { DB } from '../../db/types.ts';
import { AppError, type ErrorDetail } from '../../http/errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { canEditPartnership, programVisibility } from '../../policies/programs.ts';
import { escapeLike } from '../../policies/scope-filter.ts';
import { type AuditContext, recordAudit, withAudit } from '../audit/record-audit.ts';
import { presentOrganisationRef } from '../organisations/names.ts';
import { visibleProgram } from '../programs/queries.ts';
import {
  type Agreement,
  type ChainDurability,
  chainDurability,
  type LinkedProgram,
  organisationDurability,
  renewalChains,
} from './durability.ts';

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
      .select(['pp.partnership_id', 'pp.organisation_id', 'o.type'])
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
    list.push({ organisationId: p.organisation_id, type: p.type as OrganisationType });
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

export async function durabilityOfOrganisation(db: Kysely<DB>, organisationId: string) {
  const org = await db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!org) throw new AppError('ORGANISATION_NOT_FOUND');
  const graph = await loadAgreementGraph(db);
  return {
    organisationId,
    ...organisationDurability(organisationId, graph.agreements, graph.programs, todayInNtb()),
  };
}

type PartnershipFields = Omit<PartnershipInput, 'status'>;

async function problemsOf(trx: Kysely<DB>, actor: Actor, input: PartnershipFields, selfId?: string) {
  const problems: ErrorDetail[] = [];
  const orgIds = [...new Set(input.parties.map((p) => p.organisationId))];
  const known = new Set(
    (await trx.selectFrom('organisations').select('id').where('id', 'in', orgIds).execute()).map((o) => o.id),
  );
  input.parties.forEach((p, i) => {
    if (!known.has(p.organisationId))
      problems.push({
        path: `body.parties.${i}.organisationId`,
        message: 'unknown organisation',
        code: 'unknown_organisation',
      });
  });
  if (input.renewsId) {
    if (input.renewsId === selfId) {
      problems.push({
        path: 'body.renewsId',
        message: 'an agreement cannot renew itself',
        code: 'invalid_renewal',
      });
    } else {
      const renewed = await trx
        .selectFrom('partnerships')
        .select(['id', 'renews_id', 'status'])
        .where('id', '=', input.renewsId)
        .executeTakeFirst();
      // A draft the actor may not read is unknown to them, as everywhere else.
      if (!renewed || !(await mayRead(trx, actor, renewed.id, renewed.status)))
        problems.push({ path: 'body.renewsId', message: 'unknown partnership', code: 'unknown_partnership' });
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
  }
  if (input.programIds.length) {
    const visible = new Set(
      (
        await trx
          .selectFrom('programs as p')
          .select('p.id')
          .where('p.id', 'in', input.programIds)
          .where((eb) => visibleProgram(eb as never, programVisibility(actor)))
          .execute()
      ).map((p) => p.id),
    );
    input.programIds.forEach((id, i) => {
      if (!visible.has(id))
        problems.push({ path: `body.programIds.${i}`, message: 'unknown program', code: 'unknown_program' });
    });
  }
  return problems;
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

async function writeLinks(trx: Kysely<DB>, id: string, input: PartnershipFields) {
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

const auditSnapshot = (input: PartnershipFields, status: string) => ({
  ...input,
  status,
  parties: [...input.parties].sort((a, b) => a.organisationId.localeCompare(b.organisationId)),
  programIds: [...new Set(input.programIds)].sort(),
});

export async function createPartnership(
  db: Kysely<DB>,
  actor: Actor,
  input: PartnershipInput,
  context: AuditContext,
): Promise<string> {
  if (
    !canEditPartnership(
      actor,
      input.parties.map((p) => p.organisationId),
    )
  ) {
    throw new AppError(
      'FORBIDDEN',
      'Only editors of a party, coordinators and administrators record partnerships',
    );
  }
  return withAudit(db, context, async (trx) => {
    const problems = await problemsOf(trx, actor, input);
    if (problems.length) throw new AppError('VALIDATION_FAILED', undefined, problems);
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
    await writeLinks(trx, id, input);
    await recordAudit(trx, context, {
      action: 'create',
      entityType: 'partnership',
      entityId: id,
      after: auditSnapshot({ ...input, key }, input.status),
    });
    return id;
  });
}

async function editable(trx: Kysely<DB>, actor: Actor, id: string, version: number) {
  const row = await trx.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirst();
  // A draft the actor may not read is not found, as in the detail: a 403 or 409 would confirm it exists.
  if (!row || !(await mayRead(trx, actor, id, row.status))) throw new AppError('PARTNERSHIP_NOT_FOUND');
  if (row.version !== version) throw new AppError('VERSION_CONFLICT');
  const parties = await trx
    .selectFrom('partnership_parties')
    .select('organisation_id')
    .where('partnership_id', '=', id)
    .execute();
  if (
    !canEditPartnership(
      actor,
      parties.map((p) => p.organisation_id),
    )
  ) {
    throw new AppError(
      'FORBIDDEN',
      'Only editors of a party, coordinators and administrators change a partnership',
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
    if (
      !canEditPartnership(
        actor,
        next.parties.map((p) => p.organisationId),
      )
    ) {
      throw new AppError('FORBIDDEN', 'You may only record partnerships your organisation is a party to');
    }
    const problems = await problemsOf(trx, actor, { ...next, programIds: fields.programIds }, id);
    if (problems.length) throw new AppError('VALIDATION_FAILED', undefined, problems);
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
    await writeLinks(trx, id, next);
    await recordAudit(trx, context, {
      action: 'update',
      entityType: 'partnership',
      entityId: id,
      before: { version: row.version, status: row.status, title: row.title },
      after: auditSnapshot(next, row.status),
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

/** Drafts are seen by the parties' members, coordinators and administrators; the rest is public. */
async function mayRead(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  status: PartnershipStatus,
): Promise<boolean> {
  if (status !== 'draft') return true;
  const v = programVisibility(actor);
  if (v.allDrafts) return true;
  if (v.draftOrgIds.length === 0) return false;
  const party = await db
    .selectFrom('partnership_parties')
    .select('organisation_id')
    .where('partnership_id', '=', id)
    .where('organisation_id', 'in', v.draftOrgIds)
    .executeTakeFirst();
  return Boolean(party);
}

export async function getPartnership(db: Kysely<DB>, actor: Actor, id: string): Promise<Partnership> {
  const row = await db.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !(await mayRead(db, actor, id, row.status))) throw new AppError('PARTNERSHIP_NOT_FOUND');
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
        'o.legal_name',
        'o.type',
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
      .where((eb) => visibleProgram(eb as never, programVisibility(actor)))
      .orderBy('p.title')
      .execute(),
    loadAgreementGraph(db),
  ]);
  const durability = durabilityByAgreement(graph, todayInNtb()).get(id);
  const chainIds = durability?.chain ?? [id];
  const chain = await db
    .selectFrom('partnerships')
    .select(['id', 'title', 'status', 'starts_on'])
    .where('id', 'in', chainIds)
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
      commitmentMoney: p.commitment_money,
      commitmentInKind: p.commitment_in_kind,
      commitmentExpertise: p.commitment_expertise,
      commitmentMonths: p.commitment_months,
    })),
    programs,
    chain: chain.map((c) => ({ id: c.id, title: c.title, status: c.status, startsOn: c.starts_on })),
    documents: (row.documents as DocumentLink[]) ?? [],
    version: row.version,
    createdAt: row.created_at.toISOString(),
    canEdit: canEditPartnership(
      actor,
      parties.map((p) => p.organisation_id),
    ),
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
    .selectFrom('partnerships')
    .$if(!visibility.allDrafts, (q) =>
      q.where((eb) =>
        eb.or([
          eb('status', '<>', 'draft'),
          ...(visibility.draftOrgIds.length
            ? [
                eb(
                  'id',
                  'in',
                  eb
                    .selectFrom('partnership_parties')
                    .select('partnership_id')
                    .where('organisation_id', 'in', visibility.draftOrgIds),
                ),
              ]
            : []),
        ]),
      ),
    )
    .select([
      'id',
      'key',
      'title',
      'agreement_type',
      'status',
      'starts_on',
      'ends_on',
      'renews_id',
      'updated_at',
    ])
    .$if(Boolean(query.status?.length), (q) => q.where('status', 'in', query.status as PartnershipStatus[]))
    .$if(Boolean(query.agreementType?.length), (q) =>
      q.where('agreement_type', 'in', query.agreementType as never[]),
    )
    .$if(Boolean(query.q), (q) => q.where('title', 'ilike', `%${escapeLike(query.q as string)}%`))
    .$if(Boolean(query.organisationId), (q) =>
      q.where('id', 'in', (sub) =>
        sub
          .selectFrom('partnership_parties')
          .select('partnership_id')
          .where('organisation_id', '=', query.organisationId as string),
      ),
    )
    .orderBy('starts_on', (ob) => ob.desc().nullsLast())
    .orderBy('id')
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
          })),
        durability,
        updatedAt: r.updated_at.toISOString(),
      };
    }),
    page: { limit: query.limit, offset: query.offset, total: rows.length },
  };
}
