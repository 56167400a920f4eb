/**
 * Run-time configuration of the web server. Read on every call, never at build time: one image
 * serves every environment, so nothing here may be inlined by `next build`. Variables are read
 * through `runtimeEnv(name)`: webpack's define plugin replaces only the literal
 * `process.env.NEXT_PUBLIC_…` form, so a `NEXT_PUBLIC_` name read this way stays on the server and
 * out of the browser bundle.
 */
const DEFAULT_BACKEND_URL = 'http://localhost:8000';

function runtimeEnv(name: string): string | undefined {
  return process.env[name]?.trim() || undefined;
}

export interface BackendUrlSource {
  url: URL;
  /** which setting won: BACKEND_URL, NEXT_PUBLIC_API_URL (the name some deployments use) or the default */
  from: 'BACKEND_URL' | 'NEXT_PUBLIC_API_URL' | 'default';
}

const withSlash = (raw: string) => new URL(raw.endsWith('/') ? raw : `${raw}/`);

/**
 * The API address and where it came from. NEXT_PUBLIC_API_URL counts only when BACKEND_URL is
 * unset, and only its origin: such settings often end in the API's own prefix
 * (`http://todo-backend:8000/api/v1`), while the proxy forwards the whole `/api/...` path.
 */
export function backendUrlSource(): BackendUrlSource {
  const backend = runtimeEnv('BACKEND_URL');
  if (backend) return { url: withSlash(backend), from: 'BACKEND_URL' };
  const publicApi = runtimeEnv('NEXT_PUBLIC_API_URL');
  if (publicApi) return { url: withSlash(new URL(publicApi).origin), from: 'NEXT_PUBLIC_API_URL' };
  return { url: withSlash(DEFAULT_BACKEND_URL), from: 'default' };
}

export function backendUrl(): URL {
  return backendUrlSource().url;
}

export function appName(): string {
  return runtimeEnv('NEXT_PUBLIC_APP_NAME') || 'Todo Chatbot';
}
