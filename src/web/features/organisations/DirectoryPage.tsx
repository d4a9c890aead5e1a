import {
  Alert,
  Anchor,
  Button,
  Collapse,
  Grid,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  useMantineTheme,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { OrganisationSummary } from '../../../shared/contracts/organisations.ts';
import { formatNumber } from '../../../shared/format.ts';
import { AreaFilter } from '../../components/AreaFilter.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { FilterIcon, PlusIcon, UploadIcon } from '../../components/icons.tsx';
import { ListPager } from '../../components/ListPager.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SearchInput } from '../../components/SearchInput.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useLocale } from '../../lib/useLocale.ts';
import {
  canCreateOrganisations,
  canExportOrganisations,
  canImportOrganisations,
} from '../auth/permissions.ts';
import { useSession } from '../auth/session.ts';
import { type DirectoryFilters, useIssues, useOrganisationList } from './api.ts';
import { IssueBadges, TypeBadge, VerificationBadge } from './badges.tsx';
import {
  activeFilterCount,
  filtersFromParams,
  pageFromParams,
  paramsFromFilters,
} from './directory-params.ts';
import { ExportMenu } from './ExportMenu.tsx';
import { issueName, offerOptions, typeOptions, verificationOptions } from './labels.ts';

/** Rows per page of the directory. */
export const DIRECTORY_PAGE_SIZE = 20;

type FiltersProps = {
  filters: DirectoryFilters;
  onChange: (next: DirectoryFilters) => void;
  signedIn: boolean;
};

function Filters({ filters, onChange, signedIn }: FiltersProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const issues = useIssues();
  const set = (patch: Partial<DirectoryFilters>) => onChange({ ...filters, ...patch });
  const issueOptions = (issues.data?.items ?? []).map((i) => ({
    value: i.code,
    label: issueName(issues.data?.items, i.code, locale),
  }));
  return (
    <Grid gap="sm" align="flex-end">
      <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
        <Select
          label={t('organisations.filters.type')}
          placeholder={t('organisations.filters.all')}
          data={typeOptions(t)}
          value={filters.type ?? null}
          onChange={(value) => set({ type: (value as DirectoryFilters['type']) ?? undefined })}
          clearable
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
        <Select
          label={t('organisations.filters.issue')}
          placeholder={t('organisations.filters.all')}
          data={issueOptions}
          value={filters.issue ?? null}
          onChange={(value) => set({ issue: value ?? undefined })}
          searchable
          clearable
          nothingFoundMessage={t('common.noMatches')}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
        <AreaFilter
          label={t('organisations.filters.area')}
          placeholder={t('organisations.filters.areaPlaceholder')}
          code={filters.area}
          onChange={(area) => set({ area })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
        <Select
          label={t('organisations.filters.offer')}
          placeholder={t('organisations.filters.all')}
          data={offerOptions(t)}
          value={filters.offer ?? null}
          onChange={(value) => set({ offer: (value as DirectoryFilters['offer']) ?? undefined })}
          clearable
        />
      </Grid.Col>
      {signedIn && (
        <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
          <Select
            label={t('organisations.filters.verification')}
            placeholder={t('organisations.filters.all')}
            data={verificationOptions(t)}
            value={filters.verification ?? null}
            onChange={(value) =>
              set({ verification: (value as DirectoryFilters['verification']) ?? undefined })
            }
            clearable
          />
        </Grid.Col>
      )}
      <Grid.Col span={{ base: 12, sm: 6, lg: 4 }}>
        <Select
          label={t('organisations.filters.sort')}
          data={[
            { value: 'name', label: t('organisations.filters.sortName') },
            { value: 'updated', label: t('organisations.filters.sortUpdated') },
          ]}
          value={filters.sort ?? 'name'}
          onChange={(value) => set({ sort: value === 'updated' ? 'updated' : undefined })}
          allowDeselect={false}
        />
      </Grid.Col>
    </Grid>
  );
}

function OrganisationName({ org }: { org: OrganisationSummary }) {
  return (
    <Stack gap={0}>
      <Anchor component={Link} to={`/mitra/${org.id}`} fw={600} inherit>
        {org.legalName}
      </Anchor>
      {org.shortName && (
        <Text size="xs" c="dimmed">
          {org.shortName}
        </Text>
      )}
    </Stack>
  );
}

function ResultsTable({ items, busy }: { items: OrganisationSummary[]; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <ScrollTable minWidth={760}>
      <Table
        striped
        highlightOnHover
        verticalSpacing="sm"
        aria-label={t('organisations.directory.tableLabel')}
        aria-busy={busy}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('organisations.fields.legalName')}</Table.Th>
            <Table.Th>{t('organisations.fields.type')}</Table.Th>
            <Table.Th>{t('organisations.fields.areaCode')}</Table.Th>
            <Table.Th>{t('organisations.fields.issues')}</Table.Th>
            <Table.Th>{t('organisations.fields.verification')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((org) => (
            <Table.Tr key={org.id}>
              <Table.Td maw={360}>
                <OrganisationName org={org} />
              </Table.Td>
              <Table.Td>
                <TypeBadge type={org.type} />
              </Table.Td>
              <Table.Td>{org.areaName}</Table.Td>
              <Table.Td maw={280}>
                <IssueBadges codes={org.issues} max={3} />
              </Table.Td>
              <Table.Td>
                <VerificationBadge status={org.verificationStatus} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** On a phone each organisation is a card: a table would need sideways scrolling. */
function ResultsCards({ items, busy }: { items: OrganisationSummary[]; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack
      gap="sm"
      component="ul"
      aria-label={t('organisations.directory.tableLabel')}
      aria-busy={busy}
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
    >
      {items.map((org) => (
        <Paper key={org.id} component="li" p="sm">
          <Stack gap={6}>
            <OrganisationName org={org} />
            <Group gap={6}>
              <TypeBadge type={org.type} />
              <VerificationBadge status={org.verificationStatus} />
            </Group>
            <Text size="sm">{org.areaName}</Text>
            {org.issues.length > 0 && <IssueBadges codes={org.issues} max={4} />}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

/** /mitra: the directory of organisations, filtered through the URL. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const theme = useMantineTheme();
  // Known on the first render, so a phone does not see the filters open and then fold away.
  const isPhone =
    useMediaQuery(`(max-width: ${theme.breakpoints.sm})`, undefined, { getInitialValueInEffect: false }) ??
    false;
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFromParams(searchParams);
  const page = pageFromParams(searchParams);
  const session = useSession();
  const user = session.data?.user ?? null;
  const list = useOrganisationList(filters, DIRECTORY_PAGE_SIZE, (page - 1) * DIRECTORY_PAGE_SIZE);
  useDocumentTitle(t('nav.partners'));

  const setFilters = (next: DirectoryFilters) => setSearchParams(paramsFromFilters(next, 1));
  const setPage = (next: number) => {
    setSearchParams(paramsFromFilters(filters, next));
    window.scrollTo({ top: 0 });
  };
  const active = activeFilterCount(filters);
  const total = list.data?.page.total ?? 0;
  const pages = Math.ceil(total / DIRECTORY_PAGE_SIZE);
  const anyFilter = active > 0 || Boolean(filters.q);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('nav.partners')}
        subtitle={t('organisations.directory.intro')}
        actions={
          <>
            {canCreateOrganisations(user) && (
              <Button component={Link} to="/mitra/baru" leftSection={<PlusIcon />}>
                {t('organisations.directory.create')}
              </Button>
            )}
            {canImportOrganisations(user) && (
              <Button component={Link} to="/mitra/impor" variant="default" leftSection={<UploadIcon />}>
                {t('organisations.import.button')}
              </Button>
            )}
            {canExportOrganisations(user) && <ExportMenu filters={filters} />}
          </>
        }
      />
      {session.data && !user && (
        <Alert color="blue" variant="light">
          {t('organisations.directory.publicNote')}{' '}
          <Anchor component={Link} to="/masuk?next=%2Fmitra" inherit underline="always">
            {t('auth.login.title')}
          </Anchor>
        </Alert>
      )}
      <Paper p={{ base: 'sm', sm: 'md' }} component="section" aria-label={t('organisations.filters.title')}>
        <Stack gap="sm">
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <div style={{ flex: 1 }}>
              <SearchInput
                label={t('organisations.filters.search')}
                placeholder={t('organisations.filters.searchPlaceholder')}
                value={filters.q ?? ''}
                onChange={(q) => setFilters({ ...filters, q: q || undefined })}
              />
            </div>
            {isPhone && (
              <Button
                variant="default"
                onClick={toggleFilters}
                aria-expanded={filtersOpen}
                aria-controls="directory-filters"
                leftSection={<FilterIcon />}
              >
                {active > 0
                  ? t('organisations.filters.toggleCount', { count: active })
                  : t('organisations.filters.toggle')}
              </Button>
            )}
          </Group>
          <Collapse expanded={!isPhone || filtersOpen} id="directory-filters">
            <Filters filters={filters} onChange={setFilters} signedIn={Boolean(user)} />
          </Collapse>
          {anyFilter && (
            <Group>
              <Button variant="subtle" size="xs" onClick={() => setSearchParams(new URLSearchParams())}>
                {t('organisations.filters.reset')}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>

      <Stack gap="sm" component="section" aria-label={t('organisations.directory.results')}>
        <Text size="sm" c="dimmed" role="status">
          {list.data
            ? t('organisations.directory.count', { count: total, formatted: formatNumber(total, locale) })
            : ''}
        </Text>
        {list.isPending && <Skeleton h={320} />}
        {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && list.data.items.length === 0 && (
          <Paper p="lg">
            <Stack gap="xs" align="flex-start">
              <Text fw={600}>{t('organisations.directory.emptyTitle')}</Text>
              <Text size="sm" c="dimmed">
                {anyFilter ? t('organisations.directory.emptyFiltered') : t('organisations.directory.empty')}
              </Text>
            </Stack>
          </Paper>
        )}
        {list.data &&
          list.data.items.length > 0 &&
          (isPhone ? (
            <ResultsCards items={list.data.items} busy={list.isFetching} />
          ) : (
            <Paper p={{ base: 0, sm: 'xs' }}>
              <ResultsTable items={list.data.items} busy={list.isFetching} />
            </Paper>
          ))}
        {pages > 1 && <ListPager pages={pages} page={page} onChange={setPage} />}
      </Stack>
    </Stack>
  );
}
