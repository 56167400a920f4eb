import type { TToolApproval } from '@todo/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { ownerId } from './auth.js';
import { instant, timestamps } from './columns.js';

export type StoredToolCall = {
  tool: string;
  arguments: unknown;
  result: unknown;
  tool_call_id?: string;
  /** Set on a call that waited for the user's approval (ADR 075). */
  approval?: TToolApproval;
};

/** A conversation lives in the database, so any API replica can continue it. */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: ownerId(),
    title: text('title').notNull(),
    ...timestamps,
  },
  (table) => [index('conversations_user_updated_idx').on(table.userId, table.updatedAt.desc())],
);

export const messages = pgTable(
  'messages',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: ownerId(),
    role: text('role', { enum: ['user', 'assistant', 'tool'] }).notNull(),
    content: text('content').notNull(),
    toolCalls: jsonb('tool_calls').$type<StoredToolCall[]>().notNull().default(sql`'[]'::jsonb`),
    /**
     * The activity batch of a reply that continues an earlier one after an approval: the batch
     * of the reply it continues, so a chain of approvals stays one undo. Null: the reply's own id.
     */
    batchId: integer('batch_id'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (table) => [
    index('messages_conversation_idx').on(table.conversationId, table.id),
    index('messages_user_idx').on(table.userId),
  ],
);

/** Personal API keys for MCP clients; only a SHA-256 hash of the key is stored. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: ownerId(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastUsedAt: instant('last_used_at'),
    // Optional: a key made for a week stops working after that week without anyone revoking it.
    expiresAt: instant('expires_at'),
    revokedAt: instant('revoked_at'),
    // What the key may call on /mcp; keys made before scopes existed keep every scope.
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`ARRAY['tasks:read','tasks:write','tasks:delete','reminders:write']::text[]`),
  },
  (table) => [index('api_keys_user_idx').on(table.userId)],
);

/**
 * Chat spend per user and UTC day, in the database so every replica enforces one quota
 * (messages per day; model tokens per month = the sum over that month's days).
 */
export const chatUsage = pgTable(
  'chat_usage',
  {
    userId: ownerId(),
    day: date('day', { mode: 'string' }).notNull(),
    messages: integer('messages').notNull().default(0),
    tokens: bigint('tokens', { mode: 'number' }).notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.userId, table.day] })],
);
