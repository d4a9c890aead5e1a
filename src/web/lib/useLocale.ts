import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/format.ts';

/** The formatter locale (`id`/`en`) that follows the interface language. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'id';
}
