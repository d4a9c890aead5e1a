/**
 * Program and partnership vocabulary both sides use: the stable identifiers stored
 * in the database (labels live in the web i18n files), the status lifecycles, and the
 * productive/consumptive rule. See docs/programs.md.
 */

export const PROGRAM_STATUSES = ['draft', 'planned', 'active', 'completed', 'cancelled'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

/**
 * Allowed status moves. A draft may be planned or started at once, a planned program may go
 * back to draft, and any program may be cancelled before it completes; "completed" and
 * "cancelled" are final (a new program is
 * created for a new phase, so history stays true).
 */
export const PROGRAM_TRANSITIONS: Record<ProgramStatus, readonly ProgramStatus[]> = {
  draft: ['planned', 'active', 'cancelled'],
  planned: ['active', 'cancelled', 'draft'],
  active: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

export function canMoveProgram(from: ProgramStatus, to: ProgramStatus): boolean {
  return from === to || PROGRAM_TRANSITIONS[from].includes(to);
}

/** Statuses the who-does-what-where views count: a draft is not yet something that happens. */
export const MAPPED_STATUSES = ['planned', 'active', 'completed', 'cancelled'] as const;
/** What the map and dashboard show when no status filter is given. */
export const DEFAULT_MAPPED_STATUSES = ['planned', 'active', 'completed'] as const;

export const MODALITIES = [
  'cash',
  'in_kind',
  'service',
  'productive_asset',
  'training',
  'infrastructure',
] as const;
export type Modality = (typeof MODALITIES)[number];

/**
 * Productive aid builds a lasting capacity to earn or be served (capital, skills,
 * infrastructure); consumptive aid is used up (cash transfers, goods, one-off
 * services). The database derives the same rule in a generated column.
 */
export const PRODUCTIVE_MODALITIES: readonly Modality[] = ['productive_asset', 'training', 'infrastructure'];
export function isProductive(modality: Modality): boolean {
  return PRODUCTIVE_MODALITIES.includes(modality);
}

export const PARTNER_ROLES = ['funder', 'implementer', 'technical', 'advocacy_media'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const AGREEMENT_TYPES = ['mou', 'pks', 'commitment_letter', 'informal'] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

export const PARTNERSHIP_STATUSES = ['draft', 'signed', 'active', 'expired', 'terminated'] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

export const PARTNERSHIP_TRANSITIONS: Record<PartnershipStatus, readonly PartnershipStatus[]> = {
  draft: ['signed', 'active', 'terminated'],
  signed: ['active', 'terminated', 'expired'],
  active: ['expired', 'terminated'],
  expired: [],
  terminated: [],
};

export function canMovePartnership(from: PartnershipStatus, to: PartnershipStatus): boolean {
  return from === to || PARTNERSHIP_TRANSITIONS[from].includes(to);
}

export const PARTY_ROLES = [
  'lead',
  'funder',
  'implementer',
  'technical',
  'advocacy_media',
  'government_counterpart',
] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/**
 * Whether a named party agreed to take part (docs/partnerships.md): `invited` until the
 * organisation confirms or declines. Only confirmed parties count in durability figures.
 */
export const PARTY_CONFIRMATIONS = ['invited', 'confirmed', 'declined'] as const;
export type PartyConfirmation = (typeof PARTY_CONFIRMATIONS)[number];

/** First and last year a program's map figures may fall in (the strategy runs 2025–2030; history back to 2015). */
export const PROGRAM_YEAR_MIN = 2015;
export const PROGRAM_YEAR_MAX = 2035;

/**
 * Splits `total` whole rupiah into `parts` integer shares that add up exactly: every
 * share gets the floor, and the first `total mod parts` shares one rupiah more.
 */
export function splitEvenly(total: number, parts: number): number[] {
  if (parts <= 0) return [];
  const base = Math.floor(total / parts);
  const rest = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < rest ? 1 : 0));
}

/** Calendar years a period touches, e.g. 2025-07-01..2026-06-30 → [2025, 2026]. */
export function yearsOf(periodStart: string, periodEnd: string): number[] {
  const first = Number(periodStart.slice(0, 4));
  const last = Number(periodEnd.slice(0, 4));
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  return years;
}
