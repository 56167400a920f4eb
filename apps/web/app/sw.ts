/// <reference lib="webworker" />
import type { PrecacheEntry, SerwistGlobalConfig } from 'serwist';
import { CacheFirst, ExpirationPlugin, NetworkFirst, NetworkOnly, Serwist } from 'serwist';
import { BOARD_READS } from '@/lib/offline-caches';
import { addPushListeners } from './sw-push';

/**
 * The service worker (built by @serwist/next into public/sw.js). The app's own files are
 * precached; the board's pages and reads are network-first, so online they are always fresh and
 * offline the last-seen board opens (read-only: the page refuses changes while offline). Nothing
 * else under /api is cached: auth, chat, exports and streams always go to the network. It also
 * shows reminder push notifications (sw-push.ts).
 */
declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}
declare const self: ServiceWorkerGlobalScope;

const WEEK = 7 * 24 * 3600;
const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    { matcher: ({ url }) => url.pathname.startsWith('/api/auth/'), handler: new NetworkOnly() },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && BOARD_READS.test(url.pathname),
      method: 'GET',
      handler: new NetworkFirst({
        cacheName: 'board-data',
        networkTimeoutSeconds: 5,
        plugins: [new ExpirationPlugin({ maxEntries: 50, maxAgeSeconds: WEEK })],
      }),
    },
    {
      matcher: ({ request, sameOrigin }) => sameOrigin && request.headers.get('RSC') === '1',
      handler: new NetworkFirst({
        cacheName: 'pages-rsc',
        networkTimeoutSeconds: 5,
        plugins: [new ExpirationPlugin({ maxEntries: 20, maxAgeSeconds: WEEK })],
      }),
    },
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && request.mode === 'navigate' && !url.pathname.startsWith('/api/'),
      handler: new NetworkFirst({
        cacheName: 'pages',
        networkTimeoutSeconds: 5,
        plugins: [new ExpirationPlugin({ maxEntries: 20, maxAgeSeconds: WEEK })],
      }),
    },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/_next/static/'),
      handler: new CacheFirst({
        cacheName: 'static',
        plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * 24 * 3600 })],
      }),
    },
  ],
});

serwist.addEventListeners();
addPushListeners(self);
