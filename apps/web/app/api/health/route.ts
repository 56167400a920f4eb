/** Liveness of the web server itself: never calls the API (DESIGN.md). */
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'healthy' }, { headers: { 'cache-control': 'no-store' } });
}
