import { z } from 'zod';

export const CHAT_MESSAGE_MAX = 4000;

/** The user's answer to a tool call that waits for approval (a delete, a bulk change). */
export const ZApprovalAnswer = z.strictObject({
  id: z.string().min(1).max(100),
  approved: z.boolean(),
});
export type TApprovalAnswer = z.infer<typeof ZApprovalAnswer>;

/**
 * One user turn: a message, or the answer to the approval the last reply asked for (which then
 * continues that reply) in the same conversation.
 */
export const ZChatRequest = z
  .strictObject({
    conversation_id: z.uuid().optional(),
    message: z.string().trim().min(1, 'Message is required').max(CHAT_MESSAGE_MAX).optional(),
    approval: ZApprovalAnswer.optional(),
  })
  .refine((turn) => (turn.message === undefined) !== (turn.approval === undefined), {
    message: 'Send either a message or an approval answer',
    path: ['message'],
  })
  .refine((turn) => turn.approval === undefined || turn.conversation_id !== undefined, {
    message: 'An approval answer needs the conversation_id it belongs to',
    path: ['conversation_id'],
  });
export type TChatRequest = z.input<typeof ZChatRequest>;

/** What would change, named for a person: shown on the approval card. */
export const ZToolPreview = z.object({
  summary: z.string(),
  tasks: z.array(z.object({ id: z.number().int(), title: z.string() })),
});
export type TToolPreview = z.infer<typeof ZToolPreview>;

/** A call waiting for the user (`requested`), or the answer it got. */
export const ZToolApproval = z.object({
  id: z.string(),
  state: z.enum(['requested', 'approved', 'declined']),
  preview: ZToolPreview.optional(),
});
export type TToolApproval = z.infer<typeof ZToolApproval>;

export const ZToolCall = z.object({
  tool: z.string(),
  arguments: z.unknown(),
  result: z.unknown(),
  /** The provider's or offline assistant's call id: an approval answer refers to it. */
  tool_call_id: z.string().optional(),
  approval: ZToolApproval.optional(),
});
export type TToolCall = z.infer<typeof ZToolCall>;

export const ZChatResponse = z.object({
  conversation_id: z.uuid(),
  /** The activity batch of this turn's changes (the reply's message id): pass it to undo. */
  batch_id: z.string(),
  response: z.string(),
  tool_calls: z.array(ZToolCall),
});
export type TChatResponse = z.infer<typeof ZChatResponse>;

export const ZConversation = z.object({
  id: z.uuid(),
  title: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type TConversation = z.infer<typeof ZConversation>;

export const ZMessage = z.object({
  id: z.number().int(),
  role: z.enum(['user', 'assistant', 'tool']),
  content: z.string(),
  tool_calls: z.array(ZToolCall),
  /** An assistant reply's activity batch (pass it to undo); a chain of approvals shares one. */
  batch_id: z.string().nullable(),
  created_at: z.string(),
});
export type TMessage = z.infer<typeof ZMessage>;

export const ZConversationParams = z.strictObject({ id: z.uuid() });

export const ZConversationList = z.object({ items: z.array(ZConversation) });
export type TConversationList = z.infer<typeof ZConversationList>;

export const MESSAGES_PAGE_MAX = 200;

/** A page of a conversation: the newest `limit` messages before `before` (a message id). */
export const ZMessagesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MESSAGES_PAGE_MAX).default(100),
  before: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});
export type TMessagesQuery = z.input<typeof ZMessagesQuery>;

export const ZMessageList = z.object({
  /** Oldest first within the page. */
  items: z.array(ZMessage),
  /** Pass as `before` for the page of older messages; null when this page reaches the start. */
  next_before: z.number().int().nullable(),
});
export type TMessageList = z.infer<typeof ZMessageList>;
