/**
 * An import problem or warning as one sentence in the reader's language, from its code
 * and params only: the server's English `message` is for API clients, never shown under
 * an Indonesian sentence. Params are formatted here the way the rest of the app writes
 * them: amounts in rupiah, dates the Indonesian way, issue and modality codes by name.
 */
import type { TFunction } from 'i18next';
import type { ImportProblem, ImportWarning } from '../../../../shared/contracts/program-import.ts';
import { formatDate, formatRupiah, type Locale } from '../../../../shared/format.ts';

export interface DescribeContext {
  locale: Locale;
  /** An issue code's name in the reader's language (the code when unknown). */
  issueName: (code: string) => string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The params with each value written for the reader. */
export function formattedParams(
  t: TFunction,
  entry: Pick<ImportProblem, 'params'>,
  { locale, issueName }: DescribeContext,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(entry.params ?? {})) {
    if (key === 'amount' && typeof value === 'number') out[key] = formatRupiah(value, locale);
    else if (
      (key === 'date' || key === 'start' || key === 'end') &&
      typeof value === 'string' &&
      ISO_DATE.test(value)
    )
      out[key] = formatDate(value, locale);
    else if (key === 'issue' && typeof value === 'string') out[key] = issueName(value);
    else if (key === 'issues' && typeof value === 'string')
      out[key] = value
        .split(', ')
        .map((code) => issueName(code))
        .join(', ');
    else if (key === 'modality' && typeof value === 'string')
      out[key] = t(`programs.modalities.${value}`, { defaultValue: value });
    else if (key === 'field' && typeof value === 'string')
      out[key] = t(`programImport.fields.${value}`, { defaultValue: value }).toLowerCase();
    else out[key] = value;
  }
  return out;
}

/** The whole sentence: the code's text with its params, or a neutral sentence in the same language for a code the client does not know. */
export function describeEntry(
  t: TFunction,
  entry: Pick<ImportProblem | ImportWarning, 'code' | 'params'>,
  context: DescribeContext,
): string {
  return t(`programImport.codes.${entry.code}`, {
    ...formattedParams(t, entry, context),
    defaultValue: t('programImport.codes.unknown'),
  });
}
