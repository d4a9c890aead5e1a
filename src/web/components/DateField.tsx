/**
 * The one date field of the app: typed and shown as day/month/year ("28/11/2026") whatever
 * the browser's language, with a calendar in the interface language (Indonesian month names
 * by default). The value is the ISO date string the API takes ("2026-11-28"), or '' when empty.
 */
import { DateInput, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { parseDayMonthYear } from '../lib/dates.ts';

type DateFieldProps = Omit<DateInputProps, 'value' | 'onChange' | 'minDate' | 'maxDate'> & {
  value?: string | null;
  onChange?: (value: string) => void;
  /** Earliest and latest selectable dates, ISO. */
  minDate?: string | undefined;
  maxDate?: string | undefined;
};

export function DateField({ value, onChange, minDate, maxDate, ...props }: DateFieldProps) {
  const { t } = useTranslation();
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      dateParser={(text) => parseDayMonthYear(text)}
      placeholder={t('common.datePlaceholder')}
      clearable
      inputMode="numeric"
      autoComplete="off"
      {...(minDate ? { minDate } : {})}
      {...(maxDate ? { maxDate } : {})}
      {...props}
      value={value ? value : null}
      onChange={(next) => onChange?.(next ?? '')}
    />
  );
}
