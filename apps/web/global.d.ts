import type { Locale } from './lib/locale';
import type messages from './messages/en.json';

// Typed messages: a key that en.json lacks, or a missing ICU argument, fails the typecheck.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
