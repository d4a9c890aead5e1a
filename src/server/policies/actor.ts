/**
 * Who is asking. An actor is anonymous or a user acting through memberships
 * (organisation, role, optional area scope). All access decisions start here, and
 * read scoping is applied in the queries through `areaScopeFilter`, so a record
 * outside your scope is simply not found.
 */
import { isInArea } from '../../shared/area-code.ts';
import type { Role } from '../../shared/roles.ts';

export interface ActorMembership {
  id: string;
  organisationId: string;
  organisationName: string;
  role: Role;
  /** Kemendagri code prefix; null = no area limit. */
  areaScope: string | null;
}

export type Actor =
  | { kind: 'anonymous' }
  /** A script calling with ADMIN_TOKEN: platform-administrator rights, no organisation. */
  | { kind: 'service' }
  | {
      kind: 'user';
      userId: string;
      email: string;
      name: string;
      mustChangePassword: boolean;
      memberships: ActorMembership[];
    };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function isSignedIn(actor: Actor): actor is Extract<Actor, { kind: 'user' }> {
  return actor.kind === 'user';
}

/** Organisation roles that may edit their organisation's records (organisation, programs, partnerships). */
export const ORGANISATION_EDITOR_ROLES = ['org_admin', 'org_editor'] as const;

export function membershipsWith(actor: Actor, roles: readonly Role[]): ActorMembership[] {
  if (actor.kind !== 'user') return [];
  return actor.memberships.filter((m) => roles.includes(m.role));
}

export function hasRole(actor: Actor, roles: readonly Role[]): boolean {
  if (actor.kind === 'service') return roles.includes('platform_admin');
  return membershipsWith(actor, roles).length > 0;
}

export function isPlatformAdmin(actor: Actor): boolean {
  return hasRole(actor, ['platform_admin']);
}

/** True when `code` lies inside the scope (scope null = everywhere); the same rule the web client uses. */
export const inScope = isInArea;

/**
 * The areas an actor may read in: null = everything; otherwise a list of code
 * prefixes. A signed-in user reads everywhere unless every membership is area-scoped.
 * Anonymous visitors get the public view (handled by each module).
 */
export function readScopes(actor: Actor): string[] | null {
  if (actor.kind !== 'user') return null;
  if (actor.memberships.length === 0) return [];
  if (actor.memberships.some((m) => m.areaScope === null)) return null;
  return [...new Set(actor.memberships.map((m) => m.areaScope as string))];
}

/** Label for audit entries and logs: the email (never a name or other personal data in logs). */
export function actorLabel(actor: Actor): string {
  if (actor.kind === 'service') return 'admin-token';
  return actor.kind === 'user' ? actor.email : 'anonymous';
}
