/**
 * Known fake secret values. Every API process of the reliability suite runs with them, every
 * HTTP response the suite reads is checked for them, and the last file of the suite searches the
 * collected logs, rendered ConfigMaps and image layers: 0 hits allowed.
 */
export const FAKE_SECRETS = {
  BETTER_AUTH_SECRET: 'fake-auth-secret-R3l1ab1l1ty-7f3c9a1e5b2d4c6e8a0f',
  MCP_API_KEY: 'fake-mcp-key-R3l1ab1l1ty-1a2b3c4d5e6f',
  OPENAI_API_KEY: 'sk-fake-openai-R3l1ab1l1ty-9e8d7c6b5a',
  GROQ_API_KEY: 'gsk_fake-groq-R3l1ab1l1ty-4f5e6d7c',
  GOOGLE_AI_API_KEY: 'fake-google-R3l1ab1l1ty-3c2b1a0',
  COHERE_API_KEY: 'fake-cohere-R3l1ab1l1ty-8h7g6f5e',
} as const;

/** The cluster password of tests/support/postgres.ts: part of DATABASE_URL, so a secret too. */
export const DATABASE_PASSWORD = 'test-password';

export const SECRET_VALUES: string[] = [...Object.values(FAKE_SECRETS), DATABASE_PASSWORD];

/** Which secret values occur in `text` (names only, never the values). */
export function secretHits(text: string): string[] {
  const hits: string[] = [];
  for (const [name, value] of Object.entries(FAKE_SECRETS))
    if (text.includes(value)) hits.push(name);
  if (text.includes(`:${DATABASE_PASSWORD}@`) || text.includes(`"${DATABASE_PASSWORD}"`))
    hits.push('DATABASE_URL password');
  return hits;
}
