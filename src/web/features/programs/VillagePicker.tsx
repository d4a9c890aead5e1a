import { useDebouncedValue } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../shared/contracts/areas.ts';
import { useErrorMessage } from '../../components/ErrorAlert.tsx';
import { SearchSelect } from '../../components/SearchSelect.tsx';
import { useAreaSearch } from '../areas/api.ts';
import { kindLabel } from '../areas/labels.ts';

type VillagePickerProps = {
  label: string;
  description?: ReactNode;
  placeholder?: string;
  error?: ReactNode;
  /** Called with each area picked; the field empties again for the next one. */
  onPick: (hit: SearchHit) => void;
};

/**
 * Adds areas one after another, found by name like the AreaPicker, but hands over the whole
 * search hit: its level decides whether it is a village or a whole kecamatan/kabupaten, and its
 * path names the kecamatan and kabupaten it lies in.
 */
export function VillagePicker({ onPick, ...props }: VillagePickerProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const result = useAreaSearch(debounced, undefined);
  const hits = debounced.trim().length >= 2 ? (result.data?.items ?? []) : [];
  return (
    <SearchSelect
      {...props}
      value={[]}
      onChange={(chosen) => {
        const hit = hits.find((h) => h.code === chosen[0]?.value);
        if (hit) onPick(hit);
      }}
      search={search}
      onSearchChange={setSearch}
      options={hits.map((hit) => ({
        value: hit.code,
        label: hit.name,
        description: hit.path ? `${hit.path} · ${hit.code}` : hit.code,
        badge: kindLabel(t, hit.kind),
      }))}
      loading={search !== debounced || result.isFetching}
      errorText={result.isError ? errorMessage(result.error) : null}
    />
  );
}

/** "Keruak, Kabupaten Lombok Timur, Nusa Tenggara Barat" → the kecamatan and kabupaten of a village hit. */
export function placeOfVillageHit(hit: SearchHit): { districtName?: string; regencyName?: string } {
  const [districtName, regencyName] = hit.path.split(',').map((part) => part.trim());
  return {
    ...(districtName ? { districtName } : {}),
    ...(regencyName ? { regencyName } : {}),
  };
}
