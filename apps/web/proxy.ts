import { type NextRequest, NextResponse } from 'next/server';

/**
 * Security headers of every page (Next's documented nonce pattern): a fresh nonce per request
 * lets Next's own scripts run and nothing injected. `/api/*` never comes here (the web server
 * forwards it before Next); static assets get the constant headers from next.config.ts.
 */
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  if (publicUrlIsHttps()) {
    response.headers.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
  }
  return response;
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // React sets style attributes; stylesheets themselves come from 'self'.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The reminder service worker (/sw.js): 'strict-dynamic' would otherwise ignore 'self'.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** BETTER_AUTH_URL is the app's public URL (the same variable the API reads). */
function publicUrlIsHttps(): boolean {
  return (process.env.BETTER_AUTH_URL ?? '').trim().startsWith('https://');
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      // Prefetches are answered from the page already loaded; no new policy is needed for them.
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
