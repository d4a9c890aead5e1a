import {
  Paper,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { DashboardResponse } from '../../../shared/contracts/who-what-where.ts';
import { formatNumber, formatRupiah, type Locale } from '../../../shared/format.ts';
import { DEFAULT_MAPPED_STATUSES, MAPPED_STATUSES } from '../../../shared/programs.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { EChart } from '../../lib/EChart.tsx';
import type { EChartsCoreOption } from '../../lib/echarts.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useLocale } from '../../lib/useLocale.ts';
import { useIssues } from '../organisations/api.ts';
import { TypeBadge } from '../organisations/badges.tsx';
import { issueName } from '../organisations/labels.ts';
import { type ProgramFilters, paramsOfProgramFilters } from '../programs/filter-params.ts';
import { formatShare } from '../programs/format.ts';
import { programCountScope } from '../programs/labels.ts';
import { ProgramFilterPanel } from '../programs/ProgramFilterPanel.tsx';
import { useDashboard } from './api.ts';
import './charts.ts';
import { OrganisationName } from '../../components/OrganisationName.tsx';
import { ViewSwitch } from './ViewSwitch.tsx';
import { viewFiltersFromParams } from './view-params.ts';

type Totals = DashboardResponse['totals'];
type Breakdown = DashboardResponse['byIssue'];

/** The totals cards, in reading order; each has a test id `total-<key>` whose text is the formatted number. */
const TOTALS: Array<{ key: keyof Totals; format: 'count' | 'money' | 'share' }> = [
  { key: 'programs', format: 'count' },
  { key: 'organisations', format: 'count' },
  { key: 'villages', format: 'count' },
  { key: 'productiveShare', format: 'share' },
  { key: 'budgetPlanned', format: 'money' },
  { key: 'budgetRealised', format: 'money' },
  { key: 'targetHouseholds', format: 'count' },
  { key: 'reachedHouseholds', format: 'count' },
];

function formatTotal(value: number | null, format: 'count' | 'money' | 'share', locale: Locale): string {
  if (format === 'share') return formatShare(value, locale);
  if (value === null) return '—';
  return format === 'money' ? formatRupiah(value, locale) : formatNumber(value, locale);
}

/** Test ids in kebab case: `budgetPlanned` → `total-budget-planned`. */
const testIdOf = (key: string) => `total-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Under the planned budget: how many programs it adds up and how many have no budget yet
 * (unknown budgets are left out of the sum, never counted as Rp 0). Ordered last in the
 * card's reversed column so it reads under the label.
 */
function BudgetBasis({ totals }: { totals: Totals }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const unknown = totals.programsWithoutBudget;
  const known = totals.programs - unknown;
  return (
    <Text component="dd" m={0} size="xs" c="dimmed" style={{ order: -1 }} data-testid="total-budget-basis">
      {t(unknown > 0 ? 'whoWhatWhere.budgetFromWithUnknown' : 'whoWhatWhere.budgetFrom', {
        count: known,
        known: formatNumber(known, locale),
        unknown: formatNumber(unknown, locale),
      })}
    </Text>
  );
}

function TotalsCards({ totals, statuses }: { totals: Totals; statuses: ProgramFilters['status'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0}>
      {TOTALS.map(({ key, format }) => (
        <Paper
          key={key}
          p="md"
          className={format === 'money' ? 'simpul-total-money' : undefined}
          style={{ display: 'flex', flexDirection: 'column-reverse', justifyContent: 'flex-end' }}
        >
          {/* dt after dd in the markup's visual order: the number reads first, the label under it. */}
          <Text component="dt" size="sm" c="dimmed">
            {t(`whoWhatWhere.totals.${key}`)}
            {key === 'programs' && (
              // The program list counts drafts and cancelled programs too: say what this number counts.
              <Text span display="block" size="xs" data-testid="total-programs-scope">
                {programCountScope(t, statuses, 'mapped')}
              </Text>
            )}
          </Text>
          <Text
            component="dd"
            m={0}
            // Rupiah totals run to 18 characters: a size that keeps them on one line in a card
            // (on a phone a money card spans both columns, see styles.css).
            fz={format === 'money' ? { base: 20, sm: 18, xl: 22 } : { base: 20, sm: 26 }}
            fw={700}
            c="simpul.8"
            lh={1.15}
            style={{ overflowWrap: 'anywhere', fontVariantNumeric: 'tabular-nums' }}
            data-testid={testIdOf(key)}
          >
            {formatTotal(totals[key], format, locale)}
          </Text>
          {key === 'budgetPlanned' && <BudgetBasis totals={totals} />}
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** A breakdown as a table with a bar for the share of programs: readable on a phone and by a screen reader. */
function BreakdownTable({
  title,
  id,
  rows,
  labelOf,
}: {
  title: string;
  id: string;
  rows: Breakdown;
  labelOf: (key: string) => string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const max = Math.max(1, ...rows.map((r) => r.programs));
  return (
    <Paper p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby={id}>
      <Stack gap="xs">
        <Title order={3} size="h4" id={id}>
          {title}
        </Title>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('whoWhatWhere.dashboard.none')}
          </Text>
        ) : (
          <ScrollTable minWidth={420}>
            <Table verticalSpacing={6} aria-labelledby={id} data-testid={`breakdown-${id}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('whoWhatWhere.dashboard.category')}</Table.Th>
                  <Table.Th ta="right">{t('whoWhatWhere.measures.programs')}</Table.Th>
                  <Table.Th ta="right">{t('whoWhatWhere.measures.budget')}</Table.Th>
                  <Table.Th ta="right">{t('whoWhatWhere.measures.productiveShare')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.key}>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="sm">{labelOf(row.key)}</Text>
                        <Progress value={(row.programs / max) * 100} size="sm" aria-hidden="true" />
                      </Stack>
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(row.programs, locale)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatRupiah(row.budgetPlanned, locale)}
                    </Table.Td>
                    <Table.Td ta="right">
                      {formatShare(
                        row.budgetPlanned > 0 ? row.productiveBudget / row.budgetPlanned : null,
                        locale,
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>
    </Paper>
  );
}

/** Compact rupiah for axis labels: "Rp 1,2 M" (miliar) / "IDR 1.2 B". */
function compactRupiah(value: number, locale: Locale): string {
  const format = new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  return `${locale === 'id' ? 'Rp' : 'IDR'} ${format.format(value)}`;
}

function yearOption(byYear: DashboardResponse['byYear'], t: TFunction, locale: Locale): EChartsCoreOption {
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value: number) => formatRupiah(value, locale),
    },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: byYear.map((y) => String(y.year)) },
    yAxis: { type: 'value', axisLabel: { formatter: (value: number) => compactRupiah(value, locale) } },
    series: [
      {
        name: t('programs.productive'),
        type: 'bar',
        stack: 'budget',
        itemStyle: { color: '#176c6b' },
        data: byYear.map((y) => y.productiveBudget),
      },
      {
        name: t('programs.consumptive'),
        type: 'bar',
        stack: 'budget',
        itemStyle: { color: '#e8590c' },
        data: byYear.map((y) => y.consumptiveBudget),
      },
    ],
  };
}

function YearChart({ byYear }: { byYear: DashboardResponse['byYear'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const option = useMemo(() => yearOption(byYear, t, locale), [byYear, t, locale]);
  return (
    <Paper p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="dashboard-years">
      <Stack gap="xs">
        <Title order={3} size="h4" id="dashboard-years">
          {t('whoWhatWhere.dashboard.byYear')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('whoWhatWhere.dashboard.byYearHint')}
        </Text>
        {byYear.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('whoWhatWhere.dashboard.none')}
          </Text>
        ) : (
          <>
            <EChart
              option={option}
              ariaLabel={t('whoWhatWhere.dashboard.byYearChart')}
              testId="dashboard-years-chart"
              h={{ base: 260, sm: 320 }}
            />
            <ScrollTable minWidth={480}>
              <Table
                verticalSpacing={4}
                aria-label={t('whoWhatWhere.dashboard.byYear')}
                data-testid="breakdown-years"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('whoWhatWhere.dashboard.year')}</Table.Th>
                    <Table.Th ta="right">{t('whoWhatWhere.measures.programs')}</Table.Th>
                    <Table.Th ta="right">{t('programs.productive')}</Table.Th>
                    <Table.Th ta="right">{t('programs.consumptive')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {byYear.map((y) => (
                    <Table.Tr key={y.year}>
                      <Table.Td>{y.year}</Table.Td>
                      <Table.Td ta="right">{formatNumber(y.programs, locale)}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {formatRupiah(y.productiveBudget, locale)}
                      </Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {formatRupiah(y.consumptiveBudget, locale)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          </>
        )}
      </Stack>
    </Paper>
  );
}

function TopContributors({ rows }: { rows: DashboardResponse['topContributors'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Paper p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="dashboard-top">
      <Stack gap="xs">
        <Title order={3} size="h4" id="dashboard-top">
          {t('whoWhatWhere.dashboard.topContributors')}
        </Title>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('whoWhatWhere.dashboard.none')}
          </Text>
        ) : (
          <ScrollTable minWidth={480}>
            <Table verticalSpacing={6} aria-labelledby="dashboard-top" data-testid="top-contributors">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <VisuallyHidden>{t('whoWhatWhere.dashboard.rank')}</VisuallyHidden>
                  </Table.Th>
                  <Table.Th>{t('whoWhatWhere.area.organisation')}</Table.Th>
                  <Table.Th ta="right">{t('whoWhatWhere.measures.programs')}</Table.Th>
                  <Table.Th ta="right">{t('whoWhatWhere.measures.budget')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row, i) => (
                  <Table.Tr key={row.organisation.id ?? `withheld-${i}`}>
                    <Table.Td>{i + 1}</Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <OrganisationName org={row.organisation} size="sm" />
                        <TypeBadge type={row.organisation.type} />
                      </Stack>
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(row.programs, locale)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {formatRupiah(row.budgetPlanned, locale)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Stack>
    </Paper>
  );
}

function Dashboard({ data, statuses }: { data: DashboardResponse; statuses: ProgramFilters['status'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const issues = useIssues();
  return (
    <Stack gap="md">
      <TotalsCards totals={data.totals} statuses={statuses} />
      <YearChart byYear={data.byYear} />
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="md">
        <BreakdownTable
          title={t('whoWhatWhere.dashboard.byIssue')}
          id="by-issue"
          rows={data.byIssue}
          labelOf={(key) => issueName(issues.data?.items, key, locale)}
        />
        <BreakdownTable
          title={t('whoWhatWhere.dashboard.byOrganisationType')}
          id="by-organisation-type"
          rows={data.byOrganisationType}
          labelOf={(key) => t(`organisations.types.${key}`, { defaultValue: key })}
        />
        <BreakdownTable
          title={t('whoWhatWhere.dashboard.byModality')}
          id="by-modality"
          rows={data.byModality}
          labelOf={(key) => t(`programs.modalities.${key}`, { defaultValue: key })}
        />
        <BreakdownTable
          title={t('whoWhatWhere.dashboard.byStatus')}
          id="by-status"
          rows={data.byStatus}
          labelOf={(key) => t(`programs.statuses.${key}`, { defaultValue: key })}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('whoWhatWhere.dashboard.overlapNote')}
      </Text>
      <TopContributors rows={data.topContributors} />
    </Stack>
  );
}

/** /dasbor: totals and breakdowns of who does what where, with the map's filters. */
export function DashboardPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = viewFiltersFromParams(searchParams);
  const dashboard = useDashboard(filters);
  useDocumentTitle(t('nav.dashboard'));
  const setFilters = (next: ProgramFilters) => setSearchParams(paramsOfProgramFilters(next));
  return (
    <Stack gap="md">
      <PageHeader
        title={t('whoWhatWhere.dashboard.title')}
        subtitle={t('whoWhatWhere.dashboard.intro')}
        actions={<ViewSwitch current="dashboard" filters={filters} />}
      />
      <ProgramFilterPanel
        filters={filters}
        onChange={setFilters}
        statuses={MAPPED_STATUSES}
        statusPlaceholder={DEFAULT_MAPPED_STATUSES.map((s) => t(`programs.statuses.${s}`)).join(', ')}
      />
      {dashboard.isPending && <Skeleton h={480} />}
      {dashboard.isError && <ErrorAlert error={dashboard.error} onRetry={() => void dashboard.refetch()} />}
      {dashboard.data && (
        <div aria-busy={dashboard.isFetching}>
          <Dashboard data={dashboard.data} statuses={filters.status} />
        </div>
      )}
    </Stack>
  );
}
