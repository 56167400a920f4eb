'use client';

import { useState } from 'react';
import { useTranslations } from 'use-intl';
import { THEME_COOKIE, THEMES, type Theme, themeOf } from '@/lib/theme';

const LABEL_KEYS = { system: 'themeSystem', light: 'themeLight', dark: 'themeDark' } as const;

/**
 * Switches the colour theme at once (data-theme on <html>) and keeps it in a cookie for a year,
 * so the server renders the next page in it and nothing flashes.
 */
export function ThemeSelect({ initial }: { initial: Theme }) {
  const t = useTranslations('shell');
  const [theme, setTheme] = useState<Theme>(initial);
  function choose(value: Theme) {
    setTheme(value);
    document.documentElement.dataset.theme = value;
    // biome-ignore lint/suspicious/noDocumentCookie: one plain preference cookie; no store is needed
    document.cookie = `${THEME_COOKIE}=${value}; path=/; max-age=31536000; samesite=lax`;
  }
  return (
    <label className="flex items-center gap-1 text-sm">
      <span className="sr-only sm:not-sr-only">{t('theme')}</span>
      <select
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900"
        value={theme}
        onChange={(event) => choose(themeOf(event.target.value))}
        data-testid="theme-select"
      >
        {THEMES.map((value) => (
          <option key={value} value={value}>
            {t(LABEL_KEYS[value])}
          </option>
        ))}
      </select>
    </label>
  );
}
