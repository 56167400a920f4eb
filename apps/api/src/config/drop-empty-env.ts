/**
 * Imported first by every entry point. A blank ConfigMap or .env key (`OPENAI_BASE_URL=`) means
 * "unset" to us, but some libraries read process.env while loading and reject empty strings
 * (the AI SDK refuses an empty base URL). Dropping blanks before any other module loads keeps one
 * meaning everywhere; `loadEnv` applies the same rule to whatever environment it is given.
 */
export function withoutBlankValues(source: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
}

for (const [key, value] of Object.entries(process.env)) {
  if (value === '') delete process.env[key];
}
