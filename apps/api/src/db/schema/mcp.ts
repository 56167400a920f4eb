import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { ownerId } from './auth.js';
import { instant } from './columns.js';

/**
 * MCP sessions (ADR 077): one row per session a client opened at `initialize`, bound to the
 * principal that opened it (the user and the client: `api_key:<id>`, `oauth:<client>`, `shared`).
 * In the database so any replica can serve a session's next request. Triggers in the migration end
 * a key's or a connected app's sessions when it is revoked, and NOTIFY every replica of each
 * session that ends.
 */
export const mcpSessions = pgTable(
  'mcp_sessions',
  {
    id: text('id').primaryKey(),
    userId: ownerId(),
    clientId: text('client_id').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
  },
  (table) => [
    index('mcp_sessions_principal_idx').on(table.userId, table.clientId),
    index('mcp_sessions_last_seen_idx').on(table.lastSeenAt),
  ],
);
