import type { TFunction } from 'i18next';
import {
  MODALITIES,
  type Modality,
  PARTNER_ROLES,
  PROGRAM_STATUSES,
  type ProgramStatus,
} from '../../../shared/programs.ts';

export const statusOptions = (t: TFunction, statuses: readonly ProgramStatus[] = PROGRAM_STATUSES) =>
  statuses.map((value) => ({ value, label: t(`programs.statuses.${value}`) }));
export const modalityOptions = (t: TFunction) =>
  MODALITIES.map((value) => ({ value, label: t(`programs.modalities.${value}`) }));
export const partnerRoleOptions = (t: TFunction) =>
  PARTNER_ROLES.map((value) => ({ value, label: t(`programs.partnerRoles.${value}`) }));

/** Badge colours (filled, auto-contrasted) that keep AA contrast. */
export const PROGRAM_STATUS_COLOURS: Record<ProgramStatus, string> = {
  draft: 'gray.7',
  planned: 'blue.8',
  active: 'teal.9',
  completed: 'indigo.9',
  cancelled: 'red.9',
};

export function modalityLabel(t: TFunction, modality: Modality): string {
  return t(`programs.modalities.${modality}`);
}
