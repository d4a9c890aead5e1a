import { Badge, Combobox, Group, Loader, Pill, PillsInput, Stack, Text, useCombobox } from '@mantine/core';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';

/** One choice offered by the server's search. */
export type SearchOption = { value: string; label: string; description?: string; badge?: string };

export type SearchSelectProps = {
  label: string;
  description?: ReactNode;
  placeholder?: string;
  error?: ReactNode;
  required?: boolean;
  /** Chosen options; in single mode at most one. */
  value: SearchOption[];
  onChange: (value: SearchOption[]) => void;
  multiple?: boolean;
  search: string;
  onSearchChange: (search: string) => void;
  /** Options for the current search, and whether they are being fetched or failed. */
  options: SearchOption[];
  loading?: boolean;
  errorText?: string | null;
  /** Characters needed before the server is asked; fewer show `hint` instead of options. */
  minChars?: number;
  hint?: string;
  disabled?: boolean;
  'data-testid'?: string;
};

/**
 * A search-as-you-type picker for things too many to list (areas, organisations). Chosen items
 * are pills with a remove button; the field stays a combobox for searching more (or another).
 */
export function SearchSelect({
  label,
  description,
  placeholder,
  error,
  required,
  value,
  onChange,
  multiple = false,
  search,
  onSearchChange,
  options,
  loading = false,
  errorText,
  minChars = 2,
  hint,
  disabled,
  'data-testid': testId,
}: SearchSelectProps) {
  const { t } = useTranslation();
  const fieldId = useId();
  const combobox = useCombobox({
    onDropdownClose: () => combobox.resetSelectedOption(),
    onDropdownOpen: () => combobox.updateSelectedOptionIndex('active'),
  });
  const chosen = new Set(value.map((v) => v.value));
  const ready = search.trim().length >= minChars;

  const pick = (code: string) => {
    const option = options.find((o) => o.value === code);
    if (!option) return;
    if (multiple) {
      onChange(chosen.has(code) ? value.filter((v) => v.value !== code) : [...value, option]);
    } else {
      onChange([option]);
      combobox.closeDropdown();
    }
    onSearchChange('');
  };
  const remove = (code: string) => onChange(value.filter((v) => v.value !== code));

  return (
    <Combobox store={combobox} onOptionSubmit={pick} withinPortal>
      <Combobox.DropdownTarget>
        <PillsInput
          id={fieldId}
          label={label}
          description={description}
          error={error}
          required={required}
          disabled={disabled}
          onClick={() => combobox.openDropdown()}
          rightSection={loading && ready ? <Loader size="xs" aria-label={t('common.searching')} /> : null}
          data-testid={testId}
        >
          <Pill.Group>
            {value.map((item) => (
              <Pill
                key={item.value}
                withRemoveButton={!disabled}
                onRemove={() => remove(item.value)}
                removeButtonProps={{ 'aria-label': t('common.removeItem', { name: item.label }) }}
              >
                {item.label}
              </Pill>
            ))}
            <Combobox.EventsTarget withExpandedAttribute>
              <PillsInput.Field
                value={search}
                placeholder={value.length > 0 && !multiple ? undefined : placeholder}
                aria-autocomplete="list"
                onFocus={() => combobox.openDropdown()}
                onBlur={() => combobox.closeDropdown()}
                onChange={(event) => {
                  combobox.openDropdown();
                  combobox.updateSelectedOptionIndex();
                  onSearchChange(event.currentTarget.value);
                }}
                onKeyDown={(event) => {
                  if (event.key === 'Backspace' && search.length === 0 && value.length > 0) {
                    event.preventDefault();
                    remove(value[value.length - 1]?.value ?? '');
                  }
                }}
              />
            </Combobox.EventsTarget>
          </Pill.Group>
        </PillsInput>
      </Combobox.DropdownTarget>
      <Combobox.Dropdown>
        <Combobox.Options labelledBy={`${fieldId}-label`} mah={320} style={{ overflowY: 'auto' }}>
          {!ready ? (
            <Combobox.Empty>{hint ?? t('common.typeToSearch', { count: minChars })}</Combobox.Empty>
          ) : errorText ? (
            <Combobox.Empty>{errorText}</Combobox.Empty>
          ) : options.length > 0 ? (
            options.map((option) => (
              <Combobox.Option
                value={option.value}
                key={option.value}
                active={chosen.has(option.value)}
                aria-selected={chosen.has(option.value)}
              >
                <Group gap="xs" wrap="nowrap" justify="space-between">
                  <Stack gap={0}>
                    <Text size="sm" fw={600}>
                      {option.label}
                    </Text>
                    {option.description && (
                      <Text size="xs" c="dimmed">
                        {option.description}
                      </Text>
                    )}
                  </Stack>
                  {option.badge && (
                    <Badge size="sm" variant="light" style={{ flexShrink: 0 }}>
                      {option.badge}
                    </Badge>
                  )}
                </Group>
              </Combobox.Option>
            ))
          ) : (
            <Combobox.Empty>{loading ? t('common.searching') : t('common.noMatches')}</Combobox.Empty>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
