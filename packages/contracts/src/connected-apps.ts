import { z } from 'zod';
import { ZMcpScope } from './api-keys.js';

/** OAuth clients (hosted assistants) a user let act on /mcp, as Settings → Connected apps lists them. */

/** Grants one user may list at once: every list endpoint is bounded. */
export const CONNECTED_APPS_MAX = 100;

export const ZConnectedApp = z.object({
  client_id: z.string(),
  name: z.string().nullable(),
  uri: z.string().nullable(),
  icon: z.string().nullable(),
  scopes: z.array(ZMcpScope),
  granted_at: z.string().nullable(),
  /** When /mcp last accepted one of its tokens (to the minute); null = never. */
  last_used_at: z.string().nullable(),
});
export type TConnectedApp = z.infer<typeof ZConnectedApp>;

export const ZConnectedAppList = z.object({ items: z.array(ZConnectedApp) });
export type TConnectedAppList = z.infer<typeof ZConnectedAppList>;

export const ZConnectedAppParams = z.strictObject({ clientId: z.string().min(1).max(200) });
