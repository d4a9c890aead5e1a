/**
 * Who may create, edit and verify organisations. Reading is scoped in the queries
 * (see organisations/queries.ts); these rules decide writes on a record the actor can
 * already see, so a refusal here is 403 rather than 404.
 */
import { type Actor, inScope, isPlatformAdmin, membershipsWith, ORGANISATION_EDITOR_ROLES } from './actor.ts';

export interface OrganisationRef {
  id: string;
  areaCode: string;
  registeredByOrgId: string | null;
}

/** Coordinators act on organisations seated inside their area; platform admins everywhere. */
function coordinatesArea(actor: Actor, areaCode: string): boolean {
  return membershipsWith(actor, ['coordinator']).some((m) => inScope(m.areaScope, areaCode));
}

export function canEditOrganisation(actor: Actor, org: OrganisationRef): boolean {
  if (isPlatformAdmin(actor) || coordinatesArea(actor, org.areaCode)) return true;
  // An organisation's own editors, and the editors of the organisation that registered it.
  return membershipsWith(actor, ORGANISATION_EDITOR_ROLES).some(
    (m) =>
      (m.organisationId === org.id || m.organisationId === org.registeredByOrgId) &&
      inScope(m.areaScope, org.areaCode),
  );
}

/**
 * The organisation a new registration is attributed to, or undefined if the actor may
 * not register one seated in `areaCode`. null means "registered by the platform"
 * (administrators and coordinators).
 */
export function registeringOrganisation(actor: Actor, areaCode: string): string | null | undefined {
  if (isPlatformAdmin(actor)) return null;
  const coordinator = membershipsWith(actor, ['coordinator']).find((m) => inScope(m.areaScope, areaCode));
  if (coordinator) return coordinator.organisationId;
  const editor = membershipsWith(actor, ORGANISATION_EDITOR_ROLES).find((m) =>
    inScope(m.areaScope, areaCode),
  );
  return editor ? editor.organisationId : undefined;
}

/**
 * May the actor confirm or decline, on this organisation's behalf, being a party to a
 * partnership? Its own administrators and editors, a coordinator of the area it is
 * seated in, and platform administrators; not the organisation that registered it.
 */
export function canAnswerForOrganisation(actor: Actor, org: { id: string; areaCode: string }): boolean {
  if (isPlatformAdmin(actor) || coordinatesArea(actor, org.areaCode)) return true;
  return membershipsWith(actor, ORGANISATION_EDITOR_ROLES).some(
    (m) => m.organisationId === org.id && inScope(m.areaScope, org.areaCode),
  );
}

export function canVerifyOrganisation(actor: Actor, org: OrganisationRef): boolean {
  return isPlatformAdmin(actor) || coordinatesArea(actor, org.areaCode);
}

/** Contacts are personal data: signed-in users only (their reads are audited). */
export function canSeeContacts(actor: Actor): boolean {
  return actor.kind !== 'anonymous';
}
