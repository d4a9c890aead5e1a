import { Anchor, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../../shared/format.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { organisationLabel } from '../../components/OrganisationName.tsx';
import { SectionCard } from '../../components/SectionCard.tsx';
import { useLocale } from '../../lib/useLocale.ts';
import { useOrganisationPrograms } from '../programs/api.ts';
import { ProgramStatusBadge } from '../programs/badges.tsx';
import { formatPeriod, formatShare } from '../programs/format.ts';
import { useOrganisationDurability, useOrganisationPartnerships } from './api.ts';
import { LongTermBadge, PartnershipStatusBadge, partyLabel } from './badges.tsx';
import { SectorBadges } from './DurabilityFacts.tsx';

/** How many programs and partnerships the profile lists before linking to the full list. */
const SHOWN = 10;

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="lg" fw={700} c="simpul.8" lh={1.2} data-testid={testId}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

function Programs({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const programs = useOrganisationPrograms(organisationId, SHOWN);
  if (programs.isPending) return <Skeleton h={80} />;
  if (programs.isError) return <ErrorAlert error={programs.error} onRetry={() => void programs.refetch()} />;
  const { items, page } = programs.data;
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('partnerships.profile.noPrograms')}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((p) => (
          <Stack key={p.id} component="li" gap={2}>
            <Group gap="xs" justify="space-between" wrap="nowrap">
              <Anchor component={Link} to={`/program/${p.id}`} size="sm" fw={600}>
                {p.title}
              </Anchor>
              <ProgramStatusBadge status={p.status} />
            </Group>
            <Text size="xs" c="dimmed">
              {p.owner.id === organisationId
                ? t('partnerships.profile.asOwner')
                : t('partnerships.profile.asPartner', { owner: organisationLabel(p.owner, t) })}{' '}
              · {formatPeriod(p.periodStart, p.periodEnd, locale)}
            </Text>
          </Stack>
        ))}
      </Stack>
      {page.total > items.length && (
        <Anchor component={Link} to={`/program?organisationId=${organisationId}`} size="sm">
          {t('partnerships.profile.allPrograms', {
            count: page.total,
            formatted: formatNumber(page.total, locale),
          })}
        </Anchor>
      )}
    </Stack>
  );
}

function Partnerships({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const partnerships = useOrganisationPartnerships(organisationId, SHOWN);
  if (partnerships.isPending) return <Skeleton h={80} />;
  if (partnerships.isError) {
    return <ErrorAlert error={partnerships.error} onRetry={() => void partnerships.refetch()} />;
  }
  const { items } = partnerships.data;
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('partnerships.profile.noPartnerships')}
      </Text>
    );
  }
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((p) => (
        <Stack key={p.id} component="li" gap={2}>
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <Anchor component={Link} to={`/kemitraan/${p.id}`} size="sm" fw={600}>
              {p.title}
            </Anchor>
            <PartnershipStatusBadge status={p.status} />
          </Group>
          <Group gap="xs">
            <LongTermBadge longTerm={p.durability.longTerm} />
            <Text size="xs" c="dimmed">
              {p.parties
                .filter((party) => party.id !== organisationId)
                .map((party) => partyLabel(party, t))
                .join(', ')}
            </Text>
          </Group>
        </Stack>
      ))}
    </Stack>
  );
}

function Durability({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const durability = useOrganisationDurability(organisationId);
  if (durability.isPending) return <Skeleton h={60} />;
  if (durability.isError)
    return <ErrorAlert error={durability.error} onRetry={() => void durability.refetch()} />;
  const d = durability.data;
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        <Figure
          label={t('partnerships.profile.collaborations')}
          value={formatNumber(d.collaborations, locale)}
          testId="durability-collaborations"
        />
        <Figure
          label={t('partnerships.profile.longTermShare')}
          value={formatShare(d.longTermShare, locale)}
          testId="durability-long-term-share"
        />
        <Figure
          label={t('partnerships.profile.averageAge')}
          value={
            d.averageAgeYears === null
              ? '—'
              : t('partnerships.profile.years', { years: formatNumber(d.averageAgeYears, locale, 1) })
          }
          testId="durability-average-age"
        />
        <Figure
          label={t('partnerships.profile.renewals')}
          value={formatNumber(d.renewals, locale)}
          testId="durability-renewals"
        />
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        {t('partnerships.profile.durabilityText', {
          longTerm: formatNumber(d.longTerm, locale),
          oneOff: formatNumber(d.oneOff, locale),
          programs: formatNumber(d.linkedPrograms, locale),
        })}
      </Text>
      {d.partnerSectors.length > 0 && (
        <Group gap="xs">
          <Text size="sm">{t('partnerships.profile.partnerSectors')}</Text>
          <SectorBadges sectors={d.partnerSectors} />
        </Group>
      )}
    </Stack>
  );
}

/** The organisation profile's programs (owned or as partner), partnerships and how lasting they are. */
export function OrganisationCollaboration({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  return (
    <SectionCard title={t('organisations.profile.programmes')} id="org-programmes">
      <Stack gap="md">
        <Stack gap="xs">
          <Title order={4} size="h5">
            {t('nav.programs')}
          </Title>
          <Programs organisationId={organisationId} />
        </Stack>
        <Stack gap="xs">
          <Title order={4} size="h5">
            {t('nav.partnerships')}
          </Title>
          <Partnerships organisationId={organisationId} />
        </Stack>
        <Stack gap="xs">
          <Title order={4} size="h5">
            {t('partnerships.profile.durability')}
          </Title>
          <Durability organisationId={organisationId} />
        </Stack>
      </Stack>
    </SectionCard>
  );
}
