/**
 * Who may see, change and link partnerships. Reading is scoped in the queries
 * (partnerships/queries.ts: `visiblePartnership`, `editablePartnership`); these rules give
 * those queries their data and decide the links a write adds, on records the actor can
 * already see, so a refusal here is 403 rather than 404. Who answers for a party is
 * `canAnswerForOrganisation` (policies/organisations.ts): it is the organisation's own say.
 */
import { type Actor, isPlatformAdmin, membershipsWith, ORGANISATION_EDITOR_ROLES } from './actor.ts';
import { canEditProgram, type ProgramVisibility, programVisibility } from './programs.ts';

/** What a reader may see of partnerships: the draft and area rule of programs, applied to agreements. */
export type PartnershipVisibility = ProgramVisibility;

/**
 * Drafts to the parties' members (invited ones too, so they can answer) and to coordinators
 * in their areas; area-scoped readers only in their areas (docs/partnerships.md).
 */
export function partnershipVisibility(actor: Actor): PartnershipVisibility {
  return programVisibility(actor);
}

/**
 * May the actor link this program to a partnership, or remove its link? A link puts the
 * program in the agreement's durability figures, so it takes edit rights on the program,
 * or an editor seat in its owner or one of its partner organisations.
 */
export function canLinkProgram(
  actor: Actor,
  program: { ownerOrgId: string; partnerOrgIds: readonly string[]; villageCodes: readonly string[] },
): boolean {
  if (canEditProgram(actor, program.ownerOrgId, program.villageCodes)) return true;
  return membershipsWith(actor, ORGANISATION_EDITOR_ROLES).some(
    (m) => m.organisationId === program.ownerOrgId || program.partnerOrgIds.includes(m.organisationId),
  );
}

/**
 * Who may change partnerships, as data for the one SQL rule (`editablePartnership` in
 * partnerships/queries.ts): platform administrators and unscoped coordinators all of
 * them, area-scoped coordinators those in their areas (a party seated there or a linked
 * program there), and the editors of a party that has confirmed.
 */
export interface PartnershipEditRights {
  everywhere: boolean;
  coordinatorAreas: string[];
  editorOrgIds: string[];
}

export function partnershipEditRights(actor: Actor): PartnershipEditRights {
  const coordinators = membershipsWith(actor, ['coordinator']);
  return {
    everywhere: isPlatformAdmin(actor) || coordinators.some((m) => m.areaScope === null),
    coordinatorAreas: [...new Set(coordinators.flatMap((m) => (m.areaScope === null ? [] : [m.areaScope])))],
    editorOrgIds: [
      ...new Set(membershipsWith(actor, ORGANISATION_EDITOR_ROLES).map((m) => m.organisationId)),
    ],
  };
}
