import type { Database } from '../db/client.js';

/**
 * Who a change is recorded as (ADR 070): the path it came by, the client when known (an API key
 * id or OAuth client id; the conversation for chat) and the batch that groups the changes of one
 * REST request, chat turn or MCP tool call, the unit undo reverses.
 */
export type Actor = {
  via: 'web' | 'api_key' | 'chat' | 'mcp';
  clientId?: string | null;
  conversationId?: string | null;
  batchId: string;
};

/** Who acts and where: the user id always comes from authentication, never from input. */
export type TaskContext = { db: Database; userId: string; actor: Actor };

/** What a read needs: no actor, since nothing it does is recorded. */
export type ReadContext = Pick<TaskContext, 'db' | 'userId'>;
