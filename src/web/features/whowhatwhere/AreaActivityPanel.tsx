import { Anchor, Button, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AREA_ORGANISATIONS_PAGE } from '../../../shared/contracts/who-what-where.ts';
import { formatNumber, formatRupiah } from '../../../shared/format.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListPager } from '../../components/ListPager.tsx';
import { OrganisationName, organisationLabel } from '../../components/OrganisationName.tsx';
import { useLocale } from '../../lib/useLocale.ts';
import { TypeBadge } from '../organisations/badges.tsx';
import { ProgramStatusBadge } from '../programs/badges.tsx';
import { type ProgramFilters, paramsOfProgramFilters } from '../programs/filter-params.ts';
import { formatBudget, formatShare } from '../programs/format.ts';
import { useAreaActivity } from './api.ts';

const PAGE_SIZE = 10;

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text size="lg" fw={700} c="simpul.8" lh={1.2} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

/** What happens in one area under the current filters, and who does it. */
export function AreaActivityPanel({ code, filters }: { code: string; filters: ProgramFilters }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [page, setPage] = useState(1);
  const [organisationsPage, setOrganisationsPage] = useState(1);
  const activity = useAreaActivity(
    code,
    filters,
    PAGE_SIZE,
    (page - 1) * PAGE_SIZE,
    (organisationsPage - 1) * AREA_ORGANISATIONS_PAGE,
  );
  if (activity.isPending) return <Skeleton h={320} />;
  if (activity.isError) return <ErrorAlert error={activity.error} onRetry={() => void activity.refetch()} />;
  const { area, totals, programs, organisations } = activity.data;
  const pages = Math.ceil(programs.page.total / PAGE_SIZE);
  const organisationPages = Math.ceil(activity.data.organisationsPage.total / AREA_ORGANISATIONS_PAGE);
  const listQuery = paramsOfProgramFilters({ ...filters, area: area.code }).toString();
  return (
    <Stack gap="sm" data-testid="area-activity">
      <Stack gap={0}>
        <Title order={3} size="h4">
          {area.name}
        </Title>
        {area.ancestors.length > 0 && (
          <Text size="sm" data-testid="area-activity-ancestors">
            {area.ancestors.join(', ')}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t(`levels.${area.level}`, { defaultValue: area.level })} · {area.code}
        </Text>
      </Stack>
      <SimpleGrid cols={2} spacing="xs">
        <Figure label={t('whoWhatWhere.measures.programs')} value={formatNumber(totals.programs, locale)} />
        <Figure
          label={t('whoWhatWhere.measures.organisations')}
          value={formatNumber(totals.organisations, locale)}
        />
        <Figure
          label={t('whoWhatWhere.measures.productiveShare')}
          value={formatShare(totals.productiveShare, locale)}
        />
        <Figure
          label={t('whoWhatWhere.measures.budgetRealised')}
          value={formatRupiah(totals.budgetRealised, locale)}
        />
      </SimpleGrid>
      <Figure label={t('whoWhatWhere.measures.budget')} value={formatRupiah(totals.budgetPlanned, locale)} />

      <Title order={4} size="h5">
        {t('whoWhatWhere.area.programs', { count: programs.page.total })}
      </Title>
      {programs.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('whoWhatWhere.area.noPrograms')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {programs.items.map((p) => (
            <Stack key={p.id} component="li" gap={2}>
              <Anchor component={Link} to={`/program/${p.id}`} size="sm" fw={600}>
                {p.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {organisationLabel(p.owner, t)}
              </Text>
              <Group gap="xs">
                <ProgramStatusBadge status={p.status} />
                <Text size="xs">
                  {t('whoWhatWhere.area.budgetInArea', { amount: formatBudget(p.budgetInArea, locale, t) })}
                </Text>
              </Group>
            </Stack>
          ))}
        </Stack>
      )}
      {pages > 1 && <ListPager pages={pages} page={page} onChange={setPage} />}
      <Group>
        <Button component={Link} to={`/program?${listQuery}`} variant="default" size="xs">
          {t('whoWhatWhere.area.openList')}
        </Button>
      </Group>

      <Title order={4} size="h5">
        {t('whoWhatWhere.area.organisations', { count: activity.data.organisationsPage.total })}
      </Title>
      {organisations.length === 0 ? (
        <Text size="sm" c="dimmed">
          —
        </Text>
      ) : (
        <Table
          verticalSpacing={4}
          aria-label={t('whoWhatWhere.area.organisationsTable', { name: area.name })}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('whoWhatWhere.area.organisation')}</Table.Th>
              <Table.Th ta="right">{t('whoWhatWhere.measures.programs')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {organisations.map((o, i) => (
              <Table.Tr key={o.id ?? `withheld-${i}`}>
                <Table.Td>
                  <Stack gap={2}>
                    <OrganisationName org={o} size="sm" />
                    <TypeBadge type={o.type} />
                  </Stack>
                </Table.Td>
                <Table.Td ta="right">{formatNumber(o.programs, locale)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ListPager pages={organisationPages} page={organisationsPage} onChange={setOrganisationsPage} />
    </Stack>
  );
}
