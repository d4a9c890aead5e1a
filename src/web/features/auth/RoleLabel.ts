import type { TFunction } from 'i18next';
import type { Membership } from '../../../shared/contracts/accounts.ts';

/** "Editor organisasi · Yayasan Peduli Anak Sasak" (with "· wilayah 52.03" when area-scoped). */
export function membershipLabel(t: TFunction, membership: Membership): string {
  const role = t(`roles.${membership.role}`);
  const base = t('auth.membership', { role, organisation: membership.organisationName });
  return membership.areaScope ? t('auth.membershipScoped', { base, area: membership.areaScope }) : base;
}
