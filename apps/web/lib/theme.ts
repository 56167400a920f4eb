/** The colour themes a user can pick; "system" follows the operating system's setting. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = 'theme';

/** A cookie value read leniently: anything unknown is the system theme. */
export function themeOf(value: string | undefined): Theme {
  return THEMES.includes(value as Theme) ? (value as Theme) : 'system';
}
