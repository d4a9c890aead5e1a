import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isProductive, type Modality, type ProgramStatus } from '../../../shared/programs.ts';
import { PROGRAM_STATUS_COLOURS } from './labels.ts';

/** Badges keep their whole label: in a table cell they would otherwise be cut to an ellipsis. */
const NO_SHRINK = { flexShrink: 0, minWidth: 'max-content' } as const;

export function ProgramStatusBadge({ status }: { status: ProgramStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={PROGRAM_STATUS_COLOURS[status]} variant="filled" autoContrast tt="none" style={NO_SHRINK}>
      {t(`programs.statuses.${status}`)}
    </Badge>
  );
}

/** "Productive" (builds a lasting capacity) or "consumptive" (used up): see shared/programs.ts. */
export function ProductiveBadge({ productive }: { productive: boolean }) {
  const { t } = useTranslation();
  // Outline badges take a lighter shade for their text; the dark shade is set so it keeps AA contrast.
  // orange.9 is 4.0:1 on white; this darker orange (Tailwind orange-800) is 7:1.
  const colour = productive ? 'var(--mantine-color-teal-9)' : '#9a3412';
  return (
    <Badge
      variant="outline"
      radius="sm"
      tt="none"
      size="sm"
      style={{ ...NO_SHRINK, color: colour, borderColor: colour }}
    >
      {productive ? t('programs.productive') : t('programs.consumptive')}
    </Badge>
  );
}

/** The modality with its productive/consumptive kind. */
export function ModalityBadges({ modality, productive }: { modality: Modality; productive?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      <Badge variant="default" radius="sm" tt="none" fw={500} size="sm" style={NO_SHRINK}>
        {t(`programs.modalities.${modality}`)}
      </Badge>
      <ProductiveBadge productive={productive ?? isProductive(modality)} />
    </Group>
  );
}
