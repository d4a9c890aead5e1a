import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import id from './id.json';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** localStorage key that remembers the reader's language between visits. */
export const LANGUAGE_STORAGE_KEY = 'simpul.lang';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : 'id';
  } catch {
    // Storage can be blocked (private mode, strict cookie settings): Indonesian is the default.
    return 'id';
  }
}

/** Current language as one of ours; anything unexpected falls back to Indonesian. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'id';
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = isLanguage(lng) ? lng : 'id';
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // Not fatal: the choice simply is not remembered.
  }
});

void i18n.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'id',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  // Resources are bundled, so initialise synchronously: the first render already has its strings.
  initAsync: false,
});
document.documentElement.lang = currentLanguage();

export default i18n;
