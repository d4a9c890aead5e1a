import { Alert, Anchor, Button, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ProgramSummary } from '../../../shared/contracts/programs.ts';
import { formatNumber, formatRupiah } from '../../../shared/format.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PlusIcon } from '../../components/icons.tsx';
import { ListPager } from '../../components/ListPager.tsx';
import { OrganisationName, organisationLabel } from '../../components/OrganisationName.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { canCreatePrograms, canExportPrograms } from '../auth/permissions.ts';
import { useSession } from '../auth/session.ts';
import { useOrganisation } from '../organisations/api.ts';
import { useProgramList } from './api.ts';
import { ModalityBadges, ProgramStatusBadge } from './badges.tsx';
import { ProgramExportMenu } from './ExportMenu.tsx';
import {
  activeFilterCount,
  type ProgramFilters,
  pageFromParams,
  paramsOfProgramFilters,
  programFiltersFromParams,
} from './filter-params.ts';
import { formatBudget, formatPeriod } from './format.ts';
import { programCountScope } from './labels.ts';
import { ProgramFilterPanel } from './ProgramFilterPanel.tsx';

/** Rows per page of the program list. */
export const PROGRAM_PAGE_SIZE = 20;

function ProgramRow({ program }: { program: ProgramSummary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const regencies = program.regencies.map((r) => r.name).join(', ');
  return (
    <Table.Tr>
      <Table.Td miw={220} maw={360}>
        <Stack gap={2}>
          <Anchor component={Link} to={`/program/${program.id}`} fw={600} inherit>
            {program.title}
          </Anchor>
          {/* On narrow screens the owner column is hidden: the owner shows under the title. */}
          <Text size="xs" c="dimmed" hiddenFrom="md">
            {organisationLabel(program.owner, t)}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td visibleFrom="md" maw={240}>
        <OrganisationName org={program.owner} size="sm" />
      </Table.Td>
      <Table.Td>
        <ProgramStatusBadge status={program.status} />
      </Table.Td>
      <Table.Td visibleFrom="sm">
        <ModalityBadges modality={program.modality} productive={program.productive} />
      </Table.Td>
      <Table.Td visibleFrom="lg" style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{formatPeriod(program.periodStart, program.periodEnd, locale)}</Text>
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" c={program.budgetPlanned === null ? 'dimmed' : undefined}>
          {formatBudget(program.budgetPlanned, locale, t)}
        </Text>
        {program.budgetRealised !== null && (
          <Text size="xs" c="dimmed">
            {t('programs.list.realised', { amount: formatRupiah(program.budgetRealised, locale) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td visibleFrom="sm" ta="right">
        {formatNumber(program.villageCount, locale)}
      </Table.Td>
      <Table.Td visibleFrom="md" maw={220}>
        <Text size="sm">{regencies || '—'}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

function ProgramTable({ items, busy }: { items: ProgramSummary[]; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <ScrollTable minWidth={360}>
      <Table
        striped
        highlightOnHover
        verticalSpacing="sm"
        aria-label={t('programs.list.tableLabel')}
        aria-busy={busy}
        data-testid="program-table"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('programs.fields.title')}</Table.Th>
            <Table.Th visibleFrom="md">{t('programs.fields.owner')}</Table.Th>
            <Table.Th>{t('programs.fields.status')}</Table.Th>
            <Table.Th visibleFrom="sm">{t('programs.fields.modality')}</Table.Th>
            <Table.Th visibleFrom="lg">{t('programs.fields.period')}</Table.Th>
            <Table.Th ta="right">{t('programs.fields.budgetPlanned')}</Table.Th>
            <Table.Th visibleFrom="sm" ta="right">
              {t('programs.fields.villageCount')}
            </Table.Th>
            <Table.Th visibleFrom="md">{t('programs.fields.regencies')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((program) => (
            <ProgramRow key={program.id} program={program} />
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** Shown when the list is narrowed to one organisation (the link from its profile). */
function OrganisationFilterNotice({ id, onClear }: { id: string; onClear: () => void }) {
  const { t } = useTranslation();
  const org = useOrganisation(id);
  return (
    <Alert color="blue" variant="light">
      <Group justify="space-between" gap="xs">
        <Text size="sm">
          {t('programs.list.ofOrganisation')}{' '}
          <Anchor component={Link} to={`/mitra/${id}`} inherit fw={600}>
            {org.data?.legalName ?? '…'}
          </Anchor>
        </Text>
        <Button size="xs" variant="white" onClick={onClear}>
          {t('programs.list.allOrganisations')}
        </Button>
      </Group>
    </Alert>
  );
}

/** /program: who does what, where, when and with what budget; filtered through the URL. */
export function ProgramListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = programFiltersFromParams(searchParams);
  const page = pageFromParams(searchParams);
  const user = useSession().data?.user ?? null;
  const list = useProgramList(filters, PROGRAM_PAGE_SIZE, (page - 1) * PROGRAM_PAGE_SIZE);
  useDocumentTitle(t('nav.programs'));

  const setFilters = (next: ProgramFilters) => setSearchParams(paramsOfProgramFilters(next, 1));
  const setPage = (next: number) => {
    setSearchParams(paramsOfProgramFilters(filters, next));
    window.scrollTo({ top: 0 });
  };
  const total = list.data?.page.total ?? 0;
  const pages = Math.ceil(total / PROGRAM_PAGE_SIZE);
  const anyFilter = activeFilterCount(filters) > 0 || Boolean(filters.q);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('nav.programs')}
        subtitle={t('programs.list.intro')}
        actions={
          <>
            {canCreatePrograms(user) && (
              <Button component={Link} to="/program/baru" leftSection={<PlusIcon />}>
                {t('programs.list.create')}
              </Button>
            )}
            {canCreatePrograms(user) && (
              <Button component={Link} to="/program/impor" variant="default">
                {t('programImport.button')}
              </Button>
            )}
            {canExportPrograms(user) && <ProgramExportMenu filters={filters} />}
          </>
        }
      />
      {filters.organisationId && (
        <OrganisationFilterNotice
          id={filters.organisationId}
          onClear={() => setFilters({ ...filters, organisationId: undefined })}
        />
      )}
      <ProgramFilterPanel filters={filters} onChange={setFilters} withSearch withSort />

      <Stack gap="sm" component="section" aria-label={t('programs.list.results')}>
        <Text size="sm" c="dimmed" role="status">
          {list.data
            ? `${t('programs.list.count', { count: total, formatted: formatNumber(total, locale) })} · ${programCountScope(t, filters.status, 'list')}`
            : ''}
        </Text>
        {list.isPending && <Skeleton h={320} />}
        {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && list.data.items.length === 0 && (
          <Paper p="lg">
            <Stack gap="xs" align="flex-start">
              <Text fw={600}>{t('programs.list.emptyTitle')}</Text>
              <Text size="sm" c="dimmed">
                {anyFilter ? t('programs.list.emptyFiltered') : t('programs.list.empty')}
              </Text>
              {!anyFilter && canCreatePrograms(user) && (
                <Button component={Link} to="/program/baru" size="xs" leftSection={<PlusIcon />}>
                  {t('programs.list.create')}
                </Button>
              )}
            </Stack>
          </Paper>
        )}
        {list.data && list.data.items.length > 0 && (
          <Paper p={{ base: 0, sm: 'xs' }}>
            <ProgramTable items={list.data.items} busy={list.isFetching} />
          </Paper>
        )}
        {pages > 1 && <ListPager pages={pages} page={page} onChange={setPage} />}
      </Stack>
    </Stack>
  );
}
