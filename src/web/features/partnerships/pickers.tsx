import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../shared/format.ts';
import { useErrorMessage } from '../../components/ErrorAlert.tsx';
import { organisationLabel } from '../../components/OrganisationName.tsx';
import { SearchSelect } from '../../components/SearchSelect.tsx';
import { useLocale } from '../../lib/useLocale.ts';
import { useProgramLookup } from '../programs/api.ts';
import { usePartnershipLookup } from './api.ts';
import type { TitledRef } from './form-values.ts';

type CommonProps = { label: string; description?: ReactNode; placeholder?: string; error?: ReactNode };

/** Programs found by title (GET /api/programs?q=), several at once. */
export function ProgramMultiPicker({
  value,
  onChange,
  ...props
}: CommonProps & { value: TitledRef[]; onChange: (value: TitledRef[]) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const errorMessage = useErrorMessage();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const lookup = useProgramLookup(debounced);
  const options =
    debounced.trim().length >= 2
      ? (lookup.data?.items ?? []).map((p) => ({
          value: p.id,
          label: p.title,
          description: `${organisationLabel(p.owner, t)} · ${formatDate(p.periodStart, locale)}–${formatDate(p.periodEnd, locale)}`,
          badge: t(`programs.statuses.${p.status}`),
        }))
      : [];
  return (
    <SearchSelect
      {...props}
      multiple
      value={value.map((p) => ({ value: p.id, label: p.title }))}
      onChange={(chosen) => onChange(chosen.map((o) => ({ id: o.value, title: o.label })))}
      search={search}
      onSearchChange={setSearch}
      options={options}
      loading={search !== debounced || lookup.isFetching}
      errorText={lookup.isError ? errorMessage(lookup.error) : null}
    />
  );
}

/** One partnership found by title: the agreement this one renews. */
export function PartnershipPicker({
  value,
  onChange,
  exclude,
  ...props
}: CommonProps & { value: TitledRef | null; onChange: (value: TitledRef | null) => void; exclude?: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const lookup = usePartnershipLookup(debounced);
  const options =
    debounced.trim().length >= 2
      ? (lookup.data?.items ?? [])
          .filter((p) => p.id !== exclude)
          .map((p) => ({
            value: p.id,
            label: p.title,
            description: p.parties.map((party) => organisationLabel(party, t)).join(', '),
            badge: t(`partnerships.statuses.${p.status}`),
          }))
      : [];
  return (
    <SearchSelect
      {...props}
      value={value ? [{ value: value.id, label: value.title }] : []}
      onChange={(chosen) => onChange(chosen[0] ? { id: chosen[0].value, title: chosen[0].label } : null)}
      search={search}
      onSearchChange={setSearch}
      options={options}
      loading={search !== debounced || lookup.isFetching}
      errorText={lookup.isError ? errorMessage(lookup.error) : null}
    />
  );
}
