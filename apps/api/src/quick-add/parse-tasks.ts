import type { TQuickAddResult } from '@todo/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import { lists } from '../db/schema/lists.js';
import type { TaskContext } from '../tasks/task-context.js';
import { userClock } from '../time/user-clock.js';
import { parseQuickAdd, type QuickAddPart } from './parse-quick-add.js';

const partValue = (part: QuickAddPart): string => {
  switch (part.kind) {
    case 'tag':
      return part.tag;
    case 'priority':
      return part.priority;
    case 'list':
      return part.list;
    case 'recurrence':
      return part.words;
    case 'due':
      return part.due_date ?? part.due_at ?? '';
  }
};

/**
 * Reads a quick-add line for the user: dates in their zone, `@list` matched against their lists
 * (ignoring case). Creates nothing: the board previews the drafts, the assistant adds them.
 * `now` is the turn's instant when the offline assistant reads a message.
 */
export async function parseTasks(
  context: TaskContext,
  text: string,
  now = new Date(),
): Promise<TQuickAddResult> {
  const clock = await userClock(context.db, context.userId, now);
  const draft = parseQuickAdd(text, clock);
  const notes: string[] = [];
  let listId: number | undefined;
  const wantedList = draft.list?.toLowerCase();
  if (wantedList) {
    const mine = await context.db
      .select({ id: lists.id, name: lists.name })
      .from(lists)
      .where(and(eq(lists.userId, context.userId), isNull(lists.deletedAt)));
    const match = mine.find((list) => list.name.toLowerCase() === wantedList);
    if (match) listId = match.id;
    else notes.push(`You have no list called "${draft.list}"; it goes to the Inbox`);
  }
  if (draft.titles.length === 0) notes.push('No title left: type what to do');
  return {
    drafts: draft.titles.map((title) => ({
      title,
      priority: draft.priority ?? 'medium',
      tags: draft.tags,
      ...(listId !== undefined && { list_id: listId }),
      ...(draft.due_date && { due_date: draft.due_date }),
      ...(draft.due_at && { due_at: draft.due_at }),
      ...(draft.recurrence && {
        recurrence: draft.recurrence,
        recurrence_from: draft.recurrence_from,
      }),
    })),
    parts: draft.parts.map((part) => ({
      kind: part.kind,
      text: part.text,
      value: partValue(part),
    })),
    notes,
  };
}
