import {
  Button,
  Collapse,
  Grid,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  useMantineTheme,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PROGRAM_STATUSES, type ProgramStatus } from '../../../shared/programs.ts';
import { AreaFilter } from '../../components/AreaFilter.tsx';
import { FilterIcon } from '../../components/icons.tsx';
import { SearchInput } from '../../components/SearchInput.tsx';
import { useLocale } from '../../lib/useLocale.ts';
import { useIssues } from '../organisations/api.ts';
import { issueName, typeOptions } from '../organisations/labels.ts';
import { activeFilterCount, type ProgramFilters, type ProgramSort, yearChoices } from './filter-params.ts';
import { modalityOptions, statusOptions } from './labels.ts';

type ProgramFilterPanelProps = {
  filters: ProgramFilters;
  onChange: (next: ProgramFilters) => void;
  /** Statuses offered; the map and dashboard count no drafts. */
  statuses?: readonly ProgramStatus[];
  /** Shown as the status filter's placeholder when none is chosen (e.g. "planned, active, completed"). */
  statusPlaceholder?: string;
  withSearch?: boolean;
  withSort?: boolean;
};

const nonEmpty = <T,>(values: T[]): T[] | undefined => (values.length > 0 ? values : undefined);

/**
 * The filters shared by the program list, the map and the dashboard. On a phone they fold away
 * behind a button that counts the filters set.
 */
export function ProgramFilterPanel({
  filters,
  onChange,
  statuses = PROGRAM_STATUSES,
  statusPlaceholder,
  withSearch = false,
  withSort = false,
}: ProgramFilterPanelProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const theme = useMantineTheme();
  const panelId = useId();
  // Known on the first render, so a phone does not see the filters open and then fold away.
  const isPhone =
    useMediaQuery(`(max-width: ${theme.breakpoints.sm})`, undefined, { getInitialValueInEffect: false }) ??
    false;
  const [open, { toggle }] = useDisclosure(false);
  const issues = useIssues();
  const set = (patch: Partial<ProgramFilters>) => onChange({ ...filters, ...patch });
  const active = activeFilterCount(filters);
  const issueOptions = (issues.data?.items ?? []).map((i) => ({
    value: i.code,
    label: issueName(issues.data?.items, i.code, locale),
  }));
  const span = { base: 12, sm: 6, lg: 4 };

  return (
    <Paper p={{ base: 'sm', sm: 'md' }} component="section" aria-label={t('programs.filters.title')}>
      <Stack gap="sm">
        {(withSearch || isPhone) && (
          <Group align="flex-end" gap="sm" wrap="nowrap" justify="flex-end">
            {withSearch && (
              <div style={{ flex: 1 }}>
                <SearchInput
                  label={t('programs.filters.search')}
                  placeholder={t('programs.filters.searchPlaceholder')}
                  value={filters.q ?? ''}
                  onChange={(q) => set({ q: q || undefined })}
                />
              </div>
            )}
            {isPhone && (
              <Button
                variant="default"
                onClick={toggle}
                aria-expanded={open}
                aria-controls={panelId}
                leftSection={<FilterIcon />}
                fullWidth={!withSearch}
              >
                {active > 0
                  ? t('programs.filters.toggleCount', { count: active })
                  : t('programs.filters.toggle')}
              </Button>
            )}
          </Group>
        )}
        <Collapse expanded={!isPhone || open} id={panelId}>
          <Grid gap="sm" align="flex-end">
            <Grid.Col span={span}>
              <AreaFilter
                label={t('programs.filters.area')}
                placeholder={t('programs.filters.areaPlaceholder')}
                code={filters.area}
                onChange={(area) => set({ area })}
              />
            </Grid.Col>
            <Grid.Col span={span}>
              <MultiSelect
                label={t('programs.filters.issue')}
                placeholder={filters.issue?.length ? undefined : t('programs.filters.all')}
                data={issueOptions}
                value={filters.issue ?? []}
                onChange={(value) => set({ issue: nonEmpty(value) })}
                searchable
                clearable
                nothingFoundMessage={t('common.noMatches')}
                maxValues={20}
              />
            </Grid.Col>
            <Grid.Col span={span}>
              <MultiSelect
                label={t('programs.filters.orgType')}
                placeholder={filters.orgType?.length ? undefined : t('programs.filters.all')}
                data={typeOptions(t)}
                value={filters.orgType ?? []}
                onChange={(value) =>
                  set({ orgType: nonEmpty(value as NonNullable<ProgramFilters['orgType']>) })
                }
                clearable
              />
            </Grid.Col>
            <Grid.Col span={span}>
              <MultiSelect
                label={t('programs.filters.modality')}
                placeholder={filters.modality?.length ? undefined : t('programs.filters.all')}
                data={modalityOptions(t)}
                value={filters.modality ?? []}
                onChange={(value) =>
                  set({ modality: nonEmpty(value as NonNullable<ProgramFilters['modality']>) })
                }
                clearable
              />
            </Grid.Col>
            <Grid.Col span={span}>
              <MultiSelect
                label={t('programs.filters.status')}
                placeholder={
                  filters.status?.length ? undefined : (statusPlaceholder ?? t('programs.filters.all'))
                }
                data={statusOptions(t, statuses)}
                value={filters.status ?? []}
                onChange={(value) => set({ status: nonEmpty(value as ProgramStatus[]) })}
                clearable
              />
            </Grid.Col>
            <Grid.Col span={withSort ? { base: 6, lg: 2 } : span}>
              <Select
                label={t('programs.filters.year')}
                description={withSort ? undefined : t('programs.filters.yearHint')}
                placeholder={t('programs.filters.allYears')}
                data={yearChoices().map((y) => ({ value: String(y), label: String(y) }))}
                value={filters.year ? String(filters.year) : null}
                onChange={(value) => set({ year: value ? Number(value) : undefined })}
                clearable
              />
            </Grid.Col>
            {withSort && (
              <Grid.Col span={{ base: 6, lg: 2 }}>
                <Select
                  label={t('programs.filters.sort')}
                  data={(['period', 'title', 'budget', 'updated'] as const).map((value) => ({
                    value,
                    label: t(`programs.filters.sorts.${value}`),
                  }))}
                  value={filters.sort ?? 'period'}
                  onChange={(value) =>
                    set({ sort: value && value !== 'period' ? (value as ProgramSort) : undefined })
                  }
                  allowDeselect={false}
                />
              </Grid.Col>
            )}
          </Grid>
        </Collapse>
        {(active > 0 || Boolean(filters.q)) && (
          <Group>
            <Button variant="subtle" size="xs" onClick={() => onChange({})}>
              {t('programs.filters.reset')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
