import { Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Durability } from '../../../shared/contracts/partnerships.ts';
import { formatNumber } from '../../../shared/format.ts';
import { ORGANISATION_TYPES, type OrganisationType } from '../../../shared/roles.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { TypeBadge } from '../organisations/badges.tsx';
import { LongTermBadge } from './badges.tsx';

const isOrganisationType = (value: string): value is OrganisationType =>
  (ORGANISATION_TYPES as readonly string[]).includes(value);

/** Organisation types are the partnership's "sectors"; other values show as they are. */
export function SectorBadges({ sectors }: { sectors: string[] }) {
  if (sectors.length === 0) return <>—</>;
  return (
    <Group gap={4}>
      {sectors.map((s) =>
        isOrganisationType(s) ? (
          <TypeBadge key={s} type={s} />
        ) : (
          <Text key={s} span size="sm">
            {s}
          </Text>
        ),
      )}
    </Group>
  );
}

/** A partnership's durability measures, each explained in words. */
export function DurabilityFacts({ durability }: { durability: Durability }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const years = formatNumber(durability.ageYears, locale, durability.ageYears < 10 ? 1 : 0);
  return (
    <>
      <Group gap="xs">
        <LongTermBadge longTerm={durability.longTerm} />
        <Text size="sm" c="dimmed">
          {durability.longTerm
            ? t('partnerships.durability.longTermText')
            : t('partnerships.durability.oneOffText')}
        </Text>
      </Group>
      <List size="sm" spacing={4} data-testid="durability">
        <List.Item>{t('partnerships.durability.age', { years })}</List.Item>
        <List.Item>{t('partnerships.durability.renewals', { count: durability.renewals })}</List.Item>
        <List.Item>
          {t('partnerships.durability.linkedPrograms', { count: durability.linkedPrograms })}
        </List.Item>
        <List.Item>
          {durability.sameVillagesAcrossYears
            ? t('partnerships.durability.repeatVillages', {
                count: durability.repeatVillages,
                formatted: formatNumber(durability.repeatVillages, locale),
              })
            : t('partnerships.durability.noRepeatVillages')}
        </List.Item>
        <List.Item>
          <Group gap="xs">
            <Text span size="sm">
              {t('partnerships.durability.sectors')}
            </Text>
            <SectorBadges sectors={durability.sectors} />
          </Group>
        </List.Item>
      </List>
    </>
  );
}
