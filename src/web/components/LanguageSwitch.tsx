import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, type Language } from '../i18n/index.ts';

/** ID / EN switch. The choice is stored by the i18n module (localStorage `simpul.lang`, `<html lang>`). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const option = (value: Language, short: string, long: string) => ({
    value,
    label: (
      <>
        <span aria-hidden="true">{short}</span>
        <VisuallyHidden lang={value}>{long}</VisuallyHidden>
      </>
    ),
  });
  return (
    <SegmentedControl
      aria-label={t('language.label')}
      size="xs"
      value={currentLanguage()}
      onChange={(value) => void i18n.changeLanguage(value)}
      data={[option('id', 'ID', 'Bahasa Indonesia'), option('en', 'EN', 'English')]}
    />
  );
}
