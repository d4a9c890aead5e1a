/**
 * Who may create, change and see programs and partnerships. Reading is scoped in the
 * queries (programs/queries.ts) with `programVisibility`; these rules decide writes on
 * a record the actor can already see, so a refusal here is 403 rather than 404.
 */
import { type Actor, inScope, isPlatformAdmin, membershipsWith, readScopes } from './actor.ts';

const EDITOR_ROLES = ['org_admin', 'org_editor'] as const;

/** Every code lies inside the membership's area scope (null scope = everywhere). */
function coversAll(scope: string | null, codes: readonly string[]): boolean {
  return codes.every((code) => inScope(scope, code));
}

/**
 * A program is changed by its owner's editors and by coordinators, each only when every
 * village of the program lies in their area scope (before and after the change; the
 * caller passes both sets).
 */
export function canEditProgram(actor: Actor, ownerOrgId: string, villageCodes: readonly string[]): boolean {
  if (isPlatformAdmin(actor)) return true;
  if (membershipsWith(actor, ['coordinator']).some((m) => coversAll(m.areaScope, villageCodes))) return true;
  return membershipsWith(actor, EDITOR_ROLES).some(
    (m) => m.organisationId === ownerOrgId && coversAll(m.areaScope, villageCodes),
  );
}

/** May the actor create programs at all (decides whether the form is offered)? */
export function canCreatePrograms(actor: Actor): boolean {
  return isPlatformAdmin(actor) || membershipsWith(actor, ['coordinator', ...EDITOR_ROLES]).length > 0;
}

/**
 * What a reader may see of programs:
 * - `scopes`: area prefixes a program must touch (null = anywhere). Area-scoped staff see
 *   their area only, as with organisations; anonymous visitors see the public picture.
 * - `draftOrgIds`: drafts are visible to members of the owner and partner organisations;
 *   `allDrafts` for platform administrators and (within scope) coordinators.
 */
export interface ProgramVisibility {
  scopes: string[] | null;
  draftOrgIds: string[];
  allDrafts: boolean;
}

export function programVisibility(actor: Actor): ProgramVisibility {
  if (actor.kind === 'service') return { scopes: null, draftOrgIds: [], allDrafts: true };
  if (actor.kind === 'anonymous') return { scopes: null, draftOrgIds: [], allDrafts: false };
  const scopes = actor.memberships.length === 0 ? null : readScopes(actor);
  return {
    scopes,
    draftOrgIds: [...new Set(actor.memberships.map((m) => m.organisationId))],
    allDrafts: isPlatformAdmin(actor) || membershipsWith(actor, ['coordinator']).length > 0,
  };
}

/** Partnerships are changed by editors of any party and by coordinators/administrators. */
export function canEditPartnership(actor: Actor, partyOrgIds: readonly string[]): boolean {
  if (isPlatformAdmin(actor) || membershipsWith(actor, ['coordinator']).length > 0) return true;
  return membershipsWith(actor, EDITOR_ROLES).some((m) => partyOrgIds.includes(m.organisationId));
}
