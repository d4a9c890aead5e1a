import { NumberInput, type NumberInputProps, Text } from '@mantine/core';
import { useLocale } from '../lib/useLocale.ts';

/**
 * A whole number typed with the reader's thousands separator ("1.250" in Indonesian, "1,250" in
 * English): counts of households or persons, months. A phone shows its number keyboard.
 */
export function CountInput(props: NumberInputProps) {
  const locale = useLocale();
  return (
    <NumberInput
      thousandSeparator={locale === 'id' ? '.' : ','}
      decimalSeparator={locale === 'id' ? ',' : '.'}
      allowDecimal={false}
      hideControls
      inputMode="numeric"
      {...props}
    />
  );
}

/** Whole rupiah typed with the reader's thousands separator ("1.250.000"); negative values are typed and refused by the schema. */
export function RupiahInput(props: NumberInputProps) {
  const locale = useLocale();
  return (
    <CountInput
      leftSection={
        <Text size="sm" c="dimmed" aria-hidden="true">
          {locale === 'id' ? 'Rp' : 'IDR'}
        </Text>
      }
      leftSectionWidth={locale === 'id' ? 36 : 44}
      {...props}
    />
  );
}
