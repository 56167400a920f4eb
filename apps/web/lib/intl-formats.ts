/**
 * Intl formatters are costly to make (each loads locale and zone data) and free to reuse, and a
 * board formats several dates per row: one formatter per locale and options, kept. The set is
 * small (a user's language and zone); the bound only guards against a caller that varies them.
 */
const MAX_FORMATS = 256;
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function kept<T>(formats: Map<string, T>, key: string, make: () => T): T {
  let format = formats.get(key);
  if (!format) {
    if (formats.size >= MAX_FORMATS) formats.clear();
    format = make();
    formats.set(key, format);
  }
  return format;
}

export const dateFormat = (locale: string, options: Intl.DateTimeFormatOptions = {}) =>
  kept(
    dateFormats,
    `${locale}|${JSON.stringify(options)}`,
    () => new Intl.DateTimeFormat(locale, options),
  );

export const numberFormat = (locale: string) =>
  kept(numberFormats, locale, () => new Intl.NumberFormat(locale));
