import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisationLookup } from '../features/organisations/api.ts';
import type { OrganisationRef } from '../features/organisations/form-values.ts';
import { useErrorMessage } from './ErrorAlert.tsx';
import { SearchSelect } from './SearchSelect.tsx';

type OrganisationPickerProps = {
  label: string;
  description?: ReactNode;
  placeholder?: string;
  error?: ReactNode;
  required?: boolean;
  value: OrganisationRef | null;
  onChange: (value: OrganisationRef | null) => void;
  /** Organisations that may not be chosen (e.g. the one being edited, as its own parent). */
  exclude?: string[];
  /** Only these organisations may be chosen (e.g. those an organisation administrator manages). */
  only?: string[] | null;
};

/** One organisation, found by (part of) its legal or short name. */
export function OrganisationPicker({
  value,
  onChange,
  exclude = [],
  only = null,
  ...props
}: OrganisationPickerProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const lookup = useOrganisationLookup(debounced);
  const options =
    debounced.trim().length >= 2
      ? (lookup.data?.items ?? [])
          .filter((o) => !exclude.includes(o.id) && (only === null || only.includes(o.id)))
          .map((o) => ({
            value: o.id,
            label: o.legalName,
            description: [o.shortName, o.areaName].filter(Boolean).join(' · '),
            badge: t(`organisations.types.${o.type}`),
          }))
      : [];
  return (
    <SearchSelect
      {...props}
      value={value ? [{ value: value.id, label: value.legalName }] : []}
      onChange={(chosen) => onChange(chosen[0] ? { id: chosen[0].value, legalName: chosen[0].label } : null)}
      search={search}
      onSearchChange={setSearch}
      options={options}
      loading={search !== debounced || lookup.isFetching}
      errorText={lookup.isError ? errorMessage(lookup.error) : null}
    />
  );
}
