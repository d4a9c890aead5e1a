/**
 * Roles a membership can carry, and organisation types. Labels live in the web
 * i18n files; these are the stable identifiers stored in the database.
 */
export const ROLES = [
  'platform_admin',
  'coordinator',
  'org_admin',
  'org_editor',
  'viewer',
  'field_facilitator',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles an organisation administrator may grant inside their own organisation. */
export const ORG_GRANTABLE_ROLES: readonly Role[] = [
  'org_admin',
  'org_editor',
  'viewer',
  'field_facilitator',
];

export const ORGANISATION_TYPES = [
  'government',
  'bumn_bumd',
  'private_company',
  'philanthropy',
  'university',
  'ngo',
  'media',
  'lkks',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** Types that sit at a level of government: an OPD/Dinas or an LKKS chapter is provincial or kabupaten/kota. */
export const LEVELLED_TYPES: readonly OrganisationType[] = ['government', 'lkks'];
export const ORGANISATION_LEVELS = ['province', 'regency'] as const;
export type OrganisationLevel = (typeof ORGANISATION_LEVELS)[number];

/** Sector of each type, as used for "how many sectors does this partnership involve". */
export const SECTOR_OF_TYPE: Record<OrganisationType, string> = {
  government: 'government',
  lkks: 'government',
  bumn_bumd: 'business',
  private_company: 'business',
  philanthropy: 'philanthropy',
  university: 'university',
  ngo: 'ngo',
  media: 'media',
};

export const OFFER_KINDS = ['funds', 'in_kind', 'expertise', 'volunteers', 'media_reach'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];

export const VERIFICATION_STATUSES = ['unverified', 'verified', 'rejected'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
