import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PartnershipStatus, PartyConfirmation } from '../../../shared/programs.ts';
import { organisationLabel } from '../../components/OrganisationName.tsx';

/** Badge colours (filled, auto-contrasted) that keep AA contrast. */
export const PARTNERSHIP_STATUS_COLOURS: Record<PartnershipStatus, string> = {
  draft: 'gray.7',
  signed: 'blue.8',
  active: 'teal.9',
  expired: 'gray.9',
  terminated: 'red.9',
};

const NO_SHRINK = { flexShrink: 0, minWidth: 'max-content' } as const;

export function PartnershipStatusBadge({ status }: { status: PartnershipStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={PARTNERSHIP_STATUS_COLOURS[status]}
      variant="filled"
      autoContrast
      tt="none"
      style={NO_SHRINK}
    >
      {t(`partnerships.statuses.${status}`)}
    </Badge>
  );
}

/** "Long-term" when the collaboration outlived one agreement or project (see durability). */
export function LongTermBadge({ longTerm }: { longTerm: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="outline"
      color={longTerm ? 'teal.9' : 'gray.7'}
      radius="sm"
      tt="none"
      size="sm"
      style={NO_SHRINK}
    >
      {longTerm ? t('partnerships.durability.longTerm') : t('partnerships.durability.oneOff')}
    </Badge>
  );
}

/** Marks a party that has not (or not yet) agreed to take part; confirmed parties carry no badge. */
export function PartyConfirmationBadge({ confirmation }: { confirmation: PartyConfirmation }) {
  const { t } = useTranslation();
  if (confirmation === 'confirmed') return null;
  return (
    <Badge
      // Invited: dark text on yellow (auto-contrasted); declined: red outline. Both keep AA contrast.
      variant={confirmation === 'invited' ? 'filled' : 'outline'}
      color={confirmation === 'invited' ? 'yellow.5' : 'red.9'}
      autoContrast
      radius="sm"
      tt="none"
      size="sm"
      style={NO_SHRINK}
    >
      {t(`partnerships.confirmation.${confirmation}`)}
    </Badge>
  );
}

/** A party's name for lists, with "(awaiting confirmation)" or "(declined)" when it has not confirmed. */
export function partyLabel(
  party: { name: string | null; confirmation: PartyConfirmation },
  t: TFunction,
): string {
  // A withheld (unverified) party reads "Mitra belum terverifikasi", as everywhere else.
  const name = organisationLabel(party, t);
  return party.confirmation === 'confirmed'
    ? name
    : `${name} (${t(`partnerships.confirmation.${party.confirmation}`).toLowerCase()})`;
}
