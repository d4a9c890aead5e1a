/**
 * Who sees and who changes a partnership, as SQL on `partnerships as k`: every read and
 * write of the module goes through these, so an agreement outside your reach is simply
 * not found (docs/access.md).
 */
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { PartnershipEditRights, ProgramVisibility } from '../../policies/programs.ts';
import { areaScopeFilter, visibleRecord } from '../../policies/scope-filter.ts';

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
export function visiblePartnership(eb: PartnershipEB, v: ProgramVisibility): Expression<SqlBool> {
  return visibleRecord(eb, v, {
    notDraft: eb('k.status', '<>', 'draft'),
    inAreas: (areas) => partnershipInAreas(eb, areas),
    ofOrganisations: (ids) => hasParty(eb, ids),
  });
}

/** Rows `k` the actor may change (policies/programs.ts `partnershipEditRights`). */
export function editablePartnership(eb: PartnershipEB, rights: PartnershipEditRights): Expression<SqlBool> {
  if (rights.everywhere) return sql<SqlBool>`true`;
  const ors: Expression<SqlBool>[] = [];
  if (rights.coordinatorAreas.length > 0) ors.push(partnershipInAreas(eb, rights.coordinatorAreas));
  if (rights.editorOrgIds.length > 0) ors.push(hasParty(eb, rights.editorOrgIds, true));
  return ors.length > 0 ? eb.or(ors) : sql<SqlBool>`false`;
}
