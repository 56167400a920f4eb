import { z } from 'zod';

/** Personal API keys: they let an MCP client act as their owner. Only a hash is stored. */

export const API_KEY_NAME_MAX = 100;

export const ZApiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The first characters of the key, enough to recognise it in a list; never the whole key. */
  prefix: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
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
});
export type TCreateApiKeyRequest = z.input<typeof ZCreateApiKeyRequest>;

/** The one response that carries the secret key: it is shown once and never again. */
export const ZCreatedApiKey = ZApiKey.omit({ last_used_at: true }).extend({ key: z.string() });
export type TCreatedApiKey = z.infer<typeof ZCreatedApiKey>;

export const ZApiKeyParams = z.strictObject({ id: z.uuid() });
