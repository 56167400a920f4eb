import { z } from 'zod';

/** Personal API keys: they let an MCP client act as their owner. Only a hash is stored. */

export const API_KEY_NAME_MAX = 100;
/** Active keys one user may hold: the list is always one short page. */
export const API_KEYS_PER_USER_MAX = 50;
export const API_KEY_EXPIRY_DAYS_MAX = 365;

/**
 * What a credential for /mcp may do, one scope per kind of tool (ADR 068). OAuth tokens carry
 * the scopes the user approved; a personal key carries the ones chosen at creation (all by default).
 */
export const MCP_SCOPES = ['tasks:read', 'tasks:write', 'tasks:delete', 'reminders:write'] as const;
export const ZMcpScope = z.enum(MCP_SCOPES);
export type TMcpScope = z.infer<typeof ZMcpScope>;

export const ZApiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The first characters of the key, enough to recognise it in a list; never the whole key. */
  prefix: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  /** After this instant the key no longer works; null = until revoked. */
  expires_at: z.string().nullable(),
  /** The MCP tools the key may call, by scope. */
  scopes: z.array(ZMcpScope),
});
export type TApiKey = z.infer<typeof ZApiKey>;

export const ZApiKeyList = z.object({ items: z.array(ZApiKey) });
export type TApiKeyList = z.infer<typeof ZApiKeyList>;

export const ZCreateApiKeyRequest = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'Name is required')
    .max(API_KEY_NAME_MAX, `Name must be at most ${API_KEY_NAME_MAX} characters`),
  /** The account password: a stolen session alone cannot mint a lasting credential. */
  password: z.string().min(1, 'Enter your password to create a key').max(128),
  expires_in_days: z
    .number()
    .int()
    .min(1, 'Expiry must be at least 1 day')
    .max(API_KEY_EXPIRY_DAYS_MAX, `Expiry must be at most ${API_KEY_EXPIRY_DAYS_MAX} days`)
    .optional(),
  /** A subset of MCP_SCOPES; omitted = all of them. */
  scopes: z.array(ZMcpScope).min(1, 'Choose at least one scope').max(MCP_SCOPES.length).optional(),
});
export type TCreateApiKeyRequest = z.input<typeof ZCreateApiKeyRequest>;

/** The one response that carries the secret key: it is shown once and never again. */
export const ZCreatedApiKey = ZApiKey.omit({ last_used_at: true }).extend({ key: z.string() });
export type TCreatedApiKey = z.infer<typeof ZCreatedApiKey>;

export const ZApiKeyParams = z.strictObject({ id: z.uuid() });
