/**
 * Run-time configuration of the web server. Read on every call, never at build time: one image
 * serves every environment, so nothing here may be inlined by `next build`.
 */
export function backendUrl(): URL {
  const raw = process.env.BACKEND_URL?.trim() || 'http://localhost:8000';
  return new URL(raw.endsWith('/') ? raw : `${raw}/`);
}

export function appName(): string {
  return process.env.NEXT_PUBLIC_APP_NAME?.trim() || 'Todo Chatbot';
}
