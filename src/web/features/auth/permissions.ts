/**
 * What the signed-in user may do, as far as the interface needs to know to offer it.
 * The server decides for real (route access and record rules); these checks only hide
 * buttons and pages that would be refused, and mirror docs/access.md.
 */
import { isInArea } from '../../../shared/area-code.ts';
import type { SessionUser } from '../../../shared/contracts/accounts.ts';
import type { Role } from '../../../shared/roles.ts';

type User = SessionUser | null | undefined;

/** True when `code` lies inside the scope (scope null = the whole province): the server's rule, shared. */
export const inAreaScope = isInArea;

export function hasRole(user: User, roles: readonly Role[]): boolean {
  return Boolean(user?.memberships.some((m) => roles.includes(m.role)));
}

/** The user's distinct roles, in the order of their memberships. */
export function rolesOf(user: User): Role[] {
  return [...new Set(user?.memberships.map((m) => m.role) ?? [])];
}

export const ORGANISATION_EDITOR_ROLES: readonly Role[] = [
  'platform_admin',
  'coordinator',
  'org_admin',
  'org_editor',
];

/** May register a new organisation (somewhere). */
export function canCreateOrganisations(user: User): boolean {
  return hasRole(user, ORGANISATION_EDITOR_ROLES);
}

/** May set the verification status of an organisation seated in `areaCode`. */
export function canVerifyOrganisation(user: User, areaCode: string): boolean {
  if (hasRole(user, ['platform_admin'])) return true;
  return Boolean(
    user?.memberships.some((m) => m.role === 'coordinator' && inAreaScope(m.areaScope, areaCode)),
  );
}

/** Spreadsheet import of organisations: coordinators (in their area) and platform administrators. */
export function canImportOrganisations(user: User): boolean {
  return hasRole(user, ['platform_admin', 'coordinator']);
}

/** The export and the import template are for any signed-in user. */
export function canExportOrganisations(user: User): boolean {
  return Boolean(user);
}

/**
 * May record a program or a partnership (for an organisation they edit, or any within their area
 * for coordinators): the same roles that edit organisations.
 */
export function canCreatePrograms(user: User): boolean {
  return hasRole(user, ORGANISATION_EDITOR_ROLES);
}

export const canCreatePartnerships = canCreatePrograms;

/**
 * Organisations a user may record programs and partnerships for: null for "any" (coordinators,
 * within their area, and platform administrators), else those they administer or edit.
 */
export function programOwnerChoices(user: User): Array<{ id: string; name: string }> | null {
  if (hasRole(user, ['platform_admin', 'coordinator'])) return null;
  const choices = new Map<string, string>();
  for (const m of user?.memberships ?? []) {
    if (m.role === 'org_admin' || m.role === 'org_editor') choices.set(m.organisationId, m.organisationName);
  }
  return [...choices].map(([id, name]) => ({ id, name }));
}

/** The program export is for any signed-in user, like the organisation export. */
export function canExportPrograms(user: User): boolean {
  return Boolean(user);
}

/** Users and memberships: platform administrators (all) and organisation administrators (their own). */
export function canManageUsers(user: User): boolean {
  return hasRole(user, ['platform_admin', 'org_admin']);
}

/** The issue taxonomy: platform administrators and province-wide coordinators. */
export function canEditIssues(user: User): boolean {
  if (hasRole(user, ['platform_admin'])) return true;
  return Boolean(user?.memberships.some((m) => m.role === 'coordinator' && m.areaScope === null));
}

export function canReadAudit(user: User): boolean {
  return hasRole(user, ['auditor', 'platform_admin']);
}

/** The Admin area is offered to whoever can use at least one of its pages. */
export function canUseAdmin(user: User): boolean {
  return canManageUsers(user) || canEditIssues(user) || canReadAudit(user);
}

/** Organisations in which the user may grant memberships, or null for "any" (platform administrators). */
export function administeredOrganisationIds(user: User): string[] | null {
  if (hasRole(user, ['platform_admin'])) return null;
  return [...new Set(user?.memberships.filter((m) => m.role === 'org_admin').map((m) => m.organisationId))];
}

/**
 * A path inside the app to return to after signing in. Anything else (another site,
 * a protocol-relative `//host` address) falls back to the home page.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next.startsWith('/masuk') ? '/' : next;
}
