import type {
  AgreementType,
  Modality,
  PartnerRole,
  PartnershipStatus,
  PartyRole,
  ProgramStatus,
} from '../../../../shared/programs.ts';
import type { OfferKind, OrganisationType } from '../../../../shared/roles.ts';

/** The plan's shapes and volumes: what the planners produce, per scale. */
export type GenerationScale = 'demo' | 'ntb' | 'ntb4';
/** Smallest first: loading a later scale over an earlier one is an upgrade (ntb-scale.ts). */
export const GENERATION_SCALES: readonly GenerationScale[] = ['demo', 'ntb', 'ntb4'];
export const DEFAULT_SEED = 2025;

/**
 * Target volumes. The demo slice keeps `npm start` on an empty folder fast; ntb4 is a
 * synthetic 4× set for measuring how costs grow with the data (4× the programs and
 * partnerships on the same villages, twice the organisations: see docs/synthetic-data.md).
 */
export const SCALE_SIZES: Record<
  GenerationScale,
  { organisations: number; programs: number; partnerships: number }
> = {
  demo: { organisations: 60, programs: 600, partnerships: 30 },
  ntb: { organisations: 600, programs: 12_000, partnerships: 400 },
  ntb4: { organisations: 1_200, programs: 48_000, partnerships: 1_600 },
};

/** Key prefixes: generated rows are recognisable (and removable) by key alone. */
export const GENERATED_KEY_PREFIX = {
  organisation: 'gen-org-',
  program: 'gen-prg-',
  partnership: 'gen-kmt-',
};

export interface AreaRow {
  code: string;
  name: string;
  level: 'province' | 'regency' | 'district' | 'village';
  kind: string;
}

export interface PlannedOrganisation {
  index: number;
  id: string;
  key: string;
  legalName: string;
  shortName: string | null;
  nameSearch: string;
  type: OrganisationType;
  level: 'province' | 'regency' | null;
  parentIndex: number | null;
  areaCode: string;
  website: string | null;
  description: string;
  offers: OfferKind[];
  issues: string[];
  coverage: string[];
  verified: boolean;
  createdAt: string;
  /** Likelihood of owning a program (relative). */
  activity: number;
  /** Suits kecamatan- or kabupaten-wide programs (offices, BAZNAS, state enterprises). */
  wideScope: boolean;
}

export interface PlannedProgramPartner {
  orgIndex: number;
  role: PartnerRole;
  money: number | null;
  inKind: string | null;
}

export interface PlannedProgram {
  index: number;
  id: string;
  key: string;
  ownerIndex: number;
  title: string;
  description: string | null;
  status: ProgramStatus;
  plannedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  periodStart: string;
  periodEnd: string;
  budgetPlanned: number;
  budgetRealised: number | null;
  modality: Modality;
  targetHouseholds: number;
  targetPersons: number | null;
  reachedHouseholds: number | null;
  reachedPersons: number | null;
  createdAt: string;
  issues: string[];
  villages: Array<{ code: string; targetHouseholds: number | null; targetPersons: number | null }>;
  partners: PlannedProgramPartner[];
  regencyCodes: string[];
}

export interface PlannedParty {
  orgIndex: number;
  role: PartyRole;
  money: number | null;
  inKind: string | null;
  expertise: string | null;
  months: number;
}

export interface PlannedPartnership {
  index: number;
  id: string;
  key: string;
  title: string;
  description: string;
  agreementType: AgreementType;
  agreementNumber: string | null;
  status: PartnershipStatus;
  signedOn: string | null;
  startsOn: string;
  endsOn: string;
  terminatedOn: string | null;
  renewsIndex: number | null;
  leadIndex: number;
  regencyCode: string;
  issue: string;
  createdAt: string;
  parties: PlannedParty[];
  programIndices: number[];
}

export interface NtbScalePlan {
  scale: GenerationScale;
  seed: number;
  organisations: PlannedOrganisation[];
  programs: PlannedProgram[];
  partnerships: PlannedPartnership[];
}
