import {
  Anchor,
  Button,
  Grid,
  Group,
  MultiSelect,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate, formatNumber } from '../../../shared/format.ts';
import { AGREEMENT_TYPES, PARTNERSHIP_STATUSES } from '../../../shared/programs.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PlusIcon } from '../../components/icons.tsx';
import { ListPager } from '../../components/ListPager.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SearchInput } from '../../components/SearchInput.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { canCreatePartnerships } from '../auth/permissions.ts';
import { useSession } from '../auth/session.ts';
import { type PartnershipSummary, usePartnershipList } from './api.ts';
import { LongTermBadge, PartnershipStatusBadge, partyLabel } from './badges.tsx';
import {
  type PartnershipFilters,
  paramsOfPartnershipFilters,
  partnershipFiltersFromParams,
} from './list-params.ts';

const PAGE_SIZE = 20;

/** "1 Jan 2024 – 31 Des 2026", an open end, or a dash. */
export function formatAgreementPeriod(
  start: string | null,
  end: string | null,
  locale: 'id' | 'en',
  open: string,
) {
  if (!start && !end) return '—';
  return `${start ? formatDate(start, locale) : '…'} – ${end ? formatDate(end, locale) : open}`;
}

function PartnershipRow({ item }: { item: PartnershipSummary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Table.Tr>
      <Table.Td miw={220} maw={360}>
        <Stack gap={2}>
          <Anchor component={Link} to={`/kemitraan/${item.id}`} fw={600} inherit>
            {item.title}
          </Anchor>
          <Text size="xs" c="dimmed" hiddenFrom="md">
            {item.parties.map((p) => partyLabel(p, t)).join(', ')}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td visibleFrom="md" maw={320}>
        <Text size="sm">{item.parties.map((p) => partyLabel(p, t)).join(', ')}</Text>
      </Table.Td>
      <Table.Td visibleFrom="sm">{t(`partnerships.agreementTypes.${item.agreementType}`)}</Table.Td>
      <Table.Td>
        <PartnershipStatusBadge status={item.status} />
      </Table.Td>
      <Table.Td visibleFrom="lg" style={{ whiteSpace: 'nowrap' }}>
        {formatAgreementPeriod(item.startsOn, item.endsOn, locale, t('partnerships.openEnded'))}
      </Table.Td>
      <Table.Td visibleFrom="sm">
        <LongTermBadge longTerm={item.durability.longTerm} />
      </Table.Td>
    </Table.Tr>
  );
}

/** /kemitraan: agreements between organisations, and how lasting they are. */
export function PartnershipListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = partnershipFiltersFromParams(searchParams);
  const page = Math.max(1, Number.parseInt(searchParams.get('page') ?? '1', 10) || 1);
  const user = useSession().data?.user ?? null;
  const list = usePartnershipList(filters, PAGE_SIZE, (page - 1) * PAGE_SIZE);
  useDocumentTitle(t('nav.partnerships'));
  const setFilters = (next: PartnershipFilters) => setSearchParams(paramsOfPartnershipFilters(next, 1));
  const set = (patch: Partial<PartnershipFilters>) => setFilters({ ...filters, ...patch });
  const total = list.data?.page.total ?? 0;
  const pages = Math.ceil(total / PAGE_SIZE);
  const anyFilter = Boolean(filters.q || filters.status || filters.agreementType || filters.longTerm);

  return (
    <Stack gap="md">
      <PageHeader
        title={t('nav.partnerships')}
        subtitle={t('partnerships.list.intro')}
        actions={
          canCreatePartnerships(user) && (
            <Button component={Link} to="/kemitraan/baru" leftSection={<PlusIcon />}>
              {t('partnerships.list.create')}
            </Button>
          )
        }
      />
      <Paper p={{ base: 'sm', sm: 'md' }} component="section" aria-label={t('partnerships.filters.title')}>
        <Stack gap="sm">
          <Grid gap="sm" align="flex-end">
            <Grid.Col span={{ base: 12, md: 4 }}>
              <SearchInput
                label={t('partnerships.filters.search')}
                placeholder={t('partnerships.filters.searchPlaceholder')}
                value={filters.q ?? ''}
                onChange={(q) => set({ q: q || undefined })}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
              <MultiSelect
                label={t('partnerships.filters.status')}
                placeholder={filters.status?.length ? undefined : t('partnerships.filters.all')}
                data={PARTNERSHIP_STATUSES.map((s) => ({ value: s, label: t(`partnerships.statuses.${s}`) }))}
                value={filters.status ?? []}
                onChange={(value) =>
                  set({ status: value.length ? (value as PartnershipFilters['status']) : undefined })
                }
                clearable
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
              <MultiSelect
                label={t('partnerships.filters.agreementType')}
                placeholder={filters.agreementType?.length ? undefined : t('partnerships.filters.all')}
                data={AGREEMENT_TYPES.map((a) => ({
                  value: a,
                  label: t(`partnerships.agreementTypes.${a}`),
                }))}
                value={filters.agreementType ?? []}
                onChange={(value) =>
                  set({
                    agreementType: value.length ? (value as PartnershipFilters['agreementType']) : undefined,
                  })
                }
                clearable
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 2 }}>
              <Select
                label={t('partnerships.filters.durability')}
                placeholder={t('partnerships.filters.all')}
                data={[
                  { value: 'true', label: t('partnerships.durability.longTerm') },
                  { value: 'false', label: t('partnerships.durability.oneOff') },
                ]}
                value={filters.longTerm ?? null}
                onChange={(value) =>
                  set({ longTerm: (value as PartnershipFilters['longTerm']) ?? undefined })
                }
                clearable
              />
            </Grid.Col>
          </Grid>
          {anyFilter && (
            <Group>
              <Button variant="subtle" size="xs" onClick={() => setFilters({})}>
                {t('partnerships.filters.reset')}
              </Button>
            </Group>
          )}
        </Stack>
      </Paper>
      <Stack gap="sm" component="section" aria-label={t('partnerships.list.results')}>
        <Text size="sm" c="dimmed" role="status">
          {list.data
            ? t('partnerships.list.count', { count: total, formatted: formatNumber(total, locale) })
            : ''}
        </Text>
        {list.isPending && <Skeleton h={320} />}
        {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && list.data.items.length === 0 && (
          <Paper p="lg">
            <Stack gap="xs">
              <Text fw={600}>{t('partnerships.list.emptyTitle')}</Text>
              <Text size="sm" c="dimmed">
                {anyFilter ? t('partnerships.list.emptyFiltered') : t('partnerships.list.empty')}
              </Text>
            </Stack>
          </Paper>
        )}
        {list.data && list.data.items.length > 0 && (
          <Paper p={{ base: 0, sm: 'xs' }}>
            <ScrollTable minWidth={360}>
              <Table
                striped
                highlightOnHover
                verticalSpacing="sm"
                aria-label={t('partnerships.list.tableLabel')}
                aria-busy={list.isFetching}
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('partnerships.fields.title')}</Table.Th>
                    <Table.Th visibleFrom="md">{t('partnerships.fields.parties')}</Table.Th>
                    <Table.Th visibleFrom="sm">{t('partnerships.fields.agreementType')}</Table.Th>
                    <Table.Th>{t('partnerships.fields.status')}</Table.Th>
                    <Table.Th visibleFrom="lg">{t('partnerships.fields.period')}</Table.Th>
                    <Table.Th visibleFrom="sm">{t('partnerships.fields.durability')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((item) => (
                    <PartnershipRow key={item.id} item={item} />
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </Paper>
        )}
        {pages > 1 && (
          <ListPager
            pages={pages}
            page={page}
            onChange={(next) => {
              setSearchParams(paramsOfPartnershipFilters(filters, next));
              window.scrollTo({ top: 0 });
            }}
          />
        )}
      </Stack>
    </Stack>
  );
}
