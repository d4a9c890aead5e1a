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

/**
 * What a program count counts, said beside the number: the list counts every status its reader may
 * see, the map and dashboard leave drafts and cancelled programs out, so the two totals differ.
 */
export function programCountScope(
  t: TFunction,
  statuses: readonly ProgramStatus[] | undefined,
  view: 'list' | 'mapped',
): string {
  if (statuses && statuses.length > 0) {
    return t('programs.countScope.statuses', {
      statuses: statuses.map((s) => t(`programs.statuses.${s}`)).join(', '),
    });
  }
  return view === 'list' ? t('programs.countScope.all') : t('programs.countScope.mapped');
}
