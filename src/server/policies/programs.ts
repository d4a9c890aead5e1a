/**
 * Who may create, change and see programs (partnerships: ./partnerships.ts). Reading is
 * scoped in the queries (programs/queries.ts) with `programVisibility`; these rules decide
 * writes on a record the actor can already see, so a refusal here is 403 rather than 404.
 */
import {
  type Actor,
  inScope,
  isPlatformAdmin,
  membershipsWith,
  ORGANISATION_EDITOR_ROLES,
  readScopes,
} from './actor.ts';

/**
 * Every code lies inside the membership's area scope (null scope = everywhere). An
 * area-scoped membership covers no program without villages: such a program lies in no
 * area, so its reader could not see it (queries.ts) and a write would end in a 404.
 */
function coversAll(scope: string | null, codes: readonly string[]): boolean {
  if (scope === null) return true;
  return codes.length > 0 && codes.every((code) => inScope(scope, code));
}

/**
 * A program is changed by its owner's editors and by coordinators, each only when every
 * village of the program lies in their area scope (before and after the change; the
 * caller passes both sets).
 */
export function canEditProgram(actor: Actor, ownerOrgId: string, villageCodes: readonly string[]): boolean {
  if (isPlatformAdmin(actor)) return true;
  if (membershipsWith(actor, ['coordinator']).some((m) => coversAll(m.areaScope, villageCodes))) return true;
  return membershipsWith(actor, ORGANISATION_EDITOR_ROLES).some(
    (m) => m.organisationId === ownerOrgId && coversAll(m.areaScope, villageCodes),
  );
}

/** May the actor create programs at all (decides whether the form is offered)? */
export function canCreatePrograms(actor: Actor): boolean {
  return (
    isPlatformAdmin(actor) || membershipsWith(actor, ['coordinator', ...ORGANISATION_EDITOR_ROLES]).length > 0
  );
}

/**
 * What a reader may see of programs:
 * - `scopes`: area prefixes a program must touch (null = anywhere). Area-scoped staff see
 *   their area only, as with organisations; anonymous visitors see the public picture.
 * - `draftOrgIds`: drafts are visible to members of the owner and partner organisations;
 *   `allDrafts` for platform administrators and coordinators, the latter only in the areas
 *   they coordinate (`draftAreas`), even when another, unscoped membership lets them read
 *   everywhere else.
 */
export interface ProgramVisibility {
  scopes: string[] | null;
  draftOrgIds: string[];
  allDrafts: boolean;
  /** Where `allDrafts` holds: null = everywhere, otherwise the coordinators' area scopes. */
  draftAreas: string[] | null;
}

export function programVisibility(actor: Actor): ProgramVisibility {
  if (actor.kind === 'service') return { scopes: null, draftOrgIds: [], allDrafts: true, draftAreas: null };
  if (actor.kind === 'anonymous') return { scopes: null, draftOrgIds: [], allDrafts: false, draftAreas: [] };
  const scopes = actor.memberships.length === 0 ? null : readScopes(actor);
  const coordinators = membershipsWith(actor, ['coordinator']);
  const everywhere = isPlatformAdmin(actor) || coordinators.some((m) => m.areaScope === null);
  return {
    scopes,
    draftOrgIds: [...new Set(actor.memberships.map((m) => m.organisationId))],
    allDrafts: everywhere || coordinators.length > 0,
    draftAreas: everywhere ? null : [...new Set(coordinators.map((m) => m.areaScope as string))],
  };
}
