/**
 * Runs once when the web server starts (Next's instrumentation hook): one log line says which
 * setting gave the API address, so nobody has to wonder whether BACKEND_URL or
 * NEXT_PUBLIC_API_URL won.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { backendUrlSource } = await import('./lib/env.server');
  try {
    const { url, from } = backendUrlSource();
    const source =
      from === 'default' ? 'default (neither BACKEND_URL nor NEXT_PUBLIC_API_URL is set)' : from;
    console.log(JSON.stringify({ level: 'info', msg: `API address ${url.origin} from ${source}` }));
  } catch (error) {
    console.error(
      JSON.stringify({
        level: 'error',
        msg: `API address is not a URL: ${(error as Error).message}`,
      }),
    );
  }
}
