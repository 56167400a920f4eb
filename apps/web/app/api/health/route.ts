/** Liveness of the web server itself: never calls the API (docs/contract.md, "Names and ports"). */
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'healthy' }, { headers: { 'cache-control': 'no-store' } });
}
