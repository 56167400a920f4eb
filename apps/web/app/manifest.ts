import type { MetadataRoute } from 'next';
import { appName } from '@/lib/env.server';

/** The web app manifest: what a phone needs to install the app (name, icons, start page). */
export default function manifest(): MetadataRoute.Manifest {
  const name = appName();
  return {
    name,
    short_name: name.length > 12 ? 'Todo' : name,
    description: 'Tasks, with an assistant that manages them for you.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#f8fafc',
    theme_color: '#1d4ed8',
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
