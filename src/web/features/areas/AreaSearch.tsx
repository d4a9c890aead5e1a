import { Badge, Checkbox, Combobox, Group, Loader, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AreaDetail } from '../../../shared/contracts/areas.ts';
import { useErrorMessage } from '../../components/ErrorAlert.tsx';
import { SearchIcon } from '../../components/icons.tsx';
import { useAreaSearch } from './api.ts';
import { kindLabel, placeName } from './labels.ts';

/** Keystrokes to wait for before asking the server (ms). */
const DEBOUNCE_MS = 250;

/**
 * Finds an area by name anywhere in the province (or, when ticked, only under the current area).
 * The server tolerates case, accents and small typos ("pijod" finds Pijot).
 */
export function AreaSearch({ area }: { area: AreaDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const inputId = useId();
  const [value, setValue] = useState('');
  const [onlyHere, setOnlyHere] = useState(false);
  const [debounced] = useDebouncedValue(value, DEBOUNCE_MS);
  const province = area.ancestors[0]?.code ?? area.code;
  const canNarrow = area.level === 'regency' || area.level === 'district';
  const within = canNarrow && onlyHere ? area.code : province;
  const search = useAreaSearch(debounced, within);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });

  const ready = debounced.trim().length >= 2;
  const items = ready ? (search.data?.items ?? []) : [];
  const waiting = value.trim().length >= 2 && (value !== debounced || search.isFetching);

  const choose = (code: string) => {
    combobox.closeDropdown();
    setValue('');
    void navigate(`/wilayah/${code}`);
  };

  return (
    <Stack gap={4}>
      <Combobox store={combobox} onOptionSubmit={choose}>
        <Combobox.Target withExpandedAttribute>
          <TextInput
            id={inputId}
            label={t('areas.search.label')}
            placeholder={t('areas.search.placeholder')}
            value={value}
            leftSection={<SearchIcon />}
            rightSection={waiting ? <Loader size="xs" aria-label={t('areas.search.searching')} /> : null}
            onChange={(event) => {
              setValue(event.currentTarget.value);
              combobox.openDropdown();
              combobox.updateSelectedOptionIndex();
            }}
            onClick={() => combobox.openDropdown()}
            onFocus={() => combobox.openDropdown()}
            onBlur={() => combobox.closeDropdown()}
            type="search"
            enterKeyHint="search"
          />
        </Combobox.Target>
        <Combobox.Dropdown hidden={value.trim().length < 2}>
          <Combobox.Options labelledBy={`${inputId}-label`} mah={360} style={{ overflowY: 'auto' }}>
            {search.isError && ready ? (
              <Combobox.Empty>{errorMessage(search.error)}</Combobox.Empty>
            ) : items.length > 0 ? (
              items.map((hit) => (
                <Combobox.Option value={hit.code} key={hit.code}>
                  <Group gap="xs" wrap="nowrap" justify="space-between">
                    <Stack gap={0}>
                      <Text size="sm" fw={600}>
                        {hit.name}
                      </Text>
                      {hit.path && (
                        <Text size="xs" c="dimmed">
                          {hit.path}
                        </Text>
                      )}
                    </Stack>
                    <Badge size="sm" variant="light" style={{ flexShrink: 0 }}>
                      {kindLabel(t, hit.kind)}
                    </Badge>
                  </Group>
                </Combobox.Option>
              ))
            ) : (
              <Combobox.Empty>
                {ready && !waiting ? t('areas.search.empty') : t('areas.search.searching')}
              </Combobox.Empty>
            )}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      {canNarrow && (
        <Checkbox
          size="xs"
          checked={onlyHere}
          onChange={(event) => setOnlyHere(event.currentTarget.checked)}
          label={t('areas.search.onlyHere', { place: placeName(t, area) })}
        />
      )}
    </Stack>
  );
}
