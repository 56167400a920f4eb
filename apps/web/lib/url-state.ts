/**
 * Puts a view's new state in the URL without asking the server for the page again: the view
 * reads its own data, and Next keeps `useSearchParams` and the back button in step with the
 * History API. (`router.push` would render the page's server component again for nothing.)
 */
export function showInUrl(href: string, mode: 'push' | 'replace' = 'push') {
  if (mode === 'push') window.history.pushState(null, '', href);
  else window.history.replaceState(null, '', href);
}
