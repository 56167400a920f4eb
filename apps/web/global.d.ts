import type { Locale } from './lib/locale';
import type messages from './messages/en.json';

// Typed messages (next-intl's hooks are use-intl's): a key that en.json lacks, or a missing ICU argument, fails the typecheck.
declare module 'use-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
