// Bundles the web server (server/main.ts: the framing proxy in front of Next, ADR 013) into the
// standalone folder as its server.js, in place of the one `next build` generates. Everything it
// imports is inlined except `next`, which the standalone folder ships.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { webRoot } from './ensure-build.mjs';

export async function buildWebServer() {
  await build({
    entryPoints: [join(webRoot, 'server', 'main.ts')],
    outfile: join(webRoot, '.next', 'standalone', 'apps', 'web', 'server.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['next'],
    // Bundled CommonJS dependencies call require() for Node built-ins.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    minifyWhitespace: true,
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildWebServer();
