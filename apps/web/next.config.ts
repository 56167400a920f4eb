import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import withSerwistInit from '@serwist/next';
import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const nextConfig: NextConfig = {
  // One image serves every environment: the standalone server lands at
  // .next/standalone/apps/web/server.js because tracing starts at the repository root.
  output: 'standalone',
  outputFileTracingRoot: repoRoot,
  // The shared contract ships TypeScript source written for NodeNext (`./tasks.js` means
  // `./tasks.ts`). Turbopack 16.4 cannot map that extension; webpack can (ADR 011).
  transpilePackages: ['@todo/contracts'],
  experimental: { extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } },
  // The build checks the app's types only; tests are checked by `npm run typecheck`.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  poweredByHeader: false,
  reactStrictMode: true,
  // No run-time image optimisation: keeps `sharp` out of the standalone output.
  images: { unoptimized: true },
  // The translation runtime is one shared chunk. Left to the defaults, webpack copies it into
  // the root error boundary's chunk as well as the layout's, and every page loads it twice.
  webpack(config, { isServer }) {
    const splitChunks = config.optimization?.splitChunks;
    if (!isServer && splitChunks && typeof splitChunks === 'object') {
      splitChunks.cacheGroups = {
        ...splitChunks.cacheGroups,
        intl: {
          test: /[\\/]node_modules[\\/](use-intl|next-intl|icu-minify)[\\/]/,
          name: 'intl',
          chunks: 'all',
          enforce: true,
          priority: 50,
        },
      };
    }
    return config;
  },
  // Constant headers of every response; pages also get a per-request CSP from proxy.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'x-content-type-options', value: 'nosniff' },
          { key: 'referrer-policy', value: 'strict-origin-when-cross-origin' },
          { key: 'x-frame-options', value: 'DENY' },
        ],
      },
    ];
  },
};

// The service worker (app/sw.ts → public/sw.js, ADR 065); off under `next dev`, where files change.
const withSerwist = withSerwistInit({
  swSrc: 'app/sw.ts',
  swDest: 'public/sw.js',
  disable: process.env.NODE_ENV === 'development',
  register: true,
  reloadOnOnline: false,
});

// Languages (ADR 014): i18n/request.ts picks the locale per request; messages/*.json are
// compiled at build time, so the browser formats them without shipping an ICU parser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  experimental: {
    messages: { path: './messages', format: 'json', locales: 'infer', precompile: true },
  },
});

export default withSerwist(withNextIntl(nextConfig));
