/**
 * Partnership rows → API shapes. Parties are named through organisations/names.ts (a visitor
 * does not learn an unverified organisation's name), and the durability measures are given
 * without the chain's internal list of ids.
 */
import type { Durability, Partnership, PartnershipSummary } from '../../../shared/contracts/partnerships.ts';
import type { DocumentLink } from '../../../shared/contracts/programs.ts';
import type { Actor } from '../../policies/actor.ts';
import { canAnswerForOrganisation } from '../../policies/organisations.ts';
import { presentOrganisationRef } from '../organisations/names.ts';
import type { AgreementDurability } from './durability.ts';
import type { PartnershipListRow, PartnershipRow, PartyRow } from './queries.ts';

/** The chain's measures as the API gives them. */
function presentDurability(measures: AgreementDurability): Durability {
  const { chain: _chain, ...durability } = measures;
  return durability;
}

function presentPartyRef(actor: Actor, p: PartyRow) {
  return {
    ...presentOrganisationRef(actor, { ...p, id: p.organisation_id, name: p.legal_name }),
    role: p.role,
    confirmation: p.confirmation,
  };
}

export function presentPartnershipSummary(
  actor: Actor,
  row: PartnershipListRow,
  parties: readonly PartyRow[],
  measures: AgreementDurability,
): PartnershipSummary {
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    agreementType: row.agreement_type,
    status: row.status,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    renewsId: row.renews_id,
    parties: parties.map((p) => presentPartyRef(actor, p)),
    durability: presentDurability(measures),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentPartnership(
  actor: Actor,
  row: PartnershipRow,
  extra: {
    parties: readonly PartyRow[];
    programs: Partnership['programs'];
    /** The chain's agreements the reader may see, oldest first. */
    chain: ReadonlyArray<{
      id: string;
      title: string;
      status: Partnership['status'];
      starts_on: string | null;
    }>;
    measures: AgreementDurability;
  },
): Partnership {
  return {
    id: row.id,
    key: row.key,
    title: row.title,
    agreementType: row.agreement_type,
    status: row.status,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    renewsId: row.renews_id,
    durability: presentDurability(extra.measures),
    updatedAt: row.updated_at.toISOString(),
    description: row.description,
    agreementNumber: row.agreement_number,
    signedOn: row.signed_on,
    terminatedOn: row.terminated_on,
    parties: extra.parties.map((p) => ({
      ...presentPartyRef(actor, p),
      commitmentMoney: p.commitment_money,
      commitmentInKind: p.commitment_in_kind,
      commitmentExpertise: p.commitment_expertise,
      commitmentMonths: p.commitment_months,
      canRespond: canAnswerForOrganisation(actor, { id: p.organisation_id, areaCode: p.area_code }),
    })),
    programs: [...extra.programs],
    chain: extra.chain.map((c) => ({ id: c.id, title: c.title, status: c.status, startsOn: c.starts_on })),
    documents: (row.documents as DocumentLink[]) ?? [],
    version: row.version,
    createdAt: row.created_at.toISOString(),
    canEdit: Boolean(row.may_edit),
  };
}
