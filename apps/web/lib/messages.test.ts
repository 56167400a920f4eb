import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isArgumentElement,
  isDateElement,
  isNumberElement,
  isPluralElement,
  isSelectElement,
  isTagElement,
  isTimeElement,
  type MessageFormatElement,
  parse,
} from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LOCALES } from './locale';

type Messages = Record<string, Record<string, string>>;

const read = (locale: string): Messages =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'messages', `${locale}.json`), 'utf8'));

const catalogs = Object.fromEntries(LOCALES.map((locale) => [locale, read(locale)])) as Record<
  (typeof LOCALES)[number],
  Messages
>;

const keysOf = (messages: Messages) =>
  Object.entries(messages).flatMap(([namespace, entries]) =>
    Object.keys(entries).map((key) => `${namespace}.${key}`),
  );

const messageAt = (messages: Messages, path: string) => {
  const [namespace = '', key = ''] = path.split('.');
  return messages[namespace]?.[key] ?? '';
};

/**
 * What a message asks of its caller and the markup it wraps: each argument with its kind
 * ("count:plural", "title:argument"), each tag ("<b>"), and each plural's or select's branches.
 */
function shape(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (isArgumentElement(element)) into.add(`${element.value}:argument`);
    else if (isNumberElement(element)) into.add(`${element.value}:number`);
    else if (isDateElement(element) || isTimeElement(element)) into.add(`${element.value}:date`);
    else if (isTagElement(element)) {
      into.add(`<${element.value}>`);
      shape(element.children, into);
    } else if (isPluralElement(element) || isSelectElement(element)) {
      const kind = isPluralElement(element) ? 'plural' : 'select';
      into.add(`${element.value}:${kind}`);
      // Plural categories differ between languages (Urdu has one and other, like English);
      // a select's branches are the caller's values and must match exactly.
      if (kind === 'select') into.add(`${element.value}:{${Object.keys(element.options)}}`);
      else into.add(`${element.value}:other=${'other' in element.options}`);
      for (const option of Object.values(element.options)) shape(option.value, into);
    }
  }
  return into;
}

/** Messages that read the same in every language: only arguments and punctuation, or a key name. */
const LANGUAGE_NEUTRAL = new Set([
  'board.failed',
  'reminders.line',
  'shortcuts.delete',
  'cards.running',
  'cards.error',
]);

describe('the English and Urdu messages', () => {
  const englishKeys = keysOf(catalogs.en).sort();

  it('have the same keys', () => {
    expect(englishKeys.length).toBeGreaterThan(300);
    for (const locale of LOCALES)
      expect(keysOf(catalogs[locale]).sort(), locale).toEqual(englishKeys);
  });

  it('ask for the same ICU arguments, tags and branches in every message', () => {
    for (const key of englishKeys) {
      const english = [...shape(parse(messageAt(catalogs.en, key)))].sort();
      for (const locale of LOCALES) {
        const translated = [...shape(parse(messageAt(catalogs[locale], key)))].sort();
        expect(translated, `${locale} ${key}`).toEqual(english);
      }
    }
  });

  it('every plural has its "other" branch', () => {
    for (const locale of LOCALES) {
      for (const key of englishKeys) {
        const elements = shape(parse(messageAt(catalogs[locale], key)));
        expect(
          [...elements].filter((part) => part.endsWith(':other=false')),
          key,
        ).toEqual([]);
      }
    }
  });

  it('Urdu is written in Urdu: every message has Urdu script but a few neutral ones', () => {
    const urduScript = /[\u0600-\u06ff]/;
    const untranslated = englishKeys.filter(
      (key) => !urduScript.test(messageAt(catalogs.ur, key)) && !LANGUAGE_NEUTRAL.has(key),
    );
    expect(untranslated).toEqual([]);
  });

  it('the shape check sees a dropped argument and a renamed select branch', () => {
    const english = [...shape(parse('{count, plural, one {# task} other {# tasks}} in {list}'))];
    const dropped = [...shape(parse('{count, plural, one {# کام} other {# کام}}'))];
    expect(dropped).not.toEqual(english);
    const select = shape(parse('{p, select, high {High} other {Low}}'));
    expect(select).not.toEqual(shape(parse('{p, select, hi {زیادہ} other {کم}}')));
  });
});
