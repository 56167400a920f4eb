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

const KIND_LABEL: Record<QuickAddPart['kind'], string> = {
  due: 'Due',
  recurrence: 'Repeats',
  list: 'List',
  tag: 'Tag',
  priority: 'Priority',
};

/** A chip's words: "Due: Thu 3 Dec, 17:00" in the user's zone, "Repeats: every month on the 1st". */
export function partLabel(part: QuickAddPart, zone: string, now: Date): string {
  let value = part.value;
  if (part.kind === 'due') {
    const isTime = value.includes('T');
    value = dueLabel({ due_date: isTime ? null : value, due_at: isTime ? value : null }, zone, now);
  }
  if (part.kind === 'tag') value = `#${value}`;
  return `${KIND_LABEL[part.kind]}: ${value}`;
}
