import type { TTaskPriority } from '@todo/contracts';
import { describeRecurrence } from '../recurrence/describe-recurrence.js';
import { phraseToRule } from '../recurrence/phrase-to-rule.js';
import { parseWhen } from '../time/parse-when.js';
import type { UserClock } from '../time/user-clock.js';

/**
 * Quick add, one grammar: "pay rent every month on the 1st #home !high @bills" or "call mom
 * tomorrow 5pm" → task drafts, with each understood part named (so a preview can show and undo
 * it). "eggs, milk and bread" is three drafts sharing the rest. Pure: lists are matched by the
 * caller. Word scans use string search and anchored patterns only (linear on any input).
 */

export type QuickAddPart =
  | { kind: 'tag'; text: string; tag: string }
  | { kind: 'priority'; text: string; priority: TTaskPriority }
  | { kind: 'list'; text: string; list: string }
  | { kind: 'recurrence'; text: string; rule: string; from: 'due' | 'completion'; words: string }
  | { kind: 'due'; text: string; due_date?: string; due_at?: string };

export type QuickAddDraft = {
  titles: string[];
  tags: string[];
  priority?: TTaskPriority;
  list?: string;
  due_date?: string;
  due_at?: string;
  recurrence?: string;
  recurrence_from?: 'due' | 'completion';
  parts: QuickAddPart[];
};

const PRIORITIES: Record<string, TTaskPriority> = {
  high: 'high',
  h: 'high',
  p1: 'high',
  '1': 'high',
  medium: 'medium',
  m: 'medium',
  p2: 'medium',
  '2': 'medium',
  low: 'low',
  l: 'low',
  p3: 'low',
  '3': 'low',
};

const LEADS = ['add ', 'remind me to ', 'todo ', 'task '];

/** Splits "eggs, milk and bread" into items; a title without a comma stays whole. */
function splitItems(title: string): string[] {
  if (!title.includes(',')) return [title];
  const pieces = title.split(',').map((piece) => piece.trim());
  const last = pieces.pop() ?? '';
  const and = last.lastIndexOf(' and ');
  const tail = and > 0 ? [last.slice(0, and), last.slice(and + 5)] : [last];
  const tailTrimmed = tail.map((piece) => (piece.startsWith('and ') ? piece.slice(4) : piece));
  return [...pieces, ...tailTrimmed].map((piece) => piece.trim()).filter(Boolean);
}

/** The longest "every …" phrase at `start` that reads as a rule, by whole words. */
function recurrenceAt(words: string[], start: number) {
  for (let end = words.length; end > start + 1; end--) {
    const phrase = words.slice(start, end).join(' ');
    const read = phraseToRule(phrase);
    if (read) return { ...read, end, phrase };
  }
  return undefined;
}

export function parseQuickAdd(text: string, clock: UserClock): QuickAddDraft {
  const parts: QuickAddPart[] = [];
  const tags: string[] = [];
  let priority: TTaskPriority | undefined;
  let list: string | undefined;
  const kept: string[] = [];
  for (const word of text.trim().split(/\s+/)) {
    const lower = word.toLowerCase();
    if (word.length > 1 && word.startsWith('#')) {
      const tag = lower.slice(1);
      tags.push(tag);
      parts.push({ kind: 'tag', text: word, tag });
    } else if (word.length > 1 && word.startsWith('!') && PRIORITIES[lower.slice(1)]) {
      const level = PRIORITIES[lower.slice(1)] ?? 'medium';
      priority = level;
      parts.push({ kind: 'priority', text: word, priority: level });
    } else if (word.length > 1 && word.startsWith('@')) {
      list = word.slice(1).replace(/[-_]/g, ' ');
      parts.push({ kind: 'list', text: word, list });
    } else kept.push(word);
  }

  let words = kept;
  const draft: QuickAddDraft = { titles: [], tags: [...new Set(tags)], priority, list, parts };
  const every = words.findIndex((word, index) => {
    const lower = word.toLowerCase();
    return (
      lower === 'every' ||
      lower === 'every!' ||
      (lower === 'on' && words[index + 1]?.toLowerCase() === 'the')
    );
  });
  if (every >= 0) {
    const found = recurrenceAt(words, every);
    if (found) {
      draft.recurrence = found.rule;
      draft.recurrence_from = found.from;
      parts.push({
        kind: 'recurrence',
        text: found.phrase,
        rule: found.rule,
        from: found.from,
        words: describeRecurrence(found.rule, found.from),
      });
      words = [...words.slice(0, every), ...words.slice(found.end)];
    }
  }

  let rest = words.join(' ');
  const when = parseWhen(rest, clock);
  if (when) {
    rest = `${rest.slice(0, when.index)} ${rest.slice(when.index + when.text.length)}`;
    if (when.kind === 'date') draft.due_date = when.date;
    else draft.due_at = when.at;
    parts.push({
      kind: 'due',
      text: when.text,
      ...(when.kind === 'date' ? { due_date: when.date } : { due_at: when.at }),
    });
  }
  let title = rest.split(/\s+/).filter(Boolean).join(' ');
  // "at 9" left over from "every weekday at 9" would read as a title: drop a dangling "at"/"on".
  for (const dangling of [' at', ' on', ' by']) {
    if (title.toLowerCase().endsWith(dangling)) title = title.slice(0, -dangling.length);
  }
  const lead = LEADS.find((prefix) => title.toLowerCase().startsWith(prefix));
  if (lead) title = title.slice(lead.length);
  draft.titles = splitItems(title.trim());
  return draft;
}
