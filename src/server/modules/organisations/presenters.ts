/** Organisation rows → API shapes. Contacts leave the server only when the policy allows. */
import type { Selectable } from 'kysely';
import type {
  ContactPerson,
  Issue,
  Organisation,
  OrganisationSummary,
} from '../../../shared/contracts/organisations.ts';
import type { OfferKind } from '../../../shared/roles.ts';
import type { IssuesTable } from '../../db/types.ts';
import type { OrganisationRow } from './queries.ts';

export function presentOrganisationSummary(row: OrganisationRow): OrganisationSummary {
  return {
    id: row.id,
    key: row.key,
    legalName: row.legal_name,
    shortName: row.short_name,
    type: row.type,
    level: row.level,
    areaCode: row.area_code,
    areaName: row.area_name,
    issues: row.issues,
    offers: row.offers as OfferKind[],
    verificationStatus: row.verification_status,
  };
}

export function presentOrganisation(
  row: OrganisationRow,
  extra: {
    parent: { id: string; legalName: string } | null;
    coverage: Array<{ code: string; name: string; level: string }>;
    showContacts: boolean;
    canEdit: boolean;
  },
): Organisation {
  return {
    ...presentOrganisationSummary(row),
    parent: extra.parent,
    coverageAreas: extra.coverage,
    contacts: extra.showContacts ? ((row.contacts as ContactPerson[]) ?? []) : [],
    address: row.address,
    website: row.website,
    description: row.description,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    canEdit: extra.canEdit,
  };
}

export function presentIssue(row: Selectable<IssuesTable>): Issue {
  return {
    code: row.code,
    nameId: row.name_id,
    nameEn: row.name_en,
    descriptionId: row.description_id,
    descriptionEn: row.description_en,
    sortOrder: row.sort_order,
    active: row.active,
  };
}
