import {
  type CSSVariablesResolver,
  createTheme,
  type MantineColorsTuple,
  type MantineThemeOverride,
  mergeThemeOverrides,
  PasswordInput,
} from '@mantine/core';
import type { TFunction } from 'i18next';

/** The brand palette. A muted teal: calm, readable on white, and distinct from the red/green of status colours. */
export const simpul: MantineColorsTuple = [
  '#e8f6f5',
  '#d3e9e8',
  '#a8d3d1',
  '#79bbb9',
  '#53a7a5',
  '#3b9a98',
  '#2c8482',
  '#1f7573',
  '#176c6b',
  '#045a58',
];

export const theme = createTheme({
  primaryColor: 'simpul',
  primaryShade: 8,
  colors: { simpul },
  defaultRadius: 'md',
  fontFamily:
    'Inter, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, system-ui, -apple-system, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Paper: { defaultProps: { withBorder: true, radius: 'md' } },
    // The light variant's tinted title (teal.6, yellow.6…) falls below 4.5:1 on its tinted
    // background; the background and icon already say what kind of message it is.
    Alert: { styles: { title: { color: 'var(--mantine-color-text)' } } },
    // Under a title, a notification's text is gray.6 (3.3:1); the readable secondary grey instead.
    Notification: { styles: { description: { color: 'var(--mantine-color-dimmed)' } } },
  },
});

/**
 * Mantine's default "dimmed" grey (#868e96) is 3.3:1 on white, below WCAG AA for small text;
 * this one is 5.9:1 and still reads as secondary. Likewise the error red (#fa5252, 3.3:1) of
 * field messages becomes red.9 (#c92a2a, 5.7:1).
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#5f6770', '--mantine-color-error': '#c92a2a' },
  dark: {},
});

/** Codes and passwords are typed in a monospace font; the label stays in the text font. */
export const MONO_INPUT = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } as const;

/**
 * The theme with the labels Mantine writes itself (in English) put in the reader's language: the
 * password field's show/hide button reads "Toggle password visibility" otherwise.
 */
export function withLocalisedLabels(base: MantineThemeOverride, t: TFunction): MantineThemeOverride {
  return mergeThemeOverrides(
    base,
    createTheme({
      components: {
        PasswordInput: PasswordInput.extend({
          defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('common.togglePassword') } },
        }),
      },
    }),
  );
}
