/**
 * The one rule for organisations' names outside the directory (docs/access.md, "Unverified
 * organisations"): visitors see the names of verified organisations only, as in the directory.
 * Everything else that names an organisation to a reader — programs (list, detail, export),
 * partnerships, the dashboard, the area panel — presents it through this module, so a program of
 * an unverified organisation stays visible while its owner appears as "an unverified partner",
 * without name, id or link.
 */
import type { OrganisationRef } from '../../../shared/contracts/programs.ts';
import type { OrganisationType } from '../../../shared/roles.ts';
import type { Actor } from '../../policies/actor.ts';

/** What the label of a withheld organisation reads in files (their headings are Indonesian). */
export const UNVERIFIED_PARTNER_LABEL = 'Mitra belum terverifikasi';

/** An organisation as a query selects it next to what names it. */
export interface NamedOrganisation {
  id: string;
  name: string;
  type: OrganisationType;
  verification_status: string;
}

/**
 * Whether the reader sees the names of organisations that are not verified: signed-in users do
 * (they see them in the directory too); anonymous visitors, and users who must first change their
 * password (answered as visitors), do not.
 */
export function seesUnverifiedNames(actor: Actor): boolean {
  return actor.kind !== 'anonymous';
}

/** The organisation as this reader may see it: named, or withheld (id and name null, type kept). */
export function presentOrganisationRef(actor: Actor, org: NamedOrganisation): OrganisationRef {
  if (org.verification_status === 'verified' || seesUnverifiedNames(actor)) {
    return { id: org.id, name: org.name, type: org.type };
  }
  return { id: null, name: null, type: org.type };
}

/** The name for a file cell: the name, or the Indonesian label of a withheld organisation. */
export function organisationNameFor(
  actor: Actor,
  org: Pick<NamedOrganisation, 'name' | 'verification_status'>,
): string {
  return org.verification_status === 'verified' || seesUnverifiedNames(actor)
    ? org.name
    : UNVERIFIED_PARTNER_LABEL;
}
