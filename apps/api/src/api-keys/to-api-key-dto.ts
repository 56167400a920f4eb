import { MCP_SCOPES, type TApiKey } from '@todo/contracts';
import type { apiKeys } from '../db/schema/chat.js';

export const toApiKeyDto = (row: typeof apiKeys.$inferSelect): TApiKey => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  created_at: row.createdAt.toISOString(),
  last_used_at: row.lastUsedAt?.toISOString() ?? null,
  expires_at: row.expiresAt?.toISOString() ?? null,
  scopes: MCP_SCOPES.filter((scope) => row.scopes.includes(scope)),
});
