import type { TQuickAddResult } from '@todo/contracts';
import { dueLabel } from './due';

export type QuickAddPart = TQuickAddResult['parts'][number];

/**
 * Undo of one understood part: its words leave the line, so the next parse no longer applies
 * it. The part's `text` is what the server read it from; the first occurrence goes.
 */
export function withoutPart(line: string, part: Pick<QuickAddPart, 'text'>): string {
  const at = line.toLowerCase().indexOf(part.text.toLowerCase());
  if (at === -1 || !part.text) return line;
  return `${line.slice(0, at)} ${line.slice(at + part.text.length)}`.split(/\s+/).join(' ').trim();
}

/** What each kind of chip is called ("Due", "Repeats", …), in the user's language. */
export type PartKindNames = Record<QuickAddPart['kind'], string>;

/**
 * A chip's words: "Due: Thu, Dec 3, 5:00 PM" in the user's zone and language, "Repeats: every
 * month on the 1st".
 */
export function partLabel(
  part: QuickAddPart,
  zone: string,
  now: Date,
  locale: string,
  kinds: PartKindNames,
): string {
  let value = part.value;
  if (part.kind === 'due') {
    const isTime = value.includes('T');
    const due = { due_date: isTime ? null : value, due_at: isTime ? value : null };
    value = dueLabel(due, zone, now, locale);
  }
  if (part.kind === 'tag') value = `#${value}`;
  return `${kinds[part.kind]}: ${value}`;
}
