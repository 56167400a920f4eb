import { z } from 'zod';
import { ZRecurrenceFrom, ZTaskPriority } from './tasks.js';

/** Quick add: one line of words → task drafts, and what was understood, for a preview. */
export const ZQuickAddRequest = z.strictObject({
  text: z.string().trim().min(1, 'Type something to add').max(500),
});

export const ZQuickAddPart = z.object({
  kind: z.enum(['tag', 'priority', 'list', 'recurrence', 'due']),
  /** The words it was read from, so the UI can highlight them or put them back. */
  text: z.string(),
  value: z.string(),
});

/** A draft is a valid `POST /api/v1/tasks` body. */
export const ZQuickAddDraft = z.object({
  title: z.string(),
  priority: ZTaskPriority,
  tags: z.array(z.string()),
  list_id: z.number().int().optional(),
  due_date: z.string().optional(),
  due_at: z.string().optional(),
  recurrence: z.string().optional(),
  recurrence_from: ZRecurrenceFrom.optional(),
});

export const ZQuickAddResult = z.object({
  drafts: z.array(ZQuickAddDraft),
  parts: z.array(ZQuickAddPart),
  /** Things not understood as meant ("no list called Groceries"). */
  notes: z.array(z.string()),
});
export type TQuickAddResult = z.infer<typeof ZQuickAddResult>;
