import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAreaSearch } from '../features/areas/api.ts';
import { kindLabel } from '../features/areas/labels.ts';
import type { AreaRef } from '../features/organisations/form-values.ts';
import { useErrorMessage } from './ErrorAlert.tsx';
import { type SearchOption, SearchSelect } from './SearchSelect.tsx';

const DEBOUNCE_MS = 250;

type CommonProps = {
  label: string;
  description?: ReactNode;
  placeholder?: string;
  error?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  'data-testid'?: string;
};

function useAreaOptions(search: string) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [debounced] = useDebouncedValue(search, DEBOUNCE_MS);
  const result = useAreaSearch(debounced, undefined);
  const options: SearchOption[] =
    debounced.trim().length >= 2
      ? (result.data?.items ?? []).map((hit) => ({
          value: hit.code,
          label: hit.name,
          description: hit.path ? `${hit.path} · ${hit.code}` : hit.code,
          badge: kindLabel(t, hit.kind),
        }))
      : [];
  return {
    options,
    loading: search !== debounced || result.isFetching,
    errorText: result.isError ? errorMessage(result.error) : null,
  };
}

const toOption = (area: AreaRef): SearchOption => ({ value: area.code, label: area.name });
const toArea = (option: SearchOption): AreaRef => ({ code: option.value, name: option.label });

/** One Kemendagri area, found by name (typos tolerated by the server). */
export function AreaPicker({
  value,
  onChange,
  ...props
}: CommonProps & { value: AreaRef | null; onChange: (area: AreaRef | null) => void }) {
  const [search, setSearch] = useState('');
  const found = useAreaOptions(search);
  return (
    <SearchSelect
      {...props}
      {...found}
      value={value ? [toOption(value)] : []}
      onChange={(options) => onChange(options[0] ? toArea(options[0]) : null)}
      search={search}
      onSearchChange={setSearch}
    />
  );
}

/** Several areas (coverage), each found by name. */
export function AreaMultiPicker({
  value,
  onChange,
  ...props
}: CommonProps & { value: AreaRef[]; onChange: (areas: AreaRef[]) => void }) {
  const [search, setSearch] = useState('');
  const found = useAreaOptions(search);
  return (
    <SearchSelect
      {...props}
      {...found}
      multiple
      value={value.map(toOption)}
      onChange={(options) => onChange(options.map(toArea))}
      search={search}
      onSearchChange={setSearch}
    />
  );
}
