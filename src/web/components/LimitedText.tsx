/**
 * Text fields with a limit from the shared contracts (TEXT_LIMITS). The browser's maxLength
 * is deliberately not used: it cuts pasted text without a word. Instead the counter appears
 * near the limit, and past it the field shows why it cannot be saved (the shared schema
 * refuses it on save, so the form blocks submit with the same message).
 */
import { Group, Text, Textarea, type TextareaProps, TextInput, type TextInputProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../shared/format.ts';
import { characterCount } from '../lib/character-count.ts';
import { useLocale } from '../lib/useLocale.ts';

type Limited = { limit: number };

/** The description (hint + counter) and error of a limited field. */
function useLimit(value: unknown, limit: number, description: ReactNode, error: ReactNode) {
  const { t } = useTranslation();
  const locale = useLocale();
  const count = characterCount(typeof value === 'string' ? value : '', limit);
  const counter = count.visible ? (
    <Text
      span
      size="xs"
      c={count.over ? 'var(--mantine-color-error)' : 'dimmed'}
      fw={count.over ? 700 : undefined}
      data-testid="character-count"
      style={{ whiteSpace: 'nowrap' }}
    >
      {`${formatNumber(count.length, locale)}/${formatNumber(limit, locale)}`}
    </Text>
  ) : null;
  return {
    description:
      counter === null ? (
        description
      ) : (
        <Group component="span" justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <span>{description}</span>
          {counter}
        </Group>
      ),
    // Shown while typing, before any save: the server would refuse the text, so say so now.
    error:
      error ||
      (count.over
        ? t('validation.too_long_by', {
            maximum: formatNumber(limit, locale),
            excess: formatNumber(count.excess, locale),
          })
        : undefined),
  };
}

export function LimitedTextInput({ limit, value, description, error, ...props }: TextInputProps & Limited) {
  const shown = useLimit(value, limit, description, error);
  return <TextInput value={value} {...props} description={shown.description} error={shown.error} />;
}

export function LimitedTextarea({ limit, value, description, error, ...props }: TextareaProps & Limited) {
  const shown = useLimit(value, limit, description, error);
  return <Textarea value={value} {...props} description={shown.description} error={shown.error} />;
}
