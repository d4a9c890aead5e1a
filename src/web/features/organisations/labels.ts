import type { TFunction } from 'i18next';
import type { Issue } from '../../../shared/contracts/organisations.ts';
import type { Locale } from '../../../shared/format.ts';
import {
  OFFER_KINDS,
  ORGANISATION_LEVELS,
  ORGANISATION_TYPES,
  VERIFICATION_STATUSES,
  type VerificationStatus,
} from '../../../shared/roles.ts';

/** Issue name in the reader's language; an unknown code (retired since) shows as itself. */
export function issueName(issues: readonly Issue[] | undefined, code: string, locale: Locale): string {
  const issue = issues?.find((i) => i.code === code);
  if (!issue) return code.replace(/_/g, ' ');
  return locale === 'en' ? issue.nameEn : issue.nameId;
}

export const typeOptions = (t: TFunction) =>
  ORGANISATION_TYPES.map((value) => ({ value, label: t(`organisations.types.${value}`) }));
export const levelOptions = (t: TFunction) =>
  ORGANISATION_LEVELS.map((value) => ({ value, label: t(`organisations.levels.${value}`) }));
export const offerOptions = (t: TFunction) =>
  OFFER_KINDS.map((value) => ({ value, label: t(`organisations.offers.${value}`) }));
export const verificationOptions = (t: TFunction) =>
  VERIFICATION_STATUSES.map((value) => ({ value, label: t(`organisations.verification.${value}`) }));

/** Badge colours that keep AA contrast with the filled variant. */
export const VERIFICATION_COLOURS: Record<VerificationStatus, string> = {
  verified: 'teal.9',
  unverified: 'gray.7',
  rejected: 'red.9',
};
